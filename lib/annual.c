/* annual.c - the annual report (年度报告, art. 41): a year's cases by
 * pollution type, channel and purpose; the units and the accused complained
 * about most; transfers, assignments and supervisions; on-time rates;
 * reviews; backlog files; each figure beside the year before's. Several
 * tables, each through its own writer (a sheet or a section of a document);
 * in CSV one stream, each row naming its table. */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define TOP 20                   /* the units and the accused listed */

/* --- what is counted: the kinds of act of pt_store_annual_acts --- */

enum { K_POLLUTION, K_CHANNEL, K_PURPOSE, K_DECIDE, K_TRANSFER, K_OBJECT, K_ASSIGN,
       K_REPLY, K_REVIEW, K_REREVIEW, K_BACKLOG, K_SUPERVISION, K_ORDER, K__COUNT };

static const char *const none[] = {"", NULL};
static const char *const decisions[] = {"accept", "decline", NULL};
static const char *const transfers[] = {"unit", "department", NULL};
static const char *const timeliness[] = {"on_time", "late", "unreported", NULL};
static const char *const answers[] = {"on_time", "late", "unanswered", NULL};
static const char *const requested[] = {"requested", NULL};
static const char *const filed[] = {"filed", NULL};
static const char *const supervisions[] = {"supervise", "escalate", NULL};

/* Each kind's items: the codes of an enum (of a case field, or given), then
 * the extra ones; an item of none of these is not counted. */
static const struct kind {
	const char *name;
	int field;                       /* a case field's values, or -1 */
	const struct pt_enum *values;
	const char *const *extra;
} kinds[K__COUNT] = {
	[K_POLLUTION] = {"pollution_type", PT_F_POLLUTION_TYPE, NULL, none},
	[K_CHANNEL] = {"channel", PT_F_CHANNEL, NULL, NULL},
	[K_PURPOSE] = {"purpose", PT_F_PURPOSE, NULL, none},
	[K_DECIDE] = {"decide", -1, NULL, decisions},
	[K_TRANSFER] = {"transfer", -1, NULL, transfers},
	[K_OBJECT] = {"object", -1, NULL, none},
	[K_ASSIGN] = {"assign", -1, NULL, timeliness},
	[K_REPLY] = {"reply", -1, pt_outcomes, none},
	[K_REVIEW] = {"review", -1, pt_review_results, requested},
	[K_REREVIEW] = {"rereview", -1, pt_review_results, requested},
	[K_BACKLOG] = {"backlog", -1, pt_backlog_resolutions, filed},
	[K_SUPERVISION] = {"supervision", -1, NULL, supervisions},
	[K_ORDER] = {"order", -1, NULL, answers},
};

static const struct pt_enum *values_of(const struct kind *k)
{
	return k->field >= 0 ? pt_column(&pt_case_schema, k->field)->values : k->values;
}

/* The i-th item of kind k, or NULL past the last. */
static const char *item_at(int k, int i)
{
	const struct pt_enum *v = values_of(&kinds[k]);

	for (; v && v->code; v++, i--)
		if (!i)
			return v->code;
	for (const char *const *x = kinds[k].extra; x && *x; x++, i--)
		if (!i)
			return *x;
	return NULL;
}

/* The figures of the tables of measures: a count of the acts of a kind
 * (items: those of the items listed, "|" between; NULL: all), of those
 * flagged, or a rate of two figures. */
