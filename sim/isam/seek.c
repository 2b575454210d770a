#include "isam/seek.h"

#include <stdlib.h>
#include <string.h>

#include "instance/instance.h"
#include "instance/session.h"
#include "isam/cursor_state.h"
#include "isam/index_key.h"
#include "isam/temptable.h"
#include "jet_values.h"

#define SEEK_ALL (JET_bitSeekEQ | JET_bitSeekLT | JET_bitSeekLE | JET_bitSeekGE | JET_bitSeekGT)

/* The current index's key description (the sequential index: none). */
static int describe(struct cursor *c, struct key_index *idx, uint32_t *cols)
{
	if (!c->index) {
		memset(idx, 0, sizeof(*idx));
		idx->cb_key_most = KEY_CB_MOST_LEGACY;
		return JET_errSuccess;
	}
	return isam_index_describe(c->table, c->index, idx, cols);
}

static bool unique(const struct cursor *c)
{
	return !c->index || isam_index_unique(c->index);
}

/* KSReset: the key is no longer made; its bytes stay for
 * JetRetrieveKey(JET_bitRetrieveCopy). */
static void key_done(struct cursor *c)
{
	c->search.prepared = false;
	c->search.limit = false;
	c->search.too_big = false;
	c->search.nseg = 0;
}

int sim_make_key(uintptr_t sesid, uintptr_t tableid, const void *data, uint32_t cb,
		 uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	struct key_index idx;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	err = describe(c, &idx, NULL);
	if (err == JET_errSuccess)
		err = key_make(&c->search, &idx, data, cb, grbit);
	instance_leave(inst, 0);
	return err;
}

/* The entry after the current one, whose key differs from key (the
 * record-level MoveKeyNE). */
static int skip_equal(struct isam_btree *bt, const uint8_t *key, size_t cb)
{
	int err = JET_errSuccess;
	while (err == JET_errSuccess && cursor_key_cmp(bt->key, bt->cb_key, key, cb) == 0)
		err = isam_btree_next(bt);
	return err;
}

