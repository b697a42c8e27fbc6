/* exchange.c - the PostgreSQL engine: settings, Lamport clocks and the events
 * offices exchange. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

/* as SQLite orders them: an event made before the office was set (no clock)
 * first */
#define XROW_COLUMNS "SELECT c.id, c.uuid, c.case_no, c.unit, e.id, e.event_id," \
	" e.origin, e.lamport, e.at, e.actor, e.unit, e.action, e.from_status," \
	" e.to_status, e.details, e.changes FROM events e JOIN cases c ON c.id = e.case_id"
#define XROW_ORDER " AND e.changes IS NOT NULL" \
	" ORDER BY e.case_id, e.lamport NULLS FIRST, e.id"

static const char *const sql_text[PG__COUNT] = {
	[PG_SETTING_GET] = "SELECT value FROM settings WHERE key = $1",
	[PG_SETTING_PUT] = "INSERT INTO settings(key, value) VALUES ($1, $2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[PG_LAMPORT_MAX] = "SELECT coalesce(max(lamport), 0) FROM events"
		" WHERE lamport IS NOT NULL",
	[PG_SEEN] = "SELECT origin, max(lamport) FROM events WHERE case_id = $1"
		" AND origin IS NOT NULL AND origin <> $2 AND lamport IS NOT NULL"
		" GROUP BY origin ORDER BY origin",
	[PG_CASE_KEYS] = "SELECT uuid, unit FROM cases WHERE id = $1",
	/* one round trip: by id, else (origin self) one of self's own clock */
	[PG_EVENT_KNOWN] = "SELECT EXISTS (SELECT 1 FROM events WHERE event_id = $1)"
		" OR ($3::text = $2::text AND EXISTS (SELECT 1 FROM events"
		" WHERE lamport = $4::bigint AND lamport IS NOT NULL"
		" AND (origin IS NULL OR origin = $2)))",
	[PG_XROWS_CASE] = XROW_COLUMNS " WHERE e.case_id = $1" XROW_ORDER,
	[PG_EVENTS_NEWEST] = "SELECT coalesce(max(id), 0) FROM events",
	[PG_DEADLINE_PUT] = "INSERT INTO deadlines(case_id, clock, start, due, rule, duty,"
		" stopped_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
		" ON CONFLICT(case_id, clock) DO UPDATE SET start = excluded.start,"
		" due = excluded.due, rule = excluded.rule, duty = excluded.duty,"
		" stopped_at = excluded.stopped_at",
};

/* the many events of a bundle: a server-side cursor, read in batches */
static const char xrows_after[] = XROW_COLUMNS " WHERE e.case_id IN"
	" (SELECT case_id FROM events WHERE id > $1)" XROW_ORDER;
static const char xrows_since[] = XROW_COLUMNS " WHERE e.case_id IN"
	" (SELECT case_id FROM events WHERE arrived_at >= $1)" XROW_ORDER;

int pt_pg_setting_get(pt_db *db, const char *key, char *out, size_t n, bool *found,
                      pt_err *e)
{
	const char *v[] = {key};
	PGresult *r = PG_RUN(db, PG_SETTING_GET, 1, v, "settings", e);

	*found = false;
	if (!r)
		return PT_EDB;
	if ((*found = PQntuples(r) == 1))
		snprintf(out, n, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return PT_OK;
}

int pt_pg_setting_put(pt_db *db, const char *key, const char *value, pt_err *e)
{
	const char *v[] = {key, value};

	return PG_DEFER(db, PG_SETTING_PUT, 2, v, "settings", e);
}

/* One integer from a statement without parameters. */
static int one_int(pt_db *db, enum pt_pg_stmt id, int64_t *out, pt_err *e)
{
	PGresult *r = PG_RUN(db, id, 0, NULL, "history", e);

	*out = 0;
	if (!r)
		return PT_EDB;
	if (PQntuples(r) == 1)
		*out = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return PT_OK;
}

int pt_pg_lamport_max(pt_db *db, int64_t *out, pt_err *e)
{
	return one_int(db, PG_LAMPORT_MAX, out, e);
}

int pt_pg_events_newest(pt_db *db, int64_t *id, pt_err *e)
{
	return one_int(db, PG_EVENTS_NEWEST, id, e);
}

int pt_pg_seen(pt_db *db, int64_t case_id, const char *self,
               int (*fn)(void *, const char *, int64_t), void *arg, pt_err *e)
{
	char id[24];
	const char *v[] = {pt_pg_int(id, case_id), self};
	PGresult *r = PG_RUN(db, PG_SEEN, 2, v, "history", e);
	int rc = PT_OK;

	if (!r)
		return PT_EDB;
	for (int i = 0; !rc && i < PQntuples(r); i++)
		if (fn(arg, PQgetvalue(r, i, 0), strtoll(PQgetvalue(r, i, 1), NULL, 10)))
			rc = pt_error(e, PT_EDB, "out of memory");
	PQclear(r);
	return rc;
}

int pt_pg_case_keys(pt_db *db, int64_t id, char uuid[37], char *unit, size_t n, pt_err *e)
{
	char *out[] = {uuid, unit};
	const size_t sizes[] = {37, n};
	bool found;
	int rc = pt_pg_case_columns(db, PG_CASE_KEYS, sql_text[PG_CASE_KEYS], id, 2, out,
	                            sizes, &found, "history", e);

	if (rc || found)
		return rc;
	return pt_error(e, PT_EDB, "history: case %" PRId64 " is gone", id);
}

int pt_pg_event_known(pt_db *db, const char *event_id, const char *self, const char *origin,
                      int64_t lamport, bool *known, pt_err *e)
{
	char l[24];
	const char *v[] = {event_id, self, origin, pt_pg_int(l, lamport)};
	PGresult *r = PG_RUN(db, PG_EVENT_KNOWN, 4, v, "history", e);

	*known = false;
	if (!r)
		return PT_EDB;
	*known = PQntuples(r) == 1 && !strcmp(PQgetvalue(r, 0, 0), "t");
	PQclear(r);
	return PT_OK;
}

int pt_pg_exchange_rows(pt_db *db, int64_t case_id, int64_t after, const char *since,
                        pt_cursor **out, pt_err *e)
{
	char b[24];
	const char *v[] = {since ? since : pt_pg_int(b, after)};

	if (case_id)
		return pt_pg_by_id(db, PG_XROWS_CASE, sql_text[PG_XROWS_CASE], case_id, out, e);
	return pt_pg_cursor(db, since ? xrows_since : xrows_after, 1, v, out, e);
}

int pt_pg_deadline_put(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, const char *stopped_at,
                       pt_err *e)
{
	char id[24];
	const char *v[] = {pt_pg_int(id, case_id), clock, start, due, rule, duty ? "1" : "0",
	                   stopped_at};
	return PG_DEFER(db, PG_DEADLINE_PUT, 7, v, "deadlines", e);
}

int pt_pg_case_next_due(pt_db *db, int64_t case_id, pt_err *e)
{
	char id[24];

	return pt_pg_next_due_update(db, pt_pg_int(id, case_id), e);
}
