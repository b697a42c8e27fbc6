/* mediate.c - pollution-damage disputes (污染损害纠纷) and their mediation
 * (调解, art. 33), which are not cases: each dispute's course filed,
 * consented, mediating, then agreed or failed, each step an event of its
 * own history (dispute_events); the cases it came from; the support given
 * to the injured party. The outcome's documents are in mediate_doc.c. */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

/* in the order a dispute takes them; agreed and failed end it */
const struct pt_enum pt_dispute_steps[] = {
	{"filed", "登记"}, {"consented", "同意调解"}, {"mediating", "调解中"},
	{"agreed", "达成协议"}, {"failed", "调解不成"}, {NULL, NULL},
};
/* the next remedy a failed mediation names */
const struct pt_enum pt_dispute_remedies[] = {
	{"civil_suit", "民事诉讼"}, {"arbitration", "仲裁"},
	{"reconsideration", "行政复议"}, {NULL, NULL},
};
const struct pt_enum pt_dispute_supports[] = {
	{"legal", "法律援助"}, {"technical", "技术支持"}, {NULL, NULL},
};
enum { S_FILED, S_CONSENTED, S_MEDIATING, S_AGREED, S_FAILED };
#define STEP(i) pt_dispute_steps[i].code

static const struct pt_column dispute_cols[] = {
	[PT_D_ID] = {"id", "编号", PT_T_INT, 0, 0, 4, NULL},
	[PT_D_FILED_AT] = {"filed_at", "登记时间", PT_T_TIME, PT_C_INPUT, 0, 16, NULL},
	[PT_D_INJURED] = {"injured_name", "受害方", PT_T_TEXT, PT_C_INPUT | PT_C_PERSONAL, 100, 8,
	                  NULL},
	[PT_D_INJURED_PHONE] = {"injured_phone", "受害方电话", PT_T_PHONE,
	                        PT_C_INPUT | PT_C_PERSONAL, 24, 11, NULL},
	[PT_D_ACCUSED] = {"accused", "被投诉对象", PT_T_TEXT, PT_C_INPUT, 200, 14, NULL},
	[PT_D_DAMAGE] = {"damage", "损害及请求", PT_T_TEXT, PT_C_INPUT | PT_C_FLEX, 4096, 20, NULL},
	[PT_D_UNIT] = {"unit", "单位代码", PT_T_UNIT, PT_C_INPUT, 0, 8, NULL},
	[PT_D_UNIT_NAME] = {"unit_name", "单位", PT_T_TEXT, 0, 0, 10, NULL},
	[PT_D_STEP] = {"step", "环节", PT_T_ENUM, 0, 0, 8, pt_dispute_steps},
	[PT_D_CASES] = {"case_nos", "涉及信访件", PT_T_TEXT, 0, 0, 14, NULL},
	[PT_D_CONSENT_AT] = {"consent_at", "同意调解时间", PT_T_TIME, 0, 0, 16, NULL},
	[PT_D_DUE] = {"mediation_due", "调解期限", PT_T_DATE, 0, 0, 10, NULL},
	[PT_D_SESSIONS] = {"sessions", "调解次数", PT_T_INT, 0, 0, 8, NULL},
	[PT_D_REMEDY] = {"remedy", "救济途径", PT_T_ENUM, 0, 0, 8, pt_dispute_remedies},
	[PT_D_OUTCOME_AT] = {"outcome_at", "结果时间", PT_T_TIME, 0, 0, 16, NULL},
};
_Static_assert(PT_NCOLS(dispute_cols) == PT_NDISPUTE_FIELDS, "a column for each field");
const pt_schema pt_dispute_schema = {dispute_cols, PT_NDISPUTE_FIELDS};

