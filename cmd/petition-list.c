/* petition-list - select cases by filters, or by ids from arguments or stdin ("-") */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

enum {
	O_FOR_UNIT = 299, O_CHANNEL = 300, O_POLLUTION, O_FROM, O_TO, O_DUE_BEFORE, O_OVERDUE,
	O_REPEAT, O_COLLECTIVE, O_TEXT, O_SORT, O_CATEGORY, O_HANDLER, O_LEADER, O_BACKLOG,
	O_RISK,
};

static const struct pt_opt opts[] = {
	{"status", 's', "S", "registered, accepted, ... (a comma list)", pt_statuses},
	{"unit", 'u', "U", "this unit and every unit under it (code or name)", NULL},
	{"channel", O_CHANNEL, "C", "letter, visit, hotline, web, ... (a comma list)", pt_channels},
	{"pollution-type", O_POLLUTION, "T", "air, water, noise, ... (a comma list)", pt_pollution_types},
	{"from", O_FROM, "DATE", "received on or after DATE", NULL},
	{"to", O_TO, "DATE", "received on or before DATE", NULL},
	{"due-before", O_DUE_BEFORE, "DATE", "an open deadline falls before DATE", NULL},
	{"overdue", O_OVERDUE, NULL, "an open deadline has passed (as of --now)", NULL},
	{"repeat", O_REPEAT, NULL, "repeat petitions only", NULL},
	{"collective", O_COLLECTIVE, NULL, "collective visits only", NULL},
	{"category", O_CATEGORY, "C", "enforcement, litigation, petition, out_of_scope (a comma list)", pt_categories},
	{"handler", O_HANDLER, "NAME", "cases of this handler (承办人)", NULL},
	{"leader", O_LEADER, "NAME", "cases of this lead leader (包案领导)", NULL},
	{"backlog", O_BACKLOG, NULL, "backlog cases (积案) only", NULL},
	{"risk", O_RISK, NULL, "risk cases (风险) only", NULL},
	{"text", O_TEXT, "STR", "STR occurs in the subject or content", NULL},
	{"sort", O_SORT, "KEYS", "sort by fields, -field for descending (default: id)", NULL},
	{"limit", 'l', "N", "at most N cases", NULL},
	{"for-unit", O_FOR_UNIT, "U", "an export for unit U: the petitioner's identity left out (art. 30)", NULL},
	{0},
};

static const char *for_unit;

static int on_opt(struct pt_cli *c, int key, const char *arg)
{
	pt_filter *f = c->data;
	long n;

	switch (key) {
	case O_FOR_UNIT: for_unit = arg; return 0;
	case 's': f->status = arg; return 0;
	case 'u': f->unit = arg; return 0;
	case O_CHANNEL: f->channel = arg; return 0;
	case O_POLLUTION: f->pollution_type = arg; return 0;
	case O_FROM: f->from = arg; return 0;
	case O_TO: f->to = arg; return 0;
	case O_DUE_BEFORE: f->due_before = arg; return 0;
	case O_OVERDUE: f->overdue = true; return 0;
	case O_REPEAT: f->repeat = true; return 0;
	case O_COLLECTIVE: f->collective = true; return 0;
	case O_CATEGORY: f->category = arg; return 0;
	case O_HANDLER: f->handler = arg; return 0;
	case O_LEADER: f->leader = arg; return 0;
	case O_BACKLOG: f->backlog = true; return 0;
	case O_RISK: f->risk = true; return 0;
	case O_TEXT: f->text = arg; return 0;
	case O_SORT: f->sort = arg; return 0;
	case 'l':
		if (pt_cli_number(c, "--limit", arg, 1, 1000000000L, &n))
			return PT_EUSAGE;
		f->limit = n;
		return 0;
	}
	return PT_EUSAGE;
}

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
	struct pt_cli c = {
		.prog = "petition-list",
		.about = "select and export petition cases",
		.synopsis = "[FILTERS] [--sort KEYS] [--limit N] [OPTIONS] [ID|CASE_NO|UUID|-...]",
		.opts = opts, .on_opt = on_opt, .data = &f,
	};
	int i = pt_cli_parse(&c, argc, argv), rc, worst = PT_OK;
	pt_record *r;
	pt_writer *w;
	FILE *out;
	pt_db *db;

	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
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
