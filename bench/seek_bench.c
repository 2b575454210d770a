/*
 * seek_bench: seeks per second on a Windows-made database, on its primary
 * index and on a secondary one: every key of the index (read once with
 * JetRetrieveKey) made again with JetMakeKey(JET_bitNormalizedKey) and
 * sought with JetSeek(JET_bitSeekEQ), in a shuffled order, then each key
 * of the primary index made from its column value (a Long).  Built
 * natively over the engine (sim/) and for Windows over esent.dll's API
 * under Wine: the same steps, the same figures.
 *
 * usage: seek_bench DATABASE [TABLE PRIMARY_COLUMN SECONDARY_INDEX [ROUNDS]]
 *        (SruDbIdMapTable IdIndex IdTypeIdBlob 20 by default)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#include <esent.h>

#include "jet_values.h"

typedef JET_SESID sesid_t;
typedef JET_TABLEID table_t;

static double now(void)
{
	LARGE_INTEGER f, c;
	QueryPerformanceFrequency(&f);
	QueryPerformanceCounter(&c);
	return (double)c.QuadPart / (double)f.QuadPart;
}

static JET_INSTANCE inst;

static int open_db(const char *path, const char *table, sesid_t *sesid, table_t *t)
{
	unsigned long page_size = 0;
	JET_DBID dbid;
	JET_ERR err = JetGetDatabaseFileInfo(path, &page_size, sizeof page_size, JET_DbInfoPageSize);
	if (err < 0)
		return err;
	CreateDirectoryA("seek_bench.logs", NULL);
	JetSetSystemParameter(NULL, 0, JET_paramDatabasePageSize, page_size, NULL);
	if ((err = JetCreateInstance(&inst, "seek_bench")) < 0)
		return err;
	JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0, "seek_bench.logs\\");
	JetSetSystemParameter(&inst, 0, JET_paramSystemPath, 0, "seek_bench.logs\\");
	if ((err = JetInit(&inst)) < 0 || (err = JetBeginSession(inst, sesid, NULL, NULL)) < 0 ||
	    (err = JetAttachDatabase2(*sesid, path, 0, JET_bitDbReadOnly)) < 0 ||
	    (err = JetOpenDatabase(*sesid, path, NULL, &dbid, JET_bitDbReadOnly)) < 0)
		return err;
	return JetOpenTable(*sesid, dbid, table, NULL, 0, JET_bitTableReadOnly, t);
}

static int column_id(sesid_t s, table_t t, const char *name, uint32_t *id)
{
	JET_COLUMNDEF def;
	JET_ERR err = JetGetTableColumnInfoA(s, t, name, &def, sizeof def, JET_ColInfo);
	*id = def.columnid;
	return err;
}

#define SET_INDEX(s, t, name) JetSetCurrentIndexA(s, t, name)
#define MOVE(s, t, crow) JetMove(s, t, crow, 0)
#define MOVE_FIRST JET_MoveFirst
#define RETRIEVE_KEY(s, t, buf, cb, actual) JetRetrieveKey(s, t, buf, cb, actual, 0)
#define RETRIEVE(s, t, col, buf, cb, actual) JetRetrieveColumn(s, t, col, buf, cb, actual, 0, NULL)
#define MAKE_KEY(s, t, data, cb, grbit) JetMakeKey(s, t, data, cb, grbit)
#define SEEK(s, t, grbit) JetSeek(s, t, grbit)
#define ENGINE "esent.dll under Wine"
static void close_db(sesid_t s)
{
	JetEndSession(s, 0);
	JetTerm(inst);
}
#else
#include <sys/stat.h>
#include <time.h>

#include "db/database.h"
#include "engine/init_term.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/cursor.h"
#include "isam/seek.h"
#include "jet_values.h"

typedef uintptr_t sesid_t;
typedef uintptr_t table_t;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uintptr_t inst;

static int page_size_of(const char *path, intptr_t *size)
{
	unsigned char hdr[240];
	FILE *f = fopen(path, "rb");
	if (!f || fread(hdr, 1, sizeof hdr, f) != sizeof hdr) {
		if (f)
			fclose(f);
		return JET_errFileNotFound;
	}
	fclose(f);
	/* DBFILEHDR's cbPageSize at 236 (0: 4 KiB) */
	*size = hdr[236] | hdr[237] << 8 | hdr[238] << 16 | (intptr_t)hdr[239] << 24;
	if (*size == 0)
		*size = 4096;
	return 0;
}

