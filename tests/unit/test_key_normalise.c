/* Normalised keys (sim/isam/key_normalise.c): every column type's segment,
 * descending and null segments, truncation, JetMakeKey's accumulation and
 * limits.  Expected bytes follow ESE's fldnorm.cxx (the function is named
 * at each case); the last case compares with the keys Windows stored in
 * dissect-index.edb (skipped when ../shared/fixtures/isam is absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "isam/key_normalise.h"
#include "jet_values.h"

static struct key_index one_column(uint32_t coltyp, uint32_t cb_fixed, bool descending)
{
	struct key_index idx;
	memset(&idx, 0, sizeof idx);
	idx.nseg = 1;
	idx.seg[0].coltyp = coltyp;
	idx.seg[0].cb_fixed = cb_fixed;
	idx.seg[0].descending = descending;
	idx.seg[0].codepage = 1252;
	idx.cb_key_most = KEY_CB_MOST_LEGACY;
	return idx;
}

/* The key of one value of one column. */
static size_t key_of(const struct key_index *idx, const void *v, size_t cb, uint8_t *key)
{
	struct key_value val = { v, cb, false };
	size_t cb_key = 0;
	assert_int_equal(key_from_values(idx, &val, key, &cb_key), 0);
	return cb_key;
}

#define ASSERT_KEY(key, cb, ...)                                                    \
	do {                                                                        \
		static const uint8_t want_[] = { __VA_ARGS__ };                     \
		assert_int_equal((cb), sizeof want_);                               \
		assert_memory_equal((key), want_, sizeof want_);                    \
	} while (0)

/* FLDNormalizeFixedSegment: prefix 0x7f, big-endian, signed types with the
 * sign bit flipped. */
static void integers_sort_as_bytes(void **state)
{
	uint8_t key[KEY_CB_LIMIT_MOST];
	size_t cb;
	struct key_index idx;

	idx = one_column(JET_coltypBit, 1, false);
	cb = key_of(&idx, "\x00", 1, key);
	ASSERT_KEY(key, cb, 0x7f, 0x00);
	cb = key_of(&idx, "\x01", 1, key);
	ASSERT_KEY(key, cb, 0x7f, 0xff);
	cb = key_of(&idx, "\x80", 1, key); /* any non-zero byte is true */
	ASSERT_KEY(key, cb, 0x7f, 0xff);

	idx = one_column(JET_coltypUnsignedByte, 1, false);
	cb = key_of(&idx, "\xd5", 1, key);
	ASSERT_KEY(key, cb, 0x7f, 0xd5);

	int16_t s = -1337;
	idx = one_column(JET_coltypShort, 2, false);
	cb = key_of(&idx, &s, 2, key);
	ASSERT_KEY(key, cb, 0x7f, 0x7a, 0xc7);
	s = 1;
	cb = key_of(&idx, &s, 2, key);
	ASSERT_KEY(key, cb, 0x7f, 0x80, 0x01);

	uint16_t us = 1337;
	idx = one_column(JET_coltypUnsignedShort, 2, false);
	cb = key_of(&idx, &us, 2, key);
	ASSERT_KEY(key, cb, 0x7f, 0x05, 0x39);

	int32_t l = -13371337;
	idx = one_column(JET_coltypLong, 4, false);
	cb = key_of(&idx, &l, 4, key);
	ASSERT_KEY(key, cb, 0x7f, 0x7f, 0x33, 0xf8, 0x37);

	uint32_t ul = 13371337;
	idx = one_column(JET_coltypUnsignedLong, 4, false);
	cb = key_of(&idx, &ul, 4, key);
	ASSERT_KEY(key, cb, 0x7f, 0x00, 0xcc, 0x07, 0xc9);

	int64_t ll = -13371337;
	idx = one_column(JET_coltypLongLong, 8, false);
	cb = key_of(&idx, &ll, 8, key);
	ASSERT_KEY(key, cb, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x33, 0xf8, 0x37);

	int64_t cur = 1337133713371337LL;
	idx = one_column(JET_coltypCurrency, 8, false);
	cb = key_of(&idx, &cur, 8, key);
	ASSERT_KEY(key, cb, 0x7f, 0x80, 0x04, 0xc0, 0x1d, 0xb4, 0x00, 0xb0, 0xc9);

	uint64_t ull = 0x0102030405060708ULL;
	idx = one_column(JET_coltypUnsignedLongLong, 8, false);
	cb = key_of(&idx, &ull, 8, key);
	ASSERT_KEY(key, cb, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8);
}

/* Floats: positive with the sign bit flipped, negative complemented, so that
 * -2 < -1 < 0 < 1 bytewise. */
