/*
 * Key normalisation, following ESE's fldnorm.cxx (segments, ErrRECIRetrieveKey,
 * ErrIsamMakeKey) and _osu/normu.cxx (ASCII text).
 */
#include "isam/key_normalise.h"

#include <string.h>

#include "isam/sort_key.h"
#include "jet_values.h"

/* Segment prefix bytes (fldnorm.cxx). */
#define PREFIX_NULL 0x00
#define PREFIX_ZERO_LENGTH 0x40
#define PREFIX_NULL_HIGH 0xc0
#define PREFIX_DATA 0x7f
#define SENTINEL 0xff
#define UNICODE_SORT_KEY_SENTINEL 0x01
#define ASCII_SORT_KEY_TERMINATOR 0x00

/* Variable binary is cut in chunks of 8 bytes, each followed by a count
 * byte (rec.hxx cbFLDBinaryChunk, cbFLDBinaryChunkNormalized). */
#define BINARY_CHUNK 8
#define BINARY_CHUNK_NORMALISED (BINARY_CHUNK + 1)

/* The most source bytes the engine stages for one segment
 * (rgbFixedColumnKeyPadded is JET_cbColumnMost long). */
#define CB_COLUMN_MOST 255

static bool is_text(uint32_t coltyp)
{
	return coltyp == JET_coltypText || coltyp == JET_coltypLongText;
}

static bool is_binary(uint32_t coltyp)
{
	return coltyp == JET_coltypBinary || coltyp == JET_coltypLongBinary;
}

/* The size a fixed-size type's value has; 0 for text and binary. */
static size_t fixed_type_size(uint32_t coltyp)
{
	switch (coltyp) {
	case JET_coltypBit:
	case JET_coltypUnsignedByte:
		return 1;
	case JET_coltypShort:
	case JET_coltypUnsignedShort:
		return 2;
	case JET_coltypLong:
	case JET_coltypUnsignedLong:
	case JET_coltypIEEESingle:
		return 4;
	case JET_coltypCurrency:
	case JET_coltypIEEEDouble:
	case JET_coltypDateTime:
	case JET_coltypLongLong:
	case JET_coltypUnsignedLongLong:
		return 8;
	case JET_coltypGUID:
		return 16;
	default:
		return 0;
	}
}

static bool known_type(uint32_t coltyp)
{
	return fixed_type_size(coltyp) != 0 || is_text(coltyp) || is_binary(coltyp);
}

static uint64_t load_le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static void store_be(uint8_t *p, uint64_t v, size_t n)
{
	for (size_t i = n; i-- > 0; v >>= 8)
		p[i] = (uint8_t)v;
}

/*
 * A fixed-size type (FLDNormalizeFixedSegment): the value big-endian, the
 * sign bit of signed integers flipped, negative floats complemented and
 * positive ones with the sign bit flipped, so that memcmp orders them.
 * Returns the segment's length, prefix included.
 */
static size_t normalise_fixed(const uint8_t *v, uint32_t coltyp, bool dotnet_guid, uint8_t *seg)
{
	static const uint8_t guid_order[16] = { 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3 };
	static const uint8_t dotnet_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	size_t n = fixed_type_size(coltyp);
	/* the sign bit of the integer and float types (a GUID has none) */
	uint64_t x, high = n <= 8 ? (uint64_t)1 << (n * 8 - 1) : 0;

	seg[0] = PREFIX_DATA;
	switch (coltyp) {
	case JET_coltypBit:
		seg[1] = v[0] ? 0xff : 0x00;
		break;
	case JET_coltypGUID: {
		/* the order of the GUID's string form; .NET's Guid.CompareTo
		 * order with JET_bitIndexDotNetGuid */
		const uint8_t *order = dotnet_guid ? dotnet_order : guid_order;
		for (int i = 0; i < 16; i++)
			seg[1 + i] = v[order[i]];
		break;
	}
	case JET_coltypShort:
	case JET_coltypLong:
	case JET_coltypLongLong:
	case JET_coltypCurrency:
		store_be(seg + 1, load_le(v, n) ^ high, n);
		break;
	case JET_coltypIEEESingle:
	case JET_coltypIEEEDouble:
	case JET_coltypDateTime:
		x = load_le(v, n);
		store_be(seg + 1, (x & high) ? ~x : x ^ high, n);
		break;
	default: /* unsigned integers */
		store_be(seg + 1, load_le(v, n), n);
		break;
	}
	return n + 1;
}

