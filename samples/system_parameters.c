/*
 * System parameters: JetSetSystemParameter, JetGetSystemParameter and
 * JetEnableMultiInstance, A and W forms, checking each documented return
 * code on the way.
 *
 *  1. Process-wide values before any instance: integers and their bounds,
 *     booleans, strings (paths get a trailing backslash, a base name has
 *     three characters, recovery is "On" or "Off"), page sizes, read-only
 *     and unknown ids, missing out-pointers, buffers too small.
 *  2. Non-ASCII text through the W forms and the ANSI code page.
 *  3. One-instance mode: NULL means the one instance; what JetInit fixes.
 *  4. JetEnableMultiInstance with a parameter array, then again.
 *  5. Instances start from the process-wide values; their own values;
 *     global parameters through an instance; a bogus handle.
 *  6. After JetInit: fixed parameters refuse, runtime ones still change.
 *  7. JetEnableMultiInstance with an entry that fails.
 *
 * Exits 0 when every call returned what the documentation says it returns.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"

/* every CHECK that holds is printed too, as every EXPECT is */
#define CHECK_SAYS_OK 1
#include "check.h"

/* W text in the ANSI code page, as an A form returns it; *lossy when a
 * character has no equivalent there */
static void to_ansi(const WCHAR *w, char *out, int cb, BOOL *lossy)
{
	UINT acp = GetACP();
	*lossy = FALSE;
	/* UTF-8 represents everything, and takes no used-default flag */
	WideCharToMultiByte(acp, 0, w, -1, out, cb, NULL, acp == CP_UTF8 ? NULL : lossy);
}

