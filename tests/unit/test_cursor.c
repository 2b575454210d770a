/* Tables of a Windows-made database through the engine's table API
 * (sim/isam/cursor.c): open, move, retrieve, bookmarks, indexes, read
 * transactions, and the codes of each misuse.  Skips when the fixtures
 * (../shared/fixtures/isam) are absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/database.h"
#include "engine/init_term.h"
#include "engine/session_end.h"
#include "fixture.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/cursor.h"
#include "jet_values.h"

static unsigned char *slurp(const char *path, long *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*size = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)*size);
	assert_int_equal(fread(p, 1, (size_t)*size, f), (size_t)*size);
	fclose(f);
	return p;
}

/* The fixture in the case's folder, attached read-only and opened. */
static int attach(const char *name, uintptr_t *inst, uintptr_t *sesid, uint32_t *dbid)
{
	char cmd[1024];
	FILE *f;
	snprintf(cmd, sizeof cmd, "%s/%s.gz", ESENT_FIXTURES_DIR, name);
	if (!(f = fopen(cmd, "rb"))) {
		print_message("SKIP: %s absent\n", cmd);
		return 0;
	}
	fclose(f);
	snprintf(cmd, sizeof cmd, "gzip -dc '%s/%s.gz' > '%s'", ESENT_FIXTURES_DIR, name, name);
	assert_int_equal(system(cmd), 0);
	start_instance("isam", "i", inst, sesid);
	assert_int_equal(sim_attach_database(*sesid, name, 0, JET_bitDbReadOnly), JET_errSuccess);
	assert_true(sim_open_database(*sesid, name, JET_bitDbReadOnly, dbid) >= 0);
	return 1;
}

