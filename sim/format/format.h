/*
 * The value types ESE writes into its file headers, in ESE's byte layout
 * (little-endian, packed): log positions, log times, signatures and backup
 * records, and the checksums that guard headers and pages.  Every on-disk
 * format of the engine (dbfile.c, log.c, checkpoint.c) is built from these.
 */
#ifndef SIM_FORMAT_H
#define SIM_FORMAT_H

#include <stddef.h>
#include <stdint.h>

static inline uint16_t get16(const void *p)
{
	const unsigned char *b = p;
	return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t get32(const void *p)
{
	const unsigned char *b = p;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline uint64_t get64(const void *p)
{
	return get32(p) | (uint64_t)get32((const unsigned char *)p + 4) << 32;
}

static inline void put16(void *p, uint16_t v)
{
	unsigned char *b = p;
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
}

static inline void put32(void *p, uint32_t v)
{
	unsigned char *b = p;
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
}

static inline void put64(void *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32((unsigned char *)p + 4, (uint32_t)(v >> 32));
}

/* ESE's LGPOS: a place in the log set.  On disk: ib (2), isec (2),
 * lGeneration (4).  Our log files have 4 KiB sectors, as ESE writes on
 * 4K-sector disks, so a 32 MiB log still counts its sectors in 16 bits. */
struct lgpos {
	uint32_t generation;
	uint16_t isec, ib;
};
#define LGPOS_SIZE 8
#define LOG_SECTOR_SIZE 4096

int lgpos_compare(struct lgpos a, struct lgpos b);
uint64_t lgpos_offset(struct lgpos p);          /* byte offset in its log file */
struct lgpos lgpos_at(uint32_t generation, uint64_t offset);
void lgpos_put(unsigned char *p, struct lgpos v);
struct lgpos lgpos_get(const unsigned char *p);

/* ESE's LOGTIME: seconds, minutes, hours, day, month, year − 1900, and
 * two filler bytes (bit 0 of the first: the time is UTC). */
struct logtime {
	unsigned char b[8];
};
#define LOGTIME_SIZE 8
/* from 100-ns intervals since 1601 (os_time_now) */
struct logtime logtime_from_filetime(uint64_t filetime);
uint64_t logtime_to_filetime(struct logtime t);
int logtime_is_set(struct logtime t);

/* ESE's signature of a database or a log set: random (4), creation time
 * (8), computer name (16, NUL-padded). */
struct signature {
	uint32_t random;
	struct logtime created;
	char computer[16];
};
#define SIGNATURE_SIZE 28
void signature_new(struct signature *s);
void signature_put(unsigned char *p, const struct signature *s);
void signature_get(const unsigned char *p, struct signature *s);
int signature_equal(const struct signature *a, const struct signature *b);

/* ESE's BKINFO, a backup as recorded in a database header: the log
 * position and time it was marked at, and the generations it holds. */
struct bkinfo {
	struct lgpos mark;
	struct logtime time;
	uint32_t gen_low, gen_high;
};
#define BKINFO_SIZE 24
void bkinfo_put(unsigned char *p, const struct bkinfo *b);
void bkinfo_get(const unsigned char *p, struct bkinfo *b);

/* The magic every ESE header carries at offset 4, and the seed of its
 * checksums. */
#define ESE_MAGIC 0x89ABCDEFu

/* The header checksum of ESE (and libesedb): the XOR of the little-endian
 * 32-bit words from offset 4 to the end, seeded with the magic. */
uint32_t checksum_header(const unsigned char *hdr, size_t len);
/* CRC-32 (IEEE), for our log records. */
uint32_t crc32_of(uint32_t crc, const void *data, size_t len);

#endif
