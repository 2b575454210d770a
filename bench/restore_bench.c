/*
 * restore_bench [GENERATIONS [REPEATS] [--cpu] [--cache PAGES]]: the
 * engine's restore path (JetRestoreInstance: the database copy copied to
 * its destination, checked against its patch page, every generation of
 * the set replayed onto it, the result made consistent) against the
 * physical limit measured in the same run: the same bytes moved plainly
 * (the database copied with the same file layer and a 1 MiB buffer, each
 * log read whole).
 *
 * The set: a full JetBackupInstance of a 64 MiB database, then GENERATIONS
 * generations of 128 KiB logs of page changes (each a logged write of 1 KiB
 * into a page drawn at random), then an incremental backup into the same
 * folder.  Each repeat runs both subjects, their order turning; the best
 * and the median are printed: restore MB/s (the set's bytes, MB = 10^6),
 * generations replayed per second, and restore/plain.  --cpu: the
 * thread's CPU time instead of the wall clock; --cache: JET_paramCacheSizeMax
 * (pages), which bounds the replay's page cache.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _WIN32
#include <windows.h>
#endif

#include "backup/file_backup.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "instance/session.h"
#include "jet_values.h"
#include "os/os.h"
#include "restore/restore.h"

#define MAX_REPEATS 50
#define DB_PAGES (64u * 256u)   /* 64 MiB of 4 KiB pages */

static int cpu_clock;
static intptr_t cache_pages;   /* JET_paramCacheSizeMax, 0: the default */

