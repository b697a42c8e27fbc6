/* sql.c - the PostgreSQL engine's statements: status sets, running with
 * text parameters, errors and cursors. */
#include "pg.h"
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The codes are the schema's constants (lower-case words), never input. */
static int set_expand(pt_buf *out, const struct pt_status_set *t)
{
	int bad = 0;

	for (int i = 0; t->set[i]; i++) {
		if (strspn(t->set[i], "abcdefghijklmnopqrstuvwxyz_") != strlen(t->set[i]))
			return -1;
		bad |= pt_buf_adds(out, i ? ",'" : "'");
		bad |= pt_buf_adds(out, t->set[i]);
		bad |= pt_buf_adds(out, "'");
	}
	return bad;
}

int pt_pg_expand(pt_buf *out, const char *text)
{
	return pt_store_expand(out, text, set_expand);
}

const char *pt_pg_state(const PGresult *res)
{
	const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	return s ? s : "";
}

/* The first line of a server's message, without control characters. */
static void first_line(const char *msg, char *out, size_t n)
{
	size_t i = 0;

	for (; msg && *msg && *msg != '\n' && i + 1 < n; msg++)
		out[i++] = (unsigned char)*msg < ' ' ? ' ' : *msg;
	out[i] = 0;
}

int pt_pg_err(pt_db *db, const PGresult *res, const char *where, pt_err *e)
{
	const char *state = pt_pg_state(res);
	char msg[256];

	if (!strcmp(state, "55P03"))
		return pt_error(e, PT_EDB, "%s: %s: database is busy (waited %d s)", db->path,
		                where, PG_LOCK_TIMEOUT_S);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01"))
		return pt_error(e, PT_EDB, "%s: %s: another transaction conflicted with this one"
		                " (tried %d times)", db->path, where, PG_RETRIES);
	first_line(res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL, msg,
	           sizeof msg);
	if (!*msg)
		first_line(PQerrorMessage(pt_pg(db)), msg, sizeof msg);
	return pt_error(e, PT_EDB, "%s: %s: %s", db->path, where, msg);
}

static PGresult *checked(pt_db *db, PGresult *res, const char *where, pt_err *e)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	pt_pg_err(db, res, where, e);
	PQclear(res);
	return NULL;
}

static int prepare(pt_db *db, enum pt_pg_stmt id, const char *text, const char *name,
                   const char *where, pt_err *e)
{
	pt_buf sql = {0};
	PGresult *p = NULL;

	if (db->store->prepared[id])
		return PT_OK;
	if (pt_pg_expand(&sql, text) == 0)
		p = checked(db, PQprepare(pt_pg(db), name, sql.p, 0, NULL), where, e);
	else
		pt_error(e, PT_EDB, "out of memory");
	pt_buf_free(&sql);
	if (!p)
		return PT_EDB;
	PQclear(p);
	db->store->prepared[id] = true;
	return PT_OK;
}

static int collect(pt_db *db, PGresult **mine, pt_err *e);

/* The result of a statement just sent behind the writes in the pipeline
 * (sent: what the send returned): one round trip for them and it. */
static PGresult *behind(pt_db *db, int sent, const char *where, pt_err *e)
{
	PGresult *r = NULL;

	if (!sent) {
		pt_pg_err(db, NULL, where, e);
		pt_pg_flush(db, NULL);
		return NULL;
	}
	db->store->pending_where[db->store->pending++] = where;
	return collect(db, &r, e) ? NULL : r;
}

PGresult *pt_pg_run(pt_db *db, enum pt_pg_stmt id, const char *text, int n,
                    const char *const *v, const char *where, pt_err *e)
{
	char name[16];

	snprintf(name, sizeof name, "pt%d", (int)id);
	if (!db->store->prepared[id] &&
	    (pt_pg_flush(db, e) || prepare(db, id, text, name, where, e)))
		return NULL;
	if (!db->store->pipeline)
		return checked(db, PQexecPrepared(pt_pg(db), name, n, v, NULL, NULL, 0), where,
		               e);
	return behind(db, PQsendQueryPrepared(pt_pg(db), name, n, v, NULL, NULL, 0), where, e);
}

