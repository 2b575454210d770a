/*
 * System parameters: JetSetSystemParameter*, JetGetSystemParameter*,
 * JetEnableMultiInstance*.
 */
#include <stdlib.h>

#include "dll.h"
#include "instance/instance.h"
#include "instance/session.h"
#include "strings.h"

/* A session, when given, names the instance in place of the instance
 * argument (reference pages of JetSetSystemParameter / Get). */
static JET_ERR instance_of(JET_SESID sesid, uintptr_t *handle)
{
	if (sesid == 0 || sesid == JET_sesidNil)
		return JET_errSuccess;
	return session_instance(sesid, handle);
}

static JET_ERR set_param(JET_INSTANCE *pinstance, JET_SESID sesid, unsigned long paramid,
			 JET_API_PTR lParam, const char *utf8, JET_ERR conversion)
{
	uintptr_t handle = pinstance ? *pinstance : 0;
	JET_ERR err = conversion ? conversion : instance_of(sesid, &handle);
	if (err)
		return err;
	if (!pinstance && (sesid == 0 || sesid == JET_sesidNil))
		return sim_set_param(NULL, paramid, (intptr_t)lParam, utf8);
	return sim_set_param(&handle, paramid, (intptr_t)lParam, utf8);
}

JET_ERR JET_API JetSetSystemParameterA(JET_INSTANCE *pinstance, JET_SESID sesid,
				       unsigned long paramid, JET_API_PTR lParam, JET_PCSTR szParam)
{
	JET_ERR conv = JET_errSuccess, err;
	char *s = utf8_from_a(szParam, &conv);
	err = set_param(pinstance, sesid, paramid, lParam, s, conv);
	free(s);
	return err;
}

JET_ERR JET_API JetSetSystemParameterW(JET_INSTANCE *pinstance, JET_SESID sesid,
				       unsigned long paramid, JET_API_PTR lParam, JET_PCWSTR szParam)
{
	JET_ERR conv = JET_errSuccess, err;
	char *s = utf8_from_w(szParam, &conv);
	err = set_param(pinstance, sesid, paramid, lParam, s, conv);
	free(s);
	return err;
}

/* The common body of the Get forms: integer parameters need plParam,
 * string parameters a buffer (cbMax bytes; too small is
 * JET_errBufferTooSmall, too small even for the terminator
 * JET_errInvalidParameter, as the engine's GetString). */
static JET_ERR get_param(JET_INSTANCE instance, JET_SESID sesid, unsigned long paramid,
			 JET_API_PTR *plParam, void *buf, unsigned long cbMax, int wide)
{
	uintptr_t handle = instance;
	intptr_t value = 0;
	char *s = NULL;
	JET_ERR err;

	/* JET_paramErrorToString is a text service of the engine, not a
	 * stored value; it is not there yet. */
	if (paramid == JET_paramErrorToString)
		return JET_errFeatureNotAvailable;
	err = instance_of(sesid, &handle);
	if (!err)
		err = sim_get_param(handle, paramid, &value, &s);
	if (err)
		return err;
	if (s) {
		if (!buf || cbMax < (wide ? sizeof(WCHAR) : 1))
			err = JET_errInvalidParameter;
		else
			err = wide ? utf8_to_w_buffer(s, buf, cbMax) : utf8_to_a_buffer(s, buf, cbMax);
		free(s);
	} else if (!plParam) {
		err = JET_errInvalidParameter;
	}
	if (!err && plParam)
		*plParam = (JET_API_PTR)value;
	return err;
}

JET_ERR JET_API JetGetSystemParameterA(JET_INSTANCE instance, JET_SESID sesid,
				       unsigned long paramid, JET_API_PTR *plParam, JET_PSTR szParam,
				       unsigned long cbMax)
{
	return get_param(instance, sesid, paramid, plParam, szParam, cbMax, 0);
}

JET_ERR JET_API JetGetSystemParameterW(JET_INSTANCE instance, JET_SESID sesid,
				       unsigned long paramid, JET_API_PTR *plParam, JET_PWSTR szParam,
				       unsigned long cbMax)
{
	return get_param(instance, sesid, paramid, plParam, szParam, cbMax, 1);
}

/* Sets each parameter in turn, its result in its err field, then enters
 * multi-instance mode.  As the engine's JetEnableMultiInstanceEx, the
 * first parameter refused stops it all: its error is returned, the mode is
 * left as it was, and *pcsetsucceed counts the parameters set before it. */
#define ENABLE_MULTI_INSTANCE(SETSYSPARAM, to_utf8)                                      \
	{                                                                                \
		unsigned long ok = 0;                                                    \
		JET_ERR err;                                                             \
		if (csetsysparam && !psetsysparam)                                       \
			return JET_errInvalidParameter;                                  \
		err = sim_multi_instance_allowed();                                      \
		for (unsigned long i = 0; !err && i < csetsysparam; i++) {               \
			SETSYSPARAM *p = &psetsysparam[i];                               \
			JET_ERR conv = JET_errSuccess;                                   \
			char *s = to_utf8(p->sz, &conv);                                 \
			err = p->err = conv ? conv : sim_set_param(NULL, p->paramid,    \
							       (intptr_t)p->lParam, s);  \
			free(s);                                                         \
			ok += err >= 0;                                                  \
			if (err > 0)                                                     \
				err = JET_errSuccess;                                    \
		}                                                                        \
		if (pcsetsucceed)                                                        \
			*pcsetsucceed = ok;                                              \
		return err ? err : sim_enable_multi_instance();                          \
	}

JET_ERR JET_API JetEnableMultiInstanceA(JET_SETSYSPARAM_A *psetsysparam,
					unsigned long csetsysparam, unsigned long *pcsetsucceed)
ENABLE_MULTI_INSTANCE(JET_SETSYSPARAM_A, utf8_from_a)

JET_ERR JET_API JetEnableMultiInstanceW(JET_SETSYSPARAM_W *psetsysparam,
					unsigned long csetsysparam, unsigned long *pcsetsucceed)
ENABLE_MULTI_INSTANCE(JET_SETSYSPARAM_W, utf8_from_w)
