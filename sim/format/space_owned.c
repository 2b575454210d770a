#include "format/space_owned.h"

#include <stdlib.h>
#include <string.h>

#include "format/dbfile.h"
#include "format/format.h"
#include "jet_values.h"

/* PGHDR (cpage.hxx): what the tags need */
#define P_FREE 28
#define P_MIC_FREE 32
#define P_TAG_MIC_FREE 34
#define P_FLAGS 36
#define SPACE_HEADER_SIZE 16   /* cpgPrimary, pgnoParent, flags, pgnoOE */
#define SPH_MULTIPLE_EXTENT 0x01
#define SPLIT_BUFFER_SIZE 16
#define TAG_SIZE 4
#define NODE_COMPRESSED 0x4    /* fNDCompressed, a tag's flags */
#define MAX_DEPTH 8

static int small_page(uint32_t page_size)
{
	return page_size <= 8192;
}

/* Lines laid out from the data area's start, tags from the page's end. */
static void put_lines(unsigned char *page, uint32_t page_size, const unsigned char *const *line,
		      const uint16_t *cb, unsigned count)
{
	unsigned char *data = page + page_data_start(page_size);
	uint16_t ib = 0;
	for (unsigned i = 0; i < count; i++) {
		memcpy(data + ib, line[i], cb[i]);
		put16(page + page_size - TAG_SIZE * (i + 1), cb[i]);
		put16(page + page_size - TAG_SIZE * (i + 1) + 2, ib);
		ib = (uint16_t)(ib + cb[i]);
	}
	put16(page + P_MIC_FREE, ib);
	put16(page + P_TAG_MIC_FREE, (uint16_t)count);
	put16(page + P_FREE, (uint16_t)(page_size - page_data_start(page_size) - ib - TAG_SIZE * count));
}

void space_root_page(unsigned char *page, uint32_t page_size, uint32_t pages)
{
	unsigned char sph[SPACE_HEADER_SIZE] = { 0 };
	const unsigned char *line[1] = { sph };
	const uint16_t cb[1] = { SPACE_HEADER_SIZE };
	page_init(page, page_size, 1, 0, 1, PAGE_FLAG_ROOT | PAGE_FLAG_LEAF);
	if (!small_page(page_size))
		return;
	put32(sph, pages);   /* the primary extent */
	sph[8] = SPH_MULTIPLE_EXTENT;
	put32(sph + 12, 2);  /* OwnExt's root; AvailExt's is the page after */
	put_lines(page, page_size, line, cb, 1);
	page_seal(page, page_size, 1);
}

void space_owned_page(unsigned char *page, uint32_t page_size, uint32_t pages)
{
	unsigned char split[SPLIT_BUFFER_SIZE] = { 0 }, node[10];
	const unsigned char *line[2] = { split, node };
	const uint16_t cb[2] = { SPLIT_BUFFER_SIZE, sizeof node };
	page_init(page, page_size, 2, 0, 1, PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_SPACE_TREE);
	if (!small_page(page_size))
		return;
	put16(node, 4);
	node[2] = (unsigned char)(pages >> 24);
	node[3] = (unsigned char)(pages >> 16);
	node[4] = (unsigned char)(pages >> 8);
	node[5] = (unsigned char)pages;
	put32(node + 6, pages);
	put_lines(page, page_size, line, cb, 2);
	page_seal(page, page_size, 2);
}

/* Tag itag of a page: its bytes and flags, or 0 when outside the page. */
static const unsigned char *tag_line(const unsigned char *page, uint32_t page_size, unsigned itag,
				     uint32_t *cb, unsigned *flags)
{
	const unsigned char *t = page + page_size - TAG_SIZE * (itag + 1);
	uint32_t start = page_data_start(page_size), ib;
	if (small_page(page_size)) {
		*cb = get16(t) & 0x1fff;
		ib = get16(t + 2) & 0x1fff;
		*flags = get16(t + 2) >> 13;
	} else {
		*cb = get16(t) & 0x7fff;
		ib = get16(t + 2) & 0x7fff;
		*flags = 0;
	}
	if (start + ib + *cb > page_size - TAG_SIZE * (itag + 1))
		return NULL;
	if (!small_page(page_size) && *cb >= 2)
		*flags = get16(page + start + ib) >> 13;
	return page + start + ib;
}

