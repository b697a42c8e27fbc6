/* petition-export - what another office should have, as a bundle of events;
 * or, for outside systems, Open311 GeoReport v2 service requests */
#include "cli.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const struct pt_enum open311_kinds[] = {
	{"requests", "信访件"}, {"services", "污染类型"}, {NULL, NULL},
};
/* in the order of enum pt_open311_format, after PT_O311_AUTO */
static const struct pt_enum open311_formats[] = {
	{"json", "JSON"}, {"xml", "XML"}, {NULL, NULL},
};

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

/* The bundle is printed once the access events, if any, are committed. */
static int bundle(struct pt_cli *c, pt_db *db, const pt_export_spec *s)
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
	} else if (pt_cli_copy(tmp) < 0 && !ferror(stdout)) {
		rc = pt_cli_error(c, PT_EDB, "the bundle's temporary file cannot be read");
	}   /* a failed write to stdout: pt_cli_exit says 5, or 6 after a commit */
	fclose(tmp);
	return rc;
}

static int open311(struct pt_cli *c, pt_db *db, int kind, const pt_filter *f, int format)
{
	pt_err e = {0};
	int rc = pt_open311_export(db, kind == 0 ? PT_O311_REQUESTS : PT_O311_SERVICES, f,
	                           format == 0 ? PT_O311_JSON : PT_O311_XML, stdout, &e);

	if (rc && !pt_cli_write_failed(rc))   /* pt_cli_exit reports a failed write */
		pt_cli_error(c, rc, "%s", e.msg);
	return rc;
}

int main(int argc, char **argv)
{
	const char *since = NULL;
	int kind = -1, format = 0;
	pt_export_spec s = {0};
	pt_filter f = {0};
	const struct pt_opt opts[] = {
		PT_OPT_STRING("to", 0, "UNIT", &s.to, "the office the bundle is for (a unit code or name)"),
		PT_OPT_STRING("since", 0, "BUNDLE|TIME", &since, "only cases with events since a bundle sent to it, or since a time"),
		PT_OPT_ENUM("open311", 0, "WHAT", &kind, open311_kinds, "Open311 GeoReport v2: requests (the cases) or services (the pollution types)"),
		PT_OPT_ENUM("format", 'f', "FMT", &format, open311_formats, "Open311: json or xml (default: json)"),
		PT_OPT_STRING_OF("status", 's', "S", &f.status, pt_statuses, "Open311: cases of these statuses (a comma list)"),
		PT_OPT_STRING("unit", 'u', "U", &f.unit, "Open311: cases of this unit and every unit under it (code or name)"),
		PT_OPT_STRING("from", 0, "DATE", &f.from, "Open311: cases received on or after DATE"),
		PT_OPT_STRING("until", 0, "DATE", &f.to, "Open311: cases received on or before DATE"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-export",
		.about = "write what another office should have, as a bundle of events, or Open311 for outside systems",
		.synopsis = "(--to UNIT [--since BUNDLE|TIME] | --open311 requests|services [--format json|xml] [FILTERS]) [OPTIONS]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;
	char utc[21];
	pt_db *db;

	if (i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "%s: unexpected operand (see --help)", argv[i]);
	if ((kind < 0) == !s.to)
		return pt_cli_error(&c, PT_EUSAGE, "give --to UNIT (a bundle) or --open311 (see --help)");
	if (kind < 0 && (f.status || f.unit || f.from || f.to))
		return pt_cli_error(&c, PT_EUSAGE, "--status, --unit, --from and --until go with"
		                    " --open311");
	if (kind >= 0 && since)
		return pt_cli_error(&c, PT_EUSAGE, "--since: a bundle's, not with --open311");
	c.open.readonly = kind >= 0;
	s.personal = c.out.personal;
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (kind >= 0)
		rc = open311(&c, db, kind, &f, format);
	else if (!since || !(rc = since_of(&c, db, since, &s, utc)))
		rc = bundle(&c, db, &s);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
