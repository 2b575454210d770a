/*
 * Keys: JetMakeKey, JetSeek, JetSetIndexRange, JetRetrieveKey, the
 * secondary index bookmarks, JetIndexRecordCount(2), JetPrereadKeys,
 * JetIntersectIndexes.
 */
#include "dll.h"
#include "isam/seek.h"

JET_ERR JET_API JetMakeKey(JET_SESID sesid, JET_TABLEID tableid, const void *pvData,
			   unsigned long cbData, JET_GRBIT grbit)
{
	return sim_make_key(sesid, tableid, pvData, cbData, grbit);
}

JET_ERR JET_API JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
	return sim_seek(sesid, tableid, grbit);
}

JET_ERR JET_API JetSetIndexRange(JET_SESID sesid, JET_TABLEID tableidSrc, JET_GRBIT grbit)
{
	return sim_set_index_range(sesid, tableidSrc, grbit);
}

JET_ERR JET_API JetRetrieveKey(JET_SESID sesid, JET_TABLEID tableid, void *pvData,
			       unsigned long cbMax, unsigned long *pcbActual, JET_GRBIT grbit)
{
	uint32_t actual = 0;
	JET_ERR err = sim_retrieve_key(sesid, tableid, pvData, pvData ? cbMax : 0, &actual, grbit);
	if (pcbActual && err >= 0)
		*pcbActual = actual;
	return err;
}

JET_ERR JET_API JetGetSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid,
					     void *pvSecondaryKey, unsigned long cbSecondaryKeyMax,
					     unsigned long *pcbSecondaryKeyActual,
					     void *pvPrimaryBookmark,
					     unsigned long cbPrimaryBookmarkMax,
					     unsigned long *pcbPrimaryKeyActual, const JET_GRBIT grbit)
{
	uint32_t cb_key = 0, cb_bm = 0;
	JET_ERR err = sim_get_index_bookmark(sesid, tableid, pvSecondaryKey,
					     pvSecondaryKey ? cbSecondaryKeyMax : 0, &cb_key,
					     pvPrimaryBookmark,
					     pvPrimaryBookmark ? cbPrimaryBookmarkMax : 0, &cb_bm);
	(void)grbit;
	if (err >= 0 || err == JET_errBufferTooSmall) {
		if (pcbSecondaryKeyActual)
			*pcbSecondaryKeyActual = cb_key;
		if (pcbPrimaryKeyActual)
			*pcbPrimaryKeyActual = cb_bm;
	}
	return err;
}

JET_ERR JET_API JetGotoSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid,
					      void *pvSecondaryKey, unsigned long cbSecondaryKey,
					      void *pvPrimaryBookmark, unsigned long cbPrimaryBookmark,
					      const JET_GRBIT grbit)
{
	return sim_goto_index_bookmark(sesid, tableid, pvSecondaryKey, cbSecondaryKey,
				       pvPrimaryBookmark, cbPrimaryBookmark, grbit);
}

JET_ERR JET_API JetIndexRecordCount2(JET_SESID sesid, JET_TABLEID tableid,
				     unsigned long long *pcrec, unsigned long long crecMax)
{
	uint64_t n = 0;
	JET_ERR err;
	if (!pcrec)
		return JET_errInvalidParameter;
	err = sim_index_record_count(sesid, tableid, &n, crecMax);
	*pcrec = n;
	return err;
}

/* jetapi.cxx JetIndexRecordCountEx32Bit: a count past 32 bits is cut. */
JET_ERR JET_API JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid, unsigned long *pcrec,
				    unsigned long crecMax)
{
	unsigned long long n = 0;
	JET_ERR err;
	if (!pcrec)
		return JET_errInvalidParameter;
	*pcrec = 0;
	err = JetIndexRecordCount2(sesid, tableid, &n, crecMax);
	*pcrec = n > 0xffffffffu ? 0xffffffffu : (unsigned long)n;
	return err;
}

JET_ERR JET_API JetPrereadKeys(JET_SESID sesid, JET_TABLEID tableid, const void **rgpvKeys,
			       const unsigned long *rgcbKeys, long ckeys, long *pckeysPreread,
			       JET_GRBIT grbit)
{
	int32_t done = 0;
	JET_ERR err;
	/* unsigned long and uint32_t are one type on Windows (LLP64) */
	_Static_assert(sizeof(unsigned long) == sizeof(uint32_t), "LLP64");
	err = sim_preread_keys(sesid, tableid, (const void *const *)rgpvKeys,
			       (const uint32_t *)rgcbKeys, ckeys, &done, grbit);
	if (pckeysPreread)
		*pckeysPreread = done;
	return err;
}

/* rec.cxx ErrIsamIntersectIndexes: the session, the record list and the
 * count, then range by range (ErrRECICheckIndexrangesForUniqueness); the
 * record list is written once the ranges passed. */
JET_ERR JET_API JetIntersectIndexes(JET_SESID sesid, JET_INDEXRANGE *rgindexrange,
				    unsigned long cindexrange, JET_RECORDLIST *precordlist,
				    JET_GRBIT grbit)
{
	struct intersect_range ranges[64];
	struct intersect_result out = { 0 };
	unsigned long i, n = cindexrange <= 64 && rgindexrange ? cindexrange : 0;
	JET_ERR err;
	(void)grbit;
	for (i = 0; i < n; i++) {
		ranges[i].tableid = rgindexrange[i].tableid;
		ranges[i].grbit = rgindexrange[i].grbit;
		ranges[i].sized = rgindexrange[i].cbStruct == sizeof(JET_INDEXRANGE);
	}
	if (precordlist && precordlist->cbStruct != sizeof(JET_RECORDLIST))
		precordlist = NULL;   /* refused as a missing one is */
	err = sim_intersect_indexes(sesid, n ? ranges : NULL, cindexrange, precordlist ? &out : NULL);
	if (out.touched) {
		precordlist->tableid = out.tableid ? out.tableid : JET_tableidNil;
		precordlist->cRecord = out.rows;
		precordlist->columnidBookmark = out.columnid;
	}
	return err;
}
