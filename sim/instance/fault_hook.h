/*
 * Where the engine's I/O meets injected faults.  The layers that do the
 * I/O (backup/, db/, the log calls of instance/) describe each operation
 * as a fault point and ask the instance's hook, which a feature layer
 * above (workload/, from the scenario's [faults] section) registers.  The
 * hook answers 0 to go on, or the engine's code the operation fails with;
 * it may also ask for a delay.  Called with the instance locked.
 */
#ifndef SIM_FAULT_HOOK_H
#define SIM_FAULT_HOOK_H

#include <stdint.h>

#include "instance/instance.h"

enum fault_site {
	FAULT_BACKUP_OPEN,      /* JetOpenFile of a database or a log */
	FAULT_BACKUP_READ,      /* JetReadFile: [offset, offset + length) */
	FAULT_BACKUP_LOG_LIST,  /* JetGetLogInfo: the backup enters its log phase */
	FAULT_LOG_WRITE,        /* a log record is appended */
	FAULT_DB_GROW,          /* a database file grows */
};

struct fault_point {
	enum fault_site site;
	const char *path;         /* full path of the file, or NULL */
	int is_log;
	uint32_t generation;      /* of a log */
	uint32_t page_size;       /* of a database */
	uint64_t offset, length;
	unsigned delay_ms;        /* out: wait this long (without the lock) */
};

typedef int (*fault_hook_fn)(struct instance *inst, struct fault_point *p);

static inline int instance_fault(struct instance *inst, struct fault_point *p)
{
	p->delay_ms = 0;
	return inst->fault_hook ? inst->fault_hook(inst, p) : 0;
}

#endif
