/*
 * Databases in an instance: create, attach, open, close and detach, with A
 * and W paths (one of them not ASCII), the database information levels
 * online (JetGetDatabaseInfo) and offline (JetGetDatabaseFileInfo), and the
 * instance's log signature and checkpoint (JetGetInstanceMiscInfo).  Every
 * return code the reference pages document that can be provoked without
 * tables or transactions is provoked once.
 *
 * Everything lives under databases\ beside the program, emptied first.
 * Exits 0 when every call returned what the documentation says it returns.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

#define MAIN_DIR "databases\\main\\"
#define FIRST MAIN_DIR "first.edb"
#define DONNEES L"databases\\main\\donn\u00e9es.edb"
#define DIRTY_DIR "databases\\dirty\\"
#define DIRTY DIRTY_DIR "dirty.edb"

/* A run starts from nothing: what an earlier run left would change the
 * answers (DatabaseDuplicate, recovery of old logs). */
static void remove_tree(const WCHAR *dir)
{
	WCHAR pattern[MAX_PATH], path[MAX_PATH];
	WIN32_FIND_DATAW fd;
	HANDLE h;

	swprintf(pattern, MAX_PATH, L"%ls\\*", dir);
	h = FindFirstFileW(pattern, &fd);
	if (h != INVALID_HANDLE_VALUE) {
		do {
			if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
				continue;
			swprintf(path, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName);
			if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
				remove_tree(path);
			else
				DeleteFileW(path);
		} while (FindNextFileW(h, &fd));
		FindClose(h);
	}
	RemoveDirectoryW(dir);
}

static JET_ERR make_instance(JET_INSTANCE *inst, const char *name, const char *dir)
{
	char logs[MAX_PATH];
	JET_ERR err = JetCreateInstanceA(inst, name);
	snprintf(logs, sizeof logs, "%slogs\\", dir);
	if (!err)
		err = JetSetSystemParameterA(inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
	if (!err)
		err = JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, logs);
	if (!err)
		err = JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, dir);
	if (!err)
		err = JetSetSystemParameterA(inst, 0, JET_paramTempPath, 0, dir);
	if (!err)
		err = JetInit(inst);
	return err;
}

static unsigned long file_dbstate(const char *path)
{
	JET_DBINFOMISC misc;
	memset(&misc, 0xcc, sizeof misc);
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc));
	return misc.dbstate;
}

static void create_and_open(JET_SESID s1, JET_SESID s2)
{
	JET_DBID db, db2, other;

	printf("-- create, open, close\n");
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s1, FIRST, NULL, &db, 0));
	EXPECT(JET_errDatabaseDuplicate, JetCreateDatabaseA(s1, FIRST, NULL, &other, 0));
	EXPECT(JET_errInvalidParameter, JetCreateDatabaseA(s1, MAIN_DIR "x.edb", NULL, NULL, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseA(s1, NULL, NULL, &other, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseA(s1, "", NULL, &other, 0));
	EXPECT(JET_errDatabaseInvalidPages, JetCreateDatabase2A(s1, MAIN_DIR "x.edb", 0x7fffffff, &other, 0));
	EXPECT(JET_errSuccess, JetCreateDatabase2W(s1, DONNEES, 1024, &db2, 0));
	CHECK(db != db2, "two databases, one id %lu", db);

	/* the creator has it open; another session may share it but not own it */
	EXPECT(JET_errDatabaseInUse, JetOpenDatabaseA(s2, FIRST, NULL, &other, JET_bitDbExclusive));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s2, FIRST, NULL, &other, 0));
	CHECK(other == db, "the same database, the same id: %lu, %lu", other, db);
	EXPECT(JET_errSuccess, JetCloseDatabase(s2, other, 0));
	EXPECT(JET_errDatabaseNotFound, JetCloseDatabase(s2, other, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db, 0));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s2, FIRST, NULL, &other, JET_bitDbExclusive));
	EXPECT(JET_errDatabaseLocked, JetOpenDatabaseA(s1, FIRST, NULL, &db, 0));
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseA(s1, FIRST));
	EXPECT(JET_errSuccess, JetCloseDatabase(s2, other, 0));

	EXPECT(JET_errDatabaseNotFound, JetOpenDatabaseA(s1, MAIN_DIR "absent.edb", NULL, &other, 0));
	EXPECT(JET_errInvalidParameter, JetOpenDatabaseA(s1, FIRST, NULL, NULL, 0));
	EXPECT(JET_errInvalidDatabaseId, JetCloseDatabase(s1, 42, 0));
	EXPECT(JET_errSuccess, JetOpenDatabaseW(s1, L"databases\\main\\FIRST.edb", NULL, &db, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db2, 0));
}

