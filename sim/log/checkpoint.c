#include "log/checkpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/attach_info.h"
#include "format/dbfile.h"
#include "jet_values.h"
#include "os/paths.h"

/* CHECKPOINT_FIXED offsets */
enum {
	C_CHECKSUM = 0, C_LAST_FULL_BACKUP = 4, C_POSITION = 12, C_SIGNATURE = 20,
	C_DBMS_PARAM = 48, C_FULL_BACKUP = 615, C_FULL_BACKUP_TIME = 623,
	C_INCREMENTAL_BACKUP = 631, C_INCREMENTAL_BACKUP_TIME = 639, C_VERSION = 647,
	C_DB_CONSISTENCY = 648, C_FILETYPE = 667, C_ATTACH = 679,
};
/* fVersion is a set of flags (log.hxx): fCheckpointAttachInfoPresent (0x1)
 * says rgbAttach lists the databases attached at the checkpoint, which
 * ESE's redo then trusts instead of replaying the attachments from the
 * start of the checkpoint's generation (logredo.cxx; without the flag it
 * fakes the checkpoint to that start, LGFakeCheckpointToLogFile, and takes
 * the log header's list).  ESE sets it with each checkpoint update
 * (log.cxx, LOG::UpdateCheckpoint...) and clears it, with an empty list,
 * at a clean term (ErrLGIUpdateCheckpointLgposForTerm); so do we, and
 * leave it clear whenever the list could not be exact. */
#define CHECKPOINT_ATTACH_INFO_PRESENT 0x1

char *checkpoint_path(const char *system_folder, const struct log_names *n)
{
	char name[64];
	snprintf(name, sizeof name, "%s%s", n->base,
		 (n->legacy & JET_bitESE98FileNames) ? ".chk" : ".jcp");
	return path_join(system_folder, name);
}

static void encode(const struct checkpoint *c, unsigned char *buf)
{
	memset(buf, 0, CHECKPOINT_SIZE);
	lgpos_put(buf + C_LAST_FULL_BACKUP, c->last_full_backup);
	lgpos_put(buf + C_POSITION, c->position);
	signature_put(buf + C_SIGNATURE, &c->log_signature);
	dbms_param_put(buf + C_DBMS_PARAM, &c->dbms);
	lgpos_put(buf + C_FULL_BACKUP, c->full_backup);
	memcpy(buf + C_FULL_BACKUP_TIME, c->full_backup_time.b, LOGTIME_SIZE);
	lgpos_put(buf + C_INCREMENTAL_BACKUP, c->incremental_backup);
	memcpy(buf + C_INCREMENTAL_BACKUP_TIME, c->incremental_backup_time.b, LOGTIME_SIZE);
	if (c->attach) {
		buf[C_VERSION] = CHECKPOINT_ATTACH_INFO_PRESENT;
		memcpy(buf + C_ATTACH, c->attach, ATTACH_LIST_SIZE);
	}
	/* le_lgposDbConsistency: where the databases are consistent to, which
	 * for us is the checkpoint itself (ESE sets it there, log.cxx) */
	lgpos_put(buf + C_DB_CONSISTENCY, c->position);
	buf[C_FILETYPE] = JET_filetypeCheckpoint;
	put32(buf + C_CHECKSUM, checksum_header(buf, CHECKPOINT_SIZE));
}

static int decode(const unsigned char *buf, struct checkpoint *c)
{
	if (get32(buf + C_CHECKSUM) != checksum_header(buf, CHECKPOINT_SIZE) ||
	    buf[C_FILETYPE] != JET_filetypeCheckpoint)
		return JET_errCheckpointCorrupt;
	memset(c, 0, sizeof *c);
	c->last_full_backup = lgpos_get(buf + C_LAST_FULL_BACKUP);
	c->position = lgpos_get(buf + C_POSITION);
	signature_get(buf + C_SIGNATURE, &c->log_signature);
	c->full_backup = lgpos_get(buf + C_FULL_BACKUP);
	memcpy(c->full_backup_time.b, buf + C_FULL_BACKUP_TIME, LOGTIME_SIZE);
	c->incremental_backup = lgpos_get(buf + C_INCREMENTAL_BACKUP);
	memcpy(c->incremental_backup_time.b, buf + C_INCREMENTAL_BACKUP_TIME, LOGTIME_SIZE);
	return c->position.generation ? JET_errSuccess : JET_errCheckpointCorrupt;
}

/* ESE reads the file type of a checkpoint (log.cxx, ErrLGReadCheckpoint):
 * a database or log that happens to bear the checkpoint's name is
 * JET_errFileInvalidType, and is never written over. */
int checkpoint_check_type(const char *path)
{
	return ese_path_is_other_type(path, JET_filetypeCheckpoint) ? JET_errFileInvalidType
								   : JET_errSuccess;
}

void checkpoint_at(struct checkpoint *c, struct lgpos position, const struct signature *log_signature,
		   const struct dbms_param *dbms, uint32_t log_file_size,
		   const unsigned char *attach)
{
	memset(c, 0, sizeof *c);
	c->position = position;
	c->log_signature = *log_signature;
	c->dbms = *dbms;
	c->dbms.log_sectors = log_file_size / LOG_SECTOR_SIZE;
	c->attach = attach;
}

int checkpoint_read(const char *path, struct checkpoint *out)
{
	unsigned char buf[2 * CHECKPOINT_SIZE];
	size_t got = 0;
	os_file *f;
	int rc = os_file_open(path, OS_OPEN_READ, &f);
	if (rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND)
		return JET_errCheckpointFileNotFound;
	if (rc != OS_OK)
		return JET_errDiskIO;
	rc = os_file_read_at(f, 0, buf, sizeof buf, &got);
	os_file_close(f);
	if (rc != OS_OK)
		return JET_errDiskIO;
	if (got >= CHECKPOINT_SIZE && decode(buf, out) == JET_errSuccess)
		return JET_errSuccess;
	if (got >= 2 * CHECKPOINT_SIZE && decode(buf + CHECKPOINT_SIZE, out) == JET_errSuccess)
		return JET_errSuccess;
	return JET_errCheckpointCorrupt;
}

/* Each copy is written whole before the other is touched. */
int checkpoint_write(const char *path, const struct checkpoint *c)
{
	unsigned char buf[CHECKPOINT_SIZE];
	os_file *f;
	int rc;
	if (checkpoint_check_type(path))
		return JET_errFileInvalidType;
	rc = os_file_open(path, OS_OPEN_READWRITE, &f);
	if (rc == OS_NOT_FOUND)
		rc = os_file_open(path, OS_OPEN_CREATE, &f);
	if (rc != OS_OK)
		return rc == OS_DISK_FULL ? JET_errDiskFull : JET_errDiskIO;
	encode(c, buf);
	rc = os_file_write_at(f, 0, buf, sizeof buf);
	if (rc == OS_OK)
		rc = os_file_write_at(f, CHECKPOINT_SIZE, buf, sizeof buf);
	if (rc == OS_OK)
		rc = os_file_sync(f);
	os_file_close(f);
	return rc == OS_OK ? JET_errSuccess : rc == OS_DISK_FULL ? JET_errDiskFull : JET_errDiskIO;
}
