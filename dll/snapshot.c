/*
 * OS snapshot exports: JetOSSnapshotPrepare, PrepareInstance, Freeze (A/W),
 * GetFreezeInfo (A/W), Thaw, TruncateLog, TruncateLogInstance, End and
 * Abort.  The engine keeps the sessions; this layer hands the frozen
 * instances out as a JET_INSTANCE_INFO block in the A or W form.
 */
#include "dll.h"
#include "instance_info.h"
#include "snapshot/snapshot.h"

typedef int (*instance_lister)(uintptr_t id, struct sim_instance_info **list, unsigned *count,
			       uint32_t grbit);

/* The engine's W forms check the grbit, then the pointers (io.cxx,
 * ErrIsamOSSnapshotFreeze / GetFreezeInfo).  Its A forms convert a W
 * answer into the caller's pointers (jetapi.cxx): JetOSSnapshotFreezeA
 * checks them before anything else, so nothing is frozen for a NULL;
 * JetOSSnapshotGetFreezeInfoA asks with its own and finds a NULL only when
 * it hands the answer out (CAutoINSTANCE_INFOW::ErrGet). */
enum pointer_check { POINTERS_BY_ENGINE, POINTERS_FIRST, POINTERS_LAST };

static JET_ERR instances_out(instance_lister fn, JET_OSSNAPID snapId,
			     unsigned long *pcInstanceInfo, void **paInstanceInfo, JET_GRBIT grbit,
			     const struct char_form *l, enum pointer_check order)
{
	struct sim_instance_info *list = NULL;
	unsigned n = 0;
	int given = pcInstanceInfo && paInstanceInfo;
	JET_ERR err;
	if (order == POINTERS_FIRST && !given)
		return JET_errInvalidParameter;
	err = fn(snapId, given || order == POINTERS_LAST ? &list : NULL, &n, grbit);
	if (given) {
		*pcInstanceInfo = 0;
		*paInstanceInfo = NULL;
	}
	if (!err && !given) {
		sim_free_instance_list(list, n);
		err = JET_errInvalidParameter;
	}
	if (err)
		return err;
	return instance_info_hand_out(list, n, pcInstanceInfo, paInstanceInfo, l);
}

JET_ERR JET_API JetOSSnapshotPrepare(JET_OSSNAPID *psnapId, const JET_GRBIT grbit)
{
	uintptr_t id;
	JET_ERR err = sim_snapshot_prepare(psnapId ? &id : NULL, grbit);
	if (!err)
		*psnapId = id;
	return err;
}

JET_ERR JET_API JetOSSnapshotPrepareInstance(JET_OSSNAPID snapId, JET_INSTANCE instance,
					     const JET_GRBIT grbit)
{
	return sim_snapshot_prepare_instance(snapId, instance, grbit);
}

JET_ERR JET_API JetOSSnapshotFreezeA(const JET_OSSNAPID snapId, unsigned long *pcInstanceInfo,
				     JET_INSTANCE_INFO_A **paInstanceInfo, const JET_GRBIT grbit)
{
	return instances_out(sim_snapshot_freeze, snapId, pcInstanceInfo, (void **)paInstanceInfo,
			     grbit, &char_form_a, POINTERS_FIRST);
}

JET_ERR JET_API JetOSSnapshotFreezeW(const JET_OSSNAPID snapId, unsigned long *pcInstanceInfo,
				     JET_INSTANCE_INFO_W **paInstanceInfo, const JET_GRBIT grbit)
{
	return instances_out(sim_snapshot_freeze, snapId, pcInstanceInfo, (void **)paInstanceInfo,
			     grbit, &char_form_w, POINTERS_BY_ENGINE);
}

JET_ERR JET_API JetOSSnapshotGetFreezeInfoA(const JET_OSSNAPID snapId,
					    unsigned long *pcInstanceInfo,
					    JET_INSTANCE_INFO_A **paInstanceInfo,
					    const JET_GRBIT grbit)
{
	return instances_out(sim_snapshot_freeze_info, snapId, pcInstanceInfo,
			     (void **)paInstanceInfo, grbit, &char_form_a, POINTERS_LAST);
}

JET_ERR JET_API JetOSSnapshotGetFreezeInfoW(const JET_OSSNAPID snapId,
					    unsigned long *pcInstanceInfo,
					    JET_INSTANCE_INFO_W **paInstanceInfo,
					    const JET_GRBIT grbit)
{
	return instances_out(sim_snapshot_freeze_info, snapId, pcInstanceInfo,
			     (void **)paInstanceInfo, grbit, &char_form_w, POINTERS_BY_ENGINE);
}

JET_ERR JET_API JetOSSnapshotThaw(const JET_OSSNAPID snapId, const JET_GRBIT grbit)
{
	return sim_snapshot_thaw(snapId, grbit);
}

JET_ERR JET_API JetOSSnapshotTruncateLog(const JET_OSSNAPID snapId, const JET_GRBIT grbit)
{
	return sim_snapshot_truncate_log(snapId, 0, 0, grbit);
}

JET_ERR JET_API JetOSSnapshotTruncateLogInstance(const JET_OSSNAPID snapId, JET_INSTANCE instance,
						 const JET_GRBIT grbit)
{
	return sim_snapshot_truncate_log(snapId, 1, instance, grbit);
}

JET_ERR JET_API JetOSSnapshotEnd(const JET_OSSNAPID snapId, const JET_GRBIT grbit)
{
	return sim_snapshot_end(snapId, grbit);
}

JET_ERR JET_API JetOSSnapshotAbort(const JET_OSSNAPID snapId, const JET_GRBIT grbit)
{
	return sim_snapshot_abort(snapId, grbit);
}
