/*
 * Attached databases.  The order of checks in each API function follows
 * the engine's (ErrIsamAttachDatabase / ErrIsamDetachDatabase in db.cxx,
 * JetDetachDatabase2 in jetapi.cxx); the codes are those of the reference
 * pages.
 */
#include "db/database.h"

#include <stdlib.h>
#include <string.h>

#include "format/attach_info.h"
#include "format/space_owned.h"
#include "format/version.h"
#include "instance/attached_files.h"
#include "instance/fault_hook.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "instance/session.h"
#include "jet_values.h"
#include "log/log.h"
#include "os/paths.h"

/* --- One database */

struct database *instance_database(const struct instance *inst, unsigned dbid)
{
	return dbid >= 1 && dbid <= DATABASE_MAX ? inst->databases[dbid] : NULL;
}

static struct database *find_by_path(const struct instance *inst, const char *full)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++)
		if (inst->databases[dbid] && os_path_equal(inst->databases[dbid]->path, full))
			return inst->databases[dbid];
	return NULL;
}

static unsigned free_dbid(const struct instance *inst)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++)
		if (!inst->databases[dbid])
			return dbid;
	return 0;
}

static void database_free(struct database *db)
{
	if (!db)
		return;
	os_mutex_destroy(db->io_lock);
	os_file_close(db->file);
	page_cache_free(&db->cache);
	free(db->opens);
	free(db->path);
	free(db);
}

static int io_status_error(int rc)
{
	switch (rc) {
	case OS_OK: return JET_errSuccess;
	case OS_DISK_FULL: return JET_errDiskFull;
	case OS_NO_MEMORY: return JET_errOutOfMemory;
	default: return JET_errDiskIO;
	}
}

/* Pages reach the file under the database's I/O lock, which a backup
 * reading the file takes too: it never sees half a page. */
static int write_page(struct database *db, uint32_t pgno, const unsigned char *page)
{
	int err;
	instance_io_gate(db->io_frozen);
	os_mutex_lock(db->io_lock);
	err = page_write(db->file, db->page_size, pgno, page);
	os_mutex_unlock(db->io_lock);
	db->unsynced = 1;
	return err;
}

int database_write_header(struct database *db)
{
	if (!db->read_only)
		instance_io_gate(db->io_frozen);
	return db->read_only ? JET_errSuccess : db_header_write(db->file, &db->header);
}

int database_read_page(struct database *db, uint32_t pgno, unsigned char *page)
{
	struct dirty_page *d = page_cache_find(&db->cache, pgno);
	if (pgno == 0 || pgno > db->pages)
		return JET_errInvalidParameter;
	if (d) {
		memcpy(page, d->data, db->page_size);
		return JET_errSuccess;
	}
	return page_read(db->file, db->page_size, pgno, page);
}

int database_flush(struct database *db, const struct lgpos *before)
{
	int err = JET_errSuccess;
	while (!err && db->cache.oldest &&
	       (!before || lgpos_compare(db->cache.oldest->first, *before) < 0)) {
		err = write_page(db, db->cache.oldest->pgno, db->cache.oldest->data);
		if (!err)
			page_cache_drop_oldest(&db->cache);
	}
	return err;
}

int databases_oldest_dirty(const struct instance *inst, struct lgpos *out)
{
	int any = 0;
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		const struct database *db = inst->databases[dbid];
		if (db && db->cache.oldest &&
		    (!any || lgpos_compare(db->cache.oldest->first, *out) < 0)) {
			*out = db->cache.oldest->first;
			any = 1;
		}
	}
	return any;
}

int databases_sync(struct instance *inst)
{
	int err = JET_errSuccess;
	for (unsigned dbid = 1; !err && dbid <= DATABASE_MAX; dbid++) {
		struct database *db = inst->databases[dbid];
		if (db && db->unsynced) {
			if (os_file_sync(db->file) != OS_OK)
				err = JET_errDiskIO;
			else
				db->unsynced = 0;
		}
	}
	return err;
}

int databases_flush_before(struct instance *inst, struct lgpos before)
{
	int err = JET_errSuccess;
	/* the log must be on the device before pages that depend on it */
	if (instance_logging_enabled(inst))
		err = instance_log_flush(inst);
	for (unsigned dbid = 1; !err && dbid <= DATABASE_MAX; dbid++)
		if (inst->databases[dbid])
			err = database_flush(inst->databases[dbid], &before);
	return err;
}

/* LOG::LGLoadAttachmentsFromFMP (log.cxx): the databases attached with
 * logging (read-only ones are not) whose attach record lies before
 * `next`, each with its dbtime, last object id, size limit, attach
 * position, consistent position (when its header's belongs to this log
 * set and lies before `next`), signature and path.  0, or -1 when they
 * do not fit in the list (buf then holds the empty list). */
static int attach_list(struct instance *inst, struct lgpos next, unsigned char *buf)
{
	struct attach_info list[DATABASE_MAX];
	const struct signature *log_sig = instance_log_signature(inst);
	unsigned n = 0;
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		const struct database *db = inst->databases[dbid];
		if (!db || !db->logged || db->header.attach.generation == 0 ||
		    lgpos_compare(next, db->header.attach) <= 0)
			continue;
		attach_info_of(&list[n++], (uint8_t)dbid, &db->header, db->max_pages, db->path,
			       log_sig, next);
	}
	return attach_list_encode(buf, list, n);
}

void databases_attach_list_at_roll(void *ctx, struct lgpos next, unsigned char *list)
{
	attach_list(ctx, next, list);
}

/* The checkpoint follows the oldest dirty page (the log's end when none
 * is dirty).  It lists the databases attached there, unless one was
 * detached since (its detach record at or after the checkpoint): a
 * detached database is no longer known here, so the list is left out and
 * ESE's redo takes the attachments from the log instead. */
