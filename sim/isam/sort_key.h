/*
 * Sort keys of Unicode text as Windows' LCMapStringEx(LCMAP_SORTKEY)
 * makes them (what ESE stores in the key of an index over Unicode text,
 * os/norm.cxx ErrNORMMapString), portably, from Windows' default sorting
 * weights (sort_weights.h).
 *
 * A sort key is five sections, each ended by 0x01 and the whole by 0x00:
 * the primary weights (script member and weight of each character), the
 * diacritic weights, the case weights, the extra weights of Japanese kana
 * marks (present only when some are), and the special weights that
 * punctuation leaves in a word sort.  Trailing neutral (2) diacritic and
 * case weights are dropped, so that a key is a prefix of a longer string's
 * in every section.
 */
#ifndef SIM_ISAM_SORT_KEY_H
#define SIM_ISAM_SORT_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* LCMapString flags (winnls.h) */
#define SORT_NORM_IGNORECASE 0x00000001
#define SORT_NORM_IGNORENONSPACE 0x00000002
#define SORT_NORM_IGNORESYMBOLS 0x00000004
#define SORT_DIGITSASNUMBERS 0x00000008
#define SORT_LINGUISTIC_IGNORECASE 0x00000010
#define SORT_LINGUISTIC_IGNOREDIACRITIC 0x00000020
#define SORT_LCMAP_SORTKEY 0x00000400
#define SORT_STRINGSORT 0x00001000
#define SORT_NORM_IGNOREKANATYPE 0x00010000
#define SORT_NORM_IGNOREWIDTH 0x00020000
#define SORT_NORM_LINGUISTIC_CASING 0x08000000

/* Whether the locale sorts with the default weights (no sort of its own):
 * English and the invariant locale. */
bool sort_key_locale_supported(uint32_t lcid);

/* The LCID of an index whose catalog row names its locale (LocaleName,
 * UTF-16LE, in newer catalogs, whose PagesOrLocale is then 0): 0x409 for
 * English names, 0x7f for the invariant locale (""), 0 (no weights here)
 * for any other. */
uint32_t sort_key_lcid_of_name(const uint8_t *utf16le, size_t cb);

/*
 * The sort key of cch UTF-16LE code units (unaligned) under flags, for
 * the locale lcid: at most cb_out bytes of it into out (out may be NULL
 * when cb_out is 0); *cb_key gets the whole key's length, its 0x00
 * included.  Returns 0, JET_errFeatureNotAvailable (a locale with a sort
 * of its own, or LCMAP_BYTEREV), JET_errInvalidLCMapStringFlags (no
 * LCMAP_SORTKEY), JET_errOutOfMemory.
 */
int sort_key_map(uint32_t flags, uint32_t lcid, const uint8_t *utf16le, size_t cch,
		 uint8_t *out, size_t cb_out, size_t *cb_key);

#endif
