/*
 * restore: brings back a backup made by backup_client, as the restore side
 * of a Windows backup program does it.
 *
 *   restore TARGET FULL [INCREMENTAL...] [--compare SOURCE] [--ansi] [--instance]
 *
 * FULL is the folder of a full backup (its databases and logs), each
 * INCREMENTAL the folder of an incremental backup taken after it (logs).
 * The databases are copied into TARGET (a fresh folder), the logs of every
 * folder into TARGET\backup-logs, and JetExternalRestore replays them onto
 * the copies, mapped by JET_RSTMAP.  Then every page of each restored
 * database is checked: its ESE checksum, and with --compare, that it
 * equals the page of the same database in SOURCE (the instance's folder,
 * shut down after the last backup with nothing written since).  The
 * restore's own log (the generation after the set's, where it logged its
 * end) is checked, and an instance started on it must change nothing.
 * Finally a fresh instance attaches the restored databases.  --ansi uses the A forms.
 * --instance restores FULL, a folder JetBackupInstance made (full and
 * incremental backups in one folder), with JetRestoreInstance into TARGET.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"
#include "ese_page.h"

#define DB_PAGE 4096
#define MAX_DATABASES 6

/* Windows' esent.h has these; MinGW's does not (its libesent.a imports
 * the functions). */
typedef struct {
	unsigned long ulGeneration;
	JET_SIGNATURE signLog;
	JET_LOGTIME logtimeCreate, logtimePreviousGeneration;
	unsigned long ulFlags, ulVersionMajor, ulVersionMinor, ulVersionUpdate;
	unsigned long cbSectorSize, csecHeader, csecLGFile, csecDbPageSize;
} LOG_INFO_MISC;   /* JET_LOGINFOMISC, level JET_LogInfoMisc */
JET_ERR JET_API JetGetLogFileInfoW(const WCHAR *szLog, void *pvResult, unsigned long cbMax,
				   unsigned long InfoLevel);

struct options {
	const WCHAR *target, *compare;
	const WCHAR *backups[8];
	unsigned backup_count;
	int ansi;
	int instance;
};

struct database {
	WCHAR name[MAX_PATH], restored[2 * MAX_PATH];
};

static int failed(const char *call, JET_ERR err)
{
	printf("error: %s returned %ld\n", call, (long)err);
	return 0;
}

