/* The info calls' lists over the Windows-made fixtures (sim/isam/table_info.c
 * and its temporary tables, sim/isam/temptable.c): the table list, each
 * table's column and index lists walked as ManagedEsent walks them, and
 * each compared with the catalog; the single values; JetDupCursor and the
 * sequential hint; the code of each misuse.  Skips when the fixtures
 * (../shared/fixtures/isam) are absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/catalog.h"
#include "isam/cursor.h"
#include "isam/table_info.h"
#include "jet_values.h"

/* every fixture but the dirty one, which does not attach */
static const char *const fixtures[] = {
	"dissect-basic.edb", "dissect-binary.edb", "dissect-default.edb", "dissect-index.edb",
	"dissect-large.edb", "dissect-multi.edb",  "dissect-text.edb",    "goese-SRUDB.dat",
};

static int attach(const char *name, uintptr_t *inst, uintptr_t *sesid, uint32_t *dbid)
{
	if (!windows_fixture(name, name))
		return 0;
	/* 32 KiB pages need the (process-wide) page size to match; the others
	 * attach with the default */
	unsigned ids[] = {JET_paramDatabasePageSize, 0};
	intptr_t values[] = {strstr(name, "large") ? 32768 : 4096, 0};
	start_instance_with("isam", "i", inst, sesid, ids, values);
	assert_int_equal(sim_attach_database(*sesid, name, 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_true(sim_open_database(*sesid, name, JET_bitDbReadOnly, dbid) >= 0);
	return 1;
}

static uint32_t get_long(uintptr_t sesid, uintptr_t t, uint32_t columnid)
{
	unsigned char b[4] = {0};
	uint32_t actual;
	assert_int_equal(sim_retrieve_column(sesid, t, columnid, b, 4, &actual, 0, 1, 0),
			 JET_errSuccess);
	assert_int_equal(actual, 4);
	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static char *get_text(uintptr_t sesid, uintptr_t t, uint32_t columnid)
{
	char *s = calloc(1, 256);
	uint32_t actual;
	assert_int_equal(sim_retrieve_column(sesid, t, columnid, s, 255, &actual, 0, 1, 0),
			 JET_errSuccess);
	assert_true(actual < 256);
	return s;
}

static int count_catalog(const struct isam_view *v, void *ctx)
{
	*(unsigned *)ctx = v->cat->ntables;
	return JET_errSuccess;
}

/* The columns of the open table t, as the SortColumnid list says, against
 * the catalog's (sim_table_column_at); the default list in name order. */
static void check_columns(uintptr_t sesid, uintptr_t t, const char *table)
{
	struct isam_list l, byname;
	struct isam_column c;
	unsigned i = 0;
	int err;
	assert_int_equal(sim_column_list(sesid, t, ISAM_COLLIST_SORT_COLUMNID, 0, &l),
			 JET_errSuccess);
	for (err = sim_move(sesid, l.tableid, ISAM_MOVE_FIRST, 0); err == JET_errSuccess;
	     err = sim_move(sesid, l.tableid, 1, 0), i++) {
		char *name = get_text(sesid, l.tableid, l.columnid[ISAM_COL_NAME]);
		char *base = get_text(sesid, l.tableid, l.columnid[ISAM_COL_TABLE_NAME]);
		assert_int_equal(sim_table_column_at(sesid, t, i, &c), JET_errSuccess);
		assert_string_equal(name, c.name);
		assert_string_equal(base, table);
		assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_COL_ID]), c.id);
		assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_COL_PORDER]), c.id);
		assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_COL_TYPE]), c.coltyp);
		assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_COL_CBMAX]), c.cb_max);
		assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_COL_GRBIT]),
				 isam_column_grbit(&c));
		isam_column_release(&c);
		free(name);
		free(base);
	}
	assert_int_equal(err, JET_errNoCurrentRecord);
	assert_int_equal(i, l.rows);
	assert_int_equal(sim_table_column_at(sesid, t, i, &c), JET_errColumnNotFound);
	assert_int_equal(sim_close_table(sesid, l.tableid), JET_errSuccess);
	/* JET_ColInfoList: the same rows, by name */
	assert_int_equal(sim_column_list(sesid, t, 0, 1, &byname), JET_errSuccess);
	assert_int_equal(byname.rows, l.rows);
	{
		char prev[256] = "";
		unsigned n = 0;
		for (err = sim_move(sesid, byname.tableid, ISAM_MOVE_FIRST, 0); err == JET_errSuccess;
		     err = sim_move(sesid, byname.tableid, 1, 0), n++) {
			unsigned char w[512];
			char a[256];
			uint32_t actual, k;
			assert_int_equal(sim_retrieve_column(sesid, byname.tableid,
							     byname.columnid[ISAM_COL_NAME], w,
							     sizeof w, &actual, 0, 1, 0),
					 JET_errSuccess);
			for (k = 0; k < actual / 2; k++)
				a[k] = (char)w[2 * k];
			a[k] = 0;
			assert_true(strcasecmp(prev, a) < 0);
			strcpy(prev, a);
		}
		assert_int_equal(n, l.rows);
	}
	assert_int_equal(sim_close_table(sesid, byname.tableid), JET_errSuccess);
}

