/* copy.c - the PostgreSQL engine: every stored row of a kind, read and
 * written as it is (petition-copy). Column order: pt_copy_schemas. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

#define CASE_COLUMNS "id, case_no, uuid, received_at, channel, petitioner_name," \
	" petitioner_phone, petitioner_id_number, petitioner_address, anonymous," \
	" headcount, collective, purpose, subject, content, accused, location, unit," \
	" pollution_type, status, category, handler, leader, accept_due, reply_due," \
	" extended, replied_at, outcome, delivered_at, review_due, closed_at," \
	" satisfaction, backlog, risk, repeat_of, transferred_from, repeats," \
	" created_at, updated_at, next_due, next_clock, origin_case_no, phone_key,"\
	" accused_key"
#define EVENT_COLUMNS "id, case_id, at, actor, action, from_status, to_status," \
	" details, unit, hash, event_id, origin, lamport, changes, arrived_at"
#define DEADLINE_COLUMNS "case_id, clock, start, due, rule, stopped_at, duty"
#define SUPERVISION_COLUMNS "id, case_id, clock, action, kind, unit, handler," \
	" leader, at, due, days_overdue, rule"
#define RISK_COLUMNS "id, matter, kind, source, unit, level, step, found_at," \
	" urgent_at, created_at"
#define RISK_EVENT_COLUMNS "id, risk_id, at, actor, action, from_step, to_step, text, unit"
#define DISPUTE_COLUMNS "id, injured, injured_phone, accused, damage, unit, step," \
	" filed_at, consent_at, due, remedy, outcome_at, created_at"
#define DISPUTE_EVENT_COLUMNS "id, dispute_id, at, actor, action, from_step, to_step," \
	" day, place, text, unit"
#define ROSTER_COLUMNS "period, day, on_duty, leader, set_at"
#define ROSTER_EVENT_COLUMNS "id, period, day, at, actor, on_duty, leader"

#define VISIT_COLUMNS "id, kind, date, leader, post, unit, place, people, decision," \
	" actor, at"
#define SCHEDULE_COLUMNS "id, leader, post, unit, place, days, hours"
#define BACKLOG_FILE_COLUMNS "case_id, team, resolution, reason, resolved_at, updated_at"
#define BACKLOG_STEP_COLUMNS "case_id, n, due, text, added_at, done_at"
#define ORDER_COLUMNS "id, kind, source, issuer_unit, issuer, target_unit, theme," \
	" period_from, period_to, joint, due, text, issued_at, actor, result, result_at," \
	" reminded_at, escalated_at, escalated_to"

static const char *const select_text[PT_COPY__COUNT] = {
	[PT_COPY_UNITS] = "WITH RECURSIVE t(code, depth) AS ("
		" SELECT code, 0 FROM units WHERE parent IS NULL UNION ALL"
		" SELECT u.code, t.depth + 1 FROM units u JOIN t ON u.parent = t.code)"
		" SELECT u.code, u.name, u.level, u.parent FROM t JOIN units u"
		" ON u.code = t.code ORDER BY t.depth, u.code",
	[PT_COPY_CASES] = "SELECT " CASE_COLUMNS " FROM cases ORDER BY id",
	[PT_COPY_EVENTS] = "SELECT " EVENT_COLUMNS " FROM events ORDER BY id",
	[PT_COPY_DEADLINES] = "SELECT " DEADLINE_COLUMNS " FROM deadlines"
		" ORDER BY case_id, clock",
	[PT_COPY_SUPERVISIONS] = "SELECT " SUPERVISION_COLUMNS " FROM supervisions"
		" ORDER BY id",
	[PT_COPY_CASE_NUMBERS] = "SELECT prefix, year, last FROM case_seq ORDER BY prefix, year",
	[PT_COPY_VISITS] = "SELECT " VISIT_COLUMNS " FROM visits ORDER BY id",
	[PT_COPY_VISIT_CASES] = "SELECT visit_id, case_id FROM visit_cases"
		" ORDER BY visit_id, case_id",
	[PT_COPY_SCHEDULE] = "SELECT " SCHEDULE_COLUMNS " FROM reception_schedule ORDER BY id",
	[PT_COPY_BACKLOG_FILES] = "SELECT " BACKLOG_FILE_COLUMNS " FROM backlog_files"
		" ORDER BY case_id",
	[PT_COPY_BACKLOG_STEPS] = "SELECT " BACKLOG_STEP_COLUMNS " FROM backlog_steps"
		" ORDER BY case_id, n",
	[PT_COPY_ORDERS] = "SELECT " ORDER_COLUMNS " FROM orders ORDER BY id",
	[PT_COPY_ORDER_CASES] = "SELECT order_id, case_id FROM order_cases"
		" ORDER BY order_id, case_id",
	[PT_COPY_RISKS] = "SELECT " RISK_COLUMNS " FROM risks ORDER BY id",
	[PT_COPY_RISK_EVENTS] = "SELECT " RISK_EVENT_COLUMNS " FROM risk_events ORDER BY id",
	[PT_COPY_ROSTERS] = "SELECT " ROSTER_COLUMNS " FROM rosters ORDER BY period, day",
	[PT_COPY_ROSTER_EVENTS] = "SELECT " ROSTER_EVENT_COLUMNS " FROM roster_events"
		" ORDER BY id",
	[PT_COPY_RISK_CASES] = "SELECT risk_id, case_id, at FROM risk_cases"
		" ORDER BY risk_id, case_id",
	[PT_COPY_DISPUTES] = "SELECT " DISPUTE_COLUMNS " FROM disputes ORDER BY id",
	[PT_COPY_DISPUTE_EVENTS] = "SELECT " DISPUTE_EVENT_COLUMNS " FROM dispute_events"
		" ORDER BY id",
	[PT_COPY_DISPUTE_CASES] = "SELECT dispute_id, case_id, at FROM dispute_cases"
		" ORDER BY dispute_id, case_id",
};

static const char *const insert_text[PT_COPY__COUNT] = {
	[PT_COPY_UNITS] = "INSERT INTO units(code, name, level, parent) VALUES ($1, $2, $3, $4)",
	[PT_COPY_CASES] = "INSERT INTO cases(" CASE_COLUMNS ") VALUES ($1, $2, $3, $4, $5,"
		" $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
		" $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36,"
		" $37, $38, $39, $40, $41, $42, $43, $44)",
	[PT_COPY_EVENTS] = "INSERT INTO events(" EVENT_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
	[PT_COPY_DEADLINES] = "INSERT INTO deadlines(" DEADLINE_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[PT_COPY_SUPERVISIONS] = "INSERT INTO supervisions(" SUPERVISION_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
	[PT_COPY_CASE_NUMBERS] = "INSERT INTO case_seq(prefix, year, last) VALUES ($1, $2, $3)",
	[PT_COPY_VISITS] = "INSERT INTO visits(" VISIT_COLUMNS ") VALUES ($1, $2, $3, $4, $5,"
		" $6, $7, $8, $9, $10, $11)",
	[PT_COPY_VISIT_CASES] = "INSERT INTO visit_cases(visit_id, case_id) VALUES ($1, $2)",
	[PT_COPY_SCHEDULE] = "INSERT INTO reception_schedule(" SCHEDULE_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[PT_COPY_BACKLOG_FILES] = "INSERT INTO backlog_files(" BACKLOG_FILE_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6)",
	[PT_COPY_BACKLOG_STEPS] = "INSERT INTO backlog_steps(" BACKLOG_STEP_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6)",
	[PT_COPY_ORDERS] = "INSERT INTO orders(" ORDER_COLUMNS ") VALUES ($1, $2, $3, $4,"
		" $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
	[PT_COPY_ORDER_CASES] = "INSERT INTO order_cases(order_id, case_id)"
		" VALUES ($1, $2)",
	[PT_COPY_RISKS] = "INSERT INTO risks(" RISK_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	[PT_COPY_RISK_EVENTS] = "INSERT INTO risk_events(" RISK_EVENT_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[PT_COPY_RISK_CASES] = "INSERT INTO risk_cases(risk_id, case_id, at) VALUES ($1, $2, $3)",
	[PT_COPY_DISPUTES] = "INSERT INTO disputes(" DISPUTE_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	[PT_COPY_DISPUTE_EVENTS] = "INSERT INTO dispute_events(" DISPUTE_EVENT_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	[PT_COPY_DISPUTE_CASES] = "INSERT INTO dispute_cases(dispute_id, case_id, at)"
		" VALUES ($1, $2, $3)",
	[PT_COPY_ROSTERS] = "INSERT INTO rosters(" ROSTER_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5)",
	[PT_COPY_ROSTER_EVENTS] = "INSERT INTO roster_events(" ROSTER_EVENT_COLUMNS ")"
		" VALUES ($1, $2, $3, $4, $5, $6, $7)",
};

/* the columns of a case the repeat keys follow from; the keys are the
 * last two of pt_copy_schemas' cases, whatever columns come before them */