int pt_pg_defer(pt_db *db, int id, const char *text, int n, const char *const *v,
                const char *where, pt_err *e)
{
	struct pt_store *st = db->store;
	char name[16];
	int sent;

	snprintf(name, sizeof name, "pt%d", id);
	if (id >= 0 && !st->prepared[id] &&
	    (pt_pg_flush(db, e) || prepare(db, (enum pt_pg_stmt)id, text, name, where, e)))
		return PT_EDB;
	if (!st->pipeline && !(st->pipeline = PQenterPipelineMode(pt_pg(db))))
		return pt_pg_err(db, NULL, where, e);
	sent = id >= 0 ? PQsendQueryPrepared(pt_pg(db), name, n, v, NULL, NULL, 0) :
		PQsendQueryParams(pt_pg(db), text, n, NULL, v, NULL, NULL, 0);
	if (!sent)
		return pt_pg_err(db, NULL, where, e);
	st->pending_where[st->pending++] = where;
	return st->pending == 256 ? pt_pg_flush(db, e) : PT_OK;
}

int pt_pg_defer_built(pt_db *db, enum pt_pg_stmt id, const char *text, int n,
                      const char *const *v, const char *where, pt_err *e)
{
	struct pt_store *st = db->store;
	char drop[32];

	if (strlen(text) >= sizeof st->built)
		return pt_pg_defer(db, -1, text, n, v, where, e);
	if (st->prepared[id] && strcmp(st->built, text)) {
		snprintf(drop, sizeof drop, "DEALLOCATE pt%d", (int)id);
		if (pt_pg_flush(db, e) || pt_pg_do(db, drop, 0, NULL, where, e))
			return PT_EDB;
		st->prepared[id] = false;
	}
	snprintf(st->built, sizeof st->built, "%s", text);
	return pt_pg_defer(db, (int)id, text, n, v, where, e);
}

/* Reads the pipeline's results to its sync; with mine, the last query's
 * result is the caller's (NULL on any failure). */
