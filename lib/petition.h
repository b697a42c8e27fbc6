/*
 * petition.h - the core library of the petition toolkit.
 *
 * A case store (one SQLite file), the case record, record input and output
 * (JSON Lines, CSV, tables), validation, deadlines and history.
 *
 * Conventions:
 * - Functions that can fail return a PT_* status and fill a pt_err the
 *   caller owns; the library never prints and never exits.
 * - Handles are opaque and come in new/free or open/close pairs; every
 *   free/close accepts NULL.
 * - Strings returned by the library belong to the handle they came from and
 *   stay valid until the next call on that handle, unless said otherwise.
 * - Values in a pt_record are in storage form: times UTC ("...Z"), dates
 *   "YYYY-MM-DD", booleans "0"/"1". Writers turn them into display form.
 */
#ifndef PETITION_H
#define PETITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct pt_cursor pt_cursor;
typedef struct pt_writer pt_writer;

/* Exit statuses, the same in every binary. */
enum pt_status {
	PT_OK = 0,
	PT_PARTIAL = 1,   /* --keep-going skipped some records */
	PT_EUSAGE = 2,    /* bad command line */
	PT_EINPUT = 3,    /* bad input, nothing written */
	PT_EREFUSED = 4,  /* refused by the lifecycle rules, nothing written */
	PT_EDB = 5,       /* database or I/O error, nothing written */
	PT_EOUTPUT = 6,   /* committed, but the output could not be written */
};

/* An error: a status and a message "where: what" (no program name). */
typedef struct pt_err {
	int code;
	char msg[1024];
} pt_err;

