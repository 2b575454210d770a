#include "isam/cursor.h"
#include "isam/cursor_state.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "db/database.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/btree.h"
#include "isam/column.h"
#include "isam/pager.h"
#include "isam/record.h"
#include "isam/table_handle.h"
#include "isam/temptable.h"
#include "jet_values.h"

/* pages the data path caches per open database */
#define PAGER_SLOTS 256
/* ESE's deepest transaction nesting (JET_errTransTooDeep past it) */
#define TRANSACTION_LEVELS_MAX 7
/* IDB flags (idb.hxx) */
#define IDB_PRIMARY 0x0020

struct session_level {
	uintptr_t sesid;
	unsigned level;
};

/* The registry: short critical sections, taken inside an instance's lock. */
static atomic_flag registry_lock = ATOMIC_FLAG_INIT;
static struct cursor **cursors;
static unsigned ncursors, cap_cursors;
static struct open_db **dbs;
static unsigned ndbs, cap_dbs;
static struct session_level *levels;
static unsigned nlevels, cap_levels;

static void lock(void)
{
	while (atomic_flag_test_and_set_explicit(&registry_lock, memory_order_acquire))
		;
}

static void unlock(void)
{
	atomic_flag_clear_explicit(&registry_lock, memory_order_release);
}

static int push(void **array, unsigned *count, unsigned *cap, size_t size, const void *item)
{
	if (*count == *cap) {
		unsigned n = *cap ? *cap * 2 : 8;
		void *a = realloc(*array, n * size);
		if (!a)
			return JET_errOutOfMemory;
		*array = a;
		*cap = n;
	}
	memcpy((char *)*array + (size_t)*count * size, item, size);
	(*count)++;
	return JET_errSuccess;
}

static int enter_session(uintptr_t sesid, struct instance **inst)
{
	uintptr_t handle;
	int err = session_instance(sesid, &handle);
	return err ? err : instance_enter(handle, 0, inst);
}

/* The session's cursor `tableid`, its database still the one it opened. */
static int enter(uintptr_t sesid, uintptr_t tableid, struct instance **inst, struct cursor **out)
{
	unsigned i;
	int err = enter_session(sesid, inst);
	if (err)
		return err;
	*out = NULL;
	lock();
	for (i = 0; i < ncursors; i++)
		if (cursors[i]->handle == tableid && cursors[i]->sesid == sesid)
			*out = cursors[i];
	unlock();
	if (!*out || (*out)->odb->inst != *inst ||
	    instance_database(*inst, (*out)->odb->dbid) != (*out)->odb->db) {
		instance_leave(*inst, 0);
		return JET_errInvalidTableId;
	}
	return JET_errSuccess;
}

static int read_page(void *ctx, uint32_t pgno, unsigned char *page)
{
	int err = database_read_page(ctx, pgno, page);
	return err == JET_errInvalidParameter ? JET_errBadPageLink : err;
}

/* The database's catalog and cache, shared by its open tables. */
static int open_db_get(struct instance *inst, unsigned dbid, struct database *db,
		       struct open_db **out)
{
	struct open_db *o = NULL;
	unsigned i;
	int err;
	lock();
	for (i = 0; i < ndbs; i++)
		if (dbs[i]->inst == inst && dbs[i]->dbid == dbid && dbs[i]->db == db) {
			o = dbs[i];
			o->refs++;
		}
	unlock();
	if (o) {
		*out = o;
		return JET_errSuccess;
	}
	o = calloc(1, sizeof(*o));
	if (!o)
		return JET_errOutOfMemory;
	o->inst = inst;
	o->dbid = dbid;
	o->db = db;
	o->refs = 1;
	err = isam_pager_init(&o->pager, db->page_size, PAGER_SLOTS, read_page, db);
	if (err == JET_errSuccess) {
		err = isam_catalog_load(&o->pager, &o->cat);
		if (err != JET_errSuccess)
			isam_pager_close(&o->pager);
	}
	if (err == JET_errSuccess) {
		lock();
		err = push((void **)&dbs, &ndbs, &cap_dbs, sizeof(o), &o);
		unlock();
		if (err != JET_errSuccess) {
			isam_catalog_free(&o->cat);
			isam_pager_close(&o->pager);
		}
	}
	if (err != JET_errSuccess) {
		free(o);
		return err;
	}
	*out = o;
	return JET_errSuccess;
}

