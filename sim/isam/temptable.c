#include "isam/temptable.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "instance/instance.h"
#include "instance/session.h"
#include "isam/key_normalise.h"
#include "isam/schema.h"
#include "isam/table_handle.h"
#include "jet_values.h"

/* JetMove's JET_MoveFirst and JET_MoveLast */
#define MOVE_FIRST ((int32_t)0x80000000)
#define MOVE_LAST ((int32_t)0x7fffffff)
/* the first id of each kind of column (ESE's fidFixedLeast, fidVarLeast,
 * fidTaggedLeast) */
#define FID_FIXED_FIRST 1
#define FID_VAR_FIRST 128
#define FID_TAGGED_FIRST 256

struct value {
	unsigned char *data;         /* NULL: null */
	uint32_t cb;
};

struct isam_temp_table {
	uintptr_t handle, sesid;
	const struct instance *inst;
	struct isam_tt_column columns[ISAM_TT_COLUMNS_MAX];
	uint32_t ids[ISAM_TT_COLUMNS_MAX];
	unsigned ncolumns;
	struct value *rows;          /* ncolumns values a row */
	unsigned nrows, cap_rows;
	struct value making[ISAM_TT_COLUMNS_MAX];
	long current;                /* -1 before the first row, nrows after the last */
	uint32_t cb_key_most;        /* the index's cbKeyMost */
};

static atomic_flag registry_lock = ATOMIC_FLAG_INIT;
static struct isam_temp_table **tables;
static unsigned ntables, cap_tables;

static void lock(void)
{
	while (atomic_flag_test_and_set_explicit(&registry_lock, memory_order_acquire))
		;
}

static void unlock(void)
{
	atomic_flag_clear_explicit(&registry_lock, memory_order_release);
}

static int fixed_type(uint32_t coltyp)
{
	return coltyp != ISAM_COLTYP_BINARY && coltyp != ISAM_COLTYP_TEXT &&
	       coltyp != ISAM_COLTYP_LONG_BINARY && coltyp != ISAM_COLTYP_LONG_TEXT;
}

int isam_tt_create(uintptr_t sesid, const struct instance *inst,
		   const struct isam_tt_column *columns, unsigned ncolumns, uint32_t *columnids,
		   struct isam_temp_table **out)
{
	struct isam_temp_table *t;
	uint32_t fixed = FID_FIXED_FIRST, var = FID_VAR_FIRST, tagged = FID_TAGGED_FIRST;
	unsigned i;
	if (ncolumns > ISAM_TT_COLUMNS_MAX)
		return JET_errTooManyColumns;
	if (!(t = calloc(1, sizeof(*t))))
		return JET_errOutOfMemory;
	t->sesid = sesid;
	t->inst = inst;
	t->ncolumns = ncolumns;
	t->current = -1;
	t->cb_key_most = KEY_CB_MOST_LEGACY;
	for (i = 0; i < ncolumns; i++) {
		uint32_t c = columns[i].coltyp;
		t->columns[i] = columns[i];
		/* sortapi.cxx, ErrSORTTableOpen: long values tagged, numbers fixed */
		t->ids[i] = c == ISAM_COLTYP_LONG_BINARY || c == ISAM_COLTYP_LONG_TEXT ? tagged++
			    : fixed_type(c)                                            ? fixed++
											: var++;
		columnids[i] = t->ids[i];
	}
	*out = t;
	return JET_errSuccess;
}

void isam_tt_set_key_most(struct isam_temp_table *t, uint32_t cb_key_most)
{
	t->cb_key_most = cb_key_most;
}

int isam_tt_set(struct isam_temp_table *t, unsigned i, const void *data, uint32_t cb)
{
	struct value *v = &t->making[i];
	free(v->data);
	v->data = NULL;
	v->cb = 0;
	if (!data)
		return JET_errSuccess;
	if (!(v->data = malloc(cb ? cb : 1)))
		return JET_errOutOfMemory;
	memcpy(v->data, data, cb);
	v->cb = cb;
	return JET_errSuccess;
}

