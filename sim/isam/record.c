#include "isam/record.h"

#include <string.h>

#include "isam/page.h"
#include "jet_values.h"

#define VAR_NULL 0x8000
#define VAR_OFFSET_MASK 0x7fff
#define TAG_DERIVED 0x8000
#define TAG_EXTENDED_SMALL 0x4000
#define TAG_NULL_SMALL 0x2000
#define MV_SEPARATED 0x8000
#define MV_OFFSET_MASK 0x7fff

int isam_record_parse(struct isam_record *r, const unsigned char *p, uint32_t cb, int large)
{
	unsigned nvar;
	memset(r, 0, sizeof(*r));
	r->p = p;
	r->cb = cb;
	r->large = large;
	if (cb < 4)
		return JET_errDatabaseCorrupted;
	r->fixed_last = p[0];
	r->var_last = p[1];
	r->fixed_end = isam_le16(p + 2);
	if (r->fixed_last > ISAM_FID_FIXED_LAST || r->var_last < ISAM_FID_FIXED_LAST ||
	    r->fixed_end < 4 + (r->fixed_last + 7) / 8 || r->fixed_end > cb)
		return JET_errDatabaseCorrupted;
	nvar = r->var_last - ISAM_FID_FIXED_LAST;
	r->var_data = r->fixed_end + 2 * nvar;
	if (r->var_data > cb)
		return JET_errDatabaseCorrupted;
	r->tagged = r->var_data;
	if (nvar) {
		r->tagged += isam_le16(p + r->fixed_end + 2 * (nvar - 1)) & VAR_OFFSET_MASK;
		if (r->tagged > cb)
			return JET_errDatabaseCorrupted;
	}
	if (r->tagged < cb) {
		uint32_t first;
		if (cb - r->tagged < 4)
			return JET_errDatabaseCorrupted;
		first = isam_le16(p + r->tagged + 2) & (large ? 0x7fff : 0x1fff);
		if (first < 4 || first % 4 || first > cb - r->tagged)
			return JET_errDatabaseCorrupted;
		r->tagged_count = first / 4;
	}
	return JET_errSuccess;
}

int isam_record_fixed(const struct isam_record *r, unsigned fid, uint32_t ib, uint32_t cb,
		      struct isam_value *v)
{
	const unsigned char *bitmap;
	unsigned i = fid - 1;
	memset(v, 0, sizeof(*v));
	if (fid == 0 || fid > r->fixed_last)
		return JET_errColumnNotFound;
	bitmap = r->p + r->fixed_end - (r->fixed_last + 7) / 8;
	if (bitmap[i / 8] & (1u << (i % 8)))
		return JET_wrnColumnNull;
	if (ib < 4 || ib + cb > (uint32_t)(bitmap - r->p))
		return JET_errDatabaseCorrupted;
	v->data = r->p + ib;
	v->cb = cb;
	return JET_errSuccess;
}

int isam_record_var(const struct isam_record *r, unsigned fid, struct isam_value *v)
{
	const unsigned char *offs = r->p + r->fixed_end;
	unsigned i;
	uint16_t end;
	uint32_t start;
	memset(v, 0, sizeof(*v));
	if (fid <= ISAM_FID_FIXED_LAST || fid > r->var_last)
		return JET_errColumnNotFound;
	i = fid - ISAM_FID_FIXED_LAST - 1;
	end = isam_le16(offs + 2 * i);
	if (end & VAR_NULL)
		return JET_wrnColumnNull;
	start = i ? isam_le16(offs + 2 * (i - 1)) & VAR_OFFSET_MASK : 0;
	if (start > (end & VAR_OFFSET_MASK) || r->var_data + (end & VAR_OFFSET_MASK) > r->tagged)
		return JET_errDatabaseCorrupted;
	v->data = r->p + r->var_data + start;
	v->cb = (end & VAR_OFFSET_MASK) - start;
	return JET_errSuccess;
}