static void global_values(void)
{
	JET_INSTANCE nil = JET_instanceNil;
	JET_API_PTR value = 0;
	char text[MAX_PATH], full[MAX_PATH];
	WCHAR wtext[MAX_PATH];
	static const unsigned long page_sizes[] = { 2048, 4096, 8192, 16384, 32768 };

	printf("-- process-wide values, before any instance\n");
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramLogFileSize, &value, NULL, 0));
	printf("     default log file size %lu KiB\n", (unsigned long)value);
	/* integers: 128 KiB .. 32 MiB for the log file size */
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 127, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 32769, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 128, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 32768, NULL));
	/* a pointer to JET_instanceNil means the process, like NULL */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&nil, 0, JET_paramLogFileSize, 1024, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(JET_instanceNil, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 1024, "got %lu", (unsigned long)value);
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 1025, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 8, NULL));
	/* page sizes: 2, 4, 8, 16 or 32 KiB, nothing between */
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 1024, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 3072, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 65536, NULL));
	for (int i = 0; i < 5; i++)
		EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, page_sizes[i], NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 4096, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramDatabasePageSize, &value, NULL, 0));
	CHECK(value == 4096, "got %lu", (unsigned long)value);

	/* booleans: any non-zero value is true, read back as 1 */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramCircularLog, 5, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramCircularLog, &value, NULL, 0));
	CHECK(value == 1, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramCircularLog, 0, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));

	/* strings: folders are kept full, completed when set as the engine
	 * does, with a trailing backslash */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, "sysparam\\data"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramSystemPath, NULL, text, sizeof text));
	printf("     system path \"%s\"\n", text);
	GetFullPathNameA("sysparam\\data\\", sizeof full, full, NULL);
	CHECK(strcmp(text, full) == 0, "the full path \"%s\", got \"%s\"", full, text);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, "sysparam\\.\\x\\..\\temp\\"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramTempPath, NULL, text, sizeof text));
	GetFullPathNameA("sysparam\\temp\\", sizeof full, full, NULL);
	CHECK(strcmp(text, full) == 0, "the full path \"%s\", got \"%s\"", full, text);
	/* a bare file name is the system folder's: kept as given */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, "tmp.edb"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramTempPath, NULL, text, sizeof text));
	CHECK(strcmp(text, "tmp.edb") == 0, "got \"%s\"", text);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, "sysparam\\logs\\"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramLogFilePath, NULL, text, sizeof text));
	CHECK(ends_with(text, "sysparam\\logs\\"), "got \"%s\"", text);
	/* the engine's limits on the completed path: a folder with its
	 * separator 246 characters, the temporary database 247; past
	 * MAX_PATH it is no path */
	{
		char path[300] = "C:\\";
		memset(path + 3, 'a', 242);   /* 245, and the separator: 246 */
		EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, path));
		path[245] = 'a';
		EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, path));
		EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, path));
		path[246] = 'a';   /* 247 */
		EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, path));
		path[247] = 'a';
		EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, path));
		memset(path, 'a', 270);
		memcpy(path, "C:\\", 3);
		path[270] = 0;
		EXPECT(JET_errInvalidPath, JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, path));
		EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, "sysparam\\data"));
		EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, "tmp.edb"));
	}
	/* the base name has exactly three characters; a string may not be NULL */
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "ab"));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "abcd"));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterW(NULL, 0, JET_paramBaseName, 0, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "sps"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, text, sizeof text));
	CHECK(strcmp(text, "sps") == 0, "got \"%s\"", text);
	/* recovery is "On" or "Off" */
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramRecovery, 0, "maybe"));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramRecovery, 0, "Of"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramRecovery, 0, "Off"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramRecovery, NULL, text, sizeof text));
	CHECK(strcmp(text, "Off") == 0, "got \"%s\"", text);
	EXPECT(JET_errSuccess, JetSetSystemParameterW(NULL, 0, JET_paramRecovery, 0, L"On"));

	/* read-only parameters are for reading */
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramKeyMost, 512, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramKeyMost, &value, NULL, 0));
	printf("     longest key %lu bytes\n", (unsigned long)value);
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramMaxColtyp, 20, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramMaxColtyp, &value, NULL, 0));
	printf("     highest column type %lu\n", (unsigned long)value);
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramLVChunkSizeMost, 4096, NULL));

	/* ids the engine does not have: a gap in the numbering, the end */
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, 21, 1, NULL));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, 21, &value, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterW(NULL, 0, JET_paramMaxValueInvalid, 1, NULL));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterW(0, 0, JET_paramMaxValueInvalid, &value, NULL, 0));

	/* where the value goes: plParam for numbers, szParam for text */
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, JET_paramLogFileSize, NULL, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, JET_paramCircularLog, NULL, text, sizeof text));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, NULL, sizeof text));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterW(0, 0, JET_paramBaseName, NULL, NULL, sizeof wtext));

	/* cbMax is in bytes in both forms and must hold the terminator:
	 * "sps" needs 4 bytes in A, 8 in W */
	/* no room even for the terminator: not a buffer at all */
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, text, 0));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterW(0, 0, JET_paramBaseName, NULL, wtext, 1));
	EXPECT(JET_errBufferTooSmall, JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, text, 3));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, text, 4));
	EXPECT(JET_errBufferTooSmall, JetGetSystemParameterW(0, 0, JET_paramBaseName, NULL, wtext, 7));
	EXPECT(JET_errSuccess, JetGetSystemParameterW(0, 0, JET_paramBaseName, NULL, wtext, 8));
	CHECK(wcscmp(wtext, L"sps") == 0, "got \"%s\"", u8(wtext));
}

