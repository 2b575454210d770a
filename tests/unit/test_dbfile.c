/* The ESE file formats (sim/format.c, sim/dbfile.c, sim/checkpoint.c):
 * headers, page checksums, log times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "log/checkpoint.h"
#include "format/dbfile.h"
#include "format/format.h"
#include "format/patch_page.h"
#include "jet_values.h"
#include "scratch.h"

/* Vectors of ESE's XOR+ECC page checksum, computed from the engine's
 * algorithm (checksum.cxx) and libesedb's reading of it. */
static void page_checksum_matches_ese(void **state)
{
	unsigned char page[8192];
	memset(page, 0, 4096);
	put32(page + 36, 0x2000);
	page_seal(page, 4096, 1);
	assert_int_equal(get32(page), 0x00002001);
	assert_int_equal(get32(page + 4), 0x7ED2012D);
	assert_true(page_verify(page, 4096, 1));

	memset(page, 0, 8192);
	put32(page + 36, 0x2003);
	page_seal(page, 8192, 5);
	assert_int_equal(get32(page), 0x00002006);
	assert_int_equal(get32(page + 4), 0xFED3012C);
}

static void page_checksum_detects_changes(void **state)
{
	static const uint32_t sizes[] = { 4096, 8192, 16384, 32768 };
	for (unsigned i = 0; i < 4; i++) {
		uint32_t size = sizes[i];
		unsigned char *page = malloc(size);
		page_init(page, size, 7, 42, 5, PAGE_FLAG_LEAF);
		assert_true(page_verify(page, size, 7));
		/* the page number is part of it: a page in the wrong place fails */
		assert_false(page_verify(page, size, 8));
		assert_int_equal(page_dbtime(page), 42);
		page[size - 100] ^= 0x10;
		assert_false(page_verify(page, size, 7));
		assert_int_equal(page_validate(page, size, 7), JET_errReadVerifyFailure);
		/* never written: ESE's ErrValidatePage says uninitialised */
		memset(page, 0, size);
		assert_int_equal(page_validate(page, size, 7), JET_errPageNotInitialized);
		page[size - 1] = 1;
		assert_int_equal(page_validate(page, size, 7), JET_errReadVerifyFailure);
		page_init(page, size, 7, 42, 5, PAGE_FLAG_LEAF);
		page[size - 100] ^= 0x10;
		page_seal(page, size, 7);
		assert_true(page_verify(page, size, 7));
		free(page);
	}
}

static struct db_header sample_header(uint32_t page_size)
{
	struct db_header h;
	memset(&h, 0, sizeof h);
	h.version = DB_FORMAT_VERSION;
	h.revision = DB_FORMAT_REVISION;
	h.jet_filetype = JET_filetypeDatabase;
	h.dbtime = 0x123456789ULL;
	h.db_signature.random = 0xCAFEF00D;
	h.db_signature.created = logtime_from_filetime(133000000000000000ULL);
	h.log_signature.random = 77;
	h.state = JET_dbstateCleanShutdown;
	h.consistent = (struct lgpos){ 9, 3, 100 };
	h.full_previous = (struct bkinfo){ { 4, 1, 2 }, h.db_signature.created, 4, 9 };
	h.copy_previous.gen_high = 11;
	h.differential_previous_type = 1;
	h.page_size = page_size;
	h.dbid = 2;
	return h;
}

