/*
 * Database file format.  Header offsets: engine notes §4 (ESE's DBFILEHDR,
 * as libesedb reads it).  Page header: ESE's PGHDR for pages up to 8 KiB
 * (checksum 8, dbtimeDirtied 8, pgnoPrev 4, pgnoNext 4, objidFDP 4,
 * cbFree 2, cbUncommittedFree 2, ibMicFree 2, itagMicFree 2, fFlags 4),
 * followed by the page's data; its tag array grows down from the end.
 */
#include "format/dbfile.h"

#include <stdlib.h>
#include <string.h>

#include "format/page_checksum.h"
#include "jet_values.h"

/* DBFILEHDR offsets */
enum {
	H_CHECKSUM = 0, H_MAGIC = 4, H_VERSION = 8, H_FILE_KIND = 12, H_DBTIME = 16,
	H_DB_SIGNATURE = 24, H_STATE = 52, H_CONSISTENT = 56, H_CONSISTENT_TIME = 64,
	H_ATTACH_TIME = 72, H_ATTACH = 80, H_DETACH_TIME = 88, H_DETACH = 96,
	H_DBID = 104, H_LOG_SIGNATURE = 108, H_FULL_PREVIOUS = 136, H_INCREMENTAL_PREVIOUS = 160,
	H_FULL_CURRENT = 184, H_DB_FLAGS = 208, H_LAST_OBJID = 212,
	H_OS_MAJOR = 216, H_OS_MINOR = 220, H_OS_BUILD = 224, H_OS_SERVICE_PACK = 228,
	H_REVISION = 232, H_PAGE_SIZE = 236, H_REPAIR_COUNT = 240, H_REPAIR_TIME = 244,
	H_REQUIRED_MIN = 296, H_REQUIRED_MAX = 300, H_SNAPSHOT_CURRENT = 316,
	H_CREATION_VERSION = 340, H_CREATION_REVISION = 344, H_GEN_MAX_CREATE_TIME = 348,
	H_MAX_COMMITTED = 416, H_SORT_VERSION = 508, H_EXTEND_COUNT = 540,
	H_LAST_EXTEND_TIME = 544, H_HEADER_FLUSH = 584, H_MIN_CONSISTENT = 640,
	H_FULL_PREVIOUS_TYPE = 356, H_INCREMENTAL_PREVIOUS_TYPE = 360,
	H_COPY_PREVIOUS_TYPE = 468, H_DIFFERENTIAL_PREVIOUS_TYPE = 472,
	H_COPY_PREVIOUS = 420, H_DIFFERENTIAL_PREVIOUS = 444,
	H_JET_FILETYPE = 667,
	/* DBFILEHDR (daedef.hxx): signFlushMapHdrFlush 612, le_ulDaeUpdateMinor
	 * 644, logtimeGenMaxRequired 672, le_lGenPreRedoMinConsistent 680,
	 * le_lGenPreRedoMinRequired 684 */
	H_FLUSH_MAP_FLUSH = 612, H_UPDATE_MINOR = 644, H_GEN_MAX_REQUIRED_TIME = 672,
	H_PRE_REDO_MIN_CONSISTENT = 680, H_PRE_REDO_MIN_REQUIRED = 684,
	/* le_lGenRecovering 536, le_lgposLastReAttach 572, le_lgposLastResize 656 */
	H_GEN_RECOVERING = 536, H_LAST_REATTACH = 572, H_LAST_RESIZE = 656,
};

/* m_ulDbFlags, byte 208 */
#define DB_FLAG_SHADOWING_DISABLED 0x01

