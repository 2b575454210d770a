/*
 * Reading the current record: JetRetrieveColumn and JetRetrieveColumns,
 * with JET_RETINFO's itagSequence and ibLongValue.
 */
#include "dll.h"
#include "isam/cursor.h"

static JET_ERR retrieve(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
			void *pvData, unsigned long cbData, unsigned long *pcbActual,
			JET_GRBIT grbit, unsigned long itag, unsigned long ib)
{
	uint32_t actual = 0;
	JET_ERR err = sim_retrieve_column(sesid, tableid, columnid, pvData, pvData ? cbData : 0,
					  &actual, grbit, itag, ib);
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