/* JetGetInstanceInfo names each attached database by its full path; the
 * display names are there but NULL ("currently unused"), and the SLV
 * names' array is NULL, in both forms, as the engine hands them out. */
static void instance_info_names(void)
{
	unsigned long count = 0, i, d;
	JET_INSTANCE_INFO_A *a = NULL;
	JET_INSTANCE_INFO_W *w = NULL;
	int found = 0;

	printf("-- JetGetInstanceInfo: database names\n");
	EXPECT(JET_errSuccess, JetGetInstanceInfoA(&count, &a));
	for (i = 0; i < count; i++) {
		CHECK(a[i].szDatabaseSLVFileName == NULL, "A: no SLV names' array");
		for (d = 0; d < (unsigned long)a[i].cDatabases; d++) {
			found |= ends_with(a[i].szDatabaseFileName[d], "\\databases\\main\\first.edb");
			CHECK(a[i].szDatabaseDisplayName[d] == NULL, "A: display name %lu NULL", d);
		}
	}
	CHECK(found, "A: first.edb listed by its full path");
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)a));
	found = 0;
	EXPECT(JET_errSuccess, JetGetInstanceInfoW(&count, &w));
	for (i = 0; i < count; i++) {
		CHECK(w[i].szDatabaseSLVFileName == NULL, "W: no SLV names' array");
		for (d = 0; d < (unsigned long)w[i].cDatabases; d++) {
			found |= ends_with_w(w[i].szDatabaseFileName[d], DONNEES);
			CHECK(w[i].szDatabaseDisplayName[d] == NULL, "W: display name %lu NULL", d);
		}
	}
	CHECK(found, "W: donn\u00e9es.edb listed by its full path");
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)w));
}

