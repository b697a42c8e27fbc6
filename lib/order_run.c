/* order_run.c - supervision orders in the morning run (remind of the
 * report back, raise an order past due to the target unit's parent, each
 * once), in its replay, and the supervision notice (督办通知) */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *g(const pt_record *r, int col) { return pt_record_get(r, col); }

/* What petition-escalate prints of an order's action on day. */
static int emit(const pt_record *o, const char *action, int32_t day, pt_writer *w,
                pt_record *out, long *actions, pt_err *e)
{
	int32_t due = pt_order_day(g(o, PT_OR_DUE));
	char no[32], n[24], rule[256];
	int days = day - due;

	pt_order_no(g(o, PT_OR_ID), no);
	if (!strcmp(action, "remind"))
		snprintf(rule, sizeof rule, "order %s (%s supervision, %s): report back due %s%s",
		         no, g(o, PT_OR_KIND), g(o, PT_OR_SOURCE), g(o, PT_OR_DUE),
		         days == 0 ? ": today" : "");
	else
		snprintf(rule, sizeof rule, "order %s (%s supervision, %s): report back due %s,"
		         " %d day%s overdue without a result: raised to the parent unit", no,
		         g(o, PT_OR_KIND), g(o, PT_OR_SOURCE), g(o, PT_OR_DUE), days,
		         days == 1 ? "" : "s");
	snprintf(n, sizeof n, "%d", days);
	pt_record_clear(out);
	pt_record_sets(out, PT_EA_ACTION, action);
	pt_record_sets(out, PT_EA_CASE_NO, no);
	pt_record_sets(out, PT_EA_UNIT, g(o, PT_OR_TARGET));
	pt_record_sets(out, PT_EA_PARENT, g(o, PT_OR_TARGET_PARENT));
	pt_record_sets(out, PT_EA_CLOCK, "order");
	pt_record_sets(out, PT_EA_DUE, g(o, PT_OR_DUE));
	pt_record_sets(out, PT_EA_DAYS, n);
	pt_record_sets(out, PT_EA_RULE, rule);
	++*actions;
	if (w && pt_writer_put(w, out) < 0)
		return pt_error(e, PT_EDB, "stdout: write error");
	return PT_OK;
}

static int64_t id_of(const pt_record *o) { return strtoll(g(o, PT_OR_ID), NULL, 10); }

/* An order_escalate event in the history of each of the order's cases. */
static int escalated(pt_db *db, const pt_record *o, pt_err *e)
{
	cJSON *d = cJSON_CreateObject();
	char no[32];
	int rc;

	pt_order_no(g(o, PT_OR_ID), no);
	if (!d || !cJSON_AddStringToObject(d, "order_no", no) ||
	    !cJSON_AddStringToObject(d, "raised_to", g(o, PT_OR_TARGET_PARENT)) ||
	    !cJSON_AddStringToObject(d, "report_due", g(o, PT_OR_DUE)))
		rc = pt_error(e, PT_EDB, "out of memory");
	else
		rc = pt_order_cases_event(db, id_of(o), "order_escalate", d, e);
	cJSON_Delete(d);
	return rc;
}

/* One open order due by the horizon: reminded once while it is not past
 * due, raised once to the target's parent when it is. */
static int one(pt_db *db, const pt_record *o, int32_t today, pt_writer *w, pt_record *out,
               long *actions, pt_err *e)
{
	char now[21];
	int rc;

	pt_time_format_utc(db->now, now);
	if (pt_order_day(g(o, PT_OR_DUE)) >= today) {
		if (g(o, PT_OR_REMINDED_AT))
			return PT_OK;
		if ((rc = pt_store_order_set(db, id_of(o), PT_OSET_REMINDED, NULL, now, e)))
			return rc;
		return emit(o, "remind", today, w, out, actions, e);
	}
	if (g(o, PT_OR_ESCALATED_AT) || !g(o, PT_OR_TARGET_PARENT))
		return PT_OK;           /* raised once; the top of the tree: nobody above */
	if ((rc = pt_store_order_set(db, id_of(o), PT_OSET_ESCALATED, g(o, PT_OR_TARGET_PARENT),
	                             now, e)) || (rc = escalated(db, o, e)))
		return rc;
	return emit(o, "escalate", today, w, out, actions, e);
}

