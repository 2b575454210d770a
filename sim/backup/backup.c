/*
 * Streaming backup, following the engine's state machine (engine notes
 * §2.3, the ESE source's BACKUP_CONTEXT).  Each call holds the instance
 * lock, so a database page is read whole between two page writes;
 * JetStopBackupInstance only raises a flag, which the reader sees as
 * JET_errBackupAbortByServer at its next call.
 *
 * The backup set is closed: JetOpenFileInstance opens only an attached
 * database (in the database phase) or a log generation this backup listed
 * (in the log phase), named exactly as the instance names it; any other
 * path is refused before anything is opened.
 */
#include "backup/backup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/database.h"
#include "backup/database_backup.h"
#include "instance/fault_hook.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "jet_values.h"
#include "log/log.h"
#include "log/log_stream.h"
#include "os/os.h"
#include "os/paths.h"

enum backup_status {
	BACKUP_DATABASES,          /* full backup, before JetGetLogInfo */
	BACKUP_LOGS_AND_PATCHES,
};

/* The engine's handle table has one slot: one backup file open at a time,
 * and its handle is the slot index, 0. */
#define BACKUP_FILE_SLOTS 1

struct backup_file {
	int open;
	struct database_stream *db;   /* a database, or else a log: */
	unsigned dbid;
	struct log_stream *log;       /* read into the caller's buffer, checked in passing */
	uint32_t log_gen;
	uint64_t offset, size;
	int log_damaged;              /* an injected fault: the first read fails */
	int first_read_done;
	int reading;                  /* a read works on it without the instance lock */
};

struct backup {
	enum backup_status status;
	int full;
	int surrogate;
	int logs_truncated;
	struct bkinfo mark;              /* where and when it began */
	uint32_t copy_mic, copy_mac;     /* logs to copy: [mic, mac) */
	uint32_t delete_mic, delete_mac; /* logs truncation deletes */
	/* which of [copy_mic, copy_mac) were read whole (the engine keeps a
	 * sum of generation numbers, which a log copied twice upsets) */
	unsigned char *gen_copied;
	unsigned char db_copied[DATABASE_MAX + 1];
	struct backup_file files[BACKUP_FILE_SLOTS];
};

static uint32_t page_size_of(const struct instance *inst)
{
	return (uint32_t)param_int(&inst->params, JET_paramDatabasePageSize);
}

static unsigned enter_flags(int legacy)
{
	return legacy ? ENTER_LEGACY : 0;
}

static void close_file(struct backup_file *f)
{
	database_stream_close(f->db);
	log_stream_close(f->log);
	memset(f, 0, sizeof *f);
}

static void log_mark(struct instance *inst, enum log_backup_mark mark)
{
	struct log_record r = { .type = LOG_REC_BACKUP, .offset = (uint16_t)mark };
	instance_log_append(inst, &r, NULL);
}

/* A database read runs with the instance lock released (the workload
 * goes on writing meanwhile); whoever would close its file waits for it.
 * The instance lock is held on entry and on return. */
static void wait_for_reads(struct instance *inst)
{
	for (;;) {
		int busy = 0;
		for (unsigned i = 0; inst->backup && i < BACKUP_FILE_SLOTS; i++)
			busy |= inst->backup->files[i].reading;
		if (!busy)
			return;
		os_mutex_unlock(inst->lock);
		os_sleep_ms(1);
		os_mutex_lock(inst->lock);
	}
}

static void reset(struct instance *inst)
{
	struct backup *b;
	wait_for_reads(inst);
	b = inst->backup;
	if (!b)
		return;
	for (unsigned i = 0; i < BACKUP_FILE_SLOTS; i++)
		close_file(&b->files[i]);
	free(b->gen_copied);
	free(b);
	inst->backup = NULL;
	instance_keep_logs_from(inst, 0);
	log_mark(inst, LOG_BACKUP_STOP);
}

void backup_free(struct instance *inst)
{
	reset(inst);
}

/* What every streaming call but close and end checks first. */
static int prologue(struct instance *inst)
{
	if (!inst->backup)
		return JET_errNoBackup;
	if (atomic_load(&inst->stop_backup))
		return JET_errBackupAbortByServer;
	return JET_errSuccess;
}

/* Errors in the logs phase (and internal ones) end the backup: later calls
 * get JET_errNoBackup (engine notes §2.3, "Errors that abort"). */
