/*
 * A full streaming backup, copied into a folder as a backup program copies
 * it, checking each documented return code on the way, out-of-order calls
 * included.
 *
 *  1. One-instance (legacy) mode: the instance-less A forms.
 *  2. Multi-instance mode: the Instance W forms, the sequence rules (one
 *     file open at a time, whole pages into an aligned buffer, every log
 *     read before truncation), and the buffer rules of the lists.
 *  3. Names outside the backup set in the log phase end the backup.
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

/* ESENT reads with unbuffered I/O into the caller's buffer, so it must be
 * page aligned: VirtualAlloc gives that.  64 KiB is the size the reference
 * pages recommend. */
#define CHUNK (64 * 1024)

/* The scratch folder outlives a run: start from empty folders, or the
 * previous run's logs would be recovered and its databases found again.
 * (W calls: a name outside the ANSI code page is deleted too.) */
static void empty_folder(const WCHAR *dir)
{
	WCHAR pattern[MAX_PATH], path[MAX_PATH];
	WIN32_FIND_DATAW fd;
	HANDLE find;

	CreateDirectoryW(dir, NULL);
	_snwprintf(pattern, MAX_PATH, L"%ls\\*", dir);
	pattern[MAX_PATH - 1] = 0;
	find = FindFirstFileW(pattern, &fd);
	if (find == INVALID_HANDLE_VALUE)
		return;
	do {
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
			continue;
		_snwprintf(path, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName);
		path[MAX_PATH - 1] = 0;
		DeleteFileW(path);
	} while (FindNextFileW(find, &fd));
	FindClose(find);
}

static void set_up_folder_params(JET_INSTANCE *inst, const char *dir)
{
	char path[MAX_PATH];
	snprintf(path, sizeof path, "%s\\", dir);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, path));
	/* the temporary database goes beside the checkpoint (JET_paramTempPath
	 * is relative to the system folder) */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, path));
	/* small logs, kept: the backup has whole generations to copy */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFileSize, 128, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramCircularLog, 0, NULL));
}

static HANDLE create_target_w(const WCHAR *dir, const WCHAR *source)
{
	const WCHAR *base = wcsrchr(source, L'\\');
	WCHAR path[MAX_PATH];
	_snwprintf(path, MAX_PATH, L"%ls\\%ls", dir, base ? base + 1 : source);
	path[MAX_PATH - 1] = 0;
	return CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
}

static HANDLE create_target_a(const char *dir, const char *source)
{
	const char *base = strrchr(source, '\\');
	char path[MAX_PATH];
	snprintf(path, sizeof path, "%s\\%s", dir, base ? base + 1 : source);
	return CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
}

static void write_out(HANDLE out, const void *buf, unsigned long cb)
{
	DWORD written = 0;
	if (!WriteFile(out, buf, cb, &written, NULL) || written != cb)
		FAIL("writing the copy (error %lu)", GetLastError());
}

/* Reads an opened backup file to its end (a read of 0 bytes) into out;
 * returns the bytes read. */
static unsigned long long read_to_end(JET_INSTANCE inst, int legacy, JET_HANDLE file, void *buf,
				      HANDLE out)
{
	unsigned long long total = 0;
	unsigned reads = 0;
	for (;;) {
		unsigned long got = 0;
		JET_ERR err = legacy ? JetReadFile(file, buf, CHUNK, &got)
				     : JetReadFileInstance(inst, file, buf, CHUNK, &got);
		reads++;
		if (err) {
			FAIL("read %u of the file: %ld", reads, (long)err);
			break;
		}
		printf("ok   %-70.70s 0 (%lu bytes)\n",
		       legacy ? "JetReadFile(file, buf, CHUNK, &got)"
			      : "JetReadFileInstance(inst, file, buf, CHUNK, &got)", got);
		if (got == 0)
			break;
		write_out(out, buf, got);
		total += got;
	}
	return total;
}

/* Copies one file of the backup set with the Instance W calls and checks
 * that as many bytes came as JetOpenFileInstance announced. */
static void copy_w(JET_INSTANCE inst, const WCHAR *source, const WCHAR *dir, void *buf)
{
	JET_HANDLE file;
	unsigned long low = 0, high = 0;
	unsigned long long size, total;
	HANDLE out;

	printf("     copying %s\n", u8(source));
	EXPECT(JET_errSuccess, JetOpenFileInstanceW(inst, source, &file, &low, &high));
	size = (unsigned long long)high << 32 | low;
	out = create_target_w(dir, source);
	if (out == INVALID_HANDLE_VALUE) {
		FAIL("cannot create the copy of %s", u8(source));
		return;
	}
	total = read_to_end(inst, 0, file, buf, out);
	CloseHandle(out);
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, file));
	CHECK(total == size, "copied %llu bytes, JetOpenFileInstanceW announced %llu", total, size);
}

