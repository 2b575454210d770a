/* Transactions: JetCommitTransaction and JetCommitTransaction2 share the
 * engine's commit (tm.cxx, ErrIsamCommitTransaction); only a forced new log
 * outside any transaction is answered yet. */
#include "dll.h"
#include "instance/session.h"

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