static int abort_with(struct instance *inst, int err)
{
	reset(inst);
	return err;
}

static int any_file_open(const struct backup *b)
{
	for (unsigned i = 0; i < BACKUP_FILE_SLOTS; i++)
		if (b->files[i].open)
			return 1;
	return 0;
}

/* An incremental backup continues a full streaming one: every database
 * must have one recorded (engine notes §2.3, MissingFullBackup). */
static int every_database_has_full_backup(const struct instance *inst)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		const struct database *db = instance_database(inst, dbid);
		uint32_t type;
		struct bkinfo full;
		if (!db || !db->logged)
			continue;
		full = database_backup_record(db, BACKUP_KIND_FULL, &type);
		if (full.gen_low == 0 || type != BACKUP_TYPE_STREAMING)
			return 0;
	}
	return 1;
}

static const uint32_t begin_grbits_known =
	JET_bitBackupIncremental | JET_bitBackupSurrogate;

static int begin(struct instance *inst, uint32_t grbit)
{
	int incremental = (grbit & JET_bitBackupIncremental) != 0;
	struct backup *b;

	if (inst->state != INSTANCE_RUNNING)
		return JET_errBackupNotAllowedYet;
	if (!instance_logging_enabled(inst))
		return JET_errLoggingDisabled;
	if (instance_log_failed(inst))
		return JET_errLogWriteFail;
	if (grbit & ~begin_grbits_known)
		return JET_errInvalidGrbit;
	if (incremental && instance_circular_logging(inst))
		return JET_errInvalidBackup;
	if (inst->backup)
		return inst->backup->surrogate ? JET_errSurrogateBackupInProgress : JET_errBackupInProgress;
	if (inst->snapshot_backup)
		return JET_errBackupInProgress;   /* an OS snapshot holds the instance */
	if (incremental && !every_database_has_full_backup(inst))
		return JET_errMissingFullBackup;

	b = calloc(1, sizeof *b);
	if (!b)
		return JET_errOutOfMemory;
	b->full = !incremental;
	b->surrogate = (grbit & JET_bitBackupSurrogate) != 0;
	b->status = incremental ? BACKUP_LOGS_AND_PATCHES : BACKUP_DATABASES;
	/* a full backup needs the logs from the checkpoint on, which it reads
	 * from the checkpoint file, as the engine does */
	if (b->full) {
		int err = instance_checkpoint_file_generation(inst, &b->copy_mic);
		if (err) {
			free(b);
			return err;
		}
	}
	log_mark(inst, LOG_BACKUP_BEGIN);
	b->mark.mark = instance_log_end(inst);
	b->mark.time = logtime_from_filetime(os_time_now());
	if (b->full) {
		b->mark.gen_low = b->copy_mic;
		instance_keep_logs_from(inst, b->copy_mic);
	}
	atomic_store(&inst->stop_backup, 0);
	inst->backup = b;
	return JET_errSuccess;
}

/* The instance is entered as for any call (jetapi.cxx, ErrAPIEnter), so
 * one created but not initialised is JET_errNotInitialized; only one still
 * inside JetInit is JET_errBackupNotAllowedYet (m_fBackupAllowed). */
int sim_backup_begin(uintptr_t handle, int legacy, uint32_t grbit)
{
	struct instance *inst;
	int err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err == JET_errInitInProgress ? JET_errBackupNotAllowedYet : err;
	err = begin(inst, grbit);
	instance_leave(inst, enter_flags(legacy));
	return err;
}

/* Appends a path and its terminator to a growing list. */
static int list_add(struct path_list *l, const char *path)
{
	size_t n = strlen(path) + 1;
	char *t = realloc(l->text, l->size + n + 1);
	if (!t)
		return JET_errOutOfMemory;
	memcpy(t + l->size, path, n);
	l->text = t;
	l->size += n;
	return JET_errSuccess;
}

/* Closes a list with its final terminator. */
static int list_finish(struct path_list *l)
{
	char *t = realloc(l->text, l->size + 1);
	if (!t)
		return JET_errOutOfMemory;
	t[l->size++] = 0;
	l->text = t;
	return JET_errSuccess;
}

void path_list_free(struct path_list *l)
{
	free(l->text);
	l->text = NULL;
	l->size = 0;
}

