/*
 * ese_page.h: ESE's checksums of 4 KiB pages, for the samples that check
 * the copies they make or restore (the format ESE documents through its
 * public source: a header's XOR of its words; a data page's XOR of its
 * 32-bit words after the checksum field with the page number, and an ECC
 * over their parities).
 */
#ifndef SAMPLES_ESE_PAGE_H
#define SAMPLES_ESE_PAGE_H

#define ESE_PAGE 4096

static inline unsigned long le32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 |
	       (unsigned long)p[3] << 24;
}

static inline unsigned long header_checksum(const unsigned char *page)
{
	unsigned long x = 0x89ABCDEF;
	for (unsigned i = 4; i < ESE_PAGE; i += 4)
		x ^= le32(page + i);
	return x;
}

static inline int page_checksum_ok(const unsigned char *page, unsigned long pgno)
{
	unsigned long rows = ESE_PAGE / 4, parity = 0, p = 0, q = 0, r = 0, s = 0, ecc;
	for (unsigned long i = 2; i < rows; i++) {
		unsigned long d = le32(page + 4 * i), bits = d;
		parity ^= d;
		bits ^= bits >> 16;
		bits ^= bits >> 8;
		bits ^= bits >> 4;
		bits ^= bits >> 2;
		bits ^= bits >> 1;
		if (bits & 1) {
			p ^= i;
			q ^= ~i;
		}
	}
	for (unsigned long c = 0; c < 32; c++) {
		if (parity >> c & 1) {
			r ^= c;
			s ^= ~c;
		}
	}
	ecc = (q & (rows - 1)) << 21 | (s & 31) << 16 | (p & (rows - 1)) << 5 | (r & 31);
	return le32(page) == ((parity ^ pgno) & 0xFFFFFFFF) && le32(page + 4) == (ecc & 0xFFFFFFFF);
}

#endif