static void copy_legacy_a(const char *source, const char *dir, void *buf)
{
	JET_HANDLE file;
	unsigned long low = 0, high = 0;
	unsigned long long size, total;
	HANDLE out;

	printf("     copying %s\n", source);
	EXPECT(JET_errSuccess, JetOpenFileA(source, &file, &low, &high));
	size = (unsigned long long)high << 32 | low;
	out = create_target_a(dir, source);
	if (out == INVALID_HANDLE_VALUE) {
		FAIL("cannot create the copy of %s", source);
		return;
	}
	total = read_to_end(0, 1, file, buf, out);
	CloseHandle(out);
	EXPECT(JET_errSuccess, JetCloseFile(file));
	CHECK(total == size, "copied %llu bytes, JetOpenFileA announced %llu", total, size);
}

static unsigned count_w(const WCHAR *szz)
{
	unsigned n = 0;
	for (const WCHAR *p = szz; *p; p += wcslen(p) + 1)
		n++;
	return n;
}

static void print_list_w(const char *what, const WCHAR *szz)
{
	printf("     %s:%s\n", what, *szz ? "" : " (none)");
	for (const WCHAR *p = szz; *p; p += wcslen(p) + 1)
		printf("       %s\n", u8(p));
}

static void legacy_mode(void *buf)
{
	JET_INSTANCE inst = 0;
	JET_SESID sesid;
	JET_DBID dbid;
	char list[4096], tiny[4];
	unsigned long cb = 0, cb_size = 0;

	printf("-- one-instance (legacy) mode, A forms\n");
	empty_folder(L"legacy");
	empty_folder(L"legacy-backup");
	set_up_folder_params(NULL, "legacy");
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &sesid, NULL, NULL));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(sesid, "legacy\\data.edb", NULL, &dbid, 0));

	EXPECT(JET_errNoBackup, JetGetAttachInfoA(list, sizeof list, &cb));
	EXPECT(JET_errSuccess, JetBeginExternalBackup(0));
	EXPECT(JET_errSuccess, JetGetAttachInfoA(NULL, 0, &cb_size));
	/* unlike the W form, the A form refuses a short buffer */
	EXPECT(JET_errBufferTooSmall, JetGetAttachInfoA(tiny, sizeof tiny, &cb));
	CHECK(cb == cb_size, "short buffer reported %lu bytes, size query %lu", cb, cb_size);
	EXPECT(JET_errSuccess, JetGetAttachInfoA(list, sizeof list, &cb));
	CHECK(cb == cb_size, "reported %lu bytes, size query %lu", cb, cb_size);
	for (const char *p = list; *p; p += strlen(p) + 1)
		copy_legacy_a(p, "legacy-backup", buf);

	EXPECT(JET_errSuccess, JetGetLogInfoA(NULL, 0, &cb_size));
	EXPECT(JET_errBufferTooSmall, JetGetLogInfoA(tiny, sizeof tiny, &cb));
	EXPECT(JET_errSuccess, JetGetLogInfoA(list, sizeof list, &cb));
	CHECK(cb == cb_size && *list, "log list of %lu bytes, size query %lu", cb, cb_size);
	for (const char *p = list; *p; p += strlen(p) + 1)
		copy_legacy_a(p, "legacy-backup", buf);
	EXPECT(JET_errSuccess, JetTruncateLog());
	EXPECT(JET_errSuccess, JetEndExternalBackup());
	EXPECT(JET_errNoBackup, JetEndExternalBackup());
	/* with no backup running, the stop only waits for the next begin */
	EXPECT(JET_errSuccess, JetStopBackup());
	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm(inst));
}