int pt_error(pt_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- schemas and records ------------------------------------------------ */

/* A schema names the columns of a kind of record (cases, events, units). */
typedef struct pt_schema pt_schema;
extern const pt_schema pt_case_schema;
extern const pt_schema pt_event_schema;
extern const pt_schema pt_unit_schema;

/* The codes an enumerated field takes, with their Chinese labels; each
 * table ends with {NULL}. The option tables of the binaries name them. */
struct pt_enum { const char *code, *zh; };
extern const struct pt_enum pt_statuses[], pt_channels[], pt_pollution_types[],
	pt_categories[], pt_outcomes[], pt_satisfactions[];
extern const struct pt_enum pt_review_results[];   /* --result of a review */
/* A backlog case's file (积案): open 未化解, then how it ended, resolved
 * 案结事了 or withdrawn 息诉息访 (its resolutions: the states after open). */
extern const struct pt_enum pt_backlog_states[];
extern const struct pt_enum pt_unit_levels[];      /* national province city county */
#define pt_backlog_resolutions (pt_backlog_states + 1)
/* The codes of an enumerated column, NULL for any other column. */
const struct pt_enum *pt_schema_values(const pt_schema *s, int col);

/* Fields of the case record, in output order (SPEC section 5). */
enum pt_case_field {
	PT_F_ID, PT_F_CASE_NO, PT_F_UUID, PT_F_RECEIVED_AT, PT_F_CHANNEL,
	PT_F_PETITIONER_NAME, PT_F_PETITIONER_PHONE, PT_F_PETITIONER_ID_NUMBER,
	PT_F_PETITIONER_ADDRESS, PT_F_ANONYMOUS, PT_F_HEADCOUNT, PT_F_COLLECTIVE,
	PT_F_PURPOSE, PT_F_SUBJECT, PT_F_CONTENT, PT_F_ACCUSED, PT_F_LOCATION,
	PT_F_UNIT, PT_F_UNIT_NAME, PT_F_POLLUTION_TYPE, PT_F_STATUS, PT_F_CATEGORY,
	PT_F_HANDLER, PT_F_LEADER, PT_F_ACCEPT_DUE, PT_F_REPLY_DUE, PT_F_EXTENDED,
	PT_F_REPLIED_AT, PT_F_OUTCOME, PT_F_DELIVERED_AT, PT_F_REVIEW_DUE,
	PT_F_CLOSED_AT, PT_F_SATISFACTION, PT_F_BACKLOG, PT_F_RISK, PT_F_REPEAT_OF,
	PT_F_TRANSFERRED_FROM, PT_F_NEXT_DUE, PT_F_NEXT_CLOCK, PT_F_ORIGIN_CASE_NO,
	PT_NCASE_FIELDS
};

int pt_schema_ncols(const pt_schema *s);
const char *pt_schema_name(const pt_schema *s, int col);      /* "received_at" */
const char *pt_schema_zh(const pt_schema *s, int col);        /* "登记时间" */
int pt_schema_lookup(const pt_schema *s, const char *name);   /* en or zh; -1 */
bool pt_schema_is_input(const pt_schema *s, int col);         /* settable on input */
/* The i-th field of a case (what --sort takes): name and label; -1 past the last. */
int pt_case_field(int i, const char **name, const char **zh);

/* A record: one optional string value per column of its schema. */
typedef struct pt_record pt_record;
enum pt_kind { PT_V_TEXT, PT_V_NUMBER, PT_V_BOOL };  /* how the input spelt it */

pt_record *pt_record_new(const pt_schema *s);
void pt_record_free(pt_record *r);
void pt_record_clear(pt_record *r);
const pt_schema *pt_record_schema(const pt_record *r);
/* Copies len bytes of v. Returns -1 when out of memory. */
int pt_record_set(pt_record *r, int col, const char *v, size_t len, enum pt_kind k);
int pt_record_sets(pt_record *r, int col, const char *v);     /* NUL-terminated text */
int pt_record_set_int(pt_record *r, int col, int64_t v);      /* as a decimal number */
void pt_record_unset(pt_record *r, int col);
const char *pt_record_get(const pt_record *r, int col);       /* NULL: absent */
size_t pt_record_len(const pt_record *r, int col);
enum pt_kind pt_record_kind(const pt_record *r, int col);

/* ---- the store ---------------------------------------------------------- */

typedef struct pt_db pt_db;

typedef struct pt_options {
	const char *db_path;      /* NULL: $PETITION_DB, else the default path */
	const char *policy_path;  /* NULL: $PETITION_POLICY, else share/ */
	const char *actor;        /* NULL: $PETITION_ACTOR, else the login name */
	const char *now;          /* NULL: $PETITION_NOW, else the system clock */
	bool readonly;            /* do not create the database */
	bool dry_run;             /* nothing is committed: a database that cannot
	                             be written is worked on in a private copy */
} pt_options;

/*
 * Opens the store: creates it with mode 0600, then creates, migrates and
 * seeds (share/petition/units.csv) the schema under the write lock. A
 * database this process cannot write is opened read-only; refused (exit 5)
 * if its schema is newer than this program's.
 */
int pt_open(const pt_options *o, pt_db **out, pt_err *e);
void pt_close(pt_db *db);
const char *pt_db_path(const pt_db *db);
int64_t pt_db_now(const pt_db *db);                  /* seconds since the epoch */

/* petition-verify: the hash chain of the history, and every case beside
 * its events. Each fault found is passed to fault(arg, msg); the result is
 * PT_OK when none is, PT_EINPUT when one is, or PT_EDB. head, when not
 * NULL, is a hash recorded earlier that the chain must still hold. */
typedef struct {
	int64_t events, cases;
	char head[65];            /* the newest event's hash ("" if none) */
} pt_verify_result;
int pt_verify(pt_db *db, const char *head, void (*fault)(void *arg, const char *msg),
              void *arg, pt_verify_result *out, pt_err *e);

/* The storage engines of this build, i from 0 ("sqlite", "postgresql"); NULL past them. */
const char *pt_store_engine_name(int i);

/* petition-copy: a whole store into a new one, history included. */
enum pt_copy_kind { PT_COPY_UNITS, PT_COPY_CASES, PT_COPY_EVENTS, PT_COPY_DEADLINES,
                    PT_COPY_SUPERVISIONS, PT_COPY_CASE_NUMBERS, PT_COPY_VISITS,
                    PT_COPY_VISIT_CASES, PT_COPY_SCHEDULE, PT_COPY_BACKLOG_FILES,
                    PT_COPY_BACKLOG_STEPS, PT_COPY_ORDERS, PT_COPY_ORDER_CASES,
                    PT_COPY_RISKS, PT_COPY_RISK_EVENTS, PT_COPY_RISK_CASES,
                    PT_COPY_DISPUTES, PT_COPY_DISPUTE_EVENTS, PT_COPY_DISPUTE_CASES,
                    PT_COPY_ROSTERS, PT_COPY_ROSTER_EVENTS,
                    PT_COPY__COUNT };
const char *pt_copy_kind_name(enum pt_copy_kind k);   /* "units", "cases", ... */
struct pt_copy_stats {
	int64_t rows[PT_COPY__COUNT];
	char sum[PT_COPY__COUNT][65];     /* SHA-256 of the kind's rows, hex */
};
/*
 * Copies every row of from into to, in one transaction on to, then reads
 * to back: the counts and checksums of every kind must equal the source's
 * and its history must verify, else nothing is committed (PT_EDB, or
 * PT_EINPUT when the source's own history does not verify). Refused with
 * nothing written: to is from (PT_EUSAGE), to holds cases, events,
 * supervisions or case numbers (PT_EREFUSED). Units to has, a new store's
 * seed, are replaced by from's.
 */
int pt_copy(pt_db *from, pt_db *to, struct pt_copy_stats *out, pt_err *e);
/* The columns of petition-copy's summary: copied (the kind), rows, sha256. */
extern const pt_schema pt_copy_summary_schema;

/* One invocation, one transaction. begin takes the write lock at once. */
int pt_begin(pt_db *db, pt_err *e);
int pt_commit(pt_db *db, pt_err *e);
void pt_rollback(pt_db *db);

/* Records that a case's personal data was shown, by the actor, with tool:
 * an "access" event. Begins the transaction if none is open. */
int pt_case_accessed(pt_db *db, int64_t id, const char *tool, pt_err *e);
/* PT_OK when key is a unit's code or the name of exactly one unit, else code
 * with "where: ..." in e (unknown, or a name several units bear). */
int pt_unit_check(pt_db *db, const char *key, const char *where, int code, pt_err *e);

/* ---- exchange between offices (petition(7), "Exchange") ------------------- */

/* This store's office, a unit code: "" when none is set, NULL on error. */
const char *pt_office(pt_db *db, pt_err *e);
/* Makes the store the office key names (a unit), in the open transaction
 * or a new one; an office, once set, is not changed (PT_EREFUSED). */
int pt_office_set(pt_db *db, const char *key, pt_err *e);

#define PT_BUNDLE_FORMAT "petition-bundle"
#define PT_BUNDLE_VERSION 1

typedef struct pt_export_spec {
	const char *to;            /* the receiving office: a unit code or name */
	int64_t after;             /* only cases with an event stored after this id */
	const char *since;         /* ... or arrived at or after this UTC time */
	bool personal;             /* petitioners' identities travel too */
} pt_export_spec;
typedef struct pt_export_stats {
	int64_t cases, lines;
	int64_t withheld;          /* cases whose identity stayed: the accused's office */
} pt_export_stats;
/*
 * petition-export: writes to out a bundle of every event of each case the
 * office spec->to should have (petition(7), "Bundles"). Personal data
 * leaves only with spec->personal, each case's as an access event (so the
 * caller commits). PT_EUSAGE: no office here, or --to is unknown or it.
 */
int pt_export(pt_db *db, const pt_export_spec *spec, FILE *out, pt_export_stats *st,
              pt_err *e);
typedef struct pt_import_stats {
	char from[64];             /* the sending office */
	int64_t events, known;     /* lines read; of them, events this store had */
	int64_t cases, new_cases, conflicts;
} pt_import_stats;
/*
 * petition-import: merges a bundle into the store, in the open transaction
 * or a new one that the caller commits. PT_EINPUT, nothing written: the
 * bundle is cut short, changed (its sha256 or an event id), from an office
 * not in the unit list, for another office, or an event is malformed.
 */
int pt_import(pt_db *db, FILE *in, pt_import_stats *st, pt_err *e);
/* The columns of petition-import's summary, one row a bundle: from,
 * events, known, cases, new_cases, conflicts; pt_import_row fills r. */
extern const pt_schema pt_import_summary_schema;
int pt_import_row(const pt_import_stats *st, pt_record *r);
/* --since BUNDLE: the newest event id a bundle this office sent held. */
int pt_bundle_through(pt_db *db, FILE *bundle, int64_t *after, pt_err *e);

/* ---- registering cases -------------------------------------------------- */

/* Error lists: every problem of a batch, each "where: field: why". */
typedef struct pt_errlist pt_errlist;
pt_errlist *pt_errlist_new(void);
void pt_errlist_free(pt_errlist *l);
size_t pt_errlist_count(const pt_errlist *l);
size_t pt_errlist_kept(const pt_errlist *l);          /* at most 1000 kept */
const char *pt_errlist_get(const pt_errlist *l, size_t i);
int pt_errlist_code(const pt_errlist *l);             /* worst status seen */
void pt_errlist_add(pt_errlist *l, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Validates a case record given on input, completes it (case_no, uuid,
 * status, accept_due, collective, repeat_of) and inserts it with its history
 * event and deadlines. Problems go to errs prefixed by where ("line 3").
 * Returns PT_OK, PT_EINPUT (the record was bad: nothing of it written) or
 * PT_EDB. On PT_OK *id is the new case's id.
 */
int pt_case_add(pt_db *db, pt_record *r, const char *where, pt_errlist *errs,
                int64_t *id);
/* Checks a record without inserting it (--dry-run). */
int pt_case_check(pt_db *db, pt_record *r, const char *where, pt_errlist *errs);

/* ---- the lifecycle ------------------------------------------------------ */

enum pt_verb {
	PT_ACCEPT, PT_DECLINE, PT_TRANSFER, PT_ASSIGN, PT_OBJECT, PT_PEOPLE,
	PT_EXTEND, PT_REPLY, PT_DELIVER, PT_RATE, PT_NOTE, PT_CLOSE,
	PT_REQUEST_REVIEW, PT_REQUEST_REREVIEW, PT_DECIDE, PT_CORRECT, PT_VOID,
	PT_RESOLVE,
	/* a backlog case's file (lib/backlog.c) */
	PT_TEAM, PT_PLAN_STEP, PT_STEP_DONE, PT_BACKLOG_RESOLUTION,
};

/* One action on a case; handler and leader may go with any verb. */
typedef struct pt_action {
	enum pt_verb verb;
	const char *category;     /* accept, decline */
	const char *reason;       /* decline, transfer, object, extend */
	const char *to;           /* transfer: a unit or an outside agency; assign: a unit;
	                             decline out_of_scope: the competent department */
	const char *new_facts;    /* accept: what is new in a repeat of a final case */
	const char *report_by;    /* assign: a date, default the reply due date */
	const char *text;         /* reply, note, decide */
	const char *outcome;      /* reply: support, explain, reject */
	const char *result;       /* decide: upheld, changed */
	const char *rating;       /* rate */
	const char *handler, *leader;
	long days;                /* extend */
	const char *const *sets;  /* correct: FIELD=VALUE, nsets of them */
	int nsets;
	const char *field;        /* resolve: the field whose conflict is settled */
	const char *team;         /* team: the names of the backlog case's team */
	const char *step;         /* plan_step: "DATE:TEXT" */
	long step_no;             /* step_done: the step's number, from 1 */
	const char *resolution;   /* backlog_resolution: resolved, withdrawn (reason) */
} pt_action;

/* Checks an action's own values (PT_EUSAGE, naming the option). */
int pt_action_check(const pt_action *a, pt_err *e);
/*
 * Applies an action to a case: checks the lifecycle (PT_EREFUSED, with
 * "CASE_NO: why"), sets the fields and deadlines, appends the event.
 */
int pt_case_apply(pt_db *db, int64_t id, const pt_action *a, pt_err *e);
/* The same to the case of a key (pt_case_resolve); its id in *id. */
int pt_case_apply_key(pt_db *db, const char *key, const pt_action *a, int64_t *id,
                      pt_err *e);
/* A case by id, as a record (PT_EINPUT if there is none). */
int pt_case_get(pt_db *db, int64_t id, pt_record *r, pt_err *e);

/* Writes the notice of a decision (kind accept, decline, transfer, extend,
 * reply, review, rereview) from its template in dir (NULL: share/). */
int pt_notice(pt_db *db, int64_t id, const char *kind, const char *dir,
              bool personal, FILE *out, pt_err *e);
/* The i-th kind of notice and its title; -1 past the last. */
int pt_notice_kind(int i, const char **kind, const char **title);

/* ---- supervision (督查督办) ------------------------------------------------- */

/* action, case_no, unit, parent_unit, handler, leader, clock, due,
 * days_overdue, rule: what petition-escalate prints. */
extern const pt_schema pt_escalation_schema;
/*
 * The morning run, as of the store's clock: reminds of deadlines within
 * the horizon, records supervision of overdue ones and escalation to the
 * parent unit, files backlog cases. Every record is made once per case and
 * clock. Writes each action to w (may be NULL); *actions counts them.
 */
int pt_escalate(pt_db *db, const char *unit, pt_writer *w, long *actions, pt_err *e);
/* What the morning runs of a local date (YYYY-MM-DD) recorded, as they
 * printed it: the supervision records, in order. Reads only. */
int pt_escalate_replay(pt_db *db, const char *date, const char *unit, pt_writer *w,
                       long *actions, pt_err *e);
/* The query plans of petition-escalate's reads (caller frees *out). */
int pt_escalate_plan(pt_db *db, char **out, pt_err *e);
/* A case's supervision records, oldest first. */
int pt_supervisions_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
extern const pt_schema pt_supervision_schema;

/* ---- risks (风险): a register of its own, not cases ------------------------ */

/* kind: nimby ...; source: where it was found; level: general, serious,
 * major (重大: an urgent major matter, art. 25); step: its course, found,
 * verified, reported, handled, closed, taken in that order. */
extern const struct pt_enum pt_risk_kinds[], pt_risk_sources[], pt_risk_levels[],
	pt_risk_steps[];
enum pt_risk_field { PT_R_ID, PT_R_FOUND_AT, PT_R_MATTER, PT_R_KIND, PT_R_SOURCE,
                     PT_R_LEVEL, PT_R_STEP, PT_R_UNIT, PT_R_UNIT_NAME, PT_R_CASES,
                     PT_R_URGENT_AT, PT_NRISK_FIELDS };
/* A risk; the events of its course; petition-report's rows of risks. */
extern const pt_schema pt_risk_schema, pt_risk_event_schema, pt_risk_report_schema;

/* A new risk from the input fields of r (matter, kind, source, unit, level,
 * found_at: default now), at step found, with cases (a comma list of case
 * keys, may be NULL) linked and text in its first event. PT_EUSAGE: a bad
 * value, named by option; PT_EINPUT: bad text or an unknown case. */
int pt_risk_add(pt_db *db, pt_record *r, const char *cases, const char *text,
                int64_t *id, pt_err *e);
/* A risk by its id: PT_OK with *id, or PT_EINPUT. */
int pt_risk_resolve(pt_db *db, const char *key, int64_t *id, pt_err *e);
int pt_risk_get(pt_db *db, int64_t id, pt_record *r, pt_err *e);
/* Moves a risk to the next step of its course (else PT_EREFUSED), an event. */
int pt_risk_step(pt_db *db, int64_t id, const char *step, const char *text, pt_err *e);
/* Links cases (a comma list of keys) to a risk, an event each; a case
 * linked already is skipped. */
int pt_risk_link(pt_db *db, int64_t id, const char *cases, const char *text, pt_err *e);
/* Sets or clears a case's risk flag, with a reason: an event of the case. */
int pt_risk_flag(pt_db *db, int64_t case_id, bool on, const char *reason, pt_err *e);
/*
 * The urgent major matter report (重大紧急事项报告, art. 25) of a risk to the
 * government and the level above, from templates/urgent.txt in dir (NULL:
 * share/), into out; recorded as an event of the risk, once (PT_EREFUSED
 * after: it is in the history). The caller commits, then prints.
 */
int pt_risk_urgent(pt_db *db, int64_t id, const char *dir, FILE *out, pt_err *e);

typedef struct pt_risk_filter {
	const char *kind, *step, *level;   /* codes or labels */
	const char *unit;                  /* and the units under it */
	const char *from, *to;             /* found, local dates, inclusive */
} pt_risk_filter;
int pt_risks_query(pt_db *db, const pt_risk_filter *f, pt_cursor **out, pt_err *e);
int pt_risk_events_query(pt_db *db, int64_t id, pt_cursor **out, pt_err *e);

/* ---- disputes and mediation (调解, petition-mediate) -------------------- */

/* A pollution-damage dispute (污染损害纠纷, art. 33), not a case: the
 * injured party (personal data, masked), the accused, the damage claimed,
 * the cases it came from. step: filed, consented (both parties agreed to
 * mediate; the mediation time limit runs), mediating (a session held),
 * then agreed (调解协议书) or failed (the next remedy named: remedy). */
extern const struct pt_enum pt_dispute_steps[], pt_dispute_remedies[],
	pt_dispute_supports[];
enum pt_dispute_field { PT_D_ID, PT_D_FILED_AT, PT_D_INJURED, PT_D_INJURED_PHONE,
                        PT_D_ACCUSED, PT_D_DAMAGE, PT_D_UNIT, PT_D_UNIT_NAME, PT_D_STEP,
                        PT_D_CASES, PT_D_CONSENT_AT, PT_D_DUE, PT_D_SESSIONS, PT_D_REMEDY,
                        PT_D_OUTCOME_AT, PT_NDISPUTE_FIELDS };
extern const pt_schema pt_dispute_schema, pt_dispute_event_schema;

/* A new dispute from the input fields of r (injured, injured_phone,
 * accused, damage, unit, filed_at: default now), at step filed, with cases
 * (a comma list of case keys, may be NULL) linked and text in its first
 * event. PT_EUSAGE: a bad value, named by option; PT_EINPUT: bad text or
 * an unknown case. */
int pt_dispute_add(pt_db *db, pt_record *r, const char *cases, const char *text,
                   int64_t *id, pt_err *e);
/* A dispute by its number: PT_OK with *id, or PT_EINPUT. */
int pt_dispute_resolve(pt_db *db, const char *key, int64_t *id, pt_err *e);
int pt_dispute_get(pt_db *db, int64_t id, pt_record *r, pt_err *e);
/* Both parties consent to mediate: the time limit (policy mediation_days)
 * starts. Each step below is an event; out of order: PT_EREFUSED. */
int pt_dispute_consent(pt_db *db, int64_t id, const char *text, pt_err *e);
/* A session of mediation held on day (a local date) at place. */
int pt_dispute_session(pt_db *db, int64_t id, const char *day, const char *place,
                       const char *text, pt_err *e);
/* Legal or technical support (法律援助、技术支持) given to the injured party:
 * an event at any step. */
int pt_dispute_support(pt_db *db, int64_t id, const char *kind, const char *text,
                       pt_err *e);
/* Links cases (a comma list of keys) to a dispute, an event each. */
int pt_dispute_link(pt_db *db, int64_t id, const char *cases, const char *text,
                    pt_err *e);
/* The outcome: an agreement on terms, or a failure naming the next remedy
 * with a reason; its document (templates/mediation_agreement.txt or
 * mediation_failed.txt of dir, NULL: share/) into out, the injured party
 * masked unless personal. The caller commits, then prints. */
int pt_dispute_agree(pt_db *db, int64_t id, const char *terms, const char *dir,
                     bool personal, FILE *out, pt_err *e);
int pt_dispute_fail(pt_db *db, int64_t id, const char *remedy, const char *reason,
                    const char *dir, bool personal, FILE *out, pt_err *e);

typedef struct pt_dispute_filter {
	const char *step, *remedy;         /* codes or labels */
	const char *unit;                  /* and the units under it */
	const char *from, *to;             /* filed, local dates, inclusive */
	const char *due_by;                /* in mediation, due on or before this date */
} pt_dispute_filter;
int pt_disputes_query(pt_db *db, const pt_dispute_filter *f, pt_cursor **out, pt_err *e);
int pt_dispute_events_query(pt_db *db, int64_t id, pt_cursor **out, pt_err *e);

/* ---- selecting cases ---------------------------------------------------- */

typedef struct pt_filter {
	const char *status;          /* comma lists */
	const char *unit;            /* code or name; includes units under it */
	const char *channel;
	const char *pollution_type;
	const char *from, *to;       /* received, local dates, inclusive */
	const char *due_before;      /* an open deadline before this date */
	bool overdue;                /* an open deadline before today */
	bool repeat, collective;
	const char *category;        /* comma list */
	const char *handler, *leader;   /* exact names */
	bool backlog, risk;          /* backlog cases (积案), risk cases (风险) only */
	/* cases with a conflict an import recorded and no later resolve settled,
	 * on conflict_field only when it is not NULL (a case field's name) */
	bool conflicts;
	const char *conflict_field;
	const char *text;            /* literal text in subject or content */
	const char *sort;            /* "field,-field" */
	int64_t limit;               /* <= 0: no limit */
	int64_t id_min, id_max;      /* 0: unbounded */
	int64_t id;                  /* 0: any */
} pt_filter;

/* Checks the filter (bad values are PT_EUSAGE, named by option). */
int pt_cases_query(pt_db *db, const pt_filter *f, pt_cursor **out, pt_err *e);
/* The number of cases f selects (at most f->limit, if set). */
int pt_cases_count(pt_db *db, const pt_filter *f, int64_t *n, pt_err *e);
/* 1: a row in r (a case record), 0: done, <0: error in e. */
int pt_cursor_next(pt_cursor *c, pt_record *r, pt_err *e);
void pt_cursor_close(pt_cursor *c);

/* Finds a case by id, case number or uuid: PT_OK with *id, or PT_EINPUT. */
int pt_case_resolve(pt_db *db, const char *key, int64_t *id, pt_err *e);
/* History of a case, oldest first, as event records; and its deadlines. */
int pt_events_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
int pt_deadlines_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e);
extern const pt_schema pt_deadline_schema;

/* ---- units -------------------------------------------------------------- */

/* Adds or updates units from a record reader over the unit schema. */
int pt_units_put(pt_db *db, pt_record *r, const char *where, pt_errlist *errs);
/* All units, the named one, or one and all under it (under may be NULL). */
int pt_units_query(pt_db *db, const char *key, bool under, pt_cursor **out,
                   pt_err *e);

/* ---- Open311 GeoReport v2 (for outside systems) --------------------------- */

enum pt_open311_format { PT_O311_AUTO, PT_O311_JSON, PT_O311_XML };
enum pt_open311_kind { PT_O311_REQUESTS, PT_O311_SERVICES };

/*
 * Writes, as one JSON or XML document, the services (every pollution type)
 * or the cases f selects as service requests (voided ones left out). No
 * personal data is ever written: a request carries no petitioner field.
 */
int pt_open311_export(pt_db *db, enum pt_open311_kind k, const pt_filter *f,
                      enum pt_open311_format fmt, FILE *out, pt_err *e);

/* Service requests read from a document, before they become cases. */
typedef struct pt_open311_requests pt_open311_requests;
/* Reads the whole of in (at most 64 MiB; PT_O311_AUTO: JSON or XML by its
 * first byte). PT_EINPUT with nothing in *out for a malformed document.
 * The caller frees *out. */
int pt_open311_read(FILE *in, enum pt_open311_format fmt, pt_open311_requests **out,
                    pt_err *e);
void pt_open311_requests_free(pt_open311_requests *l);
size_t pt_open311_count(const pt_open311_requests *l);

/*
 * Registers each request not already there as a new case (pt_case_add),
 * in the caller's transaction. A case's uuid is derived from its
 * service_request_id, so that a request imported again is counted in
 * *present and adds nothing. unit (may be NULL) takes the requests whose
 * agency_responsible names no known unit (else a PT_EUSAGE error each).
 * Problems go to errs ("request N: ..."); returns the worst status.
 */
int pt_open311_import(pt_db *db, const pt_open311_requests *l, const char *unit,
                      pt_errlist *errs, int64_t *added, int64_t *present);
/* The columns of petition-import's summary: added, present. */
extern const pt_schema pt_open311_summary_schema;

/* ---- reading records ---------------------------------------------------- */

enum pt_format { PT_FMT_AUTO, PT_FMT_JSONL, PT_FMT_CSV, PT_FMT_TABLE, PT_FMT_KEYS,
                  PT_FMT_XLSX, PT_FMT_HTML };
int pt_format_parse(const char *s, enum pt_format *f);   /* jsonl|csv|table|xlsx|html */

/*
 * Reads records of a schema from a stream, one at a time, in memory that
 * does not grow with the number of records. PT_FMT_AUTO detects JSON Lines
 * (a first line starting with '{') or CSV (a header row); PT_FMT_KEYS also
 * accepts bare lines, each put in column key_col.
 */
typedef struct pt_reader pt_reader;
pt_reader *pt_reader_new(FILE *in, const pt_schema *s, enum pt_format f);
void pt_reader_free(pt_reader *rd);
void pt_reader_set_key_col(pt_reader *rd, int col);
/*
 * 1: a record in r; 0: end of input; -1: this record is bad (message in e,
 * reading may go on); -2: the input cannot be read further (message in e).
 */
int pt_reader_next(pt_reader *rd, pt_record *r, pt_err *e);
/* Over the case schema in PT_FMT_KEYS mode: the next case's id, case_no or
 * uuid, pointing into r. Same returns as pt_reader_next. */
int pt_reader_next_key(pt_reader *rd, pt_record *r, const char **key, pt_err *e);
long pt_reader_line(const pt_reader *rd);   /* first line of the last record */
enum pt_format pt_reader_format(const pt_reader *rd);

/* ---- writing records ---------------------------------------------------- */

typedef struct pt_doc pt_doc;

/*
 * A chart above a table of an HTML page (ignored by every other format):
 * for each row, bars of the value columns at the category column's value,
 * or, with series, one bar per category stacked by the series column's
 * values (of the first value column). rates: the values are rates, the
 * axis 0-100%, and target (a rate; < 0: none) a dashed line.
 */
typedef struct pt_chart {
	const char *x, *series;    /* columns, by English name; series may be NULL */
	const char *values;        /* value columns, "," between */
	bool rates;
	double target;
	const char *caption;       /* the chart's accessible name */
} pt_chart;

typedef struct pt_write_options {
	enum pt_format format;     /* jsonl, csv, table; xlsx or html with doc */
	bool zh_header;            /* Chinese column names */
	bool bom;                  /* UTF-8 BOM before CSV */
	bool personal;             /* show personal data unmasked */
	bool withhold;             /* leave personal data out entirely (--for-unit) */
	int width;                 /* table width in columns; 0: 120 */
	pt_doc *doc;               /* the document a writer's table goes into */
	const char *title, *title_zh;   /* that table's title (NULL: the document's) */
	const pt_chart *chart;     /* an HTML page's chart of that table, or NULL */
} pt_write_options;

/*
 * A document of several tables, for the formats that are not a stream of
 * records: an Excel workbook (PT_FMT_XLSX, a sheet per table) or an HTML page
 * (PT_FMT_HTML, a section per table). With o->doc set, each pt_writer_new
 * begins a table of the document titled o->title (o->title_zh with
 * zh_header), and its records go there; pt_doc_write then writes the whole
 * document. pt_doc_new copies title; pt_doc_free accepts NULL.
 */
pt_doc *pt_doc_new(enum pt_format f, const char *title, pt_err *e);
int pt_doc_retitle(pt_doc *d, const char *title, pt_err *e);   /* title is copied */
/* The time the document says it was made (a workbook's properties): so
 * that the same store and --now give the same bytes. 0: when written. */
void pt_doc_set_time(pt_doc *d, int64_t t);
int pt_doc_write(pt_doc *d, FILE *out, pt_err *e);
void pt_doc_free(pt_doc *d);

pt_writer *pt_writer_new(FILE *out, const pt_schema *s, const pt_write_options *o);
/* Writes one record; -1 on a write error (errno set). */
int pt_writer_put(pt_writer *w, const pt_record *r);
/* Flushes; returns -1 if any write failed. Frees w. */
int pt_writer_close(pt_writer *w);

/*
 * Prints one case in full: its fields, deadlines and history. In CSV only
 * the history is printed, into *events (created on first use, so that many
 * cases share one header; the caller closes it).
 */
int pt_show_case(pt_db *db, int64_t id, FILE *out, const pt_write_options *o,
                 pt_writer **events, pt_err *e);

/* ---- leaders' receptions and visits (接访下访) ------------------------------ */

/* reception 定期接访, field 带案下访, appointment 重点约访, home 主动家访,
 * follow_up 跟踪回访 */
extern const struct pt_enum pt_visit_kinds[];
/* id, visit_kind, visit_date, visit_leader, post, unit, unit_name, place,
 * cases (their case numbers), people (personal data), decision, actor, at */
extern const pt_schema pt_visit_schema;
typedef struct pt_visit {
	const char *kind, *date;      /* a kind's code or label; a local date (NULL: today) */
	const char *leader, *post;    /* the leader who received or went out, and the post */
	const char *unit;             /* the leader's unit (NULL: this store's office) */
	const char *place, *people, *decision;
} pt_visit;
/* Checks a visit's own values (PT_EUSAGE, naming the option). */
int pt_visit_check(pt_db *db, const pt_visit *v, pt_err *e);
/* Records a visit in the open transaction: *id is its number. */
int pt_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e);
/* Links a case to visit id: a "visit" event in the case's history, once per
 * case and visit. PT_EINPUT: no such visit; PT_EREFUSED: a voided case. */
