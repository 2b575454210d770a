/*
 * seek_keys: looking rows up by key in a Windows-made database (SRUM's
 * SRUDB.dat), as a program does: JetMakeKey and JetSeek on the primary and
 * a secondary index, an index range walked with JetMove and counted with
 * JetIndexRecordCount, JetRetrieveKey, the secondary index bookmarks,
 * JetIntersectIndexes, JetPrereadKeys, JetRetrieveColumn from the index;
 * and every code these calls return for misuse.
 *
 * usage: seek_keys SRUDB.dat   (exit 77 when the file is absent)
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

/* Newer than MinGW's import library: found at run time, as a program
 * built with an older SDK does. */
typedef JET_ERR(JET_API *index_record_count2_fn)(JET_SESID, JET_TABLEID, unsigned long long *,
						 unsigned long long);
typedef JET_ERR(JET_API *preread_keys_fn)(JET_SESID, JET_TABLEID, const void **,
					  const unsigned long *, long, long *, JET_GRBIT);

static long id_of(JET_SESID sesid, JET_TABLEID t, JET_COLUMNID col)
{
	long v = -1;
	unsigned long cb;
	if (JetRetrieveColumn(sesid, t, col, &v, sizeof v, &cb, 0, NULL) < 0)
		return -1;
	return v;
}

