/*
 * Incremental streaming backups: logs only, continuing a full backup.
 *
 *  1. An incremental backup needs a full one that truncated the logs: not
 *     before any, not after a copy (a full backup without truncation).
 *  2. Full backup with truncation, then an incremental one: no database
 *     list, no database, the logs since the full backup.
 *  3. Circular logging forbids incremental backups; no logging at all
 *     forbids every backup.
 *
 * Exits 0 when every call returned what the documentation says it returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

/* Page-aligned (VirtualAlloc), as ESENT's unbuffered reads need. */
#define CHUNK (64 * 1024)

/* The scratch folder outlives a run: start from empty folders. */
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
}

/* An initialised instance with its own folder, a session and a database. */
static void start_instance(JET_INSTANCE *inst, JET_SESID *sesid, const char *dir, int circular)
{
	char path[MAX_PATH];
	JET_DBID dbid;

	empty_folder(dir);
	snprintf(path, sizeof path, "%s\\", dir);
	EXPECT(JET_errSuccess, JetCreateInstanceA(inst, dir));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, path));
	/* the temporary database goes beside the checkpoint (JET_paramTempPath
	 * is relative to the system folder) */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, path));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFileSize, 128, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramCircularLog, circular, NULL));
	EXPECT(JET_errSuccess, JetInit(inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(*inst, sesid, NULL, NULL));
	snprintf(path, sizeof path, "%s\\data.edb", dir);
	EXPECT(JET_errSuccess, JetCreateDatabaseA(*sesid, path, NULL, &dbid, 0));
}

static void stop_instance(JET_INSTANCE inst, JET_SESID sesid)
{
	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
}

/* Copies one file of the backup set into dir; checks its announced size. */
static void copy_w(JET_INSTANCE inst, const WCHAR *source, const WCHAR *dir, void *buf)
{
	const WCHAR *base = wcsrchr(source, L'\\');
	WCHAR target[MAX_PATH];
	JET_HANDLE file;
	unsigned long low = 0, high = 0, got;
	unsigned long long size, total = 0;
	HANDLE out;
	JET_ERR err;

	_snwprintf(target, MAX_PATH, L"%ls\\%ls", dir, base ? base + 1 : source);
	target[MAX_PATH - 1] = 0;
	printf("     copying %ls\n", source);
	EXPECT(JET_errSuccess, JetOpenFileInstanceW(inst, source, &file, &low, &high));
	size = (unsigned long long)high << 32 | low;
	out = CreateFileW(target, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	/* to the end, which is a read of 0 bytes */
	do {
		DWORD written = 0;
		got = 0;
		err = JetReadFileInstance(inst, file, buf, CHUNK, &got);
		printf("%s JetReadFileInstance(inst, file, buf, CHUNK, &got) %ld (%lu bytes)\n",
		       err ? "FAIL" : "ok  ", (long)err, got);
		if (err)
			count_failure();
		else if (got && (!WriteFile(out, buf, got, &written, NULL) || written != got))
			CHECK(0, "writing %ls failed", target);
		total += got;
	} while (!err && got);
	CloseHandle(out);
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, file));
	CHECK(total == size, "copied %llu bytes, JetOpenFileInstanceW announced %llu", total, size);
}

static unsigned count_w(const WCHAR *szz)
{
	unsigned n = 0;
	for (const WCHAR *p = szz; *p; p += wcslen(p) + 1)
		n++;
	return n;
}

/* The log list with its generations, in a buffer to free. */
static WCHAR *log_list(JET_INSTANCE inst, JET_LOGINFO_W *info)
{
	unsigned long cb_size = 0, cb = 0;
	WCHAR *logs;

	info->cbSize = sizeof *info;
	EXPECT(JET_errSuccess, JetGetLogInfoInstance2W(inst, NULL, 0, &cb_size, info));
	logs = calloc(1, cb_size + sizeof(WCHAR));
	EXPECT(JET_errSuccess, JetGetLogInfoInstance2W(inst, logs, cb_size, &cb, info));
	printf("     logs, generations %lu to %lu:\n", info->ulGenLow, info->ulGenHigh);
	for (const WCHAR *p = logs; *p; p += wcslen(p) + 1)
		printf("       %ls\n", p);
	CHECK(count_w(logs) == info->ulGenHigh - info->ulGenLow + 1,
	      "%u logs listed for generations %lu to %lu", count_w(logs), info->ulGenLow,
	      info->ulGenHigh);
	return logs;
}

