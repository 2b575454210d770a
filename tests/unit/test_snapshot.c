#define _POSIX_C_SOURCE 200809L
/* OS snapshot sessions (sim/snapshot/): the engine's sequence and every
 * code it returns, the freeze (no byte of a frozen instance's files
 * changes while its writer runs), the timeout, truncation, the header
 * records, and copies taken during a freeze that recovery brings to the
 * live database's pages as of the freeze. */
#include <setjmp.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backup/backup.h"
#include "db/backup_history.h"
#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "fixture.h"
#include "format/dbfile.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "instance/session.h"
#include "jet_values.h"
#include "log/checkpoint.h"
#include "log/log.h"
#include "db/recovery.h"
#include "os/os.h"
#include "snapshot/snapshot.h"
#include "workload/scenario.h"
#include "workload/workload.h"

#define PAGE 4096

static void freeze_ok(uintptr_t id, unsigned expect_instances)
{
	struct sim_instance_info *list;
	unsigned n;
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errSuccess);
	assert_int_equal(n, expect_instances);
	sim_free_instance_list(list, n);
}

static void prepare_codes(void **state)
{
	uintptr_t id = 0, inst, ses;
	(void)state;
	assert_int_equal(sim_snapshot_prepare(&id, 0x100), JET_errInvalidGrbit);
	assert_int_equal(sim_snapshot_prepare(NULL, 0), JET_errInvalidParameter);
	/* nothing initialised: nothing to snap */
	assert_int_equal(sim_snapshot_prepare(&id, 0), JET_errNotInitialized);
	start_instance("p", "i", &inst, &ses);
	assert_int_equal(sim_snapshot_prepare(&id, 0), JET_errSuccess);
	assert_true(id != 0);
	/* an unknown id, for every call that takes one */
	assert_int_equal(sim_snapshot_thaw(id + 100, 0), JET_errOSSnapshotInvalidSnapId);
	assert_int_equal(sim_snapshot_end(id + 100, 0), JET_errOSSnapshotInvalidSnapId);
	assert_int_equal(sim_snapshot_abort(id + 100, 0), JET_errOSSnapshotInvalidSnapId);
	assert_int_equal(sim_snapshot_truncate_log(id + 100, 0, 0, 0), JET_errOSSnapshotInvalidSnapId);
	assert_int_equal(sim_snapshot_prepare_instance(id + 100, inst, 0),
			 JET_errOSSnapshotInvalidSnapId);
	{
		struct sim_instance_info *l;
		unsigned n;
		assert_int_equal(sim_snapshot_freeze(id + 100, &l, &n, 0), JET_errOSSnapshotInvalidSnapId);
		assert_int_equal(sim_snapshot_freeze_info(id + 100, &l, &n, 0),
				 JET_errOSSnapshotInvalidSnapId);
		/* grbits and pointers before the id */
		assert_int_equal(sim_snapshot_freeze(id, &l, &n, 1), JET_errInvalidGrbit);
		assert_int_equal(sim_snapshot_freeze(id, NULL, &n, 0), JET_errInvalidParameter);
		assert_int_equal(sim_snapshot_freeze_info(id, &l, &n, 1), JET_errInvalidGrbit);
		assert_int_equal(sim_snapshot_freeze_info(id, NULL, &n, 0), JET_errInvalidParameter);
		/* prepared: the instance is listed */
		assert_int_equal(sim_snapshot_freeze_info(id, &l, &n, 0), JET_errSuccess);
		assert_int_equal(n, 1);
		assert_int_equal(l[0].handle, inst);
		sim_free_instance_list(l, n);
	}
	assert_int_equal(sim_snapshot_thaw(id, 1), JET_errInvalidGrbit);
	assert_int_equal(sim_snapshot_end(id, 2), JET_errInvalidGrbit);
	assert_int_equal(sim_snapshot_abort(id, 1), JET_errInvalidGrbit);
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, 2), JET_errInvalidGrbit);
	assert_int_equal(sim_snapshot_prepare_instance(id, inst, 1), JET_errInvalidGrbit);
	/* out of sequence before a freeze */
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, 0), JET_errOSSnapshotInvalidSequence);
	/* a prepared session ends normally, and is gone */
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errOSSnapshotInvalidSnapId);
	/* ids are never reused */
	{
		uintptr_t next;
		assert_int_equal(sim_snapshot_prepare(&next, 0), JET_errSuccess);
		assert_true(next > id);
		assert_int_equal(sim_snapshot_abort(next, 0), JET_errSuccess);
	}
}

