/* resolve.c - settling a conflict an import recorded (petition-handle
 * --resolve): the value the import applied stays, and the resolve event,
 * exported like any other, settles the same conflict at the other office */
#include "pt_priv.h"
#include <cjson/cJSON.h>

int pt_resolve_check(const pt_action *a, pt_err *e)
{
	if (a->handler || a->leader)
		return pt_error(e, PT_EUSAGE, "--resolve: not with --handler or --leader");
	if (!a->field || pt_schema_lookup(&pt_case_schema, a->field) < 0)
		return pt_error(e, PT_EUSAGE, "--resolve: \"%.64s\" is not a case field",
		                a->field && pt_text_showable(a->field) ? a->field : "?");
	return PT_OK;
}

/* Whether the case has a conflict on field that no resolve settled yet. */
static int conflict_open(pt_db *db, int64_t id, const char *field, bool *open, pt_err *e)
{
	pt_filter f = {.id = id, .conflict_field = field};
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_cursor *c = NULL;
	int rc = r ? pt_cases_query(db, &f, &c, e) : pt_error(e, PT_EDB, "out of memory"), n;

	if (!rc && (n = pt_cursor_next(c, r, e)) < 0)
		rc = e->code;
	*open = !rc && n == 1;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

int pt_resolve(pt_db *db, int64_t id, const pt_record *r, const pt_action *a,
               cJSON *details, pt_err *e)
{
	const char *field = pt_schema_name(&pt_case_schema,
	                                   pt_schema_lookup(&pt_case_schema, a->field));
	bool open;
	int rc = conflict_open(db, id, field, &open, e);

	if (rc)
		return rc;
	if (!open)
		return pt_error(e, PT_EREFUSED, "%s: no open conflict on %s",
		                pt_record_get(r, PT_F_CASE_NO), field);
	cJSON_AddStringToObject(details, "field", field);
	if (a->reason)
		cJSON_AddStringToObject(details, "reason", a->reason);
	return PT_OK;
}
