/* OS-layer pieces built from the others, the same on every platform. */
#include "os/os.h"

#include <stdatomic.h>

void os_lazy_mutex_lock(os_lazy_mutex *m)
{
	/* state: 0 none, 1 being made, 2 ready */
	_Atomic long *state = (_Atomic long *)&m->state;
	long expected = 0;
	if (atomic_compare_exchange_strong(state, &expected, 1)) {
		os_mutex_create(&m->mutex);
		atomic_store(state, 2);
	}
	while (atomic_load(state) != 2)
		os_sleep_ms(1);
	os_mutex_lock(m->mutex);
}
