#include "format/attach_info.h"

#include <string.h>

#include "format/dbfile.h"
#include "os/wtf8.h"

void attach_info_of(struct attach_info *a, uint8_t dbid, const struct db_header *h,
		    uint32_t max_pages, const char *path, const struct signature *log_signature,
		    struct lgpos next)
{
	memset(a, 0, sizeof *a);
	a->dbid = dbid;
	a->dbtime = h->dbtime;
	a->objid_last = h->last_objid;
	a->max_pages = max_pages;
	a->attached = h->attach;
	if (signature_equal(&h->log_signature, log_signature) &&
	    lgpos_compare(next, h->consistent) > 0)
		a->consistent = h->consistent;
	a->db_signature = h->db_signature;
	a->path = path;
}

/* ATTACHINFO offsets (log.hxx, packed) */
enum {
	A_DBID = 0, A_FLAGS = 1, A_CB_NAMES = 2, A_DBTIME = 4, A_OBJID_LAST = 12,
	A_MAX_PAGES = 16, A_ATTACHED = 20, A_CONSISTENT = 28, A_DB_SIGNATURE = 36,
};
/* fATCHINFOUnicodeNames: ESE always writes the names in UTF-16 */
#define ATTACH_UNICODE_NAMES 0x20

int attach_list_encode(unsigned char *buf, const struct attach_info *list, unsigned n)
{
	size_t at = 0;
	memset(buf, 0, ATTACH_LIST_SIZE);
	for (unsigned i = 0; i < n; i++) {
		const struct attach_info *a = &list[i];
		size_t units = wtf8_to_utf16(a->path, NULL, 0);
		size_t cb = units * 2;
		unsigned char *p = buf + at;
		uint16_t unit[ATTACH_LIST_SIZE / 2];
		/* the entry and the sentinel after it must fit (log.cxx,
		 * "TooManyDbsForAttachInfoAfter") */
		if (at + ATTACH_INFO_SIZE + cb + 1 > ATTACH_LIST_SIZE) {
			memset(buf, 0, ATTACH_LIST_SIZE);
			return -1;
		}
		p[A_DBID] = a->dbid;
		p[A_FLAGS] = ATTACH_UNICODE_NAMES;
		put16(p + A_CB_NAMES, (uint16_t)cb);
		put64(p + A_DBTIME, a->dbtime);
		put32(p + A_OBJID_LAST, a->objid_last);
		put32(p + A_MAX_PAGES, a->max_pages);
		lgpos_put(p + A_ATTACHED, a->attached);
		lgpos_put(p + A_CONSISTENT, a->consistent);
		signature_put(p + A_DB_SIGNATURE, &a->db_signature);
		wtf8_to_utf16(a->path, unit, units);
		for (size_t u = 0; u < units; u++)
			put16(p + ATTACH_INFO_SIZE + 2 * u, unit[u]);
		at += ATTACH_INFO_SIZE + cb;
	}
	buf[at] = 0;
	return 0;
}
