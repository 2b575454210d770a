/*
 * The [faults] section of a scenario file: failures on demand, each with
 * the code the engine returns when the operating system fails it that way
 * (the ESE source's ErrOSFileIFromWinError, os/osfile.cxx).  One fault a
 * line, "kind = key=value ...":
 *
 *   read_error  = file=NAME offset=N    a backup read covering byte N of the
 *                                       file fails: JET_errDiskIO
 *   bad_page    = file=NAME page=N      page N has a bad checksum: the backup
 *                                       read reaching it, JET_errReadVerifyFailure
 *   bad_log     = generation=N          log N is damaged: its backup read,
 *                                       JET_errLogReadVerifyFailure
 *   stop_backup = after=N | phase=logs  the server stops the backup after N
 *                                       bytes read, or at JetGetLogInfo:
 *                                       JET_errBackupAbortByServer
 *   terminate   = after=N | phase=logs  the server terminates the instance
 *                                       (JetTerm2, JET_bitTermStopBackup) as
 *                                       the call that reached N bytes, or
 *                                       JetGetLogInfo, returns: the client's
 *                                       next call finds no instance
 *   disk_full   = on=log | on=grow      a log append fails, JET_errLogDiskFull,
 *                                       and the log is down: the instance's
 *                                       sessions then get
 *                                       JET_errInstanceUnavailableDueToFatalLogDiskFull;
 *                                       a database growth, JET_errDiskFull
 *   slow_io     = delay_ms=N [per=mib]  each backup read (or each MiB) waits
 *   missing_log = generation=N          log N is gone under the backup:
 *                                       JET_errMissingFileToBackup
 *   held_open   = file=NAME             another process holds the file (a
 *                                       sharing violation): JET_errFileAccessDenied
 *
 * NAME is a file name, compared with the last part of the path (without
 * case).  Each line may add when=once (the default), when=always, or
 * when=P (a probability from 0 to 1, drawn from the section's seed = N).
 * "log = PATH" sends the record of each fault fired there instead of stderr.
 */
#ifndef SIM_FAULTS_H
#define SIM_FAULTS_H

#include "instance/fault_hook.h"

struct fault_set;

/* One line of the section (key and value trimmed): 0, or
 * JET_errInvalidParameter for a line that is no fault. */
int faults_parse_line(struct fault_set **set, const char *key, const char *value);
void faults_free(struct fault_set *set);
unsigned faults_count(const struct fault_set *set);

/* Instance locked: the set's hook answers the instance's fault points;
 * the instance owns the set from then on (faults_detach frees it). */
int faults_attach(struct instance *inst, struct fault_set *set);
void faults_detach(struct instance *inst);
/* The hook itself, for tests that call it directly. */
int faults_hook(struct instance *inst, struct fault_point *p);

#endif