int sim_backup_attach_info(uintptr_t handle, int legacy, struct path_list *out)
{
	struct instance *inst;
	int err;

	out->text = NULL;
	out->size = 0;
	err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err;
	err = prologue(inst);
	if (!err && !inst->backup->full)
		err = JET_errInvalidBackupSequence;
	for (unsigned dbid = 1; !err && dbid <= DATABASE_MAX; dbid++) {
		const struct database *db = instance_database(inst, dbid);
		if (db && db->logged)
			err = list_add(out, db->path);
	}
	if (!err)
		err = list_finish(out);
	if (err == JET_errOutOfMemory)
		abort_with(inst, err);
	if (err)
		path_list_free(out);
	instance_leave(inst, enter_flags(legacy));
	return err;
}

static struct database *find_database(const struct instance *inst, const char *full)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		struct database *db = instance_database(inst, dbid);
		if (db && db->logged && os_path_equal(db->path, full))
			return db;
	}
	return NULL;
}

static int open_database(struct instance *inst, struct database *db, struct backup_file *f)
{
	struct backup *b = inst->backup;
	int err;
	/* a database after the log list, or in an incremental backup, is out
	 * of sequence, and that ends the backup (engine notes §2.3) */
	if (!b->full || b->status != BACKUP_DATABASES)
		return abort_with(inst, JET_errInvalidBackupSequence);
	err = database_stream_open(db, &b->mark, &f->db, &f->size);
	if (err)
		return err;
	f->dbid = db->dbid;
	f->open = 1;
	return JET_errSuccess;
}

/* Only the logs this backup listed can be opened in the logs phase; any
 * other name is missing from the backup set, which ends the backup; a
 * log's name that carries no generation (edb.log itself) is refused by the
 * engine's name parser first (backup.cxx, ErrBKOpenFile), which ends it
 * too.  A log is read straight into the caller's buffers and each record
 * checked as it passes; damage is reported by the read that meets it, and
 * ends the backup. */
static int open_log(struct instance *inst, const char *full, struct backup_file *f)
{
	struct backup *b = inst->backup;
	uint32_t gen = log_generation_of_path(instance_log_names(inst), full);
	int err;

	struct fault_point p = { .site = FAULT_BACKUP_OPEN, .path = full, .is_log = 1,
				 .generation = gen };

	if (log_name_lacks_generation(instance_log_names(inst), full))
		return abort_with(inst, JET_errInvalidParameter);
	if (b->copy_mac == 0 || gen < b->copy_mic || gen >= b->copy_mac)
		return abort_with(inst, JET_errMissingFileToBackup);
	/* an injected fault stands for what the file would have been found to
	 * be: missing at the open, or damaged, which the first read reports as
	 * it reports damage it meets */
	err = instance_fault(inst, &p);
	f->log_damaged = err == JET_errLogFileCorrupt;
	if (!err || f->log_damaged)
		err = log_stream_open(full, gen, instance_log_signature(inst), &f->log, &f->size);
	if (err == JET_errFileNotFound)
		return abort_with(inst, JET_errMissingFileToBackup);
	/* a damaged or foreign header is reported by the first read */
	if (err)
		return abort_with(inst, err);
	f->log_gen = gen;
	f->open = 1;
	return JET_errSuccess;
}

/* A read that starts at `ib` (JetOpenFileSectionInstance): a database's
 * stream starts at that page, past the header pages; a log's bytes before
 * it are read and checked as every log read checks them, then dropped. */
static int skip_to(struct instance *inst, struct backup_file *f, uint64_t ib)
{
	unsigned char *buf;
	int err = JET_errSuccess;
	if (f->db) {
		database_stream_seek(f->db, ib);
		f->offset = ib;
		return JET_errSuccess;
	}
	if (!(buf = malloc(64 * 1024)))
		return JET_errOutOfMemory;
	while (!err && f->offset < ib) {
		uint64_t left = ib - f->offset;
		size_t got = 0;
		err = log_stream_read(f->log, buf, left < 64 * 1024 ? (size_t)left : 64 * 1024, &got);
		if (!err && got == 0)
			break;
		f->offset += got;
	}
	free(buf);
	if (err)
		return abort_with(inst, err == JET_errLogFileCorrupt ? JET_errLogReadVerifyFailure : err);
	return JET_errSuccess;
}