/* Each index's key columns as the catalog has them, in key order. */
static void check_indexes(uintptr_t sesid, uintptr_t t)
{
	struct isam_list l;
	struct isam_index_info info;
	int err;
	unsigned rows = 0;
	assert_int_equal(sim_index_list(sesid, t, NULL, 0, &l), JET_errSuccess);
	for (err = sim_move(sesid, l.tableid, ISAM_MOVE_FIRST, 0); err == JET_errSuccess;
	     err = sim_move(sesid, l.tableid, 1, 0), rows++) {
		char *index = get_text(sesid, l.tableid, l.columnid[ISAM_IDX_NAME]);
		char *column = get_text(sesid, l.tableid, l.columnid[ISAM_IDX_COLUMN_NAME]);
		uint32_t columnid = get_long(sesid, l.tableid, l.columnid[ISAM_IDX_COLUMNID]);
		uint32_t ncol = get_long(sesid, l.tableid, l.columnid[ISAM_IDX_CCOLUMN]);
		uint32_t icol = get_long(sesid, l.tableid, l.columnid[ISAM_IDX_ICOLUMN]);
		struct isam_column c;
		assert_true(icol < ncol);
		assert_int_equal(sim_table_column(sesid, t, NULL, columnid, &c), JET_errSuccess);
		assert_string_equal(column, c.name);
		assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_IDX_COLTYP]), c.coltyp);
		isam_column_release(&c);
		assert_int_equal(sim_index_info(sesid, t, index, &info), JET_errSuccess);
		assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_IDX_GRBIT]), info.grbit);
		/* the index the list names is one the cursor can move along */
		free(index);
		free(column);
	}
	assert_int_equal(err, JET_errNoCurrentRecord);
	assert_int_equal(rows, l.rows);
	assert_int_equal(sim_close_table(sesid, l.tableid), JET_errSuccess);
	assert_int_equal(sim_index_list(sesid, t, "NoSuchIndex", 0, &l), JET_errIndexNotFound);
	assert_int_equal(sim_index_info(sesid, t, "NoSuchIndex", &info), JET_errIndexNotFound);
}

/* ManagedEsent's GetTableNames, GetTableColumns and GetTableIndexes on
 * every fixture. */
