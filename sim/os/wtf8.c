#include "os/wtf8.h"

#include <stdlib.h>

static int is_high(uint32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
static int is_low(uint32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

/* The next code point of the units: a pair is one, a lone surrogate is
 * itself. */
static uint32_t next_point(const uint16_t **p)
{
	uint32_t u = *(*p)++;
	if (is_high(u) && is_low(**p))
		return 0x10000 + ((u - 0xD800) << 10) + (*(*p)++ - 0xDC00);
	return u;
}

static size_t encoded_size(uint32_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

char *wtf8_from_utf16(const uint16_t *units)
{
	const uint16_t *p = units;
	size_t n = 1;
	char *s, *o;
	while (*p)
		n += encoded_size(next_point(&p));
	s = malloc(n);
	if (!s)
		return NULL;
	for (p = units, o = s; *p;) {
		uint32_t c = next_point(&p);
		switch (encoded_size(c)) {
		case 1: *o++ = (char)c; break;
		case 2: *o++ = (char)(0xC0 | c >> 6); *o++ = (char)(0x80 | (c & 0x3F)); break;
		case 3:
			*o++ = (char)(0xE0 | c >> 12);
			*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
			break;
		default:
			*o++ = (char)(0xF0 | c >> 18);
			*o++ = (char)(0x80 | ((c >> 12) & 0x3F));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		}
	}
	*o = 0;
	return s;
}

/* One code point from s (WTF-8), or U+FFFD for one byte that is not. */
static uint32_t decode_point(const unsigned char **s)
{
	const unsigned char *p = *s;
	uint32_t c = p[0];
	unsigned len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
		     : (c & 0xF8) == 0xF0 ? 4 : 0;
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (len == 0) {
		(*s)++;
		return 0xFFFD;
	}
	c &= len == 1 ? 0x7F : 0x7F >> len;
	for (unsigned i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			(*s)++;
			return 0xFFFD;
		}
		c = c << 6 | (p[i] & 0x3F);
	}
	if (c < least[len] || c > 0x10FFFF) {
		(*s)++;
		return 0xFFFD;
	}
	*s += len;
	return c;
}

size_t wtf8_to_utf16(const char *s, uint16_t *out, size_t room)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p) {
		uint32_t c = decode_point(&p);
		if (c >= 0x10000) {
			if (n + 2 < room) {
				out[n] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
				out[n + 1] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
			}
			n += 2;
		} else {
			if (n + 1 < room)
				out[n] = (uint16_t)c;
			n++;
		}
	}
	if (room)
		out[n < room ? n : room - 1] = 0;
	return n + 1;
}
