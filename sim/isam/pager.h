/*
 * The pages of a database as the data path reads them: a bounded cache of
 * verified pages in front of a page source (the db layer's page reads, or
 * a file opened for reading).  Never more than `slots` pages are held, so
 * a database of any size is read in constant memory.
 */
#ifndef SIM_ISAM_PAGER_H
#define SIM_ISAM_PAGER_H

#include <stdint.h>

#include "os/os.h"

/* Reads page pgno (from 1) into page: 0, JET_errReadVerifyFailure,
 * JET_errFileIOBeyondEOF or JET_errDiskIO. */
typedef int (*isam_read_page_fn)(void *ctx, uint32_t pgno, unsigned char *page);

struct isam_pager {
	uint32_t page_size;
	isam_read_page_fn read;
	void *ctx;
	os_mutex *lock;
	unsigned slots;
	uint32_t *pgnos;             /* 0: slot empty */
	uint64_t *used;              /* last use, for least-recently-used eviction */
	unsigned char *pages;
	uint64_t clock;
	/* a file source (isam_pager_open_file) */
	os_file *file;
};

int isam_pager_init(struct isam_pager *p, uint32_t page_size, unsigned slots,
		    isam_read_page_fn read, void *ctx);
/* A database file opened for reading only (its header gives the page
 * size); never written. */
int isam_pager_open_file(struct isam_pager *p, const char *path, unsigned slots);
void isam_pager_close(struct isam_pager *p);
/* Copies page pgno into out (page_size bytes). */
int isam_pager_read(struct isam_pager *p, uint32_t pgno, unsigned char *out);

#endif
