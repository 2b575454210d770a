/* The data path (sim/isam) on real Windows-made databases: pages, nodes,
 * B-trees, the catalog, records, long values, compression.  The fixtures
 * live outside the repository (../shared/fixtures/isam); cases that need
 * one skip when it is absent. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "isam/btree.h"
#include "isam/catalog.h"
#include "isam/column.h"
#include "isam/compression.h"
#include "isam/index_key.h"
#include "isam/pager.h"
#include "isam/record.h"
#include "isam/xpress.h"
#include "jet_values.h"

/* Decompresses fixture NAME into the case's folder; 0 (skipped) if absent. */
static int fixture(const char *name)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s/%s.gz", ESENT_FIXTURES_DIR, name);
	FILE *f = fopen(cmd, "rb");
	if (!f)
		return 0;
	fclose(f);
	snprintf(cmd, sizeof cmd, "gzip -dc '%s/%s.gz' > '%s'", ESENT_FIXTURES_DIR, name, name);
	assert_int_equal(system(cmd), 0);
	return 1;
}

#define NEED(name)                                                                          \
	do {                                                                                \
		if (!fixture(name)) {                                                       \
			print_message("SKIP: %s/%s.gz absent\n", ESENT_FIXTURES_DIR, name);      \
			skip();                                                             \
		}                                                                           \
	} while (0)

struct db {
	struct isam_pager pager;
	struct isam_catalog cat;
};

static void open_db(struct db *d, const char *name)
{
	assert_int_equal(isam_pager_open_file(&d->pager, name, 64), JET_errSuccess);
	assert_int_equal(isam_catalog_load(&d->pager, &d->cat), JET_errSuccess);
}

static void close_db(struct db *d)
{
	isam_catalog_free(&d->cat);
	isam_pager_close(&d->pager);
}

/* Row `row` (from 1) of table t: the cursor on it. */
static void goto_row(struct db *d, const struct isam_table *t, struct isam_btree *bt,
		     struct isam_record *rec, unsigned row)
{
	unsigned i;
	assert_int_equal(isam_btree_open(bt, &d->pager, t->fdp), JET_errSuccess);
	assert_int_equal(isam_btree_first(bt), JET_errSuccess);
	for (i = 1; i < row; i++)
		assert_int_equal(isam_btree_next(bt), JET_errSuccess);
	assert_int_equal(isam_record_parse(rec, bt->node.data, bt->node.cb_data,
					   d->pager.page_size > 8192),
			 JET_errSuccess);
}

/* Column `name`'s value itag as bytes (malloc'ed, NUL added); NULL if NULL. */
static unsigned char *value(struct db *d, const struct isam_table *t,
			    const struct isam_record *rec, const char *name, uint32_t itag,
			    uint32_t *cb)
{
	const struct isam_column *c = isam_table_column_named(t, name);
	unsigned char *buf;
	uint32_t size, again;
	int rc;
	assert_non_null(c);
	rc = isam_column_read(&d->pager, t->lv_fdp, rec, c, itag, 0, NULL, 0, &size, NULL);
	assert_true(rc == JET_errSuccess || rc == JET_wrnColumnNull);
	if (rc == JET_wrnColumnNull)
		return NULL;
	buf = malloc(size + 1);
	assert_int_equal(isam_column_read(&d->pager, t->lv_fdp, rec, c, itag, 0, buf, size,
					  &again, NULL),
			 JET_errSuccess);
	assert_int_equal(again, size);
	buf[size] = 0;
	if (cb)
		*cb = size;
	return buf;
}

static int contains(const unsigned char *p, uint32_t cb, const char *what, uint32_t n)
{
	uint32_t i;
	for (i = 0; i + n <= cb; i++)
		if (memcmp(p + i, what, n) == 0)
			return 1;
	return 0;
}

static int rows_of(struct db *d, const struct isam_table *t)
{
	struct isam_btree bt;
	int rows = 0, rc;
	assert_int_equal(isam_btree_open(&bt, &d->pager, t->fdp), JET_errSuccess);
	for (rc = isam_btree_first(&bt); rc == JET_errSuccess; rc = isam_btree_next(&bt))
		rows++;
	assert_int_equal(rc, JET_errNoCurrentRecord);
	/* and back: as many rows from the last */
	for (rc = isam_btree_last(&bt); rc == JET_errSuccess; rc = isam_btree_prev(&bt))
		rows--;
	assert_int_equal(rc, JET_errNoCurrentRecord);
	assert_int_equal(rows, 0);
	for (rc = isam_btree_first(&bt); rc == JET_errSuccess; rc = isam_btree_next(&bt))
		rows++;
	isam_btree_close(&bt);
	return rows;
}

