#include "isam/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "isam/btree.h"
#include "isam/column.h"
#include "isam/record.h"
#include "jet_values.h"

/* What every ESE writes alike (_cat.cxx, rgcdescMSO): enough of the
 * catalog's own columns to read the rows that describe all of them. */
static const struct isam_column bootstrap[] = {
	{1, ISAM_COLTYP_LONG, 4, 0, 0, 4, (char *)"ObjidTable", NULL, 0, 0, 0},
	{2, ISAM_COLTYP_SHORT, 2, 0, 0, 8, (char *)"Type", NULL, 0, 0, 0},
	{3, ISAM_COLTYP_LONG, 4, 0, 0, 10, (char *)"Id", NULL, 0, 0, 0},
	{4, ISAM_COLTYP_LONG, 4, 0, 0, 14, (char *)"ColtypOrPgnoFDP", NULL, 0, 0, 0},
	{5, ISAM_COLTYP_LONG, 4, 0, 0, 18, (char *)"SpaceUsage", NULL, 0, 0, 0},
	{6, ISAM_COLTYP_LONG, 4, 0, 0, 22, (char *)"Flags", NULL, 0, 0, 0},
	{7, ISAM_COLTYP_LONG, 4, 0, 0, 26, (char *)"PagesOrLocale", NULL, 0, 0, 0},
	{8, ISAM_COLTYP_BIT, 1, 0, 0, 30, (char *)"RootFlag", NULL, 0, 0, 0},
	{9, ISAM_COLTYP_SHORT, 2, 0, 0, 31, (char *)"RecordOffset", NULL, 0, 0, 0},
	{128, ISAM_COLTYP_TEXT, 255, 0, 1252, 0, (char *)"Name", NULL, 0, 0, 0},
};

const struct isam_table *isam_catalog_table(const struct isam_catalog *cat, const char *name)
{
	unsigned i;
	for (i = 0; i < cat->ntables; i++)
		if (isam_name_equal(cat->tables[i].name, name))
			return &cat->tables[i];
	return NULL;
}

/* One catalog row, read with the catalog's column list. */
struct row {
	struct isam_record rec;
	const struct isam_table *schema;
	struct isam_pager *pager;
	uint32_t lv_fdp;
};

static int row_long(const struct row *r, const char *name, uint32_t *out)
{
	const struct isam_column *c = isam_table_column_named(r->schema, name);
	unsigned char buf[8];
	uint32_t cb;
	int rc;
	*out = 0;
	if (!c)
		return JET_wrnColumnNull;
	rc = isam_column_read(r->pager, r->lv_fdp, &r->rec, c, 1, 0, buf, sizeof(buf), &cb, NULL);
	if (rc != JET_errSuccess)
		return rc < 0 ? rc : JET_wrnColumnNull;
	if (cb == 1)
		*out = buf[0];
	else if (cb == 2)
		*out = isam_le16(buf);
	else if (cb >= 4)
		*out = isam_le32(buf);
	return JET_errSuccess;
}

/* A variable or long column, malloc'ed (NUL-terminated); NULL if none. */
static int row_bytes(const struct row *r, const char *name, unsigned char **out, uint32_t *cb)
{
	const struct isam_column *c = isam_table_column_named(r->schema, name);
	uint32_t size = 0, got;
	int rc;
	*out = NULL;
	*cb = 0;
	if (!c)
		return JET_errSuccess;
	rc = isam_column_read(r->pager, r->lv_fdp, &r->rec, c, 1, 0, NULL, 0, &size, NULL);
	if (rc < 0)
		return rc;
	if (rc == JET_wrnColumnNull)
		return JET_errSuccess;
	*out = malloc(size + 1);
	if (!*out)
		return JET_errOutOfMemory;
	rc = isam_column_read(r->pager, r->lv_fdp, &r->rec, c, 1, 0, *out, size, &got, NULL);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		return rc;
	}
	(*out)[size] = 0;
	*cb = size;
	return JET_errSuccess;
}

