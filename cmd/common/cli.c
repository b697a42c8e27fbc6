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

/* labels without spaces: the completion helper separates values by spaces */
const struct pt_enum pt_cli_formats[] = {
	{"table", "表格"}, {"jsonl", "JSON行"}, {"csv", "CSV"}, {"xlsx", "Excel工作簿"}, {"html", "网页"}, {NULL, NULL},
};
const struct pt_enum pt_cli_input_formats[] = {
	{"jsonl", "JSON行"}, {"csv", "CSV"}, {NULL, NULL},
};
static const struct pt_enum header_langs[] = {
	{"en", "English"}, {"zh", "中文"}, {NULL, NULL},
};

enum { NCOMMON = 12 };

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
		         o->key ? '-' : ' ', o->key ? o->key : ' ',
		         o->key ? ',' : ' ', o->name, o->arg ? " " : "",
		         o->arg ? o->arg : "");
		fprintf(f, "  %-30s %s\n", left, o->help);
	}
}

static void usage(const struct pt_cli *c, const struct pt_opt *common, FILE *f)
{
	fprintf(f, "usage: %s %s\n%s\n\n", c->prog, c->synopsis, c->about);
	print_opts(f, c->opts);
	fputc('\n', f);
	print_opts(f, common);
	fprintf(f, "\nexit status: 0 ok, 1 partly done, 2 usage, 3 bad input,"
	        " 4 refused, 5 database or I/O error,\n6 done but the output was lost\nsee %s(1)\n", c->prog);
}

/* The values a completion offers for o, space-separated code:label words. */
static void print_values(const struct pt_opt *o)
{
	const char *code, *label;
	int n = 0;

	for (const struct pt_enum *v = o->values; v && v->code; v++)
		printf("%s%s:%s", n++ ? " " : "", v->code, v->zh);
	for (int i = 0; o->more && o->more(i, &code, &label) == 0; i++)
		printf("%s%s:%s", n++ ? " " : "", code, label);
}

/* Each shown option, long then short: "--name" alone (--list-options), or
 * "--name TAB = TAB code:label ... TAB help" (--completion-helper). */
static void option_lines(const struct pt_opt *o, bool completion)
{
	char flag[64];

	for (; o->name; o++) {
		if (!o->help)
			continue;
		for (int form = 0; form < 1 + (o->key != 0); form++) {
			if (form)
				snprintf(flag, sizeof flag, "-%c", o->key);
			else
				snprintf(flag, sizeof flag, "--%s", o->name);
			if (!completion) {
				printf("%s\n", flag);
				continue;
			}
			printf("%s\t%s\t", flag, o->arg ? "=" : "");
			print_values(o);
			printf("\t%s\n", o->help);
		}
	}
}

