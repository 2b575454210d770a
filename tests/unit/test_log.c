/* The log files (sim/log.c): names, header, records, roll, verification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "jet_values.h"
#include "log/log.h"
#include "log/log_stream.h"
#include "os/os.h"
#include "scratch.h"

static struct log_names names_in(const char *dir, unsigned legacy)
{
	static char folder[4096];
	struct log_names n;
	char *full = os_full_path(dir);
	snprintf(folder, sizeof folder, "%s/", full);
	free(full);
	n.folder = folder;
	memcpy(n.base, "edb", 4);
	n.legacy = legacy;
	return n;
}

static const char *name_of(char *path)
{
	static char name[64];
	snprintf(name, sizeof name, "%s", strrchr(path, '/') + 1);
	free(path);
	return name;
}

static void names_follow_legacy_file_names(void **state)
{
	struct log_names n = names_in(scratch_dir("names"), 3);
	assert_string_equal(name_of(log_current_path(&n)), "edb.log");
	assert_string_equal(name_of(log_archive_path(&n, 10)), "edb0000A.log");
	assert_string_equal(name_of(log_archive_path(&n, 0x100000)), "edb00100000.log");
	assert_string_equal(name_of(log_roll_temp_path(&n)), "edbtmp.log");
	assert_string_equal(name_of(log_reserve_path(&n, 2)), "edbres00002.jrs");
	n.legacy = JET_bitESE98FileNames;          /* ESE's default: 8 digits */
	assert_string_equal(name_of(log_archive_path(&n, 10)), "edb0000000A.log");
	n.legacy = 0;                              /* Exchange names */
	assert_string_equal(name_of(log_current_path(&n)), "edb.jtx");
	assert_string_equal(name_of(log_archive_path(&n, 0xAB)), "edb000000AB.jtx");
	memcpy(n.base, "abc", 4);
	n.legacy = 3;
	assert_string_equal(name_of(log_archive_path(&n, 1)), "abc00001.log");
}

/* Only the exact name the set gives a generation is taken for it: the
 * backup API relies on this to refuse every other path. */
static void generation_of_path_is_strict(void **state)
{
	struct log_names n = names_in(scratch_dir("strict"), 3);
	char path[4200];
	snprintf(path, sizeof path, "%sedb0000A.log", n.folder);
	assert_int_equal(log_generation_of_path(&n, path), 10);
	snprintf(path, sizeof path, "%sedb0000a.log", n.folder);   /* case: POSIX rules */
	assert_int_equal(log_generation_of_path(&n, path), 0);
	snprintf(path, sizeof path, "%sedb000000A.log", n.folder); /* 6 digits */
	assert_int_equal(log_generation_of_path(&n, path), 0);
	snprintf(path, sizeof path, "%sedb.log", n.folder);
	assert_int_equal(log_generation_of_path(&n, path), 0);
	snprintf(path, sizeof path, "%sedb00000.log", n.folder);   /* no generation 0 */
	assert_int_equal(log_generation_of_path(&n, path), 0);
	snprintf(path, sizeof path, "%sother/edb0000A.log", n.folder);
	assert_int_equal(log_generation_of_path(&n, path), 0);
	snprintf(path, sizeof path, "%sedb0000G.log", n.folder);
	assert_int_equal(log_generation_of_path(&n, path), 0);
	snprintf(path, sizeof path, "/etc/edb0000A.log");
	assert_int_equal(log_generation_of_path(&n, path), 0);
	assert_int_equal(log_generation_of_path(&n, "edb0000A.log"), 0);
}

static struct log_writer_config config_for(const struct log_names *n, uint32_t size)
{
	struct log_writer_config c = { .names = n, .file_size = size, .db_page_size = 4096 };
	return c;
}

