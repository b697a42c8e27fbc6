/* Records in and out: JSON Lines, CSV and tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "petition.h"

static pt_reader *reader(const char *text, FILE **f, enum pt_format fmt)
{
	*f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(*f);
	return pt_reader_new(*f, &pt_case_schema, fmt);
}

static void jsonl_fields(void **state)
{
	FILE *f;
	pt_reader *rd = reader("\xEF\xBB\xBF{\"subject\":\"噪声\",\"headcount\":7,\"risk\":true,"
	                       "\"content\":null}\n\n{\"渠道\":\"来信\"}\n", &f, PT_FMT_AUTO);
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_err e = {0};

	(void)state;
	assert_int_equal(pt_reader_next(rd, r, &e), 1);
	assert_int_equal(pt_reader_format(rd), PT_FMT_JSONL);
	assert_string_equal(pt_record_get(r, PT_F_SUBJECT), "噪声");
	assert_string_equal(pt_record_get(r, PT_F_HEADCOUNT), "7");
	assert_int_equal(pt_record_kind(r, PT_F_HEADCOUNT), PT_V_NUMBER);
	assert_string_equal(pt_record_get(r, PT_F_RISK), "true");
	assert_null(pt_record_get(r, PT_F_CONTENT));
	assert_int_equal(pt_reader_next(rd, r, &e), 1);
	assert_int_equal(pt_reader_line(rd), 3);
	assert_string_equal(pt_record_get(r, PT_F_CHANNEL), "来信");   /* zh key */
	assert_int_equal(pt_reader_next(rd, r, &e), 0);
	pt_reader_free(rd);
	pt_record_free(r);
	fclose(f);
}

static void jsonl_errors(void **state)
{
	FILE *f;
	pt_reader *rd = reader("{\"subject\":1}\n[1]\n{\"subject\":\n{\"nope\":\"x\"}\n"
	                       "{\"subject\":\"a\",\"subject\":\"b\"}\n{\"subject\":\"a\\u0000b\"}\n"
	                       "{\"subject\":\"ok\"}\n", &f, PT_FMT_AUTO);
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_err e = {0};

	(void)state;
	assert_int_equal(pt_reader_next(rd, r, &e), 1);      /* a number: kind says so */
	assert_int_equal(pt_record_kind(r, PT_F_SUBJECT), PT_V_NUMBER);
	assert_int_equal(pt_reader_next(rd, r, &e), -1);
	assert_string_equal(e.msg, "line 2: not a JSON object");
	assert_int_equal(pt_reader_next(rd, r, &e), -1);
	assert_non_null(strstr(e.msg, "line 3: malformed JSON"));
	assert_int_equal(pt_reader_next(rd, r, &e), -1);
	assert_string_equal(e.msg, "line 4: \"nope\" is not a field");
	assert_int_equal(pt_reader_next(rd, r, &e), -1);
	assert_string_equal(e.msg, "line 5: subject: given twice");
	assert_int_equal(pt_reader_next(rd, r, &e), -1);
	assert_string_equal(e.msg, "line 6: contains a NUL byte");
	assert_int_equal(pt_reader_next(rd, r, &e), 1);
	assert_int_equal(pt_reader_next(rd, r, &e), 0);
	pt_reader_free(rd);
	pt_record_free(r);
	fclose(f);
}

static void csv_fields(void **state)
{
	FILE *f;
	pt_reader *rd = reader("subject,content,事由x\r\n", &f, PT_FMT_AUTO);
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_err e = {0};

	(void)state;
	assert_int_equal(pt_reader_next(rd, r, &e), -2);      /* unknown header */
	/* not echoed: the first row of a file without a header may be a name */
	assert_string_equal(e.msg, "line 1: column 3 is not a field name"
	                    " (the first line names the fields)");
	pt_reader_free(rd);
	fclose(f);
	rd = reader("subject,contnet\r\n", &f, PT_FMT_AUTO);
	assert_int_equal(pt_reader_next(rd, r, &e), -2);
	assert_string_equal(e.msg, "line 1: \"contnet\" is not a field");   /* a misspelling */
	pt_reader_free(rd);
	fclose(f);

	rd = reader("subject,content\r\n\"a, \"\"b\"\"\",\"line1\nline2\"\r\nx\r\n\"y\",\r\nz,,\r\n"
	            "\"open\n", &f, PT_FMT_AUTO);
	assert_int_equal(pt_reader_next(rd, r, &e), 1);
	assert_string_equal(pt_record_get(r, PT_F_SUBJECT), "a, \"b\"");
	assert_string_equal(pt_record_get(r, PT_F_CONTENT), "line1\nline2");
	assert_int_equal(pt_reader_line(rd), 2);
	assert_int_equal(pt_reader_next(rd, r, &e), -1);
	assert_string_equal(e.msg, "line 4: expected 2 fields, got 1");
	assert_int_equal(pt_reader_next(rd, r, &e), 1);
	assert_null(pt_record_get(r, PT_F_CONTENT));          /* empty: absent */
	assert_int_equal(pt_reader_next(rd, r, &e), -1);
	assert_string_equal(e.msg, "line 6: expected 2 fields, got 3");
	assert_int_equal(pt_reader_next(rd, r, &e), -2);
	assert_non_null(strstr(e.msg, "not closed"));
	pt_reader_free(rd);
	pt_record_free(r);
	fclose(f);
}

