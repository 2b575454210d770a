#define _POSIX_C_SOURCE 200809L
/* Streaming backup (sim/backup.c): the engine's state machine, every code
 * it returns, a closed backup set, and a copy that its own logs bring
 * forward to the live database. */
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
#include "format/dbfile.h"
#include "fixture.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "log/log.h"
#include "os/os.h"
#include "workload/scenario.h"
#include "instance/session.h"
#include "workload/workload.h"

#define PAGE 4096

static unsigned char *aligned(size_t size)
{
	void *p = NULL;
	assert_int_equal(posix_memalign(&p, 4096, size), 0);
	return p;
}

/* Reads a whole backup file through the API into memory. */
static unsigned char *read_whole(uintptr_t inst, const char *path, uint64_t *size, uint32_t chunk)
{
	uintptr_t h;
	uint64_t expected;
	unsigned char *buf = aligned(chunk), *all;
	uint32_t got;
	*size = 0;
	assert_int_equal(sim_backup_open_file(inst, 0, path, &h, &expected), JET_errSuccess);
	all = malloc(expected ? expected : 1);
	do {
		assert_int_equal(sim_backup_read_file(inst, 0, h, buf, chunk, &got), JET_errSuccess);
		assert_true(*size + got <= expected);
		memcpy(all + *size, buf, got);
		*size += got;
	} while (got);
	/* reads past the end succeed with nothing */
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, chunk, &got), JET_errSuccess);
	assert_int_equal(got, 0);
	assert_int_equal(*size, expected);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	free(buf);
	return all;
}

/* What ESE checks of a streamed database when it restores it, written from
 * the engine's source rather than from ours: 0, or which check failed.
 * - the header (ErrUtilReadShadowedHeader): the header checksum, the magic,
 *   the database attribute, the shadow the same; the backup it carries is
 *   open (FDBHeaderNeedsUpdating: bkinfoFullCur.genLow set, genHigh 0);
 * - each page (ErrValidatePage): never written (all zero), or its checksum;
 * - the patch page (ErrDBReadAndCheckDBTrailer, ChecksumPage with
 *   databaseHeader: the 4-byte XOR checksum over the whole page, else
 *   JET_errBadPatchPage), then ErrDBCheckDBHeaderAndTrailer: both
 *   signatures equal the header's, genHigh set, the mark equal to the
 *   header's bkinfoFullCur mark. */
static uint32_t xor_checksum(const unsigned char *p, uint32_t size)
{
	uint32_t x = 0x89ABCDEF;
	for (uint32_t i = 4; i < size; i += 4)
		x ^= get32(p + i);
	return x;
}

static int ese_accepts_stream(const unsigned char *copy, uint64_t size, uint32_t page_size)
{
	const unsigned char *hdr = copy, *patch = copy + size - page_size;
	uint64_t pages = size / page_size;
	if (size % page_size || pages < 4)
		return 1;
	if (get32(hdr) != xor_checksum(hdr, page_size) || get32(hdr + 4) != 0x89ABCDEF ||
	    get32(hdr + 12) != 0 /* attribDb */ || get32(hdr + 236) != page_size)
		return 2;
	if (memcmp(hdr, copy + page_size, page_size) != 0)
		return 3;
	if (get32(hdr + 184 + 16) == 0 || get32(hdr + 184 + 20) != 0)
		return 4;
	for (uint64_t i = 2; i < pages - 1; i++) {
		const unsigned char *pg = copy + i * page_size;
		int err = page_validate(pg, page_size, (uint32_t)(i - 1));
		if (err && err != JET_errPageNotInitialized)
			return 5;
	}
	if (get32(patch) != xor_checksum(patch, page_size))
		return 6;   /* JET_errBadPatchPage */
	if (memcmp(patch + 64, hdr + 24, 28) != 0 || memcmp(patch + 92, hdr + 108, 28) != 0)
		return 7;   /* JET_errDatabasePatchFileMismatch */
	if (get32(patch + 40 + 20) == 0 || memcmp(patch + 40, hdr + 184, 8) != 0)
		return 8;
	if (get32(patch + 40 + 16) == 0 || get32(patch + 40 + 20) < get32(patch + 40 + 16))
		return 9;
	return 0;
}

/* The log list of a backup, then every log in it read whole, as a client
 * copies them. */
static void copy_listed_logs(uintptr_t inst, struct backup_log_info *info)
{
	struct path_list logs;
	uint64_t size;
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, info), JET_errSuccess);
	for (const char *p = logs.text; *p; p += strlen(p) + 1)
		free(read_whole(inst, p, &size, 16 * PAGE));
	path_list_free(&logs);
}

