/* report_list.c - the report's lists: overdue and near deadlines, backlog
 * cases, new cases of a period; and the periods of the zero reports */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

static int report_list(pt_db *db, enum pt_report_list which, int days, const char *unit,
                       pt_record *p, FILE *out, const pt_write_options *o, pt_err *e);

/* --- lists: overdue or near deadlines, backlog cases, new cases of a period --- */

/* A shorter backlog list, for a page: its columns of pt_backlog_list_schema. */
static const int brief_cols[] = {PT_RL_CASE_NO, PT_RL_UNIT_NAME, PT_RL_LEADER, PT_RL_STATUS,
	PT_RL_AGE_DAYS, PT_BL_STEPS, PT_BL_STEPS_DONE, PT_BL_NEXT_STEP, PT_BL_NEXT_STEP_DUE,
	PT_BL_RESOLUTION};
static struct pt_column brief[PT_NCOLS(brief_cols)];
static const pt_schema brief_schema = {brief, PT_NCOLS(brief_cols)};

/* r's columns cols into the record p of brief_schema, or r itself. */
static const pt_record *project(const pt_record *r, pt_record *p)
{
	if (!p)
		return r;
	for (int i = 0; i < PT_NCOLS(brief_cols); i++)
		pt_record_sets(p, i, pt_record_get(r, brief_cols[i]));
	return p;
}

static int stream(pt_cursor *c, const pt_schema *s, pt_writer *w, pt_record *p, pt_err *e)
{
	pt_record *r = pt_record_new(s);
	int n = 0, rc = PT_OK;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	while ((n = pt_cursor_next(c, r, e)) == 1) {
		/* julianday differences come back as reals: show whole days */
		for (int col = PT_RL_DAYS_OVERDUE; s != &pt_report_new_schema && col <= PT_RL_AGE_DAYS; col++)
			if (pt_record_get(r, col)) {
				char d[24];
				snprintf(d, sizeof d, "%.0f", strtod(pt_record_get(r, col), NULL));
				pt_record_sets(r, col, d);
			}
		if (s == &pt_backlog_list_schema && !pt_record_get(r, PT_BL_RESOLUTION))
			pt_record_sets(r, PT_BL_RESOLUTION, pt_backlog_states[0].code);
		if (pt_writer_put(w, project(r, p)) < 0) {
			rc = pt_error(e, PT_EDB, "write error");
			break;
		}
	}
	pt_record_free(r);
	return rc ? rc : n < 0 ? e->code : PT_OK;
}

int pt_report_list(pt_db *db, enum pt_report_list which, int days, const char *unit,
                   FILE *out, const pt_write_options *o, pt_err *e)
{
	pt_record *p = NULL;

	if (which == PT_LIST_BACKLOG_BRIEF) {
		for (int i = 0; i < PT_NCOLS(brief_cols); i++)
			brief[i] = *pt_column(&pt_backlog_list_schema, brief_cols[i]);
		if (!(p = pt_record_new(&brief_schema)))
			return pt_error(e, PT_EDB, "out of memory");
	}
	int rc = report_list(db, which, days, unit, p, out, o, e);
	pt_record_free(p);
	return rc;
}

static int report_list(pt_db *db, enum pt_report_list which, int days, const char *unit,
                       pt_record *p, FILE *out, const pt_write_options *o, pt_err *e)
{
	const struct pt_unit *u = NULL;
	char lo[11], hi[11], today[11];
	long off;
	int32_t t = pt_local_day(db->now);
	pt_cursor *c = NULL;
	const pt_schema *s;
	pt_writer *w;
	int rc;

	if (unit && !(u = pt_unit_must(db, unit, "--unit", PT_EUSAGE, e)))
		return e->code;
	pt_date_format(t, today);
	off = pt_zone_offset(t);
	if (which == PT_LIST_OVERDUE) {
		strcpy(lo, "0000-00-00");
		pt_date_format(t - 1, hi);
	} else {
		strcpy(lo, today);
		pt_date_format(t + days, hi);
	}
	if (which != PT_LIST_OVERDUE && which != PT_LIST_DUE)
		rc = pt_store_report_list(db, 1, "1", "1", today, off, u ? u->code : NULL, &c, e);
	else
		rc = pt_store_report_list(db, 0, lo, hi, today, off, u ? u->code : NULL, &c, e);
	if (rc)
		return rc;
	s = which == PT_LIST_OVERDUE || which == PT_LIST_DUE ? &pt_report_list_schema :
	    &pt_backlog_list_schema;
	if (!(w = pt_writer_new(out, p ? &brief_schema : s, o)))
		rc = pt_error(e, PT_EDB, "out of memory");
	else
		rc = stream(c, s, w, p, e);
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
	pt_cursor_close(c);
	return rc;
}

/* In a document, each of the three lists a table of its own. */
static const char *const new_titles[3][2] = {
	{"new collective", "新增集体访"}, {"new risk", "新增风险"}, {"new backlog", "新增积案"},
};

/* The zero report's second part: new collective, risk and backlog cases. */
int pt_report_new_cases(pt_db *db, const char *from, const char *to, const char *unit,
                        FILE *out, const pt_write_options *o, pt_err *e)
{
	const struct pt_unit *u = unit ? pt_unit_find(db, unit) : NULL;
	char lo[21], hi[21];
	int32_t f, t;
	pt_writer *w;
	int rc = PT_OK;

	if (pt_date_parse(from, &f) || pt_date_parse(to, &t))
		return pt_error(e, PT_EUSAGE, "period: not dates");
	pt_time_format_utc(pt_local_midnight(f), lo);
	pt_time_format_utc(pt_local_midnight(t + 1), hi);
	for (int which = 0; !rc && which < 3; which++) {
		pt_write_options t = pt_titled(o, new_titles[which][0], new_titles[which][1]);
		pt_cursor *c = NULL;
		if ((which == 0 || o->doc) && !(w = pt_writer_new(out, &pt_report_new_schema, &t)))
			return pt_error(e, PT_EDB, "out of memory");
		if (!(rc = pt_store_report_new(db, which, lo, hi, u ? u->code : NULL, &c, e)))
			rc = stream(c, &pt_report_new_schema, w, NULL, e);
		pt_cursor_close(c);
		if ((which == 2 || o->doc || rc) && pt_writer_close(w) < 0 && !rc)
			rc = pt_error(e, PT_EDB, "write error");
	}
	return rc;
}

int pt_period(enum pt_period k, const char *v, char from[11], char to[11], pt_err *e)
{
	static const char *const opt[] = {"--daily", "--weekly", "--monthly"};
	const char *given = v;
	char month[16];
	int32_t d;
	int y, m, dd;

	if (k == PT_MONTH && strlen(v) == 7) {
		snprintf(month, sizeof month, "%s-01", v);
		v = month;
	}
	if (pt_date_parse(v, &d))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a %s", opt[k], given,
		                k == PT_MONTH ? "month (YYYY-MM)" : "date");
	pt_civil_from_days(d, &y, &m, &dd);
	if (k == PT_WEEK)
		d -= (d % 7 + 7 + 3) % 7;               /* Monday */
	if (k == PT_MONTH)
		d -= dd - 1;
	pt_date_format(d, from);
	if (k == PT_DAY)
		pt_date_format(d, to);
	else if (k == PT_WEEK)
		pt_date_format(d + 6, to);
	else {
		pt_civil_from_days(d + 31, &y, &m, &dd);   /* in the next month */
		pt_date_format(d + 31 - dd, to);           /* the day before its first */
	}
	return PT_OK;
}
