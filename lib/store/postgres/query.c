/* query.c - the PostgreSQL engine: petition-list's case query, built from
 * fixed fragments with every value bound. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

#define CASE_COLUMNS \
	"c.id, c.case_no, c.uuid, c.received_at, c.channel, c.petitioner_name," \
	" c.petitioner_phone, c.petitioner_id_number, c.petitioner_address," \
	" c.anonymous, c.headcount, c.collective, c.purpose, c.subject, c.content," \
	" c.accused, c.location, c.unit, u.name, c.pollution_type, c.status," \
	" c.category, c.handler, c.leader, c.accept_due, c.reply_due, c.extended," \
	" c.replied_at, c.outcome, c.delivered_at, c.review_due, c.closed_at," \
	" c.satisfaction, c.backlog, c.risk, c.repeat_of, c.transferred_from," \
	" c.next_due, c.next_clock, c.origin_case_no"
#define CASE_FROM " FROM cases c LEFT JOIN units u ON u.code = c.unit"

/* the query of one case by id and nothing else (pt_case_get: every change
 * of a case reads it), as q_where and q_order build it: prepared once */
static const char *const sql_text[PG__COUNT] = {
	[PG_CASE_ONE] = "SELECT " CASE_COLUMNS CASE_FROM " WHERE true AND c.id = $1"
		" ORDER BY c.id",
};

enum { QMAX = 64 };

struct q {
	pt_buf sql;
	const char *v[QMAX];
	char ints[QMAX][24];
	int n;
	bool oom;
};

static void q_add(struct q *q, const char *frag)
{
	if (pt_buf_adds(&q->sql, frag) < 0)
		q->oom = true;
}

/* frag, then "$N" (and after it tail): the next parameter is v */
static void q_param(struct q *q, const char *frag, const char *v, const char *tail)
{
	char n[16];

	if (q->n == QMAX) {
		q->oom = true;
		return;
	}
	q->v[q->n++] = v;
	snprintf(n, sizeof n, "$%d", q->n);
	q_add(q, frag);
	q_add(q, n);
	q_add(q, tail);
}

static void q_int(struct q *q, const char *frag, int64_t i, const char *tail)
{
	if (q->n < QMAX)
		q_param(q, frag, pt_pg_int(q->ints[q->n], i), tail);
	else
		q->oom = true;
}

