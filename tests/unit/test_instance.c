#define _POSIX_C_SOURCE 200809L
/* Instance lifecycle, run modes, handles, parameters and sessions
 * (sim/instance.c, sim/params.c, sim/session.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "backup/backup.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "fixture.h"
#include "format/format.h"
#include "os/os.h"
#include "scratch.h"
#include "instance/session.h"
#include "isam/cursor.h"
#include "format/version.h"

static void create_requires_out_pointer(void **state)
{
	assert_int_equal(sim_create_instance(NULL, "a", NULL), JET_errInvalidParameter);
}

static void create_init_term_multi_instance(void **state)
{
	uintptr_t inst;
	assert_int_equal(sim_create_instance(&inst, "one", "One"), JET_errSuccess);
	assert_int_equal(sim_run_mode(), RUN_MODE_MULTI_INSTANCE);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errAlreadyInitialized);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_run_mode(), RUN_MODE_NONE);
	/* the handle of a terminated instance is refused, not reused */
	assert_int_equal(sim_term(inst, 0), JET_errInvalidParameter);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess); /* NoSet: a new legacy instance */
	assert_int_equal(sim_run_mode(), RUN_MODE_ONE_INSTANCE);
}

static void instance_names_are_unique(void **state)
{
	uintptr_t a, b, c, d;
	assert_int_equal(sim_create_instance(&a, "same", NULL), JET_errSuccess);
	assert_int_equal(sim_create_instance(&b, "same", NULL), JET_errInstanceNameInUse);
	assert_true(b == JET_instanceNil);
	assert_int_equal(sim_create_instance(&c, NULL, NULL), JET_errSuccess);
	/* only one unnamed instance: no name is a name too */
	assert_int_equal(sim_create_instance(&d, NULL, NULL), JET_errInstanceNameInUse);
}

static void too_many_instances(void **state)
{
	uintptr_t h[20], extra;
	char name[16];
	intptr_t max;
	char *s;
	assert_int_equal(sim_get_param(0, JET_paramMaxInstances, &max, &s), JET_errSuccess);
	assert_null(s);
	assert_int_equal(max, 16);
	for (int i = 0; i < max; i++) {
		snprintf(name, sizeof name, "i%d", i);
		assert_int_equal(sim_create_instance(&h[i], name, NULL), JET_errSuccess);
	}
	assert_int_equal(sim_create_instance(&extra, "extra", NULL), JET_errTooManyInstances);
}

static void one_instance_mode_rules(void **state)
{
	uintptr_t inst = 12345, other;
	/* a stale value in *pinstance is ignored in NoSet mode */
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_true(inst != 12345);
	assert_int_equal(sim_run_mode(), RUN_MODE_ONE_INSTANCE);
	assert_int_equal(sim_init(&other, 0), JET_errAlreadyInitialized);
	assert_int_equal(sim_init(NULL, 0), JET_errAlreadyInitialized);
	assert_int_equal(sim_create_instance(&other, "x", NULL), JET_errRunningInOneInstanceMode);
	assert_int_equal(sim_enable_multi_instance(), JET_errRunningInOneInstanceMode);
	/* the instance-less forms reach the single instance */
	assert_int_equal(sim_stop_service(), JET_errSuccess);
	assert_int_equal(sim_term(0, 0), JET_errSuccess);
	assert_int_equal(sim_run_mode(), RUN_MODE_NONE);
}

static void init_null_in_one_instance_mode(void **state)
{
	assert_int_equal(sim_init(NULL, 0), JET_errSuccess);
	assert_int_equal(sim_run_mode(), RUN_MODE_ONE_INSTANCE);
	assert_int_equal(sim_term(0, JET_bitTermComplete), JET_errSuccess);
}

static void multi_instance_mode_rules(void **state)
{
	uintptr_t inst, bogus = 0x1234;
	assert_int_equal(sim_enable_multi_instance(), JET_errSuccess);
	assert_int_equal(sim_enable_multi_instance(), JET_errSystemParamsAlreadySet);
	assert_int_equal(sim_create_instance(&inst, "m", NULL), JET_errSuccess);
	assert_int_equal(sim_init(NULL, 0), JET_errRunningInMultiInstanceMode);
	assert_int_equal(sim_init(&bogus, 0), JET_errInvalidParameter);
	assert_int_equal(sim_stop_service(), JET_errRunningInMultiInstanceMode);
}

