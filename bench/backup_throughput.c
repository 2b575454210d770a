/*
 * Streaming-backup throughput, beside a plain read of the same file in the
 * same run: speed is measured here, by a program that prints figures,
 * never by a timed test.
 *
 *   backup_throughput [--busy] [DATABASE_MIB [BUFFER_KIB [REPEATS]]]
 *
 *   DATABASE_MIB  size the database is grown to (default 256)
 *   BUFFER_KIB    read buffer, a multiple of 4 and at least 12 (default 256):
 *                 JetReadFileInstance's first read of a database holds both
 *                 headers and a page, three pages of 4 KiB
 *   REPEATS       measurements, each a plain read then a backup (default 3)
 *   --busy        the run is meant to be busy: the background writer must
 *                 have been turned on before the process started, by
 *                 ESENT_SIM_SCENARIO naming a scenario file (README, "A busy
 *                 instance on demand"); without it the program says so and
 *                 exits 2
 *
 * It makes an instance in a folder of its own (bench-data\, emptied first),
 * creates a database and grows it with JetGrowDatabase, then for each
 * repeat:
 *   (a) plain read: the database file read whole with ReadFile (the engine
 *       holds it open for writing, sharing it with readers) into a buffer
 *       of the same size as the backup's;
 *   (b) streaming backup: JetBeginExternalBackupInstance, the databases
 *       JetGetAttachInfoInstanceW lists read to their end with
 *       JetReadFileInstance, then the logs JetGetLogInfoInstanceW lists
 *       (timed apart), then JetEndExternalBackupInstance2 with
 *       JET_bitBackupEndAbort, so that no log is truncated and no header
 *       stamped between repeats.
 * Every return code is checked (exit 1 with a message on an unexpected
 * one), and every file must deliver the bytes its open announced.
 *
 * MB is 10^6 bytes.  The figures are the machine's, not a pass or fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h" /* the samples' u8() */

#define PAGE_SIZE 4096
#define DATA_DIR L"bench-data"
#define DATA_DIR_A "bench-data"
#define DB_NAME_A DATA_DIR_A "\\bench.edb"
#define DB_NAME_W DATA_DIR L"\\bench.edb"

static LARGE_INTEGER qpc_frequency;

static void fail(const char *what, long code)
{
	printf("FAIL: %s: %ld\n", what, code);
	exit(1);
}

/* Every engine call must return what is expected; anything else ends the
 * run with the call and the code. */
#define CALL(call)                                                      \
	do {                                                            \
		JET_ERR err_ = (call);                                  \
		if (err_ != JET_errSuccess)                             \
			fail(#call, (long)err_);                        \
	} while (0)

static double now_seconds(void)
{
	LARGE_INTEGER t;
	QueryPerformanceCounter(&t);
	return (double)t.QuadPart / (double)qpc_frequency.QuadPart;
}

static double mb_per_s(unsigned long long bytes, double seconds)
{
	return seconds > 0 ? (double)bytes / 1e6 / seconds : 0;
}

/* The data folder outlives a run: empty it, or the last run's logs would
 * be replayed and its database found again. */
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
		if (!DeleteFileW(path)) {
			printf("FAIL: cannot delete %s (error %lu)\n", u8(path), GetLastError());
			exit(1);
		}
	} while (FindNextFileW(find, &fd));
	FindClose(find);
}

static int parse_count(const char *arg, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);
	if (!*arg || *end || n == 0 || n > max)
		return 0;
	*out = n;
	return 1;
}

static void usage(void)
{
	printf("usage: backup_throughput [--busy] [DATABASE_MIB [BUFFER_KIB [REPEATS]]]\n"
	       "  DATABASE_MIB 1..16384 (default 256)\n"
	       "  BUFFER_KIB   a multiple of 4, 12..65536 (default 256)\n"
	       "  REPEATS      1..100 (default 3)\n"
	       "  --busy       the run must be busy: set ESENT_SIM_SCENARIO to a scenario\n"
	       "               file before starting the program\n");
	exit(2);
}

