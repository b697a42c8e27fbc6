/* mediate_doc.c - the outcome of a dispute's mediation and its document:
 * the mediation agreement (调解协议书) or the notice that mediation failed
 * naming the next remedy (调解终止告知书); and the morning run's reminders
 * of mediations near or past their time limit */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

enum { S_CONSENTED = 1, S_MEDIATING = 2, S_AGREED = 3, S_FAILED = 4 };
static const char A_AGREEMENT[] = "agreement", A_FAILURE[] = "failure",
	A_SESSION[] = "session", A_SUPPORT[] = "support";
/* the columns of an event (pt_dispute_event_schema) */
enum { EV_ACTION = 3, EV_DAY = 6, EV_PLACE = 7, EV_TEXT = 8 };

/* what the notice of a failure tells the injured party of each remedy */
static const char *const remedy_text[] = {
	"可依法向人民法院提起民事诉讼",
	"可依据双方的仲裁协议向仲裁机构申请仲裁",
	"对行政机关的具体行政行为不服的，可依法申请行政复议",
};

struct doc {
	pt_db *db;
	const pt_record *d;
	bool personal;
	const char *text, *remedy;       /* the terms or the reason; the remedy's code */
	char date[11], consent[11], name[128];
	char *sessions, *support;        /* one line each */
};

static const char *remedy_sentence(const char *code)
{
	for (int i = 0; pt_dispute_remedies[i].code; i++)
		if (code && !strcmp(code, pt_dispute_remedies[i].code))
			return remedy_text[i];
	return "";
}

static const char *doc_value(void *arg, const char *name)
{
	struct doc *x = arg;
	const char *v;
	int f;

	if (!strcmp(name, "date"))
		return x->date;
	if (!strcmp(name, "consent_date"))
		return x->consent;
	if (!strcmp(name, "sessions"))
		return x->sessions && *x->sessions ? x->sessions : "（无）\n";
	if (!strcmp(name, "support"))
		return x->support && *x->support ? x->support : "（无）\n";
	if (!strcmp(name, "text"))
		return x->text;
	if (!strcmp(name, "remedy"))
		return pt_enum_label(pt_dispute_remedies, x->remedy);
	if (!strcmp(name, "remedy_text"))
		return remedy_sentence(x->remedy);
	if (!strcmp(name, "actor"))
		return x->db->actor;
	if ((f = pt_schema_lookup(&pt_dispute_schema, name)) < 0)
		return NULL;
	if (f == PT_D_INJURED || f == PT_D_INJURED_PHONE) {
		v = pt_record_get(x->d, f);
		if (!v || x->personal)
			return v ? v : "";
		pt_mask(f == PT_D_INJURED ? PT_F_PETITIONER_NAME : PT_F_PETITIONER_PHONE, v,
		        x->name, sizeof x->name);
		return x->name;
	}
	return pt_template_field(&pt_dispute_schema, x->d, name);
}

/* The sessions and the support of the dispute's history, a line each. */
static int gather(struct doc *x, int64_t id, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_dispute_event_schema);
	pt_buf s = {0}, t = {0};
	pt_cursor *c = NULL;
	int rc, n = 0;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	rc = pt_dispute_events_query(x->db, id, &c, e);
	while (!rc && (n = pt_cursor_next(c, r, e)) == 1) {
		const char *a = pt_record_get(r, EV_ACTION), *text = pt_record_get(r, EV_TEXT);
		char line[4400];
		if (!strcmp(a, A_SESSION)) {
			snprintf(line, sizeof line, "%s，%s%s%s\n", pt_record_get(r, EV_DAY),
			         pt_record_get(r, EV_PLACE), text ? "：" : "", text ? text : "");
			if (pt_buf_adds(&s, line) < 0)
				rc = pt_error(e, PT_EDB, "out of memory");
		} else if (!strcmp(a, A_SUPPORT)) {      /* "legal: what" */
			size_t k = strcspn(text, ":");
			char code[16];
			snprintf(code, sizeof code, "%.*s", (int)(k < 15 ? k : 15), text);
			snprintf(line, sizeof line, "%s：%s\n", pt_enum_label(pt_dispute_supports, code),
			         text[k] ? text + k + 1 + (text[k + 1] == ' ') : "");
			if (pt_buf_adds(&t, line) < 0)
				rc = pt_error(e, PT_EDB, "out of memory");
		}
	}
	if (!rc && n < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	x->sessions = s.p;               /* freed by the caller */
	x->support = t.p;
	return rc;
}

static int write_doc(struct doc *x, int64_t id, const char *kind, const char *dir,
                     FILE *out, pt_err *e)
{
	int64_t t;
	int rc;

	pt_date_format(pt_local_day(x->db->now), x->date);
	if (pt_record_get(x->d, PT_D_CONSENT_AT) &&      /* none: failed at filed */
	    !pt_time_parse(pt_record_get(x->d, PT_D_CONSENT_AT), &t))
		pt_date_format(pt_local_day(t), x->consent);
	if (!(rc = gather(x, id, e)))
		rc = pt_template_write(dir, kind, doc_value, x, out, e);
	free(x->sessions);
	free(x->support);
	return rc;
}