static void header_layout_is_ese(void **state)
{
	unsigned char page[4096];
	struct db_header h = sample_header(4096), back;
	uint32_t libesedb = ESE_MAGIC;

	db_header_encode(&h, page, sizeof page);
	/* the offsets libesedb and esentutl read (engine notes §4) */
	assert_int_equal(get32(page + 4), 0x89ABCDEF);
	assert_int_equal(get32(page + 8), 0x620);
	assert_int_equal(get32(page + 12), 0);
	assert_int_equal(get64(page + 16), 0x123456789ULL);
	assert_int_equal(get32(page + 24), 0xCAFEF00D);
	assert_int_equal(get32(page + 52), JET_dbstateCleanShutdown);
	assert_int_equal(get32(page + 60), 9);        /* consistent generation */
	assert_int_equal(get32(page + 104), 2);       /* dbid */
	assert_int_equal(get32(page + 108), 77);      /* log signature */
	assert_int_equal(get32(page + 136 + 16), 4);  /* full backup genLow */
	assert_int_equal(get32(page + 136 + 20), 9);
	assert_int_equal(get32(page + 232), 0x14);
	assert_int_equal(get32(page + 236), 4096);
	assert_int_equal(get32(page + 420 + 20), 11); /* copy backup genHigh */
	assert_int_equal(get32(page + 472), 1);
	assert_int_equal(page[667], JET_filetypeDatabase);
	/* libesedb's checksum covers only bytes 4..667: the same value */
	for (size_t i = 4; i < 668; i += 4)
		libesedb ^= get32(page + i);
	assert_int_equal(libesedb, get32(page));
	assert_int_equal(db_header_decode(page, sizeof page, &back), JET_errSuccess);
	assert_memory_equal(back.raw, page, DB_HEADER_KEEP);
	memcpy(h.raw, back.raw, sizeof h.raw);
	assert_memory_equal(&back, &h, sizeof h);
	/* fields we do not interpret (a Windows header's) are written back */
	back.raw[700] = 0x5A;
	back.raw[208] |= 0x40;
	db_header_encode(&back, page, sizeof page);
	assert_int_equal(page[700], 0x5A);
	assert_int_equal(get32(page + 208) & 0x40, 0x40);
	assert_int_equal(db_header_decode(page, sizeof page, &back), JET_errSuccess);
	page[300] ^= 1;
	assert_int_equal(db_header_decode(page, sizeof page, &back), JET_errDatabaseCorrupted);
}

/* A damaged first copy is read from its shadow. */
static void header_shadow_copy(void **state)
{
	const char *dir = scratch_dir("shadow");
	struct db_header h = sample_header(8192), back;
	unsigned char junk[16] = "not a header....";
	os_file *f;
	char path[4096];
	strcpy(path, scratch_path(dir, "db.edb"));
	assert_int_equal(os_file_open(path, OS_OPEN_CREATE, &f), OS_OK);
	assert_int_equal(db_header_write(f, &h), JET_errSuccess);
	assert_int_equal(db_header_read(f, &back), JET_errSuccess);
	assert_int_equal(back.page_size, 8192);
	assert_int_equal(os_file_write_at(f, 0, junk, sizeof junk), OS_OK);
	assert_int_equal(db_header_read(f, &back), JET_errSuccess);
	assert_int_equal(back.dbtime, h.dbtime);
	assert_int_equal(os_file_write_at(f, 8192, junk, sizeof junk), OS_OK);
	assert_int_equal(db_header_read(f, &back), JET_errDatabaseCorrupted);
	os_file_close(f);
}

static void logtime_round_trip(void **state)
{
	/* 2026-11-25 15:48:09.250 UTC as a FILETIME */
	uint64_t ft = 134400952892500000ULL;
	struct logtime t = logtime_from_filetime(ft);
	assert_int_equal(t.b[5], 126);
	assert_int_equal(t.b[4], 11);
	assert_int_equal(t.b[3], 25);
	assert_int_equal(t.b[2], 15);
	assert_int_equal(t.b[1], 48);
	assert_int_equal(t.b[0], 9);
	assert_int_equal(t.b[6] & 1, 1);   /* UTC */
	assert_int_equal(logtime_to_filetime(t), ft);
	assert_true(logtime_is_set(t));
	memset(&t, 0, sizeof t);
	assert_false(logtime_is_set(t));
}

static void lgpos_order_and_layout(void **state)
{
	unsigned char b[8];
	struct lgpos a = lgpos_at(3, 5000), c = lgpos_at(3, 5001), d = lgpos_at(4, 0);
	assert_int_equal(a.isec, 1);
	assert_int_equal(a.ib, 5000 - 4096);
	assert_int_equal(lgpos_offset(a), 5000);
	assert_true(lgpos_compare(a, c) < 0);
	assert_true(lgpos_compare(c, d) < 0);
	assert_int_equal(lgpos_compare(d, d), 0);
	lgpos_put(b, a);
	assert_int_equal(get16(b), a.ib);
	assert_int_equal(get16(b + 2), a.isec);
	assert_int_equal(get32(b + 4), 3);
	assert_int_equal(lgpos_compare(lgpos_get(b), a), 0);
}

