#include "db/pagecache.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"

#define BUCKETS 1024
/* A pool takes its pages this many at a time. */
#define BLOCK_PAGES 64

struct page_block {
	struct page_block *next;
	struct dirty_page entry[BLOCK_PAGES];
};

void page_pool_init(struct page_pool *pool, uint32_t page_size)
{
	memset(pool, 0, sizeof *pool);
	pool->page_size = page_size;
}

void page_pool_free(struct page_pool *pool)
{
	while (pool->blocks) {
		struct page_block *b = pool->blocks;
		pool->blocks = b->next;
		free(b->entry[0].data);
		free(b);
	}
	page_pool_init(pool, pool->page_size);
}

static int init(struct page_cache *c, uint32_t page_size, unsigned buckets,
		struct page_pool *pool)
{
	memset(c, 0, sizeof *c);
	c->page_size = page_size;
	c->bucket_count = buckets;
	c->pool = pool;
	c->buckets = calloc(buckets, sizeof *c->buckets);
	return c->buckets ? JET_errSuccess : JET_errOutOfMemory;
}

int page_cache_init(struct page_cache *c, uint32_t page_size)
{
	return init(c, page_size, BUCKETS, NULL);
}

int page_cache_init_pooled(struct page_cache *c, struct page_pool *pool, unsigned pages)
{
	unsigned buckets = BUCKETS;
	while (buckets < pages && buckets < (1u << 24))
		buckets *= 2;
	return init(c, pool->page_size, buckets, pool);
}

void page_cache_free(struct page_cache *c)
{
	while (c->oldest)
		page_cache_drop_oldest(c);
	free(c->buckets);
	c->buckets = NULL;
}

static unsigned bucket_of(const struct page_cache *c, uint32_t pgno)
{
	return (pgno * 2654435761u) % c->bucket_count;
}

struct dirty_page *page_cache_find(const struct page_cache *c, uint32_t pgno)
{
	struct dirty_page *p = c->buckets ? c->buckets[bucket_of(c, pgno)] : NULL;
	while (p && p->pgno != pgno)
		p = p->hash_next;
	return p;
}

/* The next free entry: from the pool, which takes a block when it has
 * none; or allocated alone. */
static struct dirty_page *take(struct page_cache *c)
{
	struct page_pool *pool = c->pool;
	struct dirty_page *p;
	if (!pool) {
		p = calloc(1, sizeof *p);
		if (p && !(p->data = malloc(c->page_size))) {
			free(p);
			p = NULL;
		}
		return p;
	}
	if (!pool->spare) {
		struct page_block *b = calloc(1, sizeof *b);
		unsigned char *data = malloc((size_t)BLOCK_PAGES * pool->page_size);
		if (!b || !data) {
			free(b);
			free(data);
			return NULL;
		}
		for (unsigned i = 0; i < BLOCK_PAGES; i++) {
			b->entry[i].data = data + (size_t)i * pool->page_size;
			b->entry[i].hash_next = i + 1 < BLOCK_PAGES ? &b->entry[i + 1] : NULL;
		}
		b->next = pool->blocks;
		pool->blocks = b;
		pool->spare = &b->entry[0];
		pool->taken += BLOCK_PAGES;
	}
	p = pool->spare;
	pool->spare = p->hash_next;
	return p;
}

int page_cache_add(struct page_cache *c, uint32_t pgno, struct lgpos first,
		   const unsigned char *data, struct dirty_page **out)
{
	struct dirty_page *p = take(c);
	unsigned b = bucket_of(c, pgno);
	if (!p)
		return JET_errOutOfMemory;
	memcpy(p->data, data, c->page_size);
	p->pgno = pgno;
	p->first = first;
	p->newer = NULL;
	p->hash_next = c->buckets[b];
	c->buckets[b] = p;
	p->older = c->newest;
	if (c->newest)
		c->newest->newer = p;
	else
		c->oldest = p;
	c->newest = p;
	c->count++;
	*out = p;
	return JET_errSuccess;
}

void page_cache_drop_oldest(struct page_cache *c)
{
	struct dirty_page *p = c->oldest, **link;
	if (!p)
		return;
	for (link = &c->buckets[bucket_of(c, p->pgno)]; *link != p; link = &(*link)->hash_next)
		;
	*link = p->hash_next;
	c->oldest = p->newer;
	if (c->oldest)
		c->oldest->older = NULL;
	else
		c->newest = NULL;
	c->count--;
	if (c->pool) {
		p->hash_next = c->pool->spare;
		c->pool->spare = p;
		return;
	}
	free(p->data);
	free(p);
}

void page_cache_make_newest(struct page_cache *c, struct dirty_page *p)
{
	if (p == c->newest)
		return;
	if (p->older)
		p->older->newer = p->newer;
	else
		c->oldest = p->newer;
	p->newer->older = p->older;
	p->older = c->newest;
	p->newer = NULL;
	c->newest->newer = p;
	c->newest = p;
}
