/*
 * The instance table and run mode (engine notes §2.2, from jetapi.cxx).
 *
 * Locking: one registry lock guards the table, the run mode and the global
 * parameters; each instance has its own lock, held for an API call on it.
 * The registry lock is never held while waiting for an instance lock, so a
 * slow call on one instance never stalls the others; a lookup takes a
 * reference instead, and a terminated instance is freed by the last
 * reference.
 */
#include "instance/instance.h"

#include <stdlib.h>
#include <string.h>

#include "instance/attached_files.h"
#include "instance/instance_paths.h"
#include "jet_values.h"

#define INSTANCE_HANDLE_BASE ((uintptr_t)0x4A000000)
#define INSTANCE_TABLE_MAX 1024

static struct registry {
	enum run_mode mode;
	struct instance *table[INSTANCE_TABLE_MAX];
	unsigned count;
	uintptr_t next_serial;
	struct param_values globals;   /* JetSetSystemParameter(NULL, ...) */
	int globals_ready;
} reg;

static os_lazy_mutex registry_mutex;

static void registry_lock(void)
{
	os_lazy_mutex_lock(&registry_mutex);
	if (reg.next_serial == 0)
		reg.next_serial = 1;
}

static void registry_unlock(void)
{
	os_mutex_unlock(registry_mutex.mutex);
}

static int globals_ready(void)
{
	if (!reg.globals_ready) {
		int err = param_values_init_defaults(&reg.globals);
		if (err)
			return err;
		reg.globals_ready = 1;
	}
	return JET_errSuccess;
}

enum run_mode sim_run_mode(void)
{
	enum run_mode m;
	registry_lock();
	m = reg.mode;
	registry_unlock();
	return m;
}

static struct instance *find_locked(uintptr_t handle)
{
	for (unsigned i = 0; i < reg.count; i++)
		if (reg.table[i]->handle == handle)
			return reg.table[i];
	return NULL;
}

static void instance_free(struct instance *inst)
{
	param_values_free(&inst->params);
	os_mutex_destroy(inst->lock);
	free(inst->name);
	free(inst->display_name);
	free(inst);
}

/* Removes from the table (registry locked); the memory goes with the last
 * reference.  The last instance gone returns the process to no run mode. */
static void unlink_locked(struct instance *inst)
{
	for (unsigned i = 0; i < reg.count; i++) {
		if (reg.table[i] == inst) {
			reg.table[i] = reg.table[--reg.count];
			break;
		}
	}
	inst->unlinked = 1;
	if (reg.count == 0)
		reg.mode = RUN_MODE_NONE;
}

static void release_locked(struct instance *inst)
{
	if (--inst->refs == 0 && inst->unlinked)
		instance_free(inst);
}

static char *copy_or_null(const char *s)
{
	char *c;
	if (!s)
		return NULL;
	c = malloc(strlen(s) + 1);
	if (c)
		strcpy(c, s);
	return c;
}

/* A new instance in the table (registry locked), with the global
 * parameters as its starting values. */
static int allocate_locked(const char *name, const char *display_name, struct instance **out)
{
	struct instance *inst;
	int err;

	if ((intptr_t)reg.count >= param_int(&reg.globals, JET_paramMaxInstances) ||
	    reg.count >= INSTANCE_TABLE_MAX)
		return JET_errTooManyInstances;
	inst = calloc(1, sizeof *inst);
	if (!inst)
		return JET_errOutOfMemory;
	if (os_mutex_create(&inst->lock) != OS_OK) {
		free(inst);
		return JET_errOutOfMemory;
	}
	err = param_values_copy(&inst->params, &reg.globals);
	inst->name = copy_or_null(name);
	inst->display_name = copy_or_null(display_name ? display_name : name);
	if (err || (name && !inst->name) || ((display_name || name) && !inst->display_name)) {
		instance_free(inst);
		return err ? err : JET_errOutOfMemory;
	}
	inst->handle = INSTANCE_HANDLE_BASE + reg.next_serial++;
	inst->state = INSTANCE_CREATED;
	reg.table[reg.count++] = inst;
	*out = inst;
	return JET_errSuccess;
}