static void floats_sort_as_bytes(void **state)
{
	uint8_t key[KEY_CB_LIMIT_MOST], prev[16];
	size_t cb;
	struct key_index idx = one_column(JET_coltypIEEESingle, 4, false);

	float f = 1.0f;
	cb = key_of(&idx, &f, 4, key);
	ASSERT_KEY(key, cb, 0x7f, 0xbf, 0x80, 0x00, 0x00);
	f = -1.0f; /* 0xbf800000 complemented */
	cb = key_of(&idx, &f, 4, key);
	ASSERT_KEY(key, cb, 0x7f, 0x40, 0x7f, 0xff, 0xff);

	idx = one_column(JET_coltypIEEEDouble, 8, false);
	double d = 13371337.13371337;
	cb = key_of(&idx, &d, 8, key);
	ASSERT_KEY(key, cb, 0x7f, 0xc1, 0x69, 0x80, 0xf9, 0x24, 0x47, 0x61, 0x43);

	static const double ordered[] = { -1e300, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 1e300 };
	for (unsigned i = 0; i < sizeof ordered / sizeof ordered[0]; i++) {
		cb = key_of(&idx, &ordered[i], 8, key);
		if (i)
			assert_true(memcmp(prev, key, cb) < 0);
		memcpy(prev, key, cb);
	}

	/* a date time is a double */
	uint64_t dt = 4675210852477960192ULL;
	idx = one_column(JET_coltypDateTime, 8, false);
	cb = key_of(&idx, &dt, 8, key);
	ASSERT_KEY(key, cb, 0x7f, 0xc0, 0xe1, 0xaf, 0x80, 0x00, 0x00, 0x00, 0x00);
}

/* GUID keys sort as the GUID's string form (FLDNormalizeFixedSegment):
 * bytes 10-15, 8-9, 6-7, 4-5, 0-3; JET_bitIndexDotNetGuid sorts as .NET's
 * Guid: the first three fields big-endian, then bytes 8-15. */
static void guids_in_ese_order(void **state)
{
	/* 3f360af1-6766-46dc-9af2-0dacf295c2a1 as stored */
	static const uint8_t g[16] = { 0xf1, 0x0a, 0x36, 0x3f, 0x66, 0x67, 0xdc, 0x46,
				       0x9a, 0xf2, 0x0d, 0xac, 0xf2, 0x95, 0xc2, 0xa1 };
	uint8_t key[KEY_CB_LIMIT_MOST];
	struct key_index idx = one_column(JET_coltypGUID, 16, false);
	size_t cb = key_of(&idx, g, 16, key);
	ASSERT_KEY(key, cb, 0x7f, 0x0d, 0xac, 0xf2, 0x95, 0xc2, 0xa1, 0x9a, 0xf2, 0xdc, 0x46,
		   0x66, 0x67, 0xf1, 0x0a, 0x36, 0x3f);
	idx.dotnet_guid = true;
	cb = key_of(&idx, g, 16, key);
	ASSERT_KEY(key, cb, 0x7f, 0x3f, 0x36, 0x0a, 0xf1, 0x67, 0x66, 0x46, 0xdc, 0x9a, 0xf2,
		   0x0d, 0xac, 0xf2, 0x95, 0xc2, 0xa1);
}

/* ErrRECIIRetrieveKey: a descending segment is complemented, prefix too. */
static void descending_segments_are_complemented(void **state)
{
	uint8_t key[KEY_CB_LIMIT_MOST];
	int32_t l = 1;
	struct key_index idx = one_column(JET_coltypLong, 4, true);
	size_t cb = key_of(&idx, &l, 4, key);
	ASSERT_KEY(key, cb, 0x80, 0x7f, 0xff, 0xff, 0xfe);

	idx = one_column(JET_coltypText, 0, true);
	cb = key_of(&idx, "ab", 2, key);
	ASSERT_KEY(key, cb, 0x80, 0xbe, 0xbd, 0xff);

	struct key_value null = { NULL, 0, true };
	assert_int_equal(key_from_values(&idx, &null, key, &cb), KEY_WRN_NULL_KEY);
	ASSERT_KEY(key, cb, 0xff);
}

/* FLDNormalizeNullSegment: null 0x00 (0xc0 with SortNullsHigh), zero-length
 * text or binary 0x40; the warnings say which segments were null. */