static void term_of_created_instance_frees_it(void **state)
{
	uintptr_t inst, again;
	assert_int_equal(sim_create_instance(&inst, "c", NULL), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_run_mode(), RUN_MODE_NONE);
	assert_int_equal(sim_create_instance(&again, "c", NULL), JET_errSuccess);
}

static void bad_grbits(void **state)
{
	uintptr_t inst;
	assert_int_equal(sim_create_instance(&inst, "g", NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0x40000000), JET_errInvalidGrbit);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0x100), JET_errInvalidGrbit);
	assert_int_equal(sim_stop_service_instance(inst, 0x40), JET_errInvalidGrbit);
	assert_int_equal(sim_term(inst, JET_bitTermComplete), JET_errSuccess);
}

static void failed_init_frees_the_instance(void **state)
{
	uintptr_t inst, again;
	assert_int_equal(sim_create_instance(&inst, "f", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "no/such/folder"), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errInvalidLogDirectory);
	assert_true(inst == 0);
	assert_int_equal(sim_run_mode(), RUN_MODE_NONE);
	assert_int_equal(sim_create_instance(&again, "f", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&again, JET_paramSystemPath, 0, "nosys"), JET_errSuccess);
	assert_int_equal(sim_init(&again, 0), JET_errInvalidSystemPath);
}

/* An empty folder parameter names no folder. */
static void empty_paths(void **state)
{
	uintptr_t inst;
	assert_int_equal(sim_create_instance(&inst, "e", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, ""), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errInvalidSystemPath);
	assert_int_equal(sim_create_instance(&inst, "e", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, ""), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errInvalidLogDirectory);
}

static void create_path_if_not_exist(void **state)
{
	uintptr_t inst;
	assert_int_equal(sim_create_instance(&inst, "p", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "made/logs"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, "made/sys"), JET_errSuccess);
	/* a relative temporary folder is completed against the current
	 * folder when set, as the engine does (CJetParam::SetPath) */
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, "made/sys/tmp/"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramCreatePathIfNotExist, 1, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(os_path_exists("made/logs"), 2);
	assert_int_equal(os_path_exists("made/sys"), 2);
	assert_int_equal(os_path_exists("made/sys/tmp/tmp.edb"), 1);
}

static void paths_in_use(void **state)
{
	uintptr_t a, b;
	assert_int_equal(sim_create_instance(&a, "a", NULL), JET_errSuccess);
	assert_int_equal(sim_create_instance(&b, "b", NULL), JET_errSuccess);
	assert_int_equal(sim_init(&a, 0), JET_errSuccess);
	assert_int_equal(sim_init(&b, 0), JET_errLogFilePathInUse);
	assert_true(b == 0);
	assert_int_equal(sim_create_instance(&b, "b", NULL), JET_errSuccess);
	assert_int_equal(os_mkdir("b"), OS_OK);
	assert_int_equal(sim_set_param(&b, JET_paramLogFilePath, 0, "b"), JET_errSuccess);
	assert_int_equal(sim_init(&b, 0), JET_errSystemPathInUse);
	assert_int_equal(sim_create_instance(&b, "b", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&b, JET_paramLogFilePath, 0, "b"), JET_errSuccess);
	assert_int_equal(sim_set_param(&b, JET_paramSystemPath, 0, "b"), JET_errSuccess);
	/* a's tmp.edb, named from the current folder (only a bare file name
	 * is under the system path) */
	assert_int_equal(sim_set_param(&b, JET_paramTempPath, 0, "./tmp.edb"), JET_errSuccess);
	assert_int_equal(sim_init(&b, 0), JET_errTempPathInUse);
	assert_int_equal(sim_create_instance(&b, "b", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&b, JET_paramLogFilePath, 0, "b"), JET_errSuccess);
	assert_int_equal(sim_set_param(&b, JET_paramSystemPath, 0, "b"), JET_errSuccess);
	assert_int_equal(sim_set_param(&b, JET_paramTempPath, 0, "other.edb"), JET_errSuccess);
	assert_int_equal(sim_init(&b, 0), JET_errSuccess);
	assert_int_equal(os_path_exists("b/other.edb"), 1);
}

