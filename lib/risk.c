/* risk.c - the register of risks (风险), which are not cases: each risk's
 * course found, verified, reported, handled, closed, each step an event of
 * its own history (risk_events); the cases linked to it; a case's flag */
#include "store/store.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const struct pt_enum pt_risk_kinds[] = {
	{"nimby", "邻避"}, {"pollution_incident", "污染事件"}, {"collective", "群体性事件"},
	{"online_opinion", "网络舆情"}, {"other", "其他"}, {NULL, NULL},
};
const struct pt_enum pt_risk_sources[] = {
	{"letters_visits", "信访"}, {"hotline", "12369热线"}, {"online_opinion", "网络舆情"},
	{"enforcement", "执法检查"}, {"media", "媒体"}, {NULL, NULL},
};
const struct pt_enum pt_risk_levels[] = {
	{"general", "一般"}, {"serious", "较大"}, {"major", "重大"}, {NULL, NULL},
};
/* in the order a risk takes them */
const struct pt_enum pt_risk_steps[] = {
	{"found", "发现"}, {"verified", "核实"}, {"reported", "报告"}, {"handled", "处置"},
	{"closed", "办结"}, {NULL, NULL},
};

static const struct pt_column risk_cols[] = {
	[PT_R_ID] = {"id", "编号", PT_T_INT, 0, 0, 4, NULL},
	[PT_R_FOUND_AT] = {"found_at", "发现时间", PT_T_TIME, PT_C_INPUT, 0, 16, NULL},
	[PT_R_MATTER] = {"matter", "项目或事项", PT_T_TEXT, PT_C_INPUT | PT_C_FLEX, 200, 20, NULL},
	[PT_R_KIND] = {"risk_kind", "风险类别", PT_T_ENUM, PT_C_INPUT, 0, 10, pt_risk_kinds},
	[PT_R_SOURCE] = {"risk_source", "发现渠道", PT_T_ENUM, PT_C_INPUT, 0, 10, pt_risk_sources},
	[PT_R_LEVEL] = {"risk_level", "风险等级", PT_T_ENUM, PT_C_INPUT, 0, 8, pt_risk_levels},
	[PT_R_STEP] = {"step", "环节", PT_T_ENUM, 0, 0, 8, pt_risk_steps},
	[PT_R_UNIT] = {"unit", "单位代码", PT_T_UNIT, PT_C_INPUT, 0, 8, NULL},
	[PT_R_UNIT_NAME] = {"unit_name", "单位", PT_T_TEXT, 0, 0, 10, NULL},
	[PT_R_CASES] = {"case_nos", "涉及信访件", PT_T_TEXT, 0, 0, 14, NULL},
	[PT_R_URGENT_AT] = {"urgent_at", "紧急报告时间", PT_T_TIME, 0, 0, 16, NULL},
};
_Static_assert(PT_NCOLS(risk_cols) == PT_NRISK_FIELDS, "a column for each pt_risk_field");
const pt_schema pt_risk_schema = {risk_cols, PT_NRISK_FIELDS};

