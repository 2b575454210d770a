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

/* The instance's log set, for backup (instance locked). */
int instance_logging_enabled(const struct instance *inst);
int instance_circular_logging(const struct instance *inst);
/* Closes the current log as an archived generation and starts the next;
 * *current is the new current generation. */
int instance_log_roll(struct instance *inst, uint32_t *current);
uint32_t instance_checkpoint_generation(const struct instance *inst);
/* Lowest archived generation on disk (JET_errFileNotFound if none). */
int instance_log_lowest_archived(struct instance *inst, uint32_t *gen);
/* Full path of an archived generation (malloc'ed). */
char *instance_log_path(const struct instance *inst, uint32_t gen);
/* The archived generation a full path names in this log set, or 0. */
uint32_t instance_log_generation_of(const struct instance *inst, const char *full_path);
/* Verifies the checksums of an archived generation. */
int instance_log_verify(struct instance *inst, uint32_t gen);
int instance_log_delete(struct instance *inst, uint32_t gen);
const char *instance_log_base_name(const struct instance *inst);
