/* petition-mediate - pollution-damage disputes (污染损害纠纷) and their
 * mediation (调解): register, consent, sessions, support given to the
 * injured party, the outcome and its document; list, show, and report
 * per unit */
#include "cli.h"
#include <stdio.h>
#include <string.h>

enum mode { M_LIST, M_ADD, M_CONSENT, M_SESSION, M_AGREE, M_FAIL, M_SUPPORT, M_LINK,
            M_SHOW, M_REPORT };

struct mediate_opts {
	int mode;
	const char *injured, *phone, *accused, *damage, *unit, *filed_at, *cases, *text;
	const char *session, *place, *remedy, *support, *link, *step, *from, *to, *due_by;
	const char *dir;
	bool quiet;
	const char *key;              /* the operand: a dispute */
	int64_t id;                   /* the dispute written */
};

static int add(struct mediate_opts *o, pt_db *db, int64_t *id, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_dispute_schema);
	int rc;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	pt_record_sets(r, PT_D_INJURED, o->injured);
	pt_record_sets(r, PT_D_INJURED_PHONE, o->phone);
	pt_record_sets(r, PT_D_ACCUSED, o->accused);
	pt_record_sets(r, PT_D_DAMAGE, o->damage);
	pt_record_sets(r, PT_D_UNIT, o->unit);
	pt_record_sets(r, PT_D_FILED_AT, o->filed_at);
	rc = pt_dispute_add(db, r, o->cases, o->text, id, e);
	pt_record_free(r);
	return rc;
}

/* What a mode that writes does, in the open transaction; an outcome's
 * document goes to doc. */
static int change(struct pt_cli *c, pt_db *db, void *arg, FILE *doc, pt_err *e)
{
	struct mediate_opts *o = arg;
	int64_t *id = &o->id;
	int rc;

	if (o->mode == M_ADD)
		return add(o, db, id, e);
	if ((rc = pt_dispute_resolve(db, o->key, id, e)))
		return rc;
	switch (o->mode) {
	case M_CONSENT: return pt_dispute_consent(db, *id, o->text, e);
	case M_SESSION: return pt_dispute_session(db, *id, o->session, o->place, o->text, e);
	case M_SUPPORT: return pt_dispute_support(db, *id, o->support, o->text, e);
	case M_LINK: return pt_dispute_link(db, *id, o->link, o->text, e);
	case M_AGREE: return pt_dispute_agree(db, *id, o->text, o->dir, c->out.personal, doc, e);
	default:
		return pt_dispute_fail(db, *id, o->remedy, o->text, o->dir, c->out.personal, doc, e);
	}
}

static int write_mode(struct pt_cli *c, struct mediate_opts *o, pt_db *db, const char *key)
{
	bool outcome = o->mode == M_AGREE || o->mode == M_FAIL;
	int rc;

	o->key = key;
	if ((rc = pt_cli_transaction(c, db, change, o, outcome)) || outcome || o->quiet)
		return rc;                /* an outcome printed its document */
	return pt_cli_put_one(c, db, &pt_dispute_schema, pt_dispute_get, o->id);
}

static int list(struct pt_cli *c, struct mediate_opts *o, pt_db *db)
{
	pt_dispute_filter f = {.step = o->step, .remedy = o->remedy, .unit = o->unit,
	                       .from = o->from, .to = o->to, .due_by = o->due_by};
	pt_cursor *cur = NULL;
	pt_err e = {0};
	int rc = pt_disputes_query(db, &f, &cur, &e);

	return pt_cli_put_cursor(c, &pt_dispute_schema, cur, rc, &e);
}

static int report(struct pt_cli *c, struct mediate_opts *o, pt_db *db)
{
	pt_err e = {0};
	int rc = pt_dispute_report(db, o->from, o->to, o->unit, stdout, &c->out, &e);

	if (pt_cli_write_failed(rc))
		return PT_OK;            /* pt_cli_exit tells a closed pipe from a real error */
	return rc ? pt_cli_error(c, rc, "%s", e.msg) : PT_OK;
}

