/* cli.c - options, help, errors and exit for every binary */
#include "cli.h"
#include "pt_priv.h"
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	O_ACTOR = 256, O_NOW, O_POLICY, O_HEADER, O_BOM, O_PERSONAL, O_VERSION,
	O_LIST_OPTIONS, O_COMPLETION_HELPER,
};

/* labels without spaces: the completion helper separates values by spaces */
const struct pt_enum pt_cli_formats[] = {
	{"table", "表格"}, {"jsonl", "JSON行"}, {"csv", "CSV"}, {NULL, NULL},
};
static const struct pt_enum header_langs[] = {
	{"en", "English"}, {"zh", "中文"}, {NULL, NULL},
};

static const struct pt_opt common[] = {
	{"db", 'd', "PATH", "database file (default: $PETITION_DB, else ~/.local/share/petition/petition.db)", NULL},
	{"format", 'f', "FMT", "output: jsonl, csv or table (default: table on a terminal, else jsonl)", pt_cli_formats},
	{"header", O_HEADER, "LANG", "column names: en or zh", header_langs},
	{"bom", O_BOM, NULL, "CSV for Excel: a UTF-8 byte-order mark, local times, formulas defused", NULL},
	{"with-personal-data", O_PERSONAL, NULL, "show petitioners' names, phones, ID numbers and addresses", NULL},
	{"actor", O_ACTOR, "NAME", "who acts, for the history (default: $PETITION_ACTOR, else the login name)", NULL},
	{"now", O_NOW, "TIME", "fix the clock (default: $PETITION_NOW, else the system clock)", NULL},
	{"policy", O_POLICY, "FILE", "policy file (default: $PETITION_POLICY, else share/petition/policy.conf)", NULL},
	{"help", 'h', NULL, "show this help and exit", NULL},
	{"version", O_VERSION, NULL, "show the version and exit", NULL},
	{"list-options", O_LIST_OPTIONS, NULL, NULL, NULL},   /* for tests: every long option */
	{"completion-helper", O_COMPLETION_HELPER, NULL, NULL, NULL},   /* for the shell completions */
	{0},
};

int pt_cli_error(const struct pt_cli *c, int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static void print_opts(FILE *f, const struct pt_opt *o)
{
	char left[64];

	for (; o->name; o++) {
		if (!o->help)
			continue;
		snprintf(left, sizeof left, "%c%c%c --%s%s%s",
		         o->key < 256 ? '-' : ' ', o->key < 256 ? o->key : ' ',
		         o->key < 256 ? ',' : ' ', o->name, o->arg ? " " : "",
		         o->arg ? o->arg : "");
		fprintf(f, "  %-30s %s\n", left, o->help);
	}
}

static void usage(const struct pt_cli *c, FILE *f)
{
	fprintf(f, "usage: %s %s\n%s\n\n", c->prog, c->synopsis, c->about);
	print_opts(f, c->opts);
	fputc('\n', f);
	print_opts(f, common);
	fprintf(f, "\nexit status: 0 ok, 1 partly done, 2 usage, 3 bad input,"
	        " 4 refused, 5 database or I/O error,\n6 done but the output was lost\nsee %s(1)\n", c->prog);
}

static void list_options(const struct pt_cli *c)
{
	for (const struct pt_opt *o = c->opts; o->name; o++)
		printf("--%s\n", o->name);
	for (const struct pt_opt *o = common; o->name; o++)
		if (o->help)
			printf("--%s\n", o->name);
}

/* Prints "--name TAB = TAB code:label ... TAB help" for each option. */
static void completion_lines(const struct pt_opt *o)
{
	for (; o->name; o++) {
		if (!o->help)
			continue;
		printf("--%s\t%s\t", o->name, o->arg ? "=" : "");
		for (const struct pt_enum *v = o->values; v && v->code; v++)
			printf("%s%s:%s", v == o->values ? "" : " ", v->code, v->zh);
		printf("\t%s\n", o->help);
	}
}

static int add_opts(struct option *lo, char *so, int n, const struct pt_opt *o)
{
	for (; o->name; o++, n++) {
		lo[n] = (struct option){o->name, o->arg ? required_argument : no_argument,
		                        NULL, o->key};
		if (o->key < 256) {
			size_t l = strlen(so);
			so[l] = (char)o->key;
			so[l + 1] = 0;
			if (o->arg)
				strcat(so, ":");
		}
	}
	return n;
}

static int terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	if (cols && atoi(cols) > 20)
		return atoi(cols);
	return 120;
}

