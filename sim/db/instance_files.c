/*
 * The instance on disk.  JetInit makes its folders real (creating them with
 * JET_paramCreatePathIfNotExist), replays the log set from the checkpoint
 * (recovery.c), makes the reserve logs and the temporary database; JetTerm
 * writes every database out, detaches it and ends the log with a clean
 * shutdown, or (JET_bitTermDirty) leaves it all for recovery.
 */
#include "db/instance_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/database.h"
#include "db/recovery.h"
#include "instance/attached_files.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "instance/instance_paths.h"
#include "jet_values.h"
#include "log/checkpoint.h"
#include "os/os.h"
#include "os/paths.h"

/* ESENT keeps two reserve logs (engine notes §2.2 item 11). */
#define RESERVE_LOGS 2

struct instance_files {
	char *system_dir;            /* full paths, ending in a separator */
	char *log_dir;
	char *temp_db;               /* the temporary database's file */
	os_file *temp_file;          /* held for the instance's life, as ESE does */
	os_file *reserve[RESERVE_LOGS];  /* so are the reserve logs */
	struct instance_log log;     /* what the instance's log points to */
};

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
		log_writer_close(f->log.writer);
		free(f->system_dir);
		free(f->log_dir);
		free(f->temp_db);
		free(f->log.checkpoint_path);
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
		char *path = log_reserve_path(&f->log.names, i + 1);
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
	/* claimed like an attached database: nothing can be made over it.
	 * Its failures are those of any database creation (ESE makes it
	 * with ErrDBCreateDatabase): JET_errTempFileOpenError is obsolete. */
	err = attached_file_claim(f->temp_db, inst->handle, 0);
	if (err)
		return JET_errTempPathInUse;
	if (os_path_exists(f->temp_db) == 1)
		os_remove(f->temp_db);
	rc = os_file_open(f->temp_db, OS_OPEN_CREATE_EXCLUSIVE, &file);
	if (rc != OS_OK) {
		attached_file_release(f->temp_db);
		return rc == OS_PATH_NOT_FOUND ? JET_errInvalidPath
		     : rc == OS_DISK_FULL ? JET_errDiskFull
		     : rc == OS_ACCESS || rc == OS_SHARING || rc == OS_EXISTS ? JET_errFileAccessDenied
		     : JET_errDiskIO;
	}
	signature_new(&s);
	database_header_new(&h, &s, (uint32_t)param_int(&inst->params, JET_paramDatabasePageSize), 0);
	h.state = JET_dbstateDirtyShutdown;
	err = database_format_new(file, &h, DATABASE_TEMP_PAGES);
	f->temp_file = file;
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
	if (!err && f->log.writer)
		err = databases_advance_checkpoint(inst);
	return err;
}

/* JET_bitTruncateLogsAfterRecovery (logstream.cxx,
 * LOG_STREAM::LGTruncateLogsAfterRecovery): once recovery is over, the
 * archived generations go, lowest first, up to the current one; a deletion
 * that fails stops it.  Generations the checkpoint still needs (databases
 * kept attached) stay. */
static void truncate_after_recovery(struct instance *inst)
{
	uint32_t lowest = 0, keep = instance_checkpoint_generation(inst);
	uint32_t current = instance_log_end(inst).generation;
	if (!keep || keep > current)
		keep = current;
	if (instance_log_lowest_archived(inst, &lowest) != JET_errSuccess || !lowest)
		return;
	for (uint32_t gen = lowest; gen < keep; gen++)
		if (instance_log_remove_archived(inst, gen) != OS_OK)
			break;
}

