/*
 * Prints every table of a database, read by sim/isam directly, in the
 * tab-separated form libesedb's `esedbexport -t` writes (one file per
 * table in the output folder, each table's column types in OUTDIR.types, and
 * in OUTDIR.notes the row and column of each value stored compressed or
 * separated):
 * the engine's reading checked against an independent reader.
 * Usage: isam_dump DATABASE OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isam/btree.h"
#include "isam/catalog.h"
#include "isam/column.h"
#include "isam/pager.h"
#include "isam/record.h"
#include "jet_values.h"
#include "os/os.h"
#include "value_text.h"

static const char *const type_names[] = {
	"", "Bit", "UnsignedByte", "Short", "Long", "Currency", "IEEESingle", "IEEEDouble",
	"DateTime", "Binary", "Text", "LongBinary", "LongText", "SLV", "UnsignedLong",
	"LongLong", "GUID", "UnsignedShort"};

int main(int argc, char **argv)
{
	struct isam_pager pager;
	struct isam_catalog cat;
	unsigned i, j;
	char path[4096];
	int rc;
	if (argc != 3) {
		fprintf(stderr, "usage: isam_dump DATABASE OUTDIR\n");
		return 2;
	}
	snprintf(path, sizeof path, "%s.types", argv[2]);
	os_mkdir(argv[2]);
	os_mkdir(path);
	snprintf(path, sizeof path, "%s.notes", argv[2]);
	os_mkdir(path);
	rc = isam_pager_open_file(&pager, argv[1], 256);
	if (rc == JET_errSuccess)
		rc = isam_catalog_load(&pager, &cat);
	if (rc != JET_errSuccess) {
		fprintf(stderr, "%s: error %d\n", argv[1], rc);
		return 1;
	}
	for (i = 0; i < cat.ntables; i++) {
		const struct isam_table *t = &cat.tables[i];
		struct isam_btree bt;
		FILE *out, *types, *notes;
		unsigned long rows = 0;
		snprintf(path, sizeof path, "%s/%s", argv[2], t->name);
		out = fopen(path, "w");
		if (!out) {
			perror(path);
			return 1;
		}
		snprintf(path, sizeof path, "%s.types/%s", argv[2], t->name);
		types = fopen(path, "w");
		if (!types) {
			perror(path);
			return 1;
		}
		for (j = 0; j < t->ncolumns; j++) {
			uint32_t ct = t->columns[j].coltyp;
			fprintf(out, "%s%s", j ? "\t" : "", t->columns[j].name);
			fprintf(types, "%s%s%s%s", j ? "\t" : "", ct < 18 ? type_names[ct] : "?",
				t->columns[j].id <= ISAM_FID_FIXED_LAST ? "#fixed" : "",
				ct == ISAM_COLTYP_TEXT && t->columns[j].id <= ISAM_FID_FIXED_LAST &&
						t->columns[j].codepage == 1200
					? "#1200"
					: "");
		}
		fputc('\n', types);
		fclose(types);
		fputc('\n', out);
		snprintf(path, sizeof path, "%s.notes/%s", argv[2], t->name);
		notes = fopen(path, "w");
		if (!notes) {
			perror(path);
			return 1;
		}
		rc = isam_btree_open(&bt, &pager, t->fdp);
		for (rc = rc ? rc : isam_btree_first(&bt); rc == JET_errSuccess;
		     rc = isam_btree_next(&bt)) {
			struct isam_record rec;
			rc = isam_record_parse(&rec, bt.node.data, bt.node.cb_data,
					       pager.page_size > 8192);
			if (rc != JET_errSuccess)
				break;
			for (j = 0; j < t->ncolumns && rc == JET_errSuccess; j++) {
				if (j)
					fputc('\t', out);
				int special;
				rc = print_column(out, &pager, t, &rec, &t->columns[j], &special);
				if (special)
					fprintf(notes, "%lu\t%u\n", rows + 1, j);
			}
			fputc('\n', out);
			if (rc != JET_errSuccess)
				break;
			rows++;
		}
		isam_btree_close(&bt);
		fclose(out);
		fclose(notes);
		if (rc != JET_errNoCurrentRecord) {
			fprintf(stderr, "%s: table %s, row %lu: error %d\n", argv[1], t->name, rows, rc);
			return 1;
		}
	}
	isam_catalog_free(&cat);
	isam_pager_close(&pager);
	return 0;
}
