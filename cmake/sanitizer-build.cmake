# The engine and its unit tests once more, built with AddressSanitizer and
# UndefinedBehaviorSanitizer, as a sub-build of this tree; its tests
# (asan.test_*) join this build's ctest.  A leak, an overrun or undefined
# behaviour anywhere in sim/ fails the test that reached it.
include(ExternalProject)

set(sanitize_flags "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer")
ExternalProject_Add(native-sanitize
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/sanitize
  CMAKE_ARGS
    -DESENT_WINDOWS=OFF
    -DESENT_SANITIZE=OFF
    -DESENT_UNIT_LABEL=asan
    -DCMAKE_BUILD_TYPE=Debug
    "-DCMAKE_C_FLAGS=${sanitize_flags} -O1"
    "-DCMAKE_EXE_LINKER_FLAGS=${sanitize_flags}"
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON)

file(WRITE ${CMAKE_BINARY_DIR}/sanitize-tests.cmake "subdirs(\"${CMAKE_BINARY_DIR}/sanitize\")\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${CMAKE_BINARY_DIR}/sanitize-tests.cmake)
