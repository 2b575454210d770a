/*
 * A workload scenario: what the background writer of an instance does.
 * Users name a scenario file in the environment variable ESENT_SIM_SCENARIO
 * so that an unmodified program sees busy, growing databases and rolling
 * logs.  The file is lines of "key = value"; '#' or ';' starts a comment;
 * an optional "[workload]" header is accepted.
 *
 *   database   = path   database to keep busy; created and attached at
 *                       JetInit if missing (default: the instance's
 *                       attached databases, none created)
 *   rate       = N      page writes per second (default 100, 0 = idle)
 *   bytes      = N      bytes changed per page write (default 256)
 *   grow_every = N      every N writes append grow_pages pages (default 50)
 *   grow_pages = N      (default 4)
 *   max_pages  = N      stop growing at this size (default 16384)
 *   seed       = N      pseudo-random sequence of pages written (default 1)
 *
 * A "[faults]" section, after the workload's keys, makes the engine fail on
 * demand (faults.h); "[workload]" goes back to the workload's keys.  With
 * rate = 0 the writer stays idle and only the faults act.
 */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include <stdint.h>

struct fault_set;

#define SCENARIO_ENV "ESENT_SIM_SCENARIO"

struct scenario {
	char *database;        /* UTF-8 path or NULL */
	uint32_t rate;
	uint32_t bytes;
	uint32_t grow_every;
	uint32_t grow_pages;
	uint32_t max_pages;
	uint32_t seed;
	struct fault_set *faults;   /* the [faults] section, NULL if none */
};

void scenario_defaults(struct scenario *s);
/* Parses scenario text; on a bad line returns JET_errInvalidParameter and
 * the 1-based line number in *bad_line. */
int scenario_parse(const char *text, struct scenario *s, unsigned *bad_line);
/* Reads the file the environment names: 1 if there is one (parsed into s),
 * 0 if the variable is unset, or an error. */
int scenario_from_environment(struct scenario *s);
void scenario_free(struct scenario *s);

#endif
