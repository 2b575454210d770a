/*
 * dump_tables: prints every table of a database, through the JET API
 * alone, in the tab-separated form libesedb's `esedbexport -t` writes: one
 * file per table in OUTDIR, a header line of column names, then a line per
 * record, multi-values joined by "; ".  The database is attached
 * read-only; its page size is learnt first with JetGetDatabaseFileInfo.
 *
 * The table list and each table's columns come from the catalog,
 * MSysObjects, read as a table like any other; each column's type and code
 * page from JetGetTableColumnInfo (JET_ColInfoByColid).
 *
 * usage: dump_tables DATABASE OUTDIR [TABLE]   (TABLE: that table alone)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"

#define MAX_TABLES 256
#define MAX_COLUMNS 70000

struct column {
	JET_COLUMNID id;
	char name[JET_cbNameMost + 1];
	JET_COLTYP coltyp;
	unsigned short cp;
};

struct table {
	char name[JET_cbNameMost + 1];
	long objid;
};

static int failed(const char *what, JET_ERR err)
{
	fprintf(stderr, "dump_tables: %s: error %ld\n", what, (long)err);
	return 1;
}

/* A column's value itag into *buf (grown as needed): JET_wrnColumnNull at
 * the end of its values. */
static JET_ERR retrieve(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID id,
			unsigned long itag, unsigned char **buf, unsigned long *cap,
			unsigned long *cb)
{
	JET_RETINFO ri = {sizeof(JET_RETINFO), 0, itag, 0};
	JET_ERR err = JetRetrieveColumn(sesid, tableid, id, *buf, *cap, cb,
					JET_bitRetrieveIgnoreDefault, &ri);
	if (err == JET_wrnBufferTruncated) {
		unsigned char *n = realloc(*buf, *cb + 1);
		if (!n)
			return JET_errOutOfMemory;
		*buf = n;
		*cap = *cb + 1;
		err = JetRetrieveColumn(sesid, tableid, id, *buf, *cap, cb,
					JET_bitRetrieveIgnoreDefault, &ri);
	}
	return err;
}

static void put_wide(FILE *out, const WCHAR *w, int n)
{
	char buf[4096];
	int i = 0;
	while (i < n) {
		int chunk = n - i > 1000 ? 1000 : n - i, len;
		/* keep a surrogate pair in one chunk */
		if (chunk < n - i && w[i + chunk - 1] >= 0xd800 && w[i + chunk - 1] < 0xdc00)
			chunk--;
		len = WideCharToMultiByte(CP_UTF8, 0, w + i, chunk, buf, sizeof buf, NULL, NULL);
		fwrite(buf, 1, (size_t)len, out);
		i += chunk;
	}
}

static void print_text(FILE *out, const unsigned char *p, unsigned long cb, unsigned short cp)
{
	if (cp == 1200) {
		unsigned long n = 0;
		WCHAR *w = malloc(cb + 2);
		if (!w)
			return;
		memcpy(w, p, cb);
		while (n < cb / 2 && w[n])
			n++;
		put_wide(out, w, (int)n);
		/* an odd byte left over: as Latin-1, as the engine's tests print it */
		if (n == cb / 2 && (cb & 1) && p[cb - 1]) {
			WCHAR c = p[cb - 1];
			put_wide(out, &c, 1);
		}
		free(w);
	} else {
		unsigned long n = 0;
		WCHAR *w = malloc((cb + 1) * sizeof(WCHAR));
		while (n < cb && p[n])
			n++;
		if (!w)
			return;
		n = (unsigned long)MultiByteToWideChar(1252, 0, (const char *)p, (int)n, w, (int)cb + 1);
		put_wide(out, w, (int)n);
		free(w);
	}
}

static uint64_t le64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static void print_value(FILE *out, const struct column *c, const unsigned char *p,
			unsigned long cb)
{
	unsigned long i;
	switch (c->coltyp) {
	case JET_coltypBit:
		fputs(cb && p[0] ? "true" : "false", out);
		break;
	case JET_coltypUnsignedByte:
		fprintf(out, "%u", p[0]);
		break;
	case JET_coltypShort:
		fprintf(out, "%d", *(const int16_t *)p);
		break;
	case 17: /* JET_coltypUnsignedShort */
		fprintf(out, "%u", *(const uint16_t *)p);
		break;
	case JET_coltypLong:
		fprintf(out, "%" PRId32, *(const int32_t *)p);
		break;
	case 14: /* JET_coltypUnsignedLong */
		fprintf(out, "%" PRIu32, *(const uint32_t *)p);
		break;
	case JET_coltypCurrency:
		/* esedbexport prints currency unsigned */
		fprintf(out, "%" PRIu64, le64(p));
		break;
	case 15: /* JET_coltypLongLong */
		fprintf(out, "%" PRId64, (int64_t)le64(p));
		break;
	case JET_coltypIEEESingle:
		fprintf(out, "%f", (double)*(const float *)p);
		break;
	case JET_coltypIEEEDouble:
		fprintf(out, "%f", *(const double *)p);
		break;
	case JET_coltypDateTime: {
		uint64_t u = le64(p);
		fprintf(out, "(0x%08" PRIx32 " 0x%08" PRIx32 ")", (uint32_t)(u >> 32), (uint32_t)u);
		break;
	}
	case JET_coltypText:
	case JET_coltypLongText:
		print_text(out, p, cb, c->cp);
		break;
	default:
		for (i = 0; i < cb; i++)
			fprintf(out, "%02x", p[i]);
	}
}