/* One measurement. */
struct figures {
	unsigned long long plain_bytes;
	double plain_s;
	unsigned long long backup_bytes;   /* every database of the set */
	unsigned databases;
	double backup_s;                   /* open, reads, close of the databases */
	unsigned long long log_bytes;
	unsigned logs;
	double log_list_s;                 /* JetGetLogInfoInstance2W (rolls the log) */
	double log_s;                      /* open, reads, close of the logs */
	unsigned long gen_low, gen_high;   /* the generations listed */
	double listed_at;                  /* when they were listed */
};

/* (a) The database file read whole, as any program may while the engine
 * has it open. */
static void plain_read(const WCHAR *path, void *buf, unsigned long cb, struct figures *f)
{
	LARGE_INTEGER size;
	unsigned long long total = 0;
	double start;
	HANDLE h;

	start = now_seconds();
	h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
			FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
	if (h == INVALID_HANDLE_VALUE)
		fail("CreateFileW of the database for the plain read", (long)GetLastError());
	for (;;) {
		DWORD got = 0;
		if (!ReadFile(h, buf, cb, &got, NULL))
			fail("ReadFile of the database", (long)GetLastError());
		if (got == 0)
			break;
		total += got;
	}
	f->plain_s = now_seconds() - start;
	if (!GetFileSizeEx(h, &size))
		fail("GetFileSizeEx of the database", (long)GetLastError());
	CloseHandle(h);
	if (total != (unsigned long long)size.QuadPart) {
		printf("FAIL: the plain read got %llu bytes of a file of %lld\n", total,
		       (long long)size.QuadPart);
		exit(1);
	}
	f->plain_bytes = total;
}

/* One file of the backup set read to its end (a read of 0 bytes); the
 * bytes must be those JetOpenFileInstanceW announced. */
static unsigned long long backup_copy(JET_INSTANCE inst, const WCHAR *path, void *buf,
				      unsigned long cb)
{
	JET_HANDLE file;
	unsigned long low = 0, high = 0;
	unsigned long long size, total = 0;

	CALL(JetOpenFileInstanceW(inst, path, &file, &low, &high));
	size = (unsigned long long)high << 32 | low;
	for (;;) {
		unsigned long got = 0;
		CALL(JetReadFileInstance(inst, file, buf, cb, &got));
		if (got == 0)
			break;
		total += got;
	}
	CALL(JetCloseFileInstance(inst, file));
	if (total != size) {
		printf("FAIL: %s: read %llu bytes, JetOpenFileInstanceW announced %llu\n", u8(path),
		       total, size);
		exit(1);
	}
	return total;
}

/* A double-NUL-terminated W list, asked for its size first. */
static WCHAR *attach_list(JET_INSTANCE inst)
{
	unsigned long cb_size = 0, cb = 0;
	WCHAR *list;
	CALL(JetGetAttachInfoInstanceW(inst, NULL, 0, &cb_size));
	list = malloc(cb_size);
	if (!list)
		fail("malloc", 0);
	CALL(JetGetAttachInfoInstanceW(inst, list, cb_size, &cb));
	if (cb != cb_size)
		fail("JetGetAttachInfoInstanceW reported a size other than its size query", (long)cb);
	return list;
}

/* The 2W form also tells the generations listed: how far the log moved
 * since the last repeat shows how much the workload wrote meanwhile. */
static WCHAR *log_list(JET_INSTANCE inst, struct figures *f)
{
	unsigned long cb_size = 0, cb = 0;
	JET_LOGINFO_W info = { 0 };
	WCHAR *list;
	info.cbSize = sizeof info;
	CALL(JetGetLogInfoInstance2W(inst, NULL, 0, &cb_size, &info));
	list = malloc(cb_size);
	if (!list)
		fail("malloc", 0);
	CALL(JetGetLogInfoInstance2W(inst, list, cb_size, &cb, &info));
	if (cb != cb_size)
		fail("JetGetLogInfoInstance2W reported a size other than its size query", (long)cb);
	f->gen_low = info.ulGenLow;
	f->gen_high = info.ulGenHigh;
	return list;
}

