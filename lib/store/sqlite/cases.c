/* cases.c - the SQLite engine: case records, repeats, case numbers. */
#include "sqlite.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[ST__COUNT] = {
	/* every field of the record: a case another office sent comes whole */
	[ST_CASE_INSERT] = "INSERT INTO cases(case_no, uuid, received_at, channel,"
		" petitioner_name, petitioner_phone, petitioner_id_number,"
		" petitioner_address, anonymous, headcount, collective, purpose, subject,"
		" content, accused, location, unit, pollution_type, status, accept_due,"
		" risk, repeat_of, transferred_from, next_due, next_clock, origin_case_no,"
		" category, handler, leader, reply_due, extended, replied_at, outcome,"
		" delivered_at, review_due, closed_at, satisfaction, backlog,"
		" created_at, updated_at, repeats, phone_key, accused_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,"
		" ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?39, ?40, ?41, ?42)",
	[ST_FINAL_REPEAT] = "SELECT case_no, repeats, received_at FROM cases"
		" INDEXED BY cases_final WHERE status = 'final'"
		" AND phone_key = ?1 AND accused_key = ?2"
		" ORDER BY received_at DESC LIMIT 1",
	[ST_REPEAT_PHONE] = "SELECT case_no, repeats, received_at FROM cases WHERE phone_key = ?1"
		" AND received_at >= ?2 AND received_at <= ?3"
		" ORDER BY received_at DESC LIMIT 1",
	[ST_REPEAT_ACCUSED] = "SELECT case_no, repeats, received_at FROM cases WHERE accused_key = ?1"
		" AND received_at >= ?2 AND received_at <= ?3"
		" ORDER BY received_at DESC LIMIT 1",
	[ST_SEQ_GET] = "SELECT last FROM case_seq WHERE prefix = ?1 AND year = ?2",
	[ST_SEQ_PUT] = "INSERT INTO case_seq(prefix, year, last) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(prefix, year) DO UPDATE SET last = max(last, excluded.last)",
	[ST_BY_NO] = "SELECT id FROM cases WHERE case_no = ?1",
	[ST_BY_UUID] = "SELECT id FROM cases WHERE uuid = lower(?1)",
	[ST_BY_ID] = "SELECT id FROM cases WHERE id = ?1",
	[ST_CASE_STATUS] = "SELECT status FROM cases WHERE id = ?1",
	[ST_MAX_ID] = "SELECT coalesce(max(id), 0) FROM cases",
};

/* The number of cases, cheaply: the largest id. */
int pt_sq_case_count(pt_db *db, int64_t *n, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_MAX_ID, e);
	int rc;

	if (!s)
		return PT_EDB;
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PT_OK : pt_sq_err(db, e, "count");
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

/* checked is of no use here: a statement costs no round trip */
int pt_sq_case_insert(pt_db *db, pt_record *r, int repeats, bool checked, int64_t *id,
                      pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_CASE_INSERT, e);
	char now[21];
	int n = (int)(sizeof insert_fields / sizeof insert_fields[0]), ext;

	(void)checked;
	if (!s)
		return PT_EDB;
	for (int i = 0; i < n; i++) {
		int f = insert_fields[i];
		if (pt_column(&pt_case_schema, f)->type == PT_T_BOOL ||
		    f == PT_F_HEADCOUNT)
			pt_sq_bind_int(s, i + 1, pt_record_get(r, f), f == PT_F_HEADCOUNT);
		else
			pt_sq_bind_opt(s, i + 1, pt_record_get(r, f));
	}
	pt_sq_now(db, now);
	sqlite3_bind_text(s, n + 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, n + 2, repeats);
	pt_sq_bind_key(s, n + 3, pt_phone_key, pt_record_get(r, PT_F_PETITIONER_PHONE));
	pt_sq_bind_key(s, n + 4, pt_accused_key, pt_record_get(r, PT_F_ACCUSED));
	if (sqlite3_step(s) == SQLITE_DONE) {
		*id = sqlite3_last_insert_rowid(pt_sq(db));
		sqlite3_reset(s);
		return PT_OK;
	}
	ext = sqlite3_extended_errcode(pt_sq(db));
	if (ext == SQLITE_CONSTRAINT_UNIQUE) {
		bool uuid = strstr(sqlite3_errmsg(pt_sq(db)), "uuid") != NULL;
		int f = uuid ? PT_F_UUID : PT_F_CASE_NO;
		sqlite3_reset(s);
		return pt_error(e, PT_EINPUT, "%s: \"%s\" is already registered",
		                uuid ? "uuid" : "case_no", pt_record_get(r, f));
	}
	sqlite3_reset(s);
	return pt_sq_err(db, e, "insert case");
}

