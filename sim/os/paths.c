#include "os/paths.h"

#include <stdlib.h>
#include <string.h>

#include "os/os.h"

int path_is_separator(char c)
{
	return c == '/' || c == '\\';
}

char *path_join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	int sep = d > 0 && !path_is_separator(dir[d - 1]);
	char *p = malloc(d + sep + n + 1);
	if (!p)
		return NULL;
	memcpy(p, dir, d);
	if (sep)
		p[d] = os_path_separator();
	memcpy(p + d + sep, name, n + 1);
	return p;
}

char *path_folder(const char *path)
{
	size_t n = strlen(path);
	char *f;
	while (n > 0 && !path_is_separator(path[n - 1]))
		n--;
	f = malloc(n + 3);
	if (!f)
		return NULL;
	if (n == 0) {
		f[0] = '.';
		f[1] = os_path_separator();
		f[2] = 0;
		return f;
	}
	memcpy(f, path, n);
	f[n] = 0;
	return f;
}

int path_make_folders(const char *folder)
{
	return path_make_folders_noting(folder, NULL);
}

int path_make_folders_noting(const char *folder, char **first_made)
{
	size_t n = strlen(folder);
	char *p = malloc(n + 1);
	int rc = OS_OK;
	if (first_made)
		*first_made = NULL;
	if (!p)
		return OS_NO_MEMORY;
	memcpy(p, folder, n + 1);
	/* each prefix that ends just before a separator, then the whole */
	for (size_t i = 1; i <= n && rc == OS_OK; i++) {
		if (i < n && !path_is_separator(p[i]))
			continue;
		char keep = p[i];
		p[i] = 0;
		if (p[i - 1] != ':' && !os_path_exists(p)) {
			rc = os_mkdir(p);
			if (rc == OS_EXISTS)
				rc = OS_OK;
			else if (rc == OS_OK && first_made && !*first_made) {
				*first_made = malloc(i + 1);
				if (*first_made)
					memcpy(*first_made, p, i + 1);
			}
		}
		p[i] = keep;
	}
	free(p);
	return rc;
}

void path_remove_folders(const char *folder, const char *first_made)
{
	size_t n = strlen(folder), top = strlen(first_made);
	char *p = malloc(n + 1);
	if (!p)
		return;
	memcpy(p, folder, n + 1);
	while (n > 0 && path_is_separator(p[n - 1]))
		p[--n] = 0;
	/* from the deepest up to the first one made, each only if empty */
	while (n >= top && os_rmdir(p) == OS_OK) {
		while (n > 0 && !path_is_separator(p[n - 1]))
			n--;
		while (n > 0 && path_is_separator(p[n - 1]))
			n--;
		p[n] = 0;
	}
	free(p);
}
