/*
 * Streaming ("external") backup exports: JetBeginExternalBackup*,
 * JetGetAttachInfo*, JetOpenFile*, JetReadFile*, JetCloseFile*,
 * JetGetLogInfo*, JetGetTruncateLogInfoInstance*, JetTruncateLog*,
 * JetEndExternalBackup*, JetStopBackup*.  The engine keeps the backup's
 * state; this layer turns its UTF-8 path lists into A or W multi-strings.
 * The instance-less forms pass legacy = 1 and let the engine pick the one
 * instance of one-instance mode.
 */
#include <stdlib.h>
#include <string.h>

#include "backup/backup.h"
#include "dll.h"
#include "strings.h"

static size_t multi_size(const struct path_list *l, const struct char_form *cs)
{
	size_t size = cs->unit;
	for (const char *s = l->text; *s; s += strlen(s) + 1)
		size += cs->size_of(s);
	return size;
}

static void multi_write(const struct path_list *l, const struct char_form *cs, char *out)
{
	for (const char *s = l->text; *s; s += strlen(s) + 1) {
		size_t cb = cs->size_of(s);
		cs->write(s, out, cb);
		out += cb;
	}
	memset(out, 0, cs->unit);
}

/* What a buffer too small for the list gets.  The engine's W functions
 * copy what fits without an error, GetAttachInfo reporting the size needed
 * and the log lists the size copied; its A forms convert from W and refuse
 * a short buffer (engine notes §2.3). */
enum short_buffer {
	SHORT_COPY_REPORT_NEEDED,
	SHORT_COPY_REPORT_COPIED,
	SHORT_REFUSE,
};

struct list_form {
	const struct char_form *cs;
	enum short_buffer rule;
};

static const struct list_form attach_a = { &char_form_a, SHORT_REFUSE };
static const struct list_form attach_w = { &char_form_w, SHORT_COPY_REPORT_NEEDED };
static const struct list_form logs_a = { &char_form_a, SHORT_REFUSE };
static const struct list_form logs_w = { &char_form_w, SHORT_COPY_REPORT_COPIED };

/* Never writes more than cbMax bytes into szz; a NULL szz asks for the
 * size alone. */
static JET_ERR put_list(const struct path_list *l, const struct list_form *form, void *szz,
			unsigned long cbMax, unsigned long *pcbActual)
{
	size_t needed = multi_size(l, form->cs), copied;
	char *whole;

	if (!szz || (needed > cbMax && form->rule == SHORT_REFUSE)) {
		if (pcbActual)
			*pcbActual = (unsigned long)needed;
		return szz ? JET_errBufferTooSmall : JET_errSuccess;
	}
	copied = needed < cbMax ? needed : cbMax;
	if (copied == needed) {
		multi_write(l, form->cs, szz);
	} else {
		/* the cut may fall inside a path, even inside a character:
		 * build the whole list, hand out its head */
		whole = malloc(needed);
		if (!whole)
			return JET_errOutOfMemory;
		multi_write(l, form->cs, whole);
		memcpy(szz, whole, copied);
		free(whole);
	}
	if (pcbActual)
		*pcbActual = (unsigned long)(form->rule == SHORT_COPY_REPORT_COPIED ? copied : needed);
	return JET_errSuccess;
}

JET_ERR JET_API JetBeginExternalBackup(JET_GRBIT grbit)
{
	return sim_backup_begin(0, 1, grbit);
}

JET_ERR JET_API JetBeginExternalBackupInstance(JET_INSTANCE instance, JET_GRBIT grbit)
{
	return sim_backup_begin(instance, 0, grbit);
}

static JET_ERR get_attach_info(JET_INSTANCE instance, int legacy, void *szz, unsigned long cbMax,
			       unsigned long *pcbActual, const struct list_form *form)
{
	struct path_list l;
	JET_ERR err = sim_backup_attach_info(instance, legacy, &l);
	if (!err)
		err = put_list(&l, form, szz, cbMax, pcbActual);
	path_list_free(&l);
	return err;
}

