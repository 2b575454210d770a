/* A record's columns as a whole (sim/isam/enumerate.c) on Windows-made
 * databases: JetEnumerateColumns' output checked against JetRetrieveColumn
 * for every record and column of the fixtures, each grbit, the tagged
 * column list, the record's size, the retrieve grbits on stored values,
 * and positions (sim/isam/btree.c).  Skips when ../shared/fixtures/isam is
 * absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/database.h"
#include "engine/init_term.h"
#include "format/dbfile.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/btree.h"
#include "isam/catalog.h"
#include "isam/column_reference.h"
#include "isam/cursor.h"
#include "isam/enumerate.h"
#include "isam/page.h"
#include "isam/pager.h"
#include "isam/record.h"
#include "isam/schema.h"
#include "isam/table_info.h"
#include "jet_values.h"

static int attach(const char *name, uintptr_t *inst, uintptr_t *sesid, uint32_t *dbid)
{
	if (!windows_fixture(name, name)) {
		print_message("SKIP: %s.gz absent from ../shared/fixtures/isam\n", name);
		return 0;
	}
	start_instance("enum", "i", inst, sesid);
	assert_int_equal(sim_attach_database(*sesid, name, 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_true(sim_open_database(*sesid, name, JET_bitDbReadOnly, dbid) >= 0);
	return 1;
}

/* Value itag of the column through JetRetrieveColumn: its bytes (malloc'ed)
 * or NULL with *err JET_wrnColumnNull. */
static unsigned char *retrieved(uintptr_t sesid, uintptr_t t, uint32_t id, uint32_t itag,
				uint32_t grbit, uint32_t *cb, int *err)
{
	uint32_t actual = 0;
	unsigned char *p;
	*err = sim_retrieve_column(sesid, t, id, NULL, 0, &actual, grbit, itag, 0);
	assert_true(*err >= 0);
	if (*err == JET_wrnColumnNull)
		return NULL;
	p = malloc(actual + 1);
	assert_int_equal(sim_retrieve_column(sesid, t, id, p, actual, cb, grbit, itag, 0),
			 JET_errSuccess);
	assert_int_equal(*cb, actual);
	return p;
}

/* Every column of the current record: the enumeration (grbit) says what
 * JetRetrieveColumn says, value for value; a column it leaves out has no
 * value. */
static void check_record(uintptr_t sesid, uintptr_t t, uint32_t grbit)
{
	struct isam_enum_column *cols;
	uint32_t n, i, j, k = 0;
	uint32_t rgrbit = (grbit & JET_bitEnumerateIgnoreDefault) ? JET_bitRetrieveIgnoreDefault : 0;
	struct isam_column c;
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0xffffffffu, grbit, &cols, &n),
			 JET_errSuccess);
	for (i = 0; sim_table_column_at(sesid, t, i, &c) == JET_errSuccess; i++) {
		const struct isam_enum_column *e = k < n && cols[k].columnid == c.id ? &cols[k++]
										  : NULL;
		uint32_t cb;
		int err;
		unsigned char *v;
		if ((grbit & JET_bitEnumerateTaggedOnly) && c.id < 256) {
			assert_null(e);
			isam_column_release(&c);
			continue;
		}
		if (!e) {
			v = retrieved(sesid, t, c.id, 1, rgrbit, &cb, &err);
			assert_null(v);
		} else if (e->err == JET_wrnColumnNull) {
			v = retrieved(sesid, t, c.id, 1, rgrbit, &cb, &err);
			assert_null(v);
		} else if (e->err == JET_wrnColumnSingleValue) {
			v = retrieved(sesid, t, c.id, 1, rgrbit, &cb, &err);
			assert_non_null(v);
			assert_int_equal(cb, e->cb);
			assert_memory_equal(v, e->data, cb);
			free(v);
			assert_null(retrieved(sesid, t, c.id, 2, rgrbit, &cb, &err));
		} else if (e->err == JET_wrnColumnPresent) {
			v = retrieved(sesid, t, c.id, 1, rgrbit, &cb, &err);
			assert_non_null(v);
			free(v);
		} else {
			assert_int_equal(e->err, JET_errSuccess);
			assert_true(e->nvalues > 0);
			for (j = 0; j < e->nvalues; j++) {
				assert_int_equal(e->values[j].itag, j + 1);
				assert_int_equal(e->values[j].err, JET_errSuccess);
				v = retrieved(sesid, t, c.id, j + 1, rgrbit, &cb, &err);
				assert_non_null(v);
				assert_int_equal(cb, e->values[j].cb);
				assert_memory_equal(v, e->values[j].data, cb);
				free(v);
			}
			assert_null(retrieved(sesid, t, c.id, j + 1, rgrbit, &cb, &err));
		}
		isam_column_release(&c);
	}
	assert_int_equal(k, n);
	isam_enum_free(cols, n);
}

