/* Workbooks (lib/doc_xlsx.c): sheet names Excel takes, whatever the title;
 * tables of one title and columns on one sheet, others on sheets of their
 * own; values libxlsxwriter would refuse (a text longer than a cell holds,
 * a time before 1900) written anyway; what cannot be written refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pt_priv.h"

static const struct pt_enum kinds[] = {{"air", "大气"}, {NULL, NULL}};
static const struct pt_column cols[] = {
	{"text", "文本", PT_T_TEXT, 0, 0, 10, NULL},
	{"at", "时间", PT_T_TIME, 0, 0, 16, NULL},
	{"day", "日期", PT_T_DATE, 0, 0, 10, NULL},
	{"n", "数", PT_T_INT, 0, 0, 6, NULL},
	{"rate", "率", PT_T_INT, PT_C_RATE, 0, 6, NULL},
	{"flag", "是否", PT_T_BOOL, 0, 0, 4, NULL},
	{"kind", "类型", PT_T_ENUM, 0, 0, 6, kinds},
};
static const pt_schema schema = {cols, PT_NCOLS(cols)};
static const pt_schema other = {cols, 3};

static void sheet_names(void **state)
{
	char out[4 * 31 + 1];
	char long_title[200] = "";

	(void)state;
	pt_xlsx_sheet_name("a[b]:c*d?e/f\\g", 31, out);
	assert_string_equal(out, "a_b__c_d_e_f_g");
	pt_xlsx_sheet_name("'quoted'", 31, out);
	assert_string_equal(out, "_quoted_");
	pt_xlsx_sheet_name("", 31, out);
	assert_string_equal(out, "Sheet");
	pt_xlsx_sheet_name("tab\there 一乛[", 31, out);
	assert_string_equal(out, "tab_here 一乛_");   /* U+4E00, U+4E5B: low bytes NUL and [ */
	for (int i = 0; i < 40; i++)
		strcat(long_title, "零");
	pt_xlsx_sheet_name(long_title, 31, out);
	assert_int_equal(pt_utf8_chars(out, strlen(out)), 31);
	pt_xlsx_sheet_name("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 3, out);   /* two units each */
	assert_string_equal(out, "\xF0\x9F\x98\x80");
	pt_xlsx_sheet_name("abc'", 3, out);          /* an apostrophe at the cut */
	assert_string_equal(out, "abc");
	pt_xlsx_sheet_name("ab'cd", 3, out);
	assert_string_equal(out, "ab_");
}

/* Begins a table titled title on doc, puts one row of values, ends it. */
static int table(pt_doc *doc, const pt_schema *s, const char *title, const char *const *v)
{
	pt_write_options o = {.format = PT_FMT_XLSX, .doc = doc, .title = title, .zh_header = true};
	pt_writer *w = pt_writer_new(stdout, s, &o);
	pt_record *r = pt_record_new(s);
	int rc = w && r ? 0 : -1;

	for (int i = 0; !rc && i < s->ncols; i++)
		if (v[i])
			pt_record_sets(r, i, v[i]);
	if (!rc)
		rc = pt_writer_put(w, r);
	if (pt_writer_close(w))
		rc = -1;
	pt_record_free(r);
	return rc;
}

static void hostile_workbook(void **state)
{
	static const char *const good[] = {
		"=1+1", "2017-05-31T23:30:00+08:00", "2017-05-31", "42", "0.5000", "true", "air",
	};
	static const char *const odd[] = {
		NULL, "1899-12-31T00:00:00Z", "not a date", "12x", "", "false", "not a kind",
	};
	const char *huge[7] = {NULL};
	char *big = malloc(40000 * 3 + 1);
	pt_err e = {0};
	pt_doc *doc = pt_doc_new(PT_FMT_XLSX, "a title", &e);
	FILE *f = tmpfile();
	char head[4] = "";

	(void)state;
	assert_non_null(doc);
	assert_non_null(f);
	assert_non_null(big);
	for (int i = 0; i < 40000; i++)
		memcpy(big + 3 * i, "字", 3);
	big[40000 * 3] = 0;
	huge[0] = big;
	/* names Excel refuses as they are, the same name again, a long one */
	assert_int_equal(table(doc, &schema, "a[b]:c", good), 0);
	assert_int_equal(table(doc, &schema, "a[b]:c", odd), 0);        /* the same sheet */
	assert_int_equal(table(doc, &other, "a[b]:c", good), 0);        /* "a_b__c (2)" */
	assert_int_equal(table(doc, &other, "A_B__C", good), 0);        /* taken, whatever the case */
	assert_int_equal(table(doc, &schema, big, huge), 0);            /* cut to 31, the text to a cell's */
	assert_int_equal(table(doc, &other, big, good), 0);
	assert_int_equal(table(doc, &schema, NULL, good), 0);           /* the document's title */
	assert_int_equal(pt_doc_write(doc, f, &e), PT_OK);
	rewind(f);
	assert_int_equal(fread(head, 1, 4, f), 4);
	assert_memory_equal(head, "PK\x03\x04", 4);
	fclose(f);
	pt_doc_free(doc);
	free(big);
}

