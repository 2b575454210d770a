/*
 * Reading the current record: JetRetrieveColumn and JetRetrieveColumns,
 * with JET_RETINFO's itagSequence and ibLongValue.
 */
#include "dll.h"
#include "isam/cursor.h"
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

static JET_ERR retrieve(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
			void *pvData, unsigned long cbData, unsigned long *pcbActual,
			JET_GRBIT grbit, unsigned long itag, unsigned long ib)
{
	uint32_t actual = 0;
	JET_ERR err = ISAM_KEY_NOT_EXACT;
	if (grbit & FROM_KEY)
		err = retrieve_from_key(sesid, tableid, columnid, pvData, cbData, &actual, grbit);
	if (err == ISAM_KEY_NOT_EXACT)
		err = sim_retrieve_column(sesid, tableid, columnid, pvData, pvData ? cbData : 0,
					  &actual, grbit & ~FROM_KEY, itag, ib);
	if (pcbActual && err >= 0)
		*pcbActual = actual;
	return err;
}

JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
				  void *pvData, unsigned long cbData, unsigned long *pcbActual,
				  JET_GRBIT grbit, JET_RETINFO *pretinfo)
{
	unsigned long itag = 1, ib = 0;
	if (pretinfo) {
		if (pretinfo->cbStruct < sizeof(JET_RETINFO))
			return JET_errInvalidParameter;
		itag = pretinfo->itagSequence;
		ib = pretinfo->ibLongValue;
		pretinfo->columnidNextTagged = 0;
	}
	return retrieve(sesid, tableid, columnid, pvData, cbData, pcbActual, grbit, itag, ib);
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
		} else {
			r->err = retrieve(sesid, tableid, r->columnid, r->pvData, r->cbData,
					  &r->cbActual, r->grbit, r->itagSequence, r->ibLongValue);
		}
		r->columnidNextTagged = 0;
		if (r->err < 0)
			return r->err;
	}
	return JET_errSuccess;
}
