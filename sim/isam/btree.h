/*
 * A cursor over one B-tree (bt.cxx, dir.cxx): from its root (the tree's
 * FDP page) down internal pages to leaves, then along the leaf chain in
 * either direction.  Deleted nodes are passed over.  The cursor keeps a
 * copy of its current leaf, so reading other trees meanwhile is safe.
 */
#ifndef SIM_ISAM_BTREE_H
#define SIM_ISAM_BTREE_H

#include <stdint.h>

#include "isam/node.h"
#include "isam/page.h"
#include "isam/pager.h"

enum isam_bt_state { ISAM_BT_BEFORE_FIRST, ISAM_BT_ON, ISAM_BT_AFTER_LAST };

struct isam_btree {
	struct isam_pager *pager;
	uint32_t root;
	uint32_t objid;              /* the root's objidFDP: every page of the tree has it */
	enum isam_bt_state state;
	uint32_t pgno;               /* current leaf */
	unsigned iline;
	struct isam_page page;
	unsigned char *buf;
	struct isam_node node;       /* current node (points into buf) */
	unsigned char *key;          /* current node's whole key */
	uint32_t cb_key;
};

/* JET_errOutOfMemory, or the root page's read error. */
int isam_btree_open(struct isam_btree *bt, struct isam_pager *pager, uint32_t root);
void isam_btree_close(struct isam_btree *bt);
/* Copies a cursor (its own buffers). */
int isam_btree_dup(struct isam_btree *to, const struct isam_btree *from);

/* Each positions the cursor on a node, or returns JET_errNoCurrentRecord
 * (before the first / after the last node), or a read error. */
int isam_btree_first(struct isam_btree *bt);
int isam_btree_last(struct isam_btree *bt);
int isam_btree_next(struct isam_btree *bt);
int isam_btree_prev(struct isam_btree *bt);
/* The first node whose key is >= key (JET_errRecordNotFound if none). */
int isam_btree_seek(struct isam_btree *bt, const unsigned char *key, uint32_t cb);

/* ESE's approximate place of the current node (bt.cxx, ErrBTGetPosition):
 * down from the root to its key, at each level lt = lt * lines + line and
 * total = total * lines, the leaf level the cursor's own page and line.
 * JET_errNoCurrentRecord off a node. */
int isam_btree_position(struct isam_btree *bt, uint64_t *lt, uint64_t *total);
/* ErrBTDown's fractional seek (posFrac, IlineBTIFrac): at each level the
 * line at the fraction lt/total of its lines, what is left of the
 * fraction carried to the child; a deleted node gives way to the next
 * live one, or to the last one at the end.  JET_errRecordNotFound in an
 * empty tree. */
int isam_btree_goto_fraction(struct isam_btree *bt, uint64_t lt, uint64_t total);

#endif
