/* events.c - the PostgreSQL engine: the history, its hash chain (computed
 * in C, under the write lock), and the reads of petition-verify. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[PG__COUNT] = {
	[PG_EVENT_HEAD] = "SELECT c.uuid, (SELECT hash FROM events ORDER BY id DESC LIMIT 1)"
		" FROM cases c WHERE c.id = $1",
	/* the unit that acted: the details say, else (registration) the case's */
	[PG_EVENT] = "INSERT INTO events(id, case_id, at, actor, action, from_status,"
		" to_status, details, unit, hash, event_id, origin, lamport, changes, arrived_at)"
		" SELECT (SELECT coalesce(max(id), 0) + 1 FROM events), $1, $2, $3, $4, $5, $6,"
		" $7, $9, $8, $10, $11, nullif($12::bigint, 0), $13, $14 FROM cases WHERE id = $1",
	[PG_LAST_EVENT] = "SELECT details, at FROM events WHERE case_id = $1"
		" AND action = $2 ORDER BY id DESC LIMIT 1",
	[PG_EVENTS] = "SELECT c.case_no, e.at, e.actor, e.action, e.from_status,"
		" e.to_status, e.details, e.origin, e.lamport, e.event_id"
		" FROM events e JOIN cases c ON c.id = e.case_id"
		" WHERE e.case_id = $1 ORDER BY e.id",
};

static const char chain_sql[] = "SELECT e.id, c.case_no, c.uuid, e.at, e.actor, e.action,"
	" e.from_status, e.to_status, e.details, e.hash"
	" FROM events e LEFT JOIN cases c ON c.id = e.case_id ORDER BY e.id";

static const char replay_sql[] = "SELECT c.case_no, e.id, e.action, e.at, e.from_status,"
	" e.to_status, e.details, c.status, c.unit, c.category, c.handler,"
	" c.leader, c.reply_due, c.review_due, c.outcome, c.satisfaction,"
	" c.replied_at, c.delivered_at, c.closed_at, c.extended, c.id, e.origin"
	" FROM cases c LEFT JOIN events e ON e.case_id = c.id ORDER BY c.id, e.id";

static void fields_of(const char *const *v, const char *f[PT_EVENT_FIELDS],
                      size_t n[PT_EVENT_FIELDS])
{
	for (int i = 0; i < PT_EVENT_FIELDS; i++) {
		f[i] = v[i];
		n[i] = v[i] ? strlen(v[i]) : 0;
	}
}

/* The uuid of the case and the hash of the last event: from what this
 * transaction wrote last, else read (under the write lock, they hold). */
static int chain_head(pt_db *db, int64_t case_id, const char *id, char uuid[64],
                      pt_err *e)
{
	struct pt_store *st = db->store;
	const char *v[] = {id};
	PGresult *r;

	if (st->have_head && case_id == st->last_case) {
		snprintf(uuid, 64, "%s", st->last_uuid);
		return PT_OK;
	}
	if (!(r = PG_RUN(db, PG_EVENT_HEAD, 1, v, "history", e)))
		return PT_EDB;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return pt_error(e, PT_EDB, "%s: history: case %s is not stored", db->path, id);
	}
	snprintf(uuid, 64, "%s", PQgetvalue(r, 0, 0));
	snprintf(st->head, sizeof st->head, "%s", PQgetvalue(r, 0, 1));
	st->have_head = true;
	PQclear(r);
	return PT_OK;
}

