/* Sort keys of Unicode text (sim/isam/sort_key.c): the sections and the
 * rules of each kind of character, then every key Windows stored over
 * Unicode text in the fixtures (../shared/fixtures/isam, skipped when
 * absent), rebuilt from the rows and compared byte for byte. */
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
#include "fixture.h"
#include "instance/session.h"
#include "isam/btree.h"
#include "isam/catalog.h"
#include "isam/cursor.h"
#include "isam/key_normalise.h"
#include "isam/pager.h"
#include "isam/sort_key.h"
#include "isam/sort_weights.h"
#include "jet_values.h"

/* ESE's default LCMapString flags (os/norm.cxx dwLCMapFlagsDefault) */
#define ESE_FLAGS 0x30401
#define EN_US 0x409

/* UTF-8 (BMP and surrogate pairs) to UTF-16LE; returns code units. */
static size_t utf16(const char *s, uint8_t *out)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		if (*p < 0x80)
			c = *p++;
		else if (*p < 0xe0)
			c = (uint32_t)(*p++ & 0x1f) << 6, c |= *p++ & 0x3f;
		else if (*p < 0xf0)
			c = (uint32_t)(*p++ & 0x0f) << 12, c |= (uint32_t)(*p++ & 0x3f) << 6, c |= *p++ & 0x3f;
		else {
			c = (uint32_t)(*p++ & 0x07) << 18, c |= (uint32_t)(*p++ & 0x3f) << 12;
			c |= (uint32_t)(*p++ & 0x3f) << 6, c |= *p++ & 0x3f;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			uint16_t hi = (uint16_t)(0xd800 | c >> 10), lo = (uint16_t)(0xdc00 | (c & 0x3ff));
			out[2 * n] = (uint8_t)hi, out[2 * n + 1] = (uint8_t)(hi >> 8), n++;
			out[2 * n] = (uint8_t)lo, out[2 * n + 1] = (uint8_t)(lo >> 8), n++;
		} else {
			out[2 * n] = (uint8_t)c, out[2 * n + 1] = (uint8_t)(c >> 8), n++;
		}
	}
	return n;
}

/* The key of a UTF-8 string, as hex. */
static const char *key_hex(uint32_t flags, const char *s)
{
	static char hex[8192];
	uint8_t text[2048], key[4096];
	size_t cb = 0, n = utf16(s, text);
	assert_int_equal(sort_key_map(flags, EN_US, text, n, key, sizeof key, &cb), 0);
	for (size_t i = 0; i < cb; i++)
		snprintf(hex + 2 * i, 3, "%02x", key[i]);
	hex[2 * cb] = 0;
	return hex;
}

/* Letters: script 0x0e and a weight each; case goes with NORM_IGNORECASE;
 * then the four section ends and the terminator. */
static void letters_and_case(void **state)
{
	(void)state;
	assert_string_equal(key_hex(ESE_FLAGS, "ab"), "0e020e090101010100");
	assert_string_equal(key_hex(ESE_FLAGS, "AB"), "0e020e090101010100");
	/* without NORM_IGNORECASE the upper case stays, trailing 2s do not */
	assert_string_equal(key_hex(0x400, "Ab"), "0e020e09010112010100");
	assert_string_equal(key_hex(0x400, "aB"), "0e020e0901010212010100");
}

/* Diacritics: é carries its own; a combining mark adds to the letter's. */
static void diacritics(void **state)
{
	(void)state;
	const char *precomposed = key_hex(ESE_FLAGS, "\xc3\xa9"), *combined;
	char copy[64];
	strcpy(copy, precomposed);
	combined = key_hex(ESE_FLAGS, "e\xcc\x81");
	assert_string_equal(copy, combined);
	assert_string_equal(copy, "0e21010e01010100");
	/* NORM_IGNORENONSPACE drops them */
	assert_string_equal(key_hex(ESE_FLAGS | SORT_NORM_IGNORENONSPACE, "\xc3\xa9"),
			    "0e210101010100");
}

/* Word sort: a hyphen or apostrophe weighs only in the special section;
 * SORT_STRINGSORT weighs it as a symbol; NORM_IGNORESYMBOLS drops both. */