int pt_visit_link(pt_db *db, int64_t visit, int64_t case_id, pt_err *e);
typedef struct pt_visit_filter {
	const char *leader;           /* exact name */
	const char *kind;             /* comma list of kinds */
	const char *unit;             /* code or name; includes units under it */
	const char *from, *to;        /* the visit's date, inclusive */
	int64_t id;                   /* 0: any */
} pt_visit_filter;
/* Visits by date, then number (checks f: PT_EUSAGE, naming the option). */
int pt_visits_query(pt_db *db, const pt_visit_filter *f, pt_cursor **out, pt_err *e);

/* The reception schedule (接访安排): visit_leader, post, unit, place, days
 * (mon..sun, weekdays, daily or dates YYYY-MM-DD, comma-separated), hours
 * (HH:MM-HH:MM, comma-separated). */
extern const pt_schema pt_schedule_schema;
/* Replaces the schedule by the rows of in (JSON Lines or CSV) in the open
 * transaction; every bad row goes to errs ("line N: field: why"). */
int pt_schedule_load(pt_db *db, FILE *in, enum pt_format f, pt_errlist *errs);
int pt_schedule_query(pt_db *db, pt_cursor **out, pt_err *e);
/* Writes the public notice of the schedule (接访公告) from the templates
 * schedule.txt and schedule_row.txt in dir (NULL: share/). */
