/*
 * The process's attached files: each file a database (or the temporary
 * database) of an instance uses belongs to that one instance, so no other
 * instance attaches it or makes a database over it.
 */
#include "instance/attached_files.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"
#include "os/os.h"

struct attached_file {
	char *path;
	uintptr_t instance;
	int logged;
};

static struct {
	struct attached_file *list;
	unsigned count, capacity;
} attached;
static os_lazy_mutex attached_mutex;

static int find_attached_locked(const char *path)
{
	for (unsigned i = 0; i < attached.count; i++)
		if (os_path_equal(attached.list[i].path, path))
			return (int)i;
	return -1;
}

int attached_file_claim(const char *path, uintptr_t instance, int logged)
{
	int err = JET_errSuccess;
	char *copy = malloc(strlen(path) + 1);
	os_lazy_mutex_lock(&attached_mutex);
	if (find_attached_locked(path) >= 0) {
		err = JET_errDatabaseSharingViolation;
	} else if (!copy) {
		err = JET_errOutOfMemory;
	} else if (attached.count == attached.capacity) {
		unsigned cap = attached.capacity ? attached.capacity * 2 : 16;
		struct attached_file *l = realloc(attached.list, cap * sizeof *l);
		if (l) {
			attached.list = l;
			attached.capacity = cap;
		} else {
			err = JET_errOutOfMemory;
		}
	}
	if (!err) {
		strcpy(copy, path);
		attached.list[attached.count].path = copy;
		attached.list[attached.count].instance = instance;
		attached.list[attached.count++].logged = logged;
		copy = NULL;
	}
	os_mutex_unlock(attached_mutex.mutex);
	free(copy);
	return err;
}

void attached_file_release(const char *path)
{
	int i;
	os_lazy_mutex_lock(&attached_mutex);
	i = find_attached_locked(path);
	if (i >= 0) {
		free(attached.list[i].path);
		attached.list[i] = attached.list[--attached.count];
	}
	os_mutex_unlock(attached_mutex.mutex);
}

int attached_file_held(const char *path)
{
	int i;
	os_lazy_mutex_lock(&attached_mutex);
	i = find_attached_locked(path);
	os_mutex_unlock(attached_mutex.mutex);
	return i >= 0;
}

int attached_databases_of(uintptr_t instance, char ***paths, unsigned *count)
{
	char **list = NULL;
	unsigned n = 0;
	int err = JET_errSuccess;

	os_lazy_mutex_lock(&attached_mutex);
	list = calloc(attached.count + 1, sizeof *list);
	for (unsigned i = 0; list && !err && i < attached.count; i++) {
		if (attached.list[i].instance != instance || !attached.list[i].logged)
			continue;
		list[n] = malloc(strlen(attached.list[i].path) + 1);
		if (!list[n])
			err = JET_errOutOfMemory;
		else
			strcpy(list[n++], attached.list[i].path);
	}
	os_mutex_unlock(attached_mutex.mutex);
	if (!list)
		err = JET_errOutOfMemory;
	if (err) {
		for (unsigned i = 0; list && i < n; i++)
			free(list[i]);
		free(list);
		return err;
	}
	*paths = list;
	*count = n;
	return JET_errSuccess;
}
