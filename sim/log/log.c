/*
 * Log files.  The header is ESE's LGFILEHDR (dev/ese/src/inc/log.hxx in the
 * ESE source): 4096 bytes, the fixed part's fields at ESE's offsets and the
 * file type at 667, checksummed like every ESE header.  The records after
 * it are ours, not ESE's segments (no tool reads ESE's log bodies but ESE): a 32-byte head (CRC-32 seeded with the generation, size,
 * type, database, page, dbtime, offset, payload length) and the payload,
 * padded to 8 bytes.  Files are created at their full size, zero-filled, so
 * a zero size field is the end of the written part.
 */
#include "log/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/attach_info.h"
#include "format/dbfile.h"
#include "jet_values.h"
#include "os/paths.h"

/* LGFILEHDR_FIXED offsets */
enum {
	L_CHECKSUM = 0, L_GENERATION = 4, L_SECTOR_SIZE = 8, L_HEADER_SECTORS = 10,
	L_FILE_SECTORS = 12, L_DB_PAGE_SIZE = 14, L_CREATED = 16, L_PREVIOUS_CREATED = 24,
	L_MAJOR = 32, L_MINOR = 36, L_UPDATE_MAJOR = 40, L_SIGNATURE = 44,
	L_DBMS_PARAM = 72, L_FLAGS = 639, L_CHECKPOINT = 640, L_UPDATE_MINOR = 648,
	L_DISK_SECTOR_MISMATCH = 652, L_CHECKSUM_PREVIOUS = 653, L_ENGINE_FORMAT = 661, L_FILETYPE = 667,
	L_ATTACH = 671,   /* LGFILEHDR.rgbAttach */
};
/* the version Windows 10's ESENT writes (sysver.cxx): 8, 4000, 4, 3 */
#define LOG_VERSION_MAJOR 8
#define LOG_VERSION_MINOR 4000
#define LOG_VERSION_UPDATE 4
#define LOG_VERSION_UPDATE_MINOR 3
/* le_efvEngineCurrentDiagnostic: EfvMaxSupported() of the engine that
 * wrote the file; the format version of Windows 10 2004's ESENT, whose
 * log version the header states (the value goese-SRUDB.dat carries) */
#define LOG_ENGINE_FORMAT_VERSION 9180
/* fLGFlags */
#define LOG_FLAG_CIRCULAR 0x02
/* fLGCircularLoggingHistory: set in each new generation whose predecessor
 * had circular logging on now or before (logstream.cxx, LGSetFlagsInLgfilehdrT) */
#define LOG_FLAG_CIRCULAR_HISTORY 0x04
/* The mark of our record format, in the header's padding after the attach
 * area (LGFILEHDR.rgbPadding, 2719..4095, which ESE neither fills nor
 * reads; the header checksum covers it).  A log without it was written by
 * another engine (Windows' ESE, say): its body is not ours to parse, cut
 * or append to. */
#define L_BODY_MARK (LOG_HEADER_SIZE - 16)
static const char body_mark[16] = "CRC32 records 1";

const char *log_extension(const struct log_names *n)
{
	return (n->legacy & JET_bitESE98FileNames) ? ".log" : ".jtx";
}

static char *in_folder(const struct log_names *n, const char *name)
{
	return path_join(n->folder, name);
}

char *log_current_path(const struct log_names *n)
{
	char name[64];
	snprintf(name, sizeof name, "%s%s", n->base, log_extension(n));
	return in_folder(n, name);
}

/* Archived names: five upper-case hex digits while they suffice and 8.3
 * names are asked for (JET_bitEightDotThreeSoftCompat), else eight
 * (engine notes §2.2 item 11). */
static int generation_digits(const struct log_names *n, uint32_t generation)
{
	return (n->legacy & JET_bitEightDotThreeSoftCompat) && generation <= 0xFFFFF ? 5 : 8;
}

char *log_archive_path(const struct log_names *n, uint32_t generation)
{
	char name[64];
	snprintf(name, sizeof name, "%s%0*lX%s", n->base, generation_digits(n, generation),
		 (unsigned long)generation, log_extension(n));
	return in_folder(n, name);
}

