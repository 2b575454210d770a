/*
 * ESE's ECC page checksum (the ESE source's checksum.cxx, "new format";
 * libesedb's reading of it), computed by folding.
 *
 * Over rows d[i] (i from first_row), the engine's definition is:
 *   xor = XOR of d[i];
 *   p   = XOR of i   over the rows of odd parity;
 *   q   = XOR of ~i  over the rows of odd parity;
 *   r   = XOR of c   over the set bits c of xor;
 *   s   = XOR of ~c  over the set bits c of xor;
 *   ecc = q << 21 | s << 16 | p << 5 | r  (p and q masked to the row bits,
 *                                          r and s to 5 bits).
 * Bit b of p is the parity of the XOR of the rows whose index has bit b
 * set; bit b of q is that and the parity of xor, since each odd row
 * counts in exactly one of them; r and s are the same over the 32 columns
 * of xor.  So the block needs only XORs: the fold (page_checksum_fold.h)
 * gives one word per index bit, and a few parities finish it.
 */
#include "format/page_checksum.h"

#include <stdatomic.h>
#include <string.h>

#include "format/format.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define HAVE_X86_VECTORS 1
#include <cpuid.h>
#endif

#define FOLD_NAME fold_portable
#define FOLD_VEC uint64_t
#define FOLD_ATTR
#include "format/page_checksum_fold.h"

#ifdef HAVE_X86_VECTORS
typedef uint32_t vec128 __attribute__((vector_size(16)));
typedef uint32_t vec256 __attribute__((vector_size(32)));

#define FOLD_NAME fold_sse2
#define FOLD_VEC vec128
#define FOLD_ATTR __attribute__((target("sse2")))
#include "format/page_checksum_fold.h"

#define FOLD_NAME fold_avx2
#define FOLD_VEC vec256
#define FOLD_ATTR __attribute__((target("avx2")))
#include "format/page_checksum_fold.h"
#endif

/* The widest fold's output: 32-byte vectors, one per index bit and one
 * for all (8 KiB / 32 bytes: 8 bits). */
#define FOLD_OUT_MAX (32 * 16)

static uint32_t parity32(uint32_t x)
{
#ifdef __GNUC__
	return (uint32_t)__builtin_parity(x);
#else
	x ^= x >> 16;
	x ^= x >> 8;
	x ^= x >> 4;
	x ^= x >> 2;
	x ^= x >> 1;
	return x & 1;
#endif
}

static unsigned log2_of(uint32_t power_of_two)
{
	unsigned n = 0;
	while (power_of_two >>= 1)
		n++;
	return n;
}

/* The XOR of a vector's 32-bit lanes: all that the parity of the rows it
 * holds needs. */
static uint32_t xor_of_lanes(const unsigned char *v, uint32_t width)
{
	uint64_t x = 0;
	for (uint32_t i = 0; i < width; i += 8)
		x ^= get64(v + i);
	return (uint32_t)x ^ (uint32_t)(x >> 32);
}

/* The ECC from the folded vectors: width bytes each, index_bits + 1 of
 * them.  Row i lies in lane i % lanes of vector i / lanes.  Bit b of p is
 * the parity of the rows whose index has bit b set, so a row (or lane) of
 * odd parity at index i flips the bits of i in p: the lanes of the
 * all-XOR give the low bits, and the index vectors, of which only the
 * parity counts, the high ones. */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline uint64_t finish(const unsigned char *folded, uint32_t width, unsigned index_bits,
			      const unsigned char *block, uint32_t size, uint32_t pgno,
			      uint32_t first_row)
{
	uint32_t lanes = width / 4, rows = size / 4, xor_all = 0, p = 0, r = 0, odd, ecc;
	unsigned lane_bits = log2_of(lanes);
	static const uint32_t column_bit[5] = { 0xAAAAAAAAu, 0xCCCCCCCCu, 0xF0F0F0F0u,
						0xFF00FF00u, 0xFFFF0000u };

	for (uint32_t l = 0; l < lanes; l++) {
		uint32_t d = get32(folded + 4 * l);
		xor_all ^= d;
		p ^= l & (0u - parity32(d));
	}
	for (unsigned k = 0; k < index_bits; k++)
		p ^= parity32(xor_of_lanes(folded + (size_t)(k + 1) * width, width)) << (lane_bits + k);
	/* the rows left out (the checksum field) were folded in: out again */
	for (uint32_t i = 0; i < first_row; i++) {
		uint32_t d = get32(block + 4 * i);
		xor_all ^= d;
		p ^= i & (0u - parity32(d));
	}
	for (unsigned c = 0; c < 5; c++)
		r |= parity32(xor_all & column_bit[c]) << c;
	odd = 0u - parity32(xor_all);   /* all ones when an odd number of rows is odd */
	ecc = ((p ^ odd) & (rows - 1)) << 21 | ((r ^ odd) & 31) << 16 | (p & (rows - 1)) << 5 | r;
	return (uint64_t)ecc << 32 | (xor_all ^ pgno);
}

