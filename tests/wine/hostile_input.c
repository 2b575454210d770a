/*
 * Hostile input for every implemented export (README, "API status"):
 *
 *  - NULL for each pointer parameter, one at a time, and NULL or empty
 *    strings;
 *  - unknown and stale handles: instances (0, JET_instanceNil, 0x12345678,
 *    one already terminated), sessions (0, JET_sesidNil, 0x12345678, one
 *    ended, one of a terminated instance), databases (0, 99,
 *    JET_dbidNil, one closed), backup files (1, 0xFFFF);
 *  - buffers too small (cbMax 0, 1, 3) with a guard area after the buffer
 *    that must come back untouched;
 *  - hostile file names for the streaming backup while one runs: refused
 *    with JET_errDatabaseNotFound in the database phase (the backup goes
 *    on) and JET_errMissingFileToBackup in the log phase (JET_errInvalidParameter
 *    for a log's name with no generation, as ESE's name parser; the backup
 *    ends), with decoy files held locked so that an attempt to open one
 *    would show;
 *  - calls out of order: after JetTerm, with no backup running, JetInit
 *    twice, JetTerm twice, after JetStopServiceInstance;
 *  - the instance's own files (checkpoint, logs, reserve log, temporary
 *    database) offered to the database API: refused, and left as they were,
 *    the same folder starting again afterwards;
 *  - empty path parameters, and the unsuffixed exports (each the A form),
 *    found by name, with JetStopServiceInstance2, which MinGW's header
 *    lacks.
 *
 * Each check prints one line ("ok   <call> <code>" or "FAIL line N: <call>
 * expected X got Y"); a summary closes the run; the exit code is non-zero
 * on any failure.  Codes are the engine's documented ones where they are
 * clear, otherwise any error: never a crash, never a false success.
 *
 * Works in hostile-scratch/ under the test's working folder, emptied first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"

#define ROOT "hostile-scratch"
#define CHUNK (64 * 1024)
#define PAGE 4096
#define GUARD_BYTE 0xA5
#define BAD_SESID ((JET_SESID)0x12345678)
#define BAD_INSTANCE ((JET_INSTANCE)0x12345678)

/* Not in MinGW's header (its reference page gives this signature). */
typedef JET_ERR (JET_API *stop_service_instance2_fn)(JET_INSTANCE, const JET_GRBIT);

static stop_service_instance2_fn stop_service_instance2(void)
{
	return (stop_service_instance2_fn)(void *)GetProcAddress(GetModuleHandleA("esent.dll"),
								  "JetStopServiceInstance2");
}

/* JetInit4A, which MinGW's header and libesent.a lack (the SDK's header
 * gives this signature; the restore information is opaque here). */
typedef JET_ERR (JET_API *init4_fn)(JET_INSTANCE *, void *, JET_GRBIT);

static init4_fn init4(void)
{
	return (init4_fn)(void *)GetProcAddress(GetModuleHandleA("esent.dll"), "JetInit4A");
}

static int failures, passes;
static const unsigned long short_sizes[] = { 0, 1, 3 };

/* What each check is about, counted for the summary. */
enum category {
	C_SETUP, C_NULLARG, C_HANDLE, C_BUFFER, C_NAME, C_ORDER, C_DATA, C_BYNAME, C_COUNT
};
static const char *const category_names[C_COUNT] = {
	"set-up and verification on the way",
	"NULL pointers, NULL or empty strings, invalid arguments",
	"unknown and stale handles (instances, sessions, databases, backup files)",
	"buffers too small, guard areas after them",
	"hostile file names (backup API, file information)",
	"calls out of order",
	"nothing lost: the instance's own files, databases, backups afterwards",
	"the unsuffixed exports, called by name",
};
static enum category category = C_SETUP;
static int category_checks[C_COUNT], category_failures[C_COUNT];
#define CAT(c) (category = (c))

/* --- Reporting */

/* Formatted text that lives for the next few calls. */
static const char *fmt(const char *f, ...)
{
	static char ring[8][1400];
	static unsigned next;
	char *out = ring[next++ % 8];
	va_list ap;
	va_start(ap, f);
	vsnprintf(out, sizeof ring[0], f, ap);
	va_end(ap);
	return out;
}

static void result(int line, const char *call, long expected, long got)
{
	category_checks[category]++;
	if (got == expected) {
		passes++;
		printf("ok   %-96.96s %ld\n", call, got);
	} else {
		failures++;
		category_failures[category]++;
		printf("FAIL line %d: %s expected %ld got %ld\n", line, call, expected, got);
	}
}

/* Where no code is written down for the case, any error will do. */
static void result_error(int line, const char *call, long got)
{
	category_checks[category]++;
	if (got < 0) {
		passes++;
		printf("ok   %-96.96s %ld (an error)\n", call, got);
	} else {
		failures++;
		category_failures[category]++;
		printf("FAIL line %d: %s expected an error got %ld\n", line, call, got);
	}
}

static void check(int line, int ok, const char *f, ...)
{
	char text[1400];
	va_list ap;
	va_start(ap, f);
	vsnprintf(text, sizeof text, f, ap);
	va_end(ap);
	category_checks[category]++;
	if (ok) {
		passes++;
		printf("ok   %s\n", text);
	} else {
		failures++;
		category_failures[category]++;
		printf("FAIL line %d: %s\n", line, text);
	}
}

#define EXPECT(expected, call) result(__LINE__, #call, (long)(expected), (long)(call))
#define EXPECT_AS(desc, expected, call) result(__LINE__, (desc), (long)(expected), (long)(call))
#define EXPECT_ERROR(call) result_error(__LINE__, #call, (long)(call))
#define EXPECT_ERROR_AS(desc, call) result_error(__LINE__, (desc), (long)(call))
#define CHECK(cond, ...) check(__LINE__, (cond) != 0, __VA_ARGS__)

static void summary_and_exit(void)
{
	printf("\n");
	for (int c = 0; c < C_COUNT; c++)
		printf("%5d checks, %3d failed: %s\n", category_checks[c], category_failures[c], category_names[c]);
	printf("%d checks: %d ok, %d failed\n", passes + failures, passes, failures);
	fflush(stdout);
	ExitProcess(failures ? 1 : 0);
}

/* --- Guarded buffers: cbMax bytes are the caller's, the rest must stay
 * as filled. */

static WCHAR guarded_w[256];
#define guarded ((unsigned char *)guarded_w)

static void *guard_arm(void)
{
	memset(guarded_w, GUARD_BYTE, sizeof guarded_w);
	return guarded_w;
}

static void guard_check(int line, const char *call, unsigned long cb)
{
	size_t i = cb;
	while (i < sizeof guarded_w && guarded[i] == GUARD_BYTE)
		i++;
	check(line, i == sizeof guarded_w, "%s: nothing written past cbMax %lu%s", call, cb,
	      i == sizeof guarded_w ? "" : fmt(" (byte %u was changed)", (unsigned)i));
}

/* Runs `call` (which uses buf and cb) with cbMax 0, 1 and 3. */
#define SHORT_BUFFERS(expected, name, call)                                     \
	for (size_t k_ = 0; k_ < 3; k_++) {                                     \
		unsigned long cb = short_sizes[k_];                             \
		void *buf = guard_arm();                                        \
		const char *d_ = fmt("%s, cbMax %lu", (name), cb);              \
		(void)buf;                                                      \
		EXPECT_AS(d_, expected, call);                                  \
		guard_check(__LINE__, d_, cb);                                  \
	}

/* The same for a string parameter: a buffer too small even for the
 * terminator (unit bytes) is an invalid parameter, as the engine's
 * GetString has it; one too small for the value is too small. */
#define SHORT_PARAM_BUFFERS(name, unit, call)                                   \
	for (size_t k_ = 0; k_ < 3; k_++) {                                     \
		unsigned long cb = short_sizes[k_];                             \
		void *buf = guard_arm();                                        \
		const char *d_ = fmt("%s, cbMax %lu", (name), cb);              \
		EXPECT_AS(d_, cb < (unit) ? JET_errInvalidParameter : JET_errBufferTooSmall, call); \
		guard_check(__LINE__, d_, cb);                                  \
	}

/* --- Strings and files */

static const WCHAR *W(const char *s)
{
	static WCHAR ring[6][1200];
	static unsigned next;
	WCHAR *out = ring[next++ % 6];
	if (!MultiByteToWideChar(CP_ACP, 0, s, -1, out, 1200))
		out[0] = 0;
	return out;
}

static const char *full(const char *rel)
{
	static char ring[8][1200];
	static unsigned next;
	char *out = ring[next++ % 8];
	if (!GetFullPathNameA(rel, sizeof ring[0], out, NULL))
		snprintf(out, sizeof ring[0], "%s", rel);
	return out;
}

static void remove_tree(const char *dir)
{
	char pattern[MAX_PATH], path[MAX_PATH];
	WIN32_FIND_DATAA fd;
	HANDLE find;
	snprintf(pattern, sizeof pattern, "%s\\*", dir);
	find = FindFirstFileA(pattern, &fd);
	if (find != INVALID_HANDLE_VALUE) {
		do {
			if (!strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, ".."))
				continue;
			snprintf(path, sizeof path, "%s\\%s", dir, fd.cFileName);
			if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
				remove_tree(path);
			else
				DeleteFileA(path);
		} while (FindNextFileA(find, &fd));
		FindClose(find);
	}
	RemoveDirectoryA(dir);
}

static int file_exists(const char *path)
{
	DWORD a = GetFileAttributesA(path);
	return a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY);
}

static void write_file(const char *path, const char *text)
{
	HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD n;
	if (h != INVALID_HANDLE_VALUE) {
		WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
		CloseHandle(h);
	}
}

/* A file's size and a hash of its bytes, read beside whoever has it open. */
struct snapshot {
	int exists;
	unsigned long long size;
	unsigned long long hash;
};

static struct snapshot snap(const char *path)
{
	struct snapshot s = { 0, 0, 1469598103934665603ULL };
	HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			       NULL, OPEN_EXISTING, 0, NULL);
	unsigned char b[8192];
	DWORD n;
	if (h == INVALID_HANDLE_VALUE)
		return s;
	s.exists = 1;
	while (ReadFile(h, b, sizeof b, &n, NULL) && n) {
		for (DWORD i = 0; i < n; i++)
			s.hash = (s.hash ^ b[i]) * 1099511628211ULL;
		s.size += n;
	}
	CloseHandle(h);
	return s;
}

/* Holds a file with no sharing at all, so that anything else opening it
 * meanwhile fails (and a refusal that came from a failed open shows). */
static HANDLE lock_file(const char *path)
{
	return path ? CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL)
		    : INVALID_HANDLE_VALUE;
}

static void unlock_file(HANDLE h)
{
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
}

/* --- Calls that might block (device names): on a thread of their own, so
 * that a hang is reported rather than waited out. */

typedef JET_ERR (*timed_fn)(void *);
struct timed_call {
	timed_fn fn;
	void *arg;
	JET_ERR rc;
};

static DWORD WINAPI timed_body(void *p)
{
	struct timed_call *t = p;
	t->rc = t->fn(t->arg);
	return 0;
}

static JET_ERR timed(int line, const char *call, timed_fn fn, void *arg)
{
	struct timed_call *t = malloc(sizeof *t);
	HANDLE th;
	JET_ERR rc;
	t->fn = fn;
	t->arg = arg;
	t->rc = 1;
	th = CreateThread(NULL, 0, timed_body, t, 0, NULL);
	if (!th) {
		rc = fn(arg);
		free(t);
		return rc;
	}
	if (WaitForSingleObject(th, 15000) != WAIT_OBJECT_0) {
		failures++;
		printf("FAIL line %d: %s did not return within 15 s (blocked); the rest of the run "
		       "would wait on it\n", line, call);
		summary_and_exit();
	}
	CloseHandle(th);
	rc = t->rc;
	free(t);
	return rc;
}

struct open_args {
	JET_INSTANCE inst;
	int legacy, wide;
	const char *name;
	JET_HANDLE h;
	unsigned long lo, hi;
};

static JET_ERR do_open(void *p)
{
	struct open_args *a = p;
	if (a->legacy)
		return a->wide ? JetOpenFileW(W(a->name), &a->h, &a->lo, &a->hi)
			       : JetOpenFileA(a->name, &a->h, &a->lo, &a->hi);
	return a->wide ? JetOpenFileInstanceW(a->inst, W(a->name), &a->h, &a->lo, &a->hi)
		       : JetOpenFileInstanceA(a->inst, a->name, &a->h, &a->lo, &a->hi);
}

struct file_info_args {
	const char *name;
	unsigned long level, cb;
	unsigned char out[512];
};

static JET_ERR do_file_info(void *p)
{
	struct file_info_args *a = p;
	return JetGetDatabaseFileInfoA(a->name, a->out, a->cb, a->level);
}

struct db_name_args {
	JET_SESID s;
	const char *name;
	int what;    /* 0 attach, 1 set size, 2 create, 3 create with overwrite */
	JET_DBID d;
};

static JET_ERR do_db_name(void *p)
{
	struct db_name_args *a = p;
	unsigned long n = 0;
	switch (a->what) {
	case 0: return JetAttachDatabaseA(a->s, a->name, 0);
	case 1: return JetSetDatabaseSizeA(a->s, a->name, 512, &n);
	case 2: return JetCreateDatabaseA(a->s, a->name, NULL, &a->d, 0);
	default: return JetCreateDatabaseA(a->s, a->name, NULL, &a->d, JET_bitDbOverwriteExisting);
	}
}

/* Opens `name` in the running backup and expects `expected`; the decoy at
 * `lock` (if any) is held locked meanwhile.  A refusal leaves the
 * out-parameters as they were. */
static void open_expect(int line, JET_INSTANCE inst, int legacy, int wide, const char *desc,
			const char *name, const char *lock, JET_ERR expected)
{
	struct open_args a = { inst, legacy, wide, name, (JET_HANDLE)0xDEAD, 0xDEAD, 0xDEAD };
	const char *call = fmt("JetOpenFile%s%s(%s)", legacy ? "" : "Instance", wide ? "W" : "A", desc);
	HANDLE lk = lock_file(lock);
	JET_ERR err = timed(line, call, do_open, &a);
	unlock_file(lk);
	result(line, call, expected, err);
	if (err < 0)
		check(line, a.h == (JET_HANDLE)0xDEAD && a.lo == 0xDEAD && a.hi == 0xDEAD,
		      "%s: out-parameters untouched by the refusal", call);
	if (err >= 0) {
		if (legacy)
			JetCloseFile(a.h);
		else
			JetCloseFileInstance(inst, a.h);
	}
}

/* A W name that has no A form (as an unpaired surrogate). */
static void open_expect_w_raw(int line, JET_INSTANCE inst, const WCHAR *name, JET_ERR expected)
{
	JET_HANDLE h = (JET_HANDLE)0xDEAD;
	unsigned long lo = 0xDEAD, hi = 0xDEAD;
	JET_ERR err = JetOpenFileInstanceW(inst, name, &h, &lo, &hi);
	result(line, "JetOpenFileInstanceW(an unpaired surrogate, L\"\\xD800db.edb\")", expected, err);
	if (err >= 0)
		JetCloseFileInstance(inst, h);
}

