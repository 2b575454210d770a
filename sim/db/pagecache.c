#include "db/pagecache.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"

#define BUCKETS 1024

int page_cache_init(struct page_cache *c, uint32_t page_size)
{
	memset(c, 0, sizeof *c);
	c->page_size = page_size;
	c->bucket_count = BUCKETS;
	c->buckets = calloc(BUCKETS, sizeof *c->buckets);
	return c->buckets ? JET_errSuccess : JET_errOutOfMemory;
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

int page_cache_add(struct page_cache *c, uint32_t pgno, struct lgpos first,
		   const unsigned char *data, struct dirty_page **out)
{
	struct dirty_page *p = calloc(1, sizeof *p);
	unsigned b = bucket_of(c, pgno);
	if (!p || !(p->data = malloc(c->page_size))) {
		free(p);
		return JET_errOutOfMemory;
	}
	memcpy(p->data, data, c->page_size);
	p->pgno = pgno;
	p->first = first;
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
	free(p->data);
	free(p);
}
