/*
 * list_schema: the tables of a database, each with its columns and
 * indexes, the way ManagedEsent's GetTableNames, GetTableColumns and
 * GetTableIndexes read them: JetGetObjectInfo, JetGetTableColumnInfo and
 * JetGetTableIndexInfo at their list levels, each a temporary table walked
 * with JetMove and JetRetrieveColumn and closed with JetCloseTable.  Each
 * column the list names is checked against JetGetTableColumnInfo's own
 * answer for its id, the A and W lists against each other, and the codes of
 * the misuses of the info calls are provoked.  On the catalog's own table,
 * the single levels: the space levels of JetGetTableInfo and
 * JetGetTableIndexInfo summed against each other, the sort levels,
 * JET_IdxInfoCreateIndex, the auto-increment level, and the column
 * levels' short buffers.
 *
 * usage: list_schema DATABASE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#define CHECK_SAYS_OK 0
#include "check.h"

/* MinGW's <esent.h> maps this W name to the A function unless UNICODE is
 * defined (a slip for the unsuffixed name): the W function is meant. */
#undef JetGetTableColumnInfoW

static unsigned long get_long(JET_SESID s, JET_TABLEID t, JET_COLUMNID c)
{
	unsigned long v = 0, cb = 0;
	JetRetrieveColumn(s, t, c, &v, sizeof v, &cb, 0, NULL);
	return v;
}

static void get_text(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, char *out, unsigned long size)
{
	unsigned long cb = 0;
	if (JetRetrieveColumn(s, t, c, out, size - 1, &cb, 0, NULL) < 0)
		cb = 0;
	out[cb < size ? cb : size - 1] = 0;
}

static void get_wtext(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, WCHAR *out, unsigned long n)
{
	unsigned long cb = 0;
	if (JetRetrieveColumn(s, t, c, out, (n - 1) * sizeof(WCHAR), &cb, 0, NULL) < 0)
		cb = 0;
	out[cb / sizeof(WCHAR) < n ? cb / sizeof(WCHAR) : n - 1] = 0;
}

/* The columns (W list, by column id) against JetGetTableColumnInfo. */
static int list_columns(JET_SESID s, JET_TABLEID t)
{
	JET_COLUMNLIST wl, al;
	JET_ERR err;
	int n = 0;
	EXPECT(JET_errSuccess, JetGetTableColumnInfoW(s, t, NULL, &wl, sizeof wl,
						      JET_ColInfoListSortColumnid));
	EXPECT(JET_errSuccess, JetGetTableColumnInfoA(s, t, NULL, &al, sizeof al, JET_ColInfoList));
	CHECK(wl.cRecord == al.cRecord, "A and W column lists differ: %lu, %lu",
	      (unsigned long)wl.cRecord, (unsigned long)al.cRecord);
	for (err = JetMove(s, wl.tableid, JET_MoveFirst, 0); err == JET_errSuccess;
	     err = JetMove(s, wl.tableid, JET_MoveNext, 0), n++) {
		WCHAR name[JET_cbNameMost + 1];
		JET_COLUMNBASE_W def;
		JET_COLUMNID id = get_long(s, wl.tableid, wl.columnidcolumnid);
		get_wtext(s, wl.tableid, wl.columnidcolumnname, name, JET_cbNameMost + 1);
		/* by id: a table may have tens of thousands of columns */
		EXPECT(JET_errSuccess, JetGetTableColumnInfoW(s, t, (const WCHAR *)&id, &def,
							      sizeof def, JET_ColInfoBaseByColid));
		CHECK(def.columnid == id && wcscmp(def.szBaseColumnName, name) == 0 &&
			      def.coltyp == get_long(s, wl.tableid, wl.columnidcoltyp) &&
			      def.cbMax == get_long(s, wl.tableid, wl.columnidcbMax) &&
			      def.grbit == get_long(s, wl.tableid, wl.columnidgrbit),
		      "column %s: the list and JET_ColInfoBaseByColid differ", u8(name));
		printf("  column %lu %s coltyp %lu cbMax %lu grbit 0x%lx\n", (unsigned long)id, u8(name),
		       (unsigned long)def.coltyp, (unsigned long)def.cbMax, (unsigned long)def.grbit);
	}
	CHECK(err == JET_errNoCurrentRecord && n == (int)wl.cRecord, "column walk: %ld after %d",
	      (long)err, n);
	EXPECT(JET_errSuccess, JetCloseTable(s, wl.tableid));
	EXPECT(JET_errSuccess, JetCloseTable(s, al.tableid));
	return n;
}

