#include "workload/faults.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jet_values.h"
#include "os/os.h"

enum fault_kind {
	FAULT_READ_ERROR, FAULT_BAD_PAGE, FAULT_BAD_LOG, FAULT_STOP_BACKUP,
	FAULT_DISK_FULL, FAULT_SLOW_IO, FAULT_MISSING_LOG, FAULT_HELD_OPEN, FAULT_TERMINATE,
};

static const char *const kind_names[] = {
	"read_error", "bad_page", "bad_log", "stop_backup",
	"disk_full", "slow_io", "missing_log", "held_open", "terminate",
};

enum fault_when { WHEN_ONCE, WHEN_ALWAYS, WHEN_PROBABILITY };

struct fault {
	enum fault_kind kind;
	char file[260];          /* empty: any file */
	uint64_t offset, after;
	uint32_t page, generation;
	int has_offset, has_page, has_generation, has_after;
	int phase_logs, on_grow, on_log, per_mib;
	unsigned delay_ms;
	enum fault_when when;
	double probability;
	int fired;
};

struct fault_set {
	struct fault *faults;
	unsigned count;
	uint32_t random;
	char *log_path;
	os_file *log;
	uint64_t log_end;
	uint64_t backup_bytes;   /* read by backups so far (stop_backup after=) */
};

static struct fault_set *set_of(struct fault_set **set)
{
	if (!*set) {
		*set = calloc(1, sizeof **set);
		if (*set)
			(*set)->random = 1;
	}
	return *set;
}

static int parse_u64(const char *v, uint64_t *out)
{
	char *end;
	unsigned long long n;
	if (!isdigit((unsigned char)*v))
		return 0;
	n = strtoull(v, &end, 10);
	if (*end)
		return 0;
	*out = n;
	return 1;
}

static int parse_u32(const char *v, uint32_t *out)
{
	uint64_t n;
	if (!parse_u64(v, &n) || n > UINT32_MAX)
		return 0;
	*out = (uint32_t)n;
	return 1;
}

/* One "name=value" word of a fault line. */
static int apply_word(struct fault *f, const char *name, const char *value)
{
	if (strcmp(name, "file") == 0 && *value && strlen(value) < sizeof f->file) {
		strcpy(f->file, value);
		return 1;
	}
	if (strcmp(name, "offset") == 0)
		return f->has_offset = parse_u64(value, &f->offset);
	if (strcmp(name, "after") == 0)
		return f->has_after = parse_u64(value, &f->after);
	if (strcmp(name, "page") == 0)
		return f->has_page = parse_u32(value, &f->page) && f->page > 0;
	if (strcmp(name, "generation") == 0)
		return f->has_generation = parse_u32(value, &f->generation) && f->generation > 0;
	if (strcmp(name, "delay_ms") == 0) {
		uint32_t n;
		if (!parse_u32(value, &n) || n > 60000)
			return 0;
		f->delay_ms = n;
		return 1;
	}
	if (strcmp(name, "per") == 0)
		return (f->per_mib = strcmp(value, "mib") == 0) || strcmp(value, "read") == 0;
	if (strcmp(name, "phase") == 0)
		return f->phase_logs = strcmp(value, "logs") == 0;
	if (strcmp(name, "on") == 0) {
		f->on_grow = strcmp(value, "grow") == 0;
		f->on_log = strcmp(value, "log") == 0;
		return f->on_grow || f->on_log;
	}
	if (strcmp(name, "when") == 0) {
		char *end;
		if (strcmp(value, "once") == 0)
			f->when = WHEN_ONCE;
		else if (strcmp(value, "always") == 0)
			f->when = WHEN_ALWAYS;
		else {
			f->probability = strtod(value, &end);
			if (end == value || *end || !(f->probability >= 0 && f->probability <= 1))
				return 0;
			f->when = WHEN_PROBABILITY;
		}
		return 1;
	}
	return 0;
}

/* What each kind needs to be a fault at all. */
static int complete(const struct fault *f)
{
	switch (f->kind) {
	case FAULT_READ_ERROR: return f->has_offset && f->file[0];
	case FAULT_BAD_PAGE: return f->has_page && f->file[0];
	case FAULT_BAD_LOG:
	case FAULT_MISSING_LOG: return f->has_generation;
	case FAULT_STOP_BACKUP:
	case FAULT_TERMINATE: return f->has_after != f->phase_logs;
	case FAULT_DISK_FULL: return f->on_grow || f->on_log;
	case FAULT_SLOW_IO: return f->delay_ms > 0;
	case FAULT_HELD_OPEN: return f->file[0] != 0;
	}
	return 0;
}

