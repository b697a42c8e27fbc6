/* escalate.c - the morning run: remind, supervise, escalate, file backlog */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

enum { R_ID, R_CASE_NO, R_UNIT, R_PARENT, R_HANDLER, R_LEADER, R_EXTENDED,
       R_COLLECTIVE, R_RISK, R_RECEIVED, R_STATUS, R_CLOCK, R_DUE, R__COUNT };

/* The rows the store's escalation queries return. */
static const struct pt_column row_cols[] = {
	{"id", "", PT_T_INT, 0, 0, 0, NULL}, {"case_no", "", PT_T_TEXT, 0, 0, 0, NULL},
	{"unit", "", PT_T_TEXT, 0, 0, 0, NULL}, {"parent", "", PT_T_TEXT, 0, 0, 0, NULL},
	{"handler", "", PT_T_TEXT, 0, 0, 0, NULL}, {"leader", "", PT_T_TEXT, 0, 0, 0, NULL},
	{"extended", "", PT_T_BOOL, 0, 0, 0, NULL}, {"collective", "", PT_T_BOOL, 0, 0, 0, NULL},
	{"risk", "", PT_T_BOOL, 0, 0, 0, NULL}, {"received_at", "", PT_T_TIME, 0, 0, 0, NULL},
	{"status", "", PT_T_TEXT, 0, 0, 0, NULL}, {"clock", "", PT_T_TEXT, 0, 0, 0, NULL},
	{"due", "", PT_T_DATE, 0, 0, 0, NULL},
};
_Static_assert(PT_NCOLS(row_cols) == R__COUNT, "escalation rows");
static const pt_schema row_schema = {row_cols, R__COUNT};

struct run {
	pt_db *db;
	const char *unit;
	pt_writer *w;
	pt_record *out;
	pt_err *e;
	int32_t today;
	bool key;                  /* a key period (重要节点) */
	long actions;
};

static const char *v(const pt_record *r, int col) { return pt_record_get(r, col); }

static bool in_key_period(const pt_policy *p, int32_t day)
{
	for (int i = 0; i < p->nkey_periods; i++)
		if (day >= p->key_periods[i].from && day <= p->key_periods[i].to)
			return true;
	return false;
}

static int emit(struct run *x, const char *action, const pt_record *r, int days,
                bool has_days, const char *rule)
{
	char n[24];

	pt_record_clear(x->out);
	pt_record_sets(x->out, PT_EA_ACTION, action);
	pt_record_sets(x->out, PT_EA_CASE_NO, v(r, R_CASE_NO));
	pt_record_sets(x->out, PT_EA_UNIT, v(r, R_UNIT));
	pt_record_sets(x->out, PT_EA_PARENT, v(r, R_PARENT));
	pt_record_sets(x->out, PT_EA_HANDLER, v(r, R_HANDLER));
	pt_record_sets(x->out, PT_EA_LEADER, v(r, R_LEADER));
	pt_record_sets(x->out, PT_EA_CLOCK, v(r, R_CLOCK) ? v(r, R_CLOCK) : "backlog");
	pt_record_sets(x->out, PT_EA_DUE, v(r, R_DUE));
	if (has_days) {
		snprintf(n, sizeof n, "%d", days);
		pt_record_sets(x->out, PT_EA_DAYS, n);
	}
	pt_record_sets(x->out, PT_EA_RULE, rule);
	x->actions++;
	if (x->w && pt_writer_put(x->w, x->out) < 0)
		return pt_error(x->e, PT_EDB, "stdout: write error");
	return PT_OK;
}