static int each(pt_db *db, const struct pt_order_query *q, pt_record *r,
                int (*fn)(pt_db *, const pt_record *, void *, pt_err *), void *arg,
                pt_err *e)
{
	pt_cursor *c = NULL;
	int rc = r ? pt_store_orders_query(db, q, &c, e) : pt_error(e, PT_EDB, "out of memory");
	int n = 0;

	while (!rc && (n = pt_cursor_next(c, r, e)) == 1)
		rc = fn(db, r, arg, e);
	if (!rc && n < 0)
		rc = e->code;
	pt_cursor_close(c);
	return rc;
}

struct run { int32_t today; pt_writer *w; pt_record *out; long *actions; };

static int run_one(pt_db *db, const pt_record *o, void *arg, pt_err *e)
{
	struct run *x = arg;
	return one(db, o, x->today, x->w, x->out, x->actions, e);
}

int pt_orders_escalate(pt_db *db, const char *unit, int32_t today, int horizon,
                       pt_writer *w, pt_record *out, long *actions, pt_err *e)
{
	struct run x = {today, w, out, actions};
	char due_to[11];
	struct pt_order_query q = {.orders = true, .unit = unit, .due_to = due_to};
	pt_record *r = pt_record_new(&pt_order_row_schema);
	int rc;

	pt_date_format(today + horizon, due_to);
	rc = each(db, &q, r, run_one, &x, e);
	pt_record_free(r);
	return rc;
}

struct replay { const char *from, *before; struct run run; };

/* What a day's runs printed of an order: its reminder and its escalation,
 * each when it was made in [from, before). */
static int replay_one(pt_db *db, const pt_record *o, void *arg, pt_err *e)
{
	static const struct { const char *action; int col; } acts[] = {
		{"remind", PT_OR_REMINDED_AT}, {"escalate", PT_OR_ESCALATED_AT},
	};
	struct replay *x = arg;
	int rc = PT_OK;

	(void)db;
	for (size_t i = 0; !rc && i < sizeof acts / sizeof acts[0]; i++) {
		const char *at = g(o, acts[i].col);
		if (at && strcmp(at, x->from) >= 0 && strcmp(at, x->before) < 0)
			rc = emit(o, acts[i].action, pt_order_day(at), x->run.w, x->run.out,
			          x->run.actions, e);
	}
	return rc;
}

int pt_orders_replay(pt_db *db, const char *from, const char *before, const char *unit,
                     int32_t day, pt_writer *w, pt_record *out, long *actions, pt_err *e)
{
	struct replay x = {from, before, {day, w, out, actions}};
	struct pt_order_query q = {.orders = true, .unit = unit, .acted_from = from,
	                           .acted_before = before};
	pt_record *r = pt_record_new(&pt_order_row_schema);
	int rc = each(db, &q, r, replay_one, &x, e);

	pt_record_free(r);
	return rc;
}

/* --- the supervision notice (督办通知) --- */

struct notice {
	pt_db *db;
	const pt_record *o;
	char *cases;              /* "CASE_NO 事由" lines */
	char date[11], buf[1024];
};

static const char *label(const struct pt_enum *v, const char *code)
{
	const struct pt_enum *en = code ? pt_enum_find(v, code) : NULL;
	return en ? en->zh : code ? code : "";
}

static const char *unit_name(struct notice *n, int col)
{
	const struct pt_unit *u = g(n->o, col) ? pt_unit_find(n->db, g(n->o, col)) : NULL;
	return u ? u->name : g(n->o, col) ? g(n->o, col) : "";
}

