/*
 * The backup history a database header keeps (ESE's DBFILEHDR BKINFO
 * records): the last full, incremental, copy and differential backups and
 * how each was made, streaming or by an OS snapshot.  Both kinds of backup
 * record what they did here.
 */
#ifndef SIM_BACKUP_HISTORY_H
#define SIM_BACKUP_HISTORY_H

#include <stdint.h>

#include "db/database.h"
#include "format/format.h"

enum backup_kind {
	BACKUP_KIND_FULL,
	BACKUP_KIND_INCREMENTAL,
	BACKUP_KIND_COPY,
	BACKUP_KIND_DIFFERENTIAL,
};

/* BKINFOTYPE (daedef.hxx) */
enum backup_type { BACKUP_TYPE_STREAMING = 0, BACKUP_TYPE_OS_SNAPSHOT = 1 };

struct bkinfo database_backup_record(const struct database *db, enum backup_kind kind,
				     uint32_t *type);
/* Stamps a finished backup into the header on disk; a full backup clears
 * the incremental and differential records it supersedes. */
int database_record_backup(struct database *db, enum backup_kind kind, const struct bkinfo *b,
			   enum backup_type type);

#endif
