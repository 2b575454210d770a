/* esentsim: the command line, and what the commands share. */
#include "esentsim.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/database.h"
#include "engine/init_term.h"
#include "format/format.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "instance/session.h"
#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "create", cmd_create, "make an instance folder with databases and log generations" },
	{ "run", cmd_run, "run a workload against an instance folder" },
	{ "dump", cmd_dump, "show database, log and checkpoint headers and checksums" },
	{ "verify", cmd_verify, "check a backup set: files, checksums, log sequence, signatures" },
	{ "backup", cmd_backup, "a streaming backup of an instance folder (full or incremental)" },
	{ "restore", cmd_restore, "restore and recover a backup set into a folder" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: esentsim COMMAND [OPTIONS] ...   (esentsim COMMAND --help)\n\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	tool_error("no command %s (esentsim --help lists them)", argv[1]);
	return 2;
}

void tool_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("esentsim: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

const char *tool_code(int err)
{
	static const struct { int code; const char *name; } names[] = {
		{ JET_errDiskIO, "JET_errDiskIO" },
		{ JET_errReadVerifyFailure, "JET_errReadVerifyFailure" },
		{ JET_errLogReadVerifyFailure, "JET_errLogReadVerifyFailure" },
		{ JET_errLogFileCorrupt, "JET_errLogFileCorrupt" },
		{ JET_errBackupAbortByServer, "JET_errBackupAbortByServer" },
		{ JET_errMissingFileToBackup, "JET_errMissingFileToBackup" },
		{ JET_errFileAccessDenied, "JET_errFileAccessDenied" },
		{ JET_errFileNotFound, "JET_errFileNotFound" },
		{ JET_errDiskFull, "JET_errDiskFull" },
		{ JET_errLogDiskFull, "JET_errLogDiskFull" },
		{ JET_errDatabaseCorrupted, "JET_errDatabaseCorrupted" },
		{ JET_errInvalidParameter, "JET_errInvalidParameter" },
		{ JET_errFeatureNotAvailable, "JET_errFeatureNotAvailable" },
	};
	static char text[64];
	const char *name = "";
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].code == err)
			name = names[i].name;
	snprintf(text, sizeof text, *name ? "%d (%s)" : "%d", err, name);
	return text;
}

int tool_option(int argc, char **argv, int *i, const char *name, const char **value)
{
	if (strcmp(argv[*i], name) != 0)
		return 0;
	if (*i + 1 >= argc) {
		tool_error("%s needs a value", name);
		exit(2);
	}
	*value = argv[++*i];
	return 1;
}

int tool_number(const char *text, uint32_t *out)
{
	char *end;
	unsigned long n;
	if (!isdigit((unsigned char)*text))
		return 0;
	n = strtoul(text, &end, 10);
	if (*end || n > UINT32_MAX)
		return 0;
	*out = (uint32_t)n;
	return 1;
}

int tool_start(struct tool_instance *t, const char *folder, uint32_t log_kib, const char *base,
	       int circular)
{
	int err;
	snprintf(t->folder, sizeof t->folder, "%s%s", folder,
		 path_is_separator(folder[strlen(folder) - 1]) ? "" : "/");
	os_mkdir(folder);
	if (!log_kib) {
		/* an existing log set keeps its size: the engine refuses another */
		char current[1100];
		uint64_t size;
		snprintf(current, sizeof current, "%s%s.log", t->folder, base ? base : "edb");
		if (os_path_size(current, &size) == OS_OK && size >= 1024)
			log_kib = (uint32_t)(size / 1024);
	}
	t->inst = 0;
	err = sim_create_instance(&t->inst, "esentsim", NULL);
	if (!err)
		err = sim_set_param(&t->inst, JET_paramLogFilePath, 0, t->folder);
	if (!err)
		err = sim_set_param(&t->inst, JET_paramSystemPath, 0, t->folder);
	if (!err && log_kib)
		err = sim_set_param(&t->inst, JET_paramLogFileSize, log_kib, NULL);
	if (!err && base)
		err = sim_set_param(&t->inst, JET_paramBaseName, 0, base);
	if (!err && circular)
		err = sim_set_param(&t->inst, JET_paramCircularLog, 1, NULL);
	if (!err)
		err = sim_init(&t->inst, 0);
	if (!err)
		err = sim_begin_session(t->inst, &t->ses);
	if (err)
		tool_error("%s: the instance cannot start: error %s", folder, tool_code(err));
	return err;
}

struct attach_ctx {
	struct tool_instance *t;
	int err;
};

static int attach_one(void *arg, const char *name)
{
	struct attach_ctx *c = arg;
	size_t n = strlen(name);
	char *path;
	int err;
	/* tmp.edb is the instance's own temporary database */
	if (n < 4 || strcmp(name + n - 4, ".edb") != 0 || os_path_equal(name, "tmp.edb"))
		return 0;
	path = path_join(c->t->folder, name);
	err = path ? sim_attach_database(c->t->ses, path, 0, 0) : JET_errOutOfMemory;
	if (err < 0 && !c->err) {
		tool_error("%s: cannot attach: error %s", path, tool_code(err));
		c->err = err;
	}
	free(path);
	return 0;
}

int tool_attach_all(struct tool_instance *t)
{
	struct attach_ctx c = { t, 0 };
	os_list_dir(t->folder, attach_one, &c);
	return c.err;
}

void tool_stop(struct tool_instance *t)
{
	if (t->inst)
		sim_term(t->inst, 0);
	t->inst = 0;
}

uint32_t tool_generation(struct tool_instance *t)
{
	struct instance *in;
	uint32_t gen = 0;
	if (instance_enter(t->inst, 0, &in) == JET_errSuccess) {
		if (instance_logging_enabled(in))
			gen = instance_log_end(in).generation;
		instance_leave(in, 0);
	}
	return gen;
}

int tool_is_trailer(const unsigned char *page, uint32_t page_size)
{
	return get32(page) == checksum_header(page, page_size);
}