int pt_schedule_notice(pt_db *db, const char *dir, FILE *out, pt_err *e);

/* Receptions and visits of a period per unit, leader and kind: a row for
 * each leader who received or visited at a unit, and a zero row for each
 * unit with none (unit: it and those under it; from, to: NULL for all). */
extern const pt_schema pt_visit_report_schema;
int pt_visit_report(pt_db *db, const char *from, const char *to, const char *unit,
                    FILE *out, const pt_write_options *o, pt_err *e);

/* Prints one risk and its history (CSV: the history only, as pt_show_case). */
int pt_show_risk(pt_db *db, int64_t id, FILE *out, const pt_write_options *o, pt_err *e);
/* ... one dispute and its history, the injured party masked unless o->personal. */
int pt_show_dispute(pt_db *db, int64_t id, FILE *out, const pt_write_options *o,
                    pt_err *e);

/* ---- statistics ----------------------------------------------------------- */

typedef struct pt_report_spec {
	const char *by;             /* "unit,month": unit channel pollution_type
	                               category status month week day year */
	const char *from, *to;      /* received, local dates, inclusive */
	const char *unit;           /* report this unit and those under it */
	unsigned measures_mask;     /* 0: every measure; else bit i: pt_report_measure */
	const char *level;          /* NULL, or rows only of the units of this level
	                               (national province city county), each
	                               counting those under it */
} pt_report_spec;

