#include "db/recovery.h"

#include <stdlib.h>
#include <string.h>

#include "log/checkpoint.h"
#include "db/database.h"
#include "db/replay_cache.h"
#include "format/attach_info.h"
#include "format/dbfile.h"
#include "format/space_owned.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"

/* A full cache evicts this fraction of what it holds. */
#define EVICT 8
/* The caches' limit after memory ran out: at least a block of a pool
 * (or JET_paramCacheSizeMax, when that is less). */
#define CACHE_FLOOR 64

enum replay_state {
	DB_NONE,        /* not attached at this point of the log */
	DB_OPEN,        /* attached; records are redone */
	DB_TO_CREATE,   /* its creation is logged, its file not there: made when
			 * a later record needs it, not if it is detached first */
	DB_MISSING,     /* attached, but the file is not there */
	DB_OTHER,       /* the file there is another database (made anew later) */
	DB_CONSISTENT,  /* its header says it is consistent past this point of
			 * the log: it needs nothing from here, and is not
			 * touched (not even opened for writing) */
};

struct replay_db {
	enum replay_state state;
	char *path;
	uint32_t max_pages;
	struct signature signature;     /* for DB_TO_CREATE */
	uint32_t page_size;
	uint16_t dbid;
	uint64_t dbtime;                /* for DB_TO_CREATE */
	os_file *file;
	struct db_header header;
	uint32_t pages;
	struct replay_cache cache;      /* its pages as the replay changes them */
};

struct replay {
	struct replay_db db[DATABASE_MAX + 1];
	struct lgpos checkpoint;
	struct signature log_signature;
	unsigned char *page;
	uint32_t page_size;
	unsigned cache_max;  /* pages all the databases' caches hold at most */
	/* the pages of the caches, one pool for each page size (ESE's are
	 * 2 to 32 KiB) */
	struct page_pool pools[5];
	uint32_t grbit;
	int hard;   /* a restore's replay (restore/), not a crash recovery */
	/* a restore: where each logged database is restored to */
	replay_map_fn map;
	void *map_ctx;
	/* JetInit3's progress: generations replayed of those there are */
	const struct recovery_request *req;
	uint32_t gen_first, gen_count;
	/* a restore: the last generation replayed; the last shutdown mark
	 * read (0: none yet; ESE's m_lgposRedoShutDownMarkGlobal), and
	 * whether it is the last record that does anything (ESE's
	 * m_fLastLRIsShutdown: backup records do not count) */
	struct log_header last_header;
	int last_current;
	struct lgpos shutdown_mark;
	int last_is_shutdown;
	/* the last term or quit, if no session began after it (ESE's
	 * m_fAfterEndAllSessions and m_lgposRedoLastTerm) */
	struct lgpos last_term;
	struct logtime created;   /* the generation being replayed was made then */
};

/* JetInit3's restore map, each entry's file looked at once, before the
 * replay (rstmap.cxx, ErrBuildRstmapForSoftRecovery and the check of each
 * destination): a database found there is known by its signature; an
 * entry whose file is not there is matched by the name the log gives. */
struct soft_map_entry {
	char *database, *new_database;   /* full paths; database may be NULL */
	int found;
	struct signature signature;
};

struct soft_map {
	struct soft_map_entry *e;
	unsigned count;
	int replay_missing;              /* JET_bitReplayMissingMapEntryDB */
};

static const char *file_name_of(const char *path)
{
	const char *name = path;
	for (const char *p = path; *p; p++)
		if (path_is_separator(*p))
			name = p + 1;
	return name;
}

/* A database of the log: by signature (ErrReplaceRstMapEntryBySignature),
 * else an entry whose file is missing by name (ErrReplaceRstMapEntryByName
 * matches the longest common tail of the paths: here the whole path, then
 * the file name), else, with JET_bitReplayMissingMapEntryDB (JetInit and
 * JetInit2 set it), where the log says, or not at all
 * (logredo.cxx: a database not in the map is skipped). */
static const char *soft_map_lookup(void *ctx, const struct signature *s, const char *logged)
{
	struct soft_map *m = ctx;
	for (unsigned i = 0; i < m->count; i++)
		if (m->e[i].found && signature_equal(&m->e[i].signature, s))
			return m->e[i].new_database;
	for (unsigned i = 0; i < m->count; i++)
		if (!m->e[i].found && m->e[i].database && os_path_equal(m->e[i].database, logged))
			return m->e[i].new_database;
	for (unsigned i = 0; i < m->count; i++)
		if (!m->e[i].found && m->e[i].database &&
		    os_path_equal(file_name_of(m->e[i].database), file_name_of(logged)))
			return m->e[i].new_database;
	return m->replay_missing ? logged : NULL;
}

static void soft_map_free(struct soft_map *m)
{
	for (unsigned i = 0; i < m->count; i++) {
		free(m->e[i].database);
		free(m->e[i].new_database);
	}
	free(m->e);
	memset(m, 0, sizeof *m);
}

int recovery_request_check(const struct recovery_request *req)
{
	if (!req)
		return JET_errSuccess;
	if (req->map_count > 2 * DATABASE_MAX || (req->map_count && !req->map))
		return JET_errInvalidParameter;
	for (unsigned i = 0; i < req->map_count; i++)
		if (!req->map[i].new_database || !req->map[i].new_database[0])
			return JET_errDatabaseInvalidName;
	return JET_errSuccess;
}

