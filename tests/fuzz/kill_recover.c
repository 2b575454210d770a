#define _POSIX_C_SOURCE 200809L
/*
 * Kill and recover: a child process is killed (SIGKILL) at a random point,
 * chosen from the seed, in one of three kinds of work:
 *   write    it writes pages through the log, and now and then makes a
 *            full streaming backup (reading every file) and truncates the
 *            logs.  The next JetInit must recover: every write
 *            acknowledged is in the database (the one whose
 *            acknowledgement the kill cut off may be too), and the
 *            database attaches.
 *   freeze   the same writes, and now and then an OS snapshot: prepare,
 *            freeze, a copy of the folder taken while frozen, thaw, end.
 *            The kill lands before, inside or after a freeze; recovery is
 *            as for write, and a copy finished during a freeze is whole.
 *   restore  it writes, keeps a streaming backup set, then restores the
 *            set (JetExternalRestore) over and over.  The kill lands inside
 *            a restore; restoring again must finish it: the database holds
 *            every write the backup held, and the set is unchanged.
 * Usage: kill_recover SEED ITERATIONS [write|freeze|restore]
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backup/backup.h"
#include "restore/restore.h"
#include "snapshot/snapshot.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "format/dbfile.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "jet_values.h"
#include "os/os.h"

#define FIRST_PAGE (DATABASE_SYSTEM_PAGES + 1)
#define LAST_PAGE DATABASE_INITIAL_PAGES
#define PAGE 4096
#define BACKUP_EVERY 150

struct change {
	uint32_t pgno, offset, length;
	unsigned char data[300];
};

static void change_number(uint32_t n, struct change *c)
{
	uint32_t x = n * 2654435761u + 12345;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	c->pgno = FIRST_PAGE + x % (LAST_PAGE - FIRST_PAGE + 1);
	c->length = 16 + (x >> 8) % 280;
	c->offset = 40 + (x >> 3) % (PAGE - 4 - 40 - c->length);
	for (uint32_t i = 0; i < c->length; i++)
		c->data[i] = (unsigned char)(n + i * 7);
}

static unsigned char *model_after(uint32_t count)
{
	unsigned char *m = calloc(LAST_PAGE + 1, PAGE);
	struct change c;
	for (uint32_t n = 0; n < count; n++) {
		change_number(n, &c);
		memcpy(m + (size_t)c.pgno * PAGE + c.offset, c.data, c.length);
	}
	return m;
}

static int file_matches(const char *path, const unsigned char *model)
{
	unsigned char page[PAGE];
	os_file *f;
	int same = 1;
	if (os_file_open(path, OS_OPEN_READ, &f) != OS_OK)
		return 0;
	for (uint32_t pgno = FIRST_PAGE; same && pgno <= LAST_PAGE; pgno++) {
		if (page_read(f, PAGE, pgno, page) != JET_errSuccess)
			same = 0;
		else
			same = memcmp(page + 40, model + (size_t)pgno * PAGE + 40, PAGE - 44) == 0;
	}
	os_file_close(f);
	return same;
}

static int pages_whole(const char *path)
{
	unsigned char page[PAGE];
	os_file *f;
	int whole = 1;
	if (os_file_open(path, OS_OPEN_READ, &f) != OS_OK)
		return 0;
	for (uint32_t pgno = 1; whole && pgno <= LAST_PAGE; pgno++)
		whole = page_read(f, PAGE, pgno, page) == JET_errSuccess;
	os_file_close(f);
	return whole;
}

static int start(const char *dir, uintptr_t *inst, uintptr_t *ses)
{
	char folder[64];
	int err;
	snprintf(folder, sizeof folder, "%s/", dir);
	mkdir(dir, 0755);
	err = sim_create_instance(inst, "k", NULL);
	if (!err)
		err = sim_set_param(inst, JET_paramLogFilePath, 0, folder);
	if (!err)
		err = sim_set_param(inst, JET_paramSystemPath, 0, folder);
	if (!err)
		err = sim_set_param(inst, JET_paramLogFileSize, 128, NULL);
	if (!err)
		err = sim_set_param(inst, JET_paramCheckpointDepthMax, 256 * 1024, NULL);
	if (!err)
		err = sim_init(inst, 0);
	if (!err)
		err = sim_begin_session(*inst, ses);
	return err;
}

/* A full backup: every file listed read to its end (and, with a folder
 * named, kept there under its own name), then the logs no longer needed
 * truncated. */
