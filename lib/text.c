/* text.c - UTF-8, display width, masking and identifiers */
#include "pt_priv.h"
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistr.h>
#include <uniwidth.h>

/*
 * UTF-8 and display width come from libunistring, so that a new Unicode
 * version (a new CJK extension, new emoji) is a package upgrade.
 */

/* Decodes one code point at s[*i]; rejects overlong forms and surrogates
 * (then *cp is U+FFFD and *i stays). */
int pt_utf8_decode(const char *str, size_t len, size_t *i, uint32_t *cp)
{
	ucs4_t c;
	int n = u8_mbtoucr(&c, (const uint8_t *)str + *i, len - *i);

	if (n <= 0) {
		*cp = 0xFFFD;
		return -1;
	}
	*cp = c;
	*i += (size_t)n;
	return 0;
}

bool pt_utf8_valid(const char *s, size_t len)
{
	return u8_check((const uint8_t *)s, len) == NULL;
}

size_t pt_utf8_chars(const char *s, size_t len)
{
	return u8_mbsnlen((const uint8_t *)s, len);
}

/* Wide and fullwidth: 2; combining, format and control characters: 0. */
int pt_cp_width(uint32_t c)
{
	int w = uc_width(c, "UTF-8");

	return w < 0 ? 0 : w;
}

/* Terminal columns; a byte that is not UTF-8 takes one. */
int pt_text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;
	int w = 0;

	while (i < len) {
		if (pt_utf8_decode(s, len, &i, &cp)) {
			i++;
			w++;
			continue;
		}
		w += pt_cp_width(cp);
	}
	return w;
}

/* Prints s in exactly w columns: padded, or cut with "…"; newlines as spaces. */
void pt_put_cell(FILE *out, const char *s, int w)
{
	size_t len = strlen(s), i = 0, start;
	int used = 0, total = pt_text_width(s);
	uint32_t cp;

	while (i < len) {
		start = i;
		if (pt_utf8_decode(s, len, &i, &cp)) {
			i = start + 1;
			cp = 0xFFFD;
		}
		int cw = cp < 0x20 ? 1 : pt_cp_width(cp);
		if (total > w && used + cw > w - 1)
			break;
		if (used + cw > w)
			break;
		if (cp < 0x20)
			fputc(' ', out);
		else if (cp == 0xFFFD && i == start + 1)
			fputs("\xEF\xBF\xBD", out);
		else
			fwrite(s + start, 1, i - start, out);
		used += cw;
	}
	if (total > w && used < w) {
		fputs("\xE2\x80\xA6", out);   /* … */
		used++;
	}
	for (; used < w; used++)
		fputc(' ', out);
}

/* Keeps the first keep characters and the last tail, stars in between. */
static void mask_chars(const char *v, size_t keep, size_t tail, size_t stars,
                       char *out, size_t n)
{
	size_t len = strlen(v), nch = pt_utf8_chars(v, len), i = 0, o = 0, k;
	uint32_t cp;

	if (keep + tail >= nch) {
		keep = nch > 1 ? 1 : 0;
		tail = 0;
	}
	if (!stars)
		stars = nch - keep - tail;
	for (k = 0; k < nch && o + 5 < n; k++) {
		size_t start = i;
		if (pt_utf8_decode(v, len, &i, &cp))
			i = start + 1;
		if (k < keep || k >= nch - tail) {
			memcpy(out + o, v + start, i - start);
			o += i - start;
		} else if (k < keep + stars) {
			out[o++] = '*';
		}
	}
	out[o] = 0;
}

void pt_mask(int field, const char *v, char *out, size_t n)
{
	switch (field) {
	case PT_F_PETITIONER_NAME:    mask_chars(v, 1, 0, 0, out, n); break;
	case PT_F_PETITIONER_PHONE:   mask_chars(v, 3, 4, 0, out, n); break;
	case PT_F_PETITIONER_ID_NUMBER: mask_chars(v, 6, 4, 0, out, n); break;
	case PT_F_PETITIONER_ADDRESS: mask_chars(v, 6, 0, 4, out, n); break;
	default: snprintf(out, n, "%s", v);
	}
}

/* n ASCII digits at s, as a number (n <= 9: no overflow); -1 if not. */
static int64_t digits(const char *s, size_t n)
{
	int64_t v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool ascii_alpha(char ch) { return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'; }

bool pt_case_no_parse(const char *s, struct pt_case_no *out)
{
	size_t p = 0, n;
	int64_t year, seq;

	if (!ascii_alpha(s[0]))
		return false;
	while (ascii_alpha(s[p]) || (s[p] >= '0' && s[p] <= '9'))
		p++;
	if (p > PT_CASE_PREFIX_MAX || s[p] != '-' ||
	    (year = digits(s + p + 1, 4)) < 1900 || year > 2999 || s[p + 5] != '-')
		return false;
	n = strlen(s + p + 6);
	if (n < 1 || n > 9 || (seq = digits(s + p + 6, n)) < 1 || seq > PT_CASE_SEQ_MAX)
		return false;
	if (out) {
		memcpy(out->prefix, s, p);
		out->prefix[p] = 0;
		out->year = (int)year;
		out->seq = seq;
	}
	return true;
}

bool pt_is_uuid(const char *s)
{
	static const char hex[] = "0123456789abcdefABCDEF";

	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!s[i] || !strchr(hex, s[i])) {
			return false;
		}
	}
	return true;
}