static void enumerate_matches_retrieve(void **state)
{
	static const char *files[] = {"dissect-multi.edb", "dissect-default.edb",
				      "dissect-binary.edb", "dissect-text.edb"};
	static const char *tables[] = {"multi", "default", "binary", "text"};
	static const uint32_t grbits[] = {0, JET_bitEnumerateIgnoreDefault,
					  JET_bitEnumerateCompressOutput,
					  JET_bitEnumerateTaggedOnly, JET_bitEnumeratePresenceOnly};
	unsigned f, g;
	(void)state;
	for (f = 0; f < 4; f++) {
		uintptr_t inst, sesid, t;
		uint32_t dbid;
		int rows = 0;
		if (!attach(files[f], &inst, &sesid, &dbid))
			skip();
		assert_int_equal(sim_open_table(sesid, dbid, tables[f], 0, &t), JET_errSuccess);
		while (sim_move(sesid, t, rows ? 1 : ISAM_MOVE_FIRST, 0) == JET_errSuccess) {
			for (g = 0; g < sizeof grbits / sizeof grbits[0]; g++)
				check_record(sesid, t, grbits[g]);
			rows++;
		}
		assert_true(rows > 0);
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	}
}

static void enumerate_codes(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid, n, tags[3] = {0, 1, 50};
	struct isam_enum_column *cols;
	struct isam_enum_request req[4] = {{0, 0, NULL}, {0x7fff0001u, 0, NULL}, {9999, 0, NULL},
					   {1, 3, tags}};
	(void)state;
	if (!attach("dissect-multi.edb", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "multi", 0, &t), JET_errSuccess);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, 0, &cols, &n),
			 JET_errNoCurrentRecord);
	assert_int_equal(sim_enumerate_columns(sesid, t + 1000, NULL, 0, 0, 0, &cols, &n),
			 JET_errInvalidTableId);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, 0, NULL, NULL),
			 JET_errInvalidParameter);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, 0x1000000, &cols, &n),
			 JET_errInvalidGrbit);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, JET_bitEnumerateLocal, &cols,
					       &n),
			 JET_errInvalidGrbit);
	assert_int_equal(sim_enumerate_columns(sesid, t, req, 4, 0, JET_bitEnumerateTaggedOnly,
					       &cols, &n),
			 JET_errInvalidGrbit);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0,
					       JET_bitEnumerateInRecordOnly |
						       JET_bitEnumerateAsRefIfNotInRecord,
					       &cols, &n),
			 JET_errInvalidGrbit);
	/* the first bad column's code, the list made all the same */
	assert_int_equal(sim_enumerate_columns(sesid, t, req, 4, 0, 0, &cols, &n),
			 JET_errBadColumnId);
	assert_int_equal(n, 4);
	assert_int_equal(cols[0].err, JET_wrnColumnSkipped);
	assert_int_equal(cols[1].err, JET_errBadColumnId);
	assert_int_equal(cols[2].err, JET_errColumnNotFound);
	assert_int_equal(cols[3].err, JET_errSuccess);
	assert_int_equal(cols[3].nvalues, 3);
	assert_int_equal(cols[3].values[0].err, JET_wrnColumnSkipped);
	assert_int_equal(cols[3].values[1].err, JET_errSuccess);
	assert_int_equal(cols[3].values[1].cb, 4);
	assert_int_equal(cols[3].values[2].err, JET_wrnColumnNull);
	isam_enum_free(cols, n);
	assert_int_equal(sim_enumerate_columns(sesid, t, req + 2, 1, 0, 0, &cols, &n),
			 JET_errColumnNotFound);
	isam_enum_free(cols, n);
	/* PresenceOnly on asked values */
	assert_int_equal(sim_enumerate_columns(sesid, t, req + 3, 1, 0, JET_bitEnumeratePresenceOnly,
					       &cols, &n),
			 JET_errSuccess);
	assert_int_equal(cols[0].values[1].err, JET_wrnColumnPresent);
	assert_null(cols[0].values[1].data);
	isam_enum_free(cols, n);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* The default table: a column the record lacks is JET_wrnColumnDefault
 * when asked for with IgnoreDefault, its default otherwise. */
