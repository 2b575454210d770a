/*
 * table_records: the record-reading calls through esent.dll on
 * Windows-made databases, each documented code provoked:
 * JetEnumerateColumns (the caller's allocator, every grbit, column and
 * itagSequence lists), JetRetrieveTaggedColumnList, JetGetRecordSize(2/3),
 * JetGetRecordPosition and JetGotoPosition, the retrieve grbits; the table
 * path's refusals of a dirty database (-550) and of another page size
 * (-1213), A and W; detach after a read-only open (JET_errDatabaseInUse
 * while the database is open, success once closed).
 *
 * usage: table_records FOLDER   (goese-SRUDB.dat, dissect-text.edb,
 *                                dissect-large.edb, museum-dirty.dat in it)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

/* JET_ENUMCOLUMN as the SDK lays it out (MinGW's header embeds one value
 * where the SDK has a pointer to the array). */
typedef struct {
	JET_COLUMNID columnid;
	JET_ERR err;
	union {
		struct {
			unsigned long cEnumColumnValue;
			JET_ENUMCOLUMNVALUE *rgEnumColumnValue;
		};
		struct {
			unsigned long cbData;
			void *pvData;
		};
	};
} ENUMCOLUMN;

typedef struct {
	unsigned long cbStruct, ltDeprecated, inRangeDeprecated, totalDeprecated;
	unsigned __int64 centriesLT, centriesTotal;
} RECPOS2;

typedef struct {
	unsigned __int64 v[15];
} RECSIZE3;

typedef struct {
	JET_COLUMNID columnid;
	unsigned short cMultiValues, usFlags;
} MVCOUNT;

JET_ERR JET_API JetRetrieveTaggedColumnList(JET_SESID, JET_TABLEID, unsigned long *, void *,
					    unsigned long, JET_COLUMNID, JET_GRBIT);
/* newer than MinGW's libesent.a: found as a program built with an older
 * SDK finds them */
typedef JET_ERR(JET_API *GET_RECORD_SIZE)(JET_SESID, JET_TABLEID, void *, const JET_GRBIT);
static GET_RECORD_SIZE JetGetRecordSize2, JetGetRecordSize3;

static long live_blocks;

static void *JET_API counting_realloc(void *ctx, void *pv, unsigned long cb)
{
	(void)ctx;
	if (!pv && cb)
		live_blocks++;
	if (pv && !cb) {
		live_blocks--;
		free(pv);
		return NULL;
	}
	return realloc(pv, cb);
}

static void free_enum(ENUMCOLUMN *cols, unsigned long n)
{
	unsigned long i, j;
	for (i = 0; i < n; i++) {
		if (cols[i].err == JET_wrnColumnSingleValue) {
			if (cols[i].pvData)
				counting_realloc(NULL, cols[i].pvData, 0);
			continue;
		}
		for (j = 0; j < cols[i].cEnumColumnValue; j++)
			if (cols[i].rgEnumColumnValue[j].pvData)
				counting_realloc(NULL, cols[i].rgEnumColumnValue[j].pvData, 0);
		if (cols[i].rgEnumColumnValue)
			counting_realloc(NULL, cols[i].rgEnumColumnValue, 0);
	}
	if (cols)
		counting_realloc(NULL, cols, 0);
}

static JET_COLUMNID column(JET_SESID s, JET_TABLEID t, const char *name)
{
	JET_COLUMNDEF def;
	EXPECT(JET_errSuccess, JetGetTableColumnInfoA(s, t, name, &def, sizeof def, JET_ColInfo));
	return def.columnid;
}