enum { COUNT, FLAGGED, RATE };
static const struct figure {
	const char *name, *zh;
	int kind, how;
	const char *items;
	const char *num, *den;          /* a rate's figures, by name */
} figures[] = {
#define F_RECEIVED 0
	{"received", "收件数", K_POLLUTION, COUNT, NULL, NULL, NULL},
	{"repeat", "重复信访数", K_POLLUTION, FLAGGED, NULL, NULL, NULL},
	/* transfers, assignments, supervisions and their results */
#define F_HANDLING 2
	{"transferred", "转送数", K_TRANSFER, COUNT, NULL, NULL, NULL},
	{"transferred_within", "转送系统内单位数", K_TRANSFER, COUNT, "unit", NULL, NULL},
	{"transferred_out", "转送其他部门数", K_TRANSFER, COUNT, "department", NULL, NULL},
	{"objected", "转送异议数", K_OBJECT, COUNT, NULL, NULL, NULL},
	{"assigned", "交办数", K_ASSIGN, COUNT, NULL, NULL, NULL},
	{"assigned_reported", "交办已报结数", K_ASSIGN, COUNT, "on_time|late", NULL, NULL},
	{"assigned_reported_on_time", "交办按期报结数", K_ASSIGN, COUNT, "on_time", NULL, NULL},
	{"supervised", "督办数", K_SUPERVISION, COUNT, "supervise", NULL, NULL},
	{"escalated", "提级督办数", K_SUPERVISION, COUNT, "escalate", NULL, NULL},
	{"orders", "督查督办单数", K_ORDER, COUNT, NULL, NULL, NULL},
	{"orders_answered", "督查督办已反馈数", K_ORDER, COUNT, "on_time|late", NULL, NULL},
	{"orders_answered_on_time", "督查督办按期反馈数", K_ORDER, COUNT, "on_time", NULL, NULL},
	/* on-time rates and the outcomes of the replies */
#define F_ON_TIME 14
	{"decided", "受理决定数", K_DECIDE, COUNT, NULL, NULL, NULL},
	{"decided_on_time", "及时受理数", K_DECIDE, FLAGGED, NULL, NULL, NULL},
	{"on_time_acceptance_rate", "及时受理率", 0, RATE, NULL, "decided_on_time", "decided"},
	{"concluded", "办结数", K_REPLY, COUNT, NULL, NULL, NULL},
	{"concluded_on_time", "按期办结数", K_REPLY, FLAGGED, NULL, NULL, NULL},
	{"on_time_conclusion_rate", "按期办结率", 0, RATE, NULL, "concluded_on_time",
	 "concluded"},
	{"outcome_support", "支持数", K_REPLY, COUNT, "support", NULL, NULL},
	{"outcome_explain", "解释说明数", K_REPLY, COUNT, "explain", NULL, NULL},
	{"outcome_reject", "不予支持数", K_REPLY, COUNT, "reject", NULL, NULL},
	/* reviews and re-reviews */
#define F_REVIEWS 23
	{"review_requested", "复查申请数", K_REVIEW, COUNT, "requested", NULL, NULL},
	{"review_upheld", "复查维持数", K_REVIEW, COUNT, "upheld", NULL, NULL},
	{"review_changed", "复查撤销或变更数", K_REVIEW, COUNT, "changed", NULL, NULL},
	{"rereview_requested", "复核申请数", K_REREVIEW, COUNT, "requested", NULL, NULL},
	{"rereview_upheld", "复核维持数", K_REREVIEW, COUNT, "upheld", NULL, NULL},
	{"rereview_changed", "复核撤销或变更数", K_REREVIEW, COUNT, "changed", NULL, NULL},
	/* backlog files */
#define F_BACKLOG 29
	{"backlog_filed", "新增积案数", K_BACKLOG, COUNT, "filed", NULL, NULL},
	{"backlog_resolved", "案结事了数", K_BACKLOG, COUNT, "resolved", NULL, NULL},
	{"backlog_withdrawn", "息诉息访数", K_BACKLOG, COUNT, "withdrawn", NULL, NULL},
#define F__COUNT 32
};
_Static_assert(sizeof figures / sizeof figures[0] == F__COUNT, "the figures' groups");

/* each unit's figures in the table of units */
static const char *const unit_figures[] = {"received", "repeat", "transferred", "assigned",
	"on_time_acceptance_rate", "concluded", "on_time_conclusion_rate"};

static int figure(const char *name)
{
	int i = 0;

	while (i < F__COUNT - 1 && strcmp(figures[i].name, name))
		i++;
	return i;
}

/* The tables, in order: by a kind's items, the top units and accused, a
 * group of figures [first, last), every unit. */
enum { T_ITEMS, T_TOP_UNITS, T_TOP_ACCUSED, T_FIGURES, T_UNITS };
static const struct table {
	const char *name, *title, *zh;
	int what, kind, first, last;
} tables[] = {
	{"pollution_type", "cases by pollution type", "按污染类型", T_ITEMS, K_POLLUTION, 0, 0},
	{"channel", "cases by channel", "按信访渠道", T_ITEMS, K_CHANNEL, 0, 0},
	{"purpose", "cases by purpose", "按信访目的", T_ITEMS, K_PURPOSE, 0, 0},
	{"top_units", "the units most complained about", "信访量居前的单位", T_TOP_UNITS, 0,
	 0, 0},
	{"top_accused", "the accused most complained about", "被投诉较多的企业", T_TOP_ACCUSED,
	 0, 0, 0},
	{"handling", "transfers, assignments and supervisions", "转送、交办和督查督办",
	 T_FIGURES, 0, F_HANDLING, F_ON_TIME},
	{"on_time", "on-time acceptance and conclusion", "及时受理和按期办结", T_FIGURES, 0,
	 F_ON_TIME, F_REVIEWS},
	{"reviews", "reviews and re-reviews", "复查和复核", T_FIGURES, 0, F_REVIEWS, F_BACKLOG},
	{"backlog", "backlog files", "积案", T_FIGURES, 0, F_BACKLOG, F__COUNT},
	{"units", "every unit", "各单位", T_UNITS, 0, 0, 0},
};

