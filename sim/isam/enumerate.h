/*
 * A record's columns taken as a whole (fldenum.cxx, fldext.cxx): every
 * value it holds or a chosen list of them (JetEnumerateColumns), the list
 * of its tagged columns (JetRetrieveTaggedColumnList), its size
 * (JetGetRecordSize), and the retrieve grbits that look at how a value is
 * stored rather than at the value (JET_bitRetrieveLongId, ...).  A record
 * is read together with ESE's "default record": the catalog's defaults,
 * standing in for the columns the record does not hold.
 */
#ifndef SIM_ISAM_ENUMERATE_H
#define SIM_ISAM_ENUMERATE_H

#include <stdint.h>

/* One value of JetEnumerateColumns' output (JET_ENUMCOLUMNVALUE). */
struct isam_enum_value {
	uint32_t itag;
	int err;
	unsigned char *data;         /* malloc'ed; NULL when none */
	uint32_t cb;
};

/* One column of the output (JET_ENUMCOLUMN): err JET_wrnColumnSingleValue
 * means data/cb hold its one value, otherwise values[nvalues]. */
struct isam_enum_column {
	uint32_t columnid;
	int err;
	uint32_t nvalues;
	struct isam_enum_value *values;
	unsigned char *data;
	uint32_t cb;
};

/* A column asked for (JET_ENUMCOLUMNID): ntags 0 means all its values. */
struct isam_enum_request {
	uint32_t columnid;
	uint32_t ntags;
	const uint32_t *tags;
};

/* JetEnumerateColumns on the current record: every column (nreq 0) or
 * those of req.  On success, and on a request naming a bad column (the
 * first such column's error, the list still made), *out gets the list
 * (free it with isam_enum_free).  out NULL: JET_errInvalidParameter once
 * the cursor is known good. */
int sim_enumerate_columns(uintptr_t sesid, uintptr_t tableid, const struct isam_enum_request *req,
			  uint32_t nreq, uint32_t cb_data_most, uint32_t grbit,
			  struct isam_enum_column **out, uint32_t *nout);
void isam_enum_free(struct isam_enum_column *cols, uint32_t n);

/* JET_RETRIEVEMULTIVALUECOUNT */
struct isam_tagged_info {
	uint32_t columnid;
	uint16_t count;
	uint16_t flags;              /* bit 0 long value, 1 default, 2 null override, 3 derived */
};
/* JetRetrieveTaggedColumnList: the record's tagged columns from columnid
 * start on (with the defaults unless JET_bitRetrieveIgnoreDefault), at
 * most max of them into list (NULL: only counted).  count NULL:
 * JET_errInvalidParameter once the cursor is known good. */
int sim_tagged_column_list(uintptr_t sesid, uintptr_t tableid, uint32_t start, uint32_t grbit,
			   struct isam_tagged_info *list, uint32_t max, uint32_t *count);

/* JET_RECSIZE3, in its order */
struct isam_record_size {
	uint64_t cb_data, cb_lv_data, cb_overhead, cb_lv_overhead;
	uint64_t non_tagged, tagged, long_values, multi_values, compressed;
	uint64_t cb_data_compressed, cb_lv_data_compressed;
	uint64_t cb_intrinsic_lv, cb_intrinsic_lv_compressed, intrinsic_lvs;
	uint64_t cb_key;
};
/* JetGetRecordSize3: added to *size (JET_bitRecordSizeRunningTotal) or
 * into a cleared one (size NULL: JET_errInvalidParameter). */
int sim_get_record_size(uintptr_t sesid, uintptr_t tableid, uint32_t grbit,
			struct isam_record_size *size);

/* JetRetrieveColumn with the grbits that look at the stored form of a
 * value: JET_bitRetrieveLongId (the long-value id, JET_wrnSeparateLongValue),
 * JET_bitRetrieveLongValueRefCount, JET_bitRetrievePhysicalSize (the
 * stored size in *actual), JET_bitRetrievePrereadOnly, JET_bitRetrievePageNumber,
 * JET_bitRetrieveAsRefIfNotInRecord; and columnid 0, the record's tagged values
 * counted across columns (*columnid and *itag get the one found).
 * 0, a warning, or an error; *actual as JetRetrieveColumn sets it. */
int sim_retrieve_stored(uintptr_t sesid, uintptr_t tableid, uint32_t *columnid, void *buf,
			uint32_t cb, uint32_t *actual, uint32_t grbit, uint32_t *itag,
			uint32_t offset);

#endif