static void metadata_walks(void **state)
{
	unsigned f;
	(void)state;
	for (f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		uintptr_t inst, sesid, t;
		uint32_t dbid;
		struct isam_list objects;
		unsigned tables = 0, ncat = 0;
		int err;
		if (!attach(fixtures[f], &inst, &sesid, &dbid))
			skip();
		assert_int_equal(sim_with_database(sesid, dbid, count_catalog, &ncat),
				 JET_errSuccess);
		assert_int_equal(sim_object_list(sesid, dbid, 0, 0, 0, &objects), JET_errSuccess);
		assert_int_equal(objects.rows, ncat);
		for (err = JET_errSuccess; err == JET_errSuccess;
		     err = sim_move(sesid, objects.tableid, 1, 0), tables++) {
			char *name = get_text(sesid, objects.tableid,
					      objects.columnid[ISAM_OBJ_NAME]);
			char *container = get_text(sesid, objects.tableid,
						   objects.columnid[ISAM_OBJ_CONTAINER]);
			assert_string_equal(container, "Tables");
			assert_int_equal(get_long(sesid, objects.tableid,
						  objects.columnid[ISAM_OBJ_TYPE]),
					 1);
			assert_int_equal(sim_open_table(sesid, dbid, name, 0, &t), JET_errSuccess);
			check_columns(sesid, t, name);
			check_indexes(sesid, t);
			assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
			free(name);
			free(container);
		}
		assert_int_equal(err, JET_errNoCurrentRecord);
		assert_int_equal(tables, ncat);
		assert_int_equal(sim_close_table(sesid, objects.tableid), JET_errSuccess);
		/* closed: the id names nothing */
		assert_int_equal(sim_move(sesid, objects.tableid, 1, 0), JET_errInvalidTableId);
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	}
}

