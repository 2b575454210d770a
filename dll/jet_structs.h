/*
 * The engine's header values (sim/format.h) as the JET structures a caller
 * receives: database info, instance info and backup all report them.  The
 * engine's structs are laid out for its own use (struct lgpos leads with
 * the generation, JET_LGPOS ends with it), so they are converted field by
 * field, never copied whole.
 */
#ifndef DLL_JET_STRUCTS_H
#define DLL_JET_STRUCTS_H

#include "dll.h"
#include "format/format.h"

void jet_lgpos_from(JET_LGPOS *out, struct lgpos in);
void jet_logtime_from(JET_LOGTIME *out, struct logtime in);
void jet_signature_from(JET_SIGNATURE *out, const struct signature *in);
/* The mark's time is copied byte for byte, with the snapshot bit that
 * JET_BKLOGTIME reads from it. */
void jet_bkinfo_from(JET_BKINFO *out, const struct bkinfo *in);

#endif
