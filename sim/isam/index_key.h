/*
 * An index as key normalisation sees it, read from the catalog (cat.cxx
 * ErrCATIInitIDB), and the entries a record has in it (fldnorm.cxx
 * ErrRECIRetrieveKey, rec.hxx KeySequence): one entry per value of the
 * index's first multi-valued column (every combination of them with
 * JET_bitIndexCrossProduct), none for null keys the index's flags leave
 * out.
 */
#ifndef SIM_ISAM_INDEX_KEY_H
#define SIM_ISAM_INDEX_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isam/key_normalise.h"
#include "isam/pager.h"
#include "isam/record.h"
#include "isam/schema.h"

/* IDB flags (idb.hxx), the low half of an index row's Flags */
#define ISAM_IDB_UNIQUE 0x0001
#define ISAM_IDB_ALLOW_ALL_NULLS 0x0002
#define ISAM_IDB_ALLOW_FIRST_NULL 0x0004
#define ISAM_IDB_ALLOW_SOME_NULLS 0x0008
#define ISAM_IDB_PRIMARY 0x0020
#define ISAM_IDB_MULTIVALUED 0x0080
#define ISAM_IDB_SORT_NULLS_HIGH 0x0800
#define ISAM_IDB_CROSS_PRODUCT 0x2000
#define ISAM_IDB_DISALLOW_TRUNCATION 0x4000
#define ISAM_IDB_NESTED_TABLE 0x8000
/* IDXFLAGs, the high half */
#define ISAM_IDX_EXTENDED_COLUMNS 0x0001
#define ISAM_IDX_DOTNET_GUID 0x0002

/*
 * The Unicode sort-key function every index description gets (the DLL's
 * LCMapStringEx, or a table of Windows' sorting weights); NULL: Unicode
 * text segments are JET_errFeatureNotAvailable.
 */
void isam_index_set_sort_key(key_sort_key_fn fn, void *ctx);

/* The key description of index x of table t, and the key columns' ids
 * (cols[i] for idx->seg[i]).  JET_errDatabaseCorrupted for key columns
 * the table does not have. */
int isam_index_describe(const struct isam_table *t, const struct isam_index *x,
			struct key_index *idx, uint32_t *cols);

/* Key segment i of index x as its KeyFldIDs store it (cat.cxx): an
 * LE_IDXSEG (flags, reserved, fid; fIDXSEGTemplateColumn names a template
 * column) when the index has extended columns, else an IDXSEG_OLD (the
 * fid, negative when descending).  No bounds check: i < the segments. */
void isam_index_segment(const struct isam_index *x, unsigned i, uint32_t *columnid, int *desc);
/* Conditional column i as ConditionalColumns stores it: the same IDXSEGs,
 * fIDXSEGMustBeNull (or a negative fid) for a column that must be null. */
void isam_index_conditional(const struct isam_index *x, unsigned i, uint32_t *columnid,
			    int *must_be_null);

/* Whether the index is unique (ESE's FFUCBUnique: a primary index is). */
bool isam_index_unique(const struct isam_index *x);

/* One entry of a record in an index: its key. */
typedef int (*isam_entry_fn)(void *ctx, const uint8_t *key, size_t cb_key);

/*
 * Calls fn for every entry the record has in index x (duplicate keys of
 * the record once), in the order of the multi-valued columns' values.
 * Stops at fn's first non-zero return, which it returns.  Errors: those
 * of key_from_values and of reading long values.
 */
int isam_index_entries(struct isam_pager *pager, const struct isam_table *t,
		       const struct isam_index *x, const struct isam_record *rec,
		       isam_entry_fn fn, void *ctx);

/* The key does not hold the value exactly: read it from the record. */
#define ISAM_KEY_NOT_EXACT 1

/*
 * The value of key column `columnid` as the key of index idx holds it
 * (fldnorm.cxx ErrRECIRetrieveColumnFromKey, fldext.cxx
 * ErrRECIRetrieveFromIndex): 0 and its bytes, JET_wrnColumnNull,
 * ISAM_KEY_NOT_EXACT for text (its case is gone), a column after Unicode
 * text, or a key that may be truncated, or JET_errColumnNotFound when the
 * column is not a key column.
 */
int isam_index_column_from_key(const struct key_index *idx, const uint32_t *cols,
			       uint32_t columnid, const uint8_t *key, size_t cb_key,
			       uint8_t *out, size_t *cb_out);

#endif