static void temp_table_codes(void **state)
{
	uintptr_t inst, sesid, other, t;
	uint32_t dbid, actual, n;
	struct isam_list l;
	struct isam_object_info info;
	struct isam_table_info ti;
	unsigned char b[8];
	int temporary;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_object_list(sesid, dbid + 1, 0, 0, 0, &l), JET_errInvalidDatabaseId);
	assert_int_equal(sim_object_list(0x7777, dbid, 0, 0, 0, &l), JET_errInvalidSesid);
	/* objects other than tables: an empty list */
	assert_int_equal(sim_object_list(sesid, dbid, 3, 0, 0, &l), JET_errSuccess);
	assert_int_equal(l.rows, 0);
	assert_int_equal(sim_move(sesid, l.tableid, ISAM_MOVE_FIRST, 0), JET_errNoCurrentRecord);
	assert_int_equal(sim_close_table(sesid, l.tableid), JET_errSuccess);
	assert_int_equal(sim_object_list(sesid, dbid, 1, 0, 0, &l), JET_errSuccess);
	/* on the first row when handed out */
	assert_int_equal(sim_retrieve_column(sesid, l.tableid, l.columnid[ISAM_OBJ_NAME], b, 0,
					     &actual, 0, 1, 0),
			 JET_wrnBufferTruncated);
	assert_true(actual > 0);
	assert_int_equal(sim_retrieve_column(sesid, l.tableid, 9999, b, 8, &actual, 0, 1, 0),
			 JET_errColumnNotFound);
	assert_int_equal(sim_retrieve_column(sesid, l.tableid, l.columnid[ISAM_OBJ_NAME], b, 8,
					     &actual, 0, 0, 0),
			 JET_errBadItagSequence);
	assert_int_equal(sim_retrieve_column(sesid, l.tableid, l.columnid[ISAM_OBJ_NAME], b, 8,
					     &actual, 0, 2, 0),
			 JET_wrnColumnNull);
	assert_int_equal(sim_count_values(sesid, l.tableid, l.columnid[ISAM_OBJ_NAME], &n),
			 JET_errSuccess);
	assert_int_equal(n, 1);
	/* the dates ESE no longer fills are null */
	assert_int_equal(sim_retrieve_column(sesid, l.tableid, l.columnid[ISAM_OBJ_DT_CREATE], b,
					     8, &actual, 0, 1, 0),
			 JET_wrnColumnNull);
	assert_int_equal(sim_move(sesid, l.tableid, -1, 0), JET_errNoCurrentRecord);
	assert_int_equal(sim_retrieve_column(sesid, l.tableid, l.columnid[ISAM_OBJ_NAME], b, 8,
					     &actual, 0, 1, 0),
			 JET_errNoCurrentRecord);
	assert_int_equal(sim_move(sesid, l.tableid, 1, 0), JET_errSuccess);
	assert_int_equal(sim_move(sesid, l.tableid, 1000, 0), JET_errNoCurrentRecord);
	assert_int_equal(sim_move(sesid, l.tableid, ISAM_MOVE_LAST, 0), JET_errSuccess);
	assert_int_equal(sim_move(sesid, l.tableid, 0, 0), JET_errSuccess);
	/* another session's table is not ours */
	assert_int_equal(sim_begin_session(inst, &other), JET_errSuccess);
	assert_int_equal(sim_move(other, l.tableid, 1, 0), JET_errInvalidTableId);
	assert_int_equal(sim_close_table(other, l.tableid), JET_errInvalidTableId);
	/* a temporary table has no JetGetTableInfo of its own */
	assert_int_equal(sim_table_info(sesid, l.tableid, &ti, &temporary),
			 JET_errInvalidOperation);
	assert_true(temporary);
	/* the end of its session closes it */
	assert_int_equal(sim_end_session(sesid, 0), JET_errSuccess);
	assert_int_equal(sim_move(other, l.tableid, 1, 0), JET_errInvalidTableId);
	sesid = other;
	assert_true(sim_open_database(sesid, "goese-SRUDB.dat", JET_bitDbReadOnly, &dbid) >= 0);
	assert_int_equal(sim_object_info(sesid, dbid, "nosuchtable", 0, &info),
			 JET_errObjectNotFound);
	assert_int_equal(sim_object_info(sesid, dbid, "MSysObjects", 1, &info), JET_errSuccess);
	/* read-only: no JET_bitTableInfoUpdatable */
	assert_int_equal(info.grbit, 0x6);
	assert_int_equal(sim_open_table(sesid, dbid, "MSysObjects", 0, &t), JET_errSuccess);
	assert_int_equal(sim_table_info(sesid, t, &ti, &temporary), JET_errSuccess);
	assert_false(temporary);
	assert_string_equal(ti.name, "MSysObjects");
	assert_string_equal(ti.template_name, "");
	assert_int_equal(ti.objid, 2);
	/* the catalog is a system table (and of fixed DDL, as its row says) */
	assert_true(ti.object.flags & 0x80000000u);
	isam_table_info_release(&ti);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void dup_cursor_and_sequential(void **state)
{
	uintptr_t inst, sesid, t, d;
	uint32_t dbid;
	struct isam_index_info info;
	char *name;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbIdMapTable", 0, &t), JET_errSuccess);
	assert_int_equal(sim_set_current_index(sesid, t, "IdTypeIdBlob", 0), JET_errSuccess);
	assert_int_equal(sim_dup_cursor(sesid, t, 0, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_dup_cursor(sesid, 0x7777, 0, &d), JET_errInvalidTableId);
	assert_int_equal(sim_dup_cursor(sesid, t, 0, &d), JET_errSuccess);
	assert_true(d != t);
	/* on the primary index, on its first record */
	assert_int_equal(sim_get_current_index(sesid, d, &name), JET_errSuccess);
	assert_string_equal(name, "IdIndex");
	free(name);
	assert_int_equal(sim_move(sesid, d, 0, 0), JET_errSuccess);
	assert_int_equal(sim_set_sequential(sesid, d, 0, 1), JET_errSuccess);
	assert_int_equal(sim_set_sequential(sesid, d, 0, 0), JET_errSuccess);
	assert_int_equal(sim_set_sequential(sesid, 0x7777, 0, 1), JET_errInvalidTableId);
	assert_int_equal(sim_set_sequential(0x7777, d, 0, 1), JET_errInvalidSesid);
	/* the original closes, the duplicate stays */
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	assert_int_equal(sim_move(sesid, d, 1, 0), JET_errSuccess);
	assert_int_equal(sim_index_info(sesid, d, NULL, &info), JET_errSuccess);
	assert_int_equal(info.count, 2);
	assert_true(info.grbit & 0x2);
	/* KeyMost as the catalog has it (SRUM's primary keys name their size) */
	assert_true(info.key_most > 0);
	assert_int_equal(sim_close_table(sesid, d), JET_errSuccess);
	assert_int_equal(sim_close_table(sesid, d), JET_errInvalidTableId);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* --- Space: the levels of JetGetTableInfo and JetGetTableIndexInfo against
 * the file's own pages: each tree's pages in use (those whose header names
 * its objid and are not free) are what it owns less what it has available */

struct trees {
	uint32_t table_fdp, lv_fdp;
	unsigned n;
	uint32_t fdp[64];
	char *name[64];
	int primary[64];
};

static int get_trees(const struct isam_view *v, void *ctx)
{
	struct trees *tr = ctx;
	const struct isam_table *t = v->table;
	tr->table_fdp = t->fdp;
	tr->lv_fdp = t->lv_fdp;
	tr->n = 0;
	for (unsigned i = 0; i < t->nindexes && tr->n < 64; i++, tr->n++) {
		tr->name[tr->n] = malloc(strlen(t->indexes[i].name) + 1);
		strcpy(tr->name[tr->n], t->indexes[i].name);
		tr->primary[tr->n] = (t->indexes[i].flags & 0x20) != 0;
		tr->fdp[tr->n] = tr->primary[tr->n] ? t->fdp : t->indexes[i].fdp;
	}
	return JET_errSuccess;
}

/* pages of the file in use by the tree whose root is fdp */
static uint32_t pages_in_use(FILE *f, uint32_t page_size, uint32_t fdp)
{
	unsigned char *b = malloc(page_size);
	uint32_t objid, n = 0;
	long pgno;
	assert_non_null(b);
	assert_int_equal(fseek(f, (long)page_size * (fdp + 1), SEEK_SET), 0);
	assert_int_equal(fread(b, 1, page_size, f), page_size);
	objid = b[24] | b[25] << 8 | b[26] << 16 | (uint32_t)b[27] << 24;
	assert_int_equal(fseek(f, 2L * page_size, SEEK_SET), 0);
	for (pgno = 1; fread(b, 1, page_size, f) == page_size; pgno++) {
		uint32_t o = b[24] | b[25] << 8 | b[26] << 16 | (uint32_t)b[27] << 24;
		uint32_t flags = b[36] | b[37] << 8 | b[38] << 16 | (uint32_t)b[39] << 24;
		if (o == objid && !(flags & 0x8))
			n++;
	}
	free(b);
	return n;
}

static uint32_t space_level(uintptr_t sesid, uintptr_t t, unsigned level)
{
	uint32_t v = 0xdeadbeef;
	int temporary;
	assert_int_equal(sim_table_space(sesid, t, level, &v, 4, &temporary), JET_errSuccess);
	return v;
}

static uint32_t index_space(uintptr_t sesid, uintptr_t t, const char *name, int avail)
{
	uint32_t v = 0xdeadbeef;
	assert_int_equal(sim_index_space(sesid, t, name, avail, &v, 4), JET_errSuccess);
	return v;
}

/* SpaceUsage past 8 bytes: each total's extents, each list ended by a
 * zero EXTENTINFO */
static void check_extent_lists(uintptr_t sesid, uintptr_t t, const uint32_t *usage)
{
	uint32_t b[1024], i = 2, sum;
	int temporary;
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_USAGE, b, sizeof(b), &temporary),
			 JET_errSuccess);
	assert_int_equal(b[0], usage[0]);
	assert_int_equal(b[1], usage[1]);
	for (int list = 0; list < 2; list++) {
		for (sum = 0; b[i] || b[i + 1]; i += 2) {
			assert_true(b[i] >= b[i + 1]);
			sum += b[i + 1];
		}
		i += 2;
		assert_int_equal(sum, usage[list]);
	}
}