static int soft_map_build(const struct recovery_request *req, uint32_t grbit, struct soft_map *m)
{
	memset(m, 0, sizeof *m);
	m->replay_missing = (grbit & JET_bitReplayMissingMapEntryDB) != 0;
	if (!req || !req->map_count)
		return JET_errSuccess;
	if (!(m->e = calloc(req->map_count, sizeof *m->e)))
		return JET_errOutOfMemory;
	m->count = req->map_count;
	for (unsigned i = 0; i < m->count; i++) {
		struct soft_map_entry *e = &m->e[i];
		struct db_header h;
		os_file *f;
		if (!(e->new_database = os_full_path(req->map[i].new_database)) ||
		    (req->map[i].database && req->map[i].database[0] &&
		     !(e->database = os_full_path(req->map[i].database))))
			return JET_errOutOfMemory;
		if (os_file_open(e->new_database, OS_OPEN_READ, &f) != OS_OK)
			continue;
		e->found = db_header_read(f, &h) == JET_errSuccess;
		if (e->found)
			e->signature = h.db_signature;
		os_file_close(f);
	}
	return JET_errSuccess;
}

static void progress(struct replay *rp, uint32_t snt, uint32_t gen)
{
	if (!rp->req || !rp->req->status)
		return;
	if (snt == JET_sntProgress)
		rp->req->status(rp->req->status_ctx, snt, gen - rp->gen_first + 1, rp->gen_count);
	else
		rp->req->status(rp->req->status_ctx, snt, snt == JET_sntBegin ? 0 : rp->gen_count,
				rp->gen_count);
}

/* A database let go of: pages changed and not written are dropped (after
 * a failure: its header still says it needs the log). */
static void forget(struct replay_db *d)
{
	replay_cache_close(&d->cache);
	os_file_close(d->file);
	free(d->path);
	memset(d, 0, sizeof *d);
}

/* A database let go of once every page the replay changed is written. */
static int release(struct replay_db *d)
{
	int err = replay_cache_write(&d->cache);
	forget(d);
	return err;
}

/* JET_paramCacheSizeMax (a global parameter, in pages) bounds the replay's
 * caches as it bounds the engine's buffer cache. */
static unsigned cache_limit(void)
{
	intptr_t pages = 0;
	char *string = NULL;
	if (sim_get_param(0, JET_paramCacheSizeMax, &pages, &string) != JET_errSuccess)
		pages = 8192;
	free(string);
	if (pages < 16)
		return 16;
	return pages > (intptr_t)(1u << 30) ? 1u << 30 : (unsigned)pages;
}

static unsigned pages_held(const struct replay *rp)
{
	unsigned held = 0;
	for (unsigned i = 1; i <= DATABASE_MAX; i++)
		held += replay_cache_count(&rp->db[i].cache);
	return held;
}

/* Each cache keeps its most recently used pages, `keep` of every `of`;
 * the others leave it, written first if changed. */
static int evict_all(struct replay *rp, unsigned keep, unsigned of)
{
	int err = JET_errSuccess;
	for (unsigned i = 1; !err && i <= DATABASE_MAX; i++) {
		struct replay_cache *c = &rp->db[i].cache;
		unsigned n = replay_cache_count(c);
		err = replay_cache_evict(c, (unsigned)((uint64_t)n * keep / of));
	}
	return err;
}

/* Room for one more page: when the caches are full, the least recently
 * used eighth of each leaves it, written first if changed (ESE's cache
 * writes its dirty pages out and evicts the oldest to make room); the
 * pages go back to the pool, for any database to take. */
static int make_room(struct replay *rp)
{
	if (pages_held(rp) < rp->cache_max)
		return JET_errSuccess;
	return evict_all(rp, EVICT - 1, EVICT);
}

/* Memory ran out taking a page of this page size: the caches whose pages
 * come from that pool give half their pages back to it and the page is
 * taken again, and the caches' limit comes down to what they all held, as
 * the memory allows no more (ESE's cache shrinks under memory pressure as
 * well), though not below a block of the pool.  Only when that pool's
 * caches hold nothing is it JET_errOutOfMemory. */
static int room_after_out_of_memory(struct replay *rp, uint32_t page_size)
{
	unsigned held = 0, held_here = 0;
	int err = JET_errSuccess;
	for (unsigned i = 1; i <= DATABASE_MAX; i++) {
		unsigned n = replay_cache_count(&rp->db[i].cache);
		held += n;
		if (rp->db[i].cache.page_size == page_size)
			held_here += n;
	}
	if (!held_here)
		return JET_errOutOfMemory;
	if (held < rp->cache_max) {
		unsigned floor = rp->cache_max < CACHE_FLOOR ? rp->cache_max : CACHE_FLOOR;
		rp->cache_max = held > floor ? held : floor;
	}
	for (unsigned i = 1; !err && i <= DATABASE_MAX; i++) {
		struct replay_cache *c = &rp->db[i].cache;
		if (c->page_size == page_size)
			err = replay_cache_evict(c, replay_cache_count(c) / 2);
	}
	return err;
}

