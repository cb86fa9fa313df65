# libparley.so: the library as it is installed (docs/install.md), made from the objects of
# parley_objects, which the static libparley.a of the build tree shares.

# Debian's multiarch layout (lib/x86_64-linux-gnu) whatever the prefix, not only under /usr as
# GNUInstallDirs chooses: the .deb is made from an ordinary build tree, configured for /usr/local,
# by installing it again under /usr; and /usr/local/lib/<triplet> is on Debian's library path too.
if(NOT DEFINED CMAKE_INSTALL_LIBDIR AND CMAKE_LIBRARY_ARCHITECTURE AND EXISTS /etc/debian_version)
  set(CMAKE_INSTALL_LIBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE} CACHE PATH "Object code libraries (lib)")
endif()
include(GNUInstallDirs)

add_library(parley_shared SHARED ${PARLEY_WORKER_PATH_SOURCE})
target_link_libraries(parley_shared PRIVATE parley_objects)
target_include_directories(parley_shared PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
# The headers also parse as C++17, but the library is C++20 and so are the programs it is tested
# with; a consumer compiled as C++20 mixes nothing.
target_compile_features(parley_shared PUBLIC cxx_std_20)
# Every symbol stays visible, as in the programs that load plugins (docs/plugins.md): a plugin
# calls private functions of the library through inline code of the public headers and shares its
# registries. So no ABI is promised between 0.x releases and the soname carries major.minor until
# 1.0 (libparley.so.0.1): a 0.1.y release may replace 0.1.x, a 0.2 is a new library beside it.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(PARLEY_SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
else()
  set(PARLEY_SOVERSION ${PROJECT_VERSION_MAJOR})
endif()
set_target_properties(parley_shared PROPERTIES
  OUTPUT_NAME parley EXPORT_NAME parley VERSION ${PROJECT_VERSION} SOVERSION ${PARLEY_SOVERSION})

# The installed library finds the installed parley-worker relative to its own file, so that any
# program linking it (not only `parley`, which is not beside the worker either) finds it wherever
# the tree is installed or unpacked, and never the build tree's (src/isolation/worker_path.cc).
# The worker is a program only the library starts: it goes to libexec, off the PATH.
set(PARLEY_INSTALL_WORKER_DIR ${CMAKE_INSTALL_LIBEXECDIR}/parley)
file(RELATIVE_PATH PARLEY_WORKER_FROM_LIBRARY ${CMAKE_INSTALL_FULL_LIBDIR}
     ${CMAKE_INSTALL_FULL_LIBEXECDIR}/parley/parley-worker)
target_compile_definitions(parley_shared PRIVATE PARLEY_WORKER_FROM_LIBRARY="${PARLEY_WORKER_FROM_LIBRARY}")

# Installed programs and modules that link libparley find it relative to their own place
# ($ORIGIN/<relative path to the library directory>), so that an installed tree runs wherever it
# was installed or unpacked, with nothing in the environment; in particular the worker program
# that any program linking the library starts. Under /usr the path is the system's own library
# directory. `install_dir` is where `target` is installed, relative to the prefix.
function(parley_install_rpath target install_dir)
  file(RELATIVE_PATH relative ${CMAKE_INSTALL_PREFIX}/${install_dir} ${CMAKE_INSTALL_FULL_LIBDIR})
  set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN/${relative}")
endfunction()