static void full_sequence(void **state)
{
	uintptr_t id, inst, ses;
	uint32_t dbid;
	struct sim_instance_info *list;
	unsigned n;
	(void)state;
	start_instance("s", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	/* in the session already (every instance by default) */
	assert_int_equal(sim_snapshot_prepare_instance(id, inst, 0), JET_errOSSnapshotNotAllowed);
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errSuccess);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].handle, inst);
	assert_int_equal(list[0].database_count, 1);
	assert_non_null(strstr(list[0].database_paths[0], "a.edb"));
	sim_free_instance_list(list, n);
	/* frozen: only thaw, freeze info and abort are in sequence */
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_prepare_instance(id, inst, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_freeze_info(id, &list, &n, 0), JET_errSuccess);
	assert_int_equal(n, 1);
	sim_free_instance_list(list, n);
	/* a streaming backup, attach and detach wait for the end */
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errBackupInProgress);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errBackupInProgress);
	assert_int_equal(sim_detach_database(ses, "i/a.edb", 0), JET_errBackupInProgress);
	assert_int_equal(sim_snapshot_freeze_info(id, &list, &n, 0), JET_errSuccess);
	sim_free_instance_list(list, n);
	/* truncation, as often as asked, then the end */
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_truncate_log(id, 1, inst, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_truncate_log(id, 1, inst + 1000, 0), JET_errInvalidParameter);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errOSSnapshotInvalidSnapId);
	/* the instance is free again */
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
}

/* Without JET_bitContinueAfterThaw the thaw ends the session. */
static void thaw_ends_session(void **state)
{
	uintptr_t id, inst, ses;
	(void)state;
	start_instance("t", "i", &inst, &ses);
	assert_int_equal(sim_snapshot_prepare(&id, 0), JET_errSuccess);
	freeze_ok(id, 1);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, 0), JET_errOSSnapshotInvalidSnapId);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errOSSnapshotInvalidSnapId);
	/* an abort while frozen thaws, and with it ends */
	assert_int_equal(sim_snapshot_prepare(&id, 0), JET_errSuccess);
	freeze_ok(id, 1);
	assert_int_equal(sim_snapshot_abort(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errOSSnapshotInvalidSnapId);
	/* the same with JET_bitContinueAfterThaw */
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(id, 1);
	assert_int_equal(sim_snapshot_end(id, JET_bitAbortSnapshot), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errOSSnapshotInvalidSnapId);
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
}

