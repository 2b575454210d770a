/*
 * What JetGetObjectInfo, JetGetTableInfo, JetGetTableColumnInfo's list
 * levels and JetGetTableIndexInfo say of a database's catalog (info.cxx):
 * single values, and the lists, which are temporary tables
 * (isam/temptable.c) with ESE's columns in ESE's order.  Names go into a
 * list as the catalog has them, one byte a character (wide: as UTF-16LE
 * code units, as ESE widens them).
 */
#ifndef SIM_ISAM_TABLE_INFO_H
#define SIM_ISAM_TABLE_INFO_H

#include <stdint.h>

#include "isam/temptable.h"

/* A list: its table, the rows inserted, the ids of its columns. */
struct isam_list {
	uintptr_t tableid;
	uint32_t rows;
	uint32_t columnid[ISAM_TT_COLUMNS_MAX];
};

/* JET_OBJECTLIST's columns (rgcolumndefGetObjectInfo) */
enum {
	ISAM_OBJ_CONTAINER, ISAM_OBJ_NAME, ISAM_OBJ_TYPE, ISAM_OBJ_DT_CREATE, ISAM_OBJ_DT_UPDATE,
	ISAM_OBJ_RECORDS, ISAM_OBJ_PAGES, ISAM_OBJ_GRBIT, ISAM_OBJ_FLAGS, ISAM_OBJ_COLUMNS
};
/* JET_COLUMNLIST's (rgcolumndefGetColumnInfo) */
enum {
	ISAM_COL_PORDER, ISAM_COL_NAME, ISAM_COL_ID, ISAM_COL_TYPE, ISAM_COL_COUNTRY,
	ISAM_COL_LANGID, ISAM_COL_CP, ISAM_COL_COLLATE, ISAM_COL_CBMAX, ISAM_COL_GRBIT,
	ISAM_COL_DEFAULT, ISAM_COL_TABLE_NAME, ISAM_COL_COLUMN_NAME, ISAM_COL_COLUMNS
};
/* JET_INDEXLIST's (rgcolumndefGetIndexInfo) */
enum {
	ISAM_IDX_NAME, ISAM_IDX_GRBIT, ISAM_IDX_KEYS, ISAM_IDX_ENTRIES, ISAM_IDX_PAGES,
	ISAM_IDX_CCOLUMN, ISAM_IDX_ICOLUMN, ISAM_IDX_COLUMNID, ISAM_IDX_COLTYP,
	ISAM_IDX_COUNTRY, ISAM_IDX_LANGID, ISAM_IDX_CP, ISAM_IDX_COLLATE,
	ISAM_IDX_COLUMN_GRBIT, ISAM_IDX_COLUMN_NAME, ISAM_IDX_LCMAP_FLAGS, ISAM_IDX_COLUMNS
};

/* JetGetTableColumnInfo's list grbits (the top bits of the level) */
#define ISAM_COLLIST_NON_DERIVED 0x80000000u
#define ISAM_COLLIST_MINIMAL 0x40000000u
#define ISAM_COLLIST_SORT_COLUMNID 0x20000000u
#define ISAM_COLLIST_COMPACTING 0x10000000u

/* ESE's defaults for what the catalog does not keep (info.cxx) */
#define ISAM_COUNTRY_DEFAULT 1
#define ISAM_LCID_DEFAULT 0x409

/* JET_ObjInfoList(NoStats): the tables of the database (objtyp
 * JET_objtypNil or JET_objtypTable; any other gives an empty list). */
int sim_object_list(uintptr_t sesid, uint32_t dbid, uint32_t objtyp, int stats, int wide,
		    struct isam_list *out);

/* JET_OBJECTINFO's values. */
struct isam_object_info {
	uint32_t grbit, flags, records, pages;
};
/* JET_ObjInfo(NoStats): the table named; JET_errObjectNotFound. */
int sim_object_info(uintptr_t sesid, uint32_t dbid, const char *name, int stats,
		    struct isam_object_info *out);

/* JetGetTableInfo's values of an open table.  A temporary table:
 * JET_errInvalidOperation for every level but JET_TblInfo, which is
 * JET_errObjectNotFound (info.cxx); *temporary tells which. */
