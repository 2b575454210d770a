/*
 * Normalised keys (ESE's fldnorm.cxx): the byte strings an index stores and
 * compares with memcmp.  Each column value becomes one key segment, a prefix
 * byte (null, zero-length or data) followed by the value in a form whose
 * byte order is the value order; a descending segment is complemented.
 *
 * Two builders over the same segment rules:
 *  - key_from_values(): the key of an index entry, from one value per key
 *    column (ErrRECIRetrieveKey); what Windows stored in the index;
 *  - key_make(): JetMakeKey's accumulation of search-key segments with its
 *    grbits (ErrIsamMakeKey, ErrFLDNormalizeSegment).
 * Both take the index as a plain description the catalog reader fills.
 */
#ifndef SIM_ISAM_KEY_NORMALISE_H
#define SIM_ISAM_KEY_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEY_SEGMENTS_MOST 16     /* JET_ccolKeyMost */
#define KEY_CB_MOST_LEGACY 255   /* JET_cbKeyMost_OLD: indexes without JET_bitIndexKeyMost */
#define KEY_CB_MOST_MOST 2000    /* JET_cbKeyMostMost */
/* A search key may hold one byte more than cb_key_most: the limit byte
 * (KEY::CbLimitKeyMost). */
#define KEY_CB_LIMIT_MOST (KEY_CB_MOST_MOST + 1)

#define KEY_CODEPAGE_UNICODE 1200

/* The engine's internal warnings of key extraction (jethdr.w). */
#define KEY_WRN_KEY_TOO_BIG 400       /* wrnFLDKeyTooBig */
#define KEY_WRN_NULL_KEY 402          /* wrnFLDNullKey: every segment null */
#define KEY_WRN_NULL_SEG 404          /* wrnFLDNullSeg */
#define KEY_WRN_NULL_FIRST_SEG 422    /* wrnFLDNullFirstSeg */

struct key_index;

/*
 * The sort key of Unicode text (LCMapStringEx with the index's locale and
 * LCMAP_SORTKEY flags, as os/norm.cxx ErrNORMMapString calls it): writes at
 * most cb_out bytes of the sort key (its 0x00 terminator included) and sets
 * *cb_key to the whole key's length.  The text is cch UTF-16LE characters,
 * unaligned.  Returns 0 or a JET_err code.  When none is set, Unicode text
 * takes the portable mapper of Windows' sorting weights (sort_key.h) with
 * the index's lcmap_flags and lcid.
 */
typedef int (*key_sort_key_fn)(void *ctx, const struct key_index *idx,
			       const uint8_t *utf16le, size_t cch,
			       uint8_t *out, size_t cb_out, size_t *cb_key);

struct key_segment {
	uint32_t coltyp;       /* JET_coltyp* */
	uint32_t codepage;     /* text columns: 1200 Unicode, else ASCII (1252, 20127) */
	uint32_t cb_fixed;     /* a fixed column's size (fid 1-127); 0 for variable and tagged */
	bool descending;
};

struct key_index {
	struct key_segment seg[KEY_SEGMENTS_MOST];
	unsigned nseg;                /* 0: the sequential index (no primary key) */
	uint32_t cb_key_most;         /* 255 unless JET_bitIndexKeyMost */
	uint32_t cb_var_seg_mac;      /* 0 or cb_key_most: no per-segment limit */
	bool sort_nulls_high;         /* JET_bitIndexSortNullsHigh */
	bool dotnet_guid;             /* JET_bitIndexDotNetGuid */
	bool disallow_truncation;     /* JET_bitIndexDisallowTruncation */
	bool placeholder;             /* first segment is a primary-index placeholder column */
	bool tuples;                  /* JET_bitIndexTuples */
	uint32_t tuple_cch_min, tuple_cch_max;
	uint32_t lcmap_flags;         /* LCMapString flags of Unicode segments */
	uint32_t lcid;                /* and the locale */
	key_sort_key_fn sort_key;
	void *sort_key_ctx;
};

/* One key column's value as the record holds it (little-endian numbers,
 * text as stored); data may be NULL when null or cb is 0. */
struct key_value {
	const void *data;
	size_t cb;
	bool null;
};

/*
 * The key of an index entry whose key columns hold these values (values[i]
 * for idx->seg[i]; a multi-valued column's one value for this entry).
 * key has room for idx->cb_key_most bytes.  Returns 0, KEY_WRN_NULL_KEY,
 * KEY_WRN_NULL_FIRST_SEG or KEY_WRN_NULL_SEG (the caller's index flags
 * decide whether such an entry exists), or JET_errKeyTruncated (disallowed
 * truncation), JET_errFeatureNotAvailable (Unicode without a sort key),
 * JET_errInvalidBufferSize (a fixed-size type of the wrong size),
 * JET_errInvalidParameter.
 */
int key_from_values(const struct key_index *idx, const struct key_value *values,
		    uint8_t *key, size_t *cb_key);

/* A search key under construction (the cursor's dataSearchKey). */
struct key_search {
	uint8_t key[KEY_CB_LIMIT_MOST];
	size_t cb;
	unsigned nseg;      /* segments given (cColumnsInSearchKey) */
	bool prepared;      /* KSPrepared: a key is made */
	bool limit;         /* KSLimit: a limit grbit closed it */
	bool too_big;       /* KSTooBig: a segment was truncated; later ones add nothing */
};

void key_search_reset(struct key_search *ks);

/*
 * JetMakeKey's step: adds one segment (or, with JET_bitNormalizedKey, sets
 * the whole key) to ks for index idx, following ErrIsamMakeKey.  data is
 * in the caller's form (numbers little-endian, as on every ESENT machine).
 * Returns 0 or JET_errKeyNotMade, JET_errKeyIsMade, JET_errInvalidGrbit,
 * JET_errInvalidBufferSize, JET_errInvalidParameter, JET_errNoCurrentIndex,
 * JET_errIndexTuplesKeyTooSmall, JET_errFeatureNotAvailable.
 */
int key_make(struct key_search *ks, const struct key_index *idx,
	     const void *data, size_t cb, uint32_t grbit);

#endif