static int open_file(struct instance *inst, const char *path, uint64_t ib, uintptr_t *handle,
		     uint64_t *size)
{
	struct backup *b = inst->backup;
	struct backup_file *f = &b->files[0];
	struct database *db;
	char *full;
	int err;

	if (!path || !*path)
		return JET_errInvalidParameter;
	/* backup.cxx, ErrBKOpenFile: a section starts on a page, at page 2
	 * or later (PgnoOfOffset: the offset's page past the two header
	 * pages), whatever the file: a database's headers come only from 0 */
	if (ib % page_size_of(inst) != 0 || (ib && ib / page_size_of(inst) < 3))
		return JET_errInvalidParameter;
	if (f->open)
		return JET_errOutOfMemory;   /* the engine's answer for a full table */
	/* a name ending in a separator names a folder, never a file of the
	 * set, however the platform would shorten it */
	full = path_is_separator(path[strlen(path) - 1]) ? NULL : os_full_path(path);
	if (!full && path_is_separator(path[strlen(path) - 1]))
		return b->status == BACKUP_DATABASES ? JET_errDatabaseNotFound
						     : abort_with(inst, JET_errMissingFileToBackup);
	if (!full)
		return JET_errOutOfMemory;
	if ((db = find_database(inst, full)) != NULL) {
		struct fault_point p = { .site = FAULT_BACKUP_OPEN, .path = full,
					 .page_size = db->page_size };
		err = instance_fault(inst, &p);
		if (!err)
			err = open_database(inst, db, f);
	}
	else if (b->status == BACKUP_DATABASES)
		err = JET_errDatabaseNotFound;   /* not a database: refused, backup goes on */
	else
		err = open_log(inst, full, f);
	free(full);
	if (!err && ib > f->size) {
		close_file(f);
		err = JET_errInvalidParameter;
	}
	if (!err && ib)
		err = skip_to(inst, f, ib);
	if (!err) {
		*handle = 0;
		*size = f->size;
	}
	return err;
}

int sim_backup_open_file(uintptr_t handle, int legacy, const char *path, uintptr_t *file,
			 uint64_t *size)
{
	return sim_backup_open_file_section(handle, legacy, path, 0, file, size);
}

int sim_backup_open_file_section(uintptr_t handle, int legacy, const char *path, uint64_t ib,
				 uintptr_t *file, uint64_t *size)
{
	struct instance *inst;
	int err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err;
	err = prologue(inst);
	if (!err)
		err = open_file(inst, path, ib, file, size);
	instance_leave(inst, enter_flags(legacy));
	return err;
}

static int read_log(struct instance *inst, struct backup_file *f, void *buf, uint32_t cb,
		    uint32_t *got)
{
	size_t n = 0;
	int err = f->log_damaged ? JET_errLogFileCorrupt : log_stream_read(f->log, buf, cb, &n);
	if (err)
		return abort_with(inst, err == JET_errLogFileCorrupt ? JET_errLogReadVerifyFailure : err);
	f->offset += n;
	*got = (uint32_t)n;
	return JET_errSuccess;
}

/* A database is read with the instance lock released, under the
 * database's I/O lock only: a page is never read half written, and the
 * instance's writers go on meanwhile.  Reads of one handle take turns. */
static int read_database(struct instance *inst, struct backup_file *f, void *buf, uint32_t cb,
			 uint32_t *got)
{
	struct database_stream *s = f->db;
	struct database *db = instance_database(inst, f->dbid);
	uint32_t current = instance_log_end(inst).generation;
	int err;

	f->reading = 1;
	os_mutex_unlock(inst->lock);
	os_mutex_lock(db->io_lock);
	err = database_stream_read(s, current, buf, cb, got);
	os_mutex_unlock(db->io_lock);
	os_mutex_lock(inst->lock);
	f->reading = 0;   /* the backup is still there: its end waits for this */
	if (err)
		close_file(f);   /* a database read error ends the file, not the backup */
	else
		f->offset += *got;
	return err;
}

/* The scenario's faults for a read of [f->offset, + cb): a slow disk
 * waits with the instance released; a failing one fails the read as the
 * real read would (a database's ends the file, a log's the backup). */
