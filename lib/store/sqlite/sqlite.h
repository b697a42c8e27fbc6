/* sqlite.h - the SQLite engine's own state and helpers; only lib/store/sqlite/ sees it. */
#ifndef PT_STORE_SQLITE_H
#define PT_STORE_SQLITE_H

#include "store/store.h"
#include <sqlite3.h>

#define BUSY_TIMEOUT_MS 10000

/* The statements kept prepared for the invocation; each file holds the text
 * of its own. */
enum pt_sq_stmt {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_UNITS, ST_UNIT_PUT, ST_CASE_INSERT,
	ST_EVENT, ST_DEADLINE, ST_REPEAT_PHONE, ST_REPEAT_ACCUSED, ST_SEQ_GET,
	ST_SEQ_PUT, ST_BY_NO, ST_BY_UUID, ST_BY_ID, ST_EVENTS, ST_DEADLINES,
	ST_UNITS_UNDER, ST_UNIT_ONE, ST_MAX_ID, ST_DEADLINE_STOP, ST_DEADLINE_GET,
	ST_FINAL_REPEAT, ST_LAST_EVENT, ST_SUPERVISION_GET, ST_SUPERVISION_ADD,
	ST_SUPERVISIONS, ST_NEXT_DUE, ST_CHAIN, ST_REPLAY, ST_TRIGGER,
	ST_SETTING_GET, ST_SETTING_PUT, ST_LAMPORT_MAX, ST_SEEN, ST_CASE_KEYS,
	ST_EVENT_KNOWN, ST_OWN_KNOWN, ST_XROWS_CASE, ST_XROWS_AFTER, ST_XROWS_SINCE,
	ST_EVENTS_NEWEST, ST_DEADLINE_PUT, ST_CASE_ONE, ST_CASE_SET,
	ST_NEXT_DUE_SET, ST_SUPERVISION_AT, ST_CASE_STATUS,
	ST_ANY_EVENT_ID,
	ST_VISIT_ADD, ST_VISIT_LINK, ST_SCHEDULE_ADD, ST_VISITS,
	ST_BACKLOG_GET, ST_BACKLOG_PUT, ST_STEP_ADD, ST_STEP_GET, ST_STEP_DONE,
	ST_ORDER_CASE_ADD, ST_ORDER_CASES,
	ST_RISK_INSERT, ST_RISK_SET, ST_RISK_EVENT, ST_RISK_LINK, ST_RISK_EVENTS,
	ST_DISPUTE_INSERT, ST_DISPUTE_SET, ST_DISPUTE_EVENT, ST_DISPUTE_LINK, ST_DISPUTE_EVENTS,
	ST_ROSTER_PUT, ST_ROSTER_EVENT,
	ST_COPY_INSERT, ST_COPY_INSERT_LAST = ST_COPY_INSERT + PT_COPY__COUNT - 1, ST__COUNT
};

struct pt_store {
	sqlite3 *sql;
	sqlite3_stmt *st[ST__COUNT];
	bool bulk;                      /* deferrable indexes dropped */
	int64_t due_case;               /* its next due not yet written (deadlines.c) */
};

static inline sqlite3 *pt_sq(pt_db *db) { return db->store->sql; }

/*
 * The unit subtree, one fragment for every query that limits to a unit:
 * the codes of unit P and of every unit under it. A recursive query rather
 * than codes bound from the unit cache: no limit on the number of units,
 * and no query needs the cache loaded first.
 */
#define PT_SQ_SUBTREE(p) "(WITH RECURSIVE sub(code) AS (SELECT " p " UNION" \
	" SELECT x.code FROM units x JOIN sub ON x.parent = sub.code) SELECT code FROM sub)"

/*
 * Status sets in SQL text: {open}, {done}, {review} and {uncounted} become
 * lists of parameters that pt_sq_prepare binds to the arrays of schema.c;
 * {open_literal} the quoted codes of the open statuses, for the partial
 * index that needs constants and the query that reads through it.
 */
int pt_sq_expand(pt_buf *out, const char *text);
/* Prepares text (status sets expanded and bound); where names the failure. */
int pt_sq_prepare(pt_db *db, const char *text, sqlite3_stmt **out, const char *where,
                  pt_err *e);