/* A short column's bytes into buf: how many it holds (0 when null or
 * absent; more than cb when it does not fit). */
static uint32_t row_copy(const struct row *r, const char *name, unsigned char *buf, uint32_t cb)
{
	const struct isam_column *c = isam_table_column_named(r->schema, name);
	uint32_t got = 0;
	int rc;
	if (!c)
		return 0;
	rc = isam_column_read(r->pager, r->lv_fdp, &r->rec, c, 1, 0, buf, cb, &got, NULL);
	return rc < 0 || rc == JET_wrnColumnNull ? 0 : got;
}

/* Stats (cat.cxx, ErrCATStats: an LE_SR, items, keys, pages and the
 * time JetComputeStats ran); none stored reads as zeros. */
static void row_stats(const struct row *r, struct isam_stats *st)
{
	unsigned char b[20];
	memset(st, 0, sizeof(*st));
	if (row_copy(r, "Stats", b, sizeof(b)) == sizeof(b)) {
		st->items = isam_le32(b);
		st->keys = isam_le32(b + 4);
		st->pages = isam_le32(b + 8);
	}
}

static char *dup_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

static struct isam_table *table_of(struct isam_catalog *cat, uint32_t objid)
{
	unsigned i;
	for (i = cat->ntables; i-- > 0;)
		if (cat->tables[i].objid == objid)
			return &cat->tables[i];
	return NULL;
}

static int grow(void **array, unsigned count, size_t size)
{
	/* capacity doubles at powers of two */
	if (count && (count & (count - 1)))
		return JET_errSuccess;
	void *n = realloc(*array, (count ? count * 2 : 4) * size);
	if (!n)
		return JET_errOutOfMemory;
	*array = n;
	return JET_errSuccess;
}

static void free_table(struct isam_table *t)
{
	unsigned i;
	for (i = 0; i < t->ncolumns; i++) {
		free(t->columns[i].name);
		free(t->columns[i].def);
	}
	for (i = 0; i < t->nindexes; i++) {
		free(t->indexes[i].name);
		free(t->indexes[i].key_fields);
		free(t->indexes[i].conditional);
		free(t->indexes[i].var_seg_mac);
		free(t->indexes[i].locale_name);
	}
	isam_table_free_names(t);
	free(t->columns);
	free(t->indexes);
	free(t->name);
	free(t->template_name);
}

/* One pass over the catalog with `schema`, keeping the rows `want`
 * (ObjidTable; 0 for all) in `cat`. */
