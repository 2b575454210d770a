/*
 * What JetInit makes real on disk for an instance, and JetTerm puts away:
 * its folders, transaction logs, checkpoint and temporary database.
 */
#ifndef SIM_INSTANCE_FILES_H
#define SIM_INSTANCE_FILES_H

#include <stdint.h>

struct instance;

/* Registry locked: refuses folders another started instance already uses
 * (JET_errSystemPathInUse, JET_errLogFilePathInUse, JET_errTempPathInUse). */
int instance_files_check_paths_locked(struct instance *inst, struct instance *const *all,
				      unsigned count);
/* JetInit's disk work: folders, logs (recovering a dirty shutdown),
 * checkpoint, temporary database. */
int instance_files_open(struct instance *inst, uint32_t init_grbit);
/* JetTerm's check before anything changes: JET_errBackupInProgress when a
 * backup runs and the grbits do not end it. */
int instance_files_term_allowed(struct instance *inst, uint32_t term_grbit);
/* JetTerm's disk work: clean shutdown, or a dirty one with JET_bitTermDirty. */
void instance_files_close(struct instance *inst, uint32_t term_grbit);
/* JetStopServiceInstance2 changed what may run in the background. */
void instance_files_service_changed(struct instance *inst);
/* Full paths of the attached databases (each and the array malloc'ed). */
int instance_files_list_databases(struct instance *inst, char ***paths, unsigned *count);

#endif
