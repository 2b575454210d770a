/*
 * OS snapshot sessions, after the ESE source: the state machine and the
 * checks of ErrIsamOSSnapshot* and CESESnapshotSession (io.cxx), the log
 * ranges, truncation and header records of BACKUP_CONTEXT::BKOSSnapshot*
 * (backup.cxx).
 *
 * Locks: one process-wide lock serialises the API calls (the engine's
 * g_critOSSnapshot).  An instance belongs to at most one session: its
 * snapshot_id is claimed with a compare-and-swap, never under its lock.
 * While frozen, an instance's writers may wait at the I/O gate holding the
 * instance lock, so nothing that thaws takes an instance lock before the
 * gate is open: the freeze keeps a reference on each frozen instance (it
 * stays allocated even through a JetTerm, which waits at the gate too),
 * and the timer thread opens the gates first.
 */
#include "snapshot/snapshot.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "db/backup_history.h"
#include "db/database.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "jet_values.h"
#include "log/log.h"
#include "os/os.h"

/* CESESnapshotSession's states; stateEnd and stateAbort are a session
 * removed, whose id is then unknown. */
enum snapshot_state {
	SNAP_PREPARE,
	SNAP_FREEZE,
	SNAP_THAW,               /* the timer saw the thaw; passes on at once */
	SNAP_TIMEOUT,
	SNAP_ALLOW_TRUNCATE,
	SNAP_TRUNCATED,
};

struct member {
	uintptr_t handle;        /* 0: dropped (terminated before the freeze) */
	int claimed;             /* its snapshot_id names this session */
	int in_backup;           /* its snapshot_backup was set by this session */
	struct instance *held;   /* referenced from freeze to thaw */
	struct bkinfo record;    /* the mark, and the logs of the copy [low, high] */
	uint32_t delete_mac;     /* truncation deletes below this; 0: done */
};

struct session {
	uintptr_t id;
	enum snapshot_state state;
	int incremental, copy, continue_after_thaw;
	struct member *members;
	unsigned count, capacity;
	os_thread *timer;
	unsigned timeout_ms;
	atomic_int thaw_asked;
	atomic_int timed_out;
	struct session *next;
};

/* How the session enters its instances: also one whose JetTerm waits for
 * the session to end (jetapi.cxx, JetTermEx), which the session must
 * still finish (its backup ended, its headers recording the snapshot). */
#define MEMBER_ENTER (ENTER_STOPPED_OK | ENTER_TERMINATING_OK)

static os_lazy_mutex api_mutex;
static struct session *sessions;
static uintptr_t last_id;

static void api_lock(void)
{
	os_lazy_mutex_lock(&api_mutex);
}

static void api_unlock(void)
{
	os_mutex_unlock(api_mutex.mutex);
}

static struct session *find(uintptr_t id)
{
	for (struct session *s = sessions; s; s = s->next)
		if (s->id == id)
			return s;
	return NULL;
}

static void remove_session(struct session *s)
{
	for (struct session **p = &sessions; *p; p = &(*p)->next) {
		if (*p == s) {
			*p = s->next;
			break;
		}
	}
	if (s->timer)
		os_thread_join(s->timer);
	free(s->members);
	free(s);
}

/* g_fSystemInit: some instance has been initialised. */
static int any_instance_running(void)
{
	struct sim_instance_info *list;
	unsigned n;
	int running = 0;
	if (sim_list_instances(&list, &n))
		return 0;
	for (unsigned i = 0; i < n && !running; i++) {
		struct instance *inst;
		if (!instance_enter(list[i].handle, ENTER_NO_LOCK | ENTER_STOPPED_OK, &inst)) {
			running = 1;
			instance_leave(inst, ENTER_NO_LOCK | ENTER_STOPPED_OK);
		}
	}
	sim_free_instance_list(list, n);
	return running;
}

