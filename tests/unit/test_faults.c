#define _POSIX_C_SOURCE 200809L
/* The scenario's [faults] section (sim/workload/faults.c): each kind fires
 * where it is set, with the engine's code, once, always or by a seeded
 * chance, and leaves a line in the fault log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backup/backup.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "jet_values.h"
#include "os/os.h"
#include "workload/faults.h"
#include "workload/scenario.h"

#define PAGE 4096
#define CHUNK (16 * PAGE)

static unsigned char buf[CHUNK] __attribute__((aligned(4096)));

/* An instance under the given [faults] lines (an idle writer), with one
 * database a.edb whose changes (writes of them) filled a few log
 * generations; each in a folder of its own. */
static void start_writing(const char *faults, int writes, uintptr_t *inst, uintptr_t *ses)
{
	static unsigned serial;
	char dir[32], db[48];
	FILE *f = fopen("faults.ini", "w");
	uint32_t dbid;
	struct instance *in;
	unsigned char data[200] = { 1 };
	assert_non_null(f);
	fprintf(f, "rate = 0\n[faults]\nlog = fired.log\n%s", faults);
	fclose(f);
	setenv(SCENARIO_ENV, "faults.ini", 1);
	snprintf(dir, sizeof dir, "i%u", ++serial);
	snprintf(db, sizeof db, "%s/a.edb", dir);
	start_instance("f", dir, inst, ses);
	unsetenv(SCENARIO_ENV);
	assert_int_equal(sim_create_database(*ses, db, 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(instance_enter(*inst, 0, &in), JET_errSuccess);
	for (int i = 0; i < writes; i++)
		assert_int_equal(database_write(in, instance_database(in, dbid), 40 + i % 200, 100,
						data, sizeof data), JET_errSuccess);
	instance_leave(in, 0);
}

static void start_with_faults(const char *faults, uintptr_t *inst, uintptr_t *ses)
{
	start_writing(faults, 1500, inst, ses);
}

/* Lines of the fault log for this kind. */
static unsigned fired_lines(const char *kind)
{
	char line[700], prefix[64];
	unsigned n = 0;
	FILE *f = fopen("fired.log", "r");
	snprintf(prefix, sizeof prefix, "esent fault: %s ", kind);
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		n += strncmp(line, prefix, strlen(prefix)) == 0;
	fclose(f);
	return n;
}

/* Reads the database of a full backup; the first error or 0. */
static int read_database(uintptr_t inst, uint64_t *read)
{
	struct path_list dbs;
	uintptr_t h;
	uint64_t size;
	uint32_t got;
	int err;
	*read = 0;
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_attach_info(inst, 0, &dbs), JET_errSuccess);
	err = sim_backup_open_file(inst, 0, dbs.text, &h, &size);
	path_list_free(&dbs);
	while (!err) {
		err = sim_backup_read_file(inst, 0, h, buf, CHUNK, &got);
		if (err || got == 0)
			break;
		*read += got;
	}
	if (!err)
		err = sim_backup_close_file(inst, 0, h);
	return err;
}

/* The log phase: the list, then each log read whole; the first error. */
static int read_logs(uintptr_t inst)
{
	struct path_list logs;
	struct backup_log_info info;
	int err = sim_backup_log_info(inst, 0, &logs, &info);
	for (const char *p = err ? "" : logs.text; !err && *p; p += strlen(p) + 1) {
		uintptr_t h;
		uint64_t size;
		uint32_t got;
		err = sim_backup_open_file(inst, 0, p, &h, &size);
		while (!err && (err = sim_backup_read_file(inst, 0, h, buf, CHUNK, &got)) == 0 && got)
			;
		if (!err)
			err = sim_backup_close_file(inst, 0, h);
	}
	if (!err || logs.text)
		path_list_free(&logs);
	return err;
}

static void read_error_at_an_offset(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	start_with_faults("read_error = file=A.EDB offset=70000\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errDiskIO);
	assert_int_equal(read, 65536);   /* the chunk before it came */
	assert_int_equal(fired_lines("read_error"), 1);
	/* the backup goes on; once means once */
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
}

static void damaged_page_every_time(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	start_with_faults("bad_page = file=a.edb page=20 when=always\n", &inst, &ses);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(read_database(inst, &read), JET_errReadVerifyFailure);
		assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	}
	assert_int_equal(fired_lines("bad_page"), 2);
}

static void damaged_and_missing_logs(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	start_with_faults("bad_log = generation=1\nmissing_log = generation=1\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	/* both fire at the open of generation 1: the first named wins */
	assert_int_equal(read_logs(inst), JET_errLogReadVerifyFailure);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errNoBackup);
	assert_int_equal(fired_lines("bad_log"), 1);
	assert_int_equal(fired_lines("missing_log"), 1);
}

static void missing_log(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	start_with_faults("missing_log = generation=2\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	assert_int_equal(read_logs(inst), JET_errMissingFileToBackup);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errNoBackup);
}

static void server_stops_after_bytes_and_at_logs(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	start_with_faults("stop_backup = after=100000\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errBackupAbortByServer);
	assert_int_equal(read, 131072);   /* the read that crossed it came whole */
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	term_everything(state);

	start_with_faults("stop_backup = phase=logs\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	assert_int_equal(read_logs(inst), JET_errBackupAbortByServer);
	assert_int_equal(fired_lines("stop_backup"), 2);
}

/* An instance started under these [faults] lines (an idle writer). */
static void start_scenario(const char *faults, const char *name, const char *dir, uintptr_t *inst,
			   uintptr_t *ses)
{
	FILE *f = fopen("faults.ini", "w");
	assert_non_null(f);
	fprintf(f, "rate = 0\n[faults]\nlog = fired.log\n%s", faults);
	fclose(f);
	setenv(SCENARIO_ENV, "faults.ini", 1);
	start_instance(name, dir, inst, ses);
	unsetenv(SCENARIO_ENV);
}

/* A log append meets a full disk: that call gets JET_errLogDiskFull, the
 * log is down, and the instance is offline: every later call on it and
 * its sessions gets the engine's
 * JET_errInstanceUnavailableDueToFatalLogDiskFull (INST::SetInstanceUnavailable,
 * INST::ErrAPIEnter, jetapi.cxx); JetTerm still ends it.  A database
 * growth meets it with JET_errDiskFull and the instance goes on. */
static void disk_full(void **state)
{
	uintptr_t inst, ses, other;
	uint32_t dbid;
	struct instance *in;
	unsigned char data[8] = { 0 };
	start_scenario("disk_full = on=log\n", "f", "i", &inst, &ses);
	/* the creation's first log record meets the full disk */
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errLogDiskFull);
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &dbid),
			 JET_errInstanceUnavailableDueToFatalLogDiskFull);
	assert_int_equal(sim_begin_session(inst, &other), JET_errInstanceUnavailableDueToFatalLogDiskFull);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errInstanceUnavailableDueToFatalLogDiskFull);
	assert_int_equal(fired_lines("disk_full"), 1);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);

	start_scenario("disk_full = on=grow when=always\n", "g", "j", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "j/b.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(database_write(in, instance_database(in, dbid), 40, 100, data, sizeof data),
			 JET_errSuccess);
	assert_int_equal(database_grow(in, instance_database(in, dbid), 1000), JET_errDiskFull);
	assert_int_equal(database_grow(in, instance_database(in, dbid), 1000), JET_errDiskFull);
	instance_leave(in, 0);
	assert_int_equal(sim_begin_session(inst, &other), JET_errSuccess);
	assert_int_equal(fired_lines("disk_full"), 3);
}

