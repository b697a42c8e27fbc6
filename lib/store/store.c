/* store.c - the storage interface: the engine chosen from the --db value,
 * transactions and case numbering, and each operation handed to the engine. */
#include "store/store.h"
#include <string.h>

static const char *const postgres_prefixes[] = {"postgresql://", "postgres://", NULL};

/* The engines this build has, the one claiming any other value last. */
static const struct pt_store_engine *const engines[] = {
#ifdef PT_HAVE_POSTGRES
	&pt_postgres_engine,
#endif
	&pt_sqlite_engine,
};

/* Parameters from ?first on: above any a statement numbers itself. */
const struct pt_status_set pt_status_sets[] = {
	{"{uncounted}", pt_uncounted_statuses, 100},
	{"{open}", pt_open_statuses, 120},
	{"{done}", pt_done_statuses, 140},
	{"{review}", pt_review_statuses, 160},
	{"{open_literal}", pt_open_statuses, 0},
	{NULL, NULL, 0},
};

int pt_store_expand(pt_buf *out, const char *text,
                    int (*emit)(pt_buf *out, const struct pt_status_set *s))
{
	int bad = 0;

	for (const char *p = text; *p; ) {
		const char *brace = strchr(p, '{');
		const struct pt_status_set *k = pt_status_sets;
		if (!brace) {
			bad |= pt_buf_adds(out, p);
			break;
		}
		bad |= pt_buf_add(out, p, (size_t)(brace - p));
		while (k->token && strncmp(brace, k->token, strlen(k->token)))
			k++;
		if (!k->token) {
			bad |= pt_buf_add(out, brace, 1);
			p = brace + 1;
			continue;
		}
		bad |= emit(out, k);
		p = brace + strlen(k->token);
	}
	return bad || !out->p ? -1 : 0;
}

const char *pt_store_engine_name(int i)
{
	return i >= 0 && (size_t)i < sizeof engines / sizeof engines[0] ? engines[i]->name : NULL;
}

static bool claims(const struct pt_store_engine *g, const char *path)
{
	for (const char *const *p = g->prefixes; p && *p; p++)
		if (!strncmp(path, *p, strlen(*p)))
			return true;
	return !g->prefixes;
}

static int engine_for(const char *path, const struct pt_store_engine **out, pt_err *e)
{
	size_t n = sizeof engines / sizeof engines[0];

	for (size_t i = 0; i < n; i++)
		if (engines[i]->prefixes && claims(engines[i], path)) {
			*out = engines[i];
			return PT_OK;
		}
	for (const char *const *p = postgres_prefixes; *p; p++)
		if (!strncmp(path, *p, strlen(*p)))
			return pt_error(e, PT_EDB, "postgresql: this build has no PostgreSQL engine");
	for (size_t i = 0; i < n; i++)
		if (claims(engines[i], path)) {
			*out = engines[i];
			return PT_OK;
		}
	return pt_error(e, PT_EDB, "%s: no storage engine for this database", path);
}

/* Returns 1 for a new database, whose transaction the caller seeds and commits. */
int pt_store_open(pt_db *db, const pt_options *o, pt_err *e)
{
	int rc = engine_for(db->path, &db->engine, e);

	return rc ? rc : db->engine->open(db, o, e);
}

void pt_store_close(pt_db *db)
{
	if (db->engine)
		db->engine->close(db);
	db->store = NULL;
}

int pt_store_check_current(pt_db *db, pt_err *e) { return db->engine->check_current(db, e); }

int pt_begin(pt_db *db, pt_err *e)
{
	int rc = db->engine->begin(db, e);

	if (!rc)
		db->in_tx = true;
	return rc;
}

static void tx_ended(pt_db *db)
{
	db->in_tx = false;
	db->nseq = 0;
	db->added = 0;
	db->lamport_read = db->office_read = false;
	pt_change_reset(db);
}

/* The case numbers taken in the transaction are written with it. */
int pt_commit(pt_db *db, pt_err *e)
{
	int rc;

	for (int i = 0; i < db->nseq; i++)
		if (db->seq[i].dirty &&
		    (rc = pt_store_seq_put(db, db->policy.case_prefix, db->seq[i].year,
		                           db->seq[i].last, e)))
			return rc;
	if ((rc = db->engine->commit(db, e)))
		return rc;
	tx_ended(db);
	return PT_OK;
}

