/* pt_priv.h - internals shared by the library's modules; not installed. */
#ifndef PT_PRIV_H
#define PT_PRIV_H

#include "petition.h"
#include <inttypes.h>

#define PT_MAX_LINE      (16u << 20)  /* longest input line or record */
#define PT_MAX_ERRORS    1000         /* error messages kept per run */

enum pt_type {
	PT_T_INT, PT_T_TEXT, PT_T_TIME, PT_T_DATE, PT_T_ENUM, PT_T_BOOL,
	PT_T_UNIT, PT_T_PHONE, PT_T_IDNUM, PT_T_UUID, PT_T_JSON,
};

enum {
	PT_C_INPUT = 1,      /* accepted on input */
	PT_C_REQUIRED = 2,   /* must be given on input */
	PT_C_PERSONAL = 4,   /* masked unless --with-personal-data */
	PT_C_TEXTAREA = 8,   /* may hold newlines and tabs */
	PT_C_FLEX = 16,      /* takes the table width that is left */
	PT_C_FACT = 32,      /* a fact of the complaint: petition-handle --set corrects it */
	PT_C_RATE = 64,      /* an INT column holding a rate from 0 to 1 (a workbook's percentage) */
};

typedef struct pt_calendar pt_calendar;

struct pt_column {
	const char *name, *zh;
	enum pt_type type;
	int flags;
	int max;                       /* characters (bytes for TEXTAREA); 0: none */
	int width;                     /* table column width; 0: not in tables */
	const struct pt_enum *values;  /* PT_T_ENUM */
};

/* The length of a column table (or any array). */
#define PT_NCOLS(a) (int)(sizeof (a) / sizeof (a)[0])

struct pt_schema {
	const struct pt_column *cols;
	int ncols;
};

/* A document's format (lib/doc.c): each writer of a document begins a table,
 * puts its records and ends it; write writes the document, free frees impl. */
struct pt_doc_ops {
	int (*open)(pt_doc *d, pt_err *e);
	int (*begin)(pt_doc *d, const pt_schema *s, const pt_write_options *o);
	int (*put)(pt_doc *d, const pt_record *r);
	int (*end)(pt_doc *d);
	int (*write)(pt_doc *d, FILE *out, pt_err *e);
	void (*free)(pt_doc *d);
};
extern const struct pt_doc_ops pt_xlsx_ops;     /* lib/doc_xlsx.c */
extern const struct pt_doc_ops pt_html_ops;     /* lib/doc_html.c */
/* A table's column names, each ended by \x1f: a later table of the same
 * columns and title joins the first (the caller frees; NULL: no memory). */
char *pt_doc_signature(const pt_schema *s);
/* The tables of a document begun and not ended, the last on top, each with
 * its schema: a record goes to the last open table of its schema. */
struct pt_doc_open { int table; const pt_schema *s; };
struct pt_doc_stack { struct pt_doc_open *v; int n, cap; };
int pt_doc_push(struct pt_doc_stack *st, int table, const pt_schema *s);   /* -1: no memory */
/* The table of a record of s: the last open of s, else the last open; -1: none. */
int pt_doc_table_of(const struct pt_doc_stack *st, const pt_schema *s);
int pt_doc_pop(struct pt_doc_stack *st);     /* the table ended, or -1 */

/* A sheet name of title into out (4 * max + 1 bytes), at most max UTF-16
 * units (Excel's count): []:*?/\ and control characters become '_', as
 * does an apostrophe at either end; "Sheet" for nothing. */
void pt_xlsx_sheet_name(const char *title, int max, char *out);
/* o with another table title (a document's second table) */
pt_write_options pt_titled(const pt_write_options *o, const char *title, const char *title_zh);
/* r alone as a table (a document's sheet of one row, or one more row of it) */
int pt_put_one(FILE *out, const pt_record *r, const pt_write_options *o, pt_err *e);
struct pt_doc {
	const struct pt_doc_ops *ops;
	enum pt_format format;
	char *title;
	int64_t time;        /* when it says it was made; 0: when written */
	void *impl;          /* the format's own state */
};

const struct pt_column *pt_column(const pt_schema *s, int col);
int pt_schema_column(const pt_schema *s, const char *name);   /* English name; -1 */
const struct pt_enum *pt_enum_find(const struct pt_enum *v, const char *s);
/* The code of a value given by code or label; s itself if it is neither. */
const char *pt_enum_code(const struct pt_enum *v, const char *s);
/* Statuses whose cases no statistic or report list counts (NULL-terminated). */
extern const char *const pt_uncounted_statuses[];
/* The status sets the store's queries use (NULL-terminated): a case still
 * to be worked on, one the office is done with, one under (re)review. */
extern const char *const pt_open_statuses[];
extern const char *const pt_done_statuses[];
extern const char *const pt_review_statuses[];

/* PT_OK when v is NULL or one of the codes of values, else a usage error
 * naming opt and the codes (action.c) */
int pt_one_of(const char *v, const char *opt, const struct pt_enum *values, pt_err *e);
/* PT_OK when v is NULL or a date, else a usage error naming opt (visit.c) */
int pt_date_opt(const char *v, const char *opt, pt_err *e);

