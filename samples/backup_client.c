/*
 * backup_client: a complete streaming backup of an ESE instance, as the
 * backup program of a Windows service makes it.
 *
 *   backup_client SOURCE TARGET [--incremental] [--ansi] [--log-kib N] [--wait MS] [--quiesce]
 *                 [--file]
 *
 * SOURCE is the instance's folder (its logs, checkpoint and databases);
 * every database there is attached and backed up into TARGET with the
 * logs that make it consistent.  A full backup copies the databases and
 * the logs; --incremental copies only the logs written since the last full
 * or incremental backup.  Either ends by truncating the logs no longer
 * needed and recording the backup in the database headers.
 *
 * --ansi uses the A forms of the API (paths in the ANSI code page) instead
 * of the W forms.  --log-kib sets JET_paramLogFileSize for a new log set;
 * --wait lets the instance run that long before the backup starts.
 * --quiesce pauses the instance's background work before the log list, so
 * that the source folder stays as the backup's last log generation left it
 * (a restore can then be compared with it page by page).
 * --file lets the engine make the backup itself (JetBackupInstance, its
 * progress shown through the status callback) instead of the streaming
 * API; an incremental one then goes into the folder of the full one.
 *
 * Every copy is checked: the bytes copied must be the size the engine
 * reported, and every page of a database copy must carry a valid ESE
 * checksum.  On any unexpected code the backup is aborted, the instance
 * shut down and the program exits with 1, saying which call failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"
#include "ese_page.h"

/* ESENT reads into the caller's buffer with unbuffered I/O: the buffer is
 * page aligned (VirtualAlloc) and a multiple of the database page size. */
#define CHUNK (256 * 1024)
#define DB_PAGE 4096

struct options {
	const WCHAR *source, *target;
	int incremental;
	int ansi;
	unsigned long log_kib;
	unsigned long wait_ms;
	int quiesce;
	int file;
};

struct totals {
	unsigned databases, logs, pages_verified;
	unsigned long long database_bytes, log_bytes;
	unsigned long gen_low, gen_high;
	unsigned truncated;
};

static const WCHAR *file_name(const WCHAR *path)
{
	const WCHAR *name = wcsrchr(path, L'\\');
	return name ? name + 1 : path;
}

/* A failed call ends the program's work: say which and with what. */
static int failed(const char *call, JET_ERR err)
{
	printf("error: %s returned %ld\n", call, (long)err);
	return 0;
}