void pt_rollback(pt_db *db)
{
	if (!db || !db->in_tx)
		return;
	db->engine->rollback(db);
	tx_ended(db);
}

int pt_store_bulk(pt_db *db, pt_err *e) { return db->engine->bulk(db, e); }

/* --- cases --- */

int pt_store_case_count(pt_db *db, int64_t *n, pt_err *e)
{
	return db->engine->case_count(db, n, e);
}

int pt_store_case_insert(pt_db *db, pt_record *r, int repeats, bool checked, int64_t *id,
                         pt_err *e)
{
	int rc = db->engine->case_insert(db, r, repeats, checked, id, e);

	if (rc == PT_OK)
		pt_change_insert(db, *id, r);
	return rc;
}

int pt_store_case_set(pt_db *db, int64_t id, const int *fields,
                      const char *const *values, int n, pt_err *e)
{
	pt_change_fields(db, id, fields, values, n);
	return db->engine->case_set(db, id, fields, values, n, e);
}

int pt_store_case_status(pt_db *db, int64_t id, char *status, size_t n, pt_err *e)
{
	return db->engine->case_status(db, id, status, n, e);
}

int pt_case_resolve(pt_db *db, const char *key, int64_t *id, pt_err *e)
{
	size_t n = strspn(key, "0123456789");

	if (*key && !key[n] && n < 19)
		return db->engine->case_find(db, PT_KEY_ID, key, id, e);
	if (pt_is_uuid(key))
		return db->engine->case_find(db, PT_KEY_UUID, key, id, e);
	if (pt_case_no_parse(key, NULL))
		return db->engine->case_find(db, PT_KEY_CASE_NO, key, id, e);
	return pt_error(e, PT_EINPUT, "%s: no such case", key);
}

int pt_store_case_nos_first_taken(pt_db *db, const char *const *nos, int n, int *first,
                                  pt_err *e)
{
	return db->engine->case_nos_first_taken(db, nos, n, first, e);
}

int pt_store_cases_query(pt_db *db, struct pt_query_spec *qs, pt_cursor **out, pt_err *e)
{
	return db->engine->cases_query(db, qs, out, e);
}

int pt_store_cases_count(pt_db *db, struct pt_query_spec *qs, int64_t *n, pt_err *e)
{
	return db->engine->cases_count(db, qs, n, e);
}

int pt_store_repeat_look(pt_db *db, const char *phone, const char *accused,
                         const char *since, const char *until,
                         struct pt_repeat out[PT_REPEAT_LOOKS], pt_err *e)
{
	return db->engine->repeat_look(db, phone, accused, since, until, out, e);
}

int pt_store_seq_get(pt_db *db, const char *prefix, int year, int64_t *last, pt_err *e)
{
	return db->engine->seq_get(db, prefix, year, last, e);
}

int pt_store_seq_put(pt_db *db, const char *prefix, int year, int64_t last, pt_err *e)
{
	return db->engine->seq_put(db, prefix, year, last, e);
}

/* --- the history --- */

int pt_store_event_add(pt_db *db, int64_t case_id, const char *action, const char *from,
                       const char *to, const char *details, pt_err *e)
{
	struct pt_event_in ev = {.case_id = case_id, .action = action, .from = from,
	                         .to = to, .details = details};

	return pt_change_event(db, &ev, e);
}

int pt_store_last_event(pt_db *db, int64_t case_id, const char *action, char **out,
                        int64_t *at, pt_err *e)
{
	return db->engine->last_event(db, case_id, action, out, at, e);
}

int pt_events_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return db->engine->events_query(db, case_id, out, e);
}

int pt_store_chain_each(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
                        void *arg, pt_err *e)
{
	return db->engine->chain_each(db, fn, arg, e);
}

int pt_store_replay_each(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
                         void *arg, pt_err *e)
{
	return db->engine->replay_each(db, fn, arg, e);
}

int pt_store_guard_missing(pt_db *db, const char **missing, pt_err *e)
{
	return db->engine->guard_missing(db, missing, e);
}

/* --- deadlines --- */

int pt_store_deadline_add(pt_db *db, int64_t case_id, const char *clock, const char *start,
                          const char *due, const char *rule, bool duty, pt_err *e)
{
	pt_change_clock_open(db, case_id, clock, start, due, rule, duty);
	return db->engine->deadline_add(db, case_id, clock, start, due, rule, duty, e);
}