static const struct pt_column dispute_event_cols[] = {
	{"dispute_id", "纠纷编号", PT_T_INT, 0, 0, 7, NULL},
	{"at", "时间", PT_T_TIME, 0, 0, 16, NULL},
	{"actor", "操作人", PT_T_TEXT, 0, 0, 10, NULL},
	{"action", "操作", PT_T_TEXT, 0, 0, 9, NULL},
	{"from_step", "原环节", PT_T_TEXT, 0, 0, 9, NULL},
	{"to_step", "新环节", PT_T_TEXT, 0, 0, 9, NULL},
	{"session_day", "调解日期", PT_T_DATE, 0, 0, 10, NULL},
	{"session_place", "调解地点", PT_T_TEXT, 0, 0, 10, NULL},
	{"text", "说明", PT_T_TEXT, PT_C_FLEX | PT_C_TEXTAREA, 0, 30, NULL},
	{"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
};
const pt_schema pt_dispute_event_schema = {dispute_event_cols, PT_NCOLS(dispute_event_cols)};

/* the actions of a dispute's history */
static const char A_FILED[] = "filed", A_CONSENT[] = "consent", A_SESSION[] = "session",
	A_SUPPORT[] = "support", A_LINK[] = "link";

static int required(pt_record *r, int col, const char *opt, size_t max, bool lines,
                    pt_err *e)
{
	const char *v = pt_record_get(r, col);

	if (!v)
		return pt_error(e, PT_EUSAGE, "%s: needed to register a dispute", opt);
	return pt_text_value(opt, v, max, lines, e);
}

static int phone(pt_record *r, pt_err *e)
{
	const char *v = pt_record_get(r, PT_D_INJURED_PHONE);
	char norm[32];
	int rc;

	if (!v)
		return PT_OK;
	if ((rc = pt_text_value("--injured-phone", v, 24, false, e)))
		return rc;
	if (!pt_phone_value(v, norm, sizeof norm))
		return pt_error(e, PT_EUSAGE, "--injured-phone: not a phone number");
	return pt_record_sets(r, PT_D_INJURED_PHONE, norm) < 0 ?
		pt_error(e, PT_EDB, "out of memory") : PT_OK;
}

static int check_new(pt_db *db, pt_record *r, const char *text, pt_err *e)
{
	const struct pt_unit *u;
	int rc;

	if ((rc = required(r, PT_D_INJURED, "--injured", 100, false, e)) ||
	    (rc = phone(r, e)) ||
	    (rc = required(r, PT_D_ACCUSED, "--accused", 200, false, e)) ||
	    (rc = required(r, PT_D_DAMAGE, "--damage", 4096, true, e)) ||
	    (rc = pt_text_value("--text", text, 4096, true, e)) ||
	    (rc = pt_past_time(db, r, PT_D_FILED_AT, "--filed-at", e)))
		return rc;
	if (!pt_record_get(r, PT_D_UNIT))
		return pt_error(e, PT_EUSAGE, "--unit: needed to register a dispute");
	if (!(u = pt_unit_must(db, pt_record_get(r, PT_D_UNIT), "--unit", PT_EUSAGE, e)))
		return e->code;
	if (pt_record_sets(r, PT_D_UNIT, u->code) < 0 ||
	    pt_record_sets(r, PT_D_STEP, STEP(S_FILED)) < 0)
		return pt_error(e, PT_EDB, "out of memory");
	return PT_OK;
}

int pt_dispute_event(pt_db *db, const pt_record *d, const char *action, const char *to,
                     const char *day, const char *place, const char *text, pt_err *e)
{
	struct pt_dispute_event ev = {
		.dispute_id = strtoll(pt_record_get(d, PT_D_ID), NULL, 10), .action = action,
		.from = pt_record_get(d, PT_D_STEP), .to = to ? to : pt_record_get(d, PT_D_STEP),
		.day = day, .place = place, .text = text, .unit = pt_record_get(d, PT_D_UNIT),
	};

	return pt_store_dispute_event_add(db, &ev, e);
}

int pt_dispute_get(pt_db *db, int64_t id, pt_record *r, pt_err *e)
{
	struct pt_dispute_spec q = {.id = id, .session = A_SESSION};
	pt_cursor *c;
	int rc;

	if ((rc = pt_store_disputes_query(db, &q, &c, e)))
		return rc;
	rc = pt_cursor_next(c, r, e);
	pt_cursor_close(c);
	if (rc == 0)
		return pt_error(e, PT_EINPUT, "dispute %" PRId64 ": no such dispute", id);
	return rc < 0 ? e->code : PT_OK;
}

int pt_dispute_add(pt_db *db, pt_record *r, const char *cases, const char *text,
                   int64_t *id, pt_err *e)
{
	pt_record *d = pt_record_new(&pt_dispute_schema);
	int rc;

	if (!d)
		return pt_error(e, PT_EDB, "out of memory");
	if (!(rc = check_new(db, r, text, e)) && !(rc = pt_store_dispute_insert(db, r, id, e)) &&
	    !(rc = pt_dispute_get(db, *id, d, e))) {
		pt_record_sets(d, PT_D_STEP, NULL);      /* the first event: from no step */
		rc = pt_dispute_event(db, d, A_FILED, STEP(S_FILED), NULL, NULL, text, e);
	}
	pt_record_free(d);
	return rc || !cases ? rc : pt_dispute_link(db, *id, cases, NULL, e);
}

static const struct pt_register dispute_register = {
	&pt_dispute_schema, &pt_dispute_event_schema, pt_dispute_get, pt_dispute_events_query,
	"dispute", "调解记录",
};

int pt_dispute_resolve(pt_db *db, const char *key, int64_t *id, pt_err *e)
{
	return pt_register_resolve(db, &dispute_register, key, id, e);
}

static int step_of(const pt_record *d)
{
	for (int i = 0; pt_dispute_steps[i].code; i++)
		if (!strcmp(pt_dispute_steps[i].code, pt_record_get(d, PT_D_STEP)))
			return i;
	return -1;
}

/* The dispute of id into d, when its step is one of mask (1 << step);
 * else PT_EREFUSED, saying what comes first or that it is over. */
int pt_dispute_at(pt_db *db, int64_t id, pt_record *d, unsigned mask, pt_err *e)
{
	int rc = pt_dispute_get(db, id, d, e), s;

	if (rc)
		return rc;
	s = step_of(d);
	if (mask & 1u << s)
		return PT_OK;
	if (s >= S_AGREED)
		return pt_error(e, PT_EREFUSED, "dispute %" PRId64 ": it is %s: its mediation"
		                " is over", id, STEP(s));
	if (s == S_FILED)
		return pt_error(e, PT_EREFUSED, "dispute %" PRId64 ": it is filed: both parties"
		                " consent to mediate first (--consent)", id);
	if (mask == 1u << S_MEDIATING)
		return pt_error(e, PT_EREFUSED, "dispute %" PRId64 ": it is %s: a session is"
		                " held first (--session)", id, STEP(s));
	return pt_error(e, PT_EREFUSED, "dispute %" PRId64 ": it is %s: the parties consented"
	                " already", id, STEP(s));
}

int pt_dispute_consent(pt_db *db, int64_t id, const char *text, pt_err *e)
{
	pt_record *d = pt_record_new(&pt_dispute_schema);
	char now[21], start[11], due[11], rule[160];
	struct pt_dispute_change c = {.step = STEP(S_CONSENTED), .consent_at = now, .due = due};
	int rc;

	if (!d)
		return pt_error(e, PT_EDB, "out of memory");
	pt_time_format_utc(db->now, now);
	if (!(rc = pt_text_value("--text", text, 4096, true, e)) &&
	    !(rc = pt_dispute_at(db, id, d, 1u << S_FILED, e)) &&
	    !(rc = pt_due_date(db, pt_local_day(db->now), db->policy.mediation_days, "consent",
	                       start, due, rule, sizeof rule, e)) &&
	    !(rc = pt_store_dispute_set(db, id, &c, e)))
		rc = pt_dispute_event(db, d, A_CONSENT, c.step, NULL, NULL, text, e);
	pt_record_free(d);
	return rc;
}

static int session_day(pt_db *db, const pt_record *d, const char *day, char out[11],
                       pt_err *e)
{
	int32_t n, consent = pt_local_day(db->now);
	int64_t t;

	if (!day)
		return pt_error(e, PT_EUSAGE, "--session: needs the day it was held");
	if (pt_date_parse(day, &n))
		return pt_error(e, PT_EUSAGE, "--session: \"%.64s\" is not a date (YYYY-MM-DD)",
		                pt_text_showable(day) ? day : "?");
	if (pt_record_get(d, PT_D_CONSENT_AT) &&
	    !pt_time_parse(pt_record_get(d, PT_D_CONSENT_AT), &t))
		consent = pt_local_day(t);
	if (n > pt_local_day(db->now))
		return pt_error(e, PT_EUSAGE, "--session: %s is in the future", day);
	if (n < consent)
		return pt_error(e, PT_EREFUSED, "dispute %s: a session on %s, before the parties"
		                " consented", pt_record_get(d, PT_D_ID), day);
	pt_date_format(n, out);
	return PT_OK;
}

int pt_dispute_session(pt_db *db, int64_t id, const char *day, const char *place,
                       const char *text, pt_err *e)
{
	pt_record *d = pt_record_new(&pt_dispute_schema);
	struct pt_dispute_change c = {.step = STEP(S_MEDIATING)};
	char when[11];
	int rc;

	if (!d)
		return pt_error(e, PT_EDB, "out of memory");
	if (!place)
		rc = pt_error(e, PT_EUSAGE, "--place: needed with --session");
	else if (!(rc = pt_text_value("--place", place, 200, false, e)) &&
	         !(rc = pt_text_value("--text", text, 4096, true, e)) &&
	         !(rc = pt_dispute_at(db, id, d, 1u << S_CONSENTED | 1u << S_MEDIATING, e)) &&
	         !(rc = session_day(db, d, day, when, e)) &&
	         !(rc = pt_store_dispute_set(db, id, &c, e)))
		rc = pt_dispute_event(db, d, A_SESSION, c.step, when, place, text, e);
	pt_record_free(d);
	return rc;
}

int pt_dispute_support(pt_db *db, int64_t id, const char *kind, const char *text,
                       pt_err *e)
{
	pt_record *d = pt_record_new(&pt_dispute_schema);
	const char *code;
	char what[4200];
	int rc;

	if (!d)
		return pt_error(e, PT_EDB, "out of memory");
	if (!text)
		rc = pt_error(e, PT_EUSAGE, "--text: needed with --support (what was given)");
	else if (!(rc = pt_enum_value("--support", kind, pt_dispute_supports, &code, e)) &&
	         !(rc = pt_text_value("--text", text, 4096, true, e)) &&
	         !(rc = pt_dispute_get(db, id, d, e))) {
		snprintf(what, sizeof what, "%s: %s", code, text);
		rc = pt_dispute_event(db, d, A_SUPPORT, NULL, NULL, NULL, what, e);
	}
	pt_record_free(d);
	return rc;
}

/* One case linked to the dispute arg, an event when it was not linked before. */
static int link_dispute(pt_db *db, void *arg, int64_t case_id, const char *what, pt_err *e)
{
	const pt_record *d = arg;
	bool added;
	int rc = pt_store_dispute_link(db, strtoll(pt_record_get(d, PT_D_ID), NULL, 10), case_id,
	                               &added, e);

	return rc || !added ? rc : pt_dispute_event(db, d, A_LINK, NULL, NULL, NULL, what, e);
}

int pt_dispute_link(pt_db *db, int64_t id, const char *cases, const char *text, pt_err *e)
{
	pt_record *d = pt_record_new(&pt_dispute_schema);
	int rc = d ? pt_dispute_get(db, id, d, e) : pt_error(e, PT_EDB, "out of memory");

	if (!rc)
		rc = pt_link_cases(db, cases, text, link_dispute, d, e);
	pt_record_free(d);
	return rc;
}

int pt_disputes_query(pt_db *db, const pt_dispute_filter *f, pt_cursor **out, pt_err *e)
{
	struct pt_dispute_spec q = {.session = A_SESSION};
	const struct pt_unit *u = NULL;
	int32_t day;
	int rc;

	if ((rc = pt_enum_value("--step", f->step, pt_dispute_steps, &q.step, e)) ||
	    (rc = pt_enum_value("--remedy", f->remedy, pt_dispute_remedies, &q.remedy, e)) ||
	    (rc = pt_day_bound("--from", f->from, false, q.filed_from, e)) ||
	    (rc = pt_day_bound("--to", f->to, true, q.filed_before, e)))
		return rc;
	if (f->due_by && pt_date_parse(f->due_by, &day))
		return pt_error(e, PT_EUSAGE, "--due-by: \"%.64s\" is not a date (YYYY-MM-DD)",
		                pt_text_showable(f->due_by) ? f->due_by : "?");
	if (f->unit && !(u = pt_unit_must(db, f->unit, "--unit", PT_EUSAGE, e)))
		return e->code;
	q.unit = u ? u->code : NULL;
	if ((q.due_by = f->due_by)) {
		q.open = STEP(S_CONSENTED);
		q.open2 = STEP(S_MEDIATING);
	}
	return pt_store_disputes_query(db, &q, out, e);
}

int pt_dispute_events_query(pt_db *db, int64_t id, pt_cursor **out, pt_err *e)
{
	return pt_store_dispute_events_query(db, id, out, e);
}

int pt_show_dispute(pt_db *db, int64_t id, FILE *out, const pt_write_options *o, pt_err *e)
{
	return pt_show_register(db, &dispute_register, id, out, o, e);
}
