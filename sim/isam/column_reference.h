/*
 * Column references (fldenum.cxx, ErrRECCreateColumnReference): what
 * JET_bitRetrieveAsRefIfNotInRecord and JET_bitEnumerateAsRefIfNotInRecord
 * return for a value kept out of the record (a separated long value): the
 * format (1, or 2 where the database's format has 64-bit long-value ids,
 * JET_efvLid64), the bookmark's and the column name's lengths, the
 * itagSequence, the long-value id, the database signature without its
 * computer name, the record's bookmark and the column's name.
 */
#ifndef SIM_ISAM_COLUMN_REFERENCE_H
#define SIM_ISAM_COLUMN_REFERENCE_H

#include <stdint.h>

#include "isam/cursor.h"
#include "isam/record.h"
#include "isam/schema.h"

/* The reference to value itag of column c of the current record, whose
 * stored form v is separated: malloc'ed into *ref.  JET_errOutOfMemory;
 * JET_errCatalogCorrupted for a column name longer than ESE allows
 * (JET_cbNameMost), which the reference's one-byte length cannot hold. */
int isam_column_reference(const struct isam_current *cur, const struct isam_column *c,
			  uint32_t itag, const struct isam_value *v, unsigned char **ref,
			  uint32_t *cb);

#endif