int pt_pg_event_add(pt_db *db, const struct pt_event_in *ev, pt_err *e)
{
	struct pt_store *st = db->store;
	int64_t case_id = ev->case_id;
	char id[24], lamport[24], hash[PT_HASH_HEX], uuid[64];
	const char *v[14] = {uuid, ev->at, ev->actor, ev->action, ev->from, ev->to,
	                     ev->details, NULL, ev->unit, ev->event_id, ev->origin,
	                     pt_pg_int(lamport, ev->lamport), ev->changes, ev->arrived_at};
	const char *f[PT_EVENT_FIELDS];
	size_t n[PT_EVENT_FIELDS];
	int rc;

	if ((rc = chain_head(db, case_id, pt_pg_int(id, case_id), uuid, e)))
		return rc;
	fields_of(v, f, n);
	pt_event_hash(*st->head ? st->head : NULL, f, n, hash);
	v[0] = id;
	v[7] = hash;
	if ((rc = PG_DEFER(db, PG_EVENT, 14, v, "history", e))) {
		st->have_head = false;
		return rc;
	}
	snprintf(st->head, sizeof st->head, "%s", hash);
	st->last_case = case_id;
	snprintf(st->last_uuid, sizeof st->last_uuid, "%s", uuid);
	return PT_OK;
}

/* A case's latest event of an action: its details (NULL if none, caller
 * frees) and time; PT_EINPUT when the case has no such event. */
int pt_pg_last_event(pt_db *db, int64_t case_id, const char *action, char **out,
                     int64_t *at, pt_err *e)
{
	char id[24];
	const char *v[] = {pt_pg_int(id, case_id), action};
	PGresult *r = PG_RUN(db, PG_LAST_EVENT, 2, v, "history", e);
	bool found;

	*out = NULL;
	if (!r)
		return PT_EDB;
	if ((found = PQntuples(r) == 1)) {
		if (pt_pg_col(r, 0, 0))
			*out = strdup(PQgetvalue(r, 0, 0));
		if (pt_time_parse(PQgetvalue(r, 0, 1), at))
			*at = 0;
	}
	PQclear(r);
	return found ? PT_OK : PT_EINPUT;
}

int pt_pg_events_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return pt_pg_by_id(db, PG_EVENTS, sql_text[PG_EVENTS], case_id, out, e);
}

/* --- petition-verify: the chain, each case beside its events --- */

struct chain_walk { int (*fn)(void *, const struct pt_chain_row *); void *arg; };

static int chain_fill(const PGresult *res, int i, void *arg)
{
	struct chain_walk *w = arg;
	struct pt_chain_row r = {.id = strtoll(PQgetvalue(res, i, 0), NULL, 10),
	                         .case_no = pt_pg_col(res, i, 1), .hash = pt_pg_col(res, i, 9)};

	for (int k = 0; k < PT_EVENT_FIELDS; k++) {
		r.f[k] = pt_pg_col(res, i, 2 + k);
		r.n[k] = (size_t)PQgetlength(res, i, 2 + k);
	}
	return w->fn(w->arg, &r);
}

int pt_pg_chain_each(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
                     void *arg, pt_err *e)
{
	struct chain_walk w = {fn, arg};

	return pt_pg_each_row(db, chain_sql, chain_fill, &w, e);
}

struct replay_walk { int (*fn)(void *, const struct pt_replay_row *); void *arg; };

static int replay_fill(const PGresult *res, int i, void *arg)
{
	struct replay_walk *w = arg;
	struct pt_replay_row r = {
		.case_no = pt_pg_col(res, i, 0), .has_event = !PQgetisnull(res, i, 1),
		.action = pt_pg_col(res, i, 2), .at = pt_pg_col(res, i, 3),
		.from = pt_pg_col(res, i, 4), .to = pt_pg_col(res, i, 5),
		.details = pt_pg_col(res, i, 6),
	};

	r.event = r.has_event ? strtoll(PQgetvalue(res, i, 1), NULL, 10) : 0;
	for (int k = 0; k < PT_REPLAY__COUNT; k++)
		r.field[k] = pt_pg_col(res, i, 7 + k);
	r.case_id = strtoll(PQgetvalue(res, i, 7 + PT_REPLAY__COUNT), NULL, 10);
	r.origin = pt_pg_col(res, i, 8 + PT_REPLAY__COUNT);
	return w->fn(w->arg, &r);
}

int pt_pg_replay_each(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
                      void *arg, pt_err *e)
{
	struct replay_walk w = {fn, arg};

	return pt_pg_each_row(db, replay_sql, replay_fill, &w, e);
}
