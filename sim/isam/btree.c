#include "isam/btree.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"

/* deeper than any tree ESE builds: a guard against cycles in a damaged file */
#define MAX_DEPTH 16

int isam_btree_open(struct isam_btree *bt, struct isam_pager *pager, uint32_t root)
{
	int rc;
	memset(bt, 0, sizeof(*bt));
	bt->pager = pager;
	bt->root = root;
	bt->buf = malloc(pager->page_size);
	bt->key = malloc(pager->page_size);
	if (!bt->buf || !bt->key) {
		isam_btree_close(bt);
		return JET_errOutOfMemory;
	}
	rc = isam_pager_read(pager, root, bt->buf);
	if (rc == JET_errSuccess)
		rc = isam_page_parse(&bt->page, bt->buf, pager->page_size);
	if (rc != JET_errSuccess) {
		isam_btree_close(bt);
		return rc;
	}
	bt->objid = bt->page.objid;
	bt->pgno = root;
	return JET_errSuccess;
}

void isam_btree_close(struct isam_btree *bt)
{
	free(bt->buf);
	free(bt->key);
	bt->buf = bt->key = NULL;
}

int isam_btree_dup(struct isam_btree *to, const struct isam_btree *from)
{
	uint32_t ps = from->pager->page_size;
	*to = *from;
	to->buf = malloc(ps);
	to->key = malloc(ps);
	if (!to->buf || !to->key) {
		isam_btree_close(to);
		return JET_errOutOfMemory;
	}
	memcpy(to->buf, from->buf, ps);
	memcpy(to->key, from->key, ps);
	to->page.buf = to->buf;
	if (from->state == ISAM_BT_ON)
		return isam_node_get(&to->page, to->iline, &to->node);
	return JET_errSuccess;
}

static int load(struct isam_btree *bt, uint32_t pgno)
{
	int rc = isam_pager_read(bt->pager, pgno, bt->buf);
	if (rc != JET_errSuccess)
		return rc;
	rc = isam_page_parse(&bt->page, bt->buf, bt->pager->page_size);
	if (rc != JET_errSuccess)
		return rc;
	/* a page of another tree, or a free page: the link is bad */
	if (bt->page.objid != bt->objid || (bt->page.flags & ISAM_PAGE_EMPTY))
		return JET_errBadPageLink;
	bt->pgno = pgno;
	return JET_errSuccess;
}

static int child_of(struct isam_btree *bt, unsigned iline, uint32_t *child)
{
	struct isam_node n;
	int rc = isam_node_get(&bt->page, iline, &n);
	if (rc != JET_errSuccess)
		return rc;
	if (n.cb_data < 4)
		return JET_errDatabaseCorrupted;
	*child = isam_le32(n.data);
	return JET_errSuccess;
}

/* down to a leaf, along the first (or last) child of each page */
static int descend(struct isam_btree *bt, int last)
{
	int rc = load(bt, bt->root), depth;
	for (depth = 0; rc == JET_errSuccess && !(bt->page.flags & ISAM_PAGE_LEAF); depth++) {
		unsigned lines = isam_page_lines(&bt->page);
		uint32_t child;
		if (depth > MAX_DEPTH || lines == 0)
			return JET_errDatabaseCorrupted;
		rc = child_of(bt, last ? lines - 1 : 0, &child);
		if (rc == JET_errSuccess)
			rc = load(bt, child);
	}
	return rc;
}

static int current(struct isam_btree *bt)
{
	int rc = isam_node_get(&bt->page, bt->iline, &bt->node);
	if (rc != JET_errSuccess)
		return rc;
	bt->cb_key = isam_node_key_size(&bt->node);
	isam_node_key(&bt->node, bt->key);
	bt->state = ISAM_BT_ON;
	return JET_errSuccess;
}

/* From line `from` of the current leaf, the first live node at or after
 * it (dir > 0) or at or before it (dir < 0), following the leaf chain. */