/* The catalog: tables in catalog order, and (objid given) a table's columns. */
static JET_ERR read_catalog(JET_SESID sesid, JET_DBID dbid, struct table *tables, int *ntables,
			    long objid, struct column *cols, int *ncols)
{
	JET_TABLEID cat;
	JET_COLUMNDEF def;
	JET_COLUMNID c_objid, c_type, c_id, c_name;
	JET_ERR err = JetOpenTable(sesid, dbid, "MSysObjects", NULL, 0, JET_bitTableReadOnly, &cat);
	if (err < 0)
		return err;
	if ((err = JetGetTableColumnInfoA(sesid, cat, "ObjidTable", &def, sizeof def, JET_ColInfo)) < 0)
		return err;
	c_objid = def.columnid;
	if ((err = JetGetTableColumnInfoA(sesid, cat, "Type", &def, sizeof def, JET_ColInfo)) < 0)
		return err;
	c_type = def.columnid;
	if ((err = JetGetTableColumnInfoA(sesid, cat, "Id", &def, sizeof def, JET_ColInfo)) < 0)
		return err;
	c_id = def.columnid;
	if ((err = JetGetTableColumnInfoA(sesid, cat, "Name", &def, sizeof def, JET_ColInfo)) < 0)
		return err;
	c_name = def.columnid;
	*ntables = 0;
	if (ncols)
		*ncols = 0;
	for (err = JetMove(sesid, cat, JET_MoveFirst, 0); err >= 0;
	     err = JetMove(sesid, cat, JET_MoveNext, 0)) {
		long tobjid = 0, id = 0;
		short type = 0;
		char name[JET_cbNameMost + 1];
		unsigned long cb;
		JetRetrieveColumn(sesid, cat, c_objid, &tobjid, sizeof tobjid, &cb, 0, NULL);
		JetRetrieveColumn(sesid, cat, c_type, &type, sizeof type, &cb, 0, NULL);
		JetRetrieveColumn(sesid, cat, c_id, &id, sizeof id, &cb, 0, NULL);
		if (JetRetrieveColumn(sesid, cat, c_name, name, JET_cbNameMost, &cb, 0, NULL) < 0)
			cb = 0;
		name[cb < JET_cbNameMost ? cb : JET_cbNameMost] = 0;
		if (type == 1 && *ntables < MAX_TABLES) {
			strcpy(tables[*ntables].name, name);
			tables[*ntables].objid = tobjid;
			++*ntables;
		} else if (type == 2 && ncols && tobjid == objid && *ncols < MAX_COLUMNS) {
			cols[*ncols].id = (JET_COLUMNID)id;
			strcpy(cols[*ncols].name, name);
			++*ncols;
		}
	}
	JetCloseTable(sesid, cat);
	return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

static int dump_table(JET_SESID sesid, JET_DBID dbid, const struct table *t, const char *outdir,
		      struct table *scratch, struct column *cols)
{
	char path[MAX_PATH];
	JET_TABLEID tableid;
	int ncols, ntables, i;
	unsigned char *buf = malloc(256);
	unsigned long cap = 256;
	FILE *out;
	JET_ERR err = read_catalog(sesid, dbid, scratch, &ntables, t->objid, cols, &ncols);
	if (err < 0)
		return failed("catalog", err);
	if ((err = JetOpenTable(sesid, dbid, t->name, NULL, 0, JET_bitTableReadOnly, &tableid)) < 0)
		return failed(t->name, err);
	for (i = 0; i < ncols; i++) {
		JET_COLUMNDEF def;
		/* by column id: the catalog gave it, and a table of 65,000
		 * columns is no reason to search names */
		err = JetGetTableColumnInfoA(sesid, tableid, (const char *)&cols[i].id, &def,
					    sizeof def, JET_ColInfoByColid);
		if (err < 0)
			return failed(cols[i].name, err);
		cols[i].coltyp = def.coltyp;
		cols[i].cp = def.cp;
	}
	snprintf(path, sizeof path, "%s\\%s", outdir, t->name);
	out = fopen(path, "wb");
	if (!out || !buf)
		return failed(path, JET_errDiskIO);
	for (i = 0; i < ncols; i++)
		fprintf(out, "%s%s", i ? "\t" : "", cols[i].name);
	fputc('\n', out);
	for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err >= 0;
	     err = JetMove(sesid, tableid, JET_MoveNext, 0)) {
		for (i = 0; i < ncols; i++) {
			unsigned long itag, cb;
			if (i)
				fputc('\t', out);
			for (itag = 1;; itag++) {
				err = retrieve(sesid, tableid, cols[i].id, itag, &buf, &cap, &cb);
				if (err < 0)
					return failed(cols[i].name, err);
				if (err == JET_wrnColumnNull)
					break;
				if (itag > 1)
					fputs("; ", out);
				print_value(out, &cols[i], buf, cb);
			}
		}
		fputc('\n', out);
	}
	fclose(out);
	free(buf);
	JetCloseTable(sesid, tableid);
	return err == JET_errNoCurrentRecord ? 0 : failed(t->name, err);
}

