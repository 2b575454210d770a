#include "isam/pager.h"

#include <stdlib.h>
#include <string.h>

#include "format/dbfile.h"
#include "jet_values.h"

int isam_pager_init(struct isam_pager *p, uint32_t page_size, unsigned slots,
		    isam_read_page_fn read, void *ctx)
{
	memset(p, 0, sizeof(*p));
	if (slots < 8)
		slots = 8;
	p->page_size = page_size;
	p->read = read;
	p->ctx = ctx;
	p->slots = slots;
	p->pgnos = calloc(slots, sizeof(*p->pgnos));
	p->used = calloc(slots, sizeof(*p->used));
	p->pages = malloc((size_t)slots * page_size);
	if (!p->pgnos || !p->used || !p->pages || os_mutex_create(&p->lock) != OS_OK) {
		isam_pager_close(p);
		return JET_errOutOfMemory;
	}
	return JET_errSuccess;
}

static int file_read_page(void *ctx, uint32_t pgno, unsigned char *page)
{
	struct isam_pager *p = ctx;
	return page_read(p->file, p->page_size, pgno, page);
}

int isam_pager_open_file(struct isam_pager *p, const char *path, unsigned slots)
{
	os_file *f;
	struct db_header h;
	int rc = os_file_open(path, OS_OPEN_READ, &f);
	if (rc != OS_OK)
		return rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND ? JET_errFileNotFound
								       : JET_errFileAccessDenied;
	rc = db_header_read(f, &h);
	if (rc == JET_errSuccess)
		rc = isam_pager_init(p, h.page_size, slots, file_read_page, NULL);
	if (rc != JET_errSuccess) {
		os_file_close(f);
		return rc;
	}
	p->ctx = p;
	p->file = f;
	return JET_errSuccess;
}

void isam_pager_close(struct isam_pager *p)
{
	if (p->lock)
		os_mutex_destroy(p->lock);
	if (p->file)
		os_file_close(p->file);
	free(p->pgnos);
	free(p->used);
	free(p->pages);
	memset(p, 0, sizeof(*p));
}

int isam_pager_read(struct isam_pager *p, uint32_t pgno, unsigned char *out)
{
	unsigned i, victim = 0;
	int rc;
	if (pgno == 0)
		return JET_errBadPageLink;
	os_mutex_lock(p->lock);
	for (i = 0; i < p->slots; i++) {
		if (p->pgnos[i] == pgno) {
			p->used[i] = ++p->clock;
			memcpy(out, p->pages + (size_t)i * p->page_size, p->page_size);
			os_mutex_unlock(p->lock);
			return JET_errSuccess;
		}
		if (p->used[i] < p->used[victim])
			victim = i;
	}
	rc = p->read(p->ctx, pgno, out);
	if (rc == JET_errSuccess) {
		p->pgnos[victim] = pgno;
		p->used[victim] = ++p->clock;
		memcpy(p->pages + (size_t)victim * p->page_size, out, p->page_size);
	}
	os_mutex_unlock(p->lock);
	return rc;
}
