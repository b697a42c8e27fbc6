/* report_backlog.c - the backlog files (积案) by unit and lead leader: how
 * many, how many of each resolution, and their plans' steps; every unit a
 * row, zeros included, a unit's rows counting the units under it */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

enum { F_UNIT, F_LEADER, F_RESOLUTION, F_STEPS, F_DONE, F_OVERDUE, F__COUNT };
/* the store's rows (pt_store_backlog_files) */
static const struct pt_column file_cols[] = {
	{"unit", "", PT_T_TEXT, 0, 0, 0, NULL}, {"leader", "", PT_T_TEXT, 0, 0, 0, NULL},
	{"resolution", "", PT_T_TEXT, 0, 0, 0, NULL}, {"steps", "", PT_T_INT, 0, 0, 0, NULL},
	{"steps_done", "", PT_T_INT, 0, 0, 0, NULL},
	{"steps_overdue", "", PT_T_INT, 0, 0, 0, NULL},
};
static const pt_schema file_schema = {file_cols, F__COUNT};

/* the report's columns: these, a column per state after files, then the steps */
static const struct pt_column head_cols[] = {
	{"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	{"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL},
	{"leader", "包案领导", PT_T_TEXT, 0, 0, 8, NULL},
	{"files", "积案档案数", PT_T_INT, 0, 0, 10, NULL},
};
static const struct pt_column tail_cols[] = {
	{"steps", "方案步骤数", PT_T_INT, 0, 0, 10, NULL},
	{"steps_done", "已完成步骤数", PT_T_INT, 0, 0, 12, NULL},
	{"steps_overdue", "逾期步骤数", PT_T_INT, 0, 0, 13, NULL},
};
#define NHEAD PT_NCOLS(head_cols)
#define NTAIL PT_NCOLS(tail_cols)
enum { NSTATES_MAX = 8 };

struct file { char *unit, *leader; int state; int64_t steps, done, overdue; };

struct bf {
	pt_db *db;
	pt_err *e;
	struct file *f;
	size_t n;
	int nstates;
	struct pt_column cols[NHEAD + NSTATES_MAX + NTAIL];
	pt_schema schema;
	pt_record *row;
	pt_writer *w;
};

static int state_of(const char *resolution)
{
	for (int i = 1; resolution && pt_backlog_states[i].code; i++)
		if (!strcmp(pt_backlog_states[i].code, resolution))
			return i;
	return 0;
}