static unsigned count_paths(const struct path_list *l)
{
	unsigned n = 0;
	for (const char *p = l->text; *p; p += strlen(p) + 1)
		n++;
	return n;
}

static void full_backup(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct path_list dbs, logs, trunc;
	struct backup_log_info info;
	struct sim_database_file_info file;
	unsigned char *copy;
	uint64_t size;
	struct db_header h;

	start_instance("f", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 2000, 0x11);   /* several generations */

	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_attach_info(inst, 0, &dbs), JET_errSuccess);
	assert_int_equal(count_paths(&dbs), 1);
	assert_non_null(strstr(dbs.text, "/i/a.edb"));
	assert_int_equal(dbs.size, strlen(dbs.text) + 2);

	copy = read_whole(inst, dbs.text, &size, 16 * PAGE);
	assert_int_equal(size, (uint64_t)(DATABASE_INITIAL_PAGES + 3) * PAGE);
	/* the header twice, stamped with this backup, then verified pages */
	assert_int_equal(db_header_decode(copy, PAGE, &h), JET_errSuccess);
	assert_int_equal(memcmp(copy, copy + PAGE, PAGE), 0);
	assert_int_equal(h.state, JET_dbstateDirtyShutdown);
	assert_true(h.full_current.gen_low >= 1);
	for (uint32_t pgno = 1; pgno <= DATABASE_INITIAL_PAGES; pgno++)
		assert_true(page_verify(copy + (uint64_t)(pgno + 1) * PAGE, PAGE, pgno));
	/* the trailer: ESE's patch page with the backup's generations */
	assert_int_equal(ese_accepts_stream(copy, size, PAGE), 0);
	assert_int_equal(get32(copy + size - PAGE + 40 + 16), h.full_current.gen_low);
	free(copy);

	assert_int_equal(sim_backup_log_info(inst, 0, &logs, &info), JET_errSuccess);
	assert_string_equal(info.base_name, "edb");
	assert_true(info.gen_high >= info.gen_low);
	assert_int_equal(count_paths(&logs), info.gen_high - info.gen_low + 1);
	for (const char *p = logs.text; *p; p += strlen(p) + 1) {
		unsigned char *log = read_whole(inst, p, &size, 8 * PAGE);
		assert_int_equal(size, 128 * 1024);
		free(log);
	}
	/* a log copied twice (a client's retry) is still copied */
	free(read_whole(inst, logs.text, &size, 8 * PAGE));
	assert_int_equal(sim_backup_truncate_log_info(inst, 0, &trunc), JET_errSuccess);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errSuccess);
	/* the listed generations below the checkpoint are gone */
	for (const char *p = trunc.text; *p; p += strlen(p) + 1)
		assert_int_equal(os_path_exists(p), 0);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	{
		struct path_list none;
		assert_int_equal(sim_backup_attach_info(inst, 0, &none), JET_errNoBackup);
		assert_null(none.text);
	}

	/* recorded as the previous full backup */
	assert_int_equal(sim_database_file_info("i/a.edb", &file), JET_errSuccess);
	assert_int_equal(file.header.full_previous.gen_low, info.gen_low);
	assert_int_equal(file.header.full_previous.gen_high, info.gen_high);
	assert_int_equal(file.header.full_previous_type, 0);
	path_list_free(&dbs);
	path_list_free(&logs);
	path_list_free(&trunc);
}

static void calls_without_a_backup(void **state)
{
	uintptr_t inst, ses, h = 0;
	uint64_t size;
	uint32_t got;
	struct path_list l;
	unsigned char *buf = aligned(4 * PAGE);
	start_instance("n", "i", &inst, &ses);
	assert_int_equal(sim_backup_attach_info(inst, 0, &l), JET_errNoBackup);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/edb.log", &h, &size), JET_errNoBackup);
	assert_int_equal(sim_backup_read_file(inst, 0, 0, buf, 4 * PAGE, &got), JET_errNoBackup);
	assert_int_equal(sim_backup_close_file(inst, 0, 0), JET_errNoBackup);
	assert_int_equal(sim_backup_log_info(inst, 0, &l, NULL), JET_errNoBackup);
	assert_int_equal(sim_backup_truncate_log_info(inst, 0, &l), JET_errNoBackup);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errNoBackup);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errNoBackup);
	/* the end's grbits are checked first: exactly one of normal, abort */
	assert_int_equal(sim_backup_end(inst, 0, 0), JET_errInvalidParameter);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal | JET_bitBackupEndAbort),
			 JET_errInvalidParameter);
	assert_int_equal(sim_backup_begin(inst, 0, JET_bitBackupAtomic), JET_errInvalidGrbit);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errBackupInProgress);
	assert_int_equal(sim_backup_begin(0x1234, 0, 0), JET_errInvalidParameter);
	free(buf);
}

