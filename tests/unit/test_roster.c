/* Key periods on duty: a period named by its first day or FROM..TO, what a
 * day of a roster lacks, a day set in parts and refused outside its period,
 * the listing's gaps and the morning run's lines (lib/roster.c), on a store
 * of its own. */
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

static int32_t day(const char *s)
{
	int32_t d = -1;

	assert_int_equal(pt_date_parse(s, &d), 0);
	return d;
}

/* The key periods 2017-10-10..2017-10-13 and 2018-03-01..2018-03-03. */
static void periods(pt_policy *p)
{
	p->nkey_periods = 2;
	p->key_periods[0].from = day("2017-10-10");
	p->key_periods[0].to = day("2017-10-13");
	p->key_periods[1].from = day("2018-03-01");
	p->key_periods[1].to = day("2018-03-03");
}

/* The fixture's store with those periods, in a transaction. */
static pt_db *store(void **state)
{
	pt_db *db = ((struct fx *)*state)->db;
	pt_err e = {0};

	periods(&db->policy);
	assert_int_equal(pt_begin(db, &e), 0);
	return db;
}

static void period_names(void **state)
{
	pt_policy p = {0};
	int32_t from = 0, to = 0;

	(void)state;
	periods(&p);
	assert_int_equal(pt_key_period_of(&p, "2017-10-10", &from, &to), 0);
	assert_int_equal(from, day("2017-10-10"));
	assert_int_equal(to, day("2017-10-13"));
	assert_int_equal(pt_key_period_of(&p, "2018-03-01..2018-03-03", &from, &to), 0);
	assert_int_equal(to, day("2018-03-03"));
	assert_int_equal(pt_key_period_of(&p, "2017-10-11", &from, &to), 1);
	assert_int_equal(pt_key_period_of(&p, "2017-10-10..2017-10-12", &from, &to), 1);
	assert_int_equal(pt_key_period_of(&p, "2017-10-1", &from, &to), -1);
	assert_int_equal(pt_key_period_of(&p, "2017-10-10..", &from, &to), -1);
	assert_int_equal(pt_key_period_of(&p, "", &from, &to), -1);
}

static void gaps(void **state)
{
	(void)state;
	assert_string_equal(pt_roster_gap(NULL, NULL), "no_roster");
	assert_string_equal(pt_roster_gap("张三", NULL), "no_leader");
	assert_string_equal(pt_roster_gap(NULL, "王五"), "no_on_duty");
	assert_null(pt_roster_gap("张三", "王五"));
}

/* The gap column of each day listed, space-separated, into out. */
static void listed(pt_db *db, const char *period, char *out, size_t n)
{
	pt_write_options o = {.format = PT_FMT_JSONL};
	char *text = NULL, *p;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	pt_writer *w = pt_writer_new(f, &pt_roster_schema, &o);
	pt_err e = {0};
	long ngaps = -1;

	assert_int_equal(pt_roster_list(db, period, NULL, w, &ngaps, &e), PT_OK);
	pt_writer_close(w);
	fclose(f);
	out[0] = 0;
	for (p = text; (p = strstr(p, "\"gap\":")); p += 6) {
		size_t used = strlen(out);
		const char *v = p + 6;
		size_t k = *v == '"' ? strcspn(v + 1, "\"") : 4;

		snprintf(out + used, n - used, "%s%.*s", used ? " " : "", (int)k,
		         *v == '"' ? v + 1 : v);
	}
	free(text);
	assert_true(ngaps >= 0);
}

static void set_in_parts(void **state)
{
	pt_db *db = store(state);
	pt_err e = {0};
	char g[128];

	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-10", "张三,李四", "王五", &e),
	                 PT_OK);
	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-11", " 孙七 ", NULL, &e), PT_OK);
	assert_int_equal(pt_roster_set(db, "2017-10-10..2017-10-13", "2017-10-12", NULL, "周八",
	                               &e), PT_OK);
	listed(db, "2017-10-10", g, sizeof g);
	assert_string_equal(g, "null no_leader no_on_duty no_roster");
	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-11", NULL, "赵六", &e), PT_OK);
	listed(db, "2017-10-10", g, sizeof g);
	assert_string_equal(g, "null null no_on_duty no_roster");

	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-14", "张三", NULL, &e),
	                 PT_EINPUT);
	assert_string_equal(e.msg, "--date: 2017-10-14 is outside the key period"
	                    " 2017-10-10..2017-10-13");
	assert_int_equal(pt_roster_set(db, "2017-10-11", "2017-10-11", "张三", NULL, &e),
	                 PT_EUSAGE);
	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-11", "张三,,李四", NULL, &e),
	                 PT_EINPUT);
	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-11", "张\n三", NULL, &e),
	                 PT_EINPUT);
	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-11", NULL, NULL, &e),
	                 PT_EUSAGE);
	pt_rollback(db);
}

/* How many lines the morning run prints on the day now. */
static long morning(pt_db *db, const char *today)
{
	pt_record *out = pt_record_new(&pt_escalation_schema);
	pt_err e = {0};
	long n = 0;

	assert_int_equal(pt_roster_morning(db, day(today), NULL, out, &n, &e), PT_OK);
	pt_record_free(out);
	return n;
}

static void morning_lines(void **state)
{
	pt_db *db = store(state);
	pt_err e = {0};

	assert_int_equal(morning(db, "2017-10-10"), 0);     /* no day set: none */
	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-10", "张三", "王五", &e), PT_OK);
	assert_int_equal(pt_roster_set(db, "2017-10-10", "2017-10-11", "李四", "王五", &e), PT_OK);
	assert_int_equal(morning(db, "2017-10-10"), 1);     /* the duty */
	assert_int_equal(morning(db, "2017-10-11"), 2);     /* the duty, tomorrow unset */
	assert_int_equal(morning(db, "2017-10-12"), 2);     /* today and tomorrow unset */
	assert_int_equal(morning(db, "2017-10-13"), 1);     /* the last day: no tomorrow */
	assert_int_equal(morning(db, "2017-10-14"), 0);
	assert_int_equal(morning(db, "2018-03-01"), 0);
	pt_rollback(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(period_names),
		cmocka_unit_test(gaps),
		cmocka_unit_test_setup_teardown(set_in_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(morning_lines, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