static int scan(struct isam_pager *pager, const struct isam_table *schema, uint32_t lv_fdp,
		uint32_t want, struct isam_catalog *cat)
{
	struct isam_btree bt;
	struct row r;
	int rc = isam_btree_open(&bt, pager, ISAM_CATALOG_ROOT);
	if (rc != JET_errSuccess)
		return rc;
	r.schema = schema;
	r.pager = pager;
	r.lv_fdp = lv_fdp;
	for (rc = isam_btree_first(&bt); rc == JET_errSuccess; rc = isam_btree_next(&bt)) {
		uint32_t objid, type, id, coltyp, space, flags, pages, offset;
		unsigned char *name;
		uint32_t cb_name;
		struct isam_table *t;
		rc = isam_record_parse(&r.rec, bt.node.data, bt.node.cb_data, pager->page_size > 8192);
		if (rc != JET_errSuccess)
			break;
		row_long(&r, "ObjidTable", &objid);
		if (want && objid != want)
			continue;
		row_long(&r, "Type", &type);
		row_long(&r, "Id", &id);
		row_long(&r, "ColtypOrPgnoFDP", &coltyp);
		row_long(&r, "SpaceUsage", &space);
		row_long(&r, "Flags", &flags);
		row_long(&r, "PagesOrLocale", &pages);
		row_long(&r, "RecordOffset", &offset);
		rc = row_bytes(&r, "Name", &name, &cb_name);
		if (rc != JET_errSuccess)
			break;
		if (!name) {
			rc = JET_errDatabaseCorrupted;
			break;
		}
		t = table_of(cat, objid);
		if (type == ISAM_CAT_TABLE) {
			if ((rc = grow((void **)&cat->tables, cat->ntables, sizeof(*t))) != 0) {
				free(name);
				break;
			}
			t = &cat->tables[cat->ntables++];
			memset(t, 0, sizeof(*t));
			t->name = (char *)name;
			t->objid = objid;
			t->fdp = coltyp;
			t->density = space;
			t->flags = flags;
			t->pages = pages;
			row_long(&r, "LVChunkMax", &t->lv_chunk_max);
			row_stats(&r, &t->stats);
			t->cb_space_hints = row_copy(&r, "SpaceHints", t->space_hints,
						     sizeof(t->space_hints));
			rc = row_bytes(&r, "TemplateTable", (unsigned char **)&t->template_name, &cb_name);
		} else if (!t) {
			free(name);
			rc = JET_errDatabaseCorrupted;
		} else if (type == ISAM_CAT_COLUMN) {
			struct isam_column *c;
			if ((rc = grow((void **)&t->columns, t->ncolumns, sizeof(*c))) != 0) {
				free(name);
				break;
			}
			c = &t->columns[t->ncolumns++];
			memset(c, 0, sizeof(*c));
			c->id = id;
			c->coltyp = coltyp;
			c->cb_max = space;
			c->grbit = flags;
			c->codepage = pages;
			c->offset = offset;
			c->name = (char *)name;
			rc = row_bytes(&r, "DefaultValue", &c->def, &c->cb_def);
		} else if (type == ISAM_CAT_INDEX) {
			struct isam_index *x;
			if ((rc = grow((void **)&t->indexes, t->nindexes, sizeof(*x))) != 0) {
				free(name);
				break;
			}
			x = &t->indexes[t->nindexes++];
			memset(x, 0, sizeof(*x));
			x->objid = id;
			x->fdp = coltyp;
			x->density = space;
			x->flags = flags;
			x->locale = pages;
			x->name = (char *)name;
			row_long(&r, "LCMapFlags", &x->lcmap_flags);
			row_long(&r, "KeyMost", &x->key_most);
			row_stats(&r, &x->stats);
			x->cb_version = row_copy(&r, "Version", x->version, sizeof(x->version));
			x->cb_sort_id = row_copy(&r, "SortID", x->sort_id, sizeof(x->sort_id));
			x->cb_tuple_limits = row_copy(&r, "TupleLimits", x->tuple_limits,
						      sizeof(x->tuple_limits));
			x->cb_space_hints = row_copy(&r, "SpaceHints", x->space_hints,
						     sizeof(x->space_hints));
			rc = row_bytes(&r, "KeyFldIDs", &x->key_fields, &x->cb_key_fields);
			if (rc == JET_errSuccess)
				rc = row_bytes(&r, "ConditionalColumns", &x->conditional,
					       &x->cb_conditional);
			if (rc == JET_errSuccess)
				rc = row_bytes(&r, "VarSegMac", &x->var_seg_mac, &x->cb_var_seg_mac);
			if (rc == JET_errSuccess)
				rc = row_bytes(&r, "LocaleName", &x->locale_name, &x->cb_locale_name);
		} else {
			if (type == ISAM_CAT_LONG_VALUE)
				t->lv_fdp = coltyp;
			free(name);
		}
		if (rc != JET_errSuccess)
			break;
	}
	isam_btree_close(&bt);
	return rc == JET_errNoCurrentRecord ? JET_errSuccess : rc;
}

/* The catalog's rows about its own columns carry no real RecordOffset (the
 * engine knows the catalog's layout): its fixed columns lie in id order. */