static void check_space(uintptr_t sesid, uintptr_t t, FILE *f, uint32_t page_size)
{
	struct trees tr;
	uint32_t usage[2], owned = space_level(sesid, t, ISAM_SPACE_OWNED);
	uint32_t avail = space_level(sesid, t, ISAM_SPACE_AVAILABLE), own_sum = 0, avail_sum;
	uint32_t lv_owned = space_level(sesid, t, ISAM_SPACE_OWNED_LV);
	uint32_t lv_avail = space_level(sesid, t, ISAM_SPACE_AVAILABLE_LV);
	int temporary, has_primary = 0;
	assert_int_equal(sim_with_table(sesid, t, get_trees, &tr), JET_errSuccess);
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_USAGE, usage, 8, &temporary),
			 JET_errSuccess);
	assert_int_equal(usage[0], owned);
	assert_true(usage[1] <= owned);
	check_extent_lists(sesid, t, usage);
	avail_sum = usage[1] + lv_avail;
	own_sum = lv_owned;
	if (!tr.lv_fdp)
		assert_int_equal(lv_owned + lv_avail, 0);
	else
		assert_int_equal(pages_in_use(f, page_size, tr.lv_fdp), lv_owned - lv_avail);
	for (unsigned i = 0; i < tr.n; i++) {
		uint32_t o = index_space(sesid, t, tr.name[i], 0);
		uint32_t a = index_space(sesid, t, tr.name[i], 1);
		assert_true(a <= o);
		assert_int_equal(pages_in_use(f, page_size, tr.fdp[i]), o - a);
		own_sum += o;
		if (tr.primary[i]) {
			has_primary = 1;
			assert_int_equal(a, usage[1]);
		} else {
			avail_sum += a;
		}
		free(tr.name[i]);
	}
	/* the table's owned pages cover its indexes' and long values' */
	if (has_primary)
		assert_int_equal(own_sum, owned);
	assert_int_equal(avail_sum, avail);
}