sqlite3_stmt *pt_sq_stmt(pt_db *db, enum pt_sq_stmt id, const char *text, pt_err *e);
sqlite3_stmt *pt_sq_stmt_built(pt_db *db, enum pt_sq_stmt id, const char *text, pt_err *e);
/* The cached statement id of the calling file's sql_text[] table. */
#define SQ_STMT(db, id, e) pt_sq_stmt(db, id, sql_text[id], e)
int pt_sq_err(pt_db *db, pt_err *e, const char *where);
int pt_sq_exec(pt_db *db, const char *sql, pt_err *e, const char *where);
/* Runs a prepared statement that returns no rows. */
int pt_sq_run(pt_db *db, sqlite3_stmt *s, pt_err *e, const char *where);
int pt_sq_each_row(pt_db *db, sqlite3_stmt *s, int (*fill)(sqlite3_stmt *, void *),
                   void *arg, pt_err *e);
static inline const char *pt_sq_col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}
void pt_sq_bind_opt(sqlite3_stmt *s, int i, const char *v);
/* v copied, or NULL when v is NULL or empty */
void pt_sq_bind_nonempty(sqlite3_stmt *s, int i, const char *v);
void pt_sq_bind_int(sqlite3_stmt *s, int i, const char *v, int64_t dflt);
typedef void pt_sq_key_fn(const char *v, char *out, size_t n);
enum { PT_SQ_KEY_MAX = 1024 };    /* an accused name: 200 characters, 4 bytes each */
void pt_sq_bind_key(sqlite3_stmt *s, int i, pt_sq_key_fn *key, const char *v);
void pt_sq_now(pt_db *db, char out[21]);

/* A cursor over s; owned: finalized on close (else reset, a cached one). */
int pt_sq_cursor(pt_db *db, sqlite3_stmt *s, bool owned, pt_cursor **out, pt_err *e);
int pt_sq_by_id(pt_db *db, enum pt_sq_stmt id, const char *text, int64_t case_id,
                pt_cursor **out, pt_err *e);
int pt_sq_cursor_next(pt_cursor *c, pt_record *r, pt_err *e);
void pt_sq_cursor_close(pt_cursor *c);
int pt_sq_plan(pt_db *db, pt_cursor *c, pt_buf *out, pt_err *e);

/* open.c */
int pt_sq_open(pt_db *db, const pt_options *o, pt_err *e);
void pt_sq_close(pt_db *db);
int pt_sq_begin(pt_db *db, pt_err *e);
int pt_sq_commit(pt_db *db, pt_err *e);
void pt_sq_rollback(pt_db *db);
int pt_sq_key_functions(pt_db *db, pt_err *e);

/* schema.c: the migrations */
int pt_sq_schema_version(pt_db *db, int *version, pt_err *e);
int pt_sq_migrate(pt_db *db, int version, bool *fresh, pt_err *e);
int pt_sq_check_current(pt_db *db, pt_err *e);
int pt_sq_schema_newest(void);
int pt_sq_bulk(pt_db *db, pt_err *e);
int pt_sq_bulk_end(pt_db *db, pt_err *e);
int pt_sq_guard_missing(pt_db *db, const char **missing, pt_err *e);

/* cases.c */
int pt_sq_case_count(pt_db *db, int64_t *n, pt_err *e);
int pt_sq_case_insert(pt_db *db, pt_record *r, int repeats, bool checked, int64_t *id,
                      pt_err *e);
int pt_sq_case_set(pt_db *db, int64_t id, const int *fields, const char *const *values,
                   int n, pt_err *e);
int pt_sq_case_find(pt_db *db, enum pt_case_key k, const char *key, int64_t *id,
                    pt_err *e);
int pt_sq_case_status(pt_db *db, int64_t id, char *status, size_t n, pt_err *e);
int pt_sq_case_nos_first_taken(pt_db *db, const char *const *nos, int n, int *first,
                               pt_err *e);
int pt_sq_repeat_look(pt_db *db, const char *phone, const char *accused,
                      const char *since, const char *until,
                      struct pt_repeat out[PT_REPEAT_LOOKS], pt_err *e);
int pt_sq_seq_get(pt_db *db, const char *prefix, int year, int64_t *last, pt_err *e);
int pt_sq_seq_put(pt_db *db, const char *prefix, int year, int64_t last, pt_err *e);

/* query.c */
int pt_sq_cases_query(pt_db *db, struct pt_query_spec *qs, pt_cursor **out, pt_err *e);
int pt_sq_cases_count(pt_db *db, struct pt_query_spec *qs, int64_t *n, pt_err *e);

