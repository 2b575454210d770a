/*
 * Instances: the table of live instances, the process-wide run mode, and the
 * engine's rules for entering an instance from an API call.
 *
 * Handles given to applications are serial numbers, never pointers: every
 * lookup goes through the table, so a handle that was never an instance, or
 * whose instance has been terminated, is refused instead of dereferenced.
 */
#ifndef SIM_INSTANCE_H
#define SIM_INSTANCE_H

#include <stdatomic.h>
#include <stdint.h>

#include "instance/params.h"
#include "os/os.h"

/* The engine's limit (daeconst.hxx): six user databases per instance
 * (dbid 1 to 6; dbid 0 is the temporary database). */
#define DATABASE_MAX 6

enum run_mode {
	RUN_MODE_NONE,            /* no instance yet */
	RUN_MODE_ONE_INSTANCE,    /* legacy: JetInit without JetCreateInstance */
	RUN_MODE_MULTI_INSTANCE   /* JetCreateInstance / JetEnableMultiInstance */
};

enum instance_state {
	INSTANCE_CREATED,         /* JetCreateInstance, not yet JetInit */
	INSTANCE_INITIALIZING,
	INSTANCE_RUNNING,
	INSTANCE_TERMINATING
};

/* JetStopServiceInstance2's levels, kept as the grbit bits that were asked. */
enum service_stop {
	INSTANCE_SERVICE_STOPPED = 1,            /* JET_bitStopServiceAll */
	INSTANCE_BACKGROUND_STOPPED = 2, /* BackgroundUserTasks / QuiesceCaches */
};

/* Kept by the layers above, opaque here: the instance only holds them. */
struct instance_files;
struct instance_log;
struct database;
struct backup;
struct workload;
struct fault_point;

struct instance {
	uintptr_t handle;
	char *name;                 /* UTF-8; NULL for an unnamed instance */
	char *display_name;
	_Atomic enum instance_state state;   /* written under the instance lock, read under either */
	unsigned service;           /* enum service_stop bits */
	struct param_values params;
	os_mutex *lock;             /* held for the length of an API call */
	unsigned refs;              /* table lookups in flight (registry lock) */
	atomic_int unlinked;        /* removed from the table (registry lock); freed at refs 0 */
	int created_by_api;         /* JetCreateInstance, not JetInit's own */
	int restoring;              /* JetRestoreInstance runs on it (registry lock) */
	uint64_t init_time;
	atomic_int stop_backup;     /* JetStopBackupInstance: no lock needed */
	struct instance_files *files;   /* what JetInit made real on disk (db/) */
	struct instance_log *log;       /* its log set (instance_log.h), NULL if not running */
	struct database *databases[DATABASE_MAX + 1];   /* by dbid (db/database.c) */
	/* streaming backup state, set by backup/ while a backup runs: the
	 * layers below read only whether it is there */
	struct backup *backup;
	struct workload *workload;      /* the scenario's background writer (workload/) */
	/* injected faults (fault_hook.h): set by workload/, called below */
	int (*fault_hook)(struct instance *inst, struct fault_point *p);
	void *fault_state;
	/* Set by an OS snapshot (snapshot/), read here and below: */
	_Atomic uintptr_t snapshot_id;  /* the snapshot session it belongs to, 0: none */
	int snapshot_backup;            /* from freeze to end: a backup in progress */
	atomic_int io_frozen;           /* frozen: every write of its files waits */
	/* ESE's m_errInstanceUnavailable: the first failure that took the
	 * instance offline (a log write that failed), 0 while available */
	atomic_int unavailable;
	/* an injected fault: the server terminates the instance once the
	 * current call has left it (workload/faults.c sets it) */
	atomic_int terminate_requested;
};

/* A streaming backup, or an OS snapshot from its freeze to its end, runs:
 * attach and detach are refused meanwhile. */
static inline int instance_backup_running(const struct instance *inst)
{
	return inst->backup != NULL || inst->snapshot_backup;
}

/* Where the instance's files are written (log, checkpoint, databases): while
 * a snapshot holds the instance frozen, the writer waits here, with
 * whatever locks it holds, until the thaw. */
void instance_io_gate(const atomic_int *frozen);

/* How an API call may enter an instance. */
enum enter_flags {
	ENTER_CREATED_OK = 1,     /* also a created, not initialised instance */
	ENTER_STOPPED_OK = 2,     /* also after JetStopServiceInstance */
	ENTER_LEGACY = 4,         /* the instance-less API form */
	ENTER_NO_LOCK = 8,        /* look up and hold, but do not lock */
	/* also an instance whose JetTerm is under way: what a snapshot
	 * session needs to finish the instances a JetTerm waits on */
	ENTER_TERMINATING_OK = 16,
};