/* MS-XCA plain LZ77: a literal, then a match overlapping what it copies */
static void xpress_overlapping_match(void **state)
{
	static const unsigned char in[] = {0x00, 0x00, 0x00, 0x60, 'a', 0x02, 0x00};
	unsigned char out[16];
	size_t done;
	(void)state;
	assert_int_equal(xpress_decode(in, sizeof in, out, 6, &done), 0);
	assert_int_equal(done, 6);
	assert_memory_equal(out, "aaaaaa", 6);
	/* a match reaching before the output's start is refused */
	static const unsigned char bad[] = {0x00, 0x00, 0x00, 0x40, 0x0a, 0x00};
	assert_int_equal(xpress_decode(bad, sizeof bad, out, 6, &done), -1);
}

/* compression.cxx's 7-bit ASCII and Unicode */
static void seven_bit(void **state)
{
	static const unsigned char ascii[] = {0x0d, 0x61, 0x31};
	static const unsigned char wide[] = {0x15, 0x61, 0x31};
	unsigned char out[8];
	uint32_t actual;
	(void)state;
	assert_int_equal(isam_decompress(ascii, 3, out, sizeof out, &actual), JET_errSuccess);
	assert_int_equal(actual, 2);
	assert_memory_equal(out, "ab", 2);
	assert_int_equal(isam_decompress(wide, 3, out, sizeof out, &actual), JET_errSuccess);
	assert_int_equal(actual, 4);
	assert_memory_equal(out, "a\0b\0", 4);
	/* schemes this engine does not read */
	out[0] = 5 << 3;
	assert_int_equal(isam_decompress(out, 8, out, 8, &actual), JET_errFeatureNotAvailable);
}

/* every fixed column type; trailing NULL columns past the record's last */
static void basic_fixed_columns(void **state)
{
	struct db d;
	struct isam_btree bt;
	struct isam_record rec;
	const struct isam_table *t;
	unsigned char *v;
	float f;
	(void)state;
	NEED("dissect-basic.edb");
	open_db(&d, "dissect-basic.edb");
	t = isam_catalog_table(&d.cat, "basic");
	assert_non_null(t);
	assert_int_equal(t->ncolumns, 13);
	assert_int_equal(rows_of(&d, t), 2);
	goto_row(&d, t, &bt, &rec, 1);
	v = value(&d, t, &rec, "Bit", 1, NULL);
	assert_int_equal(v[0], 0);
	free(v);
	v = value(&d, t, &rec, "Short", 1, NULL);
	assert_int_equal((int16_t)(v[0] | v[1] << 8), -1337);
	free(v);
	v = value(&d, t, &rec, "IEEESingle", 1, NULL);
	memcpy(&f, v, 4);
	assert_true(f == 1.0f);
	free(v);
	v = value(&d, t, &rec, "GUID", 1, NULL);
	assert_memory_equal(v, "\xf1\x0a\x36\x3f\x66\x67\xdc\x46\x9a\xf2\x0d\xac\xf2\x95\xc2\xa1",
			    16);
	free(v);
	/* a fixed column has one value: itag 2 is NULL */
	assert_null(value(&d, t, &rec, "Short", 2, NULL));
	isam_btree_close(&bt);
	goto_row(&d, t, &bt, &rec, 2);
	assert_null(value(&d, t, &rec, "UnsignedLong", 1, NULL));
	assert_null(value(&d, t, &rec, "GUID", 1, NULL));
	isam_btree_close(&bt);
	close_db(&d);
}

/* The catalog read with its own column list; ESE's null bitmap decides
 * (the catalog's rows about its own columns hold a RootFlag byte whose
 * null bit is set). */