static void not_allowed(void **state)
{
	uintptr_t a, b, inst, ses, other, ses2;
	struct sim_instance_info *list;
	unsigned n;
	(void)state;
	start_instance("n", "i", &inst, &ses);
	start_instance("o", "j", &other, &ses2);
	/* an instance belongs to one session */
	assert_int_equal(sim_snapshot_prepare(&a, JET_bitExplicitPrepare), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&b, JET_bitExplicitPrepare), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare_instance(a, inst, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare_instance(a, inst, 0), JET_errOSSnapshotNotAllowed);
	assert_int_equal(sim_snapshot_prepare_instance(b, inst, 0), JET_errOSSnapshotNotAllowed);
	assert_int_equal(sim_snapshot_prepare_instance(b, 12345, 0), JET_errInvalidParameter);
	/* a streaming backup excludes a snapshot */
	assert_int_equal(sim_backup_begin(other, 0, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare_instance(b, other, 0), JET_errOSSnapshotNotAllowed);
	assert_int_equal(sim_snapshot_abort(b, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&b, 0), JET_errSuccess);   /* takes `other` only */
	assert_int_equal(sim_snapshot_freeze(b, &list, &n, 0), JET_errOSSnapshotNotAllowed);
	assert_int_equal(sim_backup_end(other, 0, JET_bitBackupEndAbort), JET_errSuccess);
	assert_int_equal(sim_snapshot_abort(b, 0), JET_errSuccess);
	/* the two sessions side by side; truncating an instance of another */
	assert_int_equal(sim_snapshot_prepare(&b, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(b, 1);
	freeze_ok(a, 1);
	assert_int_equal(sim_snapshot_thaw(a, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_thaw(b, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_truncate_log(b, 1, inst, 0), JET_wrnNyi);
	assert_int_equal(sim_snapshot_truncate_log(b, 1, other, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(b, 0), JET_errSuccess);
	/* a copy snapshot truncates nothing */
	assert_int_equal(sim_snapshot_prepare(&b, JET_bitContinueAfterThaw | JET_bitCopySnapshot),
			 JET_errSuccess);
	freeze_ok(b, 2);
	assert_int_equal(sim_snapshot_thaw(b, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_truncate_log(b, 0, 0, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_end(b, 0), JET_errSuccess);
	/* an incremental snapshot needs a full one first; no database: fine */
	assert_int_equal(sim_snapshot_prepare(&b, JET_bitIncrementalSnapshot), JET_errSuccess);
	freeze_ok(b, 2);
	assert_int_equal(sim_snapshot_thaw(b, 0), JET_errSuccess);
	{
		uint32_t dbid;
		assert_int_equal(sim_create_database(ses2, "j/x.edb", 0, 0, &dbid), JET_errSuccess);
	}
	assert_int_equal(sim_snapshot_prepare(&b, JET_bitIncrementalSnapshot), JET_errSuccess);
	assert_int_equal(sim_snapshot_freeze(b, &list, &n, 0), JET_errMissingFullBackup);
	/* the failed freeze gave every instance back; the session is prepared */
	assert_int_equal(sim_snapshot_freeze_info(b, &list, &n, 0), JET_errSuccess);
	assert_int_equal(n, 0);
	assert_int_equal(sim_snapshot_end(b, 0), JET_errSuccess);
	assert_int_equal(sim_backup_begin(other, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(other, 0, JET_bitBackupEndAbort), JET_errSuccess);
}

/* An incremental snapshot checks first that every database attached has a
 * full OS snapshot (ErrLGCheckIncrementalBackup), read-only ones too, and
 * only then refuses circular logging (backup.cxx,
 * ErrBKOSSnapshotStopLogging). */
static void incremental_checks(void **state)
{
	static const unsigned ids[] = { JET_paramCircularLog, 0 };
	static const intptr_t on[] = { 1, 0 };
	uintptr_t id, inst, ses, circ, ses2;
	uint32_t dbid;
	struct sim_instance_info *list;
	unsigned n;
	(void)state;
	/* circular logging, no database: the full check passes, then
	 * circular logging is refused */
	start_instance_with("c", "c", &circ, &ses2, ids, on);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitIncrementalSnapshot), JET_errSuccess);
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errInvalidBackup);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	/* with a database never snapped: the full backup is missing first */
	assert_int_equal(sim_create_database(ses2, "c/c.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitIncrementalSnapshot), JET_errSuccess);
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errMissingFullBackup);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	assert_int_equal(sim_end_session(ses2, 0), JET_errSuccess);
	assert_int_equal(sim_term(circ, 0), JET_errSuccess);

	/* a read-only database without a full snapshot counts too */
	start_instance("r", "r", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "r/ro.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_close_database(ses, dbid, 0), JET_errSuccess);
	assert_int_equal(sim_detach_database(ses, "r/ro.edb", 0), JET_errSuccess);
	assert_int_equal(sim_create_database(ses, "r/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(id, 1);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	assert_int_equal(sim_attach_database(ses, "r/ro.edb", 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitIncrementalSnapshot), JET_errSuccess);
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errMissingFullBackup);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	/* without it, the incremental goes through */
	assert_int_equal(sim_detach_database(ses, "r/ro.edb", 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitIncrementalSnapshot), JET_errSuccess);
	freeze_ok(id, 1);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
}

/* Instances that start or stop between prepare and freeze: the one that
 * stopped is no part of the freeze, the one that started was never in. */
static void instances_come_and_go(void **state)
{
	uintptr_t id, a, b, c, s1, s2, s3;
	struct sim_instance_info *list;
	unsigned n;
	(void)state;
	start_instance("a", "a", &a, &s1);
	start_instance("b", "b", &b, &s2);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	assert_int_equal(sim_end_session(s2, 0), JET_errSuccess);
	assert_int_equal(sim_term(b, 0), JET_errSuccess);
	start_instance("c", "c", &c, &s3);
	assert_int_equal(sim_snapshot_freeze(id, &list, &n, 0), JET_errSuccess);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].handle, a);
	sim_free_instance_list(list, n);
	/* the newcomer is not frozen: it writes */
	{
		uint32_t dbid;
		assert_int_equal(sim_create_database(s3, "c/c.edb", 0, 0, &dbid), JET_errSuccess);
	}
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
}

/* A freeze longer than JET_paramOSSnapshotTimeout is released by the
 * engine; the thaw says so. */
static void timeout(void **state)
{
	uintptr_t id, inst, ses;
	uint32_t dbid;
	struct instance *in;
	(void)state;
	start_instance("to", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramOSSnapshotTimeout, 20, NULL), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(id, 1);
	/* a write waits for the engine's own thaw, then goes through */
	change_pages(inst, dbid, 1, 0x5a);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	assert_int_equal(atomic_load(&in->io_frozen), 0);
	instance_leave(in, 0);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errOSSnapshotTimeOut);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errOSSnapshotTimeOut);
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errOSSnapshotInvalidSequence);
	assert_int_equal(sim_snapshot_abort(id, 0), JET_errSuccess);
	/* nothing recorded; the instance takes a streaming backup again */
	{
		struct sim_database_file_info fi;
		assert_int_equal(sim_database_file_info("i/a.edb", &fi), JET_errSuccess);
		assert_int_equal(fi.header.full_previous.gen_low, 0);
	}
	assert_int_equal(sim_backup_begin(inst, 0, 0), JET_errSuccess);
	assert_int_equal(sim_backup_end(inst, 0, JET_bitBackupEndAbort), JET_errSuccess);
	/* without JET_bitContinueAfterThaw the timed-out session is gone */
	assert_int_equal(sim_snapshot_prepare(&id, 0), JET_errSuccess);
	freeze_ok(id, 1);
	change_pages(inst, dbid, 1, 0x5b);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errOSSnapshotTimeOut);
	assert_int_equal(sim_snapshot_abort(id, 0), JET_errOSSnapshotInvalidSnapId);
	/* aborted after the timeout with no thaw: the engine's end of a
	 * timed-out session succeeds (io.cxx, ErrIsamOSSnapshotEnd) */
	assert_int_equal(sim_snapshot_prepare(&id, 0), JET_errSuccess);
	freeze_ok(id, 1);
	change_pages(inst, dbid, 1, 0x5c);   /* goes through at the timeout */
	assert_int_equal(sim_snapshot_abort(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_abort(id, 0), JET_errOSSnapshotInvalidSnapId);
	assert_int_equal(sim_set_param(NULL, JET_paramOSSnapshotTimeout, 70000, NULL), JET_errSuccess);
}

/* JetTerm while frozen: a clean term is refused while the snapshot backup
 * runs (sysinit.cxx, INST::ErrINSTTerm); JET_bitTermAbrupt waits for the
 * session to let the instance go, here at the engine's timeout, which ends
 * the instance's backup, and then shuts down cleanly. */
static void term_while_frozen(void **state)
{
	uintptr_t id, inst, ses;
	uint32_t dbid;
	struct sim_instance_info *list;
	unsigned n;
	(void)state;
	start_instance("tf", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 50, 0x31);
	assert_int_equal(sim_set_param(NULL, JET_paramOSSnapshotTimeout, 30, NULL), JET_errSuccess);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(id, 1);
	assert_int_equal(sim_end_session(ses, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, JET_bitTermComplete), JET_errBackupInProgress);
	assert_int_equal(sim_term(inst, JET_bitTermAbrupt), JET_errSuccess);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errOSSnapshotTimeOut);
	assert_int_equal(sim_snapshot_freeze_info(id, &list, &n, 0), JET_errSuccess);
	assert_int_equal(n, 0);
	assert_int_equal(sim_snapshot_abort(id, 0), JET_errSuccess);
	assert_int_equal(sim_set_param(NULL, JET_paramOSSnapshotTimeout, 70000, NULL), JET_errSuccess);
	/* it was shut down cleanly: the next JetInit needs no recovery */
	{
		struct sim_database_file_info fi;
		assert_int_equal(sim_database_file_info("i/a.edb", &fi), JET_errSuccess);
		assert_int_equal(fi.header.state, JET_dbstateCleanShutdown);
	}
}

struct term_call {
	uintptr_t inst;
	uint32_t grbit;
	int err;
	atomic_int done;
};

static void term_thread(void *arg)
{
	struct term_call *t = arg;
	t->err = sim_term(t->inst, t->grbit);
	atomic_store(&t->done, 1);
}

/* JetTerm (Abrupt, or StopBackup) of an instance in a snapshot session
 * waits until the session ends (jetapi.cxx, JetTermEx): a writer that
 * froze with JET_bitContinueAfterThaw still thaws, truncates and ends, and
 * the headers keep the snapshot's record.  Meanwhile the instance is being
 * terminated: other calls get JET_errTermInProgress. */
static void term_waits_for_session(void **state)
{
	static const uint32_t grbits[] = { JET_bitTermAbrupt, JET_bitTermStopBackup };
	(void)state;
	for (unsigned k = 0; k < 2; k++) {
		uintptr_t id, inst, ses;
		uint32_t dbid;
		struct term_call t = { 0 };
		os_thread *th;
		struct sim_database_file_info fi;
		char dir[32];
		snprintf(dir, sizeof dir, "w%u", k);
		start_instance(dir, dir, &inst, &ses);
		snprintf(dir, sizeof dir, "w%u/a.edb", k);
		assert_int_equal(sim_create_database(ses, dir, 0, 0, &dbid), JET_errSuccess);
		change_pages(inst, dbid, 40, 0x41);
		assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
		freeze_ok(id, 1);
		assert_int_equal(sim_end_session(ses, 0), JET_errSuccess);
		t.inst = inst;
		t.grbit = grbits[k];
		assert_int_equal(os_thread_start(&th, term_thread, &t), OS_OK);
		/* the term is under way and waits */
		for (;;) {
			struct instance *in;
			int rc = instance_enter(inst, ENTER_NO_LOCK, &in);
			if (rc == JET_errSuccess) {
				instance_leave(in, ENTER_NO_LOCK);
				os_sleep_ms(1);
				continue;
			}
			assert_int_equal(rc, JET_errTermInProgress);
			break;
		}
		os_sleep_ms(50);
		assert_int_equal(atomic_load(&t.done), 0);
		assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
		os_sleep_ms(20);
		assert_int_equal(atomic_load(&t.done), 0);
		assert_int_equal(sim_snapshot_prepare_instance(id + 100, inst, 0), JET_errTermInProgress);
		assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, JET_bitAllDatabasesSnapshot),
				 JET_errSuccess);
		assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
		os_thread_join(th);
		assert_int_equal(t.err, JET_errSuccess);
		assert_int_equal(sim_database_file_info(dir, &fi), JET_errSuccess);
		assert_int_equal(fi.header.state, JET_dbstateCleanShutdown);
		assert_true(fi.header.full_previous.gen_low >= 1);
		assert_int_equal(fi.header.full_previous_type, BACKUP_TYPE_OS_SNAPSHOT);
	}
}

/* --- The freeze holds the files still */

struct file_sums {
	char names[64][64];
	uint64_t sums[64];
	unsigned count;
	const char *dir;
};

static uint64_t hash_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint64_t h = 1469598103934665603ull;
	int c;
	assert_non_null(f);
	while ((c = fgetc(f)) != EOF)
		h = (h ^ (unsigned)c) * 1099511628211ull;
	fclose(f);
	return h;
}

