/* visit_report.c - receptions and visits of a period per unit, leader and
 * kind, with a zero row for every unit that had none (零报告) */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

enum { R_UNIT, R_UNIT_NAME, R_LEADER, R_KIND0, R_TOTAL = R_KIND0 + 5, R__COUNT };

static const struct pt_column report_cols[] = {
	[R_UNIT] = {"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	[R_UNIT_NAME] = {"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL},
	[R_LEADER] = {"visit_leader", "接访领导", PT_T_TEXT, 0, 0, 12, NULL},
	[R_KIND0] = {"reception", "定期接访", PT_T_INT, 0, 0, 9, NULL},
	{"field", "带案下访", PT_T_INT, 0, 0, 9, NULL},
	{"appointment", "重点约访", PT_T_INT, 0, 0, 11, NULL},
	{"home", "主动家访", PT_T_INT, 0, 0, 9, NULL},
	{"follow_up", "跟踪回访", PT_T_INT, 0, 0, 9, NULL},
	[R_TOTAL] = {"visits", "接访下访合计", PT_T_INT, 0, 0, 12, NULL},
};
_Static_assert(PT_NCOLS(report_cols) == R__COUNT, "a column for each kind");
const pt_schema pt_visit_report_schema = {report_cols, R__COUNT};

struct count { char *unit, *leader; int kind; long n; };
struct counts { struct count *c; size_t n, cap; };

static void counts_free(struct counts *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->c[i].unit);
		free(t->c[i].leader);
	}
	free(t->c);
}

static int kind_index(const char *code)
{
	for (int k = 0; pt_visit_kinds[k].code; k++)
		if (!strcmp(pt_visit_kinds[k].code, code))
			return k;
	return -1;
}

static int counts_push(struct counts *t, const pt_record *r)
{
	struct count *c;

	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		if (!(c = realloc(t->c, cap * sizeof *c)))
			return -1;
		t->c = c;
		t->cap = cap;
	}
	c = &t->c[t->n];
	c->unit = strdup(pt_record_get(r, PT_VC_UNIT));
	c->leader = strdup(pt_record_get(r, PT_VC_LEADER));
	c->kind = kind_index(pt_record_get(r, PT_VC_KIND));
	c->n = strtol(pt_record_get(r, PT_VC_N), NULL, 10);
	t->n++;
	return c->unit && c->leader ? 0 : -1;
}

static int counts_read(pt_db *db, const char *from, const char *to, struct counts *t,
                       pt_err *e)
{
	pt_record *r = pt_record_new(&pt_visit_count_schema);
	pt_cursor *c = NULL;
	int rc = r ? pt_store_visit_counts(db, from, to, &c, e) :
		pt_error(e, PT_EDB, "out of memory"), got = 0;

	while (!rc && (got = pt_cursor_next(c, r, e)) == 1)
		if (counts_push(t, r))
			rc = pt_error(e, PT_EDB, "out of memory");
	pt_cursor_close(c);
	pt_record_free(r);
	return rc ? rc : got < 0 ? e->code : PT_OK;
}

/* The row of a unit and leader (NULL: the unit's zero row). */
static int put_row(pt_writer *w, pt_record *r, const struct pt_unit *u, const char *leader,
                   const long n[5])
{
	char buf[24];
	long total = 0;

	pt_record_clear(r);
	pt_record_sets(r, R_UNIT, u->code);
	pt_record_sets(r, R_UNIT_NAME, u->name);
	if (leader)
		pt_record_sets(r, R_LEADER, leader);
	for (int k = 0; k < 5; k++) {
		snprintf(buf, sizeof buf, "%ld", n[k]);
		pt_record_sets(r, R_KIND0 + k, buf);
		total += n[k];
	}
	snprintf(buf, sizeof buf, "%ld", total);
	pt_record_sets(r, R_TOTAL, buf);
	return pt_writer_put(w, r);
}

/* A unit's rows: one per leader, in the order of the counts (by leader). */
static int unit_rows(pt_writer *w, pt_record *r, const struct pt_unit *u,
                     const struct counts *t)
{
	const char *leader = NULL;
	long n[5] = {0};
	bool any = false;

	for (size_t i = 0; i < t->n; i++) {
		const struct count *c = &t->c[i];
		if (strcmp(c->unit, u->code))
			continue;
		if (leader && strcmp(leader, c->leader)) {
			if (put_row(w, r, u, leader, n) < 0)
				return -1;
			memset(n, 0, sizeof n);
		}
		leader = c->leader;
		if (c->kind >= 0)
			n[c->kind] += c->n;
		any = true;
	}
	return put_row(w, r, u, any ? leader : NULL, n);
}

int pt_visit_report(pt_db *db, const char *from, const char *to, const char *unit,
                    FILE *out, const pt_write_options *o, pt_err *e)
{
	const struct pt_unit *top = NULL, *all;
	struct counts t = {0};
	pt_record *r = NULL;
	pt_writer *w = NULL;
	size_t n;
	int rc;

	if ((rc = pt_date_opt(from, "--from", e)) || (rc = pt_date_opt(to, "--to", e)) ||
	    (rc = pt_units_ready(db, e)))
		return rc;
	if (unit && !(top = pt_unit_must(db, unit, "--unit", PT_EUSAGE, e)))
		return e->code;
	if ((rc = counts_read(db, from, to, &t, e)))
		goto done;
	if (!(r = pt_record_new(&pt_visit_report_schema)) ||
	    !(w = pt_writer_new(out, &pt_visit_report_schema, o))) {
		rc = pt_error(e, PT_EDB, "out of memory");
		goto done;
	}
	all = pt_units_all(db, &n);
	for (size_t i = 0; i < n && !rc; i++)
		if ((!top || pt_unit_within(db, all[i].code, top->code)) &&
		    unit_rows(w, r, &all[i], &t) < 0)
			rc = pt_error(e, PT_EDB, "write error");
done:
	if (w && pt_writer_close(w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
	pt_record_free(r);
	counts_free(&t);
	return rc;
}
