/* The OS layer on POSIX systems (native builds: unit tests, tools). */
#define _GNU_SOURCE
#include "os/os.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct os_file { int fd; };
struct os_mutex { pthread_mutex_t m; };
struct os_thread { pthread_t t; void (*fn)(void *); void *arg; };

static int status_of_errno(int e)
{
	switch (e) {
	case ENOENT: return OS_NOT_FOUND;
	case ENOTDIR: return OS_PATH_NOT_FOUND;
	case EEXIST: return OS_EXISTS;
	case EACCES: case EPERM: case EROFS: case EISDIR: return OS_ACCESS;
	case ENOMEM: return OS_NO_MEMORY;
	case ENOSPC: return OS_DISK_FULL;
	default: return OS_IO;
	}
}

int os_file_open(const char *path, enum os_open_mode mode, os_file **out)
{
	static const int flags[] = {
		[OS_OPEN_READ] = O_RDONLY,
		[OS_OPEN_READWRITE] = O_RDWR,
		[OS_OPEN_CREATE] = O_RDWR | O_CREAT | O_EXCL,
		[OS_OPEN_TRUNCATE] = O_RDWR | O_CREAT | O_TRUNC,
		[OS_OPEN_READWRITE_EXCLUSIVE] = O_RDWR,
		[OS_OPEN_CREATE_EXCLUSIVE] = O_RDWR | O_CREAT | O_EXCL,
	};
	struct stat st;
	int fd = open(path, flags[mode] | O_CLOEXEC, 0644);
	if (fd < 0)
		return status_of_errno(errno);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return OS_ACCESS;
	}
	/* Windows' deny-write sharing, as an advisory lock other exclusive
	 * opens honour */
	if ((mode == OS_OPEN_READWRITE_EXCLUSIVE || mode == OS_OPEN_CREATE_EXCLUSIVE) &&
	    flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		return e == EWOULDBLOCK ? OS_SHARING : status_of_errno(e);
	}
	*out = malloc(sizeof **out);
	if (!*out) {
		close(fd);
		return OS_NO_MEMORY;
	}
	(*out)->fd = fd;
	return OS_OK;
}

int os_file_read_at(os_file *f, uint64_t offset, void *buf, size_t len, size_t *done)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(f->fd, (char *)buf + got, len - got, (off_t)(offset + got));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return status_of_errno(errno);
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (done)
		*done = got;
	return got == len || done ? OS_OK : OS_SHORT;
}

int os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len)
{
	size_t put = 0;
	while (put < len) {
		ssize_t n = pwrite(f->fd, (const char *)buf + put, len - put, (off_t)(offset + put));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return status_of_errno(errno);
		}
		put += (size_t)n;
	}
	return OS_OK;
}

int os_file_size(os_file *f, uint64_t *size)
{
	struct stat st;
	if (fstat(f->fd, &st) != 0)
		return status_of_errno(errno);
	*size = (uint64_t)st.st_size;
	return OS_OK;
}

int os_file_set_size(os_file *f, uint64_t size)
{
	return ftruncate(f->fd, (off_t)size) == 0 ? OS_OK : status_of_errno(errno);
}

int os_file_sync(os_file *f)
{
	return fdatasync(f->fd) == 0 ? OS_OK : status_of_errno(errno);
}

void os_file_close(os_file *f)
{
	if (f) {
		close(f->fd);
		free(f);
	}
}

int os_path_exists(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 0;
	return S_ISDIR(st.st_mode) ? 2 : 1;
}

int os_path_size(const char *path, uint64_t *size)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return status_of_errno(errno);
	*size = (uint64_t)st.st_size;
	return OS_OK;
}

int os_path_read_only(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH));
}

int os_remove(const char *path)
{
	return unlink(path) == 0 ? OS_OK : status_of_errno(errno);
}

int os_rename(const char *from, const char *to)
{
	return rename(from, to) == 0 ? OS_OK : status_of_errno(errno);
}

int os_rmdir(const char *path)
{
	return rmdir(path) == 0 ? OS_OK : status_of_errno(errno);
}

int os_rename_folder(const char *from, const char *to)
{
	return rename(from, to) == 0 ? OS_OK : status_of_errno(errno);
}

int os_mkdir(const char *path)
{
	return mkdir(path, 0755) == 0 ? OS_OK : status_of_errno(errno);
}

char *os_full_path(const char *path)
{
	char cwd[PATH_MAX];
	size_t n = strlen(path), cap;
	char *joined, *out, *seg, *save;
	size_t len = 0;

	if (path[0] == '/') {
		joined = strdup(path);
	} else {
		if (!getcwd(cwd, sizeof cwd))
			return NULL;
		joined = malloc(strlen(cwd) + n + 2);
		if (joined)
			sprintf(joined, "%s/%s", cwd, path);
	}
	if (!joined)
		return NULL;
	cap = strlen(joined) + 2;
	out = malloc(cap);
	if (!out) {
		free(joined);
		return NULL;
	}
	for (seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			continue;
		}
		out[len++] = '/';
		memcpy(out + len, seg, strlen(seg));
		len += strlen(seg);
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = 0;
	free(joined);
	return out;
}

int os_list_dir(const char *dir, int (*fn)(void *ctx, const char *name), void *ctx)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = OS_OK;
	if (!d)
		return status_of_errno(errno);
	while (rc == OS_OK && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		rc = fn(ctx, e->d_name);
	}
	closedir(d);
	return rc;
}

char os_path_separator(void)
{
	return '/';
}

int os_path_equal(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

uint64_t os_time_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	/* seconds between 1601-01-01 and 1970-01-01 */
	return ((uint64_t)ts.tv_sec + 11644473600ULL) * 10000000ULL + (uint64_t)ts.tv_nsec / 100;
}

uint64_t os_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void os_sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

uint32_t os_process_id(void)
{
	return (uint32_t)getpid();
}

void os_random(void *buf, size_t len)
{
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = f ? fread(buf, 1, len, f) : 0;
	if (f)
		fclose(f);
	for (; got < len; got++)
		((unsigned char *)buf)[got] = (unsigned char)(os_time_now() >> (got % 8));
}

int os_mutex_create(os_mutex **out)
{
	*out = malloc(sizeof **out);
	if (!*out)
		return OS_NO_MEMORY;
	pthread_mutex_init(&(*out)->m, NULL);
	return OS_OK;
}

void os_mutex_destroy(os_mutex *m)
{
	if (m) {
		pthread_mutex_destroy(&m->m);
		free(m);
	}
}

void os_mutex_lock(os_mutex *m)
{
	pthread_mutex_lock(&m->m);
}

void os_mutex_unlock(os_mutex *m)
{
	pthread_mutex_unlock(&m->m);
}

static void *thread_main(void *p)
{
	os_thread *t = p;
	t->fn(t->arg);
	return NULL;
}

int os_thread_start(os_thread **out, void (*fn)(void *), void *arg)
{
	os_thread *t = malloc(sizeof *t);
	if (!t)
		return OS_NO_MEMORY;
	t->fn = fn;
	t->arg = arg;
	if (pthread_create(&t->t, NULL, thread_main, t) != 0) {
		free(t);
		return OS_NO_MEMORY;
	}
	*out = t;
	return OS_OK;
}

void os_thread_join(os_thread *t)
{
	if (t) {
		pthread_join(t->t, NULL);
		free(t);
	}
}

char *os_getenv(const char *name)
{
	const char *v = getenv(name);
	return v ? strdup(v) : NULL;
}