static void enumerate(JET_SESID s, JET_TABLEID t)
{
	ENUMCOLUMN *cols = NULL;
	unsigned long n = 0, i, tags[3] = {0, 1, 9};
	JET_ENUMCOLUMNID req[3];
	JET_COLUMNID id = column(s, t, "IdIndex"), blob = column(s, t, "IdBlob");
	JET_ENUMCOLUMN **out = (JET_ENUMCOLUMN **)&cols;
	printf("-- JetEnumerateColumns\n");
	EXPECT(JET_errSuccess, JetEnumerateColumns(s, t, 0, NULL, &n, out, counting_realloc, NULL,
						   0x7fffffff, 0));
	CHECK(n >= 2, "columns %lu", n);
	for (i = 0; i < n; i++)
		if (cols[i].columnid == id)
			CHECK(cols[i].err == 0 && cols[i].cEnumColumnValue == 1 &&
				      cols[i].rgEnumColumnValue[0].cbData == 4 &&
				      *(long *)cols[i].rgEnumColumnValue[0].pvData == 1,
			      "IdIndex of the first record");
	free_enum(cols, n);
	CHECK(live_blocks == 0, "%ld blocks left", live_blocks);
	EXPECT(JET_errSuccess, JetEnumerateColumns(s, t, 0, NULL, &n, out, counting_realloc, NULL,
						   0x7fffffff, JET_bitEnumerateCompressOutput));
	for (i = 0; i < n; i++)
		if (cols[i].columnid == id)
			CHECK(cols[i].err == JET_wrnColumnSingleValue && cols[i].cbData == 4 &&
				      *(long *)cols[i].pvData == 1,
			      "compressed output, err %ld", (long)cols[i].err);
	free_enum(cols, n);
	EXPECT(JET_errSuccess, JetEnumerateColumns(s, t, 0, NULL, &n, out, counting_realloc, NULL,
						   0, JET_bitEnumeratePresenceOnly));
	for (i = 0; i < n; i++)
		CHECK(cols[i].err == JET_wrnColumnPresent || cols[i].err == JET_wrnColumnNull,
		      "presence only, err %ld", (long)cols[i].err);
	free_enum(cols, n);
	EXPECT(JET_errSuccess, JetEnumerateColumns(s, t, 0, NULL, &n, out, counting_realloc, NULL,
						   0, JET_bitEnumerateTaggedOnly));
	for (i = 0; i < n; i++)
		CHECK(cols[i].columnid >= 256, "tagged only: %lu", cols[i].columnid);
	free_enum(cols, n);
	/* a list: a skipped column, values by itagSequence, a bad column id */
	req[0].columnid = 0, req[0].ctagSequence = 0, req[0].rgtagSequence = NULL;
	req[1].columnid = id, req[1].ctagSequence = 3, req[1].rgtagSequence = tags;
	req[2].columnid = blob, req[2].ctagSequence = 0, req[2].rgtagSequence = NULL;
	EXPECT(JET_errSuccess, JetEnumerateColumns(s, t, 3, req, &n, out, counting_realloc, NULL,
						   0x7fffffff, JET_bitEnumerateIgnoreDefault));
	CHECK(n == 3 && cols[0].err == JET_wrnColumnSkipped && cols[1].cEnumColumnValue == 3 &&
		      cols[1].rgEnumColumnValue[0].err == JET_wrnColumnSkipped &&
		      cols[1].rgEnumColumnValue[1].err == 0 &&
		      cols[1].rgEnumColumnValue[2].err == JET_wrnColumnNull,
	      "the list's answers");
	free_enum(cols, n);
	req[2].columnid = 0x7fff0001;
	EXPECT(JET_errBadColumnId, JetEnumerateColumns(s, t, 3, req, &n, out, counting_realloc,
						       NULL, 0, 0));
	free_enum(cols, n);
	req[2].columnid = 60000;
	EXPECT(JET_errColumnNotFound, JetEnumerateColumns(s, t, 3, req, &n, out, counting_realloc,
							  NULL, 0, 0));
	free_enum(cols, n);
	CHECK(live_blocks == 0, "%ld blocks left", live_blocks);
	EXPECT(JET_errInvalidGrbit, JetEnumerateColumns(s, t, 3, req, &n, out, counting_realloc,
							NULL, 0, JET_bitEnumerateTaggedOnly));
	EXPECT(JET_errInvalidGrbit, JetEnumerateColumns(s, t, 0, NULL, &n, out, counting_realloc,
							NULL, 0, JET_bitEnumerateLocal));
	EXPECT(JET_errInvalidGrbit, JetEnumerateColumns(s, t, 0, NULL, &n, out, counting_realloc,
							NULL, 0, 0x01000000));
	EXPECT(JET_errInvalidParameter, JetEnumerateColumns(s, t, 0, NULL, &n, out, NULL, NULL, 0,
							    0));
	EXPECT(JET_errInvalidParameter, JetEnumerateColumns(s, t, 0, NULL, NULL, out,
							    counting_realloc, NULL, 0, 0));
	EXPECT(JET_errInvalidTableId, JetEnumerateColumns(s, t + 77, 0, NULL, &n, out,
							  counting_realloc, NULL, 0, 0));
}

