#include "jet_structs.h"

#include <string.h>

_Static_assert(sizeof(JET_LOGTIME) == sizeof(((struct logtime *)0)->b), "JET_LOGTIME layout");
_Static_assert(sizeof(((JET_SIGNATURE *)0)->szComputerName) ==
	       sizeof(((struct signature *)0)->computer), "JET_SIGNATURE layout");

void jet_lgpos_from(JET_LGPOS *out, struct lgpos in)
{
	out->ib = in.ib;
	out->isec = in.isec;
	out->lGeneration = (LONG)in.generation;
}

void jet_logtime_from(JET_LOGTIME *out, struct logtime in)
{
	memcpy(out, in.b, sizeof *out);
}

void jet_signature_from(JET_SIGNATURE *out, const struct signature *in)
{
	out->ulRandom = in->random;
	jet_logtime_from(&out->logtimeCreate, in->created);
	memcpy(out->szComputerName, in->computer, sizeof out->szComputerName);
}

void jet_bkinfo_from(JET_BKINFO *out, const struct bkinfo *in)
{
	jet_lgpos_from(&out->lgposMark, in->mark);
	jet_logtime_from(&out->logtimeMark, in->time);
	out->genLow = in->gen_low;
	out->genHigh = in->gen_high;
}