static const struct pt_column risk_event_cols[] = {
	{"risk_id", "风险编号", PT_T_INT, 0, 0, 7, NULL},
	{"at", "时间", PT_T_TIME, 0, 0, 16, NULL},
	{"actor", "操作人", PT_T_TEXT, 0, 0, 10, NULL},
	{"action", "操作", PT_T_TEXT, 0, 0, 13, NULL},
	{"from_step", "原环节", PT_T_TEXT, 0, 0, 9, NULL},
	{"to_step", "新环节", PT_T_TEXT, 0, 0, 9, NULL},
	{"text", "说明", PT_T_TEXT, PT_C_FLEX | PT_C_TEXTAREA, 0, 30, NULL},
	{"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
};
const pt_schema pt_risk_event_schema = {risk_event_cols, PT_NCOLS(risk_event_cols)};

/* the actions of a risk's history */
static const char A_FOUND[] = "found", A_STEP[] = "step", A_LINK[] = "link";

int pt_enum_value(const char *opt, const char *v, const struct pt_enum *values,
                      const char **out, pt_err *e)
{
	const struct pt_enum *en;

	*out = NULL;
	if (!v)
		return PT_OK;
	if (!(en = pt_enum_find(values, pt_enum_code(values, v))))
		return pt_enum_refuse(opt, v, values, e);
	*out = en->code;
	return PT_OK;
}

int pt_text_value(const char *opt, const char *v, size_t max, bool lines, pt_err *e)
{
	const char *fault = v ? pt_text_fault(v, strlen(v), lines) : NULL;

	if (fault)
		return pt_error(e, PT_EINPUT, "%s: %s", opt, fault);
	if (v && (lines ? strlen(v) : pt_utf8_chars(v, strlen(v))) > max)
		return pt_error(e, PT_EUSAGE, "%s: longer than %zu %s", opt, max,
		                lines ? "bytes" : "characters");
	return PT_OK;
}

/* The field col of r, an enumeration: needed, or dflt when absent. */
static int enum_field(pt_record *r, int col, const char *opt, const char *dflt, pt_err *e)
{
	const char *v = pt_record_get(r, col), *code;
	int rc;

	if (!v && !(v = dflt))
		return pt_error(e, PT_EUSAGE, "%s: needed to register a risk", opt);
	if ((rc = pt_enum_value(opt, v, pt_column(&pt_risk_schema, col)->values, &code, e)))
		return rc;
	return pt_record_sets(r, col, code) < 0 ? pt_error(e, PT_EDB, "out of memory") : PT_OK;
}

int pt_past_time(pt_db *db, pt_record *r, int col, const char *opt, pt_err *e)
{
	const char *v = pt_record_get(r, col);
	char utc[21];
	int64_t t = db->now;

	if (v && pt_time_parse(v, &t))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a date or time", opt,
		                pt_text_showable(v) ? v : "?");
	if (t > db->now)
		return pt_error(e, PT_EUSAGE, "%s: %.64s is in the future", opt, v);
	pt_time_format_utc(t, utc);
	return pt_record_sets(r, col, utc) < 0 ? pt_error(e, PT_EDB, "out of memory")
		: PT_OK;
}

static int check_new(pt_db *db, pt_record *r, const char *text, pt_err *e)
{
	const char *matter = pt_record_get(r, PT_R_MATTER);
	const struct pt_unit *u;
	int rc;

	if (!matter)
		return pt_error(e, PT_EUSAGE, "--matter: needed to register a risk");
	if ((rc = pt_text_value("--matter", matter, 200, false, e)) ||
	    (rc = pt_text_value("--text", text, 4096, true, e)) ||
	    (rc = enum_field(r, PT_R_KIND, "--kind", NULL, e)) ||
	    (rc = enum_field(r, PT_R_SOURCE, "--source", NULL, e)) ||
	    (rc = enum_field(r, PT_R_LEVEL, "--level", "general", e)) ||
	    (rc = pt_past_time(db, r, PT_R_FOUND_AT, "--found-at", e)))
		return rc;
	if (!pt_record_get(r, PT_R_UNIT))
		return pt_error(e, PT_EUSAGE, "--unit: needed to register a risk");
	if (!(u = pt_unit_must(db, pt_record_get(r, PT_R_UNIT), "--unit", PT_EUSAGE, e)))
		return e->code;
	if (pt_record_sets(r, PT_R_UNIT, u->code) < 0 ||
	    pt_record_sets(r, PT_R_STEP, pt_risk_steps[0].code) < 0)
		return pt_error(e, PT_EDB, "out of memory");
	return PT_OK;
}

static int event(pt_db *db, int64_t id, const char *action, const char *from,
                 const char *to, const char *text, const char *unit, pt_err *e)
{
	struct pt_risk_event ev = {.risk_id = id, .action = action, .from = from, .to = to,
	                           .text = text, .unit = unit};

	return pt_store_risk_event_add(db, &ev, e);
}