/* Whether the entry after the current one has another key. */
static int next_differs(struct isam_btree *bt, bool *differs)
{
	struct isam_btree peek;
	int err = isam_btree_dup(&peek, bt);
	if (err)
		return err;
	err = isam_btree_next(&peek);
	*differs = err == JET_errNoCurrentRecord ||
		   (err == JET_errSuccess &&
		    cursor_key_cmp(peek.key, peek.cb_key, bt->key, bt->cb_key) != 0);
	isam_btree_close(&peek);
	return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

/*
 * ErrIsamSeek's outcomes on ESE's key order: EQ the first entry equal to
 * the key; GE the first at or above it (JET_wrnSeekNotEqual when above);
 * GT the first above it; LE an equal entry, else the last below it
 * (JET_wrnSeekNotEqual); LT the last below it.
 */
static int seek_entry(struct cursor *c, const uint8_t *key, size_t cb, uint32_t how)
{
	struct isam_btree *bt = cursor_index_tree(c);
	int err = isam_btree_seek(bt, key, (uint32_t)cb), cmp;

	if (err == JET_errRecordNotFound) {
		/* every entry is below the key */
		if (how & (JET_bitSeekLE | JET_bitSeekLT)) {
			err = isam_btree_last(bt);
			if (err == JET_errSuccess && (how & JET_bitSeekLE))
				return JET_wrnSeekNotEqual;
		}
		return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
	}
	if (err)
		return err;
	cmp = cursor_key_cmp(bt->key, bt->cb_key, key, cb);
	switch (how) {
	case JET_bitSeekEQ:
		return cmp == 0 ? JET_errSuccess : JET_errRecordNotFound;
	case JET_bitSeekGE:
		return cmp == 0 ? JET_errSuccess : JET_wrnSeekNotEqual;
	case JET_bitSeekGT:
		err = skip_equal(bt, key, cb);
		return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
	case JET_bitSeekLE:
		if (cmp == 0)
			return JET_errSuccess;
		/* the last entry below */
		/* fall through */
	default:
		err = isam_btree_prev(bt);
		if (err == JET_errNoCurrentRecord)
			return JET_errRecordNotFound;
		return err ? err : how == JET_bitSeekLE ? JET_wrnSeekNotEqual : JET_errSuccess;
	}
}

static void set_range(struct cursor *c, bool upper, bool inclusive)
{
	c->range.set = true;
	c->range.upper = upper;
	c->range.inclusive = inclusive;
	c->range.cb = c->search.cb;
	memcpy(c->range.key, c->search.key, c->search.cb);
}

int sim_seek(uintptr_t sesid, uintptr_t tableid, uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	uint32_t how;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	/* the first seek grbit of EQ, LT/LE, GE, GT decides (ErrIsamSeek) */
	how = grbit & (JET_bitSeekLT | JET_bitSeekLE) ? grbit & (JET_bitSeekLT | JET_bitSeekLE)
	      : grbit & JET_bitSeekGE ? JET_bitSeekGE
	      : grbit & JET_bitSeekGT ? JET_bitSeekGT : grbit & JET_bitSeekEQ;
	if (how == (JET_bitSeekLT | JET_bitSeekLE))
		how = JET_bitSeekLE;
	if (!(grbit & SEEK_ALL)) {
		err = JET_errInvalidParameter;
	} else if (!c->search.prepared) {
		err = JET_errKeyNotMade;
	} else {
		c->range.set = false;
		c->on_record = 0;
		err = seek_entry(c, c->search.key, c->search.cb, how);
		if (err >= 0) {
			int landed = cursor_land(c);
			if (landed < 0)
				err = landed;
		}
		if (err == JET_errSuccess && how == JET_bitSeekEQ) {
			bool differs = unique(c);
			if ((grbit & JET_bitCheckUniqueness) && !differs)
				err = next_differs(cursor_index_tree(c), &differs);
			if (err == JET_errSuccess && (grbit & JET_bitCheckUniqueness) && differs)
				err = JET_wrnUniqueKey;
			else if (err == JET_errSuccess && (grbit & JET_bitSetIndexRange))
				set_range(c, true, true);
		}
		key_done(c);
	}
	instance_leave(inst, 0);
	return err;
}

int sim_set_index_range(uintptr_t sesid, uintptr_t tableid, uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (grbit & JET_bitRangeRemove) {
		/* ErrIsamSetIndexRange: removing none is an invalid operation */
		if (c->range.set)
			c->range.set = false;
		else
			err = JET_errInvalidOperation;
	} else if (!c->index) {
		err = JET_errNoCurrentIndex;
	} else if (!c->search.prepared) {
		err = JET_errKeyNotMade;
	} else {
		set_range(c, grbit & JET_bitRangeUpperLimit, grbit & JET_bitRangeInclusive);
		/* ErrDIRCheckIndexRange: the current entry must be in it */
		err = c->on_record ? cursor_check_range(c) : JET_errNoCurrentRecord;
		if (err < 0) {
			c->range.set = false;
			c->on_record = 0;
		}
		key_done(c);
		if (grbit & JET_bitRangeInstantDuration)
			c->range.set = false;
	}
	instance_leave(inst, 0);
	return err;
}

int sim_retrieve_key(uintptr_t sesid, uintptr_t tableid, void *buf, uint32_t cb,
		     uint32_t *actual, uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	const uint8_t *key;
	uint32_t size;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (grbit & JET_bitRetrieveCopy) {
		key = c->search.key;
		size = (uint32_t)c->search.cb;
		if (size == 0 && !c->search.prepared)
			err = JET_errKeyNotMade;
	} else {
		struct isam_btree *bt = cursor_index_tree(c);
		key = bt->key;
		size = bt->cb_key;
		if (!c->on_record || bt->state != ISAM_BT_ON)
			err = JET_errNoCurrentRecord;
	}
	if (err == JET_errSuccess) {
		if (actual)
			*actual = size;
		/* the search key is copied up to cb without a warning */
		if (size > cb && !(grbit & JET_bitRetrieveCopy))
			err = JET_wrnBufferTruncated;
		if (buf)
			memcpy(buf, key, size < cb ? size : cb);
	}
	instance_leave(inst, 0);
	return err;
}

int sim_index_record_count(uintptr_t sesid, uintptr_t tableid, uint64_t *count, uint64_t max)
{
	struct instance *inst;
	struct cursor *c;
	struct isam_btree walk, *bt;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	*count = 0;
	bt = cursor_index_tree(c);
	if (!c->on_record || bt->state != ISAM_BT_ON) {
		err = JET_errNoCurrentRecord;
	} else if ((err = isam_btree_dup(&walk, bt)) == JET_errSuccess) {
		/* ErrDIRIndexRecordCount: from the current entry on, to the
		 * range's limit; the cursor stays where it is */
		for (;;) {
			if (++*count == max)
				break;
			if ((err = isam_btree_next(&walk)) != JET_errSuccess)
				break;
			if (cursor_beyond_range(c, &walk))
				break;
		}
		isam_btree_close(&walk);
		if (err == JET_errNoCurrentRecord)
			err = JET_errSuccess;
		c->range.set = false;
	}
	instance_leave(inst, 0);
	return err;
}

int sim_get_index_bookmark(uintptr_t sesid, uintptr_t tableid, void *key, uint32_t cb_key,
			   uint32_t *actual_key, void *bm, uint32_t cb_bm, uint32_t *actual_bm)
{
	struct instance *inst;
	struct cursor *c;
	const struct isam_node *n;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	n = &c->index_bt.node;
	if (!c->secondary) {
		err = JET_errNoCurrentIndex;
	} else if (!c->on_record || c->index_bt.state != ISAM_BT_ON) {
		err = JET_errNoCurrentRecord;
	} else {
		if (actual_key)
			*actual_key = c->index_bt.cb_key;
		if (actual_bm)
			*actual_bm = n->cb_data;
		if (key)
			memcpy(key, c->index_bt.key,
			       c->index_bt.cb_key < cb_key ? c->index_bt.cb_key : cb_key);
		if (bm)
			memcpy(bm, n->data, n->cb_data < cb_bm ? n->cb_data : cb_bm);
		if (c->index_bt.cb_key > cb_key || n->cb_data > cb_bm)
			err = JET_errBufferTooSmall;
	}
	instance_leave(inst, 0);
	return err;
}

int sim_goto_index_bookmark(uintptr_t sesid, uintptr_t tableid, const void *key,
			    uint32_t cb_key, const void *bm, uint32_t cb_bm, uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (!c->secondary) {
		err = JET_errNoCurrentIndex;
	} else if (!key || cb_key == 0 || (!unique(c) && (!bm || cb_bm == 0))) {
		/* a unique index needs no primary bookmark (ErrIsamGotoIndexBookmark) */
		err = JET_errInvalidBookmark;
	} else {
		struct isam_btree *bt = &c->index_bt;
		c->range.set = false;
		key_done(c);
		c->on_record = 0;
		err = isam_btree_seek(bt, key, cb_key);
		for (; err == JET_errSuccess; err = isam_btree_next(bt)) {
			if (cursor_key_cmp(bt->key, bt->cb_key, key, cb_key) != 0) {
				err = JET_errRecordNotFound;
				break;
			}
			if (unique(c) || (bt->node.cb_data == cb_bm &&
					  memcmp(bt->node.data, bm, cb_bm) == 0))
				break;
		}
		if (err == JET_errSuccess) {
			err = cursor_land(c);
		} else if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord) {
			err = JET_errRecordDeleted;
			/* virtual currency: the next move goes on from where the
			 * entry would be */
			if (grbit & JET_bitBookmarkPermitVirtualCurrency) {
				if (bt->state == ISAM_BT_ON)
					isam_btree_prev(bt);
				err = JET_errSuccess;
			}
		}
	}
	instance_leave(inst, 0);
	return err;
}