/* A full backup starts from the checkpoint file: gone or damaged, the
 * backup does not start. */
static void begin_reads_the_checkpoint(void **state)
{
	uintptr_t inst, ses;
	os_file *f;
	start_instance("k", "i", &inst, &ses);
	assert_int_equal(os_rename("i/edb.chk", "i/saved.chk"), OS_OK);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errCheckpointFileNotFound);
	assert_int_equal(os_file_open("i/edb.chk", OS_OPEN_CREATE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 0, "not a checkpoint", 16), OS_OK);
	os_file_close(f);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errCheckpointCorrupt);
	assert_int_equal(os_rename("i/saved.chk", "i/edb.chk"), OS_OK);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
}

static void begin_refusals(void **state)
{
	static const unsigned circular[] = { JET_paramCircularLog, 0 };
	static const intptr_t on[] = { 1 };
	uintptr_t created, a, b, c, ses;
	uint32_t dbid;
	assert_int_equal(sim_create_instance(&created, "created", NULL), JET_errSuccess);
	/* entered as any call: not initialised (jetapi.cxx, ErrAPIEnter) */
	assert_int_equal(sim_backup_begin(created, 0, 0), JET_errNotInitialized);

	start_instance_with("a", "a", &a, &ses, circular, on);
	assert_int_equal(sim_backup_begin(a, 0, JET_bitBackupIncremental), JET_errInvalidBackup);
	assert_int_equal(sim_backup_begin(a, 0, 0), JET_errSuccess);   /* full is fine */

	start_instance("b", "b", &b, &ses);
	assert_int_equal(sim_create_database(ses, "b/x.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_backup_begin(b, 0, JET_bitBackupIncremental), JET_errMissingFullBackup);
	assert_int_equal(sim_backup_end(b, 0, JET_bitBackupEndAbort), JET_errNoBackup);

	assert_int_equal(sim_create_instance(&c, "c", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&c, JET_paramRecovery, 0, "Off"), JET_errSuccess);
	assert_int_equal(sim_set_param(&c, JET_paramSystemPath, 0, "c"), JET_errSuccess);
	assert_int_equal(sim_set_param(&c, JET_paramLogFilePath, 0, "c"), JET_errSuccess);
	assert_int_equal(sim_set_param(&c, JET_paramCreatePathIfNotExist, 1, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&c, 0), JET_errSuccess);
	assert_int_equal(sim_backup_begin(c, 0, 0), JET_errLoggingDisabled);
	/* no logs at all with recovery off */
	assert_int_equal(os_path_exists("c/edb.log"), 0);
	assert_int_equal(os_path_exists("c/edb.chk"), 0);
}

/* In the database phase a name that is not an attached database is
 * refused and the backup goes on; in the log phase anything but a listed
 * generation is missing from the set, and a log's name that carries no
 * generation (edb.log) is JET_errInvalidParameter: either ends the backup. */
static void closed_backup_set(void **state)
{
	static const char *const hostile[] = {
		"i/../i/edb.log", "i/edb.chk", "/etc/passwd", "i/edbres00001.jrs", "i/a.edb/../a.edb",
		"i/EDB00001.LOG", "i/edb00001.log/", "i/edb000001.log", "i/edb.log", "i/edb0FFFF.log",
		"", NULL,
	};
	uintptr_t inst, ses, h;
	uint32_t dbid;
	uint64_t size;
	struct path_list logs;
	start_instance("s", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 100, 0x22);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/edb.log", &h, &size), JET_errDatabaseNotFound);
	assert_int_equal(sim_backup_open_file(inst, 0, "/etc/passwd", &h, &size), JET_errDatabaseNotFound);
	assert_int_equal(sim_backup_open_file(inst, 0, "", &h, &size), JET_errInvalidParameter);
	assert_int_equal(sim_backup_open_file(inst, 0, NULL, &h, &size), JET_errInvalidParameter);
	/* the same database by another spelling of its path */
	assert_int_equal(sim_backup_open_file(inst, 0, "i/../i/./a.edb", &h, &size), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errOutOfMemory);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errInvalidBackupSequence);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errInvalidParameter);
	assert_int_equal(sim_backup_close_file(inst, 0, 7), JET_errInvalidParameter);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errSuccess);
	path_list_free(&logs);

	for (int i = 0; hostile[i]; i++) {
		int err = sim_backup_open_file(inst, 0, hostile[i], &h, &size);
		if (!*hostile[i]) {
			assert_int_equal(err, JET_errInvalidParameter);
			continue;
		}
		/* a database after the log list is out of sequence (".." is
		 * resolved as Windows resolves it, by the name); a log's name
		 * with no generation is refused by the engine's name parser */
		assert_int_equal(err, strstr(hostile[i], "a.edb") ? JET_errInvalidBackupSequence
				      : strstr(hostile[i], "edb.log") || strstr(hostile[i], "000001")
					  ? JET_errInvalidParameter : JET_errMissingFileToBackup);
		/* either way the backup is over */
		assert_int_equal(sim_backup_open_file(inst, 0, "i/edb.log", &h, &size), JET_errNoBackup);
		assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
		assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errSuccess);
		path_list_free(&logs);
	}
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
}

