/* Registering cases: validation, numbering, deadlines, repeats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "petition.h"

struct fx { char dir[64], path[96]; pt_db *db; pt_record *r; pt_errlist *errs; };

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	pt_options o = {.now = "2017-06-01T10:00:00+08:00", .actor = "unit-test"};
	pt_err e = {0};

	strcpy(x->dir, "/tmp/petition-unit-XXXXXX");
	if (!mkdtemp(x->dir))
		return -1;
	snprintf(x->path, sizeof x->path, "%s/t.db", x->dir);
	o.db_path = x->path;
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	if (pt_open(&o, &x->db, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	x->r = pt_record_new(&pt_case_schema);
	x->errs = pt_errlist_new();
	*state = x;
	return pt_begin(x->db, &e);
}

static int teardown(void **state)
{
	struct fx *x = *state;
	char cmd[160];

	pt_close(x->db);
	pt_record_free(x->r);
	pt_errlist_free(x->errs);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
	if (system(cmd))
		return -1;
	free(x);
	return 0;
}

static void fill(pt_record *r, const char *received, const char *phone)
{
	pt_record_clear(r);
	pt_record_sets(r, PT_F_RECEIVED_AT, received);
	pt_record_sets(r, PT_F_CHANNEL, "hotline");
	pt_record_sets(r, PT_F_UNIT, "510802");
	pt_record_sets(r, PT_F_SUBJECT, "夜间施工噪声");
	if (phone)
		pt_record_sets(r, PT_F_PETITIONER_PHONE, phone);
}

static void file_mode(void **state)
{
	struct fx *x = *state;
	struct stat st;

	assert_int_equal(stat(x->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void numbering_and_due(void **state)
{
	struct fx *x = *state;
	int64_t id;

	fill(x->r, "2017-03-21", NULL);
	assert_int_equal(pt_case_add(x->db, x->r, "line 1", x->errs, &id), PT_OK);
	assert_string_equal(pt_record_get(x->r, PT_F_CASE_NO), "GY-2017-000001");
	assert_string_equal(pt_record_get(x->r, PT_F_ACCEPT_DUE), "2017-04-05");
	assert_string_equal(pt_record_get(x->r, PT_F_STATUS), "registered");
	assert_string_equal(pt_record_get(x->r, PT_F_RECEIVED_AT), "2017-03-20T16:00:00Z");
	assert_int_equal(strlen(pt_record_get(x->r, PT_F_UUID)), 36);
	fill(x->r, "2016-12-31T23:59:00+08:00", NULL);
	assert_int_equal(pt_case_add(x->db, x->r, "line 2", x->errs, &id), PT_OK);
	assert_string_equal(pt_record_get(x->r, PT_F_CASE_NO), "GY-2016-000001");
	assert_string_equal(pt_record_get(x->r, PT_F_ACCEPT_DUE), "2017-01-15");
	fill(x->r, "2017-02-28", NULL);
	pt_record_sets(x->r, PT_F_CASE_NO, "GY-2017-000050");
	assert_int_equal(pt_case_add(x->db, x->r, "line 3", x->errs, &id), PT_OK);
	fill(x->r, "2017-04-01", NULL);
	assert_int_equal(pt_case_add(x->db, x->r, "line 4", x->errs, &id), PT_OK);
	assert_string_equal(pt_record_get(x->r, PT_F_CASE_NO), "GY-2017-000051");
	fill(x->r, "2017-04-01", NULL);
	pt_record_sets(x->r, PT_F_CASE_NO, "GY-2017-000051");
	assert_int_equal(pt_case_add(x->db, x->r, "line 5", x->errs, &id), PT_EINPUT);
	assert_string_equal(pt_errlist_get(x->errs, 0),
	                    "line 5: case_no: \"GY-2017-000051\" is already registered");
}

static void validation(void **state)
{
	static const struct { int f; const char *v, *msg; } cases[] = {
		{PT_F_RECEIVED_AT, "2017-02-30", "line 9: received_at: \"2017-02-30\" is not a date"},
		{PT_F_RECEIVED_AT, "2017-06-02", "line 9: received_at: \"2017-06-02\" is in the future"},
		{PT_F_CHANNEL, "fax", "line 9: channel: \"fax\" is not one of letter, visit, hotline, web,"
		 " wechat, weibo, mailbox, transfer, media, other"},
		{PT_F_UNIT, "999999", "line 9: unit: \"999999\" is not a known unit"},
		{PT_F_HEADCOUNT, "0", "line 9: headcount: \"0\" is not a whole number from 1 to 100000"},
		{PT_F_PETITIONER_PHONE, "13812345678x", "line 9: petitioner_phone: is not a phone number"},
		{PT_F_PETITIONER_ID_NUMBER, "510802198001010010", "line 9: petitioner_id_number: is not a valid ID number"},
		{PT_F_SUBJECT, "\xE7\x8E", "line 9: subject: is not valid UTF-8"},
		{PT_F_SUBJECT, "a\x01", "line 9: subject: contains control characters"},
		{PT_F_UUID, "not-a-uuid", "line 9: uuid: \"not-a-uuid\" is not a UUID"},
		{PT_F_ANONYMOUS, "maybe", "line 9: anonymous: \"maybe\" is not true or false"},
	};
	struct fx *x = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pt_errlist *errs = pt_errlist_new();
		fill(x->r, "2017-03-21", NULL);
		pt_record_sets(x->r, cases[i].f, cases[i].v);
		assert_int_equal(pt_case_check(x->db, x->r, "line 9", errs), PT_EINPUT);
		assert_int_equal(pt_errlist_count(errs), 1);
		assert_string_equal(pt_errlist_get(errs, 0), cases[i].msg);
		pt_errlist_free(errs);
	}
	pt_record_clear(x->r);
	assert_int_equal(pt_case_check(x->db, x->r, NULL, x->errs), PT_EINPUT);
	assert_int_equal(pt_errlist_count(x->errs), 4);     /* every required field */
	assert_string_equal(pt_errlist_get(x->errs, 0), "received_at: is required");
}

