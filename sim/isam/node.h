/*
 * A node (a line of a B-tree page, node.cxx): its key, in two parts when
 * prefix-compressed (the first cb_prefix bytes of the page's external
 * header, then the node's own suffix), and its data: a child page number
 * on internal pages, a record or index entry on leaves.
 */
#ifndef SIM_ISAM_NODE_H
#define SIM_ISAM_NODE_H

#include <stdint.h>

#include "isam/page.h"

/* Line flags (node.hxx) */
#define ISAM_NODE_VERSION 0x1
#define ISAM_NODE_DELETED 0x2
#define ISAM_NODE_COMPRESSED 0x4

struct isam_node {
	const unsigned char *prefix, *suffix, *data;
	uint32_t cb_prefix, cb_suffix, cb_data;
	unsigned flags;
};

/* Line iline (from 0, after the reserved tags).  JET_errDatabaseCorrupted
 * for a node whose sizes overrun its line. */
int isam_node_get(const struct isam_page *pg, unsigned iline, struct isam_node *n);
static inline uint32_t isam_node_key_size(const struct isam_node *n)
{
	return n->cb_prefix + n->cb_suffix;
}
/* Writes the whole key (prefix then suffix) to out. */
void isam_node_key(const struct isam_node *n, unsigned char *out);
/* memcmp order, a shorter key before its extensions (ESE's key order). */
int isam_node_key_cmp(const struct isam_node *n, const unsigned char *key, uint32_t cb);

#endif
