#include "isam/page.h"

#include "jet_values.h"

/* PGHDR field offsets (cpage.hxx) */
#define PG_PREV 16
#define PG_NEXT 20
#define PG_OBJID 24
#define PG_ITAG_STATE 34
#define PG_FLAGS 36

int isam_page_parse(struct isam_page *pg, const unsigned char *buf, uint32_t size)
{
	uint16_t state = isam_le16(buf + PG_ITAG_STATE);
	pg->buf = buf;
	pg->size = size;
	/* FIsSmallPage: 8 KiB and under */
	pg->large = size > 8192;
	pg->header = pg->large ? 80 : 40;
	pg->prev = isam_le32(buf + PG_PREV);
	pg->next = isam_le32(buf + PG_NEXT);
	pg->objid = isam_le32(buf + PG_OBJID);
	pg->flags = isam_le32(buf + PG_FLAGS);
	pg->tags = state & 0x0fff;
	pg->reserved = (state & 0x7000) >> 12;
	/* pages written before reserved tags were counted have one */
	if (pg->reserved < 1)
		pg->reserved = 1;
	if (pg->header + 4u * pg->tags > size)
		return JET_errDatabaseCorrupted;
	return JET_errSuccess;
}

int isam_page_tag(const struct isam_page *pg, unsigned itag, const unsigned char **data,
		  uint32_t *cb, unsigned *flags)
{
	const unsigned char *tag;
	uint16_t cb_, ib_;
	uint32_t ib, end;
	if (itag >= pg->tags)
		return JET_errDatabaseCorrupted;
	tag = pg->buf + pg->size - 4u * (itag + 1);
	cb_ = isam_le16(tag);
	ib_ = isam_le16(tag + 2);
	end = pg->size - 4u * pg->tags;
	if (pg->large) {
		*cb = cb_ & 0x7fff;
		ib = ib_ & 0x7fff;
	} else {
		*cb = cb_ & 0x1fff;
		ib = ib_ & 0x1fff;
	}
	if (pg->header + ib + *cb > end)
		return JET_errDatabaseCorrupted;
	*data = pg->buf + pg->header + ib;
	if (!pg->large)
		*flags = ib_ >> 13;
	else
		*flags = *cb >= 2 ? isam_le16(*data) >> 13 : 0;
	return JET_errSuccess;
}
