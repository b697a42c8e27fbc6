/* risk_report.c - risks in reports: the zero report of risks (零报告), the
 * urgent major matter report (重大紧急事项报告, art. 25) and the morning
 * run's list of urgent risks not reported yet; the tally of units the zero
 * reports share (pt_tally_*) */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

/* A risk of this level is an urgent major matter: reported at once. */
static const char URGENT_LEVEL[] = "major";
/* The last step: a closed risk is reported no more. */
#define LAST_STEP pt_risk_steps[4].code
static const char A_FOUND[] = "found", A_STEP[] = "step", A_URGENT[] = "urgent_report";

enum { RR_UNIT, RR_UNIT_NAME, RR_FOUND, RR_REPORTED, RR_HANDLED, RR__COUNT,
       RR_COLLECTIVE = RR__COUNT, RR_RISK_CASES, RR__DAILY };
/* The day first and the new cases of the key kinds last, in the daily rows
 * of a key period (lib/roster.c) only. */
static const struct pt_column report_cols[] = {
	{"day", "日期", PT_T_TEXT, 0, 0, 10, NULL},
	[1 + RR_UNIT] = {"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	[1 + RR_UNIT_NAME] = {"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL},
	[1 + RR_FOUND] = {"found", "发现风险数", PT_T_INT, 0, 0, 10, NULL},
	[1 + RR_REPORTED] = {"reported", "已报告数", PT_T_INT, 0, 0, 10, NULL},
	[1 + RR_HANDLED] = {"handled", "已处置数", PT_T_INT, 0, 0, 10, NULL},
	[1 + RR_COLLECTIVE] = {"collective_cases", "新集体访件数", PT_T_INT, 0, 0, 12, NULL},
	[1 + RR_RISK_CASES] = {"risk_cases", "新风险信访件数", PT_T_INT, 0, 0, 14, NULL},
};
_Static_assert(PT_NCOLS(report_cols) == 1 + RR__DAILY, "risk report columns");
_Static_assert(RR__DAILY - RR_FOUND == PT_RISK_TALLY_N, "the tally's counts");
_Static_assert((int)PT_RISK_TALLY_N <= (int)PT_TALLY_N, "the tally holds them");
const pt_schema pt_risk_report_schema = {report_cols + 1, RR__COUNT};
const pt_schema pt_roster_report_schema = {report_cols, 1 + RR__DAILY};

/* the act a row of risk_acts counts as: its column, -1 for none */
static int act_column(const char *act)
{
	if (!strcmp(act, A_FOUND))
		return RR_FOUND;
	if (!strcmp(act, pt_risk_steps[2].code))
		return RR_REPORTED;
	return strcmp(act, pt_risk_steps[3].code) ? -1 : RR_HANDLED;
}

/* Counts every act of [from, before) (which -1), or the new collective
 * (which 0) or risk (1) cases of it, at each unit listed that the act's or
 * the case's unit is at or under. */
