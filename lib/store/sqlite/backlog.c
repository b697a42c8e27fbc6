/* backlog.c - the SQLite engine: a backlog case's file, its team and
 * resolution, and the steps of its plan. */
#include "sqlite.h"

static const char *const sql_text[ST__COUNT] = {
	[ST_BACKLOG_GET] = "SELECT f.team, f.resolution,"
		" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = ?1),"
		" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = ?1"
		"  AND s.done_at IS NOT NULL)"
		" FROM (SELECT ?1 AS case_id) k LEFT JOIN backlog_files f ON f.case_id = k.case_id",
	[ST_BACKLOG_PUT] = "INSERT INTO backlog_files(case_id, team, resolution, reason,"
		" resolved_at, updated_at) VALUES (?1, ?2, ?3, ?4, CASE WHEN ?3 IS NOT NULL"
		" THEN ?5 END, ?5) ON CONFLICT(case_id) DO UPDATE SET"
		" team = coalesce(excluded.team, team),"
		" resolution = coalesce(excluded.resolution, resolution),"
		" reason = coalesce(excluded.reason, reason),"
		" resolved_at = coalesce(excluded.resolved_at, resolved_at),"
		" updated_at = excluded.updated_at",
	[ST_STEP_ADD] = "INSERT INTO backlog_steps(case_id, n, due, text, added_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_STEP_GET] = "SELECT due, added_at, done_at FROM backlog_steps"
		" WHERE case_id = ?1 AND n = ?2",
	[ST_STEP_DONE] = "UPDATE backlog_steps SET done_at = ?3"
		" WHERE case_id = ?1 AND n = ?2 AND done_at IS NULL",
};

int pt_sq_backlog_get(pt_db *db, int64_t case_id, struct pt_backlog_file *f, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_BACKLOG_GET, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(f->team, sizeof f->team, "%s", pt_sq_col(s, 0) ? pt_sq_col(s, 0) : "");
		snprintf(f->resolution, sizeof f->resolution, "%s",
		         pt_sq_col(s, 1) ? pt_sq_col(s, 1) : "");
		f->steps = sqlite3_column_int(s, 2);
		f->done = sqlite3_column_int(s, 3);
		f->found = *f->team || *f->resolution || f->steps;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PT_OK : pt_sq_err(db, e, "backlog");
}

int pt_sq_backlog_put(pt_db *db, int64_t case_id, const char *team, const char *resolution,
                      const char *reason, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_BACKLOG_PUT, e);
	char now[21];

	if (!s)
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_int64(s, 1, case_id);
	pt_sq_bind_opt(s, 2, team);
	pt_sq_bind_opt(s, 3, resolution);
	pt_sq_bind_opt(s, 4, reason);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	return pt_sq_run(db, s, e, "backlog");
}

/* A statement of one step: the case ?1, the step ?2, now at ?now. */
static sqlite3_stmt *step_stmt(pt_db *db, enum pt_sq_stmt id, int64_t case_id, int n,
                               int now, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, id, e);
	char t[21];

	if (!s)
		return NULL;
	pt_sq_now(db, t);
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, n);
	sqlite3_bind_text(s, now, t, -1, SQLITE_TRANSIENT);
	return s;
}

int pt_sq_step_add(pt_db *db, int64_t case_id, int n, const char *due, const char *text,
                   pt_err *e)
{
	sqlite3_stmt *s = step_stmt(db, ST_STEP_ADD, case_id, n, 5, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 3, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
	return pt_sq_run(db, s, e, "backlog steps");
}

int pt_sq_step_get(pt_db *db, int64_t case_id, int n, struct pt_step *st, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_STEP_GET, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, n);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		st->found = true;
		snprintf(st->due, sizeof st->due, "%s", pt_sq_col(s, 0));
		snprintf(st->added_at, sizeof st->added_at, "%s", pt_sq_col(s, 1));
		st->done = sqlite3_column_type(s, 2) != SQLITE_NULL;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "backlog steps");
}

int pt_sq_step_done(pt_db *db, int64_t case_id, int n, pt_err *e)
{
	sqlite3_stmt *s = step_stmt(db, ST_STEP_DONE, case_id, n, 3, e);

	return s ? pt_sq_run(db, s, e, "backlog steps") : PT_EDB;
}

/* The file of every counted backlog case: where it is, its leader, its
 * resolution and its steps (?1 today, ?2 the unit). */
#define FILES_SQL "SELECT c.unit, c.leader, f.resolution," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id)," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id" \
	"  AND s.done_at IS NOT NULL)," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id" \
	"  AND s.done_at IS NULL AND s.due < ?1 AND f.resolution IS NULL)" \
	" FROM cases c LEFT JOIN backlog_files f ON f.case_id = c.id" \
	" WHERE c.backlog = 1 AND c.status NOT IN ({uncounted})"

int pt_sq_backlog_files(pt_db *db, const char *unit, const char *today, pt_cursor **out,
                        pt_err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = pt_sq_prepare(db, unit ? FILES_SQL " AND c.unit IN " PT_SQ_SUBTREE("?2")
	                       " ORDER BY c.id" : FILES_SQL " ORDER BY c.id", &s,
	                       "backlog files", e);

	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
	if (unit)
		sqlite3_bind_text(s, 2, unit, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}
