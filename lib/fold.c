/*
 * fold.c - a case rebuilt from its events, replayed in a fixed order
 * (Lamport clock, office, event id), so that every office holding the same
 * events holds the same case (petition(7), "Exchange"). Two offices that
 * changed a field without either having seen the other's change conflict:
 * the field's owner wins, and the conflict is kept for someone to resolve.
 */
#include "fold.h"
#include "store/store.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* The lifecycle's order: an import never takes a case back down it, except
 * through a review (which goes up it anyway). */
static const char *const status_rank[][3] = {
	{"registered"}, {"accepted", "declined", "transferred"}, {"replied"},
	{"delivered"}, {"closed"}, {"reviewing"}, {"reviewed"}, {"rereviewing"},
	{"final"}, {"voided"},
};
static const char *const review_actions[] = {"review_request", "rereview_request",
	"review_decision", "rereview_decision", NULL};

/* Owned by the office that holds the case (the lower), and by the office
 * that routed it there (the higher); the facts by the one that registered it. */
static const int holder_fields[] = {PT_F_HANDLER, PT_F_CATEGORY, PT_F_EXTENDED,
	PT_F_REPLY_DUE, PT_F_REPLIED_AT, PT_F_OUTCOME, PT_F_DELIVERED_AT, PT_F_REVIEW_DUE,
	PT_F_CLOSED_AT, PT_F_SATISFACTION, -1};
static const int router_fields[] = {PT_F_UNIT, PT_F_TRANSFERRED_FROM, PT_F_ACCEPT_DUE,
	PT_F_BACKLOG, PT_F_LEADER, PT_F_RISK, -1};

static int rank(const char *status)
{
	for (size_t i = 0; status && i < sizeof status_rank / sizeof status_rank[0]; i++)
		for (int j = 0; j < 3 && status_rank[i][j]; j++)
			if (!strcmp(status, status_rank[i][j]))
				return (int)i;
	return -1;
}

static bool listed(const int *list, int f)
{
	for (; *list >= 0; list++)
		if (*list == f)
			return true;
	return false;
}

static bool is_review(const char *action)
{
	for (int i = 0; action && review_actions[i]; i++)
		if (!strcmp(action, review_actions[i]))
			return true;
	return false;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static int depth(pt_db *db, const char *code)
{
	int d = 0;

	for (const struct pt_unit *u = pt_unit_find(db, code); u && u->parent && d < 64;
	     u = pt_unit_find(db, u->parent))
		d++;
	return d;
}

/* Which of two offices owns field f of the case: a, b, or NULL (neither). */
static const char *owner(struct pt_fold *x, int f, const char *a, const char *b)
{
	const char *unit = x->f[PT_F_UNIT].value;
	int da = depth(x->db, a), dn = depth(x->db, b);
	bool holder = listed(holder_fields, f);

	if (!holder && !listed(router_fields, f))
		return same(a, x->registrar) ? a : same(b, x->registrar) ? b : NULL;
	if (da != dn)
		return (da > dn) == holder ? a : b;
	if (unit && pt_unit_within(x->db, unit, a))
		return a;
	return unit && pt_unit_within(x->db, unit, b) ? b : NULL;
}

static int conflict(struct pt_fold *x, int f, const struct pt_fold_value *kept,
                    const struct pt_fold_value *other)
{
	cJSON *c = cJSON_CreateObject(), *k, *o;

	if (!c || !cJSON_AddStringToObject(c, "field", pt_schema_name(&pt_case_schema, f)) ||
	    !(k = cJSON_AddObjectToObject(c, "kept")) || !(o = cJSON_AddObjectToObject(c, "other")))
		goto oom;
	for (int i = 0; i < 2; i++) {
		const struct pt_fold_value *v = i ? other : kept;
		cJSON *t = i ? o : k;
		if (!cJSON_AddStringToObject(t, "office", v->origin) ||
		    !(v->value ? cJSON_AddStringToObject(t, "value", v->value)
		               : cJSON_AddNullToObject(t, "value")) ||
		    !cJSON_AddStringToObject(t, "event_id", v->event_id))
			goto oom;
	}
	/* the conflict's time: the later change's, so that it is the same everywhere;
	 * the clocks of both for settle() (neither goes into the conflict event) */
	const double lamports[] = {(double)kept->lamport, (double)other->lamport};
	if (!cJSON_AddStringToObject(c, "at", strcmp(kept->at, other->at) > 0 ? kept->at
	                                                                       : other->at) ||
	    !cJSON_AddItemToObject(c, "lamports", cJSON_CreateDoubleArray(lamports, 2)))
		goto oom;
	cJSON_AddItemToArray(x->conflicts, c);
	return PT_OK;
oom:
	cJSON_Delete(c);
	return pt_error(x->e, PT_EDB, "out of memory");
}

/* Whether the event saw the value: made by the same office, or after its
 * office had the event that set it. */
static bool saw(const cJSON *line, const struct pt_fold_value *cur)
{
	const cJSON *seen = cJSON_GetObjectItemCaseSensitive(line, "seen");

	return !cur->origin || same(cur->origin, pt_json_str(line, "origin")) ||
	       pt_json_int(seen, cur->origin) >= cur->lamport;
}

/* Whether the event saw one side (0 kept, 1 other) of a conflict. */
static bool saw_side(const cJSON *line, const cJSON *c, const char *side, int i)
{
	const cJSON *l = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "lamports"), i);
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(c, side);
	struct pt_fold_value v = {.origin = pt_json_str(s, "office"),
	                          .lamport = cJSON_IsNumber(l) ? (int64_t)l->valuedouble : 0};

	return saw(line, &v);
}

