#include "log/log_stream.h"

#include <stdlib.h>
#include <string.h>

#include "jet_values.h"
#include "log/log.h"
#include "os/os.h"

/* Larger than any log file the engine takes (JET_paramLogFileSize). */
#define LOG_FILE_MAX (64u * 1024 * 1024)

struct log_stream {
	os_file *file;
	uint32_t generation;
	uint64_t size, offset;
	uint64_t next;               /* where the next record to check starts */
	int corrupt;                 /* found: every read reports it */
	int ended;                   /* the end record seen: the rest is unused */
	unsigned char *carry;        /* the start of a record cut by a read */
	uint32_t carry_len, carry_cap;
};

int log_stream_open(const char *path, uint32_t expected_generation,
		    const struct signature *expected_signature, struct log_stream **out,
		    uint64_t *size)
{
	struct log_stream *s = calloc(1, sizeof *s);
	unsigned char header[LOG_HEADER_SIZE];
	struct log_header h;
	size_t got = 0;
	int rc;

	if (!s)
		return JET_errOutOfMemory;
	rc = os_file_open(path, OS_OPEN_READ, &s->file);
	if (rc != OS_OK) {
		free(s);
		return rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND ? JET_errFileNotFound
		     : rc == OS_SHARING || rc == OS_ACCESS ? JET_errFileAccessDenied : JET_errDiskIO;
	}
	if (os_file_size(s->file, &s->size) != OS_OK) {
		log_stream_close(s);
		return JET_errDiskIO;
	}
	s->generation = expected_generation;
	s->next = LOG_FIRST_RECORD;
	if (s->size < LOG_HEADER_SIZE || s->size > LOG_FILE_MAX ||
	    os_file_read_at(s->file, 0, header, sizeof header, &got) != OS_OK ||
	    got != sizeof header || log_header_decode(header, &h) ||
	    h.generation != expected_generation ||
	    (expected_signature && !signature_equal(&h.log_signature, expected_signature)))
		s->corrupt = 1;
	else if (h.file_size < s->size)
		s->size = h.file_size;
	*size = s->size;
	*out = s;
	return JET_errSuccess;
}

/* Keeps n more bytes of the record being cut. */
static int carry_add(struct log_stream *s, const unsigned char *p, uint32_t n)
{
	if (s->carry_len + n > s->carry_cap) {
		uint32_t cap = s->carry_len + n < 4096 ? 4096 : s->carry_len + n;
		unsigned char *c = realloc(s->carry, cap);
		if (!c)
			return JET_errOutOfMemory;
		s->carry = c;
		s->carry_cap = cap;
	}
	memcpy(s->carry + s->carry_len, p, n);
	s->carry_len += n;
	return JET_errSuccess;
}

/* The size a record's head announces, once it is plausible: 0 for the
 * zeroed end of the written part, and for a damaged head any size that
 * the record check then refuses. */
static uint32_t announced(const struct log_stream *s, const unsigned char *head)
{
	uint32_t size = get32(head + 4);
	uint64_t room = s->size - s->next;
	if (size < LOG_RECORD_HEADER_SIZE || size > room)
		return LOG_RECORD_HEADER_SIZE;   /* the check sees the damage */
	return size;
}

/* One whole record at p: checked; the end record ends the checking. */
static int check_one(struct log_stream *s, const unsigned char *p, uint32_t have)
{
	struct log_record r;
	uint32_t size = 0;
	int ok = log_record_check(p, have, s->generation, &r, &size);
	/* an archived generation ends with its roll's end record, never with
	 * the zeroed part */
	if (ok <= 0)
		return JET_errLogFileCorrupt;
	if (r.type == LOG_REC_END)
		s->ended = 1;
	s->next += size;
	return JET_errSuccess;
}

/* Checks the records the bytes [at, at + n) complete. */
static int check_bytes(struct log_stream *s, const unsigned char *buf, uint64_t at, uint32_t n)
{
	uint64_t end = at + n;
	int err;
	if (s->carry_len) {
		/* the bytes continue the cut record: its head first, then the
		 * rest of the size the head announces */
		uint32_t used = 0;
		for (;;) {
			uint32_t want = s->carry_len < LOG_RECORD_HEADER_SIZE ? LOG_RECORD_HEADER_SIZE
									      : announced(s, s->carry);
			uint32_t take = want - s->carry_len < n - used ? want - s->carry_len : n - used;
			if (s->carry_len >= want)
				break;
			if (take == 0)
				return JET_errSuccess;   /* still cut: the next read goes on */
			if ((err = carry_add(s, buf + used, take)) != 0)
				return err;
			used += take;
		}
		err = check_one(s, s->carry, s->carry_len);
		s->carry_len = 0;
		if (err)
			return err;
	}
	while (!s->ended && s->next < end) {
		const unsigned char *p = buf + (s->next - at);
		uint32_t have = (uint32_t)(end - s->next);
		if (s->size - s->next < LOG_RECORD_HEADER_SIZE)
			return JET_errLogFileCorrupt;   /* the file ends without its end record */
		if (have < LOG_RECORD_HEADER_SIZE || have < announced(s, p))
			return carry_add(s, p, have);
		if ((err = check_one(s, p, have)) != 0)
			return err;
	}
	return JET_errSuccess;
}

int log_stream_read(struct log_stream *s, void *buf, size_t cb, size_t *got)
{
	uint64_t left = s->size - s->offset;
	size_t n = left < cb ? (size_t)left : cb, done = 0;
	*got = 0;
	if (s->corrupt)
		return JET_errLogFileCorrupt;
	if (n == 0)
		return JET_errSuccess;
	if (os_file_read_at(s->file, s->offset, buf, n, &done) != OS_OK)
		return JET_errDiskIO;
	if (done != n)
		s->corrupt = 1;   /* shorter than it was at open */
	else if (s->offset + n > LOG_FIRST_RECORD && !s->ended) {
		/* the header was checked at open; the records start after it */
		uint64_t from = s->offset > LOG_FIRST_RECORD ? s->offset : LOG_FIRST_RECORD;
		const unsigned char *p = (const unsigned char *)buf + (from - s->offset);
		int err = check_bytes(s, p, from, (uint32_t)(s->offset + n - from));
		if (err == JET_errLogFileCorrupt)
			s->corrupt = 1;
		else if (err)
			return err;
	}
	if (!s->corrupt && s->offset + n == s->size && !s->ended)
		s->corrupt = 1;
	if (s->corrupt)
		return JET_errLogFileCorrupt;
	s->offset += n;
	*got = n;
	return JET_errSuccess;
}

void log_stream_close(struct log_stream *s)
{
	if (s) {
		os_file_close(s->file);
		free(s->carry);
		free(s);
	}
}

int log_verify_file(const char *path, uint32_t expected_generation,
		    const struct signature *expected_signature)
{
	enum { CHUNK = 256 * 1024 };
	struct log_stream *st;
	unsigned char *buf = malloc(CHUNK);
	uint64_t size;
	size_t got = 0;
	int err = buf ? log_stream_open(path, expected_generation, expected_signature, &st, &size)
		      : JET_errOutOfMemory;
	if (err) {
		free(buf);
		return err;
	}
	do
		err = log_stream_read(st, buf, CHUNK, &got);
	while (!err && got);
	log_stream_close(st);
	free(buf);
	return err;
}