/*
 * Binary (FLDNormalizeBinarySegment).  A fixed binary column is copied; a
 * variable one is cut in 8-byte chunks, each followed by 9 when more
 * follows, the last zero-padded and followed by its byte count (8 for a full
 * last chunk, 9 when the key ends on a chunk the column continues past).
 * cb_var_seg_mac is cb_key_most + 1 when not set.  *delim (when not NULL)
 * gets the offset just past the value's last byte, 0 when it did not fit:
 * where a partial-column limit cuts.
 */
static size_t normalise_binary(const uint8_t *v, size_t cb, uint8_t *seg, size_t cb_avail,
			       size_t cb_key_most, size_t cb_var_seg_mac, bool fixed,
			       bool *truncated, size_t *delim)
{
	size_t cb_seg;

	seg[0] = PREFIX_DATA;
	if (fixed) {
		cb_seg = cb + 1;
		if (cb_var_seg_mac < cb_key_most && cb_seg > cb_var_seg_mac)
			cb_seg = cb_var_seg_mac;
		if (cb_seg > cb_avail) {
			cb_seg = cb_avail;
			*truncated = true;
		}
		memcpy(seg + 1, v, cb_seg - 1);
		return cb_seg;
	}

	bool whole = true;
	cb_seg = (cb + BINARY_CHUNK - 1) / BINARY_CHUNK * BINARY_CHUNK_NORMALISED + 1;
	if (cb_var_seg_mac < cb_key_most && cb_seg > cb_var_seg_mac) {
		cb_seg = cb_var_seg_mac;
		whole = false;
	}
	if (cb_seg > cb_avail) {
		cb_seg = cb_avail;
		whole = false;
		*truncated = true;
	}

	size_t room = cb_seg - 1, left = cb;
	uint8_t *p = seg + 1;
	const uint8_t *src = v;
	for (; room >= BINARY_CHUNK_NORMALISED; room -= BINARY_CHUNK_NORMALISED) {
		if (left <= BINARY_CHUNK) {
			memcpy(p, src, left);
			p += left;
			if (delim)
				*delim = (size_t)(p - seg);
			if (left == BINARY_CHUNK) {
				/* tells a value that ends on a chunk from one cut there */
				*p++ = whole ? BINARY_CHUNK_NORMALISED - 1 : BINARY_CHUNK_NORMALISED;
			} else {
				memset(p, 0, BINARY_CHUNK - left);
				p += BINARY_CHUNK - left;
				*p++ = (uint8_t)left;
			}
			left = 0;
		} else {
			memcpy(p, src, BINARY_CHUNK);
			p += BINARY_CHUNK;
			*p++ = BINARY_CHUNK_NORMALISED;
			src += BINARY_CHUNK;
			left -= BINARY_CHUNK;
		}
	}
	if (room > 0) {
		/* a cut key: fill what is left with the bytes that follow */
		if (left >= room) {
			memcpy(p, src, room);
		} else {
			if (delim)
				*delim = (size_t)(p + left - seg);
			memcpy(p, src, left);
			memset(p + left, 0, room - left);
		}
	}
	return cb_seg;
}

/*
 * Non-Unicode text (normu.cxx ErrUtilNormText): the text up to its first
 * NUL, a-z upper-cased as the C locale does, then a 0x00 terminator.  When
 * the text fills the room, the terminator's place holds the next character
 * with 0x20 subtracted whatever it is (the old CRT _toupper the engine keeps
 * for compatibility) and the result is KEY_WRN_KEY_TOO_BIG.
 */
static int normalise_ascii(const uint8_t *text, size_t cb, size_t room, uint8_t *out, size_t *cb_out)
{
	size_t n;

	if (room == 0) {
		*cb_out = 0;
		return 0;
	}
	n = room > cb ? cb : room - 1;
	const uint8_t *nul = memchr(text, 0, n);
	if (nul)
		n = (size_t)(nul - text);
	for (size_t i = 0; i < n; i++)
		out[i] = text[i] >= 'a' && text[i] <= 'z' ? (uint8_t)(text[i] - 0x20) : text[i];
	*cb_out = n + 1;
	if (room <= cb && n == room - 1 && text[n] != 0) {
		out[n] = (uint8_t)(text[n] - 'a' + 'A');
		return KEY_WRN_KEY_TOO_BIG;
	}
	out[n] = 0;
	return 0;
}

