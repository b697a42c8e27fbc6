/* events.c - the SQLite engine: the history, its hash chain, and the reads
 * of petition-verify. */
#include "sqlite.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[ST__COUNT] = {
	/* the unit that acted: the details say, else (registration) the case's */
	/* VALUES, not INSERT ... SELECT: a select reading events (or any, with
	 * the append-only triggers) goes through a temporary table per row */
	[ST_EVENT] = "INSERT INTO events(case_id, at, actor, action, from_status,"
		" to_status, details, unit, hash, event_id, origin, lamport, changes,"
		" arrived_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		" pt_event_hash((SELECT hash FROM events ORDER BY id DESC LIMIT 1),"
		" (SELECT uuid FROM cases WHERE id = ?1), ?2, ?3, ?4, ?5, ?6, ?7), ?9, ?10,"
		" nullif(?11, 0), ?12, ?13)",
	[ST_CHAIN] = "SELECT e.id, c.case_no, c.uuid, e.at, e.actor, e.action,"
		" e.from_status, e.to_status, e.details, e.hash"
		" FROM events e LEFT JOIN cases c ON c.id = e.case_id ORDER BY e.id",
	[ST_REPLAY] = "SELECT c.case_no, e.id, e.action, e.at, e.from_status,"
		" e.to_status, e.details, c.status, c.unit, c.category, c.handler,"
		" c.leader, c.reply_due, c.review_due, c.outcome, c.satisfaction,"
		" c.replied_at, c.delivered_at, c.closed_at, c.extended, c.id, e.origin"
		" FROM cases c LEFT JOIN events e ON e.case_id = c.id ORDER BY c.id, e.id",
	/* by the case's index: were the partial index of registrations a
	 * candidate, each new value of ?2 would prepare the statement again */
	[ST_LAST_EVENT] = "SELECT details, at FROM events INDEXED BY events_case"
		" WHERE case_id = ?1 AND action = ?2 ORDER BY id DESC LIMIT 1",
	[ST_EVENTS] = "SELECT c.case_no, e.at, e.actor, e.action, e.from_status,"
		" e.to_status, e.details, e.origin, e.lamport, e.event_id"
		" FROM events e JOIN cases c ON c.id = e.case_id"
		" WHERE e.case_id = ?1 ORDER BY e.id",
};

int pt_sq_event_add(pt_db *db, const struct pt_event_in *ev, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_EVENT, e);
	const char *text[] = {NULL, ev->at, ev->actor, ev->action, ev->from, ev->to,
	                      ev->details, ev->unit, ev->event_id, ev->origin, NULL,
	                      ev->changes, ev->arrived_at};

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, ev->case_id);
	for (int i = 2; i <= 13; i++)
		if (i != 11)
			pt_sq_bind_opt(s, i, text[i - 1]);
	sqlite3_bind_int64(s, 11, ev->lamport);
	return pt_sq_run(db, s, e, "history");
}

/* A case's latest event of an action: its details (NULL if none, caller
 * frees) and time; PT_EINPUT when the case has no such event. */
int pt_sq_last_event(pt_db *db, int64_t case_id, const char *action, char **out,
                     int64_t *at, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_LAST_EVENT, e);
	int rc;

	*out = NULL;
	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, action, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_NULL)
			*out = strdup(pt_sq_col(s, 0));
		if (pt_time_parse(pt_sq_col(s, 1), at))
			*at = 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_EINPUT : pt_sq_err(db, e, "history");
}

int pt_sq_events_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return pt_sq_by_id(db, ST_EVENTS, sql_text[ST_EVENTS], case_id, out, e);
}

/* --- petition-verify: the chain, each case beside its events --- */

struct chain_walk { int (*fn)(void *, const struct pt_chain_row *); void *arg; };

static int chain_fill(sqlite3_stmt *s, void *arg)
{
	struct chain_walk *w = arg;
	struct pt_chain_row r = {.id = sqlite3_column_int64(s, 0), .case_no = pt_sq_col(s, 1),
	                         .hash = pt_sq_col(s, 9)};

	for (int i = 0; i < PT_EVENT_FIELDS; i++) {
		r.f[i] = pt_sq_col(s, 2 + i);
		r.n[i] = (size_t)sqlite3_column_bytes(s, 2 + i);
	}
	return w->fn(w->arg, &r);
}

int pt_sq_chain_each(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
                     void *arg, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_CHAIN, e);
	struct chain_walk w = {fn, arg};

	return s ? pt_sq_each_row(db, s, chain_fill, &w, e) : PT_EDB;
}

struct replay_walk { int (*fn)(void *, const struct pt_replay_row *); void *arg; };

static int replay_fill(sqlite3_stmt *s, void *arg)
{
	struct replay_walk *w = arg;
	struct pt_replay_row r = {
		.case_no = pt_sq_col(s, 0), .event = sqlite3_column_int64(s, 1),
		.has_event = sqlite3_column_type(s, 1) != SQLITE_NULL,
		.action = pt_sq_col(s, 2), .at = pt_sq_col(s, 3), .from = pt_sq_col(s, 4),
		.to = pt_sq_col(s, 5), .details = pt_sq_col(s, 6),
	};

	for (int i = 0; i < PT_REPLAY__COUNT; i++)
		r.field[i] = pt_sq_col(s, 7 + i);
	r.case_id = sqlite3_column_int64(s, 7 + PT_REPLAY__COUNT);
	r.origin = pt_sq_col(s, 8 + PT_REPLAY__COUNT);
	return w->fn(w->arg, &r);
}

int pt_sq_replay_each(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
                      void *arg, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_REPLAY, e);
	struct replay_walk w = {fn, arg};

	return s ? pt_sq_each_row(db, s, replay_fill, &w, e) : PT_EDB;
}
