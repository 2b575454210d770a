/*
 * Transactions: read transactions for now, their levels counted by the
 * engine (nothing to undo while tables are only read).
 */
#include "dll.h"
#include "isam/cursor.h"

JET_ERR JET_API JetBeginTransaction(JET_SESID sesid)
{
	return sim_begin_transaction(sesid, 0);
}

JET_ERR JET_API JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit)
{
	return sim_begin_transaction(sesid, grbit);
}

JET_ERR JET_API JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit)
{
	return sim_commit_transaction(sesid, grbit);
}

JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit)
{
	return sim_rollback(sesid, grbit);
}