/* Counts received, accepted, ... backlog for every combination of the
 * dimensions' values (zeros are rows); a unit's row counts the units under it. */
int pt_report(pt_db *db, const pt_report_spec *spec, FILE *out,
              const pt_write_options *o, pt_err *e);
int pt_report_measure(const char *name);   /* its bit in measures_mask, or -1 */
/* The director's page: with o->doc an HTML page (PT_FMT_HTML), charts and
 * tables of spec's period (from: the first of the year of to; to: today)
 * and unit; spec->by, measures_mask and level are not used. */
int pt_report_page(pt_db *db, const pt_report_spec *spec, FILE *out,
                   const pt_write_options *o, pt_err *e);
/* The i-th measure, the i-th dimension of --by: name and label; -1 past the last. */
int pt_report_measure_at(int i, const char **name, const char **zh);
int pt_report_dimension(int i, const char **name, const char **zh);

enum pt_period { PT_DAY, PT_WEEK, PT_MONTH };
/* The first and last day of the day, week (Monday-Sunday) or month of v
 * (a date, or YYYY-MM for a month). */
int pt_period(enum pt_period k, const char *v, char from[11], char to[11], pt_err *e);

enum pt_report_list { PT_LIST_OVERDUE, PT_LIST_DUE, PT_LIST_BACKLOG,
                      PT_LIST_BACKLOG_BRIEF };   /* the backlog, fewer columns (a page's) */
