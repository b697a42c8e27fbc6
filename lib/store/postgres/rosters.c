/* rosters.c - the PostgreSQL engine: the duty rosters of the key periods
 * (lib/roster.c), a row a day, each change an event. */
#include "pg.h"

static const char *const sql_text[PG__COUNT] = {
	[PG_ROSTER_PUT] = "INSERT INTO rosters(period, day, on_duty, leader, set_at)"
		" VALUES ($1, $2, $3, $4, $5) ON CONFLICT (period, day) DO UPDATE SET"
		" on_duty = coalesce(excluded.on_duty, rosters.on_duty),"
		" leader = coalesce(excluded.leader, rosters.leader), set_at = excluded.set_at",
	[PG_ROSTER_EVENT] = "INSERT INTO roster_events(id, period, day, on_duty, leader, at,"
		" actor) SELECT (SELECT coalesce(max(id), 0) + 1 FROM roster_events),"
		" $1, $2, $3, $4, $5, $6",
};

static const char rosters_sql[] =
	"SELECT day, on_duty, leader FROM rosters WHERE period = $1"
	" AND day >= $2 AND day <= $3 ORDER BY day";

int pt_pg_roster_put(pt_db *db, const struct pt_roster_day *d, pt_err *e)
{
	char now[21];
	const char *v[] = {d->period, d->day, d->on_duty, d->leader, now};

	pt_pg_now(db, now);
	return PG_DEFER(db, PG_ROSTER_PUT, 5, v, "rosters", e);
}

int pt_pg_roster_event_add(pt_db *db, const struct pt_roster_day *d, pt_err *e)
{
	char now[21];
	const char *v[] = {d->period, d->day, d->on_duty, d->leader, now, db->actor};

	pt_pg_now(db, now);
	return PG_DEFER(db, PG_ROSTER_EVENT, 6, v, "roster events", e);
}

int pt_pg_rosters_query(pt_db *db, const char *period, const char *from, const char *to,
                        pt_cursor **out, pt_err *e)
{
	const char *v[] = {period, from, to};

	return pt_pg_cursor(db, rosters_sql, 3, v, out, e);
}
