/*
 * WTF-8: UTF-8 extended to carry any sequence of UTF-16 code units, lone
 * surrogates included (each as its own three-byte form).  Windows file
 * names are such sequences, not always valid UTF-16: the engine's UTF-8
 * strings are WTF-8, so a name goes from the API to the file system and
 * back unchanged, unit for unit.
 */
#ifndef SIM_WTF8_H
#define SIM_WTF8_H

#include <stddef.h>
#include <stdint.h>

/* The WTF-8 form of NUL-terminated UTF-16 units (malloc'ed; NULL when out
 * of memory). */
char *wtf8_from_utf16(const uint16_t *units);
/* Decodes NUL-terminated WTF-8 into at most `room` units, terminator
 * included, and returns how many units the whole string needs with its
 * terminator.  A byte that is not WTF-8 becomes U+FFFD. */
size_t wtf8_to_utf16(const char *s, uint16_t *out, size_t room);

#endif
