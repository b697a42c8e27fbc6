/* action.c - the values of an action, checked before any case is touched */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

static int need(const char *v, const char *opt, const char *verb, pt_err *e)
{
	if (v && *v)
		return PT_OK;
	return pt_error(e, PT_EUSAGE, "%s: needed with %s", opt, verb);
}

/* v must be one of the codes of values (labels were made codes by the caller) */
static int one_of(const char *v, const char *opt, const struct pt_enum *values, pt_err *e)
{
	if (!v)
		return PT_OK;
	for (const struct pt_enum *en = values; en->code; en++)
		if (!strcmp(v, en->code))
			return PT_OK;
	return pt_enum_refuse(opt, v, values, e);
}

int pt_one_of(const char *v, const char *opt, const struct pt_enum *values, pt_err *e)
{
	return one_of(v, opt, values, e);
}

/* lines: the text may hold newlines and tabs (a reason, a reply, a note) */
static int text_ok(const char *v, const char *opt, size_t max, bool lines, pt_err *e)
{
	const char *fault = v ? pt_text_fault(v, strlen(v), lines) : NULL;

	if (fault)
		return pt_error(e, PT_EINPUT, "%s: %s", opt, fault);
	if (v && strlen(v) > max)
		return pt_error(e, PT_EUSAGE, "%s: longer than %zu bytes", opt, max);
	return PT_OK;
}

/* A case outside the bureau's duty is declined naming the department that has it. */
static int competent(const pt_action *a, pt_err *e)
{
	bool oos = a->category && !strcmp(a->category, "out_of_scope");

	if (oos)
		return need(a->to, "--to", "--decline --category out_of_scope", e);
	if (a->to)
		return pt_error(e, PT_EUSAGE, "--to: with --decline only for --category"
		                " out_of_scope (the competent department)");
	return PT_OK;
}

int pt_action_check(const pt_action *a, pt_err *e)
{
	/* a decline says where the petitioner should go instead (litigation, another
	 * department), so it takes only those categories */
	static const struct pt_enum decline_categories[] = {
		{"litigation", NULL}, {"out_of_scope", NULL}, {NULL, NULL},
	};
	int32_t d;
	int rc;

	if (a->new_facts && (a->verb != PT_ACCEPT || !*a->new_facts))
		return pt_error(e, PT_EUSAGE, "--new-facts: %s", *a->new_facts ?
		                "only with --accept" : "empty");
	if ((rc = text_ok(a->reason, "--reason", 4096, true, e)) ||
	    (rc = text_ok(a->text, a->verb == PT_REPLY ? "--reply" : a->verb == PT_NOTE ?
	                  "--note" : "--text", 65536, true, e)) ||
	    (rc = text_ok(a->to, "--to", 200, false, e)) ||
	    (rc = text_ok(a->handler, "--handler", 100, false, e)) ||
	    (rc = text_ok(a->leader, "--leader", 100, false, e)) ||
	    (rc = text_ok(a->new_facts, "--new-facts", 4096, true, e)))
		return rc;
	if (a->report_by && pt_date_parse(a->report_by, &d))
		return pt_error(e, PT_EUSAGE, "--report-by: \"%.64s\" is not a date",
		                pt_text_showable(a->report_by) ? a->report_by : "?");
	switch (a->verb) {
	case PT_ACCEPT:
		if ((rc = need(a->category, "--category", "--accept", e)))
			return rc;
		return one_of(a->category, "--category", pt_categories, e);
	case PT_DECLINE:
		if ((rc = need(a->reason, "--reason", "--decline", e)) ||
		    (rc = one_of(a->category, "--category", decline_categories, e)))
			return rc;
		return competent(a, e);
	case PT_TRANSFER: return need(a->to, "--to", "--transfer", e);
	case PT_ASSIGN: return need(a->to, "--to", "--assign", e);
	case PT_OBJECT: return need(a->reason, "--reason", "--object", e);
	case PT_EXTEND: return need(a->reason, "--reason", "--extend", e);
	case PT_REPLY:
		if (!a->text || !*a->text)
			return pt_error(e, PT_EUSAGE, "--reply: the reply is empty");
		return one_of(a->outcome, "--outcome", pt_outcomes, e);
	case PT_RATE: return one_of(a->rating, "--rate", pt_satisfactions, e);
	case PT_NOTE: return need(a->text, "--note", "--note", e);
	case PT_DECIDE:
		if ((rc = need(a->result, "--result", "--decide", e)) ||
		    (rc = need(a->text, "--text", "--decide", e)))
			return rc;
		return one_of(a->result, "--result", pt_review_results, e);
	case PT_CORRECT:
	case PT_VOID: return pt_correct_check(a, e);
	case PT_RESOLVE: return pt_resolve_check(a, e);
	case PT_TEAM: case PT_PLAN_STEP: case PT_STEP_DONE: case PT_BACKLOG_RESOLUTION:
		return pt_backlog_check(a, e);
	case PT_PEOPLE:
		if (!a->handler && !a->leader)
			return pt_error(e, PT_EUSAGE, "no action given (see --help)");
		return PT_OK;
	default:
		return PT_OK;
	}
}

/* A key that is an id as pt_case_get writes it: digits, no leading zero. */
static bool plain_id(const char *key, int64_t *id)
{
	size_t n = strspn(key, "0123456789");

	if (n == 0 || n > 18 || key[n] || *key == '0')
		return false;
	*id = strtoll(key, NULL, 10);
	return true;
}

/*
 * A plain id is not looked up first: the action's own read of the case
 * says there is none, in the words pt_case_resolve has, and no check comes
 * before it where the id is all an action is given (no --to, no correction).
 */
int pt_case_apply_key(pt_db *db, const char *key, const pt_action *a, int64_t *id,
                      pt_err *e)
{
	int rc;

	if (!a->to && a->verb != PT_CORRECT && a->verb != PT_VOID && plain_id(key, id))
		return pt_case_apply(db, *id, a, e);
	if ((rc = pt_case_resolve(db, key, id, e)))
		return rc;
	return pt_case_apply(db, *id, a, e);
}
