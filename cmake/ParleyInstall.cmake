# What `cmake --install` puts where (docs/install.md), in three components: Runtime (the shared
# library and the programs), Development (headers, the libparley.so link, the CMake package and
# parley.pc) and Python (python/CMakeLists.txt). Every path is relative to the prefix, so an
# installed tree works wherever it is installed, packed or unpacked.
include(CMakePackageConfigHelpers)

install(TARGETS parley_shared EXPORT ParleyTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Runtime NAMELINK_COMPONENT Development)
install(TARGETS parley_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)
parley_install_rpath(parley_cli ${CMAKE_INSTALL_BINDIR})
install(TARGETS parley_worker RUNTIME DESTINATION ${PARLEY_INSTALL_WORKER_DIR} COMPONENT Runtime)
parley_install_rpath(parley_worker ${PARLEY_INSTALL_WORKER_DIR})
install(DIRECTORY include/parley DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development)

set(PARLEY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Parley)
install(EXPORT ParleyTargets NAMESPACE Parley:: DESTINATION ${PARLEY_CMAKE_DIR} COMPONENT Development)
configure_package_config_file(cmake/ParleyConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/ParleyConfig.cmake
  INSTALL_DESTINATION ${PARLEY_CMAKE_DIR})
# The same rule as the soname's (cmake/ParleySharedLibrary.cmake): before 1.0 only the same
# major.minor is compatible.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(compatibility SameMinorVersion)
else()
  set(compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/ParleyConfigVersion.cmake
  COMPATIBILITY ${compatibility})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ParleyConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/ParleyConfigVersion.cmake
  DESTINATION ${PARLEY_CMAKE_DIR} COMPONENT Development)

file(RELATIVE_PATH PARLEY_PC_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" PARLEY_PC_PREFIX "${PARLEY_PC_PREFIX}")
foreach(kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${kind}}")
    set(PARLEY_PC_${kind} "${CMAKE_INSTALL_${kind}}")
  else()
    set(PARLEY_PC_${kind} "\${prefix}/${CMAKE_INSTALL_${kind}}")
  endif()
endforeach()
configure_file(cmake/parley.pc.in ${CMAKE_CURRENT_BINARY_DIR}/parley.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/parley.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
  COMPONENT Development)
