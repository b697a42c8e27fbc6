/* calendar.c - working days from a holiday calendar with make-up days */
#include "pt_priv.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct pt_calendar {
	struct day { int32_t day; char work; } *days;   /* sorted by day */
	size_t n;
	unsigned char years[300];                        /* 1900..2199 known */
	char name[64];
};

static int by_day(const void *a, const void *b)
{
	const struct day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int add_day(pt_calendar *c, int32_t day, bool work)
{
	struct day *d = realloc(c->days, (c->n + 1) * sizeof *d);
	int y, m, dd;

	if (!d)
		return -1;
	c->days = d;
	c->days[c->n].day = day;
	c->days[c->n++].work = work;
	pt_civil_from_days(day, &y, &m, &dd);
	c->years[y - 1900] = 1;
	return 0;
}

/* "DATE[..DATE] holiday|workday [name]" */
static int calendar_line(pt_calendar *c, char *line, const char *path, int lineno,
                         pt_err *e)
{
	char *save = NULL, *range = strtok_r(line, " \t\r\n", &save);
	char *kind = range ? strtok_r(NULL, " \t\r\n", &save) : NULL;
	char *dots = range ? strstr(range, "..") : NULL;
	int32_t from, to;

	if (!range || *range == '#')
		return PT_OK;
	if (dots)
		*dots = 0;
	if (pt_date_parse(range, &from) || pt_date_parse(dots ? dots + 2 : range, &to) ||
	    to < from || to - from > 31)
		return pt_error(e, PT_EINPUT, "%s: line %d: expected DATE or DATE..DATE"
		                " (at most a month)", path, lineno);
	if (!kind || (strcmp(kind, "holiday") && strcmp(kind, "workday")))
		return pt_error(e, PT_EINPUT, "%s: line %d: expected holiday or workday",
		                path, lineno);
	for (int32_t d = from; d <= to; d++)
		if (add_day(c, d, !strcmp(kind, "workday")))
			return pt_error(e, PT_EDB, "out of memory");
	return PT_OK;
}

int pt_calendar_load(pt_calendar **out, const char *path, pt_err *e)
{
	pt_calendar *c = calloc(1, sizeof *c);
	FILE *f = pt_fopen_regular(path);
	char line[512];
	int lineno = 0, rc = PT_OK;
	const char *slash = strrchr(path, '/');

	*out = NULL;
	if (!c || !f) {
		rc = c ? pt_error(e, PT_EINPUT, "%s: %s", path, pt_fopen_strerror(errno)) :
			pt_error(e, PT_EDB, "out of memory");
		goto done;
	}
	snprintf(c->name, sizeof c->name, "%s", slash ? slash + 1 : path);
	while (!rc && fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f))
			rc = pt_error(e, PT_EINPUT, "%s: line %d: too long", path, lineno);
		else
			rc = calendar_line(c, line, path, lineno, e);
	}
	if (c->n)
		qsort(c->days, c->n, sizeof *c->days, by_day);
	for (size_t i = 1; !rc && i < c->n; i++)
		if (c->days[i].day == c->days[i - 1].day) {
			char d[11];
			pt_date_format(c->days[i].day, d);
			rc = pt_error(e, PT_EINPUT, "%s: %s is listed twice", path, d);
		}
done:
	if (f)
		fclose(f);
	if (rc)
		pt_calendar_free(c);
	else
		*out = c;
	return rc;
}

void pt_calendar_free(pt_calendar *c)
{
	if (!c)
		return;
	free(c->days);
	free(c);
}

const char *pt_calendar_name(const pt_calendar *c) { return c->name; }

bool pt_calendar_knows(const pt_calendar *c, int32_t day)
{
	int y, m, d;

	pt_civil_from_days(day, &y, &m, &d);
	return y >= 1900 && y < 2200 && c->years[y - 1900];
}

bool pt_is_working_day(const pt_calendar *c, int32_t day)
{
	struct day key = {day, 0}, *hit = c->n ? bsearch(&key, c->days, c->n, sizeof key, by_day) : NULL;
	int weekday = (int)((day % 7 + 7 + 3) % 7);      /* 0 = Monday; 1970-01-01 was a Thursday */

	if (hit)
		return hit->work;
	return weekday < 5;
}
