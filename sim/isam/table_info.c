#include "isam/table_info.h"

#include <stdlib.h>
#include <string.h>

#include "isam/catalog.h"
#include "isam/cursor.h"
#include "isam/index_key.h"
#include "isam/record.h"
#include "isam/schema.h"
#include "jet_values.h"

/* JET_objtyp* */
#define OBJTYP_NIL 0
#define OBJTYP_TABLE 1
/* JET_OBJECTINFO's grbit: JET_bitTableInfoUpdatable, Bookmark, Rollback */
#define TABLE_INFO_UPDATABLE 0x1
#define TABLE_INFO_BOOKMARK 0x2
#define TABLE_INFO_ROLLBACK 0x4
/* JET_bitObject* (jethdr.w) */
#define OBJECT_SYSTEM 0x80000000u
#define OBJECT_FIXED_DDL 0x40000000u
#define OBJECT_TEMPLATE 0x20000000u
#define OBJECT_DERIVED 0x10000000u
#define OBJECT_SYSTEM_DYNAMIC (OBJECT_SYSTEM | 0x08000000u)
/* IDB flags (idb.hxx): the persisted fidb* in the low half of Flags, the
 * fIDX* in the high half */
#define IDB_UNIQUE 0x0001
#define IDB_ALLOW_ALL_NULLS 0x0002
#define IDB_ALLOW_FIRST_NULL 0x0004
#define IDB_ALLOW_SOME_NULLS 0x0008
#define IDB_NO_NULL_SEG 0x0010
#define IDB_PRIMARY 0x0020
#define IDB_SORT_NULLS_HIGH 0x0800
#define IDB_CROSS_PRODUCT 0x2000
#define IDB_DISALLOW_TRUNCATION 0x4000
#define IDB_NESTED_TABLE 0x8000
#define IDX_EXTENDED_COLUMNS 0x00010000u
#define IDX_DOTNET_GUID 0x00020000u
#define IDX_DEFERRED_POPULATE 0x00040000u
/* JET_bitIndex* */
#define INDEX_UNIQUE 0x00000001
#define INDEX_PRIMARY 0x00000002
#define INDEX_DISALLOW_NULL 0x00000004
#define INDEX_IGNORE_NULL 0x00000008
#define INDEX_IGNORE_ANY_NULL 0x00000020
#define INDEX_IGNORE_FIRST_NULL 0x00000040
#define INDEX_SORT_NULLS_HIGH 0x00000400
#define INDEX_CROSS_PRODUCT 0x00004000
#define INDEX_KEY_MOST 0x00008000
#define INDEX_DISALLOW_TRUNCATION 0x00010000
#define INDEX_NESTED_TABLE 0x00020000
#define INDEX_DOTNET_GUID 0x00040000
#define INDEX_DEFERRED_POPULATE 0x00100000
/* JET_bitKeyDescending */
#define KEY_DESCENDING 0x1
/* JET_cbKeyMost_OLD */
#define KEY_MOST_OLD 255
/* JET_bitColumn*: Fixed, TTKey; usUniCodePage, usEnglishCodePage */
#define CP_UNICODE 1200
#define CP_ENGLISH 1252

#define T(coltyp, key) {coltyp, 0, key}

/* info.cxx's rgcolumndefGetObjectInfo: container and object name keyed */
static const struct isam_tt_column object_columns[ISAM_OBJ_COLUMNS] = {
	T(ISAM_COLTYP_TEXT, 1), T(ISAM_COLTYP_TEXT, 1), T(ISAM_COLTYP_LONG, 0),
	T(ISAM_COLTYP_DATE_TIME, 0), T(ISAM_COLTYP_DATE_TIME, 0), T(ISAM_COLTYP_LONG, 0),
	T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_LONG, 0),
};
/* rgcolumndefGetColumnInfo (the compact form: the default as Binary, and
 * no key: columns in their id order) */
