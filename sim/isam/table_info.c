#include "isam/table_info.h"

#include <stdlib.h>
#include <string.h>

#include "isam/catalog.h"
#include "isam/cursor.h"
#include "isam/index_key.h"
#include "isam/page.h"
#include "isam/record.h"
#include "isam/schema.h"
#include "isam/space.h"
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
#define IDB_LOCALIZED_TEXT 0x0400
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
#define INDEX_TUPLES 0x00001000
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
		/* the statistics JetComputeStats stored (NoStats: 0) */
		put_long(&l, ISAM_OBJ_RECORDS, x->stats ? t->stats.items : 0);
		put_long(&l, ISAM_OBJ_PAGES, x->stats ? t->stats.pages : 0);
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
	if (x->stats) {
		x->info->records = t->stats.items;
		x->info->pages = t->stats.pages;
	}
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
	/* info.cxx, JET_TblInfo: the statistics always (ErrSTATSRetrieveTableStats) */
	out->object.records = t->stats.items;
	out->object.pages = t->stats.pages;
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
	/* FTuples: set by the catalog's TupleLimits (cat.cxx), not a flag */
	if (x->cb_tuple_limits)
		g |= INDEX_TUPLES;
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
		const struct isam_stats *st = (ix->flags & IDB_PRIMARY) ? &t->stats : &ix->stats;
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
			/* the statistics JetComputeStats stored: the primary
			 * index's on the table's row (ErrSTATSRetrieveIndexStats) */
			put_long(&l, ISAM_IDX_KEYS, st->keys);
			put_long(&l, ISAM_IDX_ENTRIES, st->items);
			put_long(&l, ISAM_IDX_PAGES, st->pages);
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

/* The index named, or with no name the primary one (NULL for a table
 * with a sequential index). */
static const struct isam_index *named_index(const struct isam_table *t, const char *name)
{
	unsigned i;
	for (i = 0; i < t->nindexes; i++)
		if (name && *name ? isam_name_equal(t->indexes[i].name, name)
				  : (t->indexes[i].flags & IDB_PRIMARY) != 0)
			return &t->indexes[i];
	return NULL;
}

