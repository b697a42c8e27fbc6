/* petition-visit - record a leader's reception or visit (接访下访), list
 * them, load and print the reception schedule and its public notice */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { M_RECORD, M_LIST, M_SCHEDULE, M_NOTICE };

struct visit {
	pt_visit v;
	pt_visit_filter f;
	const char *dir;
	const char **cases;
	int ncases, mode;
	bool begun;
	int64_t id;
};

static int case_opt(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	struct visit *x = o->var;
	const char **p = realloc(x->cases, (size_t)(x->ncases + 1) * sizeof *p);

	if (!p)
		return pt_cli_error(c, PT_EDB, "out of memory");
	x->cases = p;
	x->cases[x->ncases++] = arg;
	return PT_OK;
}

/* The visit, recorded in the transaction begun on first need (after a
 * tool upstream in a pipeline committed). */
static int begin(struct pt_cli *c, pt_db *db, struct visit *x)
{
	pt_err e = {0};
	int rc;

	if (x->begun)
		return PT_OK;
	if ((rc = pt_begin(db, &e)) || (rc = pt_visit_add(db, &x->v, &x->id, &e)))
		return pt_cli_error(c, rc, "%s", e.msg);
	x->begun = true;
	return PT_OK;
}

static int link_key(struct pt_cli *c, pt_db *db, const char *key, const char *where,
                    void *ctx)
{
	struct visit *x = ctx;
	pt_err e = {0};
	int64_t id;
	int rc;

	if ((rc = begin(c, db, x)))
		return rc;
	if ((rc = pt_case_resolve(db, key, &id, &e)) || (rc = pt_visit_link(db, x->id, id, &e)))
		return pt_cli_error_at(c, rc, where, e.msg);
	return PT_OK;
}

/* Writes the rows of cur (opened with status rc) in the records of s. */
static int print_rows(struct pt_cli *c, const pt_schema *s, pt_cursor *cur, int rc, pt_err *e)
{
	pt_record *r = pt_record_new(s);
	pt_writer *w = pt_writer_new(stdout, s, &c->out);
	int n = 0;

	if (!rc && (!r || !w))
		rc = pt_error(e, PT_EDB, "out of memory");
	while (!rc && (n = pt_cursor_next(cur, r, e)) == 1)
		if (pt_writer_put(w, r) < 0)
			break;
	if (rc || n < 0)
		pt_cli_error(c, rc ? rc : e->code, "%s", e->msg);
	pt_cursor_close(cur);
	pt_writer_close(w);
	pt_record_free(r);
	return rc ? rc : n < 0 ? e->code : PT_OK;
}

static int list(struct pt_cli *c, pt_db *db, const pt_visit_filter *f)
{
	pt_cursor *cur = NULL;
	pt_err e = {0};
	int rc = pt_visits_query(db, f, &cur, &e);

	return print_rows(c, &pt_visit_schema, cur, rc, &e);
}

static int record(struct pt_cli *c, pt_db *db, struct visit *x)
{
	pt_visit_filter f = {0};
	pt_err e = {0};
	int rc = PT_OK, worst = PT_OK;

	if (!x->v.kind || !x->v.leader)
		return pt_cli_error(c, PT_EUSAGE, "--%s: required to record a visit (see --help)",
		                    x->v.kind ? "leader" : "kind");
	if ((rc = pt_visit_check(db, &x->v, &e)))
		return pt_cli_error(c, rc, "%s", e.msg);
	for (int i = 0; i < x->ncases && worst != PT_EDB; i++)
		if ((rc = link_key(c, db, x->cases[i], "--case", x)) > worst)
			worst = rc;
	if (worst != PT_EDB && pt_cli_stdin_has_input() &&
	    (rc = pt_cli_each_key(c, db, link_key, x)) > worst)
		worst = rc;
	if (!worst && (rc = begin(c, db, x)))
		worst = rc;
	if (worst) {
		pt_rollback(db);
		return worst;
	}
	f.id = x->id;
	if (c->open.dry_run) {
		rc = list(c, db, &f);
		pt_rollback(db);
		return rc;
	}
	if ((rc = pt_cli_commit(c, db, &e)))
		return pt_cli_error(c, rc, "%s", e.msg);
	return list(c, db, &f);
}

static int schedule_print(struct pt_cli *c, pt_db *db)
{
	pt_cursor *cur = NULL;
	pt_err e = {0};
	int rc = pt_schedule_query(db, &cur, &e);

	return print_rows(c, &pt_schedule_schema, cur, rc, &e);
}