static void punctuation_and_symbols(void **state)
{
	(void)state;
	/* the hyphen: third primary weight pair (-3), weight 0x82, case 2
	 * and diacritic 2 << 3 */
	assert_string_equal(key_hex(ESE_FLAGS, "co-op"), "0e0a0e7c0e7c0e7e01010101fffd821200");
	assert_string_equal(key_hex(ESE_FLAGS | SORT_STRINGSORT, "co-op"),
			    "0e0a0e7c06820e7c0e7e0101010100");
	assert_string_equal(key_hex(ESE_FLAGS | SORT_NORM_IGNORESYMBOLS, "co-op a"),
			    "0e0a0e7c0e7c0e7e0e020101010100");
}

/* Expansions: æ sorts as "ae", ß as "ss". */
static void expansions(void **state)
{
	(void)state;
	char ae[64];
	strcpy(ae, key_hex(ESE_FLAGS, "ae"));
	assert_string_equal(key_hex(ESE_FLAGS, "\xc3\xa6"), ae);
	strcpy(ae, key_hex(ESE_FLAGS, "ss"));
	assert_string_equal(key_hex(ESE_FLAGS, "\xc3\x9f"), ae);
}

/* Conjoining jamo: a modern one sorts as the syllable it begins with
 * fillers, then its own weight; old Hangul (here U+1100 U+1176, an old
 * vowel) as one unit after the nearest modern syllable. */
static void hangul_jamo(void **state)
{
	(void)state;
	assert_string_equal(key_hex(ESE_FLAGS, "\xe1\x84\x80"), "c002ff83ff03ff020101010100");
	assert_string_equal(key_hex(ESE_FLAGS, "\xe1\x84\x80\xe1\x85\xb6"),
			    "c01eff03ff04ff020101010100");
	/* a precomposed syllable is a plain character */
	assert_string_equal(key_hex(ESE_FLAGS, "\xea\xb0\x80"), "c0030101010100");
}

/* SORT_DIGITSASNUMBERS: "10" after "9"; leading zeros count last. */
static void digits_as_numbers(void **state)
{
	(void)state;
	char nine[64], ten[64];
	strcpy(nine, key_hex(ESE_FLAGS | SORT_DIGITSASNUMBERS, "9"));
	strcpy(ten, key_hex(ESE_FLAGS | SORT_DIGITSASNUMBERS, "10"));
	assert_true(strcmp(nine, ten) < 0);
	assert_string_equal(nine, "0d02032bfe0101010100");
	assert_string_equal(ten, "0d020432fe0101010100");
}

/* A short buffer takes the key's first bytes; the length is the whole's.
 * Flags without LCMAP_SORTKEY and other locales' sorts are refused. */
static void limits_and_refusals(void **state)
{
	(void)state;
	uint8_t text[64], key[4];
	size_t cb = 0, n = utf16("abc", text);
	assert_int_equal(sort_key_map(ESE_FLAGS, EN_US, text, n, key, sizeof key, &cb), 0);
	assert_int_equal(cb, 11);
	assert_memory_equal(key, "\x0e\x02\x0e\x09", 4);
	assert_int_equal(sort_key_map(ESE_FLAGS, EN_US, text, n, NULL, 0, &cb), 0);
	assert_int_equal(cb, 11);
	assert_int_equal(sort_key_map(0x1, EN_US, text, n, key, sizeof key, &cb),
			 JET_errInvalidLCMapStringFlags);
	assert_int_equal(sort_key_map(ESE_FLAGS | 0x800, EN_US, text, n, key, sizeof key, &cb),
			 JET_errFeatureNotAvailable);
	assert_int_equal(sort_key_map(ESE_FLAGS, 0x411, text, n, key, sizeof key, &cb),
			 JET_errFeatureNotAvailable);
	assert_true(sort_key_locale_supported(0x809) && sort_key_locale_supported(0x7f));
	assert_int_equal(sort_key_lcid_of_name((const uint8_t *)"e\0n\0-\0U\0S\0", 10), 0x409);
	assert_int_equal(sort_key_lcid_of_name((const uint8_t *)"j\0a\0-\0J\0P\0", 10), 0);
	assert_int_equal(sort_key_lcid_of_name(NULL, 0), 0x7f);
	/* the empty string */
	assert_int_equal(sort_key_map(ESE_FLAGS, EN_US, text, 0, key, sizeof key, &cb), 0);
	assert_int_equal(cb, 5);
}

