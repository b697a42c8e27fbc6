/* supervisions.c - the PostgreSQL engine: supervision records and the
 * queries of the morning run (petition-escalate). */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[PG__COUNT] = {
	/* once per case, clock and action, whatever the due date: a clock
	 * extended or started again is the same lapse (petition-escalate(1)) */
	[PG_SUPERVISION_GET] = "SELECT at FROM supervisions"
		" WHERE case_id = $1 AND clock = $2 AND action = $3 ORDER BY id LIMIT 1",
	[PG_SUPERVISION_ADD] = "INSERT INTO supervisions(id, case_id, clock, action, kind,"
		" unit, handler, leader, at, due, days_overdue, rule)"
		" SELECT (SELECT coalesce(max(id), 0) + 1 FROM supervisions),"
		" $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::integer, $11"
		" WHERE NOT EXISTS (SELECT 1 FROM supervisions"
		"  WHERE case_id = $1 AND clock = $2 AND action = $3)"
		" ON CONFLICT DO NOTHING",
	[PG_SUPERVISIONS] = "SELECT at, action, kind, clock, unit, handler, leader, due,"
		" days_overdue, rule FROM supervisions WHERE case_id = $1 ORDER BY id",
};

/* When a supervision of a case's clock was recorded: PT_OK, or PT_EINPUT. */
int pt_pg_supervision_at(pt_db *db, int64_t case_id, const char *clock,
                         const char *action, int64_t *at, pt_err *e)
{
	char id[24];
	const char *v[] = {pt_pg_int(id, case_id), clock, action};
	PGresult *r = PG_RUN(db, PG_SUPERVISION_GET, 3, v, "supervisions", e);
	bool found;

	if (!r)
		return PT_EDB;
	if ((found = PQntuples(r) == 1) && pt_time_parse(PQgetvalue(r, 0, 0), at))
		*at = 0;
	PQclear(r);
	return found ? PT_OK : PT_EINPUT;
}

/* Records a supervision once per case, clock and action; *added says if new. */
int pt_pg_supervision_add(pt_db *db, const struct pt_supervision *v, bool *added,
                          pt_err *e)
{
	char id[24], now[21], days[24];
	const char *p[] = {pt_pg_int(id, v->case_id), v->clock, v->action, v->kind, v->unit,
	                   v->handler, v->leader, now, v->due,
	                   v->due ? pt_pg_int(days, v->days_overdue) : NULL, v->rule};
	PGresult *r;

	pt_pg_now(db, now);
	if (!(r = PG_RUN(db, PG_SUPERVISION_ADD, 11, p, "supervisions", e)))
		return PT_EDB;
	*added = !strcmp(PQcmdTuples(r), "1");
	PQclear(r);
	return PT_OK;
}

int pt_pg_supervisions_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return pt_pg_by_id(db, PG_SUPERVISIONS, sql_text[PG_SUPERVISIONS], case_id, out, e);
}

#define ESC_COLUMNS "c.id, c.case_no, c.unit, u.parent, c.handler, c.leader," \
	" c.extended, c.collective, c.risk, c.received_at, c.status"
#define ESC_UNIT " AND c.unit IN " PT_PG_SUBTREE("$2")

/* The escalation queries, as the SQLite engine's; $2 limits to a unit. */
static const char *const esc_sql[PT_ESC__COUNT] = {
	[PT_ESC_STEPS] = "SELECT " ESC_COLUMNS ", s.n::text, s.due FROM backlog_steps s"
		" JOIN cases c ON c.id = s.case_id"
		" LEFT JOIN backlog_files f ON f.case_id = c.id LEFT JOIN units u ON u.code = c.unit"
		" WHERE s.done_at IS NULL AND s.due < $1 AND f.resolution IS NULL"
		" AND c.backlog = 1 AND c.status NOT IN ({done}) ORDER BY s.due, c.id, s.n",
	[PT_ESC_DUE] = "SELECT " ESC_COLUMNS ", d.clock, d.due FROM deadlines d"
		" JOIN cases c ON c.id = d.case_id LEFT JOIN units u ON u.code = c.unit"
		" WHERE d.stopped_at IS NULL AND d.duty = 1 AND d.due <= $1"
		" ORDER BY d.due, c.id",
	[PT_ESC_OLD] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0"
		" AND c.status IN ({open_literal})"
		" AND c.received_at < $1 ORDER BY c.received_at LIMIT 256",
	[PT_ESC_REVIEWED] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0"
		" AND c.status IN ({review}) AND $1::text IS NOT NULL"
		" ORDER BY c.id LIMIT 256",
	[PT_ESC_REPEATED] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0 AND c.repeats >= 2"
		" AND c.repeats >= $1::text::integer - 1"
		" AND c.status NOT IN ({done})"
		" ORDER BY c.id LIMIT 256",
	[PT_ESC_NO_LEADER] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 1 AND c.leader IS NULL"
		" AND c.status NOT IN ({done})"
		" AND $1::text IS NOT NULL ORDER BY c.id",
};

/* A cursor for query q over the unit subtree (unit may be NULL). */
int pt_pg_escalation(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
                     pt_cursor **out, pt_err *e)
{
	const char *base = esc_sql[q], *order = strstr(base, " ORDER BY");
	const char *v[] = {arg, unit};
	pt_buf sql = {0};
	int rc;

	pt_buf_add(&sql, base, (size_t)(order - base));
	if (unit)
		pt_buf_adds(&sql, ESC_UNIT);
	pt_buf_adds(&sql, order);
	rc = sql.p ? pt_pg_cursor(db, sql.p, unit ? 2 : 1, v, out, e) :
		pt_error(e, PT_EDB, "out of memory");
	pt_buf_free(&sql);
	return rc;
}

/* The supervision records made in [$1, $2), as petition-escalate printed them. */
static const char made_sql[] =
	"SELECT s.action, c.case_no,"
	" CASE s.action WHEN 'escalate' THEN (SELECT p.unit FROM supervisions p"
	"  WHERE p.case_id = s.case_id AND p.clock = s.clock AND p.action = 'supervise'"
	"  AND coalesce(p.due, '') = coalesce(s.due, '')) ELSE s.unit END,"
	" CASE s.action WHEN 'escalate' THEN s.unit"
	"  ELSE (SELECT parent FROM units WHERE code = s.unit) END,"
	" s.handler, s.leader, s.clock, s.due,"
	" CASE WHEN s.due IS NULL THEN NULL ELSE s.days_overdue END, s.rule"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" WHERE s.at >= $1 AND s.at < $2 AND ($3::text IS NULL OR c.unit IN "
	PT_PG_SUBTREE("$3") ")"
	" ORDER BY s.id";

int pt_pg_supervisions_made(pt_db *db, const char *from, const char *before,
                            const char *unit, pt_cursor **out, pt_err *e)
{
	const char *v[] = {from, before, unit};

	return pt_pg_cursor(db, made_sql, 3, v, out, e);
}
