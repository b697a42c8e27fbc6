/* Dates, times and the local zone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "petition.h"

static void date_roundtrip(void **state)
{
	int32_t d;
	char s[11];

	(void)state;
	assert_int_equal(pt_date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(pt_date_parse("2017-03-21", &d), 0);
	pt_date_format(d + 15, s);
	assert_string_equal(s, "2017-04-05");
	assert_int_equal(pt_date_parse("2016-02-20", &d), 0);
	pt_date_format(d + 15, s);
	assert_string_equal(s, "2016-03-06");       /* leap year */
	assert_int_equal(pt_date_parse("2017-12-20", &d), 0);
	pt_date_format(d + 15, s);
	assert_string_equal(s, "2018-01-04");       /* year end */
	assert_int_equal(pt_date_parse("2000-02-29", &d), 0);
}

static void date_refusals(void **state)
{
	static const char *const bad[] = {
		"2017-02-30", "2017-02-29", "1900-02-29", "2017-13-01", "2017-00-10",
		"2017-04-31", "2017-4-1", "17-04-01", "2017-04-01x", "", "abcd-ef-gh",
		"2017/04/01", " 2017-04-01", "1899-12-31", "2200-01-01", NULL,
	};
	int32_t d;

	(void)state;
	for (int i = 0; bad[i]; i++)
		assert_int_not_equal(pt_date_parse(bad[i], &d), 0);
}

static void times_and_zone(void **state)
{
	int64_t t;
	char s[26];

	(void)state;
	pt_set_timezone("Asia/Shanghai");
	assert_int_equal(pt_time_parse("2017-03-21T09:30:00+08:00", &t), 0);
	pt_time_format_utc(t, s);
	assert_string_equal(s, "2017-03-21T01:30:00Z");
	pt_time_format_local(t, s);
	assert_string_equal(s, "2017-03-21T09:30:00+08:00");
	assert_int_equal(pt_time_parse("2017-03-21", &t), 0);   /* local midnight */
	pt_time_format_utc(t, s);
	assert_string_equal(s, "2017-03-20T16:00:00Z");
	assert_int_equal(pt_time_parse("2017-03-20T16:00:00Z", &t), 0);
	pt_time_format_local(t, s);
	assert_string_equal(s, "2017-03-21T00:00:00+08:00");
	assert_int_equal(pt_time_parse("2017-03-21 09:30", &t), 0);
	assert_int_equal(pt_time_parse("2017-03-21T09:30:00.250Z", &t), 0);
	assert_int_not_equal(pt_time_parse("2017-03-21T24:00", &t), 0);
	assert_int_not_equal(pt_time_parse("2017-03-21T09:30+25:00", &t), 0);
	assert_int_not_equal(pt_time_parse("2017-03-21T09", &t), 0);
	assert_int_not_equal(pt_time_parse("2017-03-21T09:30Zjunk", &t), 0);
}

static void local_day(void **state)
{
	int64_t t;
	int32_t d, want;

	(void)state;
	pt_set_timezone("Asia/Shanghai");
	/* 20:00 UTC on the 20th is already the 21st in Shanghai */
	assert_int_equal(pt_time_parse("2017-03-20T20:00:00Z", &t), 0);
	d = pt_local_day(t);
	pt_date_parse("2017-03-21", &want);
	assert_int_equal(d, want);
	assert_true(pt_local_midnight(want) <= t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_roundtrip),
		cmocka_unit_test(date_refusals),
		cmocka_unit_test(times_and_zone),
		cmocka_unit_test(local_day),
	};
	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