/* The key Windows stored for "Simple Unicode text U+1F98A" (dissect-index,
 * IxUnicode), and the one place Wine's LCMapStringEx differs from it: the
 * surrogates' case weights under NORM_IGNORECASE. */
static void windows_key_with_a_surrogate_pair(void **state)
{
	(void)state;
	assert_string_equal(key_hex(ESE_FLAGS, "Simple Unicode text \xf0\x9f\xa6\x8a"),
			    "0e910e320e510e7e0e480e2107020e9f0e700e320e0a0e7c0e1a0e2107020e99"
			    "0e210ea60e990702b040b68601020202020202020202020202020202020202020"
			    "23f3f01010100");
}

/* --- every Unicode key the fixtures hold ----------------------------- */

struct entry {
	char table[64], index[64];
	struct key_index idx;
	uint32_t columns[KEY_SEGMENTS_MOST];
	uint8_t key[KEY_CB_LIMIT_MOST];
	size_t cb_key;
	uint8_t bookmark[KEY_CB_LIMIT_MOST];
	size_t cb_bookmark;
};

static bool is_unicode_text(const struct isam_column *c)
{
	return c && (c->coltyp == JET_coltypText || c->coltyp == JET_coltypLongText) &&
	       c->codepage == KEY_CODEPAGE_UNICODE;
}

/* The index as key_normalise describes it; false when it has no Unicode
 * text segment. */
static bool describe(const struct isam_table *t, const struct isam_index *x, struct entry *e)
{
	bool unicode = false;
	memset(&e->idx, 0, sizeof e->idx);
	if (x->cb_key_fields % 4 || x->cb_key_fields / 4 > KEY_SEGMENTS_MOST)
		return false;
	for (uint32_t i = 0; i < x->cb_key_fields / 4; i++) {
		/* LE_IDXSEG: flags, reserved, fid (daedef.hxx) */
		const unsigned char *seg = x->key_fields + 4 * i;
		uint32_t fid = (uint32_t)(seg[2] | seg[3] << 8);
		const struct isam_column *c = isam_table_column(t, fid);
		if (!c)
			return false;
		e->idx.seg[i].coltyp = c->coltyp;
		e->idx.seg[i].codepage = c->codepage;
		e->idx.seg[i].cb_fixed = fid <= 127 ? isam_fixed_size(c) : 0;
		e->idx.seg[i].descending = seg[0] & 0x40;
		e->columns[i] = fid;
		unicode |= is_unicode_text(c);
	}
	e->idx.nseg = x->cb_key_fields / 4;
	e->idx.cb_key_most = x->key_most ? x->key_most : KEY_CB_MOST_LEGACY;
	e->idx.lcmap_flags = x->lcmap_flags;
	e->idx.lcid = x->locale ? x->locale : sort_key_lcid_of_name(x->locale_name, x->cb_locale_name);
	snprintf(e->table, sizeof e->table, "%s", t->name);
	snprintf(e->index, sizeof e->index, "%s", x->name);
	return unicode;
}

/* Every entry of every index over Unicode text: its key and the primary
 * key of its record, read from the file. */
static unsigned unicode_entries(const char *file, struct entry *out, unsigned most)
{
	struct isam_pager pager;
	struct isam_catalog cat;
	unsigned n = 0;
	assert_int_equal(isam_pager_open_file(&pager, file, 64), JET_errSuccess);
	assert_int_equal(isam_catalog_load(&pager, &cat), JET_errSuccess);
	for (unsigned ti = 0; ti < cat.ntables; ti++) {
		const struct isam_table *t = &cat.tables[ti];
		for (unsigned xi = 0; xi < t->nindexes; xi++) {
			const struct isam_index *x = &t->indexes[xi];
			struct entry e;
			struct isam_btree bt;
			if (!describe(t, x, &e))
				continue;
			assert_int_equal(isam_btree_open(&bt, &pager, x->fdp), JET_errSuccess);
			for (int rc = isam_btree_first(&bt); rc == JET_errSuccess && n < most;
			     rc = isam_btree_next(&bt)) {
				bool primary = x->fdp == t->fdp;
				out[n] = e;
				out[n].cb_key = bt.cb_key < sizeof e.key ? bt.cb_key : sizeof e.key;
				memcpy(out[n].key, bt.key, out[n].cb_key);
				/* a secondary index's data is its record's primary key */
				const unsigned char *bm = primary ? bt.key : bt.node.data;
				size_t cb = primary ? bt.cb_key : bt.node.cb_data;
				out[n].cb_bookmark = cb < sizeof e.bookmark ? cb : sizeof e.bookmark;
				memcpy(out[n].bookmark, bm, out[n].cb_bookmark);
				n++;
			}
			isam_btree_close(&bt);
		}
	}
	isam_catalog_free(&cat);
	isam_pager_close(&pager);
	return n;
}

