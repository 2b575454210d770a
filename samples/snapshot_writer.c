/*
 * A VSS-style snapshot writer: what a backup product's writer inside the
 * application does with the JetOSSnapshot* functions, against an instance
 * kept busy by a workload (ESENT_SIM_SCENARIO).
 *
 *  1. The codes: no instance, bad grbits and pointers, unknown ids, calls
 *     out of sequence, a streaming backup and a snapshot excluding each
 *     other, a freeze held longer than JET_paramOSSnapshotTimeout.
 *  2. The writer: prepare, freeze (W form), copy the instance's folder as
 *     a volume snapshot would, thaw, truncate the logs, end.  Every file
 *     of the folder keeps its bytes from the freeze to the thaw, while the
 *     workload waits; the header records the full snapshot backup.
 *  3. The copy restored: the live folder goes aside, the copy takes its
 *     place, and JetInit recovers it (hard recovery from the copied logs);
 *     every page of the database equals the live database's as of the
 *     freeze.
 *
 * Usage: snapshot_writer [FOLDER]   (default "snapsource")
 * Exits 0 when every call returned what the documentation says it returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

#define SCENARIO "ESENT_SIM_SCENARIO"

/* Not in MinGW's header nor its import library: found by name. */
typedef JET_ERR (JET_API *stop_service_instance2_fn)(JET_INSTANCE, const JET_GRBIT);

static JET_ERR stop_background_tasks(JET_INSTANCE inst)
{
	stop_service_instance2_fn fn = (stop_service_instance2_fn)(void *)GetProcAddress(
		GetModuleHandleA("esent.dll"), "JetStopServiceInstance2");
	return fn ? fn(inst, JET_bitStopServiceBackgroundUserTasks) : JET_errFeatureNotAvailable;
}

static void empty_folder(const char *dir)
{
	char pattern[MAX_PATH], path[MAX_PATH];
	WIN32_FIND_DATAA fd;
	HANDLE find;

	CreateDirectoryA(dir, NULL);
	snprintf(pattern, sizeof pattern, "%s\\*", dir);
	find = FindFirstFileA(pattern, &fd);
	if (find == INVALID_HANDLE_VALUE)
		return;
	do {
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
			continue;
		snprintf(path, sizeof path, "%s\\%s", dir, fd.cFileName);
		DeleteFileA(path);
	} while (FindNextFileA(find, &fd));
	FindClose(find);
	RemoveDirectoryA(dir);
	CreateDirectoryA(dir, NULL);
}

struct folder_state {
	char names[64][MAX_PATH];
	unsigned long long sums[64];
	unsigned count;
};

/* Hashes every file of dir; with `to`, copies each too (what a backup
 * product reads from the volume snapshot). */
static void walk_folder(const char *dir, struct folder_state *st, const char *to)
{
	char pattern[MAX_PATH], path[MAX_PATH], target[MAX_PATH];
	WIN32_FIND_DATAA fd;
	HANDLE find;

	memset(st, 0, sizeof *st);
	snprintf(pattern, sizeof pattern, "%s\\*", dir);
	find = FindFirstFileA(pattern, &fd);
	if (find == INVALID_HANDLE_VALUE)
		return;
	do {
		if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || st->count == 64)
			continue;
		snprintf(path, sizeof path, "%s\\%s", dir, fd.cFileName);
		snprintf(st->names[st->count], MAX_PATH, "%s", fd.cFileName);
		st->sums[st->count++] = hash_and_close(
			CreateFileA(path, GENERIC_READ,
				    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
				    OPEN_EXISTING, 0, NULL));
		if (to) {
			snprintf(target, sizeof target, "%s\\%s", to, fd.cFileName);
			CHECK(CopyFileA(path, target, FALSE), "copying %s: error %lu", path,
			      GetLastError());
		}
	} while (FindNextFileA(find, &fd));
	FindClose(find);
}

static void start_instance(JET_INSTANCE *inst, JET_SESID *sesid, const char *dir)
{
	char path[MAX_PATH];
	snprintf(path, sizeof path, "%s\\", dir);
	EXPECT(JET_errSuccess, JetCreateInstanceA(inst, "snapshot_writer"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, path));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, path));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFileSize, 256, NULL));
	EXPECT(JET_errSuccess, JetInit(inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(*inst, sesid, NULL, NULL));
}

