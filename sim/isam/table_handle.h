/*
 * Table ids: one serial counter for every kind of table the API hands out
 * (tables of a database, temporary tables), so that no two tables open at
 * once share an id and a stale id names nothing.
 */
#ifndef SIM_ISAM_TABLE_HANDLE_H
#define SIM_ISAM_TABLE_HANDLE_H

#include <stdint.h>

uintptr_t isam_table_handle_next(void);

#endif
