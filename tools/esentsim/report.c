#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

void report_begin(struct report *r, const char *path)
{
	r->fields = 0;
	if (r->json) {
		fputs(r->objects++ ? ",\n" : "[\n", stdout);
		fputs("  {\"file\": ", stdout);
		json_string(path);
		r->fields = 1;
	} else {
		printf("%s%s:\n", r->objects++ ? "\n" : "", path);
	}
}

void report_field(struct report *r, const char *name, const char *fmt, ...)
{
	char value[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	if (r->json) {
		fputs(r->fields++ ? ",\n    " : "\n    ", stdout);
		json_string(name);
		fputs(": ", stdout);
		json_string(value);
	} else {
		printf("%30s: %s\n", name, value);
	}
}

void report_number(struct report *r, const char *name, uint64_t value)
{
	if (r->json) {
		fputs(r->fields++ ? ",\n    " : "\n    ", stdout);
		json_string(name);
		printf(": %llu", (unsigned long long)value);
	} else {
		printf("%30s: %llu\n", name, (unsigned long long)value);
	}
}

void report_end(struct report *r)
{
	if (r->json)
		fputs("}", stdout);
}

void report_finish(struct report *r)
{
	if (r->json)
		fputs(r->objects ? "\n]\n" : "[]\n", stdout);
}

const char *text_lgpos(struct lgpos p)
{
	static char text[4][40];
	static int next;
	char *t = text[next++ % 4];
	snprintf(t, sizeof text[0], "(0x%X,%X,%X)", p.generation, p.isec, p.ib);
	return t;
}

const char *text_logtime(struct logtime t)
{
	static char text[4][40];
	static int next;
	char *s = text[next++ % 4];
	if (!logtime_is_set(t))
		return "00/00/1900 00:00:00";
	/* LOGTIME: seconds, minutes, hours, day, month, year - 1900 */
	snprintf(s, sizeof text[0], "%02u/%02u/%04u %02u:%02u:%02u", t.b[4], t.b[3],
		 t.b[5] + 1900u, t.b[2], t.b[1], t.b[0]);
	return s;
}

const char *text_signature(const struct signature *sig)
{
	static char text[2][120];
	static int next;
	char *s = text[next++ % 2], computer[17];
	memcpy(computer, sig->computer, 16);
	computer[16] = 0;
	snprintf(s, sizeof text[0], "Create time:%s Rand:%u Computer:%s",
		 text_logtime(sig->created), sig->random, computer);
	return s;
}
