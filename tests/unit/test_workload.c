#define _POSIX_C_SOURCE 200809L
/* The background writer (sim/workload.c), started from the environment as
 * users start it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/database.h"
#include "fixture.h"
#include "engine/init_term.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "log/log.h"
#include "os/os.h"
#include "workload/scenario.h"
#include "instance/session.h"
#include "workload/workload.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* ESENT_SIM_SCENARIO turns an unmodified program's instance busy: its
 * database is made at JetInit, pages change, the file grows, logs roll. */
static void scenario_from_the_environment(void **state)
{
	struct log_names names = { "i/", "edb", 3 };
	struct sim_database_file_info before, after;
	uintptr_t inst, ses;
	write_file("busy.ini", "database = busy.edb\nrate = 4000\nbytes = 1000\n"
			       "grow_every = 100\ngrow_pages = 8\n");
	setenv(SCENARIO_ENV, "busy.ini", 1);
	start_instance("w", "i", &inst, &ses);
	/* relative to the instance's system path */
	assert_int_equal(sim_database_file_info("i/busy.edb", &before), JET_errSuccess);
	assert_true(before.attached);
	os_sleep_ms(600);
	assert_int_equal(sim_database_file_info("i/busy.edb", &after), JET_errSuccess);
	assert_true(after.file_size > before.file_size);
	assert_true(log_lowest_archived(&names) >= 1);
	/* the application sees it attached already */
	assert_int_equal(sim_attach_database(ses, "i/busy.edb", 0, 0), JET_wrnDatabaseAttached);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_database_file_info("i/busy.edb", &after), JET_errSuccess);
	assert_int_equal(after.header.state, JET_dbstateCleanShutdown);
	/* attached again, not made again, next time */
	start_instance("w", "i", &inst, &ses);
	assert_int_equal(sim_database_file_info("i/busy.edb", &before), JET_errSuccess);
	assert_true(before.attached);
	assert_int_equal(before.header.db_signature.random, after.header.db_signature.random);
	unsetenv(SCENARIO_ENV);
}

static void bad_scenario_fails_init(void **state)
{
	uintptr_t inst;
	write_file("bad.ini", "rate = fast\n");
	setenv(SCENARIO_ENV, "bad.ini", 1);
	assert_int_equal(sim_create_instance(&inst, "b", NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errInvalidParameter);
	assert_true(inst == 0);
	setenv(SCENARIO_ENV, "missing.ini", 1);
	assert_int_equal(sim_create_instance(&inst, "b", NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errFileNotFound);
	unsetenv(SCENARIO_ENV);
	assert_int_equal(sim_create_instance(&inst, "b", NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
}

/* JetStopServiceInstance2's background level pauses the writer; Resume
 * lets it go on. */
static void background_stop_pauses_the_writer(void **state)
{
	struct scenario s;
	struct workload *w;
	struct instance *in;
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t paused;
	start_instance("p", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	scenario_defaults(&s);
	s.rate = 2000;
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(workload_start(in, &s, &w), JET_errSuccess);
	instance_leave(in, 0);
	os_sleep_ms(100);
	assert_int_equal(sim_stop_service_instance(inst, JET_bitStopServiceBackgroundUserTasks),
			 JET_errSuccess);
	os_sleep_ms(20);
	paused = workload_writes(w);
	assert_true(paused > 0);
	os_sleep_ms(100);
	assert_int_equal(workload_writes(w), paused);
	assert_int_equal(sim_stop_service_instance(inst, JET_bitStopServiceResume), JET_errSuccess);
	os_sleep_ms(100);
	assert_true(workload_writes(w) > paused);
	workload_stop(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(scenario_from_the_environment),
		CASE(bad_scenario_fails_init),
		CASE(background_stop_pauses_the_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