static void round_trip(const WCHAR *w)
{
	WCHAR wtext[MAX_PATH];
	char text[MAX_PATH], ansi[MAX_PATH];
	unsigned long cb = (unsigned long)((wcslen(w) + 1) * sizeof(WCHAR));
	BOOL lossy;

	EXPECT(JET_errSuccess, JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, w));
	EXPECT(JET_errSuccess, JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, wtext, sizeof wtext));
	CHECK(wcscmp(wtext, w) == 0, "got \"%s\"", u8(wtext));
	EXPECT(JET_errBufferTooSmall, JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, wtext, cb - 1));
	EXPECT(JET_errSuccess, JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, wtext, cb));

	/* the A form answers in the ANSI code page, sized in its bytes */
	to_ansi(w, ansi, sizeof ansi, &lossy);
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramEventSource, NULL, text, sizeof text));
	CHECK(strcmp(text, ansi) == 0, "got \"%s\"", text);
	EXPECT(JET_errBufferTooSmall,
	       JetGetSystemParameterA(0, 0, JET_paramEventSource, NULL, text, (unsigned long)strlen(ansi)));
	EXPECT(JET_errSuccess,
	       JetGetSystemParameterA(0, 0, JET_paramEventSource, NULL, text, (unsigned long)strlen(ansi) + 1));
	if (lossy) {
		printf("     not all of it is in code page %u: the A form has substitutes\n", GetACP());
		return;
	}
	/* representable: the A text set comes back the same in W */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramEventSource, 0, ansi));
	EXPECT(JET_errSuccess, JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, wtext, sizeof wtext));
	CHECK(wcscmp(wtext, w) == 0, "got \"%s\"", u8(wtext));
}

static void non_ascii_text(void)
{
	printf("-- non-ASCII text, W and A (ANSI code page %u)\n", GetACP());
	round_trip(L"Caf\u00e9 \u00e9t\u00e9 \u00c5ngstr\u00f6m");
	round_trip(L"\u65e5\u672c\u8a9e \u03a9\u03bc\u03ad\u03b3\u03b1");
	EXPECT(JET_errSuccess, JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, L""));
}

static void one_instance_mode(void)
{
	JET_INSTANCE inst = 0;
	JET_API_PTR value = 0;
	char text[MAX_PATH];
	unsigned long count = 0;
	JET_SETSYSPARAM_A params[] = { { JET_paramLogFileSize, 256, NULL, 1 } };

	printf("-- one-instance mode: NULL is the instance\n");
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, "sysparam\\legacy"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, "sysparam\\legacy\\logs"));
	EXPECT(JET_errSuccess, JetInit(&inst));
	/* the mode is taken: the array is not applied (checked below) */
	EXPECT(JET_errRunningInOneInstanceMode, JetEnableMultiInstanceA(params, 1, &count));
	/* the folders are fixed once the instance runs; the rest still moves */
	EXPECT(JET_errAlreadyInitialized,
	       JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, "sysparam\\elsewhere\\"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramLogFilePath, NULL, text, sizeof text));
	CHECK(ends_with(text, "sysparam\\legacy\\logs\\"), "got \"%s\"", text);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramDbExtensionSize, 512, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramDbExtensionSize, &value, NULL, 0));
	CHECK(value == 512, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMax, 2048, NULL));
	EXPECT(JET_errSuccess, JetTerm(inst));
	/* that was the instance's value: the process's is the default still */
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramDbExtensionSize, &value, NULL, 0));
	CHECK(value == 256, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 1024, "got %lu", (unsigned long)value);
}

static void enable_multi_instance(void)
{
	JET_SETSYSPARAM_A params[] = {
		{ JET_paramMaxInstances, 4, NULL, 1 },
		{ JET_paramLogFileSize, 256, NULL, 1 },
		{ JET_paramCircularLog, 1, NULL, 1 },
		{ JET_paramBaseName, 0, "sps", 1 },
		{ JET_paramSystemPath, 0, "sysparam\\multi\\", 1 },
	};
	JET_SETSYSPARAM_W wparams[] = {
		{ JET_paramMaxInstances, 4, NULL, 1 },
		{ JET_paramLogFileSize, 256, NULL, 1 },
		{ JET_paramCircularLog, 1, NULL, 1 },
		{ JET_paramBaseName, 0, L"sps", 1 },
		{ JET_paramSystemPath, 0, L"sysparam\\multi\\", 1 },
	};
	unsigned long count = 99;
	JET_API_PTR value = 0;
	char text[MAX_PATH];

	printf("-- JetEnableMultiInstance\n");
	/* each entry is set as JetSetSystemParameter(NULL, ...) would */
	EXPECT(JET_errSuccess, JetEnableMultiInstanceA(params, 5, &count));
	CHECK(count == 5, "got %lu", count);
	for (int i = 0; i < 5; i++) {
		printf("     entry %d (param %lu): %ld\n", i, (unsigned long)params[i].paramid, (long)params[i].err);
		CHECK(params[i].err == JET_errSuccess, "got %ld", (long)params[i].err);
	}
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 256, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramSystemPath, NULL, text, sizeof text));
	CHECK(ends_with(text, "sysparam\\multi\\"), "got \"%s\"", text);
	/* only once: the same array again, or none, is refused */
	EXPECT(JET_errSystemParamsAlreadySet, JetEnableMultiInstanceW(wparams, 5, &count));
	EXPECT(JET_errSystemParamsAlreadySet, JetEnableMultiInstanceW(NULL, 0, NULL));
}