static void read_rules(void **state)
{
	uintptr_t inst, ses, h;
	uint32_t dbid, got;
	uint64_t size;
	unsigned char *buf = aligned(8 * PAGE);
	struct path_list logs;
	start_instance("r", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errSuccess);
	/* whole pages, page-aligned memory, and at first both headers and a page */
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 100, &got), JET_errInvalidParameter);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf + 8, 4 * PAGE, &got), JET_errInvalidParameter);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 2 * PAGE, &got), JET_errInvalidParameter);
	assert_int_equal(sim_backup_read_file(inst, 0, h, NULL, 4 * PAGE, &got), JET_errInvalidParameter);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 4 * PAGE, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 3 * PAGE, &got), JET_errSuccess);
	assert_int_equal(got, 3 * PAGE);
	/* later reads may be a single page */
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, PAGE, &got), JET_errSuccess);
	assert_int_equal(got, PAGE);
	assert_int_equal(sim_backup_read_file(inst, 0, 1, buf, PAGE, &got), JET_errInvalidParameter);
	/* closed before its end: not counted as copied */
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, logs.text, &h, &size), JET_errSuccess);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, PAGE, &got), JET_errInvalidParameter);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 2 * PAGE, &got), JET_errSuccess);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	/* a log not read whole */
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errLogFileNotCopied);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	path_list_free(&logs);
	free(buf);
}

static void truncate_needs_the_log_list(void **state)
{
	uintptr_t inst, ses;
	start_instance("t", "i", &inst, &ses);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errInvalidBackupSequence);
	/* a normal end before the log list is an abort: nothing recorded */
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
}

/* A damaged page of a database ends that file's read, not the backup; a
 * damaged log ends the backup. */
static void verify_failures(void **state)
{
	uintptr_t inst, ses, h;
	uint32_t dbid, got;
	uint64_t size;
	unsigned char *buf = aligned(16 * PAGE);
	struct path_list logs;
	os_file *f;
	int err;
	start_instance("v", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 10, 0x33);
	assert_int_equal(os_file_open("i/a.edb", OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, page_offset(PAGE, 100) + 500, "zz", 2), OS_OK);
	os_file_close(f);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errSuccess);
	do
		err = sim_backup_read_file(inst, 0, h, buf, 16 * PAGE, &got);
	while (!err && got);
	assert_int_equal(err, JET_errReadVerifyFailure);
	/* the file was closed for us; the backup goes on */
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errInvalidParameter);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errSuccess);
	assert_int_equal(os_file_open(logs.text, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, LOG_FIRST_RECORD + 50, "zz", 2), OS_OK);
	os_file_close(f);
	assert_int_equal(sim_backup_open_file(inst, 0, logs.text, &h, &size), JET_errSuccess);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 16 * PAGE, &got),
			 JET_errLogReadVerifyFailure);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 16 * PAGE, &got), JET_errNoBackup);
	path_list_free(&logs);
	free(buf);
}

/* A full backup ended with truncation lets an incremental follow; it
 * copies the logs since, and attach info and databases are out of
 * sequence in it. */
static void incremental_after_full(void **state)
{
	uintptr_t inst, ses, h;
	uint32_t dbid;
	uint64_t size;
	struct path_list dbs, logs;
	struct backup_log_info first, second;
	struct sim_database_file_info file;
	start_instance("i", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 500, 0x44);

	/* a full backup without truncation is a copy: incremental refused */
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	free(read_whole(inst, "i/a.edb", &size, 16 * PAGE));
	copy_listed_logs(inst, &first);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_database_file_info("i/a.edb", &file), JET_errSuccess);
	assert_int_equal(file.header.copy_previous.gen_low, first.gen_low);
	assert_int_equal(file.header.full_previous.gen_low, 0);
	assert_int_equal(sim_backup_begin(inst, 0, JET_bitBackupIncremental), JET_errMissingFullBackup);

	/* JET_bitBackupTruncateDone makes it a full backup */
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	free(read_whole(inst, "i/a.edb", &size, 16 * PAGE));
	copy_listed_logs(inst, &first);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal | JET_bitBackupTruncateDone),
			 JET_errSuccess);

	change_pages(inst, dbid, 500, 0x55);
	assert_int_equal(sim_backup_begin(inst, 0, JET_bitBackupIncremental), JET_errSuccess);
	assert_int_equal(sim_backup_attach_info(inst, 0, &dbs), JET_errInvalidBackupSequence);
	copy_listed_logs(inst, &second);
	assert_true(second.gen_low <= first.gen_high + 1);
	assert_true(second.gen_high > first.gen_high);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_database_file_info("i/a.edb", &file), JET_errSuccess);
	assert_int_equal(file.header.incremental_previous.gen_high, second.gen_high);

	/* a database in an incremental backup ends it */
	assert_int_equal(sim_backup_begin(inst, 0, JET_bitBackupIncremental), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errInvalidBackupSequence);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errNoBackup);
}

