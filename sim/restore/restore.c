#include "restore/restore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/database.h"
#include "db/recovery.h"
#include "format/attach_info.h"
#include "format/dbfile.h"
#include "format/patch_page.h"
#include "instance/attached_files.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "log/checkpoint.h"
#include "log/log.h"
#include "os/os.h"
#include "os/paths.h"

/* A database of the map, as the restore knows it. */
struct restore_db {
	char *path;                  /* full path of the restored file */
	struct signature signature;
	int claimed;                 /* in the process's attached-file registry */
};

struct restore {
	const struct external_restore *req;
	/* names.folder is log_folder: the log path, where the set may go on
	 * and where the restore's own log is (ESE's default ".\" when the
	 * caller names none, for both: logredo.cxx, ErrLGRSTExternalRestore) */
	struct log_names backup_names, names;
	char *log_folder, *system_folder;
	/* the log path's archives go on from the set (it is not the backup
	 * folder, whose generations the set names itself) */
	int log_path_archives;
	/* the restore's own current log and checkpoint, named as the set
	 * names its files */
	char *own_log, *own_checkpoint;
	struct restore_db *dbs;
	unsigned db_count;
	struct signature log_signature;
	uint32_t gen_low, gen_high;
	unsigned char *page;
};

static void restore_free(struct restore *rs)
{
	for (unsigned i = 0; i < rs->db_count; i++) {
		if (rs->dbs[i].claimed)
			attached_file_release(rs->dbs[i].path);
		free(rs->dbs[i].path);
	}
	free(rs->dbs);
	free(rs->backup_names.folder);
	free(rs->log_folder);
	free(rs->own_log);
	free(rs->own_checkpoint);
	free(rs->system_folder);
	free(rs->page);
}

static int status(struct restore *rs, uint32_t snt, uint32_t done, uint32_t total)
{
	return rs->req->status ? rs->req->status(rs->req->status_ctx, snt, done, total)
			       : JET_errSuccess;
}

/* A folder given by the caller, as a full path ending in a separator. */
static char *folder_of(const char *path)
{
	char *full = os_full_path(path), *out;
	size_t n;
	if (!full)
		return NULL;
	n = strlen(full);
	if (n && path_is_separator(full[n - 1]))
		return full;
	out = malloc(n + 2);
	if (out) {
		memcpy(out, full, n);
		out[n] = os_path_separator();
		out[n + 1] = 0;
	}
	free(full);
	return out;
}

/* A parameter's string as the instance (or, with none, the process) has it. */
static char *param_text(uintptr_t instance, unsigned id)
{
	intptr_t v;
	char *text = NULL;
	if (sim_get_param(instance, id, &v, &text) != JET_errSuccess)
		return NULL;
	return text;
}

/* The header of one log file: JET_errFileNotFound when it is not there. */
static int read_log_header(const char *path, struct log_header *h)
{
	unsigned char buf[LOG_HEADER_SIZE];
	os_file *f;
	size_t got = 0;
	int rc = os_file_open(path, OS_OPEN_READ, &f);
	if (rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND)
		return JET_errFileNotFound;
	if (rc != OS_OK)
		return JET_errFileAccessDenied;
	rc = os_file_read_at(f, 0, buf, sizeof buf, &got);
	os_file_close(f);
	if (rc != OS_OK)
		return JET_errDiskIO;
	if (got != sizeof buf)
		return JET_errLogFileCorrupt;
	return log_header_decode(buf, h);
}

static int highest_generation(void *ctx, const char *name)
{
	struct restore *rs = ctx;
	char *path = path_join(rs->backup_names.folder, name);
	uint32_t gen = path ? log_generation_of_path(&rs->backup_names, path) : 0;
	if (gen > rs->gen_high)
		rs->gen_high = gen;
	free(path);
	return 0;
}

/* The backup's logs: the extension the set uses (ESE tries both,
 * ErrLGIRSTCheckSignaturesLogSequence), its generation range, and every
 * generation there, of one log set, each following the one before. */