char *log_roll_temp_path(const struct log_names *n)
{
	char name[64];
	snprintf(name, sizeof name, "%stmp%s", n->base, log_extension(n));
	return in_folder(n, name);
}

char *log_reserve_path(const struct log_names *n, unsigned index)
{
	char name[64];
	snprintf(name, sizeof name, "%sres%05u.jrs", n->base, index);
	return in_folder(n, name);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parses the digits, then rebuilds the one name this set gives that
 * generation and compares whole paths: only an exact name of the set is
 * ever taken for a log of it. */
static int same_letters(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

int log_name_lacks_generation(const struct log_names *n, const char *path)
{
	size_t len = strlen(path), ext = strlen(log_extension(n)), base = strlen(n->base);
	const char *name = path + len;

	while (name > path && !path_is_separator(name[-1]))
		name--;
	len = strlen(name);
	if (len < ext || !same_letters(name + len - ext, log_extension(n), ext))
		return 0;   /* not a log's name: no generation to parse */
	len -= ext;
	if (len < base || !same_letters(name, n->base, base) ||
	    (len - base != 5 && len - base != 8))
		return 1;
	for (size_t i = base; i < len; i++)
		if (hex_value(name[i]) < 0)
			return 1;
	return 0;
}

uint32_t log_generation_of_path(const struct log_names *n, const char *full_path)
{
	size_t len = strlen(full_path), ext = strlen(log_extension(n)), base = strlen(n->base);
	const char *name = full_path + len;
	uint32_t generation = 0;
	char *canonical;
	int equal;

	while (name > full_path && !path_is_separator(name[-1]))
		name--;
	len = strlen(name);
	if (len != base + 5 + ext && len != base + 8 + ext)
		return 0;
	for (size_t i = base; i < len - ext; i++) {
		int v = hex_value(name[i]);
		if (v < 0)
			return 0;
		generation = generation << 4 | (uint32_t)v;
	}
	if (generation == 0)
		return 0;
	canonical = log_archive_path(n, generation);
	equal = canonical && os_path_equal(canonical, full_path);
	free(canonical);
	return equal ? generation : 0;
}

struct lowest_search {
	const struct log_names *names;
	uint32_t lowest;
};

static int note_generation(void *ctx, const char *name)
{
	struct lowest_search *s = ctx;
	char *path = path_join(s->names->folder, name);
	uint32_t gen = path ? log_generation_of_path(s->names, path) : 0;
	if (gen && (s->lowest == 0 || gen < s->lowest))
		s->lowest = gen;
	free(path);
	return 0;
}

uint32_t log_lowest_archived(const struct log_names *n)
{
	struct lowest_search s = { n, 0 };
	os_list_dir(n->folder, note_generation, &s);
	return s.lowest;
}

/* INST::SaveDBMSParams (jetapi.cxx): paths as ASCII, anything else '?' */
static void put_ascii_path(unsigned char *p, const char *path)
{
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)(path ? path : ""); *s && n < 260; s++) {
		if (*s >= 0x80 && (*s & 0xC0) == 0x80)
			continue;   /* a UTF-8 continuation byte: one '?' per character */
		p[n++] = *s < 0x80 ? *s : '?';
	}
	p[n] = 0;
}

void dbms_param_put(unsigned char *p, const struct dbms_param *d)
{
	memset(p, 0, DBMS_PARAM_SIZE);
	put_ascii_path(p, d->system_path);
	put_ascii_path(p + 261, d->log_path);
	p[522] = d->circular ? 0x1 : 0;   /* fDBMSPARAMCircularLogging */
	put32(p + 523, d->sessions_max);
	put32(p + 527, d->open_tables_max);
	put32(p + 531, d->ver_pages_max);
	put32(p + 535, d->cursors_max);
	put32(p + 539, d->log_buffers);
	put32(p + 543, d->log_sectors);
	put32(p + 547, d->cache_size_max);
}