static void list_indexes(JET_SESID s, JET_TABLEID t)
{
	JET_INDEXLIST il;
	JET_ERR err;
	unsigned n = 0;
	EXPECT(JET_errSuccess, JetGetTableIndexInfoW(s, t, NULL, &il, sizeof il, JET_IdxInfoList));
	for (err = JetMove(s, il.tableid, JET_MoveFirst, 0); err == JET_errSuccess;
	     err = JetMove(s, il.tableid, JET_MoveNext, 0), n++) {
		WCHAR index[JET_cbNameMost + 1], column[JET_cbNameMost + 1];
		get_wtext(s, il.tableid, il.columnidindexname, index, JET_cbNameMost + 1);
		get_wtext(s, il.tableid, il.columnidcolumnname, column, JET_cbNameMost + 1);
		printf("  index %s grbit 0x%lx key %lu/%lu %c%s\n", u8(index),
		       get_long(s, il.tableid, il.columnidgrbitIndex),
		       get_long(s, il.tableid, il.columnidiColumn) + 1,
		       get_long(s, il.tableid, il.columnidcColumn),
		       get_long(s, il.tableid, il.columnidgrbitColumn) & 1 ? '-' : '+', u8(column));
	}
	CHECK(err == JET_errNoCurrentRecord && n == il.cRecord, "index walk: %ld after %u",
	      (long)err, n);
	EXPECT(JET_errSuccess, JetCloseTable(s, il.tableid));
}