static void walk_and_retrieve(void **state)
{
	uintptr_t inst, sesid, tableid, other;
	uint32_t dbid, actual, columnid;
	unsigned char buf[64];
	int rows = 0, err;
	long before_size, after_size;
	unsigned char *before, *after;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	before = slurp("goese-SRUDB.dat", &before_size);
	assert_int_equal(sim_open_table(sesid, dbid, "nosuchtable", 0, &tableid),
			 JET_errObjectNotFound);
	assert_int_equal(sim_open_table(sesid, dbid + 1, "SruDbIdMapTable", 0, &tableid),
			 JET_errInvalidDatabaseId);
	assert_int_equal(sim_open_table(sesid, dbid, NULL, 0, &tableid), JET_errInvalidParameter);
	/* names compare case-insensitively */
	assert_int_equal(sim_open_table(sesid, dbid, "sRUdBiDmAPtABLE", 0, &tableid),
			 JET_errSuccess);
	/* before the first record */
	assert_int_equal(sim_retrieve_column(sesid, tableid, 1, buf, 1, &actual, 0, 1, 0),
			 JET_errNoCurrentRecord);
	while ((err = sim_move(sesid, tableid, 1, 0)) == JET_errSuccess)
		rows++;
	assert_int_equal(err, JET_errNoCurrentRecord);
	assert_int_equal(rows, 1141);
	assert_int_equal(sim_move(sesid, tableid, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	{
		struct isam_column c;
		assert_int_equal(sim_table_column(sesid, tableid, "IdIndex", 0, &c), JET_errSuccess);
		columnid = c.id;
		assert_int_equal(c.coltyp, 4);
		isam_column_release(&c);
		assert_int_equal(sim_table_column(sesid, tableid, "nope", 0, &c),
				 JET_errColumnNotFound);
	}
	assert_int_equal(sim_retrieve_column(sesid, tableid, columnid, buf, 4, &actual, 0, 1, 0),
			 JET_errSuccess);
	assert_int_equal(actual, 4);
	assert_int_equal(buf[0] | buf[1] << 8 | buf[2] << 16 | (uint32_t)buf[3] << 24, 1);
	assert_int_equal(sim_retrieve_column(sesid, tableid, columnid, buf, 2, &actual, 0, 1, 0),
			 JET_wrnBufferTruncated);
	assert_int_equal(sim_retrieve_column(sesid, tableid, columnid, buf, 4, &actual, 0, 0, 0),
			 JET_errBadItagSequence);
	assert_int_equal(sim_retrieve_column(sesid, tableid, 9999, buf, 4, &actual, 0, 1, 0),
			 JET_errColumnNotFound);
	/* by n, and back past the start */
	assert_int_equal(sim_move(sesid, tableid, 10, 0), JET_errSuccess);
	assert_int_equal(sim_retrieve_column(sesid, tableid, columnid, buf, 4, &actual, 0, 1, 0),
			 JET_errSuccess);
	assert_int_equal(buf[0], 11);
	{
		unsigned char bm[64];
		uint32_t cb;
		assert_int_equal(sim_get_bookmark(sesid, tableid, bm, 0, &cb), JET_errBufferTooSmall);
		assert_int_equal(sim_get_bookmark(sesid, tableid, bm, sizeof bm, &cb), JET_errSuccess);
		assert_int_equal(sim_move(sesid, tableid, ISAM_MOVE_LAST, 0), JET_errSuccess);
		assert_int_equal(sim_goto_bookmark(sesid, tableid, bm, cb), JET_errSuccess);
		assert_int_equal(sim_retrieve_column(sesid, tableid, columnid, buf, 4, &actual, 0,
						     1, 0),
				 JET_errSuccess);
		assert_int_equal(buf[0], 11);
		/* a key no record has */
		bm[cb] = 0xff;
		assert_int_equal(sim_goto_bookmark(sesid, tableid, bm, cb + 1), JET_errRecordDeleted);
		assert_int_equal(sim_goto_bookmark(sesid, tableid, bm, 0), JET_errInvalidBookmark);
	}
	assert_int_equal(sim_move(sesid, tableid, -2000, 0), JET_errNoCurrentRecord);
	/* another session cannot use this table id */
	{
		uintptr_t s2;
		assert_int_equal(sim_begin_session(inst, &s2), JET_errSuccess);
		assert_int_equal(sim_move(s2, tableid, 1, 0), JET_errInvalidTableId);
		assert_int_equal(sim_end_session(s2, 0), JET_errSuccess);
	}
	/* two cursors on one table move independently */
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbIdMapTable", 0, &other), JET_errSuccess);
	assert_int_equal(sim_move(sesid, other, ISAM_MOVE_LAST, 0), JET_errSuccess);
	assert_int_equal(sim_close_table(sesid, other), JET_errSuccess);
	assert_int_equal(sim_close_table(sesid, other), JET_errInvalidTableId);
	assert_int_equal(sim_close_table(sesid, tableid), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
	/* a read-only attach changes no byte */
	after = slurp("goese-SRUDB.dat", &after_size);
	assert_int_equal(before_size, after_size);
	assert_memory_equal(before, after, (size_t)before_size);
	free(before);
	free(after);
}

static void secondary_index_order(void **state)
{
	uintptr_t inst, sesid, tableid;
	uint32_t dbid, actual, prev_type = 0;
	unsigned char buf[8];
	char *name;
	int rows = 0, err;
	struct isam_column type;
	(void)state;
	if (!attach("goese-SRUDB.dat", &inst, &sesid, &dbid))
		skip();
	assert_int_equal(sim_open_table(sesid, dbid, "SruDbIdMapTable", 0, &tableid),
			 JET_errSuccess);
	assert_int_equal(sim_get_current_index(sesid, tableid, &name), JET_errSuccess);
	assert_string_equal(name, "IdIndex");
	free(name);
	assert_int_equal(sim_set_current_index(sesid, tableid, "NoSuchIndex", 0),
			 JET_errIndexNotFound);
	assert_int_equal(sim_set_current_index(sesid, tableid, "IdTypeIdBlob", 0), JET_errSuccess);
	assert_int_equal(sim_table_column(sesid, tableid, "IdType", 0, &type), JET_errSuccess);
	/* on the first entry of the index: its records come in IdType order */
	do {
		assert_int_equal(sim_retrieve_column(sesid, tableid, type.id, buf, 1, &actual, 0, 1,
						     0),
				 JET_errSuccess);
		assert_true(buf[0] >= prev_type);
		prev_type = buf[0];
		rows++;
	} while ((err = sim_move(sesid, tableid, 1, 0)) == JET_errSuccess);
	assert_int_equal(err, JET_errNoCurrentRecord);
	assert_int_equal(rows, 1141);
	isam_column_release(&type);
	/* back to the primary index, staying on the record */
	assert_int_equal(sim_move(sesid, tableid, ISAM_MOVE_FIRST, 0), JET_errSuccess);
	assert_int_equal(sim_set_current_index(sesid, tableid, NULL, ISAM_INDEX_NO_MOVE),
			 JET_errSuccess);
	assert_int_equal(sim_close_table(sesid, tableid), JET_errSuccess);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

static void read_transactions(void **state)
{
	uintptr_t inst, sesid;
	int i;
	(void)state;
	start_instance("isam", "i", &inst, &sesid);
	assert_int_equal(sim_commit_transaction(sesid, 0), JET_errNotInTransaction);
	assert_int_equal(sim_rollback(sesid, 0), JET_errNotInTransaction);
	for (i = 0; i < 7; i++)
		assert_int_equal(sim_begin_transaction(sesid, 0), JET_errSuccess);
	assert_int_equal(sim_begin_transaction(sesid, 0), JET_errTransTooDeep);
	assert_int_equal(sim_rollback(sesid, 0), JET_errSuccess);
	for (i = 0; i < 6; i++)
		assert_int_equal(sim_commit_transaction(sesid, 0), JET_errSuccess);
	assert_int_equal(sim_commit_transaction(sesid, 0), JET_errNotInTransaction);
	assert_int_equal(sim_begin_transaction(0x7777, 0), JET_errInvalidSesid);
	assert_int_equal(sim_term(inst, 0), JET_errSuccess);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(walk_and_retrieve),
		CASE(secondary_index_order),
		CASE(read_transactions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