static void null_and_zero_length_segments(void **state)
{
	uint8_t key[KEY_CB_LIMIT_MOST];
	size_t cb;
	int32_t l = 5;
	struct key_index idx = one_column(JET_coltypLong, 4, false);
	idx.nseg = 3;
	idx.seg[1].coltyp = JET_coltypBinary;
	idx.seg[2].coltyp = JET_coltypText;
	idx.seg[2].codepage = 1252;

	struct key_value v[3] = { { NULL, 0, true }, { NULL, 0, true }, { NULL, 0, true } };
	assert_int_equal(key_from_values(&idx, v, key, &cb), KEY_WRN_NULL_KEY);
	ASSERT_KEY(key, cb, 0x00, 0x00, 0x00);

	v[1].null = false; /* zero-length binary: data, not null */
	assert_int_equal(key_from_values(&idx, v, key, &cb), KEY_WRN_NULL_FIRST_SEG);
	ASSERT_KEY(key, cb, 0x00, 0x40, 0x00);

	v[0] = (struct key_value){ &l, 4, false };
	assert_int_equal(key_from_values(&idx, v, key, &cb), KEY_WRN_NULL_SEG);
	ASSERT_KEY(key, cb, 0x7f, 0x80, 0x00, 0x00, 0x05, 0x40, 0x00);

	idx.sort_nulls_high = true;
	assert_int_equal(key_from_values(&idx, v, key, &cb), KEY_WRN_NULL_SEG);
	ASSERT_KEY(key, cb, 0x7f, 0x80, 0x00, 0x00, 0x05, 0x40, 0xc0);

	v[2] = (struct key_value){ "x", 1, false };
	assert_int_equal(key_from_values(&idx, v, key, &cb), 0);
	ASSERT_KEY(key, cb, 0x7f, 0x80, 0x00, 0x00, 0x05, 0x40, 0x7f, 'X', 0x00);

	/* a zero-length value of a fixed-size type cannot be */
	v[0] = (struct key_value){ &l, 0, false };
	assert_int_equal(key_from_values(&idx, v, key, &cb), JET_errInvalidBufferSize);
	v[0] = (struct key_value){ &l, 3, false };
	assert_int_equal(key_from_values(&idx, v, key, &cb), JET_errInvalidBufferSize);
	assert_int_equal(key_from_values(NULL, v, key, &cb), JET_errInvalidParameter);
	idx.seg[1].coltyp = 99;
	assert_int_equal(key_from_values(&idx, v, key, &cb), JET_errInvalidParameter);
}

/* FLDNormalizeBinarySegment: 8-byte chunks each followed by 9, the last
 * zero-padded and followed by its length. */
static void binary_chunks(void **state)
{
	uint8_t key[KEY_CB_LIMIT_MOST];
	size_t cb;
	struct key_index idx = one_column(JET_coltypBinary, 0, false);

	cb = key_of(&idx, "test binary data", 16, key);
	ASSERT_KEY(key, cb, 0x7f, 't', 'e', 's', 't', ' ', 'b', 'i', 'n', 9,
		   'a', 'r', 'y', ' ', 'd', 'a', 't', 'a', 8);
	cb = key_of(&idx, "abc", 3, key);
	ASSERT_KEY(key, cb, 0x7f, 'a', 'b', 'c', 0, 0, 0, 0, 0, 3);

	/* a fixed binary column is copied */
	idx.seg[0].cb_fixed = 3;
	cb = key_of(&idx, "abc", 3, key);
	ASSERT_KEY(key, cb, 0x7f, 'a', 'b', 'c');

	/* cbVarSegMac cuts a segment on purpose, the last chunk's count 9 */
	idx = one_column(JET_coltypLongBinary, 0, false);
	idx.cb_var_seg_mac = 11;
	cb = key_of(&idx, "0123456789abcdefgh", 18, key);
	ASSERT_KEY(key, cb, 0x7f, '0', '1', '2', '3', '4', '5', '6', '7', 9, '8');
	idx.cb_var_seg_mac = 10;
	cb = key_of(&idx, "01234567", 8, key);
	ASSERT_KEY(key, cb, 0x7f, '0', '1', '2', '3', '4', '5', '6', '7', 8);
	cb = key_of(&idx, "0123456789", 10, key);
	ASSERT_KEY(key, cb, 0x7f, '0', '1', '2', '3', '4', '5', '6', '7', 9);
}

/* The key-most rules: a long value fills the key to cb_key_most (255 for an
 * index of the old size, which also sees only 255 bytes of the value). */
static void long_values_fill_the_key(void **state)
{
	uint8_t value[1100], key[KEY_CB_LIMIT_MOST];
	size_t cb;
	struct key_index idx = one_column(JET_coltypLongBinary, 0, false);

	memset(value, 'a', sizeof value);
	cb = key_of(&idx, value, sizeof value, key);
	assert_int_equal(cb, 255);
	/* 28 chunks of 9 after the prefix, then 2 raw bytes */
	assert_int_equal(key[9], 9);
	assert_int_equal(key[252], 9);
	assert_int_equal(key[253], 'a');
	assert_int_equal(key[254], 'a');

	idx.cb_key_most = 1000;
	cb = key_of(&idx, value, sizeof value, key);
	assert_int_equal(cb, 1000);

	/* truncation may be refused */
	idx.disallow_truncation = true;
	struct key_value v = { value, sizeof value, false };
	assert_int_equal(key_from_values(&idx, &v, key, &cb), JET_errKeyTruncated);

	/* a second segment after a full key adds nothing */
	idx = one_column(JET_coltypLongText, 0, false);
	idx.nseg = 2;
	idx.seg[1].coltyp = JET_coltypLong;
	int32_t l = 0;
	struct key_value two[2] = { { value, sizeof value, false }, { &l, 4, false } };
	assert_int_equal(key_from_values(&idx, two, key, &cb), 0);
	assert_int_equal(cb, 255);
	two[1].null = true;
	assert_int_equal(key_from_values(&idx, two, key, &cb), KEY_WRN_NULL_SEG);
	assert_int_equal(cb, 255);
	idx.disallow_truncation = true;
	assert_int_equal(key_from_values(&idx, two, key, &cb), JET_errKeyTruncated);
}

