/*
 * What a database's catalog says of its objects and indexes:
 * JetGetObjectInfo* (JET_OBJECTINFO, and JET_OBJECTLIST, a temporary
 * table of the tables) and JetGetIndexInfo* / JetGetTableIndexInfo*
 * (JET_INDEXLIST, a temporary table of the key columns, and the single
 * values), over sim/isam/table_info.c.  The sizes and codes are the
 * engine's (jetapi.cxx, JetGetObjectInfoEx and JetGetIndexInfoEx; info.cxx).
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "isam/cursor.h"
#include "isam/table_info.h"
#include "strings.h"

/* The only container ESE has (info.cxx, szTcObject) */
#define CONTAINER_TABLES "Tables"
/* JET_INDEXLIST before JET_columnidLCMapFlags came (info.cxx) */
#define INDEXLIST_NEW_MEMBERS 4
/* LOCALE_NAME_MAX_LENGTH characters */
#define LOCALE_NAME_CHARS 85

/* ESE's INDEXID (jetapi.cxx sizes JET_IdxInfoIndexId's buffer by it) */
struct indexid {
	unsigned long cbStruct;
	void *pfcbIndex;
	unsigned long objidFDP;
	unsigned long pgnoFDP;
};

static JET_ERR get_object_info(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
			       const char *container, const char *object, void *pv,
			       unsigned long cbMax, unsigned long level, int wide)
{
	unsigned long cbMin;
	JET_ERR err;
	switch (level) {
	case JET_ObjInfo:
	case JET_ObjInfoNoStats:
		cbMin = sizeof(JET_OBJECTINFO);
		break;
	case JET_ObjInfoList:
	case JET_ObjInfoListNoStats:
		cbMin = sizeof(JET_OBJECTLIST);
		break;
	case JET_ObjInfoSysTabCursor:
	case JET_ObjInfoSysTabReadOnly:
	case JET_ObjInfoListACM:
	case JET_ObjInfoRulesLoaded:
		return JET_errFeatureNotAvailable;
	default:
		return JET_errInvalidParameter;
	}
	if (!pv)
		return JET_errInvalidParameter;
	if (cbMax < cbMin)
		return JET_errBufferTooSmall;
	/* "Tables" is the only container */
	if (container && *container && !isam_name_equal(container, CONTAINER_TABLES))
		return JET_errObjectNotFound;
	if (level == JET_ObjInfoList || level == JET_ObjInfoListNoStats) {
		JET_OBJECTLIST *ol = pv;
		struct isam_list l;
		err = sim_object_list(sesid, dbid, objtyp, level == JET_ObjInfoList, wide, &l);
		if (err < 0)
			return err;
		memset(ol, 0, sizeof(*ol));
		ol->cbStruct = sizeof(*ol);
		ol->tableid = l.tableid;
		ol->cRecord = l.rows;
		ol->columnidcontainername = l.columnid[ISAM_OBJ_CONTAINER];
		ol->columnidobjectname = l.columnid[ISAM_OBJ_NAME];
		ol->columnidobjtyp = l.columnid[ISAM_OBJ_TYPE];
		ol->columnidgrbit = l.columnid[ISAM_OBJ_GRBIT];
		ol->columnidflags = l.columnid[ISAM_OBJ_FLAGS];
		ol->columnidcRecord = l.columnid[ISAM_OBJ_RECORDS];
		ol->columnidcPage = l.columnid[ISAM_OBJ_PAGES];
		return JET_errSuccess;
	} else {
		JET_OBJECTINFO *o = pv;
		struct isam_object_info info;
		err = sim_object_info(sesid, dbid, object ? object : "", level == JET_ObjInfo, &info);
		if (err < 0)
			return err;
		memset(o, 0, sizeof(*o));
		o->cbStruct = sizeof(*o);
		o->objtyp = JET_objtypTable;
		o->grbit = info.grbit;
		o->flags = info.flags;
		o->cRecord = info.records;
		o->cPage = info.pages;
		return JET_errSuccess;
	}
}

