#include "isam/enumerate.h"

#include <stdlib.h>
#include <string.h>

#include "isam/column.h"
#include "isam/column_reference.h"
#include "isam/compression.h"
#include "isam/cursor.h"
#include "isam/longvalue.h"
#include "isam/page.h"
#include "isam/record.h"
#include "isam/temptable.h"
#include "jet_values.h"

/* JET_bitColumn* of isam_column_grbit */
#define COLUMN_ESCROW 0x800
#define COLUMN_USER_DEFAULT 0x8000
/* record and page overheads (cpage.hxx, daeconst.hxx, rec.hxx, tagfld.hxx) */
#define CB_TAG 4                 /* CPAGE::cbInsertionOverhead */
#define CB_KEY_COUNT 2           /* cbKeyCount */
#define CB_RECORD_HEADER 4       /* REC::cbRecordHeader */
#define CB_TAGFLD 4
#define CB_TAGFLD_HEADER 1
/* FPartiallyDeletedLV: a root whose reference count is ulMax */
#define LV_PARTIALLY_DELETED 0xffffffffu

/* Where a column's values come from: the record, ESE's default record, or
 * neither (found 0). */
struct source {
	const struct isam_column *column;
	int found, from_default;
	uint32_t count;
	int tagged;
	struct isam_tagged t;        /* tagged and from the record */
	struct isam_value single;    /* otherwise: the one value when count is 1 */
};

/* What the table's defaults make of ESE's default record (the columns it
 * holds, fldnorm.cxx's ErrFILEIRebuildDefaultRec): fixed columns up to the
 * last one with a default, variable ones likewise, tagged ones with one. */
struct defaults {
	int any, non_escrow, user_defined;
	uint32_t fixed_last, var_last;
};

static void table_defaults(const struct isam_table *t, struct defaults *d)
{
	unsigned i;
	memset(d, 0, sizeof(*d));
	for (i = 0; i < t->ncolumns; i++) {
		const struct isam_column *c = &t->columns[i];
		uint32_t g = isam_column_grbit(c);
		if (g & COLUMN_USER_DEFAULT)
			d->user_defined = 1;
		if (!c->def)
			continue;
		d->any = 1;
		if (!(g & COLUMN_ESCROW))
			d->non_escrow = 1;
		if (c->id <= ISAM_FID_FIXED_LAST && c->id > d->fixed_last)
			d->fixed_last = c->id;
		else if (c->id > ISAM_FID_FIXED_LAST && c->id <= ISAM_FID_VAR_LAST &&
			 c->id > d->var_last)
			d->var_last = c->id;
	}
}

static int in_record(const struct isam_record *rec, const struct isam_column *c,
		     struct source *s)
{
	int rc;
	memset(s, 0, sizeof(*s));
	s->column = c;
	if (c->id > ISAM_FID_VAR_LAST) {
		s->tagged = 1;
		rc = isam_record_tagged(rec, c->id, c->derived, &s->t);
		if (rc == JET_errColumnNotFound)
			return JET_errSuccess;
		if (rc != JET_errSuccess)
			return rc;
		s->found = 1;
		s->count = isam_tagged_count(&s->t);
		return JET_errSuccess;
	}
	rc = c->id <= ISAM_FID_FIXED_LAST
		     ? isam_record_fixed(rec, c->id, c->offset, isam_fixed_size(c), &s->single)
		     : isam_record_var(rec, c->id, &s->single);
	if (rc == JET_errColumnNotFound)
		return JET_errSuccess;
	if (rc < 0)
		return rc;
	s->found = 1;
	s->count = rc == JET_errSuccess ? 1 : 0;
	return JET_errSuccess;
}

/* The default record's answer for c: fixed columns whenever the table has
 * a default, variable and tagged ones when it has a non-escrow default
 * (fldenum.cxx, ErrRECEnumerateReqColumns). */
static void in_defaults(const struct defaults *d, const struct isam_column *c, struct source *s)
{
	int fixed = c->id <= ISAM_FID_FIXED_LAST, var = !fixed && c->id <= ISAM_FID_VAR_LAST;
	memset(s, 0, sizeof(*s));
	s->column = c;
	if (!d->any || (!fixed && !d->non_escrow))
		return;
	if (c->def) {
		s->found = s->from_default = 1;
		s->count = 1;
		s->single.data = c->def;
		s->single.cb = c->cb_def;
	} else if ((fixed && c->id <= d->fixed_last) || (var && c->id <= d->var_last)) {
		s->found = s->from_default = 1;
	}
}

