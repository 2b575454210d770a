/*
 * The streaming backup measured inside the engine (sim/, no DLL), beside
 * what it cannot beat: a plain read of the same bytes through the same
 * file layer into the same buffer.  Built natively it measures the engine
 * on this system; built for Windows and run under Wine, the same code over
 * Wine's file calls.  Speed is measured here, by a program that prints
 * figures, never by a timed test.
 *
 *   backup_bench [--large] [--many-logs] [--repeats N] [--cpu]
 *
 *   --large      also a database of 1 GiB (default: 64 and 256 MiB)
 *   --many-logs  also 10,000 log generations (default: 1,000)
 *   --repeats N  measurements of each figure, 1..100 (default 5)
 *   --cpu        time by the thread's CPU time (user and system) instead
 *                of the wall clock: on a machine other work keeps busy,
 *                what the work itself costs (every read and check runs on
 *                this thread)
 *
 * It prints, each figure the minimum and the median of the repeats, the
 * subjects of one repeat run one after the other (interleaved), so that
 * the machine's moods fall on all of them alike:
 *   1. the page checksum's speed in GB/s from L2 (a 256 KiB set of 4 KiB
 *      pages), per implementation: "scalar" the row-by-row computation
 *      the engine used before, then each this CPU runs;
 *   2. for each database size and read buffer (64 KiB .. 4 MiB): the plain
 *      read of the database file, the same read verifying every page with
 *      the engine's checksum, and the streaming backup of the database
 *      (begin, its reads, end with JET_bitBackupEndAbort), in MB/s, with
 *      backup/plain and backup/(read+verify); each measurement reads 1 GiB
 *      (the file as many times as that takes);
 *   3. for 1,000 (and 10,000) archived generations of 128 KiB: the log
 *      phase of an incremental backup (every listed log opened, read
 *      whole, closed) against a plain open, read and close of the same
 *      files, and the cost of JetGetLogInfo in a full backup (its first
 *      call, which also rolls the log, and a later one).
 * MB and GB are 10^6 and 10^9 bytes.  It works in bench-data/ (emptied
 * before and after).  Every engine call is checked: exit 1 on a failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <time.h>
#endif

#include "backup/backup.h"
#include "checksum_oracle.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "format/dbfile.h"
#include "format/page_checksum.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "jet_values.h"
#include "os/os.h"

#define PAGE 4096u
#define MAX_REPEATS 100
#define MAX_BUFFER (4u << 20)
#define DATA "bench-data"
#define LOG_KIB 128

static const uint32_t buffer_kib[] = { 64, 256, 1024, 4096 };
#define BUFFERS (sizeof buffer_kib / sizeof *buffer_kib)

static int cpu_clock;

static double now(void)
{
#ifdef _WIN32
	static LARGE_INTEGER freq;
	if (cpu_clock) {
		FILETIME created, exited, kernel, user;
		GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user);
		return ((double)((uint64_t)kernel.dwHighDateTime << 32 | kernel.dwLowDateTime) +
			(double)((uint64_t)user.dwHighDateTime << 32 | user.dwLowDateTime)) / 1e7;
	}
	LARGE_INTEGER t;
	if (!freq.QuadPart)
		QueryPerformanceFrequency(&freq);
	QueryPerformanceCounter(&t);
	return (double)t.QuadPart / (double)freq.QuadPart;
#else
	struct timespec t;
	clock_gettime(cpu_clock ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
#endif
}

static void check(int err, const char *what)
{
	if (err < 0) {
		printf("FAIL: %s: %d\n", what, err);
		exit(1);
	}
}

#define CALL(call) check((call), #call)

/* --- Repeats: the minimum and the median */

struct samples {
	double v[MAX_REPEATS];
	unsigned n;
};

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double sample_min(const struct samples *s)
{
	double m = s->v[0];
	for (unsigned i = 1; i < s->n; i++)
		if (s->v[i] < m)
			m = s->v[i];
	return m;
}

static double sample_median(const struct samples *s)
{
	double sorted[MAX_REPEATS];
	memcpy(sorted, s->v, s->n * sizeof *sorted);
	qsort(sorted, s->n, sizeof *sorted, by_value);
	return s->n % 2 ? sorted[s->n / 2] : (sorted[s->n / 2 - 1] + sorted[s->n / 2]) / 2;
}

