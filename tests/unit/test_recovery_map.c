#define _POSIX_C_SOURCE 200809L
/* JetInit3's restore information (sim/db/recovery.c with a
 * struct recovery_request): databases moved after a crash are recovered
 * where they are now; a database the map leaves out is skipped; the status
 * callback follows the generations; JET_bitTruncateLogsAfterRecovery; and
 * the log header read offline (JetGetLogFileInfo, log_file_info_read). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/database.h"
#include "db/recovery.h"
#include "engine/init_term.h"
#include "format/dbfile.h"
#include "fixture.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "log/log.h"
#include "os/os.h"
#include "snapshot/snapshot.h"

#define PAGE 4096

static unsigned char *read_all(const char *path, uint64_t *size)
{
	os_file *f;
	size_t got;
	unsigned char *data;
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(os_file_size(f, size), OS_OK);
	data = malloc(*size ? *size : 1);
	assert_int_equal(os_file_read_at(f, 0, data, (size_t)*size, &got), OS_OK);
	os_file_close(f);
	return data;
}

static void write_all(const char *path, const void *data, uint64_t size)
{
	os_file *f;
	os_remove(path);
	assert_int_equal(os_file_open(path, OS_OPEN_CREATE_EXCLUSIVE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 0, data, (size_t)size), OS_OK);
	os_file_close(f);
}

/* An instance on i/ with a.edb changed over several generations, then
 * terminated dirty: *live holds its pages as the log has them. */
static unsigned char *crashed_instance(const char *name, uint32_t *pages)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	unsigned char *live;
	start_instance(name, "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 1500, 0x3C);
	live = live_pages(inst, dbid, pages);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	return live;
}

static int init3_on_i(const char *name, const struct recovery_request *req, uint32_t grbit,
		      uintptr_t *inst)
{
	assert_int_equal(sim_create_instance(inst, name, NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramLogFilePath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramSystemPath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramLogFileSize, 128, NULL), JET_errSuccess);
	return sim_init3(inst, req, grbit);
}

static void expect_pages(const char *path, const unsigned char *live, uint32_t pages, int clean)
{
	uint64_t size;
	unsigned char *db = read_all(path, &size);
	struct db_header h;
	assert_int_equal(db_header_decode(db, PAGE, &h), JET_errSuccess);
	if (clean) {
		assert_int_equal(h.state, JET_dbstateCleanShutdown);
		for (uint32_t pgno = 1; pgno <= pages; pgno++)
			assert_memory_equal(db + (uint64_t)(pgno + 1) * PAGE,
					    live + (size_t)(pgno - 1) * PAGE, PAGE);
	} else {
		assert_int_not_equal(h.state, JET_dbstateCleanShutdown);
	}
	free(db);
}

struct progress {
	unsigned begin, progress, complete, fail;
	uint32_t last_done, total;
};

static int on_status(void *ctx, uint32_t snt, uint32_t done, uint32_t total)
{
	struct progress *p = ctx;
	p->begin += snt == JET_sntBegin;
	p->complete += snt == JET_sntComplete;
	p->fail += snt == JET_sntFail;
	if (snt == JET_sntProgress) {
		p->progress++;
		assert_true(done > p->last_done);
		assert_true(done <= total);
		p->last_done = done;
		p->total = total;
	}
	/* recovery does not look at what the callback returns */
	return JET_errCallbackFailed;
}

/* ManagedEsent's "recover alternate path": the database moved (and
 * renamed) after the crash is recovered where it is now, by its signature
 * (the map's source name is another one). */
