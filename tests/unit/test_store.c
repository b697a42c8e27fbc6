/* The storage interface: the engine a --db value chooses, and the status
 * sets both engines write into their SQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "store/store.h"

static int as_params(pt_buf *out, const struct pt_status_set *s)
{
	char n[64];

	snprintf(n, sizeof n, "<%s:%d>", s->set[0], s->first);
	return pt_buf_adds(out, n);
}

static void test_expand(void **state)
{
	pt_buf b = {0};

	(void)state;
	assert_int_equal(pt_store_expand(&b, "a IN ({open}) AND b NOT IN ({done}) {x} {", as_params), 0);
	assert_string_equal(b.p, "a IN (<registered:120>) AND b NOT IN (<declined:140>) {x} {");
	pt_buf_free(&b);
	assert_int_equal(pt_store_expand(&b, "{open_literal}{uncounted}{review}", as_params), 0);
	assert_string_equal(b.p, "<registered:0><voided:100><reviewing:160>");
	pt_buf_free(&b);
}

/* each token stands for the schema's own array, nothing spelt again */
static void test_sets_are_the_schema(void **state)
{
	(void)state;
	for (const struct pt_status_set *s = pt_status_sets; s->token; s++)
		assert_true(s->set == pt_open_statuses || s->set == pt_done_statuses ||
		            s->set == pt_review_statuses || s->set == pt_uncounted_statuses);
}

static void test_engines(void **state)
{
	pt_options o = {.now = "2017-06-01T10:00:00+08:00", .actor = "unit-test",
	                .db_path = "postgresql://nobody@127.0.0.1:1/none"};
	bool pg = false;
	pt_db *db = NULL;
	pt_err e = {0};
	int rc;

	(void)state;
	for (int i = 0; pt_store_engine_name(i); i++)
		pg |= !strcmp(pt_store_engine_name(i), "postgresql");
	assert_string_equal(pt_store_engine_name(pg), "sqlite");   /* the one that takes any path: last */
	rc = pt_open(&o, &db, &e);
	assert_int_equal(rc, PT_EDB);
	assert_null(db);
	if (pg)       /* the URL goes to the server, which does not answer */
		assert_non_null(strstr(e.msg, "postgresql://nobody@127.0.0.1:1/none: connect: "));
	else
		assert_string_equal(e.msg, "postgresql: this build has no PostgreSQL engine");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_sets_are_the_schema),
		cmocka_unit_test(test_engines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
