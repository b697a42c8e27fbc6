/* duties.c - the storage interface of the leaders' duties: backlog files,
 * receptions and visits, supervision orders; each operation handed to the
 * engine. */
#include "store/store.h"
#include <string.h>

/* --- backlog files --- */

int pt_store_backlog_get(pt_db *db, int64_t case_id, struct pt_backlog_file *f, pt_err *e)
{
	memset(f, 0, sizeof *f);
	return db->engine->backlog_get(db, case_id, f, e);
}

int pt_store_backlog_put(pt_db *db, int64_t case_id, const char *team,
                         const char *resolution, const char *reason, pt_err *e)
{
	return db->engine->backlog_put(db, case_id, team, resolution, reason, e);
}

int pt_store_step_add(pt_db *db, int64_t case_id, int n, const char *due, const char *text,
                      pt_err *e)
{
	return db->engine->step_add(db, case_id, n, due, text, e);
}

int pt_store_step_get(pt_db *db, int64_t case_id, int n, struct pt_step *s, pt_err *e)
{
	memset(s, 0, sizeof *s);
	return db->engine->step_get(db, case_id, n, s, e);
}

int pt_store_step_done(pt_db *db, int64_t case_id, int n, pt_err *e)
{
	return db->engine->step_done(db, case_id, n, e);
}

int pt_store_backlog_files(pt_db *db, const char *unit, const char *today,
                           pt_cursor **out, pt_err *e)
{
	return db->engine->backlog_files(db, unit, today, out, e);
}

/* --- leaders' receptions and visits --- */

int pt_store_visit_add(pt_db *db, const pt_visit *v, int64_t *id, pt_err *e)
{
	return db->engine->visit_add(db, v, id, e);
}

int pt_store_visit_link(pt_db *db, int64_t visit, int64_t case_id, bool *added, pt_err *e)
{
	return db->engine->visit_link(db, visit, case_id, added, e);
}

int pt_store_visits_query(pt_db *db, const struct pt_visit_q *q, pt_cursor **out, pt_err *e)
{
	return db->engine->visits_query(db, q, out, e);
}

int pt_store_schedule_clear(pt_db *db, pt_err *e) { return db->engine->schedule_clear(db, e); }

int pt_store_schedule_add(pt_db *db, const pt_record *r, pt_err *e)
{
	return db->engine->schedule_add(db, r, e);
}

int pt_store_schedule_query(pt_db *db, pt_cursor **out, pt_err *e)
{
	return db->engine->schedule_query(db, out, e);
}

int pt_store_visit_counts(pt_db *db, const char *from, const char *to, pt_cursor **out,
                          pt_err *e)
{
	return db->engine->visit_counts(db, from, to, out, e);
}

/* --- supervision orders --- */

int pt_store_order_add(pt_db *db, const struct pt_order_in *o, int64_t *id, pt_err *e)
{
	return db->engine->order_add(db, o, id, e);
}

int pt_store_order_case_add(pt_db *db, int64_t id, int64_t case_id, pt_err *e)
{
	return db->engine->order_case_add(db, id, case_id, e);
}

int pt_store_order_set(pt_db *db, int64_t id, enum pt_order_set which, const char *v,
                       const char *at, pt_err *e)
{
	return db->engine->order_set(db, id, which, v, at, e);
}

int pt_store_orders_query(pt_db *db, const struct pt_order_query *q, pt_cursor **out,
                          pt_err *e)
{
	return db->engine->orders_query(db, q, out, e);
}

int pt_store_order_cases(pt_db *db, int64_t id, pt_cursor **out, pt_err *e)
{
	return db->engine->order_cases(db, id, out, e);
}
