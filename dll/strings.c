#include "strings.h"

#include <stdlib.h>

#include "os/wtf8.h"

/* The engine's strings are WTF-8: every UTF-16 name, a lone surrogate in
 * it too, comes back (and reaches the file system) unit for unit. */
static char *utf8_from_wide(const WCHAR *w, JET_ERR *err)
{
	char *s = wtf8_from_utf16((const uint16_t *)w);
	if (!s)
		*err = JET_errOutOfMemory;
	return s;
}

char *utf8_from_w(const WCHAR *s, JET_ERR *err)
{
	return s ? utf8_from_wide(s, err) : NULL;
}

char *utf8_from_a(const char *s, JET_ERR *err)
{
	int n;
	WCHAR *w;
	char *u;
	if (!s)
		return NULL;
	n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
	w = n > 0 ? malloc((size_t)n * sizeof(WCHAR)) : NULL;
	if (!w || !MultiByteToWideChar(CP_ACP, 0, s, -1, w, n)) {
		free(w);
		*err = n > 0 ? JET_errOutOfMemory : JET_errUnicodeTranslationFail;
		return NULL;
	}
	u = utf8_from_wide(w, err);
	free(w);
	return u;
}

size_t w_size_of_utf8(const char *s)
{
	return wtf8_to_utf16(s, NULL, 0) * sizeof(WCHAR);
}

void utf8_to_w(const char *s, WCHAR *out, size_t cb)
{
	wtf8_to_utf16(s, (uint16_t *)out, cb / sizeof(WCHAR));
}

size_t a_size_of_utf8(const char *s)
{
	size_t cbw = w_size_of_utf8(s);
	WCHAR *w = malloc(cbw);
	int n;
	if (!w)
		return 1;
	utf8_to_w(s, w, cbw);
	n = WideCharToMultiByte(CP_ACP, 0, w, -1, NULL, 0, NULL, NULL);
	free(w);
	return n > 0 ? (size_t)n : 1;
}

void utf8_to_a(const char *s, char *out, size_t cb)
{
	size_t cbw = w_size_of_utf8(s);
	WCHAR *w = malloc(cbw);
	if (!w) {
		if (cb)
			out[0] = 0;
		return;
	}
	utf8_to_w(s, w, cbw);
	if (!WideCharToMultiByte(CP_ACP, 0, w, -1, out, (int)cb, NULL, NULL) && cb)
		out[0] = 0;
	free(w);
}

JET_ERR utf8_to_a_buffer(const char *s, char *buf, unsigned long cb)
{
	if (a_size_of_utf8(s) > cb)
		return JET_errBufferTooSmall;
	utf8_to_a(s, buf, cb);
	return JET_errSuccess;
}

JET_ERR utf8_to_w_buffer(const char *s, WCHAR *buf, unsigned long cb)
{
	if (w_size_of_utf8(s) > cb)
		return JET_errBufferTooSmall;
	utf8_to_w(s, buf, cb);
	return JET_errSuccess;
}

static void write_a(const char *s, void *out, size_t cb)
{
	utf8_to_a(s, out, cb);
}

static void write_w(const char *s, void *out, size_t cb)
{
	utf8_to_w(s, out, cb);
}

const struct char_form char_form_a = { 1, a_size_of_utf8, write_a };
const struct char_form char_form_w = { sizeof(WCHAR), w_size_of_utf8, write_w };
