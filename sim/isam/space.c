#include "isam/space.h"

#include <stdlib.h>
#include <string.h>

#include "isam/btree.h"
#include "isam/page.h"
#include "jet_values.h"

/* SPACE_HEADER (space.hxx): cpgPrimary, pgnoParent, flags, rgbitAvail or pgnoOE */
#define SPH_SIZE 16
#define SPH_MULTIPLE_EXTENT 0x01
/* node.hxx's NodeRootField, each a bit of the flag byte: 1 << (noderf - 1) */
#define NODERF_SPACE_HEADER 0x1
#define NODERF_AUTOINC 0x2
#define AUTOINC_SIZE 8
/* _space.hxx: the single-extent map's pages past the root */
#define SMALL_SPACE_AVAIL_MOST 32
/* SPEXTKEY: a 5-byte key's flag byte, and its pool */
#define EXTKEY_NEW_FORMAT 0x80
#define EXTKEY_POOL_MASK 0x07
#define POOL_SHELVED 2

/* The root page's external header fields: the space header and the
 * auto-increment mark, NULL when absent. */
struct root_fields {
	unsigned char sph[SPH_SIZE];
	int has_sph, has_autoinc;
	uint64_t autoinc;
};

static int read_root(struct isam_pager *pager, uint32_t fdp, struct root_fields *rf)
{
	unsigned char *buf = malloc(pager->page_size);
	struct isam_page pg;
	const unsigned char *hdr;
	uint32_t cb;
	unsigned flags;
	int err;
	memset(rf, 0, sizeof(*rf));
	if (!buf)
		return JET_errOutOfMemory;
	err = isam_pager_read(pager, fdp, buf);
	if (!err)
		err = isam_page_parse(&pg, buf, pager->page_size);
	if (!err)
		err = isam_page_tag(&pg, 0, &hdr, &cb, &flags);
	if (!err && !(pg.flags & ISAM_PAGE_ROOT))
		err = JET_errDatabaseCorrupted;
	if (!err && cb == SPH_SIZE) {
		/* the old format: the whole header is the space header */
		memcpy(rf->sph, hdr, SPH_SIZE);
		rf->has_sph = 1;
	} else if (!err && cb > SPH_SIZE) {
		uint32_t need = 1 + ((hdr[0] & NODERF_SPACE_HEADER) ? SPH_SIZE : 0) +
				((hdr[0] & NODERF_AUTOINC) ? AUTOINC_SIZE : 0);
		if (need > cb) {
			err = JET_errDatabaseCorrupted;
		} else {
			const unsigned char *p = hdr + 1;
			if (hdr[0] & NODERF_SPACE_HEADER) {
				memcpy(rf->sph, p, SPH_SIZE);
				rf->has_sph = 1;
				p += SPH_SIZE;
			}
			if (hdr[0] & NODERF_AUTOINC) {
				rf->autoinc = isam_le64(p);
				rf->has_autoinc = 1;
			}
		}
	}
	free(buf);
	return err;
}

/* A space tree's extents (space.cxx, ErrSPIGetInfo): every live node. */
static int count_tree(struct isam_pager *pager, uint32_t root, uint32_t *cpg, isam_extent_fn fn,
		      void *ctx)
{
	struct isam_btree bt;
	int err = isam_btree_open(&bt, pager, root);
	if (err)
		return err;
	if (!(bt.page.flags & ISAM_PAGE_SPACE_TREE)) {
		isam_btree_close(&bt);
		return JET_errDatabaseCorrupted;
	}
	for (err = isam_btree_first(&bt); err == JET_errSuccess; err = isam_btree_next(&bt)) {
		const unsigned char *k = bt.key;
		uint32_t pgno_last, n;
		if (bt.cb_key == 5 && (k[0] & EXTKEY_NEW_FORMAT)) {
			if ((k[0] & EXTKEY_POOL_MASK) == POOL_SHELVED)
				continue;   /* beyond the file's end: not counted */
			k++;
		} else if (bt.cb_key != 4) {
			err = JET_errDatabaseCorrupted;
			break;
		}
		if (bt.node.cb_data < 4) {
			err = JET_errDatabaseCorrupted;
			break;
		}
		pgno_last = (uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 | (uint32_t)k[2] << 8 | k[3];
		n = isam_le32(bt.node.data);
		*cpg += n;
		if (fn)
			fn(ctx, pgno_last, n);
	}
	isam_btree_close(&bt);
	return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

/* The single-extent map (ErrSPGetInfo): bit i stands for page fdp + 1 + i;
 * pages of the primary extent past the map are available. */
static void count_small_avail(uint32_t fdp, uint32_t primary, uint32_t map, uint32_t *cpg,
			      isam_extent_fn fn, void *ctx)
{
	uint32_t run_last = 0, run = 0, seen = 1, pgno = fdp + 1;
	for (unsigned i = 0; i < SMALL_SPACE_AVAIL_MOST && seen < primary; i++, seen++, pgno++) {
		if (!(map & (1u << i)))
			continue;
		(*cpg)++;
		if (run && pgno == run_last + 1) {
			run_last = pgno;
			run++;
		} else {
			if (run && fn)
				fn(ctx, run_last, run);
			run_last = pgno;
			run = 1;
		}
	}
	if (primary > SMALL_SPACE_AVAIL_MOST + 1) {
		uint32_t rest = primary - (SMALL_SPACE_AVAIL_MOST + 1);
		uint32_t last = fdp + primary - 1;
		*cpg += rest;
		if (run && last - rest == run_last) {
			run_last = last;
			run += rest;
		} else {
			if (run && fn)
				fn(ctx, run_last, run);
			run_last = last;
			run = rest;
		}
	}
	if (run && fn)
		fn(ctx, run_last, run);
}

int isam_space_count(struct isam_pager *pager, uint32_t fdp, int avail, uint32_t *cpg,
		     isam_extent_fn fn, void *ctx)
{
	struct root_fields rf;
	uint32_t primary;
	int err = read_root(pager, fdp, &rf);
	*cpg = 0;
	if (err)
		return err;
	if (!rf.has_sph)
		return JET_errDatabaseCorrupted;
	primary = isam_le32(rf.sph);
	if (rf.sph[8] & SPH_MULTIPLE_EXTENT) {
		uint32_t oe = isam_le32(rf.sph + 12);
		return count_tree(pager, avail ? oe + 1 : oe, cpg, fn, ctx);
	}
	if (!avail) {
		*cpg = primary;
		if (fn)
			fn(ctx, fdp + primary - 1, primary);
	} else {
		count_small_avail(fdp, primary, isam_le32(rf.sph + 12), cpg, fn, ctx);
	}
	return JET_errSuccess;
}

int isam_space_autoinc(struct isam_pager *pager, uint32_t fdp, uint64_t *value, int *present)
{
	struct root_fields rf;
	int err = read_root(pager, fdp, &rf);
	*value = rf.autoinc;
	*present = rf.has_autoinc;
	return err;
}