/* --- Shared state */

static void *aligned;            /* CHUNK + PAGE bytes, page aligned */

struct bad_handle {
	const char *name;
	JET_API_PTR h;
};

/* =======================================================================
 * 1. No instance at all
 */
static void no_instance(void)
{
	JET_INSTANCE_INFO_A *info_a = (JET_INSTANCE_INFO_A *)1;
	JET_INSTANCE_INFO_W *info_w = (JET_INSTANCE_INFO_W *)1;
	JET_INSTANCE inst = 0, bad = BAD_INSTANCE;
	JET_SESID s = 0;
	JET_API_PTR l = 0;
	JET_HANDLE h = 0;
	JET_RSTINFO_A rst_a;
	JET_RSTINFO_W rst_w;
	unsigned long count = 77, ver = 0, n = 0, lo = 0, hi = 0;
	unsigned char out[512];

	printf("\n-- 1. no instance yet\n");
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetGetInstanceInfoA(NULL, &info_a));
	EXPECT(JET_errInvalidParameter, JetGetInstanceInfoA(&count, NULL));
	EXPECT(JET_errInvalidParameter, JetGetInstanceInfoW(NULL, &info_w));
	EXPECT(JET_errInvalidParameter, JetGetInstanceInfoW(&count, NULL));
	EXPECT(JET_errSuccess, JetGetInstanceInfoA(&count, &info_a));
	CHECK(count == 0 && info_a == NULL, "no instance: %lu instances, array %p", count, (void *)info_a);
	/* freeing NULL is allowed, as free(NULL) */
	EXPECT(JET_errSuccess, JetFreeBuffer(NULL));
	EXPECT(JET_errInvalidParameter, JetGetVersion(0, NULL));
	/* "no known failure modes" (reference page): the session is not used */
	CAT(C_HANDLE);
	EXPECT(JET_errSuccess, JetGetVersion(BAD_SESID, &ver));

	/* instance calls with no instance */
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetTerm(0));
	EXPECT(JET_errInvalidParameter, JetTerm(JET_instanceNil));
	EXPECT(JET_errInvalidParameter, JetTerm2(BAD_INSTANCE, JET_bitTermComplete));
	EXPECT(JET_errInvalidParameter, JetStopService());
	EXPECT(JET_errInvalidParameter, JetStopServiceInstance(0));
	EXPECT(JET_errInvalidParameter, JetStopServiceInstance(BAD_INSTANCE));
	EXPECT(JET_errInvalidParameter, JetBeginSessionA(0, &s, NULL, NULL));
	EXPECT(JET_errInvalidParameter, JetBeginSessionW(JET_instanceNil, &s, NULL, NULL));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetBeginSessionA(0, NULL, "", ""));
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(0, out, sizeof(JET_SIGNATURE),
							       JET_InstanceMiscInfoLogSignature));
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidSesid, JetEndSession(0, 0));
	EXPECT(JET_errInvalidSesid, JetEndSession(JET_sesidNil, 0));
	EXPECT(JET_errInvalidSesid, JetDupSession(BAD_SESID, &s));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetDupSession(0, NULL));

	/* creating an instance needs somewhere to put its handle; the mode is
	 * not changed by the refusal */
	EXPECT(JET_errInvalidParameter, JetCreateInstanceA(NULL, "x"));
	EXPECT(JET_errInvalidParameter, JetCreateInstanceW(NULL, L"x"));
	EXPECT(JET_errInvalidParameter, JetCreateInstance2A(NULL, "x", "y", 0));
	EXPECT(JET_errInvalidParameter, JetCreateInstance2W(NULL, L"x", L"y", 0));
	/* JetInit's grbits are checked before an instance is made */
	EXPECT(JET_errInvalidGrbit, JetInit2(NULL, 0x80000000));
	EXPECT(JET_errInvalidGrbit, JetInit2(&inst, 0x80000000));
	memset(&rst_a, 0, sizeof rst_a);
	memset(&rst_w, 0, sizeof rst_w);
	EXPECT(JET_errInvalidParameter, JetInit3A(NULL, &rst_a, 0));
	EXPECT(JET_errInvalidParameter, JetInit3W(&inst, &rst_w, 0));
	EXPECT(JET_errInvalidParameter, JetEnableMultiInstanceA(NULL, 2, &n));
	EXPECT(JET_errInvalidParameter, JetEnableMultiInstanceW(NULL, 1, NULL));
	{
		JET_INSTANCE_INFO_A *still = NULL;
		EXPECT(JET_errSuccess, JetGetInstanceInfoA(&count, &still));
		CHECK(count == 0, "the refusals made no instance (%lu listed)", count);
		JetFreeBuffer((char *)still);
	}

	CAT(C_NULLARG);
	/* parameters */
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, JET_paramMaxSessions, NULL, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterW(0, 0, JET_paramMaxSessions, NULL, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, JET_paramBaseName, &l, NULL, 64));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterW(0, 0, JET_paramBaseName, &l, NULL, 64));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, 99999, &l, (char *)out, sizeof out));
	EXPECT(JET_errFeatureNotAvailable,
	       JetGetSystemParameterA(0, 0, JET_paramErrorToString, &l, (char *)out, sizeof out));
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(BAD_INSTANCE, 0, JET_paramMaxSessions, &l, NULL, 0));
	CAT(C_BUFFER);
	/* "edb": 4 bytes in A, 8 in W */
	SHORT_PARAM_BUFFERS("JetGetSystemParameterA(0, 0, JET_paramBaseName, &l, buf, cb)", 1,
			    JetGetSystemParameterA(0, 0, JET_paramBaseName, &l, buf, cb));
	SHORT_PARAM_BUFFERS("JetGetSystemParameterW(0, 0, JET_paramBaseName, &l, buf, cb)", 2,
			    JetGetSystemParameterW(0, 0, JET_paramBaseName, &l, buf, cb));
	{
		void *buf = guard_arm();
		EXPECT(JET_errBufferTooSmall, JetGetSystemParameterW(0, 0, JET_paramBaseName, &l, buf, 7));
		guard_check(__LINE__, "JetGetSystemParameterW(BaseName, cbMax 7)", 7);
	}
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterW(NULL, 0, JET_paramBaseName, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, ""));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterW(NULL, 0, JET_paramBaseName, 0, L""));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "toolong"));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterW(NULL, 0, JET_paramLogFilePath, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramRecovery, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramRecovery, 0, ""));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, 99999, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramKeyMost, 1, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 1, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 3000, NULL));
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(&bad, 0, JET_paramMaxSessions, 10, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterW(&bad, 0, JET_paramMaxSessions, 10, NULL));

	CAT(C_NULLARG);
	/* databases by name, with no instance */
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(NULL, out, 8, JET_DbInfoFilesize));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoW(NULL, out, 8, JET_DbInfoFilesize));
	EXPECT(JET_errInvalidPath, JetGetDatabaseFileInfoA("", out, 8, JET_DbInfoFilesize));
	EXPECT(JET_errInvalidPath, JetGetDatabaseFileInfoW(L"", out, 8, JET_DbInfoFilesize));
	EXPECT(JET_errFileNotFound, JetGetDatabaseFileInfoA(ROOT "\\missing.edb", out, 8, JET_DbInfoFilesize));

	CAT(C_ORDER);
	/* the streaming backup with no instance */
	EXPECT(JET_errInvalidParameter, JetBeginExternalBackup(0));
	EXPECT(JET_errInvalidParameter, JetBeginExternalBackupInstance(0, 0));
	EXPECT(JET_errInvalidParameter, JetGetAttachInfoA((char *)out, sizeof out, &n));
	EXPECT(JET_errInvalidParameter, JetGetAttachInfoW((WCHAR *)out, sizeof out, &n));
	EXPECT(JET_errInvalidParameter, JetOpenFileA("x.edb", &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileW(L"x.edb", &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetReadFile(0, aligned, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetCloseFile(0));
	EXPECT(JET_errInvalidParameter, JetGetLogInfoA((char *)out, sizeof out, &n));
	EXPECT(JET_errInvalidParameter, JetGetLogInfoW((WCHAR *)out, sizeof out, &n));
	EXPECT(JET_errInvalidParameter, JetTruncateLog());
	EXPECT(JET_errInvalidParameter, JetEndExternalBackup());
	EXPECT(JET_errInvalidParameter, JetStopBackup());
	EXPECT(JET_errInvalidParameter, JetStopBackupInstance(0));
}

/* =======================================================================
 * 2. One-instance (legacy) mode: the instance-less forms
 */
static void one_instance(void)
{
	const char *dir = ROOT "\\one";
	JET_INSTANCE inst = 0, other = 0;
	JET_SESID s = 0, s2 = 0;
	JET_DBID dbid = 0;
	JET_HANDLE h = 0;
	unsigned long n = 0, needed = 0, lo = 0, hi = 0;
	char list[4096], db[MAX_PATH], first_log[MAX_PATH];

	printf("\n-- 2. one-instance mode\n");
	CreateDirectoryA(dir, NULL);
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, ROOT "\\one\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, ROOT "\\one\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 128, NULL));
	EXPECT(JET_errSuccess, JetInit(&inst));
	CAT(C_ORDER);
	/* JetInit twice */
	EXPECT(JET_errAlreadyInitialized, JetInit(&inst));
	EXPECT(JET_errAlreadyInitialized, JetInit(NULL));
	EXPECT(JET_errAlreadyInitialized, JetInit2(NULL, 0));
	EXPECT(JET_errAlreadyInitialized, JetInit3A(NULL, NULL, 0));
	EXPECT(JET_errAlreadyInitialized, JetInit3W(&inst, NULL, 0));
	EXPECT(JET_errRunningInOneInstanceMode, JetCreateInstanceA(&other, "other"));
	EXPECT(JET_errRunningInOneInstanceMode, JetCreateInstance2W(&other, L"other", NULL, 0));
	EXPECT(JET_errRunningInOneInstanceMode, JetEnableMultiInstanceA(NULL, 0, NULL));

	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s, NULL, NULL));
	snprintf(db, sizeof db, "%s", full(ROOT "\\one\\one.edb"));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s, db, NULL, &dbid, 0));

	CAT(C_ORDER);
	/* the backup, instance-less forms */
	EXPECT(JET_errNoBackup, JetGetAttachInfoA(list, sizeof list, &n));
	EXPECT(JET_errNoBackup, JetOpenFileA(db, &h, &lo, &hi));
	EXPECT(JET_errNoBackup, JetReadFile(0, aligned, CHUNK, &n));
	EXPECT(JET_errNoBackup, JetCloseFile(0));
	EXPECT(JET_errNoBackup, JetGetLogInfoW((WCHAR *)list, sizeof list, &n));
	EXPECT(JET_errNoBackup, JetTruncateLog());
	EXPECT(JET_errNoBackup, JetEndExternalBackup());
	EXPECT(JET_errInvalidGrbit, JetBeginExternalBackup(0x10000));
	EXPECT(JET_errSuccess, JetBeginExternalBackup(0));
	EXPECT(JET_errBackupInProgress, JetBeginExternalBackup(0));

	CAT(C_BUFFER);
	EXPECT(JET_errSuccess, JetGetAttachInfoA(NULL, 0, &needed));
	EXPECT(JET_errSuccess, JetGetAttachInfoA(NULL, 0, NULL));
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetAttachInfoA(buf, cbMax %lu, &n)", cb);
		n = 0;
		EXPECT_AS(d, JET_errBufferTooSmall, JetGetAttachInfoA(buf, cb, &n));
		guard_check(__LINE__, d, cb);
		CHECK(n == needed, "%s reports the %lu bytes needed (%lu)", d, needed, n);
	}
	EXPECT(JET_errSuccess, JetGetAttachInfoW(NULL, 0, NULL));
	EXPECT(JET_errSuccess, JetGetAttachInfoW(NULL, 0, &needed));
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetAttachInfoW(buf, cbMax %lu, &n)", cb);
		n = 0;
		/* the W form copies what fits and reports the size needed */
		EXPECT_AS(d, JET_errSuccess, JetGetAttachInfoW(buf, cb, &n));
		guard_check(__LINE__, d, cb);
		CHECK(n == needed, "%s reports the %lu bytes needed (%lu)", d, needed, n);
	}

	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetOpenFileA(NULL, &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileW(NULL, &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileA("", &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileW(L"", &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileA(db, NULL, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileA(db, &h, NULL, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileW(W(db), &h, &lo, NULL));
	CAT(C_NAME);
	open_expect(__LINE__, 0, 1, 0, "..\\..\\..\\windows\\win.ini", "..\\..\\..\\windows\\win.ini", NULL,
		    JET_errDatabaseNotFound);
	open_expect(__LINE__, 0, 1, 1, "C:\\windows\\system32\\kernel32.dll",
		    "C:\\windows\\system32\\kernel32.dll", NULL, JET_errDatabaseNotFound);
	open_expect(__LINE__, 0, 1, 0, "NUL", "NUL", NULL, JET_errDatabaseNotFound);
	open_expect(__LINE__, 0, 1, 1, "CON", "CON", NULL, JET_errDatabaseNotFound);
	open_expect(__LINE__, 0, 1, 0, "the checkpoint", full(ROOT "\\one\\edb.chk"), NULL, JET_errDatabaseNotFound);

	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetReadFile(0, aligned, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFile(1, aligned, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFile(0xFFFF, aligned, CHUNK, &n));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetReadFile(0, aligned, CHUNK, NULL));
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetCloseFile(0));
	EXPECT(JET_errInvalidParameter, JetCloseFile(1));
	EXPECT(JET_errInvalidParameter, JetCloseFile(0xFFFF));

	CAT(C_ORDER);
	EXPECT(JET_errSuccess, JetOpenFileA(db, &h, &lo, &hi));
	/* one file at a time: the engine's answer for its full handle table */
	EXPECT(JET_errOutOfMemory, JetOpenFileA(db, &h, &lo, &hi));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetReadFile(h, NULL, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFile(h, (char *)aligned + 1, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFile(h, aligned, 0, &n));
	EXPECT(JET_errInvalidParameter, JetReadFile(h, aligned, PAGE, &n));
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetReadFile(h + 1, aligned, CHUNK, &n));
	CAT(C_ORDER);
	EXPECT(JET_errInvalidBackupSequence, JetGetLogInfoA(list, sizeof list, &n));
	EXPECT(JET_errSuccess, JetCloseFile(h));
	EXPECT(JET_errInvalidParameter, JetCloseFile(h));

	CAT(C_BUFFER);
	/* the log phase; an A buffer too small is refused, a W one filled */
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetLogInfoA(buf, cbMax %lu, &n)", cb);
		EXPECT_AS(d, JET_errBufferTooSmall, JetGetLogInfoA(buf, cb, &n));
		guard_check(__LINE__, d, cb);
	}
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetLogInfoW(buf, cbMax %lu, &n)", cb);
		n = 99;
		EXPECT_AS(d, JET_errSuccess, JetGetLogInfoW(buf, cb, &n));
		guard_check(__LINE__, d, cb);
		CHECK(n == cb, "%s reports the %lu bytes copied (%lu)", d, cb, n);
	}
	CAT(C_ORDER);
	EXPECT(JET_errSuccess, JetGetLogInfoA(list, sizeof list, &n));
	snprintf(first_log, sizeof first_log, "%s", list);
	EXPECT(JET_errLogFileNotCopied, JetTruncateLog());
	/* a database in the log phase is out of sequence, and ends the backup */
	open_expect(__LINE__, 0, 1, 0, "the database, in the log phase", db, NULL, JET_errInvalidBackupSequence);
	EXPECT(JET_errNoBackup, JetGetLogInfoA(NULL, 0, &n));

	CAT(C_NAME);
	/* a hostile name in the log phase ends the backup */
	EXPECT(JET_errSuccess, JetBeginExternalBackup(0));
	EXPECT(JET_errSuccess, JetGetLogInfoA(list, sizeof list, &n));
	open_expect(__LINE__, 0, 1, 0, "C:\\windows\\win.ini", "C:\\windows\\win.ini", NULL,
		    JET_errMissingFileToBackup);
	CAT(C_ORDER);
	EXPECT(JET_errNoBackup, JetOpenFileA(first_log, &h, &lo, &hi));
	EXPECT(JET_errNoBackup, JetGetLogInfoA(NULL, 0, &n));
	EXPECT(JET_errNoBackup, JetTruncateLog());
	EXPECT(JET_errNoBackup, JetEndExternalBackup());
	CAT(C_NAME);
	EXPECT(JET_errSuccess, JetBeginExternalBackup(0));
	EXPECT(JET_errSuccess, JetGetLogInfoW((WCHAR *)list, sizeof list, &n));
	/* a log's name with no generation: the engine's name parser refuses it */
	open_expect(__LINE__, 0, 1, 1, "the current log", full(ROOT "\\one\\edb.log"), NULL,
		    JET_errInvalidParameter);
	CAT(C_ORDER);
	EXPECT(JET_errNoBackup, JetEndExternalBackup());

	/* a stop with no backup running is no error (the next begin clears
	 * it); a stop during one fails every later call but the end */
	EXPECT(JET_errSuccess, JetStopBackup());
	EXPECT(JET_errSuccess, JetBeginExternalBackup(0));
	EXPECT(JET_errSuccess, JetStopBackup());
	EXPECT(JET_errBackupAbortByServer, JetGetAttachInfoA(list, sizeof list, &n));
	EXPECT(JET_errBackupAbortByServer, JetOpenFileA(db, &h, &lo, &hi));
	EXPECT(JET_errSuccess, JetEndExternalBackup());
	EXPECT(JET_errNoBackup, JetEndExternalBackup());

	/* stopped for good: only JetTerm (and ending sessions) is left */
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s2, NULL, NULL));
	EXPECT(JET_errSuccess, JetStopService());
	EXPECT(JET_errClientRequestToStopJetService, JetBeginSessionA(inst, &other, NULL, NULL));
	EXPECT(JET_errClientRequestToStopJetService, JetOpenDatabaseA(s, db, NULL, &dbid, 0));
	EXPECT(JET_errClientRequestToStopJetService, JetBeginExternalBackup(0));
	EXPECT(JET_errSuccess, JetEndSession(s2, 0));
	EXPECT(JET_errSuccess, JetTerm(inst));
	/* JetTerm twice, and every call after it */
	EXPECT(JET_errInvalidParameter, JetTerm(inst));
	EXPECT(JET_errInvalidParameter, JetTerm(0));
	EXPECT(JET_errInvalidParameter, JetTerm2(inst, JET_bitTermComplete));
	EXPECT(JET_errInvalidSesid, JetEndSession(s, 0));
	EXPECT(JET_errInvalidSesid, JetDupSession(s, &s2));
	EXPECT(JET_errInvalidParameter, JetBeginSessionA(inst, &s2, NULL, NULL));
	EXPECT(JET_errInvalidSesid, JetCreateDatabaseA(s, ROOT "\\one\\after.edb", NULL, &dbid, 0));
	CHECK(!file_exists(ROOT "\\one\\after.edb"), "no database made after JetTerm");
	EXPECT(JET_errInvalidSesid, JetOpenDatabaseA(s, db, NULL, &dbid, 0));
	EXPECT(JET_errInvalidSesid, JetCloseDatabase(s, dbid, 0));
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(inst, list, sizeof(JET_SIGNATURE),
							       JET_InstanceMiscInfoLogSignature));
	EXPECT(JET_errInvalidParameter, JetStopService());
	EXPECT(JET_errInvalidParameter, JetBeginExternalBackup(0));
	EXPECT(JET_errInvalidParameter, JetEndExternalBackup());
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(inst, 0, JET_paramMaxSessions, (JET_API_PTR *)&h, NULL, 0));
	{
		CAT(C_DATA);
		unsigned char misc[sizeof(JET_DBINFOMISC)];
		EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(db, misc, sizeof misc, JET_DbInfoMisc));
		CHECK(((JET_DBINFOMISC *)misc)->dbstate == JET_dbstateCleanShutdown,
		      "the database left clean by JetTerm after the hostile calls (state %lu)",
		      ((JET_DBINFOMISC *)misc)->dbstate);
	}
}