/* a growable byte buffer */
typedef struct pt_buf { char *p; size_t len, cap; } pt_buf;
int pt_buf_add(pt_buf *b, const char *s, size_t n);
int pt_buf_adds(pt_buf *b, const char *s);
void pt_buf_free(pt_buf *b);
/* A CSV cell starting with c is a formula to a spreadsheet (OWASP). */
bool pt_csv_formula_start(char c);
/* Appends "code, code, ..." of an enumeration; -1: out of memory. */
int pt_enum_codes(const struct pt_enum *v, pt_buf *out);
/* The Chinese name of code among v, "" when there is none. */
const char *pt_enum_label(const struct pt_enum *v, const char *code);
/* PT_EUSAGE "OPT: "V" is not one of CODE, CODE, ..." */
int pt_enum_refuse(const char *opt, const char *v, const struct pt_enum *values, pt_err *e);

/* policy: time limits and numbering (share/petition/policy.conf) */
typedef struct pt_policy {
	char case_prefix[32];
	char timezone[64];
	int accept_days, reply_days, extend_max_days;
	int review_request_days, review_days, rereview_request_days, rereview_days;
	int object_working_days, repeat_window_days, collective_headcount;
	int remind_days, key_remind_days, escalate_after_days, backlog_after_days;
	int backlog_repeats, mediation_days;
	int on_time_target;        /* the on-time rates' target, in percent (a page's line) */
	char supervision_kind[16];
	struct { int32_t from, to; } key_periods[32];   /* 重要节点 */
	int nkey_periods;
	bool working_days, roll_to_working_day;
	char calendar[256];             /* files, ", " between, relative to the policy's folder */
	char dir[512];                  /* the policy file's folder; "" for the defaults */
} pt_policy;

void pt_policy_defaults(pt_policy *p);
int pt_policy_load(pt_policy *p, const char *path, pt_err *e);
/* Where share/petition is: $PETITION_SHARE, next to the binary, or PT_SHAREDIR. */
const char *pt_share_dir(void);

struct pt_unit { char *code, *name, *parent, *level; };
struct pt_units;                    /* the unit cache: lib/units.c alone sees inside */

struct pt_store;                    /* an engine's own state (lib/store/) */

/* The change a case went through since its last event (lib/change.c). */
struct cJSON;
struct pt_change {
	int64_t case_id;
	struct cJSON *sets, *clocks;  /* fields and clocks set, NULL: none */
	bool fresh;                     /* inserted here: no other office's events */
	bool keyed, oom;
	char uuid[37], unit[64];        /* the case's, when keyed */
};

/* An event as the store appends it: a local one (lib/change.c fills at,
 * actor, unit, lamport, changes and, once the office is set, origin and
 * event_id) or another office's, with all of them given. */
struct pt_event_in {
	int64_t case_id;
	const char *action, *from, *to, *details;
	const char *at, *actor, *unit;
	const char *event_id, *origin;   /* NULL: made before the office was set */
	int64_t lamport;
	const char *changes;             /* {"sets":..,"clocks":..,"seen":..} */
	const char *arrived_at;
};

struct pt_db {
	const struct pt_store_engine *engine;
	struct pt_store *store;
	char *path;
	char *actor;
	int64_t now;
	bool now_is_date;               /* the clock was given as a date */
	pt_policy policy;
	bool in_tx;
	int64_t added, before;          /* cases added in this transaction */
	struct pt_units *units;         /* the unit cache (lib/units.c), loaded on first use */
	/* a year's case numbers: the last given, and up to free_to seen free */
	struct pt_seq { int year; int64_t last, free_to; bool dirty; } seq[8];
	int nseq;
	uint64_t rng;
	pt_calendar *calendar;          /* loaded on first use */
	struct pt_change change;
	char office[64];                /* this store's office, "" if none */
	bool office_read, lamport_read;
	int64_t lamport;                /* the newest Lamport clock of the store */
};

/* change.c: what each event set, for exchange between offices */
bool pt_change_field(int f);
void pt_change_reset(pt_db *db);
void pt_change_insert(pt_db *db, int64_t id, const pt_record *r);
void pt_change_keys(pt_db *db, int64_t id, const pt_record *r);
void pt_change_fields(pt_db *db, int64_t id, const int *fields, const char *const *values,
                      int n);
void pt_change_clock_open(pt_db *db, int64_t id, const char *clock, const char *start,
                          const char *due, const char *rule, bool duty);
void pt_change_clock_stop(pt_db *db, int64_t id, const char *clock);
int pt_change_event(pt_db *db, struct pt_event_in *ev, pt_err *e);
int pt_change_done(pt_db *db, struct cJSON *seen, int rc);
void pt_lamport_seen(pt_db *db, int64_t l);
/* exchange.c: an event's id, the SHA-256 of its canonical content */
char *pt_event_canonical(const char *uuid, const struct pt_event_in *ev);   /* caller frees */
/* The same from an event line's own parts; ev's details and changes unused. */
char *pt_event_canonical_line(const char *uuid, const struct cJSON *line,
                              const struct pt_event_in *ev);
