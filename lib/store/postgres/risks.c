/* risks.c - the PostgreSQL engine: the register of risks, its course and
 * the cases linked to each (lib/risk.c). */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[PG__COUNT] = {
	[PG_RISK_INSERT] = "INSERT INTO risks(id, matter, kind, source, unit, level, step,"
		" found_at, created_at) SELECT (SELECT coalesce(max(id), 0) + 1 FROM risks),"
		" $1, $2, $3, $4, $5, $6, $7, $8 RETURNING id",
	[PG_RISK_SET] = "UPDATE risks SET step = $2, urgent_at = coalesce($3, urgent_at)"
		" WHERE id = $1::bigint",
	[PG_RISK_EVENT] = "INSERT INTO risk_events(id, risk_id, at, actor, action, from_step,"
		" to_step, text, unit) SELECT (SELECT coalesce(max(id), 0) + 1 FROM risk_events),"
		" $1::bigint, $2, $3, $4, $5, $6, $7, $8",
	[PG_RISK_LINK] = "INSERT INTO risk_cases(risk_id, case_id, at)"
		" VALUES ($1::bigint, $2::bigint, $3) ON CONFLICT DO NOTHING",
	[PG_RISK_EVENTS] = "SELECT risk_id, at, actor, action, from_step, to_step, text, unit"
		" FROM risk_events WHERE risk_id = $1 ORDER BY id",
};

/* $8: the urgent risks not reported yet (of level $8, not at step $9) */
static const char risks_sql[] =
	"SELECT r.id, r.found_at, r.matter, r.kind, r.source, r.level, r.step, r.unit, u.name,"
	" (SELECT string_agg(c.case_no, ',' ORDER BY c.id) FROM risk_cases rc"
	"  JOIN cases c ON c.id = rc.case_id WHERE rc.risk_id = r.id),"
	" r.urgent_at FROM risks r LEFT JOIN units u ON u.code = r.unit"
	" WHERE ($1::bigint = 0 OR r.id = $1::bigint) AND ($2::text IS NULL OR r.kind = $2)"
	" AND ($3::text IS NULL OR r.step = $3) AND ($4::text IS NULL OR r.level = $4)"
	" AND ($5::text IS NULL OR r.unit IN " PT_PG_SUBTREE("$5") ")"
	" AND ($6::text IS NULL OR r.found_at >= $6) AND ($7::text IS NULL OR r.found_at < $7)"
	" AND ($8::text IS NULL OR (r.level = $8 AND r.step <> $9 AND r.urgent_at IS NULL))"
	" ORDER BY r.id";

static const char acts_sql[] =
	"SELECT unit, $3::text COLLATE \"C\" FROM risks WHERE found_at >= $1 AND found_at < $2"
	" UNION ALL SELECT r.unit, e.to_step FROM risk_events e JOIN risks r"
	" ON r.id = e.risk_id WHERE e.action = $4 AND e.at >= $1 AND e.at < $2";

int pt_pg_risk_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e)
{
	char now[21];
	const char *v[] = {pt_record_get(r, PT_R_MATTER), pt_record_get(r, PT_R_KIND),
	                   pt_record_get(r, PT_R_SOURCE), pt_record_get(r, PT_R_UNIT),
	                   pt_record_get(r, PT_R_LEVEL), pt_record_get(r, PT_R_STEP),
	                   pt_record_get(r, PT_R_FOUND_AT), now};
	PGresult *res;

	pt_pg_now(db, now);
	if (!(res = PG_RUN(db, PG_RISK_INSERT, 8, v, "risks", e)))
		return PT_EDB;
	*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return PT_OK;
}

int pt_pg_risk_set(pt_db *db, int64_t id, const char *step, const char *urgent_at,
                   pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, id), step, urgent_at};

	return PG_DEFER(db, PG_RISK_SET, 3, v, "risks", e);
}

int pt_pg_risk_event_add(pt_db *db, const struct pt_risk_event *ev, pt_err *e)
{
	char b[24], now[21];
	const char *v[] = {pt_pg_int(b, ev->risk_id), now, db->actor, ev->action, ev->from,
	                   ev->to, ev->text, ev->unit};

	pt_pg_now(db, now);
	return PG_DEFER(db, PG_RISK_EVENT, 8, v, "risk events", e);
}

int pt_pg_risk_link(pt_db *db, int64_t risk_id, int64_t case_id, bool *added, pt_err *e)
{
	char a[24], b[24], now[21];
	const char *v[] = {pt_pg_int(a, risk_id), pt_pg_int(b, case_id), now};
	PGresult *r;

	pt_pg_now(db, now);
	if (!(r = PG_RUN(db, PG_RISK_LINK, 3, v, "risk cases", e)))
		return PT_EDB;
	*added = !strcmp(PQcmdTuples(r), "1");
	PQclear(r);
	return PT_OK;
}

static const char *nonempty(const char *v) { return v && *v ? v : NULL; }

int pt_pg_risks_query(pt_db *db, const struct pt_risk_spec *q, pt_cursor **out, pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, q->id), q->kind, q->step, q->level, q->unit,
	                   nonempty(q->found_from), nonempty(q->found_before),
	                   q->unreported_level, q->unreported_not_step};

	return pt_pg_cursor(db, risks_sql, 9, v, out, e);
}

int pt_pg_risk_events_query(pt_db *db, int64_t risk_id, pt_cursor **out, pt_err *e)
{
	return pt_pg_by_id(db, PG_RISK_EVENTS, sql_text[PG_RISK_EVENTS], risk_id, out, e);
}

int pt_pg_risk_acts(pt_db *db, const char *from, const char *before, const char *found,
                    const char *step_action, pt_cursor **out, pt_err *e)
{
	const char *v[] = {from, before, found, step_action};

	return pt_pg_cursor(db, acts_sql, 4, v, out, e);
}
