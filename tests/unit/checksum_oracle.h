/*
 * The page checksum as the engine defines it (checksum.cxx, "new format"),
 * one 32-bit row at a time, as the engine computed it before the folded
 * implementations of sim/format/page_checksum.c: the reference they must
 * equal bit for bit, and the benchmark's "scalar" figure.
 */
#ifndef CHECKSUM_ORACLE_H
#define CHECKSUM_ORACLE_H

#include <stdint.h>

#include "format/format.h"

static inline uint64_t oracle_block_checksum(const unsigned char *block, uint32_t size,
					     uint32_t pgno, uint32_t first_row)
{
	uint32_t rows = size / 4, column_parity = 0, p = 0, q = 0, r = 0, s = 0, ecc;
	for (uint32_t i = first_row; i < rows; i++) {
		uint32_t d = get32(block + 4 * i), parity = d, odd;
		column_parity ^= d;
		parity ^= parity >> 16;
		parity ^= parity >> 8;
		parity ^= parity >> 4;
		parity ^= parity >> 2;
		parity ^= parity >> 1;
		odd = 0u - (parity & 1);   /* no branch on unpredictable data */
		p ^= i & odd;
		q ^= ~i & odd;
	}
	for (uint32_t c = 0; c < 32; c++) {
		if (column_parity >> c & 1) {
			r ^= c;
			s ^= ~c;
		}
	}
	ecc = (q & (rows - 1)) << 21 | (s & 31) << 16 | (p & (rows - 1)) << 5 | (r & 31);
	return (uint64_t)ecc << 32 | (column_parity ^ pgno);
}

#endif
