/*
 * JetEndSession: each layer lets go of what the session held (the
 * databases it opened), then the session leaves the table.
 */
#ifndef SIM_SESSION_END_H
#define SIM_SESSION_END_H

#include <stdint.h>

int sim_end_session(uintptr_t sesid, uint32_t grbit);

#endif
