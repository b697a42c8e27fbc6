/* petition-import - merge bundles another office sent into the store */
#include "cli.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int import_one(struct pt_cli *c, pt_db *db, const char *path, pt_writer *w,
                      pt_record *r)
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

int main(int argc, char **argv)
{
	bool quiet = false;
	struct pt_cli c = {
		.prog = "petition-import",
		.about = "merge bundles another office sent into the store, in one transaction",
		.synopsis = "[-n] [-q] [OPTIONS] [BUNDLE...]",
	};
	const struct pt_opt opts[] = {
		PT_OPT_FLAG("dry-run", 'n', &c.open.dry_run, "merge, print the summary, write nothing"),
		PT_OPT_FLAG("quiet", 'q', &quiet, "print no summary"),
		PT_OPT_END,
	};
	c.opts = opts;
	int i = pt_cli_parse(&c, argc, argv), rc = PT_OK;
	FILE *tmp = tmpfile();
	pt_record *r = pt_record_new(&pt_import_summary_schema);
	pt_writer *w = NULL;
	pt_err e = {0};
	pt_db *db;

	if (!tmp || !r)
		return pt_cli_error(&c, PT_EDB, "out of memory or no temporary file");
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (!quiet)
		w = pt_writer_new(tmp, &pt_import_summary_schema, &c.out);
	if (i == argc)
		rc = import_one(&c, db, "-", w, r);
	for (; i < argc && !rc; i++)
		rc = import_one(&c, db, argv[i], w, r);
	if (w && pt_writer_close(w) < 0 && !rc)
		rc = PT_EOUTPUT;
	if (!rc && !c.open.dry_run && (rc = pt_cli_commit(&c, db, &e)))
		pt_cli_error(&c, rc, "%s", e.msg);
	pt_rollback(db);
	if (!rc && !quiet && pt_cli_copy(tmp) < 0)
		rc = PT_EOUTPUT;
	fclose(tmp);
	pt_record_free(r);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