static int add_sum(void *ctx, const char *name)
{
	struct file_sums *s = ctx;
	char path[512];
	if (s->count == 64)
		return 0;
	snprintf(path, sizeof path, "%s/%s", s->dir, name);
	snprintf(s->names[s->count], sizeof s->names[0], "%s", name);
	s->sums[s->count++] = hash_file(path);
	return 0;
}

static void sum_folder(const char *dir, struct file_sums *s)
{
	memset(s, 0, sizeof *s);
	s->dir = dir;
	assert_int_equal(os_list_dir(dir, add_sum, s), OS_OK);
}

static uint64_t writes_of(uintptr_t inst)
{
	struct instance *in;
	uint64_t n;
	assert_int_equal(instance_enter(inst, ENTER_NO_LOCK, &in), JET_errSuccess);
	n = workload_writes(in->workload);
	instance_leave(in, ENTER_NO_LOCK);
	return n;
}

static uint32_t current_generation(uintptr_t inst)
{
	struct sim_instance_misc misc;
	assert_int_equal(sim_instance_misc_info(inst, &misc), JET_errSuccess);
	return misc.current_generation;
}

static void start_busy(const char *dir, uintptr_t *inst, uintptr_t *ses)
{
	FILE *f = fopen("busy.ini", "w");
	assert_non_null(f);
	fputs("[workload]\ndatabase = busy.edb\nrate = 2000\nbytes = 1024\n", f);
	fclose(f);
	setenv(SCENARIO_ENV, "busy.ini", 1);
	start_instance("busy", dir, inst, ses);
	unsetenv(SCENARIO_ENV);
}

