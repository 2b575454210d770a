/*
 * An ESE page as the data path reads it (cpage.hxx): the 40-byte PGHDR, or
 * the 80-byte PGHDR2 of pages over 8 KiB, and the tag array at the page's
 * end.  Small pages keep a tag's flags in the top 3 bits of its offset
 * (13-bit offsets and sizes); large pages keep 15-bit offsets and sizes and
 * the flags in the top 3 bits of the line's first 16-bit word.  The tag
 * count's bits 12-14 hold the count of reserved tags (at least 1: tag 0,
 * the external header); lines start after them.
 */
#ifndef SIM_ISAM_PAGE_H
#define SIM_ISAM_PAGE_H

#include <stdint.h>

/* PGHDR fFlags (cpage.hxx) */
#define ISAM_PAGE_ROOT 0x0001
#define ISAM_PAGE_LEAF 0x0002
#define ISAM_PAGE_PARENT_OF_LEAF 0x0004
#define ISAM_PAGE_EMPTY 0x0008
#define ISAM_PAGE_SPACE_TREE 0x0020
#define ISAM_PAGE_INDEX 0x0040
#define ISAM_PAGE_LONG_VALUE 0x0080

struct isam_page {
	const unsigned char *buf;
	uint32_t size;
	int large;                   /* over 8 KiB: PGHDR2, 15-bit tags */
	uint32_t header;             /* 40 or 80 */
	uint32_t prev, next, objid, flags;
	unsigned tags;               /* itagMicFree */
	unsigned reserved;           /* ctagReserved, at least 1 */
};

/* JET_errDatabaseCorrupted for a header whose tag array cannot fit. */
int isam_page_parse(struct isam_page *pg, const unsigned char *buf, uint32_t size);
/* Tag itag (reserved tags included): its bytes and flags (fNDVersion,
 * fNDDeleted, fNDCompressed).  JET_errDatabaseCorrupted when it lies
 * outside the page's data area. */
int isam_page_tag(const struct isam_page *pg, unsigned itag, const unsigned char **data,
		  uint32_t *cb, unsigned *flags);
static inline unsigned isam_page_lines(const struct isam_page *pg)
{
	return pg->tags > pg->reserved ? pg->tags - pg->reserved : 0;
}

static inline uint16_t isam_le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}
static inline uint32_t isam_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t isam_le64(const unsigned char *p)
{
	return isam_le32(p) | (uint64_t)isam_le32(p + 4) << 32;
}

#endif