/* The options each mode takes beside the common ones. */
static int check(struct pt_cli *c, struct mediate_opts *o, int operands)
{
	bool adding = o->mode == M_ADD, listing = o->mode == M_LIST, counting = o->mode == M_REPORT;
	bool texts = adding || o->mode == M_CONSENT || o->mode == M_SESSION || o->mode == M_AGREE ||
		o->mode == M_FAIL || o->mode == M_SUPPORT || o->mode == M_LINK;

	if (c->modes > 1)
		return pt_cli_error(c, PT_EUSAGE, "one of --list, --add, --consent, --session,"
		                    " --agree, --fail, --support, --link, --show, --report at a time");
	if (!adding && (o->injured || o->phone || o->accused || o->damage || o->filed_at ||
	                o->cases))
		return pt_cli_error(c, PT_EUSAGE, "--injured, --injured-phone, --accused, --damage,"
		                    " --filed-at and --case go with --add");
	if (!adding && !listing && !counting && o->unit)
		return pt_cli_error(c, PT_EUSAGE, "--unit goes with --add, a list or --report");
	if (!listing && (o->step || o->due_by))
		return pt_cli_error(c, PT_EUSAGE, "--step and --due-by go with a list");
	if (!listing && !counting && (o->from || o->to))
		return pt_cli_error(c, PT_EUSAGE, "--from and --to go with a list or --report");
	if (o->remedy && o->mode != M_FAIL && !listing)
		return pt_cli_error(c, PT_EUSAGE, "--remedy goes with --fail or a list");
	if (o->place && o->mode != M_SESSION)
		return pt_cli_error(c, PT_EUSAGE, "--place goes with --session");
	if (o->text && !texts)
		return pt_cli_error(c, PT_EUSAGE, "--text does not go with a list or --show");
	if (o->dir && o->mode != M_AGREE && o->mode != M_FAIL)
		return pt_cli_error(c, PT_EUSAGE, "--templates goes with --agree or --fail");
	if ((adding || listing || counting) && operands)
		return pt_cli_error(c, PT_EUSAGE, "unexpected operand (see --help)");
	if (!adding && !listing && !counting && operands != 1)
		return pt_cli_error(c, PT_EUSAGE, "one dispute, please (see --help)");
	return PT_OK;
}

