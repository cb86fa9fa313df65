# The conformance library (conformance.h) and the fixtures it uses: compiled into the test program
# and into the fuzz targets' support library, which run the same checks.
set(PARLEY_CONFORMANCE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/conformance_boa.cc
  ${CMAKE_CURRENT_LIST_DIR}/conformance_formats.cc
  ${CMAKE_CURRENT_LIST_DIR}/conformance_negotiation.cc
  ${CMAKE_CURRENT_LIST_DIR}/conformance_preferences.cc
  ${CMAKE_CURRENT_LIST_DIR}/conformance_referee.cc
  ${CMAKE_CURRENT_LIST_DIR}/conformance_suites.cc
  ${CMAKE_CURRENT_LIST_DIR}/conformance_witness.cc
  ${CMAKE_CURRENT_LIST_DIR}/fixtures.cc)