void db_header_encode(const struct db_header *h, unsigned char *page, uint32_t page_size)
{
	memset(page, 0, page_size);
	memcpy(page, h->raw, page_size < DB_HEADER_KEEP ? page_size : DB_HEADER_KEEP);
	put32(page + H_MAGIC, ESE_MAGIC);
	put32(page + H_VERSION, h->version);
	put32(page + H_FILE_KIND, h->file_kind);
	put64(page + H_DBTIME, h->dbtime);
	signature_put(page + H_DB_SIGNATURE, &h->db_signature);
	put32(page + H_STATE, h->state);
	lgpos_put(page + H_CONSISTENT, h->consistent);
	memcpy(page + H_CONSISTENT_TIME, h->consistent_time.b, LOGTIME_SIZE);
	memcpy(page + H_ATTACH_TIME, h->attach_time.b, LOGTIME_SIZE);
	lgpos_put(page + H_ATTACH, h->attach);
	memcpy(page + H_DETACH_TIME, h->detach_time.b, LOGTIME_SIZE);
	lgpos_put(page + H_DETACH, h->detach);
	signature_put(page + H_LOG_SIGNATURE, &h->log_signature);
	bkinfo_put(page + H_FULL_PREVIOUS, &h->full_previous);
	bkinfo_put(page + H_INCREMENTAL_PREVIOUS, &h->incremental_previous);
	bkinfo_put(page + H_FULL_CURRENT, &h->full_current);
	put32(page + H_DBID, h->dbid);
	put32(page + H_DB_FLAGS, (get32(page + H_DB_FLAGS) & ~(uint32_t)DB_FLAG_SHADOWING_DISABLED) |
				 (h->shadowing_disabled ? DB_FLAG_SHADOWING_DISABLED : 0));
	put32(page + H_LAST_OBJID, h->last_objid);
	put32(page + H_OS_MAJOR, h->os_major);
	put32(page + H_OS_MINOR, h->os_minor);
	put32(page + H_OS_BUILD, h->os_build);
	put32(page + H_OS_SERVICE_PACK, h->os_service_pack);
	put32(page + H_REVISION, h->revision);
	put32(page + H_PAGE_SIZE, h->page_size);
	put32(page + H_REPAIR_COUNT, h->repair_count);
	memcpy(page + H_REPAIR_TIME, h->repair_time.b, LOGTIME_SIZE);
	put32(page + H_REQUIRED_MIN, h->required_min);
	put32(page + H_REQUIRED_MAX, h->required_max);
	bkinfo_put(page + H_SNAPSHOT_CURRENT, &h->snapshot_current);
	put32(page + H_CREATION_VERSION, h->creation_version);
	put32(page + H_CREATION_REVISION, h->creation_revision);
	memcpy(page + H_GEN_MAX_CREATE_TIME, h->max_generation_time.b, LOGTIME_SIZE);
	put32(page + H_MAX_COMMITTED, h->max_committed);
	put64(page + H_SORT_VERSION, h->sort_version);
	put32(page + H_EXTEND_COUNT, h->extend_count);
	memcpy(page + H_LAST_EXTEND_TIME, h->last_extend_time.b, LOGTIME_SIZE);
	signature_put(page + H_HEADER_FLUSH, &h->header_flush);
	put32(page + H_MIN_CONSISTENT, h->min_consistent);
	signature_put(page + H_FLUSH_MAP_FLUSH, &h->flush_map_flush);
	memcpy(page + H_GEN_MAX_REQUIRED_TIME, h->max_required_time.b, LOGTIME_SIZE);
	put32(page + H_PRE_REDO_MIN_CONSISTENT, h->pre_redo_min_consistent);
	put32(page + H_PRE_REDO_MIN_REQUIRED, h->pre_redo_min_required);
	put32(page + H_GEN_RECOVERING, h->gen_recovering);
	lgpos_put(page + H_LAST_REATTACH, h->last_reattach);
	lgpos_put(page + H_LAST_RESIZE, h->last_resize);
	bkinfo_put(page + H_COPY_PREVIOUS, &h->copy_previous);
	bkinfo_put(page + H_DIFFERENTIAL_PREVIOUS, &h->differential_previous);
	put32(page + H_FULL_PREVIOUS_TYPE, h->full_previous_type);
	put32(page + H_INCREMENTAL_PREVIOUS_TYPE, h->incremental_previous_type);
	put32(page + H_COPY_PREVIOUS_TYPE, h->copy_previous_type);
	put32(page + H_DIFFERENTIAL_PREVIOUS_TYPE, h->differential_previous_type);
	/* one byte: JET_filetype values are small and the bytes after
	 * offset 667 must stay zero for libesedb's checksum range */
	page[H_JET_FILETYPE] = (unsigned char)h->jet_filetype;
	put32(page + H_CHECKSUM, checksum_header(page, page_size));
}

