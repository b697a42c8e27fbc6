/* schema.c - the PostgreSQL engine's schema: the migrations, versioned in
 * a table as SQLite's in user_version, and the guards of the history. */
#include "pg.h"
#include <stdlib.h>
#include <string.h>

/* Text compares byte by byte, as in SQLite, whatever the database's locale. */
#define T " text COLLATE \"C\""
#define ID " bigint PRIMARY KEY"     /* given by the store: max + 1, no gaps */

/* Forward migrations: migrations[i] takes version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE petition_schema (version integer NOT NULL);"
	"INSERT INTO petition_schema VALUES (0);"
	"CREATE TABLE units ("
	"  code" T " PRIMARY KEY,"
	"  name" T " NOT NULL,"
	"  level" T " NOT NULL CHECK (level IN ('national','province','city','county')),"
	"  parent" T " REFERENCES units(code));"
	"CREATE UNIQUE INDEX units_name ON units(coalesce(parent, ''), name);"
	"CREATE TABLE cases ("
	"  id" ID ","
	"  case_no" T " NOT NULL UNIQUE,"
	"  uuid" T " NOT NULL UNIQUE,"
	"  received_at" T " NOT NULL,"
	"  channel" T " NOT NULL,"
	"  petitioner_name" T ", petitioner_phone" T ","
	"  petitioner_id_number" T ", petitioner_address" T ","
	"  anonymous integer NOT NULL DEFAULT 0,"
	"  headcount integer NOT NULL DEFAULT 1 CHECK (headcount >= 1),"
	"  collective integer NOT NULL DEFAULT 0,"
	"  purpose" T ", subject" T " NOT NULL, content" T ","
	"  accused" T ", location" T ","
	"  unit" T " NOT NULL REFERENCES units(code),"
	"  pollution_type" T ","
	"  status" T " NOT NULL,"
	"  category" T ", handler" T ", leader" T ","
	"  accept_due" T ", reply_due" T ","
	"  extended integer NOT NULL DEFAULT 0,"
	"  replied_at" T ", outcome" T ", delivered_at" T ", review_due" T ","
	"  closed_at" T ", satisfaction" T ","
	"  backlog integer NOT NULL DEFAULT 0,"
	"  risk integer NOT NULL DEFAULT 0,"
	"  repeat_of" T ", transferred_from" T ","
	"  repeats integer NOT NULL DEFAULT 0,"
	"  created_at" T " NOT NULL, updated_at" T " NOT NULL,"
	"  next_due" T ", next_clock" T ","
	"  phone_key" T ", accused_key" T ");"
	"CREATE INDEX cases_status ON cases(status, received_at);"
	"CREATE INDEX cases_unit ON cases(unit, received_at);"
	"CREATE INDEX cases_received ON cases(received_at);"
	"CREATE INDEX cases_next_due ON cases(next_due);"
	"CREATE INDEX cases_phone ON cases(phone_key, received_at) WHERE phone_key IS NOT NULL;"
	"CREATE INDEX cases_accused ON cases(accused_key, received_at)"
	"  WHERE accused_key IS NOT NULL;"
	"CREATE INDEX cases_final ON cases(phone_key, accused_key) WHERE status = 'final';"
	"CREATE INDEX cases_backlog_due ON cases(received_at) WHERE backlog = 0"
	"  AND status IN ({open_literal});"
	"CREATE INDEX cases_third_repeat ON cases(id) WHERE backlog = 0 AND repeats >= 2;"
	"CREATE INDEX cases_no_leader ON cases(id) WHERE backlog = 1 AND leader IS NULL;"
	"CREATE TABLE events ("
	"  id" ID ","
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  at" T " NOT NULL, actor" T " NOT NULL, action" T " NOT NULL,"
	"  from_status" T ", to_status" T ","
	"  details" T " CHECK (details IS NULL OR details::jsonb IS NOT NULL),"
	"  unit" T ", hash" T ");"
	"CREATE INDEX events_case ON events(case_id);"
	"CREATE INDEX events_acts ON events(action, at);"
	"CREATE INDEX events_register ON events(case_id, unit) WHERE action = 'register';"
	"CREATE FUNCTION petition_append_only() RETURNS trigger LANGUAGE plpgsql AS"
	"  'BEGIN RAISE EXCEPTION ''the history is append-only''; END';"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();"
	"CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events"
	"  FOR EACH STATEMENT EXECUTE FUNCTION petition_append_only();"
	"CREATE TABLE deadlines ("
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  clock" T " NOT NULL, start" T " NOT NULL, due" T " NOT NULL,"
	"  rule" T " NOT NULL, stopped_at" T ","
	"  duty integer NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (case_id, clock));"
	"CREATE INDEX deadlines_open ON deadlines(due) WHERE stopped_at IS NULL AND duty = 1;"
	/* a case's next clock, in order: the planner of a store filled in one
	 * transaction (no statistics yet) would otherwise walk deadlines_open */
	"CREATE INDEX deadlines_case_open ON deadlines(case_id, due, clock)"
	"  WHERE stopped_at IS NULL AND duty = 1;"
	"CREATE TABLE supervisions ("
	"  id" ID ","
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  clock" T " NOT NULL,"
	"  action" T " NOT NULL CHECK (action IN ('supervise','escalate','backlog')),"
	"  kind" T " NOT NULL CHECK (kind IN ('special','individual','onsite','key')),"
	"  unit" T ", handler" T ", leader" T ","
	"  at" T " NOT NULL, due" T ", days_overdue integer, rule" T " NOT NULL);"
	"CREATE UNIQUE INDEX supervisions_once ON supervisions"
	"  (case_id, clock, action, coalesce(due, ''));"
	"CREATE TABLE case_seq ("
	"  prefix" T " NOT NULL, year integer NOT NULL, last bigint NOT NULL,"
	"  PRIMARY KEY (prefix, year));",

	/* 1: exchange between offices, as the SQLite engine's migration 5 */
	"ALTER TABLE cases ADD COLUMN origin_case_no" T ";"
	"ALTER TABLE events ADD COLUMN event_id" T ";"
	"ALTER TABLE events ADD COLUMN origin" T ";"
	"ALTER TABLE events ADD COLUMN lamport bigint;"
	"ALTER TABLE events ADD COLUMN changes" T ";"
	"ALTER TABLE events ADD COLUMN arrived_at" T ";"
	"CREATE UNIQUE INDEX events_event_id ON events(event_id) WHERE event_id IS NOT NULL;"
	"CREATE INDEX events_lamport ON events(lamport) WHERE lamport IS NOT NULL;"
	"CREATE TABLE settings (key" T " PRIMARY KEY, value" T " NOT NULL);",

	/* 2: leaders' receptions and visits, as the SQLite engine's migration 6 */
	"CREATE TABLE visits ("
	"  id" ID ","
	"  kind" T " NOT NULL, date" T " NOT NULL,"
	"  leader" T " NOT NULL, post" T ","
	"  unit" T " NOT NULL REFERENCES units(code),"
	"  place" T ", people" T ", decision" T ","
	"  actor" T " NOT NULL, at" T " NOT NULL);"
	"CREATE INDEX visits_date ON visits(date);"
	"CREATE TABLE visit_cases ("
	"  visit_id bigint NOT NULL REFERENCES visits(id),"
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  PRIMARY KEY (visit_id, case_id));"
	"CREATE INDEX visit_cases_case ON visit_cases(case_id);"
	"CREATE TABLE reception_schedule ("
	"  id" ID ","
	"  leader" T " NOT NULL, post" T ","
	"  unit" T " NOT NULL REFERENCES units(code),"
	"  place" T " NOT NULL, days" T " NOT NULL, hours" T " NOT NULL);",

	/* 3: a backlog case's file, as the SQLite engine's migration 7 */
	"CREATE TABLE IF NOT EXISTS backlog_files ("
	"  case_id bigint PRIMARY KEY REFERENCES cases(id),"
	"  team" T ", resolution" T ", reason" T ", resolved_at" T ","
	"  updated_at" T " NOT NULL);"
	"CREATE TABLE IF NOT EXISTS backlog_steps ("
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  n integer NOT NULL CHECK (n >= 1),"
	"  due" T " NOT NULL, text" T " NOT NULL, added_at" T " NOT NULL, done_at" T ","
	"  PRIMARY KEY (case_id, n));"
	"CREATE INDEX IF NOT EXISTS backlog_steps_open ON backlog_steps(due)"
	"  WHERE done_at IS NULL;",

	/* 4: supervision orders, as the SQLite engine's migration 8 */
	"CREATE TABLE orders ("
	"  id" ID ","
	"  kind" T " NOT NULL, source" T " NOT NULL,"
	"  issuer_unit" T " NOT NULL REFERENCES units(code), issuer" T ","
	"  target_unit" T " NOT NULL REFERENCES units(code),"
	"  theme" T ", period_from" T ", period_to" T ", joint" T ","
	"  due" T " NOT NULL, text" T ","
	"  issued_at" T " NOT NULL, actor" T " NOT NULL,"
	"  result" T ", result_at" T ","
	"  reminded_at" T ", escalated_at" T ", escalated_to" T ");"
	"CREATE INDEX orders_open ON orders(due) WHERE result IS NULL;"
	"CREATE TABLE order_cases ("
	"  order_id bigint NOT NULL REFERENCES orders(id),"
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  PRIMARY KEY (order_id, case_id));"
	"CREATE INDEX order_cases_case ON order_cases(case_id);",

	/* 5: the register of risks, as the SQLite engine's migration 9 */
	"CREATE TABLE risks ("
	"  id" ID ","
	"  matter" T " NOT NULL, kind" T " NOT NULL, source" T " NOT NULL,"
	"  unit" T " NOT NULL REFERENCES units(code),"
	"  level" T " NOT NULL, step" T " NOT NULL,"
	"  found_at" T " NOT NULL, urgent_at" T ", created_at" T " NOT NULL);"
	"CREATE INDEX risks_unit ON risks(unit, found_at);"
	"CREATE INDEX risks_found ON risks(found_at);"
	"CREATE TABLE risk_events ("
	"  id" ID ","
	"  risk_id bigint NOT NULL REFERENCES risks(id),"
	"  at" T " NOT NULL, actor" T " NOT NULL, action" T " NOT NULL,"
	"  from_step" T ", to_step" T " NOT NULL, text" T ", unit" T " NOT NULL);"
	"CREATE INDEX risk_events_risk ON risk_events(risk_id, id);"
	"CREATE INDEX risk_events_at ON risk_events(at);"
	"CREATE TRIGGER risk_events_no_update BEFORE UPDATE ON risk_events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();"
	"CREATE TRIGGER risk_events_no_delete BEFORE DELETE ON risk_events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();"
	"CREATE TABLE risk_cases ("
	"  risk_id bigint NOT NULL REFERENCES risks(id),"
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  at" T " NOT NULL, PRIMARY KEY (risk_id, case_id));",

	/* 6: disputes and their mediation, as the SQLite engine's migration 10 */
	"CREATE TABLE disputes ("
	"  id" ID ","
	"  injured" T " NOT NULL, injured_phone" T ", accused" T " NOT NULL,"
	"  damage" T " NOT NULL, unit" T " NOT NULL REFERENCES units(code),"
	"  step" T " NOT NULL, filed_at" T " NOT NULL, consent_at" T ", due" T ","
	"  remedy" T ", outcome_at" T ", created_at" T " NOT NULL);"
	"CREATE INDEX disputes_unit ON disputes(unit, filed_at);"
	"CREATE INDEX disputes_due ON disputes(due) WHERE due IS NOT NULL;"
	"CREATE TABLE dispute_events ("
	"  id" ID ","
	"  dispute_id bigint NOT NULL REFERENCES disputes(id),"
	"  at" T " NOT NULL, actor" T " NOT NULL, action" T " NOT NULL,"
	"  from_step" T ", to_step" T " NOT NULL, day" T ", place" T ", text" T ","
	"  unit" T " NOT NULL);"
	"CREATE INDEX dispute_events_dispute ON dispute_events(dispute_id, id);"
	"CREATE TRIGGER dispute_events_no_update BEFORE UPDATE ON dispute_events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();"
	"CREATE TRIGGER dispute_events_no_delete BEFORE DELETE ON dispute_events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();"
	"CREATE TABLE dispute_cases ("
	"  dispute_id bigint NOT NULL REFERENCES disputes(id),"
	"  case_id bigint NOT NULL REFERENCES cases(id),"
	"  at" T " NOT NULL, PRIMARY KEY (dispute_id, case_id));",
	/* 7: the duty rosters of the key periods, as the SQLite engine's migration 11 */
	"CREATE TABLE rosters ("
	"  period" T " NOT NULL, day" T " NOT NULL, on_duty" T ", leader" T ","
	"  set_at" T " NOT NULL, PRIMARY KEY (period, day));"
	"CREATE TABLE roster_events ("
	"  id" ID ","
	"  period" T " NOT NULL, day" T " NOT NULL, at" T " NOT NULL, actor" T " NOT NULL,"
	"  on_duty" T ", leader" T ");"
	"CREATE TRIGGER roster_events_no_update BEFORE UPDATE ON roster_events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();"
	"CREATE TRIGGER roster_events_no_delete BEFORE DELETE ON roster_events"
	"  FOR EACH ROW EXECUTE FUNCTION petition_append_only();",
};