JET_ERR JET_API JetGetAttachInfoA(char *szz, unsigned long cbMax, unsigned long *pcbActual)
{
	return get_attach_info(0, 1, szz, cbMax, pcbActual, &attach_a);
}

JET_ERR JET_API JetGetAttachInfoW(WCHAR *szz, unsigned long cbMax, unsigned long *pcbActual)
{
	return get_attach_info(0, 1, szz, cbMax, pcbActual, &attach_w);
}

JET_ERR JET_API JetGetAttachInfoInstanceA(JET_INSTANCE instance, char *szz, unsigned long cbMax,
					  unsigned long *pcbActual)
{
	return get_attach_info(instance, 0, szz, cbMax, pcbActual, &attach_a);
}

JET_ERR JET_API JetGetAttachInfoInstanceW(JET_INSTANCE instance, WCHAR *szz, unsigned long cbMax,
					  unsigned long *pcbActual)
{
	return get_attach_info(instance, 0, szz, cbMax, pcbActual, &attach_w);
}

/* The engine dereferences the out-pointers unchecked; here they are
 * refused instead. */
static JET_ERR open_file(JET_INSTANCE instance, int legacy, const char *name, JET_ERR conversion,
			 unsigned long long ib, JET_HANDLE *phfFile, unsigned long *pulFileSizeLow,
			 unsigned long *pulFileSizeHigh)
{
	uintptr_t handle;
	uint64_t size;
	JET_ERR err;

	if (!phfFile || !pulFileSizeLow || !pulFileSizeHigh)
		return JET_errInvalidParameter;
	if (conversion)
		return conversion;
	err = sim_backup_open_file_section(instance, legacy, name, ib, &handle, &size);
	if (!err) {
		*phfFile = handle;
		*pulFileSizeLow = (unsigned long)(size & 0xffffffffu);
		*pulFileSizeHigh = (unsigned long)(size >> 32);
	}
	return err;
}

static JET_ERR open_file_a(JET_INSTANCE instance, int legacy, const char *szFileName,
			   unsigned long long ib, JET_HANDLE *phfFile, unsigned long *low,
			   unsigned long *high)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = utf8_from_a(szFileName, &conv);
	err = open_file(instance, legacy, name, conv, ib, phfFile, low, high);
	free(name);
	return err;
}

static JET_ERR open_file_w(JET_INSTANCE instance, int legacy, const WCHAR *szFileName,
			   unsigned long long ib, JET_HANDLE *phfFile, unsigned long *low,
			   unsigned long *high)
{
	JET_ERR conv = JET_errSuccess, err;
	char *name = utf8_from_w(szFileName, &conv);
	err = open_file(instance, legacy, name, conv, ib, phfFile, low, high);
	free(name);
	return err;
}

