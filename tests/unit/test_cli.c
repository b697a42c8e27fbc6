/* The option table: each row binds its value, checks it, and is refused
 * as the tools refuse it (cmd/common/cli.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"

static const struct pt_enum langs[] = {{"en", "English"}, {"de", "Deutsch"}, {"zh", "中文"}, {NULL, NULL}};

struct vals { const char *name; bool flag; long n; int lang, verb; struct pt_cli c; };

static int lang_at(int i, const char **code, const char **label)
{
	if (!langs[i].code)
		return -1;
	*code = langs[i].code;
	*label = langs[i].zh;
	return 0;
}

/* Parses the words (after the program name) into v; the child's status
 * and what it printed on stdout and stderr when it exits, in out. */
static int parse(struct vals *v, bool later, char *out, size_t size, const char *const *words)
{
	const struct pt_opt opts[] = {
		PT_OPT_STRING_FROM("name", 'N', "NAME", &v->name, lang_at, "a name"),
		PT_OPT_FLAG("flag", 'F', &v->flag, "a flag"),
		PT_OPT_NUMBER("count", 0, "N", &v->n, 1, 9, "a number"),
		PT_OPT_ENUM("lang", 0, "L", &v->lang, langs, "a language"),
		PT_OPT_CMDMODE("start", &v->verb, 1, "one verb"),
		PT_OPT_CMDMODE("stop", &v->verb, 2, "another"),
		PT_OPT_END,
	};
	char *argv[16] = {"t"};
	int argc = 1, fd[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	v->c = (struct pt_cli){.prog = "t", .about = "a test", .synopsis = "[OPTIONS]",
	                       .opts = opts, .modes_later = later};
	while (*words)
		argv[argc++] = (char *)*words++;
	optind = 1;
	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		dup2(fd[1], STDOUT_FILENO);
		dup2(fd[1], STDERR_FILENO);
		close(fd[0]);
		pt_cli_parse(&v->c, argc, argv);
		printf("parsed\n");
		exit(pt_cli_exit(&v->c, 0));
	}
	close(fd[1]);
	while ((n = read(fd[0], out + got, size - 1 - (size_t)got)) > 0)
		got += n;
	out[got] = 0;
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (strcmp(out, "parsed\n") == 0)      /* the same in this process, to see the values */
		pt_cli_parse(&v->c, argc, argv);
	return WEXITSTATUS(status);
}

static void test_rows_bind_values(void **state)
{
	struct vals v = {0};
	char out[4096];

	(void)state;
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){
		"-N", "x", "--flag", "--count", "3", "--lang", "zh", "--stop", "--db", "d.db", NULL}), 0);
	assert_string_equal(v.name, "x");
	assert_true(v.flag);
	assert_int_equal(v.n, 3);
	assert_int_equal(v.lang, 2);
	assert_int_equal(v.verb, 2);
	assert_int_equal(v.c.modes, 1);
	assert_string_equal(v.c.open.db_path, "d.db");
}

static void test_unknown_enum_value(void **state)
{
	struct vals v = {0};
	char out[4096];

	(void)state;
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){"--lang", "fr", NULL}), PT_EUSAGE);
	assert_string_equal(out, "t: --lang: \"fr\" is not en, de or zh\n");
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){"--header", "fr", NULL}), PT_EUSAGE);
	assert_string_equal(out, "t: --header: \"fr\" is not en or zh\n");
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){"--count", "10", NULL}), PT_EUSAGE);
	assert_string_equal(out, "t: --count: \"10\" is not a whole number from 1 to 9\n");
}

static void test_two_verbs(void **state)
{
	struct vals v = {0};
	char out[4096];

	(void)state;
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){"--start", "--stop", NULL}), PT_EUSAGE);
	assert_string_equal(out, "t: one action at a time (see --help)\n");
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){"--start", "--start", NULL}), PT_EUSAGE);
	/* a tool that refuses them itself, after parsing, sees how many */
	assert_int_equal(parse(&v, true, out, sizeof out, (const char *[]){"--start", "--stop", NULL}), 0);
	assert_int_equal(v.c.modes, 2);
}

/* --completion-helper: long then short, values from a table or the library */
static void test_completion_helper(void **state)
{
	struct vals v = {0};
	char out[8192];

	(void)state;
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){"--completion-helper", NULL}), 0);
	assert_non_null(strstr(out, "--name\t=\ten:English de:Deutsch zh:中文\ta name\n"
	                            "-N\t=\ten:English de:Deutsch zh:中文\ta name\n--flag\t\t\ta flag\n-F\t\t\ta flag\n"));
	assert_non_null(strstr(out, "\n--format\t=\ttable:表格 jsonl:JSON行 csv:CSV xlsx:Excel工作簿 html:网页\t"));
	assert_non_null(strstr(out, "\n-f\t=\ttable:表格 jsonl:JSON行 csv:CSV xlsx:Excel工作簿 html:网页\t"));
	assert_int_equal(parse(&v, false, out, sizeof out, (const char *[]){"--list-options", NULL}), 0);
	assert_non_null(strstr(out, "--name\n-N\n--flag\n-F\n--count\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_bind_values),
		cmocka_unit_test(test_unknown_enum_value),
		cmocka_unit_test(test_two_verbs),
		cmocka_unit_test(test_completion_helper),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