int main(int argc, char **argv)
{
	JET_INSTANCE inst;
	JET_SESID sesid;
	JET_DBID dbid;
	JET_TABLEID t;
	JET_COLUMNDEF def;
	JET_COLUMNID c_id, c_type;
	unsigned long page_size = 0, cb, cb2, cbm, n32;
	unsigned long long n64;
	unsigned char key[300], bm[64], copy[300];
	long id, done;
	int rows;
	HMODULE esent = GetModuleHandleA("esent.dll");
	index_record_count2_fn JetIndexRecordCount2 =
		(index_record_count2_fn)(void *)GetProcAddress(esent, "JetIndexRecordCount2");
	preread_keys_fn JetPrereadKeys = (preread_keys_fn)(void *)GetProcAddress(esent, "JetPrereadKeys");

	if (argc != 2) {
		fprintf(stderr, "usage: seek_keys SRUDB.dat\n");
		return 2;
	}
	if (!JetIndexRecordCount2 || !JetPrereadKeys) {
		printf("FAIL: esent.dll lacks JetIndexRecordCount2 or JetPrereadKeys\n");
		return 1;
	}
	if (GetFileAttributesA(argv[1]) == INVALID_FILE_ATTRIBUTES) {
		printf("SKIP: %s absent\n", argv[1]);
		return 77;
	}
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfo(argv[1], &page_size, sizeof page_size,
						      JET_DbInfoPageSize));
	CreateDirectoryA("seek_keys.logs", NULL);
	JetSetSystemParameter(NULL, 0, JET_paramDatabasePageSize, page_size, NULL);
	EXPECT(JET_errSuccess, JetCreateInstance(&inst, "seek_keys"));
	JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0, "seek_keys.logs\\");
	JetSetSystemParameter(&inst, 0, JET_paramSystemPath, 0, "seek_keys.logs\\");
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSession(inst, &sesid, NULL, NULL));
	EXPECT(JET_errSuccess, JetAttachDatabase2(sesid, argv[1], 0, JET_bitDbReadOnly));
	EXPECT(JET_errSuccess, JetOpenDatabase(sesid, argv[1], NULL, &dbid, JET_bitDbReadOnly));
	EXPECT(JET_errSuccess, JetOpenTable(sesid, dbid, "SruDbIdMapTable", NULL, 0,
					    JET_bitTableReadOnly, &t));
	EXPECT(JET_errSuccess, JetGetTableColumnInfoA(sesid, t, "IdIndex", &def, sizeof def, JET_ColInfo));
	c_id = def.columnid;
	EXPECT(JET_errSuccess, JetGetTableColumnInfoA(sesid, t, "IdType", &def, sizeof def, JET_ColInfo));
	c_type = def.columnid;

	/* JetMakeKey on the primary index (IdIndex, a Long) */
	EXPECT(JET_errKeyNotMade, JetRetrieveKey(sesid, t, copy, sizeof copy, &cb, JET_bitRetrieveCopy));
	EXPECT(JET_errInvalidParameter, JetMakeKey(sesid, t, NULL, 4, JET_bitNewKey));
	EXPECT(JET_errInvalidParameter, JetIndexRecordCount(sesid, t, NULL, 0));
	id = 5;
	EXPECT(JET_errKeyNotMade, JetMakeKey(sesid, t, &id, sizeof id, 0));
	EXPECT(JET_errInvalidBufferSize, JetMakeKey(sesid, t, &id, 2, JET_bitNewKey));
	EXPECT(JET_errInvalidGrbit, JetMakeKey(sesid, t, &id, sizeof id,
					       JET_bitNewKey | JET_bitPartialColumnStartLimit));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errKeyIsMade, JetMakeKey(sesid, t, &id, sizeof id, 0));
	EXPECT(JET_errInvalidTableId, JetMakeKey(sesid, t + 4096, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetRetrieveKey(sesid, t, copy, sizeof copy, &cb, JET_bitRetrieveCopy));
	CHECK(cb == 5 && copy[0] == 0x7f && copy[1] == 0x80 && copy[4] == 5,
	      "the search key of Long 5 is 7f 80 00 00 05 (got %lu bytes)", cb);

	/* JetSeek */
	EXPECT(JET_errInvalidParameter, JetSeek(sesid, t, 0));
	EXPECT(JET_errSuccess, JetSeek(sesid, t, JET_bitSeekEQ));
	CHECK(id_of(sesid, t, c_id) == 5, "SeekEQ 5 found %ld", id_of(sesid, t, c_id));
	EXPECT(JET_errKeyNotMade, JetSeek(sesid, t, JET_bitSeekEQ));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_wrnUniqueKey, JetSeek(sesid, t, JET_bitSeekEQ | JET_bitCheckUniqueness));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSeek(sesid, t, JET_bitSeekGT));
	CHECK(id_of(sesid, t, c_id) == 6, "SeekGT 5 found %ld", id_of(sesid, t, c_id));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSeek(sesid, t, JET_bitSeekLT));
	CHECK(id_of(sesid, t, c_id) == 4, "SeekLT 5 found %ld", id_of(sesid, t, c_id));
	id = 100000;
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errRecordNotFound, JetSeek(sesid, t, JET_bitSeekEQ));
	EXPECT(JET_errNoCurrentRecord, JetRetrieveColumn(sesid, t, c_id, &id, sizeof id, &cb, 0, NULL));
	id = 100000;
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errRecordNotFound, JetSeek(sesid, t, JET_bitSeekGE));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_wrnSeekNotEqual, JetSeek(sesid, t, JET_bitSeekLE));
	CHECK(id_of(sesid, t, c_id) == 1141, "SeekLE past the end found %ld", id_of(sesid, t, c_id));
	id = 0;
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_wrnSeekNotEqual, JetSeek(sesid, t, JET_bitSeekGE));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errRecordNotFound, JetSeek(sesid, t, JET_bitSeekLT));

	/* JetRetrieveKey, and SeekEQ's own range */
	id = 7;
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSeek(sesid, t, JET_bitSeekEQ | JET_bitSetIndexRange));
	EXPECT(JET_errSuccess, JetRetrieveKey(sesid, t, key, sizeof key, &cb, 0));
	CHECK(cb == 5 && memcmp(key, copy, 4) == 0 && key[4] == 7, "the key of row 7 (%lu bytes)", cb);
	EXPECT(JET_wrnBufferTruncated, JetRetrieveKey(sesid, t, key, 2, &cb, 0));
	EXPECT(JET_errNoCurrentRecord, JetMove(sesid, t, JET_MoveNext, 0));
	EXPECT(JET_errNoCurrentRecord, JetRetrieveKey(sesid, t, key, sizeof key, &cb, 0));

	/* JetSetIndexRange: rows 10 to 20 */
	EXPECT(JET_errInvalidOperation, JetSetIndexRange(sesid, t, JET_bitRangeRemove));
	EXPECT(JET_errKeyNotMade, JetSetIndexRange(sesid, t, JET_bitRangeUpperLimit));
	id = 10;
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSeek(sesid, t, JET_bitSeekGE));
	id = 20;
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSetIndexRange(sesid, t, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
	EXPECT(JET_errSuccess, JetIndexRecordCount(sesid, t, &n32, 0));
	CHECK(n32 == 11, "JetIndexRecordCount in [10, 20]: %lu", n32);
	EXPECT(JET_errSuccess, JetIndexRecordCount2(sesid, t, &n64, 4));
	CHECK(n64 == 4, "JetIndexRecordCount2 at most 4: %llu", n64);
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSetIndexRange(sesid, t, JET_bitRangeUpperLimit));
	for (rows = 1; JetMove(sesid, t, JET_MoveNext, 0) == JET_errSuccess; rows++)
		;
	CHECK(rows == 10, "rows in [10, 20): %d", rows);
	/* walking past its limit ended the range */
	EXPECT(JET_errInvalidOperation, JetSetIndexRange(sesid, t, JET_bitRangeRemove));
	EXPECT(JET_errSuccess, JetMove(sesid, t, JET_MoveFirst, 0));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSetIndexRange(sesid, t, JET_bitRangeUpperLimit | JET_bitRangeInstantDuration));
	EXPECT(JET_errInvalidOperation, JetSetIndexRange(sesid, t, JET_bitRangeRemove));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errNoCurrentRecord, JetSetIndexRange(sesid, t, JET_bitRangeInclusive));
	EXPECT(JET_errNoCurrentRecord, JetIndexRecordCount(sesid, t, &n32, 0));
	EXPECT(JET_errSuccess, JetMove(sesid, t, JET_MoveFirst, 0));
	EXPECT(JET_errSuccess, JetIndexRecordCount(sesid, t, &n32, 0));
	CHECK(n32 == 1141, "JetIndexRecordCount of the whole index: %lu", n32);

	/* JetRetrieveColumn from the index key and the primary bookmark */
	id = 9;
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey));
	EXPECT(JET_errSuccess, JetSeek(sesid, t, JET_bitSeekEQ));
	id = 0;
	EXPECT(JET_errSuccess, JetRetrieveColumn(sesid, t, c_id, &id, sizeof id, &cb, JET_bitRetrieveFromIndex, NULL));
	CHECK(id == 9 && cb == 4, "IdIndex from the key: %ld", id);
	EXPECT(JET_errColumnNotFound, JetRetrieveColumn(sesid, t, c_type, &id, sizeof id, &cb,
							JET_bitRetrieveFromIndex, NULL));
	EXPECT(JET_errInvalidGrbit, JetRetrieveColumn(sesid, t, c_id, &id, sizeof id, &cb,
						      JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark, NULL));

	/* the secondary index IdTypeIdBlob (IdType, IdBlob; not unique) */
	EXPECT(JET_errNoCurrentIndex, JetGetSecondaryIndexBookmark(sesid, t, key, sizeof key, &cb, bm,
								    sizeof bm, &cb2, 0));
	EXPECT(JET_errNoCurrentIndex, JetGotoSecondaryIndexBookmark(sesid, t, key, 1, bm, 1, 0));
	EXPECT(JET_errSuccess, JetSetCurrentIndexA(sesid, t, "IdTypeIdBlob"));
	EXPECT(JET_errSuccess, JetMove(sesid, t, 5, 0));
	id = id_of(sesid, t, c_id);
	EXPECT(JET_errSuccess, JetGetSecondaryIndexBookmark(sesid, t, key, sizeof key, &cb, bm, sizeof bm, &cbm, 0));
	EXPECT(JET_errBufferTooSmall, JetGetSecondaryIndexBookmark(sesid, t, key, 1, &cb2, bm, sizeof bm, &cb2, 0));
	EXPECT(JET_errSuccess, JetMove(sesid, t, JET_MoveLast, 0));
	EXPECT(JET_errSuccess, JetGotoSecondaryIndexBookmark(sesid, t, key, cb, bm, cbm, 0));
	CHECK(id_of(sesid, t, c_id) == id, "back on row %ld (on %ld)", id, id_of(sesid, t, c_id));
	EXPECT(JET_errSuccess, JetRetrieveColumn(sesid, t, c_id, &done, sizeof done, &cb2,
						 JET_bitRetrieveFromPrimaryBookmark, NULL));
	CHECK(done == id, "IdIndex from the primary bookmark: %ld", done);
	EXPECT(JET_errInvalidBookmark, JetGotoSecondaryIndexBookmark(sesid, t, NULL, 0, bm, cbm, 0));
	key[cb - 1] ^= 0x55;
	EXPECT(JET_errRecordDeleted, JetGotoSecondaryIndexBookmark(sesid, t, key, cb, bm, cbm, 0));
	EXPECT(JET_errSuccess, JetGotoSecondaryIndexBookmark(sesid, t, key, cb, bm, cbm,
							    JET_bitBookmarkPermitVirtualCurrency));
	/* a seek on the secondary index: every row of IdType 3 */
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, "\x03", 1, JET_bitNewKey | JET_bitFullColumnStartLimit));
	/* the limit is a prefix of the entries' keys, below them */
	EXPECT(JET_wrnSeekNotEqual, JetSeek(sesid, t, JET_bitSeekGE));
	EXPECT(JET_errSuccess, JetMakeKey(sesid, t, "\x03", 1, JET_bitNewKey | JET_bitFullColumnEndLimit));
	EXPECT(JET_errSuccess, JetSetIndexRange(sesid, t, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
	EXPECT(JET_errSuccess, JetIndexRecordCount(sesid, t, &n32, 0));
	printf("rows of IdType 3: %lu\n", n32);
	CHECK(n32 > 0, "no row of IdType 3");

	/* JetPrereadKeys */
	{
		unsigned char k1[5] = { 0x7f, 0x80, 0, 0, 1 }, k2[5] = { 0x7f, 0x80, 0, 0, 2 };
		const void *keys[2] = { k1, k2 };
		unsigned long cbs[2] = { 5, 5 };
		EXPECT(JET_errSuccess, JetSetCurrentIndexA(sesid, t, NULL));
		EXPECT(JET_errSuccess, JetPrereadKeys(sesid, t, keys, cbs, 2, &done, JET_bitPrereadForward));
		CHECK(done == 2, "keys preread: %ld", done);
		EXPECT(JET_errInvalidParameter, JetPrereadKeys(sesid, t, keys, cbs, 2, &done, JET_bitPrereadBackward));
		EXPECT(JET_errInvalidGrbit, JetPrereadKeys(sesid, t, keys, cbs, 2, &done, 0));
		EXPECT(JET_errInvalidParameter, JetPrereadKeys(sesid, t, NULL, cbs, 2, &done, JET_bitPrereadForward));
		cbs[1] = 0;
		EXPECT(JET_errInvalidBufferSize, JetPrereadKeys(sesid, t, keys, cbs, 2, &done, JET_bitPrereadForward));
	}

	/* JetIntersectIndexes: a SRUM table's two secondary indexes, whole */
	{
		const char *name = "{D10CA2FE-6FCF-4F6D-848E-B2E99266FA86}";
		JET_TABLEID ta, tb;
		JET_INDEXRANGE r[2];
		JET_RECORDLIST rl;
		unsigned char bmk[256];
		unsigned long found = 0, cbk;
		EXPECT(JET_errSuccess, JetOpenTable(sesid, dbid, name, NULL, 0, JET_bitTableReadOnly, &ta));
		EXPECT(JET_errSuccess, JetOpenTable(sesid, dbid, name, NULL, 0, JET_bitTableReadOnly, &tb));
		EXPECT(JET_errSuccess, JetSetCurrentIndexA(sesid, ta, "UserIdTimeStamp"));
		EXPECT(JET_errSuccess, JetSetCurrentIndexA(sesid, tb, "AutoIncIdIndex"));
		memset(r, 0, sizeof r);
		r[0].cbStruct = r[1].cbStruct = sizeof(JET_INDEXRANGE);
		r[0].tableid = ta;
		r[1].tableid = tb;
		r[0].grbit = r[1].grbit = JET_bitRecordInIndex;
		memset(&rl, 0, sizeof rl);
		rl.cbStruct = sizeof rl;
		EXPECT(JET_errSuccess, JetIntersectIndexes(sesid, r, 2, &rl, 0));
		CHECK(rl.cRecord == 10, "records in both indexes: %lu", rl.cRecord);
		/* each cursor walked past its range, as the engine leaves it */
		EXPECT(JET_errNoCurrentRecord, JetMove(sesid, tb, JET_MoveNext, 0));
		for (JET_ERR e = JetMove(sesid, rl.tableid, JET_MoveFirst, 0); e == JET_errSuccess;
		     e = JetMove(sesid, rl.tableid, JET_MoveNext, 0)) {
			EXPECT(JET_errSuccess, JetRetrieveColumn(sesid, rl.tableid, rl.columnidBookmark, bmk,
								 sizeof bmk, &cbk, 0, NULL));
			EXPECT(JET_errSuccess, JetGotoBookmark(sesid, ta, bmk, cbk));
			found++;
		}
		CHECK(found == rl.cRecord, "bookmarks walked: %lu", found);
		EXPECT(JET_errSuccess, JetCloseTable(sesid, rl.tableid));
		EXPECT(JET_errInvalidParameter, JetIntersectIndexes(sesid, r, 2, NULL, 0));
		EXPECT(JET_errInvalidParameter, JetIntersectIndexes(sesid, r, 0, &rl, 0));
		rl.cbStruct = 1;
		EXPECT(JET_errInvalidParameter, JetIntersectIndexes(sesid, r, 2, &rl, 0));
		rl.cbStruct = sizeof rl;
		r[1].grbit = JET_bitRecordNotInIndex;
		rl.cRecord = 77;
		EXPECT(JET_errInvalidGrbit, JetIntersectIndexes(sesid, r, 2, &rl, 0));
		CHECK(rl.cRecord == 77, "the record list written after a refused range");
		r[1].grbit = JET_bitRecordInIndex;
		r[1].tableid = ta;
		EXPECT(JET_errInvalidParameter, JetIntersectIndexes(sesid, r, 2, &rl, 0));
		EXPECT(JET_errSuccess, JetCloseTable(sesid, ta));
		EXPECT(JET_errSuccess, JetCloseTable(sesid, tb));
	}

	EXPECT(JET_errSuccess, JetCloseTable(sesid, t));
	EXPECT(JET_errSuccess, JetCloseDatabase(sesid, dbid, 0));
	EXPECT(JET_errSuccess, JetDetachDatabase(sesid, argv[1]));
	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm(inst));
	return final_report();
}