static int index_info(const struct isam_view *v, void *p)
{
	struct index_ctx *x = p;
	const struct isam_table *t = v->table;
	const struct isam_index *ix = named_index(t, x->name);
	unsigned i;
	memset(x->info, 0, sizeof(*x->info));
	/* JET_IdxInfoCount: the primary (or sequential) index and the others */
	x->info->count = 1;
	for (i = 0; i < t->nindexes; i++)
		if (!(t->indexes[i].flags & IDB_PRIMARY))
			x->info->count++;
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
	/* cat.cxx, ErrCATIRetrieveLocaleInformation: the sort version and
	 * GUID only of an index over Unicode text, the GUID only beside a
	 * version */
	if ((ix->flags & IDB_LOCALIZED_TEXT) && ix->cb_version == sizeof(ix->version)) {
		uint64_t v = isam_le64(ix->version);
		x->info->nls_version = (uint32_t)(v >> 32);
		x->info->defined_version = (uint32_t)v;
		if (ix->cb_sort_id == sizeof(ix->sort_id))
			memcpy(x->info->sort_id, ix->sort_id, sizeof(ix->sort_id));
	}
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

/* --- Space (info.cxx over space.cxx's ErrSPGetInfo) */

/* EXTENTINFO: an extent's last page and its page count */
#define EXTENT_INFO_SIZE 8

static void put32_at(unsigned char *p, uint32_t n)
{
	p[0] = (unsigned char)n;
	p[1] = (unsigned char)(n >> 8);
	p[2] = (unsigned char)(n >> 16);
	p[3] = (unsigned char)(n >> 24);
}

/* ErrSPGetInfo's extent list: room for cext entries, sentinels kept back */
struct extent_list {
	unsigned char *at;
	int cext, iext, sentinels;
};

static void list_extent(void *p, uint32_t pgno_last, uint32_t cpg)
{
	struct extent_list *l = p;
	if (l->iext + l->sentinels < l->cext) {
		put32_at(l->at + EXTENT_INFO_SIZE * l->iext, pgno_last);
		put32_at(l->at + EXTENT_INFO_SIZE * l->iext + 4, cpg);
		l->iext++;
	}
}

/* ErrSPGetInfo on one tree: the owned total, the available total (each if
 * asked, in that order), then with list each one's extents and a zero
 * sentinel.  A buffer short of the totals is JET_errInvalidParameter,
 * short of the sentinels JET_errBufferTooSmall (ErrSPCheckInfoBuf); the
 * whole buffer is zeroed first. */
static int space_get(struct isam_pager *pager, uint32_t fdp, int owned, int avail, int list,
		     unsigned char *buf, uint32_t cb)
{
	uint32_t totals = 4u * (uint32_t)(owned + avail), need = totals, cpg;
	struct extent_list l = {0};
	int err = JET_errSuccess, which;
	if (cb < totals)
		return JET_errInvalidParameter;
	if (list)
		need += EXTENT_INFO_SIZE * (uint32_t)(owned + avail);
	if (cb < need)
		return JET_errBufferTooSmall;
	memset(buf, 0, cb);
	l.at = buf + totals;
	l.cext = list ? (int)((cb - totals) / EXTENT_INFO_SIZE) : 0;
	l.sentinels = list ? owned + avail : 0;
	for (which = 0; which < 2 && !err; which++) {
		if (!(which ? avail : owned))
			continue;
		err = isam_space_count(pager, fdp, which, &cpg, list ? list_extent : NULL, &l);
		if (err)
			break;
		put32_at(buf + (which && owned ? 4 : 0), cpg);
		if (list) {
			l.iext++;   /* the sentinel, zero already */
			l.sentinels--;
		}
	}
	return err;
}

static int tree_count(struct isam_pager *pager, uint32_t fdp, int avail, uint32_t *cpg)
{
	return isam_space_count(pager, fdp, avail, cpg, NULL, NULL);
}

/* ErrINFOIGetCalculatedSpace: a 4-byte buffer exactly; the tree's own
 * count, and for a table's tree the available pages of its secondary
 * indexes and long-value tree added, or their owned pages taken off (the
 * table's OwnExt covers theirs, its AvailExt does not). */
static int calculated_space(const struct isam_view *v, uint32_t fdp, int table, int avail,
			    unsigned char *buf, uint32_t cb)
{
	const struct isam_table *t = v->table;
	uint32_t total, cpg;
	int err;
	unsigned i;
	if (cb != 4)
		return JET_errInvalidBufferSize;
	put32_at(buf, 0);
	if ((err = tree_count(v->pager, fdp, avail, &total)) != 0)
		return err;
	for (i = 0; table && i < t->nindexes; i++) {
		if (t->indexes[i].flags & IDB_PRIMARY)
			continue;
		if ((err = tree_count(v->pager, t->indexes[i].fdp, avail, &cpg)) != 0)
			return err;
		total = avail ? total + cpg : total - cpg;
	}
	if (table && t->lv_fdp) {
		if ((err = tree_count(v->pager, t->lv_fdp, avail, &cpg)) != 0)
			return err;
		total = avail ? total + cpg : total - cpg;
	}
	put32_at(buf, total);
	return JET_errSuccess;
}

struct space_ctx {
	unsigned level;
	const char *index;
	unsigned char *buf;
	uint32_t cb;
};

static int table_space(const struct isam_view *v, void *p)
{
	struct space_ctx *x = p;
	const struct isam_table *t = v->table;
	switch (x->level) {
	case ISAM_SPACE_USAGE:
		/* the table's tree alone; a buffer past the two totals asks for
		 * the extent lists too */
		return space_get(v->pager, t->fdp, 1, 1, x->cb > 8, x->buf, x->cb);
	case ISAM_SPACE_OWNED:
		/* the table's OwnExt covers its indexes' and long values' */
		return space_get(v->pager, t->fdp, 1, 0, 0, x->buf, x->cb);
	case ISAM_SPACE_AVAILABLE:
		return calculated_space(v, t->fdp, 1, 1, x->buf, x->cb);
	default:
		/* ErrINFOGetLVSpaceUsage: no long-value tree is 0 pages */
		if (t->lv_fdp)
			return space_get(v->pager, t->lv_fdp, x->level == ISAM_SPACE_OWNED_LV,
					 x->level == ISAM_SPACE_AVAILABLE_LV, 0, x->buf, x->cb);
		if (x->cb < 4)
			return JET_errBufferTooSmall;
		put32_at(x->buf, 0);
		return JET_errSuccess;
	}
}

int sim_table_space(uintptr_t sesid, uintptr_t tableid, unsigned level, void *buf, uint32_t cb,
		    int *temporary)
{
	struct space_ctx x = {level, NULL, buf, cb};
	*temporary = isam_tt_is(tableid);
	if (*temporary)
		return JET_errInvalidOperation;
	if (!buf)
		return JET_errInvalidParameter;
	return sim_with_table(sesid, tableid, table_space, &x);
}

/* ErrINFOIGetIndexSpaceUsage: the index named, the primary first; owned
 * pages as ErrINFOIGetCalculatedSpace gives them (the primary index's
 * without its table's other trees), available ones of its own tree.  A
 * name no index has leaves the buffer alone and succeeds, as there. */
static int index_space(const struct isam_view *v, void *p)
{
	struct space_ctx *x = p;
	const struct isam_table *t = v->table;
	int pass;
	unsigned i;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < t->nindexes; i++) {
			const struct isam_index *ix = &t->indexes[i];
			int primary = (ix->flags & IDB_PRIMARY) != 0;
			if (primary != !pass || !x->index || !isam_name_equal(ix->name, x->index))
				continue;
			if (x->level == ISAM_SPACE_OWNED)
				return calculated_space(v, primary ? t->fdp : ix->fdp, primary, 0,
							x->buf, x->cb);
			return space_get(v->pager, primary ? t->fdp : ix->fdp, 0, 1, 0, x->buf,
					 x->cb);
		}
	}
	return JET_errSuccess;
}

