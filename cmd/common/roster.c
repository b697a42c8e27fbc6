/* roster.c - petition-risk --roster: set a day of a key period's duty
 * roster, list its days (a gap flagged), or its daily zero report. */
#include "roster.h"
#include <stdio.h>

int pt_roster_check(struct pt_cli *c, const struct pt_roster_opts *r, bool roster)
{
	if (!roster && (r->date || r->on_duty || r->leader || r->daily))
		return pt_cli_error(c, PT_EUSAGE, "--date, --on-duty, --leader and --daily-report"
		                    " go with --roster");
	if (!roster)
		return PT_OK;
	if (r->daily && (r->date || r->on_duty || r->leader))
		return pt_cli_error(c, PT_EUSAGE, "--daily-report: without --date, --on-duty,"
		                    " --leader");
	if (!r->daily && r->unit)
		return pt_cli_error(c, PT_EUSAGE, "--unit goes with --roster --daily-report");
	if (pt_roster_writes(r) && !r->date)
		return pt_cli_error(c, PT_EUSAGE, "--on-duty and --leader need --date");
	return PT_OK;
}

bool pt_roster_writes(const struct pt_roster_opts *r)
{
	return r->on_duty || r->leader;
}

static int list(struct pt_cli *c, const struct pt_roster_opts *r, pt_db *db)
{
	pt_writer *w = pt_writer_new(stdout, &pt_roster_schema, &c->out);
	pt_err e = {0};
	int rc = w ? pt_roster_list(db, r->period, r->date, w, NULL, &e) :
		pt_error(&e, PT_EDB, "out of memory");

	if (w)
		pt_writer_close(w);
	if (pt_cli_write_failed(rc))
		return PT_OK;
	return rc ? pt_cli_error(c, rc, "%s", e.msg) : PT_OK;
}

static int put_day(struct pt_cli *c, pt_db *db, void *arg, FILE *doc, pt_err *e)
{
	const struct pt_roster_opts *r = arg;

	(void)c, (void)doc;
	return pt_roster_set(db, r->period, r->date, r->on_duty, r->leader, e);
}

static int set(struct pt_cli *c, const struct pt_roster_opts *r, pt_db *db)
{
	int rc = pt_cli_transaction(c, db, put_day, (void *)r, false);

	return rc || r->quiet ? rc : list(c, r, db);
}

int pt_roster_run(struct pt_cli *c, const struct pt_roster_opts *r, pt_db *db)
{
	pt_err e = {0};
	int rc;

	if (pt_roster_writes(r))
		return set(c, r, db);
	if (!r->daily)
		return list(c, r, db);
	rc = pt_roster_daily(db, r->period, r->unit, stdout, &c->out, &e);
	if (pt_cli_write_failed(rc))
		return PT_OK;
	return rc ? pt_cli_error(c, rc, "%s", e.msg) : PT_OK;
}