static void online_info(JET_SESID s1, JET_SESID s2)
{
	char name[MAX_PATH], expected_a[MAX_PATH];
	WCHAR wname[MAX_PATH];
	unsigned long value = 0, pages = 0;
	unsigned char big[348];
	JET_DBINFOMISC *misc = (JET_DBINFOMISC *)big;
	JET_DBID db, db2;

	printf("-- JetGetDatabaseInfo\n");
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s1, FIRST, NULL, &db, 0));
	EXPECT(JET_errSuccess, JetOpenDatabaseW(s1, DONNEES, NULL, &db2, 0));

	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, name, sizeof name, JET_DbInfoFilename));
	printf("     \"%s\"\n", name);
	CHECK(ends_with(name, "\\databases\\main\\first.edb"), "full path, got \"%s\"", name);
	EXPECT(JET_errBufferTooSmall, JetGetDatabaseInfoA(s1, db, name, 3, JET_DbInfoFilename));
	EXPECT(JET_errSuccess, JetGetDatabaseInfoW(s1, db2, wname, sizeof wname, JET_DbInfoFilename));
	CHECK(ends_with_w(wname, DONNEES), "full W path, got \"%ls\"", wname);
	/* the A form is the ANSI code page's, whatever it is */
	WideCharToMultiByte(CP_ACP, 0, L"donn\u00e9es.edb", -1, expected_a, sizeof expected_a, NULL, NULL);
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db2, name, sizeof name, JET_DbInfoFilename));
	CHECK(ends_with(name, expected_a), "ANSI path, got \"%s\"", name);
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s1, db, NULL, sizeof name, JET_DbInfoFilename));
	instance_info_names();

	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, name, 1, JET_DbInfoConnect));
	EXPECT(JET_errBufferTooSmall, JetGetDatabaseInfoA(s1, db, name, 0, JET_DbInfoConnect));
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoPageSize));
	CHECK(value == 4096, "default page size, got %lu", value);
	EXPECT(JET_errBufferTooSmall, JetGetDatabaseInfoA(s1, db, big, 8, JET_DbInfoPageSize));
	/* an obsolete flag some callers still add to the level is ignored */
	EXPECT(JET_errSuccess,
	       JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoPageSize | JET_DbInfoUseCachedResult));
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoVersion));
	CHECK(value == 0x620, "version, got 0x%lx", value);
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseInfoA(s1, db, big, 8, JET_DbInfoVersion));
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoTransactions));
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoOptions));
	CHECK(value == 0, "shared open, options 0x%lx", value);
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &pages, 4, JET_DbInfoFilesize));
	printf("     %lu pages\n", pages);
	CHECK(pages > 0, "a size in pages, got %lu", pages);
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoSpaceOwned));
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseInfoA(s1, db, big, 8, JET_DbInfoSpaceOwned));
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoSpaceAvailable));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s1, db, &value, 2, JET_DbInfoSpaceAvailable));
	EXPECT(JET_errFeatureNotAvailable, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoIsam));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoDBInUse));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoFileType));

	memset(big, 0xcc, sizeof big);
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, misc, sizeof *misc, JET_DbInfoMisc));
	printf("     version 0x%lx.%lx, state %lu, page size %lu\n", misc->ulVersion,
	       misc->ulUpdate, misc->dbstate, misc->cbPageSize);
	CHECK(misc->ulVersion == 0x620, "format version 0x%lx", misc->ulVersion);
	CHECK(misc->dbstate == JET_dbstateDirtyShutdown, "attached: dirty, got %lu", misc->dbstate);
	CHECK(misc->cbPageSize == 4096, "page size %lu", misc->cbPageSize);
	CHECK(big[sizeof *misc] == 0xcc, "216 bytes asked, more written");
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, big, 348, JET_DbInfoMisc));
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseInfoA(s1, db, big, 200, JET_DbInfoMisc));
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseInfoA(s1, db, big, 217, JET_DbInfoMisc));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s1, db, big, 4, 99));

	/* only the session that opened a database may ask about it */
	EXPECT(JET_errInvalidDatabaseId, JetGetDatabaseInfoA(s2, db, &value, 4, JET_DbInfoPageSize));
	EXPECT(JET_errInvalidDatabaseId, JetGetDatabaseInfoA(s1, 42, &value, 4, JET_DbInfoPageSize));
	EXPECT(JET_errInvalidSesid, JetGetDatabaseInfoA(0x5e55, db, &value, 4, JET_DbInfoPageSize));

	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db, 0));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s1, FIRST, NULL, &db, JET_bitDbExclusive));
	EXPECT(JET_errSuccess, JetGetDatabaseInfoA(s1, db, &value, 4, JET_DbInfoOptions));
	CHECK(value == JET_bitDbExclusive, "exclusive open, options 0x%lx", value);
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db2, 0));
}