static int check_backup_logs(struct restore *rs)
{
	struct log_header h, previous;
	int err = JET_errSuccess;

	for (int attempt = 0; attempt < 2 && !rs->gen_low; attempt++) {
		rs->backup_names.legacy = attempt ? 0 : JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat;
		if (rs->req->gen_low) {
			char *path = log_archive_path(&rs->backup_names, rs->req->gen_low);
			if (!path)
				return JET_errOutOfMemory;
			if (os_path_exists(path))
				rs->gen_low = rs->req->gen_low;
			free(path);
		} else {
			rs->gen_low = log_lowest_archived(&rs->backup_names);
		}
	}
	if (!rs->gen_low)
		return JET_errFileNotFound;
	rs->gen_high = rs->req->gen_high;
	if (!rs->gen_high)
		os_list_dir(rs->backup_names.folder, highest_generation, rs);
	if (rs->gen_high < rs->gen_low)
		return JET_errInvalidParameter;
	for (uint32_t gen = rs->gen_low; !err && gen <= rs->gen_high; gen++) {
		char *path = log_archive_path(&rs->backup_names, gen);
		err = path ? read_log_header(path, &h) : JET_errOutOfMemory;
		free(path);
		if (!err && h.generation != gen)
			err = JET_errGivenLogFileIsNotContiguous;
		if (!err && gen > rs->gen_low) {
			if (!signature_equal(&h.log_signature, &previous.log_signature))
				err = JET_errGivenLogFileHasBadSignature;
			else if (memcmp(h.previous_created.b, previous.created.b, LOGTIME_SIZE) != 0)
				err = JET_errGivenLogFileIsNotContiguous;
		}
		previous = h;
		if (gen == rs->gen_low)
			rs->log_signature = h.log_signature;
	}
	return err;
}

/* One database of the map, checked as ESE's ErrLGCheckDBFiles
 * (logutil.cxx) does: a copy made by a full backup of this log set, whose
 * patch page matches its header, needing no log outside the range.  Then
 * the range is stamped into the header and the patch page, no longer
 * needed, is replaced by an empty page (ErrDBTryToZeroDBTrailer).  Run
 * again on a file it already prepared, it finds the range in the header. */
static int prepare_database(struct restore *rs, struct restore_db *d)
{
	struct db_header h;
	struct patch_page patch;
	struct bkinfo found;
	uint64_t size;
	size_t got = 0;
	os_file *f;
	int err, trailer = 0;
	int rc = os_file_open(d->path, OS_OPEN_READWRITE_EXCLUSIVE, &f);

	if (rc == OS_NOT_FOUND || rc == OS_PATH_NOT_FOUND)
		return JET_errFileNotFound;
	if (rc == OS_SHARING)
		return JET_errDatabaseSharingViolation;
	if (rc != OS_OK)
		return JET_errFileAccessDenied;
	err = db_header_read(f, &h);
	if (err == JET_errFileNotFound)
		err = JET_errDatabaseCorrupted;
	if (!err && os_file_size(f, &size) != OS_OK)
		err = JET_errDiskIO;
	if (!err && size < 3 * (uint64_t)h.page_size)
		err = JET_errDatabaseCorrupted;
	if (!err && !(rs->page = realloc(rs->page, h.page_size)))
		err = JET_errOutOfMemory;
	if (!err && (os_file_read_at(f, size - h.page_size, rs->page, h.page_size, &got) != OS_OK ||
		     got != h.page_size))
		err = JET_errDiskIO;
	if (!err) {
		d->signature = h.db_signature;
		trailer = patch_page_decode(rs->page, h.page_size, &patch) == JET_errSuccess;
		if (h.full_current.gen_low == 0)
			err = JET_errRestoreOfNonBackupDatabase;
	}
	if (!err && h.full_current.gen_high) {
		found = h.full_current;
	} else if (!err) {
		err = patch_page_decode(rs->page, h.page_size, &patch);
		if (!err && (!signature_equal(&h.db_signature, &patch.db_signature) ||
			     !signature_equal(&patch.log_signature, &rs->log_signature) ||
			     lgpos_compare(h.full_current.mark, patch.backup.mark) != 0))
			err = JET_errDatabasePatchFileMismatch;
		found = patch.backup;
	}
	if (!err && !signature_equal(&h.log_signature, &rs->log_signature))
		err = JET_errDatabasePatchFileMismatch;
	if (!err && found.gen_low < rs->gen_low)
		err = JET_errStartingRestoreLogTooHigh;
	else if (!err && found.gen_high > rs->gen_high)
		err = JET_errEndingRestoreLogTooLow;
	if (!err) {
		h.full_current.gen_low = found.gen_low;
		h.full_current.gen_high = rs->gen_high;
		if (rs->gen_high > h.required_max)
			h.required_max = rs->gen_high;
		err = db_header_write(f, &h);
	}
	if (!err && trailer) {
		uint32_t pgno = (uint32_t)(size / h.page_size) - 2;
		/* an empty page in its place, so that every page of the file
		 * is one the engine can read */
		page_init(rs->page, h.page_size, pgno, 0, 0, PAGE_FLAG_EMPTY);
		err = page_write(f, h.page_size, pgno, rs->page);
	}
	if (!err && os_file_sync(f) != OS_OK)
		err = JET_errDiskIO;
	os_file_close(f);
	return err;
}

