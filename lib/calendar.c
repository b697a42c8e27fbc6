/* calendar.c - working days from holiday calendars with make-up days */
#include "pt_priv.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libical/ical.h>

struct day { int32_t day; int line; bool work; };

struct pt_calendar {
	struct day *days;                                /* sorted by day */
	size_t n;
	unsigned char years[300];                        /* 1900..2199 known */
	char name[128];                                  /* "holidays.conf, cn.ics" */
};

#define MAX_ICS (8 << 20)

static int by_day(const void *a, const void *b)
{
	const struct day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int by_day_line(const void *a, const void *b)
{
	const struct day *x = a, *y = b;
	return by_day(a, b) ? by_day(a, b) : (x->line > y->line) - (x->line < y->line);
}

static int year_of(int32_t day)
{
	int y, m, d;

	pt_civil_from_days(day, &y, &m, &d);
	return y;
}

static int add_day(pt_calendar *c, int32_t day, bool work, int line)
{
	struct day *d = realloc(c->days, (c->n + 1) * sizeof *d);

	if (!d)
		return -1;
	c->days = d;
	c->days[c->n++] = (struct day){day, line, work};
	c->years[year_of(day) - 1900] = 1;
	return 0;
}

static int add_range(pt_calendar *c, int32_t from, int32_t to, bool work, int line,
                     pt_err *e)
{
	for (int32_t d = from; d <= to; d++)
		if (add_day(c, d, work, line))
			return pt_error(e, PT_EDB, "out of memory");
	return PT_OK;
}

/* --- holidays.conf: "DATE[..DATE] holiday|workday [name]" --- */

static int conf_line(pt_calendar *c, char *line, const char *path, int lineno,
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
	return add_range(c, from, to, !strcmp(kind, "workday"), lineno, e);
}

static int conf_read(pt_calendar *c, FILE *f, const char *path, pt_err *e)
{
	char line[512];
	int lineno = 0, rc = PT_OK;

	while (!rc && fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f))
			rc = pt_error(e, PT_EINPUT, "%s: line %d: too long", path, lineno);
		else
			rc = conf_line(c, line, path, lineno, e);
	}
	return rc;
}

/* Every date once: the line of a date listed twice is named. */
static int conf_unique(pt_calendar *c, const char *path, pt_err *e)
{
	for (size_t i = 1; i < c->n; i++)
		if (c->days[i].day == c->days[i - 1].day) {
			char d[11];
			pt_date_format(c->days[i].day, d);
			return pt_error(e, PT_EINPUT, "%s: line %d: %s is already listed on"
			                " line %d", path, c->days[i].line, d,
			                c->days[i - 1].line);
		}
	return PT_OK;
}

/* --- iCalendar (.ics): one all-day VEVENT a holiday or a make-up day --- */

/* The line of the n-th (from 1) "BEGIN:VEVENT" of the text. */
static int event_line(const char *text, int n)
{
	int line = 1;

	for (const char *p = text; *p; p++) {
		if ((p == text || p[-1] == '\n') && !strncasecmp(p, "BEGIN:VEVENT", 12) &&
		    --n == 0)
			return line;
		line += *p == '\n';
	}
	return 0;
}

static int ics_error(const char *path, const char *text, int n, pt_err *e,
                     const char *what)
{
	return pt_error(e, PT_EINPUT, "%s: line %d: event %d: %s", path,
	                event_line(text, n), n, what);
}

/*
 * A make-up working day says so in its SUMMARY, as the public feeds do:
 * "春节(班)", "春节补班", "国庆节上班", "Spring Festival (Workday)"; or
 * carries Apple's X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY. Any other event
 * is a day off.
 */