static int value_of(const struct source *s, uint32_t itag, struct isam_value *v)
{
	if (itag < 1 || itag > s->count)
		return JET_errBadItagSequence;
	if (s->tagged && !s->from_default)
		return isam_tagged_value(&s->t, itag, v);
	*v = s->single;
	return JET_errSuccess;
}

/* A stored value made plain into a fresh buffer: decompressed, or read
 * from the long-value tree up to cb_most bytes (JET_wrnColumnTruncated
 * past it, as ErrRECIFetchMissingLVs says). */
static int fetch(const struct isam_current *cur, const struct isam_value *v, uint32_t cb_most,
		 unsigned char **data, uint32_t *cb)
{
	uint32_t size;
	int rc;
	*data = NULL;
	*cb = 0;
	if (v->separated) {
		uint64_t whole;
		uint32_t done;
		rc = isam_lv_size(cur->pager, cur->table->lv_fdp, v->data, v->cb, &whole);
		if (rc != JET_errSuccess)
			return rc;
		size = whole < cb_most ? (uint32_t)whole : cb_most;
		if (size && !(*data = malloc(size)))
			return JET_errOutOfMemory;
		if (size)
			rc = isam_lv_read(cur->pager, cur->table->lv_fdp, v->data, v->cb, 0, *data,
					  size, &whole, &done);
		if (rc != JET_errSuccess) {
			free(*data);
			*data = NULL;
			return rc;
		}
		*cb = size;
		return whole > cb_most ? JET_wrnColumnTruncated : JET_errSuccess;
	}
	if (v->compressed) {
		rc = isam_decompressed_size(v->data, v->cb, &size);
		if (rc != JET_errSuccess)
			return rc;
		if (size && !(*data = malloc(size)))
			return JET_errOutOfMemory;
		if (size && (rc = isam_decompress(v->data, v->cb, *data, size, &size)) != 0) {
			free(*data);
			*data = NULL;
			return rc;
		}
		*cb = size;
		return JET_errSuccess;
	}
	if (v->cb && !(*data = malloc(v->cb)))
		return JET_errOutOfMemory;
	if (v->cb)
		memcpy(*data, v->data, v->cb);
	*cb = v->cb;
	return JET_errSuccess;
}

void isam_enum_free(struct isam_enum_column *cols, uint32_t n)
{
	uint32_t i, j;
	if (!cols)
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < cols[i].nvalues; j++)
			free(cols[i].values[j].data);
		free(cols[i].values);
		free(cols[i].data);
	}
	free(cols);
}

/* One value of the output: itag of s, as the grbits ask. */
static int enum_value(const struct isam_current *cur, const struct source *s, uint32_t itag,
		      uint32_t cb_most, uint32_t grbit, struct isam_enum_value *out)
{
	struct isam_value v;
	int rc = value_of(s, itag, &v);
	if (rc != JET_errSuccess)
		return rc;
	if (v.separated && (grbit & JET_bitEnumerateInRecordOnly)) {
		out->err = JET_wrnColumnNotInRecord;
		return JET_errSuccess;
	}
	/* fldenum.cxx: a reference in place of the value kept out of the record */
	if (v.separated && (grbit & JET_bitEnumerateAsRefIfNotInRecord)) {
		rc = isam_column_reference(cur, s->column, itag, &v, &out->data, &out->cb);
		if (rc == JET_errSuccess)
			out->err = JET_wrnColumnReference;
		return rc;
	}
	rc = fetch(cur, &v, v.separated ? cb_most : 0xffffffffu, &out->data, &out->cb);
	if (rc < 0)
		return rc;
	out->err = rc;
	return JET_errSuccess;
}

/* JET_bitEnumerateCompressOutput: one value not separated goes into the
 * column itself (JET_wrnColumnSingleValue).  1 when done so. */
static int single_value(const struct isam_current *cur, const struct source *s,
			struct isam_enum_column *col, int *rc)
{
	struct isam_value v;
	*rc = value_of(s, 1, &v);
	if (*rc != JET_errSuccess || v.separated)
		return *rc != JET_errSuccess;
	*rc = fetch(cur, &v, 0xffffffffu, &col->data, &col->cb);
	if (*rc == JET_errSuccess)
		col->err = JET_wrnColumnSingleValue;
	return 1;
}

