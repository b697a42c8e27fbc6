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
	assert_true(pt_calendar_knows(c, day("2017-01-01")));
	assert_true(pt_calendar_knows(c, day("2026-12-31")));
	assert_false(pt_calendar_knows(c, day("2018-06-01")));
	assert_false(pt_is_working_day(c, day("2017-10-02")));   /* National Day, Monday */
	assert_true(pt_is_working_day(c, day("2017-09-30")));    /* make-up Saturday */
	assert_false(pt_is_working_day(c, day("2017-09-24")));   /* a plain Sunday */
	assert_true(pt_is_working_day(c, day("2017-09-25")));    /* a plain Monday */
	assert_true(pt_is_working_day(c, day("2026-02-14")));    /* make-up Saturday */
	assert_false(pt_is_working_day(c, day("2026-02-23")));   /* Spring Festival Monday */
	pt_calendar_free(c);
}

static void bad_calendars(void **state)
{
	static const char *const bad[] = {
		"2017-02-30 holiday\n", "2017-10-01..2017-09-01 holiday\n",
		"2017-10-01 vacation\n", "2017-10-01\n", "2017-01-01..2017-12-31 holiday\n",
		"2017-10-01 holiday\n2017-10-01 workday\n", NULL,
	};
	char path[] = "/tmp/petition-cal-XXXXXX";
	pt_calendar *c;
	pt_err e = {0};

	(void)state;
	for (int i = 0; bad[i]; i++) {
		int fd = mkstemp(path);
		FILE *f = fdopen(fd, "w");
		fputs(bad[i], f);
		fclose(f);
		assert_int_equal(pt_calendar_load(&c, path, &e), PT_EINPUT);
		assert_null(c);
		remove(path);
		strcpy(path, "/tmp/petition-cal-XXXXXX");
	}
	assert_int_equal(pt_calendar_load(&c, "/nonexistent/cal", &e), PT_EINPUT);
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
	assert_int_equal(pt_due_date(&db, day("2017-12-20"), 15, "received", start, due,
	                             rule, sizeof rule, &e), PT_EINPUT);  /* 2018 unknown */
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
		cmocka_unit_test(due_dates),
	};
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