static void page_record(struct log_record *r, uint32_t pgno, const unsigned char *data, uint32_t n)
{
	memset(r, 0, sizeof *r);
	r->type = LOG_REC_PAGE;
	r->dbid = 1;
	r->pgno = pgno;
	r->dbtime = pgno * 10;
	r->offset = 40;
	r->length = n;
	r->payload = data;
}

/* The records' CRC-32 is IEEE 802.3's, whatever the length and the
 * alignment, and goes on from a previous value. */
static void record_crc_is_ieee(void **state)
{
	unsigned char buf[200];
	(void)state;
	assert_int_equal(crc32_of(0, "123456789", 9), 0xCBF43926u);
	for (unsigned i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 37 + 11);
	for (unsigned from = 0; from < 9; from++)
		for (unsigned len = 0; from + len <= sizeof buf; len += 7) {
			uint32_t byte = 0xFFFFFFFFu;
			for (unsigned i = 0; i < len; i++) {
				byte ^= buf[from + i];
				for (int k = 0; k < 8; k++)
					byte = byte & 1 ? 0xEDB88320u ^ (byte >> 1) : byte >> 1;
			}
			assert_int_equal(crc32_of(0, buf + from, len), ~byte);
			assert_int_equal(crc32_of(crc32_of(0, buf + from, len / 3), buf + from + len / 3,
						  len - len / 3),
					 ~byte);
		}
}

static void records_round_trip_and_roll(void **state)
{
	struct log_names n = names_in(scratch_dir("roll"), 3);
	struct log_writer_config c = config_for(&n, 128 * 1024);
	struct log_writer *w;
	struct log_reader *r;
	struct log_record rec;
	struct lgpos at, first;
	unsigned char data[1000];
	char *path;
	int count = 0, more;

	memset(data, 0xAB, sizeof data);
	assert_int_equal(log_writer_create(&c, &w), JET_errSuccess);
	assert_int_equal(log_generation(w), 1);
	page_record(&rec, 1, data, sizeof data);
	assert_int_equal(log_append(w, &rec, &first), JET_errSuccess);
	assert_int_equal(first.generation, 1);
	assert_int_equal(lgpos_offset(first), LOG_FIRST_RECORD);
	/* 128 KiB holds about 120 records of 1 KiB: 300 roll twice */
	for (uint32_t i = 2; i <= 300; i++) {
		page_record(&rec, i, data, sizeof data);
		assert_int_equal(log_append(w, &rec, &at), JET_errSuccess);
	}
	assert_int_equal(log_generation(w), 3);
	log_writer_close(w);

	path = log_archive_path(&n, 1);
	assert_int_equal(log_verify_file(path, 1, NULL), JET_errSuccess);
	assert_int_equal(log_verify_file(path, 2, NULL), JET_errLogFileCorrupt);
	assert_int_equal(log_reader_open(path, 0, &r), JET_errSuccess);
	assert_int_equal(log_reader_header(r)->generation, 1);
	assert_int_equal(log_reader_header(r)->file_size, 128 * 1024);
	while ((more = log_reader_next(r, &rec, &at)) == 1) {
		count++;
		assert_int_equal(rec.pgno, (uint32_t)count);
		assert_int_equal(rec.length, sizeof data);
		assert_memory_equal(rec.payload, data, sizeof data);
	}
	assert_int_equal(more, 0);
	assert_true(log_reader_saw_end_record(r));
	log_reader_close(r);
	free(path);

	path = log_archive_path(&n, 2);
	assert_int_equal(log_reader_open(path, 0, &r), JET_errSuccess);
	while (log_reader_next(r, &rec, &at) == 1)
		assert_int_equal(rec.pgno, (uint32_t)++count);
	log_reader_close(r);
	free(path);

	/* the live log: the last generation, its records readable, no end */
	path = log_current_path(&n);
	assert_int_equal(log_reader_open(path, 1, &r), JET_errSuccess);
	assert_int_equal(log_reader_header(r)->generation, 3);
	while (log_reader_next(r, &rec, &at) == 1)
		assert_int_equal(rec.pgno, (uint32_t)++count);
	assert_int_equal(count, 300);
	assert_false(log_reader_saw_end_record(r));
	log_reader_close(r);
	free(path);
	assert_int_equal(log_lowest_archived(&n), 1);
}