int instance_files_open(struct instance *inst, uint32_t init_grbit,
			const struct recovery_request *req)
{
	const struct param_values *p = &inst->params;
	int create = param_int(p, JET_paramCreatePathIfNotExist) != 0;
	struct instance_files *f = calloc(1, sizeof *f);
	char *temp_folder = NULL;
	int err;

	if (!f)
		return JET_errOutOfMemory;
	f->system_dir = instance_folder_path(param_string(p, JET_paramSystemPath));
	f->log_dir = instance_folder_path(param_string(p, JET_paramLogFilePath));
	f->temp_db = instance_temp_db_path(p);
	temp_folder = f->temp_db ? path_folder(f->temp_db) : NULL;
	f->log.names.folder = f->log_dir;
	snprintf(f->log.names.base, sizeof f->log.names.base, "%s", param_string(p, JET_paramBaseName));
	f->log.names.legacy = (unsigned)param_int(p, JET_paramLegacyFileNames);
	f->log.checkpoint_path = f->system_dir ? checkpoint_path(f->system_dir, &f->log.names) : NULL;
	/* a path the system cannot make whole (an empty one, say) is no folder */
	err = !f->system_dir ? JET_errInvalidSystemPath
	    : !f->log_dir ? JET_errInvalidLogDirectory
	    : !temp_folder ? JET_errInvalidPath
	    : !f->log.checkpoint_path ? JET_errOutOfMemory : JET_errSuccess;
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
	inst->log = &f->log;
	if (!err && recovery_on(p)) {
		struct log_writer_config c = {
			.names = &f->log.names,
			.file_size = (uint32_t)param_int(p, JET_paramLogFileSize) * 1024,
			.db_page_size = (uint32_t)param_int(p, JET_paramDatabasePageSize),
			.circular = param_int(p, JET_paramCircularLog) != 0,
			.sync = 1,
		};
		f->log.dbms = (struct dbms_param){
			.system_path = f->system_dir,
			.log_path = f->log_dir,
			.circular = c.circular,
			.sessions_max = (uint32_t)param_int(p, JET_paramMaxSessions),
			.open_tables_max = (uint32_t)param_int(p, JET_paramMaxOpenTables),
			.ver_pages_max = (uint32_t)param_int(p, JET_paramMaxVerPages),
			.cursors_max = (uint32_t)param_int(p, JET_paramMaxCursors),
			.log_buffers = (uint32_t)param_int(p, JET_paramLogBuffers),
			.cache_size_max = (uint32_t)param_int(p, JET_paramCacheSizeMax),
		};
		c.dbms = f->log.dbms;
		err = recovery_run(inst, &c, f->log.checkpoint_path, init_grbit, req, &f->log.writer);
		if (!err) {
			struct log_record init = { .type = LOG_REC_INIT };
			log_on_roll(f->log.writer, after_roll, inst);
			log_set_attach_source(f->log.writer, databases_attach_list_at_roll, inst);
			make_reserve_logs(f, c.file_size);
			err = instance_log_append(inst, &init, NULL);
		}
		if (!err)
			err = databases_advance_checkpoint(inst);
		if (!err && (init_grbit & JET_bitTruncateLogsAfterRecovery))
			truncate_after_recovery(inst);
	}
	if (!err)
		err = make_temp_db(inst, f);
	if (err) {
		databases_close_all(inst, 0);
		inst->files = NULL;
		inst->log = NULL;
		files_free(f);
	}
	return err;
}

void instance_files_close(struct instance *inst, uint32_t term_grbit)
{
	struct instance_files *f = inst->files;
	int clean = !(term_grbit & JET_bitTermDirty);
	if (!f)
		return;
	databases_close_all(inst, clean);
	if (f->log.writer && clean) {
		struct log_record term = { .type = LOG_REC_TERM };
		struct lgpos at;
		if (instance_log_append(inst, &term, &at) == JET_errSuccess) {
			log_flush(f->log.writer);
			/* a clean term leaves no attach list (log.cxx,
			 * ErrLGIUpdateCheckpointLgposForTerm) */
			instance_checkpoint_write(inst, log_end(f->log.writer), NULL);
		}
	}
	inst->files = NULL;
	inst->log = NULL;
	files_free(f);
}