static int enum_values(const struct isam_current *cur, const struct source *s,
		       const struct isam_enum_request *req, uint32_t cb_most, uint32_t grbit,
		       struct isam_enum_column *col)
{
	uint32_t n = req && req->ntags ? req->ntags : s->count, i;
	int rc;
	if (n && !(col->values = calloc(n, sizeof(*col->values))))
		return JET_errOutOfMemory;
	col->nvalues = n;
	for (i = 0; i < n; i++) {
		struct isam_enum_value *out = &col->values[i];
		out->itag = req && req->ntags ? req->tags[i] : i + 1;
		if (out->itag == 0) {
			out->err = JET_wrnColumnSkipped;
		} else if (out->itag > s->count && !s->found &&
			   (grbit & JET_bitEnumerateIgnoreDefault)) {
			out->err = JET_wrnColumnDefault;
		} else if (out->itag > s->count) {
			out->err = JET_wrnColumnNull;
		} else if (grbit & JET_bitEnumeratePresenceOnly) {
			out->err = JET_wrnColumnPresent;
		} else if ((rc = enum_value(cur, s, out->itag, cb_most, grbit, out)) != 0) {
			return rc;
		}
	}
	return JET_errSuccess;
}

#define ENUM_GRBITS                                                                           \
	(JET_bitEnumerateCopy | JET_bitEnumerateIgnoreDefault | JET_bitEnumerateLocal |       \
	 JET_bitEnumeratePresenceOnly | JET_bitEnumerateTaggedOnly |                          \
	 JET_bitEnumerateCompressOutput | JET_bitEnumerateIgnoreUserDefinedDefault |          \
	 JET_bitEnumerateInRecordOnly | JET_bitEnumerateAsRefIfNotInRecord)

/* ErrRECEnumerateAllColumns: the record's columns merged with the default
 * record's, in the order of columnid ^ fCOLUMNIDTemplate (fldenum.cxx
 * CUnionIter): a derived table's template columns, fixed, variable and
 * tagged, all before its own; a column neither holds is left out. */
static int enumerate_all(const struct isam_current *cur, const struct defaults *d,
			 uint32_t cb_most, uint32_t grbit, struct isam_enum_column *cols,
			 uint32_t *n)
{
	const struct isam_table *t = cur->table;
	unsigned i;
	int rc;
	*n = 0;
	/* the columns lie by fid kind: two passes, template columns first */
	for (i = 0; i < 2 * t->ncolumns; i++) {
		const struct isam_column *c = &t->columns[i % t->ncolumns];
		struct isam_enum_column *col = &cols[*n];
		struct source s;
		if (!c->template_column != (i >= t->ncolumns))
			continue;
		if ((grbit & JET_bitEnumerateTaggedOnly) && c->id <= ISAM_FID_VAR_LAST)
			continue;
		if ((rc = in_record(cur->rec, c, &s)) != 0)
			return rc;
		if (!s.found && !(grbit & JET_bitEnumerateIgnoreDefault))
			in_defaults(d, c, &s);
		if (!s.found)
			continue;
		col->columnid = isam_column_id(c);
		++*n;
		if (s.count == 0) {
			col->err = JET_wrnColumnNull;
		} else if (grbit & JET_bitEnumeratePresenceOnly) {
			col->err = JET_wrnColumnPresent;
		} else if (s.count == 1 && (grbit & JET_bitEnumerateCompressOutput) &&
			   single_value(cur, &s, col, &rc)) {
			if (rc != JET_errSuccess)
				return rc;
		} else if ((rc = enum_values(cur, &s, NULL, cb_most, grbit, col)) != 0) {
			return rc;
		}
	}
	return JET_errSuccess;
}

