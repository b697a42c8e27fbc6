/* cases.c - the PostgreSQL engine: case records, repeats, case numbers. */
#include "pg.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* every field of the record: a case another office sent comes whole; the
 * id is the engine's (ids have no gaps: writers hold one lock) */
#define CASE_INSERT "INSERT INTO cases(id, case_no, uuid, received_at, channel," \
	" petitioner_name, petitioner_phone, petitioner_id_number," \
	" petitioner_address, anonymous, headcount, collective, purpose, subject," \
	" content, accused, location, unit, pollution_type, status, accept_due," \
	" risk, repeat_of, transferred_from, next_due, next_clock, origin_case_no," \
	" category, handler, leader, reply_due, extended, replied_at, outcome," \
	" delivered_at, review_due, closed_at, satisfaction, backlog," \
	" created_at, updated_at, repeats, phone_key, accused_key)" \
	" VALUES ($43, $1, $2, $3, $4, $5," \
	" $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21," \
	" $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36," \
	" $37, $38, $39, $39, $40, $41, $42)"

static const char *const sql_text[PG__COUNT] = {
	[PG_CASE_INSERT] = CASE_INSERT " ON CONFLICT DO NOTHING RETURNING id",
	/* sent without waiting: a conflict it cannot have fails the transaction */
	[PG_CASE_SEND] = CASE_INSERT,
	[PG_REPEAT_LOOK] =
		"SELECT 0, * FROM (SELECT case_no, repeats, received_at FROM cases"
		" WHERE phone_key = $1 AND received_at >= $3 AND received_at <= $4"
		" ORDER BY received_at DESC LIMIT 1) p UNION ALL"
		" SELECT 1, * FROM (SELECT case_no, repeats, received_at FROM cases"
		" WHERE accused_key = $2 AND received_at >= $3 AND received_at <= $4"
		" ORDER BY received_at DESC LIMIT 1) a UNION ALL"
		" SELECT 2, * FROM (SELECT case_no, repeats, received_at FROM cases"
		" WHERE status = 'final' AND phone_key = $1 AND accused_key = $2"
		" ORDER BY received_at DESC LIMIT 1) f",
	/* the numbers as a JSON array: one look for many */
	[PG_NOS_TAKEN] = "SELECT coalesce(min(n.i), 0) FROM jsonb_array_elements_text($1::jsonb)"
		" WITH ORDINALITY AS n(v, i) JOIN cases c ON c.case_no = n.v",
	[PG_SEQ_GET] = "SELECT last FROM case_seq WHERE prefix = $1 AND year = $2",
	[PG_SEQ_PUT] = "INSERT INTO case_seq(prefix, year, last) VALUES ($1, $2, $3)"
		" ON CONFLICT(prefix, year) DO UPDATE"
		" SET last = greatest(case_seq.last, excluded.last)",
	[PG_BY_NO] = "SELECT id FROM cases WHERE case_no = $1",
	[PG_BY_UUID] = "SELECT id FROM cases WHERE uuid = lower($1)",
	[PG_BY_ID] = "SELECT id FROM cases WHERE id = $1",
	[PG_CASE_STATUS] = "SELECT status FROM cases WHERE id = $1",
	[PG_MAX_ID] = "SELECT coalesce(max(id), 0) FROM cases",
};

/* The number of cases, cheaply: the largest id (ids have no gaps). */
int pt_pg_case_count(pt_db *db, int64_t *n, pt_err *e)
{
	PGresult *r = PG_RUN(db, PG_MAX_ID, 0, NULL, "count", e);

	if (!r)
		return PT_EDB;
	*n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return PT_OK;
}