static int add_member(struct session *s, uintptr_t handle)
{
	if (s->count == s->capacity) {
		unsigned cap = s->capacity ? 2 * s->capacity : 4;
		struct member *m = realloc(s->members, cap * sizeof *m);
		if (!m)
			return JET_errOutOfMemory;
		s->members = m;
		s->capacity = cap;
	}
	memset(&s->members[s->count], 0, sizeof s->members[0]);
	s->members[s->count].handle = handle;
	s->members[s->count].claimed = 1;
	s->count++;
	return JET_errSuccess;
}

/* Takes the instance for the session unless another has it. */
static int claim(struct instance *inst, uintptr_t id)
{
	uintptr_t none = 0;
	return atomic_compare_exchange_strong(&inst->snapshot_id, &none, id);
}

static void log_mark(struct instance *inst, enum log_backup_mark mark, struct lgpos *at)
{
	struct log_record r = { .type = LOG_REC_BACKUP, .offset = (uint16_t)mark };
	instance_log_append(inst, &r, at);
}

/* --- Prepare */

static const uint32_t prepare_grbits = JET_bitIncrementalSnapshot | JET_bitCopySnapshot |
				       JET_bitContinueAfterThaw | JET_bitExplicitPrepare;

/* Without JET_bitExplicitPrepare every instance initialised now and in no
 * other session takes part (SetFreezeInstances); one started later does
 * not. */
static int claim_every_instance(struct session *s)
{
	struct sim_instance_info *list;
	unsigned n;
	int err = sim_list_instances(&list, &n);
	if (err)
		return err;
	for (unsigned i = 0; !err && i < n; i++) {
		struct instance *inst;
		if (instance_enter(list[i].handle, ENTER_NO_LOCK | ENTER_STOPPED_OK, &inst))
			continue;
		if (claim(inst, s->id)) {
			err = add_member(s, inst->handle);
			if (err)
				atomic_store(&inst->snapshot_id, 0);
		}
		instance_leave(inst, ENTER_NO_LOCK | ENTER_STOPPED_OK);
	}
	sim_free_instance_list(list, n);
	return err;
}

/* Gives back every instance claimed, up to member `upto` (exclusive), and
 * ends the backup each was in (ResetBackupInProgress). */
static void release_members(struct session *s, unsigned upto)
{
	for (unsigned i = 0; i < upto && i < s->count; i++) {
		struct member *m = &s->members[i];
		struct instance *inst;
		if (!m->handle || !m->claimed)
			continue;
		m->claimed = 0;
		if (instance_enter(m->handle, MEMBER_ENTER, &inst))
			continue;   /* terminated meanwhile */
		if (m->in_backup) {
			inst->snapshot_backup = 0;
			log_mark(inst, LOG_BACKUP_STOP, NULL);
		}
		m->in_backup = 0;
		atomic_store(&inst->snapshot_id, 0);
		instance_leave(inst, MEMBER_ENTER);
	}
}

int sim_snapshot_prepare(uintptr_t *id, uint32_t grbit)
{
	struct session *s;
	int err;

	if (grbit & ~prepare_grbits)
		return JET_errInvalidGrbit;
	if (!id)
		return JET_errInvalidParameter;
	if (!any_instance_running())
		return JET_errNotInitialized;
	s = calloc(1, sizeof *s);
	if (!s)
		return JET_errOutOfMemory;
	s->incremental = (grbit & JET_bitIncrementalSnapshot) != 0;
	s->copy = (grbit & JET_bitCopySnapshot) != 0;
	s->continue_after_thaw = (grbit & JET_bitContinueAfterThaw) != 0;
	s->state = SNAP_PREPARE;
	api_lock();
	s->id = ++last_id;
	s->next = sessions;
	sessions = s;
	err = (grbit & JET_bitExplicitPrepare) ? JET_errSuccess : claim_every_instance(s);
	if (err) {
		release_members(s, s->count);
		remove_session(s);
	} else {
		*id = s->id;
	}
	api_unlock();
	return err;
}