static int add_opts(struct option *lo, char *so, int n, const struct pt_opt *o)
{
	for (; o->name; o++, n++) {
		lo[n] = (struct option){o->name, o->arg ? required_argument : no_argument,
		                        NULL, 256 + n};
		if (o->key) {
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

int pt_cli_mode(struct pt_cli *c)
{
	if (c->modes++ && !c->modes_later)
		return pt_cli_error(c, PT_EUSAGE, "one action at a time (see --help)");
	return PT_OK;
}

int pt_cli_enum(const struct pt_cli *c, const struct pt_opt *o, const char *arg, int *i)
{
	char list[256] = "";
	int n = 0;

	for (*i = 0; o->values[*i].code; ++*i)
		if (!strcmp(o->values[*i].code, arg))
			return PT_OK;
	for (const struct pt_enum *v = o->values; v->code; v++, n++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
		         !n ? "" : v[1].code ? ", " : " or ", v->code);
	return pt_cli_error(c, PT_EUSAGE, "--%s: \"%s\" is not %s", o->name, arg, list);
}

/* Stores the value of option o where its row says. */
static int take(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	int rc = o->mode ? pt_cli_mode(c) : PT_OK;
	char name[64];

	if (rc)
		return rc;
	if (o->mode)
		*o->mode = o->mode_value;
	snprintf(name, sizeof name, "--%s", o->name);
	switch (o->kind) {
	case PT_OPT_K_FLAG: *(bool *)o->var = true; return PT_OK;
	case PT_OPT_K_STRING: *(const char **)o->var = arg; return PT_OK;
	case PT_OPT_K_NUMBER: return pt_cli_number(c, name, arg, o->lo, o->hi, o->var);
	case PT_OPT_K_ENUM: return pt_cli_enum(c, o, arg, o->var);
	case PT_OPT_K_MODE: return PT_OK;
	case PT_OPT_K_CALLBACK: return o->fn(c, o, arg);
	}
	return PT_EUSAGE;
}

static int format_opt(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	(void)o;
	if (pt_format_parse(arg, &c->out.format))
		return pt_cli_error(c, PT_EUSAGE, "--format: \"%s\" is not jsonl, csv, table, xlsx or html", arg);
	return PT_OK;
}

static void print_version(const struct pt_cli *c)
{
	printf("%s (petition) %s\nstores:", c->prog, PT_VERSION);
	for (int i = 0; pt_store_engine_name(i); i++)
		printf("%s %s", i ? "," : "", pt_store_engine_name(i));
	printf("\n");
}

/* --help, --version, --list-options and --completion-helper: print and exit. */
static int info_opt(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	const struct pt_opt *common = o->var;

	(void)arg;
	switch (o->lo) {
	case 0: usage(c, common, stdout); break;
	case 1: print_version(c); break;
	default:
		option_lines(c->opts, o->lo == 3);
		option_lines(common, o->lo == 3);
	}
	exit(pt_cli_exit(c, PT_OK));
}

#define INFO_OPT(n, s, h, which) \
	{.name = n, .key = s, .help = h, .kind = PT_OPT_K_CALLBACK, .fn = info_opt, .lo = which, \
	 .var = o}

/* A tool's own option of a common option's name (petition-export's --format
 * json|xml) takes its place: the common row is left out. */
static void drop_shadowed(const struct pt_cli *c, struct pt_opt *o)
{
	struct pt_opt *keep = o;

	for (; o->name; o++) {
		bool own = false;
		for (const struct pt_opt *t = c->opts; t->name && !own; t++)
			own = !strcmp(t->name, o->name);
		if (!own)
			*keep++ = *o;
	}
	*keep = *o;
}

/* The options of every tool, bound to c, into o. */
static void common_opts(struct pt_cli *c, struct pt_opt *o)
{
	const struct pt_opt rows[NCOMMON + 1] = {
		PT_OPT_STRING("db", 'd', "PATH", &c->open.db_path, "database file or postgresql:// URL (default: $PETITION_DB, else ~/.local/share/petition/petition.db)"),
		{.name = "format", .key = 'f', .arg = "FMT", .help = "output: jsonl, csv, table, xlsx or html (default: table on a terminal, else jsonl)",
		 .values = pt_cli_formats, .kind = PT_OPT_K_CALLBACK, .fn = format_opt},
		PT_OPT_ENUM("header", 0, "LANG", &c->header, header_langs, "column names: en or zh"),
		PT_OPT_FLAG("bom", 0, &c->out.bom, "CSV for Excel: a UTF-8 byte-order mark, local times, formulas defused"),
		PT_OPT_FLAG("with-personal-data", 0, &c->out.personal, "show petitioners' names, phones, ID numbers and addresses"),
		PT_OPT_STRING("actor", 0, "NAME", &c->open.actor, "who acts, for the history (default: $PETITION_ACTOR, else the login name)"),
		PT_OPT_STRING("now", 0, "TIME", &c->open.now, "fix the clock (default: $PETITION_NOW, else the system clock)"),
		PT_OPT_STRING("policy", 0, "FILE", &c->open.policy_path, "policy file (default: $PETITION_POLICY, else share/petition/policy.conf)"),
		INFO_OPT("help", 'h', "show this help and exit", 0),
		INFO_OPT("version", 0, "show the version and exit", 1),
		INFO_OPT("list-options", 0, NULL, 2),          /* for tests: every option */
		INFO_OPT("completion-helper", 0, NULL, 3),     /* for the shell completions */
		PT_OPT_END,
	};

	memcpy(o, rows, sizeof rows);
	drop_shadowed(c, o);
}

/* The row of getopt's key: the tool's first, then the common ones. */
static const struct pt_opt *row_of(const struct pt_cli *c, const struct pt_opt *common,
                                   int key)
{
	int n = 0;

	for (const struct pt_opt *o = c->opts; o->name; o++, n++)
		if (key == 256 + n || key == o->key)
			return o;
	for (const struct pt_opt *o = common; o->name; o++, n++)
		if (key == 256 + n || key == o->key)
			return o;
	return NULL;
}

static void open_doc(struct pt_cli *c);

int pt_cli_parse(struct pt_cli *c, int argc, char **argv)
{
	struct pt_opt common[NCOMMON + 1];
	const struct pt_opt *o;
	struct option lo[128];
	char so[128] = ":";   /* ':' tells a missing value from an unknown option */
	int n = 0, key, rc;

	signal(SIGPIPE, SIG_IGN);     /* write errors are seen and handled at exit */
	umask(077);                   /* every file the tools create is 0600 */
	c->out.format = isatty(STDOUT_FILENO) ? PT_FMT_TABLE : PT_FMT_JSONL;
	c->out.width = terminal_width();
	common_opts(c, common);
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
		o = row_of(c, common, key);
		if ((rc = o ? take(c, o, optarg) : PT_EUSAGE))
			exit(rc);
	}
	c->out.zh_header = c->header == 1;
	open_doc(c);
	return optind;
}

pt_db *pt_cli_open(struct pt_cli *c, int *code)
{
	pt_db *db = NULL;
	pt_err e = {0};

	if ((*code = pt_open(&c->open, &db, &e)))
		pt_cli_error(c, *code, "%s", e.msg);
	else if (c->out.doc)
		pt_doc_set_time(c->out.doc, pt_db_now(db));   /* a workbook's date: --now */
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

/* The document of a tool that exits before it writes it: freed, its
 * temporary files removed. */
static pt_doc *unwritten;

static void drop_doc(void)
{
	pt_doc_free(unwritten);
	unwritten = NULL;
}

/* --format xlsx or html: the tables a tool writes go into one document,
 * written out when it exits. A workbook is binary: not to a terminal. */
static void open_doc(struct pt_cli *c)
{
	pt_err e = {0};

	if (c->out.format != PT_FMT_XLSX && c->out.format != PT_FMT_HTML)
		return;
	if (c->out.format == PT_FMT_XLSX && isatty(STDOUT_FILENO)) {
		pt_cli_error(c, PT_EUSAGE, "--format xlsx: a workbook is binary, not for a"
		             " terminal: redirect stdout to a file (> FILE.xlsx)");
		exit(PT_EUSAGE);
	}
	if (!c->out.title && !strncmp(c->prog, "petition-", 9))
		c->out.title = c->prog + 9;           /* a tool's table: named after it */
	if (!(c->out.doc = pt_doc_new(c->out.format, c->about, &e))) {
		pt_cli_error(c, e.code, "%s", e.msg);
		exit(e.code);
	}
	unwritten = c->out.doc;
	atexit(drop_doc);
}

/* Writes the document; true when that failed, told here (a reader that
 * went away quietly), the status in *code */
static bool write_doc(const struct pt_cli *c, int *code)
{
	pt_err e = {0};
	bool failed = false;

	if (!c->out.doc)
		return false;
	if ((*code == PT_OK || *code == PT_PARTIAL) && pt_doc_write(c->out.doc, stdout, &e)) {
		failed = true;
		/* a reader that went away: a quiet exit */
		if (!ferror(stdout) || (errno != EPIPE && !reader_gone())) {
			pt_cli_error(c, c->committed ? PT_EOUTPUT : e.code, "%s%s", e.msg,
			             c->committed ? " (the changes were committed)" : "");
			*code = c->committed ? PT_EOUTPUT : e.code;
		}
	}
	drop_doc();
	return failed;
}

int pt_cli_exit(const struct pt_cli *c, int code)
{
	if (write_doc(c, &code))
		return code;
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

int pt_cli_text_only(const struct pt_cli *c, const char *what)
{
	if (!c->out.doc)
		return PT_OK;
	return pt_cli_error(c, PT_EUSAGE, "%s prints text, not a table: not with --format %s",
	                    what, c->out.format == PT_FMT_HTML ? "html" : "xlsx");
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
