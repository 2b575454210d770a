/*
 * Imports every function MinGW's libesent.a offers (so the loader must
 * resolve all of them against our esent.dll before main runs), then calls
 * each export that is not implemented yet and expects
 * JET_errFeatureNotAvailable from it: never a crash, never a fake success.
 *
 * The imports are declared here by name and stdcall argument size alone
 * (exports.h), because <esent.h> maps most unsuffixed names to their A or W
 * form and so cannot import those names itself.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define JET_errFeatureNotAvailable (-1001)

typedef long (__stdcall *fn0)(void);
#define P ULONG_PTR
#define DECL_0 void
#define DECL_4 P
#define DECL_8 P, P
#define DECL_12 P, P, P
#define DECL_16 P, P, P, P
#define DECL_20 P, P, P, P, P
#define DECL_24 P, P, P, P, P, P
#define DECL_28 P, P, P, P, P, P, P
#define DECL_32 P, P, P, P, P, P, P, P
#define DECL_36 P, P, P, P, P, P, P, P, P
#define DECL_40 P, P, P, P, P, P, P, P, P, P

#define EXPORT(name, bytes) __declspec(dllimport) long __stdcall name(DECL_##bytes);
#include "exports.h"
#undef EXPORT

struct import { const char *name; void *fn; int bytes; };
static const struct import imports[] = {
#define EXPORT(name, bytes) { #name, (void *)name, bytes },
#include "exports.h"
#undef EXPORT
};

static const char *const unimplemented[] = {
#define UNIMPLEMENTED(name, params) #name,
#define UNDECLARED(name, nargs) #name,
#include "unimplemented.h"
};

static int is_unimplemented(const char *name)
{
	char with_a[128];
	snprintf(with_a, sizeof with_a, "%sA", name);
	for (size_t i = 0; i < sizeof unimplemented / sizeof *unimplemented; i++)
		if (strcmp(unimplemented[i], name) == 0 || strcmp(unimplemented[i], with_a) == 0)
			return 1;
	return 0;
}

/* Calls fn with bytes/4 zero arguments, the stack size its stdcall
 * decoration promises. */
static long call_with_zeros(void *fn, int bytes)
{
	switch (bytes) {
	case 0: return ((long (__stdcall *)(DECL_0))fn)();
	case 4: return ((long (__stdcall *)(DECL_4))fn)(0);
	case 8: return ((long (__stdcall *)(DECL_8))fn)(0, 0);
	case 12: return ((long (__stdcall *)(DECL_12))fn)(0, 0, 0);
	case 16: return ((long (__stdcall *)(DECL_16))fn)(0, 0, 0, 0);
	case 20: return ((long (__stdcall *)(DECL_20))fn)(0, 0, 0, 0, 0);
	case 24: return ((long (__stdcall *)(DECL_24))fn)(0, 0, 0, 0, 0, 0);
	case 28: return ((long (__stdcall *)(DECL_28))fn)(0, 0, 0, 0, 0, 0, 0);
	case 32: return ((long (__stdcall *)(DECL_32))fn)(0, 0, 0, 0, 0, 0, 0, 0);
	case 36: return ((long (__stdcall *)(DECL_36))fn)(0, 0, 0, 0, 0, 0, 0, 0, 0);
	case 40: return ((long (__stdcall *)(DECL_40))fn)(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}
	return 1;
}

int main(void)
{
	size_t n = sizeof imports / sizeof *imports, called = 0;
	int failures = 0;

	for (size_t i = 0; i < n; i++) {
		long rc;
		if (!is_unimplemented(imports[i].name))
			continue;
		rc = call_with_zeros(imports[i].fn, imports[i].bytes);
		called++;
		if (rc != JET_errFeatureNotAvailable) {
			printf("FAIL %s returned %ld, expected %d\n", imports[i].name, rc,
			       JET_errFeatureNotAvailable);
			failures++;
		}
	}
	printf("%u imports resolved; %u not-yet-implemented exports called, %d wrong\n",
	       (unsigned)n, (unsigned)called, failures);
	return failures ? 1 : 0;
}