int sim_preread_keys(uintptr_t sesid, uintptr_t tableid, const void *const *keys,
		     const uint32_t *cbs, int32_t n, int32_t *done, uint32_t grbit)
{
	struct instance *inst;
	struct cursor *c;
	struct key_index idx;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (done)
		*done = 0;
	/* ErrIsamValidatePrereadKeysArguments */
	if (!keys || !cbs || n <= 0)
		err = JET_errInvalidParameter;
	else if (grbit != JET_bitPrereadForward && grbit != JET_bitPrereadBackward)
		err = JET_errInvalidGrbit;
	else
		err = describe(c, &idx, NULL);
	for (int32_t i = 0; err == JET_errSuccess && i < n; i++) {
		uint32_t most = c->index ? idx.cb_key_most : 4; /* sizeof(DBK) */
		if (!keys[i]) {
			err = JET_errInvalidParameter;
		} else if (cbs[i] == 0 || cbs[i] > most) {
			err = JET_errInvalidBufferSize;
		} else if (i > 0) {
			int cmp = cursor_key_cmp(keys[i - 1], cbs[i - 1], keys[i], cbs[i]);
			if ((grbit == JET_bitPrereadBackward && cmp < 0) ||
			    (grbit == JET_bitPrereadForward && cmp > 0))
				err = JET_errInvalidParameter;
		}
	}
	if (err == JET_errSuccess) {
		/* the leaves that hold the keys, read into the page cache */
		struct isam_btree walk;
		err = isam_btree_dup(&walk, cursor_index_tree(c));
		for (int32_t i = 0; err == JET_errSuccess && i < n; i++) {
			int rc = isam_btree_seek(&walk, keys[i], cbs[i]);
			if (rc < 0 && rc != JET_errRecordNotFound) {
				err = rc;
				break;
			}
			if (done)
				*done = i + 1;
		}
		if (walk.buf)
			isam_btree_close(&walk);
	}
	instance_leave(inst, 0);
	return err;
}

