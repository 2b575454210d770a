#include "isam/schema.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>

#include "isam/record.h"
#include "jet_values.h"

uint32_t isam_column_grbit(const struct isam_column *c)
{
	/* tdb.hxx's persisted FIELDFLAGs to JET_bitColumn* */
	static const uint32_t map[][2] = {
		{0x0001, 0x4},     /* NotNull */
		{0x0002, 0x8},     /* Version */
		{0x0004, 0x10},    /* Autoincrement */
		{0x0008, 0x400},   /* Multivalued */
		{0x0020, 0x800},   /* EscrowUpdate */
		{0x0040, 0x4000},  /* Finalize */
		{0x0080, 0x8000},  /* UserDefinedDefault */
		{0x0200, 0x20000}, /* DeleteOnZero */
		{0x1000, 0x80000}, /* Compressed */
	};
	uint32_t g = c->id <= ISAM_FID_FIXED_LAST ? 0x1 : c->id > ISAM_FID_VAR_LAST ? 0x2 : 0;
	unsigned i;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (c->grbit & map[i][0])
			g |= map[i][1];
	return g;
}

uint32_t isam_fixed_size(const struct isam_column *c)
{
	switch (c->coltyp) {
	case ISAM_COLTYP_BIT:
	case ISAM_COLTYP_UNSIGNED_BYTE:
		return 1;
	case ISAM_COLTYP_SHORT:
	case ISAM_COLTYP_UNSIGNED_SHORT:
		return 2;
	case ISAM_COLTYP_LONG:
	case ISAM_COLTYP_IEEE_SINGLE:
	case ISAM_COLTYP_UNSIGNED_LONG:
		return 4;
	case ISAM_COLTYP_CURRENCY:
	case ISAM_COLTYP_IEEE_DOUBLE:
	case ISAM_COLTYP_DATE_TIME:
	case ISAM_COLTYP_LONG_LONG:
		return 8;
	case ISAM_COLTYP_GUID:
		return 16;
	default:
		return c->cb_max;
	}
}

uint32_t isam_column_id(const struct isam_column *c)
{
	return c->id | (c->template_column ? ISAM_COLUMNID_TEMPLATE : 0);
}

static int fid_kind(uint32_t fid)
{
	return fid <= ISAM_FID_FIXED_LAST ? 0 : fid <= ISAM_FID_VAR_LAST ? 1 : 2;
}

/* tagfld.hxx TAGFLD::FIsLessThan: derived TAGFLDs first, then by fid;
 * fixed and variable fids of a template come before a derived table's */
static int order(uint32_t fa, int da, uint32_t fb, int db)
{
	if (fid_kind(fa) != fid_kind(fb))
		return fid_kind(fa) < fid_kind(fb) ? -1 : 1;
	if (fid_kind(fa) == 2 && da != db)
		return da ? -1 : 1;
	return fa < fb ? -1 : fa > fb;
}

int isam_column_order(const void *a, const void *b)
{
	const struct isam_column *x = a, *y = b;
	return order(x->id, x->derived, y->id, y->derived);
}

static const struct isam_column *find(const struct isam_table *t, uint32_t fid, int derived)
{
	unsigned lo = 0, hi = t->ncolumns;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const struct isam_column *c = &t->columns[mid];
		int d = order(c->id, fid_kind(fid) == 2 && c->derived, fid, fid_kind(fid) == 2 && derived);
		if (d == 0)
			return c;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct isam_column *isam_table_column(const struct isam_table *t, uint32_t id)
{
	const struct isam_column *c;
	uint32_t fid = id & ~ISAM_COLUMNID_TEMPLATE;
	if (fid > 0xffff)
		return NULL;
	if (id & ISAM_COLUMNID_TEMPLATE) {
		c = find(t, fid, t->derived);
		/* an ESE97 template's tagged columns are stored without fDerived */
		if (!c && t->derived)
			c = find(t, fid, 0);
		return c && c->template_column ? c : NULL;
	}
	c = find(t, fid, 0);
	if (!c && t->derived)
		c = find(t, fid, 1);
	return c;
}

/* fldext.cxx ErrRECIAccessColumn: a caller's columnid without
 * fCOLUMNIDTemplate names none of a template table's columns, and on a
 * derived table only its own (its fixed and variable fids begin after the
 * template's, its tagged ones are told apart from the template's) */
const struct isam_column *isam_table_columnid(const struct isam_table *t, uint32_t columnid)
{
	const struct isam_column *c;
	if (columnid & ISAM_COLUMNID_TEMPLATE)
		return isam_table_column(t, columnid);
	/* a template table's columns all carry the mark */
	if (columnid > 0xffff)
		return NULL;
	c = find(t, columnid, 0);
	return c && !c->template_column ? c : NULL;
}

int isam_name_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

/* FNV-1a over the name folded as isam_name_equal folds it */
static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 16777619u;
	return h;
}

const struct isam_column *isam_table_column_named(const struct isam_table *t, const char *name)
{
	unsigned i;
	if (t->by_name) {
		uint32_t slot = name_hash(name) & t->by_name_mask;
		for (; t->by_name[slot]; slot = (slot + 1) & t->by_name_mask)
			if (isam_name_equal(t->columns[t->by_name[slot] - 1].name, name))
				return &t->columns[t->by_name[slot] - 1];
		return NULL;
	}
	for (i = 0; i < t->ncolumns; i++)
		if (isam_name_equal(t->columns[i].name, name))
			return &t->columns[i];
	return NULL;
}

int isam_table_index_names(struct isam_table *t)
{
	uint32_t slots = 8, i;
	isam_table_free_names(t);
	while (slots < 2 * (uint64_t)t->ncolumns)
		slots *= 2;
	t->by_name = calloc(slots, sizeof(*t->by_name));
	if (!t->by_name)
		return JET_errOutOfMemory;
	t->by_name_mask = slots - 1;
	/* in column order: of two equal names (never in ESE's catalog) the
	 * lower id is met first, as the pass finds it */
	for (i = 0; i < t->ncolumns; i++) {
		uint32_t slot = name_hash(t->columns[i].name) & t->by_name_mask;
		while (t->by_name[slot])
			slot = (slot + 1) & t->by_name_mask;
		t->by_name[slot] = i + 1;
	}
	return JET_errSuccess;
}

void isam_table_free_names(struct isam_table *t)
{
	free(t->by_name);
	t->by_name = NULL;
	t->by_name_mask = 0;
}
