/* backlog.c - a backlog case's file (积案: 一个领导、一个班子、一套方案、
 * 一抓到底): its team, the dated steps of its plan, and its resolution,
 * each an event of the case's history (petition-handle) */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <string.h>

enum { TEAM_MAX = 400, STEP_MAX = 1000 };

/* "DATE:TEXT" split: the date into due, *text after the colon. */
static int step_parts(const char *step, char due[11], const char **text)
{
	const char *colon = step ? strchr(step, ':') : NULL;
	int32_t d;

	if (!colon || colon - step != 10)
		return -1;
	memcpy(due, step, 10);
	due[10] = 0;
	*text = colon + 1;
	return pt_date_parse(due, &d);
}

static int line_ok(const char *v, const char *opt, size_t max, pt_err *e)
{
	const char *fault = pt_text_fault(v, strlen(v), false);

	if (fault)
		return pt_error(e, PT_EINPUT, "%s: %s", opt, fault);
	if (strlen(v) > max)
		return pt_error(e, PT_EUSAGE, "%s: longer than %zu bytes", opt, max);
	return PT_OK;
}

int pt_backlog_check(const pt_action *a, pt_err *e)
{
	char due[11];
	const char *text;

	switch (a->verb) {
	case PT_TEAM:
		return line_ok(a->team ? a->team : "", "--team", TEAM_MAX, e);
	case PT_PLAN_STEP:
		if (step_parts(a->step, due, &text))
			return pt_error(e, PT_EUSAGE, "--plan-step: \"%.64s\" is not DATE:TEXT"
			                " (2017-07-01:召开听证会)", a->step &&
			                pt_text_showable(a->step) ? a->step : "?");
		if (!*text)
			return pt_error(e, PT_EUSAGE, "--plan-step: the step's text is empty");
		return line_ok(text, "--plan-step", STEP_MAX, e);
	case PT_STEP_DONE:
		return a->step_no >= 1 ? PT_OK :
			pt_error(e, PT_EUSAGE, "--step-done: a step's number, from 1");
	case PT_BACKLOG_RESOLUTION:
		if (!a->reason || !*a->reason)
			return pt_error(e, PT_EUSAGE, "--reason: needed with --backlog-resolution");
		if (!a->resolution || !pt_enum_find(pt_backlog_resolutions, a->resolution) ||
		    strcmp(pt_enum_find(pt_backlog_resolutions, a->resolution)->code,
		           a->resolution))
			return pt_error(e, PT_EUSAGE, "--backlog-resolution: \"%.64s\" is not one"
			                " of resolved, withdrawn", a->resolution &&
			                pt_text_showable(a->resolution) ? a->resolution : "?");
		return PT_OK;
	default:
		return PT_OK;
	}
}

static int refuse(const pt_record *r, pt_err *e, const char *why)
{
	return pt_error(e, PT_EREFUSED, "%s: %s", pt_record_get(r, PT_F_CASE_NO), why);
}

static int step_done(pt_db *db, int64_t id, const pt_record *r, const pt_action *a,
                     const struct pt_backlog_file *f, cJSON *details, pt_err *e)
{
	struct pt_step st;
	char why[128], today[11];
	int64_t added;
	int rc = pt_store_step_get(db, id, (int)a->step_no, &st, e);

	if (rc)
		return rc;
	if (!st.found) {
		snprintf(why, sizeof why, "its plan has no step %ld (it has %d)", a->step_no,
		         f->steps);
		return refuse(r, e, why);
	}
	if (st.done) {
		snprintf(why, sizeof why, "step %ld of its plan is done already", a->step_no);
		return refuse(r, e, why);
	}
	if (!pt_time_parse(st.added_at, &added) && (db->now_is_date ?
	    pt_local_day(db->now) < pt_local_day(added) : db->now < added))
		return refuse(r, e, "a step is done after it was planned");
	if ((rc = pt_store_step_done(db, id, (int)a->step_no, e)))
		return rc;
	pt_date_format(pt_local_day(db->now), today);
	cJSON_AddNumberToObject(details, "step", (double)a->step_no);
	cJSON_AddStringToObject(details, "due", st.due);
	cJSON_AddBoolToObject(details, "on_time", strcmp(today, st.due) <= 0);
	return PT_OK;
}

static int plan_step(pt_db *db, int64_t id, const pt_action *a,
                     const struct pt_backlog_file *f, cJSON *details, pt_err *e)
{
	char due[11];
	const char *text;
	int rc;

	step_parts(a->step, due, &text);
	if ((rc = pt_store_step_add(db, id, f->steps + 1, due, text, e)) ||
	    (rc = pt_store_backlog_put(db, id, NULL, NULL, NULL, e)))
		return rc;
	cJSON_AddNumberToObject(details, "step", f->steps + 1);
	cJSON_AddStringToObject(details, "due", due);
	cJSON_AddStringToObject(details, "text", text);
	return PT_OK;
}

int pt_backlog_act(pt_db *db, int64_t id, const pt_record *r, const pt_action *a,
                   cJSON *details, pt_err *e)
{
	struct pt_backlog_file f;
	int rc;

	if (strcmp(pt_record_get(r, PT_F_BACKLOG), "1"))
		return refuse(r, e, "it is not a backlog case (积案): it has no file");
	if (!pt_status_counted(pt_record_get(r, PT_F_STATUS)))
		return refuse(r, e, "it is voided");
	if ((rc = pt_store_backlog_get(db, id, &f, e)))
		return rc;
	if (*f.resolution)
		return refuse(r, e, "its file is closed: the resolution is recorded");
	switch (a->verb) {
	case PT_TEAM:
		cJSON_AddStringToObject(details, "team", a->team);
		return pt_store_backlog_put(db, id, a->team, NULL, NULL, e);
	case PT_PLAN_STEP:
		return plan_step(db, id, a, &f, details, e);
	case PT_STEP_DONE:
		return step_done(db, id, r, a, &f, details, e);
	default:
		cJSON_AddStringToObject(details, "resolution", a->resolution);
		cJSON_AddStringToObject(details, "reason", a->reason);
		cJSON_AddNumberToObject(details, "steps_done", f.done);
		cJSON_AddNumberToObject(details, "steps", f.steps);
		return pt_store_backlog_put(db, id, NULL, a->resolution, a->reason, e);
	}
}