static void freeze_holds_files(void **state)
{
	uintptr_t id, inst, ses;
	struct file_sums at_freeze, at_thaw;
	uint64_t before, during, after;
	uint32_t gen;
	(void)state;
	start_busy("i", &inst, &ses);
	while (writes_of(inst) < 200)
		os_sleep_ms(5);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(id, 1);
	sum_folder("i", &at_freeze);
	before = writes_of(inst);
	os_sleep_ms(100);   /* the writer runs, and waits at its first write */
	during = writes_of(inst);
	sum_folder("i", &at_thaw);
	assert_int_equal(at_freeze.count, at_thaw.count);
	for (unsigned i = 0; i < at_freeze.count; i++) {
		assert_string_equal(at_freeze.names[i], at_thaw.names[i]);
		assert_true(at_freeze.sums[i] == at_thaw.sums[i]);
	}
	assert_true(during <= before + 1);
	gen = current_generation(inst);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	/* the writer goes on, and logs roll again */
	while ((after = writes_of(inst)) < during + 600 || current_generation(inst) <= gen + 1)
		os_sleep_ms(5);
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, JET_bitAllDatabasesSnapshot),
			 JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* --- Copies taken during a freeze, recovered */

struct copy_ctx {
	const char *from, *to;
	const char *only_ext;   /* NULL: every file */
};

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;
	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

