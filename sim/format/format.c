#include "format/format.h"

#include <stdatomic.h>
#include <string.h>

#include "os/os.h"

int lgpos_compare(struct lgpos a, struct lgpos b)
{
	if (a.generation != b.generation)
		return a.generation < b.generation ? -1 : 1;
	if (a.isec != b.isec)
		return a.isec < b.isec ? -1 : 1;
	if (a.ib != b.ib)
		return a.ib < b.ib ? -1 : 1;
	return 0;
}

uint64_t lgpos_offset(struct lgpos p)
{
	return (uint64_t)p.isec * LOG_SECTOR_SIZE + p.ib;
}

struct lgpos lgpos_at(uint32_t generation, uint64_t offset)
{
	struct lgpos p = { generation, (uint16_t)(offset / LOG_SECTOR_SIZE),
			   (uint16_t)(offset % LOG_SECTOR_SIZE) };
	return p;
}

void lgpos_put(unsigned char *p, struct lgpos v)
{
	put16(p, v.ib);
	put16(p + 2, v.isec);
	put32(p + 4, v.generation);
}

struct lgpos lgpos_get(const unsigned char *p)
{
	struct lgpos v = { get32(p + 4), get16(p + 2), get16(p) };
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back
 * (H. Hinnant's civil calendar algorithms). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

#define FILETIME_UNIX_EPOCH 116444736000000000ULL
#define FILETIME_PER_SECOND 10000000ULL

struct logtime logtime_from_filetime(uint64_t filetime)
{
	struct logtime t;
	uint64_t since = filetime > FILETIME_UNIX_EPOCH ? filetime - FILETIME_UNIX_EPOCH : 0;
	uint64_t secs = since / FILETIME_PER_SECOND;
	unsigned ms = (unsigned)(since % FILETIME_PER_SECOND / 10000);
	int64_t y;
	unsigned m, d;
	civil_from_days((int64_t)(secs / 86400), &y, &m, &d);
	t.b[0] = (unsigned char)(secs % 60);
	t.b[1] = (unsigned char)(secs / 60 % 60);
	t.b[2] = (unsigned char)(secs / 3600 % 24);
	t.b[3] = (unsigned char)d;
	t.b[4] = (unsigned char)m;
	t.b[5] = (unsigned char)(y - 1900);
	/* fTimeIsUTC, and the milliseconds in the filler bits */
	t.b[6] = (unsigned char)(1 | (ms & 0x7F) << 1);
	t.b[7] = (unsigned char)((ms >> 7 & 7) << 1);
	return t;
}

uint64_t logtime_to_filetime(struct logtime t)
{
	int64_t days;
	if (!logtime_is_set(t))
		return 0;
	days = days_from_civil(1900 + (int64_t)t.b[5], t.b[4], t.b[3]);
	unsigned ms = (unsigned)(t.b[6] >> 1) | (unsigned)(t.b[7] >> 1 & 7) << 7;
	return FILETIME_UNIX_EPOCH +
	       (uint64_t)(days * 86400 + t.b[2] * 3600 + t.b[1] * 60 + t.b[0]) * FILETIME_PER_SECOND +
	       (uint64_t)ms * 10000;
}

int logtime_is_set(struct logtime t)
{
	return t.b[4] != 0;   /* a month of 0 is ESE's "no time" */
}

void signature_new(struct signature *s)
{
	memset(s, 0, sizeof *s);
	os_random(&s->random, sizeof s->random);
	s->created = logtime_from_filetime(os_time_now());
	/* the computer name stays zero, as today's ESE leaves it */
}

void signature_put(unsigned char *p, const struct signature *s)
{
	put32(p, s->random);
	memcpy(p + 4, s->created.b, LOGTIME_SIZE);
	memcpy(p + 12, s->computer, 16);
}

void signature_get(const unsigned char *p, struct signature *s)
{
	s->random = get32(p);
	memcpy(s->created.b, p + 4, LOGTIME_SIZE);
	memcpy(s->computer, p + 12, 16);
}

int signature_equal(const struct signature *a, const struct signature *b)
{
	return a->random == b->random && memcmp(a->created.b, b->created.b, LOGTIME_SIZE) == 0 &&
	       memcmp(a->computer, b->computer, 16) == 0;
}

void bkinfo_put(unsigned char *p, const struct bkinfo *b)
{
	lgpos_put(p, b->mark);
	memcpy(p + 8, b->time.b, LOGTIME_SIZE);
	put32(p + 16, b->gen_low);
	put32(p + 20, b->gen_high);
}

void bkinfo_get(const unsigned char *p, struct bkinfo *b)
{
	b->mark = lgpos_get(p);
	memcpy(b->time.b, p + 8, LOGTIME_SIZE);
	b->gen_low = get32(p + 16);
	b->gen_high = get32(p + 20);
}

uint32_t checksum_header(const unsigned char *hdr, size_t len)
{
	uint32_t x = ESE_MAGIC;
	for (size_t i = 4; i + 4 <= len; i += 4)
		x ^= get32(hdr + i);
	return x;
}

/* The CRC-32 of IEEE 802.3 (reflected, polynomial 0xEDB88320), eight
 * bytes a step through eight tables ("slicing by 8"): the same value as a
 * byte at a time, about four times faster, which the replay of a log set
 * feels (every record is checked as it is read). */
uint32_t crc32_of(uint32_t crc, const void *data, size_t len)
{
	static uint32_t table[8][256];
	static atomic_int ready;
	static os_lazy_mutex making;
	const unsigned char *p = data;
	if (!atomic_load_explicit(&ready, memory_order_acquire)) {
		os_lazy_mutex_lock(&making);
		for (uint32_t i = 0; !atomic_load(&ready) && i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			table[0][i] = c;
		}
		for (uint32_t i = 0; !atomic_load(&ready) && i < 256; i++)
			for (int t = 1; t < 8; t++)
				table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xFF];
		atomic_store_explicit(&ready, 1, memory_order_release);
		os_mutex_unlock(making.mutex);
	}
	crc = ~crc;
	for (; len >= 8; len -= 8, p += 8) {
		uint32_t a = crc ^ get32(p), b = get32(p + 4);
		crc = table[7][a & 0xFF] ^ table[6][(a >> 8) & 0xFF] ^ table[5][(a >> 16) & 0xFF] ^
		      table[4][a >> 24] ^ table[3][b & 0xFF] ^ table[2][(b >> 8) & 0xFF] ^
		      table[1][(b >> 16) & 0xFF] ^ table[0][b >> 24];
	}
	while (len--)
		crc = table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
	return ~crc;
}
