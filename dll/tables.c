/*
 * JetOpenTable* and JetCloseTable: a cursor on a table of an open
 * database (sim/isam/cursor.c).  Tables are read only for now: the engine
 * opens them whatever the grbit asks.  JetDupCursor, the sequential hint,
 * and JetGetTableInfo* (sim/isam/table_info.c, the levels of info.cxx's
 * ErrIsamGetTableInfo).
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "isam/cursor.h"
#include "isam/table_info.h"
#include "strings.h"

static JET_ERR open_table(JET_SESID sesid, JET_DBID dbid, const char *name, JET_GRBIT grbit,
			  JET_TABLEID *ptableid, JET_ERR conversion)
{
	uintptr_t tableid;
	JET_ERR err;
	if (conversion)
		return conversion;
	err = sim_open_table(sesid, dbid, name, grbit, ptableid ? &tableid : NULL);
	if (err >= 0)
		*ptableid = tableid;
	return err;
}

JET_ERR JET_API JetOpenTableA(JET_SESID sesid, JET_DBID dbid, const char *szTableName,
			      const void *pvParameters, unsigned long cbParameters, JET_GRBIT grbit,
			      JET_TABLEID *ptableid)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = utf8_from_a(szTableName, &conv);
	(void)pvParameters;
	(void)cbParameters;
	err = open_table(sesid, dbid, name, grbit, ptableid, conv);
	free(name);
	return err;
}

JET_ERR JET_API JetOpenTableW(JET_SESID sesid, JET_DBID dbid, const WCHAR *szTableName,
			      const void *pvParameters, unsigned long cbParameters, JET_GRBIT grbit,
			      JET_TABLEID *ptableid)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = utf8_from_w(szTableName, &conv);
	(void)pvParameters;
	(void)cbParameters;
	err = open_table(sesid, dbid, name, grbit, ptableid, conv);
	free(name);
	return err;
}

JET_ERR JET_API JetCloseTable(JET_SESID sesid, JET_TABLEID tableid)
{
	return sim_close_table(sesid, tableid);
}

JET_ERR JET_API JetDupCursor(JET_SESID sesid, JET_TABLEID tableid, JET_TABLEID *ptableid,
			     JET_GRBIT grbit)
{
	uintptr_t dup;
	JET_ERR err = sim_dup_cursor(sesid, tableid, grbit, ptableid ? &dup : NULL);
	if (err >= 0)
		*ptableid = dup;
	return err;
}

JET_ERR JET_API JetSetTableSequential(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
	return sim_set_sequential(sesid, tableid, grbit, 1);
}

JET_ERR JET_API JetResetTableSequential(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
	return sim_set_sequential(sesid, tableid, grbit, 0);
}

static JET_ERR put_name(const char *name, void *pv, unsigned long cbMax, int wide)
{
	return wide ? utf8_to_w_buffer(name, pv, cbMax) : utf8_to_a_buffer(name, pv, cbMax);
}

static JET_ERR put_ulong(unsigned long value, void *pv, unsigned long cbMax)
{
	if (cbMax < sizeof(unsigned long))
		return JET_errBufferTooSmall;
	*(unsigned long *)pv = value;
	return JET_errSuccess;
}

/* The space levels: sim/isam/table_info.c lays them out as info.cxx */
static JET_ERR table_space(JET_SESID sesid, JET_TABLEID tableid, void *pv, unsigned long cbMax,
			   unsigned long level)
{
	unsigned space;
	int temporary;
	switch (level) {
	case JET_TblInfoSpaceUsage:
		space = ISAM_SPACE_USAGE;
		break;
	case JET_TblInfoSpaceOwned:
		space = ISAM_SPACE_OWNED;
		break;
	case JET_TblInfoSpaceAvailable:
		space = ISAM_SPACE_AVAILABLE;
		break;
	case JET_TblInfoSpaceOwnedLV:
		space = ISAM_SPACE_OWNED_LV;
		break;
	default:
		space = ISAM_SPACE_AVAILABLE_LV;
		break;
	}
	return sim_table_space(sesid, tableid, space, pv, cbMax, &temporary);
}

