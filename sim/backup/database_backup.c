#include "backup/database_backup.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"

struct database_stream {
	struct database *db;
	struct bkinfo mark;
	unsigned char *header;       /* the header page as it was at open */
	uint32_t page_size;
	uint32_t pages;              /* pages 1..pages, as many as at open */
	uint64_t size, offset;
};

int database_stream_open(struct database *db, const struct bkinfo *mark,
			 struct database_stream **out, uint64_t *size)
{
	struct database_stream *s = calloc(1, sizeof *s);
	struct db_header h;
	if (!s || !(s->header = malloc(db->page_size))) {
		free(s);
		return JET_errOutOfMemory;
	}
	s->db = db;
	s->mark = *mark;
	s->page_size = db->page_size;
	s->pages = db->pages;
	h = db->header;
	h.full_current = *mark;
	db_header_encode(&h, s->header, s->page_size);
	s->size = ((uint64_t)s->pages + 3) * s->page_size;
	*size = s->size;
	*out = s;
	return JET_errSuccess;
}

/* ESE's trailer (backup.cxx, BACKUP_CONTEXT::BKIMakeDbTrailer), built by
 * format/patch_page.c from the database's header: the backup's BKINFO, the
 * signatures, and for formats from JET_efvLowerMinReqLogGenOnRedo on the
 * required generations; sealed with the header checksum at every page
 * size, as restore (ErrDBReadAndCheckDBTrailer) checks it. */
static void make_trailer(const struct database_stream *s, uint32_t current_generation,
			 unsigned char *page)
{
	struct bkinfo b = s->mark;
	b.gen_high = current_generation;
	patch_page_make(page, s->page_size, &b, &s->db->header);
}

/* How much is read before it is verified: a run that stays in the L2
 * cache, so that the checksum reads the pages from there and not again
 * from memory, however large the caller's buffer. */
#define VERIFY_CHUNK (512u * 1024u)

/* Data pages lie in the file exactly where they lie in the stream (the
 * header pages before them): a run of them is read a chunk at a time, and
 * each page verified where it landed, while the chunk is still in cache. */
static int read_pages(struct database_stream *s, unsigned char *out, uint32_t count)
{
	uint32_t first = (uint32_t)(s->offset / s->page_size - 1);   /* page number */
	uint32_t per_chunk = VERIFY_CHUNK / s->page_size ? VERIFY_CHUNK / s->page_size : 1;
	uint64_t offset = s->offset;
	for (uint32_t done = 0; done < count;) {
		uint32_t n = count - done < per_chunk ? count - done : per_chunk;
		size_t bytes = (size_t)n * s->page_size, got = 0;
		unsigned char *chunk = out + (size_t)done * s->page_size;
		if (os_file_read_at(s->db->file, offset, chunk, bytes, &got) != OS_OK)
			return JET_errDiskIO;
		if (got != bytes)
			return JET_errReadVerifyFailure;
		for (uint32_t i = 0; i < n; i++) {
			int err = page_validate(chunk + (size_t)i * s->page_size, s->page_size,
						first + done + i);
			/* "reading an uninit page during backup is not an error"
			 * (io.cxx, IOReadDbPagesCompleted): it is copied as it is */
			if (err && err != JET_errPageNotInitialized)
				return err;
		}
		done += n;
		offset += bytes;
	}
	return JET_errSuccess;
}

int database_stream_read(struct database_stream *s, uint32_t current_generation, void *buf,
			 uint32_t cb, uint32_t *got)
{
	unsigned char *out = buf;
	uint64_t pages_end = ((uint64_t)s->pages + 2) * s->page_size;
	*got = 0;
	while (cb - *got >= s->page_size && s->offset < s->size) {
		uint32_t n = 1;
		int err = JET_errSuccess;
		if (s->offset < 2 * (uint64_t)s->page_size) {
			memcpy(out, s->header, s->page_size);
		} else if (s->offset < pages_end) {
			/* the file's pages, not the cache's: the logs of the
			 * backup bring them forward (a "fuzzy" copy, as ESE's) */
			uint64_t room = (cb - *got) / s->page_size;
			uint64_t left = (pages_end - s->offset) / s->page_size;
			n = (uint32_t)(room < left ? room : left);
			err = read_pages(s, out, n);
		} else {
			make_trailer(s, current_generation, out);
		}
		if (err)
			return err;
		out += (size_t)n * s->page_size;
		*got += n * s->page_size;
		s->offset += (uint64_t)n * s->page_size;
	}
	return JET_errSuccess;
}

void database_stream_seek(struct database_stream *s, uint64_t offset)
{
	s->offset = offset < s->size ? offset : s->size;
}

int database_stream_done(const struct database_stream *s)
{
	return s->offset == s->size;
}

void database_stream_close(struct database_stream *s)
{
	if (s) {
		free(s->header);
		free(s);
	}
}