/* The last line's key (4 bytes, big-endian, rebuilt from its prefix when
 * compressed) and its data. */
static int last_line(const unsigned char *page, uint32_t page_size, int root, uint32_t *key,
		     const unsigned char **data, uint32_t *cb_data)
{
	unsigned tags = get16(page + P_TAG_MIC_FREE) & 0x0fff, flags, hflags;
	uint32_t cb, cb_hdr, cb_prefix = 0, cb_suffix;
	const unsigned char *p, *hdr;
	unsigned char k[4];
	if (tags < 2)
		return 0;
	p = tag_line(page, page_size, tags - 1, &cb, &flags);
	hdr = tag_line(page, page_size, 0, &cb_hdr, &hflags);
	if (!p || !hdr)
		return -1;
	if (flags & NODE_COMPRESSED) {
		if (cb < 2)
			return -1;
		cb_prefix = get16(p) & 0x1fff;
		p += 2;
		cb -= 2;
		if (root) {   /* a space root's external header starts with a SPLIT_BUFFER */
			hdr += cb_hdr >= SPLIT_BUFFER_SIZE ? SPLIT_BUFFER_SIZE : cb_hdr;
			cb_hdr = cb_hdr >= SPLIT_BUFFER_SIZE ? cb_hdr - SPLIT_BUFFER_SIZE : 0;
		}
	}
	if (cb < 2)
		return -1;
	cb_suffix = get16(p) & 0x1fff;
	if (cb_prefix > cb_hdr || 2 + cb_suffix > cb)
		return -1;
	*data = p + 2 + cb_suffix;
	*cb_data = cb - 2 - cb_suffix;
	/* an internal page's last line may have no key (the one past all) */
	if (cb_prefix + cb_suffix != 4)
		return 2;
	memcpy(k, hdr, cb_prefix);
	memcpy(k + cb_prefix, p + 2, cb_suffix);
	*key = (uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 | (uint32_t)k[2] << 8 | k[3];
	return 1;
}

int space_owned_last(os_file *f, uint32_t page_size, uint32_t *last)
{
	unsigned char *page = malloc(page_size);
	const unsigned char *sph, *data;
	uint32_t cb, pgno, key = 0, cb_data;
	unsigned flags;
	int err = JET_errSuccess, found = 0;
	*last = 0;
	if (!page)
		return JET_errOutOfMemory;
	if (page_read(f, page_size, 1, page) != JET_errSuccess ||
	    !(sph = tag_line(page, page_size, 0, &cb, &flags))) {
		err = JET_errDatabaseCorrupted;
		goto out;
	}
	if (cb < SPACE_HEADER_SIZE)   /* no space information */
		goto out;
	if (!(sph[8] & SPH_MULTIPLE_EXTENT)) {
		*last = get32(sph);   /* one extent from the root */
		goto out;
	}
	pgno = get32(sph + 12);
	for (int depth = 0; depth < MAX_DEPTH; depth++) {
		if (page_read(f, page_size, pgno, page) != JET_errSuccess) {
			err = JET_errDatabaseCorrupted;   /* beyond the end, or damaged */
			goto out;
		}
		found = last_line(page, page_size, depth == 0, &key, &data, &cb_data);
		if (found <= 0)
			break;
		if (get32(page + P_FLAGS) & PAGE_FLAG_LEAF) {
			if (found != 1)
				break;
			*last = key;
			goto out;
		}
		if (cb_data < 4)   /* an internal line's data: its child */
			break;
		pgno = get32(data);
	}
	if (found != 0)   /* a line that is no extent, or too deep a tree */
		err = JET_errDatabaseCorrupted;
out:
	free(page);
	return err;
}
