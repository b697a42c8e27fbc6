/* deadline.c - due dates from the policy, each with the rule that made it */
#include "pt_priv.h"
#include <limits.h>
#include <string.h>
#include <unistd.h>

/* One file of the policy's calendar list: beside the policy file, or shipped. */
static void calendar_path(const pt_db *db, const char *f, char path[PATH_MAX])
{
	if (*f == '/')
		snprintf(path, PATH_MAX, "%s", f);
	else if (*db->policy.dir)
		snprintf(path, PATH_MAX, "%s/%s", db->policy.dir, f);
	if (*f != '/' && (!*db->policy.dir || access(path, R_OK) < 0))
		snprintf(path, PATH_MAX, "%s/%s", pt_share_dir(), f);
}

/* The policy's calendars, in order, each later one replacing the years it lists. */
static int calendar(pt_db *db, pt_err *e)
{
	char list[sizeof db->policy.calendar], *save = NULL, *f, path[PATH_MAX];
	pt_calendar *c;
	int rc = PT_OK;

	if (db->calendar)
		return PT_OK;
	snprintf(list, sizeof list, "%s", db->policy.calendar);
	if (!(f = strtok_r(list, ", ", &save)))
		return pt_error(e, PT_EINPUT, "policy: calendar: no file named");
	calendar_path(db, f, path);
	if ((rc = pt_calendar_load(&c, path, e)))
		return rc;
	while (!rc && (f = strtok_r(NULL, ", ", &save))) {
		calendar_path(db, f, path);
		rc = pt_calendar_add(c, path, e);
	}
	if (rc)
		pt_calendar_free(c);
	else
		db->calendar = c;
	return rc;
}

static int unknown_year(pt_db *db, int32_t day, pt_err *e)
{
	int y, m, d;

	pt_civil_from_days(day, &y, &m, &d);
	return pt_error(e, PT_EINPUT, "policy: the calendar %s has no entries for %d:"
	                " add that year's holidays to count working days",
	                pt_calendar_name(db->calendar), y);
}

/* The day `days` working days after start. */
static int add_working_days(pt_db *db, int32_t start, int days, int32_t *due,
                            pt_err *e)
{
	int32_t d = start;

	while (days > 0) {
		d++;
		if (!pt_calendar_knows(db->calendar, d))
			return unknown_year(db, d, e);
		days -= pt_is_working_day(db->calendar, d);
	}
	*due = d;
	return PT_OK;
}

/* A due date that falls on a day off moves to the next working day. */
static int roll(pt_db *db, int32_t *due, pt_err *e)
{
	if (!pt_calendar_knows(db->calendar, *due))
		return unknown_year(db, *due, e);
	while (!pt_is_working_day(db->calendar, *due)) {
		++*due;
		if (!pt_calendar_knows(db->calendar, *due))
			return unknown_year(db, *due, e);
	}
	return PT_OK;
}

/* A due date the parser can read back: none after 2199 (dates.c). */
static int due_in_range(int32_t due, pt_err *e)
{
	if (due > pt_days_from_civil(2199, 12, 31))
		return pt_error(e, PT_EINPUT, "the due date would fall after 2199-12-31,"
		                " the last date the toolkit counts");
	return PT_OK;
}

/* Every clock's due date: `days` working days, or calendar days rolled or not. */
static int due_date(pt_db *db, int32_t start, int days, bool working, const char *from,
                    char start_s[11], char due_s[11], char *rule, size_t n,
                    pt_err *e)
{
	int32_t due = start + days;
	char plain[11];
	int rc;

	pt_date_format(start, start_s);
	if ((rc = due_in_range(due, e)))
		return rc;
	if (working || db->policy.roll_to_working_day)
		if ((rc = calendar(db, e)))
			return rc;
	if (working) {
		if ((rc = add_working_days(db, start, days, &due, e)) || (rc = due_in_range(due, e)))
			return rc;
		pt_date_format(due, due_s);
		snprintf(rule, n, "%s %s + %d working days (%s)", from, start_s, days,
		         pt_calendar_name(db->calendar));
		return PT_OK;
	}
	pt_date_format(due, plain);
	if (db->policy.roll_to_working_day &&
	    ((rc = roll(db, &due, e)) || (rc = due_in_range(due, e))))
		return rc;
	pt_date_format(due, due_s);
	if (strcmp(plain, due_s))
		snprintf(rule, n, "%s %s + %d calendar days = %s, a day off: next working"
		         " day (%s)", from, start_s, days, plain, pt_calendar_name(db->calendar));
	else
		snprintf(rule, n, "%s %s + %d calendar days", from, start_s, days);
	return PT_OK;
}

/*
 * The due date `days` after the local date start, counted as the policy
 * says; rule explains it: "received 2017-03-21 + 15 calendar days".
 */
int pt_due_date(pt_db *db, int32_t start, int days, const char *from,
                char start_s[11], char due_s[11], char *rule, size_t n,
                pt_err *e)
{
	return due_date(db, start, days, db->policy.working_days, from, start_s, due_s,
	                rule, n, e);
}

int pt_due_working(pt_db *db, int32_t start, int days, const char *from,
                   char start_s[11], char due_s[11], char *rule, size_t n,
                   pt_err *e)
{
	return due_date(db, start, days, true, from, start_s, due_s, rule, n, e);
}

bool pt_clock_first(const char *due, const char *clock, const char *best_due,
                    const char *best_clock)
{
	int c = best_due ? strcmp(due, best_due) : -1;

	return c < 0 || (c == 0 && strcmp(clock, best_clock) < 0);
}

int pt_working_days_after(pt_db *db, int32_t due, int32_t today, int *n, pt_err *e)
{
	int rc = calendar(db, e);

	*n = 0;
	for (int32_t d = due + 1; !rc && d <= today; d++)
		*n += pt_is_working_day(db->calendar, d);
	return rc;
}
