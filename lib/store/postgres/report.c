/* report.c - the PostgreSQL engine: petition-report's counts and lists,
 * the annual report's among them.
 * Local dates come from UTC times shifted by the zone's offset ($3). */
#include "pg.h"
#include <string.h>

/* the statuses no report counts */
#define COUNTED " AND c.status NOT IN ({uncounted})"

/* a stored UTC time as local wall time: the offset in seconds is $N */
#define LOCAL(t, n) "((" t ")::timestamp + $" n "::text::integer * interval '1 second')"

static const char *const dim_sql[PT_DIM__COUNT] = {
	[PT_DIM_UNIT] = "x.unit",
	[PT_DIM_CHANNEL] = "x.channel",
	[PT_DIM_POLLUTION] = "coalesce(x.pollution_type, '')",
	[PT_DIM_CATEGORY] = "coalesce(x.category, '')",
	[PT_DIM_STATUS] = "x.status",
	[PT_DIM_YEAR] = "to_char(" LOCAL("x.t", "3") ", 'YYYY')",
	[PT_DIM_MONTH] = "to_char(" LOCAL("x.t", "3") ", 'YYYY-MM')",
	[PT_DIM_WEEK] = "to_char(date_trunc('week', " LOCAL("x.t", "3") "), 'YYYY-MM-DD')",
	[PT_DIM_DAY] = "to_char(" LOCAL("x.t", "3") ", 'YYYY-MM-DD')",
};

#define ACT_CASE "c.channel, c.pollution_type, c.category, c.status"
#define I(x) "(" x ")::integer"

/* The acts a report counts, each where and when it was done, in [$1, $2),
 * as the SQLite engine's; $4 is today's local date. */
static const char *const act_sql[] = {
	"SELECT coalesce(r.unit, c.unit) AS unit, c.received_at AS t, c.channel AS channel,"
	" c.pollution_type AS pollution_type, c.category AS category, c.status AS status,"
	" 1 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5, 0 AS m6, 0 AS m7, 0 AS m8,"
	" 0 AS m9, 0 AS m10, 0 AS m11, " I("c.repeat_of IS NOT NULL") " AS m12,"
	" c.collective AS m13, 0 AS m14, 0 AS m15, 0 AS m16, 0 AS m17, 0 AS m18, 0 AS m19"
	" FROM cases c LEFT JOIN events r ON r.case_id = c.id AND r.action = 'register'"
	" WHERE c.received_at >= $1 AND c.received_at < $2",
	"SELECT c.unit, c.received_at, " ACT_CASE ","
	" 0, 0, 0, 0, 0, 0, " I("c.status IN ({open})") ","
	" coalesce(" I("c.next_due < $4") ", 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM cases c"
	" WHERE c.received_at >= $1 AND c.received_at < $2"
	" AND (c.status IN ({open}) OR c.next_due < $4)",
	"SELECT CASE e.action WHEN 'review_request' THEN"
	" coalesce(e.details::jsonb->>'to', e.unit) ELSE e.unit END, e.at, " ACT_CASE ","
	" 0, " I("e.action = 'accept'") ", " I("e.action = 'decline'") ","
	" " I("e.action = 'transfer'") ", " I("e.action = 'reply'") ","
	" " I("e.action = 'reply' AND coalesce(e.details::jsonb->'on_time' = 'true', false)") ","
	" 0, 0, " I("e.action = 'extend'") ", " I("e.action = 'review_request'") ","
	" " I("e.action = 'rate' AND coalesce(e.details::jsonb->>'satisfaction'"
	      " IN ('satisfied','basically_satisfied'), false)") ","
	" " I("e.action = 'rate'") ", 0, 0, " I("e.action = 'backlog'") ", 0, 0, 0, 0, 0"
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" WHERE e.action IN ('accept','decline','transfer','reply','extend','review_request',"
	" 'rate','backlog') AND e.at >= $1 AND e.at < $2",
	"SELECT c.unit, c.received_at, " ACT_CASE ","
	" 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,"
	" " I("EXISTS (SELECT 1 FROM visit_cases vc JOIN visits v ON v.id = vc.visit_id"
	      " WHERE vc.case_id = c.id"
	      " AND v.date >= to_char(" LOCAL("$1", "3") ", 'YYYY-MM-DD')"
	      " AND v.date < to_char(" LOCAL("$2", "3") ", 'YYYY-MM-DD'))") ","
	" " I("f.resolution IS NOT NULL") ", 0, 0"
	" FROM cases c LEFT JOIN backlog_files f ON f.case_id = c.id"
	" WHERE c.backlog = 1 AND c.received_at >= $1 AND c.received_at < $2",
	"SELECT e.unit, e.at, " ACT_CASE ","
	" 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,"
	" coalesce(" I("to_char(" LOCAL("e.at", "3") ", 'YYYY-MM-DD') <= d.due") ", 0)"
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'accept'"
	" WHERE e.action IN ('accept','decline') AND e.at >= $1 AND e.at < $2",
};
enum { DECISIONS = 4 };   /* the act_sql of the decisions */

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
	/* $3 appears only in some dimensions: typed once here for all */
	pt_buf_adds(sql, " FROM (SELECT * FROM (");
	for (size_t i = 0; i < (decisions ? DECISIONS + 1u : DECISIONS); i++) {
		pt_buf_adds(sql, i ? " UNION ALL " : "");
		pt_buf_adds(sql, act_sql[i]);
		pt_buf_adds(sql, COUNTED);
	}
	pt_buf_adds(sql, ") a WHERE $3::text IS NOT NULL) x GROUP BY 1");
	for (int i = 0; i < ndims; i++) {
		snprintf(n, sizeof n, ", %d", i + 2);
		pt_buf_adds(sql, n);
	}
}

