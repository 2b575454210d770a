/* The POSIX OS layer: what the engine relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "os/os.h"
#include "scratch.h"

static void file_round_trip(void **state)
{
	const char *dir = scratch_dir("round_trip");
	char path[4096], buf[8] = { 0 };
	os_file *f;
	uint64_t size;
	size_t got;

	strcpy(path, scratch_path(dir, "f.bin"));
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_NOT_FOUND);
	assert_int_equal(os_file_open(path, OS_OPEN_CREATE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 4096, "abcd", 4), OS_OK);
	assert_int_equal(os_file_size(f, &size), OS_OK);
	assert_int_equal(size, 4100);
	assert_int_equal(os_file_read_at(f, 4098, buf, 8, &got), OS_OK);
	assert_int_equal(got, 2);
	assert_memory_equal(buf, "cd", 2);
	assert_int_equal(os_file_read_at(f, 4098, buf, 8, NULL), OS_SHORT);
	os_file_close(f);
	assert_int_equal(os_file_open(path, OS_OPEN_CREATE, &f), OS_EXISTS);
	assert_int_equal(os_path_exists(path), 1);
	assert_int_equal(os_path_exists(dir), 2);
	assert_int_equal(os_remove(path), OS_OK);
	assert_int_equal(os_path_exists(path), 0);
}

static void full_path_is_canonical(void **state)
{
	char *p = os_full_path("/a/./b/../c//d");
	assert_string_equal(p, "/a/c/d");
	free(p);
	p = os_full_path("/..");
	assert_string_equal(p, "/");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(file_round_trip),
		cmocka_unit_test(full_path_is_canonical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
