/* Sessions and the engine version: JetBeginSession*, JetEndSession,
 * JetDupSession, JetGetVersion. */
#include "dll.h"
#include "engine/session_end.h"
#include "instance/session.h"
#include "format/version.h"

/* User name and password are ignored by ESENT (reference page). */
static JET_ERR begin_session(JET_INSTANCE instance, JET_SESID *psesid)
{
	uintptr_t sesid;
	JET_ERR err;
	if (!psesid)
		return JET_errInvalidParameter;
	err = sim_begin_session(instance, &sesid);
	if (!err)
		*psesid = sesid;
	return err;
}

JET_ERR JET_API JetBeginSessionA(JET_INSTANCE instance, JET_SESID *psesid, JET_PCSTR szUserName,
				 JET_PCSTR szPassword)
{
	return begin_session(instance, psesid);
}

JET_ERR JET_API JetBeginSessionW(JET_INSTANCE instance, JET_SESID *psesid, JET_PCWSTR szUserName,
				 JET_PCWSTR szPassword)
{
	return begin_session(instance, psesid);
}

JET_ERR JET_API JetEndSession(JET_SESID sesid, JET_GRBIT grbit)
{
	return sim_end_session(sesid, grbit);
}

JET_ERR JET_API JetDupSession(JET_SESID sesid, JET_SESID *psesid)
{
	uintptr_t out;
	JET_ERR err;
	if (!psesid)
		return JET_errInvalidParameter;
	err = sim_dup_session(sesid, &out);
	if (!err)
		*psesid = out;
	return err;
}

JET_ERR JET_API JetGetVersion(JET_SESID sesid, unsigned long *pwVersion)
{
	if (!pwVersion)
		return JET_errInvalidParameter;
	*pwVersion = sim_engine_version();
	return JET_errSuccess;
}