static void parameters_by_scope_and_time(void **state)
{
	uintptr_t inst;
	intptr_t v;
	char *s;

	assert_int_equal(sim_set_param(NULL, 9999, 0, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramLogFileSize, 64, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "toolong"), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramRecovery, 0, "maybe"), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 5000, NULL), JET_errInvalidParameter);

	/* global values are where later instances start */
	assert_int_equal(sim_set_param(NULL, JET_paramLogFileSize, 256, NULL), JET_errSuccess);
	assert_int_equal(sim_create_instance(&inst, "p", NULL), JET_errSuccess);
	assert_int_equal(sim_get_param(inst, JET_paramLogFileSize, &v, &s), JET_errSuccess);
	assert_int_equal(v, 256);
	assert_int_equal(sim_set_param(&inst, JET_paramBaseName, 0, "abc"), JET_errSuccess);
	assert_int_equal(sim_get_param(inst, JET_paramBaseName, &v, &s), JET_errSuccess);
	assert_string_equal(s, "abc");
	free(s);
	assert_int_equal(sim_get_param(0, JET_paramBaseName, &v, &s), JET_errSuccess);
	assert_string_equal(s, "edb");
	free(s);
	assert_int_equal(sim_get_param(0x777, JET_paramBaseName, &v, &s), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramLogFileSize, 1024, NULL), JET_errSuccess);

	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	/* too late for an instance parameter, fine for a runtime one */
	assert_int_equal(sim_set_param(&inst, JET_paramBaseName, 0, "xyz"), JET_errAlreadyInitialized);
	assert_int_equal(sim_set_param(&inst, JET_paramCircularLog, 1, NULL), JET_errAlreadyInitialized);
	assert_int_equal(sim_set_param(&inst, JET_paramDbExtensionSize, 512, NULL), JET_errSuccess);
	/* a global, non-runtime parameter is fixed once an instance runs */
	assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 8192, NULL), JET_errAlreadyInitialized);
	assert_int_equal(sim_set_param(NULL, JET_paramMaxInstances, 4, NULL), JET_errAlreadyInitialized);
	/* the value it has already is no change (the engine's ValidateSet) */
	assert_int_equal(sim_set_param(&inst, JET_paramBaseName, 0, "abc"), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramDatabasePageSize, 4096, NULL), JET_errSuccess);
}

static void string_parameter_rules(void **state)
{
	intptr_t v;
	char *s;
	/* NULL is "" where "" is a value, refused where it is not */
	assert_int_equal(sim_set_param(NULL, JET_paramEventSource, 0, NULL), JET_errSuccess);
	assert_int_equal(sim_get_param(0, JET_paramEventSource, &v, &s), JET_errSuccess);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(sim_set_param(NULL, JET_paramSystemPath, 0, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramRecovery, 0, NULL), JET_errInvalidParameter);
	/* the base name's three characters are UTF-16 units, not bytes */
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "\xC3\xA9" "bc"), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "\xF0\x9D\x84\x9E" "b"), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "\xF0\x9D\x84\x9E" "bc"),
			 JET_errInvalidParameter);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "edb"), JET_errSuccess);
}

static void expect_param(uintptr_t inst, unsigned id, const char *cwd, const char *tail)
{
	char expected[4096];
	intptr_t v;
	char *s;
	snprintf(expected, sizeof expected, "%s%s", cwd, tail);
	assert_int_equal(sim_get_param(inst, id, &v, &s), JET_errSuccess);
	assert_string_equal(s, expected);
	free(s);
}

/* Path parameters are completed to full paths when set, as the engine
 * does (jetapi.cxx, CJetParam::SetFolder and SetPath): relative names read
 * back full, "." and ".." resolved, folders with a trailing separator, and
 * a later change of the current folder moves nothing.  The temporary
 * database's bare file name stays as given (JetInit puts it in the system
 * folder). */