static const struct isam_tt_column column_columns[ISAM_COL_COLUMNS] = {
	T(ISAM_COLTYP_LONG, 1), T(ISAM_COLTYP_TEXT, 1), T(ISAM_COLTYP_LONG, 0),
	T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_SHORT, 0), T(ISAM_COLTYP_SHORT, 0),
	T(ISAM_COLTYP_SHORT, 0), T(ISAM_COLTYP_SHORT, 0), T(ISAM_COLTYP_LONG, 0),
	T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_LONG_BINARY, 0), T(ISAM_COLTYP_TEXT, 0),
	T(ISAM_COLTYP_TEXT, 0),
};
/* rgcolumndefGetIndexInfo: keyed by index name and key column number */
static const struct isam_tt_column index_columns[ISAM_IDX_COLUMNS] = {
	T(ISAM_COLTYP_TEXT, 1), T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_LONG, 0),
	T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_LONG, 0),
	T(ISAM_COLTYP_LONG, 1), T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_LONG, 0),
	T(ISAM_COLTYP_SHORT, 0), T(ISAM_COLTYP_SHORT, 0), T(ISAM_COLTYP_SHORT, 0),
	T(ISAM_COLTYP_SHORT, 0), T(ISAM_COLTYP_LONG, 0), T(ISAM_COLTYP_TEXT, 0),
	T(ISAM_COLTYP_LONG, 0),
};

/* A list being made: its table and the text form of its names. */
struct list {
	struct isam_temp_table *tt;
	int wide;
	int err;
};

static int list_open(struct list *l, const struct isam_view *v, const struct isam_tt_column *def,
		     unsigned n, int wide, struct isam_list *out)
{
	struct isam_tt_column cols[ISAM_TT_COLUMNS_MAX];
	unsigned i;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		cols[i] = def[i];
		if (cols[i].coltyp == ISAM_COLTYP_TEXT)
			cols[i].cp = wide ? CP_UNICODE : CP_ENGLISH;
	}
	l->wide = wide;
	l->err = isam_tt_create(v->sesid, v->inst, cols, n, out->columnid, &l->tt);
	return l->err;
}

static void put(struct list *l, unsigned i, const void *data, uint32_t cb)
{
	if (!l->err)
		l->err = isam_tt_set(l->tt, i, data, cb);
}

static void put_long(struct list *l, unsigned i, uint32_t n)
{
	unsigned char b[4] = {(unsigned char)n, (unsigned char)(n >> 8), (unsigned char)(n >> 16),
			      (unsigned char)(n >> 24)};
	put(l, i, b, 4);
}

static void put_short(struct list *l, unsigned i, uint32_t n)
{
	unsigned char b[2] = {(unsigned char)n, (unsigned char)(n >> 8)};
	put(l, i, b, 2);
}

/* A name: its bytes, or each byte widened to a UTF-16LE unit (info.cxx
 * widens the catalog's names with ErrOSSTRAsciiToUnicode). */
static void put_name(struct list *l, unsigned i, const char *name)
{
	size_t n = strlen(name), k;
	unsigned char *w;
	if (!l->wide) {
		put(l, i, name, (uint32_t)n);
		return;
	}
	if (!(w = malloc(2 * n + 1))) {
		if (!l->err)
			l->err = JET_errOutOfMemory;
		return;
	}
	for (k = 0; k < n; k++) {
		w[2 * k] = (unsigned char)name[k];
		w[2 * k + 1] = 0;
	}
	put(l, i, w, (uint32_t)(2 * n));
	free(w);
}

static void row_done(struct list *l)
{
	if (!l->err)
		l->err = isam_tt_insert(l->tt);
}

static int list_close(struct list *l, struct isam_list *out)
{
	if (!l->err)
		l->err = isam_tt_publish(l->tt, &out->tableid, &out->rows);
	else
		isam_tt_discard(l->tt);
	return l->err;
}

/* --- Objects */

struct object_ctx {
	uint32_t objtyp;
	int stats, wide;
	const char *name;
	struct isam_list *list;
	struct isam_object_info *info;
};

