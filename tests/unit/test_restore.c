#define _POSIX_C_SOURCE 200809L
/* Restore (sim/restore/): a streaming backup taken while the workload
 * writes comes back, page for page, as the live database was at the last
 * generation of the set; damaged sets get the engine's codes and leave no
 * database that claims to be consistent. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "backup/backup.h"
#include "backup/file_backup.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "format/dbfile.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "jet_values.h"
#include "log/checkpoint.h"
#include "log/log.h"
#include "os/os.h"
#include "restore/restore.h"
#include "workload/scenario.h"
#include "workload/workload.h"

#define PAGE 4096

static struct log_header log_header_of(const char *path);

static void write_file(const char *path, const void *data, uint64_t size)
{
	os_file *f;
	os_remove(path);
	assert_int_equal(os_file_open(path, OS_OPEN_CREATE_EXCLUSIVE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 0, data, (size_t)size), OS_OK);
	os_file_close(f);
}

/* A backup file copied through the API into `to`, as a client does. */
static void copy_backup_file(uintptr_t inst, const char *path, const char *to, uint32_t chunk)
{
	uintptr_t h;
	uint64_t expected, size = 0;
	uint32_t got;
	void *buf = NULL;
	unsigned char *all;
	assert_int_equal(posix_memalign(&buf, 4096, chunk), 0);
	assert_int_equal(sim_backup_open_file(inst, 0, path, &h, &expected), JET_errSuccess);
	all = malloc(expected);
	do {
		assert_int_equal(sim_backup_read_file(inst, 0, h, buf, chunk, &got), JET_errSuccess);
		memcpy(all + size, buf, got);
		size += got;
	} while (got);
	assert_int_equal(size, expected);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	write_file(to, all, size);
	free(all);
	free(buf);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The set's logs copied into folder `dir`. */
static void copy_logs(uintptr_t inst, const char *dir, struct backup_log_info *info)
{
	struct path_list logs;
	char to[512];
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, info), JET_errSuccess);
	for (const char *p = logs.text; *p; p += strlen(p) + 1) {
		snprintf(to, sizeof to, "%s/%s", dir, base_name(p));
		copy_backup_file(inst, p, to, 16 * PAGE);
	}
	path_list_free(&logs);
}

struct backup_set {
	struct backup_log_info info;
	unsigned char *live;        /* live pages at the set's last generation */
	uint32_t pages;
};

/* Parameters make_set's instance starts with (NULL: none). */
static const unsigned *set_ids;
static const intptr_t *set_values;

/* A full backup of i/a.edb into bk/ (database as bk/a.edb, logs), taken
 * while the workload writes (busy) or after `changes` logged writes. */
static void make_set(const char *name, int busy, int changes, struct backup_set *set)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct instance *in;
	struct workload *w = NULL;
	struct scenario s;

	start_instance_with(name, "i", &inst, &ses, set_ids, set_values);
	os_mkdir("bk");
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	if (changes)
		change_pages(inst, dbid, changes, 0x5A);
	if (busy) {
		scenario_defaults(&s);
		s.rate = 4000;
		s.grow_every = 40;
		s.grow_pages = 4;
		assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
		assert_int_equal(workload_start(in, &s, &w), JET_errSuccess);
		instance_leave(in, 0);
		/* the writer has begun before the copy starts */
		while (workload_writes(w) == 0)
			os_sleep_ms(1);
	}
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	copy_backup_file(inst, "i/a.edb", "bk/a.edb", 3 * PAGE);   /* slowly, as it changes */
	if (w) {
		assert_true(workload_writes(w) > 0);
		workload_stop(w);
	}
	copy_logs(inst, "bk", &set->info);
	/* the set ends with the generation the log list closed */
	set->live = live_pages(inst, dbid, &set->pages);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void expect_restored(const char *path, const struct backup_set *set)
{
	uint64_t size;
	unsigned char *db = file_bytes(path, &size);
	struct db_header h;
	assert_int_equal(db_header_decode(db, PAGE, &h), JET_errSuccess);
	assert_int_equal(h.state, JET_dbstateCleanShutdown);
	/* the copy's backup record spent, earlier backups forgotten, as
	 * ErrIOTermFMP leaves a restored database */
	assert_int_equal(h.full_current.gen_low, 0);
	assert_int_equal(h.full_current.gen_high, 0);
	assert_int_equal(h.full_previous.gen_low, 0);
	assert_int_equal(h.incremental_previous.gen_low, 0);
	assert_true(size >= ((uint64_t)set->pages + 2) * PAGE);
	for (uint32_t pgno = 1; pgno <= set->pages; pgno++)
		assert_memory_equal(db + (uint64_t)(pgno + 1) * PAGE,
				    set->live + (size_t)(pgno - 1) * PAGE, PAGE);
	for (uint32_t pgno = set->pages + 1; pgno < size / PAGE - 1; pgno++)
		assert_true(page_verify(db + (uint64_t)(pgno + 1) * PAGE, PAGE, pgno));
	free(db);
}

static struct external_restore request(const struct restore_map_entry *map, unsigned n,
				       const struct backup_set *set)
{
	struct external_restore r = {
		.checkpoint_path = "rst", .log_path = "rst", .map = map, .map_count = n,
		.backup_log_path = "bk",
		.gen_low = set ? set->info.gen_low : 0, .gen_high = set ? set->info.gen_high : 0,
	};
	return r;
}

struct progress {
	uint32_t begin, progress, complete, last_done, total;
	int fail_at;                /* progress call that returns an error */
};

static int on_status(void *ctx, uint32_t snt, uint32_t done, uint32_t total)
{
	struct progress *p = ctx;
	if (snt == JET_sntBegin)
		p->begin++;
	if (snt == JET_sntComplete)
		p->complete++;
	if (snt == JET_sntProgress) {
		p->progress++;
		assert_true(done > p->last_done);
		p->last_done = done;
		p->total = total;
		if (p->fail_at && (int)p->progress == p->fail_at)
			return JET_errCallbackFailed;
	}
	return JET_errSuccess;
}

/* The round trip under load, into a database of another name (JET_RSTMAP). */
static void busy_round_trip_to_another_name(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "i/a.edb", "r/restored.edb" };
	struct external_restore r;
	struct progress p = { 0 };
	uint64_t size;
	unsigned char *copy;

	make_set("busy", 1, 1500, &set);
	assert_true(set.info.gen_high > set.info.gen_low);
	os_mkdir("r");
	copy = file_bytes("bk/a.edb", &size);
	write_file("r/restored.edb", copy, size);
	free(copy);
	r = request(&map, 1, &set);
	r.status = on_status;
	r.status_ctx = &p;
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	assert_int_equal(p.begin, 1);
	assert_int_equal(p.complete, 1);
	assert_int_equal(p.progress, set.info.gen_high - set.info.gen_low + 1);
	assert_int_equal(p.total, p.progress);
	expect_restored("r/restored.edb", &set);
	/* the live database was not touched */
	assert_int_equal(os_path_exists("i/a.edb"), 1);
	/* restored again: the file is no longer a backup copy (its record
	 * was spent), as logutil.cxx's ErrLGCheckDBFiles finds it */
	memset(&p, 0, sizeof p);
	assert_int_equal(sim_external_restore(&r), JET_errRestoreOfNonBackupDatabase);
	expect_restored("r/restored.edb", &set);
	free(set.live);
}

/* Generations 0 mean the lowest and highest in the backup folder. */
static void range_found_in_the_folder(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct external_restore r;
	make_set("range", 0, 1500, &set);
	r = request(&map, 1, NULL);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("bk/a.edb", &set);
	free(set.live);
}

