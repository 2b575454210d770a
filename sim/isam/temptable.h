/*
 * Temporary tables in memory: what the list levels of the info calls
 * (JET_ObjInfoList, JET_ColInfoList, JET_IdxInfoList...) hand back, a
 * table the caller walks with JetMove and JetRetrieveColumn and closes
 * with JetCloseTable.  As ESE's ErrIsamOpenTempTable (sortapi.cxx) does,
 * each column gets an id by its kind (fixed types 1.., text and binary
 * 128.., long values 256..), the rows are kept in the order of their
 * normalised keys over the key columns (JET_bitColumnTTKey), as a real
 * index orders them (key_normalise.c: Unicode text by its sort key under
 * the instance's default locale and flags), rows with equal keys once, and
 * the table is on its first row when handed out.  A table belongs to the session
 * that made it; the session's end closes it.
 */
#ifndef SIM_ISAM_TEMPTABLE_H
#define SIM_ISAM_TEMPTABLE_H

#include <stdint.h>

#define ISAM_TT_COLUMNS_MAX 16

struct isam_tt_column {
	uint32_t coltyp;
	uint32_t cp;                 /* text: 1200 (UTF-16LE) or 1252 */
	int key;                     /* a key column, in column order */
};

struct isam_temp_table;
struct instance;

/* A table being filled (not yet visible to the API); *columnids gets each
 * column's id. */
int isam_tt_create(uintptr_t sesid, const struct instance *inst,
		   const struct isam_tt_column *columns, unsigned ncolumns, uint32_t *columnids,
		   struct isam_temp_table **out);
/* The key's size limit (cbKeyMost; JET_cbKeyMost_OLD, 255, unless set):
 * rows whose keys agree up to it are one row. */
void isam_tt_set_key_most(struct isam_temp_table *t, uint32_t cb_key_most);
/* The value of column i (0..) in the row being made; data NULL: null. */
int isam_tt_set(struct isam_temp_table *t, unsigned i, const void *data, uint32_t cb);
/* The row made becomes a row of the table. */
int isam_tt_insert(struct isam_temp_table *t);
/* Sorted, on its first row, and open under a table id; *rows gets the
 * count inserted.  The table is the API's from then on; on failure it is
 * discarded here (the caller holds it no more either way). */
int isam_tt_publish(struct isam_temp_table *t, uintptr_t *tableid, uint32_t *rows);
void isam_tt_discard(struct isam_temp_table *t);

/* Whether tableid names a temporary table (of any session). */
int isam_tt_is(uintptr_t tableid);
/* 0 when tableid is a temporary table of the session, else the code
 * (JET_errInvalidTableId, a session's). */
int isam_tt_check(uintptr_t sesid, uintptr_t tableid);
/* The cursor calls on a temporary table, with the codes of sim_move,
 * sim_retrieve_column, sim_count_values and sim_close_table. */
int isam_tt_move(uintptr_t sesid, uintptr_t tableid, int32_t crow);
int isam_tt_retrieve(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, void *buf,
		     uint32_t cb, uint32_t *actual, uint32_t itag, uint32_t offset);
int isam_tt_count(uintptr_t sesid, uintptr_t tableid, uint32_t columnid, uint32_t *count);
int isam_tt_close(uintptr_t sesid, uintptr_t tableid);

void isam_tt_session_ending(uintptr_t sesid);
void isam_tt_instance_ending(const struct instance *inst);

#endif