/* The pool of a page size, empty at first. */
static struct page_pool *pool_of(struct replay *rp, uint32_t page_size)
{
	struct page_pool *free_slot = NULL;
	if (!page_size)
		return NULL;
	for (unsigned i = 0; i < sizeof rp->pools / sizeof *rp->pools; i++) {
		if (rp->pools[i].page_size == page_size)
			return &rp->pools[i];
		if (!rp->pools[i].page_size && !free_slot)
			free_slot = &rp->pools[i];
	}
	if (free_slot)
		page_pool_init(free_slot, page_size);
	return free_slot;
}

static void pools_free(struct replay *rp)
{
	for (unsigned i = 0; i < sizeof rp->pools / sizeof *rp->pools; i++)
		page_pool_free(&rp->pools[i]);
}

/* The cache of an open database, made at its first use. */
static int cache_of(struct replay *rp, struct replay_db *d, struct replay_cache **out)
{
	int err = JET_errSuccess;
	if (!rp->cache_max)
		rp->cache_max = cache_limit();
	if (!replay_cache_is_open(&d->cache)) {
		struct page_pool *pool = pool_of(rp, d->header.page_size);
		err = !pool ? JET_errDatabaseCorrupted   /* no page size, or a sixth */
		    : replay_cache_open(&d->cache, d->file, pool,
					d->pages < rp->cache_max ? d->pages : rp->cache_max);
		if (err)
			replay_cache_close(&d->cache);
	}
	*out = &d->cache;
	return err;
}

/* Page pgno of an open database as the replay has it. */
static int cached_page(struct replay *rp, struct replay_db *d, uint32_t pgno,
		       struct dirty_page **out)
{
	struct replay_cache *c;
	int err = cache_of(rp, d, &c);
	if (!err && (*out = replay_cache_find(c, pgno)) != NULL) {
		replay_cache_touched(c, *out);
		return JET_errSuccess;
	}
	if (!err)
		err = make_room(rp);
	while (!err && (err = replay_cache_read(c, pgno, out)) == JET_errOutOfMemory)
		err = room_after_out_of_memory(rp, c->page_size);
	return err;
}

/* The identity of a create or attach record: signature, size limit, path. */
static int identity_of(const struct log_record *r, struct signature *s, uint32_t *max_pages,
		       char **path)
{
	if (r->length <= SIGNATURE_SIZE + 4)
		return JET_errLogFileCorrupt;
	signature_get(r->payload, s);
	*max_pages = get32(r->payload + SIGNATURE_SIZE);
	*path = malloc(r->length - SIGNATURE_SIZE - 4 + 1);
	if (!*path)
		return JET_errOutOfMemory;
	memcpy(*path, r->payload + SIGNATURE_SIZE + 4, r->length - SIGNATURE_SIZE - 4);
	(*path)[r->length - SIGNATURE_SIZE - 4] = 0;
	return JET_errSuccess;
}

static int page_buffer(struct replay *rp, uint32_t page_size)
{
	if (rp->page_size >= page_size)
		return JET_errSuccess;
	free(rp->page);
	rp->page = malloc(page_size);
	rp->page_size = rp->page ? page_size : 0;
	return rp->page ? JET_errSuccess : JET_errOutOfMemory;
}

static int signature_is_zero(const struct signature *s)
{
	static const struct signature zero;
	return signature_equal(s, &zero);
}

/* A file there that is the database named, still belonging to this log
 * set (or never attached to one): else DB_OTHER, left alone, for another
 * database was made there, or another instance has it now.  A database
 * whose header records a clean state at or past `at` already holds every
 * change up to there: DB_CONSISTENT, left alone too (ESE's redo of an
 * attach skips a database that is ahead of the log).  The header is read
 * through a read-only handle: only a database that needs redo is opened
 * for writing. */
static int open_db(struct replay_db *d, const struct signature *s,
		   const struct signature *log_signature, struct lgpos at, struct logtime created)
{
	uint64_t size;
	int rc = os_file_open(d->path, OS_OPEN_READ, &d->file), ours;
	if (rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND) {
		d->state = DB_MISSING;
		return JET_errSuccess;
	}
	if (rc == OS_SHARING)
		return JET_errDatabaseSharingViolation;
	if (rc != OS_OK)
		return JET_errFileAccessDenied;
	ours = db_header_read(d->file, &d->header) == JET_errSuccess &&
	       signature_equal(&d->header.db_signature, s) &&
	       (signature_equal(&d->header.log_signature, log_signature) ||
		signature_is_zero(&d->header.log_signature));
	os_file_close(d->file);
	d->file = NULL;
	if (!ours) {
		d->state = DB_OTHER;
		return JET_errSuccess;
	}
	if (d->header.state == JET_dbstateCleanShutdown &&
	    lgpos_compare(d->header.consistent, at) >= 0) {
		d->state = DB_CONSISTENT;
		return JET_errSuccess;
	}
	rc = os_file_open(d->path, OS_OPEN_READWRITE_EXCLUSIVE, &d->file);
	if (rc == OS_SHARING)
		return JET_errDatabaseSharingViolation;
	if (rc != OS_OK)
		return JET_errFileAccessDenied;
	if (db_header_read(d->file, &d->header) != JET_errSuccess ||
	    os_file_size(d->file, &size) != OS_OK)
		return JET_errDiskIO;
	d->pages = (uint32_t)(size / d->header.page_size) - 2;
	d->state = DB_OPEN;
	if (d->header.state != JET_dbstateDirtyShutdown) {
		/* consistent once (detached earlier in this log): dirty again,
		 * on the disk, before any page of this attachment is written
		 * (logredo.cxx, ErrLGRIRedoAttachDb sets JET_dbstateDirtyShutdown
		 * and writes the header) */
		d->header.state = JET_dbstateDirtyShutdown;
		d->header.attach = at;
		d->header.attach_time = logtime_from_filetime(os_time_now());
		d->header.log_signature = *log_signature;
		db_header_resized_at(&d->header, at);   /* DBISetHeaderAfterAttach */
		db_header_note_required(&d->header, at.generation, at.generation, created);
		if (db_header_write(d->file, &d->header) != JET_errSuccess ||
		    os_file_sync(d->file) != OS_OK)
			return JET_errDiskIO;
	}
	return JET_errSuccess;
}

