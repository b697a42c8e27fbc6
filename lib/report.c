/* report.c - statistics by unit, channel, type, period, zeros included */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { M_RECEIVED, M_ACCEPTED, M_DECLINED, M_TRANSFERRED, M_CONCLUDED, M_ON_TIME,
       M_OPEN, M_OVERDUE, M_EXTENDED, M_REVIEWED, M_SATISFIED, M_RATED, M_REPEAT,
       M_COLLECTIVE, M_BACKLOG, M_BACKLOG_CASES, M_BACKLOG_VISITED, M_BACKLOG_RESOLVED,
       M_DECIDED, M_DECIDED_ON_TIME };

/* The measures shown, and how each comes from the stored counts. */
static const struct measure {
	const char *name, *zh;
	int num, den;             /* den >= 0: a rate num / den */
} measures[] = {
	{"received", "收件数", M_RECEIVED, -1},
	{"accepted", "受理数", M_ACCEPTED, -1},
	{"declined", "不予受理数", M_DECLINED, -1},
	{"transferred", "转送数", M_TRANSFERRED, -1},
	{"concluded", "办结数", M_CONCLUDED, -1},
	{"concluded_on_time", "按期办结数", M_ON_TIME, -1},
	{"on_time_rate", "按期办结率", M_ON_TIME, M_CONCLUDED},
	{"open", "在办数", M_OPEN, -1},
	{"overdue_now", "超期数", M_OVERDUE, -1},
	{"extended", "延期数", M_EXTENDED, -1},
	{"reviewed", "复查数", M_REVIEWED, -1},
	{"satisfied_rate", "满意率", M_SATISFIED, M_RATED},
	{"repeat", "重复信访数", M_REPEAT, -1},
	{"collective", "集体访数", M_COLLECTIVE, -1},
	{"backlog", "积案数", M_BACKLOG, -1},
	/* from here on shown only when --measures names them, so that the reports
	 * offices already mail and import keep their columns */
	/* of the backlog cases received in the period, those a leader's reception
	 * or visit of the period concerned (petition-visit) */
	{"backlog_visited_rate", "积案领导接访率", M_BACKLOG_VISITED, M_BACKLOG_CASES},
	/* of the backlog cases received in the period, those whose file records
	 * a resolution (resolved or withdrawn) */
	{"backlog_resolution_rate", "积案化解率", M_BACKLOG_RESOLVED, M_BACKLOG_CASES},
	/* of the decisions whether to accept made in the period, those made by
	 * the accept clock's due date */
	{"on_time_acceptance_rate", "及时受理率", M_DECIDED_ON_TIME, M_DECIDED},
	/* of the cases concluded in the period, the ratings given in it */
	{"rated_rate", "参评率", M_RATED, M_CONCLUDED},
};
enum { NDEFAULT = 15 };      /* the measures a report shows by default */
#define NMEASURES (int)(sizeof measures / sizeof measures[0])

#define PT_REPORT_MAX_ROWS 1000000

/* --- the report --- */

struct rep {
	pt_db *db;
	const pt_report_spec *spec;
	enum pt_dim by[8];
	int nby;
	bool by_unit;
	const struct pt_unit **units;     /* reported units, in tree order */
	size_t nunits;
	const char *top;                  /* --unit, or NULL: every unit */
	char from[11], to[11];            /* local dates, inclusive */
	struct groups groups;
	int64_t total[PT_M_COUNT];
	char **seen[8];                   /* values of each dimension seen */
	size_t nseen[8];
	struct pt_column *cols;
	pt_schema schema;
	pt_record *row;
	pt_err *e;
};

static int dim_lookup(const char *name)
{
	for (int d = 0; d < PT_DIM__COUNT; d++)
		if (!strcmp(pt_schema_name(&pt_report_dim_schema, d), name))
			return d;
	return -1;
}

