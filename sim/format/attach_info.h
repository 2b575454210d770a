/*
 * The attach list of a log file header and of the checkpoint: ESE's
 * ATTACHINFO records (log.hxx), one per database attached with logging,
 * as LOG::LGLoadAttachmentsFromFMP (log.cxx) lays them out in the 2048
 * bytes of rgbAttach: 64 bytes of fields, then the database's full path
 * in UTF-16 with its terminator; a 0 byte (no dbid) ends the list.
 */
#ifndef SIM_ATTACH_INFO_H
#define SIM_ATTACH_INFO_H

#include <stdint.h>

#include "format/format.h"

#define ATTACH_LIST_SIZE 2048
#define ATTACH_INFO_SIZE 64

struct attach_info {
	uint8_t dbid;
	uint64_t dbtime;               /* the last dbtime given out */
	uint32_t objid_last;
	uint32_t max_pages;            /* cpgDatabaseSizeMax, 0: none */
	struct lgpos attached;         /* lgposAttach */
	struct lgpos consistent;       /* lgposConsistent of this log set, else 0 */
	struct signature db_signature;
	const char *path;              /* full path, UTF-8 (WTF-8) */
};

struct db_header;

/* The entry of a database whose header is h, attached as dbid with that
 * size limit, as LGLoadAttachmentsFromFMP fills it for a list written at
 * `next`: the header's consistent position only when it belongs to this
 * log set (log_signature) and lies before `next`. */
void attach_info_of(struct attach_info *a, uint8_t dbid, const struct db_header *h,
		    uint32_t max_pages, const char *path, const struct signature *log_signature,
		    struct lgpos next);

/* Lays out the n entries and the terminating 0 in buf (ATTACH_LIST_SIZE
 * bytes, zeroed first).  0, or -1 when they do not all fit (buf then
 * holds the empty list). */
int attach_list_encode(unsigned char *buf, const struct attach_info *list, unsigned n);

#endif