int databases_advance_checkpoint(struct instance *inst)
{
	unsigned char attach[ATTACH_LIST_SIZE];
	int listed;
	struct instance_log *l = inst->log;
	struct lgpos position;
	int err;
	if (!instance_logging_enabled(inst))
		return JET_errSuccess;
	if (!databases_oldest_dirty(inst, &position))
		position = log_end(l->writer);
	if (lgpos_compare(position, l->checkpoint) <= 0)
		return JET_errSuccess;
	/* the pages the checkpoint no longer covers must be on the device
	 * first: logs behind the checkpoint may be deleted */
	err = databases_sync(inst);
	listed = lgpos_compare(l->last_detach, position) < 0 &&
		 attach_list(inst, position, attach) == 0;
	if (!err)
		err = instance_checkpoint_write(inst, position, listed ? attach : NULL);
	if (!err && instance_circular_logging(inst))
		instance_log_delete_passed(inst);
	return err;
}

/* The payload of create and attach records: the database's signature, its
 * size limit and its path, so that recovery can make or find it. */
static unsigned char *identity_payload(const struct database *db, uint32_t *length)
{
	size_t n = strlen(db->path);
	unsigned char *p = malloc(SIGNATURE_SIZE + 4 + n);
	if (!p)
		return NULL;
	signature_put(p, &db->header.db_signature);
	put32(p + SIGNATURE_SIZE, db->max_pages);
	memcpy(p + SIGNATURE_SIZE + 4, db->path, n);
	*length = (uint32_t)(SIGNATURE_SIZE + 4 + n);
	return p;
}

static int log_identity(struct instance *inst, const struct database *db, uint8_t type,
			struct lgpos *at)
{
	/* the dbtime too: recovery must not take an older one from a header
	 * written long ago, or later changes would look already done */
	struct log_record r = { .type = type, .dbid = db->dbid, .pgno = db->page_size,
				.dbtime = db->header.dbtime };
	unsigned char *payload = identity_payload(db, &r.length);
	int err;
	if (!payload)
		return JET_errOutOfMemory;
	r.payload = payload;
	err = instance_log_append(inst, &r, at);
	free(payload);
	return err;
}

/* The log range a dirty database's header names, as ESE keeps it while
 * attached (daedef.hxx DBFILEHDR; ESE rewrites it at each new generation):
 * lGenMinRequired and lGenMinConsistent, the generation of its oldest
 * change not yet in the file (the current one when there is none);
 * lGenMaxRequired and lGenMaxCommitted, the current generation, created
 * at logtimeGenMaxCreate.  A clean header has them all 0. */
static void note_required_range(struct instance *inst, struct database *db)
{
	uint32_t current = instance_log_end(inst).generation;
	uint32_t min = db->cache.oldest ? db->cache.oldest->first.generation : current;
	db_header_note_required(&db->header, min, current, instance_log_created(inst));
}

int databases_log_attachments(struct instance *inst)
{
	int err = JET_errSuccess;
	for (unsigned dbid = 1; !err && dbid <= DATABASE_MAX; dbid++) {
		struct database *db = inst->databases[dbid];
		if (db && db->logged)
			err = log_identity(inst, db, LOG_REC_ATTACH, NULL);
		if (!err && db && db->logged) {
			note_required_range(inst, db);
			err = database_write_header(db);
		}
	}
	return err;
}

/* The checkpoint may have to move when too much log lies behind the
 * oldest dirty page (JET_paramCheckpointDepthMax), or when the cache holds
 * more pages than JET_paramCacheSizeMax. */
static int keep_cache_in_bounds(struct instance *inst, struct database *db)
{
	intptr_t cache_max = param_int(&inst->params, JET_paramCacheSizeMax);
	int err = JET_errSuccess;
	if (cache_max > 0 && db->cache.count > (unsigned)cache_max) {
		err = instance_log_flush(inst);
		while (!err && db->cache.count > (unsigned)cache_max / 2) {
			err = write_page(db, db->cache.oldest->pgno, db->cache.oldest->data);
			if (!err)
				page_cache_drop_oldest(&db->cache);
		}
		if (!err)
			err = databases_advance_checkpoint(inst);
	}
	return err;
}

int database_write(struct instance *inst, struct database *db, uint32_t pgno, uint32_t offset,
		   const void *data, uint32_t len)
{
	struct dirty_page *dirty;
	struct log_record r;
	struct lgpos at;
	unsigned char *page;
	int err;

	if (db->read_only)
		return JET_errDatabaseFileReadOnly;
	if (pgno == 0 || pgno > db->pages || offset < page_data_start(db->page_size) ||
	    offset > page_data_end(db->page_size) || len > page_data_end(db->page_size) - offset)
		return JET_errInvalidParameter;
	page = malloc(db->page_size);
	if (!page)
		return JET_errOutOfMemory;
	err = database_read_page(db, pgno, page);
	if (err) {
		free(page);
		return err;
	}
	r = (struct log_record){ .type = LOG_REC_PAGE, .dbid = db->dbid, .pgno = pgno,
				 .dbtime = db->header.dbtime + 1, .offset = (uint16_t)offset,
				 .length = len, .payload = data };
	if (db->logged)
		err = instance_log_append(inst, &r, &at);
	if (!err) {
		db->header.dbtime++;
		memcpy(page + offset, data, len);
		page_set_dbtime(page, db->header.dbtime);
		page_seal(page, db->page_size, pgno);
		if (!db->logged) {
			err = write_page(db, pgno, page);
		} else if ((dirty = page_cache_find(&db->cache, pgno)) != NULL) {
			memcpy(dirty->data, page, db->page_size);
		} else {
			err = page_cache_add(&db->cache, pgno, at, page, &dirty);
			if (!err)
				err = keep_cache_in_bounds(inst, db);
		}
	}
	free(page);
	return err;
}

