#include "workload/scenario.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "jet_values.h"
#include "os/os.h"
#include "workload/faults.h"

void scenario_defaults(struct scenario *s)
{
	memset(s, 0, sizeof *s);
	s->rate = 100;
	s->bytes = 256;
	s->grow_every = 50;
	s->grow_pages = 4;
	s->max_pages = 16384;
	s->seed = 1;
}

void scenario_free(struct scenario *s)
{
	free(s->database);
	s->database = NULL;
	faults_free(s->faults);
	s->faults = NULL;
}

static char *trim(char *s)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = 0;
	return s;
}

static int parse_number(const char *v, uint32_t *out)
{
	char *end;
	unsigned long n;
	if (!*v || !isdigit((unsigned char)*v))
		return 0;
	n = strtoul(v, &end, 10);
	if (*end || n > UINT32_MAX)
		return 0;
	*out = (uint32_t)n;
	return 1;
}

static int apply(struct scenario *s, const char *key, const char *value)
{
	static const struct { const char *key; size_t offset; } numbers[] = {
		{ "rate", offsetof(struct scenario, rate) },
		{ "bytes", offsetof(struct scenario, bytes) },
		{ "grow_every", offsetof(struct scenario, grow_every) },
		{ "grow_pages", offsetof(struct scenario, grow_pages) },
		{ "max_pages", offsetof(struct scenario, max_pages) },
		{ "seed", offsetof(struct scenario, seed) },
	};
	if (strcmp(key, "database") == 0) {
		char *copy = malloc(strlen(value) + 1);
		if (!copy || !*value) {
			free(copy);
			return 0;
		}
		strcpy(copy, value);
		free(s->database);
		s->database = copy;
		return 1;
	}
	for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
		if (strcmp(key, numbers[i].key) == 0)
			return parse_number(value, (uint32_t *)((char *)s + numbers[i].offset));
	return 0;
}

int scenario_parse(const char *text, struct scenario *s, unsigned *bad_line)
{
	char *copy = malloc(strlen(text) + 1), *line, *next;
	unsigned number = 0;
	int err = JET_errSuccess, in_faults = 0;

	scenario_defaults(s);
	if (!copy)
		return JET_errOutOfMemory;
	strcpy(copy, text);
	for (line = copy; line && !err; line = next) {
		char *eq, *body;
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		number++;
		body = line + strcspn(line, "#;");
		*body = 0;
		body = trim(line);
		if (!*body)
			continue;
		if (strcmp(body, "[workload]") == 0 || strcmp(body, "[faults]") == 0) {
			in_faults = body[1] == 'f';
			continue;
		}
		eq = strchr(body, '=');
		if (eq) {
			*eq = 0;
			if (in_faults ? faults_parse_line(&s->faults, trim(body), trim(eq + 1)) == 0
				      : apply(s, trim(body), trim(eq + 1)))
				continue;
		}
		err = JET_errInvalidParameter;
		if (bad_line)
			*bad_line = number;
	}
	free(copy);
	if (!err && s->bytes == 0)
		err = JET_errInvalidParameter;
	if (err)
		scenario_free(s);
	return err;
}

int scenario_from_environment(struct scenario *s)
{
	char *path = os_getenv(SCENARIO_ENV), *text = NULL;
	os_file *f = NULL;
	uint64_t size = 0;
	int err;

	if (!path || !*path) {
		free(path);
		return 0;
	}
	err = os_file_open(path, OS_OPEN_READ, &f) == OS_OK && os_file_size(f, &size) == OS_OK &&
			      size < (1u << 20)
		      ? JET_errSuccess : JET_errFileNotFound;
	if (!err) {
		text = calloc(1, (size_t)size + 1);
		if (!text || os_file_read_at(f, 0, text, (size_t)size, NULL) != OS_OK)
			err = JET_errDiskIO;
	}
	os_file_close(f);
	free(path);
	if (!err)
		err = scenario_parse(text, s, NULL);
	free(text);
	return err ? err : 1;
}
