/*
 * esentsim dump: the jobs of eseutil /mh (database header), /ml (log
 * header and records), /mk (checkpoint) and /k (page checksums), with
 * eseutil's field names.  Files are opened read-only.
 */
#include "esentsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/dbfile.h"
#include "isam/catalog.h"
#include "isam/page.h"
#include "isam/pager.h"
#include "jet_values.h"
#include "log/checkpoint.h"
#include "log/log.h"
#include "os/os.h"
#include "report.h"

static const char help[] =
	"usage: esentsim dump [--json] [--no-checksums] [--catalog] FILE...\n"
	"  Shows what eseutil shows of each file: a database's header (/mh) and its\n"
	"  page checksums (/k), a log's header and records (/ml), a checkpoint (/mk).\n"
	"  --catalog adds a database's tables: name, object id and column count.\n"
	"  The kind of file is read from its header.  Files are never changed.\n"
	"  Exit status 1 when a file cannot be read or a checksum is bad.\n";

static const char *state_name(uint32_t state)
{
	switch (state) {
	case JET_dbstateJustCreated: return "Just Created";
	case JET_dbstateDirtyShutdown: return "Dirty Shutdown";
	case JET_dbstateCleanShutdown: return "Clean Shutdown";
	case JET_dbstateBeingConverted: return "Being Converted";
	case JET_dbstateForceDetach: return "Force Detach";
	}
	return "Unknown";
}

static void backup_field(struct report *r, const char *name, const struct bkinfo *b)
{
	if (!b->gen_low && !b->gen_high)
		report_field(r, name, "Log Gen: 0-0 (0x0-0x0)");
	else
		report_field(r, name, "Log Gen: %u-%u (0x%X-0x%X) Mark: %s Mark: %s", b->gen_low,
			     b->gen_high, b->gen_low, b->gen_high, text_lgpos(b->mark),
			     text_logtime(b->time));
}

/* /k: every page's checksum; all-zero pages are not yet written. */
static int check_pages(struct report *r, os_file *f, uint32_t page_size)
{
	uint64_t size = 0, pages;
	unsigned char *page = malloc(page_size);
	uint64_t good = 0, bad = 0, zero = 0;
	int trailer = 0;
	if (!page || os_file_size(f, &size) != OS_OK)
		return free(page), 1;
	pages = size / page_size > 2 ? size / page_size - 2 : 0;
	for (uint64_t pgno = 1; pgno <= pages; pgno++) {
		size_t done = 0;
		int all_zero = 1;
		if (os_file_read_at(f, page_offset(page_size, (uint32_t)pgno), page, page_size,
				    &done) != OS_OK ||
		    done != page_size) {
			bad++;
			continue;
		}
		for (uint32_t i = 0; i < page_size && all_zero; i++)
			all_zero = page[i] == 0;
		if (all_zero)
			zero++;
		else if (pgno == pages && tool_is_trailer(page, page_size))
			trailer = 1;   /* a streamed copy's trailer, a page numbered 0 */
		else if (page_verify(page, page_size, (uint32_t)pgno))
			good++;
		else {
			bad++;
			if (!r->json)
				printf("%30s: page %llu (0x%llX)\n", "Bad checksum",
				       (unsigned long long)pgno, (unsigned long long)pgno);
		}
	}
	free(page);
	report_number(r, "Pages", pages);
	report_number(r, "Checksums good", good);
	report_number(r, "Checksums bad", bad);
	report_number(r, "Pages uninitialized", zero);
	report_field(r, "Backup trailer page", "%s", trailer ? "yes" : "no");
	return bad != 0;
}

static int catalog_is_empty(struct isam_pager *pager)
{
	unsigned char *buf = malloc(pager->page_size);
	struct isam_page pg;
	int empty = buf && isam_pager_read(pager, ISAM_CATALOG_ROOT, buf) == JET_errSuccess &&
		    isam_page_parse(&pg, buf, pager->page_size) == JET_errSuccess &&
		    isam_page_lines(&pg) == 0;
	free(buf);
	return empty;
}

