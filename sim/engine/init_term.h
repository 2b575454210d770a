/*
 * JetInit and JetTerm: the top of the engine.  Each takes its instance
 * from the instance table, then starts (or stops) every layer in order:
 * the instance's files, log and databases (db/), then the features
 * standing on them (workload/, backup/).
 */
#ifndef SIM_INIT_TERM_H
#define SIM_INIT_TERM_H

#include <stdint.h>

struct recovery_request;

int sim_init(uintptr_t *pinstance, uint32_t grbit);
/* JetInit3: with JET_RSTINFO's restore map and progress callback (NULL:
 * none), as ESE's ErrInitComplete hands them to recovery. */
int sim_init3(uintptr_t *pinstance, const struct recovery_request *req, uint32_t grbit);
int sim_term(uintptr_t instance, uint32_t grbit);

#endif
