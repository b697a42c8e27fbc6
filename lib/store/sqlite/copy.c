/* copy.c - the SQLite engine: every stored row of a kind, read and written
 * as it is (petition-copy). Column order: pt_copy_schemas in store.c. */
#include "sqlite.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CASE_COLUMNS "id, case_no, uuid, received_at, channel, petitioner_name," \
	" petitioner_phone, petitioner_id_number, petitioner_address, anonymous," \
	" headcount, collective, purpose, subject, content, accused, location, unit," \
	" pollution_type, status, category, handler, leader, accept_due, reply_due," \
	" extended, replied_at, outcome, delivered_at, review_due, closed_at," \
	" satisfaction, backlog, risk, repeat_of, transferred_from, repeats," \
	" created_at, updated_at, next_due, next_clock, origin_case_no"
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
	/* parents first: by depth in the tree, then by code */
	[PT_COPY_UNITS] = "WITH RECURSIVE t(code, depth) AS ("
		" SELECT code, 0 FROM units WHERE parent IS NULL UNION ALL"
		" SELECT u.code, t.depth + 1 FROM units u JOIN t ON u.parent = t.code)"
		" SELECT u.code, u.name, u.level, u.parent FROM t JOIN units u"
		" ON u.code = t.code ORDER BY t.depth, u.code",
	[PT_COPY_CASES] = "SELECT " CASE_COLUMNS ", phone_key, accused_key"
		" FROM cases ORDER BY id",
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
	[PT_COPY_RISK_CASES] = "SELECT risk_id, case_id, at FROM risk_cases"
		" ORDER BY risk_id, case_id",
	[PT_COPY_DISPUTES] = "SELECT " DISPUTE_COLUMNS " FROM disputes ORDER BY id",
	[PT_COPY_DISPUTE_EVENTS] = "SELECT " DISPUTE_EVENT_COLUMNS " FROM dispute_events"
		" ORDER BY id",
	[PT_COPY_DISPUTE_CASES] = "SELECT dispute_id, case_id, at FROM dispute_cases"
		" ORDER BY dispute_id, case_id",
	[PT_COPY_ROSTERS] = "SELECT " ROSTER_COLUMNS " FROM rosters ORDER BY period, day",
	[PT_COPY_ROSTER_EVENTS] = "SELECT " ROSTER_EVENT_COLUMNS " FROM roster_events"
		" ORDER BY id",
};

/* ?N is column N - 1 of the kind's schema; the repeat keys are computed
 * from the phone (?7) and the accused (?16) */
