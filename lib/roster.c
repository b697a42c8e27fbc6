/* roster.c - key periods on duty (重要节点值班): each day's duty roster of a
 * key period of the policy (who is on duty, the leader on shift), the
 * period's daily zero report of risks, and the morning run's duty lines */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

static const char GAP_NONE[] = "no_roster", GAP_LEADER[] = "no_leader",
	GAP_DUTY[] = "no_on_duty";

static const struct pt_column roster_cols[] = {
	[PT_RO_PERIOD] = {"key_period", "重要节点", PT_T_TEXT, 0, 0, 22, NULL},
	[PT_RO_DAY] = {"day", "日期", PT_T_TEXT, 0, 0, 10, NULL},
	[PT_RO_ON_DUTY] = {"on_duty", "值班人员", PT_T_TEXT, 0, 0, 16, NULL},
	[PT_RO_LEADER] = {"leader_on_shift", "带班领导", PT_T_TEXT, 0, 0, 10, NULL},
	[PT_RO_GAP] = {"gap", "缺口", PT_T_TEXT, 0, 0, 9, NULL},
};
_Static_assert(PT_NCOLS(roster_cols) == PT_NROSTER_FIELDS, "roster columns");
const pt_schema pt_roster_schema = {roster_cols, PT_NROSTER_FIELDS};

int pt_key_period_of(const pt_policy *p, const char *name, int32_t *from, int32_t *to)
{
	char first[11] = "";
	const char *dots = strstr(name, "..");
	int32_t a, b = -1;

	if ((dots ? (size_t)(dots - name) : strlen(name)) != 10)
		return -1;
	memcpy(first, name, 10);
	if (pt_date_parse(first, &a) || (dots && pt_date_parse(dots + 2, &b)))
		return -1;
	for (int i = 0; i < p->nkey_periods; i++)
		if (p->key_periods[i].from == a && (!dots || p->key_periods[i].to == b)) {
			*from = a;
			*to = p->key_periods[i].to;
			return 0;
		}
	return 1;
}

const char *pt_roster_gap(const char *on_duty, const char *leader)
{
	if (!on_duty && !leader)
		return GAP_NONE;
	if (!leader)
		return GAP_LEADER;
	return on_duty ? NULL : GAP_DUTY;
}

/* "FROM..TO", the period's name in the store. */
static void period_name(int32_t from, int32_t to, char out[23])
{
	pt_date_format(from, out);
	out[10] = out[11] = '.';
	pt_date_format(to, out + 12);
}

static int find(pt_db *db, const char *name, int32_t *from, int32_t *to, char out[23],
                pt_err *e)
{
	int rc = pt_key_period_of(&db->policy, name, from, to);

	if (rc < 0)
		return pt_error(e, PT_EUSAGE, "--roster: not a key period (DATE or DATE..DATE)");
	if (rc)
		return pt_error(e, PT_EUSAGE, "--roster: no such key period in the policy"
		                " (key_periods)");
	period_name(*from, *to, out);
	return PT_OK;
}

/* A comma list of names, each trimmed, into out (NULL stays NULL). */
static int names(const char *opt, const char *v, char **out, pt_err *e)
{
	pt_buf b = {0};

	*out = NULL;
	for (const char *s = v, *end; s; s = end ? end + 1 : NULL) {
		const char *t = (end = strchr(s, ',')) ? end : s + strlen(s);

		while (s < t && *s == ' ')
			s++;
		while (t > s && t[-1] == ' ')
			t--;
		if (t == s || pt_text_fault(s, (size_t)(t - s), false) ||
		    (b.len && pt_buf_adds(&b, ",")) || pt_buf_add(&b, s, (size_t)(t - s))) {
			pt_buf_free(&b);
			return pt_error(e, PT_EINPUT, "%s: not a comma list of names", opt);
		}
	}
	*out = b.p;
	return PT_OK;
}

int pt_roster_set(pt_db *db, const char *period, const char *date, const char *on_duty,
                  const char *leader, pt_err *e)
{
	struct pt_roster_day d = {0};
	char name[23], day[11], *duty = NULL, *lead = NULL;
	int32_t from, to, at;
	int rc;

	if ((rc = find(db, period, &from, &to, name, e)))
		return rc;
	if (!date || pt_date_parse(date, &at))
		return pt_error(e, PT_EUSAGE, "--date: a date (YYYY-MM-DD), please");
	pt_date_format(at, day);
	if (at < from || at > to)
		return pt_error(e, PT_EINPUT, "--date: %s is outside the key period %s", day, name);
	if (!on_duty && !leader)
		return pt_error(e, PT_EUSAGE, "--on-duty or --leader, please");
	if (!(rc = names("--on-duty", on_duty, &duty, e)) &&
	    !(rc = names("--leader", leader, &lead, e))) {
		d = (struct pt_roster_day){.period = name, .day = day, .on_duty = duty,
		                           .leader = lead};
		if (!(rc = pt_store_roster_put(db, &d, e)))
			rc = pt_store_roster_event_add(db, &d, e);
	}
	free(duty);
	free(lead);
	return rc;
}

