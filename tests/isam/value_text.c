#include "value_text.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isam/column.h"
#include "isam/page.h"
#include "jet_values.h"

/* Windows-1252's 0x80-0x9F (the rest is Latin-1) */
static const uint16_t cp1252[32] = {
	0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
	0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
	0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178};

static void put_utf8(FILE *out, uint32_t c)
{
	if (c < 0x80) {
		fputc((int)c, out);
	} else if (c < 0x800) {
		fputc(0xc0 | (c >> 6), out);
		fputc(0x80 | (c & 0x3f), out);
	} else if (c < 0x10000) {
		fputc(0xe0 | (c >> 12), out);
		fputc(0x80 | ((c >> 6) & 0x3f), out);
		fputc(0x80 | (c & 0x3f), out);
	} else {
		fputc(0xf0 | (c >> 18), out);
		fputc(0x80 | ((c >> 12) & 0x3f), out);
		fputc(0x80 | ((c >> 6) & 0x3f), out);
		fputc(0x80 | (c & 0x3f), out);
	}
}

static void print_text(FILE *out, const unsigned char *p, uint32_t cb, uint32_t codepage)
{
	uint32_t i;
	if (codepage == 1200) {
		for (i = 0; i + 1 < cb; i += 2) {
			uint32_t c = isam_le16(p + i);
			if (c >= 0xd800 && c < 0xdc00 && i + 3 < cb) {
				uint32_t lo = isam_le16(p + i + 2);
				if (lo >= 0xdc00 && lo < 0xe000) {
					c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
					i += 2;
				}
			}
			if (c == 0)
				return;
			put_utf8(out, c);
		}
		/* an odd byte left over (a fixed column of odd size): as Latin-1 */
		if (i < cb && p[i])
			put_utf8(out, p[i]);
		return;
	}
	for (i = 0; i < cb && p[i]; i++)
		put_utf8(out, p[i] >= 0x80 && p[i] < 0xa0 ? cp1252[p[i] - 0x80] : p[i]);
}

static void print_value(FILE *out, const struct isam_column *c, const unsigned char *p,
			uint32_t cb)
{
	uint32_t i;
	switch (c->coltyp) {
	case ISAM_COLTYP_BIT:
		fputs(cb && p[0] ? "true" : "false", out);
		return;
	case ISAM_COLTYP_UNSIGNED_BYTE:
		fprintf(out, "%u", p[0]);
		return;
	case ISAM_COLTYP_SHORT:
		fprintf(out, "%d", (int16_t)isam_le16(p));
		return;
	case ISAM_COLTYP_UNSIGNED_SHORT:
		fprintf(out, "%u", isam_le16(p));
		return;
	case ISAM_COLTYP_LONG:
		fprintf(out, "%" PRId32, (int32_t)isam_le32(p));
		return;
	case ISAM_COLTYP_UNSIGNED_LONG:
		fprintf(out, "%" PRIu32, isam_le32(p));
		return;
	case ISAM_COLTYP_CURRENCY:
		/* esedbexport prints currency unsigned */
		fprintf(out, "%" PRIu64, isam_le64(p));
		return;
	case ISAM_COLTYP_LONG_LONG:
		fprintf(out, "%" PRId64, (int64_t)isam_le64(p));
		return;
	case ISAM_COLTYP_IEEE_SINGLE: {
		float f;
		uint32_t u = isam_le32(p);
		memcpy(&f, &u, 4);
		fprintf(out, "%f", f);
		return;
	}
	case ISAM_COLTYP_IEEE_DOUBLE: {
		double d;
		uint64_t u = isam_le64(p);
		memcpy(&d, &u, 8);
		fprintf(out, "%f", d);
		return;
	}
	case ISAM_COLTYP_DATE_TIME: {
		/* the raw double; the comparison turns both into a date */
		uint64_t u = isam_le64(p);
		fprintf(out, "(0x%08" PRIx32 " 0x%08" PRIx32 ")", (uint32_t)(u >> 32), (uint32_t)u);
		return;
	}
	case ISAM_COLTYP_TEXT:
	case ISAM_COLTYP_LONG_TEXT:
		print_text(out, p, cb, c->codepage);
		return;
	default:
		for (i = 0; i < cb; i++)
			fprintf(out, "%02x", p[i]);
		return;
	}
}

int print_column(FILE *out, struct isam_pager *pager, const struct isam_table *t,
		 const struct isam_record *rec, const struct isam_column *c, int *special)
{
	/* esedbexport applies no catalog defaults */
	const unsigned no_default = ISAM_READ_IGNORE_DEFAULT;
	uint32_t n, itag, size;
	int rc = isam_column_count(rec, c, &n);
	*special = 0;
	if (rc != JET_errSuccess)
		return rc;
	if (c->id > ISAM_FID_VAR_LAST) {
		struct isam_tagged tg;
		if (isam_record_tagged(rec, c->id, c->derived, &tg) != JET_errSuccess)
			n = 0;
	}
	if (rc != JET_errSuccess)
		return rc;
	/* esedbexport reads a fixed column's bytes whatever its null bit
	 * says (the engine says NULL) */
	if (n == 0 && c->id <= ISAM_FID_FIXED_LAST && c->id <= rec->fixed_last &&
	    c->offset + isam_fixed_size(c) <= rec->fixed_end) {
		print_value(out, c, rec->p + c->offset, isam_fixed_size(c));
		*special = 1;
		return JET_errSuccess;
	}
	for (itag = 1; itag <= n; itag++) {
		unsigned char *buf;
		struct isam_value v;
		if (isam_column_locate(rec, c, itag, &v) == JET_errSuccess &&
		    (v.compressed || v.separated ||
		     (n > 1 && c->coltyp != ISAM_COLTYP_TEXT && c->coltyp != ISAM_COLTYP_LONG_TEXT)))
			*special = 1;
		rc = isam_column_read(pager, t->lv_fdp, rec, c, itag, 0, NULL, 0, &size, &no_default);
		if (rc < 0)
			return rc;
		if (rc == JET_wrnColumnNull)
			continue;
		buf = malloc(size ? size : 1);
		if (!buf)
			return JET_errOutOfMemory;
		rc = isam_column_read(pager, t->lv_fdp, rec, c, itag, 0, buf, size, &size,
				      &no_default);
		if (rc == JET_errSuccess) {
			if (itag > 1)
				fputs("; ", out);
			print_value(out, c, buf, size);
		}
		free(buf);
		if (rc < 0)
			return rc;
	}
	return JET_errSuccess;
}