int sim_create_instance(uintptr_t *out, const char *name, const char *display_name)
{
	struct instance *inst;
	int err;

	if (!out)
		return JET_errInvalidParameter;
	*out = JET_instanceNil;
	registry_lock();
	err = globals_ready();
	if (!err && reg.mode == RUN_MODE_ONE_INSTANCE)
		err = JET_errRunningInOneInstanceMode;
	/* names are compared exactly; an unnamed instance is one name too */
	for (unsigned i = 0; !err && i < reg.count; i++) {
		const char *other = reg.table[i]->name;
		if ((!name && !other) || (name && other && strcmp(name, other) == 0))
			err = JET_errInstanceNameInUse;
	}
	if (!err)
		err = allocate_locked(name, display_name, &inst);
	if (!err) {
		inst->created_by_api = 1;
		reg.mode = RUN_MODE_MULTI_INSTANCE;
		*out = inst->handle;
	}
	registry_unlock();
	return err;
}

static int multi_instance_allowed_locked(void)
{
	int err = globals_ready();
	if (!err && reg.mode == RUN_MODE_ONE_INSTANCE)
		err = JET_errRunningInOneInstanceMode;
	else if (!err && reg.mode == RUN_MODE_MULTI_INSTANCE)
		err = JET_errSystemParamsAlreadySet;
	return err;
}

int sim_multi_instance_allowed(void)
{
	int err;
	registry_lock();
	err = multi_instance_allowed_locked();
	registry_unlock();
	return err;
}

int sim_enable_multi_instance(void)
{
	int err;
	registry_lock();
	err = multi_instance_allowed_locked();
	if (!err)
		reg.mode = RUN_MODE_MULTI_INSTANCE;
	registry_unlock();
	return err;
}

/* Registry locked.  The instance a handle names, by the mode's rules. */
static int resolve_locked(uintptr_t handle, unsigned flags, struct instance **out)
{
	struct instance *inst = NULL;

	if (flags & ENTER_LEGACY) {
		if (reg.mode == RUN_MODE_MULTI_INSTANCE)
			return JET_errRunningInMultiInstanceMode;
		if (reg.mode == RUN_MODE_NONE || reg.count == 0)
			return JET_errInvalidParameter;
		inst = reg.table[0];
	} else if (reg.mode == RUN_MODE_ONE_INSTANCE && reg.count == 1 &&
		   (handle == 0 || handle == JET_instanceNil)) {
		inst = reg.table[0];
	} else {
		inst = find_locked(handle);
	}
	if (!inst)
		return JET_errInvalidParameter;
	*out = inst;
	return JET_errSuccess;
}

static int check_state(const struct instance *inst, unsigned flags)
{
	/* the API is locked for a restore (jetapi.cxx, INST::ErrAPIEnter:
	 * fAPIRestoring) */
	if (inst->restoring)
		return JET_errRestoreInProgress;
	switch (inst->state) {
	case INSTANCE_CREATED:
		if (!(flags & ENTER_CREATED_OK))
			return JET_errNotInitialized;
		break;
	case INSTANCE_INITIALIZING:
		return JET_errInitInProgress;
	case INSTANCE_TERMINATING:
		if (!(flags & ENTER_TERMINATING_OK))
			return JET_errTermInProgress;
		break;
	case INSTANCE_RUNNING:
		break;
	}
	if ((inst->service & INSTANCE_SERVICE_STOPPED) && !(flags & ENTER_STOPPED_OK))
		return JET_errClientRequestToStopJetService;
	/* INST::ErrAPIEnter (jetapi.cxx): every call on a started instance
	 * and its sessions, JetTerm aside, gets the offline code */
	if (inst->state == INSTANCE_RUNNING && !(flags & ENTER_CREATED_OK))
		return instance_unavailable_error(inst);
	return JET_errSuccess;
}

int instance_enter(uintptr_t handle, unsigned flags, struct instance **out)
{
	struct instance *inst;
	int err;

	registry_lock();
	err = resolve_locked(handle, flags, &inst);
	if (!err)
		inst->refs++;
	registry_unlock();
	if (err)
		return err;
	if (!(flags & ENTER_NO_LOCK))
		os_mutex_lock(inst->lock);
	/* the state is read after the lock: a term may have run meanwhile */
	err = inst->unlinked ? JET_errInvalidParameter : check_state(inst, flags);
	if (err) {
		instance_leave(inst, flags);
		return err;
	}
	*out = inst;
	return JET_errSuccess;
}

