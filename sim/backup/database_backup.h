/*
 * A database as streaming backup sees it: the backup history in its header,
 * and the stream JetReadFile delivers, laid out as the engine lays it out
 * (engine notes §2.3): the header twice (as it was when the file was
 * opened, with the backup stamped in), pages 1..N each read whole and
 * verified (a never-written page is copied as it is), then one trailer
 * page (ESE's PATCHHDR: the backup's generations and the signatures,
 * under the header checksum).
 */
#ifndef SIM_DATABASE_BACKUP_H
#define SIM_DATABASE_BACKUP_H

#include <stdint.h>

#include "db/backup_history.h"
#include "db/database.h"
#include "format/format.h"
#include "format/patch_page.h"

struct database_stream;


/* mark: the backup's place and time in the log; gen_low: the first
 * generation its logs start at. *size is what the reader must copy. */
int database_stream_open(struct database *db, const struct bkinfo *mark,
			 struct database_stream **out, uint64_t *size);
/* cb is a multiple of the page size; *got 0 means the end.  The trailer's
 * genHigh is the log generation current when it is read. */
int database_stream_read(struct database_stream *s, uint32_t current_generation, void *buf,
			 uint32_t cb, uint32_t *got);
/* The next read starts at this offset of the stream (a page boundary). */
void database_stream_seek(struct database_stream *s, uint64_t offset);
int database_stream_done(const struct database_stream *s);
void database_stream_close(struct database_stream *s);

#endif
