/*
 * The space of one B-tree as space.cxx keeps it: the root page's external
 * header holds a SPACE_HEADER (space.hxx), alone (16 bytes) or after a
 * byte of root-field flags followed by the fields present (node.cxx,
 * NDGetPtrExternalHeader: the space header, then the 8-byte auto-increment
 * high-water mark).  A single-extent tree owns cpgPrimary pages from its
 * root on and marks the free ones in a 32-bit map; a multiple-extent tree
 * names its owned-extent tree (OwnExt) and, the page after, its
 * available-extent tree (AvailExt), whose nodes are keyed by an extent's
 * last page (big-endian; AvailExt's 5-byte keys put a pool byte first) and
 * hold its page count.  Counts are ErrSPGetInfo's.
 */
#ifndef SIM_ISAM_SPACE_H
#define SIM_ISAM_SPACE_H

#include <stdint.h>

#include "isam/pager.h"

/* Each extent as ErrSPGetInfo's extent list gives it. */
typedef void (*isam_extent_fn)(void *ctx, uint32_t pgno_last, uint32_t cpg);

/* The pages the tree rooted at fdp owns (avail 0) or has available
 * (avail 1; shelved pages are not counted), with each extent passed to fn
 * (may be NULL).  JET_errDatabaseCorrupted when the root has no space
 * header or a space tree cannot be read as one; read errors. */
int isam_space_count(struct isam_pager *pager, uint32_t fdp, int avail, uint32_t *cpg,
		     isam_extent_fn fn, void *ctx);

/* The root's root fields (noderfIsamAutoInc): the auto-increment
 * high-water mark; *present 0 when the root does not carry it. */
int isam_space_autoinc(struct isam_pager *pager, uint32_t fdp, uint64_t *value, int *present);

#endif
