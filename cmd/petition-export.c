/* petition-export - what another office should have, as a bundle of events */
#include "cli.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* --since: a time (events that arrived since), else a bundle sent before. */
static int since_of(struct pt_cli *c, pt_db *db, const char *since, pt_export_spec *s,
                    char utc[21])
{
	int64_t t;
	pt_err e = {0};
	FILE *f;
	int rc;

	if (!pt_time_parse(since, &t)) {
		pt_time_format_utc(t, utc);
		s->since = utc;
		return PT_OK;
	}
	if (!(f = fopen(since, "r")))
		return pt_cli_error(c, PT_EUSAGE, "--since: not a time, and no bundle there: %s",
		                    strerror(errno));
	rc = pt_bundle_through(db, f, &s->after, &e);
	fclose(f);
	return rc ? pt_cli_error(c, rc, "%s", e.msg) : PT_OK;
}

static int export(struct pt_cli *c, pt_db *db, const pt_export_spec *s)
{
	pt_export_stats st;
	pt_err e = {0};
	FILE *tmp = tmpfile();
	int rc;

	if (!tmp)
		return pt_cli_error(c, PT_EOUTPUT, "no temporary file: %s", strerror(errno));
	if ((rc = pt_export(db, s, tmp, &st, &e)) == PT_OK && s->personal)
		rc = pt_cli_commit(c, db, &e);
	if (rc) {
		pt_rollback(db);
		pt_cli_error(c, rc, "%s", e.msg);
	} else if (pt_cli_copy(tmp) < 0) {
		rc = PT_EOUTPUT;
	}
	fclose(tmp);
	return rc;
}

int main(int argc, char **argv)
{
	const char *to = NULL, *since = NULL;
	const struct pt_opt opts[] = {
		PT_OPT_STRING("to", 0, "UNIT", &to, "the office the bundle is for (a unit code or name)"),
		PT_OPT_STRING("since", 0, "BUNDLE|TIME", &since, "only cases with events since a bundle sent to it, or since a time"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-export",
		.about = "write what another office should have, as a bundle of events",
		.synopsis = "--to UNIT [--since BUNDLE|TIME] [OPTIONS] > BUNDLE",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;
	pt_export_spec s = {0};
	char utc[21];
	pt_db *db;

	if (i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "no operands are taken (see --help)");
	if (!to)
		return pt_cli_error(&c, PT_EUSAGE, "--to: required (see --help)");
	s.to = to;
	s.personal = c.out.personal;
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (!since || !(rc = since_of(&c, db, since, &s, utc)))
		rc = export(&c, db, &s);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
