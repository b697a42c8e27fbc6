/* petition-escalate's reads go through indexes; its records are made once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "petition.h"

static char dir[64], path[96];

static pt_db *open_at(const char *now)
{
	pt_options o = {.db_path = path, .now = now, .actor = "cron"};
	pt_db *db = NULL;
	pt_err e = {0};

	assert_int_equal(pt_open(&o, &db, &e), 0);
	return db;
}

static int setup(void **state)
{
	pt_db *db;
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_errlist *errs = pt_errlist_new();
	pt_err e = {0};
	int64_t id;

	(void)state;
	strcpy(dir, "/tmp/petition-esc-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/t.db", dir);
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	db = open_at("2017-06-01");
	pt_begin(db, &e);
	for (int i = 0; i < 3; i++) {
		pt_record_clear(r);
		pt_record_sets(r, PT_F_RECEIVED_AT, i == 0 ? "2017-05-10" : "2017-05-25");
		pt_record_sets(r, PT_F_CHANNEL, "hotline");
		pt_record_sets(r, PT_F_UNIT, "510802");
		pt_record_sets(r, PT_F_SUBJECT, "噪声");
		if (pt_case_add(db, r, NULL, errs, &id))
			return -1;
	}
	pt_commit(db, &e);
	pt_close(db);
	pt_record_free(r);
	pt_errlist_free(errs);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

static void uses_indexes(void **state)
{
	pt_db *db = open_at("2017-06-01");
	char *plan = NULL;
	pt_err e = {0};

	(void)state;
	assert_int_equal(pt_escalate_plan(db, &plan, &e), 0);
	assert_non_null(strstr(plan, "USING INDEX deadlines_open (due<?)"));
	assert_non_null(strstr(plan, "USING INDEX cases_backlog_due (received_at<?)"));
	assert_non_null(strstr(plan, "USING INDEX cases_third_repeat"));
	assert_non_null(strstr(plan, "USING INDEX cases_no_leader"));
	assert_null(strstr(plan, "SCAN d\n"));            /* never all deadlines */
	assert_null(strstr(plan, "SCAN c\n"));            /* never all cases */
	free(plan);
	pt_close(db);
}

static long run(const char *now)
{
	pt_db *db = open_at(now);
	pt_err e = {0};
	long n = -1;

	assert_int_equal(pt_begin(db, &e), 0);
	assert_int_equal(pt_escalate(db, NULL, NULL, &n, &e), 0);
	assert_int_equal(pt_commit(db, &e), 0);
	pt_close(db);
	return n;
}

static void once_a_day(void **state)
{
	(void)state;
	/* 2017-06-08: case 1 (due 05-25) is overdue, cases 2-3 (due 06-09) are near */
	assert_int_equal(run("2017-06-08"), 3);          /* supervise 1, remind 2 and 3 */
	assert_int_equal(run("2017-06-08"), 2);          /* reminders only */
	assert_int_equal(run("2017-06-25"), 2 + 1);      /* supervise 2, 3; escalate 1 */
	assert_int_equal(run("2017-06-25"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uses_indexes),
		cmocka_unit_test(once_a_day),
	};
	return cmocka_run_group_tests_name("escalate", tests, setup, teardown);
}
