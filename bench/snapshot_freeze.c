/*
 * How long an OS snapshot holds an instance's writers, and what the
 * writers do before, during and after.  A writer thread changes the
 * database at a steady pace (JetGrowDatabase by one page: a logged write
 * and a page write each), while the main thread plays a VSS writer:
 * prepare, freeze, hold for HOLD_MS (the volume snapshot), thaw, end.
 *
 * Figures per repeat: the freeze call, the thaw call, the writer's
 * longest stall (from its last write before the freeze to its first after
 * the thaw), the time from the thaw call to the writer's first write, and
 * the writer's rate in the second before, during the hold, and in the
 * second after (it catches up on what it missed, as a paced writer does).
 *
 * Usage: snapshot_freeze [HOLD_MS [REPEATS [RATE]]]   (200, 3, 1000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

static JET_INSTANCE inst;
static JET_DBID dbid;
static JET_SESID writer_ses;
static volatile LONG stop;
static volatile LONG64 writes;
static volatile LONG64 last_write_tick;   /* QPC of the latest write */
static unsigned long rate = 1000, pages;
static LARGE_INTEGER freq;

static LONG64 now_qpc(void)
{
	LARGE_INTEGER t;
	QueryPerformanceCounter(&t);
	return t.QuadPart;
}

static double ms_between(LONG64 a, LONG64 b)
{
	return (double)(b - a) * 1000.0 / (double)freq.QuadPart;
}

static DWORD WINAPI writer(void *arg)
{
	LONG64 start = now_qpc();
	unsigned long long done = 0;
	unsigned long actual;
	(void)arg;
	while (!stop) {
		LONG64 due = start + (LONG64)(done * (unsigned long long)freq.QuadPart / rate);
		if (now_qpc() < due) {
			Sleep(1);
			continue;
		}
		if (JetGrowDatabase(writer_ses, dbid, ++pages, &actual) != JET_errSuccess) {
			FAIL("JetGrowDatabase failed");
			break;
		}
		done++;
		InterlockedIncrement64(&writes);
		InterlockedExchange64(&last_write_tick, now_qpc());
	}
	return 0;
}

static LONG64 writes_in(DWORD ms)
{
	LONG64 before = writes;
	Sleep(ms);
	return writes - before;
}

int main(int argc, char **argv)
{
	unsigned long hold_ms = argc > 1 ? strtoul(argv[1], NULL, 10) : 200;
	unsigned long repeats = argc > 2 ? strtoul(argv[2], NULL, 10) : 3;
	JET_SESID ses;
	HANDLE thread;
	double best_stall = 1e9, worst_stall = 0;

	if (argc > 3)
		rate = strtoul(argv[3], NULL, 10);
	QueryPerformanceFrequency(&freq);
	CreateDirectoryA("snapbench", NULL);
	EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "snapshot_freeze"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "snapbench\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "snapbench\\"));
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &ses, NULL, NULL));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &writer_ses, NULL, NULL));
	EXPECT(JET_errSuccess, JetCreateDatabaseA(writer_ses, "snapbench\\bench.edb", NULL, &dbid,
						  JET_bitDbOverwriteExisting));
	if (*failures_so_far())
		return final_report();
	pages = 256;
	thread = CreateThread(NULL, 0, writer, NULL, 0, NULL);
	Sleep(300);   /* the writer finds its pace */

	printf("writer paced at %lu writes/s; freeze held %lu ms; %lu repeats\n", rate, hold_ms, repeats);
	printf("%-6s %9s %9s %10s %12s %11s %11s %11s\n", "repeat", "freeze ms", "thaw ms",
	       "stall ms", "resume ms", "before/s", "during/s", "after/s");
	for (unsigned long r = 1; r <= repeats; r++) {
		JET_OSSNAPID id;
		unsigned long n;
		JET_INSTANCE_INFO_A *info;
		LONG64 t0, t1, t2, t3, last_before, first_after;
		LONG64 before, during, after;

		before = writes_in(1000);
		EXPECT(JET_errSuccess, JetOSSnapshotPrepare(&id, 0));
		t0 = now_qpc();
		EXPECT(JET_errSuccess, JetOSSnapshotFreezeA(id, &n, &info, 0));
		t1 = now_qpc();
		last_before = last_write_tick;
		JetFreeBuffer((char *)info);
		during = writes_in(hold_ms);
		t2 = now_qpc();
		EXPECT(JET_errSuccess, JetOSSnapshotThaw(id, 0));
		t3 = now_qpc();
		while (last_write_tick <= t2)
			Sleep(0);
		first_after = last_write_tick;
		after = writes_in(1000);
		{
			double stall = ms_between(last_before, first_after);
			if (stall < best_stall)
				best_stall = stall;
			if (stall > worst_stall)
				worst_stall = stall;
			printf("%-6lu %9.2f %9.2f %10.1f %12.2f %11lld %11.0f %11lld\n", r, ms_between(t0, t1),
			       ms_between(t2, t3), stall, ms_between(t2, first_after), (long long)before,
			       (double)during * 1000.0 / (double)hold_ms, (long long)after);
		}
	}
	printf("writer stall: best %.1f ms, worst %.1f ms (hold %lu ms)\n", best_stall, worst_stall,
	       hold_ms);
	stop = 1;
	WaitForSingleObject(thread, INFINITE);
	EXPECT(JET_errSuccess, JetEndSession(writer_ses, 0));
	EXPECT(JET_errSuccess, JetEndSession(ses, 0));
	EXPECT(JET_errSuccess, JetTerm2(inst, JET_bitTermComplete));
	return final_report();
}
