/*
 * The engine's progress calls as a JET_PFNSTATUS callback: JET_snpBackup or
 * JET_snpRestore, with a JET_SNPROG counting percent as ESE does
 * (cunitTotal 100).
 */
#ifndef DLL_STATUS_H
#define DLL_STATUS_H

#include <stdint.h>

#include "dll.h"

struct status_call {
	JET_PFNSTATUS pfn;
	JET_SNP snp;
	unsigned long percent;       /* never goes back */
};

/* The engine's callback (ctx: a struct status_call): the caller's error
 * is the engine's answer. */
int status_call(void *ctx, uint32_t snt, uint32_t done, uint32_t total);

#endif