static void tagged_list_and_sizes(JET_SESID s, JET_TABLEID t)
{
	MVCOUNT list[16];
	unsigned long n = 0, all = 0;
	JET_RECSIZE rs;
	RECSIZE3 r3, r3b;
	unsigned char r2[88], buf[256];
	unsigned long cb;
	JET_RETINFO ri = {sizeof ri, 0, 1, 0};
	JET_COLUMNID blob = column(s, t, "IdBlob");
	printf("-- JetRetrieveTaggedColumnList, JetGetRecordSize(2/3)\n");
	/* a record with a tagged value */
	while (JetRetrieveColumn(s, t, blob, buf, sizeof buf, &cb, 0, NULL) == JET_wrnColumnNull)
		if (JetMove(s, t, JET_MoveNext, 0) < 0)
			break;
	/* columnid 0: the record's first tagged value, and its column */
	EXPECT(JET_errSuccess, JetRetrieveColumn(s, t, 0, buf, sizeof buf, &cb, 0, &ri));
	CHECK(ri.columnidNextTagged == blob, "columnid 0 found column %lu", ri.columnidNextTagged);
	EXPECT(JET_errSuccess, JetRetrieveTaggedColumnList(s, t, &all, NULL, 0, 0, 0));
	EXPECT(JET_errSuccess, JetRetrieveTaggedColumnList(s, t, &n, list, sizeof list, 0, 0));
	CHECK(n == all && n >= 1 && list[0].columnid >= 256 && list[0].cMultiValues >= 1,
	      "%lu tagged columns, %lu counted", n, all);
	EXPECT(JET_errInvalidParameter, JetRetrieveTaggedColumnList(s, t, NULL, list, sizeof list,
								    0, 0));
	EXPECT(JET_errInvalidTableId, JetRetrieveTaggedColumnList(s, t + 77, &n, list,
								  sizeof list, 0, 0));
	EXPECT(JET_errSuccess, JetGetRecordSize(s, t, &rs, 0));
	CHECK(rs.cbData > 0 && rs.cbOverhead > 0 && rs.cTaggedColumns == all,
	      "JET_RECSIZE: data %llu, tagged %llu", (unsigned long long)rs.cbData,
	      (unsigned long long)rs.cTaggedColumns);
	EXPECT(JET_errSuccess, JetGetRecordSize2(s, t, r2, 0));
	CHECK(memcmp(r2, &rs, sizeof rs) == 0, "JET_RECSIZE2 begins as JET_RECSIZE");
	EXPECT(JET_errSuccess, JetGetRecordSize3(s, t, &r3, 0));
	CHECK(memcmp(&r3, &rs, sizeof rs) == 0 && r3.v[14] > 0, "JET_RECSIZE3, key %llu",
	      (unsigned long long)r3.v[14]);
	r3b = r3;
	EXPECT(JET_errSuccess, JetGetRecordSize3(s, t, &r3b, JET_bitRecordSizeRunningTotal));
	CHECK(r3b.v[0] == 2 * r3.v[0], "a running total");
	EXPECT(JET_errSuccess, JetGetRecordSize3(s, t, &r3b, JET_bitRecordSizeLocal |
						 JET_bitRecordSizeInCopyBuffer));
	EXPECT(JET_errInvalidGrbit, JetGetRecordSize(s, t, &rs, 0x8));
	EXPECT(JET_errInvalidParameter, JetGetRecordSize3(s, t, NULL, 0));
	EXPECT(JET_errInvalidTableId, JetGetRecordSize(s, t + 77, &rs, 0));
}

