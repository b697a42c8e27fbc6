/* backlog.c - the PostgreSQL engine: a backlog case's file, as the SQLite
 * engine's. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[PG__COUNT] = {
	[PG_BACKLOG_GET] = "SELECT f.team, f.resolution,"
		" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = k.id),"
		" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = k.id"
		"  AND s.done_at IS NOT NULL)"
		" FROM (SELECT $1::bigint AS id) k LEFT JOIN backlog_files f ON f.case_id = k.id",
	[PG_BACKLOG_PUT] = "INSERT INTO backlog_files(case_id, team, resolution, reason,"
		" resolved_at, updated_at) VALUES ($1::bigint, $2, $3, $4, CASE WHEN $3::text"
		" IS NOT NULL THEN $5::text END, $5) ON CONFLICT (case_id) DO UPDATE SET"
		" team = coalesce(excluded.team, backlog_files.team),"
		" resolution = coalesce(excluded.resolution, backlog_files.resolution),"
		" reason = coalesce(excluded.reason, backlog_files.reason),"
		" resolved_at = coalesce(excluded.resolved_at, backlog_files.resolved_at),"
		" updated_at = excluded.updated_at",
	[PG_STEP_ADD] = "INSERT INTO backlog_steps(case_id, n, due, text, added_at)"
		" VALUES ($1::bigint, $2::integer, $3, $4, $5)",
	[PG_STEP_GET] = "SELECT due, added_at, done_at FROM backlog_steps"
		" WHERE case_id = $1::bigint AND n = $2::integer",
	[PG_STEP_DONE] = "UPDATE backlog_steps SET done_at = $3"
		" WHERE case_id = $1::bigint AND n = $2::integer AND done_at IS NULL",
};

int pt_pg_backlog_get(pt_db *db, int64_t case_id, struct pt_backlog_file *f, pt_err *e)
{
	char id[24];
	const char *v[] = {pt_pg_int(id, case_id)};
	PGresult *r = PG_RUN(db, PG_BACKLOG_GET, 1, v, "backlog", e);

	if (!r)
		return PT_EDB;
	if (PQntuples(r) == 1) {
		snprintf(f->team, sizeof f->team, "%s", PQgetvalue(r, 0, 0));
		snprintf(f->resolution, sizeof f->resolution, "%s", PQgetvalue(r, 0, 1));
		f->steps = atoi(PQgetvalue(r, 0, 2));
		f->done = atoi(PQgetvalue(r, 0, 3));
		f->found = *f->team || *f->resolution || f->steps;
	}
	PQclear(r);
	return PT_OK;
}

int pt_pg_backlog_put(pt_db *db, int64_t case_id, const char *team, const char *resolution,
                      const char *reason, pt_err *e)
{
	char id[24], now[21];
	const char *v[] = {pt_pg_int(id, case_id), team, resolution, reason, now};

	pt_pg_now(db, now);
	return PG_DEFER(db, PG_BACKLOG_PUT, 5, v, "backlog", e);
}

int pt_pg_step_add(pt_db *db, int64_t case_id, int n, const char *due, const char *text,
                   pt_err *e)
{
	char id[24], nb[24], now[21];
	const char *v[] = {pt_pg_int(id, case_id), pt_pg_int(nb, n), due, text, now};

	pt_pg_now(db, now);
	return PG_DEFER(db, PG_STEP_ADD, 5, v, "backlog steps", e);
}

int pt_pg_step_get(pt_db *db, int64_t case_id, int n, struct pt_step *s, pt_err *e)
{
	char id[24], nb[24];
	const char *v[] = {pt_pg_int(id, case_id), pt_pg_int(nb, n)};
	PGresult *r = PG_RUN(db, PG_STEP_GET, 2, v, "backlog steps", e);

	if (!r)
		return PT_EDB;
	if (PQntuples(r) == 1) {
		s->found = true;
		snprintf(s->due, sizeof s->due, "%s", PQgetvalue(r, 0, 0));
		snprintf(s->added_at, sizeof s->added_at, "%s", PQgetvalue(r, 0, 1));
		s->done = !PQgetisnull(r, 0, 2);
	}
	PQclear(r);
	return PT_OK;
}

int pt_pg_step_done(pt_db *db, int64_t case_id, int n, pt_err *e)
{
	char id[24], nb[24], now[21];
	const char *v[] = {pt_pg_int(id, case_id), pt_pg_int(nb, n), now};

	pt_pg_now(db, now);
	return PG_DEFER(db, PG_STEP_DONE, 3, v, "backlog steps", e);
}

/* As the SQLite engine's: $1 today, $2 the unit. */
#define FILES_SQL "SELECT c.unit, c.leader, f.resolution," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id)," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id" \
	"  AND s.done_at IS NOT NULL)," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id" \
	"  AND s.done_at IS NULL AND s.due < $1::text AND f.resolution IS NULL)" \
	" FROM cases c LEFT JOIN backlog_files f ON f.case_id = c.id" \
	" WHERE c.backlog = 1 AND c.status NOT IN ({uncounted})"

int pt_pg_backlog_files(pt_db *db, const char *unit, const char *today, pt_cursor **out,
                        pt_err *e)
{
	const char *v[] = {today, unit};

	if (unit)
		return pt_pg_cursor(db, FILES_SQL " AND c.unit IN " PT_PG_SUBTREE("$2")
		                    " ORDER BY c.id", 2, v, out, e);
	return pt_pg_cursor(db, FILES_SQL " ORDER BY c.id", 1, v, out, e);
}