int sim_snapshot_prepare_instance(uintptr_t id, uintptr_t handle, uint32_t grbit)
{
	struct instance *inst;
	struct session *s = NULL;
	int err;

	/* the instance is entered first, as every instance call of the API */
	err = instance_enter(handle, ENTER_NO_LOCK, &inst);
	if (err)
		return err;
	if (grbit)
		err = JET_errInvalidGrbit;
	api_lock();
	if (!err && !(s = find(id)))
		err = JET_errOSSnapshotInvalidSnapId;
	else if (!err && s->state != SNAP_PREPARE)
		err = JET_errOSSnapshotInvalidSequence;
	/* a JetTerm that began since the entry looked for sessions under this
	 * lock already: the instance joins none */
	else if (!err && inst->state == INSTANCE_TERMINATING)
		err = JET_errTermInProgress;
	/* in a session already (this one too), or in a streaming backup */
	else if (!err && (inst->backup || !claim(inst, id)))
		err = JET_errOSSnapshotNotAllowed;
	else if (!err && (err = add_member(s, inst->handle)) != 0)
		atomic_store(&inst->snapshot_id, 0);
	api_unlock();
	instance_leave(inst, ENTER_NO_LOCK);
	return err;
}

/* --- Freeze */

/* SetBackupInProgress: each instance is marked as in a backup, which
 * refuses attach, detach and a streaming backup; one in a streaming backup
 * already, without logs to back up, or being terminated makes the freeze
 * JET_errOSSnapshotNotAllowed. */
static int set_backup_in_progress(struct session *s)
{
	for (unsigned i = 0; i < s->count; i++) {
		struct member *m = &s->members[i];
		struct instance *inst;
		if (!m->handle || !m->claimed)
			continue;
		if (instance_enter(m->handle, MEMBER_ENTER, &inst)) {
			m->handle = 0;   /* it stopped since the prepare: no part of it */
			continue;
		}
		/* a JetTerm under way allows no backup (m_fBackupAllowed) */
		if (inst->backup || !instance_logging_enabled(inst) ||
		    inst->state == INSTANCE_TERMINATING) {
			m->claimed = 0;
			atomic_store(&inst->snapshot_id, 0);
			instance_leave(inst, MEMBER_ENTER);
			release_members(s, i);
			return JET_errOSSnapshotNotAllowed;
		}
		inst->snapshot_backup = 1;
		m->in_backup = 1;
		instance_leave(inst, MEMBER_ENTER);
	}
	return JET_errSuccess;
}

/* ErrLGCheckIncrementalBackup (backup.cxx): an incremental snapshot
 * continues a full one of the same kind, so every database attached (read
 * only or without logging too: the engine looks at each one attached) needs
 * a full OS snapshot recorded. */
static int check_full_snapshot_recorded(struct instance *inst)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		const struct database *db = instance_database(inst, dbid);
		uint32_t type;
		struct bkinfo full;
		if (!db)
			continue;
		full = database_backup_record(db, BACKUP_KIND_FULL, &type);
		if (full.gen_low == 0 || type != BACKUP_TYPE_OS_SNAPSHOT)
			return JET_errMissingFullBackup;
	}
	return JET_errSuccess;
}

/* ErrBKICheckLogsForIncrementalBackup: the lowest log on disk must follow
 * each database's last backup, full or incremental. */
static int check_logs_follow_backups(struct instance *inst, uint32_t lowest)
{
	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		const struct database *db = instance_database(inst, dbid);
		struct bkinfo full, inc;
		uint32_t type;
		if (!db)
			continue;
		full = database_backup_record(db, BACKUP_KIND_FULL, &type);
		inc = database_backup_record(db, BACKUP_KIND_INCREMENTAL, &type);
		if (lowest > (full.gen_high > inc.gen_high ? full.gen_high : inc.gen_high) + 1)
			return JET_errMissingFileToBackup;
	}
	return JET_errSuccess;
}

/* ErrBKOSSnapshotStopLogging and BKInitForSnapshot, instance locked, in
 * the engine's order: an incremental snapshot checks the full one first,
 * then refuses circular logging; the log ends its generation (unless a
 * full snapshot with circular logging, which just stops writing); an
 * incremental one then checks the logs it would copy; the copy's
 * generations and the truncation range are fixed, and nothing more is
 * written. */
