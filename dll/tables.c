/*
 * JetOpenTable* and JetCloseTable: a cursor on a table of an open
 * database (sim/isam/cursor.c).  Tables are read only for now: the engine
 * opens them whatever the grbit asks.
 */
#include <stdlib.h>

#include "dll.h"
#include "isam/cursor.h"
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