static void fixed_offsets(struct isam_table *t)
{
	uint32_t ib = 4;
	unsigned i;
	for (i = 0; i < t->ncolumns && t->columns[i].id <= ISAM_FID_FIXED_LAST; i++) {
		t->columns[i].offset = ib;
		ib += isam_fixed_size(&t->columns[i]);
	}
}

/* tdb.hxx ffieldTemplateColumnESE98 */
#define FIELD_TEMPLATE_COLUMN_ESE98 0x0100u

/* fcb.cxx / cat.cxx (ErrCATIInitTDB, ErrTDBCreate): a template table's
 * columns are template columns (their ids carry fCOLUMNIDTemplate); a
 * table derived from one holds the template's columns before its own
 * (fixed and variable fids continue after the template's, tagged ones
 * start again at 256, told apart by the TAGFLD's fDerived bit).  The
 * derived table's indexes have their own catalog rows (fidbDerivedIndex,
 * fcreate.cxx ErrFILEICreateInheritedIndexes), whose key columns name
 * the template's with fIDXSEGTemplateColumn. */
int isam_catalog_derive(struct isam_catalog *cat)
{
	unsigned i, k;
	for (i = 0; i < cat->ntables; i++)
		if (cat->tables[i].flags & ISAM_TABLE_TEMPLATE)
			for (k = 0; k < cat->tables[i].ncolumns; k++)
				cat->tables[i].columns[k].template_column = 1;
	for (i = 0; i < cat->ntables; i++) {
		struct isam_table *t = &cat->tables[i];
		const struct isam_table *tmpl;
		struct isam_column *all;
		uint32_t last97;
		unsigned n;
		/* cat.cxx ErrCATIInitFCB: TemplateTable is read only for a table
		 * flagged Derived and not Template, and a template is opened as
		 * is (never derived), so no chain and no cycle; a name longer
		 * than JET_cbNameMost is a corrupt catalog when it is opened */
		if ((t->flags & (ISAM_TABLE_DERIVED | ISAM_TABLE_TEMPLATE)) != ISAM_TABLE_DERIVED ||
		    t->derived)
			continue;
		if (t->template_name && strlen(t->template_name) > 64) {
			t->open_error = JET_errCatalogCorrupted;
			continue;
		}
		/* a template that is not there: opening the table fails as
		 * ErrFILEOpenTable of the template does (cat.cxx) */
		tmpl = t->template_name ? isam_catalog_table(cat, t->template_name) : NULL;
		if (!tmpl) {
			t->open_error = JET_errObjectNotFound;
			continue;
		}
		if (!(tmpl->flags & ISAM_TABLE_TEMPLATE))
			continue;
		/* cat.cxx: a template column without ffieldTemplateColumnESE98
		 * was made by ESE97; the derived table's own tagged fids then
		 * follow the last such, and records hold the template's tagged
		 * values below it without fDerived (rec.hxx
		 * FRECUseDerivedBitForTemplateColumnInDerivedTable) */
		last97 = 0;
		for (k = 0; k < tmpl->ncolumns; k++)
			if (!(tmpl->columns[k].grbit & FIELD_TEMPLATE_COLUMN_ESE98) &&
			    tmpl->columns[k].id > ISAM_FID_VAR_LAST && tmpl->columns[k].id > last97)
				last97 = tmpl->columns[k].id;
		n = tmpl->ncolumns + t->ncolumns;
		if (!(all = calloc(n ? n : 1, sizeof(*all))))
			return JET_errOutOfMemory;
		for (k = 0; k < tmpl->ncolumns; k++) {
			struct isam_column *c = &all[k];
			*c = tmpl->columns[k];
			c->template_column = 1;
			c->derived = c->id > last97;
			c->name = dup_string(tmpl->columns[k].name);
			c->def = NULL;
			if (c->name && tmpl->columns[k].def && (c->def = malloc(c->cb_def)) != NULL)
				memcpy(c->def, tmpl->columns[k].def, c->cb_def);
			if (!c->name || (tmpl->columns[k].def && !c->def)) {
				for (n = 0; n <= k; n++) {
					free(all[n].name);
					free(all[n].def);
				}
				free(all);
				return JET_errOutOfMemory;
			}
		}
		/* a derived table often has no columns of its own (NULL) */
		if (t->ncolumns)
			memcpy(all + tmpl->ncolumns, t->columns, t->ncolumns * sizeof(*all));
		free(t->columns);
		t->columns = all;
		t->ncolumns = n;
		t->derived = 1;
	}
	return JET_errSuccess;
}

