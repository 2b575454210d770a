#include "isam/index_key.h"

#include <stdlib.h>
#include <string.h>

#include "isam/column.h"
#include "isam/sort_key.h"
#include "jet_values.h"

/* LE_IDXSEG's flags (daedef.hxx) */
#define IDXSEG_DESCENDING 0x40
#define IDXSEG_TEMPLATE_COLUMN 0x80
#define IDXSEG_MUST_BE_NULL 0x20
/* FIELDFLAG multi-valued (tdb.hxx) */
#define FIELD_MULTIVALUED 0x0008

/* Key segment prefixes (fldnorm.cxx) */
#define PREFIX_DATA 0x7f
#define PREFIX_NULL 0x00
#define PREFIX_NULL_HIGH 0xc0
#define BINARY_CHUNK_NORMALISED 9

static key_sort_key_fn sort_key_fn;
static void *sort_key_ctx;

void isam_index_set_sort_key(key_sort_key_fn fn, void *ctx)
{
	sort_key_fn = fn;
	sort_key_ctx = ctx;
}

bool isam_index_unique(const struct isam_index *x)
{
	return (x->flags & (ISAM_IDB_UNIQUE | ISAM_IDB_PRIMARY)) != 0;
}

/* An IDXSEG array's segment i: the column id and whether the flag asked
 * for is set; the 2-byte form gives one flag as the fid's sign
 * (fileopen.cxx, SetIdxSegFromOldFormat: descending for a key segment,
 * must-be-null for a conditional column). */
static void idxseg(const unsigned char *k, bool extended, unsigned i, unsigned flag,
		   uint32_t *columnid, int *set)
{
	if (extended) {
		const unsigned char *p = k + 4 * i;
		*columnid = (uint32_t)(p[2] | p[3] << 8);
		*set = (p[0] & flag) != 0;
		if (p[0] & IDXSEG_TEMPLATE_COLUMN)
			*columnid |= ISAM_COLUMNID_TEMPLATE;
	} else {
		int16_t v = (int16_t)(k[2 * i] | k[2 * i + 1] << 8);
		*set = v < 0;
		*columnid = (uint32_t)(v < 0 ? -v : v);
	}
}

void isam_index_segment(const struct isam_index *x, unsigned i, uint32_t *columnid, int *desc)
{
	idxseg(x->key_fields, (x->flags >> 16) & ISAM_IDX_EXTENDED_COLUMNS, i, IDXSEG_DESCENDING,
	       columnid, desc);
}

void isam_index_conditional(const struct isam_index *x, unsigned i, uint32_t *columnid,
			    int *must_be_null)
{
	idxseg(x->conditional, (x->flags >> 16) & ISAM_IDX_EXTENDED_COLUMNS, i,
	       IDXSEG_MUST_BE_NULL, columnid, must_be_null);
}

int isam_index_describe(const struct isam_table *t, const struct isam_index *x,
			struct key_index *idx, uint32_t *cols)
{
	bool extended = (x->flags >> 16) & ISAM_IDX_EXTENDED_COLUMNS;
	unsigned width = extended ? 4 : 2, i;

	memset(idx, 0, sizeof(*idx));
	if (x->cb_key_fields % width != 0 || x->cb_key_fields / width > KEY_SEGMENTS_MOST)
		return JET_errDatabaseCorrupted;
	idx->nseg = x->cb_key_fields / width;
	for (i = 0; i < idx->nseg; i++) {
		const struct isam_column *c;
		uint32_t fid;
		int desc;
		isam_index_segment(x, i, &fid, &desc);
		if (!(c = isam_table_column(t, fid)))
			return JET_errDatabaseCorrupted;
		idx->seg[i].coltyp = c->coltyp;
		idx->seg[i].codepage = c->codepage;
		idx->seg[i].cb_fixed = c->id <= ISAM_FID_FIXED_LAST ? isam_fixed_size(c) : 0;
		idx->seg[i].descending = desc;
		if (cols)
			cols[i] = isam_column_id(c);
	}
	/* KeyMost null: the old 255; VarSegMac null: cbKeyMost (ErrCATIInitIDB) */
	idx->cb_key_most = x->key_most ? x->key_most : KEY_CB_MOST_LEGACY;
	if (idx->cb_key_most > KEY_CB_MOST_MOST)
		return JET_errDatabaseCorrupted;
	idx->cb_var_seg_mac = x->cb_var_seg_mac >= 2
				      ? (uint32_t)(x->var_seg_mac[0] | x->var_seg_mac[1] << 8)
				      : idx->cb_key_most;
	idx->sort_nulls_high = x->flags & ISAM_IDB_SORT_NULLS_HIGH;
	idx->disallow_truncation = x->flags & ISAM_IDB_DISALLOW_TRUNCATION;
	idx->dotnet_guid = (x->flags >> 16) & ISAM_IDX_DOTNET_GUID;
	idx->lcmap_flags = x->lcmap_flags;
	/* newer catalogs name the locale (LocaleName) and store LCID 0 */
	idx->lcid = x->locale ? x->locale : sort_key_lcid_of_name(x->locale_name, x->cb_locale_name);
	idx->sort_key = sort_key_fn;
	idx->sort_key_ctx = sort_key_ctx;
	return JET_errSuccess;
}