/* ErrRECEnumerateReqColumns: each column asked for, in the order asked. */
static int enumerate_req(const struct isam_current *cur, const struct defaults *d,
			 const struct isam_enum_request *req, uint32_t nreq, uint32_t cb_most,
			 uint32_t grbit, struct isam_enum_column *cols, int *column_error)
{
	uint32_t i;
	int rc;
	*column_error = 0;
	for (i = 0; i < nreq; i++) {
		struct isam_enum_column *col = &cols[i];
		const struct isam_column *c = NULL;
		struct source s;
		int all = req[i].ntags == 0;
		col->columnid = req[i].columnid;
		if (col->columnid == 0) {
			col->err = JET_wrnColumnSkipped;
			continue;
		}
		if (req[i].ntags && !req[i].tags)
			return JET_errInvalidParameter;
		/* ErrRECIAccessColumn: FCOLUMNIDValid, then the catalog */
		if ((col->columnid & 0x7fff0000u) || (col->columnid & 0xffffu) == 0xffffu) {
			col->err = JET_errBadColumnId;
		} else if (!(c = isam_table_columnid(cur->table, col->columnid))) {
			col->err = JET_errColumnNotFound;
		}
		if (col->err) {
			if (!*column_error)
				*column_error = col->err;
			continue;
		}
		if ((rc = in_record(cur->rec, c, &s)) != 0)
			return rc;
		if (!s.found && !(grbit & JET_bitEnumerateIgnoreDefault))
			in_defaults(d, c, &s);
		if (!s.found && (grbit & JET_bitEnumerateIgnoreDefault) && all) {
			col->err = JET_wrnColumnDefault;
		} else if (s.count == 0 && all) {
			col->err = JET_wrnColumnNull;
		} else if ((grbit & JET_bitEnumeratePresenceOnly) && all) {
			col->err = JET_wrnColumnPresent;
		} else if (s.count == 1 && all && (grbit & JET_bitEnumerateCompressOutput) &&
			   single_value(cur, &s, col, &rc)) {
			if (rc != JET_errSuccess)
				return rc;
		} else if ((rc = enum_values(cur, &s, &req[i], cb_most, grbit, col)) != 0) {
			return rc;
		}
	}
	return JET_errSuccess;
}

int sim_enumerate_columns(uintptr_t sesid, uintptr_t tableid, const struct isam_enum_request *req,
			  uint32_t nreq, uint32_t cb_data_most, uint32_t grbit,
			  struct isam_enum_column **out, uint32_t *nout)
{
	struct instance *inst;
	struct isam_current cur;
	struct isam_enum_column *cols = NULL;
	struct defaults d;
	uint32_t n = 0;
	int err = isam_cursor_enter(sesid, tableid, &inst, &cur), column_error = 0;
	if (err)
		return err;
	table_defaults(cur.table, &d);
	/* fldenum.cxx's checks, in its order */
	if (!out || !nout) {
		isam_cursor_leave(inst);
		return JET_errInvalidParameter;
	}
	*out = NULL;
	*nout = 0;
	if ((grbit & ~(uint32_t)ENUM_GRBITS) || (grbit & JET_bitEnumerateLocal) ||
	    (nreq && (grbit & JET_bitEnumerateTaggedOnly))) {
		err = JET_errInvalidGrbit;
	} else if (d.user_defined && !(grbit & (JET_bitEnumerateIgnoreDefault |
						JET_bitEnumerateIgnoreUserDefinedDefault))) {
		err = JET_errCallbackFailed;
	} else if ((grbit & JET_bitEnumerateInRecordOnly) &&
		   (grbit & JET_bitEnumerateAsRefIfNotInRecord)) {
		err = JET_errInvalidGrbit;
	} else if (nreq && !req) {
		err = JET_errInvalidParameter;
	} else if (!cur.rec) {
		err = JET_errNoCurrentRecord;
	} else {
		/* the worst case: every column of the table */
		n = nreq ? nreq : cur.table->ncolumns;
		if (n && !(cols = calloc(n, sizeof(*cols))))
			err = JET_errOutOfMemory;
		else if (nreq)
			err = enumerate_req(&cur, &d, req, nreq, cb_data_most, grbit, cols,
					    &column_error);
		else
			err = enumerate_all(&cur, &d, cb_data_most, grbit, cols, &n);
	}
	isam_cursor_leave(inst);
	if (err < 0) {
		isam_enum_free(cols, n);
		return err;
	}
	*out = cols;
	*nout = n;
	return column_error ? column_error : JET_errSuccess;
}

