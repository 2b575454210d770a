/*
 * Restore exports: JetExternalRestore*, JetExternalRestore2*,
 * JetRestoreInstance*, JetRestore*, JetRestore2*.  Paths and the
 * JET_RSTMAP become UTF-8; the engine's status calls become JET_PFNSTATUS
 * calls of JET_snpRestore with a JET_SNPROG.  The instance-less forms pass
 * legacy = 1 (one-instance mode's).
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "restore/restore.h"
#include "status.h"
#include "strings.h"

/* The strings of one call, converted from the A or W form. */
struct restore_strings {
	char *checkpoint, *logs, *backup_logs, *base, *target_name, *target_logs, *target_checkpoint;
	struct restore_map_entry *map;
	long map_count;
	JET_ERR err;
};

static void restore_strings_free(struct restore_strings *s)
{
	for (long i = 0; s->map && i < s->map_count; i++) {
		free((char *)s->map[i].database);
		free((char *)s->map[i].new_database);
	}
	free(s->map);
	free(s->checkpoint);
	free(s->logs);
	free(s->backup_logs);
	free(s->base);
	free(s->target_name);
	free(s->target_logs);
	free(s->target_checkpoint);
}

static JET_ERR external_restore(struct restore_strings *s, const void *rgrstmap, long genLow,
				long genHigh, JET_PFNSTATUS pfn)
{
	struct status_call call = { pfn, JET_snpRestore, 0 };
	struct external_restore r = {
		.checkpoint_path = s->checkpoint, .log_path = s->logs,
		.map = s->map, .map_count = (unsigned)s->map_count,
		.backup_log_path = s->backup_logs,
		.gen_low = (uint32_t)genLow, .gen_high = (uint32_t)genHigh,
		.base_name = s->base, .target_name = s->target_name,
		.target_log_path = s->target_logs, .target_checkpoint_path = s->target_checkpoint,
		.status = pfn ? status_call : NULL, .status_ctx = &call,
	};
	JET_ERR err = s->err;
	if (!err && (s->map_count < 0 || (s->map_count && !rgrstmap)))
		err = JET_errInvalidParameter;
	if (!err)
		err = sim_external_restore(&r);
	restore_strings_free(s);
	return err;
}

static void map_from_a(struct restore_strings *s, const JET_RSTMAP_A *map, long count)
{
	s->map_count = count;
	if (!map || count <= 0)
		return;
	if (!(s->map = calloc((size_t)count, sizeof *s->map))) {
		s->err = JET_errOutOfMemory;
		return;
	}
	for (long i = 0; i < count; i++) {
		s->map[i].database = utf8_from_a(map[i].szDatabaseName, &s->err);
		s->map[i].new_database = utf8_from_a(map[i].szNewDatabaseName, &s->err);
	}
}

static void map_from_w(struct restore_strings *s, const JET_RSTMAP_W *map, long count)
{
	s->map_count = count;
	if (!map || count <= 0)
		return;
	if (!(s->map = calloc((size_t)count, sizeof *s->map))) {
		s->err = JET_errOutOfMemory;
		return;
	}
	for (long i = 0; i < count; i++) {
		s->map[i].database = utf8_from_w(map[i].szDatabaseName, &s->err);
		s->map[i].new_database = utf8_from_w(map[i].szNewDatabaseName, &s->err);
	}
}

JET_ERR JET_API JetExternalRestoreA(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath,
				    JET_RSTMAP_A *rgrstmap, long crstfilemap,
				    JET_PSTR szBackupLogPath, long genLow, long genHigh,
				    JET_PFNSTATUS pfn)
{
	struct restore_strings s = { 0 };
	s.checkpoint = utf8_from_a(szCheckpointFilePath, &s.err);
	s.logs = utf8_from_a(szLogPath, &s.err);
	s.backup_logs = utf8_from_a(szBackupLogPath, &s.err);
	map_from_a(&s, rgrstmap, crstfilemap);
	return external_restore(&s, rgrstmap, genLow, genHigh, pfn);
}

JET_ERR JET_API JetExternalRestoreW(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
				    JET_RSTMAP_W *rgrstmap, long crstfilemap,
				    JET_PWSTR szBackupLogPath, long genLow, long genHigh,
				    JET_PFNSTATUS pfn)
{
	struct restore_strings s = { 0 };
	s.checkpoint = utf8_from_w(szCheckpointFilePath, &s.err);
	s.logs = utf8_from_w(szLogPath, &s.err);
	s.backup_logs = utf8_from_w(szBackupLogPath, &s.err);
	map_from_w(&s, rgrstmap, crstfilemap);
	return external_restore(&s, rgrstmap, genLow, genHigh, pfn);
}

/* The generations and the base name come from pLogInfo, which must be
 * there with its size set (jetapi.cxx, JetExternalRestore2Ex). */
