/*
 * The parameter table.  Defaults are ESENT's (the JetSetSystemParameter
 * reference page, "System Parameters" pages of the ESE docs, and the engine's
 * sysparamtable where the pages are silent).  Ids the engine accepts but the
 * simulator gives no meaning to are still stored and returned, so that
 * applications that tune them keep working.
 */
#include "instance/params.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"
#include "os/os.h"

#define INT_ANY INTPTR_MIN, INTPTR_MAX
#define KI(n) ((intptr_t)(n) * 1024)

static const struct param_def table[] = {
	{ 0, "SystemPath", PARAM_STRING, PARAM_PATH, 0, ".", 0, 0 },
	/* the temporary database's file, or a folder (ending in a separator)
	 * for tmp.edb; relative to the system path (jetapi.cxx ErrInit) */
	{ 1, "TempPath", PARAM_STRING, PARAM_PATH_OR_FILE, 0, "tmp.edb", 0, 0 },
	{ 2, "LogFilePath", PARAM_STRING, PARAM_PATH, 0, ".", 0, 0 },
	{ 3, "BaseName", PARAM_STRING, 0, 0, "edb", 0, 0 },
	{ 4, "EventSource", PARAM_STRING, PARAM_RUNTIME, 0, "", 0, 0 },
	{ 5, "MaxSessions", PARAM_INTEGER, 0, 128, NULL, 0, 30000 },
	{ 6, "MaxOpenTables", PARAM_INTEGER, 0, 300, NULL, 0, INTPTR_MAX },
	{ 7, "PreferredMaxOpenTables", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 8, "MaxCursors", PARAM_INTEGER, 0, 1024, NULL, 0, INTPTR_MAX },
	{ 9, "MaxVerPages", PARAM_INTEGER, 0, 64, NULL, 0, INTPTR_MAX },
	{ 10, "MaxTemporaryTables", PARAM_INTEGER, 0, 20, NULL, 0, INTPTR_MAX },
	/* in KiB; bounds from the LogFileSize reference: 128 KiB .. 32 MiB */
	{ 11, "LogFileSize", PARAM_INTEGER, 0, 5120, NULL, 128, 32768 },
	{ 12, "LogBuffers", PARAM_INTEGER, 0, 126, NULL, 1, INTPTR_MAX },
	{ 13, "WaitLogFlush", PARAM_INTEGER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 14, "LogCheckpointPeriod", PARAM_INTEGER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 15, "LogWaitingUserMax", PARAM_INTEGER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 16, "CommitDefault", PARAM_INTEGER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 17, "CircularLog", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 18, "DbExtensionSize", PARAM_INTEGER, PARAM_RUNTIME, 256, NULL, 1, INTPTR_MAX },
	{ 19, "PageTempDBMin", PARAM_INTEGER, 0, 0, NULL, 0, INTPTR_MAX },
	{ 20, "PageFragment", PARAM_INTEGER, PARAM_RUNTIME, 8, NULL, INT_ANY },
	{ 22, "BatchIOBufferMax", PARAM_INTEGER, PARAM_GLOBAL, 64, NULL, INT_ANY },
	{ 23, "CacheSizeMax", PARAM_INTEGER, PARAM_GLOBAL | PARAM_RUNTIME, 8192, NULL, 1, INTPTR_MAX },
	{ 24, "CheckpointDepthMax", PARAM_INTEGER, PARAM_RUNTIME, KI(20 * 1024), NULL, 0, INTPTR_MAX },
	{ 25, "LRUKCorrInterval", PARAM_INTEGER, PARAM_GLOBAL, 128000, NULL, INT_ANY },
	{ 26, "LRUKHistoryMax", PARAM_INTEGER, PARAM_GLOBAL, 1024, NULL, INT_ANY },
	{ 27, "LRUKPolicy", PARAM_INTEGER, PARAM_GLOBAL, 2, NULL, INT_ANY },
	{ 28, "LRUKTimeout", PARAM_INTEGER, PARAM_GLOBAL, 100, NULL, INT_ANY },
	{ 29, "LRUKTrxCorrInterval", PARAM_INTEGER, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 30, "OutstandingIOMax", PARAM_INTEGER, PARAM_GLOBAL, 1024, NULL, INT_ANY },
	{ 31, "StartFlushThreshold", PARAM_INTEGER, PARAM_GLOBAL | PARAM_RUNTIME, 100, NULL, INT_ANY },
	{ 32, "StopFlushThreshold", PARAM_INTEGER, PARAM_GLOBAL | PARAM_RUNTIME, 400, NULL, INT_ANY },
	/* "On" or "Off"; any other text is refused */
	{ 34, "Recovery", PARAM_STRING, 0, 0, "On", 0, 0 },
	{ 35, "EnableOnlineDefrag", PARAM_INTEGER, PARAM_RUNTIME, 1, NULL, INT_ANY },
	{ 41, "CacheSize", PARAM_INTEGER, PARAM_GLOBAL | PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 44, "CheckFormatWhenOpenFail", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 45, "EnableIndexChecking", PARAM_BOOLEAN, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 46, "EnableTempTableVersioning", PARAM_BOOLEAN, 0, 1, NULL, INT_ANY },
	{ 47, "IgnoreLogVersion", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 48, "DeleteOldLogs", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 49, "EventSourceKey", PARAM_STRING, PARAM_RUNTIME, 0, "", 0, 0 },
	{ 50, "NoInformationEvent", PARAM_BOOLEAN, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 51, "EventLoggingLevel", PARAM_INTEGER, PARAM_RUNTIME, 75, NULL, INT_ANY },
	{ 52, "DeleteOutOfRangeLogs", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 53, "AccessDeniedRetryPeriod", PARAM_INTEGER, PARAM_RUNTIME, 10000, NULL, INT_ANY },
	{ 54, "EnableIndexCleanup", PARAM_BOOLEAN, PARAM_GLOBAL, 1, NULL, INT_ANY },
	{ 60, "CacheSizeMin", PARAM_INTEGER, PARAM_GLOBAL | PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 63, "PreferredVerPages", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	/* bytes; ESENT default 4 KiB (engine notes §2.2 item 11) */
	{ 64, "DatabasePageSize", PARAM_INTEGER, PARAM_GLOBAL, 4096, NULL, 2048, 32768 },
	{ 65, "DisableCallbacks", PARAM_BOOLEAN, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 69, "LogFileCreateAsynch", PARAM_BOOLEAN, 0, 1, NULL, INT_ANY },
	{ 70, "ErrorToString", PARAM_STRING, PARAM_GLOBAL | PARAM_READONLY, 0, "", 0, 0 },
	{ 71, "ZeroDatabaseDuringBackup", PARAM_BOOLEAN, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 72, "UnicodeIndexDefault", PARAM_POINTER, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 73, "RuntimeCallback", PARAM_POINTER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 77, "CleanupMismatchedLogFiles", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 78, "RecordUpgradeDirtyLevel", PARAM_INTEGER, 0, 1, NULL, INT_ANY },
	{ 81, "GlobalMinVerPages", PARAM_INTEGER, PARAM_GLOBAL, 64, NULL, INT_ANY },
	/* milliseconds; engine notes §2.4 (sysparamtable default) */
	{ 82, "OSSnapshotTimeout", PARAM_INTEGER, PARAM_GLOBAL | PARAM_RUNTIME, 70000, NULL, 0, INT32_MAX },
	{ 98, "ExceptionAction", PARAM_INTEGER, PARAM_GLOBAL | PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 99, "EventLogCache", PARAM_INTEGER, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 100, "CreatePathIfNotExist", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 101, "PageHintCacheSize", PARAM_INTEGER, PARAM_GLOBAL, 256 * 1024, NULL, INT_ANY },
	{ 102, "OneDatabasePerSession", PARAM_BOOLEAN, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 104, "MaxInstances", PARAM_INTEGER, PARAM_GLOBAL, 16, NULL, 1, 1024 },
	{ 105, "VersionStoreTaskQueueMax", PARAM_INTEGER, 0, 32, NULL, INT_ANY },
	{ 107, "DisablePerfmon", PARAM_BOOLEAN, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 110, "IndexTuplesLengthMin", PARAM_INTEGER, 0, 3, NULL, INT_ANY },
	{ 111, "IndexTuplesLengthMax", PARAM_INTEGER, 0, 10, NULL, INT_ANY },
	{ 112, "IndexTuplesToIndexMax", PARAM_INTEGER, 0, 32767, NULL, INT_ANY },
	{ 113, "AlternateDatabaseRecoveryPath", PARAM_STRING, PARAM_PATH, 0, "", 0, 0 },
	{ 125, "CachedClosedTables", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 126, "EnableFileCache", PARAM_BOOLEAN, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 127, "EnableViewCache", PARAM_BOOLEAN, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 128, "VerPageSize", PARAM_INTEGER, PARAM_GLOBAL, 8192, NULL, INT_ANY },
	{ 129, "Configuration", PARAM_INTEGER, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 130, "EnableAdvanced", PARAM_BOOLEAN, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 131, "MaxColtyp", PARAM_INTEGER, PARAM_GLOBAL | PARAM_READONLY, 17, NULL, INT_ANY },
	{ 132, "IndexTupleIncrement", PARAM_INTEGER, 0, 1, NULL, INT_ANY },
	{ 133, "IndexTupleStart", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 134, "KeyMost", PARAM_INTEGER, PARAM_GLOBAL | PARAM_READONLY, 255, NULL, INT_ANY },
	{ 135, "CheckpointIOMax", PARAM_INTEGER, 0, 32, NULL, INT_ANY },
	/* ESE98FileNames | EightDotThreeSoftCompat (engine notes §2.2 item 11) */
	{ 136, "LegacyFileNames", PARAM_INTEGER, 0, 3, NULL, 0, 3 },
	{ 137, "TableClass1Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 138, "TableClass2Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 139, "TableClass3Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 140, "TableClass4Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 141, "TableClass5Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 142, "TableClass6Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 143, "TableClass7Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 144, "TableClass8Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 145, "TableClass9Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 146, "TableClass10Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 147, "TableClass11Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 148, "TableClass12Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 149, "TableClass13Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 150, "TableClass14Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 151, "TableClass15Name", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 152, "IOPriority", PARAM_INTEGER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 153, "WaypointLatency", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 156, "EnablePersistedCallbacks", PARAM_BOOLEAN, 0, 1, NULL, INT_ANY },
	{ 157, "AggressiveLogRollover", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 160, "DefragmentSequentialBTrees", PARAM_BOOLEAN, 0, 1, NULL, INT_ANY },
	{ 161, "DefragmentSequentialBTreesDensityCheckFrequency", PARAM_INTEGER, 0, 10, NULL, INT_ANY },
	{ 162, "IOThrottlingTimeQuanta", PARAM_INTEGER, 0, 100, NULL, INT_ANY },
	{ 163, "LVChunkSizeMost", PARAM_INTEGER, PARAM_READONLY, 0, NULL, INT_ANY },
	{ 164, "MaxCoalesceReadSize", PARAM_INTEGER, PARAM_GLOBAL, 256 * 1024, NULL, INT_ANY },
	{ 165, "MaxCoalesceWriteSize", PARAM_INTEGER, PARAM_GLOBAL, 256 * 1024, NULL, INT_ANY },
	{ 166, "MaxCoalesceReadGapSize", PARAM_INTEGER, PARAM_GLOBAL, 256 * 1024, NULL, INT_ANY },
	{ 167, "MaxCoalesceWriteGapSize", PARAM_INTEGER, PARAM_GLOBAL, 256 * 1024, NULL, INT_ANY },
	{ 169, "EnableDBScanInRecovery", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 170, "DbScanThrottle", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 171, "DbScanIntervalMinSec", PARAM_INTEGER, 0, 86400, NULL, INT_ANY },
	{ 172, "DbScanIntervalMaxSec", PARAM_INTEGER, 0, 604800, NULL, INT_ANY },
	{ 177, "CachePriority", PARAM_INTEGER, PARAM_RUNTIME, 100, NULL, 0, 1000 },
	{ 178, "MaxTransactionSize", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 179, "PrereadIOMax", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 180, "EnableDBScanSerialization", PARAM_BOOLEAN, 0, 0, NULL, INT_ANY },
	{ 181, "HungIOThreshold", PARAM_INTEGER, 0, 30000, NULL, INT_ANY },
	{ 182, "HungIOActions", PARAM_INTEGER, 0, 0, NULL, INT_ANY },
	{ 183, "MinDataForXpress", PARAM_INTEGER, 0, 1024, NULL, INT_ANY },
	{ 184, "EnableShrinkDatabase", PARAM_INTEGER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 186, "ProcessFriendlyName", PARAM_STRING, PARAM_GLOBAL, 0, "", 0, 0 },
	{ 187, "DurableCommitCallback", PARAM_POINTER, PARAM_RUNTIME, 0, NULL, INT_ANY },
	{ 188, "EnableSqm", PARAM_BOOLEAN, PARAM_GLOBAL, 0, NULL, INT_ANY },
	{ 189, "ConfigStoreSpec", PARAM_STRING, 0, 0, "", 0, 0 },
};

const struct param_def *param_lookup(unsigned id)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].id == id)
			return &table[i];
	return NULL;
}

