/*
 * The session table.  Ids are serial numbers, never reused, so a session
 * that has ended (or whose instance has terminated) is refused with
 * JET_errInvalidSesid rather than confused with a newer one.
 */
#include "instance/session.h"

#include <stdlib.h>

#include "instance/instance.h"
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
	uintptr_t handle;
	struct instance *inst;
	int err;

	if (!out)
		return JET_errInvalidParameter;
	err = session_instance(sesid, &handle);
	if (!err)
		err = instance_enter(handle, 0, &inst);
	if (err)
		return err;
	sessions_lock();
	err = add_locked(handle, param_int(&inst->params, JET_paramMaxSessions), out);
	sessions_unlock();
	instance_leave(inst, 0);
	return err;
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