static void catalog_from_its_own_rows(void **state)
{
	struct db d;
	const struct isam_table *t, *shadow;
	struct isam_btree bt;
	struct isam_record rec;
	(void)state;
	NEED("goese-SRUDB.dat");
	open_db(&d, "goese-SRUDB.dat");
	t = isam_catalog_table(&d.cat, "MSysObjects");
	shadow = isam_catalog_table(&d.cat, "MSysObjectsShadow");
	assert_non_null(t);
	assert_non_null(shadow);
	assert_int_equal(t->fdp, ISAM_CATALOG_ROOT);
	assert_non_null(isam_table_column_named(t, "LocaleName"));
	assert_non_null(isam_table_column_named(t, "LVChunkMax"));
	assert_int_equal(shadow->ncolumns, t->ncolumns);
	assert_int_equal(d.cat.ntables, 14);
	assert_int_equal(rows_of(&d, t), 241);
	assert_int_equal(rows_of(&d, shadow), 241);
	assert_int_equal(rows_of(&d, isam_catalog_table(&d.cat, "SruDbIdMapTable")), 1141);
	assert_int_equal(
		rows_of(&d, isam_catalog_table(&d.cat, "{5C8CF1C7-7257-4F13-B223-970EF5939312}")),
		4038);
	goto_row(&d, t, &bt, &rec, 2);   /* (2, column, 1): ObjidTable */
	{
		unsigned char *name = value(&d, t, &rec, "Name", 1, NULL);
		assert_string_equal((char *)name, "ObjidTable");
		free(name);
	}
	assert_null(value(&d, t, &rec, "RootFlag", 1, NULL));
	isam_btree_close(&bt);
	/* 34 indexes, over all tables */
	unsigned i, n = 0;
	for (i = 0; i < d.cat.ntables; i++)
		n += d.cat.tables[i].nindexes;
	assert_true(n >= 34);
	close_db(&d);
}

/* Separated long values, Xpress and 7-bit compressed ones */
static void text_long_and_compressed(void **state)
{
	struct db d;
	struct isam_btree bt;
	struct isam_record rec;
	const struct isam_table *t;
	unsigned char *v;
	uint32_t cb, i;
	(void)state;
	NEED("dissect-text.edb");
	open_db(&d, "dissect-text.edb");
	t = isam_catalog_table(&d.cat, "text");
	assert_non_null(t);
	assert_int_not_equal(t->lv_fdp, 0);
	goto_row(&d, t, &bt, &rec, 1);
	v = value(&d, t, &rec, "ASCII", 1, NULL);
	assert_string_equal((char *)v, "Simple ASCII text");
	free(v);
	v = value(&d, t, &rec, "MaxLongCompressedASCII", 1, &cb);
	static const char head[] = "Max long compressed ASCII text that can be a bit longer ";
	assert_memory_equal(v, head, sizeof head - 1);
	for (i = sizeof head - 1; i < cb; i++)
		assert_int_equal(v[i], 'a');
	free(v);
	v = value(&d, t, &rec, "MaxLongCompressedUnicode", 1, &cb);
	/* "Max" in UTF-16, and the fox (U+1F98A) as a surrogate pair */
	assert_memory_equal(v, "M\0a\0x\0", 6);
	assert_true(contains(v, cb, "\x3e\xd8\x8a\xdd", 4));
	free(v);
	/* a long value read from an offset: the same bytes */
	{
		const struct isam_column *c = isam_table_column_named(t, "MaxLongUnicode");
		unsigned char whole[4096], part[64];
		uint32_t size, size2;
		assert_int_equal(isam_column_read(&d.pager, t->lv_fdp, &rec, c, 1, 0, whole,
						  sizeof whole, &size, NULL),
				 JET_errSuccess);
		assert_true(size > 100 && size <= sizeof whole);
		assert_int_equal(isam_column_read(&d.pager, t->lv_fdp, &rec, c, 1, 50, part,
						  sizeof part, &size2, NULL),
				 JET_errSuccess);
		assert_int_equal(size2, size);
		assert_memory_equal(part, whole + 50, sizeof part);
	}
	isam_btree_close(&bt);
	close_db(&d);
}

/* Multi-valued and two-valued tagged columns */
static void multi_values(void **state)
{
	struct db d;
	struct isam_btree bt;
	struct isam_record rec;
	const struct isam_table *t;
	uint32_t n;
	unsigned char *v;
	(void)state;
	NEED("dissect-multi.edb");
	open_db(&d, "dissect-multi.edb");
	t = isam_catalog_table(&d.cat, "multi");
	goto_row(&d, t, &bt, &rec, 1);
	assert_int_equal(isam_column_count(&rec, isam_table_column_named(t, "ASCII"), &n),
			 JET_errSuccess);
	assert_int_equal(n, 3);
	v = value(&d, t, &rec, "ASCII", 2, NULL);
	assert_string_equal((char *)v,
			    "Some ASCII text that has multiple values, this is value 2");
	free(v);
	assert_null(value(&d, t, &rec, "ASCII", 4, NULL));
	assert_int_equal(isam_column_count(&rec, isam_table_column_named(t, "UnsignedShort"), &n),
			 JET_errSuccess);
	assert_int_equal(n, 2);
	isam_btree_close(&bt);
	goto_row(&d, t, &bt, &rec, 2);
	v = value(&d, t, &rec, "LongBinary", 3, NULL);
	assert_string_equal((char *)v, "Tiny binary 3");
	free(v);
	isam_btree_close(&bt);
	close_db(&d);
}