static JET_ERR get_table_info(JET_SESID sesid, JET_TABLEID tableid, void *pv,
			      unsigned long cbMax, unsigned long level, int wide)
{
	struct isam_table_info ti;
	int temporary = 0;
	JET_ERR err;
	switch (level) {
	case JET_TblInfo:
	case JET_TblInfoName:
	case JET_TblInfoDbid:
	case JET_TblInfoTemplateTableName:
	case JET_TblInfoSpaceAlloc:
	case JET_TblInfoLVChunkMax:
	case JET_TblInfoObjectId:
	case JET_TblInfoEncryptionKey:
		break;
	case JET_TblInfoSpaceUsage:
	case JET_TblInfoSpaceOwned:
	case JET_TblInfoSpaceAvailable:
	case JET_TblInfoSpaceOwnedLV:
	case JET_TblInfoSpaceAvailableLV:
		return table_space(sesid, tableid, pv, cbMax, level);
	case JET_TblInfoRetrieveAndReserveAutoIncrement:
		return sim_table_autoinc(sesid, tableid, pv, cbMax);
	default:
		/* the levels the engine does not answer either */
		return JET_errFeatureNotAvailable;
	}
	if (!pv && level != JET_TblInfoEncryptionKey)
		return JET_errInvalidParameter;
	err = sim_table_info(sesid, tableid, &ti, &temporary);
	if (temporary)
		return level == JET_TblInfo ? JET_errObjectNotFound : JET_errInvalidOperation;
	if (err < 0)
		return err;
	switch (level) {
	case JET_TblInfo: {
		JET_OBJECTINFO *o = pv;
		if (cbMax < sizeof(*o)) {
			err = JET_errBufferTooSmall;
			break;
		}
		memset(o, 0, sizeof(*o));
		o->cbStruct = sizeof(*o);
		o->objtyp = JET_objtypTable;
		o->grbit = ti.object.grbit;
		o->flags = ti.object.flags;
		o->cRecord = ti.object.records;
		o->cPage = ti.object.pages;
		break;
	}
	case JET_TblInfoName:
		/* info.cxx: the name and its terminator fit in cbMax bytes */
		err = strlen(ti.name) >= cbMax ? JET_errBufferTooSmall
					       : put_name(ti.name, pv, cbMax, wide);
		break;
	case JET_TblInfoTemplateTableName:
		err = cbMax <= JET_cbNameMost ? JET_errBufferTooSmall
					      : put_name(ti.template_name, pv, cbMax, wide);
		break;
	case JET_TblInfoDbid:
		if (cbMax < sizeof(JET_DBID))
			err = JET_errBufferTooSmall;
		else
			*(JET_DBID *)pv = ti.dbid;
		break;
	case JET_TblInfoSpaceAlloc:
		/* the initial pages and the density */
		if (cbMax < 2 * sizeof(unsigned long)) {
			err = JET_errBufferTooSmall;
		} else {
			((unsigned long *)pv)[0] = ti.pages;
			((unsigned long *)pv)[1] = ti.density;
		}
		break;
	case JET_TblInfoLVChunkMax:
		err = put_ulong(ti.lv_chunk_max, pv, cbMax);
		break;
	case JET_TblInfoObjectId:
		err = put_ulong(ti.objid, pv, cbMax);
		break;
	case JET_TblInfoEncryptionKey:
		/* no key set on the cursor: nothing to copy */
		break;
	}
	isam_table_info_release(&ti);
	return err;
}

JET_ERR JET_API JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
				 unsigned long cbMax, unsigned long InfoLevel)
{
	return get_table_info(sesid, tableid, pvResult, cbMax, InfoLevel, 0);
}

JET_ERR JET_API JetGetTableInfoW(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
				 unsigned long cbMax, unsigned long InfoLevel)
{
	return get_table_info(sesid, tableid, pvResult, cbMax, InfoLevel, 1);
}
