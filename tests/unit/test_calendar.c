/* Working days, holidays, make-up days and the policy's deadline rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pt_priv.h"

static int32_t day(const char *s)
{
	int32_t d;
	assert_int_equal(pt_date_parse(s, &d), 0);
	return d;
}

static const char *share(void)
{
	const char *s = getenv("PETITION_SHARE");
	return s ? s : "share/petition";
}

static void shipped_calendar(void **state)
{
	char path[256];
	pt_calendar *c;
	pt_err e = {0};

	(void)state;
	snprintf(path, sizeof path, "%s/holidays.conf", share());
	assert_int_equal(pt_calendar_load(&c, path, &e), 0);
	assert_true(pt_calendar_knows(c, day("2004-01-01")));
	assert_true(pt_calendar_knows(c, day("2017-01-01")));
	assert_true(pt_calendar_knows(c, day("2026-12-31")));
	for (int y = 2004; y <= 2026; y++)                   /* every year listed */
		assert_true(pt_calendar_knows(c, pt_days_from_civil(y, 7, 1)));
	assert_false(pt_calendar_knows(c, day("2003-12-31")));
	assert_false(pt_calendar_knows(c, day("2027-01-01")));
	assert_true(pt_is_working_day(c, day("2004-01-17")));    /* make-up Saturday */
	assert_false(pt_is_working_day(c, day("2004-10-07")));   /* National Day, Thursday */
	assert_false(pt_is_working_day(c, day("2008-06-09")));   /* 端午, Monday */
	assert_false(pt_is_working_day(c, day("2015-09-03")));   /* victory day, Thursday */
	assert_true(pt_is_working_day(c, day("2015-09-06")));    /* its make-up Sunday */
	assert_false(pt_is_working_day(c, day("2017-10-02")));   /* National Day, Monday */
	assert_true(pt_is_working_day(c, day("2017-09-30")));    /* make-up Saturday */
	assert_false(pt_is_working_day(c, day("2017-09-24")));   /* a plain Sunday */
	assert_true(pt_is_working_day(c, day("2017-09-25")));    /* a plain Monday */
	assert_false(pt_is_working_day(c, day("2020-01-31")));   /* Spring Festival extended */
	assert_false(pt_is_working_day(c, day("2020-02-02")));
	assert_true(pt_is_working_day(c, day("2020-02-03")));
	assert_true(pt_is_working_day(c, day("2024-02-04")));    /* make-up Sunday */
	assert_false(pt_is_working_day(c, day("2025-01-28")));   /* 除夕, a holiday since 2025 */
	assert_true(pt_is_working_day(c, day("2026-02-14")));    /* make-up Saturday */
	assert_false(pt_is_working_day(c, day("2026-02-23")));   /* Spring Festival Monday */
	assert_true(pt_is_working_day(c, day("2026-02-28")));    /* make-up Saturday */
	pt_calendar_free(c);
}

