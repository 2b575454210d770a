#include "isam/xpress.h"

#include <stdint.h>

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int xpress_decode(const unsigned char *in, size_t cb_in, unsigned char *out, size_t cb_out,
		  size_t *done)
{
	uint32_t flags = 0;
	unsigned flag_count = 0;
	size_t ip = 0, op = 0, half = 0;   /* half: where the shared length nibble is, 0 if none */
	*done = 0;
	while (op < cb_out) {
		if (flag_count == 0) {
			if (ip + 4 > cb_in)
				break;
			flags = rd32(in + ip);
			ip += 4;
			flag_count = 32;
		}
		flag_count--;
		if (!(flags & (UINT32_C(1) << flag_count))) {
			if (ip >= cb_in)
				break;
			out[op++] = in[ip++];
		} else {
			size_t length, offset;
			unsigned bytes;
			if (ip == cb_in)
				break;
			if (ip + 2 > cb_in)
				return -1;
			bytes = (unsigned)in[ip] | (unsigned)in[ip + 1] << 8;
			ip += 2;
			length = bytes % 8;
			offset = bytes / 8 + 1;
			if (length == 7) {
				if (half == 0) {
					if (ip >= cb_in)
						return -1;
					length = in[ip] % 16;
					half = ip++;
				} else {
					length = in[half] / 16;
					half = 0;
				}
				if (length == 15) {
					if (ip >= cb_in)
						return -1;
					length = in[ip++];
					if (length == 255) {
						if (ip + 2 > cb_in)
							return -1;
						length = (size_t)in[ip] | (size_t)in[ip + 1] << 8;
						ip += 2;
						if (length == 0) {
							if (ip + 4 > cb_in)
								return -1;
							length = rd32(in + ip);
							ip += 4;
						}
						if (length < 15 + 7)
							return -1;
						length -= 15 + 7;
					}
					length += 15;
				}
				length += 7;
			}
			length += 3;
			if (offset > op)
				return -1;
			/* byte by byte: a match may overlap what it copies */
			for (; length > 0 && op < cb_out; length--, op++)
				out[op] = out[op - offset];
		}
	}
	*done = op;
	return 0;
}