int faults_parse_line(struct fault_set **pset, const char *key, const char *value)
{
	struct fault f = { 0 }, *grown;
	struct fault_set *set = set_of(pset);
	char words[512], *word, *rest;
	unsigned k;

	if (!set)
		return JET_errOutOfMemory;
	if (strcmp(key, "seed") == 0)
		return parse_u32(value, &set->random) ? (set->random = set->random ? set->random : 1, 0)
						     : JET_errInvalidParameter;
	if (strcmp(key, "log") == 0) {
		if (!*value)
			return JET_errInvalidParameter;
		free(set->log_path);
		set->log_path = malloc(strlen(value) + 1);
		if (!set->log_path)
			return JET_errOutOfMemory;
		strcpy(set->log_path, value);
		return JET_errSuccess;
	}
	for (k = 0; k < sizeof kind_names / sizeof *kind_names; k++)
		if (strcmp(key, kind_names[k]) == 0)
			break;
	if (k == sizeof kind_names / sizeof *kind_names || strlen(value) >= sizeof words)
		return JET_errInvalidParameter;
	f.kind = (enum fault_kind)k;
	/* slow I/O is a condition, not an event: every read unless told */
	f.when = f.kind == FAULT_SLOW_IO ? WHEN_ALWAYS : WHEN_ONCE;
	strcpy(words, value);
	for (rest = words; *(word = rest + strspn(rest, " \t")); ) {
		char *eq;
		rest = word + strcspn(word, " \t");
		if (*rest)
			*rest++ = 0;
		eq = strchr(word, '=');
		if (!eq)
			return JET_errInvalidParameter;
		*eq = 0;
		if (!apply_word(&f, word, eq + 1))
			return JET_errInvalidParameter;
	}
	if (!complete(&f))
		return JET_errInvalidParameter;
	grown = realloc(set->faults, (set->count + 1) * sizeof *grown);
	if (!grown)
		return JET_errOutOfMemory;
	set->faults = grown;
	set->faults[set->count++] = f;
	return JET_errSuccess;
}

unsigned faults_count(const struct fault_set *set)
{
	return set ? set->count : 0;
}

void faults_free(struct fault_set *set)
{
	if (!set)
		return;
	if (set->log)
		os_file_close(set->log);
	free(set->log_path);
	free(set->faults);
	free(set);
}

int faults_attach(struct instance *inst, struct fault_set *set)
{
	if (set->log_path) {
		if (os_file_open(set->log_path, OS_OPEN_READWRITE, &set->log) != OS_OK &&
		    os_file_open(set->log_path, OS_OPEN_CREATE, &set->log) != OS_OK) {
			fprintf(stderr, "esent: the fault log %s cannot be written\n", set->log_path);
			return JET_errFileAccessDenied;
		}
		if (os_file_size(set->log, &set->log_end) != OS_OK)
			set->log_end = 0;
	}
	inst->fault_state = set;
	inst->fault_hook = faults_hook;
	return JET_errSuccess;
}

void faults_detach(struct instance *inst)
{
	struct fault_set *set = inst->fault_state;
	inst->fault_hook = NULL;
	inst->fault_state = NULL;
	faults_free(set);
}

static const char *base_name(const char *path)
{
	const char *b = path;
	for (const char *c = path; *c; c++)
		if (*c == '/' || *c == '\\')
			b = c + 1;
	return b;
}