static void enumerate_defaults(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid, n, i;
	struct isam_enum_column *cols, *plain;
	struct isam_enum_request req[64];
	uint32_t nreq = 0;
	struct isam_column c;
	(void)state;
	if (!attach("dissect-default.edb", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "default", 0, &t), JET_errSuccess);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	for (i = 0; nreq < 64 && sim_table_column_at(sesid, t, i, &c) == JET_errSuccess; i++) {
		req[nreq].columnid = c.id;
		req[nreq].ntags = 0;
		req[nreq++].tags = NULL;
		isam_column_release(&c);
	}
	assert_int_equal(sim_enumerate_columns(sesid, t, req, nreq, 0xffffffffu,
					       JET_bitEnumerateIgnoreDefault, &cols, &n),
			 JET_errSuccess);
	assert_int_equal(sim_enumerate_columns(sesid, t, req, nreq, 0xffffffffu, 0, &plain, &n),
			 JET_errSuccess);
	for (i = 0; i < n; i++) {
		struct isam_column col;
		assert_int_equal(sim_table_column(sesid, t, NULL, req[i].columnid, &col),
				 JET_errSuccess);
		if (cols[i].err == JET_wrnColumnDefault && col.def) {
			assert_int_equal(plain[i].err, JET_errSuccess);
			assert_int_equal(plain[i].values[0].cb, col.cb_def);
			assert_memory_equal(plain[i].values[0].data, col.def, col.cb_def);
		}
		isam_column_release(&col);
	}
	isam_enum_free(cols, n);
	isam_enum_free(plain, n);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A separated long value of the text fixture: found by JetRetrieveColumn's
 * JET_bitRetrieveLongId on its columns. */
static int find_separated(uintptr_t sesid, uint32_t dbid, uintptr_t *t, uint32_t *columnid)
{
	unsigned k;
	if (sim_open_table(sesid, dbid, "text", 0, t) == JET_errSuccess) {
		while (sim_move(sesid, *t, 1, 0) == JET_errSuccess) {
			struct isam_column c;
			for (k = 0; sim_table_column_at(sesid, *t, k, &c) == JET_errSuccess; k++) {
				unsigned char id[8];
				uint32_t actual, cid = c.id, itag = 1;
				int err = sim_retrieve_stored(sesid, *t, &cid, id, 8, &actual,
							      JET_bitRetrieveLongId, &itag, 0);
				isam_column_release(&c);
				if (err == JET_wrnSeparateLongValue) {
					*columnid = cid;
					return 1;
				}
			}
		}
		sim_close_table(sesid, *t);
	}
	return 0;
}


/* The reference JET_bitRetrieveAsRefIfNotInRecord gives for a separated
 * value (fldenum.cxx ErrRECCreateColumnReference), checked field by field
 * against the record's bookmark, its long-value id and the file's header;
 * format is the one the database's version calls for (1, or 2 with
 * JET_efvLid64). */
static void check_reference(uintptr_t sesid, uintptr_t t, uint32_t columnid, const char *file,
			    int format)
{
	unsigned char ref[512], bm[256], lid[8] = {0}, hdr[64], small[10];
	uint32_t actual, cb_bm, cid = columnid, itag = 1, cb_lid, fixed = format == 2 ? 28 : 24;
	struct isam_column c;
	struct isam_enum_column *cols;
	struct isam_enum_request req = {columnid, 0, NULL};
	uint32_t n;
	FILE *f = fopen(file, "rb");
	assert_non_null(f);
	assert_int_equal(fread(hdr, 1, sizeof hdr, f), sizeof hdr);
	fclose(f);
	assert_int_equal(sim_table_column(sesid, t, NULL, columnid, &c), JET_errSuccess);
	assert_int_equal(sim_get_bookmark(sesid, t, bm, sizeof bm, &cb_bm), JET_errSuccess);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, lid, 8, &cb_lid, JET_bitRetrieveLongId,
					     &itag, 0),
			 JET_wrnSeparateLongValue);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, ref, sizeof ref, &actual,
					     JET_bitRetrieveAsRefIfNotInRecord, &itag, 0),
			 JET_wrnColumnReference);
	assert_int_equal(actual, fixed + cb_bm + strlen(c.name));
	assert_int_equal(ref[0], format);
	assert_int_equal(ref[1] | ref[2] << 8, cb_bm);
	assert_int_equal(ref[3], strlen(c.name));
	assert_int_equal(ref[4] | ref[5] << 8 | ref[6] << 16 | (uint32_t)ref[7] << 24, 1);
	assert_memory_equal(ref + 8, lid, format == 2 ? 8 : 4);
	/* signDb without its computer name: DBFILEHDR offset 24 */
	assert_memory_equal(ref + fixed - 12, hdr + 24, 12);
	assert_memory_equal(ref + fixed, bm, cb_bm);
	assert_memory_equal(ref + fixed + cb_bm, c.name, strlen(c.name));
	/* cut to the buffer */
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, small, 10, &actual,
					     JET_bitRetrieveAsRefIfNotInRecord, &itag, 0),
			 JET_wrnBufferTruncated);
	assert_int_equal(actual, fixed + cb_bm + strlen(c.name));
	assert_memory_equal(small, ref, 10);
	/* JetEnumerateColumns gives the same reference */
	assert_int_equal(sim_enumerate_columns(sesid, t, &req, 1, 0,
					       JET_bitEnumerateAsRefIfNotInRecord, &cols, &n),
			 JET_errSuccess);
	assert_int_equal(cols[0].values[0].err, JET_wrnColumnReference);
	assert_int_equal(cols[0].values[0].cb, actual);
	assert_memory_equal(cols[0].values[0].data, ref, actual);
	isam_enum_free(cols, n);
	isam_column_release(&c);
}

/* No fixture holds a separated value in a database of a format with
 * 64-bit long-value ids (goese-SRUDB.dat has none out of its records; the
 * dirty museum file does not attach): the reference's two formats are
 * checked on the making alone, around JET_efvLid64's database format
 * 1568.70.160 (sysver.cxx). */