static const int insert_fields[] = {
	PT_F_CASE_NO, PT_F_UUID, PT_F_RECEIVED_AT, PT_F_CHANNEL,
	PT_F_PETITIONER_NAME, PT_F_PETITIONER_PHONE, PT_F_PETITIONER_ID_NUMBER,
	PT_F_PETITIONER_ADDRESS, PT_F_ANONYMOUS, PT_F_HEADCOUNT, PT_F_COLLECTIVE,
	PT_F_PURPOSE, PT_F_SUBJECT, PT_F_CONTENT, PT_F_ACCUSED, PT_F_LOCATION,
	PT_F_UNIT, PT_F_POLLUTION_TYPE, PT_F_STATUS, PT_F_ACCEPT_DUE, PT_F_RISK,
	PT_F_REPEAT_OF, PT_F_TRANSFERRED_FROM, PT_F_NEXT_DUE, PT_F_NEXT_CLOCK,
	PT_F_ORIGIN_CASE_NO, PT_F_CATEGORY, PT_F_HANDLER, PT_F_LEADER, PT_F_REPLY_DUE,
	PT_F_EXTENDED, PT_F_REPLIED_AT, PT_F_OUTCOME, PT_F_DELIVERED_AT, PT_F_REVIEW_DUE,
	PT_F_CLOSED_AT, PT_F_SATISFACTION, PT_F_BACKLOG,
};
#define NINSERT (int)(sizeof insert_fields / sizeof insert_fields[0])

enum { PG_KEY_MAX = 1024 };

static const char *keyed(void (*key)(const char *, char *, size_t), const char *v,
                         char out[PG_KEY_MAX])
{
	if (!v)
		return NULL;
	key(v, out, PG_KEY_MAX);
	return out;
}

/* A flag or a count: its stored integer, the default when not given. */
static const char *int_value(const char *v, int64_t dflt, char b[24])
{
	return pt_pg_int(b, v ? strtoll(v, NULL, 10) : dflt);
}

/* Which key of r is taken: the insert did nothing (ON CONFLICT, so that
 * the transaction goes on, as a refused record does under --keep-going). */
static int duplicate(pt_db *db, pt_record *r, pt_err *e)
{
	int64_t id;
	pt_err ignored = {0};
	bool uuid = !pt_pg_case_find(db, PT_KEY_UUID, pt_record_get(r, PT_F_UUID), &id,
	                             &ignored);

	return pt_error(e, PT_EINPUT, "%s: \"%s\" is already registered",
	                uuid ? "uuid" : "case_no",
	                pt_record_get(r, uuid ? PT_F_UUID : PT_F_CASE_NO));
}

/* Ids have no gaps and writers hold one lock: the next id is read once a
 * transaction and counted here. */
static int next_id(pt_db *db, char b[24], pt_err *e)
{
	struct pt_store *st = db->store;
	int rc;

	if (!st->have_last_id && (rc = pt_pg_case_count(db, &st->last_id, e)))
		return rc;
	st->have_last_id = true;
	pt_pg_int(b, ++st->last_id);
	return PT_OK;
}

static int inserted(pt_db *db, pt_record *r, int64_t id, int64_t *out)
{
	*out = id;
	db->store->last_case = id;     /* its registration event follows */
	snprintf(db->store->last_uuid, sizeof db->store->last_uuid, "%s",
	         pt_record_get(r, PT_F_UUID));
	return PT_OK;
}

/* A checked case is sent behind the writes, not waited for: the import's
 * round trip a case. */
int pt_pg_case_insert(pt_db *db, pt_record *r, int repeats, bool checked, int64_t *id,
                      pt_err *e)
{
	const char *v[NINSERT + 5];
	char ints[NINSERT][24], now[21], rep[24], pk[PG_KEY_MAX], ak[PG_KEY_MAX], nid[24];
	PGresult *res;
	bool added;

	for (int i = 0; i < NINSERT; i++) {
		int f = insert_fields[i];
		v[i] = pt_record_get(r, f);
		if (pt_column(&pt_case_schema, f)->type == PT_T_BOOL || f == PT_F_HEADCOUNT)
			v[i] = int_value(v[i], f == PT_F_HEADCOUNT, ints[i]);
	}
	pt_pg_now(db, now);
	v[NINSERT] = now;
	v[NINSERT + 1] = pt_pg_int(rep, repeats);
	v[NINSERT + 2] = keyed(pt_phone_key, pt_record_get(r, PT_F_PETITIONER_PHONE), pk);
	v[NINSERT + 3] = keyed(pt_accused_key, pt_record_get(r, PT_F_ACCUSED), ak);
	v[NINSERT + 4] = nid;
	if (next_id(db, nid, e))
		return PT_EDB;
	if (checked)
		return PG_DEFER(db, PG_CASE_SEND, NINSERT + 5, v, "insert case", e) ? PT_EDB :
			inserted(db, r, db->store->last_id, id);
	if (!(res = PG_RUN(db, PG_CASE_INSERT, NINSERT + 5, v, "insert case", e)))
		return PT_EDB;
	if ((added = PQntuples(res) == 1))
		inserted(db, r, strtoll(PQgetvalue(res, 0, 0), NULL, 10), id);
	else
		db->store->last_id--;   /* not taken */
	PQclear(res);
	return added ? PT_OK : duplicate(db, r, e);
}

