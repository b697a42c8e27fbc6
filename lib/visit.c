/* visit.c - leaders' receptions and visits (接访下访): each recorded once,
 * and in the history of every case it concerned */
#include "store/store.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const struct pt_enum pt_visit_kinds[] = {
	{"reception", "定期接访"}, {"field", "带案下访"}, {"appointment", "重点约访"},
	{"home", "主动家访"}, {"follow_up", "跟踪回访"}, {NULL, NULL},
};

/* people is personal data: masked as a name (output.c) */
static const struct pt_column visit_cols[] = {
	{"id", "编号", PT_T_INT, 0, 0, 5, NULL},
	{"visit_kind", "接访方式", PT_T_ENUM, 0, 0, 11, pt_visit_kinds},
	{"visit_date", "接访日期", PT_T_DATE, 0, 0, 10, NULL},
	{"visit_leader", "接访领导", PT_T_TEXT, 0, 100, 12, NULL},
	{"post", "职务", PT_T_TEXT, 0, 100, 10, NULL},
	{"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	{"unit_name", "单位", PT_T_TEXT, 0, 0, 10, NULL},
	{"place", "接访地点", PT_T_TEXT, 0, 200, 12, NULL},
	{"case_nos", "涉及信访件", PT_T_TEXT, PT_C_FLEX, 0, 16, NULL},
	{"people", "接待对象", PT_T_TEXT, PT_C_PERSONAL, 2000, 0, NULL},
	{"decision", "议定事项", PT_T_TEXT, PT_C_TEXTAREA, 65536, 0, NULL},
	{"actor", "操作人", PT_T_TEXT, 0, 0, 0, NULL},
	{"at", "时间", PT_T_TIME, 0, 0, 0, NULL},
};
const pt_schema pt_visit_schema = {visit_cols, PT_NCOLS(visit_cols)};
enum { V_ID, V_KIND, V_DATE, V_LEADER, V_POST, V_UNIT, V_UNIT_NAME, V_PLACE, V_CASES,
       V_PEOPLE, V_DECISION };

static int text_ok(const char *v, const char *opt, size_t max, bool need, bool lines,
                   pt_err *e)
{
	const char *fault = v ? pt_text_fault(v, strlen(v), lines) : NULL;

	if (!v && need)
		return pt_error(e, PT_EUSAGE, "%s: required", opt);
	if (fault)
		return pt_error(e, PT_EINPUT, "%s: %s", opt, fault);
	if (v && strlen(v) > max)
		return pt_error(e, PT_EUSAGE, "%s: longer than %zu bytes", opt, max);
	return PT_OK;
}

/* The visit with its kind a code, its date and unit set (into the buffers). */
static int normal(pt_db *db, const pt_visit *v, pt_visit *n, char date[11], pt_err *e)
{
	const struct pt_enum *k = v->kind ? pt_enum_find(pt_visit_kinds, v->kind) : NULL;
	const struct pt_unit *u;
	const char *office = NULL;
	int32_t day;
	int rc;

	*n = *v;
	if (!v->kind)
		return pt_error(e, PT_EUSAGE, "--kind: required (one of reception, field,"
		                " appointment, home, follow_up)");
	if (!k)
		return pt_one_of(v->kind, "--kind", pt_visit_kinds, e);
	n->kind = k->code;
	if (v->date && pt_date_parse(v->date, &day))
		return pt_error(e, PT_EUSAGE, "--date: \"%.64s\" is not a date",
		                pt_text_showable(v->date) ? v->date : "?");
	if (!v->date)
		day = pt_local_day(db->now);
	if (day > pt_local_day(db->now))
		return pt_error(e, PT_EUSAGE, "--date: %s is after today: a visit is recorded"
		                " once it took place", v->date);
	pt_date_format(day, date);
	n->date = date;
	if ((rc = text_ok(v->leader, "--leader", 100, true, false, e)) ||
	    (rc = text_ok(v->post, "--post", 100, false, false, e)) ||
	    (rc = text_ok(v->place, "--place", 200, false, false, e)) ||
	    (rc = text_ok(v->people, "--people", 2000, false, false, e)) ||
	    (rc = text_ok(v->decision, "--decision", 65536, false, true, e)) ||
	    (rc = pt_units_ready(db, e)))
		return rc;
	if (!v->unit && !(office = pt_office(db, e)))
		return PT_EDB;
	if (!v->unit && !*office)
		return pt_error(e, PT_EUSAGE, "--unit: required (this store has no office)");
	if (!(u = pt_unit_must(db, v->unit ? v->unit : office, "--unit", PT_EUSAGE, e)))
		return e->code;
	n->unit = u->code;
	return PT_OK;
}

int pt_visit_check(pt_db *db, const pt_visit *v, pt_err *e)
{
	pt_visit n;
	char date[11];

	return normal(db, v, &n, date, e);
}

int pt_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e)
{
	pt_visit n;
	char date[11];
	int rc = normal(db, v, &n, date, e);

	return rc ? rc : pt_store_visit_add(db, &n, id, e);
}

