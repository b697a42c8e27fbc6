/* disputes.c - the SQLite engine: pollution-damage disputes, the course of
 * their mediation and the cases each came from (lib/mediate.c). */
#include "sqlite.h"

static const char *const sql_text[ST__COUNT] = {
	[ST_DISPUTE_INSERT] = "INSERT INTO disputes(injured, injured_phone, accused, damage,"
		" unit, step, filed_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_DISPUTE_SET] = "UPDATE disputes SET step = ?2, consent_at = coalesce(?3, consent_at),"
		" due = coalesce(?4, due), remedy = coalesce(?5, remedy),"
		" outcome_at = coalesce(?6, outcome_at) WHERE id = ?1",
	[ST_DISPUTE_EVENT] = "INSERT INTO dispute_events(dispute_id, at, actor, action,"
		" from_step, to_step, day, place, text, unit)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_DISPUTE_LINK] = "INSERT INTO dispute_cases(dispute_id, case_id, at)"
		" VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
	[ST_DISPUTE_EVENTS] = "SELECT dispute_id, at, actor, action, from_step, to_step, day,"
		" place, text, unit FROM dispute_events WHERE dispute_id = ?1 ORDER BY id",
};

/* ?7: due on or before it, in mediation (at step ?8 or ?9); ?10: the
 * action counted as a session */
static const char disputes_sql[] =
	"SELECT d.id, d.filed_at, d.injured, d.injured_phone, d.accused, d.damage, d.unit,"
	" u.name, d.step,"
	" (SELECT group_concat(case_no, ',') FROM (SELECT c.case_no FROM dispute_cases dc"
	"  JOIN cases c ON c.id = dc.case_id WHERE dc.dispute_id = d.id ORDER BY c.id)),"
	" d.consent_at, d.due,"
	" (SELECT count(*) FROM dispute_events x WHERE x.dispute_id = d.id AND x.action = ?10),"
	" d.remedy, d.outcome_at FROM disputes d LEFT JOIN units u ON u.code = d.unit"
	" WHERE (?1 = 0 OR d.id = ?1) AND (?2 IS NULL OR d.step = ?2)"
	" AND (?3 IS NULL OR d.remedy = ?3)"
	" AND (?4 IS NULL OR d.unit IN " PT_SQ_SUBTREE("?4") ")"
	" AND (?5 IS NULL OR d.filed_at >= ?5) AND (?6 IS NULL OR d.filed_at < ?6)"
	" AND (?7 IS NULL OR (d.due <= ?7 AND d.step IN (?8, ?9))) ORDER BY d.id";

/* ?1: before it; ?2: the act of a filing, and the action of the events left out */
static const char acts_sql[] =
	"SELECT id, ?2, filed_at, unit, due FROM disputes WHERE filed_at < ?1"
	" UNION ALL SELECT x.dispute_id, x.action, x.at, d.unit, d.due FROM dispute_events x"
	" JOIN disputes d ON d.id = x.dispute_id WHERE x.at < ?1 AND x.action <> ?2"
	" ORDER BY 1";

int pt_sq_dispute_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e)
{
	static const int cols[] = {PT_D_INJURED, PT_D_INJURED_PHONE, PT_D_ACCUSED,
	                           PT_D_DAMAGE, PT_D_UNIT, PT_D_STEP, PT_D_FILED_AT};
	sqlite3_stmt *s = SQ_STMT(db, ST_DISPUTE_INSERT, e);
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	for (int i = 0; i < PT_NCOLS(cols); i++)
		pt_sq_bind_opt(s, i + 1, pt_record_get(r, cols[i]));
	pt_sq_now(db, now);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_TRANSIENT);
	if ((rc = pt_sq_run(db, s, e, "disputes")))
		return rc;
	*id = sqlite3_last_insert_rowid(pt_sq(db));
	return PT_OK;
}

int pt_sq_dispute_set(pt_db *db, int64_t id, const struct pt_dispute_change *c, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_DISPUTE_SET, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, c->step, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 3, c->consent_at);
	pt_sq_bind_opt(s, 4, c->due);
	pt_sq_bind_opt(s, 5, c->remedy);
	pt_sq_bind_opt(s, 6, c->outcome_at);
	return pt_sq_run(db, s, e, "disputes");
}

int pt_sq_dispute_event_add(pt_db *db, const struct pt_dispute_event *ev, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_DISPUTE_EVENT, e);
	char now[21];

	if (!s)
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_int64(s, 1, ev->dispute_id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, db->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, ev->action, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 5, ev->from);
	sqlite3_bind_text(s, 6, ev->to, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 7, ev->day);
	pt_sq_bind_opt(s, 8, ev->place);
	pt_sq_bind_opt(s, 9, ev->text);
	sqlite3_bind_text(s, 10, ev->unit, -1, SQLITE_STATIC);
	return pt_sq_run(db, s, e, "dispute events");
}

int pt_sq_dispute_link(pt_db *db, int64_t dispute_id, int64_t case_id, bool *added,
                       pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_DISPUTE_LINK, e);
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_int64(s, 1, dispute_id);
	sqlite3_bind_int64(s, 2, case_id);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	rc = pt_sq_run(db, s, e, "dispute cases");
	*added = !rc && sqlite3_changes(pt_sq(db)) == 1;
	return rc;
}

/* the caller's buffers: copied, the cursor outlives them */
int pt_sq_disputes_query(pt_db *db, const struct pt_dispute_spec *q, pt_cursor **out,
                         pt_err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = pt_sq_prepare(db, disputes_sql, &s, "disputes", e);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, q->id);
	pt_sq_bind_opt(s, 2, q->step);
	pt_sq_bind_opt(s, 3, q->remedy);
	pt_sq_bind_nonempty(s, 4, q->unit);
	pt_sq_bind_nonempty(s, 5, q->filed_from);
	pt_sq_bind_nonempty(s, 6, q->filed_before);
	pt_sq_bind_nonempty(s, 7, q->due_by);
	pt_sq_bind_opt(s, 8, q->open);
	pt_sq_bind_opt(s, 9, q->open2);
	pt_sq_bind_opt(s, 10, q->session);
	return pt_sq_cursor(db, s, true, out, e);
}

int pt_sq_dispute_events_query(pt_db *db, int64_t dispute_id, pt_cursor **out, pt_err *e)
{
	return pt_sq_by_id(db, ST_DISPUTE_EVENTS, sql_text[ST_DISPUTE_EVENTS], dispute_id, out, e);
}

int pt_sq_dispute_acts(pt_db *db, const char *before, const char *filed, pt_cursor **out,
                       pt_err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = pt_sq_prepare(db, acts_sql, &s, "disputes", e);

	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, filed, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}