JET_ERR JET_API JetExternalRestore2A(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath,
				     JET_RSTMAP_A *rgrstmap, long crstfilemap,
				     JET_PSTR szBackupLogPath, JET_LOGINFO_A *pLogInfo,
				     JET_PSTR szTargetInstanceName, JET_PSTR szTargetInstanceLogPath,
				     JET_PSTR szTargetInstanceCheckpointPath, JET_PFNSTATUS pfn)
{
	struct restore_strings s = { 0 };
	char base[sizeof pLogInfo->szBaseName];
	if (!pLogInfo || pLogInfo->cbSize != sizeof *pLogInfo)
		return JET_errInvalidParameter;
	memcpy(base, pLogInfo->szBaseName, sizeof base);
	base[sizeof base - 1] = 0;
	s.checkpoint = utf8_from_a(szCheckpointFilePath, &s.err);
	s.logs = utf8_from_a(szLogPath, &s.err);
	s.backup_logs = utf8_from_a(szBackupLogPath, &s.err);
	s.base = utf8_from_a(base, &s.err);
	s.target_name = utf8_from_a(szTargetInstanceName, &s.err);
	s.target_logs = utf8_from_a(szTargetInstanceLogPath, &s.err);
	s.target_checkpoint = utf8_from_a(szTargetInstanceCheckpointPath, &s.err);
	map_from_a(&s, rgrstmap, crstfilemap);
	return external_restore(&s, rgrstmap, (long)pLogInfo->ulGenLow, (long)pLogInfo->ulGenHigh,
				pfn);
}

JET_ERR JET_API JetExternalRestore2W(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
				     JET_RSTMAP_W *rgrstmap, long crstfilemap,
				     JET_PWSTR szBackupLogPath, JET_LOGINFO_W *pLogInfo,
				     JET_PWSTR szTargetInstanceName, JET_PWSTR szTargetInstanceLogPath,
				     JET_PWSTR szTargetInstanceCheckpointPath, JET_PFNSTATUS pfn)
{
	struct restore_strings s = { 0 };
	WCHAR base[sizeof pLogInfo->szBaseName / sizeof(WCHAR)];
	if (!pLogInfo || pLogInfo->cbSize != sizeof *pLogInfo)
		return JET_errInvalidParameter;
	memcpy(base, pLogInfo->szBaseName, sizeof base);
	base[sizeof base / sizeof base[0] - 1] = 0;
	s.checkpoint = utf8_from_w(szCheckpointFilePath, &s.err);
	s.logs = utf8_from_w(szLogPath, &s.err);
	s.backup_logs = utf8_from_w(szBackupLogPath, &s.err);
	s.base = utf8_from_w(base, &s.err);
	s.target_name = utf8_from_w(szTargetInstanceName, &s.err);
	s.target_logs = utf8_from_w(szTargetInstanceLogPath, &s.err);
	s.target_checkpoint = utf8_from_w(szTargetInstanceCheckpointPath, &s.err);
	map_from_w(&s, rgrstmap, crstfilemap);
	return external_restore(&s, rgrstmap, (long)pLogInfo->ulGenLow, (long)pLogInfo->ulGenHigh,
				pfn);
}

static JET_ERR restore_instance(JET_INSTANCE instance, int legacy, char *backup, char *dest,
				JET_PFNSTATUS pfn, JET_ERR conversion)
{
	struct status_call call = { pfn, JET_snpRestore, 0 };
	JET_ERR err = conversion ? conversion
		: sim_restore_instance(instance, legacy, backup, dest, pfn ? status_call : NULL, &call);
	free(backup);
	free(dest);
	return err;
}

JET_ERR JET_API JetRestoreInstanceA(JET_INSTANCE instance, JET_PCSTR sz, JET_PCSTR szDest,
				    JET_PFNSTATUS pfn)
{
	JET_ERR conv = JET_errSuccess;
	char *backup = utf8_from_a(sz, &conv), *dest = utf8_from_a(szDest, &conv);
	return restore_instance(instance, 0, backup, dest, pfn, conv);
}

JET_ERR JET_API JetRestoreInstanceW(JET_INSTANCE instance, JET_PCWSTR sz, JET_PCWSTR szDest,
				    JET_PFNSTATUS pfn)
{
	JET_ERR conv = JET_errSuccess;
	char *backup = utf8_from_w(sz, &conv), *dest = utf8_from_w(szDest, &conv);
	return restore_instance(instance, 0, backup, dest, pfn, conv);
}

JET_ERR JET_API JetRestore2A(JET_PCSTR sz, JET_PCSTR szDest, JET_PFNSTATUS pfn)
{
	JET_ERR conv = JET_errSuccess;
	char *backup = utf8_from_a(sz, &conv), *dest = utf8_from_a(szDest, &conv);
	return restore_instance(0, 1, backup, dest, pfn, conv);
}

JET_ERR JET_API JetRestore2W(JET_PCWSTR sz, JET_PCWSTR szDest, JET_PFNSTATUS pfn)
{
	JET_ERR conv = JET_errSuccess;
	char *backup = utf8_from_w(sz, &conv), *dest = utf8_from_w(szDest, &conv);
	return restore_instance(0, 1, backup, dest, pfn, conv);
}

JET_ERR JET_API JetRestoreA(JET_PCSTR sz, JET_PFNSTATUS pfn)
{
	return JetRestore2A(sz, NULL, pfn);
}

JET_ERR JET_API JetRestoreW(JET_PCWSTR sz, JET_PFNSTATUS pfn)
{
	return JetRestore2W(sz, NULL, pfn);
}
