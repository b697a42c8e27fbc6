/*
 * page.c - the director's page (petition-report --format html): the
 * period's statistics as charts, each followed by its numbers as a table:
 * cases per month by channel, cases by unit (counties counted in their
 * city), the on-time rates per unit against the policy's target, overdue
 * clocks by working days late, repeat and collective petitions per month,
 * rating and satisfaction rates, and the backlog cases with their leaders.
 * Every unit is a row, zeros included. Each part is a report of its own
 * written into the page (lib/doc_html.c draws the charts).
 */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

/* Where a part's rows are units: CITY, those of a city's level (each
 * counting the counties under it); UNITS, every unit, unless there are
 * more than a chart can show (then as CITY). */
enum { PERIODS, CITY, UNITS };
enum { MAX_UNITS = 40 };

struct part {
	const char *title, *title_zh;
	const char *by, *measures;
	int rows;
	bool target;                  /* the chart's line: the policy's on_time_target */
	pt_chart chart;
};

static const struct part parts[] = {
	{"cases per month by channel", "每月收件（按渠道）", "month,channel", "received", PERIODS, false,
	 {"month", "channel", "received", false, -1, "cases per month by channel"}},
	{"cases by unit", "各单位收件（区县计入所在市）", "unit", "received,repeat,collective", CITY, false,
	 {"unit_name", NULL, "received", false, -1, "cases by unit"}},
	{"on-time rates by unit", "各单位及时受理率与按期办结率", "unit",
	 "on_time_acceptance_rate,on_time_rate", UNITS, true,
	 {"unit_name", NULL, "on_time_acceptance_rate,on_time_rate", true, -1, "on-time rates"}},
	{"repeat and collective petitions per month", "每月重复信访与集体访", "month",
	 "repeat,collective", PERIODS, false,
	 {"month", NULL, "repeat,collective", false, -1, "repeat and collective petitions"}},
	{"rating and satisfaction by unit", "各单位参评率与满意率", "unit",
	 "rated_rate,satisfied_rate", UNITS, false,
	 {"unit_name", NULL, "rated_rate,satisfied_rate", true, -1, "rating and satisfaction"}},
};

static int measures_of(const char *list, unsigned *mask, pt_err *e)
{
	char buf[128], *save = NULL;

	snprintf(buf, sizeof buf, "%s", list);
	*mask = 0;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int m = pt_report_measure(t);
		if (m < 0)
			return pt_error(e, PT_EDB, "page: no measure %s", t);
		*mask |= 1u << m;
	}
	return PT_OK;
}

/* Counties roll into their city, unless the page is a county's own; every
 * unit is shown when they are few enough. */
static int unit_level(pt_db *db, const char *unit, int rows, const char **level, pt_err *e)
{
	const struct pt_unit *u = unit ? pt_unit_find(db, unit) : NULL;
	const struct pt_unit **units = NULL;
	size_t n = 0;
	int rc = PT_OK;

	*level = NULL;
	if (rows == PERIODS || (u && !strcmp(u->level, "county")))
		return PT_OK;
	if (rows == UNITS && (rc = pt_report_units(db, unit, &units, &n, e)))
		return rc;
	free(units);
	if (rows == CITY || n > MAX_UNITS)
		*level = "city";
	return PT_OK;
}

static int report_part(pt_db *db, const pt_report_spec *period, const struct part *p,
                       FILE *out, const pt_write_options *o, pt_err *e)
{
	pt_report_spec spec = *period;
	pt_write_options t = pt_titled(o, p->title, p->title_zh);
	pt_chart chart = p->chart;
	int rc = measures_of(p->measures, &spec.measures_mask, e);

	if (rc || (rc = unit_level(db, period->unit, p->rows, &spec.level, e)))
		return rc;
	spec.by = p->by;
	if (p->target)
		chart.target = db->policy.on_time_target / 100.0;
	t.chart = &chart;
	return pt_report(db, &spec, out, &t, e);
}

/* --- overdue clocks by working days late --- */

static const char *const ages[][2] = {
	{"1-5", "1-5个工作日"}, {"6-15", "6-15个工作日"}, {"16-30", "16-30个工作日"},
	{"over 30", "30个工作日以上"},
};

static const struct pt_column age_cols[] = {
	{"working_days_overdue", "超期工作日", PT_T_TEXT, 0, 0, 14, NULL},
	{"overdue", "超期数", PT_T_INT, 0, 0, 8, NULL},
};
static const pt_schema age_schema = {age_cols, PT_NCOLS(age_cols)};

