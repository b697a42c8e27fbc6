/* petition-supervise - supervision orders (督查督办): issue one, record its
 * result, list orders beside the morning run's supervisions, its notice */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

enum { ISSUE, RESULT, LIST, NOTICE };

struct sup_opts {
	pt_order order;
	pt_order_filter filter;
	const char *period, *result, *notice, *dir, *to;
	bool quiet;
	int mode;
	char **keys;                 /* --case, then keys read from stdin */
	size_t nkeys;
	char *period_buf;
};

static int add_key(struct pt_cli *c, struct sup_opts *s, const char *key)
{
	char **k = realloc(s->keys, (s->nkeys + 1) * sizeof *k);

	if (!k || !(k[s->nkeys] = strdup(key))) {
		free(k ? k : s->keys);
		s->keys = NULL;
		return pt_cli_error(c, PT_EDB, "out of memory");
	}
	s->keys = k;
	s->nkeys++;
	return PT_OK;
}

static int case_opt(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	return add_key(c, o->var, arg);
}

/* The cases of an order from stdin: ids, case numbers or uuids, plain or
 * in the records any tool prints. */
static int stdin_keys(struct pt_cli *c, struct sup_opts *s)
{
	pt_reader *rd = pt_reader_new(stdin, &pt_case_schema, PT_FMT_KEYS);
	pt_record *in = pt_record_new(&pt_case_schema);
	const char *key;
	pt_err e = {0};
	int n, rc = rd && in ? PT_OK : pt_cli_error(c, PT_EDB, "out of memory");

	while (!rc && (n = pt_reader_next_key(rd, in, &key, &e)) != 0)
		rc = n < 0 ? pt_cli_error(c, e.code ? e.code : PT_EINPUT, "%s", e.msg) :
			add_key(c, s, key);
	pt_reader_free(rd);
	pt_record_free(in);
	return rc;
}

/* --period FROM..TO */
static int split_period(struct pt_cli *c, struct sup_opts *s)
{
	char *dots;

	if (!s->period)
		return PT_OK;
	if (!(s->period_buf = strdup(s->period)))
		return pt_cli_error(c, PT_EDB, "out of memory");
	if (!(dots = strstr(s->period_buf, "..")))
		return pt_cli_error(c, PT_EUSAGE, "--period: FROM..TO, both dates");
	*dots = 0;
	s->order.period_from = s->period_buf;
	s->order.period_to = dots + 2;
	return PT_OK;
}

/* Prints what was done, after the commit (or the dry run's end). */
static int print(struct pt_cli *c, FILE *tmp)
{
	if (pt_cli_copy(tmp) < 0 && !ferror(stdout))
		return pt_cli_error(c, PT_EDB, "temporary file: read error");
	return PT_OK;
}

/* Issue or result: one transaction, the order's row printed after it. */
static int write_mode(struct pt_cli *c, struct sup_opts *s)
{
	pt_order_filter one = {0};
	pt_writer *w = NULL;
	FILE *tmp = NULL;
	pt_err e = {0};
	pt_db *db;
	long n;
	int rc;

	if (!(db = pt_cli_open(c, &rc)))
		return rc;
	s->order.cases = (const char *const *)s->keys;
	s->order.ncases = s->nkeys;
	if (!(tmp = tmpfile()) || !(w = pt_writer_new(tmp, &pt_order_schema, &c->out)))
		rc = pt_error(&e, PT_EDB, "temporary file: out of space or memory");
	else if (!(rc = pt_begin(db, &e)))
		rc = s->mode == ISSUE ? pt_order_issue(db, &s->order, &one.id, &e) :
			pt_order_result(db, s->result, s->order.text, &one.id, &e);
	if (!rc && !s->quiet)
		rc = pt_orders_list(db, &one, w, &n, &e);
	if (!rc && !c->open.dry_run)
		rc = pt_cli_commit(c, db, &e);
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(&e, PT_EDB, "temporary file: write error");
	if (rc)
		pt_cli_error(c, rc, "%s", e.msg);
	else
		rc = print(c, tmp);
	pt_close(db);              /* rolls back a dry run, or a failed one */
	if (tmp)
		fclose(tmp);
	return rc;
}

static int read_mode(struct pt_cli *c, struct sup_opts *s)
{
	pt_writer *w = NULL;
	pt_err e = {0};
	pt_db *db;
	long n;
	int rc;

	if (s->mode == NOTICE && (rc = pt_cli_text_only(c, "--notice")))
		return rc;
	c->open.readonly = true;
	if (!(db = pt_cli_open(c, &rc)))
		return rc;
	if (s->mode == NOTICE)
		rc = pt_order_notice(db, s->notice, s->dir, stdout, &e);
	else if (!(w = pt_writer_new(stdout, &pt_order_schema, &c->out)))
		rc = pt_error(&e, PT_EDB, "out of memory");
	else
		rc = pt_orders_list(db, &s->filter, w, &n, &e);
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(&e, PT_EDB, "stdout: write error");
	if (pt_cli_write_failed(rc))
		rc = PT_OK;             /* pt_cli_exit tells a closed pipe from a real error */
	else if (rc)
		pt_cli_error(c, rc, "%s", e.msg);
	pt_close(db);
	return rc;
}