static bool ics_workday(icalcomponent *ev)
{
	const char *s = icalcomponent_get_summary(ev);
	icalproperty *p;

	if (s && (strstr(s, "班") || strcasestr(s, "workday")))
		return true;
	for (p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
		const char *name = icalproperty_get_x_name(p), *v = icalproperty_get_x(p);
		if (name && v && !strcasecmp(name, "X-APPLE-SPECIAL-DAY") &&
		    !strcasecmp(v, "ALTERNATE-WORKDAY"))
			return true;
	}
	return false;
}

static int ics_day(struct icaltimetype t, int32_t *day)
{
	char s[16];

	snprintf(s, sizeof s, "%04d-%02d-%02d", t.year, t.month, t.day);
	return t.year < 0 || t.year > 9999 || t.month < 0 || t.month > 99 || t.day < 0 ||
	       t.day > 99 ? -1 : pt_date_parse(s, day);
}

/*
 * Errors libical noted in comp, less unknown property names: the public
 * feeds carry some (TIMEZONE-ID) and nothing here reads them.
 */
static int ics_errors(icalcomponent *comp)
{
	icalproperty *p;
	int n = 0;

	for (p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY)) {
		icalparameter *t = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
		n += !t || icalparameter_get_xlicerrortype(t) !=
		           ICAL_XLICERRORTYPE_PROPERTYPARSEERROR;
	}
	return n;
}

static int ics_event(pt_calendar *c, icalcomponent *ev, const char *path,
                     const char *text, int n, pt_err *e)
{
	icalproperty *start = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	icalproperty *end = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
	struct icaltimetype t0, t1;
	int32_t from, to;

	if (ics_errors(ev))
		return ics_error(path, text, n, e, "a value libical cannot parse");
	if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
		return PT_OK;
	if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) ||
	    icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY))
		return ics_error(path, text, n, e, "a repeating event: list each day off");
	if (!start)
		return ics_error(path, text, n, e, "no DTSTART");
	t0 = icalproperty_get_dtstart(start);
	if (!t0.is_date || ics_day(t0, &from))
		return ics_error(path, text, n, e, "expected DTSTART;VALUE=DATE:YYYYMMDD");
	to = from;                                 /* no DTEND: the one day */
	if (end) {
		t1 = icalproperty_get_dtend(end);
		if (!t1.is_date || ics_day(t1, &to) || --to < from || to - from > 31)
			return ics_error(path, text, n, e, "expected DTEND;VALUE=DATE after"
			                 " DTSTART, at most a month later");
	} else if (icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY))
		return ics_error(path, text, n, e, "give DTEND, not DURATION");
	return add_range(c, from, to, ics_workday(ev), n, e);
}

static int ics_parse(pt_calendar *c, const char *text, const char *path, pt_err *e)
{
	icalcomponent *root, *ev;
	int n = 0, rc = PT_OK;

	icalerror_set_errors_are_fatal(0);
	if (!(root = icalparser_parse_string(text)) ||
	    icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
		rc = pt_error(e, PT_EINPUT, "%s: expected one BEGIN:VCALENDAR ..."
		              " END:VCALENDAR", path);
		goto done;
	}
	if (ics_errors(root)) {
		rc = pt_error(e, PT_EINPUT, "%s: malformed calendar properties", path);
		goto done;
	}
	for (ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	     ev && !rc; ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT))
		rc = ics_event(c, ev, path, text, ++n, e);
	if (!rc && !n)
		rc = pt_error(e, PT_EINPUT, "%s: no VEVENT", path);
done:
	if (root)
		icalcomponent_free(root);
	icalmemory_free_ring();
	return rc;
}

static int ics_read(pt_calendar *c, FILE *f, const char *path, pt_err *e)
{
	char *text = malloc(MAX_ICS + 1);
	size_t n;
	int rc;

	if (!text)
		return pt_error(e, PT_EDB, "out of memory");
	n = fread(text, 1, MAX_ICS + 1, f);
	if (ferror(f))
		rc = pt_error(e, PT_EINPUT, "%s: %s", path, strerror(errno));
	else if (n > MAX_ICS)
		rc = pt_error(e, PT_EINPUT, "%s: larger than %d MiB", path, MAX_ICS >> 20);
	else if (memchr(text, 0, n))
		rc = pt_error(e, PT_EINPUT, "%s: not a text file", path);
	else {
		text[n] = 0;
		rc = ics_parse(c, text, path, e);
	}
	free(text);
	return rc;
}

