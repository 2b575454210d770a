#include "db/replay_cache.h"

#include <stdlib.h>
#include <string.h>

#include "format/dbfile.h"
#include "jet_values.h"

/* At most this many bytes go to the file in one write. */
#define RUN_BYTES (256u * 1024)

int replay_cache_open(struct replay_cache *c, os_file *f, struct page_pool *pool, unsigned pages)
{
	memset(c, 0, sizeof *c);
	c->file = f;
	c->page_size = pool->page_size;
	if (!(c->scratch = malloc(c->page_size)))
		return JET_errOutOfMemory;
	return page_cache_init_pooled(&c->held, pool, pages);
}

void replay_cache_close(struct replay_cache *c)
{
	if (c->held.buckets)
		page_cache_free(&c->held);
	free(c->scratch);
	memset(c, 0, sizeof *c);
}

int replay_cache_is_open(const struct replay_cache *c)
{
	return c->held.buckets != NULL;
}

unsigned replay_cache_count(const struct replay_cache *c)
{
	return c->held.count;
}

struct dirty_page *replay_cache_find(const struct replay_cache *c, uint32_t pgno)
{
	return page_cache_find(&c->held, pgno);
}

static int is_changed(const struct dirty_page *p)
{
	return p->first.generation != 0;
}

int replay_cache_read(struct replay_cache *c, uint32_t pgno, struct dirty_page **out)
{
	int err = page_read(c->file, c->page_size, pgno, c->scratch);
	return err ? err : page_cache_add(&c->held, pgno, (struct lgpos){ 0 }, c->scratch, out);
}

void replay_cache_changed(struct replay_cache *c, struct dirty_page *p, struct lgpos at)
{
	if (!is_changed(p)) {
		p->first = at;
		c->changed++;
	}
}

int replay_cache_put(struct replay_cache *c, uint32_t pgno, const unsigned char *page,
		     struct lgpos at)
{
	struct dirty_page *p = page_cache_find(&c->held, pgno);
	int err = JET_errSuccess;
	if (p)
		memcpy(p->data, page, c->page_size);
	else
		err = page_cache_add(&c->held, pgno, (struct lgpos){ 0 }, page, &p);
	if (!err)
		replay_cache_changed(c, p, at);
	return err;
}

static int by_pgno(const void *a, const void *b)
{
	uint32_t x = (*(struct dirty_page *const *)a)->pgno, y = (*(struct dirty_page *const *)b)->pgno;
	return x < y ? -1 : x > y;
}

/* The pages in order[0..count) sealed and written, neighbours in one
 * write of at most per_run pages through run. */
static int write_pages(struct replay_cache *c, struct dirty_page **order, unsigned count,
		       unsigned per_run, unsigned char *run)
{
	int err = JET_errSuccess;
	/* each page sealed once, whatever number of records changed it */
	for (unsigned i = 0; i < count; i++)
		page_seal(order[i]->data, c->page_size, order[i]->pgno);
	for (unsigned i = 0, len; !err && i < count; i += len) {
		for (len = 1; i + len < count && len < per_run &&
			      order[i + len]->pgno == order[i]->pgno + len; len++)
			;
		if (len == 1) {
			err = page_write(c->file, c->page_size, order[i]->pgno, order[i]->data);
			continue;
		}
		for (unsigned k = 0; k < len; k++)
			memcpy(run + (size_t)k * c->page_size, order[i + k]->data, c->page_size);
		err = page_run_write(c->file, c->page_size, order[i]->pgno, run, (size_t)len * c->page_size);
	}
	if (!err)
		for (unsigned i = 0; i < count; i++)
			order[i]->first = (struct lgpos){ 0 };
	return err;
}

/* The changed pages of the first n held (oldest first) sealed and
 * written, in page order; they stay held, unchanged.  Writing out is how
 * memory is given back, so it needs none: short of it, the pages go one
 * by one, in the order they are held. */
static int write_oldest(struct replay_cache *c, unsigned n)
{
	struct dirty_page **order, *p;
	unsigned count = 0, per_run;
	unsigned char *run;
	int err = JET_errSuccess;

	if (!c->changed)
		return JET_errSuccess;   /* a cache never opened too */
	per_run = RUN_BYTES / c->page_size ? RUN_BYTES / c->page_size : 1;
	order = malloc((n < c->changed ? n : c->changed) * sizeof *order);
	run = per_run > 1 ? malloc((size_t)per_run * c->page_size) : NULL;
	if (!run)
		per_run = 1;
	if (!order) {
		for (p = c->held.oldest; !err && p && n; p = p->newer, n--)
			if (is_changed(p) && !(err = write_pages(c, &p, 1, 1, NULL)))
				c->changed--;
		free(run);
		return err;
	}
	for (p = c->held.oldest; p && n && count < c->changed; p = p->newer, n--)
		if (is_changed(p))
			order[count++] = p;
	qsort(order, count, sizeof *order, by_pgno);
	err = write_pages(c, order, count, per_run, run);
	if (!err)
		c->changed -= count;
	free(order);
	free(run);
	return err;
}

int replay_cache_write(struct replay_cache *c)
{
	return write_oldest(c, c->held.count);
}

int replay_cache_evict(struct replay_cache *c, unsigned keep)
{
	int err;
	if (c->held.count <= keep)
		return JET_errSuccess;
	err = write_oldest(c, c->held.count - keep);
	while (!err && c->held.count > keep)
		page_cache_drop_oldest(&c->held);
	return err;
}

struct lgpos replay_cache_oldest_change(const struct replay_cache *c)
{
	struct lgpos oldest = { 0, 0, 0 };
	unsigned seen = 0;
	for (const struct dirty_page *p = c->held.oldest; p && seen < c->changed; p = p->newer)
		if (is_changed(p)) {
			if (!oldest.generation || lgpos_compare(p->first, oldest) < 0)
				oldest = p->first;
			seen++;
		}
	return oldest;
}

void replay_cache_touched(struct replay_cache *c, struct dirty_page *p)
{
	page_cache_make_newest(&c->held, p);
}
