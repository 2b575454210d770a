#include "isam/compression.h"

#include <stdlib.h>
#include <string.h>

#include "isam/xpress.h"
#include "jet_values.h"

int isam_decompressed_size(const unsigned char *in, uint32_t cb, uint32_t *size)
{
	unsigned bits;
	if (cb < 1)
		return JET_errDecompressionFailed;
	switch (in[0] >> 3) {
	case ISAM_COMPRESS_7BIT_ASCII:
	case ISAM_COMPRESS_7BIT_UNICODE:
		/* ErrDecompress7BitAscii_: whole bytes after the header, then
		 * the bits the header says the last byte uses */
		if (cb < 2)
			return JET_errDecompressionFailed;
		bits = (cb - 2) * 8 + (in[0] & 7) + 1;
		*size = bits / 7 * ((in[0] >> 3) == ISAM_COMPRESS_7BIT_UNICODE ? 2 : 1);
		return JET_errSuccess;
	case ISAM_COMPRESS_XPRESS:
		if (cb < 3)
			return JET_errDecompressionFailed;
		*size = (uint32_t)in[1] | (uint32_t)in[2] << 8;
		return JET_errSuccess;
	case ISAM_COMPRESS_NONE:
		return JET_errDecompressionFailed;
	default:
		return JET_errFeatureNotAvailable;
	}
}

static void unpack7(const unsigned char *in, uint32_t cb, unsigned char *out, uint32_t n,
		    int wide)
{
	uint32_t i, bit = 8;   /* bit position in the input, after the header byte */
	(void)cb;
	for (i = 0; i < n; i++, bit += 7) {
		uint32_t byte = bit / 8, shift = bit % 8;
		unsigned v = in[byte];
		if (shift > 1)
			v |= (unsigned)in[byte + 1] << 8;
		v = (v >> shift) & 0x7f;
		if (wide) {
			out[2 * i] = (unsigned char)v;
			out[2 * i + 1] = 0;
		} else {
			out[i] = (unsigned char)v;
		}
	}
}

int isam_decompress(const unsigned char *in, uint32_t cb, unsigned char *out, uint32_t cb_out,
		    uint32_t *actual)
{
	uint32_t size, want;
	int rc = isam_decompressed_size(in, cb, &size);
	if (rc != JET_errSuccess)
		return rc;
	*actual = size;
	want = size < cb_out ? size : cb_out;
	if (want == 0)
		return JET_errSuccess;
	switch (in[0] >> 3) {
	case ISAM_COMPRESS_7BIT_ASCII:
		unpack7(in, cb, out, want, 0);
		return JET_errSuccess;
	case ISAM_COMPRESS_7BIT_UNICODE: {
		/* whole characters, then the low byte of a cut one */
		uint32_t chars = want / 2;
		unpack7(in, cb, out, chars, 1);
		if (want & 1) {
			unsigned char two[2];
			uint32_t bit = 8 + chars * 7, byte = bit / 8, shift = bit % 8;
			unsigned v = in[byte];
			if (shift > 1)
				v |= (unsigned)in[byte + 1] << 8;
			two[0] = (unsigned char)((v >> shift) & 0x7f);
			out[want - 1] = two[0];
		}
		return JET_errSuccess;
	}
	case ISAM_COMPRESS_XPRESS: {
		size_t done;
		if (xpress_decode(in + 3, cb - 3, out, want, &done) != 0 || done != want)
			return JET_errDecompressionFailed;
		return JET_errSuccess;
	}
	default:
		return JET_errFeatureNotAvailable;
	}
}