#define CALL(call)                                  \
	do {                                        \
		JET_ERR err_ = (call);              \
		if (err_ < 0)                       \
			return failed(#call, err_); \
	} while (0)

static void join(WCHAR *out, const WCHAR *folder, const WCHAR *name)
{
	_snwprintf(out, 2 * MAX_PATH, L"%ls\\%ls", folder, name);
	out[2 * MAX_PATH - 1] = 0;
}

static char *ansi(const WCHAR *w)
{
	static char ring[4][4 * MAX_PATH];
	static unsigned next;
	char *out = ring[next++ % 4];
	if (!WideCharToMultiByte(CP_ACP, 0, w, -1, out, sizeof ring[0], NULL, NULL))
		out[0] = 0;
	return out;
}

/* Copies the files of `folder` matching `pattern` into `to`; the names of
 * the databases are kept in dbs. */
static int copy_matching(const WCHAR *folder, const WCHAR *pattern, const WCHAR *to,
			 struct database *dbs, unsigned *count)
{
	WCHAR glob[2 * MAX_PATH], from[2 * MAX_PATH], into[2 * MAX_PATH];
	WIN32_FIND_DATAW found;
	HANDLE find;
	join(glob, folder, pattern);
	find = FindFirstFileW(glob, &found);
	if (find == INVALID_HANDLE_VALUE)
		return 1;
	do {
		join(from, folder, found.cFileName);
		join(into, to, found.cFileName);
		if (!CopyFileW(from, into, FALSE)) {
			printf("error: cannot copy %s (Windows error %lu)\n", u8(from), GetLastError());
			FindClose(find);
			return 0;
		}
		if (dbs && *count < MAX_DATABASES) {
			wcscpy(dbs[*count].name, found.cFileName);
			wcscpy(dbs[(*count)++].restored, into);
		}
	} while (FindNextFileW(find, &found));
	FindClose(find);
	return 1;
}

static JET_ERR JET_API on_status(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
	const JET_SNPROG *prog = pv;
	if (snp != JET_snpRestore)
		return JET_errSuccess;
	if (snt == JET_sntBegin)
		printf("  restore begins\n");
	else if (snt == JET_sntProgress && prog)
		printf("  %lu%% of the logs replayed\n", prog->cunitDone * 100 / (prog->cunitTotal ? prog->cunitTotal : 1));
	else if (snt == JET_sntComplete)
		printf("  restore complete\n");
	return JET_errSuccess;
}

static int restore(const struct options *o, struct database *dbs, unsigned count,
		   const WCHAR *logs)
{
	JET_RSTMAP_W wmap[MAX_DATABASES];
	JET_RSTMAP_A amap[MAX_DATABASES];
	WCHAR target[2 * MAX_PATH];
	char atarget[4 * MAX_PATH], alogs[4 * MAX_PATH], anames[MAX_DATABASES][2][4 * MAX_PATH];
	for (unsigned i = 0; i < count; i++) {
		wmap[i].szDatabaseName = dbs[i].name;
		wmap[i].szNewDatabaseName = dbs[i].restored;
		strcpy(anames[i][0], ansi(dbs[i].name));
		strcpy(anames[i][1], ansi(dbs[i].restored));
		amap[i].szDatabaseName = anames[i][0];
		amap[i].szNewDatabaseName = anames[i][1];
	}
	_snwprintf(target, 2 * MAX_PATH, L"%ls\\", o->target);
	target[2 * MAX_PATH - 1] = 0;
	strcpy(atarget, ansi(target));
	strcpy(alogs, ansi(logs));
	if (o->ansi)
		CALL(JetExternalRestoreA(atarget, atarget, amap, (long)count, alogs, 0, 0, on_status));
	else
		CALL(JetExternalRestoreW(target, target, wmap, (long)count, (WCHAR *)logs, 0, 0,
					 on_status));
	return 1;
}

/* JetRestoreInstance of the folder into TARGET, for a fresh instance. */
static int restore_instance(const struct options *o, struct database *dbs, unsigned *count)
{
	WCHAR glob[2 * MAX_PATH], folder[2 * MAX_PATH];
	WIN32_FIND_DATAW found;
	HANDLE find;
	JET_INSTANCE inst;
	JET_ERR err;
	_snwprintf(folder, 2 * MAX_PATH, L"%ls\\logs\\", o->target);
	folder[2 * MAX_PATH - 1] = 0;
	CALL(JetCreateInstanceW(&inst, L"restoring"));
	CALL(JetSetSystemParameterW(&inst, 0, JET_paramSystemPath, 0, folder));
	CALL(JetSetSystemParameterW(&inst, 0, JET_paramLogFilePath, 0, folder));
	if (o->ansi)
		err = JetRestoreInstanceA(inst, ansi(o->backups[0]), ansi(o->target), on_status);
	else
		err = JetRestoreInstanceW(inst, o->backups[0], o->target, on_status);
	/* the instance stays uninitialised: JetTerm frees it */
	JetTerm(inst);
	CALL(err);
	join(glob, o->backups[0], L"*.edb");
	find = FindFirstFileW(glob, &found);
	if (find == INVALID_HANDLE_VALUE)
		return 1;
	do {
		if (*count < MAX_DATABASES) {
			wcscpy(dbs[*count].name, found.cFileName);
			join(dbs[(*count)++].restored, o->target, found.cFileName);
		}
	} while (FindNextFileW(find, &found));
	FindClose(find);
	return 1;
}

static HANDLE open_read(const WCHAR *path)
{
	return CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
}

/* Every data page of the restored file; with a source, equal to its page. */
static void check_pages(const struct database *d, const WCHAR *source_folder,
			unsigned long *checked, unsigned long *compared)
{
	WCHAR source[2 * MAX_PATH];
	unsigned char page[DB_PAGE], live[DB_PAGE];
	HANDLE f = open_read(d->restored), s = INVALID_HANDLE_VALUE;
	DWORD got, live_got = 0;
	unsigned long pgno = 0;
	if (source_folder) {
		join(source, source_folder, d->name);
		s = open_read(source);
		CHECK(s != INVALID_HANDLE_VALUE, "cannot open %s", u8(source));
	}
	CHECK(f != INVALID_HANDLE_VALUE, "cannot open %s", u8(d->restored));
	if (f == INVALID_HANDLE_VALUE)
		return;
	/* the header and its shadow first */
	SetFilePointer(f, 2 * DB_PAGE, NULL, FILE_BEGIN);
	if (s != INVALID_HANDLE_VALUE)
		SetFilePointer(s, 2 * DB_PAGE, NULL, FILE_BEGIN);
	while (ReadFile(f, page, DB_PAGE, &got, NULL) && got == DB_PAGE) {
		pgno++;
		CHECK(page_checksum_ok(page, pgno), "%s: page %lu does not verify", u8(d->name), pgno);
		(*checked)++;
		if (s != INVALID_HANDLE_VALUE && ReadFile(s, live, DB_PAGE, &live_got, NULL) &&
		    live_got == DB_PAGE) {
			CHECK(memcmp(page, live, DB_PAGE) == 0, "%s: page %lu differs from the source",
			      u8(d->name), pgno);
			(*compared)++;
		}
	}
	/* every page of the source has its restored copy */
	if (s != INVALID_HANDLE_VALUE) {
		CHECK(!ReadFile(s, live, DB_PAGE, &live_got, NULL) || live_got == 0,
		      "%s: the source has more pages than the restored copy", u8(d->name));
		CloseHandle(s);
	}
	CloseHandle(f);
}

/* The highest generation of the edbXXXXX.log files in a folder, and its
 * log's header; 0 when there is none. */
static unsigned long last_backup_log(const WCHAR *folder, LOG_INFO_MISC *info)
{
	WCHAR glob[2 * MAX_PATH], path[2 * MAX_PATH];
	WIN32_FIND_DATAW found;
	HANDLE find;
	unsigned long high = 0, gen;
	join(glob, folder, L"edb*.log");
	find = FindFirstFileW(glob, &found);
	if (find == INVALID_HANDLE_VALUE)
		return 0;
	do {
		if (swscanf(found.cFileName, L"edb%lx.log", &gen) == 1 && gen > high) {
			high = gen;
			join(path, folder, found.cFileName);
		}
	} while (FindNextFileW(find, &found));
	FindClose(find);
	if (high && JetGetLogFileInfoW(path, info, sizeof *info, JET_LogInfoMisc) < 0)
		high = 0;
	return high;
}

/* The restore ended in a log of its own in its log folder: edb.log, the
 * generation after the set's last, of the same log set.  An instance
 * started there finds that log clean: it replays nothing, and the
 * restored databases stay as they are. */
static int check_restore_log(const WCHAR *log_folder, const WCHAR *backup_logs,
			     const struct database *dbs, unsigned count)
{
	LOG_INFO_MISC last, own;
	WCHAR path[2 * MAX_PATH], folder[2 * MAX_PATH];
	unsigned long long before[MAX_DATABASES];
	unsigned long high = last_backup_log(backup_logs, &last);
	JET_INSTANCE inst;
	CHECK(high > 0, "no log in %s", u8(backup_logs));
	join(path, log_folder, L"edb.log");
	EXPECT(JET_errSuccess, JetGetLogFileInfoW(path, &own, sizeof own, JET_LogInfoMisc));
	CHECK(own.ulGeneration == high + 1, "the restore's log is generation %lu, not %lu",
	      own.ulGeneration, high + 1);
	CHECK(memcmp(&own.signLog, &last.signLog, sizeof own.signLog) == 0,
	      "the restore's log belongs to another log set");
	printf("  the restore's own log: generation %lu, after the set's last\n", own.ulGeneration);
	for (unsigned i = 0; i < count; i++)
		before[i] = hash_and_close(open_read(dbs[i].restored));
	_snwprintf(folder, 2 * MAX_PATH, L"%ls\\", log_folder);
	folder[2 * MAX_PATH - 1] = 0;
	CALL(JetCreateInstanceW(&inst, L"after the restore"));
	CALL(JetSetSystemParameterW(&inst, 0, JET_paramSystemPath, 0, folder));
	CALL(JetSetSystemParameterW(&inst, 0, JET_paramLogFilePath, 0, folder));
	CALL(JetInit(&inst));
	CALL(JetTerm(inst));
	for (unsigned i = 0; i < count; i++)
		CHECK(hash_and_close(open_read(dbs[i].restored)) == before[i],
		      "%s: changed by an instance started on the restore's log", u8(dbs[i].name));
	printf("  an instance started on that log changed no database\n");
	return 1;
}

/* A fresh instance takes the restored databases: each is consistent. */
static int attach_restored(const struct options *o, struct database *dbs, unsigned count)
{
	JET_INSTANCE inst;
	JET_SESID ses;
	WCHAR folder[2 * MAX_PATH];
	JET_DBINFOMISC misc;
	_snwprintf(folder, 2 * MAX_PATH, L"%ls\\instance\\", o->target);
	folder[2 * MAX_PATH - 1] = 0;
	for (unsigned i = 0; i < count; i++) {
		EXPECT(JET_errSuccess, JetGetDatabaseFileInfoW(dbs[i].restored, &misc, sizeof misc,
							       JET_DbInfoMisc));
		CHECK(misc.dbstate == JET_dbstateCleanShutdown, "%s: state %lu", u8(dbs[i].name),
		      misc.dbstate);
		/* a restore spends the copy's backup record and forgets the
		 * earlier ones, as the engine does at the end of recovery */
		CHECK(misc.bkinfoFullCur.genLow == 0 && misc.bkinfoFullPrev.genLow == 0 &&
		      misc.bkinfoIncPrev.genLow == 0,
		      "%s: backup records left after the restore", u8(dbs[i].name));
		printf("  %s: clean shutdown, backup records cleared\n", u8(dbs[i].name));
	}
	CALL(JetCreateInstanceW(&inst, L"restored"));
	CALL(JetSetSystemParameterW(&inst, 0, JET_paramSystemPath, 0, folder));
	CALL(JetSetSystemParameterW(&inst, 0, JET_paramLogFilePath, 0, folder));
	CALL(JetSetSystemParameterW(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
	CALL(JetInit(&inst));
	CALL(JetBeginSessionW(inst, &ses, L"", L""));
	for (unsigned i = 0; i < count; i++)
		EXPECT(JET_errSuccess, JetAttachDatabaseW(ses, dbs[i].restored, 0));
	/* NULL: every database (MinGW declares this W form with a char *) */
	EXPECT(JET_errSuccess, JetDetachDatabaseW(ses, NULL));
	CALL(JetTerm(inst));
	return 1;
}

/* The codes of bad calls, before any restore runs. */
static void refusals(const struct options *o)
{
	JET_LOGINFO_W info;
	JET_RSTMAP_W map = { L"x.edb", NULL };
	JET_INSTANCE inst = JET_instanceNil;
	WCHAR logs[2 * MAX_PATH];
	join(logs, o->target, L"no-such-folder");
	memset(&info, 0, sizeof info);
	/* JetExternalRestore2 wants its JET_LOGINFO, of its size */
	EXPECT(JET_errInvalidParameter, JetExternalRestore2W(logs, logs, NULL, 0, logs, NULL, NULL, NULL,
							     NULL, on_status));
	EXPECT(JET_errInvalidParameter, JetExternalRestore2W(logs, logs, NULL, 0, logs, &info, NULL, NULL,
							     NULL, on_status));
	info.cbSize = sizeof info;
	/* a map entry without its new name, target folders given by halves */
	EXPECT(JET_errInvalidParameter, JetExternalRestore2W(logs, logs, &map, 1, logs, &info, NULL, NULL,
							     NULL, on_status));
	EXPECT(JET_errInvalidParameter, JetExternalRestore2W(logs, logs, NULL, 0, logs, &info, NULL, logs,
							     NULL, on_status));
	/* a target instance named that does not run */
	EXPECT(JET_errBadRestoreTargetInstance,
	       JetExternalRestore2W(logs, logs, NULL, 0, logs, &info, L"nobody", NULL, NULL, on_status));
	/* a backup folder that is not there */
	EXPECT(JET_errFileNotFound, JetExternalRestoreW(logs, logs, NULL, 0, logs, 0, 0, on_status));
	EXPECT(JET_errFileNotFound, JetRestoreInstanceW(JET_instanceNil, logs, NULL, NULL));
	/* an instance running is not restored into */
	if (JetCreateInstanceW(&inst, L"refusals") >= 0) {
		WCHAR folder[2 * MAX_PATH];
		_snwprintf(folder, 2 * MAX_PATH, L"%ls\\refusals\\", o->target);
		folder[2 * MAX_PATH - 1] = 0;
		EXPECT(JET_errSuccess, JetSetSystemParameterW(&inst, 0, JET_paramSystemPath, 0, folder));
		EXPECT(JET_errSuccess, JetSetSystemParameterW(&inst, 0, JET_paramLogFilePath, 0, folder));
		EXPECT(JET_errSuccess, JetSetSystemParameterW(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
		EXPECT(JET_errSuccess, JetInit(&inst));
		EXPECT(JET_errAlreadyInitialized, JetRestoreInstanceW(inst, o->backups[0], NULL, NULL));
		/* JetRestore is one-instance mode's */
		EXPECT(JET_errRunningInMultiInstanceMode, JetRestoreW(o->backups[0], NULL));
		/* the engine's backup wants an empty folder, and known grbits */
		EXPECT(JET_errBackupDirectoryNotEmpty, JetBackupInstanceW(inst, o->backups[0], 0, NULL));
		EXPECT(JET_errInvalidGrbit, JetBackupInstanceW(inst, folder, 0x100, NULL));
		EXPECT(JET_errSuccess, JetTerm(inst));
	}
}

static int parse_options(int argc, WCHAR **argv, struct options *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		if (wcscmp(argv[i], L"--ansi") == 0)
			o->ansi = 1;
		else if (wcscmp(argv[i], L"--instance") == 0)
			o->instance = 1;
		else if (wcscmp(argv[i], L"--compare") == 0 && i + 1 < argc)
			o->compare = argv[++i];
		else if (!o->target)
			o->target = argv[i];
		else if (o->backup_count < 8)
			o->backups[o->backup_count++] = argv[i];
		else
			return 0;
	}
	return o->target && o->backup_count;
}

int main(void)
{
	int argc;
	WCHAR **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
	struct options o;
	struct database dbs[MAX_DATABASES];
	WCHAR logs[2 * MAX_PATH];
	unsigned count = 0;
	unsigned long checked = 0, compared = 0;
	int ok;

	if (!argv || !parse_options(argc, argv, &o)) {
		printf("usage: restore TARGET FULL [INCREMENTAL...] [--compare SOURCE] [--ansi] [--instance]\n");
		return 2;
	}
	printf("restore of %s into %s (%s forms)\n", u8(o.backups[0]), u8(o.target),
	       o.ansi ? "A" : "W");
	CreateDirectoryW(o.target, NULL);
	if (!o.instance)
		refusals(&o);
	if (o.instance) {
		ok = restore_instance(&o, dbs, &count);
		CHECK(count > 0, "no database in %s", u8(o.backups[0]));
	} else {
		join(logs, o.target, L"backup-logs");
		CreateDirectoryW(logs, NULL);
		ok = copy_matching(o.backups[0], L"*.edb", o.target, dbs, &count);
		for (unsigned i = 0; ok && i < o.backup_count; i++)
			ok = copy_matching(o.backups[i], L"*.log", logs, NULL, NULL);
		CHECK(count > 0, "no database in %s", u8(o.backups[0]));
		ok = ok && count > 0 && restore(&o, dbs, count, logs);
	}
	for (unsigned i = 0; ok && i < count; i++)
		check_pages(&dbs[i], o.compare, &checked, &compared);
	if (ok && o.instance) {
		WCHAR own_logs[2 * MAX_PATH];
		join(own_logs, o.target, L"logs");
		ok = check_restore_log(own_logs, o.backups[0], dbs, count);
	} else if (ok) {
		ok = check_restore_log(o.target, logs, dbs, count);
	}
	ok = ok && attach_restored(&o, dbs, count);
	if (!ok)
		count_failure();
	printf("round trip: %u database(s) restored, %lu page(s) verified, %lu page(s) equal to "
	       "the source\n", count, checked, compared);
	LocalFree(argv);
	return final_report();
}
