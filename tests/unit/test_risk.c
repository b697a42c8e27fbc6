/* The register of risks: a risk's course one step at a time and in order,
 * the urgent risks the morning run lists, and the zero report's counts
 * (lib/risk.c, lib/risk_report.c) on a store of its own. */
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

static pt_db *open_db(const char *now)
{
	pt_options o = {.db_path = path, .now = now, .actor = "张三"};
	pt_db *db = NULL;
	pt_err e = {0};

	assert_int_equal(pt_open(&o, &db, &e), 0);
	assert_int_equal(pt_begin(db, &e), 0);
	return db;
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/petition-risk-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/t.db", dir);
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

/* A new risk: its id. */
static int64_t add(pt_db *db, const char *unit, const char *level)
{
	pt_record *r = pt_record_new(&pt_risk_schema);
	pt_err e = {0};
	int64_t id = 0;

	pt_record_sets(r, PT_R_MATTER, "垃圾焚烧发电厂选址");
	pt_record_sets(r, PT_R_KIND, "邻避");
	pt_record_sets(r, PT_R_SOURCE, "media");
	pt_record_sets(r, PT_R_UNIT, unit);
	pt_record_sets(r, PT_R_LEVEL, level);
	assert_int_equal(pt_risk_add(db, r, NULL, "found", &id, &e), PT_OK);
	pt_record_free(r);
	return id;
}

static void steps_in_order(void **state)
{
	pt_db *db = open_db("2017-06-01T09:00:00+08:00");
	pt_err e = {0};
	int64_t id = add(db, "510802", NULL);

	(void)state;
	assert_int_equal(pt_risk_step(db, id, "reported", NULL, &e), PT_EREFUSED);
	assert_int_equal(pt_risk_step(db, id, "found", NULL, &e), PT_EREFUSED);
	assert_int_equal(pt_risk_step(db, id, "核实", "done", &e), PT_OK);
	assert_int_equal(pt_risk_step(db, id, "found", NULL, &e), PT_EREFUSED);
	assert_string_equal(e.msg, "risk 1: it is verified: a risk does not go back to found");
	assert_int_equal(pt_risk_step(db, id, "reported", NULL, &e), PT_OK);
	assert_int_equal(pt_risk_step(db, id, "handled", NULL, &e), PT_OK);
	assert_int_equal(pt_risk_step(db, id, "closed", NULL, &e), PT_OK);
	assert_int_equal(pt_risk_step(db, id, "closed", NULL, &e), PT_EREFUSED);
	assert_int_equal(pt_risk_step(db, id, "nowhere", NULL, &e), PT_EUSAGE);
	assert_int_equal(pt_risk_step(db, 9, "verified", NULL, &e), PT_EINPUT);
	pt_rollback(db);
	pt_close(db);
}

static void urgent_listed_until_reported(void **state)
{
	pt_db *db = open_db("2017-06-03T09:00:00+08:00");
	pt_err e = {0};
	FILE *out = tmpfile();
	long n = 0;
	int64_t major;

	(void)state;
	add(db, "510802", "general");
	major = add(db, "510811", "major");
	assert_int_equal(pt_risk_urgent_due(db, NULL, NULL, &n, &e), PT_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(pt_risk_urgent_due(db, "510802", NULL, &n, &e), PT_OK);
	assert_int_equal(n, 0);
	assert_int_equal(pt_risk_urgent(db, major, NULL, out, &e), PT_OK);
	assert_true(ftell(out) > 0);
	assert_int_equal(pt_risk_urgent(db, major, NULL, out, &e), PT_EREFUSED);
	assert_int_equal(pt_risk_urgent_due(db, NULL, NULL, &n, &e), PT_OK);
	assert_int_equal(n, 0);
	fclose(out);
	pt_rollback(db);
	pt_close(db);
}

static void report_counts_up_the_tree(void **state)
{
	pt_db *db = open_db("2017-06-03T09:00:00+08:00");
	pt_write_options o = {.format = PT_FMT_CSV};
	pt_err e = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int64_t id;

	(void)state;
	id = add(db, "510802", NULL);
	assert_int_equal(pt_risk_step(db, id, "verified", NULL, &e), PT_OK);
	assert_int_equal(pt_risk_step(db, id, "reported", NULL, &e), PT_OK);
	assert_int_equal(pt_risk_report(db, PT_DAY, "2017-06-03", "510800", out, &o, &e), PT_OK);
	fclose(out);
	assert_non_null(strstr(text, "\"510800\",\"广元市生态环境局\",\"1\",\"1\",\"0\""));
	assert_non_null(strstr(text, "\"510802\",\"利州区\",\"1\",\"1\",\"0\""));
	assert_non_null(strstr(text, "\"510811\",\"昭化区\",\"0\",\"0\",\"0\""));
	assert_null(strstr(text, "510000"));
	free(text);
	assert_int_equal(pt_risk_report(db, PT_MONTH, "2017-13", NULL, stdout, &o, &e),
	                 PT_EUSAGE);
	pt_rollback(db);
	pt_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(steps_in_order),
		cmocka_unit_test(urgent_listed_until_reported),
		cmocka_unit_test(report_counts_up_the_tree),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
