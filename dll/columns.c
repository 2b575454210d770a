/*
 * Column descriptions: JetGetTableColumnInfo* on an open table and
 * JetGetColumnInfo* by table name, at the levels that describe one column
 * (JET_ColInfo, JET_ColInfoByColid: JET_COLUMNDEF; JET_ColInfoBase,
 * JET_ColInfoBaseByColid: JET_COLUMNBASE), and the list levels
 * (JET_ColInfoList, ListCompact, ListSortColumnid: JET_COLUMNLIST), which
 * hand back a temporary table of the columns (sim/isam/table_info.c).
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "isam/catalog.h"
#include "isam/cursor.h"
#include "isam/table_info.h"
#include "strings.h"

/* ESE's defaults for what the catalog does not keep (info.cxx) */
#define COUNTRY_DEFAULT 1
#define LANGID_DEFAULT 0x409
#define COLINFO_LEVEL_MASK 0x0fffffffu

/* The fields JET_COLUMNDEF and both forms of JET_COLUMNBASE share. */
#define DESCRIBE_COLUMN(d, c)                                                     \
	((d)->cbStruct = sizeof(*(d)), (d)->columnid = isam_column_id(c), (d)->coltyp = (c)->coltyp, \
	 (d)->wCountry = COUNTRY_DEFAULT, (d)->langid = LANGID_DEFAULT,                    \
	 (d)->cp = (unsigned short)(c)->codepage, (d)->cbMax = (c)->cb_max,                \
	 (d)->grbit = isam_column_grbit(c))

/* JET_COLUMNLIST from the list the engine made. */
static JET_ERR column_list(JET_SESID sesid, JET_TABLEID tableid, void *pv, unsigned long cbMax,
			   unsigned long level, int wide)
{
	struct isam_list l;
	JET_COLUMNLIST *cl = pv;
	uint32_t grbit = level & ~COLINFO_LEVEL_MASK;
	JET_ERR err;
	if (cbMax < sizeof(JET_COLUMNLIST))
		return JET_errBufferTooSmall;
	if (!pv)
		return JET_errInvalidParameter;
	level &= COLINFO_LEVEL_MASK;
	if (level == JET_ColInfoListSortColumnid)
		grbit |= JET_ColInfoGrbitSortByColumnid;
	else if (level == JET_ColInfoListCompact)
		grbit |= JET_ColInfoGrbitCompacting;
	err = sim_column_list(sesid, tableid, grbit, wide, &l);
	if (err < 0)
		return err;
	cl->cbStruct = sizeof(*cl);
	cl->tableid = l.tableid;
	cl->cRecord = l.rows;
	cl->columnidPresentationOrder = l.columnid[ISAM_COL_PORDER];
	cl->columnidcolumnname = l.columnid[ISAM_COL_NAME];
	cl->columnidcolumnid = l.columnid[ISAM_COL_ID];
	cl->columnidcoltyp = l.columnid[ISAM_COL_TYPE];
	cl->columnidCountry = l.columnid[ISAM_COL_COUNTRY];
	cl->columnidLangid = l.columnid[ISAM_COL_LANGID];
	cl->columnidCp = l.columnid[ISAM_COL_CP];
	cl->columnidCollate = l.columnid[ISAM_COL_COLLATE];
	cl->columnidcbMax = l.columnid[ISAM_COL_CBMAX];
	cl->columnidgrbit = l.columnid[ISAM_COL_GRBIT];
	cl->columnidDefault = l.columnid[ISAM_COL_DEFAULT];
	cl->columnidBaseTableName = l.columnid[ISAM_COL_TABLE_NAME];
	cl->columnidBaseColumnName = l.columnid[ISAM_COL_COLUMN_NAME];
	cl->columnidDefinitionName = l.columnid[ISAM_COL_NAME];
	return JET_errSuccess;
}

static int by_colid(unsigned long level)
{
	return level == JET_ColInfoByColid || level == JET_ColInfoBaseByColid;
}

static JET_ERR write_info(const struct isam_column *c, const char *table, void *pv,
			  unsigned long cbMax, unsigned long level, int wide)
{
	if (level == JET_ColInfo || level == JET_ColInfoByColid) {
		JET_COLUMNDEF *d = pv;
		DESCRIBE_COLUMN(d, c);
		d->wCollate = 0;
		return JET_errSuccess;
	}
	/* JET_COLUMNBASE: the same, with the table's and the column's names */
	if (wide) {
		JET_COLUMNBASE_W *b = pv;
		DESCRIBE_COLUMN(b, c);
		b->wFiller = 0;
		utf8_to_w_buffer(table, b->szBaseTableName, sizeof(b->szBaseTableName));
		utf8_to_w_buffer(c->name, b->szBaseColumnName, sizeof(b->szBaseColumnName));
	} else {
		JET_COLUMNBASE_A *b = pv;
		DESCRIBE_COLUMN(b, c);
		b->wFiller = 0;
		utf8_to_a_buffer(table, b->szBaseTableName, sizeof(b->szBaseTableName));
		utf8_to_a_buffer(c->name, b->szBaseColumnName, sizeof(b->szBaseColumnName));
	}
	return JET_errSuccess;
}

/* jetapi.cxx, JetGetTableColumnInfoEx and its W form: the level (its
 * top bits are grbits, JET_ColInfoGrbit*), then each level's least buffer,
 * the W base form's own size first of all; 0 when the call goes on. */