static uint32_t base_grbit(const struct isam_view *v)
{
	/* info.cxx: updatable as the catalog's cursor is, so on a writable attach */
	return TABLE_INFO_BOOKMARK | TABLE_INFO_ROLLBACK | (v->read_only ? 0 : TABLE_INFO_UPDATABLE);
}

static int object_list(const struct isam_view *v, void *p)
{
	struct object_ctx *x = p;
	struct list l;
	unsigned i;
	if (list_open(&l, v, object_columns, ISAM_OBJ_COLUMNS, x->wide, x->list))
		return l.err;
	/* only tables are objects (info.cxx, ErrInfoGetObjectInfoList) */
	for (i = 0; (x->objtyp == OBJTYP_NIL || x->objtyp == OBJTYP_TABLE) &&
		    i < v->cat->ntables; i++) {
		const struct isam_table *t = &v->cat->tables[i];
		put_name(&l, ISAM_OBJ_CONTAINER, "Tables");
		put_long(&l, ISAM_OBJ_TYPE, OBJTYP_TABLE);
		put_name(&l, ISAM_OBJ_NAME, t->name);
		put_long(&l, ISAM_OBJ_FLAGS, t->flags);
		/* statistics are what JetComputeStats stored: none here */
		put_long(&l, ISAM_OBJ_RECORDS, 0);
		put_long(&l, ISAM_OBJ_PAGES, 0);
		put_long(&l, ISAM_OBJ_GRBIT, base_grbit(v));
		row_done(&l);
	}
	return list_close(&l, x->list);
}

int sim_object_list(uintptr_t sesid, uint32_t dbid, uint32_t objtyp, int stats, int wide,
		    struct isam_list *out)
{
	struct object_ctx x = {objtyp, stats, wide, NULL, out, NULL};
	if (!out)
		return JET_errInvalidParameter;
	return sim_with_database(sesid, dbid, object_list, &x);
}

static int object_info(const struct isam_view *v, void *p)
{
	struct object_ctx *x = p;
	const struct isam_table *t = isam_catalog_table(v->cat, x->name);
	if (!t)
		return JET_errObjectNotFound;
	memset(x->info, 0, sizeof(*x->info));
	x->info->grbit = base_grbit(v);
	x->info->flags = t->flags;
	return JET_errSuccess;
}

int sim_object_info(uintptr_t sesid, uint32_t dbid, const char *name, int stats,
		    struct isam_object_info *out)
{
	struct object_ctx x = {OBJTYP_TABLE, stats, 0, name, NULL, out};
	if (!out || !name)
		return JET_errInvalidParameter;
	return sim_with_database(sesid, dbid, object_info, &x);
}

/* --- Tables */

static char *dup_string(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	if (d)
		strcpy(d, s);
	return d;
}

/* info.cxx, ErrIsamGetTableInfo(JET_TblInfo): the tables the engine keeps
 * for itself are system objects */
static uint32_t table_flags(const struct isam_table *t)
{
	static const char *const dynamic[] = {
		"MSysDefrag1", "MSysDefrag2", "MSysOLD2", "MSysUnicodeFixupVer1",
		"MSysUnicodeFixupVer2", "MSysScan1", "MSysObjids", "MSysDatabaseMaintenance",
		"MSysDeferredPopulateKeys", "MSysLocales", "MSysExtentPageCountCache",
	};
	uint32_t f = 0;
	unsigned i;
	if (t->objid == ISAM_CATALOG_OBJID || t->objid == ISAM_SHADOW_OBJID)
		f |= OBJECT_SYSTEM;
	for (i = 0; !f && i < sizeof(dynamic) / sizeof(dynamic[0]); i++)
		if (isam_name_equal(t->name, dynamic[i]))
			f |= OBJECT_SYSTEM_DYNAMIC;
	if (t->flags & ISAM_TABLE_FIXED_DDL)
		f |= OBJECT_FIXED_DDL;
	if (t->flags & ISAM_TABLE_TEMPLATE)
		f |= OBJECT_TEMPLATE;
	else if (t->flags & ISAM_TABLE_DERIVED)
		f |= OBJECT_DERIVED;
	return f;
}

