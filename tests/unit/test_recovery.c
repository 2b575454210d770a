#define _POSIX_C_SOURCE 200809L
/* Recovery at JetInit (sim/recovery.c): after a dirty shutdown or a killed
 * process, every database ends exactly as its last logged write left it. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "backup/backup.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "format/dbfile.h"
#include "format/space_owned.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "jet_values.h"
#include "log/log.h"
#include "os/os.h"
#include "instance/session.h"

#define FIRST_PAGE (DATABASE_SYSTEM_PAGES + 1)
#define LAST_PAGE DATABASE_INITIAL_PAGES
#define PAGE 4096

/* A repeatable sequence of writes, and the pages they make. */
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

static int apply_changes(struct instance *in, struct database *db, uint32_t from, uint32_t to)
{
	struct change c;
	for (uint32_t n = from; n < to; n++) {
		int err;
		change_number(n, &c);
		err = database_write(in, db, c.pgno, c.offset, c.data, c.length);
		if (err)
			return err;
	}
	return 0;
}

/* The data area of every data page after `count` changes. */
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

/* 1 when the database file's data pages hold exactly the model's bytes. */
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

/* A new instance on the folder i/ and its JetInit with these grbits:
 * what JetInit returns. */
static int init_in_folder_i(const char *name, uint32_t grbit, uintptr_t *inst)
{
	assert_int_equal(sim_create_instance(inst, name, NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramLogFilePath, 0, "i/"), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramSystemPath, 0, "i/"), JET_errSuccess);
	return sim_init(inst, grbit);
}

/* --- The order of writes and flushes during a recovery
 *
 * Every file the engine opens is known by its kind (D the database a.edb,
 * C the checkpoint, L a log or another file); while `watch.on`, what each write and flush breaks
 * of the write-ahead rules is counted. */

int __real_os_file_open(const char *path, enum os_open_mode mode, os_file **out);
int __real_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len);
int __real_os_file_sync(os_file *f);
void __real_os_file_close(os_file *f);
int __wrap_os_file_open(const char *path, enum os_open_mode mode, os_file **out);
int __wrap_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len);
int __wrap_os_file_sync(os_file *f);
void __wrap_os_file_close(os_file *f);

static struct {
	os_file *f;
	char kind;
} opened[64];

static struct {
	int on;
	int db_unsynced, header_unsynced, log_unsynced;
	/* the rules broken */
	int checkpoint_past_unsynced_pages;    /* C written, D pages not flushed */
	int page_under_clean_header;           /* a page written, the header clean */
	int page_before_header_flushed;        /* a page written, the header not flushed */
	int clean_header_before_log_flushed;   /* D header clean, L not flushed */
	uint32_t exit_at_page;                 /* a child dies writing there or past */
	uint32_t exit_on_page;                 /* a child dies writing that page */
	int exit_on_clean_header;              /* ... or writing a clean D header */
} watch;

static char kind_of(os_file *f)
{
	for (unsigned i = 0; i < sizeof opened / sizeof *opened; i++)
		if (opened[i].f == f)
			return opened[i].kind;
	return 0;
}

int __wrap_os_file_open(const char *path, enum os_open_mode mode, os_file **out)
{
	int rc = __real_os_file_open(path, mode, out);
	size_t n = strlen(path);
	if (rc == OS_OK)
		for (unsigned i = 0; i < sizeof opened / sizeof *opened; i++)
			if (!opened[i].f) {
				opened[i].f = *out;
				opened[i].kind = n > 5 && !strcmp(path + n - 5, "a.edb") ? 'D' :
						 n > 4 && !strcmp(path + n - 4, ".chk") ? 'C' : 'L';
				break;
			}
	return rc;
}

void __wrap_os_file_close(os_file *f)
{
	for (unsigned i = 0; f && i < sizeof opened / sizeof *opened; i++)
		if (opened[i].f == f)
			opened[i].f = NULL;
	__real_os_file_close(f);
}

int __wrap_os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len)
{
	char k = kind_of(f);
	struct db_header h;
	int rc;
	if (watch.exit_at_page && k == 'D' && offset >= page_offset(PAGE, watch.exit_at_page))
		_exit(9);
	if (watch.exit_on_page && k == 'D' && offset <= page_offset(PAGE, watch.exit_on_page) &&
	    page_offset(PAGE, watch.exit_on_page) < offset + len)
		_exit(9);
	if (watch.exit_on_clean_header && k == 'D' && offset == 0 && len >= 56 &&
	    get32((const unsigned char *)buf + 52) == JET_dbstateCleanShutdown)
		_exit(9);
	if (watch.on && k == 'C' && watch.db_unsynced)
		watch.checkpoint_past_unsynced_pages++;
	if (watch.on && k == 'D' && offset >= 2 * PAGE) {
		if (db_header_read(f, &h) == JET_errSuccess && h.state == JET_dbstateCleanShutdown)
			watch.page_under_clean_header++;
		if (watch.header_unsynced)
			watch.page_before_header_flushed++;
	}
	rc = __real_os_file_write_at(f, offset, buf, len);
	if (k == 'D')
		watch.db_unsynced = 1;
	if (k == 'L')
		watch.log_unsynced = 1;
	if (k == 'D' && offset == 0) {
		watch.header_unsynced = 1;
		if (watch.on && watch.log_unsynced && db_header_read(f, &h) == JET_errSuccess &&
		    h.state == JET_dbstateCleanShutdown)
			watch.clean_header_before_log_flushed++;
	}
	return rc;
}

