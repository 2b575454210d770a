/*
 * A table cursor's state, shared by the files of the table API
 * (cursor.c: open, move, retrieve; seek.c: keys, seeks, index ranges),
 * as ESE's FUCB is: the B-tree cursors on the primary and the current
 * index, the record they stand on, the search key being made
 * (dataSearchKey) and the index range (the limit key and its flags).
 */
#ifndef SIM_ISAM_CURSOR_STATE_H
#define SIM_ISAM_CURSOR_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "isam/btree.h"
#include "isam/catalog.h"
#include "isam/key_normalise.h"
#include "isam/pager.h"
#include "isam/record.h"

struct instance;
struct database;

/* A database whose tables are open: its catalog and page cache. */
struct open_db {
	struct instance *inst;
	unsigned dbid;
	struct database *db;
	struct isam_pager pager;
	struct isam_catalog cat;
	unsigned refs;
};

/* An index range (FUCB's limstat): the limit key, upper or lower,
 * inclusive or not. */
struct cursor_range {
	bool set;
	bool upper;
	bool inclusive;
	uint8_t key[KEY_CB_LIMIT_MOST];
	size_t cb;
};

struct cursor {
	uintptr_t handle, sesid;
	struct open_db *odb;
	const struct isam_table *table;
	const struct isam_index *index;      /* the current index; NULL: primary, unnamed */
	int secondary;                       /* moving along a secondary index */
	struct isam_btree primary, index_bt;
	int on_record;
	int sequential;                      /* JetSetTableSequential's hint */
	struct isam_record rec;
	struct key_search search;            /* JetMakeKey's key for the current index */
	struct cursor_range range;
};

/* The session's cursor, under its instance's lock (instance_leave after);
 * JET_errInvalidTableId when it is not the session's. */
int cursor_enter(uintptr_t sesid, uintptr_t tableid, struct instance **inst, struct cursor **c);
/* After the index cursor moved: the record its entry names. */
int cursor_land(struct cursor *c);
/* The B-tree of the current index. */
struct isam_btree *cursor_index_tree(struct cursor *c);
/* ESE's key order (CmpKey): memcmp, a key before its extensions. */
int cursor_key_cmp(const uint8_t *a, size_t cb_a, const uint8_t *b, size_t cb_b);
/* Whether bt's entry (the cursor's own, or a walk's copy of it) lies past
 * the cursor's index range; 0 without a range. */
int cursor_beyond_range(const struct cursor *c, const struct isam_btree *bt);
/*
 * ErrFUCBCheckIndexRange: the current entry against the range's limit.
 * Out of range: the range ends, the cursor goes past the end toward the
 * limit, JET_errNoCurrentRecord.
 */
int cursor_check_range(struct cursor *c);

#endif