/* Writes text to a new file named ...suffix; path gets its name. */
static void write_file(char path[64], const char *suffix, const char *text)
{
	int fd;
	FILE *f;

	snprintf(path, 64, "/tmp/petition-cal-XXXXXX%s", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
}

/* Loads text as a calendar file; returns its PT_* code, message in e. */
static int load_text(const char *suffix, const char *text, pt_calendar **c, pt_err *e)
{
	char path[64];
	int rc;

	write_file(path, suffix, text);
	rc = pt_calendar_load(c, path, e);
	remove(path);
	return rc;
}

static void bad_calendars(void **state)
{
	static const char *const bad[] = {
		"2017-02-30 holiday\n", "2017-10-01..2017-09-01 holiday\n",
		"2017-10-01 vacation\n", "2017-10-01\n", "2017-01-01..2017-12-31 holiday\n",
		"2017-10-01 holiday\n2017-10-01 workday\n", NULL,
	};
	pt_calendar *c;
	pt_err e = {0};

	(void)state;
	for (int i = 0; bad[i]; i++) {
		assert_int_equal(load_text(".conf", bad[i], &c, &e), PT_EINPUT);
		assert_null(c);
	}
	assert_int_equal(pt_calendar_load(&c, "/nonexistent/cal", &e), PT_EINPUT);
	assert_int_equal(load_text(".conf", "# x\n2017-10-01..2017-10-03 holiday\n\n"
	                           "2017-10-02 holiday\n", &c, &e), PT_EINPUT);
	assert_non_null(strstr(e.msg, ".conf: line 4: 2017-10-02 is already listed on line 2"));
}

#define ICS_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//CN\r\n"
#define ICS_EVENT(uid, start, end, summary) \
	"BEGIN:VEVENT\r\nUID:" uid "\r\nDTSTAMP:20260101T000000Z\r\n" \
	"DTSTART;VALUE=DATE:" start "\r\n" end "SUMMARY:" summary "\r\nEND:VEVENT\r\n"
#define ICS_TAIL "END:VCALENDAR\r\n"

/* The feeds' conventions: DTEND is exclusive; 班 or Workday marks a make-up day. */
static void ics_calendar(void **state)
{
	pt_calendar *c;
	pt_err e = {0};

	(void)state;
	assert_int_equal(load_text(".ics", ICS_HEAD
		ICS_EVENT("1", "20270101", "DTEND;VALUE=DATE:20270102\r\n", "元旦(休)")
		ICS_EVENT("2", "20270205", "DTEND;VALUE=DATE:20270212\r\n", "春节(休)")
		ICS_EVENT("3", "20270207", "", "春节")          /* overlaps: still off */
		ICS_EVENT("4", "20270213", "", "春节(班)")
		ICS_EVENT("5", "20270214", "", "春节补班")
		ICS_EVENT("6", "20270403", "", "Tomb-sweeping Day (Workday)")
		"BEGIN:VEVENT\r\nUID:7\r\nDTSTAMP:20260101T000000Z\r\n"
		"DTSTART;VALUE=DATE:20270501\r\nDTEND;VALUE=DATE:20270506\r\n"
		"SUMMARY:劳动节\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:8\r\nDTSTAMP:20260101T000000Z\r\n"
		"DTSTART;VALUE=DATE:20270508\r\nX-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY\r\n"
		"END:VEVENT\r\n" ICS_TAIL, &c, &e), 0);
	assert_true(pt_calendar_knows(c, day("2027-06-01")));
	assert_false(pt_calendar_knows(c, day("2026-06-01")));
	assert_false(pt_is_working_day(c, day("2027-01-01")));   /* Friday off */
	assert_false(pt_is_working_day(c, day("2027-02-05")));
	assert_false(pt_is_working_day(c, day("2027-02-11")));   /* the last day off */
	assert_true(pt_is_working_day(c, day("2027-02-12")));    /* DTEND: working */
	assert_true(pt_is_working_day(c, day("2027-02-13")));    /* Saturday (班) */
	assert_true(pt_is_working_day(c, day("2027-02-14")));    /* Sunday 补班 */
	assert_true(pt_is_working_day(c, day("2027-04-03")));    /* Saturday Workday */
	assert_true(pt_is_working_day(c, day("2027-05-03")));    /* cancelled: working */
	assert_true(pt_is_working_day(c, day("2027-05-08")));    /* Apple's mark */
	assert_false(pt_is_working_day(c, day("2027-05-09")));   /* a plain Sunday */
	assert_string_equal(pt_calendar_name(c) + strlen(pt_calendar_name(c)) - 4, ".ics");
	pt_calendar_free(c);
}

static void bad_ics(void **state)
{
	static const struct { const char *text, *msg; } bad[] = {
		{"not a calendar\n", "expected one BEGIN:VCALENDAR"},
		{"", "expected one BEGIN:VCALENDAR"},
		{ICS_HEAD ICS_TAIL, "no VEVENT"},
		{ICS_HEAD ICS_EVENT("1", "20270101", "", "a")
		 "BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20270102T090000\r\nEND:VEVENT\r\n" ICS_TAIL,
		 "line 10: event 2: expected DTSTART;VALUE=DATE"},
		{ICS_HEAD "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\nEND:VEVENT\r\n" ICS_TAIL,
		 "event 1: no DTSTART"},
		{ICS_HEAD ICS_EVENT("1", "20270230", "", "x") ICS_TAIL, "event 1: expected DTSTART"},
		{ICS_HEAD ICS_EVENT("1", "20270105", "DTEND;VALUE=DATE:20270105\r\n", "x") ICS_TAIL,
		 "event 1: expected DTEND"},
		{ICS_HEAD ICS_EVENT("1", "20270101", "DTEND;VALUE=DATE:20270401\r\n", "x") ICS_TAIL,
		 "event 1: expected DTEND"},
		{ICS_HEAD ICS_EVENT("1", "20270101", "RRULE:FREQ=YEARLY\r\n", "x") ICS_TAIL,
		 "event 1: a repeating event"},
		{ICS_HEAD ICS_EVENT("1", "20270101", "DTEND;VALUE=DATE:20270104\r\n", "元旦")
		 ICS_EVENT("2", "20270102", "", "补班") ICS_TAIL,
		 "events 1 and 2: 2027-01-02 is both a day off and a working day"},
		{ICS_HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2027\r\nEND:VEVENT\r\n" ICS_TAIL,
		 "event 1: "},
	};
	pt_calendar *c;
	pt_err e = {0};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(load_text(".ics", bad[i].text, &c, &e), PT_EINPUT);
		assert_null(c);
		if (!strstr(e.msg, bad[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, bad[i].msg);
	}
}

/* A later calendar of the policy's list replaces the years it lists. */
static void calendar_list(void **state)
{
	char conf[64], ics[64];
	pt_calendar *c;
	pt_err e = {0};

	(void)state;
	write_file(conf, ".conf", "2026-10-01..2026-10-07 holiday\n2026-12-31 holiday\n");
	write_file(ics, ".ics", ICS_HEAD ICS_EVENT("1", "20261225", "", "test")
	                        ICS_EVENT("2", "20270101", "", "元旦") ICS_TAIL);
	assert_int_equal(pt_calendar_load(&c, conf, &e), 0);
	assert_int_equal(pt_calendar_add(c, ics, &e), 0);
	assert_true(pt_calendar_knows(c, day("2027-01-01")));
	assert_false(pt_is_working_day(c, day("2026-12-25")));   /* from the feed */
	assert_true(pt_is_working_day(c, day("2026-10-01")));    /* 2026 replaced */
	assert_true(pt_is_working_day(c, day("2026-12-31")));
	assert_false(pt_is_working_day(c, day("2027-01-01")));
	assert_non_null(strstr(pt_calendar_name(c), ".conf, petition-cal-"));
	pt_calendar_free(c);
	remove(conf);
	remove(ics);
}

/* timezone: a zone the tz database has, else the file and line are named */
static void policy_zones(void **state)
{
	static const char *const bad[] = {
		"Asia/Shanghaii", "../../etc/passwd", "/etc/localtime", "Asia/../Asia/Shanghai",
		"Asia//Shanghai", "Asia/", "-Asia", "UTC 8", "CST-8", "zone.tab", NULL,
	};
	char path[64], text[128];
	pt_policy p;
	pt_err e = {0};

	(void)state;
	for (int i = 0; bad[i]; i++) {
		snprintf(text, sizeof text, "# zone\ntimezone = %s\n", bad[i]);
		write_file(path, ".conf", text);
		pt_policy_defaults(&p);
		assert_int_equal(pt_policy_load(&p, path, &e), PT_EINPUT);
		if (!strstr(e.msg, ": line 2: timezone: bad value"))
			fail_msg("%s: %s", bad[i], e.msg);
		remove(path);
	}
	write_file(path, ".conf", "timezone =\n");
	assert_int_equal(pt_policy_load(&p, path, &e), PT_EINPUT);
	assert_non_null(strstr(e.msg, ": line 1: timezone: bad value"));
	remove(path);
	write_file(path, ".conf", "timezone = Asia/Urumqi\ncalendar = a.conf, b.ics\n");
	assert_int_equal(pt_policy_load(&p, path, &e), 0);
	assert_string_equal(p.timezone, "Asia/Urumqi");
	remove(path);
	write_file(path, ".conf", "calendar = a.conf, , b.ics\n");
	assert_int_equal(pt_policy_load(&p, path, &e), PT_EINPUT);
	assert_non_null(strstr(e.msg, ": line 1: calendar: bad value"));
	remove(path);
}

static void due_dates(void **state)
{
	pt_db db = {0};
	char start[11], due[11], rule[160];
	pt_err e = {0};

	(void)state;
	pt_policy_defaults(&db.policy);
	assert_int_equal(pt_due_date(&db, day("2017-03-21"), 15, "received", start, due,
	                             rule, sizeof rule, &e), 0);
	assert_string_equal(due, "2017-04-05");
	assert_string_equal(rule, "received 2017-03-21 + 15 calendar days");
	assert_int_equal(pt_due_date(&db, day("2016-02-15"), 15, "received", start, due,
	                             rule, sizeof rule, &e), 0);
	assert_string_equal(due, "2016-03-01");                    /* leap year */
	db.policy.working_days = true;
	assert_int_equal(pt_due_date(&db, day("2017-09-25"), 15, "received", start, due,
	                             rule, sizeof rule, &e), 0);
	assert_string_equal(due, "2017-10-20");
	assert_string_equal(rule, "received 2017-09-25 + 15 working days (holidays.conf)");
	assert_int_equal(pt_due_date(&db, day("2026-12-20"), 15, "received", start, due,
	                             rule, sizeof rule, &e), PT_EINPUT);  /* 2027 unknown */
	assert_non_null(strstr(e.msg, "holidays.conf has no entries for 2027"));
	db.policy.working_days = false;
	assert_int_equal(pt_due_working(&db, day("2026-12-28"), 5, "received", start, due,
	                                rule, sizeof rule, &e), PT_EINPUT);  /* the same path */
	assert_non_null(strstr(e.msg, "holidays.conf has no entries for 2027"));
	assert_int_equal(pt_due_working(&db, day("2026-12-21"), 5, "received", start, due,
	                                rule, sizeof rule, &e), 0);
	assert_string_equal(due, "2026-12-28");
	db.policy.working_days = false;
	db.policy.roll_to_working_day = true;
	assert_int_equal(pt_due_date(&db, day("2017-09-16"), 15, "received", start, due,
	                             rule, sizeof rule, &e), 0);
	assert_string_equal(due, "2017-10-09");
	assert_int_equal(pt_due_date(&db, day("2017-03-21"), 15, "received", start, due,
	                             rule, sizeof rule, &e), 0);
	assert_string_equal(due, "2017-04-05");                    /* a Wednesday */
	pt_calendar_free(db.calendar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_calendar),
		cmocka_unit_test(bad_calendars),
		cmocka_unit_test(ics_calendar),
		cmocka_unit_test(bad_ics),
		cmocka_unit_test(calendar_list),
		cmocka_unit_test(policy_zones),
		cmocka_unit_test(due_dates),
	};
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
