/*
 * Windows' sort keys (LCMapStringEx with LCMAP_SORTKEY) from the default
 * sorting weights.  The rules per kind of character (script member) are
 * those Windows documents for sort keys and Wine's kernelbase reproduces;
 * the one place where a key Windows stored differs from Wine's is marked.
 */
#include "isam/sort_key.h"

#include <stdlib.h>
#include <string.h>

#include "isam/sort_weights.h"
#include "jet_values.h"

/* script members with rules of their own */
enum {
	SCRIPT_UNSORTABLE = 0,
	SCRIPT_NONSPACE_MARK = 1,
	SCRIPT_EXPANSION = 2,
	SCRIPT_EASTASIA_SPECIAL = 3,
	SCRIPT_JAMO_SPECIAL = 4,
	SCRIPT_EXTENSION_A = 5,
	SCRIPT_PUNCTUATION = 6,
	SCRIPT_SYMBOL_FIRST = 7,
	SCRIPT_SYMBOL_LAST = 12,
	SCRIPT_DIGIT = 13,
	SCRIPT_KANA = 34,
	SCRIPT_HEBREW = 40,
	SCRIPT_ARABIC = 41,
	SCRIPT_PUA_FIRST = 169,
	SCRIPT_PUA_LAST = 175,
};

/* bits of a case weight */
#define CASE_FULLWIDTH 0x01
#define CASE_FULLSIZE 0x02
#define CASE_SUBSCRIPT 0x08
#define CASE_UPPER 0x10
#define CASE_KATAKANA 0x20
#define CASE_BITS 0x3f

#define NEUTRAL 2       /* the weight that says nothing */
#define SEPARATOR 0x01  /* ends a section */
#define KANA_EXTRA 0xc4 /* the base of the kana extra weights */

#define SUPPORTED_FLAGS                                                                        \
	(SORT_NORM_IGNORECASE | SORT_NORM_IGNORENONSPACE | SORT_NORM_IGNORESYMBOLS |             \
	 SORT_DIGITSASNUMBERS | SORT_LINGUISTIC_IGNORECASE | SORT_LINGUISTIC_IGNOREDIACRITIC |   \
	 SORT_LCMAP_SORTKEY | SORT_STRINGSORT | SORT_NORM_IGNOREKANATYPE | SORT_NORM_IGNOREWIDTH | \
	 SORT_NORM_LINGUISTIC_CASING)

struct weights {
	uint8_t primary, script, diacritic, kase;
};

/* One section of the key being built. */
struct section {
	uint8_t *p;
	size_t len, size;
	bool failed;
};

struct sort_state {
	uint32_t flags;
	uint8_t case_mask;
	struct section primary, diacritic, kase, special, extra[4];
};

static struct weights weights_of(uint16_t c)
{
	unsigned lo = 0, hi = sort_weight_nruns;
	while (hi - lo > 1) {
		unsigned mid = (lo + hi) / 2;
		if (sort_weight_runs[mid].first <= c)
			lo = mid;
		else
			hi = mid;
	}
	const struct sort_weight_run *r = &sort_weight_runs[lo];
	uint32_t w = r->weight + (uint32_t)(c - r->first) * sort_weight_steps[r->step];
	return (struct weights){ (uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24) };
}

static void put(struct section *s, uint8_t b)
{
	if (s->len == s->size) {
		size_t size = s->size ? s->size * 2 : 64;
		uint8_t *p = realloc(s->p, size);
		if (!p) {
			s->failed = true;
			return;
		}
		s->p = p;
		s->size = size;
	}
	s->p[s->len++] = b;
}

static bool diacritics_kept(const struct sort_state *st)
{
	return !(st->flags & SORT_NORM_IGNORENONSPACE);
}

static void put_diacritic(struct sort_state *st, uint8_t d)
{
	if (diacritics_kept(st))
		put(&st->diacritic, d);
}

/* The usual three weights of a character. */
static void put_normal(struct sort_state *st, struct weights w)
{
	put(&st->primary, w.script);
	put(&st->primary, w.primary);
	if (w.script >= SCRIPT_PUA_FIRST && w.script <= SCRIPT_PUA_LAST) {
		/* private use: a third primary byte, no diacritic */
		put(&st->primary, w.diacritic);
		put(&st->kase, w.kase);
		return;
	}
	if (w.script <= SCRIPT_ARABIC && w.script != SCRIPT_HEBREW) {
		if (st->flags & SORT_LINGUISTIC_IGNOREDIACRITIC)
			w.diacritic = NEUTRAL;
		if (st->flags & SORT_LINGUISTIC_IGNORECASE)
			w.kase = NEUTRAL;
	}
	put_diacritic(st, w.diacritic);
	put(&st->kase, w.kase);
}