/* Every overdue clock, every clock due within days, or every backlog case:
 * case_no, unit, unit_name, handler, leader, clock, due, days_overdue,
 * age_days, last_supervision, status (no personal data); a backlog case
 * then its file: team, steps, steps_done, next_step, next_step_due and
 * resolution (open until one is recorded). */
int pt_report_list(pt_db *db, enum pt_report_list which, int days, const char *unit,
                   FILE *out, const pt_write_options *o, pt_err *e);
/* The backlog files (积案) by unit and lead leader: files, open, each
 * resolution, plan steps, done and overdue; a unit with none is a row of
 * zeros; a unit's rows count the units under it. */
int pt_report_backlog_files(pt_db *db, const char *unit, FILE *out,
                            const pt_write_options *o, pt_err *e);
/* New collective, risk and backlog cases of a period (the zero report's list). */
int pt_report_new_cases(pt_db *db, const char *from, const char *to, const char *unit,
                        FILE *out, const pt_write_options *o, pt_err *e);
/* The zero report of risks of a day, week or month: a row for every unit
 * (and those under it), risks found, reported and handled, zeros included. */
int pt_risk_report(pt_db *db, enum pt_period k, const char *v, const char *unit,
                   FILE *out, const pt_write_options *o, pt_err *e);
/* The disputes' report of the local days [from, to] (from NULL: since the
 * first; to NULL: today): a row for every unit (those under unit, or all),
 * the disputes filed, consented, agreed and failed then, those open and
 * overdue (due date passed) at the end of to, the support given; each act
 * at the dispute's unit, a unit's row counting the units under it. */