static void corruption_is_found(void **state)
{
	struct log_names n = names_in(scratch_dir("corrupt"), 3);
	struct log_writer_config c = config_for(&n, 128 * 1024);
	struct log_writer *w;
	struct log_record rec;
	struct log_reader *r;
	unsigned char data[64] = { 1 }, flip = 0xFF;
	struct lgpos at;
	char *archive, *current;
	os_file *f;
	int more;

	assert_int_equal(log_writer_create(&c, &w), JET_errSuccess);
	for (uint32_t i = 1; i <= 10; i++) {
		page_record(&rec, i, data, sizeof data);
		assert_int_equal(log_append(w, &rec, &at), JET_errSuccess);
	}
	assert_int_equal(log_roll(w), JET_errSuccess);
	page_record(&rec, 11, data, sizeof data);
	assert_int_equal(log_append(w, &rec, &at), JET_errSuccess);
	log_writer_close(w);

	archive = log_archive_path(&n, 1);
	current = log_current_path(&n);
	/* one byte of a record's payload in the archived log */
	assert_int_equal(os_file_open(archive, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, LOG_FIRST_RECORD + 40, &flip, 1), OS_OK);
	os_file_close(f);
	assert_int_equal(log_verify_file(archive, 1, NULL), JET_errLogFileCorrupt);
	/* a header byte */
	assert_int_equal(os_file_open(archive, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, 100, &flip, 1), OS_OK);
	os_file_close(f);
	assert_int_equal(log_verify_file(archive, 1, NULL), JET_errLogFileCorrupt);

	/* a torn last record of the live log is just its end */
	assert_int_equal(os_file_open(current, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, LOG_FIRST_RECORD + 40, &flip, 1), OS_OK);
	os_file_close(f);
	assert_int_equal(log_reader_open(current, 1, &r), JET_errSuccess);
	more = log_reader_next(r, &rec, &at);
	assert_int_equal(more, 0);
	assert_int_equal(log_reader_end(r), LOG_FIRST_RECORD);
	log_reader_close(r);
	assert_int_equal(log_verify_file("no/such/file.log", 1, NULL), JET_errFileNotFound);
	free(archive);
	free(current);
}

/* Appending continues after the last record of a reopened log. */
static void writer_resumes(void **state)
{
	struct log_names n = names_in(scratch_dir("resume"), 3);
	struct log_writer_config c = config_for(&n, 128 * 1024);
	struct log_writer *w;
	struct log_reader *r;
	struct log_header h;
	struct log_record rec;
	unsigned char data[8] = "abcdefg";
	struct lgpos at;
	char *current = log_current_path(&n);
	int count = 0;

	assert_int_equal(log_writer_create(&c, &w), JET_errSuccess);
	page_record(&rec, 1, data, sizeof data);
	assert_int_equal(log_append(w, &rec, &at), JET_errSuccess);
	log_writer_close(w);
	assert_int_equal(log_reader_open(current, 1, &r), JET_errSuccess);
	while (log_reader_next(r, &rec, &at) == 1)
		;
	h = *log_reader_header(r);
	assert_int_equal(log_writer_resume(&c, &h, log_reader_end(r), &w), JET_errSuccess);
	log_reader_close(r);
	page_record(&rec, 2, data, sizeof data);
	assert_int_equal(log_append(w, &rec, &at), JET_errSuccess);
	log_writer_close(w);
	assert_int_equal(log_reader_open(current, 1, &r), JET_errSuccess);
	while (log_reader_next(r, &rec, &at) == 1)
		assert_int_equal(rec.pgno, (uint32_t)++count);
	assert_int_equal(count, 2);
	log_reader_close(r);
	free(current);
}