static int stop_logging(struct session *s, struct member *m, struct instance *inst)
{
	int circular = instance_circular_logging(inst);
	uint32_t checkpoint, current, lowest = 0;
	int err = JET_errSuccess;

	if (s->incremental) {
		err = check_full_snapshot_recorded(inst);
		if (err)
			return err;
		if (circular)
			return JET_errInvalidBackup;
	}
	log_mark(inst, LOG_BACKUP_PREPARE, NULL);
	if (s->incremental || !circular) {
		err = instance_log_roll(inst, &current);
		if (err)
			return err;
		/* the mark opens the new generation; the copy ends before it */
		log_mark(inst, LOG_BACKUP_BEGIN, &m->record.mark);
		m->record.gen_high = current - 1;
	} else {
		m->record.mark = instance_log_end(inst);
		m->record.gen_high = m->record.mark.generation;
	}
	if (instance_log_failed(inst))
		return JET_errLogWriteFail;
	if (s->incremental) {
		/* from the first log there is (ErrLGGetGenerationRange) */
		if (instance_log_lowest_archived(inst, &lowest))
			lowest = 1;
		err = check_logs_follow_backups(inst, lowest);
		if (err)
			return err;
	}
	m->record.time = logtime_from_filetime(os_time_now());
	checkpoint = instance_checkpoint_generation(inst);
	m->record.gen_low = s->incremental ? lowest : checkpoint;
	m->delete_mac = m->record.gen_high < checkpoint ? m->record.gen_high : checkpoint;
	return JET_errSuccess;
}

static void open_gates(struct session *s)
{
	for (unsigned i = 0; i < s->count; i++) {
		struct member *m = &s->members[i];
		if (m->held) {
			atomic_store(&m->held->io_frozen, 0);
			instance_leave(m->held, ENTER_NO_LOCK);
			m->held = NULL;
		}
	}
}

/* The engine's snapshot thread: it holds the freeze until the thaw or the
 * timeout, whichever comes first; on a timeout it ends the backup of
 * every instance too (Thaw with fTimeOut). */
static void timer_run(void *arg)
{
	struct session *s = arg;
	uint64_t start = os_monotonic_ms();
	while (!atomic_load(&s->thaw_asked) && os_monotonic_ms() - start < s->timeout_ms)
		os_sleep_ms(1);
	if (!atomic_load(&s->thaw_asked))
		atomic_store(&s->timed_out, 1);
	open_gates(s);
	if (atomic_load(&s->timed_out))
		release_members(s, s->count);
}

static int freeze(struct session *s)
{
	intptr_t timeout = 0;
	char *unused = NULL;
	int err;

	if (!any_instance_running())
		return JET_errNotInitialized;
	err = set_backup_in_progress(s);
	if (err)
		return err;
	for (unsigned i = 0; !err && i < s->count; i++) {
		struct member *m = &s->members[i];
		struct instance *inst;
		if (!m->handle || !m->claimed)
			continue;
		if (instance_enter(m->handle, MEMBER_ENTER, &inst)) {
			m->handle = 0;
			continue;
		}
		err = stop_logging(s, m, inst);
		if (!err) {
			/* writers wait from here on; the reference keeps the
			 * instance until the thaw opens its gate */
			atomic_store(&inst->io_frozen, 1);
			m->held = inst;
			os_mutex_unlock(inst->lock);
		} else {
			instance_leave(inst, MEMBER_ENTER);
		}
	}
	sim_get_param(0, JET_paramOSSnapshotTimeout, &timeout, &unused);
	free(unused);
	s->timeout_ms = timeout > 0 ? (unsigned)timeout : 0;
	atomic_store(&s->thaw_asked, 0);
	atomic_store(&s->timed_out, 0);
	if (!err && os_thread_start(&s->timer, timer_run, s) != OS_OK)
		err = JET_errOutOfThreads;
	if (err) {
		s->timer = NULL;
		open_gates(s);
		release_members(s, s->count);
	}
	return err;
}

