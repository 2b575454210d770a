/*
 * Tables open through the JET API: cursors over a table of an attached
 * database, in the order of its primary or any secondary index, with the
 * record they stand on; and read transactions (levels counted, nothing to
 * undo while tables are only read).  Table ids are serial handles, never
 * pointers.  A database's catalog is read once, when its first table
 * opens, and kept while any of its tables is open.
 */
#ifndef SIM_ISAM_CURSOR_H
#define SIM_ISAM_CURSOR_H

#include <stdint.h>

#include "isam/catalog.h"

/* JetMove's crow values (JET_MoveFirst, JET_MoveLast) */
#define ISAM_MOVE_FIRST ((int32_t)0x80000000)
#define ISAM_MOVE_LAST ((int32_t)0x7fffffff)
/* JetSetCurrentIndex2's grbit: JET_bitMoveFirst, JET_bitNoMove */
#define ISAM_INDEX_NO_MOVE 0x2

int sim_open_table(uintptr_t sesid, uint32_t dbid, const char *name, uint32_t grbit,
		   uintptr_t *tableid);
int sim_close_table(uintptr_t sesid, uintptr_t tableid);
/* JetMove: crow rows forward (negative: back), or ISAM_MOVE_FIRST/LAST.
 * JET_errNoCurrentRecord past either end (the cursor stays past it). */
int sim_move(uintptr_t sesid, uintptr_t tableid, int32_t crow, uint32_t grbit);
/* JetRetrieveColumn on the current record: value itag (from 1) from byte
 * offset on; *actual gets the bytes there are from offset.  0,
 * JET_wrnColumnNull, JET_wrnBufferTruncated, or an error. */
int sim_retrieve_column(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, void *buf,
			uint32_t cb, uint32_t *actual, uint32_t grbit, uint32_t itag,
			uint32_t offset);
/* How many values the current record holds for the column. */
int sim_count_values(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, uint32_t *count);

/* A column of the open table, by name (case-insensitive) or id; the copy
 * must be released with isam_column_release. */
int sim_table_column(uintptr_t sesid, uintptr_t tableid, const char *name, uint32_t id,
		     struct isam_column *out);
/* The i-th column of the open table (0..), JET_errColumnNotFound after
 * the last. */
int sim_table_column_at(uintptr_t sesid, uintptr_t tableid, unsigned i,
			struct isam_column *out);
void isam_column_release(struct isam_column *c);

/* The current record's primary key (its bookmark). */
int sim_get_bookmark(uintptr_t sesid, uintptr_t tableid, void *buf, uint32_t cb,
		     uint32_t *actual);
int sim_goto_bookmark(uintptr_t sesid, uintptr_t tableid, const void *bookmark, uint32_t cb);

/* NULL or "" is the primary index. */
int sim_set_current_index(uintptr_t sesid, uintptr_t tableid, const char *index,
			  uint32_t grbit);
/* The open table's name (malloc'ed). */
int sim_table_name(uintptr_t sesid, uintptr_t tableid, char **name);
/* The current index's name (malloc'ed). */
int sim_get_current_index(uintptr_t sesid, uintptr_t tableid, char **name);

/* ESE's approximate place of the current record in the current index
 * (JetGetRecordPosition): entries before it and entries in all, as
 * bt.cxx's ErrBTGetPosition counts them. */
int sim_get_record_position(uintptr_t sesid, uintptr_t tableid, uint64_t *lt, uint64_t *total);
/* (lt NULL: JET_errInvalidParameter once the cursor is known good.) */
/* JetGotoPosition: the record at about lt/total of the current index. */
int sim_goto_position(uintptr_t sesid, uintptr_t tableid, uint64_t lt, uint64_t total);

/* The cursor's current record as the record-reading calls of other files
 * see it (enumerate.c): entered as every call here is, left with
 * isam_cursor_leave. */
struct db_header;
struct isam_current {
	struct isam_pager *pager;
	const struct isam_table *table;
	const struct isam_record *rec;   /* NULL when not on a record */
	const unsigned char *key;        /* the record's primary key (its bookmark) */
	uint32_t cb_key;
	uint32_t pgno;                   /* the page holding the record */
	const struct db_header *header;  /* the database's, as in memory */
};
struct instance;
int isam_cursor_enter(uintptr_t sesid, uintptr_t tableid, struct instance **inst,
		      struct isam_current *cur);
void isam_cursor_leave(struct instance *inst);

/* JetDupCursor: a new cursor on the same table, on its primary index, on
 * its first record (fileopen.cxx, ErrIsamDupCursor). */
int sim_dup_cursor(uintptr_t sesid, uintptr_t tableid, uint32_t grbit, uintptr_t *dup);
/* JetSetTableSequential (on nonzero) and JetResetTableSequential: a hint
 * kept on the cursor's current index. */
int sim_set_sequential(uintptr_t sesid, uintptr_t tableid, uint32_t grbit, int on);

/* What the info calls read of an open table or of a database's catalog:
 * valid during the call of fn, which runs inside the session's instance. */
struct isam_view {
	uintptr_t sesid;
	const struct instance *inst;
	uint32_t dbid;
	int read_only;
	uint32_t page_size;
	struct isam_pager *pager;            /* the database's pages */
	const struct isam_catalog *cat;
	const struct isam_table *table;      /* the open table; NULL for a database */
};
typedef int (*isam_view_fn)(const struct isam_view *view, void *ctx);
int sim_with_table(uintptr_t sesid, uintptr_t tableid, isam_view_fn fn, void *ctx);
int sim_with_database(uintptr_t sesid, uint32_t dbid, isam_view_fn fn, void *ctx);

/* A session ends (its tables close, its transactions end), or an instance
 * terminates (every table of its databases closes); called by engine/. */
void isam_session_ending(uintptr_t sesid);
void isam_instance_ending(const struct instance *inst);

int sim_begin_transaction(uintptr_t sesid, uint32_t grbit);
int sim_commit_transaction(uintptr_t sesid, uint32_t grbit);
int sim_rollback(uintptr_t sesid, uint32_t grbit);

#endif