static int names_file(const struct fault *f, const struct fault_point *p)
{
	const char *a = f->file, *b = p->path ? base_name(p->path) : "";
	if (!*a)
		return 1;
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

static int covers(const struct fault_point *p, uint64_t offset)
{
	return offset >= p->offset && offset - p->offset < p->length;
}

/* The code the operation fails with when f fires at p (0: it goes on), or
 * NOT_CONCERNED (engine codes are never positive). */
#define NOT_CONCERNED 1

static int effect(const struct fault_set *set, const struct fault *f,
		  struct fault_point *p)
{
	switch (f->kind) {
	case FAULT_READ_ERROR:
		return p->site == FAULT_BACKUP_READ && names_file(f, p) && covers(p, f->offset)
			? JET_errDiskIO : NOT_CONCERNED;
	case FAULT_BAD_PAGE:
		return p->site == FAULT_BACKUP_READ && !p->is_log && names_file(f, p) &&
				covers(p, ((uint64_t)f->page + 1) * p->page_size)
			? JET_errReadVerifyFailure : NOT_CONCERNED;
	case FAULT_BAD_LOG:
		/* found damaged at open, reported by the read, as the engine
		 * verifies a log it copies (backup/backup.c) */
		return p->site == FAULT_BACKUP_OPEN && p->is_log && p->generation == f->generation
			? JET_errLogFileCorrupt : NOT_CONCERNED;
	case FAULT_MISSING_LOG:
		return p->site == FAULT_BACKUP_OPEN && p->is_log && p->generation == f->generation
			? JET_errFileNotFound : NOT_CONCERNED;
	case FAULT_HELD_OPEN:
		return p->site == FAULT_BACKUP_OPEN && names_file(f, p) ? JET_errFileAccessDenied : NOT_CONCERNED;
	case FAULT_STOP_BACKUP:
	case FAULT_TERMINATE:
		if (f->phase_logs ? p->site != FAULT_BACKUP_LOG_LIST
				  : p->site != FAULT_BACKUP_READ ||
					    set->backup_bytes + p->length < f->after)
			return NOT_CONCERNED;
		return f->phase_logs ? JET_errBackupAbortByServer : 0;
	case FAULT_DISK_FULL:
		if (f->on_log && p->site == FAULT_LOG_WRITE)
			return JET_errLogDiskFull;
		return f->on_grow && p->site == FAULT_DB_GROW ? JET_errDiskFull : NOT_CONCERNED;
	case FAULT_SLOW_IO:
		return p->site == FAULT_BACKUP_READ ? 0 : NOT_CONCERNED;
	}
	return NOT_CONCERNED;
}

static uint32_t next_random(struct fault_set *set)
{
	uint32_t x = set->random;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return set->random = x;
}

static int fires(struct fault_set *set, struct fault *f)
{
	switch (f->when) {
	case WHEN_ONCE: return !f->fired;
	case WHEN_ALWAYS: return 1;
	case WHEN_PROBABILITY: return next_random(set) / 4294967296.0 < f->probability;
	}
	return 0;
}

/* One line a fault fired, so a test can tell an injected failure from a
 * client's own. */
static void record(struct fault_set *set, const struct fault *f, const struct fault_point *p,
		   int err)
{
	static const char *const sites[] = { "backup open", "backup read", "log list",
					     "log write", "database growth" };
	char line[600];
	int n = snprintf(line, sizeof line,
			 "esent fault: %s at %s of %s (offset %llu, %llu bytes): error %d\n",
			 kind_names[f->kind], sites[p->site], p->path ? p->path : "-",
			 (unsigned long long)p->offset, (unsigned long long)p->length, err);
	if (n < 0)
		return;
	if (n >= (int)sizeof line)
		n = sizeof line - 1;
	if (set->log && os_file_write_at(set->log, set->log_end, line, (size_t)n) == OS_OK)
		set->log_end += (uint64_t)n;
	else if (!set->log)
		fputs(line, stderr);
}

int faults_hook(struct instance *inst, struct fault_point *p)
{
	struct fault_set *set = inst->fault_state;
	int err = JET_errSuccess;
	if (!set)
		return 0;
	for (unsigned i = 0; i < set->count; i++) {
		struct fault *f = &set->faults[i];
		int e;
		/* a fault that fired once is spent: not even its side effect again */
		if (f->when == WHEN_ONCE && f->fired)
			continue;
		e = effect(set, f, p);
		if (e == NOT_CONCERNED)
			continue;
		if (!fires(set, f))
			continue;
		f->fired = 1;
		if (f->kind == FAULT_STOP_BACKUP)   /* as JetStopBackupInstance: every later call sees it */
			atomic_store(&inst->stop_backup, 1);
		/* JetTerm2(JET_bitTermStopBackup) by the server, once this call
		 * has left the instance (instance_leave) */
		if (f->kind == FAULT_TERMINATE) {
			atomic_store(&inst->stop_backup, 1);
			atomic_store(&inst->terminate_requested, 1);
		}
		if (f->kind == FAULT_SLOW_IO)
			p->delay_ms += f->per_mib ? (unsigned)(f->delay_ms * p->length / (1u << 20))
						  : f->delay_ms;
		record(set, f, p, e);
		if (e && !err)
			err = e;
	}
	if (p->site == FAULT_BACKUP_READ && !err)
		set->backup_bytes += p->length;
	return err;
}
