/* deadline.c - due dates from the policy, each with the rule that made it */
#include "pt_priv.h"
#include <string.h>

/*
 * The due date `days` after the local date `start`, counted as the policy
 * says; rule explains it: "received 2017-03-21 + 15 calendar days".
 */
int pt_due_date(pt_db *db, int32_t start, int days, const char *from,
                char start_s[11], char due_s[11], char *rule, size_t n,
                pt_err *e)
{
	if (db->policy.working_days)
		return pt_error(e, PT_EINPUT, "policy: day_count = working needs a"
		                " holiday calendar, which this version does not read");
	pt_date_format(start, start_s);
	pt_date_format(start + days, due_s);
	snprintf(rule, n, "%s %s + %d calendar days", from, start_s, days);
	return PT_OK;
}