/*
 * Text (ErrFLDNormalizeTextSegment): the data prefix, then the ASCII form or
 * the Unicode sort key, within min(cb_avail, cb_var_seg_mac) bytes.  Returns
 * KEY_WRN_KEY_TOO_BIG when the key space (not cb_var_seg_mac) cut it.
 */
static int normalise_text(const struct key_index *idx, const struct key_segment *s,
			  const uint8_t *v, size_t cb, uint8_t *seg, size_t *cb_seg,
			  size_t cb_avail, size_t cb_key_most, size_t cb_var_seg_mac)
{
	size_t room = (cb_avail < cb_var_seg_mac ? cb_avail : cb_var_seg_mac) - 1;
	bool unicode = s->codepage == KEY_CODEPAGE_UNICODE;
	size_t cb_char = unicode ? 2 : 1, n = 0;
	int err;

	cb = cb / cb_char * cb_char;
	/* indexes of the old 255-byte key size normalise at most 255 bytes of
	 * source (256 for Unicode), as the engine always did for them */
	if (cb_key_most == KEY_CB_MOST_LEGACY) {
		size_t most = (KEY_CB_MOST_LEGACY + cb_char - 1) / cb_char * cb_char;
		if (cb > most)
			cb = most;
	}

	if (unicode) {
		size_t cb_key = 0;

		/* the sort key LCMapStringEx makes; Windows' own weights
		 * (sort_key.c) unless the caller hooked another mapper */
		if (idx->sort_key)
			err = idx->sort_key(idx->sort_key_ctx, idx, v, cb / 2, seg + 1, room, &cb_key);
		else
			err = sort_key_map(idx->lcmap_flags, idx->lcid, v, cb / 2, seg + 1, room, &cb_key);
		if (err < 0)
			return err;
		/* os/norm.cxx ErrNORMMapString: a longer key is cut to the room */
		err = cb_key > room ? KEY_WRN_KEY_TOO_BIG : 0;
		n = cb_key > room ? room : cb_key;
	} else {
		err = normalise_ascii(v, cb, room, seg + 1, &n);
	}

	/* cut by cb_var_seg_mac on purpose: no warning */
	if (err == KEY_WRN_KEY_TOO_BIG && cb_var_seg_mac <= cb_key_most && n == cb_var_seg_mac - 1)
		err = 0;
	seg[0] = PREFIX_DATA;
	*cb_seg = n + 1;
	return err;
}

/* The null or zero-length segment (FLDNormalizeNullSegment). */
static uint8_t null_prefix(const struct key_index *idx, uint32_t coltyp, bool zero_length)
{
	if (zero_length && (is_text(coltyp) || is_binary(coltyp)))
		return PREFIX_ZERO_LENGTH;
	return idx->sort_nulls_high ? PREFIX_NULL_HIGH : PREFIX_NULL;
}

/* cb_var_seg_mac as the engine uses it: cb_key_most + 1 when not set. */
static size_t var_seg_mac(const struct key_index *idx)
{
	if (idx->cb_var_seg_mac == 0 || idx->cb_var_seg_mac >= idx->cb_key_most)
		return (size_t)idx->cb_key_most + 1;
	return idx->cb_var_seg_mac;
}

static bool index_valid(const struct key_index *idx)
{
	if (!idx || idx->nseg > KEY_SEGMENTS_MOST || idx->cb_key_most < KEY_CB_MOST_LEGACY ||
	    idx->cb_key_most > KEY_CB_MOST_MOST)
		return false;
	for (unsigned i = 0; i < idx->nseg; i++)
		if (!known_type(idx->seg[i].coltyp))
			return false;
	return true;
}

/*
 * One non-null, non-empty value's segment into seg, at most cb_avail bytes
 * (ErrRECIIRetrieveKey's and ErrFLDNormalizeSegment's switch).
 */