static int parse_by(struct rep *x, pt_err *e)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof buf, "%s", x->spec->by ? x->spec->by : "unit");
	if (!*buf)
		return pt_error(e, PT_EUSAGE, "--by: no dimension given");
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int d = dim_lookup(tok);
		if (d < 0)
			return pt_error(e, PT_EUSAGE, "--by: \"%.64s\" is not one of unit, channel,"
			                " pollution_type, category, status, month, week, day, year", tok);
		for (int i = 0; i < x->nby; i++)
			if (x->by[i] == (enum pt_dim)d)
				return pt_error(e, PT_EUSAGE, "--by: %s given twice", tok);
		if (x->nby == 8)
			return pt_error(e, PT_EUSAGE, "--by: at most 8 dimensions");
		x->by_unit |= d == PT_DIM_UNIT;
		x->by[x->nby++] = (enum pt_dim)d;
	}
	return PT_OK;
}

/* Is unit (a code) at or under top? */
static int by_code(const void *a, const void *b)
{
	return strcmp((*(const struct pt_unit *const *)a)->code,
	              (*(const struct pt_unit *const *)b)->code);
}

/* Appends u and everything under it, parents before children. */
static int add_tree(struct rep *x, const struct pt_unit *u)
{
	const struct pt_unit **kids = NULL;
	size_t nk = 0, count;
	const struct pt_unit *all = pt_units_all(x->db, &count);
	int rc = PT_OK;

	x->units[x->nunits++] = u;

	for (size_t i = 0; i < count; i++)
		if (all[i].parent && !strcmp(all[i].parent, u->code)) {
			const struct pt_unit **k = realloc(kids, (nk + 1) * sizeof *k);
			if (!k) {
				free(kids);
				return pt_error(x->e, PT_EDB, "out of memory");
			}
			kids = k;
			kids[nk++] = &all[i];
		}
	if (nk)
		qsort(kids, nk, sizeof *kids, by_code);
	for (size_t i = 0; !rc && i < nk; i++)
		rc = add_tree(x, kids[i]);
	free(kids);
	return rc;
}

static int unit_list(struct rep *x)
{
	const struct pt_unit *u, *all;
	size_t count;
	int rc;

	if ((rc = pt_units_ready(x->db, x->e)))
		return rc;
	if (x->spec && x->spec->level && !pt_enum_find(pt_unit_levels, x->spec->level))
		return pt_enum_refuse("--level", x->spec->level, pt_unit_levels, x->e);
	all = pt_units_all(x->db, &count);
	if (!(x->units = calloc(count + 1, sizeof *x->units)))
		return pt_error(x->e, PT_EDB, "out of memory");
	if (x->top) {
		if (!(u = pt_unit_must(x->db, x->top, "--unit", PT_EUSAGE, x->e)))
			return x->e->code;
		x->top = u->code;
		return add_tree(x, u);
	}
	for (size_t i = 0; !rc && i < count; i++)
		if (!all[i].parent)
			rc = add_tree(x, &all[i]);
	return rc;
}

int pt_report_units(pt_db *db, const char *top, const struct pt_unit ***units, size_t *n,
                    pt_err *e)
{
	struct rep x = {.db = db, .top = top, .e = e};
	int rc = unit_list(&x);

	if (rc) {
		free(x.units);
		return rc;
	}
	*units = x.units;
	*n = x.nunits;
	return PT_OK;
}

static void remember(struct rep *x, int i, const char *v)
{
	for (size_t k = 0; k < x->nseen[i]; k++)
		if (!strcmp(x->seen[i][k], v))
			return;
	char **s = realloc(x->seen[i], (x->nseen[i] + 1) * sizeof *s);
	if (s && (s[x->nseen[i]] = strdup(v))) {
		x->seen[i] = s;
		x->nseen[i]++;
	} else if (s) {
		x->seen[i] = s;
	}
}

