#define _POSIX_C_SOURCE 200809L
/* Databases (sim/database.c): every documented return code of create,
 * attach, detach, open, close and info, header states, page writes and
 * checksums. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "backup/backup.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "format/dbfile.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "jet_values.h"
#include "os/os.h"
#include "os/wtf8.h"
#include "instance/session.h"

/* Write failures, injected: this test is linked with
 * -Wl,--wrap=os_file_write_at, so every write of the engine comes here. */
int __real_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len);
int __wrap_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len);
static int write_fault;            /* the OS_ status writes get, or 0 */
static uint64_t write_fault_from;  /* ... at this offset and beyond */

int __wrap_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len)
{
	if (write_fault && offset >= write_fault_from)
		return write_fault;
	return __real_os_file_write_at(f, offset, buf, len);
}

static struct db_header header_of(const char *path)
{
	struct sim_database_file_info info;
	assert_int_equal(sim_database_file_info(path, &info), JET_errSuccess);
	return info.header;
}

static void create_attach_detach_cycle(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, again;
	struct sim_database_file_info info;
	start_instance("c", "i", &inst, &ses);

	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(dbid, 1);
	/* a new database is attached, open, and dirty on disk while it is */
	assert_int_equal(sim_database_file_info("i/a.edb", &info), JET_errSuccess);
	assert_int_equal(info.header.state, JET_dbstateDirtyShutdown);
	assert_true(info.attached);
	assert_int_equal(info.file_size, (DATABASE_INITIAL_PAGES + 2) * 4096);
	assert_int_equal(info.header.page_size, 4096);
	assert_int_equal(info.header.jet_filetype, JET_filetypeDatabase);

	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errDatabaseInUse);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errDatabaseNotFound);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errDatabaseNotFound);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errInvalidDatabaseId);

	info.header = header_of("i/a.edb");
	assert_int_equal(info.header.state, JET_dbstateCleanShutdown);
	assert_true(info.header.consistent.generation >= 1);
	assert_int_equal(lgpos_compare(info.header.consistent, info.header.detach), 0);

	assert_int_equal(sim_open_database(ses, "i/a.edb", 0, &again), JET_errDatabaseNotFound);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_wrnDatabaseAttached);
	assert_int_equal(sim_open_database(ses, "i/a.edb", 0, &again), JET_errSuccess);
	assert_int_equal(again, 1);
	/* opened twice, closed twice */
	assert_int_equal(sim_open_database(ses, "i/a.edb", 0, &again), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, again, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errDatabaseInUse);
	assert_int_equal(sim_close_database(ses, again, 0), JET_errSuccess);
	/* NULL or empty: every database */
	assert_int_equal(sim_detach_database(ses, NULL, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errDatabaseNotFound);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void create_refusals(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	start_instance("r", "i", &inst, &ses);

	assert_int_equal(sim_create_database(ses, NULL, 0, 0, &dbid), JET_errDatabaseInvalidPath);
	assert_int_equal(sim_create_database(ses, "", 0, 0, &dbid), JET_errDatabaseInvalidPath);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_create_database(ses, "no/such/dir/a.edb", 0, 0, &dbid),
			 JET_errDatabaseInvalidPath);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0x7fffffff, 0, &dbid),
			 JET_errDatabaseInvalidPages);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0x40000000, &dbid), JET_errInvalidGrbit);
	assert_int_equal(sim_create_database(0x999, "i/a.edb", 0, 0, &dbid), JET_errInvalidSesid);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	/* attached already, or a file there */
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errDatabaseDuplicate);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errDatabaseDuplicate);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, JET_bitDbOverwriteExisting, &dbid),
			 JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void create_path_if_not_exist_for_databases(void **state)
{
	static const unsigned ids[] = { JET_paramCreatePathIfNotExist, 0 };
	static const intptr_t values[] = { 1 };
	uintptr_t inst, ses;
	uint32_t dbid;
	start_instance_with("p", "i", &inst, &ses, ids, values);
	assert_int_equal(sim_create_database(ses, "i/deep/er/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(os_path_exists("i/deep/er/a.edb"), 1);
}

/* Six user databases per instance (dbid 1..6; daeconst.hxx dbidMax 7). */
static void too_many_attached(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	char name[32];
	start_instance("m", "i", &inst, &ses);
	for (int i = 1; i <= DATABASE_MAX; i++) {
		snprintf(name, sizeof name, "i/d%d.edb", i);
		assert_int_equal(sim_create_database(ses, name, 0, 0, &dbid), JET_errSuccess);
		assert_int_equal(dbid, (uint32_t)i);
	}
	assert_int_equal(sim_create_database(ses, "i/d7.edb", 0, 0, &dbid),
			 JET_errTooManyAttachedDatabases);
	assert_int_equal(os_path_exists("i/d7.edb"), 0);
	assert_int_equal(sim_close_database(ses, 3, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/d3.edb", 0), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/d7.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(dbid, 3);
	assert_int_equal(sim_attach_database(ses, "i/d3.edb", 0, 0), JET_errTooManyAttachedDatabases);
}

static void attach_refusals(void **state)
{
	uintptr_t a, b, ses_a, ses_b;
	uint32_t dbid;
	start_instance("a", "a", &a, &ses_a);
	start_instance("b", "b", &b, &ses_b);

	assert_int_equal(sim_attach_database(ses_a, "a/none.edb", 0, 0), JET_errFileNotFound);
	assert_int_equal(sim_attach_database(ses_a, NULL, 0, 0), JET_errDatabaseInvalidPath);
	assert_int_equal(sim_attach_database(ses_a, "a/x.edb", 0, 0x40000000), JET_errInvalidGrbit);
	assert_int_equal(sim_create_database(ses_a, "a/x.edb", 0, 0, &dbid), JET_errSuccess);
	/* one instance at a time */
	assert_int_equal(sim_attach_database(ses_b, "a/x.edb", 0, 0), JET_errDatabaseSharingViolation);
	assert_int_equal(sim_create_database(ses_b, "a/x.edb", 0, JET_bitDbOverwriteExisting, &dbid),
			 JET_errDatabaseDuplicate);

	/* not a database */
	os_file *f;
	assert_int_equal(os_file_open("a/junk.edb", OS_OPEN_CREATE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 0, "this is not a database, not at all.", 36), OS_OK);
	os_file_close(f);
	assert_int_equal(sim_attach_database(ses_a, "a/junk.edb", 0, 0), JET_errDatabaseCorrupted);
	assert_int_equal(sim_detach_database(ses_a, "a/junk.edb", 0), JET_errDatabaseNotFound);
}

static int same_bytes(const char *a, const unsigned char *b, uint64_t n)
{
	unsigned char buf[8192];
	os_file *f;
	size_t got = 0;
	int same;
	if (os_file_open(a, OS_OPEN_READ, &f) != OS_OK)
		return 0;
	os_file_read_at(f, 0, buf, n, &got);
	os_file_close(f);
	same = got == n && memcmp(buf, b, n) == 0;
	return same;
}

static void snapshot(const char *path, unsigned char *buf, uint64_t n)
{
	os_file *f;
	size_t got;
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(os_file_read_at(f, 0, buf, n, &got), OS_OK);
	os_file_close(f);
}

/* JET_bitDbOverwriteExisting never replaces the instance's own files:
 * logs and checkpoints by their headers, the temporary database because it
 * is attached, as it were, to the instance. */
static void overwrite_spares_the_instance_files(void **state)
{
	static const char *const own[] = { "i/edb.log", "i/edb.chk", "i/edb00001.log" };
	unsigned char before[8192];
	uintptr_t inst, ses;
	uint32_t dbid, current;
	struct instance *in;
	start_instance("o", "i", &inst, &ses);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &current), JET_errSuccess);
	instance_leave(in, 0);
	for (unsigned i = 0; i < 3; i++) {
		snapshot(own[i], before, sizeof before);
		assert_int_equal(sim_create_database(ses, own[i], 0, JET_bitDbOverwriteExisting, &dbid),
				 JET_errFileAccessDenied);
		assert_true(same_bytes(own[i], before, sizeof before));
	}
	snapshot("i/tmp.edb", before, sizeof before);
	assert_int_equal(sim_create_database(ses, "i/tmp.edb", 0, JET_bitDbOverwriteExisting, &dbid),
			 JET_errDatabaseDuplicate);
	assert_int_equal(sim_attach_database(ses, "i/tmp.edb", 0, 0), JET_errDatabaseSharingViolation);
	assert_true(same_bytes("i/tmp.edb", before, sizeof before));
	/* the instance goes on as before */
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	start_instance("o", "i", &inst, &ses);
}

static void page_size_must_match(void **state)
{
	static const unsigned ids[] = { JET_paramDatabasePageSize, 0 };
	static const intptr_t values[] = { 8192 };
	uintptr_t a, ses;
	uint32_t dbid;
	start_instance_with("a", "a", &a, &ses, ids, values);
	assert_int_equal(sim_create_database(ses, "a/big.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(header_of("a/big.edb").page_size, 8192);
	assert_int_equal(sim_term(a, 0), JET_errSuccess);
	/* the page size is one value for the process */
	assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 4096, NULL), JET_errSuccess);
	start_instance("b", "b", &a, &ses);
	assert_int_equal(sim_attach_database(ses, "a/big.edb", 0, 0), JET_errPageSizeMismatch);
}

/* A database left dirty (JET_bitTermDirty) cannot be attached elsewhere:
 * only its own log set can bring it back. */
static void dirty_database_refused(void **state)
{
	uintptr_t a, b, ses;
	uint32_t dbid;
	start_instance("a", "a", &a, &ses);
	assert_int_equal(sim_create_database(ses, "a/d.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_term(a, JET_bitTermDirty), JET_errDirtyShutdown);
	assert_int_equal(header_of("a/d.edb").state, JET_dbstateDirtyShutdown);
	start_instance("b", "b", &b, &ses);
	assert_int_equal(sim_attach_database(ses, "a/d.edb", 0, 0), JET_errDatabaseDirtyShutdown);
	assert_int_equal(sim_set_database_size(ses, "a/d.edb", 1000, &dbid), JET_errDatabaseDirtyShutdown);
}

/* Attaching waits for no backup: it is refused while one runs. */
static void attach_during_backup(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	start_instance("a", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errBackupInProgress);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, JET_bitDbReadOnly), JET_errBackupInProgress);
	/* making one is no attach of an existing file: allowed, as ESE */
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
}

/* A file another process holds for writing cannot be extended. */
static void set_size_of_a_held_file(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, real;
	int fd;
	start_instance("h", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	fd = open("i/a.edb", O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(sim_set_database_size(ses, "i/a.edb", 1000, &real), JET_errFileAccessDenied);
	close(fd);
	assert_int_equal(sim_set_database_size(ses, "i/a.edb", 1000, &real), JET_errSuccess);
}

static void exclusive_and_one_per_session(void **state)
{
	uintptr_t inst, s1, s2;
	uint32_t dbid, other;
	start_instance("e", "i", &inst, &s1);
	assert_int_equal(sim_begin_session(inst, &s2), JET_errSuccess);
	assert_int_equal(sim_create_database(s1, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_open_database(s2, "i/a.edb", JET_bitDbExclusive, &other), JET_errDatabaseInUse);
	assert_int_equal(sim_close_database(s1, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_open_database(s2, "i/a.edb", JET_bitDbExclusive, &other), JET_errSuccess);
	assert_int_equal(sim_open_database(s1, "i/a.edb", 0, &dbid), JET_errDatabaseLocked);
	assert_int_equal(sim_open_database(s1, "i/a.edb", 0x100, &dbid), JET_errInvalidGrbit);
	assert_int_equal(sim_open_database(s1, NULL, 0, &dbid), JET_errDatabaseInvalidPath);
	assert_int_equal(sim_open_database(s1, "i/a.edb", 0, NULL), JET_errInvalidParameter);
	/* a session's end closes what it opened */
	assert_int_equal(sim_end_session(s2, 0), JET_errSuccess);
	assert_int_equal(sim_open_database(s1, "i/a.edb", 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(s1, dbid, 0), JET_errSuccess);

	assert_int_equal(sim_set_param(&inst, JET_paramOneDatabasePerSession, 1, NULL), JET_errSuccess);
	assert_int_equal(sim_create_database(s1, "i/b.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_open_database(s1, "i/a.edb", 0, &other), JET_errOneDatabasePerSession);
	assert_int_equal(sim_create_database(s1, "i/c.edb", 0, 0, &other), JET_errOneDatabasePerSession);
	assert_int_equal(os_path_exists("i/c.edb"), 0);
}

static void read_only_attach(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct instance *in;
	unsigned char data[8] = "abcdefg";
	start_instance("r", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_int_equal(sim_open_database(ses, "i/a.edb", 0, &dbid), JET_wrnFileOpenReadOnly);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(database_write(in, instance_database(in, dbid), 40, 100, data, 8),
			 JET_errDatabaseFileReadOnly);
	instance_leave(in, 0);
	/* read-only attachments are not logged: not in the instance's list */
	struct sim_instance_info *list;
	unsigned n;
	assert_int_equal(sim_list_instances(&list, &n), JET_errSuccess);
	assert_int_equal(list[0].database_count, 0);
	sim_free_instance_list(list, n);
	assert_int_equal(header_of("i/a.edb").state, JET_dbstateCleanShutdown);
	/* a file marked read-only is attached read-only or not at all */
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(chmod("i/a.edb", 0444), 0);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errDatabaseFileReadOnly);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_int_equal(chmod("i/a.edb", 0644), 0);
}

/* Pages change through the cache; a page damaged on disk is found. */
static void page_writes_and_checksums(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct instance *in;
	struct database *db;
	unsigned char data[100], page[4096];
	os_file *f;
	start_instance("w", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	db = instance_database(in, dbid);
	memset(data, 0x5A, sizeof data);
	assert_int_equal(database_write(in, db, 40, 200, data, sizeof data), JET_errSuccess);
	assert_int_equal(database_read_page(db, 40, page), JET_errSuccess);
	assert_memory_equal(page + 200, data, sizeof data);
	assert_true(page_dbtime(page) >= 1);
	/* out of the page's data area, or past the end */
	assert_int_equal(database_write(in, db, 40, 0, data, 10), JET_errInvalidParameter);
	assert_int_equal(database_write(in, db, 40, 4090, data, 10), JET_errInvalidParameter);
	assert_int_equal(database_write(in, db, DATABASE_INITIAL_PAGES + 1, 200, data, 10),
			 JET_errInvalidParameter);
	assert_int_equal(database_grow(in, db, DATABASE_INITIAL_PAGES + 8), JET_errSuccess);
	assert_int_equal(database_write(in, db, DATABASE_INITIAL_PAGES + 8, 200, data, 10),
			 JET_errSuccess);
	assert_int_equal(database_flush(db, NULL), JET_errSuccess);
	instance_leave(in, 0);

	/* damage page 41 on disk */
	assert_int_equal(os_file_open("i/a.edb", OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, page_offset(4096, 41) + 300, "x", 1), OS_OK);
	os_file_close(f);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	db = instance_database(in, dbid);
	assert_int_equal(database_read_page(db, 41, page), JET_errReadVerifyFailure);
	assert_int_equal(database_write(in, db, 41, 200, data, 10), JET_errReadVerifyFailure);
	instance_leave(in, 0);
}

static void size_limit(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct instance *in;
	start_instance("l", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 300, 0, &dbid), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(database_grow(in, instance_database(in, dbid), 300), JET_errSuccess);
	assert_int_equal(database_grow(in, instance_database(in, dbid), 301), JET_errOutOfDatabaseSpace);
	instance_leave(in, 0);
}

static void grow_and_set_size(void **state)
{
	uintptr_t inst, ses, other;
	uint32_t dbid, real = 0;
	struct sim_database_file_info info;
	start_instance("g", "i", &inst, &ses);
	assert_int_equal(sim_begin_session(inst, &other), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_grow_database(ses, dbid, 1000, &real), JET_errSuccess);
	assert_int_equal(real, 1000);
	/* only growing */
	assert_int_equal(sim_grow_database(ses, dbid, 10, &real), JET_errSuccess);
	assert_int_equal(real, 1000);
	assert_int_equal(sim_grow_database(other, dbid, 2000, &real), JET_errInvalidDatabaseId);
	assert_int_equal(sim_grow_database(ses, dbid, 2000, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_database_file_info("i/a.edb", &info), JET_errSuccess);
	assert_int_equal(info.file_size, 1002ull * 4096);
	assert_int_equal(sim_set_database_size(ses, "i/a.edb", 1100, &real), JET_errSuccess);
	assert_int_equal(real, 1100);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	/* a detached, consistent database is extended in place */
	assert_int_equal(sim_set_database_size(ses, "i/a.edb", 1500, &real), JET_errSuccess);
	assert_int_equal(real, 1500);
	assert_int_equal(sim_set_database_size(ses, "i/none.edb", 1500, &real), JET_errFileNotFound);
	assert_int_equal(sim_set_database_size(ses, NULL, 1500, &real), JET_errDatabaseInvalidPath);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	assert_int_equal(sim_database_file_info("i/a.edb", &info), JET_errSuccess);
	assert_int_equal(info.file_size, 1502ull * 4096);
}

/* Growing fails as the disk does: full, or an I/O error; nothing changes. */
static void grow_failures(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, real = 0;
	start_instance("g", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	/* only the database's new pages fail: the 128 KiB log is below */
	write_fault_from = (DATABASE_INITIAL_PAGES + 2) * 4096;
	write_fault = OS_DISK_FULL;
	assert_int_equal(sim_grow_database(ses, dbid, 1000, &real), JET_errDiskFull);
	write_fault = OS_IO;
	assert_int_equal(sim_grow_database(ses, dbid, 1000, &real), JET_errDiskIO);
	write_fault = 0;
	assert_int_equal(sim_grow_database(ses, dbid, DATABASE_INITIAL_PAGES, &real), JET_errSuccess);
	assert_int_equal(real, DATABASE_INITIAL_PAGES);
	assert_int_equal(sim_grow_database(ses, dbid, 1000, &real), JET_errSuccess);
	assert_int_equal(real, 1000);
	/* a database too small for the reference page's floor */
	assert_int_equal(sim_set_database_size(ses, "i/a.edb", 255, &real), JET_errInvalidParameter);
}

static void forced_detach_and_grbits(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	start_instance("f", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", JET_bitForceDetach),
			 JET_errForceDetachNotAllowed);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", JET_bitForceCloseAndDetach),
			 JET_errForceDetachNotAllowed);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0x10), JET_errInvalidGrbit);
}

static void database_info(void **state)
{
	uintptr_t inst, ses, other;
	uint32_t dbid;
	struct sim_database_info info;
	struct sim_database_file_info file;
	start_instance("n", "i", &inst, &ses);
	assert_int_equal(sim_begin_session(inst, &other), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_database_info(ses, dbid, &info), JET_errSuccess);
	assert_non_null(strstr(info.path, "i/a.edb"));
	assert_int_equal(info.pages, DATABASE_INITIAL_PAGES + 2);
	assert_int_equal(info.header.state, JET_dbstateDirtyShutdown);
	free(info.path);
	/* only a database the session opened */
	assert_int_equal(sim_database_info(other, dbid, &info), JET_errInvalidDatabaseId);
	assert_int_equal(sim_database_info(ses, 5, &info), JET_errInvalidDatabaseId);
	assert_int_equal(sim_database_info(0x77, dbid, &info), JET_errInvalidSesid);
	assert_int_equal(sim_database_file_info("i/none.edb", &file), JET_errFileNotFound);
	assert_int_equal(sim_database_file_info(NULL, &file), JET_errInvalidPath);
	/* logs and checkpoints: not databases, but their ESE headers name them */
	assert_int_equal(sim_database_file_info("i/edb.chk", &file), JET_errSuccess);
	assert_int_equal(file.header_error, JET_errDatabaseCorrupted);
	assert_int_equal(file.file_type, JET_filetypeCheckpoint);
	assert_int_equal(file.file_size, 8192);
	assert_int_equal(sim_database_file_info("i/edb.log", &file), JET_errSuccess);
	assert_int_equal(file.file_type, JET_filetypeLog);
	assert_int_equal(sim_database_file_info("i/a.edb", &file), JET_errSuccess);
	assert_int_equal(file.header_error, JET_errSuccess);
	assert_int_equal(file.file_type, JET_filetypeDatabase);
}

/* An independent reader of ESE files, libesedb's esedbinfo (Debian's
 * libesedb-utils), accepts our databases, clean and dirty, of every page
 * size, and reads back the format and page size we wrote. */
static void esedbinfo_reads_our_files(void **state)
{
	static const intptr_t sizes[] = { 4096, 8192, 16384, 32768 };
	char command[512], line[256], expect[64];
	if (system("esedbinfo -V >/dev/null 2>&1") != 0) {
		skip();
		return;
	}
	for (unsigned i = 0; i < 4; i++) {
		static const unsigned ids[] = { JET_paramDatabasePageSize, 0 };
		uintptr_t inst, ses;
		uint32_t dbid;
		char dir[32], db[64];
		int seen_size = 0, seen_format = 0;
		FILE *out;
		snprintf(dir, sizeof dir, "p%ld", (long)sizes[i]);
		snprintf(db, sizeof db, "%s/x.edb", dir);
		start_instance_with(dir, dir, &inst, &ses, ids, &sizes[i]);
		assert_int_equal(sim_create_database(ses, db, 0, 0, &dbid), JET_errSuccess);
		/* dirty while attached, clean once detached: both are read */
		for (int clean = 0; clean < 2; clean++) {
			if (clean) {
				assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
				assert_int_equal(sim_detach_database(ses, db, 0), JET_errSuccess);
			}
			snprintf(command, sizeof command, "esedbinfo %s 2>&1", db);
			out = popen(command, "r");
			assert_non_null(out);
			snprintf(expect, sizeof expect, "Page size:\t\t%ld bytes", (long)sizes[i]);
			while (fgets(line, sizeof line, out)) {
				seen_size |= strstr(line, expect) != NULL;
				seen_format |= strstr(line, "Current format:\t\t0x620,20") != NULL;
			}
			assert_int_equal(pclose(out), 0);
			assert_true(seen_size && seen_format);
		}
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
		assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 4096, NULL), JET_errSuccess);
	}
}

static int file_is(const char *path, const unsigned char *bytes, uint64_t size)
{
	uint64_t now_size;
	unsigned char *now = file_bytes(path, &now_size);
	int same = now_size == size && memcmp(now, bytes, size) == 0;
	free(now);
	return same;
}

/* Real Windows-made databases (../shared/fixtures/isam): each clean one
 * attaches read-only at its page size and is left byte-identical; the one
 * left dirty without its logs is refused as ESE refuses it (-550), and a
 * file of another page size than JET_paramDatabasePageSize with -1213. */
static void windows_databases_attach(void **state)
{
	static const char *const clean[] = {
		"dissect-basic.edb", "dissect-binary.edb", "dissect-text.edb", "dissect-multi.edb",
		"dissect-default.edb", "dissect-index.edb", "goese-SRUDB.dat",
	};
	static const unsigned ids[] = { JET_paramDatabasePageSize, 0 };
	static const intptr_t large[] = { 32768 };
	uintptr_t inst, ses;
	unsigned char *before;
	uint64_t size;
	uint32_t dbid;

	if (!windows_fixture("museum-win11-dirty-SRUDB.dat", "dirty.dat")) {
		skip();
		return;
	}
	start_instance("w", "i", &inst, &ses);
	for (unsigned i = 0; i < sizeof clean / sizeof clean[0]; i++) {
		assert_true(windows_fixture(clean[i], clean[i]));
		before = file_bytes(clean[i], &size);
		assert_int_equal(sim_attach_database(ses, clean[i], 0, JET_bitDbReadOnly),
				 JET_errSuccess);
		assert_int_equal(sim_open_database(ses, clean[i], JET_bitDbReadOnly, &dbid),
				 JET_errSuccess);
		assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
		assert_int_equal(sim_detach_database(ses, clean[i], 0), JET_errSuccess);
		assert_true(file_is(clean[i], before, size));
		free(before);
	}
	/* dirty, its logs elsewhere: JET_errDatabaseDirtyShutdown, untouched */
	before = file_bytes("dirty.dat", &size);
	assert_int_equal(sim_attach_database(ses, "dirty.dat", 0, JET_bitDbReadOnly),
			 JET_errDatabaseDirtyShutdown);
	assert_int_equal(sim_attach_database(ses, "dirty.dat", 0, 0), JET_errDatabaseDirtyShutdown);
	assert_true(file_is("dirty.dat", before, size));
	free(before);
	/* 32 KiB pages: refused at 4 KiB, attached at 32 KiB */
	assert_true(windows_fixture("dissect-large.edb", "large.edb"));
	before = file_bytes("large.edb", &size);
	assert_int_equal(sim_attach_database(ses, "large.edb", 0, JET_bitDbReadOnly),
			 JET_errPageSizeMismatch);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	start_instance_with("w32", "j", &inst, &ses, ids, large);
	assert_int_equal(sim_attach_database(ses, "large.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "large.edb", 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 4096, NULL), JET_errSuccess);
	assert_true(file_is("large.edb", before, size));
	free(before);
}

static void write_header_pages(const char *path, unsigned char *page)
{
	os_file *f;
	put32(page, checksum_header(page, 4096));
	assert_int_equal(os_file_open(path, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 0, page, 4096), OS_OK);
	assert_int_equal(os_file_write_at(f, 4096, page, 4096), OS_OK);
	os_file_close(f);
}

/* A Windows-made database attached read-write: each header write keeps
 * the fields of newer formats as ESE does.  signFlushMapHdrFlush (612) is
 * reset, as by an engine without a persisted flush map; from format
 * 0x620,150,320 on, logtimeGenMaxRequired (672) is the creation time of
 * lGenMaxRequired; a required minimum that reaches a le_lGenPreRedoMin*
 * value (680, 684) clears it (log.cxx, LOG::ErrLGUpdateGenRequired). */
static void windows_database_read_write_header(void **state)
{
	static const unsigned char zero[28];
	uintptr_t inst, ses;
	unsigned char *before, *now;
	uint64_t size;
	(void)state;
	if (!windows_fixture("goese-SRUDB.dat", "g.dat")) {
		skip();
		return;
	}
	start_instance("rw", "i", &inst, &ses);
	/* its own format (0x620,110,240): the flush-map signature is reset */
	before = file_bytes("g.dat", &size);
	assert_memory_not_equal(before + 612, zero, sizeof zero);
	assert_int_equal(sim_attach_database(ses, "g.dat", 0, 0), JET_errSuccess);
	now = file_bytes("g.dat", &size);
	assert_memory_equal(now + 612, zero, sizeof zero);
	assert_memory_equal(now + 672, before + 672, 16);   /* older format: untouched */
	free(now);
	assert_int_equal(sim_detach_database(ses, "g.dat", 0), JET_errSuccess);
	now = file_bytes("g.dat", &size);
	assert_memory_equal(now + 612, zero, sizeof zero);
	free(now);

	/* the same file as a newer format (0x620,200,440), redo's minimums
	 * set, in another log set: an attach clears them
	 * (DBISetHeaderAfterAttach, db.cxx) */
	assert_true(windows_fixture("goese-SRUDB.dat", "n.dat"));
	put32(before + 232, 200);
	put32(before + 644, 440);
	put32(before + 680, 1);
	put32(before + 684, 1000);
	write_header_pages("n.dat", before);
	assert_int_equal(sim_attach_database(ses, "n.dat", 0, 0), JET_errSuccess);
	now = file_bytes("n.dat", &size);
	assert_int_equal(get32(now + 680), 0);
	assert_int_equal(get32(now + 684), 0);
	/* le_lgposLastResize (656) of the other set forgotten, then the attach */
	assert_memory_equal(now + 656, now + 80, 8);
	free(now);
	assert_int_equal(sim_detach_database(ses, "n.dat", 0), JET_errSuccess);
	/* in this instance's log set they stay, until the required minimum
	 * reaches them (log.cxx, LOG::ErrLGUpdateGenRequired) */
	now = file_bytes("n.dat", &size);
	memcpy(before + 108, now + 108, 28);   /* signLog */
	free(now);
	put32(before + 680, 1);      /* reached by the log set's minimum */
	put32(before + 684, 1000);   /* not reached */
	memset(before + 656, 0, 8);  /* no resize in this set yet */
	write_header_pages("n.dat", before);
	assert_int_equal(sim_attach_database(ses, "n.dat", 0, 0), JET_errSuccess);
	now = file_bytes("n.dat", &size);
	assert_int_equal(get32(now + 52), JET_dbstateDirtyShutdown);
	assert_true(get32(now + 300) >= 1);
	assert_memory_equal(now + 672, now + 348, 8);   /* = logtimeGenMaxCreate */
	assert_memory_not_equal(now + 672, zero, 8);
	assert_int_equal(get32(now + 680), 0);
	assert_int_equal(get32(now + 684), 1000);
	assert_memory_equal(now + 612, zero, sizeof zero);
	/* from format 0x620,110,240 on, le_lgposLastResize (656) follows the
	 * attach (DBISetHeaderAfterAttach), a grow, then the consistent point
	 * of the detach */
	assert_memory_equal(now + 656, now + 80, 8);
	assert_int_equal(get32(now), checksum_header(now, 4096));
	free(now);
	{
		struct instance *in;
		assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
		struct database *db = instance_database(in, 1);
		assert_non_null(db);
		assert_int_equal(database_grow(in, db, db->pages + 8), JET_errSuccess);
		instance_leave(in, 0);
	}
	now = file_bytes("n.dat", &size);
	assert_memory_not_equal(now + 656, now + 80, 8);
	assert_true(get32(now + 656 + 4) >= get32(now + 80 + 4));   /* its generation */
	free(now);
	assert_int_equal(sim_detach_database(ses, "n.dat", 0), JET_errSuccess);
	now = file_bytes("n.dat", &size);
	assert_memory_equal(now + 672, zero, 8);   /* clean: no log required */
	assert_memory_equal(now + 656, now + 56, 8);
	free(now);
	free(before);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A detached file given every backup record, a detach, a position in its
 * log set and the fields of a recovery, as a header can carry them. */
static void give_history(const char *path)
{
	struct db_header h;
	const struct bkinfo b = { .mark = { 7, 2, 3 }, .gen_low = 5, .gen_high = 9 };
	db_header_of(path, &h);
	h.full_previous = h.incremental_previous = h.full_current = b;
	h.snapshot_current = h.copy_previous = h.differential_previous = b;
	h.full_previous_type = h.incremental_previous_type = 2;
	h.copy_previous_type = h.differential_previous_type = 2;
	h.gen_recovering = 4;
	h.last_reattach = h.last_resize = (struct lgpos){ 3, 1, 1 };
	h.pre_redo_min_required = h.pre_redo_min_consistent = 2;
	db_header_put(path, &h);
}

/* DBISetHeaderAfterAttach (db.cxx) at a live attach: the backup in
 * progress and the snapshot go; the previous backups stay in the same
 * log set and go in another or without a log, where the database also
 * forgets its position and, without a log, takes a new signDb. */
static void attach_resets_the_header_as_ese(void **state)
{
	static const struct bkinfo none;
	uintptr_t inst, ses, other, other_ses, quiet, quiet_ses;
	struct db_header before, h;
	uint32_t dbid;
	(void)state;
	start_instance("same", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);

	/* the same log set */
	give_history("i/a.edb");
	db_header_of("i/a.edb", &before);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	db_header_of("i/a.edb", &h);
	assert_memory_equal(&h.full_previous, &before.full_previous, sizeof h.full_previous);
	assert_memory_equal(&h.incremental_previous, &before.incremental_previous,
			    sizeof h.incremental_previous);
	assert_memory_equal(&h.copy_previous, &before.copy_previous, sizeof h.copy_previous);
	assert_memory_equal(&h.differential_previous, &before.differential_previous,
			    sizeof h.differential_previous);
	assert_int_equal(h.full_previous_type, 2);
	assert_int_equal(h.differential_previous_type, 2);
	assert_memory_equal(&h.full_current, &none, sizeof none);
	assert_memory_equal(&h.snapshot_current, &none, sizeof none);
	assert_int_equal(h.gen_recovering, 0);
	assert_int_equal(h.last_reattach.generation, 0);
	assert_int_equal(h.last_resize.generation, 3);   /* same set: kept */
	assert_int_equal(h.consistent.generation, before.consistent.generation);
	assert_int_equal(h.detach.generation, 0);
	assert_true(signature_equal(&h.db_signature, &before.db_signature));
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);

	/* another log set */
	give_history("i/a.edb");
	db_header_of("i/a.edb", &before);
	start_instance("other", "j", &other, &other_ses);
	assert_int_equal(sim_attach_database(other_ses, "i/a.edb", 0, 0), JET_errSuccess);
	db_header_of("i/a.edb", &h);
	assert_memory_equal(&h.full_previous, &none, sizeof none);
	assert_memory_equal(&h.incremental_previous, &none, sizeof none);
	assert_memory_equal(&h.copy_previous, &none, sizeof none);
	assert_memory_equal(&h.differential_previous, &none, sizeof none);
	assert_memory_equal(&h.full_current, &none, sizeof none);
	assert_int_equal(h.full_previous_type, 0);
	assert_int_equal(h.incremental_previous_type, 0);
	assert_int_equal(h.copy_previous_type, 0);
	assert_int_equal(h.differential_previous_type, 0);
	assert_int_equal(h.consistent.generation, 0);
	assert_int_equal(h.last_resize.generation, 0);
	assert_int_equal(h.pre_redo_min_required, 0);
	assert_int_equal(h.pre_redo_min_consistent, 0);
	assert_false(signature_equal(&h.log_signature, &before.log_signature));
	assert_true(signature_equal(&h.db_signature, &before.db_signature));
	assert_int_equal(sim_detach_database(other_ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_term(other, 0), JET_errSuccess);

	/* no log */
	give_history("i/a.edb");
	db_header_of("i/a.edb", &before);
	assert_int_equal(sim_create_instance(&quiet, "quiet", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramRecovery, 0, "Off"), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramSystemPath, 0, "k/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramLogFilePath, 0, "k/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramCreatePathIfNotExist, 1, NULL),
			 JET_errSuccess);
	assert_int_equal(sim_init(&quiet, 0), JET_errSuccess);
	assert_int_equal(sim_begin_session(quiet, &quiet_ses), JET_errSuccess);
	assert_int_equal(sim_attach_database(quiet_ses, "i/a.edb", 0, 0), JET_errSuccess);
	db_header_of("i/a.edb", &h);
	assert_memory_equal(&h.full_previous, &none, sizeof none);
	assert_memory_equal(&h.full_current, &none, sizeof none);
	assert_int_equal(h.gen_recovering, 0);
	assert_false(signature_equal(&h.db_signature, &before.db_signature));
	assert_int_equal(sim_detach_database(quiet_ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_term(quiet, 0), JET_errSuccess);
}

static void read_first(const char *path, unsigned char *buf, size_t n)
{
	os_file *f;
	size_t got = 0;
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(os_file_read_at(f, 0, buf, n, &got), OS_OK);
	assert_int_equal(got, n);
	os_file_close(f);
}

/* One ATTACHINFO (log.hxx) at p: the database at `path` (UTF-8, read back
 * from the UTF-16 names), dbid and signature as its header says; returns
 * the next entry. */
static const unsigned char *expect_attach_info(const unsigned char *p, unsigned dbid,
					       const char *path)
{
	char *full = os_full_path(path);
	struct db_header h = header_of(path);
	uint16_t units[600];
	size_t cb = get16(p + 2);
	char *back;
	assert_int_equal(p[0], dbid);
	assert_int_equal(p[1], 0x20);                      /* fATCHINFOUnicodeNames */
	assert_int_equal(get64(p + 4), h.dbtime);          /* dbtime */
	assert_int_equal(get32(p + 12), h.last_objid);     /* objidLast */
	assert_int_equal(lgpos_compare(lgpos_get(p + 20), h.attach), 0);   /* lgposAttach */
	{
		unsigned char sig[SIGNATURE_SIZE];
		signature_put(sig, &h.db_signature);
		assert_memory_equal(p + 36, sig, SIGNATURE_SIZE);
	}
	assert_true(cb >= 2 && cb % 2 == 0 && cb / 2 <= 600);
	for (size_t u = 0; u < cb / 2; u++)
		units[u] = get16(p + 64 + 2 * u);
	assert_int_equal(units[cb / 2 - 1], 0);
	back = wtf8_from_utf16(units);
	assert_string_equal(back, full);
	free(back);
	free(full);
	return p + 64 + cb;
}

/* The attach lists ESE writes (log.cxx, LGLoadAttachmentsFromFMP): each
 * new log generation's header lists the databases attached with logging
 * (rgbAttach at 671), read-only ones not; the checkpoint lists those
 * attached at its position with fVersion's fCheckpointAttachInfoPresent
 * (679, 647), leaves the list out (flag clear) when a database was
 * detached past it, and a clean term clears both (log.cxx,
 * ErrLGIUpdateCheckpointLgposForTerm). */
static void attach_lists_in_log_and_checkpoint(void **state)
{
	uintptr_t inst, ses;
	uint32_t a, b, current;
	struct instance *in;
	unsigned char log[4096], chk[4096];
	const unsigned char *p;
	(void)state;
	start_instance("al", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a\xc3\xa9.edb", 0, 0, &a), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &b), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/ro.edb", 0, 0, &current), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, current, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/ro.edb", 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/ro.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &current), JET_errSuccess);
	instance_leave(in, 0);

	read_first("i/edb.log", log, sizeof log);
	assert_int_equal(get32(log), checksum_header(log, sizeof log));
	p = expect_attach_info(log + 671, 1, "i/a\xc3\xa9.edb");
	p = expect_attach_info(p, 2, "i/b.edb");
	assert_int_equal(*p, 0);                               /* the sentinel */
	/* the roll moved the checkpoint past the attachments: it lists them */
	read_first("i/edb.chk", chk, sizeof chk);
	assert_int_equal(chk[647], 0x1);
	p = expect_attach_info(chk + 679, 1, "i/a\xc3\xa9.edb");
	p = expect_attach_info(p, 2, "i/b.edb");
	assert_int_equal(*p, 0);

	/* a, then b have changes not yet in their files, then a is detached:
	 * the checkpoint moves to b's change, before the detach, so it
	 * carries no list */
	{
		unsigned char data[16] = { 1 };
		assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
		assert_int_equal(database_write(in, instance_database(in, a), 40, 200, data, sizeof data),
				 JET_errSuccess);
		assert_int_equal(database_write(in, instance_database(in, b), 40, 200, data, sizeof data),
				 JET_errSuccess);
		instance_leave(in, 0);
	}
	assert_int_equal(sim_close_database(ses, a, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a\xc3\xa9.edb", 0), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(databases_advance_checkpoint(in), JET_errSuccess);
	instance_leave(in, 0);
	read_first("i/edb.chk", chk, sizeof chk);
	assert_int_equal(chk[647], 0);
	assert_int_equal(chk[679], 0);
	/* past the detach, the list is b alone again */
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(instance_log_flush(in), JET_errSuccess);
	assert_int_equal(database_flush(instance_database(in, b), NULL), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &current), JET_errSuccess);
	instance_leave(in, 0);
	read_first("i/edb.chk", chk, sizeof chk);
	assert_int_equal(chk[647], 0x1);
	p = expect_attach_info(chk + 679, 2, "i/b.edb");
	assert_int_equal(*p, 0);
	read_first("i/edb.log", log, sizeof log);
	p = expect_attach_info(log + 671, 2, "i/b.edb");
	assert_int_equal(*p, 0);

	assert_int_equal(sim_end_session(ses, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	read_first("i/edb.chk", chk, sizeof chk);
	assert_int_equal(chk[647], 0);
	assert_int_equal(chk[679], 0);
	/* recovery of the set is unchanged by the lists: a clean restart */
	start_instance("al2", "i", &inst, &ses);
	assert_int_equal(sim_attach_database(ses, "i/b.edb", 0, 0), JET_errSuccess);
}

/* While attached, the header names the logs the database needs, as ESE
 * keeps it (lGenMinRequired..lGenMaxRequired, lGenMinConsistent,
 * lGenMaxCommitted and the creation time of that generation), so that a
 * dirty file does not say "requires logs 0-0"; clean, they are 0.  The
 * sort version is ESE's all-ones, each header flush has a new signature,
 * each extension is counted. */
static void dirty_header_names_its_logs(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, current;
	struct db_header h, again;
	struct instance *in;
	static const struct signature none;

	start_instance("r", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	h = header_of("i/a.edb");
	assert_int_equal(h.state, JET_dbstateDirtyShutdown);
	assert_true(h.required_min >= 1);
	assert_int_equal(h.required_max, h.attach.generation);
	assert_int_equal(h.max_committed, h.required_max);
	assert_int_equal(h.min_consistent, h.required_min);
	assert_true(logtime_is_set(h.max_generation_time));
	assert_true(h.sort_version == ~(uint64_t)0);
	assert_false(signature_equal(&h.header_flush, &none));

	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &current), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &current), JET_errSuccess);
	assert_int_equal(database_grow(in, instance_database(in, dbid), DATABASE_INITIAL_PAGES + 8),
			 JET_errSuccess);
	instance_leave(in, 0);
	again = header_of("i/a.edb");
	assert_int_equal(again.required_max, current);
	assert_int_equal(again.max_committed, current);
	assert_true(again.required_min <= current);
	assert_int_equal(again.extend_count, h.extend_count + 1);
	assert_false(signature_equal(&again.header_flush, &h.header_flush));

	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	h = header_of("i/a.edb");
	assert_int_equal(h.state, JET_dbstateCleanShutdown);
	assert_int_equal(h.required_min, 0);
	assert_int_equal(h.required_max, 0);
	assert_int_equal(h.min_consistent, 0);
	assert_int_equal(h.max_committed, 0);
	assert_false(logtime_is_set(h.max_generation_time));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(create_attach_detach_cycle),
		CASE(windows_databases_attach),
		CASE(windows_database_read_write_header),
		CASE(attach_resets_the_header_as_ese),
		CASE(attach_lists_in_log_and_checkpoint),
		CASE(dirty_header_names_its_logs),
		CASE(create_refusals),
		CASE(create_path_if_not_exist_for_databases),
		CASE(too_many_attached),
		CASE(attach_refusals),
		CASE(overwrite_spares_the_instance_files),
		CASE(page_size_must_match),
		CASE(dirty_database_refused),
		CASE(attach_during_backup),
		CASE(set_size_of_a_held_file),
		CASE(exclusive_and_one_per_session),
		CASE(read_only_attach),
		CASE(page_writes_and_checksums),
		CASE(size_limit),
		CASE(grow_and_set_size),
		CASE(grow_failures),
		CASE(forced_detach_and_grbits),
		CASE(database_info),
		CASE(esedbinfo_reads_our_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