static int settle(struct isam_btree *bt, long from, int dir)
{
	unsigned steps = 0;
	for (;;) {
		long lines = (long)isam_page_lines(&bt->page);
		uint32_t link;
		int rc;
		for (; from >= 0 && from < lines; from += dir) {
			struct isam_node n;
			rc = isam_node_get(&bt->page, (unsigned)from, &n);
			if (rc != JET_errSuccess)
				return rc;
			if (!(n.flags & ISAM_NODE_DELETED)) {
				bt->iline = (unsigned)from;
				return current(bt);
			}
		}
		link = dir > 0 ? bt->page.next : bt->page.prev;
		if (link == 0 || ++steps > 0x7fffffff) {
			bt->state = dir > 0 ? ISAM_BT_AFTER_LAST : ISAM_BT_BEFORE_FIRST;
			return JET_errNoCurrentRecord;
		}
		rc = load(bt, link);
		if (rc != JET_errSuccess)
			return rc;
		if (!(bt->page.flags & ISAM_PAGE_LEAF))
			return JET_errBadPageLink;
		from = dir > 0 ? 0 : (long)isam_page_lines(&bt->page) - 1;
	}
}

int isam_btree_first(struct isam_btree *bt)
{
	int rc = descend(bt, 0);
	if (rc != JET_errSuccess)
		return rc;
	return settle(bt, 0, 1);
}

int isam_btree_last(struct isam_btree *bt)
{
	int rc = descend(bt, 1);
	if (rc != JET_errSuccess)
		return rc;
	return settle(bt, (long)isam_page_lines(&bt->page) - 1, -1);
}

int isam_btree_next(struct isam_btree *bt)
{
	if (bt->state == ISAM_BT_BEFORE_FIRST)
		return isam_btree_first(bt);
	if (bt->state == ISAM_BT_AFTER_LAST)
		return JET_errNoCurrentRecord;
	return settle(bt, (long)bt->iline + 1, 1);
}

int isam_btree_prev(struct isam_btree *bt)
{
	if (bt->state == ISAM_BT_AFTER_LAST)
		return isam_btree_last(bt);
	if (bt->state == ISAM_BT_BEFORE_FIRST)
		return JET_errNoCurrentRecord;
	return settle(bt, (long)bt->iline - 1, -1);
}

int isam_btree_seek(struct isam_btree *bt, const unsigned char *key, uint32_t cb)
{
	int rc = load(bt, bt->root), depth;
	unsigned lines, i;
	for (depth = 0; rc == JET_errSuccess && !(bt->page.flags & ISAM_PAGE_LEAF); depth++) {
		uint32_t child;
		lines = isam_page_lines(&bt->page);
		if (depth > MAX_DEPTH || lines == 0)
			return JET_errDatabaseCorrupted;
		/* the first separator not below the key; the last node of an
		 * internal page has no key and stands for all greater keys */
		for (i = 0; i + 1 < lines; i++) {
			struct isam_node n;
			rc = isam_node_get(&bt->page, i, &n);
			if (rc != JET_errSuccess)
				return rc;
			if (isam_node_key_cmp(&n, key, cb) >= 0)
				break;
		}
		rc = child_of(bt, i, &child);
		if (rc == JET_errSuccess)
			rc = load(bt, child);
	}
	if (rc != JET_errSuccess)
		return rc;
	lines = isam_page_lines(&bt->page);
	for (i = 0; i < lines; i++) {
		struct isam_node n;
		rc = isam_node_get(&bt->page, i, &n);
		if (rc != JET_errSuccess)
			return rc;
		if (isam_node_key_cmp(&n, key, cb) >= 0)
			break;
	}
	rc = settle(bt, (long)i, 1);
	return rc == JET_errNoCurrentRecord ? JET_errRecordNotFound : rc;
}

