/*
 * The plain LZ77 form of Xpress, as Microsoft's MS-XCA (section 2.4)
 * specifies its decompression: ESE's legacy Xpress compression of column
 * values and long-value chunks.
 */
#ifndef SIM_ISAM_XPRESS_H
#define SIM_ISAM_XPRESS_H

#include <stddef.h>

/* Decodes in into out until out holds cb_out bytes or the input ends;
 * *done gets the bytes written.  -1 for input that reads or copies
 * outside its buffers, else 0. */
int xpress_decode(const unsigned char *in, size_t cb_in, unsigned char *out, size_t cb_out,
		  size_t *done);

#endif