static void path_parameters_are_full_paths(void **state)
{
	char cwd[4096];
	uintptr_t inst;
	assert_non_null(getcwd(cwd, sizeof cwd - 1));
	assert_int_equal(os_mkdir("sub"), OS_OK);
	assert_int_equal(sim_create_instance(&inst, "p", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "logs"), JET_errSuccess);
	expect_param(inst, JET_paramLogFilePath, cwd, "/logs/");
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, "./a/../sys/"), JET_errSuccess);
	expect_param(inst, JET_paramSystemPath, cwd, "/sys/");
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, "temp.edb"), JET_errSuccess);
	expect_param(inst, JET_paramTempPath, "", "temp.edb");
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, "t/x.edb"), JET_errSuccess);
	expect_param(inst, JET_paramTempPath, cwd, "/t/x.edb");
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, "t/"), JET_errSuccess);
	expect_param(inst, JET_paramTempPath, cwd, "/t/");
	/* the same folder spelt otherwise is the same value */
	assert_int_equal(chdir("sub"), 0);
	expect_param(inst, JET_paramLogFilePath, cwd, "/logs/");
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, "../logs"), JET_errSuccess);
	expect_param(inst, JET_paramLogFilePath, cwd, "/logs/");
	assert_int_equal(chdir(".."), 0);
	/* "" stays "": JetInit refuses it (empty_paths) */
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, ""), JET_errSuccess);
	expect_param(inst, JET_paramSystemPath, "", "");
}

/* The engine's limits on the completed path (jetapi.cxx, SetFolder and
 * SetPath; sysparamtable.g.cxx): 246 units for a folder with its
 * separator, 247 for JET_paramTempPath, past MAX_PATH not a path at all;
 * a refused value leaves the old one. */
static void path_parameter_limits(void **state)
{
	char path[400];
	uintptr_t inst;
	(void)state;
	assert_int_equal(sim_create_instance(&inst, "l", NULL), JET_errSuccess);
	/* "/" and 244 letters: 246 with the separator */
	memset(path, 0, sizeof path);
	path[0] = '/';
	memset(path + 1, 'a', 244);
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, path), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, path), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramAlternateDatabaseRecoveryPath, 0, path),
			 JET_errSuccess);
	path[245] = '/';
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, path), JET_errSuccess);
	path[245] = 'a';   /* 247 with the separator */
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, path), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(&inst, JET_paramSystemPath, 0, path), JET_errInvalidParameter);
	assert_int_equal(sim_set_param(&inst, JET_paramAlternateDatabaseRecoveryPath, 0, path),
			 JET_errInvalidParameter);
	/* the file of JET_paramTempPath: 247 is the most */
	path[246] = 'a';
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, path), JET_errSuccess);
	path[247] = 'a';
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, path), JET_errInvalidParameter);
	path[247] = 0;
	expect_param(inst, JET_paramTempPath, "", path);   /* the old value stays */
	/* 259 units complete within MAX_PATH, but the separator would not fit
	 * (ErrPathFolderNorm); 260 do not complete (ErrPathComplete) */
	memset(path + 1, 'a', 258);
	path[259] = 0;
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, path), JET_errBufferTooSmall);
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, path), JET_errInvalidParameter);
	path[259] = 'a';
	path[260] = 0;
	assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, path), JET_errInvalidPath);
	assert_int_equal(sim_set_param(&inst, JET_paramTempPath, 0, path), JET_errInvalidPath);
	/* UTF-16 units, not bytes: 245 two-byte letters are 245 units */
	{
		char wide[600] = "/";
		for (int i = 0; i < 244; i++)
			strcat(wide, "\xc3\xa9");
		assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, wide), JET_errSuccess);
		strcat(wide, "\xc3\xa9");
		assert_int_equal(sim_set_param(&inst, JET_paramLogFilePath, 0, wide),
				 JET_errInvalidParameter);
	}
}