JET_ERR JET_API JetGetObjectInfoA(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
				  const char *szContainerName, const char *szObjectName,
				  void *pvResult, unsigned long cbMax, unsigned long InfoLevel)
{
	JET_ERR conv = JET_errSuccess, err;
	char *container = utf8_from_a(szContainerName, &conv);
	char *object = utf8_from_a(szObjectName, &conv);
	err = conv ? conv
		   : get_object_info(sesid, dbid, objtyp, container, object, pvResult, cbMax,
				     InfoLevel, 0);
	free(container);
	free(object);
	return err;
}

JET_ERR JET_API JetGetObjectInfoW(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
				  const WCHAR *szContainerName, const WCHAR *szObjectName,
				  void *pvResult, unsigned long cbMax, unsigned long InfoLevel)
{
	JET_ERR conv = JET_errSuccess, err;
	char *container = utf8_from_w(szContainerName, &conv);
	char *object = utf8_from_w(szObjectName, &conv);
	err = conv ? conv
		   : get_object_info(sesid, dbid, objtyp, container, object, pvResult, cbMax,
				     InfoLevel, 1);
	free(container);
	free(object);
	return err;
}

/* jetapi.cxx, JetGetTableIndexInfoEx: each level's least buffer;
 * 0 with *err for the levels refused before any look. */
static unsigned long index_level_min(unsigned long level, int wide, JET_ERR *err)
{
	*err = JET_errSuccess;
	switch (level) {
	case JET_IdxInfo:
	case JET_IdxInfoList:
		return sizeof(JET_INDEXLIST) - INDEXLIST_NEW_MEMBERS;
	case JET_IdxInfoSpaceOwned:
	case JET_IdxInfoSpaceAvailable:
	case JET_IdxInfoSpaceAlloc:
	case JET_IdxInfoCount:
	case JET_IdxInfoSortVersion:
	case JET_IdxInfoDefinedSortVersion:
		return sizeof(unsigned long);
	case JET_IdxInfoLangid:
	case JET_IdxInfoVarSegMac:
	case JET_IdxInfoKeyMost:
		return sizeof(unsigned short);
	case JET_IdxInfoIndexId:
		return sizeof(struct indexid);
	case JET_IdxInfoCreateIndex:
		return wide ? sizeof(JET_INDEXCREATE_W) : sizeof(JET_INDEXCREATE_A);
	case JET_IdxInfoCreateIndex2:
		return wide ? sizeof(JET_INDEXCREATE2_W) : sizeof(JET_INDEXCREATE2_A);
	case JET_IdxInfoCreateIndex3:
		return wide ? sizeof(JET_INDEXCREATE3_W) : sizeof(JET_INDEXCREATE3_A);
	case JET_IdxInfoSortId:
		return sizeof(GUID);
	case JET_IdxInfoLocaleName:
		return LOCALE_NAME_CHARS * sizeof(WCHAR);
	case JET_IdxInfoSysTabCursor:
	case JET_IdxInfoOLC:
	case JET_IdxInfoResetOLC:
		*err = JET_errFeatureNotAvailable;
		return 0;
	default:
		*err = JET_errInvalidParameter;
		return 0;
	}
}

static JET_ERR index_list(JET_SESID sesid, JET_TABLEID tableid, const char *name, void *pv,
			  unsigned long cbMax, int wide)
{
	JET_INDEXLIST *il = pv;
	struct isam_list l;
	JET_ERR err = sim_index_list(sesid, tableid, name, wide, &l);
	if (err < 0)
		return err;
	/* a caller of the old, shorter JET_INDEXLIST gets that one */
	il->cbStruct = cbMax < sizeof(*il) ? sizeof(*il) - INDEXLIST_NEW_MEMBERS : sizeof(*il);
	il->tableid = l.tableid;
	il->cRecord = l.rows;
	il->columnidindexname = l.columnid[ISAM_IDX_NAME];
	il->columnidgrbitIndex = l.columnid[ISAM_IDX_GRBIT];
	il->columnidcKey = l.columnid[ISAM_IDX_KEYS];
	il->columnidcEntry = l.columnid[ISAM_IDX_ENTRIES];
	il->columnidcPage = l.columnid[ISAM_IDX_PAGES];
	il->columnidcColumn = l.columnid[ISAM_IDX_CCOLUMN];
	il->columnidiColumn = l.columnid[ISAM_IDX_ICOLUMN];
	il->columnidcolumnid = l.columnid[ISAM_IDX_COLUMNID];
	il->columnidcoltyp = l.columnid[ISAM_IDX_COLTYP];
	il->columnidCountry = l.columnid[ISAM_IDX_COUNTRY];
	il->columnidLangid = l.columnid[ISAM_IDX_LANGID];
	il->columnidCp = l.columnid[ISAM_IDX_CP];
	il->columnidCollate = l.columnid[ISAM_IDX_COLLATE];
	il->columnidgrbitColumn = l.columnid[ISAM_IDX_COLUMN_GRBIT];
	il->columnidcolumnname = l.columnid[ISAM_IDX_COLUMN_NAME];
	if (cbMax >= sizeof(*il))
		il->columnidLCMapFlags = l.columnid[ISAM_IDX_LCMAP_FLAGS];
	return JET_errSuccess;
}