int main(int argc, char **argv)
{
	struct mediate_opts o = {0};
	const struct pt_opt opts[] = {
		PT_OPT_CMDMODE("add", &o.mode, M_ADD, "register a dispute (at step filed); needs --injured, --accused, --damage, --unit"),
		PT_OPT_STRING("injured", 0, "NAME", &o.injured, "the injured party (受害方): personal data, masked in every output"),
		PT_OPT_STRING("injured-phone", 0, "PHONE", &o.phone, "the injured party's phone (masked)"),
		PT_OPT_STRING("accused", 0, "NAME", &o.accused, "the company or site accused of the damage (被投诉对象)"),
		PT_OPT_STRING("damage", 0, "TEXT", &o.damage, "the damage claimed and what is asked for"),
		PT_OPT_STRING("unit", 'u', "U", &o.unit, "the unit that mediates (a list, --report: it and the units under it)"),
		PT_OPT_STRING("filed-at", 0, "TIME", &o.filed_at, "when the dispute was brought (default: now)"),
		PT_OPT_STRING("case", 0, "CASES", &o.cases, "the cases it came from (a comma list), linked at once"),
		PT_OPT_STRING("text", 0, "TEXT", &o.text, "a note; with --agree the terms agreed, with --fail why it failed"),
		PT_OPT_CMDMODE("consent", &o.mode, M_CONSENT, "both parties consent to mediate DISPUTE: the mediation time limit starts"),
		PT_OPT_CMDMODE_STRING("session", "DATE", &o.session, NULL, &o.mode, M_SESSION, "a session of mediation of DISPUTE held on DATE; needs --place"),
		PT_OPT_STRING("place", 0, "TEXT", &o.place, "where the session was held"),
		PT_OPT_CMDMODE("agree", &o.mode, M_AGREE, "the parties agreed: record it and write the mediation agreement (调解协议书); needs --text"),
		PT_OPT_CMDMODE("fail", &o.mode, M_FAIL, "the mediation failed: record it and write the notice naming the next remedy; needs --remedy, --text"),
		PT_OPT_STRING_OF("remedy", 0, "R", &o.remedy, pt_dispute_remedies, "the next remedy: civil_suit (民事诉讼), arbitration (仲裁) or reconsideration (行政复议)"),
		PT_OPT_STRING("templates", 0, "DIR", &o.dir, "the document's template from DIR (default: share/petition/templates)"),
		PT_OPT_CMDMODE_STRING("support", "KIND", &o.support, pt_dispute_supports, &o.mode, M_SUPPORT, "legal or technical support given to the injured party; needs --text"),
		PT_OPT_CMDMODE_STRING("link", "CASES", &o.link, NULL, &o.mode, M_LINK, "link cases (a comma list) to DISPUTE"),
		PT_OPT_CMDMODE("show", &o.mode, M_SHOW, "show DISPUTE and its history"),
		PT_OPT_CMDMODE("list", &o.mode, M_LIST, "list the disputes, oldest first (the default; --unit, --step, --remedy, --from, --to, --due-by narrow it)"),
		PT_OPT_STRING_OF("step", 0, "STEP", &o.step, pt_dispute_steps, "list the disputes at this step: filed, consented, mediating, agreed, failed"),
		PT_OPT_CMDMODE("report", &o.mode, M_REPORT, "per unit, every unit a row: disputes filed, consented, agreed, failed in the period (--from, --to), open and overdue at its end, support given"),
		PT_OPT_STRING("from", 0, "DATE", &o.from, "list the disputes filed on or after DATE; --report: the period's first day (default: since the first)"),
		PT_OPT_STRING("to", 0, "DATE", &o.to, "list the disputes filed on or before DATE; --report: the period's last day (default: today)"),
		PT_OPT_STRING("due-by", 0, "DATE", &o.due_by, "list the mediations open and due on or before DATE"),
		PT_OPT_FLAG("quiet", 'q', &o.quiet, "print nothing on success"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-mediate",
		.about = "mediate pollution-damage disputes (调解): consent, sessions, an agreement or the next remedy",
		.synopsis = "[--list] [--unit U] [--step STEP] [--remedy R] [--from DATE] [--to DATE] [--due-by DATE]"
		            " | --add --injured NAME [--injured-phone PHONE] --accused NAME --damage TEXT"
		            " --unit U [--filed-at TIME] [--case CASES] [--text TEXT]"
		            " | --consent [--text TEXT] DISPUTE"
		            " | --session DATE --place TEXT [--text TEXT] DISPUTE"
		            " | --agree --text TEXT [--templates DIR] DISPUTE"
		            " | --fail --remedy R --text TEXT [--templates DIR] DISPUTE"
		            " | --support KIND --text TEXT DISPUTE | --link CASES [--text TEXT] DISPUTE"
		            " | --show DISPUTE | --report [--from DATE] [--to DATE] [--unit U]  [OPTIONS]",
		.opts = opts, .modes_later = true,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;
	pt_db *db;

	if ((rc = check(&c, &o, argc - i)))
		return rc;
	if (o.mode == M_LIST || o.mode == M_SHOW || o.mode == M_REPORT)
		c.open.readonly = true;    /* reading never creates a database */
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (o.mode == M_LIST)
		rc = list(&c, &o, db);
	else if (o.mode == M_REPORT)
		rc = report(&c, &o, db);
	else if (o.mode == M_SHOW)
		rc = pt_cli_show(&c, db, argv[i], pt_dispute_resolve, pt_show_dispute);
	else
		rc = write_mode(&c, &o, db, i < argc ? argv[i] : NULL);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
