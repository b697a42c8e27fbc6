/* The column tables: one Chinese header per English name, and rows read
 * from the store land in the columns their schema names. */
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

/* The header an English name first had in the tables, or NULL. */
static const char *first_header(const char *name, int upto_schema, int upto_col)
{
	for (int k = 0; k <= upto_schema; k++) {
		const pt_schema *s = pt_output_schemas[k];
		int n = k < upto_schema ? pt_schema_ncols(s) : upto_col;
		for (int i = 0; i < n; i++)
			if (!strcmp(pt_schema_name(s, i), name))
				return pt_schema_zh(s, i);
	}
	return NULL;
}

static void one_header_per_name(void **state)
{
	(void)state;
	for (int k = 0; pt_output_schemas[k]; k++) {
		const pt_schema *s = pt_output_schemas[k];
		for (int i = 0; i < pt_schema_ncols(s); i++) {
			const char *zh = first_header(pt_schema_name(s, i), k, i);
			if (zh && strcmp(zh, pt_schema_zh(s, i)))
				fail_msg("%s is %s in one table and %s in another",
				         pt_schema_name(s, i), zh, pt_schema_zh(s, i));
		}
	}
	assert_int_equal(pt_schema_lookup(&pt_case_schema, "单位代码"), PT_F_UNIT);
	assert_int_equal(pt_schema_lookup(&pt_case_schema, "单位"), PT_F_UNIT_NAME);
	/* the headers older versions wrote are still read */
	assert_int_equal(pt_schema_lookup(&pt_case_schema, "所在单位"), PT_F_UNIT);
	assert_int_equal(pt_schema_lookup(&pt_case_schema, "单位名称"), PT_F_UNIT_NAME);
}

static pt_db *open_db(void)
{
	pt_options o = {.db_path = path, .now = "2017-06-01", .actor = "张三"};
	pt_db *db = NULL;
	pt_err e = {0};

	assert_int_equal(pt_open(&o, &db, &e), 0);
	return db;
}

static const struct { int field; const char *value; } given[] = {
	{PT_F_CASE_NO, "GY-2017-000042"},
	{PT_F_UUID, "0190a000-0000-7000-8000-000000000042"},
	{PT_F_RECEIVED_AT, "2017-05-10T09:30:00+08:00"},
	{PT_F_CHANNEL, "hotline"},
	{PT_F_PETITIONER_NAME, "李四"}, {PT_F_PETITIONER_PHONE, "13812345678"},
	{PT_F_PETITIONER_ADDRESS, "东坝街道12号"},
	{PT_F_HEADCOUNT, "6"}, {PT_F_PURPOSE, "accusation"},
	{PT_F_SUBJECT, "夜间噪声"}, {PT_F_CONTENT, "工地夜间施工"},
	{PT_F_ACCUSED, "某建筑公司"}, {PT_F_LOCATION, "东坝"},
	{PT_F_UNIT, "510802"}, {PT_F_POLLUTION_TYPE, "noise"},
	{PT_F_TRANSFERRED_FROM, "广元市生态环境局"},
};

static int setup(void **state)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_errlist *errs = pt_errlist_new();
	pt_err e = {0};
	pt_db *db;
	int64_t id;
	int rc;

	(void)state;
	strcpy(dir, "/tmp/petition-cols-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/t.db", dir);
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	db = open_db();
	pt_begin(db, &e);
	for (size_t i = 0; i < sizeof given / sizeof given[0]; i++)
		pt_record_sets(r, given[i].field, given[i].value);
	rc = pt_case_add(db, r, NULL, errs, &id) || pt_commit(db, &e);
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

/* The first row of a cursor, in a record of schema s. */
static pt_record *first_row(pt_cursor *c, const pt_schema *s)
{
	pt_record *r = pt_record_new(s);
	pt_err e = {0};

	assert_int_equal(pt_cursor_next(c, r, &e), 1);
	pt_cursor_close(c);
	return r;
}

static const char *get(const pt_record *r, int col)
{
	const char *v = pt_record_get(r, col);
	return v ? v : "(null)";
}

static void case_rows_in_schema_order(void **state)
{
	pt_db *db = open_db();
	pt_filter f = {0};
	pt_cursor *c = NULL;
	pt_err e = {0};
	pt_record *row, *unit;

	(void)state;
	assert_int_equal(pt_cases_query(db, &f, &c, &e), 0);
	row = first_row(c, &pt_case_schema);
	for (size_t i = 0; i < sizeof given / sizeof given[0]; i++)
		if (given[i].field != PT_F_RECEIVED_AT)
			assert_string_equal(get(row, given[i].field), given[i].value);
	assert_string_equal(get(row, PT_F_STATUS), "registered");
	assert_non_null(pt_record_get(row, PT_F_ACCEPT_DUE));
	assert_string_equal(get(row, PT_F_NEXT_DUE), get(row, PT_F_ACCEPT_DUE));
	assert_string_equal(get(row, PT_F_NEXT_CLOCK), "accept");

	assert_int_equal(pt_units_query(db, "510802", false, &c, &e), 0);
	unit = first_row(c, &pt_unit_schema);
	assert_string_equal(get(unit, 0), "510802");
	assert_string_equal(get(row, PT_F_UNIT_NAME), get(unit, 1));
	pt_record_free(unit);
	pt_record_free(row);
	pt_close(db);
}

static void history_rows_in_schema_order(void **state)
{
	pt_db *db = open_db();
	pt_cursor *c = NULL;
	pt_err e = {0};
	pt_record *r;
	int64_t id;

	(void)state;
	assert_int_equal(pt_case_resolve(db, "GY-2017-000042", &id, &e), 0);
	assert_int_equal(pt_events_query(db, id, &c, &e), 0);
	r = first_row(c, &pt_event_schema);
	assert_string_equal(get(r, pt_schema_lookup(&pt_event_schema, "case_no")), "GY-2017-000042");
	assert_string_equal(get(r, pt_schema_lookup(&pt_event_schema, "actor")), "张三");
	assert_string_equal(get(r, pt_schema_lookup(&pt_event_schema, "to_status")), "registered");
	pt_record_free(r);

	assert_int_equal(pt_deadlines_query(db, id, &c, &e), 0);
	r = first_row(c, &pt_deadline_schema);
	assert_string_equal(get(r, pt_schema_lookup(&pt_deadline_schema, "clock")), "accept");
	assert_string_equal(get(r, pt_schema_lookup(&pt_deadline_schema, "start")), "2017-05-10");
	assert_null(pt_record_get(r, pt_schema_lookup(&pt_deadline_schema, "stopped_at")));
	pt_record_free(r);
	pt_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_header_per_name),
		cmocka_unit_test(case_rows_in_schema_order),
		cmocka_unit_test(history_rows_in_schema_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