int sim_tagged_column_list(uintptr_t sesid, uintptr_t tableid, uint32_t start, uint32_t grbit,
			   struct isam_tagged_info *list, uint32_t max, uint32_t *count)
{
	struct instance *inst;
	struct isam_current cur;
	struct isam_column from;
	struct defaults d;
	unsigned i;
	int err = isam_cursor_enter(sesid, tableid, &inst, &cur), defaults;
	if (err)
		return err;
	if (!count) {
		isam_cursor_leave(inst);
		return JET_errInvalidParameter;
	}
	*count = 0;
	table_defaults(cur.table, &d);
	/* fldext.cxx, ErrRECIBuildTaggedColumnList: the record's TAGFLDs and
	 * the default record's merged by column id, the record's first, from
	 * columnidStart on in the TAGFLDs' order (CmpFid: fDerived first) */
	memset(&from, 0, sizeof(from));
	from.id = start & ~ISAM_COLUMNID_TEMPLATE;
	from.derived = (start & ISAM_COLUMNID_TEMPLATE) && cur.table->derived;
	defaults = !(grbit & JET_bitRetrieveIgnoreDefault) && d.non_escrow;
	if (!cur.rec)
		err = JET_errNoCurrentRecord;
	for (i = 0; err == JET_errSuccess && i < cur.table->ncolumns; i++) {
		const struct isam_column *c = &cur.table->columns[i];
		struct isam_tagged t;
		struct isam_tagged_info info = {isam_column_id(c), 0, 0};
		int rc;
		if (c->id <= ISAM_FID_VAR_LAST ||
		    (from.id > ISAM_FID_VAR_LAST && isam_column_order(c, &from) < 0))
			continue;
		rc = isam_record_tagged(cur.rec, c->id, c->derived, &t);
		if (rc == JET_errSuccess) {
			/* cMultiValues is the TAGFLD's instance count, NULL or not */
			info.count = (uint16_t)(t.null ? 1 : isam_tagged_count(&t));
			if (t.header & ISAM_TAG_LONG_VALUE)
				info.flags |= 0x1;
			if (t.null)
				info.flags |= 0x4;
		} else if (rc == JET_errColumnNotFound && defaults && c->def) {
			/* the engine leaves fDefaultValue clear for these too */
			info.count = 1;
			if (isam_column_is_long(c))
				info.flags |= 0x1;
		} else if (rc == JET_errColumnNotFound) {
			continue;
		} else {
			err = rc;
			break;
		}
		/* fDerived: a template column of a derived table */
		if (c->derived)
			info.flags |= 0x8;
		if (list && *count < max)
			list[*count] = info;
		++*count;
		if (list && *count == max)
			break;
	}
	isam_cursor_leave(inst);
	return err;
}

/* A separated value's share (ErrRECGetLVSize). */
static int lv_size(const struct isam_current *cur, const struct isam_value *v, uint32_t grbit,
		   struct isam_record_size *size)
{
	struct isam_lv_footprint f;
	int rc;
	if (!(grbit & JET_bitRecordSizeLocal)) {
		rc = isam_lv_footprint(cur->pager, cur->table->lv_fdp, v->data, v->cb, &f);
		if (rc != JET_errSuccess)
			return rc;
		size->cb_lv_data += f.size;
		size->cb_lv_overhead += CB_TAG + CB_KEY_COUNT + f.cb_root_key + f.cb_root_data;
		if (grbit & JET_bitRecordSizeExtrinsicLogicalOnly) {
			size->cb_lv_data_compressed += f.size;
		} else {
			size->cb_lv_data_compressed += f.cb_chunks;
			/* ErrRECGetLVSize counts each chunk with the record's key */
			size->cb_lv_overhead += (uint64_t)f.chunks * (CB_TAG + CB_KEY_COUNT + cur->cb_key);
		}
	}
	size->long_values++;
	return JET_errSuccess;
}

/* The logical size of a value stored compressed. */
static int plain_size(const struct isam_value *v, uint32_t *cb)
{
	if (!v->compressed) {
		*cb = v->cb;
		return JET_errSuccess;
	}
	return isam_decompressed_size(v->data, v->cb, cb);
}

/* One TAGFLD's share (fldenum.cxx, the column value iterators'
 * ErrGetColumnSize). */