/* New pages: empty, as an extension of the database. */
static int format_pages(struct database *db, uint32_t from, uint32_t to)
{
	unsigned char *page = malloc(db->page_size);
	int err = JET_errSuccess;
	if (!page)
		return JET_errOutOfMemory;
	for (uint32_t pgno = from; !err && pgno <= to; pgno++) {
		page_init(page, db->page_size, pgno, 0, 0, PAGE_FLAG_EMPTY);
		err = write_page(db, pgno, page);
	}
	free(page);
	return err;
}

/* The root's owned extent grows with the file, after it: a crash between
 * the two leaves the file longer than owned, never shorter. */
static int own_pages(struct database *db, uint32_t pages)
{
	unsigned char *page = malloc(db->page_size);
	int err;
	if (!page)
		return JET_errOutOfMemory;
	space_owned_page(page, db->page_size, pages);
	err = write_page(db, 2, page);
	free(page);
	return err;
}

int database_grow(struct instance *inst, struct database *db, uint32_t pages)
{
	struct log_record r = { .type = LOG_REC_GROW, .dbid = db->dbid, .pgno = pages };
	struct lgpos at = { 0, 0, 0 };
	int err = JET_errSuccess;
	if (db->read_only)
		return JET_errDatabaseFileReadOnly;
	if (pages <= db->pages)
		return JET_errSuccess;
	if (db->max_pages && pages > db->max_pages)
		return JET_errOutOfDatabaseSpace;
	{
		struct fault_point p = { .site = FAULT_DB_GROW, .path = db->path,
					 .page_size = db->page_size,
					 .offset = page_offset(db->page_size, db->pages + 1),
					 .length = (uint64_t)(pages - db->pages) * db->page_size };
		err = instance_fault(inst, &p);
		if (err)
			return err;
	}
	if (db->logged)
		err = instance_log_append(inst, &r, &at);
	if (!err)
		err = format_pages(db, db->pages + 1, pages);
	if (!err)
		err = own_pages(db, pages);
	if (!err) {
		/* le_ulExtendCount and logtimeLastExtend, as ESE counts growth */
		db->pages = pages;
		db->header.extend_count++;
		db->header.last_extend_time = logtime_from_filetime(os_time_now());
		/* a header that records the grow's position comes after the
		 * grow's record is on the disk (logapi.cxx, ErrLGExtendDatabase
		 * flushes the log; space.cxx then updates the header) */
		if (db->logged &&
		    db_header_format_at_least(&db->header, DB_FORMAT_LGPOS_LAST_RESIZE)) {
			err = instance_log_flush(inst);
			db_header_resized_at(&db->header, at);
		}
		if (!err)
			err = database_write_header(db);
	}
	return err;
}

/* --- Creating and attaching */

static struct database *database_new(struct instance *inst, const char *full, unsigned dbid)
{
	struct database *db = calloc(1, sizeof *db);
	if (!db)
		return NULL;
	db->dbid = (uint16_t)dbid;
	db->path = malloc(strlen(full) + 1);
	if (!db->path || os_mutex_create(&db->io_lock) != OS_OK) {
		free(db->path);
		free(db);
		return NULL;
	}
	strcpy(db->path, full);
	db->io_frozen = &inst->io_frozen;
	return db;
}

/* The header of a new database, as JetCreateDatabase writes it; recovery
 * makes the same from a create record. */
void database_header_new(struct db_header *h, const struct signature *db_signature,
			 uint32_t page_size, unsigned dbid)
{
	memset(h, 0, sizeof *h);
	h->version = DB_FORMAT_VERSION;
	h->revision = DB_FORMAT_REVISION;
	h->creation_version = DB_FORMAT_VERSION;
	h->creation_revision = DB_FORMAT_REVISION;
	h->file_kind = DB_FILE_DATABASE;
	h->jet_filetype = JET_filetypeDatabase;
	h->db_signature = *db_signature;
	h->state = JET_dbstateJustCreated;
	h->page_size = page_size;
	h->dbid = dbid;
	h->last_objid = DATABASE_FIRST_USER_OBJID - 1;
	/* le_qwSortVersion: deprecated, all ones in every header ESE writes
	 * now (daedef.hxx) */
	h->sort_version = ~(uint64_t)0;
	/* the Windows the engine behaves as (version.h) */
	h->os_major = SIM_VERSION_MAJOR;
	h->os_minor = SIM_VERSION_MINOR;
	h->os_build = SIM_VERSION_BUILD;
}

/* ESE's fixed pages of a new database (its pgnoSystemRoot, the catalog at
 * 4 and its shadow at 24, each with its two space trees after it). */
void database_system_page(unsigned char *page, uint32_t page_size, uint32_t pgno)
{
	uint32_t objid = 0, flags = PAGE_FLAG_EMPTY;
	switch (pgno) {
	case 1: case 4: case 24:
		objid = pgno == 1 ? 1 : pgno == 4 ? 2 : 3;
		flags = PAGE_FLAG_ROOT | PAGE_FLAG_LEAF;
		break;
	case 2: case 3: case 5: case 6: case 25: case 26:
		objid = pgno < 4 ? 1 : pgno < 24 ? 2 : 3;
		flags = PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_SPACE_TREE;
		break;
	}
	page_init(page, page_size, pgno, 0, objid, flags);
}

int database_format_new(os_file *f, const struct db_header *h, uint32_t pages)
{
	unsigned char *page = malloc(h->page_size);
	int err;
	if (!page)
		return JET_errOutOfMemory;
	err = db_header_write(f, h);
	for (uint32_t pgno = 1; !err && pgno <= pages; pgno++) {
		/* the root owns every page, as one extent */
		if (pgno == 1)
			space_root_page(page, h->page_size, pages);
		else if (pgno == 2)
			space_owned_page(page, h->page_size, pages);
		else
			database_system_page(page, h->page_size, pgno);
		err = page_write(f, h->page_size, pgno, page);
	}
	free(page);
	return err;
}

