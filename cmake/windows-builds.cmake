# The Windows builds are sub-builds of this same source tree, one per
# architecture, each with its MinGW toolchain file.  Their tests (run under
# Wine) are pulled into this build's ctest, all sharing one Wine prefix and
# one persistent wineserver, started and stopped by a ctest fixture.
include(ExternalProject)

set(WINE_PREFIX ${CMAKE_BINARY_DIR}/wineprefix)

set(esent_windows_arches x86_64 i686)
set(esent_ctest_includes "")
set(esent_windows_targets "")
foreach(arch IN LISTS esent_windows_arches)
  list(APPEND esent_windows_targets windows-${arch})
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

# The main job: every sample under Wine, then the flagship backup client
# again with its output shown, a full and an incremental backup of a busy
# instance, and their restore into a fresh folder compared page by page.
add_custom_target(run-samples
  COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${CMAKE_BINARY_DIR} -L sample --output-on-failure
  COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${CMAKE_BINARY_DIR} -R "^x86_64[.]sample[.](backup_client|restore)" -V
  USES_TERMINAL
  VERBATIM)

# The benchmark: streaming backup beside a plain read of the same file,
# printed, never a test.  Builds the Windows sub-builds, then runs in
# ${CMAKE_BINARY_DIR}/benchmark the engine's backup_bench natively and the
# x86_64 one under Wine, then backup_throughput under Wine, idle and then
# busy, with a wineserver of its own for the run.  Arguments:
# -DESENT_BACKUP_BENCH_ARGS="--large;--many-logs" for backup_bench,
# -DESENT_BENCHMARK_ARGS="DATABASE_MIB;BUFFER_KIB;REPEATS" for
# backup_throughput.
set(ESENT_BENCHMARK_ARGS "" CACHE STRING
  "backup_throughput's arguments for the benchmark target (DATABASE_MIB BUFFER_KIB REPEATS)")
set(ESENT_BACKUP_BENCH_ARGS "" CACHE STRING
  "backup_bench's arguments for the benchmark target (--large --many-logs --repeats N)")
string(REPLACE ";" " " backup_bench_args "${ESENT_BACKUP_BENCH_ARGS}")
add_custom_target(benchmark
  COMMAND ${CMAKE_COMMAND} -E env "BACKUP_BENCH_ARGS=${backup_bench_args}"
          ${CMAKE_SOURCE_DIR}/bench/run-benchmark.sh ${CMAKE_SOURCE_DIR} ${WINE_PREFIX}
          ${CMAKE_BINARY_DIR}/windows-x86_64/bin ${CMAKE_BINARY_DIR}/benchmark
          $<TARGET_FILE:backup_bench> ${ESENT_BENCHMARK_ARGS}
  DEPENDS ${esent_windows_targets} backup_bench restore_bench
  USES_TERMINAL
  VERBATIM)

# scripts/esent-wine.sh against a fresh Wine prefix of its own: install, a
# program run from another folder loads our DLL; uninstall, it gets Wine's.
add_test(NAME wine.install
  COMMAND ${CMAKE_SOURCE_DIR}/tests/wine/install-test.sh
          ${CMAKE_SOURCE_DIR}/scripts/esent-wine.sh
          ${CMAKE_BINARY_DIR}/windows-x86_64/bin/esent.dll
          ${CMAKE_BINARY_DIR}/windows-i686/bin/esent.dll
          ${CMAKE_BINARY_DIR}/windows-x86_64/bin/instance_lifecycle.exe
          ${CMAKE_BINARY_DIR}/scratch/wine-install)
set_tests_properties(wine.install PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 400 LABELS wine)

# `cmake --install` and the Debian package: both DLLs, the Wine prefix
# installer, and the samples of each architecture.
foreach(arch IN LISTS esent_windows_arches)
  set(bin ${CMAKE_BINARY_DIR}/windows-${arch}/bin)
  install(FILES ${bin}/esent.dll DESTINATION lib/esent/${arch})
  install(CODE "file(GLOB samples \"${bin}/*.exe\")
    list(FILTER samples EXCLUDE REGEX \"/(probe-|import_all|hostile_input)[^/]*$\")
    file(INSTALL \${samples} DESTINATION \"\${CMAKE_INSTALL_PREFIX}/share/esent/samples/${arch}\")")
endforeach()
install(FILES ${CMAKE_SOURCE_DIR}/samples/busy.ini DESTINATION share/esent/samples)
install(PROGRAMS ${CMAKE_SOURCE_DIR}/scripts/esent-wine.sh DESTINATION bin RENAME esent-wine)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/esent)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME esent-wine)
set(CPACK_PACKAGE_CONTACT "esent project")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "ESENT-compatible esent.dll for Wine, with samples")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "wine")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
