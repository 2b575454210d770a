/*
 * The pages of one database as the replay of a log set changes them, as
 * ESE's redo goes through its buffer cache (logredo.cxx,
 * ErrLGRIRedoOperations, reaches its pages through bf.cxx): a page is
 * read (and verified) once, changed in memory by every record that
 * touches it, and written once when it leaves the cache (the least
 * recently used pages make room when the cache is full) or before the
 * database is made consistent, sealed then, in page order, neighbouring
 * pages in one write.  The pages are kept in a page_cache (pagecache.c),
 * in order of use: a page's `first` is the record that changed it first
 * since it was last written, {0} for a page held unchanged.  A page read
 * or put when memory runs out is JET_errOutOfMemory, and nothing more
 * is held: the caller makes room and tries again.
 */
#ifndef SIM_REPLAY_CACHE_H
#define SIM_REPLAY_CACHE_H

#include <stdint.h>

#include "db/pagecache.h"
#include "os/os.h"

struct replay_cache {
	struct page_cache held;
	os_file *file;               /* not owned */
	uint32_t page_size;
	unsigned changed;            /* pages held that the file lacks */
	unsigned char *scratch;      /* a page being read */
};

/* Its pages from the pool (of the file's page size), which the caches
 * of a replay share; pages: about how many it will hold at most (sizes
 * the lookup). */
int replay_cache_open(struct replay_cache *c, os_file *f, struct page_pool *pool, unsigned pages);
/* Every page forgotten, written or not. */
void replay_cache_close(struct replay_cache *c);
int replay_cache_is_open(const struct replay_cache *c);
unsigned replay_cache_count(const struct replay_cache *c);
/* The page held, or NULL. */
struct dirty_page *replay_cache_find(const struct replay_cache *c, uint32_t pgno);
/* The page as the file holds it, read and verified now (page_read's
 * errors), held from now on. */
int replay_cache_read(struct replay_cache *c, uint32_t pgno, struct dirty_page **out);
/* The page held was changed by the record at `at`. */
void replay_cache_changed(struct replay_cache *c, struct dirty_page *p, struct lgpos at);
/* A whole page that replaces page pgno, changed by the record at `at`. */
int replay_cache_put(struct replay_cache *c, uint32_t pgno, const unsigned char *page,
		     struct lgpos at);
/* Every changed page sealed and written (not flushed to the device), in
 * page order; they stay held, unchanged. */
int replay_cache_write(struct replay_cache *c);
/* Room made: the pages used longest ago are written if changed (in page
 * order) and forgotten, until `keep` are left. */
int replay_cache_evict(struct replay_cache *c, unsigned keep);
/* The record that first changed the page changed longest ago of those
 * the file lacks; {0} when the file lacks none. */
struct lgpos replay_cache_oldest_change(const struct replay_cache *c);
/* The page held was used now: it is the last to be evicted. */
void replay_cache_touched(struct replay_cache *c, struct dirty_page *p);

#endif