static void reference_formats(void **state)
{
	struct db_header h;
	struct isam_column c;
	struct isam_current cur;
	struct isam_value v;
	static const unsigned char key[] = {0x7f, 0x80, 0, 0, 9};
	static const unsigned char lid32[] = {0x11, 0x22, 0x33, 0x44};
	static const unsigned char lid64[] = {1, 2, 3, 4, 5, 6, 7, 0x80};
	unsigned char *ref, sig[28];
	static char long_name[258];
	uint32_t cb;
	(void)state;
	memset(&h, 0, sizeof(h));
	memset(&c, 0, sizeof(c));
	memset(&cur, 0, sizeof(cur));
	memset(&v, 0, sizeof(v));
	h.db_signature.random = 0xa1b2c3d4;
	h.db_signature.created.b[0] = 7;
	memcpy(h.db_signature.computer, "HOST", 4);
	signature_put(sig, &h.db_signature);
	c.name = (char *)"Blob";
	cur.key = key;
	cur.cb_key = sizeof key;
	cur.header = &h;
	v.separated = 1;
	/* 1568.70.159: format 1, a 4-byte id */
	h.version = 0x620, h.revision = 70, h.update_minor = 159;
	v.data = lid32, v.cb = 4;
	assert_int_equal(isam_column_reference(&cur, &c, 3, &v, &ref, &cb), JET_errSuccess);
	assert_int_equal(cb, 24 + 5 + 4);
	assert_int_equal(ref[0], 1);
	assert_int_equal(ref[1], 5);
	assert_int_equal(ref[3], 4);
	assert_int_equal(ref[4], 3);
	assert_memory_equal(ref + 8, lid32, 4);
	assert_memory_equal(ref + 12, sig, 12);
	assert_memory_equal(ref + 24, key, 5);
	assert_memory_equal(ref + 29, "Blob", 4);
	free(ref);
	/* 1568.70.160: format 2, the id in 8 bytes (a 4-byte one widened) */
	h.update_minor = 160;
	assert_int_equal(isam_column_reference(&cur, &c, 1, &v, &ref, &cb), JET_errSuccess);
	assert_int_equal(cb, 28 + 5 + 4);
	assert_int_equal(ref[0], 2);
	assert_memory_equal(ref + 8, lid32, 4);
	assert_memory_equal(ref + 12, "\0\0\0\0", 4);
	assert_memory_equal(ref + 16, sig, 12);
	assert_memory_equal(ref + 28, key, 5);
	free(ref);
	h.revision = 110, h.update_minor = 0;
	v.data = lid64, v.cb = 8;
	assert_int_equal(isam_column_reference(&cur, &c, 1, &v, &ref, &cb), JET_errSuccess);
	assert_int_equal(ref[0], 2);
	assert_memory_equal(ref + 8, lid64, 8);
	free(ref);
	/* an older update: format 1 */
	h.revision = 20, h.update_minor = 400;
	v.data = lid32, v.cb = 4;
	assert_int_equal(isam_column_reference(&cur, &c, 1, &v, &ref, &cb), JET_errSuccess);
	assert_int_equal(ref[0], 1);
	free(ref);
	/* an empty id (no bytes, no buffer): zeros */
	v.data = NULL, v.cb = 0;
	assert_int_equal(isam_column_reference(&cur, &c, 1, &v, &ref, &cb), JET_errSuccess);
	assert_memory_equal(ref + 8, "\0\0\0\0", 4);
	free(ref);
	/* a name of 64 bytes fits; one longer than any ESE allows is refused
	 * (the length byte would wrap at 256) */
	c.name = long_name;
	memset(long_name, 'n', 64);
	assert_int_equal(isam_column_reference(&cur, &c, 1, &v, &ref, &cb), JET_errSuccess);
	assert_int_equal(ref[3], 64);
	free(ref);
	memset(long_name, 'n', 257);
	assert_int_equal(isam_column_reference(&cur, &c, 1, &v, &ref, &cb), JET_errCatalogCorrupted);
}