static int tagged_size(const struct isam_current *cur, const struct isam_tagged *t, uint32_t grbit,
		       struct isam_record_size *size)
{
	int separable = !!(t->header & ISAM_TAG_LONG_VALUE);
	struct isam_value v;
	uint32_t n, i, cb;
	int rc;
	size->tagged++;
	if (t->null) {
		size->cb_overhead += CB_TAGFLD;
		return JET_errSuccess;
	}
	n = isam_tagged_count(t);
	if (t->header & ISAM_TAG_TWO_VALUES) {
		size->cb_data += t->cb - 1;
		size->cb_data_compressed += t->cb - 1;
		size->cb_overhead += CB_TAGFLD + CB_TAGFLD_HEADER + 1;
		size->multi_values++;
		return JET_errSuccess;
	}
	if (t->header & ISAM_TAG_MULTI_VALUES) {
		size->cb_overhead += CB_TAGFLD + CB_TAGFLD_HEADER + 2 * n;
		size->multi_values += n - 1;
		if (!separable) {
			size->cb_data += t->cb - 2 * n;
			size->cb_data_compressed += t->cb - 2 * n;
			return JET_errSuccess;
		}
		for (i = 1; i <= n; i++) {
			if ((rc = isam_tagged_value(t, i, &v)) != JET_errSuccess)
				return rc;
			if (v.separated) {
				size->cb_overhead += v.cb;
				if ((rc = lv_size(cur, &v, grbit, size)) != JET_errSuccess)
					return rc;
				continue;
			}
			cb = v.cb;
			if (v.compressed && !(grbit & JET_bitRecordSizeIntrinsicPhysicalOnly) &&
			    (rc = plain_size(&v, &cb)) != JET_errSuccess)
				return rc;
			size->cb_data += cb;
			size->cb_data_compressed += v.cb;
			size->cb_intrinsic_lv += cb;
			size->cb_intrinsic_lv_compressed += v.cb;
			size->intrinsic_lvs++;
		}
		return JET_errSuccess;
	}
	if ((rc = isam_tagged_value(t, 1, &v)) != JET_errSuccess)
		return rc;
	if (v.separated) {
		size->cb_overhead += CB_TAGFLD + CB_TAGFLD_HEADER + v.cb;
		return lv_size(cur, &v, grbit, size);
	}
	size->cb_overhead += CB_TAGFLD + (separable ? CB_TAGFLD_HEADER : 0);
	cb = v.cb;
	if (!(grbit & JET_bitRecordSizeIntrinsicPhysicalOnly) &&
	    (rc = plain_size(&v, &cb)) != JET_errSuccess)
		return rc;
	size->cb_data += cb;
	size->cb_data_compressed += v.cb;
	if (separable) {
		size->cb_intrinsic_lv += cb;
		size->cb_intrinsic_lv_compressed += v.cb;
		size->intrinsic_lvs++;
	}
	return JET_errSuccess;
}

/* fldenum.cxx, ErrRECIGetRecordSize */
int sim_get_record_size(uintptr_t sesid, uintptr_t tableid, uint32_t grbit,
			struct isam_record_size *size)
{
	struct instance *inst;
	struct isam_current cur;
	const struct isam_record *r;
	uint32_t i, nfixed, nvar, var_end = 0;
	int err = isam_cursor_enter(sesid, tableid, &inst, &cur);
	if (err)
		return err;
	if (!size || !(r = cur.rec)) {
		isam_cursor_leave(inst);
		return size ? JET_errNoCurrentRecord : JET_errInvalidParameter;
	}
	if (!(grbit & JET_bitRecordSizeRunningTotal))
		memset(size, 0, sizeof(*size));
	nfixed = r->fixed_last;
	nvar = r->var_last - ISAM_FID_FIXED_LAST;
	if (nvar)
		var_end = isam_le16(r->p + r->fixed_end + 2 * (nvar - 1)) & 0x7fff;
	size->cb_overhead += CB_TAG + CB_KEY_COUNT + CB_RECORD_HEADER + cur.cb_key;
	size->cb_key += cur.cb_key;
	size->cb_overhead += (nfixed + 7) / 8 + 2 * nvar;
	size->cb_data += (r->fixed_end - CB_RECORD_HEADER - (nfixed + 7) / 8) + var_end;
	size->cb_data_compressed += (r->fixed_end - CB_RECORD_HEADER - (nfixed + 7) / 8) + var_end;
	size->non_tagged += nfixed + nvar;
	for (i = 0; err == JET_errSuccess && i < r->tagged_count; i++) {
		struct isam_tagged t;
		err = isam_record_tagged_at(r, i, &t);
		if (err == JET_errSuccess)
			err = tagged_size(&cur, &t, grbit, size);
	}
	isam_cursor_leave(inst);
	return err;
}

/* The n-th tagged value of the record across its columns (tagfld.cxx,
 * TAGFIELDS::ErrScan): defaults fill the columns the record lacks unless
 * JET_bitRetrieveIgnoreDefault; an explicit NULL counts only with
 * JET_bitRetrieveNull.  0 with *c and *itag set, JET_wrnColumnSetNull for
 * such a NULL, JET_wrnColumnNull past the last. */