/* The session's instances with their databases (ErrIsamGetInstanceInfo
 * with a session): read from the instance table, never under an instance
 * lock, which a frozen writer may hold. */
static int session_instances(struct session *s, struct sim_instance_info **list, unsigned *count)
{
	struct sim_instance_info *all, *rejects;
	unsigned n, kept = 0, rejected = 0;
	int err = sim_list_instances(&all, &n);
	if (err)
		return err;
	rejects = malloc((n ? n : 1) * sizeof *rejects);
	if (!rejects) {
		sim_free_instance_list(all, n);
		return JET_errOutOfMemory;
	}
	for (unsigned i = 0; i < n; i++) {
		int member = 0;
		for (unsigned j = 0; j < s->count; j++)
			member |= s->members[j].handle == all[i].handle && s->members[j].claimed;
		if (member)
			all[kept++] = all[i];
		else
			rejects[rejected++] = all[i];
	}
	sim_free_instance_list(rejects, rejected);
	if (kept == 0) {
		sim_free_instance_list(all, 0);
		all = NULL;
	}
	*list = all;
	*count = kept;
	return JET_errSuccess;
}

static int thaw_session(struct session *s);

/* Freeze (from the prepared state only) and GetFreezeInfo (in every state
 * a live session can be in: stateStart, End and Abort are never seen, the
 * session being new or gone) share their checks and their answer. */
static int instances_call(uintptr_t id, struct sim_instance_info **list, unsigned *count,
			  uint32_t grbit, int freezing)
{
	struct session *s;
	int err;

	if (grbit)
		return JET_errInvalidGrbit;
	if (!list || !count)
		return JET_errInvalidParameter;
	*list = NULL;
	*count = 0;
	api_lock();
	if (!(s = find(id)))
		err = JET_errOSSnapshotInvalidSnapId;
	else if (freezing && s->state != SNAP_PREPARE)
		err = JET_errOSSnapshotInvalidSequence;
	else
		err = freezing ? freeze(s) : JET_errSuccess;
	if (!err && freezing)
		s->state = SNAP_FREEZE;
	if (!err) {
		err = session_instances(s, list, count);
		if (err && freezing)
			thaw_session(s);
	}
	api_unlock();
	return err;
}

int sim_snapshot_freeze(uintptr_t id, struct sim_instance_info **list, unsigned *count,
			uint32_t grbit)
{
	return instances_call(id, list, count, grbit, 1);
}

int sim_snapshot_freeze_info(uintptr_t id, struct sim_instance_info **list, unsigned *count,
			     uint32_t grbit)
{
	return instances_call(id, list, count, grbit, 0);
}

/* --- Thaw, truncation, end */

static int end_session(struct session *s, int abort);

/* ErrIsamOSSnapshotThaw, api lock held: the timer is told and waited for;
 * its verdict is the thaw's code.  Without JET_bitContinueAfterThaw the
 * session ends here, normally or (after a timeout) aborted. */
static int thaw_session(struct session *s)
{
	int err;
	if (s->state == SNAP_FREEZE) {
		atomic_store(&s->thaw_asked, 1);
		os_thread_join(s->timer);
		s->timer = NULL;
		s->state = atomic_load(&s->timed_out) ? SNAP_TIMEOUT : SNAP_THAW;
	}
	if (s->state == SNAP_THAW) {
		s->state = SNAP_ALLOW_TRUNCATE;
		err = JET_errSuccess;
	} else {
		err = JET_errOSSnapshotTimeOut;
	}
	if (!s->continue_after_thaw)
		end_session(s, err != JET_errSuccess);
	return err;
}