/* --- the output's columns --- */

enum { C_TABLE, C_RANK, C_ITEM, C_ITEM_NAME, C_MEASURE, C_MEASURE_NAME, C_YEAR, C_LAST,
       C_CHANGE, C_CHANGE_RATE, C__COUNT };
static const struct pt_column cols[] = {
	/* in a table on a terminal, the table is in its title, and a measure
	 * by its Chinese name */
	[C_TABLE] = {"table", "表", PT_T_TEXT, 0, 0, 0, NULL},
	[C_RANK] = {"rank", "名次", PT_T_INT, 0, 0, 4, NULL},
	[C_ITEM] = {"item", "项目", PT_T_TEXT, 0, 0, 12, NULL},
	[C_ITEM_NAME] = {"item_name", "项目名称", PT_T_TEXT, 0, 0, 18, NULL},
	[C_MEASURE] = {"measure", "指标", PT_T_TEXT, 0, 0, 0, NULL},
	[C_MEASURE_NAME] = {"measure_name", "指标名称", PT_T_TEXT, 0, 0, 18, NULL},
	[C_YEAR] = {"this_year", "本年", PT_T_INT, 0, 0, 9, NULL},
	[C_LAST] = {"last_year", "上年", PT_T_INT, 0, 0, 9, NULL},
	[C_CHANGE] = {"change", "增减", PT_T_INT, 0, 0, 8, NULL},
	[C_CHANGE_RATE] = {"change_rate", "增减率", PT_T_INT, 0, 0, 11, NULL},
};
_Static_assert(PT_NCOLS(cols) == C__COUNT, "annual report columns");
const pt_schema pt_annual_schema = {cols, C__COUNT};

/* --- the counts --- */

struct ann {
	pt_db *db;
	const struct pt_unit *all;        /* every unit, the store's order */
	size_t nall;
	const struct pt_unit **units;     /* those reported, in tree order */
	size_t nunits;
	const char *top;                  /* --unit, or NULL */
	int base[K__COUNT + 1];           /* each kind's first slot */
	int64_t *n;                       /* [year][unit of all][slot][count, flagged] */
	char bound[3][21];                /* UTC: last year, this year, the next */
	int year;
	FILE *out;
	pt_write_options o;
	pt_writer *w;
	pt_record *row;
	char title[160], title_zh[160];
	bool started;
	pt_err *e;
};

static int64_t *cell(struct ann *x, int y, size_t u, int slot)
{
	return &x->n[(((size_t)y * x->nall + u) * (size_t)x->base[K__COUNT] + (size_t)slot) * 2];
}

static int slot_of(const struct ann *x, int k, const char *item)
{
	const char *v;

	for (int i = 0; (v = item_at(k, i)); i++)
		if (!strcmp(v, item))
			return x->base[k] + i;
	return -1;
}

static long unit_index(struct ann *x, const char *code)
{
	const struct pt_unit *u = code ? pt_unit_find(x->db, code) : NULL;

	return u && u >= x->all && u < x->all + x->nall && !strcmp(u->code, code) ?
		(long)(u - x->all) : -1;
}

static int take(struct ann *x, const pt_record *r)
{
	const char *kind = pt_record_get(r, PT_AA_KIND), *item = pt_record_get(r, PT_AA_ITEM);
	const char *y = pt_record_get(r, PT_AA_YEAR), *flagged = pt_record_get(r, PT_AA_FLAGGED);
	long u = unit_index(x, pt_record_get(r, PT_AA_UNIT));
	int k, slot;

	for (k = 0; k < K__COUNT && strcmp(kinds[k].name, kind ? kind : ""); k++)
		;
	if (k == K__COUNT || u < 0 || (slot = slot_of(x, k, item ? item : "")) < 0)
		return PT_OK;
	int64_t *c = cell(x, y && !strcmp(y, "1"), (size_t)u, slot);
	c[0] += strtoll(pt_record_get(r, PT_AA_N), NULL, 10);
	c[1] += flagged ? strtoll(flagged, NULL, 10) : 0;
	return PT_OK;
}

