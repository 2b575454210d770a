/* What the engine's unit tests share: each case in an empty folder of its
 * own, no instance left behind, and a running instance in one call. */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdint.h>

struct db_header;

/* cmocka setup: chdir into a fresh folder named by the case's state. */
int enter_scratch(void **state);
/* cmocka teardown: terminates every instance still there. */
int term_everything(void **state);

#define CASE(fn) cmocka_unit_test_prestate_setup_teardown(fn, enter_scratch, term_everything, #fn)

/* A running instance named `name` whose files are in folder `dir` (made),
 * with 128 KiB logs, and a session on it. */
void start_instance(const char *name, const char *dir, uintptr_t *inst, uintptr_t *sesid);
/* A parameter set before start_instance's JetInit (0 ends the list). */
void start_instance_with(const char *name, const char *dir, uintptr_t *inst, uintptr_t *sesid,
			 const unsigned *ids, const intptr_t *values);

/* A real Windows-made database from ../shared/fixtures/isam/ (NAME.gz),
 * decompressed into the current folder as `as`: 1, or 0 when the fixtures
 * are absent (the caller skips, saying so). */
int windows_fixture(const char *name, const char *as);

/* `count` writes of 200 bytes of `fill` spread over pages 40..239 of an
 * attached database: changes that reach its log and pages. */
void change_pages(uintptr_t inst, uint32_t dbid, int count, unsigned char fill);
/* The live database's pages 1..*pages as they are now (malloc'ed). */
unsigned char *live_pages(uintptr_t inst, uint32_t dbid, uint32_t *pages);

/* The whole of the file at path (malloc'ed), its size in *size. */
unsigned char *file_bytes(const char *path, uint64_t *size);
/* Asserts the file at path holds exactly these bytes. */
void expect_file(const char *path, const unsigned char *data, uint64_t size);

/* The header of the database file at path, read into *h (returned) or
 * written in place. */
struct db_header *db_header_of(const char *path, struct db_header *h);
void db_header_put(const char *path, const struct db_header *h);

#endif