/* The normalised key column that follows a field, if any (repeat detection). */
static const char *key_column(int field, void (**key)(const char *, char *, size_t))
{
	*key = field == PT_F_PETITIONER_PHONE ? pt_phone_key :
	       field == PT_F_ACCUSED ? pt_accused_key : NULL;
	return !*key ? NULL : field == PT_F_PETITIONER_PHONE ? "phone_key" : "accused_key";
}

static void set_column(pt_buf *sql, const char *name, int *p)
{
	char n[16];

	snprintf(n, sizeof n, " = $%d", (*p)++);
	pt_buf_adds(sql, ", ");
	pt_buf_adds(sql, name);
	pt_buf_adds(sql, n);
}

/*
 * Sets columns of a case (storage form, NULL clears) and updated_at.
 * Column names come from the case schema, never from input.
 */
int pt_pg_case_set(pt_db *db, int64_t id, const int *fields, const char *const *values,
                   int n, pt_err *e)
{
	void (*key)(const char *, char *, size_t);
	const char **v = calloc((size_t)(2 * n + 2), sizeof *v);
	char (*keys)[PG_KEY_MAX] = calloc((size_t)n, sizeof *keys), now[21], b[24], last[32];
	pt_buf sql = {0};
	int rc = PT_OK, p = 2;

	if (!v || !keys) {
		free(v), free(keys);
		return pt_error(e, PT_EDB, "out of memory");
	}
	pt_pg_now(db, now);
	v[0] = now;
	pt_buf_adds(&sql, "UPDATE cases SET updated_at = $1");
	for (int i = 0; i < n && !rc; i++) {
		const struct pt_column *c = pt_column(&pt_case_schema, fields[i]);
		const char *kc = key_column(fields[i], &key);
		if (fields[i] == PT_F_ID || fields[i] == PT_F_UNIT_NAME)
			rc = pt_error(e, PT_EDB, "%s: not a stored field", c->name);
		v[p - 1] = values[i];
		set_column(&sql, c->name, &p);
		if (kc) {
			v[p - 1] = keyed(key, values[i], keys[i]);
			set_column(&sql, kc, &p);
		}
	}
	snprintf(last, sizeof last, " WHERE id = $%d", p);
	pt_buf_adds(&sql, last);
	v[p - 1] = pt_pg_int(b, id);
	if (!rc)
		rc = sql.p ? pt_pg_defer_built(db, PG_CASE_SET, sql.p, p, v, "update case", e) :
			pt_error(e, PT_EDB, "out of memory");
	pt_buf_free(&sql);
	free(v), free(keys);
	return rc;
}

int pt_pg_case_find(pt_db *db, enum pt_case_key k, const char *key, int64_t *id,
                    pt_err *e)
{
	static const enum pt_pg_stmt by[] = {
		[PT_KEY_ID] = PG_BY_ID, [PT_KEY_UUID] = PG_BY_UUID, [PT_KEY_CASE_NO] = PG_BY_NO,
	};
	const char *v[] = {key};
	PGresult *r;
	bool found;

	/* an id too large for bigint is no case's */
	if (k == PT_KEY_ID && (strlen(key) > 18 || strspn(key, "0123456789") != strlen(key)))
		return pt_error(e, PT_EINPUT, "%s: no such case", key);
	if (!(r = PG_RUN(db, by[k], 1, v, "find case", e)))
		return PT_EDB;
	if ((found = PQntuples(r) == 1))
		*id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return found ? PT_OK : pt_error(e, PT_EINPUT, "%s: no such case", key);
}

