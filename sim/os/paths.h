/* Joining and creating folders the way ESE treats path parameters. */
#ifndef SIM_PATHS_H
#define SIM_PATHS_H

/* dir (ending in a separator or not) + name; malloc'ed. */
char *path_join(const char *dir, const char *name);
/* The folder part of a path ending in a separator, or of a file path. */
char *path_folder(const char *path);
/* Creates the folder and its missing parents. */
int path_make_folders(const char *folder);
/* The same, telling the outermost folder it made (malloc'ed, NULL if none)
 * so that a failure after it can undo it with path_remove_folders. */
int path_make_folders_noting(const char *folder, char **first_made);
/* Removes folder and its parents up to first_made, each while empty. */
void path_remove_folders(const char *folder, const char *first_made);
int path_is_separator(char c);

#endif