/* Every day of [from, to] in r's columns, by day; each day's row to fn. */
typedef int (*day_fn)(void *arg, int32_t day, const pt_record *set);

static int each_day(pt_db *db, const char *name, int32_t from, int32_t to, day_fn fn,
                    void *arg, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_roster_row_schema);
	char lo[11], hi[11];
	pt_cursor *c = NULL;
	int rc, got = 0;
	int32_t next = to + 1;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	pt_date_format(from, lo);
	pt_date_format(to, hi);
	rc = pt_store_rosters_query(db, name, lo, hi, &c, e);
	if (!rc && (got = pt_cursor_next(c, r, e)) == 1)
		pt_date_parse(pt_record_get(r, PT_RD_DAY), &next);
	for (int32_t d = from; !rc && got >= 0 && d <= to; d++) {
		rc = fn(arg, d, d == next ? r : NULL);
		if (!rc && d == next && (got = pt_cursor_next(c, r, e)) == 1)
			pt_date_parse(pt_record_get(r, PT_RD_DAY), &next);
	}
	if (!rc && got < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

struct listing { pt_writer *w; pt_record *out; const char *name; int32_t only; long gaps; };

static int list_day(void *arg, int32_t day, const pt_record *set)
{
	struct listing *l = arg;
	const char *duty = set ? pt_record_get(set, PT_RD_ON_DUTY) : NULL;
	const char *lead = set ? pt_record_get(set, PT_RD_LEADER) : NULL;
	const char *gap = pt_roster_gap(duty, lead);
	char d[11];

	if (l->only >= 0 && day != l->only)
		return PT_OK;
	pt_date_format(day, d);
	pt_record_clear(l->out);
	pt_record_sets(l->out, PT_RO_PERIOD, l->name);
	pt_record_sets(l->out, PT_RO_DAY, d);
	pt_record_sets(l->out, PT_RO_ON_DUTY, duty);
	pt_record_sets(l->out, PT_RO_LEADER, lead);
	pt_record_sets(l->out, PT_RO_GAP, gap);
	l->gaps += gap != NULL;
	return pt_writer_put(l->w, l->out) < 0 ? PT_EDB : PT_OK;
}

int pt_roster_list(pt_db *db, const char *period, const char *date, pt_writer *w,
                   long *gaps, pt_err *e)
{
	char name[23];
	struct listing l = {.w = w, .name = name, .only = -1};
	int32_t from, to;
	int rc;

	if ((rc = find(db, period, &from, &to, name, e)))
		return rc;
	if (date && pt_date_parse(date, &l.only))
		return pt_error(e, PT_EUSAGE, "--date: a date (YYYY-MM-DD), please");
	if (date && (l.only < from || l.only > to)) {
		char d[11];
		pt_date_format(l.only, d);
		return pt_error(e, PT_EINPUT, "--date: %s is outside the key period %s", d, name);
	}
	if (!(l.out = pt_record_new(&pt_roster_schema)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = each_day(db, name, from, to, list_day, &l, e);
	if (rc == PT_EDB && !e->msg[0])
		pt_error(e, PT_EDB, "stdout: write error");
	pt_record_free(l.out);
	if (gaps)
		*gaps = l.gaps;
	return rc;
}

int pt_roster_daily(pt_db *db, const char *period, const char *unit, FILE *out,
                    const pt_write_options *o, pt_err *e)
{
	struct pt_tally *t = NULL;
	pt_record *r = NULL;
	pt_writer *w = NULL;
	char name[23];
	int32_t from, to, today = pt_local_day(db->now);
	size_t n = 0;
	int rc;

	if ((rc = find(db, period, &from, &to, name, e)) ||
	    (rc = pt_tally_units(db, unit, &t, &n, e)))
		return rc;
	if (!(r = pt_record_new(&pt_roster_report_schema)) ||
	    !(w = pt_writer_new(out, &pt_roster_report_schema, o)))
		rc = pt_error(e, PT_EDB, "out of memory");
	for (int32_t d = from; !rc && d <= to && d <= today; d++)
		if (!(rc = pt_risk_tally_count(db, d, d, true, t, n, e))) {
			char day[11];
			pt_date_format(d, day);
			rc = pt_tally_put(w, r, day, PT_RISK_TALLY_N, t, n, e);
		}
	if (w && pt_writer_close(w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
	pt_record_free(r);
	free(t);
	return rc;
}

/* --- the morning run --- */

struct morning {
	pt_writer *w;
	pt_record *out;
	const char *name;
	int32_t today;
	long *actions, days;        /* days set in the period */
	const char *duty[2], *lead[2];
	char keep[2][2][256];       /* today's and tomorrow's, as set */
};

static int morning_day(void *arg, int32_t day, const pt_record *set)
{
	struct morning *m = arg;
	int i = (int)(day - m->today);

	m->days += set != NULL;
	if (set && (i == 0 || i == 1)) {
		const char *d = pt_record_get(set, PT_RD_ON_DUTY), *l = pt_record_get(set, PT_RD_LEADER);
		snprintf(m->keep[i][0], sizeof m->keep[i][0], "%s", d ? d : "");
		snprintf(m->keep[i][1], sizeof m->keep[i][1], "%s", l ? l : "");
		m->duty[i] = d ? m->keep[i][0] : NULL;
		m->lead[i] = l ? m->keep[i][1] : NULL;
	}
	return PT_OK;
}

static int morning_row(struct morning *m, const char *action, int32_t day, const char *rule,
                       pt_err *e)
{
	char d[11];

	pt_date_format(day, d);
	pt_record_clear(m->out);
	pt_record_sets(m->out, PT_EA_ACTION, action);
	pt_record_sets(m->out, PT_EA_HANDLER, m->duty[day - m->today]);
	pt_record_sets(m->out, PT_EA_LEADER, m->lead[day - m->today]);
	pt_record_sets(m->out, PT_EA_CLOCK, "roster");
	pt_record_sets(m->out, PT_EA_DUE, d);
	pt_record_sets(m->out, PT_EA_RULE, rule);
	++*m->actions;
	if (m->w && pt_writer_put(m->w, m->out) < 0)
		return pt_error(e, PT_EDB, "stdout: write error");
	return PT_OK;
}

/* Today's duty, or a warning for today or tomorrow (i: 0 or 1). */
static int morning_check(struct morning *m, int i, pt_err *e)
{
	const char *gap = pt_roster_gap(m->duty[i], m->lead[i]), *when = i ? "tomorrow" : "today";
	char rule[900], d[11], first[11];

	pt_date_format(m->today + i, d);
	memcpy(first, m->name, 10);
	first[10] = 0;
	if (gap == GAP_NONE)
		snprintf(rule, sizeof rule, "key period %s (重要节点): no duty roster for %s (%s):"
		         " petition-risk --roster %s --date %s --on-duty NAMES --leader NAME",
		         m->name, d, when, first, d);
	else if (gap == GAP_LEADER)
		snprintf(rule, sizeof rule, "key period %s (重要节点): no leader on shift (带班领导)"
		         " for %s (%s): petition-risk --roster %s --date %s --leader NAME",
		         m->name, d, when, first, d);
	else if (gap)
		snprintf(rule, sizeof rule, "key period %s (重要节点): nobody on duty (值班人员)"
		         " for %s (%s): petition-risk --roster %s --date %s --on-duty NAMES",
		         m->name, d, when, first, d);
	else if (!i)
		snprintf(rule, sizeof rule, "key period %s (重要节点), %s: on duty (值班) %s;"
		         " leader on shift (带班领导) %s", m->name, d,
		         m->duty[0], m->lead[0]);
	else
		return PT_OK;
	return morning_row(m, gap ? "roster" : "duty", m->today + i, rule, e);
}

int pt_roster_morning(pt_db *db, int32_t today, pt_writer *w, pt_record *out, long *actions,
                      pt_err *e)
{
	struct morning m = {.w = w, .out = out, .today = today, .actions = actions};
	char name[23];
	int rc;

	for (int i = 0; i < db->policy.nkey_periods; i++) {
		int32_t from = db->policy.key_periods[i].from, to = db->policy.key_periods[i].to;

		if (today < from || today > to)
			continue;
		period_name(from, to, name);
		m.name = name;
		if ((rc = each_day(db, name, from, to, morning_day, &m, e)))
			return rc;
		/* a period of which no day is kept here is the office's own affair */
		if (!m.days)
			return PT_OK;
		if ((rc = morning_check(&m, 0, e)))
			return rc;
		return today < to ? morning_check(&m, 1, e) : PT_OK;
	}
	return PT_OK;
}
