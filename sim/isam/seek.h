/*
 * Keys on an open table (ESE's fldnorm.cxx ErrIsamMakeKey and
 * ErrIsamRetrieveKey, rec.cxx ErrIsamSeek, ErrIsamSetIndexRange,
 * ErrIsamGotoIndexBookmark, ErrIsamPrereadKeys, dir.cxx
 * ErrDIRIndexRecordCount): the search key made for the current index,
 * seeks on it, index ranges, index bookmarks, counts.
 */
#ifndef SIM_ISAM_SEEK_H
#define SIM_ISAM_SEEK_H

#include <stdint.h>

/* JetMakeKey: 0, or key_make's errors (JET_errKeyNotMade, ...). */
int sim_make_key(uintptr_t sesid, uintptr_t tableid, const void *data, uint32_t cb,
		 uint32_t grbit);
/* JetSeek: 0, JET_wrnSeekNotEqual, JET_wrnUniqueKey, JET_errRecordNotFound,
 * JET_errKeyNotMade, JET_errInvalidParameter (no seek grbit). */
int sim_seek(uintptr_t sesid, uintptr_t tableid, uint32_t grbit);
/* JetSetIndexRange: with the search key as the limit; JET_errKeyNotMade,
 * JET_errNoCurrentRecord, JET_errInvalidOperation (remove without one). */
int sim_set_index_range(uintptr_t sesid, uintptr_t tableid, uint32_t grbit);
/* JetRetrieveKey: the current entry's key, or (JET_bitRetrieveCopy) the
 * search key; JET_wrnBufferTruncated when cb is short. */
int sim_retrieve_key(uintptr_t sesid, uintptr_t tableid, void *buf, uint32_t cb,
		     uint32_t *actual, uint32_t grbit);
/* JetIndexRecordCount: entries from the current one on, to the range's
 * limit or the end, at most max (0: no limit); the cursor stays. */
int sim_index_record_count(uintptr_t sesid, uintptr_t tableid, uint64_t *count, uint64_t max);
/* JetGetSecondaryIndexBookmark: JET_errNoCurrentIndex on the primary
 * index, JET_errBufferTooSmall. */
int sim_get_index_bookmark(uintptr_t sesid, uintptr_t tableid, void *key, uint32_t cb_key,
			   uint32_t *actual_key, void *bm, uint32_t cb_bm, uint32_t *actual_bm);
/* JetGotoSecondaryIndexBookmark: JET_errInvalidBookmark,
 * JET_errRecordDeleted (JET_bitBookmarkPermitVirtualCurrency: positioned
 * before where it would be, 0). */
int sim_goto_index_bookmark(uintptr_t sesid, uintptr_t tableid, const void *key,
			    uint32_t cb_key, const void *bm, uint32_t cb_bm, uint32_t grbit);
/* JetPrereadKeys: checks the keys' order; *done gets how many. */
int sim_preread_keys(uintptr_t sesid, uintptr_t tableid, const void *const *keys,
		     const uint32_t *cbs, int32_t n, int32_t *done, uint32_t grbit);
/* JetRetrieveColumn with JET_bitRetrieveFromIndex (primary: with
 * JET_bitRetrieveFromPrimaryBookmark): the key column's value from the
 * current entry's key; JET_errColumnNotFound when the column is not in the
 * index; ISAM_KEY_NOT_EXACT (index_key.h) when the caller must read the
 * record instead. */
int sim_retrieve_from_index(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, void *buf,
			    uint32_t cb, uint32_t *actual, int primary);

/* JetIntersectIndexes (rec.cxx ErrIsamIntersectIndexes): the primary
 * bookmarks found from the current entry to the range's limit (or the
 * end) of every cursor's secondary index, all cursors on one table and
 * each on another index; the bookmarks in all of them, once each, in a
 * temporary table of one binary key column.  Each cursor ends past its
 * range, the range spent.  *out is written only once the ranges passed
 * their checks (touched set); after a later error its tableid is 0. */
struct intersect_range {
	uintptr_t tableid;
	uint32_t grbit;
	int sized;                   /* JET_INDEXRANGE's cbStruct is right */
};
struct intersect_result {
	uintptr_t tableid;
	uint32_t rows, columnid;
	int touched;
};
int sim_intersect_indexes(uintptr_t sesid, const struct intersect_range *ranges, unsigned n,
			  struct intersect_result *out);

#endif