int pt_store_deadline_stop(pt_db *db, int64_t case_id, const char *clock, pt_err *e)
{
	pt_change_clock_stop(db, case_id, clock);
	return db->engine->deadline_stop(db, case_id, clock, e);
}

int pt_store_deadline_get(pt_db *db, int64_t case_id, const char *clock,
                          struct pt_clock *k, pt_err *e)
{
	return db->engine->deadline_get(db, case_id, clock, k, e);
}

int pt_deadlines_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return db->engine->deadlines_query(db, case_id, out, e);
}

/* --- supervisions --- */

int pt_store_supervision_at(pt_db *db, int64_t case_id, const char *clock,
                            const char *action, int64_t *at, pt_err *e)
{
	return db->engine->supervision_at(db, case_id, clock, action, at, e);
}

int pt_store_supervision_add(pt_db *db, const struct pt_supervision *v, bool *added,
                             pt_err *e)
{
	return db->engine->supervision_add(db, v, added, e);
}

int pt_supervisions_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return db->engine->supervisions_query(db, case_id, out, e);
}

int pt_store_escalation(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
                        pt_cursor **out, pt_err *e)
{
	return db->engine->escalation(db, q, arg, unit, out, e);
}

int pt_store_supervisions_made(pt_db *db, const char *from, const char *before,
                               const char *unit, pt_cursor **out, pt_err *e)
{
	return db->engine->supervisions_made(db, from, before, unit, out, e);
}

/* --- units --- */

int pt_store_units_load(pt_db *db, pt_unit_row_fn row, void *ctx, pt_err *e)
{
	return db->engine->units_load(db, row, ctx, e);
}

int pt_store_unit_put(pt_db *db, const char *code, const char *name, const char *level,
                      const char *parent, pt_err *e)
{
	return db->engine->unit_put(db, code, name, level, parent, e);
}

int pt_store_units_query(pt_db *db, const char *code, bool under, pt_cursor **out,
                         pt_err *e)
{
	return db->engine->units_query(db, code, under, out, e);
}

/* --- reports --- */

#define COL(n) {n, "", PT_T_TEXT, 0, 0, 0, NULL}
static const struct pt_column report_cols[PT_REPORT__COUNT] = {
	COL("unit"), COL("d0"), COL("d1"), COL("d2"), COL("d3"), COL("d4"), COL("d5"),
	COL("d6"), COL("d7"), COL("m0"), COL("m1"), COL("m2"), COL("m3"), COL("m4"),
	COL("m5"), COL("m6"), COL("m7"), COL("m8"), COL("m9"), COL("m10"), COL("m11"),
	COL("m12"), COL("m13"), COL("m14"), COL("m15"), COL("m16"), COL("m17"),
	COL("m18"), COL("m19"),
};
_Static_assert(PT_M_COUNT == 20, "report_cols names the measures");
const pt_schema pt_report_row_schema = {report_cols, PT_REPORT__COUNT};

int pt_store_report(pt_db *db, const enum pt_dim *dims, int ndims, bool decisions, const char *from,
                    const char *before, long offset, const char *today,
                    pt_cursor **out, pt_err *e)
{
	if (ndims > PT_REPORT_DIMS)
		return pt_error(e, PT_EUSAGE, "--by: too many dimensions");
	return db->engine->report(db, dims, ndims, decisions, from, before, offset, today, out, e);
}

int pt_store_report_list(pt_db *db, int which, const char *lo, const char *hi,
                         const char *today, long offset, const char *unit,
                         pt_cursor **out, pt_err *e)
{
	return db->engine->report_list(db, which, lo, hi, today, offset, unit, out, e);
}

int pt_store_report_new(pt_db *db, int which, const char *from, const char *before,
                        const char *unit, pt_cursor **out, pt_err *e)
{
	return db->engine->report_new(db, which, from, before, unit, out, e);
}

int pt_store_first_received(pt_db *db, char out[11], pt_err *e)
{
	return db->engine->first_received(db, out, e);
}

/* --- the annual report --- */