int db_header_decode(const unsigned char *page, uint32_t page_size, struct db_header *h)
{
	memset(h, 0, sizeof *h);
	if (get32(page + H_MAGIC) != ESE_MAGIC)
		return JET_errDatabaseCorrupted;
	if (get32(page + H_CHECKSUM) != checksum_header(page, page_size))
		return JET_errDatabaseCorrupted;
	h->version = get32(page + H_VERSION);
	h->file_kind = get32(page + H_FILE_KIND);
	h->dbtime = get64(page + H_DBTIME);
	signature_get(page + H_DB_SIGNATURE, &h->db_signature);
	h->state = get32(page + H_STATE);
	h->consistent = lgpos_get(page + H_CONSISTENT);
	memcpy(h->consistent_time.b, page + H_CONSISTENT_TIME, LOGTIME_SIZE);
	memcpy(h->attach_time.b, page + H_ATTACH_TIME, LOGTIME_SIZE);
	h->attach = lgpos_get(page + H_ATTACH);
	memcpy(h->detach_time.b, page + H_DETACH_TIME, LOGTIME_SIZE);
	h->detach = lgpos_get(page + H_DETACH);
	signature_get(page + H_LOG_SIGNATURE, &h->log_signature);
	bkinfo_get(page + H_FULL_PREVIOUS, &h->full_previous);
	bkinfo_get(page + H_INCREMENTAL_PREVIOUS, &h->incremental_previous);
	bkinfo_get(page + H_FULL_CURRENT, &h->full_current);
	h->dbid = get32(page + H_DBID);
	h->shadowing_disabled = (get32(page + H_DB_FLAGS) & DB_FLAG_SHADOWING_DISABLED) != 0;
	h->last_objid = get32(page + H_LAST_OBJID);
	h->os_major = get32(page + H_OS_MAJOR);
	h->os_minor = get32(page + H_OS_MINOR);
	h->os_build = get32(page + H_OS_BUILD);
	h->os_service_pack = get32(page + H_OS_SERVICE_PACK);
	h->revision = get32(page + H_REVISION);
	h->page_size = get32(page + H_PAGE_SIZE);
	h->repair_count = get32(page + H_REPAIR_COUNT);
	memcpy(h->repair_time.b, page + H_REPAIR_TIME, LOGTIME_SIZE);
	h->required_min = get32(page + H_REQUIRED_MIN);
	h->required_max = get32(page + H_REQUIRED_MAX);
	bkinfo_get(page + H_SNAPSHOT_CURRENT, &h->snapshot_current);
	h->creation_version = get32(page + H_CREATION_VERSION);
	h->creation_revision = get32(page + H_CREATION_REVISION);
	memcpy(h->max_generation_time.b, page + H_GEN_MAX_CREATE_TIME, LOGTIME_SIZE);
	h->max_committed = get32(page + H_MAX_COMMITTED);
	h->sort_version = get64(page + H_SORT_VERSION);
	h->extend_count = get32(page + H_EXTEND_COUNT);
	memcpy(h->last_extend_time.b, page + H_LAST_EXTEND_TIME, LOGTIME_SIZE);
	signature_get(page + H_HEADER_FLUSH, &h->header_flush);
	h->min_consistent = get32(page + H_MIN_CONSISTENT);
	signature_get(page + H_FLUSH_MAP_FLUSH, &h->flush_map_flush);
	h->update_minor = get32(page + H_UPDATE_MINOR);
	memcpy(h->max_required_time.b, page + H_GEN_MAX_REQUIRED_TIME, LOGTIME_SIZE);
	h->pre_redo_min_consistent = get32(page + H_PRE_REDO_MIN_CONSISTENT);
	h->pre_redo_min_required = get32(page + H_PRE_REDO_MIN_REQUIRED);
	h->gen_recovering = get32(page + H_GEN_RECOVERING);
	h->last_reattach = lgpos_get(page + H_LAST_REATTACH);
	h->last_resize = lgpos_get(page + H_LAST_RESIZE);
	memcpy(h->raw, page, page_size < DB_HEADER_KEEP ? page_size : DB_HEADER_KEEP);
	bkinfo_get(page + H_COPY_PREVIOUS, &h->copy_previous);
	bkinfo_get(page + H_DIFFERENTIAL_PREVIOUS, &h->differential_previous);
	h->full_previous_type = get32(page + H_FULL_PREVIOUS_TYPE);
	h->incremental_previous_type = get32(page + H_INCREMENTAL_PREVIOUS_TYPE);
	h->copy_previous_type = get32(page + H_COPY_PREVIOUS_TYPE);
	h->differential_previous_type = get32(page + H_DIFFERENTIAL_PREVIOUS_TYPE);
	h->jet_filetype = page[H_JET_FILETYPE];
	return JET_errSuccess;
}