static void stored_values(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid, columnid = 0, actual, itag, cid, size;
	unsigned char buf[16];
	struct isam_enum_column *cols;
	struct isam_enum_request req;
	uint32_t n;
	(void)state;
	if (!attach("dissect-text.edb", &inst, &sesid, &dbid))
		skip();
	assert_true(find_separated(sesid, dbid, &t, &columnid));
	/* the id: 8 bytes into 8, 4 into 4, too small below */
	cid = columnid, itag = 1;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 8, &actual, JET_bitRetrieveLongId,
					     &itag, 0),
			 JET_wrnSeparateLongValue);
	assert_int_equal(actual, 8);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 2, &actual, JET_bitRetrieveLongId,
					     &itag, 0),
			 JET_errInvalidBufferSize);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 4, &actual,
					     JET_bitRetrieveLongValueRefCount, &itag, 0),
			 JET_wrnSeparateLongValue);
	assert_int_equal(actual, 4);
	assert_true(buf[0] >= 1);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 2, &actual,
					     JET_bitRetrieveLongValueRefCount, &itag, 0),
			 JET_errInvalidBufferSize);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, NULL, 0, &actual,
					     JET_bitRetrievePhysicalSize, &itag, 0),
			 JET_errSuccess);
	assert_true(actual > 0);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, NULL, 0, &actual,
					     JET_bitRetrievePrereadOnly, &itag, 0),
			 JET_errSuccess);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, NULL, 0, &actual,
					     JET_bitRetrievePrereadMany, &itag, 0),
			 JET_errInvalidGrbit);
	check_reference(sesid, t, columnid, "dissect-text.edb", 1);
	/* no update is ever prepared: the room left in its copy buffer is
	 * JET_errUpdateNotPrepared, after the buffer's size */
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 4, &actual,
					     JET_bitRetrieveCopyIntrinsic, &itag, 0),
			 JET_errUpdateNotPrepared);
	assert_int_equal(actual, 4);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 3, &actual,
					     JET_bitRetrieveCopyIntrinsic, &itag, 0),
			 JET_errBufferTooSmall);
	assert_int_equal(actual, 4);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 4, &actual,
					     JET_bitRetrievePageNumber, &itag, 0),
			 JET_errSuccess);
	assert_int_equal(actual, 4);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 3, &actual,
					     JET_bitRetrievePageNumber, &itag, 0),
			 JET_errBufferTooSmall);
	/* the enumeration: truncated at cbDataMost, or left out of it */
	sim_retrieve_column(sesid, t, columnid, NULL, 0, &size, 0, 1, 0);
	req.columnid = columnid;
	req.ntags = 0;
	req.tags = NULL;
	assert_int_equal(sim_enumerate_columns(sesid, t, &req, 1, 1, 0, &cols, &n), JET_errSuccess);
	assert_int_equal(cols[0].values[0].err, size > 1 ? JET_wrnColumnTruncated : JET_errSuccess);
	assert_int_equal(cols[0].values[0].cb, 1);
	isam_enum_free(cols, n);
	assert_int_equal(sim_enumerate_columns(sesid, t, &req, 1, 1, JET_bitEnumerateInRecordOnly,
					       &cols, &n),
			 JET_errSuccess);
	assert_int_equal(cols[0].values[0].err, JET_wrnColumnNotInRecord);
	isam_enum_free(cols, n);
	/* a fixed column: no long-value id */
	cid = 1, itag = 1;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 8, &actual, JET_bitRetrieveLongId,
					     &itag, 0),
			 JET_wrnColumnNull);
	assert_int_equal(actual, 0);
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, NULL, 0, &actual,
					     JET_bitRetrievePhysicalSize, &itag, 0),
			 JET_errSuccess);
	/* a value in the record comes as it is, not as a reference */
	{
		unsigned char plain[16];
		uint32_t cb_plain;
		assert_int_equal(sim_retrieve_column(sesid, t, 1, plain, 16, &cb_plain, 0, 1, 0),
				 JET_errSuccess);
		assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 16, &actual,
						     JET_bitRetrieveAsRefIfNotInRecord, &itag, 0),
				 JET_errSuccess);
		assert_int_equal(actual, cb_plain);
		assert_memory_equal(buf, plain, cb_plain);
	}
	/* a temporary table (a sort): no reference, no copy buffer */
	{
		struct isam_list l;
		assert_int_equal(sim_column_list(sesid, t, 0, 0, &l), JET_errSuccess);
		assert_int_equal(sim_move(sesid, l.tableid, ISAM_MOVE_FIRST, 0), JET_errSuccess);
		cid = l.columnid[0];
		assert_int_equal(sim_retrieve_stored(sesid, l.tableid, &cid, buf, 16, &actual,
						     JET_bitRetrieveAsRefIfNotInRecord, &itag, 0),
				 JET_errInvalidGrbit);
		assert_int_equal(sim_retrieve_stored(sesid, l.tableid, &cid, buf, 16, &actual,
						     JET_bitRetrieveCopyIntrinsic, &itag, 0),
				 JET_errInvalidTableId);
		assert_int_equal(sim_close_table(sesid, l.tableid), JET_errSuccess);
		assert_int_equal(sim_retrieve_stored(sesid, l.tableid, &cid, buf, 16, &actual,
						     JET_bitRetrieveAsRefIfNotInRecord, &itag, 0),
				 JET_errInvalidTableId);
		cid = 1;
	}
	/* columnid 0: the record's tagged values one after another */
	cid = 0, itag = 1;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 16, &actual, 0, &itag, 0) >= 0, 1);
	assert_true(cid >= 256);
	cid = 0, itag = 0;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 16, &actual, 0, &itag, 0),
			 JET_errBadItagSequence);
	cid = 0, itag = 100000;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 16, &actual, 0, &itag, 0),
			 JET_wrnColumnNull);
	assert_int_equal(cid, 0);
	cid = 99999, itag = 1;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, 16, &actual, 0, &itag, 0),
			 JET_errColumnNotFound);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void tagged_list_and_size(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid, count, n, i, m;
	struct isam_tagged_info list[64];
	struct isam_enum_column *cols;
	struct isam_record_size size, again;
	unsigned char bm[256];
	uint32_t cb_bm;
	(void)state;
	if (!attach("dissect-multi.edb", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "multi", 0, &t), JET_errSuccess);
	assert_int_equal(sim_tagged_column_list(sesid, t, 0, 0, list, 64, &count),
			 JET_errNoCurrentRecord);
	assert_int_equal(sim_get_record_size(sesid, t, 0, &size), JET_errNoCurrentRecord);
	assert_int_equal(sim_tagged_column_list(sesid, t, 0, 0, list, 64, NULL),
			 JET_errInvalidParameter);
	assert_int_equal(sim_get_record_size(sesid, t, 0, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_tagged_column_list(sesid, t + 1000, 0, 0, list, 64, &count),
			 JET_errInvalidTableId);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	assert_int_equal(sim_tagged_column_list(sesid, t, 0, 0, list, 64, &count), JET_errSuccess);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, JET_bitEnumerateTaggedOnly,
					       &cols, &n),
			 JET_errSuccess);
	assert_int_equal(count, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(list[i].columnid, cols[i].columnid);
		assert_int_equal(list[i].count, cols[i].err == JET_wrnColumnNull ? 1
						: cols[i].nvalues);
	}
	/* counted only; from a later column on; cut at the buffer */
	assert_int_equal(sim_tagged_column_list(sesid, t, 0, 0, NULL, 0, &m), JET_errSuccess);
	assert_int_equal(m, count);
	if (count > 1) {
		assert_int_equal(sim_tagged_column_list(sesid, t, list[1].columnid, 0, list, 64, &m),
				 JET_errSuccess);
		assert_int_equal(m, count - 1);
		assert_int_equal(sim_tagged_column_list(sesid, t, 0, 0, list, 1, &m), JET_errSuccess);
		assert_int_equal(m, 1);
	}
	isam_enum_free(cols, n);
	/* the size: the key is the bookmark's, a running total adds up */
	assert_int_equal(sim_get_record_size(sesid, t, 0, &size), JET_errSuccess);
	assert_int_equal(sim_get_bookmark(sesid, t, bm, sizeof bm, &cb_bm), JET_errSuccess);
	assert_int_equal(size.cb_key, cb_bm);
	assert_int_equal(size.tagged, count);
	assert_true(size.cb_data > 0 && size.cb_overhead > cb_bm);
	assert_true(size.multi_values > 0);
	again = size;
	assert_int_equal(sim_get_record_size(sesid, t, JET_bitRecordSizeRunningTotal, &again),
			 JET_errSuccess);
	assert_int_equal(again.cb_data, 2 * size.cb_data);
	assert_int_equal(again.cb_overhead, 2 * size.cb_overhead);
	assert_int_equal(sim_get_record_size(sesid, t, JET_bitRecordSizeLocal, &again),
			 JET_errSuccess);
	assert_int_equal(again.cb_lv_data, 0);
	assert_int_equal(again.cb_data, size.cb_data);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static uint32_t id_of(uintptr_t sesid, uintptr_t t, uint32_t columnid)
{
	uint32_t v = 0, actual;
	assert_int_equal(sim_retrieve_column(sesid, t, columnid, &v, 4, &actual, 0, 1, 0),
			 JET_errSuccess);
	return v;
}