static int count(pt_db *db, int which, const char *from, const char *before,
                 struct pt_tally *t, size_t n, pt_err *e)
{
	pt_record *r = pt_record_new(which < 0 ? &pt_risk_report_schema : &pt_report_new_schema);
	int unit = which < 0 ? RR_UNIT : 2;         /* the case's unit in its list */
	pt_cursor *c = NULL;
	int rc, got = 0;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	rc = which < 0 ? pt_store_risk_acts(db, from, before, A_FOUND, A_STEP, &c, e) :
		pt_store_report_new(db, which, from, before, NULL, &c, e);
	while (!rc && (got = pt_cursor_next(c, r, e)) == 1) {
		int col = which < 0 ? act_column(pt_record_get(r, RR_UNIT_NAME)) :
			RR_COLLECTIVE + which;
		if (col >= 0)
			pt_tally_add(db, pt_record_get(r, unit), col - RR_FOUND, t, n);
	}
	if (!rc && got < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

int pt_tally_units(pt_db *db, const char *unit, struct pt_tally **out, size_t *m,
                   pt_err *e)
{
	const struct pt_unit *all, *top = NULL;
	size_t n;
	int rc;

	*out = NULL;
	*m = 0;
	if ((rc = pt_units_ready(db, e)))
		return rc;
	if (unit && !(top = pt_unit_must(db, unit, "--unit", PT_EUSAGE, e)))
		return e->code;
	all = pt_units_all(db, &n);
	if (!(*out = calloc(n ? n : 1, sizeof **out)))
		return pt_error(e, PT_EDB, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (!top || pt_unit_within(db, all[i].code, top->code))
			(*out)[(*m)++].u = &all[i];
	return PT_OK;
}

void pt_tally_add(pt_db *db, const char *unit, int k, struct pt_tally *t, size_t n)
{
	for (size_t i = 0; unit && i < n; i++)
		if (pt_unit_within(db, unit, t[i].u->code))
			t[i].n[k]++;
}

int pt_risk_tally_count(pt_db *db, int32_t from, int32_t to, bool cases,
                        struct pt_tally *t, size_t n, pt_err *e)
{
	char lo[21], hi[21];
	int rc;

	for (size_t i = 0; i < n; i++)
		memset(t[i].n, 0, sizeof t[i].n);
	pt_time_format_utc(pt_local_midnight(from), lo);
	pt_time_format_utc(pt_local_midnight(to + 1), hi);
	if ((rc = count(db, -1, lo, hi, t, n, e)) || !cases ||
	    (rc = count(db, 0, lo, hi, t, n, e)))
		return rc;
	return count(db, 1, lo, hi, t, n, e);
}

int pt_tally_put(pt_writer *w, pt_record *r, const char *day, int counts,
                 const struct pt_tally *t, size_t n, pt_err *e)
{
	int at = day != NULL;

	for (size_t i = 0; i < n; i++) {
		pt_record_clear(r);
		if (day)
			pt_record_sets(r, 0, day);
		pt_record_sets(r, at + RR_UNIT, t[i].u->code);
		pt_record_sets(r, at + RR_UNIT_NAME, t[i].u->name);
		for (int k = 0; k < counts; k++)
			pt_record_set_int(r, at + RR_FOUND + k, t[i].n[k]);
		if (pt_writer_put(w, r) < 0)
			return pt_error(e, PT_EDB, "write error");
	}
	return PT_OK;
}

int pt_tally_write(const pt_schema *s, const struct pt_tally *t, size_t n, FILE *out,
                   const pt_write_options *o, pt_err *e)
{
	pt_record *r = pt_record_new(s);
	pt_writer *w = r ? pt_writer_new(out, s, o) : NULL;
	int rc;

	if (!w) {
		pt_record_free(r);
		return pt_error(e, PT_EDB, "out of memory");
	}
	rc = pt_tally_put(w, r, NULL, pt_schema_ncols(s) - RR_FOUND, t, n, e);
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
	pt_record_free(r);
	return rc;
}

int pt_risk_report(pt_db *db, enum pt_period k, const char *v, const char *unit,
                   FILE *out, const pt_write_options *o, pt_err *e)
{
	struct pt_tally *t;
	char from[11], to[11];
	size_t m;
	int32_t a, b;
	int rc;

	if (pt_period(k, v, from, to, e)) {     /* its message names --daily ... */
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		return strncmp(msg, "--", 2) ? pt_error(e, PT_EUSAGE, "%s", msg) :
			pt_error(e, PT_EUSAGE, "--risk-%s", msg + 2);
	}
	if ((rc = pt_tally_units(db, unit, &t, &m, e)))
		return rc;
	pt_date_parse(from, &a);
	pt_date_parse(to, &b);
	if (!(rc = pt_risk_tally_count(db, a, b, false, t, m, e)))
		rc = pt_tally_write(&pt_risk_report_schema, t, m, out, o, e);
	free(t);
	return rc;
}

/* --- the urgent major matter report --- */

struct urgent {
	pt_db *db;
	const pt_record *r;
	char date[11], found[26], buf[256];
	const char *text;                 /* what was found, as registered */
};

/* The level above: the parent unit's name. */
static const char *parent_name(pt_db *db, const pt_record *r)
{
	const struct pt_unit *unit = pt_unit_find(db, pt_record_get(r, PT_R_UNIT));
	const struct pt_unit *p = unit && unit->parent ? pt_unit_find(db, unit->parent) : NULL;

	return p ? p->name : "上级主管部门";
}

static const char *urgent_value(void *arg, const char *name)
{
	struct urgent *u = arg;

	if (!strcmp(name, "date"))
		return u->date;
	if (!strcmp(name, "found_at"))
		return u->found;
	if (!strcmp(name, "parent_name"))
		return parent_name(u->db, u->r);
	if (!strcmp(name, "text"))
		return u->text ? u->text : "";
	if (!strcmp(name, "actor"))
		return u->db->actor;
	return pt_template_field(&pt_risk_schema, u->r, name);
}

/* The text of the risk's first event: what was found. */
static int found_text(pt_db *db, int64_t id, char **out, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_risk_event_schema);
	pt_cursor *c = NULL;
	int rc, n = 0;

	*out = NULL;
	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if (!(rc = pt_risk_events_query(db, id, &c, e)) && (n = pt_cursor_next(c, r, e)) == 1 &&
	    pt_record_get(r, 6) && !(*out = strdup(pt_record_get(r, 6))))
		rc = pt_error(e, PT_EDB, "out of memory");
	if (!rc && n < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int urgent_write(pt_db *db, int64_t id, const pt_record *r, const char *dir,
                        FILE *out, pt_err *e)
{
	struct urgent u = {.db = db, .r = r};
	char *text = NULL;
	int64_t t;
	int rc;

	pt_date_format(pt_local_day(db->now), u.date);
	if (!pt_time_parse(pt_record_get(r, PT_R_FOUND_AT), &t)) {
		pt_time_format_local(t, u.found);
		u.found[16] = 0;
		u.found[10] = ' ';
	}
	if ((rc = pt_units_ready(db, e)) || (rc = found_text(db, id, &text, e)))
		return rc;
	u.text = text;
	rc = pt_template_write(dir, "urgent", urgent_value, &u, out, e);
	free(text);
	return rc;
}

int pt_risk_urgent(pt_db *db, int64_t id, const char *dir, FILE *out, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_risk_schema);
	const char *step;
	char now[21], to[300];
	int rc;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = pt_risk_get(db, id, r, e)))
		goto done;
	step = pt_record_get(r, PT_R_STEP);
	if (pt_record_get(r, PT_R_URGENT_AT))
		rc = pt_error(e, PT_EREFUSED, "risk %" PRId64 ": its urgent report was made"
		              " already (see its history)", id);
	else if (!strcmp(step, LAST_STEP))
		rc = pt_error(e, PT_EREFUSED, "risk %" PRId64 ": it is closed", id);
	else if (!(rc = urgent_write(db, id, r, dir, out, e))) {
		struct pt_risk_event ev = {.risk_id = id, .action = A_URGENT, .from = step,
		                           .to = step, .text = to,
		                           .unit = pt_record_get(r, PT_R_UNIT)};
		snprintf(to, sizeof to, "重大紧急事项报告：报本级人民政府和%s",
		         parent_name(db, r));
		pt_time_format_utc(db->now, now);
		if (!(rc = pt_store_risk_set(db, id, step, now, e)))
			rc = pt_store_risk_event_add(db, &ev, e);
	}
done:
	pt_record_free(r);
	return rc;
}

/* --- the morning run --- */

static int urgent_row(pt_db *db, const pt_record *risk, pt_record *out, int32_t today)
{
	const struct pt_unit *u = pt_unit_find(db, pt_record_get(risk, PT_R_UNIT));
	char rule[600], due[11];
	int64_t t = db->now;
	int32_t day;

	pt_time_parse(pt_record_get(risk, PT_R_FOUND_AT), &t);
	day = pt_local_day(t);
	pt_date_format(day, due);
	snprintf(rule, sizeof rule, "urgent major risk %s (重大紧急): %s: report it at once to"
	         " the government and the level above (art. 25): petition-risk --urgent %s",
	         pt_record_get(risk, PT_R_ID), pt_record_get(risk, PT_R_MATTER),
	         pt_record_get(risk, PT_R_ID));
	pt_record_clear(out);
	pt_record_sets(out, PT_EA_ACTION, "urgent");
	pt_record_sets(out, PT_EA_CASE_NO, pt_record_get(risk, PT_R_CASES));
	pt_record_sets(out, PT_EA_UNIT, pt_record_get(risk, PT_R_UNIT));
	pt_record_sets(out, PT_EA_PARENT, u ? u->parent : NULL);
	pt_record_sets(out, PT_EA_CLOCK, "urgent");
	pt_record_sets(out, PT_EA_DUE, due);
	pt_record_set_int(out, PT_EA_DAYS, today - day);
	return pt_record_sets(out, PT_EA_RULE, rule);
}

int pt_morning_rows(pt_db *db, pt_cursor *c, int rc, const pt_schema *s, pt_row_fn row,
                    int32_t today, pt_writer *w, pt_record *out, long *actions, pt_err *e)
{
	pt_record *r = rc ? NULL : pt_record_new(s);
	int n = 0;

	if (!rc && !r)
		rc = pt_error(e, PT_EDB, "out of memory");
	while (!rc && (n = pt_cursor_next(c, r, e)) == 1) {
		if (row(db, r, out, today) < 0)
			rc = pt_error(e, PT_EDB, "out of memory");
		else if (w && pt_writer_put(w, out) < 0)
			rc = pt_error(e, PT_EDB, "stdout: write error");
		++*actions;
	}
	if (!rc && n < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

int pt_risk_urgent_due(pt_db *db, const char *unit, pt_writer *w, long *actions, pt_err *e)
{
	struct pt_risk_spec q = {.unit = unit, .unreported_level = URGENT_LEVEL,
	                         .unreported_not_step = LAST_STEP};
	pt_record *out = pt_record_new(&pt_escalation_schema);
	pt_cursor *c = NULL;
	int rc = out ? pt_store_risks_query(db, &q, &c, e) : pt_error(e, PT_EDB, "out of memory");

	rc = pt_morning_rows(db, c, rc, &pt_risk_schema, urgent_row, pt_local_day(db->now), w,
	                     out, actions, e);
	pt_record_free(out);
	return rc;
}
