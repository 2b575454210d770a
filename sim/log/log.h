/*
 * The transaction log of an instance: a set of fixed-size files, the
 * current one `<base>.log` and the archived generations
 * `<base>XXXXX.log`, each starting with an ESE-shaped header and holding
 * checksummed records.  Every change to a database is a record here before
 * it reaches the database file (write-ahead), so replaying the records from
 * the checkpoint rebuilds every database (recovery.c).
 */
#ifndef SIM_LOG_H
#define SIM_LOG_H

#include <stdint.h>

#include "format/format.h"
#include "os/os.h"

struct log_names {
	char *folder;            /* full path, ending in a separator */
	char base[16];           /* JET_paramBaseName: 3 characters, UTF-8 */
	unsigned legacy;         /* JET_paramLegacyFileNames bits */
};

/* File names of the log set (malloc'ed full paths). */
char *log_current_path(const struct log_names *n);
char *log_archive_path(const struct log_names *n, uint32_t generation);
char *log_roll_temp_path(const struct log_names *n);     /* <base>tmp.log */
char *log_reserve_path(const struct log_names *n, unsigned index);  /* from 1 */
/* The generation an archived log's full path names in this set, or 0. */
uint32_t log_generation_of_path(const struct log_names *n, const char *full_path);
const char *log_extension(const struct log_names *n);    /* ".log" or ".jtx" */
/* 1 when a path ending in the log extension names no generation, as ESE's
 * parser of log file names decides (logutil.cxx,
 * LGFileHelper::ErrLGGetGeneration, JET_errInvalidParameter): the base
 * name, then 5 or 8 hex digits, whatever the folder and the letter case.
 * `edb.log` itself is such a name. */
int log_name_lacks_generation(const struct log_names *n, const char *path);
/* The lowest archived generation in the folder, 0 if there is none. */
uint32_t log_lowest_archived(const struct log_names *n);

/* ESE's DBMS_PARAM (daedef.hxx), the instance's settings as INST::
 * SaveDBMSParams records them in every log header and in the checkpoint:
 * the system and log paths (for display), circular logging, and the
 * resource limits.  567 bytes. */
struct dbms_param {
	const char *system_path, *log_path;   /* UTF-8; shown as ASCII ('?') */
	int circular;
	uint32_t sessions_max, open_tables_max, ver_pages_max, cursors_max;
	uint32_t log_buffers, log_sectors, cache_size_max;
};
#define DBMS_PARAM_SIZE 567
void dbms_param_put(unsigned char *p, const struct dbms_param *d);

/* What the header of every log file says. */
struct log_header {
	uint32_t generation;
	struct signature log_signature;
	struct logtime created, previous_created;
	uint32_t file_size;          /* bytes of the whole file */
	uint32_t db_page_size;
	uint32_t circular;           /* written with circular logging on */
	uint32_t circular_history;   /* an earlier generation had it on */
	struct lgpos checkpoint;     /* the checkpoint when the file was made */
	struct dbms_param dbms;      /* written, not read back */
	/* rgbAttach: the databases attached when the file was made
	 * (format/attach_info.h), ATTACH_LIST_SIZE bytes; NULL: none.
	 * Written, not read back. */
	const unsigned char *attach;
};
#define LOG_HEADER_SIZE 4096
/* The first record of every generation starts here. */
#define LOG_FIRST_RECORD LOG_HEADER_SIZE

void log_header_encode(const struct log_header *h, unsigned char *buf);
/* JET_errLogFileCorrupt unless buf holds a valid ESE log header;
 * JET_errBadLogVersion for a log whose body is not in our record format
 * (one written by Windows' ESE): it is refused, never parsed or cut. */
int log_header_decode(const unsigned char *buf, struct log_header *h);

/* The header of any ESE log file as JetGetLogFileInfo reports it: ESE's
 * fields as stored, whoever wrote the body (Windows' logs too). */
struct log_file_info {
	uint32_t generation;
	unsigned char signature[SIGNATURE_SIZE];
	struct logtime created, previous_created;
	uint32_t flags;                     /* fLGFlags */
	uint32_t major, minor, update_major, update_minor;
	uint32_t sector_size, header_sectors, file_sectors, db_page_size;
	unsigned char checkpoint[8];        /* LE_LGPOS as stored */
	uint64_t checksum_previous;         /* checksumPrevLogAllSegments */
};
/* Reads the header of the file at path, as ESE's ErrLGIReadFileHeader
 * checks it (log.cxx): JET_errFileNotFound, JET_errFileIOBeyondEOF for a
 * file shorter than a header, JET_errLogFileCorrupt (checksum),
 * JET_errFileInvalidType (a sound header of another file type),
 * JET_errBadLogVersion (a log format the engine does not read). */
int log_file_info_read(const char *path, struct log_file_info *out);

enum log_record_type {
	LOG_REC_INIT = 1,     /* the instance started */
	LOG_REC_TERM = 2,     /* clean shutdown: no database attached */
	LOG_REC_ATTACH = 3,   /* dbid, page size in pgno, payload: signature + path */
	LOG_REC_DETACH = 4,   /* dbid */
	LOG_REC_PAGE = 5,     /* dbid, pgno, dbtime, offset: bytes to put in the page */
	LOG_REC_GROW = 6,     /* dbid, pgno: the file now ends after this page */
	LOG_REC_BACKUP = 7,   /* offset: enum log_backup_mark */
	LOG_REC_END = 8,      /* this generation is complete */
	LOG_REC_CREATE = 9,   /* dbid, page size in pgno, payload: signature + path */
	/* the end of a recovery that detaches its databases, as ESE logs it
	 * (logredo.cxx, ErrLGRRedo and ErrLGRIEndAllSessions): the undo's
	 * start (lrtypRecoveryUndo2), the point the databases are consistent
	 * at (lrtypShutDownMark, io.cxx ErrIOTerm), then recovery over, no
	 * database attached (lrtypRecoveryQuit2; flags: LOG_QUIT_HARD) */
	LOG_REC_RECOVERY_UNDO = 10,
	LOG_REC_SHUTDOWN_MARK = 11,
	LOG_REC_RECOVERY_QUIT = 12,
};