int sim_retrieve_from_index(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, void *buf,
			    uint32_t cb, uint32_t *actual, int primary)
{
	struct instance *inst;
	struct cursor *c;
	struct key_index idx;
	uint32_t cols[KEY_SEGMENTS_MOST];
	uint8_t value[KEY_CB_LIMIT_MOST];
	size_t size = 0;
	const struct isam_btree *bt;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	*actual = 0;
	bt = primary ? &c->primary : cursor_index_tree(c);
	if (!c->on_record || bt->state != ISAM_BT_ON) {
		err = JET_errNoCurrentRecord;
	} else if (primary) {
		const struct isam_index *x = NULL;
		for (unsigned i = 0; i < c->table->nindexes; i++)
			if (c->table->indexes[i].flags & ISAM_IDB_PRIMARY)
				x = &c->table->indexes[i];
		err = x ? isam_index_describe(c->table, x, &idx, cols) : JET_errColumnNotFound;
	} else {
		err = describe(c, &idx, cols);
	}
	if (err == JET_errSuccess)
		err = isam_index_column_from_key(&idx, cols, columnid, bt->key, bt->cb_key, value,
						 &size);
	if (err == JET_errSuccess || err == JET_wrnColumnNull) {
		*actual = (uint32_t)size;
		if (buf)
			memcpy(buf, value, size < cb ? size : cb);
		if (err == JET_errSuccess && size > cb)
			err = JET_wrnBufferTruncated;
	}
	instance_leave(inst, 0);
	return err;
}

/* --- JetIntersectIndexes */

struct bookmarks {
	struct bookmark {
		uint8_t *p;
		uint32_t cb;
	} *v;
	size_t n, cap;
};

static int bookmarks_add(struct bookmarks *b, const uint8_t *p, uint32_t cb)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 256;
		struct bookmark *v = realloc(b->v, cap * sizeof(*v));
		if (!v)
			return JET_errOutOfMemory;
		b->v = v;
		b->cap = cap;
	}
	if (!(b->v[b->n].p = malloc(cb ? cb : 1)))
		return JET_errOutOfMemory;
	memcpy(b->v[b->n].p, p, cb);
	b->v[b->n++].cb = cb;
	return JET_errSuccess;
}

static void bookmarks_free(struct bookmarks *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].p);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

static int bookmark_order(const void *a, const void *b)
{
	const struct bookmark *x = a, *y = b;
	return cursor_key_cmp(x->p, x->cb, y->p, y->cb);
}

static int bookmarks_have(const struct bookmarks *b, const struct bookmark *k)
{
	return b->n && bsearch(k, b->v, b->n, sizeof(*b->v), bookmark_order) != NULL;
}

/* ErrRECIInsertBookmarksIntoSort: the primary bookmark of every entry from
 * the current one to the range's limit, sorted.  As the engine's walk does
 * (ErrDIRNext to the limit), the cursor ends past its range, which the
 * walk spends (ErrFUCBCheckIndexRange), with no current entry. */