/* =======================================================================
 * 3. Multi-instance mode
 */

struct main_instance {
	JET_INSTANCE inst;
	JET_SESID s;
	JET_DBID dbid;
	char dir[MAX_PATH];          /* full, no separator at the end */
	char db[MAX_PATH];           /* full */
};

static void set_folders(JET_INSTANCE *inst, const char *rel)
{
	char path[MAX_PATH];
	snprintf(path, sizeof path, "%s\\", rel);
	CreateDirectoryA(rel, NULL);
	EXPECT_AS(fmt("JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, \"%s\")", path),
		  JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, path));
	EXPECT_AS(fmt("JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, \"%s\")", path),
		  JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, path));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(inst, 0, JET_paramLogFileSize, 128, NULL));
}

/* Every export that takes an instance, with handles that name none. */
static void bad_instances(const struct bad_handle *bad, size_t count, int with_zero)
{
	unsigned char out[512];
	unsigned long n = 0, lo = 0, hi = 0;
	JET_API_PTR l = 0;
	JET_HANDLE h = 0;
	JET_SESID s = 0;
	JET_LOGINFO_A li_a;
	JET_LOGINFO_W li_w;
	stop_service_instance2_fn stop2 = stop_service_instance2();

	CAT(C_HANDLE);

	li_a.cbSize = sizeof li_a;
	li_w.cbSize = sizeof li_w;
	for (size_t i = 0; i < count; i++) {
		JET_INSTANCE x = bad[i].h;
		const char *b = bad[i].name;
		JET_INSTANCE copy = x;
		/* a handle of 0 or JET_instanceNil selects the process-wide
		 * parameters, which is not an error */
		if (with_zero || (x != 0 && x != JET_instanceNil)) {
			EXPECT_AS(fmt("JetSetSystemParameterA(&[%s], MaxSessions)", b), JET_errInvalidParameter,
				  JetSetSystemParameterA(&copy, 0, JET_paramMaxSessions, 10, NULL));
			EXPECT_AS(fmt("JetSetSystemParameterW(&[%s], EventSource)", b), JET_errInvalidParameter,
				  JetSetSystemParameterW(&copy, 0, JET_paramEventSource, 0, L"x"));
			EXPECT_AS(fmt("JetGetSystemParameterA([%s], MaxSessions)", b), JET_errInvalidParameter,
				  JetGetSystemParameterA(x, 0, JET_paramMaxSessions, &l, NULL, 0));
			EXPECT_AS(fmt("JetGetSystemParameterW([%s], SystemPath)", b), JET_errInvalidParameter,
				  JetGetSystemParameterW(x, 0, JET_paramSystemPath, &l, (WCHAR *)out, sizeof out));
		}
		copy = x;
		EXPECT_AS(fmt("JetInit(&[%s])", b), JET_errInvalidParameter, JetInit(&copy));
		copy = x;
		EXPECT_AS(fmt("JetInit2(&[%s], 0)", b), JET_errInvalidParameter, JetInit2(&copy, 0));
		copy = x;
		EXPECT_AS(fmt("JetInit3A(&[%s], NULL, 0)", b), JET_errInvalidParameter, JetInit3A(&copy, NULL, 0));
		copy = x;
		EXPECT_AS(fmt("JetInit3W(&[%s], NULL, 0)", b), JET_errInvalidParameter, JetInit3W(&copy, NULL, 0));
		EXPECT_AS(fmt("JetTerm([%s])", b), JET_errInvalidParameter, JetTerm(x));
		EXPECT_AS(fmt("JetTerm2([%s], JET_bitTermComplete)", b), JET_errInvalidParameter,
			  JetTerm2(x, JET_bitTermComplete));
		EXPECT_AS(fmt("JetStopServiceInstance([%s])", b), JET_errInvalidParameter, JetStopServiceInstance(x));
		if (stop2)
			EXPECT_AS(fmt("JetStopServiceInstance2([%s], 0)", b), JET_errInvalidParameter, stop2(x, 0));
		EXPECT_AS(fmt("JetBeginSessionA([%s], &s)", b), JET_errInvalidParameter,
			  JetBeginSessionA(x, &s, NULL, NULL));
		EXPECT_AS(fmt("JetBeginSessionW([%s], &s)", b), JET_errInvalidParameter,
			  JetBeginSessionW(x, &s, L"", L""));
		EXPECT_AS(fmt("JetGetInstanceMiscInfo([%s], LogSignature)", b), JET_errInvalidParameter,
			  JetGetInstanceMiscInfo(x, out, sizeof(JET_SIGNATURE), JET_InstanceMiscInfoLogSignature));
		EXPECT_AS(fmt("JetBeginExternalBackupInstance([%s], 0)", b), JET_errInvalidParameter,
			  JetBeginExternalBackupInstance(x, 0));
		EXPECT_AS(fmt("JetGetAttachInfoInstanceA([%s])", b), JET_errInvalidParameter,
			  JetGetAttachInfoInstanceA(x, (char *)out, sizeof out, &n));
		EXPECT_AS(fmt("JetGetAttachInfoInstanceW([%s])", b), JET_errInvalidParameter,
			  JetGetAttachInfoInstanceW(x, (WCHAR *)out, sizeof out, &n));
		EXPECT_AS(fmt("JetOpenFileInstanceA([%s], \"x.edb\")", b), JET_errInvalidParameter,
			  JetOpenFileInstanceA(x, "x.edb", &h, &lo, &hi));
		EXPECT_AS(fmt("JetOpenFileInstanceW([%s], L\"x.edb\")", b), JET_errInvalidParameter,
			  JetOpenFileInstanceW(x, L"x.edb", &h, &lo, &hi));
		EXPECT_AS(fmt("JetReadFileInstance([%s], 0, buf, CHUNK, &n)", b), JET_errInvalidParameter,
			  JetReadFileInstance(x, 0, aligned, CHUNK, &n));
		EXPECT_AS(fmt("JetCloseFileInstance([%s], 0)", b), JET_errInvalidParameter, JetCloseFileInstance(x, 0));
		EXPECT_AS(fmt("JetGetLogInfoInstanceA([%s])", b), JET_errInvalidParameter,
			  JetGetLogInfoInstanceA(x, (char *)out, sizeof out, &n));
		EXPECT_AS(fmt("JetGetLogInfoInstanceW([%s])", b), JET_errInvalidParameter,
			  JetGetLogInfoInstanceW(x, (WCHAR *)out, sizeof out, &n));
		EXPECT_AS(fmt("JetGetLogInfoInstance2A([%s], &loginfo)", b), JET_errInvalidParameter,
			  JetGetLogInfoInstance2A(x, (char *)out, sizeof out, &n, &li_a));
		EXPECT_AS(fmt("JetGetLogInfoInstance2W([%s], &loginfo)", b), JET_errInvalidParameter,
			  JetGetLogInfoInstance2W(x, (WCHAR *)out, sizeof out, &n, &li_w));
		EXPECT_AS(fmt("JetGetTruncateLogInfoInstanceA([%s])", b), JET_errInvalidParameter,
			  JetGetTruncateLogInfoInstanceA(x, (char *)out, sizeof out, &n));
		EXPECT_AS(fmt("JetGetTruncateLogInfoInstanceW([%s])", b), JET_errInvalidParameter,
			  JetGetTruncateLogInfoInstanceW(x, (WCHAR *)out, sizeof out, &n));
		EXPECT_AS(fmt("JetTruncateLogInstance([%s])", b), JET_errInvalidParameter, JetTruncateLogInstance(x));
		EXPECT_AS(fmt("JetEndExternalBackupInstance([%s])", b), JET_errInvalidParameter,
			  JetEndExternalBackupInstance(x));
		EXPECT_AS(fmt("JetEndExternalBackupInstance2([%s], JET_bitBackupEndNormal)", b),
			  JET_errInvalidParameter, JetEndExternalBackupInstance2(x, JET_bitBackupEndNormal));
		EXPECT_AS(fmt("JetStopBackupInstance([%s])", b), JET_errInvalidParameter, JetStopBackupInstance(x));
	}
}