static void open_db_put(struct open_db *o)
{
	unsigned i;
	int last = 0;
	lock();
	if (--o->refs == 0) {
		last = 1;
		for (i = 0; i < ndbs; i++)
			if (dbs[i] == o)
				dbs[i] = dbs[--ndbs];
	}
	unlock();
	if (last) {
		isam_catalog_free(&o->cat);
		isam_pager_close(&o->pager);
		free(o);
	}
}

static void cursor_free(struct cursor *c);

static const struct isam_index *primary_index(const struct isam_table *t)
{
	unsigned i;
	for (i = 0; i < t->nindexes; i++)
		if (t->indexes[i].flags & IDB_PRIMARY)
			return &t->indexes[i];
	return NULL;
}

int sim_open_table(uintptr_t sesid, uint32_t dbid, const char *name, uint32_t grbit,
		   uintptr_t *tableid)
{
	struct instance *inst;
	struct database *db;
	struct cursor *c;
	const struct isam_table *t;
	int err = enter_session(sesid, &inst);
	(void)grbit;
	if (err)
		return err;
	db = instance_database(inst, dbid);
	if (!name || !tableid) {
		err = JET_errInvalidParameter;
	} else if (!db) {
		err = JET_errInvalidDatabaseId;
	} else if (!(c = calloc(1, sizeof(*c)))) {
		err = JET_errOutOfMemory;
	} else if ((err = open_db_get(inst, dbid, db, &c->odb)) != JET_errSuccess) {
		free(c);
	} else if (!(t = isam_catalog_table(&c->odb->cat, name))) {
		open_db_put(c->odb);
		free(c);
		err = JET_errObjectNotFound;
	} else if ((err = t->open_error) != 0 ||
		   (err = isam_btree_open(&c->primary, &c->odb->pager, t->fdp)) != 0) {
		open_db_put(c->odb);
		free(c);
	} else {
		c->table = t;
		c->index = primary_index(t);
		c->sesid = sesid;
		lock();
		c->handle = isam_table_handle_next();
		err = push((void **)&cursors, &ncursors, &cap_cursors, sizeof(c), &c);
		unlock();
		if (err) {
			isam_btree_close(&c->primary);
			open_db_put(c->odb);
			free(c);
		} else {
			*tableid = c->handle;
		}
	}
	instance_leave(inst, 0);
	return err;
}

int sim_close_table(uintptr_t sesid, uintptr_t tableid)
{
	struct instance *inst;
	struct cursor *c;
	unsigned i;
	int err;
	if (isam_tt_is(tableid))
		return isam_tt_close(sesid, tableid);
	err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	lock();
	for (i = 0; i < ncursors; i++)
		if (cursors[i] == c)
			cursors[i] = cursors[--ncursors];
	unlock();
	cursor_free(c);
	instance_leave(inst, 0);
	return JET_errSuccess;
}

/* After the index cursor moved: the record it names. */
static int land(struct cursor *c)
{
	int err;
	c->on_record = 0;
	if (c->secondary) {
		/* a secondary entry's data is the record's primary key */
		const struct isam_node *n = &c->index_bt.node;
		err = isam_btree_seek(&c->primary, n->data, n->cb_data);
		if (err == JET_errRecordNotFound || (err == JET_errSuccess &&
		    (c->primary.cb_key != n->cb_data ||
		     memcmp(c->primary.key, n->data, n->cb_data) != 0)))
			return JET_errDatabaseCorrupted;
		if (err)
			return err;
	}
	err = isam_record_parse(&c->rec, c->primary.node.data, c->primary.node.cb_data,
				c->odb->pager.page_size > 8192);
	if (err == JET_errSuccess)
		c->on_record = 1;
	return err;
}

