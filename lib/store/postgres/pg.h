/* pg.h - the PostgreSQL engine's own state and helpers; only
 * lib/store/postgres/ sees it. */
#ifndef PT_STORE_PG_H
#define PT_STORE_PG_H

#include "store/store.h"
#include <libpq-fe.h>

#define PG_LOCK_TIMEOUT_S 10             /* as SQLite's busy timeout */
#define PG_STR_(x) #x
#define PG_STR(x) PG_STR_(x)
#define PG_RETRIES 5                    /* serialization failures, deadlocks */

/* The statements prepared once per connection; each file holds its text. */
enum pt_pg_stmt {
	PG_UNITS, PG_UNIT_PUT, PG_UNITS_UNDER, PG_UNIT_ONE, PG_CASE_INSERT,
	PG_CASE_SEND, PG_REPEAT_LOOK, PG_NOS_TAKEN, PG_SEQ_GET,
	PG_SEQ_PUT, PG_BY_NO, PG_BY_UUID, PG_BY_ID, PG_MAX_ID, PG_EVENT_HEAD,
	PG_EVENT, PG_LAST_EVENT, PG_EVENTS, PG_DEADLINE, PG_NEXT_DUE, PG_DEADLINE_STOP,
	PG_DEADLINE_GET, PG_DEADLINES, PG_SUPERVISION_GET, PG_SUPERVISION_ADD,
	PG_SUPERVISIONS, PG_SETTING_GET, PG_SETTING_PUT, PG_LAMPORT_MAX, PG_SEEN,
	PG_CASE_KEYS, PG_EVENT_KNOWN, PG_XROWS_CASE, PG_EVENTS_NEWEST, PG_DEADLINE_PUT,
	PG_CASE_ONE, PG_CASE_SET, PG_CASE_STATUS,
	PG_BACKLOG_GET, PG_BACKLOG_PUT, PG_STEP_ADD, PG_STEP_GET, PG_STEP_DONE,
	PG_RISK_INSERT, PG_RISK_SET, PG_RISK_EVENT, PG_RISK_LINK, PG_RISK_EVENTS,
	PG_DISPUTE_INSERT, PG_DISPUTE_SET, PG_DISPUTE_EVENT, PG_DISPUTE_LINK, PG_DISPUTE_EVENTS,
	PG_ROSTER_PUT, PG_ROSTER_EVENT, PG__COUNT
};

struct pt_store {
	PGconn *conn;
	bool prepared[PG__COUNT];
	unsigned tx;                    /* transactions begun: a cursor's generation */
	unsigned cursors;               /* names given */
	char head[PT_HASH_HEX];         /* the hash of the last event, once read */
	bool have_head;                 /* in this transaction, under its lock */
	bool pipeline;                  /* writes sent, their results not read yet */
	int pending;
	const char *pending_where[256];
	char built[1024];               /* the text PG_CASE_SET is prepared with */
	int64_t last_id;                /* the last case's id, once read */
	bool have_last_id;              /* in this transaction, under its lock */
	int64_t last_case;              /* the case inserted last, and its uuid */
	char last_uuid[64];
};

static inline PGconn *pt_pg(pt_db *db) { return db->store->conn; }

/* The unit subtree of parameter P (as in the SQLite engine, in SQL): the
 * head, P, the tail. */
#define PT_PG_SUBTREE_HEAD "(WITH RECURSIVE sub(code) AS (SELECT "
#define PT_PG_SUBTREE_TAIL "::text COLLATE \"C\" UNION" \
	" SELECT x.code FROM units x JOIN sub ON x.parent = sub.code) SELECT code FROM sub)"
#define PT_PG_SUBTREE(p) PT_PG_SUBTREE_HEAD p PT_PG_SUBTREE_TAIL

/* Status sets in SQL text: {open}, {done}, {review}, {uncounted} (and
 * {open_literal}) become the quoted codes of the arrays of schema.c. */
int pt_pg_expand(pt_buf *out, const char *text);
/* The error of res (or of the connection, res NULL) as "DB: where: what". */
int pt_pg_err(pt_db *db, const PGresult *res, const char *where, pt_err *e);
/* SQLSTATE of res, "" when none. */
const char *pt_pg_state(const PGresult *res);
/* Runs a cached statement with n text parameters (NULL: SQL NULL); the
 * result (caller clears) or NULL with e set. */
PGresult *pt_pg_run(pt_db *db, enum pt_pg_stmt id, const char *text, int n,
                    const char *const *v, const char *where, pt_err *e);