/* A nonspacing mark adds its weight to the diacritic before it. */
static void put_nonspace(struct sort_state *st, struct weights w)
{
	if (!diacritics_kept(st))
		return;
	if (st->flags & SORT_LINGUISTIC_IGNOREDIACRITIC)
		w.diacritic = NEUTRAL;
	if (st->diacritic.len)
		st->diacritic.p[st->diacritic.len - 1] += w.diacritic;
	else
		put(&st->diacritic, w.diacritic);
}

/* The zero of the run of ten decimal digits holding c, or 0. */
static uint16_t digit_zero(uint16_t c)
{
	static const uint16_t zeros[] = {
		0x0030, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66,
		0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946,
		0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xaa50, 0xff10,
	};
	for (size_t i = 0; i < sizeof zeros / sizeof zeros[0]; i++)
		if (c >= zeros[i] && c <= zeros[i] + 9)
			return zeros[i];
	return 0;
}

/*
 * SORT_DIGITSASNUMBERS: a run of up to 19 digits sorts by its value: the
 * digit script, 2, the count of significant digits + 2, the digits two by
 * two in nibbles (each + 2), then 0xfe less the leading zeros.  Returns the
 * code units taken, 0 when c is no decimal digit.
 */
static size_t put_number(struct sort_state *st, const uint16_t *s, size_t n)
{
	uint16_t zero = digit_zero(s[0]);
	uint8_t d[19];
	size_t len = 0, lead = 0;

	if (!zero)
		return 0;
	while (len < sizeof d && len < n && s[len] >= zero && s[len] <= zero + 9) {
		d[len] = (uint8_t)(s[len] - zero);
		len++;
	}
	while (lead < len && d[lead] == 0)
		lead++;
	put(&st->primary, SCRIPT_DIGIT);
	put(&st->primary, NEUTRAL);
	put(&st->primary, (uint8_t)(NEUTRAL + len - lead));
	uint8_t high = NEUTRAL;
	for (size_t i = lead; i < len; i++) {
		if ((len - i) % 2)
			put(&st->primary, (uint8_t)((high << 4) + d[i] + NEUTRAL));
		else
			high = (uint8_t)(d[i] + NEUTRAL);
	}
	put(&st->primary, (uint8_t)(0xfe - lead));
	return len;
}

/*
 * Kana and its iteration and prolonged-sound marks (script member 3): a
 * mark takes the weights of the kana before it; the kana's size, type and
 * width go to the extra sections.  False when nothing before the mark
 * gives it weights.
 */
static bool kana_weights(struct sort_state *st, const uint16_t *s, size_t pos, struct weights *w)
{
	uint8_t extra1 = 3, kase = w->kase;

	if (w->primary <= 1) {
		bool found = false;
		while (pos > 0 && !found) {
			struct weights prev = weights_of(s[--pos]);
			if (prev.script == SCRIPT_UNSORTABLE || prev.script == SCRIPT_NONSPACE_MARK)
				continue;
			if (prev.script == SCRIPT_EXPANSION)
				return false;
			if (prev.script != SCRIPT_EASTASIA_SPECIAL) {
				/* after any other character: that character again */
				*w = prev;
				return true;
			}
			if (prev.primary <= 1)
				continue;
			kase = prev.kase & st->case_mask;
			if (w->primary == 1) {
				/* prolonged sound: the vowel of the kana before */
				prev.primary &= 0x87;
				kase = (uint8_t)((kase & ~CASE_FULLWIDTH) | (w->kase & CASE_FULLWIDTH));
			}
			extra1 = (uint8_t)(4 + w->primary);
			w->primary = prev.primary;
			found = true;
		}
		if (!found)
			return false;
	}
	if (diacritics_kept(st)) {
		/* size and mark are diacritic-like: NORM_IGNORENONSPACE drops them */
		put(&st->extra[0], KANA_EXTRA | (kase & CASE_FULLSIZE));
		put(&st->extra[1], extra1);
	}
	put(&st->extra[2], KANA_EXTRA | (kase & CASE_KATAKANA));
	put(&st->extra[3], KANA_EXTRA | (kase & CASE_FULLWIDTH));
	w->script = SCRIPT_KANA;
	return true;
}