/* What one record's entries are made of. */
struct entries {
	struct isam_pager *pager;
	const struct isam_table *t;
	const struct isam_index *x;
	const struct isam_record *rec;
	struct key_index idx;
	const struct isam_column *col[KEY_SEGMENTS_MOST];
	bool enumerated[KEY_SEGMENTS_MOST];  /* multi-valued columns whose values make entries */
	uint32_t itag[KEY_SEGMENTS_MOST];
	bool out[KEY_SEGMENTS_MOST];         /* past its last value */
	uint8_t *buf;                        /* the values, cb_data_most bytes each */
	size_t cb_data_most;
	uint8_t (*seen)[KEY_CB_MOST_MOST];   /* keys given so far, and their sizes */
	size_t *cb_seen;
	unsigned nseen, cap_seen;
};

/*
 * The key of the current itags (ErrRECIRetrieveKey): each value read up to
 * cb_data_most bytes, doubled while the key is short of cbKeyMost and a
 * value was cut.  *out_of_values: a multi-valued column past its last value.
 */
static int entry_key(struct entries *e, uint8_t *key, size_t *cb_key, bool *out_of_values)
{
	struct key_value v[KEY_SEGMENTS_MOST];
	for (;;) {
		bool cut = false;
		*out_of_values = false;
		for (unsigned i = 0; i < e->idx.nseg; i++) {
			uint32_t actual = 0;
			uint8_t *b = e->buf + i * e->cb_data_most;
			int rc = isam_column_read(e->pager, e->t->lv_fdp, e->rec, e->col[i], e->itag[i], 0, b,
						  (uint32_t)e->cb_data_most, &actual, NULL);
			if (rc < 0)
				return rc;
			v[i].null = rc == JET_wrnColumnNull;
			e->out[i] = v[i].null && e->itag[i] > 1;
			*out_of_values |= e->out[i];
			v[i].data = b;
			v[i].cb = actual > e->cb_data_most ? e->cb_data_most : actual;
			cut |= actual > e->cb_data_most;
		}
		int rc = key_from_values(&e->idx, v, key, cb_key);
		if (rc < 0 || !cut || *cb_key >= e->idx.cb_key_most ||
		    e->cb_data_most >= 64 * (size_t)KEY_CB_MOST_MOST)
			return rc;
		uint8_t *more = realloc(e->buf, e->cb_data_most * 2 * e->idx.nseg);
		if (!more)
			return JET_errOutOfMemory;
		e->buf = more;
		e->cb_data_most *= 2;
	}
}

/* The record's duplicate keys make one entry (same key, same bookmark). */
static int seen_before(struct entries *e, const uint8_t *key, size_t cb, bool *seen)
{
	for (unsigned i = 0; i < e->nseen; i++)
		if (e->cb_seen[i] == cb && memcmp(e->seen[i], key, cb) == 0) {
			*seen = true;
			return JET_errSuccess;
		}
	*seen = false;
	if (e->nseen == e->cap_seen) {
		unsigned n = e->cap_seen ? e->cap_seen * 2 : 8;
		void *a = realloc(e->seen, n * sizeof(*e->seen));
		if (!a)
			return JET_errOutOfMemory;
		e->seen = a;
		a = realloc(e->cb_seen, n * sizeof(*e->cb_seen));
		if (!a)
			return JET_errOutOfMemory;
		e->cb_seen = a;
		e->cap_seen = n;
	}
	memcpy(e->seen[e->nseen], key, cb);
	e->cb_seen[e->nseen++] = cb;
	return JET_errSuccess;
}

/* Whether an entry with this key's nulls exists (rec.cxx, fcreate.cxx). */
static bool nulls_allowed(const struct isam_index *x, int wrn)
{
	switch (wrn) {
	case KEY_WRN_NULL_KEY:
		return x->flags & ISAM_IDB_ALLOW_ALL_NULLS;
	case KEY_WRN_NULL_FIRST_SEG:
		return x->flags & ISAM_IDB_ALLOW_FIRST_NULL;
	case KEY_WRN_NULL_SEG:
		return x->flags & ISAM_IDB_ALLOW_SOME_NULLS;
	default:
		return true;
	}
}