static void positions(JET_SESID s, JET_TABLEID t)
{
	JET_RECPOS pos;
	RECPOS2 pos2;
	printf("-- JetGetRecordPosition, JetGotoPosition\n");
	EXPECT(JET_errSuccess, JetMove(s, t, JET_MoveFirst, 0));
	EXPECT(JET_errSuccess, JetGetRecordPosition(s, t, &pos, sizeof pos));
	CHECK(pos.cbStruct == sizeof pos && pos.centriesLT == 0 && pos.centriesInRange == 1 &&
		      pos.centriesTotal > 0,
	      "first: %lu of %lu", pos.centriesLT, pos.centriesTotal);
	EXPECT(JET_errSuccess, JetMove(s, t, JET_MoveLast, 0));
	EXPECT(JET_errSuccess, JetGetRecordPosition(s, t, (JET_RECPOS *)&pos2, sizeof pos2));
	CHECK(pos2.cbStruct == sizeof pos2 && pos2.centriesLT + 1 == pos2.centriesTotal &&
		      pos2.ltDeprecated == pos2.centriesLT,
	      "last (JET_RECPOS2)");
	EXPECT(JET_errInvalidParameter, JetGetRecordPosition(s, t, &pos, 8));
	EXPECT(JET_errInvalidParameter, JetGetRecordPosition(s, t, NULL, sizeof pos));
	pos.cbStruct = sizeof pos, pos.centriesLT = 1, pos.centriesTotal = 2;
	EXPECT(JET_errSuccess, JetGotoPosition(s, t, &pos));
	EXPECT(JET_errSuccess, JetGetRecordPosition(s, t, &pos, sizeof pos));
	CHECK(pos.centriesLT > 0 && pos.centriesLT < pos.centriesTotal, "half way: %lu of %lu",
	      pos.centriesLT, pos.centriesTotal);
	memset(&pos2, 0, sizeof pos2);
	pos2.cbStruct = sizeof pos2, pos2.centriesLT = 0, pos2.centriesTotal = 5;
	EXPECT(JET_errSuccess, JetGotoPosition(s, t, (JET_RECPOS *)&pos2));
	pos2.ltDeprecated = 1;
	EXPECT(JET_errInvalidParameter, JetGotoPosition(s, t, (JET_RECPOS *)&pos2));
	pos.cbStruct = sizeof pos, pos.centriesLT = 3, pos.centriesTotal = 2;
	EXPECT(JET_errInvalidParameter, JetGotoPosition(s, t, &pos));
	pos.cbStruct = 7, pos.centriesLT = 0;
	EXPECT(JET_errInvalidParameter, JetGotoPosition(s, t, &pos));
	EXPECT(JET_errInvalidParameter, JetGotoPosition(s, t, NULL));
	pos.cbStruct = sizeof pos;
	EXPECT(JET_errInvalidTableId, JetGotoPosition(s, t + 77, &pos));
	EXPECT(JET_errInvalidTableId, JetGetRecordPosition(s, t + 77, &pos, sizeof pos));
	EXPECT(JET_errSuccess, JetMove(s, t, JET_MoveFirst, 0));
}