static void entering_a_created_or_stopped_instance(void **state)
{
	uintptr_t inst, sesid;
	assert_int_equal(sim_create_instance(&inst, "e", NULL), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &sesid), JET_errNotInitialized);
	/* not a running instance (the reference page's code) */
	assert_int_equal(sim_stop_service_instance(inst, 0), JET_errInvalidParameter);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &sesid), JET_errSuccess);
	assert_int_equal(sim_stop_service_instance(inst, 0), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &sesid), JET_errClientRequestToStopJetService);
	assert_int_equal(sim_stop_service_instance(inst, JET_bitStopServiceResume),
			 JET_errClientRequestToStopJetService);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void background_stop_and_resume(void **state)
{
	uintptr_t inst, sesid;
	assert_int_equal(sim_create_instance(&inst, "bg", NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_stop_service_instance(inst, JET_bitStopServiceBackgroundUserTasks), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, &sesid), JET_errSuccess);
	assert_int_equal(sim_stop_service_instance(inst, JET_bitStopServiceResume), JET_errSuccess);
	assert_int_equal(sim_stop_service_instance(inst, JET_bitStopServiceResume | 2), JET_errInvalidGrbit);
}

/* The first 4 KiB of a file, for its ESE header. */
static int read_header(const char *path, unsigned char *buf)
{
	os_file *f;
	size_t got = 0;
	if (os_file_open(path, OS_OPEN_READ, &f) != OS_OK)
		return 0;
	os_file_read_at(f, 0, buf, 4096, &got);
	os_file_close(f);
	return got == 4096;
}

/* What JetInit makes, named as ESENT names it, each file with an ESE
 * header (checksum, file type at 667, generation, signature). */
static void instance_files_on_disk(void **state)
{
	unsigned char h[4096], c[4096];
	uintptr_t inst;
	uint64_t size;
	start_instance("f", "i", &inst, NULL);
	assert_int_equal(os_path_exists("i/edbres00001.jrs"), 1);
	assert_int_equal(os_path_exists("i/edbres00002.jrs"), 1);
	assert_int_equal(os_path_exists("i/tmp.edb"), 1);
	assert_int_equal(os_path_size("i/edb.log", &size), OS_OK);
	assert_int_equal(size, 128 * 1024);   /* JET_paramLogFileSize */
	assert_true(read_header("i/edb.log", h));
	assert_int_equal(get32(h), checksum_header(h, 4096));
	assert_int_equal(h[667], JET_filetypeLog);
	assert_int_equal(get32(h + 4), 1);            /* generation */
	assert_int_equal(get16(h + 8), 4096);         /* sector size */
	assert_int_equal(get32(h + 32), 8);           /* log format, major */
	assert_true(logtime_is_set((struct logtime){ { h[16], h[17], h[18], h[19], h[20], h[21], h[22], h[23] } }));
	assert_true(read_header("i/edb.chk", c));
	assert_int_equal(get32(c), checksum_header(c, 4096));
	assert_int_equal(c[667], JET_filetypeCheckpoint);
	assert_int_equal(get32(c + 16), 1);           /* checkpoint generation */
	/* the log signature is the same in both */
	assert_memory_equal(h + 44, c + 20, 28);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	/* the temporary database goes with the instance, the reserve stays */
	assert_int_equal(os_path_exists("i/tmp.edb"), 0);
	assert_int_equal(os_path_exists("i/edbres00001.jrs"), 1);
}

/* JET_paramBaseName and JET_paramLegacyFileNames name every file. */
static void file_names_follow_parameters(void **state)
{
	static const unsigned ids[] = { JET_paramLegacyFileNames, JET_paramMaxTemporaryTables, 0 };
	static const intptr_t values[] = { 0, 0 };
	uintptr_t inst;
	assert_int_equal(sim_create_instance(&inst, "n", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramBaseName, 0, "abc"), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramBaseName, 0, "ab"), JET_errInvalidParameter);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "abc"), JET_errSuccess);
	start_instance_with("n", "i", &inst, NULL, ids, values);
	assert_int_equal(os_path_exists("i/abc.jtx"), 1);
	assert_int_equal(os_path_exists("i/abc.jcp"), 1);
	assert_int_equal(os_path_exists("i/abcres00001.jrs"), 1);
	/* JET_paramMaxTemporaryTables 0: no temporary database */
	assert_int_equal(os_path_exists("i/tmp.edb"), 0);
	assert_int_equal(os_path_exists("i/edb.log"), 0);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "edb"), JET_errSuccess);
	/* three characters, not three bytes */
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "\xC3\xA9" "bc"), JET_errSuccess);
	start_instance("u", "u", &inst, NULL);
	assert_int_equal(os_path_exists("u/\xC3\xA9" "bc.log"), 1);
	assert_int_equal(os_path_exists("u/\xC3\xA9" "bc.chk"), 1);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramBaseName, 0, "edb"), JET_errSuccess);
}