int pt_event_id(const char *uuid, const struct pt_event_in *ev, char out[65], pt_err *e);
void pt_sha256_hex(const void *p, size_t n, char out[65]);
/* Ends h and writes its digest in hex. */
struct sha256_ctx;
void pt_sha256_digest_hex(struct sha256_ctx *h, char out[65]);
/* A string member of a JSON object (NULL if not a string), a number's whole part (0). */
const char *pt_json_str(const struct cJSON *o, const char *k);
int64_t pt_json_int(const struct cJSON *o, const char *k);
/* bundle.c: event lines (cJSON objects) in the order of replay */
int pt_line_order(const struct cJSON *a, const struct cJSON *b);
int pt_lines_sort(struct cJSON *arr);
/* A row of pt_exchange_row_schema as an event line (an event made before
 * the office was set is office's, and gets its id here); NULL: no memory. */
struct cJSON *pt_row_line(const pt_record *r, const char *office);
/* case.c: one more case added in the transaction: past a number of them,
 * into a store not much larger, the indexes no insert needs are dropped
 * and built again at the commit */
int pt_case_bulk_tick(pt_db *db, pt_err *e);
/* fold.c, for petition-verify: calls fn with each field of case id that
 * is not what the replay of its exchanged events gives */
int pt_fold_check(pt_db *db, int64_t id, void (*fn)(void *arg, int field), void *arg,
                  pt_err *e);
/* case.c: the next free case number of the year, unless r has one */
int pt_case_number(pt_db *db, pt_record *r, int year, pt_err *e);

/* lib/store/store.c: the storage interface (lib/store/store.h), its engine
 * chosen from the --db value; every SQL statement lives in an engine */
int pt_store_open(pt_db *db, const pt_options *o, pt_err *e);
int pt_store_bulk(pt_db *db, pt_err *e);
int pt_store_case_count(pt_db *db, int64_t *n, pt_err *e);
/* Hands every unit row, ordered by code, to row(); its strings are the
 * engine's, valid during the call only (parent NULL for the top). The load
 * stops at the first status row returns other than PT_OK, and returns it. */
typedef int (*pt_unit_row_fn)(void *ctx, const char *code, const char *name,
                              const char *level, const char *parent, pt_err *e);
int pt_store_units_load(pt_db *db, pt_unit_row_fn row, void *ctx, pt_err *e);
/* The units, read once per invocation (pt_units_forget reads them again). */
int pt_units_ready(pt_db *db, pt_err *e);
/* Every unit, ordered by code, n of them (none before pt_units_ready). */
const struct pt_unit *pt_units_all(pt_db *db, size_t *n);
const struct pt_unit *pt_unit_find(pt_db *db, const char *key);
/* The unit key names, else NULL with "where: ..." in e (code) when none or several. */
const struct pt_unit *pt_unit_must(pt_db *db, const char *key, const char *where, int code,
                                   pt_err *e);
/* Writes "CODE (PARENT NAME), ..." of the units named key (names are unique
 * only under one parent) into buf; returns how many there are. */
size_t pt_unit_namesakes(pt_db *db, const char *key, char *buf, size_t size);
/* code with "where: ... names several units: CODE (PARENT), ...; give the code"
 * in e when key is no unit's code and the name of more than one; else PT_OK. */
int pt_unit_ambiguous(pt_db *db, const char *key, const char *where, int code, pt_err *e);
void pt_units_forget(pt_db *db);
/* Whether the unit code is top or a unit under it (the unit tree, in C). */
bool pt_unit_within(pt_db *db, const char *code, const char *top);
/* Whether --to names no other department: blank, digits (a code), or a
 * known unit with white space around it. */
bool pt_unit_lookalike(pt_db *db, const char *to);
/* Checks the given input fields of r as petition-add does, normalising them. */
int pt_case_check_fields(pt_db *db, pt_record *r, const int *fields, int n,
                         const char *where, pt_errlist *errs);
/* Whether a case is a collective visit (集体访, art. 20). */
bool pt_case_collective(pt_db *db, const char *channel, long headcount);
/* Whether cases of a status count in statistics (not voided ones). */
bool pt_status_counted(const char *status);
/* petition-handle --set and --void (lib/correct.c). */
int pt_correct_check(const pt_action *a, pt_err *e);
int pt_case_correct(pt_db *db, int64_t id, const pt_action *a, pt_err *e);
/* petition-handle --resolve (lib/resolve.c): the action's values; then, for
 * case r, refuses a field with no open conflict or fills the event's details. */
int pt_resolve_check(const pt_action *a, pt_err *e);
int pt_resolve(pt_db *db, int64_t id, const pt_record *r, const pt_action *a,
               struct cJSON *details, pt_err *e);
/* petition-handle --team, --plan-step, --step-done, --backlog-resolution
 * (lib/backlog.c): the action's values; then, for backlog case r, the
 * file's change and the event's details. */
int pt_backlog_check(const pt_action *a, pt_err *e);
int pt_backlog_act(pt_db *db, int64_t id, const pt_record *r, const pt_action *a,
                   struct cJSON *details, pt_err *e);
int pt_units_seed(pt_db *db, const char *path, pt_err *e);
/* input.c: a regular file to read, else NULL and errno (see pt_fopen_strerror) */
FILE *pt_fopen_regular(const char *path);
const char *pt_fopen_strerror(int err);
int pt_store_case_insert(pt_db *db, pt_record *r, int repeats, bool checked,
                         int64_t *id, pt_err *e);
