/*
 * A record (rec.hxx, fldext.cxx, tagfld.cxx/.hxx): a 4-byte header (last
 * fixed column id, last variable column id, end of the fixed data), the
 * fixed columns at the catalog's offsets and their null bitmap (a set bit
 * is NULL), the variable columns' end offsets (top bit: NULL) and data,
 * then the tagged columns: an array of (column id, offset) pairs sorted by
 * id, each value optionally led by a header byte (always on pages over
 * 8 KiB; on small pages when the offset's 0x4000 bit says so) that says
 * whether it is a long value, compressed, separated (a long-value id),
 * multi-valued (an offset array) or two-valued (a length byte).
 */
#ifndef SIM_ISAM_RECORD_H
#define SIM_ISAM_RECORD_H

#include <stdint.h>

/* TAGFLD_HEADER flags (tagfld.hxx) */
#define ISAM_TAG_LONG_VALUE 0x01
#define ISAM_TAG_COMPRESSED 0x02
#define ISAM_TAG_SEPARATED 0x04
#define ISAM_TAG_MULTI_VALUES 0x08
#define ISAM_TAG_TWO_VALUES 0x10
#define ISAM_TAG_NULL 0x20
#define ISAM_TAG_ENCRYPTED 0x40

#define ISAM_FID_FIXED_LAST 127
#define ISAM_FID_VAR_LAST 255

struct isam_record {
	const unsigned char *p;
	uint32_t cb;
	int large;                   /* the 32 KiB / 16 KiB tagged layout */
	unsigned fixed_last, var_last;
	uint32_t fixed_end;          /* ibEndOfFixedData */
	uint32_t var_data;           /* start of variable data */
	uint32_t tagged, tagged_count; /* start of the tagged area, TAGFLD count */
};

/* A value as stored: in the record, or (separated) a long-value id. */
struct isam_value {
	const unsigned char *data;
	uint32_t cb;
	int separated;               /* data is a 4- or 8-byte long-value id */
	int compressed;              /* data is compressed (compression.h) */
};

/* JET_errDatabaseCorrupted for a record whose parts overrun it. */
int isam_record_parse(struct isam_record *r, const unsigned char *p, uint32_t cb, int large);

/* Fixed column fid (1..127) of size cb at record offset ib: 0 and its
 * bytes, JET_wrnColumnNull when NULL, JET_errColumnNotFound when past the
 * record's last fixed column (the catalog default applies). */
int isam_record_fixed(const struct isam_record *r, unsigned fid, uint32_t ib, uint32_t cb,
		      struct isam_value *v);
/* Variable column fid (128..255): the same three answers. */
int isam_record_var(const struct isam_record *r, unsigned fid, struct isam_value *v);

/* A tagged column of the record (one TAGFLD). */
struct isam_tagged {
	unsigned fid;
	int derived;                 /* fDerived: a template column's, in a derived table */
	unsigned header;             /* TAGFLD_HEADER flags, 0 when none */
	int null;                    /* set to NULL over a default */
	const unsigned char *data;   /* after the header byte */
	uint32_t cb;
};
/* The i-th TAGFLD (0..tagged_count-1). */
int isam_record_tagged_at(const struct isam_record *r, uint32_t i, struct isam_tagged *t);
/* The TAGFLD of column fid, with the fDerived bit or without (a derived
 * table's template columns have it): 0, or JET_errColumnNotFound when the
 * record has none (the catalog default applies). */
int isam_record_tagged(const struct isam_record *r, unsigned fid, int derived,
		       struct isam_tagged *t);
/* Values of a tagged column: 0 when NULL. */
uint32_t isam_tagged_count(const struct isam_tagged *t);
/* Value itag (from 1): 0, or JET_wrnColumnNull past the last. */
int isam_tagged_value(const struct isam_tagged *t, uint32_t itag, struct isam_value *v);

#endif