/* create: the record made the file and lies past the checkpoint, so the
 * file may never have reached the disk.  (Records of the checkpoint's
 * generation before the checkpoint are read only to learn what was
 * attached: a file made there was on disk once the checkpoint passed.) */
static int redo_identity(struct replay *rp, const struct log_record *r, int create,
			 struct lgpos at)
{
	struct replay_db *d;
	struct signature s;
	uint32_t max_pages;
	char *path;
	int err;

	if (r->dbid < 1 || r->dbid > DATABASE_MAX)
		return JET_errLogFileCorrupt;
	d = &rp->db[r->dbid];
	err = identity_of(r, &s, &max_pages, &path);
	if (err)
		return err;
	if (rp->map) {
		/* a hard restore replays only the databases of its map, found
		 * by signature wherever they were logged (rstmap.cxx,
		 * ErrReplaceRstMapEntryBySignature) */
		const char *to = rp->map(rp->map_ctx, &s, path);
		char *mapped;
		if (!to) {
			free(path);
			return release(d);
		}
		/* `to` may be the logged path itself */
		mapped = malloc(strlen(to) + 1);
		if (mapped)
			strcpy(mapped, to);
		free(path);
		if (!(path = mapped))
			return JET_errOutOfMemory;
	}
	if (d->path && os_path_equal(d->path, path) &&
	    ((d->state == DB_OPEN && signature_equal(&d->header.db_signature, &s)) ||
	     (d->state == DB_TO_CREATE && signature_equal(&d->signature, &s)))) {
		/* the same attachment, repeated at the start of a generation */
		free(path);
		return JET_errSuccess;
	}
	err = release(d);
	d->path = path;
	d->max_pages = max_pages;
	if (!err)
		err = open_db(d, &s, &rp->log_signature, at, rp->created);
	if (!err && d->state == DB_OPEN && r->dbtime > d->header.dbtime)
		d->header.dbtime = r->dbtime;
	if (!err && create && d->state == DB_MISSING) {
		/* the create may never have reached the disk (or failed after
		 * its record): the file is made when a record needs it */
		d->state = DB_TO_CREATE;
		d->signature = s;
		d->page_size = r->pgno;
		d->dbid = r->dbid;
		d->dbtime = r->dbtime;
	}
	if (!err && (d->state == DB_OPEN || d->state == DB_TO_CREATE))
		err = page_buffer(rp, create ? r->pgno : d->header.page_size);
	return err;
}

/* A database whose create record was replayed, made as it was made. */
static int make_pending(struct replay *rp, struct replay_db *d)
{
	struct db_header h;
	int err;
	if (d->state != DB_TO_CREATE)
		return JET_errSuccess;
	database_header_new(&h, &d->signature, d->page_size, d->dbid);
	h.log_signature = rp->log_signature;
	h.dbtime = d->dbtime;
	h.state = JET_dbstateDirtyShutdown;
	if (os_file_open(d->path, OS_OPEN_CREATE_EXCLUSIVE, &d->file) != OS_OK)
		return JET_errDatabaseInvalidPath;
	err = database_format_new(d->file, &h, DATABASE_INITIAL_PAGES);
	if (!err) {
		d->header = h;
		d->pages = DATABASE_INITIAL_PAGES;
		d->state = DB_OPEN;
	}
	return err;
}

/* The backup records a database keeps once recovered, as io.cxx's
 * ErrIOTermFMP leaves them at the end of a recovery: a backup copy's own
 * record (bkinfoFullCur, with the snapshot and incremental ones) is
 * spent, and a hard recovery (a restore) forgets every earlier backup, so
 * that no incremental backup or log truncation builds on them. */
static void forget_backups(struct db_header *h, int hard)
{
	static const struct bkinfo none;
	if (h->full_current.gen_low != 0) {
		h->full_current = none;
		h->snapshot_current = none;
		h->incremental_previous = none;
	}
	if (hard) {
		h->full_previous = none;
		h->incremental_previous = none;
		h->copy_previous = none;
		h->differential_previous = none;
		h->full_previous_type = 0;        /* DBFILEHDR::backupNormal */
		h->incremental_previous_type = 0;
	}
}

/* The header a database ends with once every change up to `at` is in it:
 * at the end of recovery (io.cxx's rule) or at a detach (db.cxx's). */
