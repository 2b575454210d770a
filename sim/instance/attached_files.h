/*
 * The process's files attached to an instance, each to one: databases,
 * and the temporary database, so that no database is made over it.
 * Safe without any instance lock (a lock of its own).
 */
#ifndef SIM_ATTACHED_FILES_H
#define SIM_ATTACHED_FILES_H

#include <stdint.h>

/* JET_errDatabaseSharingViolation when another has it. */
int attached_file_claim(const char *path, uintptr_t instance, int logged);
void attached_file_release(const char *path);
/* 1 when some instance of the process has the file (full path). */
int attached_file_held(const char *path);

/* Full paths of the instance's attached logged databases, for
 * JetGetInstanceInfo. */
int attached_databases_of(uintptr_t instance, char ***paths, unsigned *count);

#endif