static const char *map_by_signature(void *ctx, const struct signature *s, const char *logged)
{
	(void)logged;
	struct restore *rs = ctx;
	for (unsigned i = 0; i < rs->db_count; i++)
		if (signature_equal(&rs->dbs[i].signature, s))
			return rs->dbs[i].path;
	return NULL;
}

/* The restore's own log (logredo.cxx, ErrLGRRedo; logutil.cxx,
 * ErrLGRSTExternalRestore and ErrLGRestore): unless the log path's
 * current log was replayed (then it goes on), a new generation after the
 * last one replayed begins as <base>.log in the log path; the end of the
 * recovery is logged there (replay_quit), and the checkpoint in the
 * restore's system path names the quit, with no attach list, as a clean
 * term leaves it.  The log is closed with no term record (ErrLGTerm with
 * fLogQuitRec false), so a JetInit there finds a clean log. */
static int end_in_own_log(struct restore *rs, struct replay *rp, struct lgpos end)
{
	struct log_names names = rs->names;
	struct log_writer_config c = { .names = &names, .sync = 1 };
	struct log_writer *w = NULL;
	struct checkpoint cp;
	struct lgpos quit;
	const struct log_header *last;
	int current, err;

	if (!(last = replay_last_header(rp, &current)))
		return JET_errMissingRestoreLogFiles;
	c.file_size = last->file_size;
	c.db_page_size = last->db_page_size;
	c.circular = rs->req->circular;
	c.dbms = (struct dbms_param){ .system_path = rs->system_folder, .log_path = rs->log_folder,
				      .circular = c.circular };
	if (current) {
		err = log_writer_resume(&c, last, lgpos_offset(end), &w);
	} else {
		unsigned char attach[ATTACH_LIST_SIZE];
		replay_attach_list(rp, lgpos_at(last->generation + 1, LOG_FIRST_RECORD), attach);
		err = log_writer_continue(&c, last, attach, replay_checkpoint(rp, end), &w);
	}
	if (!err)
		err = replay_quit(rp, w, &quit);
	if (!err) {
		checkpoint_at(&cp, quit, &rs->log_signature, &c.dbms, last->file_size, NULL);
		err = checkpoint_write(rs->own_checkpoint, &cp);
	}
	log_writer_close(w);
	return err;
}

/* The backup's generations, then those of the log path that continue
 * them (archived, then the current log), each under a progress callback. */