/* A status callback's error stops the restore, which leaves the database
 * dirty; the restore run again succeeds.  The checkpoint path's old
 * checkpoint is deleted once the set's logs are found sound, before the
 * replay (ErrLGIRSTSetupCheckpoint), so the failed restore leaves none. */
static void callback_error_stops(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct external_restore r;
	struct progress p = { .fail_at = 1 };
	struct sim_database_file_info info;
	unsigned char *old;
	uint64_t size;
	make_set("cb", 0, 1500, &set);
	old = file_bytes("i/edb.chk", &size);
	os_mkdir("rst");
	write_file("rst/edb.chk", old, size);
	r = request(&map, 1, &set);
	r.status = on_status;
	r.status_ctx = &p;
	/* refused while checking the set: the old checkpoint stays */
	r.gen_high = set.info.gen_high + 1;
	assert_int_equal(sim_external_restore(&r), JET_errFileNotFound);
	expect_file("rst/edb.chk", old, size);
	r.gen_high = set.info.gen_high;
	/* ... or while checking its databases (ErrLGCheckDBFiles) */
	{
		uint64_t db_size, live_size;
		unsigned char *db = file_bytes("bk/a.edb", &db_size);
		unsigned char *live = file_bytes("i/a.edb", &live_size);
		write_file("bk/a.edb", live, live_size);
		assert_int_equal(sim_external_restore(&r), JET_errRestoreOfNonBackupDatabase);
		expect_file("rst/edb.chk", old, size);
		write_file("bk/a.edb", db, db_size);
		free(db);
		free(live);
	}
	assert_int_equal(sim_external_restore(&r), JET_errCallbackFailed);
	assert_int_equal(os_path_exists("rst/edb.chk"), 0);
	free(old);
	assert_int_equal(sim_database_file_info("bk/a.edb", &info), JET_errSuccess);
	assert_int_not_equal(info.header.state, JET_dbstateCleanShutdown);
	r.status = NULL;
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("bk/a.edb", &set);
	free(set.live);
}

static void expect_not_consistent(const char *path)
{
	struct sim_database_file_info info;
	if (sim_database_file_info(path, &info) == JET_errSuccess && info.header_error == 0)
		assert_int_not_equal(info.header.state, JET_dbstateCleanShutdown);
}

static void flip_byte(const char *path, uint64_t offset)
{
	uint64_t size;
	unsigned char *d = file_bytes(path, &size);
	assert_true(offset < size);
	d[offset] ^= 0x40;
	write_file(path, d, size);
	free(d);
}

static char *log_name(uint32_t gen)
{
	static char name[64];
	snprintf(name, sizeof name, "bk/edb%05X.log", (unsigned)gen);
	return name;
}

static void damaged_logs(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct external_restore r;
	uint64_t size, db_size;
	unsigned char *saved, *db;
	uint32_t mid;

	make_set("dl", 0, 3000, &set);
	assert_true(set.info.gen_high >= set.info.gen_low + 2);
	mid = set.info.gen_low + 1;
	db = file_bytes("bk/a.edb", &db_size);
	r = request(&map, 1, &set);

	/* a generation missing in the middle: the file is not found
	 * (ErrLGIRSTCheckSignaturesLogSequence opens each) */
	saved = file_bytes(log_name(mid), &size);
	assert_int_equal(os_rename(log_name(mid), "bk/aside"), OS_OK);
	assert_int_equal(sim_external_restore(&r), JET_errFileNotFound);
	assert_int_equal(os_rename("bk/aside", log_name(mid)), OS_OK);

	/* a record damaged: corruption during a hard restore */
	flip_byte(log_name(mid), LOG_FIRST_RECORD + 40);
	assert_int_equal(sim_external_restore(&r), JET_errLogCorruptDuringHardRestore);
	expect_not_consistent("bk/a.edb");
	write_file(log_name(mid), saved, size);

	/* a header damaged */
	flip_byte(log_name(mid), 8);
	assert_int_equal(sim_external_restore(&r), JET_errLogFileCorrupt);
	write_file(log_name(mid), saved, size);
	free(saved);

	/* the range names a generation past the set */
	r.gen_high = set.info.gen_high + 1;
	assert_int_equal(sim_external_restore(&r), JET_errFileNotFound);
	/* ... or stops before the generations the database needs */
	r.gen_high = set.info.gen_high - 1;
	assert_int_equal(sim_external_restore(&r), JET_errEndingRestoreLogTooLow);
	expect_not_consistent("bk/a.edb");
	r.gen_high = set.info.gen_high;
	r.gen_low = set.info.gen_low + 1;
	assert_int_equal(sim_external_restore(&r), JET_errStartingRestoreLogTooHigh);
	/* a range that ends before it starts */
	r.gen_high = set.info.gen_low;
	assert_int_equal(sim_external_restore(&r), JET_errInvalidParameter);
	r.gen_low = set.info.gen_low;
	r.gen_high = set.info.gen_high;

	/* after all that, the set still restores */
	write_file("bk/a.edb", db, db_size);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("bk/a.edb", &set);
	free(db);
	free(set.live);
}

/* Logs and databases of two sets mixed. */
static void mixed_sets(void **state)
{
	struct backup_set one, two;
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct external_restore r;
	uint64_t size, other_size;
	unsigned char *db, *other_db, *other_log;
	uint32_t gen;

	make_set("one", 0, 2000, &one);
	assert_int_equal(os_rename("bk", "bk1"), OS_OK);
	os_remove("i/a.edb");
	assert_int_equal(system("rm -rf i"), 0);
	make_set("two", 0, 2000, &two);
	gen = two.info.gen_low + 1;
	assert_true(gen <= one.info.gen_high && gen < two.info.gen_high);
	r = request(&map, 1, &two);
	db = file_bytes("bk/a.edb", &size);
	other_db = file_bytes("bk1/a.edb", &other_size);

	/* a log of another set among the set's */
	{
		char path[64];
		uint64_t s;
		snprintf(path, sizeof path, "bk1/edb%05X.log", (unsigned)gen);
		other_log = file_bytes(path, &s);
		unsigned char *mine = file_bytes(log_name(gen), &size);
		write_file(log_name(gen), other_log, s);
		assert_int_equal(sim_external_restore(&r), JET_errGivenLogFileHasBadSignature);
		write_file(log_name(gen), mine, size);
		free(mine);
		free(other_log);
	}
	/* a database of the other set */
	write_file("bk/a.edb", other_db, other_size);
	assert_int_equal(sim_external_restore(&r), JET_errDatabasePatchFileMismatch);
	expect_not_consistent("bk/a.edb");
	/* its own header with another backup's patch page */
	memcpy(db + size - PAGE, other_db + other_size - PAGE, PAGE);
	write_file("bk/a.edb", db, size);
	assert_int_equal(sim_external_restore(&r), JET_errDatabasePatchFileMismatch);
	/* a patch page damaged */
	db[size - PAGE + 100] ^= 1;
	write_file("bk/a.edb", db, size);
	assert_int_equal(sim_external_restore(&r), JET_errBadPatchPage);
	expect_not_consistent("bk/a.edb");
	free(db);
	free(other_db);
	free(one.live);
	free(two.live);
}