#define PG_RUN(db, id, n, v, where, e) pt_pg_run(db, id, sql_text[id], n, v, where, e)
/* Sends a write whose result nothing needs but the commit, without
 * waiting (libpq's pipeline): id and text as pt_pg_run, or id -1 and sql
 * run once. The next statement that waits reads the results first; a
 * failure is reported there, and fails the transaction. */
int pt_pg_defer(pt_db *db, int id, const char *text, int n, const char *const *v,
                const char *where, pt_err *e);
#define PG_DEFER(db, id, n, v, where, e) pt_pg_defer(db, id, sql_text[id], n, v, where, e)
/* The same for a statement whose text the caller builds: kept prepared as
 * id while the text stays the same (as for every case of a batch). */
int pt_pg_defer_built(pt_db *db, enum pt_pg_stmt id, const char *text, int n,
                      const char *const *v, const char *where, pt_err *e);
/* Reads the results of the writes sent; the first failure in e. */
int pt_pg_flush(pt_db *db, pt_err *e);
/* Runs SQL text (status sets expanded) once. */
PGresult *pt_pg_exec(pt_db *db, const char *sql, int n, const char *const *v,
                     const char *where, pt_err *e);
/* The same, for a statement whose result is not needed. */
int pt_pg_do(pt_db *db, const char *sql, int n, const char *const *v, const char *where,
             pt_err *e);
static inline const char *pt_pg_col(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}
/* An int64 as text for a parameter. */
const char *pt_pg_int(char buf[24], int64_t v);
void pt_pg_now(pt_db *db, char out[21]);

/* A cursor over a result already read (small ones: taken, cleared at close). */
int pt_pg_cursor_of(pt_db *db, PGresult *res, pt_cursor **out, pt_err *e);
/* A server-side cursor over sql, read in batches: large results. */
int pt_pg_cursor(pt_db *db, const char *sql, int n, const char *const *v,
                 pt_cursor **out, pt_err *e);
/* The same for a query of one row or a few: read at once. */
int pt_pg_cursor_small(pt_db *db, const char *sql, int n, const char *const *v,
                       pt_cursor **out, pt_err *e);
int pt_pg_by_id(pt_db *db, enum pt_pg_stmt id, const char *text, int64_t case_id,
                pt_cursor **out, pt_err *e);
int pt_pg_cursor_next(pt_cursor *c, pt_record *r, pt_err *e);
void pt_pg_cursor_close(pt_cursor *c);
int pt_pg_plan(pt_db *db, pt_cursor *c, pt_buf *out, pt_err *e);
/* Calls fill for every row of a server-side cursor over sql. */
int pt_pg_each_row(pt_db *db, const char *sql, int (*fill)(const PGresult *, int, void *),
                   void *arg, pt_err *e);

/* open.c */
int pt_pg_open(pt_db *db, const pt_options *o, pt_err *e);
void pt_pg_close(pt_db *db);
int pt_pg_begin(pt_db *db, pt_err *e);
int pt_pg_commit(pt_db *db, pt_err *e);
void pt_pg_rollback(pt_db *db);
int pt_pg_bulk(pt_db *db, pt_err *e);

/* schema.c */
int pt_pg_migrate(pt_db *db, bool readonly, bool *fresh, pt_err *e);
int pt_pg_check_current(pt_db *db, pt_err *e);
int pt_pg_guard_missing(pt_db *db, const char **missing, pt_err *e);

/* cases.c */
int pt_pg_case_count(pt_db *db, int64_t *n, pt_err *e);
int pt_pg_case_insert(pt_db *db, pt_record *r, int repeats, bool checked, int64_t *id,
                      pt_err *e);
int pt_pg_case_set(pt_db *db, int64_t id, const int *fields, const char *const *values,
                   int n, pt_err *e);
int pt_pg_case_status(pt_db *db, int64_t id, char *status, size_t n, pt_err *e);
int pt_pg_case_columns(pt_db *db, enum pt_pg_stmt st, const char *text, int64_t id,
                       int ncols, char *const *out, const size_t *n, bool *found,
                       const char *where, pt_err *e);
int pt_pg_case_find(pt_db *db, enum pt_case_key k, const char *key, int64_t *id,
                    pt_err *e);
int pt_pg_case_nos_first_taken(pt_db *db, const char *const *nos, int n, int *first,
                               pt_err *e);
int pt_pg_repeat_look(pt_db *db, const char *phone, const char *accused,
                      const char *since, const char *until,
                      struct pt_repeat out[PT_REPEAT_LOOKS], pt_err *e);