void instance_io_gate(const atomic_int *frozen)
{
	while (atomic_load(frozen))
		os_sleep_ms(1);
}

static int (*_Atomic term_hook)(uintptr_t handle, uint32_t grbit);

void instance_set_term_hook(int (*term)(uintptr_t handle, uint32_t grbit))
{
	atomic_store(&term_hook, term);
}

void instance_leave(struct instance *inst, unsigned flags)
{
	uintptr_t handle = inst->handle;
	int terminate = 0;
	if (!(flags & ENTER_NO_LOCK)) {
		terminate = atomic_exchange(&inst->terminate_requested, 0);
		os_mutex_unlock(inst->lock);
	}
	registry_lock();
	release_locked(inst);
	registry_unlock();
	/* the server's JetTerm2(JET_bitTermStopBackup), as a fault asked: the
	 * caller's call is over, its next one finds the instance gone */
	if (terminate && atomic_load(&term_hook))
		atomic_load(&term_hook)(handle, JET_bitTermStopBackup);
}

void instance_set_unavailable(struct instance *inst, int err)
{
	int none = 0;
	if (err < 0)
		atomic_compare_exchange_strong(&inst->unavailable, &none, err);
}

int instance_unavailable_error(const struct instance *inst)
{
	int err = atomic_load(&inst->unavailable);
	if (!err)
		return JET_errSuccess;
	return err == JET_errLogDiskFull ? JET_errInstanceUnavailableDueToFatalLogDiskFull
					 : JET_errInstanceUnavailable;
}

/* JetInit's choice of instance (engine notes §2.2 item 2), registry
 * locked.  *fresh tells that the instance was allocated here (one-instance
 * mode) rather than by JetCreateInstance. */
static int choose_init_instance_locked(uintptr_t *pinstance, struct instance **out, int *fresh)
{
	struct instance *inst;
	int err;

	*fresh = 0;
	switch (reg.mode) {
	case RUN_MODE_MULTI_INSTANCE:
		if (!pinstance)
			return JET_errRunningInMultiInstanceMode;
		inst = find_locked(*pinstance);
		if (!inst)
			return JET_errInvalidParameter;
		/* a restore marks it initialised while it runs (jetapi.cxx,
		 * JetRestoreInstanceEx; FEnterForInit) */
		if (inst->restoring)
			return JET_errAlreadyInitialized;
		if (inst->state != INSTANCE_CREATED)
			return inst->state == INSTANCE_RUNNING ? JET_errAlreadyInitialized
							       : JET_errInitInProgress;
		break;
	case RUN_MODE_ONE_INSTANCE:
		return JET_errAlreadyInitialized;
	case RUN_MODE_NONE:
	default:
		/* a stale value in *pinstance is ignored: a new instance is made */
		err = allocate_locked(NULL, NULL, &inst);
		if (err)
			return err;
		reg.mode = RUN_MODE_ONE_INSTANCE;
		*fresh = 1;
		break;
	}
	inst->state = INSTANCE_INITIALIZING;
	inst->refs++;
	*out = inst;
	return JET_errSuccess;
}

/* Registry locked: started instances share no folder. */
static int paths_in_use_locked(const struct instance *inst)
{
	int err = JET_errSuccess;
	for (unsigned i = 0; !err && i < reg.count; i++)
		if (reg.table[i] != inst && reg.table[i]->state != INSTANCE_CREATED)
			err = instance_paths_conflict(&inst->params, &reg.table[i]->params);
	return err;
}

int instance_init_begin(uintptr_t *pinstance, struct instance **out)
{
	struct instance *inst = NULL;
	int fresh, err;

	registry_lock();
	err = globals_ready();
	if (!err)
		err = choose_init_instance_locked(pinstance, &inst, &fresh);
	if (!err)
		err = paths_in_use_locked(inst);
	registry_unlock();
	*out = inst;
	return err;
}

void instance_init_end(struct instance *inst, uintptr_t *pinstance, int err)
{
	registry_lock();
	if (err) {
		/* A failed JetInit frees the instance, JetCreateInstance's too,
		 * and clears the caller's handle (engine notes §2.2 item 2). */
		unlink_locked(inst);
		if (pinstance)
			*pinstance = 0;
	} else if (pinstance) {
		*pinstance = inst->handle;
	}
	release_locked(inst);
	registry_unlock();
}

