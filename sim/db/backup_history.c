#include "db/backup_history.h"

#include "jet_values.h"

struct bkinfo database_backup_record(const struct database *db, enum backup_kind kind,
				     uint32_t *type)
{
	const struct db_header *h = &db->header;
	switch (kind) {
	case BACKUP_KIND_FULL: *type = h->full_previous_type; return h->full_previous;
	case BACKUP_KIND_INCREMENTAL: *type = h->incremental_previous_type; return h->incremental_previous;
	case BACKUP_KIND_COPY: *type = h->copy_previous_type; return h->copy_previous;
	default: *type = h->differential_previous_type; return h->differential_previous;
	}
}

int database_record_backup(struct database *db, enum backup_kind kind, const struct bkinfo *b,
			   enum backup_type type)
{
	struct db_header *h = &db->header;
	static const struct bkinfo none;
	switch (kind) {
	case BACKUP_KIND_FULL:
		h->full_previous = *b;
		h->full_previous_type = type;
		h->incremental_previous = none;
		h->incremental_previous_type = 0;
		h->differential_previous = none;
		h->differential_previous_type = 0;
		break;
	case BACKUP_KIND_INCREMENTAL:
		h->incremental_previous = *b;
		h->incremental_previous_type = type;
		break;
	case BACKUP_KIND_COPY:
		h->copy_previous = *b;
		h->copy_previous_type = type;
		break;
	case BACKUP_KIND_DIFFERENTIAL:
		h->differential_previous = *b;
		h->differential_previous_type = type;
		break;
	}
	h->full_current = none;
	return database_write_header(db);
}