/* " AND col IN ($1, $2, ...)" for a comma list (changed in place). */
static void q_in(struct q *q, const char *col, char *values)
{
	char *save = NULL, *tok;
	const char *sep = "";

	if (!values)
		return;
	q_add(q, " AND ");
	q_add(q, col);
	q_add(q, " IN (");
	for (tok = strtok_r(values, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		q_param(q, sep, tok, "");
		sep = ", ";
	}
	q_add(q, ")");
}

static void q_where_casework(struct q *q, struct pt_query_spec *qs)
{
	q_in(q, "c.category", qs->category);
	if (qs->handler)
		q_param(q, " AND c.handler = ", qs->handler, "");
	if (qs->leader)
		q_param(q, " AND c.leader = ", qs->leader, "");
	if (qs->backlog)
		q_add(q, " AND c.backlog = 1");
	if (qs->risk)
		q_add(q, " AND c.risk = 1");
}

/* A conflict event with no later resolve event of its field. */
#define OPEN_CONFLICT \
	" AND EXISTS (SELECT 1 FROM events k WHERE k.case_id = c.id" \
	" AND k.action = 'conflict' AND NOT EXISTS (SELECT 1 FROM events r" \
	" WHERE r.case_id = c.id AND r.action = 'resolve' AND r.id > k.id" \
	" AND r.details::jsonb->>'field' = k.details::jsonb->>'field')"

static void q_where_conflicts(struct q *q, struct pt_query_spec *qs)
{
	if (!qs->conflicts)
		return;
	q_add(q, OPEN_CONFLICT);
	if (qs->conflict_field)
		q_param(q, " AND k.details::jsonb->>'field' = ", qs->conflict_field, "");
	q_add(q, ")");
}

static void q_where(struct q *q, struct pt_query_spec *qs)
{
	q_in(q, "c.status", qs->status);
	q_in(q, "c.channel", qs->channel);
	q_in(q, "c.pollution_type", qs->pollution_type);
	if (qs->unit)
		q_param(q, " AND c.unit IN " PT_PG_SUBTREE_HEAD, qs->unit, PT_PG_SUBTREE_TAIL);
	if (*qs->received_from)
		q_param(q, " AND c.received_at >= ", qs->received_from, "");
	if (*qs->received_before)
		q_param(q, " AND c.received_at < ", qs->received_before, "");
	/* the earliest open duty deadline, kept on the case (cases_next_due) */
	if (*qs->due_before)
		q_param(q, " AND c.next_due < ", qs->due_before, "");
	if (qs->repeat)
		q_add(q, " AND c.repeat_of IS NOT NULL");
	if (qs->collective)
		q_add(q, " AND c.collective = 1");
	q_where_casework(q, qs);
	q_where_conflicts(q, qs);
	if (qs->text) {
		q_param(q, " AND (strpos(c.subject, ", qs->text, "::text) > 0");
		q_param(q, " OR strpos(coalesce(c.content, ''), ", qs->text, "::text) > 0)");
	}
	if (qs->id)
		q_int(q, " AND c.id = ", qs->id, "");
	if (qs->id_min)
		q_int(q, " AND c.id >= ", qs->id_min, "");
	if (qs->id_max)
		q_int(q, " AND c.id <= ", qs->id_max, "");
}

static void q_order(struct q *q, struct pt_query_spec *qs)
{
	q_add(q, " ORDER BY ");
	for (int i = 0; i < qs->nsort; i++) {
		int f = qs->sort[i].field;
		q_add(q, f == PT_F_UNIT_NAME ? "u." : "c.");
		q_add(q, f == PT_F_UNIT_NAME ? "name" : pt_schema_name(&pt_case_schema, f));
		q_add(q, qs->sort[i].desc ? " DESC" : "");
		/* nothing due sorts last either way; other NULLs as SQLite sorts them */
		q_add(q, f == PT_F_NEXT_DUE ? " NULLS LAST, " :
		         qs->sort[i].desc ? " NULLS LAST, " : " NULLS FIRST, ");
	}
	q_add(q, "c.id");
	if (qs->limit > 0)
		q_int(q, " LIMIT ", qs->limit, "");
}

int pt_pg_cases_query(pt_db *db, struct pt_query_spec *qs, pt_cursor **out, pt_err *e)
{
	struct q q = {0};
	int rc;

	q_add(&q, "SELECT " CASE_COLUMNS CASE_FROM " WHERE true");
	q_where(&q, qs);
	q_order(&q, qs);
	if (q.oom) {
		pt_buf_free(&q.sql);
		return pt_error(e, PT_EUSAGE, "query: too many values");
	}
	if (!strcmp(q.sql.p, sql_text[PG_CASE_ONE]))
		rc = pt_pg_by_id(db, PG_CASE_ONE, sql_text[PG_CASE_ONE], qs->id, out, e);
	else   /* one case: no server-side cursor */
		rc = (qs->id ? pt_pg_cursor_small : pt_pg_cursor)(db, q.sql.p, q.n, q.v, out, e);
	pt_buf_free(&q.sql);
	return rc;
}

int pt_pg_cases_count(pt_db *db, struct pt_query_spec *qs, int64_t *n, pt_err *e)
{
	struct q q = {0};
	PGresult *r;

	q_add(&q, "SELECT count(*) FROM cases c WHERE true");
	q_where(&q, qs);
	if (q.oom) {
		pt_buf_free(&q.sql);
		return pt_error(e, PT_EUSAGE, "query: too many values");
	}
	r = pt_pg_exec(db, q.sql.p, q.n, q.v, "count", e);
	pt_buf_free(&q.sql);
	if (!r)
		return PT_EDB;
	*n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return PT_OK;
}
