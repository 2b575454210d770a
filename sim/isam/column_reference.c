#include "isam/column_reference.h"

#include <stdlib.h>
#include <string.h>

#include "format/dbfile.h"
#include "jet_values.h"

/* crfiV1 / crfiV2 and the fixed part of each (fldenum.cxx,
 * CColumnReferenceFormatV1/V2, packed) */
#define CRF_V1 1
#define CRF_V2 2
#define CRF_SIGNATURE 12 /* OffsetOf(SIGNATURE, szComputerName) */
#define CRF_FIXED_V1 (1 + 2 + 1 + 4 + 4 + CRF_SIGNATURE)
#define CRF_FIXED_V2 (1 + 2 + 1 + 4 + 8 + CRF_SIGNATURE)

/* sysver.cxx: JET_efvLid64 needs database format 1568.70.160 (version,
 * update major, update minor), as FMP::ErrDBFormatFeatureEnabled compares */
static int format_has_lid64(const struct db_header *h)
{
	if (h->version != 0x620)
		return h->version > 0x620;
	if (h->revision != 70)
		return h->revision > 70;
	return h->update_minor >= 160;
}

int isam_column_reference(const struct isam_current *cur, const struct isam_column *c,
			  uint32_t itag, const struct isam_value *v, unsigned char **ref,
			  uint32_t *cb)
{
	int v2 = format_has_lid64(cur->header);
	uint32_t fixed = v2 ? CRF_FIXED_V2 : CRF_FIXED_V1;
	uint32_t cb_name = (uint32_t)strlen(c->name);
	unsigned char lid[8] = {0}, sig[SIGNATURE_SIZE], *p;
	/* no catalog ESE wrote names a column beyond JET_cbNameMost */
	if (cb_name > 64)
		return JET_errCatalogCorrupted;
	/* LidOfSeparatedLV: the id as stored, little-endian, 4 or 8 bytes */
	if (v->cb)
		memcpy(lid, v->data, v->cb < 8 ? v->cb : 8);
	*cb = fixed + cur->cb_key + cb_name;
	if (!(p = *ref = malloc(*cb)))
		return JET_errOutOfMemory;
	p[0] = v2 ? CRF_V2 : CRF_V1;
	put16(p + 1, (uint16_t)cur->cb_key);
	p[3] = (unsigned char)cb_name;
	put32(p + 4, itag);
	memcpy(p + 8, lid, v2 ? 8 : 4);
	signature_put(sig, &cur->header->db_signature);
	memcpy(p + fixed - CRF_SIGNATURE, sig, CRF_SIGNATURE);
	memcpy(p + fixed, cur->key, cur->cb_key);
	memcpy(p + fixed + cur->cb_key, c->name, cb_name);
	return JET_errSuccess;
}
