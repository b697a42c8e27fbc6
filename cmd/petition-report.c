/* petition-report - statistics, zero reports and lists for analysts and cron */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FILES = 1 + PT_LIST_BACKLOG + 1, ANNUAL, PERIODS };   /* then periods[] */

/* The reports of their own, each a mode over --from and --to (their days). */
static const struct period_report {
	const char *option;
	int (*report)(pt_db *db, const char *from, const char *to, const char *unit,
	              FILE *out, const pt_write_options *o, pt_err *e);
} periods[] = {
	{"--visits", pt_visit_report},
	{"--orders", pt_orders_report},
};

struct rep_opts {
	pt_report_spec spec;
	const char *daily, *weekly, *monthly, *measures;
	const char *risk_daily, *risk_weekly, *risk_monthly, *annual;
	int list;            /* 0, 1 + enum pt_report_list, FILES, or PERIODS + i */
	long days;
};

static int measures(struct pt_cli *c, struct rep_opts *r)
{
	char buf[512], *save = NULL, *tok;

	snprintf(buf, sizeof buf, "%s", r->measures);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int m = pt_report_measure(tok);
		if (m < 0)
			return pt_cli_error(c, PT_EUSAGE, "--measures: \"%s\" is not a measure", tok);
		r->spec.measures_mask |= 1u << m;
	}
	return PT_OK;
}

/* --risk-daily, --risk-weekly, --risk-monthly: the risks' zero report */
static bool risky(const struct rep_opts *r)
{
	return r->risk_daily || r->risk_weekly || r->risk_monthly;
}

static const char *mode_name(const struct rep_opts *r)
{
	return r->list >= PERIODS ? periods[r->list - PERIODS].option :
	       r->list == ANNUAL ? "--annual" : r->list ? "a list" : risky(r) ? "a report of risks" :
	       "a zero report (it sets them)";
}

/* The title of the table a mode writes: a workbook's sheet. */
static void title(const struct rep_opts *r, pt_write_options *o)
{
	static const char *const lists[PERIODS + 2][2] = {
		{"statistics", "统计"}, {"overdue", "超期"}, {"due soon", "临期"},
		{"backlog", "积案"}, [FILES] = {"backlog files", "积案档案"},
		[ANNUAL] = {"annual report", "年度报告"}, [PERIODS] = {"visits", "领导接访"},
		[PERIODS + 1] = {"orders", "督查督办"},
	};
	int k = risky(r) ? -1 : r->daily || r->weekly || r->monthly ? -2 : r->list;

	o->title = k == -1 ? "risks" : k == -2 ? "zero report" : lists[k][0];
	o->title_zh = k == -1 ? "风险零报告" : k == -2 ? "零报告" : lists[k][1];
}

/* --daily, --weekly, --monthly: the period, and a report by unit. */
static int zero_period(struct pt_cli *c, struct rep_opts *r, char from[11], char to[11])
{
	enum pt_period k = r->daily ? PT_DAY : r->weekly ? PT_WEEK : PT_MONTH;
	pt_err e = {0};

	if (pt_period(k, r->daily ? r->daily : r->weekly ? r->weekly : r->monthly,
	              from, to, &e))
		return pt_cli_error(c, PT_EUSAGE, "%s", e.msg);
	r->spec.from = from;
	r->spec.to = to;
	r->spec.by = "unit";
	return PT_OK;
}