int pt_risk_add(pt_db *db, pt_record *r, const char *cases, const char *text,
                int64_t *id, pt_err *e)
{
	int rc;

	if ((rc = check_new(db, r, text, e)) || (rc = pt_store_risk_insert(db, r, id, e)) ||
	    (rc = event(db, *id, A_FOUND, NULL, pt_risk_steps[0].code, text,
	                pt_record_get(r, PT_R_UNIT), e)))
		return rc;
	return cases ? pt_risk_link(db, *id, cases, NULL, e) : PT_OK;
}

int pt_risk_get(pt_db *db, int64_t id, pt_record *r, pt_err *e)
{
	struct pt_risk_spec q = {.id = id};
	pt_cursor *c;
	int rc;

	if ((rc = pt_store_risks_query(db, &q, &c, e)))
		return rc;
	rc = pt_cursor_next(c, r, e);
	pt_cursor_close(c);
	if (rc == 0)
		return pt_error(e, PT_EINPUT, "risk %" PRId64 ": no such risk", id);
	return rc < 0 ? e->code : PT_OK;
}

static const struct pt_register risk_register = {&pt_risk_schema, &pt_risk_event_schema,
                                                 pt_risk_get, pt_risk_events_query,
                                                 "risk", "风险处置记录"};

int pt_register_resolve(pt_db *db, const struct pt_register *g, const char *key,
                        int64_t *id, pt_err *e)
{
	pt_record *r;
	char *end;
	long long n = strtoll(key, &end, 10);
	int rc;

	if (!*key || *end || n <= 0 || strspn(key, "0123456789") != strlen(key))
		return pt_error(e, PT_EINPUT, "\"%.64s\": not a %s's number",
		                pt_text_showable(key) ? key : "?", g->what);
	if (!(r = pt_record_new(g->schema)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = g->get(db, n, r, e);
	pt_record_free(r);
	*id = n;
	return rc;
}

int pt_risk_resolve(pt_db *db, const char *key, int64_t *id, pt_err *e)
{
	return pt_register_resolve(db, &risk_register, key, id, e);
}

static int step_index(const char *code)
{
	for (int i = 0; pt_risk_steps[i].code; i++)
		if (!strcmp(pt_risk_steps[i].code, code))
			return i;
	return -1;
}

/* Only the next step: a risk is verified before it is reported, and so on. */
static int step_allowed(int64_t id, const char *from, const char *to, pt_err *e)
{
	int i = step_index(from), j = step_index(to);

	if (j == i)
		return pt_error(e, PT_EREFUSED, "risk %" PRId64 ": it is %s already", id, from);
	if (j < i)
		return pt_error(e, PT_EREFUSED, "risk %" PRId64 ": it is %s: a risk does not go"
		                " back to %s", id, from, to);
	if (j > i + 1)
		return pt_error(e, PT_EREFUSED, "risk %" PRId64 ": it is %s: it is %s first", id,
		                from, pt_risk_steps[i + 1].code);
	return PT_OK;
}

int pt_risk_step(pt_db *db, int64_t id, const char *step, const char *text, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_risk_schema);
	const char *to;
	int rc;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if (!(rc = pt_enum_value("--step", step, pt_risk_steps, &to, e)) &&
	    !(rc = pt_text_value("--text", text, 4096, true, e)) &&
	    !(rc = pt_risk_get(db, id, r, e)) &&
	    !(rc = step_allowed(id, pt_record_get(r, PT_R_STEP), to, e)) &&
	    !(rc = pt_store_risk_set(db, id, to, NULL, e)))
		rc = event(db, id, A_STEP, pt_record_get(r, PT_R_STEP), to, text,
		           pt_record_get(r, PT_R_UNIT), e);
	pt_record_free(r);
	return rc;
}

int pt_link_cases(pt_db *db, const char *cases, const char *text, pt_link_fn link,
                  void *arg, pt_err *e)
{
	pt_record *c = pt_record_new(&pt_case_schema);
	char *list = strdup(cases), *save = NULL, what[4200];
	int64_t case_id;
	int rc = c && list ? pt_text_value("--text", text, 4096, true, e) :
		pt_error(e, PT_EDB, "out of memory");

	for (char *k = rc ? NULL : strtok_r(list, ", ", &save); k && !rc;
	     k = strtok_r(NULL, ", ", &save)) {
		if ((rc = pt_case_resolve(db, k, &case_id, e)) || (rc = pt_case_get(db, case_id, c, e)))
			break;
		snprintf(what, sizeof what, "%s%s%s", pt_record_get(c, PT_F_CASE_NO),
		         text ? ": " : "", text ? text : "");
		rc = link(db, arg, case_id, what, e);
	}
	free(list);
	pt_record_free(c);
	return rc;
}

/* One case linked to the risk arg, an event when it was not linked before. */
static int link_risk(pt_db *db, void *arg, int64_t case_id, const char *what, pt_err *e)
{
	const pt_record *r = arg;
	int64_t id = strtoll(pt_record_get(r, PT_R_ID), NULL, 10);
	bool added;
	int rc = pt_store_risk_link(db, id, case_id, &added, e);

	if (rc || !added)
		return rc;
	return event(db, id, A_LINK, pt_record_get(r, PT_R_STEP), pt_record_get(r, PT_R_STEP),
	             what, pt_record_get(r, PT_R_UNIT), e);
}

int pt_risk_link(pt_db *db, int64_t id, const char *cases, const char *text, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_risk_schema);
	int rc = r ? pt_risk_get(db, id, r, e) : pt_error(e, PT_EDB, "out of memory");

	if (!rc)
		rc = pt_link_cases(db, cases, text, link_risk, r, e);
	pt_record_free(r);
	return rc;
}

