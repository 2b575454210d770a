/*
 * The instance's log set and checkpoint as the rest of the engine uses
 * them: the databases log their changes through it, recovery and backup
 * read it.  JetInit opens it (db/instance_files.c); the checkpoint's
 * advance, which needs the databases, is in db/database.c.  All with the
 * instance locked.
 */
#ifndef SIM_INSTANCE_LOG_H
#define SIM_INSTANCE_LOG_H

#include <stdint.h>

#include "format/format.h"
#include "log/log.h"

struct instance;

/* What struct instance's log points to while the instance runs. */
struct instance_log {
	struct log_names names;
	char *checkpoint_path;
	struct log_writer *writer;   /* NULL with JET_paramRecovery "Off" */
	struct lgpos checkpoint;     /* as last written */
	uint32_t keep_logs_from;     /* a backup still copies these */
	struct dbms_param dbms;      /* what log headers and the checkpoint record */
	struct lgpos last_detach;    /* db/: the latest detach record */
};

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
/* Circular logging: removes the generations the checkpoint has passed,
 * but not those a backup still copies. */
void instance_log_delete_passed(struct instance *inst);

/* The checkpoint: recovery starts at its generation. */
uint32_t instance_checkpoint_generation(const struct instance *inst);
/* Writes the checkpoint file at position and tells the log writer;
 * attach: the databases attached there (ATTACH_LIST_SIZE bytes), or NULL
 * for no list (checkpoint.h). */
int instance_checkpoint_write(struct instance *inst, struct lgpos position,
			      const unsigned char *attach);
/* The generation the checkpoint file says: JET_errCheckpointFileNotFound
 * when it is gone, JET_errCheckpointCorrupt when damaged. */
int instance_checkpoint_file_generation(struct instance *inst, uint32_t *gen);
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