int isam_btree_position(struct isam_btree *bt, uint64_t *lt, uint64_t *total)
{
	struct isam_page page;
	unsigned char *buf;
	uint32_t pgno = bt->root;
	uint64_t l = 0, t = 1;
	int rc = JET_errSuccess, depth;
	if (bt->state != ISAM_BT_ON)
		return JET_errNoCurrentRecord;
	if (!(buf = malloc(bt->pager->page_size)))
		return JET_errOutOfMemory;
	for (depth = 0;; depth++) {
		unsigned lines, i;
		uint32_t child;
		rc = isam_pager_read(bt->pager, pgno, buf);
		if (rc == JET_errSuccess)
			rc = isam_page_parse(&page, buf, bt->pager->page_size);
		if (rc != JET_errSuccess)
			break;
		if (page.objid != bt->objid) {
			rc = JET_errBadPageLink;
			break;
		}
		if (page.flags & ISAM_PAGE_LEAF) {
			/* the leaf level: where the cursor stands (a non-unique
			 * key may span leaves; the cursor knows which) */
			l = l * isam_page_lines(&bt->page) + bt->iline;
			t = t * isam_page_lines(&bt->page);
			break;
		}
		lines = isam_page_lines(&page);
		if (depth > MAX_DEPTH || lines == 0) {
			rc = JET_errDatabaseCorrupted;
			break;
		}
		/* the child isam_btree_seek descends to for this key */
		for (i = 0; i + 1 < lines; i++) {
			struct isam_node n;
			rc = isam_node_get(&page, i, &n);
			if (rc != JET_errSuccess)
				goto out;
			if (isam_node_key_cmp(&n, bt->key, bt->cb_key) >= 0)
				break;
		}
		l = l * lines + i;
		t = t * lines;
		{
			struct isam_node n;
			rc = isam_node_get(&page, i, &n);
			if (rc != JET_errSuccess)
				break;
			if (n.cb_data < 4) {
				rc = JET_errDatabaseCorrupted;
				break;
			}
			child = isam_le32(n.data);
		}
		pgno = child;
	}
out:
	free(buf);
	if (rc == JET_errSuccess) {
		*lt = l;
		*total = t;
	}
	return rc;
}

/* IlineBTIFrac: the line at *frac of lines, *frac left with the rest */
static unsigned fraction_line(unsigned lines, double *frac)
{
	double at;
	unsigned line;
	if (*frac <= 0.0)
		return 0;
	if (*frac >= 1.0)
		return lines - 1;
	at = (double)lines * *frac;
	line = (unsigned)at;
	if (line >= lines) {
		*frac = 1.0;
		return lines - 1;
	}
	*frac = at - line;
	if (*frac < 0.0)
		*frac = 0.0;
	else if (*frac > 1.0)
		*frac = 1.0;
	return line;
}

int isam_btree_goto_fraction(struct isam_btree *bt, uint64_t lt, uint64_t total)
{
	double frac = total ? (double)lt / (double)total : 0.0;
	unsigned line = 0;
	int rc = load(bt, bt->root), depth;
	if (frac > 1.0)
		frac = 1.0;
	if (rc == JET_errSuccess && isam_page_lines(&bt->page) == 0)
		return JET_errRecordNotFound;
	for (depth = 0; rc == JET_errSuccess; depth++) {
		unsigned lines = isam_page_lines(&bt->page);
		uint32_t child;
		if (depth > MAX_DEPTH || lines == 0)
			return JET_errDatabaseCorrupted;
		line = fraction_line(lines, &frac);
		if (bt->page.flags & ISAM_PAGE_LEAF)
			break;
		rc = child_of(bt, line, &child);
		if (rc == JET_errSuccess)
			rc = load(bt, child);
	}
	if (rc != JET_errSuccess)
		return rc;
	rc = settle(bt, (long)line, 1);
	if (rc == JET_errNoCurrentRecord)
		rc = isam_btree_last(bt);
	return rc == JET_errNoCurrentRecord ? JET_errRecordNotFound : rc;
}