/* Catalog defaults, long ones included, when the record lacks the column */
static void defaults(void **state)
{
	struct db d;
	struct isam_btree bt;
	struct isam_record rec;
	const struct isam_table *t;
	unsigned char *v;
	unsigned ignore = ISAM_READ_IGNORE_DEFAULT;
	uint32_t size;
	(void)state;
	NEED("dissect-default.edb");
	open_db(&d, "dissect-default.edb");
	t = isam_catalog_table(&d.cat, "default");
	goto_row(&d, t, &bt, &rec, 1);
	v = value(&d, t, &rec, "LongBinary", 1, NULL);
	assert_memory_equal(v, "Long default binary ", 20);
	free(v);
	v = value(&d, t, &rec, "LongASCII", 1, NULL);
	assert_memory_equal(v, "Long default ASCII ", 19);
	free(v);
	assert_int_equal(isam_column_read(&d.pager, t->lv_fdp, &rec,
					  isam_table_column_named(t, "LongASCII"), 1, 0, NULL, 0,
					  &size, &ignore),
			 JET_wrnColumnNull);
	isam_btree_close(&bt);
	close_db(&d);
}

/* 32 KiB pages: the 80-byte header, 15-bit tags, the large tagged layout */
static void large_pages(void **state)
{
	struct db d;
	struct isam_btree bt;
	struct isam_record rec;
	const struct isam_table *t;
	(void)state;
	NEED("dissect-large.edb");
	open_db(&d, "dissect-large.edb");
	assert_int_equal(d.pager.page_size, 32768);
	t = isam_catalog_table(&d.cat, "large");
	assert_non_null(t);
	assert_int_equal(t->ncolumns, 64994);
	assert_int_equal(rows_of(&d, t), 16);
	assert_int_equal(rows_of(&d, isam_catalog_table(&d.cat, "MSysObjects")), 65068);
	goto_row(&d, t, &bt, &rec, 1);
	assert_true(rec.tagged_count > 0);
	isam_btree_close(&bt);
	/* every one of the 64,994 columns by its name, its case swapped */
	for (unsigned i = 0; i < t->ncolumns; i++) {
		char swapped[256];
		size_t n = strlen(t->columns[i].name);
		assert_true(n < sizeof(swapped));
		for (size_t k = 0; k <= n; k++) {
			char ch = t->columns[i].name[k];
			swapped[k] = isupper((unsigned char)ch) ? (char)tolower((unsigned char)ch)
								: (char)toupper((unsigned char)ch);
		}
		assert_ptr_equal(isam_table_column_named(t, swapped), &t->columns[i]);
	}
	assert_null(isam_table_column_named(t, "no such column"));
	close_db(&d);
}

/* Column names compare as ESE's UtilCmpName (_stricmp): ASCII letters
 * fold, nothing else does; the name index and the plain pass agree. */
static void column_names(void **state)
{
	static const char *const names[] = {"Abc", "ABD", "_x", "\xc3\x89t\xc3\xa9", "a_b", "A`B", ""};
	struct isam_column cols[7];
	struct isam_table t;
	unsigned i, pass;
	(void)state;
	memset(&t, 0, sizeof(t));
	memset(cols, 0, sizeof(cols));
	for (i = 0; i < 7; i++) {
		cols[i].id = 256 + i;
		cols[i].name = (char *)names[i];
	}
	t.columns = cols;
	t.ncolumns = 7;
	for (pass = 0; pass < 2; pass++) {
		assert_ptr_equal(isam_table_column_named(&t, "aBC"), &cols[0]);
		assert_ptr_equal(isam_table_column_named(&t, "abd"), &cols[1]);
		assert_ptr_equal(isam_table_column_named(&t, "_X"), &cols[2]);
		assert_ptr_equal(isam_table_column_named(&t, "\xc3\x89T\xc3\xa9"), &cols[3]);
		/* not folded: accented letters, '_' against '`' */
		assert_null(isam_table_column_named(&t, "\xc3\xa9t\xc3\xa9"));
		assert_ptr_equal(isam_table_column_named(&t, "a`b"), &cols[5]);
		assert_ptr_equal(isam_table_column_named(&t, ""), &cols[6]);
		assert_null(isam_table_column_named(&t, "abcd"));
		assert_int_equal(isam_table_index_names(&t), JET_errSuccess);
	}
	isam_table_free_names(&t);
}

/* A damaged page fails the call that reaches it; the rest stays readable,
 * and the file is never written. */