/* A full backup into dir; with truncate, a real full backup, else a copy. */
static void full_backup(JET_INSTANCE inst, const WCHAR *dir, int truncate, JET_LOGINFO_W *info,
			void *buf)
{
	unsigned long cb_size = 0, cb = 0;
	WCHAR *attach, *logs;

	printf("-- full backup %s truncation\n", truncate ? "with" : "without");
	CreateDirectoryW(dir, NULL);
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceW(inst, NULL, 0, &cb_size));
	attach = calloc(1, cb_size + sizeof(WCHAR));
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceW(inst, attach, cb_size, &cb));
	for (const WCHAR *p = attach; *p; p += wcslen(p) + 1)
		copy_w(inst, p, dir, buf);
	logs = log_list(inst, info);
	for (const WCHAR *p = logs; *p; p += wcslen(p) + 1)
		copy_w(inst, p, dir, buf);
	if (truncate)
		EXPECT(JET_errSuccess, JetTruncateLogInstance(inst));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));
	free(attach);
	free(logs);
}

static void incremental(void *buf)
{
	JET_INSTANCE inst;
	JET_SESID sesid;
	JET_LOGINFO_W full = { 0 }, incr = { 0 };
	WCHAR *logs, db_path[MAX_PATH];
	unsigned long cb, low, high;
	JET_HANDLE file;

	printf("-- incremental backups after a full one\n");
	start_instance(&inst, &sesid, "inc", 0);
	GetFullPathNameW(L"inc\\data.edb", MAX_PATH, db_path, NULL);
	empty_folder("inc-full");
	empty_folder("inc-copy");
	empty_folder("inc-incremental");

	EXPECT(JET_errMissingFullBackup, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	full_backup(inst, L"inc-copy", 0, &full, buf);
	/* a copy backup leaves the logs, so nothing for an incremental to continue */
	EXPECT(JET_errMissingFullBackup, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	full_backup(inst, L"inc-full", 1, &full, buf);

	printf("-- incremental backup\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	EXPECT(JET_errBackupInProgress, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	/* no databases in an incremental backup; the backup goes on */
	EXPECT(JET_errInvalidBackupSequence, JetGetAttachInfoInstanceW(inst, NULL, 0, &cb));
	logs = log_list(inst, &incr);
	/* it continues where the full backup stopped, and goes further */
	CHECK(incr.ulGenLow <= full.ulGenHigh + 1 && incr.ulGenHigh > full.ulGenHigh,
	      "incremental generations %lu to %lu after a full backup to %lu", incr.ulGenLow,
	      incr.ulGenHigh, full.ulGenHigh);
	EXPECT(JET_errLogFileNotCopied, JetTruncateLogInstance(inst));
	for (const WCHAR *p = logs; *p; p += wcslen(p) + 1)
		copy_w(inst, p, L"inc-incremental", buf);
	EXPECT(JET_errSuccess, JetTruncateLogInstance(inst));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));
	EXPECT(JET_errNoBackup, JetGetLogInfoInstanceW(inst, NULL, 0, &cb));
	free(logs);

	printf("-- a database in an incremental backup ends it\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	EXPECT(JET_errInvalidBackupSequence, JetOpenFileInstanceW(inst, db_path, &file, &low, &high));
	EXPECT(JET_errNoBackup, JetGetLogInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));

	/* after a normal incremental backup, another one still continues */
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));
	stop_instance(inst, sesid);
}

static void circular_logging(void)
{
	JET_INSTANCE inst;
	JET_SESID sesid;

	printf("-- circular logging\n");
	start_instance(&inst, &sesid, "circular", 1);
	/* the logs an incremental backup would copy are reused */
	EXPECT(JET_errInvalidBackup, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));
	stop_instance(inst, sesid);
}

static void no_logging(void)
{
	JET_INSTANCE inst;

	printf("-- recovery off: no logs, no online backup\n");
	empty_folder("norecovery");
	EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "norecovery"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "norecovery\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "norecovery\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramRecovery, 0, "Off"));
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errLoggingDisabled, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errLoggingDisabled, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
}

int main(void)
{
	void *buf = VirtualAlloc(NULL, CHUNK, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	if (!buf) {
		printf("FAIL: VirtualAlloc\n");
		return 1;
	}
	incremental(buf);
	circular_logging();
	no_logging();
	VirtualFree(buf, 0, MEM_RELEASE);
	return final_report();
}