/* Hangul: syllables and their conjoining jamo (sort_weights.h) */
#define SYLLABLE_FIRST 0xac00
#define VOWELS 21
#define TRAILINGS 28
#define LEADING_FILLER (0x115f - 0x1100)
#define VOWEL_FILLER (0x1160 - 0x1100)
#define NO_JAMO 0xffff

/* The jamo index of c if it lies in [first, last] of a kind, else NO_JAMO. */
static unsigned jamo_in(uint16_t c, uint16_t first, uint16_t last, unsigned index_of_first)
{
	return c >= first && c <= last ? index_of_first + (unsigned)(c - first) : NO_JAMO;
}

static const uint8_t *jamo(unsigned i)
{
	static const uint8_t none[5] = { 0, 0, 0, 0, NEUTRAL };
	return i < sort_njamo ? sort_jamo[i] : none;
}

static uint8_t max8(uint8_t a, uint8_t b)
{
	return a > b ? a : b;
}

/*
 * Conjoining jamo: modern ones sort one by one, each as the precomposed
 * syllable it begins (with fillers) followed by its own weight; old Hangul
 * (a leading, vowel and trailing jamo of which one is old) sorts as one
 * unit after the nearest modern syllable, with the three jamo weights.
 * Returns the code units taken.
 */
static size_t put_hangul(struct sort_state *st, const uint16_t *s, size_t n)
{
	unsigned lead = LEADING_FILLER, vowel = VOWEL_FILLER, trail = NO_JAMO, i;
	size_t at = 0;

	if ((i = jamo_in(s[at], 0x1100, 0x115f, 0)) != NO_JAMO ||
	    (i = jamo_in(s[at], 0xa960, 0xa97c, 0x100)) != NO_JAMO)
		lead = i, at++;
	if (at < n && ((i = jamo_in(s[at], 0x1160, 0x11a7, 0x60)) != NO_JAMO ||
		       (i = jamo_in(s[at], 0xd7b0, 0xd7c6, 0x11d)) != NO_JAMO))
		vowel = i, at++;
	if (at < n && ((i = jamo_in(s[at], 0x11a8, 0x11ff, 0xa8)) != NO_JAMO ||
		       (i = jamo_in(s[at], 0xd7cb, 0xd7fb, 0x134)) != NO_JAMO))
		trail = i, at++;
	if (!jamo(lead)[JAMO_OLD] && !jamo(vowel)[JAMO_OLD] &&
	    (trail == NO_JAMO || !jamo(trail)[JAMO_OLD])) {
		/* modern: this jamo alone; the next ones come in turn */
		at = 1;
		vowel = VOWEL_FILLER;
		trail = NO_JAMO;
	}
	if (at == 0)
		at = 1;

	uint8_t l = max8(jamo(lead)[JAMO_LEADING], jamo(vowel)[JAMO_LEADING]);
	uint8_t v = max8(jamo(lead)[JAMO_VOWEL], jamo(vowel)[JAMO_VOWEL]);
	uint8_t t = max8(jamo(lead)[JAMO_TRAILING], jamo(vowel)[JAMO_TRAILING]);
	if (trail != NO_JAMO)
		t = max8(t, jamo(trail)[JAMO_TRAILING]);
	unsigned syllable = SYLLABLE_FIRST + ((unsigned)l * VOWELS + v) * TRAILINGS + t;
	uint8_t filler = 0;
	if (lead == LEADING_FILLER || vowel == VOWEL_FILLER) {
		/* a syllable with a filler sorts just before the full one */
		filler = 0x80;
		syllable--;
	}
	if (syllable < SYLLABLE_FIRST)
		syllable = 0x3260; /* before every syllable */
	struct weights w = weights_of((uint16_t)syllable);
	put(&st->primary, w.script);
	put(&st->primary, w.primary);
	put(&st->primary, 0xff);
	put(&st->primary, jamo(lead)[JAMO_WEIGHT] | filler);
	put(&st->primary, 0xff);
	put(&st->primary, jamo(vowel)[JAMO_WEIGHT]);
	put(&st->primary, 0xff);
	put(&st->primary, trail != NO_JAMO ? jamo(trail)[JAMO_WEIGHT] : NEUTRAL);
	return at;
}

static bool is_surrogate(uint16_t c)
{
	return c >= 0xd800 && c <= 0xdfff;
}