static const char *const sql_text[ST__COUNT] = {
	[ST_COPY_INSERT + PT_COPY_UNITS] = "INSERT INTO units(code, name, level, parent)"
		" VALUES (?1, ?2, ?3, ?4)",
	[ST_COPY_INSERT + PT_COPY_CASES] = "INSERT INTO cases(" CASE_COLUMNS
		", phone_key, accused_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		" ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
		" ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37,"
		" ?38, ?39, ?40, ?41, ?42, pt_phone_key(?7), pt_accused_key(?16))",
	[ST_COPY_INSERT + PT_COPY_EVENTS] = "INSERT INTO events(" EVENT_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[ST_COPY_INSERT + PT_COPY_DEADLINES] = "INSERT INTO deadlines(" DEADLINE_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_COPY_INSERT + PT_COPY_SUPERVISIONS] = "INSERT INTO supervisions("
		SUPERVISION_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" ?11, ?12)",
	[ST_COPY_INSERT + PT_COPY_CASE_NUMBERS] = "INSERT INTO case_seq(prefix, year, last)"
		" VALUES (?1, ?2, ?3)",
	[ST_COPY_INSERT + PT_COPY_VISITS] = "INSERT INTO visits(" VISIT_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_COPY_INSERT + PT_COPY_VISIT_CASES] = "INSERT INTO visit_cases(visit_id, case_id)"
		" VALUES (?1, ?2)",
	[ST_COPY_INSERT + PT_COPY_SCHEDULE] = "INSERT INTO reception_schedule("
		SCHEDULE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_COPY_INSERT + PT_COPY_BACKLOG_FILES] = "INSERT INTO backlog_files("
		BACKLOG_FILE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_COPY_INSERT + PT_COPY_BACKLOG_STEPS] = "INSERT INTO backlog_steps("
		BACKLOG_STEP_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_COPY_INSERT + PT_COPY_ORDERS] = "INSERT INTO orders(" ORDER_COLUMNS ") VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" ?18, ?19)",
	[ST_COPY_INSERT + PT_COPY_ORDER_CASES] = "INSERT INTO order_cases(order_id, case_id)"
		" VALUES (?1, ?2)",
	[ST_COPY_INSERT + PT_COPY_RISKS] = "INSERT INTO risks(" RISK_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_COPY_INSERT + PT_COPY_RISK_EVENTS] = "INSERT INTO risk_events(" RISK_EVENT_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_COPY_INSERT + PT_COPY_RISK_CASES] = "INSERT INTO risk_cases(risk_id, case_id, at)"
		" VALUES (?1, ?2, ?3)",
	[ST_COPY_INSERT + PT_COPY_DISPUTES] = "INSERT INTO disputes(" DISPUTE_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[ST_COPY_INSERT + PT_COPY_DISPUTE_EVENTS] = "INSERT INTO dispute_events("
		DISPUTE_EVENT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" ?11)",
	[ST_COPY_INSERT + PT_COPY_DISPUTE_CASES] = "INSERT INTO dispute_cases(dispute_id,"
		" case_id, at) VALUES (?1, ?2, ?3)",
	[ST_COPY_INSERT + PT_COPY_ROSTERS] = "INSERT INTO rosters(" ROSTER_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_COPY_INSERT + PT_COPY_ROSTER_EVENTS] = "INSERT INTO roster_events("
		ROSTER_EVENT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

int pt_sq_rows_query(pt_db *db, enum pt_copy_kind k, pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s;
	int rc = pt_sq_prepare(db, select_text[k], &s, "copy", e);

	return rc ? rc : pt_sq_cursor(db, s, true, out, e);
}

static bool whole_number(const char *v)
{
	size_t n = strspn(v + (*v == '-'), "0123456789");

	return n && n < 19 && !v[(*v == '-') + n];
}

/* An integer as an integer, everything else as the exact bytes read. */
static void bind_value(sqlite3_stmt *s, int i, const struct pt_column *c,
                       const pt_record *r, int col)
{
	const char *v = pt_record_get(r, col);

	if (!v)
		sqlite3_bind_null(s, i);
	else if (c->type == PT_T_INT && whole_number(v))
		sqlite3_bind_int64(s, i, strtoll(v, NULL, 10));
	else
		sqlite3_bind_text(s, i, v, (int)pt_record_len(r, col), SQLITE_STATIC);
}

int pt_sq_row_insert(pt_db *db, enum pt_copy_kind k, const pt_record *r, pt_err *e)
{
	const pt_schema *schema = pt_copy_schemas[k];
	sqlite3_stmt *s = SQ_STMT(db, ST_COPY_INSERT + k, e);
	int n;

	if (!s)
		return PT_EDB;
	n = sqlite3_bind_parameter_count(s);
	for (int i = 0; i < n && i < pt_schema_ncols(schema); i++)
		bind_value(s, i + 1, pt_column(schema, i), r, i);
	return pt_sq_run(db, s, e, pt_copy_kind_name(k));
}

int pt_sq_units_clear(pt_db *db, pt_err *e)
{
	return pt_sq_exec(db, "DELETE FROM units", e, "units");
}

/* Rowids follow the largest: nothing to move on. */
int pt_sq_rows_inserted(pt_db *db, pt_err *e)
{
	(void)db, (void)e;
	return PT_OK;
}

/* The file's device and inode: the same for every path to it. */
int pt_sq_identity(pt_db *db, char *out, size_t n, pt_err *e)
{
	const char *file = sqlite3_db_filename(pt_sq(db), "main");
	struct stat st;

	if (!file || !*file || stat(file, &st) < 0)
		return pt_error(e, PT_EDB, "%s: cannot tell which file it is", db->path);
	snprintf(out, n, "sqlite:%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
	return PT_OK;
}
