/* sql.c - the SQLite engine's statements: the cache, status sets, binding,
 * errors and cursors. */
#include "sqlite.h"
#include <stdlib.h>
#include <string.h>

enum { SET_MAX = 20 };

static int set_expand(pt_buf *out, const struct pt_status_set *t)
{
	char n[24];
	int bad = 0;

	for (int i = 0; t->set[i]; i++) {
		if (i == SET_MAX)
			return -1;
		if (t->first)
			snprintf(n, sizeof n, "%s?%d", i ? ", " : "", t->first + i);
		else
			snprintf(n, sizeof n, "%s'%s'", i ? "," : "", t->set[i]);
		bad |= pt_buf_adds(out, n);
	}
	return bad;
}

int pt_sq_expand(pt_buf *out, const char *text)
{
	return pt_store_expand(out, text, set_expand);
}

static void sets_bind(sqlite3_stmt *s, const char *text)
{
	for (const struct pt_status_set *k = pt_status_sets; k->token; k++)
		if (k->first && strstr(text, k->token))
			for (int i = 0; k->set[i]; i++)
				sqlite3_bind_text(s, k->first + i, k->set[i], -1, SQLITE_STATIC);
}

/* Whether a statement leaves a case's next due still to be written. */
static bool due_waits(enum pt_sq_stmt id)
{
	switch (id) {
	case ST_DEADLINE: case ST_DEADLINE_STOP: case ST_DEADLINE_GET: case ST_NEXT_DUE:
	case ST_NEXT_DUE_SET: case ST_CASE_SET:
		return true;
	default:
		return false;
	}
}

int pt_sq_prepare(pt_db *db, const char *text, sqlite3_stmt **out, const char *where,
                  pt_err *e)
{
	pt_buf sql = {0};
	int rc = PT_OK;

	*out = NULL;
	if ((rc = pt_sq_due_flush(db, e)))
		return rc;
	if (pt_sq_expand(&sql, text) < 0)
		rc = pt_error(e, PT_EDB, "out of memory");
	else if (sqlite3_prepare_v2(pt_sq(db), sql.p, -1, out, NULL) != SQLITE_OK)
		rc = pt_sq_err(db, e, where);
	else
		sets_bind(*out, text);
	pt_buf_free(&sql);
	return rc;
}

sqlite3_stmt *pt_sq_stmt(pt_db *db, enum pt_sq_stmt id, const char *text, pt_err *e)
{
	sqlite3_stmt **s = &db->store->st[id];

	if (id == ST_ROLLBACK)
		db->store->due_case = 0;
	else if (!due_waits(id) && pt_sq_due_flush(db, e))
		return NULL;
	if (!*s && sqlite3_prepare_v3(pt_sq(db), text, -1, SQLITE_PREPARE_PERSISTENT, s,
	                              NULL) != SQLITE_OK) {
		pt_sq_err(db, e, "prepare");
		return NULL;
	}
	sqlite3_reset(*s);
	sqlite3_clear_bindings(*s);
	return *s;
}

/* A statement whose text is built (by the caller, from fixed fragments): kept
 * in slot id while the text stays the same, as when every case of a batch
 * gets the same change; prepared anew when it changes. */
sqlite3_stmt *pt_sq_stmt_built(pt_db *db, enum pt_sq_stmt id, const char *text, pt_err *e)
{
	sqlite3_stmt **s = &db->store->st[id];

	if (*s && strcmp(sqlite3_sql(*s), text)) {
		sqlite3_finalize(*s);
		*s = NULL;
	}
	return pt_sq_stmt(db, id, text, e);
}

int pt_sq_err(pt_db *db, pt_err *e, const char *where)
{
	int rc = sqlite3_extended_errcode(pt_sq(db));

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return pt_error(e, PT_EDB, "%s: %s: database is busy (waited %d s)",
		                db->path, where, BUSY_TIMEOUT_MS / 1000);
	return pt_error(e, PT_EDB, "%s: %s: %s", db->path, where, sqlite3_errmsg(pt_sq(db)));
}

int pt_sq_exec(pt_db *db, const char *sql, pt_err *e, const char *where)
{
	pt_buf b = {0};
	int rc = pt_sq_due_flush(db, e);

	if (rc)
		return rc;
	if (pt_sq_expand(&b, sql) < 0)
		rc = pt_error(e, PT_EDB, "out of memory");
	else if (sqlite3_exec(pt_sq(db), b.p, NULL, NULL, NULL) != SQLITE_OK)
		rc = pt_sq_err(db, e, where);
	pt_buf_free(&b);
	return rc;
}

