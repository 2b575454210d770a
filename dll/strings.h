/*
 * The A and W string forms of the API against the engine's UTF-8: every
 * exported A or W function converts its strings here and calls one common
 * body.  A strings are in the process's ANSI code page, as on Windows.
 */
#ifndef DLL_STRINGS_H
#define DLL_STRINGS_H

#include "dll.h"

/* Converted copies (free with free()); NULL in gives NULL out with *err
 * untouched; a failed conversion sets *err. */
char *utf8_from_a(const char *s, JET_ERR *err);
char *utf8_from_w(const WCHAR *s, JET_ERR *err);

/* Writes a UTF-8 string into the caller's A or W buffer of cb bytes,
 * terminated.  JET_errBufferTooSmall when it does not fit (the engine's
 * answer for a string parameter buffer). */
JET_ERR utf8_to_a_buffer(const char *s, char *buf, unsigned long cb);
JET_ERR utf8_to_w_buffer(const char *s, WCHAR *buf, unsigned long cb);

/* Size in bytes of the A or W form of s, terminator included. */
size_t a_size_of_utf8(const char *s);
size_t w_size_of_utf8(const char *s);
/* Writes the A or W form (terminated) into out, which has room for it. */
void utf8_to_a(const char *s, char *out, size_t cb);
void utf8_to_w(const char *s, WCHAR *out, size_t cb);

/* The A or W form of the API's strings, for code that lays out either:
 * lists, structures of strings. */
struct char_form {
	size_t unit;   /* bytes of one character, so of each terminator */
	size_t (*size_of)(const char *utf8);
	void (*write)(const char *utf8, void *out, size_t cb);
};
extern const struct char_form char_form_a, char_form_w;

#endif