/* The next itags (KeySequence::Increment): the last enumerated column
 * counts up; one out of values goes back to 1 and carries to the one
 * before it; a nested-table index moves them all together.  false: done. */
static bool next_itags(struct entries *e, int rollover)
{
	int i;
	if (e->x->flags & ISAM_IDB_NESTED_TABLE) {
		if (rollover >= 0)
			return false;
		for (i = 0; i < (int)e->idx.nseg; i++)
			if (e->enumerated[i])
				e->itag[i]++;
		return true;
	}
	if (rollover >= 0)
		e->itag[rollover] = 1;
	for (i = rollover >= 0 ? rollover - 1 : (int)e->idx.nseg - 1; i >= 0; i--)
		if (e->enumerated[i]) {
			e->itag[i]++;
			return true;
		}
	return false;
}

int isam_index_entries(struct isam_pager *pager, const struct isam_table *t,
		       const struct isam_index *x, const struct isam_record *rec,
		       isam_entry_fn fn, void *ctx)
{
	struct entries e;
	uint32_t cols[KEY_SEGMENTS_MOST];
	uint8_t key[KEY_CB_MOST_MOST];
	bool any_enumerated = false;
	int rc;

	memset(&e, 0, sizeof(e));
	e.pager = pager;
	e.t = t;
	e.x = x;
	e.rec = rec;
	if ((rc = isam_index_describe(t, x, &e.idx, cols)) != JET_errSuccess)
		return rc;
	if (e.idx.nseg == 0)
		return JET_errSuccess;
	for (unsigned i = 0; i < e.idx.nseg; i++) {
		e.col[i] = isam_table_column(t, cols[i]);
		e.itag[i] = 1;
		/* the first multi-valued column; all of them for cross-product
		 * and nested-table indexes */
		if ((x->flags & ISAM_IDB_MULTIVALUED) && e.col[i]->id > ISAM_FID_VAR_LAST &&
		    (e.col[i]->grbit & FIELD_MULTIVALUED) &&
		    (!any_enumerated || (x->flags & (ISAM_IDB_CROSS_PRODUCT | ISAM_IDB_NESTED_TABLE)))) {
			e.enumerated[i] = true;
			any_enumerated = true;
		}
	}
	/* cbDataMost = cbKeyMost, but a whole fixed value even when a
	 * newer engine's cbKeyMost is the key's exact length */
	e.cb_data_most = e.idx.cb_key_most < KEY_CB_MOST_LEGACY ? KEY_CB_MOST_LEGACY : e.idx.cb_key_most;
	if (!(e.buf = malloc(e.cb_data_most * e.idx.nseg)))
		return JET_errOutOfMemory;

	for (;;) {
		size_t cb = 0;
		bool out = false, seen;
		rc = entry_key(&e, key, &cb, &out);
		if (rc < 0)
			break;
		if (out) {
			/* the last column past its values rolls over (all of
			 * them, for a nested-table index: done) */
			int which = -1;
			for (unsigned i = 0; i < e.idx.nseg; i++)
				if (e.enumerated[i] && e.itag[i] > 1 && e.out[i])
					which = (int)i;
			rc = JET_errSuccess;
			if (which < 0 || !next_itags(&e, which))
				break;
			continue;
		}
		if (nulls_allowed(x, rc)) {
			if ((rc = seen_before(&e, key, cb, &seen)) != JET_errSuccess)
				break;
			if (!seen && (rc = fn(ctx, key, cb)) != 0)
				break;
		}
		rc = JET_errSuccess;
		if (!any_enumerated || !next_itags(&e, -1))
			break;
	}
	free(e.buf);
	free(e.seen);
	free(e.cb_seen);
	return rc;
}

/* A fixed-size type's value from its key segment (the inverse of
 * key_normalise.c's normalise_fixed). */
static void fixed_from_key(uint32_t coltyp, const uint8_t *k, size_t n, uint8_t *out)
{
	static const uint8_t guid_order[16] = { 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3 };
	uint64_t x = 0, high = n < 16 ? (uint64_t)1 << (n * 8 - 1) : 0;
	size_t i;
	if (coltyp == JET_coltypGUID) {
		for (i = 0; i < 16; i++)
			out[guid_order[i]] = k[i];
		return;
	}
	if (coltyp == JET_coltypBit) {
		out[0] = k[0] ? 0xff : 0;
		return;
	}
	for (i = 0; i < n; i++)
		x = x << 8 | k[i];
	switch (coltyp) {
	case JET_coltypShort:
	case JET_coltypLong:
	case JET_coltypLongLong:
	case JET_coltypCurrency:
		x ^= high;
		break;
	case JET_coltypIEEESingle:
	case JET_coltypIEEEDouble:
	case JET_coltypDateTime:
		x = (x & high) ? x ^ high : ~x;
		break;
	default:
		break;
	}
	for (i = 0; i < n; i++, x >>= 8)
		out[i] = (uint8_t)x;
}