static void offline_info(void)
{
	unsigned long long size = 0;
	unsigned long value = 0;
	unsigned char big[416];
	JET_DBINFOUPGRADE upgrade;

	printf("-- JetGetDatabaseFileInfo\n");
	CHECK(file_dbstate(FIRST) == JET_dbstateDirtyShutdown, "attached: dirty");
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &value, 4, JET_DbInfoDBInUse));
	CHECK(value == TRUE, "attached: in use, got %lu", value);
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &size, 8, JET_DbInfoFilesize));
	printf("     %llu bytes\n", size);
	CHECK(size > 0 && size % 4096 == 0, "whole pages, got %llu", size);
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseFileInfoA(FIRST, &value, 4, JET_DbInfoFilesize));
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &size, 8, JET_DbInfoFilesizeOnDisk));
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &value, 4, JET_DbInfoPageSize));
	CHECK(value == 4096, "page size %lu", value);
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseFileInfoA(FIRST, &size, 8, JET_DbInfoPageSize));
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoW(DONNEES, &value, 4, JET_DbInfoFileType));
	CHECK(value == JET_filetypeDatabase, "a database, got %lu", value);
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, big, 400, JET_DbInfoMisc));
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseFileInfoA(FIRST, big, 220, JET_DbInfoMisc));
	memset(&upgrade, 0, sizeof upgrade);
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(FIRST, &upgrade, sizeof upgrade, JET_DbInfoUpgrade));
	upgrade.cbStruct = sizeof upgrade;
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &upgrade, sizeof upgrade, JET_DbInfoUpgrade));
	CHECK(upgrade.cbFilesizeLow == (unsigned long)size, "upgrade size %lu", upgrade.cbFilesizeLow);
	EXPECT(JET_errInvalidBufferSize, JetGetDatabaseFileInfoA(FIRST, &upgrade, 24, JET_DbInfoUpgrade));
	/* offline there is neither a name nor an ISAM to ask about */
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(FIRST, big, sizeof big, JET_DbInfoFilename));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(FIRST, &value, 4, JET_DbInfoIsam));
	EXPECT(JET_errFileNotFound, JetGetDatabaseFileInfoA(MAIN_DIR "absent.edb", &value, 4, JET_DbInfoPageSize));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(NULL, &value, 4, JET_DbInfoPageSize));
}

static void attach_and_detach(JET_SESID s1)
{
	unsigned long value = 1;
	JET_DBINFOMISC before, after;
	JET_DBID db;

	printf("-- detach, attach, overwrite\n");
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s1, FIRST));
	EXPECT(JET_errDatabaseNotFound, JetDetachDatabaseA(s1, FIRST));
	CHECK(file_dbstate(FIRST) == JET_dbstateCleanShutdown, "detached: clean");
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &value, 4, JET_DbInfoDBInUse));
	CHECK(value == FALSE, "detached: not in use, got %lu", value);

	EXPECT(JET_errFileNotFound, JetAttachDatabaseA(s1, MAIN_DIR "absent.edb", 0));
	EXPECT(JET_errDatabaseInvalidPath, JetAttachDatabaseA(s1, NULL, 0));
	EXPECT(JET_errSuccess, JetAttachDatabaseA(s1, FIRST, 0));
	EXPECT(JET_wrnDatabaseAttached, JetAttachDatabase2W(s1, L"databases\\main\\first.edb", 0, 0));
	EXPECT(JET_errForceDetachNotAllowed, JetDetachDatabase2A(s1, FIRST, JET_bitForceDetach));
	EXPECT(JET_errSuccess, JetDetachDatabase2W(s1, L"databases\\main\\first.edb", 0));

	/* an existing file is replaced only when asked: a new database, a new signature */
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &before, sizeof before, JET_DbInfoMisc));
	EXPECT(JET_errDatabaseDuplicate, JetCreateDatabaseA(s1, FIRST, NULL, &db, 0));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s1, FIRST, NULL, &db, JET_bitDbOverwriteExisting));
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(FIRST, &after, sizeof after, JET_DbInfoMisc));
	CHECK(memcmp(&before.signDb, &after.signDb, sizeof before.signDb) != 0, "the signature changed");
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db, 0));
}

