#include "format/patch_page.h"

#include <string.h>

#include "jet_values.h"

void patch_page_make(unsigned char *page, uint32_t page_size, const struct bkinfo *backup,
		     const struct db_header *h)
{
	struct bkinfo b = *backup;
	memset(page, 0, page_size);
	if (db_header_format_at_least(h, DB_FORMAT_LOWER_MIN_REQ_ON_REDO)) {
		put32(page + PATCH_GEN_MIN_REQUIRED, h->required_min);
		put32(page + PATCH_GEN_MAX_REQUIRED, h->required_max);
		put32(page + PATCH_GEN_MAX_COMMITTED, h->max_committed);
		memcpy(page + PATCH_GEN_MAX_REQUIRED_TIME, h->max_required_time.b, LOGTIME_SIZE);
		memcpy(page + PATCH_GEN_MAX_COMMITTED_TIME, h->max_generation_time.b, LOGTIME_SIZE);
		/* the header may have seen a roll the log's count has not */
		if (h->max_committed > b.gen_high)
			b.gen_high = h->max_committed;
	}
	bkinfo_put(page + PATCH_BKINFO, &b);
	signature_put(page + PATCH_DB_SIGNATURE, &h->db_signature);
	signature_put(page + PATCH_LOG_SIGNATURE, &h->log_signature);
	put32(page, checksum_header(page, page_size));
}

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
