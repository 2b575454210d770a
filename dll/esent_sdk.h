/*
 * What the Windows SDK's <esent.h> declares and MinGW's lacks: the
 * prototypes of the exports a program built with a newer SDK imports
 * (ESE's published jethdr.w), and the types they name.  The one place the
 * DLL declares them; included by dll.h after the stock header.
 *
 * Structures the DLL never reads are incomplete types: a prototype needs
 * only their name.  Enumerations are int-sized, as the compiler lays out
 * ESE's enums.
 */
#ifndef ESENT_SDK_H
#define ESENT_SDK_H

typedef struct JET_SETDBPARAM JET_SETDBPARAM;
typedef struct JET_COMMIT_ID JET_COMMIT_ID;
typedef struct JET_EMITDATACTX JET_EMITDATACTX;
/* JET_SPACEHINTS, JET_UNICODEINDEX2 and the JET_INDEXCREATE2/3 forms
 * JetGetTableIndexInfo fills, as jethdr.w lays them out: JET_INDEXCREATE
 * followed by its space hints (the third form's pidxunicode, a pointer to
 * a JET_UNICODEINDEX2, takes the place of the lcid union). */
typedef struct JET_SPACEHINTS {
	unsigned long cbStruct, ulInitialDensity, cbInitial;
	JET_GRBIT grbit;
	unsigned long ulMaintDensity, ulGrowth, cbMinExtent, cbMaxExtent;
} JET_SPACEHINTS;
typedef struct JET_UNICODEINDEX2 {
	WCHAR *szLocaleName;
	unsigned long dwMapFlags;
} JET_UNICODEINDEX2;
#define JET_INDEXCREATE_FIELDS(T, UNICODE)                                                \
	unsigned long cbStruct;                                                           \
	T *szIndexName;                                                                   \
	T *szKey;                                                                         \
	unsigned long cbKey;                                                              \
	JET_GRBIT grbit;                                                                  \
	unsigned long ulDensity;                                                          \
	UNICODE;                                                                          \
	union {                                                                           \
		unsigned long cbVarSegMac;                                                \
		JET_TUPLELIMITS *ptuplelimits;                                            \
	};                                                                                \
	void *rgconditionalcolumn;                                                        \
	unsigned long cConditionalColumn;                                                 \
	JET_ERR err;                                                                      \
	unsigned long cbKeyMost;                                                          \
	JET_SPACEHINTS *pSpacehints
#define JET_UNICODE_V2 union { unsigned long lcid; JET_UNICODEINDEX *pidxunicode; }
typedef struct JET_INDEXCREATE2_A {
	JET_INDEXCREATE_FIELDS(char, JET_UNICODE_V2);
} JET_INDEXCREATE2_A;
typedef struct JET_INDEXCREATE2_W {
	JET_INDEXCREATE_FIELDS(WCHAR, JET_UNICODE_V2);
} JET_INDEXCREATE2_W;
typedef struct JET_INDEXCREATE3_A {
	JET_INDEXCREATE_FIELDS(char, JET_UNICODEINDEX2 *pidxunicode);
} JET_INDEXCREATE3_A;
typedef struct JET_INDEXCREATE3_W {
	JET_INDEXCREATE_FIELDS(WCHAR, JET_UNICODEINDEX2 *pidxunicode);
} JET_INDEXCREATE3_W;
#undef JET_UNICODE_V2
#undef JET_INDEXCREATE_FIELDS
typedef struct JET_TABLECREATE3_A JET_TABLECREATE3_A;
typedef struct JET_TABLECREATE3_W JET_TABLECREATE3_W;
typedef struct JET_TABLECREATE4_A JET_TABLECREATE4_A;
typedef struct JET_TABLECREATE4_W JET_TABLECREATE4_W;
typedef struct JET_TABLECREATE5_A JET_TABLECREATE5_A;
typedef struct JET_TABLECREATE5_W JET_TABLECREATE5_W;
typedef struct JET_DBUTIL_A JET_DBUTIL_A;
typedef struct JET_DBUTIL_W JET_DBUTIL_W;
typedef struct JET_PAGEINFO JET_PAGEINFO;
/* JET_RECSIZE3 and the JET_RECSIZE2 it begins with, JET_RECPOS2, and
 * JET_RETRIEVEMULTIVALUECOUNT, as jethdr.w lays them out. */