extern const pt_schema pt_dispute_report_schema;
int pt_dispute_report(pt_db *db, const char *from, const char *to, const char *unit,
                      FILE *out, const pt_write_options *o, pt_err *e);
/* The annual report (年度报告, art. 41) of year (YYYY, not after now's):
 * rows of pt_annual_schema in several tables (each through its own writer,
 * titled; one stream in CSV), every figure this year, last year, the
 * change and its rate; each act counted at the unit that did it; unit: it
 * and the units under it. pt_annual_year checks a year alone. */
extern const pt_schema pt_annual_schema;
int pt_annual_year(const char *year, int64_t now, int *y, pt_err *e);
int pt_annual_report(pt_db *db, const char *year, const char *unit, FILE *out,
                     const pt_write_options *o, pt_err *e);

/* ---- key periods on duty (重要节点值班) ------------------------------------ */

/* A day of a key period's duty roster as listed: the period (FROM..TO as
 * in the policy), the day, who is on duty (a comma list), the leader on
 * shift (带班领导), and what it lacks: no_roster, no_leader, or nothing. */
enum pt_roster_field { PT_RO_PERIOD, PT_RO_DAY, PT_RO_ON_DUTY, PT_RO_LEADER, PT_RO_GAP,
                       PT_NROSTER_FIELDS };
