/* report.c - the SQLite engine: petition-report's counts and lists, the
 * annual report's among them. Local dates come from UTC times with the zone's
 * offset as a date modifier. */
#include "sqlite.h"
#include <string.h>

/* the statuses no report counts */
#define COUNTED " AND c.status NOT IN ({uncounted})"

/* "+28800 seconds": an offset from UTC as an SQLite date modifier */
static void modifier(long offset, char out[32])
{
	snprintf(out, 32, "%+ld seconds", offset);
}

/* Prepares sql (freed here), status sets bound. */
static int prepare_counted(pt_db *db, pt_buf *sql, sqlite3_stmt **out, pt_err *e)
{
	int rc = sql->p ? pt_sq_prepare(db, sql->p, out, "report", e) :
		pt_error(e, PT_EDB, "out of memory");

	pt_buf_free(sql);
	return rc;
}

/*
 * Dimension expressions over the acts below (x.t: when the act was done);
 * local dates use the zone's offset, bound as ?3.
 */
static const char *const dim_sql[PT_DIM__COUNT] = {
	[PT_DIM_UNIT] = "x.unit",
	[PT_DIM_CHANNEL] = "x.channel",
	[PT_DIM_POLLUTION] = "coalesce(x.pollution_type, '')",
	[PT_DIM_CATEGORY] = "coalesce(x.category, '')",
	[PT_DIM_STATUS] = "x.status",
	[PT_DIM_YEAR] = "strftime('%Y', x.t, ?3)",
	[PT_DIM_MONTH] = "strftime('%Y-%m', x.t, ?3)",
	[PT_DIM_WEEK] = "date(x.t, ?3, 'weekday 0', '-6 days')",
	[PT_DIM_DAY] = "date(x.t, ?3)",
};

#define ACT_CASE "c.channel, c.pollution_type, c.category, c.status"

/*
 * The acts a report counts, each where and when it was done, in [?1, ?2):
 * one row per act of (unit, t, the case's dimensions, the measures in the
 * order of enum pt_measure). ?4 is today's local date.
 */
static const char *const act_sql[] = {
	/* received, repeat, collective: at the unit that registered the case */
	"SELECT coalesce(r.unit, c.unit) AS unit, c.received_at AS t, c.channel AS channel,"
	" c.pollution_type AS pollution_type, c.category AS category, c.status AS status,"
	" 1 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5, 0 AS m6, 0 AS m7, 0 AS m8,"
	" 0 AS m9, 0 AS m10, 0 AS m11, c.repeat_of IS NOT NULL AS m12, c.collective AS m13,"
	" 0 AS m14, 0 AS m15, 0 AS m16, 0 AS m17, 0 AS m18, 0 AS m19"
	" FROM cases c LEFT JOIN events r ON r.case_id = c.id AND r.action = 'register'"
	" WHERE c.received_at >= ?1 AND c.received_at < ?2",
	/* open and overdue now: where the case is now, by when it was received */
	"SELECT c.unit, c.received_at, " ACT_CASE ","
	" 0, 0, 0, 0, 0, 0, c.status IN ({open}),"
	" coalesce(c.next_due < ?4, 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM cases c"
	" WHERE c.received_at >= ?1 AND c.received_at < ?2"
	" AND (c.status IN ({open})"
	" OR c.next_due < ?4)",
	/* the acts of the history, at the unit that did them (a review: the one
	 * the request went up to) */
	"SELECT CASE e.action WHEN 'review_request' THEN"
	" coalesce(json_extract(e.details, '$.to'), e.unit) ELSE e.unit END, e.at, " ACT_CASE ","
	" 0, e.action = 'accept', e.action = 'decline', e.action = 'transfer',"
	" e.action = 'reply', e.action = 'reply' AND json_extract(e.details, '$.on_time') IS 1,"
	" 0, 0, e.action = 'extend', e.action = 'review_request',"
	" e.action = 'rate' AND json_extract(e.details, '$.satisfaction')"
	"  IN ('satisfied','basically_satisfied'),"
	" e.action = 'rate', 0, 0, e.action = 'backlog', 0, 0, 0, 0, 0"
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" WHERE e.action IN ('accept','decline','transfer','reply','extend','review_request',"
	" 'rate','backlog') AND e.at >= ?1 AND e.at < ?2",
	/* backlog cases, where they are now, by when they were received: whether
	 * a leader's visit of the period (its local day) concerned them, and
	 * whether their file records a resolution */
	"SELECT c.unit, c.received_at, " ACT_CASE ","
	" 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,"
	" EXISTS (SELECT 1 FROM visit_cases vc JOIN visits v ON v.id = vc.visit_id"
	"  WHERE vc.case_id = c.id AND v.date >= date(?1, ?3) AND v.date < date(?2, ?3)),"
	" f.resolution IS NOT NULL, 0, 0"
	" FROM cases c LEFT JOIN backlog_files f ON f.case_id = c.id"
	" WHERE c.backlog = 1 AND c.received_at >= ?1 AND c.received_at < ?2",
	/* decisions whether to accept (only when asked for: a join of their own),
	 * flagged when made by the accept clock's due date */
	"SELECT e.unit, e.at, " ACT_CASE ","
	" 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,"
	" coalesce(date(e.at, ?3) <= d.due, 0) FROM events e JOIN cases c ON c.id = e.case_id"
	" LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'accept'"
	" WHERE e.action IN ('accept','decline') AND e.at >= ?1 AND e.at < ?2",
};
enum { DECISIONS = 4 };   /* the act_sql of the decisions */

