/* esentsim create and run: an instance folder made, then kept busy. */
#include "esentsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/database.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "os/os.h"
#include "workload/scenario.h"
#include "workload/workload.h"

static const char create_help[] =
	"usage: esentsim create FOLDER [--databases N] [--pages N] [--generations N]\n"
	"                       [--log-kib N] [--base NAME] [--circular]\n"
	"  Makes an instance in FOLDER: N databases db1.edb.. (default 1) of the given\n"
	"  data pages each (default 256, 4 KiB pages), and changes written until the\n"
	"  log set has the given number of generations (default 3; logs of --log-kib,\n"
	"  default the engine's, base name --base, default edb).  The instance is shut\n"
	"  down cleanly.\n";

static const char run_help[] =
	"usage: esentsim run FOLDER [--seconds N | --generations N] [--rate N] [--log-kib N]\n"
	"  Starts the instance of FOLDER with its databases attached and a workload\n"
	"  writing --rate pages a second (default 1000) for N seconds (default 5) or\n"
	"  until N more log generations exist.  ESENT_SIM_SCENARIO, when set, applies\n"
	"  as in any program (its [faults] included).\n";

/* Runs a workload until the generation is reached or the time is up. */
static int keep_busy(struct tool_instance *t, uint32_t rate, uint32_t seconds, uint32_t gen)
{
	struct scenario s;
	struct workload *w = NULL;
	struct instance *in;
	uint64_t until = os_monotonic_ms() + (uint64_t)seconds * 1000;
	int err;

	scenario_defaults(&s);
	s.rate = rate;
	s.bytes = 1024;
	err = instance_enter(t->inst, 0, &in);
	if (err)
		return err;
	err = workload_start(in, &s, &w);
	instance_leave(in, 0);
	if (err)
		return err;
	while (gen ? tool_generation(t) < gen : os_monotonic_ms() < until)
		os_sleep_ms(20);
	workload_stop(w);
	return JET_errSuccess;
}

int cmd_create(int argc, char **argv)
{
	uint32_t databases = 1, pages = 256, generations = 3, log_kib = 0;
	const char *folder = NULL, *base = NULL, *v;
	int circular = 0, err = 0;
	struct tool_instance t;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			fputs(create_help, stdout);
			return 0;
		} else if (tool_option(argc, argv, &i, "--databases", &v)) {
			if (!tool_number(v, &databases) || databases < 1 || databases > 6)
				return tool_error("--databases: 1 to 6"), 2;
		} else if (tool_option(argc, argv, &i, "--pages", &v)) {
			if (!tool_number(v, &pages) || pages < 64)
				return tool_error("--pages: at least 64"), 2;
		} else if (tool_option(argc, argv, &i, "--generations", &v)) {
			if (!tool_number(v, &generations) || generations < 1)
				return tool_error("--generations: at least 1"), 2;
		} else if (tool_option(argc, argv, &i, "--log-kib", &v)) {
			if (!tool_number(v, &log_kib))
				return tool_error("--log-kib: a number"), 2;
		} else if (tool_option(argc, argv, &i, "--base", &base)) {
		} else if (strcmp(argv[i], "--circular") == 0) {
			circular = 1;
		} else if (!folder && argv[i][0] != '-') {
			folder = argv[i];
		} else {
			return tool_error("create: unknown argument %s", argv[i]), 2;
		}
	}
	if (!folder)
		return fputs(create_help, stderr), 2;
	if (os_path_exists(folder)) {
		/* never over existing files: they are not ours to change */
		tool_error("%s exists already; create makes a new folder", folder);
		return 1;
	}
	if (tool_start(&t, folder, log_kib, base, circular))
		return 1;
	for (uint32_t n = 1; n <= databases && !err; n++) {
		char path[1100];
		uint32_t dbid, actual;
		snprintf(path, sizeof path, "%sdb%u.edb", t.folder, n);
		err = sim_create_database(t.ses, path, 0, 0, &dbid);
		if (!err)
			err = sim_grow_database(t.ses, dbid, pages, &actual);
		if (err)
			tool_error("%s: error %s", path, tool_code(err));
	}
	if (!err)
		err = keep_busy(&t, 5000, 0, generations);
	tool_stop(&t);
	if (!err)
		printf("created %s: %u database(s) of %u pages, %u log generation(s)\n", folder,
		       databases, pages, generations);
	return err ? 1 : 0;
}

int cmd_run(int argc, char **argv)
{
	uint32_t seconds = 5, more = 0, rate = 1000, log_kib = 0;
	const char *folder = NULL, *v;
	struct tool_instance t;
	int err;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			fputs(run_help, stdout);
			return 0;
		} else if (tool_option(argc, argv, &i, "--seconds", &v)) {
			if (!tool_number(v, &seconds))
				return tool_error("--seconds: a number"), 2;
		} else if (tool_option(argc, argv, &i, "--generations", &v)) {
			if (!tool_number(v, &more) || more < 1)
				return tool_error("--generations: at least 1"), 2;
		} else if (tool_option(argc, argv, &i, "--rate", &v)) {
			if (!tool_number(v, &rate))
				return tool_error("--rate: a number"), 2;
		} else if (tool_option(argc, argv, &i, "--log-kib", &v)) {
			if (!tool_number(v, &log_kib))
				return tool_error("--log-kib: a number"), 2;
		} else if (!folder && argv[i][0] != '-') {
			folder = argv[i];
		} else {
			return tool_error("run: unknown argument %s", argv[i]), 2;
		}
	}
	if (!folder)
		return fputs(run_help, stderr), 2;
	if (os_path_exists(folder) != 2)
		return tool_error("%s: no such folder", folder), 1;
	if (tool_start(&t, folder, log_kib, NULL, 0))
		return 1;
	err = tool_attach_all(&t);
	if (!err) {
		uint32_t from = tool_generation(&t);
		err = keep_busy(&t, rate, seconds, more ? from + more : 0);
		if (!err)
			printf("ran %s: log generations %u to %u\n", folder, from, tool_generation(&t));
	}
	tool_stop(&t);
	return err ? 1 : 0;
}
