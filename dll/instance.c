/*
 * Instance lifecycle exports: JetCreateInstance*, JetInit*, JetTerm*,
 * JetEnableMultiInstance*, JetStopService*, JetGetInstanceInfo*,
 * JetFreeBuffer.  Each converts its arguments and calls the engine.
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "engine/init_term.h"
#include "instance/instance.h"
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

/* The restore information of JetInit3 drives recovery into a new location;
 * until restore lands, a call that asks for it is refused rather than
 * silently ignored. */
JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo, JET_GRBIT grbit)
{
	if (prstInfo)
		return prstInfo->cbStruct != sizeof *prstInfo ? JET_errInvalidParameter
							       : JET_errFeatureNotAvailable;
	return init(pinstance, grbit);
}

JET_ERR JET_API JetInit3W(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo, JET_GRBIT grbit)
{
	if (prstInfo)
		return prstInfo->cbStruct != sizeof *prstInfo ? JET_errInvalidParameter
							       : JET_errFeatureNotAvailable;
	return init(pinstance, grbit);
}

/* JetInit4 is JetInit3 with JET_RSTINFO2 (jetapi.cxx: JetInit3 calls
 * JetInit4W); its restore information is refused as JetInit3's. */
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
