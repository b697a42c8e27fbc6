/* A backlog case's file: the values of its actions checked before any case
 * is touched, and the rules of the file (backlog cases only, steps
 * numbered from 1, done once, one resolution). */
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

static int check(enum pt_verb v, const char *team, const char *step, long n,
                 const char *resolution, const char *reason)
{
	pt_action a = {.verb = v, .team = team, .step = step, .step_no = n,
	               .resolution = resolution, .reason = reason};
	pt_err e = {0};

	return pt_action_check(&a, &e);
}

static void values_checked(void **state)
{
	(void)state;
	assert_int_equal(check(PT_TEAM, "王五,赵六", NULL, 0, NULL, NULL), PT_OK);
	assert_int_equal(check(PT_TEAM, "", NULL, 0, NULL, NULL), PT_EINPUT);
	assert_int_equal(check(PT_PLAN_STEP, NULL, "2017-06-15:约谈信访人", 0, NULL, NULL), PT_OK);
	assert_int_equal(check(PT_PLAN_STEP, NULL, "2017-06-15:", 0, NULL, NULL), PT_EUSAGE);
	assert_int_equal(check(PT_PLAN_STEP, NULL, "2017-06-31:x", 0, NULL, NULL), PT_EUSAGE);
	assert_int_equal(check(PT_PLAN_STEP, NULL, "2017-6-15:x", 0, NULL, NULL), PT_EUSAGE);
	assert_int_equal(check(PT_PLAN_STEP, NULL, "约谈", 0, NULL, NULL), PT_EUSAGE);
	assert_int_equal(check(PT_PLAN_STEP, NULL, NULL, 0, NULL, NULL), PT_EUSAGE);
	/* a text of one line: a colon in it is text */
	assert_int_equal(check(PT_PLAN_STEP, NULL, "2017-06-15:时间:上午", 0, NULL, NULL), PT_OK);
	assert_int_equal(check(PT_PLAN_STEP, NULL, "2017-06-15:a\nb", 0, NULL, NULL), PT_EINPUT);
	assert_int_equal(check(PT_STEP_DONE, NULL, NULL, 1, NULL, NULL), PT_OK);
	assert_int_equal(check(PT_STEP_DONE, NULL, NULL, 0, NULL, NULL), PT_EUSAGE);
	assert_int_equal(check(PT_BACKLOG_RESOLUTION, NULL, NULL, 0, "resolved", "已整改"), PT_OK);
	assert_int_equal(check(PT_BACKLOG_RESOLUTION, NULL, NULL, 0, "withdrawn", "息诉"), PT_OK);
	assert_int_equal(check(PT_BACKLOG_RESOLUTION, NULL, NULL, 0, "resolved", NULL), PT_EUSAGE);
	assert_int_equal(check(PT_BACKLOG_RESOLUTION, NULL, NULL, 0, "open", "x"), PT_EUSAGE);
	assert_int_equal(check(PT_BACKLOG_RESOLUTION, NULL, NULL, 0, NULL, "x"), PT_EUSAGE);
	/* open is the state before any resolution, not one of them */
	assert_string_equal(pt_backlog_states[0].code, "open");
	assert_string_equal(pt_backlog_resolutions[0].code, "resolved");
}

static pt_db *open_at(const char *now)
{
	pt_options o = {.db_path = path, .now = now, .actor = "王丽"};
	pt_db *db = NULL;
	pt_err e = {0};

	assert_int_equal(pt_open(&o, &db, &e), 0);
	return db;
}

static int setup(void **state)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_errlist *errs = pt_errlist_new();
	pt_err e = {0};
	pt_db *db;
	int64_t id;
	long n;
	int rc = 0;

	(void)state;
	strcpy(dir, "/tmp/petition-backlog-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/t.db", dir);
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	db = open_at("2017-06-01");
	pt_begin(db, &e);
	for (int i = 0; i < 2 && !rc; i++) {       /* 1: a backlog case by then; 2: not */
		pt_record_clear(r);
		pt_record_sets(r, PT_F_RECEIVED_AT, i ? "2017-05-25" : "2017-01-10");
		pt_record_sets(r, PT_F_CHANNEL, "hotline");
		pt_record_sets(r, PT_F_UNIT, "510802");
		pt_record_sets(r, PT_F_SUBJECT, "噪声");
		rc = pt_case_add(db, r, NULL, errs, &id);
	}
	rc = rc || pt_escalate(db, NULL, NULL, &n, &e) || pt_commit(db, &e);
	pt_close(db);
	pt_record_free(r);
	pt_errlist_free(errs);
	return rc ? -1 : 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

static int apply(pt_db *db, int64_t id, pt_action a, pt_err *e)
{
	int rc = pt_action_check(&a, e);

	return rc ? rc : pt_case_apply(db, id, &a, e);
}

static void the_file(void **state)
{
	pt_db *db = open_at("2017-06-02");
	struct pt_backlog_file f;
	struct pt_step st;
	pt_err e = {0};

	(void)state;
	assert_int_equal(pt_begin(db, &e), 0);
	assert_int_equal(apply(db, 2, (pt_action){.verb = PT_TEAM, .team = "王五"}, &e),
	                 PT_EREFUSED);
	assert_non_null(strstr(e.msg, "not a backlog case"));
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_TEAM, .team = "王五"}, &e), PT_OK);
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_PLAN_STEP,
	                                          .step = "2017-06-01:核查"}, &e), PT_OK);
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_PLAN_STEP,
	                                          .step = "2017-06-30:约谈"}, &e), PT_OK);
	assert_int_equal(pt_store_backlog_get(db, 1, &f, &e), PT_OK);
	assert_true(f.found);
	assert_string_equal(f.team, "王五");
	assert_int_equal(f.steps, 2);
	assert_int_equal(f.done, 0);
	assert_int_equal(pt_store_step_get(db, 1, 2, &st, &e), PT_OK);
	assert_true(st.found && !st.done);
	assert_string_equal(st.due, "2017-06-30");
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_STEP_DONE, .step_no = 2}, &e), PT_OK);
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_STEP_DONE, .step_no = 2}, &e),
	                 PT_EREFUSED);
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_STEP_DONE, .step_no = 3}, &e),
	                 PT_EREFUSED);
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_BACKLOG_RESOLUTION,
	                 .resolution = "withdrawn", .reason = "息诉"}, &e), PT_OK);
	assert_int_equal(apply(db, 1, (pt_action){.verb = PT_BACKLOG_RESOLUTION,
	                 .resolution = "resolved", .reason = "x"}, &e), PT_EREFUSED);
	assert_int_equal(pt_store_backlog_get(db, 1, &f, &e), PT_OK);
	assert_string_equal(f.resolution, "withdrawn");
	assert_int_equal(f.done, 1);
	/* the other case has no file */
	assert_int_equal(pt_store_backlog_get(db, 2, &f, &e), PT_OK);
	assert_false(f.found);
	pt_rollback(db);
	pt_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_checked),
		cmocka_unit_test(the_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
