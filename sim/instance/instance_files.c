/*
 * The instance on disk.  JetInit makes its folders real (creating them with
 * JET_paramCreatePathIfNotExist), replays the log set from the checkpoint
 * (recovery.c), makes the reserve logs and the temporary database; JetTerm
 * writes every database out, detaches it and ends the log with a clean
 * shutdown, or (JET_bitTermDirty) leaves it all for recovery.
 */
#include "instance/instance_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup/backup.h"
#include "log/checkpoint.h"
#include "db/database.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"
#include "db/recovery.h"

/* ESENT keeps two reserve logs (engine notes §2.2 item 11). */
#define RESERVE_LOGS 2

struct instance_files {
	char *system_dir;            /* full paths, ending in a separator */
	char *log_dir;
	char *temp_db;               /* the temporary database's file */
	os_file *temp_file;          /* held for the instance's life, as ESE does */
	os_file *reserve[RESERVE_LOGS];  /* so are the reserve logs */
	struct log_names names;
	char *checkpoint_path;
	struct log_writer *log;      /* NULL with JET_paramRecovery "Off" */
	struct lgpos checkpoint;     /* as last written */
	uint32_t keep_logs_from;     /* a backup still copies these */
};

static char *full_folder(const char *param)
{
	char *full = *param ? os_full_path(param) : NULL;   /* "" names no folder */
	char *with_sep;
	if (!full)
		return NULL;
	with_sep = path_join(full, "");
	free(full);
	return with_sep;
}

static int is_absolute(const char *p)
{
	return path_is_separator(p[0]) || (p[0] && p[1] == ':');
}

/* JET_paramTempPath: a relative value is under the system path, and one
 * that ends in a separator is a folder for tmp.edb (jetapi.cxx, ErrInit). */
static char *temp_db_path(const struct param_values *p)
{
	const char *temp = param_string(p, JET_paramTempPath);
	char *joined, *full;
	size_t n = strlen(temp);
	joined = is_absolute(temp) ? path_join(temp, "")
				   : path_join(param_string(p, JET_paramSystemPath), "");
	if (joined && !is_absolute(temp)) {
		char *both = path_join(joined, temp);
		free(joined);
		joined = both;
	} else if (joined) {
		free(joined);
		joined = malloc(n + 1);
		if (joined)
			strcpy(joined, temp);
	}
	if (joined && n && path_is_separator(temp[n - 1])) {
		char *file = path_join(joined, "tmp.edb");
		free(joined);
		joined = file;
	}
	full = joined ? os_full_path(joined) : NULL;
	free(joined);
	return full;
}

static int same_folder(const char *param_a, const char *param_b)
{
	char *a = os_full_path(param_a), *b = os_full_path(param_b);
	int eq = a && b && os_path_equal(a, b);
	free(a);
	free(b);
	return eq;
}

static int same_temp_db(const struct param_values *a, const struct param_values *b)
{
	char *pa = temp_db_path(a), *pb = temp_db_path(b);
	int eq = pa && pb && os_path_equal(pa, pb);
	free(pa);
	free(pb);
	return eq;
}

int instance_files_check_paths_locked(struct instance *inst, struct instance *const *all,
				      unsigned count)
{
	const struct param_values *mine = &inst->params;
	for (unsigned i = 0; i < count; i++) {
		const struct param_values *other = &all[i]->params;
		if (all[i] == inst || all[i]->state == INSTANCE_CREATED)
			continue;
		if (same_folder(param_string(mine, JET_paramLogFilePath),
				param_string(other, JET_paramLogFilePath)))
			return JET_errLogFilePathInUse;
		if (same_folder(param_string(mine, JET_paramSystemPath),
				param_string(other, JET_paramSystemPath)))
			return JET_errSystemPathInUse;
		if (same_temp_db(mine, other))
			return JET_errTempPathInUse;
	}
	return JET_errSuccess;
}