static void positions(void **state)
{
	uintptr_t inst, sesid, t, empty;
	uint32_t dbid, id, prev = 0;
	uint64_t lt, total;
	struct isam_column c;
	int i;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbIdMapTable", 0, &t), JET_errSuccess);
	assert_int_equal(sim_table_column(sesid, t, "IdIndex", 0, &c), JET_errSuccess);
	id = c.id;
	isam_column_release(&c);
	assert_int_equal(sim_get_record_position(sesid, t, &lt, &total), JET_errNoCurrentRecord);
	assert_int_equal(sim_get_record_position(sesid, t, NULL, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_get_record_position(sesid, t + 1000, &lt, &total),
			 JET_errInvalidTableId);
	/* the first record is at 0, the last at total - 1 */
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	assert_int_equal(sim_get_record_position(sesid, t, &lt, &total), JET_errSuccess);
	assert_int_equal(lt, 0);
	assert_true(total >= 1141 / 4);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_LAST, 0), JET_errSuccess);
	assert_int_equal(sim_get_record_position(sesid, t, &lt, &total), JET_errSuccess);
	assert_int_equal(lt, total - 1);
	/* fractions land in order, the ends on the ends */
	for (i = 0; i <= 10; i++) {
		uint32_t v;
		assert_int_equal(sim_goto_position(sesid, t, (uint64_t)i, 10), JET_errSuccess);
		v = id_of(sesid, t, id);
		assert_true(v >= prev);
		if (i == 0)
			assert_int_equal(v, 1);
		prev = v;
		assert_int_equal(sim_get_record_position(sesid, t, &lt, &total), JET_errSuccess);
		if (i > 0 && i < 10) {
			double at = (double)lt / (double)total;
			assert_true(at > i / 10.0 - 0.15 && at < i / 10.0 + 0.15);
		}
	}
	assert_int_equal(sim_move(sesid, t, 1, 0), JET_errNoCurrentRecord);
	/* along a secondary index too */
	assert_int_equal(sim_set_current_index(sesid, t, "IdTypeIdBlob", 0), JET_errSuccess);
	assert_int_equal(sim_goto_position(sesid, t, 1, 2), JET_errSuccess);
	assert_int_equal(sim_get_record_position(sesid, t, &lt, &total), JET_errSuccess);
	assert_true(lt > 0 && lt < total);
	/* an empty table has no position to go to */
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbCheckpointTable", 0, &empty),
			 JET_errSuccess);
	assert_int_equal(sim_goto_position(sesid, empty, 0, 1), JET_errRecordNotFound);
	assert_int_equal(sim_goto_position(sesid, empty + 1000, 0, 1), JET_errInvalidTableId);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* attach read-only, open the database and a table, close both, detach:
 * the detach succeeds, as ESE's does once no database handle is open */