/* The catalog's tables, as esedbinfo lists them ("Table: N  NAME (OBJID)",
 * "Number of columns"). */
static int dump_catalog(struct report *r, const char *path)
{
	struct isam_pager pager;
	struct isam_catalog cat;
	char name[64];
	int err = isam_pager_open_file(&pager, path, 64);
	if (err)
		return err;
	err = isam_catalog_load(&pager, &cat);
	if (!err) {
		report_number(r, "Number of tables", cat.ntables);
		for (unsigned i = 0; i < cat.ntables; i++) {
			snprintf(name, sizeof name, "Table %u", i + 1);
			report_field(r, name, "%s (%u)", cat.tables[i].name, cat.tables[i].objid);
			snprintf(name, sizeof name, "Table %u columns", i + 1);
			report_number(r, name, cat.tables[i].ncolumns);
			snprintf(name, sizeof name, "Table %u indexes", i + 1);
			report_number(r, name, cat.tables[i].nindexes);
		}
		isam_catalog_free(&cat);
	} else if (catalog_is_empty(&pager)) {   /* a database no table was made in */
		report_number(r, "Number of tables", 0);
		err = JET_errSuccess;
	}
	isam_pager_close(&pager);
	return err;
}

static int dump_database(struct report *r, os_file *f, int checksums)
{
	struct db_header h;
	int err = db_header_read(f, &h);
	if (err)
		return err;
	report_field(r, "File Type", h.file_kind == DB_FILE_STREAMING ? "Streaming File" : "Database");
	report_field(r, "Format ulMagic", "0x%x", ESE_MAGIC);
	report_field(r, "Format ulVersion", "0x%x,%u", h.version, h.revision);
	report_field(r, "Created ulVersion", "0x%x,%u", h.creation_version, h.creation_revision);
	report_field(r, "DB Signature", "%s", text_signature(&h.db_signature));
	report_number(r, "cbDbPage", h.page_size);
	report_field(r, "dbtime", "%llu (0x%llx)", (unsigned long long)h.dbtime,
		     (unsigned long long)h.dbtime);
	report_field(r, "State", "%s", state_name(h.state));
	report_field(r, "Log Required", "%u-%u (0x%x-0x%x)", h.required_min, h.required_max,
		     h.required_min, h.required_max);
	report_field(r, "Shadowed", "%s", h.shadowing_disabled ? "No" : "Yes");
	report_field(r, "Last Objid", "%u", h.last_objid);
	report_field(r, "Log Signature", "%s", text_signature(&h.log_signature));
	report_field(r, "OS Version", "(%u.%u.%u SP %u)", h.os_major, h.os_minor, h.os_build,
		     h.os_service_pack);
	report_field(r, "Last Consistent", "%s %s", text_lgpos(h.consistent),
		     text_logtime(h.consistent_time));
	report_field(r, "Last Attach", "%s %s", text_lgpos(h.attach), text_logtime(h.attach_time));
	report_field(r, "Last Detach", "%s %s", text_lgpos(h.detach), text_logtime(h.detach_time));
	report_number(r, "Dbid", h.dbid);
	report_number(r, "Repair Count", h.repair_count);
	backup_field(r, "Previous Full Backup", &h.full_previous);
	backup_field(r, "Previous Incremental Backup", &h.incremental_previous);
	backup_field(r, "Previous Copy Backup", &h.copy_previous);
	backup_field(r, "Previous Differential Backup", &h.differential_previous);
	backup_field(r, "Current Full Backup", &h.full_current);
	backup_field(r, "Current Shadow copy backup", &h.snapshot_current);
	return checksums && check_pages(r, f, h.page_size) ? JET_errReadVerifyFailure : 0;
}

