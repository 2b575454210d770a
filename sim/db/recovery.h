/*
 * Recovery at JetInit: the log set is read from the start of the
 * checkpoint's generation to the end of the current log, and every record
 * is redone on the databases it names (a page whose dbtime is already as
 * new is left alone), through a page cache (replay_cache.h), so every
 * database ends as its last logged change left it.  Databases still attached at the end (a dirty shutdown) are
 * then made consistent and detached, as ESE does since Windows XP, or kept
 * attached with JET_bitKeepDbAttachedAtEndOfRecovery.
 */
#ifndef SIM_RECOVERY_H
#define SIM_RECOVERY_H

#include <stdint.h>

#include "log/log.h"

struct instance;

/* JetInit3's JET_RSTINFO: databases recovered somewhere else than the log
 * names them (a restore map), and the progress of the replay. */
struct recovery_map_entry {
	const char *database;        /* as the log names it; may be NULL */
	const char *new_database;    /* where it is now */
};
/* snt: JET_sntBegin, JET_sntProgress (done of total generations),
 * JET_sntComplete or JET_sntFail; what it returns is not looked at, as the
 * engine does not look at it during recovery. */
typedef int (*recovery_status_fn)(void *ctx, uint32_t snt, uint32_t done, uint32_t total);
struct recovery_request {
	const struct recovery_map_entry *map;
	unsigned map_count;
	recovery_status_fn status;   /* may be NULL */
	void *status_ctx;
};
/* The map as ESE's LOG::ErrBuildRstmapForSoftRecovery (rstmap.cxx) checks
 * it: JET_errInvalidParameter for more than two entries a database,
 * JET_errDatabaseInvalidName for an entry without a new name. */
int recovery_request_check(const struct recovery_request *req);

/* Starts a new log set when there is none.  On success *out writes at the
 * end of the current log.  req: JetInit3's restore information, or NULL. */
int recovery_run(struct instance *inst, const struct log_writer_config *c,
		 const char *checkpoint_path, uint32_t init_grbit,
		 const struct recovery_request *req, struct log_writer **out);

/* The same replay for a hard restore (restore/): log files named one by
 * one, databases found through a map.  map gives the file a database of
 * that signature is restored to, or NULL to leave it out. */
struct replay;
typedef const char *(*replay_map_fn)(void *ctx, const struct signature *db_signature,
				    const char *logged_path);
int replay_open(const struct signature *log_signature, struct lgpos start, replay_map_fn map,
		void *ctx, struct replay **out);
/* One generation, from its start; *end: just after its last record.
 * current: the live log of a set, whose tail may be torn. */
int replay_log(struct replay *rp, const char *path, uint32_t generation, int current,
	       struct lgpos *end);
/* Every database still attached made consistent as of `at` and closed,
 * nothing logged. */
int replay_close_consistent(struct replay *rp, struct lgpos at);
/* The header of the last generation replayed (NULL: none), and whether
 * it was a set's live <base>.log (*current). */
const struct log_header *replay_last_header(const struct replay *rp, int *current);
/* The checkpoint as the redo leaves the set at `end`: what a new log
 * after it records (LgposGetCheckpoint()). */
struct lgpos replay_checkpoint(const struct replay *rp, struct lgpos end);
/* The attach list (ATTACH_LIST_SIZE bytes) of a generation beginning at
 * `next`: the databases the replay has attached. */
void replay_attach_list(const struct replay *rp, struct lgpos next, unsigned char *list);
/* The end of a replay (a restore's, in its own log; a JetInit's, in the
 * instance's), logged by w: every database still attached made
 * consistent and closed; *quit: the position the checkpoint names. */
int replay_quit(struct replay *rp, struct log_writer *w, struct lgpos *quit);
void replay_free(struct replay *rp);

#endif
