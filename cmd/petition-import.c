/* petition-import - merge bundles another office sent into the store; or
 * register Open311 GeoReport v2 service requests sent by outside systems */
#include "cli.h"
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

/* in the order of enum pt_open311_format, after PT_O311_AUTO */
static const struct pt_enum open311_formats[] = {
	{"json", "JSON"}, {"xml", "XML"}, {NULL, NULL},
};

struct import {
	bool open311, keep_going, quiet;
	int format;                 /* -1: detected */
	const char *unit;
	int64_t added, present;
};

/* One row: how many requests were added, how many were there already. */
static void summary(struct pt_cli *c, const struct import *im)
{
	pt_record *r = pt_record_new(&pt_open311_summary_schema);
	pt_writer *w = r ? pt_writer_new(stdout, &pt_open311_summary_schema, &c->out) : NULL;

	if (w && !pt_record_set_int(r, 0, im->added) && !pt_record_set_int(r, 1, im->present))
		pt_writer_put(w, r);
	if (w)
		pt_writer_close(w);
	pt_record_free(r);
}

/* Registers the requests in one transaction; returns the exit status. */
static int requests(struct pt_cli *c, pt_db *db, struct import *im,
                    const pt_open311_requests *l)
{
	pt_errlist *errs = pt_errlist_new();
	pt_err e = {0};
	int rc;

	if (!errs)
		return pt_cli_error(c, PT_EDB, "out of memory");
	if (im->unit && (rc = pt_unit_check(db, im->unit, "--unit", PT_EUSAGE, &e)))
		goto out;
	if ((rc = pt_begin(db, &e)))
		goto out;
	rc = pt_open311_import(db, l, im->unit, errs, &im->added, &im->present);
	pt_cli_errors(c, errs);
	if (rc == PT_EDB || rc == PT_EUSAGE || (rc && !im->keep_going) || (rc && !im->added)) {
		pt_rollback(db);
		im->added = 0;
	} else if (c->open.dry_run) {
		pt_rollback(db);
	} else if ((rc = pt_cli_commit(c, db, &e)) == PT_OK) {
		rc = pt_errlist_count(errs) ? PT_PARTIAL : PT_OK;
	}
	if ((rc == PT_OK || rc == PT_PARTIAL) && !im->quiet)
		summary(c, im);
	pt_errlist_free(errs);
	return rc;
out:
	pt_errlist_free(errs);
	return pt_cli_error(c, rc, "%s", e.msg);
}

static int open311(struct pt_cli *c, struct import *im)
{
	pt_open311_requests *l = NULL;
	pt_err e = {0};
	pt_db *db = NULL;
	int rc;

	if (isatty(STDIN_FILENO))
		return pt_cli_error(c, PT_EUSAGE, "no input: give service requests on stdin");
	if ((rc = pt_open311_read(stdin, im->format < 0 ? PT_O311_AUTO : im->format == 0 ?
	                          PT_O311_JSON : PT_O311_XML, &l, &e)))
		return pt_cli_error(c, rc, "%s", e.msg);
	if ((db = pt_cli_open(c, &rc)))
		rc = requests(c, db, im, l);
	pt_close(db);
	pt_open311_requests_free(l);
	return rc;
}

static int bundle(struct pt_cli *c, pt_db *db, const char *path, pt_writer *w, pt_record *r)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	pt_import_stats st;
	pt_err e = {0};
	int rc;

	if (!f)
		return pt_cli_error(c, PT_EINPUT, "%s: %s", path, strerror(errno));
	if ((rc = pt_import(db, f, &st, &e)))
		pt_cli_error(c, rc, "%s: %s", path, e.msg);
	else if (w && (pt_import_row(&st, r) < 0 || pt_writer_put(w, r) < 0))
		rc = PT_EOUTPUT;
	if (f != stdin)
		fclose(f);
	return rc;
}

/* Every bundle in one transaction; the summary printed after the commit. */
static int bundles(struct pt_cli *c, struct import *im, char **paths, int n)
{
	FILE *tmp = tmpfile();
	pt_record *r = pt_record_new(&pt_import_summary_schema);
	pt_writer *w = NULL;
	pt_err e = {0};
	pt_db *db = NULL;
	int rc = !tmp || !r ? pt_cli_error(c, PT_EDB, "out of memory or no temporary file")
	                    : PT_OK;

	if (!rc && (db = pt_cli_open(c, &rc)) && !im->quiet)
		w = pt_writer_new(tmp, &pt_import_summary_schema, &c->out);
	for (int i = 0; db && !rc && i < (n ? n : 1); i++)
		rc = bundle(c, db, n ? paths[i] : "-", w, r);
	if (w && pt_writer_close(w) < 0 && !rc)
		rc = PT_EOUTPUT;
	if (db && !rc && !c->open.dry_run && (rc = pt_cli_commit(c, db, &e)))
		pt_cli_error(c, rc, "%s", e.msg);
	pt_rollback(db);
	if (db && !rc && !im->quiet)
		pt_cli_copy(tmp);        /* a failed write: pt_cli_exit reports it (6) */
	if (tmp)
		fclose(tmp);
	pt_record_free(r);
	pt_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	struct import im = {.format = -1};
	struct pt_cli c = {
		.prog = "petition-import",
		.out = {.title = "imported", .title_zh = "导入"},
		.about = "merge bundles another office sent, or register Open311 service requests",
		.synopsis = "([BUNDLE...] | --open311 [--input-format json|xml] [--unit U] [-k]) [-n] [-q] [OPTIONS]",
	};
	const struct pt_opt opts[] = {
		PT_OPT_FLAG("open311", 0, &im.open311, "stdin holds Open311 GeoReport v2 service requests"),
		PT_OPT_ENUM("input-format", 0, "FMT", &im.format, open311_formats, "Open311: stdin is json or xml (default: detected)"),
		PT_OPT_STRING("unit", 'u', "U", &im.unit, "Open311: the unit of requests whose agency_responsible names no known unit"),
		PT_OPT_FLAG("keep-going", 'k', &im.keep_going, "Open311: add the good requests, report the bad ones, exit 1"),
		PT_OPT_FLAG("dry-run", 'n', &c.open.dry_run, "merge and print the summary, write nothing"),
		PT_OPT_FLAG("quiet", 'q', &im.quiet, "print nothing on success"),
		PT_OPT_END,
	};
	int i, rc;

	c.opts = opts;
	i = pt_cli_parse(&c, argc, argv);
	if (im.open311 && i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "%s: --open311 reads stdin (see --help)", argv[i]);
	if (!im.open311 && (im.unit || im.keep_going || im.format >= 0))
		return pt_cli_error(&c, PT_EUSAGE, "--unit, --keep-going and --input-format go with"
		                    " --open311 (a bundle is merged whole)");
	rc = im.open311 ? open311(&c, &im) : bundles(&c, &im, argv + i, argc - i);
	return pt_cli_exit(&c, rc);
}