/* Both years' counts at once; the zone's offset of this year's first day
 * for both (the office's zone keeps one offset the year round). */
static int count(struct ann *x)
{
	pt_record *r = pt_record_new(&pt_annual_act_schema);
	pt_cursor *c = NULL;
	int rc = r ? PT_OK : pt_error(x->e, PT_EDB, "out of memory"), got = 0;

	if (!rc)
		rc = pt_store_annual_acts(x->db, x->bound[0], x->bound[1], x->bound[2],
		                          pt_zone_offset(pt_days_from_civil(x->year, 1, 1)), &c,
		                          x->e);
	while (!rc && (got = pt_cursor_next(c, r, x->e)) > 0)
		rc = take(x, r);
	if (!rc && got < 0)
		rc = x->e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

/* Whether item v is one of items ("a|b"; NULL: any). */
static bool matches(const char *items, const char *v)
{
	size_t n = strlen(v);

	if (!items)
		return true;
	for (const char *p = items;; p++) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, v, n))
			return true;
		if (!end)
			return false;
		p = end;
	}
}

/* A figure's count in year y: over the units in scope, or those within one. */
static int64_t sum(struct ann *x, int y, const struct figure *f, const struct pt_unit *within)
{
	int64_t s = 0;
	const char *v;

	for (size_t i = 0; i < x->nunits; i++) {
		size_t u = (size_t)(x->units[i] - x->all);
		if (within && !pt_unit_within(x->db, x->units[i]->code, within->code))
			continue;
		for (int j = 0; (v = item_at(f->kind, j)); j++)
			if (matches(f->items, v))
				s += cell(x, y, u, x->base[f->kind] + j)[f->how == FLAGGED];
	}
	return s;
}

/* --- the rows --- */

struct value { int64_t n[2], d[2]; bool rate; };

static void fmt_rate(char *buf, size_t size, double v) { snprintf(buf, size, "%.4f", v); }

static int put(struct ann *x, const struct table *t, int rank, const char *item,
               const char *item_name, const char *measure, const char *measure_name,
               const struct value *v)
{
	char a[32], b[32], c[32];
	pt_record *r = x->row;

	pt_record_clear(r);
	pt_record_sets(r, C_TABLE, t->name);
	if (rank)
		pt_record_set_int(r, C_RANK, rank);
	pt_record_sets(r, C_ITEM, item);
	pt_record_sets(r, C_ITEM_NAME, item_name);
	pt_record_sets(r, C_MEASURE, measure);
	pt_record_sets(r, C_MEASURE_NAME, measure_name);
	if (!v->rate) {
		pt_record_set_int(r, C_YEAR, v->n[0]);
		pt_record_set_int(r, C_LAST, v->n[1]);
		pt_record_set_int(r, C_CHANGE, v->n[0] - v->n[1]);
		if (v->n[1]) {
			fmt_rate(c, sizeof c, (double)(v->n[0] - v->n[1]) / (double)v->n[1]);
			pt_record_sets(r, C_CHANGE_RATE, c);
		}
	} else {                    /* a rate: empty, not NaN, over 0 */
		if (v->d[0]) {
			fmt_rate(a, sizeof a, (double)v->n[0] / (double)v->d[0]);
			pt_record_sets(r, C_YEAR, a);
		}
		if (v->d[1]) {
			fmt_rate(b, sizeof b, (double)v->n[1] / (double)v->d[1]);
			pt_record_sets(r, C_LAST, b);
		}
		if (v->d[0] && v->d[1]) {
			fmt_rate(c, sizeof c, (double)v->n[0] / (double)v->d[0] -
			         (double)v->n[1] / (double)v->d[1]);
			pt_record_sets(r, C_CHANGE, !strcmp(c, "-0.0000") ? "0.0000" : c);
		}
	}
	return pt_writer_put(x->w, r) < 0 ? pt_error(x->e, PT_EDB, "write error") : PT_OK;
}

static void figure_value(struct ann *x, int i, const struct pt_unit *within, struct value *v)
{
	const struct figure *f = &figures[i];

	memset(v, 0, sizeof *v);
	v->rate = f->how == RATE;
	for (int y = 0; y < 2; y++) {
		v->n[y] = sum(x, y, v->rate ? &figures[figure(f->num)] : f, within);
		if (v->rate)
			v->d[y] = sum(x, y, &figures[figure(f->den)], within);
	}
}

