/* esentsim restore: not available yet (the engine has no restore). */
#include "esentsim.h"

#include <stdio.h>
#include <string.h>

#include "jet_values.h"

static const char help[] =
	"usage: esentsim restore SET FOLDER\n"
	"  Would restore the backup set SET into FOLDER and recover it.  Not available\n"
	"  yet: the engine has no restore (JetRestoreInstance answers\n"
	"  JET_errFeatureNotAvailable).\n";

int cmd_restore(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return fputs(help, stdout), 0;
	tool_error("restore is not available yet: the engine has no restore (error %s)",
		   tool_code(JET_errFeatureNotAvailable));
	return 1;
}
