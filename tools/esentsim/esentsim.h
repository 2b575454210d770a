/*
 * esentsim: a tool for people testing backup clients, built on the engine
 * (sim/).  One file a command; this header is what they share.
 */
#ifndef ESENTSIM_H
#define ESENTSIM_H

#include <stdint.h>

/* One line on stderr, "esentsim: ...". */
void tool_error(const char *fmt, ...);
/* An engine code as "-1022 (JET_errDiskIO)" where the name is known. */
const char *tool_code(int err);
/* "--name" options: 1 and *value (the next argument) when argv[*i] is
 * name and a value follows. */
int tool_option(int argc, char **argv, int *i, const char *name, const char **value);
int tool_number(const char *text, uint32_t *out);

/* An instance on a folder: logs, checkpoint and system files there, the
 * folder's *.edb attached (created folders as needed). */
struct tool_instance {
	uintptr_t inst, ses;
	char folder[1024];
};
int tool_start(struct tool_instance *t, const char *folder, uint32_t log_kib, const char *base,
	       int circular);
int tool_attach_all(struct tool_instance *t);
void tool_stop(struct tool_instance *t);
/* Log generations the instance has written so far (the current one). */
uint32_t tool_generation(struct tool_instance *t);

/* A streamed database copy's last page, the backup's trailer (ESE's
 * PATCHHDR): sealed with the header checksum, as backup/ writes it. */
int tool_is_trailer(const unsigned char *page, uint32_t page_size);

int cmd_create(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

#endif
