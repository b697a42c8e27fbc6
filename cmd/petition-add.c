/* petition-add - register cases from options or from JSON Lines / CSV on stdin */
#include "cli.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct add {
	pt_record *flags;        /* the record given by field options */
	bool any_field, keep_going, quiet;
	long visit;              /* --visit: the reception it was registered at */
	bool visit_seen, fatal;  /* the visit looked for; not there: nothing is added */
};

static int visit_there(pt_db *db, struct add *a, pt_errlist *errs)
{
	pt_visit_filter f = {.id = a->visit};
	pt_record *r = pt_record_new(&pt_visit_schema);
	pt_cursor *c = NULL;
	pt_err e = {0};
	int rc = r ? pt_visits_query(db, &f, &c, &e) : pt_error(&e, PT_EDB, "out of memory");

	if (!rc && (rc = pt_cursor_next(c, r, &e)) == 0)
		rc = pt_error(&e, PT_EUSAGE, "--visit: %ld: no such visit (see petition-visit --list)",
		              a->visit);
	pt_cursor_close(c);
	pt_record_free(r);
	a->visit_seen = true;
	if (rc == 1)
		return PT_OK;
	a->fatal = true;
	pt_errlist_add(errs, e.code, "%s", e.msg);
	return e.code;
}

/* A case registered at a reception (--visit): linked to it, in its history. */
static int add_one(pt_db *db, struct add *a, pt_record *r, const char *where,
                   pt_errlist *errs, int64_t *id)
{
	pt_err e = {0};
	int rc;

	if (a->visit && !a->visit_seen && (rc = visit_there(db, a, errs)))
		return rc;
	if ((rc = pt_case_add(db, r, where, errs, id)) || !a->visit ||
	    !(rc = pt_visit_link(db, a->visit, *id, &e)))
		return rc;
	a->fatal = true;       /* the case is in, unlinked: nothing may be kept */
	pt_errlist_add(errs, rc, "%s%s%s", where ? where : "", where ? ": " : "", e.msg);
	return rc;
}

static int input_format(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	(void)o;
	if (pt_format_parse(arg, &c->input_format) ||
	    (c->input_format != PT_FMT_JSONL && c->input_format != PT_FMT_CSV))
		return pt_cli_error(c, PT_EUSAGE, "--input-format: \"%s\" is not jsonl or csv", arg);
	return PT_OK;
}

/* A field option: the field o->lo of the record. */
static int field(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	struct add *a = o->var;

	(void)c;
	a->any_field = true;
	return pt_record_sets(a->flags, (int)o->lo, arg ? arg : "true") ? PT_EDB : 0;
}

/* One option per input field of the record: --received-at, --channel, ... */
static void field_options(struct pt_opt *o, struct add *a)
{
	static char names[PT_NCASE_FIELDS][32], help[PT_NCASE_FIELDS][64];

	for (int f = 0; f < PT_NCASE_FIELDS; f++) {
		if (!pt_schema_is_input(&pt_case_schema, f))
			continue;
		snprintf(names[f], sizeof names[f], "%s", pt_schema_name(&pt_case_schema, f));
		for (char *p = names[f]; *p; p++)
			if (*p == '_')
				*p = '-';
		snprintf(help[f], sizeof help[f], "the %s field (%s)",
		         pt_schema_name(&pt_case_schema, f), pt_schema_zh(&pt_case_schema, f));
		bool flag = f == PT_F_ANONYMOUS || f == PT_F_RISK;
		*o++ = (struct pt_opt){.name = names[f], .arg = flag ? NULL : "VALUE",
		                       .help = help[f], .values = pt_schema_values(&pt_case_schema, f),
		                       .kind = PT_OPT_K_CALLBACK, .fn = field, .var = a, .lo = f};
	}
	*o = (struct pt_opt)PT_OPT_END;
}

/* Adds every record of stdin; counts what was added in *added. */
static int add_stdin(struct pt_cli *c, pt_db *db, struct add *a, pt_errlist *errs,
                     int64_t *first, int64_t *added, bool *begun)
{
	pt_reader *rd = pt_reader_new(stdin, &pt_case_schema, c->input_format);
	pt_record *r = pt_record_new(&pt_case_schema);
	char where[48];
	pt_err e = {0};
	int64_t id;
	int rc = 0, n;

	if (!rd || !r)
		rc = pt_cli_error(c, PT_EDB, "out of memory");
	while (!rc && (n = pt_reader_next(rd, r, &e)) != 0) {
		if (n < 0) {
			pt_errlist_add(errs, e.code, "%s", e.msg);
			if (n == -2)
				break;
			continue;
		}
		if (!*begun && (rc = pt_begin(db, &e))) {   /* after upstream's commit */
			pt_cli_error(c, rc, "%s", e.msg);
			break;
		}
		*begun = true;
		snprintf(where, sizeof where, "line %ld", pt_reader_line(rd));
		if (add_one(db, a, r, where, errs, &id) == PT_OK) {
			*first = *first ? *first : id;
			++*added;
		} else if (pt_errlist_code(errs) == PT_EDB || a->fatal) {
			break;
		}
	}
	pt_reader_free(rd);
	pt_record_free(r);
	return rc;
}

