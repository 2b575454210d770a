#define _POSIX_C_SOURCE 200809L
/*
 * The call-sequence fuzzer: threads making random calls through the entry
 * points dll/ uses, on shared instances, with stale and foreign handles,
 * odd grbits and odd names, all under one folder.  After every round the
 * invariants are checked:
 *   - every instance terminates, and each folder's instance starts again
 *     (recovery) and terminates;
 *   - every database there that is cleanly shut down attaches, and every
 *     page of it carries a good checksum;
 *   - nothing is made, changed or removed outside the folder;
 *   - every code a call returned is one the engine returns for that
 *     function (its documented codes and the entry checks every call of
 *     its kind makes);
 *   - a streaming backup opens only files of its backup set (those the
 *     instance listed), and what it reads of a database is that
 *     database's pages, checksums good.
 * Usage: fuzz_calls SEED CALLS THREADS   (prints the figures at the end)
 */
#include <dirent.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backup/backup.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "format/dbfile.h"
#include "format/patch_page.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "jet_values.h"
#include "os/os.h"

#define SLOTS 8
#define ROUND_CALLS 2000   /* calls per thread between checks */

static _Atomic uintptr_t instances[SLOTS], sessions[SLOTS];
static _Atomic uint32_t dbids[SLOTS];
static atomic_long calls_made;
static atomic_int failed;

static const char *const folders[] = { "root/a/", "root/b/", "root/\xC3\xA9t\xC3\xA9/", "root/g/" };
#define FOLDERS 4
static const char *const db_names[] = {
	"root/a/one.edb", "root/b/two.edb", "root/\xC3\xA9t\xC3\xA9/tr\xC3\xA8s.edb",
	"root/a/../b/two.edb", "root/a/new/deep/four.edb", "root/a/edb.chk", "root/b/edb.log",
	"root/a/sp ace.edb", "root/a/", "", "root/\xED\xA0\x80x.edb",
};

