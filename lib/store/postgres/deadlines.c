/* deadlines.c - the PostgreSQL engine: the clocks of a case, and the next
 * one due kept on the case record. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

#define NEXT_CLOCK "SELECT due, clock FROM deadlines WHERE case_id = $1" \
	" AND stopped_at IS NULL AND duty = 1 ORDER BY due, clock LIMIT 1"

static const char *const sql_text[PG__COUNT] = {
	[PG_DEADLINE] = "INSERT INTO deadlines(case_id, clock, start, due, rule, duty)"
		" VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT(case_id, clock) DO UPDATE SET"
		" start = excluded.start, due = excluded.due, rule = excluded.rule,"
		" duty = excluded.duty, stopped_at = NULL",
	/* unchanged (a registration inserts its first clock): no row rewritten */
	[PG_NEXT_DUE] = "WITH n AS (" NEXT_CLOCK ")"
		" UPDATE cases c SET next_due = n.due, next_clock = n.clock"
		" FROM (SELECT 1) one LEFT JOIN n ON true WHERE c.id = $1"
		" AND (c.next_due, c.next_clock) IS DISTINCT FROM (n.due, n.clock)",
	[PG_DEADLINE_STOP] = "UPDATE deadlines SET stopped_at = $3"
		" WHERE case_id = $1 AND clock = $2 AND stopped_at IS NULL",
	[PG_DEADLINE_GET] = "SELECT due, stopped_at, start, rule FROM deadlines"
		" WHERE case_id = $1 AND clock = $2",
	[PG_DEADLINES] = "SELECT clock, start, due, rule, stopped_at FROM deadlines"
		" WHERE case_id = $1 ORDER BY start, clock",
};

/* Runs a statement; *changed: how many rows it wrote. */
static int run_count(pt_db *db, enum pt_pg_stmt id, int n, const char *const *v,
                     long *changed, pt_err *e)
{
	PGresult *r = PG_RUN(db, id, n, v, "deadlines", e);

	if (!r)
		return PT_EDB;
	if (changed)
		*changed = strtol(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	return PT_OK;
}

int pt_pg_next_due_update(pt_db *db, const char *id, pt_err *e)
{
	const char *v[] = {id};

	return PG_DEFER(db, PG_NEXT_DUE, 1, v, "next due", e);
}

int pt_pg_deadline_add(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, pt_err *e)
{
	char id[24];
	const char *v[] = {pt_pg_int(id, case_id), clock, start, due, rule, duty ? "1" : "0"};
	int rc = PG_DEFER(db, PG_DEADLINE, 6, v, "deadlines", e);

	return rc ? rc : pt_pg_next_due_update(db, id, e);
}

int pt_pg_deadline_stop(pt_db *db, int64_t case_id, const char *clock, pt_err *e)
{
	char id[24], now[21];
	const char *v[] = {pt_pg_int(id, case_id), clock, now};
	long changed = 0;
	int rc;

	pt_pg_now(db, now);
	if ((rc = run_count(db, PG_DEADLINE_STOP, 3, v, &changed, e)) || !changed)
		return rc;
	return pt_pg_next_due_update(db, id, e);
}

/* A clock of a case: PT_OK, or PT_EINPUT if it has none of that name. */
int pt_pg_deadline_get(pt_db *db, int64_t case_id, const char *clock,
                       struct pt_clock *k, pt_err *e)
{
	char id[24];
	const char *v[] = {pt_pg_int(id, case_id), clock};
	PGresult *r = PG_RUN(db, PG_DEADLINE_GET, 2, v, "deadlines", e);
	bool found;

	if (!r)
		return PT_EDB;
	if ((found = PQntuples(r) == 1)) {
		snprintf(k->due, sizeof k->due, "%s", PQgetvalue(r, 0, 0));
		k->open = PQgetisnull(r, 0, 1);
		snprintf(k->start, sizeof k->start, "%s", PQgetvalue(r, 0, 2));
		snprintf(k->rule, sizeof k->rule, "%s", PQgetvalue(r, 0, 3));
	}
	PQclear(r);
	return found ? PT_OK : PT_EINPUT;
}

int pt_pg_deadlines_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return pt_pg_by_id(db, PG_DEADLINES, sql_text[PG_DEADLINES], case_id, out, e);
}