void log_header_encode(const struct log_header *h, unsigned char *buf)
{
	struct dbms_param dbms = h->dbms;
	memset(buf, 0, LOG_HEADER_SIZE);
	put32(buf + L_GENERATION, h->generation);
	put16(buf + L_SECTOR_SIZE, LOG_SECTOR_SIZE);
	put16(buf + L_HEADER_SECTORS, LOG_HEADER_SIZE / LOG_SECTOR_SIZE);
	put16(buf + L_FILE_SECTORS, (uint16_t)(h->file_size / LOG_SECTOR_SIZE));
	/* ESE writes g_cbPage here (logstream.cxx); 0 is read as 4096 */
	put16(buf + L_DB_PAGE_SIZE, (uint16_t)h->db_page_size);
	memcpy(buf + L_CREATED, h->created.b, LOGTIME_SIZE);
	memcpy(buf + L_PREVIOUS_CREATED, h->previous_created.b, LOGTIME_SIZE);
	put32(buf + L_MAJOR, LOG_VERSION_MAJOR);
	put32(buf + L_MINOR, LOG_VERSION_MINOR);
	put32(buf + L_UPDATE_MAJOR, LOG_VERSION_UPDATE);
	put32(buf + L_UPDATE_MINOR, LOG_VERSION_UPDATE_MINOR);
	signature_put(buf + L_SIGNATURE, &h->log_signature);
	dbms.log_sectors = h->file_size / LOG_SECTOR_SIZE;
	dbms.circular = h->circular;
	dbms_param_put(buf + L_DBMS_PARAM, &dbms);
	buf[L_DISK_SECTOR_MISMATCH] = 0;   /* bTrueDiskSizeUnknown */
	put32(buf + L_ENGINE_FORMAT, LOG_ENGINE_FORMAT_VERSION);
	buf[L_FLAGS] = (h->circular ? LOG_FLAG_CIRCULAR : 0) |
		       (h->circular_history ? LOG_FLAG_CIRCULAR_HISTORY : 0);
	lgpos_put(buf + L_CHECKPOINT, h->checkpoint);
	if (h->attach)
		memcpy(buf + L_ATTACH, h->attach, ATTACH_LIST_SIZE);
	buf[L_FILETYPE] = JET_filetypeLog;
	memcpy(buf + L_BODY_MARK, body_mark, sizeof body_mark);
	put32(buf + L_CHECKSUM, checksum_header(buf, LOG_HEADER_SIZE));
}

int log_header_decode(const unsigned char *buf, struct log_header *h)
{
	uint16_t page_size;
	memset(h, 0, sizeof *h);
	/* a sound header of another kind of file (log.cxx,
	 * ErrLGIReadFileHeader: the file type is checked) */
	if (get32(buf + L_CHECKSUM) == checksum_header(buf, LOG_HEADER_SIZE) &&
	    get32(buf + L_FILETYPE) != JET_filetypeLog && get32(buf + L_FILETYPE) != JET_filetypeUnknown)
		return JET_errFileInvalidType;
	if (get32(buf + L_CHECKSUM) != checksum_header(buf, LOG_HEADER_SIZE) ||
	    buf[L_FILETYPE] != JET_filetypeLog)
		return JET_errLogFileCorrupt;
	/* a sound ESE log header over a body in a format this engine does not
	 * read: ESE's answer to a log format it does not know */
	if (memcmp(buf + L_BODY_MARK, body_mark, sizeof body_mark) != 0 ||
	    get16(buf + L_SECTOR_SIZE) != LOG_SECTOR_SIZE || get32(buf + L_MAJOR) != LOG_VERSION_MAJOR)
		return JET_errBadLogVersion;
	h->generation = get32(buf + L_GENERATION);
	h->file_size = (uint32_t)get16(buf + L_FILE_SECTORS) * LOG_SECTOR_SIZE;
	page_size = get16(buf + L_DB_PAGE_SIZE);
	h->db_page_size = page_size ? page_size : 4096;
	memcpy(h->created.b, buf + L_CREATED, LOGTIME_SIZE);
	memcpy(h->previous_created.b, buf + L_PREVIOUS_CREATED, LOGTIME_SIZE);
	signature_get(buf + L_SIGNATURE, &h->log_signature);
	h->circular = (buf[L_FLAGS] & LOG_FLAG_CIRCULAR) != 0;
	h->circular_history = (buf[L_FLAGS] & LOG_FLAG_CIRCULAR_HISTORY) != 0;
	h->checkpoint = lgpos_get(buf + L_CHECKPOINT);
	if (h->generation == 0 || h->file_size < LOG_HEADER_SIZE * 2)
		return JET_errLogFileCorrupt;
	return JET_errSuccess;
}

