#include "instance/instance_paths.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"

char *instance_folder_path(const char *param)
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
char *instance_temp_db_path(const struct param_values *p)
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
	char *pa = instance_temp_db_path(a), *pb = instance_temp_db_path(b);
	int eq = pa && pb && os_path_equal(pa, pb);
	free(pa);
	free(pb);
	return eq;
}

int instance_paths_conflict(const struct param_values *mine, const struct param_values *other)
{
	if (same_folder(param_string(mine, JET_paramLogFilePath),
			param_string(other, JET_paramLogFilePath)))
		return JET_errLogFilePathInUse;
	if (same_folder(param_string(mine, JET_paramSystemPath),
			param_string(other, JET_paramSystemPath)))
		return JET_errSystemPathInUse;
	if (same_temp_db(mine, other))
		return JET_errTempPathInUse;
	return JET_errSuccess;
}
