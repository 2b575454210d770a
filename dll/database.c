/*
 * Databases: JetCreateDatabase*, JetAttachDatabase*, JetDetachDatabase*,
 * JetOpenDatabase*, JetCloseDatabase, JetGrowDatabase, JetSetDatabaseSize*,
 * JetGetDatabaseInfo* and JetGetDatabaseFileInfo*.  The engine owns every
 * state check; here the paths become UTF-8 and the information levels are
 * laid out, each with the size rule ESENT applies to it.
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "db/database.h"
#include "jet_structs.h"
#include "strings.h"

/* --- Create, attach, detach, open, close */

static JET_ERR create_database(JET_SESID sesid, const char *path, unsigned long cpgMax,
			       JET_DBID *pdbid, JET_GRBIT grbit, JET_ERR conversion)
{
	uint32_t dbid;
	JET_ERR err;
	if (conversion)
		return conversion;
	/* a NULL pdbid is the engine's to refuse, after the session check */
	err = sim_create_database(sesid, path, cpgMax, grbit, pdbid ? &dbid : NULL);
	if (err >= 0)
		*pdbid = dbid;
	return err;
}

/* szConnect is reserved. */
JET_ERR JET_API JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR szConnect,
				   JET_DBID *pdbid, JET_GRBIT grbit)
{
	return JetCreateDatabase2A(sesid, szFilename, 0, pdbid, grbit);
}

JET_ERR JET_API JetCreateDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename, JET_PCWSTR szConnect,
				   JET_DBID *pdbid, JET_GRBIT grbit)
{
	return JetCreateDatabase2W(sesid, szFilename, 0, pdbid, grbit);
}

