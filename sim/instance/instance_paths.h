/*
 * The folders and files an instance's parameters name, as full paths: its
 * system and log folders and its temporary database; and the rule that two
 * started instances share none of them.
 */
#ifndef SIM_INSTANCE_PATHS_H
#define SIM_INSTANCE_PATHS_H

#include "instance/params.h"

/* A folder parameter as a full path ending in a separator (malloc'ed);
 * NULL for "" or a path the system cannot make whole. */
char *instance_folder_path(const char *param);
/* The temporary database's file (JET_paramTempPath), malloc'ed. */
char *instance_temp_db_path(const struct param_values *p);
/* JET_errLogFilePathInUse, JET_errSystemPathInUse or JET_errTempPathInUse
 * when the two sets of values name one folder or file; else 0. */
int instance_paths_conflict(const struct param_values *mine, const struct param_values *other);

#endif
