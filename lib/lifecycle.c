/* lifecycle.c - the state machine of a case: every action, checked */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct act {
	pt_db *db;
	int64_t id;
	pt_record *r;            /* the case before the action */
	const pt_action *a;
	pt_err *e;
	int fields[12];          /* what the action sets */
	const char *values[12];
	char buf[12][64];
	int n;
	cJSON *details;
};

static const char *get(struct act *x, int f) { return pt_record_get(x->r, f); }
static const char *status(struct act *x) { return get(x, PT_F_STATUS); }

static int refuse(struct act *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int refuse(struct act *x, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return pt_error(x->e, PT_EREFUSED, "%s: %s", get(x, PT_F_CASE_NO), why);
}

static bool is(struct act *x, const char *s) { return !strcmp(status(x), s); }

static void set(struct act *x, int f, const char *v)
{
	if (x->n == 12)
		return;
	if (v) {
		snprintf(x->buf[x->n], sizeof x->buf[x->n], "%s", v);
		v = strlen(v) < sizeof x->buf[x->n] ? x->buf[x->n] : v;
	}
	x->fields[x->n] = f;
	x->values[x->n++] = v;
}

static int32_t today(struct act *x) { return pt_local_day(x->db->now); }

/* Whether the store's day is after a due date. */
static bool past(struct act *x, const char *due)
{
	char today_s[11];

	pt_date_format(today(x), today_s);
	return strcmp(today_s, due) > 0;
}

static int in_order(struct act *x)
{
	return pt_order_check(x->db, x->id, x->r, x->a->verb, x->e);
}

static void detail(struct act *x, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(x->details, k, v);
}

/* Opens (or reopens) a clock of `days` from today; due goes into due_s. */
static int open_clock(struct act *x, const char *clock, int days, const char *from,
                      bool duty, char due_s[11])
{
	char start[11], rule[192];
	int rc = pt_due_date(x->db, today(x), days, from, start, due_s, rule, sizeof rule, x->e);

	if (rc)
		return rc;
	return pt_store_deadline_add(x->db, x->id, clock, start, due_s, rule, duty, x->e);
}

static int stop(struct act *x, const char *clock)
{
	return pt_store_deadline_stop(x->db, x->id, clock, x->e);
}

/* --- deciding and routing (petition-assign) --- */

/* Whether the case repeats one that is final (art. 36). */
static int repeats_final(struct act *x, bool *final)
{
	const char *of = get(x, PT_F_REPEAT_OF);
	char st[32];
	pt_err le = {0};
	int64_t id;
	int rc;

	*final = false;
	if (!of)
		return PT_OK;
	/* its status alone: a case of a batch may repeat any other */
	if ((rc = pt_case_resolve(x->db, of, &id, &le)) == PT_OK &&
	    (rc = pt_store_case_status(x->db, id, st, sizeof st, &le)) == PT_OK)
		*final = !strcmp(st, "final");
	if (rc == PT_EDB)
		*x->e = le;
	return rc == PT_EDB ? rc : PT_OK;
}

/* After a re-review the same facts are not accepted again, new ones are. */
static int not_again(struct act *x)
{
	bool final;
	int rc = repeats_final(x, &final);

	if (rc || !final)
		return rc;
	if (!x->a->new_facts)
		return refuse(x, "it repeats %s, which is final: the same facts are not"
		              " accepted again (decline it, or accept it with --new-facts)",
		              get(x, PT_F_REPEAT_OF));
	detail(x, "repeat_of", get(x, PT_F_REPEAT_OF));
	return PT_OK;
}

static int accept(struct act *x)
{
	char due[11];
	int rc;

	if (!is(x, "registered"))
		return refuse(x, "only a registered case can be accepted (it is %s)", status(x));
	if ((rc = in_order(x)) || (rc = not_again(x)) ||
	    (rc = stop(x, "accept")) || (rc = stop(x, "object")) ||
	    (rc = open_clock(x, "reply", x->db->policy.reply_days, "accepted", true, due)))
		return rc;
	set(x, PT_F_STATUS, "accepted");
	set(x, PT_F_CATEGORY, x->a->category);
	set(x, PT_F_REPLY_DUE, due);
	detail(x, "category", x->a->category);
	detail(x, "reply_due", due);
	detail(x, "new_facts", x->a->new_facts);
	return PT_OK;
}

static int decline(struct act *x)
{
	const struct pt_unit *u = x->a->to ? pt_unit_find(x->db, x->a->to) : NULL;
	char avenue[512];
	bool final;
	int rc;

	if (!is(x, "registered"))
		return refuse(x, "only a registered case can be declined (it is %s)", status(x));
	if ((rc = in_order(x)) || (rc = repeats_final(x, &final)) ||
	    (rc = stop(x, "accept")) || (rc = stop(x, "object")))
		return rc;
	set(x, PT_F_STATUS, "declined");
	if (x->a->category)
		set(x, PT_F_CATEGORY, x->a->category);
	detail(x, "category", x->a->category);
	detail(x, "reason", x->a->reason);
	detail(x, "to", x->a->to);
	if (final)
		detail(x, "repeat_of", get(x, PT_F_REPEAT_OF));
	pt_decline_avenue(x->a->category, u ? u->name : x->a->to,
	                  final ? get(x, PT_F_REPEAT_OF) : NULL, x->a->reason, avenue,
	                  sizeof avenue);
	detail(x, "avenue", avenue);
	return PT_OK;
}

static int transfer(struct act *x)
{
	const struct pt_unit *u = pt_unit_find(x->db, x->a->to);
	char due[11], odue[11];
	int rc;

	if (!is(x, "registered"))
		return refuse(x, "only a registered case can be transferred (it is %s)", status(x));
	if ((rc = in_order(x)))
		return rc;
	detail(x, "reason", x->a->reason);
	detail(x, "from_unit", get(x, PT_F_UNIT));
	if (!u && pt_unit_lookalike(x->db, x->a->to))
		return refuse(x, "\"%s\" is not a known unit", x->a->to);
	if (!u) {                    /* another department: the case leaves */
		detail(x, "to", x->a->to);
		set(x, PT_F_STATUS, "transferred");
		if ((rc = stop(x, "accept")) || (rc = stop(x, "object")))
			return rc;
		return PT_OK;
	}
	if (!strcmp(u->code, get(x, PT_F_UNIT)))
		return refuse(x, "it is already at %s", u->name);
	detail(x, "to", u->code);
	/* the receiving unit decides anew within the limit, and may object */
	if ((rc = open_clock(x, "accept", x->db->policy.accept_days, "received by transfer",
	                     true, due)))
		return rc;
	{
		char start[11], rule[192];
		if ((rc = pt_due_working(x->db, today(x), x->db->policy.object_working_days,
		                         "received by transfer", start, odue, rule, sizeof rule,
		                         x->e)) ||
		    (rc = pt_store_deadline_add(x->db, x->id, "object", start, odue, rule, false,
		                                x->e)))
			return rc;
	}
	set(x, PT_F_TRANSFERRED_FROM, get(x, PT_F_UNIT));
	set(x, PT_F_UNIT, u->code);
	set(x, PT_F_ACCEPT_DUE, due);
	return PT_OK;
}

static int assign(struct act *x)
{
	const struct pt_unit *u = pt_unit_find(x->db, x->a->to);
	char start[11], due[11], rule[192];
	int32_t by;
	int rc;

	if (!is(x, "accepted"))
		return refuse(x, "only an accepted case can be assigned (it is %s)", status(x));
	if ((rc = in_order(x)))
		return rc;
	if (!u)
		return refuse(x, "\"%s\" is not a known unit", x->a->to);
	if (!strcmp(u->code, get(x, PT_F_UNIT)) || !pt_unit_within(x->db, u->code, get(x, PT_F_UNIT)))
		return refuse(x, "%s is not under %s", u->name, get(x, PT_F_UNIT_NAME));
	snprintf(due, sizeof due, "%s", x->a->report_by ? x->a->report_by : get(x, PT_F_REPLY_DUE));
	if (pt_date_parse(due, &by) || by < today(x))
		return refuse(x, "the report-back date %s has passed", due);
	if (get(x, PT_F_REPLY_DUE) && strcmp(due, get(x, PT_F_REPLY_DUE)) > 0)
		return refuse(x, "the report-back date %s is after the reply due date %s", due,
		              get(x, PT_F_REPLY_DUE));
	pt_date_format(today(x), start);
	snprintf(rule, sizeof rule, "assigned %s, report back by %s (%s)", start, due,
	         x->a->report_by ? "set by the assigner" : "the reply due date");
	detail(x, "from_unit", get(x, PT_F_UNIT));
	detail(x, "to", u->code);
	detail(x, "report_by", due);
	set(x, PT_F_UNIT, u->code);
	return pt_store_deadline_add(x->db, x->id, "report", start, due, rule, true, x->e);
}

static int object(struct act *x)
{
	struct pt_clock k;
	char due[11];
	int rc = pt_store_deadline_get(x->db, x->id, "object", &k, x->e);

	if (rc == PT_EDB)
		return rc;
	if (!is(x, "registered") || rc || !k.open || !get(x, PT_F_TRANSFERRED_FROM))
		return refuse(x, "only a case received by transfer and not yet decided can be"
		              " objected to");
	if ((rc = in_order(x)))
		return rc;
	if (past(x, k.due))
		return refuse(x, "the time to object ended on %s", k.due);
	if ((rc = stop(x, "object")) ||
	    (rc = open_clock(x, "accept", x->db->policy.accept_days, "returned by objection",
	                     true, due)))
		return rc;
	detail(x, "reason", x->a->reason);
	detail(x, "returned_to", get(x, PT_F_TRANSFERRED_FROM));
	set(x, PT_F_UNIT, get(x, PT_F_TRANSFERRED_FROM));
	set(x, PT_F_TRANSFERRED_FROM, get(x, PT_F_UNIT));
	set(x, PT_F_ACCEPT_DUE, due);
	return PT_OK;
}

/* --- working the case (petition-handle) --- */

static int extend(struct act *x)
{
	struct pt_clock k;
	char rule[512];
	int32_t d;
	int rc;

	if (!is(x, "accepted"))
		return refuse(x, "only an accepted case can be extended (it is %s)", status(x));
	if ((rc = in_order(x)))
		return rc;
	if (strcmp(get(x, PT_F_EXTENDED), "0"))
		return refuse(x, "it was extended once already; the law allows one extension");
	if (x->a->days < 1 || x->a->days > x->db->policy.extend_max_days)
		return refuse(x, "an extension is of 1 to %d days, not %ld",
		              x->db->policy.extend_max_days, x->a->days);
	if ((rc = pt_store_deadline_get(x->db, x->id, "reply", &k, x->e)))
		return rc == PT_EDB ? rc : refuse(x, "it has no reply deadline");
	if (past(x, k.due))
		return refuse(x, "the reply was due on %s: only a running clock can be extended",
		              k.due);
	{
		char from[11], due[11], why[192];
		if (pt_date_parse(k.due, &d))
			return pt_error(x->e, PT_EINPUT, "%s: the reply due date is not a date",
			                get(x, PT_F_CASE_NO));
		if ((rc = pt_due_date(x->db, d, (int)x->a->days, "due", from, due, why,
		                      sizeof why, x->e)))
			return rc;
		char plain[11];
		if (x->db->policy.working_days ||
		    strcmp(due, pt_date_add(from, x->a->days, plain)))
			snprintf(rule, sizeof rule, "%s, extended by %ld days (%s)", k.rule,
			         x->a->days, why);
		else
			snprintf(rule, sizeof rule, "%s, extended by %ld days", k.rule, x->a->days);
		memcpy(k.due, due, sizeof k.due);
	}
	detail(x, "reason", x->a->reason);
	detail(x, "reply_due", k.due);
	cJSON_AddNumberToObject(x->details, "days", (double)x->a->days);
	set(x, PT_F_EXTENDED, "1");
	set(x, PT_F_REPLY_DUE, k.due);
	return pt_store_deadline_add(x->db, x->id, "reply", k.start, k.due, rule, true, x->e);
}

static int reply(struct act *x)
{
	struct pt_clock k;
	char now[21];
	int rc;

	if (!is(x, "accepted"))
		return refuse(x, "only an accepted case can be replied to (it is %s)", status(x));
	if ((rc = in_order(x)) ||
	    (rc = pt_store_deadline_get(x->db, x->id, "reply", &k, x->e)) == PT_EDB)
		return rc;
	if (rc == PT_OK)
		cJSON_AddBoolToObject(x->details, "on_time", !past(x, k.due));
	if ((rc = stop(x, "reply")) || (rc = stop(x, "report")))
		return rc;
	pt_time_format_utc(x->db->now, now);
	detail(x, "text", x->a->text);
	detail(x, "outcome", x->a->outcome);
	set(x, PT_F_STATUS, "replied");
	set(x, PT_F_REPLIED_AT, now);
	if (x->a->outcome)
		set(x, PT_F_OUTCOME, x->a->outcome);
	return PT_OK;
}

static int deliver(struct act *x)
{
	char now[21], due[11];
	int rc;

	if (!is(x, "replied"))
		return refuse(x, "only a replied case can be delivered (it is %s)", status(x));
	if ((rc = in_order(x)) || (rc = open_clock(x, "review_request", x->db->policy.review_request_days,
	                     "delivered", false, due)))
		return rc;
	pt_time_format_utc(x->db->now, now);
	set(x, PT_F_STATUS, "delivered");
	set(x, PT_F_DELIVERED_AT, now);
	set(x, PT_F_REVIEW_DUE, due);
	detail(x, "review_due", due);
	return PT_OK;
}

static int rate(struct act *x)
{
	static const char *const ok[] = {"replied", "delivered", "reviewing", "reviewed",
	                                 "rereviewing", "final", "closed", NULL};
	int i, rc;

	for (i = 0; ok[i] && !is(x, ok[i]); i++)
		;
	if (!ok[i])
		return refuse(x, "a case is rated after its reply (it is %s)", status(x));
	if ((rc = in_order(x)))
		return rc;
	set(x, PT_F_SATISFACTION, x->a->rating);
	detail(x, "satisfaction", x->a->rating);
	return PT_OK;
}

static int note(struct act *x) { detail(x, "text", x->a->text); return PT_OK; }

static bool window_passed(struct act *x)
{
	return get(x, PT_F_REVIEW_DUE) && past(x, get(x, PT_F_REVIEW_DUE));
}

/* Only a content petitioner gives up the rest of the window. */
static bool content(struct act *x)
{
	const char *s = get(x, PT_F_SATISFACTION);

	return s && (!strcmp(s, "satisfied") || !strcmp(s, "basically_satisfied"));
}

static int close_case(struct act *x)
{
	char now[21];
	int rc;

	if (!is(x, "delivered") && !is(x, "reviewed"))
		return refuse(x, "a case is closed after delivery (it is %s)", status(x));
	if ((rc = in_order(x)))
		return rc;
	if (!window_passed(x) && !content(x))
		return refuse(x, "the petitioner may ask for a %s until %s: close after that,"
		              " or once the reply is rated satisfied or basically_satisfied",
		              is(x, "reviewed") ? "re-review" : "review", get(x, PT_F_REVIEW_DUE));
	if ((rc = stop(x, "review_request")) || (rc = stop(x, "rereview_request")))
		return rc;
	pt_time_format_utc(x->db->now, now);
	set(x, PT_F_STATUS, "closed");
	set(x, PT_F_CLOSED_AT, now);
	return PT_OK;
}

/* --- appeals (petition-review) --- */

/* Review and re-review go to the next level up. */
static void to_parent(struct act *x)
{
	const struct pt_unit *u = pt_unit_find(x->db, get(x, PT_F_UNIT));

	if (u && u->parent) {
		detail(x, "from_unit", u->code);
		detail(x, "to", u->parent);
		set(x, PT_F_UNIT, u->parent);
	}
}

static int request(struct act *x, bool re)
{
	char due[11];
	int rc;

	if (re && (is(x, "delivered") || is(x, "replied")))
		return refuse(x, "a re-review comes after a review");
	if (!is(x, re ? "reviewed" : "delivered"))
		return refuse(x, "a %s can be requested only of a %s case (it is %s)",
		              re ? "re-review" : "review", re ? "reviewed" : "delivered", status(x));
	if ((rc = in_order(x)))
		return rc;
	if (window_passed(x))
		return refuse(x, "the window to request a %s closed on %s", re ? "re-review" :
		              "review", get(x, PT_F_REVIEW_DUE));
	if ((rc = stop(x, re ? "rereview_request" : "review_request")) ||
	    (rc = open_clock(x, re ? "rereview" : "review",
	                     re ? x->db->policy.rereview_days : x->db->policy.review_days,
	                     re ? "re-review requested" : "review requested", true, due)))
		return rc;
	detail(x, "kind", re ? "rereview" : "review");
	detail(x, "due", due);
	to_parent(x);
	set(x, PT_F_STATUS, re ? "rereviewing" : "reviewing");
	return PT_OK;
}

static int decide(struct act *x)
{
	bool re = is(x, "rereviewing");
	char due[11];
	int rc;

	if (!re && !is(x, "reviewing"))
		return refuse(x, "only a case under review or re-review can be decided (it is %s)",
		              status(x));
	if ((rc = in_order(x)) || (rc = stop(x, re ? "rereview" : "review")))
		return rc;
	detail(x, "kind", re ? "rereview" : "review");
	detail(x, "result", x->a->result);
	detail(x, "text", x->a->text);
	if (re) {
		set(x, PT_F_STATUS, "final");
		return PT_OK;
	}
	if ((rc = open_clock(x, "rereview_request", x->db->policy.rereview_request_days,
	                     "review decided", false, due)))
		return rc;
	set(x, PT_F_STATUS, "reviewed");
	set(x, PT_F_REVIEW_DUE, due);
	detail(x, "review_due", due);
	return PT_OK;
}

/* --- applying an action --- */

static const struct verb {
	const char *name;
	int (*fn)(struct act *);
} verbs[] = {
	[PT_ACCEPT] = {"accept", accept},
	[PT_DECLINE] = {"decline", decline},
	[PT_TRANSFER] = {"transfer", transfer},
	[PT_ASSIGN] = {"assign", assign},
	[PT_OBJECT] = {"object", object},
	[PT_PEOPLE] = {"set", NULL},
	[PT_EXTEND] = {"extend", extend},
	[PT_REPLY] = {"reply", reply},
	[PT_DELIVER] = {"deliver", deliver},
	[PT_RATE] = {"rate", rate},
	[PT_NOTE] = {"note", note},
	[PT_CLOSE] = {"close", close_case},
	[PT_REQUEST_REVIEW] = {"review_request", NULL},
	[PT_REQUEST_REREVIEW] = {"rereview_request", NULL},
	[PT_DECIDE] = {"review_decision", decide},
	[PT_CORRECT] = {"correct", NULL},          /* lib/correct.c */
	[PT_VOID] = {"void", NULL},
	[PT_RESOLVE] = {"resolve", NULL},        /* lib/resolve.c */
	[PT_TEAM] = {"backlog_team", NULL}, [PT_PLAN_STEP] = {"plan_step", NULL},   /* backlog.c */
	[PT_STEP_DONE] = {"step_done", NULL}, [PT_BACKLOG_RESOLUTION] = {"backlog_resolution", NULL},
};

static int people(struct act *x)
{
	static const char *const done[] = {"declined", "transferred", "final", "closed", NULL};

	if (!x->a->handler && !x->a->leader)
		return PT_OK;
	for (int i = 0; done[i]; i++)
		if (is(x, done[i]))
			return refuse(x, "it is %s: no handler or leader to set", status(x));
	if (x->a->handler) {
		set(x, PT_F_HANDLER, x->a->handler);
		detail(x, "handler", x->a->handler);
	}
	if (x->a->leader) {
		set(x, PT_F_LEADER, x->a->leader);
		detail(x, "leader", x->a->leader);
	}
	return PT_OK;
}

static int run_verb(struct act *x)
{
	switch (x->a->verb) {
	case PT_REQUEST_REVIEW: return request(x, false);
	case PT_REQUEST_REREVIEW: return request(x, true);
	case PT_PEOPLE: return PT_OK;
	case PT_RESOLVE: return pt_resolve(x->db, x->id, x->r, x->a, x->details, x->e);
	case PT_TEAM: case PT_PLAN_STEP: case PT_STEP_DONE: case PT_BACKLOG_RESOLUTION:
		return pt_backlog_act(x->db, x->id, x->r, x->a, x->details, x->e);
	default: return verbs[x->a->verb].fn(x);
	}
}

static const char *new_status(struct act *x)
{
	for (int i = x->n - 1; i >= 0; i--)
		if (x->fields[i] == PT_F_STATUS)
			return x->values[i];
	return status(x);
}

static int record_event(struct act *x)
{
	const char *action = verbs[x->a->verb].name;
	char *details;
	int rc;

	if (x->a->verb == PT_DECIDE && is(x, "rereviewing"))
		action = "rereview_decision";
	if (!cJSON_GetObjectItemCaseSensitive(x->details, "unit"))
		cJSON_AddStringToObject(x->details, "unit", get(x, PT_F_UNIT));  /* who acted */
	details = cJSON_PrintUnformatted(x->details);
	rc = pt_store_event_add(x->db, x->id, action, status(x), new_status(x), details, x->e);

	free(details);
	return rc;
}

int pt_case_apply(pt_db *db, int64_t id, const pt_action *a, pt_err *e)
{
	struct act x = {.db = db, .id = id, .a = a, .e = e};
	int rc;

	if (a->verb == PT_CORRECT || a->verb == PT_VOID)
		return pt_case_correct(db, id, a, e);
	if (!(x.r = pt_record_new(&pt_case_schema)) || !(x.details = cJSON_CreateObject())) {
		rc = pt_error(e, PT_EDB, "out of memory");
		goto done;
	}
	if (a->to && (rc = pt_unit_ambiguous(db, a->to, "--to", PT_EUSAGE, e)))
		goto done;
	if ((rc = pt_case_get(db, id, x.r, e)))
		goto done;
	pt_change_keys(db, id, x.r);
	if ((rc = run_verb(&x)) || (rc = people(&x)))
		goto done;
	if (x.n && (rc = pt_store_case_set(db, id, x.fields, x.values, x.n, e)))
		goto done;
	rc = record_event(&x);
done:
	cJSON_Delete(x.details);
	pt_record_free(x.r);
	return rc;
}