static JET_INSTANCE one, two;

static void instance_values(void)
{
	JET_INSTANCE bogus = 0x12345;
	JET_API_PTR value = 0;
	char text[MAX_PATH];
	WCHAR wtext[MAX_PATH];

	printf("-- instances start from the process-wide values\n");
	EXPECT(JET_errSuccess, JetCreateInstanceA(&one, "sysparam-one"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 256, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramBaseName, NULL, text, sizeof text));
	CHECK(strcmp(text, "sps") == 0, "got \"%s\"", text);
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramCircularLog, &value, NULL, 0));
	CHECK(value == 1, "got %lu", (unsigned long)value);
	/* the instance's own value; the process's stays */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&one, 0, JET_paramLogFileSize, 512, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 512, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 256, "got %lu", (unsigned long)value);
	/* a later process-wide value is for instances made later */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 1024, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 512, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetCreateInstanceW(&two, L"sysparam-two"));
	EXPECT(JET_errSuccess, JetGetSystemParameterW(two, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 1024, "got %lu", (unsigned long)value);
	/* a global parameter has one value, whichever handle sets it */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&one, 0, JET_paramCacheSizeMax, 4096, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramCacheSizeMax, &value, NULL, 0));
	CHECK(value == 4096, "got %lu", (unsigned long)value);

	/* each its own folders; two's have a non-ASCII name */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&one, 0, JET_paramSystemPath, 0, "sysparam\\one"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&one, 0, JET_paramLogFilePath, 0, "sysparam\\one\\logs"));
	EXPECT(JET_errSuccess,
	       JetSetSystemParameterW(&two, 0, JET_paramSystemPath, 0, L"sysparam\\deux-\u00e9t\u00e9"));
	EXPECT(JET_errSuccess,
	       JetSetSystemParameterW(&two, 0, JET_paramLogFilePath, 0, L"sysparam\\deux-\u00e9t\u00e9\\logs\\"));
	EXPECT(JET_errSuccess, JetGetSystemParameterW(two, 0, JET_paramSystemPath, NULL, wtext, sizeof wtext));
	CHECK(ends_with_w(wtext, L"sysparam\\deux-\u00e9t\u00e9\\"), "got \"%s\"", u8(wtext));

	/* a handle no JetCreateInstance returned */
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(&bogus, 0, JET_paramLogFileSize, 512, NULL));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(bogus, 0, JET_paramLogFileSize, &value, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterW(bogus, 0, JET_paramBaseName, NULL, wtext, sizeof wtext));
}

