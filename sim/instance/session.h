/*
 * Sessions (JetBeginSession / JetDupSession; JetEndSession is
 * engine/session_end.c): ids handed to applications, each belonging to one
 * running instance.
 */
#ifndef SIM_SESSION_H
#define SIM_SESSION_H

#include <stdint.h>

int sim_begin_session(uintptr_t instance, uintptr_t *sesid);
int sim_dup_session(uintptr_t sesid, uintptr_t *out);
/* The instance a live session belongs to (JET_errInvalidSesid if none). */
int session_instance(uintptr_t sesid, uintptr_t *instance);
/* JetEndSession's last step (engine/session_end.c), after each layer let
 * go of what the session held: JET_errInvalidSesid if it was gone. */
int session_remove(uintptr_t sesid);
/* JetTerm: every session of the instance ends with it. */
void session_end_all(uintptr_t instance);

#endif
