#include "isam/node.h"

#include <string.h>

#include "jet_values.h"

/* usNDCbKeyMask: the top 3 bits of a key count are large pages' tag flags */
#define KEY_COUNT_MASK 0x1fff
/* the external header of a space tree's root starts with a SPLIT_BUFFER */
#define SPLIT_BUFFER_SIZE 16

int isam_node_get(const struct isam_page *pg, unsigned iline, struct isam_node *n)
{
	const unsigned char *p, *hdr;
	uint32_t cb, cb_hdr, used = 2;
	unsigned flags, hflags;
	int rc = isam_page_tag(pg, iline + pg->reserved, &p, &cb, &flags);
	if (rc != JET_errSuccess)
		return rc;
	memset(n, 0, sizeof(*n));
	n->flags = flags;
	if (flags & ISAM_NODE_COMPRESSED) {
		if (cb < 4)
			return JET_errDatabaseCorrupted;
		n->cb_prefix = isam_le16(p) & KEY_COUNT_MASK;
		p += 2;
		cb -= 2;
		/* NDIGetKeydataflags: the prefix is the external header, except
		 * on a root page, whose external header is its space header */
		rc = isam_page_tag(pg, 0, &hdr, &cb_hdr, &hflags);
		if (rc != JET_errSuccess)
			return rc;
		if (pg->flags & ISAM_PAGE_ROOT) {
			if (pg->flags & ISAM_PAGE_SPACE_TREE) {
				hdr += SPLIT_BUFFER_SIZE;
				cb_hdr = cb_hdr > SPLIT_BUFFER_SIZE ? cb_hdr - SPLIT_BUFFER_SIZE : 0;
			} else {
				n->cb_prefix = 0;
			}
		}
		if (n->cb_prefix > cb_hdr)
			return JET_errDatabaseCorrupted;
		n->prefix = hdr;
	}
	if (cb < 2)
		return JET_errDatabaseCorrupted;
	n->cb_suffix = isam_le16(p) & KEY_COUNT_MASK;
	if (used + n->cb_suffix > cb)
		return JET_errDatabaseCorrupted;
	n->suffix = p + 2;
	n->data = p + 2 + n->cb_suffix;
	n->cb_data = cb - 2 - n->cb_suffix;
	return JET_errSuccess;
}

void isam_node_key(const struct isam_node *n, unsigned char *out)
{
	if (n->cb_prefix)
		memcpy(out, n->prefix, n->cb_prefix);
	if (n->cb_suffix)
		memcpy(out + n->cb_prefix, n->suffix, n->cb_suffix);
}

int isam_node_key_cmp(const struct isam_node *n, const unsigned char *key, uint32_t cb)
{
	uint32_t a = n->cb_prefix < cb ? n->cb_prefix : cb;
	uint32_t b;
	int c = a ? memcmp(n->prefix, key, a) : 0;
	if (c)
		return c;
	if (a < n->cb_prefix)
		return 1;                         /* key ran out inside the prefix */
	key += a;
	cb -= a;
	b = n->cb_suffix < cb ? n->cb_suffix : cb;
	c = b ? memcmp(n->suffix, key, b) : 0;
	if (c)
		return c;
	return n->cb_suffix < cb ? -1 : n->cb_suffix > cb ? 1 : 0;
}