static void normalising(void **state)
{
	struct fx *x = *state;

	fill(x->r, "2017-03-21 09:30", "138-1234 5678");
	pt_record_sets(x->r, PT_F_CHANNEL, "来访");
	pt_record_sets(x->r, PT_F_UNIT, "利州区");
	pt_record_sets(x->r, PT_F_PETITIONER_ID_NUMBER, "51080219800101001x");
	pt_record_sets(x->r, PT_F_ANONYMOUS, "是");
	pt_record_sets(x->r, PT_F_STATUS, "final");          /* computed: ignored */
	assert_int_equal(pt_case_check(x->db, x->r, NULL, x->errs), PT_OK);
	assert_string_equal(pt_record_get(x->r, PT_F_PETITIONER_PHONE), "13812345678");
	assert_string_equal(pt_record_get(x->r, PT_F_CHANNEL), "visit");
	assert_string_equal(pt_record_get(x->r, PT_F_UNIT), "510802");
	assert_string_equal(pt_record_get(x->r, PT_F_PETITIONER_ID_NUMBER), "51080219800101001X");
	assert_string_equal(pt_record_get(x->r, PT_F_ANONYMOUS), "1");
	assert_null(pt_record_get(x->r, PT_F_STATUS));
}

static void repeats_and_collective(void **state)
{
	struct fx *x = *state;
	int64_t id;

	fill(x->r, "2017-01-10", "13800000001");
	assert_int_equal(pt_case_add(x->db, x->r, NULL, x->errs, &id), PT_OK);
	assert_null(pt_record_get(x->r, PT_F_REPEAT_OF));
	fill(x->r, "2017-03-10", "13800000001");
	pt_record_sets(x->r, PT_F_CHANNEL, "visit");
	pt_record_sets(x->r, PT_F_HEADCOUNT, "5");
	assert_int_equal(pt_case_add(x->db, x->r, NULL, x->errs, &id), PT_OK);
	assert_string_equal(pt_record_get(x->r, PT_F_REPEAT_OF), "GY-2017-000001");
	assert_string_equal(pt_record_get(x->r, PT_F_COLLECTIVE), "1");
	fill(x->r, "2017-05-30", "13800000002");
	pt_record_sets(x->r, PT_F_ACCUSED, "某化工厂");
	pt_record_sets(x->r, PT_F_HEADCOUNT, "4");
	pt_record_sets(x->r, PT_F_CHANNEL, "visit");
	assert_int_equal(pt_case_add(x->db, x->r, NULL, x->errs, &id), PT_OK);
	assert_null(pt_record_get(x->r, PT_F_REPEAT_OF));
	assert_string_equal(pt_record_get(x->r, PT_F_COLLECTIVE), "0");
	fill(x->r, "2017-05-31", "13800000003");
	pt_record_sets(x->r, PT_F_ACCUSED, "某化工厂");
	assert_int_equal(pt_case_add(x->db, x->r, NULL, x->errs, &id), PT_OK);
	assert_string_equal(pt_record_get(x->r, PT_F_REPEAT_OF), "GY-2017-000003");
	/* 181 days after the first: outside the 180-day window */
	fill(x->r, "2017-07-10", "13800000001");
	assert_int_equal(pt_case_check(x->db, x->r, NULL, x->errs), PT_EINPUT); /* future */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(file_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(numbering_and_due, setup, teardown),
		cmocka_unit_test_setup_teardown(validation, setup, teardown),
		cmocka_unit_test_setup_teardown(normalising, setup, teardown),
		cmocka_unit_test_setup_teardown(repeats_and_collective, setup, teardown),
	};
	return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}
