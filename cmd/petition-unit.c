/* petition-unit - list the offices, or load them from CSV */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct unit_opts { const char *load, *under, *office; bool show_office; };

static int set_office(struct pt_cli *c, pt_db *db, const char *key)
{
	pt_err e = {0};
	int rc = pt_office_set(db, key, &e);

	if (!rc && db && (rc = pt_cli_commit(c, db, &e)) == PT_OK)
		return PT_OK;
	pt_rollback(db);
	return pt_cli_error(c, rc, "%s", e.msg);
}

static int show_office(struct pt_cli *c, pt_db *db)
{
	pt_err e = {0};
	const char *office;

	if (pt_cli_text_only(c, "--show-office"))
		return PT_EUSAGE;
	if (!(office = pt_office(db, &e)))
		return pt_cli_error(c, PT_EDB, "%s", e.msg);
	if (*office && printf("%s\n", office) < 0)
		return PT_EOUTPUT;
	return PT_OK;
}

static int load(struct pt_cli *c, pt_db *db, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	pt_record *r;
	pt_reader *rd;
	pt_errlist *errs;
	char where[64];
	pt_err e = {0};
	int rc, n;

	if (!f)
		return pt_cli_error(c, PT_EINPUT, "%s: %s", path, strerror(errno));
	r = pt_record_new(&pt_unit_schema);
	rd = pt_reader_new(f, &pt_unit_schema, PT_FMT_CSV);
	errs = pt_errlist_new();
	if (!r || !rd || !errs)
		rc = pt_cli_error(c, PT_EDB, "out of memory");
	else if ((rc = pt_begin(db, &e)) == PT_OK) {
		while ((n = pt_reader_next(rd, r, &e)) != 0) {
			if (n < 0) {
				pt_errlist_add(errs, e.code, "%s", e.msg);
				if (n == -2)
					break;
				continue;
			}
			snprintf(where, sizeof where, "line %ld", pt_reader_line(rd));
			pt_units_put(db, r, where, errs);
		}
		pt_cli_errors(c, errs);
		rc = pt_errlist_count(errs) ? pt_errlist_code(errs) : pt_cli_commit(c, db, &e);
		if (rc && !pt_errlist_count(errs))
			pt_cli_error(c, rc, "%s", e.msg);
		if (rc)
			pt_rollback(db);
	} else if (rc != PT_EDB || e.msg[0]) {
		pt_cli_error(c, rc, "%s", e.msg);
	}
	pt_errlist_free(errs);
	pt_reader_free(rd);
	pt_record_free(r);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int list(struct pt_cli *c, pt_db *db, const char *key, bool under, pt_writer *w)
{
	pt_record *r = pt_record_new(&pt_unit_schema);
	pt_cursor *cur = NULL;
	pt_err e = {0};
	int rc = pt_units_query(db, key, under, &cur, &e), n = 0;

	while (!rc && r && (n = pt_cursor_next(cur, r, &e)) == 1)
		if (pt_writer_put(w, r) < 0)
			break;
	if (rc || n < 0)
		pt_cli_error(c, rc ? rc : e.code, "%s", e.msg);
	pt_cursor_close(cur);
	pt_record_free(r);
	return rc ? rc : n < 0 ? e.code : PT_OK;
}

int main(int argc, char **argv)
{
	struct unit_opts u = {0};
	const struct pt_opt opts[] = {
		PT_OPT_STRING("load", 0, "FILE", &u.load, "add or update units from CSV (code,name,level,parent; - is stdin)"),
		PT_OPT_STRING("under", 0, "U", &u.under, "the unit and every unit under it"),
		PT_OPT_STRING("office", 0, "CODE", &u.office, "make this store that unit's office, once (its events carry the code)"),
		PT_OPT_FLAG("show-office", 0, &u.show_office, "print this store's office, if it has one"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-unit",
		.out = {.title = "units", .title_zh = "单位"},
		.about = "list and load the units (offices) of the petition system",
		.synopsis = "[--load FILE] [--under U] [--office CODE] [--show-office] [OPTIONS] [CODE|NAME...]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc, worst = PT_OK;
	bool named = i < argc;
	pt_writer *w;
	pt_db *db;

	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (u.load && (rc = load(&c, db, u.load))) {
		pt_close(db);
		return pt_cli_exit(&c, rc);
	}
	if ((u.office && (rc = set_office(&c, db, u.office))) ||
	    (u.show_office && (rc = show_office(&c, db)))) {
		pt_close(db);
		return pt_cli_exit(&c, rc);
	}
	if ((u.office || u.show_office) && !u.under && !named && !u.load) {
		pt_close(db);
		return pt_cli_exit(&c, PT_OK);
	}
	w = pt_writer_new(stdout, &pt_unit_schema, &c.out);
	if (u.under)
		worst = list(&c, db, u.under, true, w);
	for (; i < argc; i++)
		if ((rc = list(&c, db, argv[i], false, w)) > worst)
			worst = rc;
	if (!u.under && !named && !u.load)
		worst = list(&c, db, NULL, false, w);
	pt_writer_close(w);
	pt_close(db);
	return pt_cli_exit(&c, worst);
}
