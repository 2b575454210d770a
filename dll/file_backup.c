/*
 * The engine's backup into a folder: JetBackupInstance* and JetBackup*
 * (one-instance mode's, legacy = 1), with the JET_snpBackup callback.
 */
#include <stdlib.h>

#include "backup/file_backup.h"
#include "dll.h"
#include "status.h"
#include "strings.h"

static JET_ERR backup_to_folder(JET_INSTANCE instance, int legacy, char *folder, JET_GRBIT grbit,
				JET_PFNSTATUS pfn, JET_ERR conversion)
{
	struct status_call call = { pfn, JET_snpBackup, 0 };
	JET_ERR err = conversion ? conversion
		: sim_backup_to_folder(instance, legacy, folder, grbit, pfn ? status_call : NULL, &call);
	free(folder);
	return err;
}

JET_ERR JET_API JetBackupInstanceA(JET_INSTANCE instance, JET_PCSTR szBackupPath, JET_GRBIT grbit,
				   JET_PFNSTATUS pfnStatus)
{
	JET_ERR conv = JET_errSuccess;
	char *folder = utf8_from_a(szBackupPath, &conv);
	return backup_to_folder(instance, 0, folder, grbit, pfnStatus, conv);
}

JET_ERR JET_API JetBackupInstanceW(JET_INSTANCE instance, JET_PCWSTR szBackupPath, JET_GRBIT grbit,
				   JET_PFNSTATUS pfnStatus)
{
	JET_ERR conv = JET_errSuccess;
	char *folder = utf8_from_w(szBackupPath, &conv);
	return backup_to_folder(instance, 0, folder, grbit, pfnStatus, conv);
}

JET_ERR JET_API JetBackupA(JET_PCSTR szBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
	JET_ERR conv = JET_errSuccess;
	char *folder = utf8_from_a(szBackupPath, &conv);
	return backup_to_folder(0, 1, folder, grbit, pfnStatus, conv);
}

JET_ERR JET_API JetBackupW(JET_PCWSTR szBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
	JET_ERR conv = JET_errSuccess;
	char *folder = utf8_from_w(szBackupPath, &conv);
	return backup_to_folder(0, 1, folder, grbit, pfnStatus, conv);
}