/* The visit's record, for the event of each case it concerned. */
static int visit_get(pt_db *db, int64_t visit, pt_record *r, pt_err *e)
{
	struct pt_visit_q q = {.id = visit, .bare = true};
	pt_cursor *c = NULL;
	int rc = pt_store_visits_query(db, &q, &c, e), n = 0;

	if (!rc && (n = pt_cursor_next(c, r, e)) == 0)
		rc = pt_error(e, PT_EINPUT, "visit %" PRId64 ": no such visit", visit);
	pt_cursor_close(c);
	return rc ? rc : n < 0 ? e->code : PT_OK;
}

/* What the case's history says of the visit: no personal data. */
static char *details_of(const pt_record *v)
{
	static const struct { int col; const char *key; } keys[] = {
		{V_KIND, "visit_kind"}, {V_DATE, "visit_date"}, {V_LEADER, "visit_leader"},
		{V_POST, "post"}, {V_UNIT, "visit_unit"}, {V_PLACE, "place"},
		{V_DECISION, "decision"},
	};
	cJSON *d = cJSON_CreateObject();
	char *s = NULL;

	if (d && cJSON_AddNumberToObject(d, "visit", strtod(pt_record_get(v, V_ID), NULL))) {
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (pt_record_get(v, keys[i].col))
				cJSON_AddStringToObject(d, keys[i].key, pt_record_get(v, keys[i].col));
		s = cJSON_PrintUnformatted(d);
	}
	cJSON_Delete(d);
	return s;
}

static int link_case(pt_db *db, const pt_record *v, int64_t visit, int64_t case_id,
                     pt_err *e)
{
	pt_record *c = pt_record_new(&pt_case_schema);
	const char *status;
	char *details = NULL;
	bool added;
	int rc;

	if (!c)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = pt_case_get(db, case_id, c, e)))
		goto done;
	status = pt_record_get(c, PT_F_STATUS);
	if (!pt_status_counted(status)) {
		rc = pt_error(e, PT_EREFUSED, "%s: it is %s: no visit concerns it",
		              pt_record_get(c, PT_F_CASE_NO), status);
		goto done;
	}
	if ((rc = pt_store_visit_link(db, visit, case_id, &added, e)) || !added)
		goto done;
	if (!(details = details_of(v)))
		rc = pt_error(e, PT_EDB, "out of memory");
	else
		rc = pt_store_event_add(db, case_id, "visit", status, status, details, e);
done:
	free(details);
	pt_record_free(c);
	return rc;
}

int pt_visit_link(pt_db *db, int64_t visit, int64_t case_id, pt_err *e)
{
	pt_record *v = pt_record_new(&pt_visit_schema);
	int rc = v ? visit_get(db, visit, v, e) : pt_error(e, PT_EDB, "out of memory");

	if (!rc)
		rc = link_case(db, v, visit, case_id, e);
	pt_record_free(v);
	return rc;
}

/* A comma list of kinds, by code or label, as codes into out. */
static int kinds_of(const char *list, pt_buf *out, pt_err *e)
{
	char item[64];

	for (const char *p = list; ; p++) {
		size_t n = strcspn(p, ",");
		const struct pt_enum *k;

		snprintf(item, sizeof item, "%.*s", (int)(n < 63 ? n : 63), p);
		if (n >= 63 || !(k = pt_enum_find(pt_visit_kinds, item)))
			return pt_one_of(item, "--kind", pt_visit_kinds, e);
		if ((out->len && pt_buf_adds(out, ",")) || pt_buf_adds(out, k->code))
			return pt_error(e, PT_EDB, "out of memory");
		p += n;
		if (!*p)
			return PT_OK;
	}
}

int pt_date_opt(const char *v, const char *opt, pt_err *e)
{
	int32_t d;

	if (v && pt_date_parse(v, &d))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a date", opt,
		                pt_text_showable(v) ? v : "?");
	return PT_OK;
}

int pt_visits_query(pt_db *db, const pt_visit_filter *f, pt_cursor **out, pt_err *e)
{
	struct pt_visit_q q = {.leader = f->leader, .from = f->from, .to = f->to, .id = f->id};
	const struct pt_unit *u = NULL;
	pt_buf kinds = {0};
	int rc;

	*out = NULL;
	if ((rc = pt_date_opt(f->from, "--from", e)) || (rc = pt_date_opt(f->to, "--to", e)))
		return rc;
	if (f->kind && (rc = kinds_of(f->kind, &kinds, e)))
		goto done;
	q.kinds = kinds.p;
	if (f->unit && ((rc = pt_units_ready(db, e)) ||
	                !(u = pt_unit_must(db, f->unit, "--unit", PT_EUSAGE, e)))) {
		rc = rc ? rc : e->code;
		goto done;
	}
	q.unit = u ? u->code : NULL;
	rc = pt_store_visits_query(db, &q, out, e);
done:
	pt_buf_free(&kinds);
	return rc;
}