static int injected_read_fault(struct instance *inst, struct backup_file *f, uint32_t cb)
{
	struct fault_point p = { .site = FAULT_BACKUP_READ, .is_log = f->db == NULL,
				 .generation = f->log_gen, .page_size = page_size_of(inst),
				 .offset = f->offset, .length = cb };
	struct database *db = f->db ? instance_database(inst, f->dbid) : NULL;
	char *log_path = NULL;
	int err;

	if (db)
		p.path = db->path;
	else
		p.path = log_path = log_archive_path(instance_log_names(inst), f->log_gen);
	err = instance_fault(inst, &p);
	free(log_path);
	if (p.delay_ms) {
		f->reading = 1;
		os_mutex_unlock(inst->lock);
		os_sleep_ms(p.delay_ms);
		os_mutex_lock(inst->lock);
		f->reading = 0;
	}
	if (err && db)
		close_file(f);
	else if (err)
		abort_with(inst, err);
	return err;
}

static int read_file(struct instance *inst, uintptr_t handle, void *buf, uint32_t cb, uint32_t *got)
{
	struct backup_file *f;
	uint32_t page = page_size_of(inst);
	int err;

	*got = 0;
	/* the engine reads into the caller's buffer with unbuffered I/O, so it
	 * must be page aligned (VirtualAlloc), and whole pages */
	if (!buf || ((uintptr_t)buf % 4096) != 0 || cb == 0 || cb % page != 0)
		return JET_errInvalidParameter;
	for (;;) {
		err = prologue(inst);
		if (err)
			return err;
		if (handle >= BACKUP_FILE_SLOTS || !inst->backup->files[handle].open)
			return JET_errInvalidParameter;
		f = &inst->backup->files[handle];
		if (!f->reading)
			break;
		os_mutex_unlock(inst->lock);
		os_sleep_ms(1);
		os_mutex_lock(inst->lock);
	}
	/* the first read of a database holds both headers and a page; of a
	 * log, at least two pages */
	if (!f->first_read_done && cb < (f->db ? 3u : 2u) * page)
		return JET_errInvalidParameter;
	err = injected_read_fault(inst, f, cb);
	if (!err)
		err = f->db ? read_database(inst, f, buf, cb, got) : read_log(inst, f, buf, cb, got);
	if (!err)
		f->first_read_done = 1;
	return err;
}

int sim_backup_read_file(uintptr_t handle, int legacy, uintptr_t file, void *buf, uint32_t cb,
			 uint32_t *got)
{
	struct instance *inst;
	int err;
	if (!got)
		return JET_errInvalidParameter;
	err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err;
	err = prologue(inst);
	if (!err)
		err = read_file(inst, file, buf, cb, got);
	instance_leave(inst, enter_flags(legacy));
	return err;
}

int sim_backup_close_file(uintptr_t handle, int legacy, uintptr_t file)
{
	struct instance *inst;
	int err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err;
	wait_for_reads(inst);
	/* only "no backup" is checked: closing works after a server stop */
	if (!inst->backup) {
		err = JET_errNoBackup;
	} else if (file >= BACKUP_FILE_SLOTS || !inst->backup->files[file].open) {
		err = JET_errInvalidParameter;
	} else {
		struct backup *b = inst->backup;
		struct backup_file *f = &b->files[file];
		if (f->db && database_stream_done(f->db))
			b->db_copied[f->dbid] = 1;
		if (f->log && f->offset == f->size && f->log_gen >= b->copy_mic && f->log_gen < b->copy_mac)
			b->gen_copied[f->log_gen - b->copy_mic] = 1;
		close_file(f);
	}
	instance_leave(inst, enter_flags(legacy));
	return err;
}

/* An incremental backup continues each database's last full or
 * incremental one: every database needs the logs from just after it (the
 * engine's ErrBKICheckLogsForIncrementalBackup, database by database). */
static int logs_follow_every_backup(const struct instance *inst, uint32_t lowest)
{
	uint32_t type;
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		const struct database *db = instance_database(inst, dbid);
		struct bkinfo full, inc;
		uint32_t high;
		if (!db || !db->logged)
			continue;
		full = database_backup_record(db, BACKUP_KIND_FULL, &type);
		inc = database_backup_record(db, BACKUP_KIND_INCREMENTAL, &type);
		high = full.gen_high > inc.gen_high ? full.gen_high : inc.gen_high;
		if (lowest > high + 1)
			return 0;
	}
	return 1;
}

/* The first JetGetLogInfo of a backup rolls the log so that the set is
 * complete, and fixes the ranges to copy and to delete; later calls reuse
 * them (engine notes §2.3). */
