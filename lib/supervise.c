/* supervise.c - supervision orders issued by hand (督查督办, petition-supervise)
 * and the one listing of orders and the morning run's supervision records */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const struct pt_enum pt_supervision_kinds[] = {
	{"special", "专项督查"}, {"individual", "个案督查"}, {"onsite", "实地督查"},
	{"key", "重点督查"}, {NULL, NULL},
};

/* morning_run: the records petition-escalate computes; an order is never issued so */
const struct pt_enum pt_order_sources[] = {
	{"office", "本机关"}, {"central", "中央环保督察"}, {"provincial", "省级环保督察"},
	{"joint", "联合督查"}, {"morning_run", "晨间督办"}, {NULL, NULL},
};

const struct pt_enum pt_order_states[] = {
	{"open", "待反馈"}, {"on_time", "按期反馈"}, {"late", "逾期反馈"},
	{"overdue", "超期未反馈"}, {"done", "已办结"}, {NULL, NULL},
};

#define COL(n) {n, "", PT_T_TEXT, 0, 0, 0, NULL}
static const struct pt_column row_cols[] = {
	COL("id"), COL("kind"), COL("source"), COL("issuer_unit"), COL("issuer"),
	COL("target_unit"), COL("target_parent"), COL("theme"), COL("period_from"),
	COL("period_to"), COL("joint"), COL("due"), COL("text"), COL("issued_at"),
	COL("result"), COL("result_at"), COL("reminded_at"), COL("escalated_at"),
	COL("escalated_to"), COL("cases"), COL("action"), COL("clock"), COL("clock_open"),
	COL("seq"),
};
#undef COL
_Static_assert(PT_NCOLS(row_cols) == PT_OR__COUNT, "a column for each pt_orow");
const pt_schema pt_order_row_schema = {row_cols, PT_OR__COUNT};

enum { L_NO, L_SOURCE, L_KIND, L_ACTION, L_ISSUED_AT, L_ISSUER_UNIT, L_ISSUER, L_TARGET,
       L_CASES, L_THEME, L_PERIOD, L_JOINT, L_DUE, L_RESULT_AT, L_RESULT, L_STATE,
       L_DAYS, L_TEXT, L__COUNT };
static const struct pt_column list_cols[] = {
	[L_NO] = {"order_no", "督办编号", PT_T_TEXT, 0, 0, 8, NULL},
	[L_SOURCE] = {"source", "督办来源", PT_T_ENUM, 0, 0, 11, pt_order_sources},
	[L_KIND] = {"kind", "督办方式", PT_T_ENUM, 0, 0, 10, pt_supervision_kinds},
	[L_ACTION] = {"action", "操作", PT_T_TEXT, 0, 0, 9, NULL},
	[L_ISSUED_AT] = {"issued_at", "下达时间", PT_T_TIME, 0, 0, 16, NULL},
	[L_ISSUER_UNIT] = {"issuer_unit", "下达单位", PT_T_TEXT, 0, 0, 0, NULL},
	[L_ISSUER] = {"issuer", "下达人", PT_T_TEXT, 0, 0, 0, NULL},
	[L_TARGET] = {"target_unit", "督办单位", PT_T_TEXT, 0, 0, 11, NULL},
	[L_CASES] = {"case_nos", "涉及信访件", PT_T_TEXT, 0, 0, 14, NULL},
	[L_THEME] = {"theme", "专项主题", PT_T_TEXT, 0, 0, 0, NULL},
	[L_PERIOD] = {"period", "督查期间", PT_T_TEXT, 0, 0, 0, NULL},
	[L_JOINT] = {"joint", "联合部门", PT_T_TEXT, 0, 0, 0, NULL},
	[L_DUE] = {"due", "期限", PT_T_DATE, 0, 0, 10, NULL},
	[L_RESULT_AT] = {"result_at", "反馈时间", PT_T_TIME, 0, 0, 0, NULL},
	[L_RESULT] = {"result", "反馈结果", PT_T_TEXT, 0, 0, 0, NULL},
	[L_STATE] = {"state", "办理情况", PT_T_ENUM, 0, 0, 10, pt_order_states},
	[L_DAYS] = {"days_overdue", "超期天数", PT_T_INT, 0, 0, 12, NULL},
	[L_TEXT] = {"order_text", "督办内容", PT_T_TEXT, PT_C_FLEX, 0, 20, NULL},
};
_Static_assert(PT_NCOLS(list_cols) == L__COUNT, "listing columns");
const pt_schema pt_order_schema = {list_cols, L__COUNT};