int sim_snapshot_thaw(uintptr_t id, uint32_t grbit)
{
	struct session *s;
	int err;
	if (grbit)
		return JET_errInvalidGrbit;
	api_lock();
	if (!(s = find(id)))
		err = JET_errOSSnapshotInvalidSnapId;
	else if (s->state != SNAP_FREEZE && s->state != SNAP_TIMEOUT)
		err = JET_errOSSnapshotInvalidSequence;
	else
		err = thaw_session(s);
	api_unlock();
	return err;
}

/* ErrBKOSSnapshotTruncateLog, instance locked: only with
 * JET_bitAllDatabasesSnapshot (the caller says every database was copied)
 * and without circular logging are logs deleted, from the lowest on disk
 * to the copy's end or the checkpoint; once per snapshot. */
static int truncate_instance(struct member *m, struct instance *inst, uint32_t grbit)
{
	uint32_t mac = m->delete_mac, mic = 0;
	int err = JET_errSuccess;

	if (mac == 0)
		return JET_errSuccess;   /* not frozen with the session, or done */
	m->delete_mac = 0;
	if (!(grbit & JET_bitAllDatabasesSnapshot) || instance_circular_logging(inst))
		return JET_errSuccess;
	if (instance_log_lowest_archived(inst, &mic))
		return JET_errSuccess;   /* nothing archived: nothing to delete */
	if (mic > mac)
		return JET_errRequiredLogFilesMissing;
	for (uint32_t gen = mic; !err && gen < mac; gen++) {
		char *path = log_archive_path(instance_log_names(inst), gen);
		int rc = path ? os_remove(path) : OS_NO_MEMORY;
		free(path);
		if (rc != OS_OK && rc != OS_NOT_FOUND)
			err = rc == OS_NO_MEMORY ? JET_errOutOfMemory : JET_errDeleteBackupFileFail;
	}
	return err;
}

int sim_snapshot_truncate_log(uintptr_t id, int one_instance, uintptr_t handle, uint32_t grbit)
{
	struct instance *named = NULL;
	struct session *s = NULL;
	int err = JET_errSuccess, found = 0;

	if (one_instance) {
		err = instance_enter(handle, ENTER_NO_LOCK, &named);
		if (err)
			return err;
		handle = named->handle;
	}
	if (grbit & ~(uint32_t)JET_bitAllDatabasesSnapshot)
		err = JET_errInvalidGrbit;
	api_lock();
	if (!err && !(s = find(id)))
		err = JET_errOSSnapshotInvalidSnapId;
	else if (!err && ((s->state != SNAP_ALLOW_TRUNCATE && s->state != SNAP_TRUNCATED) || s->copy))
		err = JET_errOSSnapshotInvalidSequence;   /* a copy truncates nothing */
	for (unsigned i = 0; !err && i < s->count; i++) {
		struct member *m = &s->members[i];
		struct instance *inst;
		int rc;
		if (!m->handle || !m->claimed || (one_instance && m->handle != handle))
			continue;
		found = 1;
		if (instance_enter(m->handle, MEMBER_ENTER, &inst))
			continue;
		rc = truncate_instance(m, inst, grbit);
		instance_leave(inst, MEMBER_ENTER);
		if (rc)
			err = rc;
	}
	/* an instance outside the session: the engine's ErrERRCheck( -1 ) */
	if (!err && one_instance && !found)
		err = JET_wrnNyi;
	if (!err)
		s->state = SNAP_TRUNCATED;
	api_unlock();
	if (named)
		instance_leave(named, ENTER_NO_LOCK);
	return err;
}

/* BKOSSnapshotSaveInfo: each logged database records the snapshot as a
 * full, incremental, copy or differential backup of the OS snapshot type,
 * unless it records a later one already (ErrBKUpdateHdrBackupInfo). */
