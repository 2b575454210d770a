/*
 * Start: the files (recovery, log, temporary database), then the
 * scenario's writer.  Stop, in the reverse order: a snapshot session the
 * instance is in (waited for, or refusing the term), a running backup
 * (which may refuse the term), the sessions, the writer, then the files.
 */
#include "engine/init_term.h"

#include <stdatomic.h>

#include "backup/backup.h"
#include "db/instance_files.h"
#include "db/recovery.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/cursor.h"
#include "jet_values.h"
#include "os/os.h"
#include "snapshot/snapshot.h"
#include "workload/faults.h"
#include "workload/workload.h"

static const uint32_t init_grbits_known =
	JET_bitReplayIgnoreMissingDB | JET_bitRecoveryWithoutUndo |
	JET_bitTruncateLogsAfterRecovery | JET_bitReplayMissingMapEntryDB |
	JET_bitKeepDbAttachedAtEndOfRecovery;

int sim_init(uintptr_t *pinstance, uint32_t grbit)
{
	return sim_init3(pinstance, NULL, grbit);
}

int sim_init3(uintptr_t *pinstance, const struct recovery_request *req, uint32_t grbit)
{
	struct instance *inst;
	int err;

	if (grbit & ~init_grbits_known)
		return JET_errInvalidGrbit;
	/* how a fault's server terminates an instance (faults.h, terminate) */
	instance_set_term_hook(sim_term);
	err = instance_init_begin(pinstance, &inst);
	if (!inst)
		return err;

	os_mutex_lock(inst->lock);
	/* the map is checked once the instance is found, and a bad one fails
	 * the init, which frees the instance (jetapi.cxx, ErrInitComplete) */
	if (!err)
		err = recovery_request_check(req);
	if (!err)
		err = instance_files_open(inst, grbit, req);
	if (!err) {
		inst->state = INSTANCE_RUNNING;
		inst->init_time = os_time_now();
		atomic_store(&inst->stop_backup, 0);
		/* the scenario the environment names makes the instance busy */
		err = workload_start_from_environment(inst);
		if (err) {
			inst->state = INSTANCE_TERMINATING;
			instance_files_close(inst, 0);
		}
	}
	/* A failed instance stays "initialising" until instance_init_end
	 * takes it out of the table: set back to created, it would let a
	 * JetInit slip in between and succeed on an instance about to be
	 * freed (and a workload started there outlive it). */
	os_mutex_unlock(inst->lock);

	instance_init_end(inst, pinstance, err);
	return err;
}

static const uint32_t term_grbits_known =
	JET_bitTermComplete | JET_bitTermAbrupt | JET_bitTermStopBackup | JET_bitTermDirty;

int sim_term(uintptr_t handle, uint32_t grbit)
{
	struct instance *inst;
	int err;

	if (grbit & ~term_grbits_known)
		return JET_errInvalidGrbit;
	err = instance_term_begin(handle, &inst);
	if (err || !inst)
		return err;

	os_mutex_lock(inst->lock);
	err = inst->unlinked ? JET_errInvalidParameter
	    : inst->state != INSTANCE_RUNNING ? JET_errTermInProgress : JET_errSuccess;
	if (!err) {
		/* claimed before anything may release the lock (ending a backup
		 * waits for a read in flight): a second JetTerm gets
		 * JET_errTermInProgress, and a refusal gives the instance back */
		inst->state = INSTANCE_TERMINATING;
		err = snapshot_before_term(inst, grbit);
		if (!err)
			err = backup_before_term(inst, grbit);
		if (err)
			inst->state = INSTANCE_RUNNING;
	}
	if (!err) {
		struct workload *w = inst->workload;
		inst->state = INSTANCE_TERMINATING;
		inst->workload = NULL;
		isam_instance_ending(inst);
		session_end_all(inst->handle);
		/* the writer takes this lock for each write: it is stopped
		 * with the lock released (every call meanwhile sees the term) */
		os_mutex_unlock(inst->lock);
		workload_stop(w);
		os_mutex_lock(inst->lock);
		backup_free(inst);
		faults_detach(inst);
		instance_files_close(inst, grbit);
	}
	os_mutex_unlock(inst->lock);

	instance_term_end(inst, err);
	/* a dirty term that succeeded says so (tm.cxx, ErrTermComplete) */
	if (!err && (grbit & JET_bitTermDirty))
		err = JET_errDirtyShutdown;
	return err;
}
