/*
 * JetBackup and JetBackupInstance: the engine's backup of an instance
 * into a folder (full, incremental, atomic), with a status callback.
 */
#ifndef SIM_FILE_BACKUP_H
#define SIM_FILE_BACKUP_H

#include <stdint.h>

/* JET_snpBackup's callback: snt is JET_sntBegin, JET_sntProgress (done of
 * total files: the databases, then, once listed, the logs), JET_sntComplete or JET_sntFail; an error returned stops
 * the backup with that error. */
typedef int (*backup_status_fn)(void *ctx, uint32_t snt, uint32_t done, uint32_t total);

/* folder NULL or empty: no copy, the logs are only truncated.
 * grbit: JET_bitBackupIncremental, JET_bitBackupAtomic. */
int sim_backup_to_folder(uintptr_t instance, int legacy, const char *folder, uint32_t grbit,
			 backup_status_fn fn, void *ctx);

#endif