int isam_tt_insert(struct isam_temp_table *t)
{
	if (t->nrows == t->cap_rows) {
		unsigned n = t->cap_rows ? t->cap_rows * 2 : 16;
		struct value *r = realloc(t->rows, (size_t)n * t->ncolumns * sizeof(*r));
		if (!r)
			return JET_errOutOfMemory;
		t->rows = r;
		t->cap_rows = n;
	}
	memcpy(&t->rows[(size_t)t->nrows * t->ncolumns], t->making,
	       t->ncolumns * sizeof(*t->making));
	memset(t->making, 0, sizeof(t->making));
	t->nrows++;
	return JET_errSuccess;
}

/* sortapi.cxx ErrSORTTableOpen: a temporary table's index is a unique
 * primary index over its key columns, with the instance's default Unicode
 * settings (norm.cxx: en-US, LCMAP_SORTKEY | NORM_IGNORECASE |
 * NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH), nulls low, keys of the
 * cbKeyMost the caller gives (JET_cbKeyMost_OLD for the info lists) */
#define TT_LCID 0x409
#define TT_LCMAP_FLAGS 0x30401

/* A row's place in the sort: its normalised key. */
struct sort_entry {
	uint8_t *key;
	size_t cb;
	unsigned row;
};

static int compare_entries(const void *pa, const void *pb)
{
	const struct sort_entry *a = pa, *b = pb;
	size_t n = a->cb < b->cb ? a->cb : b->cb;
	int d = memcmp(a->key, b->key, n);
	if (d)
		return d;
	if (a->cb != b->cb)
		return a->cb < b->cb ? -1 : 1;
	/* equal keys: the first inserted first, the one a unique sort keeps */
	return a->row < b->row ? -1 : a->row > b->row;
}

static int same_key(const struct sort_entry *a, const struct sort_entry *b)
{
	return a->cb == b->cb && memcmp(a->key, b->key, a->cb) == 0;
}

/* The index of t's key columns, as key_normalise.c describes one; *map
 * gets each segment's column. */
static void tt_index(const struct isam_temp_table *t, struct key_index *idx, unsigned *map)
{
	unsigned i;
	memset(idx, 0, sizeof(*idx));
	for (i = 0; i < t->ncolumns; i++) {
		const struct isam_tt_column *c = &t->columns[i];
		struct key_segment *seg;
		if (!c->key || idx->nseg == KEY_SEGMENTS_MOST)
			continue;
		seg = &idx->seg[idx->nseg];
		seg->coltyp = c->coltyp;
		seg->codepage = c->cp == KEY_CODEPAGE_UNICODE ? KEY_CODEPAGE_UNICODE : 1252;
		seg->cb_fixed = fixed_type(c->coltyp) ? (uint32_t)key_fixed_size(c->coltyp) : 0;
		map[idx->nseg++] = i;
	}
	idx->cb_key_most = t->cb_key_most;
	idx->cb_var_seg_mac = t->cb_key_most;
	idx->lcmap_flags = TT_LCMAP_FLAGS;
	idx->lcid = TT_LCID;
}

/* Each row's key, the entries sorted by it. */
static int sort_rows(const struct isam_temp_table *t, struct sort_entry *e)
{
	struct key_index idx;
	unsigned map[KEY_SEGMENTS_MOST], i, k;
	tt_index(t, &idx, map);
	for (i = 0; i < t->nrows; i++) {
		const struct value *row = &t->rows[(size_t)i * t->ncolumns];
		struct key_value v[KEY_SEGMENTS_MOST];
		int rc;
		for (k = 0; k < idx.nseg; k++) {
			v[k].data = row[map[k]].data;
			v[k].cb = row[map[k]].cb;
			v[k].null = !row[map[k]].data;
		}
		if (!(e[i].key = malloc(idx.cb_key_most)))
			return JET_errOutOfMemory;
		e[i].row = i;
		rc = key_from_values(&idx, v, e[i].key, &e[i].cb);
		/* null segments are keys like any other here (JET_bitIndexAllowAllNulls) */
		if (rc < 0)
			return rc;
	}
	qsort(e, t->nrows, sizeof(*e), compare_entries);
	return JET_errSuccess;
}

