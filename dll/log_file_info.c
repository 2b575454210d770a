/*
 * JetGetLogFileInfo*: the header of a log file, offline, as JET_LOGINFOMISC,
 * JET_LOGINFOMISC2 or JET_LOGINFOMISC3 (jetapi.cxx, JetGetLogFileInfoEx and
 * ErrGetLogInfoMiscFromLgfilehdr).  MinGW's header has none of the three
 * structures: they are written at the offsets the SDK's layout gives them
 * (4-byte longs; the 64-bit checksum of JET_LOGINFOMISC3 aligned to 8).
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "log/log.h"
#include "strings.h"

/* JET_LOGINFOMISC: 80 bytes; MISC2 adds lgposCheckpoint (88); MISC3 then
 * ulVersionMinorDeprecated and checksumPrevLogAllSegments (104). */
enum {
	M_GENERATION = 0, M_SIGNATURE = 4, M_CREATED = 32, M_PREVIOUS = 40, M_FLAGS = 48,
	M_MAJOR = 52, M_VERSION2 = 56, M_VERSION3 = 60, M_SECTOR = 64, M_HEADER = 68,
	M_FILE = 72, M_PAGE = 76, M_CHECKPOINT = 80, M_MINOR_DEPRECATED = 88, M_CHECKSUM = 96,
	MISC_SIZE = 80, MISC2_SIZE = 88, MISC3_SIZE = 104,
};

static void put_ulong(unsigned char *p, unsigned off, uint32_t v)
{
	memcpy(p + off, &v, sizeof v);
}

/* The buffer's size is checked after the header was read, as the engine
 * does; each level wants exactly its structure's size. */
static JET_ERR log_file_info(const char *path, void *pv, unsigned long cb, unsigned long level,
			     JET_ERR conversion)
{
	static const unsigned long sizes[] = { MISC_SIZE, MISC2_SIZE, MISC3_SIZE };
	struct log_file_info fi;
	unsigned char *p = pv;
	JET_ERR err;

	if (conversion)
		return conversion;
	if (!path || !path[0])
		return JET_errInvalidParameter;
	err = log_file_info_read(path, &fi);
	/* the level is looked at once the file is open, before its header
	 * is read */
	if (level > JET_LogInfoMisc3 && err != JET_errFileNotFound && err != JET_errInvalidPath &&
	    err != JET_errFileAccessDenied)
		return JET_errInvalidParameter;
	if (err)
		return err;
	if (cb != sizes[level])
		return JET_errInvalidBufferSize;
	if (!pv)
		return JET_errInvalidParameter;
	memset(p, 0, cb);
	put_ulong(p, M_GENERATION, fi.generation);
	memcpy(p + M_SIGNATURE, fi.signature, sizeof fi.signature);
	memcpy(p + M_CREATED, fi.created.b, sizeof fi.created.b);
	memcpy(p + M_PREVIOUS, fi.previous_created.b, sizeof fi.previous_created.b);
	put_ulong(p, M_FLAGS, fi.flags);
	put_ulong(p, M_MAJOR, fi.major);
	/* cbHeader and cbFile carry the header's sector counts, as the
	 * engine copies them */
	put_ulong(p, M_SECTOR, fi.sector_size);
	put_ulong(p, M_HEADER, fi.header_sectors);
	put_ulong(p, M_FILE, fi.file_sectors);
	put_ulong(p, M_PAGE, fi.db_page_size);
	if (level == JET_LogInfoMisc3) {
		put_ulong(p, M_VERSION2, fi.update_major);
		put_ulong(p, M_VERSION3, fi.update_minor);
		put_ulong(p, M_MINOR_DEPRECATED, fi.minor);
		memcpy(p + M_CHECKSUM, &fi.checksum_previous, sizeof fi.checksum_previous);
	} else {
		put_ulong(p, M_VERSION2, fi.minor);
		put_ulong(p, M_VERSION3, fi.update_major);
	}
	if (level != JET_LogInfoMisc)
		memcpy(p + M_CHECKPOINT, fi.checkpoint, sizeof fi.checkpoint);
	return JET_errSuccess;
}

JET_ERR JET_API JetGetLogFileInfoA(JET_PCSTR szLog, void *pvResult, const unsigned long cbMax,
				   const unsigned long InfoLevel)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_a(szLog, &conv);
	err = log_file_info(path, pvResult, cbMax, InfoLevel, conv);
	free(path);
	return err;
}

JET_ERR JET_API JetGetLogFileInfoW(JET_PCWSTR szLog, void *pvResult, const unsigned long cbMax,
				   const unsigned long InfoLevel)
{
	JET_ERR conv = JET_errSuccess, err;
	char *path = utf8_from_w(szLog, &conv);
	err = log_file_info(path, pvResult, cbMax, InfoLevel, conv);
	free(path);
	return err;
}
