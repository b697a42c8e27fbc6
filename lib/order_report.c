/* order_report.c - petition-report --orders: supervision orders issued,
 * answered on time, answered late, overdue and pending, by target unit and
 * kind, a row for every unit and kind (zeros included) */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

enum { C_ISSUED, C_ON_TIME, C_LATE, C_OVERDUE, C_PENDING, C__COUNT };
enum { R_UNIT, R_UNIT_NAME, R_KIND, R_M0, R__COUNT = R_M0 + C__COUNT };

static const struct pt_column cols[] = {
	[R_UNIT] = {"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	[R_UNIT_NAME] = {"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL},
	[R_KIND] = {"kind", "督办方式", PT_T_TEXT, 0, 0, 10, NULL},
	[R_M0 + C_ISSUED] = {"orders_issued", "下达督办数", PT_T_INT, 0, 0, 13, NULL},
	[R_M0 + C_ON_TIME] = {"answered_on_time", "按期反馈数", PT_T_INT, 0, 0, 16, NULL},
	[R_M0 + C_LATE] = {"answered_late", "逾期反馈数", PT_T_INT, 0, 0, 13, NULL},
	[R_M0 + C_OVERDUE] = {"overdue", "超期未反馈数", PT_T_INT, 0, 0, 12, NULL},
	[R_M0 + C_PENDING] = {"pending", "待反馈数", PT_T_INT, 0, 0, 8, NULL},
};
_Static_assert(PT_NCOLS(cols) == R__COUNT, "orders report columns");
static const pt_schema schema = {cols, R__COUNT};

#define NKINDS 4

struct orep {
	pt_db *db;
	const struct pt_unit **units;
	size_t nunits;
	int64_t (*m)[NKINDS][C__COUNT];    /* per unit, kind and count */
	int64_t total[C__COUNT];
	pt_err *e;
};

static int kind_index(const char *k)
{
	for (int i = 0; i < NKINDS; i++)
		if (k && !strcmp(pt_supervision_kinds[i].code, k))
			return i;
	return -1;
}

/* One order, counted at its target unit's row and every row above it. */
static void count(struct orep *x, const pt_record *o, int32_t today)
{
	int k = kind_index(pt_record_get(o, PT_OR_KIND)), days;
	const char *state = pt_order_state(o, today, &days);
	int which = !strcmp(state, "on_time") ? C_ON_TIME : !strcmp(state, "late") ? C_LATE :
		!strcmp(state, "overdue") ? C_OVERDUE : C_PENDING;

	if (k < 0)
		return;
	x->total[C_ISSUED]++;
	x->total[which]++;
	for (size_t u = 0; u < x->nunits; u++)
		if (pt_unit_within(x->db, pt_record_get(o, PT_OR_TARGET), x->units[u]->code)) {
			x->m[u][k][C_ISSUED]++;
			x->m[u][k][which]++;
		}
}

static int aggregate(struct orep *x, const char *unit, const char *from, const char *to)
{
	pt_record *r = pt_record_new(&pt_order_row_schema);
	char lo[21], hi[21];
	struct pt_order_query q = {.orders = true, .unit = unit};
	int32_t d, today = pt_local_day(x->db->now);
	pt_cursor *c = NULL;
	int rc = r ? PT_OK : pt_error(x->e, PT_EDB, "out of memory"), n = 0;

	if (!rc && from) {
		pt_date_parse(from, &d);
		pt_time_format_utc(pt_local_midnight(d), lo);
		q.from = lo;
	}
	pt_date_parse(to, &d);
	pt_time_format_utc(pt_local_midnight(d + 1), hi);
	q.before = hi;
	if (!rc)
		rc = pt_store_orders_query(x->db, &q, &c, x->e);
	while (!rc && (n = pt_cursor_next(c, r, x->e)) == 1)
		count(x, r, today);
	if (!rc && n < 0)
		rc = x->e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int put(pt_writer *w, pt_record *row, const char *unit, const char *name,
               const char *kind, const int64_t *m, pt_err *e)
{
	pt_record_clear(row);
	pt_record_sets(row, R_UNIT, unit);
	pt_record_sets(row, R_UNIT_NAME, name);
	pt_record_sets(row, R_KIND, kind);
	for (int i = 0; i < C__COUNT; i++)
		pt_record_set_int(row, R_M0 + i, m[i]);
	return pt_writer_put(w, row) < 0 ? pt_error(e, PT_EDB, "write error") : PT_OK;
}

static int rows(struct orep *x, FILE *out, const pt_write_options *o)
{
	pt_writer *w = pt_writer_new(out, &schema, o);
	pt_record *row = pt_record_new(&schema);
	int rc = w && row ? PT_OK : pt_error(x->e, PT_EDB, "out of memory");

	for (size_t u = 0; !rc && u < x->nunits; u++)
		for (int k = 0; !rc && k < NKINDS; k++)
			rc = put(w, row, x->units[u]->code, x->units[u]->name,
			         pt_supervision_kinds[k].code, x->m[u][k], x->e);
	if (!rc && o->format == PT_FMT_TABLE)
		rc = put(w, row, o->zh_header ? "合计" : "total", "", "", x->total, x->e);
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(x->e, PT_EDB, "write error");
	pt_record_free(row);
	return rc;
}

int pt_orders_report(pt_db *db, const char *from, const char *to, const char *unit,
                     FILE *out, const pt_write_options *o, pt_err *e)
{
	struct orep x = {.db = db, .e = e};
	const struct pt_unit *top = NULL;
	char today[11];
	int32_t f, t;
	int rc;

	pt_date_format(pt_local_day(db->now), today);
	if (from && pt_date_parse(from, &f))
		return pt_error(e, PT_EUSAGE, "--from: \"%.64s\" is not a date", from);
	if (to && pt_date_parse(to, &t))
		return pt_error(e, PT_EUSAGE, "--to: \"%.64s\" is not a date", to);
	if (!to)
		to = today;
	if (from && strcmp(from, to) > 0)
		return pt_error(e, PT_EUSAGE, "--from %s is after --to %s", from, to);
	if ((rc = pt_report_units(db, unit, &x.units, &x.nunits, e)))
		return rc;
	if (unit)
		top = pt_unit_find(db, unit);
	if (!(x.m = calloc(x.nunits ? x.nunits : 1, sizeof *x.m)))
		rc = pt_error(e, PT_EDB, "out of memory");
	if (!rc && !(rc = aggregate(&x, top ? top->code : NULL, from, to)))
		rc = rows(&x, out, o);
	free(x.m);
	free(x.units);
	return rc;
}