int log_file_info_read(const char *path, struct log_file_info *out)
{
	unsigned char buf[LOG_HEADER_SIZE];
	size_t got = 0;
	os_file *f;
	int rc = os_file_open(path, OS_OPEN_READ, &f);

	memset(out, 0, sizeof *out);
	if (rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND) {
		/* ERROR_PATH_NOT_FOUND is JET_errInvalidPath (osfile.cxx) */
		char *folder = path_folder(path);
		int in_folder = !folder || !folder[0] || os_path_exists(folder) == 2;
		free(folder);
		return rc == OS_NOT_FOUND && in_folder ? JET_errFileNotFound : JET_errInvalidPath;
	}
	if (rc == OS_SHARING)
		return JET_errFileAccessDenied;
	if (rc != OS_OK)
		return JET_errFileAccessDenied;
	rc = os_file_read_at(f, 0, buf, sizeof buf, &got);
	os_file_close(f);
	if (rc != OS_OK)
		return JET_errDiskIO;
	/* the header read past the end of the file (osfile.cxx) */
	if (got != sizeof buf)
		return JET_errFileIOBeyondEOF;
	if (get32(buf + L_CHECKSUM) != checksum_header(buf, LOG_HEADER_SIZE))
		return JET_errLogFileCorrupt;
	if (get32(buf + L_FILETYPE) != JET_filetypeUnknown && get32(buf + L_FILETYPE) != JET_filetypeLog)
		return JET_errFileInvalidType;
	/* ErrLGICheckVersionCompatibility: 8.4000, an update we know */
	if (get32(buf + L_MAJOR) != LOG_VERSION_MAJOR || get32(buf + L_MINOR) != LOG_VERSION_MINOR ||
	    get32(buf + L_UPDATE_MAJOR) > LOG_VERSION_UPDATE)
		return JET_errBadLogVersion;
	out->generation = get32(buf + L_GENERATION);
	memcpy(out->signature, buf + L_SIGNATURE, SIGNATURE_SIZE);
	memcpy(out->created.b, buf + L_CREATED, LOGTIME_SIZE);
	memcpy(out->previous_created.b, buf + L_PREVIOUS_CREATED, LOGTIME_SIZE);
	out->flags = buf[L_FLAGS];
	out->major = get32(buf + L_MAJOR);
	out->minor = get32(buf + L_MINOR);
	out->update_major = get32(buf + L_UPDATE_MAJOR);
	out->update_minor = get32(buf + L_UPDATE_MINOR);
	out->sector_size = get16(buf + L_SECTOR_SIZE);
	out->header_sectors = get16(buf + L_HEADER_SECTORS);
	out->file_sectors = get16(buf + L_FILE_SECTORS);
	out->db_page_size = get16(buf + L_DB_PAGE_SIZE);
	memcpy(out->checkpoint, buf + L_CHECKPOINT, sizeof out->checkpoint);
	out->checksum_previous = get64(buf + L_CHECKSUM_PREVIOUS);
	return JET_errSuccess;
}

/* Records */
enum {
	R_CRC = 0, R_SIZE = 4, R_TYPE = 8, R_FLAGS = 9, R_DBID = 10, R_PGNO = 12, R_DBTIME = 16,
	R_OFFSET = 24, R_LENGTH = 28,
};

uint32_t log_record_size(uint32_t payload_length)
{
	return (LOG_RECORD_HEADER_SIZE + payload_length + 7) & ~7u;
}

static void record_encode(const struct log_record *r, uint32_t generation, unsigned char *buf)
{
	uint32_t size = log_record_size(r->length);
	memset(buf, 0, size);
	put32(buf + R_SIZE, size);
	buf[R_TYPE] = r->type;
	buf[R_FLAGS] = r->flags;
	put16(buf + R_DBID, r->dbid);
	put32(buf + R_PGNO, r->pgno);
	put64(buf + R_DBTIME, r->dbtime);
	put16(buf + R_OFFSET, r->offset);
	put32(buf + R_LENGTH, r->length);
	if (r->length)
		memcpy(buf + LOG_RECORD_HEADER_SIZE, r->payload, r->length);
	put32(buf + R_CRC, crc32_of(generation, buf + 4, size - 4));
}