static int replay_all(struct restore *rs)
{
	struct replay *rp;
	struct lgpos end = lgpos_at(rs->gen_low, LOG_FIRST_RECORD);
	uint32_t total = rs->gen_high - rs->gen_low + 1, gen;
	char *path = NULL;
	int err = replay_open(&rs->log_signature, lgpos_at(rs->gen_low, 0), map_by_signature, rs, &rp);

	for (gen = rs->gen_low; !err && gen <= rs->gen_high; gen++) {
		path = log_archive_path(&rs->backup_names, gen);
		err = path ? replay_log(rp, path, gen, 0, &end) : JET_errOutOfMemory;
		free(path);
		path = NULL;
		if (!err)
			err = status(rs, JET_sntProgress, gen - rs->gen_low + 1, total);
	}
	/* the log path's own logs, where they go on with the same set */
	while (!err && rs->log_path_archives) {
		struct log_header h;
		path = log_archive_path(&rs->names, gen);
		if (!path || read_log_header(path, &h) != JET_errSuccess ||
		    !signature_equal(&h.log_signature, &rs->log_signature))
			break;
		err = replay_log(rp, path, gen++, 0, &end);
		free(path);
		path = NULL;
	}
	free(path);
	if (!err) {
		struct log_header h;
		int there = read_log_header(rs->own_log, &h);
		/* a current log there that is no log of ours (another file, a
		 * damaged or Windows-made one) is neither read nor replaced */
		if (there == JET_errSuccess) {
			if (!signature_equal(&h.log_signature, &rs->log_signature))
				err = JET_errExistingLogFileHasBadSignature;
			else if (h.generation > gen)
				err = JET_errExistingLogFileIsNotContiguous;
			else if (h.generation == gen)
				err = replay_log(rp, rs->own_log, gen, 1, &end);
			else if (!rs->req->delete_out_of_range)
				/* an older one, which the new generation would
				 * replace (logredo.cxx, ErrLGRedoFill) */
				err = JET_errInvalidLogSequence;
			/* ... unless JET_paramDeleteOutOfRangeLogs says it
			 * goes (ErrLGRedoFill: in a hard restore,
			 * ErrLGRRestartLOGAtLogGen deletes it) */
			else if (os_remove(rs->own_log) != OS_OK)
				err = JET_errFileAccessDenied;
		} else if (there != JET_errFileNotFound) {
			err = there;
		}
	}
	if (err == JET_errLogFileCorrupt)
		err = JET_errLogCorruptDuringHardRestore;   /* logread.cxx */
	if (err == JET_errFileNotFound)
		err = JET_errMissingRestoreLogFiles;
	if (!err)
		err = end_in_own_log(rs, rp, end);
	replay_free(rp);
	return err;
}

/* The instance table's side of a restore (jetapi.cxx, JetExternalRestoreEx):
 * never in one-instance mode (ESE then forces multi-instance mode for its
 * temporary instance, which it frees before returning: no instance of the
 * table is made here, so the mode stays as it was); a target named must be running, target
 * folders are used when no instance runs on them.  *running: the target
 * runs (the restore then returns JET_wrnTargetInstanceRunning). */
static int resolve_target(const struct external_restore *r, const char **system_path,
			  const char **log_path, int *running)
{
	struct sim_instance_info *list;
	unsigned count;
	int err;

	*running = 0;
	*system_path = r->checkpoint_path;
	*log_path = r->log_path;
	if (sim_run_mode() == RUN_MODE_ONE_INSTANCE)
		return JET_errRunningInOneInstanceMode;
	if (!r->target_name && !r->target_log_path)
		return JET_errSuccess;
	err = sim_list_instances(&list, &count);
	if (err)
		return err;
	for (unsigned i = 0; i < count && !*running; i++) {
		struct instance *inst;
		char *lp = NULL, *want;
		intptr_t v;
		if (instance_enter(list[i].handle, ENTER_NO_LOCK, &inst) != JET_errSuccess)
			continue;   /* not running */
		instance_leave(inst, ENTER_NO_LOCK);
		if (r->target_name) {
			*running = list[i].name && strcmp(list[i].name, r->target_name) == 0;
			continue;
		}
		want = folder_of(r->target_log_path);
		if (sim_get_param(list[i].handle, JET_paramLogFilePath, &v, &lp) == JET_errSuccess &&
		    lp && want) {
			char *have = folder_of(lp);
			*running = have && os_path_equal(have, want);
			free(have);
		}
		free(lp);
		free(want);
	}
	sim_free_instance_list(list, count);
	if (!*running && r->target_name)
		return JET_errBadRestoreTargetInstance;
	if (!*running) {
		*system_path = r->target_checkpoint_path;
		*log_path = r->target_log_path;
	}
	return JET_errSuccess;
}

