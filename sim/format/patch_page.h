/*
 * The trailer page of a database stream: ESE's PATCHHDR (cpage.hxx), a
 * page numbered 0 after the data pages that tells which backup the copy
 * belongs to and which log generations bring it to a consistent state.
 * Backup writes it, restore reads it (db.cxx, ErrDBReadAndCheckDBTrailer)
 * and then replaces it.
 */
#ifndef SIM_PATCH_PAGE_H
#define SIM_PATCH_PAGE_H

#include <stdint.h>

#include "format/dbfile.h"
#include "format/format.h"

struct patch_page {
	struct bkinfo backup;           /* the mark and generations of the backup */
	struct signature db_signature, log_signature;
	uint32_t gen_min_required, gen_max_required, gen_max_committed;
};

/* PATCHHDR's fields after the 40-byte page header. */
#define PATCH_BKINFO 40
#define PATCH_DB_SIGNATURE 64
#define PATCH_LOG_SIGNATURE 92
#define PATCH_GEN_MIN_REQUIRED 120
#define PATCH_GEN_MAX_REQUIRED 124
#define PATCH_GEN_MAX_COMMITTED 128
#define PATCH_GEN_MAX_REQUIRED_TIME 132
#define PATCH_GEN_MAX_COMMITTED_TIME 140

/* JET_errBadPatchPage unless the page carries ESE's header checksum (the
 * XOR of the page's words, as ChecksumPage computes it for databaseHeader;
 * db.cxx, ErrDBReadAndCheckDBTrailer). */
/* ESE's trailer (backup.cxx, BACKUP_CONTEXT::BKIMakeDbTrailer) for the
 * database whose header is h: a zeroed page with the backup's BKINFO
 * (its gen_high raised to the header's lGenMaxCommitted where that is
 * higher), the database and log signatures, and from format
 * JET_efvLowerMinReqLogGenOnRedo on the header's required range and its
 * times (120..147); sealed with the header checksum. */
void patch_page_make(unsigned char *page, uint32_t page_size, const struct bkinfo *backup,
		     const struct db_header *h);

int patch_page_decode(const unsigned char *page, uint32_t page_size, struct patch_page *out);

#endif