static void space_levels(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(fixtures) / sizeof(fixtures[0]); k++) {
		uintptr_t inst, sesid, t;
		uint32_t dbid, page_size = strstr(fixtures[k], "large") ? 32768 : 4096;
		struct isam_list objects;
		FILE *f;
		int err;
		if (!attach(fixtures[k], &inst, &sesid, &dbid))
			skip();
		assert_non_null(f = fopen(fixtures[k], "rb"));
		assert_int_equal(sim_object_list(sesid, dbid, 0, 0, 0, &objects), JET_errSuccess);
		for (err = JET_errSuccess; err == JET_errSuccess;
		     err = sim_move(sesid, objects.tableid, 1, 0)) {
			char *name = get_text(sesid, objects.tableid,
					      objects.columnid[ISAM_OBJ_NAME]);
			assert_int_equal(sim_open_table(sesid, dbid, name, 0, &t), JET_errSuccess);
			check_space(sesid, t, f, page_size);
			assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
			free(name);
		}
		fclose(f);
		assert_int_equal(sim_close_table(sesid, objects.tableid), JET_errSuccess);
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	}
}

/* The codes: buffers as info.cxx and space.cxx check them, the levels a
 * temporary table has not, an index name no index has. */
static void space_codes(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid, b[8];
	struct isam_list l;
	int temporary;
	(void)state;
	if (!attach("dissect-basic.edb", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "basic", 0, &t), JET_errSuccess);
	/* short of the totals: ErrSPGetInfo's JET_errInvalidParameter */
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_OWNED, b, 3, &temporary),
			 JET_errInvalidParameter);
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_USAGE, b, 7, &temporary),
			 JET_errInvalidParameter);
	/* past the totals but short of the extent lists' sentinels */
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_USAGE, b, 12, &temporary),
			 JET_errBufferTooSmall);
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_USAGE, b, 23, &temporary),
			 JET_errBufferTooSmall);
	/* room for the sentinels only: the totals, two empty lists */
	memset(b, 0xff, sizeof(b));
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_USAGE, b, 24, &temporary),
			 JET_errSuccess);
	assert_true(b[0] > 0);
	assert_int_equal(b[2] | b[3] | b[4] | b[5], 0);
	/* the calculated level wants 4 bytes exactly */
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_AVAILABLE, b, 8, &temporary),
			 JET_errInvalidBufferSize);
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_AVAILABLE, NULL, 4, &temporary),
			 JET_errInvalidParameter);
	/* a larger buffer for one total is zeroed past it */
	memset(b, 0xff, sizeof(b));
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_OWNED, b, 8, &temporary),
			 JET_errSuccess);
	assert_int_equal(b[1], 0);
	/* no long-value tree: 0, in 4 bytes or more */
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_OWNED_LV, b, 3, &temporary),
			 JET_errBufferTooSmall);
	assert_int_equal(sim_table_space(sesid, t, ISAM_SPACE_AVAILABLE_LV, b, 4, &temporary),
			 JET_errSuccess);
	assert_int_equal(b[0], 0);
	/* index levels: owned as calculated (4 bytes exactly); an unknown name
	 * leaves the buffer alone */
	assert_int_equal(sim_index_space(sesid, t, "nosuchindex", 0, b, 4), JET_errSuccess);
	assert_int_equal(b[0], 0);
	b[0] = 0x1234;
	assert_int_equal(sim_index_space(sesid, t, "", 1, b, 4), JET_errSuccess);
	assert_int_equal(b[0], 0x1234);
	assert_int_equal(sim_index_space(sesid, 0x7777, "x", 1, b, 4), JET_errInvalidTableId);
	assert_int_equal(sim_table_space(sesid, 0x7777, ISAM_SPACE_OWNED, b, 4, &temporary),
			 JET_errInvalidTableId);
	/* a temporary table */
	assert_int_equal(sim_object_list(sesid, dbid, 0, 0, 0, &l), JET_errSuccess);
	assert_int_equal(sim_table_space(sesid, l.tableid, ISAM_SPACE_OWNED, b, 4, &temporary),
			 JET_errInvalidOperation);
	assert_true(temporary);
	assert_int_equal(sim_close_table(sesid, l.tableid), JET_errSuccess);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* The sort versions and GUID of an index over Unicode text (0 for the
 * others), and the statistics: no fixture ran JetComputeStats, so its
 * catalog holds none and every count reads 0. */