static void attach_limit(JET_SESID s1)
{
	char path[MAX_PATH];
	JET_DBID db[6];
	unsigned long value = 1;

	printf("-- six user databases per instance\n");
	/* first.edb and données.edb are attached; four more fill the instance */
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, MAIN_DIR "more%d.edb", i);
		EXPECT(JET_errSuccess, JetCreateDatabaseA(s1, path, NULL, &db[i], 0));
	}
	EXPECT(JET_errTooManyAttachedDatabases, JetCreateDatabaseA(s1, MAIN_DIR "seventh.edb", NULL, &db[4], 0));
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseA(s1, MAIN_DIR "more0.edb"));
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db[0], 0));
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s1, MAIN_DIR "more0.edb"));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s1, MAIN_DIR "seventh.edb", NULL, &db[4], 0));
	EXPECT(JET_errTooManyAttachedDatabases, JetAttachDatabaseA(s1, MAIN_DIR "more0.edb", 0));

	/* all at once (NULL or empty): refused while any is open */
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseA(s1, NULL));
	for (int i = 1; i < 5; i++)
		EXPECT(JET_errSuccess, JetCloseDatabase(s1, db[i], 0));
	EXPECT(JET_errSuccess, JetDetachDatabaseW(s1, (const char *)L""));
	EXPECT(JET_errDatabaseNotFound, JetDetachDatabaseA(s1, FIRST));
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoW(DONNEES, &value, 4, JET_DbInfoDBInUse));
	CHECK(value == FALSE, "all detached, got %lu", value);
	EXPECT(JET_errSuccess, JetAttachDatabaseW(s1, DONNEES, 0));
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s1, ""));
}

/* A database left by a dirty shutdown needs its own logs: another
 * instance refuses it until the instance that wrote them recovers it. */
static void dirty_shutdown(JET_SESID s1)
{
	JET_INSTANCE dirty;
	JET_SESID s;
	JET_DBID db;

	printf("-- dirty shutdown\n");
	EXPECT(JET_errSuccess, make_instance(&dirty, "databases-dirty", DIRTY_DIR));
	EXPECT(JET_errSuccess, JetBeginSessionA(dirty, &s, NULL, NULL));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s, DIRTY, NULL, &db, 0));
	/* one file, one instance at a time */
	EXPECT(JET_errSuccess, JetAttachDatabaseA(s1, FIRST, 0));
	EXPECT(JET_errDatabaseSharingViolation, JetAttachDatabaseA(s, FIRST, 0));
	EXPECT(JET_errDatabaseDuplicate, JetCreateDatabaseA(s, FIRST, NULL, &db, JET_bitDbOverwriteExisting));
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s1, FIRST));
	EXPECT(JET_errDirtyShutdown, JetTerm2(dirty, JET_bitTermDirty));

	CHECK(file_dbstate(DIRTY) == JET_dbstateDirtyShutdown, "left dirty");
	EXPECT(JET_errDatabaseDirtyShutdown, JetAttachDatabaseA(s1, DIRTY, 0));
	/* the next JetInit on those logs recovers it and leaves it detached */
	EXPECT(JET_errSuccess, make_instance(&dirty, "databases-dirty", DIRTY_DIR));
	CHECK(file_dbstate(DIRTY) == JET_dbstateCleanShutdown, "recovered: clean");
	EXPECT(JET_errSuccess, JetTerm2(dirty, JET_bitTermComplete));
	EXPECT(JET_errSuccess, JetAttachDatabaseA(s1, DIRTY, 0));
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s1, DIRTY));
}

/* Files other programs hold, or that may not be written: the engine
 * opens a database for writing, with other writers shut out. */
