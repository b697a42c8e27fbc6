/* Supervision orders: their numbers, their states as of a day, and an
 * issue that fails writes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pt_priv.h"

static char dir[64], path[96];

static void order_keys(void **state)
{
	pt_err e = {0};
	int64_t id = 0;

	(void)state;
	assert_int_equal(pt_order_key("SV-12", "--result", &id, &e), PT_OK);
	assert_int_equal(id, 12);
	assert_int_equal(pt_order_key("7", "--result", &id, &e), PT_OK);
	assert_int_equal(id, 7);
	for (const char *bad[] = {"", "SV-", "SV-0", "0", "SV-1x", "GY-2017-000001", "-3",
	                          "SV-99999999999999999999", NULL}, **b = bad; *b; b++) {
		assert_int_equal(pt_order_key(*b, "--result", &id, &e), PT_EUSAGE);
		assert_non_null(strstr(e.msg, "--result: "));
	}
	assert_int_equal(pt_order_key(NULL, "--notice", &id, &e), PT_EUSAGE);
}

/* An order's row with a due date and maybe a result (a UTC time). */
static pt_record *row(const char *due, const char *result_at)
{
	pt_record *r = pt_record_new(&pt_order_row_schema);

	pt_record_sets(r, PT_OR_ID, "1");
	pt_record_sets(r, PT_OR_DUE, due);
	if (result_at)
		pt_record_sets(r, PT_OR_RESULT_AT, result_at);
	return r;
}

static void states(void **state)
{
	int32_t due, days;
	pt_record *r;

	(void)state;
	pt_set_timezone("Asia/Shanghai");
	pt_date_parse("2017-06-10", &due);
	r = row("2017-06-10", NULL);
	assert_string_equal(pt_order_state(r, due, &days), "open");
	assert_int_equal(days, 0);
	assert_string_equal(pt_order_state(r, due + 3, &days), "overdue");
	assert_int_equal(days, 3);
	pt_record_free(r);
	/* 2017-06-10T15:59Z is still the 10th in Shanghai; 16:00Z is the 11th */
	r = row("2017-06-10", "2017-06-10T15:59:00Z");
	assert_string_equal(pt_order_state(r, due + 9, &days), "on_time");
	assert_int_equal(days, 0);
	pt_record_free(r);
	r = row("2017-06-10", "2017-06-10T16:00:00Z");
	assert_string_equal(pt_order_state(r, due + 9, &days), "late");
	assert_int_equal(days, 1);
	pt_record_free(r);
	/* a record of the morning run: overdue while its clock is open */
	r = row("2017-06-10", NULL);
	pt_record_sets(r, PT_OR_ACTION, "supervise");
	pt_record_sets(r, PT_OR_CLOCK_OPEN, "1");
	assert_string_equal(pt_order_state(r, due + 2, &days), "overdue");
	pt_record_sets(r, PT_OR_CLOCK_OPEN, "0");
	assert_string_equal(pt_order_state(r, due + 2, &days), "done");
	pt_record_unset(r, PT_OR_DUE);
	assert_null(pt_order_state(r, due + 2, &days));        /* a backlog record */
	pt_record_free(r);
	assert_int_equal(pt_order_day("2017-06-10"), due);
	assert_int_equal(pt_order_day("x"), -1);
	assert_int_equal(pt_order_day(NULL), -1);
}

static pt_db *open_db(void)
{
	pt_options o = {.db_path = path, .now = "2017-06-01T09:00:00+08:00", .actor = "李强"};
	pt_db *db = NULL;
	pt_err e = {0};

	assert_int_equal(pt_open(&o, &db, &e), 0);
	return db;
}

static long listed(pt_db *db)
{
	pt_write_options wo = {.format = PT_FMT_JSONL};
	FILE *null = fopen("/dev/null", "w");
	pt_writer *w = pt_writer_new(null, &pt_order_schema, &wo);
	pt_order_filter f = {0};
	pt_err e = {0};
	long n = -1;

	assert_int_equal(pt_orders_list(db, &f, w, &n, &e), 0);
	pt_writer_close(w);
	fclose(null);
	return n;
}

/* An order with one unknown case among good ones: PT_EINPUT, and after the
 * rollback no order, no order_cases row and no event. */
static void issue_all_or_nothing(void **state)
{
	const char *cases[] = {"1", "GY-2017-000099"};
	pt_order o = {.kind = "individual", .target_unit = "510802", .due = "2017-06-10",
	              .cases = cases, .ncases = 2};
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_errlist *errs = pt_errlist_new();
	pt_err e = {0};
	pt_db *db;
	int64_t id;

	(void)state;
	strcpy(dir, "/tmp/petition-sup-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	db = open_db();
	assert_int_equal(pt_begin(db, &e), 0);
	pt_record_sets(r, PT_F_RECEIVED_AT, "2017-05-25");
	pt_record_sets(r, PT_F_CHANNEL, "hotline");
	pt_record_sets(r, PT_F_UNIT, "510802");
	pt_record_sets(r, PT_F_SUBJECT, "噪声");
	assert_int_equal(pt_case_add(db, r, NULL, errs, &id), 0);
	assert_int_equal(pt_commit(db, &e), 0);

	assert_int_equal(pt_begin(db, &e), 0);
	assert_int_equal(pt_order_issue(db, &o, &id, &e), PT_EINPUT);
	assert_non_null(strstr(e.msg, "GY-2017-000099"));
	pt_rollback(db);
	assert_int_equal(listed(db), 0);

	o.ncases = 1;
	o.source = "中央环保督察";               /* a label is taken for its code */
	assert_int_equal(pt_begin(db, &e), 0);
	assert_int_equal(pt_order_issue(db, &o, &id, &e), 0);
	assert_int_equal(pt_commit(db, &e), 0);
	assert_int_equal(id, 1);
	assert_int_equal(listed(db), 1);
	pt_close(db);
	pt_record_free(r);
	pt_errlist_free(errs);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_keys),
		cmocka_unit_test(states),
		cmocka_unit_test(issue_all_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