/* events.c */
int pt_sq_event_add(pt_db *db, const struct pt_event_in *ev, pt_err *e);
int pt_sq_last_event(pt_db *db, int64_t case_id, const char *action, char **out,
                     int64_t *at, pt_err *e);
int pt_sq_events_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
int pt_sq_chain_each(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
                     void *arg, pt_err *e);
int pt_sq_replay_each(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
                      void *arg, pt_err *e);

/* deadlines.c */
int pt_sq_deadline_add(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, pt_err *e);
int pt_sq_deadline_stop(pt_db *db, int64_t case_id, const char *clock, pt_err *e);
int pt_sq_deadline_get(pt_db *db, int64_t case_id, const char *clock,
                       struct pt_clock *k, pt_err *e);
int pt_sq_deadlines_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);

/* supervisions.c */
int pt_sq_supervision_at(pt_db *db, int64_t case_id, const char *clock,
                         const char *action, int64_t *at, pt_err *e);
int pt_sq_supervision_add(pt_db *db, const struct pt_supervision *v, bool *added,
                          pt_err *e);
int pt_sq_supervisions_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
int pt_sq_escalation(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
                     pt_cursor **out, pt_err *e);
int pt_sq_supervisions_made(pt_db *db, const char *from, const char *before,
                            const char *unit, pt_cursor **out, pt_err *e);

/* backlog.c: backlog files */
int pt_sq_backlog_get(pt_db *db, int64_t case_id, struct pt_backlog_file *f, pt_err *e);
int pt_sq_backlog_put(pt_db *db, int64_t case_id, const char *team, const char *resolution,
                      const char *reason, pt_err *e);
int pt_sq_step_add(pt_db *db, int64_t case_id, int n, const char *due, const char *text,
                   pt_err *e);
int pt_sq_step_get(pt_db *db, int64_t case_id, int n, struct pt_step *s, pt_err *e);
int pt_sq_step_done(pt_db *db, int64_t case_id, int n, pt_err *e);
int pt_sq_backlog_files(pt_db *db, const char *unit, const char *today, pt_cursor **out,
                        pt_err *e);

/* units.c */
int pt_sq_units_load(pt_db *db, pt_unit_row_fn row, void *ctx, pt_err *e);
int pt_sq_unit_put(pt_db *db, const char *code, const char *name, const char *level,
                   const char *parent, pt_err *e);
int pt_sq_units_query(pt_db *db, const char *code, bool under, pt_cursor **out,
                      pt_err *e);

/* report.c */
int pt_sq_report(pt_db *db, const enum pt_dim *dims, int ndims, bool decisions, const char *from,
                 const char *before, long offset, const char *today,
                 pt_cursor **out, pt_err *e);
int pt_sq_report_list(pt_db *db, int which, const char *lo, const char *hi,
                      const char *today, long offset, const char *unit,
                      pt_cursor **out, pt_err *e);
int pt_sq_report_new(pt_db *db, int which, const char *from, const char *before,
                     const char *unit, pt_cursor **out, pt_err *e);
int pt_sq_first_received(pt_db *db, char out[11], pt_err *e);

/* visits.c: leaders' receptions and visits, the reception schedule */
int pt_sq_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e);
int pt_sq_visit_link(pt_db *db, int64_t visit, int64_t case_id, bool *added, pt_err *e);
int pt_sq_visits_query(pt_db *db, const struct pt_visit_q *q, pt_cursor **out, pt_err *e);
int pt_sq_schedule_clear(pt_db *db, pt_err *e);
int pt_sq_schedule_add(pt_db *db, const pt_record *r, pt_err *e);
int pt_sq_schedule_query(pt_db *db, pt_cursor **out, pt_err *e);
int pt_sq_visit_counts(pt_db *db, const char *from, const char *to, pt_cursor **out,
                       pt_err *e);

/* copy.c: copying a whole store */
int pt_sq_rows_query(pt_db *db, enum pt_copy_kind k, pt_cursor **out, pt_err *e);
int pt_sq_row_insert(pt_db *db, enum pt_copy_kind k, const pt_record *r, pt_err *e);
int pt_sq_units_clear(pt_db *db, pt_err *e);
int pt_sq_rows_inserted(pt_db *db, pt_err *e);
int pt_sq_identity(pt_db *db, char *out, size_t n, pt_err *e);

/* risks.c: the register of risks */
int pt_sq_risk_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
int pt_sq_risk_set(pt_db *db, int64_t id, const char *step, const char *urgent_at,
                   pt_err *e);
