/* orders.c - the PostgreSQL engine: supervision orders, as the SQLite
 * engine's (lib/store/sqlite/orders.c). */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

static const char order_add_sql[] = "INSERT INTO orders(id, kind, source, issuer_unit,"
	" issuer, target_unit, theme, period_from, period_to, joint, due, text,"
	" issued_at, actor) SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7,"
	" $8, $9, $10, $11, $12, $13 FROM orders RETURNING id";

int pt_pg_order_add(pt_db *db, const struct pt_order_in *o, int64_t *id, pt_err *e)
{
	char now[21];
	const char *v[] = {o->kind, o->source, o->issuer_unit, o->issuer, o->target_unit,
	                   o->theme, o->period_from, o->period_to, o->joint, o->due, o->text,
	                   now, db->actor};
	PGresult *r;

	pt_pg_now(db, now);
	if (!(r = pt_pg_exec(db, order_add_sql, PT_NCOLS(v), v, "orders", e)))
		return PT_EDB;
	*id = PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return *id ? PT_OK : pt_error(e, PT_EDB, "%s: orders: no id given", db->path);
}

int pt_pg_order_case_add(pt_db *db, int64_t id, int64_t case_id, pt_err *e)
{
	char a[24], b[24];
	const char *v[] = {pt_pg_int(a, id), pt_pg_int(b, case_id)};

	return pt_pg_do(db, "INSERT INTO order_cases(order_id, case_id)"
	                " VALUES ($1::bigint, $2::bigint) ON CONFLICT DO NOTHING", 2, v,
	                "orders", e);
}

/* $1 the value (result, the unit raised to), $2 the time, $3 the order */
static const char *const set_sql[] = {
	[PT_OSET_RESULT] = "UPDATE orders SET result = $1, result_at = $2"
		" WHERE id = $3::bigint",
	[PT_OSET_REMINDED] = "UPDATE orders SET reminded_at = $2 WHERE id = $3::bigint"
		" AND $1::text IS NULL",
	[PT_OSET_ESCALATED] = "UPDATE orders SET escalated_at = $2, escalated_to = $1"
		" WHERE id = $3::bigint",
};

int pt_pg_order_set(pt_db *db, int64_t id, enum pt_order_set which, const char *v,
                    const char *at, pt_err *e)
{
	char b[24];
	const char *p[] = {v, at, pt_pg_int(b, id)};

	return pt_pg_do(db, set_sql[which], 3, p, "orders", e);
}

/* As the SQLite engine's list_sql: $1 orders, $2 records, $3 kind, $4
 * source, $5 unit, $6 $7 issued, $8 case, $9 order, $10 due by, $11 $12 acted. */
static const char list_sql[] =
	"SELECT o.id AS id, o.kind, o.source, o.issuer_unit, o.issuer, o.target_unit,"
	" u.parent, o.theme, o.period_from, o.period_to, o.joint, o.due, o.text,"
	" o.issued_at AS issued_at, o.result, o.result_at, o.reminded_at, o.escalated_at,"
	" o.escalated_to, (SELECT string_agg(c.case_no, ',' ORDER BY c.id)"
	"  FROM order_cases x JOIN cases c ON c.id = x.case_id WHERE x.order_id = o.id),"
	" NULL::text AS action, NULL::text, NULL::text, 2 * o.id AS seq"
	" FROM orders o LEFT JOIN units u ON u.code = o.target_unit"
	" WHERE $1::integer = 1 AND ($3::text IS NULL OR o.kind = $3)"
	" AND ($4::text IS NULL OR o.source = $4)"
	" AND ($5::text IS NULL OR o.target_unit IN " PT_PG_SUBTREE("$5") ")"
	" AND ($6::text IS NULL OR o.issued_at >= $6) AND ($7::text IS NULL OR o.issued_at < $7)"
	" AND ($8::bigint IS NULL OR EXISTS (SELECT 1 FROM order_cases x"
	"  WHERE x.order_id = o.id AND x.case_id = $8::bigint))"
	" AND ($9::bigint IS NULL OR o.id = $9::bigint)"
	" AND ($10::text IS NULL OR (o.result IS NULL AND o.due <= $10))"
	" AND ($11::text IS NULL OR (o.reminded_at >= $11 AND o.reminded_at < $12)"
	"  OR (o.escalated_at >= $11 AND o.escalated_at < $12))"
	" UNION ALL"
	" SELECT NULL, s.kind, NULL, NULL, NULL, s.unit, u.parent, NULL, NULL, NULL, NULL,"
	" s.due, s.rule, s.at, NULL, NULL, NULL, NULL, NULL, c.case_no, s.action, s.clock,"
	" CASE WHEN d.clock IS NOT NULL AND d.stopped_at IS NULL THEN '1' ELSE '0' END, 2 * s.id + 1"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" LEFT JOIN units u ON u.code = s.unit"
	" LEFT JOIN deadlines d ON d.case_id = s.case_id AND d.clock = s.clock"
	" WHERE $2::integer = 1 AND ($3::text IS NULL OR s.kind = $3)"
	" AND ($5::text IS NULL OR s.unit IN " PT_PG_SUBTREE("$5") ")"
	" AND ($6::text IS NULL OR s.at >= $6) AND ($7::text IS NULL OR s.at < $7)"
	" AND ($8::bigint IS NULL OR s.case_id = $8::bigint)"
	" ORDER BY issued_at, seq";

int pt_pg_orders_query(pt_db *db, const struct pt_order_query *q, pt_cursor **out,
                       pt_err *e)
{
	char c[24], i[24];
	const char *v[] = {q->orders ? "1" : "0", q->computed ? "1" : "0", q->kind, q->source,
	                   q->unit, q->from, q->before,
	                   q->case_id ? pt_pg_int(c, q->case_id) : NULL,
	                   q->id ? pt_pg_int(i, q->id) : NULL, q->due_to, q->acted_from,
	                   q->acted_before};

	return pt_pg_cursor(db, list_sql, PT_NCOLS(v), v, out, e);
}

int pt_pg_order_cases(pt_db *db, int64_t id, pt_cursor **out, pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, id)};

	return pt_pg_cursor_small(db, "SELECT case_id FROM order_cases"
	                          " WHERE order_id = $1::bigint ORDER BY case_id", 1, v, out, e);
}
