/*
 * What JetInit makes real on disk for an instance, and JetTerm puts away:
 * its folders, the log set and checkpoint (recovering after a dirty
 * shutdown), reserve logs and the temporary database.  All with the
 * instance locked.
 */
#ifndef SIM_INSTANCE_FILES_H
#define SIM_INSTANCE_FILES_H

#include <stdint.h>

struct instance;
struct recovery_request;

/* JetInit's disk work; on success the instance's log (instance_log.h) is
 * open.  req: JetInit3's restore information (recovery.h), or NULL. */
int instance_files_open(struct instance *inst, uint32_t init_grbit,
			const struct recovery_request *req);
/* JetTerm's disk work: a clean shutdown, or a dirty one (JET_bitTermDirty),
 * which leaves the databases for the next JetInit to recover. */
void instance_files_close(struct instance *inst, uint32_t term_grbit);

#endif