int isam_record_tagged_at(const struct isam_record *r, uint32_t i, struct isam_tagged *t)
{
	const unsigned char *a = r->p + r->tagged;
	uint32_t area = r->cb - r->tagged, mask = r->large ? 0x7fff : 0x1fff, ib, next;
	uint16_t raw;
	if (i >= r->tagged_count)
		return JET_errColumnNotFound;
	memset(t, 0, sizeof(*t));
	t->fid = isam_le16(a + 4 * i);
	raw = isam_le16(a + 4 * i + 2);
	ib = raw & mask;
	next = i + 1 < r->tagged_count ? isam_le16(a + 4 * (i + 1) + 2) & mask : area;
	if (ib > next || next > area || ib < 4 * r->tagged_count)
		return JET_errDatabaseCorrupted;
	t->data = a + ib;
	t->cb = next - ib;
	/* TAGFLD::FExtendedInfo: always on large pages */
	if (r->large || (raw & TAG_EXTENDED_SMALL)) {
		if (t->cb < 1)
			return JET_errDatabaseCorrupted;
		t->header = t->data[0];
		t->data++;
		t->cb--;
		t->null = !!(t->header & ISAM_TAG_NULL);
	} else {
		t->null = !!(raw & TAG_NULL_SMALL);
	}
	t->derived = !!(raw & TAG_DERIVED);
	return JET_errSuccess;
}

int isam_record_tagged(const struct isam_record *r, unsigned fid, int derived,
		       struct isam_tagged *t)
{
	/* TAGFLDs are sorted as TAGFLD::FIsLessThan orders them: the derived
	 * ones first, each part by fid; binary search */
	uint32_t lo = 0, hi = r->tagged_count;
	const unsigned char *a = r->p + r->tagged;
	unsigned key = (derived ? 0 : 0x10000) | fid;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		unsigned f = isam_le16(a + 4 * mid) |
			     ((isam_le16(a + 4 * mid + 2) & TAG_DERIVED) ? 0 : 0x10000);
		if (f == key)
			return isam_record_tagged_at(r, mid, t);
		if (f < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return JET_errColumnNotFound;
}

uint32_t isam_tagged_count(const struct isam_tagged *t)
{
	if (t->null)
		return 0;
	if (t->header & ISAM_TAG_TWO_VALUES)
		return 2;
	if ((t->header & ISAM_TAG_MULTI_VALUES) && t->cb >= 2)
		return (isam_le16(t->data) & MV_OFFSET_MASK) / 2;
	return 1;
}

int isam_tagged_value(const struct isam_tagged *t, uint32_t itag, struct isam_value *v)
{
	uint32_t n = isam_tagged_count(t);
	memset(v, 0, sizeof(*v));
	if (itag < 1 || itag > n)
		return JET_wrnColumnNull;
	if (t->header & ISAM_TAG_TWO_VALUES) {
		/* TWOVALUES: the first value's length, the first, the second */
		uint32_t cb1;
		if (t->cb < 1 || (cb1 = t->data[0]) > t->cb - 1)
			return JET_errDatabaseCorrupted;
		if (itag == 1) {
			v->data = t->data + 1;
			v->cb = cb1;
		} else {
			v->data = t->data + 1 + cb1;
			v->cb = t->cb - 1 - cb1;
		}
		return JET_errSuccess;
	}
	if (t->header & ISAM_TAG_MULTI_VALUES) {
		uint16_t raw = isam_le16(t->data + 2 * (itag - 1));
		uint32_t start = raw & MV_OFFSET_MASK;
		uint32_t end = itag < n ? isam_le16(t->data + 2 * itag) & MV_OFFSET_MASK : t->cb;
		if (2 * n > t->cb || start < 2 * n || start > end || end > t->cb)
			return JET_errDatabaseCorrupted;
		v->data = t->data + start;
		v->cb = end - start;
		v->separated = !!(raw & MV_SEPARATED);
		/* TAGFLD_ITERATOR_MULTIVALUES::FCompressed: the first value only */
		v->compressed = itag == 1 && (t->header & ISAM_TAG_COMPRESSED);
		return JET_errSuccess;
	}
	v->data = t->data;
	v->cb = t->cb;
	v->separated = !!(t->header & ISAM_TAG_SEPARATED);
	v->compressed = !!(t->header & ISAM_TAG_COMPRESSED);
	return JET_errSuccess;
}