static void files_free(struct instance_files *f)
{
	if (f) {
		if (f->temp_file) {
			os_file_close(f->temp_file);
			attached_file_release(f->temp_db);
			os_remove(f->temp_db);
		}
		for (unsigned i = 0; i < RESERVE_LOGS; i++)
			os_file_close(f->reserve[i]);
		log_writer_close(f->log);
		free(f->system_dir);
		free(f->log_dir);
		free(f->temp_db);
		free(f->checkpoint_path);
		free(f);
	}
}

/* A folder the instance needs: made when JET_paramCreatePathIfNotExist
 * allows, else its absence is the given error. */
static int need_folder(const char *folder, int create, int missing_error)
{
	if (os_path_exists(folder) == 2)
		return JET_errSuccess;
	if (!create)
		return missing_error;
	return path_make_folders(folder) == OS_OK ? JET_errSuccess : missing_error;
}

static int recovery_on(const struct param_values *p)
{
	return (param_string(p, JET_paramRecovery)[1] | 0x20) == 'n';
}

/* Reserve logs: made at log-file size when missing, held open while the
 * instance runs (so, on Windows, nobody deletes them meanwhile), kept
 * after. */
static void make_reserve_logs(struct instance_files *f, uint32_t size)
{
	for (unsigned i = 0; i < RESERVE_LOGS; i++) {
		char *path = log_reserve_path(&f->names, i + 1);
		if (path && os_file_open(path, OS_OPEN_READWRITE, &f->reserve[i]) != OS_OK &&
		    os_file_open(path, OS_OPEN_CREATE, &f->reserve[i]) == OS_OK)
			os_file_set_size(f->reserve[i], size);
		free(path);
	}
}

/* The temporary database: made afresh at every JetInit, removed at JetTerm
 * (not with JET_paramMaxTemporaryTables 0). */
static int make_temp_db(struct instance *inst, struct instance_files *f)
{
	struct db_header h;
	struct signature s;
	os_file *file;
	int rc, err;
	if (param_int(&inst->params, JET_paramMaxTemporaryTables) == 0) {
		free(f->temp_db);
		f->temp_db = NULL;
		return JET_errSuccess;
	}
	/* claimed like an attached database: nothing can be made over it */
	err = attached_file_claim(f->temp_db, inst->handle, 0);
	if (err)
		return JET_errTempFileOpenError;
	if (os_path_exists(f->temp_db) == 1)
		os_remove(f->temp_db);
	rc = os_file_open(f->temp_db, OS_OPEN_CREATE_EXCLUSIVE, &file);
	if (rc != OS_OK) {
		attached_file_release(f->temp_db);
		return rc == OS_PATH_NOT_FOUND ? JET_errInvalidPath : JET_errTempFileOpenError;
	}
	signature_new(&s);
	database_header_new(&h, &s, (uint32_t)param_int(&inst->params, JET_paramDatabasePageSize), 0);
	h.state = JET_dbstateDirtyShutdown;
	err = database_format_new(file, &h, DATABASE_TEMP_PAGES);
	f->temp_file = file;
	return err ? JET_errTempFileOpenError : JET_errSuccess;
}

static int write_checkpoint(struct instance *inst, struct lgpos position)
{
	struct instance_files *f = inst->files;
	struct checkpoint c;
	int err;
	memset(&c, 0, sizeof c);
	c.position = position;
	c.log_signature = *log_signature(f->log);
	err = checkpoint_write(f->checkpoint_path, &c);
	if (!err) {
		f->checkpoint = position;
		log_set_checkpoint(f->log, position);
	}
	return err;
}

/* A new generation starts with the attachments, then the checkpoint may
 * move: pages dirtied more than JET_paramCheckpointDepthMax of log ago are
 * written out. */
static int after_roll(void *ctx, uint32_t generation)
{
	struct instance *inst = ctx;
	struct instance_files *f = inst->files;
	uint32_t log_size = (uint32_t)param_int(&inst->params, JET_paramLogFileSize) * 1024;
	intptr_t depth = param_int(&inst->params, JET_paramCheckpointDepthMax);
	uint32_t depth_generations = (uint32_t)(depth / log_size);
	int err = databases_log_attachments(inst);
	if (!err && generation > depth_generations) {
		struct lgpos before = lgpos_at(generation - depth_generations, 0);
		err = databases_flush_before(inst, before);
	}
	if (!err && f->log)
		err = instance_checkpoint_update(inst);
	return err;
}

