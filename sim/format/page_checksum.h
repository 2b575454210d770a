/*
 * ESE's page checksum ("new format", ECC): over one block of a page, read
 * as little-endian 32-bit rows, the XOR of the rows (with the page number)
 * and an ECC code from the parities of rows and columns that locates a
 * single flipped bit.  The code is linear over GF(2): each ECC bit is the
 * parity of the XOR of a fixed group of rows, so the block is folded with
 * wide XORs into one 32-bit word per row-index bit, and the ECC is built
 * from those few words at the end.  One function computes it; the
 * implementation (portable 64-bit C, SSE2, AVX2) is chosen once, from what
 * the CPU running the program has.
 */
#ifndef SIM_PAGE_CHECKSUM_H
#define SIM_PAGE_CHECKSUM_H

#include <stdint.h>

/* Blocks are a power of two from 256 bytes to 8 KiB (ESE's are whole
 * pages of 4 and 8 KiB, and the 4 or 8 KiB blocks of larger pages). */
#define PAGE_CHECKSUM_MIN_BLOCK 256u
#define PAGE_CHECKSUM_MAX_BLOCK 8192u

/* The checksum of a block: low 32 bits the XOR of its rows and pgno, high
 * 32 bits the ECC.  Rows before first_row are left out (2 for the block
 * that holds the page's own 8-byte checksum field, else 0). */
uint64_t page_block_checksum(const unsigned char *block, uint32_t size, uint32_t pgno,
			     uint32_t first_row);

/* The implementations, for the tests and the benchmark; all give the same
 * value. */
enum page_checksum_impl {
	PAGE_CHECKSUM_PORTABLE,   /* C, 64 bits at a time, any CPU */
	PAGE_CHECKSUM_SSE2,       /* x86: 16 bytes at a time */
	PAGE_CHECKSUM_AVX2,       /* x86 with AVX2 (and the OS saving its state) */
	PAGE_CHECKSUM_IMPLS
};
/* 1 when this build has the implementation and this CPU can run it. */
int page_checksum_available(enum page_checksum_impl impl);
/* The one page_block_checksum uses: the widest available. */
enum page_checksum_impl page_checksum_chosen(void);
const char *page_checksum_impl_name(enum page_checksum_impl impl);
/* page_block_checksum with a given implementation, which must be
 * available. */
uint64_t page_block_checksum_with(enum page_checksum_impl impl, const unsigned char *block,
				  uint32_t size, uint32_t pgno, uint32_t first_row);

#endif