static int put_figure(struct ann *x, const struct table *t, const char *item,
                      const char *item_name, int i, const struct pt_unit *within)
{
	struct value v;

	figure_value(x, i, within, &v);
	return put(x, t, 0, item, item_name, figures[i].name, figures[i].zh, &v);
}

/* The cases received by each item of a kind (every one, zeros included;
 * those not given only when some were), then the total. */
static int items_table(struct ann *x, const struct table *t)
{
	const bool zh = x->o.zh_header;
	const struct pt_enum *en = values_of(&kinds[t->kind]);
	struct value v, total = {{0, 0}, {0, 0}, false};
	const char *code;
	int rc = PT_OK;

	for (int i = 0; !rc && (code = item_at(t->kind, i)); i++) {
		struct figure f = {"received", "收件数", t->kind, COUNT, code, NULL, NULL};
		const struct pt_enum *name = *code ? pt_enum_find(en, code) : NULL;
		memset(&v, 0, sizeof v);
		for (int y = 0; y < 2; y++)
			total.n[y] += v.n[y] = sum(x, y, &f, NULL);
		if (!*code && !v.n[0] && !v.n[1])
			continue;
		rc = put(x, t, 0, code, name ? name->zh : zh ? "未填" : "not given", f.name,
		         f.zh, &v);
	}
	return rc ? rc : put(x, t, 0, "total", zh ? "合计" : "total", figures[F_RECEIVED].name,
	                     figures[F_RECEIVED].zh, &total);
}

/* The units in scope by their own cases of the year (not those of the units
 * under them), most first, then in tree order; units with none too. */
static int top_units(struct ann *x, const struct table *t)
{
	size_t *order = malloc((x->nunits ? x->nunits : 1) * sizeof *order);
	int64_t *n = calloc(x->nunits ? x->nunits : 1, sizeof *n);
	int rc = PT_OK;

	if (!order || !n) {
		free(order);
		free(n);
		return pt_error(x->e, PT_EDB, "out of memory");
	}
	for (size_t i = 0; i < x->nunits; i++) {
		size_t u = (size_t)(x->units[i] - x->all);
		for (int j = 0; item_at(K_POLLUTION, j); j++)
			n[i] += cell(x, 0, u, x->base[K_POLLUTION] + j)[0];
		size_t k = i;                   /* insertion: stable, and few units */
		while (k > 0 && n[order[k - 1]] < n[i]) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}
	for (size_t r = 0; !rc && r < x->nunits && r < TOP; r++) {
		const struct pt_unit *u = x->units[order[r]];
		for (int m = F_RECEIVED; !rc && m <= F_RECEIVED + 1; m++) {
			struct value v = {{0, 0}, {0, 0}, false};
			for (int y = 0; y < 2; y++)
				for (int j = 0; item_at(K_POLLUTION, j); j++)
					v.n[y] += cell(x, y, (size_t)(u - x->all),
					               x->base[K_POLLUTION] + j)[m - F_RECEIVED];
			rc = put(x, t, (int)r + 1, u->code, u->name, figures[m].name, figures[m].zh, &v);
		}
	}
	free(order);
	free(n);
	return rc;
}

