/* Disputes and their mediation: the course one step at a time and in order,
 * the documents of the outcome (the injured party masked unless asked), and
 * the morning run's reminders of mediations due (lib/mediate.c,
 * lib/mediate_doc.c) on a store of its own. */
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

/* A new dispute of unit: its id. */
static int64_t add(pt_db *db, const char *unit)
{
	pt_record *r = pt_record_new(&pt_dispute_schema);
	pt_err e = {0};
	int64_t id = 0;

	pt_record_sets(r, PT_D_INJURED, "李四");
	pt_record_sets(r, PT_D_INJURED_PHONE, "+86 138 0013 8000");
	pt_record_sets(r, PT_D_ACCUSED, "某化工厂");
	pt_record_sets(r, PT_D_DAMAGE, "鱼塘死鱼");
	pt_record_sets(r, PT_D_UNIT, unit);
	assert_int_equal(pt_dispute_add(db, r, NULL, NULL, &id, &e), PT_OK);
	pt_record_free(r);
	return id;
}

static const char *field(pt_db *db, int64_t id, int f, char *buf, size_t n)
{
	pt_record *r = pt_record_new(&pt_dispute_schema);
	pt_err e = {0};

	assert_int_equal(pt_dispute_get(db, id, r, &e), PT_OK);
	snprintf(buf, n, "%s", pt_record_get(r, f) ? pt_record_get(r, f) : "-");
	pt_record_free(r);
	return buf;
}

static void course_in_order(void **state)
{
	struct fx *x = *state;
	pt_db *db = x->db;
	pt_err e = {0};
	char buf[64];
	FILE *out = tmpfile();
	int64_t id;

	assert_int_equal(pt_begin(db, &e), PT_OK);
	id = add(db, "510802");
	assert_string_equal(field(db, id, PT_D_INJURED_PHONE, buf, sizeof buf), "+8613800138000");
	assert_int_equal(pt_dispute_session(db, id, "2017-06-01", "村委会", NULL, &e), PT_EREFUSED);
	assert_string_equal(e.msg, "dispute 1: it is filed: both parties consent to mediate"
	                    " first (--consent)");
	assert_int_equal(pt_dispute_agree(db, id, "terms", NULL, false, out, &e), PT_EREFUSED);
	assert_int_equal(pt_dispute_consent(db, id, NULL, &e), PT_OK);
	assert_string_equal(field(db, id, PT_D_DUE, buf, sizeof buf), "2017-07-01");
	assert_int_equal(pt_dispute_consent(db, id, NULL, &e), PT_EREFUSED);
	assert_int_equal(pt_dispute_agree(db, id, "terms", NULL, false, out, &e), PT_EREFUSED);
	assert_string_equal(e.msg, "dispute 1: it is consented: a session is held first"
	                    " (--session)");
	assert_int_equal(pt_dispute_session(db, id, "2017-06-02", "村委会", NULL, &e), PT_EUSAGE);
	assert_int_equal(pt_dispute_session(db, id, "2017-06-01", NULL, NULL, &e), PT_EUSAGE);
	assert_int_equal(pt_dispute_session(db, id, "2017-06-01", "村委会", "初次", &e), PT_OK);
	assert_string_equal(field(db, id, PT_D_SESSIONS, buf, sizeof buf), "1");
	assert_int_equal(pt_dispute_support(db, id, "法律援助", "指派律师", &e), PT_OK);
	assert_int_equal(pt_dispute_support(db, id, "money", "x", &e), PT_EUSAGE);
	assert_int_equal(ftell(out), 0);              /* no refusal wrote a document */
	assert_int_equal(pt_dispute_agree(db, id, "赔偿3万元", NULL, false, out, &e), PT_OK);
	assert_true(ftell(out) > 0);
	assert_string_equal(field(db, id, PT_D_STEP, buf, sizeof buf), "agreed");
	assert_int_equal(pt_dispute_fail(db, id, "civil_suit", "x", NULL, false, out, &e),
	                 PT_EREFUSED);
	assert_string_equal(e.msg, "dispute 1: it is agreed: its mediation is over");
	assert_int_equal(pt_dispute_consent(db, 9, NULL, &e), PT_EINPUT);
	assert_int_equal(pt_dispute_resolve(db, "1x", &id, &e), PT_EINPUT);
	fclose(out);
	pt_rollback(db);
}

/* The notice of a failure, into a string. */
static char *failed(pt_db *db, int64_t id, const char *remedy, bool personal, int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	pt_err e = {0};

	*rc = pt_dispute_fail(db, id, remedy, "分歧较大", NULL, personal, out, &e);
	fclose(out);
	return text;
}

static void failure_names_the_remedy(void **state)
{
	struct fx *x = *state;
	pt_db *db = x->db;
	pt_err e = {0};
	char *text;
	int rc;
	int64_t a, b;

	assert_int_equal(pt_begin(db, &e), PT_OK);
	a = add(db, "510802");
	b = add(db, "510802");
	text = failed(db, a, "court", false, &rc);
	assert_int_equal(rc, PT_EUSAGE);
	free(text);
	text = failed(db, a, "reconsideration", false, &rc);  /* from filed: no consent */
	assert_int_equal(rc, PT_OK);
	assert_non_null(strstr(text, "李*："));
	assert_null(strstr(text, "李四"));
	assert_non_null(strstr(text, "可依法申请行政复议（行政复议）"));
	assert_non_null(strstr(text, "调解不成的原因：分歧较大"));
	free(text);
	text = failed(db, b, "民事诉讼", true, &rc);
	assert_int_equal(rc, PT_OK);
	assert_non_null(strstr(text, "李四："));
	assert_non_null(strstr(text, "提起民事诉讼"));
	free(text);
	pt_rollback(db);
}

static void reminded_while_open(void **state)
{
	struct fx *x = *state;
	pt_db *db = x->db;
	pt_record *out = pt_record_new(&pt_escalation_schema);
	pt_err e = {0};
	int32_t due;
	long n = 0;
	int64_t a;

	assert_int_equal(pt_begin(db, &e), PT_OK);
	a = add(db, "510802");
	add(db, "510811");
	assert_int_equal(pt_dispute_consent(db, a, NULL, &e), PT_OK);
	pt_date_parse("2017-07-01", &due);
	assert_int_equal(pt_dispute_due(db, NULL, due - 4, 3, NULL, out, &n, &e), PT_OK);
	assert_int_equal(n, 0);
	assert_int_equal(pt_dispute_due(db, NULL, due - 3, 3, NULL, out, &n, &e), PT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(pt_record_get(out, PT_EA_CLOCK), "mediation");
	assert_string_equal(pt_record_get(out, PT_EA_DAYS), "-3");
	assert_int_equal(pt_dispute_due(db, "510811", due + 5, 3, NULL, out, &n, &e), PT_OK);
	assert_int_equal(n, 1);                        /* not another unit's */
	assert_int_equal(pt_dispute_due(db, "510800", due + 5, 3, NULL, out, &n, &e), PT_OK);
	assert_int_equal(n, 2);                        /* the unit above's */
	assert_string_equal(pt_record_get(out, PT_EA_DAYS), "5");
	pt_record_free(out);
	pt_rollback(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(course_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(failure_names_the_remedy, setup, teardown),
		cmocka_unit_test_setup_teardown(reminded_while_open, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
