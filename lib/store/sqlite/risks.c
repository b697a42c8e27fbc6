/* risks.c - the SQLite engine: the register of risks, its course and the
 * cases linked to each (lib/risk.c). */
#include "sqlite.h"

static const char *const sql_text[ST__COUNT] = {
	[ST_RISK_INSERT] = "INSERT INTO risks(matter, kind, source, unit, level, step,"
		" found_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_RISK_SET] = "UPDATE risks SET step = ?2, urgent_at = coalesce(?3, urgent_at)"
		" WHERE id = ?1",
	[ST_RISK_EVENT] = "INSERT INTO risk_events(risk_id, at, actor, action, from_step,"
		" to_step, text, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_RISK_LINK] = "INSERT INTO risk_cases(risk_id, case_id, at) VALUES (?1, ?2, ?3)"
		" ON CONFLICT DO NOTHING",
	[ST_RISK_EVENTS] = "SELECT risk_id, at, actor, action, from_step, to_step, text, unit"
		" FROM risk_events WHERE risk_id = ?1 ORDER BY id",
};

/* ?8: the urgent risks not reported yet (of level ?8, not at step ?9) */
static const char risks_sql[] =
	"SELECT r.id, r.found_at, r.matter, r.kind, r.source, r.level, r.step, r.unit, u.name,"
	" (SELECT group_concat(case_no, ',') FROM (SELECT c.case_no FROM risk_cases rc"
	"  JOIN cases c ON c.id = rc.case_id WHERE rc.risk_id = r.id ORDER BY c.id)),"
	" r.urgent_at FROM risks r LEFT JOIN units u ON u.code = r.unit"
	" WHERE (?1 = 0 OR r.id = ?1) AND (?2 IS NULL OR r.kind = ?2)"
	" AND (?3 IS NULL OR r.step = ?3) AND (?4 IS NULL OR r.level = ?4)"
	" AND (?5 IS NULL OR r.unit IN " PT_SQ_SUBTREE("?5") ")"
	" AND (?6 IS NULL OR r.found_at >= ?6) AND (?7 IS NULL OR r.found_at < ?7)"
	" AND (?8 IS NULL OR (r.level = ?8 AND r.step <> ?9 AND r.urgent_at IS NULL))"
	" ORDER BY r.id";

static const char acts_sql[] =
	"SELECT unit, ?3 FROM risks WHERE found_at >= ?1 AND found_at < ?2"
	" UNION ALL SELECT r.unit, e.to_step FROM risk_events e JOIN risks r"
	" ON r.id = e.risk_id WHERE e.action = ?4 AND e.at >= ?1 AND e.at < ?2";

int pt_sq_risk_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e)
{
	static const int cols[] = {PT_R_MATTER, PT_R_KIND, PT_R_SOURCE, PT_R_UNIT,
	                           PT_R_LEVEL, PT_R_STEP, PT_R_FOUND_AT};
	sqlite3_stmt *s = SQ_STMT(db, ST_RISK_INSERT, e);
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	for (int i = 0; i < PT_NCOLS(cols); i++)
		pt_sq_bind_opt(s, i + 1, pt_record_get(r, cols[i]));
	pt_sq_now(db, now);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_TRANSIENT);
	if ((rc = pt_sq_run(db, s, e, "risks")))
		return rc;
	*id = sqlite3_last_insert_rowid(pt_sq(db));
	return PT_OK;
}

int pt_sq_risk_set(pt_db *db, int64_t id, const char *step, const char *urgent_at,
                   pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_RISK_SET, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, step, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 3, urgent_at);
	return pt_sq_run(db, s, e, "risks");
}

int pt_sq_risk_event_add(pt_db *db, const struct pt_risk_event *ev, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_RISK_EVENT, e);
	char now[21];

	if (!s)
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_int64(s, 1, ev->risk_id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, db->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, ev->action, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 5, ev->from);
	sqlite3_bind_text(s, 6, ev->to, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 7, ev->text);
	sqlite3_bind_text(s, 8, ev->unit, -1, SQLITE_STATIC);
	return pt_sq_run(db, s, e, "risk events");
}

int pt_sq_risk_link(pt_db *db, int64_t risk_id, int64_t case_id, bool *added, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_RISK_LINK, e);
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_int64(s, 1, risk_id);
	sqlite3_bind_int64(s, 2, case_id);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	rc = pt_sq_run(db, s, e, "risk cases");
	*added = !rc && sqlite3_changes(pt_sq(db)) == 1;
	return rc;
}

/* the caller's buffer: copied, the cursor outlives it */
int pt_sq_risks_query(pt_db *db, const struct pt_risk_spec *q, pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = pt_sq_prepare(db, risks_sql, &s, "risks", e);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, q->id);
	pt_sq_bind_opt(s, 2, q->kind);
	pt_sq_bind_opt(s, 3, q->step);
	pt_sq_bind_opt(s, 4, q->level);
	pt_sq_bind_opt(s, 5, q->unit);
	pt_sq_bind_nonempty(s, 6, q->found_from);
	pt_sq_bind_nonempty(s, 7, q->found_before);
	pt_sq_bind_opt(s, 8, q->unreported_level);
	pt_sq_bind_opt(s, 9, q->unreported_not_step);
	return pt_sq_cursor(db, s, true, out, e);
}

int pt_sq_risk_events_query(pt_db *db, int64_t risk_id, pt_cursor **out, pt_err *e)
{
	return pt_sq_by_id(db, ST_RISK_EVENTS, sql_text[ST_RISK_EVENTS], risk_id, out, e);
}

int pt_sq_risk_acts(pt_db *db, const char *from, const char *before, const char *found,
                    const char *step_action, pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = pt_sq_prepare(db, acts_sql, &s, "risks", e);

	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, found, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, step_action, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}