static int run_cursor(pt_db *db, pt_buf *sql, int n, const char *const *v,
                      pt_cursor **out, pt_err *e)
{
	int rc = sql->p ? pt_pg_cursor(db, sql->p, n, v, out, e) :
		pt_error(e, PT_EDB, "out of memory");

	pt_buf_free(sql);
	return rc;
}

int pt_pg_report(pt_db *db, const enum pt_dim *dims, int ndims, bool decisions, const char *from,
                 const char *before, long offset, const char *today,
                 pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	char off[24];
	const char *v[] = {from, before, pt_pg_int(off, offset), today};

	report_sql(&sql, dims, ndims, decisions);
	return run_cursor(db, &sql, 4, v, out, e);
}

#define LAST_SUPERVISION "(SELECT to_char(" LOCAL("s.at", "4") ", 'YYYY-MM-DD') || ' ' ||" \
	" s.action FROM supervisions s WHERE s.case_id = c.id ORDER BY s.id DESC LIMIT 1)"
#define DAYS_SINCE(d) "($3::text::date - (" d ")::date)"
#define AGE DAYS_SINCE(LOCAL("c.received_at", "4"))

/* A backlog case's file, as the SQLite engine's. */
#define NEXT_STEP(col) "(SELECT s." col " FROM backlog_steps s WHERE s.case_id = c.id" \
	" AND s.done_at IS NULL ORDER BY s.due, s.n LIMIT 1)"
#define BACKLOG_FILE "f.team, (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id)," \
	" (SELECT count(*) FROM backlog_steps s WHERE s.case_id = c.id" \
	" AND s.done_at IS NOT NULL), " NEXT_STEP("text") ", " NEXT_STEP("due") ", f.resolution"

static const char *const list_sql[] = {
	/* clocks due in [$1, $2] */
	"SELECT c.case_no, c.unit, u.name, c.handler, c.leader, d.clock, d.due,"
	" " DAYS_SINCE("d.due") ", " AGE ","
	" " LAST_SUPERVISION ", c.status FROM deadlines d JOIN cases c ON c.id = d.case_id"
	" LEFT JOIN units u ON u.code = c.unit"
	" WHERE d.stopped_at IS NULL AND d.duty = 1 AND d.due <= $2 AND d.due >= $1",
	/* backlog cases, with their last supervision and their file */
	"SELECT c.case_no, c.unit, u.name, c.handler, c.leader, k.clock, k.due,"
	" " DAYS_SINCE("k.due") ", " AGE ","
	" " LAST_SUPERVISION ", c.status, " BACKLOG_FILE " FROM cases c"
	" LEFT JOIN deadlines k ON k.case_id = c.id AND k.clock = c.next_clock"
	" LEFT JOIN backlog_files f ON f.case_id = c.id"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 1"
	" AND $1::text IS NOT NULL AND $2::text IS NOT NULL",
};