static int open_db(const char *path, const char *table, sesid_t *sesid, table_t *t)
{
	intptr_t page_size;
	uint32_t dbid;
	int err = page_size_of(path, &page_size);
	if (err < 0)
		return err;
	mkdir("seek_bench.logs", 0777);
	if ((err = sim_create_instance(&inst, "seek_bench", NULL)) < 0 ||
	    (err = sim_set_param(&inst, JET_paramDatabasePageSize, page_size, NULL)) < 0 ||
	    (err = sim_set_param(&inst, JET_paramLogFilePath, 0, "seek_bench.logs/")) < 0 ||
	    (err = sim_set_param(&inst, JET_paramSystemPath, 0, "seek_bench.logs/")) < 0 ||
	    (err = sim_init(&inst, 0)) < 0 || (err = sim_begin_session(inst, sesid)) < 0 ||
	    (err = sim_attach_database(*sesid, path, 0, JET_bitDbReadOnly)) < 0 ||
	    (err = sim_open_database(*sesid, path, JET_bitDbReadOnly, &dbid)) < 0)
		return err;
	return sim_open_table(*sesid, dbid, table, 0, t);
}

static int column_id(sesid_t s, table_t t, const char *name, uint32_t *id)
{
	struct isam_column c;
	int err = sim_table_column(s, t, name, 0, &c);
	if (err == 0) {
		*id = c.id;
		isam_column_release(&c);
	}
	return err;
}

#define SET_INDEX(s, t, name) sim_set_current_index(s, t, name, 0)
#define MOVE(s, t, crow) sim_move(s, t, crow, 0)
#define MOVE_FIRST ISAM_MOVE_FIRST
#define RETRIEVE_KEY(s, t, buf, cb, actual) sim_retrieve_key(s, t, buf, cb, actual, 0)
#define RETRIEVE(s, t, col, buf, cb, actual) sim_retrieve_column(s, t, col, buf, cb, actual, 0, 1, 0)
#define MAKE_KEY(s, t, data, cb, grbit) sim_make_key(s, t, data, cb, grbit)
#define SEEK(s, t, grbit) sim_seek(s, t, grbit)
#define ENGINE "native engine"
static void close_db(sesid_t s)
{
	(void)s;
	sim_term(inst, 0);
}
#endif

#define KEY_MOST 2001

struct keys {
	unsigned char (*k)[KEY_MOST];
	unsigned long *cb;
	unsigned n;
};

/* Every key of the current index, in a shuffled order. */
static int read_keys(sesid_t s, table_t t, struct keys *ks)
{
	unsigned long cap = 0;
	int err;
	ks->n = 0;
	for (err = MOVE(s, t, MOVE_FIRST); err >= 0; err = MOVE(s, t, 1)) {
		if (ks->n == cap) {
			cap = cap ? cap * 2 : 1024;
			ks->k = realloc(ks->k, cap * sizeof(*ks->k));
			ks->cb = realloc(ks->cb, cap * sizeof(*ks->cb));
			if (!ks->k || !ks->cb)
				return -1011;
		}
		uint32_t cb = 0;
		if ((err = RETRIEVE_KEY(s, t, ks->k[ks->n], KEY_MOST, (void *)&cb)) < 0)
			return err;
		ks->cb[ks->n++] = cb;
	}
	/* a fixed shuffle, the same in both builds */
	uint32_t x = 12345;
	for (unsigned i = ks->n; i > 1; i--) {
		x = x * 1103515245u + 12345u;
		unsigned j = (x >> 8) % i;
		unsigned char tmp[KEY_MOST];
		unsigned long c = ks->cb[i - 1];
		memcpy(tmp, ks->k[i - 1], KEY_MOST);
		memcpy(ks->k[i - 1], ks->k[j], KEY_MOST);
		memcpy(ks->k[j], tmp, KEY_MOST);
		ks->cb[i - 1] = ks->cb[j];
		ks->cb[j] = c;
	}
	return 0;
}