static void add_counts(int64_t *to, const pt_record *r)
{
	for (int m = 0; m < PT_M_COUNT; m++) {
		const char *v = pt_record_get(r, PT_REPORT_M0 + m);
		to[m] += v ? strtoll(v, NULL, 10) : 0;
	}
}

/* Adds one stored row (leaf unit, dims, counts) to its groups. */
static int take_row(struct rep *x, const pt_record *r)
{
	const char *leaf = pt_record_get(r, PT_REPORT_UNIT);
	pt_buf key = {0};
	int rc = PT_OK;

	if (x->top && !pt_unit_within(x->db, leaf, x->top))
		return PT_OK;
	add_counts(x->total, r);
	for (int i = 0, col = PT_REPORT_DIM0; i < x->nby; i++) {
		const char *v = x->by[i] == PT_DIM_UNIT ? "" : pt_record_get(r, col++);
		remember(x, i, v ? v : "");
	}
	/* a unit's row counts its own cases and those of every unit under it */
	for (size_t u = 0; u < (x->by_unit ? x->nunits : 1); u++) {
		if (x->by_unit && !pt_unit_within(x->db, leaf, x->units[u]->code))
			continue;
		key.len = 0;
		for (int i = 0, col = PT_REPORT_DIM0; i < x->nby; i++) {
			const char *v = x->by[i] == PT_DIM_UNIT ? x->units[u]->code :
				pt_record_get(r, col++);
			pt_buf_adds(&key, v ? v : "");
			pt_buf_add(&key, "\x1f", 1);
		}
		struct group *g = pt_groups_find(&x->groups, key.p ? key.p : "", true);
		if (!g) {
			rc = pt_error(x->e, PT_EDB, "out of memory");
			break;
		}
		add_counts(g->m, r);
	}
	pt_buf_free(&key);
	return rc;
}