static void not_a_backup(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "i/a.edb" };
	struct external_restore r;
	make_set("nb", 0, 500, &set);
	r = request(&map, 1, &set);
	/* the live database, cleanly shut down, was never a backup copy */
	assert_int_equal(sim_external_restore(&r), JET_errRestoreOfNonBackupDatabase);
	map.new_database = "bk/none.edb";
	assert_int_equal(sim_external_restore(&r), JET_errFileNotFound);
	map.new_database = "bk/edb.chk";
	write_file("bk/edb.chk", "not a database", 14);
	assert_int_equal(sim_external_restore(&r), JET_errDatabaseCorrupted);
	free(set.live);
}

static void bad_arguments(void **state)
{
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct restore_map_entry no_name = { "a.edb", NULL };
	struct external_restore r = request(&map, 1, NULL);
	uintptr_t inst = 0;

	r.backup_log_path = NULL;
	assert_int_equal(sim_external_restore(&r), JET_errInvalidParameter);
	r.backup_log_path = "nowhere";
	assert_int_equal(sim_external_restore(&r), JET_errFileNotFound);
	r = request(&no_name, 1, NULL);
	assert_int_equal(sim_external_restore(&r), JET_errInvalidParameter);
	r = request(NULL, 1, NULL);
	assert_int_equal(sim_external_restore(&r), JET_errInvalidParameter);
	r = request(&map, 1, NULL);
	r.target_log_path = "t";
	assert_int_equal(sim_external_restore(&r), JET_errInvalidParameter);
	r.target_checkpoint_path = "t";
	r.target_name = "x";
	assert_int_equal(sim_external_restore(&r), JET_errInvalidParameter);
	r = request(&map, 1, NULL);
	os_mkdir("bk");
	/* an empty backup folder */
	assert_int_equal(sim_external_restore(&r), JET_errFileNotFound);
	/* never in one-instance mode */
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_external_restore(&r), JET_errRunningInOneInstanceMode);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void target_instances(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct external_restore r;
	uintptr_t inst, ses;
	uint64_t size;
	unsigned char *db;
	make_set("tg", 0, 800, &set);
	db = file_bytes("bk/a.edb", &size);
	r = request(&map, 1, &set);
	r.target_name = "nobody";
	assert_int_equal(sim_external_restore(&r), JET_errBadRestoreTargetInstance);
	/* a running target: restored beside it, and told */
	start_instance("running", "j", &inst, &ses);
	r.target_name = "running";
	assert_int_equal(sim_external_restore(&r), JET_wrnTargetInstanceRunning);
	expect_restored("bk/a.edb", &set);
	write_file("bk/a.edb", db, size);
	r.target_name = NULL;
	r.target_log_path = "j";
	r.target_checkpoint_path = "j";
	assert_int_equal(sim_external_restore(&r), JET_wrnTargetInstanceRunning);
	/* target folders no instance runs on are the restore's */
	write_file("bk/a.edb", db, size);
	r.target_log_path = "t/logs";
	r.target_checkpoint_path = "t/system";
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	assert_int_equal(os_path_exists("t/logs"), 2);
	assert_int_equal(os_path_exists("t/system"), 2);
	expect_restored("bk/a.edb", &set);
	free(db);
	free(set.live);
}

/* A restore killed at any point runs again and then succeeds. */
static void killed_and_run_again(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	uint64_t size;
	unsigned char *db;
	unsigned seed = 11;
	make_set("kill", 1, 1500, &set);
	db = file_bytes("bk/a.edb", &size);
	os_mkdir("r");
	r = request(&map, 1, &set);
	for (int round = 0; round < 20; round++) {
		pid_t child;
		int status;
		write_file("r/a.edb", db, size);
		seed = seed * 1103515245u + 12345u;
		child = fork();
		assert_true(child >= 0);
		if (child == 0)
			_exit(sim_external_restore(&r) == JET_errSuccess ? 0 : 1);
		os_sleep_ms((seed >> 8) % 30);
		kill(child, SIGKILL);
		assert_int_equal(waitpid(child, &status, 0), child);
		/* a restore that had finished before the kill left a restored
		 * database, no longer a backup copy */
		int again = sim_external_restore(&r);
		if (again != JET_errSuccess)
			assert_int_equal(again, JET_errRestoreOfNonBackupDatabase);
		expect_restored("r/a.edb", &set);
	}
	free(db);
	free(set.live);
}


/* --- JetBackupInstance into a folder, JetRestoreInstance from it */

struct busy_backup {
	struct workload *w;
	unsigned progress, begin, complete, fail;
	int stop_at;                /* progress call that stops the writer */
	int fail_at;                /* progress call that returns an error */
};

static int on_backup_status(void *ctx, uint32_t snt, uint32_t done, uint32_t total)
{
	struct busy_backup *b = ctx;
	assert_true(done <= total || snt == JET_sntFail);
	if (snt == JET_sntBegin)
		b->begin++;
	if (snt == JET_sntComplete)
		b->complete++;
	if (snt == JET_sntFail)
		b->fail++;
	if (snt != JET_sntProgress)
		return JET_errSuccess;
	b->progress++;
	/* the databases are copied: the writer stops before the log list,
	 * so the set's last generation holds its last change */
	if (b->w && (int)b->progress == b->stop_at) {
		workload_stop(b->w);
		b->w = NULL;
	}
	return (int)b->progress == b->fail_at ? JET_errCallbackFailed : JET_errSuccess;
}

static struct workload *start_writer(uintptr_t inst)
{
	struct instance *in;
	struct scenario s;
	struct workload *w;
	scenario_defaults(&s);
	s.rate = 4000;
	s.grow_every = 40;
	s.grow_pages = 4;
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(workload_start(in, &s, &w), JET_errSuccess);
	instance_leave(in, 0);
	while (workload_writes(w) < 100)
		os_sleep_ms(1);
	return w;
}

static void restore_into_fresh_instance(const char *name, const char *backup, const char *dest,
					int expected)
{
	uintptr_t r;
	assert_int_equal(sim_create_instance(&r, name, NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&r, JET_paramLogFilePath, 0, "rl/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&r, JET_paramSystemPath, 0, "rl/"), JET_errSuccess);
	assert_int_equal(sim_restore_instance(r, 0, backup, dest, NULL, NULL), expected);
	if (expected == JET_errSuccess) {
		/* its own log in the instance's log path, the checkpoint in its
		 * system path naming that generation */
		struct checkpoint cp;
		struct log_reader *lr;
		assert_int_equal(log_reader_open("rl/edb.log", 1, &lr), JET_errSuccess);
		assert_int_equal(checkpoint_read("rl/edb.chk", &cp), JET_errSuccess);
		assert_int_equal(cp.position.generation, log_reader_header(lr)->generation);
		assert_true(signature_equal(&cp.log_signature, &log_reader_header(lr)->log_signature));
		log_reader_close(lr);
	}
	/* left uninitialised */
	assert_int_equal(sim_init(&r, 0), JET_errSuccess);
	assert_int_equal(sim_term(r, 0), JET_errSuccess);
}

static void folder_backup_full_and_incremental(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct busy_backup b = { 0 };
	struct backup_set set = { 0 };

	start_instance("fb", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	b.w = start_writer(inst);
	b.stop_at = 1;
	os_mkdir("bk");
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", 0, on_backup_status, &b),
			 JET_errSuccess);
	assert_int_equal(b.begin, 1);
	assert_int_equal(b.complete, 1);
	assert_true(b.progress >= 2);
	assert_null(b.w);
	set.live = live_pages(inst, dbid, &set.pages);
	assert_int_equal(os_path_exists("bk/a.edb"), 1);
	/* the full set restored */
	restore_into_fresh_instance("r1", "bk", "full", JET_errSuccess);
	{
		struct sim_database_file_info info;
		assert_int_equal(sim_database_file_info("full/a.edb", &info), JET_errSuccess);
		expect_restored("full/a.edb", &set);
	}
	free(set.live);

	/* more changes, then an incremental backup into the same folder */
	memset(&b, 0, sizeof b);
	b.w = start_writer(inst);
	workload_stop(b.w);
	b.w = NULL;
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", JET_bitBackupIncremental,
					      on_backup_status, &b), JET_errSuccess);
	set.live = live_pages(inst, dbid, &set.pages);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	system("rm -rf rl");
	restore_into_fresh_instance("r2", "bk", "chain", JET_errSuccess);
	{
		struct sim_database_file_info info;
		assert_int_equal(sim_database_file_info("chain/a.edb", &info), JET_errSuccess);
		expect_restored("chain/a.edb", &set);
	}
	free(set.live);
}

