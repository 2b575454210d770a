#include "isam/longvalue.h"

#include <stdlib.h>
#include <string.h>

#include "isam/btree.h"
#include "isam/compression.h"
#include "jet_values.h"

#define LV_ENCRYPTED 0x01

/* the key of (lid, offset): the id as stored in the record, big-endian */
static uint32_t lv_key(unsigned char *key, const unsigned char *lid, uint32_t cb_lid,
		       uint64_t offset, int with_offset)
{
	uint32_t i;
	for (i = 0; i < cb_lid; i++)
		key[i] = lid[cb_lid - 1 - i];
	if (!with_offset)
		return cb_lid;
	key[cb_lid] = (unsigned char)(offset >> 24);
	key[cb_lid + 1] = (unsigned char)(offset >> 16);
	key[cb_lid + 2] = (unsigned char)(offset >> 8);
	key[cb_lid + 3] = (unsigned char)offset;
	return cb_lid + 4;
}

static int root_of(struct isam_btree *bt, const unsigned char *lid, uint32_t cb_lid,
		   uint64_t *size)
{
	unsigned char key[12];
	uint32_t cb = lv_key(key, lid, cb_lid, 0, 0);
	int rc = isam_btree_seek(bt, key, cb);
	if (rc != JET_errSuccess)
		return rc;
	if (bt->cb_key != cb || memcmp(bt->key, key, cb) != 0)
		return JET_errRecordNotFound;
	if (bt->node.cb_data < 8)
		return JET_errDatabaseCorrupted;
	if (bt->node.cb_data > 8 && (bt->node.data[8] & LV_ENCRYPTED))
		return JET_errFeatureNotAvailable;
	*size = isam_le32(bt->node.data + 4);
	return JET_errSuccess;
}

int isam_lv_size(struct isam_pager *pager, uint32_t lv_root, const unsigned char *lid,
		 uint32_t cb_lid, uint64_t *size)
{
	struct isam_btree bt;
	int rc;
	if (cb_lid != 4 && cb_lid != 8)
		return JET_errDatabaseCorrupted;
	if (lv_root == 0)
		return JET_errRecordNotFound;
	rc = isam_btree_open(&bt, pager, lv_root);
	if (rc != JET_errSuccess)
		return rc;
	rc = root_of(&bt, lid, cb_lid, size);
	isam_btree_close(&bt);
	return rc;
}

/* A chunk's offset, when bt is on a chunk of this lid; else 0. */
static int chunk_offset(const struct isam_btree *bt, const unsigned char *key, uint32_t cb_lid,
			uint32_t *offset)
{
	const unsigned char *k = bt->key;
	if (bt->state != ISAM_BT_ON || bt->cb_key != cb_lid + 4 || memcmp(k, key, cb_lid) != 0)
		return 0;
	*offset = (uint32_t)k[cb_lid] << 24 | (uint32_t)k[cb_lid + 1] << 16 |
		  (uint32_t)k[cb_lid + 2] << 8 | k[cb_lid + 3];
	return 1;
}

