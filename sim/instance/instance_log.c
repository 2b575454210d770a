/*
 * The instance's log set and checkpoint, as the databases, recovery and
 * backup use them: appending, flushing and rolling the log, and writing the
 * checkpoint.  JetInit sets them up (db/instance_files.c).  All with the
 * instance locked.
 */
#include "instance/instance_log.h"

#include <stdlib.h>
#include <string.h>

#include "instance/fault_hook.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "log/checkpoint.h"
#include "os/os.h"

/* --- The log */

int instance_logging_enabled(const struct instance *inst)
{
	return inst->log && inst->log->writer;
}

int instance_circular_logging(const struct instance *inst)
{
	return param_int(&inst->params, JET_paramCircularLog) != 0;
}

int instance_log_append(struct instance *inst, const struct log_record *r, struct lgpos *at)
{
	struct fault_point p = { .site = FAULT_LOG_WRITE };
	int err;
	if (!instance_logging_enabled(inst))
		return JET_errLoggingDisabled;
	err = instance_fault(inst, &p);
	if (err)   /* an injected failure is the device's: the log goes down */
		log_set_failed(inst->log->writer);
	if (!err) {
		instance_io_gate(&inst->io_frozen);
		err = log_append(inst->log->writer, r, at);
	}
	/* a log that can no longer be written takes the instance offline:
	 * what was done cannot be logged nor undone (ESE sets the instance
	 * unavailable where a logged operation fails, db.cxx, ver.cxx) */
	if (err && log_failed(inst->log->writer))
		instance_set_unavailable(inst, err);
	return err;
}

int instance_log_failed(const struct instance *inst)
{
	return instance_logging_enabled(inst) && log_failed(inst->log->writer);
}

int instance_log_flush(struct instance *inst)
{
	instance_io_gate(&inst->io_frozen);
	return instance_logging_enabled(inst) ? log_flush(inst->log->writer) : JET_errSuccess;
}

const struct signature *instance_log_signature(const struct instance *inst)
{
	return log_signature(inst->log->writer);
}

struct lgpos instance_log_end(const struct instance *inst)
{
	return log_end(inst->log->writer);
}

const struct log_names *instance_log_names(const struct instance *inst)
{
	return &inst->log->names;
}

struct logtime instance_log_created(const struct instance *inst)
{
	return log_created(inst->log->writer);
}

int instance_log_roll(struct instance *inst, uint32_t *current)
{
	int err;
	if (!instance_logging_enabled(inst))
		return JET_errLoggingDisabled;
	instance_io_gate(&inst->io_frozen);
	err = log_roll(inst->log->writer);
	if (!err)
		*current = log_generation(inst->log->writer);
	return err;
}

int instance_log_lowest_archived(struct instance *inst, uint32_t *gen)
{
	if (!instance_logging_enabled(inst))
		return JET_errLoggingDisabled;
	*gen = log_writer_lowest_archived(inst->log->writer);
	return *gen ? JET_errSuccess : JET_errFileNotFound;
}

int instance_log_remove_archived(struct instance *inst, uint32_t gen)
{
	return log_remove_archived(inst->log->writer, gen);
}

/* --- The checkpoint */

int instance_checkpoint_write(struct instance *inst, struct lgpos position,
			      const unsigned char *attach)
{
	struct instance_log *l = inst->log;
	struct checkpoint c;
	int err;
	instance_io_gate(&inst->io_frozen);
	checkpoint_at(&c, position, log_signature(l->writer), &l->dbms, log_file_size(l->writer),
		      attach);
	err = checkpoint_write(l->checkpoint_path, &c);
	if (!err) {
		l->checkpoint = position;
		log_set_checkpoint(l->writer, position);
	}
	return err;
}

uint32_t instance_checkpoint_generation(const struct instance *inst)
{
	return instance_logging_enabled(inst) ? inst->log->checkpoint.generation : 0;
}

int instance_checkpoint_file_generation(struct instance *inst, uint32_t *gen)
{
	struct checkpoint c;
	int err = checkpoint_read(inst->log->checkpoint_path, &c);
	if (!err && !signature_equal(&c.log_signature, log_signature(inst->log->writer)))
		err = JET_errCheckpointCorrupt;
	if (!err)
		*gen = c.position.generation;
	return err;
}

void instance_keep_logs_from(struct instance *inst, uint32_t gen)
{
	if (inst->log)
		inst->log->keep_logs_from = gen;
}

/* Circular logging: generations the checkpoint has passed go, unless a
 * backup still copies them. */
void instance_log_delete_passed(struct instance *inst)
{
	struct instance_log *l = inst->log;
	uint32_t lowest = log_writer_lowest_archived(l->writer);
	uint32_t limit = l->checkpoint.generation;
	if (l->keep_logs_from && l->keep_logs_from < limit)
		limit = l->keep_logs_from;
	for (uint32_t gen = lowest; gen && gen < limit; gen++)
		log_remove_archived(l->writer, gen);
}

int sim_instance_misc_info(uintptr_t handle, struct sim_instance_misc *out)
{
	struct instance *inst;
	int err = instance_enter(handle, 0, &inst);
	if (err)
		return err;
	memset(out, 0, sizeof *out);
	if (instance_logging_enabled(inst)) {
		out->log_signature = *instance_log_signature(inst);
		out->checkpoint_generation = instance_checkpoint_generation(inst);
		out->current_generation = log_generation(inst->log->writer);
		out->current_created = instance_log_created(inst);
	}
	instance_leave(inst, 0);
	return JET_errSuccess;
}
