#define _POSIX_C_SOURCE 200809L
/*
 * The call-sequence fuzzer: threads making random calls through the entry
 * points dll/ uses, on shared instances, with stale and foreign handles,
 * odd grbits and odd names, all under one folder.  After every round the
 * invariants are checked:
 *   - every instance terminates, and each folder's instance starts again
 *     (recovery) and terminates;
 *   - every database there that is cleanly shut down attaches;
 *   - nothing is made, changed or removed outside the folder;
 *   - every code a call returned is one the engine returns for it.
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

#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
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

/* The codes each kind of call may return. */
static const int codes_common[] = {
	JET_errSuccess, JET_errInvalidParameter, JET_errInvalidSesid, JET_errNotInitialized,
	JET_errInitInProgress, JET_errTermInProgress, JET_errClientRequestToStopJetService,
	JET_errInvalidGrbit, JET_errOutOfMemory, JET_errRunningInOneInstanceMode,
	JET_errRunningInMultiInstanceMode, JET_errAlreadyInitialized, JET_errTooManyInstances,
	JET_errInstanceNameInUse, JET_errSystemParamsAlreadySet, JET_errOutOfSessions,
	JET_errInvalidSystemPath, JET_errInvalidLogDirectory, JET_errInvalidPath,
	JET_errLogFilePathInUse, JET_errSystemPathInUse, JET_errTempPathInUse,
	JET_errDatabaseInvalidPath, JET_errDatabaseDuplicate, JET_errTooManyAttachedDatabases,
	JET_errDatabaseNotFound, JET_errDatabaseInUse, JET_errInvalidDatabaseId,
	JET_errFileNotFound, JET_errFileInvalidType, JET_errDatabaseCorrupted,
	JET_errDatabaseSharingViolation, JET_errFileAccessDenied, JET_wrnDatabaseAttached,
	JET_errDatabaseDirtyShutdown, JET_errOneDatabasePerSession, JET_errDatabaseInvalidPages,
	JET_errOutOfDatabaseSpace, JET_errBackupInProgress, JET_errAttachedDatabaseMismatch,
	JET_errBufferTooSmall, JET_errDatabaseInUse, JET_errPageSizeMismatch,
	JET_errInvalidDatabaseVersion, JET_errDatabaseFileReadOnly, JET_wrnFileOpenReadOnly,
	JET_errDirtyShutdown,   /* JetTerm2 with JET_bitTermDirty, when it succeeds */
};

static int code_known(int err)
{
	for (size_t i = 0; i < sizeof codes_common / sizeof *codes_common; i++)
		if (codes_common[i] == err)
			return 1;
	return 0;
}

static void note(const char *call, int err)
{
	atomic_fetch_add(&calls_made, 1);
	if (!code_known(err)) {
		fprintf(stderr, "fuzz: %s returned %d, not among its codes\n", call, err);
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

	switch (r % 16) {
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
		note("JetCreateInstance", err);
		break;
	case 1: case 2:
		out = inst;
		note("JetInit", sim_init(&out, grbit & 0x10));
		break;
	case 3:
		note("JetTerm", sim_term(inst, grbit & (JET_bitTermAbrupt | JET_bitTermDirty |
							JET_bitTermStopBackup)));
		break;
	case 4: case 5:
		err = sim_begin_session(inst, &out);
		if (!err)
			atomic_store(&sessions[slot], out);
		note("JetBeginSession", err);
		break;
	case 6:
		note("JetEndSession", sim_end_session(ses, grbit));
		break;
	case 7:
		err = sim_create_database(ses, db, 0, grbit & JET_bitDbOverwriteExisting, &dbid);
		if (!err)
			atomic_store(&dbids[slot], dbid);
		note("JetCreateDatabase", err);
		break;
	case 8:
		note("JetAttachDatabase", sim_attach_database(ses, db, 0, grbit & JET_bitDbReadOnly));
		break;
	case 9:
		note("JetDetachDatabase", sim_detach_database(ses, (r >> 50) % 4 ? db : NULL, 0));
		break;
	case 10:
		err = sim_open_database(ses, db, 0, &dbid);
		if (!err)
			atomic_store(&dbids[slot], dbid);
		note("JetOpenDatabase", err);
		break;
	case 11:
		note("JetCloseDatabase", sim_close_database(ses, atomic_load(&dbids[slot]), 0));
		break;
	case 12:
		note("JetGrowDatabase", sim_grow_database(ses, atomic_load(&dbids[slot]),
							  300 + (uint32_t)(r >> 40) % 200, &actual));
		break;
	case 13: {
		struct sim_database_info info;
		err = sim_database_info(ses, atomic_load(&dbids[slot]), &info);
		if (!err)
			free(info.path);
		note("JetGetDatabaseInfo", err);
		break;
	}
	case 14:
		note("JetStopServiceInstance2", sim_stop_service_instance(inst, grbit & 1));
		break;
	default: {
		out = inst;
		note("JetSetSystemParameter", sim_set_param(&out, JET_paramMaxSessions,
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
			err = sim_attach_database(ses, db_names[i], 0, 0);
			if (err && err != JET_wrnDatabaseAttached)
				fail("attach of a cleanly detached database", db_names[i], err);
		}
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