/* normu.cxx ErrUtilNormText: a-z upper-cased, other bytes kept, a 0x00
 * terminator; text stops at an embedded NUL; a value cut by the key space
 * ends with the next byte minus 0x20, whatever it is. */
static void ascii_text(void **state)
{
	uint8_t key[KEY_CB_LIMIT_MOST], value[300];
	size_t cb;
	struct key_index idx = one_column(JET_coltypText, 0, false);

	cb = key_of(&idx, "Simple ASCII text", 17, key);
	ASSERT_KEY(key, cb, 0x7f, 'S', 'I', 'M', 'P', 'L', 'E', ' ', 'A', 'S', 'C', 'I', 'I', ' ',
		   'T', 'E', 'X', 'T', 0x00);
	cb = key_of(&idx, "a\xe9z{", 4, key);
	ASSERT_KEY(key, cb, 0x7f, 'A', 0xe9, 'Z', '{', 0x00);
	cb = key_of(&idx, "ab\0cd", 5, key);
	ASSERT_KEY(key, cb, 0x7f, 'A', 'B', 0x00);

	memset(value, 'a', sizeof value);
	value[253] = '{';
	cb = key_of(&idx, value, sizeof value, key);
	assert_int_equal(cb, 255);
	assert_int_equal(key[253], 'A');
	assert_int_equal(key[254], '[');  /* '{' - 0x20 */

	/* cut by cbVarSegMac: the same bytes */
	idx.cb_var_seg_mac = 4;
	cb = key_of(&idx, "abcdef", 6, key);
	ASSERT_KEY(key, cb, 0x7f, 'A', 'B', 'C');
}

struct fake_sort {
	int calls;
	size_t cch;
};

/* Stands for LCMapStringEx: each character's low byte, then 0x01 0x01 0x01 0x00. */
static int fake_sort_key(void *ctx, const struct key_index *idx, const uint8_t *text, size_t cch,
			 uint8_t *out, size_t cb_out, size_t *cb_key)
{
	struct fake_sort *f = ctx;
	uint8_t k[4096];
	size_t n = 0;
	(void)idx;
	f->calls++;
	f->cch = cch;
	for (size_t i = 0; i < cch; i++)
		k[n++] = text[2 * i];
	k[n++] = 1, k[n++] = 1, k[n++] = 1, k[n++] = 0;
	memcpy(out, k, n < cb_out ? n : cb_out);
	*cb_key = n;
	return 0;
}

/* Unicode text is the LCMapString sort key after the prefix: Windows'
 * weights (sort_key.c) for the index's flags and locale, or a hooked
 * mapper. */
static void unicode_text_needs_a_sort_key(void **state)
{
	uint8_t key[KEY_CB_LIMIT_MOST];
	size_t cb;
	struct key_index idx = one_column(JET_coltypText, 0, false);
	idx.seg[0].codepage = KEY_CODEPAGE_UNICODE;
	struct key_value v = { "a\0b\0c", 5, false };

	idx.lcmap_flags = 0x30401;
	idx.lcid = 0x409;
	assert_int_equal(key_from_values(&idx, &v, key, &cb), 0);
	ASSERT_KEY(key, cb, 0x7f, 0x0e, 0x02, 0x0e, 0x09, 1, 1, 1, 1, 0);
	/* a locale with a sort of its own (Japanese) has no weights here */
	idx.lcid = 0x411;
	assert_int_equal(key_from_values(&idx, &v, key, &cb), JET_errFeatureNotAvailable);
	idx.lcmap_flags = 0;
	idx.lcid = 0x409;
	assert_int_equal(key_from_values(&idx, &v, key, &cb), JET_errInvalidLCMapStringFlags);

	struct fake_sort f = { 0, 0 };
	idx.sort_key = fake_sort_key;
	idx.sort_key_ctx = &f;
	assert_int_equal(key_from_values(&idx, &v, key, &cb), 0);
	/* the odd byte is no character */
	assert_int_equal(f.cch, 2);
	ASSERT_KEY(key, cb, 0x7f, 'a', 'b', 1, 1, 1, 0);

	/* an index of the old key size sees 128 characters at most */
	uint8_t text[600];
	memset(text, 0, sizeof text);
	for (unsigned i = 0; i < 300; i++)
		text[2 * i] = 'x';
	v = (struct key_value){ text, sizeof text, false };
	assert_int_equal(key_from_values(&idx, &v, key, &cb), 0);
	assert_int_equal(f.cch, 127); /* 255 bytes of value, whole characters */
	assert_int_equal(cb, 1 + 127 + 4);
}