JET_ERR JET_API JetOpenFileA(const char *szFileName, JET_HANDLE *phfFile,
			     unsigned long *pulFileSizeLow, unsigned long *pulFileSizeHigh)
{
	return open_file_a(0, 1, szFileName, 0, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

JET_ERR JET_API JetOpenFileW(const WCHAR *szFileName, JET_HANDLE *phfFile,
			     unsigned long *pulFileSizeLow, unsigned long *pulFileSizeHigh)
{
	return open_file_w(0, 1, szFileName, 0, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

JET_ERR JET_API JetOpenFileInstanceA(JET_INSTANCE instance, JET_PCSTR szFileName,
				     JET_HANDLE *phfFile, unsigned long *pulFileSizeLow,
				     unsigned long *pulFileSizeHigh)
{
	return open_file_a(instance, 0, szFileName, 0, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

JET_ERR JET_API JetOpenFileInstanceW(JET_INSTANCE instance, JET_PCWSTR szFileName,
				     JET_HANDLE *phfFile, unsigned long *pulFileSizeLow,
				     unsigned long *pulFileSizeHigh)
{
	return open_file_w(instance, 0, szFileName, 0, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

/* JetOpenFileInstance from byte ibRead on (jetapi.cxx,
 * JetOpenFileSectionInstanceA/W): more than one section is JET_wrnNyi
 * before anything else is looked at; iSection is not used. */
JET_ERR JET_API JetOpenFileSectionInstanceA(JET_INSTANCE instance, JET_PSTR szFile,
					    JET_HANDLE *phFile, long iSection, long cSections,
					    unsigned long long ibRead, unsigned long *pulSectionSizeLow,
					    long *plSectionSizeHigh)
{
	(void)iSection;
	if (cSections > 1)
		return JET_wrnNyi;
	return open_file_a(instance, 0, szFile, ibRead, phFile, pulSectionSizeLow,
			   (unsigned long *)plSectionSizeHigh);
}

JET_ERR JET_API JetOpenFileSectionInstanceW(JET_INSTANCE instance, JET_PWSTR szFile,
					    JET_HANDLE *phFile, long iSection, long cSections,
					    unsigned long long ibRead, unsigned long *pulSectionSizeLow,
					    long *plSectionSizeHigh)
{
	(void)iSection;
	if (cSections > 1)
		return JET_wrnNyi;
	return open_file_w(instance, 0, szFile, ibRead, phFile, pulSectionSizeLow,
			   (unsigned long *)plSectionSizeHigh);
}

/* The buffer goes to the engine as it is: its alignment is the engine's
 * to judge, as unbuffered reads into it would need. */
static JET_ERR read_file(JET_INSTANCE instance, int legacy, JET_HANDLE hfFile, void *pv,
			 unsigned long cb, unsigned long *pcbActual)
{
	uint32_t got = 0;
	JET_ERR err;
	if (!pcbActual)
		return JET_errInvalidParameter;
	err = sim_backup_read_file(instance, legacy, hfFile, pv, cb, &got);
	*pcbActual = got;
	return err;
}

JET_ERR JET_API JetReadFile(JET_HANDLE hfFile, void *pv, unsigned long cb, unsigned long *pcbActual)
{
	return read_file(0, 1, hfFile, pv, cb, pcbActual);
}

JET_ERR JET_API JetReadFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile, void *pv,
				    unsigned long cb, unsigned long *pcb)
{
	return read_file(instance, 0, hfFile, pv, cb, pcb);
}

JET_ERR JET_API JetCloseFile(JET_HANDLE hfFile)
{
	return sim_backup_close_file(0, 1, hfFile);
}

JET_ERR JET_API JetCloseFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile)
{
	return sim_backup_close_file(instance, 0, hfFile);
}

/* JET_LOGINFO_A and _W differ only in the base name's characters. */
struct loginfo_out {
	unsigned long *gen_low, *gen_high;
	void *base_name;
	size_t base_name_cb;
	const struct char_form *cs;
};

static JET_ERR get_log_info(JET_INSTANCE instance, int legacy, void *szz, unsigned long cbMax,
			    unsigned long *pcbActual, const struct list_form *form,
			    const struct loginfo_out *out)
{
	struct path_list l;
	struct backup_log_info info;
	JET_ERR err = sim_backup_log_info(instance, legacy, &l, &info);
	if (!err && out) {
		*out->gen_low = info.gen_low;
		*out->gen_high = info.gen_high;
		out->cs->write(info.base_name, out->base_name, out->base_name_cb);
	}
	if (!err)
		err = put_list(&l, form, szz, cbMax, pcbActual);
	path_list_free(&l);
	return err;
}

JET_ERR JET_API JetGetLogInfoA(char *szz, unsigned long cbMax, unsigned long *pcbActual)
{
	return get_log_info(0, 1, szz, cbMax, pcbActual, &logs_a, NULL);
}

JET_ERR JET_API JetGetLogInfoW(WCHAR *szz, unsigned long cbMax, unsigned long *pcbActual)
{
	return get_log_info(0, 1, szz, cbMax, pcbActual, &logs_w, NULL);
}

JET_ERR JET_API JetGetLogInfoInstanceA(JET_INSTANCE instance, char *szz, unsigned long cbMax,
				       unsigned long *pcbActual)
{
	return get_log_info(instance, 0, szz, cbMax, pcbActual, &logs_a, NULL);
}

JET_ERR JET_API JetGetLogInfoInstanceW(JET_INSTANCE instance, WCHAR *szz, unsigned long cbMax,
				       unsigned long *pcbActual)
{
	return get_log_info(instance, 0, szz, cbMax, pcbActual, &logs_w, NULL);
}

/* A JET_LOGINFO of the wrong size is refused before the engine is asked,
 * so it costs the backup nothing. */
JET_ERR JET_API JetGetLogInfoInstance2A(JET_INSTANCE instance, char *szz, unsigned long cbMax,
					unsigned long *pcbActual, JET_LOGINFO_A *pLogInfo)
{
	struct loginfo_out out;
	if (!pLogInfo)
		return get_log_info(instance, 0, szz, cbMax, pcbActual, &logs_a, NULL);
	if (pLogInfo->cbSize != sizeof *pLogInfo)
		return JET_errInvalidParameter;
	out = (struct loginfo_out){ &pLogInfo->ulGenLow, &pLogInfo->ulGenHigh, pLogInfo->szBaseName,
				    sizeof pLogInfo->szBaseName, &char_form_a };
	return get_log_info(instance, 0, szz, cbMax, pcbActual, &logs_a, &out);
}

JET_ERR JET_API JetGetLogInfoInstance2W(JET_INSTANCE instance, WCHAR *szz, unsigned long cbMax,
					unsigned long *pcbActual, JET_LOGINFO_W *pLogInfo)
{
	struct loginfo_out out;
	if (!pLogInfo)
		return get_log_info(instance, 0, szz, cbMax, pcbActual, &logs_w, NULL);
	if (pLogInfo->cbSize != sizeof *pLogInfo)
		return JET_errInvalidParameter;
	out = (struct loginfo_out){ &pLogInfo->ulGenLow, &pLogInfo->ulGenHigh, pLogInfo->szBaseName,
				    sizeof pLogInfo->szBaseName, &char_form_w };
	return get_log_info(instance, 0, szz, cbMax, pcbActual, &logs_w, &out);
}

/* The engine builds this list the way it builds the log list, and hands
 * it out under the same buffer rules. */
static JET_ERR get_truncate_log_info(JET_INSTANCE instance, void *szz, unsigned long cbMax,
				     unsigned long *pcbActual, const struct list_form *form)
{
	struct path_list l;
	JET_ERR err = sim_backup_truncate_log_info(instance, 0, &l);
	if (!err)
		err = put_list(&l, form, szz, cbMax, pcbActual);
	path_list_free(&l);
	return err;
}

JET_ERR JET_API JetGetTruncateLogInfoInstanceA(JET_INSTANCE instance, char *szz,
					       unsigned long cbMax, unsigned long *pcbActual)
{
	return get_truncate_log_info(instance, szz, cbMax, pcbActual, &logs_a);
}

JET_ERR JET_API JetGetTruncateLogInfoInstanceW(JET_INSTANCE instance, WCHAR *szz,
					       unsigned long cbMax, unsigned long *pcbActual)
{
	return get_truncate_log_info(instance, szz, cbMax, pcbActual, &logs_w);
}

JET_ERR JET_API JetTruncateLog(void)
{
	return sim_backup_truncate_log(0, 1);
}

JET_ERR JET_API JetTruncateLogInstance(JET_INSTANCE instance)
{
	return sim_backup_truncate_log(instance, 0);
}

/* The forms without a grbit end normally; the engine makes that an abort
 * when the backup was stopped or never reached its log list. */
JET_ERR JET_API JetEndExternalBackup(void)
{
	return sim_backup_end(0, 1, JET_bitBackupEndNormal);
}

JET_ERR JET_API JetEndExternalBackupInstance(JET_INSTANCE instance)
{
	return sim_backup_end(instance, 0, JET_bitBackupEndNormal);
}

JET_ERR JET_API JetEndExternalBackupInstance2(JET_INSTANCE instance, JET_GRBIT grbit)
{
	return sim_backup_end(instance, 0, grbit);
}

JET_ERR JET_API JetStopBackup(void)
{
	return sim_backup_stop(0, 1);
}

JET_ERR JET_API JetStopBackupInstance(JET_INSTANCE instance)
{
	return sim_backup_stop(instance, 0);
}
