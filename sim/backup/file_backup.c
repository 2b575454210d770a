/*
 * JetBackupInstance: the engine's own backup into a folder, made of the
 * streaming backup's steps (ESE's BACKUP_CONTEXT::ErrBKBackup, backup.cxx):
 * begin, the databases (full), the logs, the truncation, the end.
 *
 * The folder (ErrBKIPrepareDirectory): a full backup needs it empty; an
 * incremental one needs no "new" or "old" subfolder in it.  With
 * JET_bitBackupAtomic a full backup is made in "temp", which becomes "new"
 * once complete, the previous "new" becoming "old" first; an incremental
 * one adds its logs to "old"... as ESE writes it, which is the previous
 * set once "new" moved there.  A backup that fails or is stopped by its
 * callback leaves no set that looks complete: "temp" is removed, and the
 * files a non-atomic backup copied are deleted.
 */
#include "backup/file_backup.h"

#include <stdlib.h>
#include <string.h>

#include "backup/backup.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"

struct copied {
	char **paths;
	unsigned count, capacity;
};

static void copied_forget(struct copied *c, int remove)
{
	for (unsigned i = 0; i < c->count; i++) {
		if (remove)
			os_remove(c->paths[i]);
		free(c->paths[i]);
	}
	free(c->paths);
	memset(c, 0, sizeof *c);
}

static int remove_entry(void *ctx, const char *name)
{
	char *path = path_join(ctx, name);
	if (path && os_remove(path) != OS_OK)
		os_rmdir(path);
	free(path);
	return 0;
}

/* A folder of files removed with them (ErrLGDeleteAllFiles). */
static void remove_folder(const char *folder)
{
	if (os_path_exists(folder) == 2) {
		os_list_dir(folder, remove_entry, (void *)folder);
		os_rmdir(folder);
	}
}

static int count_entry(void *ctx, const char *name)
{
	(void)name;
	++*(unsigned *)ctx;
	return 0;
}

static unsigned entries_in(const char *folder)
{
	unsigned n = 0;
	os_list_dir(folder, count_entry, &n);
	return n;
}

static const char *base_name(const char *path)
{
	const char *name = path;
	for (const char *p = path; *p; p++)
		if (path_is_separator(*p))
			name = p + 1;
	return name;
}

struct file_backup {
	uintptr_t instance;
	int legacy;
	char *folder;       /* the folder given */
	char *into;         /* where the files go */
	char *temp;         /* <folder>/temp, made for an atomic full backup */
	unsigned char *buffer;      /* page aligned, in `block` */
	unsigned char *block;
	struct copied copied;
	backup_status_fn status;
	void *status_ctx;
	uint32_t done, total;
};

enum { BUFFER_BYTES = 256 * 4096 };

static int report(struct file_backup *b, uint32_t snt)
{
	return b->status ? b->status(b->status_ctx, snt, b->done, b->total) : JET_errSuccess;
}

/* One file of the set, read through the streaming API into `into`. */
static int copy_one(struct file_backup *b, const char *path)
{
	uintptr_t h;
	uint64_t size, at = 0;
	uint32_t got;
	os_file *out = NULL;
	char *to = b->into ? path_join(b->into, base_name(path)) : NULL;
	int err;

	if (b->into && !to)
		return JET_errOutOfMemory;
	err = sim_backup_open_file(b->instance, b->legacy, path, &h, &size);
	if (err) {
		free(to);
		return err;
	}
	if (to)
		os_remove(to);
	if (to && os_file_open(to, OS_OPEN_CREATE_EXCLUSIVE, &out) != OS_OK) {
		sim_backup_close_file(b->instance, b->legacy, h);
		free(to);
		return JET_errMakeBackupDirectoryFail;
	}
	if (to && b->copied.count == b->copied.capacity) {
		unsigned cap = b->copied.capacity ? 2 * b->copied.capacity : 16;
		char **grown = realloc(b->copied.paths, cap * sizeof *grown);
		if (grown) {
			b->copied.paths = grown;
			b->copied.capacity = cap;
		}
	}
	if (!to) {
		/* read to nowhere */
	} else if (b->copied.count < b->copied.capacity) {
		b->copied.paths[b->copied.count++] = to;   /* removed if the backup fails */
	} else {
		os_file_close(out);
		os_remove(to);
		free(to);
		sim_backup_close_file(b->instance, b->legacy, h);
		return JET_errOutOfMemory;
	}
	do {
		if (!err)
			err = sim_backup_read_file(b->instance, b->legacy, h, b->buffer, BUFFER_BYTES, &got);
		if (!err && got && out && os_file_write_at(out, at, b->buffer, got) != OS_OK)
			err = JET_errDiskIO;
		at += got;
	} while (!err && got);
	if (!err && at != size)
		err = JET_errDiskIO;
	if (!err && out && os_file_sync(out) != OS_OK)
		err = JET_errDiskIO;
	if (out)
		os_file_close(out);
	if (!err)
		err = sim_backup_close_file(b->instance, b->legacy, h);
	else
		sim_backup_close_file(b->instance, b->legacy, h);
	b->done++;
	if (!err)
		err = report(b, JET_sntProgress);
	return err;
}

static int copy_list(struct file_backup *b, const struct path_list *l)
{
	int err = JET_errSuccess;
	for (const char *p = l->text; !err && *p; p += strlen(p) + 1)
		err = copy_one(b, p);
	return err;
}

static unsigned list_count(const struct path_list *l)
{
	unsigned n = 0;
	for (const char *p = l->text; *p; p += strlen(p) + 1)
		n++;
	return n;
}