static int is_page_size(uint32_t n)
{
	return n == 2048 || n == 4096 || n == 8192 || n == 16384 || n == 32768;
}

/* One copy of the header at offset, of the size its own page-size field
 * gives (0 meaning ESE's historical 4 KiB). */
static int read_header_copy(os_file *f, uint64_t offset, struct db_header *h)
{
	unsigned char small[DB_HEADER_BYTES];
	unsigned char *page;
	uint32_t page_size;
	size_t got = 0;
	int err;

	if (os_file_read_at(f, offset, small, sizeof small, &got) != OS_OK)
		return JET_errDiskIO;
	if (got < sizeof small || get32(small + H_MAGIC) != ESE_MAGIC)
		return JET_errDatabaseCorrupted;
	page_size = get32(small + H_PAGE_SIZE);
	if (page_size == 0)
		page_size = 4096;
	if (!is_page_size(page_size))
		return JET_errDatabaseCorrupted;
	page = malloc(page_size);
	if (!page)
		return JET_errOutOfMemory;
	if (os_file_read_at(f, offset, page, page_size, &got) != OS_OK)
		err = JET_errDiskIO;
	else if (got < page_size)
		err = JET_errDatabaseCorrupted;
	else
		err = db_header_decode(page, page_size, h);
	if (!err && h->page_size == 0)
		h->page_size = 4096;
	free(page);
	return err;
}

int db_header_read(os_file *f, struct db_header *h)
{
	int err = read_header_copy(f, 0, h);
	if (err == JET_errDatabaseCorrupted) {
		/* the shadow copy, one page further, at each page size there is */
		static const uint32_t sizes[] = { 4096, 8192, 16384, 32768, 2048 };
		for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			if (read_header_copy(f, sizes[i], h) == JET_errSuccess &&
			    h->page_size == sizes[i]) {
				err = JET_errSuccess;
				break;
			}
		}
	}
	if (!err && h->version != DB_FORMAT_VERSION)
		err = JET_errInvalidDatabaseVersion;
	return err;
}

uint32_t ese_file_type(os_file *f)
{
	unsigned char buf[4096];
	size_t got = 0;
	if (os_file_read_at(f, 0, buf, sizeof buf, &got) != OS_OK || got < sizeof buf ||
	    get32(buf) != checksum_header(buf, sizeof buf))
		return JET_filetypeUnknown;
	return get32(buf + H_JET_FILETYPE);
}

int ese_path_is_other_type(const char *path, uint32_t expected)
{
	os_file *f;
	uint32_t type;
	if (os_file_open(path, OS_OPEN_READ, &f) != OS_OK)
		return 0;
	type = ese_file_type(f);
	os_file_close(f);
	return type != JET_filetypeUnknown && type != expected;
}

void db_header_clear_required(struct db_header *h)
{
	static const struct logtime unset;
	h->required_min = h->required_max = h->min_consistent = h->max_committed = 0;
	h->max_generation_time = unset;
	h->max_required_time = unset;
}

int db_header_format_at_least(const struct db_header *h, uint32_t update_major,
			      uint32_t update_minor)
{
	if (h->version != DB_FORMAT_VERSION)
		return h->version > DB_FORMAT_VERSION;
	if (h->revision != update_major)
		return h->revision > update_major;
	return h->update_minor >= update_minor;
}