int pt_pg_seq_get(pt_db *db, const char *prefix, int year, int64_t *last, pt_err *e);
int pt_pg_seq_put(pt_db *db, const char *prefix, int year, int64_t last, pt_err *e);

/* query.c */
int pt_pg_cases_query(pt_db *db, struct pt_query_spec *qs, pt_cursor **out, pt_err *e);
int pt_pg_cases_count(pt_db *db, struct pt_query_spec *qs, int64_t *n, pt_err *e);

/* events.c */
int pt_pg_event_add(pt_db *db, const struct pt_event_in *ev, pt_err *e);
int pt_pg_last_event(pt_db *db, int64_t case_id, const char *action, char **out,
                     int64_t *at, pt_err *e);
int pt_pg_events_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
int pt_pg_chain_each(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
                     void *arg, pt_err *e);
int pt_pg_replay_each(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
                      void *arg, pt_err *e);

/* deadlines.c */
int pt_pg_deadline_add(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, pt_err *e);
int pt_pg_deadline_stop(pt_db *db, int64_t case_id, const char *clock, pt_err *e);
int pt_pg_deadline_get(pt_db *db, int64_t case_id, const char *clock,
                       struct pt_clock *k, pt_err *e);
int pt_pg_deadlines_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
/* a case's next_due and next_clock, after any change of its deadlines (id
 * as text) */
int pt_pg_next_due_update(pt_db *db, const char *id, pt_err *e);

/* supervisions.c */
int pt_pg_supervision_at(pt_db *db, int64_t case_id, const char *clock,
                         const char *action, int64_t *at, pt_err *e);
int pt_pg_supervision_add(pt_db *db, const struct pt_supervision *v, bool *added,
                          pt_err *e);
int pt_pg_supervisions_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
int pt_pg_escalation(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
                     pt_cursor **out, pt_err *e);
int pt_pg_supervisions_made(pt_db *db, const char *from, const char *before,
                            const char *unit, pt_cursor **out, pt_err *e);

/* backlog.c: backlog files */
int pt_pg_backlog_get(pt_db *db, int64_t case_id, struct pt_backlog_file *f, pt_err *e);
int pt_pg_backlog_put(pt_db *db, int64_t case_id, const char *team, const char *resolution,
                      const char *reason, pt_err *e);
int pt_pg_step_add(pt_db *db, int64_t case_id, int n, const char *due, const char *text,
                   pt_err *e);
int pt_pg_step_get(pt_db *db, int64_t case_id, int n, struct pt_step *s, pt_err *e);
int pt_pg_step_done(pt_db *db, int64_t case_id, int n, pt_err *e);
int pt_pg_backlog_files(pt_db *db, const char *unit, const char *today, pt_cursor **out,
                        pt_err *e);

/* units.c */
int pt_pg_units_load(pt_db *db, pt_unit_row_fn row, void *ctx, pt_err *e);
int pt_pg_unit_put(pt_db *db, const char *code, const char *name, const char *level,
                   const char *parent, pt_err *e);
int pt_pg_units_query(pt_db *db, const char *code, bool under, pt_cursor **out,
                      pt_err *e);

/* report.c */
int pt_pg_report(pt_db *db, const enum pt_dim *dims, int ndims, bool decisions, const char *from,
                 const char *before, long offset, const char *today,
                 pt_cursor **out, pt_err *e);
int pt_pg_report_list(pt_db *db, int which, const char *lo, const char *hi,
                      const char *today, long offset, const char *unit,
                      pt_cursor **out, pt_err *e);
int pt_pg_report_new(pt_db *db, int which, const char *from, const char *before,
                     const char *unit, pt_cursor **out, pt_err *e);
int pt_pg_first_received(pt_db *db, char out[11], pt_err *e);

/* visits.c: leaders' receptions and visits, the reception schedule */
int pt_pg_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e);
int pt_pg_visit_link(pt_db *db, int64_t visit, int64_t case_id, bool *added, pt_err *e);
int pt_pg_visits_query(pt_db *db, const struct pt_visit_q *q, pt_cursor **out, pt_err *e);
int pt_pg_schedule_clear(pt_db *db, pt_err *e);
int pt_pg_schedule_add(pt_db *db, const pt_record *r, pt_err *e);
int pt_pg_schedule_query(pt_db *db, pt_cursor **out, pt_err *e);
int pt_pg_visit_counts(pt_db *db, const char *from, const char *to, pt_cursor **out,
                       pt_err *e);

