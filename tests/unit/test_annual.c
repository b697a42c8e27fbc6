/* The annual report: the year it is asked for, and its tables on an empty
 * store (every row a zero, each table through a writer of its own). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pt_priv.h"
#include "store_fx.h"

static void years(void **state)
{
	int64_t now;
	pt_err e = {0};
	int y = 0;

	(void)state;
	assert_int_equal(pt_time_parse("2017-06-01T10:00:00+08:00", &now), 0);
	assert_int_equal(pt_annual_year("2017", now, &y, &e), PT_OK);
	assert_int_equal(y, 2017);
	assert_int_equal(pt_annual_year("1999", now, &y, &e), PT_OK);
	assert_int_equal(y, 1999);
	static const char *const bad[] = {"17", "abc", "20170", "0999", "2017 ", "-201",
	                                  "", "２０１７", NULL};
	for (int i = 0; bad[i]; i++) {
		memset(&e, 0, sizeof e);
		assert_int_equal(pt_annual_year(bad[i], now, &y, &e), PT_EUSAGE);
		assert_non_null(strstr(e.msg, "is not a year"));
	}
	assert_int_equal(pt_annual_year(NULL, now, &y, &e), PT_EUSAGE);
	memset(&e, 0, sizeof e);
	assert_int_equal(pt_annual_year("2018", now, &y, &e), PT_EUSAGE);
	assert_string_equal(e.msg, "--annual: 2018 has not begun (today is 2017-06-01)");
}

/* The lines of the report as CSV, and the tables in order. */
static void empty_store(void **state)
{
	struct fx *x = *state;
	pt_write_options o = {.format = PT_FMT_CSV};
	char *buf = NULL, *p;
	size_t n = 0, lines = 0;
	pt_err e = {0};
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	assert_int_equal(pt_annual_report(x->db, "2017", NULL, f, &o, &e), PT_OK);
	fclose(f);
	for (p = buf; (p = strchr(p, '\n')); p++)
		lines++;
	assert_int_equal(lines, 1 + 144);     /* one header: one stream */
	assert_non_null(strstr(buf, "\"units\",,\"510822\",\"青川县\",\"received\",\"收件数\","
	                       "\"0\",\"0\",\"0\","));
	assert_null(strstr(buf, "top_accused"));
	free(buf);

	/* a table: each under its title and its own header */
	o.format = PT_FMT_TABLE;
	o.zh_header = true;
	buf = NULL;
	assert_non_null(f = open_memstream(&buf, &n));
	assert_int_equal(pt_annual_report(x->db, "2017", "510811", f, &o, &e), PT_OK);
	fclose(f);
	assert_non_null(strstr(buf, "2017年按污染类型（与2016年比较）\n名次"));
	assert_non_null(strstr(buf, "\n\n2017年各单位（与2016年比较）\n名次"));
	assert_null(strstr(buf, "510812"));    /* --unit: that unit alone */
	free(buf);

	assert_int_equal(pt_annual_report(x->db, "2017", "no such unit", stdout, &o, &e),
	                 PT_EUSAGE);

	/* the year of the office's local date (a store sets its zone):
	 * 2017-12-31T16:00Z is New Year's day in Shanghai */
	int64_t now;
	int y;
	assert_int_equal(pt_time_parse("2017-12-31T16:00:00Z", &now), 0);
	assert_int_equal(pt_annual_year("2018", now, &y, &e), PT_OK);
	assert_int_equal(pt_time_parse("2017-12-31T15:59:59Z", &now), 0);
	assert_int_equal(pt_annual_year("2018", now, &y, &e), PT_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(years),
		cmocka_unit_test_setup_teardown(empty_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