/* The first backup: every step, and the calls out of order around it. */
static void full_backup(JET_INSTANCE inst, const WCHAR *db_path, void *buf)
{
	WCHAR *attach = NULL, *logs = NULL, *doomed = NULL, small[3];
	unsigned long cb = 0, cb_size = 0, low, high;
	JET_HANDLE file, second;
	JET_LOGINFO_W info = { 0 };

	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errBackupInProgress, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errInvalidGrbit, JetBeginExternalBackupInstance(inst, JET_bitBackupAtomic));
	EXPECT(JET_errBackupInProgress, JetTerm2(inst, JET_bitTermComplete));

	/* the database phase */
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceW(inst, NULL, 0, &cb_size));
	printf("     attach info needs %lu bytes\n", cb_size);
	/* a short W buffer is filled as far as it goes, no error, and the
	 * size needed reported */
	memset(small, 0x55, sizeof small);
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceW(inst, small, 4, &cb));
	CHECK(cb == cb_size, "short buffer reported %lu bytes, size query %lu", cb, cb_size);
	CHECK(small[2] == 0x5555, "wrote past cbMax (0x%04x)", small[2]);
	attach = malloc(cb_size);
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceW(inst, attach, cb_size, &cb));
	CHECK(cb == cb_size, "reported %lu bytes, size query %lu", cb, cb_size);
	print_list_w("databases", attach);
	CHECK(count_w(attach) == 2, "%u databases listed, 2 attached", count_w(attach));
	CHECK(_wcsicmp(attach, db_path) == 0, "listed %s first, attached %s first", u8(attach),
	      u8(db_path));
	CHECK(wcsstr(attach + wcslen(attach) + 1, L"\\donn\u00e9es-\u0394.edb") != NULL,
	      "second database listed as %s", u8(attach + wcslen(attach) + 1));

	EXPECT(JET_errDatabaseNotFound,
	       JetOpenFileInstanceW(inst, L"full\\absent.edb", &file, &low, &high));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceW(inst, L"", &file, &low, &high));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceW(inst, NULL, &file, &low, &high));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceW(inst, attach, NULL, &low, &high));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceW(inst, attach, &file, &low, NULL));

	EXPECT(JET_errSuccess, JetOpenFileInstanceW(inst, attach, &file, &low, &high));
	/* one backup file open at a time; the engine's answer is this one */
	EXPECT(JET_errOutOfMemory, JetOpenFileInstanceW(inst, attach, &second, &low, &high));
	EXPECT(JET_errInvalidBackupSequence, JetGetLogInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errInvalidBackupSequence, JetTruncateLogInstance(inst));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, file, (char *)buf + 512, 3 * 4096, &cb));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, file, buf, 5000, &cb));
	/* the first read holds both headers and a page */
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, file, buf, 4096, &cb));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, file, buf, CHUNK, NULL));
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, file));
	EXPECT(JET_errInvalidParameter, JetCloseFileInstance(inst, file));
	for (const WCHAR *p = attach; *p; p += wcslen(p) + 1)
		copy_w(inst, p, L"full-backup", buf);
	/* the log list comes first */
	EXPECT(JET_errInvalidBackupSequence, JetTruncateLogInstance(inst));

	/* the log phase */
	info.cbSize = sizeof info - 1;
	EXPECT(JET_errInvalidParameter, JetGetLogInfoInstance2W(inst, NULL, 0, &cb, &info));
	info.cbSize = sizeof info;
	EXPECT(JET_errSuccess, JetGetLogInfoInstance2W(inst, NULL, 0, &cb_size, &info));
	/* short W log lists report what was copied, not what is needed */
	memset(small, 0x55, sizeof small);
	EXPECT(JET_errSuccess, JetGetLogInfoInstanceW(inst, small, 4, &cb));
	CHECK(cb == 4, "short buffer reported %lu bytes, 4 copied", cb);
	CHECK(small[2] == 0x5555, "wrote past cbMax (0x%04x)", small[2]);
	logs = malloc(cb_size);
	EXPECT(JET_errSuccess, JetGetLogInfoInstance2W(inst, logs, cb_size, &cb, &info));
	CHECK(cb == cb_size, "reported %lu bytes, size query %lu", cb, cb_size);
	print_list_w("logs", logs);
	printf("     generations %lu to %lu, base name \"%s\"\n", info.ulGenLow, info.ulGenHigh,
	       u8(info.szBaseName));
	CHECK(info.ulGenLow >= 1 && info.ulGenHigh >= info.ulGenLow &&
		      count_w(logs) == info.ulGenHigh - info.ulGenLow + 1,
	      "%u logs listed for generations %lu to %lu", count_w(logs), info.ulGenLow,
	      info.ulGenHigh);
	CHECK(wcscmp(info.szBaseName, L"edb") == 0, "base name \"%s\"", u8(info.szBaseName));

	/* a log read part way does not count as copied */
	EXPECT(JET_errLogFileNotCopied, JetTruncateLogInstance(inst));
	EXPECT(JET_errSuccess, JetOpenFileInstanceW(inst, logs, &file, &low, &high));
	EXPECT(JET_errSuccess, JetReadFileInstance(inst, file, buf, CHUNK, &cb));
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, file));
	EXPECT(JET_errLogFileNotCopied, JetTruncateLogInstance(inst));
	for (const WCHAR *p = logs; *p; p += wcslen(p) + 1)
		copy_w(inst, p, L"full-backup", buf);

	EXPECT(JET_errSuccess, JetGetTruncateLogInfoInstanceW(inst, NULL, 0, &cb_size));
	doomed = malloc(cb_size);
	EXPECT(JET_errSuccess, JetGetTruncateLogInfoInstanceW(inst, doomed, cb_size, &cb));
	print_list_w("logs to truncate", doomed);
	EXPECT(JET_errSuccess, JetTruncateLogInstance(inst));
	for (const WCHAR *p = doomed; *p; p += wcslen(p) + 1)
		CHECK(GetFileAttributesW(p) == INVALID_FILE_ATTRIBUTES, "%s still there", u8(p));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));

	EXPECT(JET_errNoBackup, JetGetAttachInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));
	free(attach);
	free(logs);
	free(doomed);
}