int instance_files_open(struct instance *inst, uint32_t init_grbit)
{
	const struct param_values *p = &inst->params;
	int create = param_int(p, JET_paramCreatePathIfNotExist) != 0;
	struct instance_files *f = calloc(1, sizeof *f);
	char *temp_folder = NULL;
	int err;

	if (!f)
		return JET_errOutOfMemory;
	f->system_dir = full_folder(param_string(p, JET_paramSystemPath));
	f->log_dir = full_folder(param_string(p, JET_paramLogFilePath));
	f->temp_db = temp_db_path(p);
	temp_folder = f->temp_db ? path_folder(f->temp_db) : NULL;
	f->names.folder = f->log_dir;
	snprintf(f->names.base, sizeof f->names.base, "%s", param_string(p, JET_paramBaseName));
	f->names.legacy = (unsigned)param_int(p, JET_paramLegacyFileNames);
	f->checkpoint_path = f->system_dir ? checkpoint_path(f->system_dir, &f->names) : NULL;
	/* a path the system cannot make whole (an empty one, say) is no folder */
	err = !f->system_dir ? JET_errInvalidSystemPath
	    : !f->log_dir ? JET_errInvalidLogDirectory
	    : !temp_folder ? JET_errInvalidPath
	    : !f->checkpoint_path ? JET_errOutOfMemory : JET_errSuccess;
	if (err) {
		free(temp_folder);
		files_free(f);
		return err;
	}
	err = need_folder(f->system_dir, create, JET_errInvalidSystemPath);
	if (!err)
		err = need_folder(f->log_dir, create, JET_errInvalidLogDirectory);
	if (!err)
		err = need_folder(temp_folder, create, JET_errInvalidPath);
	free(temp_folder);
	inst->files = f;
	if (!err && recovery_on(p)) {
		struct log_writer_config c = {
			.names = &f->names,
			.file_size = (uint32_t)param_int(p, JET_paramLogFileSize) * 1024,
			.db_page_size = (uint32_t)param_int(p, JET_paramDatabasePageSize),
			.circular = param_int(p, JET_paramCircularLog) != 0,
			.sync = 1,
		};
		err = recovery_run(inst, &c, f->checkpoint_path, init_grbit, &f->log);
		if (!err) {
			struct log_record init = { .type = LOG_REC_INIT };
			log_on_roll(f->log, after_roll, inst);
			make_reserve_logs(f, c.file_size);
			err = instance_log_append(inst, &init, NULL);
		}
		if (!err)
			err = instance_checkpoint_update(inst);
	}
	if (!err)
		err = make_temp_db(inst, f);
	if (err) {
		databases_close_all(inst, 0);
		inst->files = NULL;
		files_free(f);
	}
	return err;
}

int instance_files_term_allowed(struct instance *inst, uint32_t term_grbit)
{
	return backup_before_term(inst, term_grbit);
}

void instance_files_close(struct instance *inst, uint32_t term_grbit)
{
	struct instance_files *f = inst->files;
	int clean = !(term_grbit & JET_bitTermDirty);
	if (!f)
		return;
	backup_free(inst);
	databases_close_all(inst, clean);
	if (f->log && clean) {
		struct log_record term = { .type = LOG_REC_TERM };
		struct lgpos at;
		if (instance_log_append(inst, &term, &at) == JET_errSuccess) {
			log_flush(f->log);
			write_checkpoint(inst, log_end(f->log));
		}
	}
	inst->files = NULL;
	files_free(f);
}

int instance_files_list_databases(struct instance *inst, char ***paths, unsigned *count)
{
	return attached_databases_of(inst->handle, paths, count);
}

/* --- The log */