static int collect(pt_db *db, PGresult **mine, pt_err *e)
{
	struct pt_store *st = db->store;
	int rc = PT_OK, i = 0, nulls = 0;

	if (!PQpipelineSync(pt_pg(db)))
		rc = pt_pg_err(db, NULL, "write", e);
	while (nulls < 2) {
		PGresult *r = PQgetResult(pt_pg(db));
		ExecStatusType s = r ? PQresultStatus(r) : PGRES_EMPTY_QUERY;
		if (!r) {
			nulls++;
			continue;
		}
		nulls = 0;
		if (s == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (s == PGRES_FATAL_ERROR && !rc)
			rc = pt_pg_err(db, r, i < st->pending ? st->pending_where[i] : "write", e);
		if (mine && i == st->pending - 1 && !rc && s != PGRES_PIPELINE_ABORTED)
			*mine = r;
		else
			PQclear(r);
		i++;
	}
	PQexitPipelineMode(pt_pg(db));
	st->pipeline = false;
	st->pending = 0;
	if (rc && mine && *mine) {
		PQclear(*mine);
		*mine = NULL;
	}
	return rc;
}

int pt_pg_flush(pt_db *db, pt_err *e)
{
	return db->store->pipeline ? collect(db, NULL, e) : PT_OK;
}

PGresult *pt_pg_exec(pt_db *db, const char *text, int n, const char *const *v,
                     const char *where, pt_err *e)
{
	pt_buf sql = {0};
	PGresult *r = NULL;

	if (pt_pg_expand(&sql, text) < 0)
		pt_error(e, PT_EDB, "out of memory");
	else if (n && db->store->pipeline)
		r = behind(db, PQsendQueryParams(pt_pg(db), sql.p, n, NULL, v, NULL, NULL, 0),
		           where, e);
	else if (!pt_pg_flush(db, e))  /* without parameters: a script (the migrations) */
		r = checked(db, n ? PQexecParams(pt_pg(db), sql.p, n, NULL, v, NULL, NULL, 0) :
		            PQexec(pt_pg(db), sql.p), where, e);
	pt_buf_free(&sql);
	return r;
}

int pt_pg_do(pt_db *db, const char *sql, int n, const char *const *v, const char *where,
             pt_err *e)
{
	PGresult *r = pt_pg_exec(db, sql, n, v, where, e);

	PQclear(r);
	return r ? PT_OK : PT_EDB;
}

const char *pt_pg_int(char buf[24], int64_t v)
{
	snprintf(buf, 24, "%" PRId64, v);
	return buf;
}

void pt_pg_now(pt_db *db, char out[21])
{
	pt_time_format_utc(db->now, out);
}

/* --- cursors: each row a pt_record of the caller's schema --- */

enum { BATCH = 512 };

struct pg_cursor {
	struct pt_cursor base;
	pt_db *db;
	PGresult *res;                 /* the batch being read */
	int row;
	char name[24];                 /* a server-side cursor; "" for one result */
	unsigned tx;                   /* the transaction it lives in (0: held) */
	bool done;
	char *sql;                     /* for pt_pg_plan */
	int n;
	char **v;
};

static struct pg_cursor *cursor_new(pt_db *db, pt_err *e)
{
	struct pg_cursor *c = calloc(1, sizeof *c);

	if (!c) {
		pt_error(e, PT_EDB, "out of memory");
		return NULL;
	}
	c->base.engine = db->engine;
	c->db = db;
	return c;
}

int pt_pg_cursor_of(pt_db *db, PGresult *res, pt_cursor **out, pt_err *e)
{
	struct pg_cursor *c = cursor_new(db, e);

	if (!c) {
		PQclear(res);
		return PT_EDB;
	}
	c->res = res;
	c->done = true;
	*out = &c->base;
	return PT_OK;
}

static int keep_query(struct pg_cursor *c, const char *sql, int n, const char *const *v)
{
	if (!(c->sql = strdup(sql)) || (n && !(c->v = calloc((size_t)n, sizeof *c->v))))
		return -1;
	c->n = n;
	for (int i = 0; i < n; i++)
		if (v[i] && !(c->v[i] = strdup(v[i])))
			return -1;
	return 0;
}

/* Outside a transaction the cursor is held (the result kept by the server
 * past the implicit commit); inside one it ends with it. */
int pt_pg_cursor(pt_db *db, const char *sql, int n, const char *const *v,
                 pt_cursor **out, pt_err *e)
{
	struct pg_cursor *c = cursor_new(db, e);
	pt_buf decl = {0};
	int rc;

	if (!c)
		return PT_EDB;
	snprintf(c->name, sizeof c->name, "pt_c%u", ++db->store->cursors);
	c->tx = db->in_tx ? db->store->tx : 0;
	pt_buf_adds(&decl, "DECLARE ");
	pt_buf_adds(&decl, c->name);
	pt_buf_adds(&decl, db->in_tx ? " NO SCROLL CURSOR FOR " : " NO SCROLL CURSOR WITH HOLD FOR ");
	pt_buf_adds(&decl, sql);
	if (!decl.p || keep_query(c, sql, n, v) < 0)
		rc = pt_error(e, PT_EDB, "out of memory");
	else
		rc = pt_pg_do(db, decl.p, n, v, "read", e);
	pt_buf_free(&decl);
	if (rc) {
		c->name[0] = 0;
		pt_pg_cursor_close(&c->base);
		return rc;
	}
	*out = &c->base;
	return PT_OK;
}

/* A result of a row or a few, read at once (behind the writes sent); the
 * query kept for pt_pg_plan. */
int pt_pg_cursor_small(pt_db *db, const char *sql, int n, const char *const *v,
                       pt_cursor **out, pt_err *e)
{
	PGresult *r = pt_pg_exec(db, sql, n, v, "read", e);
	struct pg_cursor *c;

	if (!r || pt_pg_cursor_of(db, r, out, e))
		return PT_EDB;
	c = (struct pg_cursor *)*out;
	if (keep_query(c, sql, n, v) < 0) {
		pt_pg_cursor_close(*out);
		return pt_error(e, PT_EDB, "out of memory");
	}
	return PT_OK;
}

int pt_pg_by_id(pt_db *db, enum pt_pg_stmt id, const char *text, int64_t case_id,
                pt_cursor **out, pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, case_id)};
	PGresult *r = pt_pg_run(db, id, text, 1, v, "read", e);

	return r ? pt_pg_cursor_of(db, r, out, e) : PT_EDB;
}