static int copy_one(void *arg, const char *name)
{
	struct copy_ctx *c = arg;
	char a[512], b[512];
	size_t len = strlen(name);
	if (c->only_ext && (len < 4 || strcmp(name + len - 4, c->only_ext) != 0))
		return 0;
	snprintf(a, sizeof a, "%s/%s", c->from, name);
	snprintf(b, sizeof b, "%s/%s", c->to, name);
	if (os_path_exists(a) == 1)
		copy_file(a, b);
	return 0;
}

/* What a volume snapshot gives: the folder's files as they are. */
static void copy_folder(const char *from, const char *to, const char *only_ext)
{
	struct copy_ctx c = { from, to, only_ext };
	os_mkdir(to);
	assert_int_equal(os_list_dir(from, copy_one, &c), OS_OK);
}

static int remove_one(void *arg, const char *name)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", (const char *)arg, name);
	os_remove(p);
	return 0;
}

static void remove_folder(const char *dir)
{
	os_list_dir(dir, remove_one, (void *)dir);
}

/* Every data page of the live database, read as the engine sees it. */
static unsigned char *record_pages(uintptr_t inst, uint32_t dbid, uint32_t *pages)
{
	struct instance *in;
	struct database *db;
	unsigned char *all;
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	db = instance_database(in, dbid);
	*pages = db->pages;
	all = malloc((size_t)db->pages * PAGE);
	for (uint32_t pgno = 1; pgno <= db->pages; pgno++)
		assert_int_equal(database_read_page(db, pgno, all + (size_t)(pgno - 1) * PAGE),
				 JET_errSuccess);
	instance_leave(in, 0);
	return all;
}