int database_adopt(struct instance *inst, unsigned dbid, const char *path, os_file *file,
		   const struct db_header *h, uint32_t pages, uint32_t max_pages)
{
	struct database *db = database_new(inst, path, dbid);
	int err;
	if (!db)
		return JET_errOutOfMemory;
	db->header = *h;
	db->page_size = h->page_size;
	db->pages = pages;
	db->max_pages = max_pages;
	db->logged = instance_logging_enabled(inst);
	/* its header as recovery left it, a backup copy's record too: ESE
	 * writes nothing at the end of such a recovery (sysinit.cxx,
	 * ErrINSTTerm with termtypeRecoveryQuitKeepAttachments skips
	 * ErrIOTerm) */
	db->kept_by_recovery = 1;
	err = page_cache_init(&db->cache, db->page_size);
	if (!err)
		err = attached_file_claim(db->path, inst->handle, db->logged);
	if (err) {
		database_free(db);
		return err;
	}
	db->file = file;
	inst->databases[dbid] = db;
	return JET_errSuccess;
}

/* What an attach of an existing file resets first, as ESE's
 * DBISetHeaderAfterAttach does outside recovery (db.cxx, with
 * fKeepBackupInfo false): the backup in progress and the snapshot are
 * spent; the previous backups mean nothing to another log set, nor
 * without a log; a logged database forgets its position in another log
 * set, and one without a log gets a new signDb, "to disassociate it from
 * the past"; the detach of the last attachment is gone. */
static void header_after_attach(struct instance *inst, struct database *db, struct lgpos at)
{
	static const struct bkinfo none;
	static const struct lgpos nowhere;
	static const struct logtime never;
	struct db_header *h = &db->header;
	int same_log = db->logged &&
		       signature_equal(&h->log_signature, instance_log_signature(inst));
	if (!same_log) {
		h->incremental_previous = h->full_previous = none;
		h->copy_previous = h->differential_previous = none;
		h->full_previous_type = h->incremental_previous_type = 0;   /* backupNormal */
		h->copy_previous_type = h->differential_previous_type = 0;
	}
	h->full_current = none;
	h->snapshot_current = none;
	h->gen_recovering = 0;
	if (db->logged) {
		h->last_reattach = nowhere;
		if (!same_log) {
			h->pre_redo_min_required = h->pre_redo_min_consistent = 0;
			h->consistent = nowhere;
			h->last_resize = nowhere;
		}
		db_header_resized_at(h, at);
	} else {
		signature_new(&h->db_signature);
	}
	h->detach = nowhere;
	h->detach_time = never;
}

/* The state of a database header while attached to a running instance. */
static void mark_attached(struct instance *inst, struct database *db, struct lgpos at)
{
	db->header.state = JET_dbstateDirtyShutdown;
	db->header.attach = at;
	db->header.attach_time = logtime_from_filetime(os_time_now());
	db->header.dbid = db->dbid;
	if (instance_logging_enabled(inst)) {
		db->header.log_signature = *instance_log_signature(inst);
		note_required_range(inst, db);
	}
}

/* JET_bitDbOverwriteExisting replaces a file, but never a log or a
 * checkpoint (their ESE headers say what they are): losing one loses what
 * recovery and backups need.  A file some instance holds cannot be
 * removed on Windows, as with ESENT. */
static int remove_replaced(const char *path)
{
	os_file *f;
	uint32_t type = JET_filetypeUnknown;
	if (os_file_open(path, OS_OPEN_READ, &f) == OS_OK) {
		type = ese_file_type(f);
		os_file_close(f);
	}
	if (type == JET_filetypeLog || type == JET_filetypeCheckpoint)
		return JET_errFileAccessDenied;
	return os_remove(path) == OS_OK ? JET_errSuccess : JET_errDatabaseInUse;
}

static const uint32_t create_grbits_known =
	JET_bitDbRecoveryOff | JET_bitDbVersioningOff | JET_bitDbShadowingOff |
	JET_bitDbOverwriteExisting | JET_bitDbCreateStreamingFile;

static int open_session(struct database *db, uintptr_t sesid, int exclusive);
static int session_has_other_open(const struct instance *inst, uintptr_t sesid,
				  const struct database *self);