/* Truncation keeps every log a database never backed up whole still
 * needs; an incremental backup checks each database's own chain. */
static void truncation_and_chains_per_database(void **state)
{
	static const unsigned ids[] = { JET_paramCheckpointDepthMax, 0 };
	static const intptr_t values[] = { 0 };
	struct log_names names = { "i/", "edb", 3 };
	uintptr_t inst, ses;
	uint32_t a, b, lowest;
	uint64_t size;
	struct path_list logs;
	start_instance_with("c", "i", &inst, &ses, ids, values);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &a), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &b), JET_errSuccess);
	change_pages(inst, a, 300, 0x61);
	/* a full backup that copies a only: b was never backed up */
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	free(read_whole(inst, "i/a.edb", &size, 16 * PAGE));
	copy_listed_logs(inst, NULL);
	lowest = log_lowest_archived(&names);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errSuccess);
	assert_int_equal(log_lowest_archived(&names), lowest);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);

	/* both backed up, then b alone: a's chain stops where it was */
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	free(read_whole(inst, "i/a.edb", &size, 16 * PAGE));
	free(read_whole(inst, "i/b.edb", &size, 16 * PAGE));
	copy_listed_logs(inst, NULL);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, a, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	change_pages(inst, b, 300, 0x62);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	free(read_whole(inst, "i/b.edb", &size, 16 * PAGE));
	copy_listed_logs(inst, NULL);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, JET_bitBackupIncremental), JET_errSuccess);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errMissingFileToBackup);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errNoBackup);
}

/* An incremental backup ended normally before its log list records
 * nothing. */
static void early_normal_end_records_nothing(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t size;
	struct sim_database_file_info info;
	start_instance("e", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	free(read_whole(inst, "i/a.edb", &size, 16 * PAGE));
	copy_listed_logs(inst, NULL);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, JET_bitBackupIncremental), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal | JET_bitBackupTruncateDone),
			 JET_errSuccess);
	assert_int_equal(sim_database_file_info("i/a.edb", &info), JET_errSuccess);
	assert_int_equal(info.header.incremental_previous.gen_high, 0);
}

/* After JetStopServiceInstance every backup call but the stop itself
 * gets JET_errClientRequestToStopJetService; JetTerm still ends it. */
static void service_stopped_during_backup(void **state)
{
	uintptr_t inst, ses, h;
	uint32_t dbid, got;
	uint64_t size;
	struct path_list l;
	unsigned char *buf = aligned(4 * PAGE);
	start_instance("s", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errSuccess);
	assert_int_equal(sim_stop_service_instance(inst, 0), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_attach_info(inst, 0, &l), JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size),
			 JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 4 * PAGE, &got),
			 JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_log_info(inst, 0, &l, NULL), JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_truncate_log_info(inst, 0, &l), JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort),
			 JET_errClientRequestToStopJetService);
	assert_int_equal(sim_backup_stop(inst, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, JET_bitTermStopBackup), JET_errSuccess);
	free(buf);
}

static void term_during_backup(void **state)
{
	uintptr_t inst, ses;
	struct path_list l;
	start_instance("t", "i", &inst, &ses);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, JET_bitTermComplete), JET_errBackupInProgress);
	assert_int_equal(sim_term(inst, 0), JET_errBackupInProgress);
	/* still up, still backing up */
	assert_int_equal(sim_backup_attach_info(inst, 0, &l), JET_errSuccess);
	path_list_free(&l);
	assert_int_equal(sim_term(inst, JET_bitTermStopBackup), JET_errSuccess);
	start_instance("t", "i", &inst, &ses);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	/* JetTerm is abrupt: it ends the backup */
	assert_int_equal(sim_term(inst, JET_bitTermAbrupt), JET_errSuccess);
}

