/* query.c - the SQLite engine: petition-list's case query, built from fixed
 * fragments with every value bound. */
#include "sqlite.h"
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
static const char *const sql_text[ST__COUNT] = {
	[ST_CASE_ONE] = "SELECT " CASE_COLUMNS CASE_FROM " WHERE 1 AND c.id = ? ORDER BY c.id",
};

struct q {
	pt_buf sql;
	struct { const char *s; int64_t i; } v[64];
	int n;
	bool oom, counting;
};

static void q_add(struct q *q, const char *frag)
{
	if (pt_buf_adds(&q->sql, frag) < 0)
		q->oom = true;
}

static void q_text(struct q *q, const char *frag, const char *v)
{
	q_add(q, frag);
	if (q->n < 64)
		q->v[q->n++].s = v;
	else
		q->oom = true;
}

static void q_int(struct q *q, const char *frag, int64_t i)
{
	q_add(q, frag);
	if (q->n < 64) {
		q->v[q->n].s = NULL;
		q->v[q->n++].i = i;
	} else {
		q->oom = true;
	}
}

/* " AND col IN (?, ?, ...)" for a comma list (changed in place). */
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
		q_text(q, sep, tok);
		q_add(q, "?");
		sep = ", ";
	}
	q_add(q, ")");
}

/* The fields the lifecycle tools set: category, people, backlog, risk. */
static void q_where_casework(struct q *q, struct pt_query_spec *qs)
{
	q_in(q, "c.category", qs->category);
	if (qs->handler)
		q_text(q, " AND c.handler = ?", qs->handler);
	if (qs->leader)
		q_text(q, " AND c.leader = ?", qs->leader);
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
	" AND json_extract(r.details, '$.field') = json_extract(k.details, '$.field'))"

static void q_where_conflicts(struct q *q, struct pt_query_spec *qs)
{
	if (!qs->conflicts)
		return;
	q_add(q, OPEN_CONFLICT);
	if (qs->conflict_field)
		q_text(q, " AND json_extract(k.details, '$.field') = ?", qs->conflict_field);
	q_add(q, ")");
}

static void q_where(struct q *q, struct pt_query_spec *qs)
{
	q_in(q, "c.status", qs->status);
	q_in(q, "c.channel", qs->channel);
	q_in(q, "c.pollution_type", qs->pollution_type);
	if (qs->unit)
		q_text(q, " AND c.unit IN " PT_SQ_SUBTREE("?"), qs->unit);
	if (*qs->received_from)
		q_text(q, " AND c.received_at >= ?", qs->received_from);
	if (*qs->received_before)
		q_text(q, " AND c.received_at < ?", qs->received_before);
	/* the earliest open duty deadline, kept on the case (cases_next_due):
	 * a count reads the index alone; a listing takes the ids from it, in
	 * order, rather than scanning every case for the few due */
	if (*qs->due_before)
		q_text(q, q->counting ? " AND c.next_due < ?" :
		       " AND c.id IN (SELECT id FROM cases WHERE next_due < ?)", qs->due_before);
	if (qs->repeat)
		q_add(q, " AND c.repeat_of IS NOT NULL");
	if (qs->collective)
		q_add(q, " AND c.collective = 1");
	q_where_casework(q, qs);
	q_where_conflicts(q, qs);
	if (qs->text) {
		q_text(q, " AND (instr(c.subject, ?)", qs->text);
		q_text(q, " OR instr(coalesce(c.content, ''), ?))", qs->text);
	}
	if (qs->id)
		q_int(q, " AND c.id = ?", qs->id);
	if (qs->id_min)
		q_int(q, " AND c.id >= ?", qs->id_min);
	if (qs->id_max)
		q_int(q, " AND c.id <= ?", qs->id_max);
}

static void q_order(struct q *q, struct pt_query_spec *qs)
{
	q_add(q, " ORDER BY ");
	for (int i = 0; i < qs->nsort; i++) {
		int f = qs->sort[i].field;
		q_add(q, f == PT_F_UNIT_NAME ? "u." : "c.");
		q_add(q, f == PT_F_UNIT_NAME ? "name" : pt_schema_name(&pt_case_schema, f));
		q_add(q, qs->sort[i].desc ? " DESC" : "");
		/* a case with nothing due has nothing to do first: last (cases_next_due) */
		q_add(q, f == PT_F_NEXT_DUE ? " NULLS LAST, " : ", ");
	}
	q_add(q, "c.id");
	if (qs->limit > 0)
		q_int(q, " LIMIT ?", qs->limit);
}

/* The query of one case by id, its cached statement not read by an open cursor. */
static bool one_case(pt_db *db, const char *sql)
{
	sqlite3_stmt *s = db->store->st[ST_CASE_ONE];

	return !strcmp(sql, sql_text[ST_CASE_ONE]) && (!s || !sqlite3_stmt_busy(s));
}

/* Prepares the query built, its values bound, the next dues written first. */
static int q_prepare(pt_db *db, struct q *q, sqlite3_stmt **s, pt_err *e)
{
	int rc = PT_OK;

	*s = NULL;
	if (q->oom)
		rc = pt_error(e, PT_EUSAGE, "query: too many values");
	else if (pt_sq_due_flush(db, e))
		rc = PT_EDB;
	else if (sqlite3_prepare_v2(pt_sq(db), q->sql.p, -1, s, NULL) != SQLITE_OK)
		rc = pt_sq_err(db, e, "query");
	pt_buf_free(&q->sql);
	for (int i = 0; !rc && i < q->n; i++)
		if (q->v[i].s)
			sqlite3_bind_text(*s, i + 1, q->v[i].s, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(*s, i + 1, q->v[i].i);
	return rc;
}

int pt_sq_cases_query(pt_db *db, struct pt_query_spec *qs, pt_cursor **out, pt_err *e)
{
	struct q q = {0};
	sqlite3_stmt *s;
	int rc;

	q_add(&q, "SELECT " CASE_COLUMNS CASE_FROM " WHERE 1");
	q_where(&q, qs);
	q_order(&q, qs);
	if (!q.oom && one_case(db, q.sql.p)) {
		pt_buf_free(&q.sql);
		return pt_sq_by_id(db, ST_CASE_ONE, sql_text[ST_CASE_ONE], qs->id, out, e);
	}
	if ((rc = q_prepare(db, &q, &s, e)))
		return rc;
	return pt_sq_cursor(db, s, true, out, e);
}

int pt_sq_cases_count(pt_db *db, struct pt_query_spec *qs, int64_t *n, pt_err *e)
{
	struct q q = {.counting = true};
	sqlite3_stmt *s;
	int rc;

	q_add(&q, "SELECT count(*) FROM cases c WHERE 1");
	q_where(&q, qs);
	if ((rc = q_prepare(db, &q, &s, e)))
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	else
		rc = pt_sq_err(db, e, "count");
	sqlite3_finalize(s);
	return rc;
}