void db_header_resized_at(struct db_header *h, struct lgpos at)
{
	if (db_header_format_at_least(h, DB_FORMAT_LGPOS_LAST_RESIZE) &&
	    lgpos_compare(at, h->last_resize) > 0)
		h->last_resize = at;
}

void db_header_consistent_resize(struct db_header *h)
{
	if (db_header_format_at_least(h, DB_FORMAT_LGPOS_LAST_RESIZE))
		h->last_resize = h->consistent;
}

/* LOG::ErrLGUpdateGenRequired (log.cxx): the time of the highest required generation is stamped from format
 * JET_efvLogtimeGenMaxRequired on (the creation time of the committed
 * generation when they are the same one); a minimum that reaches the
 * value redo left in le_lGenPreRedoMin* clears it. */
void db_header_note_required(struct db_header *h, uint32_t min, uint32_t max,
			     struct logtime max_created)
{
	uint32_t old_min = h->required_min, old_consistent = h->min_consistent;
	h->required_min = h->min_consistent = min;
	h->required_max = h->max_committed = max;
	h->max_generation_time = max_created;
	if (db_header_format_at_least(h, DB_FORMAT_LOGTIME_GEN_MAX_REQUIRED))
		h->max_required_time = max_created;
	if (min != old_min && h->pre_redo_min_required && min >= h->pre_redo_min_required)
		h->pre_redo_min_required = 0;
	if (min != old_consistent && h->pre_redo_min_consistent &&
	    min >= h->pre_redo_min_consistent)
		h->pre_redo_min_consistent = 0;
}

int db_header_write(os_file *f, const struct db_header *h)
{
	unsigned char *page = malloc(h->page_size);
	struct db_header written = *h;
	int rc = OS_OK;
	if (!page)
		return JET_errOutOfMemory;
	/* signDbHdrFlush: a new random signature at each header flush, as ESE
	 * makes one (daedef.hxx) */
	signature_new(&written.header_flush);
	/* signFlushMapHdrFlush: reset at each flush by an engine that keeps no
	 * persisted flush map (flushmap.cxx, CFlushMap::EnterDbHeaderFlush;
	 * SIGResetSignature zeroes it), whatever a Windows-made file said */
	memset(&written.flush_map_flush, 0, sizeof written.flush_map_flush);
	db_header_encode(&written, page, h->page_size);
	rc = os_file_write_at(f, 0, page, h->page_size);
	if (rc == OS_OK)
		rc = os_file_write_at(f, h->page_size, page, h->page_size);
	free(page);
	return rc == OS_OK ? JET_errSuccess : rc == OS_DISK_FULL ? JET_errDiskFull : JET_errDiskIO;
}

/* PGHDR offsets */
enum {
	P_CHECKSUM = 0, P_DBTIME = 8, P_PREV = 16, P_NEXT = 20, P_OBJID = 24, P_FREE = 28,
	P_UNCOMMITTED_FREE = 30, P_MIC_FREE = 32, P_TAG_MIC_FREE = 34, P_FLAGS = 36,
	/* PGHDR2, pages of 16 and 32 KiB */
	P_BLOCK_CHECKSUMS = 40, P_LARGE_PGNO = 64,
};
#define PAGE_TAG_SIZE 4

uint32_t page_data_start(uint32_t page_size)
{
	return page_size > 8192 ? 80 : 40;
}

uint32_t page_data_end(uint32_t page_size)
{
	return page_size - PAGE_TAG_SIZE;
}

void page_init(unsigned char *page, uint32_t page_size, uint32_t pgno, uint64_t dbtime,
	       uint32_t objid, uint32_t flags)
{
	memset(page, 0, page_size);
	put64(page + P_DBTIME, dbtime);
	put32(page + P_OBJID, objid);
	/* one tag (the page's external header, empty): everything between
	 * the header and the tag array is free */
	put16(page + P_FREE, (uint16_t)(page_size - page_data_start(page_size) - PAGE_TAG_SIZE));
	put16(page + P_MIC_FREE, 0);
	put16(page + P_TAG_MIC_FREE, 1);
	put32(page + P_FLAGS, flags | PAGE_FLAG_NEW_CHECKSUM | PAGE_FLAG_NEW_RECORD_FORMAT);
	page_seal(page, page_size, pgno);
}