static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The codes each function may return: the entry checks of its kind
 * (ESE's APICALL_INST / APICALL_SESID FEnter, ErrFindPinst, jetapi.cxx),
 * then its own documented codes.  A code outside them is a failure. */
#define END_OF_LIST 1   /* engine codes are never positive */
static const int entry_instance[] = {
	JET_errSuccess, JET_errInvalidParameter, JET_errNotInitialized, JET_errInitInProgress,
	JET_errTermInProgress, JET_errClientRequestToStopJetService, JET_errInstanceUnavailable,
	JET_errInstanceUnavailableDueToFatalLogDiskFull, JET_errOutOfMemory, JET_errInvalidGrbit,
	END_OF_LIST,
};
static const int entry_session[] = {
	JET_errSuccess, JET_errInvalidSesid, JET_errInvalidParameter, JET_errNotInitialized,
	JET_errInitInProgress, JET_errTermInProgress, JET_errClientRequestToStopJetService,
	JET_errInstanceUnavailable, JET_errInstanceUnavailableDueToFatalLogDiskFull,
	JET_errOutOfMemory, JET_errInvalidGrbit, END_OF_LIST,
};

enum call {
	CALL_CREATE_INSTANCE, CALL_INIT, CALL_TERM, CALL_BEGIN_SESSION, CALL_END_SESSION,
	CALL_CREATE_DATABASE, CALL_ATTACH, CALL_DETACH, CALL_OPEN_DATABASE, CALL_CLOSE_DATABASE,
	CALL_GROW, CALL_DATABASE_INFO, CALL_STOP_SERVICE, CALL_SET_PARAM,
	CALL_BACKUP_BEGIN, CALL_BACKUP_ATTACH_INFO, CALL_BACKUP_OPEN, CALL_BACKUP_READ,
	CALL_BACKUP_CLOSE, CALL_BACKUP_LOG_INFO, CALL_BACKUP_TRUNCATE, CALL_BACKUP_END,
	CALLS
};

/* the failures of making and finding a database file (ErrDBCreateDatabase,
 * ErrDBAttachDatabase, db.cxx; ErrOSFileIFromWinError, osfile.cxx) */
#define FILE_CODES JET_errDatabaseInvalidPath, JET_errInvalidPath, JET_errFileAccessDenied, \
	JET_errDiskFull, JET_errDiskIO, JET_errLogWriteFail, JET_errLogDiskFull
#define BACKUP_STATE_CODES JET_errBackupNotAllowedYet, JET_errNoBackup, \
	JET_errInvalidBackupSequence, JET_errBackupAbortByServer, JET_errLoggingDisabled, \
	JET_errLogWriteFail, JET_errRunningInMultiInstanceMode

static const struct function_codes {
	const char *name;
	const int *entry;
	int own[24];
} functions[CALLS] = {
	[CALL_CREATE_INSTANCE] = { "JetCreateInstance", NULL,
		{ JET_errSuccess, JET_errInvalidParameter, JET_errOutOfMemory, JET_errInstanceNameInUse,
		  JET_errRunningInOneInstanceMode, JET_errTooManyInstances, END_OF_LIST } },
	[CALL_INIT] = { "JetInit", entry_instance,
		{ JET_errAlreadyInitialized, JET_errRunningInMultiInstanceMode,
		  JET_errRunningInOneInstanceMode, JET_errTooManyInstances, JET_errInvalidSystemPath,
		  JET_errInvalidLogDirectory, JET_errInvalidPath, JET_errLogFilePathInUse,
		  JET_errSystemPathInUse, JET_errTempPathInUse, JET_errFileAccessDenied,
		  JET_errFileInvalidType, JET_errAttachedDatabaseMismatch, JET_errDatabaseDirtyShutdown,
		  JET_errDatabaseCorrupted, JET_errDiskFull, JET_errDiskIO, END_OF_LIST } },
	[CALL_TERM] = { "JetTerm", entry_instance,
		{ JET_errBackupInProgress,
		  JET_errDirtyShutdown,   /* JetTerm2 with JET_bitTermDirty, when it succeeds */
		  END_OF_LIST } },
	[CALL_BEGIN_SESSION] = { "JetBeginSession", entry_instance,
		{ JET_errOutOfSessions, JET_errInstanceUnavailable,
		  JET_errInstanceUnavailableDueToFatalLogDiskFull, END_OF_LIST } },
	[CALL_END_SESSION] = { "JetEndSession", entry_session, { END_OF_LIST } },
	[CALL_CREATE_DATABASE] = { "JetCreateDatabase", entry_session,
		{ FILE_CODES, JET_errDatabaseDuplicate, JET_errTooManyAttachedDatabases,
		  JET_errOneDatabasePerSession, JET_errDatabaseInvalidPages, JET_errDatabaseInUse,
		  JET_errDatabaseSharingViolation, END_OF_LIST } },
	[CALL_ATTACH] = { "JetAttachDatabase", entry_session,
		{ FILE_CODES, JET_errFileNotFound, JET_wrnDatabaseAttached, JET_errDatabaseFileReadOnly,
		  JET_errBackupInProgress, JET_errTooManyAttachedDatabases, JET_errDatabaseCorrupted,
		  JET_errFileInvalidType, JET_errPageSizeMismatch, JET_errDatabaseDirtyShutdown,
		  JET_errInvalidDatabaseVersion, JET_errDatabaseSharingViolation,
		  JET_errAttachedDatabaseMismatch, JET_errDatabaseInUse, JET_wrnFileOpenReadOnly,
		  END_OF_LIST } },
	[CALL_DETACH] = { "JetDetachDatabase", entry_session,
		{ JET_errDatabaseNotFound, JET_errDatabaseInUse, JET_errBackupInProgress,
		  JET_errDatabaseInvalidPath, JET_errLogWriteFail, JET_errLogDiskFull, JET_errDiskIO,
		  END_OF_LIST } },
	[CALL_OPEN_DATABASE] = { "JetOpenDatabase", entry_session,
		{ JET_errDatabaseNotFound, JET_errOneDatabasePerSession, JET_errDatabaseInUse,
		  JET_errDatabaseLocked, JET_errDatabaseInvalidPath, JET_wrnFileOpenReadOnly,
		  END_OF_LIST } },
	[CALL_CLOSE_DATABASE] = { "JetCloseDatabase", entry_session,
		{ JET_errInvalidDatabaseId,
		  JET_errDatabaseNotFound,   /* not opened by the session: ErrDBCloseDatabase */
		  END_OF_LIST } },
	[CALL_GROW] = { "JetGrowDatabase", entry_session,
		{ JET_errInvalidDatabaseId, JET_errOutOfDatabaseSpace, JET_errDatabaseFileReadOnly,
		  JET_errPermissionDenied, JET_errDiskFull, JET_errDiskIO, JET_errLogWriteFail,
		  JET_errLogDiskFull, END_OF_LIST } },
	[CALL_DATABASE_INFO] = { "JetGetDatabaseInfo", entry_session,
		{ JET_errInvalidDatabaseId, JET_errBufferTooSmall, END_OF_LIST } },
	[CALL_STOP_SERVICE] = { "JetStopServiceInstance2", entry_instance, { END_OF_LIST } },
	[CALL_SET_PARAM] = { "JetSetSystemParameter", NULL,
		{ JET_errSuccess, JET_errInvalidParameter, JET_errAlreadyInitialized,
		  JET_errInitInProgress, JET_errTermInProgress, JET_errSystemParamsAlreadySet,
		  JET_errRunningInOneInstanceMode, JET_errRunningInMultiInstanceMode,
		  JET_errNotInitialized, JET_errOutOfMemory, END_OF_LIST } },
	[CALL_BACKUP_BEGIN] = { "JetBeginExternalBackupInstance", entry_instance,
		{ BACKUP_STATE_CODES, JET_errBackupInProgress, JET_errSurrogateBackupInProgress,
		  JET_errInvalidBackup, JET_errMissingFullBackup, END_OF_LIST } },
	[CALL_BACKUP_ATTACH_INFO] = { "JetGetAttachInfoInstance", entry_instance,
		{ BACKUP_STATE_CODES, END_OF_LIST } },
	[CALL_BACKUP_OPEN] = { "JetOpenFileInstance", entry_instance,
		{ BACKUP_STATE_CODES, JET_errFileNotFound, JET_errMissingFileToBackup,
		  JET_errDatabaseNotFound, JET_errInvalidPath, JET_errFileAccessDenied, JET_errDiskIO,
		  JET_errLogFileCorrupt, END_OF_LIST } },
	[CALL_BACKUP_READ] = { "JetReadFileInstance", entry_instance,
		{ BACKUP_STATE_CODES, JET_errReadVerifyFailure, JET_errPageNotInitialized,
		  JET_errBadPatchPage, JET_errDiskIO, JET_errLogReadVerifyFailure,
		  JET_errLogFileCorrupt, END_OF_LIST } },
	[CALL_BACKUP_CLOSE] = { "JetCloseFileInstance", entry_instance,
		{ BACKUP_STATE_CODES, END_OF_LIST } },
	[CALL_BACKUP_LOG_INFO] = { "JetGetLogInfoInstance", entry_instance,
		{ BACKUP_STATE_CODES, JET_errMissingFileToBackup, JET_errFileNotFound,
		  JET_errLogFileNotCopied, END_OF_LIST } },
	[CALL_BACKUP_TRUNCATE] = { "JetTruncateLogInstance", entry_instance,
		{ BACKUP_STATE_CODES, JET_errLogFileNotCopied, JET_errDeleteBackupFileFail,
		  END_OF_LIST } },
	[CALL_BACKUP_END] = { "JetEndExternalBackupInstance2", entry_instance,
		{ BACKUP_STATE_CODES, END_OF_LIST } },
};

static int in_list(const int *list, int err)
{
	for (; list && *list != END_OF_LIST; list++)
		if (*list == err)
			return 1;
	return 0;
}

static void note(enum call call, int err)
{
	const struct function_codes *f = &functions[call];
	atomic_fetch_add(&calls_made, 1);
	if (!in_list(f->entry, err) && !in_list(f->own, err)) {
		fprintf(stderr, "fuzz: %s returned %d, not among its codes\n", f->name, err);
		atomic_store(&failed, 1);
	}
}

/* A handle: mostly one seen, sometimes stale, foreign or made up. */
static uintptr_t pick(_Atomic uintptr_t *table, uint64_t *rs)
{
	uint64_t r = next_random(rs);
	switch (r % 10) {
	case 0: return 0;
	case 1: return (uintptr_t)(r >> 8);
	case 2: /* a handle of the other kind */
		return atomic_load(table == (_Atomic uintptr_t *)instances ? &sessions[r % SLOTS]
									   : &instances[r % SLOTS]);
	default: return atomic_load(&table[(r >> 4) % SLOTS]);
	}
}

/* What each instance listed for its backups (attach and log lists): a
 * backup may open these and nothing else. */
#define LISTED_MAX 512
static struct listed {
	uintptr_t inst;
	int is_database;
	char path[400];
} listed[LISTED_MAX];
static unsigned listed_next;
static pthread_mutex_t listed_lock = PTHREAD_MUTEX_INITIALIZER;

static void remember_list(uintptr_t inst, const struct path_list *l, int is_database)
{
	pthread_mutex_lock(&listed_lock);
	for (const char *p = l->text; p && *p; p += strlen(p) + 1) {
		struct listed *e = &listed[listed_next++ % LISTED_MAX];
		e->inst = inst;
		e->is_database = is_database;
		snprintf(e->path, sizeof e->path, "%s", p);
	}
	pthread_mutex_unlock(&listed_lock);
}

/* 1 database, 0 log, -1 not listed by that instance */
static int listed_kind(uintptr_t inst, const char *path)
{
	char *full = os_full_path(path);
	int kind = -1;
	pthread_mutex_lock(&listed_lock);
	for (unsigned i = 0; full && i < LISTED_MAX && kind < 0; i++)
		if (listed[i].inst == inst && strcmp(listed[i].path, full) == 0)
			kind = listed[i].is_database;
	pthread_mutex_unlock(&listed_lock);
	free(full);
	return kind;
}

static void pick_listed(uintptr_t inst, uint64_t r, char *out, size_t cap)
{
	unsigned start = (unsigned)(r % LISTED_MAX);
	*out = 0;
	pthread_mutex_lock(&listed_lock);
	for (unsigned i = 0; i < LISTED_MAX; i++) {
		struct listed *e = &listed[(start + i) % LISTED_MAX];
		if (e->inst == inst && e->path[0]) {
			snprintf(out, cap, "%s", e->path);
			break;
		}
	}
	pthread_mutex_unlock(&listed_lock);
}

static void fail(const char *what, const char *detail, int err);

/* Files a backup must never hand out: another folder's database, the
 * program's own folder, a file of the system, a log set's checkpoint. */
static const char *const foreign_files[] = {
	"root/b/two.edb", "root/a/one.edb", "/etc/passwd", "root/a/edb.chk", "..", "root",
	"root/a/../b/edb.log",
};

/* Opens a file for a streaming backup and reads some of it: an open that
 * succeeds must be of a listed file, and a database's bytes must be its
 * header and pages, each with a good checksum. */
static void backup_read_path(uintptr_t inst, const char *path, int chunks)
{
	static _Thread_local _Alignas(4096) unsigned char buf[65536];
	uintptr_t h;
	uint64_t size, offset = 0;
	uint32_t got = 1, page_size = 0;
	struct db_header hd;
	int err, kind;
	err = sim_backup_open_file(inst, 0, path, &h, &size);
	note(CALL_BACKUP_OPEN, err);
	if (err)
		return;
	kind = listed_kind(inst, path);
	if (kind < 0)
		fail("a backup opened a file outside its set:", path, 0);
	for (int n = 0; (chunks < 0 || n < chunks) && got; n++) {
		err = sim_backup_read_file(inst, 0, h, buf, sizeof buf, &got);
		note(CALL_BACKUP_READ, err);
		if (err)
			break;
		for (uint32_t at = 0; kind == 1 && at < got; ) {
			if (offset + at == 0) {
				/* the header's page size is the database's */
				for (uint32_t ps = 4096; !page_size && ps <= 32768 && ps <= got; ps *= 2)
					if (db_header_decode(buf, ps, &hd) == 0 && hd.page_size == ps)
						page_size = ps;
				if (!page_size) {
					fail("a backup read of a database is no database header:", path, 0);
					break;
				}
			}
			if (!page_size || got - at < page_size)
				break;
			uint64_t pgno = (offset + at) / page_size;
			struct patch_page patch;
			/* the stream's last page is ESE's patch page (PATCHHDR) */
			if (offset + at + page_size == size) {
				if (patch_page_decode(buf + at, page_size, &patch) != JET_errSuccess ||
				    !signature_equal(&patch.db_signature, &hd.db_signature))
					fail("a backup's patch page is not its database's:", path, 0);
			} else if (pgno >= 2 && page_validate(buf + at, page_size, (uint32_t)(pgno - 1)) !=
					 JET_errSuccess &&
			    !page_is_uninitialised(buf + at, page_size))
				fail("a backup read a database page with a bad checksum:", path,
				     (int)(pgno - 1));
			at += page_size;
		}
		offset += got;
	}
	note(CALL_BACKUP_CLOSE, sim_backup_close_file(inst, 0, h));
}

static void backup_read_some(uintptr_t inst, uint64_t r)
{
	char path[400];
	if (r & 1)
		pick_listed(inst, r >> 1, path, sizeof path);
	else
		snprintf(path, sizeof path, "%s",
			 foreign_files[(r >> 1) % (sizeof foreign_files / sizeof *foreign_files)]);
	backup_read_path(inst, path, 4);
}

/* A whole streaming backup by the checking instance: each file listed
 * read to its end, every foreign file refused. */
static void backup_whole(uintptr_t inst)
{
	struct path_list l;
	struct backup_log_info info;
	int err = sim_backup_begin(inst, 0, 0);
	note(CALL_BACKUP_BEGIN, err);
	if (err)
		return;
	err = sim_backup_attach_info(inst, 0, &l);
	note(CALL_BACKUP_ATTACH_INFO, err);
	if (!err) {
		remember_list(inst, &l, 1);
		for (const char *p = l.text; *p; p += strlen(p) + 1)
			backup_read_path(inst, p, -1);
		path_list_free(&l);
	}
	for (size_t i = 0; i < sizeof foreign_files / sizeof *foreign_files; i++)
		backup_read_path(inst, foreign_files[i], 1);
	err = sim_backup_log_info(inst, 0, &l, &info);
	note(CALL_BACKUP_LOG_INFO, err);
	if (!err) {
		remember_list(inst, &l, 0);
		for (const char *p = l.text; *p; p += strlen(p) + 1)
			backup_read_path(inst, p, -1);
		path_list_free(&l);
	}
	note(CALL_BACKUP_END, sim_backup_end(inst, 0, JET_bitBackupEndNormal));
}

static void backup_call(uintptr_t inst, uint64_t r, uint32_t grbit)
{
	struct path_list l = { 0 };
	struct backup_log_info info;
	int err;
	switch ((r >> 52) % 6) {
	case 0:
		if ((r >> 41) & 1)   /* a backup of its own, as often as not */
			inst = atomic_load(&instances[(r >> 42) % SLOTS]);
		note(CALL_BACKUP_BEGIN, sim_backup_begin(inst, 0, grbit & JET_bitBackupIncremental));
		break;
	case 1:
		err = sim_backup_attach_info(inst, 0, &l);
		note(CALL_BACKUP_ATTACH_INFO, err);
		if (!err) {
			remember_list(inst, &l, 1);
			path_list_free(&l);
		}
		break;
	case 2:   /* as a client does: listed first, then opened and read */
		err = sim_backup_attach_info(inst, 0, &l);
		note(CALL_BACKUP_ATTACH_INFO, err);
		if (!err) {
			remember_list(inst, &l, 1);
			path_list_free(&l);
		}
		if ((r >> 40) & 1) {
			err = sim_backup_log_info(inst, 0, &l, &info);
			note(CALL_BACKUP_LOG_INFO, err);
			if (!err) {
				remember_list(inst, &l, 0);
				path_list_free(&l);
			}
		}
		backup_read_some(inst, r >> 20);
		break;
	case 3:
		err = sim_backup_log_info(inst, 0, &l, &info);
		note(CALL_BACKUP_LOG_INFO, err);
		if (!err) {
			remember_list(inst, &l, 0);
			path_list_free(&l);
		}
		break;
	case 4:
		note(CALL_BACKUP_TRUNCATE, sim_backup_truncate_log(inst, 0));
		break;
	default:
		note(CALL_BACKUP_END, sim_backup_end(inst, 0, (r >> 30) & 1 ? JET_bitBackupEndAbort
									: JET_bitBackupEndNormal));
		break;
	}
}

static void one_call(uint64_t *rs)
{
	uint64_t r = next_random(rs);
	unsigned slot = (unsigned)((r >> 8) % SLOTS);
	uintptr_t inst = pick(instances, rs), ses = pick(sessions, rs), out = 0;
	uint32_t grbit = (r >> 20) % 4 == 0 ? (uint32_t)next_random(rs) : 0;
	const char *db = db_names[(r >> 24) % (sizeof db_names / sizeof *db_names)];
	uint32_t dbid = 0, actual;
	char name[32];
	int err;

	switch (r % 19) {
	case 16: case 17: case 18:
		backup_call(inst, r, grbit);
		break;
	case 0:
		snprintf(name, sizeof name, "fuzz %u", (unsigned)(r >> 32) % 6);
		err = sim_create_instance(&out, name, NULL);
		if (!err) {
			const char *f = folders[(r >> 40) % 3];
			sim_set_param(&out, JET_paramSystemPath, 0, f);
			sim_set_param(&out, JET_paramLogFilePath, 0, f);
			sim_set_param(&out, JET_paramLogFileSize, 128, NULL);
			sim_set_param(&out, JET_paramCreatePathIfNotExist, 1, NULL);
			atomic_store(&instances[slot], out);
		}
		note(CALL_CREATE_INSTANCE, err);
		break;
	case 1: case 2:
		out = inst;
		note(CALL_INIT, sim_init(&out, grbit & 0x10));
		break;
	case 3:
		note(CALL_TERM, sim_term(inst, grbit & (JET_bitTermAbrupt | JET_bitTermDirty |
							JET_bitTermStopBackup)));
		break;
	case 4: case 5:
		err = sim_begin_session(inst, &out);
		if (!err)
			atomic_store(&sessions[slot], out);
		note(CALL_BEGIN_SESSION, err);
		break;
	case 6:
		note(CALL_END_SESSION, sim_end_session(ses, grbit));
		break;
	case 7:
		err = sim_create_database(ses, db, 0, grbit & JET_bitDbOverwriteExisting, &dbid);
		if (!err)
			atomic_store(&dbids[slot], dbid);
		note(CALL_CREATE_DATABASE, err);
		break;
	case 8:
		note(CALL_ATTACH, sim_attach_database(ses, db, 0, grbit & JET_bitDbReadOnly));
		break;
	case 9:
		note(CALL_DETACH, sim_detach_database(ses, (r >> 50) % 4 ? db : NULL, 0));
		break;
	case 10:
		err = sim_open_database(ses, db, 0, &dbid);
		if (!err)
			atomic_store(&dbids[slot], dbid);
		note(CALL_OPEN_DATABASE, err);
		break;
	case 11:
		note(CALL_CLOSE_DATABASE, sim_close_database(ses, atomic_load(&dbids[slot]), 0));
		break;
	case 12:
		note(CALL_GROW, sim_grow_database(ses, atomic_load(&dbids[slot]),
							  300 + (uint32_t)(r >> 40) % 200, &actual));
		break;
	case 13: {
		struct sim_database_info info;
		err = sim_database_info(ses, atomic_load(&dbids[slot]), &info);
		if (!err)
			free(info.path);
		note(CALL_DATABASE_INFO, err);
		break;
	}
	case 14:
		note(CALL_STOP_SERVICE, sim_stop_service_instance(inst, grbit & 1));
		break;
	case 15: {
		out = inst;
		note(CALL_SET_PARAM, sim_set_param(&out, JET_paramMaxSessions,
							     (intptr_t)(r >> 40) % 64, NULL));
		break;
	}
	}
}

struct worker {
	pthread_t t;
	uint64_t seed;
	long calls;
};

static pthread_barrier_t round_start, round_end;
static long rounds;

static void *work(void *arg)
{
	struct worker *w = arg;
	for (long r = 0; r < rounds; r++) {
		pthread_barrier_wait(&round_start);
		for (long i = 0; i < w->calls; i++)
			one_call(&w->seed);
		pthread_barrier_wait(&round_end);
	}
	return NULL;
}

static void fail(const char *what, const char *detail, int err)
{
	fprintf(stderr, "fuzz: invariant broken: %s %s (%d)\n", what, detail, err);
	atomic_store(&failed, 1);
}

/* Every page of a database file carries a good checksum. */
static void check_pages(const char *path)
{
	struct db_header h;
	unsigned char *page = NULL;
	uint64_t size;
	os_file *f;
	if (os_file_open(path, OS_OPEN_READ, &f) != OS_OK)
		return;
	if (db_header_read(f, &h) == JET_errSuccess && os_file_size(f, &size) == OS_OK &&
	    (page = malloc(h.page_size)) != NULL) {
		for (uint32_t pgno = 1; (uint64_t)(pgno + 2) * h.page_size <= size; pgno++) {
			int err = page_read(f, h.page_size, pgno, page);
			if (err && !page_is_uninitialised(page, h.page_size)) {
				fail("a page checksum of a cleanly detached database:", path, err);
				break;
			}
		}
	}
	free(page);
	os_file_close(f);
}

/* Only root/ in the working folder. */
static void check_outside(void)
{
	DIR *d = opendir(".");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "root"))
			fail("a file outside the folder:", e->d_name, 0);
	if (d)
		closedir(d);
}