static int collect_bookmarks(uintptr_t sesid, uintptr_t tableid, struct bookmarks *out)
{
	struct instance *inst;
	struct cursor *c;
	struct isam_btree walk;
	int err = cursor_enter(sesid, tableid, &inst, &c);
	if (err)
		return err;
	if (!c->on_record || c->index_bt.state != ISAM_BT_ON) {
		err = JET_errNoCurrentRecord;
	} else if ((err = isam_btree_dup(&walk, &c->index_bt)) == JET_errSuccess) {
		do {
			if ((err = bookmarks_add(out, walk.node.data, walk.node.cb_data)) != 0)
				break;
			if ((err = isam_btree_next(&walk)) != JET_errSuccess)
				break;
		} while (!cursor_beyond_range(c, &walk));
		isam_btree_close(&walk);
		if (err == JET_errNoCurrentRecord)
			err = JET_errSuccess;
		if (err == JET_errSuccess) {
			c->range.set = false;
			c->on_record = 0;
			c->index_bt.state = ISAM_BT_AFTER_LAST;
		}
	}
	instance_leave(inst, 0);
	if (err == JET_errSuccess && out->n)
		qsort(out->v, out->n, sizeof(*out->v), bookmark_order);
	return err;
}

int sim_intersect_indexes(uintptr_t sesid, const struct intersect_range *ranges, unsigned n,
			  struct intersect_result *out)
{
	enum { RANGES_MOST = 64 };
	struct {
		const struct isam_table *table;
		const struct isam_index *index;
		int secondary;
	} at[RANGES_MOST];
	struct bookmarks found[RANGES_MOST];
	struct isam_temp_table *tt = NULL;
	struct isam_tt_column col = { ISAM_COLTYP_BINARY, 0, 1 };
	struct instance *inst;
	struct cursor *c;
	unsigned i, j;
	int err;

	/* the session first (ErrPIBCheck), then the list and the count */
	if ((err = session_enter(sesid, 0, &inst)) != 0)
		return err;
	instance_leave(inst, 0);
	if (!out || !ranges || n == 0 || n > RANGES_MOST)
		return JET_errInvalidParameter;
	for (i = 0; i < n; i++) {
		if (!ranges[i].sized)
			continue;
		if ((err = cursor_enter(sesid, ranges[i].tableid, &inst, &c)) != 0)
			return err;
		at[i].table = c->table;
		at[i].index = c->index;
		at[i].secondary = c->secondary;
		instance_leave(inst, 0);
	}
	/* ErrRECICheckIndexrangesForUniqueness, range by range in its order:
	 * the range's size, a secondary index, JET_bitRecordInIndex
	 * (NotInIndex is refused there too), then against every other range:
	 * a secondary index of the same table, another index */
	for (i = 0; i < n; i++) {
		if (!ranges[i].sized || !at[i].secondary)
			return JET_errInvalidParameter;
		if (ranges[i].grbit != JET_bitRecordInIndex)
			return JET_errInvalidGrbit;
		for (j = 0; j < n; j++) {
			if (j == i)
				continue;
			if (!ranges[j].sized)
				return JET_errInvalidParameter;
			if (!at[j].secondary || at[j].table != at[i].table || at[j].index == at[i].index)
				return JET_errInvalidParameter;
		}
	}
	/* the record list is the caller's from here on */
	out->tableid = 0;
	out->rows = 0;
	out->columnid = 0;
	out->touched = 1;
	memset(found, 0, sizeof(found));
	for (i = 0, err = 0; i < n && !err; i++)
		err = collect_bookmarks(sesid, ranges[i].tableid, &found[i]);
	if (!err && !(err = cursor_enter(sesid, ranges[0].tableid, &inst, &c))) {
		err = isam_tt_create(sesid, inst, &col, 1, &out->columnid, &tt);
		/* rec.cxx: the record list's keys are CbKeyMostForPage long */
		if (!err)
			isam_tt_set_key_most(tt, c->odb->pager.page_size <= 2048   ? 500
						 : c->odb->pager.page_size == 4096 ? 1000
										   : KEY_CB_MOST_MOST);
		/* ErrRECIJoinFindDuplicates: a bookmark in every range */
		for (size_t k = 0; !err && k < found[0].n; k++) {
			const struct bookmark *b = &found[0].v[k];
			int everywhere = 1;
			if (k > 0 && bookmark_order(b, &found[0].v[k - 1]) == 0)
				continue;
			for (j = 1; j < n && everywhere; j++)
				everywhere = bookmarks_have(&found[j], b);
			if (everywhere && !(err = isam_tt_set(tt, 0, b->p, b->cb)))
				err = isam_tt_insert(tt);
		}
		if (!err)
			err = isam_tt_publish(tt, &out->tableid, &out->rows);
		else if (tt)
			isam_tt_discard(tt);
		instance_leave(inst, 0);
	}
	if (err)
		out->tableid = 0;
	for (i = 0; i < n; i++)
		bookmarks_free(&found[i]);
	return err;
}
