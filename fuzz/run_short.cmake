# The short run of one fuzz target, as a test: a fixed number of executions from its seeds with a
# fixed random seed, in a fresh working corpus (so that every run starts from the same place),
# failing on any crash, sanitizer report, broken invariant, leak or input slower than 25 s.
#
#   cmake -DFUZZER=path -DRUNS=n -DWORK=folder -DSEEDS="dir;dir" [-DDICTIONARY=file] -P run_short.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
set(arguments -runs=${RUNS} -seed=1 -timeout=25 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1
              -artifact_prefix=${WORK}/artifacts/)
if(DICTIONARY)
  list(APPEND arguments -dict=${DICTIONARY})
endif()
set(corpora ${WORK}/corpus)
foreach(dir ${SEEDS})
  if(IS_DIRECTORY ${dir})
    list(APPEND corpora ${dir})
  endif()
endforeach()
execute_process(COMMAND ${FUZZER} ${arguments} ${corpora} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(GLOB artifacts ${WORK}/artifacts/*)
  message(FATAL_ERROR "${FUZZER} failed (${result}); the input is in: ${artifacts}")
endif()
