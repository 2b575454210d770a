/*
 * Exports the engine itself answers with a fixed code, whatever the
 * arguments, because their feature was dropped (jetapi.cxx): the same code
 * here is the engine's whole behaviour.
 */
#include "dll.h"

/* jetapi.cxx, JetSnapshotStartA/W and JetSnapshotStop: "never finished,
 * VSS used instead". */
JET_ERR JET_API JetSnapshotStartA(JET_INSTANCE instance, JET_PSTR szDatabases, JET_GRBIT grbit)
{
	(void)instance, (void)szDatabases, (void)grbit;
	return JET_wrnNyi;
}

JET_ERR JET_API JetSnapshotStartW(JET_INSTANCE instance, JET_PWSTR szDatabases, JET_GRBIT grbit)
{
	(void)instance, (void)szDatabases, (void)grbit;
	return JET_wrnNyi;
}

JET_ERR JET_API JetSnapshotStop(JET_INSTANCE instance, JET_GRBIT grbit)
{
	(void)instance, (void)grbit;
	return JET_wrnNyi;
}

/* jetapi.cxx, JetDefragment3A/W: only ever used by SFS. */
JET_ERR JET_API JetDefragment3A(JET_SESID sesid, JET_PCSTR szDatabaseName, JET_PCSTR szTableName,
				unsigned long *pcPasses, unsigned long *pcSeconds,
				JET_CALLBACK callback, void *pvContext, JET_GRBIT grbit)
{
	(void)sesid, (void)szDatabaseName, (void)szTableName, (void)pcPasses;
	(void)pcSeconds, (void)callback, (void)pvContext, (void)grbit;
	return JET_errInvalidParameter;
}

JET_ERR JET_API JetDefragment3W(JET_SESID sesid, JET_PCWSTR szDatabaseName, JET_PCWSTR szTableName,
				unsigned long *pcPasses, unsigned long *pcSeconds,
				JET_CALLBACK callback, void *pvContext, JET_GRBIT grbit)
{
	(void)sesid, (void)szDatabaseName, (void)szTableName, (void)pcPasses;
	(void)pcSeconds, (void)callback, (void)pvContext, (void)grbit;
	return JET_errInvalidParameter;
}
