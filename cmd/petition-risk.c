/* petition-risk - the register of risks (风险): register, move along its
 * course, link cases, report an urgent major matter, list and show; set or
 * clear a case's risk flag; the duty rosters of the key periods */
#include "roster.h"
#include <stdio.h>
#include <string.h>

enum mode { M_LIST, M_ADD, M_MOVE, M_LINK, M_URGENT, M_FLAG, M_UNFLAG, M_SHOW, M_ROSTER };

struct risk_opts {
	int mode;
	const char *matter, *kind, *source, *unit, *level, *found_at, *cases, *text;
	const char *move, *link, *step, *from, *to, *reason, *dir;
	bool quiet;
	const char *key;              /* the operand: a risk, or a case */
	int64_t id;                   /* the risk written */
	struct pt_roster_opts r;
};

static int add(struct risk_opts *o, pt_db *db, int64_t *id, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_risk_schema);
	int rc;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	pt_record_sets(r, PT_R_MATTER, o->matter);
	pt_record_sets(r, PT_R_KIND, o->kind);
	pt_record_sets(r, PT_R_SOURCE, o->source);
	pt_record_sets(r, PT_R_UNIT, o->unit);
	pt_record_sets(r, PT_R_LEVEL, o->level);
	pt_record_sets(r, PT_R_FOUND_AT, o->found_at);
	rc = pt_risk_add(db, r, o->cases, o->text, id, e);
	pt_record_free(r);
	return rc;
}

static int flag(struct risk_opts *o, pt_db *db, const char *key, pt_err *e)
{
	int64_t id;
	int rc = pt_case_resolve(db, key, &id, e);

	return rc ? rc : pt_risk_flag(db, id, o->mode == M_FLAG, o->reason, e);
}

/* What a mode that writes does, in the open transaction; the urgent report
 * goes to doc. */
static int change(struct pt_cli *c, pt_db *db, void *arg, FILE *doc, pt_err *e)
{
	struct risk_opts *o = arg;
	const char *key = o->key;
	int64_t *id = &o->id;
	int rc;

	(void)c;
	if (o->mode == M_ADD)
		return add(o, db, id, e);
	if (o->mode == M_FLAG || o->mode == M_UNFLAG)
		return flag(o, db, key, e);
	if ((rc = pt_risk_resolve(db, key, id, e)))
		return rc;
	switch (o->mode) {
	case M_MOVE: return pt_risk_step(db, *id, o->move, o->text, e);
	case M_LINK: return pt_risk_link(db, *id, o->link, o->text, e);
	default: return pt_risk_urgent(db, *id, o->dir, doc, e);
	}
}

static int write_mode(struct pt_cli *c, struct risk_opts *o, pt_db *db, const char *key)
{
	int rc;

	o->key = key;
	if ((rc = pt_cli_transaction(c, db, change, o, o->mode == M_URGENT)) ||
	    o->mode == M_URGENT || o->quiet || o->mode == M_FLAG || o->mode == M_UNFLAG)
		return rc;
	return pt_cli_put_one(c, db, &pt_risk_schema, pt_risk_get, o->id);
}

static int list(struct pt_cli *c, struct risk_opts *o, pt_db *db)
{
	pt_risk_filter f = {.kind = o->kind, .step = o->step, .level = o->level,
	                    .unit = o->unit, .from = o->from, .to = o->to};
	pt_cursor *cur = NULL;
	pt_err e = {0};
	int rc = pt_risks_query(db, &f, &cur, &e);

	return pt_cli_put_cursor(c, &pt_risk_schema, cur, rc, &e);
}

/* The options each mode takes beside the common ones. */
static int check(struct pt_cli *c, struct risk_opts *o, int operands)
{
	bool adding = o->mode == M_ADD, listing = o->mode == M_LIST;
	bool flagging = o->mode == M_FLAG || o->mode == M_UNFLAG, roster = o->mode == M_ROSTER;

	if (c->modes > 1)
		return pt_cli_error(c, PT_EUSAGE, "one of --add, --move, --link, --urgent, --flag,"
		                    " --unflag, --show, --roster at a time");
	if (!adding && (o->matter || o->source || o->found_at || o->cases))
		return pt_cli_error(c, PT_EUSAGE, "--matter, --source, --found-at and --case go"
		                    " with --add");
	if (!adding && !listing && (o->kind || (o->unit && !roster) || o->level))
		return pt_cli_error(c, PT_EUSAGE, "--kind, --unit and --level go with --add or"
		                    " a list");
	if (!listing && (o->step || o->from || o->to))
		return pt_cli_error(c, PT_EUSAGE, "--step, --from and --to go with a list");
	if (!flagging && o->reason)
		return pt_cli_error(c, PT_EUSAGE, "--reason goes with --flag or --unflag");
	if (o->text && (listing || flagging || roster || o->mode == M_URGENT || o->mode == M_SHOW))
		return pt_cli_error(c, PT_EUSAGE, "--text goes with --add, --move or --link");
	if (o->dir && o->mode != M_URGENT)
		return pt_cli_error(c, PT_EUSAGE, "--templates goes with --urgent");
	if (pt_roster_check(c, &o->r, roster))
		return PT_EUSAGE;
	if ((adding || listing || roster) && operands)
		return pt_cli_error(c, PT_EUSAGE, "unexpected operand (see --help)");
	if (!adding && !listing && !roster && operands != 1)
		return pt_cli_error(c, PT_EUSAGE, "one %s, please (see --help)",
		                    flagging ? "case" : "risk");
	return PT_OK;
}