static uint64_t next_random(pt_db *db)
{
	uint64_t x;

	if (!db->rng) {
		if (getrandom(&db->rng, sizeof db->rng, 0) != sizeof db->rng)
			db->rng = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)db;
		db->rng |= 1;
	}
	x = db->rng;               /* xorshift64* */
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	db->rng = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* A version 7 UUID: time-ordered, so that bulk inserts stay sequential. */
void pt_uuid_v7(pt_db *db, char out[37])
{
	static uint64_t last_ms, counter;
	struct timespec ts;
	uint64_t ms, r = next_random(db), r2 = next_random(db);
	unsigned char b[16];

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	if (ms <= last_ms) {
		ms = last_ms;
		counter++;
	} else {
		counter = r & 0x3FF;
	}
	if (counter > 0xFFF) {
		ms++;
		counter = 0;
	}
	last_ms = ms;
	for (int i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	b[6] = (unsigned char)(0x70 | (counter >> 8));
	b[7] = (unsigned char)counter;
	for (int i = 8; i < 16; i++)
		b[i] = (unsigned char)(r2 >> (8 * (i - 8)));
	b[8] = (b[8] & 0x3F) | 0x80;
	for (int i = 0, o = 0; i < 16; i++) {        /* 8-4-4-4-12 hex digits */
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = "0123456789abcdef"[b[i] >> 4];
		out[o++] = "0123456789abcdef"[b[i] & 15];
	}
	out[36] = 0;
}

/* --- the keys repeat petitions are matched on --------------------------- */

/* Digits of a phone without +86 / 0086, spaces, dashes or parentheses. */
void pt_phone_key(const char *v, char *out, size_t n)
{
	size_t o = 0;

	if (!strncmp(v, "+86", 3))
		v += 3;
	else if (!strncmp(v, "0086", 4))
		v += 4;
	for (; *v && o + 1 < n; v++)
		if (!strchr(" -()", *v))
			out[o++] = *v;
	out[o] = 0;
}

/* UTF-8 of cp into out (room for 4 bytes checked by the caller). */
static size_t utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * An accused name for comparison: full-width ASCII (ＡＢＣ, U+3000) folded
 * to ASCII, blanks trimmed and runs of them collapsed to one space.
 */
void pt_accused_key(const char *v, char *out, size_t n)
{
	size_t len = strlen(v), i = 0, o = 0;
	bool space = false;
	uint32_t cp;

	while (i < len && o + 5 < n) {
		if (pt_utf8_decode(v, len, &i, &cp)) {
			out[o++] = v[i++];               /* not UTF-8: kept as it is */
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000 || cp == '\t' || cp == '\n' || cp == '\r')
			cp = ' ';
		if (cp == ' ') {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		o += utf8_put(cp, out + o);
	}
	out[o] = 0;
}

/* --- the rule for free text, named once --- */

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	       c == 0xA0 || c == 0x3000;
}

/* C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
static bool is_control_cp(uint32_t c, bool lines)
{
	if (lines && (c == '\n' || c == '\t' || c == '\r'))
		return false;
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

bool pt_text_blank(const char *s, size_t n)
{
	uint32_t c;

	for (size_t i = 0; i < n;)
		if (pt_utf8_decode(s, n, &i, &c) || !is_space_cp(c))
			return false;
	return true;
}

const char *pt_text_fault(const char *s, size_t n, bool lines)
{
	uint32_t c;

	if (!pt_utf8_valid(s, n))
		return "is not valid UTF-8";
	if (pt_text_blank(s, n))
		return "is empty or blank";
	for (size_t i = 0; i < n;) {
		pt_utf8_decode(s, n, &i, &c);
		if (is_control_cp(c, lines))
			return "contains control characters";
	}
	return NULL;
}

/* A value may be shown when it is short, valid text with no control
 * character, and holds no run of 7 digits (a phone or ID number). */
bool pt_text_showable(const char *s)
{
	size_t n = strlen(s), digits = 0;
	uint32_t c;

	if (n > 80 || !pt_utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n;) {
		pt_utf8_decode(s, n, &i, &c);
		if (is_control_cp(c, false))
			return false;
		digits = c >= '0' && c <= '9' ? digits + 1 : 0;
		if (digits >= 7)
			return false;
	}
	return true;
}