static void stopped_by_the_server(void **state)
{
	uintptr_t created, inst, ses, h;
	uint32_t dbid, got;
	uint64_t size;
	struct path_list l;
	unsigned char *buf = aligned(4 * PAGE);
	assert_int_equal(sim_create_instance(&created, "created", NULL), JET_errSuccess);
	/* the engine only looks the instance up: a created one is found */
	assert_int_equal(sim_backup_stop(created, 0), JET_errSuccess);
	assert_int_equal(sim_backup_stop(0x4242, 0), JET_errInvalidParameter);
	start_instance("s", "i", &inst, &ses);
	/* no backup: still success, and the next begin starts afresh */
	assert_int_equal(sim_backup_stop(inst, 0), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errSuccess);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 4 * PAGE, &got), JET_errSuccess);
	assert_int_equal(sim_backup_stop(inst, 0), JET_errSuccess);
	assert_int_equal(sim_backup_read_file(inst, 0, h, buf, 4 * PAGE, &got), JET_errBackupAbortByServer);
	assert_int_equal(sim_backup_attach_info(inst, 0, &l), JET_errBackupAbortByServer);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errBackupAbortByServer);
	assert_int_equal(sim_backup_log_info(inst, 0, &l, NULL), JET_errBackupAbortByServer);
	assert_int_equal(sim_backup_truncate_log_info(inst, 0, &l), JET_errBackupAbortByServer);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errBackupAbortByServer);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errBackupInProgress);
	/* closing and ending still work; a normal end is an abort */
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_backup_attach_info(inst, 0, &l), JET_errNoBackup);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_attach_info(inst, 0, &l), JET_errSuccess);
	path_list_free(&l);
	free(buf);
}

/* JetStopBackupInstance from another thread while a read loop runs: the
 * reader's next call gets -801, nothing is left open; many times over. */
struct reader {
	uintptr_t inst;
	uintptr_t file;
	int last;
	unsigned reads;
};

static void read_until_stopped(void *arg)
{
	struct reader *r = arg;
	unsigned char *buf = aligned(PAGE * 4);
	uint32_t got;
	int first = 1;
	for (;;) {
		r->last = sim_backup_read_file(r->inst, 0, r->file, buf, first ? 4 * PAGE : PAGE, &got);
		first = 0;
		if (r->last)
			break;
		r->reads++;
		if (got == 0) {
			/* restart the file: keep reading until the stop */
			sim_backup_close_file(r->inst, 0, r->file);
			uint64_t size;
			r->last = sim_backup_open_file(r->inst, 0, "i/a.edb", &r->file, &size);
			first = 1;
			if (r->last)
				break;
		}
	}
	free(buf);
}

static void stop_during_read_many_times(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t size;
	start_instance("m", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	for (int round = 0; round < 200; round++) {
		struct reader r = { inst, 0, 0, 0 };
		os_thread *t;
		assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
		assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &r.file, &size), JET_errSuccess);
		assert_int_equal(os_thread_start(&t, read_until_stopped, &r), OS_OK);
		if (round % 4)
			os_sleep_ms(round % 3);
		assert_int_equal(sim_backup_stop(inst, 0), JET_errSuccess);
		os_thread_join(t);
		assert_int_equal(r.last, JET_errBackupAbortByServer);
		/* whatever state the reader left, ending cleans it all */
		sim_backup_close_file(inst, 0, r.file);
		assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errSuccess);
		assert_int_equal(sim_backup_close_file(inst, 0, 0), JET_errNoBackup);
	}
}

/* The backup's end, from another thread while a read runs: the end waits
 * for the read; the reader's next call finds no backup. */
static void end_during_read_many_times(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t size;
	start_instance("e", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	for (int round = 0; round < 100; round++) {
		struct reader r = { inst, 0, 0, 0 };
		os_thread *t;
		assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
		assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &r.file, &size), JET_errSuccess);
		assert_int_equal(os_thread_start(&t, read_until_stopped, &r), OS_OK);
		if (round % 3)
			os_sleep_ms(round % 2);
		assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
		os_thread_join(t);
		assert_true(r.last == JET_errNoBackup || r.last == JET_errInvalidParameter);
	}
}

/* The instance's writer is not held up by a backup reading a database:
 * the read runs without the instance lock. */
static void writer_runs_during_backup_reads(void **state)
{
	uintptr_t inst, ses, h;
	uint32_t dbid, real, got;
	uint64_t size, before;
	struct instance *in;
	struct scenario s;
	struct workload *w;
	unsigned char *buf = aligned(64 * PAGE);
	int err;
	start_instance("w", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_grow_database(ses, dbid, 8192, &real), JET_errSuccess);
	scenario_defaults(&s);
	s.rate = 20000;
	s.grow_every = 0;
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(workload_start(in, &s, &w), JET_errSuccess);
	instance_leave(in, 0);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errSuccess);
	before = workload_writes(w);
	do
		err = sim_backup_read_file(inst, 0, h, buf, 64 * PAGE, &got);
	while (!err && got);
	assert_int_equal(err, JET_errSuccess);
	/* the writer wrote while the file was read */
	assert_true(workload_writes(w) > before);
	assert_int_equal(sim_backup_close_file(inst, 0, h), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	workload_stop(w);
	free(buf);
}

