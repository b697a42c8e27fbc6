/* roster.h - petition-risk --roster: the duty roster of a key period. */
#ifndef PT_ROSTER_CLI_H
#define PT_ROSTER_CLI_H

#include "cli.h"

struct pt_roster_opts {
	const char *period, *date, *on_duty, *leader, *unit;
	bool daily, quiet;
};

/* The options of --roster beside it, in the tool's option table. */
#define PT_ROSTER_OPTS(r) \
	PT_OPT_STRING("date", 0, "DATE", &(r)->date, "with --roster: the day to set (or list)"), \
	PT_OPT_STRING("on-duty", 0, "NAMES", &(r)->on_duty, "with --roster --date: who is on duty (值班人员), a comma list"), \
	PT_OPT_STRING("leader", 0, "NAME", &(r)->leader, "with --roster --date: the leader on shift (带班领导)"), \
	PT_OPT_FLAG("daily-report", 0, &(r)->daily, "with --roster: the period's daily zero report of risks (零报告), every day and unit")

/* The options given that go with --roster only (0: none). */
int pt_roster_check(struct pt_cli *c, const struct pt_roster_opts *r, bool roster);
/* Sets a day (--on-duty or --leader given) or lists. */
bool pt_roster_writes(const struct pt_roster_opts *r);
int pt_roster_run(struct pt_cli *c, const struct pt_roster_opts *r, pt_db *db);

#endif