int main(int argc, char **argv)
{
	struct rep_opts r = {0};
	/* a zero report is a mode of list 0 */
	const struct pt_opt opts[] = {
		PT_OPT_STRING_FROM("by", 0, "DIMS", &r.spec.by, pt_report_dimension, "group by unit, channel, pollution_type, category, status, month, week, day, year"),
		PT_OPT_STRING("from", 0, "DATE", &r.spec.from, "cases received on or after DATE"),
		PT_OPT_STRING("to", 0, "DATE", &r.spec.to, "cases received on or before DATE (default: today)"),
		PT_OPT_STRING("unit", 'u', "U", &r.spec.unit, "this unit and every unit under it (each a row with --by unit)"),
		PT_OPT_STRING_FROM("measures", 0, "LIST", &r.measures, pt_report_measure_at, "only these measures (default: all)"),
		PT_OPT_STRING_OF("level", 0, "LEVEL", &r.spec.level, pt_unit_levels, "with --by unit, rows only of the units of LEVEL (national, province, city, county), each counting those under it"),
		PT_OPT_CMDMODE_STRING("daily", "DATE", &r.daily, NULL, &r.list, 0, "the zero report of a day: every unit, zeros included"),
		PT_OPT_CMDMODE_STRING("weekly", "DATE", &r.weekly, NULL, &r.list, 0, "the zero report of the week (Monday to Sunday) of DATE"),
		PT_OPT_CMDMODE_STRING("monthly", "MONTH", &r.monthly, NULL, &r.list, 0, "the zero report of a month (YYYY-MM)"),
		PT_OPT_CMDMODE_STRING("risk-daily", "DATE", &r.risk_daily, NULL, &r.list, 0, "the zero report of risks (风险零报告) of a day: every unit, risks found, reported, handled"),
		PT_OPT_CMDMODE_STRING("risk-weekly", "DATE", &r.risk_weekly, NULL, &r.list, 0, "the zero report of risks of the week (Monday to Sunday) of DATE"),
		PT_OPT_CMDMODE_STRING("risk-monthly", "MONTH", &r.risk_monthly, NULL, &r.list, 0, "the zero report of risks of a month (YYYY-MM)"),
		PT_OPT_CMDMODE("overdue", &r.list, 1 + PT_LIST_OVERDUE, "list every overdue deadline"),
		PT_OPT_CMDMODE("backlog", &r.list, 1 + PT_LIST_BACKLOG, "list the backlog cases with their lead leaders and files"),
		PT_OPT_CMDMODE("backlog-files", &r.list, FILES, "the backlog files by unit and lead leader, each resolution counted"),
		PT_OPT_CMDMODE_NUMBER("due-within", "DAYS", &r.days, 0, 3650, &r.list, 1 + PT_LIST_DUE, "list the deadlines due within DAYS"),
		PT_OPT_CMDMODE("visits", &r.list, PERIODS + 0, "leaders' receptions and visits per unit, leader and kind (--from, --to: their days)"),
		PT_OPT_CMDMODE("orders", &r.list, PERIODS + 1, "supervision orders issued, answered on time or late, overdue, by unit and kind (--from, --to: issued)"),
		PT_OPT_CMDMODE_STRING("annual", "YEAR", &r.annual, NULL, &r.list, ANNUAL, "the annual report (年度报告) of YEAR against the year before, in several tables"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-report",
		.about = "statistics, zero reports (零报告) and lists of overdue and backlog cases",
		.synopsis = "[--by DIMS] [--from DATE] [--to DATE] [--unit U] [--measures LIST]"
		            " | --daily DATE | --weekly DATE | --monthly MONTH | --risk-daily DATE"
		            " | --risk-weekly DATE | --risk-monthly MONTH | --overdue | --backlog"
		            " | --backlog-files | --due-within DAYS | --visits | --orders | --annual YEAR"
		            "  [OPTIONS]",
		.opts = opts, .modes_later = true,
	};
	int i = pt_cli_parse(&c, argc, argv), rc = PT_OK;
	char from[11], to[11];
	pt_err e = {0};
	pt_db *db;

	if (i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "%s: unexpected operand (see --help)", argv[i]);
	if (c.modes > 1)
		return pt_cli_error(&c, PT_EUSAGE, "one of --daily, --weekly, --monthly,"
		                    " --risk-daily, --risk-weekly, --risk-monthly, --overdue, --backlog,"
		                    " --backlog-files, --due-within, --visits, --orders, --annual at a time");
	if (c.modes && r.spec.by)
		return pt_cli_error(&c, PT_EUSAGE, "--by does not go with %s", mode_name(&r));
	if (c.modes && r.list < PERIODS && (r.spec.from || r.spec.to))
		return pt_cli_error(&c, PT_EUSAGE, "--from and --to do not go with %s",
		                    mode_name(&r));
	if ((r.list || risky(&r)) && r.measures)
		return pt_cli_error(&c, PT_EUSAGE, "--measures does not go with %s", mode_name(&r));
	if (c.modes && r.spec.level)
		return pt_cli_error(&c, PT_EUSAGE, "--level does not go with %s", mode_name(&r));
	if (!c.modes && c.out.format == PT_FMT_HTML && (r.spec.by || r.measures || r.spec.level))
		return pt_cli_error(&c, PT_EUSAGE, "--format html: the page has its own tables:"
		                    " not with --by, --measures or --level");
	if (r.measures && (rc = measures(&c, &r)))
		return rc;
	c.open.readonly = true;        /* a report never creates a database */
	title(&r, &c.out);
	if ((r.daily || r.weekly || r.monthly) && (rc = zero_period(&c, &r, from, to)))
		return rc;
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (r.list >= PERIODS)
		rc = periods[r.list - PERIODS].report(db, r.spec.from, r.spec.to, r.spec.unit,
		                                      stdout, &c.out, &e);
	else if (r.list == ANNUAL)
		rc = pt_annual_report(db, r.annual, r.spec.unit, stdout, &c.out, &e);
	else if (r.list == FILES)
		rc = pt_report_backlog_files(db, r.spec.unit, stdout, &c.out, &e);
	else if (risky(&r))
		rc = pt_risk_report(db, r.risk_daily ? PT_DAY : r.risk_weekly ? PT_WEEK : PT_MONTH,
		                    r.risk_daily ? r.risk_daily : r.risk_weekly ? r.risk_weekly :
		                    r.risk_monthly, r.spec.unit, stdout, &c.out, &e);
	else if (r.list)
		rc = pt_report_list(db, (enum pt_report_list)(r.list - 1), (int)r.days,
		                    r.spec.unit, stdout, &c.out, &e);
	else if (c.out.format == PT_FMT_HTML && !c.modes)
		rc = pt_report_page(db, &r.spec, stdout, &c.out, &e);
	else
		rc = pt_report(db, &r.spec, stdout, &c.out, &e);
	if (!rc && (r.daily || r.weekly || r.monthly) && c.out.format != PT_FMT_CSV) {
		if (c.out.format == PT_FMT_TABLE)
			printf(c.out.zh_header ? "\n新增集体访、风险和积案\n" :
			       "\nnew collective, risk and backlog cases\n");
		rc = pt_report_new_cases(db, from, to, r.spec.unit, stdout, &c.out, &e);
	}
	if (pt_cli_write_failed(rc))
		rc = PT_OK;              /* pt_cli_exit tells a closed pipe from a real error */
	else if (rc)
		pt_cli_error(&c, rc, "%s", e.msg);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