static int common_opt(struct pt_cli *c, int key, const char *arg)
{
	switch (key) {
	case 'd': c->open.db_path = arg; return 0;
	case 'f':
		if (pt_format_parse(arg, &c->out.format))
			return pt_cli_error(c, PT_EUSAGE, "--format: \"%s\" is not jsonl, csv or table", arg);
		return 0;
	case O_HEADER:
		if (strcmp(arg, "en") && strcmp(arg, "zh"))
			return pt_cli_error(c, PT_EUSAGE, "--header: \"%s\" is not en or zh", arg);
		c->out.zh_header = !strcmp(arg, "zh");
		return 0;
	case O_BOM: c->out.bom = true; return 0;
	case O_PERSONAL: c->out.personal = true; return 0;
	case O_ACTOR: c->open.actor = arg; return 0;
	case O_NOW: c->open.now = arg; return 0;
	case O_POLICY: c->open.policy_path = arg; return 0;
	case 'h': usage(c, stdout); exit(pt_cli_exit(c, PT_OK));
	case O_VERSION: printf("%s (petition) %s\n", c->prog, PT_VERSION); exit(pt_cli_exit(c, PT_OK));
	case O_LIST_OPTIONS: list_options(c); exit(pt_cli_exit(c, PT_OK));
	case O_COMPLETION_HELPER:
		completion_lines(c->opts);
		completion_lines(common);
		exit(pt_cli_exit(c, PT_OK));
	}
	return -1;
}

int pt_cli_parse(struct pt_cli *c, int argc, char **argv)
{
	struct option lo[128];
	char so[128] = ":";   /* ':' tells a missing value from an unknown option */
	int n = 0, key, rc;

	signal(SIGPIPE, SIG_IGN);     /* write errors are seen and handled at exit */
	umask(077);                   /* every file the tools create is 0600 */
	c->out.format = isatty(STDOUT_FILENO) ? PT_FMT_TABLE : PT_FMT_JSONL;
	c->out.width = terminal_width();
	n = add_opts(lo, so, n, c->opts);
	n = add_opts(lo, so, n, common);
	lo[n] = (struct option){0};
	opterr = 0;
	while ((key = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (key == '?' || key == ':') {
			const char *bad = argv[optind - 1];
			pt_cli_error(c, PT_EUSAGE, "%s: %s", bad && *bad == '-' ? bad : "option",
			             key == ':' ? "needs a value" : "unknown option (see --help)");
			exit(PT_EUSAGE);
		}
		rc = common_opt(c, key, optarg);
		if (rc == -1)
			rc = c->on_opt ? c->on_opt(c, key, optarg) : PT_EUSAGE;
		if (rc)
			exit(rc);
	}
	return optind;
}

pt_db *pt_cli_open(struct pt_cli *c, int *code)
{
	pt_db *db = NULL;
	pt_err e = {0};

	if ((*code = pt_open(&c->open, &db, &e)))
		pt_cli_error(c, *code, "%s", e.msg);
	return db;
}

void pt_cli_errors(const struct pt_cli *c, const pt_errlist *l)
{
	for (size_t i = 0; i < pt_errlist_kept(l); i++)
		pt_cli_error(c, 0, "%s", pt_errlist_get(l, i));
	if (pt_errlist_count(l) > pt_errlist_kept(l))
		pt_cli_error(c, 0, "and %zu more errors", pt_errlist_count(l) - pt_errlist_kept(l));
}

/* Has the reader of stdout gone away (a pipe or socket closed at its end)? */
static bool reader_gone(void)
{
	struct pollfd p = {.fd = STDOUT_FILENO, .events = POLLOUT};

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

bool pt_cli_write_failed(int rc)
{
	return rc == PT_EDB && ferror(stdout);
}

int pt_cli_exit(const struct pt_cli *c, int code)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return code;
	/* errno may be long past the failed write: ask the pipe itself */
	if (errno == EPIPE || reader_gone())
		return code;            /* the reader went away: a quiet exit */
	pt_cli_error(c, c->committed ? PT_EOUTPUT : PT_EDB, "stdout: %s%s", strerror(errno),
	             c->committed ? " (the changes were committed)" : "");
	if (c->committed)
		return PT_EOUTPUT;
	return code ? code : PT_EDB;
}

int pt_cli_commit(struct pt_cli *c, pt_db *db, pt_err *e)
{
	int rc = pt_commit(db, e);

	if (rc == PT_OK)
		c->committed = true;
	return rc;
}

int pt_cli_number(const struct pt_cli *c, const char *opt, const char *arg,
                  long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (errno || end == arg || *end || *out < lo || *out > hi)
		return pt_cli_error(c, PT_EUSAGE, "%s: \"%.64s\" is not a whole number"
		                    " from %ld to %ld", opt, arg, lo, hi);
	return PT_OK;
}

bool pt_cli_stdin_has_input(void)
{
	struct stat st;

	if (fstat(STDIN_FILENO, &st) < 0 || isatty(STDIN_FILENO))
		return false;
	return S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode);
}

