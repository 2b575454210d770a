/* An archived log read into the reader's buffers (sim/log/log_stream.c):
 * the bytes are the file's whatever the read size, records cut between
 * two reads are checked, and damage is reported by the read that meets
 * it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "jet_values.h"
#include "log/log.h"
#include "log/log_stream.h"
#include "os/os.h"
#include "scratch.h"

#define LOG_SIZE (256u * 1024)

static struct log_names names;
static char folder[4096];

/* Generation 1 of a fresh set: records of many sizes, so that reads of
 * any size cut some of them; its path (malloc'ed). */
static char *make_log(const char *dir)
{
	char *full = os_full_path(scratch_dir(dir));
	struct log_writer_config c = { .names = &names, .file_size = LOG_SIZE, .db_page_size = 4096 };
	struct log_writer *w;
	unsigned char data[3000];
	snprintf(folder, sizeof folder, "%s/", full);
	free(full);
	names.folder = folder;
	memcpy(names.base, "edb", 4);
	names.legacy = 3;
	memset(data, 0x5A, sizeof data);
	assert_int_equal(log_writer_create(&c, &w), JET_errSuccess);
	for (uint32_t i = 1; log_generation(w) == 1; i++) {
		struct log_record r = { .type = LOG_REC_PAGE, .dbid = 1, .pgno = i, .offset = 40,
					.length = (i * 733) % sizeof data, .payload = data };
		assert_int_equal(log_append(w, &r, NULL), JET_errSuccess);
	}
	log_writer_close(w);
	return log_archive_path(&names, 1);
}

/* Reads it all in reads of cb: the error of the first read that fails,
 * and the bytes before it in out. */
static int stream_all(const char *path, size_t cb, unsigned char *out, uint64_t *total,
		      uint64_t *failed_at)
{
	struct log_stream *s;
	uint64_t size;
	size_t got;
	int err = log_stream_open(path, 1, NULL, &s, &size);
	*total = 0;
	if (err)
		return err;
	for (;;) {
		err = log_stream_read(s, out + *total, cb, &got);
		if (err || got == 0)
			break;
		*total += got;
	}
	*failed_at = *total;
	log_stream_close(s);
	return err;
}

static void bytes_are_the_files_at_any_read_size(void **state)
{
	static const size_t sizes[] = { 8192, 4100, 12345, 65536, 1 << 20, 31 };
	char *path = make_log("any");
	uint64_t size, total, at;
	unsigned char *all = file_bytes(path, &size), *out = malloc(size + (1 << 20));
	assert_int_equal(size, LOG_SIZE);
	for (unsigned i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		memset(out, 0, size);
		assert_int_equal(stream_all(path, sizes[i], out, &total, &at), JET_errSuccess);
		assert_int_equal(total, size);
		assert_memory_equal(out, all, size);
	}
	assert_int_equal(log_verify_file(path, 1, NULL), JET_errSuccess);
	free(all);
	free(out);
	free(path);
}

static void flip(const char *path, uint64_t offset)
{
	os_file *f;
	unsigned char b;
	size_t got;
	assert_int_equal(os_file_open(path, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_read_at(f, offset, &b, 1, &got), OS_OK);
	b ^= 0x10;
	assert_int_equal(os_file_write_at(f, offset, &b, 1), OS_OK);
	os_file_close(f);
}

/* A flipped byte is reported by the read whose bytes complete its record
 * (a flip in a size field may announce a longer one), never before the
 * damaged byte was read; a payload byte's damage within a record. */
static void damage_is_reported_where_it_is_read(void **state)
{
	char *path = make_log("damage");
	uint64_t size, total, at, spots[] = { LOG_FIRST_RECORD + 40, 20000, 65530, 65540, 100001 };
	unsigned char *out = malloc(LOG_SIZE + 65536);
	free(file_bytes(path, &size));
	for (unsigned i = 0; i < sizeof spots / sizeof *spots; i++) {
		flip(path, spots[i]);
		assert_int_equal(stream_all(path, 8192, out, &total, &at), JET_errLogFileCorrupt);
		assert_true(at + 8192 > spots[i]);
		if (i == 0)   /* a payload byte of the first record */
			assert_true(at == 0);
		assert_int_equal(log_verify_file(path, 1, NULL), JET_errLogFileCorrupt);
		flip(path, spots[i]);
		assert_int_equal(stream_all(path, 8192, out, &total, &at), JET_errSuccess);
	}
	free(out);
	free(path);
}

/* The header: another generation or signature, or a damaged byte, fail
 * the first read; a missing file fails the open. */
static void header_and_name_are_checked(void **state)
{
	char *path = make_log("header");
	struct log_stream *s;
	struct signature other = { 0 };
	unsigned char buf[8192];
	uint64_t size;
	size_t got;
	assert_int_equal(log_stream_open(path, 2, NULL, &s, &size), JET_errSuccess);
	assert_int_equal(size, LOG_SIZE);
	assert_int_equal(log_stream_read(s, buf, sizeof buf, &got), JET_errLogFileCorrupt);
	assert_int_equal(got, 0);
	log_stream_close(s);
	assert_int_equal(log_stream_open(path, 1, &other, &s, &size), JET_errSuccess);
	assert_int_equal(log_stream_read(s, buf, sizeof buf, &got), JET_errLogFileCorrupt);
	log_stream_close(s);
	flip(path, 100);
	assert_int_equal(log_stream_open(path, 1, NULL, &s, &size), JET_errSuccess);
	assert_int_equal(log_stream_read(s, buf, sizeof buf, &got), JET_errLogFileCorrupt);
	log_stream_close(s);
	assert_int_equal(log_stream_open("no/such.log", 1, NULL, &s, &size), JET_errFileNotFound);
	free(path);
}

/* An archived log without the end record of its roll is damaged: the last
 * read says so. */
static void a_log_without_its_end_fails_at_the_last_read(void **state)
{
	char *path = make_log("noend");
	uint64_t size, total, at;
	unsigned char *all = file_bytes(path, &size), *out = malloc(LOG_SIZE + 8192);
	uint64_t pos = LOG_FIRST_RECORD, last = 0;
	os_file *f;
	static const unsigned char zero[64];
	/* walk to the end record and zero it */
	while (get32(all + pos + 4) != 0 && all[pos + 8] != LOG_REC_END) {
		last = pos;
		pos += get32(all + pos + 4);
	}
	assert_true(last > 0);
	assert_int_equal(all[pos + 8], LOG_REC_END);
	assert_int_equal(os_file_open(path, OS_OPEN_READWRITE, &f), OS_OK);
	assert_int_equal(os_file_write_at(f, pos, zero, sizeof zero), OS_OK);
	os_file_close(f);
	assert_int_equal(stream_all(path, 8192, out, &total, &at), JET_errLogFileCorrupt);
	assert_true(at + 8192 > pos);
	free(all);
	free(out);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bytes_are_the_files_at_any_read_size),
		cmocka_unit_test(damage_is_reported_where_it_is_read),
		cmocka_unit_test(header_and_name_are_checked),
		cmocka_unit_test(a_log_without_its_end_fails_at_the_last_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