/* The triggers that keep the history append-only (petition-verify checks). */
static const char *const guards[] = {
	"events_no_update", "events_no_delete", "events_no_truncate",
};

#define NMIGRATIONS (int)(sizeof migrations / sizeof migrations[0])

static int schema_version(pt_db *db, int *version, pt_err *e)
{
	PGresult *r = pt_pg_exec(db, "SELECT to_regclass('petition_schema') IS NOT NULL", 0,
	                         NULL, "schema version", e);
	bool made;

	*version = 0;
	if (!r)
		return PT_EDB;
	made = !strcmp(PQgetvalue(r, 0, 0), "t");
	PQclear(r);
	if (made && !(r = pt_pg_exec(db, "SELECT max(version) FROM petition_schema", 0, NULL,
	                             "schema version", e)))
		return PT_EDB;
	if (made) {
		*version = atoi(PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	if (*version > NMIGRATIONS)
		return pt_error(e, PT_EDB, "%s: schema version %d is newer than this"
		                " program knows (%d)", db->path, *version, NMIGRATIONS);
	return PT_OK;
}

int pt_pg_check_current(pt_db *db, pt_err *e)
{
	int version, rc = schema_version(db, &version, e);

	if (!rc && version < NMIGRATIONS)
		return pt_error(e, PT_EDB, "%s: schema version %d is older than this program's"
		                " (%d): any tool that writes migrates it", db->path, version,
		                NMIGRATIONS);
	return rc;
}

static int migrate_locked(pt_db *db, int version, pt_err *e)
{
	char b[24];
	const char *v[] = {pt_pg_int(b, NMIGRATIONS)};
	int rc = PT_OK;

	for (int i = version; i < NMIGRATIONS && !rc; i++)
		rc = pt_pg_do(db, migrations[i], 0, NULL, "migrate", e);
	return rc ? rc : pt_pg_do(db, "UPDATE petition_schema SET version = $1::integer", 1, v,
	                          "migrate", e);
}

/*
 * Brings the schema up to date under the write lock, reading the version
 * again once it holds it: of processes that open a new store at once, one
 * creates the schema and the others find it made. *fresh: created here, the
 * transaction left open for the caller to seed and commit.
 */
int pt_pg_migrate(pt_db *db, bool readonly, bool *fresh, pt_err *e)
{
	int version, rc;

	*fresh = false;
	if ((rc = schema_version(db, &version, e)) || version == NMIGRATIONS)
		return rc;
	if (readonly)
		return version ? PT_OK :
			pt_error(e, PT_EDB, "%s: not a petition database (no schema)", db->path);
	if ((rc = pt_begin(db, e)) || (rc = schema_version(db, &version, e)) ||
	    (rc = migrate_locked(db, version, e)))
		goto fail;
	if (version == 0) {
		*fresh = true;
		return PT_OK;
	}
	return pt_commit(db, e);
fail:
	pt_rollback(db);
	return rc;
}

/* The first guard trigger missing from the store, or NULL. */
int pt_pg_guard_missing(pt_db *db, const char **missing, pt_err *e)
{
	*missing = NULL;
	for (size_t i = 0; i < sizeof guards / sizeof guards[0] && !*missing; i++) {
		const char *v[] = {guards[i]};
		PGresult *r = pt_pg_exec(db, "SELECT 1 FROM pg_trigger WHERE tgname = $1"
		                         " AND tgrelid = 'events'::regclass AND tgenabled <> 'D'",
		                         1, v, "triggers", e);
		if (!r)
			return PT_EDB;
		if (!PQntuples(r))
			*missing = guards[i];
		PQclear(r);
	}
	return PT_OK;
}