static void retrieve_grbits(JET_SESID s, JET_TABLEID t)
{
	JET_COLUMNID id = column(s, t, "IdIndex");
	unsigned char buf[64];
	unsigned long cb = 0, pgno = 0;
	long v = 0;
	JET_RETINFO ri = {sizeof ri, 0, 1, 0};
	printf("-- JetRetrieveColumn's grbits\n");
	EXPECT(JET_errSuccess, JetRetrieveColumn(s, t, id, &v, sizeof v, &cb, JET_bitRetrieveCopy,
						 NULL));
	CHECK(v == 1 && cb == 4, "RetrieveCopy: the record's value, %ld", v);
	EXPECT(JET_errInvalidGrbit, JetRetrieveColumn(s, t, id, buf, sizeof buf, &cb, 0x10000000,
						      NULL));
	EXPECT(JET_errInvalidGrbit, JetRetrieveColumn(s, t, id, buf, sizeof buf, &cb,
						      JET_bitRetrieveTuple, NULL));
	EXPECT(JET_errInvalidParameter, JetRetrieveColumn(s, t, id, buf, sizeof buf, &cb,
							  JET_bitRetrievePhysicalSize, NULL));
	EXPECT(JET_errSuccess, JetRetrieveColumn(s, t, id, NULL, 0, &cb,
						 JET_bitRetrievePhysicalSize, NULL));
	CHECK(cb == 4, "physical size %lu", cb);
	EXPECT(JET_errInvalidGrbit, JetRetrieveColumn(s, t, id, NULL, 0, &cb,
						      JET_bitRetrievePhysicalSize |
							      JET_bitRetrieveIgnoreDefault,
						      NULL));
	EXPECT(JET_errSuccess, JetRetrieveColumn(s, t, id, &pgno, sizeof pgno, &cb,
						 JET_bitRetrievePageNumber, NULL));
	CHECK(cb == 4 && pgno > 4, "page number %lu", pgno);
	EXPECT(JET_errBufferTooSmall, JetRetrieveColumn(s, t, id, buf, 2, &cb,
							JET_bitRetrievePageNumber, NULL));
	EXPECT(JET_errInvalidGrbit, JetRetrieveColumn(s, t, id, buf, 4, &cb,
						      JET_bitRetrievePageNumber |
							      JET_bitRetrieveCopy,
						      NULL));
	/* no update is ever prepared: ErrRECIGetIntrinsicAvail's code, cbActual 4 */
	cb = 0;
	EXPECT(JET_errUpdateNotPrepared, JetRetrieveColumn(s, t, id, buf, 4, &cb,
							   JET_bitRetrieveCopyIntrinsic, NULL));
	CHECK(cb == 4, "copy intrinsic cbActual %lu", cb);
	EXPECT(JET_errBufferTooSmall, JetRetrieveColumn(s, t, id, buf, 3, &cb,
							JET_bitRetrieveCopyIntrinsic, NULL));
	EXPECT(JET_errInvalidGrbit, JetRetrieveColumn(s, t, id, buf, 4, &cb,
						      JET_bitRetrieveCopyIntrinsic |
							      JET_bitRetrieveCopy,
						      NULL));
	EXPECT(JET_wrnColumnNull, JetRetrieveColumn(s, t, id, buf, 8, &cb, JET_bitRetrieveLongId,
						    NULL));
	/* columnid 0 on a record without tagged values */
	EXPECT(JET_wrnColumnNull, JetRetrieveColumn(s, t, 0, buf, sizeof buf, &cb, 0, &ri));
	ri.itagSequence = 0;
	EXPECT(JET_errBadItagSequence, JetRetrieveColumn(s, t, 0, buf, sizeof buf, &cb, 0, &ri));
}

/* The first separated long value of the text table: its id, reference
 * count, and an enumeration cut at cbDataMost. */
