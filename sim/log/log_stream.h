/*
 * An archived log read in order into the reader's own buffers (backup's
 * JetReadFile), each record checked as the bytes pass: the file is read
 * once and never copied.  A record cut by the end of one read is checked
 * at the next, from the few bytes kept of it.
 */
#ifndef SIM_LOG_STREAM_H
#define SIM_LOG_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "format/format.h"

struct log_stream;

/* Opens the log and reads its header: JET_errFileNotFound,
 * JET_errFileAccessDenied, JET_errDiskIO, JET_errOutOfMemory.  A damaged
 * header, another generation or another signature (NULL: any) is no error
 * here: the first read reports it.  *size is what the reads deliver. */
int log_stream_open(const char *path, uint32_t expected_generation,
		    const struct signature *expected_signature, struct log_stream **out,
		    uint64_t *size);
/* The next bytes, at most cb, into buf; *got 0 at the end.
 * JET_errLogFileCorrupt from the read that meets the damage (the last
 * read, for a log without the end record of its roll), JET_errDiskIO. */
int log_stream_read(struct log_stream *s, void *buf, size_t cb, size_t *got);
void log_stream_close(struct log_stream *s);

/* Reads a whole archived log and checks header and every record:
 * JET_errSuccess, JET_errLogFileCorrupt, JET_errFileNotFound. */
int log_verify_file(const char *path, uint32_t expected_generation,
		    const struct signature *expected_signature);

#endif
