# The engine, its unit tests and the fuzzer once more, built with
# ThreadSanitizer, as a sub-build of this tree; its tests (tsan.*) join this
# build's ctest.  A data race in sim/ fails the test that reached it.
include(ExternalProject)

set(tsan_flags "-fsanitize=thread -fno-omit-frame-pointer")
ExternalProject_Add(native-tsan
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/tsan
  CMAKE_ARGS
    -DESENT_WINDOWS=OFF
    -DESENT_SANITIZE=OFF
    -DESENT_TSAN=OFF
    -DESENT_UNIT_LABEL=tsan
    -DCMAKE_BUILD_TYPE=Debug
    "-DCMAKE_C_FLAGS=${tsan_flags} -O1"
    "-DCMAKE_EXE_LINKER_FLAGS=${tsan_flags}"
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON)

file(WRITE ${CMAKE_BINARY_DIR}/tsan-tests.cmake "subdirs(\"${CMAKE_BINARY_DIR}/tsan\")\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${CMAKE_BINARY_DIR}/tsan-tests.cmake)