/* The normalised key column that follows a field, if any (repeat detection). */
static const char *key_column(int field, pt_sq_key_fn **key)
{
	*key = field == PT_F_PETITIONER_PHONE ? pt_phone_key :
	       field == PT_F_ACCUSED ? pt_accused_key : NULL;
	return !*key ? NULL : field == PT_F_PETITIONER_PHONE ? "phone_key" : "accused_key";
}

/*
 * Sets columns of a case (storage form, NULL clears) and updated_at.
 * Column names come from the case schema, never from input.
 */
static int case_set_sql(const int *fields, int n, bool due, pt_buf *sql, pt_err *e)
{
	pt_sq_key_fn *key;

	pt_buf_adds(sql, "UPDATE cases SET updated_at = ?");
	for (int i = 0; i < n; i++) {
		const struct pt_column *c = pt_column(&pt_case_schema, fields[i]);
		const char *kc = key_column(fields[i], &key);
		if (fields[i] == PT_F_ID || fields[i] == PT_F_UNIT_NAME)
			return pt_error(e, PT_EDB, "%s: not a stored field", c->name);
		pt_buf_adds(sql, ", ");
		pt_buf_adds(sql, c->name);
		pt_buf_adds(sql, " = ?");
		if (kc) {
			pt_buf_adds(sql, ", ");
			pt_buf_adds(sql, kc);
			pt_buf_adds(sql, " = ?");
		}
	}
	if (due)
		pt_buf_adds(sql, ", next_due = ?, next_clock = ?");
	pt_buf_adds(sql, " WHERE id = ?");
	return PT_OK;
}

int pt_sq_case_set(pt_db *db, int64_t id, const int *fields, const char *const *values,
                   int n, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;
	pt_sq_key_fn *key;
	char now[21], due[64], clock[64];
	bool pending = db->store->due_case == id, found = false;
	int rc, p = 1;

	/* the clocks changed just now: the next due goes in the same update */
	if ((rc = pending ? pt_sq_next_due_get(db, id, due, clock, &found, e) :
	     pt_sq_due_flush(db, e)))
		return rc;
	if ((rc = case_set_sql(fields, n, pending, &sql, e))) {
		pt_buf_free(&sql);
		return rc;
	}
	if (!sql.p)
		return pt_error(e, PT_EDB, "out of memory");
	s = pt_sq_stmt_built(db, ST_CASE_SET, sql.p, e);
	pt_buf_free(&sql);
	if (!s)
		return PT_EDB;
	pt_sq_now(db, now);
	sqlite3_bind_text(s, p++, now, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < n; i++) {
		pt_sq_bind_opt(s, p++, values[i]);
		if (key_column(fields[i], &key))
			pt_sq_bind_key(s, p++, key, values[i]);
	}
	if (pending) {
		pt_sq_bind_opt(s, p++, found ? due : NULL);
		pt_sq_bind_opt(s, p++, found ? clock : NULL);
	}
	sqlite3_bind_int64(s, p, id);
	if ((rc = pt_sq_run(db, s, e, "update case")) == PT_OK && pending)
		db->store->due_case = 0;
	return rc;
}

