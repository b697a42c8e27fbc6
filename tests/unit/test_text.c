/* UTF-8, display width and masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pt_priv.h"

static void utf8(void **state)
{
	(void)state;
	assert_true(pt_utf8_valid("环境信访 abc", strlen("环境信访 abc")));
	assert_false(pt_utf8_valid("\xC0\xAF", 2));            /* overlong '/' */
	assert_false(pt_utf8_valid("\xE0\x80\xAF", 3));        /* overlong */
	assert_false(pt_utf8_valid("\xED\xA0\x80", 3));        /* surrogate */
	assert_false(pt_utf8_valid("\xF4\x90\x80\x80", 4));    /* > U+10FFFF */
	assert_false(pt_utf8_valid("\xE7\x8E", 2));            /* truncated */
	assert_false(pt_utf8_valid("\xFF", 1));
	assert_int_equal(pt_utf8_chars("张三丰", strlen("张三丰")), 3);
}

static void width(void **state)
{
	(void)state;
	assert_int_equal(pt_text_width("abc"), 3);
	assert_int_equal(pt_text_width("利州区"), 6);
	assert_int_equal(pt_text_width("12369电话"), 9);
	assert_int_equal(pt_text_width("ＡＢ"), 4);               /* fullwidth */
	assert_int_equal(pt_text_width("e\xCC\x81"), 1);          /* combining */
	assert_int_equal(pt_text_width("\xE3\x80\x80"), 2);        /* U+3000 ideographic space */
	assert_int_equal(pt_text_width("\xF0\xA0\x80\x80"), 2);    /* U+20000 Extension B */
	assert_int_equal(pt_text_width("\xFF"), 1);                 /* not UTF-8: one column */
}

/* Characters the hand-kept East Asian width table got wrong. */
static void width_unicode(void **state)
{
	(void)state;
	assert_int_equal(pt_text_width("\xF0\x9F\x9A\x80"), 2);    /* U+1F680 rocket emoji */
	assert_int_equal(pt_text_width("\xE2\x9C\x85"), 2);        /* U+2705 check mark emoji */
	assert_int_equal(pt_text_width("\xF0\x9F\x8C\xA1"), 1);    /* U+1F321 thermometer: narrow */
	assert_int_equal(pt_text_width("\xEA\xA5\xA0"), 2);        /* U+A960 Hangul Jamo Extended-A */
	assert_int_equal(pt_text_width("\xE1\x84\x80\xE1\x85\xA1"), 2);  /* U+1100 U+1161: one syllable */
	assert_int_equal(pt_text_width("x\xE2\x83\x97"), 1);       /* U+20D7 combining arrow */
	assert_int_equal(pt_text_width("\xE3\x81\x8B\xE3\x82\x99"), 2);  /* か + U+3099 voicing mark */
	assert_int_equal(pt_text_width("a\xE2\x80\x8D" "b"), 2);     /* U+200D zero width joiner */
	assert_int_equal(pt_text_width("\xEF\xB8\x90"), 2);        /* U+FE10 vertical comma */
	assert_int_equal(pt_text_width("\xF0\x97\x80\x80"), 2);    /* U+17000 Tangut */
}

static void mask(void **state)
{
	char out[128];

	(void)state;
	pt_mask(PT_F_PETITIONER_NAME, "张三", out, sizeof out);
	assert_string_equal(out, "张*");
	pt_mask(PT_F_PETITIONER_NAME, "欧阳娜娜", out, sizeof out);
	assert_string_equal(out, "欧***");
	pt_mask(PT_F_PETITIONER_NAME, "张", out, sizeof out);
	assert_string_equal(out, "*");
	pt_mask(PT_F_PETITIONER_PHONE, "13812345678", out, sizeof out);
	assert_string_equal(out, "138****5678");
	pt_mask(PT_F_PETITIONER_ID_NUMBER, "51080219800101001X", out, sizeof out);
	assert_string_equal(out, "510802********001X");
	pt_mask(PT_F_PETITIONER_ADDRESS, "四川省广元市利州区东坝街道12号", out, sizeof out);
	assert_string_equal(out, "四川省广元市****");
	pt_mask(PT_F_SUBJECT, "not personal", out, sizeof out);
	assert_string_equal(out, "not personal");
}

static void case_no(void **state)
{
	static const char *const bad[] = {
		"", "3", "0190a000-0000-7000-8000-000000000001", "GY-2017-0", "GY-2017-",
		"GY-2017", "GY-20", "GY-17-000001", "GY-1899-000001", "-2017-000001",
		"1GY-2017-000001", "GY-2017-1000000000", "GY-2017-9223372036854775807",
		"GY-2017-000001x", "GY-2017-+00001", "GY_2017_000001", "ABCDEFGHIJKLMNOPQ-2017-1",
	};
	struct pt_case_no no;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(pt_case_no_parse(bad[i], NULL));
	assert_true(pt_case_no_parse("GY-2017-000123", &no));
	assert_string_equal(no.prefix, "GY");
	assert_int_equal(no.year, 2017);
	assert_int_equal(no.seq, 123);
	assert_true(pt_case_no_parse("CD2-2016-999999999", &no));
	assert_int_equal(no.seq, PT_CASE_SEQ_MAX);
	assert_true(pt_case_no_parse("ABCDEFGHIJKLMNOP-2017-1", NULL));
}

static const char *fault(const char *s, bool lines)
{
	return pt_text_fault(s, strlen(s), lines);
}

static void text_rule(void **state)
{
	(void)state;
	assert_null(fault("李四", false));
	assert_null(fault("第一行\n第二行\t完", true));
	assert_string_equal(fault("", false), "is empty or blank");
	assert_string_equal(fault(" \t" "\xe3\x80\x80" "\xc2\xa0", true), "is empty or blank");
	assert_string_equal(fault("a\nb", false), "contains control characters");
	assert_string_equal(fault("a\x1b[31m", true), "contains control characters");
	assert_string_equal(fault("a\x7f", true), "contains control characters");
	assert_string_equal(fault("a\xc2\x85" "b", true), "contains control characters");
	assert_string_equal(fault("a\xe2\x80\xa8" "b", true), "contains control characters");
	assert_string_equal(fault("a\xe2\x80\xa9" "b", false), "contains control characters");
	assert_string_equal(fault("\xff", false), "is not valid UTF-8");
	assert_true(pt_text_showable("2017-02-30"));
	assert_true(pt_text_showable("510899"));
	assert_false(pt_text_showable("13812345678"));
	assert_false(pt_text_showable("le\x1btter"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8),
		cmocka_unit_test(width),
		cmocka_unit_test(width_unicode),
		cmocka_unit_test(mask),
		cmocka_unit_test(case_no),
		cmocka_unit_test(text_rule),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