struct isam_table_info {
	char *name;                  /* malloc'ed */
	char *template_name;         /* malloc'ed; "" when not derived */
	uint32_t dbid, objid, pages, density, lv_chunk_max;
	struct isam_object_info object;   /* JET_TblInfo: flags as the engine derives them */
};
int sim_table_info(uintptr_t sesid, uintptr_t tableid, struct isam_table_info *out,
		   int *temporary);
void isam_table_info_release(struct isam_table_info *info);

/* JET_ColInfoList (and Compact, SortColumnid): the columns of an open
 * table; grbit ISAM_COLLIST_*. */
int sim_column_list(uintptr_t sesid, uintptr_t tableid, uint32_t grbit, int wide,
		    struct isam_list *out);

/* JET_IdxInfo/JET_IdxInfoList: one row per key column of each index (of
 * the index named; NULL or "": all); JET_errIndexNotFound. */
int sim_index_list(uintptr_t sesid, uintptr_t tableid, const char *index, int wide,
		   struct isam_list *out);

/* The other index levels' values of the index named (NULL or "": the
 * primary index).  count: the table's indexes. */
struct isam_index_info {
	uint32_t grbit, lcid, lcmap_flags, var_seg_mac, key_most, density;
	uint32_t objid, fdp, count;
	/* JET_IdxInfoSortVersion, DefinedSortVersion (the catalog's Version's
	 * high and low halves) and SortId; 0 for an index without Unicode text */
	uint32_t nls_version, defined_version;
	unsigned char sort_id[16];
};
int sim_index_info(uintptr_t sesid, uintptr_t tableid, const char *index,
		   struct isam_index_info *out);

/* JET_IdxInfoCreateIndex: the index named (NULL or "": the primary one)
 * as JetCreateIndex takes it: its name, its key string ("+col\0-col\0\0",
 * cb_key bytes with the last NUL), grbit, density (as the engine keeps
 * it, through the free bytes per page), locale, map flags, cbVarSegMac
 * and cbKeyMost (at least 255); the strings malloc'ed.
 * JET_errIndexNotFound; JET_errFeatureNotAvailable for an index with
 * conditional columns or tuple limits. */
struct isam_index_create {
	char *name, *key;
	uint32_t cb_key, grbit, density, lcid, lcmap_flags, var_seg_mac, key_most;
	unsigned char *locale_name;  /* the catalog's LocaleName, UTF-16LE with a
				      * NUL; NULL when it keeps an LCID only */
	uint32_t cb_initial;         /* JET_SPACEHINTS' cbInitial (0: the default) */
	int extended_hints;          /* the catalog stores space hints beyond
				      * density and initial size */
};
int sim_index_create_info(uintptr_t sesid, uintptr_t tableid, const char *index,
			  struct isam_index_create *out);
void isam_index_create_release(struct isam_index_create *c);

/* JET_TblInfoRetrieveAndReserveAutoIncrement: JET_errInvalidParameter
 * (no buffer), JET_errInvalidOperation (no auto-increment column, or one
 * with a default; a temporary table), JET_errInvalidBufferSize (not the
 * column's size); then JET_errFeatureNotAvailable: reserving writes the
 * table root's auto-increment mark, and nothing is written yet. */
int sim_table_autoinc(uintptr_t sesid, uintptr_t tableid, void *buf, uint32_t cb);

/* JetGetTableInfo's space levels (info.cxx): SpaceUsage (the table's
 * tree: owned and available pages, and past 8 bytes the extent lists,
 * each an EXTENTINFO run ended by a zero one), SpaceOwned (inclusive of
 * the indexes and long values), SpaceAvailable (the table's, its
 * indexes' and long values' added; a 4-byte buffer exactly), and the
 * long-value tree's (0 when none).  Counts in pages, little-endian.  A
 * temporary table: JET_errInvalidOperation (*temporary). */
enum { ISAM_SPACE_USAGE, ISAM_SPACE_OWNED, ISAM_SPACE_AVAILABLE, ISAM_SPACE_OWNED_LV,
       ISAM_SPACE_AVAILABLE_LV };
int sim_table_space(uintptr_t sesid, uintptr_t tableid, unsigned level, void *buf, uint32_t cb,
		    int *temporary);
/* JET_IdxInfoSpaceOwned / SpaceAvailable of the index named. */
int sim_index_space(uintptr_t sesid, uintptr_t tableid, const char *index, int avail, void *buf,
		    uint32_t cb);

#endif
