/* visits.c - the SQLite engine: leaders' receptions and visits, the cases
 * each concerned, and the reception schedule. */
#include "sqlite.h"
#include <string.h>

/* the columns of pt_visit_schema; the case numbers in the order of their ids */
#define VISITS_SQL \
	"SELECT v.id, v.kind, v.date, v.leader, v.post, v.unit, u.name, v.place," \
	" CASE WHEN ?7 THEN NULL ELSE (SELECT group_concat(c.case_no, ',')" \
	"  FROM visit_cases vc JOIN cases c ON c.id = vc.case_id WHERE vc.visit_id = v.id) END," \
	" v.people, v.decision, v.actor, v.at" \
	" FROM visits v JOIN units u ON u.code = v.unit" \
	" WHERE (?1 IS NULL OR v.leader = ?1)" \
	" AND (?2 IS NULL OR instr(',' || ?2 || ',', ',' || v.kind || ',') > 0)" \
	" AND (?3 IS NULL OR v.unit IN " PT_SQ_SUBTREE("?3") ")" \
	" AND (?4 IS NULL OR v.date >= ?4) AND (?5 IS NULL OR v.date <= ?5)" \
	" AND (?6 = 0 OR v.id = ?6)" \
	" ORDER BY v.date, v.id"

static const char *const sql_text[ST__COUNT] = {
	[ST_VISIT_ADD] = "INSERT INTO visits(kind, date, leader, post, unit, place, people,"
		" decision, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_VISIT_LINK] = "INSERT INTO visit_cases(visit_id, case_id) VALUES (?1, ?2)"
		" ON CONFLICT DO NOTHING",
	[ST_SCHEDULE_ADD] = "INSERT INTO reception_schedule(leader, post, unit, place, days,"
		" hours) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_VISITS] = VISITS_SQL,
};

static const char counts_sql[] =
	"SELECT unit, leader, kind, count(*) FROM visits"
	" WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)"
	" GROUP BY unit, leader, kind ORDER BY unit, leader, kind";

int pt_sq_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_VISIT_ADD, e);
	const char *vals[] = {v->kind, v->date, v->leader, v->post, v->unit, v->place,
	                      v->people, v->decision, db->actor};
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	for (int i = 0; i < 9; i++)
		pt_sq_bind_opt(s, i + 1, vals[i]);
	pt_sq_now(db, now);
	sqlite3_bind_text(s, 10, now, -1, SQLITE_TRANSIENT);
	if ((rc = pt_sq_run(db, s, e, "visits")))
		return rc;
	*id = sqlite3_last_insert_rowid(pt_sq(db));
	return PT_OK;
}

int pt_sq_visit_link(pt_db *db, int64_t visit, int64_t case_id, bool *added, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_VISIT_LINK, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, visit);
	sqlite3_bind_int64(s, 2, case_id);
	if ((rc = pt_sq_run(db, s, e, "visits")))
		return rc;
	*added = sqlite3_changes(pt_sq(db)) == 1;
	return PT_OK;
}

int pt_sq_visits_query(pt_db *db, const struct pt_visit_q *q, pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_VISITS, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, q->leader, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, q->kinds, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, q->unit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, q->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, q->to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 6, q->id);
	sqlite3_bind_int(s, 7, q->bare);
	return pt_sq_cursor(db, s, false, out, e);
}

int pt_sq_schedule_clear(pt_db *db, pt_err *e)
{
	return pt_sq_exec(db, "DELETE FROM reception_schedule", e, "schedule");
}

int pt_sq_schedule_add(pt_db *db, const pt_record *r, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_SCHEDULE_ADD, e);

	if (!s)
		return PT_EDB;
	for (int i = 0; i < pt_schema_ncols(&pt_schedule_schema); i++)
		pt_sq_bind_opt(s, i + 1, pt_record_get(r, i));
	return pt_sq_run(db, s, e, "schedule");
}

int pt_sq_schedule_query(pt_db *db, pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s;
	int rc = pt_sq_prepare(db, "SELECT leader, post, unit, place, days, hours"
	                       " FROM reception_schedule ORDER BY id", &s, "schedule", e);

	return rc ? rc : pt_sq_cursor(db, s, true, out, e);
}

int pt_sq_visit_counts(pt_db *db, const char *from, const char *to, pt_cursor **out,
                       pt_err *e)
{
	sqlite3_stmt *s;
	int rc = pt_sq_prepare(db, counts_sql, &s, "visits", e);

	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}