/* A resolve made where both values of a field's conflict had been seen
 * settles it: an office that gets the change and the resolve in one
 * bundle records no conflict (its resolve would come before it). */
static void settle(struct pt_fold *x, const cJSON *line)
{
	const char *field = pt_json_str(cJSON_GetObjectItemCaseSensitive(line, "details"), "field");
	cJSON *c, *next;

	for (c = x->conflicts->child; c; c = next) {
		next = c->next;
		if (same(pt_json_str(c, "field"), field) && saw_side(line, c, "kept", 0) &&
		    saw_side(line, c, "other", 1))
			cJSON_Delete(cJSON_DetachItemViaPointer(x->conflicts, c));
	}
}

static int set_field(struct pt_fold *x, const cJSON *line, int f, const char *v)
{
	struct pt_fold_value *cur = &x->f[f];
	struct pt_fold_value mine = {v, pt_json_str(line, "origin"), pt_json_int(line, "lamport"),
	                             pt_json_str(line, "event_id"), pt_json_str(line, "at"), true};
	bool backwards = f == PT_F_STATUS && rank(v) < rank(cur->value) &&
	                 !is_review(pt_json_str(line, "action"));
	const char *win;

	if (!backwards && (saw(line, cur) || same(cur->value, v))) {
		*cur = mine;
		return PT_OK;
	}
	if (f == PT_F_STATUS)
		win = backwards ? cur->origin : mine.origin;
	else
		win = owner(x, f, cur->origin, mine.origin);
	if (!win)
		win = mine.origin;          /* neither owns it: the later in the order */
	if (same(win, mine.origin)) {
		struct pt_fold_value old = *cur;
		*cur = mine;
		return conflict(x, f, &mine, &old);
	}
	return conflict(x, f, cur, &mine);
}

static int take_sets(struct pt_fold *x, const cJSON *line)
{
	const cJSON *sets = cJSON_GetObjectItemCaseSensitive(line, "sets"), *kv;
	int rc = PT_OK;

	cJSON_ArrayForEach(kv, sets) {
		const char *v = cJSON_IsString(kv) ? kv->valuestring : NULL;
		int f = pt_schema_column(&pt_case_schema, kv->string);
		if (!strcmp(kv->string, "case_no")) {
			if (!same(pt_json_str(line, "origin"), x->office) && !x->origin_case_no)
				x->origin_case_no = v;
			continue;
		}
		if (f >= 0 && (rc = set_field(x, line, f, v)))
			return rc;
	}
	return rc;
}