static int copy_listed(uintptr_t inst, struct path_list *list, const char *keep)
{
	static _Alignas(4096) unsigned char buf[65536];   /* the engine reads page-aligned */
	int err = JET_errSuccess;
	for (const char *p = list->text; !err && *p; p += strlen(p) + 1) {
		uintptr_t h;
		uint64_t size, at = 0;
		uint32_t got = 1;
		os_file *out = NULL;
		if (keep) {
			char path[512];
			const char *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
			snprintf(path, sizeof path, "%s/%s", keep, base);
			if (os_file_open(path, OS_OPEN_CREATE, &out) != OS_OK)
				err = JET_errDiskIO;
		}
		if (!err)
			err = sim_backup_open_file(inst, 0, p, &h, &size);
		while (!err && got) {
			err = sim_backup_read_file(inst, 0, h, buf, sizeof buf, &got);
			if (!err && out && got && os_file_write_at(out, at, buf, got) != OS_OK)
				err = JET_errDiskIO;
			at += got;
		}
		if (!err)
			err = sim_backup_close_file(inst, 0, h);
		if (out) {
			os_file_sync(out);
			os_file_close(out);
		}
	}
	path_list_free(list);
	return err;
}

static int backup(uintptr_t inst, const char *keep)
{
	struct path_list list;
	struct backup_log_info info;
	int err = sim_backup_begin(inst, 0, 0);
	if (err)
		return err;
	err = sim_backup_attach_info(inst, 0, &list);
	if (!err)
		err = copy_listed(inst, &list, keep);
	if (!err)
		err = sim_backup_log_info(inst, 0, &list, &info);
	if (!err)
		err = copy_listed(inst, &list, keep);
	if (!err)
		err = sim_backup_truncate_log(inst, 0);
	sim_backup_end(inst, 0, err ? JET_bitBackupEndAbort : JET_bitBackupEndNormal);
	return err;
}

/* One file copied whole; 1 when done. */
static int copy_file(const char *from, const char *to)
{
	static unsigned char buf[65536];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;
	int ok = in && out;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = 0;
	return ok;
}