int pt_sq_case_find(pt_db *db, enum pt_case_key k, const char *key, int64_t *id,
                    pt_err *e)
{
	static const enum pt_sq_stmt by[] = {
		[PT_KEY_ID] = ST_BY_ID, [PT_KEY_UUID] = ST_BY_UUID, [PT_KEY_CASE_NO] = ST_BY_NO,
	};
	sqlite3_stmt *s = SQ_STMT(db, by[k], e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	if (rc == SQLITE_DONE)
		return pt_error(e, PT_EINPUT, "%s: no such case", key);
	return pt_sq_err(db, e, "find case");
}

/* In-process, a look a number costs no round trip. */
int pt_sq_case_nos_first_taken(pt_db *db, const char *const *nos, int n, int *first,
                               pt_err *e)
{
	pt_err none = {0};
	int64_t id;
	int rc = PT_EINPUT;

	for (*first = 0; *first < n; ++*first)
		if ((rc = pt_sq_case_find(db, PT_KEY_CASE_NO, nos[*first], &id, &none)) != PT_EINPUT)
			break;
	if (rc == PT_EDB)
		*e = none;
	return rc == PT_EDB ? rc : PT_OK;
}

int pt_sq_case_status(pt_db *db, int64_t id, char *status, size_t n, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_CASE_STATUS, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		snprintf(status, n, "%s", pt_sq_col(s, 0));
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	if (rc == SQLITE_DONE)
		return pt_error(e, PT_EINPUT, "%" PRId64 ": no such case", id);
	return pt_sq_err(db, e, "case status");
}

static int repeat_row(pt_db *db, sqlite3_stmt *s, struct pt_repeat *out, pt_err *e)
{
	int rc = sqlite3_step(s);

	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		snprintf(out->case_no, sizeof out->case_no, "%s", pt_sq_col(s, 0));
		out->repeats = sqlite3_column_int(s, 1);
		snprintf(out->received_at, sizeof out->received_at, "%s", pt_sq_col(s, 2));
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "repeat");
}

/* The latest case with the same phone (or accused) received in [since, until]. */
static int repeat_in_window(pt_db *db, bool phone, const char *value, const char *since,
                            const char *until, struct pt_repeat *out, pt_err *e)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if (!value)
		return PT_OK;
	if (!(s = SQ_STMT(db, phone ? ST_REPEAT_PHONE : ST_REPEAT_ACCUSED, e)))
		return PT_EDB;
	pt_sq_bind_key(s, 1, phone ? pt_phone_key : pt_accused_key, value);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	return repeat_row(db, s, out, e);
}

/* The latest final case of the same phone and accused (art. 36). */
static int repeat_final(pt_db *db, const char *phone, const char *accused,
                        struct pt_repeat *out, pt_err *e)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if (!phone || !accused)
		return PT_OK;
	if (!(s = SQ_STMT(db, ST_FINAL_REPEAT, e)))
		return PT_EDB;
	pt_sq_bind_key(s, 1, pt_phone_key, phone);
	pt_sq_bind_key(s, 2, pt_accused_key, accused);
	return repeat_row(db, s, out, e);
}

/* In-process, three statements cost no more than one. */
int pt_sq_repeat_look(pt_db *db, const char *phone, const char *accused,
                      const char *since, const char *until,
                      struct pt_repeat out[PT_REPEAT_LOOKS], pt_err *e)
{
	int rc = repeat_in_window(db, true, phone, since, until, &out[PT_REPEAT_PHONE], e);

	if (!rc)
		rc = repeat_in_window(db, false, accused, since, until, &out[PT_REPEAT_ACCUSED], e);
	return rc ? rc : repeat_final(db, phone, accused, &out[PT_REPEAT_FINAL], e);
}

int pt_sq_seq_get(pt_db *db, const char *prefix, int year, int64_t *last, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_SEQ_GET, e);
	int rc;

	*last = 0;
	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*last = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK :
		pt_sq_err(db, e, "case numbers");
}

int pt_sq_seq_put(pt_db *db, const char *prefix, int year, int64_t last, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_SEQ_PUT, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, year);
	sqlite3_bind_int64(s, 3, last);
	return pt_sq_run(db, s, e, "case numbers");
}
