/*
 * The life of an ESE instance, in both run modes, checking each documented
 * return code on the way.
 *
 *  1. Legacy one-instance mode: JetInit without JetCreateInstance.
 *  2. Multi-instance mode: JetCreateInstance, parameters, JetInit, sessions,
 *     JetGetInstanceInfo, JetStopServiceInstance, JetTerm2.
 *
 * Exits 0 when every call returned what the documentation says it returns.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "check.h"

static void legacy_mode(void)
{
	JET_INSTANCE inst = 0, other;
	JET_SESID sesid;
	unsigned long version = 0;

	printf("-- one-instance (legacy) mode\n");
	CreateDirectoryA("legacy", NULL);
	/* before JetInit, parameters without an instance are the process's */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, "legacy\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, "legacy\\"));
	/* a relative temporary database is placed in the system path */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, "temp.edb"));
	EXPECT(JET_errSuccess, JetInit(&inst));
	EXPECT(JET_errAlreadyInitialized, JetInit(&inst));
	EXPECT(JET_errRunningInOneInstanceMode, JetCreateInstanceA(&other, "late"));
	EXPECT(JET_errSuccess, JetBeginSessionA(inst, &sesid, "", ""));
	EXPECT(JET_errSuccess, JetGetVersion(sesid, &version));
	printf("     engine version 0x%08lx\n", version);
	EXPECT(JET_errSuccess, JetEndSession(sesid, 0));
	EXPECT(JET_errInvalidSesid, JetEndSession(sesid, 0));
	EXPECT(JET_errSuccess, JetTerm(inst));
}

static void multi_instance_mode(void)
{
	JET_INSTANCE a, b, bogus = 0x12345;
	JET_SESID sesid;
	JET_API_PTR value;
	char text[MAX_PATH];
	unsigned long count;
	JET_INSTANCE_INFO_A *info;

	printf("-- multi-instance mode\n");
	EXPECT(JET_errInvalidParameter, JetCreateInstanceA(NULL, "x"));
	EXPECT(JET_errSuccess, JetCreateInstance2A(&a, "alpha", "Alpha instance", 0));
	EXPECT(JET_errInstanceNameInUse, JetCreateInstanceA(&b, "alpha"));
	EXPECT(JET_errSuccess, JetCreateInstanceW(&b, L"b\u00e9ta"));
	EXPECT(JET_errRunningInMultiInstanceMode, JetInit(NULL));
	EXPECT(JET_errInvalidParameter, JetInit(&bogus));

	EXPECT(JET_errSuccess, JetSetSystemParameterA(&a, 0, JET_paramCreatePathIfNotExist, 1, NULL));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&a, 0, JET_paramLogFilePath, 0, "alpha\\logs"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&a, 0, JET_paramSystemPath, 0, "alpha\\"));
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&a, 0, JET_paramTempPath, 0, "temp.edb"));
	EXPECT(JET_errInvalidParameter, JetSetSystemParameterA(&a, 0, JET_paramBaseName, 0, "toolong"));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(a, 0, JET_paramLogFilePath, NULL, text, sizeof text));
	printf("     log path \"%s\"\n", text);
	EXPECT(JET_errBufferTooSmall, JetGetSystemParameterA(a, 0, JET_paramLogFilePath, NULL, text, 3));
	EXPECT(JET_errSuccess, JetGetSystemParameterA(a, 0, JET_paramMaxInstances, &value, NULL, 0));

	EXPECT(JET_errSuccess, JetInit(&a));
	EXPECT(JET_errAlreadyInitialized, JetInit(&a));
	EXPECT(JET_errAlreadyInitialized, JetSetSystemParameterA(&a, 0, JET_paramBaseName, 0, "abc"));
	/* b would share alpha's folders: refused, and b is gone */
	EXPECT(JET_errSuccess, JetSetSystemParameterA(&b, 0, JET_paramLogFilePath, 0, "alpha\\logs\\"));
	EXPECT(JET_errLogFilePathInUse, JetInit(&b));

	EXPECT(JET_errSuccess, JetGetInstanceInfoA(&count, &info));
	printf("     %lu instance(s); first \"%s\"\n", count,
	       count && info[0].szInstanceName ? info[0].szInstanceName : "");
	if (count != 1 || strcmp(info[0].szInstanceName, "alpha") != 0)
		FAIL("expected only \"alpha\"");
	EXPECT(JET_errSuccess, JetFreeBuffer((char *)info));

	EXPECT(JET_errSuccess, JetBeginSessionA(a, &sesid, NULL, NULL));
	EXPECT(JET_errSuccess, JetStopServiceInstance(a));
	EXPECT(JET_errClientRequestToStopJetService, JetBeginSessionA(a, &sesid, NULL, NULL));
	EXPECT(JET_errRunningInMultiInstanceMode, JetStopService());
	EXPECT(JET_errSuccess, JetTerm2(a, JET_bitTermComplete));
	/* a terminated instance's handle is refused, never reused */
	EXPECT(JET_errInvalidParameter, JetTerm(a));
}

int main(void)
{
	legacy_mode();
	multi_instance_mode();
	return final_report();
}
