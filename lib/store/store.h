/*
 * store.h - the storage interface. It speaks of cases, events, deadlines,
 * supervisions, units and reports; each engine (lib/store/sqlite/,
 * lib/store/postgres/) fills a table of these operations, in the manner of
 * git's struct ref_storage_be. Rows cross it as pt_records in the column
 * order of a named schema; only an engine's own folder sees its library.
 */
#ifndef PT_STORE_H
#define PT_STORE_H

#include "pt_priv.h"

/* An engine's cursor begins with this; the engine's cursor_next reads on. */
struct pt_cursor { const struct pt_store_engine *engine; };

/* How pt_store_case_find is keyed. */
enum pt_case_key { PT_KEY_ID, PT_KEY_UUID, PT_KEY_CASE_NO };

/* The rows of pt_store_report: the unit that acted, PT_REPORT_DIMS
 * dimensions (NULL past those asked for), then the PT_M_COUNT measures. */
enum { PT_REPORT_DIMS = 8, PT_REPORT_UNIT = 0, PT_REPORT_DIM0 = 1,
       PT_REPORT_M0 = PT_REPORT_DIM0 + PT_REPORT_DIMS,
       PT_REPORT__COUNT = PT_REPORT_M0 + PT_M_COUNT };
extern const pt_schema pt_report_row_schema;

/* The row formats of rows_query and row_insert, one a kind (store.c);
 * integers and booleans as decimal text ("0", "1"). */
extern const pt_schema *const pt_copy_schemas[PT_COPY__COUNT];

/* A query of visits: the unit a code (and those under it), kinds a checked
 * comma list of codes; NULL: any. bare: without the case numbers (read
 * once per case linked, the list would grow with the batch). */
struct pt_visit_q { const char *leader, *kinds, *unit, *from, *to; int64_t id; bool bare; };
struct pt_risk_event;
struct pt_risk_spec;
struct pt_dispute_event;
struct pt_dispute_change;
struct pt_dispute_spec;
/* A day of a key period's duty roster: the period as the policy names it
 * (FROM..TO), the day, who is on duty (a comma list), the leader on shift. */
struct pt_roster_day { const char *period, *day, *on_duty, *leader; };

struct pt_store_engine {
	const char *name;
	const char *const *prefixes;   /* --db values it claims; NULL: any other */

	/* 1: a new store, whose open transaction the caller seeds and commits */
	int (*open)(pt_db *db, const pt_options *o, pt_err *e);
	void (*close)(pt_db *db);
	int (*check_current)(pt_db *db, pt_err *e);
	int (*begin)(pt_db *db, pt_err *e);
	int (*commit)(pt_db *db, pt_err *e);
	void (*rollback)(pt_db *db);
	int (*bulk)(pt_db *db, pt_err *e);

	/* cases */
	int (*case_count)(pt_db *db, int64_t *n, pt_err *e);
	/* checked: case_no and uuid are known free in this transaction, so the
	 * engine may send the insert without waiting for it */
	int (*case_insert)(pt_db *db, pt_record *r, int repeats, bool checked, int64_t *id,
	                   pt_err *e);
	int (*case_set)(pt_db *db, int64_t id, const int *fields,
	                const char *const *values, int n, pt_err *e);
	/* PT_EINPUT "KEY: no such case" when none */
	int (*case_find)(pt_db *db, enum pt_case_key k, const char *key, int64_t *id,
	                 pt_err *e);
	/* the index in nos of the first case number taken, n when none is */
	int (*case_nos_first_taken)(pt_db *db, const char *const *nos, int n, int *first,
	                            pt_err *e);
	/* a case's status alone, without its record; PT_EINPUT when none */
	int (*case_status)(pt_db *db, int64_t id, char *status, size_t n, pt_err *e);
	int (*cases_query)(pt_db *db, struct pt_query_spec *qs, pt_cursor **out, pt_err *e);
	int (*cases_count)(pt_db *db, struct pt_query_spec *qs, int64_t *n, pt_err *e);
	/* the cases a new one may repeat, in one look (art. 36):
	 * [PT_REPEAT_PHONE] the latest with phone's key received in [since, until],
	 * [PT_REPEAT_ACCUSED] the same for accused, [PT_REPEAT_FINAL] the latest
	 * final one with both keys; a NULL key finds none (case_no "") */
	int (*repeat_look)(pt_db *db, const char *phone, const char *accused,
	                   const char *since, const char *until,
	                   struct pt_repeat out[PT_REPEAT_LOOKS], pt_err *e);
	int (*seq_get)(pt_db *db, const char *prefix, int year, int64_t *last, pt_err *e);
	int (*seq_put)(pt_db *db, const char *prefix, int year, int64_t last, pt_err *e);