static void after_init(void)
{
	JET_API_PTR value = 0;
	char text[MAX_PATH];
	JET_SESID ses;

	printf("-- after JetInit\n");
	EXPECT(JET_errSuccess, JetInit(&one));
	EXPECT(JET_errAlreadyInitialized,
	       JetSetSystemParameterA(&one, 0, JET_paramLogFilePath, 0, "sysparam\\elsewhere\\"));
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(&one, 0, JET_paramBaseName, 0, "abc"));
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(&one, 0, JET_paramLogFileSize, 1024, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramLogFilePath, NULL, text, sizeof text));
	CHECK(ends_with(text, "sysparam\\one\\logs\\"), "got \"%s\"", text);
	/* runtime parameters, the instance's and the process's */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&one, 0, JET_paramDbExtensionSize, 1024, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramDbExtensionSize, &value, NULL, 0));
	CHECK(value == 1024, "got %lu", (unsigned long)value);
	/* a session names its instance in place of the instance argument */
	EXPECT(JET_errSuccess, JetBeginSessionA(one, &ses, "", ""));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, ses, JET_paramDbExtensionSize, &value, NULL, 0));
	CHECK(value == 1024, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, ses, JET_paramDbExtensionSize, 2048, NULL));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(one, 0, JET_paramDbExtensionSize, &value, NULL, 0));
	CHECK(value == 2048, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetEndSession(ses, 0));
	EXPECT(JET_errInvalidSesid, JetGetSystemParameterA(one, ses, JET_paramDbExtensionSize, &value, NULL, 0));
	EXPECT(JET_errInvalidSesid, JetSetSystemParameterA(&one, ses, JET_paramDbExtensionSize, 512, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterW(&one, 0, JET_paramEventSource, 0, L"sysparam \u00e9t\u00e9"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&one, 0, JET_paramCacheSizeMax, 8192, NULL));
	/* process-wide parameters fixed by the first instance to start */
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 8192, NULL));
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 8, NULL));
	/* an instance not yet started still takes anything */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&two, 0, JET_paramLogFileSize, 512, NULL));
	EXPECT(JET_errSuccess, JetInit(&two));
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(&two, 0, JET_paramLogFileSize, 1024, NULL));

	EXPECT(JET_errSuccess, JetTerm2(one, JET_bitTermComplete));
	EXPECT(JET_errSuccess, JetTerm2(two, JET_bitTermComplete));
	/* a terminated instance's handle is refused */
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(one, 0, JET_paramLogFileSize, &value, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(&two, 0, JET_paramLogFileSize, 512, NULL));
}

static void failed_entry(void)
{
	JET_SETSYSPARAM_W params[] = {
		{ JET_paramLogFileSize, 512, NULL, 1 },
		{ JET_paramCircularLog, 0, NULL, 1 },
		{ JET_paramBaseName, 0, L"toolong", 1 },
		{ JET_paramMaxSessions, 64, NULL, 1 },
	};
	unsigned long count = 99;
	JET_API_PTR value = 0;
	JET_INSTANCE inst;

	/* every instance has ended, so the process has no mode again */
	printf("-- JetEnableMultiInstance with an entry that fails\n");
	/* it stops at that entry and returns its error; the entries before it
	 * are set, the ones after it are not tried, and the mode is unchanged */
	EXPECT(JET_errInvalidParameter, JetEnableMultiInstanceW(params, 4, &count));
	CHECK(params[0].err == JET_errSuccess, "got %ld", (long)params[0].err);
	CHECK(params[1].err == JET_errSuccess, "got %ld", (long)params[1].err);
	CHECK(params[2].err == JET_errInvalidParameter, "got %ld", (long)params[2].err);
	CHECK(params[3].err == 1, "got %ld", (long)params[3].err);
	CHECK(count == 2, "got %lu", count);
	EXPECT(JET_errSuccess, JetGetSystemParameterA(0, 0, JET_paramLogFileSize, &value, NULL, 0));
	CHECK(value == 512, "got %lu", (unsigned long)value);
	EXPECT(JET_errSuccess, JetEnableMultiInstanceW(params, 2, &count));
	CHECK(count == 2, "got %lu", count);
	EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "after"));
	EXPECT(JET_errSuccess, JetTerm(inst));
}

int main(void)
{
	global_values();
	non_ascii_text();
	one_instance_mode();
	enable_multi_instance();
	instance_values();
	after_init();
	failed_entry();
	return final_report();
}
