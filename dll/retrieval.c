/*
 * Reading the current record: JetRetrieveColumn and JetRetrieveColumns
 * (JET_RETINFO's itagSequence and ibLongValue, the retrieve grbits),
 * JetEnumerateColumns, JetRetrieveTaggedColumnList, JetGetRecordSize(2/3).
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "isam/cursor.h"
#include "isam/enumerate.h"
#include "isam/index_key.h"
#include "isam/seek.h"

#define FROM_KEY (JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark)

/* fldext.cxx ErrRECIRetrieveFromIndex: a key column's value from the
 * current index entry's key (or the primary bookmark's); text, and keys
 * that do not hold a value exactly, are read from the record. */
static JET_ERR retrieve_from_key(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
				 void *pvData, unsigned long cbData, uint32_t *actual,
				 JET_GRBIT grbit)
{
	if ((grbit & FROM_KEY) == FROM_KEY)
		return JET_errInvalidGrbit;
	return sim_retrieve_from_index(sesid, tableid, columnid, pvData, pvData ? cbData : 0, actual,
				       (grbit & JET_bitRetrieveFromPrimaryBookmark) != 0);
}

/* fldext.cxx, ErrIsamRetrieveColumn: the grbits the engine keeps for itself */
#define RETRIEVE_INTERNAL_GRBITS 0xf0000000u
/* the grbits that look at how a value is stored, and columnid 0 */
#define RETRIEVE_STORED_GRBITS                                                               \
	(JET_bitRetrieveLongId | JET_bitRetrieveLongValueRefCount | JET_bitRetrievePhysicalSize | \
	 JET_bitRetrievePrereadOnly | JET_bitRetrievePrereadMany | JET_bitRetrievePageNumber |   \
	 JET_bitRetrieveAsRefIfNotInRecord | JET_bitRetrieveCopyIntrinsic)

/* *columnid: 0 asks for the itag-th tagged value of the record, and gets
 * the column it belongs to. */
static JET_ERR retrieve(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID *columnid,
			void *pvData, unsigned long cbData, unsigned long *pcbActual,
			JET_GRBIT grbit, unsigned long itag, unsigned long ib)
{
	uint32_t actual = 0, id = *columnid, tag = itag;
	JET_ERR err = ISAM_KEY_NOT_EXACT;
	/* ErrIsamRetrieveColumn's checks of the grbits, in its order */
	if (grbit & RETRIEVE_INTERNAL_GRBITS)
		return JET_errInvalidGrbit;
	if ((grbit & JET_bitRetrievePageNumber) && grbit != JET_bitRetrievePageNumber)
		return JET_errInvalidGrbit;
	if ((grbit & JET_bitRetrieveCopyIntrinsic) && grbit != JET_bitRetrieveCopyIntrinsic)
		return JET_errInvalidGrbit;
	if (grbit & JET_bitRetrievePhysicalSize) {
		if (grbit & ~(JET_bitRetrievePhysicalSize | JET_bitRetrieveCopy))
			return JET_errInvalidGrbit;
		if (cbData || !pcbActual || ib)
			return JET_errInvalidParameter;
	}
	if ((grbit & JET_bitRetrieveTuple) && !(grbit & JET_bitRetrieveFromIndex))
		return JET_errInvalidGrbit;
	if (grbit & FROM_KEY)
		err = retrieve_from_key(sesid, tableid, id, pvData, cbData, &actual, grbit);
	if (err == ISAM_KEY_NOT_EXACT) {
		/* not in the key as it is: from the record */
		grbit &= ~FROM_KEY;
		if (id == 0 || (grbit & RETRIEVE_STORED_GRBITS))
			err = sim_retrieve_stored(sesid, tableid, &id, pvData, pvData ? cbData : 0,
						  &actual, grbit, &tag, ib);
		else
			err = sim_retrieve_column(sesid, tableid, id, pvData, pvData ? cbData : 0,
						  &actual, grbit, itag, ib);
	}
	/* ErrIsamRetrieveColumn sets cbActual to 4 before JET_bitRetrieveCopyIntrinsic
	 * learns that no update is prepared */
	if (pcbActual && (err >= 0 || err == JET_errBufferTooSmall ||
			  err == JET_errUpdateNotPrepared))
		*pcbActual = actual;
	*columnid = id;
	return err;
}

JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
				  void *pvData, unsigned long cbData, unsigned long *pcbActual,
				  JET_GRBIT grbit, JET_RETINFO *pretinfo)
{
	unsigned long itag = 1, ib = 0;
	JET_ERR err;
	if (pretinfo) {
		if (pretinfo->cbStruct < sizeof(JET_RETINFO))
			return JET_errInvalidParameter;
		itag = pretinfo->itagSequence;
		ib = pretinfo->ibLongValue;
	}
	err = retrieve(sesid, tableid, &columnid, pvData, cbData, pcbActual, grbit, itag, ib);
	/* the column the value came from (columnid 0 scans the tagged ones) */
	if (pretinfo && err >= 0)
		pretinfo->columnidNextTagged = columnid;
	return err;
}

