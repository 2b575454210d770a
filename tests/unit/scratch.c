#define _XOPEN_SOURCE 700
#include "scratch.h"

#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

const char *scratch_dir(const char *name)
{
	static char dir[4096];
	snprintf(dir, sizeof dir, "%s", name);
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	mkdir(dir, 0755);
	return dir;
}

const char *scratch_path(const char *dir, const char *file)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	return path;
}