/* The database file, page by page, against what was recorded. */
static void compare_pages(const char *path, const unsigned char *model, uint32_t pages)
{
	os_file *f;
	unsigned char page[PAGE];
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	for (uint32_t pgno = 1; pgno <= pages; pgno++) {
		assert_int_equal(page_read(f, PAGE, pgno, page), JET_errSuccess);
		assert_memory_equal(page, model + (size_t)(pgno - 1) * PAGE, PAGE);
	}
	os_file_close(f);
}

/* Hard recovery of a copy: it goes where the instance was (the log names
 * its databases by full path), and JetInit replays it. */
static void recover_in_place(const char *dir)
{
	uintptr_t inst;
	start_instance("rec", dir, &inst, NULL);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

/* A restore of a snapshot copy into a fresh folder, away from where the
 * instance was: the copy's logs replayed from its checkpoint with each
 * database the log names mapped, by signature, to its copy there (the hard
 * recovery restore/ runs, rstmap.cxx), the original left alone. */
struct fresh_map {
	struct signature sig;
	char path[512];
};

static const char *map_to_fresh(void *ctx, const struct signature *s, const char *logged_path)
{
	(void)logged_path;
	struct fresh_map *m = ctx;
	return signature_equal(&m->sig, s) ? m->path : NULL;
}

static void recover_into_fresh(const char *fresh, const char *database)
{
	struct log_names names = { .legacy = JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat };
	struct fresh_map map;
	struct checkpoint cp;
	struct replay *rp;
	struct lgpos end;
	struct db_header h;
	os_file *f;
	char *folder = os_full_path(fresh), *chk, *current;
	uint32_t gen;

	assert_non_null(folder);
	names.folder = malloc(strlen(folder) + 2);
	sprintf(names.folder, "%s/", folder);
	snprintf(names.base, sizeof names.base, "edb");
	snprintf(map.path, sizeof map.path, "%s/%s", folder, database);
	assert_int_equal(os_file_open(map.path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(db_header_read(f, &h), JET_errSuccess);
	os_file_close(f);
	map.sig = h.db_signature;
	chk = checkpoint_path(names.folder, &names);
	assert_int_equal(checkpoint_read(chk, &cp), JET_errSuccess);
	assert_true(signature_equal(&cp.log_signature, &h.log_signature));
	assert_int_equal(replay_open(&cp.log_signature, cp.position, map_to_fresh, &map, &rp),
			 JET_errSuccess);
	for (gen = cp.position.generation;; gen++) {
		char *path = log_archive_path(&names, gen);
		int there = os_path_exists(path) == 1;
		if (there)
			assert_int_equal(replay_log(rp, path, gen, 0, &end), JET_errSuccess);
		free(path);
		if (!there)
			break;
	}
	current = log_current_path(&names);
	assert_int_equal(replay_log(rp, current, gen, 1, &end), JET_errSuccess);
	assert_int_equal(replay_close_consistent(rp, end), JET_errSuccess);
	replay_free(rp);
	free(current);
	free(chk);
	free(names.folder);
	free(folder);
}

static void copy_recovers_to_freeze(void **state)
{
	uintptr_t id, inst, ses;
	uint32_t dbid, pages, inc_pages;
	unsigned char *at_full, *at_inc;
	struct sim_database_file_info fi;
	(void)state;
	start_instance("c", "i", &inst, &ses);
	assert_int_equal(sim_create_database(ses, "i/a.edb", 0, 0, &dbid), JET_errSuccess);
	change_pages(inst, dbid, 1500, 0x21);

	/* full: freeze, record, copy, thaw, end */
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(id, 1);
	at_full = record_pages(inst, dbid, &pages);
	copy_folder("i", "full", NULL);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	change_pages(inst, dbid, 800, 0x22);
	assert_int_equal(sim_snapshot_truncate_log(id, 0, 0, JET_bitAllDatabasesSnapshot),
			 JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	/* the header records a full OS snapshot backup */
	assert_int_equal(sim_database_file_info("i/a.edb", &fi), JET_errSuccess);
	assert_true(fi.header.full_previous.gen_low >= 1);
	assert_true(fi.header.full_previous.gen_high >= fi.header.full_previous.gen_low);
	assert_int_equal(fi.header.full_previous_type, BACKUP_TYPE_OS_SNAPSHOT);
	assert_int_equal(fi.header.incremental_previous.gen_low, 0);
	assert_int_equal(fi.header.snapshot_current.gen_low, 0);

	/* incremental: its copy is the logs */
	change_pages(inst, dbid, 700, 0x23);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitIncrementalSnapshot | JET_bitContinueAfterThaw),
			 JET_errSuccess);
	freeze_ok(id, 1);
	at_inc = record_pages(inst, dbid, &inc_pages);
	copy_folder("i", "inc", ".log");
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	assert_int_equal(sim_database_file_info("i/a.edb", &fi), JET_errSuccess);
	assert_int_equal(fi.header.incremental_previous_type, BACKUP_TYPE_OS_SNAPSHOT);
	assert_true(fi.header.incremental_previous.gen_high > fi.header.full_previous.gen_high);
	change_pages(inst, dbid, 300, 0x24);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);

	/* restored into fresh folders: the full copy, then the full copy
	 * with the incremental's logs; the live folder stays as it is */
	{
		struct file_sums live_before, live_after;
		sum_folder("i", &live_before);
		copy_folder("full", "fresh_full", NULL);
		recover_into_fresh("fresh_full", "a.edb");
		compare_pages("fresh_full/a.edb", at_full, pages);
		copy_folder("full", "fresh_inc", NULL);
		copy_folder("inc", "fresh_inc", ".log");
		recover_into_fresh("fresh_inc", "a.edb");
		compare_pages("fresh_inc/a.edb", at_inc, inc_pages);
		assert_int_equal(sim_database_file_info("fresh_inc/a.edb", &fi), JET_errSuccess);
		assert_int_equal(fi.header.state, JET_dbstateCleanShutdown);
		sum_folder("i", &live_after);
		assert_int_equal(live_before.count, live_after.count);
		for (unsigned i = 0; i < live_before.count; i++)
			assert_true(live_before.sums[i] == live_after.sums[i]);
	}

	/* the full copy alone: the database as of the full freeze */
	copy_folder("i", "live", NULL);
	remove_folder("i");
	copy_folder("full", "i", NULL);
	recover_in_place("i");
	compare_pages("i/a.edb", at_full, pages);
	/* the full copy and the incremental's logs: as of the second freeze */
	remove_folder("i");
	copy_folder("full", "i", NULL);
	copy_folder("inc", "i", ".log");
	recover_in_place("i");
	compare_pages("i/a.edb", at_inc, inc_pages);
	free(at_full);
	free(at_inc);
}

/* The same with the workload writing through the freeze: it waits at the
 * gate, and the copy holds every write made before the freeze. */
static void busy_copy_recovers_to_freeze(void **state)
{
	uintptr_t id, inst, ses;
	uint32_t pages, gen;
	unsigned char *at_freeze;
	(void)state;
	start_busy("i", &inst, &ses);
	gen = current_generation(inst);
	while (writes_of(inst) < 300 || current_generation(inst) < gen + 2)
		os_sleep_ms(5);
	assert_int_equal(sim_snapshot_prepare(&id, JET_bitContinueAfterThaw), JET_errSuccess);
	freeze_ok(id, 1);
	/* the writer waits without the instance lock: the pages can be read */
	at_freeze = record_pages(inst, 1, &pages);
	copy_folder("i", "copy", NULL);
	assert_int_equal(sim_snapshot_thaw(id, 0), JET_errSuccess);
	{
		uint64_t w = writes_of(inst);
		while (writes_of(inst) < w + 200)
			os_sleep_ms(5);
	}
	assert_int_equal(sim_snapshot_end(id, 0), JET_errSuccess);
	assert_int_equal(sim_end_session(ses, 0), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	remove_folder("i");
	copy_folder("copy", "i", NULL);
	recover_in_place("i");
	compare_pages("i/busy.edb", at_freeze, pages);
	free(at_freeze);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(prepare_codes),
		CASE(full_sequence),
		CASE(thaw_ends_session),
		CASE(not_allowed),
		CASE(incremental_checks),
		CASE(instances_come_and_go),
		CASE(timeout),
		CASE(term_while_frozen),
		CASE(term_waits_for_session),
		CASE(freeze_holds_files),
		CASE(copy_recovers_to_freeze),
		CASE(busy_copy_recovers_to_freeze),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