/* ErrIsamMakeKey: segments accumulate after JET_bitNewKey. */
static void make_key_accumulates(void **state)
{
	struct key_search ks;
	int32_t l = 1;
	struct key_index idx = one_column(JET_coltypLong, 4, false);
	idx.nseg = 2;
	idx.seg[1].coltyp = JET_coltypText;
	idx.seg[1].codepage = 1252;
	idx.seg[1].descending = true;

	key_search_reset(&ks);
	assert_int_equal(key_make(&ks, &idx, &l, 4, 0), JET_errKeyNotMade);
	assert_int_equal(key_make(&ks, &idx, &l, 4, JET_bitNewKey), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 0x80, 0x00, 0x00, 0x01);
	assert_int_equal(key_make(&ks, &idx, "a", 1, 0), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 0x80, 0x00, 0x00, 0x01, 0x80, 0xbe, 0xff);
	assert_int_equal(ks.nseg, 2);
	assert_int_equal(key_make(&ks, &idx, "a", 1, 0), JET_errKeyIsMade);

	/* a null segment, then a new key over it */
	assert_int_equal(key_make(&ks, &idx, NULL, 0, JET_bitNewKey), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x00);
	assert_int_equal(key_make(&ks, &idx, NULL, 0, JET_bitKeyDataZeroLength), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x00, 0xbf);

	/* the wrong size for a fixed column; zero length of a fixed column */
	assert_int_equal(key_make(&ks, &idx, &l, 2, JET_bitNewKey), JET_errInvalidBufferSize);
	assert_int_equal(key_make(&ks, &idx, NULL, 0, JET_bitNewKey | JET_bitKeyDataZeroLength),
			 JET_errInvalidBufferSize);
	assert_int_equal(key_make(&ks, NULL, &l, 4, JET_bitNewKey), JET_errInvalidParameter);
	assert_int_equal(key_make(&ks, &idx, NULL, 4, JET_bitNewKey), JET_errInvalidParameter);
}

/* A short value of a fixed text column is padded with spaces (ErrIsamMakeKey,
 * RECTextColumnPadding). */
static void make_key_pads_fixed_text(void **state)
{
	struct key_search ks;
	struct key_index idx = one_column(JET_coltypText, 4, false);
	key_search_reset(&ks);
	assert_int_equal(key_make(&ks, &idx, "ab", 2, JET_bitNewKey), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 'A', 'B', ' ', ' ', 0x00);
	assert_int_equal(key_make(&ks, &idx, "abcde", 5, JET_bitNewKey), JET_errInvalidBufferSize);
}

/* FLDISetFullColumnLimit and the limit grbits' rules. */
static void make_key_limits(void **state)
{
	struct key_search ks;
	int32_t l = 1;
	struct key_index idx = one_column(JET_coltypLong, 4, false);
	idx.nseg = 2;
	idx.seg[1].coltyp = JET_coltypLong;
	key_search_reset(&ks);

	assert_int_equal(key_make(&ks, &idx, &l, 4, JET_bitNewKey | JET_bitFullColumnEndLimit), 0);
	assert_int_equal(ks.cb, 256);  /* cb_key_most + the limit byte */
	assert_memory_equal(ks.key, "\x7f\x80\x00\x00\x01\xff\xff", 7);
	assert_int_equal(ks.key[255], 0xff);
	assert_int_equal(key_make(&ks, &idx, &l, 4, 0), JET_errKeyIsMade);

	/* a start limit adds nothing but closes the key */
	assert_int_equal(key_make(&ks, &idx, &l, 4, JET_bitNewKey | JET_bitFullColumnStartLimit), 0);
	assert_int_equal(ks.cb, 5);
	assert_int_equal(key_make(&ks, &idx, &l, 4, 0), JET_errKeyIsMade);

	/* partial limits need a delimiter: text or variable binary */
	assert_int_equal(key_make(&ks, &idx, &l, 4, JET_bitNewKey | JET_bitPartialColumnStartLimit),
			 JET_errInvalidGrbit);
	assert_int_equal(key_make(&ks, &idx, &l, 4,
				  JET_bitNewKey | JET_bitFullColumnStartLimit | JET_bitFullColumnEndLimit),
			 JET_errInvalidGrbit);

	/* StrLimit on a fixed type: 0xff to the end of the key space */
	assert_int_equal(key_make(&ks, &idx, &l, 4, JET_bitNewKey | JET_bitStrLimit), 0);
	assert_int_equal(ks.cb, 256);
}

/* FLDISetPartialColumnLimitOnTextColumn: the terminator goes; an end limit
 * fills the rest with 0xff. */
static void make_key_partial_text_limits(void **state)
{
	struct key_search ks;
	struct key_index idx = one_column(JET_coltypText, 0, false);
	key_search_reset(&ks);

	assert_int_equal(key_make(&ks, &idx, "ab", 2, JET_bitNewKey | JET_bitPartialColumnStartLimit), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 'A', 'B');
	assert_int_equal(key_make(&ks, &idx, "ab", 2, JET_bitNewKey | JET_bitPartialColumnEndLimit), 0);
	assert_int_equal(ks.cb, 256);
	assert_memory_equal(ks.key, "\x7f" "AB\xff\xff", 5);
	assert_int_equal(key_make(&ks, &idx, "ab", 2, JET_bitNewKey | JET_bitSubStrLimit), 0);
	assert_int_equal(ks.cb, 256);
	assert_memory_equal(ks.key, "\x7f" "AB\xff", 4);
	/* StrLimit keeps the terminator */
	assert_int_equal(key_make(&ks, &idx, "ab", 2, JET_bitNewKey | JET_bitStrLimit), 0);
	assert_memory_equal(ks.key, "\x7f" "AB\x00\xff", 5);

	/* descending: the complemented terminator goes */
	idx.seg[0].descending = true;
	assert_int_equal(key_make(&ks, &idx, "ab", 2, JET_bitNewKey | JET_bitPartialColumnStartLimit), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x80, 0xbe, 0xbd);

	/* Unicode: cut at the end of the primary weights (the first 0x01) */
	struct fake_sort f = { 0, 0 };
	idx.seg[0].descending = false;
	idx.seg[0].codepage = KEY_CODEPAGE_UNICODE;
	idx.sort_key = fake_sort_key;
	idx.sort_key_ctx = &f;
	assert_int_equal(key_make(&ks, &idx, "a\0b\0", 4, JET_bitNewKey | JET_bitPartialColumnStartLimit), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 'a', 'b');
}