/* Every export that takes a session, with ids that name none. */
static void bad_sessions(const struct bad_handle *bad, size_t count, const char *db)
{
	unsigned char out[64];
	unsigned long n = 0;
	JET_SESID s2 = 0;
	JET_DBID d = 0;
	char fresh[MAX_PATH];

	CAT(C_HANDLE);

	snprintf(fresh, sizeof fresh, "%s", full(ROOT "\\multi\\never.edb"));
	for (size_t i = 0; i < count; i++) {
		JET_SESID x = bad[i].h;
		const char *b = bad[i].name;
		EXPECT_AS(fmt("JetEndSession([%s], 0)", b), JET_errInvalidSesid, JetEndSession(x, 0));
		EXPECT_AS(fmt("JetDupSession([%s], &s)", b), JET_errInvalidSesid, JetDupSession(x, &s2));
		EXPECT_AS(fmt("JetCreateDatabaseA([%s], never.edb)", b), JET_errInvalidSesid,
			  JetCreateDatabaseA(x, fresh, NULL, &d, 0));
		EXPECT_AS(fmt("JetCreateDatabaseW([%s], never.edb)", b), JET_errInvalidSesid,
			  JetCreateDatabaseW(x, W(fresh), NULL, &d, JET_bitDbOverwriteExisting));
		EXPECT_AS(fmt("JetCreateDatabase2A([%s], never.edb)", b), JET_errInvalidSesid,
			  JetCreateDatabase2A(x, fresh, 0, &d, 0));
		EXPECT_AS(fmt("JetCreateDatabase2W([%s], never.edb)", b), JET_errInvalidSesid,
			  JetCreateDatabase2W(x, W(fresh), 0, &d, 0));
		EXPECT_AS(fmt("JetAttachDatabaseA([%s], db)", b), JET_errInvalidSesid, JetAttachDatabaseA(x, db, 0));
		EXPECT_AS(fmt("JetAttachDatabaseW([%s], db)", b), JET_errInvalidSesid, JetAttachDatabaseW(x, W(db), 0));
		EXPECT_AS(fmt("JetAttachDatabase2A([%s], db)", b), JET_errInvalidSesid,
			  JetAttachDatabase2A(x, db, 0, 0));
		EXPECT_AS(fmt("JetAttachDatabase2W([%s], db)", b), JET_errInvalidSesid,
			  JetAttachDatabase2W(x, W(db), 0, 0));
		EXPECT_AS(fmt("JetDetachDatabaseA([%s], db)", b), JET_errInvalidSesid, JetDetachDatabaseA(x, db));
		EXPECT_AS(fmt("JetDetachDatabaseW([%s], NULL)", b), JET_errInvalidSesid, JetDetachDatabaseW(x, NULL));
		EXPECT_AS(fmt("JetDetachDatabase2A([%s], NULL, 0)", b), JET_errInvalidSesid,
			  JetDetachDatabase2A(x, NULL, 0));
		EXPECT_AS(fmt("JetDetachDatabase2W([%s], db, 0)", b), JET_errInvalidSesid,
			  JetDetachDatabase2W(x, W(db), 0));
		EXPECT_AS(fmt("JetOpenDatabaseA([%s], db)", b), JET_errInvalidSesid,
			  JetOpenDatabaseA(x, db, NULL, &d, 0));
		EXPECT_AS(fmt("JetOpenDatabaseW([%s], db)", b), JET_errInvalidSesid,
			  JetOpenDatabaseW(x, W(db), NULL, &d, 0));
		EXPECT_AS(fmt("JetCloseDatabase([%s], 1, 0)", b), JET_errInvalidSesid, JetCloseDatabase(x, 1, 0));
		EXPECT_AS(fmt("JetGrowDatabase([%s], 1, 512, &n)", b), JET_errInvalidSesid,
			  JetGrowDatabase(x, 1, 512, &n));
		EXPECT_AS(fmt("JetSetDatabaseSizeA([%s], db, 512, &n)", b), JET_errInvalidSesid,
			  JetSetDatabaseSizeA(x, db, 512, &n));
		EXPECT_AS(fmt("JetSetDatabaseSizeW([%s], db, 512, &n)", b), JET_errInvalidSesid,
			  JetSetDatabaseSizeW(x, W(db), 512, &n));
		EXPECT_AS(fmt("JetGetDatabaseInfoA([%s], 1, LCID)", b), JET_errInvalidSesid,
			  JetGetDatabaseInfoA(x, 1, out, 4, JET_DbInfoLCID));
		EXPECT_AS(fmt("JetGetDatabaseInfoW([%s], 1, Filename)", b), JET_errInvalidSesid,
			  JetGetDatabaseInfoW(x, 1, out, sizeof out, JET_DbInfoFilename));
		/* a session 0 or JET_sesidNil is no session at all there */
		if (x != 0 && x != JET_sesidNil) {
			JET_API_PTR l = 0;
			EXPECT_AS(fmt("JetSetSystemParameterA(NULL, [%s], MaxSessions)", b), JET_errInvalidSesid,
				  JetSetSystemParameterA(NULL, x, JET_paramMaxSessions, 10, NULL));
			EXPECT_AS(fmt("JetSetSystemParameterW(NULL, [%s], EventSource)", b), JET_errInvalidSesid,
				  JetSetSystemParameterW(NULL, x, JET_paramEventSource, 0, L"x"));
			EXPECT_AS(fmt("JetGetSystemParameterA(0, [%s], MaxSessions)", b), JET_errInvalidSesid,
				  JetGetSystemParameterA(0, x, JET_paramMaxSessions, &l, NULL, 0));
			EXPECT_AS(fmt("JetGetSystemParameterW(0, [%s], SystemPath)", b), JET_errInvalidSesid,
				  JetGetSystemParameterW(0, x, JET_paramSystemPath, &l, (WCHAR *)out, sizeof out));
		}
	}
	CHECK(!file_exists(fresh), "no database made by a refused session");
}

/* Every export that takes a database id, with ids this session has not
 * open. */
static void bad_dbids(JET_SESID s, JET_DBID closed)
{
	const struct { const char *name; JET_DBID d; } bad[] = {
		{ "0", 0 }, { "99", 99 }, { "JET_dbidNil", JET_dbidNil }, { "a closed dbid", closed },
	};
	unsigned char out[64];
	unsigned long n = 0;

	CAT(C_HANDLE);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *b = bad[i].name;
		/* the closed one is attached, but not open in this session */
		EXPECT_AS(fmt("JetCloseDatabase(s, [%s], 0)", b),
			  bad[i].d == closed ? JET_errDatabaseNotFound : JET_errInvalidDatabaseId,
			  JetCloseDatabase(s, bad[i].d, 0));
		EXPECT_AS(fmt("JetGrowDatabase(s, [%s], 512, &n)", b), JET_errInvalidDatabaseId,
			  JetGrowDatabase(s, bad[i].d, 512, &n));
		EXPECT_AS(fmt("JetGetDatabaseInfoA(s, [%s], LCID)", b), JET_errInvalidDatabaseId,
			  JetGetDatabaseInfoA(s, bad[i].d, out, 4, JET_DbInfoLCID));
		EXPECT_AS(fmt("JetGetDatabaseInfoW(s, [%s], Filename)", b), JET_errInvalidDatabaseId,
			  JetGetDatabaseInfoW(s, bad[i].d, out, sizeof out, JET_DbInfoFilename));
	}
}

/* An instance made and terminated: its handle and its session's id are
 * stale afterwards. */
static void terminated_instance(JET_INSTANCE *gone, JET_SESID *gone_s)
{
	JET_INSTANCE inst = 0, dup = 0;
	JET_SESID s = 0;
	JET_DBID d = 0;
	JET_RSTINFO_A rst;
	unsigned char out[64];
	unsigned long n = 0, lo = 0, hi = 0;
	JET_HANDLE h = 0;
	char db[MAX_PATH];

	printf("\n-- 3a. an instance created, refused before JetInit, then terminated\n");
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "gone"));
	CAT(C_ORDER);
	EXPECT(JET_errInstanceNameInUse, JetCreateInstanceA(&dup, "gone"));
	EXPECT(JET_errInstanceNameInUse, JetCreateInstance2W(&dup, L"gone", L"display", 0));
	set_folders(&inst, ROOT "\\gone");
	/* created, not initialised */
	EXPECT(JET_errNotInitialized, JetBeginSessionA(inst, &s, NULL, NULL));
	EXPECT(JET_errNotInitialized, JetGetInstanceMiscInfo(inst, out, sizeof(JET_SIGNATURE),
							     JET_InstanceMiscInfoLogSignature));
	EXPECT(JET_errInvalidParameter, JetStopServiceInstance(inst));
	EXPECT(JET_errNotInitialized, JetOpenFileInstanceA(inst, "x.edb", &h, &lo, &hi));
	EXPECT(JET_errNotInitialized, JetCloseFileInstance(inst, 0));
	EXPECT(JET_errNotInitialized, JetGetTruncateLogInfoInstanceA(inst, (char *)out, sizeof out, &n));
	EXPECT(JET_errNotInitialized, JetEndExternalBackupInstance(inst));
	EXPECT(JET_errNotInitialized, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetStopBackupInstance(inst));
	EXPECT(JET_errNotInitialized, JetGetAttachInfoInstanceA(inst, (char *)out, sizeof out, &n));
	EXPECT(JET_errNotInitialized, JetGetLogInfoInstanceW(inst, (WCHAR *)out, sizeof out, &n));
	EXPECT(JET_errNotInitialized, JetTruncateLogInstance(inst));
	memset(&rst, 0, sizeof rst);
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetInit3A(&inst, &rst, 0));
	rst.cbStruct = sizeof rst;
	/* a recovery stop position is not done */
	rst.lgposStop.lGeneration = 5;
	EXPECT(JET_errFeatureNotAvailable, JetInit3A(&inst, &rst, 0));
	/* JetInit4's restore information is refused as JetInit3's */
	EXPECT(JET_errFeatureNotAvailable, init4()(&inst, &rst, 0));
	EXPECT(JET_errInvalidGrbit, JetInit2(&inst, 0x80000000));
	CAT(C_ORDER);
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errAlreadyInitialized, init4()(&inst, NULL, 0));
	EXPECT(JET_errAlreadyInitialized, JetInit(&inst));
	EXPECT(JET_errAlreadyInitialized, JetInit2(&inst, 0));
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s, NULL, NULL));
	snprintf(db, sizeof db, "%s", full(ROOT "\\gone\\gone.edb"));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s, db, NULL, &d, 0));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidGrbit, JetTerm2(inst, 0x80000000));
	CAT(C_ORDER);
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
	EXPECT(JET_errInvalidParameter, JetTerm(inst));
	EXPECT(JET_errInvalidParameter, JetTerm2(inst, JET_bitTermComplete));
	{
		unsigned char misc[sizeof(JET_DBINFOMISC)];
		EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(db, misc, sizeof misc, JET_DbInfoMisc));
		CHECK(((JET_DBINFOMISC *)misc)->dbstate == JET_dbstateCleanShutdown,
		      "gone.edb clean after JetTerm (state %lu)", ((JET_DBINFOMISC *)misc)->dbstate);
	}
	*gone = inst;
	*gone_s = s;
}

/* Windows names are UTF-16 units and may hold a lone surrogate: the file
 * made, reported and detached is the one named, unit for unit. */
static void lone_surrogate_name(JET_SESID s)
{
	WCHAR name[MAX_PATH], replaced[MAX_PATH], got[MAX_PATH];
	JET_DBID d = 0;
	size_t n;
	wcscpy(name, W(full(ROOT "\\multi\\")));
	n = wcslen(name);
	wcscpy(replaced, name);
	name[n] = 0xD800;
	replaced[n] = 0xFFFD;
	wcscpy(name + n + 1, L"x.edb");
	wcscpy(replaced + n + 1, L"x.edb");
	{
		/* Windows makes it; a file system that cannot hold the name
		 * (Wine's) gets JET_errInvalidPath, and no file at all */
		JET_ERR err = JetCreateDatabaseW(s, name, NULL, &d, 0);
		CHECK(err == JET_errSuccess || err == JET_errInvalidPath,
		      "JetCreateDatabaseW with a lone surrogate: 0 or JET_errInvalidPath, got %ld", (long)err);
		CHECK(GetFileAttributesW(replaced) == INVALID_FILE_ATTRIBUTES,
		      "no file under the name with U+FFFD in place of the surrogate");
		if (err != JET_errSuccess)
			return;
	}
	CHECK(GetFileAttributesW(name) != INVALID_FILE_ATTRIBUTES,
	      "the database named with a lone surrogate is there under that name");
	CHECK(GetFileAttributesW(replaced) == INVALID_FILE_ATTRIBUTES,
	      "no file under the name with U+FFFD in place of the surrogate");
	memset(got, 0, sizeof got);
	EXPECT(JET_errSuccess, JetGetDatabaseInfoW(s, d, got, sizeof got, JET_DbInfoFilename));
	CHECK(wcscmp(got, name) == 0, "JetGetDatabaseInfoW gives back the name unit for unit");
	EXPECT(JET_errSuccess, JetCloseDatabase(s, d, 0));
	/* MinGW declares the W form with a char pointer */
	EXPECT(JET_errSuccess, JetDetachDatabaseW(s, (const char *)name));
	DeleteFileW(name);
}

