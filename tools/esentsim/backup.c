#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L
#endif
/*
 * esentsim backup: a reference streaming backup client (full or
 * incremental), as a backup program drives the JetBackup calls: the
 * databases, then the logs, then truncation and the end.  A progress bar
 * (bytes, MB/s, time left) on a terminal, a line a file otherwise.
 */
#include "esentsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <io.h>
#include <malloc.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

#include "backup/backup.h"
#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"

static const char help[] =
	"usage: esentsim backup FOLDER TARGET [--incremental]\n"
	"  Starts the instance of FOLDER (its *.edb attached) and copies a streaming\n"
	"  backup into TARGET: the databases (full backup only), then the logs; the\n"
	"  logs no longer needed are truncated and the backup recorded in the\n"
	"  database headers.  ESENT_SIM_SCENARIO applies, [faults] included: a fault\n"
	"  ends the backup with the engine's code, as any client sees it.\n";

#define CHUNK (1024 * 1024)

struct progress {
	int terminal;
	uint64_t done, total;
	uint64_t started;
};

static void *aligned(size_t size)
{
#ifdef _WIN32
	return _aligned_malloc(size, 4096);
#else
	void *p = NULL;
	return posix_memalign(&p, 4096, size) == 0 ? p : NULL;
#endif
}

static void aligned_free(void *p)
{
#ifdef _WIN32
	_aligned_free(p);
#else
	free(p);
#endif
}

static void show(struct progress *p, const char *name, int finished)
{
	double seconds = (os_monotonic_ms() - p->started) / 1000.0;
	double rate = seconds > 0 ? p->done / seconds / 1e6 : 0;
	if (p->terminal) {
		unsigned width = 30, filled = p->total ? (unsigned)(p->done * width / p->total) : 0;
		double left = rate > 0 && p->total > p->done ? (p->total - p->done) / 1e6 / rate : 0;
		char bar[32];
		memset(bar, '#', filled > width ? width : filled);
		memset(bar + (filled > width ? width : filled), '.', width - (filled > width ? width : filled));
		bar[width] = 0;
		printf("\r[%s] %8.1f MiB %7.1f MB/s ETA %4.0f s  %-24.24s", bar, p->done / 1048576.0,
		       rate, left, name);
		if (finished)
			putchar('\n');
		fflush(stdout);
	} else if (finished) {
		printf("copied %s: %.1f MiB so far, %.1f MB/s\n", name, p->done / 1048576.0, rate);
	}
}

static int copy_file(uintptr_t inst, const char *path, const char *target, unsigned char *buf,
		     struct progress *p)
{
	const char *name = path + strlen(path);
	uintptr_t h;
	uint64_t size, offset = 0;
	os_file *out = NULL;
	char *dest;
	int err;

	while (name > path && !path_is_separator(name[-1]))
		name--;
	err = sim_backup_open_file(inst, 0, path, &h, &size);
	if (err) {
		tool_error("JetOpenFileInstance(%s) returned %s", path, tool_code(err));
		return err;
	}
	p->total += size;
	dest = path_join(target, name);
	if (!dest || os_file_open(dest, OS_OPEN_TRUNCATE, &out) != OS_OK) {
		tool_error("%s: cannot be written", dest ? dest : name);
		free(dest);
		sim_backup_close_file(inst, 0, h);
		return JET_errDiskIO;
	}
	for (;;) {
		uint32_t got = 0;
		err = sim_backup_read_file(inst, 0, h, buf, CHUNK, &got);
		if (err) {
			if (p->terminal)
				putchar('\n');
			tool_error("JetReadFileInstance(%s) returned %s", path, tool_code(err));
			break;
		}
		if (!got)
			break;
		if (os_file_write_at(out, offset, buf, got) != OS_OK) {
			tool_error("%s: write failed", dest);
			err = JET_errDiskIO;
			break;
		}
		offset += got;
		p->done += got;
		show(p, name, 0);
	}
	os_file_close(out);
	free(dest);
	if (!err)
		err = sim_backup_close_file(inst, 0, h);
	if (!err)
		show(p, name, 1);
	return err;
}

static int copy_list(uintptr_t inst, const struct path_list *l, const char *target,
		     unsigned char *buf, struct progress *p)
{
	int err = 0;
	for (const char *s = l->text; !err && s && *s; s += strlen(s) + 1)
		err = copy_file(inst, s, target, buf, p);
	return err;
}

int cmd_backup(int argc, char **argv)
{
	const char *folder = NULL, *target = NULL;
	int incremental = 0, err;
	struct tool_instance t;
	struct path_list dbs = { 0 }, logs = { 0 };
	struct backup_log_info info;
	struct progress p = { 0 };
	unsigned char *buf;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return fputs(help, stdout), 0;
		if (strcmp(argv[i], "--incremental") == 0)
			incremental = 1;
		else if (argv[i][0] == '-')
			return tool_error("backup: unknown option %s", argv[i]), 2;
		else if (!folder)
			folder = argv[i];
		else if (!target)
			target = argv[i];
		else
			return tool_error("backup: one folder and one target"), 2;
	}
	if (!folder || !target)
		return fputs(help, stderr), 2;
	if (os_path_exists(folder) != 2)
		return tool_error("%s: no such folder", folder), 1;
	os_mkdir(target);
	buf = aligned(CHUNK);
	if (!buf || tool_start(&t, folder, 0, NULL, 0))
		return aligned_free(buf), 1;
	p.terminal = isatty(fileno(stdout));
	p.started = os_monotonic_ms();
	err = tool_attach_all(&t);
	if (!err && (err = sim_backup_begin(t.inst, 0, incremental ? JET_bitBackupIncremental : 0)))
		tool_error("JetBeginExternalBackupInstance returned %s", tool_code(err));
	else if (!err) {
		if (!incremental && (err = sim_backup_attach_info(t.inst, 0, &dbs)))
			tool_error("JetGetAttachInfoInstance returned %s", tool_code(err));
		if (!err && !incremental)
			err = copy_list(t.inst, &dbs, target, buf, &p);
		if (!err && (err = sim_backup_log_info(t.inst, 0, &logs, &info)))
			tool_error("JetGetLogInfoInstance returned %s", tool_code(err));
		if (!err)
			err = copy_list(t.inst, &logs, target, buf, &p);
		if (!err && (err = sim_backup_truncate_log(t.inst, 0)))
			tool_error("JetTruncateLogInstance returned %s", tool_code(err));
		if (err)
			sim_backup_end(t.inst, 0, JET_bitBackupEndAbort);
		else if ((err = sim_backup_end(t.inst, 0, JET_bitBackupEndNormal)))
			tool_error("JetEndExternalBackupInstance returned %s", tool_code(err));
	}
	tool_stop(&t);
	path_list_free(&dbs);
	path_list_free(&logs);
	aligned_free(buf);
	if (!err)
		printf("%s backup of %s into %s: %.1f MiB, log generations %u to %u\n",
		       incremental ? "incremental" : "full", folder, target, p.done / 1048576.0,
		       info.gen_low, info.gen_high);
	return err ? 1 : 0;
}
