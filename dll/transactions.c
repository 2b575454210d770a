/*
 * Transactions: read transactions for now, their levels counted by the
 * engine (nothing to undo while tables are only read); a commit with
 * JET_bitForceNewLog rolls the log (tm.cxx, ErrIsamCommitTransaction).
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

JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit, unsigned long cmsecDurableCommit,
				      JET_COMMIT_ID *pCommitId)
{
	(void)cmsecDurableCommit, (void)pCommitId;
	return sim_commit_transaction(sesid, grbit);
}

JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit)
{
	return sim_rollback(sesid, grbit);
}