/* 1. The codes a writer may meet. */
static void sequence_codes(JET_INSTANCE inst)
{
	JET_OSSNAPID id, other;
	unsigned long n;
	JET_INSTANCE_INFO_A *infoA;
	JET_INSTANCE_INFO_W *infoW;

	EXPECT(JET_errInvalidParameter, JetOSSnapshotPrepare(NULL, 0));
	EXPECT(JET_errInvalidGrbit, JetOSSnapshotPrepare(&id, 0x100));
	EXPECT(JET_errOSSnapshotInvalidSnapId, JetOSSnapshotThaw(0x7fff, 0));
	EXPECT(JET_errOSSnapshotInvalidSnapId, JetOSSnapshotFreezeA(0x7fff, &n, &infoA, 0));
	EXPECT(JET_errOSSnapshotInvalidSnapId, JetOSSnapshotEnd(0x7fff, 0));

	/* prepared: nothing but freeze, prepare-instance, info and end */
	EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&id, JET_bitContinueAfterThaw));
	EXPECT(JET_errOSSnapshotNotAllowed, JetOSSnapshotPrepareInstance(id, inst, 0));
	EXPECT(JET_errOSSnapshotInvalidSequence, JetOSSnapshotThaw(id, 0));
	EXPECT(JET_errOSSnapshotInvalidSequence, JetOSSnapshotTruncateLog(id, 0));
	EXPECT(JET_errInvalidParameter, JetOSSnapshotFreezeW(id, NULL, &infoW, 0));
	EXPECT(JET_errInvalidGrbit, JetOSSnapshotFreezeW(id, &n, &infoW, 1));
	/* the A form looks at its pointers first, the W form at the grbit */
	EXPECT(JET_errInvalidParameter, JetOSSnapshotFreezeA(id, NULL, &infoA, 1));
	EXPECT(JET_errInvalidParameter, JetOSSnapshotFreezeA(0x7fff, &n, NULL, 0));
	EXPECT(JET_errInvalidGrbit, JetOSSnapshotFreezeW(id, NULL, &infoW, 1));
	/* GetFreezeInfoA meets a NULL only when it hands the answer out */
	EXPECT(JET_errOSSnapshotInvalidSnapId, JetOSSnapshotGetFreezeInfoA(0x7fff, NULL, &infoA, 0));
	EXPECT(JET_errInvalidGrbit, JetOSSnapshotGetFreezeInfoA(id, &n, NULL, 1));
	EXPECT(JET_errInvalidParameter, JetOSSnapshotGetFreezeInfoA(id, &n, NULL, 0));
	EXPECT(JET_errInvalidGrbit, JetOSSnapshotEnd(id, 2));
	EXPECT(JET_errInvalidGrbit, JetOSSnapshotAbort(id, 1));
	EXPECT(JET_errSuccess, JetOSSnapshotEnd(id, 0));
	EXPECT(JET_errOSSnapshotInvalidSnapId, JetOSSnapshotAbort(id, 0));

	/* a streaming backup and a snapshot exclude each other */
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&id, JET_bitExplicitPrepare));
	EXPECT(JET_errOSSnapshotNotAllowed, JetOSSnapshotPrepareInstance(id, inst, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotAbort(id, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&id, 0));
	EXPECT(JET_errOSSnapshotNotAllowed, JetOSSnapshotFreezeA(id, &n, &infoA, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotAbort(id, 0));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));

	EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&id, JET_bitExplicitPrepare | JET_bitContinueAfterThaw));
	EXPECT(JET_errSuccess, JetOSSnapshotPrepareInstance(id, inst, 0));
	/* a handle that is no instance: refused before anything else */
	EXPECT(JET_errInvalidParameter, JetOSSnapshotPrepareInstance(id, (JET_INSTANCE)0x12345678, 0));
	EXPECT(JET_errInvalidParameter,
	       JetOSSnapshotTruncateLogInstance(id, (JET_INSTANCE)0x12345678, 0));
	/* a second session finds no free instance */
	EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&other, JET_bitContinueAfterThaw));
	EXPECT(JET_errSuccess, JetOSSnapshotFreezeA(id, &n, &infoA, 0));
	CHECK(n == 1 && infoA[0].hInstanceId == inst, "%lu instances", n);
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)infoA));
	EXPECT(JET_errInvalidGrbit, JetOSSnapshotGetFreezeInfoW(id, &n, &infoW, 1));
	EXPECT(JET_errInvalidParameter, JetOSSnapshotGetFreezeInfoW(id, &n, NULL, 0));
	EXPECT(JET_errOSSnapshotInvalidSnapId, JetOSSnapshotGetFreezeInfoA(0x7fff, &n, &infoA, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotGetFreezeInfoW(id, &n, &infoW, 0));
	CHECK(n == 1 && infoW[0].hInstanceId == inst && infoW[0].cDatabases == 1 &&
	      ends_with_w(infoW[0].szDatabaseFileName[0], L"busy.edb"), "%lu instances", n);
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)infoW));
	EXPECT(JET_errSuccess, JetOSSnapshotGetFreezeInfoA(id, &n, &infoA, 0));
	CHECK(n == 1 && infoA[0].cDatabases == 1 && ends_with(infoA[0].szDatabaseFileName[0], "busy.edb"),
	      "%lu instances", n);
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)infoA));
	EXPECT(JET_errBackupInProgress, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errOSSnapshotInvalidSequence, JetOSSnapshotFreezeA(id, &n, &infoA, 0));
	EXPECT(JET_errOSSnapshotInvalidSequence, JetOSSnapshotEnd(id, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotThaw(id, 0));
	EXPECT(JET_errOSSnapshotInvalidSequence, JetOSSnapshotThaw(id, 0));
	EXPECT(JET_errOSSnapshotInvalidSequence, JetOSSnapshotTruncateLog(other, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotFreezeA(other, &n, &infoA, 0));
	CHECK(n == 0 && infoA == NULL, "%lu instances", n);
	EXPECT(JET_errSuccess, JetOSSnapshotThaw(other, 0));
	/* an instance outside the session: the engine's -1 */
	EXPECT(JET_wrnNyi, JetOSSnapshotTruncateLogInstance(other, inst, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotTruncateLogInstance(id, inst, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotAbort(id, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotEnd(other, 0));

	/* a freeze held past the timeout: the engine thaws, the thaw says so */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramOSSnapshotTimeout, 100, NULL));
	EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&id, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotFreezeW(id, &n, &infoW, 0));
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)infoW));
	Sleep(400);
	EXPECT(JET_errOSSnapshotTimeOut, JetOSSnapshotThaw(id, 0));
	EXPECT(JET_errOSSnapshotInvalidSnapId, JetOSSnapshotEnd(id, 0));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramOSSnapshotTimeout, 60000, NULL));
}