static int table_info(const struct isam_view *v, void *p)
{
	struct isam_table_info *out = p;
	const struct isam_table *t = v->table;
	memset(out, 0, sizeof(*out));
	out->name = dup_string(t->name);
	out->template_name = dup_string(t->template_name ? t->template_name : "");
	if (!out->name || !out->template_name) {
		isam_table_info_release(out);
		return JET_errOutOfMemory;
	}
	out->dbid = v->dbid;
	out->objid = t->objid;
	out->pages = t->pages;
	out->density = t->density;
	/* a table without LVChunkMax in the catalog has the engine's default
	 * chunk (cat.cxx: JET_paramLVChunkSizeMost, a page less its overhead) */
	out->lv_chunk_max = t->lv_chunk_max ? t->lv_chunk_max : v->page_size - 82;
	out->object.grbit = base_grbit(v);
	out->object.flags = table_flags(t);
	return JET_errSuccess;
}

int sim_table_info(uintptr_t sesid, uintptr_t tableid, struct isam_table_info *out,
		   int *temporary)
{
	*temporary = isam_tt_is(tableid);
	if (*temporary)
		return JET_errInvalidOperation;
	return sim_with_table(sesid, tableid, table_info, out);
}

void isam_table_info_release(struct isam_table_info *info)
{
	free(info->name);
	free(info->template_name);
	info->name = info->template_name = NULL;
}

/* --- Columns */

struct column_ctx {
	uint32_t grbit;
	int wide;
	struct isam_list *list;
};

static int column_list(const struct isam_view *v, void *p)
{
	struct column_ctx *x = p;
	const struct isam_table *t = v->table;
	struct isam_tt_column def[ISAM_COL_COLUMNS];
	struct list l;
	unsigned i;
	memcpy(def, column_columns, sizeof(def));
	if (x->grbit & ISAM_COLLIST_COMPACTING) {
		def[ISAM_COL_PORDER].key = def[ISAM_COL_NAME].key = 0;
		def[ISAM_COL_DEFAULT].coltyp = ISAM_COLTYP_BINARY;
	}
	if (list_open(&l, v, def, ISAM_COL_COLUMNS, x->wide, x->list))
		return l.err;
	/* info.cxx, ErrInfoGetTableColumnInfoList: a derived table's template
	 * columns first (unless only the table's own are asked for, or the
	 * list is for compacting), then its own; each part fixed, variable and
	 * tagged columns in id order (columns sorts them so) */
	for (i = 0; i < 2 * t->ncolumns; i++) {
		const struct isam_column *c = &t->columns[i % t->ncolumns];
		if ((i < t->ncolumns) != (c->derived != 0) ||
		    (c->derived && (x->grbit & (ISAM_COLLIST_NON_DERIVED | ISAM_COLLIST_COMPACTING))))
			continue;
		if (x->grbit & ISAM_COLLIST_SORT_COLUMNID)
			put_long(&l, ISAM_COL_PORDER, isam_column_id(c));
		put_name(&l, ISAM_COL_NAME, c->name);
		put_long(&l, ISAM_COL_ID, isam_column_id(c));
		if (!(x->grbit & ISAM_COLLIST_MINIMAL)) {
			put_long(&l, ISAM_COL_TYPE, c->coltyp);
			put_short(&l, ISAM_COL_COUNTRY, ISAM_COUNTRY_DEFAULT);
			put_short(&l, ISAM_COL_LANGID, ISAM_LCID_DEFAULT);
			put_short(&l, ISAM_COL_CP, c->codepage);
			put_long(&l, ISAM_COL_CBMAX, c->cb_max);
			put_long(&l, ISAM_COL_GRBIT, isam_column_grbit(c));
			put_short(&l, ISAM_COL_COLLATE, 0);
			if (c->def && c->cb_def)
				put(&l, ISAM_COL_DEFAULT, c->def, c->cb_def);
			put_name(&l, ISAM_COL_TABLE_NAME, t->name);
			put_name(&l, ISAM_COL_COLUMN_NAME, c->name);
		}
		row_done(&l);
	}
	return list_close(&l, x->list);
}