static int scan_tagged(const struct isam_current *cur, uint32_t n, uint32_t grbit,
		       const struct isam_column **found, uint32_t *itag)
{
	const struct isam_table *t = cur->table;
	struct defaults d;
	uint32_t seen = 0, i;
	int defaults;
	table_defaults(t, &d);
	defaults = !(grbit & JET_bitRetrieveIgnoreDefault) && d.non_escrow;
	for (i = 0; i < t->ncolumns; i++) {
		const struct isam_column *c = &t->columns[i];
		struct isam_tagged tf;
		uint32_t count;
		int rc;
		if (c->id <= ISAM_FID_VAR_LAST)
			continue;
		rc = isam_record_tagged(cur->rec, c->id, c->derived, &tf);
		if (rc == JET_errColumnNotFound) {
			if (!defaults || !c->def)
				continue;
			count = 1;
		} else if (rc != JET_errSuccess) {
			return rc;
		} else if (tf.null) {
			if ((grbit & JET_bitRetrieveNull) && ++seen == n) {
				*found = c;
				*itag = 1;
				return JET_wrnColumnSetNull;
			}
			continue;
		} else {
			count = isam_tagged_count(&tf);
		}
		if (n - seen <= count) {
			*found = c;
			*itag = n - seen;
			return JET_errSuccess;
		}
		seen += count;
	}
	return JET_wrnColumnNull;
}

/* JET_bitRetrieveLongId and JET_bitRetrieveLongValueRefCount
 * (fldext.cxx, ErrRECIRetrieveSeparatedLongValue). */
static int long_value_facts(const struct isam_current *cur, const struct isam_value *v,
			    void *buf, uint32_t cb, uint32_t *actual, uint32_t grbit)
{
	if (grbit & JET_bitRetrieveLongId) {
		/* an 8-byte buffer gets the 64-bit id, a 4-byte one a 32-bit id */
		unsigned char id[8] = {0};
		uint32_t n = cb >= 8 ? 8 : 4;
		if (cb < 8 && cb < v->cb)
			return JET_errInvalidBufferSize;
		memcpy(id, v->data, v->cb);
		memcpy(buf, id, n);
		*actual = n;
	} else {
		struct isam_lv_footprint f;
		int rc = isam_lv_footprint(cur->pager, cur->table->lv_fdp, v->data, v->cb, &f);
		if (rc != JET_errSuccess)
			return rc;
		if (f.refcount == LV_PARTIALLY_DELETED)
			return JET_errRecordDeleted;
		if (cb < 4)
			return JET_errInvalidBufferSize;
		memcpy(buf, &f.refcount, 4);
		*actual = 4;
	}
	return JET_wrnSeparateLongValue;
}