/* What JetRestore adds: the databases are the backup copies in the
 * folder, each copied to `dest` (or, without it, to where the logs say it
 * was) before it is restored there (rstmap.cxx, ErrGetDestDatabaseName). */
struct folder_restore {
	const char *dest;            /* folder, or NULL */
};

struct logged_database {
	struct signature signature;
	char *path;
};

/* The databases the set's logs attach or create, by signature. */
static int logged_databases(struct restore *rs, struct logged_database **out, unsigned *count)
{
	int err = JET_errSuccess;
	*out = NULL;
	*count = 0;
	for (uint32_t gen = rs->gen_low; !err && gen <= rs->gen_high; gen++) {
		char *path = log_archive_path(&rs->backup_names, gen);
		struct log_reader *r;
		struct log_record rec;
		int more;
		err = path ? log_reader_open(path, 0, &r) : JET_errOutOfMemory;
		free(path);
		if (err)
			break;
		while ((more = log_reader_next(r, &rec, NULL)) != 0) {
			struct logged_database *grown;
			struct signature s;
			unsigned i;
			if (more < 0) {
				err = JET_errLogCorruptDuringHardRestore;
				break;
			}
			if ((rec.type != LOG_REC_ATTACH && rec.type != LOG_REC_CREATE) ||
			    rec.length <= SIGNATURE_SIZE + 4)
				continue;
			signature_get(rec.payload, &s);
			for (i = 0; i < *count && !signature_equal(&(*out)[i].signature, &s); i++)
				;
			if (i < *count)
				continue;
			if (!(grown = realloc(*out, (*count + 1) * sizeof **out))) {
				err = JET_errOutOfMemory;
				break;
			}
			*out = grown;
			if (!(grown[*count].path = malloc(rec.length - SIGNATURE_SIZE - 4 + 1))) {
				err = JET_errOutOfMemory;
				break;
			}
			grown[*count].signature = s;
			memcpy(grown[*count].path, rec.payload + SIGNATURE_SIZE + 4,
			       rec.length - SIGNATURE_SIZE - 4);
			grown[*count].path[rec.length - SIGNATURE_SIZE - 4] = 0;
			(*count)++;
		}
		log_reader_close(r);
	}
	return err;
}

static int copy_file(const char *from, const char *to)
{
	os_file *in, *out;
	uint64_t size, at = 0;
	size_t chunk = 1 << 20, got;
	unsigned char *buf = malloc(chunk);
	int err = JET_errSuccess;
	if (!buf)
		return JET_errOutOfMemory;
	if (os_file_open(from, OS_OPEN_READ, &in) != OS_OK) {
		free(buf);
		return JET_errFileNotFound;
	}
	os_remove(to);
	if (os_file_open(to, OS_OPEN_CREATE_EXCLUSIVE, &out) != OS_OK) {
		os_file_close(in);
		free(buf);
		return JET_errInvalidPath;
	}
	if (os_file_size(in, &size) != OS_OK)
		err = JET_errDiskIO;
	while (!err && at < size) {
		size_t n = size - at < chunk ? (size_t)(size - at) : chunk;
		if (os_file_read_at(in, at, buf, n, &got) != OS_OK || got != n ||
		    os_file_write_at(out, at, buf, n) != OS_OK)
			err = JET_errDiskIO;
		at += n;
	}
	if (!err && os_file_sync(out) != OS_OK)
		err = JET_errDiskIO;
	os_file_close(in);
	os_file_close(out);
	free(buf);
	return err;
}

struct folder_scan {
	struct restore *rs;
	const struct folder_restore *fr;
	struct logged_database *logged;
	unsigned logged_count;
	int err;
};