/* The values of order.txt; none of them a petitioner's. */
static const char *value(void *ctx, const char *name)
{
	static const struct { const char *name; int col; } plain[] = {
		{"issuer", PT_OR_ISSUER}, {"due", PT_OR_DUE}, {"text", PT_OR_TEXT},
		{"theme", PT_OR_THEME}, {"joint", PT_OR_JOINT}, {"period_from", PT_OR_PERIOD_FROM},
		{"period_to", PT_OR_PERIOD_TO},
	};
	struct notice *n = ctx;

	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (!strcmp(name, plain[i].name))
			return g(n->o, plain[i].col) ? g(n->o, plain[i].col) : "";
	if (!strcmp(name, "order_no")) {
		pt_order_no(g(n->o, PT_OR_ID), n->buf);
		return n->buf;
	}
	if (!strcmp(name, "date"))
		return n->date;
	if (!strcmp(name, "cases"))
		return n->cases ? n->cases : "";
	if (!strcmp(name, "theme_line") && g(n->o, PT_OR_THEME)) {
		if (g(n->o, PT_OR_PERIOD_FROM))
			snprintf(n->buf, sizeof n->buf, "专项主题：%s（督查期间：%s至%s）\n",
			         g(n->o, PT_OR_THEME), g(n->o, PT_OR_PERIOD_FROM),
			         g(n->o, PT_OR_PERIOD_TO));
		else
			snprintf(n->buf, sizeof n->buf, "专项主题：%s\n", g(n->o, PT_OR_THEME));
		return n->buf;
	}
	if (!strcmp(name, "joint_line") && g(n->o, PT_OR_JOINT)) {
		snprintf(n->buf, sizeof n->buf, "联合督查部门：%s\n\n", g(n->o, PT_OR_JOINT));
		return n->buf;
	}
	if (!strcmp(name, "theme_line") || !strcmp(name, "joint_line"))
		return "";
	if (!strcmp(name, "kind_name"))
		return label(pt_supervision_kinds, g(n->o, PT_OR_KIND));
	if (!strcmp(name, "source_name"))
		return label(pt_order_sources, g(n->o, PT_OR_SOURCE));
	if (!strcmp(name, "issuer_unit_name"))
		return unit_name(n, PT_OR_ISSUER_UNIT);
	if (!strcmp(name, "target_unit_name"))
		return unit_name(n, PT_OR_TARGET);
	return NULL;
}

/* Each case of the order as its number and subject, a line each. */
static int case_lines(struct notice *n, int64_t id, pt_err *e)
{
	pt_record *k = pt_record_new(&pt_order_row_schema), *r = pt_record_new(&pt_case_schema);
	pt_buf b = {0};
	pt_cursor *c = NULL;
	int rc = k && r ? pt_store_order_cases(n->db, id, &c, e) : pt_error(e, PT_EDB, "out of memory");
	int got = 0;

	while (!rc && (got = pt_cursor_next(c, k, e)) == 1)
		if (!(rc = pt_case_get(n->db, strtoll(g(k, 0), NULL, 10), r, e)) &&
		    (pt_buf_adds(&b, g(r, PT_F_CASE_NO)) || pt_buf_adds(&b, "  ") ||
		     pt_buf_adds(&b, g(r, PT_F_SUBJECT)) || pt_buf_adds(&b, "\n")))
			rc = pt_error(e, PT_EDB, "out of memory");
	if (!rc && got < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(k);
	pt_record_free(r);
	n->cases = b.p;
	return rc;
}

int pt_order_notice(pt_db *db, const char *key, const char *dir, FILE *out, pt_err *e)
{
	pt_record *o = pt_record_new(&pt_order_row_schema);
	struct notice n = {.db = db, .o = o};
	struct pt_order_query q = {.orders = true};
	pt_cursor *c = NULL;
	int rc, got = 0;

	if (!o)
		return pt_error(e, PT_EDB, "out of memory");
	if (!(rc = pt_order_key(key, "--notice", &q.id, e)) &&
	    !(rc = pt_units_ready(db, e)) && !(rc = pt_store_orders_query(db, &q, &c, e)) &&
	    (got = pt_cursor_next(c, o, e)) != 1)
		rc = got < 0 ? e->code : pt_error(e, PT_EINPUT, "SV-%" PRId64 ": no such order", q.id);
	pt_cursor_close(c);
	if (!rc) {
		pt_date_format(pt_order_day(g(o, PT_OR_ISSUED_AT)), n.date);
		rc = case_lines(&n, q.id, e);
	}
	if (!rc)
		rc = pt_template_write(dir, "order", value, &n, out, e);
	free(n.cases);
	pt_record_free(o);
	return rc;
}