static int age_bucket(int days)
{
	return days <= 5 ? 0 : days <= 15 ? 1 : days <= 30 ? 2 : 3;
}

/* The open clocks past their due date, counted by how late they are. */
static int count_ages(pt_db *db, const char *unit, int64_t n[4], pt_err *e)
{
	int32_t today = pt_local_day(db->now), due;
	char lo[11] = "0000-00-00", hi[11], day[11];
	pt_record *r = pt_record_new(&pt_report_list_schema);
	pt_cursor *c = NULL;
	int rc, more = 0, late;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	pt_date_format(today - 1, hi);
	pt_date_format(today, day);
	rc = pt_store_report_list(db, 0, lo, hi, day, pt_zone_offset(today), unit, &c, e);
	while (!rc && (more = pt_cursor_next(c, r, e)) > 0) {
		if (pt_date_parse(pt_record_get(r, PT_RL_DUE), &due))
			continue;
		if (!(rc = pt_working_days_after(db, due, today, &late, e)))
			n[age_bucket(late)]++;
	}
	if (!rc && more < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int overdue_part(pt_db *db, const char *unit, FILE *out, const pt_write_options *o,
                        pt_err *e)
{
	static const pt_chart chart = {"working_days_overdue", NULL, "overdue", false, -1,
	                               "overdue by working days late"};
	pt_write_options t = pt_titled(o, "overdue by working days late", "超期案件（按超期工作日）");
	int64_t n[4] = {0};
	pt_record *r = NULL;
	pt_writer *w = NULL;
	int rc = count_ages(db, unit, n, e);

	t.chart = &chart;
	if (!rc && (!(r = pt_record_new(&age_schema)) || !(w = pt_writer_new(out, &age_schema, &t))))
		rc = pt_error(e, PT_EDB, "out of memory");
	for (int i = 0; !rc && i < 4; i++) {
		pt_record_sets(r, 0, ages[i][o->zh_header]);
		pt_record_set_int(r, 1, n[i]);
		if (pt_writer_put(w, r) < 0)
			rc = pt_error(e, PT_EDB, "write error");
	}
	if (w && pt_writer_close(w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
	pt_record_free(r);
	return rc;
}

/* --- the page --- */

/* The period: --from (the first of the year of --to) to --to (today). */
static int page_period(pt_db *db, const pt_report_spec *spec, char from[11], char to[11],
                       pt_err *e)
{
	int32_t d;

	if (spec->to && pt_date_parse(spec->to, &d))
		return pt_error(e, PT_EUSAGE, "--to: \"%.64s\" is not a date", spec->to);
	if (!spec->to)
		d = pt_local_day(db->now);
	pt_date_format(d, to);
	if (spec->from && pt_date_parse(spec->from, &d))
		return pt_error(e, PT_EUSAGE, "--from: \"%.64s\" is not a date", spec->from);
	if (spec->from)
		pt_date_format(d, from);
	else
		snprintf(from, 11, "%.4s-01-01", to);
	return PT_OK;
}

int pt_report_page(pt_db *db, const pt_report_spec *spec, FILE *out,
                   const pt_write_options *o, pt_err *e)
{
	char from[11], to[11], title[160];
	pt_report_spec period = {.unit = spec->unit};
	int rc;

	if (!o->doc || o->format != PT_FMT_HTML)
		return pt_error(e, PT_EUSAGE, "page: an HTML document only");
	if (spec->unit && !pt_unit_must(db, spec->unit, "--unit", PT_EUSAGE, e))
		return e->code;
	if ((rc = page_period(db, spec, from, to, e)))
		return rc;
	period.from = from;
	period.to = to;
	snprintf(title, sizeof title, o->zh_header ? "环境信访工作报告 %s 至 %s" :
	         "petition casework %s to %s", from, to);
	if ((rc = pt_doc_retitle(o->doc, title, e)))
		return rc;
	for (size_t i = 0; !rc && i < sizeof parts / sizeof parts[0]; i++) {
		rc = report_part(db, &period, &parts[i], out, o, e);
		if (!rc && i == 2)
			rc = overdue_part(db, spec->unit, out, o, e);
	}
	if (!rc) {
		pt_write_options t = pt_titled(o, "backlog cases and their leaders", "积案及包案领导");
		rc = pt_report_list(db, PT_LIST_BACKLOG_BRIEF, 0, spec->unit, out, &t, e);
	}
	return rc;
}
