/*
 * Compressed column values and long-value chunks (compression.cxx): the
 * first byte's top 5 bits name the scheme; 7-bit ASCII and 7-bit Unicode
 * keep in its low 3 bits the count of bits used in the last byte, Xpress
 * follows it with the 16-bit uncompressed size.
 */
#ifndef SIM_ISAM_COMPRESSION_H
#define SIM_ISAM_COMPRESSION_H

#include <stdint.h>

enum isam_compression {
	ISAM_COMPRESS_NONE = 0,
	ISAM_COMPRESS_7BIT_ASCII = 1,
	ISAM_COMPRESS_7BIT_UNICODE = 2,
	ISAM_COMPRESS_XPRESS = 3,
	ISAM_COMPRESS_SCRUB = 4,
	ISAM_COMPRESS_XPRESS9 = 5,
	ISAM_COMPRESS_XPRESS10 = 6,
	ISAM_COMPRESS_LZ4 = 7
};

/* The uncompressed size of a compressed value (JET_errDecompressionFailed
 * for one too short to be any; JET_errFeatureNotAvailable for Xpress9,
 * Xpress10, LZ4 and scrubbed data, which this engine does not read). */
int isam_decompressed_size(const unsigned char *in, uint32_t cb, uint32_t *size);
/* Decompresses into out (at most cb_out bytes, the value's head when it is
 * longer); *actual gets the whole uncompressed size. */
int isam_decompress(const unsigned char *in, uint32_t cb, unsigned char *out, uint32_t cb_out,
		    uint32_t *actual);

#endif
