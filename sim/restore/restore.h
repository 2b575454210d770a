/*
 * Restore of a streaming backup set (JetExternalRestore, JetExternalRestore2):
 * the database files a client copied (each as the stream delivered it:
 * header twice, pages, ESE's patch page) are checked against their patch
 * pages and the backup's logs, then the logs are replayed onto them (a
 * hard restore, ESE's LOG::ErrLGRSTExternalRestore in logutil.cxx), and
 * they are left in a clean-shutdown state as of the last log record.
 *
 * Names are UTF-8.  A restore runs on no instance of the table: like
 * ESE's temporary restore instance, it is gone when the call returns.
 */
#ifndef SIM_RESTORE_H
#define SIM_RESTORE_H

#include <stdint.h>

/* JET_RSTMAP: a database as it was backed up, and the file it was
 * restored to (the copy the client made, recovered in place). */
struct restore_map_entry {
	const char *database;
	const char *new_database;
};

/* The JET_PFNSTATUS of JET_snpRestore: snt is JET_sntBegin,
 * JET_sntProgress (done of total generations) or JET_sntComplete; an
 * error returned stops the restore with that error. */
typedef int (*restore_status_fn)(void *ctx, uint32_t snt, uint32_t done, uint32_t total);

struct external_restore {
	const char *checkpoint_path;     /* folder of the restore's checkpoint */
	const char *log_path;            /* logs that may continue the set */
	const struct restore_map_entry *map;
	unsigned map_count;
	const char *backup_log_path;     /* the backup set's logs */
	uint32_t gen_low, gen_high;      /* 0: the lowest/highest there */
	const char *base_name;           /* of the log files; NULL: "edb" */
	const char *target_name;         /* JetExternalRestore2's target */
	const char *target_log_path, *target_checkpoint_path;
	restore_status_fn status;
	void *status_ctx;
	int circular;                    /* JET_paramCircularLog of its log */
	/* JET_paramDeleteOutOfRangeLogs (a JetExternalRestore* takes the
	 * process's): an older <base>.log in the log path is deleted */
	int delete_out_of_range;
};

/* JET_errSuccess, or JET_wrnTargetInstanceRunning when the target named
 * is running, or the engine's error. */
int sim_external_restore(const struct external_restore *r);

/* JetRestoreInstance (legacy: JetRestore, JetRestore2): the folder a
 * JetBackup made (or its "new"/"old" subfolder) restored for an instance
 * created and not initialised (or, with none, a temporary one): each
 * database copy there is copied to `dest` (NULL: to the path the logs
 * name) and recovered with the set's logs and those of the instance's log
 * path that continue them.  The instance stays uninitialised. */
int sim_restore_instance(uintptr_t instance, int legacy, const char *backup, const char *dest,
			 restore_status_fn fn, void *ctx);

#endif