/* FLDITrySetPartialColumnLimitOnBinaryColumn: cut after the value's last
 * byte. */
static void make_key_partial_binary_limits(void **state)
{
	struct key_search ks;
	struct key_index idx = one_column(JET_coltypBinary, 0, false);
	key_search_reset(&ks);

	assert_int_equal(key_make(&ks, &idx, "abc", 3, JET_bitNewKey | JET_bitPartialColumnStartLimit), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 'a', 'b', 'c');
	assert_int_equal(key_make(&ks, &idx, "abc", 3, JET_bitNewKey | JET_bitPartialColumnEndLimit), 0);
	/* from the delimiter to one past the segment */
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 'a', 'b', 'c', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
	assert_int_equal(key_make(&ks, &idx, "abc", 3, JET_bitNewKey | JET_bitStrLimit), 0);
	assert_int_equal(ks.cb, 11);
	/* a fixed binary column has no delimiter */
	idx.seg[0].cb_fixed = 3;
	assert_int_equal(key_make(&ks, &idx, "abc", 3, JET_bitNewKey | JET_bitPartialColumnStartLimit),
			 JET_errInvalidGrbit);
	assert_int_equal(key_make(&ks, &idx, "abc", 3, JET_bitNewKey | JET_bitStrLimit), 0);
	assert_int_equal(ks.cb, 256);
}

/* JET_bitNormalizedKey takes the caller's bytes, up to cb_key_most + 1. */
static void make_key_normalised(void **state)
{
	struct key_search ks;
	uint8_t bytes[300];
	struct key_index idx = one_column(JET_coltypLong, 4, false);
	memset(bytes, 0x42, sizeof bytes);
	key_search_reset(&ks);

	assert_int_equal(key_make(&ks, &idx, bytes, 5, JET_bitNormalizedKey), 0);
	assert_int_equal(ks.cb, 5);
	assert_false(ks.limit);
	assert_int_equal(key_make(&ks, &idx, bytes, 256, JET_bitNormalizedKey), 0);
	assert_true(ks.limit);
	assert_int_equal(key_make(&ks, &idx, bytes, 257, JET_bitNormalizedKey), JET_errInvalidParameter);
	idx.cb_key_most = 1000;
	assert_int_equal(key_make(&ks, &idx, bytes, 300, JET_bitNormalizedKey), 0);

	/* the sequential index: only a normalised key */
	idx.nseg = 0;
	assert_int_equal(key_make(&ks, &idx, bytes, 4, JET_bitNewKey), JET_errNoCurrentIndex);
	assert_int_equal(key_make(&ks, &idx, bytes, 4, JET_bitNormalizedKey), 0);
}

/* A segment cut by the key space leaves later segments empty (KSTooBig). */
static void make_key_truncation(void **state)
{
	struct key_search ks;
	uint8_t value[300];
	int32_t l = 1;
	struct key_index idx = one_column(JET_coltypBinary, 0, false);
	idx.nseg = 2;
	idx.seg[1].coltyp = JET_coltypLong;
	memset(value, 'v', sizeof value);
	key_search_reset(&ks);

	assert_int_equal(key_make(&ks, &idx, value, sizeof value, JET_bitNewKey), 0);
	assert_int_equal(ks.cb, 255);
	assert_int_equal(key_make(&ks, &idx, &l, 4, JET_bitFullColumnEndLimit), 0);
	assert_int_equal(ks.cb, 255);  /* nothing more, not even the limit */
	assert_int_equal(ks.nseg, 2);
}

