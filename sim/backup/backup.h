/*
 * Streaming ("external") backup of an instance: the engine's per-instance
 * state machine (engine notes §2.3, from the ESE source's BACKUP_CONTEXT).
 *
 *   not started → databases (full only) → logs and patches → not started
 *
 * Every function takes the instance handle (or, with legacy set, uses the
 * one instance of one-instance mode) and returns the engine's code.  Names
 * and lists are UTF-8; the DLL turns them into A or W multi-strings.
 */
#ifndef SIM_BACKUP_H
#define SIM_BACKUP_H

#include <stddef.h>
#include <stdint.h>

struct instance;

/* A double-NUL-terminated list of full paths, as the API returns it:
 * "path1\0path2\0\0".  size counts every byte, both terminators included. */
struct path_list {
	char *text;
	size_t size;
};

void path_list_free(struct path_list *l);

struct backup_log_info {
	uint32_t gen_low, gen_high;   /* the logs listed: [low, high] */
	char base_name[16];          /* UTF-8 */
};

int sim_backup_begin(uintptr_t instance, int legacy, uint32_t grbit);
int sim_backup_attach_info(uintptr_t instance, int legacy, struct path_list *out);
int sim_backup_open_file(uintptr_t instance, int legacy, const char *path, uintptr_t *handle,
			 uint64_t *size);
/* JetOpenFileSectionInstance: the same, the reads starting at byte ib (a
 * multiple of the page size; a database's at its page 2 or later). */
int sim_backup_open_file_section(uintptr_t instance, int legacy, const char *path, uint64_t ib,
				 uintptr_t *handle, uint64_t *size);
int sim_backup_read_file(uintptr_t instance, int legacy, uintptr_t handle, void *buf,
			 uint32_t cb, uint32_t *got);
int sim_backup_close_file(uintptr_t instance, int legacy, uintptr_t handle);
int sim_backup_log_info(uintptr_t instance, int legacy, struct path_list *out,
			struct backup_log_info *info);
int sim_backup_truncate_log_info(uintptr_t instance, int legacy, struct path_list *out);
int sim_backup_truncate_log(uintptr_t instance, int legacy);
int sim_backup_end(uintptr_t instance, int legacy, uint32_t grbit);
int sim_backup_stop(uintptr_t instance, int legacy);

/* For JetTerm (instance locked): JET_errBackupInProgress unless the term
 * grbits end a running backup, which they then do. */
int backup_before_term(struct instance *inst, uint32_t term_grbit);
/* JetTerm: a backup still running ends.  While one runs, inst->backup is
 * set (attach and detach read it: instance_backup_running). */
void backup_free(struct instance *inst);

#endif
