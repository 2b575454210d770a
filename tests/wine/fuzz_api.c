/*
 * The call-sequence fuzzer through esent.dll itself: threads making random
 * Jet* calls (A and W forms) on shared instances, with stale, foreign and
 * made-up handles, odd grbits and odd names (a lone surrogate among them),
 * all under .\fuzz.  Every code must be one the engine returns; at the end
 * every instance terminates, the folder's instance starts again, and
 * nothing was made beside .\fuzz.
 * Usage: fuzz_api [SEED [CALLS [THREADS]]]
 */
#include <windows.h>
#include <esent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "jet_values.h"

#define SLOTS 8

static volatile JET_INSTANCE instances[SLOTS];
static volatile JET_SESID sessions[SLOTS];
static volatile JET_DBID dbids[SLOTS];
static volatile LONG calls_made, failed;
static LONG calls_each;

static const JET_ERR known[] = {
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
	JET_errPageSizeMismatch, JET_errInvalidDatabaseVersion, JET_errDatabaseFileReadOnly,
	JET_wrnFileOpenReadOnly, JET_errInvalidName,
	JET_errDirtyShutdown,   /* JetTerm2 with JET_bitTermDirty, when it succeeds */
};

static void note(const char *call, JET_ERR err)
{
	InterlockedIncrement(&calls_made);
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (known[i] == err)
			return;
	printf("fuzz_api: %s returned %ld, not among its codes\n", call, (long)err);
	InterlockedExchange(&failed, 1);
}