static int normalise_value(const struct key_index *idx, const struct key_segment *s,
			   const uint8_t *v, size_t cb, uint8_t *seg, size_t *cb_seg,
			   size_t cb_avail, bool *truncated, size_t *delim)
{
	size_t cb_key_most = idx->cb_key_most, mac = var_seg_mac(idx);
	int err;

	if (is_text(s->coltyp)) {
		err = normalise_text(idx, s, v, cb, seg, cb_seg, cb_avail, cb_key_most, mac);
		if (err < 0)
			return err;
		if (err == KEY_WRN_KEY_TOO_BIG)
			*truncated = true;
		return 0;
	}
	if (is_binary(s->coltyp)) {
		*cb_seg = normalise_binary(v, cb, seg, cb_avail, cb_key_most, mac, s->cb_fixed != 0,
					   truncated, delim);
		return 0;
	}
	if (cb != fixed_type_size(s->coltyp))
		return JET_errInvalidBufferSize;
	*cb_seg = normalise_fixed(v, s->coltyp, idx->dotnet_guid, seg);
	return 0;
}

static void complement(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] ^= 0xff;
}

int key_from_values(const struct key_index *idx, const struct key_value *values,
		    uint8_t *key, size_t *cb_key)
{
	uint8_t seg[KEY_CB_LIMIT_MOST + BINARY_CHUNK_NORMALISED];
	bool all_null = true, null_first = false, null_seg = false, key_truncated = false;
	size_t avail, cb = 0;

	if (!index_valid(idx) || idx->nseg == 0 || !values || !key || !cb_key)
		return JET_errInvalidParameter;
	avail = idx->cb_key_most;

	for (unsigned i = 0; i < idx->nseg; i++) {
		const struct key_segment *s = &idx->seg[i];
		const struct key_value *val = &values[i];
		size_t cb_v = val->null ? 0 : val->cb, cb_seg = 0;
		bool truncated = false;

		/* indexes of the old key size see at most 255 bytes of a value
		 * (ErrRECIRetrieveKey's cbDataMost) */
		if (idx->cb_key_most == KEY_CB_MOST_LEGACY && cb_v > KEY_CB_MOST_LEGACY)
			cb_v = KEY_CB_MOST_LEGACY;

		if (avail == 0) {
			/* the key is full: later segments only count as null */
			key_truncated = true;
			if (idx->disallow_truncation)
				return JET_errKeyTruncated;
			if (val->null) {
				if (i == 0)
					null_first = true;
				null_seg = true;
			}
			continue;
		}

		if (val->null || !val->data || cb_v == 0) {
			if (val->null) {
				if (i == 0)
					null_first = true;
				null_seg = true;
			} else {
				if (!is_text(s->coltyp) && !is_binary(s->coltyp))
					return JET_errInvalidBufferSize;
				all_null = false;
			}
			seg[0] = null_prefix(idx, s->coltyp, !val->null);
			cb_seg = 1;
		} else {
			all_null = false;
			int err = normalise_value(idx, s, val->data, cb_v, seg, &cb_seg, avail, &truncated, NULL);
			if (err < 0)
				return err;
		}

		if (key_truncated)
			continue;
		if (truncated || cb_seg > avail) {
			key_truncated = true;
			if (idx->disallow_truncation)
				return JET_errKeyTruncated;
			if (cb_seg > avail)
				cb_seg = avail;
		}
		if (s->descending)
			complement(seg, cb_seg);
		memcpy(key + cb, seg, cb_seg);
		cb += cb_seg;
		avail -= cb_seg;
	}

	*cb_key = cb;
	if (all_null)
		return KEY_WRN_NULL_KEY;
	if (null_first)
		return KEY_WRN_NULL_FIRST_SEG;
	if (null_seg)
		return KEY_WRN_NULL_SEG;
	return 0;
}

void key_search_reset(struct key_search *ks)
{
	ks->cb = 0;
	ks->nseg = 0;
	ks->prepared = false;
	ks->limit = false;
	ks->too_big = false;
}

/* FLDISetFullColumnLimit: a limit past every value of this column. */
static void full_column_limit(uint8_t *seg, size_t *cb_seg, size_t cb_with_suffix, bool end)
{
	if (!end)
		return;
	memset(seg + *cb_seg, SENTINEL, cb_with_suffix - *cb_seg);
	*cb_seg = cb_with_suffix;
}

/*
 * FLDISetPartialColumnLimitOnTextColumn: drop the text's terminator (ASCII)
 * or everything from the end of the primary weights (Unicode) so that the
 * key is a prefix of every longer string's; an end limit then fills the key
 * space with 0xff.
 */
