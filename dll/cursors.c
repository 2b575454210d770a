/*
 * Moving a cursor: JetMove, bookmarks, and the current index
 * (JetSetCurrentIndex*, JetGetCurrentIndex*).
 */
#include <stdlib.h>

#include "dll.h"
#include "isam/cursor.h"
#include "strings.h"

JET_ERR JET_API JetMove(JET_SESID sesid, JET_TABLEID tableid, long cRow, JET_GRBIT grbit)
{
	return sim_move(sesid, tableid, (int32_t)cRow, grbit);
}

JET_ERR JET_API JetGetBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
			       unsigned long cbMax, unsigned long *pcbActual)
{
	uint32_t actual = 0;
	JET_ERR err = sim_get_bookmark(sesid, tableid, pvBookmark, pvBookmark ? cbMax : 0, &actual);
	if (pcbActual && (err >= 0 || err == JET_errBufferTooSmall))
		*pcbActual = actual;
	return err;
}

JET_ERR JET_API JetGotoBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
				unsigned long cbBookmark)
{
	return sim_goto_bookmark(sesid, tableid, pvBookmark, cbBookmark);
}

static JET_ERR set_index(JET_SESID sesid, JET_TABLEID tableid, const char *name,
			 JET_GRBIT grbit, JET_ERR conversion)
{
	return conversion ? conversion : sim_set_current_index(sesid, tableid, name, grbit);
}

#define SET_INDEX(suffix, ctype, convert)                                                   \
	JET_ERR JET_API JetSetCurrentIndex##suffix(JET_SESID sesid, JET_TABLEID tableid,     \
						   const ctype *szIndexName)                 \
	{                                                                                    \
		JET_ERR conv = JET_errSuccess, err;                                          \
		char *name = convert(szIndexName, &conv);                                    \
		err = set_index(sesid, tableid, name, 0, conv);                              \
		free(name);                                                                  \
		return err;                                                                  \
	}                                                                                    \
	JET_ERR JET_API JetSetCurrentIndex2##suffix(JET_SESID sesid, JET_TABLEID tableid,    \
						    const ctype *szIndexName, JET_GRBIT grbit) \
	{                                                                                    \
		JET_ERR conv = JET_errSuccess, err;                                          \
		char *name = convert(szIndexName, &conv);                                    \
		err = set_index(sesid, tableid, name, grbit, conv);                          \
		free(name);                                                                  \
		return err;                                                                  \
	}                                                                                    \
	JET_ERR JET_API JetSetCurrentIndex3##suffix(JET_SESID sesid, JET_TABLEID tableid,    \
						    const ctype *szIndexName, JET_GRBIT grbit, \
						    unsigned long itagSequence)              \
	{                                                                                    \
		JET_ERR conv = JET_errSuccess, err;                                          \
		char *name = convert(szIndexName, &conv);                                    \
		(void)itagSequence;                                                          \
		err = set_index(sesid, tableid, name, grbit, conv);                          \
		free(name);                                                                  \
		return err;                                                                  \
	}                                                                                    \
	JET_ERR JET_API JetSetCurrentIndex4##suffix(JET_SESID sesid, JET_TABLEID tableid,    \
						    const ctype *szIndexName,                \
						    JET_INDEXID *pindexid, JET_GRBIT grbit,  \
						    unsigned long itagSequence)              \
	{                                                                                    \
		JET_ERR conv = JET_errSuccess, err;                                          \
		char *name = convert(szIndexName, &conv);                                    \
		(void)pindexid;                                                              \
		(void)itagSequence;                                                          \
		err = set_index(sesid, tableid, name, grbit, conv);                          \
		free(name);                                                                  \
		return err;                                                                  \
	}

SET_INDEX(A, char, utf8_from_a)
SET_INDEX(W, WCHAR, utf8_from_w)

JET_ERR JET_API JetGetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PSTR szIndexName,
				    unsigned long cchIndexName)
{
	char *name;
	JET_ERR err = sim_get_current_index(sesid, tableid, &name);
	if (err)
		return err;
	err = szIndexName ? utf8_to_a_buffer(name, szIndexName, cchIndexName)
			  : JET_errInvalidParameter;
	free(name);
	return err;
}

JET_ERR JET_API JetGetCurrentIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PWSTR szIndexName,
				    unsigned long cchIndexName)
{
	char *name;
	JET_ERR err = sim_get_current_index(sesid, tableid, &name);
	if (err)
		return err;
	err = szIndexName ? utf8_to_w_buffer(name, szIndexName, cchIndexName * sizeof(WCHAR))
			  : JET_errInvalidParameter;
	free(name);
	return err;
}

/* stats.cxx, ErrIsamGetRecordPosition: the biggest structure the buffer
 * holds, JET_RECPOS or JET_RECPOS2 */
JET_ERR JET_API JetGetRecordPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos,
				     unsigned long cbRecpos)
{
	uint64_t lt = 0, total = 0;
	JET_ERR err;
	if (!precpos || cbRecpos < sizeof(JET_RECPOS))
		return sim_get_record_position(sesid, tableid, NULL, NULL);
	err = sim_get_record_position(sesid, tableid, &lt, &total);
	if (err < 0)
		return err;
	if (cbRecpos < sizeof(JET_RECPOS2)) {
		/* the 32-bit fields wrap, as they always have */
		precpos->cbStruct = sizeof(JET_RECPOS);
		precpos->centriesLT = (unsigned long)lt;
		precpos->centriesTotal = (unsigned long)total;
		precpos->centriesInRange = 1;
	} else {
		JET_RECPOS2 *p2 = (JET_RECPOS2 *)precpos;
		p2->cbStruct = sizeof(JET_RECPOS2);
		p2->centriesLTDeprecated = (unsigned long)lt;
		p2->centriesTotalDeprecated = (unsigned long)total;
		p2->centriesInRangeDeprecated = 1;
		p2->centriesLT = lt;
		p2->centriesTotal = total;
	}
	return err;
}

/* rec.cxx, ErrIsamGotoPosition: a JET_RECPOS, or a JET_RECPOS2 whose
 * 32-bit fields are zero */
JET_ERR JET_API JetGotoPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos)
{
	uint64_t lt, total;
	if (!precpos)
		return sim_get_record_position(sesid, tableid, NULL, NULL);
	if (precpos->cbStruct == sizeof(JET_RECPOS)) {
		lt = precpos->centriesLT;
		total = precpos->centriesTotal;
	} else if (precpos->cbStruct == sizeof(JET_RECPOS2)) {
		const JET_RECPOS2 *p2 = (const JET_RECPOS2 *)precpos;
		if (p2->centriesLTDeprecated || p2->centriesTotalDeprecated)
			return sim_get_record_position(sesid, tableid, NULL, NULL);
		lt = p2->centriesLT;
		total = p2->centriesTotal;
	} else {
		return sim_get_record_position(sesid, tableid, NULL, NULL);
	}
	if (lt > total)
		return sim_get_record_position(sesid, tableid, NULL, NULL);
	return sim_goto_position(sesid, tableid, lt, total);
}