/* 1 valid, 0 the end of the written part, -1 not a valid record. */
static int record_decode(const unsigned char *buf, uint64_t room, uint32_t generation,
			 struct log_record *r, uint32_t *size)
{
	if (room < LOG_RECORD_HEADER_SIZE)
		return 0;
	*size = get32(buf + R_SIZE);
	if (*size == 0 && get32(buf + R_CRC) == 0)
		return 0;
	if (*size < LOG_RECORD_HEADER_SIZE || *size > room || (*size & 7) ||
	    get32(buf + R_CRC) != crc32_of(generation, buf + 4, *size - 4))
		return -1;
	r->type = buf[R_TYPE];
	r->flags = buf[R_FLAGS];
	r->dbid = get16(buf + R_DBID);
	r->pgno = get32(buf + R_PGNO);
	r->dbtime = get64(buf + R_DBTIME);
	r->offset = get16(buf + R_OFFSET);
	r->length = get32(buf + R_LENGTH);
	if (log_record_size(r->length) != *size)
		return -1;
	r->payload = buf + LOG_RECORD_HEADER_SIZE;
	return 1;
}

int log_record_check(const unsigned char *buf, uint64_t room, uint32_t generation,
		     struct log_record *r, uint32_t *size)
{
	return record_decode(buf, room, generation, r, size);
}

/* The writer */
struct log_writer {
	struct log_writer_config c;
	os_file *file;
	struct log_header h;
	uint64_t end;
	int failed;
	struct lgpos checkpoint;
	unsigned char *buf;
	size_t buf_size;
	int (*on_roll)(void *ctx, uint32_t generation);
	void *on_roll_ctx;
	void (*attach_source)(void *ctx, struct lgpos next, unsigned char *list);
	void *attach_ctx;
	unsigned char attach[ATTACH_LIST_SIZE];
	/* the lowest archived generation, kept up to date by rolls and
	 * removals once a folder scan has found it (0: none) */
	uint32_t lowest_archived;
	int lowest_known;
};

static int io_error(int rc)
{
	return rc == OS_DISK_FULL ? JET_errLogDiskFull : JET_errLogWriteFail;
}

/* A new log file at its full size, with its header. */
static int write_new_file(const char *path, const struct log_header *h, os_file **out)
{
	unsigned char header[LOG_HEADER_SIZE];
	os_file *f;
	int rc;
	if (ese_path_is_other_type(path, JET_filetypeLog))
		return JET_errFileInvalidType;
	rc = os_file_open(path, OS_OPEN_TRUNCATE, &f);
	if (rc != OS_OK)
		return rc == OS_PATH_NOT_FOUND ? JET_errInvalidLogDirectory : io_error(rc);
	log_header_encode(h, header);
	rc = os_file_set_size(f, h->file_size);
	if (rc == OS_OK)
		rc = os_file_write_at(f, 0, header, sizeof header);
	if (rc != OS_OK) {
		os_file_close(f);
		os_remove(path);
		return io_error(rc);
	}
	*out = f;
	return JET_errSuccess;
}

/* The header of the generation after `previous`, its checkpoint at
 * `checkpoint` (log_roll, and log_writer_continue after a replay). */
static void header_after(struct log_header *next, const struct log_header *previous,
			 uint32_t file_size, int circular, struct lgpos checkpoint)
{
	*next = *previous;
	next->generation = previous->generation + 1;
	next->previous_created = previous->created;
	next->created = logtime_from_filetime(os_time_now());
	next->file_size = file_size;
	next->circular = circular;
	next->circular_history = previous->circular || previous->circular_history;
	next->checkpoint = checkpoint;
	next->attach = NULL;
}

/* ESE's roll: the next generation is made as <base>tmp.log, synced, then
 * the current log is archived (when `archive` is given) and the new one
 * takes its name; the writer appends to it.  A temporary file of ours
 * left half made is removed; another file under its name is not. */