static int prepare_log_ranges(struct instance *inst)
{
	struct backup *b = inst->backup;
	uint32_t current, lowest, checkpoint;
	int err;

	if (b->copy_mac)
		return JET_errSuccess;
	log_mark(inst, LOG_BACKUP_PREPARE);
	err = instance_log_roll(inst, &current);
	if (!err)
		err = instance_log_lowest_archived(inst, &lowest);
	if (err)
		return err;
	checkpoint = instance_checkpoint_generation(inst);
	b->copy_mac = current;
	b->delete_mic = lowest;
	b->delete_mac = checkpoint < current ? checkpoint : current;
	if (b->full) {
		/* keep what a database not copied whole still needs */
		for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
			const struct database *db = instance_database(inst, dbid);
			uint32_t type;
			struct bkinfo r;
			if (!db || !db->logged || b->db_copied[dbid])
				continue;
			/* one never backed up whole needs every log: nothing goes */
			r = database_backup_record(db, BACKUP_KIND_FULL, &type);
			if (r.gen_high < b->delete_mac)
				b->delete_mac = r.gen_high;
		}
		if (b->copy_mic == 0 || b->copy_mic < lowest)
			b->copy_mic = lowest;
	} else {
		b->copy_mic = lowest;
		if (!logs_follow_every_backup(inst, lowest))
			return JET_errMissingFileToBackup;   /* logs were lost */
		instance_keep_logs_from(inst, b->copy_mic);
	}
	if (b->delete_mic > b->delete_mac)
		b->delete_mic = b->delete_mac;
	b->gen_copied = calloc(b->copy_mac - b->copy_mic + 1, 1);
	if (!b->gen_copied)
		return JET_errOutOfMemory;
	b->status = BACKUP_LOGS_AND_PATCHES;
	return JET_errSuccess;
}

static int list_generations(struct instance *inst, uint32_t low, uint32_t high_excl,
			    struct path_list *out)
{
	int err = JET_errSuccess;
	for (uint32_t gen = low; !err && gen < high_excl; gen++) {
		char *path = log_archive_path(instance_log_names(inst), gen);
		err = path ? list_add(out, path) : JET_errOutOfMemory;
		free(path);
	}
	return err ? err : list_finish(out);
}

enum log_list { LOGS_TO_COPY, LOGS_TO_DELETE };

static int log_list(uintptr_t handle, int legacy, enum log_list which, struct path_list *out,
		    struct backup_log_info *info)
{
	struct instance *inst;
	int err;

	out->text = NULL;
	out->size = 0;
	err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err;
	err = prologue(inst);
	if (!err && any_file_open(inst->backup))
		err = JET_errInvalidBackupSequence;
	else if (!err) {
		struct fault_point p = { .site = FAULT_BACKUP_LOG_LIST };
		err = instance_fault(inst, &p);
		if (!err)
			err = prepare_log_ranges(inst);
		if (err)
			abort_with(inst, err);
	}
	if (!err) {
		struct backup *b = inst->backup;
		if (which == LOGS_TO_COPY)
			err = list_generations(inst, b->copy_mic, b->copy_mac, out);
		else
			err = list_generations(inst, b->delete_mic, b->delete_mac, out);
		if (!err && info) {
			info->gen_low = b->copy_mic;
			info->gen_high = b->copy_mac - 1;
			snprintf(info->base_name, sizeof info->base_name, "%s",
				 instance_log_names(inst)->base);
		}
		if (err)
			abort_with(inst, err);
	}
	if (err)
		path_list_free(out);
	instance_leave(inst, enter_flags(legacy));
	return err;
}

int sim_backup_log_info(uintptr_t handle, int legacy, struct path_list *out,
			struct backup_log_info *info)
{
	return log_list(handle, legacy, LOGS_TO_COPY, out, info);
}

int sim_backup_truncate_log_info(uintptr_t handle, int legacy, struct path_list *out)
{
	return log_list(handle, legacy, LOGS_TO_DELETE, out, NULL);
}

/* Deletes the generations no longer needed, lowest first; the checkpoint's
 * generation and newer are never touched. */