static void check_round(void)
{
	struct sim_instance_info *list;
	unsigned n;
	int err;
	/* every instance terminates */
	while (sim_list_instances(&list, &n) == 0 && n > 0) {
		uintptr_t h = list[0].handle;
		sim_free_instance_list(list, n);
		err = sim_term(h, 0);
		if (err == JET_errBackupInProgress || err == JET_errClientRequestToStopJetService)
			err = sim_term(h, JET_bitTermAbrupt | JET_bitTermStopBackup);
		if (err)
			fail("JetTerm of a live instance", "", err);
		if (err)
			return;
	}
	if (sim_list_instances(&list, &n) == 0)
		sim_free_instance_list(list, n);
	memset((void *)instances, 0, sizeof instances);
	memset((void *)sessions, 0, sizeof sessions);
	/* each folder's instance starts again, and its clean databases attach */
	for (unsigned f = 0; f < FOLDERS; f++) {
		uintptr_t inst = 0, ses;
		struct stat st;
		if (stat(folders[f], &st) != 0)
			continue;
		sim_create_instance(&inst, "check", NULL);
		sim_set_param(&inst, JET_paramSystemPath, 0, folders[f]);
		sim_set_param(&inst, JET_paramLogFilePath, 0, folders[f]);
		sim_set_param(&inst, JET_paramLogFileSize, 128, NULL);
		sim_set_param(&inst, JET_paramMaxSessions, 16, NULL);
		err = sim_init(&inst, 0);
		if (err == JET_errFileInvalidType) {
			/* a database the calls named like the log set's files:
			 * rightly refused as one; the user takes it away */
			static const char *const own[] = { "edb.chk", "edb.log" };
			for (int o = 0; o < 2; o++) {
				struct sim_database_file_info fi;
				char path[64];
				snprintf(path, sizeof path, "%s%s", folders[f], own[o]);
				if (sim_database_file_info(path, &fi) == 0 &&
				    fi.file_type == JET_filetypeDatabase)
					remove(path);
			}
			inst = 0;
			sim_create_instance(&inst, "check", NULL);
			sim_set_param(&inst, JET_paramSystemPath, 0, folders[f]);
			sim_set_param(&inst, JET_paramLogFilePath, 0, folders[f]);
			sim_set_param(&inst, JET_paramLogFileSize, 128, NULL);
			sim_set_param(&inst, JET_paramMaxSessions, 16, NULL);
			err = sim_init(&inst, 0);
		}
		if (err) {
			fail("JetInit again in", folders[f], err);
			continue;
		}
		sim_begin_session(inst, &ses);
		for (size_t i = 0; i < sizeof db_names / sizeof *db_names; i++) {
			struct sim_database_file_info info;
			if (strncmp(db_names[i], folders[f], strlen(folders[f])) ||
			    sim_database_file_info(db_names[i], &info) || info.header_error ||
			    info.header.state != JET_dbstateCleanShutdown ||
			    info.file_type != JET_filetypeDatabase)
				continue;
			check_pages(db_names[i]);
			err = sim_attach_database(ses, db_names[i], 0, 0);
			if (err && err != JET_wrnDatabaseAttached)
				fail("attach of a cleanly detached database", db_names[i], err);
		}
		backup_whole(inst);
		err = sim_term(inst, 0);
		if (err)
			fail("JetTerm of the checking instance", folders[f], err);
	}
	check_outside();
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	long calls = argc > 2 ? atol(argv[2]) : 100000;
	int threads = argc > 3 ? atoi(argv[3]) : 4;
	struct worker w[64];
	if (threads < 1 || threads > 64)
		return 2;
	mkdir("root", 0755);
	for (unsigned f = 0; f < FOLDERS; f++)
		mkdir(folders[f], 0755);
	/* an instance JetInit makes itself (one-instance mode) is in root/g/ */
	sim_set_param(NULL, JET_paramSystemPath, 0, "root/g/");
	sim_set_param(NULL, JET_paramLogFilePath, 0, "root/g/");
	rounds = (calls + (long)threads * ROUND_CALLS - 1) / ((long)threads * ROUND_CALLS);
	pthread_barrier_init(&round_start, NULL, (unsigned)threads + 1);
	pthread_barrier_init(&round_end, NULL, (unsigned)threads + 1);
	for (int i = 0; i < threads; i++) {
		w[i].seed = seed * 0x9E3779B97F4A7C15ull + (uint64_t)i + 1;
		w[i].calls = ROUND_CALLS;
		pthread_create(&w[i].t, NULL, work, &w[i]);
	}
	for (long r = 0; r < rounds; r++) {
		pthread_barrier_wait(&round_start);
		pthread_barrier_wait(&round_end);
		check_round();
	}
	for (int i = 0; i < threads; i++)
		pthread_join(w[i].t, NULL);
	printf("fuzz: seed %" PRIu64 ", %ld calls from %d threads in %ld rounds: %s\n", seed,
	       (long)atomic_load(&calls_made), threads, rounds,
	       atomic_load(&failed) ? "INVARIANT BROKEN" : "all invariants held");
	return atomic_load(&failed) ? 1 : 0;
}
