/* The unit cache: the store hands rows, lib/units.c keeps them. */
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

struct seen { int rows, stop_at; char last[32]; bool top_without_parent; };

static int count_row(void *ctx, const char *code, const char *name, const char *level,
                     const char *parent, pt_err *e)
{
	struct seen *s = ctx;

	assert_non_null(name);
	assert_non_null(level);
	assert_true(strcmp(s->last, code) < 0);          /* ordered by code */
	snprintf(s->last, sizeof s->last, "%s", code);
	if (!strcmp(level, "national"))
		s->top_without_parent = parent == NULL;
	if (++s->rows == s->stop_at)
		return pt_error(e, PT_EINPUT, "stopped");
	return PT_OK;
}

/* The engine hands every row to the caller and fills no cache itself. */
static void test_store_hands_rows(void **state)
{
	struct fx *x = *state;
	struct seen s = {0};
	pt_err e = {0};
	size_t n;

	assert_int_equal(pt_store_units_load(x->db, count_row, &s, &e), PT_OK);
	assert_int_equal(s.rows, 10);                   /* share/petition/units.csv */
	assert_true(s.top_without_parent);
	pt_units_all(x->db, &n);
	assert_int_equal(n, 0);
}

static void test_row_stops_the_load(void **state)
{
	struct fx *x = *state;
	struct seen s = {.stop_at = 2};
	pt_err e = {0};

	assert_int_equal(pt_store_units_load(x->db, count_row, &s, &e), PT_EINPUT);
	assert_int_equal(s.rows, 2);
	assert_string_equal(e.msg, "stopped");
}

/* lib/units.c owns the cache: loaded once, found by code or name, forgotten. */
static void test_cache(void **state)
{
	struct fx *x = *state;
	const struct pt_unit *all, *u;
	pt_err e = {0};
	size_t n;

	assert_int_equal(pt_units_ready(x->db, &e), PT_OK);
	all = pt_units_all(x->db, &n);
	assert_int_equal(n, 10);
	assert_string_equal(all[0].code, "100000");
	assert_null(all[0].parent);
	assert_non_null(u = pt_unit_find(x->db, "利州区"));
	assert_string_equal(u->code, "510802");
	assert_string_equal(u->parent, "510800");
	assert_string_equal(u->level, "county");
	pt_units_forget(x->db);
	pt_units_all(x->db, &n);
	assert_int_equal(n, 0);
	assert_non_null(u = pt_unit_find(x->db, "510802"));   /* read again */
	assert_string_equal(u->name, "利州区");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_hands_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_stops_the_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
