#define _POSIX_C_SOURCE 200809L
/* Workload scenario files (sim/scenario.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "jet_values.h"
#include "workload/scenario.h"

static void defaults_for_empty_text(void **state)
{
	struct scenario s;
	assert_int_equal(scenario_parse("", &s, NULL), JET_errSuccess);
	assert_null(s.database);
	assert_int_equal(s.rate, 100);
	assert_int_equal(s.bytes, 256);
}

static void every_key(void **state)
{
	struct scenario s;
	const char *text = "# busy database\n[workload]\n"
			   "database = C:\\data\\busy.edb ; the one\n"
			   "rate=500\nbytes = 1000\ngrow_every = 7\ngrow_pages = 3\n"
			   "max_pages = 99\nseed = 42\n";
	assert_int_equal(scenario_parse(text, &s, NULL), JET_errSuccess);
	assert_string_equal(s.database, "C:\\data\\busy.edb");
	assert_int_equal(s.rate, 500);
	assert_int_equal(s.bytes, 1000);
	assert_int_equal(s.grow_every, 7);
	assert_int_equal(s.grow_pages, 3);
	assert_int_equal(s.max_pages, 99);
	assert_int_equal(s.seed, 42);
	scenario_free(&s);
}

static void bad_lines_are_reported(void **state)
{
	struct scenario s;
	unsigned line = 0;
	assert_int_equal(scenario_parse("rate = 5\nspeed = 3\n", &s, &line), JET_errInvalidParameter);
	assert_int_equal(line, 2);
	assert_int_equal(scenario_parse("rate = -5\n", &s, &line), JET_errInvalidParameter);
	assert_int_equal(scenario_parse("rate 5\n", &s, &line), JET_errInvalidParameter);
	assert_int_equal(scenario_parse("rate = 99999999999\n", &s, &line), JET_errInvalidParameter);
	assert_int_equal(scenario_parse("bytes = 0\n", &s, &line), JET_errInvalidParameter);
	assert_int_equal(scenario_parse("database =\n", &s, &line), JET_errInvalidParameter);
}

static void environment(void **state)
{
	struct scenario s;
	FILE *f = fopen("scenario.ini", "w");
	assert_non_null(f);
	fputs("rate = 7\n", f);
	fclose(f);
	unsetenv(SCENARIO_ENV);
	assert_int_equal(scenario_from_environment(&s), 0);
	setenv(SCENARIO_ENV, "scenario.ini", 1);
	assert_int_equal(scenario_from_environment(&s), 1);
	assert_int_equal(s.rate, 7);
	setenv(SCENARIO_ENV, "missing.ini", 1);
	assert_int_equal(scenario_from_environment(&s), JET_errFileNotFound);
	unsetenv(SCENARIO_ENV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_for_empty_text),
		cmocka_unit_test(every_key),
		cmocka_unit_test(bad_lines_are_reported),
		cmocka_unit_test(environment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