/* Whether the key built from the record's values is the stored one (a
 * multi-valued column: any of its values). */
static bool rebuilt_key_matches(uintptr_t sesid, uintptr_t tableid, const struct entry *e)
{
	static uint8_t values[KEY_SEGMENTS_MOST][65536];
	struct key_value v[KEY_SEGMENTS_MOST];
	uint32_t count[KEY_SEGMENTS_MOST];
	memset(v, 0, sizeof v);
	for (unsigned i = 0; i < e->idx.nseg; i++) {
		if (sim_count_values(sesid, tableid, e->columns[i], &count[i]) != JET_errSuccess)
			count[i] = 1;
		if (count[i] == 0)
			count[i] = 1;
	}
	/* one value of each column at a time (itag), the first of the others */
	for (unsigned iseg = 0; iseg < e->idx.nseg; iseg++) {
		for (uint32_t itag = 1; itag <= count[iseg]; itag++) {
			for (unsigned i = 0; i < e->idx.nseg; i++) {
				uint32_t actual = 0;
				int rc = sim_retrieve_column(sesid, tableid, e->columns[i], values[i],
							     sizeof values[i], &actual, 0,
							     i == iseg ? itag : 1, 0);
				v[i].null = rc == JET_wrnColumnNull;
				v[i].data = values[i];
				v[i].cb = v[i].null ? 0 : actual;
			}
			uint8_t key[KEY_CB_LIMIT_MOST];
			size_t cb = 0;
			if (key_from_values(&e->idx, v, key, &cb) >= 0 && cb == e->cb_key &&
			    memcmp(key, e->key, cb) == 0)
				return true;
		}
	}
	return false;
}

static void print_mismatch(const struct entry *e)
{
	char hex[2 * 64 + 1];
	size_t n = e->cb_key < 64 ? e->cb_key : 64;
	for (size_t i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", e->key[i]);
	print_message("  mismatch %s.%s, stored key %s%s\n", e->table, e->index, hex,
		      e->cb_key > 64 ? "..." : "");
}

/* Per fixture: the Unicode keys Windows stored, rebuilt from the rows. */
static void fixture_keys_match_windows(void **state)
{
	static const char *const files[] = {
		"dissect-basic.edb", "dissect-binary.edb", "dissect-text.edb", "dissect-multi.edb",
		"dissect-default.edb", "dissect-index.edb", "dissect-large.edb", "goese-SRUDB.dat",
		"museum-win11-dirty-SRUDB.dat",
	};
	static struct entry entries[4096];
	unsigned total = 0, matched = 0, fixtures = 0;
	(void)state;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		if (!windows_fixture(files[f], files[f]))
			continue;
		fixtures++;
		unsigned n = unicode_entries(files[f], entries, 4096), ok = 0;
		if (n) {
			uintptr_t inst, sesid, tableid = 0;
			uint32_t dbid;
			char open_table[64] = "";
			start_instance("sortkeys", "i", &inst, &sesid);
			assert_int_equal(sim_attach_database(sesid, files[f], 0, JET_bitDbReadOnly),
					 JET_errSuccess);
			assert_true(sim_open_database(sesid, files[f], JET_bitDbReadOnly, &dbid) >= 0);
			for (unsigned i = 0; i < n; i++) {
				if (strcmp(open_table, entries[i].table) != 0) {
					if (open_table[0])
						assert_int_equal(sim_close_table(sesid, tableid), 0);
					assert_int_equal(sim_open_table(sesid, dbid, entries[i].table, 0,
									&tableid),
							 JET_errSuccess);
					strcpy(open_table, entries[i].table);
				}
				bool found = sim_goto_bookmark(sesid, tableid, entries[i].bookmark,
							       (uint32_t)entries[i].cb_bookmark) == 0 &&
					     rebuilt_key_matches(sesid, tableid, &entries[i]);
				if (!found)
					print_mismatch(&entries[i]);
				ok += found;
			}
			if (open_table[0])
				assert_int_equal(sim_close_table(sesid, tableid), 0);
			assert_int_equal(sim_term(inst, 0), JET_errSuccess);
		}
		print_message("%s: %u of %u Unicode index keys equal Windows'\n", files[f], ok, n);
		total += n;
		matched += ok;
	}
	if (!fixtures) {
		print_message("SKIP: %s absent\n", ESENT_FIXTURES_DIR);
		skip();
	}
	print_message("all fixtures: %u of %u Unicode index keys equal Windows'\n", matched, total);
	assert_true(total > 0);
	assert_int_equal(matched, total);
}