int pt_store_event_add(pt_db *db, int64_t case_id, const char *action,
                       const char *from, const char *to, const char *details,
                       pt_err *e);
int pt_store_deadline_add(pt_db *db, int64_t case_id, const char *clock,
                          const char *start, const char *due, const char *rule,
                          bool duty, pt_err *e);
int pt_store_deadline_stop(pt_db *db, int64_t case_id, const char *clock,
                           pt_err *e);
struct pt_clock { char start[11], due[11], rule[192]; bool open; };
int pt_store_deadline_get(pt_db *db, int64_t case_id, const char *clock,
                          struct pt_clock *k, pt_err *e);
/* pt_schema_lookup, column guess tried first (records in the schema's order). */
int pt_schema_lookup_next(const pt_schema *s, const char *name, int guess);
struct pt_repeat { char case_no[96], received_at[21]; int repeats; };
enum { PT_REPEAT_PHONE, PT_REPEAT_ACCUSED, PT_REPEAT_FINAL, PT_REPEAT_LOOKS };
/* The status of case id, read alone (PT_EINPUT when there is no such case). */
int pt_store_case_status(pt_db *db, int64_t id, char *status, size_t n, pt_err *e);
/* history.c: the hash chain. The fields of an event, in hash order: case
 * uuid, at, actor, action, from_status, to_status, details (NULL allowed). */
enum { PT_EVENT_FIELDS = 7, PT_HASH_HEX = 65 };
void pt_event_hash(const char *prev, const char *const f[PT_EVENT_FIELDS],
                   const size_t n[PT_EVENT_FIELDS], char out[PT_HASH_HEX]);
struct pt_chain_row {
	int64_t id;
	const char *case_no, *hash;       /* case_no NULL: no such case */
	const char *f[PT_EVENT_FIELDS];
	size_t n[PT_EVENT_FIELDS];
};
/* the case fields that replaying its events gives, in ST_REPLAY's order */
enum { PT_REPLAY_STATUS, PT_REPLAY_UNIT, PT_REPLAY_CATEGORY, PT_REPLAY_HANDLER,
       PT_REPLAY_LEADER, PT_REPLAY_REPLY_DUE, PT_REPLAY_REVIEW_DUE, PT_REPLAY_OUTCOME,
       PT_REPLAY_SATISFACTION, PT_REPLAY_REPLIED_AT, PT_REPLAY_DELIVERED_AT,
       PT_REPLAY_CLOSED_AT, PT_REPLAY_EXTENDED, PT_REPLAY__COUNT };
struct pt_replay_row {            /* one case and one of its events, in order */
	const char *case_no;
	int64_t event;
	bool has_event;
	const char *action, *at, *from, *to, *details;
	const char *field[PT_REPLAY__COUNT];
	int64_t case_id;
	const char *origin;              /* the office that made it, NULL: this one */
};
/* Each calls fn for every row until it returns nonzero. */
int pt_store_chain_each(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
                        void *arg, pt_err *e);
int pt_store_replay_each(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
                         void *arg, pt_err *e);
int pt_store_check_current(pt_db *db, pt_err *e);
int pt_store_guard_missing(pt_db *db, const char **missing, pt_err *e);
int pt_store_last_event(pt_db *db, int64_t case_id, const char *action,
                        char **out, int64_t *at, pt_err *e);
int pt_store_case_set(pt_db *db, int64_t id, const int *fields,
                      const char *const *values, int n, pt_err *e);
/* The cases a new one may repeat (see repeat_look in store/store.h). */
int pt_store_repeat_look(pt_db *db, const char *phone, const char *accused,
                         const char *since, const char *until,
                         struct pt_repeat out[PT_REPEAT_LOOKS], pt_err *e);
/* The index in nos of the first case number a case has; n when none has. */
int pt_store_case_nos_first_taken(pt_db *db, const char *const *nos, int n, int *first,
                                  pt_err *e);
int pt_store_seq_get(pt_db *db, const char *prefix, int year, int64_t *last,
                     pt_err *e);
int pt_store_seq_put(pt_db *db, const char *prefix, int year, int64_t last,
                     pt_err *e);
int pt_store_unit_put(pt_db *db, const char *code, const char *name,
                      const char *level, const char *parent, pt_err *e);

struct pt_query_spec {
	char *status, *channel, *pollution_type, *category;   /* checked comma lists */
	const char *handler, *leader;
	const char *unit;                          /* a unit code */
	char received_from[21], received_before[21];
	char due_before[11];
	bool repeat, collective, backlog, risk;
	bool conflicts;                            /* an open conflict ... */
	const char *conflict_field;                /* ... on this field (NULL: any) */
	const char *text;
	struct { int field; bool desc; } sort[8];
	int nsort;
	int64_t limit, id_min, id_max, id;
};
int pt_store_cases_query(pt_db *db, struct pt_query_spec *qs, pt_cursor **out,
                         pt_err *e);
