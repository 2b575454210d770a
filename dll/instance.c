/*
 * Instance lifecycle exports: JetCreateInstance*, JetInit*, JetTerm*,
 * JetEnableMultiInstance*, JetStopService*, JetGetInstanceInfo*,
 * JetFreeBuffer.  Each converts its arguments and calls the engine.
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "db/recovery.h"
#include "engine/init_term.h"
#include "instance/instance.h"
#include "status.h"
#include "strings.h"

static JET_ERR create_instance(JET_INSTANCE *pinstance, const char *name, const char *display,
			       JET_ERR conversion)
{
	uintptr_t handle;
	JET_ERR err;
	if (!pinstance)
		return JET_errInvalidParameter;
	if (conversion)
		return conversion;
	err = sim_create_instance(&handle, name, display);
	*pinstance = handle;
	return err;
}

JET_ERR JET_API JetCreateInstanceA(JET_INSTANCE *pinstance, const char *szInstanceName)
{
	return JetCreateInstance2A(pinstance, szInstanceName, NULL, 0);
}

JET_ERR JET_API JetCreateInstanceW(JET_INSTANCE *pinstance, const WCHAR *szInstanceName)
{
	return JetCreateInstance2W(pinstance, szInstanceName, NULL, 0);
}

JET_ERR JET_API JetCreateInstance2A(JET_INSTANCE *pinstance, const char *szInstanceName,
				    const char *szDisplayName, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = utf8_from_a(szInstanceName, &conv);
	char *display = utf8_from_a(szDisplayName, &conv);
	err = create_instance(pinstance, name, display, conv);
	free(name);
	free(display);
	return err;
}

JET_ERR JET_API JetCreateInstance2W(JET_INSTANCE *pinstance, const WCHAR *szInstanceName,
				    const WCHAR *szDisplayName, JET_GRBIT grbit)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = utf8_from_w(szInstanceName, &conv);
	char *display = utf8_from_w(szDisplayName, &conv);
	err = create_instance(pinstance, name, display, conv);
	free(name);
	free(display);
	return err;
}

static JET_ERR init(JET_INSTANCE *pinstance, JET_GRBIT grbit)
{
	uintptr_t handle;
	JET_ERR err;
	if (!pinstance)
		return sim_init(NULL, grbit);
	handle = *pinstance;
	err = sim_init(&handle, grbit);
	*pinstance = handle;
	return err;
}

JET_ERR JET_API JetInit(JET_INSTANCE *pinstance)
{
	return init(pinstance, 0);
}

JET_ERR JET_API JetInit2(JET_INSTANCE *pinstance, JET_GRBIT grbit)
{
	return init(pinstance, grbit);
}

/* JET_RSTINFO (jetapi.cxx, CAutoRSTINFOW::ErrSet, then ErrInitComplete):
 * the size must be the structure's; the map's entries go to recovery,
 * which replays each logged database onto the entry that has its
 * signature (or its name); the status callback gets JET_snpRestore.  A
 * stop position (lgposStop) other than none (zero, or all ones as eseutil
 * passes) is not done here. */
struct init_info {
	struct recovery_request req;
	struct recovery_map_entry *map;
	struct status_call call;
	JET_ERR err;
};

static int lgpos_is_none(const JET_LGPOS *p)
{
	return (p->ib == 0 && p->isec == 0 && p->lGeneration == 0) ||
	       (p->ib == 0xffff && p->isec == 0xffff && p->lGeneration == 0x7fffffff);
}

static JET_ERR init_info_begin(struct init_info *ii, unsigned long cb, unsigned long expected,
			       long count, const JET_LGPOS *stop, JET_PFNSTATUS pfn)
{
	memset(ii, 0, sizeof *ii);
	if (cb != expected || count < 0)
		return JET_errInvalidParameter;
	if (!lgpos_is_none(stop))
		return JET_errFeatureNotAvailable;
	ii->call = (struct status_call){ pfn, JET_snpRestore, 0 };
	ii->req.status = pfn ? status_call : NULL;
	ii->req.status_ctx = &ii->call;
	ii->req.map_count = (unsigned)count;
	if (count && !(ii->map = calloc((size_t)count, sizeof *ii->map)))
		return JET_errOutOfMemory;
	ii->req.map = ii->map;
	return JET_errSuccess;
}

