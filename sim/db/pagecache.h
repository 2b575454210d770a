/*
 * The dirty pages of a database: pages changed in memory whose log records
 * are written but which are not yet written to the database file.  They are
 * kept in the order they were first dirtied, so the oldest one tells the
 * checkpoint (recovery must replay from its first record) and is the first
 * to be written out.
 */
#ifndef SIM_PAGECACHE_H
#define SIM_PAGECACHE_H

#include <stdint.h>

#include "format/format.h"

struct dirty_page {
	uint32_t pgno;
	struct lgpos first;          /* the record that first dirtied it */
	unsigned char *data;         /* the whole page, sealed */
	struct dirty_page *older, *newer, *hash_next;
};

/* Pages of one size taken in blocks and kept once dropped, lent to the
 * caches made with it: room one cache gives up, another takes, so the
 * caches together never hold more memory than their most pages at once
 * (no allocation per page either, which costs much once the heap holds
 * thousands of freed pages). */
struct page_pool {
	uint32_t page_size;
	struct dirty_page *spare;        /* free entries */
	struct page_block *blocks;       /* every block taken */
	unsigned taken;                  /* pages in those blocks */
};

struct page_cache {
	uint32_t page_size;
	unsigned count;
	struct dirty_page *oldest, *newest;
	struct dirty_page **buckets;
	unsigned bucket_count;
	struct page_pool *pool;          /* NULL: each page allocated alone */
};

void page_pool_init(struct page_pool *pool, uint32_t page_size);
/* Every block freed: the caches made with it are freed first. */
void page_pool_free(struct page_pool *pool);

int page_cache_init(struct page_cache *c, uint32_t page_size);
/* For about `pages` pages at once: as many hash chains (at least the
 * default's), so a lookup stays short; the pages come from the pool and
 * go back to it when dropped. */
int page_cache_init_pooled(struct page_cache *c, struct page_pool *pool, unsigned pages);
void page_cache_free(struct page_cache *c);
struct dirty_page *page_cache_find(const struct page_cache *c, uint32_t pgno);
/* A new dirty page (data copied), as the newest. */
int page_cache_add(struct page_cache *c, uint32_t pgno, struct lgpos first,
		   const unsigned char *data, struct dirty_page **out);
/* Forgets the oldest page (after it has been written out). */
void page_cache_drop_oldest(struct page_cache *c);
/* A page held moved to the newest end (a cache kept in order of use). */
void page_cache_make_newest(struct page_cache *c, struct dirty_page *p);

#endif
