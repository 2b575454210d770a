/*
 * JetGetInstanceInfo*, JetFreeBuffer and JetGetInstanceMiscInfo.  The
 * array JetGetInstanceInfo hands out, its string pointers and the strings
 * are one allocation, as the engine makes them, so one JetFreeBuffer
 * releases all of it.
 */
#include <stdlib.h>
#include <string.h>

#include "dll.h"
#include "instance_info.h"
#include "instance/instance.h"
#include "instance/instance_log.h"
#include "jet_structs.h"
#include "strings.h"

/* Both JET_INSTANCE_INFO_A and _W are this shape. */
struct instance_info {
	JET_INSTANCE hInstanceId;
	void *szInstanceName;
	JET_API_PTR cDatabases;
	void **szDatabaseFileName;
	void **szDatabaseDisplayName;
	void **szDatabaseSLVFileName;
};

static size_t block_size(const struct sim_instance_info *list, unsigned n,
			 const struct char_form *l)
{
	size_t size = n * sizeof(struct instance_info);
	for (unsigned i = 0; i < n; i++) {
		size += list[i].name ? l->size_of(list[i].name) : 0;
		/* the file names' array and text, the display names' array
		 * (NULL entries), the SLV names' room, as the engine lays out */
		size += 3 * list[i].database_count * sizeof(void *);
		for (unsigned d = 0; d < list[i].database_count; d++)
			size += l->size_of(list[i].database_paths[d]);
	}
	return size;
}

static char *put_string(char **cursor, const char *s, const struct char_form *l)
{
	char *at = *cursor;
	size_t cb = l->size_of(s);
	l->write(s, at, cb);
	*cursor += cb;
	return at;
}

static void fill_block(char *block, const struct sim_instance_info *list, unsigned n,
		       const struct char_form *l)
{
	struct instance_info *info = (struct instance_info *)block;
	char *cursor = block + n * sizeof *info;

	for (unsigned i = 0; i < n; i++) {
		unsigned dbs = list[i].database_count;
		void **names = (void **)cursor;
		info[i].hInstanceId = list[i].handle;
		info[i].cDatabases = dbs;
		info[i].szDatabaseFileName = dbs ? names : NULL;
		/* io.cxx, display names "currently unused": each NULL; the SLV
		 * names' array itself NULL (jetapi.cxx, CAutoINSTANCE_INFOW) */
		info[i].szDatabaseDisplayName = dbs ? names + dbs : NULL;
		info[i].szDatabaseSLVFileName = NULL;
		cursor += 3 * dbs * sizeof(void *);
		for (unsigned d = 0; d < dbs; d++) {
			names[d] = put_string(&cursor, list[i].database_paths[d], l);
			names[dbs + d] = NULL;
			names[2 * dbs + d] = NULL;
		}
		info[i].szInstanceName = list[i].name ? put_string(&cursor, list[i].name, l) : NULL;
	}
}

JET_ERR instance_info_hand_out(struct sim_instance_info *list, unsigned n,
			       unsigned long *pcInstanceInfo, void **paInstanceInfo,
			       const struct char_form *l)
{
	char *block = NULL;
	JET_ERR err = JET_errSuccess;

	if (n) {
		block = malloc(block_size(list, n, l));
		if (block)
			fill_block(block, list, n, l);
		else
			err = JET_errOutOfMemory;
	}
	sim_free_instance_list(list, n);
	if (!err) {
		*pcInstanceInfo = n;
		*paInstanceInfo = block;
	}
	return err;
}

static JET_ERR get_instance_info(unsigned long *pcInstanceInfo, void **paInstanceInfo,
				 const struct char_form *l)
{
	struct sim_instance_info *list;
	unsigned n;
	JET_ERR err;

	if (!pcInstanceInfo || !paInstanceInfo)
		return JET_errInvalidParameter;
	*pcInstanceInfo = 0;
	*paInstanceInfo = NULL;
	err = sim_list_instances(&list, &n);
	return err ? err : instance_info_hand_out(list, n, pcInstanceInfo, paInstanceInfo, l);
}

JET_ERR JET_API JetGetInstanceInfoA(unsigned long *pcInstanceInfo, JET_INSTANCE_INFO_A **paInstanceInfo)
{
	return get_instance_info(pcInstanceInfo, (void **)paInstanceInfo, &char_form_a);
}

JET_ERR JET_API JetGetInstanceInfoW(unsigned long *pcInstanceInfo, JET_INSTANCE_INFO_W **paInstanceInfo)
{
	return get_instance_info(pcInstanceInfo, (void **)paInstanceInfo, &char_form_w);
}

/* Buffers this DLL hands out come from its own heap (malloc). */
JET_ERR JET_API JetFreeBuffer(char *pbBuf)
{
	free(pbBuf);
	return JET_errSuccess;
}

/* JET_CHECKPOINTINFO, which the SDK keeps out of its public header: the
 * generations recovery would replay and when the newest was begun. */
struct checkpoint_info {
	unsigned long genMin;
	unsigned long genMax;
	JET_LOGTIME logtimeGenMaxCreate;
};
_Static_assert(sizeof(struct checkpoint_info) == 16, "JET_CHECKPOINTINFO layout");

/* The instance is checked before the level, the level before the size; a
 * larger buffer than the structure is fine. */
JET_ERR JET_API JetGetInstanceMiscInfo(JET_INSTANCE instance, void *pvResult, unsigned long cbMax,
				       unsigned long InfoLevel)
{
	struct sim_instance_misc misc;
	struct checkpoint_info *checkpoint;
	JET_ERR err = sim_instance_misc_info(instance, &misc);
	if (err)
		return err;
	switch (InfoLevel) {
	case JET_InstanceMiscInfoLogSignature:
		if (cbMax < sizeof(JET_SIGNATURE))
			return JET_errBufferTooSmall;
		if (!pvResult)
			return JET_errInvalidParameter;
		jet_signature_from(pvResult, &misc.log_signature);
		return JET_errSuccess;
	case JET_InstanceMiscInfoCheckpoint:
		if (cbMax < sizeof *checkpoint)
			return JET_errBufferTooSmall;
		if (!pvResult)
			return JET_errInvalidParameter;
		checkpoint = pvResult;
		checkpoint->genMin = misc.checkpoint_generation;
		checkpoint->genMax = misc.current_generation;
		jet_logtime_from(&checkpoint->logtimeGenMaxCreate, misc.current_created);
		return JET_errSuccess;
	default:
		return JET_errInvalidParameter;
	}
}