static const struct pt_column annual_act_cols[] = {
	COL("year"), COL("kind"), COL("item"), COL("unit"), COL("n"), COL("flagged"),
};
_Static_assert(PT_NCOLS(annual_act_cols) == PT_AA__COUNT, "annual act columns");
const pt_schema pt_annual_act_schema = {annual_act_cols, PT_AA__COUNT};
static const struct pt_column annual_accused_cols[] = {
	COL("accused"), COL("n"), COL("repeat"), COL("last_n"), COL("last_repeat"),
};
_Static_assert(PT_NCOLS(annual_accused_cols) == PT_AC__COUNT, "annual accused columns");
const pt_schema pt_annual_accused_schema = {annual_accused_cols, PT_AC__COUNT};

int pt_store_annual_acts(pt_db *db, const char *last_from, const char *from,
                         const char *before, long offset, pt_cursor **out, pt_err *e)
{
	return db->engine->annual_acts(db, last_from, from, before, offset, out, e);
}

int pt_store_annual_accused(pt_db *db, const char *last_from, const char *from,
                            const char *before, const char *unit, int limit,
                            pt_cursor **out, pt_err *e)
{
	return db->engine->annual_accused(db, last_from, from, before, unit, limit, out, e);
}

/* --- cursors --- */

int pt_cursor_next(pt_cursor *c, pt_record *r, pt_err *e)
{
	return c->engine->cursor_next(c, r, e);
}

void pt_cursor_close(pt_cursor *c)
{
	if (c)
		c->engine->cursor_close(c);
}

int pt_store_plan(pt_db *db, pt_cursor *c, pt_buf *out, pt_err *e)
{
	return db->engine->plan(db, c, out, e);
}

/* --- copying a whole store: the stored rows of each kind, as they are --- */

#define INT(n) {n, "", PT_T_INT, 0, 0, 0, NULL}
static const struct pt_column copy_units[] = {
	COL("code"), COL("name"), COL("level"), COL("parent"),
};
static const struct pt_column copy_cases[] = {
	INT("id"), COL("case_no"), COL("uuid"), COL("received_at"), COL("channel"),
	COL("petitioner_name"), COL("petitioner_phone"), COL("petitioner_id_number"),
	COL("petitioner_address"), INT("anonymous"), INT("headcount"), INT("collective"),
	COL("purpose"), COL("subject"), COL("content"), COL("accused"), COL("location"),
	COL("unit"), COL("pollution_type"), COL("status"), COL("category"),
	COL("handler"), COL("leader"), COL("accept_due"), COL("reply_due"),
	INT("extended"), COL("replied_at"), COL("outcome"), COL("delivered_at"),
	COL("review_due"), COL("closed_at"), COL("satisfaction"), INT("backlog"),
	INT("risk"), COL("repeat_of"), COL("transferred_from"), INT("repeats"),
	COL("created_at"), COL("updated_at"), COL("next_due"), COL("next_clock"),
	COL("origin_case_no"),
	COL("phone_key"), COL("accused_key"),
};
static const struct pt_column copy_events[] = {
	INT("id"), INT("case_id"), COL("at"), COL("actor"), COL("action"),
	COL("from_status"), COL("to_status"), COL("details"), COL("unit"), COL("hash"),
	COL("event_id"), COL("origin"), INT("lamport"), COL("changes"), COL("arrived_at"),
};
static const struct pt_column copy_deadlines[] = {
	INT("case_id"), COL("clock"), COL("start"), COL("due"), COL("rule"),
	COL("stopped_at"), INT("duty"),
};
static const struct pt_column copy_supervisions[] = {
	INT("id"), INT("case_id"), COL("clock"), COL("action"), COL("kind"), COL("unit"),
	COL("handler"), COL("leader"), COL("at"), COL("due"), INT("days_overdue"),
	COL("rule"),
};
static const struct pt_column copy_case_numbers[] = {
	COL("prefix"), INT("year"), INT("last"),
};
static const struct pt_column copy_visits[] = {
	INT("id"), COL("kind"), COL("date"), COL("leader"), COL("post"), COL("unit"),
	COL("place"), COL("people"), COL("decision"), COL("actor"), COL("at"),
};
static const struct pt_column copy_visit_cases[] = {
	INT("visit_id"), INT("case_id"),
};
static const struct pt_column copy_schedule[] = {
	INT("id"), COL("leader"), COL("post"), COL("unit"), COL("place"), COL("days"),
	COL("hours"),
};
static const struct pt_column visit_counts[] = {
	[PT_VC_UNIT] = COL("unit"), [PT_VC_LEADER] = COL("leader"), [PT_VC_KIND] = COL("kind"),
	[PT_VC_N] = INT("n"),
};
const pt_schema pt_visit_count_schema = {visit_counts, PT_VC__COUNT};
static const struct pt_column copy_backlog_files[] = {
	INT("case_id"), COL("team"), COL("resolution"), COL("reason"), COL("resolved_at"),
	COL("updated_at"),
};
static const struct pt_column copy_backlog_steps[] = {
	INT("case_id"), INT("n"), COL("due"), COL("text"), COL("added_at"), COL("done_at"),
};
static const struct pt_column copy_orders[] = {
	INT("id"), COL("kind"), COL("source"), COL("issuer_unit"), COL("issuer"),
	COL("target_unit"), COL("theme"), COL("period_from"), COL("period_to"), COL("joint"),
	COL("due"), COL("text"), COL("issued_at"), COL("actor"), COL("result"),
	COL("result_at"), COL("reminded_at"), COL("escalated_at"), COL("escalated_to"),
};
static const struct pt_column copy_order_cases[] = {
	INT("order_id"), INT("case_id"),
};
static const struct pt_column exchange_rows[] = {
	INT("case_id"), COL("uuid"), COL("case_no"), COL("case_unit"), INT("id"),
	COL("event_id"), COL("origin"), INT("lamport"), COL("at"), COL("actor"), COL("unit"),
	COL("action"), COL("from_status"), COL("to_status"), COL("details"), COL("changes"),
};
_Static_assert(PT_NCOLS(exchange_rows) == PT_X__COUNT, "a column for each pt_xrow");
const pt_schema pt_exchange_row_schema = {exchange_rows, PT_X__COUNT};
#undef INT