/* s and its NUL at *at, a byte or (wide) a UTF-16 unit a character, as
 * ESE copies its ASCII names (info.cxx, ErrINFOICopyAsciiName);
 * JET_errBufferTooSmall past the end. */
static JET_ERR put_chars(unsigned char **at, size_t *left, const char *s, size_t n, int wide)
{
	size_t unit = wide ? 2 : 1, i;
	if (*left < unit * n)
		return JET_errBufferTooSmall;
	for (i = 0; i < n; i++) {
		(*at)[unit * i] = (unsigned char)s[i];
		if (wide)
			(*at)[unit * i + 1] = 0;
	}
	*at += unit * n;
	*left -= unit * n;
	return JET_errSuccess;
}

/* The index's locale name as its IDB keeps it: the catalog's, or the
 * name of the catalog's LCID. */
static void index_locale(const struct isam_index_create *def, WCHAR *name, int n)
{
	name[0] = 0;
	if (def->locale_name)
		lstrcpynW(name, (const WCHAR *)def->locale_name, n);
	else
		LCIDToLocaleName(def->lcid, name, n, 0);
}

/* JET_IdxInfoCreateIndex, CreateIndex2 and CreateIndex3 (info.cxx,
 * ErrINFOIBuildIndexCreateVX): the structure, then in the same buffer
 * what it points to: the space hints (forms 2 and 3), the name, the
 * double-NUL-terminated key, and the JET_UNICODEINDEX (forms 1 and 2) or
 * the JET_UNICODEINDEX2's pointer and map flags followed by its locale
 * name (form 3).  The A and W forms share their layout up to the
 * character size. */
