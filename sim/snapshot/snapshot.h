/*
 * OS snapshot backup (JetOSSnapshot*): what a VSS writer drives.  A
 * snapshot session is process-wide and may span several instances; it
 * follows the engine's state machine (CESESnapshotSession in the ESE
 * source's io.cxx, ErrIsamOSSnapshot* there and BKOSSnapshot* in
 * backup.cxx):
 *
 *   prepare → freeze → thaw → (truncate logs)* → end
 *                 └─ timeout ─┘        any state → abort
 *
 * While frozen, nothing of the session's instances reaches disk: their
 * writers (the workload, API calls) wait in instance_io_gate until the
 * thaw, or until JET_paramOSSnapshotTimeout ms have passed, when the
 * engine thaws by itself and the thaw reports JET_errOSSnapshotTimeOut.
 * A copy of the instances' folders taken during the freeze is a crashed
 * instance that recovery brings to its state as of the freeze.
 */
#ifndef SIM_SNAPSHOT_H
#define SIM_SNAPSHOT_H

#include <stdint.h>

#include "instance/instance.h"

/* Each takes and returns what its JetOSSnapshot* function does; ids are
 * the JET_OSSNAPID handed out by prepare (never 0). */
int sim_snapshot_prepare(uintptr_t *id, uint32_t grbit);
int sim_snapshot_prepare_instance(uintptr_t id, uintptr_t instance, uint32_t grbit);
/* list and count may be NULL (JET_errInvalidParameter); the list is the
 * session's instances with their databases, freed with
 * sim_free_instance_list. */
int sim_snapshot_freeze(uintptr_t id, struct sim_instance_info **list, unsigned *count,
			uint32_t grbit);
int sim_snapshot_freeze_info(uintptr_t id, struct sim_instance_info **list, unsigned *count,
			     uint32_t grbit);
int sim_snapshot_thaw(uintptr_t id, uint32_t grbit);
/* one_instance: JetOSSnapshotTruncateLogInstance (instance names it),
 * else every instance of the session. */
int sim_snapshot_truncate_log(uintptr_t id, int one_instance, uintptr_t instance,
			      uint32_t grbit);
int sim_snapshot_end(uintptr_t id, uint32_t grbit);
int sim_snapshot_abort(uintptr_t id, uint32_t grbit);

/* JetTerm of an instance (locked, already terminating): with
 * JET_bitTermAbrupt or JET_bitTermStopBackup it waits, unlocked, until no
 * snapshot session has the instance (the session's thaw and end still
 * record the snapshot in its headers); a clean term without them while
 * the instance is in a snapshot backup is JET_errBackupInProgress. */
int snapshot_before_term(struct instance *inst, uint32_t term_grbit);

#endif