/* copy.c */
int pt_pg_rows_query(pt_db *db, enum pt_copy_kind k, pt_cursor **out, pt_err *e);
int pt_pg_row_insert(pt_db *db, enum pt_copy_kind k, const pt_record *r, pt_err *e);
int pt_pg_units_clear(pt_db *db, pt_err *e);
int pt_pg_rows_inserted(pt_db *db, pt_err *e);
int pt_pg_identity(pt_db *db, char *out, size_t n, pt_err *e);

/* risks.c */
int pt_pg_risk_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
int pt_pg_risk_set(pt_db *db, int64_t id, const char *step, const char *urgent_at,
                   pt_err *e);
int pt_pg_risk_event_add(pt_db *db, const struct pt_risk_event *ev, pt_err *e);
int pt_pg_risk_link(pt_db *db, int64_t risk_id, int64_t case_id, bool *added, pt_err *e);
int pt_pg_risks_query(pt_db *db, const struct pt_risk_spec *q, pt_cursor **out, pt_err *e);
int pt_pg_risk_events_query(pt_db *db, int64_t risk_id, pt_cursor **out, pt_err *e);
int pt_pg_roster_put(pt_db *db, const struct pt_roster_day *d, pt_err *e);
int pt_pg_roster_event_add(pt_db *db, const struct pt_roster_day *d, pt_err *e);
int pt_pg_rosters_query(pt_db *db, const char *period, const char *from, const char *to,
                        pt_cursor **out, pt_err *e);
int pt_pg_risk_acts(pt_db *db, const char *from, const char *before, const char *found,
                    const char *step_action, pt_cursor **out, pt_err *e);

/* disputes.c */
int pt_pg_dispute_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
int pt_pg_dispute_set(pt_db *db, int64_t id, const struct pt_dispute_change *c, pt_err *e);
int pt_pg_dispute_event_add(pt_db *db, const struct pt_dispute_event *ev, pt_err *e);
int pt_pg_dispute_link(pt_db *db, int64_t dispute_id, int64_t case_id, bool *added,
                       pt_err *e);
int pt_pg_disputes_query(pt_db *db, const struct pt_dispute_spec *q, pt_cursor **out,
                         pt_err *e);
int pt_pg_dispute_events_query(pt_db *db, int64_t dispute_id, pt_cursor **out, pt_err *e);
int pt_pg_dispute_acts(pt_db *db, const char *before, const char *filed, pt_cursor **out,
                        pt_err *e);

/* exchange.c */
int pt_pg_setting_get(pt_db *db, const char *key, char *out, size_t n, bool *found,
                      pt_err *e);
int pt_pg_setting_put(pt_db *db, const char *key, const char *value, pt_err *e);
int pt_pg_lamport_max(pt_db *db, int64_t *out, pt_err *e);
int pt_pg_seen(pt_db *db, int64_t case_id, const char *self,
               int (*fn)(void *, const char *, int64_t), void *arg, pt_err *e);
int pt_pg_case_keys(pt_db *db, int64_t id, char uuid[37], char *unit, size_t n, pt_err *e);
int pt_pg_event_known(pt_db *db, const char *event_id, const char *self, const char *origin,
                      int64_t lamport, bool *known, pt_err *e);
int pt_pg_exchange_rows(pt_db *db, int64_t case_id, int64_t after, const char *since,
                        pt_cursor **out, pt_err *e);
int pt_pg_events_newest(pt_db *db, int64_t *id, pt_err *e);
int pt_pg_deadline_put(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, const char *stopped_at,
                       pt_err *e);
int pt_pg_case_next_due(pt_db *db, int64_t case_id, pt_err *e);

/* orders.c: supervision orders */
int pt_pg_order_add(pt_db *db, const struct pt_order_in *o, int64_t *id, pt_err *e);
int pt_pg_order_case_add(pt_db *db, int64_t id, int64_t case_id, pt_err *e);
int pt_pg_order_set(pt_db *db, int64_t id, enum pt_order_set which, const char *v,
                    const char *at, pt_err *e);
int pt_pg_orders_query(pt_db *db, const struct pt_order_query *q, pt_cursor **out,
                       pt_err *e);
int pt_pg_order_cases(pt_db *db, int64_t id, pt_cursor **out, pt_err *e);

/* report.c: the annual report */
int pt_pg_annual_acts(pt_db *db, const char *last_from, const char *from,
                      const char *before, long offset, pt_cursor **out, pt_err *e);
int pt_pg_annual_accused(pt_db *db, const char *last_from, const char *from,
                         const char *before, const char *unit, int limit,
                         pt_cursor **out, pt_err *e);

#endif