int pt_store_cases_count(pt_db *db, struct pt_query_spec *qs, int64_t *n, pt_err *e);
int pt_store_units_query(pt_db *db, const char *code, bool under,
                         pt_cursor **out, pt_err *e);
void pt_store_close(pt_db *db);

/* supervision and escalation */
struct pt_supervision {
	int64_t case_id;
	const char *clock, *action, *kind, *unit, *handler, *leader, *due, *rule;
	int days_overdue;
};
enum pt_esc { PT_ESC_DUE, PT_ESC_OLD, PT_ESC_REVIEWED, PT_ESC_REPEATED,
              PT_ESC_NO_LEADER,
              PT_ESC_STEPS,    /* plan steps of open backlog files due before arg */
              PT_ESC__COUNT };
/* Rows: id, case_no, unit, parent, handler, leader, extended, collective,
 * risk, received_at, status, clock, due (see esc_schema in escalate.c); a
 * plan step's clock is its number. */
int pt_store_escalation(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
                        pt_cursor **out, pt_err *e);
int pt_store_supervision_at(pt_db *db, int64_t case_id, const char *clock,
                            const char *action, int64_t *at, pt_err *e);
int pt_store_supervision_add(pt_db *db, const struct pt_supervision *v, bool *added,
                             pt_err *e);
int pt_store_plan(pt_db *db, pt_cursor *c, pt_buf *out, pt_err *e);
/* Supervision records made in [from, before) (UTC times), as the morning
 * run printed them (pt_escalation_schema), in the order it did. */
int pt_store_supervisions_made(pt_db *db, const char *from, const char *before,
                               const char *unit, pt_cursor **out, pt_err *e);

/* statistics */
enum pt_dim { PT_DIM_UNIT, PT_DIM_CHANNEL, PT_DIM_POLLUTION, PT_DIM_CATEGORY,
              PT_DIM_STATUS, PT_DIM_MONTH, PT_DIM_WEEK, PT_DIM_DAY, PT_DIM_YEAR,
              PT_DIM__COUNT };
/* A report dimension's column; [PT_DIM__COUNT] is unit_name. */
extern const pt_schema pt_report_dim_schema;

/* The columns of petition-escalate's actions (pt_escalation_schema). */
enum pt_esc_col { PT_EA_ACTION, PT_EA_CASE_NO, PT_EA_UNIT, PT_EA_PARENT,
                  PT_EA_HANDLER, PT_EA_LEADER, PT_EA_CLOCK, PT_EA_DUE, PT_EA_DAYS,
                  PT_EA_RULE, PT_EA__COUNT };
/* The columns of the report's deadline and backlog lists, and of its new
 * cases (columns.c). */
enum pt_report_list_col { PT_RL_CASE_NO, PT_RL_UNIT, PT_RL_UNIT_NAME, PT_RL_HANDLER,
                          PT_RL_LEADER, PT_RL_CLOCK, PT_RL_DUE, PT_RL_DAYS_OVERDUE,
                          PT_RL_AGE_DAYS, PT_RL_LAST_SUPERVISION, PT_RL_STATUS,
                          PT_RL__COUNT };
extern const pt_schema pt_report_list_schema;
extern const pt_schema pt_report_new_schema;
/* a backlog case's file (lib/backlog.c): its team, resolution and plan */
struct pt_backlog_file {
	bool found;                     /* a row: a team, a step or a resolution */
	char team[512], resolution[32];
	int steps, done;
};
struct pt_step { bool found, done; char due[11], added_at[21]; };
int pt_store_backlog_get(pt_db *db, int64_t case_id, struct pt_backlog_file *f, pt_err *e);
/* Makes or updates the file: a NULL team or resolution keeps the one there. */
int pt_store_backlog_put(pt_db *db, int64_t case_id, const char *team,
                         const char *resolution, const char *reason, pt_err *e);
int pt_store_step_add(pt_db *db, int64_t case_id, int n, const char *due, const char *text,
                      pt_err *e);
int pt_store_step_get(pt_db *db, int64_t case_id, int n, struct pt_step *s, pt_err *e);
int pt_store_step_done(pt_db *db, int64_t case_id, int n, pt_err *e);
/* The counted backlog cases at or under unit (NULL: all): rows of unit,
 * leader, resolution, steps, steps done, steps past their date on today. */
int pt_store_backlog_files(pt_db *db, const char *unit, const char *today,
                           pt_cursor **out, pt_err *e);
/* The columns of petition-report --backlog: the list's, then the file's */
enum { PT_BL_TEAM = PT_RL__COUNT, PT_BL_STEPS, PT_BL_STEPS_DONE, PT_BL_NEXT_STEP,
       PT_BL_NEXT_STEP_DUE, PT_BL_RESOLUTION, PT_BL__COUNT };
extern const pt_schema pt_backlog_list_schema;
/* Every table the tools print, NULL-terminated (one header per name). */
extern const pt_schema *const pt_output_schemas[];
enum { PT_M_COUNT = 20 };   /* measures a report row of the store holds */

