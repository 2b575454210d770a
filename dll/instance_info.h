/*
 * The JET_INSTANCE_INFO array JetGetInstanceInfo and the snapshot freeze
 * hand out: one block, freed by JetFreeBuffer.
 */
#ifndef DLL_INSTANCE_INFO_H
#define DLL_INSTANCE_INFO_H

#include "dll.h"
#include "instance/instance.h"
#include "strings.h"

/* Takes the list (freed here) and stores the block and its count. */
JET_ERR instance_info_hand_out(struct sim_instance_info *list, unsigned n,
			       unsigned long *pcInstanceInfo, void **paInstanceInfo,
			       const struct char_form *l);

#endif
