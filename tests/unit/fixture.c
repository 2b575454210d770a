#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "db/database.h"
#include "engine/init_term.h"
#include "format/dbfile.h"
#include "instance/instance.h"
#include "jet_values.h"
#include "os/os.h"
#include "scratch.h"
#include "instance/session.h"

static char home[4096];

int enter_scratch(void **state)
{
	if (!home[0] && !getcwd(home, sizeof home))
		return -1;
	if (chdir(home) != 0)
		return -1;
	return chdir(scratch_dir(*state ? (const char *)*state : "case"));
}

int term_everything(void **state)
{
	struct sim_instance_info *list;
	unsigned n;
	while (sim_list_instances(&list, &n) == 0 && n > 0) {
		uintptr_t h = list[0].handle;
		sim_free_instance_list(list, n);
		sim_term(h, JET_bitTermAbrupt | JET_bitTermStopBackup);
	}
	if (sim_list_instances(&list, &n) == 0)
		sim_free_instance_list(list, n);
	return 0;
}

void start_instance_with(const char *name, const char *dir, uintptr_t *inst, uintptr_t *sesid,
			 const unsigned *ids, const intptr_t *values)
{
	char folder[512];
	snprintf(folder, sizeof folder, "%s/", dir);
	os_mkdir(dir);
	assert_int_equal(sim_create_instance(inst, name, NULL), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramLogFilePath, 0, folder), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramSystemPath, 0, folder), JET_errSuccess);
	assert_int_equal(sim_set_param(inst, JET_paramLogFileSize, 128, NULL), JET_errSuccess);
	for (unsigned i = 0; ids && ids[i]; i++)
		assert_int_equal(sim_set_param(inst, ids[i], values[i], NULL), JET_errSuccess);
	assert_int_equal(sim_init(inst, 0), JET_errSuccess);
	if (sesid)
		assert_int_equal(sim_begin_session(*inst, sesid), JET_errSuccess);
}

void start_instance(const char *name, const char *dir, uintptr_t *inst, uintptr_t *sesid)
{
	start_instance_with(name, dir, inst, sesid, NULL, NULL);
}

int windows_fixture(const char *name, const char *as)
{
	char command[2048];
	snprintf(command, sizeof command, "%s/%s.gz", ESENT_FIXTURES_DIR, name);
	if (access(command, R_OK) != 0) {
		print_message("SKIP: %s absent (Windows-made fixtures live in ../shared)\n",
			      command);
		return 0;
	}
	snprintf(command, sizeof command, "gzip -dc '%s/%s.gz' > '%s'", ESENT_FIXTURES_DIR, name,
		 as);
	assert_int_equal(system(command), 0);
	return 1;
}

void change_pages(uintptr_t inst, uint32_t dbid, int count, unsigned char fill)
{
	struct instance *in;
	unsigned char data[200];
	memset(data, fill, sizeof data);
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	for (int i = 0; i < count; i++)
		assert_int_equal(database_write(in, instance_database(in, dbid), 40 + i % 200,
						100 + (i * 37) % 3000, data, sizeof data), JET_errSuccess);
	instance_leave(in, 0);
}

unsigned char *live_pages(uintptr_t inst, uint32_t dbid, uint32_t *pages)
{
	struct instance *in;
	struct database *db;
	unsigned char *all;
	assert_int_equal(instance_enter(inst, 0, &in), JET_errSuccess);
	db = instance_database(in, dbid);
	*pages = db->pages;
	all = malloc((size_t)*pages * db->page_size);
	assert_non_null(all);
	for (uint32_t pgno = 1; pgno <= *pages; pgno++)
		assert_int_equal(database_read_page(db, pgno, all + (size_t)(pgno - 1) * db->page_size),
				 JET_errSuccess);
	instance_leave(in, 0);
	return all;
}

struct db_header *db_header_of(const char *path, struct db_header *h)
{
	os_file *f;
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(db_header_read(f, h), JET_errSuccess);
	os_file_close(f);
	return h;
}

void db_header_put(const char *path, const struct db_header *h)
{
	os_file *f;
	assert_int_equal(os_file_open(path, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(db_header_write(f, h), JET_errSuccess);
	os_file_close(f);
}

unsigned char *file_bytes(const char *path, uint64_t *size)
{
	os_file *f;
	size_t got = 0;
	unsigned char *data;
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(os_file_size(f, size), OS_OK);
	data = malloc(*size ? (size_t)*size : 1);
	assert_non_null(data);
	assert_int_equal(os_file_read_at(f, 0, data, (size_t)*size, &got), OS_OK);
	assert_int_equal(got, *size);
	os_file_close(f);
	return data;
}

void expect_file(const char *path, const unsigned char *data, uint64_t size)
{
	uint64_t n;
	unsigned char *back = file_bytes(path, &n);
	assert_int_equal(n, size);
	assert_memory_equal(back, data, size);
	free(back);
}