/* The codes of the info calls' misuses, on table t of dbid. */
static void misuses(JET_SESID s, JET_DBID dbid, JET_TABLEID t, const char *table)
{
	JET_OBJECTLIST ol;
	JET_OBJECTINFO oi;
	JET_INDEXLIST il;
	JET_TABLEID dup;
	char name[JET_cbNameMost + 1];
	unsigned long cb;
	int count;
	EXPECT(JET_errInvalidParameter, JetGetObjectInfoA(s, dbid, JET_objtypTable, NULL, NULL, &ol,
							  sizeof ol, 99));
	EXPECT(JET_errFeatureNotAvailable, JetGetObjectInfoA(s, dbid, JET_objtypTable, NULL, NULL,
							     &ol, sizeof ol, JET_ObjInfoSysTabCursor));
	EXPECT(JET_errBufferTooSmall, JetGetObjectInfoW(s, dbid, JET_objtypTable, NULL, NULL, &ol, 4,
							JET_ObjInfoListNoStats));
	EXPECT(JET_errObjectNotFound, JetGetObjectInfoA(s, dbid, JET_objtypTable, "Bogus", NULL, &ol,
							sizeof ol, JET_ObjInfoListNoStats));
	EXPECT(JET_errObjectNotFound, JetGetObjectInfoA(s, dbid, JET_objtypTable, "Tables", "NoSuch",
							&oi, sizeof oi, JET_ObjInfo));
	EXPECT(JET_errSuccess, JetGetObjectInfoW(s, dbid, JET_objtypTable, L"Tables", L"MSysObjects",
						 &oi, sizeof oi, JET_ObjInfoNoStats));
	EXPECT(JET_errInvalidDatabaseId, JetGetObjectInfoA(s, dbid + 7, JET_objtypTable, NULL, NULL,
							   &ol, sizeof ol, JET_ObjInfoList));
	EXPECT(JET_errSuccess, JetGetTableInfoA(s, t, name, sizeof name, JET_TblInfoName));
	CHECK(strcmp(name, table) == 0, "JET_TblInfoName: %s", name);
	EXPECT(JET_errBufferTooSmall, JetGetTableInfoA(s, t, name, 1, JET_TblInfoName));
	EXPECT(JET_errSuccess, JetGetTableInfoW(s, t, &oi, sizeof oi, JET_TblInfo));
	EXPECT(JET_errBufferTooSmall, JetGetTableInfoW(s, t, &oi, 4, JET_TblInfo));
	EXPECT(JET_errInvalidTableId, JetGetTableInfoA(s, t + 99, name, sizeof name, JET_TblInfoName));
	EXPECT(JET_errFeatureNotAvailable, JetGetTableInfoA(s, t, &cb, sizeof cb, JET_TblInfoOLC));
	EXPECT(JET_errSuccess, JetGetTableIndexInfoA(s, t, NULL, &count, sizeof count,
						     JET_IdxInfoCount));
	EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoA(s, t, NULL, &il, 8, JET_IdxInfoList));
	EXPECT(JET_errInvalidParameter, JetGetTableIndexInfoA(s, t, NULL, &il, sizeof il, 99));
	EXPECT(JET_errFeatureNotAvailable, JetGetTableIndexInfoA(s, t, NULL, &il, sizeof il,
								 JET_IdxInfoOLC));
	EXPECT(JET_errIndexNotFound, JetGetIndexInfoA(s, dbid, table, "NoSuchIndex", &il, sizeof il,
						      JET_IdxInfo));
	EXPECT(JET_errIndexNotFound, JetGetIndexInfoW(s, dbid, L"MSysObjects", L"NoSuchIndex", &il,
						      sizeof il, JET_IdxInfo));
	EXPECT(JET_errObjectNotFound, JetGetIndexInfoA(s, dbid, "NoSuchTable", NULL, &il, sizeof il,
						       JET_IdxInfo));
	EXPECT(JET_errSuccess, JetGetIndexInfoA(s, dbid, "MSysObjects", NULL, &il, sizeof il,
						JET_IdxInfoList));
	EXPECT(JET_errSuccess, JetCloseTable(s, il.tableid));
	EXPECT(JET_errInvalidTableId, JetMove(s, il.tableid, JET_MoveFirst, 0));
	EXPECT(JET_errSuccess, JetDupCursor(s, t, &dup, 0));
	EXPECT(JET_errSuccess, JetSetTableSequential(s, dup, 0));
	EXPECT(JET_errSuccess, JetResetTableSequential(s, dup, 0));
	EXPECT(JET_errSuccess, JetCloseTable(s, dup));
	EXPECT(JET_errInvalidTableId, JetSetTableSequential(s, dup, 0));
	EXPECT(JET_errInvalidTableId, JetDupCursor(s, dup, &dup, 0));
}

/* JetGetTableInfo's and JetGetIndexInfo's space levels on the catalog
 * (MSysObjects: the primary index Id, the secondary Name and RootObjects),
 * their buffer codes, and the single-column levels' short buffers. */
