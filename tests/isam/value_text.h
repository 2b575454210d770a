/* A column value as text, the way libesedb's esedbexport prints it. */
#ifndef VALUE_TEXT_H
#define VALUE_TEXT_H

#include <stdio.h>

#include "isam/catalog.h"
#include "isam/pager.h"
#include "isam/record.h"

/* Every value of the column, "; " between values; nothing for NULL.
 * *special is set for a value stored compressed or separated, or a
 * multi-valued column of a type other than text, which esedbexport 20181229
 * does not always read, and for a NULL fixed column, whose bytes it prints. */
int print_column(FILE *out, struct isam_pager *pager, const struct isam_table *t,
		 const struct isam_record *rec, const struct isam_column *c, int *special);

#endif
