/*
 * System parameters as data: one row per parameter id with its type,
 * default, bounds, scope and whether it may change once an instance runs.
 * JetSetSystemParameter / JetGetSystemParameter read this table; nothing
 * else in the engine knows parameter ids.
 */
#ifndef SIM_PARAMS_H
#define SIM_PARAMS_H

#include <stdint.h>

enum param_type {
	PARAM_INTEGER,   /* lParam */
	PARAM_BOOLEAN,   /* lParam, stored as 0/1 */
	PARAM_STRING,    /* szParam */
	PARAM_POINTER    /* lParam is a pointer or callback; opaque here */
};

enum param_flags {
	PARAM_GLOBAL = 1,        /* one value per process, not per instance */
	PARAM_RUNTIME = 2,       /* may be set while the instance runs */
	PARAM_READONLY = 4,      /* get only (engine-computed) */
	PARAM_PATH = 8,          /* a folder: stored with a trailing separator */
	PARAM_PATH_OR_FILE = 16, /* a file, or a folder ending in a separator */
};

struct param_def {
	unsigned id;
	const char *name;
	enum param_type type;
	unsigned flags;
	intptr_t default_value;
	const char *default_string;
	intptr_t min, max;       /* accepted range of integer values */
};

/* Largest parameter id + 1 (JET_paramMaxValueInvalid of the engine). */
#define PARAM_ID_LIMIT 193

/* One value per parameter id; strings are owned (UTF-8). */
struct param_values {
	intptr_t value[PARAM_ID_LIMIT];
	char *string[PARAM_ID_LIMIT];
};

const struct param_def *param_lookup(unsigned id);

int param_values_init_defaults(struct param_values *v);
int param_values_copy(struct param_values *to, const struct param_values *from);
void param_values_free(struct param_values *v);

/* Validates against the definition and stores; JET_errInvalidParameter for
 * an unknown id, a value out of range, or a missing string. */
int param_store(struct param_values *v, const struct param_def *def,
		intptr_t value, const char *string);

/* 1 when storing the value would change nothing. */
int param_same(const struct param_values *v, const struct param_def *def, intptr_t value,
	       const char *string);

/* Convenience readers for the engine's own use. */
intptr_t param_int(const struct param_values *v, unsigned id);
const char *param_string(const struct param_values *v, unsigned id);

#endif