/* --- Choosing the implementation */

#ifdef HAVE_X86_VECTORS
/* What cpuid says, and for AVX2 also that the OS saves the YMM registers
 * (OSXSAVE, and XCR0 holding the SSE and AVX states): the DLL runs on
 * CPUs and systems nobody here has seen. */
static int cpu_has(enum page_checksum_impl impl)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	if (impl == PAGE_CHECKSUM_SSE2)
		return (d >> 26) & 1;
	if (!((c >> 27) & 1) || !((c >> 28) & 1))   /* OSXSAVE, AVX */
		return 0;
	{
		unsigned xcr0_lo, xcr0_hi;
		__asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
		(void)xcr0_hi;
		if ((xcr0_lo & 6) != 6)
			return 0;
	}
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b >> 5) & 1;
}
#endif

int page_checksum_available(enum page_checksum_impl impl)
{
	switch (impl) {
	case PAGE_CHECKSUM_PORTABLE:
		return 1;
#ifdef HAVE_X86_VECTORS
	case PAGE_CHECKSUM_SSE2:
	case PAGE_CHECKSUM_AVX2:
		return cpu_has(impl);
#endif
	default:
		return 0;
	}
}

const char *page_checksum_impl_name(enum page_checksum_impl impl)
{
	switch (impl) {
	case PAGE_CHECKSUM_PORTABLE: return "portable";
	case PAGE_CHECKSUM_SSE2: return "sse2";
	case PAGE_CHECKSUM_AVX2: return "avx2";
	default: return "?";
	}
}

/* cpuid is slow (a trap under a hypervisor): asked once, the answer kept.
 * Two threads asking at once find the same answer. */
static atomic_int chosen = -1;

enum page_checksum_impl page_checksum_chosen(void)
{
	int c = atomic_load_explicit(&chosen, memory_order_relaxed);
	if (c < 0) {
		c = PAGE_CHECKSUM_PORTABLE;
		for (int i = PAGE_CHECKSUM_IMPLS - 1; i > PAGE_CHECKSUM_PORTABLE; i--) {
			if (page_checksum_available((enum page_checksum_impl)i)) {
				c = i;
				break;
			}
		}
		atomic_store_explicit(&chosen, c, memory_order_relaxed);
	}
	return (enum page_checksum_impl)c;
}

uint64_t page_block_checksum_with(enum page_checksum_impl impl, const unsigned char *block,
				  uint32_t size, uint32_t pgno, uint32_t first_row)
{
	unsigned char folded[FOLD_OUT_MAX];
	/* each with its width a constant, so that finish unrolls for it */
	switch (impl) {
#ifdef HAVE_X86_VECTORS
	case PAGE_CHECKSUM_AVX2:
		return finish(folded, sizeof(vec256), fold_avx2(block, size, folded), block, size,
			      pgno, first_row);
	case PAGE_CHECKSUM_SSE2:
		return finish(folded, sizeof(vec128), fold_sse2(block, size, folded), block, size,
			      pgno, first_row);
#endif
	default:
		return finish(folded, sizeof(uint64_t), fold_portable(block, size, folded), block,
			      size, pgno, first_row);
	}
}

uint64_t page_block_checksum(const unsigned char *block, uint32_t size, uint32_t pgno,
			     uint32_t first_row)
{
	return page_block_checksum_with(page_checksum_chosen(), block, size, pgno, first_row);
}