static void space_and_buffers(JET_SESID s, JET_DBID dbid)
{
	JET_TABLEID m;
	JET_COLUMNDEF def;
	JET_COLUMNBASE_A ba;
	JET_COLUMNBASE_W bw;
	JET_COLUMNLIST cl;
	JET_COLUMNID id = 1;
	long usage[2] = {0}, owned = -1, avail = -1, lv_owned = -1, lv_avail = -1, list[64];
	long ix_owned[3] = {-1, -1, -1}, ix_avail[3] = {-1, -1, -1}, sum, n;
	int i;
	EXPECT(JET_errSuccess, JetOpenTableA(s, dbid, "MSysObjects", NULL, 0, JET_bitTableReadOnly,
					     &m));
	EXPECT(JET_errSuccess, JetGetTableInfoA(s, m, usage, sizeof usage, JET_TblInfoSpaceUsage));
	EXPECT(JET_errSuccess, JetGetTableInfoW(s, m, &owned, sizeof owned, JET_TblInfoSpaceOwned));
	EXPECT(JET_errSuccess, JetGetTableInfoA(s, m, &avail, sizeof avail,
						JET_TblInfoSpaceAvailable));
	EXPECT(JET_errSuccess, JetGetTableInfoW(s, m, &lv_owned, sizeof lv_owned,
						JET_TblInfoSpaceOwnedLV));
	EXPECT(JET_errSuccess, JetGetTableInfoA(s, m, &lv_avail, sizeof lv_avail,
						JET_TblInfoSpaceAvailableLV));
	EXPECT(JET_errSuccess, JetGetTableIndexInfoA(s, m, "Id", &ix_owned[0], sizeof(long),
						     JET_IdxInfoSpaceOwned));
	EXPECT(JET_errSuccess, JetGetTableIndexInfoW(s, m, L"Id", &ix_avail[0], sizeof(long),
						     JET_IdxInfoSpaceAvailable));
	EXPECT(JET_errSuccess, JetGetIndexInfoA(s, dbid, "MSysObjects", "Name", &ix_owned[1],
						sizeof(long), JET_IdxInfoSpaceOwned));
	EXPECT(JET_errSuccess, JetGetIndexInfoW(s, dbid, L"MSysObjects", L"Name", &ix_avail[1],
						sizeof(long), JET_IdxInfoSpaceAvailable));
	EXPECT(JET_errSuccess, JetGetIndexInfoW(s, dbid, L"MSysObjects", L"RootObjects",
						&ix_owned[2], sizeof(long), JET_IdxInfoSpaceOwned));
	EXPECT(JET_errSuccess, JetGetTableIndexInfoA(s, m, "RootObjects", &ix_avail[2],
						     sizeof(long), JET_IdxInfoSpaceAvailable));
	printf("MSysObjects space: owned %ld available %ld (tree %ld), long values %ld/%ld, "
	       "indexes Id %ld/%ld Name %ld/%ld RootObjects %ld/%ld\n",
	       owned, avail, usage[1], lv_owned, lv_avail, ix_owned[0], ix_avail[0], ix_owned[1],
	       ix_avail[1], ix_owned[2], ix_avail[2]);
	/* the table owns its indexes' and long values' pages; its available
	 * pages are theirs added to its own tree's */
	CHECK(usage[0] == owned && owned > 0 && usage[1] == ix_avail[0] &&
		      owned == ix_owned[0] + ix_owned[1] + ix_owned[2] + lv_owned &&
		      avail == usage[1] + ix_avail[1] + ix_avail[2] + lv_avail,
	      "MSysObjects' space levels disagree");
	/* past 8 bytes the extent lists, each ended by a zero extent */
	EXPECT(JET_errSuccess, JetGetTableInfoA(s, m, list, sizeof list, JET_TblInfoSpaceUsage));
	for (i = 2, sum = 0; list[i] || list[i + 1]; i += 2)
		sum += list[i + 1];
	CHECK(list[0] == owned && sum == owned, "SpaceUsage's owned list: %ld of %ld", sum, owned);
	for (i += 2, sum = 0, n = 0; list[i] || list[i + 1]; i += 2, n++)
		sum += list[i + 1];
	CHECK(sum == usage[1], "SpaceUsage's available list: %ld of %ld", sum, usage[1]);
	EXPECT(JET_errBufferTooSmall, JetGetTableInfoA(s, m, list, 12, JET_TblInfoSpaceUsage));
	EXPECT(JET_errInvalidParameter, JetGetTableInfoW(s, m, usage, 4, JET_TblInfoSpaceUsage));
	EXPECT(JET_errInvalidParameter, JetGetTableInfoA(s, m, &owned, 2, JET_TblInfoSpaceOwned));
	EXPECT(JET_errInvalidBufferSize, JetGetTableInfoA(s, m, usage, sizeof usage,
							  JET_TblInfoSpaceAvailable));
	EXPECT(JET_errInvalidBufferSize, JetGetTableIndexInfoA(s, m, "Name", usage, sizeof usage,
							       JET_IdxInfoSpaceOwned));
	EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoW(s, m, L"Name", &owned, 2,
							    JET_IdxInfoSpaceAvailable));
	/* an index no one has: nothing written, as info.cxx */
	owned = 77;
	EXPECT(JET_errSuccess, JetGetTableIndexInfoA(s, m, "NoSuchIndex", &owned, sizeof owned,
						     JET_IdxInfoSpaceOwned));
	CHECK(owned == 77, "an unknown index's space: %ld", owned);
	/* the catalog has no auto-increment column to reserve from */
	EXPECT(JET_errInvalidOperation, JetGetTableInfoA(s, m, &owned, sizeof owned,
							 JET_TblInfoRetrieveAndReserveAutoIncrement));
	EXPECT(JET_errInvalidParameter, JetGetTableInfoW(s, m, NULL, sizeof owned,
							 JET_TblInfoRetrieveAndReserveAutoIncrement));
	/* the sort levels: the catalog's indexes have no Unicode text, so no
	 * sort version or GUID */
	{
		DWORD version = 7;
		GUID sortid;
		memset(&sortid, 0xff, sizeof sortid);
		EXPECT(JET_errSuccess, JetGetTableIndexInfoA(s, m, "Name", &version, sizeof version,
							     JET_IdxInfoSortVersion));
		CHECK(version == 0, "MSysObjects' Name: sort version %lu", (unsigned long)version);
		version = 7;
		EXPECT(JET_errSuccess, JetGetIndexInfoW(s, dbid, L"MSysObjects", L"Id", &version,
							sizeof version, JET_IdxInfoDefinedSortVersion));
		CHECK(version == 0, "MSysObjects' Id: defined version %lu", (unsigned long)version);
		EXPECT(JET_errSuccess, JetGetTableIndexInfoW(s, m, L"RootObjects", &sortid,
							     sizeof sortid, JET_IdxInfoSortId));
		CHECK(sortid.Data1 == 0 && sortid.Data4[7] == 0, "MSysObjects' RootObjects: a sort id");
		EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoA(s, m, "Name", &sortid, 15,
								    JET_IdxInfoSortId));
		EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoA(s, m, "Name", &version, 2,
								    JET_IdxInfoSortVersion));
		EXPECT(JET_errIndexNotFound, JetGetTableIndexInfoA(s, m, "NoSuchIndex", &version,
								   sizeof version,
								   JET_IdxInfoDefinedSortVersion));
	}
	/* JET_IdxInfoCreateIndex: the definition and its strings in one buffer */
	{
		static const char key[] = "+ObjidTable\0+Type\0+Name\0";
		static const WCHAR wkey[] = L"+ObjidTable\0+Type\0+Name\0";
		union {
			JET_INDEXCREATE_A a;
			JET_INDEXCREATE_W w;
			char b[512];
		} u;
		const unsigned char *lo = (const unsigned char *)&u, *hi = lo + sizeof u;
		EXPECT(JET_errSuccess, JetGetTableIndexInfoA(s, m, "Name", &u, sizeof u,
							     JET_IdxInfoCreateIndex));
		CHECK(u.a.cbStruct == sizeof u.a && strcmp(u.a.szIndexName, "Name") == 0 &&
			      u.a.cbKey == sizeof key && memcmp(u.a.szKey, key, sizeof key) == 0 &&
			      /* JET_bitIndexUnique, JET_bitIndexUnicode */
			      (u.a.grbit & (0x1 | JET_bitIndexUnicode)) == (0x1 | JET_bitIndexUnicode) &&
			      (const unsigned char *)u.a.pidxunicode > lo &&
			      (const unsigned char *)u.a.pidxunicode < hi &&
			      u.a.pidxunicode->dwMapFlags != 0 && u.a.cbKeyMost >= 255,
		      "JET_IdxInfoCreateIndex (A) of MSysObjects' Name");
		EXPECT(JET_errSuccess, JetGetIndexInfoW(s, dbid, L"MSysObjects", L"Name", &u,
							sizeof u, JET_IdxInfoCreateIndex));
		CHECK(u.w.cbStruct == sizeof u.w && wcscmp(u.w.szIndexName, L"Name") == 0 &&
			      u.w.cbKey == sizeof wkey && memcmp(u.w.szKey, wkey, sizeof wkey) == 0 &&
			      (const unsigned char *)u.w.szKey > lo &&
			      (const unsigned char *)u.w.szKey < hi,
		      "JET_IdxInfoCreateIndex (W) of MSysObjects' Name");
		printf("MSysObjects' Name: grbit 0x%lx density %lu lcid 0x%lx map 0x%lx "
		       "cbVarSegMac %lu cbKeyMost %lu\n", (unsigned long)u.w.grbit,
		       (unsigned long)u.w.ulDensity, (unsigned long)u.w.pidxunicode->lcid,
		       (unsigned long)u.w.pidxunicode->dwMapFlags, (unsigned long)u.w.cbVarSegMac,
		       (unsigned long)u.w.cbKeyMost);
		EXPECT(JET_errSuccess, JetGetTableIndexInfoW(s, m, NULL, &u, sizeof u,
							     JET_IdxInfoCreateIndex));
		CHECK(wcscmp(u.w.szIndexName, L"Id") == 0, "no name: the primary index");
		EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoA(s, m, "Name", &u,
								    sizeof u.a - 1,
								    JET_IdxInfoCreateIndex));
		EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoW(s, m, L"Name", &u,
								    sizeof u.w + 12,
								    JET_IdxInfoCreateIndex));
		EXPECT(JET_errIndexNotFound, JetGetTableIndexInfoA(s, m, "NoSuchIndex", &u, sizeof u,
								   JET_IdxInfoCreateIndex));
		/* the second and third forms: JET_INDEXCREATE and a pointer to
		 * the space hints (JET_SPACEHINTS: cbStruct, ulInitialDensity,
		 * cbInitial, ...); the third's pidxunicode points to a
		 * JET_UNICODEINDEX2 (szLocaleName, dwMapFlags) */
		{
			void *const *tail = (void *const *)(u.b + sizeof u.a);
			const unsigned long *hints;
			const unsigned char *ui;
			const WCHAR *locale;
			unsigned long flags, density;
			EXPECT(JET_errSuccess, JetGetTableIndexInfoA(s, m, "Name", &u, sizeof u,
								     JET_IdxInfoCreateIndex3));
			hints = *tail;
			density = u.a.ulDensity;
			CHECK(u.a.cbStruct == sizeof u.a + sizeof(void *) &&
				      (const unsigned char *)hints > lo &&
				      (const unsigned char *)hints < hi && hints[0] == 32 &&
				      hints[1] == density && strcmp(u.a.szIndexName, "Name") == 0,
			      "JET_IdxInfoCreateIndex3 (A) of MSysObjects' Name");
			EXPECT(JET_errSuccess, JetGetTableIndexInfoW(s, m, L"Name", &u, sizeof u,
								     JET_IdxInfoCreateIndex3));
			ui = (const unsigned char *)u.w.pidxunicode;
			memcpy(&locale, ui, sizeof locale);
			memcpy(&flags, ui + sizeof(void *), sizeof flags);
			CHECK(ui > lo && ui < hi && (const unsigned char *)locale > lo &&
				      (const unsigned char *)locale < hi && locale[0] != 0 &&
				      flags == 0x30401 && u.w.cbKey == sizeof wkey,
			      "JET_IdxInfoCreateIndex3 (W) of MSysObjects' Name");
			printf("MSysObjects' Name, third form: locale %s\n", u8(locale));
			EXPECT(JET_errSuccess, JetGetIndexInfoW(s, dbid, L"MSysObjects", NULL, &u,
								sizeof u, JET_IdxInfoCreateIndex2));
			hints = *tail;
			CHECK(wcscmp(u.w.szIndexName, L"Id") == 0 && hints[0] == 32,
			      "JET_IdxInfoCreateIndex2 (W) of MSysObjects' primary index");
			/* room for the structure, not for its space hints */
			EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoA(s, m, "Name", &u,
									    sizeof u.a + sizeof(void *) + 8,
									    JET_IdxInfoCreateIndex2));
			EXPECT(JET_errBufferTooSmall, JetGetTableIndexInfoA(s, m, "Name", &u,
									    sizeof u.a, JET_IdxInfoCreateIndex3));
		}
	}
	/* the single-column levels: each level's least buffer first */
	EXPECT(JET_errBufferTooSmall, JetGetTableColumnInfoA(s, m, "Name", &def, sizeof def - 1,
							     JET_ColInfo));
	EXPECT(JET_errBufferTooSmall, JetGetTableColumnInfoA(s, m, (const char *)&id, &ba,
							     sizeof ba - 1, JET_ColInfoBaseByColid));
	EXPECT(JET_errBufferTooSmall, JetGetTableColumnInfoW(s, m, L"Name", &bw, sizeof ba,
							     JET_ColInfoBase));
	EXPECT(JET_errInvalidParameter, JetGetTableColumnInfoW(s, m, L"Name", NULL, sizeof bw,
							       JET_ColInfoBase));
	EXPECT(JET_errBufferTooSmall, JetGetTableColumnInfoW(s, m, NULL, &cl, 8, JET_ColInfoList));
	EXPECT(JET_errColumnNotFound, JetGetTableColumnInfoA(s, m, NULL, &def, sizeof def,
							     JET_ColInfo));
	EXPECT(JET_errBufferTooSmall, JetGetColumnInfoA(s, dbid, "NoSuchTable", "Name", &def, 4,
							JET_ColInfo));
	EXPECT(JET_errBufferTooSmall, JetGetColumnInfoW(s, dbid, L"MSysObjects", L"Name", &bw,
							sizeof ba, JET_ColInfoBase));
	EXPECT(JET_errSuccess, JetGetColumnInfoW(s, dbid, L"MSysObjects", L"Name", &bw, sizeof bw,
						 JET_ColInfoBase));
	CHECK(bw.columnid == 128, "MSysObjects' Name: columnid %lu", (unsigned long)bw.columnid);
	EXPECT(JET_errSuccess, JetCloseTable(s, m));
}