/*
 * Counts per unit that acted and the given dimensions: rows of
 * pt_report_row_schema (unit, dims, NULL for those not asked, measures).
 */
static void report_sql(pt_buf *sql, const enum pt_dim *dims, int ndims, bool decisions)
{
	char n[32];

	pt_buf_adds(sql, "SELECT x.unit");
	for (int i = 0; i < PT_REPORT_DIMS; i++) {
		pt_buf_adds(sql, ", ");
		pt_buf_adds(sql, i < ndims ? dim_sql[dims[i]] : "NULL");
	}
	for (int m = 0; m < PT_M_COUNT; m++) {
		snprintf(n, sizeof n, ", sum(x.m%d)", m);
		pt_buf_adds(sql, n);
	}
	pt_buf_adds(sql, " FROM (");
	for (size_t i = 0; i < (decisions ? DECISIONS + 1u : DECISIONS); i++) {
		pt_buf_adds(sql, i ? " UNION ALL " : "");
		pt_buf_adds(sql, act_sql[i]);
		pt_buf_adds(sql, COUNTED);
	}
	pt_buf_adds(sql, ") x GROUP BY 1");
	for (int i = 0; i < ndims; i++) {
		snprintf(n, sizeof n, ", %d", i + 2);
		pt_buf_adds(sql, n);
	}
}

int pt_sq_report(pt_db *db, const enum pt_dim *dims, int ndims, bool decisions, const char *from,
                 const char *before, long offset, const char *today,
                 pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s;
	char off[32];
	int rc;

	report_sql(&sql, dims, ndims, decisions);
	if ((rc = prepare_counted(db, &sql, &s, e)))
		return rc;
	modifier(offset, off);
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, off, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, today, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}

#define LAST_SUPERVISION "(SELECT date(s.at, ?4) || ' ' || s.action FROM supervisions s" \
	" WHERE s.case_id = c.id ORDER BY s.id DESC LIMIT 1)"

/* A backlog case's file: team, steps, done, the next step and its date
 * (the first open one by due date), resolution (pt_backlog_list_schema). */
#define NEXT_STEP(col) "(SELECT s." col " FROM backlog_steps s WHERE s.case_id = c.id" \
	" AND s.done_at IS NULL ORDER BY s.due, s.n LIMIT 1)"
#define BACKLOG_FILE "f.team, (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id)," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id" \
	" AND s.done_at IS NOT NULL), " NEXT_STEP("text") ", " NEXT_STEP("due") ", f.resolution"

/* The lists of petition-report: overdue or near clocks, backlog cases (with
 * the open deadline that falls due first: the case's next_clock). */
static const char *const list_sql[] = {
	/* clocks due in [?1, ?2] */
	"SELECT c.case_no, c.unit, u.name, c.handler, c.leader, d.clock, d.due,"
	" julianday(?3) - julianday(d.due), julianday(?3) - julianday(date(c.received_at, ?4)),"
	" " LAST_SUPERVISION ", c.status FROM deadlines d JOIN cases c ON c.id = d.case_id"
	" LEFT JOIN units u ON u.code = c.unit"
	" WHERE d.stopped_at IS NULL AND d.duty = 1 AND d.due <= ?2 AND d.due >= ?1",
	/* backlog cases, with their last supervision and their file */
	"SELECT c.case_no, c.unit, u.name, c.handler, c.leader, k.clock, k.due,"
	" julianday(?3) - julianday(k.due), julianday(?3) - julianday(date(c.received_at, ?4)),"
	" " LAST_SUPERVISION ", c.status, " BACKLOG_FILE " FROM cases c"
	" LEFT JOIN deadlines k ON k.case_id = c.id AND k.clock = c.next_clock"
	" LEFT JOIN backlog_files f ON f.case_id = c.id"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 1 AND ?1 AND ?2",
};

