/*
 * The databases attached to an instance, as the rest of the engine sees
 * them.  sim/database.c implements the API (create, attach, detach, open,
 * close, info) over sim/dbfile.c; this header is also the seam streaming
 * backup reads databases through.  All calls with the instance locked.
 */
#ifndef SIM_DATABASE_H
#define SIM_DATABASE_H

#include <stdint.h>

struct instance;
struct database;
struct database_backup_stream;

/* The JET API (each takes a session; paths UTF-8). */
int sim_create_database(uintptr_t sesid, const char *path, uint32_t max_pages, uint32_t grbit,
			uint32_t *dbid);
int sim_attach_database(uintptr_t sesid, const char *path, uint32_t max_pages, uint32_t grbit);
/* path NULL detaches every database of the instance */
int sim_detach_database(uintptr_t sesid, const char *path, uint32_t grbit);
int sim_open_database(uintptr_t sesid, const char *path, uint32_t grbit, uint32_t *dbid);
int sim_close_database(uintptr_t sesid, uint32_t dbid, uint32_t grbit);

/* Changes a page through the logged path: the log record that can redo it
 * is written before the page (write-ahead).  Instance locked.  A page
 * beyond the end grows the file. */
int database_write_page(struct instance *inst, struct database *db, uint32_t pgno,
			const void *data, uint32_t len);
int database_read_page(struct instance *inst, struct database *db, uint32_t pgno, void *page);
uint32_t database_page_count(const struct database *db);

unsigned instance_database_count(const struct instance *inst);
struct database *instance_database(const struct instance *inst, unsigned i);
const char *database_path(const struct database *db);      /* full path */
uint32_t database_page_size(const struct database *db);

/* The backup history kept in a database header (generations 0 = none). */
enum backup_kind {
	BACKUP_KIND_FULL,
	BACKUP_KIND_INCREMENTAL,
	BACKUP_KIND_COPY,
	BACKUP_KIND_DIFFERENTIAL,
};
struct backup_record {
	uint32_t gen_low, gen_high;
	int snapshot;               /* made by an OS snapshot, not streaming */
};
void database_backup_history(const struct database *db, enum backup_kind kind,
			     struct backup_record *out);
/* Stamps a finished backup into the header (and clears what it supersedes:
 * a full backup clears the incremental and differential records). */
int database_record_backup(struct database *db, enum backup_kind kind, uint32_t gen_low,
			   uint32_t gen_high);

/* A reader of the database as a backup delivers it: the header twice
 * (a snapshot taken at open), pages 1..N each verified, then one trailer
 * page.  *size is what the reader must copy: (N + 3) × page size. */
int database_backup_open(struct database *db, struct database_backup_stream **out,
			 uint64_t *size);
/* cb is a multiple of the page size; *got 0 means the end. */
int database_backup_read(struct database_backup_stream *s, void *buf, uint32_t cb, uint32_t *got);
int database_backup_done(const struct database_backup_stream *s);   /* read to the end */
void database_backup_close(struct database_backup_stream *s);

/* JetTerm / JetDetachDatabase with every database */
void instance_databases_close_all(struct instance *inst, int clean);

#endif