/* Seeks per second over every key, best of `rounds`. */
static double seeks_per_second(sesid_t s, table_t t, const struct keys *ks, int rounds)
{
	double best = 0;
	for (int r = 0; r < rounds; r++) {
		double t0 = now();
		for (unsigned i = 0; i < ks->n; i++) {
			int err = MAKE_KEY(s, t, ks->k[i], ks->cb[i], JET_bitNormalizedKey);
			if (err >= 0)
				err = SEEK(s, t, JET_bitSeekEQ);
			if (err != 0) {
				printf("seek %u failed: %d\n", i, err);
				return -1;
			}
		}
		double dt = now() - t0;
		if (dt > 0 && ks->n / dt > best)
			best = ks->n / dt;
	}
	return best;
}

int main(int argc, char **argv)
{
	const char *table = argc > 2 ? argv[2] : "SruDbIdMapTable";
	const char *column = argc > 3 ? argv[3] : "IdIndex";
	const char *secondary = argc > 4 ? argv[4] : "IdTypeIdBlob";
	int rounds = argc > 5 ? atoi(argv[5]) : 20;
	struct keys primary = { 0 }, second = { 0 };
	sesid_t s;
	table_t t;
	uint32_t col;
	int err;
	if (argc < 2) {
		fprintf(stderr, "usage: seek_bench DATABASE [TABLE PRIMARY_COLUMN SECONDARY_INDEX [ROUNDS]]\n");
		return 2;
	}
	if ((err = open_db(argv[1], table, &s, &t)) < 0 || (err = column_id(s, t, column, &col)) < 0) {
		printf("cannot open %s's %s: %d\n", argv[1], table, err);
		return 1;
	}
	if ((err = read_keys(s, t, &primary)) < 0 || (err = SET_INDEX(s, t, secondary)) < 0 ||
	    (err = read_keys(s, t, &second)) < 0 || (err = SET_INDEX(s, t, NULL)) < 0) {
		printf("reading the keys failed: %d\n", err);
		return 1;
	}
	double p = seeks_per_second(s, t, &primary, rounds);
	SET_INDEX(s, t, secondary);
	double q = seeks_per_second(s, t, &second, rounds);
	SET_INDEX(s, t, NULL);

	/* the primary index's keys made from the column's values */
	int32_t *values = malloc(primary.n * sizeof(*values));
	double best = 0;
	for (unsigned i = 0; i < primary.n; i++)
		values[i] = (int32_t)(((uint32_t)primary.k[i][1] << 24 ^ 0x80000000u) |
				      (uint32_t)primary.k[i][2] << 16 | primary.k[i][3] << 8 |
				      primary.k[i][4]);
	for (int r = 0; r < rounds && primary.cb[0] == 5; r++) {
		double t0 = now();
		for (unsigned i = 0; i < primary.n; i++)
			if (MAKE_KEY(s, t, &values[i], 4, JET_bitNewKey) != 0 ||
			    SEEK(s, t, JET_bitSeekEQ) != 0) {
				printf("seek by value %d failed\n", values[i]);
				return 1;
			}
		double dt = now() - t0;
		if (dt > 0 && primary.n / dt > best)
			best = primary.n / dt;
	}
	printf("%s, %s (%s), best of %d rounds:\n", ENGINE, argv[1], table, rounds);
	printf("  primary index, %u keys (normalised key + SeekEQ): %.0f seeks/s\n", primary.n, p);
	printf("  primary index, %u keys (JetMakeKey of the %s value + SeekEQ): %.0f seeks/s\n",
	       primary.n, column, best);
	printf("  secondary index %s, %u keys (normalised key + SeekEQ): %.0f seeks/s\n", secondary,
	       second.n, q);
	close_db(s);
	free(values);
	return p > 0 && q > 0 ? 0 : 1;
}
