/* order.c - an act of the lifecycle is not dated before the act it follows from */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

/* What an act follows from: a time field of the case, or its latest event. */
struct source {
	const char *act, *after;
	int field;                 /* -1: the event */
	const char *event;
};

static const struct source sources[] = {
	[PT_ACCEPT] = {"acceptance", "receipt", PT_F_RECEIVED_AT, NULL},
	[PT_DECLINE] = {"declining", "receipt", PT_F_RECEIVED_AT, NULL},
	[PT_TRANSFER] = {"transfer", "receipt", PT_F_RECEIVED_AT, NULL},
	[PT_OBJECT] = {"objection", "transfer", -1, "transfer"},
	[PT_ASSIGN] = {"assignment", "acceptance", -1, "accept"},
	[PT_EXTEND] = {"extension", "acceptance", -1, "accept"},
	[PT_REPLY] = {"reply", "acceptance", -1, "accept"},
	[PT_DELIVER] = {"delivery", "reply", PT_F_REPLIED_AT, NULL},
	[PT_RATE] = {"rating", "reply", PT_F_REPLIED_AT, NULL},
	[PT_CLOSE] = {"closing", "delivery", PT_F_DELIVERED_AT, NULL},
	[PT_REQUEST_REVIEW] = {"review request", "delivery", PT_F_DELIVERED_AT, NULL},
	[PT_REQUEST_REREVIEW] = {"re-review request", "review decision", -1,
	                         "review_decision"},
	[PT_DECIDE] = {"review decision", "review request", -1, "review_request"},
};
#define NSOURCES (sizeof sources / sizeof sources[0])

static const struct source rereview_decision = {
	"re-review decision", "re-review request", -1, "rereview_request"};
static const struct source close_after_review = {
	"closing", "review decision", -1, "review_decision"};

static const struct source *source_of(enum pt_verb v, const char *status)
{
	if (v == PT_DECIDE && !strcmp(status, "rereviewing"))
		return &rereview_decision;
	if (v == PT_CLOSE && !strcmp(status, "reviewed"))
		return &close_after_review;
	if ((size_t)v >= NSOURCES || !sources[v].act)
		return NULL;
	return &sources[v];
}

/* When the source happened: PT_OK with *at, PT_EINPUT if it did not. */
static int source_time(pt_db *db, int64_t id, const pt_record *r,
                       const struct source *s, int64_t *at, pt_err *e)
{
	char *details = NULL;
	int rc;

	if (s->field >= 0) {
		const char *v = pt_record_get(r, s->field);
		return v && !pt_time_parse(v, at) ? PT_OK : PT_EINPUT;
	}
	rc = pt_store_last_event(db, id, s->event, &details, at, e);
	free(details);
	return rc == PT_OK && !*at ? PT_EINPUT : rc;
}

/* A clock given as a date (--now 2017-03-01) is compared by the day only. */
static bool precedes(const pt_db *db, int64_t now, int64_t then)
{
	if (db->now_is_date)
		return pt_local_day(now) < pt_local_day(then);
	return now < then;
}

int pt_order_check(pt_db *db, int64_t id, const pt_record *r, enum pt_verb v,
                   pt_err *e)
{
	const struct source *s = source_of(v, pt_record_get(r, PT_F_STATUS));
	char now_s[26], then_s[26];
	int64_t then;
	int rc;

	if (!s)
		return PT_OK;
	if ((rc = source_time(db, id, r, s, &then, e)))
		return rc == PT_EINPUT ? PT_OK : rc;
	if (!precedes(db, db->now, then))
		return PT_OK;
	pt_time_format_local(then, then_s);
	if (db->now_is_date)
		pt_date_format(pt_local_day(db->now), now_s);
	else
		pt_time_format_local(db->now, now_s);
	return pt_error(e, PT_EREFUSED, "%s: the %s is dated %s, before the %s of %s",
	                pt_record_get(r, PT_F_CASE_NO), s->act, now_s, s->after, then_s);
}