static int create_database(struct instance *inst, uintptr_t sesid, const char *path,
			   uint32_t max_pages, uint32_t grbit, uint32_t *dbid)
{
	struct signature signature;
	struct database *db = NULL;
	char *full = NULL, *folder = NULL, *made_folder = NULL;
	struct lgpos at = { 0, 0, 0 };
	unsigned slot;
	int err = JET_errSuccess, created = 0, claimed = 0, logged = 0, rc;

	if (!path || !*path || !(full = os_full_path(path)))
		return JET_errDatabaseInvalidPath;
	/* the database made is opened in the session: one per session, if
	 * JET_paramOneDatabasePerSession says so */
	if (sesid && param_int(&inst->params, JET_paramOneDatabasePerSession) &&
	    session_has_other_open(inst, sesid, NULL)) {
		free(full);
		return JET_errOneDatabasePerSession;
	}
	folder = path_folder(full);
	if (!folder)
		err = JET_errOutOfMemory;
	else if (find_by_path(inst, full) || attached_file_held(full))
		err = JET_errDatabaseDuplicate;
	else if (os_path_exists(folder) != 2 &&
		 !param_int(&inst->params, JET_paramCreatePathIfNotExist))
		err = JET_errDatabaseInvalidPath;
	else if (os_path_exists(full) == 2)
		err = JET_errDatabaseInvalidPath;
	else if (os_path_exists(full) && !(grbit & JET_bitDbOverwriteExisting))
		err = JET_errDatabaseDuplicate;
	else if (!(slot = free_dbid(inst)))
		err = JET_errTooManyAttachedDatabases;
	else if (!(db = database_new(inst, full, slot)))
		err = JET_errOutOfMemory;
	free(full);
	if (err) {
		free(folder);
		return err;
	}

	db->page_size = (uint32_t)param_int(&inst->params, JET_paramDatabasePageSize);
	db->max_pages = max_pages;
	db->logged = instance_logging_enabled(inst) && !(grbit & JET_bitDbRecoveryOff);
	signature_new(&signature);
	database_header_new(&db->header, &signature, db->page_size, slot);
	db->header.shadowing_disabled = (grbit & JET_bitDbShadowingOff) != 0;
	err = page_cache_init(&db->cache, db->page_size);
	if (!err)
		err = attached_file_claim(db->path, inst->handle, db->logged);
	claimed = !err;
	if (!err && (grbit & JET_bitDbOverwriteExisting) && os_path_exists(db->path) == 1)
		err = remove_replaced(db->path);
	/* write-ahead: the record that can make the file again comes first */
	if (!err && db->logged) {
		err = log_identity(inst, db, LOG_REC_CREATE, &at);
		logged = !err;
	}
	/* the folder is made last, when nothing else can refuse the
	 * creation, and goes again if the creation fails after all */
	if (!err && os_path_exists(folder) != 2 &&
	    path_make_folders_noting(folder, &made_folder) != OS_OK)
		err = JET_errDatabaseInvalidPath;
	if (!err) {
		rc = os_file_open(db->path, OS_OPEN_CREATE_EXCLUSIVE, &db->file);
		err = rc == OS_OK ? JET_errSuccess
		    : rc == OS_EXISTS ? JET_errDatabaseDuplicate
		    : rc == OS_ACCESS || rc == OS_SHARING ? JET_errFileAccessDenied
		    : rc == OS_PATH_NOT_FOUND ? JET_errDatabaseInvalidPath
		    /* a new file "not found": a name the file system cannot
		     * hold (Wine with a lone surrogate), never made as another */
		    : rc == OS_NOT_FOUND ? JET_errInvalidPath : io_status_error(rc);
		created = !err;
	}
	if (!err)
		err = database_format_new(db->file, &db->header, DATABASE_INITIAL_PAGES);
	if (!err) {
		db->pages = DATABASE_INITIAL_PAGES;
		mark_attached(inst, db, at);
		err = database_write_header(db);
	}
	if (!err && sesid)
		err = open_session(db, sesid, 0);
	if (err) {
		/* recovery must not make what failed: the creation is undone
		 * in the log too */
		if (logged) {
			struct log_record undo = { .type = LOG_REC_DETACH, .dbid = (uint16_t)slot };
			struct lgpos undone;
			if (instance_log_append(inst, &undo, &undone) == JET_errSuccess)
				inst->log->last_detach = undone;
		}
		if (created) {
			os_file_close(db->file);
			db->file = NULL;
			os_remove(db->path);
		}
		if (claimed)
			attached_file_release(db->path);
		if (made_folder)
			path_remove_folders(folder, made_folder);
		free(made_folder);
		free(folder);
		database_free(db);
		return err;
	}
	free(made_folder);
	free(folder);
	inst->databases[slot] = db;
	*dbid = slot;
	return JET_errSuccess;
}

int sim_create_database(uintptr_t sesid, const char *path, uint32_t max_pages, uint32_t grbit,
			uint32_t *dbid)
{
	struct instance *inst;
	int err;
	if (grbit & ~create_grbits_known)
		return JET_errInvalidGrbit;
	if (max_pages > 0x7ffffffe)
		return JET_errDatabaseInvalidPages;
	err = session_enter(sesid, 0, &inst);
	if (err)
		return err;
	if (!dbid)
		err = JET_errInvalidParameter;
	else
		err = create_database(inst, sesid, path, max_pages, grbit, dbid);
	instance_leave(inst, 0);
	return err;
}

static const uint32_t attach_grbits_known =
	JET_bitDbReadOnly | JET_bitDbDeleteCorruptIndexes | JET_bitDbRebuildCorruptIndexes |
	JET_bitDbUpgrade | JET_bitDbDeleteUnicodeIndexes | JET_bitDbEnableBackgroundMaintenance |
	JET_bitDbPurgeCacheOnAttach;

static int open_existing(struct database *db, int read_only)
{
	int rc = os_file_open(db->path, read_only ? OS_OPEN_READ : OS_OPEN_READWRITE_EXCLUSIVE,
			      &db->file);
	switch (rc) {
	case OS_OK: return JET_errSuccess;
	case OS_NOT_FOUND: case OS_PATH_NOT_FOUND: return JET_errFileNotFound;
	case OS_SHARING: return JET_errFileAccessDenied;
	/* no right to write it: the engine's ErrUtilPathReadOnly answer */
	case OS_ACCESS: return read_only ? JET_errFileAccessDenied : JET_errDatabaseFileReadOnly;
	default: return io_status_error(rc);
	}
}

/* What makes a file refused for attaching: not a database of ours, another
 * page size, or not cleanly shut down (it needs recovery first). */
