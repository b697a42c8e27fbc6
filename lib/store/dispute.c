/* dispute.c - the storage interface of disputes and their mediation: each
 * operation handed to the engine, and the rows petition-copy reads and writes. */
#include "store/store.h"

int pt_store_dispute_insert(pt_db *db, const pt_record *r, int64_t *id, pt_err *e)
{
	return db->engine->dispute_insert(db, r, id, e);
}

int pt_store_dispute_set(pt_db *db, int64_t id, const struct pt_dispute_change *c,
                         pt_err *e)
{
	return db->engine->dispute_set(db, id, c, e);
}

int pt_store_dispute_event_add(pt_db *db, const struct pt_dispute_event *ev, pt_err *e)
{
	return db->engine->dispute_event_add(db, ev, e);
}

int pt_store_dispute_link(pt_db *db, int64_t dispute_id, int64_t case_id, bool *added,
                          pt_err *e)
{
	return db->engine->dispute_link(db, dispute_id, case_id, added, e);
}

int pt_store_disputes_query(pt_db *db, const struct pt_dispute_spec *q, pt_cursor **out,
                            pt_err *e)
{
	return db->engine->disputes_query(db, q, out, e);
}

int pt_store_dispute_events_query(pt_db *db, int64_t dispute_id, pt_cursor **out,
                                  pt_err *e)
{
	return db->engine->dispute_events_query(db, dispute_id, out, e);
}

int pt_store_dispute_acts(pt_db *db, const char *before, const char *filed, pt_cursor **out,
                          pt_err *e)
{
	return db->engine->dispute_acts(db, before, filed, out, e);
}

#define COL(n) {n, "", PT_T_TEXT, 0, 0, 0, NULL}
#define INT(n) {n, "", PT_T_INT, 0, 0, 0, NULL}
static const struct pt_column dispute_acts[] = {
	[PT_DA_ID] = INT("dispute_id"), [PT_DA_ACT] = COL("act"), [PT_DA_AT] = COL("at"),
	[PT_DA_UNIT] = COL("unit"), [PT_DA_DUE] = COL("due"),
};
_Static_assert(PT_NCOLS(dispute_acts) == PT_DA__COUNT, "a column for each");
const pt_schema pt_dispute_act_schema = {dispute_acts, PT_DA__COUNT};
static const struct pt_column copy_disputes[] = {
	INT("id"), COL("injured"), COL("injured_phone"), COL("accused"), COL("damage"),
	COL("unit"), COL("step"), COL("filed_at"), COL("consent_at"), COL("due"),
	COL("remedy"), COL("outcome_at"), COL("created_at"),
};
static const struct pt_column copy_dispute_events[] = {
	INT("id"), INT("dispute_id"), COL("at"), COL("actor"), COL("action"), COL("from_step"),
	COL("to_step"), COL("day"), COL("place"), COL("text"), COL("unit"),
};
static const struct pt_column copy_dispute_cases[] = {
	INT("dispute_id"), INT("case_id"), COL("at"),
};
const pt_schema pt_copy_disputes_schema = {copy_disputes, PT_NCOLS(copy_disputes)};
const pt_schema pt_copy_dispute_events_schema = {copy_dispute_events,
                                                 PT_NCOLS(copy_dispute_events)};
const pt_schema pt_copy_dispute_cases_schema = {copy_dispute_cases,
                                                PT_NCOLS(copy_dispute_cases)};