/* The columns of case id's row by statement st, each into out[i] (n[i]
 * bytes); found false when there is no such case. */
int pt_pg_case_columns(pt_db *db, enum pt_pg_stmt st, const char *text, int64_t id,
                       int ncols, char *const *out, const size_t *n, bool *found,
                       const char *where, pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, id)};
	PGresult *r = pt_pg_run(db, st, text, 1, v, where, e);

	if (!r)
		return PT_EDB;
	if ((*found = PQntuples(r) == 1))
		for (int i = 0; i < ncols; i++)
			snprintf(out[i], n[i], "%s", PQgetvalue(r, 0, i));
	PQclear(r);
	return PT_OK;
}

int pt_pg_case_status(pt_db *db, int64_t id, char *status, size_t n, pt_err *e)
{
	bool found;
	int rc = pt_pg_case_columns(db, PG_CASE_STATUS, sql_text[PG_CASE_STATUS], id, 1,
	                            &status, &n, &found, "case status", e);

	if (rc || found)
		return rc;
	return pt_error(e, PT_EINPUT, "%" PRId64 ": no such case", id);
}

int pt_pg_case_nos_first_taken(pt_db *db, const char *const *nos, int n, int *first,
                               pt_err *e)
{
	cJSON *a = cJSON_CreateStringArray(nos, n);
	char *text = a ? cJSON_PrintUnformatted(a) : NULL;
	const char *v[] = {text};
	PGresult *r = text ? PG_RUN(db, PG_NOS_TAKEN, 1, v, "case numbers", e) : NULL;
	int rc = r ? PT_OK : text ? PT_EDB : pt_error(e, PT_EDB, "out of memory");

	if (r) {
		int i = atoi(PQgetvalue(r, 0, 0));
		*first = i ? i - 1 : n;
	}
	PQclear(r);
	free(text);
	cJSON_Delete(a);
	return rc;
}

/* The three looks of one case in one round trip. */
int pt_pg_repeat_look(pt_db *db, const char *phone, const char *accused,
                      const char *since, const char *until,
                      struct pt_repeat out[PT_REPEAT_LOOKS], pt_err *e)
{
	char pk[PG_KEY_MAX], ak[PG_KEY_MAX];
	const char *v[] = {keyed(pt_phone_key, phone, pk), keyed(pt_accused_key, accused, ak),
	                   since, until};
	PGresult *r;

	memset(out, 0, PT_REPEAT_LOOKS * sizeof *out);
	if (!v[0] && !v[1])
		return PT_OK;
	if (!(r = PG_RUN(db, PG_REPEAT_LOOK, 4, v, "repeat", e)))
		return PT_EDB;
	for (int i = 0; i < PQntuples(r); i++) {
		struct pt_repeat *o = &out[atoi(PQgetvalue(r, i, 0)) % PT_REPEAT_LOOKS];
		snprintf(o->case_no, sizeof o->case_no, "%s", PQgetvalue(r, i, 1));
		o->repeats = atoi(PQgetvalue(r, i, 2));
		snprintf(o->received_at, sizeof o->received_at, "%s", PQgetvalue(r, i, 3));
	}
	PQclear(r);
	return PT_OK;
}

int pt_pg_seq_get(pt_db *db, const char *prefix, int year, int64_t *last, pt_err *e)
{
	char y[24];
	const char *v[] = {prefix, pt_pg_int(y, year)};
	PGresult *r = PG_RUN(db, PG_SEQ_GET, 2, v, "case numbers", e);

	*last = 0;
	if (!r)
		return PT_EDB;
	if (PQntuples(r))
		*last = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return PT_OK;
}

int pt_pg_seq_put(pt_db *db, const char *prefix, int year, int64_t last, pt_err *e)
{
	char y[24], l[24];
	const char *v[] = {prefix, pt_pg_int(y, year), pt_pg_int(l, last)};

	return PG_DEFER(db, PG_SEQ_PUT, 3, v, "case numbers", e);
}