static void folder_backup_atomic(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct backup_set set = { 0 };
	struct sim_database_file_info info;

	start_instance("at", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 800, 1);
	os_mkdir("ab");
	assert_int_equal(sim_backup_to_folder(inst, 0, "ab", JET_bitBackupAtomic, NULL, NULL),
			 JET_errSuccess);
	assert_int_equal(os_path_exists("ab/new/a.edb"), 1);
	assert_int_equal(os_path_exists("ab/temp"), 0);
	change_pages(inst, dbid, 800, 2);
	assert_int_equal(sim_backup_to_folder(inst, 0, "ab", JET_bitBackupAtomic, NULL, NULL),
			 JET_errSuccess);
	/* the previous set went once the new one was complete */
	assert_int_equal(os_path_exists("ab/new/a.edb"), 1);
	assert_int_equal(os_path_exists("ab/old"), 0);
	change_pages(inst, dbid, 800, 3);
	/* an incremental one joins the last full set, which moves to "old" */
	assert_int_equal(sim_backup_to_folder(inst, 0, "ab",
					      JET_bitBackupAtomic | JET_bitBackupIncremental, NULL,
					      NULL), JET_errSuccess);
	assert_int_equal(os_path_exists("ab/old/a.edb"), 1);
	set.live = live_pages(inst, dbid, &set.pages);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	restore_into_fresh_instance("r", "ab", "out", JET_errSuccess);
	assert_int_equal(sim_database_file_info("out/a.edb", &info), JET_errSuccess);
	expect_restored("out/a.edb", &set);
	free(set.live);
}

static int count_files(void *ctx, const char *name)
{
	(void)name;
	++*(unsigned *)ctx;
	return 0;
}

static void folder_backup_refusals(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct busy_backup b = { .fail_at = 1 };
	unsigned n = 0;

	start_instance("rf", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 500, 1);
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", 0x100, NULL, NULL), JET_errInvalidGrbit);
	assert_int_equal(sim_backup_to_folder(inst, 0, "missing/bk", 0, NULL, NULL), JET_errInvalidPath);
	/* a callback's error stops it, and nothing of the set is left */
	os_mkdir("bk");
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", 0, on_backup_status, &b),
			 JET_errCallbackFailed);
	assert_int_equal(b.fail, 1);
	os_list_dir("bk", count_files, &n);
	assert_int_equal(n, 0);
	b.fail_at = 2;
	b.progress = 0;
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", JET_bitBackupAtomic, on_backup_status,
					      &b), JET_errCallbackFailed);
	assert_int_equal(os_path_exists("bk/temp"), 0);
	assert_int_equal(os_path_exists("bk/new"), 0);
	/* the instance may back up again at once */
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", 0, NULL, NULL), JET_errSuccess);
	/* a full backup wants an empty folder */
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", 0, NULL, NULL),
			 JET_errBackupDirectoryNotEmpty);
	/* an incremental one no atomic subfolder */
	os_mkdir("bk/new");
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", JET_bitBackupIncremental, NULL, NULL),
			 JET_errBackupDirectoryNotEmpty);
	os_rmdir("bk/new");
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", JET_bitBackupIncremental, NULL, NULL),
			 JET_errSuccess);
	/* no folder: the logs are only truncated */
	assert_int_equal(sim_backup_to_folder(inst, 0, NULL, 0, NULL, NULL), JET_errSuccess);
	assert_int_equal(sim_backup_to_folder(inst + 7, 0, "x", 0, NULL, NULL),
			 JET_errInvalidParameter);
}

