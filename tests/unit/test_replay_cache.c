/* The replay's page cache (sim/db/replay_cache.c) and the pool its pages
 * come from (sim/db/pagecache.c): pages read once, written once in page
 * order, evicted oldest first; caches sharing a pool; and writing out,
 * which is how memory is given back, done even when no memory is left. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/replay_cache.h"
#include "format/dbfile.h"
#include "jet_values.h"
#include "os/os.h"
#include "fixture.h"

#define PAGE 4096
#define PAGES 96

/* Allocations refused while `no_memory` is set. */
void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);
static int no_memory;

void *__wrap_malloc(size_t size)
{
	return no_memory ? NULL : __real_malloc(size);
}

/* A file of PAGES sealed pages (and the two header pages before them),
 * each holding its number in its data area. */
static os_file *page_file(const char *path)
{
	unsigned char page[PAGE];
	os_file *f;
	assert_int_equal(os_file_open(path, OS_OPEN_CREATE_EXCLUSIVE, &f), OS_OK);
	for (uint32_t pgno = 1; pgno <= PAGES; pgno++) {
		page_init(page, PAGE, pgno, pgno, 0, 0);
		put32(page + page_data_start(PAGE), pgno);
		page_seal(page, PAGE, pgno);
		assert_int_equal(page_write(f, PAGE, pgno, page), JET_errSuccess);
	}
	return f;
}

/* Changes page pgno through the cache: its marker becomes `value`. */
static void change(struct replay_cache *c, uint32_t pgno, uint32_t value, uint32_t at)
{
	struct dirty_page *p = replay_cache_find(c, pgno);
	if (!p)
		assert_int_equal(replay_cache_read(c, pgno, &p), JET_errSuccess);
	else
		replay_cache_touched(c, p);
	put32(p->data + page_data_start(PAGE), value);
	replay_cache_changed(c, p, (struct lgpos){ at, 1, 0 });
}

static uint32_t marker_on_disk(os_file *f, uint32_t pgno)
{
	unsigned char page[PAGE];
	assert_int_equal(page_read(f, PAGE, pgno, page), JET_errSuccess);
	return get32(page + page_data_start(PAGE));
}

static void written_once_sealed_in_order(void **state)
{
	struct page_pool pool;
	struct replay_cache c;
	os_file *f = page_file("a.edb");
	(void)state;
	page_pool_init(&pool, PAGE);
	assert_int_equal(replay_cache_open(&c, f, &pool, PAGES), JET_errSuccess);
	for (uint32_t i = 0; i < 200; i++)
		change(&c, 1 + (i * 37) % PAGES, 1000 + i, 1 + i);
	/* nothing reaches the file before it is written out */
	assert_int_equal(marker_on_disk(f, 38), 38);
	assert_int_equal(replay_cache_write(&c), JET_errSuccess);
	for (uint32_t i = 0; i < 200; i++) {
		uint32_t pgno = 1 + (i * 37) % PAGES, last = i;
		for (uint32_t k = i; k < 200; k++)
			if (1 + (k * 37) % PAGES == pgno)
				last = k;
		assert_int_equal(marker_on_disk(f, pgno), 1000 + last);
	}
	replay_cache_close(&c);
	page_pool_free(&pool);
	os_file_close(f);
}

/* The oldest pages leave first, written if changed; the pages come back
 * to the pool, and a second cache on it takes them. */
static void eviction_gives_pages_to_the_pool(void **state)
{
	struct page_pool pool;
	struct replay_cache a, b;
	os_file *fa = page_file("a.edb"), *fb = page_file("b.edb");
	unsigned taken;
	(void)state;
	page_pool_init(&pool, PAGE);
	assert_int_equal(replay_cache_open(&a, fa, &pool, PAGES), JET_errSuccess);
	assert_int_equal(replay_cache_open(&b, fb, &pool, PAGES), JET_errSuccess);
	for (uint32_t pgno = 1; pgno <= 64; pgno++)
		change(&a, pgno, 5000 + pgno, pgno);
	taken = pool.taken;
	assert_int_equal(taken, 64);
	assert_int_equal(replay_cache_evict(&a, 16), JET_errSuccess);
	assert_int_equal(replay_cache_count(&a), 16);
	assert_int_equal(marker_on_disk(fa, 1), 5001);      /* the oldest: written */
	assert_int_equal(marker_on_disk(fa, 64), 64);       /* still held */
	for (uint32_t pgno = 1; pgno <= 48; pgno++)
		change(&b, pgno, 7000 + pgno, pgno);
	assert_int_equal(pool.taken, taken);                /* no new block */
	replay_cache_close(&a);
	replay_cache_close(&b);
	page_pool_free(&pool);
	os_file_close(fa);
	os_file_close(fb);
}

/* Out of memory, a page is not held (JET_errOutOfMemory), and the pages
 * held are still written out: one by one, in the order they are held. */
static void writing_out_needs_no_memory(void **state)
{
	struct page_pool pool;
	struct replay_cache c;
	struct dirty_page *p;
	os_file *f = page_file("a.edb");
	(void)state;
	page_pool_init(&pool, PAGE);
	assert_int_equal(replay_cache_open(&c, f, &pool, PAGES), JET_errSuccess);
	for (uint32_t pgno = 1; pgno <= 64; pgno++)
		change(&c, pgno, 9000 + pgno, pgno);
	no_memory = 1;
	assert_int_equal(replay_cache_read(&c, 65, &p), JET_errOutOfMemory);
	assert_null(replay_cache_find(&c, 65));
	assert_int_equal(replay_cache_evict(&c, 32), JET_errSuccess);
	assert_int_equal(replay_cache_write(&c), JET_errSuccess);
	no_memory = 0;
	for (uint32_t pgno = 1; pgno <= 64; pgno++)
		assert_int_equal(marker_on_disk(f, pgno), 9000 + pgno);
	/* the room given back is taken again */
	assert_int_equal(replay_cache_read(&c, 65, &p), JET_errSuccess);
	replay_cache_close(&c);
	page_pool_free(&pool);
	os_file_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(written_once_sealed_in_order),
		CASE(eviction_gives_pages_to_the_pool),
		CASE(writing_out_needs_no_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