static void databases(struct main_instance *m)
{
	JET_SESID s = m->s;
	JET_DBID d = 0, d2 = 0;
	unsigned char out[512];
	unsigned long n = 0;
	char path[MAX_PATH];

	printf("\n-- 3c. databases\n");
	CAT(C_NULLARG);
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseA(s, NULL, NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseA(s, "", NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseW(s, NULL, NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseW(s, L"", NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabase2A(s, NULL, 0, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabase2W(s, L"", 0, &d, 0));
	snprintf(path, sizeof path, "%s", full(ROOT "\\multi\\nodbid.edb"));
	EXPECT(JET_errInvalidParameter, JetCreateDatabaseA(s, path, NULL, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetCreateDatabaseW(s, W(path), NULL, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetCreateDatabase2A(s, path, 0, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetCreateDatabase2W(s, W(path), 0, NULL, 0));
	CHECK(!file_exists(path), "no file made by a create refused for its NULL pdbid");
	EXPECT(JET_errInvalidGrbit, JetCreateDatabaseA(s, path, NULL, &d, 0x80000000));
	EXPECT(JET_errDatabaseInvalidPages, JetCreateDatabase2A(s, path, 0xFFFFFFFF, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseA(s, ROOT "\\multi", NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetCreateDatabaseA(s, ROOT "\\nowhere\\x.edb", NULL, &d, 0));
	CHECK(!file_exists(path), "still no nodbid.edb");
	CAT(C_DATA);
	/* the attached database is never overwritten */
	{
		struct snapshot before = snap(m->db), after;
		EXPECT(JET_errDatabaseDuplicate, JetCreateDatabaseA(s, m->db, NULL, &d, 0));
		EXPECT(JET_errDatabaseDuplicate, JetCreateDatabaseA(s, m->db, NULL, &d, JET_bitDbOverwriteExisting));
		EXPECT(JET_errDatabaseDuplicate, JetCreateDatabase2W(s, W(m->db), 0, &d, JET_bitDbOverwriteExisting));
		after = snap(m->db);
		CHECK(after.exists && after.size == before.size && after.hash == before.hash,
		      "the attached database unchanged by create-over-it");
	}

	CAT(C_NULLARG);
	EXPECT(JET_errDatabaseInvalidPath, JetAttachDatabaseA(s, NULL, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetAttachDatabaseA(s, "", 0));
	EXPECT(JET_errDatabaseInvalidPath, JetAttachDatabaseW(s, NULL, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetAttachDatabaseW(s, L"", 0));
	EXPECT(JET_errDatabaseInvalidPath, JetAttachDatabase2A(s, NULL, 0, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetAttachDatabase2W(s, L"", 0, 0));
	EXPECT(JET_errInvalidGrbit, JetAttachDatabaseA(s, m->db, 0x80000000));
	EXPECT(JET_errFileNotFound, JetAttachDatabaseA(s, ROOT "\\multi\\missing.edb", 0));
	EXPECT(JET_wrnDatabaseAttached, JetAttachDatabaseA(s, m->db, 0));

	EXPECT(JET_errDatabaseInvalidPath, JetOpenDatabaseA(s, NULL, NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetOpenDatabaseA(s, "", NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetOpenDatabaseW(s, NULL, NULL, &d, 0));
	EXPECT(JET_errDatabaseInvalidPath, JetOpenDatabaseW(s, L"", NULL, &d, 0));
	EXPECT(JET_errInvalidParameter, JetOpenDatabaseA(s, m->db, NULL, NULL, 0));
	EXPECT(JET_errInvalidParameter, JetOpenDatabaseW(s, W(m->db), NULL, NULL, 0));
	EXPECT(JET_errInvalidGrbit, JetOpenDatabaseA(s, m->db, NULL, &d, 0x80000000));
	EXPECT(JET_errDatabaseNotFound, JetOpenDatabaseA(s, ROOT "\\multi\\missing.edb", NULL, &d, 0));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s, m->db, NULL, &d2, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s, d2, 0));

	EXPECT(JET_errInvalidParameter, JetGrowDatabase(s, m->dbid, 300, NULL));
	EXPECT(JET_errInvalidParameter, JetSetDatabaseSizeA(s, m->db, 300, NULL));
	EXPECT(JET_errInvalidParameter, JetSetDatabaseSizeW(s, W(m->db), 300, NULL));
	EXPECT(JET_errDatabaseInvalidPath, JetSetDatabaseSizeA(s, NULL, 300, &n));
	EXPECT(JET_errDatabaseInvalidPath, JetSetDatabaseSizeA(s, "", 300, &n));
	EXPECT(JET_errDatabaseInvalidPath, JetSetDatabaseSizeW(s, NULL, 300, &n));
	EXPECT(JET_errFileNotFound, JetSetDatabaseSizeA(s, ROOT "\\multi\\missing.edb", 300, &n));
	CHECK(!file_exists(ROOT "\\multi\\missing.edb"), "JetSetDatabaseSize made no file");

	/* information levels */
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s, m->dbid, NULL, 4, JET_DbInfoLCID));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s, m->dbid, NULL, 64, JET_DbInfoFilename));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoW(s, m->dbid, NULL, 64, JET_DbInfoFilename));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s, m->dbid, NULL, 4, JET_DbInfoFilesize));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s, m->dbid, NULL, sizeof(JET_DBINFOMISC), JET_DbInfoMisc));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseInfoA(s, m->dbid, out, sizeof out, 9999));
	CAT(C_BUFFER);
	SHORT_BUFFERS(JET_errBufferTooSmall, "JetGetDatabaseInfoA(s, dbid, buf, cb, JET_DbInfoFilename)",
		      JetGetDatabaseInfoA(s, m->dbid, buf, cb, JET_DbInfoFilename));
	SHORT_BUFFERS(JET_errBufferTooSmall, "JetGetDatabaseInfoW(s, dbid, buf, cb, JET_DbInfoFilename)",
		      JetGetDatabaseInfoW(s, m->dbid, buf, cb, JET_DbInfoFilename));
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseInfoA(s, dbid, buf, cb, JET_DbInfoMisc)",
		      JetGetDatabaseInfoA(s, m->dbid, buf, cb, JET_DbInfoMisc));
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseInfoW(s, dbid, buf, cb, JET_DbInfoLCID)",
		      JetGetDatabaseInfoW(s, m->dbid, buf, cb, JET_DbInfoLCID));
	SHORT_BUFFERS(JET_errBufferTooSmall, "JetGetDatabaseInfoA(s, dbid, buf, cb, JET_DbInfoFilesize)",
		      JetGetDatabaseInfoA(s, m->dbid, buf, cb, JET_DbInfoFilesize));
	SHORT_BUFFERS(JET_errBufferTooSmall, "JetGetDatabaseInfoA(s, dbid, buf, cb, JET_DbInfoPageSize)",
		      JetGetDatabaseInfoA(s, m->dbid, buf, cb, JET_DbInfoPageSize));
	SHORT_BUFFERS(JET_errInvalidParameter, "JetGetDatabaseInfoA(s, dbid, buf, cb, JET_DbInfoSpaceAvailable)",
		      JetGetDatabaseInfoA(s, m->dbid, buf, cb, JET_DbInfoSpaceAvailable));
	{
		void *buf = guard_arm();
		EXPECT(JET_errBufferTooSmall, JetGetDatabaseInfoA(s, m->dbid, buf, 0, JET_DbInfoConnect));
		guard_check(__LINE__, "JetGetDatabaseInfoA(Connect, cbMax 0)", 0);
		buf = guard_arm();
		EXPECT(JET_errSuccess, JetGetDatabaseInfoW(s, m->dbid, buf, 1, JET_DbInfoConnect));
		guard_check(__LINE__, "JetGetDatabaseInfoW(Connect, cbMax 1)", 1);
	}

	/* by file name */
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseFileInfoA(db, buf, cb, JET_DbInfoFilesize)",
		      JetGetDatabaseFileInfoA(m->db, buf, cb, JET_DbInfoFilesize));
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseFileInfoW(db, buf, cb, JET_DbInfoMisc)",
		      JetGetDatabaseFileInfoW(W(m->db), buf, cb, JET_DbInfoMisc));
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseFileInfoA(db, buf, cb, JET_DbInfoPageSize)",
		      JetGetDatabaseFileInfoA(m->db, buf, cb, JET_DbInfoPageSize));
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseFileInfoA(db, buf, cb, JET_DbInfoFileType)",
		      JetGetDatabaseFileInfoA(m->db, buf, cb, JET_DbInfoFileType));
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseFileInfoA(db, buf, cb, JET_DbInfoUpgrade)",
		      JetGetDatabaseFileInfoA(m->db, buf, cb, JET_DbInfoUpgrade));
	SHORT_BUFFERS(JET_errInvalidBufferSize, "JetGetDatabaseFileInfoA(db, buf, cb, JET_DbInfoDBInUse)",
		      JetGetDatabaseFileInfoA(m->db, buf, cb, JET_DbInfoDBInUse));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(m->db, NULL, 8, JET_DbInfoFilesize));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoW(W(m->db), NULL, sizeof(JET_DBINFOMISC), JET_DbInfoMisc));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(m->db, NULL, 4, JET_DbInfoFileType));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(m->db, NULL, sizeof(JET_DBINFOUPGRADE), JET_DbInfoUpgrade));
	memset(out, 0, sizeof out);
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(m->db, out, sizeof(JET_DBINFOUPGRADE), JET_DbInfoUpgrade));
	EXPECT(JET_errInvalidParameter, JetGetDatabaseFileInfoA(m->db, out, sizeof out, 9999));
	CAT(C_NAME);
	EXPECT(JET_errFileInvalidType, JetGetDatabaseFileInfoA(full(ROOT "\\multi\\edb.chk"), out,
							       sizeof(JET_DBINFOMISC), JET_DbInfoMisc));
	EXPECT(JET_errFileInvalidType, JetGetDatabaseFileInfoA(full(ROOT "\\multi\\edb.log"), out,
							       sizeof(JET_DBINFOMISC), JET_DbInfoMisc));
	{
		/* devices: no database there, and no waiting on them either */
		struct file_info_args a = { "NUL", JET_DbInfoMisc, sizeof(JET_DBINFOMISC), { 0 } };
		EXPECT_ERROR_AS("JetGetDatabaseFileInfoA(\"NUL\", misc, JET_DbInfoMisc)",
				timed(__LINE__, "JetGetDatabaseFileInfoA(\"NUL\")", do_file_info, &a));
		a.name = "CON";
		EXPECT_ERROR_AS("JetGetDatabaseFileInfoA(\"CON\", misc, JET_DbInfoMisc)",
				timed(__LINE__, "JetGetDatabaseFileInfoA(\"CON\")", do_file_info, &a));
		a.name = "C:\\windows\\system32\\kernel32.dll";
		EXPECT_ERROR_AS("JetGetDatabaseFileInfoA(kernel32.dll, misc, JET_DbInfoMisc)",
				timed(__LINE__, "JetGetDatabaseFileInfoA(kernel32.dll)", do_file_info, &a));
		a.name = ROOT "\\multi";
		EXPECT_ERROR_AS("JetGetDatabaseFileInfoA(a folder, misc, JET_DbInfoMisc)",
				timed(__LINE__, "JetGetDatabaseFileInfoA(a folder)", do_file_info, &a));
	}

	CAT(C_NULLARG);
	/* detaching: NULL means every database, refused while one is open */
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseA(s, NULL));
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseA(s, ""));
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseW(s, NULL));
	EXPECT(JET_errDatabaseInUse, JetDetachDatabase2A(s, NULL, 0));
	EXPECT(JET_errDatabaseInUse, JetDetachDatabase2W(s, L"", 0));
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseA(s, m->db));
	EXPECT(JET_errForceDetachNotAllowed, JetDetachDatabase2A(s, m->db, JET_bitForceDetach));
	EXPECT(JET_errInvalidGrbit, JetDetachDatabase2A(s, m->db, 0x80000000));
	EXPECT(JET_errDatabaseNotFound, JetDetachDatabaseA(s, ROOT "\\multi\\missing.edb"));
	EXPECT(JET_errDatabaseNotFound, JetDetachDatabaseW(s, (const char *)W("C:\\windows\\win.ini")));

	CAT(C_HANDLE);
	/* a second database, closed: its id is attached but not open here */
	snprintf(path, sizeof path, "%s", full(ROOT "\\multi\\second.edb"));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s, path, NULL, &d, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s, d, 0));
	EXPECT(JET_errDatabaseNotFound, JetCloseDatabase(s, d, 0));
	lone_surrogate_name(s);
	bad_dbids(s, d);
}

/* The hostile names offered to JetOpenFileInstance while a backup runs. */
enum target {
	T_PARENT_WIN_INI, T_KERNEL32, T_CHECKPOINT, T_RESERVE, T_TEMP_DB, T_CURRENT_LOG,
	T_ROLL_TEMP_LOG, T_LONG, T_DOT_SEGMENTS_DECOY, T_DOT_SEGMENTS_SYSTEM, T_QMARK_DB,
	T_QMARK_LOG, T_QMARK_SYSTEM, T_NUL, T_CON, T_DECOY_DB, T_DECOY_LOG, T_FOLDER,
	T_LOG_IN_DB_PHASE, T_MISSING_LOG, T_COUNT
};

struct target_name {
	const char *desc;
	char name[1100];
	char lock[MAX_PATH];         /* decoy held locked meanwhile, or "" */
};

/* first_log: a log of the running backup's set, if it has one yet. */
static void make_target(enum target t, const struct main_instance *m, const char *first_log,
			struct target_name *out)
{
	const char *base = first_log ? strrchr(first_log, '\\') : NULL;
	char decoy_dir[MAX_PATH];
	int n;
	snprintf(decoy_dir, sizeof decoy_dir, "%s", full(ROOT "\\decoy"));
	base = base ? base + 1 : "edb00001.log";
	out->lock[0] = 0;
	switch (t) {
	case T_PARENT_WIN_INI:
		out->desc = "..\\..\\..\\windows\\win.ini";
		snprintf(out->name, sizeof out->name, "..\\..\\..\\windows\\win.ini");
		break;
	case T_KERNEL32:
		out->desc = "C:\\windows\\system32\\kernel32.dll";
		snprintf(out->name, sizeof out->name, "C:\\windows\\system32\\kernel32.dll");
		break;
	case T_CHECKPOINT:
		out->desc = "the checkpoint edb.chk";
		snprintf(out->name, sizeof out->name, "%s\\edb.chk", m->dir);
		break;
	case T_RESERVE:
		out->desc = "a reserve log edbres00001.jrs";
		snprintf(out->name, sizeof out->name, "%s\\edbres00001.jrs", m->dir);
		snprintf(out->lock, sizeof out->lock, "%s", out->name);
		break;
	case T_TEMP_DB:
		out->desc = "the temporary database tmp.edb";
		snprintf(out->name, sizeof out->name, "%s\\tmp.edb", m->dir);
		snprintf(out->lock, sizeof out->lock, "%s", out->name);
		break;
	case T_CURRENT_LOG:
		out->desc = "the current log edb.log";
		snprintf(out->name, sizeof out->name, "%s\\edb.log", m->dir);
		break;
	case T_ROLL_TEMP_LOG:
		out->desc = "the roll's edbtmp.log";
		snprintf(out->name, sizeof out->name, "%s\\edbtmp.log", m->dir);
		break;
	case T_LONG:
		out->desc = "a 300+ character path ending in the database's name";
		n = snprintf(out->name, sizeof out->name, "%s\\", m->dir);
		memset(out->name + n, 'a', 300);
		snprintf(out->name + n + 300, sizeof out->name - n - 300, "\\db.edb");
		break;
	case T_DOT_SEGMENTS_DECOY:
		out->desc = "\"\\.\\\" segments leading to a decoy db.edb";
		snprintf(out->name, sizeof out->name, "%s\\.\\..\\.\\decoy\\.\\db.edb", m->dir);
		snprintf(out->lock, sizeof out->lock, "%s\\db.edb", decoy_dir);
		break;
	case T_DOT_SEGMENTS_SYSTEM:
		out->desc = "C:\\windows\\.\\system32\\.\\kernel32.dll";
		snprintf(out->name, sizeof out->name, "C:\\windows\\.\\system32\\.\\kernel32.dll");
		break;
	case T_QMARK_DB:
		out->desc = "\\\\?\\ + the database's full path";
		snprintf(out->name, sizeof out->name, "\\\\?\\%s", m->db);
		break;
	case T_QMARK_LOG:
		out->desc = "\\\\?\\ + a listed log's full path";
		snprintf(out->name, sizeof out->name, "\\\\?\\%s\\%s", m->dir, base);
		break;
	case T_QMARK_SYSTEM:
		out->desc = "\\\\?\\C:\\windows\\win.ini";
		snprintf(out->name, sizeof out->name, "\\\\?\\C:\\windows\\win.ini");
		break;
	case T_NUL:
		out->desc = "NUL";
		snprintf(out->name, sizeof out->name, "NUL");
		break;
	case T_CON:
		out->desc = "CON";
		snprintf(out->name, sizeof out->name, "CON");
		break;
	case T_DECOY_DB:
		out->desc = "decoy\\db.edb (the database's name, another folder)";
		snprintf(out->name, sizeof out->name, "%s\\db.edb", decoy_dir);
		snprintf(out->lock, sizeof out->lock, "%s", out->name);
		break;
	case T_DECOY_LOG:
		out->desc = "decoy\\<a listed log's name> (another folder)";
		snprintf(out->name, sizeof out->name, "%s\\%s", decoy_dir, base);
		snprintf(out->lock, sizeof out->lock, "%s", out->name);
		if (first_log)
			CopyFileA(first_log, out->name, FALSE);
		break;
	case T_FOLDER:
		out->desc = "the instance's folder, ending in a separator";
		snprintf(out->name, sizeof out->name, "%s\\", m->dir);
		break;
	case T_LOG_IN_DB_PHASE:
		out->desc = "a log generation's name (edb00001.log)";
		snprintf(out->name, sizeof out->name, "%s\\edb00001.log", m->dir);
		break;
	case T_MISSING_LOG:
		out->desc = "edb0FFFF.log, a generation never written";
		snprintf(out->name, sizeof out->name, "%s\\edb0FFFF.log", m->dir);
		break;
	default:
		out->desc = "?";
		out->name[0] = 0;
	}
}

