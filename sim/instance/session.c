/*
 * The session table.  Ids are serial numbers, never reused, so a session
 * that has ended (or whose instance has terminated) is refused with
 * JET_errInvalidSesid rather than confused with a newer one.
 */
#include "instance/session.h"

#include <stdlib.h>

#include "instance/instance.h"
#include "instance/instance_log.h"
#include "jet_values.h"

#define SESSION_ID_BASE ((uintptr_t)0x53000000)

struct session {
	uintptr_t id;
	uintptr_t instance;
};

static struct {
	struct session *table;
	unsigned count, capacity;
	uintptr_t next_serial;
} sessions;

static os_lazy_mutex sessions_mutex;

static void sessions_lock(void)
{
	os_lazy_mutex_lock(&sessions_mutex);
	if (sessions.next_serial == 0)
		sessions.next_serial = 1;
}

static void sessions_unlock(void)
{
	os_mutex_unlock(sessions_mutex.mutex);
}

static unsigned count_for_locked(uintptr_t instance)
{
	unsigned n = 0;
	for (unsigned i = 0; i < sessions.count; i++)
		n += sessions.table[i].instance == instance;
	return n;
}

static int add_locked(uintptr_t instance, intptr_t max_sessions, uintptr_t *sesid)
{
	if ((intptr_t)count_for_locked(instance) >= max_sessions)
		return JET_errOutOfSessions;
	if (sessions.count == sessions.capacity) {
		unsigned cap = sessions.capacity ? sessions.capacity * 2 : 64;
		struct session *t = realloc(sessions.table, cap * sizeof *t);
		if (!t)
			return JET_errOutOfMemory;
		sessions.table = t;
		sessions.capacity = cap;
	}
	sessions.table[sessions.count].id = SESSION_ID_BASE + sessions.next_serial++;
	sessions.table[sessions.count].instance = instance;
	*sesid = sessions.table[sessions.count++].id;
	return JET_errSuccess;
}

static int find_locked(uintptr_t sesid)
{
	for (unsigned i = 0; i < sessions.count; i++)
		if (sessions.table[i].id == sesid)
			return (int)i;
	return -1;
}

int sim_begin_session(uintptr_t handle, uintptr_t *sesid)
{
	struct instance *inst;
	int err;

	if (!sesid)
		return JET_errInvalidParameter;
	err = instance_enter(handle, 0, &inst);
	if (err)
		return err;
	sessions_lock();
	err = add_locked(inst->handle, param_int(&inst->params, JET_paramMaxSessions), sesid);
	sessions_unlock();
	instance_leave(inst, 0);
	return err;
}

int session_remove(uintptr_t sesid)
{
	int i;
	sessions_lock();
	i = find_locked(sesid);
	if (i >= 0)
		sessions.table[i] = sessions.table[--sessions.count];
	sessions_unlock();
	return i >= 0 ? JET_errSuccess : JET_errInvalidSesid;
}

int session_instance(uintptr_t sesid, uintptr_t *instance)
{
	int i;
	sessions_lock();
	i = find_locked(sesid);
	if (i >= 0)
		*instance = sessions.table[i].instance;
	sessions_unlock();
	return i >= 0 ? JET_errSuccess : JET_errInvalidSesid;
}

int sim_dup_session(uintptr_t sesid, uintptr_t *out)
{
	struct instance *inst;
	int err;

	if (!out)
		return JET_errInvalidParameter;
	err = session_enter(sesid, 0, &inst);
	if (err)
		return err;
	sessions_lock();
	err = add_locked(inst->handle, param_int(&inst->params, JET_paramMaxSessions), out);
	sessions_unlock();
	instance_leave(inst, 0);
	return err;
}

/* The session is looked up again once the instance lock is held: a
 * JetEndSession that ran while this call waited for the lock has ended
 * it, and the call must not act for it. */
int session_enter(uintptr_t sesid, unsigned flags, struct instance **out)
{
	uintptr_t handle, again;
	struct instance *inst;
	int err = session_instance(sesid, &handle);
	if (!err)
		err = instance_enter(handle, flags, &inst);
	if (err)
		return err == JET_errInvalidParameter ? JET_errInvalidSesid : err;
	if (session_instance(sesid, &again) != JET_errSuccess || again != handle) {
		instance_leave(inst, flags);
		return JET_errInvalidSesid;
	}
	*out = inst;
	return JET_errSuccess;
}

void session_end_all(uintptr_t instance)
{
	sessions_lock();
	for (unsigned i = 0; i < sessions.count;) {
		if (sessions.table[i].instance == instance)
			sessions.table[i] = sessions.table[--sessions.count];
		else
			i++;
	}
	sessions_unlock();
}

/* tm.cxx, ErrIsamCommitTransaction: JET_bitForceNewLog needs no
 * transaction; the log rolls to a new generation and the call returns once
 * it is written (with logging off there is nothing to roll: logapi.cxx,
 * ErrLGForceLogRollover).  No other grbit may come with it. */
int session_force_new_log(uintptr_t sesid, uint32_t grbit)
{
	uintptr_t handle;
	struct instance *inst;
	uint32_t generation;
	int err;

	err = session_instance(sesid, &handle);
	if (!err)
		err = instance_enter(handle, 0, &inst);
	if (err)
		return err == JET_errInvalidParameter ? JET_errInvalidSesid : err;
	if (grbit != JET_bitForceNewLog)
		err = JET_errInvalidGrbit;
	else if (instance_logging_enabled(inst))
		err = instance_log_roll(inst, &generation);
	instance_leave(inst, 0);
	return err;
}
