#include "format/patch_page.h"

#include <string.h>

#include "jet_values.h"

int patch_page_decode(const unsigned char *page, uint32_t page_size, struct patch_page *out)
{
	if (get32(page) != checksum_header(page, page_size))
		return JET_errBadPatchPage;
	memset(out, 0, sizeof *out);
	bkinfo_get(page + PATCH_BKINFO, &out->backup);
	signature_get(page + PATCH_DB_SIGNATURE, &out->db_signature);
	signature_get(page + PATCH_LOG_SIGNATURE, &out->log_signature);
	out->gen_min_required = get32(page + PATCH_GEN_MIN_REQUIRED);
	out->gen_max_required = get32(page + PATCH_GEN_MAX_REQUIRED);
	out->gen_max_committed = get32(page + PATCH_GEN_MAX_COMMITTED);
	return JET_errSuccess;
}
