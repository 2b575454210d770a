/* WTF-8 (sim/os/wtf8.c): UTF-16 units, lone surrogates too, round trip
 * exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "os/wtf8.h"

static void round_trip(const uint16_t *units, size_t n)
{
	uint16_t back[32];
	char *s = wtf8_from_utf16(units);
	assert_non_null(s);
	assert_int_equal(wtf8_to_utf16(s, back, 32), n + 1);
	assert_memory_equal(back, units, (n + 1) * sizeof *units);
	free(s);
}

static void lone_surrogates_are_kept(void **state)
{
	static const uint16_t lone_high[] = { 'a', 0xD800, 'x', 0 };
	static const uint16_t lone_low[] = { 0xDC00, 0 };
	static const uint16_t reversed[] = { 0xDC01, 0xD801, 0 };
	static const uint16_t high_at_end[] = { 'z', 0xDBFF, 0 };
	char *s = wtf8_from_utf16(lone_high);
	assert_string_equal(s, "a\xED\xA0\x80x");
	free(s);
	round_trip(lone_high, 3);
	round_trip(lone_low, 1);
	round_trip(reversed, 2);
	round_trip(high_at_end, 2);
}

static void valid_text_is_utf8(void **state)
{
	static const uint16_t text[] = { 0xE9, 0x20AC, 0xD83D, 0xDE00, '.', 0 };
	char *s = wtf8_from_utf16(text);
	assert_string_equal(s, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80.");
	free(s);
	round_trip(text, 5);
}

static void bad_bytes_become_replacement(void **state)
{
	uint16_t out[8];
	assert_int_equal(wtf8_to_utf16("\xFF" "a\xC0\x80", out, 8), 5);
	assert_int_equal(out[0], 0xFFFD);
	assert_int_equal(out[1], 'a');
	/* a short buffer is cut and terminated */
	assert_int_equal(wtf8_to_utf16("abcdef", out, 3), 7);
	assert_int_equal(out[2], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lone_surrogates_are_kept),
		cmocka_unit_test(valid_text_is_utf8),
		cmocka_unit_test(bad_bytes_become_replacement),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
