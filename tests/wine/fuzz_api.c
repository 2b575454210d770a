/*
 * The call-sequence fuzzer through esent.dll itself: threads making random
 * Jet* calls (A and W forms) on shared instances, with stale, foreign and
 * made-up handles, odd grbits and odd names (a lone surrogate among them),
 * all under .\fuzz.  Every code must be one the engine returns for that
 * function; at the end every instance terminates, the folder's instance
 * starts again and its streaming backup opens only the files it listed,
 * and nothing was made beside .\fuzz.
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

/* The codes each function may return: the entry checks of its kind
 * (ESE's APICALL_INST / APICALL_SESID FEnter, ErrFindPinst, jetapi.cxx),
 * then its own documented codes.  A code outside them is a failure. */
#define END_OF_LIST 1   /* engine codes are never positive */
static const JET_ERR entry_instance[] = {
	JET_errSuccess, JET_errInvalidParameter, JET_errNotInitialized, JET_errInitInProgress,
	JET_errTermInProgress, JET_errClientRequestToStopJetService, JET_errInstanceUnavailable,
	JET_errInstanceUnavailableDueToFatalLogDiskFull, JET_errOutOfMemory, JET_errInvalidGrbit,
	END_OF_LIST,
};
static const JET_ERR entry_session[] = {
	JET_errSuccess, JET_errInvalidSesid, JET_errInvalidParameter, JET_errNotInitialized,
	JET_errInitInProgress, JET_errTermInProgress, JET_errClientRequestToStopJetService,
	JET_errInstanceUnavailable, JET_errInstanceUnavailableDueToFatalLogDiskFull,
	JET_errOutOfMemory, JET_errInvalidGrbit, END_OF_LIST,
};

enum call {
	CALL_CREATE_INSTANCE, CALL_INIT, CALL_TERM, CALL_BEGIN_SESSION, CALL_END_SESSION,
	CALL_CREATE_DATABASE, CALL_ATTACH, CALL_DETACH, CALL_OPEN_DATABASE, CALL_CLOSE_DATABASE,
	CALL_BACKUP_BEGIN, CALL_BACKUP_ATTACH_INFO, CALL_BACKUP_OPEN, CALL_BACKUP_END, CALLS
};

/* the failures of making and finding a database file (ErrDBCreateDatabase,
 * ErrDBAttachDatabase, db.cxx; ErrOSFileIFromWinError, osfile.cxx); a
 * name Windows cannot hold (a lone surrogate under Wine) */
#define FILE_CODES JET_errDatabaseInvalidPath, JET_errInvalidPath, JET_errInvalidName, \
	JET_errFileAccessDenied, JET_errDiskFull, JET_errDiskIO, JET_errLogWriteFail, \
	JET_errLogDiskFull
#define BACKUP_STATE_CODES JET_errBackupNotAllowedYet, JET_errNoBackup, \
	JET_errInvalidBackupSequence, JET_errBackupAbortByServer, JET_errLoggingDisabled, \
	JET_errLogWriteFail, JET_errRunningInMultiInstanceMode