static int close_consistent(const struct replay *rp, struct replay_db *d, struct lgpos at,
			    int detach)
{
	struct logtime now = logtime_from_filetime(os_time_now());
	/* every page on the disk before the header says so */
	int err = replay_cache_write(&d->cache);
	if (!err && os_file_sync(d->file) != OS_OK)
		err = JET_errDiskIO;
	if (err) {
		forget(d);
		return err;
	}
	if (detach)
		database_backups_at_detach(&d->header, rp->hard);
	else
		forget_backups(&d->header, rp->hard);
	d->header.state = JET_dbstateCleanShutdown;
	d->header.consistent = at;
	d->header.consistent_time = now;
	d->header.detach = at;
	d->header.detach_time = now;
	db_header_consistent_resize(&d->header);
	db_header_clear_required(&d->header);
	err = db_header_write(d->file, &d->header);
	if (!err && os_file_sync(d->file) != OS_OK)
		err = JET_errDiskIO;
	forget(d);
	return err;
}

/* The change lands in the page held in the cache, read once; it is
 * sealed and written when the cache is written out. */
static int redo_page(struct replay *rp, struct replay_db *d, const struct log_record *r,
		     struct lgpos at)
{
	uint32_t size = d->header.page_size;
	struct dirty_page *p;
	int err;
	if (r->pgno == 0 || r->pgno > d->pages || r->offset < page_data_start(size) ||
	    r->offset + r->length > page_data_end(size))
		return JET_errLogFileCorrupt;
	err = cached_page(rp, d, r->pgno, &p);
	if (err)
		return err;
	if (r->dbtime > d->header.dbtime)
		d->header.dbtime = r->dbtime;
	if (page_dbtime(p->data) >= r->dbtime)
		return JET_errSuccess;   /* the page already holds this change */
	memcpy(p->data + r->offset, r->payload, r->length);
	page_set_dbtime(p->data, r->dbtime);
	replay_cache_changed(&d->cache, p, at);
	return JET_errSuccess;
}

/* The new pages are written at once (no page of the cache lies past the
 * old end); the space page goes through the cache, where records may
 * change it too.  The space page is set at every grow replayed, the file
 * already long enough or not: a crash may have left the file grown and
 * the space page old (the file is grown first), and the grows of the log,
 * replayed in order, leave it as the last one made it (ESE's redo of
 * ExtendDB likewise resizes whatever the file's size: logredo.cxx,
 * ErrLGRIRedoExtendDB). */
static int redo_grow(struct replay *rp, struct replay_db *d, const struct log_record *r,
		     struct lgpos at)
{
	struct replay_cache *c;
	int err = JET_errSuccess;
	for (uint32_t pgno = d->pages + 1; !err && pgno <= r->pgno; pgno++) {
		page_init(rp->page, d->header.page_size, pgno, 0, 0, PAGE_FLAG_EMPTY);
		err = page_write(d->file, d->header.page_size, pgno, rp->page);
	}
	if (!err) {
		space_owned_page(rp->page, d->header.page_size, r->pgno);
		err = cache_of(rp, d, &c);
		if (!err && !replay_cache_find(c, 2))
			err = make_room(rp);
		while (!err && (err = replay_cache_put(c, 2, rp->page, at)) == JET_errOutOfMemory)
			err = room_after_out_of_memory(rp, c->page_size);
	}
	if (!err && r->pgno > d->pages)
		d->pages = r->pgno;
	/* the header after a resize (logredo.cxx, the redo of ExtendDB) */
	if (!err)
		db_header_resized_at(&d->header, at);
	return err;
}

/* Records before the checkpoint are in the databases already: they are
 * read only to learn what was attached at the checkpoint (ESE starts redo
 * at the checkpoint itself, not at the start of its generation). */
static int redo(struct replay *rp, const struct log_record *r, struct lgpos at)
{
	struct replay_db *d = r->dbid <= DATABASE_MAX ? &rp->db[r->dbid] : NULL;
	int before_checkpoint = lgpos_compare(at, rp->checkpoint) < 0;
	int err;
	if (r->type != LOG_REC_BACKUP && r->type != LOG_REC_END)
		rp->last_is_shutdown = r->type == LOG_REC_SHUTDOWN_MARK;
	switch (r->type) {
	case LOG_REC_CREATE:
	case LOG_REC_ATTACH:
		return redo_identity(rp, r, r->type == LOG_REC_CREATE && !before_checkpoint, at);
	case LOG_REC_DETACH:
		if (d && d->state == DB_OPEN && !before_checkpoint)
			return close_consistent(rp, d, at, 1);
		/* a creation detached at once leaves no file */
		return d ? release(d) : JET_errSuccess;
	case LOG_REC_PAGE:
	case LOG_REC_GROW:
		if (!d)
			return JET_errLogFileCorrupt;
		if (before_checkpoint)
			return JET_errSuccess;
		err = make_pending(rp, d);
		if (err || d->state != DB_OPEN)
			return err;
		return r->type == LOG_REC_PAGE ? redo_page(rp, d, r, at) : redo_grow(rp, d, r, at);
	case LOG_REC_INIT:
		rp->last_term = (struct lgpos){ 0 };   /* sessions again */
		return JET_errSuccess;
	case LOG_REC_TERM:
		err = JET_errSuccess;
		for (unsigned i = 1; i <= DATABASE_MAX; i++) {
			int e = release(&rp->db[i]);
			if (!err)
				err = e;
		}
		rp->last_term = at;
		return err;
	case LOG_REC_SHUTDOWN_MARK:
		rp->shutdown_mark = at;
		return JET_errSuccess;
	case LOG_REC_RECOVERY_QUIT:
		/* a recovery that kept its databases attached: they stay
		 * attached, sessions go on (logredo.cxx, the redo of
		 * lrtypRecoveryQuitKeepAttachments keeps them) */
		if (r->flags & LOG_QUIT_KEEP_ATTACHMENTS)
			return JET_errSuccess;
		/* a recovery that ended here detached every database, each
		 * consistent at the shutdown mark before it (logredo.cxx: the
		 * redo of a quit ends all sessions, ErrLGRIEndAllSessions, and
		 * io.cxx's ErrIOTermGetShutDownMark takes the last mark) */
		err = JET_errSuccess;
		for (unsigned i = 1; i <= DATABASE_MAX; i++) {
			struct replay_db *q = &rp->db[i];
			if (q->state == DB_OPEN && !before_checkpoint) {
				int e = close_consistent(rp, q, rp->shutdown_mark.generation ?
							 rp->shutdown_mark : at, 0);
				if (!err)
					err = e;
			}
			forget(q);
		}
		rp->last_term = at;
		return err;
	default:
		return JET_errSuccess;
	}
}

