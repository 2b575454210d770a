#define _POSIX_C_SOURCE 200809L
/* Races between API calls, and files that are not what their name says:
 * what a hostile host found, each case made to happen on purpose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pthread.h>
#include <cmocka.h>

#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "fixture.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "os/os.h"
#include "workload/scenario.h"
#include "instance/session.h"

/* This test is linked with -Wl,--wrap=os_mutex_lock,--wrap=os_file_write_at:
 * one chosen thread can be held just before it takes one chosen lock, and
 * writes can be made to fail. */
void __real_os_mutex_lock(os_mutex *m);
void __wrap_os_mutex_lock(os_mutex *m);
void __real_os_mutex_unlock(os_mutex *m);
void __wrap_os_mutex_unlock(os_mutex *m);
int __real_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len);
int __wrap_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len);

static pthread_mutex_t gate_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static os_mutex *gate_lock;           /* the lock the held thread waits before */
static pthread_t gate_thread;
static int gate_armed, gate_reached, gate_open;
static int gate_after_unlock;         /* hold at the next lock after releasing gate_lock */
static int gate_unlocked;
static int write_fault;

void __wrap_os_mutex_lock(os_mutex *m)
{
	pthread_mutex_lock(&gate_mutex);
	if (gate_armed && pthread_equal(pthread_self(), gate_thread) &&
	    (gate_after_unlock ? gate_unlocked : m == gate_lock)) {
		gate_armed = 0;
		gate_reached = 1;
		pthread_cond_broadcast(&gate_cond);
		while (!gate_open)
			pthread_cond_wait(&gate_cond, &gate_mutex);
	}
	pthread_mutex_unlock(&gate_mutex);
	__real_os_mutex_lock(m);
}

void __wrap_os_mutex_unlock(os_mutex *m)
{
	__real_os_mutex_unlock(m);
	pthread_mutex_lock(&gate_mutex);
	if (gate_armed && gate_after_unlock && m == gate_lock &&
	    pthread_equal(pthread_self(), gate_thread))
		gate_unlocked = 1;
	pthread_mutex_unlock(&gate_mutex);
}

int __wrap_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len)
{
	if (write_fault)
		return write_fault;
	return __real_os_file_write_at(f, offset, buf, len);
}

/* Before the held thread starts: nothing reached yet. */
static void gate_reset(void)
{
	pthread_mutex_lock(&gate_mutex);
	gate_armed = gate_reached = gate_open = gate_unlocked = 0;
	pthread_mutex_unlock(&gate_mutex);
}

static void gate_wait_reached(void)
{
	pthread_mutex_lock(&gate_mutex);
	while (!gate_reached)
		pthread_cond_wait(&gate_cond, &gate_mutex);
	pthread_mutex_unlock(&gate_mutex);
}

static void gate_release(void)
{
	pthread_mutex_lock(&gate_mutex);
	gate_open = 1;
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate_mutex);
}

struct create_call {
	uintptr_t inst, sesid;
	uint32_t dbid;
	int err;
};

static void *create_held_at_instance_lock(void *arg)
{
	struct create_call *c = arg;
	struct instance *inst;
	assert_int_equal(instance_enter(c->inst, ENTER_NO_LOCK, &inst), JET_errSuccess);
	pthread_mutex_lock(&gate_mutex);
	gate_lock = inst->lock;
	gate_thread = pthread_self();
	gate_reached = gate_open = gate_after_unlock = gate_unlocked = 0;
	gate_armed = 1;
	pthread_mutex_unlock(&gate_mutex);
	instance_leave(inst, ENTER_NO_LOCK);
	c->err = sim_create_database(c->sesid, "i/late.edb", 0, 0, &c->dbid);
	return NULL;
}

/* JetEndSession runs while a call on the same session waits for the
 * instance lock (held by a long JetGrowDatabase, say): the call must see
 * that the session has ended, not make a database for nobody. */
static void call_waiting_for_the_lock_sees_its_session_ended(void **state)
{
	struct create_call c = { 0 };
	uintptr_t other;
	pthread_t t;
	start_instance("race", "i", &c.inst, &other);
	assert_int_equal(sim_begin_session(c.inst, &c.sesid), JET_errSuccess);
	gate_reset();
	assert_int_equal(pthread_create(&t, NULL, create_held_at_instance_lock, &c), 0);
	gate_wait_reached();
	assert_int_equal(sim_end_session(c.sesid, 0), JET_errSuccess);
	gate_release();
	pthread_join(t, NULL);
	assert_int_equal(c.err, JET_errInvalidSesid);
	assert_int_equal(os_path_exists("i/late.edb"), 0);
	assert_int_equal(sim_term(c.inst, 0), JET_errSuccess);
}