/* A database copied while the workload writes, then brought forward with
 * the logs of the same backup set (redone as recovery does), equals the
 * live database once the writer has stopped. */
static int redo_copy(unsigned char *db, uint32_t pages, const struct path_list *logs)
{
	for (const char *p = logs->text; *p; p += strlen(p) + 1) {
		struct log_reader *r;
		struct log_record rec;
		int more;
		if (log_reader_open(p, 0, &r))
			return -1;
		while ((more = log_reader_next(r, &rec, NULL)) == 1) {
			unsigned char *page;
			if (rec.type != LOG_REC_PAGE || rec.dbid != 1)
				continue;
			if (rec.pgno > pages)
				return -2;
			page = db + (uint64_t)(rec.pgno + 1) * PAGE;
			if (page_dbtime(page) >= rec.dbtime)
				continue;
			memcpy(page + rec.offset, rec.payload, rec.length);
			page_set_dbtime(page, rec.dbtime);
			page_seal(page, PAGE, rec.pgno);
		}
		log_reader_close(r);
		if (more < 0)
			return -3;
	}
	return 0;
}

static void copy_while_busy_is_brought_forward(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t size;
	struct instance *in;
	struct scenario s;
	struct workload *w;
	struct path_list logs;
	unsigned char *copy, page[PAGE];

	start_instance("b", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	scenario_defaults(&s);
	s.rate = 5000;
	s.grow_every = 0;
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(workload_start(in, &s, &w), JET_errSuccess);
	instance_leave(in, 0);
	os_sleep_ms(100);

	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	copy = read_whole(inst, "i/a.edb", &size, PAGE * 3);   /* slowly, as it changes */
	assert_true(workload_writes(w) > 0);
	workload_stop(w);
	assert_int_equal(sim_backup_log_info(inst, 0, &logs, NULL), JET_errSuccess);
	for (uint32_t pgno = 1; pgno <= DATABASE_INITIAL_PAGES; pgno++)
		assert_true(page_verify(copy + (uint64_t)(pgno + 1) * PAGE, PAGE, pgno));
	assert_int_equal(redo_copy(copy, DATABASE_INITIAL_PAGES, &logs), 0);

	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	for (uint32_t pgno = 1; pgno <= DATABASE_INITIAL_PAGES; pgno++) {
		assert_int_equal(database_read_page(instance_database(in, dbid), pgno, page), JET_errSuccess);
		assert_memory_equal(copy + (uint64_t)(pgno + 1) * PAGE + 8, page + 8, PAGE - 8);
	}
	instance_leave(in, 0);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	path_list_free(&logs);
	free(copy);
}

/* A backup set made under the busy workload passes ESE's own acceptance
 * checks at every page size: 16 and 32 KiB pages carry their block
 * checksums in bytes 40..67, where the patch page has its BKINFO. */
static void ese_accepts_streams_at_every_page_size(void **state)
{
	static const intptr_t sizes[] = { 4096, 8192, 16384, 32768 };
	static const unsigned ids[] = { JET_paramDatabasePageSize, 0 };
	for (unsigned i = 0; i < 4; i++) {
		uintptr_t inst, ses;
		uint32_t dbid, page_size = (uint32_t)sizes[i];
		uint64_t size;
		struct instance *in;
		struct scenario s;
		struct workload *w;
		unsigned char *copy;
		char dir[16];

		snprintf(dir, sizeof dir, "p%u", page_size);
		start_instance_with(dir, dir, &inst, &ses, ids, &sizes[i]);
		snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "/a.edb");
		assert_int_equal(sim_create_database(ses, dir, 0, 0, &dbid), JET_errSuccess);
		scenario_defaults(&s);
		s.rate = 5000;
		assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
		assert_int_equal(workload_start(in, &s, &w), JET_errSuccess);
		instance_leave(in, 0);
		os_sleep_ms(50);
		assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
		copy = read_whole(inst, dir, &size, page_size * 4);
		assert_true(workload_writes(w) > 0);
		workload_stop(w);
		assert_int_equal(ese_accepts_stream(copy, size, page_size), 0);
		free(copy);
		assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
		assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 4096, NULL),
				 JET_errSuccess);
	}
}

/* A never-written page (real Windows databases have many) is copied by
 * the backup as it is; read for anything else it is -1019, not -1018. */