int __wrap_os_file_sync(os_file *f)
{
	char k = kind_of(f);
	if (k == 'D')
		watch.db_unsynced = watch.header_unsynced = 0;
	if (k == 'L')
		watch.log_unsynced = 0;
	return __real_os_file_sync(f);
}

static void watch_start(void)
{
	memset(&watch, 0, sizeof watch);
	watch.on = 1;
}

/* A JetInit's recovery in a child process, which the watch the caller
 * set (exit_at_page, exit_on_page, exit_on_clean_header) may kill with
 * exit status 9; the parent's watch is cleared.  The child's exit status. */
static int recover_in_child(const char *name)
{
	uintptr_t inst;
	int status;
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		init_in_folder_i(name, 0, &inst);
		_exit(0);
	}
	memset(&watch, 0, sizeof watch);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static const unsigned shallow_ids[] = { JET_paramCheckpointDepthMax, 0 };
static const intptr_t shallow_values[] = { 256 * 1024 };

static void write_changes(uintptr_t inst, uint32_t from, uint32_t to)
{
	struct instance *in;
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(apply_changes(in, instance_database(in, 1), from, to), JET_errSuccess);
	instance_leave(in, 0);
}

static void dirty_term_is_recovered(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	unsigned char *model = model_after(3000);
	struct sim_database_file_info info;

	start_instance_with("d", "i", &inst, &ses, shallow_ids, shallow_values);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 3000);
	/* the pages still in the cache are lost; the logs hold them */
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	assert_false(file_matches("i/a.edb", model));

	start_instance("d", "i", &inst, &ses);
	/* recovery detached it, consistent */
	assert_int_equal(sim_database_file_info("i/a.edb", &info), JET_errSuccess);
	assert_int_equal(info.header.state, JET_dbstateCleanShutdown);
	assert_false(info.attached);
	assert_true(file_matches("i/a.edb", model));
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	free(model);
}

/* The records of a log file: their types, flags and positions. */
#define LOGGED_MAX 8192
struct logged {
	unsigned n;
	uint8_t type[LOGGED_MAX], flags[LOGGED_MAX];
	struct lgpos at[LOGGED_MAX];
};

static void read_logged(const char *path, struct logged *l)
{
	struct log_reader *lr;
	struct log_record rec;
	struct lgpos at;
	l->n = 0;
	assert_int_equal(log_reader_open(path, 1, &lr), JET_errSuccess);
	while (log_reader_next(lr, &rec, &at) == 1) {
		assert_true(l->n < LOGGED_MAX);
		l->type[l->n] = rec.type;
		l->flags[l->n] = rec.flags;
		l->at[l->n++] = at;
	}
	log_reader_close(lr);
}

/* How many records of that type; *last: the index of the last one. */
static unsigned count_logged(const struct logged *l, uint8_t type, unsigned *last)
{
	unsigned n = 0;
	for (unsigned i = 0; i < l->n; i++)
		if (l->type[i] == type) {
			n++;
			if (last)
				*last = i;
		}
	return n;
}

/* i/a.edb made and changed, the instance ended dirty. */
static void crashed_with_changes(const char *name, uint32_t changes)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	start_instance(name, "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, changes);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
}

/* A JetInit's recovery ends as ESE's soft recovery does (ErrLGSoftStart,
 * ErrLGRIEndAllSessions): the undo's start, a shutdown mark the database
 * is consistent and detached at, a quit (not a hard one), then the
 * instance's own init; a second JetInit after a clean term adds none. */
static void recovery_ends_with_undo_mark_and_quit(void **state)
{
	uintptr_t inst, ses;
	static struct logged l;
	unsigned undo = 0;
	struct db_header h;
	(void)state;

	crashed_with_changes("q", 300);
	start_instance("q", "i", &inst, &ses);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	start_instance("q", "i", &inst, &ses);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);

	read_logged("i/edb.log", &l);
	assert_int_equal(count_logged(&l, LOG_REC_RECOVERY_UNDO, &undo), 1);
	assert_int_equal(count_logged(&l, LOG_REC_SHUTDOWN_MARK, NULL), 1);
	assert_int_equal(count_logged(&l, LOG_REC_RECOVERY_QUIT, NULL), 1);
	assert_true(undo + 3 < l.n);
	assert_int_equal(l.type[undo + 1], LOG_REC_SHUTDOWN_MARK);
	assert_int_equal(l.type[undo + 2], LOG_REC_RECOVERY_QUIT);
	assert_int_equal(l.flags[undo + 2], 0);
	assert_int_equal(l.type[undo + 3], LOG_REC_INIT);
	/* no detach was logged for it: the mark is where it was left */
	assert_int_equal(count_logged(&l, LOG_REC_DETACH, NULL), 0);
	db_header_of("i/a.edb", &h);
	assert_int_equal(h.state, JET_dbstateCleanShutdown);
	assert_int_equal(h.consistent.generation, l.at[undo + 1].generation);
	assert_int_equal(lgpos_offset(h.consistent), lgpos_offset(l.at[undo + 1]));
	assert_int_equal(lgpos_offset(h.detach), lgpos_offset(l.at[undo + 1]));
}