int sim_move(uintptr_t sesid, uintptr_t tableid, int32_t crow, uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	struct isam_btree *bt;
	int32_t crow_asked = crow;
	int err;
	if (isam_tt_is(tableid))
		return isam_tt_move(sesid, tableid, crow);
	err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	bt = c->secondary ? &c->index_bt : &c->primary;
	(void)grbit;
	if (crow == ISAM_MOVE_FIRST) {
		c->range.set = false;
		err = isam_btree_first(bt);
	} else if (crow == ISAM_MOVE_LAST) {
		c->range.set = false;
		err = isam_btree_last(bt);
	} else if (crow == 0) {
		err = c->on_record ? JET_errSuccess : JET_errNoCurrentRecord;
		instance_leave(inst, 0);
		return err;
	} else {
		for (; crow > 0 && err == JET_errSuccess; crow--)
			err = isam_btree_next(bt);
		for (; crow < 0 && err == JET_errSuccess; crow++)
			err = isam_btree_prev(bt);
		/* dir.cxx ErrDIRNext/Prev: moving toward an index range's limit */
		if (err == JET_errSuccess && c->range.set && c->range.upper == (crow_asked > 0))
			err = cursor_check_range(c);
	}
	if (err == JET_errSuccess)
		err = land(c);
	else
		c->on_record = 0;
	instance_leave(inst, 0);
	return err;
}

static const struct isam_column *column_of(const struct cursor *c, uint32_t columnid)
{
	return isam_table_columnid(c->table, columnid);
}

int sim_retrieve_column(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, void *buf,
			uint32_t cb, uint32_t *actual, uint32_t grbit, uint32_t itag,
			uint32_t offset)
{
	struct instance *inst;
	struct cursor *c;
	const struct isam_column *col;
	unsigned flags = (grbit & JET_bitRetrieveIgnoreDefault) ? ISAM_READ_IGNORE_DEFAULT : 0;
	uint32_t size = 0;
	int err;
	if (isam_tt_is(tableid))
		return isam_tt_retrieve(sesid, tableid, columnid, buf, cb, actual, itag, offset);
	err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	*actual = 0;
	if (!(col = column_of(c, columnid))) {
		err = JET_errColumnNotFound;
	} else if (itag == 0) {
		err = JET_errBadItagSequence;
	} else if (!c->on_record) {
		err = JET_errNoCurrentRecord;
	} else {
		/* ibLongValue applies to long columns only */
		if (!isam_column_is_long(col))
			offset = 0;
		err = isam_column_read(&c->odb->pager, c->table->lv_fdp, &c->rec, col, itag, offset,
				       buf, buf ? cb : 0, &size, &flags);
		if (err == JET_errSuccess) {
			*actual = size > offset ? size - offset : 0;
			if (*actual > cb)
				err = JET_wrnBufferTruncated;
		}
	}
	instance_leave(inst, 0);
	return err;
}

int sim_count_values(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, uint32_t *count)
{
	struct instance *inst;
	struct cursor *c;
	const struct isam_column *col;
	int err;
	if (isam_tt_is(tableid))
		return isam_tt_count(sesid, tableid, columnid, count);
	err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (!(col = column_of(c, columnid)))
		err = JET_errColumnNotFound;
	else if (!c->on_record)
		err = JET_errNoCurrentRecord;
	else
		err = isam_column_count(&c->rec, col, count);
	instance_leave(inst, 0);
	return err;
}

static int copy_column(const struct isam_column *from, struct isam_column *to)
{
	*to = *from;
	to->name = malloc(strlen(from->name) + 1);
	to->def = from->def ? malloc(from->cb_def ? from->cb_def : 1) : NULL;
	if (!to->name || (from->def && !to->def)) {
		isam_column_release(to);
		return JET_errOutOfMemory;
	}
	strcpy(to->name, from->name);
	if (from->def)
		memcpy(to->def, from->def, from->cb_def);
	return JET_errSuccess;
}

