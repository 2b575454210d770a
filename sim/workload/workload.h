/*
 * The background writer that keeps an instance busy (scenario.h): a thread
 * that changes, rewrites and grows database pages through the logged path,
 * so logs roll and backups see databases that change under them.
 */
#ifndef SIM_WORKLOAD_H
#define SIM_WORKLOAD_H

#include <stdint.h>

#include "workload/scenario.h"

struct instance;
struct workload;

/* JetInit, instance locked: when ESENT_SIM_SCENARIO names a scenario, its
 * database is attached (made if missing) and the writer starts.  A
 * scenario that cannot be read fails JetInit, with a line on stderr. */
int workload_start_from_environment(struct instance *inst);
/* Starts the writer on the instance's attached databases; the thread takes
 * the instance lock for each write. */
int workload_start(struct instance *inst, const struct scenario *s, struct workload **out);
/* Asks the writer to stop and waits for it; the caller must not hold the
 * instance lock. */
void workload_stop(struct workload *w);
/* Page writes done so far. */
uint64_t workload_writes(const struct workload *w);

#endif