static const char *g(const pt_record *r, int col) { return pt_record_get(r, col); }

void pt_order_no(const char *id, char out[32])
{
	snprintf(out, 32, "SV-%s", id);
}

int pt_order_key(const char *key, const char *where, int64_t *id, pt_err *e)
{
	const char *d = key && !strncmp(key, "SV-", 3) ? key + 3 : key;
	size_t n = d ? strspn(d, "0123456789") : 0;

	if (!n || d[n] || n > 18 || !(*id = strtoll(d, NULL, 10)))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not an order's number (SV-N)",
		                where, key && pt_text_showable(key) ? key : "?");
	return PT_OK;
}

int32_t pt_order_day(const char *v)
{
	int32_t d;
	int64_t t;

	if (v && !pt_date_parse(v, &d))
		return d;
	return v && !pt_time_parse(v, &t) ? pt_local_day(t) : -1;
}

const char *pt_order_state(const pt_record *row, int32_t today, int *days)
{
	int32_t due = pt_order_day(g(row, PT_OR_DUE)), at;

	*days = 0;
	if (g(row, PT_OR_ACTION)) {          /* a record of the morning run */
		if (!g(row, PT_OR_CLOCK_OPEN) || !strcmp(g(row, PT_OR_CLOCK_OPEN), "0"))
			return g(row, PT_OR_DUE) ? "done" : NULL;
		*days = due >= 0 && today > due ? today - due : 0;
		return *days ? "overdue" : "done";
	}
	if (g(row, PT_OR_RESULT_AT)) {
		at = pt_order_day(g(row, PT_OR_RESULT_AT));
		*days = at > due ? at - due : 0;
		return at > due ? "late" : "on_time";
	}
	*days = today > due ? today - due : 0;
	return today > due ? "overdue" : "open";
}

/* --- issuing --- */

static int text_ok(const char *v, const char *opt, bool lines, size_t max, pt_err *e)
{
	const char *fault = v ? pt_text_fault(v, strlen(v), lines) : NULL;

	if (fault)
		return pt_error(e, PT_EINPUT, "%s: %s", opt, fault);
	return v && strlen(v) > max ? pt_error(e, PT_EUSAGE, "%s: longer than %zu bytes",
	                                       opt, max) : PT_OK;
}

static int code_of(const struct pt_enum *values, const char **v, const char *opt,
                   bool issued, pt_err *e)
{
	const struct pt_enum *en = *v ? pt_enum_find(values, *v) : NULL;
	pt_buf b = {0};
	int rc;

	if (!*v)
		return PT_OK;
	if (en && !(issued && !strcmp(en->code, "morning_run"))) {
		*v = en->code;
		return PT_OK;
	}
	for (const struct pt_enum *x = values; x->code; x++)
		if (!issued || strcmp(x->code, "morning_run")) {
			pt_buf_adds(&b, x == values ? "" : ", ");
			pt_buf_adds(&b, x->code);
		}
	rc = pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not one of %s", opt,
	              pt_text_showable(*v) ? *v : "?", b.p ? b.p : "");
	pt_buf_free(&b);
	return rc;
}

static int date_ok(const char *v, const char *opt, int32_t *d, pt_err *e)
{
	if (pt_date_parse(v, d))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a date (YYYY-MM-DD)", opt,
		                pt_text_showable(v) ? v : "?");
	return PT_OK;
}

static int check_period(const pt_order *o, int32_t today, pt_err *e)
{
	int32_t f, t, due;
	int rc;

	if (!o->due)
		return pt_error(e, PT_EUSAGE, "--due: needed (the date the report back is due)");
	if ((rc = date_ok(o->due, "--due", &due, e)))
		return rc;
	if (due < today)
		return pt_error(e, PT_EUSAGE, "--due: %s is before the order's date", o->due);
	if (!o->period_from != !o->period_to)
		return pt_error(e, PT_EUSAGE, "--period: FROM..TO, both dates");
	if (!o->period_from)
		return PT_OK;
	if ((rc = date_ok(o->period_from, "--period", &f, e)) ||
	    (rc = date_ok(o->period_to, "--period", &t, e)))
		return rc;
	return f > t ? pt_error(e, PT_EUSAGE, "--period: %s is after %s", o->period_from,
	                        o->period_to) : PT_OK;
}

/* A special supervision (专项) has a theme and a period, or cases; the
 * others have cases and no theme. */