static int check_attachable(struct instance *inst, struct database *db)
{
	uint64_t size;
	uint32_t owned;
	int err = db_header_read(db->file, &db->header);
	if (err == JET_errDatabaseCorrupted && os_file_size(db->file, &size) == OS_OK && size == 0)
		return JET_errDatabaseCorrupted;
	if (err)
		return err;
	if (db->header.jet_filetype != JET_filetypeDatabase)
		return JET_errFileInvalidType;
	db->page_size = db->header.page_size;
	if (db->page_size != (uint32_t)param_int(&inst->params, JET_paramDatabasePageSize))
		return JET_errPageSizeMismatch;
	if (db->header.state != JET_dbstateCleanShutdown)
		return JET_errDatabaseDirtyShutdown;
	if (os_file_size(db->file, &size) != OS_OK)
		return JET_errDiskIO;
	/* shorter than its header and system pages, or cut inside a page:
	 * the file is not whole (ESE would read past its end) */
	if (size < 3 * (uint64_t)db->page_size || size % db->page_size)
		return JET_errDatabaseCorrupted;
	db->pages = (uint32_t)(size / db->page_size - 2);
	/* cut at a page boundary: shorter than the space the database owns
	 * (ErrDBSetLastPage learns it, db.cxx; a file below it is ESE's
	 * "AttachFileSizeTooSmall"), refused before anything is written */
	err = space_owned_last(db->file, db->page_size, &owned);
	if (!err && owned > db->pages)
		err = JET_errDatabaseCorrupted;
	return err;
}

static int attach_database(struct instance *inst, const char *path, uint32_t max_pages,
			   uint32_t grbit)
{
	int read_only = (grbit & JET_bitDbReadOnly) != 0;
	struct database *db = NULL;
	struct lgpos at = { 0, 0, 0 };
	char *full;
	unsigned slot;
	int err, claimed = 0;

	if (!path || !*path || !(full = os_full_path(path)))
		return JET_errDatabaseInvalidPath;
	if ((db = find_by_path(inst, full)) != NULL) {
		err = JET_wrnDatabaseAttached;
		/* the attach that takes over a database recovery kept (db.cxx,
		 * ErrIsamAttachDatabase's re-attach of one FAttachedForRecovery)
		 * spends a backup copy's record and the snapshot's, and is a
		 * plain success: it goes on to PostAttachTasks, which sets
		 * err = JET_errSuccess */
		if (db->kept_by_recovery && !db->read_only) {
			static const struct bkinfo none;
			db->kept_by_recovery = 0;
			db->header.full_current = none;
			db->header.snapshot_current = none;
			db->header.gen_recovering = 0;
			err = database_write_header(db) != JET_errSuccess ? JET_errDiskIO
									   : JET_errSuccess;
		}
		free(full);
		return err;
	}
	else if (os_path_exists(full) != 1)
		err = JET_errFileNotFound;
	/* the attribute decides, as the engine's ErrUtilPathReadOnly */
	else if (!read_only && os_path_read_only(full))
		err = JET_errDatabaseFileReadOnly;
	else if (instance_backup_running(inst))
		err = JET_errBackupInProgress;
	else if (!(slot = free_dbid(inst)))
		err = JET_errTooManyAttachedDatabases;
	else if (!(db = database_new(inst, full, slot)))
		err = JET_errOutOfMemory;
	else
		err = JET_errSuccess;
	free(full);
	if (err)
		return err;

	db->read_only = read_only;
	db->logged = !read_only && instance_logging_enabled(inst);
	err = attached_file_claim(db->path, inst->handle, db->logged);
	claimed = !err;
	if (!err)
		err = open_existing(db, read_only);
	if (!err)
		err = check_attachable(inst, db);
	if (!err)
		err = page_cache_init(&db->cache, db->page_size);
	if (!err) {
		/* the limit belongs to the attachment, not the file */
		db->max_pages = max_pages;
		if (db->logged)
			err = log_identity(inst, db, LOG_REC_ATTACH, &at);
	}
	if (!err && !read_only) {
		header_after_attach(inst, db, at);
		mark_attached(inst, db, at);
		err = database_write_header(db);
	}
	if (err) {
		if (claimed)
			attached_file_release(db->path);
		database_free(db);
		return err;
	}
	inst->databases[slot] = db;
	return JET_errSuccess;
}

int sim_attach_database(uintptr_t sesid, const char *path, uint32_t max_pages, uint32_t grbit)
{
	struct instance *inst;
	int err;
	if (grbit & ~attach_grbits_known)
		return JET_errInvalidGrbit;
	err = session_enter(sesid, 0, &inst);
	if (err)
		return err;
	err = attach_database(inst, path, max_pages, grbit);
	instance_leave(inst, 0);
	return err;
}

int database_ensure_attached(struct instance *inst, const char *path)
{
	uint32_t dbid;
	int err;
	if (os_path_exists(path) == 1) {
		err = attach_database(inst, path, 0, 0);
		return err == JET_wrnDatabaseAttached ? JET_errSuccess : err;
	}
	return create_database(inst, 0, path, 0, 0, &dbid);
}

/* --- Detaching */

/* db.cxx, ErrIsamDetachDatabase, live or replayed (not io.cxx's rule for
 * the end of a recovery, which a restore ends with): a backup copy's own
 * record is spent (bkinfoFullCur, and bkinfoIncPrev with its type); in a
 * restore (FMP::FHardRecovery) the full backup before it is forgotten
 * (bkinfoFullPrev and the full and incremental types), while
 * bkinfoCopyPrev and bkinfoDiffPrev stay; the snapshot record goes in any
 * case.  (ESE first copies bkinfoFullCur to bkinfoFullPrev when
 * FBKLogsTruncated, which among the records of a replay only ESE's legacy
 * lrtypBackup sets: our logs hold none.) */
void database_backups_at_detach(struct db_header *h, int hard)
{
	static const struct bkinfo none;
	if (h->full_current.gen_low != 0) {
		h->full_current = none;
		h->incremental_previous = none;
		h->incremental_previous_type = 0;   /* DBFILEHDR::backupNormal */
	}
	if (hard) {
		h->full_previous = none;
		h->full_previous_type = 0;
		h->incremental_previous_type = 0;
	}
	h->snapshot_current = none;
}