static void text_partial_limit(uint8_t *seg, size_t *cb_seg, size_t cb_with_suffix,
			       bool descending, bool end, bool unicode)
{
	size_t suffix = cb_with_suffix - 1, ib;
	uint8_t flip = descending ? 0xff : 0x00;

	if (*cb_seg < 2) {
		full_column_limit(seg, cb_seg, cb_with_suffix, end);
		return;
	}
	if (unicode) {
		for (ib = 1; ib < suffix && seg[ib] != (UNICODE_SORT_KEY_SENTINEL ^ flip); ib++)
			;
	} else {
		ib = *cb_seg;
		if (seg[ib - 1] == (ASCII_SORT_KEY_TERMINATOR ^ flip))
			ib--;
	}
	if (ib > suffix)
		ib = suffix;
	if (end) {
		memset(seg + ib, SENTINEL, suffix - ib + 1);
		*cb_seg = cb_with_suffix;
	} else {
		*cb_seg = ib;
	}
}

/* FLDITrySetPartialColumnLimitOnBinaryColumn. */
static void binary_partial_limit(uint8_t *seg, size_t *cb_seg, size_t cb_with_suffix,
				 size_t delim, bool end)
{
	if (delim == 0) {
		full_column_limit(seg, cb_seg, cb_with_suffix, end);
	} else if (end) {
		/* the engine fills one byte past the segment too */
		(*cb_seg)++;
		memset(seg + delim, SENTINEL, *cb_seg - delim);
	} else {
		*cb_seg = delim;
	}
}

/* ErrFLDNormalizeSegment: one search-key segment, limits applied. */
static int make_segment(struct key_search *ks, const struct key_index *idx, unsigned iseg,
			const uint8_t *v, size_t cb, uint32_t grbit, uint8_t *seg, size_t *cb_seg)
{
	const struct key_segment *s = &idx->seg[iseg];
	size_t avail = idx->cb_key_most - ks->cb, delim = 0;
	bool tuple = iseg == 0 && idx->tuples;
	bool unicode = s->codepage == KEY_CODEPAGE_UNICODE;

	if (!v || cb == 0) {
		bool zero_length = grbit & JET_bitKeyDataZeroLength;
		if (tuple)
			return JET_errIndexTuplesKeyTooSmall;
		if (zero_length && (s->cb_fixed != 0 || (!is_text(s->coltyp) && !is_binary(s->coltyp))))
			return JET_errInvalidBufferSize;
		seg[0] = null_prefix(idx, s->coltyp, zero_length);
		*cb_seg = 1;
	} else {
		bool truncated = false;
		if (tuple && is_text(s->coltyp)) {
			size_t cch = unicode ? cb / 2 : cb;
			size_t cb_max = (size_t)idx->tuple_cch_max * (unicode ? 2 : 1);
			if (cch < idx->tuple_cch_min)
				return JET_errIndexTuplesKeyTooSmall;
			if (cb > cb_max)
				cb = cb_max;
		}
		int err = normalise_value(idx, s, v, cb, seg, cb_seg, avail, &truncated, &delim);
		if (err < 0)
			return err;
		if (*cb_seg > avail) {
			*cb_seg = avail;
			truncated = true;
		}
		if (truncated)
			ks->too_big = true;
	}

	if (s->descending)
		complement(seg, *cb_seg);

	/* StrLimit fills the key space after any column with 0xff;
	 * SubStrLimit (text only) first drops the string's terminator */
	switch (grbit & JET_maskLimitOptions) {
	case JET_bitFullColumnStartLimit:
	case JET_bitFullColumnEndLimit:
		full_column_limit(seg, cb_seg, avail + 1, grbit & JET_bitFullColumnEndLimit);
		ks->limit = true;
		break;
	case JET_bitPartialColumnStartLimit:
	case JET_bitPartialColumnEndLimit:
		if (is_text(s->coltyp))
			text_partial_limit(seg, cb_seg, avail + 1, s->descending,
					   grbit & JET_bitPartialColumnEndLimit, unicode);
		else
			binary_partial_limit(seg, cb_seg, avail + 1, delim,
					     grbit & JET_bitPartialColumnEndLimit);
		ks->limit = true;
		break;
	default:
		if ((grbit & JET_bitSubStrLimit) && is_text(s->coltyp)) {
			text_partial_limit(seg, cb_seg, avail + 1, s->descending, true, unicode);
			ks->limit = true;
		} else if (grbit & JET_bitStrLimit) {
			binary_partial_limit(seg, cb_seg, avail + 1, delim, true);
			ks->limit = true;
		}
		break;
	}
	return 0;
}