static int truncate_logs(struct instance *inst)
{
	struct backup *b = inst->backup;
	uint32_t checkpoint = instance_checkpoint_generation(inst);

	if (any_file_open(b) || b->copy_mic == 0 || b->copy_mac == 0)
		return JET_errInvalidBackupSequence;
	for (uint32_t gen = b->copy_mic; gen < b->copy_mac; gen++)
		if (!b->gen_copied[gen - b->copy_mic])
			return JET_errLogFileNotCopied;
	b->logs_truncated = 1;
	for (uint32_t gen = b->delete_mic; gen < b->delete_mac && gen < checkpoint; gen++) {
		int rc = instance_log_remove_archived(inst, gen);
		if (rc != OS_OK && rc != OS_NOT_FOUND)
			return rc == OS_NO_MEMORY ? JET_errOutOfMemory : JET_errDeleteBackupFileFail;
	}
	return JET_errSuccess;
}

int sim_backup_truncate_log(uintptr_t handle, int legacy)
{
	struct instance *inst;
	int err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err;
	err = prologue(inst);
	if (!err)
		err = truncate_logs(inst);
	instance_leave(inst, enter_flags(legacy));
	return err;
}

/* A normal end records the backup in the header of every database read
 * whole; which record depends on the kind and on whether logs were
 * truncated (engine notes §2.3, End). */
static void record_in_headers(struct instance *inst)
{
	struct backup *b = inst->backup;
	enum backup_kind kind = b->full ? (b->logs_truncated ? BACKUP_KIND_FULL : BACKUP_KIND_COPY)
					: (b->logs_truncated ? BACKUP_KIND_INCREMENTAL
							     : BACKUP_KIND_DIFFERENTIAL);
	struct bkinfo record = b->mark;
	record.gen_low = b->copy_mic;
	record.gen_high = b->copy_mac - 1;
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		struct database *db = instance_database(inst, dbid);
		if (db && db->logged && (!b->full || b->db_copied[dbid]))
			database_record_backup(db, kind, &record, BACKUP_TYPE_STREAMING);
	}
}

int sim_backup_end(uintptr_t handle, int legacy, uint32_t grbit)
{
	uint32_t ends = grbit & (JET_bitBackupEndNormal | JET_bitBackupEndAbort);
	struct instance *inst;
	int err;

	if (ends != JET_bitBackupEndNormal && ends != JET_bitBackupEndAbort)
		return JET_errInvalidParameter;
	err = instance_enter(handle, enter_flags(legacy), &inst);
	if (err)
		return err;
	wait_for_reads(inst);
	if (!inst->backup) {
		err = JET_errNoBackup;
	} else {
		struct backup *b = inst->backup;
		/* a stop by the server, or an end before the log list, makes
		 * a normal end an abort.  The reference pages list
		 * errBackupAbortByCaller (-800) and JET_errBackupAbortByServer
		 * for this; the engine returns success (engine notes §2.3, End),
		 * and so do we */
		int normal = ends == JET_bitBackupEndNormal && !atomic_load(&inst->stop_backup) &&
			     b->status != BACKUP_DATABASES && b->copy_mac != 0;
		if (grbit & JET_bitBackupTruncateDone)
			b->logs_truncated = 1;
		if (normal && !(grbit & JET_bitBackupNoDbHeaderUpdate))
			record_in_headers(inst);
		reset(inst);
	}
	instance_leave(inst, enter_flags(legacy));
	return err;
}

/* The engine only looks the instance up (jetapi.cxx,
 * JetStopBackupInstanceEx): one created but not initialised is found too. */
int sim_backup_stop(uintptr_t handle, int legacy)
{
	unsigned flags = enter_flags(legacy) | ENTER_STOPPED_OK | ENTER_CREATED_OK;
	struct instance *inst;
	int err = instance_enter(handle, flags, &inst);
	if (err)
		return err == JET_errRunningInMultiInstanceMode ? err : JET_errInvalidParameter;
	/* the flag is kept until the next begin (engine notes §2.2 item 7) */
	atomic_store(&inst->stop_backup, 1);
	instance_leave(inst, flags);
	return JET_errSuccess;
}

int backup_before_term(struct instance *inst, uint32_t term_grbit)
{
	if (!inst->backup)
		return JET_errSuccess;
	if (!(term_grbit & (JET_bitTermAbrupt | JET_bitTermStopBackup | JET_bitTermDirty)))
		return inst->backup->surrogate ? JET_errSurrogateBackupInProgress : JET_errBackupInProgress;
	reset(inst);
	return JET_errSuccess;
}