int main(int argc, char **argv)
{
	struct risk_opts o = {0};
	const struct pt_opt opts[] = {
		PT_OPT_CMDMODE("add", &o.mode, M_ADD, "register a risk (at step found); needs --matter, --kind, --source, --unit"),
		PT_OPT_STRING("matter", 0, "TEXT", &o.matter, "the project or matter (项目或事项), e.g. a waste incineration plant's siting"),
		PT_OPT_STRING_OF("kind", 0, "K", &o.kind, pt_risk_kinds, "nimby, pollution_incident, collective, online_opinion or other"),
		PT_OPT_STRING_OF("source", 0, "S", &o.source, pt_risk_sources, "where it was found: letters_visits, hotline, online_opinion, enforcement or media"),
		PT_OPT_STRING("unit", 'u', "U", &o.unit, "the unit (a list: it and the units under it)"),
		PT_OPT_STRING_OF("level", 0, "L", &o.level, pt_risk_levels, "general (default), serious or major (重大: an urgent major matter)"),
		PT_OPT_STRING("found-at", 0, "TIME", &o.found_at, "when it was found (default: now)"),
		PT_OPT_STRING("case", 0, "CASES", &o.cases, "link these cases (a comma list) at once"),
		PT_OPT_STRING("text", 0, "TEXT", &o.text, "what was found or done, into the risk's history"),
		PT_OPT_CMDMODE_STRING("move", "STEP", &o.move, pt_risk_steps, &o.mode, M_MOVE, "move RISK to its next step: verified, reported, handled, closed"),
		PT_OPT_CMDMODE_STRING("link", "CASES", &o.link, NULL, &o.mode, M_LINK, "link cases (a comma list) to RISK"),
		PT_OPT_CMDMODE("urgent", &o.mode, M_URGENT, "write RISK's urgent major matter report (重大紧急事项报告) and record it"),
		PT_OPT_STRING("templates", 0, "DIR", &o.dir, "the report's template from DIR (default: share/petition/templates)"),
		PT_OPT_CMDMODE("flag", &o.mode, M_FLAG, "set CASE's risk flag (风险); needs --reason"),
		PT_OPT_CMDMODE("unflag", &o.mode, M_UNFLAG, "clear CASE's risk flag; needs --reason"),
		PT_OPT_STRING("reason", 0, "TEXT", &o.reason, "why the flag is set or cleared (in the case's history)"),
		PT_OPT_CMDMODE("show", &o.mode, M_SHOW, "show RISK and its history"),
		PT_OPT_STRING_OF("step", 0, "STEP", &o.step, pt_risk_steps, "list the risks at this step"),
		PT_OPT_STRING("from", 0, "DATE", &o.from, "list the risks found on or after DATE"),
		PT_OPT_STRING("to", 0, "DATE", &o.to, "list the risks found on or before DATE"),
		PT_OPT_CMDMODE_STRING("roster", "PERIOD", &o.r.period, NULL, &o.mode, M_ROSTER, "the duty roster of the key period PERIOD (重要节点: its first day, or FROM..TO): list its days, or set one"),
		PT_ROSTER_OPTS(&o.r),
		PT_OPT_FLAG("quiet", 'q', &o.quiet, "print nothing on success"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-risk",
		.out = {.title = "risks", .title_zh = "风险"},
		.about = "keep the register of social-stability risks (风险): find, verify, report, handle, close",
		.synopsis = "[--kind K] [--unit U] [--step STEP] [--level L] [--from DATE] [--to DATE]"
		            " | --add --matter TEXT --kind K --source S --unit U [--level L]"
		            " [--found-at TIME] [--case CASES] [--text TEXT]"
		            " | --move STEP [--text TEXT] RISK | --link CASES [--text TEXT] RISK"
		            " | --urgent [--templates DIR] RISK | --show RISK"
		            " | (--flag | --unflag) --reason TEXT CASE"
		            " | --roster PERIOD [--date DATE [--on-duty NAMES] [--leader NAME]]"
		            " | --roster PERIOD --daily-report [--unit U]  [OPTIONS]",
		.opts = opts, .modes_later = true,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;
	pt_db *db;

	o.r.unit = o.unit;
	o.r.quiet = o.quiet;
	if ((rc = check(&c, &o, argc - i)))
		return rc;
	if (o.mode == M_LIST || o.mode == M_SHOW || (o.mode == M_ROSTER && !pt_roster_writes(&o.r)))
		c.open.readonly = true;    /* reading never creates a database */
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (o.mode == M_LIST)
		rc = list(&c, &o, db);
	else if (o.mode == M_SHOW)
		rc = pt_cli_show(&c, db, argv[i], pt_risk_resolve, pt_show_risk);
	else if (o.mode == M_ROSTER)
		rc = pt_roster_run(&c, &o.r, db);
	else
		rc = write_mode(&c, &o, db, i < argc ? argv[i] : NULL);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