/* JET_bitKeepDbAttachedAtEndOfRecovery: the undo's start, then a quit
 * that keeps the databases attached, no shutdown mark (logredo.cxx,
 * ErrLGRecoveryQuit with fKeepDbAttached); a later recovery replays past
 * that quit with the database still attached.  A recovery killed after
 * its mark leaves a log that ends on it: the next one, asked to keep the
 * databases, does not (logredo.cxx: fKeepDbAttached && !m_fLastLRIsShutdown),
 * logs only the quit, and the database is consistent at the first mark. */
static void keep_attached_quit_and_a_log_ending_on_a_mark(void **state)
{
	uintptr_t inst, ses;
	unsigned char *model = model_after(600);
	static struct logged l;
	unsigned quit = 0, mark = 0;
	struct db_header h;
	(void)state;

	crashed_with_changes("kq", 300);
	assert_int_equal(init_in_folder_i("kq2", JET_bitKeepDbAttachedAtEndOfRecovery, &inst),
			 JET_errSuccess);
	read_logged("i/edb.log", &l);
	assert_int_equal(count_logged(&l, LOG_REC_SHUTDOWN_MARK, NULL), 0);
	assert_int_equal(count_logged(&l, LOG_REC_RECOVERY_QUIT, &quit), 1);
	assert_int_equal(l.flags[quit], LOG_QUIT_KEEP_ATTACHMENTS);
	assert_int_equal(l.type[quit - 1], LOG_REC_RECOVERY_UNDO);
	/* still attached past that quit: its changes are replayed */
	write_changes(inst, 300, 600);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);

	/* a recovery killed as it writes the clean header */
	watch.exit_on_clean_header = 1;
	assert_int_equal(recover_in_child("kq3"), 9);
	assert_int_equal(db_header_of("i/a.edb", &h)->state, JET_dbstateDirtyShutdown);
	read_logged("i/edb.log", &l);
	assert_int_equal(l.type[l.n - 1], LOG_REC_SHUTDOWN_MARK);
	mark = l.n - 1;

	assert_int_equal(init_in_folder_i("kq4", JET_bitKeepDbAttachedAtEndOfRecovery, &inst),
			 JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	/* not kept: JetDetachDatabase finds nothing attached */
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errDatabaseNotFound);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	read_logged("i/edb.log", &l);
	assert_int_equal(l.type[mark], LOG_REC_SHUTDOWN_MARK);
	assert_int_equal(l.type[mark + 1], LOG_REC_RECOVERY_QUIT);
	assert_int_equal(l.flags[mark + 1], 0);
	assert_int_equal(count_logged(&l, LOG_REC_SHUTDOWN_MARK, NULL), 1);
	db_header_of("i/a.edb", &h);
	assert_int_equal(h.state, JET_dbstateCleanShutdown);
	assert_int_equal(lgpos_offset(h.consistent), lgpos_offset(l.at[mark]));
	assert_true(file_matches("i/a.edb", model));
	free(model);
}

/* JET_bitRecoveryWithoutUndo: the redo stands, its pages on the disk, the
 * database left dirty and nothing logged, and JetInit fails with
 * JET_errRecoveredWithoutUndo (tm.cxx, JET_sntBeginUndo's default); on a
 * log that ended clean, or a new one, with
 * JET_errRecoveredWithoutUndoDatabasesConsistent (JET_OpenLogForDo's).
 * A JetInit without it then finishes the recovery. */
static void recovery_without_undo(void **state)
{
	uintptr_t inst, none;
	unsigned char *model = model_after(300);
	static struct logged before, after;
	struct db_header h;
	(void)state;

	crashed_with_changes("wu", 300);
	assert_false(file_matches("i/a.edb", model));
	read_logged("i/edb.log", &before);
	assert_int_equal(init_in_folder_i("wu2", JET_bitRecoveryWithoutUndo, &inst),
			 JET_errRecoveredWithoutUndo);
	assert_true(file_matches("i/a.edb", model));
	assert_int_equal(db_header_of("i/a.edb", &h)->state, JET_dbstateDirtyShutdown);
	read_logged("i/edb.log", &after);
	assert_int_equal(after.n, before.n);
	/* the instance's failed JetInit freed it: the name is free again */
	assert_int_equal(init_in_folder_i("wu2", 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &h)->state, JET_dbstateCleanShutdown);
	assert_int_equal(init_in_folder_i("wu3", JET_bitRecoveryWithoutUndo, &inst),
			 JET_errRecoveredWithoutUndoDatabasesConsistent);
	os_mkdir("n");
	assert_int_equal(sim_create_instance(&none, "wu4", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&none, JET_paramLogFilePath, 0, "n/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&none, JET_paramSystemPath, 0, "n/"), JET_errSuccess);
	assert_int_equal(sim_init(&none, JET_bitRecoveryWithoutUndo),
			 JET_errRecoveredWithoutUndoDatabasesConsistent);
	free(model);
}

/* The replay's cache holds no more pages than JET_paramCacheSizeMax (16
 * here, for 224 data pages): pages leave it and come back many times, and
 * each database still ends as its last logged write left it. */
static void recovery_through_a_small_cache(void **state)
{
	uintptr_t inst, ses, none = 0;
	uint32_t dbid;
	unsigned char *model = model_after(3000);

	start_instance_with("c", "i", &inst, &ses, shallow_ids, shallow_values);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 3000);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	assert_false(file_matches("i/a.edb", model));

	assert_int_equal(sim_set_param(&none, JET_paramCacheSizeMax, 16, NULL), JET_errSuccess);
	start_instance("c", "i", &inst, &ses);
	assert_true(file_matches("i/a.edb", model));
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_set_param(&none, JET_paramCacheSizeMax, 8192, NULL), JET_errSuccess);
	free(model);
}