static char *normalised_path(const struct param_def *def, const char *s);
static char *with_separator(const char *s);

static char *copy_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = malloc(n);
	if (c)
		memcpy(c, s, n);
	return c;
}

int param_values_init_defaults(struct param_values *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		const struct param_def *d = &table[i];
		v->value[d->id] = d->default_value;
		if (d->type != PARAM_STRING)
			continue;
		/* the engine's default folders are ".\\", kept as such */
		v->string[d->id] = (d->flags & PARAM_PATH) && *d->default_string
			? with_separator(d->default_string) : copy_string(d->default_string);
		if (!v->string[d->id]) {
			param_values_free(v);
			return JET_errOutOfMemory;
		}
	}
	return JET_errSuccess;
}

int param_values_copy(struct param_values *to, const struct param_values *from)
{
	memcpy(to->value, from->value, sizeof to->value);
	memset(to->string, 0, sizeof to->string);
	for (unsigned id = 0; id < PARAM_ID_LIMIT; id++) {
		if (from->string[id] && !(to->string[id] = copy_string(from->string[id]))) {
			param_values_free(to);
			return JET_errOutOfMemory;
		}
	}
	return JET_errSuccess;
}

void param_values_free(struct param_values *v)
{
	for (unsigned id = 0; id < PARAM_ID_LIMIT; id++) {
		free(v->string[id]);
		v->string[id] = NULL;
	}
}

