#define _POSIX_C_SOURCE 200809L
/*
 * Kill and recover: a child process writes pages through the log, and now
 * and then makes a full streaming backup (reading every file) and
 * truncates the logs; it is killed (SIGKILL) at a random point, chosen
 * from the seed.  The next JetInit must recover: every write acknowledged
 * is in the database (the one whose acknowledgement the kill cut off may
 * be too), and the database attaches.
 * Usage: kill_recover SEED ITERATIONS   (prints the kills survived)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backup/backup.h"
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

/* A full backup: every file listed read to its end, then the logs no
 * longer needed truncated. */
static int copy_listed(uintptr_t inst, struct path_list *list)
{
	static _Alignas(4096) unsigned char buf[65536];   /* the engine reads page-aligned */
	int err = JET_errSuccess;
	for (const char *p = list->text; !err && *p; p += strlen(p) + 1) {
		uintptr_t h;
		uint64_t size;
		uint32_t got = 1;
		err = sim_backup_open_file(inst, 0, p, &h, &size);
		while (!err && got)
			err = sim_backup_read_file(inst, 0, h, buf, sizeof buf, &got);
		if (!err)
			err = sim_backup_close_file(inst, 0, h);
	}
	path_list_free(list);
	return err;
}

static int backup(uintptr_t inst)
{
	struct path_list list;
	struct backup_log_info info;
	int err = sim_backup_begin(inst, 0, 0);
	if (err)
		return err;
	err = sim_backup_attach_info(inst, 0, &list);
	if (!err)
		err = copy_listed(inst, &list);
	if (!err)
		err = sim_backup_log_info(inst, 0, &list, &info);
	if (!err)
		err = copy_listed(inst, &list);
	if (!err)
		err = sim_backup_truncate_log(inst, 0);
	sim_backup_end(inst, 0, err ? JET_bitBackupEndAbort : JET_bitBackupEndNormal);
	return err;
}

static void child(const char *dir, int report)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct instance *in;
	char db[64];
	snprintf(db, sizeof db, "%s/a.edb", dir);
	if (start(dir, &inst, &ses) || sim_create_database(ses, db, 0, 0, &dbid))
		_exit(2);
	for (uint32_t n = 1;; n++) {
		struct change c;
		change_number(n - 1, &c);
		if (instance_enter(inst, 0, &in))
			_exit(3);
		if (database_write(in, instance_database(in, dbid), c.pgno, c.offset, c.data, c.length))
			_exit(3);
		instance_leave(in, 0);
		if (write(report, &n, sizeof n) != sizeof n)
			_exit(4);
		if (n % BACKUP_EVERY == 0) {
			int err = backup(inst);
			if (err) {
				fprintf(stderr, "kill_recover: the backup failed (%d)\n", err);
				_exit(5);
			}
		}
	}
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
	while (done < kill_after && read(report[0], &n, sizeof n) == sizeof n)
		done = n;
	kill(pid, SIGKILL);
	while (read(report[0], &n, sizeof n) == sizeof n)
		done = n;
	close(report[0]);
	waitpid(pid, &status, 0);
	if (!WIFSIGNALED(status)) {
		fprintf(stderr, "kill_recover: %s: the child ended by itself (%d)\n", dir,
			WEXITSTATUS(status));
		return 0;
	}
	if (start(dir, &inst, &ses)) {
		fprintf(stderr, "kill_recover: %s: JetInit after the kill failed\n", dir);
		return 0;
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
	srand((unsigned)seed);
	for (int i = 0; i < iterations; i++) {
		char dir[32];
		/* anywhere from the first writes to past several backups */
		uint32_t at = 1 + (uint32_t)rand() % (BACKUP_EVERY * 8);
		snprintf(dir, sizeof dir, "k%d", i);
		survived += kill_and_recover(dir, at);
	}
	printf("kill_recover: seed %lu: %d of %d kills recovered, nothing acknowledged lost\n",
	       seed, survived, iterations);
	return survived == iterations ? 0 : 1;
}