static void damaged_page(void **state)
{
	struct db d;
	const struct isam_table *t;
	struct isam_btree bt;
	FILE *f;
	(void)state;
	NEED("dissect-basic.edb");
	open_db(&d, "dissect-basic.edb");
	t = isam_catalog_table(&d.cat, "basic");
	uint32_t fdp = t->fdp;
	close_db(&d);
	f = fopen("dissect-basic.edb", "r+b");
	assert_non_null(f);
	fseek(f, (long)(fdp + 1) * 4096 + 2000, SEEK_SET);
	fputc(0x5a, f);
	fclose(f);
	open_db(&d, "dissect-basic.edb");
	t = isam_catalog_table(&d.cat, "basic");
	assert_int_equal(isam_btree_open(&bt, &d.pager, t->fdp), JET_errReadVerifyFailure);
	assert_int_equal(rows_of(&d, isam_catalog_table(&d.cat, "MSysLocales")), 7);
	close_db(&d);
}


/* No fixture has a template or a derived table (none of the nine has a
 * TemplateTable name or the template/derived flags in its catalog): the
 * merge is checked over catalog rows made by hand, as ESE writes them
 * (cat.cxx, fileopen.cxx ErrTDBCreate): a template with a fixed, a
 * variable and a tagged column, a table derived from it with one of each
 * of its own (fixed and variable fids continuing, the tagged one at 256
 * again), and a record of it whose template TAGFLD carries fDerived. */
static char *copy_of(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	assert_non_null(d);
	return strcpy(d, s);
}