static void save_info(struct session *s)
{
	enum backup_kind kind = s->incremental ? (s->copy ? BACKUP_KIND_DIFFERENTIAL
							  : BACKUP_KIND_INCREMENTAL)
					       : (s->copy ? BACKUP_KIND_COPY : BACKUP_KIND_FULL);
	for (unsigned i = 0; i < s->count; i++) {
		struct member *m = &s->members[i];
		struct instance *inst;
		if (!m->handle || !m->claimed || !m->in_backup)
			continue;
		if (instance_enter(m->handle, MEMBER_ENTER, &inst))
			continue;
		for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
			struct database *db = instance_database(inst, dbid);
			uint32_t type;
			struct bkinfo old;
			if (!db || !db->logged)
				continue;
			old = database_backup_record(db, kind, &type);
			if (lgpos_compare(old.mark, m->record.mark) <= 0)
				database_record_backup(db, kind, &m->record, BACKUP_TYPE_OS_SNAPSHOT);
		}
		instance_leave(inst, MEMBER_ENTER);
	}
}

/* ErrIsamOSSnapshotEnd once the state allows it, api lock held. */
static int end_session(struct session *s, int abort)
{
	int err = JET_errSuccess;
	switch (s->state) {
	case SNAP_FREEZE:
		/* an abort while frozen thaws first; the thaw may end it.  A
		 * freeze already timed out is, in the engine, in its timeout
		 * state (the snapshot thread moved it there), whose end
		 * succeeds (io.cxx, ErrIsamOSSnapshotEnd, stateTimeOut) */
		if (!s->continue_after_thaw) {
			err = thaw_session(s);
			return err == JET_errOSSnapshotTimeOut ? JET_errSuccess : err;
		}
		thaw_session(s);
		return end_session(s, abort);
	case SNAP_ALLOW_TRUNCATE:
	case SNAP_TRUNCATED:
		if (!abort)
			save_info(s);
		release_members(s, s->count);
		break;
	case SNAP_PREPARE:
	case SNAP_THAW:
		release_members(s, s->count);
		break;
	case SNAP_TIMEOUT:
		break;   /* the timeout ended every instance's backup already */
	}
	remove_session(s);
	return err;
}

int sim_snapshot_end(uintptr_t id, uint32_t grbit)
{
	int abort = (grbit & JET_bitAbortSnapshot) != 0;
	struct session *s;
	int err;

	if (grbit & ~(uint32_t)JET_bitAbortSnapshot)
		return JET_errInvalidGrbit;
	api_lock();
	if (!(s = find(id)))
		err = JET_errOSSnapshotInvalidSnapId;
	/* a normal end needs a thaw behind it (or nothing begun); an abort
	 * ends any state */
	else if (!abort && s->state != SNAP_ALLOW_TRUNCATE && s->state != SNAP_TRUNCATED &&
		 s->state != SNAP_PREPARE)
		err = JET_errOSSnapshotInvalidSequence;
	else
		err = end_session(s, abort);
	api_unlock();
	return err;
}

int sim_snapshot_abort(uintptr_t id, uint32_t grbit)
{
	if (grbit)
		return JET_errInvalidGrbit;
	return sim_snapshot_end(id, JET_bitAbortSnapshot);
}

/* --- JetTerm */

int snapshot_before_term(struct instance *inst, uint32_t term_grbit)
{
	if (term_grbit & (JET_bitTermAbrupt | JET_bitTermStopBackup)) {
		/* jetapi.cxx, JetTermEx: "wait until the snapshot terminates /
		 * aborts and comes back to us", polling under the engine's
		 * snapshot lock; the instance is unlocked meanwhile, for the
		 * session's thaw, truncation and end to finish it */
		int in_session;
		os_mutex_unlock(inst->lock);
		for (;;) {
			api_lock();
			in_session = atomic_load(&inst->snapshot_id) != 0;
			api_unlock();
			if (!in_session)
				break;
			os_sleep_ms(2);
		}
		os_mutex_lock(inst->lock);
		return JET_errSuccess;
	}
	/* sysinit.cxx, INST::ErrINSTTerm: a clean term (not dirty) is refused
	 * while a backup, the snapshot's from its freeze to its end, runs */
	if (!(term_grbit & JET_bitTermDirty) && inst->snapshot_backup)
		return JET_errBackupInProgress;
	return JET_errSuccess;
}