int isam_lv_read(struct isam_pager *pager, uint32_t lv_root, const unsigned char *lid,
		 uint32_t cb_lid, uint64_t offset, unsigned char *out, uint32_t cb, uint64_t *size,
		 uint32_t *done)
{
	struct isam_btree bt;
	unsigned char key[12], *pending = NULL, *plain = NULL;
	uint32_t cb_pending = 0, at = 0, here;
	int rc, have;
	*done = 0;
	if (cb_lid != 4 && cb_lid != 8)
		return JET_errDatabaseCorrupted;
	if (lv_root == 0)
		return JET_errRecordNotFound;
	rc = isam_btree_open(&bt, pager, lv_root);
	if (rc != JET_errSuccess)
		return rc;
	rc = root_of(&bt, lid, cb_lid, size);
	if (rc != JET_errSuccess || offset >= *size || cb == 0)
		goto out;
	pending = malloc(pager->page_size);
	plain = malloc(pager->page_size * 2u);
	if (!pending || !plain) {
		rc = JET_errOutOfMemory;
		goto out;
	}
	/* the chunk holding offset: the last one starting at or before it */
	lv_key(key, lid, cb_lid, offset, 1);
	rc = isam_btree_seek(&bt, key, cb_lid + 4);
	if (rc != JET_errSuccess && rc != JET_errRecordNotFound)
		goto out;
	if (!chunk_offset(&bt, key, cb_lid, &here) || here > offset) {
		rc = rc == JET_errRecordNotFound ? isam_btree_last(&bt) : isam_btree_prev(&bt);
		if (rc != JET_errSuccess)
			goto out;
	}
	if (!chunk_offset(&bt, key, cb_lid, &here) || here > offset) {
		rc = JET_errDatabaseCorrupted;
		goto out;
	}
	/* each chunk is known whole once the next one's offset (or the
	 * value's end) says how long it is uncompressed */
	do {
		uint32_t next_at;
		memcpy(pending, bt.node.data, bt.node.cb_data);
		cb_pending = bt.node.cb_data;
		at = here;
		rc = isam_btree_next(&bt);
		if (rc != JET_errSuccess && rc != JET_errNoCurrentRecord)
			goto out;
		have = rc == JET_errSuccess && chunk_offset(&bt, key, cb_lid, &here);
		next_at = have ? here : (uint32_t)*size;
		if (next_at < at || next_at - at > pager->page_size * 2u) {
			rc = JET_errDatabaseCorrupted;
			goto out;
		}
		{
			uint32_t length = next_at - at, skip, take, actual;
			const unsigned char *src = pending;
			if (cb_pending < length) {
				rc = isam_decompress(pending, cb_pending, plain, length, &actual);
				if (rc != JET_errSuccess)
					goto out;
				if (actual != length) {
					rc = JET_errDecompressionFailed;
					goto out;
				}
				src = plain;
			} else if (cb_pending > length) {
				rc = JET_errDatabaseCorrupted;
				goto out;
			}
			skip = offset + *done > at ? (uint32_t)(offset + *done - at) : 0;
			take = length > skip ? length - skip : 0;
			if (take > cb - *done)
				take = cb - *done;
			memcpy(out + *done, src + skip, take);
			*done += take;
		}
	} while (have && *done < cb);
	rc = JET_errSuccess;
out:
	free(pending);
	free(plain);
	isam_btree_close(&bt);
	return rc;
}

int isam_lv_footprint(struct isam_pager *pager, uint32_t lv_root, const unsigned char *lid,
		      uint32_t cb_lid, struct isam_lv_footprint *f)
{
	struct isam_btree bt;
	unsigned char key[12];
	uint32_t here;
	int rc;
	memset(f, 0, sizeof(*f));
	if (cb_lid != 4 && cb_lid != 8)
		return JET_errDatabaseCorrupted;
	if (lv_root == 0)
		return JET_errRecordNotFound;
	rc = isam_btree_open(&bt, pager, lv_root);
	if (rc != JET_errSuccess)
		return rc;
	rc = root_of(&bt, lid, cb_lid, &f->size);
	if (rc == JET_errSuccess) {
		f->refcount = isam_le32(bt.node.data);
		f->cb_root_key = bt.cb_key;
		f->cb_root_data = bt.node.cb_data;
		lv_key(key, lid, cb_lid, 0, 0);
		while ((rc = isam_btree_next(&bt)) == JET_errSuccess &&
		       chunk_offset(&bt, key, cb_lid, &here)) {
			f->chunks++;
			f->cb_chunks += bt.node.cb_data;
		}
		if (rc == JET_errNoCurrentRecord || rc == JET_errSuccess)
			rc = JET_errSuccess;
	}
	isam_btree_close(&bt);
	return rc;
}
