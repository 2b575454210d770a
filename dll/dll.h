/*
 * What every file of the ABI layer includes: the stock <esent.h> (the ABI
 * contract), the values it lacks, and the engine.
 */
#ifndef DLL_H
#define DLL_H

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <esent.h>

#include "jet_values.h"
#include "esent_sdk.h"

/* MinGW's header maps this W name to the A or W function by UNICODE (a
 * slip for the unsuffixed name); the DLL must define both. */
#undef JetGetTableColumnInfoW

#endif