/* Tuple indexes (first segment) and the primary index placeholder. */
static void make_key_tuples_and_placeholder(void **state)
{
	struct key_search ks;
	int32_t l = 1;
	struct key_index idx = one_column(JET_coltypText, 0, false);
	idx.tuples = true;
	idx.tuple_cch_min = 3;
	idx.tuple_cch_max = 4;
	key_search_reset(&ks);

	assert_int_equal(key_make(&ks, &idx, "ab", 2, JET_bitNewKey), JET_errIndexTuplesKeyTooSmall);
	assert_int_equal(key_make(&ks, &idx, NULL, 0, JET_bitNewKey), JET_errIndexTuplesKeyTooSmall);
	assert_int_equal(key_make(&ks, &idx, "abcdef", 6, JET_bitNewKey), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 'A', 'B', 'C', 'D', 0x00);

	idx = one_column(JET_coltypBit, 1, false);
	idx.nseg = 2;
	idx.placeholder = true;
	idx.seg[1].coltyp = JET_coltypLong;
	idx.seg[1].cb_fixed = 4;
	assert_int_equal(key_make(&ks, &idx, &l, 4, JET_bitNewKey), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 0x00, 0x7f, 0x80, 0x00, 0x00, 0x01);
	assert_int_equal(key_make(&ks, &idx, "\x01", 1,
				  JET_bitNewKey | JET_bitKeyOverridePrimaryIndexPlaceholder), 0);
	ASSERT_KEY(ks.key, ks.cb, 0x7f, 0xff);
}

/* --- the keys Windows stored ------------------------------------------ */

#define PAGE 4096

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* Every key of every leaf node of the file (a test-only walk: 4 KiB pages,
 * the 40-byte header, tags at the page's end, 13-bit offsets, key-prefix
 * compression against tag 0).  Returns the number of keys. */
static unsigned stored_keys(FILE *f, uint8_t (*keys)[KEY_CB_LIMIT_MOST], size_t *cbs, unsigned most)
{
	uint8_t page[PAGE];
	unsigned n = 0;
	for (long pg = 1; fseek(f, (pg + 1) * PAGE, SEEK_SET) == 0 && fread(page, PAGE, 1, f) == 1; pg++) {
		unsigned ntags = get16(page + 34);
		uint32_t flags = (uint32_t)get16(page + 36) | (uint32_t)get16(page + 38) << 16;
		if (ntags < 2 || !(flags & 0x2) || (flags & 0x20)) /* leaf, not space tree */
			continue;
		const uint8_t *t0 = page + PAGE - 4;
		const uint8_t *ext = page + 40 + (get16(t0 + 2) & 0x1fff);
		size_t cb_ext = get16(t0) & 0x1fff;
		for (unsigned i = 1; i < ntags && n < most; i++) {
			const uint8_t *t = page + PAGE - 4 * (i + 1);
			unsigned ib = get16(t + 2);
			const uint8_t *node = page + 40 + (ib & 0x1fff);
			size_t cb_prefix = 0;
			if (ib & 0x8000) {
				cb_prefix = get16(node);
				node += 2;
			}
			size_t cb_suffix = get16(node);
			if (cb_prefix > cb_ext || cb_prefix + cb_suffix > KEY_CB_LIMIT_MOST)
				continue;
			memcpy(keys[n], ext, cb_prefix);
			memcpy(keys[n] + cb_prefix, node + 2, cb_suffix);
			cbs[n++] = cb_prefix + cb_suffix;
		}
	}
	return n;
}