/* The lowest archived generation is kept by the writer: rolls and
 * removals move it without a folder scan, and a log deleted behind the
 * engine's back is noticed (the folder is scanned again). */
static void lowest_archived_is_kept(void **state)
{
	struct log_names n = names_in(scratch_dir("lowest"), 3);
	struct log_writer_config c = config_for(&n, 128 * 1024);
	struct log_writer *w;
	char *path;

	assert_int_equal(log_writer_create(&c, &w), JET_errSuccess);
	assert_int_equal(log_writer_lowest_archived(w), 0);
	assert_int_equal(log_roll(w), JET_errSuccess);
	assert_int_equal(log_writer_lowest_archived(w), 1);
	for (int i = 0; i < 4; i++)
		assert_int_equal(log_roll(w), JET_errSuccess);
	assert_int_equal(log_generation(w), 6);
	assert_int_equal(log_writer_lowest_archived(w), 1);
	assert_int_equal(log_lowest_archived(&n), 1);
	assert_int_equal(log_remove_archived(w, 1), OS_OK);
	assert_int_equal(log_writer_lowest_archived(w), 2);
	assert_int_equal(log_remove_archived(w, 1), OS_NOT_FOUND);
	assert_int_equal(log_writer_lowest_archived(w), 2);
	/* generations 2 and 3 go behind its back: 4 is found */
	path = log_archive_path(&n, 2);
	assert_int_equal(os_remove(path), OS_OK);
	free(path);
	path = log_archive_path(&n, 3);
	assert_int_equal(os_remove(path), OS_OK);
	free(path);
	assert_int_equal(log_writer_lowest_archived(w), 4);
	assert_int_equal(log_remove_archived(w, 4), OS_OK);
	assert_int_equal(log_remove_archived(w, 5), OS_OK);
	assert_int_equal(log_writer_lowest_archived(w), 0);
	assert_int_equal(log_lowest_archived(&n), 0);
	assert_int_equal(log_roll(w), JET_errSuccess);
	assert_int_equal(log_writer_lowest_archived(w), 6);
	log_writer_close(w);
}

/* fLGFlags (byte 639): circular logging now (0x02), and from the second
 * generation on, circular logging in an earlier one (0x04), as ESE's
 * LGSetFlagsInLgfilehdrT carries it forward (logstream.cxx). */
static void circular_flags_carry_history(void **state)
{
	struct log_names n = names_in(scratch_dir("circular"), 3);
	struct log_writer_config c = config_for(&n, 128 * 1024);
	unsigned char h[LOG_HEADER_SIZE];
	struct log_writer *w;
	os_file *f;
	char *path;

	c.circular = 1;
	assert_int_equal(log_writer_create(&c, &w), JET_errSuccess);
	assert_int_equal(log_roll(w), JET_errSuccess);
	log_writer_close(w);
	path = log_archive_path(&n, 1);
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(os_file_read_at(f, 0, h, sizeof h, NULL), OS_OK);
	os_file_close(f);
	free(path);
	assert_int_equal(h[639], 0x02);
	path = log_current_path(&n);
	assert_int_equal(os_file_open(path, OS_OPEN_READ, &f), OS_OK);
	assert_int_equal(os_file_read_at(f, 0, h, sizeof h, NULL), OS_OK);
	os_file_close(f);
	free(path);
	assert_int_equal(h[639], 0x06);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_follow_legacy_file_names),
		cmocka_unit_test(generation_of_path_is_strict),
		cmocka_unit_test(record_crc_is_ieee),
		cmocka_unit_test(records_round_trip_and_roll),
		cmocka_unit_test(corruption_is_found),
		cmocka_unit_test(writer_resumes),
		cmocka_unit_test(lowest_archived_is_kept),
		cmocka_unit_test(circular_flags_carry_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
