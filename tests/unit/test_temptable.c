/* Temporary tables (sim/isam/temptable.c), what the list levels return:
 * rows in the order of their normalised keys, as ESE's sorts keep them
 * (sortapi.cxx, fldnorm.cxx), one row a key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/init_term.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/cursor.h"
#include "isam/schema.h"
#include "isam/temptable.h"
#include "jet_values.h"

/* A table of one key column of type coltyp (code page cp) over the n
 * values given (UTF-8 turned into UTF-16LE when cp is 1200; NULL: null),
 * published; its rows' values read back in order into out. */
static unsigned table_of(uintptr_t sesid, uint32_t coltyp, uint32_t cp, const char *const *v,
			 const uint32_t *nums, unsigned n, char out[][64])
{
	struct isam_tt_column col = {coltyp, cp, 1};
	struct isam_temp_table *tt;
	struct instance *inst;
	uintptr_t handle, tableid;
	uint32_t columnid, rows, i;
	unsigned got = 0;
	assert_int_equal(session_instance(sesid, &handle), JET_errSuccess);
	assert_int_equal(instance_enter(handle, 0, &inst), JET_errSuccess);
	assert_int_equal(isam_tt_create(sesid, inst, &col, 1, &columnid, &tt), JET_errSuccess);
	for (i = 0; i < n; i++) {
		unsigned char b[128];
		uint32_t cb = 0;
		const unsigned char *s = v ? (const unsigned char *)v[i] : NULL;
		if (nums) {
			memcpy(b, &nums[i], 4);
			cb = 4;
		} else if (s && cp == 1200) {
			/* UTF-8 of the BMP to UTF-16LE */
			while (*s) {
				uint32_t c = *s++;
				if (c >= 0xe0) {
					c = (c & 0x0f) << 12 | (s[0] & 0x3f) << 6 | (s[1] & 0x3f);
					s += 2;
				} else if (c >= 0xc0) {
					c = (c & 0x1f) << 6 | (s[0] & 0x3f);
					s++;
				}
				b[cb++] = (unsigned char)c;
				b[cb++] = (unsigned char)(c >> 8);
			}
		} else if (s) {
			cb = (uint32_t)strlen((const char *)s);
			memcpy(b, s, cb);
		}
		assert_int_equal(isam_tt_set(tt, 0, (v && !v[i]) ? NULL : b, cb), JET_errSuccess);
		assert_int_equal(isam_tt_insert(tt), JET_errSuccess);
	}
	assert_int_equal(isam_tt_publish(tt, &tableid, &rows), JET_errSuccess);
	instance_leave(inst, 0);
	assert_int_equal(rows, n);
	do {
		unsigned char b[128];
		uint32_t cb = 0, k;
		int err = isam_tt_retrieve(sesid, tableid, columnid, b, sizeof b, &cb, 1, 0);
		assert_true(err == JET_errSuccess || err == JET_wrnColumnNull);
		if (err == JET_wrnColumnNull) {
			strcpy(out[got], "(null)");
		} else if (nums) {
			uint32_t x;
			memcpy(&x, b, 4);
			snprintf(out[got], 64, "%d", (int)x);
		} else if (cp == 1200) {
			/* back to UTF-8 */
			char *o = out[got];
			for (k = 0; k + 1 < cb; k += 2) {
				uint32_t c = b[k] | b[k + 1] << 8;
				if (c < 0x80) {
					*o++ = (char)c;
				} else if (c < 0x800) {
					*o++ = (char)(0xc0 | c >> 6);
					*o++ = (char)(0x80 | (c & 0x3f));
				} else {
					*o++ = (char)(0xe0 | c >> 12);
					*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
					*o++ = (char)(0x80 | (c & 0x3f));
				}
			}
			*o = 0;
		} else {
			memcpy(out[got], b, cb);
			out[got][cb] = 0;
		}
		got++;
	} while (isam_tt_move(sesid, tableid, 1) == JET_errSuccess);
	assert_int_equal(isam_tt_close(sesid, tableid), JET_errSuccess);
	return got;
}

static void expect(char got[][64], unsigned n, const char *const *want, unsigned nwant)
{
	unsigned i;
	for (i = 0; i < n; i++)
		print_message("  %u: %s\n", i, got[i]);
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
}

