/* visits.c - the PostgreSQL engine: leaders' receptions and visits, the
 * cases each concerned, and the reception schedule. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

/* the columns of pt_visit_schema; the case numbers in the order of their ids */
static const char visits_sql[] =
	"SELECT v.id, v.kind, v.date, v.leader, v.post, v.unit, u.name, v.place,"
	" CASE WHEN $7::boolean THEN NULL ELSE (SELECT string_agg(c.case_no, ',' ORDER BY c.id)"
	"  FROM visit_cases vc JOIN cases c ON c.id = vc.case_id WHERE vc.visit_id = v.id) END,"
	" v.people, v.decision, v.actor, v.at"
	" FROM visits v JOIN units u ON u.code = v.unit"
	" WHERE ($1::text IS NULL OR v.leader = $1::text)"
	" AND ($2::text IS NULL OR strpos(',' || $2::text || ',', ',' || v.kind || ',') > 0)"
	" AND ($3::text IS NULL OR v.unit IN " PT_PG_SUBTREE("$3") ")"
	" AND ($4::text IS NULL OR v.date >= $4::text)"
	" AND ($5::text IS NULL OR v.date <= $5::text)"
	" AND ($6::bigint = 0 OR v.id = $6::bigint)"
	" ORDER BY v.date, v.id";

static const char counts_sql[] =
	"SELECT unit, leader, kind, count(*) FROM visits"
	" WHERE ($1::text IS NULL OR date >= $1::text) AND ($2::text IS NULL OR date <= $2::text)"
	" GROUP BY unit, leader, kind ORDER BY unit, leader, kind";

int pt_pg_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e)
{
	char now[21];
	const char *p[] = {v->kind, v->date, v->leader, v->post, v->unit, v->place,
	                   v->people, v->decision, db->actor, now};
	PGresult *r;

	pt_pg_now(db, now);
	if (!(r = pt_pg_exec(db, "INSERT INTO visits(id, kind, date, leader, post, unit, place,"
	                     " people, decision, actor, at) SELECT coalesce(max(id), 0) + 1,"
	                     " $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM visits RETURNING id",
	                     10, p, "visits", e)))
		return PT_EDB;
	*id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return PT_OK;
}

int pt_pg_visit_link(pt_db *db, int64_t visit, int64_t case_id, bool *added, pt_err *e)
{
	char a[24], b[24];
	const char *p[] = {pt_pg_int(a, visit), pt_pg_int(b, case_id)};
	PGresult *r = pt_pg_exec(db, "INSERT INTO visit_cases(visit_id, case_id)"
	                         " VALUES ($1::bigint, $2::bigint) ON CONFLICT DO NOTHING",
	                         2, p, "visits", e);

	if (!r)
		return PT_EDB;
	*added = !strcmp(PQcmdTuples(r), "1");
	PQclear(r);
	return PT_OK;
}

int pt_pg_visits_query(pt_db *db, const struct pt_visit_q *q, pt_cursor **out, pt_err *e)
{
	char id[24];
	const char *p[] = {q->leader, q->kinds, q->unit, q->from, q->to, pt_pg_int(id, q->id),
	                   q->bare ? "true" : "false"};

	return pt_pg_cursor(db, visits_sql, 7, p, out, e);
}

int pt_pg_schedule_clear(pt_db *db, pt_err *e)
{
	return pt_pg_do(db, "DELETE FROM reception_schedule", 0, NULL, "schedule", e);
}

int pt_pg_schedule_add(pt_db *db, const pt_record *r, pt_err *e)
{
	const char *p[6];

	for (int i = 0; i < 6; i++)
		p[i] = pt_record_get(r, i);
	return pt_pg_do(db, "INSERT INTO reception_schedule(id, leader, post, unit, place,"
	                " days, hours) SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6"
	                " FROM reception_schedule", 6, p, "schedule", e);
}

int pt_pg_schedule_query(pt_db *db, pt_cursor **out, pt_err *e)
{
	return pt_pg_cursor_small(db, "SELECT leader, post, unit, place, days, hours"
	                          " FROM reception_schedule ORDER BY id", 0, NULL, out, e);
}

int pt_pg_visit_counts(pt_db *db, const char *from, const char *to, pt_cursor **out,
                       pt_err *e)
{
	const char *p[] = {from, to};

	return pt_pg_cursor(db, counts_sql, 2, p, out, e);
}