static void backup_calls(struct main_instance *m)
{
	JET_INSTANCE inst = m->inst;
	JET_HANDLE h = 0;
	JET_LOGINFO_A li_a;
	JET_LOGINFO_W li_w;
	unsigned long n = 0, needed = 0, lo = 0, hi = 0;
	char list[8192], first_log[MAX_PATH];
	struct target_name t;

	printf("\n-- 3d. streaming backup, calls out of order and hostile arguments\n");
	CAT(C_ORDER);
	/* no backup running */
	EXPECT(JET_errNoBackup, JetGetAttachInfoInstanceA(inst, list, sizeof list, &n));
	EXPECT(JET_errNoBackup, JetGetAttachInfoInstanceW(inst, (WCHAR *)list, sizeof list, &n));
	EXPECT(JET_errNoBackup, JetOpenFileInstanceA(inst, m->db, &h, &lo, &hi));
	EXPECT(JET_errNoBackup, JetOpenFileInstanceW(inst, W(m->db), &h, &lo, &hi));
	EXPECT(JET_errNoBackup, JetReadFileInstance(inst, 0, aligned, CHUNK, &n));
	EXPECT(JET_errNoBackup, JetCloseFileInstance(inst, 0));
	EXPECT(JET_errNoBackup, JetGetLogInfoInstanceA(inst, list, sizeof list, &n));
	EXPECT(JET_errNoBackup, JetGetLogInfoInstanceW(inst, (WCHAR *)list, sizeof list, &n));
	li_a.cbSize = sizeof li_a;
	li_w.cbSize = sizeof li_w;
	EXPECT(JET_errNoBackup, JetGetLogInfoInstance2A(inst, list, sizeof list, &n, &li_a));
	EXPECT(JET_errNoBackup, JetGetLogInfoInstance2W(inst, (WCHAR *)list, sizeof list, &n, &li_w));
	EXPECT(JET_errNoBackup, JetGetTruncateLogInfoInstanceA(inst, list, sizeof list, &n));
	EXPECT(JET_errNoBackup, JetGetTruncateLogInfoInstanceW(inst, (WCHAR *)list, sizeof list, &n));
	EXPECT(JET_errNoBackup, JetTruncateLogInstance(inst));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));
	EXPECT(JET_errInvalidParameter, JetEndExternalBackupInstance2(inst, 0));
	EXPECT(JET_errInvalidParameter, JetEndExternalBackupInstance2(inst, JET_bitBackupEndNormal | JET_bitBackupEndAbort));
	CAT(C_NULLARG);
	/* NULL out-pointers are refused before the state is looked at */
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceA(inst, m->db, NULL, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, 0, aligned, CHUNK, NULL));

	CAT(C_ORDER);
	/* the database phase */
	EXPECT(JET_errInvalidGrbit, JetBeginExternalBackupInstance(inst, 0x10000));
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errBackupInProgress, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errBackupInProgress, JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental));
	/* attach and detach wait for the backup */
	EXPECT(JET_errBackupInProgress, JetDetachDatabaseA(m->s, NULL));
	EXPECT(JET_errBackupInProgress, JetDetachDatabaseA(m->s, m->db));
	EXPECT(JET_errBackupInProgress, JetTerm2(inst, JET_bitTermComplete));
	CAT(C_BUFFER);
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceA(inst, NULL, 0, &needed));
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceA(inst, NULL, 0, NULL));
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetAttachInfoInstanceA(inst, buf, cbMax %lu, &n)", cb);
		n = 0;
		EXPECT_AS(d, JET_errBufferTooSmall, JetGetAttachInfoInstanceA(inst, buf, cb, &n));
		guard_check(__LINE__, d, cb);
		CHECK(n == needed, "%s reports the %lu bytes needed (%lu)", d, needed, n);
	}
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceW(inst, NULL, 0, &needed));
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetAttachInfoInstanceW(inst, buf, cbMax %lu, &n)", cb);
		n = 0;
		EXPECT_AS(d, JET_errSuccess, JetGetAttachInfoInstanceW(inst, buf, cb, &n));
		guard_check(__LINE__, d, cb);
		CHECK(n == needed, "%s reports the %lu bytes needed (%lu)", d, needed, n);
	}
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceA(inst, NULL, &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceW(inst, NULL, &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceA(inst, "", &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceW(inst, L"", &h, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceA(inst, m->db, NULL, &lo, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceA(inst, m->db, &h, NULL, &hi));
	EXPECT(JET_errInvalidParameter, JetOpenFileInstanceW(inst, W(m->db), &h, &lo, NULL));
	CAT(C_NAME);
	for (int wide = 0; wide < 2; wide++) {
		for (int i = 0; i < T_COUNT; i++) {
			if (i == T_QMARK_LOG || i == T_DECOY_LOG || i == T_MISSING_LOG)
				continue;
			make_target((enum target)i, m, NULL, &t);
			open_expect(__LINE__, inst, 0, wide, t.desc, t.name, t.lock[0] ? t.lock : NULL,
				    JET_errDatabaseNotFound);
		}
	}
	/* an unpaired surrogate in a W name: no such file either */
	open_expect_w_raw(__LINE__, inst, L"\xD800" L"db.edb", JET_errDatabaseNotFound);
	CAT(C_ORDER);
	/* the backup went on through all of that */
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceA(inst, list, sizeof list, &n));

	CAT(C_HANDLE);
	/* backup file handles */
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, 0, aligned, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, 1, aligned, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, 0xFFFF, aligned, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetCloseFileInstance(inst, 0));
	EXPECT(JET_errInvalidParameter, JetCloseFileInstance(inst, 1));
	EXPECT(JET_errInvalidParameter, JetCloseFileInstance(inst, 0xFFFF));
	CAT(C_ORDER);
	EXPECT(JET_errSuccess, JetOpenFileInstanceA(inst, m->db, &h, &lo, &hi));
	EXPECT(JET_errOutOfMemory, JetOpenFileInstanceW(inst, W(m->db), &h, &lo, &hi));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, h, NULL, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, h, (char *)aligned + 8, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, h, aligned, PAGE, &n));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, h, aligned, CHUNK, NULL));
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, 1, aligned, CHUNK, &n));
	EXPECT(JET_errInvalidParameter, JetReadFileInstance(inst, 0xFFFF, aligned, CHUNK, &n));
	CAT(C_BUFFER);
	for (size_t k = 1; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		const char *d = fmt("JetReadFileInstance(inst, h, buf, cb %lu, &n)", cb);
		memset(aligned, GUARD_BYTE, PAGE);
		n = 99;
		EXPECT_AS(d, JET_errInvalidParameter, JetReadFileInstance(inst, h, aligned, cb, &n));
		{
			size_t i = 0;
			while (i < PAGE && ((unsigned char *)aligned)[i] == GUARD_BYTE)
				i++;
			CHECK(i == PAGE && n == 0, "%s: nothing written, 0 bytes reported (%lu)", d, n);
		}
	}
	CAT(C_ORDER);
	EXPECT(JET_errInvalidBackupSequence, JetGetLogInfoInstanceA(inst, list, sizeof list, &n));
	EXPECT(JET_errInvalidBackupSequence, JetGetTruncateLogInfoInstanceA(inst, list, sizeof list, &n));
	EXPECT(JET_errInvalidBackupSequence, JetTruncateLogInstance(inst));
	CAT(C_HANDLE);
	EXPECT(JET_errInvalidParameter, JetCloseFileInstance(inst, 1));
	CAT(C_ORDER);
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, h));
	EXPECT(JET_errInvalidParameter, JetCloseFileInstance(inst, h));

	CAT(C_NULLARG);
	/* the log phase: JET_LOGINFO of the wrong size costs the backup nothing */
	li_a.cbSize = 0;
	EXPECT(JET_errInvalidParameter, JetGetLogInfoInstance2A(inst, list, sizeof list, &n, &li_a));
	li_w.cbSize = sizeof li_w + 1;
	EXPECT(JET_errInvalidParameter, JetGetLogInfoInstance2W(inst, (WCHAR *)list, sizeof list, &n, &li_w));
	li_a.cbSize = sizeof li_a;
	CAT(C_BUFFER);
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetLogInfoInstanceA(inst, buf, cbMax %lu, &n)", cb);
		EXPECT_AS(d, JET_errBufferTooSmall, JetGetLogInfoInstanceA(inst, buf, cb, &n));
		guard_check(__LINE__, d, cb);
	}
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetLogInfoInstance2A(inst, buf, cbMax %lu, &n, &loginfo)", cb);
		EXPECT_AS(d, JET_errBufferTooSmall, JetGetLogInfoInstance2A(inst, buf, cb, &n, &li_a));
		guard_check(__LINE__, d, cb);
	}
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetLogInfoInstanceW(inst, buf, cbMax %lu, &n)", cb);
		n = 99;
		EXPECT_AS(d, JET_errSuccess, JetGetLogInfoInstanceW(inst, buf, cb, &n));
		guard_check(__LINE__, d, cb);
		CHECK(n == cb, "%s reports the %lu bytes copied (%lu)", d, cb, n);
	}
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetLogInfoInstance2W(inst, buf, cbMax %lu, &n, NULL)", cb);
		n = 99;
		EXPECT_AS(d, JET_errSuccess, JetGetLogInfoInstance2W(inst, buf, cb, &n, NULL));
		guard_check(__LINE__, d, cb);
		CHECK(n == cb, "%s reports the %lu bytes copied (%lu)", d, cb, n);
	}
	/* the list of logs to delete may be empty (a terminator alone) */
	EXPECT(JET_errSuccess, JetGetTruncateLogInfoInstanceA(inst, NULL, 0, &needed));
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetTruncateLogInfoInstanceA(inst, buf, cbMax %lu, &n) [%lu needed]", cb, needed);
		EXPECT_AS(d, cb < needed ? JET_errBufferTooSmall : JET_errSuccess,
			  JetGetTruncateLogInfoInstanceA(inst, buf, cb, &n));
		guard_check(__LINE__, d, cb);
	}
	for (size_t k = 0; k < 3; k++) {
		unsigned long cb = short_sizes[k];
		void *buf = guard_arm();
		const char *d = fmt("JetGetTruncateLogInfoInstanceW(inst, buf, cbMax %lu, &n)", cb);
		EXPECT_AS(d, JET_errSuccess, JetGetTruncateLogInfoInstanceW(inst, buf, cb, &n));
		guard_check(__LINE__, d, cb);
	}
	CAT(C_NULLARG);
	EXPECT(JET_errSuccess, JetGetLogInfoInstanceA(inst, NULL, 0, NULL));
	EXPECT(JET_errSuccess, JetGetLogInfoInstanceW(inst, NULL, 0, NULL));
	EXPECT(JET_errSuccess, JetGetLogInfoInstance2W(inst, NULL, 0, NULL, NULL));
	EXPECT(JET_errSuccess, JetGetTruncateLogInfoInstanceA(inst, NULL, 0, NULL));
	EXPECT(JET_errSuccess, JetGetTruncateLogInfoInstanceW(inst, NULL, 0, NULL));
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetGetLogInfoInstance2A(inst, list, sizeof list, &n, &li_a));
	CHECK(list[0] && li_a.ulGenLow >= 1 && li_a.ulGenHigh >= li_a.ulGenLow && !strcmp(li_a.szBaseName, "edb"),
	      "the log list and JET_LOGINFO still whole after the short buffers (%lu..%lu, \"%s\")",
	      li_a.ulGenLow, li_a.ulGenHigh, li_a.szBaseName);
	CAT(C_ORDER);
	EXPECT(JET_errLogFileNotCopied, JetTruncateLogInstance(inst));
	/* the database in the log phase is out of sequence, and ends it */
	open_expect(__LINE__, inst, 0, 0, "the database, in the log phase", m->db, NULL, JET_errInvalidBackupSequence);
	EXPECT(JET_errNoBackup, JetGetLogInfoInstanceA(inst, NULL, 0, &n));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));

	CAT(C_NAME);
	/* each hostile name in the log phase: refused, and the backup ends */
	for (int wide = 0; wide < 2; wide++) {
		for (int i = 0; i < T_COUNT; i++) {
			if (i == T_LOG_IN_DB_PHASE)
				continue;
			EXPECT_AS(fmt("JetBeginExternalBackupInstance(inst, 0) [for %s]", wide ? "W" : "A"),
				  JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
			EXPECT_AS("JetGetLogInfoInstanceA(inst, list, sizeof list, &n)", JET_errSuccess,
				  JetGetLogInfoInstanceA(inst, list, sizeof list, &n));
			snprintf(first_log, sizeof first_log, "%s", list);
			make_target((enum target)i, m, first_log, &t);
			/* a log's name that carries no generation is refused by
			 * the engine's name parser (backup.cxx, ErrBKOpenFile) */
			open_expect(__LINE__, inst, 0, wide, t.desc, t.name, t.lock[0] ? t.lock : NULL,
				    i == T_CURRENT_LOG || i == T_ROLL_TEMP_LOG ? JET_errInvalidParameter
									: JET_errMissingFileToBackup);
			EXPECT_AS(fmt("JetOpenFileInstanceA(inst, %s) after the refusal", first_log), JET_errNoBackup,
				  JetOpenFileInstanceA(inst, first_log, &h, &lo, &hi));
			EXPECT_AS("JetEndExternalBackupInstance(inst) after the refusal", JET_errNoBackup,
				  JetEndExternalBackupInstance(inst));
		}
	}

	CAT(C_ORDER);
	/* a stop by the server: every call but close and end gets -801 */
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetStopBackupInstance(inst));
	EXPECT(JET_errBackupAbortByServer, JetGetAttachInfoInstanceW(inst, (WCHAR *)list, sizeof list, &n));
	EXPECT(JET_errBackupAbortByServer, JetOpenFileInstanceA(inst, m->db, &h, &lo, &hi));
	EXPECT(JET_errBackupAbortByServer, JetGetLogInfoInstanceA(inst, list, sizeof list, &n));
	EXPECT(JET_errBackupAbortByServer, JetTruncateLogInstance(inst));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));
}

/* After all of that, a whole backup still works: nothing was lost. */
static void backup_still_works(struct main_instance *m)
{
	JET_INSTANCE inst = m->inst;
	JET_HANDLE h = 0;
	unsigned long n = 0, lo = 0, hi = 0;
	char list[8192];
	unsigned files = 0;
	int ok = 1;

	printf("\n-- 3e. a whole backup after the hostile calls\n");
	CAT(C_DATA);
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceA(inst, list, sizeof list, &n));
	for (int phase = 0; phase < 2; phase++) {
		if (phase == 1)
			EXPECT(JET_errSuccess, JetGetLogInfoInstanceA(inst, list, sizeof list, &n));
		for (const char *p = list; *p; p += strlen(p) + 1) {
			unsigned long long total = 0, size;
			JET_ERR err = JetOpenFileInstanceA(inst, p, &h, &lo, &hi);
			if (err) {
				ok = 0;
				printf("FAIL line %d: JetOpenFileInstanceA(%s) expected 0 got %ld\n", __LINE__, p, (long)err);
				failures++;
				continue;
			}
			size = (unsigned long long)hi << 32 | lo;
			for (;;) {
				err = JetReadFileInstance(inst, h, aligned, CHUNK, &n);
				if (err || n == 0)
					break;
				total += n;
			}
			if (err || total != size) {
				ok = 0;
				printf("FAIL line %d: reading %s: code %ld, %llu of %llu bytes\n", __LINE__, p,
				       (long)err, total, size);
				failures++;
			}
			JetCloseFileInstance(inst, h);
			files++;
		}
	}
	CHECK(ok && files >= 2, "every file of the set read whole (%u files)", files);
	EXPECT(JET_errSuccess, JetTruncateLogInstance(inst));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));
}