static double now(void)
{
#ifdef _WIN32
	static LARGE_INTEGER freq;
	LARGE_INTEGER t;
	if (cpu_clock) {
		FILETIME created, exited, kernel, user;
		GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user);
		return ((double)((uint64_t)kernel.dwHighDateTime << 32 | kernel.dwLowDateTime) +
			(double)((uint64_t)user.dwHighDateTime << 32 | user.dwLowDateTime)) / 1e7;
	}
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

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, unsigned n)
{
	qsort(v, n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double best(const double *v, unsigned n)
{
	double m = v[0];
	for (unsigned i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

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

/* The set: "set" holds a.edb and its logs; *bytes what they weigh. */
struct set_files {
	char names[4096][32];
	unsigned count;
	uint64_t bytes;
};

static int note_file(void *ctx, const char *name)
{
	struct set_files *s = ctx;
	char path[1024];
	os_file *f;
	uint64_t size = 0;
	if (s->count == 4096)
		return 1;
	snprintf(path, sizeof path, "set%c%s", os_path_separator(), name);
	if (os_file_open(path, OS_OPEN_READ, &f) != OS_OK)
		return 0;
	os_file_size(f, &size);
	os_file_close(f);
	snprintf(s->names[s->count++], sizeof s->names[0], "%s", name);
	s->bytes += size;
	return 0;
}

static uint32_t make_set(uint32_t generations)
{
	uintptr_t inst, ses;
	uint32_t dbid, actual, first, last;
	struct instance *in;
	unsigned char data[1024];
	uint32_t seed = 12345;

	empty_folder("src");
	empty_folder("set");
	CALL(sim_create_instance(&inst, "source", NULL));
	CALL(sim_set_param(&inst, JET_paramLogFilePath, 0, "src/"));
	CALL(sim_set_param(&inst, JET_paramSystemPath, 0, "src/"));
	CALL(sim_set_param(&inst, JET_paramLogFileSize, 128, NULL));
	CALL(sim_init(&inst, 0));
	CALL(sim_begin_session(inst, &ses));
	CALL(sim_create_database(ses, "src/a.edb", 0, 0, &dbid));
	CALL(sim_grow_database(ses, dbid, DB_PAGES, &actual));
	CALL(sim_backup_to_folder(inst, 0, "set", 0, NULL, NULL));
	CALL(instance_enter(inst, 0, &in));
	first = instance_log_end(in).generation;
	memset(data, 0x5A, sizeof data);
	while (instance_log_end(in).generation < first + generations) {
		seed = seed * 1103515245u + 12345u;
		data[0] = (unsigned char)seed;
		CALL(database_write(in, instance_database(in, dbid), 1 + (seed >> 8) % (actual - 1),
				    64 + (seed >> 4) % 2048, data, sizeof data));
	}
	last = instance_log_end(in).generation;
	instance_leave(in, 0);
	CALL(sim_backup_to_folder(inst, 0, "set", JET_bitBackupIncremental, NULL, NULL));
	CALL(sim_end_session(ses, 0));
	CALL(sim_term(inst, 0));
	return last - first;
}

static double restore_once(void)
{
	uintptr_t r;
	double t;
	empty_folder("out");
	empty_folder("rl");
	CALL(sim_create_instance(&r, "restore", NULL));
	CALL(sim_set_param(&r, JET_paramLogFilePath, 0, "rl/"));
	CALL(sim_set_param(&r, JET_paramSystemPath, 0, "rl/"));
	t = now();
	CALL(sim_restore_instance(r, 0, "set", "out", NULL, NULL));
	t = now() - t;
	CALL(sim_term(r, 0));
	return t;
}

/* The limit: the database copied to out/ and every log read. */
static double plain_once(const struct set_files *s, unsigned char *buf)
{
	double t;
	char from[1024];
	empty_folder("out");
	t = now();
	for (unsigned i = 0; i < s->count; i++) {
		os_file *in, *out = NULL;
		uint64_t at = 0;
		size_t got;
		int is_db = strstr(s->names[i], ".edb") != NULL;
		snprintf(from, sizeof from, "set%c%s", os_path_separator(), s->names[i]);
		CALL(os_file_open(from, OS_OPEN_READ, &in));
		if (is_db)
			CALL(os_file_open("out/a.edb", OS_OPEN_CREATE_EXCLUSIVE, &out));
		do {
			CALL(os_file_read_at(in, at, buf, 1 << 20, &got));
			if (out && got)
				CALL(os_file_write_at(out, at, buf, got));
			at += got;
		} while (got);
		if (out) {
			CALL(os_file_sync(out));
			os_file_close(out);
		}
		os_file_close(in);
	}
	return now() - t;
}

int main(int argc, char **argv)
{
	uint32_t generations = 200, replayed;
	unsigned repeats = 3, n = 0;
	double restore[MAX_REPEATS], plain[MAX_REPEATS], ratio[MAX_REPEATS];
	static struct set_files files;
	unsigned char *buf = malloc(1 << 20);
	int positional = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--cpu") == 0)
			cpu_clock = 1;
		else if (strcmp(argv[i], "--cache") == 0 && i + 1 < argc)
			cache_pages = atoi(argv[++i]);
		else if (positional++ == 0)
			generations = (uint32_t)atoi(argv[i]);
		else
			repeats = (unsigned)atoi(argv[i]);
	}
	if (!buf || generations < 1 || repeats < 1 || repeats > MAX_REPEATS) {
		printf("usage: restore_bench [GENERATIONS [REPEATS]] [--cpu] [--cache PAGES]\n");
		return 2;
	}
	if (cache_pages) {
		uintptr_t none = 0;
		CALL(sim_set_param(&none, JET_paramCacheSizeMax, cache_pages, NULL));
	}
	replayed = make_set(generations);
	os_list_dir("set", note_file, &files);
	printf("set: %u files, %.1f MB, %u generations of 128 KiB after the full backup\n",
	       files.count, (double)files.bytes / 1e6, replayed);
	for (; n < repeats; n++) {
		if (n % 2) {
			plain[n] = plain_once(&files, buf);
			restore[n] = restore_once();
		} else {
			restore[n] = restore_once();
			plain[n] = plain_once(&files, buf);
		}
		ratio[n] = plain[n] / restore[n];
	}
	{
		double rb = best(restore, n), pb = best(plain, n), rbest = pb / rb;
		double rm = median(restore, n), pm = median(plain, n), rmed = median(ratio, n);
		printf("restore (%s): best %.1f ms, median %.1f ms\n", cpu_clock ? "CPU" : "wall",
		       rb * 1e3, rm * 1e3);
		printf("restore MB/s: best %.1f, median %.1f\n", files.bytes / 1e6 / rb,
		       files.bytes / 1e6 / rm);
		printf("generations replayed per second: best %.0f, median %.0f (%.1f us each)\n",
		       replayed / rb, replayed / rm, rb * 1e6 / replayed);
		printf("plain copy/read of the set MB/s: best %.1f, median %.1f\n",
		       files.bytes / 1e6 / pb, files.bytes / 1e6 / pm);
		printf("restore/plain: %.2fx best, %.2fx median\n", rbest, rmed);
	}
	empty_folder("out");
	empty_folder("rl");
	empty_folder("set");
	empty_folder("src");
	free(buf);
	return 0;
}
