/*
 * esentsim restore: a streaming backup set (what `esentsim backup` or any
 * client copied: database streams and logs in one folder) restored into a
 * folder and recovered, as JetExternalRestore does it: each database copy
 * is copied into the folder and the set's logs replayed onto it there.
 * The set itself is only read.
 */
#include "esentsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"
#include "restore/restore.h"

static const char help[] =
	"usage: esentsim restore SET FOLDER\n"
	"  Restores the streaming backup set in SET (database copies *.edb and their\n"
	"  logs) into FOLDER and recovers it: the copies are checked against their\n"
	"  patch pages and logs, copied into FOLDER, and the set's logs replayed onto\n"
	"  them, which end cleanly shut down.  SET is not changed.\n";

struct databases {
	char **names;
	unsigned count;
};

static int is_database(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".edb") == 0;
}

static int collect(void *ctx, const char *name)
{
	struct databases *d = ctx;
	char **grown;
	if (!is_database(name))
		return 0;
	grown = realloc(d->names, (d->count + 1) * sizeof *grown);
	if (!grown)
		return -1;
	d->names = grown;
	d->names[d->count] = malloc(strlen(name) + 1);
	if (!d->names[d->count])
		return -1;
	strcpy(d->names[d->count++], name);
	return 0;
}

static int copy_whole(const char *from, const char *to)
{
	static unsigned char buf[1 << 20];
	os_file *in = NULL, *out = NULL;
	uint64_t size, offset = 0;
	int ok = os_file_open(from, OS_OPEN_READ, &in) == OS_OK && os_file_size(in, &size) == OS_OK &&
		 os_file_open(to, OS_OPEN_CREATE, &out) == OS_OK;
	while (ok && offset < size) {
		size_t n = size - offset < sizeof buf ? (size_t)(size - offset) : sizeof buf;
		ok = os_file_read_at(in, offset, buf, n, NULL) == OS_OK &&
		     os_file_write_at(out, offset, buf, n) == OS_OK;
		offset += n;
	}
	ok = ok && os_file_sync(out) == OS_OK;
	if (in)
		os_file_close(in);
	if (out)
		os_file_close(out);
	return ok;
}

static int status(void *ctx, uint32_t snt, uint32_t done, uint32_t total)
{
	if (snt == JET_sntProgress)
		printf("replayed %u of %u\n", (unsigned)done, (unsigned)total);
	return JET_errSuccess;
}

int cmd_restore(int argc, char **argv)
{
	struct databases d = { 0 };
	struct restore_map_entry *map = NULL;
	struct external_restore r;
	int err = JET_errSuccess, rc = 1;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return fputs(help, stdout), 0;
	if (argc != 3)
		return fputs(help, stderr), 2;
	if (os_path_exists(argv[1]) != 2)
		return tool_error("%s: not a folder", argv[1]), 1;
	if (os_list_dir(argv[1], collect, &d) != OS_OK || d.count == 0) {
		tool_error("%s: no database copy (*.edb) in the set", argv[1]);
		goto out;
	}
	if (path_make_folders(argv[2]) != OS_OK) {
		tool_error("%s: cannot be made", argv[2]);
		goto out;
	}
	map = calloc(d.count, sizeof *map);
	for (unsigned i = 0; map && i < d.count; i++) {
		char *from = path_join(argv[1], d.names[i]);
		char *to = path_join(argv[2], d.names[i]);
		if (!from || !to || os_path_exists(to) != 0 || !copy_whole(from, to)) {
			tool_error("%s: cannot be copied into %s (or is there already)", d.names[i],
				   argv[2]);
			free(from);
			free(to);
			goto out;
		}
		map[i].database = d.names[i];
		map[i].new_database = to;
		free(from);
	}
	if (!map)
		goto out;
	memset(&r, 0, sizeof r);
	r.checkpoint_path = argv[2];
	r.log_path = argv[2];
	r.map = map;
	r.map_count = d.count;
	r.backup_log_path = argv[1];
	r.status = status;
	err = sim_external_restore(&r);
	if (err < 0) {
		tool_error("restore of %s returned %s", argv[1], tool_code(err));
		goto out;
	}
	printf("restored %u database%s into %s\n", d.count, d.count == 1 ? "" : "s", argv[2]);
	rc = 0;
out:
	for (unsigned i = 0; i < d.count; i++) {
		free(d.names[i]);
		if (map)
			free((char *)map[i].new_database);
	}
	free(d.names);
	free(map);
	return rc;
}