/* 2. The writer's snapshot; returns the freeze-to-thaw time in ms. */
static double take_snapshot(JET_INSTANCE inst, const char *dir, const char *copy, char *database,
			    size_t cb)
{
	JET_OSSNAPID id;
	unsigned long n;
	JET_INSTANCE_INFO_W *info;
	struct folder_state frozen, before_thaw;
	LARGE_INTEGER f, t0, t1;
	char chk[MAX_PATH];

	QueryPerformanceFrequency(&f);
	EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&id, JET_bitContinueAfterThaw));
	EXPECT(JET_errSuccess, JetOSSnapshotFreezeW(id, &n, &info, 0));
	QueryPerformanceCounter(&t0);
	CHECK(n == 1, "%lu instances frozen", n);
	if (n == 1) {
		CHECK(info[0].cDatabases == 1, "%lu databases", (unsigned long)info[0].cDatabases);
		if (info[0].cDatabases >= 1) {
			printf("frozen: %s\n", u8(info[0].szDatabaseFileName[0]));
			WideCharToMultiByte(CP_ACP, 0, info[0].szDatabaseFileName[0], -1, database,
					    (int)cb, NULL, NULL);
		}
	}
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)info));
	/* the workload is held at its next write; pause it so that the live
	 * database stays as of the freeze, for the comparison below */
	EXPECT(JET_errSuccess, stop_background_tasks(inst));
	walk_folder(dir, &frozen, NULL);
	empty_folder(copy);
	walk_folder(dir, &before_thaw, copy);
	CHECK(frozen.count == before_thaw.count, "%u files, then %u", frozen.count, before_thaw.count);
	for (unsigned i = 0; i < frozen.count && i < before_thaw.count; i++)
		CHECK(frozen.sums[i] == before_thaw.sums[i], "%s changed while frozen", frozen.names[i]);
	QueryPerformanceCounter(&t1);
	EXPECT(JET_errSuccess, JetOSSnapshotThaw(id, 0));
	EXPECT(JET_errSuccess, JetOSSnapshotTruncateLog(id, JET_bitAllDatabasesSnapshot));
	EXPECT(JET_errSuccess, JetOSSnapshotEnd(id, 0));
	snprintf(chk, sizeof chk, "%s\\edb.chk", copy);
	CHECK(GetFileAttributesA(chk) != INVALID_FILE_ATTRIBUTES, "no checkpoint in the copy");
	printf("copied %u files while frozen\n", frozen.count);
	return (double)(t1.QuadPart - t0.QuadPart) * 1000.0 / (double)f.QuadPart;
}