static int64_t num(const pt_record *r, int col)
{
	const char *v = pt_record_get(r, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

static int load(struct bf *x)
{
	pt_record *r = pt_record_new(&file_schema);
	pt_cursor *c = NULL;
	char today[11];
	int rc, got = 0;

	if (!r)
		return pt_error(x->e, PT_EDB, "out of memory");
	pt_date_format(pt_local_day(x->db->now), today);
	rc = pt_store_backlog_files(x->db, NULL, today, &c, x->e);
	while (!rc && (got = pt_cursor_next(c, r, x->e)) > 0) {
		struct file *f = realloc(x->f, (x->n + 1) * sizeof *f);
		const char *leader = pt_record_get(r, F_LEADER);
		if (!f) {
			rc = pt_error(x->e, PT_EDB, "out of memory");
			break;
		}
		x->f = f;
		f = &x->f[x->n++];
		f->unit = strdup(pt_record_get(r, F_UNIT));
		f->leader = strdup(leader ? leader : "");
		f->state = state_of(pt_record_get(r, F_RESOLUTION));
		f->steps = num(r, F_STEPS);
		f->done = num(r, F_DONE);
		f->overdue = num(r, F_OVERDUE);
		if (!f->unit || !f->leader)
			rc = pt_error(x->e, PT_EDB, "out of memory");
	}
	if (!rc && got < 0)
		rc = x->e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int build_schema(struct bf *x)
{
	int n = 0;

	for (size_t i = 0; i < NHEAD; i++)
		x->cols[n++] = head_cols[i];
	for (x->nstates = 0; pt_backlog_states[x->nstates].code &&
	     x->nstates < NSTATES_MAX; x->nstates++) {
		const struct pt_enum *s = &pt_backlog_states[x->nstates];
		int wd = pt_text_width(s->zh);
		x->cols[n++] = (struct pt_column){s->code, s->zh, PT_T_INT, 0, 0,
		                                  wd > 9 ? wd : 9, NULL};
	}
	for (size_t i = 0; i < NTAIL; i++)
		x->cols[n++] = tail_cols[i];
	x->schema = (pt_schema){x->cols, n};
	return (x->row = pt_record_new(&x->schema)) ? PT_OK :
		pt_error(x->e, PT_EDB, "out of memory");
}

/* One row: the files at or under unit u (NULL: all) with this leader
 * (NULL: any); name, when not NULL, is the first cell instead of u (the
 * total). */
static int emit(struct bf *x, const struct pt_unit *u, const char *leader, const char *name)
{
	int64_t m[4 + NSTATES_MAX] = {0};
	int col = 0, k = x->nstates;

	for (size_t i = 0; i < x->n; i++) {
		const struct file *f = &x->f[i];
		if ((u && !pt_unit_within(x->db, f->unit, u->code)) ||
		    (leader && strcmp(leader, f->leader)))
			continue;
		m[0]++;
		m[1 + f->state]++;
		m[1 + k] += f->steps;
		m[2 + k] += f->done;
		m[3 + k] += f->overdue;
	}
	pt_record_clear(x->row);
	pt_record_sets(x->row, col++, name ? name : u->code);
	pt_record_sets(x->row, col++, name ? "" : u->name);
	pt_record_sets(x->row, col++, leader ? leader : "");
	for (int i = 0; i < 4 + k; i++)
		pt_record_set_int(x->row, col++, m[i]);
	return pt_writer_put(x->w, x->row) < 0 ? pt_error(x->e, PT_EDB, "write error") : PT_OK;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A row for each leader of the files at or under u, or one of zeros. */
static int unit_rows(struct bf *x, const struct pt_unit *u)
{
	const char **leaders = calloc(x->n + 1, sizeof *leaders);
	size_t n = 0;
	int rc = PT_OK;

	if (!leaders)
		return pt_error(x->e, PT_EDB, "out of memory");
	for (size_t i = 0; i < x->n; i++)
		if (pt_unit_within(x->db, x->f[i].unit, u->code))
			leaders[n++] = x->f[i].leader;
	qsort(leaders, n, sizeof *leaders, by_text);
	if (!n)
		leaders[n++] = "";
	for (size_t i = 0; !rc && i < n; i++)
		if (!i || strcmp(leaders[i], leaders[i - 1]))
			rc = emit(x, u, leaders[i], NULL);
	free(leaders);
	return rc;
}

/* u and every unit under it, parents first, children by code. */
static int tree(struct bf *x, const struct pt_unit *u)
{
	size_t count;
	const struct pt_unit *all = pt_units_all(x->db, &count);
	int rc = u ? unit_rows(x, u) : PT_OK;

	for (size_t i = 0; !rc && i < count; i++)
		if (u ? all[i].parent && !strcmp(all[i].parent, u->code) : !all[i].parent)
			rc = tree(x, &all[i]);
	return rc;
}

int pt_report_backlog_files(pt_db *db, const char *unit, FILE *out,
                            const pt_write_options *o, pt_err *e)
{
	struct bf x = {.db = db, .e = e};
	const struct pt_unit *u = NULL;
	int rc;

	if ((rc = pt_units_ready(db, e)))
		return rc;
	if (unit && !(u = pt_unit_must(db, unit, "--unit", PT_EUSAGE, e)))
		return e->code;
	if ((rc = load(&x)) || (rc = build_schema(&x)))
		goto done;
	if (!(x.w = pt_writer_new(out, &x.schema, o))) {
		rc = pt_error(e, PT_EDB, "out of memory");
		goto done;
	}
	rc = tree(&x, u);
	if (!rc && o->format == PT_FMT_TABLE)
		rc = emit(&x, u, NULL, o->zh_header ? "合计" : "total");
	if (pt_writer_close(x.w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
done:
	for (size_t i = 0; i < x.n; i++) {
		free(x.f[i].unit);
		free(x.f[i].leader);
	}
	free(x.f);
	pt_record_free(x.row);
	return rc;
}