int instance_logging_enabled(const struct instance *inst)
{
	return inst->files && inst->files->log;
}

int instance_circular_logging(const struct instance *inst)
{
	return param_int(&inst->params, JET_paramCircularLog) != 0;
}

int instance_log_append(struct instance *inst, const struct log_record *r, struct lgpos *at)
{
	if (!instance_logging_enabled(inst))
		return JET_errLoggingDisabled;
	return log_append(inst->files->log, r, at);
}

int instance_log_failed(const struct instance *inst)
{
	return instance_logging_enabled(inst) && log_failed(inst->files->log);
}

int instance_log_flush(struct instance *inst)
{
	return instance_logging_enabled(inst) ? log_flush(inst->files->log) : JET_errSuccess;
}

const struct signature *instance_log_signature(const struct instance *inst)
{
	return log_signature(inst->files->log);
}

struct lgpos instance_log_end(const struct instance *inst)
{
	return log_end(inst->files->log);
}

const struct log_names *instance_log_names(const struct instance *inst)
{
	return &inst->files->names;
}

struct logtime instance_log_created(const struct instance *inst)
{
	return log_created(inst->files->log);
}

int instance_log_roll(struct instance *inst, uint32_t *current)
{
	int err;
	if (!instance_logging_enabled(inst))
		return JET_errLoggingDisabled;
	err = log_roll(inst->files->log);
	if (!err)
		*current = log_generation(inst->files->log);
	return err;
}

int instance_log_lowest_archived(struct instance *inst, uint32_t *gen)
{
	if (!instance_logging_enabled(inst))
		return JET_errLoggingDisabled;
	*gen = log_writer_lowest_archived(inst->files->log);
	return *gen ? JET_errSuccess : JET_errFileNotFound;
}

int instance_log_remove_archived(struct instance *inst, uint32_t gen)
{
	return log_remove_archived(inst->files->log, gen);
}

/* --- The checkpoint */

uint32_t instance_checkpoint_generation(const struct instance *inst)
{
	return instance_logging_enabled(inst) ? inst->files->checkpoint.generation : 0;
}

int instance_checkpoint_file_generation(struct instance *inst, uint32_t *gen)
{
	struct checkpoint c;
	int err = checkpoint_read(inst->files->checkpoint_path, &c);
	if (!err && !signature_equal(&c.log_signature, log_signature(inst->files->log)))
		err = JET_errCheckpointCorrupt;
	if (!err)
		*gen = c.position.generation;
	return err;
}

void instance_keep_logs_from(struct instance *inst, uint32_t gen)
{
	if (inst->files)
		inst->files->keep_logs_from = gen;
}

/* Circular logging: generations the checkpoint has passed go, unless a
 * backup still copies them. */
static void delete_passed_logs(struct instance *inst)
{
	struct instance_files *f = inst->files;
	uint32_t lowest = log_writer_lowest_archived(f->log);
	uint32_t limit = f->checkpoint.generation;
	if (f->keep_logs_from && f->keep_logs_from < limit)
		limit = f->keep_logs_from;
	for (uint32_t gen = lowest; gen && gen < limit; gen++)
		log_remove_archived(f->log, gen);
}

int instance_checkpoint_update(struct instance *inst)
{
	struct instance_files *f = inst->files;
	struct lgpos position;
	int err;
	if (!instance_logging_enabled(inst))
		return JET_errSuccess;
	if (!databases_oldest_dirty(inst, &position))
		position = log_end(f->log);
	if (lgpos_compare(position, f->checkpoint) <= 0)
		return JET_errSuccess;
	/* the pages the checkpoint no longer covers must be on the device
	 * first: logs behind the checkpoint may be deleted */
	err = databases_sync(inst);
	if (!err)
		err = write_checkpoint(inst, position);
	if (!err && instance_circular_logging(inst))
		delete_passed_logs(inst);
	return err;
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
		out->current_generation = log_generation(inst->files->log);
		out->current_created = instance_log_created(inst);
	}
	instance_leave(inst, 0);
	return JET_errSuccess;
}
