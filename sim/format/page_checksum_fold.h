/*
 * The fold of page_checksum.c, written once for every vector width: the
 * includer defines FOLD_NAME (the function), FOLD_VEC (a type XOR works
 * on: uint64_t, or a GCC vector), FOLD_ATTR (a target attribute, or
 * nothing), includes this file, and it undefines them.
 *
 * FOLD_NAME(block, size, out) XORs the block's vectors into:
 *   out[0]      all of them;
 *   out[1 + k]  those whose vector index has bit k set;
 * each stored as FOLD_VEC's bytes, as many as the index has bits.  The
 * index's low three bits are known inside each group of eight vectors;
 * the groups' XORs are then folded in halves, each halving giving the
 * next bit (ESE's ChecksumNewFormatSSE2 in checksum.cxx keeps the same
 * per-bit accumulators, one row at a time).  Loads and stores go through
 * memcpy: no alignment is assumed, of the block or of the stack.
 */
static FOLD_ATTR unsigned FOLD_NAME(const unsigned char *block, uint32_t size,
				    unsigned char *out)
{
	enum { W = sizeof(FOLD_VEC) };
	unsigned char groups[PAGE_CHECKSUM_MAX_BLOCK / 8];
	uint32_t count = size / W / 8, level = 3;
	FOLD_VEC bit0, bit1, bit2;

	memset(&bit0, 0, W);
	bit1 = bit0;
	bit2 = bit0;
	for (uint32_t g = 0; g < count; g++) {
		const unsigned char *p = block + (size_t)g * 8 * W;
		FOLD_VEC x0, x1, x2, x3, x4, x5, x6, x7, lo, hi, all;
		memcpy(&x0, p + 0 * W, W);
		memcpy(&x1, p + 1 * W, W);
		memcpy(&x2, p + 2 * W, W);
		memcpy(&x3, p + 3 * W, W);
		memcpy(&x4, p + 4 * W, W);
		memcpy(&x5, p + 5 * W, W);
		memcpy(&x6, p + 6 * W, W);
		memcpy(&x7, p + 7 * W, W);
		bit0 ^= (x1 ^ x3) ^ (x5 ^ x7);
		bit1 ^= (x2 ^ x3) ^ (x6 ^ x7);
		lo = (x0 ^ x1) ^ (x2 ^ x3);
		hi = (x4 ^ x5) ^ (x6 ^ x7);
		bit2 ^= hi;
		all = lo ^ hi;
		memcpy(groups + (size_t)g * W, &all, W);
	}
	memcpy(out + 1 * W, &bit0, W);
	memcpy(out + 2 * W, &bit1, W);
	memcpy(out + 3 * W, &bit2, W);
	/* groups j and j+1 (j even) differ in the index bit of this level:
	 * the odd ones go to that bit, the pairs' XORs to the next level */
	for (; count > 1; count /= 2, level++) {
		FOLD_VEC odd;
		memset(&odd, 0, W);
		for (uint32_t j = 0; j < count / 2; j++) {
			FOLD_VEC a, b;
			memcpy(&a, groups + (size_t)(2 * j) * W, W);
			memcpy(&b, groups + (size_t)(2 * j + 1) * W, W);
			odd ^= b;
			a ^= b;
			memcpy(groups + (size_t)j * W, &a, W);
		}
		memcpy(out + (size_t)(level + 1) * W, &odd, W);
	}
	memcpy(out, groups, W);
	return level;
}

#undef FOLD_NAME
#undef FOLD_VEC
#undef FOLD_ATTR
