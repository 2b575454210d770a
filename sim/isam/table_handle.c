#include "isam/table_handle.h"

#include <stdatomic.h>

static atomic_uintptr_t next_handle = 0x1000;

uintptr_t isam_table_handle_next(void)
{
	return atomic_fetch_add(&next_handle, 1);
}