static int put_new_generation(struct log_writer *w, const struct log_header *h, const char *temp,
			      const char *current, const char *archive)
{
	os_file *f = NULL;
	int err = write_new_file(temp, h, &f);
	if (!err && w->c.sync && os_file_sync(f) != OS_OK)
		err = JET_errLogWriteFail;
	if (f)
		os_file_close(f);
	if (err) {
		if (f)
			os_remove(temp);
		return err;
	}
	if (w->file)
		os_file_close(w->file);
	w->file = NULL;
	if ((archive && os_rename(current, archive) != OS_OK) || os_rename(temp, current) != OS_OK ||
	    os_file_open(current, OS_OPEN_READWRITE, &w->file) != OS_OK)
		return JET_errLogWriteFail;
	return JET_errSuccess;
}

static struct log_writer *writer_new(const struct log_writer_config *c)
{
	struct log_writer *w = calloc(1, sizeof *w);
	if (w)
		w->c = *c;
	return w;
}

int log_writer_create(const struct log_writer_config *c, struct log_writer **out)
{
	struct log_writer *w = writer_new(c);
	char *path = log_current_path(c->names);
	int err;

	if (!w || !path) {
		free(w);
		free(path);
		return JET_errOutOfMemory;
	}
	signature_new(&w->h.log_signature);
	w->h.generation = 1;
	w->h.created = logtime_from_filetime(os_time_now());
	w->h.file_size = c->file_size;
	w->h.db_page_size = c->db_page_size;
	w->h.circular = c->circular;
	w->h.checkpoint = lgpos_at(1, LOG_FIRST_RECORD);
	w->h.dbms = c->dbms;
	err = write_new_file(path, &w->h, &w->file);
	free(path);
	if (err) {
		free(w);
		return err;
	}
	w->end = LOG_FIRST_RECORD;
	*out = w;
	return JET_errSuccess;
}

int log_writer_resume(const struct log_writer_config *c, const struct log_header *h, uint64_t end,
		      struct log_writer **out)
{
	struct log_writer *w = writer_new(c);
	char *path = log_current_path(c->names);
	int rc;

	if (!w || !path) {
		free(w);
		free(path);
		return JET_errOutOfMemory;
	}
	rc = os_file_open(path, OS_OPEN_READWRITE, &w->file);
	free(path);
	if (rc != OS_OK) {
		free(w);
		return rc == OS_NOT_FOUND ? JET_errMissingLogFile : io_error(rc);
	}
	w->h = *h;
	w->h.dbms = c->dbms;
	/* the size it was made with stays the size of this generation */
	w->c.file_size = h->file_size;
	w->end = end;
	*out = w;
	return JET_errSuccess;
}

int log_writer_continue(const struct log_writer_config *c, const struct log_header *previous,
			const unsigned char *attach, struct lgpos checkpoint,
			struct log_writer **out)
{
	struct log_writer *w = writer_new(c);
	char *current = log_current_path(c->names);
	char *temp = log_roll_temp_path(c->names);
	int err = !w || !current || !temp ? JET_errOutOfMemory : JET_errSuccess;

	if (!err && os_path_exists(current))
		err = JET_errInvalidLogSequence;   /* never over a log of its own */
	if (!err) {
		/* the size of the set it continues, as ESE's recovery keeps it
		 * (m_lLogFileSizeDuringRecovery) */
		w->c.file_size = previous->file_size;
		header_after(&w->h, previous, previous->file_size, c->circular, checkpoint);
		w->h.dbms = c->dbms;
		if (attach) {
			memcpy(w->attach, attach, ATTACH_LIST_SIZE);
			w->h.attach = w->attach;
		}
		err = put_new_generation(w, &w->h, temp, current, NULL);
	}
	free(current);
	free(temp);
	if (err) {
		if (w && w->file)
			os_file_close(w->file);
		free(w);
		return err;
	}
	w->h.attach = NULL;
	w->end = LOG_FIRST_RECORD;
	*out = w;
	return JET_errSuccess;
}

void log_writer_close(struct log_writer *w)
{
	if (w) {
		if (w->file) {
			os_file_sync(w->file);
			os_file_close(w->file);
		}
		free(w->buf);
		free(w);
	}
}