static void restore_instance_rules(void **state)
{
	uintptr_t inst, ses, created, one = 0;
	uint32_t dbid;
	start_instance("ri", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 300, 1);
	os_mkdir("bk");
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", 0, NULL, NULL), JET_errSuccess);
	/* over a running instance */
	assert_int_equal(sim_restore_instance(inst, 0, "bk", "out", NULL, NULL),
			 JET_errAlreadyInitialized);
	assert_int_equal(sim_restore_instance(inst + 7, 0, "bk", "out", NULL, NULL),
			 JET_errInvalidParameter);
	assert_int_equal(sim_restore_instance(0, 1, "bk", "out", NULL, NULL),
			 JET_errRunningInMultiInstanceMode);
	assert_int_equal(sim_create_instance(&created, "c", NULL), JET_errSuccess);
	assert_int_equal(sim_restore_instance(created, 0, NULL, "out", NULL, NULL),
			 JET_errInvalidParameter);
	assert_int_equal(sim_restore_instance(created, 0, "nowhere", "out", NULL, NULL),
			 JET_errFileNotFound);
	os_mkdir("empty");
	assert_int_equal(sim_restore_instance(created, 0, "empty", "out", NULL, NULL),
			 JET_errFileNotFound);
	assert_int_equal(sim_term(created, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	/* no instance: a temporary one, here the process's defaults */
	assert_int_equal(sim_restore_instance(0, 0, "bk", "out", NULL, NULL), JET_errSuccess);
	assert_int_equal(os_path_exists("out/a.edb"), 1);
	/* its own log and checkpoint in its log and system paths (here the
	 * current folder), which a JetInit there goes on with */
	assert_int_equal(os_path_exists("edb.log"), 1);
	assert_int_equal(os_path_exists("edb.chk"), 1);
	/* the legacy form in one-instance mode, once initialised */
	assert_int_equal(sim_init(&one, 0), JET_errSuccess);
	assert_int_equal(sim_restore_instance(0, 1, "bk", "out", NULL, NULL),
			 JET_errAlreadyInitialized);
	assert_int_equal(sim_term(one, 0), JET_errSuccess);
	/* its log path (the current folder) holding another log set */
	assert_int_equal(os_remove("edb.log"), OS_OK);
	assert_int_equal(os_remove("edb.chk"), OS_OK);
	assert_int_equal(sim_init(&one, 0), JET_errSuccess);
	assert_int_equal(sim_term(one, 0), JET_errSuccess);
	assert_int_equal(sim_restore_instance(0, 1, "bk", "out2", NULL, NULL),
			 JET_errExistingLogFileHasBadSignature);
	assert_int_equal(os_remove("edb.log"), OS_OK);
	assert_int_equal(sim_restore_instance(0, 1, "bk", "out2", NULL, NULL), JET_errSuccess);
	assert_int_equal(os_path_exists("out2/a.edb"), 1);
}

/* The log path's current log continues another, later part of the set:
 * the generations between are missing (logredo.cxx). */
static void log_path_not_contiguous(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct external_restore r;
	uintptr_t inst, ses;
	uint64_t size;
	unsigned char *db, *later;

	make_set("nc", 0, 1500, &set);
	db = file_bytes("bk/a.edb", &size);
	/* the source instance goes on for a few more generations */
	start_instance("nc", "i", &inst, &ses);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	change_pages(inst, 1, 1500, 0x11);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	os_mkdir("rst");
	{
		uint64_t n;
		later = file_bytes("i/edb.log", &n);
		write_file("rst/edb.log", later, n);
		free(later);
	}
	r = request(&map, 1, &set);
	assert_int_equal(sim_external_restore(&r), JET_errExistingLogFileIsNotContiguous);
	expect_not_consistent("bk/a.edb");
	/* an older generation of the set there: the restore's own log would
	 * replace it */
	{
		char first[64];
		uint64_t n;
		snprintf(first, sizeof first, "bk/edb%05X.log", (unsigned)set.info.gen_low);
		later = file_bytes(first, &n);
		write_file("rst/edb.log", later, n);
		free(later);
	}
	write_file("bk/a.edb", db, size);
	assert_int_equal(sim_external_restore(&r), JET_errInvalidLogSequence);
	expect_not_consistent("bk/a.edb");
	/* with JET_paramDeleteOutOfRangeLogs (the process's: the restore's
	 * instance is a new one) it is deleted and the restore goes on
	 * (ErrLGRedoFill, ErrLGRRestartLOGAtLogGen) */
	{
		uintptr_t none = 0;
		assert_int_equal(sim_set_param(&none, JET_paramDeleteOutOfRangeLogs, 1, NULL),
				 JET_errSuccess);
		write_file("bk/a.edb", db, size);
		assert_int_equal(sim_external_restore(&r), JET_errSuccess);
		assert_int_equal(sim_set_param(&none, JET_paramDeleteOutOfRangeLogs, 0, NULL),
				 JET_errSuccess);
		expect_restored("bk/a.edb", &set);
		assert_int_equal(log_header_of("rst/edb.log").generation, set.info.gen_high + 1);
	}
	assert_int_equal(os_remove("rst/edb.log"), OS_OK);
	assert_int_equal(os_remove("rst/edb.chk"), OS_OK);
	write_file("bk/a.edb", db, size);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("bk/a.edb", &set);
	free(db);
	free(set.live);
}

/* --- The restore's own log (logredo.cxx, ErrLGRRedo and
 * ErrLGRIEndAllSessions; logutil.cxx, ErrLGRSTExternalRestore) */

static struct log_header log_header_of(const char *path)
{
	struct log_reader *lr;
	struct log_header h;
	assert_int_equal(log_reader_open(path, 0, &lr), JET_errSuccess);
	h = *log_reader_header(lr);
	h.attach = NULL;
	log_reader_close(lr);
	return h;
}

static void expect_lgpos(struct lgpos a, struct lgpos b)
{
	assert_int_equal(a.generation, b.generation);
	assert_int_equal(lgpos_offset(a), lgpos_offset(b));
}

/* The next record of the reader is of this type (and these flags); its
 * position. */
static struct lgpos next_record(struct log_reader *lr, uint8_t type, uint8_t flags)
{
	struct log_record rec;
	struct lgpos at;
	assert_int_equal(log_reader_next(lr, &rec, &at), 1);
	assert_int_equal(rec.type, type);
	assert_int_equal(rec.flags, flags);
	return at;
}

/* A new generation after the set's last, as <base>.log in the log path:
 * the undo's start, the shutdown mark every restored header is
 * consistent and detached at, the quit the checkpoint names; no term
 * record.  A JetInit there finds the log clean and touches nothing. */
static void restore_logs_its_own_end(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	struct log_header last, own;
	struct log_reader *lr;
	struct log_record rec;
	struct lgpos mark, quit;
	struct checkpoint cp;
	struct db_header h;
	struct sim_database_file_info fi;
	struct log_file_info li;
	unsigned char *before, *after;
	uint64_t size, size2;
	uintptr_t inst;
	char last_name[64];

	make_set("own", 0, 1500, &set);
	os_mkdir("r");
	before = file_bytes("bk/a.edb", &size);
	write_file("r/a.edb", before, size);
	free(before);
	r = request(&map, 1, &set);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("r/a.edb", &set);

	snprintf(last_name, sizeof last_name, "bk/edb%05X.log", (unsigned)set.info.gen_high);
	last = log_header_of(last_name);
	assert_int_equal(log_reader_open("rst/edb.log", 1, &lr), JET_errSuccess);
	own = *log_reader_header(lr);
	assert_int_equal(own.generation, set.info.gen_high + 1);
	assert_true(signature_equal(&own.log_signature, &last.log_signature));
	assert_memory_equal(own.previous_created.b, last.created.b, LOGTIME_SIZE);
	assert_int_equal(own.file_size, last.file_size);
	/* its checkpoint, as the redo's cache left it at the last log switch:
	 * every changed page still held, the first change of the set */
	assert_int_equal(own.checkpoint.generation, set.info.gen_low);
	assert_true(lgpos_offset(own.checkpoint) > LOG_FIRST_RECORD);
	next_record(lr, LOG_REC_RECOVERY_UNDO, 0);
	mark = next_record(lr, LOG_REC_SHUTDOWN_MARK, 0);
	quit = next_record(lr, LOG_REC_RECOVERY_QUIT, LOG_QUIT_HARD);
	assert_int_equal(log_reader_next(lr, &rec, NULL), 0);
	assert_false(log_reader_saw_end_record(lr));
	log_reader_close(lr);
	/* never archived, nor left as <base>tmp.log */
	snprintf(last_name, sizeof last_name, "rst/edb%05X.log", (unsigned)own.generation);
	assert_int_equal(os_path_exists(last_name), 0);
	assert_int_equal(os_path_exists("rst/edbtmp.log"), 0);

	/* the header points into that generation, needs no log */
	db_header_of("r/a.edb", &h);
	/* the new generation's header lists the restored database
	 * (LGLoadAttachmentsFromFMP), then the sentinel */
	{
		unsigned char *log = file_bytes("rst/edb.log", &size);
		unsigned char sig[SIGNATURE_SIZE];
		const unsigned char *a = log + 671;
		signature_put(sig, &h.db_signature);
		assert_int_equal(a[0], 1);
		assert_int_equal(a[1], 0x20);
		assert_memory_equal(a + 36, sig, SIGNATURE_SIZE);
		assert_true(get16(a + 2) > 2 * strlen("r/a.edb"));
		assert_int_equal(a[64 + get16(a + 2)], 0);
		free(log);
	}
	assert_int_equal(h.state, JET_dbstateCleanShutdown);
	expect_lgpos(h.consistent, mark);
	expect_lgpos(h.detach, mark);
	assert_int_equal(h.required_min, 0);
	assert_int_equal(h.required_max, 0);
	assert_true(signature_equal(&h.log_signature, &own.log_signature));
	/* the checkpoint names the quit, with no attach list */
	assert_int_equal(checkpoint_read("rst/edb.chk", &cp), JET_errSuccess);
	expect_lgpos(cp.position, quit);
	assert_true(signature_equal(&cp.log_signature, &own.log_signature));
	/* JetGetDatabaseFileInfo and JetGetLogFileInfo see it */
	assert_int_equal(sim_database_file_info("r/a.edb", &fi), JET_errSuccess);
	assert_int_equal(fi.header.state, JET_dbstateCleanShutdown);
	assert_int_equal(fi.header.consistent.generation, own.generation);
	assert_int_equal(log_file_info_read("rst/edb.log", &li), JET_errSuccess);
	assert_int_equal(li.generation, own.generation);
	assert_memory_equal(li.previous_created.b, last.created.b, LOGTIME_SIZE);

	/* a JetInit on that folder: nothing to recover, the database left as
	 * it is, the log goes on in the same generation */
	before = file_bytes("r/a.edb", &size);
	start_instance("after", "rst", &inst, NULL);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	after = file_bytes("r/a.edb", &size2);
	assert_int_equal(size, size2);
	assert_memory_equal(before, after, size);
	assert_int_equal(log_header_of("rst/edb.log").generation, own.generation);
	assert_int_equal(checkpoint_read("rst/edb.chk", &cp), JET_errSuccess);
	assert_int_equal(cp.position.generation, own.generation);
	free(before);
	free(after);
	free(set.live);
}

/* A restore through a replay cache of 16 pages (JET_paramCacheSizeMax):
 * pages leave it and come back, the result is the same, and the restore's
 * own log records a checkpoint that moved past the set's first generation
 * as the pages were written. */
static void restore_through_a_small_cache(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "bk/a.edb" };
	struct external_restore r;
	struct log_reader *lr;
	struct log_header own;
	uintptr_t none = 0;
	(void)state;
	make_set("sc", 0, 3000, &set);
	assert_true(set.info.gen_high >= set.info.gen_low + 2);
	r = request(&map, 1, &set);
	assert_int_equal(sim_set_param(&none, JET_paramCacheSizeMax, 16, NULL), JET_errSuccess);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	assert_int_equal(sim_set_param(&none, JET_paramCacheSizeMax, 8192, NULL), JET_errSuccess);
	expect_restored("bk/a.edb", &set);
	assert_int_equal(log_reader_open("rst/edb.log", 1, &lr), JET_errSuccess);
	own = *log_reader_header(lr);
	log_reader_close(lr);
	assert_true(own.checkpoint.generation > set.info.gen_low);
	assert_true(own.checkpoint.generation <= set.info.gen_high);
	free(set.live);
}

/* The backup folder as the log path: the new generation goes there,
 * after the archived ones. */
static void restore_log_in_the_backup_folder(void **state)
{
	struct backup_set set;
	struct db_header hv;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	struct checkpoint cp;
	unsigned char *db;
	uint64_t size;

	make_set("bf", 0, 600, &set);
	os_mkdir("r");
	db = file_bytes("bk/a.edb", &size);
	write_file("r/a.edb", db, size);
	free(db);
	r = request(&map, 1, &set);
	r.log_path = "bk";
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("r/a.edb", &set);
	assert_int_equal(log_header_of("bk/edb.log").generation, set.info.gen_high + 1);
	assert_int_equal(checkpoint_read("rst/edb.chk", &cp), JET_errSuccess);
	assert_int_equal(cp.position.generation, set.info.gen_high + 1);
	assert_int_equal(db_header_of("r/a.edb", &hv)->consistent.generation, set.info.gen_high + 1);
	free(set.live);
}

/* What the restore's own log and checkpoint would replace, when it is no
 * log or checkpoint of this set, stops it and stays as it is. */
static void restore_replaces_no_other_file(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	unsigned char *db, *other, *back;
	uint64_t size, n, m;

	make_set("rf", 0, 300, &set);
	os_mkdir("r");
	os_mkdir("rst");
	db = file_bytes("bk/a.edb", &size);
	write_file("r/a.edb", db, size);
	r = request(&map, 1, &set);
	/* a database under the checkpoint's name: refused before anything */
	other = file_bytes("i/a.edb", &n);
	write_file("rst/edb.chk", other, n);
	assert_int_equal(sim_external_restore(&r), JET_errFileInvalidType);
	back = file_bytes("rst/edb.chk", &m);
	assert_int_equal(m, n);
	assert_memory_equal(back, other, n);
	free(back);
	assert_int_equal(os_remove("rst/edb.chk"), OS_OK);
	assert_int_equal(os_path_exists("rst/edb.log"), 0);
	/* and under the current log's name */
	write_file("rst/edb.log", other, n);
	assert_int_equal(sim_external_restore(&r), JET_errFileInvalidType);
	expect_not_consistent("r/a.edb");
	back = file_bytes("rst/edb.log", &m);
	assert_int_equal(m, n);
	assert_memory_equal(back, other, n);
	free(back);
	assert_int_equal(os_path_exists("rst/edb.chk"), 0);
	assert_int_equal(os_remove("rst/edb.log"), OS_OK);
	write_file("r/a.edb", db, size);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("r/a.edb", &set);
	free(other);
	free(db);
	free(set.live);
}

/* A set named the newer way (.jtx logs, .jcp checkpoint): the restore's
 * own log and checkpoint take the set's names, and another file under
 * either name stops it before it writes anything. */
static void own_files_named_as_the_set(void **state)
{
	static const unsigned ids[] = { JET_paramLegacyFileNames, 0 };
	static const intptr_t values[] = { 0 };
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	unsigned char *db, *other;
	uint64_t size, n;

	set_ids = ids;
	set_values = values;
	make_set("jn", 0, 300, &set);
	set_ids = NULL;
	set_values = NULL;
	os_mkdir("r");
	os_mkdir("rst");
	db = file_bytes("bk/a.edb", &size);
	write_file("r/a.edb", db, size);
	other = file_bytes("i/a.edb", &n);
	r = request(&map, 1, &set);
	write_file("rst/edb.jcp", other, n);
	assert_int_equal(sim_external_restore(&r), JET_errFileInvalidType);
	expect_file("r/a.edb", db, size);
	expect_file("rst/edb.jcp", other, n);
	assert_int_equal(os_path_exists("rst/edb.jtx"), 0);
	assert_int_equal(os_remove("rst/edb.jcp"), OS_OK);
	write_file("rst/edb.jtx", other, n);
	assert_int_equal(sim_external_restore(&r), JET_errFileInvalidType);
	expect_file("r/a.edb", db, size);
	expect_file("rst/edb.jtx", other, n);
	assert_int_equal(os_path_exists("rst/edb.jcp"), 0);
	assert_int_equal(os_remove("rst/edb.jtx"), OS_OK);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("r/a.edb", &set);
	assert_int_equal(log_header_of("rst/edb.jtx").generation, set.info.gen_high + 1);
	assert_int_equal(os_path_exists("rst/edb.jcp"), 1);
	assert_int_equal(os_path_exists("rst/edb.log"), 0);
	assert_int_equal(os_path_exists("rst/edb.chk"), 0);
	free(other);
	free(db);
	free(set.live);
}

/* A running instance's folders are not the restore's (jetapi.cxx,
 * ErrCheckUniquePath): its live log and checkpoint stay untouched. */
static void running_instance_folders(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	unsigned char *db, *log, *chk;
	uint64_t size, log_size, chk_size;
	uintptr_t inst, ses;

	make_set("ri", 0, 300, &set);
	os_mkdir("r");
	db = file_bytes("bk/a.edb", &size);
	write_file("r/a.edb", db, size);
	start_instance("ri", "i", &inst, &ses);
	log = file_bytes("i/edb.log", &log_size);
	chk = file_bytes("i/edb.chk", &chk_size);
	r = request(&map, 1, &set);
	r.log_path = "i";
	assert_int_equal(sim_external_restore(&r), JET_errLogFilePathInUse);
	r.log_path = "rst";
	r.checkpoint_path = "i/";
	assert_int_equal(sim_external_restore(&r), JET_errSystemPathInUse);
	expect_file("r/a.edb", db, size);
	expect_file("i/edb.log", log, log_size);
	expect_file("i/edb.chk", chk, chk_size);
	assert_int_equal(os_path_exists("rst"), 0);
	/* a running target with its own folders: still refused */
	r.checkpoint_path = "rst";
	r.log_path = "i";
	r.target_name = "ri";
	assert_int_equal(sim_external_restore(&r), JET_errLogFilePathInUse);
	expect_file("i/edb.log", log, log_size);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(log);
	free(chk);
	free(db);
	free(set.live);
}

/* No log path named: the set goes on in the working folder, archived
 * generations and current log both (logredo.cxx looks for both in the
 * one log folder). */
static void set_continues_in_the_working_folder(void **state)
{
	struct backup_set set, later;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	unsigned char *db, *data;
	uint64_t size, n;
	uintptr_t inst, ses;
	char from[64], to[64];
	uint32_t gen;

	make_set("wf", 0, 300, &set);
	os_mkdir("r");
	db = file_bytes("bk/a.edb", &size);
	write_file("r/a.edb", db, size);
	start_instance("wf", "i", &inst, &ses);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	change_pages(inst, 1, 1500, 0x33);
	later.live = live_pages(inst, 1, &later.pages);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	for (gen = set.info.gen_high + 1;; gen++) {
		snprintf(from, sizeof from, "i/edb%05X.log", (unsigned)gen);
		snprintf(to, sizeof to, "edb%05X.log", (unsigned)gen);
		if (os_path_exists(from) != 1)
			break;
		data = file_bytes(from, &n);
		write_file(to, data, n);
		free(data);
	}
	assert_true(gen > set.info.gen_high + 1);
	data = file_bytes("i/edb.log", &n);
	write_file("edb.log", data, n);
	free(data);
	r = request(&map, 1, &set);
	r.log_path = NULL;
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("r/a.edb", &later);
	free(later.live);
	free(db);
	free(set.live);
}

/* A restore stopped after its shutdown mark, before its quit, runs
 * again: the mark its log ends on is reused, no second undo or mark
 * logged (logredo.cxx, ErrLGRRedo; io.cxx, ErrIOTermGetShutDownMark). */
static void rerun_after_the_mark(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	struct log_reader *lr;
	struct log_record rec;
	struct lgpos mark, quit;
	struct db_header h;
	unsigned char *db, flip;
	uint64_t size;
	os_file *f;

	make_set("rm", 0, 300, &set);
	os_mkdir("r");
	db = file_bytes("bk/a.edb", &size);
	write_file("r/a.edb", db, size);
	r = request(&map, 1, &set);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	assert_int_equal(log_reader_open("rst/edb.log", 1, &lr), JET_errSuccess);
	next_record(lr, LOG_REC_RECOVERY_UNDO, 0);
	mark = next_record(lr, LOG_REC_SHUTDOWN_MARK, 0);
	quit = next_record(lr, LOG_REC_RECOVERY_QUIT, LOG_QUIT_HARD);
	log_reader_close(lr);
	/* the quit torn off, the database headers not yet written */
	assert_int_equal(os_file_open("rst/edb.log", OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_read_at(f, lgpos_offset(quit), &flip, 1, &(size_t){ 0 }), OS_OK);
	flip ^= 0xFF;
	assert_int_equal(os_file_write_at(f, lgpos_offset(quit), &flip, 1), OS_OK);
	os_file_close(f);
	write_file("r/a.edb", db, size);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	expect_restored("r/a.edb", &set);
	assert_int_equal(log_reader_open("rst/edb.log", 1, &lr), JET_errSuccess);
	next_record(lr, LOG_REC_RECOVERY_UNDO, 0);
	expect_lgpos(next_record(lr, LOG_REC_SHUTDOWN_MARK, 0), mark);
	quit = next_record(lr, LOG_REC_RECOVERY_QUIT, LOG_QUIT_HARD);
	assert_int_equal(log_reader_next(lr, &rec, NULL), 0);
	log_reader_close(lr);
	db_header_of("r/a.edb", &h);
	expect_lgpos(h.consistent, mark);
	free(db);
	free(set.live);
}

static struct bkinfo some_backup(uint32_t low, uint32_t high)
{
	struct bkinfo b;
	memset(&b, 0, sizeof b);
	b.gen_low = low;
	b.gen_high = high;
	b.mark = lgpos_at(low, LOG_FIRST_RECORD);
	return b;
}

/* A detach replayed in the middle of a restore's logs keeps the copy and
 * differential records (db.cxx, ErrIsamDetachDatabase); the end of a
 * restore forgets them (io.cxx, ErrIOTermFMP). */
static void detach_in_the_restored_logs(void **state)
{
	struct backup_set set;
	struct restore_map_entry map = { "a.edb", "r/a.edb" };
	struct external_restore r;
	struct db_header h;
	struct log_header later;
	struct checkpoint cp;
	unsigned char *db, *log;
	uint64_t size, n;

	make_set("dt", 0, 600, &set);
	/* the copy carries earlier backups of every kind */
	db_header_of("bk/a.edb", &h);
	h.full_previous = some_backup(1, 2);
	h.full_previous_type = 1;
	h.incremental_previous = some_backup(2, 3);
	h.copy_previous = some_backup(1, 3);
	h.copy_previous_type = 1;
	h.differential_previous = some_backup(2, 3);
	h.differential_previous_type = 1;
	h.snapshot_current = some_backup(3, 3);
	db_header_put("bk/a.edb", &h);
	db = file_bytes("bk/a.edb", &size);
	os_mkdir("r");
	write_file("r/a.edb", db, size);
	/* the source's log after the set: the JetTerm's detach, then its term */
	later = log_header_of("i/edb.log");
	assert_int_equal(later.generation, set.info.gen_high + 1);
	os_mkdir("rst");
	log = file_bytes("i/edb.log", &n);
	write_file("rst/edb.log", log, n);
	free(log);
	r = request(&map, 1, &set);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	db_header_of("r/a.edb", &h);
	assert_int_equal(h.state, JET_dbstateCleanShutdown);
	assert_int_equal(h.detach.generation, later.generation);
	assert_int_equal(h.full_current.gen_low, 0);
	assert_int_equal(h.full_previous.gen_low, 0);
	assert_int_equal(h.full_previous_type, 0);
	assert_int_equal(h.incremental_previous.gen_low, 0);
	assert_int_equal(h.snapshot_current.gen_low, 0);
	assert_int_equal(h.copy_previous.gen_low, 1);
	assert_int_equal(h.copy_previous.gen_high, 3);
	assert_int_equal(h.copy_previous_type, 1);
	assert_int_equal(h.differential_previous.gen_low, 2);
	assert_int_equal(h.differential_previous_type, 1);
	/* the log ended on a term: nothing more is logged, the checkpoint
	 * names the term, and the log path's log goes on */
	assert_int_equal(log_header_of("rst/edb.log").generation, later.generation);
	assert_int_equal(checkpoint_read("rst/edb.chk", &cp), JET_errSuccess);
	assert_int_equal(cp.position.generation, later.generation);
	{
		uint64_t m;
		unsigned char *now = file_bytes("rst/edb.log", &m);
		log = file_bytes("i/edb.log", &n);
		assert_int_equal(m, n);
		assert_memory_equal(now, log, n);
		free(now);
		free(log);
	}

	/* restored without the source's later log: the end of the restore
	 * forgets every earlier backup, copy and differential too */
	assert_int_equal(os_remove("rst/edb.log"), OS_OK);
	write_file("r/a.edb", db, size);
	assert_int_equal(sim_external_restore(&r), JET_errSuccess);
	db_header_of("r/a.edb", &h);
	assert_int_equal(h.detach.generation, set.info.gen_high + 1);
	assert_int_equal(h.copy_previous.gen_low, 0);
	assert_int_equal(h.differential_previous.gen_low, 0);
	assert_int_equal(h.snapshot_current.gen_low, 0);
	free(db);
	free(set.live);
}

/* JetOpenFileSectionInstance: reads from a page on, the header pages
 * only from 0; the same bytes as a read of the whole file from there. */
static void file_sections(void **state)
{
	uintptr_t inst, ses, h;
	uint32_t dbid, got;
	uint64_t size, whole_size, at;
	struct path_list logs;
	struct backup_log_info info;
	unsigned char *whole, *part;
	void *buf;
	const char *log;

	start_instance("fs", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 1500, 0x22);
	assert_int_equal(posix_memalign(&buf, 4096, 4 * PAGE), 0);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	copy_backup_file(inst, "i/a.edb", "whole.edb", 4 * PAGE);
	whole = file_bytes("whole.edb", &whole_size);
	assert_int_equal(sim_backup_open_file_section(inst, 0, "i/a.edb", PAGE + 1, &h, &size),
			 JET_errInvalidParameter);
	assert_int_equal(sim_backup_open_file_section(inst, 0, "i/a.edb", 2 * PAGE, &h, &size),
			 JET_errInvalidParameter);
	assert_int_equal(sim_backup_open_file_section(inst, 0, "i/a.edb", whole_size + PAGE, &h,
						      &size), JET_errInvalidParameter);
	assert_int_equal(sim_backup_open_file_section(inst, 0, "i/a.edb", 5 * PAGE, &h, &size),
			 JET_errSuccess);
	assert_int_equal(size, whole_size);
	part = malloc(whole_size);
	for (at = 5 * PAGE;; at += got) {
		assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 4 * PAGE, &got), JET_errSuccess);
		if (!got)
			break;
		memcpy(part + at, buf, got);
	}
	assert_int_equal(at, whole_size);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	/* pages and trailer as the whole read had them */
	assert_memory_equal(part + 5 * PAGE, whole + 5 * PAGE, whole_size - 5 * PAGE);
	free(part);
	free(whole);
	/* a log from its fourth page on */
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, &info), JET_errSuccess);
	log = logs.text;
	whole = file_bytes(log, &whole_size);
	assert_int_equal(sim_backup_open_file_section(inst, 0, log, 3 * PAGE, &h, &size),
			 JET_errSuccess);
	assert_int_equal(size, whole_size);
	part = malloc(whole_size);
	for (at = 3 * PAGE;; at += got) {
		assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 4 * PAGE, &got), JET_errSuccess);
		if (!got)
			break;
		memcpy(part + at, buf, got);
	}
	assert_int_equal(at, whole_size);
	assert_memory_equal(part + 3 * PAGE, whole + 3 * PAGE, whole_size - 3 * PAGE);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	free(part);
	free(whole);
	path_list_free(&logs);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	free(buf);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* JET_errMakeBackupDirectoryFail (backup.cxx, ErrBKIPrepareDirectory):
 * the atomic backup's folder cannot be made, or an atomic incremental one
 * finds no set to add to. */