static void template_tables(void **state)
{
	struct isam_catalog cat;
	struct isam_table *tm, *dv;
	const struct isam_column *c;
	struct isam_record rec;
	struct isam_index x;
	struct key_index idx;
	uint32_t cols[KEY_SEGMENTS_MOST], actual;
	unsigned char buf[16];
	static const unsigned char key_fields[] = {0x80, 0, 0x00, 0x01, 0, 0, 0x02, 0x00};
	/* fixed 1..2 (A, D), the null bitmap, variable 128..129 (B, E), then
	 * TAGFLDs 256 derived ("tmpl") and 256 ("own!") */
	static const unsigned char row[] = {
		2, 129, 13, 0,                /* last fixed, last variable, end of fixed data */
		1, 0, 0, 0, 2, 0, 0, 0, 0,    /* A = 1, D = 2, bitmap */
		1, 0, 2, 0, 'b', 'e',         /* variable ends, data */
		0x00, 0x01, 8, 0x80, 0x00, 0x01, 12, 0x00, 't', 'm', 'p', 'l', 'o', 'w', 'n', '!',
	};
	static const char *const names[] = {"A", "B", "C", "D", "E", "F"};
	static const uint32_t fids[] = {1, 128, 256, 2, 129, 256};
	static const uint32_t types[] = {ISAM_COLTYP_LONG, ISAM_COLTYP_TEXT, ISAM_COLTYP_LONG_BINARY};
	static const char *const order[] = {"A", "D", "B", "E", "C", "F"};
	static const uint32_t ids[] = {0x80000001u, 2, 0x80000080u, 129, 0x80000100u, 256};
	unsigned i, k;
	(void)state;
	memset(&cat, 0, sizeof(cat));
	cat.ntables = 2;
	cat.tables = calloc(2, sizeof(*cat.tables));
	tm = &cat.tables[0];
	dv = &cat.tables[1];
	tm->name = copy_of("Tmpl");
	tm->flags = 0x20000000u | 0x40000000u; /* JET_bitObjectTableTemplate | FixedDDL */
	dv->name = copy_of("Derived");
	dv->flags = 0x10000000u; /* JET_bitObjectTableDerived */
	dv->template_name = copy_of("tmpl"); /* names compare without case */
	for (k = 0; k < 2; k++) {
		struct isam_table *t = k ? dv : tm;
		t->ncolumns = 3;
		t->columns = calloc(3, sizeof(*t->columns));
		for (i = 0; i < 3; i++) {
			t->columns[i].id = fids[3 * k + i];
			t->columns[i].coltyp = types[i];
			t->columns[i].offset = 4 + 4 * k;
			t->columns[i].cb_max = 4;
			t->columns[i].name = copy_of(names[3 * k + i]);
			/* made by ESE98 or later: ffieldTemplateColumnESE98 */
			t->columns[i].grbit = k ? 0 : 0x0100;
		}
	}
	assert_int_equal(isam_catalog_derive(&cat), JET_errSuccess);
	for (k = 0; k < 2; k++) {
		qsort(cat.tables[k].columns, cat.tables[k].ncolumns, sizeof(*cat.tables[k].columns),
		      isam_column_order);
		assert_int_equal(isam_table_index_names(&cat.tables[k]), JET_errSuccess);
	}
	/* the template's own columns are template columns */
	assert_int_equal(tm->ncolumns, 3);
	for (i = 0; i < 3; i++) {
		assert_true(tm->columns[i].template_column);
		assert_false(tm->columns[i].derived);
	}
	assert_ptr_equal(isam_table_column(tm, 0x80000100u), &tm->columns[2]);
	/* the derived table: the template's fixed and variable columns before
	 * its own, its template tagged columns before its own */
	assert_true(dv->derived);
	assert_int_equal(dv->ncolumns, 6);
	for (i = 0; i < 6; i++) {
		assert_string_equal(dv->columns[i].name, order[i]);
		assert_int_equal(isam_column_id(&dv->columns[i]), ids[i]);
		assert_ptr_equal(isam_table_column(dv, ids[i]), &dv->columns[i]);
		assert_ptr_equal(isam_table_column_named(dv, order[i]), &dv->columns[i]);
	}
	/* a bare fid: the table's own column first */
	assert_ptr_equal(isam_table_column(dv, 256), &dv->columns[5]);
	assert_null(isam_table_column(dv, 0x80000002u));
	assert_null(isam_table_column(dv, 0x00010100u));
	/* a caller's columnid (fldext.cxx ErrRECIAccessColumn): a template
	 * table answers only to fCOLUMNIDTemplate, a derived table's bare fids
	 * name only its own columns */
	assert_null(isam_table_columnid(tm, 1));
	assert_null(isam_table_columnid(tm, 256));
	assert_ptr_equal(isam_table_columnid(tm, 0x80000100u), &tm->columns[2]);
	assert_null(isam_table_columnid(dv, 1));
	assert_null(isam_table_columnid(dv, 128));
	assert_ptr_equal(isam_table_columnid(dv, 2), &dv->columns[1]);
	assert_ptr_equal(isam_table_columnid(dv, 129), &dv->columns[3]);
	assert_ptr_equal(isam_table_columnid(dv, 256), &dv->columns[5]);
	assert_ptr_equal(isam_table_columnid(dv, 0x80000001u), &dv->columns[0]);
	assert_null(isam_table_columnid(dv, 0x00010100u));
	/* the record: each tagged column finds its own TAGFLD */
	assert_int_equal(isam_record_parse(&rec, row, sizeof(row), 0), JET_errSuccess);
	assert_int_equal(rec.tagged_count, 2);
	c = isam_table_column(dv, 0x80000100u);
	assert_int_equal(isam_column_read(NULL, 0, &rec, c, 1, 0, buf, sizeof buf, &actual, NULL),
			 JET_errSuccess);
	assert_int_equal(actual, 4);
	assert_memory_equal(buf, "tmpl", 4);
	c = isam_table_column(dv, 256);
	assert_int_equal(isam_column_read(NULL, 0, &rec, c, 1, 0, buf, sizeof buf, &actual, NULL),
			 JET_errSuccess);
	assert_memory_equal(buf, "own!", 4);
	c = isam_table_column(dv, 0x80000001u);
	assert_int_equal(isam_column_read(NULL, 0, &rec, c, 1, 0, buf, sizeof buf, &actual, NULL),
			 JET_errSuccess);
	assert_int_equal(buf[0], 1);
	c = isam_table_column(dv, 2);
	assert_int_equal(isam_column_read(NULL, 0, &rec, c, 1, 0, buf, sizeof buf, &actual, NULL),
			 JET_errSuccess);
	assert_int_equal(buf[0], 2);
	/* an inherited index: its key column named with fIDXSEGTemplateColumn */
	memset(&x, 0, sizeof(x));
	x.flags = (uint32_t)ISAM_IDX_EXTENDED_COLUMNS << 16;
	x.key_fields = (unsigned char *)key_fields;
	x.cb_key_fields = sizeof(key_fields);
	assert_int_equal(isam_index_describe(dv, &x, &idx, cols), JET_errSuccess);
	assert_int_equal(idx.nseg, 2);
	assert_int_equal(cols[0], 0x80000100u);
	assert_int_equal(idx.seg[0].coltyp, ISAM_COLTYP_LONG_BINARY);
	assert_int_equal(cols[1], 2);
	isam_catalog_free(&cat);
}

/* An ESE97 template (its columns without ffieldTemplateColumnESE98): the
 * derived table's own tagged fids follow the template's, and the
 * template's tagged values are stored without fDerived. */