JET_ERR JET_API JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid,
				   JET_RETRIEVECOLUMN *pretrievecolumn,
				   unsigned long cretrievecolumn)
{
	unsigned long i;
	if (!pretrievecolumn && cretrievecolumn)
		return JET_errInvalidParameter;
	for (i = 0; i < cretrievecolumn; i++) {
		JET_RETRIEVECOLUMN *r = &pretrievecolumn[i];
		if (r->itagSequence == 0) {
			/* itagSequence 0 asks how many values there are */
			uint32_t n = 0;
			r->err = sim_count_values(sesid, tableid, r->columnid, &n);
			if (r->err >= 0)
				r->itagSequence = n;
			r->columnidNextTagged = 0;
		} else {
			JET_COLUMNID id = r->columnid;
			r->err = retrieve(sesid, tableid, &id, r->pvData, r->cbData, &r->cbActual,
					  r->grbit, r->itagSequence, r->ibLongValue);
			r->columnidNextTagged = r->err >= 0 ? id : 0;
		}
		if (r->err < 0)
			return r->err;
	}
	return JET_errSuccess;
}

/* --- JetEnumerateColumns: the engine's list, copied into memory the
 * caller's allocator gives (every block through pfnRealloc, as ESE's). */

static void enum_release(JET_ENUMCOLUMN_SDK *cols, unsigned long n, JET_PFNREALLOC pfn,
			 void *ctx)
{
	unsigned long i, j;
	if (!cols)
		return;
	for (i = 0; i < n; i++) {
		if (cols[i].err == JET_wrnColumnSingleValue) {
			if (cols[i].pvData)
				pfn(ctx, cols[i].pvData, 0);
			continue;
		}
		for (j = 0; cols[i].rgEnumColumnValue && j < cols[i].cEnumColumnValue; j++)
			if (cols[i].rgEnumColumnValue[j].pvData)
				pfn(ctx, cols[i].rgEnumColumnValue[j].pvData, 0);
		if (cols[i].rgEnumColumnValue)
			pfn(ctx, cols[i].rgEnumColumnValue, 0);
	}
	pfn(ctx, cols, 0);
}

static void *enum_copy(JET_PFNREALLOC pfn, void *ctx, const void *data, unsigned long cb,
		       int *failed)
{
	void *p;
	if (!cb)
		return NULL;
	if (!(p = pfn(ctx, NULL, cb))) {
		*failed = 1;
		return NULL;
	}
	memcpy(p, data, cb);
	return p;
}

static JET_ERR enum_output(const struct isam_enum_column *src, uint32_t n, JET_PFNREALLOC pfn,
			   void *ctx, JET_ENUMCOLUMN_SDK **out)
{
	JET_ENUMCOLUMN_SDK *cols;
	uint32_t i, j;
	int failed = 0;
	*out = NULL;
	if (n == 0)
		return JET_errSuccess;
	if (!(cols = pfn(ctx, NULL, n * sizeof(*cols))))
		return JET_errOutOfMemory;
	memset(cols, 0, n * sizeof(*cols));
	for (i = 0; i < n && !failed; i++) {
		cols[i].columnid = src[i].columnid;
		cols[i].err = src[i].err;
		if (src[i].err == JET_wrnColumnSingleValue) {
			cols[i].cbData = src[i].cb;
			cols[i].pvData = enum_copy(pfn, ctx, src[i].data, src[i].cb, &failed);
			continue;
		}
		if (!src[i].nvalues)
			continue;
		cols[i].rgEnumColumnValue =
			pfn(ctx, NULL, src[i].nvalues * sizeof(JET_ENUMCOLUMNVALUE));
		if (!cols[i].rgEnumColumnValue) {
			failed = 1;
			break;
		}
		memset(cols[i].rgEnumColumnValue, 0, src[i].nvalues * sizeof(JET_ENUMCOLUMNVALUE));
		cols[i].cEnumColumnValue = src[i].nvalues;
		for (j = 0; j < src[i].nvalues && !failed; j++) {
			JET_ENUMCOLUMNVALUE *v = &cols[i].rgEnumColumnValue[j];
			v->itagSequence = src[i].values[j].itag;
			v->err = src[i].values[j].err;
			v->cbData = src[i].values[j].cb;
			v->pvData = enum_copy(pfn, ctx, src[i].values[j].data, v->cbData, &failed);
		}
	}
	if (failed) {
		enum_release(cols, n, pfn, ctx);
		return JET_errOutOfMemory;
	}
	*out = cols;
	return JET_errSuccess;
}

