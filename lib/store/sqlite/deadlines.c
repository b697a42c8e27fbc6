/* deadlines.c - the SQLite engine: the clocks of a case, and the next one
 * due kept on the case record. */
#include "sqlite.h"

static const char *const sql_text[ST__COUNT] = {
	[ST_DEADLINE] = "INSERT INTO deadlines(case_id, clock, start, due, rule, duty)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(case_id, clock) DO UPDATE SET"
		" start = excluded.start, due = excluded.due, rule = excluded.rule,"
		" duty = excluded.duty, stopped_at = NULL",
	/* the next due among these is picked by pt_clock_first, in C: ORDER BY
	 * ... LIMIT 1 sorts through a temporary b-tree each time */
	[ST_NEXT_DUE] = "SELECT due, clock FROM deadlines WHERE case_id = ?1"
		" AND stopped_at IS NULL AND duty = 1",
	/* unchanged (a registration inserts its first clock): no row rewritten */
	[ST_NEXT_DUE_SET] = "UPDATE cases SET next_due = ?2, next_clock = ?3"
		" WHERE id = ?1 AND (next_due, next_clock) IS NOT (?2, ?3)",
	[ST_DEADLINE_STOP] = "UPDATE deadlines SET stopped_at = ?3"
		" WHERE case_id = ?1 AND clock = ?2 AND stopped_at IS NULL",
	[ST_DEADLINE_GET] = "SELECT due, stopped_at, start, rule FROM deadlines"
		" WHERE case_id = ?1 AND clock = ?2",
	[ST_DEADLINES] = "SELECT clock, start, due, rule, stopped_at FROM deadlines"
		" WHERE case_id = ?1 ORDER BY start, clock",
};

/* The first open duty clock of a case by (due, clock). */
int pt_sq_next_due_get(pt_db *db, int64_t case_id, char due[64], char clock[64],
                       bool *found, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_NEXT_DUE, e);
	int rc;

	*found = false;
	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *d = pt_sq_col(s, 0), *k = pt_sq_col(s, 1);
		if (pt_clock_first(d, k, *found ? due : NULL, clock)) {
			*found = true;
			snprintf(due, 64, "%s", d);
			snprintf(clock, 64, "%s", k);
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "next due");
}

/* A case's next_due and next_clock, after any change of its deadlines. */
int pt_sq_next_due_update(pt_db *db, int64_t case_id, pt_err *e)
{
	char due[64], clock[64];
	sqlite3_stmt *u;
	bool found;
	int rc;

	if (db->store->due_case == case_id)
		db->store->due_case = 0;
	if ((rc = pt_sq_next_due_get(db, case_id, due, clock, &found, e)))
		return rc;
	if (!(u = SQ_STMT(db, ST_NEXT_DUE_SET, e)))
		return PT_EDB;
	sqlite3_bind_int64(u, 1, case_id);
	pt_sq_bind_opt(u, 2, found ? due : NULL);
	pt_sq_bind_opt(u, 3, found ? clock : NULL);
	return pt_sq_run(db, u, e, "next due");
}

int pt_sq_due_flush(pt_db *db, pt_err *e)
{
	int64_t id = db->store->due_case;

	return id ? pt_sq_next_due_update(db, id, e) : PT_OK;
}

/*
 * A change of a case's clocks leaves its next due to be written once, by
 * the case's update (cases.c) or before the next other statement: an
 * action that stops one clock and starts another rewrites the row once.
 */
static int due_later(pt_db *db, int64_t case_id, pt_err *e)
{
	int rc = db->store->due_case != case_id ? pt_sq_due_flush(db, e) : PT_OK;

	if (!rc)
		db->store->due_case = case_id;
	return rc;
}

int pt_sq_deadline_add(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_DEADLINE, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int(s, 6, duty);
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, rule, -1, SQLITE_STATIC);
	if ((rc = pt_sq_run(db, s, e, "deadlines")))
		return rc;
	return due_later(db, case_id, e);
}

int pt_sq_deadline_stop(pt_db *db, int64_t case_id, const char *clock, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_DEADLINE_STOP, e);
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	if ((rc = pt_sq_run(db, s, e, "deadlines")) || sqlite3_changes(pt_sq(db)) == 0)
		return rc;
	return due_later(db, case_id, e);
}

/* A clock of a case: PT_OK, or PT_EINPUT if it has none of that name. */
int pt_sq_deadline_get(pt_db *db, int64_t case_id, const char *clock,
                       struct pt_clock *k, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_DEADLINE_GET, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(k->due, sizeof k->due, "%s", pt_sq_col(s, 0));
		k->open = sqlite3_column_type(s, 1) == SQLITE_NULL;
		snprintf(k->start, sizeof k->start, "%s", pt_sq_col(s, 2));
		snprintf(k->rule, sizeof k->rule, "%s", pt_sq_col(s, 3));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_EINPUT : pt_sq_err(db, e, "deadlines");
}

int pt_sq_deadlines_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return pt_sq_by_id(db, ST_DEADLINES, sql_text[ST_DEADLINES], case_id, out, e);
}