static const struct function_codes {
	const char *name;
	const JET_ERR *entry;
	JET_ERR own[24];
} functions[CALLS] = {
	[CALL_CREATE_INSTANCE] = { "JetCreateInstanceA", NULL,
		{ JET_errSuccess, JET_errInvalidParameter, JET_errOutOfMemory, JET_errInstanceNameInUse,
		  JET_errRunningInOneInstanceMode, JET_errTooManyInstances, END_OF_LIST } },
	[CALL_INIT] = { "JetInit2", entry_instance,
		{ JET_errAlreadyInitialized, JET_errRunningInMultiInstanceMode,
		  JET_errRunningInOneInstanceMode, JET_errTooManyInstances, JET_errInvalidSystemPath,
		  JET_errInvalidLogDirectory, JET_errInvalidPath, JET_errLogFilePathInUse,
		  JET_errSystemPathInUse, JET_errTempPathInUse, JET_errFileAccessDenied,
		  JET_errFileInvalidType, JET_errAttachedDatabaseMismatch, JET_errDatabaseDirtyShutdown,
		  JET_errDatabaseCorrupted, JET_errDiskFull, JET_errDiskIO, END_OF_LIST } },
	[CALL_TERM] = { "JetTerm2", entry_instance,
		{ JET_errBackupInProgress,
		  JET_errDirtyShutdown,   /* JetTerm2 with JET_bitTermDirty, when it succeeds */
		  END_OF_LIST } },
	[CALL_BEGIN_SESSION] = { "JetBeginSessionA", entry_instance,
		{ JET_errOutOfSessions, JET_errInstanceUnavailable,
		  JET_errInstanceUnavailableDueToFatalLogDiskFull, END_OF_LIST } },
	[CALL_END_SESSION] = { "JetEndSession", entry_session, { END_OF_LIST } },
	[CALL_CREATE_DATABASE] = { "JetCreateDatabase", entry_session,
		{ FILE_CODES, JET_errDatabaseDuplicate, JET_errTooManyAttachedDatabases,
		  JET_errOneDatabasePerSession, JET_errDatabaseInvalidPages, JET_errDatabaseInUse,
		  JET_errDatabaseSharingViolation, END_OF_LIST } },
	[CALL_ATTACH] = { "JetAttachDatabaseA", entry_session,
		{ FILE_CODES, JET_errFileNotFound, JET_wrnDatabaseAttached, JET_errDatabaseFileReadOnly,
		  JET_errBackupInProgress, JET_errTooManyAttachedDatabases, JET_errDatabaseCorrupted,
		  JET_errFileInvalidType, JET_errPageSizeMismatch, JET_errDatabaseDirtyShutdown,
		  JET_errInvalidDatabaseVersion, JET_errDatabaseSharingViolation,
		  JET_errAttachedDatabaseMismatch, JET_errDatabaseInUse, JET_wrnFileOpenReadOnly,
		  END_OF_LIST } },
	[CALL_DETACH] = { "JetDetachDatabaseA", entry_session,
		{ JET_errDatabaseNotFound, JET_errDatabaseInUse, JET_errBackupInProgress,
		  JET_errDatabaseInvalidPath, JET_errInvalidPath, JET_errLogWriteFail,
		  JET_errLogDiskFull, JET_errDiskIO, END_OF_LIST } },
	[CALL_OPEN_DATABASE] = { "JetOpenDatabaseA", entry_session,
		{ JET_errDatabaseNotFound, JET_errOneDatabasePerSession, JET_errDatabaseInUse,
		  JET_errDatabaseLocked, JET_errDatabaseInvalidPath, JET_errInvalidPath,
		  JET_wrnFileOpenReadOnly, END_OF_LIST } },
	[CALL_CLOSE_DATABASE] = { "JetCloseDatabase", entry_session,
		{ JET_errInvalidDatabaseId,
		  JET_errDatabaseNotFound,   /* not opened by the session: ErrDBCloseDatabase */
		  END_OF_LIST } },
	[CALL_BACKUP_BEGIN] = { "JetBeginExternalBackupInstance", entry_instance,
		{ BACKUP_STATE_CODES, JET_errBackupInProgress, JET_errSurrogateBackupInProgress,
		  JET_errInvalidBackup, JET_errMissingFullBackup, END_OF_LIST } },
	[CALL_BACKUP_ATTACH_INFO] = { "JetGetAttachInfoInstanceA", entry_instance,
		{ BACKUP_STATE_CODES, JET_errBufferTooSmall, END_OF_LIST } },
	[CALL_BACKUP_OPEN] = { "JetOpenFileInstanceA", entry_instance,
		{ BACKUP_STATE_CODES, JET_errFileNotFound, JET_errMissingFileToBackup,
		  JET_errDatabaseNotFound, JET_errInvalidPath, JET_errFileAccessDenied, JET_errDiskIO,
		  JET_errLogFileCorrupt, END_OF_LIST } },
	[CALL_BACKUP_END] = { "JetEndExternalBackupInstance2", entry_instance,
		{ BACKUP_STATE_CODES, END_OF_LIST } },
};

static int in_list(const JET_ERR *list, JET_ERR err)
{
	for (; list && *list != END_OF_LIST; list++)
		if (*list == err)
			return 1;
	return 0;
}

static void note(enum call call, JET_ERR err)
{
	const struct function_codes *f = &functions[call];
	InterlockedIncrement(&calls_made);
	if (in_list(f->entry, err) || in_list(f->own, err))
		return;
	printf("fuzz_api: %s returned %ld, not among its codes\n", f->name, (long)err);
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
			note(CALL_CREATE_INSTANCE, err);
			break;
		case 1: case 2:
			out = inst;
			note(CALL_INIT, JetInit2(&out, grbit & 0x10));
			break;
		case 3:
			note(CALL_TERM, JetTerm2(inst, grbit & (JET_bitTermAbrupt | JET_bitTermDirty)));
			break;
		case 4: case 5:
			err = JetBeginSessionA(inst, &s, NULL, NULL);
			if (!err)
				sessions[slot] = s;
			note(CALL_BEGIN_SESSION, err);
			break;
		case 6:
			note(CALL_END_SESSION, JetEndSession(ses, 0));
			break;
		case 7:
			if ((r >> 28) % 4 == 0)
				err = JetCreateDatabaseW(ses, lone, NULL, &d, 0);
			else
				err = JetCreateDatabaseA(ses, db, NULL, &d, grbit & JET_bitDbOverwriteExisting);
			if (!err)
				dbids[slot] = d;
			note(CALL_CREATE_DATABASE, err);
			break;
		case 8:
			note(CALL_ATTACH, JetAttachDatabaseA(ses, db, grbit & JET_bitDbReadOnly));
			break;
		case 9:
			note(CALL_DETACH, JetDetachDatabaseA(ses, (r >> 29) % 4 ? db : NULL));
			break;
		case 10:
			err = JetOpenDatabaseA(ses, db, NULL, &d, 0);
			if (!err)
				dbids[slot] = d;
			note(CALL_OPEN_DATABASE, err);
			break;
		default:
			note(CALL_CLOSE_DATABASE, JetCloseDatabase(ses, dbids[slot], 0));
			break;
		}
	}
	return 0;
}