static int is_separator(char c)
{
	return c == '\\' || c == '/';
}

/* A folder's value with the separator file names are joined with. */
static char *with_separator(const char *s)
{
	size_t n = strlen(s);
	char *c = malloc(n + 2);
	if (!c)
		return NULL;
	memcpy(c, s, n);
	if (n == 0 || !is_separator(s[n - 1]))
		c[n++] = os_path_separator();
	c[n] = 0;
	return c;
}

/* The form a path parameter is kept in, fixed at set time as the engine
 * does (jetapi.cxx, CJetParam::SetFolder and SetPath): completed to a full
 * path against the current folder, "." and ".." resolved, so a program's
 * later change of folder moves nothing and the value reads back full.  A
 * folder ends with the separator the engine joins file names with
 * (ErrPathFolderNorm), so "C:\logs" and "C:\logs\" are the same value.
 * JET_paramTempPath keeps a bare file name as given: JetInit puts it in
 * the system folder (jetapi.cxx, ErrInit).  "" stays "": JetInit refuses
 * it with the folder's own code. */
static char *normalised_path(const struct param_def *def, const char *s)
{
	size_t n = strlen(s);
	int folder = (def->flags & PARAM_PATH) != 0, ends = n > 0 && is_separator(s[n - 1]);
	int bare_name = !folder && !ends && !strchr(s, '/') && !strchr(s, '\\') && !strchr(s, ':');
	char *full, *c;

	if (n == 0 || bare_name)
		return copy_string(s);
	full = os_full_path(s);
	if (!full)
		return NULL;
	if (!(folder || ends))
		return full;
	c = with_separator(full);
	free(full);
	return c;
}