static int print_added(struct pt_cli *c, pt_db *db, int64_t first, int64_t last)
{
	pt_filter f = {.id_min = first, .id_max = last};
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_writer *w = pt_writer_new(stdout, &pt_case_schema, &c->out);
	pt_cursor *cur = NULL;
	pt_err e = {0};
	int rc = pt_cases_query(db, &f, &cur, &e), n = 0;

	while (!rc && r && w && (n = pt_cursor_next(cur, r, &e)) == 1)
		if (pt_writer_put(w, r) < 0)
			break;
	if (rc || n < 0)
		pt_cli_error(c, rc ? rc : e.code, "%s", e.msg);
	pt_cursor_close(cur);
	pt_writer_close(w);
	pt_record_free(r);
	return rc ? rc : n < 0 ? e.code : 0;
}

int main(int argc, char **argv)
{
	struct add a = {0};
	struct pt_cli c = {
		.prog = "petition-add",
		.out = {.title = "cases", .title_zh = "信访件"},
		.about = "register environmental petition cases (信访件登记)",
		.synopsis = "[--input-format FMT] [-k] [-n] [-q] [FIELD OPTIONS] [OPTIONS] < records",
	};
	struct pt_opt opts[5 + PT_NCASE_FIELDS + 1] = {
		{.name = "input-format", .arg = "FMT", .help = "stdin is jsonl or csv (default: detected)",
		 .values = PT_CLI_INPUT_FORMATS, .kind = PT_OPT_K_CALLBACK, .fn = input_format},
		PT_OPT_FLAG("keep-going", 'k', &a.keep_going, "add the good records, report the bad ones, exit 1"),
		PT_OPT_FLAG("dry-run", 'n', &c.open.dry_run, "check and print the records, write nothing"),
		PT_OPT_FLAG("quiet", 'q', &a.quiet, "print nothing on success"),
		PT_OPT_NUMBER("visit", 0, "ID", &a.visit, 1, INT64_MAX, "registered at this reception or visit (petition-visit): each case is linked to it"),
	};
	pt_errlist *errs = NULL;
	int64_t first = 0, added = 0, id;
	bool begun = false;
	pt_err e = {0};
	pt_db *db = NULL;
	int rc, i;

	field_options(opts + 5, &a);
	c.opts = opts;
	if (!(a.flags = pt_record_new(&pt_case_schema)))
		return pt_cli_error(&c, PT_EDB, "out of memory");
	i = pt_cli_parse(&c, argc, argv);
	if (i < argc)
		rc = pt_cli_error(&c, PT_EUSAGE, "%s: unexpected operand (see --help)", argv[i]);
	else if (!a.any_field && isatty(STDIN_FILENO))     /* /dev/null: no records, exit 0 */
		rc = pt_cli_error(&c, PT_EUSAGE, "no record: give field options or records on stdin");
	else if (!(errs = pt_errlist_new()))
		rc = pt_cli_error(&c, PT_EDB, "out of memory");
	else
		db = pt_cli_open(&c, &rc);
	if (!db)
		goto out;
	if (a.any_field && (rc = pt_begin(db, &e))) {
		pt_cli_error(&c, rc, "%s", e.msg);
		goto out;
	}
	if (a.any_field) {
		if (add_one(db, &a, a.flags, NULL, errs, &id) == PT_OK)
			first = id, added = 1;
	} else if ((rc = add_stdin(&c, db, &a, errs, &first, &added, &begun))) {
		goto out;
	}
	if (!a.any_field && !begun) {        /* no records at all */
		pt_cli_errors(&c, errs);
		rc = pt_errlist_count(errs) ? pt_errlist_code(errs) : PT_OK;
		goto out;
	}
	pt_cli_errors(&c, errs);
	rc = pt_errlist_count(errs) ? pt_errlist_code(errs) : PT_OK;
	if (rc == PT_EDB || a.fatal || (rc && !a.keep_going) || (rc && !added)) {
		pt_rollback(db);
		goto out;
	}
	if (c.open.dry_run) {
		if (!a.quiet && added)
			print_added(&c, db, first, first + added - 1);
		pt_rollback(db);
	} else if ((rc = pt_cli_commit(&c, db, &e)) != PT_OK) {
		pt_cli_error(&c, rc, "%s", e.msg);
		goto out;
	} else if (!a.quiet && added) {
		print_added(&c, db, first, first + added - 1);
	}
	rc = pt_errlist_count(errs) ? PT_PARTIAL : PT_OK;
out:
	pt_close(db);
	pt_errlist_free(errs);
	pt_record_free(a.flags);
	return pt_cli_exit(&c, rc);
}