/* Writes everything out and records a clean state in the header (with a
 * detach record in the log first); the database leaves the instance. */
static int detach_one(struct instance *inst, struct database *db, int clean, int by_api)
{
	struct log_record r = { .type = LOG_REC_DETACH, .dbid = db->dbid };
	struct lgpos at = { 0, 0, 0 };
	int err = JET_errSuccess;

	if (clean && !db->read_only) {
		if (db->logged)
			err = instance_log_flush(inst);
		if (!err)
			err = database_flush(db, NULL);
		if (!err && db->logged) {
			err = instance_log_append(inst, &r, &at);
			if (!err)
				inst->log->last_detach = at;
		}
		if (!err) {
			struct logtime now = logtime_from_filetime(os_time_now());
			/* JetDetachDatabase's rule; JetTerm's ErrIOTermFMP,
			 * out of recovery, leaves the records as they are */
			if (by_api)
				database_backups_at_detach(&db->header, 0);
			db->header.state = JET_dbstateCleanShutdown;
			db->header.consistent = at;
			db->header.consistent_time = now;
			db->header.detach = at;
			db->header.detach_time = now;
			if (db->logged)
				db_header_consistent_resize(&db->header);
			db_header_clear_required(&db->header);
			err = database_write_header(db);
		}
		if (!err)
			os_file_sync(db->file);
	}
	inst->databases[db->dbid] = NULL;
	attached_file_release(db->path);
	database_free(db);
	return err;
}

void databases_close_all(struct instance *inst, int clean)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++)
		if (inst->databases[dbid])
			detach_one(inst, inst->databases[dbid], clean, 0);
}

static int detach_database(struct instance *inst, const char *path)
{
	struct database *db;
	char *full;
	int err = JET_errSuccess;

	if (instance_backup_running(inst))
		return JET_errBackupInProgress;
	if (!path || !*path) {
		for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++)
			if (inst->databases[dbid] && inst->databases[dbid]->open_count)
				return JET_errDatabaseInUse;
		for (unsigned dbid = 1; !err && dbid <= DATABASE_MAX; dbid++)
			if (inst->databases[dbid])
				err = detach_one(inst, inst->databases[dbid], 1, 1);
	} else {
		full = os_full_path(path);
		if (!full)
			return JET_errDatabaseInvalidPath;
		db = find_by_path(inst, full);
		free(full);
		if (!db)
			return JET_errDatabaseNotFound;
		if (db->open_count)
			return JET_errDatabaseInUse;
		err = detach_one(inst, db, 1, 1);
	}
	if (!err)
		err = databases_advance_checkpoint(inst);
	return err;
}

int sim_detach_database(uintptr_t sesid, const char *path, uint32_t grbit)
{
	struct instance *inst;
	int err = session_enter(sesid, ENTER_STOPPED_OK, &inst);
	if (err)
		return err;
	/* forced detach is refused by today's engine (JetDetachDatabase2) */
	if (grbit & JET_bitForceDetach)
		err = JET_errForceDetachNotAllowed;
	else if (grbit & ~(uint32_t)JET_bitForceCloseAndDetach)
		err = JET_errInvalidGrbit;
	else
		err = detach_database(inst, path);
	instance_leave(inst, ENTER_STOPPED_OK);
	return err;
}

/* --- Opening in a session */

static struct database_open *find_open(struct database *db, uintptr_t sesid)
{
	for (unsigned i = 0; i < db->open_count; i++)
		if (db->opens[i].sesid == sesid)
			return &db->opens[i];
	return NULL;
}

static int open_session(struct database *db, uintptr_t sesid, int exclusive)
{
	struct database_open *o = find_open(db, sesid);
	if (o) {
		o->count++;
		return JET_errSuccess;
	}
	if (db->open_count == db->open_capacity) {
		unsigned cap = db->open_capacity ? db->open_capacity * 2 : 4;
		struct database_open *l = realloc(db->opens, cap * sizeof *l);
		if (!l)
			return JET_errOutOfMemory;
		db->opens = l;
		db->open_capacity = cap;
	}
	db->opens[db->open_count++] = (struct database_open){ sesid, 1, exclusive };
	return JET_errSuccess;
}

static void close_session(struct database *db, struct database_open *o)
{
	if (--o->count == 0)
		*o = db->opens[--db->open_count];
}

static int session_has_other_open(const struct instance *inst, uintptr_t sesid, const struct database *self)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		struct database *db = inst->databases[dbid];
		if (db && db != self && find_open(db, sesid))
			return 1;
	}
	return 0;
}

static int open_database(struct instance *inst, uintptr_t sesid, const char *path, uint32_t grbit,
			 uint32_t *dbid)
{
	int exclusive = (grbit & JET_bitDbExclusive) != 0;
	struct database *db;
	char *full;
	int err;

	if (!path || !*path || !(full = os_full_path(path)))
		return JET_errDatabaseInvalidPath;
	db = find_by_path(inst, full);
	free(full);
	if (!db)
		return JET_errDatabaseNotFound;
	for (unsigned i = 0; i < db->open_count; i++) {
		if (db->opens[i].sesid == sesid)
			continue;
		if (db->opens[i].exclusive)
			return JET_errDatabaseLocked;
		if (exclusive)
			return JET_errDatabaseInUse;
	}
	if (param_int(&inst->params, JET_paramOneDatabasePerSession) &&
	    session_has_other_open(inst, sesid, db))
		return JET_errOneDatabasePerSession;
	err = open_session(db, sesid, exclusive);
	if (err)
		return err;
	*dbid = db->dbid;
	return db->read_only && !(grbit & JET_bitDbReadOnly) ? JET_wrnFileOpenReadOnly
							       : JET_errSuccess;
}