/* The unsuffixed names (each the A function) and JetStopServiceInstance2,
 * which MinGW's header lacks, found by name in the DLL. */
static void *by_name(int line, const char *name, const char *aform)
{
	HMODULE m = GetModuleHandleA("esent.dll");
	void *p = m ? (void *)GetProcAddress(m, name) : NULL;
	void *a = m && aform ? (void *)GetProcAddress(m, aform) : p;
	check(line, p != NULL && p == a, "%s is exported%s%s", name, aform ? " as " : "", aform ? aform : "");
	return p;
}


#define CALL_BY_NAME(expected, name, aform, args)                                        \
	do {                                                                              \
		__typeof__(&aform) f_ = by_name(__LINE__, #name, #aform); \
		if (f_)                                                                   \
			EXPECT_AS(#name #args, expected, f_ args);                        \
	} while (0)

static void unsuffixed_names(JET_INSTANCE gone, JET_SESID gone_s)
{
	JET_INSTANCE bad = BAD_INSTANCE;
	JET_SESID s = 0;
	JET_DBID d = 0;
	JET_HANDLE h = 0;
	JET_API_PTR l = 0;
	JET_INSTANCE_INFO_A *info = NULL;
	unsigned long n = 0, lo = 0;
	unsigned char out[64];
	stop_service_instance2_fn stop2;

	printf("\n-- 3f. the unsuffixed exports, by name\n");
	CAT(C_BYNAME);
	CALL_BY_NAME(JET_errInvalidParameter, JetCreateInstance, JetCreateInstanceA, (NULL, "x"));
	CALL_BY_NAME(JET_errInvalidParameter, JetCreateInstance2, JetCreateInstance2A, (NULL, "x", "y", 0));
	CALL_BY_NAME(JET_errInvalidParameter, JetInit3, JetInit3A, (&bad, NULL, 0));
	CALL_BY_NAME(JET_errInvalidParameter, JetEnableMultiInstance, JetEnableMultiInstanceA, (NULL, 1, &n));
	CALL_BY_NAME(JET_errInvalidParameter, JetSetSystemParameter, JetSetSystemParameterA,
		     (&bad, 0, JET_paramMaxSessions, 10, NULL));
	CALL_BY_NAME(JET_errInvalidParameter, JetGetSystemParameter, JetGetSystemParameterA,
		     (gone, 0, JET_paramMaxSessions, &l, NULL, 0));
	CALL_BY_NAME(JET_errInvalidParameter, JetGetInstanceInfo, JetGetInstanceInfoA, (NULL, &info));
	CALL_BY_NAME(JET_errInvalidParameter, JetBeginSession, JetBeginSessionA, (gone, &s, NULL, NULL));
	CALL_BY_NAME(JET_errInvalidSesid, JetCreateDatabase, JetCreateDatabaseA,
		     (gone_s, ROOT "\\multi\\never.edb", NULL, &d, 0));
	CALL_BY_NAME(JET_errInvalidSesid, JetCreateDatabase2, JetCreateDatabase2A,
		     (BAD_SESID, ROOT "\\multi\\never.edb", 0, &d, 0));
	CALL_BY_NAME(JET_errInvalidSesid, JetAttachDatabase, JetAttachDatabaseA, (gone_s, "x.edb", 0));
	CALL_BY_NAME(JET_errInvalidSesid, JetAttachDatabase2, JetAttachDatabase2A, (0, "x.edb", 0, 0));
	CALL_BY_NAME(JET_errInvalidSesid, JetDetachDatabase, JetDetachDatabaseA, (gone_s, NULL));
	CALL_BY_NAME(JET_errInvalidSesid, JetDetachDatabase2, JetDetachDatabase2A, (BAD_SESID, "x.edb", 0));
	CALL_BY_NAME(JET_errInvalidSesid, JetOpenDatabase, JetOpenDatabaseA, (gone_s, "x.edb", NULL, &d, 0));
	CALL_BY_NAME(JET_errInvalidSesid, JetSetDatabaseSize, JetSetDatabaseSizeA, (gone_s, "x.edb", 10, &n));
	CALL_BY_NAME(JET_errInvalidSesid, JetGetDatabaseInfo, JetGetDatabaseInfoA, (gone_s, 1, out, 4, JET_DbInfoLCID));
	CALL_BY_NAME(JET_errInvalidParameter, JetGetDatabaseFileInfo, JetGetDatabaseFileInfoA,
		     (NULL, out, 8, JET_DbInfoFilesize));
	CALL_BY_NAME(JET_errRunningInMultiInstanceMode, JetGetAttachInfo, JetGetAttachInfoA, ((char *)out, sizeof out, &n));
	CALL_BY_NAME(JET_errInvalidParameter, JetGetAttachInfoInstance, JetGetAttachInfoInstanceA,
		     (gone, (char *)out, sizeof out, &n));
	CALL_BY_NAME(JET_errInvalidParameter, JetOpenFile, JetOpenFileA, ("x.edb", &h, &lo, NULL));
	CALL_BY_NAME(JET_errInvalidParameter, JetOpenFileInstance, JetOpenFileInstanceA, (gone, "x.edb", &h, &lo, &lo));
	CALL_BY_NAME(JET_errRunningInMultiInstanceMode, JetGetLogInfo, JetGetLogInfoA, ((char *)out, sizeof out, &n));
	CALL_BY_NAME(JET_errInvalidParameter, JetGetLogInfoInstance, JetGetLogInfoInstanceA,
		     (gone, (char *)out, sizeof out, &n));
	CALL_BY_NAME(JET_errInvalidParameter, JetGetLogInfoInstance2, JetGetLogInfoInstance2A,
		     (bad, (char *)out, sizeof out, &n, NULL));
	CALL_BY_NAME(JET_errInvalidParameter, JetGetTruncateLogInfoInstance, JetGetTruncateLogInfoInstanceA,
		     (gone, (char *)out, sizeof out, &n));
	stop2 = (stop_service_instance2_fn)by_name(__LINE__, "JetStopServiceInstance2", NULL);
	if (stop2) {
		EXPECT(JET_errInvalidParameter, stop2(gone, 0));
		EXPECT(JET_errInvalidParameter, stop2(0, JET_bitStopServiceBackgroundUserTasks));
	}
}

/* One of the instance's own files offered to the database API: refused
 * by attach, set-size and create (with and without the overwrite bit), and
 * left as it was; after a clean JetTerm the same folder starts again, its
 * log set whole and its database there.  Each file in an instance and
 * folder of its own, so that damage is told apart. */
enum own_file { OWN_CHECKPOINT, OWN_CURRENT_LOG, OWN_RESERVE_LOG, OWN_TEMP_DB, OWN_ARCHIVED_LOG, OWN_CON,
		OWN_COUNT };

static void own_file(enum own_file which)
{
	static const char *const what[OWN_COUNT] = { "checkpoint", "current log", "reserve log",
						      "temporary database", "archived log", "device CON" };
	static const char *const calls[4] = { "JetAttachDatabaseA(s, %s, 0)",
					      "JetSetDatabaseSizeA(s, %s, 512, &n)",
					      "JetCreateDatabaseA(s, %s, NULL, &d, 0)",
					      "JetCreateDatabaseA(s, %s, NULL, &d, JET_bitDbOverwriteExisting)" };
	char dir[MAX_PATH], db[MAX_PATH], name[MAX_PATH] = "";
	JET_INSTANCE inst = 0;
	JET_SESID s = 0;
	JET_DBID d = 0;
	unsigned long n = 0;
	struct snapshot before, after;
	WIN32_FIND_DATAA fd;
	HANDLE find;

	printf("\n-- 4.%d the %s offered to the database API\n", (int)which + 1, what[which]);
	CAT(C_SETUP);
	snprintf(dir, sizeof dir, ROOT "\\own%d", (int)which);
	EXPECT_AS(fmt("JetCreateInstanceA(&inst, \"own %d\")", (int)which), JET_errSuccess,
		  JetCreateInstanceA(&inst, fmt("own %d", (int)which)));
	set_folders(&inst, dir);
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s, NULL, NULL));
	snprintf(db, sizeof db, "%s", full(fmt("%s\\v.edb", dir)));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(s, db, NULL, &d, 0));
	/* a backup's log roll leaves an archived generation */
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetGetLogInfoInstanceA(inst, NULL, 0, &n));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));
	switch (which) {
	case OWN_CHECKPOINT: snprintf(name, sizeof name, "%s", full(fmt("%s\\edb.chk", dir))); break;
	case OWN_CURRENT_LOG: snprintf(name, sizeof name, "%s", full(fmt("%s\\edb.log", dir))); break;
	case OWN_RESERVE_LOG: snprintf(name, sizeof name, "%s", full(fmt("%s\\edbres00001.jrs", dir))); break;
	case OWN_TEMP_DB: snprintf(name, sizeof name, "%s", full(fmt("%s\\tmp.edb", dir))); break;
	case OWN_ARCHIVED_LOG:
		find = FindFirstFileA(fmt("%s\\edb0*.log", dir), &fd);
		if (find != INVALID_HANDLE_VALUE) {
			snprintf(name, sizeof name, "%s", full(fmt("%s\\%s", dir, fd.cFileName)));
			FindClose(find);
		}
		break;
	default: snprintf(name, sizeof name, "CON"); break;
	}
	CAT(C_DATA);
	before = snap(name);
	CHECK(which == OWN_CON || before.exists, "the %s to offer: %s", what[which], name);
	for (int c = 0; c < 4; c++) {
		struct db_name_args a = { s, name, c, 0 };
		const char *call = fmt(calls[c], fmt("[the %s]", what[which]));
		JET_ERR err = timed(__LINE__, call, do_db_name, &a);
		/* an existing file without the overwrite bit: the documented
		 * JET_errDatabaseDuplicate */
		if (c == 2 && which != OWN_CON)
			result(__LINE__, call, JET_errDatabaseDuplicate, err);
		else
			result_error(__LINE__, call, err);
		if (err >= 0 && c >= 2)
			JetCloseDatabase(s, a.d, 0);
		if (err >= 0 && c != 1)   /* taken for a database: let it go again */
			JetDetachDatabaseA(s, name);
	}
	if (which != OWN_CON) {
		after = snap(name);
		if (which <= OWN_CURRENT_LOG)   /* the engine writes these itself: kept, same size */
			CHECK(after.exists && after.size == before.size,
			      "the %s is still there, %llu bytes (was %llu)", what[which], after.size, before.size);
		else
			CHECK(after.exists && after.size == before.size && after.hash == before.hash,
			      "the %s is unchanged (%llu bytes, was %llu)", what[which], after.size, before.size);
	}
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetEndSession(s, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
	CAT(C_DATA);
	if (which != OWN_CON && which != OWN_TEMP_DB)   /* JetTerm removes the temporary database */
		CHECK(file_exists(name), "after JetTerm the %s is still there", what[which]);

	/* the same folder again: the log set whole, the database there */
	inst = 0;
	EXPECT_AS(fmt("JetCreateInstanceA(&inst, \"own %d again\")", (int)which), JET_errSuccess,
		  JetCreateInstanceA(&inst, fmt("own %d again", (int)which)));
	set_folders(&inst, dir);
	{
		JET_ERR err = JetInit(&inst);
		result(__LINE__, fmt("JetInit(&inst) again in the folder of the %s", what[which]), JET_errSuccess, err);
		if (err < 0)
			return;   /* nothing to go on with: the log set is damaged */
	}
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s, NULL, NULL));
	EXPECT(JET_errSuccess, JetAttachDatabaseA(s, db, 0));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s, db, NULL, &d, 0));
	EXPECT(JET_errSuccess, JetCloseDatabase(s, d, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
}

static void own_files(void)
{
	printf("\n-- 4. the instance's own files offered to the database API\n");
	for (int i = 0; i < OWN_COUNT; i++)
		own_file((enum own_file)i);
}

/* Empty strings for the path parameters: taken (an empty path is a
 * string like any other), then JetInit must say what is wrong with them
 * with the engine's code for an unusable folder, not run out of memory. */
static void empty_paths(void)
{
	static const struct { unsigned long id; const char *name; JET_ERR expected; } paths[] = {
		{ JET_paramSystemPath, "JET_paramSystemPath", JET_errInvalidSystemPath },
		{ JET_paramLogFilePath, "JET_paramLogFilePath", JET_errInvalidLogDirectory },
		/* "" under the system path is the system folder itself: no file
		 * can be made there */
		{ JET_paramTempPath, "JET_paramTempPath", JET_errFileAccessDenied },
	};
	printf("\n-- 3h. empty path parameters\n");
	CAT(C_NULLARG);
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		JET_INSTANCE inst = 0;
		EXPECT_AS(fmt("JetCreateInstanceA(&inst, \"empty %s\")", paths[i].name), JET_errSuccess,
			  JetCreateInstanceA(&inst, fmt("empty %s", paths[i].name)));
		set_folders(&inst, ROOT "\\empty");
		EXPECT_AS(fmt("JetSetSystemParameterA(&inst, 0, %s, 0, \"\")", paths[i].name), JET_errSuccess,
			  JetSetSystemParameterA(&inst, 0, paths[i].id, 0, ""));
		EXPECT_AS(fmt("JetInit(&inst) with %s \"\"", paths[i].name), paths[i].expected, JetInit(&inst));
		JetTerm(inst);
	}
}

