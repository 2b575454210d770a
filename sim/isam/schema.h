/*
 * What the catalog says of a table (cat.cxx, tdb.hxx, idb.hxx): its
 * columns (type, size, flags, code page, fixed offset, default), its
 * indexes, its long-value tree; and the rules read from it (the size of a
 * fixed column, the JET_bitColumn* flags a column's FIELDFLAGs stand for).
 */
#ifndef SIM_ISAM_SCHEMA_H
#define SIM_ISAM_SCHEMA_H

#include <stdint.h>

/* JET_coltyp values */
enum isam_coltyp {
	ISAM_COLTYP_BIT = 1, ISAM_COLTYP_UNSIGNED_BYTE, ISAM_COLTYP_SHORT, ISAM_COLTYP_LONG,
	ISAM_COLTYP_CURRENCY, ISAM_COLTYP_IEEE_SINGLE, ISAM_COLTYP_IEEE_DOUBLE,
	ISAM_COLTYP_DATE_TIME, ISAM_COLTYP_BINARY, ISAM_COLTYP_TEXT, ISAM_COLTYP_LONG_BINARY,
	ISAM_COLTYP_LONG_TEXT, ISAM_COLTYP_SLV, ISAM_COLTYP_UNSIGNED_LONG, ISAM_COLTYP_LONG_LONG,
	ISAM_COLTYP_GUID, ISAM_COLTYP_UNSIGNED_SHORT
};

struct isam_column {
	uint32_t id;                 /* fid: 1-127 fixed, 128-255 variable, 256+ tagged */
	uint32_t coltyp;
	uint32_t cb_max;             /* SpaceUsage */
	uint32_t grbit;              /* the persisted FIELDFLAGs (Flags) */
	uint32_t codepage;           /* PagesOrLocale */
	uint32_t offset;             /* RecordOffset of a fixed column */
	char *name;
	unsigned char *def;          /* DefaultValue, NULL when none */
	uint32_t cb_def;
	uint8_t template_column;     /* defined by a template table: the columnid has
				      * fCOLUMNIDTemplate (isam_column_id) */
	uint8_t derived;             /* a template column of a derived table: its TAGFLDs
				      * carry the fDerived bit and come first */
};

/* SpaceHints: a version byte and at most a JET_SPACEHINTS' worth of
 * little-endian ULONGs (cat.hxx, cbExtendedSpaceHints) */
#define ISAM_SPACE_HINTS_MOST 33

/* The catalog's Stats (LE_SR): what JetComputeStats last stored. */
struct isam_stats {
	uint32_t items, keys, pages;
};

struct isam_index {
	uint32_t objid;              /* Id */
	uint32_t fdp;                /* ColtypOrPgnoFDP; the table's own for the primary */
	uint32_t density;
	uint32_t flags;              /* IDB flags (Flags) */
	uint32_t locale;             /* PagesOrLocale: LCID */
	uint32_t lcmap_flags;
	uint32_t key_most;
	char *name;
	unsigned char *key_fields;   /* KeyFldIDs as stored */
	uint32_t cb_key_fields;
	unsigned char *var_seg_mac;
	uint32_t cb_var_seg_mac;
	unsigned char *locale_name;  /* LocaleName, UTF-16LE (newer catalogs; locale 0 then) */
	uint32_t cb_locale_name;
	struct isam_stats stats;     /* a secondary index's own */
	unsigned char version[8];    /* Version: the sort version (NLS, defined) */
	uint32_t cb_version;
	unsigned char sort_id[16];   /* SortID: the sort's GUID */
	uint32_t cb_sort_id;
	unsigned char *conditional;  /* ConditionalColumns: IDXSEGs as KeyFldIDs */
	uint32_t cb_conditional;     /* (0: none) */
	unsigned char tuple_limits[20]; /* TupleLimits: LE_TUPLELIMITS(_V1), idb.hxx */
	uint32_t cb_tuple_limits;    /* its whole size (0: not a tuple index) */
	unsigned char space_hints[ISAM_SPACE_HINTS_MOST]; /* SpaceHints as stored */
	uint32_t cb_space_hints;     /* its whole size (0: none stored) */
};

struct isam_table {
	char *name;
	uint32_t objid;
	uint32_t fdp;
	uint32_t density;
	uint32_t pages;              /* initial pages (PagesOrLocale) */
	uint32_t flags;
	uint32_t lv_fdp;             /* 0: no long-value tree */
	uint32_t lv_chunk_max;
	char *template_name;
	struct isam_stats stats;     /* the table's and its primary index's */
	unsigned char space_hints[ISAM_SPACE_HINTS_MOST]; /* SpaceHints as stored */
	uint32_t cb_space_hints;     /* its whole size (0: none stored) */
	int derived;                 /* its columns and indexes begin with its template's */
	int open_error;              /* what opening it returns (a derived table whose
				      * template cannot be had), else 0 */
	struct isam_column *columns; /* fixed, variable, tagged (a derived table's template
				      * tagged columns first), each by fid */
	unsigned ncolumns;
	uint32_t *by_name;           /* open-addressed: column index + 1, 0 free */
	uint32_t by_name_mask;       /* slots - 1; no index when by_name is NULL */
	struct isam_index *indexes;  /* by Id */
	unsigned nindexes;
};

/* fCOLUMNIDTemplate (daedef.hxx): the columnid bit of a template column */
#define ISAM_COLUMNID_TEMPLATE 0x80000000u
/* The columnid the API shows: the fid, with fCOLUMNIDTemplate for a
 * template column (ColumnidOfFid). */
uint32_t isam_column_id(const struct isam_column *c);
/* The columns' order (fid kind; template tagged columns of a derived table
 * before its own, as their TAGFLDs lie; fid), for qsort. */
int isam_column_order(const void *a, const void *b);
/* By columnid: with fCOLUMNIDTemplate a template column; a bare fid the
 * table's own column of that fid, else (a derived table) the template's. */
const struct isam_column *isam_table_column(const struct isam_table *t, uint32_t id);
/* a columnid as a caller gives it, resolved as the engine's API resolves
 * it (strictly: isam_table_column also finds, for the catalog's own
 * references, a template column by its bare fid) */
const struct isam_column *isam_table_columnid(const struct isam_table *t, uint32_t columnid);
/* By name, as ESE's ErrFILEPfieldFromColumnName compares (UtilCmpName:
 * _stricmp, ASCII case folding); through the name index when the table
 * has one, else one pass. */
const struct isam_column *isam_table_column_named(const struct isam_table *t, const char *name);
/* Builds (again) the table's name index over its columns as they now lie;
 * JET_errOutOfMemory leaves the table without one. */
int isam_table_index_names(struct isam_table *t);
void isam_table_free_names(struct isam_table *t);
/* Object names compare case-insensitively (ASCII). */
int isam_name_equal(const char *a, const char *b);
/* The column's JET_bitColumn* flags, as JET_COLUMNDEF reports them. */
uint32_t isam_column_grbit(const struct isam_column *c);
/* Size of a fixed column of this type (cb_max for fixed Text/Binary). */
uint32_t isam_fixed_size(const struct isam_column *c);

#endif