int sim_retrieve_stored(uintptr_t sesid, uintptr_t tableid, uint32_t *columnid, void *buf,
			uint32_t cb, uint32_t *actual, uint32_t grbit, uint32_t *itag,
			uint32_t offset)
{
	struct instance *inst;
	struct isam_current cur;
	const struct isam_column *c = NULL;
	struct isam_value v;
	unsigned flags = (grbit & JET_bitRetrieveIgnoreDefault) ? ISAM_READ_IGNORE_DEFAULT : 0;
	uint32_t size = 0, n = *itag;
	int err;
	*actual = 0;
	if (isam_tt_is(tableid) &&
	    (grbit & (JET_bitRetrieveCopyIntrinsic | JET_bitRetrieveAsRefIfNotInRecord))) {
		/* a sort (FFUCBSort): no copy buffer, nothing stable to refer to */
		err = isam_tt_check(sesid, tableid);
		return err ? err : (grbit & JET_bitRetrieveCopyIntrinsic) ? JET_errInvalidTableId
									  : JET_errInvalidGrbit;
	}
	if ((err = isam_cursor_enter(sesid, tableid, &inst, &cur)) != 0)
		return err;
	if (grbit & JET_bitRetrieveCopyIntrinsic) {
		/* ErrRECIGetIntrinsicAvail: the room left in the copy buffer of a
		 * prepared update; none is ever prepared on a read cursor, and the
		 * column is not looked at before that */
		*actual = 4;
		err = !buf || cb < 4 ? JET_errBufferTooSmall : JET_errUpdateNotPrepared;
		goto out;
	}
	if (*columnid && !(c = isam_table_columnid(cur.table, *columnid))) {
		err = JET_errColumnNotFound;
	} else if (!cur.rec) {
		err = JET_errNoCurrentRecord;
	} else if (*columnid == 0) {
		/* "must use JetRetrieveColumns to count" */
		err = n == 0 ? JET_errBadItagSequence : scan_tagged(&cur, n, grbit, &c, itag);
		*columnid = err == JET_errSuccess || err == JET_wrnColumnSetNull ? isam_column_id(c) : 0;
		if (err != JET_errSuccess)
			c = NULL;
	} else if (n == 0) {
		err = JET_errBadItagSequence;
	}
	if (err != JET_errSuccess || !c)
		goto out;
	if (grbit & JET_bitRetrieveAsRefIfNotInRecord) {
		/* fldext.cxx: a separated value comes back as a column reference
		 * (JET_wrnColumnReference, the reference cut to the buffer with
		 * JET_wrnBufferTruncated); any other value as it is */
		unsigned char *ref;
		uint32_t cb_ref;
		if (isam_column_locate(cur.rec, c, *itag, &v) == JET_errSuccess && v.separated) {
			err = isam_column_reference(&cur, c, *itag, &v, &ref, &cb_ref);
			if (err == JET_errSuccess) {
				*actual = cb_ref;
				if (buf && cb)
					memcpy(buf, ref, cb_ref < cb ? cb_ref : cb);
				err = cb_ref > cb ? JET_wrnBufferTruncated : JET_wrnColumnReference;
				free(ref);
			}
			goto out;
		}
	}
	if (grbit & JET_bitRetrievePageNumber) {
		/* fldext.cxx: the page of the record, a 4-byte page number */
		*actual = 4;
		if (!buf || cb < 4)
			err = JET_errBufferTooSmall;
		else
			memcpy(buf, &cur.pgno, 4);
		goto out;
	}
	if (grbit & (JET_bitRetrieveLongId | JET_bitRetrieveLongValueRefCount |
		     JET_bitRetrievePhysicalSize | JET_bitRetrievePrereadOnly |
		     JET_bitRetrievePrereadMany)) {
		err = isam_column_locate(cur.rec, c, *itag, &v);
		if (err == JET_errColumnNotFound && !(flags & ISAM_READ_IGNORE_DEFAULT) && c->def &&
		    *itag == 1) {
			memset(&v, 0, sizeof(v));
			v.data = c->def;
			v.cb = c->cb_def;
			err = JET_errSuccess;
		} else if (err == JET_errColumnNotFound) {
			err = JET_wrnColumnNull;
		}
		if (err != JET_errSuccess)
			goto out;
		if (grbit & (JET_bitRetrieveLongId | JET_bitRetrieveLongValueRefCount)) {
			/* ESE: "unsupported for intrinsic LVs" */
			err = v.separated ? long_value_facts(&cur, &v, buf, cb, actual, grbit)
					  : JET_wrnColumnNull;
		} else if (grbit & JET_bitRetrievePhysicalSize) {
			struct isam_lv_footprint f;
			if (v.separated &&
			    (err = isam_lv_footprint(cur.pager, cur.table->lv_fdp, v.data, v.cb, &f)) ==
				    JET_errSuccess)
				*actual = f.cb_chunks > 0xffffffffu ? 0xffffffffu : (uint32_t)f.cb_chunks;
			else if (!v.separated)
				*actual = v.cb;
		} else if (v.separated) {
			/* JET_bitRetrievePrereadOnly, with JET_bitRetrievePrereadMany
			 * its only companion: nothing is returned */
			if (grbit != JET_bitRetrievePrereadOnly &&
			    grbit != (JET_bitRetrievePrereadOnly | JET_bitRetrievePrereadMany))
				err = JET_errInvalidGrbit;
			*actual = 0;
		} else {
			goto read;
		}
		goto out;
	}
read:
	if (!isam_column_is_long(c))
		offset = 0;
	err = isam_column_read(cur.pager, cur.table->lv_fdp, cur.rec, c, *itag, offset, buf,
			       buf ? cb : 0, &size, &flags);
	if (err == JET_errSuccess) {
		*actual = size > offset ? size - offset : 0;
		if (*actual > cb)
			err = JET_wrnBufferTruncated;
	}
out:
	isam_cursor_leave(inst);
	return err;
}