/* Options that belong to another mode are refused, not ignored. */
static int check_mode(struct pt_cli *c, struct sup_opts *s)
{
	const pt_order *o = &s->order;

	if (s->mode != ISSUE && (o->issuer || o->issuer_unit || o->theme || s->period ||
	                         o->joint || o->due))
		return pt_cli_error(c, PT_EUSAGE, "--by-unit, --issuer, --theme, --period, --joint"
		                    " and --due: only to issue an order");
	if (s->mode != LIST && (s->filter.from || s->to || s->filter.overdue))
		return pt_cli_error(c, PT_EUSAGE, "--from, --to and --overdue: only with --list");
	if ((s->mode == RESULT || s->mode == NOTICE) &&
	    (o->kind || o->source || o->target_unit || s->nkeys))
		return pt_cli_error(c, PT_EUSAGE, "--kind, --source, --unit and --case: not with"
		                    " --%s", s->mode == RESULT ? "result" : "notice");
	if (s->mode != NOTICE && s->dir)
		return pt_cli_error(c, PT_EUSAGE, "--templates: only with --notice");
	if (s->mode == LIST && (o->text || s->nkeys > 1))
		return pt_cli_error(c, PT_EUSAGE, "--list: --text is not a filter; one --case at most");
	if ((s->mode == LIST || s->mode == NOTICE) && (c->open.dry_run || s->quiet))
		return pt_cli_error(c, PT_EUSAGE, "--dry-run and --quiet: to issue an order or"
		                    " record a result");
	return PT_OK;
}

/* The listing's filters are the options of an order. */
static void filters(struct sup_opts *s)
{
	s->filter.kind = s->order.kind;
	s->filter.source = s->order.source;
	s->filter.unit = s->order.target_unit;
	s->filter.to = s->to;
	s->filter.case_key = s->nkeys ? s->keys[0] : NULL;
}

int main(int argc, char **argv)
{
	struct sup_opts s = {0};
	pt_order *o = &s.order;
	struct pt_cli c = {
		.prog = "petition-supervise",
		.out = {.title = "orders", .title_zh = "督查督办"},
		.about = "supervision orders (督查督办): issue one, record its result, list them with the morning run's, print the notice (督办通知)",
		.synopsis = "--kind KIND --unit U --due DATE (--case CASE... | --theme TEXT --period FROM..TO)"
		            " [--source SRC] [--by-unit U] [--issuer NAME] [--joint TEXT] [--text TEXT]"
		            " | --result ORDER --text TEXT | --list [--kind KIND] [--source SRC] [--unit U]"
		            " [--from DATE] [--to DATE] [--overdue] [--case CASE]"
		            " | --notice ORDER [--templates DIR]  [OPTIONS]",
	};
	const struct pt_opt opts[] = {
		PT_OPT_STRING_OF("kind", 0, "KIND", &o->kind, pt_supervision_kinds, "special, individual, onsite or key (专项, 个案, 实地, 重点督查)"),
		PT_OPT_STRING_OF("source", 0, "SRC", &o->source, pt_order_sources, "office (default), central, provincial or joint; --list: morning_run too"),
		PT_OPT_STRING("unit", 'u', "U", &o->target_unit, "the unit the order goes to; --list: it and the units under it"),
		PT_OPT_CALLBACK("case", 'c', "CASE", case_opt, &s, "a case the order concerns (repeats; else keys on stdin)"),
		PT_OPT_STRING("by-unit", 0, "U", &o->issuer_unit, "the issuing unit (default: the office, else the parent of --unit)"),
		PT_OPT_STRING("issuer", 0, "NAME", &o->issuer, "who issues it"),
		PT_OPT_STRING("theme", 0, "TEXT", &o->theme, "the theme of a special supervision"),
		PT_OPT_STRING("period", 0, "FROM..TO", &s.period, "the period a special supervision covers"),
		PT_OPT_STRING("joint", 0, "TEXT", &o->joint, "the departments it is joint with"),
		PT_OPT_STRING("due", 0, "DATE", &o->due, "the report back is due on DATE"),
		PT_OPT_STRING("text", 0, "TEXT", &o->text, "what is ordered; with --result, what was reported back"),
		PT_OPT_CMDMODE_STRING("result", "ORDER", &s.result, NULL, &s.mode, RESULT, "record the result reported back for ORDER (SV-N)"),
		PT_OPT_CMDMODE("list", &s.mode, LIST, "list orders and the morning run's supervisions"),
		PT_OPT_STRING("from", 0, "DATE", &s.filter.from, "--list: issued on or after DATE"),
		PT_OPT_STRING("to", 0, "DATE", &s.to, "--list: issued on or before DATE"),
		PT_OPT_FLAG("overdue", 0, &s.filter.overdue, "--list: open past the due date only"),
		PT_OPT_CMDMODE_STRING("notice", "ORDER", &s.notice, NULL, &s.mode, NOTICE, "print the supervision notice (督办通知) of ORDER"),
		PT_OPT_STRING("templates", 0, "DIR", &s.dir, "--notice: the template from DIR (default: share/petition/templates)"),
		PT_OPT_FLAG("dry-run", 'n', &c.open.dry_run, "check and print the order or result, write nothing"),
		PT_OPT_FLAG("quiet", 'q', &s.quiet, "print nothing on success"),
		PT_OPT_END,
	};
	int i = (c.opts = opts, pt_cli_parse(&c, argc, argv)), rc;

	if (i < argc)
		rc = pt_cli_error(&c, PT_EUSAGE, "%s: unexpected operand (see --help)", argv[i]);
	else if (!(rc = check_mode(&c, &s)) && !(rc = split_period(&c, &s)) &&
	         s.mode == ISSUE && !s.nkeys && pt_cli_stdin_has_input())
		rc = stdin_keys(&c, &s);
	if (!rc) {
		filters(&s);
		rc = s.mode == ISSUE || s.mode == RESULT ? write_mode(&c, &s) : read_mode(&c, &s);
	}
	for (size_t k = 0; k < s.nkeys; k++)
		free(s.keys[k]);
	free(s.keys);
	free(s.period_buf);
	return pt_cli_exit(&c, rc);
}