static JET_ERR init_info_run(struct init_info *ii, JET_INSTANCE *pinstance, JET_GRBIT grbit)
{
	JET_ERR err = ii->err;
	if (!err && ii->req.map_count && !ii->map)
		err = JET_errInvalidParameter;
	if (!err) {
		uintptr_t handle = pinstance ? *pinstance : 0;
		err = sim_init3(pinstance ? &handle : NULL, &ii->req, grbit);
		if (pinstance)
			*pinstance = handle;
	}
	for (unsigned i = 0; ii->map && i < ii->req.map_count; i++) {
		free((char *)ii->map[i].database);
		free((char *)ii->map[i].new_database);
	}
	free(ii->map);
	return err;
}

JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo, JET_GRBIT grbit)
{
	struct init_info ii;
	if (!prstInfo)
		return init(pinstance, grbit);
	ii.err = init_info_begin(&ii, prstInfo->cbStruct, sizeof *prstInfo, prstInfo->crstmap,
				 &prstInfo->lgposStop, prstInfo->pfnStatus);
	if (ii.err)
		return ii.err;
	if (ii.req.map_count && !prstInfo->rgrstmap)
		return init_info_run(&ii, pinstance, grbit);
	for (unsigned i = 0; i < ii.req.map_count; i++) {
		ii.map[i].database = utf8_from_a(prstInfo->rgrstmap[i].szDatabaseName, &ii.err);
		ii.map[i].new_database = utf8_from_a(prstInfo->rgrstmap[i].szNewDatabaseName, &ii.err);
	}
	return init_info_run(&ii, pinstance, grbit);
}

JET_ERR JET_API JetInit3W(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo, JET_GRBIT grbit)
{
	struct init_info ii;
	if (!prstInfo)
		return init(pinstance, grbit);
	ii.err = init_info_begin(&ii, prstInfo->cbStruct, sizeof *prstInfo, prstInfo->crstmap,
				 &prstInfo->lgposStop, prstInfo->pfnStatus);
	if (ii.err)
		return ii.err;
	if (ii.req.map_count && !prstInfo->rgrstmap)
		return init_info_run(&ii, pinstance, grbit);
	for (unsigned i = 0; i < ii.req.map_count; i++) {
		ii.map[i].database = utf8_from_w(prstInfo->rgrstmap[i].szDatabaseName, &ii.err);
		ii.map[i].new_database = utf8_from_w(prstInfo->rgrstmap[i].szNewDatabaseName, &ii.err);
	}
	return init_info_run(&ii, pinstance, grbit);
}

/* JetInit4 is JetInit3 with JET_RSTINFO2 (jetapi.cxx: JetInit3 calls
 * JetInit4W), whose callback is JET_PFNINITCALLBACK: its restore
 * information is not done yet. */
JET_ERR JET_API JetInit4A(JET_INSTANCE *pinstance, JET_RSTINFO2_A *prstInfo, JET_GRBIT grbit)
{
	return prstInfo ? JET_errFeatureNotAvailable : init(pinstance, grbit);
}

JET_ERR JET_API JetInit4W(JET_INSTANCE *pinstance, JET_RSTINFO2_W *prstInfo, JET_GRBIT grbit)
{
	return prstInfo ? JET_errFeatureNotAvailable : init(pinstance, grbit);
}

/* JetTerm is JetTerm2 with JET_bitTermAbrupt (engine notes §2.2 item 6). */
JET_ERR JET_API JetTerm(JET_INSTANCE instance)
{
	return sim_term(instance, JET_bitTermAbrupt);
}

JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit)
{
	return sim_term(instance, grbit);
}

JET_ERR JET_API JetStopService(void)
{
	return sim_stop_service();
}

JET_ERR JET_API JetStopServiceInstance(JET_INSTANCE instance)
{
	return sim_stop_service_instance(instance, 0);
}

JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE instance, const JET_GRBIT grbit)
{
	return sim_stop_service_instance(instance, grbit);
}
