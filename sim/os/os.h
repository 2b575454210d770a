/*
 * The whole of what the engine asks of the operating system: files at
 * offsets, directories, a clock, mutexes and threads.  os_posix.c serves
 * native builds, os_win32.c serves esent.dll (real Win32 file handles, so the
 * tests see Windows' and Wine's semantics).  Paths are UTF-8 throughout.
 */
#ifndef SIM_OS_H
#define SIM_OS_H

#include <stddef.h>
#include <stdint.h>

typedef struct os_file os_file;
typedef struct os_mutex os_mutex;
typedef struct os_thread os_thread;

enum os_open_mode {
	OS_OPEN_READ,          /* existing file, read only, others may write */
	OS_OPEN_READWRITE,     /* existing file */
	OS_OPEN_CREATE,        /* new file; fails if it exists */
	OS_OPEN_TRUNCATE,      /* create or truncate */
	/* as READWRITE and CREATE, but no other handle may write meanwhile
	 * (the engine holds an attached database this way); OS_SHARING if
	 * another already does */
	OS_OPEN_READWRITE_EXCLUSIVE,
	OS_OPEN_CREATE_EXCLUSIVE
};

/* Results of the os_ calls: 0 or one of these. */
enum os_status {
	OS_OK = 0,
	OS_NOT_FOUND = -1,
	OS_EXISTS = -2,
	OS_ACCESS = -3,
	OS_IO = -4,
	OS_NO_MEMORY = -5,
	OS_SHORT = -6,       /* read past end of file */
	OS_DISK_FULL = -7,
	OS_PATH_NOT_FOUND = -8,
	OS_SHARING = -9      /* another handle holds the file exclusively */
};

int os_file_open(const char *path, enum os_open_mode mode, os_file **out);
int os_file_read_at(os_file *f, uint64_t offset, void *buf, size_t len, size_t *done);
int os_file_write_at(os_file *f, uint64_t offset, const void *buf, size_t len);
int os_file_size(os_file *f, uint64_t *size);
int os_file_set_size(os_file *f, uint64_t size);
int os_file_sync(os_file *f);
void os_file_close(os_file *f);

int os_path_exists(const char *path);      /* 1 file, 2 directory, 0 neither */
int os_path_size(const char *path, uint64_t *size);
/* 1 when the file is marked read-only (Windows' attribute, POSIX's write
 * bits), whatever the caller's privileges would let it do. */
int os_path_read_only(const char *path);
int os_remove(const char *path);
int os_rename(const char *from, const char *to);  /* replaces an existing target */
int os_mkdir(const char *path);                   /* OS_EXISTS if it is there */
int os_rmdir(const char *path);                   /* an empty directory */
int os_rename_folder(const char *from, const char *to);   /* target absent */
/* Canonical absolute form of a path (no "." or "..", one separator kind);
 * the file need not exist.  Caller frees. */
char *os_full_path(const char *path);
/* Calls fn for every entry name of a directory (not "." / ".."). */
int os_list_dir(const char *dir, int (*fn)(void *ctx, const char *name), void *ctx);
char os_path_separator(void);
/* Case rules of the platform's file names, for comparing two full paths. */
int os_path_equal(const char *a, const char *b);

/* 100-ns intervals since 1601-01-01 UTC, as a Windows FILETIME. */
uint64_t os_time_now(void);
uint64_t os_monotonic_ms(void);
void os_sleep_ms(unsigned ms);
uint32_t os_process_id(void);
/* Bytes of entropy, good enough for signatures (not for cryptography). */
void os_random(void *buf, size_t len);

int os_mutex_create(os_mutex **out);
void os_mutex_destroy(os_mutex *m);
void os_mutex_lock(os_mutex *m);
void os_mutex_unlock(os_mutex *m);

/* A process-wide mutex made on first use: esent.dll has no start-up hook
 * that may take locks (DllMain may not), so statics are made this way.
 *   static os_lazy_mutex m;  os_lazy_mutex_lock(&m); ... os_mutex_unlock(m.mutex); */
typedef struct os_lazy_mutex { volatile long state; os_mutex *mutex; } os_lazy_mutex;
void os_lazy_mutex_lock(os_lazy_mutex *m);

int os_thread_start(os_thread **out, void (*fn)(void *), void *arg);
void os_thread_join(os_thread *t);

char *os_getenv(const char *name);   /* UTF-8 copy or NULL; caller frees */

#endif