/* JET_ColInfoBase names a column and its table: checked on the catalog's
 * own Name column against JET_ColInfo's column id.  (MinGW's <esent.h>
 * maps JetGetTableColumnInfoW to the A function, so only the A form is
 * reachable from here.) */
static int check_base_level(JET_SESID sesid, JET_DBID dbid)
{
	JET_TABLEID cat;
	JET_COLUMNDEF def;
	JET_COLUMNBASE_A a;
	JET_ERR err = JetOpenTable(sesid, dbid, "MSysObjects", NULL, 0, JET_bitTableReadOnly, &cat);
	if (err < 0)
		return failed("JetOpenTable(MSysObjects)", err);
	if ((err = JetGetTableColumnInfoA(sesid, cat, "Name", &def, sizeof def, JET_ColInfo)) < 0 ||
	    (err = JetGetTableColumnInfoA(sesid, cat, "Name", &a, sizeof a, JET_ColInfoBase)) < 0)
		return failed("JetGetTableColumnInfo(MSysObjects.Name)", err);
	JetCloseTable(sesid, cat);
	if (a.cbStruct != sizeof a || a.columnid != def.columnid || a.coltyp != def.coltyp ||
	    a.cbMax != def.cbMax || a.grbit != def.grbit ||
	    strcmp(a.szBaseTableName, "MSysObjects") != 0 || strcmp(a.szBaseColumnName, "Name") != 0) {
		fprintf(stderr, "dump_tables: JET_ColInfoBase does not describe MSysObjects.Name\n");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct table tables[MAX_TABLES], scratch[MAX_TABLES];
	static struct column cols[MAX_COLUMNS];
	JET_INSTANCE inst;
	JET_SESID sesid;
	JET_DBID dbid;
	unsigned long page_size = 0;
	int ntables, i, rc = 0;
	JET_ERR err;
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: dump_tables DATABASE OUTDIR [TABLE]\n");
		return 2;
	}
	CreateDirectoryA(argv[2], NULL);
	/* the page size first, as a program must set it before JetInit */
	err = JetGetDatabaseFileInfo(argv[1], &page_size, sizeof page_size, JET_DbInfoPageSize);
	if (err < 0)
		return failed("JetGetDatabaseFileInfo", err);
	CreateDirectoryA("dump_tables.logs", NULL);
	JetSetSystemParameter(NULL, 0, JET_paramDatabasePageSize, page_size, NULL);
	if ((err = JetCreateInstance(&inst, "dump_tables")) < 0)
		return failed("JetCreateInstance", err);
	JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0, "dump_tables.logs\\");
	JetSetSystemParameter(&inst, 0, JET_paramSystemPath, 0, "dump_tables.logs\\");
	if ((err = JetInit(&inst)) < 0)
		return failed("JetInit", err);
	if ((err = JetBeginSession(inst, &sesid, NULL, NULL)) < 0)
		return failed("JetBeginSession", err);
	if ((err = JetAttachDatabase2(sesid, argv[1], 0, JET_bitDbReadOnly)) < 0)
		return failed("JetAttachDatabase2", err);
	if ((err = JetOpenDatabase(sesid, argv[1], NULL, &dbid, JET_bitDbReadOnly)) < 0)
		return failed("JetOpenDatabase", err);
	if ((err = JetBeginTransaction(sesid)) < 0)
		return failed("JetBeginTransaction", err);
	err = read_catalog(sesid, dbid, tables, &ntables, 0, NULL, NULL);
	if (err < 0)
		return failed("MSysObjects", err);
	rc = check_base_level(sesid, dbid);
	for (i = 0; i < ntables && rc == 0; i++)
		if (argc == 3 || strcmp(tables[i].name, argv[3]) == 0)
			rc = dump_table(sesid, dbid, &tables[i], argv[2], scratch, cols);
	JetCommitTransaction(sesid, 0);
	JetCloseDatabase(sesid, dbid, 0);
	/* every handle closed: the detach succeeds */
	if (rc == 0 && (err = JetDetachDatabase(sesid, argv[1])) < 0)
		rc = failed("JetDetachDatabase", err);
	JetEndSession(sesid, 0);
	JetTerm(inst);
	if (rc == 0)
		printf("dump_tables: %d tables of %s\n", ntables, argv[1]);
	return rc;
}