static int aggregate(struct rep *x)
{
	enum pt_dim others[8];
	int n = 0, rc, more = 0;
	char from[21], before[21], today[11];
	int32_t f, t;
	pt_cursor *c = NULL;
	pt_record *r;
	/* the decisions' count is a join of its own: made only when asked for */
	bool decided = x->spec->measures_mask &
	               (1u << pt_report_measure("on_time_acceptance_rate"));

	for (int i = 0; i < x->nby; i++)
		if (x->by[i] != PT_DIM_UNIT)
			others[n++] = x->by[i];
	pt_date_parse(x->from, &f);
	pt_date_parse(x->to, &t);
	pt_time_format_utc(pt_local_midnight(f), from);
	pt_time_format_utc(pt_local_midnight(t + 1), before);
	pt_date_format(pt_local_day(x->db->now), today);
	if (!(r = pt_record_new(&pt_report_row_schema)))
		return pt_error(x->e, PT_EDB, "out of memory");
	rc = pt_store_report(x->db, others, n, decided, from, before, pt_zone_offset(f),
	                     today, &c, x->e);
	while (!rc && (more = pt_cursor_next(c, r, x->e)) > 0)
		rc = take_row(x, r);
	if (!rc && more < 0)
		rc = x->e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

/* --- the values of each dimension, zeros included --- */

struct list { char **v; size_t n, cap; };

/* (grown by doubling: a period dimension can have 100,000 values) */
static void append(struct list *l, const char *v)
{
	char **p;

	if (l->n == l->cap) {
		if (!(p = realloc(l->v, (l->cap ? 2 * l->cap : 16) * sizeof *p)))
			return;
		l->v = p;
		l->cap = l->cap ? 2 * l->cap : 16;
	}
	if ((l->v[l->n] = strdup(v)))
		l->n++;
}

static void push(struct list *l, const char *v)
{
	for (size_t k = 0; k < l->n; k++)
		if (!strcmp(l->v[k], v))
			return;
	append(l, v);
}

/* Appends v unless it is the last value: for values that come in order. */
static void push_next(struct list *l, const char *v)
{
	if (!l->n || strcmp(l->v[l->n - 1], v))
		append(l, v);
}

static void list_free(struct list *l)
{
	for (size_t k = 0; k < l->n; k++)
		free(l->v[k]);
	free(l->v);
}

static const struct pt_enum *enum_of(enum pt_dim d)
{
	switch (d) {
	case PT_DIM_CHANNEL: return pt_column(&pt_case_schema, PT_F_CHANNEL)->values;
	case PT_DIM_POLLUTION: return pt_column(&pt_case_schema, PT_F_POLLUTION_TYPE)->values;
	case PT_DIM_CATEGORY: return pt_column(&pt_case_schema, PT_F_CATEGORY)->values;
	case PT_DIM_STATUS: return pt_statuses;
	default: return NULL;
	}
}

/* The values of dimension i, every one and not only those seen, in order. */
static void domain(struct rep *x, int i, struct list *l)
{
	const struct pt_enum *en = enum_of(x->by[i]);
	int32_t f, t;
	char buf[16];

	if (x->by[i] == PT_DIM_UNIT) {
		for (size_t u = 0; u < x->nunits; u++)
			if (!x->spec->level || !strcmp(x->units[u]->level, x->spec->level))
				push(l, x->units[u]->code);
		return;
	}
	if (en) {
		for (; en->code; en++)
			if (x->by[i] != PT_DIM_STATUS || pt_status_counted(en->code))
				push(l, en->code);
		for (size_t k = 0; k < x->nseen[i]; k++)    /* "": not yet categorised */
			push(l, x->seen[i][k]);
		return;
	}
	pt_date_parse(x->from, &f);
	pt_date_parse(x->to, &t);
	for (int32_t d = f; d <= t; d++) {
		int y, m, dd;
		pt_civil_from_days(d, &y, &m, &dd);
		if (x->by[i] == PT_DIM_DAY)
			pt_date_format(d, buf);
		else if (x->by[i] == PT_DIM_WEEK)
			pt_date_format(d - (int32_t)((d % 7 + 7 + 3) % 7), buf);
		else if (x->by[i] == PT_DIM_MONTH)
			snprintf(buf, sizeof buf, "%04d-%02d", y % 10000, m % 100);
		else
			snprintf(buf, sizeof buf, "%04d", y % 10000);
		push_next(l, buf);
	}
}

/* The number of values of dimension i, as domain() will list them. */
static int64_t domain_size(struct rep *x, int i)
{
	const struct pt_enum *en = enum_of(x->by[i]);
	int32_t f, t;
	int y1, m1, y2, m2, d;
	int64_t n = 0;

	if (x->by[i] == PT_DIM_UNIT)
		return (int64_t)x->nunits;
	if (en) {
		for (const struct pt_enum *v = en; v->code; v++)
			n++;
		for (size_t k = 0; k < x->nseen[i]; k++)
			n += !pt_enum_find(en, x->seen[i][k]);
		return n;
	}
	pt_date_parse(x->from, &f);
	pt_date_parse(x->to, &t);
	pt_civil_from_days(f, &y1, &m1, &d);
	pt_civil_from_days(t, &y2, &m2, &d);
	switch (x->by[i]) {
	case PT_DIM_DAY: return t - f + 1;
	case PT_DIM_WEEK: return ((t - (t % 7 + 7 + 3) % 7) - (f - (f % 7 + 7 + 3) % 7)) / 7 + 1;
	case PT_DIM_MONTH: return (int64_t)(y2 - y1) * 12 + m2 - m1 + 1;
	default: return y2 - y1 + 1;
	}
}

/*
 * A report lists every combination of the dimensions' values: refuse one
 * that would stream for hours rather than start it.
 */
static int check_size(struct rep *x)
{
	int64_t rows = 1;

	for (int i = 0; i < x->nby; i++) {
		int64_t n = domain_size(x, i);
		if (n > 0 && rows > PT_REPORT_MAX_ROWS / n)
			return pt_error(x->e, PT_EUSAGE, "--by %s: more than %d rows from %s"
			                " to %s: narrow --from/--to or give fewer dimensions",
			                x->spec->by ? x->spec->by : "unit", PT_REPORT_MAX_ROWS,
			                x->from, x->to);
		rows *= n;
	}
	return PT_OK;
}

/* --- output --- */

/* Whether measure i is a column: the default ones, or those asked for. */
static bool shown(const struct rep *x, int i)
{
	unsigned mask = x->spec->measures_mask;

	return mask ? (mask & (1u << i)) != 0 : i < NDEFAULT;
}

static void put_measures(struct rep *x, int col, const int64_t *m)
{
	for (int i = 0; i < NMEASURES; i++, col++) {
		if (shown(x, i)) {
			if (measures[i].den < 0) {
				pt_record_set_int(x->row, col, m[measures[i].num]);
			} else if (m[measures[i].den]) {     /* a rate: empty, not NaN, over 0 */
				char r[24];
				snprintf(r, sizeof r, "%.4f", (double)m[measures[i].num] /
				         (double)m[measures[i].den]);
				pt_record_sets(x->row, col, r);
			}
		} else {
			col--;
		}
	}
}

static const char *unit_name(struct rep *x, const char *code)
{
	const struct pt_unit *u = pt_unit_find(x->db, code);
	return u ? u->name : "";
}

/* Every combination of the dimensions' values, in order, zeros included. */
static int rows(struct rep *x, pt_writer *w, struct list *doms, int i, const char **vals)
{
	if (i < x->nby) {
		for (size_t k = 0; k < doms[i].n; k++) {
			vals[i] = doms[i].v[k];
			int rc = rows(x, w, doms, i + 1, vals);
			if (rc)
				return rc;
		}
		return PT_OK;
	}
	pt_buf key = {0};
	static const int64_t zero[PT_M_COUNT];
	int col = 0;

	for (int d = 0; d < x->nby; d++) {
		pt_buf_adds(&key, vals[d]);
		pt_buf_add(&key, "\x1f", 1);
	}
	struct group *g = pt_groups_find(&x->groups, key.p ? key.p : "", false);
	pt_buf_free(&key);
	pt_record_clear(x->row);
	for (int d = 0; d < x->nby; d++) {
		pt_record_sets(x->row, col++, vals[d]);
		if (x->by[d] == PT_DIM_UNIT)
			pt_record_sets(x->row, col++, unit_name(x, vals[d]));
	}
	put_measures(x, col, g ? g->m : zero);
	return pt_writer_put(w, x->row) < 0 ? pt_error(x->e, PT_EDB, "write error") : PT_OK;
}

static int total_row(struct rep *x, pt_writer *w, bool zh)
{
	int col = 0;

	pt_record_clear(x->row);
	for (int d = 0; d < x->nby; d++) {
		pt_record_sets(x->row, col++, d == 0 ? (zh ? "合计" : "total") : "");
		if (x->by[d] == PT_DIM_UNIT)
			pt_record_sets(x->row, col++, "");
	}
	put_measures(x, col, x->total);
	return pt_writer_put(w, x->row) < 0 ? pt_error(x->e, PT_EDB, "write error") : PT_OK;
}

static int build_schema(struct rep *x, bool zh)
{
	int n = 0;

	if (!(x->cols = calloc((size_t)(2 * x->nby + NMEASURES), sizeof *x->cols)))
		return pt_error(x->e, PT_EDB, "out of memory");
	for (int d = 0; d < x->nby; d++) {
		x->cols[n++] = *pt_column(&pt_report_dim_schema, x->by[d]);
		if (x->by[d] == PT_DIM_UNIT)
			x->cols[n++] = *pt_column(&pt_report_dim_schema, PT_DIM__COUNT);
	}
	for (int i = 0; i < NMEASURES; i++) {
		if (!shown(x, i))
			continue;
		int wd = pt_text_width(zh ? measures[i].zh : measures[i].name);
		x->cols[n++] = (struct pt_column){measures[i].name, measures[i].zh, PT_T_INT,
		                                  measures[i].den < 0 ? 0 : PT_C_RATE, 0,
		                                  wd > 6 ? wd : 6, NULL};
	}
	x->schema.cols = x->cols;
	x->schema.ncols = n;
	return (x->row = pt_record_new(&x->schema)) ? PT_OK : pt_error(x->e, PT_EDB, "out of memory");
}

int pt_report_measure_at(int i, const char **name, const char **zh)
{
	if (i < 0 || i >= NMEASURES)
		return -1;
	*name = measures[i].name;
	*zh = measures[i].zh;
	return 0;
}

int pt_report_dimension(int i, const char **name, const char **zh)
{
	if (i < 0 || i >= PT_DIM__COUNT)
		return -1;
	*name = pt_schema_name(&pt_report_dim_schema, i);
	*zh = pt_schema_zh(&pt_report_dim_schema, i);
	return 0;
}

int pt_report_measure(const char *name)
{
	for (int i = 0; i < NMEASURES; i++)
		if (!strcmp(measures[i].name, name))
			return i;
	return -1;
}

static int period(struct rep *x)
{
	int32_t d;

	if (x->spec->from && pt_date_parse(x->spec->from, &d))
		return pt_error(x->e, PT_EUSAGE, "--from: \"%.64s\" is not a date", x->spec->from);
	if (x->spec->to && pt_date_parse(x->spec->to, &d))
		return pt_error(x->e, PT_EUSAGE, "--to: \"%.64s\" is not a date", x->spec->to);
	snprintf(x->from, sizeof x->from, "%s", x->spec->from ? x->spec->from : "");
	if (x->spec->to)
		snprintf(x->to, sizeof x->to, "%s", x->spec->to);
	else
		pt_date_format(pt_local_day(x->db->now), x->to);
	if (!*x->from) {               /* all time: from the first case received */
		int rc = pt_store_first_received(x->db, x->from, x->e);
		if (rc)
			return rc;
		if (!*x->from || strcmp(x->from, x->to) > 0)
			snprintf(x->from, sizeof x->from, "%s", x->to);
	}
	if (strcmp(x->from, x->to) > 0)
		return pt_error(x->e, PT_EUSAGE, "--from %s is after --to %s", x->from, x->to);
	return PT_OK;
}

int pt_report(pt_db *db, const pt_report_spec *spec, FILE *out,
              const pt_write_options *o, pt_err *e)
{
	struct rep x = {.db = db, .spec = spec, .e = e, .top = spec->unit};
	struct list doms[8] = {{0}};
	const char *vals[8];
	pt_writer *w = NULL;
	int rc;

	if ((rc = parse_by(&x, e)) || (rc = period(&x)) || (rc = unit_list(&x)) ||
	    (rc = aggregate(&x)) || (rc = check_size(&x)) ||
	    (rc = build_schema(&x, o->zh_header)))
		goto done;
	for (int i = 0; i < x.nby; i++)
		domain(&x, i, &doms[i]);
	if (!(w = pt_writer_new(out, &x.schema, o))) {
		rc = pt_error(e, PT_EDB, "out of memory");
		goto done;
	}
	rc = rows(&x, w, doms, 0, vals);
	if (!rc && o->format == PT_FMT_TABLE)
		rc = total_row(&x, w, o->zh_header);
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
done:
	for (int i = 0; i < 8; i++) {
		list_free(&doms[i]);
		for (size_t k = 0; k < x.nseen[i]; k++)
			free(x.seen[i][k]);
		free(x.seen[i]);
	}
	pt_groups_free(&x.groups);
	pt_record_free(x.row);
	free(x.cols);
	free(x.units);
	return rc;
}