/* (b) A full streaming backup, read and thrown away, then aborted. */
static void streaming_backup(JET_INSTANCE inst, void *buf, unsigned long cb, struct figures *f)
{
	WCHAR *attach, *logs;
	double start;

	CALL(JetBeginExternalBackupInstance(inst, 0));
	attach = attach_list(inst);
	start = now_seconds();
	for (const WCHAR *p = attach; *p; p += wcslen(p) + 1) {
		f->backup_bytes += backup_copy(inst, p, buf, cb);
		f->databases++;
	}
	f->backup_s = now_seconds() - start;

	start = now_seconds();
	logs = log_list(inst, f);
	f->listed_at = now_seconds();
	f->log_list_s = f->listed_at - start;
	start = now_seconds();
	for (const WCHAR *p = logs; *p; p += wcslen(p) + 1) {
		f->log_bytes += backup_copy(inst, p, buf, cb);
		f->logs++;
	}
	f->log_s = now_seconds() - start;
	CALL(JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));
	free(attach);
	free(logs);
}

static void print_header(void)
{
	printf("%-7s %12s %10s | %12s %4s %10s %6s | %4s %10s %8s %9s %11s\n", "repeat",
	       "file bytes", "plain MB/s", "backup bytes", "dbs", "backup MB/s", "ratio", "logs",
	       "log bytes", "log MB/s", "list ms", "generations");
}

static void print_row(const char *label, const struct figures *f)
{
	double plain = mb_per_s(f->plain_bytes, f->plain_s);
	double backup = mb_per_s(f->backup_bytes, f->backup_s);
	char gens[32] = "";
	if (f->gen_high)
		snprintf(gens, sizeof gens, "%lu-%lu", f->gen_low, f->gen_high);
	printf("%-7s %12llu %10.1f | %12llu %4u %10.1f  %5.2fx | %4u %10llu %8.1f %9.1f %11s\n",
	       label, f->plain_bytes, plain, f->backup_bytes, f->databases, backup,
	       plain > 0 ? backup / plain : 0, f->logs, f->log_bytes, mb_per_s(f->log_bytes, f->log_s),
	       f->log_list_s * 1000, gens);
}

