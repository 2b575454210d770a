#include "engine/session_end.h"

#include "db/database.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "isam/cursor.h"
#include "jet_values.h"

int sim_end_session(uintptr_t sesid, uint32_t grbit)
{
	unsigned flags = ENTER_STOPPED_OK;
	struct instance *inst;
	int err;

	if (grbit & ~(uint32_t)JET_bitForceSessionClosed)
		return JET_errInvalidGrbit;
	err = session_enter(sesid, flags, &inst);
	if (err)
		return err;
	/* its tables, then the databases it opened are closed with it */
	isam_session_ending(sesid);
	databases_session_ended(inst, sesid);
	err = session_remove(sesid);
	instance_leave(inst, flags);
	return err;
}