int pt_pg_report_list(pt_db *db, int which, const char *lo, const char *hi,
                      const char *today, long offset, const char *unit,
                      pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	char off[24];
	const char *v[] = {lo, hi, today, pt_pg_int(off, offset), unit};

	pt_buf_adds(&sql, list_sql[which]);
	if (unit)
		pt_buf_adds(&sql, " AND c.unit IN " PT_PG_SUBTREE("$5"));
	pt_buf_adds(&sql, COUNTED);
	pt_buf_adds(&sql, which == 0 ? " ORDER BY d.due, c.id" : " ORDER BY c.received_at, c.id");
	return run_cursor(db, &sql, unit ? 5 : 4, v, out, e);
}

static const char *const new_sql[] = {
	"SELECT 'collective', c.case_no, c.unit, u.name, c.received_at, c.subject FROM cases c"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.collective = 1"
	" AND c.received_at >= $1 AND c.received_at < $2",
	"SELECT 'risk', c.case_no, c.unit, u.name, c.received_at, c.subject FROM cases c"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.risk = 1"
	" AND c.received_at >= $1 AND c.received_at < $2",
	"SELECT 'backlog', c.case_no, c.unit, u.name, c.received_at, c.subject"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" LEFT JOIN units u ON u.code = c.unit WHERE s.action = 'backlog'"
	" AND s.at >= $1 AND s.at < $2",
};

int pt_pg_report_new(pt_db *db, int which, const char *from, const char *before,
                     const char *unit, pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	const char *v[] = {from, before, unit};

	pt_buf_adds(&sql, new_sql[which]);
	if (unit)
		pt_buf_adds(&sql, " AND c.unit IN " PT_PG_SUBTREE("$3"));
	pt_buf_adds(&sql, COUNTED);
	pt_buf_adds(&sql, " ORDER BY c.received_at, c.id");
	return run_cursor(db, &sql, unit ? 3 : 2, v, out, e);
}

/* The local date of the first case received; "" when there is none. */
int pt_pg_first_received(pt_db *db, char out[11], pt_err *e)
{
	PGresult *r = pt_pg_exec(db, "SELECT c.received_at FROM cases c WHERE true" COUNTED
	                         " ORDER BY c.received_at LIMIT 1", 0, NULL, "report", e);
	int64_t t;

	*out = 0;
	if (!r)
		return PT_EDB;
	if (PQntuples(r) && !pt_time_parse(PQgetvalue(r, 0, 0), &t))
		pt_date_format(pt_local_day(t), out);
	PQclear(r);
	return PT_OK;
}

/* --- the annual report (lib/annual.c), as the SQLite engine's --- */

/* a stored UTC time as a local date */
#define DATE(t) "to_char(" LOCAL(t, "4") ", 'YYYY-MM-DD')"
#define RECEIVED "rc(y, pollution_type, channel, purpose, unit, n, flag) AS (" \
	"SELECT " I("c.received_at < $2") ", coalesce(c.pollution_type, ''), c.channel," \
	" coalesce(c.purpose, ''), coalesce(r.unit, c.unit), count(*)," \
	" sum(" I("c.repeat_of IS NOT NULL") ") FROM cases c LEFT JOIN events r" \
	" ON r.case_id = c.id AND r.action = 'register'" \
	" WHERE c.received_at >= $1 AND c.received_at < $3" COUNTED " GROUP BY 1, 2, 3, 4, 5)"
#define FROM_RECEIVED(kind, item) "SELECT y, '" kind "', " item ", unit, n, flag FROM rc"
#define ACT(kind, item, unit, flag) "SELECT " I("e.at < $2") ", " kind ", " item ", " unit \
	", 1::bigint, " flag
#define ACTS(actions) " FROM events e JOIN cases c ON c.id = e.case_id" \
	" WHERE e.action IN (" actions ") AND e.at >= $1 AND e.at < $3" COUNTED
#define DETAIL(k) "(e.details::jsonb->>'" k "')"