static void free_row(struct value *row, unsigned n)
{
	unsigned i;
	for (i = 0; i < n; i++)
		free(row[i].data);
}

int isam_tt_publish(struct isam_temp_table *t, uintptr_t *tableid, uint32_t *rows)
{
	unsigned i, kept = 0, n = t->ncolumns;
	int err = JET_errSuccess, keyed = 0;
	*rows = t->nrows;
	for (i = 0; i < n; i++)
		keyed |= t->columns[i].key;
	if (keyed && t->nrows > 0) {
		/* in key order, one row of each key (ESE's temporary tables are
		 * unique: a sort drops a later duplicate) */
		struct sort_entry *e = calloc(t->nrows, sizeof(*e));
		struct value *sorted = malloc((size_t)t->nrows * n * sizeof(*sorted));
		err = e && sorted ? sort_rows(t, e) : JET_errOutOfMemory;
		for (i = 0; !err && i < t->nrows; i++) {
			struct value *row = &t->rows[(size_t)e[i].row * n];
			if (kept && same_key(&e[i - 1], &e[i]))
				free_row(row, n);
			else
				memcpy(&sorted[(size_t)kept++ * n], row, n * sizeof(*row));
		}
		for (i = 0; e && i < t->nrows; i++)
			free(e[i].key);
		free(e);
		if (err) {
			free(sorted);
			isam_tt_discard(t);
			return err;
		}
		free(t->rows);
		t->rows = sorted;
		t->cap_rows = t->nrows;
	} else {
		kept = t->nrows;
	}
	t->nrows = kept;
	t->current = t->nrows ? 0 : -1;
	lock();
	t->handle = isam_table_handle_next();
	if (ntables == cap_tables) {
		unsigned c = cap_tables ? cap_tables * 2 : 8;
		struct isam_temp_table **a = realloc(tables, c * sizeof(*a));
		if (a) {
			tables = a;
			cap_tables = c;
		}
	}
	err = ntables < cap_tables ? JET_errSuccess : JET_errOutOfMemory;
	if (!err)
		tables[ntables++] = t;
	unlock();
	if (!err)
		*tableid = t->handle;
	else
		isam_tt_discard(t);
	return err;
}

void isam_tt_discard(struct isam_temp_table *t)
{
	unsigned i;
	if (!t)
		return;
	for (i = 0; i < t->nrows; i++)
		free_row(&t->rows[(size_t)i * t->ncolumns], t->ncolumns);
	free_row(t->making, t->ncolumns);
	free(t->rows);
	free(t);
}

int isam_tt_is(uintptr_t tableid)
{
	unsigned i;
	int found = 0;
	lock();
	for (i = 0; i < ntables && !found; i++)
		found = tables[i]->handle == tableid;
	unlock();
	return found;
}

/* The session's table `tableid`, the registry locked, the instance
 * entered; NULL with the code. */
static struct isam_temp_table *enter(uintptr_t sesid, uintptr_t tableid, struct instance **inst,
				     int *err)
{
	uintptr_t handle;
	unsigned i;
	*err = session_instance(sesid, &handle);
	if (!*err)
		*err = instance_enter(handle, 0, inst);
	if (*err)
		return NULL;
	lock();
	for (i = 0; i < ntables; i++)
		if (tables[i]->handle == tableid && tables[i]->sesid == sesid &&
		    tables[i]->inst == *inst)
			return tables[i];
	unlock();
	instance_leave(*inst, 0);
	*err = JET_errInvalidTableId;
	return NULL;
}

static void leave(struct instance *inst)
{
	unlock();
	instance_leave(inst, 0);
}

int isam_tt_move(uintptr_t sesid, uintptr_t tableid, int32_t crow)
{
	struct instance *inst;
	int err;
	struct isam_temp_table *t = enter(sesid, tableid, &inst, &err);
	long n;
	if (!t)
		return err;
	n = (long)t->nrows;
	if (crow == MOVE_FIRST)
		t->current = n ? 0 : -1;
	else if (crow == MOVE_LAST)
		t->current = n ? n - 1 : n;
	else if (crow > 0)
		t->current = crow > n - t->current ? n : t->current + crow;
	else if (crow < 0)
		t->current = -(long)crow > t->current + 1 ? -1 : t->current + crow;
	err = t->current >= 0 && t->current < n ? JET_errSuccess : JET_errNoCurrentRecord;
	leave(inst);
	return err;
}

