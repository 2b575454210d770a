/*
 * What dump prints: "name: value" lines (eseutil's layout) or, with
 * --json, one JSON object a file.  Values are text; eseutil's formats of
 * log positions, times and signatures are made here.
 */
#ifndef ESENTSIM_REPORT_H
#define ESENTSIM_REPORT_H

#include <stdint.h>

#include "format/format.h"

struct report {
	int json;
	int fields;     /* written in the current object */
	int objects;
};

void report_begin(struct report *r, const char *path);
void report_field(struct report *r, const char *name, const char *fmt, ...);
void report_number(struct report *r, const char *name, uint64_t value);
void report_end(struct report *r);
void report_finish(struct report *r);    /* after the last file */

/* eseutil's forms */
const char *text_lgpos(struct lgpos p);
const char *text_logtime(struct logtime t);
const char *text_signature(const struct signature *s);

#endif