/* Unicode names (the W list levels) in the order of their sort keys under
 * ESE's default settings (en-US, LCMAP_SORTKEY | NORM_IGNORECASE |
 * NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH), where ordering by case-folded
 * code units differs: '_' is a symbol and sorts before every digit and
 * letter ("a_b" before "aa", where 0x5f comes after 'A'); an accented
 * letter sorts beside its base letter ("ete" < "\xc3\xa9t\xc3\xa9" < "f", where
 * U+00E9 comes after 'Z'); '-' weighs nothing in the first pass (word
 * sort), so "co-op" follows "coop"; case is ignored. */
static void unicode_text_order(void **state)
{
	static const char *const names[] = {
		"f", "\xc3\xa9t\xc3\xa9", "aa", "a_b", "B", "ete", "e", "co-op", "coop", "10", "9", "Zed",
	};
	static const char *const want[] = {
		"10", "9", "a_b", "aa", "B", "coop", "co-op", "e", "ete", "\xc3\xa9t\xc3\xa9", "f", "Zed",
	};
	char got[16][64];
	uintptr_t inst, sesid;
	unsigned n;
	(void)state;
	start_instance("tt", "i", &inst, &sesid);
	n = table_of(sesid, ISAM_COLTYP_TEXT, 1200, names, NULL, 12, got);
	expect(got, n, want, 12);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* ASCII names (the A list levels): upper-cased a-z, then byte order, so
 * '_' (0x5f) comes after the letters ("ab" before "a_b"); NULL sorts
 * first; names equal but for case are one row (the first inserted). */
static void ascii_text_order(void **state)
{
	static const char *const names[] = {"aa", "a_b", "B", "ab", NULL, "AB", "10", "9"};
	static const char *const want[] = {"(null)", "10", "9", "aa", "ab", "a_b", "B"};
	char got[16][64];
	uintptr_t inst, sesid;
	unsigned n;
	(void)state;
	start_instance("tt", "i", &inst, &sesid);
	n = table_of(sesid, ISAM_COLTYP_TEXT, 1252, names, NULL, 8, got);
	expect(got, n, want, 7);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* Numbers in their value order (a signed Long's key flips its sign bit). */
static void number_order(void **state)
{
	static const uint32_t nums[] = {5, (uint32_t)-1, 0, 0x7fffffff, (uint32_t)-300, 5};
	static const char *const want[] = {"-300", "-1", "0", "5", "2147483647"};
	char got[16][64];
	uintptr_t inst, sesid;
	unsigned n;
	(void)state;
	start_instance("tt", "i", &inst, &sesid);
	n = table_of(sesid, ISAM_COLTYP_LONG, 0, NULL, nums, 6, got);
	expect(got, n, want, 5);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A table that cannot be published (a Long key of 3 bytes has no key) is
 * discarded by isam_tt_publish: the caller frees nothing (LeakSanitizer
 * sees its rows otherwise). */
static void publish_failure(void **state)
{
	struct isam_tt_column col = {ISAM_COLTYP_LONG, 0, 1};
	struct isam_temp_table *tt;
	struct instance *inst;
	uintptr_t ninst, sesid, handle, tableid = 7;
	uint32_t columnid, rows;
	(void)state;
	start_instance("tt", "i", &ninst, &sesid);
	assert_int_equal(session_instance(sesid, &handle), JET_errSuccess);
	assert_int_equal(instance_enter(handle, 0, &inst), JET_errSuccess);
	assert_int_equal(isam_tt_create(sesid, inst, &col, 1, &columnid, &tt), JET_errSuccess);
	assert_int_equal(isam_tt_set(tt, 0, "abc", 3), JET_errSuccess);
	assert_int_equal(isam_tt_insert(tt), JET_errSuccess);
	assert_int_equal(isam_tt_set(tt, 0, "abcd", 4), JET_errSuccess);
	assert_int_equal(isam_tt_insert(tt), JET_errSuccess);
	assert_int_equal(isam_tt_publish(tt, &tableid, &rows), JET_errInvalidBufferSize);
	assert_int_equal(tableid, 7);
	instance_leave(inst, 0);
	assert_int_equal(sim_term(ninst, 0), JET_errSuccess);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(unicode_text_order),
		CASE(ascii_text_order),
		CASE(number_order),
		CASE(publish_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