int pt_cli_copy(FILE *from)
{
	char buf[65536];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			return -1;
	return ferror(from) ? -1 : 0;
}

int pt_cli_for_unit(struct pt_cli *c, pt_db *db, const char *unit)
{
	pt_err e = {0};

	if (!unit)
		return PT_OK;
	if (pt_unit_check(db, unit, "--for-unit", PT_EUSAGE, &e))
		return pt_cli_error(c, e.code, "%s", e.msg);
	if (c->out.personal)
		pt_cli_error(c, 0, "--for-unit: the petitioner's identity is withheld (art. 30)");
	c->out.withhold = true;
	c->out.personal = false;
	return PT_OK;
}

int pt_cli_accessed(struct pt_cli *c, pt_db *db, int64_t id)
{
	pt_err e = {0};
	int rc;

	if (!c->out.personal || c->out.withhold)
		return PT_OK;
	if ((rc = pt_case_accessed(db, id, c->prog, &e)))
		pt_cli_error(c, rc, "%s", e.msg);
	return rc;
}

int pt_cli_finish(struct pt_cli *c, pt_db *db, int rc)
{
	pt_err e = {0};
	int f;

	if (rc == PT_EDB || !db->in_tx)
		return rc;
	if ((f = pt_cli_commit(c, db, &e)) == PT_OK)
		return rc;
	pt_cli_error(c, f, "%s", e.msg);
	return f;
}

static bool reveals(const struct pt_cli *c)
{
	return c->out.personal && !c->out.withhold;
}

FILE *pt_cli_reveal(struct pt_cli *c, int *rc)
{
	FILE *tmp;

	*rc = PT_OK;
	if (!reveals(c))
		return stdout;
	if (!(tmp = tmpfile()))
		*rc = pt_cli_error(c, PT_EDB, "temporary file: %s", strerror(errno));
	return tmp;
}

int pt_cli_reveal_lock(struct pt_cli *c, pt_db *db)
{
	pt_err e = {0};
	int rc;

	if (!reveals(c) || db->in_tx)
		return PT_OK;
	if ((rc = pt_begin(db, &e)))
		pt_cli_error(c, rc, "%s", e.msg);
	return rc;
}

int pt_cli_reveal_done(struct pt_cli *c, pt_db *db, FILE *out, int rc)
{
	rc = pt_cli_finish(c, db, rc);
	if (out == stdout || !out)
		return rc;
	if (rc != PT_EDB && !db->in_tx)
		pt_cli_copy(out);       /* a write error is told by pt_cli_exit */
	fclose(out);
	return rc;
}

int pt_cli_each_key(struct pt_cli *c, pt_db *db, pt_key_fn fn, void *ctx)
{
	pt_reader *rd = pt_reader_new(stdin, &pt_case_schema, PT_FMT_KEYS);
	pt_record *in = pt_record_new(&pt_case_schema);
	const char *key;
	char where[32];
	pt_err e = {0};
	int n, rc, worst = PT_OK;

	if (!rd || !in)
		worst = pt_cli_error(c, PT_EDB, "out of memory");
	/* every bad line is reported; a database or usage error stops it all */
	while (!worst || (worst != PT_EDB && worst != PT_EUSAGE)) {
		if ((n = pt_reader_next_key(rd, in, &key, &e)) == 0)
			break;
		if (n < 0) {
			rc = pt_cli_error(c, e.code ? e.code : PT_EINPUT, "%s", e.msg);
		} else {
			snprintf(where, sizeof where, "line %ld", pt_reader_line(rd));
			rc = fn(c, db, key, where, ctx);
		}
		worst = rc > worst ? rc : worst;
		if (n == -2)
			break;
	}
	pt_reader_free(rd);
	pt_record_free(in);
	return worst;
}

int pt_cli_error_at(const struct pt_cli *c, int code, const char *where, const char *msg)
{
	return where ? pt_cli_error(c, code, "%s: %s", where, msg) :
		pt_cli_error(c, code, "%s", msg);
}