struct init_call {
	uintptr_t inst;
	int err;
};

static void *failing_init_held_after_the_instance_lock(void *arg)
{
	struct init_call *c = arg;
	struct instance *inst;
	assert_int_equal(instance_enter(c->inst, ENTER_NO_LOCK | ENTER_CREATED_OK, &inst),
			 JET_errSuccess);
	pthread_mutex_lock(&gate_mutex);
	gate_lock = inst->lock;
	gate_thread = pthread_self();
	gate_reached = gate_open = gate_unlocked = 0;
	gate_after_unlock = gate_armed = 1;
	pthread_mutex_unlock(&gate_mutex);
	instance_leave(inst, ENTER_NO_LOCK);
	c->err = sim_init(&c->inst, 0);
	return NULL;
}

/* A JetInit fails (its system path cannot be made) while another JetInit
 * of the same instance comes in before the failed instance is gone: the
 * second must not succeed on an instance about to be freed. */
static void init_race(int with_scenario)
{
	struct init_call c = { 0 };
	uintptr_t again, ses;
	pthread_t t;
	int err;
	assert_int_equal(sim_create_instance(&c.inst, "doomed", NULL), JET_errSuccess);
	os_mkdir("i");
	/* a file where a folder of the path should be */
	fclose(fopen("i/file", "w"));
	assert_int_equal(sim_set_param(&c.inst, JET_paramSystemPath, 0, "i/file/sys/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&c.inst, JET_paramLogFilePath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&c.inst, JET_paramCreatePathIfNotExist, 1, NULL),
			 JET_errSuccess);
	again = c.inst;
	if (with_scenario) {
		FILE *f = fopen("busy.ini", "w");
		fputs("database = busy.edb\nrate = 2000\nbytes = 100\n", f);
		fclose(f);
		setenv(SCENARIO_ENV, "busy.ini", 1);
	}
	gate_reset();
	assert_int_equal(pthread_create(&t, NULL, failing_init_held_after_the_instance_lock, &c), 0);
	gate_wait_reached();
	sim_set_param(&again, JET_paramSystemPath, 0, "i/");
	err = sim_init(&again, 0);
	gate_release();
	pthread_join(t, NULL);
	unsetenv(SCENARIO_ENV);
	assert_int_equal(c.err, JET_errInvalidSystemPath);
	if (err == JET_errSuccess) {
		/* then the instance must be there to use */
		assert_int_equal(sim_begin_session(again, &ses), JET_errSuccess);
	} else {
		assert_int_equal(err, JET_errInitInProgress);
	}
	unsetenv(SCENARIO_ENV);
}

static void init_racing_a_failed_init_does_not_succeed(void **state)
{
	init_race(0);
}

/* The same with a scenario: the writer a JetInit starts never outlives
 * its instance (it was the writer of such a freed instance that crashed). */
static void no_writer_on_an_instance_a_failed_init_frees(void **state)
{
	init_race(1);
	/* every instance gone: no writer left behind either */
	os_sleep_ms(50);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long len;
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)len + 1);
	assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return b;
}

static void assert_same_file(const char *path, const unsigned char *was, size_t n)
{
	size_t now_n;
	unsigned char *now = slurp(path, &now_n);
	assert_int_equal(now_n, n);
	assert_memory_equal(now, was, n);
	free(now);
}

/* A database cleanly detached under `path`, made by a passing instance. */
static void make_database_named(const char *path)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	start_instance("maker", "maker", &inst, &ses);
	assert_int_equal(sim_create_database(ses, path, 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, path, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static int init_in(const char *folder, uintptr_t *inst)
{
	char f[256];
	snprintf(f, sizeof f, "%s/", folder);
	assert_int_equal(sim_create_instance(inst, folder, NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramLogFilePath, 0, f), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramSystemPath, 0, f), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramLogFileSize, 128, NULL), JET_errSuccess);
	return sim_init(inst, 0);
}

/* A database that bears the checkpoint's or the log's name is neither
 * read nor written as one: JetInit refuses it with the engine's
 * JET_errFileInvalidType and the file stays as it was. */
static void files_named_like_the_log_set_are_not_overwritten(void **state)
{
	static const char *const names[] = { "c1/edb.chk", "c2/edb.log" };
	for (unsigned i = 0; i < 2; i++) {
		unsigned char *was;
		size_t n;
		uintptr_t inst, ses;
		char folder[8];
		memcpy(folder, names[i], 2);
		folder[2] = 0;
		os_mkdir(folder);
		make_database_named(names[i]);
		was = slurp(names[i], &n);
		assert_int_equal(init_in(folder, &inst), JET_errFileInvalidType);
		assert_same_file(names[i], was, n);
		/* the database is still a database */
		start_instance("check", "check", &inst, &ses);
		assert_int_equal(sim_attach_database(ses, names[i], 0, 0), JET_errSuccess);
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
		free(was);
	}
}