static int restore_folder_file(void *ctx, const char *name)
{
	struct folder_scan *sc = ctx;
	struct restore *rs = sc->rs;
	char *from = path_join(rs->backup_names.folder, name), *to = NULL;
	struct db_header h;
	os_file *f;
	int is_copy = 0;

	if (!from) {
		sc->err = JET_errOutOfMemory;
		return 1;
	}
	if (os_path_exists(from) == 1 && os_file_open(from, OS_OPEN_READ, &f) == OS_OK) {
		is_copy = db_header_read(f, &h) == JET_errSuccess && h.full_current.gen_low != 0;
		os_file_close(f);
	}
	for (unsigned i = 0; is_copy && i < sc->logged_count; i++) {
		struct restore_db *d;
		if (!signature_equal(&sc->logged[i].signature, &h.db_signature))
			continue;
		to = sc->fr->dest ? path_join(sc->fr->dest, name) : os_full_path(sc->logged[i].path);
		if (!to || rs->db_count == DATABASE_MAX) {
			sc->err = to ? JET_errTooManyAttachedDatabases : JET_errOutOfMemory;
			break;
		}
		d = &rs->dbs[rs->db_count++];
		d->path = to;
		to = NULL;
		if (!(sc->err = attached_file_claim(d->path, (uintptr_t)rs, 1)))
			d->claimed = 1;
		if (!sc->err && !os_path_equal(from, d->path))
			sc->err = copy_file(from, d->path);
		break;
	}
	free(to);
	free(from);
	return sc->err != 0;
}

static int gather_folder_databases(struct restore *rs, const struct folder_restore *fr)
{
	struct folder_scan sc = { rs, fr, NULL, 0, JET_errSuccess };
	int err = logged_databases(rs, &sc.logged, &sc.logged_count);
	if (!err && fr->dest && path_make_folders(fr->dest) != 0)
		err = JET_errInvalidPath;
	if (!err) {
		os_list_dir(rs->backup_names.folder, restore_folder_file, &sc);
		err = sc.err;
	}
	for (unsigned i = 0; i < sc.logged_count; i++)
		free(sc.logged[i].path);
	free(sc.logged);
	return err;
}

/* As ESE's JetExternalRestore and JetRestoreInstance initialise their
 * instance (jetapi.cxx, ErrInit then ErrCheckUniquePath): the restore's
 * system or log folder may be no running instance's, whose live log and
 * checkpoint are there; refused before any file is touched. */
static int paths_in_use(const char *system_folder, const char *log_folder)
{
	struct sim_instance_info *list;
	unsigned count;
	int err = sim_list_instances(&list, &count);
	static const struct { unsigned param; int code; } check[] = {
		{ JET_paramSystemPath, JET_errSystemPathInUse },
		{ JET_paramLogFilePath, JET_errLogFilePathInUse },
	};

	if (err)
		return err;
	for (unsigned i = 0; !err && i < count; i++) {
		struct instance *inst;
		if (instance_enter(list[i].handle, ENTER_NO_LOCK, &inst) != JET_errSuccess)
			continue;   /* not running */
		instance_leave(inst, ENTER_NO_LOCK);
		for (unsigned k = 0; !err && k < 2; k++) {
			char *text = param_text(list[i].handle, check[k].param);
			char *have = text ? folder_of(text[0] ? text : ".") : NULL;
			if (have && os_path_equal(have, k ? log_folder : system_folder))
				err = check[k].code;
			free(have);
			free(text);
		}
	}
	sim_free_instance_list(list, count);
	return err;
}

/* The restore's own current log and checkpoint, once the set's naming
 * style is known (both are named as the set names its logs), checked
 * before anything is written: each may replace only a file of its kind
 * (log.cxx, ErrLGReadCheckpoint; logredo.cxx reads the log path's log). */
static int own_files(struct restore *rs)
{
	rs->names.legacy = rs->backup_names.legacy;
	if (!(rs->own_log = log_current_path(&rs->names)) ||
	    !(rs->own_checkpoint = checkpoint_path(rs->system_folder, &rs->names)))
		return JET_errOutOfMemory;
	if (ese_path_is_other_type(rs->own_log, JET_filetypeLog))
		return JET_errFileInvalidType;
	return checkpoint_check_type(rs->own_checkpoint);
}

/* An external restore given a checkpoint path deletes the checkpoint
 * there once the databases are found fit, before its replay begins
 * (logutil.cxx, ErrLGRSTExternalRestore: ErrLGCheckDBFiles, then
 * ErrLGIRSTSetupCheckpoint "delete the old checkpoint file", whose
 * failure is only asserted), so a restore that fails later leaves none
 * that names the old log.  own_files has made sure it is one. */