/* Looks the handle up and applies the engine's entry rules (engine notes
 * §2.2 item 4): unknown → JET_errInvalidParameter, created only →
 * JET_errNotInitialized, terminating → JET_errTermInProgress, stopped →
 * JET_errClientRequestToStopJetService.  In one-instance mode a handle of 0
 * or JET_instanceNil means the single instance.  With ENTER_LEGACY the
 * handle is ignored: no run mode yet → JET_errInvalidParameter, multi-instance
 * mode → JET_errRunningInMultiInstanceMode.  On success the instance is
 * locked (unless ENTER_NO_LOCK) and must be given back to instance_leave. */
int instance_enter(uintptr_t handle, unsigned flags, struct instance **out);
void instance_leave(struct instance *inst, unsigned flags);

/* The instance goes offline (ESE's INST::SetInstanceUnavailable, jetapi.cxx):
 * the first error is kept.  instance_unavailable_error gives what every
 * later call on its sessions returns (INST::ErrInstanceUnavailableErrorCode,
 * daedef.hxx): JET_errInstanceUnavailableDueToFatalLogDiskFull after a full
 * log disk, else JET_errInstanceUnavailable; 0 while it is available. */
void instance_set_unavailable(struct instance *inst, int err);
int instance_unavailable_error(const struct instance *inst);
/* How the server terminates an instance when a fault asks it to: the top
 * layer registers its JetTerm; instance_leave calls it, the lock released,
 * for an instance whose terminate_requested is set. */
void instance_set_term_hook(int (*term)(uintptr_t handle, uint32_t grbit));

/* JetInit and JetTerm (engine/init_term.c) take and give back their
 * instance through these.  instance_init_begin applies JetInit's choice of
 * instance (engine notes §2.2 item 2): on success, or when the instance's
 * folders are those of another started instance (JET_errSystemPathInUse,
 * JET_errLogFilePathInUse, JET_errTempPathInUse), *out is the instance,
 * INITIALIZING, held but not locked, and must be given to
 * instance_init_end; on other errors *out is NULL.  instance_init_end with
 * an error frees the instance (JetCreateInstance's too) and clears
 * *pinstance, else stores its handle there. */
int instance_init_begin(uintptr_t *pinstance, struct instance **out);
void instance_init_end(struct instance *inst, uintptr_t *pinstance, int err);
/* An instance never initialised is freed at once (success, *out NULL, engine
 * notes §2.2 item 6); else *out is held, not locked, for instance_term_end,
 * which removes it from the table when err is 0. */
int instance_term_begin(uintptr_t handle, struct instance **out);
void instance_term_end(struct instance *inst, int err);

/* JetRestoreInstance on an instance created and not initialised: while
 * it runs, every call entering the instance gets JET_errRestoreInProgress
 * and JetInit JET_errAlreadyInitialized, as the engine's API lock during a
 * restore answers.  instance_restore_begin refuses an instance that is
 * not merely created (JET_errAlreadyInitialized, JET_errInitInProgress,
 * JET_errTermInProgress); on success *out is held until
 * instance_restore_end. */
int instance_restore_begin(uintptr_t handle, struct instance **out);
void instance_restore_end(struct instance *inst);

/* The API of this file, one per JET function family member. */
int sim_create_instance(uintptr_t *out, const char *name, const char *display_name);
int sim_enable_multi_instance(void);
/* What JetEnableMultiInstance would get now, without changing anything. */
int sim_multi_instance_allowed(void);
int sim_stop_service(void);
int sim_stop_service_instance(uintptr_t instance, uint32_t grbit);

int sim_set_param(uintptr_t *pinstance, unsigned id, intptr_t value, const char *string);
/* *string is a copy (caller frees) for string parameters, else NULL. */
int sim_get_param(uintptr_t instance, unsigned id, intptr_t *value, char **string);

struct sim_instance_info {
	uintptr_t handle;
	char *name;                 /* may be NULL */
	char *display_name;
	unsigned database_count;
	char **database_paths;      /* full paths of attached databases */
};
/* All allocated instances, initialised or not (engine notes §2.2 item 9). */
int sim_list_instances(struct sim_instance_info **out, unsigned *count);
void sim_free_instance_list(struct sim_instance_info *list, unsigned count);

enum run_mode sim_run_mode(void);

#endif