/* A streaming backup of the checking instance opens the files it listed
 * and none other: not another folder's database, not a file of the system. */
static void backup_only_the_set(JET_INSTANCE inst)
{
	static const char *const foreign[] = {
		"fuzz\\b\\two.edb", "C:\\windows\\win.ini", "fuzz\\a\\edb.chk", "fuzz",
	};
	char list[4096];
	unsigned long cb = 0;
	JET_SESID ses;
	JET_HANDLE h;
	unsigned long low, high;
	JET_ERR err;
	if (JetBeginSessionA(inst, &ses, NULL, NULL) == JET_errSuccess &&
	    GetFileAttributesA("fuzz\\a\\one.edb") != INVALID_FILE_ATTRIBUTES)
		JetAttachDatabaseA(ses, "fuzz\\a\\one.edb", 0);
	err = JetBeginExternalBackupInstance(inst, 0);
	note(CALL_BACKUP_BEGIN, err);
	if (err)
		return;
	err = JetGetAttachInfoInstanceA(inst, list, sizeof list, &cb);
	note(CALL_BACKUP_ATTACH_INFO, err);
	for (const char *p = err ? "" : list; *p; p += strlen(p) + 1) {
		err = JetOpenFileInstanceA(inst, p, &h, &low, &high);
		note(CALL_BACKUP_OPEN, err);
		if (!err)
			JetCloseFileInstance(inst, h);
	}
	for (size_t i = 0; i < sizeof foreign / sizeof *foreign; i++) {
		err = JetOpenFileInstanceA(inst, foreign[i], &h, &low, &high);
		note(CALL_BACKUP_OPEN, err);
		if (err == JET_errSuccess) {
			printf("fuzz_api: a backup opened a file outside its set: %s\n", foreign[i]);
			InterlockedExchange(&failed, 1);
			JetCloseFileInstance(inst, h);
		}
	}
	note(CALL_BACKUP_END, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));
}

/* The bytes of a file, or NULL when it is not there. */
static char *file_bytes(const char *path, DWORD *size)
{
	HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			       OPEN_EXISTING, 0, NULL);
	char *bytes = NULL;
	DWORD got = 0;
	if (h == INVALID_HANDLE_VALUE)
		return NULL;
	*size = GetFileSize(h, NULL);
	bytes = malloc(*size + 1);
	if (bytes && (!ReadFile(h, bytes, *size, &got, NULL) || got != *size)) {
		free(bytes);
		bytes = NULL;
	}
	CloseHandle(h);
	return bytes;
}

/* Whether fuzz\a\edb.chk is a database a fuzzing thread created
 * (JetCreateDatabaseA takes that name from names_a), left as it was
 * before the JetInit that refused it. */
static int checkpoint_name_holds_a_database(const char *before, DWORD before_size)
{
	JET_DBINFOMISC misc;
	DWORD size = 0;
	char *after = file_bytes("fuzz\\a\\edb.chk", &size);
	int same = before && after && size == before_size && !memcmp(before, after, size);
	free(after);
	return same && JetGetDatabaseFileInfoA("fuzz\\a\\edb.chk", &misc, sizeof misc,
						JET_DbInfoMisc) == JET_errSuccess;
}

static JET_ERR start_checking_instance(JET_INSTANCE *check)
{
	JetCreateInstanceA(check, "check");
	JetSetSystemParameterA(check, 0, JET_paramSystemPath, 0, "fuzz\\a\\");
	JetSetSystemParameterA(check, 0, JET_paramLogFilePath, 0, "fuzz\\a\\");
	JetSetSystemParameterA(check, 0, JET_paramLogFileSize, 128, NULL);
	return JetInit(check);
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
		DWORD chk_size = 0;
		char *chk = file_bytes("fuzz\\a\\edb.chk", &chk_size);
		JET_ERR err = start_checking_instance(&check);
		if (err == JET_errFileInvalidType && checkpoint_name_holds_a_database(chk, chk_size)) {
			/* another folder's instance made a database named edb.chk here,
			 * which ESE refuses as this folder's checkpoint (ErrLGReadCheckpoint,
			 * log.cxx): the file is left alone, and out of the way the
			 * folder's instance starts (a failed JetInit freed the instance) */
			if (!MoveFileA("fuzz\\a\\edb.chk", "fuzz\\a\\was-edb.chk.edb")) {
				printf("fuzz_api: a refused edb.chk cannot be moved\n");
				failed = 1;
			} else {
				err = start_checking_instance(&check);
			}
		}
		free(chk);
		if (err) {
			printf("fuzz_api: JetInit again in fuzz\\a: %ld\n", (long)err);
			failed = 1;
		} else {
			backup_only_the_set(check);
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