/* The server terminates the instance during a backup (JetTerm2 with
 * JET_bitTermStopBackup): the call that reached the point returns as it
 * would, the client's next backup call finds no instance, as ESE's
 * ErrFindPinst answers for a handle no longer in its table. */
static void server_terminates_mid_backup(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	struct path_list logs;
	struct backup_log_info info;
	start_with_faults("terminate = after=100000\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errInvalidParameter);
	assert_int_equal(read, 131072);   /* the read that crossed it came whole */
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errInvalidParameter);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errInvalidParameter);
	assert_int_equal(fired_lines("terminate"), 1);

	start_with_faults("terminate = phase=logs\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, &info), JET_errBackupAbortByServer);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errInvalidParameter);
	assert_int_equal(fired_lines("terminate"), 2);
}

static void slow_reads(void **state)
{
	uintptr_t inst, ses;
	uint64_t read, t0;
	start_with_faults("slow_io = delay_ms=20\n", &inst, &ses);
	t0 = os_monotonic_ms();
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	/* one wait a read: a lower bound only, no timing beyond it */
	assert_true(os_monotonic_ms() - t0 >= 20 * (read / CHUNK));
	assert_true(fired_lines("slow_io") >= read / CHUNK);
}

static void held_open(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	start_with_faults("held_open = file=a.edb\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errFileAccessDenied);
	/* refused, the backup goes on: the next try opens it */
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
}

static void seeded_probability(void **state)
{
	uintptr_t inst, ses;
	uint64_t read;
	unsigned first;
	start_with_faults("seed = 7\nslow_io = delay_ms=1 when=0.5\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	first = fired_lines("slow_io");
	/* some reads, not all, and the same ones for the same seed */
	assert_true(first > 0 && first < read / CHUNK);
	term_everything(state);
	remove("fired.log");
	start_with_faults("seed = 7\nslow_io = delay_ms=1 when=0.5\n", &inst, &ses);
	assert_int_equal(read_database(inst, &read), JET_errSuccess);
	assert_int_equal(fired_lines("slow_io"), first);
}

static void bad_lines(void **state)
{
	static const char *const bad[] = {
		"[faults]\nread_error = file=a.edb\n",          /* no offset */
		"[faults]\nread_error = offset=5\n",            /* no file */
		"[faults]\nbad_page = file=a.edb page=0\n",
		"[faults]\nstop_backup = after=5 phase=logs\n",
		"[faults]\ndisk_full = on=tape\n",
		"[faults]\nterminate = after=5 phase=logs\n",
		"[faults]\nslow_io = delay_ms=5 when=1.5\n",
		"[faults]\nmeteor = file=a.edb\n",
		"[faults]\nheld_open = file=a.edb colour=red\n",
		"[faults]\nheld_open\n",
	};
	struct scenario s;
	unsigned line;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(scenario_parse(bad[i], &s, &line), JET_errInvalidParameter);
	assert_int_equal(scenario_parse("rate = 3\n[faults]\nseed = 2\nheld_open = file=x\n"
					"[workload]\nbytes = 9\n", &s, NULL), JET_errSuccess);
	assert_int_equal(faults_count(s.faults), 1);
	assert_int_equal(s.bytes, 9);
	scenario_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(read_error_at_an_offset),
		CASE(damaged_page_every_time),
		CASE(damaged_and_missing_logs),
		CASE(missing_log),
		CASE(server_stops_after_bytes_and_at_logs),
		CASE(disk_full),
		CASE(server_terminates_mid_backup),
		CASE(slow_reads),
		CASE(held_open),
		CASE(seeded_probability),
		CASE(bad_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