int pt_risk_flag(pt_db *db, int64_t case_id, bool on, const char *reason, pt_err *e)
{
	const char *sets[] = {on ? "risk=1" : "risk=0"};
	pt_action a = {.verb = PT_CORRECT, .reason = reason, .sets = sets, .nsets = 1};
	pt_record *c = pt_record_new(&pt_case_schema);
	int rc = PT_OK;

	if (!reason || !*reason)
		rc = pt_error(e, PT_EUSAGE, "--reason: needed with --%s", on ? "flag" : "unflag");
	else if (!c)
		rc = pt_error(e, PT_EDB, "out of memory");
	else if (!(rc = pt_action_check(&a, e)) && !(rc = pt_case_get(db, case_id, c, e))) {
		if (!strcmp(pt_record_get(c, PT_F_RISK), on ? "1" : "0"))
			rc = pt_error(e, PT_EREFUSED, "%s: its risk flag is %s already",
			              pt_record_get(c, PT_F_CASE_NO), on ? "set" : "clear");
		else
			rc = pt_case_apply(db, case_id, &a, e);
	}
	pt_record_free(c);
	return rc;
}

int pt_day_bound(const char *opt, const char *v, bool after, char out[21], pt_err *e)
{
	int32_t d;

	if (!v)
		return PT_OK;
	if (pt_date_parse(v, &d))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a date (YYYY-MM-DD)", opt,
		                pt_text_showable(v) ? v : "?");
	pt_time_format_utc(pt_local_midnight(d + after), out);
	return PT_OK;
}

int pt_risks_query(pt_db *db, const pt_risk_filter *f, pt_cursor **out, pt_err *e)
{
	struct pt_risk_spec q = {0};
	const struct pt_unit *u = NULL;
	int rc;

	if ((rc = pt_enum_value("--kind", f->kind, pt_risk_kinds, &q.kind, e)) ||
	    (rc = pt_enum_value("--step", f->step, pt_risk_steps, &q.step, e)) ||
	    (rc = pt_enum_value("--level", f->level, pt_risk_levels, &q.level, e)) ||
	    (rc = pt_day_bound("--from", f->from, false, q.found_from, e)) ||
	    (rc = pt_day_bound("--to", f->to, true, q.found_before, e)))
		return rc;
	if (f->unit && !(u = pt_unit_must(db, f->unit, "--unit", PT_EUSAGE, e)))
		return e->code;
	q.unit = u ? u->code : NULL;
	return pt_store_risks_query(db, &q, out, e);
}