	/* the history and its hash chain */
	int (*event_add)(pt_db *db, const struct pt_event_in *ev, pt_err *e);
	int (*last_event)(pt_db *db, int64_t case_id, const char *action, char **out,
	                  int64_t *at, pt_err *e);
	int (*events_query)(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
	int (*chain_each)(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
	                  void *arg, pt_err *e);
	int (*replay_each)(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
	                   void *arg, pt_err *e);
	int (*guard_missing)(pt_db *db, const char **missing, pt_err *e);

	/* deadlines */
	int (*deadline_add)(pt_db *db, int64_t case_id, const char *clock, const char *start,
	                    const char *due, const char *rule, bool duty, pt_err *e);
	int (*deadline_stop)(pt_db *db, int64_t case_id, const char *clock, pt_err *e);
	int (*deadline_get)(pt_db *db, int64_t case_id, const char *clock,
	                    struct pt_clock *k, pt_err *e);
	int (*deadlines_query)(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);

	/* supervisions */
	int (*supervision_at)(pt_db *db, int64_t case_id, const char *clock,
	                      const char *action, int64_t *at, pt_err *e);
	int (*supervision_add)(pt_db *db, const struct pt_supervision *v, bool *added,
	                       pt_err *e);
	int (*supervisions_query)(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
	int (*escalation)(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
	                  pt_cursor **out, pt_err *e);
	int (*supervisions_made)(pt_db *db, const char *from, const char *before,
	                         const char *unit, pt_cursor **out, pt_err *e);

	/* backlog files (pt_priv.h) */
	int (*backlog_get)(pt_db *db, int64_t case_id, struct pt_backlog_file *f, pt_err *e);
	int (*backlog_put)(pt_db *db, int64_t case_id, const char *team,
	                   const char *resolution, const char *reason, pt_err *e);
	int (*step_add)(pt_db *db, int64_t case_id, int n, const char *due, const char *text,
	                pt_err *e);
	int (*step_get)(pt_db *db, int64_t case_id, int n, struct pt_step *s, pt_err *e);
	int (*step_done)(pt_db *db, int64_t case_id, int n, pt_err *e);
	int (*backlog_files)(pt_db *db, const char *unit, const char *today, pt_cursor **out,
	                     pt_err *e);

	/* units */
	int (*units_load)(pt_db *db, pt_unit_row_fn row, void *ctx, pt_err *e);
	int (*unit_put)(pt_db *db, const char *code, const char *name, const char *level,
	                const char *parent, pt_err *e);
	int (*units_query)(pt_db *db, const char *code, bool under, pt_cursor **out,
	                   pt_err *e);

	/* reports */
	int (*report)(pt_db *db, const enum pt_dim *dims, int ndims, bool decisions, const char *from,
	              const char *before, long offset, const char *today,
	              pt_cursor **out, pt_err *e);
	int (*report_list)(pt_db *db, int which, const char *lo, const char *hi,
	                   const char *today, long offset, const char *unit,
	                   pt_cursor **out, pt_err *e);
	int (*report_new)(pt_db *db, int which, const char *from, const char *before,
	                  const char *unit, pt_cursor **out, pt_err *e);
	int (*first_received)(pt_db *db, char out[11], pt_err *e);

	/* cursors */
	int (*cursor_next)(pt_cursor *c, pt_record *r, pt_err *e);
	void (*cursor_close)(pt_cursor *c);
	int (*plan)(pt_db *db, pt_cursor *c, pt_buf *out, pt_err *e);

	/* copying a whole store (lib/copy.c, petition-copy): every stored row
	 * of a kind as it is, ids included, in pt_copy_schemas[k]'s columns */
	/* the rows in a fixed order: units parents first, then by code;
	 * cases, events, supervisions by id; deadlines by case id and clock;
	 * case numbers by prefix and year (texts in byte order) */
	int (*rows_query)(pt_db *db, enum pt_copy_kind k, pt_cursor **out, pt_err *e);
	/* inserts a row as it is: no lifecycle rule, no new event; derived
	 * columns (phone_key, accused_key) recomputed from the row */
	int (*row_insert)(pt_db *db, enum pt_copy_kind k, const pt_record *r, pt_err *e);
	/* removes every unit (a new store's seed) from a store with no case */
	int (*units_clear)(pt_db *db, pt_err *e);
	/* after the last row_insert: ids given from here on follow the copied */
	int (*rows_inserted)(pt_db *db, pt_err *e);
	/* a name of the store itself, equal for two handles on the same one */
	int (*identity)(pt_db *db, char *out, size_t n, pt_err *e);

	/* exchange between offices (lib/change.c, lib/exchange.c, lib/merge.c) */
	int (*setting_get)(pt_db *db, const char *key, char *out, size_t n, bool *found,
	                   pt_err *e);
	int (*setting_put)(pt_db *db, const char *key, const char *value, pt_err *e);
	/* the newest Lamport clock of any event, 0 if none */
	int (*lamport_max)(pt_db *db, int64_t *out, pt_err *e);
	/* for each office but self that made events of the case: its newest clock */
	int (*seen)(pt_db *db, int64_t case_id, const char *self,
	            int (*fn)(void *arg, const char *origin, int64_t lamport), void *arg,
	            pt_err *e);
	int (*case_keys)(pt_db *db, int64_t id, char uuid[37], char *unit, size_t n,
	                 pt_err *e);
	/* an event of that id is here, or (origin self) one of self's own clock */
	int (*event_known)(pt_db *db, const char *event_id, const char *self,
	                   const char *origin, int64_t lamport, bool *known, pt_err *e);
	/* events that can be exchanged (pt_exchange_row_schema) by case id, then
	 * clock: one case's (case_id), or every event of each case that has one
	 * stored after event id after, or arrived at or after since (if not NULL) */
	int (*exchange_rows)(pt_db *db, int64_t case_id, int64_t after, const char *since,
	                     pt_cursor **out, pt_err *e);
	int (*events_newest)(pt_db *db, int64_t *id, pt_err *e);
	/* a clock as another office's events left it; next_due_update after
	 * the last of a case's brings its next_due and next_clock up to date */
	int (*deadline_put)(pt_db *db, int64_t case_id, const char *clock, const char *start,
	                    const char *due, const char *rule, bool duty,
	                    const char *stopped_at, pt_err *e);
	int (*next_due_update)(pt_db *db, int64_t case_id, pt_err *e);

	/* leaders' receptions and visits (lib/visit.c): v's unit a code, its
	 * kind a code and its date set; rows of pt_visit_schema */
	int (*visit_add)(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e);
	int (*visit_link)(pt_db *db, int64_t visit, int64_t case_id, bool *added, pt_err *e);
	int (*visits_query)(pt_db *db, const struct pt_visit_q *q, pt_cursor **out, pt_err *e);
	/* the schedule: rows of pt_schedule_schema, unit a code, in the order added */
	int (*schedule_clear)(pt_db *db, pt_err *e);
	int (*schedule_add)(pt_db *db, const pt_record *r, pt_err *e);
	int (*schedule_query)(pt_db *db, pt_cursor **out, pt_err *e);
	/* visits with a date in [from, to] (NULL: open) per unit, leader and
	 * kind: rows of pt_visit_count_schema, by unit, leader, kind */
	int (*visit_counts)(pt_db *db, const char *from, const char *to, pt_cursor **out,
	                    pt_err *e);
	/* supervision orders (lib/supervise.c) */
	int (*order_add)(pt_db *db, const struct pt_order_in *o, int64_t *id, pt_err *e);
	int (*order_case_add)(pt_db *db, int64_t id, int64_t case_id, pt_err *e);
	int (*order_set)(pt_db *db, int64_t id, enum pt_order_set which, const char *v,
	                 const char *at, pt_err *e);
	/* rows of pt_order_row_schema, by time of issue, orders first */
	int (*orders_query)(pt_db *db, const struct pt_order_query *q, pt_cursor **out,
	                    pt_err *e);
	int (*order_cases)(pt_db *db, int64_t id, pt_cursor **out, pt_err *e);
	/* the register of risks (lib/risk.c); rows in pt_risk_schema's and
	 * pt_risk_event_schema's columns */
	int (*risk_insert)(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
	/* sets the step, and urgent_at unless NULL */
	int (*risk_set)(pt_db *db, int64_t id, const char *step, const char *urgent_at,
	                pt_err *e);
	int (*risk_event_add)(pt_db *db, const struct pt_risk_event *ev, pt_err *e);
	int (*risk_link)(pt_db *db, int64_t risk_id, int64_t case_id, bool *added, pt_err *e);
	int (*risks_query)(pt_db *db, const struct pt_risk_spec *q, pt_cursor **out,
	                   pt_err *e);
	int (*risk_events_query)(pt_db *db, int64_t risk_id, pt_cursor **out, pt_err *e);
	/* rows (unit, act) in [from, before): act found for each risk found
	 * then, else the to_step of each step_action event made then */
	int (*risk_acts)(pt_db *db, const char *from, const char *before,
	                 const char *found, const char *step_action, pt_cursor **out,
	                 pt_err *e);
	/* the annual report (lib/annual.c): rows of pt_annual_act_schema and
	 * pt_annual_accused_schema */
	int (*annual_acts)(pt_db *db, const char *last_from, const char *from,
	                   const char *before, long offset, pt_cursor **out, pt_err *e);
	int (*annual_accused)(pt_db *db, const char *last_from, const char *from,
	                      const char *before, const char *unit, int limit,
	                      pt_cursor **out, pt_err *e);

	/* disputes and their mediation (lib/mediate.c); rows in
	 * pt_dispute_schema's and pt_dispute_event_schema's columns */
	int (*dispute_insert)(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
	int (*dispute_set)(pt_db *db, int64_t id, const struct pt_dispute_change *c,
	                   pt_err *e);
	int (*dispute_event_add)(pt_db *db, const struct pt_dispute_event *ev, pt_err *e);
	int (*dispute_link)(pt_db *db, int64_t dispute_id, int64_t case_id, bool *added,
	                    pt_err *e);
	int (*disputes_query)(pt_db *db, const struct pt_dispute_spec *q, pt_cursor **out,
	                      pt_err *e);
	int (*dispute_events_query)(pt_db *db, int64_t dispute_id, pt_cursor **out,
	                            pt_err *e);
	/* rows of pt_dispute_act_schema before before, by dispute: act filed
	 * for each dispute filed then (at: its filed_at), and each event
	 * made then of another action */
	int (*dispute_acts)(pt_db *db, const char *before, const char *filed,
	                    pt_cursor **out, pt_err *e);
	/* key periods' duty rosters (lib/roster.c): a day set (fields NULL
	 * are left as they were), its event, the days of a period in [from, to] */
	int (*roster_put)(pt_db *db, const struct pt_roster_day *d, pt_err *e);
	int (*roster_event_add)(pt_db *db, const struct pt_roster_day *d, pt_err *e);
	int (*rosters_query)(pt_db *db, const char *period, const char *from, const char *to,
	                     pt_cursor **out, pt_err *e);
};

/* The annual report's counts: the acts done in two years, [last_from,
 * from) and [from, before), each at the unit that did it: (year: 1 the
 * year before, 0 the year; kind, item, unit, n, flagged), one row for each
 * year, kind of act, item and unit; offset: the zone's, in seconds. */
enum { PT_AA_YEAR, PT_AA_KIND, PT_AA_ITEM, PT_AA_UNIT, PT_AA_N, PT_AA_FLAGGED,
       PT_AA__COUNT };
extern const pt_schema pt_annual_act_schema;
int pt_store_annual_acts(pt_db *db, const char *last_from, const char *from,
                         const char *before, long offset, pt_cursor **out, pt_err *e);
/* The limit accused (by their key) most complained about in [from,
 * before), with the count of the year before, [last_from, from): (accused
 * as first spelled, n, repeats, last year's n, last year's repeats), most
 * first, then by name; unit: the cases registered at it or under it. */
enum { PT_AC_ACCUSED, PT_AC_N, PT_AC_REPEAT, PT_AC_LAST_N, PT_AC_LAST_REPEAT, PT_AC__COUNT };
extern const pt_schema pt_annual_accused_schema;
int pt_store_annual_accused(pt_db *db, const char *last_from, const char *from,
                            const char *before, const char *unit, int limit,
                            pt_cursor **out, pt_err *e);

enum { PT_VC_UNIT, PT_VC_LEADER, PT_VC_KIND, PT_VC_N, PT_VC__COUNT };
extern const pt_schema pt_visit_count_schema;
int pt_store_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e);
int pt_store_visit_link(pt_db *db, int64_t visit, int64_t case_id, bool *added, pt_err *e);
int pt_store_visits_query(pt_db *db, const struct pt_visit_q *q, pt_cursor **out, pt_err *e);
int pt_store_schedule_clear(pt_db *db, pt_err *e);
int pt_store_schedule_add(pt_db *db, const pt_record *r, pt_err *e);
int pt_store_schedule_query(pt_db *db, pt_cursor **out, pt_err *e);
int pt_store_visit_counts(pt_db *db, const char *from, const char *to, pt_cursor **out,
                          pt_err *e);

/* Risks (lib/risk.c): an event of a risk's course, and a selection. */
struct pt_risk_event {
	int64_t risk_id;
	const char *action, *from, *to, *text, *unit;
};
struct pt_risk_spec {
	int64_t id;                           /* 0: any */
	const char *kind, *step, *level;      /* checked codes; NULL: any */
	const char *unit;                     /* a unit code: it and those under it */
	char found_from[21], found_before[21];   /* UTC times; "": unbounded */
	/* risks of this level, not at this step, with no urgent report yet */
	const char *unreported_level, *unreported_not_step;
};
int pt_store_risk_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
int pt_store_risk_set(pt_db *db, int64_t id, const char *step, const char *urgent_at,
                      pt_err *e);
int pt_store_risk_event_add(pt_db *db, const struct pt_risk_event *ev, pt_err *e);
int pt_store_risk_link(pt_db *db, int64_t risk_id, int64_t case_id, bool *added,
                       pt_err *e);
int pt_store_risks_query(pt_db *db, const struct pt_risk_spec *q, pt_cursor **out,
                         pt_err *e);
int pt_store_risk_events_query(pt_db *db, int64_t risk_id, pt_cursor **out, pt_err *e);
int pt_store_risk_acts(pt_db *db, const char *from, const char *before, const char *found,
                       const char *step_action, pt_cursor **out, pt_err *e);
/* Rosters (lib/roster.c): rows of pt_roster_row_schema (day, on_duty, leader). */
enum { PT_RD_DAY, PT_RD_ON_DUTY, PT_RD_LEADER, PT_RD__COUNT };
extern const pt_schema pt_roster_row_schema;
int pt_store_roster_put(pt_db *db, const struct pt_roster_day *d, pt_err *e);
int pt_store_roster_event_add(pt_db *db, const struct pt_roster_day *d, pt_err *e);
int pt_store_rosters_query(pt_db *db, const char *period, const char *from, const char *to,
                           pt_cursor **out, pt_err *e);
/* The copy rows of risks, their events and linked cases (lib/store/risk.c). */
extern const pt_schema pt_copy_risks_schema, pt_copy_risk_events_schema,
	pt_copy_risk_cases_schema, pt_copy_rosters_schema, pt_copy_roster_events_schema;

/* Disputes (lib/mediate.c): an event of a dispute's mediation, a change of
 * the dispute's row, and a selection. */
struct pt_dispute_event {
	int64_t dispute_id;
	const char *action, *from, *to, *day, *place, *text, *unit;
};
struct pt_dispute_change {
	const char *step;                       /* needed */
	const char *consent_at, *due, *remedy, *outcome_at;   /* NULL: kept */
};
struct pt_dispute_spec {
	int64_t id;                             /* 0: any */
	const char *step, *remedy;              /* checked codes; NULL: any */
	const char *unit;                       /* a unit code: it and those under it */
	char filed_from[21], filed_before[21];  /* UTC times; "": unbounded */
	/* in mediation (at step open or open2) and due on or before this date */
	const char *due_by, *open, *open2;
	const char *session;                    /* the action counted as sessions */
};
int pt_store_dispute_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e);
int pt_store_dispute_set(pt_db *db, int64_t id, const struct pt_dispute_change *c,
                         pt_err *e);
int pt_store_dispute_event_add(pt_db *db, const struct pt_dispute_event *ev, pt_err *e);
int pt_store_dispute_link(pt_db *db, int64_t dispute_id, int64_t case_id, bool *added,
                          pt_err *e);
int pt_store_disputes_query(pt_db *db, const struct pt_dispute_spec *q, pt_cursor **out,
                            pt_err *e);
int pt_store_dispute_events_query(pt_db *db, int64_t dispute_id, pt_cursor **out,
                                  pt_err *e);
/* The acts of disputes before a UTC time, for their report (lib/mediate_report.c):
 * (dispute id, act: filed or an event's action, at, the dispute's unit, its due date). */
enum { PT_DA_ID, PT_DA_ACT, PT_DA_AT, PT_DA_UNIT, PT_DA_DUE, PT_DA__COUNT };
extern const pt_schema pt_dispute_act_schema;
int pt_store_dispute_acts(pt_db *db, const char *before, const char *filed, pt_cursor **out,
                          pt_err *e);
/* The copy rows of disputes, their events and linked cases (lib/store/dispute.c). */
extern const pt_schema pt_copy_disputes_schema, pt_copy_dispute_events_schema,
	pt_copy_dispute_cases_schema;

/* The rows of exchange_rows. */
enum pt_xrow {
	PT_X_CASE_ID, PT_X_UUID, PT_X_CASE_NO, PT_X_CASE_UNIT, PT_X_ID, PT_X_EVENT_ID,
	PT_X_ORIGIN, PT_X_LAMPORT, PT_X_AT, PT_X_ACTOR, PT_X_UNIT, PT_X_ACTION, PT_X_FROM,
	PT_X_TO, PT_X_DETAILS, PT_X_CHANGES, PT_X__COUNT
};
extern const pt_schema pt_exchange_row_schema;

/*
 * Status sets in an engine's SQL text: the tokens {open}, {done}, {review},
 * {uncounted} and {open_literal} stand for the arrays of schema.c.
 * pt_store_expand copies text to out with each token replaced by what emit
 * writes for its set (parameters, or quoted codes); first: the number of
 * the set's first parameter, 0 for the quoted codes a partial index needs.
 */
struct pt_status_set {
	const char *token;
	const char *const *set;
	int first;
};
extern const struct pt_status_set pt_status_sets[];
int pt_store_expand(pt_buf *out, const char *text,
                    int (*emit)(pt_buf *out, const struct pt_status_set *s));

extern const struct pt_store_engine pt_sqlite_engine;
extern const struct pt_store_engine pt_postgres_engine;

/* copying a whole store: the operations at the end of the engine's table */
int pt_store_rows_query(pt_db *db, enum pt_copy_kind k, pt_cursor **out, pt_err *e);
int pt_store_row_insert(pt_db *db, enum pt_copy_kind k, const pt_record *r, pt_err *e);
int pt_store_units_clear(pt_db *db, pt_err *e);
int pt_store_rows_inserted(pt_db *db, pt_err *e);
int pt_store_identity(pt_db *db, char *out, size_t n, pt_err *e);

#endif
