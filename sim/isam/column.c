#include "isam/column.h"

#include <stdlib.h>
#include <string.h>

#include "isam/compression.h"
#include "isam/longvalue.h"
#include "jet_values.h"

int isam_column_locate(const struct isam_record *rec, const struct isam_column *c, uint32_t itag,
		  struct isam_value *v)
{
	struct isam_tagged t;
	int rc;
	memset(v, 0, sizeof(*v));
	if (c->id <= ISAM_FID_FIXED_LAST) {
		rc = isam_record_fixed(rec, c->id, c->offset, isam_fixed_size(c), v);
		return rc == JET_errSuccess && itag != 1 ? JET_wrnColumnNull : rc;
	}
	if (c->id <= ISAM_FID_VAR_LAST) {
		rc = isam_record_var(rec, c->id, v);
		return rc == JET_errSuccess && itag != 1 ? JET_wrnColumnNull : rc;
	}
	rc = isam_record_tagged(rec, c->id, c->derived, &t);
	if (rc != JET_errSuccess)
		return rc;
	if (t.null) {
		memset(v, 0, sizeof(*v));
		return JET_wrnColumnNull;
	}
	return isam_tagged_value(&t, itag, v);
}

int isam_column_count(const struct isam_record *rec, const struct isam_column *c,
		      uint32_t *count)
{
	struct isam_tagged t;
	struct isam_value v;
	int rc;
	*count = 0;
	if (c->id > ISAM_FID_VAR_LAST) {
		rc = isam_record_tagged(rec, c->id, c->derived, &t);
		if (rc == JET_errSuccess)
			*count = isam_tagged_count(&t);
		else if (rc == JET_errColumnNotFound)
			*count = c->def ? 1 : 0;
		else
			return rc;
		return JET_errSuccess;
	}
	rc = isam_column_locate(rec, c, 1, &v);
	if (rc == JET_errSuccess || (rc == JET_errColumnNotFound && c->def))
		*count = 1;
	else if (rc < 0 && rc != JET_errColumnNotFound)
		return rc;
	return JET_errSuccess;
}

static void copy_range(const unsigned char *src, uint32_t size, uint64_t offset, void *buf,
		       uint32_t cb)
{
	if (offset < size && cb) {
		uint32_t n = size - (uint32_t)offset;
		memcpy(buf, src + offset, n < cb ? n : cb);
	}
}

int isam_column_read(struct isam_pager *pager, uint32_t lv_fdp, const struct isam_record *rec,
		     const struct isam_column *c, uint32_t itag, uint64_t offset, void *buf,
		     uint32_t cb, uint32_t *actual, const unsigned *grbit)
{
	struct isam_value v;
	int rc = isam_column_locate(rec, c, itag, &v);
	*actual = 0;
	if (rc == JET_errColumnNotFound) {
		if (itag != 1 || !c->def || (grbit && (*grbit & ISAM_READ_IGNORE_DEFAULT)))
			return JET_wrnColumnNull;
		memset(&v, 0, sizeof(v));
		v.data = c->def;
		v.cb = c->cb_def;
		rc = JET_errSuccess;
	}
	if (rc != JET_errSuccess)
		return rc;
	if (v.separated) {
		uint64_t size;
		uint32_t done;
		if (cb == 0 || offset > 0xffffffffu) {
			rc = isam_lv_size(pager, lv_fdp, v.data, v.cb, &size);
		} else {
			rc = isam_lv_read(pager, lv_fdp, v.data, v.cb, offset, buf, cb, &size, &done);
		}
		if (rc == JET_errSuccess)
			*actual = size > 0xffffffffu ? 0xffffffffu : (uint32_t)size;
		return rc;
	}
	if (v.compressed) {
		uint32_t size;
		unsigned char *plain;
		rc = isam_decompressed_size(v.data, v.cb, &size);
		if (rc != JET_errSuccess)
			return rc;
		*actual = size;
		if (cb == 0 || offset >= size)
			return JET_errSuccess;
		if (offset == 0)
			return isam_decompress(v.data, v.cb, buf, cb, &size);
		plain = malloc(size);
		if (!plain)
			return JET_errOutOfMemory;
		rc = isam_decompress(v.data, v.cb, plain, size, &size);
		if (rc == JET_errSuccess)
			copy_range(plain, size, offset, buf, cb);
		free(plain);
		return rc;
	}
	*actual = v.cb;
	copy_range(v.data, v.cb, offset, buf, cb);
	return JET_errSuccess;
}