static int write_record(struct log_writer *w, const struct log_record *r)
{
	uint32_t size = log_record_size(r->length);
	int rc;
	if (w->failed || !w->file)
		return JET_errLogWriteFail;
	if (size > w->buf_size) {
		unsigned char *b = realloc(w->buf, size);
		if (!b)
			return JET_errOutOfMemory;
		w->buf = b;
		w->buf_size = size;
	}
	record_encode(r, w->h.generation, w->buf);
	rc = os_file_write_at(w->file, w->end, w->buf, size);
	if (rc != OS_OK) {
		w->failed = 1;
		return io_error(rc);
	}
	w->end += size;
	return JET_errSuccess;
}

int log_roll(struct log_writer *w)
{
	static const struct log_record end_record = { .type = LOG_REC_END };
	struct log_header next;
	char *current = log_current_path(w->c.names);
	char *archive = log_archive_path(w->c.names, w->h.generation);
	char *temp = log_roll_temp_path(w->c.names);
	int err = JET_errSuccess;

	if (w->failed)
		err = JET_errLogWriteFail;
	else if (!current || !archive || !temp)
		err = JET_errOutOfMemory;
	if (!err)
		err = write_record(w, &end_record);
	if (!err && os_file_sync(w->file) != OS_OK)
		err = JET_errLogWriteFail;
	header_after(&next, &w->h, w->c.file_size, w->c.circular, w->checkpoint);
	if (w->attach_source) {
		w->attach_source(w->attach_ctx, lgpos_at(next.generation, LOG_FIRST_RECORD), w->attach);
		next.attach = w->attach;
	}
	/* the archive's name is taken by a file the roll would replace */
	if (!err && ese_path_is_other_type(archive, JET_filetypeLog))
		err = JET_errFileInvalidType;
	if (!err)
		err = put_new_generation(w, &next, temp, current, archive);
	free(current);
	free(archive);
	free(temp);
	if (err) {
		w->failed = 1;
		return err;
	}
	if (w->lowest_known && w->lowest_archived == 0)
		w->lowest_archived = w->h.generation;
	w->h = next;
	w->end = LOG_FIRST_RECORD;
	if (w->on_roll)
		err = w->on_roll(w->on_roll_ctx, w->h.generation);
	return err;
}

int log_append(struct log_writer *w, const struct log_record *r, struct lgpos *at)
{
	uint32_t size = log_record_size(r->length);
	int err;
	if (w->failed)
		return JET_errLogWriteFail;
	/* room is kept for the end record a roll writes */
	if (w->end + size + LOG_RECORD_HEADER_SIZE > w->h.file_size) {
		if (LOG_FIRST_RECORD + size + LOG_RECORD_HEADER_SIZE > w->c.file_size)
			return JET_errLogBufferTooSmall;
		err = log_roll(w);
		if (err)
			return err;
	}
	if (at)
		*at = lgpos_at(w->h.generation, w->end);
	return write_record(w, r);
}

int log_flush(struct log_writer *w)
{
	if (w->failed || !w->file)
		return JET_errLogWriteFail;
	return os_file_sync(w->file) == OS_OK ? JET_errSuccess : JET_errLogWriteFail;
}

int log_failed(const struct log_writer *w)
{
	return w->failed || !w->file;
}

void log_set_failed(struct log_writer *w)
{
	w->failed = 1;
}

uint32_t log_generation(const struct log_writer *w)
{
	return w->h.generation;
}

void log_set_attach_source(struct log_writer *w,
			   void (*fn)(void *ctx, struct lgpos next, unsigned char *list), void *ctx)
{
	w->attach_source = fn;
	w->attach_ctx = ctx;
}

uint32_t log_file_size(const struct log_writer *w)
{
	return w->h.file_size;
}

struct lgpos log_end(const struct log_writer *w)
{
	return lgpos_at(w->h.generation, w->end);
}

const struct signature *log_signature(const struct log_writer *w)
{
	return &w->h.log_signature;
}

struct logtime log_created(const struct log_writer *w)
{
	return w->h.created;
}

void log_set_checkpoint(struct log_writer *w, struct lgpos checkpoint)
{
	w->checkpoint = checkpoint;
}