/* While JetTerm runs (it may wait, for a backup read say), everything
 * else on the instance gets JET_errTermInProgress, a second JetTerm too. */
static void calls_during_term(void **state)
{
	uintptr_t inst, ses, other;
	struct instance *in;
	struct path_list l;
	uint32_t got;
	uint64_t size;
	uintptr_t h;
	start_instance("t", "i", &inst, &ses);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	in->state = INSTANCE_TERMINATING;
	instance_leave(in, 0);
	assert_int_equal(sim_term(inst, 0), JET_errTermInProgress);
	assert_int_equal(sim_begin_session(inst, &other), JET_errTermInProgress);
	assert_int_equal(sim_dup_session(ses, &other), JET_errTermInProgress);
	assert_int_equal(sim_end_session(ses, 0), JET_errTermInProgress);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errTermInProgress);
	assert_int_equal(sim_backup_attach_info(inst, 0, &l), JET_errTermInProgress);
	assert_int_equal(sim_backup_open_file(inst, 0, "i/a.edb", &h, &size), JET_errTermInProgress);
	assert_int_equal(sim_backup_read_file(inst, 0, 0, &l, 4096, &got), JET_errTermInProgress);
	assert_int_equal(sim_backup_close_file(inst, 0, 0), JET_errTermInProgress);
	assert_int_equal(sim_backup_log_info(inst, 0, &l, NULL), JET_errTermInProgress);
	assert_int_equal(sim_backup_truncate_log_info(inst, 0, &l), JET_errTermInProgress);
	assert_int_equal(sim_backup_truncate_log(inst, 0), JET_errTermInProgress);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndNormal), JET_errTermInProgress);
	assert_int_equal(sim_stop_service_instance(inst, 0), JET_errInvalidParameter);
	/* give it back (the instance lives on: it is still in the table), and
	 * end it for real */
	os_mutex_lock(in->lock);
	in->state = INSTANCE_RUNNING;
	os_mutex_unlock(in->lock);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void sessions(void **state)
{
	uintptr_t inst, s1, s2, s3;
	assert_int_equal(sim_create_instance(&inst, "s", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&inst, JET_paramMaxSessions, 2, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&inst, 0), JET_errSuccess);
	assert_int_equal(sim_begin_session(inst, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_begin_session(0x999, &s1), JET_errInvalidParameter);
	assert_int_equal(sim_begin_session(inst, &s1), JET_errSuccess);
	assert_int_equal(sim_dup_session(s1, &s2), JET_errSuccess);
	assert_true(s1 != s2);
	assert_int_equal(sim_dup_session(s1, &s3), JET_errOutOfSessions);
	assert_int_equal(sim_begin_session(inst, &s3), JET_errOutOfSessions);
	assert_int_equal(sim_dup_session(s1, NULL), JET_errInvalidParameter);
	assert_int_equal(sim_end_session(s2, 0), JET_errSuccess);
	assert_int_equal(sim_end_session(s2, 0), JET_errInvalidSesid);
	assert_int_equal(sim_dup_session(s2, &s3), JET_errInvalidSesid);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	/* sessions end with their instance */
	assert_int_equal(sim_end_session(s1, 0), JET_errInvalidSesid);
}

/* JetCommitTransaction(JET_bitForceNewLog) outside any transaction rolls
 * the log and returns once the new generation is on disk (tm.cxx,
 * ErrIsamCommitTransaction); no other grbit may come with it.  Inside a
 * transaction it commits as well; any other commit outside one is
 * JET_errNotInTransaction. */
static void commit_forces_a_new_log(void **state)
{
	unsigned char h[4096];
	uintptr_t inst, ses, quiet, quiet_ses;
	start_instance("c", "i", &inst, &ses);
	assert_int_equal(os_path_exists("i/edb00001.log"), 0);
	assert_int_equal(sim_commit_transaction(ses, JET_bitForceNewLog), JET_errSuccess);
	assert_int_equal(os_path_exists("i/edb00001.log"), 1);
	assert_true(read_header("i/edb.log", h));
	assert_int_equal(get32(h + 4), 2);            /* the current generation */
	assert_int_equal(sim_commit_transaction(ses, JET_bitForceNewLog), JET_errSuccess);
	assert_int_equal(os_path_exists("i/edb00002.log"), 1);
	assert_int_equal(sim_commit_transaction(ses, JET_bitForceNewLog | JET_bitCommitLazyFlush),
			 JET_errInvalidGrbit);
	assert_int_equal(sim_commit_transaction(ses, JET_bitForceNewLog | 0x80000000u), JET_errInvalidGrbit);
	assert_int_equal(sim_commit_transaction(0x999, JET_bitForceNewLog), JET_errInvalidSesid);
	assert_int_equal(os_path_exists("i/edb00003.log"), 0);
	assert_int_equal(sim_commit_transaction(ses, 0), JET_errNotInTransaction);
	assert_int_equal(sim_commit_transaction(ses, JET_bitCommitLazyFlush), JET_errNotInTransaction);
	assert_int_equal(sim_begin_transaction(ses, 0), JET_errSuccess);
	assert_int_equal(sim_commit_transaction(ses, JET_bitForceNewLog), JET_errSuccess);
	assert_int_equal(os_path_exists("i/edb00003.log"), 1);
	assert_int_equal(sim_commit_transaction(ses, 0), JET_errNotInTransaction);
	/* with recovery off there is no log to roll: nothing to do */
	assert_int_equal(sim_create_instance(&quiet, "q", NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramRecovery, 0, "Off"), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramSystemPath, 0, "q"), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramLogFilePath, 0, "q"), JET_errSuccess);
	assert_int_equal(sim_set_param(&quiet, JET_paramCreatePathIfNotExist, 1, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&quiet, 0), JET_errSuccess);
	assert_int_equal(sim_begin_session(quiet, &quiet_ses), JET_errSuccess);
	assert_int_equal(sim_commit_transaction(quiet_ses, JET_bitForceNewLog), JET_errSuccess);
	assert_int_equal(os_path_exists("q/edb.log"), 0);
	assert_int_equal(os_path_exists("q/edb00001.log"), 0);
}