int main(int argc, char **argv)
{
	unsigned long db_mib = 256, buf_kib = 256, repeats = 3, cpg_real = 0;
	int busy_flag = 0, positional = 0;
	const char *scenario = getenv("ESENT_SIM_SCENARIO");
	int busy = scenario && *scenario;
	JET_INSTANCE inst;
	JET_SESID sesid;
	JET_DBID dbid;
	WCHAR db_path[MAX_PATH];
	struct figures *runs, best = { 0 };
	double best_plain = 0, best_backup = 0, best_log = 0, start, grow_s;
	void *buf;

	for (int i = 1; i < argc; i++) {
		unsigned long *target = positional == 0 ? &db_mib : positional == 1 ? &buf_kib : &repeats;
		unsigned long max = positional == 0 ? 16384 : positional == 1 ? 65536 : 100;
		if (strcmp(argv[i], "--busy") == 0) {
			busy_flag = 1;
			continue;
		}
		if (positional > 2 || !parse_count(argv[i], max, target))
			usage();
		positional++;
	}
	if (buf_kib % 4 != 0 || buf_kib < 12) {
		printf("the buffer is %lu KiB: it must be a multiple of 4 KiB (whole pages) and at least\n"
		       "12 KiB (the first read of a database holds both headers and a page)\n", buf_kib);
		usage();
	}

	printf("esent streaming-backup benchmark\n");
	printf("database %lu MiB (%lu pages of 4 KiB), read buffer %lu KiB, %lu repeat(s); MB = 10^6 bytes\n",
	       db_mib, db_mib * 256, buf_kib, repeats);
	if (busy)
		printf("workload: busy, ESENT_SIM_SCENARIO=%s (the background writer changes the\n"
		       "          benchmark's database while it is read)\n", scenario);
	else
		printf("workload: none (idle run; ESENT_SIM_SCENARIO is not set)\n");
	if (busy_flag && !busy) {
		printf("\n--busy asks for a busy run, but the background writer only starts when\n"
		       "ESENT_SIM_SCENARIO names a scenario file before the process starts (README,\n"
		       "\"A busy instance on demand\"), for example:\n"
		       "    ESENT_SIM_SCENARIO=busy.ini backup_throughput --busy\n"
		       "with busy.ini as bench/busy.ini (rate = 2000, bytes = 1024, grow_every = 0,\n"
		       "no database line, so that the writer changes the benchmark's database).\n");
		return 2;
	}

	QueryPerformanceFrequency(&qpc_frequency);
	buf = VirtualAlloc(NULL, buf_kib * 1024, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	runs = calloc(repeats, sizeof *runs);
	if (!buf || !runs)
		fail("VirtualAlloc/calloc of the buffers", (long)GetLastError());

	empty_folder(DATA_DIR);
	CALL(JetCreateInstanceA(&inst, "backup_throughput"));
	CALL(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, DATA_DIR_A "\\"));
	CALL(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, DATA_DIR_A "\\"));
	CALL(JetSetSystemParameterA(&inst, 0, JET_paramLogFileSize, 1024, NULL));
	CALL(JetSetSystemParameterA(&inst, 0, JET_paramCircularLog, 0, NULL));
	CALL(JetInit(&inst));
	CALL(JetBeginSessionA(inst, &sesid, NULL, NULL));
	CALL(JetCreateDatabaseA(sesid, DB_NAME_A, NULL, &dbid, 0));
	start = now_seconds();
	CALL(JetGrowDatabase(sesid, dbid, db_mib * 256, &cpg_real));
	grow_s = now_seconds() - start;
	if (cpg_real < db_mib * 256) {
		printf("FAIL: JetGrowDatabase grew the database to %lu pages, %lu asked\n", cpg_real,
		       db_mib * 256);
		return 1;
	}
	if (!GetFullPathNameW(DB_NAME_W, MAX_PATH, db_path, NULL))
		fail("GetFullPathNameW", (long)GetLastError());
	printf("database %s: %lu pages, grown in %.2f s\n\n", u8(db_path), cpg_real, grow_s);

	print_header();
	for (unsigned long r = 0; r < repeats; r++) {
		struct figures *f = &runs[r];
		char label[16];
		plain_read(db_path, buf, buf_kib * 1024, f);
		streaming_backup(inst, buf, buf_kib * 1024, f);
		snprintf(label, sizeof label, "%lu", r + 1);
		print_row(label, f);
	}

	/* the best of the repeats, each column for itself */
	for (unsigned long r = 0; r < repeats; r++) {
		const struct figures *f = &runs[r];
		double plain = mb_per_s(f->plain_bytes, f->plain_s);
		double backup = mb_per_s(f->backup_bytes, f->backup_s);
		double log = mb_per_s(f->log_bytes, f->log_s);
		if (plain > best_plain) {
			best_plain = plain;
			best.plain_bytes = f->plain_bytes;
			best.plain_s = f->plain_s;
		}
		if (backup > best_backup) {
			best_backup = backup;
			best.backup_bytes = f->backup_bytes;
			best.databases = f->databases;
			best.backup_s = f->backup_s;
		}
		if (log > best_log || r == 0) {
			best_log = log;
			best.log_bytes = f->log_bytes;
			best.logs = f->logs;
			best.log_s = f->log_s;
		}
		if (r == 0 || f->log_list_s < best.log_list_s)
			best.log_list_s = f->log_list_s;
	}
	print_row("best", &best);

	printf("\ndatabase %lu MiB, buffer %lu KiB, %s: plain read %.0f MB/s, backup %.0f MB/s (%.2fx), "
	       "logs %.1f MB at %.0f MB/s\n",
	       db_mib, buf_kib, busy ? "busy" : "idle", best_plain, best_backup,
	       best_plain > 0 ? best_backup / best_plain : 0, (double)best.log_bytes / 1e6, best_log);
	CALL(JetCloseDatabase(sesid, dbid, 0));
	CALL(JetEndSession(sesid, 0));
	CALL(JetTerm2(inst, JET_bitTermComplete));
	VirtualFree(buf, 0, MEM_RELEASE);
	free(runs);
	return 0;
}