static JET_ERR level_check(const void *pv, unsigned long cbMax, unsigned long level, int wide)
{
	unsigned long cbMin;
	switch (level & COLINFO_LEVEL_MASK) {
	case JET_ColInfo:
	case JET_ColInfoByColid:
		cbMin = sizeof(JET_COLUMNDEF);
		break;
	case JET_ColInfoBase:
	case JET_ColInfoBaseByColid:
		if (wide && !pv)
			return JET_errInvalidParameter;
		if (wide && cbMax < sizeof(JET_COLUMNBASE_W))
			return JET_errBufferTooSmall;
		cbMin = sizeof(JET_COLUMNBASE_A);
		break;
	case JET_ColInfoList:
	case JET_ColInfoListCompact:
	case JET_ColInfoListSortColumnid:
		return JET_errSuccess;   /* column_list checks its own */
	case JET_ColInfoSysTabCursor:
		return JET_errFeatureNotAvailable;
	default:
		return JET_errInvalidParameter;
	}
	return cbMax < cbMin ? JET_errBufferTooSmall : JET_errSuccess;
}

/* name: the column's UTF-8 name; colid: the JET_COLUMNID the ByColid
 * levels pass in its place. */
static JET_ERR table_column_info(JET_SESID sesid, JET_TABLEID tableid, const char *name,
				 const JET_COLUMNID *colid, void *pv,
				 unsigned long cbMax, unsigned long level, int wide)
{
	struct isam_column c;
	char *table = NULL;
	JET_ERR err = level_check(pv, cbMax, level, wide);
	if (err)
		return err;
	switch (level & COLINFO_LEVEL_MASK) {
	case JET_ColInfoList:
	case JET_ColInfoListCompact:
	case JET_ColInfoListSortColumnid:
		return column_list(sesid, tableid, pv, cbMax, level, wide);
	}
	level &= COLINFO_LEVEL_MASK;
	if (!pv || (by_colid(level) && !colid))
		return JET_errInvalidParameter;
	/* no name: info.cxx looks up "", which no column has */
	if (!by_colid(level) && !name)
		return JET_errColumnNotFound;
	err = sim_table_column(sesid, tableid, by_colid(level) ? NULL : name,
			       by_colid(level) ? *colid : 0, &c);
	if (err)
		return err;
	/* JET_COLUMNBASE names the column's table as the catalog has it */
	err = sim_table_name(sesid, tableid, &table);
	if (!err)
		err = write_info(&c, table, pv, cbMax, level, wide);
	free(table);
	isam_column_release(&c);
	return err;
}

static JET_ERR get_table_column_info(JET_SESID sesid, JET_TABLEID tableid, const void *szColumn,
				     void *pv, unsigned long cbMax, unsigned long level, int wide)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = NULL;
	if (!by_colid(level & COLINFO_LEVEL_MASK))
		name = wide ? utf8_from_w(szColumn, &conv) : utf8_from_a(szColumn, &conv);
	err = conv ? conv : table_column_info(sesid, tableid, name, szColumn, pv, cbMax, level, wide);
	free(name);
	return err;
}

JET_ERR JET_API JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid,
				       const char *szColumnName, void *pvResult,
				       unsigned long cbMax, unsigned long InfoLevel)
{
	return get_table_column_info(sesid, tableid, szColumnName, pvResult, cbMax, InfoLevel, 0);
}

JET_ERR JET_API JetGetTableColumnInfoW(JET_SESID sesid, JET_TABLEID tableid,
				       const WCHAR *szColumnName, void *pvResult,
				       unsigned long cbMax, unsigned long InfoLevel)
{
	return get_table_column_info(sesid, tableid, szColumnName, pvResult, cbMax, InfoLevel, 1);
}

static JET_ERR get_column_info(JET_SESID sesid, JET_DBID dbid, const void *szTable,
			       const void *szColumn, void *pv, unsigned long cbMax,
			       unsigned long level, int wide)
{
	JET_ERR conv = JET_errSuccess, err;
	char *table = wide ? utf8_from_w(szTable, &conv) : utf8_from_a(szTable, &conv);
	char *name = NULL;
	uintptr_t tableid;
	if (!by_colid(level & COLINFO_LEVEL_MASK))
		name = wide ? utf8_from_w(szColumn, &conv) : utf8_from_a(szColumn, &conv);
	if (conv)
		err = conv;
	else if ((err = level_check(pv, cbMax, level, wide)) != 0)
		;   /* refused before the table opens */
	else if (!table)
		err = JET_errInvalidParameter;
	else if ((err = sim_open_table(sesid, dbid, table, 0, &tableid)) >= 0) {
		err = table_column_info(sesid, tableid, name, szColumn, pv, cbMax, level, wide);
		sim_close_table(sesid, tableid);
	}
	free(table);
	free(name);
	return err;
}

JET_ERR JET_API JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid, const char *szTableName,
				  const char *szColumnName, void *pvResult, unsigned long cbMax,
				  unsigned long InfoLevel)
{
	return get_column_info(sesid, dbid, szTableName, szColumnName, pvResult, cbMax, InfoLevel,
			       0);
}

JET_ERR JET_API JetGetColumnInfoW(JET_SESID sesid, JET_DBID dbid, const WCHAR *szTableName,
				  const WCHAR *szColumnName, void *pvResult, unsigned long cbMax,
				  unsigned long InfoLevel)
{
	return get_column_info(sesid, dbid, szTableName, szColumnName, pvResult, cbMax, InfoLevel,
			       1);
}