/* ErrBKIPrepareDirectory. */
static int prepare_folder(struct file_backup *b, int full, int atomic)
{
	char *new_dir = path_join(b->folder, "new"), *old_dir = path_join(b->folder, "old");
	int err = JET_errSuccess;
	if (!new_dir || !old_dir || !(b->temp = path_join(b->folder, "temp")))
		err = JET_errOutOfMemory;
	if (!err)
		remove_folder(b->temp);
	if (!err && atomic) {
		if (os_path_exists(new_dir) == 2) {
			remove_folder(old_dir);
			if (os_rename_folder(new_dir, old_dir) != OS_OK)
				err = JET_errMakeBackupDirectoryFail;
		}
		if (!err && full) {
			if (os_mkdir(b->temp) != OS_OK)
				err = JET_errMakeBackupDirectoryFail;
			else
				b->into = b->temp;   /* promoted to "new" at the end */
		} else if (!err) {
			if (os_path_exists(old_dir) != 2)
				err = JET_errMakeBackupDirectoryFail;
			b->into = old_dir;
			old_dir = NULL;
		}
	} else if (!err) {
		if (full ? entries_in(b->folder) != 0
			 : os_path_exists(new_dir) == 2 || os_path_exists(old_dir) == 2)
			err = JET_errBackupDirectoryNotEmpty;
		b->into = b->folder;
	}
	free(new_dir);
	free(old_dir);
	return err;
}

/* ErrBKIPromoteDirectory: "temp" becomes "new", "old" goes. */
static int promote(struct file_backup *b)
{
	char *new_dir = path_join(b->folder, "new"), *old_dir = path_join(b->folder, "old");
	int err = new_dir && old_dir ? JET_errSuccess : JET_errOutOfMemory;
	if (!err && os_rename_folder(b->temp, new_dir) != OS_OK)
		err = JET_errMakeBackupDirectoryFail;
	if (!err)
		remove_folder(old_dir);
	free(new_dir);
	free(old_dir);
	return err;
}

int sim_backup_to_folder(uintptr_t instance, int legacy, const char *folder, uint32_t grbit,
			 backup_status_fn fn, void *ctx)
{
	struct file_backup b = { .instance = instance, .legacy = legacy };
	const int full = !(grbit & JET_bitBackupIncremental), atomic = !!(grbit & JET_bitBackupAtomic);
	struct path_list dbs = { 0 }, logs = { 0 }, old = { 0 };
	int err, end;

	if (grbit & ~(uint32_t)(JET_bitBackupIncremental | JET_bitBackupAtomic))
		return JET_errInvalidGrbit;
	b.status = fn;
	b.status_ctx = ctx;
	err = sim_backup_begin(instance, legacy, full ? 0 : JET_bitBackupIncremental);
	if (err)
		return err;
	if (folder && folder[0]) {
		intptr_t create = 0;
		char *unused = NULL;
		sim_get_param(legacy ? 0 : instance, JET_paramCreatePathIfNotExist, &create, &unused);
		free(unused);
		b.folder = os_full_path(folder);
		/* reads go into page-aligned buffers, as ESE's unbuffered I/O needs */
		if (!b.folder || !(b.block = malloc(BUFFER_BYTES + 4096)))
			err = JET_errOutOfMemory;
		else if (create && path_make_folders(b.folder) != 0)
			err = JET_errInvalidPath;
		else if (os_path_exists(b.folder) != 2)
			err = JET_errInvalidPath;
		if (!err) {
			b.buffer = b.block + (4096 - (uintptr_t)b.block % 4096) % 4096;
			err = prepare_folder(&b, full, atomic);
		}
		if (!err && full)
			err = sim_backup_attach_info(instance, legacy, &dbs);
		if (!err) {
			b.total = full ? list_count(&dbs) : 0;
			err = report(&b, JET_sntBegin);
		}
		if (!err && full)
			err = copy_list(&b, &dbs);
		/* the log list after the databases, as ESE takes it: the set
		 * ends with the generation current once they are copied */
		if (!err)
			err = sim_backup_log_info(instance, legacy, &logs, NULL);
		if (!err) {
			b.total += list_count(&logs);
			err = copy_list(&b, &logs);
		}
		if (!err && atomic && full)
			err = promote(&b);
	} else {
		/* no folder: the logs the checkpoint no longer needs go
		 * (ErrBKBackup).  The streaming backup deletes only logs that
		 * were read, so each is read, to nowhere. */
		if (!(b.block = malloc(BUFFER_BYTES + 4096)))
			err = JET_errOutOfMemory;
		else
			b.buffer = b.block + (4096 - (uintptr_t)b.block % 4096) % 4096;
		if (!err)
			err = sim_backup_log_info(instance, legacy, &logs, NULL);
		if (!err)
			err = copy_list(&b, &logs);
	}
	if (!err)
		err = sim_backup_truncate_log_info(instance, legacy, &old);
	if (!err)
		err = sim_backup_truncate_log(instance, legacy);

	if (!err && folder && folder[0])
		err = report(&b, JET_sntComplete);
	end = sim_backup_end(instance, legacy, err ? JET_bitBackupEndAbort : JET_bitBackupEndNormal);
	if (!err)
		err = end;
	if (err) {
		if (b.status)
			b.status(b.status_ctx, JET_sntFail, b.done, b.total);
		/* nothing that looks like a complete set stays */
		copied_forget(&b.copied, 1);
		if (b.temp)
			remove_folder(b.temp);
	}
	copied_forget(&b.copied, 0);
	path_list_free(&dbs);
	path_list_free(&logs);
	path_list_free(&old);
	if (b.into != b.folder && b.into != b.temp)
		free(b.into);
	free(b.temp);
	free(b.folder);
	free(b.block);
	return err;
}