/* Two events may share a day off; not a day off and a working day. */
static int ics_unique(pt_calendar *c, const char *path, pt_err *e)
{
	size_t i, j;

	for (i = j = 0; i < c->n; i++) {
		if (j && c->days[i].day == c->days[j - 1].day) {
			if (c->days[i].work != c->days[j - 1].work) {
				char d[11];
				pt_date_format(c->days[i].day, d);
				return pt_error(e, PT_EINPUT, "%s: events %d and %d: %s is both"
				                " a day off and a working day", path,
				                c->days[j - 1].line, c->days[i].line, d);
			}
			continue;
		}
		c->days[j++] = c->days[i];
	}
	c->n = j;
	return PT_OK;
}

/* --- a list of calendars --- */

static bool is_ics(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && !strcasecmp(path + n - 4, ".ics");
}

static int read_one(pt_calendar *c, const char *path, pt_err *e)
{
	FILE *f = pt_fopen_regular(path);
	int rc;

	if (!f)
		return pt_error(e, PT_EINPUT, "%s: %s", path, pt_fopen_strerror(errno));
	rc = is_ics(path) ? ics_read(c, f, path, e) : conf_read(c, f, path, e);
	fclose(f);
	if (rc)
		return rc;
	if (c->n)
		qsort(c->days, c->n, sizeof *c->days, by_day_line);
	return is_ics(path) ? ics_unique(c, path, e) : conf_unique(c, path, e);
}

/* The years `add` lists replace those of `c`; then its days join. */
static int merge(pt_calendar *c, const pt_calendar *add)
{
	size_t j = 0;
	struct day *d;

	for (size_t i = 0; i < c->n; i++)
		if (!add->years[year_of(c->days[i].day) - 1900])
			c->days[j++] = c->days[i];
	if (!(d = realloc(c->days, (j + add->n + 1) * sizeof *d)))
		return -1;
	if (add->n)                     /* an empty file adds no days (and has none) */
		memcpy(d + j, add->days, add->n * sizeof *d);
	c->days = d;
	c->n = j + add->n;
	qsort(c->days, c->n, sizeof *c->days, by_day);
	for (size_t y = 0; y < sizeof c->years; y++)
		c->years[y] |= add->years[y];
	return 0;
}

int pt_calendar_add(pt_calendar *c, const char *path, pt_err *e)
{
	pt_calendar add = {0};
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t len = strlen(c->name);
	int rc = read_one(&add, path, e);

	if (!rc && merge(c, &add))
		rc = pt_error(e, PT_EDB, "out of memory");
	if (!rc)
		snprintf(c->name + len, sizeof c->name - len, "%s%s", len ? ", " : "", base);
	free(add.days);
	return rc;
}

int pt_calendar_load(pt_calendar **out, const char *path, pt_err *e)
{
	pt_calendar *c = calloc(1, sizeof *c);
	int rc;

	*out = NULL;
	if (!c)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = pt_calendar_add(c, path, e)))
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
	int y = year_of(day);

	return y >= 1900 && y < 2200 && c->years[y - 1900];
}

bool pt_is_working_day(const pt_calendar *c, int32_t day)
{
	struct day key = {day, 0, 0}, *hit = c->n ? bsearch(&key, c->days, c->n, sizeof key, by_day) : NULL;
	int weekday = (int)((day % 7 + 7 + 3) % 7);      /* 0 = Monday; 1970-01-01 was a Thursday */

	if (hit)
		return hit->work;
	return weekday < 5;
}
