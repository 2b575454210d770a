#include "workload/workload.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/database.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "os/os.h"
#include "os/paths.h"
#include "workload/faults.h"

struct workload {
	struct instance *inst;
	struct scenario s;
	os_thread *thread;
	atomic_int stop;
	atomic_uint_least64_t writes;
	uint32_t random;
};

/* xorshift32: a repeatable sequence per seed. */
static uint32_t next_random(struct workload *w)
{
	uint32_t x = w->random;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return w->random = x;
}

/* One change: bytes of a data page of one of the writable databases
 * (never the catalog pages at the front), and every grow_every writes the
 * database grows by grow_pages, up to max_pages. */
static void write_one(struct workload *w, unsigned char *data)
{
	struct instance *inst = w->inst;
	struct database *candidates[DATABASE_MAX], *db;
	unsigned count = 0;
	uint64_t n = atomic_load(&w->writes);
	uint32_t start, room, bytes, pgno, offset;

	for (unsigned dbid = 1; dbid <= DATABASE_MAX; dbid++) {
		db = instance_database(inst, dbid);
		if (db && !db->read_only && db->pages > DATABASE_SYSTEM_PAGES)
			candidates[count++] = db;
	}
	if (count == 0)
		return;
	db = candidates[next_random(w) % count];
	if (w->s.grow_every && n % w->s.grow_every == w->s.grow_every - 1 &&
	    db->pages + w->s.grow_pages <= w->s.max_pages)
		database_grow(inst, db, db->pages + w->s.grow_pages);
	start = page_data_start(db->page_size);
	room = page_data_end(db->page_size) - start;
	bytes = w->s.bytes < room ? w->s.bytes : room;
	pgno = DATABASE_SYSTEM_PAGES + 1 + next_random(w) % (db->pages - DATABASE_SYSTEM_PAGES);
	offset = start + (room > bytes ? next_random(w) % (room - bytes) : 0);
	for (uint32_t i = 0; i < bytes; i++)
		data[i] = (unsigned char)(next_random(w) >> 24);
	if (database_write(inst, db, pgno, offset, data, bytes) == JET_errSuccess)
		atomic_fetch_add(&w->writes, 1);
}

static void run(void *arg)
{
	struct workload *w = arg;
	unsigned char *data = malloc(w->s.bytes);
	uint64_t started = os_monotonic_ms(), done = 0;

	while (data && !atomic_load(&w->stop)) {
		/* pace to the rate: sleep until the next write is due */
		uint64_t due = w->s.rate ? started + done * 1000 / w->s.rate : UINT64_MAX;
		uint64_t now = os_monotonic_ms();
		if (!w->s.rate || now < due) {
			os_sleep_ms(w->s.rate && due - now < 50 ? (unsigned)(due - now) : 50);
			continue;
		}
		os_mutex_lock(w->inst->lock);
		/* a snapshot freeze (set under this lock) holds every write of
		 * the instance: the writer waits for the thaw without the lock,
		 * so that API calls on the instance go on meanwhile */
		if (atomic_load(&w->inst->io_frozen)) {
			os_mutex_unlock(w->inst->lock);
			instance_io_gate(&w->inst->io_frozen);
			continue;
		}
		if (w->inst->state == INSTANCE_RUNNING && !(w->inst->service & INSTANCE_BACKGROUND_STOPPED))
			write_one(w, data);
		os_mutex_unlock(w->inst->lock);
		done++;
	}
	free(data);
}

int workload_start(struct instance *inst, const struct scenario *s, struct workload **out)
{
	struct workload *w = calloc(1, sizeof *w);
	if (!w)
		return JET_errOutOfMemory;
	w->inst = inst;
	w->s = *s;
	w->s.database = NULL;   /* the caller keeps and frees the scenario's strings */
	w->random = s->seed ? s->seed : 1;
	if (os_thread_start(&w->thread, run, w) != OS_OK) {
		free(w);
		return JET_errOutOfThreads;
	}
	*out = w;
	return JET_errSuccess;
}

void workload_stop(struct workload *w)
{
	if (!w)
		return;
	atomic_store(&w->stop, 1);
	os_thread_join(w->thread);
	free(w);
}

uint64_t workload_writes(const struct workload *w)
{
	return atomic_load(&((struct workload *)w)->writes);
}

/* The scenario's database, relative to the instance's system path. */
static char *scenario_database_path(struct instance *inst, const char *name)
{
	if (path_is_separator(name[0]) || (name[0] && name[1] == ':'))
		return os_full_path(name);
	char *joined = path_join(param_string(&inst->params, JET_paramSystemPath), name);
	char *full = joined ? os_full_path(joined) : NULL;
	free(joined);
	return full;
}

int workload_start_from_environment(struct instance *inst)
{
	struct scenario s;
	int found = scenario_from_environment(&s), err = JET_errSuccess;
	if (found == 0)
		return JET_errSuccess;
	if (found < 0) {
		fprintf(stderr, "esent: the scenario %s names cannot be used (error %d)\n",
			SCENARIO_ENV, found);
		return found;
	}
	if (s.database) {
		char *path = scenario_database_path(inst, s.database);
		err = path ? database_ensure_attached(inst, path) : JET_errOutOfMemory;
		if (err)
			fprintf(stderr, "esent: the scenario's database %s: error %d\n",
				path ? path : s.database, err);
		free(path);
	}
	/* the faults answer before the writer's first write */
	if (!err && s.faults) {
		err = faults_attach(inst, s.faults);
		if (!err)
			s.faults = NULL;
	}
	if (!err)
		err = workload_start(inst, &s, &inst->workload);
	if (err)
		faults_detach(inst);
	scenario_free(&s);
	return err;
}
