/* The folded page checksum (sim/format/page_checksum.c): every
 * implementation this CPU runs equals the row-by-row definition
 * (checksum_oracle.h) on random blocks, on single-bit flips and on every
 * block size ESE uses; sealed pages of 4 to 32 KiB carry what the oracle
 * computes for each of their blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "checksum_oracle.h"
#include "format/dbfile.h"
#include "format/page_checksum.h"

/* xorshift64: the same pages on every run */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void fill_random(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(next_random() >> 24);
}

static void assert_all_equal_oracle(const unsigned char *block, uint32_t size, uint32_t pgno,
				    uint32_t first_row)
{
	uint64_t want = oracle_block_checksum(block, size, pgno, first_row);
	for (int i = 0; i < PAGE_CHECKSUM_IMPLS; i++) {
		if (!page_checksum_available((enum page_checksum_impl)i))
			continue;
		uint64_t got = page_block_checksum_with((enum page_checksum_impl)i, block, size, pgno,
							first_row);
		if (got != want)
			fail_msg("%s: size %u pgno %u first row %u: %016llx, the definition %016llx",
				 page_checksum_impl_name((enum page_checksum_impl)i), size, pgno,
				 first_row, (unsigned long long)got, (unsigned long long)want);
	}
	assert_true(page_block_checksum(block, size, pgno, first_row) == want);
}

static void portable_is_always_there(void **state)
{
	assert_true(page_checksum_available(PAGE_CHECKSUM_PORTABLE));
	assert_true(page_checksum_available(page_checksum_chosen()));
	/* the widest the CPU has is the one used */
	for (int i = page_checksum_chosen() + 1; i < PAGE_CHECKSUM_IMPLS; i++)
		assert_false(page_checksum_available((enum page_checksum_impl)i));
	assert_false(page_checksum_available(PAGE_CHECKSUM_IMPLS));
}

static void random_blocks_match_the_definition(void **state)
{
	unsigned char *block = malloc(PAGE_CHECKSUM_MAX_BLOCK + 64);
	for (uint32_t size = PAGE_CHECKSUM_MIN_BLOCK; size <= PAGE_CHECKSUM_MAX_BLOCK; size *= 2) {
		for (int round = 0; round < 40; round++) {
			/* unaligned starts too: pages come from any buffer */
			unsigned char *b = block + (round % 5) * 3;
			uint32_t pgno = (uint32_t)next_random();
			fill_random(b, size);
			assert_all_equal_oracle(b, size, pgno, 0);
			assert_all_equal_oracle(b, size, pgno, 2);
		}
	}
	free(block);
}

/* Sparse and extreme contents: all zero, all ones, one word set. */
static void special_blocks_match_the_definition(void **state)
{
	unsigned char block[8192];
	for (uint32_t size = 4096; size <= 8192; size *= 2) {
		memset(block, 0, size);
		assert_all_equal_oracle(block, size, 1, 2);
		memset(block, 0xFF, size);
		assert_all_equal_oracle(block, size, 0xFFFFFFFFu, 2);
		for (uint32_t row = 0; row < size / 4; row += 37) {
			memset(block, 0, size);
			put32(block + 4 * row, 0x80000001u);
			assert_all_equal_oracle(block, size, row, 2);
		}
	}
}

/* Every single-bit flip changes the checksum as the definition does (the
 * ECC locates it), at both ESE block sizes. */
static void single_bit_flips_match_the_definition(void **state)
{
	unsigned char block[8192];
	for (uint32_t size = 4096; size <= 8192; size *= 2) {
		fill_random(block, size);
		uint64_t clean = page_block_checksum(block, size, 3, 2);
		for (uint32_t bit = 64; bit < size * 8; bit += 7) {
			block[bit / 8] ^= (unsigned char)(1u << (bit % 8));
			uint64_t flipped = page_block_checksum(block, size, 3, 2);
			assert_true(flipped != clean);
			assert_true(flipped == oracle_block_checksum(block, size, 3, 2));
			block[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		}
		/* and every implementation on a handful of them */
		for (uint32_t bit = 64; bit < size * 8; bit += 997) {
			block[bit / 8] ^= (unsigned char)(1u << (bit % 8));
			assert_all_equal_oracle(block, size, 3, 2);
			block[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		}
	}
}

/* page_seal at every page size stores what the definition gives: pages of
 * 16 and 32 KiB checksum their further blocks into the header (4 and
 * 8 KiB blocks), then the first block. */
static void sealed_pages_carry_the_definition(void **state)
{
	static const uint32_t sizes[] = { 4096, 8192, 16384, 32768 };
	for (unsigned n = 0; n < 4; n++) {
		uint32_t size = sizes[n], blk = size > 8192 ? (size == 16384 ? 4096 : 8192) : size;
		unsigned char *page = malloc(size);
		for (int round = 0; round < 8; round++) {
			uint32_t pgno = 1 + (uint32_t)(next_random() % 100000);
			fill_random(page, size);
			page_seal(page, size, pgno);
			for (uint32_t k = 1; k < size / blk; k++)
				assert_true(get64(page + 40 + 8 * (k - 1)) ==
					    oracle_block_checksum(page + k * blk, blk, pgno, 0));
			assert_true(get64(page) == oracle_block_checksum(page, blk, pgno, 2));
			assert_true(page_verify(page, size, pgno));
			/* a flip anywhere is found */
			uint32_t bit = 64 + (uint32_t)(next_random() % (size * 8 - 64));
			page[bit / 8] ^= (unsigned char)(1u << (bit % 8));
			assert_false(page_verify(page, size, pgno));
		}
		free(page);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(portable_is_always_there),
		cmocka_unit_test(random_blocks_match_the_definition),
		cmocka_unit_test(special_blocks_match_the_definition),
		cmocka_unit_test(single_bit_flips_match_the_definition),
		cmocka_unit_test(sealed_pages_carry_the_definition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
