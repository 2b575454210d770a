#include "status.h"

int status_call(void *ctx, uint32_t snt, uint32_t done, uint32_t total)
{
	struct status_call *c = ctx;
	JET_SNPROG prog = { sizeof prog, 0, 100 };
	unsigned long percent = total ? (unsigned long)((uint64_t)done * 100 / total) : 0;
	if (snt == JET_sntComplete)
		percent = 100;
	if (percent > 100)
		percent = 100;
	if (percent > c->percent)
		c->percent = percent;
	prog.cunitDone = snt == JET_sntBegin ? 0 : c->percent;
	return c->pfn(0, c->snp, snt, &prog);
}