static void files_held_elsewhere(JET_SESID s1)
{
	HANDLE held;
	JET_DBID db;

	printf("-- files other programs hold\n");
	/* FIRST is detached here: another program opens it with no sharing */
	held = CreateFileA(FIRST, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(held != INVALID_HANDLE_VALUE, "error %lu", GetLastError());
	EXPECT(JET_errFileAccessDenied, JetAttachDatabaseA(s1, FIRST, 0));
	/* replacing it needs it deleted, which its holder prevents */
	EXPECT(JET_errDatabaseInUse, JetCreateDatabaseA(s1, FIRST, NULL, &db, JET_bitDbOverwriteExisting));
	CloseHandle(held);
	CHECK(file_dbstate(FIRST) == JET_dbstateCleanShutdown, "still there, untouched");

	/* a file marked read-only is attached only read-only */
	CHECK(SetFileAttributesA(FIRST, FILE_ATTRIBUTE_READONLY), "error %lu", GetLastError());
	EXPECT(JET_errDatabaseFileReadOnly, JetAttachDatabaseA(s1, FIRST, 0));
	EXPECT(JET_errSuccess, JetAttachDatabaseA(s1, FIRST, JET_bitDbReadOnly));
	EXPECT(JET_wrnFileOpenReadOnly, JetOpenDatabaseA(s1, FIRST, NULL, &db, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s1, db, 0));
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s1, FIRST));
	CHECK(SetFileAttributesA(FIRST, FILE_ATTRIBUTE_NORMAL), "error %lu", GetLastError());
}

static void instance_misc(JET_INSTANCE inst)
{
	struct { unsigned long genMin, genMax; JET_LOGTIME logtimeGenMaxCreate; } checkpoint;
	unsigned char big[64];
	JET_SIGNATURE sig;

	printf("-- JetGetInstanceMiscInfo\n");
	memset(&sig, 0, sizeof sig);
	EXPECT(JET_errSuccess, JetGetInstanceMiscInfo(inst, &sig, sizeof sig, JET_InstanceMiscInfoLogSignature));
	printf("     log signature %08lx, %02d/%02d/%d\n", sig.ulRandom, sig.logtimeCreate.bMonth,
	       sig.logtimeCreate.bDay, 1900 + (unsigned char)sig.logtimeCreate.bYear);
	CHECK(sig.ulRandom != 0 && sig.logtimeCreate.bYear != 0, "a log signature");
	EXPECT(JET_errBufferTooSmall, JetGetInstanceMiscInfo(inst, &sig, sizeof sig - 1, JET_InstanceMiscInfoLogSignature));
	EXPECT(JET_errSuccess, JetGetInstanceMiscInfo(inst, big, sizeof big, JET_InstanceMiscInfoLogSignature));
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(inst, NULL, sizeof sig, JET_InstanceMiscInfoLogSignature));

	memset(&checkpoint, 0, sizeof checkpoint);
	EXPECT(JET_errSuccess, JetGetInstanceMiscInfo(inst, &checkpoint, sizeof checkpoint, JET_InstanceMiscInfoCheckpoint));
	printf("     checkpoint generation %lu, current %lu\n", checkpoint.genMin, checkpoint.genMax);
	CHECK(checkpoint.genMin >= 1 && checkpoint.genMin <= checkpoint.genMax,
	      "generations %lu..%lu", checkpoint.genMin, checkpoint.genMax);
	EXPECT(JET_errBufferTooSmall, JetGetInstanceMiscInfo(inst, big, 15, JET_InstanceMiscInfoCheckpoint));
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(inst, big, sizeof big, 7));
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(0x12345, big, sizeof big, JET_InstanceMiscInfoLogSignature));
}

int main(void)
{
	JET_INSTANCE inst;
	JET_SESID s1, s2;

	remove_tree(L"databases");
	CreateDirectoryA("databases", NULL);
	EXPECT(JET_errSuccess, make_instance(&inst, "databases", MAIN_DIR));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s1, NULL, NULL));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s2, NULL, NULL));

	create_and_open(s1, s2);
	online_info(s1, s2);
	offline_info();
	attach_and_detach(s1);
	attach_limit(s1);
	dirty_shutdown(s1);
	files_held_elsewhere(s1);
	instance_misc(inst);

	EXPECT(JET_errSuccess, JetAttachDatabaseA(s1, FIRST, 0));
	EXPECT(JET_errSuccess, JetEndSession(s2, 0));
	EXPECT(JET_errSuccess, JetEndSession(s1, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
	CHECK(file_dbstate(FIRST) == JET_dbstateCleanShutdown, "after JetTerm: clean");
	return final_report();
}