static int dump_log(struct report *r, const char *path)
{
	struct log_reader *lr;
	struct log_record rec;
	struct lgpos at;
	uint64_t records = 0;
	const struct log_header *h;
	int err = log_reader_open(path, 0, &lr), next;
	if (err)
		return err;
	h = log_reader_header(lr);
	report_field(r, "File Type", "Log");
	report_field(r, "Signature", "%s", text_signature(&h->log_signature));
	report_field(r, "lGeneration", "%u (0x%X)", h->generation, h->generation);
	report_field(r, "Checkpoint", "%s", text_lgpos(h->checkpoint));
	report_field(r, "creation time", "%s", text_logtime(h->created));
	report_field(r, "prev gen time", "%s", text_logtime(h->previous_created));
	report_number(r, "cbLogFile", h->file_size);
	report_number(r, "cbDbPage", h->db_page_size);
	report_field(r, "Circular logging flag", "%s", h->circular ? "on" : "off");
	while ((next = log_reader_next(lr, &rec, &at)) == 1)
		records++;
	report_number(r, "Records", records);
	report_field(r, "End record", "%s", log_reader_saw_end_record(lr) ? "yes" : "no");
	report_field(r, "Integrity", "%s", next < 0 ? "damaged" : "ok");
	log_reader_close(lr);
	return next < 0 ? next : 0;
}

static int dump_checkpoint(struct report *r, const char *path)
{
	struct checkpoint c;
	int err = checkpoint_read(path, &c);
	if (err)
		return err;
	report_field(r, "File Type", "Checkpoint");
	report_field(r, "Checkpoint", "%s", text_lgpos(c.position));
	report_field(r, "LastFullBackupCheckpoint", "%s", text_lgpos(c.last_full_backup));
	report_field(r, "FullBackup", "%s %s", text_lgpos(c.full_backup),
		     text_logtime(c.full_backup_time));
	report_field(r, "IncBackup", "%s %s", text_lgpos(c.incremental_backup),
		     text_logtime(c.incremental_backup_time));
	report_field(r, "Signature", "%s", text_signature(&c.log_signature));
	return 0;
}

int cmd_dump(int argc, char **argv)
{
	struct report r = { 0 };
	int checksums = 1, catalog = 0, failed = 0, files = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return fputs(help, stdout), 0;
		if (strcmp(argv[i], "--json") == 0)
			r.json = 1;
		else if (strcmp(argv[i], "--no-checksums") == 0)
			checksums = 0;
		else if (strcmp(argv[i], "--catalog") == 0)
			catalog = 1;
		else if (argv[i][0] == '-')
			return tool_error("dump: unknown option %s", argv[i]), 2;
		else
			files++;
	}
	if (!files)
		return fputs(help, stderr), 2;
	for (int i = 1; i < argc; i++) {
		os_file *f;
		uint32_t type;
		int err;
		if (argv[i][0] == '-')
			continue;
		if (os_file_open(argv[i], OS_OPEN_READ, &f) != OS_OK) {
			tool_error("%s: cannot be opened", argv[i]);
			failed = 1;
			continue;
		}
		type = ese_file_type(f);
		report_begin(&r, argv[i]);
		if (type == JET_filetypeLog)
			err = dump_log(&r, argv[i]);
		else if (type == JET_filetypeCheckpoint)
			err = dump_checkpoint(&r, argv[i]);
		else {
			err = dump_database(&r, f, checksums);
			if (catalog && err != JET_errDatabaseCorrupted) {
				int e = dump_catalog(&r, argv[i]);
				err = err ? err : e;
			}
		}
		os_file_close(f);
		report_end(&r);
		if (err) {
			fflush(stdout);
			tool_error("%s: %s", argv[i],
				   err == JET_errReadVerifyFailure ? "bad page checksums"
				   : err == JET_errDatabaseCorrupted ? "not an ESE file, or a damaged header"
								     : tool_code(err));
			failed = 1;
		}
	}
	report_finish(&r);
	return failed;
}