/* The weights of the character at s[pos]; returns the code units taken. */
static size_t put_char(struct sort_state *st, const uint16_t *s, size_t n, size_t pos)
{
	struct weights w = weights_of(s[pos]);
	unsigned idx = w.diacritic | (w.kase & CASE_BITS) << 8;

	w.kase &= st->case_mask;
	/* A surrogate's case weight (0x3e, 0x3f) goes with NORM_IGNORECASE:
	 * Windows stored no case weights for the key of "Simple Unicode text
	 * U+1F98A" (dissect-index.edb, flags 0x30401) where Wine makes 06 06. */
	if (is_surrogate(s[pos]) && (st->flags & SORT_NORM_IGNORECASE))
		w.kase = NEUTRAL;

	switch (w.script) {
	case SCRIPT_UNSORTABLE:
		return 1;
	case SCRIPT_NONSPACE_MARK:
		put_nonspace(st, w);
		return 1;
	case SCRIPT_EXPANSION:
		/* two characters, the second possibly expanding again; a sort
		 * key weighs both whatever their kind */
		while (w.script == SCRIPT_EXPANSION && idx < sort_nexpansions) {
			struct weights first = weights_of(sort_expansions[idx][0]);
			first.kase &= st->case_mask;
			put_normal(st, first);
			w = weights_of(sort_expansions[idx][1]);
			idx = w.diacritic | (w.kase & CASE_BITS) << 8;
			w.kase &= st->case_mask;
		}
		put_normal(st, w);
		return 1;
	case SCRIPT_EASTASIA_SPECIAL:
		if (!kana_weights(st, s, pos, &w)) {
			put(&st->primary, 0xff);
			put(&st->primary, 0xff);
			return 1;
		}
		w.kase = NEUTRAL;
		put_normal(st, w);
		return 1;
	case SCRIPT_JAMO_SPECIAL: {
		size_t taken = put_hangul(st, s + pos, n - pos);
		put_diacritic(st, NEUTRAL);
		put(&st->kase, NEUTRAL);
		return taken;
	}
	case SCRIPT_EXTENSION_A:
		put(&st->primary, 0xfd);
		put(&st->primary, 0xff);
		put(&st->primary, w.primary);
		put(&st->primary, w.diacritic);
		put_diacritic(st, NEUTRAL);
		put(&st->kase, NEUTRAL);
		return 1;
	case SCRIPT_PUNCTUATION:
		if (st->flags & SORT_NORM_IGNORESYMBOLS)
			return 1;
		if (!(st->flags & SORT_STRINGSORT)) {
			/* word sort: punctuation only breaks ties, by its place
			 * among the primary weights (negative, big-endian) */
			int16_t at = (int16_t)(-(int)(st->primary.len / 2) - 1);
			if (st->flags & SORT_LINGUISTIC_IGNORECASE)
				w.kase = NEUTRAL;
			if (st->flags & SORT_LINGUISTIC_IGNOREDIACRITIC)
				w.diacritic = NEUTRAL;
			put(&st->special, (uint8_t)((uint16_t)at >> 8));
			put(&st->special, (uint8_t)at);
			put(&st->special, w.primary);
			put(&st->special, (uint8_t)(w.kase | w.diacritic << 3));
			return 1;
		}
		/* a string sort weighs it as a symbol */
		/* fall through */
	case SCRIPT_SYMBOL_FIRST:
	case SCRIPT_SYMBOL_FIRST + 1:
	case SCRIPT_SYMBOL_FIRST + 2:
	case SCRIPT_SYMBOL_FIRST + 3:
	case SCRIPT_SYMBOL_FIRST + 4:
	case SCRIPT_SYMBOL_LAST:
		if (st->flags & SORT_NORM_IGNORESYMBOLS)
			return 1;
		put(&st->primary, w.script);
		put(&st->primary, w.primary);
		put_diacritic(st, w.diacritic);
		put(&st->kase, w.kase);
		return 1;
	case SCRIPT_DIGIT:
		if (st->flags & SORT_DIGITSASNUMBERS) {
			size_t len = put_number(st, s + pos, n - pos);
			if (len) {
				put_diacritic(st, w.diacritic);
				put(&st->kase, w.kase);
				return len;
			}
		}
		put_normal(st, w);
		return 1;
	default:
		put_normal(st, w);
		return 1;
	}
}

/* Trailing weights that say nothing are dropped. */
static void trim(struct section *s, uint8_t most_neutral)
{
	while (s->len > 0 && s->p[s->len - 1] <= most_neutral)
		s->len--;
}

static void trim_equal(struct section *s, uint8_t neutral)
{
	while (s->len > 0 && s->p[s->len - 1] == neutral)
		s->len--;
}

/* Appends bytes to the output, counting those past its end. */
static void emit(uint8_t *out, size_t cb_out, size_t *at, const uint8_t *p, size_t n)
{
	if (n > 0 && *at < cb_out)
		memcpy(out + *at, p, n < cb_out - *at ? n : cb_out - *at);
	*at += n;
}