int pt_sq_run(pt_db *db, sqlite3_stmt *s, pt_err *e, const char *where)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return pt_sq_err(db, e, where);
	return PT_OK;
}

int pt_sq_each_row(pt_db *db, sqlite3_stmt *s, int (*fill)(sqlite3_stmt *, void *),
                   void *arg, pt_err *e)
{
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = fill(s, arg);
	if (!stop && rc != SQLITE_DONE) {
		sqlite3_reset(s);
		return pt_sq_err(db, e, "history");
	}
	sqlite3_reset(s);
	return PT_OK;
}

void pt_sq_bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void pt_sq_bind_nonempty(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void pt_sq_bind_int(sqlite3_stmt *s, int i, const char *v, int64_t dflt)
{
	sqlite3_bind_int64(s, i, v ? strtoll(v, NULL, 10) : dflt);
}

void pt_sq_bind_key(sqlite3_stmt *s, int i, pt_sq_key_fn *key, const char *v)
{
	char k[PT_SQ_KEY_MAX];

	if (!v)
		sqlite3_bind_null(s, i);
	else
		key(v, k, sizeof k), sqlite3_bind_text(s, i, k, -1, SQLITE_TRANSIENT);
}

void pt_sq_now(pt_db *db, char out[21])
{
	pt_time_format_utc(db->now, out);
}

/* --- cursors: each row a pt_record of the caller's schema --- */

struct sq_cursor {
	struct pt_cursor base;
	pt_db *db;
	sqlite3_stmt *s;
	bool owned;
};

int pt_sq_cursor(pt_db *db, sqlite3_stmt *s, bool owned, pt_cursor **out, pt_err *e)
{
	struct sq_cursor *c = calloc(1, sizeof *c);

	if (!c) {
		if (owned)
			sqlite3_finalize(s);
		return pt_error(e, PT_EDB, "out of memory");
	}
	c->base.engine = db->engine;
	c->db = db;
	c->s = s;
	c->owned = owned;
	*out = &c->base;
	return PT_OK;
}

int pt_sq_by_id(pt_db *db, enum pt_sq_stmt id, const char *text, int64_t case_id,
                pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = pt_sq_stmt(db, id, text, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	return pt_sq_cursor(db, s, false, out, e);
}

int pt_sq_cursor_next(pt_cursor *base, pt_record *r, pt_err *e)
{
	struct sq_cursor *c = (struct sq_cursor *)base;
	int rc = sqlite3_step(c->s), n;

	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		pt_sq_err(c->db, e, "read");
		return -1;
	}
	pt_record_clear(r);
	n = sqlite3_column_count(c->s);
	if (n > pt_schema_ncols(pt_record_schema(r)))
		n = pt_schema_ncols(pt_record_schema(r));
	for (int i = 0; i < n; i++) {
		if (sqlite3_column_type(c->s, i) == SQLITE_NULL)
			continue;
		const char *v = pt_sq_col(c->s, i);
		if (pt_record_set(r, i, v, (size_t)sqlite3_column_bytes(c->s, i),
		                  PT_V_TEXT) < 0) {
			pt_error(e, PT_EDB, "out of memory");
			return -1;
		}
	}
	return 1;
}

void pt_sq_cursor_close(pt_cursor *base)
{
	struct sq_cursor *c = (struct sq_cursor *)base;

	if (c->owned)
		sqlite3_finalize(c->s);
	else
		sqlite3_reset(c->s);
	free(c);
}

/* The query plan of a statement, one line a step (for the tests). */
int pt_sq_plan(pt_db *db, pt_cursor *base, pt_buf *out, pt_err *e)
{
	struct sq_cursor *c = (struct sq_cursor *)base;
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;

	pt_buf_adds(&sql, "EXPLAIN QUERY PLAN ");
	pt_buf_adds(&sql, sqlite3_sql(c->s));
	if (!sql.p || sqlite3_prepare_v2(pt_sq(db), sql.p, -1, &s, NULL) != SQLITE_OK) {
		pt_buf_free(&sql);
		return pt_sq_err(db, e, "plan");
	}
	for (int i = 1; i <= sqlite3_bind_parameter_count(c->s); i++)
		sqlite3_bind_text(s, i, "2017-01-01", -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		pt_buf_adds(out, pt_sq_col(s, 3));
		pt_buf_adds(out, "\n");
	}
	sqlite3_finalize(s);
	pt_buf_free(&sql);
	return PT_OK;
}