/* The outcome: the document, then the dispute's step and its event. */
static int outcome(pt_db *db, int64_t id, int step, const char *kind, struct doc *x,
                   const char *dir, FILE *out, pt_err *e)
{
	pt_record *d = pt_record_new(&pt_dispute_schema);
	unsigned mask = step == S_AGREED ? 1u << S_MEDIATING : 1u | 1u << S_CONSENTED |
		1u << S_MEDIATING;
	char now[21];
	struct pt_dispute_change c = {.step = pt_dispute_steps[step].code, .remedy = x->remedy,
	                              .outcome_at = now};
	int rc;

	if (!d)
		return pt_error(e, PT_EDB, "out of memory");
	x->db = db;
	x->d = d;
	pt_time_format_utc(db->now, now);
	if (!(rc = pt_dispute_at(db, id, d, mask, e)) &&
	    !(rc = write_doc(x, id, kind, dir, out, e)) &&
	    !(rc = pt_store_dispute_set(db, id, &c, e)))
		rc = pt_dispute_event(db, d, step == S_AGREED ? A_AGREEMENT : A_FAILURE, c.step,
		                      NULL, NULL, x->text, e);
	pt_record_free(d);
	return rc;
}

int pt_dispute_agree(pt_db *db, int64_t id, const char *terms, const char *dir,
                     bool personal, FILE *out, pt_err *e)
{
	struct doc x = {.personal = personal, .text = terms};
	int rc;

	if (!terms)
		return pt_error(e, PT_EUSAGE, "--text: needed with --agree (the terms agreed)");
	if ((rc = pt_text_value("--text", terms, 4096, true, e)))
		return rc;
	return outcome(db, id, S_AGREED, "mediation_agreement", &x, dir, out, e);
}

int pt_dispute_fail(pt_db *db, int64_t id, const char *remedy, const char *reason,
                    const char *dir, bool personal, FILE *out, pt_err *e)
{
	struct doc x = {.personal = personal, .text = reason};
	int rc;

	if (!remedy)
		return pt_error(e, PT_EUSAGE, "--remedy: needed with --fail (the next remedy)");
	if (!reason)
		return pt_error(e, PT_EUSAGE, "--text: needed with --fail (why it failed)");
	if ((rc = pt_enum_value("--remedy", remedy, pt_dispute_remedies, &x.remedy, e)) ||
	    (rc = pt_text_value("--text", reason, 4096, true, e)))
		return rc;
	return outcome(db, id, S_FAILED, "mediation_failed", &x, dir, out, e);
}

/* --- the morning run --- */

static int due_row(pt_db *db, const pt_record *d, pt_record *out, int32_t today)
{
	const struct pt_unit *u = pt_unit_find(db, pt_record_get(d, PT_D_UNIT));
	const char *id = pt_record_get(d, PT_D_ID);
	char rule[600], when[40];
	int32_t due = today;

	pt_date_parse(pt_record_get(d, PT_D_DUE), &due);
	if (due >= today)
		snprintf(when, sizeof when, "%d days left", (int)(due - today));
	else
		snprintf(when, sizeof when, "%d days overdue", (int)(today - due));
	snprintf(rule, sizeof rule, "mediation (调解) of dispute %s with %.200s due %s, %s:"
	         " record the agreement (petition-mediate --agree %s) or end it naming the"
	         " next remedy (petition-mediate --fail %s)", id,
	         pt_record_get(d, PT_D_ACCUSED), pt_record_get(d, PT_D_DUE), when, id, id);
	pt_record_clear(out);
	pt_record_sets(out, PT_EA_ACTION, "remind");
	pt_record_sets(out, PT_EA_CASE_NO, pt_record_get(d, PT_D_CASES));
	pt_record_sets(out, PT_EA_UNIT, pt_record_get(d, PT_D_UNIT));
	pt_record_sets(out, PT_EA_PARENT, u ? u->parent : NULL);
	pt_record_sets(out, PT_EA_CLOCK, "mediation");
	pt_record_sets(out, PT_EA_DUE, pt_record_get(d, PT_D_DUE));
	pt_record_set_int(out, PT_EA_DAYS, today - due);
	return pt_record_sets(out, PT_EA_RULE, rule);
}

int pt_dispute_due(pt_db *db, const char *unit, int32_t today, int horizon, pt_writer *w,
                   pt_record *out, long *actions, pt_err *e)
{
	pt_dispute_filter f = {.unit = unit};
	pt_cursor *c = NULL;
	char by[11];
	int rc;

	pt_date_format(today + horizon, by);
	f.due_by = by;
	rc = pt_disputes_query(db, &f, &c, e);
	return pt_morning_rows(db, c, rc, &pt_dispute_schema, due_row, today, w, out, actions, e);
}