/* In the log phase only the logs listed can be opened: anything else ends
 * the backup, so a client cannot read arbitrary files through it. */
static void names_outside_the_set(JET_INSTANCE inst, const WCHAR *db_path)
{
	JET_HANDLE file;
	unsigned long cb, low, high;

	printf("-- a name outside the backup set in the log phase\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetGetLogInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errMissingFileToBackup,
	       JetOpenFileInstanceA(inst, "..\\..\\windows\\win.ini", &file, &low, &high));
	EXPECT(JET_errNoBackup, JetGetLogInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));

	printf("-- a listed log another program holds\n");
	{
		WCHAR logs[4096];
		HANDLE held;
		EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
		EXPECT(JET_errSuccess, JetGetLogInfoInstanceW(inst, logs, sizeof logs, &cb));
		held = CreateFileW(logs, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
		CHECK(held != INVALID_HANDLE_VALUE, "error %lu", GetLastError());
		/* a log-phase error: it ends the backup */
		EXPECT(JET_errFileAccessDenied, JetOpenFileInstanceW(inst, logs, &file, &low, &high));
		EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));
		CloseHandle(held);
	}

	printf("-- the database after the log list\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetGetLogInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errInvalidBackupSequence, JetOpenFileInstanceW(inst, db_path, &file, &low, &high));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));

	printf("-- an end before the log list\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errInvalidParameter, JetEndExternalBackupInstance2(inst, 0));
	EXPECT(JET_errInvalidParameter,
	       JetEndExternalBackupInstance2(inst, JET_bitBackupEndNormal | JET_bitBackupEndAbort));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));
}

static void multi_instance_mode(void *buf)
{
	JET_INSTANCE inst;
	JET_SESID sesid;
	JET_DBID dbid;
	WCHAR db_path[MAX_PATH];
	unsigned long cb;

	printf("-- multi-instance mode, Instance W forms\n");
	empty_folder(L"full");
	empty_folder(L"full-backup");
	EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "full"));
	set_up_folder_params(&inst, "full");
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &sesid, NULL, NULL));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(sesid, "full\\data.edb", NULL, &dbid, 0));
	/* a name the ANSI code page may not hold: the W lists carry it whole */
	EXPECT(JET_errSuccess, JetCreateDatabaseW(sesid, L"full\\donn\u00e9es-\u0394.edb", NULL, &dbid, 0));
	GetFullPathNameW(L"full\\data.edb", MAX_PATH, db_path, NULL);

	EXPECT(JET_errNoBackup, JetGetAttachInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errRunningInMultiInstanceMode, JetBeginExternalBackup(0));
	EXPECT(JET_errRunningInMultiInstanceMode, JetStopBackup());

	full_backup(inst, db_path, buf);
	names_outside_the_set(inst, db_path);

	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
}

int main(void)
{
	void *buf = VirtualAlloc(NULL, CHUNK + 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	if (!buf) {
		printf("FAIL: VirtualAlloc\n");
		return 1;
	}
	legacy_mode(buf);
	multi_instance_mode(buf);
	VirtualFree(buf, 0, MEM_RELEASE);
	return final_report();
}