static size_t utf16_length(const char *utf8)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			n += *p >= 0xF0 ? 2 : 1;   /* beyond the BMP: a surrogate pair */
	}
	return n;
}

/* The engine's length limits on path parameters (jetapi.cxx,
 * CJetParam::SetFolder and SetPath, with sysparamtable.g.cxx's rangeHigh):
 * the completed path, a folder with its separator, holds at most 246
 * UTF-16 units (JET_paramSystemPath, JET_paramLogFilePath,
 * JET_paramAlternateDatabaseRecoveryPath) or 247 (JET_paramTempPath), else
 * JET_errInvalidParameter.  Before that, a path _wfullpath cannot complete
 * within MAX_PATH (260 units with the NUL) is JET_errInvalidPath
 * (osfs.cxx, ErrPathComplete), and a folder the separator would take past
 * it JET_errBufferTooSmall (ErrPathFolderNorm). */
#define PATH_UNITS_MAX 260
#define FOLDER_PARAM_MAX 246
#define TEMP_PATH_PARAM_MAX 247

static int path_length_check(const struct param_def *def, const char *s)
{
	size_t units;
	char *full;
	if (!*s)
		return JET_errSuccess;
	full = os_full_path(s);
	if (!full)
		return JET_errInvalidPath;
	units = utf16_length(full);
	if (units + 1 > PATH_UNITS_MAX) {
		free(full);
		return JET_errInvalidPath;
	}
	if ((def->flags & PARAM_PATH) && !is_separator(full[strlen(full) - 1])) {
		units++;
		if (units + 1 > PATH_UNITS_MAX) {
			free(full);
			return JET_errBufferTooSmall;
		}
	}
	free(full);
	return units > ((def->flags & PARAM_PATH) ? FOLDER_PARAM_MAX : TEMP_PATH_PARAM_MAX)
		       ? JET_errInvalidParameter : JET_errSuccess;
}