void isam_column_release(struct isam_column *c)
{
	free(c->name);
	free(c->def);
	c->name = NULL;
	c->def = NULL;
}

int sim_table_column(uintptr_t sesid, uintptr_t tableid, const char *name, uint32_t id,
		     struct isam_column *out)
{
	struct instance *inst;
	struct cursor *c;
	const struct isam_column *col;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	col = name ? isam_table_column_named(c->table, name) : column_of(c, id);
	err = col ? copy_column(col, out) : JET_errColumnNotFound;
	instance_leave(inst, 0);
	return err;
}

int sim_table_name(uintptr_t sesid, uintptr_t tableid, char **name)
{
	struct instance *inst;
	struct cursor *c;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	*name = malloc(strlen(c->table->name) + 1);
	if (*name)
		strcpy(*name, c->table->name);
	else
		err = JET_errOutOfMemory;
	instance_leave(inst, 0);
	return err;
}

int sim_table_column_at(uintptr_t sesid, uintptr_t tableid, unsigned i,
			struct isam_column *out)
{
	struct instance *inst;
	struct cursor *c;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	err = i < c->table->ncolumns ? copy_column(&c->table->columns[i], out)
				     : JET_errColumnNotFound;
	instance_leave(inst, 0);
	return err;
}

int sim_get_bookmark(uintptr_t sesid, uintptr_t tableid, void *buf, uint32_t cb,
		     uint32_t *actual)
{
	struct instance *inst;
	struct cursor *c;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (!c->on_record) {
		err = JET_errNoCurrentRecord;
	} else {
		if (actual)
			*actual = c->primary.cb_key;
		if (cb < c->primary.cb_key)
			err = JET_errBufferTooSmall;
		else if (buf)
			memcpy(buf, c->primary.key, c->primary.cb_key);
	}
	instance_leave(inst, 0);
	return err;
}

int sim_goto_bookmark(uintptr_t sesid, uintptr_t tableid, const void *bookmark, uint32_t cb)
{
	struct instance *inst;
	struct cursor *c;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (!bookmark || cb == 0) {
		err = JET_errInvalidBookmark;
	} else if (c->secondary) {
		/* the index entry naming this record (seeking by the secondary
		 * key comes with key making) */
		for (err = isam_btree_first(&c->index_bt); err == JET_errSuccess;
		     err = isam_btree_next(&c->index_bt))
			if (c->index_bt.node.cb_data == cb &&
			    memcmp(c->index_bt.node.data, bookmark, cb) == 0)
				break;
		err = err == JET_errSuccess ? land(c) : err == JET_errNoCurrentRecord
						       ? JET_errRecordDeleted : err;
	} else {
		err = isam_btree_seek(&c->primary, bookmark, cb);
		if (err == JET_errRecordNotFound ||
		    (err == JET_errSuccess &&
		     (c->primary.cb_key != cb || memcmp(c->primary.key, bookmark, cb) != 0)))
			err = JET_errRecordDeleted;
		if (err == JET_errSuccess)
			err = land(c);
		else
			c->on_record = 0;
	}
	instance_leave(inst, 0);
	return err;
}