static void moved_database_recovered_in_place(void **state)
{
	uint32_t pages;
	unsigned char *live = crashed_instance("mv", &pages);
	struct recovery_map_entry map[] = { { "somewhere/else.edb", "moved/b.edb" } };
	struct progress p = { 0 };
	struct recovery_request req = { map, 1, on_status, &p };
	uintptr_t inst;

	os_mkdir("moved");
	assert_int_equal(os_rename("i/a.edb", "moved/b.edb"), OS_OK);
	assert_int_equal(init3_on_i("mv", &req, 0, &inst), JET_errSuccess);
	assert_int_equal(p.begin, 1);
	assert_int_equal(p.complete, 1);
	assert_int_equal(p.fail, 0);
	assert_true(p.progress >= 2);
	assert_int_equal(p.last_done, p.total);
	/* nothing made at the place the log names */
	assert_int_equal(os_path_exists("i/a.edb"), 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	expect_pages("moved/b.edb", live, pages, 1);
	free(live);
}

/* A database whose file is missing is matched by the name the log gives,
 * its file name if the folder differs; restored there from the log. */
static void missing_file_matched_by_name(void **state)
{
	uint32_t pages;
	unsigned char *live = crashed_instance("nm", &pages);
	struct recovery_map_entry map[] = { { "i/a.edb", "moved/a.edb" } };
	struct recovery_request req = { map, 1, NULL, NULL };
	uintptr_t inst;

	os_mkdir("moved");
	assert_int_equal(os_rename("i/a.edb", "moved/a.edb"), OS_OK);
	assert_int_equal(init3_on_i("nm", &req, 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	expect_pages("moved/a.edb", live, pages, 1);
	assert_int_equal(os_path_exists("i/a.edb"), 0);
	free(live);
}

/* A database the map leaves out is not replayed (JetInit3 does not set
 * JET_bitReplayMissingMapEntryDB); with that grbit it is replayed where
 * the log says, where it is missing: JET_errAttachedDatabaseMismatch,
 * unless JET_bitReplayIgnoreMissingDB. */
static void database_left_out_of_the_map(void **state)
{
	uint32_t pages;
	unsigned char *live = crashed_instance("lo", &pages);
	struct recovery_map_entry map[] = { { "other.edb", "x/other.edb" } };
	struct recovery_request req = { map, 1, NULL, NULL };
	uintptr_t inst;

	os_mkdir("moved");
	assert_int_equal(os_rename("i/a.edb", "moved/a.edb"), OS_OK);
	assert_int_equal(init3_on_i("lo", &req, JET_bitReplayMissingMapEntryDB, &inst),
			 JET_errAttachedDatabaseMismatch);
	assert_int_equal(init3_on_i("lo", NULL, 0, &inst), JET_errAttachedDatabaseMismatch);
	assert_int_equal(init3_on_i("lo", &req, 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	/* left as the crash left it */
	expect_pages("moved/a.edb", live, pages, 0);
	assert_int_equal(os_path_exists("x/other.edb"), 0);
	free(live);
}

/* ErrBuildRstmapForSoftRecovery's checks; a refused init frees the
 * instance JetCreateInstance made. */
static void map_checked(void **state)
{
	struct recovery_map_entry many[13], nameless[] = { { "a.edb", NULL } },
		empty[] = { { "a.edb", "" } };
	struct recovery_request req = { many, 13, NULL, NULL };
	uintptr_t inst;
	for (unsigned i = 0; i < 13; i++)
		many[i] = (struct recovery_map_entry){ "a.edb", "b.edb" };
	os_mkdir("i");
	assert_int_equal(init3_on_i("mc", &req, 0, &inst), JET_errInvalidParameter);
	assert_int_equal(inst, 0);
	req.map = nameless;
	req.map_count = 1;
	assert_int_equal(init3_on_i("mc", &req, 0, &inst), JET_errDatabaseInvalidName);
	req.map = empty;
	assert_int_equal(init3_on_i("mc", &req, 0, &inst), JET_errDatabaseInvalidName);
	req.map = NULL;
	assert_int_equal(init3_on_i("mc", &req, 0, &inst), JET_errInvalidParameter);
	/* twelve entries, two a database, are accepted */
	req.map = many;
	req.map_count = 12;
	assert_int_equal(init3_on_i("mc", &req, 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* JET_bitTruncateLogsAfterRecovery: the archived generations are gone
 * once recovery is over; without it they stay. */
static void truncate_logs_after_recovery(void **state)
{
	uint32_t pages;
	unsigned char *live = crashed_instance("tr", &pages);
	struct log_names n = { "i/", "edb", JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat };
	uintptr_t inst;
	char *folder = os_full_path("i/");

	n.folder = folder;
	assert_true(log_lowest_archived(&n) != 0);
	assert_int_equal(init3_on_i("tr", NULL, 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	assert_true(log_lowest_archived(&n) != 0);
	assert_int_equal(init3_on_i("tr", NULL, JET_bitTruncateLogsAfterRecovery, &inst),
			 JET_errSuccess);
	assert_int_equal(log_lowest_archived(&n), 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	expect_pages("i/a.edb", live, pages, 1);
	/* and the set starts again from what is left */
	assert_int_equal(init3_on_i("tr", NULL, 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(folder);
	free(live);
}

/* The header of a log, offline, with ESE's codes for what is not one. */
static void log_file_info(void **state)
{
	uint32_t pages;
	unsigned char *live = crashed_instance("li", &pages);
	struct log_file_info fi, second;
	uint64_t size;
	unsigned char *data;

	assert_int_equal(log_file_info_read("i/edb00001.log", &fi), JET_errSuccess);
	assert_int_equal(fi.generation, 1);
	assert_int_equal(fi.major, 8);
	assert_int_equal(fi.minor, 4000);
	assert_int_equal(fi.sector_size, LOG_SECTOR_SIZE);
	assert_int_equal(fi.header_sectors, LOG_HEADER_SIZE / LOG_SECTOR_SIZE);
	assert_int_equal(fi.file_sectors, 128 * 1024 / LOG_SECTOR_SIZE);
	assert_int_equal(fi.db_page_size, PAGE);
	assert_int_equal(log_file_info_read("i/edb00002.log", &second), JET_errSuccess);
	assert_int_equal(second.generation, 2);
	assert_memory_equal(second.signature, fi.signature, sizeof fi.signature);
	assert_memory_equal(second.previous_created.b, fi.created.b, sizeof fi.created.b);
	assert_int_equal(log_file_info_read("i/edb.log", &fi), JET_errSuccess);
	assert_true(fi.generation > 2);

	assert_int_equal(log_file_info_read("i/nothing.log", &fi), JET_errFileNotFound);
	assert_int_equal(log_file_info_read("nowhere/edb.log", &fi), JET_errInvalidPath);
	/* sound headers of other files */
	assert_int_equal(log_file_info_read("i/edb.chk", &fi), JET_errFileInvalidType);
	assert_int_equal(log_file_info_read("i/a.edb", &fi), JET_errFileInvalidType);
	/* a file shorter than a header, a damaged header */
	data = read_all("i/edb00001.log", &size);
	write_all("short.log", data, 1000);
	assert_int_equal(log_file_info_read("short.log", &fi), JET_errFileIOBeyondEOF);
	data[300] ^= 1;
	write_all("bad.log", data, size);
	assert_int_equal(log_file_info_read("bad.log", &fi), JET_errLogFileCorrupt);
	free(data);
	free(live);
}

/* A full OS snapshot's copy of the instance's folder (database, logs,
 * checkpoint, taken while frozen) recovered into a fresh folder beside the
 * live instance, which goes on: JetInit3 with the database mapped to its
 * new name; every page equals the live database's as of the freeze. */
struct copy_ctx {
	const char *from, *to;
};

static int copy_one(void *arg, const char *name)
{
	struct copy_ctx *c = arg;
	char a[512], b[512];
	uint64_t size;
	unsigned char *data;
	snprintf(a, sizeof a, "%s/%s", c->from, name);
	snprintf(b, sizeof b, "%s/%s", c->to, name);
	if (os_path_exists(a) != 1)
		return 0;
	data = read_all(a, &size);
	write_all(b, data, size);
	free(data);
	return 0;
}

static void snapshot_copy_recovered_elsewhere(void **state)
{
	uintptr_t id, inst, ses, fresh;
	uint32_t dbid, pages;
	unsigned char *at_freeze;
	struct sim_instance_info *list;
	unsigned n;
	struct copy_ctx c = { "i", "copy" };
	struct recovery_map_entry map[] = { { "i/a.edb", "copy/restored.edb" } };
	struct recovery_request req = { map, 1, NULL, NULL };

	start_instance("live", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 1500, 0x21);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errSuccess);
	sim_free_instance_list(list, n);
	at_freeze = live_pages(inst, dbid, &pages);
	os_mkdir("copy");
	assert_int_equal(os_list_dir("i", copy_one, &c), OS_OK);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	/* the live instance goes on */
	change_pages(inst, dbid, 500, 0x22);
	assert_int_equal(os_rename("copy/a.edb", "copy/restored.edb"), OS_OK);

	assert_int_equal(sim_create_instance(&fresh, "copy", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&fresh, JET_paramLogFilePath, 0, "copy/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&fresh, JET_paramSystemPath, 0, "copy/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&fresh, JET_paramLogFileSize, 128, NULL), JET_errSuccess);
	assert_int_equal(sim_init3(&fresh, &req, 0), JET_errSuccess);
	assert_int_equal(sim_term(fresh, 0), JET_errSuccess);
	expect_pages("copy/restored.edb", at_freeze, pages, 1);
	assert_int_equal(os_path_exists("copy/a.edb"), 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(at_freeze);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(moved_database_recovered_in_place),
		CASE(missing_file_matched_by_name),
		CASE(database_left_out_of_the_map),
		CASE(map_checked),
		CASE(truncate_logs_after_recovery),
		CASE(log_file_info),
		CASE(snapshot_copy_recovered_elsewhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