static int column_index(const struct isam_temp_table *t, uint32_t columnid)
{
	unsigned i;
	for (i = 0; i < t->ncolumns; i++)
		if (t->ids[i] == columnid)
			return (int)i;
	return -1;
}

int isam_tt_retrieve(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, void *buf,
		     uint32_t cb, uint32_t *actual, uint32_t itag, uint32_t offset)
{
	struct instance *inst;
	int err, i;
	struct isam_temp_table *t = enter(sesid, tableid, &inst, &err);
	const struct value *v;
	if (!t)
		return err;
	*actual = 0;
	if ((i = column_index(t, columnid)) < 0) {
		err = JET_errColumnNotFound;
	} else if (itag == 0) {
		err = JET_errBadItagSequence;
	} else if (t->current < 0 || t->current >= (long)t->nrows) {
		err = JET_errNoCurrentRecord;
	} else if (v = &t->rows[(size_t)t->current * t->ncolumns + (unsigned)i],
		   !v->data || itag > 1) {
		err = JET_wrnColumnNull;
	} else {
		uint32_t c = t->columns[i].coltyp;
		/* ibLongValue applies to long values only */
		if (c != ISAM_COLTYP_LONG_BINARY && c != ISAM_COLTYP_LONG_TEXT)
			offset = 0;
		*actual = v->cb > offset ? v->cb - offset : 0;
		if (buf && cb)
			memcpy(buf, v->data + offset, *actual < cb ? *actual : cb);
		err = *actual > cb ? JET_wrnBufferTruncated : JET_errSuccess;
	}
	leave(inst);
	return err;
}

int isam_tt_check(uintptr_t sesid, uintptr_t tableid)
{
	struct instance *inst;
	int err;
	if (!enter(sesid, tableid, &inst, &err))
		return err;
	leave(inst);
	return JET_errSuccess;
}

int isam_tt_count(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, uint32_t *count)
{
	struct instance *inst;
	int err, i;
	struct isam_temp_table *t = enter(sesid, tableid, &inst, &err);
	if (!t)
		return err;
	if ((i = column_index(t, columnid)) < 0)
		err = JET_errColumnNotFound;
	else if (t->current < 0 || t->current >= (long)t->nrows)
		err = JET_errNoCurrentRecord;
	else
		*count = t->rows[(size_t)t->current * t->ncolumns + (unsigned)i].data ? 1 : 0;
	leave(inst);
	return err;
}

/* Takes t out of the registry (locked). */
static void unregister(struct isam_temp_table *t)
{
	unsigned i;
	for (i = 0; i < ntables; i++)
		if (tables[i] == t) {
			tables[i] = tables[--ntables];
			break;
		}
}

int isam_tt_close(uintptr_t sesid, uintptr_t tableid)
{
	struct instance *inst;
	int err;
	struct isam_temp_table *t = enter(sesid, tableid, &inst, &err);
	if (!t)
		return err;
	unregister(t);
	leave(inst);
	isam_tt_discard(t);
	return JET_errSuccess;
}

static void close_where(uintptr_t sesid, const struct instance *inst)
{
	for (;;) {
		struct isam_temp_table *gone = NULL;
		unsigned i;
		lock();
		for (i = 0; i < ntables && !gone; i++)
			if (inst ? tables[i]->inst == inst : tables[i]->sesid == sesid)
				gone = tables[i];
		if (gone)
			unregister(gone);
		unlock();
		if (!gone)
			break;
		isam_tt_discard(gone);
	}
}

void isam_tt_session_ending(uintptr_t sesid)
{
	close_where(sesid, NULL);
}

void isam_tt_instance_ending(const struct instance *inst)
{
	close_where(0, inst);
}