static JET_ERR create_index(JET_SESID sesid, JET_TABLEID tableid, const char *name, void *pv,
			    unsigned long cbMax, unsigned long level, int wide)
{
	struct isam_index_create def;
	JET_INDEXCREATE2_A ic;   /* the first form is its head; the W forms differ
				  * only in their pointers' types */
	JET_SPACEHINTS hints, *phints = NULL;
	WCHAR locale[LOCALE_NAME_CHARS];
	unsigned char *at = pv;
	size_t cb_struct = level == JET_IdxInfoCreateIndex ? sizeof(JET_INDEXCREATE_A) : sizeof(ic);
	size_t left = cbMax - cb_struct;
	JET_ERR err = sim_index_create_info(sesid, tableid, name, &def);
	if (err < 0)
		return err;
	/* space hints past density and initial size are not read yet */
	if (level != JET_IdxInfoCreateIndex && def.extended_hints) {
		isam_index_create_release(&def);
		return JET_errFeatureNotAvailable;
	}
	index_locale(&def, locale, LOCALE_NAME_CHARS);
	memset(&ic, 0, sizeof(ic));
	ic.cbStruct = (unsigned long)cb_struct;
	at += cb_struct;
	if (level != JET_IdxInfoCreateIndex) {
		if (left < sizeof(hints))
			err = JET_errBufferTooSmall;
		phints = (JET_SPACEHINTS *)at;
		at += sizeof(hints);
		left -= left < sizeof(hints) ? left : sizeof(hints);
	}
	ic.szIndexName = (char *)at;
	if (!err)
		err = put_chars(&at, &left, def.name, strlen(def.name) + 1, wide);
	ic.szKey = (char *)at;
	if (!err)
		err = put_chars(&at, &left, def.key, def.cb_key, wide);
	ic.cbKey = def.cb_key * (wide ? 2 : 1);
	/* always marked Unicode: JetCreateIndex2 ignores it for other keys */
	ic.grbit = def.grbit | JET_bitIndexUnicode;
	ic.ulDensity = def.density;
	if (!err && left < (level == JET_IdxInfoCreateIndex3 ? sizeof(JET_UNICODEINDEX2)
							   : sizeof(JET_UNICODEINDEX)))
		err = JET_errBufferTooSmall;
	if (!err && level != JET_IdxInfoCreateIndex3) {
		JET_UNICODEINDEX ui;
		/* the LCID of the IDB's locale name (ErrNORMLocaleToLcid) */
		ui.lcid = def.locale_name ? LocaleNameToLCID(locale, 0) : def.lcid;
		ui.dwMapFlags = def.lcmap_flags;
		memcpy(at, &ui, sizeof(ui));
		ic.pidxunicode = (JET_UNICODEINDEX *)at;
	} else if (!err) {
		/* the map flags after the pointer, then the name where the
		 * structure's padding would be */
		unsigned char *ui = at;
		size_t cb_locale = (wcslen(locale) + 1) * sizeof(WCHAR);
		unsigned long flags = def.lcmap_flags;
		at += sizeof(WCHAR *);
		memcpy(at, &flags, sizeof(flags));
		at += sizeof(flags);
		left -= sizeof(WCHAR *) + sizeof(flags);
		if (left < cb_locale) {
			err = JET_errBufferTooSmall;
		} else {
			WCHAR *where = (WCHAR *)at;
			memcpy(at, locale, cb_locale);
			memcpy(ui, &where, sizeof(where));
			ic.pidxunicode = (JET_UNICODEINDEX *)ui;
		}
	}
	if (!err) {
		ic.cbVarSegMac = def.var_seg_mac;
		ic.cbKeyMost = def.key_most;
		if (phints) {
			/* FCB_SPACE_HINTS::GetAPISpaceHints */
			memset(&hints, 0, sizeof(hints));
			hints.cbStruct = sizeof(hints);
			hints.ulInitialDensity = def.density;
			hints.cbInitial = def.cb_initial;
			memcpy(phints, &hints, sizeof(hints));
			ic.pSpacehints = phints;
		}
		memcpy(pv, &ic, cb_struct);
	}
	isam_index_create_release(&def);
	return err;
}

static JET_ERR table_index_info(JET_SESID sesid, JET_TABLEID tableid, const char *name,
				void *pv, unsigned long cbMax, unsigned long level, int wide)
{
	struct isam_index_info info;
	JET_ERR err;
	unsigned long cbMin = index_level_min(level, wide, &err);
	if (!cbMin)
		return err;
	if (!pv)
		return JET_errInvalidParameter;
	if (cbMax < cbMin)
		return JET_errBufferTooSmall;
	switch (level) {
	case JET_IdxInfo:
	case JET_IdxInfoList:
		return index_list(sesid, tableid, name, pv, cbMax, wide);
	case JET_IdxInfoSpaceOwned:
	case JET_IdxInfoSpaceAvailable:
		return sim_index_space(sesid, tableid, name, level == JET_IdxInfoSpaceAvailable, pv,
				       cbMax);
	case JET_IdxInfoCreateIndex:
	case JET_IdxInfoCreateIndex2:
	case JET_IdxInfoCreateIndex3:
		return create_index(sesid, tableid, name, pv, cbMax, level, wide);
	}
	err = sim_index_info(sesid, tableid, level == JET_IdxInfoCount ? NULL : name, &info);
	if (err < 0)
		return err;
	switch (level) {
	case JET_IdxInfoCount:
		*(int *)pv = (int)info.count;
		break;
	case JET_IdxInfoSpaceAlloc:
		*(unsigned long *)pv = info.density;
		break;
	case JET_IdxInfoLCID:
		/* a LANGID-sized buffer gets the language */
		if (cbMax < sizeof(LCID))
			*(LANGID *)pv = (LANGID)(info.lcid & 0xffff);
		else
			*(LCID *)pv = info.lcid;
		break;
	case JET_IdxInfoVarSegMac:
		*(unsigned short *)pv = (unsigned short)info.var_seg_mac;
		break;
	case JET_IdxInfoKeyMost:
		*(unsigned short *)pv = (unsigned short)info.key_most;
		break;
	case JET_IdxInfoIndexId: {
		struct indexid id;
		memset(&id, 0, sizeof(id));
		id.cbStruct = sizeof(id);
		/* ESE's FCB pointer: the index's object id stands for it */
		id.pfcbIndex = (void *)(uintptr_t)info.objid;
		id.objidFDP = info.objid;
		id.pgnoFDP = info.fdp;
		memcpy(pv, &id, sizeof(id));
		break;
	}
	case JET_IdxInfoSortVersion:
		*(DWORD *)pv = info.nls_version;
		break;
	case JET_IdxInfoDefinedSortVersion:
		*(DWORD *)pv = info.defined_version;
		break;
	case JET_IdxInfoSortId:
		memcpy(pv, info.sort_id, sizeof(info.sort_id));
		break;
	case JET_IdxInfoLocaleName:
		if (!LCIDToLocaleName(info.lcid, pv, (int)(cbMax / sizeof(WCHAR)), 0))
			err = JET_errBufferTooSmall;
		break;
	}
	return err;
}

