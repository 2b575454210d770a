/* A fresh, empty directory per test case, under the test's working
 * directory, so that cases never see each other's files. */
#ifndef SCRATCH_H
#define SCRATCH_H

/* Makes ./<name>/ empty (removing what an earlier run left) and returns its
 * path, valid until the next call. */
const char *scratch_dir(const char *name);
/* path of file inside dir (static buffer, valid until the next call) */
const char *scratch_path(const char *dir, const char *file);

#endif