int sim_set_current_index(uintptr_t sesid, uintptr_t tableid, const char *index,
			  uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	const struct isam_index *x = NULL;
	unsigned i;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (index && *index) {
		for (i = 0; i < c->table->nindexes; i++)
			if (isam_name_equal(c->table->indexes[i].name, index))
				x = &c->table->indexes[i];
		if (!x)
			err = JET_errIndexNotFound;
	} else {
		x = primary_index(c->table);
	}
	if (err == JET_errSuccess) {
		unsigned char *bm = NULL;
		uint32_t cb_bm = 0;
		int keep = (grbit & ISAM_INDEX_NO_MOVE) && c->on_record;
		if (keep && (bm = malloc(c->primary.cb_key ? c->primary.cb_key : 1)) != NULL) {
			cb_bm = c->primary.cb_key;
			memcpy(bm, c->primary.key, cb_bm);
		}
		if (c->secondary)
			isam_btree_close(&c->index_bt);
		c->secondary = 0;
		c->on_record = 0;
		c->index = x;
		key_search_reset(&c->search);
		c->range.set = false;
		if (x && !(x->flags & IDB_PRIMARY)) {
			err = isam_btree_open(&c->index_bt, &c->odb->pager, x->fdp);
			c->secondary = err == JET_errSuccess;
		}
		if (err == JET_errSuccess) {
			struct isam_btree *bt = c->secondary ? &c->index_bt : &c->primary;
			if (bm) {
				instance_leave(inst, 0);
				err = sim_goto_bookmark(sesid, tableid, bm, cb_bm);
				free(bm);
				return err;
			}
			/* JET_bitMoveFirst: on the index's first entry, if any */
			err = isam_btree_first(bt);
			err = err == JET_errSuccess ? land(c)
			      : err == JET_errNoCurrentRecord ? JET_errSuccess : err;
		}
		free(bm);
	}
	instance_leave(inst, 0);
	return err;
}

int sim_get_current_index(uintptr_t sesid, uintptr_t tableid, char **name)
{
	struct instance *inst;
	struct cursor *c;
	const char *n;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	n = c->index ? c->index->name : "";
	*name = malloc(strlen(n) + 1);
	if (*name)
		strcpy(*name, n);
	else
		err = JET_errOutOfMemory;
	instance_leave(inst, 0);
	return err;
}

int sim_get_record_position(uintptr_t sesid, uintptr_t tableid, uint64_t *lt, uint64_t *total)
{
	struct instance *inst;
	struct cursor *c;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	err = !lt || !total ? JET_errInvalidParameter
	      : c->on_record ? isam_btree_position(c->secondary ? &c->index_bt : &c->primary, lt,
						 total)
			   : JET_errNoCurrentRecord;
	instance_leave(inst, 0);
	return err;
}

int sim_goto_position(uintptr_t sesid, uintptr_t tableid, uint64_t lt, uint64_t total)
{
	struct instance *inst;
	struct cursor *c;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	c->on_record = 0;
	err = isam_btree_goto_fraction(c->secondary ? &c->index_bt : &c->primary, lt, total);
	if (err == JET_errSuccess)
		err = land(c);
	instance_leave(inst, 0);
	return err;
}

int isam_cursor_enter(uintptr_t sesid, uintptr_t tableid, struct instance **inst,
		      struct isam_current *cur)
{
	struct cursor *c;
	int err = enter(sesid, tableid, inst, &c);
	if (err)
		return err;
	cur->pager = &c->odb->pager;
	cur->table = c->table;
	cur->rec = c->on_record ? &c->rec : NULL;
	cur->key = c->primary.key;
	cur->cb_key = c->primary.cb_key;
	cur->pgno = c->primary.pgno;
	cur->header = &c->odb->db->header;
	return JET_errSuccess;
}

void isam_cursor_leave(struct instance *inst)
{
	instance_leave(inst, 0);
}

static void cursor_free(struct cursor *c)
{
	isam_btree_close(&c->primary);
	if (c->secondary)
		isam_btree_close(&c->index_bt);
	open_db_put(c->odb);
	free(c);
}

void isam_instance_ending(const struct instance *inst)
{
	unsigned i;
	struct cursor *gone;
	isam_tt_instance_ending(inst);
	for (;;) {
		gone = NULL;
		lock();
		for (i = 0; i < ncursors && !gone; i++)
			if (cursors[i]->odb->inst == inst) {
				gone = cursors[i];
				cursors[i] = cursors[--ncursors];
			}
		unlock();
		if (!gone)
			break;
		cursor_free(gone);
	}
}