/* Twenty writers open at once on one sheet, and a second schema between
 * them: each record goes to the sheet of its schema. */
static void nested_tables(void **state)
{
	pt_err e = {0};
	pt_doc *doc = pt_doc_new(PT_FMT_XLSX, "t", &e);
	pt_write_options o = {.format = PT_FMT_XLSX, .doc = doc, .title = "same"};
	pt_writer *w[20], *w2;
	pt_record *r = pt_record_new(&schema), *r2 = pt_record_new(&other);
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(doc);
	pt_record_sets(r, 0, "x");
	pt_record_sets(r2, 0, "y");
	for (int i = 0; i < 20; i++)
		assert_non_null(w[i] = pt_writer_new(stdout, &schema, &o));
	assert_non_null(w2 = pt_writer_new(stdout, &other, &o));
	for (int i = 0; i < 20; i++) {
		assert_int_equal(pt_writer_put(w[i], r), 0);
		assert_int_equal(pt_writer_put(w2, r2), 0);
	}
	assert_int_equal(pt_writer_close(w2), 0);
	for (int i = 19; i >= 0; i--)
		assert_int_equal(pt_writer_close(w[i]), 0);
	assert_int_equal(pt_doc_write(doc, f, &e), PT_OK);
	fclose(f);
	pt_doc_free(doc);
	pt_record_free(r);
	pt_record_free(r2);
}

static void refused(void **state)
{
	pt_err e = {0};
	pt_doc *doc;
	pt_writer *w;
	char *tmp = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	setenv("TMPDIR", "/nonexistent/dir", 1);
	assert_null(pt_doc_new(PT_FMT_XLSX, "t", &e));
	assert_int_equal(e.code, PT_EDB);
	assert_non_null(strstr(e.msg, "/nonexistent/dir"));
	if (tmp)
		setenv("TMPDIR", tmp, 1);
	else
		unsetenv("TMPDIR");
	free(tmp);
	assert_null(pt_doc_new(PT_FMT_HTML + 1, "t", &e));   /* no such format */
	assert_int_equal(e.code, PT_EUSAGE);
	/* a record put with no table begun, then a workbook to a full disk */
	assert_non_null(doc = pt_doc_new(PT_FMT_XLSX, "t", &e));
	pt_write_options o = {.format = PT_FMT_XLSX, .doc = doc};
	assert_non_null(w = pt_writer_new(stdout, &schema, &o));
	assert_int_equal(pt_writer_close(w), 0);
	pt_record *r = pt_record_new(&schema);
	assert_int_not_equal(doc->ops->put(doc, r), 0);
	pt_record_free(r);
	assert_int_equal(pt_doc_write(doc, full, &e), PT_EDB);
	pt_doc_free(doc);
	if (full) {
		assert_non_null(doc = pt_doc_new(PT_FMT_XLSX, "t", &e));
		assert_int_equal(table(doc, &schema, "x", (const char *const[]){"a", 0, 0, 0, 0, 0, 0}), 0);
		assert_int_equal(pt_doc_write(doc, full, &e), PT_EDB);
		assert_non_null(strstr(e.msg, "No space left on device"));
		pt_doc_free(doc);
		fclose(full);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sheet_names),
		cmocka_unit_test(hostile_workbook),
		cmocka_unit_test(nested_tables),
		cmocka_unit_test(refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