/* Records a supervision, its history event, and prints it: once per case and clock. */
static int record(struct run *x, const pt_record *r, const char *action, const char *unit,
                  int days, const char *rule)
{
	const char *clock = v(r, R_CLOCK) ? v(r, R_CLOCK) : "backlog";
	struct pt_supervision s = {
		.case_id = strtoll(v(r, R_ID), NULL, 10), .clock = clock, .action = action,
		.kind = x->db->policy.supervision_kind, .unit = unit, .handler = v(r, R_HANDLER),
		.leader = v(r, R_LEADER), .due = v(r, R_DUE), .days_overdue = days, .rule = rule,
	};
	cJSON *d;
	char *details;
	bool added;
	int rc;

	if ((rc = pt_store_supervision_add(x->db, &s, &added, x->e)) || !added)
		return rc;
	if (!(d = cJSON_CreateObject()))
		return pt_error(x->e, PT_EDB, "out of memory");
	cJSON_AddStringToObject(d, "clock", clock);
	if (s.due) {
		cJSON_AddStringToObject(d, "due", s.due);
		cJSON_AddNumberToObject(d, "days_overdue", days);
	}
	cJSON_AddStringToObject(d, "kind", s.kind);
	if (unit)
		cJSON_AddStringToObject(d, "unit", unit);
	cJSON_AddStringToObject(d, "rule", rule);
	details = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	rc = pt_store_event_add(x->db, s.case_id, action, v(r, R_STATUS), v(r, R_STATUS),
	                        details, x->e);
	free(details);
	return rc ? rc : emit(x, action, r, days, s.due != NULL, rule);
}

static void leader_needed(const pt_record *r, char *rule, size_t n)
{
	size_t len = strlen(rule);

	if (!v(r, R_LEADER) && len < n)
		snprintf(rule + len, n - len, "; a lead leader (包案领导) is required");
}

static int overdue(struct run *x, const pt_record *r, int days)
{
	const pt_policy *p = &x->db->policy;
	const char *clock = v(r, R_CLOCK);
	int64_t id = strtoll(v(r, R_ID), NULL, 10), at;
	char rule[256];
	int rc;

	snprintf(rule, sizeof rule, "%s due %s, %d day%s overdue: %s supervision (督办)",
	         clock, v(r, R_DUE), days, days == 1 ? "" : "s", p->supervision_kind);
	if ((rc = record(x, r, "supervise", v(r, R_UNIT), days, rule)))
		return rc;
	if ((rc = pt_store_supervision_at(x->db, id, clock, "supervise", &at, x->e)))
		return rc == PT_EINPUT ? PT_OK : rc;
	if (!strcmp(clock, "reply") && !strcmp(v(r, R_EXTENDED), "1"))
		snprintf(rule, sizeof rule, "reply due %s overdue after its extension:"
		         " raised to the parent unit", v(r, R_DUE));
	else if (x->key && (!strcmp(v(r, R_COLLECTIVE), "1") || !strcmp(v(r, R_RISK), "1")))
		snprintf(rule, sizeof rule, "%s %s case overdue in a key period (重要节点):"
		         " raised at once", !strcmp(v(r, R_RISK), "1") ? "a risk" : "a collective",
		         clock);
	else if (x->today >= pt_local_day(at) + p->escalate_after_days)
		snprintf(rule, sizeof rule, "%s still overdue %d days after supervision:"
		         " raised to the parent unit", clock, p->escalate_after_days);
	else
		return PT_OK;
	if (!v(r, R_PARENT))
		return PT_OK;              /* the top of the tree: nobody to raise it to */
	leader_needed(r, rule, sizeof rule);
	return record(x, r, "escalate", v(r, R_PARENT), days, rule);
}