#define SCHEMA(cols) &(const pt_schema){cols, PT_NCOLS(cols)}
const pt_schema *const pt_copy_schemas[PT_COPY__COUNT] = {
	[PT_COPY_UNITS] = SCHEMA(copy_units),
	[PT_COPY_CASES] = SCHEMA(copy_cases),
	[PT_COPY_EVENTS] = SCHEMA(copy_events),
	[PT_COPY_DEADLINES] = SCHEMA(copy_deadlines),
	[PT_COPY_SUPERVISIONS] = SCHEMA(copy_supervisions),
	[PT_COPY_CASE_NUMBERS] = SCHEMA(copy_case_numbers),
	[PT_COPY_VISITS] = SCHEMA(copy_visits),
	[PT_COPY_VISIT_CASES] = SCHEMA(copy_visit_cases),
	[PT_COPY_SCHEDULE] = SCHEMA(copy_schedule),
	[PT_COPY_BACKLOG_FILES] = SCHEMA(copy_backlog_files),
	[PT_COPY_BACKLOG_STEPS] = SCHEMA(copy_backlog_steps),
	[PT_COPY_ORDERS] = SCHEMA(copy_orders),
	[PT_COPY_ORDER_CASES] = SCHEMA(copy_order_cases),
	[PT_COPY_RISKS] = &pt_copy_risks_schema,
	[PT_COPY_RISK_EVENTS] = &pt_copy_risk_events_schema,
	[PT_COPY_RISK_CASES] = &pt_copy_risk_cases_schema,
	[PT_COPY_DISPUTES] = &pt_copy_disputes_schema,
	[PT_COPY_DISPUTE_EVENTS] = &pt_copy_dispute_events_schema,
	[PT_COPY_DISPUTE_CASES] = &pt_copy_dispute_cases_schema,
	[PT_COPY_ROSTERS] = &pt_copy_rosters_schema,
	[PT_COPY_ROSTER_EVENTS] = &pt_copy_roster_events_schema,
};
#undef SCHEMA

int pt_store_rows_query(pt_db *db, enum pt_copy_kind k, pt_cursor **out, pt_err *e)
{
	return db->engine->rows_query(db, k, out, e);
}

int pt_store_row_insert(pt_db *db, enum pt_copy_kind k, const pt_record *r, pt_err *e)
{
	return db->engine->row_insert(db, k, r, e);
}

int pt_store_units_clear(pt_db *db, pt_err *e) { return db->engine->units_clear(db, e); }

int pt_store_rows_inserted(pt_db *db, pt_err *e)
{
	return db->engine->rows_inserted(db, e);
}

int pt_store_identity(pt_db *db, char *out, size_t n, pt_err *e)
{
	return db->engine->identity(db, out, n, e);
}
