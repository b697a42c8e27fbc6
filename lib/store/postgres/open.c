/* open.c - the PostgreSQL engine: connecting to a server URL, transactions
 * (one write lock for the store, as SQLite's), closing. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Writers take one transaction-scoped advisory lock, so that writers see
 * the store as SQLite's do: the checks a tool makes in C (a status, the
 * next case number) still hold when it writes. Readers never wait.
 */
static const char lock_sql[] = "SELECT pg_advisory_xact_lock(7041, 1)";

/* The URL without a password, for messages: user:secret@ and password=. */
static char *redacted(const char *url)
{
	const char *auth = strstr(url, "://"), *at, *colon, *pw;
	pt_buf b = {0};

	if (!auth)
		return strdup(url);
	auth += 3;
	at = strchr(auth, '@');
	colon = strchr(auth, ':');
	if (at && colon && colon < at && !memchr(auth, '/', (size_t)(at - auth))) {
		pt_buf_add(&b, url, (size_t)(colon - url));
		pt_buf_adds(&b, at);
	} else {
		pt_buf_adds(&b, url);
	}
	if (b.p && (pw = strstr(b.p, "password="))) {
		char *end = strchr(pw, '&');
		memmove((char *)pw + 9, end ? end : pw + strlen(pw), strlen(end ? end : "") + 1);
	}
	return b.p;
}

static int connect_to(pt_db *db, pt_err *e)
{
	char *shown = redacted(db->path);
	PGresult *r;

	if (!shown)
		return pt_error(e, PT_EDB, "out of memory");
	db->store->conn = PQconnectdb(db->path);
	free(db->path);
	db->path = shown;
	if (PQstatus(pt_pg(db)) != CONNECTION_OK)
		return pt_pg_err(db, NULL, "connect", e);
	r = PQexec(pt_pg(db), "SET lock_timeout = '" PG_STR(PG_LOCK_TIMEOUT_S) "s';"
	           " SET client_min_messages = warning; SET TIME ZONE 'UTC';"
	           " SET client_encoding = 'UTF8'");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		int rc = pt_pg_err(db, r, "connect", e);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	return PT_OK;
}

/* Returns 1 for a new store, whose transaction the caller seeds and commits. */
int pt_pg_open(pt_db *db, const pt_options *o, pt_err *e)
{
	bool fresh = false;
	int rc;

	if (!(db->store = calloc(1, sizeof *db->store)))
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = connect_to(db, e)))
		return rc;
	if (o->readonly && (rc = pt_pg_do(db, "SET default_transaction_read_only = on", 0,
	                                  NULL, "open", e)))
		return rc;
	if ((rc = pt_pg_migrate(db, o->readonly, &fresh, e)))
		return rc;
	return fresh ? 1 : PT_OK;
}

void pt_pg_close(pt_db *db)
{
	if (!db->store)
		return;
	PQfinish(pt_pg(db));
	free(db->store);
	db->store = NULL;
}

static bool retryable(const PGresult *r)
{
	const char *s = pt_pg_state(r);

	return !strcmp(s, "40001") || !strcmp(s, "40P01");
}

/* BEGIN and the write lock, tried again after a conflict at either. */
int pt_pg_begin(pt_db *db, pt_err *e)
{
	PGresult *r = NULL;

	for (int i = 0; i < PG_RETRIES; i++) {
		PQclear(PQexec(pt_pg(db), "BEGIN"));
		if ((r = PQexec(pt_pg(db), lock_sql)) &&
		    PQresultStatus(r) != PGRES_TUPLES_OK && retryable(r)) {
			PQclear(PQexec(pt_pg(db), "ROLLBACK"));
			PQclear(r);
			r = NULL;
			usleep(10000u << i);
			continue;
		}
		break;
	}
	if (r && PQresultStatus(r) != PGRES_TUPLES_OK) {
		int rc = pt_pg_err(db, r, "begin", e);
		PQclear(r);
		PQclear(PQexec(pt_pg(db), "ROLLBACK"));
		return rc;
	}
	PQclear(r);
	db->store->tx++;
	db->store->have_head = db->store->have_last_id = false;
	return PQtransactionStatus(pt_pg(db)) == PQTRANS_INTRANS ? PT_OK :
		pt_pg_err(db, NULL, "begin", e);
}

int pt_pg_commit(pt_db *db, pt_err *e)
{
	PGresult *r;
	int rc = pt_pg_flush(db, e);

	if (rc)
		return rc;
	r = PQexec(pt_pg(db), "COMMIT");

	/* a transaction that failed answers COMMIT with ROLLBACK */
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pt_pg_err(db, r, "commit", e);
	else if (strcmp(PQcmdStatus(r), "COMMIT"))
		rc = pt_error(e, PT_EDB, "%s: commit: the transaction had failed: rolled back",
		              db->path);

	PQclear(r);
	return rc;
}

void pt_pg_rollback(pt_db *db)
{
	pt_pg_flush(db, NULL);
	PQclear(PQexec(pt_pg(db), "ROLLBACK"));
	db->store->have_head = db->store->have_last_id = false;
}

/* A large import: the indexes stay (PostgreSQL builds them as it goes). */
int pt_pg_bulk(pt_db *db, pt_err *e)
{
	(void)db, (void)e;
	return PT_OK;
}