int main(int argc, char **argv)
{
	JET_INSTANCE inst;
	JET_SESID s;
	JET_DBID dbid;
	JET_OBJECTLIST ol;
	JET_ERR err;
	unsigned long page_size = 0;
	unsigned tables = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: list_schema DATABASE\n");
		return 2;
	}
	EXPECT(JET_errSuccess, JetGetDatabaseFileInfoA(argv[1], &page_size, sizeof page_size,
						       JET_DbInfoPageSize));
	JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, page_size, NULL);
	CreateDirectoryA("list_schema.logs", NULL);
	EXPECT(JET_errSuccess, JetCreateInstanceA(&inst, "list_schema"));
	JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "list_schema.logs\\");
	JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "list_schema.logs\\");
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &s, NULL, NULL));
	EXPECT(JET_errSuccess, JetAttachDatabase2A(s, argv[1], 0, JET_bitDbReadOnly));
	EXPECT(JET_errSuccess, JetOpenDatabaseA(s, argv[1], NULL, &dbid, JET_bitDbReadOnly));
	/* GetTableNames */
	EXPECT(JET_errSuccess, JetGetObjectInfoA(s, dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol,
						 JET_ObjInfoListNoStats));
	for (err = JetMove(s, ol.tableid, JET_MoveFirst, 0); err == JET_errSuccess;
	     err = JetMove(s, ol.tableid, JET_MoveNext, 0), tables++) {
		char name[JET_cbNameMost + 1];
		JET_TABLEID t;
		get_text(s, ol.tableid, ol.columnidobjectname, name, sizeof name);
		printf("table %s flags 0x%lx\n", name, get_long(s, ol.tableid, ol.columnidflags));
		EXPECT(JET_errSuccess, JetOpenTableA(s, dbid, name, NULL, 0, JET_bitTableReadOnly, &t));
		list_columns(s, t);
		list_indexes(s, t);
		if (tables == 0) {
			misuses(s, dbid, t, name);
			space_and_buffers(s, dbid);
		}
		EXPECT(JET_errSuccess, JetCloseTable(s, t));
	}
	CHECK(err == JET_errNoCurrentRecord && tables == ol.cRecord, "table walk: %ld after %u",
	      (long)err, tables);
	EXPECT(JET_errSuccess, JetCloseTable(s, ol.tableid));
	EXPECT(JET_errSuccess, JetCloseDatabase(s, dbid, 0));
	EXPECT(JET_errSuccess, JetEndSession(s, 0));
	EXPECT(JET_errSuccess, JetTerm(inst));
	return final_report();
}