static JET_ERR get_table_index_info(JET_SESID sesid, JET_TABLEID tableid, const void *szIndex,
				    void *pv, unsigned long cbMax, unsigned long level, int wide)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = wide ? utf8_from_w(szIndex, &conv) : utf8_from_a(szIndex, &conv);
	err = conv ? conv : table_index_info(sesid, tableid, name, pv, cbMax, level, wide);
	free(name);
	return err;
}

JET_ERR JET_API JetGetTableIndexInfoA(JET_SESID sesid, JET_TABLEID tableid,
				      const char *szIndexName, void *pvResult,
				      unsigned long cbResult, unsigned long InfoLevel)
{
	return get_table_index_info(sesid, tableid, szIndexName, pvResult, cbResult, InfoLevel,
				    0);
}

JET_ERR JET_API JetGetTableIndexInfoW(JET_SESID sesid, JET_TABLEID tableid,
				      const WCHAR *szIndexName, void *pvResult,
				      unsigned long cbResult, unsigned long InfoLevel)
{
	return get_table_index_info(sesid, tableid, szIndexName, pvResult, cbResult, InfoLevel,
				    1);
}

static JET_ERR get_index_info(JET_SESID sesid, JET_DBID dbid, const void *szTable,
			      const void *szIndex, void *pv, unsigned long cbMax,
			      unsigned long level, int wide)
{
	JET_ERR conv = JET_errSuccess, err;
	char *table = wide ? utf8_from_w(szTable, &conv) : utf8_from_a(szTable, &conv);
	char *name = wide ? utf8_from_w(szIndex, &conv) : utf8_from_a(szIndex, &conv);
	uintptr_t tableid;
	if (conv)
		err = conv;
	else if ((err = sim_open_table(sesid, dbid, table, 0, &tableid)) >= 0) {
		err = table_index_info(sesid, tableid, name, pv, cbMax, level, wide);
		sim_close_table(sesid, tableid);
	}
	free(table);
	free(name);
	return err;
}

JET_ERR JET_API JetGetIndexInfoA(JET_SESID sesid, JET_DBID dbid, const char *szTableName,
				 const char *szIndexName, void *pvResult, unsigned long cbResult,
				 unsigned long InfoLevel)
{
	return get_index_info(sesid, dbid, szTableName, szIndexName, pvResult, cbResult,
			      InfoLevel, 0);
}

JET_ERR JET_API JetGetIndexInfoW(JET_SESID sesid, JET_DBID dbid, const WCHAR *szTableName,
				 const WCHAR *szIndexName, void *pvResult, unsigned long cbResult,
				 unsigned long InfoLevel)
{
	return get_index_info(sesid, dbid, szTableName, szIndexName, pvResult, cbResult,
			      InfoLevel, 1);
}