static void multi_instance(void)
{
	struct main_instance m;
	JET_INSTANCE gone = 0, x = 0;
	JET_SESID gone_s = 0, ended = 0;
	JET_INSTANCE_INFO_A *info_a = NULL;
	JET_INSTANCE_INFO_W *info_w = NULL;
	JET_SETSYSPARAM_A sp[4];
	JET_API_PTR l = 0;
	JET_HANDLE h = 0;
	unsigned long n = 0, ok = 99, count = 0, ver = 0, lo = 0, hi = 0;
	unsigned char out[512];
	char list[256];
	stop_service_instance2_fn stop2 = stop_service_instance2();

	printf("\n-- 3. multi-instance mode\n");
	CAT(C_NULLARG);
	/* JET_SETSYSPARAM arrays with bad entries: the first refused stops
	 * it all, with its code, the entries after it untouched and the mode
	 * unchanged */
	memset(sp, 0, sizeof sp);
	sp[0].paramid = JET_paramSystemPath;               /* string NULL */
	sp[1].paramid = JET_paramLogFileSize;
	sp[1].lParam = 128;
	for (int i = 0; i < 4; i++)
		sp[i].err = 12345;
	EXPECT(JET_errInvalidParameter, JetEnableMultiInstanceA(sp, 2, &ok));
	CHECK(ok == 0 && sp[0].err == JET_errInvalidParameter && sp[1].err == 12345,
	      "JET_SETSYSPARAM [SystemPath NULL, LogFileSize]: %lu set; codes %ld %ld", ok, (long)sp[0].err,
	      (long)sp[1].err);
	sp[0].paramid = JET_paramLogFileSize;
	sp[0].lParam = 128;
	sp[1].paramid = 99999;                             /* no such parameter */
	sp[1].lParam = 0;
	sp[2].paramid = JET_paramBaseName;
	sp[2].sz = "";                                     /* empty */
	for (int i = 0; i < 4; i++)
		sp[i].err = 12345;
	EXPECT(JET_errInvalidParameter, JetEnableMultiInstanceA(sp, 3, &ok));
	CHECK(ok == 1 && sp[0].err == JET_errSuccess && sp[1].err == JET_errInvalidParameter && sp[2].err == 12345,
	      "JET_SETSYSPARAM [LogFileSize, 99999, BaseName \"\"]: %lu set; codes %ld %ld %ld", ok,
	      (long)sp[0].err, (long)sp[1].err, (long)sp[2].err);
	{
		JET_SETSYSPARAM_W spw[2];
		memset(spw, 0, sizeof spw);
		spw[0].paramid = JET_paramBaseName;
		spw[0].sz = L"toolong";
		spw[0].err = 12345;
		EXPECT(JET_errInvalidParameter, JetEnableMultiInstanceW(spw, 1, NULL));
		CHECK(spw[0].err == JET_errInvalidParameter, "JET_SETSYSPARAM_W [BaseName \"toolong\"]: code %ld",
		      (long)spw[0].err);
	}
	/* still no mode: now it is entered */
	EXPECT(JET_errSuccess, JetEnableMultiInstanceA(sp, 1, &ok));
	EXPECT(JET_errSystemParamsAlreadySet, JetEnableMultiInstanceW(NULL, 0, NULL));
	EXPECT(JET_errSystemParamsAlreadySet, JetEnableMultiInstanceA(sp, 1, &ok));
	CAT(C_ORDER);
	EXPECT(JET_errRunningInMultiInstanceMode, JetInit(NULL));
	EXPECT(JET_errRunningInMultiInstanceMode, JetInit2(NULL, 0));
	EXPECT(JET_errRunningInMultiInstanceMode, JetInit3A(NULL, NULL, 0));
	EXPECT(JET_errRunningInMultiInstanceMode, JetInit3W(NULL, NULL, 0));
	/* the instance-less forms */
	EXPECT(JET_errRunningInMultiInstanceMode, JetStopService());
	EXPECT(JET_errRunningInMultiInstanceMode, JetBeginExternalBackup(0));
	EXPECT(JET_errRunningInMultiInstanceMode, JetGetAttachInfoA(list, sizeof list, &n));
	EXPECT(JET_errRunningInMultiInstanceMode, JetGetAttachInfoW((WCHAR *)list, sizeof list, &n));
	EXPECT(JET_errRunningInMultiInstanceMode, JetOpenFileA("x.edb", &h, &lo, &hi));
	EXPECT(JET_errRunningInMultiInstanceMode, JetOpenFileW(L"x.edb", &h, &lo, &hi));
	EXPECT(JET_errRunningInMultiInstanceMode, JetReadFile(0, aligned, CHUNK, &n));
	EXPECT(JET_errRunningInMultiInstanceMode, JetCloseFile(0));
	EXPECT(JET_errRunningInMultiInstanceMode, JetGetLogInfoA(list, sizeof list, &n));
	EXPECT(JET_errRunningInMultiInstanceMode, JetGetLogInfoW((WCHAR *)list, sizeof list, &n));
	EXPECT(JET_errRunningInMultiInstanceMode, JetTruncateLog());
	EXPECT(JET_errRunningInMultiInstanceMode, JetEndExternalBackup());
	EXPECT(JET_errRunningInMultiInstanceMode, JetStopBackup());

	terminated_instance(&gone, &gone_s);

	printf("\n-- 3b. the main instance: parameters, sessions, bad handles\n");
	CAT(C_SETUP);
	memset(&m, 0, sizeof m);
	snprintf(m.dir, sizeof m.dir, "%s", full(ROOT "\\multi"));
	EXPECT(JET_errSuccess, JetCreateInstance2A(&m.inst, "hostile", NULL, 0));
	EXPECT(JET_errInstanceNameInUse, JetCreateInstanceW(&x, L"hostile"));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(&m.inst, 0, JET_paramSystemPath, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterW(&m.inst, 0, JET_paramTempPath, 0, NULL));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(&m.inst, 0, JET_paramBaseName, 0, ""));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(&m.inst, 0, JET_paramMaxSessions, -1, NULL));
	CAT(C_SETUP);
	set_folders(&m.inst, ROOT "\\multi");
	EXPECT(JET_errSuccess, JetInit(&m.inst));
	CAT(C_ORDER);
	EXPECT(JET_errAlreadyInitialized, JetInit(&m.inst));
	EXPECT(JET_errAlreadyInitialized, JetInit3W(&m.inst, NULL, 0));
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(&m.inst, 0, JET_paramLogFileSize, 256, NULL));
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(&m.inst, 0, JET_paramSystemPath, 0, "elsewhere\\"));
	CAT(C_BUFFER);
	SHORT_PARAM_BUFFERS("JetGetSystemParameterA(inst, 0, JET_paramSystemPath, &l, buf, cb)", 1,
			    JetGetSystemParameterA(m.inst, 0, JET_paramSystemPath, &l, buf, cb));
	SHORT_PARAM_BUFFERS("JetGetSystemParameterW(inst, 0, JET_paramLogFilePath, NULL, buf, cb)", 2,
			    JetGetSystemParameterW(m.inst, 0, JET_paramLogFilePath, NULL, buf, cb));
	/* a session names its instance in place of the instance argument */
	SHORT_PARAM_BUFFERS("JetGetSystemParameterA(0, s, JET_paramSystemPath, &l, buf, cb)", 1,
			    JetGetSystemParameterA(0, m.s, JET_paramSystemPath, &l, buf, cb));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterA(m.inst, 0, JET_paramSystemPath, &l, NULL, 300));
	EXPECT(JET_errInvalidParameter, JetGetSystemParameterW(m.inst, 0, JET_paramMaxSessions, NULL, (WCHAR *)out, sizeof out));

	CAT(C_NULLARG);
	/* instance information */
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(m.inst, NULL, sizeof(JET_SIGNATURE),
							       JET_InstanceMiscInfoLogSignature));
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(m.inst, NULL, 16, JET_InstanceMiscInfoCheckpoint));
	EXPECT(JET_errInvalidParameter, JetGetInstanceMiscInfo(m.inst, out, sizeof out, 99));
	CAT(C_BUFFER);
	SHORT_BUFFERS(JET_errBufferTooSmall, "JetGetInstanceMiscInfo(inst, buf, cb, LogSignature)",
		      JetGetInstanceMiscInfo(m.inst, buf, cb, JET_InstanceMiscInfoLogSignature));
	SHORT_BUFFERS(JET_errBufferTooSmall, "JetGetInstanceMiscInfo(inst, buf, cb, Checkpoint)",
		      JetGetInstanceMiscInfo(m.inst, buf, cb, JET_InstanceMiscInfoCheckpoint));
	{
		void *buf = guard_arm();
		EXPECT(JET_errSuccess, JetGetInstanceMiscInfo(m.inst, buf, sizeof(JET_SIGNATURE),
							      JET_InstanceMiscInfoLogSignature));
		guard_check(__LINE__, "JetGetInstanceMiscInfo(LogSignature, cbMax sizeof(JET_SIGNATURE))",
			    sizeof(JET_SIGNATURE));
	}
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetGetInstanceInfoA(&count, &info_a));
	CHECK(count == 1 && info_a && info_a[0].hInstanceId == m.inst,
	      "JetGetInstanceInfoA lists only the live instance (%lu)", count);
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)info_a));
	EXPECT(JET_errSuccess, JetGetInstanceInfoW(&count, &info_w));
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)info_w));

	CAT(C_NULLARG);
	/* stop-service grbits */
	if (stop2) {
		EXPECT(JET_errInvalidGrbit, stop2(m.inst, 0xFFFF0000));
		EXPECT(JET_errInvalidGrbit, stop2(m.inst, JET_bitStopServiceResume | JET_bitStopServiceBackgroundUserTasks));
		EXPECT(JET_errSuccess, stop2(m.inst, JET_bitStopServiceResume));
	}

	CAT(C_NULLARG);
	/* sessions */
	EXPECT(JET_errInvalidParameter, JetBeginSessionA(m.inst, NULL, NULL, NULL));
	EXPECT(JET_errInvalidParameter, JetBeginSessionW(m.inst, NULL, L"user", L"password"));
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetBeginSessionW(m.inst, &m.s, NULL, NULL));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetDupSession(m.s, NULL));
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetDupSession(m.s, &ended));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidGrbit, JetEndSession(ended, 0x10000));
	CAT(C_ORDER);
	EXPECT(JET_errSuccess, JetEndSession(ended, 0));
	EXPECT(JET_errInvalidSesid, JetEndSession(ended, 0));
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidParameter, JetGetVersion(m.s, NULL));
	CAT(C_SETUP);
	EXPECT(JET_errSuccess, JetGetVersion(m.s, &ver));
	/* a forced new log outside any transaction rolls the log (tm.cxx) */
	EXPECT(JET_errSuccess, JetCommitTransaction(m.s, JET_bitForceNewLog));
	CHECK(file_exists(ROOT "\\multi\\edb00001.log"), "JET_bitForceNewLog archived edb00001.log");
	CAT(C_NULLARG);
	EXPECT(JET_errInvalidGrbit, JetCommitTransaction(m.s, JET_bitForceNewLog | JET_bitCommitLazyFlush));
	EXPECT(JET_errInvalidSesid, JetCommitTransaction(BAD_SESID, JET_bitForceNewLog));
	CAT(C_ORDER);
	EXPECT(JET_errNotInTransaction, JetCommitTransaction(m.s, 0));

	{
		const struct bad_handle instances[] = {
			{ "0", 0 }, { "JET_instanceNil", JET_instanceNil },
			{ "0x12345678", BAD_INSTANCE }, { "a terminated instance", gone },
		};
		const struct bad_handle sessions[] = {
			{ "0", 0 }, { "JET_sesidNil", JET_sesidNil }, { "0x12345678", BAD_SESID },
			{ "an ended session", ended }, { "a session of a terminated instance", gone_s },
		};
		bad_instances(instances, sizeof instances / sizeof *instances, 0);
		snprintf(m.db, sizeof m.db, "%s", full(ROOT "\\multi\\db.edb"));
		CAT(C_SETUP);
		/* before the database exists */
		bad_sessions(sessions, sizeof sessions / sizeof *sessions, m.db);
		CHECK(!file_exists(m.db), "no db.edb made by refused sessions");
		EXPECT(JET_errSuccess, JetCreateDatabaseA(m.s, m.db, NULL, &m.dbid, 0));
		databases(&m);
		/* with the database there and open */
		bad_sessions(sessions, sizeof sessions / sizeof *sessions, m.db);
	}

	CAT(C_SETUP);
	/* the decoys: a db.edb and (later) a log in another folder */
	CreateDirectoryA(ROOT "\\decoy", NULL);
	write_file(ROOT "\\decoy\\db.edb", "not the database\n");
	backup_calls(&m);
	backup_still_works(&m);
	unsuffixed_names(gone, gone_s);

	CAT(C_ORDER);
	printf("\n-- 3g. stopped, then terminated: calls out of order\n");
	EXPECT(JET_errSuccess, JetStopServiceInstance(m.inst));
	EXPECT(JET_errClientRequestToStopJetService, JetBeginSessionA(m.inst, &ended, NULL, NULL));
	EXPECT(JET_errClientRequestToStopJetService, JetDupSession(m.s, &ended));
	EXPECT(JET_errClientRequestToStopJetService, JetCreateDatabaseA(m.s, ROOT "\\multi\\late.edb", NULL, &m.dbid, 0));
	EXPECT(JET_errClientRequestToStopJetService, JetOpenDatabaseA(m.s, m.db, NULL, &m.dbid, 0));
	EXPECT(JET_errClientRequestToStopJetService, JetGetInstanceMiscInfo(m.inst, out, sizeof(JET_SIGNATURE),
									    JET_InstanceMiscInfoLogSignature));
	EXPECT(JET_errClientRequestToStopJetService, JetBeginExternalBackupInstance(m.inst, 0));
	EXPECT(JET_errClientRequestToStopJetService, JetStopServiceInstance(m.inst));
	CHECK(!file_exists(ROOT "\\multi\\late.edb"), "no database made after the stop");
	EXPECT(JET_errSuccess, JetEndSession(m.s, 0));
	EXPECT(JET_errSuccess, JetTerm2(m.inst, JET_bitTermComplete));
	EXPECT(JET_errInvalidParameter, JetTerm(m.inst));
	EXPECT(JET_errInvalidParameter, JetTerm2(m.inst, JET_bitTermAbrupt));
	EXPECT(JET_errInvalidParameter, JetStopServiceInstance(m.inst));
	EXPECT(JET_errInvalidParameter, JetStopBackupInstance(m.inst));
	EXPECT(JET_errInvalidParameter, JetBeginSessionA(m.inst, &ended, NULL, NULL));
	EXPECT(JET_errInvalidSesid, JetEndSession(m.s, 0));
	EXPECT(JET_errInvalidSesid, JetOpenDatabaseA(m.s, m.db, NULL, &m.dbid, 0));
	EXPECT(JET_errInvalidSesid, JetCloseDatabase(m.s, m.dbid, 0));
	EXPECT(JET_errInvalidSesid, JetGetDatabaseInfoA(m.s, m.dbid, out, 4, JET_DbInfoLCID));
	EXPECT(JET_errInvalidParameter, JetGetLogInfoInstanceA(m.inst, list, sizeof list, &n));
	{
		unsigned char misc[sizeof(JET_DBINFOMISC)];
		EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(m.db, misc, sizeof misc, JET_DbInfoMisc));
		CHECK(((JET_DBINFOMISC *)misc)->dbstate == JET_dbstateCleanShutdown,
		      "db.edb clean after JetTerm (state %lu)", ((JET_DBINFOMISC *)misc)->dbstate);
	}

	empty_paths();
	own_files();
	(void)h;
	(void)x;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	aligned = VirtualAlloc(NULL, CHUNK + PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	if (!aligned) {
		printf("FAIL: VirtualAlloc\n");
		return 1;
	}
	remove_tree(ROOT);
	if (!CreateDirectoryA(ROOT, NULL)) {
		printf("FAIL: cannot make %s (error %lu)\n", ROOT, GetLastError());
		return 1;
	}
	no_instance();
	one_instance();
	multi_instance();
	summary_and_exit();
	return 0;
}