static void ese97_template(void **state)
{
	struct isam_catalog cat;
	struct isam_table *tm, *dv;
	const struct isam_column *c;
	struct isam_record rec;
	unsigned char buf[8];
	uint32_t actual;
	/* no fixed, no variable; TAGFLDs 256 ("tmpl", no fDerived) and 257 */
	static const unsigned char row[] = {
		0, 127, 4, 0,
		0x00, 0x01, 8, 0x00, 0x01, 0x01, 12, 0x00, 't', 'm', 'p', 'l', 'o', 'w', 'n', '!',
	};
	(void)state;
	memset(&cat, 0, sizeof(cat));
	cat.ntables = 2;
	cat.tables = calloc(2, sizeof(*cat.tables));
	tm = &cat.tables[0];
	dv = &cat.tables[1];
	tm->name = copy_of("T");
	tm->flags = 0x20000000u;
	dv->name = copy_of("D");
	dv->flags = 0x10000000u;
	dv->template_name = copy_of("T");
	tm->ncolumns = dv->ncolumns = 1;
	tm->columns = calloc(1, sizeof(*tm->columns));
	dv->columns = calloc(1, sizeof(*dv->columns));
	tm->columns[0].id = 256;
	tm->columns[0].coltyp = ISAM_COLTYP_LONG_BINARY;
	tm->columns[0].name = copy_of("Old");
	dv->columns[0].id = 257;
	dv->columns[0].coltyp = ISAM_COLTYP_LONG_BINARY;
	dv->columns[0].name = copy_of("Own");
	assert_int_equal(isam_catalog_derive(&cat), JET_errSuccess);
	qsort(dv->columns, dv->ncolumns, sizeof(*dv->columns), isam_column_order);
	assert_int_equal(dv->ncolumns, 2);
	assert_string_equal(dv->columns[0].name, "Old");
	assert_false(dv->columns[0].derived);
	assert_ptr_equal(isam_table_columnid(dv, 0x80000100u), &dv->columns[0]);
	assert_null(isam_table_columnid(dv, 256));
	assert_ptr_equal(isam_table_columnid(dv, 257), &dv->columns[1]);
	assert_int_equal(isam_record_parse(&rec, row, sizeof(row), 0), JET_errSuccess);
	c = isam_table_columnid(dv, 0x80000100u);
	assert_int_equal(isam_column_read(NULL, 0, &rec, c, 1, 0, buf, sizeof buf, &actual, NULL),
			 JET_errSuccess);
	assert_int_equal(actual, 4);
	assert_memory_equal(buf, "tmpl", 4);
	c = isam_table_columnid(dv, 257);
	assert_int_equal(isam_column_read(NULL, 0, &rec, c, 1, 0, buf, sizeof buf, &actual, NULL),
			 JET_errSuccess);
	assert_memory_equal(buf, "own!", 4);
	isam_catalog_free(&cat);
}

/* A catalog of `n` tables made by hand: table i named names[i], flags[i],
 * template tmpls[i] (NULL: none), with ncols[i] fixed columns of fids 1.. */
static void hand_catalog(struct isam_catalog *cat, unsigned n, const char *const *names,
			 const uint32_t *flags, const char *const *tmpls, const unsigned *ncols)
{
	unsigned i, k;
	char name[16];
	memset(cat, 0, sizeof(*cat));
	cat->ntables = n;
	cat->tables = calloc(n, sizeof(*cat->tables));
	assert_non_null(cat->tables);
	for (i = 0; i < n; i++) {
		struct isam_table *t = &cat->tables[i];
		t->name = copy_of(names[i]);
		t->flags = flags[i];
		t->template_name = tmpls[i] ? copy_of(tmpls[i]) : NULL;
		t->ncolumns = ncols[i];
		t->columns = ncols[i] ? calloc(ncols[i], sizeof(*t->columns)) : NULL;
		for (k = 0; k < ncols[i]; k++) {
			t->columns[k].id = k + 1;
			t->columns[k].coltyp = ISAM_COLTYP_LONG;
			snprintf(name, sizeof name, "%s%u", names[i], k);
			t->columns[k].name = copy_of(name);
		}
	}
}

/* The usual derived table has no column of its own: the template's are
 * all it holds (its column array was NULL). */
static void derived_without_own_columns(void **state)
{
	static const char *const names[] = {"T", "D"};
	static const uint32_t flags[] = {0x60000000u, 0x10000000u};
	static const char *const tmpls[] = {NULL, "T"};
	static const unsigned ncols[] = {2, 0};
	struct isam_catalog cat;
	(void)state;
	hand_catalog(&cat, 2, names, flags, tmpls, ncols);
	assert_int_equal(isam_catalog_derive(&cat), JET_errSuccess);
	assert_true(cat.tables[1].derived);
	assert_int_equal(cat.tables[1].ncolumns, 2);
	assert_string_equal(cat.tables[1].columns[1].name, "T1");
	assert_true(cat.tables[1].columns[1].template_column);
	isam_catalog_free(&cat);
}

