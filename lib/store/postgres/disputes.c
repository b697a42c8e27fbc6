/* disputes.c - the PostgreSQL engine: pollution-damage disputes, the course
 * of their mediation and the cases each came from (lib/mediate.c). */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[PG__COUNT] = {
	[PG_DISPUTE_INSERT] = "INSERT INTO disputes(id, injured, injured_phone, accused, damage,"
		" unit, step, filed_at, created_at) SELECT (SELECT coalesce(max(id), 0) + 1"
		" FROM disputes), $1, $2, $3, $4, $5, $6, $7, $8 RETURNING id",
	[PG_DISPUTE_SET] = "UPDATE disputes SET step = $2, consent_at = coalesce($3, consent_at),"
		" due = coalesce($4, due), remedy = coalesce($5, remedy),"
		" outcome_at = coalesce($6, outcome_at) WHERE id = $1::bigint",
	[PG_DISPUTE_EVENT] = "INSERT INTO dispute_events(id, dispute_id, at, actor, action,"
		" from_step, to_step, day, place, text, unit) SELECT (SELECT coalesce(max(id), 0)"
		" + 1 FROM dispute_events), $1::bigint, $2, $3, $4, $5, $6, $7, $8, $9, $10",
	[PG_DISPUTE_LINK] = "INSERT INTO dispute_cases(dispute_id, case_id, at)"
		" VALUES ($1::bigint, $2::bigint, $3) ON CONFLICT DO NOTHING",
	[PG_DISPUTE_EVENTS] = "SELECT dispute_id, at, actor, action, from_step, to_step, day,"
		" place, text, unit FROM dispute_events WHERE dispute_id = $1 ORDER BY id",
};

/* $7: due on or before it, in mediation (at step $8 or $9); $10: the
 * action counted as a session */
static const char disputes_sql[] =
	"SELECT d.id, d.filed_at, d.injured, d.injured_phone, d.accused, d.damage, d.unit,"
	" u.name, d.step,"
	" (SELECT string_agg(c.case_no, ',' ORDER BY c.id) FROM dispute_cases dc"
	"  JOIN cases c ON c.id = dc.case_id WHERE dc.dispute_id = d.id),"
	" d.consent_at, d.due,"
	" (SELECT count(*) FROM dispute_events x WHERE x.dispute_id = d.id"
	"  AND x.action = $10::text),"
	" d.remedy, d.outcome_at FROM disputes d LEFT JOIN units u ON u.code = d.unit"
	" WHERE ($1::bigint = 0 OR d.id = $1::bigint) AND ($2::text IS NULL OR d.step = $2)"
	" AND ($3::text IS NULL OR d.remedy = $3)"
	" AND ($4::text IS NULL OR d.unit IN " PT_PG_SUBTREE("$4") ")"
	" AND ($5::text IS NULL OR d.filed_at >= $5) AND ($6::text IS NULL OR d.filed_at < $6)"
	" AND ($7::text IS NULL OR (d.due <= $7 AND d.step IN ($8, $9))) ORDER BY d.id";

/* $1: before it; $2: the act of a filing, and the action of the events left out */
static const char acts_sql[] =
	"SELECT id, $2::text COLLATE \"C\", filed_at, unit, due FROM disputes WHERE filed_at < $1"
	" UNION ALL SELECT x.dispute_id, x.action, x.at, d.unit, d.due FROM dispute_events x"
	" JOIN disputes d ON d.id = x.dispute_id WHERE x.at < $1 AND x.action <> $2"
	" ORDER BY 1";

int pt_pg_dispute_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e)
{
	char now[21];
	const char *v[] = {pt_record_get(r, PT_D_INJURED), pt_record_get(r, PT_D_INJURED_PHONE),
	                   pt_record_get(r, PT_D_ACCUSED), pt_record_get(r, PT_D_DAMAGE),
	                   pt_record_get(r, PT_D_UNIT), pt_record_get(r, PT_D_STEP),
	                   pt_record_get(r, PT_D_FILED_AT), now};
	PGresult *res;

	pt_pg_now(db, now);
	if (!(res = PG_RUN(db, PG_DISPUTE_INSERT, 8, v, "disputes", e)))
		return PT_EDB;
	*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return PT_OK;
}

int pt_pg_dispute_set(pt_db *db, int64_t id, const struct pt_dispute_change *c, pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, id), c->step, c->consent_at, c->due, c->remedy,
	                   c->outcome_at};

	return PG_DEFER(db, PG_DISPUTE_SET, 6, v, "disputes", e);
}

int pt_pg_dispute_event_add(pt_db *db, const struct pt_dispute_event *ev, pt_err *e)
{
	char b[24], now[21];
	const char *v[] = {pt_pg_int(b, ev->dispute_id), now, db->actor, ev->action, ev->from,
	                   ev->to, ev->day, ev->place, ev->text, ev->unit};

	pt_pg_now(db, now);
	return PG_DEFER(db, PG_DISPUTE_EVENT, 10, v, "dispute events", e);
}

int pt_pg_dispute_link(pt_db *db, int64_t dispute_id, int64_t case_id, bool *added,
                       pt_err *e)
{
	char a[24], b[24], now[21];
	const char *v[] = {pt_pg_int(a, dispute_id), pt_pg_int(b, case_id), now};
	PGresult *r;

	pt_pg_now(db, now);
	if (!(r = PG_RUN(db, PG_DISPUTE_LINK, 3, v, "dispute cases", e)))
		return PT_EDB;
	*added = !strcmp(PQcmdTuples(r), "1");
	PQclear(r);
	return PT_OK;
}

static const char *nonempty(const char *v) { return v && *v ? v : NULL; }

int pt_pg_disputes_query(pt_db *db, const struct pt_dispute_spec *q, pt_cursor **out,
                         pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, q->id), q->step, q->remedy, q->unit,
	                   nonempty(q->filed_from), nonempty(q->filed_before), q->due_by,
	                   q->open, q->open2, q->session};

	return pt_pg_cursor(db, disputes_sql, 10, v, out, e);
}

int pt_pg_dispute_events_query(pt_db *db, int64_t dispute_id, pt_cursor **out, pt_err *e)
{
	return pt_pg_by_id(db, PG_DISPUTE_EVENTS, sql_text[PG_DISPUTE_EVENTS], dispute_id, out, e);
}

int pt_pg_dispute_acts(pt_db *db, const char *before, const char *filed, pt_cursor **out,
                       pt_err *e)
{
	const char *v[] = {before, filed};

	return pt_pg_cursor(db, acts_sql, 2, v, out, e);
}