static void checkpoint_round_trip_and_shadow(void **state)
{
	const char *dir = scratch_dir("checkpoint");
	struct checkpoint c, back;
	char path[4096];
	unsigned char junk[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	os_file *f;
	uint64_t size;

	strcpy(path, scratch_path(dir, "edb.chk"));
	assert_int_equal(checkpoint_read(path, &back), JET_errCheckpointFileNotFound);
	memset(&c, 0, sizeof c);
	c.position = lgpos_at(12, 8192);
	c.log_signature.random = 99;
	assert_int_equal(checkpoint_write(path, &c), JET_errSuccess);
	assert_int_equal(os_path_size(path, &size), OS_OK);
	assert_int_equal(size, 8192);   /* the header and its shadow */
	assert_int_equal(checkpoint_read(path, &back), JET_errSuccess);
	assert_int_equal(back.position.generation, 12);
	assert_int_equal(back.log_signature.random, 99);
	assert_int_equal(os_file_open(path, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 12, junk, sizeof junk), OS_OK);
	assert_int_equal(checkpoint_read(path, &back), JET_errSuccess);
	assert_int_equal(back.position.generation, 12);
	assert_int_equal(os_file_write_at(f, 4096 + 12, junk, sizeof junk), OS_OK);
	os_file_close(f);
	assert_int_equal(checkpoint_read(path, &back), JET_errCheckpointCorrupt);
}

/* The trailer of a database stream (backup.cxx, BKIMakeDbTrailer): the
 * required generations and their times at 120..147 only from format
 * JET_efvLowerMinReqLogGenOnRedo (0x620,160,360) on, and then the
 * backup's high generation is at least lGenMaxCommitted. */
static void trailer_fields_by_format(void **state)
{
	static const unsigned char zero[28];
	struct db_header h;
	struct bkinfo b = { 0 };
	struct patch_page back;
	unsigned char page[8192];
	(void)state;
	memset(&h, 0, sizeof h);
	h.version = DB_FORMAT_VERSION;
	h.revision = DB_FORMAT_REVISION;
	h.db_signature.random = 7;
	h.required_min = 5;
	h.required_max = 7;
	h.max_committed = 9;
	h.max_generation_time.b[0] = 11;
	h.max_required_time.b[0] = 10;
	b.gen_low = 3;
	b.gen_high = 8;
	patch_page_make(page, sizeof page, &b, &h);
	assert_memory_equal(page + 120, zero, 28);
	assert_int_equal(patch_page_decode(page, sizeof page, &back), JET_errSuccess);
	assert_int_equal(back.backup.gen_high, 8);
	assert_int_equal(back.db_signature.random, 7);
	h.revision = 160;
	h.update_minor = 360;
	patch_page_make(page, sizeof page, &b, &h);
	assert_int_equal(patch_page_decode(page, sizeof page, &back), JET_errSuccess);
	assert_int_equal(back.gen_min_required, 5);
	assert_int_equal(back.gen_max_required, 7);
	assert_int_equal(back.gen_max_committed, 9);
	assert_int_equal(page[132], 10);
	assert_int_equal(page[140], 11);
	assert_int_equal(back.backup.gen_high, 9);
	h.update_minor = 359;   /* just below */
	patch_page_make(page, sizeof page, &b, &h);
	assert_memory_equal(page + 120, zero, 28);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_checksum_matches_ese),
		cmocka_unit_test(page_checksum_detects_changes),
		cmocka_unit_test(header_layout_is_ese),
		cmocka_unit_test(header_shadow_copy),
		cmocka_unit_test(logtime_round_trip),
		cmocka_unit_test(lgpos_order_and_layout),
		cmocka_unit_test(checkpoint_round_trip_and_shadow),
		cmocka_unit_test(trailer_fields_by_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