int sim_column_list(uintptr_t sesid, uintptr_t tableid, uint32_t grbit, int wide,
		    struct isam_list *out)
{
	struct column_ctx x = {grbit, wide, out};
	if (!out)
		return JET_errInvalidParameter;
	return sim_with_table(sesid, tableid, column_list, &x);
}

/* --- Indexes */

/* IDB::GrbitFromFlags (fcreate.cxx) */
static uint32_t index_grbit(const struct isam_index *x)
{
	uint32_t f = x->flags, g = 0;
	if (f & IDB_PRIMARY)
		g |= INDEX_PRIMARY;
	if (f & IDB_UNIQUE)
		g |= INDEX_UNIQUE;
	if (f & IDB_CROSS_PRODUCT)
		g |= INDEX_CROSS_PRODUCT;
	if (f & IDB_NESTED_TABLE)
		g |= INDEX_NESTED_TABLE;
	if (f & IDX_DOTNET_GUID)
		g |= INDEX_DOTNET_GUID;
	if (f & IDX_DEFERRED_POPULATE)
		g |= INDEX_DEFERRED_POPULATE;
	if (f & IDB_DISALLOW_TRUNCATION)
		g |= INDEX_DISALLOW_TRUNCATION;
	if (f & IDB_NO_NULL_SEG) {
		g |= INDEX_DISALLOW_NULL;
	} else {
		if (!(f & IDB_ALLOW_ALL_NULLS))
			g |= INDEX_IGNORE_NULL;
		if (!(f & IDB_ALLOW_FIRST_NULL))
			g |= INDEX_IGNORE_FIRST_NULL;
		if (!(f & IDB_ALLOW_SOME_NULLS))
			g |= INDEX_IGNORE_ANY_NULL;
		if (f & IDB_SORT_NULLS_HIGH)
			g |= INDEX_SORT_NULLS_HIGH;
	}
	if (x->key_most > KEY_MOST_OLD)
		g |= INDEX_KEY_MOST;
	return g;
}

static uint32_t index_key_most(const struct isam_index *x)
{
	return x->key_most ? x->key_most : KEY_MOST_OLD;
}

/* KeyFldIDs holds 4-byte IDXSEGs when the index's fIDXExtendedColumns
 * says so, else 2-byte fids (isam_index_segment reads each). */
static unsigned key_segments(const struct isam_index *x)
{
	return x->cb_key_fields / ((x->flags & IDX_EXTENDED_COLUMNS) ? 4 : 2);
}

static uint32_t index_lcid(const struct isam_index *x)
{
	/* newer catalogs keep a locale name and LCID 0: the default locale */
	return x->locale ? x->locale : ISAM_LCID_DEFAULT;
}

struct index_ctx {
	const char *name;
	int wide;
	struct isam_list *list;
	struct isam_index_info *info;
};