static void long_values(JET_SESID s, JET_DBID db)
{
	JET_TABLEID t;
	JET_COLUMNDEF def;
	JET_COLUMNLIST list;
	unsigned char id[8];
	unsigned long cb, refs = 0, c;
	int found = 0;
	(void)list;
	printf("-- long values (dissect-text)\n");
	EXPECT(JET_errSuccess, JetOpenTable(s, db, "text", NULL, 0, JET_bitTableReadOnly, &t));
	EXPECT(JET_errSuccess, JetMove(s, t, JET_MoveFirst, 0));
	for (c = 256; c < 300 && !found; c++) {
		if (JetRetrieveColumn(s, t, c, id, sizeof id, &cb, JET_bitRetrieveLongId, NULL) !=
		    JET_wrnSeparateLongValue)
			continue;
		found = 1;
		CHECK(cb == 8, "an 8-byte id into 8 bytes: %lu", cb);
		EXPECT(JET_errInvalidBufferSize, JetRetrieveColumn(s, t, c, id, 2, &cb,
								   JET_bitRetrieveLongId, NULL));
		EXPECT(JET_wrnSeparateLongValue, JetRetrieveColumn(s, t, c, &refs, 4, &cb,
								   JET_bitRetrieveLongValueRefCount,
								   NULL));
		CHECK(refs >= 1 && cb == 4, "reference count %lu", refs);
		{
			ENUMCOLUMN *cols = NULL;
			unsigned long n = 0;
			JET_ENUMCOLUMNID req = {c, 0, NULL};
			EXPECT(JET_errSuccess, JetEnumerateColumns(s, t, 1, &req, &n,
								   (JET_ENUMCOLUMN **)&cols,
								   counting_realloc, NULL, 3, 0));
			CHECK(n == 1 && cols[0].cEnumColumnValue == 1 &&
				      cols[0].rgEnumColumnValue[0].err == JET_wrnColumnTruncated &&
				      cols[0].rgEnumColumnValue[0].cbData == 3,
			      "cut at cbDataMost");
			free_enum(cols, n);
			EXPECT(JET_errSuccess, JetEnumerateColumns(s, t, 1, &req, &n,
								   (JET_ENUMCOLUMN **)&cols,
								   counting_realloc, NULL, 3,
								   JET_bitEnumerateInRecordOnly));
			CHECK(n == 1 && cols[0].rgEnumColumnValue[0].err == JET_wrnColumnNotInRecord,
			      "left out of the record");
			free_enum(cols, n);
		}
	}
	CHECK(found, "a separated long value in the text table");
	(void)def;
	EXPECT(JET_errSuccess, JetCloseTable(s, t));
}

static void path(char *out, const char *folder, const char *name)
{
	snprintf(out, MAX_PATH, "%s\\%s", folder, name);
}