/* One generation's records, from its start. */
static int replay_file(struct replay *rp, const char *path, uint32_t gen, int current,
		       const struct signature *signature, struct log_reader **keep)
{
	struct log_reader *r;
	struct log_record rec;
	struct lgpos at;
	int err = log_reader_open(path, current, &r), more;
	if (err == JET_errFileNotFound)
		return JET_errMissingLogFile;
	if (err)
		return err;
	if (log_reader_header(r)->generation != gen)
		err = JET_errInvalidLogSequence;
	else if (!signature_equal(&log_reader_header(r)->log_signature, signature))
		err = JET_errBadLogSignature;
	rp->created = log_reader_header(r)->created;
	while (!err && (more = log_reader_next(r, &rec, &at)) != 0)
		err = more < 0 ? more : redo(rp, &rec, at);
	if (!err && !current && !log_reader_saw_end_record(r))
		err = JET_errLogFileCorrupt;
	if (err || !keep)
		log_reader_close(r);
	else
		*keep = r;
	return err;
}

/* A crash between the two renames of a roll leaves the next generation
 * as <base>tmp.log and no <base>.log: the roll is finished now. */
static void finish_interrupted_roll(const struct log_names *n, const char *current)
{
	char *temp = log_roll_temp_path(n);
	struct log_reader *r;
	if (temp && !os_path_exists(current) && os_path_exists(temp) &&
	    log_reader_open(temp, 1, &r) == JET_errSuccess) {
		uint32_t gen = log_reader_header(r)->generation;
		char *previous = gen > 1 ? log_archive_path(n, gen - 1) : NULL;
		log_reader_close(r);
		if (previous && os_path_exists(previous))
			os_rename(temp, current);
		free(previous);
	}
	free(temp);
}

/* The pages the replay changed written and flushed: what a database
 * left dirty needs before anything passes its records. */
static int write_out(struct replay_db *d)
{
	int err = replay_cache_write(&d->cache);
	if (!err && os_file_sync(d->file) != OS_OK)
		err = JET_errDiskIO;
	return err;
}

/* At the end of the log, as ESE ends a soft recovery (logredo.cxx,
 * ErrLGSoftStart and ErrLGRIEndAllSessions):
 * - JET_bitRecoveryWithoutUndo: a log that ended clean is
 *   JET_errRecoveredWithoutUndoDatabasesConsistent (the JET_OpenLogForDo
 *   callback's default, tm.cxx); else the redo stands, its pages written,
 *   the databases left dirty, nothing logged, and
 *   JET_errRecoveredWithoutUndo (JET_sntBeginUndo's default);
 * - nothing more when the log ended on a term or a quit;
 * - JET_bitKeepDbAttachedAtEndOfRecovery (dropped when the log ends on a
 *   shutdown mark: logredo.cxx, "fKeepDbAttached && !m_fLastLRIsShutdown"):
 *   the undo's start, the databases handed to the instance, then a quit
 *   that keeps them attached, with no shutdown mark;
 * - else the undo's start, the shutdown mark the databases are consistent
 *   and detached at, and the quit (replay_quit). */