static int check_scope(const pt_order *o, pt_err *e)
{
	bool special = !strcmp(o->kind, "special");

	if (!special && (o->theme || o->period_from))
		return pt_error(e, PT_EUSAGE, "--theme and --period: for --kind special only");
	if (special && !o->ncases && (!o->theme || !o->period_from))
		return pt_error(e, PT_EUSAGE, "--kind special: a --theme and a --period, or cases");
	if (!special && !o->ncases)
		return pt_error(e, PT_EUSAGE, "--kind %s: at least one case (--case, or keys"
		                " on stdin)", o->kind);
	return PT_OK;
}

static int check_order(pt_db *db, pt_order *o, pt_err *e)
{
	int rc;

	if (!o->kind)
		return pt_error(e, PT_EUSAGE, "--kind: needed (special, individual, onsite or key)");
	if ((rc = code_of(pt_supervision_kinds, &o->kind, "--kind", true, e)) ||
	    (rc = code_of(pt_order_sources, &o->source, "--source", true, e)) ||
	    (rc = check_scope(o, e)) || (rc = check_period(o, pt_local_day(db->now), e)) ||
	    (rc = text_ok(o->issuer, "--issuer", false, 200, e)) ||
	    (rc = text_ok(o->theme, "--theme", false, 400, e)) ||
	    (rc = text_ok(o->joint, "--joint", false, 400, e)) ||
	    (rc = text_ok(o->text, "--text", true, 65536, e)))
		return rc;
	if (!o->target_unit)
		return pt_error(e, PT_EUSAGE, "--unit: needed (the unit the order goes to)");
	return PT_OK;
}

/* The order's units as codes: the target, and the issuer (the office, else
 * the target's parent, else the target itself). */
static int order_units(pt_db *db, pt_order *o, pt_err *e)
{
	const struct pt_unit *t, *i;
	const char *office;

	if (pt_units_ready(db, e) || !(t = pt_unit_must(db, o->target_unit, "--unit", PT_EUSAGE, e)))
		return e->code ? e->code : PT_EDB;
	o->target_unit = t->code;
	if (!o->issuer_unit) {
		if (!(office = pt_office(db, e)))
			return PT_EDB;
		o->issuer_unit = *office ? office : t->parent ? t->parent : t->code;
	}
	if (!(i = pt_unit_must(db, o->issuer_unit, "--by-unit", PT_EUSAGE, e)))
		return e->code;
	o->issuer_unit = i->code;
	return PT_OK;
}