static int index_list(const struct isam_view *v, void *p)
{
	struct index_ctx *x = p;
	const struct isam_table *t = v->table;
	struct list l;
	unsigned i, s, found = 0;
	int all = !x->name || !*x->name;
	for (i = 0; !all && i < t->nindexes; i++)
		found += isam_name_equal(t->indexes[i].name, x->name);
	if (!all && !found)
		return JET_errIndexNotFound;
	if (list_open(&l, v, index_columns, ISAM_IDX_COLUMNS, x->wide, x->list))
		return l.err;
	for (i = 0; i < t->nindexes; i++) {
		const struct isam_index *ix = &t->indexes[i];
		unsigned n = key_segments(ix);
		if (!all && !isam_name_equal(ix->name, x->name))
			continue;
		for (s = 0; s < n; s++) {
			uint32_t columnid;
			int desc;
			const struct isam_column *c;
			isam_index_segment(ix, s, &columnid, &desc);
			c = isam_table_column(t, columnid);
			put_name(&l, ISAM_IDX_NAME, ix->name);
			put_long(&l, ISAM_IDX_GRBIT, index_grbit(ix));
			/* statistics are what JetComputeStats stored: none here */
			put_long(&l, ISAM_IDX_KEYS, 0);
			put_long(&l, ISAM_IDX_ENTRIES, 0);
			put_long(&l, ISAM_IDX_PAGES, 0);
			put_long(&l, ISAM_IDX_CCOLUMN, n);
			put_long(&l, ISAM_IDX_ICOLUMN, s);
			put_long(&l, ISAM_IDX_COLUMNID, c ? isam_column_id(c) : columnid);
			put_long(&l, ISAM_IDX_COLTYP, c ? c->coltyp : 0);
			put_short(&l, ISAM_IDX_COUNTRY, ISAM_COUNTRY_DEFAULT);
			put_short(&l, ISAM_IDX_LANGID, index_lcid(ix) & 0xffff);
			put_long(&l, ISAM_IDX_LCMAP_FLAGS, ix->lcmap_flags);
			put_short(&l, ISAM_IDX_CP, c ? c->codepage : 0);
			put_short(&l, ISAM_IDX_COLLATE, 0);
			put_long(&l, ISAM_IDX_COLUMN_GRBIT, desc ? KEY_DESCENDING : 0);
			put_name(&l, ISAM_IDX_COLUMN_NAME, c ? c->name : "");
			row_done(&l);
		}
	}
	return list_close(&l, x->list);
}

int sim_index_list(uintptr_t sesid, uintptr_t tableid, const char *index, int wide,
		   struct isam_list *out)
{
	struct index_ctx x = {index, wide, out, NULL};
	if (!out)
		return JET_errInvalidParameter;
	return sim_with_table(sesid, tableid, index_list, &x);
}

static int index_info(const struct isam_view *v, void *p)
{
	struct index_ctx *x = p;
	const struct isam_table *t = v->table;
	const struct isam_index *ix = NULL;
	unsigned i;
	memset(x->info, 0, sizeof(*x->info));
	/* JET_IdxInfoCount: the primary (or sequential) index and the others */
	x->info->count = 1;
	for (i = 0; i < t->nindexes; i++) {
		if (!(t->indexes[i].flags & IDB_PRIMARY))
			x->info->count++;
		if (x->name && *x->name ? isam_name_equal(t->indexes[i].name, x->name)
					: (t->indexes[i].flags & IDB_PRIMARY) != 0)
			ix = &t->indexes[i];
	}
	/* a table without a primary index has its sequential one */
	if (!ix)
		return x->name && *x->name ? JET_errIndexNotFound : JET_errSuccess;
	x->info->grbit = index_grbit(ix);
	x->info->lcid = index_lcid(ix);
	x->info->lcmap_flags = ix->lcmap_flags;
	x->info->key_most = index_key_most(ix);
	/* VarSegMac as stored, else the key's size (cat.cxx) */
	x->info->var_seg_mac = ix->cb_var_seg_mac >= 2
				       ? (uint32_t)(ix->var_seg_mac[0] | ix->var_seg_mac[1] << 8)
				       : x->info->key_most;
	x->info->density = ix->density;
	x->info->objid = ix->objid;
	x->info->fdp = ix->fdp;
	return JET_errSuccess;
}

int sim_index_info(uintptr_t sesid, uintptr_t tableid, const char *index,
		   struct isam_index_info *out)
{
	struct index_ctx x = {index, 0, NULL, out};
	if (!out)
		return JET_errInvalidParameter;
	return sim_with_table(sesid, tableid, index_info, &x);
}