/* groups.c: counts by key (a report's rows); the table owns its keys */
struct group { char *key; int64_t m[PT_M_COUNT]; };
struct groups { struct group *g; size_t n, cap; };
/* The group of key, added (zeroed) when add is true; NULL if absent or out of memory. */
struct group *pt_groups_find(struct groups *t, const char *key, bool add);
void pt_groups_free(struct groups *t);
int pt_store_report(pt_db *db, const enum pt_dim *dims, int ndims, bool decisions, const char *from,
                    const char *before, long offset, const char *today,
                    pt_cursor **out, pt_err *e);
int pt_store_report_list(pt_db *db, int which, const char *lo, const char *hi,
                         const char *today, long offset, const char *unit,
                         pt_cursor **out, pt_err *e);
int pt_store_first_received(pt_db *db, char out[11], pt_err *e);
int pt_store_report_new(pt_db *db, int which, const char *from, const char *before,
                        const char *unit, pt_cursor **out, pt_err *e);

/* notice.c: where a declined petitioner should go (the category's avenue,
 * the competent department, no new acceptance after final, else the reason) */
void pt_decline_avenue(const char *category, const char *to, const char *final_case,
                       const char *reason, char *out, size_t n);

/* notice.c: the templates of share/petition/templates (or dir): the text of
 * NAME.txt, and its rendering, each {{key}} replaced by value(arg, key)
 * (NULL: not a field, PT_EINPUT naming the template); pt_template_write
 * reads and renders NAME.txt to out, whole or not at all */
typedef const char *(*pt_template_value_fn)(void *arg, const char *name);
int pt_template_read(const char *dir, const char *name, char **out, pt_err *e);
int pt_template_render(const char *tpl, const char *name, pt_template_value_fn value,
                       void *arg, FILE *out, pt_err *e);
int pt_template_write(const char *dir, const char *name, pt_template_value_fn value,
                      void *arg, FILE *out, pt_err *e);
/* The value of {{name}} when it names a field of r (of schema s): an
 * enumeration by its Chinese name, a missing value as ""; NULL when it is
 * not a field. */
const char *pt_template_field(const pt_schema *s, const pt_record *r, const char *name);
/* The morning run's rows of a register's entries: row(db, entry, out,
 * today) fills out for each entry of c (rc: the status of the query that
 * opened it), put to w unless NULL and counted in *actions; c closed. */
typedef int (*pt_row_fn)(pt_db *db, const pt_record *entry, pt_record *out, int32_t today);
int pt_morning_rows(pt_db *db, pt_cursor *c, int rc, const pt_schema *s, pt_row_fn row,
                    int32_t today, pt_writer *w, pt_record *out, long *actions, pt_err *e);
/* risk_report.c: the morning run's list of urgent risks not reported yet,
 * in pt_escalation_schema's columns; each counted in *actions */
/* The zero reports' tally: a row per unit (those under unit, or all, in
 * the tree's order), each act counted at its unit and those above it
 * (pt_tally_add); the risks' (lib/risk_report.c) and the disputes'
 * (lib/mediate_report.c) reports, the key periods' daily rows (lib/roster.c). */
enum { PT_TALLY_N = 7 };            /* the most counts a row has: the disputes' */
struct pt_tally { const struct pt_unit *u; int64_t n[PT_TALLY_N]; };
int pt_tally_units(pt_db *db, const char *unit, struct pt_tally **out, size_t *m,
                   pt_err *e);
/* Adds one to count k of every row of t that unit is at or under. */
void pt_tally_add(pt_db *db, const char *unit, int k, struct pt_tally *t, size_t n);
/* Writes a row of r's schema per unit: (day, unless NULL), unit, unit_name,
 * then the first counts of its tally. */
int pt_tally_put(pt_writer *w, pt_record *r, const char *day, int counts,
                 const struct pt_tally *t, size_t n, pt_err *e);
/* The same through a writer of s's columns (unit, unit_name, the counts) on out. */
int pt_tally_write(const pt_schema *s, const struct pt_tally *t, size_t n, FILE *out,
                   const pt_write_options *o, pt_err *e);
/* The risks found, reported and handled on the local days [from, to] and
 * (cases) the new collective and risk cases received then, each counted at
 * its unit and those above (the counts set again). */
enum { PT_RISK_TALLY_N = 5 };       /* found, reported, handled; new cases */
int pt_risk_tally_count(pt_db *db, int32_t from, int32_t to, bool cases,
                        struct pt_tally *t, size_t n, pt_err *e);
/* The key period of p that name is (its first day, or FROM..TO): 0 with
 * its days, 1 when p has none such, -1 when name is neither. */
int pt_key_period_of(const pt_policy *p, const char *name, int32_t *from, int32_t *to);
/* What a day of a roster lacks: "no_roster", "no_leader", "no_on_duty", or NULL. */
const char *pt_roster_gap(const char *on_duty, const char *leader);
/* The morning run in a key period: today's duty and leader on shift, and a
 * warning for today or tomorrow without either (lib/roster.c). */
int pt_roster_morning(pt_db *db, int32_t today, pt_writer *w, pt_record *out, long *actions,
                      pt_err *e);
int pt_risk_urgent_due(pt_db *db, const char *unit, pt_writer *w, long *actions,
                       pt_err *e);