int param_same(const struct param_values *v, const struct param_def *def, intptr_t value,
	       const char *string)
{
	char *normal;
	int same;
	switch (def->type) {
	case PARAM_STRING:
		if (!string)
			return 0;
		normal = (def->flags & (PARAM_PATH | PARAM_PATH_OR_FILE)) ? normalised_path(def, string)
									  : copy_string(string);
		same = normal && strcmp(normal, param_string(v, def->id)) == 0;
		free(normal);
		return same;
	case PARAM_BOOLEAN:
		return (value != 0) == (v->value[def->id] != 0);
	default:
		return value == v->value[def->id];
	}
}

int param_store(struct param_values *v, const struct param_def *def,
		intptr_t value, const char *string)
{
	char *copy;

	if (!def || def->id >= PARAM_ID_LIMIT || (def->flags & PARAM_READONLY))
		return JET_errInvalidParameter;
	switch (def->type) {
	case PARAM_STRING:
		/* the engine takes NULL as "" where "" is a valid value */
		if (!string && (def->flags & (PARAM_PATH | PARAM_PATH_OR_FILE) ||
				def->id == JET_paramBaseName || def->id == JET_paramRecovery))
			return JET_errInvalidParameter;
		if (!string)
			string = "";
		/* three characters, as the engine counts them: UTF-16 units */
		if (def->id == JET_paramBaseName && utf16_length(string) != 3)
			return JET_errInvalidParameter;
		if (def->id == JET_paramRecovery) {
			/* the engine compares case-insensitively against these two */
			if (strlen(string) > 3)
				return JET_errInvalidParameter;
			char lower[4] = { 0 };
			for (size_t i = 0; string[i]; i++)
				lower[i] = (char)(string[i] | 0x20);
			if (strcmp(lower, "on") != 0 && strcmp(lower, "off") != 0)
				return JET_errInvalidParameter;
		}
		if (def->flags & (PARAM_PATH | PARAM_PATH_OR_FILE)) {
			int err = path_length_check(def, string);
			if (err)
				return err;
		}
		copy = (def->flags & (PARAM_PATH | PARAM_PATH_OR_FILE)) ? normalised_path(def, string)
									: copy_string(string);
		if (!copy)
			return JET_errOutOfMemory;
		free(v->string[def->id]);
		v->string[def->id] = copy;
		return JET_errSuccess;
	case PARAM_BOOLEAN:
		v->value[def->id] = value != 0;
		return JET_errSuccess;
	case PARAM_INTEGER:
		if (value < def->min || value > def->max)
			return JET_errInvalidParameter;
		if (def->id == JET_paramDatabasePageSize &&
		    value != 2048 && value != 4096 && value != 8192 && value != 16384 && value != 32768)
			return JET_errInvalidParameter;
		v->value[def->id] = value;
		return JET_errSuccess;
	case PARAM_POINTER:
		v->value[def->id] = value;
		return JET_errSuccess;
	}
	return JET_errInvalidParameter;
}

intptr_t param_int(const struct param_values *v, unsigned id)
{
	return id < PARAM_ID_LIMIT ? v->value[id] : 0;
}

const char *param_string(const struct param_values *v, unsigned id)
{
	return id < PARAM_ID_LIMIT && v->string[id] ? v->string[id] : "";
}