static int fetch(struct pg_cursor *c, pt_err *e)
{
	char sql[64];

	PQclear(c->res);
	snprintf(sql, sizeof sql, "FETCH %d FROM %s", BATCH, c->name);
	c->res = pt_pg_exec(c->db, sql, 0, NULL, "read", e);
	c->row = 0;
	if (!c->res)
		return -1;
	c->done = PQntuples(c->res) < BATCH;
	return 0;
}

int pt_pg_cursor_next(pt_cursor *base, pt_record *r, pt_err *e)
{
	struct pg_cursor *c = (struct pg_cursor *)base;
	int n;

	if ((!c->res || c->row >= PQntuples(c->res)) && (c->done || fetch(c, e) < 0))
		return c->done ? 0 : -1;
	if (c->row >= PQntuples(c->res))
		return 0;
	pt_record_clear(r);
	n = PQnfields(c->res);
	if (n > pt_schema_ncols(pt_record_schema(r)))
		n = pt_schema_ncols(pt_record_schema(r));
	for (int i = 0; i < n; i++) {
		if (PQgetisnull(c->res, c->row, i))
			continue;
		if (pt_record_set(r, i, PQgetvalue(c->res, c->row, i),
		                  (size_t)PQgetlength(c->res, c->row, i), PT_V_TEXT) < 0) {
			pt_error(e, PT_EDB, "out of memory");
			return -1;
		}
	}
	c->row++;
	return 1;
}

void pt_pg_cursor_close(pt_cursor *base)
{
	struct pg_cursor *c = (struct pg_cursor *)base;
	pt_db *db = c->db;

	/* a cursor of a transaction that has ended is gone with it */
	if (db->store)
		pt_pg_flush(db, NULL);
	if (c->name[0] && db->store && (c->tx == 0 || (db->in_tx && c->tx == db->store->tx)) &&
	    PQtransactionStatus(pt_pg(db)) != PQTRANS_INERROR) {
		char sql[48];
		snprintf(sql, sizeof sql, "CLOSE %s", c->name);
		PQclear(PQexec(pt_pg(db), sql));
	}
	PQclear(c->res);
	for (int i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	free(c->sql);
	free(c);
}

int pt_pg_each_row(pt_db *db, const char *sql, int (*fill)(const PGresult *, int, void *),
                   void *arg, pt_err *e)
{
	pt_cursor *base;
	struct pg_cursor *c;
	int rc = pt_pg_cursor(db, sql, 0, NULL, &base, e), stop = 0;

	if (rc)
		return rc;
	c = (struct pg_cursor *)base;
	while (!stop && !rc) {
		if (fetch(c, e) < 0)
			rc = PT_EDB;
		for (int i = 0; !rc && !stop && i < PQntuples(c->res); i++)
			stop = fill(c->res, i, arg);
		if (c->done)
			break;
	}
	pt_pg_cursor_close(base);
	return rc;
}

/* The query plan of a cursor's statement, one line a step (for the tests). */
int pt_pg_plan(pt_db *db, pt_cursor *base, pt_buf *out, pt_err *e)
{
	struct pg_cursor *c = (struct pg_cursor *)base;
	pt_buf sql = {0};
	PGresult *r;

	if (!c->sql)
		return PT_OK;
	pt_buf_adds(&sql, "EXPLAIN ");
	pt_buf_adds(&sql, c->sql);
	r = sql.p ? pt_pg_exec(db, sql.p, c->n, (const char *const *)c->v, "plan", e) : NULL;
	pt_buf_free(&sql);
	if (!r)
		return PT_EDB;
	for (int i = 0; i < PQntuples(r); i++) {
		pt_buf_adds(out, PQgetvalue(r, i, 0));
		pt_buf_adds(out, "\n");
	}
	PQclear(r);
	return PT_OK;
}