/* The folder is scanned once; after that the answer costs one look at
 * the file it names, whatever the number of generations.  A log deleted
 * behind the engine's back is seen missing and the folder scanned again. */
uint32_t log_writer_lowest_archived(struct log_writer *w)
{
	if (w->lowest_known && w->lowest_archived) {
		char *path = log_archive_path(w->c.names, w->lowest_archived);
		if (!path || os_path_exists(path) != 1)
			w->lowest_known = 0;
		free(path);
	}
	if (!w->lowest_known) {
		w->lowest_archived = log_lowest_archived(w->c.names);
		w->lowest_known = 1;
	}
	return w->lowest_archived;
}

int log_remove_archived(struct log_writer *w, uint32_t generation)
{
	char *path = log_archive_path(w->c.names, generation);
	int rc = path ? os_remove(path) : OS_NO_MEMORY;
	free(path);
	if ((rc == OS_OK || rc == OS_NOT_FOUND) && w->lowest_known &&
	    generation == w->lowest_archived)
		w->lowest_archived = generation + 1 < w->h.generation ? generation + 1 : 0;
	return rc;
}

void log_on_roll(struct log_writer *w, int (*fn)(void *ctx, uint32_t generation), void *ctx)
{
	w->on_roll = fn;
	w->on_roll_ctx = ctx;
}

/* The reader: a whole log file in memory (at most JET_paramLogFileSize,
 * 32 MiB), walked record by record. */
struct log_reader {
	unsigned char *data;
	uint64_t size;
	uint64_t pos;
	int current;
	int saw_end;
	struct log_header h;
};

int log_reader_open(const char *path, int current, struct log_reader **out)
{
	struct log_reader *r = calloc(1, sizeof *r);
	os_file *f = NULL;
	size_t got = 0;
	int rc, err = JET_errSuccess;

	if (!r)
		return JET_errOutOfMemory;
	rc = os_file_open(path, OS_OPEN_READ, &f);
	if (rc != OS_OK) {
		free(r);
		return rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND ? JET_errFileNotFound
		     : rc == OS_SHARING || rc == OS_ACCESS ? JET_errFileAccessDenied : JET_errDiskIO;
	}
	if (os_file_size(f, &r->size) != OS_OK)
		err = JET_errDiskIO;
	else if (r->size < LOG_HEADER_SIZE || r->size > 64u * 1024 * 1024)
		err = JET_errLogFileCorrupt;
	else if (!(r->data = malloc((size_t)r->size)))
		err = JET_errOutOfMemory;
	else if (os_file_read_at(f, 0, r->data, (size_t)r->size, &got) != OS_OK || got != r->size)
		err = JET_errDiskIO;
	else
		err = log_header_decode(r->data, &r->h);
	os_file_close(f);
	/* logs are made at their full size: any other size is damage, not a
	 * torn write (logstream.cxx, ErrLGOpenLogFile's size check) */
	if (!err && r->h.file_size != r->size)
		err = JET_errLogFileSizeMismatch;
	if (err) {
		free(r->data);
		free(r);
		return err;
	}
	r->pos = LOG_FIRST_RECORD;
	r->current = current;
	*out = r;
	return JET_errSuccess;
}

const struct log_header *log_reader_header(const struct log_reader *r)
{
	return &r->h;
}

int log_reader_next(struct log_reader *r, struct log_record *rec, struct lgpos *at)
{
	uint32_t size = 0;
	int ok;
	if (r->saw_end)
		return 0;
	ok = record_decode(r->data + r->pos, r->size - r->pos, r->h.generation, rec, &size);
	if (ok < 0)
		return r->current ? 0 : JET_errLogFileCorrupt;   /* a torn tail ends the live log */
	if (ok == 0)
		return 0;
	if (rec->type == LOG_REC_END) {
		r->saw_end = 1;
		return 0;
	}
	if (at)
		*at = lgpos_at(r->h.generation, r->pos);
	r->pos += size;
	return 1;
}

uint64_t log_reader_end(const struct log_reader *r)
{
	return r->pos;
}

int log_reader_saw_end_record(const struct log_reader *r)
{
	return r->saw_end;
}

void log_reader_close(struct log_reader *r)
{
	if (r) {
		free(r->data);
		free(r);
	}
}