int pt_sq_risk_event_add(pt_db *db, const struct pt_risk_event *ev, pt_err *e);
int pt_sq_risk_link(pt_db *db, int64_t risk_id, int64_t case_id, bool *added, pt_err *e);
int pt_sq_risks_query(pt_db *db, const struct pt_risk_spec *q, pt_cursor **out, pt_err *e);
int pt_sq_risk_events_query(pt_db *db, int64_t risk_id, pt_cursor **out, pt_err *e);
int pt_sq_roster_put(pt_db *db, const struct pt_roster_day *d, pt_err *e);
int pt_sq_roster_event_add(pt_db *db, const struct pt_roster_day *d, pt_err *e);
int pt_sq_rosters_query(pt_db *db, const char *period, const char *from, const char *to,
                        pt_cursor **out, pt_err *e);
int pt_sq_risk_acts(pt_db *db, const char *from, const char *before, const char *found,
                    const char *step_action, pt_cursor **out, pt_err *e);

/* disputes.c: disputes and their mediation */
int pt_sq_dispute_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
int pt_sq_dispute_set(pt_db *db, int64_t id, const struct pt_dispute_change *c, pt_err *e);
int pt_sq_dispute_event_add(pt_db *db, const struct pt_dispute_event *ev, pt_err *e);
int pt_sq_dispute_link(pt_db *db, int64_t dispute_id, int64_t case_id, bool *added,
                       pt_err *e);
int pt_sq_disputes_query(pt_db *db, const struct pt_dispute_spec *q, pt_cursor **out,
                         pt_err *e);
int pt_sq_dispute_events_query(pt_db *db, int64_t dispute_id, pt_cursor **out, pt_err *e);
int pt_sq_dispute_acts(pt_db *db, const char *before, const char *filed, pt_cursor **out,
                        pt_err *e);

/* exchange.c: exchange between offices */
int pt_sq_setting_get(pt_db *db, const char *key, char *out, size_t n, bool *found,
                      pt_err *e);
int pt_sq_setting_put(pt_db *db, const char *key, const char *value, pt_err *e);
int pt_sq_lamport_max(pt_db *db, int64_t *out, pt_err *e);
int pt_sq_seen(pt_db *db, int64_t case_id, const char *self,
               int (*fn)(void *, const char *, int64_t), void *arg, pt_err *e);
int pt_sq_case_keys(pt_db *db, int64_t id, char uuid[37], char *unit, size_t n, pt_err *e);
int pt_sq_event_known(pt_db *db, const char *event_id, const char *self, const char *origin,
                      int64_t lamport, bool *known, pt_err *e);
int pt_sq_exchange_rows(pt_db *db, int64_t case_id, int64_t after, const char *since,
                        pt_cursor **out, pt_err *e);
int pt_sq_events_newest(pt_db *db, int64_t *id, pt_err *e);
int pt_sq_deadline_put(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, const char *stopped_at,
                       pt_err *e);
int pt_sq_next_due_update(pt_db *db, int64_t case_id, pt_err *e);
/* The next due of the case whose clocks changed last, written now: before
 * any statement but those of clocks and of that case's update (sql.c). */
int pt_sq_due_flush(pt_db *db, pt_err *e);
/* orders.c: supervision orders */
int pt_sq_order_add(pt_db *db, const struct pt_order_in *o, int64_t *id, pt_err *e);
int pt_sq_order_case_add(pt_db *db, int64_t id, int64_t case_id, pt_err *e);
int pt_sq_order_set(pt_db *db, int64_t id, enum pt_order_set which, const char *v,
                    const char *at, pt_err *e);
int pt_sq_orders_query(pt_db *db, const struct pt_order_query *q, pt_cursor **out,
                       pt_err *e);
int pt_sq_order_cases(pt_db *db, int64_t id, pt_cursor **out, pt_err *e);
int pt_sq_next_due_get(pt_db *db, int64_t case_id, char due[64], char clock[64],
                       bool *found, pt_err *e);

/* report.c: the annual report */
int pt_sq_annual_acts(pt_db *db, const char *last_from, const char *from,
                      const char *before, long offset, pt_cursor **out, pt_err *e);
int pt_sq_annual_accused(pt_db *db, const char *last_from, const char *from,
                         const char *before, const char *unit, int limit,
                         pt_cursor **out, pt_err *e);

#endif
