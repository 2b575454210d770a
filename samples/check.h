/*
 * check.h: the samples' checking and printing helpers (EXPECT, CHECK, FAIL,
 * the failure count and final report, ends_with(), u8() for W text, a
 * file's hash), not
 * anything of the ESE API: every Jet* call stays in the samples.
 *
 * Defining CHECK_SAYS_OK as 1 before the include prints an "ok" line for
 * every CHECK that holds, as EXPECT does for every call.
 */
#ifndef SAMPLES_CHECK_H
#define SAMPLES_CHECK_H

#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#ifndef CHECK_SAYS_OK
#define CHECK_SAYS_OK 0
#endif

/* The failures so far: every FAIL line counts one. */
static inline int *failures_so_far(void)
{
	static int count;
	return &count;
}

static inline void count_failure(void)
{
	++*failures_so_far();
}

/* A call must return the code expected: "ok" with the code, or a FAIL. */
#define EXPECT(expected, call)                                                        \
	do {                                                                          \
		JET_ERR got_ = (call);                                                \
		if (got_ != (expected)) {                                             \
			printf("FAIL line %d: %s\n  expected %ld, got %ld\n", __LINE__, \
			       #call, (long)(expected), (long)got_);                  \
			count_failure();                                              \
		} else {                                                              \
			printf("ok   %-70.70s %ld\n", #call, (long)got_);              \
		}                                                                     \
	} while (0)

/* Any other condition: CHECK(cond, fmt, ...) prints "FAIL line N: cond: "
 * and the message (what was found) when cond does not hold. */
#define CHECK(cond, ...)                                                              \
	do {                                                                          \
		if (!(cond)) {                                                        \
			printf("FAIL line %d: %s: ", __LINE__, #cond);                \
			printf(__VA_ARGS__);                                          \
			printf("\n");                                                 \
			count_failure();                                              \
		} else if (CHECK_SAYS_OK) {                                           \
			printf("ok   %s\n", #cond);                                   \
		}                                                                     \
	} while (0)

/* Any other failure: FAIL("fmt", ...) prints "FAIL: " and the message, in
 * one printf (fmt is a string literal), its arguments taken before it. */
#define FAIL(...)                                                                     \
	do {                                                                          \
		printf("FAIL: " __VA_ARGS__);                                         \
		printf("\n");                                                         \
		count_failure();                                                      \
	} while (0)

/* The last line of a run, and the exit code that goes with it. */
static inline int final_report(void)
{
	int failures = *failures_so_far();
	printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
	return failures ? 1 : 0;
}

/* Whether s ends with tail, ignoring case as Windows paths do. */
static inline int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && _stricmp(s + n - m, tail) == 0;
}

static inline int ends_with_w(const WCHAR *s, const WCHAR *tail)
{
	size_t n = wcslen(s), m = wcslen(tail);
	return n >= m && _wcsicmp(s + n - m, tail) == 0;
}

/* FNV-1a of what is left to read of an open file, which is closed; 0 for
 * INVALID_HANDLE_VALUE.  (A file the engine holds open is opened with
 * FILE_SHARE_READ | FILE_SHARE_WRITE.) */
static inline unsigned long long hash_and_close(HANDLE f)
{
	static unsigned char buf[65536];
	unsigned long long h = 14695981039346656037ull;
	DWORD got;
	if (f == INVALID_HANDLE_VALUE)
		return 0;
	while (ReadFile(f, buf, sizeof buf, &got, NULL) && got)
		for (DWORD i = 0; i < got; i++)
			h = (h ^ buf[i]) * 1099511628211ull;
	CloseHandle(f);
	return h;
}

/* A W string for printf, in UTF-8: the C runtime's %ls stops at the first
 * character its locale lacks.  Four calls may share one printf. */
static inline const char *u8(const WCHAR *w)
{
	static char ring[4][4 * MAX_PATH];
	static unsigned next;
	char *out = ring[next++ % 4];
	if (!WideCharToMultiByte(CP_UTF8, 0, w, -1, out, sizeof ring[0], NULL, NULL))
		strcpy(out, "?");
	return out;
}

#endif
