# add_wine_test(NAME name [WORKDIR dir] COMMAND target [args...]) in the
# Windows sub-builds: runs under Wine through wine-run.sh in a scratch
# directory of its own (or WORKDIR, which tests may share), sharing the
# run's wineserver (fixture "wine").
set(WINE_RUNNER ${PROJECT_SOURCE_DIR}/tests/wine/wine-run.sh)
set(WINE_ARCH_PROBE ${CMAKE_BINARY_DIR}/bin/probe-${CMAKE_SYSTEM_PROCESSOR}.exe)

function(add_wine_test)
  cmake_parse_arguments(T "" "NAME;WORKDIR" "COMMAND" ${ARGN})
  set(name ${CMAKE_SYSTEM_PROCESSOR}.${T_NAME})
  set(workdir ${CMAKE_BINARY_DIR}/scratch/${T_NAME})
  if(T_WORKDIR)
    set(workdir ${T_WORKDIR})
  endif()
  file(MAKE_DIRECTORY ${workdir})
  add_test(NAME ${name} COMMAND ${T_COMMAND} WORKING_DIRECTORY ${workdir})
  set_tests_properties(${name} PROPERTIES
    FIXTURES_REQUIRED wine
    SKIP_RETURN_CODE 77
    TIMEOUT 120
    LABELS "wine;${CMAKE_SYSTEM_PROCESSOR}")
endfunction()