/* risk.c: the checks of the registers' values (risks, disputes), each
 * message naming the option opt. A code or label of values as its code in
 * *out (NULL stays NULL); free text of one line or many, at most max
 * characters (lines: bytes); the time of field col of r (default now), not
 * in the future, as UTC; a local date as the UTC time of its midnight
 * (after: of the next day's), NULL leaving out untouched. */
int pt_enum_value(const char *opt, const char *v, const struct pt_enum *values,
                  const char **out, pt_err *e);
int pt_text_value(const char *opt, const char *v, size_t max, bool lines, pt_err *e);
int pt_past_time(pt_db *db, pt_record *r, int col, const char *opt, pt_err *e);
int pt_day_bound(const char *opt, const char *v, bool after, char out[21], pt_err *e);
/* A register that is not cases (risks, disputes): how to read an entry and
 * its history; pt_show_register prints both (CSV: the history only). */
struct pt_register {
	const pt_schema *schema, *events;
	int (*get)(pt_db *db, int64_t id, pt_record *r, pt_err *e);
	int (*query)(pt_db *db, int64_t id, pt_cursor **out, pt_err *e);
	const char *what;                /* "risk": in messages */
	const char *zh_history;          /* the history's title in Chinese */
};
/* Links each case of cases (a comma list of keys; text checked) by
 * link(db, arg, case_id, what), what saying "CASE_NO" or "CASE_NO: text". */
typedef int (*pt_link_fn)(pt_db *db, void *arg, int64_t case_id, const char *what,
                          pt_err *e);
int pt_link_cases(pt_db *db, const char *cases, const char *text, pt_link_fn link,
                  void *arg, pt_err *e);
/* An entry by its number: PT_OK with *id, else PT_EINPUT. */
int pt_register_resolve(pt_db *db, const struct pt_register *g, const char *key,
                        int64_t *id, pt_err *e);
int pt_show_register(pt_db *db, const struct pt_register *g, int64_t id, FILE *out,
                     const pt_write_options *o, pt_err *e);
/* mediate_doc.c: the morning run's reminders of mediations due within
 * horizon days of today or past, in pt_escalation_schema's columns; each
 * counted in *actions */
int pt_dispute_due(pt_db *db, const char *unit, int32_t today, int horizon, pt_writer *w,
                   pt_record *out, long *actions, pt_err *e);
/* mediate.c: a dispute's events and its text fields checked, for the documents */
struct pt_dispute_event;
int pt_dispute_event(pt_db *db, const pt_record *d, const char *action, const char *to,
                     const char *day, const char *place, const char *text, pt_err *e);
/* The dispute of id into d when its step is one of mask (1 << its index
 * in pt_dispute_steps), else PT_EREFUSED saying what comes first. */
int pt_dispute_at(pt_db *db, int64_t id, pt_record *d, unsigned mask, pt_err *e);
/* case.c: a phone number's digits (and a leading +) into out, else false */
bool pt_phone_value(const char *v, char *out, size_t n);

/* order.c: an act dated before the act it follows from is PT_EREFUSED */
int pt_order_check(pt_db *db, int64_t id, const pt_record *r, enum pt_verb v,
                   pt_err *e);

/* calendar.c: working days, holidays and make-up days */
/* One file: holidays.conf lines, or iCalendar if its name ends in .ics. */
int pt_calendar_load(pt_calendar **out, const char *path, pt_err *e);
/* One more file: the years it lists replace those already loaded. */
int pt_calendar_add(pt_calendar *c, const char *path, pt_err *e);
void pt_calendar_free(pt_calendar *c);
const char *pt_calendar_name(const pt_calendar *c);
bool pt_calendar_knows(const pt_calendar *c, int32_t day);   /* its year is listed */
bool pt_is_working_day(const pt_calendar *c, int32_t day);

/* deadline.c */
/* The next due of a case is its open duty clock that comes first: the
 * earliest due date, then the clock's name. True if (due, clock) comes
 * before (best_due, best_clock); a NULL best_due is no clock yet. */
bool pt_clock_first(const char *due, const char *clock, const char *best_due,
                    const char *best_clock);
int pt_due_date(pt_db *db, int32_t start, int days, const char *from,
                char start_s[11], char due_s[11], char *rule, size_t n,
                pt_err *e);
/* Working days whatever the policy counts. Both refuse (PT_EINPUT) a count
 * that reaches a year no loaded calendar lists. */
/* The working days after due up to today (the policy's calendar): how late. */
int pt_working_days_after(pt_db *db, int32_t due, int32_t today, int *n, pt_err *e);
int pt_due_working(pt_db *db, int32_t start, int days, const char *from,
                   char start_s[11], char due_s[11], char *rule, size_t n,
                   pt_err *e);

/* text.c */
int pt_utf8_decode(const char *s, size_t len, size_t *i, uint32_t *cp);
int pt_cp_width(uint32_t cp);
/* Writes s to out padded or cut ("…") to exactly w columns. */
void pt_put_cell(FILE *out, const char *s, int w);
bool pt_is_uuid(const char *s);
/*
 * The shape of a case number, PREFIX-YYYY-N: the prefix an ASCII letter
 * and at most 15 more letters or digits, a year from 1900 to 2999, and a
 * sequence of 1 to 9 digits from 1 to PT_CASE_SEQ_MAX (never all digits,
 * never a UUID). out may be NULL.
 */
