/* supervisions.c - the SQLite engine: supervision records and the queries
 * of the morning run (petition-escalate). */
#include "sqlite.h"
#include <string.h>

static const char *const sql_text[ST__COUNT] = {
	/* once per case, clock and action, whatever the due date: a clock
	 * extended or started again is the same lapse (petition-escalate(1)) */
	[ST_SUPERVISION_GET] = "SELECT min(id) FROM supervisions"
		" WHERE case_id = ?1 AND clock = ?2 AND action = ?3",
	[ST_SUPERVISION_AT] = "SELECT at FROM supervisions WHERE id = ?1",
	/* VALUES, looked for first: INSERT ... SELECT goes through a temporary
	 * table, and the morning's second run finds every one made */
	[ST_SUPERVISION_ADD] = "INSERT INTO supervisions(case_id, clock, action, kind,"
		" unit, handler, leader, at, due, days_overdue, rule)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		" ON CONFLICT DO NOTHING",
	[ST_SUPERVISIONS] = "SELECT at, action, kind, clock, unit, handler, leader, due,"
		" days_overdue, rule FROM supervisions WHERE case_id = ?1 ORDER BY id",
};

/* The first supervision of a case's clock by an action: its id, 0 if none. */
static int first_of(pt_db *db, int64_t case_id, const char *clock, const char *action,
                    int64_t *id, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_SUPERVISION_GET, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PT_OK : pt_sq_err(db, e, "supervisions");
}

/* When a supervision of a case's clock was recorded: PT_OK, or PT_EINPUT. */
int pt_sq_supervision_at(pt_db *db, int64_t case_id, const char *clock,
                         const char *action, int64_t *at, pt_err *e)
{
	sqlite3_stmt *s;
	int64_t id;
	int rc;

	if ((rc = first_of(db, case_id, clock, action, &id, e)))
		return rc;
	if (!id)
		return PT_EINPUT;
	if (!(s = SQ_STMT(db, ST_SUPERVISION_AT, e)))
		return PT_EDB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && pt_time_parse(pt_sq_col(s, 0), at))
		*at = 0;
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_EINPUT : pt_sq_err(db, e, "supervisions");
}

/* Records a supervision once per case, clock and action; *added says if new. */
int pt_sq_supervision_add(pt_db *db, const struct pt_supervision *v, bool *added,
                          pt_err *e)
{
	sqlite3_stmt *s;
	char now[21];
	int64_t id;
	int rc;

	*added = false;
	if ((rc = first_of(db, v->case_id, v->clock, v->action, &id, e)) || id)
		return rc;
	if (!(s = SQ_STMT(db, ST_SUPERVISION_ADD, e)))
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_int64(s, 1, v->case_id);
	sqlite3_bind_text(s, 2, v->clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, v->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, v->kind, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 5, v->unit);
	pt_sq_bind_opt(s, 6, v->handler);
	pt_sq_bind_opt(s, 7, v->leader);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_TRANSIENT);
	pt_sq_bind_opt(s, 9, v->due);
	if (v->due)
		sqlite3_bind_int(s, 10, v->days_overdue);
	sqlite3_bind_text(s, 11, v->rule, -1, SQLITE_STATIC);
	rc = pt_sq_run(db, s, e, "supervisions");
	*added = !rc && sqlite3_changes(pt_sq(db)) == 1;
	return rc;
}

int pt_sq_supervisions_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return pt_sq_by_id(db, ST_SUPERVISIONS, sql_text[ST_SUPERVISIONS], case_id, out, e);
}

#define ESC_COLUMNS "c.id, c.case_no, c.unit, u.parent, c.handler, c.leader," \
	" c.extended, c.collective, c.risk, c.received_at, c.status"
#define ESC_UNIT " AND c.unit IN " PT_SQ_SUBTREE("?9")

/*
 * The escalation queries. Each reads through a partial index, so that a run
 * costs what is due, not what is stored; ?9 limits it to a unit and those
 * under it. The old cases' query repeats the statuses of cases_backlog_due
 * as constants: SQLite uses a partial index only for a query whose WHERE
 * implies the index's, which bound values cannot.
 */