int instance_term_begin(uintptr_t handle, struct instance **out)
{
	struct instance *inst;
	int err;

	*out = NULL;
	registry_lock();
	err = resolve_locked(handle, 0, &inst);
	if (!err && inst->restoring)
		err = JET_errRestoreInProgress;
	if (!err && inst->state == INSTANCE_CREATED) {
		/* never initialised: just freed (engine notes §2.2 item 6) */
		unlink_locked(inst);
		if (inst->refs == 0)
			instance_free(inst);
	} else if (!err) {
		inst->refs++;
		*out = inst;
	}
	registry_unlock();
	return err;
}

int instance_restore_begin(uintptr_t handle, struct instance **out)
{
	struct instance *inst;
	int err;

	*out = NULL;
	registry_lock();
	err = resolve_locked(handle, 0, &inst);
	if (!err && (inst->restoring || inst->state != INSTANCE_CREATED))
		err = inst->restoring || inst->state == INSTANCE_RUNNING ? JET_errAlreadyInitialized
		    : inst->state == INSTANCE_INITIALIZING ? JET_errInitInProgress
							 : JET_errTermInProgress;
	if (!err) {
		inst->restoring = 1;
		inst->refs++;
		*out = inst;
	}
	registry_unlock();
	return err;
}

void instance_restore_end(struct instance *inst)
{
	registry_lock();
	inst->restoring = 0;
	release_locked(inst);
	registry_unlock();
}

void instance_term_end(struct instance *inst, int err)
{
	registry_lock();
	if (!err)
		unlink_locked(inst);
	release_locked(inst);
	registry_unlock();
}

static const uint32_t stop_service_grbits_known =
	JET_bitStopServiceBackgroundUserTasks | JET_bitStopServiceQuiesceCaches |
	JET_bitStopServiceStopAndEmitLog | JET_bitStopServiceResume;

/* JetStopServiceInstance2 (engine notes §2.2 item 8): 0 stops the instance
 * for good (every later call but JetTerm gets
 * JET_errClientRequestToStopJetService); the background and cache levels
 * stop only the instance's own background work, and Resume undoes those
 * levels.  A full stop cannot be resumed. */
static int stop_service(uintptr_t handle, unsigned enter_flags, uint32_t grbit)
{
	struct instance *inst;
	int err;

	if (grbit & ~stop_service_grbits_known)
		return JET_errInvalidGrbit;
	if ((grbit & JET_bitStopServiceResume) && grbit != JET_bitStopServiceResume)
		return JET_errInvalidGrbit;
	err = instance_enter(handle, enter_flags, &inst);
	/* anything but a running instance is "not a running instance"
	 * (JetStopServiceInstance's reference page) */
	if (err == JET_errNotInitialized || err == JET_errTermInProgress)
		err = JET_errInvalidParameter;
	if (err)
		return err;
	if (grbit == JET_bitStopServiceResume) {
		inst->service &= ~(unsigned)INSTANCE_BACKGROUND_STOPPED;
	} else if (grbit == 0 || (grbit & JET_bitStopServiceStopAndEmitLog)) {
		inst->service |= INSTANCE_SERVICE_STOPPED | INSTANCE_BACKGROUND_STOPPED;
	} else {
		inst->service |= INSTANCE_BACKGROUND_STOPPED;
	}
	instance_leave(inst, enter_flags);
	return JET_errSuccess;
}

int sim_stop_service(void)
{
	return stop_service(0, ENTER_LEGACY, 0);
}

int sim_stop_service_instance(uintptr_t handle, uint32_t grbit)
{
	return stop_service(handle, 0, grbit);
}

/* Parameters: a handle (or a pointer to one) selects the instance's values;
 * NULL, 0 or JET_instanceNil the process-wide ones, which instances made
 * later start from.  In one-instance mode the single instance is the
 * process, so its values are meant. */
static int param_target_locked(uintptr_t handle, struct instance **inst)
{
	*inst = NULL;
	if (handle == 0 || handle == JET_instanceNil) {
		if (reg.mode == RUN_MODE_ONE_INSTANCE && reg.count == 1)
			*inst = reg.table[0];
		return JET_errSuccess;
	}
	*inst = find_locked(handle);
	return *inst ? JET_errSuccess : JET_errInvalidParameter;
}

