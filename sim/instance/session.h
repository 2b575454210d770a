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
struct instance;
/* Enters the instance of a live session (instance_enter's flags): the
 * session is checked again under the instance lock. */
int session_enter(uintptr_t sesid, unsigned flags, struct instance **inst);
/* JetEndSession's last step (engine/session_end.c), after each layer let
 * go of what the session held: JET_errInvalidSesid if it was gone. */
int session_remove(uintptr_t sesid);
/* JetCommitTransaction's JET_bitForceNewLog: the log of the session's
 * instance rolls to a new generation (JET_errInvalidGrbit with any other
 * grbit beside it). */
int session_force_new_log(uintptr_t sesid, uint32_t grbit);
/* JetTerm: every session of the instance ends with it. */
void session_end_all(uintptr_t instance);

#endif
