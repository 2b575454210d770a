#include "format/version.h"

uint32_t sim_engine_version(void)
{
	return ((uint32_t)(SIM_VERSION_MAJOR & 0xF) << 28) | ((uint32_t)(SIM_VERSION_MINOR & 0xF) << 24) |
	       ((uint32_t)(SIM_VERSION_BUILD & 0xFFFF) << 8) | (SIM_VERSION_BUILD_MINOR & 0xFF);
}
