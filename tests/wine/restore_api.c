/*
 * The restore side's exports through esent.dll, A and W forms, with each
 * documented code they return:
 *
 *  - JetOpenFileSectionInstance: more than one section is JET_wrnNyi, an
 *    offset not on a page (or into the header pages) JET_errInvalidParameter,
 *    a section from page 2 on reads the rest of the file;
 *  - JetGetLogFileInfo at JET_LogInfoMisc, Misc2 and Misc3, a short buffer,
 *    an unknown level, a missing file, a file of another type;
 *  - JetInit3 with JET_RSTINFO: a database moved after a crash recovered
 *    where it is now, with JET_snpRestore progress; a bad size, too many
 *    entries, an entry without a new name.
 *
 * One line a check; non-zero exit on any failure.  Works in rapi/.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"

#define PAGE 4096

static int failures, passes;

#define EXPECT(want, call) expect(__LINE__, #call, (want), (call))
#define CHECK(cond, what) check(__LINE__, (cond), (what))

static void expect(int line, const char *call, JET_ERR want, JET_ERR got)
{
	if (want == got) {
		passes++;
		printf("ok   %s %ld\n", call, (long)got);
	} else {
		failures++;
		printf("FAIL line %d: %s expected %ld got %ld\n", line, call, (long)want, (long)got);
	}
}

static void check(int line, int cond, const char *what)
{
	if (cond) {
		passes++;
		printf("ok   %s\n", what);
	} else {
		failures++;
		printf("FAIL line %d: %s\n", line, what);
	}
}

typedef JET_ERR (JET_API *log_info_a_fn)(const char *, void *, unsigned long, unsigned long);
typedef JET_ERR (JET_API *log_info_w_fn)(const WCHAR *, void *, unsigned long, unsigned long);
typedef JET_ERR (JET_API *section_a_fn)(JET_INSTANCE, char *, JET_HANDLE *, long, long,
					unsigned long long, unsigned long *, long *);
typedef JET_ERR (JET_API *section_w_fn)(JET_INSTANCE, WCHAR *, JET_HANDLE *, long, long,
					unsigned long long, unsigned long *, long *);

static FARPROC proc(const char *name)
{
	return GetProcAddress(GetModuleHandleA("esent.dll"), name);
}

static unsigned statuses[8];

static JET_ERR JET_API on_status(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
	(void)sesid;
	(void)pv;
	if (snp == JET_snpRestore && snt < 8)
		statuses[snt]++;
	return JET_errSuccess;
}

static void set_folders(JET_INSTANCE *inst, const WCHAR *folder)
{
	EXPECT(JET_errSuccess, JetSetSystemParameterW(inst, 0, JET_paramSystemPath, 0, folder));
	EXPECT(JET_errSuccess, JetSetSystemParameterW(inst, 0, JET_paramLogFilePath, 0, folder));
	EXPECT(JET_errSuccess, JetSetSystemParameterW(inst, 0, JET_paramLogFileSize, 128, NULL));
}

static unsigned long ulong_at(const unsigned char *p, unsigned off)
{
	unsigned long v;
	memcpy(&v, p + off, 4);
	return v;
}

int main(void)
{
	log_info_a_fn log_info_a = (log_info_a_fn)(void *)proc("JetGetLogFileInfoA");
	log_info_w_fn log_info_w = (log_info_w_fn)(void *)proc("JetGetLogFileInfoW");
	section_a_fn section_a = (section_a_fn)(void *)proc("JetOpenFileSectionInstanceA");
	section_w_fn section_w = (section_w_fn)(void *)proc("JetOpenFileSectionInstanceW");
	JET_INSTANCE inst = 0;
	JET_SESID s = 0;
	JET_DBID dbid = 0;
	JET_HANDLE h = 0;
	unsigned long lo = 0, got = 0, n = 0;
	long hi = 0;
	unsigned char info[128];
	/* the engine reads into page-aligned buffers */
	unsigned char *buf = VirtualAlloc(NULL, 4 * PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	WCHAR logs[1024];
	JET_DBINFOMISC misc;

	CHECK(log_info_a && log_info_w && section_a && section_w, "exports found");
	if (!log_info_a || !log_info_w || !section_a || !section_w)
		return 1;
	system("rmdir /s /q rapi >nul 2>nul");
	CreateDirectoryW(L"rapi", NULL);
	CreateDirectoryW(L"rapi\\moved", NULL);

	printf("-- a source instance, its backup read in sections\n");
	EXPECT(JET_errSuccess, JetCreateInstanceW(&inst, L"rapi"));
	set_folders(&inst, L"rapi\\");
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSessionW(inst, &s, NULL, NULL));
	EXPECT(JET_errSuccess, JetCreateDatabaseW(s, L"rapi\\a.edb", NULL, &dbid, 0));
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_wrnNyi, section_w(inst, L"rapi\\a.edb", &h, 0, 2, 0, &lo, &hi));
	EXPECT(JET_wrnNyi, section_a(inst, "rapi\\a.edb", &h, 1, 3, 0, &lo, &hi));
	EXPECT(JET_errInvalidParameter, section_w(inst, L"rapi\\a.edb", &h, 0, 1, 100, &lo, &hi));
	EXPECT(JET_errInvalidParameter, section_w(inst, L"rapi\\a.edb", &h, 0, 1, 2 * PAGE, &lo, &hi));
	EXPECT(JET_errSuccess, section_w(inst, L"rapi\\a.edb", &h, 0, 1, 3 * PAGE, &lo, &hi));
	CHECK(lo > 3 * PAGE && hi == 0, "the section's file size is the whole stream's");
	n = 3 * PAGE;
	do {
		EXPECT(JET_errSuccess, JetReadFileInstance(inst, h, buf, 4 * PAGE, &got));
		n += got;
	} while (got);
	CHECK(n == lo, "the section reads to the end of the stream");
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, h));
	EXPECT(JET_errSuccess, JetGetLogInfoInstanceW(inst, logs, sizeof logs, &n));
	EXPECT(JET_errSuccess, section_a(inst, "rapi\\edb00001.log", &h, 0, 1, 0, &lo, &hi));
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, h));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));

	printf("-- JetGetLogFileInfo\n");
	memset(info, 0xA5, sizeof info);
	EXPECT(JET_errSuccess, log_info_w(L"rapi\\edb00001.log", info, 80, JET_LogInfoMisc));
	CHECK(ulong_at(info, 0) == 1 && ulong_at(info, 52) == 8 && ulong_at(info, 56) == 4000 &&
	      ulong_at(info, 76) == PAGE && info[80] == 0xA5, "JET_LOGINFOMISC of generation 1");
	EXPECT(JET_errSuccess, log_info_a("rapi\\edb00001.log", info, 88, JET_LogInfoMisc2));
	CHECK(ulong_at(info, 0) == 1 && ulong_at(info, 84) >= 1, "JET_LOGINFOMISC2's checkpoint");
	EXPECT(JET_errSuccess, log_info_w(L"rapi\\edb00001.log", info, 104, JET_LogInfoMisc3));
	CHECK(ulong_at(info, 52) == 8 && ulong_at(info, 88) == 4000, "JET_LOGINFOMISC3's versions");
	EXPECT(JET_errInvalidBufferSize, log_info_w(L"rapi\\edb00001.log", info, 79, JET_LogInfoMisc));
	EXPECT(JET_errInvalidBufferSize, log_info_a("rapi\\edb00001.log", info, 104, JET_LogInfoMisc2));
	EXPECT(JET_errInvalidParameter, log_info_w(L"rapi\\edb00001.log", info, 104, 3));
	EXPECT(JET_errFileNotFound, log_info_w(L"rapi\\none.log", info, 80, JET_LogInfoMisc));
	EXPECT(JET_errInvalidPath, log_info_a("nowhere\\edb.log", info, 80, JET_LogInfoMisc));
	EXPECT(JET_errFileInvalidType, log_info_w(L"rapi\\edb.chk", info, 80, JET_LogInfoMisc));
	EXPECT(JET_errInvalidParameter, log_info_a(NULL, info, 80, JET_LogInfoMisc));

	printf("-- a crash, the database moved, JetInit3W with a restore map\n");
	EXPECT(JET_errDirtyShutdown, JetTerm2(inst, JET_bitTermDirty));
	CHECK(MoveFileW(L"rapi\\a.edb", L"rapi\\moved\\b.edb") != 0, "database moved");
	{
		JET_RSTMAP_W map = { L"rapi\\a.edb", L"rapi\\moved\\b.edb" };
		JET_RSTINFO_W rst;
		memset(&rst, 0, sizeof rst);
		rst.cbStruct = sizeof rst;
		rst.rgrstmap = &map;
		rst.crstmap = 1;
		rst.pfnStatus = on_status;
		inst = 0;
		EXPECT(JET_errSuccess, JetCreateInstanceW(&inst, L"rapi2"));
		set_folders(&inst, L"rapi\\");
		EXPECT(JET_errSuccess, JetInit3W(&inst, &rst, 0));
		CHECK(statuses[JET_sntBegin] == 1 && statuses[JET_sntComplete] == 1 &&
		      statuses[JET_sntProgress] >= 1, "JET_snpRestore: begin, progress, complete");
		CHECK(GetFileAttributesW(L"rapi\\a.edb") == INVALID_FILE_ATTRIBUTES,
		      "nothing made where the log named it");
		EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
		EXPECT(JET_errSuccess, JetGetDatabaseFileInfoW(L"rapi\\moved\\b.edb", &misc,
							       sizeof misc, JET_DbInfoMisc));
		CHECK(misc.dbstate == JET_dbstateCleanShutdown, "the moved database ends clean");
	}

	printf("-- JetInit3A's restore map refused\n");
	{
		JET_RSTMAP_A many[13], nameless = { "a.edb", NULL };
		JET_RSTINFO_A rst;
		for (int i = 0; i < 13; i++) {
			many[i].szDatabaseName = "a.edb";
			many[i].szNewDatabaseName = "b.edb";
		}
		memset(&rst, 0, sizeof rst);
		rst.cbStruct = sizeof rst - 1;
		inst = 0;
		EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "rapi3"));
		EXPECT(JET_errInvalidParameter, JetInit3A(&inst, &rst, 0));
		rst.cbStruct = sizeof rst;
		rst.rgrstmap = many;
		rst.crstmap = 13;
		/* refused once the instance is found: the init fails and frees it */
		EXPECT(JET_errInvalidParameter, JetInit3A(&inst, &rst, 0));
		CHECK(inst == 0, "the failed JetInit3 cleared the handle");
		EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "rapi3"));
		rst.rgrstmap = &nameless;
		rst.crstmap = 1;
		EXPECT(JET_errDatabaseInvalidName, JetInit3A(&inst, &rst, 0));
	}

	printf("%d passed, %d failed\n", passes, failures);
	return failures ? 1 : 0;
}
