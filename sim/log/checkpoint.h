/*
 * The checkpoint file (<base>.chk): where recovery starts reading the log.
 * ESE's CHECKPOINT layout (dev/ese/src/inc/log.hxx), 4096 bytes written
 * twice (the header and its shadow), so a torn write of one copy leaves
 * the other.
 */
#ifndef SIM_CHECKPOINT_H
#define SIM_CHECKPOINT_H

#include "format/format.h"
#include "log/log.h"

struct checkpoint {
	struct lgpos position;          /* recovery replays from here */
	struct signature log_signature;
	struct lgpos last_full_backup;  /* checkpoint at the last full backup */
	struct lgpos full_backup, incremental_backup;
	struct logtime full_backup_time, incremental_backup_time;
	struct dbms_param dbms;         /* written, not read back */
	/* rgbAttach: the databases attached at `position` (format/
	 * attach_info.h), ATTACH_LIST_SIZE bytes, with fVersion's
	 * fCheckpointAttachInfoPresent; NULL: no list, the flag clear.
	 * Written, not read back. */
	const unsigned char *attach;
};

#define CHECKPOINT_SIZE 4096

char *checkpoint_path(const char *system_folder, const struct log_names *n);
/* JET_errFileInvalidType when another ESE file bears the name. */
int checkpoint_check_type(const char *path);
/* JET_errCheckpointFileNotFound, JET_errCheckpointCorrupt or success. */
int checkpoint_read(const char *path, struct checkpoint *out);
int checkpoint_write(const char *path, const struct checkpoint *c);
/* A checkpoint at `position` of a log set whose files are `log_file_size`
 * bytes, no backup recorded: le_lcsecLGFile is that size in sectors, which
 * recovery takes from the set's headers (logredo.cxx, UpdateCSecLGFile),
 * not the parameter. */
void checkpoint_at(struct checkpoint *c, struct lgpos position, const struct signature *log_signature,
		   const struct dbms_param *dbms, uint32_t log_file_size,
		   const unsigned char *attach);

#endif