static int take_clocks(struct pt_fold *x, const cJSON *line)
{
	const cJSON *clocks = cJSON_GetObjectItemCaseSensitive(line, "clocks"), *kv;

	cJSON_ArrayForEach(kv, clocks) {
		cJSON *have = cJSON_GetObjectItemCaseSensitive(x->clocks, kv->string);
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(kv, "stop"))) {
			if (have && cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(have, "stopped_at")))
				cJSON_ReplaceItemInObjectCaseSensitive(have, "stopped_at",
				    cJSON_CreateString(pt_json_str(line, "at")));
			continue;
		}
		cJSON *k = cJSON_Duplicate(kv, true);
		if (!k || !cJSON_AddNullToObject(k, "stopped_at")) {
			cJSON_Delete(k);
			return pt_error(x->e, PT_EDB, "out of memory");
		}
		if (have)
			cJSON_ReplaceItemInObjectCaseSensitive(x->clocks, kv->string, k);
		else
			cJSON_AddItemToObject(x->clocks, kv->string, k);
	}
	return PT_OK;
}

int pt_fold(struct pt_fold *x, const cJSON *lines)
{
	const cJSON *line;
	int rc = PT_OK;

	if (!(x->clocks = cJSON_CreateObject()) || !(x->conflicts = cJSON_CreateArray()))
		return pt_error(x->e, PT_EDB, "out of memory");
	cJSON_ArrayForEach(line, lines) {
		if (!x->registrar && same(pt_json_str(line, "action"), "register"))
			x->registrar = pt_json_str(line, "origin");
		if (same(pt_json_str(line, "action"), "resolve"))
			settle(x, line);
		if ((rc = take_sets(x, line)) || (rc = take_clocks(x, line)))
			break;
	}
	return rc;
}

void pt_fold_free(struct pt_fold *x)
{
	cJSON_Delete(x->clocks);
	cJSON_Delete(x->conflicts);
	x->clocks = x->conflicts = NULL;
}

int pt_fold_load(pt_db *db, const char *office, int64_t id, cJSON *lines, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_exchange_row_schema);
	pt_cursor *cur = NULL;
	cJSON *l;
	int rc, n = 0;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	rc = db->engine->exchange_rows(db, id, 0, NULL, &cur, e);
	while (!rc && (n = pt_cursor_next(cur, r, e)) == 1) {
		if (!(l = pt_row_line(r, office)))
			rc = pt_error(e, PT_EDB, "out of memory");
		else
			cJSON_AddItemToArray(lines, l);
	}
	pt_cursor_close(cur);
	pt_record_free(r);
	return rc ? rc : n < 0 ? PT_EDB : PT_OK;
}

/* petition-verify: the case as its events give it, field by field; fn is
 * called with each field the case does not agree on. */
int pt_fold_check(pt_db *db, int64_t id, void (*fn)(void *arg, int field), void *arg,
                  pt_err *e)
{
	struct pt_fold f = {.db = db, .e = e};
	cJSON *lines = cJSON_CreateArray();
	pt_record *r = pt_record_new(&pt_case_schema);
	int rc = lines && r ? PT_OK : pt_error(e, PT_EDB, "out of memory");

	if (!rc && !(f.office = pt_office(db, e)))
		rc = PT_EDB;
	if (!rc && !(rc = pt_fold_load(db, f.office, id, lines, e)) && pt_lines_sort(lines))
		rc = pt_error(e, PT_EDB, "out of memory");
	if (!rc && !(rc = pt_fold(&f, lines)) && !(rc = pt_case_get(db, id, r, e)))
		for (int i = 0; i < PT_NCASE_FIELDS; i++) {
			const char *want = f.f[i].value, *have = pt_record_get(r, i);
			if (f.f[i].set && pt_change_field(i) && i != PT_F_CASE_NO &&
			    !(want == have || (want && have && !strcmp(want, have))))
				fn(arg, i);
		}
	pt_fold_free(&f);
	cJSON_Delete(lines);
	pt_record_free(r);
	return rc;
}
