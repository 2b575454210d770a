/*
 * A streaming backup the server stops: a backup program's reader thread
 * copies a database while the main thread calls JetStopBackupInstance, as a
 * service stopping would.  The reader's next call gets
 * JET_errBackupAbortByServer; closing and ending still work, and the end
 * leaves no backup behind.
 *
 * Exits 0 when every call returned what the documentation says it returns.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

/* Three pages, the least a first read of a database takes: a new database
 * (1 MiB) then needs some eighty reads, time for the stop to land. */
#define CHUNK (3 * 4096)

struct reader {
	JET_INSTANCE inst;
	JET_HANDLE file;
	void *buf;
	unsigned long long size;
	HANDLE first_read;     /* set by the reader after its first read */
	HANDLE stop_called;    /* set by the main thread after the stop */
	unsigned reads;        /* successful ones */
	unsigned long long bytes;
	JET_ERR last;          /* what ended the loop */
	int stop_seen;         /* stop_called was set before the last call */
};

static DWORD WINAPI read_until_stopped(void *arg)
{
	struct reader *r = arg;
	for (;;) {
		unsigned long got = 0;
		/* past half the file without the stop, wait for it: the test
		 * must not depend on who runs faster */
		if (r->bytes > r->size / 2)
			WaitForSingleObject(r->stop_called, 10000);
		r->stop_seen = WaitForSingleObject(r->stop_called, 0) == WAIT_OBJECT_0;
		r->last = JetReadFileInstance(r->inst, r->file, r->buf, CHUNK, &got);
		printf("     reader: JetReadFileInstance(inst, file, buf, CHUNK, &got) %ld (%lu bytes)\n",
		       (long)r->last, got);
		if (r->last || got == 0)
			return 0;
		r->reads++;
		r->bytes += got;
		if (r->reads == 1)
			SetEvent(r->first_read);
		Sleep(1);
	}
}

static void stopped_while_reading(JET_INSTANCE inst)
{
	WCHAR attach[1024];
	unsigned long cb, low = 0, high = 0;
	struct reader r = { 0 };
	HANDLE thread;

	printf("-- JetStopBackupInstance while a thread reads\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetGetAttachInfoInstanceW(inst, attach, sizeof attach, &cb));
	EXPECT(JET_errSuccess, JetOpenFileInstanceW(inst, attach, &r.file, &low, &high));
	r.inst = inst;
	r.size = (unsigned long long)high << 32 | low;
	r.buf = VirtualAlloc(NULL, CHUNK, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	r.first_read = CreateEventA(NULL, TRUE, FALSE, NULL);
	r.stop_called = CreateEventA(NULL, TRUE, FALSE, NULL);
	thread = CreateThread(NULL, 0, read_until_stopped, &r, 0, NULL);

	if (WaitForSingleObject(r.first_read, 10000) != WAIT_OBJECT_0)
		FAIL("the reader did not read (last code %ld)", (long)r.last);
	EXPECT(JET_errSuccess, JetStopBackupInstance(inst));
	SetEvent(r.stop_called);
	WaitForSingleObject(thread, INFINITE);
	CloseHandle(thread);

	printf("     reader: %u reads, %llu of %llu bytes, then %ld\n", r.reads, r.bytes, r.size,
	       (long)r.last);
	if (r.last != JET_errBackupAbortByServer)
		FAIL("the reader ended with %ld, expected JET_errBackupAbortByServer", (long)r.last);
	if (!r.stop_seen && r.last == JET_errBackupAbortByServer)
		printf("     (the stop landed between two of its reads)\n");
	/* every later call of the backup is refused the same way, but for
	 * closing and ending */
	EXPECT(JET_errBackupAbortByServer, JetReadFileInstance(inst, r.file, r.buf, CHUNK, &cb));
	EXPECT(JET_errBackupAbortByServer, JetGetAttachInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errBackupAbortByServer, JetGetLogInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errBackupAbortByServer, JetTruncateLogInstance(inst));
	EXPECT(JET_errBackupInProgress, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, r.file));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance(inst));
	EXPECT(JET_errNoBackup, JetGetAttachInfoInstanceW(inst, NULL, 0, &cb));
	EXPECT(JET_errNoBackup, JetEndExternalBackupInstance(inst));

	/* the stop does not outlive its backup: the next one runs */
	printf("-- the next backup\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errSuccess, JetOpenFileInstanceW(inst, attach, &r.file, &low, &high));
	EXPECT(JET_errSuccess, JetReadFileInstance(inst, r.file, r.buf, CHUNK, &cb));
	EXPECT(JET_errSuccess, JetCloseFileInstance(inst, r.file));
	EXPECT(JET_errSuccess, JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));

	CloseHandle(r.first_read);
	CloseHandle(r.stop_called);
	VirtualFree(r.buf, 0, MEM_RELEASE);
}

/* The scratch folder outlives a run: start from an empty folder. */
static void empty_folder(const char *dir)
{
	char pattern[MAX_PATH], path[MAX_PATH];
	WIN32_FIND_DATAA fd;
	HANDLE find;

	CreateDirectoryA(dir, NULL);
	snprintf(pattern, sizeof pattern, "%s\\*", dir);
	find = FindFirstFileA(pattern, &fd);
	if (find == INVALID_HANDLE_VALUE)
		return;
	do {
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
			continue;
		snprintf(path, sizeof path, "%s\\%s", dir, fd.cFileName);
		DeleteFileA(path);
	} while (FindNextFileA(find, &fd));
	FindClose(find);
}

int main(void)
{
	JET_INSTANCE inst, idle, bogus = 0x12345;
	JET_SESID sesid;
	JET_DBID dbid;

	empty_folder("stopped");
	EXPECT(JET_errSuccess, JetCreateInstanceA(&idle, "idle"));
	/* the engine only looks the instance up: one created but not
	 * initialised is found, a handle naming none is refused */
	EXPECT(JET_errSuccess, JetStopBackupInstance(idle));
	EXPECT(JET_errInvalidParameter, JetStopBackupInstance(bogus));

	EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "stopped"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "stopped\\"));
	/* the temporary database goes beside the checkpoint (JET_paramTempPath
	 * is relative to the system folder) */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "stopped\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramLogFileSize, 128, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramCircularLog, 0, NULL));
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &sesid, NULL, NULL));
	EXPECT(JET_errSuccess, JetCreateDatabase2A(sesid, "stopped\\data.edb", 0, &dbid, 0));

	/* with no backup running, the stop waits for nothing: the next begin
	 * clears it */
	EXPECT(JET_errSuccess, JetStopBackupInstance(inst));
	stopped_while_reading(inst);

	/* a term that stops the backup itself */
	printf("-- JetTerm2 with JET_bitTermStopBackup during a backup\n");
	EXPECT(JET_errSuccess, JetBeginExternalBackupInstance(inst, 0));
	EXPECT(JET_errBackupInProgress, JetTerm2(inst, JET_bitTermComplete));
	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete | JET_bitTermStopBackup));
	EXPECT(JET_errSuccess, JetTerm(idle));

	return final_report();
}