static void keys_match_windows(void **state)
{
	if (!windows_fixture("dissect-index.edb", "index.edb"))
		skip();
	FILE *f = fopen("index.edb", "rb");
	assert_non_null(f);
	static uint8_t keys[4096][KEY_CB_LIMIT_MOST];
	static size_t cbs[4096];
	unsigned nkeys = stored_keys(f, keys, cbs, 4096);
	fclose(f);

	/* the row of table "index" (fox-it/dissect.esedb tests/test_index.py) */
	static const uint8_t guid[16] = { 0xf1, 0x0a, 0x36, 0x3f, 0x66, 0x67, 0xdc, 0x46,
					  0x9a, 0xf2, 0x0d, 0xac, 0xf2, 0x95, 0xc2, 0xa1 };
	int32_t id = 1, lg = -13371337;
	int16_t sh = -1337;
	uint16_t ush = 1337;
	uint32_t ul = 13371337;
	int64_t cur = 1337133713371337LL, ll = -13371337;
	float fl = 1.0f;
	double db = 13371337.13371337;
	uint64_t dt = 4675210852477960192ULL;
	static uint8_t long_binary[22 + 1000], long_ascii[16 + 1024];
	memcpy(long_binary, "test long binary data ", 22);
	memset(long_binary + 22, 'a', 1000);
	memcpy(long_ascii, "Long ASCII text ", 16);
	memset(long_ascii + 16, 'a', 1024);
	const struct {
		const char *index;
		uint32_t coltyp, cb_fixed;
		const void *v;
		size_t cb;
	} rows[] = {
		{ "IxId", JET_coltypLong, 4, &id, 4 },
		{ "IxBit", JET_coltypBit, 1, "\0", 1 },
		{ "IxUnsignedByte", JET_coltypUnsignedByte, 1, "\xd5", 1 },
		{ "IxShort", JET_coltypShort, 2, &sh, 2 },
		{ "IxLong", JET_coltypLong, 4, &lg, 4 },
		{ "IxCurrenc", JET_coltypCurrency, 8, &cur, 8 },
		{ "IxIEEESingle", JET_coltypIEEESingle, 4, &fl, 4 },
		{ "IxIEEEDouble", JET_coltypIEEEDouble, 8, &db, 8 },
		{ "IxDateTime", JET_coltypDateTime, 8, &dt, 8 },
		{ "IxUnsignedLong", JET_coltypUnsignedLong, 4, &ul, 4 },
		{ "IxLongLong", JET_coltypLongLong, 8, &ll, 8 },
		{ "IxGUID", JET_coltypGUID, 16, guid, 16 },
		{ "IxUnsignedShort", JET_coltypUnsignedShort, 2, &ush, 2 },
		{ "IxBinary", JET_coltypBinary, 0, "test binary data", 16 },
		{ "IxLongBinary", JET_coltypLongBinary, 0, long_binary, sizeof long_binary },
		{ "IxASCII", JET_coltypText, 0, "Simple ASCII text", 17 },
		{ "IxLongASCII", JET_coltypLongText, 0, long_ascii, sizeof long_ascii },
	};
	unsigned matched = 0;
	for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		uint8_t key[KEY_CB_LIMIT_MOST];
		struct key_index idx = one_column(rows[i].coltyp, rows[i].cb_fixed, false);
		size_t cb = key_of(&idx, rows[i].v, rows[i].cb, key);
		bool found = false;
		for (unsigned k = 0; k < nkeys && !found; k++)
			found = cbs[k] == cb && memcmp(keys[k], key, cb) == 0;
		if (!found)
			print_message("%s: key not among the stored ones\n", rows[i].index);
		matched += found;

		/* and JetMakeKey makes the same key from the same value */
		struct key_search ks;
		key_search_reset(&ks);
		assert_int_equal(key_make(&ks, &idx, rows[i].v, rows[i].cb, JET_bitNewKey), 0);
		assert_int_equal(ks.cb, cb);
		assert_memory_equal(ks.key, key, cb);
	}
	print_message("dissect-index.edb: %u of %u non-Unicode index keys equal Windows' "
		      "(IxUnicode, IxLongUnicode: test_sort_key)\n",
		      matched, (unsigned)(sizeof rows / sizeof rows[0]));
	assert_int_equal(matched, sizeof rows / sizeof rows[0]);

	/* three segments: the catalog's Name index (ObjidTable Long, Type
	 * Short, Name Text) over table "index" (objid 8), its columns (type 2)
	 * and its indexes (type 3) */
	static const char *const columns[] = { "Id", "Bit", "UnsignedByte", "Short", "Long",
		"Currency", "IEEESingle", "IEEEDouble", "DateTime", "UnsignedLong", "LongLong",
		"GUID", "UnsignedShort", "Binary", "LongBinary", "ASCII", "Unicode", "LongASCII",
		"LongUnicode" };
	struct key_index name_idx = one_column(JET_coltypLong, 4, false);
	name_idx.nseg = 3;
	name_idx.seg[1] = (struct key_segment){ JET_coltypShort, 0, 2, false };
	name_idx.seg[2] = (struct key_segment){ JET_coltypText, 1252, 0, false };
	unsigned names = 0, names_matched = 0;
	for (int16_t type = 1; type <= 3; type++) {
		for (unsigned i = 0; i < (type == 1 ? 1u : 19u); i++) {
			char name[64];
			if (type == 1)
				strcpy(name, "index");
			else if (type == 2)
				strcpy(name, columns[i]);
			else
				snprintf(name, sizeof name, "Ix%s", i == 5 ? "Currenc" : columns[i]);
			int32_t objid = 8;
			struct key_value v[3] = { { &objid, 4, false }, { &type, 2, false },
						  { name, strlen(name), false } };
			uint8_t key[KEY_CB_LIMIT_MOST];
			size_t cb;
			assert_int_equal(key_from_values(&name_idx, v, key, &cb), 0);
			bool found = false;
			for (unsigned k = 0; k < nkeys && !found; k++)
				found = cbs[k] == cb && memcmp(keys[k], key, cb) == 0;
			if (!found)
				print_message("catalog name %s (type %d): key not stored\n", name, type);
			names++;
			names_matched += found;
		}
	}
	print_message("dissect-index.edb: %u of %u catalog Name index keys equal Windows'\n",
		      names_matched, names);
	assert_int_equal(names_matched, names);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers_sort_as_bytes),
		cmocka_unit_test(floats_sort_as_bytes),
		cmocka_unit_test(guids_in_ese_order),
		cmocka_unit_test(descending_segments_are_complemented),
		cmocka_unit_test(null_and_zero_length_segments),
		cmocka_unit_test(binary_chunks),
		cmocka_unit_test(long_values_fill_the_key),
		cmocka_unit_test(ascii_text),
		cmocka_unit_test(unicode_text_needs_a_sort_key),
		cmocka_unit_test(make_key_accumulates),
		cmocka_unit_test(make_key_pads_fixed_text),
		cmocka_unit_test(make_key_limits),
		cmocka_unit_test(make_key_partial_text_limits),
		cmocka_unit_test(make_key_partial_binary_limits),
		cmocka_unit_test(make_key_normalised),
		cmocka_unit_test(make_key_truncation),
		cmocka_unit_test(make_key_tuples_and_placeholder),
		CASE(keys_match_windows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