static void instance_list(void **state)
{
	uintptr_t a, b;
	struct sim_instance_info *list;
	unsigned n;
	assert_int_equal(sim_list_instances(&list, &n), JET_errSuccess);
	assert_int_equal(n, 0);
	assert_null(list);
	assert_int_equal(sim_create_instance(&a, "a", "Display A"), JET_errSuccess);
	assert_int_equal(sim_create_instance(&b, NULL, NULL), JET_errSuccess);
	assert_int_equal(sim_init(&a, 0), JET_errSuccess);
	assert_int_equal(sim_list_instances(&list, &n), JET_errSuccess);
	assert_int_equal(n, 2);
	assert_true(list[0].handle == a);
	assert_string_equal(list[0].name, "a");
	assert_string_equal(list[0].display_name, "Display A");
	assert_true(list[1].handle == b);
	assert_null(list[1].name);
	sim_free_instance_list(list, n);
}

static void version_is_packed_like_the_engine(void **state)
{
	uint32_t v = sim_engine_version();
	assert_int_equal(v >> 28, 10);
	assert_int_equal((v & 0xFFFFFF) >> 8, 19041);
}

static void read_head(const char *path, unsigned char *buf, size_t n)
{
	os_file *f;
	size_t got = 0;
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(os_file_read_at(f, 0, buf, n, &got), OS_OK);
	assert_int_equal(got, n);
	os_file_close(f);
}