int sim_open_database(uintptr_t sesid, const char *path, uint32_t grbit, uint32_t *dbid)
{
	struct instance *inst;
	int err;
	if (grbit & ~(uint32_t)(JET_bitDbReadOnly | JET_bitDbExclusive))
		return JET_errInvalidGrbit;
	err = session_enter(sesid, 0, &inst);
	if (err)
		return err;
	err = dbid ? open_database(inst, sesid, path, grbit, dbid) : JET_errInvalidParameter;
	instance_leave(inst, 0);
	return err;
}

int sim_close_database(uintptr_t sesid, uint32_t dbid, uint32_t grbit)
{
	struct instance *inst;
	struct database *db;
	struct database_open *o;
	int err = session_enter(sesid, ENTER_STOPPED_OK, &inst);
	if (err)
		return err;
	db = instance_database(inst, dbid);
	if (!db)
		err = JET_errInvalidDatabaseId;
	else if (!(o = find_open(db, sesid)))
		err = JET_errDatabaseNotFound;
	else
		close_session(db, o);
	instance_leave(inst, ENTER_STOPPED_OK);
	return err;
}

void databases_session_ended(struct instance *inst, uintptr_t sesid)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		struct database *db = inst->databases[dbid];
		struct database_open *o = db ? find_open(db, sesid) : NULL;
		if (o)
			*o = db->opens[--db->open_count];
	}
}

/* --- Growing */

int sim_grow_database(uintptr_t sesid, uint32_t dbid, uint32_t pages, uint32_t *actual)
{
	struct instance *inst;
	struct database *db;
	int err = session_enter(sesid, 0, &inst);
	if (err)
		return err;
	db = instance_database(inst, dbid);
	if (!db || !find_open(db, sesid))
		err = JET_errInvalidDatabaseId;
	else if (!actual)
		err = JET_errInvalidParameter;
	else
		err = database_grow(inst, db, pages);
	if (!err)
		*actual = db->pages;
	instance_leave(inst, 0);
	return err;
}

/* A database nobody has attached is consistent: it is extended in place,
 * outside the log, as an offline tool would. */
static int extend_detached(struct instance *inst, const char *full, uint32_t pages,
			   uint32_t *actual)
{
	struct database *db = database_new(inst, full, 0);
	int err;
	if (!db)
		return JET_errOutOfMemory;
	err = attached_file_claim(full, inst->handle, 0);
	if (err) {
		database_free(db);
		return err;
	}
	err = open_existing(db, 0);
	if (!err)
		err = check_attachable(inst, db);
	if (!err && pages > db->pages) {
		err = format_pages(db, db->pages + 1, pages);
		if (!err)
			err = own_pages(db, pages);
		if (!err)
			db->pages = pages;
	}
	if (!err)
		*actual = db->pages;
	attached_file_release(full);
	database_free(db);
	return err;
}

int sim_set_database_size(uintptr_t sesid, const char *path, uint32_t pages, uint32_t *actual)
{
	struct instance *inst;
	struct database *db = NULL;
	char *full = NULL;
	int err = session_enter(sesid, 0, &inst);
	if (err)
		return err;
	/* the reference page's floor: no database is smaller than a new one */
	if (!actual || pages < DATABASE_INITIAL_PAGES)
		err = JET_errInvalidParameter;
	else if (!path || !*path || !(full = os_full_path(path)))
		err = JET_errDatabaseInvalidPath;
	else if ((db = find_by_path(inst, full)) != NULL)
		err = database_grow(inst, db, pages);
	else
		err = extend_detached(inst, full, pages, actual);
	if (!err && db)
		*actual = db->pages;
	free(full);
	instance_leave(inst, 0);
	return err;
}

/* --- Information */

int sim_database_info(uintptr_t sesid, uint32_t dbid, struct sim_database_info *out)
{
	struct instance *inst;
	struct database *db;
	struct database_open *o = NULL;
	int err = session_enter(sesid, 0, &inst);
	if (err)
		return err;
	memset(out, 0, sizeof *out);
	db = instance_database(inst, dbid);
	/* only a database this session opened (the engine's ErrPIBCheckIfmp) */
	if (!db || !(o = find_open(db, sesid)))
		err = JET_errInvalidDatabaseId;
	if (!err) {
		out->header = db->header;
		out->pages = db->pages + 2;
		out->file_size = (uint64_t)out->pages * db->page_size;
		out->exclusive = o->exclusive;
		out->path = malloc(strlen(db->path) + 1);
		if (out->path)
			strcpy(out->path, db->path);
		else
			err = JET_errOutOfMemory;
	}
	instance_leave(inst, 0);
	return err;
}

int sim_database_file_info(const char *path, struct sim_database_file_info *out)
{
	char *full;
	os_file *f;
	int rc, err;

	memset(out, 0, sizeof *out);
	if (!path || !*path || !(full = os_full_path(path)))
		return JET_errInvalidPath;
	rc = os_file_open(full, OS_OPEN_READ, &f);
	if (rc != OS_OK) {
		free(full);
		return rc == OS_NOT_FOUND ? JET_errFileNotFound
		     : rc == OS_PATH_NOT_FOUND ? JET_errInvalidPath
		     : rc == OS_ACCESS || rc == OS_SHARING ? JET_errFileAccessDenied : JET_errDiskIO;
	}
	err = os_file_size(f, &out->file_size) == OS_OK ? JET_errSuccess : JET_errDiskIO;
	if (!err) {
		out->header_error = db_header_read(f, &out->header);
		out->file_type = out->header_error ? ese_file_type(f) : out->header.jet_filetype;
	}
	os_file_close(f);
	out->attached = attached_file_held(full);
	free(full);
	return err;
}