static void backup_directory_fails(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	os_file *f;

	start_instance("md", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 200, 1);
	os_mkdir("bk");
	os_mkdir("full");
	assert_int_equal(sim_backup_to_folder(inst, 0, "full", 0, NULL, NULL), JET_errSuccess);
	change_pages(inst, dbid, 200, 2);
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk",
					      JET_bitBackupAtomic | JET_bitBackupIncremental, NULL,
					      NULL), JET_errMakeBackupDirectoryFail);
	/* a file where the atomic backup's "temp" folder goes */
	assert_int_equal(os_file_open("bk/temp", OS_OPEN_CREATE_EXCLUSIVE, &f), OS_OK);
	os_file_close(f);
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", JET_bitBackupAtomic, NULL, NULL),
			 JET_errMakeBackupDirectoryFail);
	assert_int_equal(os_remove("bk/temp"), OS_OK);
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", JET_bitBackupAtomic, NULL, NULL),
			 JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* While JetRestoreInstance runs on an instance, the instance's API is the
 * restore's: JET_errRestoreInProgress, and JetInit (or a second restore)
 * JET_errAlreadyInitialized (jetapi.cxx, fAPIRestoring). */
struct during_restore {
	uintptr_t instance;
	int checked;
};

static int calls_during_restore(void *ctx, uint32_t snt, uint32_t done, uint32_t total)
{
	struct during_restore *d = ctx;
	uintptr_t h = d->instance, ses;
	(void)done;
	(void)total;
	if (snt != JET_sntProgress || d->checked++)
		return JET_errSuccess;
	assert_int_equal(sim_begin_session(d->instance, &ses), JET_errRestoreInProgress);
	assert_int_equal(sim_set_param(&h, JET_paramMaxSessions, 8, NULL), JET_errRestoreInProgress);
	assert_int_equal(sim_stop_service_instance(d->instance, 0), JET_errRestoreInProgress);
	assert_int_equal(sim_init(&h, 0), JET_errAlreadyInitialized);
	assert_int_equal(sim_restore_instance(d->instance, 0, "bk", "out", NULL, NULL),
			 JET_errAlreadyInitialized);
	assert_int_equal(sim_term(d->instance, 0), JET_errRestoreInProgress);
	return JET_errSuccess;
}