static void never_written_pages_are_copied(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t size;
	unsigned char *copy, zero[PAGE] = { 0 }, page[PAGE];
	struct instance *in;
	os_file *f;

	start_instance("u", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(os_file_open("i/a.edb", OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, page_offset(PAGE, 7), zero, PAGE), OS_OK);
	os_file_close(f);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);

	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	dbid = instance_database(in, 1) ? 1 : dbid;
	assert_int_equal(database_read_page(instance_database(in, dbid), 7, page),
			 JET_errPageNotInitialized);
	instance_leave(in, 0);

	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	copy = read_whole(inst, "i/a.edb", &size, 16 * PAGE);
	assert_memory_equal(copy + page_offset(PAGE, 7), zero, PAGE);
	assert_int_equal(ese_accepts_stream(copy, size, PAGE), 0);
	free(copy);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
}

/* Real Windows-made databases (../shared/fixtures/isam), many pages of
 * them never written: a streaming backup reads each whole, its pages come
 * out byte-identical to the file's, and the stream passes ESE's checks. */
static void windows_databases_stream_whole(void **state)
{
	static const struct { const char *name; intptr_t page_size; } files[] = {
		{ "dissect-basic.edb", 4096 }, { "dissect-binary.edb", 4096 },
		{ "dissect-text.edb", 4096 }, { "dissect-multi.edb", 4096 },
		{ "dissect-default.edb", 4096 }, { "dissect-index.edb", 4096 },
		{ "goese-SRUDB.dat", 4096 }, { "dissect-large.edb", 32768 },
	};
	static const unsigned ids[] = { JET_paramDatabasePageSize, 0 };
	for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
		uintptr_t inst, ses;
		uint32_t page_size = (uint32_t)files[i].page_size;
		uint64_t size, file_size;
		unsigned char *copy, *original;
		char dir[16];
		os_file *f;
		size_t got = 0;

		if (!windows_fixture(files[i].name, files[i].name)) {
			skip();
			return;
		}
		assert_int_equal(os_file_open(files[i].name, OS_OPEN_READ, &f), OS_OK);
		assert_int_equal(os_file_size(f, &file_size), OS_OK);
		original = malloc((size_t)file_size);
		assert_int_equal(os_file_read_at(f, 0, original, (size_t)file_size, &got), OS_OK);
		os_file_close(f);

		snprintf(dir, sizeof dir, "w%u", i);
		start_instance_with(dir, dir, &inst, &ses, ids, &files[i].page_size);
		assert_int_equal(sim_attach_database(ses, files[i].name, 0, 0), JET_errSuccess);
		assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
		copy = read_whole(inst, files[i].name, &size, page_size * 4);
		assert_int_equal(size, file_size + page_size);
		assert_memory_equal(copy + 2 * page_size, original + 2 * page_size,
				    file_size - 2 * page_size);
		assert_int_equal(ese_accepts_stream(copy, size, page_size), 0);
		free(copy);
		free(original);
		assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
		assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 4096, NULL),
				 JET_errSuccess);
	}
}

static void legacy_forms(void **state)
{
	uintptr_t inst = 0, multi;
	struct path_list l;
	assert_int_equal(sim_backup_begin(0, 1, 0), JET_errInvalidParameter);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_backup_begin(0, 1, 0), JET_errSuccess);
	assert_int_equal(sim_backup_attach_info(0, 1, &l), JET_errSuccess);
	path_list_free(&l);
	assert_int_equal(sim_backup_stop(0, 1), JET_errSuccess);
	assert_int_equal(sim_backup_end(0, 1, JET_bitBackupEndNormal), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_create_instance(&multi, "m", NULL), JET_errSuccess);
	assert_int_equal(sim_backup_begin(0, 1, 0), JET_errRunningInMultiInstanceMode);
	assert_int_equal(sim_backup_stop(0, 1), JET_errRunningInMultiInstanceMode);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(full_backup),
		CASE(calls_without_a_backup),
		CASE(begin_reads_the_checkpoint),
		CASE(begin_refusals),
		CASE(closed_backup_set),
		CASE(read_rules),
		CASE(truncate_needs_the_log_list),
		CASE(verify_failures),
		CASE(incremental_after_full),
		CASE(truncation_and_chains_per_database),
		CASE(early_normal_end_records_nothing),
		CASE(service_stopped_during_backup),
		CASE(term_during_backup),
		CASE(stopped_by_the_server),
		CASE(stop_during_read_many_times),
		CASE(end_during_read_many_times),
		CASE(writer_runs_during_backup_reads),
		CASE(copy_while_busy_is_brought_forward),
		CASE(ese_accepts_streams_at_every_page_size),
		CASE(never_written_pages_are_copied),
		CASE(windows_databases_stream_whole),
		CASE(legacy_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