static void stats_and_sorts(void **state)
{
	static const unsigned char sort_id[16] = {0x01, 0x00, 0x00, 0x00, 0xee, 0x57, 0x5c, 0x1e,
						  0x00, 0xb4, 0xd0, 0x00, 0x0b, 0xb1, 0xe1, 0x1e};
	uintptr_t inst, sesid, t;
	uint32_t dbid;
	struct isam_index_info info;
	struct isam_object_info oi;
	struct isam_table_info ti;
	struct isam_list l;
	int temporary;
	(void)state;
	if (!attach("dissect-index.edb", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "index", 0, &t), JET_errSuccess);
	assert_int_equal(sim_index_info(sesid, t, "IxUnicode", &info), JET_errSuccess);
	assert_int_equal(info.nls_version, 0x6020f);
	assert_int_equal(info.defined_version, 0x6020f);
	assert_memory_equal(info.sort_id, sort_id, 16);
	assert_int_equal(sim_index_info(sesid, t, "IxLongUnicode", &info), JET_errSuccess);
	assert_int_equal(info.nls_version, 0x6020f);
	assert_int_equal(sim_index_info(sesid, t, NULL, &info), JET_errSuccess);
	assert_int_equal(info.nls_version | info.defined_version, 0);
	assert_int_equal(sim_index_info(sesid, t, "NoSuchIndex", &info), JET_errIndexNotFound);
	assert_int_equal(sim_table_info(sesid, t, &ti, &temporary), JET_errSuccess);
	assert_int_equal(ti.object.records | ti.object.pages, 0);
	isam_table_info_release(&ti);
	assert_int_equal(sim_object_info(sesid, dbid, "index", 1, &oi), JET_errSuccess);
	assert_int_equal(oi.records | oi.pages, 0);
	assert_int_equal(sim_index_list(sesid, t, "IxUnicode", 0, &l), JET_errSuccess);
	assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_IDX_ENTRIES]), 0);
	assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_IDX_KEYS]), 0);
	assert_int_equal(get_long(sesid, l.tableid, l.columnid[ISAM_IDX_PAGES]), 0);
	assert_int_equal(sim_close_table(sesid, l.tableid), JET_errSuccess);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* JET_IdxInfoCreateIndex's definition: the key string as JetCreateIndex
 * takes it, the flags and sizes from the catalog. */