/* --- Memory: allocations of 64 pages or more (the caches' blocks, the
 * buffers of their writes), once `memory.on`: refused when `limited` and
 * `large_left` is spent; the most of them alive at once is counted. */
void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);
void __real_free(void *p);
void __wrap_free(void *p);

#define LARGE (64u * PAGE)
static struct memory_watch {
	int on, limited;
	unsigned large_left;
	void *live[64];
	unsigned peak;
} memory;

void *__wrap_malloc(size_t size)
{
	void *p;
	unsigned alive = 0;
	if (!memory.on || size < LARGE)
		return __real_malloc(size);
	if (memory.limited && !memory.large_left)
		return NULL;
	memory.large_left -= memory.limited;
	p = __real_malloc(size);
	for (unsigned i = 0; p && i < 64; i++)
		if (!memory.live[i]) {
			memory.live[i] = p;
			break;
		}
	for (unsigned i = 0; i < 64; i++)
		alive += memory.live[i] != NULL;
	if (alive > memory.peak)
		memory.peak = alive;
	return p;
}

void __wrap_free(void *p)
{
	for (unsigned i = 0; p && i < 64; i++)
		if (memory.live[i] == p)
			memory.live[i] = NULL;
	__real_free(p);
}

/* Two databases dirty, 3000 changes each, with every data page changed. */
static void two_dirty_databases(uintptr_t *inst)
{
	uintptr_t ses;
	uint32_t a, b;
	struct instance *in;
	start_instance("m", "i", inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &a), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &b), JET_errSuccess);
	assert_int_equal(instance_enter(*inst, 0, &in), JET_errSuccess);
	assert_int_equal(apply_changes(in, instance_database(in, a), 0, 3000), JET_errSuccess);
	assert_int_equal(apply_changes(in, instance_database(in, b), 0, 3000), JET_errSuccess);
	instance_leave(in, 0);
	assert_int_equal(sim_term(*inst, JET_bitTermDirty), JET_errDirtyShutdown);
}

/* Memory running out during a replay: the caches give pages back and
 * the replay goes on with fewer (here one block of 64 pages for the two
 * databases' 448 data pages, and no buffer for runs of pages); with no
 * memory for even one page it is JET_errOutOfMemory, the databases left
 * as they were, and recovered once memory is there. */
static void recovery_when_memory_runs_out(void **state)
{
	uintptr_t inst, ses;
	unsigned char *model = model_after(3000), *before;
	uint64_t size, size_after;
	struct sim_database_file_info info;
	(void)state;

	two_dirty_databases(&inst);
	assert_false(file_matches("i/a.edb", model));
	before = file_bytes("i/a.edb", &size);
	memory = (struct memory_watch){ .on = 1, .limited = 1, .large_left = 0 };
	assert_int_equal(init_in_folder_i("m", 0, &inst), JET_errOutOfMemory);
	memory.on = 0;
	{
		unsigned char *after = file_bytes("i/a.edb", &size_after);
		assert_int_equal(size_after, size);
		assert_memory_equal(after, before, size);
		free(after);
	}
	free(before);

	memory = (struct memory_watch){ .on = 1, .limited = 1, .large_left = 1 };
	assert_int_equal(init_in_folder_i("m", 0, &inst), JET_errSuccess);
	memory.on = 0;
	assert_true(file_matches("i/a.edb", model));
	assert_true(file_matches("i/b.edb", model));
	assert_int_equal(sim_database_file_info("i/b.edb", &info), JET_errSuccess);
	assert_int_equal(info.header.state, JET_dbstateCleanShutdown);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(model);
}

/* The caches of several databases share their pages: with
 * JET_paramCacheSizeMax at 64 pages, the replay of two databases keeps
 * one block of 64 pages alive (with a write's buffer beside it at
 * times), not one for each database. */
static void caches_share_their_pages(void **state)
{
	uintptr_t inst, none = 0;
	unsigned char *model = model_after(3000);
	(void)state;

	two_dirty_databases(&inst);
	assert_int_equal(sim_set_param(&none, JET_paramCacheSizeMax, 64, NULL), JET_errSuccess);
	memory = (struct memory_watch){ .on = 1 };
	assert_int_equal(init_in_folder_i("m", 0, &inst), JET_errSuccess);
	memory.on = 0;
	assert_int_equal(sim_set_param(&none, JET_paramCacheSizeMax, 8192, NULL), JET_errSuccess);
	assert_true(memory.peak >= 1);
	assert_true(memory.peak <= 2);
	assert_true(file_matches("i/a.edb", model));
	assert_true(file_matches("i/b.edb", model));
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(model);
}

/* A child process writes and reports each write done; it is killed at a
 * moment of the parent's choosing, mid-workload. */
