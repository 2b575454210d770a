/*
 * The database file format, in ESE's layout: the header page and its shadow
 * copy, then data pages; page N (from 1) at offset (N + 1) × page size.
 * Header offsets are those of ESE's DBFILEHDR as libesedb and the engine
 * read them (engine notes §4); every data page starts with ESE's page
 * header and carries ESE's XOR and ECC checksum.
 */
#ifndef SIM_DBFILE_H
#define SIM_DBFILE_H

#include <stdint.h>

#include "format/format.h"
#include "os/os.h"

#define DB_FORMAT_VERSION 0x620
/* Revision 0x14 (Windows 7 onwards) stores ECC page checksums. */
#define DB_FORMAT_REVISION 0x14
/* Bytes of the header page that carry fields: everything after stays zero
 * so that ESE's whole-page and libesedb's 668-byte checksums agree. */
#define DB_HEADER_BYTES 672
/* Bytes of a read header kept as they are (DBFILEHDR is 748 bytes). */
#define DB_HEADER_KEEP 1024

/* The file types of the header's offset 12 (libesedb) */
enum db_file_kind {
	DB_FILE_DATABASE = 0,
	DB_FILE_STREAMING = 1,
};

struct db_header {
	uint32_t version, revision;
	uint32_t file_kind;          /* enum db_file_kind */
	uint32_t jet_filetype;       /* JET_filetype at offset 667 */
	uint64_t dbtime;
	struct signature db_signature, log_signature;
	uint32_t state;              /* JET_dbstate* */
	struct lgpos consistent, attach, detach;
	struct logtime consistent_time, attach_time, detach_time;
	struct bkinfo full_previous, incremental_previous, full_current;
	struct bkinfo snapshot_current, copy_previous, differential_previous;
	/* how each previous backup was made (BKINFOTYPE: 0 streaming, 1 OS
	 * snapshot, 2 snapshot, 3 surrogate) */
	uint32_t full_previous_type, incremental_previous_type;
	uint32_t copy_previous_type, differential_previous_type;
	uint32_t dbid;
	uint32_t shadowing_disabled;
	uint32_t last_objid;
	uint32_t os_major, os_minor, os_build, os_service_pack;
	uint32_t page_size;
	uint32_t repair_count;
	struct logtime repair_time;
	uint32_t required_min, required_max;   /* log generations needed */
	uint32_t creation_version, creation_revision;
	/* the log range a dirty database needs (lGenMinRequired /
	 * lGenMaxRequired / lGenMinConsistent / lGenMaxCommitted) and the
	 * creation time of its highest generation (logtimeGenMaxCreate) */
	uint32_t min_consistent, max_committed;
	struct logtime max_generation_time;
	uint64_t sort_version;
	uint32_t extend_count;
	struct logtime last_extend_time;
	struct signature header_flush;   /* signDbHdrFlush: new at each write */
	/* Fields of newer formats (0 in ours, kept current in a Windows-made
	 * file): signFlushMapHdrFlush, le_ulDaeUpdateMinor (read only),
	 * logtimeGenMaxRequired (the creation time of lGenMaxRequired), and
	 * the minimum generations redo left (le_lGenPreRedoMinConsistent /
	 * le_lGenPreRedoMinRequired) */
	struct signature flush_map_flush;
	uint32_t update_minor;
	struct logtime max_required_time;
	uint32_t pre_redo_min_consistent, pre_redo_min_required;
	/* le_lGenRecovering, le_lgposLastReAttach, le_lgposLastResize: what
	 * an attach resets (DBISetHeaderAfterAttach) */
	uint32_t gen_recovering;
	struct lgpos last_reattach, last_resize;
	/* The header as read, fields we do not interpret included: written
	 * back under ours, so a Windows-made header keeps every field. */
	unsigned char raw[DB_HEADER_KEEP];
};

void db_header_encode(const struct db_header *h, unsigned char *page, uint32_t page_size);
/* 0, or JET_errDatabaseCorrupted for a page that is no ESE database header
 * (wrong magic, version or checksum). */
int db_header_decode(const unsigned char *page, uint32_t page_size, struct db_header *h);

/* Reads the header (falling back to the shadow copy), and learns the page
 * size from it.  JET_errFileNotFound / JET_errDatabaseCorrupted /
 * JET_errInvalidDatabaseVersion / JET_errDiskIO. */
int db_header_read(os_file *f, struct db_header *h);
/* The JET_filetype a 4 KiB ESE header names (a log's, a checkpoint's, a
 * 4 KiB-page database's): its byte 667, when the first 4 KiB carry a valid
 * header checksum; else JET_filetypeUnknown.  db_header_read reads the
 * header of a database of any page size. */