void isam_session_ending(uintptr_t sesid)
{
	unsigned i;
	struct cursor *gone;
	isam_tt_session_ending(sesid);
	for (;;) {
		gone = NULL;
		lock();
		for (i = 0; i < ncursors && !gone; i++)
			if (cursors[i]->sesid == sesid) {
				gone = cursors[i];
				cursors[i] = cursors[--ncursors];
			}
		for (i = 0; !gone && i < nlevels; i++)
			if (levels[i].sesid == sesid)
				levels[i] = levels[--nlevels];
		unlock();
		if (!gone)
			break;
		cursor_free(gone);
	}
}

/* --- Read transactions */

static struct session_level *level_of(uintptr_t sesid, int make)
{
	struct session_level fresh = {sesid, 0};
	unsigned i;
	for (i = 0; i < nlevels; i++)
		if (levels[i].sesid == sesid)
			return &levels[i];
	if (!make || push((void **)&levels, &nlevels, &cap_levels, sizeof(fresh), &fresh))
		return NULL;
	return &levels[nlevels - 1];
}

static int transaction(uintptr_t sesid, int delta)
{
	struct instance *inst;
	struct session_level *l;
	int err = enter_session(sesid, &inst);
	if (err)
		return err;
	lock();
	l = level_of(sesid, delta > 0);
	if (!l)
		err = delta > 0 ? JET_errOutOfMemory : JET_errNotInTransaction;
	else if (delta > 0 && l->level >= TRANSACTION_LEVELS_MAX)
		err = JET_errTransTooDeep;
	else if (delta < 0 && l->level == 0)
		err = JET_errNotInTransaction;
	else
		l->level += (unsigned)delta;
	unlock();
	instance_leave(inst, 0);
	return err;
}

int sim_begin_transaction(uintptr_t sesid, uint32_t grbit)
{
	(void)grbit;
	return transaction(sesid, 1);
}

/* tm.cxx, ErrIsamCommitTransaction: with JET_bitForceNewLog outside any
 * transaction the call only rolls the log; inside one it commits too. */
int sim_commit_transaction(uintptr_t sesid, uint32_t grbit)
{
	if (grbit & JET_bitForceNewLog) {
		int err = session_force_new_log(sesid, grbit);
		struct session_level *l;
		int level;
		if (err)
			return err;
		lock();
		l = level_of(sesid, 0);
		level = l ? (int)l->level : 0;
		unlock();
		if (level == 0)
			return JET_errSuccess;
	}
	return transaction(sesid, -1);
}

int sim_rollback(uintptr_t sesid, uint32_t grbit)
{
	(void)grbit;
	return transaction(sesid, -1);
}

/* --- Cursors for the other calls on an open table */

int sim_dup_cursor(uintptr_t sesid, uintptr_t tableid, uint32_t grbit, uintptr_t *dup)
{
	struct instance *inst;
	struct cursor *c, *d;
	int err = enter(sesid, tableid, &inst, &c);
	(void)grbit;
	if (err)
		return err;
	if (!dup) {
		err = JET_errInvalidParameter;
	} else if (!(d = calloc(1, sizeof(*d)))) {
		err = JET_errOutOfMemory;
	} else if ((err = isam_btree_open(&d->primary, &c->odb->pager, c->table->fdp)) != 0) {
		free(d);
	} else {
		lock();
		c->odb->refs++;
		d->odb = c->odb;
		d->table = c->table;
		d->index = primary_index(c->table);
		d->sesid = sesid;
		d->handle = isam_table_handle_next();
		err = push((void **)&cursors, &ncursors, &cap_cursors, sizeof(d), &d);
		unlock();
		if (err) {
			cursor_free(d);
		} else {
			/* on the first record, if any */
			err = isam_btree_first(&d->primary);
			err = err == JET_errSuccess ? land(d)
			      : err == JET_errNoCurrentRecord ? JET_errSuccess : err;
			if (err < 0) {
				lock();
				for (unsigned i = 0; i < ncursors; i++)
					if (cursors[i] == d)
						cursors[i] = cursors[--ncursors];
				unlock();
				cursor_free(d);
			} else {
				*dup = d->handle;
			}
		}
	}
	instance_leave(inst, 0);
	return err;
}