/* A roster's days; the period's daily zero report of risks. */
extern const pt_schema pt_roster_schema, pt_roster_report_schema;

/* Sets a day of the key period named period (its first day, or FROM..TO):
 * who is on duty and the leader on shift (NULL: as it was), and records
 * the change. PT_EUSAGE: no such key period, or not a date; PT_EINPUT: a
 * day outside the period, or not a list of names. */
int pt_roster_set(pt_db *db, const char *period, const char *date, const char *on_duty,
                  const char *leader, pt_err *e);
/* Every day of the period (or only date) to w, a day without anyone or
 * without a leader flagged; *gaps: how many are (gaps may be NULL). */
int pt_roster_list(pt_db *db, const char *period, const char *date, pt_writer *w,
                   long *gaps, pt_err *e);
/* The period's daily zero report (零报告): for each of its days up to today
 * and each unit (under unit, or all), the risks found, reported, handled. */
int pt_roster_daily(pt_db *db, const char *period, const char *unit, FILE *out,
                    const pt_write_options *o, pt_err *e);

/* ---- text, dates and masking (exposed for the tests and tools) ---------- */

bool pt_utf8_valid(const char *s, size_t len);
size_t pt_utf8_chars(const char *s, size_t len);
int pt_text_width(const char *s);                 /* terminal columns, CJK = 2 */
/* The rule for free text: NULL when s may stand in a field of one line
 * (lines false) or of many (content, reply text, notes, reasons: newlines
 * and tabs too), else what is wrong: invalid UTF-8, empty or blank, a C0 or
 * C1 control character (U+0085 among them), DEL, U+2028 or U+2029. */
const char *pt_text_fault(const char *s, size_t n, bool lines);
bool pt_text_blank(const char *s, size_t n);
/* True when a value may be echoed in a message: short, no control
 * character, no run of 7 digits (it could be a phone or an ID number). */
bool pt_text_showable(const char *s);
/* Masks personal data of a field into out (size n): 张*, 138****5678. */
void pt_mask(int field, const char *v, char *out, size_t n);

/* Days since 1970-01-01 for a valid civil date, else -1 from parse. */
int pt_date_parse(const char *s, int32_t *day);
void pt_date_format(int32_t day, char out[11]);
/* A date or ISO 8601 time; no offset means the local zone. */
int pt_time_parse(const char *s, int64_t *t);
void pt_time_format_utc(int64_t t, char out[21]);
void pt_time_format_local(int64_t t, char out[26]);
int32_t pt_local_day(int64_t t);
int64_t pt_local_midnight(int32_t day);
/* Sets the zone used for local times ("Asia/Shanghai"). */
void pt_set_timezone(const char *zone);

/* ---- supervision orders (督查督办, petition-supervise) ---------------------- */

/* The kinds of supervision (the supervisions table's), the sources of an
 * order (morning_run: the records petition-escalate computes), the states
 * of an order in the listing. */
extern const struct pt_enum pt_supervision_kinds[], pt_order_sources[], pt_order_states[];

/* A supervision order issued by hand. */
typedef struct pt_order {
	const char *kind, *source;          /* source NULL: office */
	const char *issuer_unit, *issuer;   /* issuer_unit NULL: the office, else the
	                                       target unit's parent */
	const char *target_unit;
	const char *theme, *period_from, *period_to;   /* special supervision */
	const char *joint;                  /* joint departments */
	const char *due;                    /* the report back is due (a date) */
	const char *text;
	const char *const *cases;           /* case keys */
	size_t ncases;
} pt_order;
/*
 * Issues an order in the open transaction: each case it concerns gets an
 * "order" event. PT_EUSAGE: a bad or missing value (named by option);
 * PT_EINPUT: an unknown case; PT_EREFUSED: a case the office is done with.
 */
int pt_order_issue(pt_db *db, const pt_order *o, int64_t *id, pt_err *e);
/* Records the result of order key ("SV-3" or "3"), dated by the store's
 * clock; each of its cases gets an "order_result" event. PT_EREFUSED: it
 * has a result already, or the clock is before its issue. */
int pt_order_result(pt_db *db, const char *key, const char *result, int64_t *id,
                    pt_err *e);
/* An order's number as written ("SV-3" or "3"): PT_OK and *id, else PT_EUSAGE. */
int pt_order_key(const char *key, const char *where, int64_t *id, pt_err *e);

typedef struct pt_order_filter {
	const char *kind, *source;   /* codes or labels */
	const char *unit;            /* the target unit and the units under it */
	const char *from, *to;       /* issued, local dates, inclusive */
	const char *case_key;        /* orders and supervisions of this case */
	bool overdue;                /* open past its due date */
	int64_t id;                  /* one order (0: any) */
} pt_order_filter;
/* The orders and the morning run's supervision records, one listing
 * (pt_order_schema), oldest first; *n counts the rows. */
int pt_orders_list(pt_db *db, const pt_order_filter *f, pt_writer *w, long *n, pt_err *e);
extern const pt_schema pt_order_schema;
/* The supervision notice (督办通知) of an order, from templates/order.txt in
 * dir (NULL: share/): no petitioner's personal data. */
int pt_order_notice(pt_db *db, const char *key, const char *dir, FILE *out, pt_err *e);
/* Orders issued, answered on time, answered late and overdue, by kind and
 * target unit, over a period of issue (local dates; NULL: all time, today):
 * a row for every unit (at or under unit) and kind, zeros included. */
int pt_orders_report(pt_db *db, const char *from, const char *to, const char *unit,
                     FILE *out, const pt_write_options *o, pt_err *e);

#endif
