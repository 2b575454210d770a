/*
 * esentsim verify: a backup set in a folder (a streaming backup's copies,
 * or a snapshot's): every database's header and pages, every log's header
 * and records, the log generations complete from the lowest to the
 * highest, and the signatures and generations of logs and database
 * headers consistent.  One line a problem; files are opened read-only.
 */
#include "esentsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/dbfile.h"
#include "jet_values.h"
#include "log/log.h"
#include "os/os.h"
#include "os/paths.h"

static const char help[] =
	"usage: esentsim verify FOLDER\n"
	"  Checks the backup set in FOLDER: each database's header and page checksums,\n"
	"  each log's header and records, the log generations without a gap, one log\n"
	"  signature, and the databases' headers (log signature, generations their\n"
	"  backup needs) agreeing with the logs.  Prints one line a problem and exits\n"
	"  1 if there is any; files are never changed.\n";

#define MAX_LOGS 4096

struct set {
	const char *folder;
	unsigned problems, databases;
	uint32_t gens[MAX_LOGS];
	unsigned logs;
	struct signature log_signature;
	int have_signature;
	struct {
		char name[256];
		struct db_header h;
	} db[16];
};

static void problem(struct set *s, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#include <stdarg.h>
static void problem(struct set *s, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s: ", name);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	s->problems++;
}

static void check_database(struct set *s, const char *name, os_file *f)
{
	struct db_header h;
	uint64_t size = 0, pages;
	unsigned char *page;
	unsigned bad = 0;
	int err = db_header_read(f, &h);
	if (err) {
		problem(s, name, "the database header cannot be read (error %s)", tool_code(err));
		return;
	}
	page = malloc(h.page_size);
	if (!page || os_file_size(f, &size) != OS_OK)
		return free(page), problem(s, name, "cannot be read");
	if (size % h.page_size)
		problem(s, name, "size %llu is not a whole number of %u-byte pages",
			(unsigned long long)size, h.page_size);
	pages = size / h.page_size > 2 ? size / h.page_size - 2 : 0;
	for (uint64_t pgno = 1; pgno <= pages; pgno++) {
		size_t done = 0;
		if (os_file_read_at(f, page_offset(h.page_size, (uint32_t)pgno), page, h.page_size,
				    &done) != OS_OK || done != h.page_size) {
			problem(s, name, "page %llu cannot be read", (unsigned long long)pgno);
			bad++;
			continue;
		}
		/* a streamed copy ends with the backup's trailer, a page numbered 0 */
		if (pgno == pages && tool_is_trailer(page, h.page_size))
			continue;
		if (!page_verify(page, h.page_size, (uint32_t)pgno) && bad++ < 10)
			problem(s, name, "page %llu (0x%llx): bad checksum", (unsigned long long)pgno,
				(unsigned long long)pgno);
	}
	if (bad > 10)
		problem(s, name, "%u pages with bad checksums in all", bad);
	free(page);
	if (s->databases < sizeof s->db / sizeof *s->db) {
		snprintf(s->db[s->databases].name, sizeof s->db[0].name, "%s", name);
		s->db[s->databases].h = h;
	}
	s->databases++;
}

static void check_log(struct set *s, const char *name, const char *path)
{
	struct log_reader *r;
	struct log_record rec;
	struct lgpos at;
	const struct log_header *h;
	int next;
	if (log_reader_open(path, 0, &r) != JET_errSuccess) {
		problem(s, name, "the log header is damaged");
		return;
	}
	h = log_reader_header(r);
	if (!s->have_signature) {
		s->log_signature = h->log_signature;
		s->have_signature = 1;
	} else if (!signature_equal(&s->log_signature, &h->log_signature)) {
		problem(s, name, "generation %u belongs to another log set (signature differs)",
			h->generation);
	}
	if (s->logs < MAX_LOGS)
		s->gens[s->logs++] = h->generation;
	while ((next = log_reader_next(r, &rec, &at)) == 1)
		;
	if (next < 0)
		problem(s, name, "generation %u: damaged record at %s", h->generation,
			"its end");
	log_reader_close(r);
}

static int visit(void *ctx, const char *name)
{
	struct set *s = ctx;
	char *path = path_join(s->folder, name);
	os_file *f = NULL;
	uint32_t type;
	if (!path || os_path_exists(path) != 1) {
		free(path);
		return 0;
	}
	if (os_file_open(path, OS_OPEN_READ, &f) != OS_OK) {
		problem(s, name, "cannot be opened");
		free(path);
		return 0;
	}
	type = ese_file_type(f);
	if (type == JET_filetypeLog)
		check_log(s, name, path);
	else if (type == JET_filetypeDatabase || strstr(name, ".edb"))
		check_database(s, name, f);
	os_file_close(f);
	free(path);
	return 0;
}

static int by_number(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int has_generation(const struct set *s, uint32_t gen)
{
	for (unsigned i = 0; i < s->logs; i++)
		if (s->gens[i] == gen)
			return 1;
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	struct set *s;
	const char *folder = NULL;
	unsigned problems;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return fputs(help, stdout), 0;
		if (argv[i][0] == '-' || folder)
			return tool_error("verify: unknown argument %s", argv[i]), 2;
		folder = argv[i];
	}
	if (!folder)
		return fputs(help, stderr), 2;
	if (os_path_exists(folder) != 2)
		return tool_error("%s: no such folder", folder), 1;
	s = calloc(1, sizeof *s);
	if (!s)
		return 1;
	s->folder = folder;
	os_list_dir(folder, visit, s);
	if (!s->databases)
		problem(s, folder, "no database in the set");
	if (!s->logs)
		problem(s, folder, "no log file in the set");
	qsort(s->gens, s->logs, sizeof *s->gens, by_number);
	for (unsigned i = 1; i < s->logs; i++) {
		if (s->gens[i] == s->gens[i - 1])
			problem(s, folder, "generation %u is there twice", s->gens[i]);
		else if (s->gens[i] != s->gens[i - 1] + 1)
			problem(s, folder, "log generations %u to %u are missing", s->gens[i - 1] + 1,
				s->gens[i] - 1);
	}
	for (unsigned d = 0; d < s->databases && d < sizeof s->db / sizeof *s->db; d++) {
		const struct db_header *h = &s->db[d].h;
		const struct bkinfo *b = &h->full_current;
		if (s->have_signature && !signature_equal(&h->log_signature, &s->log_signature))
			problem(s, s->db[d].name, "its log signature is not the logs' in the set");
		/* a streamed copy names the generations its backup needs */
		for (uint32_t g = b->gen_low; b->gen_low && g <= b->gen_high; g++)
			if (!has_generation(s, g)) {
				problem(s, s->db[d].name, "needs log generation %u, not in the set", g);
				break;
			}
	}
	problems = s->problems;
	if (!problems)
		printf("backup set %s: OK, %u database(s), log generations %u to %u\n", folder,
		       s->databases, s->gens[0], s->gens[s->logs - 1]);
	free(s);
	return problems ? 1 : 0;
}