static void kill_and_recover(const char *dir, uint32_t kill_after)
{
	int report[2];
	uint32_t done = 0, n;
	pid_t child;
	int status;
	uintptr_t inst, ses;
	char db[64];

	snprintf(db, sizeof db, "%s/a.edb", dir);
	assert_int_equal(pipe(report), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct instance *in;
		uint32_t dbid;
		close(report[0]);
		start_instance_with("k", dir, &inst, &ses, shallow_ids, shallow_values);
		if (sim_create_database(ses, db, 0, 0, &dbid) || instance_enter(inst, 0, &in))
			_exit(2);
		for (n = 1;; n++) {
			if (apply_changes(in, instance_database(in, dbid), n - 1, n))
				_exit(3);
			if (write(report[1], &n, sizeof n) != sizeof n)
				_exit(4);
		}
	}
	close(report[1]);
	while (done < kill_after && read(report[0], &n, sizeof n) == sizeof n)
		done = n;
	kill(child, SIGKILL);
	while (read(report[0], &n, sizeof n) == sizeof n)
		done = n;
	close(report[0]);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFSIGNALED(status));

	start_instance("k", dir, &inst, &ses);
	{
		/* the last write reported, or the one after it whose report
		 * the kill cut off */
		unsigned char *a = model_after(done), *b = model_after(done + 1);
		assert_true(file_matches(db, a) || file_matches(db, b));
		free(a);
		free(b);
	}
	assert_int_equal(sim_attach_database(ses, db, 0, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void killed_process_is_recovered(void **state)
{
	kill_and_recover("early", 10);
	kill_and_recover("middle", 1500);
	kill_and_recover("late", 6000);
}

/* Recovery runs again and again without changing the result. */
static void recovery_is_repeatable(void **state)
{
	uintptr_t inst, ses;
	unsigned char *model = model_after(500);
	crashed_with_changes("r", 500);
	for (int i = 0; i < 3; i++) {
		start_instance("r", "i", &inst, &ses);
		assert_true(file_matches("i/a.edb", model));
		assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	}
	free(model);
}

/* A clean term leaves nothing to redo, and the next run goes on in the
 * same log set. */
static void clean_term_and_continue(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	unsigned char *model = model_after(800);
	start_instance("c", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 400);
	assert_int_equal(sim_term(inst, JET_bitTermComplete), JET_errSuccess);
	start_instance("c", "i", &inst, &ses);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	write_changes(inst, 400, 800);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	start_instance("c", "i", &inst, &ses);
	assert_true(file_matches("i/a.edb", model));
	free(model);
}

static void keep_attached_at_end_of_recovery(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	unsigned char *model = model_after(300);
	crashed_with_changes("k", 300);
	assert_int_equal(init_in_folder_i("k2", JET_bitKeepDbAttachedAtEndOfRecovery, &inst), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	/* the attach that takes it over succeeds (db.cxx, PostAttachTasks);
	 * one more finds it attached */
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_wrnDatabaseAttached);
	assert_int_equal(sim_open_database(ses, "i/a.edb", 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_true(file_matches("i/a.edb", model));
	free(model);
}

/* A recovery that keeps its databases attached hands their pages to the
 * instance, whose checkpoint then passes every record replayed: the pages
 * are flushed before any checkpoint is written. */
static void keep_attached_flushes_before_the_checkpoint(void **state)
{
	uintptr_t inst;
	crashed_with_changes("k", 300);
	watch_start();
	assert_int_equal(init_in_folder_i("k2", JET_bitKeepDbAttachedAtEndOfRecovery, &inst), JET_errSuccess);
	watch.on = 0;
	assert_int_equal(watch.checkpoint_past_unsynced_pages, 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* At the end of the log each database is detached: its header says
 * consistent at the detach record only once that record is on the disk. */
static void detach_at_end_is_flushed_before_the_header(void **state)
{
	uintptr_t inst;
	crashed_with_changes("e", 100);
	watch_start();
	assert_int_equal(init_in_folder_i("e2", 0, &inst), JET_errSuccess);
	watch.on = 0;
	assert_int_equal(watch.clean_header_before_log_flushed, 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* Detached and attached again in one log past the checkpoint: the
 * detach's replay leaves the header clean, so the attach's replay makes it dirty, on the disk, before
 * any page of the attachment is written; a kill then leaves a header that
 * says the log is needed, and the next recovery finishes the work. */
static void reattach_in_the_log_dirties_the_header_first(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, other;
	unsigned char *model = model_after(80);
	struct db_header h;
	start_instance("r", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	/* b.edb's changes, not yet written, hold the checkpoint before the
	 * detach, so recovery replays it */
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &other), JET_errSuccess);
	change_pages(inst, other, 20, 0x5a);
	write_changes(inst, 0, 40);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	write_changes(inst, 40, 80);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);

	/* a recovery killed at its first write of a page */
	watch.exit_at_page = 1;
	if (recover_in_child("r2") == 9)
		assert_int_equal(db_header_of("i/a.edb", &h)->state, JET_dbstateDirtyShutdown);

	watch_start();
	assert_int_equal(init_in_folder_i("r3", 0, &inst), JET_errSuccess);
	watch.on = 0;
	assert_int_equal(watch.page_under_clean_header, 0);
	assert_int_equal(watch.page_before_header_flushed, 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &h)->state, JET_dbstateCleanShutdown);
	assert_true(file_matches("i/a.edb", model));
	free(model);
}

/* In a file of format JET_efvLgposLastResize or later, the redo keeps
 * le_lgposLastResize as ESE's does: the replayed re-attach moves it to
 * the attach on the header it makes dirty (DBISetHeaderAfterAttach), and
 * the end of recovery sets it to the consistent point (ErrIOTermFMP). */
static void redo_keeps_the_last_resize(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, other;
	struct db_header h;
	(void)state;
	start_instance("lr", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	db_header_of("i/a.edb", &h);
	h.revision = 200;            /* a newer format, as Windows writes it */
	db_header_put("i/a.edb", &h);
	/* b.edb's unwritten changes hold the checkpoint before the re-attach */
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &other), JET_errSuccess);
	change_pages(inst, other, 20, 0x5a);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	assert_int_equal(sim_open_database(ses, "i/a.edb", 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 40);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	write_changes(inst, 40, 80);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);

	/* the redo alone, its headers left as it wrote them */
	assert_int_equal(init_in_folder_i("lr2", JET_bitRecoveryWithoutUndo, &inst),
			 JET_errRecoveredWithoutUndo);
	db_header_of("i/a.edb", &h);
	assert_int_equal(h.state, JET_dbstateDirtyShutdown);
	assert_int_equal(h.last_resize.generation, h.attach.generation);
	assert_int_equal(lgpos_offset(h.last_resize), lgpos_offset(h.attach));
	assert_int_equal(init_in_folder_i("lr3", 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	db_header_of("i/a.edb", &h);
	assert_int_equal(h.state, JET_dbstateCleanShutdown);
	assert_int_equal(h.last_resize.generation, h.consistent.generation);
	assert_int_equal(lgpos_offset(h.last_resize), lgpos_offset(h.consistent));
}

/* A grow replayed writes the new pages at once and the space page later;
 * a recovery killed between the two leaves the file long and the space
 * page old, and the next recovery sets the space page all the same. */
static void grow_survives_a_kill_before_the_space_page(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, last = 0;
	struct instance *in;
	unsigned char page[PAGE];
	os_file *f;
	start_instance("g", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(database_grow(in, instance_database(in, dbid), LAST_PAGE + 44), JET_errSuccess);
	instance_leave(in, 0);
	write_changes(inst, 0, 50);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	/* as if the grow had not reached the disk */
	assert_int_equal(truncate("i/a.edb", (off_t)PAGE * (LAST_PAGE + 2)), 0);
	assert_int_equal(os_file_open("i/a.edb", OS_OPEN_READWRITE, &f), OS_OK);
	space_owned_page(page, PAGE, LAST_PAGE);
	assert_int_equal(os_file_write_at(f, page_offset(PAGE, 2), page, PAGE), OS_OK);
	os_file_close(f);

	watch.exit_on_page = 2;
	assert_int_equal(recover_in_child("g2"), 9);

	assert_int_equal(init_in_folder_i("g3", 0, &inst), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(os_file_open("i/a.edb", OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(space_owned_last(f, PAGE, &last), JET_errSuccess);
	os_file_close(f);
	assert_int_equal(last, LAST_PAGE + 44);
}

/* i/a.edb left dirty by a crash, its header carrying a backup copy's
 * record (as a copy whose trailer recovery already moved into it). */
static void crashed_backup_copy(const char *name)
{
	struct db_header h;
	os_remove("i/a.edb");
	crashed_with_changes(name, 100);
	db_header_of("i/a.edb", &h);
	h.full_current.gen_low = 1;
	h.full_current.gen_high = 1;
	h.full_current.mark = lgpos_at(1, LOG_FIRST_RECORD);
	h.snapshot_current = h.full_current;
	db_header_put("i/a.edb", &h);
}

/* ESE writes no header at the end of a recovery that keeps its databases
 * attached (sysinit.cxx: ErrINSTTerm with
 * termtypeRecoveryQuitKeepAttachments skips ErrIOTerm): a backup copy's
 * record stays, and a JetTerm out of recovery (ErrIOTermFMP) leaves it;
 * the attach that takes the database over spends it (db.cxx's re-attach),
 * as a JetDetachDatabase does (ErrIsamDetachDatabase).  A recovery that
 * detaches spends it itself (io.cxx). */
static void keep_attached_keeps_the_backup_record(void **state)
{
	uintptr_t inst, ses;
	struct db_header hv;

	crashed_backup_copy("kb");
	assert_int_equal(init_in_folder_i("kb2", JET_bitKeepDbAttachedAtEndOfRecovery, &inst),
			 JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &hv)->full_current.gen_low, 1);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &hv)->state, JET_dbstateCleanShutdown);
	assert_int_equal(db_header_of("i/a.edb", &hv)->full_current.gen_low, 1);
	assert_int_equal(db_header_of("i/a.edb", &hv)->snapshot_current.gen_low, 1);

	crashed_backup_copy("ka");
	assert_int_equal(init_in_folder_i("ka2", JET_bitKeepDbAttachedAtEndOfRecovery, &inst),
			 JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &hv)->full_current.gen_low, 0);
	assert_int_equal(db_header_of("i/a.edb", &hv)->snapshot_current.gen_low, 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &hv)->full_current.gen_low, 0);

	crashed_backup_copy("kd");
	assert_int_equal(init_in_folder_i("kd2", JET_bitKeepDbAttachedAtEndOfRecovery, &inst),
			 JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &ses), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &hv)->full_current.gen_low, 0);
	assert_int_equal(db_header_of("i/a.edb", &hv)->snapshot_current.gen_low, 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);

	crashed_backup_copy("kn");
	assert_int_equal(init_in_folder_i("kn2", 0, &inst), JET_errSuccess);
	assert_int_equal(db_header_of("i/a.edb", &hv)->state, JET_dbstateCleanShutdown);
	assert_int_equal(db_header_of("i/a.edb", &hv)->full_current.gen_low, 0);
	assert_int_equal(db_header_of("i/a.edb", &hv)->snapshot_current.gen_low, 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A database made after the checkpoint is made again if its file never
 * got to the disk; one attached at the crash whose file is gone stops
 * recovery unless JET_bitReplayIgnoreMissingDB. */
static void missing_database_at_recovery(void **state)
{
	uintptr_t inst, ses;
	crashed_with_changes("m", 50);
	assert_int_equal(os_remove("i/a.edb"), OS_OK);
	start_instance("m", "i", &inst, &ses);
	assert_int_equal(os_path_exists("i/a.edb"), 1);
	{
		unsigned char *model = model_after(50);
		assert_true(file_matches("i/a.edb", model));
		free(model);
	}
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	write_changes(inst, 50, 60);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	assert_int_equal(os_rename("i/a.edb", "i/moved.edb"), OS_OK);
	assert_int_equal(init_in_folder_i("m", 0, &inst), JET_errAttachedDatabaseMismatch);
	assert_int_equal(init_in_folder_i("m", JET_bitReplayIgnoreMissingDB, &inst), JET_errSuccess);
}

/* A creation whose file never came (or was undone) is not made by
 * recovery; one cut off by the crash is. */
static void creations_in_the_log(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	struct instance *in;
	start_instance("c", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "i/b.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	/* b's creation undone at once, as a failed JetCreateDatabase logs it */
	struct log_record undo = { .type = LOG_REC_DETACH, .dbid = (uint16_t)dbid };
	assert_int_equal(instance_log_append(in, &undo, NULL), JET_errSuccess);
	instance_leave(in, 0);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	assert_int_equal(os_remove("i/a.edb"), OS_OK);
	assert_int_equal(os_remove("i/b.edb"), OS_OK);
	start_instance("c", "i", &inst, &ses);
	assert_int_equal(os_path_exists("i/a.edb"), 1);
	assert_int_equal(os_path_exists("i/b.edb"), 0);
}

/* A database's header is written rarely; its dbtime must still come back
 * right, or later changes would look done already (a checkpoint past all
 * its pages, then a crash, twice). */
static void dbtime_survives_two_crashes(void **state)
{
	static const unsigned ids[] = { JET_paramCheckpointDepthMax, 0 };
	static const intptr_t values[] = { 0 };
	uintptr_t inst, ses;
	uint32_t dbid, gen;
	struct instance *in;
	unsigned char *model;
	start_instance_with("t", "i", &inst, &ses, ids, values);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 50);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &gen), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &gen), JET_errSuccess);
	instance_leave(in, 0);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	start_instance_with("t", "i", &inst, &ses, ids, values);
	assert_int_equal(sim_attach_database(ses, "i/a.edb", 0, 0), JET_errSuccess);
	write_changes(inst, 50, 80);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	start_instance("t", "i", &inst, &ses);
	model = model_after(80);
	assert_true(file_matches("i/a.edb", model));
	free(model);
}

/* A database detached from one instance and attached to another belongs
 * to the other's logs: recovering the first leaves it alone. */
static void database_moved_to_another_log_set(void **state)
{
	static const unsigned ids[] = { JET_paramCheckpointDepthMax, 0 };
	static const intptr_t values[] = { 64 * 1024 * 1024 };
	uintptr_t a, b, sa, sb;
	uint32_t x, y;
	struct sim_database_file_info info;
	unsigned char *model;
	start_instance_with("a", "a", &a, &sa, ids, values);
	start_instance_with("b", "b", &b, &sb, ids, values);
	assert_int_equal(sim_create_database(sa, "a/y.edb", 0, 0, &y), JET_errSuccess);
	assert_int_equal(sim_create_database(sa, "a/x.edb", 0, 0, &x), JET_errSuccess);
	write_changes(a, 0, 10);   /* y stays dirty: a's checkpoint stays back */
	assert_int_equal(sim_close_database(sa, x, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(sa, "a/x.edb", 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(sb, "a/x.edb", 0, 0), JET_errSuccess);
	write_changes(b, 0, 200);
	assert_int_equal(sim_term(a, JET_bitTermDirty), JET_errDirtyShutdown);
	assert_int_equal(sim_term(b, JET_bitTermDirty), JET_errDirtyShutdown);
	start_instance("a", "a", &a, &sa);
	assert_int_equal(sim_database_file_info("a/x.edb", &info), JET_errSuccess);
	assert_int_equal(info.header.state, JET_dbstateDirtyShutdown);
	start_instance("b", "b", &b, &sb);
	model = model_after(200);
	assert_true(file_matches("a/x.edb", model));
	free(model);
}

/* A roll that cannot finish stops the log; nothing crashes, and the
 * databases are left for recovery.  The change that then cannot be logged
 * takes the instance offline: its next call gets JET_errInstanceUnavailable
 * (INST::ErrAPIEnter), and JetTerm still ends it. */
static void failed_roll(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid, gen;
	struct instance *in;
	start_instance("f", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 20);
	/* a folder where the archived generation must go */
	os_file *blocker;
	assert_int_equal(os_mkdir("i/edb00001.log"), OS_OK);
	assert_int_equal(os_file_open("i/edb00001.log/x", OS_OPEN_CREATE, &blocker), OS_OK);
	os_file_close(blocker);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(instance_log_roll(in, &gen), JET_errLogWriteFail);
	assert_int_equal(apply_changes(in, instance_database(in, dbid), 20, 21), JET_errLogWriteFail);
	instance_leave(in, 0);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errInstanceUnavailable);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void missing_log_at_recovery(void **state)
{
	static const unsigned ids[] = { JET_paramCheckpointDepthMax, 0 };
	static const intptr_t values[] = { 1024 * 1024 };
	uintptr_t inst, ses;
	uint32_t dbid, current;
	struct log_names names = { "i/", "edb", 3 };
	char *path;
	start_instance_with("l", "i", &inst, &ses, ids, values);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 2000);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	current = log_lowest_archived(&names);
	assert_true(current >= 1);
	path = log_archive_path(&names, current + 1);
	assert_int_equal(os_remove(path), OS_OK);
	free(path);
	assert_int_equal(init_in_folder_i("l", 0, &inst), JET_errMissingLogFile);
	assert_true(inst == 0);
}

/* Circular logging deletes the generations the checkpoint has passed;
 * what is left still recovers. */
static void circular_logging(void **state)
{
	static const unsigned ids[] = { JET_paramCheckpointDepthMax, JET_paramCircularLog, 0 };
	static const intptr_t values[] = { 256 * 1024, 1 };
	struct log_names names = { "i/", "edb", 3 };
	uintptr_t inst, ses;
	uint32_t dbid;
	unsigned char *model = model_after(3000);
	start_instance_with("o", "i", &inst, &ses, ids, values);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 3000);
	assert_true(log_lowest_archived(&names) > 1);
	assert_int_equal(sim_term(inst, JET_bitTermDirty), JET_errDirtyShutdown);
	start_instance("o", "i", &inst, &ses);
	assert_true(file_matches("i/a.edb", model));
	free(model);
}

/* A cleanly shut-down instance needs no redo: JetInit on it, or on a copy
 * of its folder (whose log names the original database by its full path),
 * leaves the database byte-identical.  Recovery starts at the checkpoint,
 * and a database consistent past the log position is not touched. */
static void clean_instance_copy_leaves_the_original(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t size;
	unsigned char *before;

	start_instance("c", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 1500);   /* several generations */
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	before = file_bytes("i/a.edb", &size);

	assert_int_equal(system("rm -rf j && cp -r i j"), 0);
	start_instance("j", "j", &inst, &ses);
	expect_file("i/a.edb", before, size);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	start_instance("i", "i", &inst, &ses);
	expect_file("i/a.edb", before, size);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(before);
}

/* Terminated while attached (a clean JetTerm detaches): the same. */
static void clean_term_attached_copy_leaves_the_original(void **state)
{
	uintptr_t inst, ses;
	uint32_t dbid;
	uint64_t size;
	unsigned char *before;

	start_instance("c", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	write_changes(inst, 0, 1500);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	before = file_bytes("i/a.edb", &size);
	assert_int_equal(system("rm -rf j && cp -r i j"), 0);
	start_instance("j", "j", &inst, &ses);
	expect_file("i/a.edb", before, size);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	free(before);
}

/* A log set whose body is not ours (Windows' ESE writes a sound ESE
 * header over its own segments): JetInit refuses it with ESE's code for a
 * log format it does not read, and leaves the file byte-identical.  Taking
 * the foreign records for a torn tail would write over them. */
static void foreign_log_is_refused_untouched(void **state)
{
	uintptr_t inst;
	uint32_t x = 2463534242u;
	uint64_t size;
	unsigned char *log;
	const char *path;
	os_file *f;

	crashed_with_changes("f", 100);

	path = os_path_exists("i/edb.log") == 1 ? "i/edb.log" : "i/edb.jtx";
	log = file_bytes(path, &size);
	/* another engine's log: an ESE header without our record format's
	 * mark, and a body of its own */
	memset(log + 4096 - 16, 0, 16);
	for (uint64_t i = 4096; i < size; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		log[i] = (unsigned char)x;
	}
	put32(log, checksum_header(log, 4096));
	assert_int_equal(os_file_open(path, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 0, log, (size_t)size), OS_OK);
	os_file_close(f);

	assert_int_equal(init_in_folder_i("f2", 0, &inst), JET_errBadLogVersion);
	expect_file(path, log, size);
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(dirty_term_is_recovered),
		CASE(recovery_ends_with_undo_mark_and_quit),
		CASE(keep_attached_quit_and_a_log_ending_on_a_mark),
		CASE(recovery_without_undo),
		CASE(recovery_through_a_small_cache),
		CASE(recovery_when_memory_runs_out),
		CASE(caches_share_their_pages),
		CASE(killed_process_is_recovered),
		CASE(recovery_is_repeatable),
		CASE(clean_term_and_continue),
		CASE(keep_attached_at_end_of_recovery),
		CASE(keep_attached_flushes_before_the_checkpoint),
		CASE(detach_at_end_is_flushed_before_the_header),
		CASE(reattach_in_the_log_dirties_the_header_first),
		CASE(redo_keeps_the_last_resize),
		CASE(grow_survives_a_kill_before_the_space_page),
		CASE(keep_attached_keeps_the_backup_record),
		CASE(missing_database_at_recovery),
		CASE(creations_in_the_log),
		CASE(dbtime_survives_two_crashes),
		CASE(database_moved_to_another_log_set),
		CASE(failed_roll),
		CASE(missing_log_at_recovery),
		CASE(circular_logging),
		CASE(clean_instance_copy_leaves_the_original),
		CASE(clean_term_attached_copy_leaves_the_original),
		CASE(foreign_log_is_refused_untouched),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