static void add(struct samples *s, double seconds)
{
	s->v[s->n++] = seconds;
}

/* --- Files */

static int remove_entry(void *ctx, const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s%c%s", (const char *)ctx, os_path_separator(), name);
	os_remove(path);
	return 0;
}

static void empty_folder(const char *dir)
{
	os_mkdir(dir);
	os_list_dir(dir, remove_entry, (void *)dir);
}

static void *page_aligned(size_t n)
{
#ifdef _WIN32
	void *p = VirtualAlloc(NULL, n, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
#else
	void *p = NULL;
	if (posix_memalign(&p, 4096, n) != 0)
		p = NULL;
#endif
	if (!p) {
		printf("FAIL: no memory for %zu bytes\n", n);
		exit(1);
	}
	memset(p, 0, n);
	return p;
}

static void page_free(void *p)
{
#ifdef _WIN32
	VirtualFree(p, 0, MEM_RELEASE);
#else
	free(p);
#endif
}

/* A file read whole, in reads of cb; verify: each database page checked
 * in the buffer after the read that brought it, as a reader of the file
 * would.  Returns the bytes. */
static uint64_t read_file(const char *path, unsigned char *buf, uint32_t cb, int verify)
{
	os_file *f;
	uint64_t offset = 0;
	CALL(os_file_open(path, OS_OPEN_READ, &f));
	for (;;) {
		size_t got = 0;
		CALL(os_file_read_at(f, offset, buf, cb, &got));
		if (got == 0)
			break;
		for (size_t i = 0; verify && i + PAGE <= got; i += PAGE) {
			uint64_t page = (offset + i) / PAGE;
			if (page >= 2 && !page_verify(buf + i, PAGE, (uint32_t)(page - 1))) {
				printf("FAIL: page %llu of %s does not verify\n",
				       (unsigned long long)(page - 1), path);
				exit(1);
			}
		}
		offset += got;
	}
	os_file_close(f);
	return offset;
}

/* --- An instance of its own in DATA/<name>/ */

struct bench_instance {
	uintptr_t inst, ses;
	char dir[256];
};

static void start(struct bench_instance *b, const char *name)
{
	char folder[300];
	snprintf(b->dir, sizeof b->dir, DATA "%c%s", os_path_separator(), name);
	snprintf(folder, sizeof folder, "%s%c", b->dir, os_path_separator());
	empty_folder(b->dir);
	CALL(sim_create_instance(&b->inst, name, NULL));
	CALL(sim_set_param(&b->inst, JET_paramLogFilePath, 0, folder));
	CALL(sim_set_param(&b->inst, JET_paramSystemPath, 0, folder));
	CALL(sim_set_param(&b->inst, JET_paramLogFileSize, LOG_KIB, NULL));
	CALL(sim_set_param(&b->inst, JET_paramCircularLog, 0, NULL));
	CALL(sim_init(&b->inst, 0));
	CALL(sim_begin_session(b->inst, &b->ses));
}

static void stop(struct bench_instance *b)
{
	CALL(sim_end_session(b->ses, 0));
	CALL(sim_term(b->inst, 0));
	empty_folder(b->dir);
}

/* Every file a list names, in order. */
static const char *next_path(const char *p)
{
	return p + strlen(p) + 1;
}

/* One backup file read to its end; the bytes must be those announced. */
static uint64_t backup_copy(uintptr_t inst, const char *path, unsigned char *buf, uint32_t cb)
{
	uintptr_t h;
	uint64_t size, total = 0;
	CALL(sim_backup_open_file(inst, 0, path, &h, &size));
	for (;;) {
		uint32_t got = 0;
		CALL(sim_backup_read_file(inst, 0, h, buf, cb, &got));
		if (!got)
			break;
		total += got;
	}
	CALL(sim_backup_close_file(inst, 0, h));
	if (total != size) {
		printf("FAIL: %s: %llu bytes read, %llu announced\n", path,
		       (unsigned long long)total, (unsigned long long)size);
		exit(1);
	}
	return total;
}

/* --- 1. The checksum from L2 */

#define CK_SET (256u * 1024)

static void checksum_speeds(unsigned repeats)
{
	unsigned char *set = page_aligned(CK_SET);
	struct samples s[PAGE_CHECKSUM_IMPLS + 1] = { 0 };
	uint64_t sink = 0;
	/* 200 MB a measurement for the scalar, 2 GB for the others: long
	 * enough for a CPU clock of 10 ms ticks */
	unsigned scalar_rounds = 800, rounds = 8000;

	for (size_t i = 0; i < CK_SET; i++)
		set[i] = (unsigned char)(i * 2654435761u >> 13);
	printf("1. page checksum, 4 KiB pages from a 256 KiB set (L2), GB/s\n");
	for (unsigned r = 0; r < repeats; r++) {
		for (int impl = -1; impl < PAGE_CHECKSUM_IMPLS; impl++) {
			unsigned n = impl < 0 ? scalar_rounds : rounds;
			double t0;
			if (impl >= 0 && !page_checksum_available((enum page_checksum_impl)impl))
				continue;
			t0 = now();
			for (unsigned k = 0; k < n; k++)
				for (uint32_t p = 0; p < CK_SET / PAGE; p++)
					sink += impl < 0
						? oracle_block_checksum(set + p * PAGE, PAGE, p, 2)
						: page_block_checksum_with((enum page_checksum_impl)impl,
									   set + p * PAGE, PAGE, p, 2);
			add(&s[impl + 1], now() - t0);
		}
	}
	printf("   %-10s %9s %9s\n", "", "best", "median");
	for (int impl = -1; impl < PAGE_CHECKSUM_IMPLS; impl++) {
		double bytes = (double)(impl < 0 ? scalar_rounds : rounds) * CK_SET;
		if (!s[impl + 1].n)
			continue;
		printf("   %-10s %9.2f %9.2f%s\n",
		       impl < 0 ? "scalar" : page_checksum_impl_name((enum page_checksum_impl)impl),
		       bytes / sample_min(&s[impl + 1]) / 1e9, bytes / sample_median(&s[impl + 1]) / 1e9,
		       impl == (int)page_checksum_chosen() ? "  (the engine's choice)" : "");
	}
	printf("   (checksums summed: %llx)\n\n", (unsigned long long)(sink & 0xFFFF));
	page_free(set);
}

/* --- 2. A database: plain read, read + verify, streaming backup */

enum subject { PLAIN, VERIFY, BACKUP, SUBJECTS };

static void backup_database(struct bench_instance *b, unsigned char *buf, uint32_t cb,
			    uint64_t *bytes)
{
	struct path_list attach;
	*bytes = 0;
	CALL(sim_backup_begin(b->inst, 0, 0));
	CALL(sim_backup_attach_info(b->inst, 0, &attach));
	for (const char *p = attach.text; *p; p = next_path(p))
		*bytes += backup_copy(b->inst, p, buf, cb);
	CALL(sim_backup_end(b->inst, 0, JET_bitBackupEndAbort));
	path_list_free(&attach);
}

static void database_speeds(uint32_t mib, unsigned repeats, unsigned char *buf)
{
	struct bench_instance b;
	struct samples s[BUFFERS][SUBJECTS] = { 0 };
	uint32_t dbid, actual;
	char name[32], db[320], *full;
	uint64_t size = 0;
	/* a measurement reads 1 GiB at least, long enough for a CPU clock
	 * of 10 ms ticks (Wine's) */
	unsigned passes = mib < 1024 ? 1024 / mib : 1;
	double t0;

	snprintf(name, sizeof name, "db%u", mib);
	start(&b, name);
	snprintf(db, sizeof db, "%s%cbench.edb", b.dir, os_path_separator());
	CALL(sim_create_database(b.ses, db, 0, 0, &dbid));
	t0 = now();
	CALL(sim_grow_database(b.ses, dbid, mib * 256, &actual));
	full = os_full_path(db);
	printf("   database %u MiB (%u pages), grown in %.1f s\n", mib, actual, now() - t0);
	for (unsigned r = 0; r < repeats; r++) {
		for (unsigned k = 0; k < BUFFERS; k++) {
			uint32_t cb = buffer_kib[k] * 1024;
			/* the order turns with the repeat: none always runs first */
			for (unsigned j = 0; j < SUBJECTS; j++) {
				enum subject subj = (enum subject)((j + r) % SUBJECTS);
				uint64_t bytes = 0;
				double t = now();
				for (unsigned pass = 0; pass < passes; pass++) {
					if (subj == BACKUP)
						backup_database(&b, buf, cb, &bytes);
					else
						bytes = read_file(full, buf, cb, subj == VERIFY);
				}
				add(&s[k][subj], (now() - t) / passes);
				size = bytes;
			}
		}
	}
	for (unsigned k = 0; k < BUFFERS; k++) {
		double med[SUBJECTS], best[SUBJECTS];
		for (unsigned j = 0; j < SUBJECTS; j++) {
			med[j] = (double)size / sample_median(&s[k][j]) / 1e6;
			best[j] = (double)size / sample_min(&s[k][j]) / 1e6;
		}
		printf("   %5u %6u | %7.0f %7.0f | %7.0f %7.0f | %7.0f %7.0f | %5.2f %5.2f | %5.2f %5.2f\n",
		       mib, buffer_kib[k], best[PLAIN], med[PLAIN], best[VERIFY], med[VERIFY],
		       best[BACKUP], med[BACKUP], best[BACKUP] / best[PLAIN], med[BACKUP] / med[PLAIN],
		       best[BACKUP] / best[VERIFY], med[BACKUP] / med[VERIFY]);
	}
	free(full);
	stop(&b);
}

/* --- 3. Many log generations */

/* A full backup with only its log list asked, twice: the first call rolls
 * the log; both used to scan the log folder.  Ended by an abort. */
static void log_info_costs(struct bench_instance *b, double *first, double *next)
{
	struct path_list logs;
	struct backup_log_info info;
	double t0;
	CALL(sim_backup_begin(b->inst, 0, 0));
	t0 = now();
	CALL(sim_backup_log_info(b->inst, 0, &logs, &info));
	*first = now() - t0;
	path_list_free(&logs);
	t0 = now();
	CALL(sim_backup_log_info(b->inst, 0, &logs, &info));
	*next = now() - t0;
	path_list_free(&logs);
	CALL(sim_backup_end(b->inst, 0, JET_bitBackupEndAbort));
}

static void log_speeds(uint32_t generations, unsigned repeats, unsigned char *buf)
{
	enum { LOG_PLAIN, LOG_BACKUP, LOG_INFO_FIRST, LOG_INFO_NEXT, LOG_SUBJECTS };
	struct bench_instance b;
	struct samples s[LOG_SUBJECTS] = { 0 };
	struct path_list attach, logs;
	struct backup_log_info info;
	uint32_t dbid, cb = 256 * 1024;
	char db[320];
	uint64_t log_bytes = 0;
	unsigned listed = 0;
	double t0;

	snprintf(db, sizeof db, "logs%u", generations);
	start(&b, db);
	snprintf(db, sizeof db, "%s%cbench.edb", b.dir, os_path_separator());
	CALL(sim_create_database(b.ses, db, 0, 0, &dbid));
	/* a full backup first, its logs truncated, so that incremental ones
	 * may follow */
	CALL(sim_backup_begin(b.inst, 0, 0));
	CALL(sim_backup_attach_info(b.inst, 0, &attach));
	for (const char *p = attach.text; *p; p = next_path(p))
		backup_copy(b.inst, p, buf, cb);
	CALL(sim_backup_log_info(b.inst, 0, &logs, &info));
	for (const char *p = logs.text; *p; p = next_path(p))
		backup_copy(b.inst, p, buf, cb);
	CALL(sim_backup_truncate_log(b.inst, 0));
	CALL(sim_backup_end(b.inst, 0, JET_bitBackupEndNormal));
	path_list_free(&attach);
	path_list_free(&logs);
	/* each full backup's log list rolls the log once */
	t0 = now();
	for (uint32_t g = 0; g < generations; g++) {
		double first, next;
		log_info_costs(&b, &first, &next);
	}
	printf("   %u generations of %u KiB made in %.1f s\n", generations, LOG_KIB, now() - t0);

	for (unsigned r = 0; r < repeats; r++) {
		double first, next;
		/* the incremental backup's log phase: every generation */
		CALL(sim_backup_begin(b.inst, 0, JET_bitBackupIncremental));
		CALL(sim_backup_log_info(b.inst, 0, &logs, &info));
		for (unsigned j = 0; j < 2; j++) {
			int backup = (j + r) % 2;
			t0 = now();
			log_bytes = 0;
			listed = 0;
			for (const char *p = logs.text; *p; p = next_path(p), listed++)
				log_bytes += backup ? backup_copy(b.inst, p, buf, cb)
						    : read_file(p, buf, cb, 0);
			add(&s[backup ? LOG_BACKUP : LOG_PLAIN], now() - t0);
		}
		CALL(sim_backup_end(b.inst, 0, JET_bitBackupEndAbort));
		path_list_free(&logs);
		log_info_costs(&b, &first, &next);
		add(&s[LOG_INFO_FIRST], first);
		add(&s[LOG_INFO_NEXT], next);
	}
	printf("   %6u %6u | %8.1f %8.1f | %8.1f %8.1f | %5.2f %5.2f | %7.1f %7.1f | %7.3f %7.3f | %7.3f %7.3f\n",
	       generations, listed, sample_min(&s[LOG_PLAIN]) * 1e3, sample_median(&s[LOG_PLAIN]) * 1e3,
	       sample_min(&s[LOG_BACKUP]) * 1e3, sample_median(&s[LOG_BACKUP]) * 1e3,
	       sample_min(&s[LOG_PLAIN]) / sample_min(&s[LOG_BACKUP]),
	       sample_median(&s[LOG_PLAIN]) / sample_median(&s[LOG_BACKUP]),
	       sample_min(&s[LOG_BACKUP]) * 1e6 / listed, sample_median(&s[LOG_BACKUP]) * 1e6 / listed,
	       sample_min(&s[LOG_INFO_FIRST]) * 1e3, sample_median(&s[LOG_INFO_FIRST]) * 1e3,
	       sample_min(&s[LOG_INFO_NEXT]) * 1e3, sample_median(&s[LOG_INFO_NEXT]) * 1e3);
	(void)log_bytes;
	stop(&b);
}

static void usage(void)
{
	printf("usage: backup_bench [--large] [--many-logs] [--repeats N] [--cpu]\n"
	       "  --large      also a database of 1 GiB\n"
	       "  --many-logs  also 10,000 log generations\n"
	       "  --repeats N  1..100 (default 5)\n"
	       "  --cpu        the thread's CPU time, not the wall clock\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int large = 0, many_logs = 0;
	unsigned repeats = 5;
	unsigned char *buf;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--large") == 0)
			large = 1;
		else if (strcmp(argv[i], "--many-logs") == 0)
			many_logs = 1;
		else if (strcmp(argv[i], "--cpu") == 0)
			cpu_clock = 1;
		else if (strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) {
			char *end;
			unsigned long n = strtoul(argv[++i], &end, 10);
			if (*end || n < 1 || n > MAX_REPEATS)
				usage();
			repeats = (unsigned)n;
		} else
			usage();
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("esent engine backup benchmark (%s build), %u repeats, best and median of each,\n"
	       "timed by the %s\n\n",
#ifdef _WIN32
	       "Windows",
#else
	       "native",
#endif
	       repeats, cpu_clock ? "thread's CPU time" : "wall clock");
	empty_folder(DATA);
	buf = page_aligned(MAX_BUFFER);

	checksum_speeds(repeats);

	printf("2. database: plain read, read + verify, streaming backup, MB/s (best, median)\n");
	printf("   %5s %6s | %15s | %15s | %15s | %11s | %11s\n", "MiB", "KiB", "plain read",
	       "read + verify", "backup", "bk/plain", "bk/verify");
	database_speeds(64, repeats, buf);
	database_speeds(256, repeats, buf);
	if (large)
		database_speeds(1024, repeats, buf);

	printf("\n3. logs of %u KiB: an incremental backup's log phase against a plain open,\n"
	       "   read and close of the same files (ms), the backup's cost per generation (us),\n"
	       "   JetGetLogInfo in a full backup: its first call (which rolls) and a later one (ms)\n",
	       LOG_KIB);
	printf("   %6s %6s | %17s | %17s | %11s | %15s | %15s | %15s\n", "gens", "listed",
	       "plain", "backup log phase", "plain/bk", "us per gen", "LogInfo first", "LogInfo next");
	log_speeds(1000, repeats, buf);
	if (many_logs)
		log_speeds(10000, repeats, buf);

	page_free(buf);
	os_remove(DATA);
	return 0;
}