static int end_of_log(struct instance *inst, struct replay *rp, struct log_writer *w)
{
	int keep = (rp->grbit & JET_bitKeepDbAttachedAtEndOfRecovery) && !rp->last_is_shutdown;
	int without_undo = (rp->grbit & JET_bitRecoveryWithoutUndo) != 0;
	int clean = rp->last_term.generation != 0;
	struct lgpos quit;
	int err = JET_errSuccess;

	if (without_undo && clean)
		return JET_errRecoveredWithoutUndoDatabasesConsistent;
	for (unsigned dbid = 1; !err && dbid <= DATABASE_MAX; dbid++) {
		struct replay_db *d = &rp->db[dbid];
		/* created last thing before the crash: it exists, as logged */
		err = make_pending(rp, d);
		if (!err && d->state == DB_MISSING && !(rp->grbit & JET_bitReplayIgnoreMissingDB))
			err = JET_errAttachedDatabaseMismatch;
		if (!err && d->state == DB_OPEN && without_undo) {
			err = write_out(d);
			forget(d);
		}
	}
	if (err || without_undo)
		return err ? err : JET_errRecoveredWithoutUndo;
	if (!keep || clean)
		return replay_quit(rp, w, &quit);

	{
		struct log_record undo = { .type = LOG_REC_RECOVERY_UNDO };
		struct log_record end = { .type = LOG_REC_RECOVERY_QUIT,
					  .flags = LOG_QUIT_KEEP_ATTACHMENTS };
		err = log_append(w, &undo, NULL);
		for (unsigned dbid = 1; !err && dbid <= DATABASE_MAX; dbid++) {
			struct replay_db *d = &rp->db[dbid];
			if (d->state != DB_OPEN)
				continue;
			/* the instance's checkpoint will pass every record
			 * replayed: their pages must be on the disk first */
			err = write_out(d);
			if (!err)
				err = database_adopt(inst, dbid, d->path, d->file, &d->header, d->pages,
						     d->max_pages);
			if (!err)
				d->file = NULL;
			forget(d);
		}
		if (!err)
			err = log_append(w, &end, NULL);
		if (!err)
			err = log_flush(w);
	}
	return err;
}

int recovery_run(struct instance *inst, const struct log_writer_config *c,
		 const char *checkpoint_path, uint32_t init_grbit,
		 const struct recovery_request *req, struct log_writer **out)
{
	struct soft_map soft;
	const struct log_names *n = c->names;
	char *current = log_current_path(n);
	struct replay rp;
	struct log_reader *last = NULL;
	struct log_header header;
	struct checkpoint cp;
	uint32_t start, lowest;
	int err = JET_errSuccess;

	if (!current)
		return JET_errOutOfMemory;
	/* a file of another kind under the checkpoint's name stops JetInit
	 * before anything is made */
	err = checkpoint_check_type(checkpoint_path);
	if (err) {
		free(current);
		return err;
	}
	finish_interrupted_roll(n, current);
	lowest = log_lowest_archived(n);
	if (!os_path_exists(current)) {
		free(current);
		/* archived generations without the current one: logs were lost */
		if (lowest)
			return JET_errMissingLogFile;
		err = log_writer_create(c, out);
		/* nothing to undo: the JET_OpenLogForDo callback's default */
		if (!err && (init_grbit & JET_bitRecoveryWithoutUndo)) {
			log_writer_close(*out);
			*out = NULL;
			err = JET_errRecoveredWithoutUndoDatabasesConsistent;
		}
		return err;
	}
	memset(&rp, 0, sizeof rp);
	rp.grbit = init_grbit;
	err = soft_map_build(req, init_grbit, &soft);
	if (!err && soft.count) {
		rp.map = soft_map_lookup;
		rp.map_ctx = &soft;
	}
	rp.req = req;
	if (!err)
		err = log_reader_open(current, 1, &last);
	if (!err) {
		header = *log_reader_header(last);
		log_reader_close(last);
		last = NULL;
		rp.log_signature = header.log_signature;
		/* from the checkpoint's generation if it belongs to this log
		 * set, else from the oldest generation there is */
		start = lowest ? lowest : header.generation;
		rp.checkpoint = lgpos_at(start, 0);
		if (checkpoint_read(checkpoint_path, &cp) == JET_errSuccess &&
		    signature_equal(&cp.log_signature, &header.log_signature) &&
		    cp.position.generation <= header.generation) {
			/* the checkpoint's generation is where changes not yet in
			 * the databases start: without it they are lost */
			if (cp.position.generation < start)
				err = JET_errMissingLogFile;
			start = cp.position.generation;
			rp.checkpoint = cp.position;
		}
		/* JET_snpRestore from the checkpoint's generation to the current
		 * one (logredo.cxx, ErrLGSoftStart: only with JET_RSTINFO) */
		rp.gen_first = start;
		rp.gen_count = header.generation >= start ? header.generation - start + 1 : 1;
		if (!err)
			progress(&rp, JET_sntBegin, start);
		for (uint32_t gen = start; !err && gen < header.generation; gen++) {
			char *path = log_archive_path(n, gen);
			err = path ? replay_file(&rp, path, gen, 0, &header.log_signature, NULL)
				   : JET_errOutOfMemory;
			free(path);
			if (!err)
				progress(&rp, JET_sntProgress, gen);
		}
		if (!err)
			err = replay_file(&rp, current, header.generation, 1, &header.log_signature,
					  &last);
		if (!err)
			progress(&rp, JET_sntProgress, header.generation);
	}
	free(current);
	if (!err)
		err = log_writer_resume(c, &header, log_reader_end(last), out);
	log_reader_close(last);
	if (!err) {
		err = end_of_log(inst, &rp, *out);
		if (err) {
			log_writer_close(*out);
			*out = NULL;
		}
	}
	if (rp.gen_count)
		progress(&rp, err ? JET_sntFail : JET_sntComplete, 0);
	for (unsigned i = 1; i <= DATABASE_MAX; i++)
		forget(&rp.db[i]);
	pools_free(&rp);
	free(rp.page);
	soft_map_free(&soft);
	return err;
}

