/* dates.c - civil dates, ISO 8601 times and the local zone */
#include "pt_priv.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's method). */
int pt_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void pt_civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : n[m - 1];
}

/* Reads exactly n digits. */
static int digits(const char **s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		*v = *v * 10 + (*s)[i] - '0';
	}
	*s += n;
	return 0;
}

static int lit(const char **s, char c)
{
	if (**s != c)
		return -1;
	(*s)++;
	return 0;
}

/* YYYY-MM-DD at *s; years 1900-2199 */
static int parse_ymd(const char **s, int32_t *day)
{
	int y, m, d;

	if (digits(s, 4, &y) || lit(s, '-') || digits(s, 2, &m) || lit(s, '-') ||
	    digits(s, 2, &d))
		return -1;
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	*day = pt_days_from_civil(y, m, d);
	return 0;
}

int pt_date_parse(const char *s, int32_t *day)
{
	if (parse_ymd(&s, day) || *s)
		return -1;
	return 0;
}

void pt_date_format(int32_t day, char out[11])
{
	int y, m, d;

	pt_civil_from_days(day, &y, &m, &d);
	memcpy(out, "0000-00-00", 11);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
}

static char zone[64] = "Asia/Shanghai";

void pt_set_timezone(const char *z)
{
	snprintf(zone, sizeof zone, "%s", z && *z ? z : "Asia/Shanghai");
	setenv("TZ", zone, 1);
	tzset();
}

static int64_t local_to_utc(int32_t day, int hh, int mm, int ss)
{
	struct tm tm = {0};
	int y, m, d;

	pt_civil_from_days(day, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t pt_local_midnight(int32_t day)
{
	return local_to_utc(day, 0, 0, 0);
}

/* Z, +HH:MM, +HHMM or +HH: offset east of UTC in seconds */
static int parse_offset(const char **s, int *off)
{
	int sign, h, m = 0;

	if (**s == 'Z' || **s == 'z') {
		(*s)++;
		*off = 0;
		return 0;
	}
	if (**s != '+' && **s != '-')
		return -1;
	sign = **s == '-' ? -1 : 1;
	(*s)++;
	if (digits(s, 2, &h))
		return -1;
	if (**s == ':')
		(*s)++;
	if (**s && digits(s, 2, &m))
		return -1;
	if (h > 14 || m > 59)
		return -1;
	*off = sign * (h * 3600 + m * 60);
	return 0;
}

int pt_time_parse(const char *s, int64_t *t)
{
	int32_t day;
	int hh = 0, mm = 0, ss = 0, off;

	if (parse_ymd(&s, &day))
		return -1;
	if (!*s) {
		*t = local_to_utc(day, 0, 0, 0);
		return 0;
	}
	if ((*s != 'T' && *s != ' ') || (s++, digits(&s, 2, &hh)) ||
	    lit(&s, ':') || digits(&s, 2, &mm))
		return -1;
	if (*s == ':' && (s++, digits(&s, 2, &ss)))
		return -1;
	if (*s == '.') {                      /* fractions of a second: dropped */
		s++;
		if (!isdigit((unsigned char)*s))
			return -1;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if (hh > 23 || mm > 59 || ss > 59)
		return -1;
	if (!*s) {
		*t = local_to_utc(day, hh, mm, ss);
		return 0;
	}
	if (parse_offset(&s, &off) || *s)
		return -1;
	*t = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss - off;
	return 0;
}

/* Writes n digits of v at p. */
static void put_digits(char *p, int v, int n)
{
	while (n--) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void pt_time_format_utc(int64_t t, char out[21])
{
	int32_t day = (int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	int sec = (int)(t - (int64_t)day * 86400), y, m, d;

	pt_civil_from_days(day, &y, &m, &d);
	memcpy(out, "0000-00-00T00:00:00Z", 21);
	put_digits(out, y % 10000, 4);
	put_digits(out + 5, m, 2);
	put_digits(out + 8, d, 2);
	put_digits(out + 11, sec / 3600, 2);
	put_digits(out + 14, sec / 60 % 60, 2);
	put_digits(out + 17, sec % 60, 2);
}

void pt_time_format_local(int64_t t, char out[26])
{
	struct tm tm;
	time_t tt = (time_t)t;
	long off;
	char tmp[96];

	localtime_r(&tt, &tm);
	off = tm.tm_gmtoff;
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	         (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday,
	         tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
	         labs(off) / 3600, labs(off) / 60 % 60);
	memcpy(out, tmp, 25);
	out[25] = 0;
}

int32_t pt_local_day(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	localtime_r(&tt, &tm);
	return pt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

const char *pt_date_add(const char *date, long days, char out[11])
{
	int32_t d;

	if (pt_date_parse(date, &d))
		return "";
	pt_date_format(d + (int32_t)days, out);
	return out;
}

long pt_zone_offset(int32_t day)
{
	time_t t = (time_t)pt_local_midnight(day);
	struct tm tm;

	localtime_r(&t, &tm);
	return (long)tm.tm_gmtoff;
}
