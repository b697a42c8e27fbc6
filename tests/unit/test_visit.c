/* Leaders' visits and the reception schedule (lib/visit.c, lib/schedule.c):
 * a visit's values made codes, what is refused, and a schedule's rows
 * checked one by one, the old schedule kept when any is bad. */
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

#include "store_fx.h"

/* The visit's record, as pt_visits_query gives it. */
static void visit_row(pt_db *db, int64_t id, pt_record *r)
{
	pt_visit_filter f = {.id = id};
	pt_cursor *c = NULL;
	pt_err e = {0};

	assert_int_equal(pt_visits_query(db, &f, &c, &e), PT_OK);
	assert_int_equal(pt_cursor_next(c, r, &e), 1);
	pt_cursor_close(c);
}

static void test_visit_values(void **state)
{
	struct fx *x = *state;
	pt_visit v = {.kind = "带案下访", .leader = "孙建国", .unit = "利州区"};
	pt_record *r = pt_record_new(&pt_visit_schema);
	pt_err e = {0};
	int64_t id = 0;

	assert_int_equal(pt_begin(x->db, &e), PT_OK);
	assert_int_equal(pt_visit_add(x->db, &v, &id, &e), PT_OK);
	assert_int_equal(id, 1);
	visit_row(x->db, id, r);
	assert_string_equal(pt_record_get(r, 1), "field");          /* the label made a code */
	assert_string_equal(pt_record_get(r, 2), "2017-06-01");     /* today, locally */
	assert_string_equal(pt_record_get(r, 5), "510802");         /* the unit by its name */
	assert_null(pt_record_get(r, 8));                           /* no case yet */
	pt_rollback(x->db);
	pt_record_free(r);
}

static void test_visit_refused(void **state)
{
	struct fx *x = *state;
	pt_visit v = {.kind = "visit", .leader = "孙建国", .unit = "510802"};
	pt_err e = {0};

	assert_int_equal(pt_visit_check(x->db, &v, &e), PT_EUSAGE);
	assert_non_null(strstr(e.msg, "--kind: \"visit\" is not one of reception"));
	v.kind = "home";
	v.date = "2017-06-02";
	assert_int_equal(pt_visit_check(x->db, &v, &e), PT_EUSAGE);
	assert_non_null(strstr(e.msg, "after today"));
	v.date = "2017-06-01";
	v.unit = NULL;                                              /* no office either */
	assert_int_equal(pt_visit_check(x->db, &v, &e), PT_EUSAGE);
	v.unit = "510802";
	v.leader = "a\tb";
	assert_int_equal(pt_visit_check(x->db, &v, &e), PT_EINPUT);
	v.leader = "孙建国";
	assert_int_equal(pt_visit_check(x->db, &v, &e), PT_OK);
	assert_int_equal(pt_begin(x->db, &e), PT_OK);
	assert_int_equal(pt_visit_link(x->db, 9, 1, &e), PT_EINPUT);   /* no such visit */
	pt_rollback(x->db);
}

static int load(pt_db *db, const char *text, pt_errlist *errs)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	pt_err e = {0};
	int rc;

	assert_non_null(f);
	assert_int_equal(pt_begin(db, &e), PT_OK);
	rc = pt_schedule_load(db, f, PT_FMT_AUTO, errs);
	if (rc)
		pt_rollback(db);
	else
		assert_int_equal(pt_commit(db, &e), PT_OK);
	fclose(f);
	return rc;
}

static int schedule_rows(pt_db *db, pt_record *r)
{
	pt_cursor *c = NULL;
	pt_err e = {0};
	int n = 0;

	assert_int_equal(pt_schedule_query(db, &c, &e), PT_OK);
	while (pt_cursor_next(c, r, &e) == 1)
		n++;
	pt_cursor_close(c);
	return n;
}

static void test_schedule(void **state)
{
	struct fx *x = *state;
	pt_record *r = pt_record_new(&pt_schedule_schema);
	pt_errlist *errs = pt_errlist_new();

	assert_int_equal(load(x->db, "接访领导,单位代码,接访地点,接访日,接访时间\n"
	                      "孙建国,广元市生态环境局,接待室,\"周一,weekdays,2017-06-05\","
	                      "\"08:00-12:00,14:00-24:00\"\n", errs), PT_OK);
	assert_int_equal(schedule_rows(x->db, r), 1);
	assert_string_equal(pt_record_get(r, 2), "510800");
	assert_string_equal(pt_record_get(r, 4), "mon,weekdays,2017-06-05");
	assert_null(pt_record_get(r, 1));                           /* no post */
	pt_errlist_free(errs);

	errs = pt_errlist_new();
	assert_int_equal(load(x->db, "visit_leader,unit,place,days,hours\n"
	                      "甲,510800,p,mon,9:00-12:00\n"       /* one digit */
	                      "乙,510800,p,mon,08:00-24:30\n"      /* past midnight */
	                      "丙,510800,p,2017-02-30,08:00-09:00\n"
	                      "丁,510800,p,mon,08:00-09:00\n", errs), PT_EINPUT);
	assert_int_equal(pt_errlist_count(errs), 3);
	assert_string_equal(pt_errlist_get(errs, 0),
	                    "line 2: hours: not a list of HH:MM-HH:MM (\"9:00-12:00\")");
	assert_non_null(strstr(pt_errlist_get(errs, 2), "line 4: days: not a weekday"));
	assert_int_equal(schedule_rows(x->db, r), 1);               /* the old one kept */
	assert_string_equal(pt_record_get(r, 0), "孙建国");
	pt_errlist_free(errs);

	errs = pt_errlist_new();                                    /* a day too long to be one */
	assert_int_equal(load(x->db, "visit_leader,unit,place,days,hours\n"
	                      "甲,510800,p,mon,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,08:00-09:00\n",
	                      errs), PT_EINPUT);
	assert_int_equal(pt_errlist_count(errs), 1);
	pt_errlist_free(errs);
	errs = pt_errlist_new();
	assert_int_equal(load(x->db, "visit_leader,unit,place,days,hours\n"
	                      "甲,510800,p,\"mon,2017-06-05aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",08:00-09:00\n",
	                      errs), PT_EINPUT);
	assert_non_null(strstr(pt_errlist_get(errs, 0), "line 2: days: not a weekday"));
	pt_errlist_free(errs);
	pt_record_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_visit_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schedule, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
