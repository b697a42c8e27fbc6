/* mediate_report.c - petition-mediate --report: the disputes of a period
 * per unit, a row for every unit (零报告): filed, consented, agreed and
 * failed in it, open and overdue at its end, the support given; each act
 * counted at the dispute's unit on the day it was done (the zero reports'
 * tally, lib/risk_report.c) */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

/* the acts counted: a filing (the dispute's filed_at), and the actions of
 * its events (lib/mediate.c, lib/mediate_doc.c) */
static const char A_FILED[] = "filed", A_CONSENT[] = "consent", A_AGREEMENT[] = "agreement",
	A_FAILURE[] = "failure", A_SUPPORT[] = "support";

enum { C_FILED, C_CONSENTED, C_AGREED, C_FAILED, C_OPEN, C_OVERDUE, C_SUPPORT, C__COUNT };
static const struct pt_column report_cols[] = {
	{"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	{"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL},
	[2 + C_FILED] = {"disputes_filed", "登记纠纷数", PT_T_INT, 0, 0, 10, NULL},
	[2 + C_CONSENTED] = {"consented", "同意调解数", PT_T_INT, 0, 0, 10, NULL},
	[2 + C_AGREED] = {"agreed", "达成协议数", PT_T_INT, 0, 0, 10, NULL},
	[2 + C_FAILED] = {"failed", "调解不成数", PT_T_INT, 0, 0, 10, NULL},
	[2 + C_OPEN] = {"open_at_end", "期末未结数", PT_T_INT, 0, 0, 11, NULL},
	[2 + C_OVERDUE] = {"overdue_at_end", "期末超期数", PT_T_INT, 0, 0, 14, NULL},
	[2 + C_SUPPORT] = {"support_given", "提供支持数", PT_T_INT, 0, 0, 13, NULL},
};
_Static_assert(PT_NCOLS(report_cols) == 2 + C__COUNT, "dispute report columns");
_Static_assert((int)C__COUNT <= (int)PT_TALLY_N, "the tally holds them");
const pt_schema pt_dispute_report_schema = {report_cols, 2 + C__COUNT};

/* A dispute's state at the period's end, from its acts before it. */
struct state {
	int64_t id;
	const char *unit;                 /* its unit's code (units.c's), NULL: unknown */
	char due[11];
	bool filed, consented, ended;
};

/* The act's column among the period's counts, -1 for none. */
static int act_column(const char *act)
{
	static const struct { const char *act; int col; } acts[] = {
		{A_FILED, C_FILED}, {A_CONSENT, C_CONSENTED}, {A_AGREEMENT, C_AGREED},
		{A_FAILURE, C_FAILED}, {A_SUPPORT, C_SUPPORT},
	};

	for (size_t i = 0; i < PT_NCOLS(acts); i++)
		if (!strcmp(act, acts[i].act))
			return acts[i].col;
	return -1;
}

/* The dispute s at the end (the local day end): open, and overdue when
 * consented with its due date passed. */
static void at_end(pt_db *db, const struct state *s, const char *end, struct pt_tally *t,
                   size_t n)
{
	if (!s->id || !s->filed || s->ended)
		return;
	pt_tally_add(db, s->unit, C_OPEN, t, n);
	if (s->consented && *s->due && strcmp(s->due, end) < 0)
		pt_tally_add(db, s->unit, C_OVERDUE, t, n);
}

/* Counts the acts of [lo, hi) (lo "": from the first), and the state at
 * the end of the local day end, of each dispute. */
static int count(pt_db *db, const char *lo, const char *hi, const char *end,
                 struct pt_tally *t, size_t n, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_dispute_act_schema);
	struct state s = {0};
	pt_cursor *c = NULL;
	int rc, got = 0;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	rc = pt_store_dispute_acts(db, hi, A_FILED, &c, e);
	while (!rc && (got = pt_cursor_next(c, r, e)) == 1) {
		int64_t id = strtoll(pt_record_get(r, PT_DA_ID), NULL, 10);
		const char *act = pt_record_get(r, PT_DA_ACT), *due = pt_record_get(r, PT_DA_DUE);
		int col = act_column(act);

		if (id != s.id) {
			at_end(db, &s, end, t, n);
			s = (struct state){.id = id};
			const struct pt_unit *u = pt_unit_find(db, pt_record_get(r, PT_DA_UNIT));
			s.unit = u ? u->code : NULL;
			snprintf(s.due, sizeof s.due, "%s", due ? due : "");
		}
		s.filed |= col == C_FILED;
		s.consented |= col == C_CONSENTED;
		s.ended |= col == C_AGREED || col == C_FAILED;
		if (col >= 0 && strcmp(pt_record_get(r, PT_DA_AT), lo) >= 0)
			pt_tally_add(db, s.unit, col, t, n);
	}
	if (!rc && got < 0)
		rc = e->code;
	if (!rc)
		at_end(db, &s, end, t, n);
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

int pt_dispute_report(pt_db *db, const char *from, const char *to, const char *unit,
                      FILE *out, const pt_write_options *o, pt_err *e)
{
	struct pt_tally *t;
	char end[11], lo[21] = "", hi[21];
	int32_t b = pt_local_day(db->now);
	size_t m;
	int rc;

	pt_date_format(b, end);               /* --to: today by default */
	if ((rc = pt_day_bound("--from", from, false, lo, e)) ||
	    (rc = pt_day_bound("--to", to ? to : end, true, hi, e)))
		return rc;
	if (to)
		snprintf(end, sizeof end, "%s", to);
	if (from && strcmp(lo, hi) >= 0)
		return pt_error(e, PT_EUSAGE, "--from %s is after --to %s", from, end);
	if ((rc = pt_tally_units(db, unit, &t, &m, e)))
		return rc;
	if (!(rc = count(db, lo, hi, end, t, m, e)))
		rc = pt_tally_write(&pt_dispute_report_schema, t, m, out, o, e);
	free(t);
	return rc;
}