JET_ERR JET_API JetCreateDatabase2A(JET_SESID sesid, const char *szFilename,
				    const unsigned long cpgDatabaseSizeMax, JET_DBID *pdbid,
				    JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_a(szFilename, &conv);
	err = create_database(sesid, path, cpgDatabaseSizeMax, pdbid, grbit, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetCreateDatabase2W(JET_SESID sesid, const WCHAR *szFilename,
				    const unsigned long cpgDatabaseSizeMax, JET_DBID *pdbid,
				    JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_w(szFilename, &conv);
	err = create_database(sesid, path, cpgDatabaseSizeMax, pdbid, grbit, conv);
	free(path);
	return err;
}

static JET_ERR attach_database(JET_SESID sesid, const char *path, unsigned long cpgMax,
			       JET_GRBIT grbit, JET_ERR conversion)
{
	return conversion ? conversion : sim_attach_database(sesid, path, cpgMax, grbit);
}

JET_ERR JET_API JetAttachDatabaseA(JET_SESID sesid, const char *szFilename, JET_GRBIT grbit)
{
	return JetAttachDatabase2A(sesid, szFilename, 0, grbit);
}

JET_ERR JET_API JetAttachDatabaseW(JET_SESID sesid, const WCHAR *szFilename, JET_GRBIT grbit)
{
	return JetAttachDatabase2W(sesid, szFilename, 0, grbit);
}

JET_ERR JET_API JetAttachDatabase2A(JET_SESID sesid, const char *szFilename,
				    const unsigned long cpgDatabaseSizeMax, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_a(szFilename, &conv);
	err = attach_database(sesid, path, cpgDatabaseSizeMax, grbit, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetAttachDatabase2W(JET_SESID sesid, const WCHAR *szFilename,
				    const unsigned long cpgDatabaseSizeMax, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_w(szFilename, &conv);
	err = attach_database(sesid, path, cpgDatabaseSizeMax, grbit, conv);
	free(path);
	return err;
}

/* A NULL or empty path detaches every database (the engine's rule). */
static JET_ERR detach_database(JET_SESID sesid, const char *path, JET_GRBIT grbit,
			       JET_ERR conversion)
{
	return conversion ? conversion : sim_detach_database(sesid, path, grbit);
}

JET_ERR JET_API JetDetachDatabaseA(JET_SESID sesid, const char *szFilename)
{
	return JetDetachDatabase2A(sesid, szFilename, 0);
}

/* MinGW's header gives this W function a char pointer; callers pass the
 * UTF-16 string ESENT takes, so that is what it is read as. */
JET_ERR JET_API JetDetachDatabaseW(JET_SESID sesid, const char *szFilename)
{
	return JetDetachDatabase2W(sesid, (const WCHAR *)szFilename, 0);
}

JET_ERR JET_API JetDetachDatabase2A(JET_SESID sesid, const char *szFilename, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_a(szFilename, &conv);
	err = detach_database(sesid, path, grbit, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetDetachDatabase2W(JET_SESID sesid, const WCHAR *szFilename, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_w(szFilename, &conv);
	err = detach_database(sesid, path, grbit, conv);
	free(path);
	return err;
}

/* JET_wrnFileOpenReadOnly still opens it, so any success gives the id. */
static JET_ERR open_database(JET_SESID sesid, const char *path, JET_DBID *pdbid, JET_GRBIT grbit,
			     JET_ERR conversion)
{
	uint32_t dbid;
	JET_ERR err;
	if (conversion)
		return conversion;
	err = sim_open_database(sesid, path, grbit, pdbid ? &dbid : NULL);
	if (err >= 0)
		*pdbid = dbid;
	return err;
}

/* szConnect is reserved. */
JET_ERR JET_API JetOpenDatabaseA(JET_SESID sesid, const char *szFilename, const char *szConnect,
				 JET_DBID *pdbid, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_a(szFilename, &conv);
	err = open_database(sesid, path, pdbid, grbit, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetOpenDatabaseW(JET_SESID sesid, const WCHAR *szFilename, const WCHAR *szConnect,
				 JET_DBID *pdbid, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_w(szFilename, &conv);
	err = open_database(sesid, path, pdbid, grbit, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetCloseDatabase(JET_SESID sesid, JET_DBID dbid, JET_GRBIT grbit)
{
	return sim_close_database(sesid, dbid, grbit);
}

/* --- Growing */

JET_ERR JET_API JetGrowDatabase(JET_SESID sesid, JET_DBID dbid, unsigned long cpg,
				unsigned long *pcpgReal)
{
	uint32_t real;
	JET_ERR err = sim_grow_database(sesid, dbid, cpg, pcpgReal ? &real : NULL);
	if (!err)
		*pcpgReal = real;
	return err;
}

static JET_ERR set_database_size(JET_SESID sesid, const char *path, unsigned long cpg,
				 unsigned long *pcpgReal, JET_ERR conversion)
{
	uint32_t real;
	JET_ERR err;
	if (conversion)
		return conversion;
	err = sim_set_database_size(sesid, path, cpg, pcpgReal ? &real : NULL);
	if (!err)
		*pcpgReal = real;
	return err;
}

JET_ERR JET_API JetSetDatabaseSizeA(JET_SESID sesid, JET_PCSTR szDatabaseName, unsigned long cpg,
				    unsigned long *pcpgReal)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_a(szDatabaseName, &conv);
	err = set_database_size(sesid, path, cpg, pcpgReal, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetSetDatabaseSizeW(JET_SESID sesid, JET_PCWSTR szDatabaseName, unsigned long cpg,
				    unsigned long *pcpgReal)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_w(szDatabaseName, &conv);
	err = set_database_size(sesid, path, cpg, pcpgReal, conv);
	free(path);
	return err;
}

/* --- Information levels */

/* JET_DbInfoMisc fills whichever of JET_DBINFOMISC..JET_DBINFOMISC7 the
 * caller's size names; any other size is refused. */
static const unsigned long misc_sizes[] = { 216, 296, 300, 348, 380, 400, 416 };

/* JET_DBINFOMISC4: the last version whose additions a header of ours
 * holds (MinGW declares only the first).  Later versions get these fields
 * and zeros. */
struct dbinfomisc4 {
	JET_DBINFOMISC misc;
	unsigned long genMinRequired;
	unsigned long genMaxRequired;
	JET_LOGTIME logtimeGenMaxCreate;
	unsigned long ulRepairCount;
	JET_LOGTIME logtimeRepair;
	unsigned long ulRepairCountOld;
	unsigned long ulECCFixSuccess;
	JET_LOGTIME logtimeECCFixSuccess;
	unsigned long ulECCFixSuccessOld;
	unsigned long ulECCFixFail;
	JET_LOGTIME logtimeECCFixFail;
	unsigned long ulECCFixFailOld;
	unsigned long ulBadChecksum;
	JET_LOGTIME logtimeBadChecksum;
	unsigned long ulBadChecksumOld;
	unsigned long genCommitted;
	JET_BKINFO bkinfoCopyPrev;
	JET_BKINFO bkinfoDiffPrev;
};
_Static_assert(sizeof(JET_DBINFOMISC) == 216, "JET_DBINFOMISC layout");
_Static_assert(sizeof(struct dbinfomisc4) == 348, "JET_DBINFOMISC4 layout");
_Static_assert(sizeof(JET_DBINFOUPGRADE) == 28, "JET_DBINFOUPGRADE layout");

/* Values of levels ESENT answers with constants. */
#define DBINFO_COUNTRY 1
#define DBINFO_LCID 1033            /* en-US */
#define DBINFO_CP 1252
#define DBINFO_COLLATE 0
#define DBINFO_TRANSACTIONS 7       /* nesting levels + 1 */
/* The header page and its shadow, which belong to no tree. */
#define DB_HEADER_PAGES 2
/* JET_filetype values from here on are unknown to JET_DbInfoFileType. */
#define FILETYPE_LIMIT 12

static int is_misc_size(unsigned long cb)
{
	for (size_t i = 0; i < sizeof misc_sizes / sizeof *misc_sizes; i++)
		if (cb == misc_sizes[i])
			return 1;
	return 0;
}

/* Headers from before page sizes could be chosen hold 0: 4 KiB. */
static uint32_t header_page_size(const struct db_header *h)
{
	return h->page_size ? h->page_size : 4096;
}

static void fill_misc(void *pv, unsigned long cb, const struct db_header *h)
{
	struct dbinfomisc4 m;
	JET_DBINFOMISC *d = &m.misc;

	memset(&m, 0, sizeof m);
	d->ulVersion = h->version;
	d->ulUpdate = h->revision;
	jet_signature_from(&d->signDb, &h->db_signature);
	d->dbstate = h->state;
	jet_lgpos_from(&d->lgposConsistent, h->consistent);
	jet_logtime_from(&d->logtimeConsistent, h->consistent_time);
	jet_logtime_from(&d->logtimeAttach, h->attach_time);
	jet_lgpos_from(&d->lgposAttach, h->attach);
	jet_logtime_from(&d->logtimeDetach, h->detach_time);
	jet_lgpos_from(&d->lgposDetach, h->detach);
	jet_signature_from(&d->signLog, &h->log_signature);
	jet_bkinfo_from(&d->bkinfoFullPrev, &h->full_previous);
	jet_bkinfo_from(&d->bkinfoIncPrev, &h->incremental_previous);
	jet_bkinfo_from(&d->bkinfoFullCur, &h->full_current);
	d->fShadowingDisabled = h->shadowing_disabled;
	d->fUpgradeDb = 0;
	d->dwMajorVersion = h->os_major;
	d->dwMinorVersion = h->os_minor;
	d->dwBuildNumber = h->os_build;
	d->lSPNumber = (LONG)h->os_service_pack;
	d->cbPageSize = header_page_size(h);
	m.genMinRequired = h->required_min;
	m.genMaxRequired = h->required_max;
	m.ulRepairCount = h->repair_count;
	jet_logtime_from(&m.logtimeRepair, h->repair_time);
	jet_bkinfo_from(&m.bkinfoCopyPrev, &h->copy_previous);
	jet_bkinfo_from(&m.bkinfoDiffPrev, &h->differential_previous);

	memset(pv, 0, cb);
	memcpy(pv, &m, cb < sizeof m ? cb : sizeof m);
}

static JET_ERR put_ulong(void *pv, unsigned long value)
{
	if (!pv)
		return JET_errInvalidParameter;
	*(unsigned long *)pv = value;
	return JET_errSuccess;
}

/* A 4-byte level answered when cbMax is exactly 4, else `wrong`. */
static JET_ERR put_ulong_sized(void *pv, unsigned long cbMax, unsigned long value, JET_ERR wrong)
{
	return cbMax == sizeof(unsigned long) ? put_ulong(pv, value) : wrong;
}

static JET_ERR database_info_level(const struct sim_database_info *info, void *pv,
				   unsigned long cbMax, unsigned long level, int wide)
{
	switch (level) {
	case JET_DbInfoFilename:
		if (!pv)
			return JET_errInvalidParameter;
		return wide ? utf8_to_w_buffer(info->path, pv, cbMax)
			    : utf8_to_a_buffer(info->path, pv, cbMax);
	case JET_DbInfoConnect:
		/* the connect string is gone: an empty one, a byte is enough */
		if (cbMax < 1)
			return JET_errBufferTooSmall;
		if (!pv)
			return JET_errInvalidParameter;
		memset(pv, 0, wide && cbMax >= sizeof(WCHAR) ? sizeof(WCHAR) : 1);
		return JET_errSuccess;
	case JET_DbInfoCountry:
		return put_ulong_sized(pv, cbMax, DBINFO_COUNTRY, JET_errInvalidBufferSize);
	case JET_DbInfoLCID:
		return put_ulong_sized(pv, cbMax, DBINFO_LCID, JET_errInvalidBufferSize);
	case JET_DbInfoCp:
		return put_ulong_sized(pv, cbMax, DBINFO_CP, JET_errInvalidBufferSize);
	case JET_DbInfoCollate:
		return put_ulong_sized(pv, cbMax, DBINFO_COLLATE, JET_errInvalidBufferSize);
	case JET_DbInfoOptions:
		/* of the open and attach bits only exclusivity is reported */
		return put_ulong_sized(pv, cbMax, info->exclusive ? JET_bitDbExclusive : 0,
				       JET_errInvalidBufferSize);
	case JET_DbInfoTransactions:
		return put_ulong_sized(pv, cbMax, DBINFO_TRANSACTIONS, JET_errInvalidBufferSize);
	case JET_DbInfoVersion:
		return put_ulong_sized(pv, cbMax, DB_FORMAT_VERSION, JET_errInvalidBufferSize);
	case JET_DbInfoIsam:
		return JET_errFeatureNotAvailable;
	case JET_DbInfoFilesize:
	case JET_DbInfoFilesizeOnDisk:
		/* ESENT writes 4 bytes whatever cbMax says; a shorter buffer is
		 * refused rather than overrun */
		if (cbMax < sizeof(unsigned long))
			return JET_errBufferTooSmall;
		return put_ulong(pv, info->pages);
	case JET_DbInfoSpaceOwned:
		return put_ulong_sized(pv, cbMax, info->pages - DB_HEADER_PAGES,
				       JET_errInvalidBufferSize);
	case JET_DbInfoSpaceAvailable:
		/* no free-space tree yet: nothing is known to be free */
		if (cbMax < sizeof(unsigned long))
			return JET_errInvalidParameter;
		return put_ulong(pv, 0);
	case JET_DbInfoMisc:
		if (!is_misc_size(cbMax))
			return JET_errInvalidBufferSize;
		if (!pv)
			return JET_errInvalidParameter;
		fill_misc(pv, cbMax, &info->header);
		return JET_errSuccess;
	case JET_DbInfoPageSize:
		return put_ulong_sized(pv, cbMax, header_page_size(&info->header),
				       JET_errBufferTooSmall);
	default:
		return JET_errInvalidParameter;
	}
}

static JET_ERR get_database_info(JET_SESID sesid, JET_DBID dbid, void *pv, unsigned long cbMax,
				 unsigned long level, int wide)
{
	struct sim_database_info info;
	JET_ERR err = sim_database_info(sesid, dbid, &info);
	if (err)
		return err;
	err = database_info_level(&info, pv, cbMax, level & ~(unsigned long)JET_DbInfoUseCachedResult,
				  wide);
	free(info.path);
	return err;
}

JET_ERR JET_API JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid, void *pvResult,
				    unsigned long cbMax, unsigned long InfoLevel)
{
	return get_database_info(sesid, dbid, pvResult, cbMax, InfoLevel, 0);
}

JET_ERR JET_API JetGetDatabaseInfoW(JET_SESID sesid, JET_DBID dbid, void *pvResult,
				    unsigned long cbMax, unsigned long InfoLevel)
{
	return get_database_info(sesid, dbid, pvResult, cbMax, InfoLevel, 1);
}

static JET_ERR database_file_info_level(const struct sim_database_file_info *fi, void *pv,
					unsigned long cbMax, unsigned long level)
{
	const struct db_header *h = &fi->header;
	JET_DBINFOUPGRADE *upgrade;

	switch (level) {
	case JET_DbInfoFilesize:
	case JET_DbInfoFilesizeOnDisk:
		if (cbMax != sizeof(uint64_t))
			return JET_errInvalidBufferSize;
		if (!pv)
			return JET_errInvalidParameter;
		memcpy(pv, &fi->file_size, sizeof(uint64_t));
		return JET_errSuccess;
	case JET_DbInfoUpgrade:
		/* nothing to upgrade: the format is the engine's own */
		if (cbMax != sizeof(JET_DBINFOUPGRADE))
			return JET_errInvalidBufferSize;
		upgrade = pv;
		if (!upgrade || upgrade->cbStruct != sizeof *upgrade)
			return JET_errInvalidParameter;
		memset(upgrade, 0, sizeof *upgrade);
		upgrade->cbStruct = sizeof *upgrade;
		upgrade->cbFilesizeLow = (unsigned long)fi->file_size;
		upgrade->cbFilesizeHigh = (unsigned long)(fi->file_size >> 32);
		return JET_errSuccess;
	case JET_DbInfoMisc:
		if (!is_misc_size(cbMax))
			return JET_errInvalidBufferSize;
		/* a log or checkpoint has an ESE header, but not a database's */
		if (fi->header_error)
			return fi->file_type != JET_filetypeUnknown ? JET_errFileInvalidType
								    : fi->header_error;
		if (h->jet_filetype != JET_filetypeDatabase)
			return JET_errFileInvalidType;
		if (!pv)
			return JET_errInvalidParameter;
		fill_misc(pv, cbMax, h);
		return JET_errSuccess;
	case JET_DbInfoDBInUse:
		return put_ulong_sized(pv, cbMax, fi->attached ? TRUE : FALSE,
				       JET_errInvalidBufferSize);
	case JET_DbInfoPageSize:
		if (cbMax != sizeof(unsigned long))
			return JET_errInvalidBufferSize;
		return fi->header_error ? fi->header_error : put_ulong(pv, header_page_size(h));
	case JET_DbInfoFileType:
		return put_ulong_sized(pv, cbMax,
				       fi->file_type < FILETYPE_LIMIT ? fi->file_type
								      : JET_filetypeUnknown,
				       JET_errInvalidBufferSize);
	default:
		/* the online-only levels too: offline there is no FeatureNotAvailable */
		return JET_errInvalidParameter;
	}
}

/* The file is looked at before the level: a missing or unreadable file
 * fails whatever was asked of it. */
static JET_ERR get_database_file_info(const char *path, void *pv, unsigned long cbMax,
				      unsigned long level, JET_ERR conversion)
{
	struct sim_database_file_info fi;
	JET_ERR err;
	if (conversion)
		return conversion;
	if (!path)
		return JET_errInvalidParameter;
	err = sim_database_file_info(path, &fi);
	return err ? err : database_file_info_level(&fi, pv, cbMax, level);
}

JET_ERR JET_API JetGetDatabaseFileInfoA(const char *szDatabaseName, void *pvResult,
					unsigned long cbMax, unsigned long InfoLevel)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_a(szDatabaseName, &conv);
	err = get_database_file_info(path, pvResult, cbMax, InfoLevel, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetGetDatabaseFileInfoW(const WCHAR *szDatabaseName, void *pvResult,
					unsigned long cbMax, unsigned long InfoLevel)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_w(szDatabaseName, &conv);
	err = get_database_file_info(path, pvResult, cbMax, InfoLevel, conv);
	free(path);
	return err;
}