static void restore_in_progress(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct during_restore d = { 0 };
	start_instance("rp", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 600, 1);
	os_mkdir("bk");
	assert_int_equal(sim_backup_to_folder(inst, 0, "bk", 0, NULL, NULL), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_create_instance(&d.instance, "r", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&d.instance, JET_paramLogFilePath, 0, "rl/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&d.instance, JET_paramSystemPath, 0, "rl/"), JET_errSuccess);
	assert_int_equal(sim_restore_instance(d.instance, 0, "bk", "out", calls_during_restore, &d),
			 JET_errSuccess);
	assert_true(d.checked > 0);
	/* the instance is its own again, not initialised */
	assert_int_equal(sim_begin_session(d.instance, &ses), JET_errNotInitialized);
	assert_int_equal(sim_init(&d.instance, 0), JET_errSuccess);
	assert_int_equal(sim_term(d.instance, 0), JET_errSuccess);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(busy_round_trip_to_another_name),
		CASE(range_found_in_the_folder),
		CASE(callback_error_stops),
		CASE(damaged_logs),
		CASE(mixed_sets),
		CASE(not_a_backup),
		CASE(bad_arguments),
		CASE(target_instances),
		CASE(killed_and_run_again),
		CASE(folder_backup_full_and_incremental),
		CASE(folder_backup_atomic),
		CASE(folder_backup_refusals),
		CASE(restore_instance_rules),
		CASE(log_path_not_contiguous),
		CASE(restore_logs_its_own_end),
		CASE(restore_through_a_small_cache),
		CASE(restore_log_in_the_backup_folder),
		CASE(restore_replaces_no_other_file),
		CASE(own_files_named_as_the_set),
		CASE(running_instance_folders),
		CASE(set_continues_in_the_working_folder),
		CASE(rerun_after_the_mark),
		CASE(detach_in_the_restored_logs),
		CASE(file_sections),
		CASE(backup_directory_fails),
		CASE(restore_in_progress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
