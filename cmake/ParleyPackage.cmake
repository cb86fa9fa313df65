# The Debian package: `cpack --config build/CPackConfig.cmake` writes parley_<version>-1_<arch>.deb
# (docs/install.md).
#
# One package holds every component. The development files are small and need no other -dev
# package (the public headers include only the standard library), and every C++ use of Parley,
# plugins included, compiles against them; the Python module is a few megabytes. A split in
# Debian's manner (libparley0.1, libparley-dev, parley, python3-parley) follows the install
# components by setting CPACK_DEB_COMPONENT_INSTALL.
set(PARLEY_PACKAGE_MAINTAINER "Parley maintainers <maintainers@parley.invalid>" CACHE STRING
    "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME parley)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "automated negotiation engine: scenarios, negotiators, protocols, analysis")
set(CPACK_PACKAGE_DESCRIPTION
    "Parley models, runs and analyses negotiations between software negotiators: several parties \
with private preferences over multi-issue deals, talking directly or through mediators, on several \
tracks at once. It reads GENIUS / ANAC, GeniusWeb and NegMAS scenarios, ships the field's standard \
strategies, runs negotiations and tournaments, and computes the Pareto frontier, the zone of \
agreement and the bargaining solutions.\n\
This package holds the parley program, the shared library with its headers, CMake package and \
pkg-config file, and the Python package parley.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PARLEY_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# dpkg-shlibdeps (dpkg-dev) computes the libraries' packages from the ELF files; the Python
# module adds the interpreter it was built for (python/CMakeLists.txt), and numpy, without which
# the Python package returns lists instead of arrays.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${PARLEY_DEB_PYTHON_DEPENDS}")
if(PARLEY_DEB_PYTHON_DEPENDS)
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS python3-numpy)
endif()
# A shlibs file, so that packages built against libparley depend on this one; and the ldconfig
# trigger that comes with it.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
include(CPack)
