/*
 * The databases attached to an instance: the JET database API (create,
 * attach, detach, open, close, info) and the logged page writes by which
 * database contents change.  Pages changed in memory stay in the
 * database's page cache until the checkpoint needs them on disk; their log
 * records are always written first (write-ahead).
 *
 * An instance holds up to DATABASE_MAX of them (instance/instance.h).
 */
#ifndef SIM_DATABASE_H
#define SIM_DATABASE_H

#include <stdatomic.h>
#include <stdint.h>

#include "format/dbfile.h"
#include "format/format.h"
#include "os/os.h"
#include "db/pagecache.h"

#define DATABASE_MAX 6

/* New databases hold this many pages (1 MiB at 4 KiB, as ESENT's), the
 * first DATABASE_SYSTEM_PAGES of them its catalog and space trees. */
#define DATABASE_INITIAL_PAGES 256
#define DATABASE_SYSTEM_PAGES 32
#define DATABASE_TEMP_PAGES 16
/* Object ids 1-3: the database, its catalog and the catalog's shadow. */
#define DATABASE_FIRST_USER_OBJID 4

struct instance;

struct database_open {
	uintptr_t sesid;
	unsigned count;
	int exclusive;
};

struct database {
	uint16_t dbid;
	char *path;                  /* full path, UTF-8 */
	os_file *file;
	os_mutex *io_lock;           /* page writes, and a backup's reads of the file */
	const atomic_int *io_frozen; /* the instance's snapshot freeze: writes wait */
	struct db_header header;     /* as in memory; on disk at state changes */
	uint32_t page_size;
	uint32_t pages;              /* data pages 1..pages exist in the file */
	uint32_t max_pages;          /* JetAttachDatabase2 / JetCreateDatabase2; 0: none */
	int read_only;
	int logged;                  /* changes go through the instance's log */
	int kept_by_recovery;        /* JET_bitKeepDbAttachedAtEndOfRecovery's,
				      * not attached through the API since */
	int unsynced;                /* pages written since the last sync */
	struct page_cache cache;
	struct database_open *opens; /* per session */
	unsigned open_count, open_capacity;
};

/* The JET API (each takes a session; paths UTF-8). */
int sim_create_database(uintptr_t sesid, const char *path, uint32_t max_pages, uint32_t grbit,
			uint32_t *dbid);
/* JET_wrnDatabaseAttached when the instance has it already. */
int sim_attach_database(uintptr_t sesid, const char *path, uint32_t max_pages, uint32_t grbit);
/* path NULL or empty detaches every database of the instance */
int sim_detach_database(uintptr_t sesid, const char *path, uint32_t grbit);
int sim_open_database(uintptr_t sesid, const char *path, uint32_t grbit, uint32_t *dbid);
int sim_close_database(uintptr_t sesid, uint32_t dbid, uint32_t grbit);

/* JetGrowDatabase: an open database to at least `pages` data pages;
 * *actual gets its size after. */
int sim_grow_database(uintptr_t sesid, uint32_t dbid, uint32_t pages, uint32_t *actual);
/* JetSetDatabaseSize: the same by file name, for a database that need not
 * be attached (then extended in place, as it is consistent). */
int sim_set_database_size(uintptr_t sesid, const char *path, uint32_t pages, uint32_t *actual);

/* What JetGetDatabaseInfo reports of an open database. */
struct sim_database_info {
	struct db_header header;
	char *path;                  /* malloc'ed */
	uint32_t pages;              /* the file's size in pages, headers included */
	uint64_t file_size;
	int exclusive;               /* opened exclusively by this session */
};
int sim_database_info(uintptr_t sesid, uint32_t dbid, struct sim_database_info *out);

/* What JetGetDatabaseFileInfo reports of a file that need not be attached
 * nor even be a database: its size, whether this process has it attached,
 * the file type its ESE header names, and its database header if it has
 * one (else header_error says why not). */
struct sim_database_file_info {
	uint64_t file_size;
	int attached;
	uint32_t file_type;          /* JET_filetype */
	int header_error;
	struct db_header header;
};
int sim_database_file_info(const char *path, struct sim_database_file_info *out);

/* Inside the engine, instance locked. */
/* Attaches the database, creating it if there is no such file. */
int database_ensure_attached(struct instance *inst, const char *path);
struct database *instance_database(const struct instance *inst, unsigned dbid);
/* Changes bytes of an existing page (1..pages) through the log. */
int database_write(struct instance *inst, struct database *db, uint32_t pgno, uint32_t offset,
		   const void *data, uint32_t len);
/* Extends the file to hold pages 1..pages, logged. */
int database_grow(struct instance *inst, struct database *db, uint32_t pages);
/* A page as it is now (from the cache, else the file, verified). */
int database_read_page(struct database *db, uint32_t pgno, unsigned char *page);
/* Writes out dirty pages first dirtied before `before` (all with NULL). */
int database_flush(struct database *db, const struct lgpos *before);
/* The oldest first-dirtied position of any dirty page; 0 if none. */
int databases_oldest_dirty(const struct instance *inst, struct lgpos *out);
/* Writes out every database's pages that recovery would need records
 * older than `before` for. */
int databases_flush_before(struct instance *inst, struct lgpos before);
/* Makes the pages written so far durable: before the checkpoint passes
 * their log records (the records may be deleted after). */
int databases_sync(struct instance *inst);
/* Moves the checkpoint to the oldest change not yet in the database
 * files, making those written so far durable first. */
int databases_advance_checkpoint(struct instance *inst);
/* The log writer's attach source (log_set_attach_source; ctx: the
 * instance): the databases attached before `next`. */
void databases_attach_list_at_roll(void *ctx, struct lgpos next, unsigned char *list);
/* Logs an attach record for each logged database (a new generation
 * starts with them, so recovery from any generation knows them). */
int databases_log_attachments(struct instance *inst);
/* JetTerm: every database detached, cleanly or (dirty) left as it is. */
void databases_close_all(struct instance *inst, int clean);
/* A session ended: its opens go. */
void databases_session_ended(struct instance *inst, uintptr_t sesid);
/* Re-stamps the header on disk (after a change to its backup records). */
int database_write_header(struct database *db);

/* A new database file: its header (twice) and its first pages formatted,
 * the same bytes every time for the same header, so that recovery can make
 * it again from a create record. */
void database_header_new(struct db_header *h, const struct signature *db_signature,
			 uint32_t page_size, unsigned dbid);
int database_format_new(os_file *f, const struct db_header *h, uint32_t pages);
/* Page pgno of a new database: the root, space and catalog pages ESE
 * places first, else an empty page. */
void database_system_page(unsigned char *page, uint32_t page_size, uint32_t pgno);
/* The backup records a header keeps when its database is detached (hard:
 * the detach is replayed by a restore). */
void database_backups_at_detach(struct db_header *h, int hard);
/* Recovery with JET_bitKeepDbAttachedAtEndOfRecovery: a database it
 * brought up to date stays attached (file and header handed over). */
int database_adopt(struct instance *inst, unsigned dbid, const char *path, os_file *file,
		   const struct db_header *h, uint32_t pages, uint32_t max_pages);

#endif