static unsigned char *read_file(const char *path, DWORD *size)
{
	HANDLE f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	unsigned char *data;
	if (f == INVALID_HANDLE_VALUE)
		return NULL;
	*size = GetFileSize(f, NULL);
	data = malloc(*size ? *size : 1);
	if (data && !ReadFile(f, data, *size, size, NULL)) {
		free(data);
		data = NULL;
	}
	CloseHandle(f);
	return data;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "snapsource";
	char copy[MAX_PATH], live[MAX_PATH], database[MAX_PATH] = "", base[MAX_PATH];
	char live_db[MAX_PATH];
	JET_INSTANCE inst = 0;
	JET_SESID sesid;
	JET_OSSNAPID id;
	JET_DBINFOMISC misc;
	unsigned long page_size = 0;
	double held_ms;

	snprintf(copy, sizeof copy, "%s.snapshot", dir);
	snprintf(live, sizeof live, "%s.live", dir);
	empty_folder(dir);
	empty_folder(live);
	RemoveDirectoryA(live);

	EXPECT(JET_errNotInitialized, JetOSSnapshotPrepare(&id, 0));
	EXPECT(JET_errSuccess, JetEnableMultiInstanceA(NULL, 0, NULL));
	start_instance(&inst, &sesid, dir);
	if (!getenv(SCENARIO))
		FAIL("%s names no scenario: the instance is idle", SCENARIO);
	Sleep(1000);   /* the workload writes, logs roll */
	sequence_codes(inst);

	held_ms = take_snapshot(inst, dir, copy, database, sizeof database);
	printf("freeze held the writers %.1f ms\n", held_ms);
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(database, &misc, sizeof misc, JET_DbInfoMisc));
	CHECK(misc.bkinfoFullPrev.genLow >= 1 && misc.bkinfoFullPrev.genHigh >= misc.bkinfoFullPrev.genLow,
	      "full backup generations %lu-%lu", misc.bkinfoFullPrev.genLow, misc.bkinfoFullPrev.genHigh);
	printf("header: full snapshot backup of generations %lu-%lu\n", misc.bkinfoFullPrev.genLow,
	       misc.bkinfoFullPrev.genHigh);
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(database, &page_size, sizeof page_size,
						      JET_DbInfoPageSize));
	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));

	/* 3. The copy in the live folder's place, recovered by JetInit (the
	 * log names the database by its full path) */
	SetEnvironmentVariableA(SCENARIO, NULL);
	CHECK(MoveFileA(dir, live), "moving %s aside: error %lu", dir, GetLastError());
	CHECK(MoveFileA(copy, dir), "moving the copy: error %lu", GetLastError());
	start_instance(&inst, &sesid, dir);
	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(database, &misc, sizeof misc, JET_DbInfoMisc));
	CHECK(misc.dbstate == JET_dbstateCleanShutdown, "the recovered copy is in state %lu",
	      misc.dbstate);

	/* every page after the two header pages, against the live database */
	{
		const char *name = strrchr(database, '\\');
		DWORD a = 0, b = 0, pages = 0, differ = 0;
		unsigned char *mine, *theirs;
		snprintf(base, sizeof base, "%s", name ? name + 1 : database);
		snprintf(live_db, sizeof live_db, "%s\\%s", live, base);
		mine = read_file(database, &a);
		theirs = read_file(live_db, &b);
		CHECK(mine && theirs && a == b, "sizes %lu and %lu", a, b);
		if (mine && theirs && a == b && page_size) {
			for (DWORD off = 2 * page_size; off + page_size <= a; off += page_size) {
				pages++;
				differ += memcmp(mine + off, theirs + off, page_size) != 0;
			}
			CHECK(differ == 0, "%lu of %lu pages differ", differ, pages);
			printf("restored copy: %lu pages, all equal to the live database as of the freeze\n",
			       pages);
		}
		free(mine);
		free(theirs);
	}
	return final_report();
}