static void create_index_defs(void **state)
{
	static const char key[] = "+ObjidTable\0+Type\0+Name\0";
	uintptr_t inst, sesid, t;
	uint32_t dbid;
	struct isam_index_create def;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "MSysObjects", 0, &t), JET_errSuccess);
	assert_int_equal(sim_index_create_info(sesid, t, "name", &def), JET_errSuccess);
	assert_string_equal(def.name, "Name");
	assert_int_equal(def.cb_key, sizeof(key));
	assert_memory_equal(def.key, key, sizeof(key));
	/* unique, not primary, nulls ignored as the catalog's flags say */
	assert_int_equal(def.grbit & 0x3, 0x1);
	assert_int_equal(def.key_most, 255);
	assert_true(def.density >= 20 && def.density <= 100);
	isam_index_create_release(&def);
	/* no name: the primary index */
	assert_int_equal(sim_index_create_info(sesid, t, NULL, &def), JET_errSuccess);
	assert_string_equal(def.name, "Id");
	assert_true(def.grbit & 0x2);
	isam_index_create_release(&def);
	assert_int_equal(sim_index_create_info(sesid, t, "NoSuchIndex", &def),
			 JET_errIndexNotFound);
	assert_int_equal(sim_index_create_info(sesid, t, "Name", NULL), JET_errInvalidParameter);
	assert_int_equal(sim_index_create_info(sesid, 0x7777, "Name", &def),
			 JET_errInvalidTableId);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	/* a secondary index of a user table */
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbIdMapTable", 0, &t), JET_errSuccess);
	assert_int_equal(sim_index_create_info(sesid, t, "IdTypeIdBlob", &def), JET_errSuccess);
	assert_int_equal(def.cb_key, 17);
	assert_memory_equal(def.key, "+IdType\0+IdBlob\0", 17);
	assert_int_equal(def.density, 95);
	assert_int_equal(def.lcid, 0x409);
	assert_int_equal(def.lcmap_flags, 0x30401);
	assert_int_equal(def.var_seg_mac, 255);
	/* the catalog's locale name (UTF-16LE), no stored space hints, no
	 * initial size but the default */
	assert_non_null(def.locale_name);
	assert_memory_equal(def.locale_name, "e\0n\0-\0U\0S\0\0", 12);
	assert_false(def.extended_hints);
	assert_int_equal(def.cb_initial, 0);
	isam_index_create_release(&def);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* JET_TblInfoRetrieveAndReserveAutoIncrement's codes: SRUM's tables have
 * a 4-byte auto-increment column each, and no auto-increment mark on their
 * root yet, which reserving would write. */
static void autoinc_codes(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid, v4 = 0;
	uint64_t v8 = 0;
	struct isam_list l;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbIdMapTable", 0, &t), JET_errSuccess);
	assert_int_equal(sim_table_autoinc(sesid, t, NULL, 4), JET_errInvalidParameter);
	assert_int_equal(sim_table_autoinc(sesid, t, &v8, 8), JET_errInvalidBufferSize);
	assert_int_equal(sim_table_autoinc(sesid, t, &v4, 4), JET_errFeatureNotAvailable);
	assert_int_equal(sim_table_autoinc(sesid, 0x7777, &v4, 4), JET_errInvalidTableId);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	/* no auto-increment column */
	assert_int_equal(sim_open_table(sesid, dbid, "MSysObjects", 0, &t), JET_errSuccess);
	assert_int_equal(sim_table_autoinc(sesid, t, &v4, 4), JET_errInvalidOperation);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	assert_int_equal(sim_object_list(sesid, dbid, 0, 0, 0, &l), JET_errSuccess);
	assert_int_equal(sim_table_autoinc(sesid, l.tableid, &v4, 4), JET_errInvalidOperation);
	assert_int_equal(sim_close_table(sesid, l.tableid), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(metadata_walks),
		CASE(temp_table_codes),
		CASE(dup_cursor_and_sequential),
		CASE(space_levels),
		CASE(space_codes),
		CASE(stats_and_sorts),
		CASE(create_index_defs),
		CASE(autoinc_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