#define CALL(call)                                  \
	do {                                        \
		JET_ERR err_ = (call);              \
		if (err_ < 0)                       \
			return failed(#call, err_); \
	} while (0)

/* --- The copies' checks (ESE's checksums: ese_page.h) */

static int all_zero(const unsigned char *page)
{
	for (unsigned i = 0; i < DB_PAGE; i++)
		if (page[i])
			return 0;
	return 1;
}

/* The patch page ending the stream, as ESE's restore checks it
 * (ErrDBReadAndCheckDBTrailer, ErrDBCheckDBHeaderAndTrailer): the header
 * checksum over the whole page, the database and log signatures (at 64 and
 * 92) equal to the header's (24 and 108), a high generation, and the
 * backup's log position equal to the one in the header (bkinfoFullCur, 184). */
static int trailer_ok(const unsigned char *page, const unsigned char *header)
{
	return le32(page) == header_checksum(page) && memcmp(page + 64, header + 24, 28) == 0 &&
	       memcmp(page + 92, header + 108, 28) == 0 && le32(page + 40 + 20) != 0 &&
	       memcmp(page + 40, header + 184, 8) == 0;
}

/* A database as the backup delivers it: its header twice, pages 1..N
 * (a page never written is all zero, as ESE copies it), then the patch
 * page. */
static int verify_database_copy(const WCHAR *path, unsigned long long size, struct totals *t)
{
	HANDLE f = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	unsigned char page[DB_PAGE], first[DB_PAGE];
	unsigned long long pages = size / DB_PAGE;
	DWORD got;
	int ok = f != INVALID_HANDLE_VALUE && size % DB_PAGE == 0 && pages >= 4;

	for (unsigned long long i = 0; ok && i < pages; i++) {
		ok = ReadFile(f, page, DB_PAGE, &got, NULL) && got == DB_PAGE;
		if (!ok)
			break;
		if (i == 0) {
			memcpy(first, page, DB_PAGE);
			ok = le32(page + 4) == 0x89ABCDEF && le32(page) == header_checksum(page);
		} else if (i == 1) {
			ok = memcmp(first, page, DB_PAGE) == 0;
		} else if (i == pages - 1) {
			ok = trailer_ok(page, first);
		} else {
			ok = all_zero(page) || page_checksum_ok(page, (unsigned long)(i - 1));
			t->pages_verified += ok;
		}
		if (!ok)
			printf("error: %s: page %llu of the copy does not verify\n", u8(path), i);
	}
	if (f != INVALID_HANDLE_VALUE)
		CloseHandle(f);
	return ok;
}

/* --- The lists of files the backup names, through the A or W form. */

struct list {
	WCHAR **paths;
	unsigned count;
};

static void list_free(struct list *l)
{
	for (unsigned i = 0; i < l->count; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->count = 0;
}

static WCHAR *wide_from_ansi(const char *a)
{
	int n = MultiByteToWideChar(CP_ACP, 0, a, -1, NULL, 0);
	WCHAR *w = n > 0 ? malloc(n * sizeof(WCHAR)) : NULL;
	if (w)
		MultiByteToWideChar(CP_ACP, 0, a, -1, w, n);
	return w;
}

/* Splits a double-NUL-terminated list (A or W) into wide strings. */
static void list_split(const void *szz, int ansi, struct list *l)
{
	l->paths = NULL;
	l->count = 0;
	for (;;) {
		WCHAR *w;
		if (ansi) {
			const char *a = szz;
			if (!*a)
				break;
			w = wide_from_ansi(a);
			szz = a + strlen(a) + 1;
		} else {
			const WCHAR *s = szz;
			if (!*s)
				break;
			w = _wcsdup(s);
			szz = s + wcslen(s) + 1;
		}
		l->paths = realloc(l->paths, (l->count + 1) * sizeof *l->paths);
		l->paths[l->count++] = w;
	}
}

enum which_list { ATTACHED, LOGS, TRUNCATABLE };

/* Asks for the size first (a NULL buffer), then for the list. */
static int get_list(JET_INSTANCE inst, enum which_list which, int ansi, struct list *l,
		    JET_LOGINFO_W *info)
{
	unsigned long cb = 0, got = 0;
	void *buf;
	for (int pass = 0; pass < 2; pass++) {
		buf = pass ? calloc(1, cb + 2) : NULL;
		if (pass && !buf)
			return failed("calloc", JET_errOutOfMemory);
		if (which == ATTACHED && ansi)
			CALL(JetGetAttachInfoInstanceA(inst, buf, cb, pass ? &got : &cb));
		else if (which == ATTACHED)
			CALL(JetGetAttachInfoInstanceW(inst, buf, cb, pass ? &got : &cb));
		else if (which == TRUNCATABLE && ansi)
			CALL(JetGetTruncateLogInfoInstanceA(inst, buf, cb, pass ? &got : &cb));
		else if (which == TRUNCATABLE)
			CALL(JetGetTruncateLogInfoInstanceW(inst, buf, cb, pass ? &got : &cb));
		else if (ansi) {
			JET_LOGINFO_A a;
			memset(&a, 0, sizeof a);
			a.cbSize = sizeof a;
			CALL(JetGetLogInfoInstance2A(inst, buf, cb, pass ? &got : &cb, &a));
			info->ulGenLow = a.ulGenLow;
			info->ulGenHigh = a.ulGenHigh;
			MultiByteToWideChar(CP_ACP, 0, a.szBaseName, -1, info->szBaseName, 4);
		} else {
			info->cbSize = sizeof *info;
			CALL(JetGetLogInfoInstance2W(inst, buf, cb, pass ? &got : &cb, info));
		}
	}
	if (got > cb)
		return failed("the list grew between two calls", JET_errInvalidBackupSequence);
	list_split(buf, ansi, l);
	free(buf);
	return 1;
}

static JET_ERR open_backup_file(JET_INSTANCE inst, const WCHAR *path, int ansi, JET_HANDLE *h,
				unsigned long *low, unsigned long *high)
{
	char a[4 * MAX_PATH];
	if (!ansi)
		return JetOpenFileInstanceW(inst, path, h, low, high);
	WideCharToMultiByte(CP_ACP, 0, path, -1, a, sizeof a, NULL, NULL);
	return JetOpenFileInstanceA(inst, a, h, low, high);
}

/* --- Copying one file of the backup set */

static int interactive(void)
{
	DWORD mode;
	return GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode);
}

static void progress(const WCHAR *name, unsigned long long done, unsigned long long size,
		     unsigned *shown)
{
	unsigned percent = size ? (unsigned)(done * 100 / size) : 100;
	if (interactive()) {
		printf("\r  %-40s %3u%%  %8.1f of %.1f MiB", u8(name), percent, done / 1048576.0,
		       size / 1048576.0);
		if (done == size)
			printf("\n");
	} else if (percent >= *shown + 25 || done == size) {
		/* a pipe gets a line per quarter */
		*shown = percent - percent % 25;
		printf("  %-40s %3u%%  %8.1f of %.1f MiB\n", u8(name), percent, done / 1048576.0,
		       size / 1048576.0);
	}
}

static int copy_file(JET_INSTANCE inst, const struct options *o, const WCHAR *path, void *buffer,
		     unsigned long long *copied_size)
{
	WCHAR target[2 * MAX_PATH];
	unsigned long low = 0, high = 0, got;
	unsigned long long size, done = 0;
	unsigned shown = 0;
	JET_HANDLE h;
	HANDLE out;
	DWORD written;
	JET_ERR err;

	_snwprintf(target, MAX_PATH * 2, L"%ls\\%ls", o->target, file_name(path));
	target[2 * MAX_PATH - 1] = 0;
	err = open_backup_file(inst, path, o->ansi, &h, &low, &high);
	if (err < 0) {
		printf("error: JetOpenFileInstance(%s) returned %ld\n", u8(path), (long)err);
		return 0;
	}
	size = (unsigned long long)high << 32 | low;
	out = CreateFileW(target, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	if (out == INVALID_HANDLE_VALUE) {
		printf("error: cannot create %s (Windows error %lu)\n", u8(target), GetLastError());
		JetCloseFileInstance(inst, h);
		return 0;
	}
	do {
		err = JetReadFileInstance(inst, h, buffer, CHUNK, &got);
		if (err < 0)
			break;
		if (!WriteFile(out, buffer, got, &written, NULL) || written != got) {
			printf("error: writing %s failed (Windows error %lu)\n", u8(target), GetLastError());
			err = JET_errDiskIO;
			break;
		}
		done += got;
		if (got)
			progress(file_name(path), done, size, &shown);
	} while (got);
	CloseHandle(out);
	/* after a read error ESENT may have closed the file itself */
	JetCloseFileInstance(inst, h);
	if (err < 0)
		return failed("JetReadFileInstance", err);
	if (done != size) {
		printf("error: %s: copied %llu bytes, the engine reported %llu\n", u8(path), done, size);
		return 0;
	}
	*copied_size = done;
	return 1;
}

/* --- The instance */

static int folder_param(JET_INSTANCE *inst, unsigned long id, const WCHAR *folder)
{
	WCHAR path[MAX_PATH + 2];
	size_t n = wcslen(folder);
	_snwprintf(path, MAX_PATH + 1, L"%ls%ls", folder,
		   n && folder[n - 1] != L'\\' ? L"\\" : L"");
	path[MAX_PATH + 1] = 0;
	CALL(JetSetSystemParameterW(inst, 0, id, 0, path));
	return 1;
}

static int start_instance(const struct options *o, JET_INSTANCE *inst, JET_SESID *ses)
{
	CALL(JetCreateInstance2W(inst, L"backup_client", L"Backup client", 0));
	if (!folder_param(inst, JET_paramSystemPath, o->source) ||
	    !folder_param(inst, JET_paramLogFilePath, o->source))
		return 0;
	CALL(JetSetSystemParameterW(inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
	if (o->log_kib)
		CALL(JetSetSystemParameterW(inst, 0, JET_paramLogFileSize, o->log_kib, NULL));
	/* JetInit replays the source's logs if it was not shut down cleanly */
	CALL(JetInit(inst));
	CALL(JetBeginSessionW(*inst, ses, L"", L""));
	return 1;
}

/* Every database in the source folder but the temporary one. */
static int attach_source_databases(const struct options *o, JET_SESID ses)
{
	WCHAR pattern[MAX_PATH + 8], path[2 * MAX_PATH];
	WIN32_FIND_DATAW found;
	HANDLE find;
	_snwprintf(pattern, MAX_PATH + 7, L"%ls\\*.edb", o->source);
	pattern[MAX_PATH + 7] = 0;
	find = FindFirstFileW(pattern, &found);
	if (find == INVALID_HANDLE_VALUE)
		return 1;
	do {
		JET_ERR err;
		if (_wcsicmp(found.cFileName, L"tmp.edb") == 0)
			continue;
		_snwprintf(path, 2 * MAX_PATH, L"%ls\\%ls", o->source, found.cFileName);
		path[2 * MAX_PATH - 1] = 0;
		err = JetAttachDatabaseW(ses, path, 0);
		printf("  attach %-40s %s\n", u8(found.cFileName),
		       err == JET_wrnDatabaseAttached ? "(attached already)" : err < 0 ? "FAILED" : "");
		if (err < 0) {
			FindClose(find);
			return failed("JetAttachDatabaseW", err);
		}
	} while (FindNextFileW(find, &found));
	FindClose(find);
	return 1;
}

/* --- The backup */

static int copy_databases(JET_INSTANCE inst, const struct options *o, void *buffer,
			  struct totals *t)
{
	struct list dbs;
	int ok = get_list(inst, ATTACHED, o->ansi, &dbs, NULL);
	for (unsigned i = 0; ok && i < dbs.count; i++) {
		WCHAR target[2 * MAX_PATH];
		unsigned long long size;
		ok = copy_file(inst, o, dbs.paths[i], buffer, &size);
		_snwprintf(target, 2 * MAX_PATH, L"%ls\\%ls", o->target, file_name(dbs.paths[i]));
		target[2 * MAX_PATH - 1] = 0;
		if (ok)
			ok = verify_database_copy(target, size, t);
		if (ok) {
			t->databases++;
			t->database_bytes += size;
		}
	}
	list_free(&dbs);
	return ok;
}

static int copy_logs(JET_INSTANCE inst, const struct options *o, void *buffer, struct totals *t)
{
	JET_LOGINFO_W info;
	struct list logs;
	int ok;
	memset(&info, 0, sizeof info);
	ok = get_list(inst, LOGS, o->ansi, &logs, &info);
	if (ok) {
		t->gen_low = info.ulGenLow;
		t->gen_high = info.ulGenHigh;
		printf("  logs: generations 0x%05lX to 0x%05lX (base name %s)\n", info.ulGenLow,
		       info.ulGenHigh, u8(info.szBaseName));
	}
	for (unsigned i = 0; ok && i < logs.count; i++) {
		unsigned long long size;
		ok = copy_file(inst, o, logs.paths[i], buffer, &size);
		if (ok) {
			t->logs++;
			t->log_bytes += size;
		}
	}
	list_free(&logs);
	return ok;
}

static int truncate_logs(JET_INSTANCE inst, const struct options *o, struct totals *t)
{
	struct list old;
	if (!get_list(inst, TRUNCATABLE, o->ansi, &old, NULL))
		return 0;
	for (unsigned i = 0; i < old.count; i++)
		printf("  truncate %s\n", u8(file_name(old.paths[i])));
	t->truncated = old.count;
	list_free(&old);
	CALL(JetTruncateLogInstance(inst));
	return 1;
}

/* JetStopServiceInstance2 came after the import library: found by name. */
typedef JET_ERR(JET_API *stop_service_instance2_fn)(JET_INSTANCE, JET_GRBIT);

static int quiesce(JET_INSTANCE inst)
{
	stop_service_instance2_fn stop2 = (stop_service_instance2_fn)(void (*)(void))GetProcAddress(
		GetModuleHandleW(L"esent.dll"), "JetStopServiceInstance2");
	if (!stop2)
		return failed("GetProcAddress(JetStopServiceInstance2)", JET_errFeatureNotAvailable);
	CALL(stop2(inst, JET_bitStopServiceBackgroundUserTasks));
	printf("  background work paused before the log list\n");
	return 1;
}

static int backup(JET_INSTANCE inst, const struct options *o, struct totals *t)
{
	void *buffer = VirtualAlloc(NULL, CHUNK, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	int ok;
	if (!buffer)
		return failed("VirtualAlloc", JET_errOutOfMemory);
	CALL(JetBeginExternalBackupInstance(inst, o->incremental ? JET_bitBackupIncremental : 0));
	ok = o->incremental || copy_databases(inst, o, buffer, t);
	ok = ok && (!o->quiesce || quiesce(inst));
	ok = ok && copy_logs(inst, o, buffer, t);
	ok = ok && truncate_logs(inst, o, t);
	/* a backup that failed is ended as aborted: nothing is recorded */
	if (JetEndExternalBackupInstance2(inst, ok ? JET_bitBackupEndNormal : JET_bitBackupEndAbort) < 0)
		ok = 0;
	VirtualFree(buffer, 0, MEM_RELEASE);
	return ok;
}

/* --- The engine's own backup into a folder (--file) */

static JET_ERR JET_API on_backup_status(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
	const JET_SNPROG *prog = pv;
	if (snp != JET_snpBackup)
		return JET_errSuccess;
	if (snt == JET_sntBegin)
		printf("  backup begins\n");
	else if (snt == JET_sntProgress && prog)
		printf("  %lu%% copied\n", prog->cunitDone * 100 / (prog->cunitTotal ? prog->cunitTotal : 1));
	else if (snt == JET_sntComplete)
		printf("  backup complete\n");
	else if (snt == JET_sntFail)
		printf("  backup failed\n");
	return JET_errSuccess;
}

static int file_backup(JET_INSTANCE inst, const struct options *o)
{
	const JET_GRBIT grbit = o->incremental ? JET_bitBackupIncremental : 0;
	if (o->quiesce && !quiesce(inst))
		return 0;
	if (o->ansi) {
		char target[4 * MAX_PATH];
		if (!WideCharToMultiByte(CP_ACP, 0, o->target, -1, target, sizeof target, NULL, NULL))
			return failed("WideCharToMultiByte", JET_errInvalidPath);
		CALL(JetBackupInstanceA(inst, target, grbit, on_backup_status));
	} else {
		CALL(JetBackupInstanceW(inst, o->target, grbit, on_backup_status));
	}
	return 1;
}

static int parse_options(int argc, WCHAR **argv, struct options *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		if (wcscmp(argv[i], L"--incremental") == 0)
			o->incremental = 1;
		else if (wcscmp(argv[i], L"--ansi") == 0)
			o->ansi = 1;
		else if (wcscmp(argv[i], L"--log-kib") == 0 && i + 1 < argc)
			o->log_kib = wcstoul(argv[++i], NULL, 10);
		else if (wcscmp(argv[i], L"--file") == 0)
			o->file = 1;
		else if (wcscmp(argv[i], L"--quiesce") == 0)
			o->quiesce = 1;
		else if (wcscmp(argv[i], L"--wait") == 0 && i + 1 < argc)
			o->wait_ms = wcstoul(argv[++i], NULL, 10);
		else if (!o->source)
			o->source = argv[i];
		else if (!o->target)
			o->target = argv[i];
		else
			return 0;
	}
	return o->source && o->target;
}

int main(void)
{
	int argc;
	WCHAR **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
	struct options o;
	struct totals t = { 0 };
	JET_INSTANCE inst = JET_instanceNil;
	JET_SESID ses;
	LARGE_INTEGER freq, start, end;
	double seconds;
	int ok;

	if (!argv || !parse_options(argc, argv, &o)) {
		printf("usage: backup_client SOURCE TARGET [--incremental] [--ansi] [--log-kib N] [--wait MS] [--quiesce] [--file]\n");
		return 2;
	}
	printf("%s backup of %s into %s (%s forms)\n", o.incremental ? "incremental" : "full",
	       u8(o.source), u8(o.target), o.ansi ? "A" : "W");
	CreateDirectoryW(o.target, NULL);
	ok = start_instance(&o, &inst, &ses) && attach_source_databases(&o, ses);
	if (ok && o.wait_ms) {
		printf("  letting the instance run for %lu ms\n", o.wait_ms);
		Sleep(o.wait_ms);
	}
	QueryPerformanceFrequency(&freq);
	QueryPerformanceCounter(&start);
	ok = ok && (o.file ? file_backup(inst, &o) : backup(inst, &o, &t));
	QueryPerformanceCounter(&end);
	if (inst != JET_instanceNil && JetTerm(inst) < 0)
		ok = 0;
	if (!ok) {
		printf("backup FAILED\n");
		return 1;
	}
	seconds = (double)(end.QuadPart - start.QuadPart) / freq.QuadPart;
	if (o.file) {
		printf("backup complete: JetBackupInstance%s into %s, %.2f s\n", o.ansi ? "A" : "W",
		       u8(o.target), seconds);
		LocalFree(argv);
		return 0;
	}
	printf("backup complete: %u database(s), %.1f MiB, %u pages verified; "
	       "%u log generation(s) 0x%05lX-0x%05lX, %.1f MiB; %u old log(s) truncated; "
	       "%.2f s, %.1f MB/s\n",
	       t.databases, t.database_bytes / 1048576.0, t.pages_verified, t.logs, t.gen_low,
	       t.gen_high, t.log_bytes / 1048576.0, t.truncated, seconds,
	       seconds > 0 ? (t.database_bytes + t.log_bytes) / seconds / 1e6 : 0.0);
	LocalFree(argv);
	return 0;
}
