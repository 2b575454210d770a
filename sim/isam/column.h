/*
 * A column's value in a record, as JetRetrieveColumn sees it: found in
 * the fixed, variable or tagged part, or the catalog default when the
 * record does not hold the column, read through the long-value tree when
 * separated, and decompressed.
 */
#ifndef SIM_ISAM_COLUMN_H
#define SIM_ISAM_COLUMN_H

#include <stdint.h>

#include "isam/pager.h"
#include "isam/record.h"
#include "isam/schema.h"

#define ISAM_READ_IGNORE_DEFAULT 0x1

/* Value itag (from 1) of column c, from byte offset on: up to cb bytes
 * into buf (buf may be NULL when cb is 0); *actual gets the value's whole
 * size.  0, JET_wrnColumnNull (no such value), or an error. */
int isam_column_read(struct isam_pager *pager, uint32_t lv_fdp, const struct isam_record *rec,
		     const struct isam_column *c, uint32_t itag, uint64_t offset, void *buf,
		     uint32_t cb, uint32_t *actual, const unsigned *grbit);
/* Value itag as stored (separated, compressed): 0, JET_wrnColumnNull,
 * JET_errColumnNotFound when the record does not hold the column. */
int isam_column_locate(const struct isam_record *rec, const struct isam_column *c,
		       uint32_t itag, struct isam_value *v);
/* How many values the record holds for c (defaults counted). */
int isam_column_count(const struct isam_record *rec, const struct isam_column *c,
		      uint32_t *count);
static inline int isam_column_is_long(const struct isam_column *c)
{
	return c->coltyp == ISAM_COLTYP_LONG_BINARY || c->coltyp == ISAM_COLTYP_LONG_TEXT;
}

#endif