int replay_open(const struct signature *log_signature, struct lgpos start, replay_map_fn map,
		void *ctx, struct replay **out)
{
	struct replay *rp = calloc(1, sizeof *rp);
	if (!rp)
		return JET_errOutOfMemory;
	rp->log_signature = *log_signature;
	rp->checkpoint = start;
	rp->grbit = JET_bitReplayIgnoreMissingDB;
	rp->hard = 1;
	rp->map = map;
	rp->map_ctx = ctx;
	*out = rp;
	return JET_errSuccess;
}

/* ESE's redo updates the checkpoint as it leaves each generation
 * (logredo.cxx, ErrLGRedoFill's ErrLGUpdateCheckpointFile, before it
 * tries the next one, which at the end of the set starts the new log):
 * the first change of the oldest page the cache has not written, at most
 * the redo's position (log.cxx, m_lgposRedo bounds it). */
struct lgpos replay_checkpoint(const struct replay *rp, struct lgpos end)
{
	struct lgpos at = end;
	for (unsigned i = 1; i <= DATABASE_MAX; i++) {
		struct lgpos oldest = replay_cache_oldest_change(&rp->db[i].cache);
		if (oldest.generation && lgpos_compare(oldest, at) < 0)
			at = oldest;
	}
	return at;
}

int replay_log(struct replay *rp, const char *path, uint32_t generation, int current,
	       struct lgpos *end)
{
	struct log_reader *r = NULL;
	int err = replay_file(rp, path, generation, current, &rp->log_signature, &r);
	if (!err) {
		*end = lgpos_at(generation, log_reader_end(r));
		rp->last_header = *log_reader_header(r);
		rp->last_header.attach = NULL;
		rp->last_current = current;
	}
	log_reader_close(r);
	return err;
}

const struct log_header *replay_last_header(const struct replay *rp, int *current)
{
	*current = rp->last_current;
	return rp->last_header.generation ? &rp->last_header : NULL;
}

/* The databases the replay has attached, as the header of a generation
 * that begins at `next` lists them (logstream.cxx: a new log's header
 * takes LGLoadAttachmentsFromFMP, the restored databases included). */
void replay_attach_list(const struct replay *rp, struct lgpos next, unsigned char *list)
{
	struct attach_info a[DATABASE_MAX];
	unsigned n = 0;
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		const struct replay_db *d = &rp->db[dbid];
		if (d->state == DB_OPEN)
			attach_info_of(&a[n++], (uint8_t)dbid, &d->header, d->max_pages, d->path,
				       &rp->log_signature, next);
	}
	attach_list_encode(list, a, n);
}

/* As ESE ends a restore's redo or a soft recovery's (logredo.cxx,
 * ErrLGRRedo then ErrLGRIEndAllSessions): the undo's start, then the shutdown mark that
 * io.cxx's ErrIOTerm logs and writes into each database header as its
 * consistent and detach positions (the backup records as ErrIOTermFMP
 * leaves them), then the quit, which the checkpoint then names
 * (ErrLGIUpdateCheckpointLgposForTerm).  A replay that ended on a term or
 * a quit, no session after it, logs nothing more: its databases were
 * detached there, and the checkpoint names that record.  One that ended
 * on a shutdown mark (a restore stopped before its quit) logs only the
 * quit, its databases consistent at that mark: ESE logs no second undo
 * (logredo.cxx, ErrLGRRedo, m_fLastLRIsShutdown) and no second mark
 * (io.cxx, ErrIOTermGetShutDownMark), which would leave the first one,
 * which headers may name, no longer the last. */
int replay_quit(struct replay *rp, struct log_writer *w, struct lgpos *quit)
{
	struct log_record undo = { .type = LOG_REC_RECOVERY_UNDO };
	struct log_record mark = { .type = LOG_REC_SHUTDOWN_MARK };
	struct log_record end = { .type = LOG_REC_RECOVERY_QUIT, .flags = rp->hard ? LOG_QUIT_HARD : 0 };
	struct lgpos at;
	int err = JET_errSuccess;

	if (rp->last_term.generation) {
		*quit = rp->last_term;
		return JET_errSuccess;
	}
	if (rp->last_is_shutdown) {
		at = rp->shutdown_mark;
	} else {
		err = log_append(w, &undo, NULL);
		if (!err)
			err = log_append(w, &mark, &at);
		/* the headers say consistent at the mark only once it is on disk */
		if (!err)
			err = log_flush(w);
	}
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		if (!err && rp->db[dbid].state == DB_OPEN)
			err = close_consistent(rp, &rp->db[dbid], at, 0);
		forget(&rp->db[dbid]);
	}
	if (!err)
		err = log_append(w, &end, quit);
	if (!err)
		err = log_flush(w);
	return err;
}

int replay_close_consistent(struct replay *rp, struct lgpos at)
{
	int err = JET_errSuccess;
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		if (rp->db[dbid].state == DB_OPEN) {
			int e = close_consistent(rp, &rp->db[dbid], at, 0);
			if (!err)
				err = e;
		}
		forget(&rp->db[dbid]);
	}
	return err;
}

void replay_free(struct replay *rp)
{
	if (!rp)
		return;
	for (unsigned i = 1; i <= DATABASE_MAX; i++)
		forget(&rp->db[i]);
	pools_free(rp);
	free(rp->page);
	free(rp);
}