JET_ERR JET_API JetEnumerateColumns(JET_SESID sesid, JET_TABLEID tableid,
				    unsigned long cEnumColumnId, JET_ENUMCOLUMNID *rgEnumColumnId,
				    unsigned long *pcEnumColumn, JET_ENUMCOLUMN **prgEnumColumn,
				    JET_PFNREALLOC pfnRealloc, void *pvReallocContext,
				    unsigned long cbDataMost, JET_GRBIT grbit)
{
	struct isam_enum_request *req = NULL;
	struct isam_enum_column *cols = NULL;
	JET_ENUMCOLUMN_SDK *out;
	uint32_t n = 0;
	unsigned long i;
	JET_ERR err, copied;
	if (!pcEnumColumn || !prgEnumColumn || !pfnRealloc)
		return sim_enumerate_columns(sesid, tableid, NULL, 0, 0, 0, NULL, NULL);
	*pcEnumColumn = 0;
	*prgEnumColumn = NULL;
	if (cEnumColumnId && rgEnumColumnId) {
		if (!(req = calloc(cEnumColumnId, sizeof(*req))))
			return JET_errOutOfMemory;
		for (i = 0; i < cEnumColumnId; i++) {
			req[i].columnid = rgEnumColumnId[i].columnid;
			req[i].ntags = rgEnumColumnId[i].ctagSequence;
			req[i].tags = (const uint32_t *)rgEnumColumnId[i].rgtagSequence;
		}
	}
	err = sim_enumerate_columns(sesid, tableid, req, cEnumColumnId, cbDataMost, grbit, &cols,
				    &n);
	free(req);
	if (err < 0 && !cols)
		return err;
	copied = enum_output(cols, n, pfnRealloc, pvReallocContext, &out);
	isam_enum_free(cols, n);
	if (copied < 0)
		return copied;
	*pcEnumColumn = n;
	*prgEnumColumn = (JET_ENUMCOLUMN *)out;
	return err;
}

JET_ERR JET_API JetRetrieveTaggedColumnList(JET_SESID sesid, JET_TABLEID tableid,
					    unsigned long *pcColumns, void *pvData,
					    unsigned long cbData, JET_COLUMNID columnidStart,
					    JET_GRBIT grbit)
{
	uint32_t max = cbData / sizeof(JET_RETRIEVEMULTIVALUECOUNT), count = 0, i;
	struct isam_tagged_info *list = NULL;
	JET_ERR err;
	if (!pcColumns)
		return sim_tagged_column_list(sesid, tableid, columnidStart, grbit, NULL, 0, NULL);
	if (pvData && max && !(list = calloc(max, sizeof(*list))))
		return JET_errOutOfMemory;
	err = sim_tagged_column_list(sesid, tableid, columnidStart, grbit, list, max, &count);
	if (err >= 0) {
		JET_RETRIEVEMULTIVALUECOUNT *out = pvData;
		for (i = 0; list && i < count && i < max; i++) {
			out[i].columnid = list[i].columnid;
			out[i].cMultiValues = list[i].count;
			out[i].usFlags = list[i].flags;
		}
		*pcColumns = count;
	}
	free(list);
	return err;
}

/* jetapi.cxx: JetGetRecordSize and JetGetRecordSize2 are JetGetRecordSize3
 * on the leading part of its structure. */
static JET_ERR record_size(JET_SESID sesid, JET_TABLEID tableid, void *precsize, size_t cb,
			   JET_GRBIT grbit)
{
	struct isam_record_size size;
	JET_ERR err;
	if (grbit & ~(JET_GRBIT)(JET_bitRecordSizeInCopyBuffer | JET_bitRecordSizeRunningTotal |
				 JET_bitRecordSizeLocal | JET_bitRecordSizeIntrinsicPhysicalOnly |
				 JET_bitRecordSizeExtrinsicLogicalOnly))
		return JET_errInvalidGrbit;
	if (!precsize)
		return sim_get_record_size(sesid, tableid, grbit, NULL);
	memset(&size, 0, sizeof(size));
	if (grbit & JET_bitRecordSizeRunningTotal)
		memcpy(&size, precsize, cb);
	err = sim_get_record_size(sesid, tableid, grbit, &size);
	if (err >= 0)
		memcpy(precsize, &size, cb);
	return err;
}

JET_ERR JET_API JetGetRecordSize(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE *precsize,
				 const JET_GRBIT grbit)
{
	return record_size(sesid, tableid, precsize, sizeof(JET_RECSIZE), grbit);
}

JET_ERR JET_API JetGetRecordSize2(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE2 *precsize,
				  const JET_GRBIT grbit)
{
	return record_size(sesid, tableid, precsize, sizeof(JET_RECSIZE2), grbit);
}

JET_ERR JET_API JetGetRecordSize3(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE3 *precsize,
				  const JET_GRBIT grbit)
{
	return record_size(sesid, tableid, precsize, sizeof(JET_RECSIZE3), grbit);
}