/* A stopped instance's folder keeps its checkpoint: another instance's
 * JetCreateDatabase of that name finds the file there and refuses it,
 * JET_errDatabaseDuplicate (ErrDBCreateDatabase, db.cxx: ESE checks no
 * name, only that the file exists); with JET_bitDbOverwriteExisting the
 * checkpoint is not deleted (JET_errFileAccessDenied, where ESE's
 * ErrIODeleteDatabase would lose it), and it stays byte-identical: the
 * stopped instance starts again from it. */
static void create_named_like_a_stopped_instance_checkpoint(void **state)
{
	uintptr_t inst, ses, other;
	uint32_t dbid;
	unsigned char *was;
	size_t n;
	os_mkdir("s");
	assert_int_equal(init_in("s", &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	was = slurp("s/edb.chk", &n);
	start_instance("other", "o", &other, &ses);
	assert_int_equal(sim_create_database(ses, "s/edb.chk", 0, 0, &dbid), JET_errDatabaseDuplicate);
	assert_int_equal(sim_create_database(ses, "s/edb.chk", 0, JET_bitDbOverwriteExisting, &dbid),
			 JET_errFileAccessDenied);
	assert_int_equal(sim_create_database(ses, "s/edb.log", 0, JET_bitDbOverwriteExisting, &dbid),
			 JET_errFileAccessDenied);
	assert_same_file("s/edb.chk", was, n);
	assert_int_equal(sim_term(other, 0), JET_errSuccess);
	assert_int_equal(init_in("s", &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(was);
}

/* JET_paramCreatePathIfNotExist: a creation refused leaves no folder. */
static void refused_create_leaves_no_folder(void **state)
{
	static const unsigned ids[] = { JET_paramCreatePathIfNotExist, 0 };
	static const intptr_t values[] = { 1 };
	uintptr_t inst, ses;
	uint32_t dbid;
	char name[32];
	start_instance_with("full", "i", &inst, &ses, ids, values);
	for (unsigned i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "i/d%u.edb", i);
		assert_int_equal(sim_create_database(ses, name, 0, 0, &dbid), JET_errSuccess);
	}
	assert_int_equal(sim_create_database(ses, "new/deeper/x.edb", 0, 0, &dbid),
			 JET_errTooManyAttachedDatabases);
	assert_int_equal(os_path_exists("new"), 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A failure after the folder was made (the disk is full) takes away the
 * folders it made, and only those. */
static void failed_create_takes_its_folders_away(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	assert_int_equal(sim_create_instance(&inst, "nolog", NULL), JET_errSuccess);
	os_mkdir("n");
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, "n/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "n/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramRecovery, 0, "Off"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramCreatePathIfNotExist, 1, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	os_mkdir("n/kept");
	write_fault = OS_DISK_FULL;
	assert_int_equal(sim_create_database(ses, "n/kept/made/deeper/x.edb", 0, 0, &dbid),
			 JET_errDiskFull);
	write_fault = 0;
	assert_int_equal(os_path_exists("n/kept/made"), 0);
	assert_int_equal(os_path_exists("n/kept"), 2);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* The temporary database cannot be made on a full disk: JetInit says so
 * with today's code, not the obsolete JET_errTempFileOpenError. */
static void temp_database_on_a_full_disk(void **state)
{
	uintptr_t inst;
	assert_int_equal(sim_create_instance(&inst, "tmpfull", NULL), JET_errSuccess);
	os_mkdir("t");
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, "t/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "t/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramRecovery, 0, "Off"), JET_errSuccess);
	write_fault = OS_DISK_FULL;
	assert_int_equal(sim_init(&inst, 0), JET_errDiskFull);
	write_fault = 0;
}

/* A log write the device fails: the call gets JET_errLogWriteFail, the
 * log is down (ESE's SetNoMoreLogWrite) and the instance offline: its
 * sessions then get JET_errInstanceUnavailable (not the log-disk-full
 * form: INST::ErrInstanceUnavailableErrorCode, daedef.hxx); JetTerm ends
 * it and the folder's instance starts again. */
static void failed_log_write_takes_the_instance_offline(void **state)
{
	uintptr_t inst, ses, other;
	uint32_t dbid;
	start_instance("down", "d", &inst, &ses);
	write_fault = OS_IO;
	assert_int_equal(sim_create_database(ses, "d/a.edb", 0, 0, &dbid), JET_errLogWriteFail);
	write_fault = 0;
	assert_int_equal(sim_create_database(ses, "d/b.edb", 0, 0, &dbid), JET_errInstanceUnavailable);
	assert_int_equal(sim_attach_database(ses, "d/b.edb", 0, 0), JET_errInstanceUnavailable);
	assert_int_equal(sim_begin_session(inst, &other), JET_errInstanceUnavailable);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(init_in("d", &inst), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "d/b.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void truncate_to(const char *path, long size)
{
	assert_int_equal(truncate(path, size), 0);
}

static long size_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return (long)st.st_size;
}

/* Pages changed through the log, the instance shut down cleanly. */
static void database_with_changes(const char *name, const char *dir, const char *db)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct instance *in;
	unsigned char bytes[64];
	start_instance(name, dir, &inst, &ses);
	assert_int_equal(sim_create_database(ses, db, 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	memset(bytes, 0x5a, sizeof bytes);
	for (uint32_t pgno = 30; pgno < 250; pgno += 7)
		assert_int_equal(database_write(in, instance_database(in, dbid), pgno, 200, bytes,
						sizeof bytes), JET_errSuccess);
	instance_leave(in, 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A database cut short after a clean shutdown is not recovery's concern:
 * JetInit succeeds; attaching the file is what reports it. */
static void truncated_clean_database_does_not_stop_the_instance(void **state)
{
	uintptr_t inst, ses;
	database_with_changes("trunc", "i", "i/t.edb");
	truncate_to("i/t.edb", size_of("i/t.edb") / 2 - 100);
	assert_int_equal(sim_create_instance(&inst, "again", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFileSize, 128, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/t.edb", 0, 0), JET_errDatabaseCorrupted);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A database cut at a page boundary is shorter than the space its root
 * owns (ESE's OwnExt, read at attach as ErrDBSetLastPage reads it):
 * attaching it, read-only or not, is JET_errDatabaseCorrupted and the file
 * stays byte-identical.  Ours, grown ones, and a Windows-made one. */
static void assert_cut_database_refused(uintptr_t ses, const char *path, long cut_to)
{
	unsigned char *was;
	size_t n;
	truncate_to(path, cut_to);
	was = slurp(path, &n);
	assert_int_equal(sim_attach_database(ses, path, 0, JET_bitDbReadOnly), JET_errDatabaseCorrupted);
	assert_int_equal(sim_attach_database(ses, path, 0, 0), JET_errDatabaseCorrupted);
	assert_same_file(path, was, n);
	free(was);
}

static void database_cut_at_a_page_boundary_is_refused(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, actual;
	long size;
	database_with_changes("cut", "i", "i/t.edb");
	size = size_of("i/t.edb");
	start_instance("attach", "j", &inst, &ses);
	assert_int_equal(sim_attach_database(ses, "i/t.edb", 0, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/t.edb", 0), JET_errSuccess);
	assert_cut_database_refused(ses, "i/t.edb", size - 8 * 4096);
	/* grown, then cut back to the size it was made with */
	assert_int_equal(sim_create_database(ses, "j/g.edb", 0, 0, &dbid), JET_errSuccess);
	size = size_of("j/g.edb");
	assert_int_equal(sim_grow_database(ses, dbid, 400, &actual), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "j/g.edb", 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "j/g.edb", 0, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "j/g.edb", 0), JET_errSuccess);
	assert_cut_database_refused(ses, "j/g.edb", size);
	/* Windows-made: its OwnExt tree says how long it is */
	if (windows_fixture("dissect-basic.edb", "basic.edb"))
		assert_cut_database_refused(ses, "basic.edb", size_of("basic.edb") - 4 * 4096);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A log shorter than its header says is damage, reported with the
 * engine's JET_errLogFileSizeMismatch, not a torn tail replayed past. */
static void truncated_log_is_reported(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	start_instance("cut", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/c.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	truncate_to("i/edb.log", size_of("i/edb.log") / 2);
	assert_int_equal(sim_create_instance(&inst, "cut again", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFileSize, 128, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errLogFileSizeMismatch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(init_racing_a_failed_init_does_not_succeed),
		CASE(no_writer_on_an_instance_a_failed_init_frees),
		CASE(call_waiting_for_the_lock_sees_its_session_ended),
		CASE(files_named_like_the_log_set_are_not_overwritten),
		CASE(create_named_like_a_stopped_instance_checkpoint),
		CASE(refused_create_leaves_no_folder),
		CASE(failed_create_takes_its_folders_away),
		CASE(temp_database_on_a_full_disk),
		CASE(failed_log_write_takes_the_instance_offline),
		CASE(truncated_clean_database_does_not_stop_the_instance),
		CASE(truncated_log_is_reported),
		CASE(database_cut_at_a_page_boundary_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
