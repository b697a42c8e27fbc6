/* rosters.c - the SQLite engine: the duty rosters of the key periods
 * (lib/roster.c), a row a day, each change an event. */
#include "sqlite.h"

static const char *const sql_text[ST__COUNT] = {
	[ST_ROSTER_PUT] = "INSERT INTO rosters(period, day, on_duty, leader, set_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (period, day) DO UPDATE SET"
		" on_duty = coalesce(excluded.on_duty, on_duty),"
		" leader = coalesce(excluded.leader, leader), set_at = excluded.set_at",
	[ST_ROSTER_EVENT] = "INSERT INTO roster_events(period, day, on_duty, leader, at, actor)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

static const char rosters_sql[] =
	"SELECT day, on_duty, leader FROM rosters WHERE period = ?1"
	" AND day >= ?2 AND day <= ?3 ORDER BY day";

/* The statement id with the day bound (?1 to ?4) and the time now (?5),
 * and the actor (?6) when it has one: NULL on an error. */
static sqlite3_stmt *bound(pt_db *db, enum pt_sq_stmt id, const struct pt_roster_day *d,
                           pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, id, e);
	char now[21];

	if (!s)
		return NULL;
	pt_sq_now(db, now);
	sqlite3_bind_text(s, 1, d->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, d->day, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 3, d->on_duty);
	pt_sq_bind_opt(s, 4, d->leader);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) == 6)
		sqlite3_bind_text(s, 6, db->actor, -1, SQLITE_STATIC);
	return s;
}

int pt_sq_roster_put(pt_db *db, const struct pt_roster_day *d, pt_err *e)
{
	sqlite3_stmt *s = bound(db, ST_ROSTER_PUT, d, e);

	return s ? pt_sq_run(db, s, e, "rosters") : PT_EDB;
}

int pt_sq_roster_event_add(pt_db *db, const struct pt_roster_day *d, pt_err *e)
{
	sqlite3_stmt *s = bound(db, ST_ROSTER_EVENT, d, e);

	return s ? pt_sq_run(db, s, e, "roster events") : PT_EDB;
}

int pt_sq_rosters_query(pt_db *db, const char *period, const char *from, const char *to,
                        pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = pt_sq_prepare(db, rosters_sql, &s, "rosters", e);

	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}