int main(int argc, char **argv)
{
	JET_INSTANCE inst;
	JET_SESID s;
	JET_DBID db;
	JET_TABLEID t;
	char goese[MAX_PATH], text[MAX_PATH], large[MAX_PATH], dirty[MAX_PATH];
	WCHAR wdirty[MAX_PATH], wlarge[MAX_PATH];
	unsigned long cb;
	if (argc != 2) {
		fprintf(stderr, "usage: table_records FOLDER\n");
		return 2;
	}
	path(goese, argv[1], "goese-SRUDB.dat");
	path(text, argv[1], "dissect-text.edb");
	path(large, argv[1], "dissect-large.edb");
	path(dirty, argv[1], "museum-dirty.dat");
	MultiByteToWideChar(CP_ACP, 0, dirty, -1, wdirty, MAX_PATH);
	MultiByteToWideChar(CP_ACP, 0, large, -1, wlarge, MAX_PATH);
	JetGetRecordSize2 = (GET_RECORD_SIZE)(void (*)(void))GetProcAddress(
		GetModuleHandleA("esent.dll"), "JetGetRecordSize2");
	JetGetRecordSize3 = (GET_RECORD_SIZE)(void (*)(void))GetProcAddress(
		GetModuleHandleA("esent.dll"), "JetGetRecordSize3");
	if (!JetGetRecordSize2 || !JetGetRecordSize3) {
		FAIL("esent.dll exports no JetGetRecordSize2/3");
		return final_report();
	}
	CreateDirectoryA("table_records.logs", NULL);
	EXPECT(JET_errSuccess, JetSetSystemParameter(NULL, 0, JET_paramDatabasePageSize, 4096, NULL));
	EXPECT(JET_errSuccess, JetCreateInstance(&inst, "table_records"));
	JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0, "table_records.logs\\");
	JetSetSystemParameter(&inst, 0, JET_paramSystemPath, 0, "table_records.logs\\");
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSession(inst, &s, NULL, NULL));

	printf("-- refusals on the table path\n");
	EXPECT(JET_errDatabaseDirtyShutdown, JetAttachDatabase2A(s, dirty, 0, JET_bitDbReadOnly));
	EXPECT(JET_errDatabaseDirtyShutdown, JetAttachDatabaseW(s, wdirty, JET_bitDbReadOnly));
	EXPECT(JET_errDatabaseNotFound, JetOpenDatabaseA(s, dirty, NULL, &db, JET_bitDbReadOnly));
	EXPECT(JET_errPageSizeMismatch, JetAttachDatabase2A(s, large, 0, JET_bitDbReadOnly));
	EXPECT(JET_errPageSizeMismatch, JetAttachDatabase2W(s, wlarge, 0, JET_bitDbReadOnly));

	EXPECT(JET_errSuccess, JetAttachDatabase2A(s, goese, 0, JET_bitDbReadOnly));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s, goese, NULL, &db, JET_bitDbReadOnly));
	EXPECT(JET_errSuccess, JetOpenTable(s, db, "SruDbIdMapTable", NULL, 0, JET_bitTableReadOnly,
					    &t));
	/* no current record yet */
	{
		ENUMCOLUMN *cols;
		unsigned long n;
		JET_RECSIZE rs;
		JET_RECPOS pos;
		EXPECT(JET_errNoCurrentRecord, JetEnumerateColumns(s, t, 0, NULL, &n,
								   (JET_ENUMCOLUMN **)&cols,
								   counting_realloc, NULL, 0, 0));
		EXPECT(JET_errNoCurrentRecord, JetGetRecordSize(s, t, &rs, 0));
		EXPECT(JET_errNoCurrentRecord, JetRetrieveTaggedColumnList(s, t, &n, NULL, 0, 0, 0));
		EXPECT(JET_errNoCurrentRecord, JetGetRecordPosition(s, t, &pos, sizeof pos));
	}
	EXPECT(JET_errSuccess, JetMove(s, t, JET_MoveFirst, 0));
	enumerate(s, t);
	retrieve_grbits(s, t);
	tagged_list_and_sizes(s, t);
	positions(s, t);
	EXPECT(JET_errSuccess, JetCloseTable(s, t));
	/* detach: refused while the database is open, as ESE's is */
	printf("-- detach after a read-only open\n");
	EXPECT(JET_errDatabaseInUse, JetDetachDatabaseA(s, goese));
	EXPECT(JET_errSuccess, JetCloseDatabase(s, db, 0));
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s, goese));

	EXPECT(JET_errSuccess, JetAttachDatabase2A(s, text, 0, JET_bitDbReadOnly));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s, text, NULL, &db, JET_bitDbReadOnly));
	long_values(s, db);
	EXPECT(JET_errSuccess, JetCloseDatabase(s, db, 0));
	EXPECT(JET_errSuccess, JetDetachDatabaseA(s, text));
	(void)cb;
	EXPECT(JET_errSuccess, JetEndSession(s, 0));
	EXPECT(JET_errSuccess, JetTerm(inst));
	return final_report();
}