/* An event of the order in the history of one of its cases. */
static int case_event(pt_db *db, int64_t case_id, const char *action, cJSON *d,
                      pt_record *r, bool issuing, pt_err *e)
{
	static const char *const done[] = {"declined", "transferred", "final", "closed",
	                                   "voided", NULL};
	char *details;
	int rc;

	if ((rc = pt_case_get(db, case_id, r, e)))
		return rc;
	for (int i = 0; issuing && done[i]; i++)
		if (!strcmp(g(r, PT_F_STATUS), done[i]))
			return pt_error(e, PT_EREFUSED, "%s: the case is %s: no supervision of it",
			                g(r, PT_F_CASE_NO), done[i]);
	if (!(details = cJSON_PrintUnformatted(d)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = pt_store_event_add(db, case_id, action, g(r, PT_F_STATUS), g(r, PT_F_STATUS),
	                        details, e);
	free(details);
	return rc;
}

static cJSON *order_details(int64_t id, const pt_order *o)
{
	cJSON *d = cJSON_CreateObject();
	char n[24], no[32];

	snprintf(n, sizeof n, "%" PRId64, id);
	pt_order_no(n, no);
	if (!d || !cJSON_AddStringToObject(d, "order_no", no) ||
	    !cJSON_AddStringToObject(d, "kind", o->kind) ||
	    !cJSON_AddStringToObject(d, "source", o->source) ||
	    !cJSON_AddStringToObject(d, "issuer_unit", o->issuer_unit) ||
	    !cJSON_AddStringToObject(d, "target_unit", o->target_unit) ||
	    !cJSON_AddStringToObject(d, "report_due", o->due)) {
		cJSON_Delete(d);
		return NULL;
	}
	return d;
}

static int order_cases(pt_db *db, int64_t id, const pt_order *o, cJSON *d, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	int64_t case_id;
	int rc = r ? PT_OK : pt_error(e, PT_EDB, "out of memory");

	for (size_t i = 0; !rc && i < o->ncases; i++)
		if (!(rc = pt_case_resolve(db, o->cases[i], &case_id, e)) &&
		    !(rc = pt_store_order_case_add(db, id, case_id, e)))
			rc = case_event(db, case_id, "order", d, r, true, e);
	pt_record_free(r);
	return rc;
}

int pt_order_issue(pt_db *db, const pt_order *given, int64_t *id, pt_err *e)
{
	pt_order o = *given;
	struct pt_order_in in;
	cJSON *d = NULL;
	int rc;

	if (!o.source)
		o.source = "office";
	if ((rc = check_order(db, &o, e)) || (rc = order_units(db, &o, e)))
		return rc;
	in = (struct pt_order_in){o.kind, o.source, o.issuer_unit, o.issuer, o.target_unit,
	                          o.theme, o.period_from, o.period_to, o.joint, o.due, o.text};
	if ((rc = pt_store_order_add(db, &in, id, e)))
		return rc;
	if (!(d = order_details(*id, &o)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = order_cases(db, *id, &o, d, e);
	cJSON_Delete(d);
	return rc;
}

/* --- results --- */

/* The row of order id, as the listing reads it: PT_EINPUT when none. */
static int order_row(pt_db *db, int64_t id, pt_record *r, pt_err *e)
{
	struct pt_order_query q = {.orders = true, .id = id};
	pt_cursor *c = NULL;
	int rc = pt_store_orders_query(db, &q, &c, e), n = 0;

	if (!rc && (n = pt_cursor_next(c, r, e)) < 0)
		rc = e->code;
	pt_cursor_close(c);
	if (!rc && n == 0)
		rc = pt_error(e, PT_EINPUT, "SV-%" PRId64 ": no such order", id);
	return rc;
}

int pt_order_cases_event(pt_db *db, int64_t id, const char *action, struct cJSON *d,
                         pt_err *e)
{
	pt_record *r = pt_record_new(&pt_case_schema), *k = pt_record_new(&pt_order_row_schema);
	pt_cursor *c = NULL;
	int rc = r && k ? pt_store_order_cases(db, id, &c, e) :
		pt_error(e, PT_EDB, "out of memory"), n = 0;

	while (!rc && (n = pt_cursor_next(c, k, e)) == 1)
		rc = case_event(db, strtoll(g(k, 0), NULL, 10), action, d, r, false, e);
	if (!rc && n < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	pt_record_free(k);
	return rc;
}

static int result_events(pt_db *db, int64_t id, const pt_record *o, bool on_time,
                         pt_err *e)
{
	cJSON *d = cJSON_CreateObject();
	char no[32];
	int rc;

	pt_order_no(g(o, PT_OR_ID), no);
	if (!d || !cJSON_AddStringToObject(d, "order_no", no) ||
	    !cJSON_AddBoolToObject(d, "on_time", on_time))
		rc = pt_error(e, PT_EDB, "out of memory");
	else
		rc = pt_order_cases_event(db, id, "order_result", d, e);
	cJSON_Delete(d);
	return rc;
}

int pt_order_result(pt_db *db, const char *key, const char *result, int64_t *id,
                    pt_err *e)
{
	pt_record *r = pt_record_new(&pt_order_row_schema);
	char now[21], no[32];
	int64_t issued = 0;
	int rc, days;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if (!(rc = pt_order_key(key, "--result", id, e)) &&
	    !(rc = result ? text_ok(result, "--text", true, 65536, e) :
	      pt_error(e, PT_EUSAGE, "--text: needed with --result (what was reported back)")) &&
	    !(rc = order_row(db, *id, r, e))) {
		pt_order_no(g(r, PT_OR_ID), no);
		pt_time_parse(g(r, PT_OR_ISSUED_AT), &issued);
		if (g(r, PT_OR_RESULT_AT))
			rc = pt_error(e, PT_EREFUSED, "%s: its result was recorded already", no);
		else if (db->now < issued)
			rc = pt_error(e, PT_EREFUSED, "%s: the result is dated before the order", no);
	}
	if (!rc) {
		pt_time_format_utc(db->now, now);
		pt_record_sets(r, PT_OR_RESULT_AT, now);
		rc = pt_store_order_set(db, *id, PT_OSET_RESULT, result, now, e);
	}
	if (!rc)
		rc = result_events(db, *id, r, !strcmp(pt_order_state(r, 0, &days), "on_time"), e);
	pt_record_free(r);
	return rc;
}

/* --- the listing --- */

static int list_query(pt_db *db, const pt_order_filter *f, struct pt_order_query *q,
                      char from[21], char before[21], pt_err *e)
{
	const struct pt_unit *u;
	const char *kind = f->kind, *source = f->source;
	int32_t d;
	int rc;

	*q = (struct pt_order_query){.orders = true, .computed = true, .id = f->id};
	if ((rc = code_of(pt_supervision_kinds, &kind, "--kind", false, e)) ||
	    (rc = code_of(pt_order_sources, &source, "--source", false, e)))
		return rc;
	q->kind = kind;
	if (source && !strcmp(source, "morning_run"))
		q->orders = false;
	else if (source)
		q->computed = false, q->source = source;
	if (f->id)
		q->computed = false;
	if (f->unit) {
		if ((rc = pt_units_ready(db, e)) || !(u = pt_unit_must(db, f->unit, "--unit", PT_EUSAGE, e)))
			return rc ? rc : e->code;
		q->unit = u->code;
	}
	if (f->from && !(rc = date_ok(f->from, "--from", &d, e)))
		pt_time_format_utc(pt_local_midnight(d), from), q->from = from;
	if (!rc && f->to && !(rc = date_ok(f->to, "--to", &d, e)))
		pt_time_format_utc(pt_local_midnight(d + 1), before), q->before = before;
	if (!rc && f->case_key)
		rc = pt_case_resolve(db, f->case_key, &q->case_id, e);
	return rc;
}

/* One row of the store's listing as the listing prints it. */
static void list_row(const pt_record *s, int32_t today, pt_record *out)
{
	char no[32], period[32], n[24];
	const char *state;
	int days;

	pt_record_clear(out);
	if (g(s, PT_OR_ID)) {
		pt_order_no(g(s, PT_OR_ID), no);
		pt_record_sets(out, L_NO, no);
	}
	pt_record_sets(out, L_SOURCE, g(s, PT_OR_ACTION) ? "morning_run" : g(s, PT_OR_SOURCE));
	pt_record_sets(out, L_KIND, g(s, PT_OR_KIND));
	pt_record_sets(out, L_ACTION, g(s, PT_OR_ACTION) ? g(s, PT_OR_ACTION) : "order");
	static const int same[][2] = {
		{L_ISSUED_AT, PT_OR_ISSUED_AT}, {L_ISSUER_UNIT, PT_OR_ISSUER_UNIT},
		{L_ISSUER, PT_OR_ISSUER}, {L_TARGET, PT_OR_TARGET}, {L_CASES, PT_OR_CASES},
		{L_THEME, PT_OR_THEME}, {L_JOINT, PT_OR_JOINT}, {L_DUE, PT_OR_DUE},
		{L_RESULT_AT, PT_OR_RESULT_AT}, {L_RESULT, PT_OR_RESULT}, {L_TEXT, PT_OR_TEXT},
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		pt_record_sets(out, same[i][0], g(s, same[i][1]));
	if (g(s, PT_OR_PERIOD_FROM)) {
		snprintf(period, sizeof period, "%s..%s", g(s, PT_OR_PERIOD_FROM),
		         g(s, PT_OR_PERIOD_TO) ? g(s, PT_OR_PERIOD_TO) : "");
		pt_record_sets(out, L_PERIOD, period);
	}
	if ((state = pt_order_state(s, today, &days)))
		pt_record_sets(out, L_STATE, state);
	if (state && strcmp(state, "done")) {
		snprintf(n, sizeof n, "%d", days);
		pt_record_sets(out, L_DAYS, n);
	}
}

int pt_orders_list(pt_db *db, const pt_order_filter *f, pt_writer *w, long *n, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_order_row_schema), *out = pt_record_new(&pt_order_schema);
	int32_t today = pt_local_day(db->now);
	struct pt_order_query q;
	char from[21], before[21];
	pt_cursor *c = NULL;
	int rc, got = 0;

	*n = 0;
	if (!r || !out)
		rc = pt_error(e, PT_EDB, "out of memory");
	else if (!(rc = list_query(db, f, &q, from, before, e)))
		rc = pt_store_orders_query(db, &q, &c, e);
	while (!rc && (got = pt_cursor_next(c, r, e)) == 1) {
		list_row(r, today, out);
		if (f->overdue && strcmp(g(out, L_STATE) ? g(out, L_STATE) : "", "overdue"))
			continue;
		++*n;
		if (pt_writer_put(w, out) < 0)
			rc = pt_error(e, PT_EDB, "stdout: write error");
	}
	if (!rc && got < 0)
		rc = e->code;
	pt_cursor_close(c);
	pt_record_free(r);
	pt_record_free(out);
	return rc;
}