static const char *const acts_sql[] = {
	FROM_RECEIVED("pollution_type", "pollution_type"),
	FROM_RECEIVED("channel", "channel"),
	FROM_RECEIVED("purpose", "purpose"),
	ACT("'decide'", "e.action", "e.unit", "coalesce(" I(DATE("e.at") " <= d.due") ", 0)")
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'accept'"
	" WHERE e.action IN ('accept','decline') AND e.at >= $1 AND e.at < $3" COUNTED,
	ACT("'transfer'", "CASE WHEN EXISTS (SELECT 1 FROM units u WHERE u.code = "
	    DETAIL("to") ") THEN 'unit' ELSE 'department' END", "e.unit", "0") ACTS("'transfer'"),
	ACT("'object'", "''", "e.unit", "0") ACTS("'object'"),
	ACT("'assign'", "CASE WHEN d.stopped_at IS NULL THEN 'unreported'"
	    " WHEN " DATE("d.stopped_at") " <= d.due THEN 'on_time' ELSE 'late' END", "e.unit", "0")
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'report'"
	" WHERE e.action = 'assign' AND e.at >= $1 AND e.at < $3" COUNTED,
	ACT("'reply'", "coalesce(" DETAIL("outcome") ", '')", "e.unit",
	    I("coalesce(e.details::jsonb->'on_time' = 'true', false)")) ACTS("'reply'"),
	ACT("CASE WHEN e.action LIKE 'rereview%' THEN 'rereview' ELSE 'review' END",
	    "CASE WHEN e.action LIKE '%request' THEN 'requested'"
	    " ELSE coalesce(" DETAIL("result") ", '') END",
	    "CASE WHEN e.action LIKE '%request' THEN coalesce(" DETAIL("to") ", e.unit)"
	    " ELSE e.unit END", "0")
	ACTS("'review_request','rereview_request','review_decision','rereview_decision'"),
	ACT("'backlog'", "CASE e.action WHEN 'backlog' THEN 'filed'"
	    " ELSE coalesce(" DETAIL("resolution") ", '') END", "e.unit", "0")
	ACTS("'backlog','backlog_resolution'"),
	"SELECT " I("s.at < $2") ", 'supervision', s.action, coalesce(s.unit, c.unit), 1, 0"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" WHERE s.action IN ('supervise','escalate') AND s.at >= $1 AND s.at < $3" COUNTED,
	"SELECT " I("o.issued_at < $2") ", 'order', CASE WHEN o.result_at IS NULL THEN"
	" 'unanswered' WHEN " DATE("o.result_at") " <= o.due THEN 'on_time' ELSE 'late' END,"
	" o.issuer_unit, 1, 0 FROM orders o WHERE o.issued_at >= $1 AND o.issued_at < $3",
};

int pt_pg_annual_acts(pt_db *db, const char *last_from, const char *from,
                      const char *before, long offset, pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	char off[24];
	const char *v[] = {last_from, from, before, pt_pg_int(off, offset)};

	pt_buf_adds(&sql, "WITH " RECEIVED ", x(y, kind, item, unit, n, flag) AS (");
	for (size_t i = 0; i < sizeof acts_sql / sizeof acts_sql[0]; i++) {
		pt_buf_adds(&sql, i ? " UNION ALL " : "");
		pt_buf_adds(&sql, acts_sql[i]);
	}
	pt_buf_adds(&sql, ") SELECT y, kind, item, unit, sum(n), sum(flag) FROM x"
	            " GROUP BY 1, 2, 3, 4");
	return run_cursor(db, &sql, 4, v, out, e);
}

int pt_pg_annual_accused(pt_db *db, const char *last_from, const char *from,
                         const char *before, const char *unit, int limit,
                         pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	char lim[24];
	const char *v[] = {last_from, from, before, pt_pg_int(lim, limit), unit};

	pt_buf_adds(&sql, "SELECT min(c.accused COLLATE \"C\"),"
	            " count(*) FILTER (WHERE c.received_at >= $2),"
	            " count(*) FILTER (WHERE c.received_at >= $2 AND c.repeat_of IS NOT NULL),"
	            " count(*) FILTER (WHERE c.received_at < $2),"
	            " count(*) FILTER (WHERE c.received_at < $2 AND c.repeat_of IS NOT NULL)"
	            " FROM cases c WHERE c.accused_key IS NOT NULL"
	            " AND c.received_at >= $1 AND c.received_at < $3" COUNTED);
	if (unit)
		pt_buf_adds(&sql, " AND coalesce((SELECT r.unit FROM events r WHERE r.case_id = c.id"
		            " AND r.action = 'register' LIMIT 1), c.unit) IN " PT_PG_SUBTREE("$5"));
	pt_buf_adds(&sql, " GROUP BY c.accused_key"
	            " HAVING count(*) FILTER (WHERE c.received_at >= $2) > 0"
	            " ORDER BY 2 DESC, 1 LIMIT $4::text::integer");
	return run_cursor(db, &sql, unit ? 5 : 4, v, out, e);
}
