/* petition-export - cases for outside systems: Open311 GeoReport v2 service
 * requests, or the services list */
#include "cli.h"

static const struct pt_enum open311_kinds[] = {
	{"requests", "信访件"}, {"services", "污染类型"}, {NULL, NULL},
};
/* in the order of enum pt_open311_format, after PT_O311_AUTO */
static const struct pt_enum open311_formats[] = {
	{"json", "JSON"}, {"xml", "XML"}, {NULL, NULL},
};

int main(int argc, char **argv)
{
	int kind = -1, format = 0;
	pt_filter f = {0};
	const struct pt_opt opts[] = {
		PT_OPT_ENUM("open311", 0, "WHAT", &kind, open311_kinds, "Open311 GeoReport v2: requests (the cases) or services (the pollution types)"),
		PT_OPT_ENUM("format", 'f', "FMT", &format, open311_formats, "json or xml (default: json)"),
		PT_OPT_STRING_OF("status", 's', "S", &f.status, pt_statuses, "cases of these statuses (a comma list)"),
		PT_OPT_STRING("unit", 'u', "U", &f.unit, "cases of this unit and every unit under it (code or name)"),
		PT_OPT_STRING("from", 0, "DATE", &f.from, "cases received on or after DATE"),
		PT_OPT_STRING("to", 0, "DATE", &f.to, "cases received on or before DATE"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-export",
		.about = "export cases for outside systems (Open311 GeoReport v2)",
		.synopsis = "--open311 requests|services [--format json|xml] [FILTERS] [OPTIONS]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;
	pt_err e = {0};
	pt_db *db;

	if (i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "%s: unexpected operand (see --help)", argv[i]);
	if (kind < 0)
		return pt_cli_error(&c, PT_EUSAGE, "the bundle mode is not built yet: give --open311");
	c.open.readonly = true;
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	rc = pt_open311_export(db, kind == 0 ? PT_O311_REQUESTS : PT_O311_SERVICES, &f,
	                       format == 0 ? PT_O311_JSON : PT_O311_XML, stdout, &e);
	if (rc && !pt_cli_write_failed(rc))   /* pt_cli_exit reports a failed write */
		pt_cli_error(&c, rc, "%s", e.msg);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