/* Every open duty clock due up to the horizon: remind, or supervise and escalate. */
static int due_clocks(struct run *x)
{
	int32_t horizon = x->today + (x->key ? x->db->policy.key_remind_days :
	                              x->db->policy.remind_days), due;
	pt_record *r = pt_record_new(&row_schema);
	pt_cursor *c = NULL;
	char h[11], rule[160];
	int rc, n;

	if (!r)
		return pt_error(x->e, PT_EDB, "out of memory");
	pt_date_format(horizon, h);
	rc = pt_store_escalation(x->db, PT_ESC_DUE, h, x->unit, &c, x->e);
	while (!rc && (n = pt_cursor_next(c, r, x->e)) == 1) {
		if (pt_date_parse(v(r, R_DUE), &due))
			rc = pt_error(x->e, PT_EINPUT, "case %s: the %s due date is not a date",
			              v(r, R_CASE_NO), v(r, R_CLOCK));
		else if (due >= x->today) {
			snprintf(rule, sizeof rule, "%s due %s%s", v(r, R_CLOCK), v(r, R_DUE),
			         due == x->today ? ": today" : "");
			rc = emit(x, "remind", r, x->today - due, true, rule);
		} else {
			rc = overdue(x, r, x->today - due);
		}
	}
	if (!rc && n < 0)
		rc = x->e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int mark_backlog(struct run *x, const pt_record *r, const char *why)
{
	static const int f[] = {PT_F_BACKLOG};
	static const char *const one[] = {"1"};
	char rule[256];
	int rc;

	snprintf(rule, sizeof rule, "backlog (积案): %s", why);
	leader_needed(r, rule, sizeof rule);
	if ((rc = pt_store_case_set(x->db, strtoll(v(r, R_ID), NULL, 10), f, one, 1, x->e)))
		return rc;
	return record(x, r, "backlog", v(r, R_UNIT), 0, rule);
}

/*
 * Marks the cases a query finds as backlog, 256 at a time: a marked case
 * leaves the query's partial index, so memory stays flat.
 */
static int backlog(struct run *x, enum pt_esc q, const char *arg, const char *why)
{
	pt_record *batch[256] = {0};
	pt_cursor *c;
	char text[192];
	int rc = PT_OK, n, got;

	do {
		if ((rc = pt_store_escalation(x->db, q, arg, x->unit, &c, x->e)))
			break;
		for (got = 0; got < 256; got++) {
			if (!batch[got] && !(batch[got] = pt_record_new(&row_schema)))
				break;
			if ((n = pt_cursor_next(c, batch[got], x->e)) != 1)
				break;
		}
		pt_cursor_close(c);
		for (int i = 0; !rc && i < got; i++) {
			if (q == PT_ESC_OLD) {
				char day[11];
				int64_t t = 0;
				pt_time_parse(v(batch[i], R_RECEIVED), &t);
				pt_date_format(pt_local_day(t), day);      /* the local date */
				snprintf(text, sizeof text, why, day);
			}
			else
				snprintf(text, sizeof text, "%s", why);
			rc = mark_backlog(x, batch[i], text);
		}
	} while (!rc && got == 256);
	for (int i = 0; i < 256; i++)
		pt_record_free(batch[i]);
	return rc;
}

static int no_leader(struct run *x)
{
	pt_record *r = pt_record_new(&row_schema);
	pt_cursor *c = NULL;
	int rc, n;

	if (!r)
		return pt_error(x->e, PT_EDB, "out of memory");
	rc = pt_store_escalation(x->db, PT_ESC_NO_LEADER, "", x->unit, &c, x->e);
	while (!rc && (n = pt_cursor_next(c, r, x->e)) == 1)
		rc = emit(x, "backlog", r, 0, false,
		          "backlog (积案) without a lead leader (包案领导): name one");
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

/* The steps of backlog files' plans past their date: reminded on every
 * run, never recorded (petition-handle --step-done ends them). */
static int plan_steps(struct run *x)
{
	pt_record *r = pt_record_new(&row_schema);
	pt_cursor *c = NULL;
	char today[11], rule[160];
	int32_t due;
	int rc, n = 0;

	if (!r)
		return pt_error(x->e, PT_EDB, "out of memory");
	pt_date_format(x->today, today);
	rc = pt_store_escalation(x->db, PT_ESC_STEPS, today, x->unit, &c, x->e);
	while (!rc && (n = pt_cursor_next(c, r, x->e)) == 1) {
		due = x->today;
		pt_date_parse(v(r, R_DUE), &due);
		snprintf(rule, sizeof rule, "plan step %s of the backlog file (积案) due %s,"
		         " %d days overdue: mark it done or plan anew", v(r, R_CLOCK), v(r, R_DUE),
		         (int)(x->today - due));
		pt_record_sets(r, R_CLOCK, "plan_step");
		rc = emit(x, "remind", r, x->today - due, true, rule);
	}
	if (!rc && n < 0)
		rc = x->e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

int pt_escalate(pt_db *db, const char *unit, pt_writer *w, long *actions, pt_err *e)
{
	struct run x = {.db = db, .w = w, .e = e};
	const struct pt_unit *u;
	char cutoff[21], repeats[16], why[96];
	int rc;

	if (unit && !(u = pt_unit_must(db, unit, "--unit", PT_EUSAGE, e)))
		return e->code;
	x.unit = unit ? u->code : NULL;
	x.today = pt_local_day(db->now);
	x.key = in_key_period(&db->policy, x.today);
	if (!(x.out = pt_record_new(&pt_escalation_schema)))
		return pt_error(e, PT_EDB, "out of memory");
	pt_time_format_utc(pt_local_midnight(x.today - db->policy.backlog_after_days), cutoff);
	snprintf(repeats, sizeof repeats, "%d", db->policy.backlog_repeats);
	snprintf(why, sizeof why, "open since %%s, more than %d days",
	         db->policy.backlog_after_days);
	if (!(rc = no_leader(&x)) && !(rc = due_clocks(&x)) && !(rc = plan_steps(&x)) &&
	    !(rc = backlog(&x, PT_ESC_OLD, cutoff, why)) &&
	    !(rc = backlog(&x, PT_ESC_REVIEWED, "", "a review was requested")))
		rc = backlog(&x, PT_ESC_REPEATED, repeats, "a repeated petition of the same matter");
	if (!rc)
		rc = pt_orders_escalate(db, x.unit, x.today, x.key ? db->policy.key_remind_days :
		                        db->policy.remind_days, w, x.out, &x.actions, e);
	if (!rc)
		rc = pt_risk_urgent_due(db, x.unit, w, &x.actions, e);
	if (!rc)
		rc = pt_dispute_due(db, x.unit, x.today, x.key ? db->policy.key_remind_days :
		                    db->policy.remind_days, w, x.out, &x.actions, e);
	if (!rc && x.key)
		rc = pt_roster_morning(db, x.today, w, x.out, &x.actions, e);
	pt_record_free(x.out);
	if (actions)
		*actions = x.actions;
	return rc;
}

int pt_escalate_replay(pt_db *db, const char *date, const char *unit, pt_writer *w,
                       long *actions, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_escalation_schema);
	const struct pt_unit *u = NULL;
	char from[21], before[21];
	pt_cursor *c = NULL;
	int32_t day;
	int rc, n = 0;

	*actions = 0;
	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if (pt_date_parse(date, &day))
		rc = pt_error(e, PT_EUSAGE, "--replay: \"%.64s\" is not a date (YYYY-MM-DD)", date);
	else if (unit && !(u = pt_unit_find(db, unit)))
		rc = pt_error(e, PT_EUSAGE, "--unit: \"%.64s\" is not a known unit", unit);
	else {
		pt_time_format_utc(pt_local_midnight(day), from);
		pt_time_format_utc(pt_local_midnight(day + 1), before);
		rc = pt_store_supervisions_made(db, from, before, u ? u->code : NULL, &c, e);
	}
	while (!rc && (n = pt_cursor_next(c, r, e)) == 1) {
		++*actions;
		if (pt_writer_put(w, r) < 0)
			rc = pt_error(e, PT_EDB, "stdout: write error");
	}
	if (!rc && n < 0)
		rc = e->code;
	pt_cursor_close(c);
	if (!rc)
		rc = pt_orders_replay(db, from, before, u ? u->code : NULL, day, w, r, actions, e);
	pt_record_free(r);
	return rc;
}

/* The query plans of the escalation queries, for the tests. */
int pt_escalate_plan(pt_db *db, char **out, pt_err *e)
{
	pt_buf b = {0};
	pt_cursor *c;
	int rc = PT_OK;

	for (int q = 0; !rc && q < PT_ESC__COUNT; q++) {
		if ((rc = pt_store_escalation(db, (enum pt_esc)q, "2017-01-01", NULL, &c, e)))
			break;
		rc = pt_store_plan(db, c, &b, e);
		pt_cursor_close(c);
	}
	*out = rc ? NULL : b.p;
	if (rc)
		pt_buf_free(&b);
	return rc;
}