int pt_risk_events_query(pt_db *db, int64_t id, pt_cursor **out, pt_err *e)
{
	return pt_store_risk_events_query(db, id, out, e);
}

/* The events of a register's entry into a writer, or into a JSON array. */
static int history(pt_db *db, const struct pt_register *g, int64_t id, pt_writer *w,
                   cJSON *arr, int pii, pt_err *e)
{
	pt_record *r = pt_record_new(g->events);
	pt_cursor *c = NULL;
	int rc, n = 0;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if (!(rc = g->query(db, id, &c, e))) {
		while ((n = pt_cursor_next(c, r, e)) == 1) {
			if (w && pt_writer_put(w, r) < 0)
				break;
			if (arr)
				cJSON_AddItemToArray(arr, pt_record_json(r, pii));
		}
		rc = n < 0 ? e->code : n == 1 ? pt_error(e, PT_EDB, "write error") : PT_OK;
	}
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int show_table(pt_db *db, const struct pt_register *g, int64_t id,
                      const pt_record *r, FILE *out, const pt_write_options *o, pt_err *e)
{
	char buf[1024];
	const char *v;
	pt_writer *w;
	int rc;

	for (int i = 0; i < pt_schema_ncols(g->schema); i++) {
		const struct pt_column *c = pt_column(g->schema, i);
		pt_display_value(c, pt_record_get(r, i), pt_pii_of(o), -1, buf, sizeof buf, &v);
		if (!v)
			continue;
		pt_put_cell(out, o->zh_header ? c->zh : c->name, 14);
		fprintf(out, "  %s\n", v);
	}
	fprintf(out, "\n%s\n", o->zh_header ? g->zh_history : "history");
	if (!(w = pt_writer_new(out, g->events, o)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = history(db, g, id, w, NULL, pt_pii_of(o), e);
	return pt_writer_close(w) < 0 && !rc ? pt_error(e, PT_EDB, "write error") : rc;
}

int pt_show_register(pt_db *db, const struct pt_register *g, int64_t id, FILE *out,
                     const pt_write_options *o, pt_err *e)
{
	pt_record *r = pt_record_new(g->schema);
	pt_writer *w;
	cJSON *obj;
	int rc;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = g->get(db, id, r, e)))
		goto done;
	if (o->format == PT_FMT_TABLE) {
		rc = show_table(db, g, id, r, out, o, e);
	} else if (o->format == PT_FMT_CSV || o->doc) {
		pt_write_options h = pt_titled(o, "history", g->zh_history);
		if (o->doc && (rc = pt_put_one(out, r, o, e)))
			goto done;
		if (!(w = pt_writer_new(out, g->events, &h)))
			rc = pt_error(e, PT_EDB, "out of memory");
		else if (!(rc = history(db, g, id, w, NULL, pt_pii_of(o), e)) && pt_writer_close(w) < 0)
			rc = pt_error(e, PT_EDB, "write error");
		else if (rc)
			pt_writer_close(w);
	} else if (!(obj = pt_record_json(r, pt_pii_of(o)))) {
		rc = pt_error(e, PT_EDB, "out of memory");
	} else {
		rc = history(db, g, id, NULL, cJSON_AddArrayToObject(obj, "history"), pt_pii_of(o), e);
		if (!rc && pt_json_print(out, obj) < 0)
			rc = pt_error(e, PT_EDB, "write error");
		cJSON_Delete(obj);
	}
done:
	pt_record_free(r);
	return rc;
}

int pt_show_risk(pt_db *db, int64_t id, FILE *out, const pt_write_options *o, pt_err *e)
{
	return pt_show_register(db, &risk_register, id, out, o, e);
}