static int top_accused(struct ann *x, const struct table *t)
{
	pt_record *r = pt_record_new(&pt_annual_accused_schema);
	pt_cursor *c = NULL;
	int rc = r ? PT_OK : pt_error(x->e, PT_EDB, "out of memory"), got = 0, rank = 0;

	if (!rc)
		rc = pt_store_annual_accused(x->db, x->bound[0], x->bound[1], x->bound[2], x->top,
		                             TOP, &c, x->e);
	while (!rc && (got = pt_cursor_next(c, r, x->e)) > 0) {
		const char *a = pt_record_get(r, PT_AC_ACCUSED);
		rank++;
		for (int m = 0; !rc && m < 2; m++) {
			struct value v = {{strtoll(pt_record_get(r, PT_AC_N + m), NULL, 10),
			                   strtoll(pt_record_get(r, PT_AC_LAST_N + m), NULL, 10)},
			                  {0, 0}, false};
			rc = put(x, t, rank, a, a, figures[F_RECEIVED + m].name,
			         figures[F_RECEIVED + m].zh, &v);
		}
	}
	if (!rc && got < 0)
		rc = x->e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int one_table(struct ann *x, const struct table *t)
{
	const bool zh = x->o.zh_header;
	int rc = PT_OK;

	switch (t->what) {
	case T_ITEMS: return items_table(x, t);
	case T_TOP_UNITS: return top_units(x, t);
	case T_TOP_ACCUSED: return top_accused(x, t);
	case T_FIGURES:
		for (int i = t->first; !rc && i < t->last; i++)
			rc = put_figure(x, t, "total", zh ? "合计" : "total", i, NULL);
		return rc;
	default:              /* a unit's row counts its own and those under it */
		for (size_t u = 0; !rc && u < x->nunits; u++)
			for (size_t i = 0; !rc && i < PT_NCOLS(unit_figures); i++)
				rc = put_figure(x, t, x->units[u]->code, x->units[u]->name,
				                figure(unit_figures[i]), x->units[u]);
		return rc;
	}
}

/* Begins table t: its own writer, but one CSV stream for all, each row
 * naming its table; a table on a terminal under its title. */
static int begin(struct ann *x, const struct table *t)
{
	snprintf(x->title, sizeof x->title, "%d: %s (against %d)", x->year, t->title,
	         x->year - 1);
	snprintf(x->title_zh, sizeof x->title_zh, "%d年%s（与%d年比较）", x->year, t->zh,
	         x->year - 1);
	if (x->w && x->o.format == PT_FMT_CSV && !x->o.doc)
		return PT_OK;
	if (x->w && pt_writer_close(x->w) < 0) {
		x->w = NULL;
		return pt_error(x->e, PT_EDB, "write error");
	}
	if (x->o.format == PT_FMT_TABLE && !x->o.doc &&
	    fprintf(x->out, "%s%s\n", x->started ? "\n" : "",
	            x->o.zh_header ? x->title_zh : x->title) < 0)
		return pt_error(x->e, PT_EDB, "write error");
	x->started = true;
	/* a document's sheets are named short, the year being the document's */
	x->o.title = x->o.doc ? t->title : x->title;
	x->o.title_zh = x->o.doc ? t->zh : x->title_zh;
	if (!(x->w = pt_writer_new(x->out, &pt_annual_schema, &x->o)))
		return pt_error(x->e, PT_EDB, "out of memory");
	return PT_OK;
}

int pt_annual_year(const char *s, int64_t now, int *year, pt_err *e)
{
	int y, m, d;

	pt_civil_from_days(pt_local_day(now), &y, &m, &d);
	if (!s || strlen(s) != 4 || strspn(s, "0123456789") != 4 || *s == '0')
		return pt_error(e, PT_EUSAGE, "--annual: \"%.16s\" is not a year (YYYY, as 2017)",
		                s && pt_text_showable(s) ? s : "?");
	*year = atoi(s);
	if (*year > y)
		return pt_error(e, PT_EUSAGE, "--annual: %d has not begun (today is %04d-%02d-%02d)",
		                *year, y, m, d);
	return PT_OK;
}

int pt_annual_report(pt_db *db, const char *year, const char *unit, FILE *out,
                     const pt_write_options *o, pt_err *e)
{
	struct ann x = {.db = db, .out = out, .o = *o, .e = e};
	int rc;

	if ((rc = pt_annual_year(year, db->now, &x.year, e)) ||
	    (rc = pt_report_units(db, unit, &x.units, &x.nunits, e)))
		return rc;
	x.top = unit && x.nunits ? x.units[0]->code : NULL;
	x.all = pt_units_all(db, &x.nall);
	for (int k = 0; k < K__COUNT; k++) {
		int i = 0;
		while (item_at(k, i))
			i++;
		x.base[k + 1] = x.base[k] + i;
	}
	for (int i = 0; i < 3; i++)
		pt_time_format_utc(pt_local_midnight(pt_days_from_civil(x.year - 1 + i, 1, 1)),
		                   x.bound[i]);
	x.n = calloc(2 * (x.nall ? x.nall : 1) * (size_t)x.base[K__COUNT] * 2, sizeof *x.n);
	x.row = pt_record_new(&pt_annual_schema);
	rc = x.n && x.row ? count(&x) : pt_error(e, PT_EDB, "out of memory");
	for (size_t t = 0; !rc && t < PT_NCOLS(tables); t++)
		if (!(rc = begin(&x, &tables[t])))
			rc = one_table(&x, &tables[t]);
	if (x.w && pt_writer_close(x.w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
	pt_record_free(x.row);
	free(x.n);
	free(x.units);
	return rc;
}
