/*
 * The space the database owns, where ESE keeps it: the database root
 * (pgnoSystemRoot, page 1) carries a SPACE_HEADER (space.hxx) as its
 * external header, naming its owned-extent tree (OwnExt, page 2 in a new
 * database), whose keys are the last page of each extent, big-endian, and
 * whose data is the extent's page count.  ESE learns the database's last
 * page from the highest key at attach (ErrDBSetLastPage → ErrBTGetLastPgno,
 * db.cxx).
 */
#ifndef SIM_SPACE_OWNED_H
#define SIM_SPACE_OWNED_H

#include <stdint.h>

#include "os/os.h"

/* Page 1 and page 2 of a database of `pages` pages, owning them as one
 * extent [1, pages].  Pages of 16 KiB and more are left as page_init makes
 * them (no space information). */
void space_root_page(unsigned char *page, uint32_t page_size, uint32_t pages);
void space_owned_page(unsigned char *page, uint32_t page_size, uint32_t pages);

/* The last page the database owns: *last = 0 when the root carries no
 * space information (an empty external header); JET_errDatabaseCorrupted
 * when the tree cannot be read as one, or lies beyond the file's end. */
int space_owned_last(os_file *f, uint32_t page_size, uint32_t *last);

#endif