static const char *const esc_sql[PT_ESC__COUNT] = {
	[PT_ESC_DUE] = "SELECT " ESC_COLUMNS ", d.clock, d.due FROM deadlines d"
		" JOIN cases c ON c.id = d.case_id LEFT JOIN units u ON u.code = c.unit"
		" WHERE d.stopped_at IS NULL AND d.duty = 1 AND d.due <= ?1"
		" ORDER BY d.due, c.id",
	[PT_ESC_OLD] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" INDEXED BY cases_backlog_due LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0"
		" AND c.status IN ({open_literal})"
		" AND c.received_at < ?1 ORDER BY c.received_at LIMIT 256",
	[PT_ESC_REVIEWED] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0"
		" AND c.status IN ({review}) AND ?1 IS NOT NULL"
		" ORDER BY c.id LIMIT 256",
	[PT_ESC_REPEATED] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0 AND c.repeats >= 2"
		" AND c.repeats >= ?1 - 1"
		" AND c.status NOT IN ({done})"
		" ORDER BY c.id LIMIT 256",
	[PT_ESC_NO_LEADER] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 1 AND c.leader IS NULL"
		" AND c.status NOT IN ({done})"
		" AND ?1 IS NOT NULL ORDER BY c.id",
	[PT_ESC_STEPS] = "SELECT " ESC_COLUMNS ", s.n, s.due FROM backlog_steps s"
		" INDEXED BY backlog_steps_open JOIN cases c ON c.id = s.case_id"
		" LEFT JOIN backlog_files f ON f.case_id = c.id LEFT JOIN units u ON u.code = c.unit"
		" WHERE s.done_at IS NULL AND s.due < ?1 AND f.resolution IS NULL"
		" AND c.backlog = 1 AND c.status NOT IN ({done}) ORDER BY s.due, c.id, s.n",
};

/* A statement for query q over the unit subtree (unit may be NULL). */
int pt_sq_escalation(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
                     pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;
	const char *base = esc_sql[q], *order = strstr(base, " ORDER BY");
	int rc;

	pt_buf_add(&sql, base, (size_t)(order - base));
	if (unit)
		pt_buf_adds(&sql, ESC_UNIT);
	pt_buf_adds(&sql, order);
	rc = sql.p ? pt_sq_prepare(db, sql.p, &s, "escalation", e) :
		pt_error(e, PT_EDB, "out of memory");
	pt_buf_free(&sql);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if (unit)
		sqlite3_bind_text(s, 9, unit, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}

/*
 * The supervision records made in [?1, ?2), in the columns and the order
 * petition-escalate printed them: an escalation was printed with the unit
 * its supervision named, the others with that unit's parent.
 */
static const char made_sql[] =
	"SELECT s.action, c.case_no,"
	" CASE s.action WHEN 'escalate' THEN (SELECT p.unit FROM supervisions p"
	"  WHERE p.case_id = s.case_id AND p.clock = s.clock AND p.action = 'supervise'"
	"  AND coalesce(p.due, '') = coalesce(s.due, '')) ELSE s.unit END,"
	" CASE s.action WHEN 'escalate' THEN s.unit"
	"  ELSE (SELECT parent FROM units WHERE code = s.unit) END,"
	" s.handler, s.leader, s.clock, s.due,"
	" CASE WHEN s.due IS NULL THEN NULL ELSE s.days_overdue END, s.rule"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" WHERE s.at >= ?1 AND s.at < ?2 AND (?3 IS NULL OR c.unit IN " PT_SQ_SUBTREE("?3") ")"
	" ORDER BY s.id";

int pt_sq_supervisions_made(pt_db *db, const char *from, const char *before,
                            const char *unit, pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = pt_sq_prepare(db, made_sql, &s, "replay", e);

	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_TRANSIENT);
	pt_sq_bind_opt(s, 3, unit);
	return pt_sq_cursor(db, s, true, out, e);
}