typedef struct JET_RECSIZE2 {
	unsigned __int64 cbData, cbLongValueData, cbOverhead, cbLongValueOverhead;
	unsigned __int64 cNonTaggedColumns, cTaggedColumns, cLongValues, cMultiValues;
	unsigned __int64 cCompressedColumns, cbDataCompressed, cbLongValueDataCompressed;
} JET_RECSIZE2;
typedef struct JET_RECSIZE3 {
	unsigned __int64 cbData, cbLongValueData, cbOverhead, cbLongValueOverhead;
	unsigned __int64 cNonTaggedColumns, cTaggedColumns, cLongValues, cMultiValues;
	unsigned __int64 cCompressedColumns, cbDataCompressed, cbLongValueDataCompressed;
	unsigned __int64 cbIntrinsicLongValueData, cbIntrinsicLongValueDataCompressed;
	unsigned __int64 cIntrinsicLongValues, cbKey;
} JET_RECSIZE3;
typedef struct JET_RECPOS2 {
	unsigned long cbStruct;
	unsigned long centriesLTDeprecated, centriesInRangeDeprecated, centriesTotalDeprecated;
	unsigned __int64 centriesLT, centriesTotal;
} JET_RECPOS2;
typedef struct JET_RETRIEVEMULTIVALUECOUNT {
	JET_COLUMNID columnid;
	unsigned short cMultiValues;
	unsigned short usFlags;      /* fLongValue, fDefaultValue, fNullOverride, fDerived */
} JET_RETRIEVEMULTIVALUECOUNT;
/* JET_ENUMCOLUMN as the SDK lays it out: MinGW's <esent.h> holds one
 * JET_ENUMCOLUMNVALUE in place of the pointer to the array, a different
 * size and layout. */
typedef struct JET_ENUMCOLUMN_SDK {
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
} JET_ENUMCOLUMN_SDK;
typedef struct JET_RSTINFO2_A JET_RSTINFO2_A;
typedef struct JET_RSTINFO2_W JET_RSTINFO2_W;
typedef struct JET_OPENTEMPORARYTABLE2 JET_OPENTEMPORARYTABLE2;
typedef struct JET_INDEX_RANGE JET_INDEX_RANGE;
typedef struct JET_INDEX_COLUMN JET_INDEX_COLUMN;
typedef struct JET_RBSREVERTINFOMISC JET_RBSREVERTINFOMISC;
typedef int JET_OPDDLCONV;
typedef int JET_RESOPER;
typedef int JET_RESID;
typedef int JET_TRACEOP;
typedef int JET_TRACETAG;
typedef int TESTHOOK_OP;

