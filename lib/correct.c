/* correct.c - corrections of a case's facts, and voiding a registration
 * made twice by mistake; both with a reason, both kept in the history */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SETS 16

/* Statuses a registration can be voided from: nothing has been replied yet. */
static const char *const voidable[] = {"registered", "accepted", NULL};
/* The clocks that run before a reply; a voided case stops them all. */
static const char *const early_clocks[] = {"accept", "object", "reply", "report", NULL};

static bool in(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* The field of "FIELD=VALUE" (English or Chinese name), or -1. */
static int set_field(const char *set, const char **value)
{
	const char *eq = strchr(set, '=');
	char name[64];

	if (!eq || eq == set || (size_t)(eq - set) >= sizeof name)
		return -1;
	memcpy(name, set, (size_t)(eq - set));
	name[eq - set] = 0;
	*value = eq + 1;
	return pt_schema_lookup(&pt_case_schema, name);
}

static int check_sets(const pt_action *a, pt_err *e)
{
	const char *v;

	if (a->nsets > MAX_SETS)
		return pt_error(e, PT_EUSAGE, "--set: at most %d fields at once", MAX_SETS);
	for (int i = 0; i < a->nsets; i++) {
		int f = set_field(a->sets[i], &v);

		if (!strchr(a->sets[i], '='))
			return pt_error(e, PT_EUSAGE, "--set: \"%.64s\" is not FIELD=VALUE", a->sets[i]);
		if (f < 0 || !(pt_column(&pt_case_schema, f)->flags & PT_C_FACT))
			return pt_error(e, PT_EUSAGE, "--set: \"%.*s\" is not a fact of the complaint"
			                " (see petition-handle(1))",
			                pt_utf8_valid(a->sets[i], strcspn(a->sets[i], "=")) ?
			                (int)strcspn(a->sets[i], "=") % 65 : 1,
			                pt_utf8_valid(a->sets[i], strcspn(a->sets[i], "=")) ?
			                a->sets[i] : "?");
		for (int j = 0; j < i; j++) {
			const char *w;
			if (set_field(a->sets[j], &w) == f)
				return pt_error(e, PT_EUSAGE, "--set: %s: given twice",
				                pt_schema_name(&pt_case_schema, f));
		}
	}
	return PT_OK;
}

int pt_correct_check(const pt_action *a, pt_err *e)
{
	const char *opt = a->verb == PT_VOID ? "--void" : "--set";

	if (a->handler || a->leader)
		return pt_error(e, PT_EUSAGE, "%s: not with --handler or --leader", opt);
	if (!a->reason || !*a->reason)
		return pt_error(e, PT_EUSAGE, "--reason: needed with %s", opt);
	return a->verb == PT_CORRECT ? check_sets(a, e) : PT_OK;
}

/* old and new of a field into the event; personal data only masked */
static void add_change(cJSON *changes, int f, const char *old, const char *new)
{
	cJSON *o = cJSON_CreateObject();
	char a[160], b[160];

	if (pt_column(&pt_case_schema, f)->flags & PT_C_PERSONAL) {
		if (old)
			pt_mask(f, old, a, sizeof a);
		if (new)
			pt_mask(f, new, b, sizeof b);
		old = old ? a : NULL;
		new = new ? b : NULL;
	}
	cJSON_AddStringToObject(o, "field", pt_schema_name(&pt_case_schema, f));
	cJSON_AddItemToObject(o, "old", old ? cJSON_CreateString(old) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "new", new ? cJSON_CreateString(new) : cJSON_CreateNull());
	cJSON_AddItemToArray(changes, o);
}

static int refuse(const pt_record *r, pt_err *e, const char *why)
{
	return pt_error(e, PT_EREFUSED, "%s: %s", pt_record_get(r, PT_F_CASE_NO), why);
}

/* The first error of a validation, as the action's error. */
static int first_error(pt_errlist *errs, pt_err *e)
{
	return pt_error(e, pt_errlist_code(errs), "%s", pt_errlist_get(errs, 0));
}

struct change {
	int fields[MAX_SETS + 1];
	const char *values[MAX_SETS + 1];
	int n;
};

/* The fields that differ between before and after, and collective if it follows. */
static void changes_of(pt_db *db, const pt_record *before, const pt_record *after,
                       const int *fields, int n, struct change *c, cJSON *list)
{
	const char *heads = pt_record_get(after, PT_F_HEADCOUNT);
	bool coll = pt_case_collective(db, pt_record_get(after, PT_F_CHANNEL),
	                               heads ? strtol(heads, NULL, 10) : 1);

	for (int i = 0; i < n; i++) {
		const char *o = pt_record_get(before, fields[i]), *v = pt_record_get(after, fields[i]);
		if (o == v || (o && v && !strcmp(o, v)))
			continue;
		add_change(list, fields[i], o, v);
		c->fields[c->n] = fields[i];
		c->values[c->n++] = v;
	}
	if (c->n && coll != !strcmp(pt_record_get(before, PT_F_COLLECTIVE), "1")) {
		add_change(list, PT_F_COLLECTIVE, coll ? "0" : "1", coll ? "1" : "0");
		c->fields[c->n] = PT_F_COLLECTIVE;
		c->values[c->n++] = coll ? "1" : "0";
	}
}

static int correct(pt_db *db, int64_t id, const pt_record *before, pt_record *after,
                   const pt_action *a, cJSON *details, pt_err *e)
{
	int fields[MAX_SETS], rc;
	struct change c = {.n = 0};
	pt_errlist *errs = pt_errlist_new();
	const char *v;

	if (!errs)
		return pt_error(e, PT_EDB, "out of memory");
	for (int i = 0; i < a->nsets; i++) {
		fields[i] = set_field(a->sets[i], &v);
		if (pt_record_sets(after, fields[i], v) < 0) {
			pt_errlist_free(errs);
			return pt_error(e, PT_EDB, "out of memory");
		}
	}
	rc = pt_case_check_fields(db, after, fields, a->nsets, "--set", errs);
	if (rc) {
		rc = first_error(errs, e);
		pt_errlist_free(errs);
		return rc;
	}
	pt_errlist_free(errs);
	changes_of(db, before, after, fields, a->nsets, &c,
	           cJSON_AddArrayToObject(details, "changes"));
	if (!c.n)
		return refuse(before, e, "--set changes nothing");
	return pt_store_case_set(db, id, c.fields, c.values, c.n, e);
}

static int void_case(pt_db *db, int64_t id, pt_err *e)
{
	static const int status_field[] = {PT_F_STATUS};
	static const char *const voided[] = {"voided"};
	int rc = PT_OK;

	for (int i = 0; !rc && early_clocks[i]; i++)
		rc = pt_store_deadline_stop(db, id, early_clocks[i], e);
	return rc ? rc : pt_store_case_set(db, id, status_field, voided, 1, e);
}

int pt_case_correct(pt_db *db, int64_t id, const pt_action *a, pt_err *e)
{
	pt_record *before = pt_record_new(&pt_case_schema), *after = pt_record_new(&pt_case_schema);
	cJSON *details = cJSON_CreateObject();
	const char *st;
	char *json = NULL;
	int rc;

	if (!before || !after || !details) {
		rc = pt_error(e, PT_EDB, "out of memory");
		goto done;
	}
	if ((rc = pt_case_get(db, id, before, e)) || (rc = pt_case_get(db, id, after, e)))
		goto done;
	st = pt_record_get(before, PT_F_STATUS);
	if (!strcmp(st, "voided"))
		rc = refuse(before, e, "it is voided");
	else if (a->verb == PT_VOID && !in(voidable, st))
		rc = pt_error(e, PT_EREFUSED, "%s: only a registered or accepted case can be"
		              " voided (it is %s)", pt_record_get(before, PT_F_CASE_NO), st);
	if (rc)
		goto done;
	cJSON_AddStringToObject(details, "reason", a->reason);
	rc = a->verb == PT_VOID ? void_case(db, id, e) :
		correct(db, id, before, after, a, details, e);
	cJSON_AddStringToObject(details, "unit", pt_record_get(before, PT_F_UNIT));
	if (!rc && !(json = cJSON_PrintUnformatted(details)))
		rc = pt_error(e, PT_EDB, "out of memory");
	if (!rc)
		rc = pt_store_event_add(db, id, a->verb == PT_VOID ? "void" : "correct", st,
		                        a->verb == PT_VOID ? "voided" : st, json, e);
done:
	free(json);
	cJSON_Delete(details);
	pt_record_free(after);
	pt_record_free(before);
	return rc;
}