enum { CASE_PHONE = 6, CASE_ACCUSED = 15, COPY_MAX = 64, KEY_MAX = 1024 };

int pt_pg_rows_query(pt_db *db, enum pt_copy_kind k, pt_cursor **out, pt_err *e)
{
	return pt_pg_cursor(db, select_text[k], 0, NULL, out, e);
}

int pt_pg_row_insert(pt_db *db, enum pt_copy_kind k, const pt_record *r, pt_err *e)
{
	const char *v[COPY_MAX];
	char pk[KEY_MAX], ak[KEY_MAX];
	int n = pt_schema_ncols(pt_copy_schemas[k]);

	if (n > COPY_MAX)
		return pt_error(e, PT_EDB, "copy: %d columns", n);
	for (int i = 0; i < n; i++)
		v[i] = pt_record_get(r, i);
	if (k == PT_COPY_CASES) {
		v[n - 2] = v[CASE_PHONE] ? (pt_phone_key(v[CASE_PHONE], pk, KEY_MAX), pk) : NULL;
		v[n - 1] = v[CASE_ACCUSED] ?
			(pt_accused_key(v[CASE_ACCUSED], ak, KEY_MAX), ak) : NULL;
	}
	db->store->have_head = false;       /* the chain is the copied one now */
	db->store->have_last_id &= k != PT_COPY_CASES;
	return pt_pg_do(db, insert_text[k], n, v, pt_copy_kind_name(k), e);
}

int pt_pg_units_clear(pt_db *db, pt_err *e)
{
	return pt_pg_do(db, "DELETE FROM units", 0, NULL, "units", e);
}

/* Ids are the largest stored plus one: nothing to move on. */
int pt_pg_rows_inserted(pt_db *db, pt_err *e)
{
	(void)db, (void)e;
	return PT_OK;
}

/* The server (its start) and the database's oid: the same for every URL. */
int pt_pg_identity(pt_db *db, char *out, size_t n, pt_err *e)
{
	PGresult *r = pt_pg_exec(db, "SELECT pg_postmaster_start_time()::text || ':' ||"
	                         " (SELECT oid FROM pg_database WHERE datname = current_database())",
	                         0, NULL, "identity", e);

	if (!r)
		return PT_EDB;
	snprintf(out, n, "postgresql:%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return PT_OK;
}