int isam_catalog_load(struct isam_pager *pager, struct isam_catalog *cat)
{
	struct isam_table boot, *self, *shadow;
	struct isam_catalog first;
	unsigned i;
	int rc;
	memset(cat, 0, sizeof(*cat));
	memset(&first, 0, sizeof(first));
	memset(&boot, 0, sizeof(boot));
	boot.columns = (struct isam_column *)bootstrap;
	boot.ncolumns = sizeof(bootstrap) / sizeof(bootstrap[0]);
	/* the catalog's rows about itself, read with the bootstrap */
	rc = scan(pager, &boot, 0, ISAM_CATALOG_OBJID, &first);
	self = table_of(&first, ISAM_CATALOG_OBJID);
	if (rc == JET_errSuccess && (!self || self->ncolumns == 0))
		rc = JET_errDatabaseCorrupted;
	if (rc == JET_errSuccess) {
		qsort(self->columns, self->ncolumns, sizeof(*self->columns), isam_column_order);
		fixed_offsets(self);
		rc = isam_table_index_names(self);
	}
	if (rc == JET_errSuccess) {
		/* then everything, with the catalog's own column list */
		rc = scan(pager, self, self->lv_fdp, 0, cat);
	}
	if (rc == JET_errSuccess)
		rc = isam_catalog_derive(cat);
	for (i = 0; rc == JET_errSuccess && i < cat->ntables; i++) {
		struct isam_table *t = &cat->tables[i];
		qsort(t->columns, t->ncolumns, sizeof(*t->columns), isam_column_order);
		rc = isam_table_index_names(t);
	}
	for (i = 0; rc == JET_errSuccess && i < cat->ntables; i++)
		if (cat->tables[i].objid == ISAM_CATALOG_OBJID ||
		    cat->tables[i].objid == ISAM_SHADOW_OBJID)
			fixed_offsets(&cat->tables[i]);
	/* the shadow catalog has the catalog's columns (cat.cxx: one TDB) */
	shadow = rc == JET_errSuccess ? table_of(cat, ISAM_SHADOW_OBJID) : NULL;
	self = rc == JET_errSuccess ? table_of(cat, ISAM_CATALOG_OBJID) : NULL;
	if (shadow && self && shadow->ncolumns == 0 && self->ncolumns) {
		shadow->columns = calloc(self->ncolumns, sizeof(*shadow->columns));
		if (!shadow->columns)
			rc = JET_errOutOfMemory;
		for (i = 0; rc == JET_errSuccess && i < self->ncolumns; i++) {
			struct isam_column *c = &shadow->columns[i];
			*c = self->columns[i];
			c->name = dup_string(self->columns[i].name);
			c->def = NULL;
			c->cb_def = 0;
			shadow->ncolumns++;
			if (!c->name)
				rc = JET_errOutOfMemory;
		}
		if (rc == JET_errSuccess)
			rc = isam_table_index_names(shadow);
	}
	for (i = 0; i < first.ntables; i++)
		free_table(&first.tables[i]);
	free(first.tables);
	if (rc != JET_errSuccess)
		isam_catalog_free(cat);
	return rc;
}

void isam_catalog_free(struct isam_catalog *cat)
{
	unsigned i;
	for (i = 0; i < cat->ntables; i++)
		free_table(&cat->tables[i]);
	free(cat->tables);
	memset(cat, 0, sizeof(*cat));
}