static void emit_section(uint8_t *out, size_t cb_out, size_t *at, const struct section *s,
			 uint8_t end)
{
	emit(out, cb_out, at, s->p, s->len);
	emit(out, cb_out, at, &end, 1);
}

bool sort_key_locale_supported(uint32_t lcid)
{
	/* the primary language English (any country), or invariant */
	return (lcid & 0x3ff) == 0x09 || lcid == 0x7f;
}

uint32_t sort_key_lcid_of_name(const uint8_t *utf16le, size_t cb)
{
	char name[3] = { 0 };
	size_t n = cb / 2;
	while (n > 0 && utf16le[2 * (n - 1)] == 0 && utf16le[2 * n - 1] == 0)
		n--; /* a stored terminator */
	if (n == 0)
		return 0x7f;
	for (size_t i = 0; i < 2 && i < n; i++) {
		unsigned c = utf16le[2 * i] | utf16le[2 * i + 1] << 8;
		name[i] = c < 0x80 ? (char)(c | 0x20) : '?';
	}
	/* "en", or "en-" and a region */
	if (name[0] == 'e' && name[1] == 'n' && (n == 2 || utf16le[4] == '-' || utf16le[4] == '_'))
		return 0x409;
	return 0;
}

int sort_key_map(uint32_t flags, uint32_t lcid, const uint8_t *utf16le, size_t cch,
		 uint8_t *out, size_t cb_out, size_t *cb_key)
{
	struct sort_state st;
	uint16_t *s;
	int err = 0;

	if (!(flags & SORT_LCMAP_SORTKEY))
		return JET_errInvalidLCMapStringFlags;
	if ((flags & ~SUPPORTED_FLAGS) || !sort_key_locale_supported(lcid))
		return JET_errFeatureNotAvailable;

	s = malloc(cch ? cch * sizeof *s : 1);
	if (!s)
		return JET_errOutOfMemory;
	for (size_t i = 0; i < cch; i++)
		s[i] = (uint16_t)(utf16le[2 * i] | utf16le[2 * i + 1] << 8);

	memset(&st, 0, sizeof st);
	st.flags = flags;
	st.case_mask = CASE_BITS;
	if (flags & SORT_NORM_IGNORECASE)
		st.case_mask &= (uint8_t)~(CASE_UPPER | CASE_SUBSCRIPT);
	if (flags & SORT_NORM_IGNOREWIDTH)
		st.case_mask &= (uint8_t)~CASE_FULLWIDTH;
	if (flags & SORT_NORM_IGNOREKANATYPE)
		st.case_mask &= (uint8_t)~CASE_KATAKANA;

	for (size_t pos = 0; pos < cch;)
		pos += put_char(&st, s, cch, pos);

	struct section *all[] = { &st.primary, &st.diacritic, &st.kase, &st.special,
				  &st.extra[0], &st.extra[1], &st.extra[2], &st.extra[3] };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i]->failed)
			err = err ? err : JET_errOutOfMemory;

	if (err == 0) {
		size_t at = 0;
		/* the extra sections are there only when some kana put one */
		bool extra = st.extra[2].len > 0;
		trim(&st.diacritic, NEUTRAL);
		trim(&st.kase, NEUTRAL);
		if (extra) {
			trim_equal(&st.extra[0], KANA_EXTRA | CASE_FULLSIZE);
			trim_equal(&st.extra[1], 3);
			trim_equal(&st.extra[2], KANA_EXTRA | CASE_KATAKANA);
			trim_equal(&st.extra[3], KANA_EXTRA | CASE_FULLWIDTH);
		}
		emit_section(out, cb_out, &at, &st.primary, SEPARATOR);
		emit_section(out, cb_out, &at, &st.diacritic, SEPARATOR);
		emit_section(out, cb_out, &at, &st.kase, SEPARATOR);
		if (extra) {
			emit_section(out, cb_out, &at, &st.extra[0], 0xff);
			emit_section(out, cb_out, &at, &st.extra[1], 0x02);
			emit_section(out, cb_out, &at, &st.extra[2], 0xff);
			emit_section(out, cb_out, &at, &st.extra[3], 0xff);
		}
		emit(out, cb_out, &at, (const uint8_t[]){ SEPARATOR }, 1);
		emit_section(out, cb_out, &at, &st.special, 0x00);
		*cb_key = at;
	}

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i]->p);
	free(s);
	return err;
}