/* Windows recorded NLS sort version 0x6020f for the Unicode indexes of
 * dissect-index.edb (their catalog rows' Version); these weights are of
 * another version.  Reading never minds: the database attaches read-only,
 * and its Unicode index is walked and read through. */
static void other_sort_version_reads(void **state)
{
	uintptr_t inst, sesid, tableid;
	uint32_t dbid, actual, version[2] = { 0, 0 };
	unsigned char buf[256];
	struct isam_column version_col, name_col, unicode;
	int rows = 0, err;
	(void)state;
	if (!windows_fixture("dissect-index.edb", "index.edb")) {
		print_message("SKIP: %s absent\n", ESENT_FIXTURES_DIR);
		skip();
	}
	start_instance("sortver", "i", &inst, &sesid);
	assert_int_equal(sim_attach_database(sesid, "index.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_true(sim_open_database(sesid, "index.edb", JET_bitDbReadOnly, &dbid) >= 0);

	/* the version Windows recorded for IxUnicode */
	assert_int_equal(sim_open_table(sesid, dbid, "MSysObjects", 0, &tableid), JET_errSuccess);
	assert_int_equal(sim_table_column(sesid, tableid, "Version", 0, &version_col), 0);
	assert_int_equal(sim_table_column(sesid, tableid, "Name", 0, &name_col), 0);
	for (err = sim_move(sesid, tableid, ISAM_MOVE_FIRST, 0); err == 0;
	     err = sim_move(sesid, tableid, 1, 0)) {
		if (sim_retrieve_column(sesid, tableid, name_col.id, buf, sizeof buf - 1, &actual, 0, 1,
					0) != 0)
			continue;
		buf[actual < sizeof buf - 1 ? actual : sizeof buf - 1] = 0;
		if (strcmp((char *)buf, "IxUnicode") == 0)
			assert_int_equal(sim_retrieve_column(sesid, tableid, version_col.id, version,
							     sizeof version, &actual, 0, 1, 0),
					 0);
	}
	assert_int_equal(version[1], 0x6020f); /* NLS version, high half */
	assert_int_not_equal(version[1], sort_weights_nls_version);
	isam_column_release(&version_col);
	isam_column_release(&name_col);
	assert_int_equal(sim_close_table(sesid, tableid), 0);

	assert_int_equal(sim_open_table(sesid, dbid, "index", 0, &tableid), JET_errSuccess);
	assert_int_equal(sim_set_current_index(sesid, tableid, "IxUnicode", 0), JET_errSuccess);
	assert_int_equal(sim_table_column(sesid, tableid, "Unicode", 0, &unicode), 0);
	for (err = sim_move(sesid, tableid, ISAM_MOVE_FIRST, 0); err == 0;
	     err = sim_move(sesid, tableid, 1, 0)) {
		assert_int_equal(sim_retrieve_column(sesid, tableid, unicode.id, buf, sizeof buf,
						     &actual, 0, 1, 0),
				 0);
		rows++;
	}
	assert_int_equal(rows, 1);
	isam_column_release(&unicode);
	assert_int_equal(sim_close_table(sesid, tableid), 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(letters_and_case),
		cmocka_unit_test(diacritics),
		cmocka_unit_test(punctuation_and_symbols),
		cmocka_unit_test(expansions),
		cmocka_unit_test(digits_as_numbers),
		cmocka_unit_test(hangul_jamo),
		cmocka_unit_test(limits_and_refusals),
		cmocka_unit_test(windows_key_with_a_surrogate_pair),
		CASE(fixture_keys_match_windows),
		CASE(other_sort_version_reads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