static unsigned next_random(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static const char *const folders[] = { "fuzz\\a\\", "fuzz\\b\\" };
static const char *const names_a[] = {
	"fuzz\\a\\one.edb", "fuzz\\b\\two.edb", "fuzz\\a\\..\\b\\two.edb", "fuzz\\a\\edb.chk",
	"fuzz\\a\\new\\deep\\x.edb", "", "fuzz\\a\\",
};
static const WCHAR lone[] = { 'f', 'u', 'z', 'z', '\\', 'a', '\\', 0xD800, 'x', '.', 'e', 'd', 'b', 0 };

static DWORD WINAPI work(void *arg)
{
	unsigned rs = (unsigned)(UINT_PTR)arg;
	for (LONG i = 0; i < calls_each; i++) {
		unsigned r = next_random(&rs), slot = (r >> 8) % SLOTS;
		JET_INSTANCE inst = (r >> 12) % 8 ? instances[(r >> 16) % SLOTS] : (JET_INSTANCE)r;
		JET_SESID ses = (r >> 13) % 8 ? sessions[(r >> 19) % SLOTS] : (JET_SESID)inst;
		const char *db = names_a[(r >> 22) % (sizeof names_a / sizeof *names_a)];
		JET_GRBIT grbit = (r >> 25) % 4 ? 0 : next_random(&rs);
		JET_INSTANCE out = 0;
		JET_SESID s = 0;
		JET_DBID d = 0;
		char name[32];
		JET_ERR err;
		switch (r % 12) {
		case 0:
			snprintf(name, sizeof name, "fuzz %u", (r >> 20) % 4);
			err = JetCreateInstanceA(&out, name);
			if (!err) {
				const char *f = folders[(r >> 24) % 2];
				JetSetSystemParameterA(&out, 0, JET_paramSystemPath, 0, f);
				JetSetSystemParameterA(&out, 0, JET_paramLogFilePath, 0, f);
				JetSetSystemParameterA(&out, 0, JET_paramLogFileSize, 128, NULL);
				JetSetSystemParameterA(&out, 0, JET_paramCreatePathIfNotExist, 1, NULL);
				instances[slot] = out;
			}
			note("JetCreateInstanceA", err);
			break;
		case 1: case 2:
			out = inst;
			note("JetInit2", JetInit2(&out, grbit & 0x10));
			break;
		case 3:
			note("JetTerm2", JetTerm2(inst, grbit & (JET_bitTermAbrupt | JET_bitTermDirty)));
			break;
		case 4: case 5:
			err = JetBeginSessionA(inst, &s, NULL, NULL);
			if (!err)
				sessions[slot] = s;
			note("JetBeginSessionA", err);
			break;
		case 6:
			note("JetEndSession", JetEndSession(ses, 0));
			break;
		case 7:
			if ((r >> 28) % 4 == 0)
				err = JetCreateDatabaseW(ses, lone, NULL, &d, 0);
			else
				err = JetCreateDatabaseA(ses, db, NULL, &d, grbit & JET_bitDbOverwriteExisting);
			if (!err)
				dbids[slot] = d;
			note("JetCreateDatabase", err);
			break;
		case 8:
			note("JetAttachDatabaseA", JetAttachDatabaseA(ses, db, grbit & JET_bitDbReadOnly));
			break;
		case 9:
			note("JetDetachDatabaseA", JetDetachDatabaseA(ses, (r >> 29) % 4 ? db : NULL));
			break;
		case 10:
			err = JetOpenDatabaseA(ses, db, NULL, &d, 0);
			if (!err)
				dbids[slot] = d;
			note("JetOpenDatabaseA", err);
			break;
		default:
			note("JetCloseDatabase", JetCloseDatabase(ses, dbids[slot], 0));
			break;
		}
	}
	return 0;
}

/* What an earlier run left: removed, so every run starts from nothing. */
static void remove_tree(const WCHAR *dir)
{
	WCHAR pattern[MAX_PATH], path[MAX_PATH];
	WIN32_FIND_DATAW fd;
	HANDLE h;
	swprintf(pattern, MAX_PATH, L"%ls\\*", dir);
	h = FindFirstFileW(pattern, &fd);
	while (h != INVALID_HANDLE_VALUE) {
		if (wcscmp(fd.cFileName, L".") && wcscmp(fd.cFileName, L"..")) {
			swprintf(path, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName);
			if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
				remove_tree(path);
			else
				DeleteFileW(path);
		}
		if (!FindNextFileW(h, &fd))
			break;
	}
	if (h != INVALID_HANDLE_VALUE)
		FindClose(h);
	RemoveDirectoryW(dir);
}

int main(int argc, char **argv)
{
	unsigned seed = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 1;
	LONG calls = argc > 2 ? atol(argv[2]) : 20000;
	int threads = argc > 3 ? atoi(argv[3]) : 4;
	HANDLE t[16];
	JET_INSTANCE_INFO_A *list;
	unsigned long n;
	WIN32_FIND_DATAA fd;
	HANDLE find;
	JET_INSTANCE check = 0;

	if (threads < 1 || threads > 16)
		return 2;
	remove_tree(L"fuzz");
	CreateDirectoryA("fuzz", NULL);
	CreateDirectoryA("fuzz\\a", NULL);
	CreateDirectoryA("fuzz\\b", NULL);
	/* an instance JetInit makes itself is in fuzz\ too */
	JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, "fuzz\\b\\");
	JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, "fuzz\\b\\");
	calls_each = calls / threads;
	for (int i = 0; i < threads; i++)
		t[i] = CreateThread(NULL, 0, work, (void *)(UINT_PTR)(seed * 2654435761u + i + 1), 0, NULL);
	WaitForMultipleObjects((DWORD)threads, t, TRUE, INFINITE);
	/* every instance terminates */
	while (JetGetInstanceInfoA(&n, &list) == JET_errSuccess && n > 0) {
		JET_INSTANCE h = list[0].hInstanceId;
		JetFreeBuffer((char *)list);
		JET_ERR err = JetTerm(h);
		if (err) {
			printf("fuzz_api: JetTerm of a live instance: %ld\n", (long)err);
			failed = 1;
			break;
		}
	}
	/* the folder's instance starts again */
	if (!failed) {
		JetCreateInstanceA(&check, "check");
		JetSetSystemParameterA(&check, 0, JET_paramSystemPath, 0, "fuzz\\a\\");
		JetSetSystemParameterA(&check, 0, JET_paramLogFilePath, 0, "fuzz\\a\\");
		JetSetSystemParameterA(&check, 0, JET_paramLogFileSize, 128, NULL);
		JET_ERR err = JetInit(&check);
		if (err) {
			printf("fuzz_api: JetInit again in fuzz\\a: %ld\n", (long)err);
			failed = 1;
		} else {
			JetTerm(check);
		}
	}
	/* nothing beside fuzz\ */
	find = FindFirstFileA("*", &fd);
	while (find != INVALID_HANDLE_VALUE) {
		if (strcmp(fd.cFileName, ".") && strcmp(fd.cFileName, "..") && strcmp(fd.cFileName, "fuzz")) {
			printf("fuzz_api: a file outside the folder: %s\n", fd.cFileName);
			failed = 1;
		}
		if (!FindNextFileA(find, &fd))
			break;
	}
	if (find != INVALID_HANDLE_VALUE)
		FindClose(find);
	printf("fuzz_api: seed %u, %ld calls from %d threads: %s\n", seed, (long)calls_made, threads,
	       failed ? "INVARIANT BROKEN" : "all invariants held");
	return failed ? 1 : 0;
}
