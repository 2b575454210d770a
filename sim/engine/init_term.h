/*
 * JetInit and JetTerm: the top of the engine.  Each takes its instance
 * from the instance table, then starts (or stops) every layer in order:
 * the instance's files, log and databases (db/), then the features
 * standing on them (workload/, backup/).
 */
#ifndef SIM_INIT_TERM_H
#define SIM_INIT_TERM_H

#include <stdint.h>

int sim_init(uintptr_t *pinstance, uint32_t grbit);
int sim_term(uintptr_t instance, uint32_t grbit);

#endif
