# The Windows builds are sub-builds of this same source tree, one per
# architecture, each with its MinGW toolchain file.  Their tests (run under
# Wine) are pulled into this build's ctest, all sharing one Wine prefix and
# one persistent wineserver, started and stopped by a ctest fixture.
include(ExternalProject)

set(WINE_PREFIX ${CMAKE_BINARY_DIR}/wineprefix)

set(esent_windows_arches x86_64 i686)
set(esent_ctest_includes "")
foreach(arch IN LISTS esent_windows_arches)
  ExternalProject_Add(windows-${arch}
    SOURCE_DIR ${CMAKE_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/windows-${arch}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/mingw-${arch}.cmake
      -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
      -DWINE_PREFIX=${WINE_PREFIX}
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)
  string(APPEND esent_ctest_includes "subdirs(\"${CMAKE_BINARY_DIR}/windows-${arch}\")\n")
endforeach()

file(WRITE ${CMAKE_BINARY_DIR}/windows-tests.cmake "${esent_ctest_includes}")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${CMAKE_BINARY_DIR}/windows-tests.cmake)

# One wineserver for the whole run: the first start creates the prefix
# (about 10 s), every later program then starts in well under a second.
add_test(NAME wine.start
  COMMAND ${CMAKE_SOURCE_DIR}/tests/wine/wine-session.sh start ${WINE_PREFIX})
add_test(NAME wine.stop
  COMMAND ${CMAKE_SOURCE_DIR}/tests/wine/wine-session.sh stop ${WINE_PREFIX})
set_tests_properties(wine.start PROPERTIES FIXTURES_SETUP wine)
set_tests_properties(wine.stop PROPERTIES FIXTURES_CLEANUP wine)

# The main job: the samples, run under Wine with their output shown.
add_custom_target(run-samples
  COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${CMAKE_BINARY_DIR} -L sample -V
  USES_TERMINAL)
