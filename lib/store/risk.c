/* risk.c - the storage interface of the register of risks and of the key
 * periods' duty rosters: each operation handed to the engine, and the rows
 * petition-copy reads and writes. */
#include "store/store.h"

int pt_store_risk_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e)
{
	return db->engine->risk_insert(db, r, id, e);
}

int pt_store_risk_set(pt_db *db, int64_t id, const char *step, const char *urgent_at,
                      pt_err *e)
{
	return db->engine->risk_set(db, id, step, urgent_at, e);
}

int pt_store_risk_event_add(pt_db *db, const struct pt_risk_event *ev, pt_err *e)
{
	return db->engine->risk_event_add(db, ev, e);
}

int pt_store_risk_link(pt_db *db, int64_t risk_id, int64_t case_id, bool *added,
                       pt_err *e)
{
	return db->engine->risk_link(db, risk_id, case_id, added, e);
}

int pt_store_risks_query(pt_db *db, const struct pt_risk_spec *q, pt_cursor **out,
                         pt_err *e)
{
	return db->engine->risks_query(db, q, out, e);
}

int pt_store_risk_events_query(pt_db *db, int64_t risk_id, pt_cursor **out, pt_err *e)
{
	return db->engine->risk_events_query(db, risk_id, out, e);
}

int pt_store_risk_acts(pt_db *db, const char *from, const char *before, const char *found,
                       const char *step_action, pt_cursor **out, pt_err *e)
{
	return db->engine->risk_acts(db, from, before, found, step_action, out, e);
}

#define COL(n) {n, "", PT_T_TEXT, 0, 0, 0, NULL}
#define INT(n) {n, "", PT_T_INT, 0, 0, 0, NULL}
static const struct pt_column copy_risks[] = {
	INT("id"), COL("matter"), COL("kind"), COL("source"), COL("unit"), COL("level"),
	COL("step"), COL("found_at"), COL("urgent_at"), COL("created_at"),
};
static const struct pt_column copy_risk_events[] = {
	INT("id"), INT("risk_id"), COL("at"), COL("actor"), COL("action"), COL("from_step"),
	COL("to_step"), COL("text"), COL("unit"),
};
static const struct pt_column copy_risk_cases[] = {
	INT("risk_id"), INT("case_id"), COL("at"),
};
const pt_schema pt_copy_risks_schema = {copy_risks, PT_NCOLS(copy_risks)};
const pt_schema pt_copy_risk_events_schema = {copy_risk_events, PT_NCOLS(copy_risk_events)};
const pt_schema pt_copy_risk_cases_schema = {copy_risk_cases, PT_NCOLS(copy_risk_cases)};
static const struct pt_column copy_rosters[] = {
	COL("period"), COL("day"), COL("on_duty"), COL("leader"), COL("set_at"),
};
static const struct pt_column copy_roster_events[] = {
	INT("id"), COL("period"), COL("day"), COL("at"), COL("actor"), COL("on_duty"),
	COL("leader"),
};
const pt_schema pt_copy_rosters_schema = {copy_rosters, PT_NCOLS(copy_rosters)};
const pt_schema pt_copy_roster_events_schema = {copy_roster_events,
                                                PT_NCOLS(copy_roster_events)};

int pt_store_roster_put(pt_db *db, const struct pt_roster_day *d, pt_err *e)
{
	return db->engine->roster_put(db, d, e);
}

int pt_store_roster_event_add(pt_db *db, const struct pt_roster_day *d, pt_err *e)
{
	return db->engine->roster_event_add(db, d, e);
}

int pt_store_rosters_query(pt_db *db, const char *period, const char *from, const char *to,
                           pt_cursor **out, pt_err *e)
{
	return db->engine->rosters_query(db, period, from, to, out, e);
}

static const struct pt_column roster_rows[] = {
	COL("day"), COL("on_duty"), COL("leader"),
};
const pt_schema pt_roster_row_schema = {roster_rows, PT_NCOLS(roster_rows)};
