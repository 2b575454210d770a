/*
 * Separated long values (lv.cxx, lv.hxx): a table's long-value tree holds,
 * for each long-value id (4 bytes, or 8 in newer files, big-endian in
 * keys), a root node (LVROOT: reference count and size, then a flags byte
 * in LVROOT2) and chunk nodes keyed by id and offset.  A chunk shorter
 * than its share of the value is compressed (FLVCompressedChunk).
 */
#ifndef SIM_ISAM_LONGVALUE_H
#define SIM_ISAM_LONGVALUE_H

#include <stdint.h>

#include "isam/pager.h"

/* The value's size: JET_errRecordNotFound when the tree lacks it. */
int isam_lv_size(struct isam_pager *pager, uint32_t lv_root, const unsigned char *lid,
		 uint32_t cb_lid, uint64_t *size);
/* Up to cb bytes of the value from offset into out; *size gets the value's
 * whole size, *done the bytes written. */
int isam_lv_read(struct isam_pager *pager, uint32_t lv_root, const unsigned char *lid,
		 uint32_t cb_lid, uint64_t offset, unsigned char *out, uint32_t cb, uint64_t *size,
		 uint32_t *done);

/* What a value occupies in the tree (ErrRECGetLVSize, ErrRECRetrieveSLongFieldRefCount):
 * the root node's reference count, size, key and data bytes, and its
 * chunks' count and stored (possibly compressed) bytes. */
struct isam_lv_footprint {
	uint32_t refcount;
	uint64_t size;
	uint32_t cb_root_key, cb_root_data;
	uint32_t chunks;
	uint64_t cb_chunks;
};
int isam_lv_footprint(struct isam_pager *pager, uint32_t lv_root, const unsigned char *lid,
		      uint32_t cb_lid, struct isam_lv_footprint *f);

#endif
