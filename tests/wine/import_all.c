/*
 * Imports every name Windows' esent.dll exports (exports.h: ESE's own
 * export list), as a program built with a newer Windows SDK does, so the
 * loader must resolve all of them against our esent.dll before main runs;
 * the private DllRegisterServer is found with GetProcAddress, as programs
 * find it.  Then calls each export that is not implemented yet and expects
 * JET_errFeatureNotAvailable from it (E_NOTIMPL from the few that return
 * an HRESULT), and each export the engine answers with a fixed code
 * (jetapi.cxx) expects that code: never a crash, never a fake success.
 *
 * The imports are declared here by name and stdcall argument size alone,
 * because <esent.h> lacks many of them and maps most unsuffixed names to
 * their A or W form.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define JET_wrnNyi (-1)
#define JET_errInvalidParameter (-1003)
#define JET_errFeatureNotAvailable (-1001)

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

#define IMPORT(name, bytes) __declspec(dllimport) long __stdcall name(DECL_##bytes);
#define EXPORT(name, bytes) IMPORT(name, bytes)
#define EXPORT_DECORATED(name, bytes) IMPORT(name, bytes)
#define EXPORT_ALIAS(name, target, bytes) IMPORT(name, bytes)
#define DllRegisterServer private_DllRegisterServer /* not imported */
#include "exports.h"
#undef DllRegisterServer
#undef EXPORT
#undef EXPORT_DECORATED
#undef EXPORT_ALIAS

struct import { const char *name, *function; void *fn; int bytes; };
static struct import imports[] = {
#define EXPORT(name, bytes) { #name, #name, (void *)name, bytes },
#define EXPORT_DECORATED(name, bytes) EXPORT(name, bytes)
#define EXPORT_ALIAS(name, target, bytes) { #name, #target, (void *)name, bytes },
#define DllRegisterServer NULL
#include "exports.h"
#undef DllRegisterServer
};

/* What each export not implemented yet returns; VOID ones return nothing. */
enum { JET = 1, HR, VOID_ };
static const struct { const char *name; int kind; } unimplemented[] = {
#define UNIMPLEMENTED(name, params) { #name, JET },
#define UNIMPLEMENTED_HRESULT(name, params) { #name, HR },
#define UNIMPLEMENTED_VOID(name, params) { #name, VOID_ },
#include "unimplemented.h"
};

/* Answered by the engine itself with a fixed code (jetapi.cxx). */
static const struct { const char *name; long code; } fixed[] = {
	{ "JetSnapshotStartA", JET_wrnNyi },
	{ "JetSnapshotStartW", JET_wrnNyi },
	{ "JetSnapshotStop", JET_wrnNyi },
	{ "JetDefragment3A", JET_errInvalidParameter },
	{ "JetDefragment3W", JET_errInvalidParameter },
};

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
	printf("FAIL no caller for %d argument bytes\n", bytes);
	return 1;
}

int main(void)
{
	size_t n = sizeof imports / sizeof *imports, called = 0;
	int failures = 0;

	for (size_t i = 0; i < n; i++) {
		if (imports[i].fn == NULL)
			imports[i].fn = (void *)GetProcAddress(GetModuleHandleA("esent.dll"), imports[i].name);
		if (imports[i].fn == NULL) {
			printf("FAIL %s is not exported\n", imports[i].name);
			failures++;
		}
	}
	for (size_t i = 0; i < n && failures == 0; i++) {
		int kind = 0;
		long expected = 0, rc;
		for (size_t j = 0; j < sizeof unimplemented / sizeof *unimplemented; j++)
			if (strcmp(unimplemented[j].name, imports[i].function) == 0)
				kind = unimplemented[j].kind;
		for (size_t j = 0; j < sizeof fixed / sizeof *fixed; j++)
			if (strcmp(fixed[j].name, imports[i].function) == 0)
				kind = JET, expected = fixed[j].code;
		if (kind == 0)
			continue;
		if (kind == JET && expected == 0)
			expected = JET_errFeatureNotAvailable;
		else if (kind == HR)
			expected = (long)E_NOTIMPL;
		rc = call_with_zeros(imports[i].fn, imports[i].bytes);
		called++;
		if (kind != VOID_ && rc != expected) {
			printf("FAIL %s returned %ld, expected %ld\n", imports[i].name, rc, expected);
			failures++;
		}
	}
	printf("%u imports resolved; %u exports not implemented or obsolete called, %d wrong\n",
	       (unsigned)n, (unsigned)called, failures);
	return failures ? 1 : 0;
}