uint64_t page_dbtime(const unsigned char *page)
{
	return get64(page + P_DBTIME);
}

void page_set_dbtime(unsigned char *page, uint64_t dbtime)
{
	put64(page + P_DBTIME, dbtime);
}

/* Pages of 16 and 32 KiB (ESE's PGHDR2) checksum three further blocks
 * into the header, which holds the page number, and then the first block. */
static int is_large_page(uint32_t page_size)
{
	return page_size > 8192;
}

static uint32_t block_size(uint32_t page_size)
{
	return page_size == 16384 ? 4096 : 8192;
}

static uint64_t page_checksum(unsigned char *page, uint32_t page_size, uint32_t pgno, int store)
{
	if (!is_large_page(page_size))
		return page_block_checksum(page, page_size, pgno, 2);
	uint32_t blk = block_size(page_size);
	for (uint32_t k = 1; k < page_size / blk; k++) {
		uint64_t c = page_block_checksum(page + k * blk, blk, pgno, 0);
		if (store)
			put64(page + P_BLOCK_CHECKSUMS + 8 * (k - 1), c);
		else if (get64(page + P_BLOCK_CHECKSUMS + 8 * (k - 1)) != c)
			return ~get64(page + P_CHECKSUM);   /* a mismatch, whatever is stored */
	}
	if (store)
		put32(page + P_LARGE_PGNO, pgno);
	return page_block_checksum(page, blk, pgno, 2);
}

void page_seal(unsigned char *page, uint32_t page_size, uint32_t pgno)
{
	put64(page + P_CHECKSUM, page_checksum(page, page_size, pgno, 1));
}

int page_verify(const unsigned char *page, uint32_t page_size, uint32_t pgno)
{
	if (is_large_page(page_size) && get32(page + P_LARGE_PGNO) != pgno)
		return 0;
	return get64(page + P_CHECKSUM) ==
	       page_checksum((unsigned char *)page, page_size, pgno, 0);
}

int page_is_uninitialised(const unsigned char *page, uint32_t page_size)
{
	for (uint32_t i = 0; i < page_size; i++)
		if (page[i])
			return 0;
	return 1;
}

/* cpage.cxx, CPAGE::ErrValidatePage: the uninitialised check comes first
 * (ErrCheckForUninitializedPage_), then the checksum.  An all-zero page
 * never verifies (its stored checksum 0 is not the page number's), so the
 * zero scan is left to pages that fail: same answer, no cost for the rest. */
int page_validate(const unsigned char *page, uint32_t page_size, uint32_t pgno)
{
	if (page_verify(page, page_size, pgno))
		return JET_errSuccess;
	return page_is_uninitialised(page, page_size) ? JET_errPageNotInitialized
						       : JET_errReadVerifyFailure;
}

uint64_t page_offset(uint32_t page_size, uint32_t pgno)
{
	return ((uint64_t)pgno + 1) * page_size;
}

int page_read(os_file *f, uint32_t page_size, uint32_t pgno, unsigned char *page)
{
	size_t got = 0;
	if (os_file_read_at(f, page_offset(page_size, pgno), page, page_size, &got) != OS_OK)
		return JET_errDiskIO;
	if (got < page_size)
		return JET_errFileIOBeyondEOF;
	return page_validate(page, page_size, pgno);
}

int page_run_write(os_file *f, uint32_t page_size, uint32_t pgno, const unsigned char *pages,
		   size_t len)
{
	int rc = os_file_write_at(f, page_offset(page_size, pgno), pages, len);
	return rc == OS_OK ? JET_errSuccess : rc == OS_DISK_FULL ? JET_errDiskFull : JET_errDiskIO;
}

int page_write(os_file *f, uint32_t page_size, uint32_t pgno, const unsigned char *page)
{
	return page_run_write(f, page_size, pgno, page, page_size);
}