int sim_index_space(uintptr_t sesid, uintptr_t tableid, const char *index, int avail, void *buf,
		    uint32_t cb)
{
	struct space_ctx x = {avail ? ISAM_SPACE_AVAILABLE : ISAM_SPACE_OWNED, index, buf, cb};
	if (!buf)
		return JET_errInvalidParameter;
	return sim_with_table(sesid, tableid, index_space, &x);
}

/* --- An index's definition as JetCreateIndex takes it (info.cxx,
 * ErrINFOGetTableIndexInfoForCreateIndex and ErrINFOIBuildIndexCreateVX) */

struct create_ctx {
	const char *name;
	struct isam_index_create *out;
};

/* FCB::UlDensity: the density through the free bytes kept per page
 * (fcb.hxx, _CbReservedBytesFromDensity and back) */
static uint32_t density_round_trip(uint32_t density, uint32_t page_size)
{
	int16_t reserved;
	if (density > 100)
		return density;
	reserved = (int16_t)(((100 - density) * page_size) / 100);
	return 100 - (uint32_t)(((reserved + 1) * 100) / (int32_t)page_size);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The space hints the engine answers for a tree (cat.cxx,
 * ErrCATIRetrieveSpaceHints and ErrCATIUnmarshallExtendedSpaceHints, then
 * FCB_SPACE_HINTS::SetSpaceHints and GetAPISpaceHints): a version byte 1
 * and ULONGs from cbInitial on for an index, from grbit on for a table
 * (whose initial size is its Pages); each kept in the FCB's units and
 * given back from them. */
static int space_hints(const unsigned char *b, uint32_t cb, int table, uint32_t pages,
		       uint32_t page_size, struct isam_index_create *out)
{
	uint32_t h[6] = {0}; /* cbInitial, grbit, maint, growth, min, max extent */
	unsigned i, first = table ? 1 : 0, n;
	if (cb > ISAM_SPACE_HINTS_MOST)
		return JET_errCatalogCorrupted;
	if (cb) {
		if (b[0] != 1 || (cb - 1) % 4 || (n = (cb - 1) / 4) > 6 - first)
			return JET_errCatalogCorrupted;
		for (i = 0; i < n; i++)
			h[first + i] = le32(b + 1 + 4 * i);
	}
	if (table)
		h[0] = pages * page_size;
	/* CpgInitial: no pages or one is the default, given as 0 */
	out->cb_initial = h[0] / page_size > 1 ? h[0] / page_size * page_size : 0;
	/* the JET_bitSpaceHints*, JET_bit*Hint* bits the FCB keeps */
	out->hint_grbit = h[1] & 0x3ff;
	out->maint_density = (uint8_t)h[2];
	out->growth = (uint16_t)h[3];
	out->cb_min_extent = h[4] / page_size * page_size;
	out->cb_max_extent = h[5] / page_size * page_size;
	return JET_errSuccess;
}

/* The conditional columns' names ("name\0name\0...") and which must be
 * null (info.cxx, ErrINFOIBuildIndexCreateVX) */
static int conditional_columns(const struct isam_table *t, const struct isam_index *ix,
			       struct isam_index_create *out)
{
	int extended = (ix->flags & IDX_EXTENDED_COLUMNS) != 0;
	unsigned width = extended ? 4 : 2, i, n = ix->cb_conditional / width;
	size_t cb = 0;
	char *at;
	if (ix->cb_conditional % width || n > 16) /* JET_ccolKeyMost */
		return JET_errCatalogCorrupted;
	for (i = 0; i < n; i++) {
		uint32_t columnid;
		int null;
		const struct isam_column *c;
		isam_index_conditional(ix, i, &columnid, &null);
		if (!(c = isam_table_column(t, columnid)))
			return JET_errDatabaseCorrupted;
		cb += strlen(c->name) + 1;
		if (null)
			out->conditional_null |= 1u << i;
	}
	if (!n)
		return JET_errSuccess;
	if (!(out->conditional = malloc(cb)))
		return JET_errOutOfMemory;
	for (i = 0, at = out->conditional; i < n; i++) {
		uint32_t columnid;
		int null;
		const struct isam_column *c;
		isam_index_conditional(ix, i, &columnid, &null);
		c = isam_table_column(t, columnid);
		strcpy(at, c->name);
		at += strlen(c->name) + 1;
	}
	out->nconditional = n;
	return JET_errSuccess;
}

/* TupleLimits (cat.cxx): LE_TUPLELIMITS, or the first version without
 * the increment and start (1 and 0 then); each kept as a USHORT (IDB) */
static int tuple_limits(const struct isam_index *ix, struct isam_index_create *out)
{
	unsigned i;
	if (!ix->cb_tuple_limits)
		return JET_errSuccess;
	if (ix->cb_tuple_limits != 12 && ix->cb_tuple_limits != 20)
		return JET_errCatalogCorrupted;
	out->tuples = 1;
	out->tuple_limits[3] = 1;
	for (i = 0; i < ix->cb_tuple_limits / 4; i++)
		out->tuple_limits[i] = (uint16_t)le32(ix->tuple_limits + 4 * i);
	return JET_errSuccess;
}

int isam_index_create_of(const struct isam_table *t, uint32_t page_size, const char *name,
			 struct isam_index_create *out)
{
	/* no name: the primary index, unless the table has a sequential one */
	const struct isam_index *ix = named_index(t, name);
	size_t cb = 1;
	unsigned i, n;
	char *k;
	int err;
	if (!ix)
		return JET_errIndexNotFound;
	int primary = (ix->flags & IDB_PRIMARY) != 0;
	memset(out, 0, sizeof(*out));
	/* the primary index is its table's tree: the table's density, initial
	 * pages and space hints */
	out->density = density_round_trip(primary ? t->density : ix->density, page_size);
	if ((err = primary ? space_hints(t->space_hints, t->cb_space_hints, 1, t->pages,
					 page_size, out)
			   : space_hints(ix->space_hints, ix->cb_space_hints, 0, 0, page_size,
					 out)) < 0 ||
	    (err = tuple_limits(ix, out)) < 0)
		return err;
	n = key_segments(ix);
	for (i = 0; i < n; i++) {
		uint32_t columnid;
		int desc;
		const struct isam_column *c;
		isam_index_segment(ix, i, &columnid, &desc);
		if (!(c = isam_table_column(t, columnid)))
			return JET_errDatabaseCorrupted;
		cb += 2 + strlen(c->name);
	}
	if ((err = conditional_columns(t, ix, out)) < 0)
		return err;
	if (ix->cb_locale_name && !(out->locale_name = malloc(ix->cb_locale_name + 2))) {
		isam_index_create_release(out);
		return JET_errOutOfMemory;
	}
	if (ix->cb_locale_name) {
		memcpy(out->locale_name, ix->locale_name, ix->cb_locale_name);
		out->locale_name[ix->cb_locale_name] = out->locale_name[ix->cb_locale_name + 1] = 0;
	}
	if (!(out->name = dup_string(ix->name)) || !(out->key = malloc(cb))) {
		isam_index_create_release(out);
		return JET_errOutOfMemory;
	}
	/* "+column\0-column\0...\0": a sign and a name per segment */
	for (i = 0, k = out->key; i < n; i++) {
		uint32_t columnid;
		int desc;
		const struct isam_column *c;
		isam_index_segment(ix, i, &columnid, &desc);
		c = isam_table_column(t, columnid);
		*k++ = desc ? '-' : '+';
		strcpy(k, c->name);
		k += strlen(c->name) + 1;
	}
	*k = 0;
	out->cb_key = (uint32_t)cb;
	out->grbit = index_grbit(ix);
	out->lcid = index_lcid(ix);
	out->lcmap_flags = ix->lcmap_flags;
	out->var_seg_mac = ix->cb_var_seg_mac >= 2
				   ? (uint32_t)(ix->var_seg_mac[0] | ix->var_seg_mac[1] << 8)
				   : index_key_most(ix);
	out->key_most = index_key_most(ix);
	return JET_errSuccess;
}

static int index_create(const struct isam_view *v, void *p)
{
	struct create_ctx *x = p;
	return isam_index_create_of(v->table, v->page_size, x->name, x->out);
}

int sim_index_create_info(uintptr_t sesid, uintptr_t tableid, const char *index,
			  struct isam_index_create *out)
{
	struct create_ctx x = {index, out};
	if (!out)
		return JET_errInvalidParameter;
	return sim_with_table(sesid, tableid, index_create, &x);
}

void isam_index_create_release(struct isam_index_create *c)
{
	free(c->name);
	free(c->key);
	free(c->locale_name);
	free(c->conditional);
	c->name = c->key = c->conditional = NULL;
	c->locale_name = NULL;
}

/* --- JET_TblInfoRetrieveAndReserveAutoIncrement (fldmod.cxx,
 * ErrRECRetrieveAndReserveAutoInc) */

/* FIELDFLAGs (tdb.hxx): Autoincrement, Default, UserDefinedDefault */
#define FIELD_AUTOINCREMENT 0x0004
#define FIELD_DEFAULT 0x0010
#define FIELD_USER_DEFINED_DEFAULT 0x0080

static int autoinc_reserve(const struct isam_view *v, void *p)
{
	struct space_ctx *x = p;
	const struct isam_table *t = v->table;
	const struct isam_column *c = NULL;
	unsigned i;
	for (i = 0; i < t->ncolumns && !c; i++)
		if (t->columns[i].id <= ISAM_FID_FIXED_LAST &&
		    (t->columns[i].grbit & FIELD_AUTOINCREMENT))
			c = &t->columns[i];
	if (!c || (c->grbit & (FIELD_DEFAULT | FIELD_USER_DEFINED_DEFAULT)))
		return JET_errInvalidOperation;
	if (x->cb != isam_fixed_size(c))
		return JET_errInvalidBufferSize;
	/* A value is handed out only once a batch of them is reserved in the
	 * root's auto-increment mark (ErrRECILoadAutoIncBatch), and a table
	 * without the mark first has it written from its highest value
	 * (ErrRECInitAutoIncSpace), failing which ESE answers
	 * JET_errFeatureNotAvailable.  The data path writes no page yet. */
	return JET_errFeatureNotAvailable;
}

int sim_table_autoinc(uintptr_t sesid, uintptr_t tableid, void *buf, uint32_t cb)
{
	struct space_ctx x = {0, NULL, buf, cb};
	if (!buf)
		return JET_errInvalidParameter;
	/* a temporary table has no auto-increment column */
	if (isam_tt_is(tableid))
		return JET_errInvalidOperation;
	return sim_with_table(sesid, tableid, autoinc_reserve, &x);
}
