/* units.c - the SQLite engine: the unit tree. */
#include "sqlite.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[ST__COUNT] = {
	[ST_UNITS] = "SELECT code, name, level, parent FROM units ORDER BY code",
	[ST_UNIT_PUT] = "INSERT INTO units(code, name, level, parent) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
		" level = excluded.level, parent = excluded.parent",
	[ST_UNITS_UNDER] = "SELECT code, name, level, parent FROM units"
		" WHERE code IN " PT_SQ_SUBTREE("?1") " ORDER BY code",
	[ST_UNIT_ONE] = "SELECT code, name, level, parent FROM units WHERE code = ?1",
};

int pt_sq_units_load(pt_db *db, pt_unit_row_fn row, void *ctx, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_UNITS, e);
	int rc, stop = PT_OK;

	if (!s)
		return PT_EDB;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		stop = row(ctx, pt_sq_col(s, 0), pt_sq_col(s, 1), pt_sq_col(s, 2),
		           sqlite3_column_type(s, 3) == SQLITE_NULL ? NULL : pt_sq_col(s, 3), e);
	}
	sqlite3_reset(s);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "units");
}

int pt_sq_unit_put(pt_db *db, const char *code, const char *name, const char *level,
                   const char *parent, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_UNIT_PUT, e);
	int ext;

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, level, -1, SQLITE_STATIC);
	pt_sq_bind_opt(s, 4, parent);
	if (sqlite3_step(s) == SQLITE_DONE) {
		sqlite3_reset(s);
		return PT_OK;
	}
	ext = sqlite3_extended_errcode(pt_sq(db));
	sqlite3_reset(s);
	if (ext == SQLITE_CONSTRAINT_UNIQUE)
		return pt_error(e, PT_EINPUT, "name: \"%s\" is taken by another unit under the same"
		                " parent", name);
	if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
		return pt_error(e, PT_EINPUT, "parent: \"%s\" is not a known unit", parent);
	return pt_sq_err(db, e, "units");
}

int pt_sq_units_query(pt_db *db, const char *code, bool under, pt_cursor **out,
                      pt_err *e)
{
	enum pt_sq_stmt id = !code ? ST_UNITS : under ? ST_UNITS_UNDER : ST_UNIT_ONE;
	sqlite3_stmt *s = SQ_STMT(db, id, e);

	if (!s)
		return PT_EDB;
	if (code)
		sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	return pt_sq_cursor(db, s, false, out, e);
}
