/* units.c - the PostgreSQL engine: the unit tree. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

static const char *const sql_text[PG__COUNT] = {
	[PG_UNITS] = "SELECT code, name, level, parent FROM units ORDER BY code",
	/* the checks of the constraints first: a failed statement would end
	 * the transaction, and a refused unit must not (--keep-going) */
	[PG_UNIT_PUT] = "SELECT (SELECT count(*) FROM units WHERE name = $2"
		"  AND coalesce(parent, '') = coalesce($3, '') AND code <> $1),"
		" ($3::text IS NULL OR EXISTS (SELECT 1 FROM units WHERE code = $3))",
	[PG_UNITS_UNDER] = "SELECT code, name, level, parent FROM units"
		" WHERE code IN " PT_PG_SUBTREE("$1") " ORDER BY code",
	[PG_UNIT_ONE] = "SELECT code, name, level, parent FROM units WHERE code = $1",
};

static const char upsert_sql[] = "INSERT INTO units(code, name, level, parent)"
	" VALUES ($1, $2, $3, $4) ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
	" level = excluded.level, parent = excluded.parent";

int pt_pg_units_load(pt_db *db, pt_unit_row_fn row, void *ctx, pt_err *e)
{
	PGresult *r = PG_RUN(db, PG_UNITS, 0, NULL, "units", e);
	int stop = PT_OK;

	if (!r)
		return PT_EDB;
	for (int i = 0; !stop && i < PQntuples(r); i++)
		stop = row(ctx, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
		           pt_pg_col(r, i, 3), e);
	PQclear(r);
	return stop;
}

int pt_pg_unit_put(pt_db *db, const char *code, const char *name, const char *level,
                   const char *parent, pt_err *e)
{
	const char *v[] = {code, name, level, parent}, *check[] = {code, name, parent};
	PGresult *r = PG_RUN(db, PG_UNIT_PUT, 3, check, "units", e);
	bool taken, parent_known;

	if (!r)
		return PT_EDB;
	taken = strcmp(PQgetvalue(r, 0, 0), "0") != 0;
	parent_known = !strcmp(PQgetvalue(r, 0, 1), "t");
	PQclear(r);
	if (taken)
		return pt_error(e, PT_EINPUT, "name: \"%s\" is taken by another unit under the same"
		                " parent", name);
	if (!parent_known)
		return pt_error(e, PT_EINPUT, "parent: \"%s\" is not a known unit", parent);
	return pt_pg_do(db, upsert_sql, 4, v, "units", e);
}

int pt_pg_units_query(pt_db *db, const char *code, bool under, pt_cursor **out,
                      pt_err *e)
{
	enum pt_pg_stmt id = !code ? PG_UNITS : under ? PG_UNITS_UNDER : PG_UNIT_ONE;
	const char *v[] = {code};
	PGresult *r = PG_RUN(db, id, code ? 1 : 0, v, "units", e);

	return r ? pt_pg_cursor_of(db, r, out, e) : PT_EDB;
}