enum { PT_CASE_PREFIX_MAX = 16, PT_CASE_SEQ_MAX = 999999999 };
struct pt_case_no { char prefix[PT_CASE_PREFIX_MAX + 1]; int year; int64_t seq; };
bool pt_case_no_parse(const char *s, struct pt_case_no *out);
/* The forms repeat detection compares (stored as phone_key, accused_key). */
void pt_phone_key(const char *v, char *out, size_t n);
void pt_accused_key(const char *v, char *out, size_t n);
void pt_uuid_v7(pt_db *db, char out[37]);

/* report.c: top (NULL: every unit) and the units under it, parents first,
 * children by code, as the report's rows list them (the caller frees *units) */
int pt_report_units(pt_db *db, const char *top, const struct pt_unit ***units, size_t *n,
                    pt_err *e);
/* dates.c: the zone's offset from UTC on a day, in seconds */
long pt_zone_offset(int32_t day);

/* dates.c */
/* The date days after date, into out ("" if date is not one). */
const char *pt_date_add(const char *date, long days, char out[11]);
int pt_days_from_civil(int y, int m, int d);
void pt_civil_from_days(int32_t z, int *y, int *m, int *d);

/* output.c */
struct cJSON;
/* How a writer shows personal data. */
enum pt_pii { PT_PII_MASK, PT_PII_SHOW, PT_PII_WITHHOLD };
int pt_pii_of(const pt_write_options *o);
struct cJSON *pt_record_json(const pt_record *r, int pii);
int pt_json_print(FILE *out, struct cJSON *o);
void pt_display_value(const struct pt_column *c, const char *v, int pii,
                      int field, char *buf, size_t n, const char **out);

/* supervision orders (lib/supervise.c): the rows of the store's listing,
 * an order's columns then those of a computed supervision record */
enum pt_orow {
	PT_OR_ID, PT_OR_KIND, PT_OR_SOURCE, PT_OR_ISSUER_UNIT, PT_OR_ISSUER, PT_OR_TARGET,
	PT_OR_TARGET_PARENT, PT_OR_THEME, PT_OR_PERIOD_FROM, PT_OR_PERIOD_TO, PT_OR_JOINT,
	PT_OR_DUE, PT_OR_TEXT, PT_OR_ISSUED_AT, PT_OR_RESULT, PT_OR_RESULT_AT,
	PT_OR_REMINDED_AT, PT_OR_ESCALATED_AT, PT_OR_ESCALATED_TO, PT_OR_CASES,
	PT_OR_ACTION, PT_OR_CLOCK, PT_OR_CLOCK_OPEN, PT_OR_SEQ, PT_OR__COUNT
};
extern const pt_schema pt_order_row_schema;
struct pt_order_in {
	const char *kind, *source, *issuer_unit, *issuer, *target_unit, *theme;
	const char *period_from, *period_to, *joint, *due, *text;
};
/* What the store's listing selects; NULL or 0: no condition. */
struct pt_order_query {
	bool orders, computed;                 /* which records */
	const char *kind, *source, *unit;      /* source: of orders */
	const char *from, *before;             /* issued in [from, before), UTC */
	int64_t case_id, id;
	const char *due_to;                    /* open orders due on or before */
	const char *acted_from, *acted_before; /* reminded or escalated in them */
};
/* Which columns of an order order_set writes: its result, the morning
 * run's reminder, its escalation (a time, and the unit raised to). */
enum pt_order_set { PT_OSET_RESULT, PT_OSET_REMINDED, PT_OSET_ESCALATED };
int pt_store_order_add(pt_db *db, const struct pt_order_in *o, int64_t *id, pt_err *e);
int pt_store_order_case_add(pt_db *db, int64_t id, int64_t case_id, pt_err *e);
int pt_store_order_set(pt_db *db, int64_t id, enum pt_order_set which, const char *v,
                       const char *at, pt_err *e);
int pt_store_orders_query(pt_db *db, const struct pt_order_query *q, pt_cursor **out,
                          pt_err *e);
/* The ids of the cases of an order, oldest first (one column, id). */
int pt_store_order_cases(pt_db *db, int64_t id, pt_cursor **out, pt_err *e);
/* escalate.c's part for orders (lib/order_run.c): remind and raise open
 * orders, and replay what a date's runs did with them */
int pt_orders_escalate(pt_db *db, const char *unit, int32_t today, int horizon,
                       pt_writer *w, pt_record *out, long *actions, pt_err *e);
int pt_orders_replay(pt_db *db, const char *from, const char *before, const char *unit,
                     int32_t day, pt_writer *w, pt_record *out, long *actions, pt_err *e);
/* An order's row: its number "SV-N", its state (pt_order_states) as of
 * today, and days past its due date (0 when none). */
void pt_order_no(const char *id, char out[32]);
/* An event action with details d in the history of each case of order id
 * (its status unchanged). */
int pt_order_cases_event(pt_db *db, int64_t id, const char *action, struct cJSON *d,
                         pt_err *e);
/* The local date of a date or a time; -1 for anything else. */
int32_t pt_order_day(const char *v);
const char *pt_order_state(const pt_record *row, int32_t today, int *days);

#endif