static void keys(void **state)
{
	FILE *f;
	pt_reader *rd = reader("GY-2017-000001\n 12 \n\n", &f, PT_FMT_KEYS);
	pt_record *r = pt_record_new(&pt_case_schema);
	const char *key;
	pt_err e = {0};

	(void)state;
	assert_int_equal(pt_reader_next_key(rd, r, &key, &e), 1);
	assert_string_equal(key, "GY-2017-000001");
	assert_int_equal(pt_reader_next_key(rd, r, &key, &e), 1);
	assert_string_equal(key, "12");
	assert_int_equal(pt_reader_next_key(rd, r, &key, &e), 0);
	pt_reader_free(rd);
	fclose(f);
	rd = reader("{\"id\":5,\"other\":[1]}\n{\"case_no\":\"GY-2017-000002\"}\n", &f, PT_FMT_KEYS);
	assert_int_equal(pt_reader_next_key(rd, r, &key, &e), 1);
	assert_string_equal(key, "5");
	assert_int_equal(pt_reader_next_key(rd, r, &key, &e), 1);
	assert_string_equal(key, "GY-2017-000002");
	pt_reader_free(rd);
	fclose(f);
	rd = reader("id,case_no,extra\n7,GY-2017-000007,x\n", &f, PT_FMT_KEYS);
	assert_int_equal(pt_reader_next_key(rd, r, &key, &e), 1);
	assert_string_equal(key, "7");
	assert_int_equal(pt_reader_next_key(rd, r, &key, &e), 0);
	pt_reader_free(rd);
	pt_record_free(r);
	fclose(f);
}

static char *write_one(enum pt_format fmt, bool zh, bool personal)
{
	pt_write_options o = {.format = fmt, .zh_header = zh, .personal = personal, .width = 100};
	pt_record *r = pt_record_new(&pt_case_schema);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	pt_writer *w = pt_writer_new(f, &pt_case_schema, &o);

	pt_record_sets(r, PT_F_ID, "3");
	pt_record_sets(r, PT_F_RECEIVED_AT, "2017-03-21T01:30:00Z");
	pt_record_sets(r, PT_F_SUBJECT, "噪声, \"夜间\"\n施工");
	pt_record_sets(r, PT_F_PETITIONER_PHONE, "13812345678");
	pt_record_sets(r, PT_F_RISK, "1");
	pt_record_sets(r, PT_F_CHANNEL, "hotline");
	assert_int_equal(pt_writer_put(w, r), 0);
	assert_int_equal(pt_writer_close(w), 0);
	fclose(f);
	pt_record_free(r);
	return buf;
}

static void set_int(void **state)
{
	pt_record *r = pt_record_new(&pt_case_schema);

	(void)state;
	assert_int_equal(pt_record_set_int(r, PT_F_ID, INT64_MIN), 0);
	assert_string_equal(pt_record_get(r, PT_F_ID), "-9223372036854775808");
	assert_int_equal(pt_record_kind(r, PT_F_ID), PT_V_NUMBER);
	assert_int_equal(pt_record_set_int(r, PT_F_ID, 0), 0);
	assert_string_equal(pt_record_get(r, PT_F_ID), "0");
	pt_record_free(r);
}

static void writers(void **state)
{
	char *s;

	(void)state;
	pt_set_timezone("Asia/Shanghai");
	s = write_one(PT_FMT_JSONL, false, false);
	assert_non_null(strstr(s, "{\"id\":3,\"case_no\":null,"));
	assert_non_null(strstr(s, "\"received_at\":\"2017-03-21T09:30:00+08:00\""));
	assert_non_null(strstr(s, "\"petitioner_phone\":\"138****5678\""));
	assert_non_null(strstr(s, "\"subject\":\"噪声, \\\"夜间\\\"\\n施工\""));
	assert_non_null(strstr(s, "\"risk\":true"));
	free(s);
	s = write_one(PT_FMT_CSV, true, true);
	assert_true(!strncmp(s, "\"编号\",\"信访件编号\"", strlen("\"编号\",\"信访件编号\"")));
	assert_non_null(strstr(s, "\"13812345678\""));
	assert_non_null(strstr(s, "\"噪声, \"\"夜间\"\"\n施工\""));
	assert_non_null(strstr(s, "\r\n\"3\",,"));
	free(s);
	s = write_one(PT_FMT_TABLE, true, false);
	assert_non_null(strstr(s, "12369电话"));
	assert_non_null(strstr(s, "2017-03-21 09:30"));
	assert_non_null(strstr(s, "噪声, \"夜间\" 施工"));      /* newline shown as space */
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jsonl_fields),
		cmocka_unit_test(jsonl_errors),
		cmocka_unit_test(csv_fields),
		cmocka_unit_test(keys),
		cmocka_unit_test(set_int),
		cmocka_unit_test(writers),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