static int any_instance_started_locked(void)
{
	for (unsigned i = 0; i < reg.count; i++)
		if (reg.table[i]->state != INSTANCE_CREATED)
			return 1;
	return 0;
}

/* A global parameter is one value for the process: it is fixed once any
 * instance has started, and every instance sees it. */
static int set_global_param_locked(const struct param_def *def, intptr_t value, const char *string)
{
	int err;
	if (!(def->flags & PARAM_RUNTIME) && any_instance_started_locked())
		return param_same(&reg.globals, def, value, string) ? JET_errSuccess
								   : JET_errAlreadyInitialized;
	err = param_store(&reg.globals, def, value, string);
	for (unsigned i = 0; !err && i < reg.count; i++)
		err = param_store(&reg.table[i]->params, def, value, string);
	return err;
}

int sim_set_param(uintptr_t *pinstance, unsigned id, intptr_t value, const char *string)
{
	const struct param_def *def = param_lookup(id);
	struct instance *inst;
	int err;

	if (!def || (def->flags & PARAM_READONLY))
		return JET_errInvalidParameter;
	registry_lock();
	err = globals_ready();
	if (!err)
		err = param_target_locked(pinstance ? *pinstance : 0, &inst);
	if (!err && inst && inst->restoring)
		err = JET_errRestoreInProgress;
	if (err)
		;
	else if (def->flags & PARAM_GLOBAL)
		err = set_global_param_locked(def, value, string);
	else if (!inst)
		err = param_store(&reg.globals, def, value, string);
	else if (inst->state != INSTANCE_CREATED && !(def->flags & PARAM_RUNTIME))
		/* setting the value it has is no change (the engine's ValidateSet) */
		err = param_same(&inst->params, def, value, string) ? JET_errSuccess
								     : JET_errAlreadyInitialized;
	else
		err = param_store(&inst->params, def, value, string);
	registry_unlock();
	return err;
}

int sim_get_param(uintptr_t handle, unsigned id, intptr_t *value, char **string)
{
	const struct param_def *def = param_lookup(id);
	const struct param_values *from;
	struct instance *inst;
	int err;

	*string = NULL;
	if (!def)
		return JET_errInvalidParameter;
	registry_lock();
	err = globals_ready();
	if (!err)
		err = param_target_locked(handle, &inst);
	if (!err) {
		from = inst && !(def->flags & PARAM_GLOBAL) ? &inst->params : &reg.globals;
		*value = param_int(from, id);
		if (def->type == PARAM_STRING) {
			const char *s = param_string(from, id);
			*string = malloc(strlen(s) + 1);
			if (*string)
				strcpy(*string, s);
			else
				err = JET_errOutOfMemory;
		}
	}
	registry_unlock();
	return err;
}

int sim_list_instances(struct sim_instance_info **out, unsigned *count)
{
	struct sim_instance_info *list;
	int err = JET_errSuccess;

	registry_lock();
	*count = 0;
	*out = NULL;
	list = reg.count ? calloc(reg.count, sizeof *list) : NULL;
	if (reg.count && !list)
		err = JET_errOutOfMemory;
	for (unsigned i = 0; !err && i < reg.count; i++) {
		struct instance *inst = reg.table[i];
		list[i].handle = inst->handle;
		list[i].name = copy_or_null(inst->name);
		list[i].display_name = copy_or_null(inst->display_name);
		if ((inst->name && !list[i].name) || (inst->display_name && !list[i].display_name))
			err = JET_errOutOfMemory;
		if (!err)
			err = attached_databases_of(inst->handle, &list[i].database_paths,
						    &list[i].database_count);
		*count = i + 1;
	}
	if (err) {
		sim_free_instance_list(list, *count);
		*count = 0;
		list = NULL;
	} else {
		*count = reg.count;
		*out = list;
	}
	registry_unlock();
	return err;
}

void sim_free_instance_list(struct sim_instance_info *list, unsigned count)
{
	for (unsigned i = 0; list && i < count; i++) {
		free(list[i].name);
		free(list[i].display_name);
		for (unsigned d = 0; d < list[i].database_count; d++)
			free(list[i].database_paths[d]);
		free(list[i].database_paths);
	}
	free(list);
}