static int schedule_load(struct pt_cli *c, pt_db *db, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	pt_errlist *errs = pt_errlist_new();
	pt_err e = {0};
	int rc;

	if (!f || !errs) {
		rc = f ? pt_cli_error(c, PT_EDB, "out of memory") :
			pt_cli_error(c, PT_EINPUT, "%s: %s", path, strerror(errno));
	} else if ((rc = pt_begin(db, &e))) {
		pt_cli_error(c, rc, "%s", e.msg);
	} else if ((rc = pt_schedule_load(db, f, c->input_format, errs))) {
		pt_cli_errors(c, errs);
		pt_rollback(db);
	} else if (c->open.dry_run) {
		rc = schedule_print(c, db);
		pt_rollback(db);
	} else if ((rc = pt_cli_commit(c, db, &e))) {
		pt_cli_error(c, rc, "%s", e.msg);
	} else {
		rc = schedule_print(c, db);
	}
	if (f && f != stdin)
		fclose(f);
	pt_errlist_free(errs);
	return rc;
}

static int notice(struct pt_cli *c, pt_db *db, const char *dir)
{
	pt_err e = {0};
	int rc = pt_cli_text_only(c, "--notice");

	if (rc)
		return rc;
	rc = pt_schedule_notice(db, dir, stdout, &e);
	return rc ? pt_cli_error(c, rc, "%s", e.msg) : PT_OK;
}

static int run(struct pt_cli *c, pt_db *db, struct visit *x, const char *file)
{
	int rc;

	x->f.leader = x->v.leader;
	x->f.kind = x->v.kind;
	x->f.unit = x->v.unit;
	switch (x->mode) {
	case M_LIST: rc = list(c, db, &x->f); break;
	case M_SCHEDULE: rc = file ? schedule_load(c, db, file) : schedule_print(c, db); break;
	case M_NOTICE: rc = notice(c, db, x->dir); break;
	default: rc = record(c, db, x); break;
	}
	pt_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	struct visit x = {0};
	struct pt_cli c = {
		.prog = "petition-visit",
		.out = {.title = "visits", .title_zh = "接访下访"},
		.about = "record and list leaders' receptions and visits (领导接访下访), and the reception schedule",
		.synopsis = "--kind KIND --leader NAME [--case CASE]... [OPTIONS] [< cases] | --list [FILTERS] | --schedule [FILE] | --notice",
	};
	const struct pt_opt opts[] = {
		PT_OPT_CMDMODE("list", &x.mode, M_LIST, "list the visits (--leader, --kind, --unit, --from, --to narrow it)"),
		PT_OPT_CMDMODE("schedule", &x.mode, M_SCHEDULE, "print the reception schedule; with FILE (- is stdin), load it in its place"),
		PT_OPT_CMDMODE("notice", &x.mode, M_NOTICE, "write the public notice of the reception schedule (接访公告)"),
		PT_OPT_STRING_OF("kind", 0, "KIND", &x.v.kind, pt_visit_kinds, "reception, field, appointment, home or follow_up (a comma list with --list)"),
		PT_OPT_STRING("date", 0, "DATE", &x.v.date, "the day of the visit (default: today)"),
		PT_OPT_STRING("leader", 'L', "NAME", &x.v.leader, "the leader who received or went out"),
		PT_OPT_STRING("post", 0, "POST", &x.v.post, "the leader's post (职务)"),
		PT_OPT_STRING("unit", 'u', "U", &x.v.unit, "the leader's unit (default: the office); with --list, and the units under it"),
		PT_OPT_STRING("place", 0, "PLACE", &x.v.place, "where"),
		PT_OPT_CALLBACK("case", 'c', "CASE", case_opt, &x, "a case the visit concerned (id, case number or uuid; repeat it; also on stdin)"),
		PT_OPT_STRING("people", 0, "TEXT", &x.v.people, "the people met (personal data: masked on output)"),
		PT_OPT_STRING("decision", 0, "TEXT", &x.v.decision, "what was decided (议定事项)"),
		PT_OPT_STRING("from", 0, "DATE", &x.f.from, "--list: visits from this day"),
		PT_OPT_STRING("to", 0, "DATE", &x.f.to, "--list: visits up to this day"),
		PT_OPT_STRING("templates", 0, "DIR", &x.dir, "--notice: templates from DIR (default: share/petition/templates)"),
		PT_OPT_FLAG("dry-run", 'n', &c.open.dry_run, "check and print, write nothing"),
		PT_OPT_END,
	};
	int i, rc;
	pt_db *db;

	c.opts = opts;
	i = pt_cli_parse(&c, argc, argv);
	if (i < argc && (x.mode != M_SCHEDULE || i + 1 < argc))
		rc = pt_cli_error(&c, PT_EUSAGE, "%s: unexpected operand (see --help)",
		                  argv[i + (x.mode == M_SCHEDULE)]);
	else if ((db = pt_cli_open(&c, &rc)))
		rc = run(&c, db, &x, i < argc ? argv[i] : NULL);
	free(x.cases);
	return pt_cli_exit(&c, rc);
}

