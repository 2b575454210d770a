/* The engine version JetGetVersion reports. */
#ifndef SIM_VERSION_H
#define SIM_VERSION_H

#include <stdint.h>

/* The ESENT we behave as: Windows 10, build 19041 (version 20H1). */
#define SIM_VERSION_MAJOR 10
#define SIM_VERSION_MINOR 0
#define SIM_VERSION_BUILD 19041
#define SIM_VERSION_BUILD_MINOR 0

/* Packed as the engine packs it: major in bits 28-31, minor 24-27, build
 * 8-23, build minor 0-7 (ManagedEsent's EsentVersion unpacks the build
 * number from bits 8-23 to decide which features exist). */
uint32_t sim_engine_version(void);

#endif