static void detach_after_tables(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbIdMapTable", 0, &t), JET_errSuccess);
	assert_int_equal(sim_close_table(sesid, t), JET_errSuccess);
	/* still open: the engine's JET_errDatabaseInUse */
	assert_int_equal(sim_detach_database(sesid, "goese-SRUDB.dat", 0), JET_errDatabaseInUse);
	assert_int_equal(sim_close_database(sesid, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(sesid, "goese-SRUDB.dat", 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}


/* --- Cases no fixture holds, made by changing a copy of one: a byte of a
 * page or'ed with a mask, the page's checksum sealed again (the file's
 * copy in the case's folder; the fixture itself is never touched). */

static void patch_page(const char *file, uint32_t pgno, uint32_t off, unsigned char or_mask)
{
	unsigned char page[4096];
	FILE *f = fopen(file, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (long)page_offset(4096, pgno), SEEK_SET), 0);
	assert_int_equal(fread(page, 1, sizeof page, f), sizeof page);
	page[off] |= or_mask;
	page_seal(page, 4096, pgno);
	assert_int_equal(fseek(f, (long)page_offset(4096, pgno), SEEK_SET), 0);
	assert_int_equal(fwrite(page, 1, sizeof page, f), sizeof page);
	assert_int_equal(fclose(f), 0);
}

/* Where the catalog row of column `column` of table `table` lies: its
 * page and the offset of its record in the page. */
static void catalog_row(const char *file, const char *table, const char *column, uint32_t *pgno,
			uint32_t *off)
{
	*pgno = *off = 0;
	struct isam_pager pager;
	struct isam_catalog cat;
	struct isam_btree bt;
	const struct isam_table *t;
	const struct isam_column *c;
	int rc, found = 0;
	assert_int_equal(isam_pager_open_file(&pager, file, 16), JET_errSuccess);
	assert_int_equal(isam_catalog_load(&pager, &cat), JET_errSuccess);
	assert_non_null(t = isam_catalog_table(&cat, table));
	assert_non_null(c = isam_table_column_named(t, column));
	assert_int_equal(isam_btree_open(&bt, &pager, ISAM_CATALOG_ROOT), JET_errSuccess);
	for (rc = isam_btree_first(&bt); rc == JET_errSuccess && !found; rc = isam_btree_next(&bt)) {
		/* the catalog's fixed columns: ObjidTable at 4, Type at 8, Id at 10 */
		const unsigned char *d = bt.node.data;
		if (isam_le32(d + 4) == t->objid && isam_le16(d + 8) == ISAM_CAT_COLUMN &&
		    isam_le32(d + 10) == c->id) {
			*pgno = bt.pgno;
			*off = (uint32_t)(d - bt.buf);
			found = 1;
		}
	}
	assert_true(found);
	isam_btree_close(&bt);
	isam_catalog_free(&cat);
	isam_pager_close(&pager);
}

/* JET_bitColumnUserDefinedDefault (FIELDFLAG 0x0080 in the catalog row's
 * Flags, offset 22): the engine cannot call a user-defined default's
 * callback while enumerating, and says so (fldenum.cxx, "integration with
 * user-defined callbacks is NYI": JET_errCallbackFailed unless
 * JET_bitEnumerateIgnoreDefault or JET_bitEnumerateIgnoreUserDefinedDefault). */
static void user_defined_default(void **state)
{
	uintptr_t inst, sesid, t;
	uint32_t dbid, pgno, off, n;
	struct isam_enum_column *cols;
	struct isam_column c;
	(void)state;
	if (!windows_fixture("dissect-default.edb", "udd.edb")) {
		print_message("SKIP: dissect-default.edb.gz absent from ../shared/fixtures/isam\n");
		skip();
	}
	catalog_row("udd.edb", "default", "Long", &pgno, &off);
	patch_page("udd.edb", pgno, off + 22, 0x80);
	start_instance("enum", "i", &inst, &sesid);
	assert_int_equal(sim_attach_database(sesid, "udd.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_true(sim_open_database(sesid, "udd.edb", JET_bitDbReadOnly, &dbid) >= 0);
	assert_int_equal(sim_open_table(sesid, dbid, "default", 0, &t), JET_errSuccess);
	assert_int_equal(sim_table_column(sesid, t, "Long", 0, &c), JET_errSuccess);
	assert_true(isam_column_grbit(&c) & 0x8000); /* JET_bitColumnUserDefinedDefault */
	isam_column_release(&c);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, 0, &cols, &n),
			 JET_errCallbackFailed);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0,
					       JET_bitEnumerateIgnoreUserDefinedDefault, &cols, &n),
			 JET_errSuccess);
	isam_enum_free(cols, n);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, JET_bitEnumerateIgnoreDefault,
					       &cols, &n),
			 JET_errSuccess);
	isam_enum_free(cols, n);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A tagged column set to NULL over its default (TAGFLD fNullSmallPage,
 * 0x2000 of the offset word, or fNull in the header byte of a value with
 * extended info): columnid 0's walk counts it only with
 * JET_bitRetrieveNull, and then answers JET_wrnColumnSetNull with the
 * column's id (tagfld.cxx TAGFIELDS::ErrScan, fldext.cxx). */
