/*
 * Recovery at JetInit: the log set is read from the start of the
 * checkpoint's generation to the end of the current log, and every record
 * is redone on the databases it names (a page whose dbtime is already as
 * new is left alone), so every database ends as its last logged change
 * left it.  Databases still attached at the end (a dirty shutdown) are
 * then made consistent and detached, as ESE does since Windows XP, or kept
 * attached with JET_bitKeepDbAttachedAtEndOfRecovery.
 */
#ifndef SIM_RECOVERY_H
#define SIM_RECOVERY_H

#include <stdint.h>

#include "log/log.h"

struct instance;

/* Starts a new log set when there is none.  On success *out writes at the
 * end of the current log. */
int recovery_run(struct instance *inst, const struct log_writer_config *c,
		 const char *checkpoint_path, uint32_t init_grbit, struct log_writer **out);

#endif