uint32_t ese_file_type(os_file *f);
/* 1 when the file at path is an ESE file of another type than `expected`
 * (its header says so): a file the engine must not write as one of its
 * own, whatever its name.  0 when absent, unreadable or of that type. */
int ese_path_is_other_type(const char *path, uint32_t expected);
/* A clean header needs no log: its required range is all 0. */
void db_header_clear_required(struct db_header *h);
/* ErrDBFormatFeatureEnabled: the header's format (le_ulVersion,
 * le_ulDaeUpdateMajor, le_ulDaeUpdateMinor) is at least the feature's,
 * sysver.cxx's table, whose major is ours (0x620). */
int db_header_format_at_least(const struct db_header *h, uint32_t update_major,
			      uint32_t update_minor);
#define DB_FORMAT_LOGTIME_GEN_MAX_REQUIRED 150, 320    /* JET_efvLogtimeGenMaxRequired */
#define DB_FORMAT_LOWER_MIN_REQ_ON_REDO 160, 360       /* JET_efvLowerMinReqLogGenOnRedo */
#define DB_FORMAT_LGPOS_LAST_RESIZE 110, 240           /* JET_efvLgposLastResize */
/* le_lgposLastResize, kept from format JET_efvLgposLastResize on: moved
 * forward to an attach or a resize logged at `at` (db.cxx,
 * DBISetHeaderAfterAttach; io.cxx, the header after a resize), or set to
 * lgposConsistent when the database is made consistent (db.cxx's detach,
 * io.cxx's ErrIOTermFMP). */
void db_header_resized_at(struct db_header *h, struct lgpos at);
void db_header_consistent_resize(struct db_header *h);
/* While attached: the log range the database needs, min..max, max
 * created at max_created (ESE's LOG::ErrLGUpdateGenRequired). */
void db_header_note_required(struct db_header *h, uint32_t min, uint32_t max,
			     struct logtime max_created);
/* Writes the header and its shadow, with a new header-flush signature. */
int db_header_write(os_file *f, const struct db_header *h);

/* ESE page flags (cpage.hxx) we use. */
#define PAGE_FLAG_ROOT 0x0001
#define PAGE_FLAG_LEAF 0x0002
#define PAGE_FLAG_PARENT_OF_LEAF 0x0004
#define PAGE_FLAG_EMPTY 0x0008
#define PAGE_FLAG_SPACE_TREE 0x0020
#define PAGE_FLAG_NEW_RECORD_FORMAT 0x0800
#define PAGE_FLAG_NEW_CHECKSUM 0x2000

/* A fresh page: zeroed, ESE page header, one empty tag, sealed. */
void page_init(unsigned char *page, uint32_t page_size, uint32_t pgno, uint64_t dbtime,
	       uint32_t objid, uint32_t flags);
uint64_t page_dbtime(const unsigned char *page);
void page_set_dbtime(unsigned char *page, uint64_t dbtime);
/* Where a page's free-form contents lie: after ESE's page header (40
 * bytes, 80 for pages of 16 KiB and more) and before its tag array. */
uint32_t page_data_start(uint32_t page_size);
uint32_t page_data_end(uint32_t page_size);
/* Computes and stores the checksum; call after every change. */
void page_seal(unsigned char *page, uint32_t page_size, uint32_t pgno);
/* 1 when the stored checksum matches the contents. */
int page_verify(const unsigned char *page, uint32_t page_size, uint32_t pgno);
/* 1 for a page never written: all its bytes zero (ESE's
 * CPAGE::FPageIsInitialized is the opposite). */
int page_is_uninitialised(const unsigned char *page, uint32_t page_size);
/* ESE's ErrValidatePage, in its order: JET_errPageNotInitialized for a
 * never-written page, JET_errReadVerifyFailure for a bad checksum. */
int page_validate(const unsigned char *page, uint32_t page_size, uint32_t pgno);

uint64_t page_offset(uint32_t page_size, uint32_t pgno);
/* page_validate's codes, JET_errFileIOBeyondEOF past the end,
 * JET_errDiskIO for an I/O error. */
int page_read(os_file *f, uint32_t page_size, uint32_t pgno, unsigned char *page);
int page_write(os_file *f, uint32_t page_size, uint32_t pgno, const unsigned char *page);
/* Neighbouring pages from pgno on, len bytes (a whole number of pages)
 * in one write; the codes of page_write. */
int page_run_write(os_file *f, uint32_t page_size, uint32_t pgno, const unsigned char *pages,
		   size_t len);

#endif