static void tagged_set_null(void **state)
{
	struct isam_pager pager;
	struct isam_catalog cat;
	struct isam_btree bt;
	struct isam_record rec;
	const struct isam_table *tb;
	uintptr_t inst, sesid, t;
	uint32_t dbid, pgno, ib, cid, itag, actual, first_fid, raw_off;
	unsigned char buf[64], mask;
	(void)state;
	if (!windows_fixture("dissect-multi.edb", "null.edb")) {
		print_message("SKIP: dissect-multi.edb.gz absent from ../shared/fixtures/isam\n");
		skip();
	}
	/* the first record's first TAGFLD */
	assert_int_equal(isam_pager_open_file(&pager, "null.edb", 16), JET_errSuccess);
	assert_int_equal(isam_catalog_load(&pager, &cat), JET_errSuccess);
	assert_non_null(tb = isam_catalog_table(&cat, "multi"));
	assert_int_equal(isam_btree_open(&bt, &pager, tb->fdp), JET_errSuccess);
	assert_int_equal(isam_btree_first(&bt), JET_errSuccess);
	assert_int_equal(isam_record_parse(&rec, bt.node.data, bt.node.cb_data, 0), JET_errSuccess);
	assert_true(rec.tagged_count > 0);
	first_fid = isam_le16(rec.p + rec.tagged);
	raw_off = (uint32_t)(rec.p + rec.tagged + 2 - bt.buf);
	ib = isam_le16(rec.p + rec.tagged + 2);
	pgno = bt.pgno;
	if (ib & 0x4000) {
		/* extended info: the header byte's fNull */
		raw_off = (uint32_t)(rec.p + rec.tagged + (ib & 0x1fff) - bt.buf);
		mask = ISAM_TAG_NULL;
	} else {
		/* fNullSmallPage, the high byte's 0x20 */
		raw_off += 1;
		mask = 0x20;
	}
	isam_btree_close(&bt);
	isam_catalog_free(&cat);
	isam_pager_close(&pager);
	/* the walk before: the column's values come first */
	start_instance("enum", "i", &inst, &sesid);
	assert_int_equal(sim_attach_database(sesid, "null.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_true(sim_open_database(sesid, "null.edb", JET_bitDbReadOnly, &dbid) >= 0);
	assert_int_equal(sim_open_table(sesid, dbid, "multi", 0, &t), JET_errSuccess);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	cid = 0, itag = 1;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, sizeof buf, &actual, 0, &itag, 0) >= 0, 1);
	assert_int_equal(cid, first_fid);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	patch_page("null.edb", pgno, raw_off, mask);
	/* after: the column is NULL, left out of the walk, counted with RetrieveNull */
	start_instance("enum2", "j", &inst, &sesid);
	assert_int_equal(sim_attach_database(sesid, "null.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_true(sim_open_database(sesid, "null.edb", JET_bitDbReadOnly, &dbid) >= 0);
	assert_int_equal(sim_open_table(sesid, dbid, "multi", 0, &t), JET_errSuccess);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	assert_int_equal(sim_retrieve_column(sesid, t, first_fid, buf, sizeof buf, &actual, 0, 1, 0),
			 JET_wrnColumnNull);
	cid = 0, itag = 1;
	assert_int_equal(sim_retrieve_stored(sesid, t, &cid, buf, sizeof buf, &actual,
					     JET_bitRetrieveNull, &itag, 0),
			 JET_wrnColumnSetNull);
	assert_int_equal(cid, first_fid);
	cid = 0, itag = 1;
	assert_true(sim_retrieve_stored(sesid, t, &cid, buf, sizeof buf, &actual, 0, &itag, 0) >= 0);
	assert_true(cid != first_fid);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* fldenum.cxx CUnionIter orders by columnid ^ fCOLUMNIDTemplate: a derived
 * table's template columns, whatever their kind, before its own.  No
 * fixture has one: a table's last column that holds a value is made a
 * template column in memory, and comes first. */
static void enumerate_template_first(void **state)
{
	struct isam_enum_column *before, *after;
	struct isam_current cur;
	struct isam_table *tbl;
	struct instance *in;
	uintptr_t inst, sesid, t;
	uint32_t dbid, n, m, i;
	struct isam_column *last = NULL;
	(void)state;
	if (!attach("dissect-multi.edb", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "multi", 0, &t), JET_errSuccess);
	assert_int_equal(sim_move(sesid, t, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, 0, &before, &n), JET_errSuccess);
	assert_true(n >= 2);
	assert_int_equal(isam_cursor_enter(sesid, t, &in, &cur), JET_errSuccess);
	tbl = (struct isam_table *)cur.table;
	for (i = 0; i < tbl->ncolumns; i++)
		if (tbl->columns[i].id == before[n - 1].columnid)
			last = &tbl->columns[i];
	assert_non_null(last);
	last->template_column = 1;
	tbl->derived = 1;
	isam_cursor_leave(in);
	assert_int_equal(sim_enumerate_columns(sesid, t, NULL, 0, 0, 0, &after, &m), JET_errSuccess);
	assert_int_equal(m, n);
	assert_int_equal(after[0].columnid, before[n - 1].columnid | 0x80000000u);
	for (i = 1; i < n; i++)
		assert_int_equal(after[i].columnid, before[i - 1].columnid);
	isam_enum_free(before, n);
	isam_enum_free(after, m);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(enumerate_template_first),
		CASE(enumerate_matches_retrieve),
		CASE(enumerate_codes),
		CASE(enumerate_defaults),
		CASE(stored_values),
		CASE(reference_formats),
		CASE(user_defined_default),
		CASE(tagged_set_null),
		CASE(tagged_list_and_size),
		CASE(positions),
		CASE(detach_after_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
