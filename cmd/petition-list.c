/* petition-list - select cases by filters, or by ids from arguments or stdin ("-") */
#include "cli.h"
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Writes the cases the filter selects; PT_EUSAGE for a bad filter. */
static int list(struct pt_cli *c, pt_db *db, pt_filter *f, pt_writer *w, pt_record *r)
{
	pt_cursor *cur;
	pt_err e = {0};
	int rc = pt_cli_reveal_lock(c, db), n;

	if (rc)
		return rc;
	if ((rc = pt_cases_query(db, f, &cur, &e)))
		return pt_cli_error(c, rc, "%s", e.msg);
	while ((n = pt_cursor_next(cur, r, &e)) == 1) {
		if ((rc = pt_cli_accessed(c, db, strtoll(pt_record_get(r, PT_F_ID), NULL, 10))))
			break;
		if (pt_writer_put(w, r) < 0)
			break;
	}
	pt_cursor_close(cur);
	if (rc)
		return rc;
	return n < 0 ? pt_cli_error(c, e.code, "%s", e.msg) : PT_OK;
}

/* Prints how many cases the filter selects: no case is read, none revealed. */
static int count(struct pt_cli *c, pt_db *db, pt_filter *f)
{
	pt_err e = {0};
	int64_t n;
	int rc = pt_cli_text_only(c, "--count");

	if (rc)
		return rc;
	if ((rc = pt_cases_count(db, f, &n, &e)))
		return pt_cli_error(c, rc, "%s", e.msg);
	printf("%" PRId64 "\n", n);
	return PT_OK;          /* a failed write: pt_cli_exit */
}

struct keyed { pt_filter *f; pt_writer *w; pt_record *r; };

/* One key: the case if it exists (and passes the filter). */
static int list_key(struct pt_cli *c, pt_db *db, const char *key, const char *where,
                    void *ctx)
{
	struct keyed *k = ctx;
	pt_err e = {0};
	int rc = pt_case_resolve(db, key, &k->f->id, &e);

	if (rc)
		return pt_cli_error_at(c, rc, where, e.msg);
	return list(c, db, k->f, k->w, k->r);
}

int main(int argc, char **argv)
{
	pt_filter f = {0};
	const char *for_unit = NULL;
	long limit = 0;
	bool counting = false;
	const struct pt_opt opts[] = {
		PT_OPT_STRING_OF("status", 's', "S", &f.status, pt_statuses, "registered, accepted, ... (a comma list)"),
		PT_OPT_STRING("unit", 'u', "U", &f.unit, "this unit and every unit under it (code or name)"),
		PT_OPT_STRING_OF("channel", 0, "C", &f.channel, pt_channels, "letter, visit, hotline, web, ... (a comma list)"),
		PT_OPT_STRING_OF("pollution-type", 0, "T", &f.pollution_type, pt_pollution_types, "air, water, noise, ... (a comma list)"),
		PT_OPT_STRING("from", 0, "DATE", &f.from, "received on or after DATE"),
		PT_OPT_STRING("to", 0, "DATE", &f.to, "received on or before DATE"),
		PT_OPT_STRING("due-before", 0, "DATE", &f.due_before, "an open deadline falls before DATE"),
		PT_OPT_FLAG("overdue", 0, &f.overdue, "an open deadline has passed (as of --now)"),
		PT_OPT_FLAG("repeat", 0, &f.repeat, "repeat petitions only"),
		PT_OPT_FLAG("collective", 0, &f.collective, "collective visits only"),
		PT_OPT_STRING_OF("category", 0, "C", &f.category, pt_categories, "enforcement, litigation, petition, out_of_scope (a comma list)"),
		PT_OPT_STRING("handler", 0, "NAME", &f.handler, "cases of this handler (承办人)"),
		PT_OPT_STRING("leader", 0, "NAME", &f.leader, "cases of this lead leader (包案领导)"),
		PT_OPT_FLAG("backlog", 0, &f.backlog, "backlog cases (积案) only"),
		PT_OPT_FLAG("risk", 0, &f.risk, "risk cases (风险) only"),
		PT_OPT_FLAG("conflicts", 0, &f.conflicts, "cases with a conflict an import recorded and no one resolved"),
		PT_OPT_STRING("text", 0, "STR", &f.text, "STR occurs in the subject or content"),
		PT_OPT_STRING_FROM("sort", 0, "KEYS", &f.sort, pt_case_field, "sort by fields, -field for descending (default: id)"),
		PT_OPT_NUMBER("limit", 'l', "N", &limit, 1, 1000000000L, "at most N cases"),
		PT_OPT_FLAG("count", 'c', &counting, "print only the number of cases selected"),
		PT_OPT_STRING("for-unit", 0, "U", &for_unit, "an export for unit U: the petitioner's identity left out (art. 30)"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-list",
		.out = {.title = "cases", .title_zh = "信访件"},
		.about = "select and export petition cases",
		.synopsis = "[FILTERS] [--sort KEYS] [--limit N] [--count] [OPTIONS] [ID|CASE_NO|UUID|-...]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc, worst = PT_OK;
	pt_record *r;
	pt_writer *w;
	FILE *out;
	pt_db *db;

	f.limit = limit;
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (counting) {
		if (i < argc)
			rc = pt_cli_error(&c, PT_EUSAGE, "--count: counts a filter, not cases named");
		else
			rc = count(&c, db, &f);
		pt_close(db);
		return pt_cli_exit(&c, rc);
	}
	if ((rc = pt_cli_for_unit(&c, db, for_unit)) || !(out = pt_cli_reveal(&c, &rc))) {
		pt_close(db);
		return rc;
	}
	r = pt_record_new(&pt_case_schema);
	w = pt_writer_new(out, &pt_case_schema, &c.out);
	if (!r || !w) {
		pt_close(db);
		return pt_cli_error(&c, PT_EDB, "out of memory");
	}
	struct keyed k = {&f, w, r};

	if (i < argc) {
		/* stdin is read only when named: a cron job's empty stdin selects nothing */
		for (; i < argc && rc != PT_EDB && rc != PT_EUSAGE; i++)
			if ((rc = strcmp(argv[i], "-") ? list_key(&c, db, argv[i], NULL, &k) :
			     pt_cli_each_key(&c, db, list_key, &k)) > worst)
				worst = rc;
		rc = rc == PT_EDB || rc == PT_EUSAGE ? rc : worst;
	} else {
		rc = list(&c, db, &f, w, r);
	}
	pt_writer_close(w);
	pt_record_free(r);
	rc = pt_cli_reveal_done(&c, db, out, rc);
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
