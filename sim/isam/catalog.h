/*
 * The catalog (cat.cxx, _cat.cxx): MSysObjects, a B-tree at page 4 keyed
 * by (ObjidTable, Type, Id), one record per table (Type 1), column (2),
 * index (3), long-value tree (4) and callback (5).  Its own columns are
 * rows of it too (ObjidTable 2): a bootstrap of the few fixed columns and
 * the Name every ESE version places alike reads those rows, and the
 * catalog is then read with the column list the file itself declares, so
 * that columns newer engines add are found by name.
 */
#ifndef SIM_ISAM_CATALOG_H
#define SIM_ISAM_CATALOG_H

#include <stdint.h>

#include "isam/pager.h"
#include "isam/schema.h"

#define ISAM_CATALOG_ROOT 4
#define ISAM_CATALOG_OBJID 2
#define ISAM_SHADOW_OBJID 3

enum isam_cat_type {
	ISAM_CAT_TABLE = 1,
	ISAM_CAT_COLUMN = 2,
	ISAM_CAT_INDEX = 3,
	ISAM_CAT_LONG_VALUE = 4,
	ISAM_CAT_CALLBACK = 5
};

struct isam_catalog {
	struct isam_table *tables;   /* in catalog order (by ObjidTable) */
	unsigned ntables;
};

/* Reads the whole catalog (the list of tables, columns, indexes; not the
 * tables' data).  Errors: read errors, JET_errDatabaseCorrupted,
 * JET_errOutOfMemory. */
int isam_catalog_load(struct isam_pager *pager, struct isam_catalog *cat);
void isam_catalog_free(struct isam_catalog *cat);
/* JET_bitObjectTableFixedDDL, Template, Derived in a table row's Flags
 * (persisted as the API's JET_bitObject* of the same values) */
#define ISAM_TABLE_FIXED_DDL 0x40000000u
#define ISAM_TABLE_TEMPLATE 0x20000000u
#define ISAM_TABLE_DERIVED 0x10000000u
/* Template tables' columns marked as theirs, and each derived table (the
 * Derived flag without the Template one) given its template's columns
 * ahead of its own (then sorted and indexed by name by the caller); a
 * template is never derived itself, so no chain nor cycle.  A table that
 * cannot be derived gets open_error.  Done by isam_catalog_load.
 * JET_errOutOfMemory. */
int isam_catalog_derive(struct isam_catalog *cat);
/* By name, case-insensitively as ESE compares object names; NULL. */
const struct isam_table *isam_catalog_table(const struct isam_catalog *cat, const char *name);
#endif