/* LOG_REC_RECOVERY_QUIT's flags: the recovery was a restore's; it left
 * its databases attached to the instance (lrtypRecoveryQuitKeepAttachments,
 * no shutdown mark before it) */
#define LOG_QUIT_HARD 0x01
#define LOG_QUIT_KEEP_ATTACHMENTS 0x02

enum log_backup_mark { LOG_BACKUP_BEGIN = 1, LOG_BACKUP_PREPARE = 2, LOG_BACKUP_STOP = 3 };

struct log_record {
	uint8_t type;
	uint8_t flags;
	uint16_t dbid;
	uint32_t pgno;
	uint64_t dbtime;
	uint16_t offset;
	uint32_t length;             /* payload bytes */
	const unsigned char *payload;
};
#define LOG_RECORD_HEADER_SIZE 32
uint32_t log_record_size(uint32_t payload_length);

/* The writer: the current generation, open for appending. */
struct log_writer;

struct log_writer_config {
	const struct log_names *names;
	uint32_t file_size;          /* JET_paramLogFileSize in bytes */
	uint32_t db_page_size;
	int circular;
	int sync;                    /* flush to the device at each roll */
	struct dbms_param dbms;      /* for the headers (log_sectors: set here) */
};

/* Starts a new log set at generation 1 with a new signature. */
int log_writer_create(const struct log_writer_config *c, struct log_writer **out);
/* Continues the current log <base>.log after its last record at end. */
int log_writer_resume(const struct log_writer_config *c, const struct log_header *h,
		      uint64_t end, struct log_writer **out);
/* Starts generation previous->generation + 1 of previous's log set as
 * <base>.log where there is no current log: a restore's own log after the
 * last generation it replayed (logstream.cxx, LOG_STREAM::ErrLGRStartNewLog:
 * made as <base>tmp.log, then renamed; the previous generation's creation
 * time and the set's file size).  attach: the header's list, or NULL;
 * checkpoint: the one its header records (LgposGetCheckpoint()). */
int log_writer_continue(const struct log_writer_config *c, const struct log_header *previous,
			const unsigned char *attach, struct lgpos checkpoint,
			struct log_writer **out);
void log_writer_close(struct log_writer *w);
/* Appends a record (rolling to a new generation first when it does not
 * fit); *at gets its position. */
int log_append(struct log_writer *w, const struct log_record *r, struct lgpos *at);
/* Ends the current generation: it becomes <base>XXXXX.log and a new
 * <base>.log begins. */
int log_roll(struct log_writer *w);
/* Flushes to the device. */
int log_flush(struct log_writer *w);
/* 1 once a write or a roll has failed: the log takes nothing more. */
int log_failed(const struct log_writer *w);
/* The log goes down as after a write that failed (ESE's SetNoMoreLogWrite):
 * every later append, flush or roll gives JET_errLogWriteFail. */
void log_set_failed(struct log_writer *w);
uint32_t log_generation(const struct log_writer *w);
/* The size of the current generation's file in bytes: what the log set
 * is made of, whatever JET_paramLogFileSize says now. */
uint32_t log_file_size(const struct log_writer *w);
struct lgpos log_end(const struct log_writer *w);
const struct signature *log_signature(const struct log_writer *w);
struct logtime log_created(const struct log_writer *w);
/* The checkpoint the next generation's header records. */
void log_set_checkpoint(struct log_writer *w, struct lgpos checkpoint);
/* The lowest archived generation of the set (0 if none), without a
 * folder scan per call. */
uint32_t log_writer_lowest_archived(struct log_writer *w);
/* Deletes an archived generation: an OS_ code (OS_NOT_FOUND when it was
 * already gone). */
int log_remove_archived(struct log_writer *w, uint32_t generation);
/* Fills the attach list of each new generation's header, as of `next`,
 * the start of that generation (ESE's LGLoadAttachmentsFromFMP at the
 * roll, logstream.cxx): list gets ATTACH_LIST_SIZE bytes. */
void log_set_attach_source(struct log_writer *w,
			   void (*fn)(void *ctx, struct lgpos next, unsigned char *list), void *ctx);
/* Called after each roll with the new current generation. */
void log_on_roll(struct log_writer *w, int (*fn)(void *ctx, uint32_t generation), void *ctx);

/* The reader of one log file, record by record. */
struct log_reader;
/* current: the file is the live <base>.log, whose tail may be torn by a
 * crash (a bad record there is the end, not corruption). */
int log_reader_open(const char *path, int current, struct log_reader **out);
const struct log_header *log_reader_header(const struct log_reader *r);
/* 1 and the record (payload valid until the next call), 0 at the end, or
 * JET_errLogFileCorrupt. */
int log_reader_next(struct log_reader *r, struct log_record *rec, struct lgpos *at);
/* Where the next record would go: just after the last good one. */
uint64_t log_reader_end(const struct log_reader *r);
int log_reader_saw_end_record(const struct log_reader *r);
void log_reader_close(struct log_reader *r);

/* Checks the record at buf (room: bytes from it to the end of the file):
 * 1 valid (*r and *size), 0 the end of the written part, -1 damaged. */
int log_record_check(const unsigned char *buf, uint64_t room, uint32_t generation,
		     struct log_record *r, uint32_t *size);

#endif
