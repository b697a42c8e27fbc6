/* Pages (lib/doc_html.c, lib/doc_svg.c): text made safe for a page;
 * tables of one title and columns in one section; a table with a chart
 * drawn, then its numbers (a stacked chart's as categories by series with
 * a total); an empty table says so; the same rows give the same bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "doc_html.h"

static const struct pt_enum kinds[] = {{"air", "大气"}, {"water", "水"}, {NULL, NULL}};
static const struct pt_column cols[] = {
	{"month", "月份", PT_T_TEXT, 0, 0, 7, NULL},
	{"kind", "类型", PT_T_ENUM, 0, 0, 6, kinds},
	{"n", "数", PT_T_INT, 0, 0, 6, NULL},
	{"rate", "率", PT_T_INT, PT_C_RATE, 0, 6, NULL},
};
static const pt_schema schema = {cols, PT_NCOLS(cols)};

static void clean_text(void **state)
{
	char out[64];

	(void)state;
	pt_html_clean("a\x07" "b\x1b[31m\tc\n", out, sizeof out);
	assert_string_equal(out, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD[31m\tc\n");
	pt_html_clean("\xC3(\xE4\xB8", out, sizeof out);      /* bad UTF-8: each byte */
	assert_string_equal(out, "\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD");
	pt_html_clean("零一二三四五六七八九十", out, 12);   /* cut at a whole character */
	assert_string_equal(out, "零一二");
}

/* Rows of (month, kind, n, rate) as one table titled title on doc. */
static void put_rows(pt_doc *doc, const char *title, const pt_chart *chart,
                     const char *const (*rows)[4], int n)
{
	pt_write_options o = {.format = PT_FMT_HTML, .doc = doc, .title = title,
	                      .zh_header = true, .chart = chart};
	pt_writer *w = pt_writer_new(stdout, &schema, &o);
	pt_record *r = pt_record_new(&schema);

	assert_non_null(w);
	for (int i = 0; i < n; i++) {
		pt_record_clear(r);
		for (int k = 0; k < 4; k++)
			if (rows[i][k])
				pt_record_sets(r, k, rows[i][k]);
		assert_int_equal(pt_writer_put(w, r), 0);
	}
	assert_int_equal(pt_writer_close(w), 0);
	pt_record_free(r);
}

static const char *const rows[][4] = {
	{"2017-01", "air", "2", "0.5000"}, {"2017-01", "water", "1", NULL},
	{"2017-02", "air", "0", "1.0000"}, {"2017-02", "water", "3", "0.2500"},
};

/* The page of three tables: a list in two parts, a stacked chart, an empty one. */
static char *page(size_t *len)
{
	static const pt_chart stack = {"month", "kind", "n", false, -1, "cases"};
	pt_err e = {0};
	pt_doc *doc = pt_doc_new(PT_FMT_HTML, "页 <title>", &e);
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(doc);
	put_rows(doc, "list <&>", NULL, rows, 2);
	put_rows(doc, "chart", &stack, rows, 4);
	put_rows(doc, "list <&>", NULL, rows + 2, 2);
	put_rows(doc, "empty", NULL, rows, 0);
	assert_int_equal(pt_doc_write(doc, f, &e), PT_OK);
	pt_doc_free(doc);
	fclose(f);
	return buf;
}

static void sections(void **state)
{
	size_t len, len2;
	char *p = page(&len), *q = page(&len2), *list, *chart, *empty;

	(void)state;
	assert_int_equal(len, len2);
	assert_memory_equal(p, q, len);              /* the same rows: the same bytes */
	assert_non_null(strstr(p, "<title>页 &lt;title&gt;</title>"));
	assert_non_null(list = strstr(p, "<h2>list &lt;&amp;&gt;</h2>"));
	assert_null(strstr(list + 1, "<h2>list"));   /* one section for both parts */
	assert_non_null(chart = strstr(p, "<h2>chart</h2>"));
	assert_non_null(empty = strstr(p, "<h2>empty</h2>"));
	assert_true(list < chart && chart < empty);
	/* the list's four rows, codes by their Chinese names, rates in % */
	assert_non_null(strstr(list, "<tr><td>2017-02</td><td>水</td><td class=\"n\">3</td>"
	                              "<td class=\"n\">25.0%</td></tr>"));
	assert_non_null(strstr(list, "<td class=\"n\"></td></tr>"));   /* no rate: empty */
	/* the chart: one svg, a bar for each count over zero, then the pivot */
	assert_non_null(strstr(chart, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(chart, "<title>2017-02 水: 3</title>"));
	assert_null(strstr(chart, "<title>2017-02 大气: 0</title>"));
	assert_non_null(strstr(chart, "<tr><th>月份</th><th>大气</th><th>水</th><th>合计</th></tr>"));
	assert_non_null(strstr(chart, "<tr><td>2017-01</td><td class=\"n\">2</td>"
	                               "<td class=\"n\">1</td><td class=\"n\">3</td></tr>"));
	assert_non_null(strstr(empty, "<p class=\"empty\">无</p>"));
	assert_null(strstr(p, "<td/>"));
	assert_null(strstr(p, "<script"));
	free(p);
	free(q);
}

/* More categories than a chart shows: the table alone, its rows as given. */
static void too_many(void **state)
{
	static const pt_chart stack = {"month", "kind", "n", false, -1, "cases"};
	char (*month)[16] = calloc(130, sizeof *month);
	const char *(*many)[4] = calloc(130, sizeof *many);
	pt_err e = {0};
	pt_doc *doc = pt_doc_new(PT_FMT_HTML, "many", &e);
	char *buf = NULL;
	size_t len, rows = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	for (int i = 0; i < 130; i++) {
		snprintf(month[i], sizeof month[i], "m%03d", i);
		many[i][0] = month[i];
		many[i][1] = "air";
		many[i][2] = "1";
	}
	put_rows(doc, "chart", &stack, (const char *const (*)[4])many, 130);
	assert_int_equal(pt_doc_write(doc, f, &e), PT_OK);
	fclose(f);
	assert_null(strstr(buf, "<svg"));
	for (const char *p = buf; (p = strstr(p, "<tr><td>m")); p++)
		rows++;
	assert_int_equal(rows, 130);
	assert_non_null(strstr(buf, "<tr><th>月份</th><th>类型</th><th>数</th><th>率</th></tr>"));
	pt_doc_free(doc);
	free(buf);
	free(month);
	free(many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_text),
		cmocka_unit_test(sections),
		cmocka_unit_test(too_many),
	};
	setenv("TZ", "Asia/Shanghai", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
