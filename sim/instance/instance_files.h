/*
 * What JetInit makes real on disk for an instance, and JetTerm puts away:
 * its folders, the log set and checkpoint (recovering after a dirty
 * shutdown), reserve logs and the temporary database.  Also the log and
 * checkpoint as the rest of the engine uses them.  All with the instance
 * locked.
 */
#ifndef SIM_INSTANCE_FILES_H
#define SIM_INSTANCE_FILES_H

#include <stdint.h>

#include "format/format.h"
#include "log/log.h"

struct instance;

/* Registry locked: refuses folders another started instance already uses
 * (JET_errSystemPathInUse, JET_errLogFilePathInUse, JET_errTempPathInUse). */
int instance_files_check_paths_locked(struct instance *inst, struct instance *const *all,
				      unsigned count);
/* JetInit's disk work. */
int instance_files_open(struct instance *inst, uint32_t init_grbit);
/* JetTerm's check before anything changes: JET_errBackupInProgress when a
 * backup runs and the grbits do not end it (then they end it). */
int instance_files_term_allowed(struct instance *inst, uint32_t term_grbit);
/* JetTerm's disk work: a clean shutdown, or a dirty one (JET_bitTermDirty),
 * which leaves the databases for the next JetInit to recover. */
void instance_files_close(struct instance *inst, uint32_t term_grbit);
/* Full paths of the attached databases (each and the array malloc'ed). */
int instance_files_list_databases(struct instance *inst, char ***paths, unsigned *count);

/* The log, for the databases and backup. */
int instance_logging_enabled(const struct instance *inst);
int instance_circular_logging(const struct instance *inst);
int instance_log_append(struct instance *inst, const struct log_record *r, struct lgpos *at);
int instance_log_flush(struct instance *inst);
/* 1 when the log can no longer be written (JET_errLogWriteFail). */
int instance_log_failed(const struct instance *inst);
const struct signature *instance_log_signature(const struct instance *inst);
struct lgpos instance_log_end(const struct instance *inst);
const struct log_names *instance_log_names(const struct instance *inst);
/* Closes the current log as an archived generation and starts the next;
 * *current is the new current generation. */
int instance_log_roll(struct instance *inst, uint32_t *current);
/* Lowest archived generation on disk (JET_errFileNotFound if none). */
int instance_log_lowest_archived(struct instance *inst, uint32_t *gen);
/* Deletes an archived generation (an OS_ code), keeping the lowest known. */
int instance_log_remove_archived(struct instance *inst, uint32_t gen);
/* The current generation's creation time. */
struct logtime instance_log_created(const struct instance *inst);

/* The checkpoint: recovery starts at its generation. */
uint32_t instance_checkpoint_generation(const struct instance *inst);
/* The generation the checkpoint file says: JET_errCheckpointFileNotFound
 * when it is gone, JET_errCheckpointCorrupt when damaged. */
int instance_checkpoint_file_generation(struct instance *inst, uint32_t *gen);
/* Moves it to the oldest change not yet in the database files. */
int instance_checkpoint_update(struct instance *inst);
/* While a backup copies logs from generation gen, circular logging keeps
 * them (0: no backup). */
void instance_keep_logs_from(struct instance *inst, uint32_t gen);

/* JetGetInstanceMiscInfo: the log signature and the checkpoint (all zero
 * with logging off). */
struct sim_instance_misc {
	struct signature log_signature;
	uint32_t checkpoint_generation;
	uint32_t current_generation;
	struct logtime current_created;
};
int sim_instance_misc_info(uintptr_t instance, struct sim_instance_misc *out);

#endif