int isam_index_column_from_key(const struct key_index *idx, const uint32_t *cols,
			       uint32_t columnid, const uint8_t *key, size_t cb_key,
			       uint8_t *out, size_t *cb_out)
{
	uint8_t seg[KEY_CB_LIMIT_MOST];
	size_t ib = 0;
	unsigned iseg;
	*cb_out = 0;
	for (iseg = 0; iseg < idx->nseg && cols[iseg] != columnid; iseg++)
		;
	if (iseg == idx->nseg)
		return JET_errColumnNotFound;
	/* text has lost its case; after a Unicode sort key or in a key that
	 * may have been cut, no value can be found again */
	for (unsigned i = 0; i <= iseg; i++)
		if (idx->seg[i].coltyp == JET_coltypText || idx->seg[i].coltyp == JET_coltypLongText)
			if (i == iseg || idx->seg[i].codepage == KEY_CODEPAGE_UNICODE)
				return ISAM_KEY_NOT_EXACT;
	if (idx->cb_key_most >= KEY_CB_MOST_LEGACY && cb_key >= idx->cb_key_most)
		return ISAM_KEY_NOT_EXACT;
	for (unsigned i = 0; i < idx->nseg && ib < cb_key; i++) {
		const struct key_segment *s = &idx->seg[i];
		uint8_t flip = s->descending ? 0xff : 0x00;
		size_t rest = cb_key - ib, n = 0, cb = 0;
		bool null = false;
		if (rest > sizeof seg)
			rest = sizeof seg; /* no key is longer; a damaged one is cut */
		for (size_t j = 0; j < rest; j++)
			seg[j] = key[ib + j] ^ flip;
		if (seg[0] != PREFIX_DATA) {
			/* null or zero-length: the prefix alone */
			null = seg[0] == PREFIX_NULL || seg[0] == PREFIX_NULL_HIGH;
			n = 1;
		} else if (key_fixed_size(s->coltyp)) {
			size_t size = key_fixed_size(s->coltyp);
			n = 1 + size;
			if (n <= rest && cols[i] == columnid)
				fixed_from_key(s->coltyp, seg + 1, size, out);
			cb = size;
		} else if ((s->coltyp == JET_coltypBinary || s->coltyp == JET_coltypLongBinary) &&
			   s->cb_fixed == 0) {
			/* 8-byte chunks, each with its count (9: more follow) */
			n = 1;
			while (n + BINARY_CHUNK_NORMALISED <= rest) {
				uint8_t count = seg[n + BINARY_CHUNK_NORMALISED - 1];
				size_t take = count >= BINARY_CHUNK_NORMALISED ? 8 : count;
				if (cols[i] == columnid)
					memcpy(out + cb, seg + n, take);
				cb += take;
				n += BINARY_CHUNK_NORMALISED;
				if (count != BINARY_CHUNK_NORMALISED)
					break;
			}
		} else if (s->cb_fixed != 0 && s->coltyp == JET_coltypBinary) {
			n = 1 + s->cb_fixed;
			cb = s->cb_fixed < rest - 1 ? s->cb_fixed : rest - 1;
			if (cols[i] == columnid)
				memcpy(out, seg + 1, cb);
		} else {
			/* text: the normalised bytes up to the terminator (after
			 * the sentinel, for Unicode sort keys) */
			size_t j = 1;
			if (s->codepage == KEY_CODEPAGE_UNICODE)
				while (j < rest && seg[j] != 0x01)
					j++;
			while (j < rest && seg[j] != 0x00)
				j++;
			cb = j - 1;
			if (cols[i] == columnid)
				memcpy(out, seg + 1, cb);
			n = j + 1;
		}
		if (cols[i] == columnid) {
			*cb_out = null ? 0 : cb;
			return null ? JET_wrnColumnNull : JET_errSuccess;
		}
		ib += n;
	}
	for (unsigned i = 0; i < idx->nseg; i++)
		if (cols[i] == columnid)
			return JET_wrnColumnNull; /* past the key's end: truncated */
	return JET_errColumnNotFound;
}
