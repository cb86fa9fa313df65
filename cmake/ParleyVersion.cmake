# The version text of a program, with the git revision it was built from: a source that a target
# run at every build rewrites when the revision changed (cmake/write_version_source.cmake). HEAD
# may move without CMake configuring again, so configure time is too early to read it; and the
# text lives in a file of its own, so that only that file is recompiled and the program relinked.
find_package(Git QUIET)

function(parley_add_version_source target)
  set(source ${CMAKE_CURRENT_BINARY_DIR}/${target}_version.cc)
  add_custom_target(${target}_version
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${source} -DVERSION=${PROJECT_VERSION} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            "-DGIT_EXECUTABLE=${GIT_EXECUTABLE}" -P ${PROJECT_SOURCE_DIR}/cmake/write_version_source.cmake
    BYPRODUCTS ${source}
    COMMENT "Reading the git revision of ${PROJECT_SOURCE_DIR}")
  target_sources(${target} PRIVATE ${source})
  add_dependencies(${target} ${target}_version)
endfunction()
