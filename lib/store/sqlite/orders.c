/* orders.c - the SQLite engine: supervision orders issued by hand, and the
 * one listing of orders and computed supervision records. */
#include "sqlite.h"
#include <string.h>

static const char order_add_sql[] = "INSERT INTO orders(kind, source, issuer_unit,"
	" issuer, target_unit, theme, period_from, period_to, joint, due, text,"
	" issued_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

int pt_sq_order_add(pt_db *db, const struct pt_order_in *o, int64_t *id, pt_err *e)
{
	const char *v[] = {o->kind, o->source, o->issuer_unit, o->issuer, o->target_unit,
	                   o->theme, o->period_from, o->period_to, o->joint, o->due, o->text};
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = pt_sq_prepare(db, order_add_sql, &s, "orders", e)))
		return rc;
	for (int i = 0; i < PT_NCOLS(v); i++)
		pt_sq_bind_opt(s, i + 1, v[i]);
	pt_sq_now(db, now);
	sqlite3_bind_text(s, 12, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 13, db->actor, -1, SQLITE_TRANSIENT);
	rc = pt_sq_run(db, s, e, "orders");
	sqlite3_finalize(s);
	*id = sqlite3_last_insert_rowid(pt_sq(db));
	return rc;
}

static const char *const sql_text[ST__COUNT] = {
	[ST_ORDER_CASE_ADD] = "INSERT OR IGNORE INTO order_cases(order_id, case_id)"
		" VALUES (?1, ?2)",
	[ST_ORDER_CASES] = "SELECT case_id FROM order_cases WHERE order_id = ?1"
		" ORDER BY case_id",
};

int pt_sq_order_case_add(pt_db *db, int64_t id, int64_t case_id, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_ORDER_CASE_ADD, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, case_id);
	return pt_sq_run(db, s, e, "orders");
}

/* ?1 the value (result, the unit raised to), ?2 the time, ?3 the order */
static const char *const set_sql[] = {
	[PT_OSET_RESULT] = "UPDATE orders SET result = ?1, result_at = ?2 WHERE id = ?3",
	[PT_OSET_REMINDED] = "UPDATE orders SET reminded_at = ?2 WHERE id = ?3 AND ?1 IS NULL",
	[PT_OSET_ESCALATED] = "UPDATE orders SET escalated_at = ?2, escalated_to = ?1"
		" WHERE id = ?3",
};

int pt_sq_order_set(pt_db *db, int64_t id, enum pt_order_set which, const char *v,
                    const char *at, pt_err *e)
{
	sqlite3_stmt *s;
	int rc = pt_sq_prepare(db, set_sql[which], &s, "orders", e);

	if (rc)
		return rc;
	pt_sq_bind_opt(s, 1, v);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, id);
	rc = pt_sq_run(db, s, e, "orders");
	sqlite3_finalize(s);
	return rc;
}

/*
 * Orders, then the supervision records of the morning run, in the columns
 * of pt_order_row_schema: ?1 orders wanted, ?2 records wanted, ?3 kind,
 * ?4 source, ?5 unit (subtree), ?6 ?7 issued in [?6, ?7), ?8 a case,
 * ?9 an order, ?10 open orders due by, ?11 ?12 reminded or escalated in.
 */
static const char list_sql[] =
	"SELECT o.id AS id, o.kind, o.source, o.issuer_unit, o.issuer, o.target_unit,"
	" u.parent, o.theme, o.period_from, o.period_to, o.joint, o.due, o.text,"
	" o.issued_at AS issued_at, o.result, o.result_at, o.reminded_at, o.escalated_at,"
	" o.escalated_to, (SELECT group_concat(case_no, ',') FROM (SELECT c.case_no"
	"  FROM order_cases x JOIN cases c ON c.id = x.case_id WHERE x.order_id = o.id"
	"  ORDER BY c.id)), NULL AS action, NULL, NULL, 2 * o.id AS seq"
	" FROM orders o LEFT JOIN units u ON u.code = o.target_unit"
	" WHERE ?1 AND (?3 IS NULL OR o.kind = ?3) AND (?4 IS NULL OR o.source = ?4)"
	" AND (?5 IS NULL OR o.target_unit IN " PT_SQ_SUBTREE("?5") ")"
	" AND (?6 IS NULL OR o.issued_at >= ?6) AND (?7 IS NULL OR o.issued_at < ?7)"
	" AND (?8 IS NULL OR EXISTS (SELECT 1 FROM order_cases x"
	"  WHERE x.order_id = o.id AND x.case_id = ?8))"
	" AND (?9 IS NULL OR o.id = ?9)"
	" AND (?10 IS NULL OR (o.result IS NULL AND o.due <= ?10))"
	" AND (?11 IS NULL OR (o.reminded_at >= ?11 AND o.reminded_at < ?12)"
	"  OR (o.escalated_at >= ?11 AND o.escalated_at < ?12))"
	" UNION ALL"
	" SELECT NULL, s.kind, NULL, NULL, NULL, s.unit, u.parent, NULL, NULL, NULL, NULL,"
	" s.due, s.rule, s.at, NULL, NULL, NULL, NULL, NULL, c.case_no, s.action, s.clock,"
	" d.clock IS NOT NULL AND d.stopped_at IS NULL, 2 * s.id + 1"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" LEFT JOIN units u ON u.code = s.unit"
	" LEFT JOIN deadlines d ON d.case_id = s.case_id AND d.clock = s.clock"
	" WHERE ?2 AND (?3 IS NULL OR s.kind = ?3)"
	" AND (?5 IS NULL OR s.unit IN " PT_SQ_SUBTREE("?5") ")"
	" AND (?6 IS NULL OR s.at >= ?6) AND (?7 IS NULL OR s.at < ?7)"
	" AND (?8 IS NULL OR s.case_id = ?8)"
	" ORDER BY issued_at, seq";

static void bind_id(sqlite3_stmt *s, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(s, i, v);
}

int pt_sq_orders_query(pt_db *db, const struct pt_order_query *q, pt_cursor **out,
                       pt_err *e)
{
	const char *v[] = {q->kind, q->source, q->unit, q->from, q->before};
	sqlite3_stmt *s;
	int rc = pt_sq_prepare(db, list_sql, &s, "orders", e);

	if (rc)
		return rc;
	sqlite3_bind_int(s, 1, q->orders);
	sqlite3_bind_int(s, 2, q->computed);
	for (int i = 0; i < PT_NCOLS(v); i++)
		pt_sq_bind_opt(s, i + 3, v[i]);
	bind_id(s, 8, q->case_id);
	bind_id(s, 9, q->id);
	pt_sq_bind_opt(s, 10, q->due_to);
	pt_sq_bind_opt(s, 11, q->acted_from);
	pt_sq_bind_opt(s, 12, q->acted_before);
	return pt_sq_cursor(db, s, true, out, e);
}

int pt_sq_order_cases(pt_db *db, int64_t id, pt_cursor **out, pt_err *e)
{
	return pt_sq_by_id(db, ST_ORDER_CASES, sql_text[ST_ORDER_CASES], id, out, e);
}