int sim_set_sequential(uintptr_t sesid, uintptr_t tableid, uint32_t grbit, int on)
{
	struct instance *inst;
	struct cursor *c;
	int err = enter(sesid, tableid, &inst, &c);
	(void)grbit;
	if (err)
		return err;
	/* a hint to read ahead: every read here is a page at a time */
	c->sequential = on;
	instance_leave(inst, 0);
	return JET_errSuccess;
}

int sim_with_table(uintptr_t sesid, uintptr_t tableid, isam_view_fn fn, void *ctx)
{
	struct instance *inst;
	struct cursor *c;
	struct isam_view v;
	int err = enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	v.sesid = sesid;
	v.inst = inst;
	v.dbid = c->odb->dbid;
	v.read_only = c->odb->db->read_only;
	v.page_size = c->odb->db->page_size;
	v.pager = &c->odb->pager;
	v.cat = &c->odb->cat;
	v.table = c->table;
	err = fn(&v, ctx);
	instance_leave(inst, 0);
	return err;
}

int sim_with_database(uintptr_t sesid, uint32_t dbid, isam_view_fn fn, void *ctx)
{
	struct instance *inst;
	struct database *db;
	struct open_db *o;
	struct isam_view v;
	int err = enter_session(sesid, &inst);
	if (err)
		return err;
	if (!(db = instance_database(inst, dbid))) {
		err = JET_errInvalidDatabaseId;
	} else if ((err = open_db_get(inst, dbid, db, &o)) == JET_errSuccess) {
		v.sesid = sesid;
		v.inst = inst;
		v.dbid = dbid;
		v.read_only = db->read_only;
		v.page_size = db->page_size;
		v.pager = &o->pager;
		v.cat = &o->cat;
		v.table = NULL;
		err = fn(&v, ctx);
		open_db_put(o);
	}
	instance_leave(inst, 0);
	return err;
}

/* --- For the key layer (seek.c) */

int cursor_enter(uintptr_t sesid, uintptr_t tableid, struct instance **inst, struct cursor **c)
{
	return enter(sesid, tableid, inst, c);
}

int cursor_land(struct cursor *c)
{
	return land(c);
}

struct isam_btree *cursor_index_tree(struct cursor *c)
{
	return c->secondary ? &c->index_bt : &c->primary;
}

int cursor_key_cmp(const uint8_t *a, size_t cb_a, const uint8_t *b, size_t cb_b)
{
	int cmp = memcmp(a, b, cb_a < cb_b ? cb_a : cb_b);
	if (cmp != 0)
		return cmp;
	return cb_a < cb_b ? -1 : cb_a > cb_b;
}

int cursor_beyond_range(const struct cursor *c, const struct isam_btree *bt)
{
	int cmp;
	if (!c->range.set)
		return 0;
	cmp = cursor_key_cmp(bt->key, bt->cb_key, c->range.key, c->range.cb);
	return cmp > 0 ? c->range.upper : cmp < 0 ? !c->range.upper : !c->range.inclusive;
}

int cursor_check_range(struct cursor *c)
{
	struct isam_btree *bt = cursor_index_tree(c);
	if (!c->range.set)
		return JET_errSuccess;
	if (bt->state != ISAM_BT_ON) {
		c->range.set = false;
		return JET_errNoCurrentRecord;
	}
	if (!cursor_beyond_range(c, bt))
		return JET_errSuccess;
	c->range.set = false;
	c->on_record = 0;
	bt->state = c->range.upper ? ISAM_BT_AFTER_LAST : ISAM_BT_BEFORE_FIRST;
	return JET_errNoCurrentRecord;
}