static void delete_old_checkpoint(const struct restore *rs)
{
	if (os_path_exists(rs->own_checkpoint) == 1)
		(void)os_remove(rs->own_checkpoint);
}

/* The restore itself, once its folders are known. */
static int restore_run(const struct external_restore *r, const char *backup_folder,
		       const char *system_path, const char *log_path,
		       const struct folder_restore *fr)
{
	struct restore rs;
	int err = JET_errSuccess;

	memset(&rs, 0, sizeof rs);
	rs.req = r;
	if (r->base_name && r->base_name[0] && strlen(r->base_name) >= sizeof rs.backup_names.base)
		return JET_errInvalidParameter;
	strcpy(rs.backup_names.base, r->base_name && r->base_name[0] ? r->base_name : "edb");
	strcpy(rs.names.base, rs.backup_names.base);
	rs.names.legacy = JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat;
	if (os_path_exists(backup_folder) != 2)
		return JET_errFileNotFound;
	if (!(rs.backup_names.folder = folder_of(backup_folder)) ||
	    !(rs.log_folder = folder_of(log_path && log_path[0] ? log_path : ".")) ||
	    !(rs.system_folder = folder_of(system_path && system_path[0] ? system_path : ".")))
		err = JET_errOutOfMemory;
	if (!err) {
		rs.names.folder = rs.log_folder;
		rs.log_path_archives = !os_path_equal(rs.log_folder, rs.backup_names.folder);
		err = paths_in_use(rs.system_folder, rs.log_folder);
	}
	/* the restore's own folders, made as ESE makes them */
	if (!err && log_path && log_path[0] && path_make_folders(rs.log_folder) != 0)
		err = JET_errInvalidPath;
	if (!err && system_path && system_path[0] && path_make_folders(system_path) != 0)
		err = JET_errInvalidPath;
	if (!err && !(rs.dbs = calloc(r->map_count + DATABASE_MAX, sizeof *rs.dbs)))
		err = JET_errOutOfMemory;
	if (!err)
		err = check_backup_logs(&rs);
	if (!err)
		err = own_files(&rs);
	if (!err)
		err = status(&rs, JET_sntBegin, 0, rs.gen_high - rs.gen_low + 1);
	for (unsigned i = 0; !err && i < r->map_count; i++) {
		struct restore_db *d = &rs.dbs[rs.db_count++];
		if (!(d->path = os_full_path(r->map[i].new_database)))
			err = JET_errOutOfMemory;
		/* no instance attaches it while it is restored */
		if (!err && !(err = attached_file_claim(d->path, (uintptr_t)&rs, 1)))
			d->claimed = 1;
	}
	if (!err && fr)
		err = gather_folder_databases(&rs, fr);
	for (unsigned i = 0; !err && i < rs.db_count; i++)
		err = prepare_database(&rs, &rs.dbs[i]);
	if (!err && !fr && system_path && system_path[0])
		delete_old_checkpoint(&rs);
	if (!err)
		err = replay_all(&rs);
	if (!err)
		err = status(&rs, JET_sntComplete, rs.gen_high - rs.gen_low + 1,
			     rs.gen_high - rs.gen_low + 1);
	restore_free(&rs);
	return err;
}

/* A boolean parameter of an instance (0: the process's). */
static int param_flag(uintptr_t instance, unsigned id)
{
	intptr_t value = 0;
	char *unused = NULL;
	if (sim_get_param(instance, id, &value, &unused) != JET_errSuccess)
		value = 0;
	free(unused);
	return value != 0;
}