/* The log header and the checkpoint carry what ESE fills: the database
 * page size itself (not 0), the engine's format version, the parameter
 * block (INST::SaveDBMSParams: paths, limits, log file size in sectors);
 * the checkpoint's flags byte and its database-consistency position. */
static void log_and_checkpoint_headers_as_ese_fills_them(void **state)
{
	uintptr_t inst, ses;
	unsigned char log[4096], chk[4096];
	char cwd[2048], folder[2200];

	start_instance("h", "i", &inst, &ses);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	read_head(os_path_exists("i/edb.log") == 1 ? "i/edb.log" : "i/edb.jtx", log, sizeof log);
	read_head(os_path_exists("i/edb.chk") == 1 ? "i/edb.chk" : "i/edb.jcp", chk, sizeof chk);
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(folder, sizeof folder, "%s/i/", cwd);

	assert_int_equal(get16(log + 14), 4096);          /* le_cbPageSize */
	assert_int_equal(get32(log + 661), 9180);         /* le_efvEngineCurrentDiagnostic */
	assert_string_equal((const char *)log + 72, folder);        /* szSystemPath */
	assert_string_equal((const char *)log + 72 + 261, folder);  /* szLogFilePath */
	assert_int_equal(get32(log + 72 + 523), 128);     /* le_lSessionsMax */
	assert_int_equal(get32(log + 72 + 527), 300);     /* le_lOpenTablesMax */
	assert_int_equal(get32(log + 72 + 531), 64);      /* le_lVerPagesMax */
	assert_int_equal(get32(log + 72 + 535), 1024);    /* le_lCursorsMax */
	assert_int_equal(get32(log + 72 + 539), 126);     /* le_lLogBuffers */
	assert_int_equal(get32(log + 72 + 543), 32);      /* le_lcsecLGFile: 128 KiB */
	assert_int_equal(get32(log + 72 + 547), 8192);    /* le_ulCacheSizeMax */
	assert_int_equal(get32(log), checksum_header(log, sizeof log));

	assert_int_equal(chk[647], 0);                     /* no attach list follows */
	assert_memory_equal(chk + 648, chk + 12, 8);       /* lgposDbConsistency */
	assert_string_equal((const char *)chk + 48, folder);
	assert_int_equal(get32(chk + 48 + 523), 128);
	assert_int_equal(get32(chk + 48 + 543), 32);
	assert_int_equal(get32(chk), checksum_header(chk, sizeof chk));

	/* the log set's size, not the parameter's: a set of 128 KiB logs
	 * resumed under JET_paramLogFileSize 256 KiB */
	{
		static const unsigned ids[] = { JET_paramLogFileSize, 0 };
		static const intptr_t size[] = { 256, 0 };
		start_instance_with("h2", "i", &inst, &ses, ids, size);
		assert_int_equal(sim_term(inst, 0), JET_errSuccess);
		read_head(os_path_exists("i/edb.chk") == 1 ? "i/edb.chk" : "i/edb.jcp", chk, sizeof chk);
		assert_int_equal(get32(chk + 48 + 543), 32);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(create_requires_out_pointer),
		CASE(log_and_checkpoint_headers_as_ese_fills_them),
		CASE(create_init_term_multi_instance),
		CASE(instance_names_are_unique),
		CASE(too_many_instances),
		CASE(one_instance_mode_rules),
		CASE(init_null_in_one_instance_mode),
		CASE(multi_instance_mode_rules),
		CASE(term_of_created_instance_frees_it),
		CASE(bad_grbits),
		CASE(failed_init_frees_the_instance),
		CASE(empty_paths),
		CASE(create_path_if_not_exist),
		CASE(paths_in_use),
		CASE(parameters_by_scope_and_time),
		CASE(string_parameter_rules),
		CASE(path_parameters_are_full_paths),
		CASE(path_parameter_limits),
		CASE(entering_a_created_or_stopped_instance),
		CASE(background_stop_and_resume),
		CASE(instance_files_on_disk),
		CASE(file_names_follow_parameters),
		CASE(calls_during_term),
		CASE(sessions),
		CASE(commit_forces_a_new_log),
		CASE(instance_list),
		CASE(version_is_packed_like_the_engine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