JET_ERR JET_API JetAttachDatabase3A(JET_SESID sesid, JET_PCSTR szFilename,
	JET_SETDBPARAM * rgsetdbparam, unsigned long csetdbparam, JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabase3W(JET_SESID sesid, JET_PCWSTR szFilename,
	JET_SETDBPARAM * rgsetdbparam, unsigned long csetdbparam, JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabaseWithStreamingA(JET_SESID sesid,
	JET_PCSTR szDbFileName, JET_PCSTR szSLVFileName, JET_PCSTR szSLVRootName,
	const unsigned long cpgDatabaseSizeMax, JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabaseWithStreamingW(JET_SESID sesid,
	JET_PCWSTR szDbFileName, JET_PCWSTR szSLVFileName, JET_PCWSTR szSLVRootName,
	const unsigned long cpgDatabaseSizeMax, JET_GRBIT grbit);
JET_ERR JET_API JetBeginDatabaseIncrementalReseedA(JET_INSTANCE instance,
	JET_PCSTR szDatabase, unsigned long genFirstDivergedLog, JET_GRBIT grbit);
JET_ERR JET_API JetBeginDatabaseIncrementalReseedW(JET_INSTANCE instance,
	JET_PCWSTR szDatabase, unsigned long genFirstDivergedLog, JET_GRBIT grbit);
JET_ERR JET_API JetBeginSurrogateBackup(JET_INSTANCE instance,
	unsigned long lgenFirst, unsigned long lgenLast, JET_GRBIT grbit);
JET_ERR JET_API JetBeginTransaction3(JET_SESID sesid, long long trxid,
	JET_GRBIT grbit);
JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit,
	unsigned long cmsecDurableCommit, JET_COMMIT_ID * pCommitId);
JET_ERR JET_API JetConfigureProcessForCrashDump(const JET_GRBIT grbit);
JET_ERR JET_API JetConsumeLogData(JET_INSTANCE instance,
	JET_EMITDATACTX * pEmitLogDataCtx, void * pvLogData,
	unsigned long cbLogData, JET_GRBIT grbits);
JET_ERR JET_API JetConvertDDLA(JET_SESID sesid, JET_DBID dbid,
	JET_OPDDLCONV convtyp, void * pvData, unsigned long cbData);
JET_ERR JET_API JetConvertDDLW(JET_SESID sesid, JET_DBID dbid,
	JET_OPDDLCONV convtyp, void * pvData, unsigned long cbData);
JET_ERR JET_API JetCreateDatabase3A(JET_SESID sesid, JET_PCSTR szFilename,
	JET_DBID * pdbid, JET_SETDBPARAM * rgsetdbparam, unsigned long csetdbparam,
	JET_GRBIT grbit);
JET_ERR JET_API JetCreateDatabase3W(JET_SESID sesid, JET_PCWSTR szFilename,
	JET_DBID * pdbid, JET_SETDBPARAM * rgsetdbparam, unsigned long csetdbparam,
	JET_GRBIT grbit);
JET_ERR JET_API JetCreateDatabaseWithStreamingA(JET_SESID sesid,
	JET_PCSTR szDbFileName, JET_PCSTR szSLVFileName, JET_PCSTR szSLVRootName,
	const unsigned long cpgDatabaseSizeMax, JET_DBID * pdbid, JET_GRBIT grbit);
JET_ERR JET_API JetCreateDatabaseWithStreamingW(JET_SESID sesid,
	JET_PCWSTR szDbFileName, JET_PCWSTR szSLVFileName, JET_PCWSTR szSLVRootName,
	const unsigned long cpgDatabaseSizeMax, JET_DBID * pdbid, JET_GRBIT grbit);
JET_ERR JET_API JetCreateEncryptionKey(unsigned long encryptionAlgorithm,
	void * pvKey, unsigned long cbKey, unsigned long * pcbActual);
JET_ERR JET_API JetCreateIndex3A(JET_SESID sesid, JET_TABLEID tableid,
	JET_INDEXCREATE2_A *pindexcreate, unsigned long cIndexCreate);
JET_ERR JET_API JetCreateIndex3W(JET_SESID sesid, JET_TABLEID tableid,
	JET_INDEXCREATE2_W *pindexcreate, unsigned long cIndexCreate);
JET_ERR JET_API JetCreateIndex4A(JET_SESID sesid, JET_TABLEID tableid,
	JET_INDEXCREATE3_A *pindexcreate, unsigned long cIndexCreate);
JET_ERR JET_API JetCreateIndex4W(JET_SESID sesid, JET_TABLEID tableid,
	JET_INDEXCREATE3_W *pindexcreate, unsigned long cIndexCreate);
JET_ERR JET_API JetCreateTableColumnIndex3A(JET_SESID sesid, JET_DBID dbid,
	JET_TABLECREATE3_A * ptablecreate);
JET_ERR JET_API JetCreateTableColumnIndex3W(JET_SESID sesid, JET_DBID dbid,
	JET_TABLECREATE3_W * ptablecreate);
JET_ERR JET_API JetCreateTableColumnIndex4A(JET_SESID sesid, JET_DBID dbid,
	JET_TABLECREATE4_A * ptablecreate);
JET_ERR JET_API JetCreateTableColumnIndex4W(JET_SESID sesid, JET_DBID dbid,
	JET_TABLECREATE4_W * ptablecreate);
JET_ERR JET_API JetCreateTableColumnIndex5A(JET_SESID sesid, JET_DBID dbid,
	JET_TABLECREATE5_A * ptablecreate);
JET_ERR JET_API JetCreateTableColumnIndex5W(JET_SESID sesid, JET_DBID dbid,
	JET_TABLECREATE5_W * ptablecreate);
JET_ERR JET_API JetDBUtilitiesA(JET_DBUTIL_A *pdbutil);
JET_ERR JET_API JetDBUtilitiesW(JET_DBUTIL_W *pdbutil);
JET_ERR JET_API JetDatabaseScan(JET_SESID sesid, JET_DBID dbid,
	unsigned long * pcSecondsMax, unsigned long cmsecSleep,
	JET_CALLBACK pfnCallback, JET_GRBIT grbit);
JET_ERR JET_API JetDefragment3A(JET_SESID sesid, JET_PCSTR szDatabaseName,
	JET_PCSTR szTableName, unsigned long * pcPasses, unsigned long * pcSeconds,
	JET_CALLBACK callback, void * pvContext, JET_GRBIT grbit);
JET_ERR JET_API JetDefragment3W(JET_SESID sesid, JET_PCWSTR szDatabaseName,
	JET_PCWSTR szTableName, unsigned long * pcPasses, unsigned long * pcSeconds,
	JET_CALLBACK callback, void * pvContext, JET_GRBIT grbit);
JET_ERR JET_API JetDeleteTable2A(JET_SESID sesid, JET_DBID dbid,
	JET_PCSTR szTableName, const JET_GRBIT grbit);
JET_ERR JET_API JetDeleteTable2W(JET_SESID sesid, JET_DBID dbid,
	JET_PCWSTR wszTableName, const JET_GRBIT grbit);
JET_ERR JET_API JetEndDatabaseIncrementalReseedA(JET_INSTANCE instance,
	JET_PCSTR szDatabase, unsigned long genMinRequired,
	unsigned long genFirstDivergedLog, unsigned long genMaxRequired,
	JET_GRBIT grbit);
JET_ERR JET_API JetEndDatabaseIncrementalReseedW(JET_INSTANCE instance,
	JET_PCWSTR szDatabase, unsigned long genMinRequired,
	unsigned long genFirstDivergedLog, unsigned long genMaxRequired,
	JET_GRBIT grbit);
JET_ERR JET_API JetEndSurrogateBackup(JET_INSTANCE instance,
	JET_GRBIT grbit);
JET_ERR JET_API JetGetCounter(JET_SESID sesid, long CounterType,
	long * plValue);
JET_ERR JET_API JetGetDatabasePages(JET_SESID sesid, JET_DBID dbid,
	unsigned long pgnoStart, unsigned long cpg, void * pv, unsigned long cb,
	unsigned long * pcbActual, JET_GRBIT grbit);
JET_ERR JET_API JetGetErrorInfoW(void * pvContext, void * pvResult,
	unsigned long cbMax, unsigned long InfoLevel, JET_GRBIT grbit);
JET_ERR JET_API JetGetLogFileInfoA(JET_PCSTR szLog, void * pvResult,
	const unsigned long cbMax, const unsigned long InfoLevel);
JET_ERR JET_API JetGetLogFileInfoW(JET_PCWSTR szLog, void * pvResult,
	const unsigned long cbMax, const unsigned long InfoLevel);
JET_ERR JET_API JetGetMaxDatabaseSize(JET_SESID sesid, JET_DBID dbid,
	unsigned long * pcpg, JET_GRBIT grbit);
JET_ERR JET_API JetGetPageInfo(void * const pvPages, unsigned long cbData,
	JET_PAGEINFO * rgPageInfo, unsigned long cbPageInfo, JET_GRBIT grbit,
	unsigned long ulInfoLevel);
JET_ERR JET_API JetGetPageInfo2(void * const pvPages, unsigned long cbData,
	void * const rgPageInfo, unsigned long cbPageInfo, JET_GRBIT grbit,
	unsigned long ulInfoLevel);
JET_ERR JET_API JetGetRBSFileInfoA(JET_PCSTR szRBSFileName, void * pvResult,
	unsigned long cbMax, unsigned long InfoLevel);
JET_ERR JET_API JetGetRBSFileInfoW(JET_PCWSTR szRBSFileName, void * pvResult,
	unsigned long cbMax, unsigned long InfoLevel);
JET_ERR JET_API JetGetRecordSize2(JET_SESID sesid, JET_TABLEID tableid,
	JET_RECSIZE2 * precsize, const JET_GRBIT grbit);
JET_ERR JET_API JetGetRecordSize3(JET_SESID sesid, JET_TABLEID tableid,
	JET_RECSIZE3 * precsize, const JET_GRBIT grbit);
JET_ERR JET_API JetGetResourceParam(JET_INSTANCE instance,
	JET_RESOPER resoper, JET_RESID resid, JET_API_PTR* pulParam);
JET_ERR JET_API JetGetSessionInfo(JET_SESID sesid, void * pvResult,
	const unsigned long cbMax, const unsigned long ulInfoLevel);
JET_ERR JET_API JetGetSessionParameter(JET_SESID sesid,
	unsigned long sesparamid, void * pvParam, unsigned long cbParamMax,
	unsigned long * pcbParamActual);
JET_ERR JET_API JetIndexRecordCount2(JET_SESID sesid, JET_TABLEID tableid,
	unsigned long long * pcrec, unsigned long long crecMax);
JET_ERR JET_API JetInit4A(JET_INSTANCE * pinstance,
	JET_RSTINFO2_A * prstInfo, JET_GRBIT grbit);
JET_ERR JET_API JetInit4W(JET_INSTANCE * pinstance,
	JET_RSTINFO2_W * prstInfo, JET_GRBIT grbit);
JET_ERR JET_API JetOnlinePatchDatabasePage(JET_SESID sesid, JET_DBID dbid,
	unsigned long pgno, const void * pvToken, unsigned long cbToken,
	const void * pvData, unsigned long cbData, JET_GRBIT grbit);
JET_ERR JET_API JetOpenFileSectionInstanceA(JET_INSTANCE instance,
	JET_PSTR szFile, JET_HANDLE * phFile, long iSection, long cSections,
	unsigned long long ibRead, unsigned long * pulSectionSizeLow,
	long * plSectionSizeHigh);
JET_ERR JET_API JetOpenFileSectionInstanceW(JET_INSTANCE instance,
	JET_PWSTR szFile, JET_HANDLE * phFile, long iSection, long cSections,
	unsigned long long ibRead, unsigned long * pulSectionSizeLow,
	long * plSectionSizeHigh);
JET_ERR JET_API JetOpenTemporaryTable2(JET_SESID sesid,
	JET_OPENTEMPORARYTABLE2 * popentemporarytable);
JET_ERR JET_API JetPatchDatabasePagesA(JET_INSTANCE instance,
	JET_PCSTR szDatabase, unsigned long pgnoStart, unsigned long cpg,
	const void * pv, unsigned long cb, JET_GRBIT grbit);
JET_ERR JET_API JetPatchDatabasePagesW(JET_INSTANCE instance,
	JET_PCWSTR szDatabase, unsigned long pgnoStart, unsigned long cpg,
	const void * pv, unsigned long cb, JET_GRBIT grbit);
JET_ERR JET_API JetPrepareToCommitTransaction(JET_SESID sesid,
	const void * pvData, unsigned long cbData, JET_GRBIT grbit);
JET_ERR JET_API JetPrereadColumnsByReference(const JET_SESID sesid,
	const JET_TABLEID tableid, const void * const * const rgpvReferences,
	const unsigned long * const rgcbReferences, const unsigned long cReferences,
	const unsigned long cPageCacheMin, const unsigned long cPageCacheMax,
	unsigned long * const pcReferencesPreread, const JET_GRBIT grbit);
JET_ERR JET_API JetPrereadIndexRange(JET_SESID sesid, JET_TABLEID tableid,
	const JET_INDEX_RANGE * const pIndexRange,
	const unsigned long cPageCacheMin, const unsigned long cPageCacheMax,
	JET_GRBIT grbit, unsigned long * const pcPageCacheActual);
JET_ERR JET_API JetPrereadIndexRanges(JET_SESID sesid, JET_TABLEID tableid,
	const JET_INDEX_RANGE * const rgIndexRanges,
	const unsigned long cIndexRanges, unsigned long * const pcRangesPreread,
	const JET_COLUMNID * const rgcolumnidPreread,
	const unsigned long ccolumnidPreread, JET_GRBIT grbit);
JET_ERR JET_API JetPrereadKeys(JET_SESID sesid, JET_TABLEID tableid,
	const void ** rgpvKeys, const unsigned long * rgcbKeys, long ckeys,
	long * pckeysPreread, JET_GRBIT grbit);
JET_ERR JET_API JetPrereadTablesW(JET_SESID sesid, JET_DBID dbid,
	JET_PCWSTR * rgwszTables, long cwszTables, JET_GRBIT grbit);
JET_ERR JET_API JetRBSCancelRevert(JET_INSTANCE instance);
JET_ERR JET_API JetRBSExecuteRevert(JET_INSTANCE instance, JET_GRBIT grbit,
	JET_RBSREVERTINFOMISC* prbsrevertinfomisc);
JET_ERR JET_API JetRBSPrepareRevert(JET_INSTANCE instance,
	JET_LOGTIME jltRevertExpected, long cpgCache, JET_GRBIT grbit,
	JET_LOGTIME* pjltRevertActual);
JET_ERR JET_API JetRemoveLogfileA(JET_PCSTR szDatabase, JET_PCSTR szLogfile,
	JET_GRBIT grbit);
JET_ERR JET_API JetRemoveLogfileW(JET_PCWSTR wszDatabase,
	JET_PCWSTR wszLogfile, JET_GRBIT grbit);
JET_ERR JET_API JetResetCounter(JET_SESID sesid, long CounterType);
JET_ERR JET_API JetResizeDatabase(JET_SESID sesid, JET_DBID dbid,
	unsigned long cpgTarget, unsigned long * pcpgActual, const JET_GRBIT grbit);
JET_ERR JET_API JetRetrieveColumnByReference(const JET_SESID sesid,
	const JET_TABLEID tableid, const void * const pvReference,
	const unsigned long cbReference, const unsigned long ibData,
	void * const pvData, const unsigned long cbData,
	unsigned long * const pcbActual, const JET_GRBIT grbit);
JET_ERR JET_API JetRetrieveColumnFromRecordStream(void * const pvData,
	const unsigned long cbData, unsigned long * const piRecord,
	JET_COLUMNID * const pcolumnid, unsigned long * const pitagSequence,
	unsigned long * const pibValue, unsigned long * const pcbValue);
JET_ERR JET_API JetRetrieveTaggedColumnList(JET_SESID sesid,
	JET_TABLEID tableid, unsigned long * pcColumns, void * pvData,
	unsigned long cbData, JET_COLUMNID columnidStart, JET_GRBIT grbit);
JET_ERR JET_API JetSetCursorFilter(JET_SESID sesid, JET_TABLEID tableid,
	JET_INDEX_COLUMN *rgColumnFilters, unsigned long cColumnFilters,
	JET_GRBIT grbit);
JET_ERR JET_API JetSetMaxDatabaseSize(JET_SESID sesid, JET_DBID dbid,
	unsigned long cpg, JET_GRBIT grbit);
JET_ERR JET_API JetSetResourceParam(JET_INSTANCE instance,
	JET_RESOPER resoper, JET_RESID resid, JET_API_PTR ulParam);
JET_ERR JET_API JetSetSessionParameter(JET_SESID sesid,
	unsigned long sesparamid, void * pvParam, unsigned long cbParam);
JET_ERR JET_API JetSetTableInfoA(JET_SESID sesid, JET_TABLEID tableid,
	const void * pvParam, unsigned long cbParam, unsigned long InfoLevel);
JET_ERR JET_API JetSnapshotStartA(JET_INSTANCE instance,
	JET_PSTR szDatabases, JET_GRBIT grbit);
JET_ERR JET_API JetSnapshotStartW(JET_INSTANCE instance,
	JET_PWSTR szDatabases, JET_GRBIT grbit);
JET_ERR JET_API JetSnapshotStop(JET_INSTANCE instance, JET_GRBIT grbit);
JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE instance,
	const JET_GRBIT grbit);
JET_ERR JET_API JetStreamRecords(JET_SESID sesid, JET_TABLEID tableid,
	const unsigned long ccolumnid, const JET_COLUMNID * const rgcolumnid,
	void * const pvData, const unsigned long cbData,
	unsigned long * const pcbActual, const JET_GRBIT grbit);
JET_ERR JET_API JetTestHook(const TESTHOOK_OP opcode, void * const pv);
JET_ERR JET_API JetTracing(const JET_TRACEOP traceop,
	const JET_TRACETAG tracetag, const JET_API_PTR ul);
JET_ERR JET_API JetUpgradeDatabaseA(JET_SESID sesid, JET_PCSTR szDbFileName,
	JET_PCSTR szSLVFileName, const JET_GRBIT grbit);
JET_ERR JET_API JetUpgradeDatabaseW(JET_SESID sesid, JET_PCWSTR szDbFileName,
	JET_PCWSTR szSLVFileName, const JET_GRBIT grbit);

/* The debugger extension (dbgeng's interface) and COM registration entry
 * points ESE's esent.dll exports beside the JET API; they return HRESULTs
 * or nothing. */
struct IDebugClient;
HRESULT CALLBACK ese(struct IDebugClient *pdebugClient, PCSTR lpArgumentString);
HRESULT CALLBACK DebugExtensionInitialize(PULONG Version, PULONG Flags);
void CALLBACK DebugExtensionUninitialize(void);
void CALLBACK DebugExtensionNotify(ULONG Notify, ULONG64 Argument);
HRESULT STDAPICALLTYPE DllRegisterServer(void);

/* Exported by MinGW's libesent.a, not by ESE's esent.def. */
JET_ERR JET_API esent(JET_API_PTR a1, JET_API_PTR a2, JET_API_PTR a3);

#endif