int pt_sq_report_list(pt_db *db, int which, const char *lo, const char *hi,
                      const char *today, long offset, const char *unit,
                      pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;
	char off[32];

	pt_buf_adds(&sql, list_sql[which]);
	if (unit)
		pt_buf_adds(&sql, " AND c.unit IN " PT_SQ_SUBTREE("?5"));
	pt_buf_adds(&sql, COUNTED);
	pt_buf_adds(&sql, which == 0 ? " ORDER BY d.due, c.id" : " ORDER BY c.received_at, c.id");
	if (prepare_counted(db, &sql, &s, e))
		return PT_EDB;
	modifier(offset, off);
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, off, -1, SQLITE_TRANSIENT);
	if (unit)
		sqlite3_bind_text(s, 5, unit, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}

/* New collective, risk or backlog cases of a period, for the zero report. */
static const char *const new_sql[] = {
	"SELECT 'collective', c.case_no, c.unit, u.name, c.received_at, c.subject FROM cases c"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.collective = 1"
	" AND c.received_at >= ?1 AND c.received_at < ?2",
	"SELECT 'risk', c.case_no, c.unit, u.name, c.received_at, c.subject FROM cases c"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.risk = 1"
	" AND c.received_at >= ?1 AND c.received_at < ?2",
	"SELECT 'backlog', c.case_no, c.unit, u.name, c.received_at, c.subject"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" LEFT JOIN units u ON u.code = c.unit WHERE s.action = 'backlog'"
	" AND s.at >= ?1 AND s.at < ?2",
};

int pt_sq_report_new(pt_db *db, int which, const char *from, const char *before,
                     const char *unit, pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;

	pt_buf_adds(&sql, new_sql[which]);
	if (unit)
		pt_buf_adds(&sql, " AND c.unit IN " PT_SQ_SUBTREE("?3"));
	pt_buf_adds(&sql, COUNTED);
	pt_buf_adds(&sql, " ORDER BY c.received_at, c.id");
	if (prepare_counted(db, &sql, &s, e))
		return PT_EDB;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_TRANSIENT);
	if (unit)
		sqlite3_bind_text(s, 3, unit, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}

/* The local date of the first case received; "" when there is none. */
int pt_sq_first_received(pt_db *db, char out[11], pt_err *e)
{
	sqlite3_stmt *s = NULL;
	pt_buf sql = {0};
	int64_t t;
	int rc;

	*out = 0;
	pt_buf_adds(&sql, "SELECT c.received_at FROM cases c WHERE 1" COUNTED
	            " ORDER BY c.received_at LIMIT 1");
	if (prepare_counted(db, &sql, &s, e))
		return PT_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL &&
	    !pt_time_parse(pt_sq_col(s, 0), &t))
		pt_date_format(pt_local_day(t), out);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "report");
}

/* --- the annual report (lib/annual.c) --- */

/*
 * Two years' acts, [?1, ?2) last year's and [?2, ?3) this year's, each at
 * the unit that did it: rows of (year: 1 last, 0 this, kind, item, unit,
 * n, flagged), grouped below. ?4 is the zone's offset as a modifier. The
 * cases received are read once, grouped by what the kinds count them by.
 */
#define RECEIVED "rc(y, pollution_type, channel, purpose, unit, n, flag) AS (" \
	"SELECT c.received_at < ?2, coalesce(c.pollution_type, ''), c.channel," \
	" coalesce(c.purpose, ''), coalesce(r.unit, c.unit), count(*)," \
	" sum(c.repeat_of IS NOT NULL) FROM cases c LEFT JOIN events r ON r.case_id = c.id" \
	" AND r.action = 'register' WHERE c.received_at >= ?1 AND c.received_at < ?3" COUNTED \
	" GROUP BY 1, 2, 3, 4, 5)"
#define FROM_RECEIVED(kind, item) "SELECT y, '" kind "', " item ", unit, n, flag FROM rc"
/* the events of the actions given, one each */
#define ACT(kind, item, unit, flag) "SELECT e.at < ?2, " kind ", " item ", " unit ", 1, " flag
#define ACTS(actions) " FROM events e JOIN cases c ON c.id = e.case_id" \
	" WHERE e.action IN (" actions ") AND e.at >= ?1 AND e.at < ?3" COUNTED
#define DETAIL(k) "json_extract(e.details, '$." k "')"