/* cat.cxx ErrCATIInitFCB: only a table flagged Derived (not Template) has
 * a template, and a template is never derived itself: a template naming
 * itself or a chain of templates merges nothing; a name over
 * JET_cbNameMost is a corrupt catalog when the table is opened. */
static void derivation_rules(void **state)
{
	static const char *const names[] = {"S", "U", "L", "T", "V"};
	static const uint32_t flags[] = {0x70000000u, 0, 0x10000000u, 0x60000000u, 0x10000000u};
	static char long_name[66];
	const char *tmpls[] = {"S", "T", long_name, NULL, "T"};
	static const unsigned ncols[] = {2, 1, 1, 3, 1};
	enum { CHAIN = 3000 };
	char (*chain_names)[8];
	const char **cn, **ct;
	uint32_t *cf;
	unsigned *cc, i, total = 0;
	struct isam_catalog cat;
	(void)state;
	memset(long_name, 'x', 65);
	hand_catalog(&cat, 5, names, flags, tmpls, ncols);
	assert_int_equal(isam_catalog_derive(&cat), JET_errSuccess);
	/* a template naming itself: its own columns, once */
	assert_int_equal(cat.tables[0].ncolumns, 2);
	assert_false(cat.tables[0].derived);
	/* a TemplateTable without the Derived flag: not derived */
	assert_int_equal(cat.tables[1].ncolumns, 1);
	assert_false(cat.tables[1].derived);
	assert_int_equal(cat.tables[1].open_error, 0);
	/* a template name over 64 bytes */
	assert_false(cat.tables[2].derived);
	assert_int_equal(cat.tables[2].open_error, JET_errCatalogCorrupted);
	/* the usual case */
	assert_int_equal(cat.tables[4].open_error, 0);
	assert_int_equal(cat.tables[4].ncolumns, 4);
	assert_true(cat.tables[4].derived);
	isam_catalog_free(&cat);
	/* templates each naming the one before (a table cannot be both): no
	 * chain, each keeps its one column */
	chain_names = calloc(CHAIN, sizeof(*chain_names));
	cn = calloc(CHAIN, sizeof(*cn));
	ct = calloc(CHAIN, sizeof(*ct));
	cf = calloc(CHAIN, sizeof(*cf));
	cc = calloc(CHAIN, sizeof(*cc));
	assert_true(chain_names && cn && ct && cf && cc);
	for (i = 0; i < CHAIN; i++) {
		snprintf(chain_names[i], sizeof chain_names[i], "c%u", i);
		cn[i] = chain_names[i];
		ct[i] = i ? chain_names[i - 1] : NULL;
		cf[i] = 0x70000000u;
		cc[i] = 1;
	}
	hand_catalog(&cat, CHAIN, cn, cf, ct, cc);
	assert_int_equal(isam_catalog_derive(&cat), JET_errSuccess);
	for (i = 0; i < CHAIN; i++)
		total += cat.tables[i].ncolumns;
	assert_int_equal(total, CHAIN);
	isam_catalog_free(&cat);
	free(chain_names);
	free(cn);
	free(ct);
	free(cf);
	free(cc);
}

/* A derived table whose template is missing: opening it fails as ESE's
 * ErrFILEOpenTable of the template does (cat.cxx ErrCATIInitFCB). */
static void missing_template(void **state)
{
	static const char *const names[] = {"D", "E"};
	static const uint32_t flags[] = {0x10000000u, 0x10000000u};
	static const char *const tmpls[] = {"Gone", NULL};
	static const unsigned ncols[] = {1, 1};
	struct isam_catalog cat;
	(void)state;
	hand_catalog(&cat, 2, names, flags, tmpls, ncols);
	assert_int_equal(isam_catalog_derive(&cat), JET_errSuccess);
	assert_int_equal(cat.tables[0].open_error, JET_errObjectNotFound);
	assert_int_equal(cat.tables[1].open_error, JET_errObjectNotFound);
	assert_false(cat.tables[0].derived);
	isam_catalog_free(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(xpress_overlapping_match), CASE(seven_bit), CASE(basic_fixed_columns),
		CASE(catalog_from_its_own_rows), CASE(text_long_and_compressed),
		CASE(multi_values), CASE(defaults), CASE(large_pages), CASE(damaged_page),
		CASE(column_names), CASE(template_tables), CASE(ese97_template),
		CASE(derived_without_own_columns), CASE(derivation_rules),
		CASE(missing_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