int sim_external_restore(const struct external_restore *request)
{
	/* its instance is a new one, of the process's parameters
	 * (jetapi.cxx, JetExternalRestoreEx: ErrNewInst) */
	struct external_restore copy = *request;
	const struct external_restore *r = &copy;
	const char *system_path, *log_path;
	int running, err;

	copy.circular = param_flag(0, JET_paramCircularLog);
	copy.delete_out_of_range = param_flag(0, JET_paramDeleteOutOfRangeLogs);

	if (!r->backup_log_path || (r->map_count && !r->map) ||
	    !r->target_log_path != !r->target_checkpoint_path ||
	    (r->target_name && r->target_log_path))
		return JET_errInvalidParameter;
	for (unsigned i = 0; i < r->map_count; i++)
		if (!r->map[i].new_database || !r->map[i].new_database[0])
			return JET_errInvalidParameter;
	err = resolve_target(r, &system_path, &log_path, &running);
	if (!err)
		err = restore_run(r, r->backup_log_path, system_path, log_path, NULL);
	if (!err && running)
		err = JET_wrnTargetInstanceRunning;
	return err;
}

int sim_restore_instance(uintptr_t instance, int legacy, const char *backup, const char *dest,
			 restore_status_fn fn, void *ctx)
{
	struct external_restore r = { .status = fn, .status_ctx = ctx };
	struct folder_restore fr = { dest && dest[0] ? dest : NULL };
	struct instance *inst = NULL, *restoring = NULL;
	char *system_path = NULL, *log_path = NULL, *base = NULL, *backup_folder = NULL;
	enum run_mode mode = sim_run_mode();
	int err = JET_errSuccess, temporary;

	/* jetapi.cxx, JetRestoreInstanceEx: no instance means a temporary
	 * one; JetRestore and JetRestore2 are one-instance mode's */
	if (legacy && mode == RUN_MODE_MULTI_INSTANCE)
		return JET_errRunningInMultiInstanceMode;
	if (legacy)
		instance = 0;
	temporary = instance == 0 || instance == JET_instanceNil;
	if (temporary && mode == RUN_MODE_ONE_INSTANCE)
		return legacy ? JET_errAlreadyInitialized : JET_errRunningInOneInstanceMode;
	if (!temporary) {
		err = instance_enter(instance, ENTER_CREATED_OK | ENTER_NO_LOCK, &inst);
		/* a restore running on it marks it initialised */
		if (err == JET_errRestoreInProgress)
			err = JET_errAlreadyInitialized;
		if (!err && inst->state != INSTANCE_CREATED)
			err = JET_errAlreadyInitialized;
		if (inst)
			instance_leave(inst, ENTER_NO_LOCK);
		if (err)
			return err;
	}
	if (!backup || !backup[0])
		return JET_errInvalidParameter;
	r.circular = param_flag(temporary ? 0 : instance, JET_paramCircularLog);
	r.delete_out_of_range = param_flag(temporary ? 0 : instance, JET_paramDeleteOutOfRangeLogs);
	system_path = param_text(temporary ? 0 : instance, JET_paramSystemPath);
	log_path = param_text(temporary ? 0 : instance, JET_paramLogFilePath);
	base = param_text(temporary ? 0 : instance, JET_paramBaseName);
	if (!system_path || !log_path || !base) {
		err = JET_errOutOfMemory;
	} else {
		/* the set is in the folder, or (JetBackup with
		 * JET_bitBackupAtomic) in its "new" or "old" subfolder */
		const char *sub[] = { NULL, "new", "old" };
		r.base_name = base;
		err = JET_errFileNotFound;
		for (unsigned i = 0; i < 3 && err == JET_errFileNotFound; i++) {
			struct log_names n = { NULL, "", JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat };
			free(backup_folder);
			backup_folder = sub[i] ? path_join(backup, sub[i]) : folder_of(backup);
			n.folder = backup_folder ? folder_of(backup_folder) : NULL;
			snprintf(n.base, sizeof n.base, "%s", base);
			if (!n.folder)
				err = JET_errOutOfMemory;
			else if (log_lowest_archived(&n) || (n.legacy = 0, log_lowest_archived(&n)))
				err = JET_errSuccess;
			free(n.folder);
		}
	}
	/* the instance is the restore's until it returns */
	if (!err && !temporary)
		err = instance_restore_begin(instance, &restoring);
	if (!err)
		err = restore_run(&r, backup_folder, system_path, log_path, &fr);
	if (restoring)
		instance_restore_end(restoring);
	free(backup_folder);
	free(system_path);
	free(log_path);
	free(base);
	return err;
}