static const char *const acts_sql[] = {
	/* flagged: a repeat petition */
	FROM_RECEIVED("pollution_type", "pollution_type"),
	FROM_RECEIVED("channel", "channel"),
	FROM_RECEIVED("purpose", "purpose"),
	/* decisions whether to accept, flagged when made by the accept clock's due date */
	ACT("'decide'", "e.action", "e.unit", "coalesce(date(e.at, ?4) <= d.due, 0)")
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'accept'"
	" WHERE e.action IN ('accept','decline') AND e.at >= ?1 AND e.at < ?3" COUNTED,
	/* transfers: to an office of the tree, or out to another department */
	ACT("'transfer'", "CASE WHEN EXISTS (SELECT 1 FROM units u WHERE u.code = "
	    DETAIL("to") ") THEN 'unit' ELSE 'department' END", "e.unit", "0") ACTS("'transfer'"),
	ACT("'object'", "''", "e.unit", "0") ACTS("'object'"),
	/* assignments, at the assigning unit: reported back by the date, late, not yet */
	ACT("'assign'", "CASE WHEN d.stopped_at IS NULL THEN 'unreported'"
	    " WHEN date(d.stopped_at, ?4) <= d.due THEN 'on_time' ELSE 'late' END", "e.unit", "0")
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'report'"
	" WHERE e.action = 'assign' AND e.at >= ?1 AND e.at < ?3" COUNTED,
	/* replies by outcome, flagged when on time */
	ACT("'reply'", "coalesce(" DETAIL("outcome") ", '')", "e.unit", DETAIL("on_time") " IS 1")
	ACTS("'reply'"),
	/* requests at the unit they went up to; decisions by result */
	ACT("CASE WHEN e.action LIKE 'rereview%' THEN 'rereview' ELSE 'review' END",
	    "CASE WHEN e.action LIKE '%request' THEN 'requested'"
	    " ELSE coalesce(" DETAIL("result") ", '') END",
	    "CASE WHEN e.action LIKE '%request' THEN coalesce(" DETAIL("to") ", e.unit)"
	    " ELSE e.unit END", "0")
	ACTS("'review_request','rereview_request','review_decision','rereview_decision'"),
	/* backlog cases filed, and the resolutions recorded in their files */
	ACT("'backlog'", "CASE e.action WHEN 'backlog' THEN 'filed'"
	    " ELSE coalesce(" DETAIL("resolution") ", '') END", "e.unit", "0")
	ACTS("'backlog','backlog_resolution'"),
	/* the morning run's supervisions, at the unit supervised */
	"SELECT s.at < ?2, 'supervision', s.action, coalesce(s.unit, c.unit), 1, 0"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" WHERE s.action IN ('supervise','escalate') AND s.at >= ?1 AND s.at < ?3" COUNTED,
	/* supervision orders, at the issuing unit: answered by the due date, late, not yet */
	"SELECT o.issued_at < ?2, 'order', CASE WHEN o.result_at IS NULL THEN 'unanswered'"
	" WHEN date(o.result_at, ?4) <= o.due THEN 'on_time' ELSE 'late' END,"
	" o.issuer_unit, 1, 0 FROM orders o WHERE o.issued_at >= ?1 AND o.issued_at < ?3",
};

int pt_sq_annual_acts(pt_db *db, const char *last_from, const char *from,
                      const char *before, long offset, pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;
	char off[32];
	int rc;

	pt_buf_adds(&sql, "WITH " RECEIVED ", x(y, kind, item, unit, n, flag) AS (");
	for (size_t i = 0; i < sizeof acts_sql / sizeof acts_sql[0]; i++) {
		pt_buf_adds(&sql, i ? " UNION ALL " : "");
		pt_buf_adds(&sql, acts_sql[i]);
	}
	pt_buf_adds(&sql, ") SELECT y, kind, item, unit, sum(n), sum(flag) FROM x"
	            " GROUP BY 1, 2, 3, 4");
	if ((rc = prepare_counted(db, &sql, &s, e)))
		return rc;
	modifier(offset, off);
	sqlite3_bind_text(s, 1, last_from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, off, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}

/* The accused most complained about in [?2, ?3), by their key, with the
 * counts of the year before ([?1, ?2)); ?5 a unit (those registered at it
 * and under it). */
int pt_sq_annual_accused(pt_db *db, const char *last_from, const char *from,
                         const char *before, const char *unit, int limit,
                         pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;
	int rc;

	pt_buf_adds(&sql, "SELECT min(c.accused), sum(c.received_at >= ?2),"
	            " sum(c.received_at >= ?2 AND c.repeat_of IS NOT NULL),"
	            " sum(c.received_at < ?2), sum(c.received_at < ?2 AND c.repeat_of IS NOT NULL)"
	            " FROM cases c WHERE c.accused_key IS NOT NULL"
	            " AND c.received_at >= ?1 AND c.received_at < ?3" COUNTED);
	if (unit)
		pt_buf_adds(&sql, " AND coalesce((SELECT r.unit FROM events r WHERE r.case_id = c.id"
		            " AND r.action = 'register'), c.unit) IN " PT_SQ_SUBTREE("?5"));
	pt_buf_adds(&sql, " GROUP BY c.accused_key HAVING sum(c.received_at >= ?2) > 0"
	            " ORDER BY 2 DESC, 1 LIMIT ?4");
	if ((rc = prepare_counted(db, &sql, &s, e)))
		return rc;
	sqlite3_bind_text(s, 1, last_from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, limit);
	if (unit)
		sqlite3_bind_text(s, 5, unit, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, true, out, e);
}