int key_make(struct key_search *ks, const struct key_index *idx,
	     const void *data, size_t cb, uint32_t grbit)
{
	uint8_t seg[KEY_CB_LIMIT_MOST + BINARY_CHUNK_NORMALISED];
	uint8_t padded[CB_COLUMN_MOST];
	const uint8_t *v = data;
	size_t cb_seg = 0, cb_key_most, cb_given = cb;

	if (!ks || !index_valid(idx) || (!data && cb != 0))
		return JET_errInvalidParameter;

	/* the sequential index takes only a normalised key */
	if (idx->nseg == 0 && !(grbit & JET_bitNormalizedKey))
		return JET_errNoCurrentIndex;
	cb_key_most = idx->nseg == 0 ? KEY_CB_MOST_LEGACY : idx->cb_key_most;

	/* indexes of the old key size see at most 255 bytes of a value */
	if (cb_key_most == KEY_CB_MOST_LEGACY && cb > KEY_CB_MOST_LEGACY && !(grbit & JET_bitNormalizedKey))
		cb = KEY_CB_MOST_LEGACY;

	if (grbit & JET_bitNormalizedKey) {
		/* the caller's bytes are the key, up to one limit byte more */
		size_t cb_limit = cb_key_most + 1;
		if (cb > cb_limit && cb > KEY_CB_MOST_LEGACY)
			return JET_errInvalidParameter;
		if (cb > cb_limit)
			cb = cb_limit;
		key_search_reset(ks);
		if (cb)
			memcpy(ks->key, v, cb);
		ks->cb = cb;
		ks->nseg = 1;
		ks->prepared = true;
		ks->limit = cb > cb_key_most;
		return 0;
	}
	if (grbit & JET_bitNewKey)
		key_search_reset(ks);
	else if (ks->limit)
		return JET_errKeyIsMade;
	else if (!ks->prepared)
		return JET_errKeyNotMade;

	if (!ks->prepared && idx->placeholder && !(grbit & JET_bitKeyOverridePrimaryIndexPlaceholder)) {
		/* RECINormalisePlaceholder: the primary index's placeholder
		 * column (a fixed bit) takes the value 0 first */
		bool desc = idx->seg[0].descending;
		ks->key[0] = desc ? (uint8_t)~PREFIX_DATA : PREFIX_DATA;
		ks->key[1] = desc ? 0xff : 0x00;
		ks->cb = 2;
		ks->nseg = 1;
	}
	if (ks->nseg >= idx->nseg)
		return JET_errKeyIsMade;

	const struct key_segment *s = &idx->seg[ks->nseg];
	if (s->cb_fixed != 0 && cb_given > 0 && cb_given != s->cb_fixed) {
		/* a short value for a fixed text column is padded with spaces */
		if (s->coltyp == JET_coltypText && cb < s->cb_fixed && s->cb_fixed <= sizeof(padded)) {
			memcpy(padded, v, cb);
			for (size_t i = cb; i < s->cb_fixed; i++)
				padded[i] = s->codepage == KEY_CODEPAGE_UNICODE && (i & 1) ? 0x00 : ' ';
			v = padded;
			cb = s->cb_fixed;
		} else {
			return JET_errInvalidBufferSize;
		}
	}

	switch (grbit & JET_maskLimitOptions) {
	case JET_bitPartialColumnStartLimit:
	case JET_bitPartialColumnEndLimit:
		/* only text and variable binary have a delimiter to drop */
		if (!is_text(s->coltyp) && (s->cb_fixed != 0 || !is_binary(s->coltyp)))
			return JET_errInvalidGrbit;
		break;
	case 0:
	case JET_bitFullColumnStartLimit:
	case JET_bitFullColumnEndLimit:
		break;
	default:
		return JET_errInvalidGrbit;
	}

	if (!ks->too_big && ks->cb < cb_key_most) {
		int err = make_segment(ks, idx, ks->nseg, cb ? v : NULL, cb, grbit, seg, &cb_seg);
		if (err < 0)
			return err;
	}
	ks->nseg++;
	if (ks->cb + cb_seg > cb_key_most + 1)
		cb_seg = cb_key_most + 1 - ks->cb;
	memcpy(ks->key + ks->cb, seg, cb_seg);
	ks->cb += cb_seg;
	ks->prepared = true;
	return 0;
}