/* Every regular file of `from` copied into `to` (made). */
static int copy_folder(const char *from, const char *to)
{
	DIR *d = opendir(from);
	struct dirent *e;
	int ok = d != NULL;
	mkdir(to, 0755);
	while (ok && (e = readdir(d)) != NULL) {
		char a[512], b[512];
		struct stat st;
		snprintf(a, sizeof a, "%s/%s", from, e->d_name);
		snprintf(b, sizeof b, "%s/%s", to, e->d_name);
		if (stat(a, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		ok = copy_file(a, b);
	}
	if (d)
		closedir(d);
	return ok;
}

/* An OS snapshot of the instance: its folder copied while frozen; the
 * copy's name and the writes it holds are noted once it is whole. */
#define FROZEN 0x80000000u   /* a report sent from inside a freeze */

static int snapshot(const char *dir, uint32_t writes, int report)
{
	struct sim_instance_info *list = NULL;
	unsigned count = 0;
	uintptr_t id;
	char copy[64], done[80];
	FILE *f;
	int err = sim_snapshot_prepare(&id, 0);
	if (err)
		return err;
	/* without JET_bitExplicitPrepare the session holds every instance */
	err = sim_snapshot_freeze(id, &list, &count, 0);
	if (!err) {
		uint32_t frozen = writes | FROZEN;
		sim_free_instance_list(list, count);
		if (write(report, &frozen, sizeof frozen) != sizeof frozen)
			_exit(4);
		snprintf(copy, sizeof copy, "%s.snap%u", dir, writes);
		if (!copy_folder(dir, copy))
			err = JET_errDiskIO;
		snprintf(done, sizeof done, "%s.done", copy);
		if (!err && (f = fopen(done, "w")) != NULL)
			fclose(f);
		/* without JET_bitContinueAfterThaw the thaw ends the session */
		int thaw = sim_snapshot_thaw(id, 0);
		return err ? err : thaw;
	}
	sim_snapshot_abort(id, 0);
	return err;
}

enum kind { KILL_WRITE, KILL_FREEZE, KILL_RESTORE };
static enum kind kind;

static void write_change(uintptr_t inst, uint32_t dbid, uint32_t n)
{
	struct change c;
	struct instance *in;
	change_number(n - 1, &c);
	if (instance_enter(inst, 0, &in))
		_exit(3);
	if (database_write(in, instance_database(in, dbid), c.pgno, c.offset, c.data, c.length))
		_exit(3);
	instance_leave(in, 0);
}

#define RESTORE_WRITES 300

/* The restore's request: the set's database copy recovered in place. */
static struct external_restore restore_request(const char *dir, struct restore_map_entry *map,
					       char *paths, size_t cap)
{
	struct external_restore r = { 0 };
	char *db = paths, *copy = paths + cap / 4, *set = paths + cap / 2, *rst = paths + 3 * cap / 4;
	char *full;
	snprintf(db, cap / 4, "%s/a.edb", dir);
	full = os_full_path(db);
	snprintf(db, cap / 4, "%s", full ? full : "");
	free(full);
	snprintf(copy, cap / 4, "%s/r/a.edb", dir);
	snprintf(set, cap / 4, "%s/set", dir);
	snprintf(rst, cap / 4, "%s/rst", dir);
	map->database = db;
	map->new_database = copy;
	r.checkpoint_path = rst;
	r.log_path = rst;
	r.map = map;
	r.map_count = 1;
	r.backup_log_path = set;
	return r;
}

static void child(const char *dir, int report)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	char db[64];
	snprintf(db, sizeof db, "%s/a.edb", dir);
	if (start(dir, &inst, &ses) || sim_create_database(ses, db, 0, 0, &dbid))
		_exit(2);
	if (kind == KILL_RESTORE) {
		struct restore_map_entry map;
		char paths[2048], set[64];
		struct external_restore r;
		for (uint32_t n = 1; n <= RESTORE_WRITES; n++)
			write_change(inst, dbid, n);
		snprintf(set, sizeof set, "%s/set", dir);
		mkdir(set, 0755);
		if (backup(inst, set) || sim_term(inst, 0))
			_exit(5);
		/* a reference of the set, to tell it was left alone */
		snprintf(paths, sizeof paths, "%s/set.ref", dir);
		if (!copy_folder(set, paths))
			_exit(5);
		r = restore_request(dir, &map, paths, sizeof paths);
		mkdir(r.checkpoint_path, 0755);
		/* the client's copy of the database, recovered in place */
		snprintf(set, sizeof set, "%s/r", dir);
		if (!copy_folder(r.backup_log_path, set))
			_exit(5);
		for (uint32_t n = 1;; n++) {
			/* a restored database is no longer a backup copy (the
			 * engine refuses it again, JET_errRestoreOfNonBackupDatabase):
			 * each round restores a fresh copy, put in place at once */
			char tmp[600], from[600];
			snprintf(from, sizeof from, "%s/a.edb", r.backup_log_path);
			snprintf(tmp, sizeof tmp, "%s.tmp", map.new_database);
			if (n > 1 && (!copy_file(from, tmp) || rename(tmp, map.new_database) != 0))
				_exit(5);
			int err = sim_external_restore(&r);
			if (err) {
				fprintf(stderr, "kill_recover: the restore failed (%d)\n", err);
				_exit(5);
			}
			if (write(report, &n, sizeof n) != sizeof n)
				_exit(4);
		}
	}
	for (uint32_t n = 1;; n++) {
		write_change(inst, dbid, n);
		if (write(report, &n, sizeof n) != sizeof n)
			_exit(4);
		if (n % BACKUP_EVERY == 0) {
			int err = kind == KILL_FREEZE ? snapshot(dir, n, report) : backup(inst, NULL);
			if (err) {
				fprintf(stderr, "kill_recover: the %s failed (%d)\n",
					kind == KILL_FREEZE ? "snapshot" : "backup", err);
				_exit(5);
			}
		}
	}
}

/* The files of two folders are the same. */
static int same_folders(const char *a, const char *b)
{
	DIR *d = opendir(a);
	struct dirent *e;
	int same = d != NULL;
	while (same && (e = readdir(d)) != NULL) {
		char pa[512], pb[512];
		struct stat st;
		FILE *fa, *fb;
		int ca, cb;
		snprintf(pa, sizeof pa, "%s/%s", a, e->d_name);
		snprintf(pb, sizeof pb, "%s/%s", b, e->d_name);
		if (stat(pa, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		fa = fopen(pa, "rb");
		fb = fopen(pb, "rb");
		same = fa && fb;
		while (same && ((ca = getc(fa)) != EOF || (cb = getc(fb)) != EOF))
			same = ca == (cb = getc(fb));
		if (fa)
			fclose(fa);
		if (fb)
			fclose(fb);
	}
	if (d)
		closedir(d);
	return same;
}

/* After a kill inside a restore: restored again, the copy holds what the
 * backup held, and the set is as it was made. */
static int restore_again(const char *dir)
{
	struct restore_map_entry map;
	char paths[2048], set[64], ref[64];
	struct external_restore r = restore_request(dir, &map, paths, sizeof paths);
	unsigned char *model;
	int err, ok;
	snprintf(set, sizeof set, "%s/set", dir);
	snprintf(ref, sizeof ref, "%s/set.ref", dir);
	if (!same_folders(ref, set)) {
		fprintf(stderr, "kill_recover: %s: the backup set changed under the restore\n", dir);
		return 0;
	}
	err = sim_external_restore(&r);
	/* killed after a restore had finished: the database is restored */
	if (err == JET_errRestoreOfNonBackupDatabase)
		err = JET_errSuccess;
	if (err) {
		fprintf(stderr, "kill_recover: %s: the restore after the kill failed (%d)\n", dir, err);
		return 0;
	}
	model = model_after(RESTORE_WRITES);
	ok = file_matches(map.new_database, model);
	free(model);
	if (!ok)
		fprintf(stderr, "kill_recover: %s: the restored database lacks backed-up writes\n", dir);
	return ok;
}

/* One kill after `kill_after` acknowledged writes; 1 when recovered. */
static int kill_and_recover(const char *dir, uint32_t kill_after)
{
	int report[2], status, ok;
	uint32_t done = 0, n;
	uintptr_t inst, ses;
	char db[64];
	unsigned char *a, *b;
	pid_t pid;

	snprintf(db, sizeof db, "%s/a.edb", dir);
	if (pipe(report) != 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		close(report[0]);
		child(dir, report[1]);
	}
	close(report[1]);
	/* in a freeze: killed once the child says it is frozen */
	while (read(report[0], &n, sizeof n) == sizeof n) {
		if (n & FROZEN) {
			if ((n & ~FROZEN) >= kill_after)
				break;
			continue;
		}
		done = n;
		if (done >= kill_after && (kind != KILL_FREEZE || kill_after % BACKUP_EVERY))
			break;
	}
	/* a restore runs between two reports: somewhere inside one */
	if (kind == KILL_RESTORE)
		nanosleep(&(struct timespec){ 0, (long)(rand() % 20000) * 1000 }, NULL);
	kill(pid, SIGKILL);
	while (read(report[0], &n, sizeof n) == sizeof n)
		if (!(n & FROZEN))
			done = n;
	close(report[0]);
	waitpid(pid, &status, 0);
	if (!WIFSIGNALED(status)) {
		fprintf(stderr, "kill_recover: %s: the child ended by itself (%d)\n", dir,
			WEXITSTATUS(status));
		return 0;
	}
	if (kind == KILL_RESTORE)
		return restore_again(dir);
	if (start(dir, &inst, &ses)) {
		fprintf(stderr, "kill_recover: %s: JetInit after the kill failed\n", dir);
		return 0;
	}
	/* each copy a freeze finished is whole: every page's checksum good */
	for (uint32_t w = BACKUP_EVERY; kind == KILL_FREEZE && w <= done + 1; w += BACKUP_EVERY) {
		char copy[96], mark[112];
		struct stat st;
		snprintf(copy, sizeof copy, "%s.snap%u/a.edb", dir, w);
		snprintf(mark, sizeof mark, "%s.snap%u.done", dir, w);
		if (stat(mark, &st) == 0 && !pages_whole(copy)) {
			fprintf(stderr, "kill_recover: %s: a snapshot copy is damaged\n", copy);
			sim_term(inst, 0);
			return 0;
		}
	}
	a = model_after(done);
	b = model_after(done + 1);
	ok = file_matches(db, a) || file_matches(db, b);
	if (!ok)
		fprintf(stderr, "kill_recover: %s: acknowledged writes lost (%u done)\n", dir, done);
	free(a);
	free(b);
	if (ok && sim_attach_database(ses, db, 0, 0) != JET_errSuccess) {
		fprintf(stderr, "kill_recover: %s: the recovered database does not attach\n", dir);
		ok = 0;
	}
	if (sim_term(inst, 0) != JET_errSuccess)
		ok = 0;
	return ok;
}

int main(int argc, char **argv)
{
	unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	int iterations = argc > 2 ? atoi(argv[2]) : 20, survived = 0;
	const char *mode = argc > 3 ? argv[3] : "write";
	kind = strcmp(mode, "freeze") == 0 ? KILL_FREEZE : strcmp(mode, "restore") == 0 ? KILL_RESTORE
											  : KILL_WRITE;
	srand((unsigned)seed);
	for (int i = 0; i < iterations; i++) {
		char dir[32];
		/* anywhere from the first writes to past several backups; a
		 * freeze: half the time just as one begins */
		uint32_t at = 1 + (uint32_t)rand() % (BACKUP_EVERY * 8);
		if (kind == KILL_FREEZE && rand() % 2)
			at = BACKUP_EVERY * (1 + (uint32_t)rand() % 6);
		if (kind == KILL_RESTORE)
			at = 1 + (uint32_t)rand() % 3;
		snprintf(dir, sizeof dir, "k%d", i);
		survived += kill_and_recover(dir, at);
	}
	printf("kill_recover: seed %lu, %s: %d of %d kills recovered, nothing acknowledged lost\n",
	       seed, mode, survived, iterations);
	return survived == iterations ? 0 : 1;
}
