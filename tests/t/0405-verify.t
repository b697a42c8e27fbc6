#!/bin/sh
# petition-verify: the history's hash chain and every case beside its events.
# Each way the sqlite3 shell lets someone with the file rewrite the history
# (dropping the triggers first, as they can) is found, and the first broken
# event named, exit 3; an intact store is exit 0.
T_TOOLS="petition-verify"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

pverify() { "$PETITION_BIN/petition-verify" "$@"; }
ok "three cases" sh -c 'for i in 1 2 3; do
	"$PETITION_BIN/petition-add" -q --received-at "2017-05-2${i}T09:00" --channel letter \
		--unit 510800 --subject "废水 $i" </dev/null || exit 1; done'
ok "accept case 1" p_assign -q --accept --category enforcement 1 </dev/null
ok "a note on case 2" p_handle -q --note '已回访' 2 </dev/null
ok "a note on case 3" p_handle -q --note '已核实' 3 </dev/null
is "$(qshow --format csv 1 2 3 </dev/null | tail -n +2 | grep -c .)" 6 "six events: 1-3 registrations, 4 accept, 5-6 notes"

run pverify </dev/null
is_rc 0 "an intact store: exit 0"
like "$OUT" '^intact: 6 events in one chain, 3 cases agree with their events' "... saying so"
head=$(printf '%s\n' "$OUT" | sed -n 's/^head //p')
like "$head" '^[0-9a-f]{64}$' "... and printing the head hash"
run pverify --head "$head" </dev/null
is_rc 0 "the head it printed is in the chain"
run pverify extra </dev/null
is_rc 2 "an operand is a usage error"
run pverify --head 123 </dev/null
is_rc 2 "a --head that is not a hash is a usage error"

# === the sqlite3 shell rewriting the history ==================================

sqlite_only "the sqlite3 shell rewriting the history in the SQLite file"
cp "$PETITION_DB" "$T_DIR/pristine.db"

# tamper NAME SQL: a fresh copy of the store, rewritten by the sqlite3 shell
tamper() {
	cp "$T_DIR/pristine.db" "$T_DIR/$1.db"
	sqlite3 -batch "$T_DIR/$1.db" "$2" || diag "the sqlite3 shell refused: $2"
	PETITION_DB="$T_DIR/$1.db"
}
UPDATE_GUARD="CREATE TRIGGER events_no_update BEFORE UPDATE ON events
	BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
DELETE_GUARD="CREATE TRIGGER events_no_delete BEFORE DELETE ON events
	BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"

# found NAME EVENT DESCRIPTION: petition-verify exits 3 naming EVENT first
found() {
	run pverify </dev/null
	is_rc 3 "$3: exit 3"
	like "$(printf '%s\n' "$ERR" | head -n 1)" "^petition-verify: event $2 \\(case " \
		"... naming event $2 first"
	PETITION_DB="$T_DIR/petition.db"
}

tamper details "DROP TRIGGER events_no_update;
	UPDATE events SET details = '{\"text\":\"没有回访\",\"unit\":\"510800\"}' WHERE id = 5;
	$UPDATE_GUARD"
found details 5 "an event's details changed"

tamper actor "DROP TRIGGER events_no_update; UPDATE events SET actor = 'x' WHERE id = 2;
	$UPDATE_GUARD"
found actor 2 "an event's actor changed"

tamper delete "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 4; $DELETE_GUARD"
found delete 5 "an event deleted: the one after it no longer follows"

tamper forged "INSERT INTO events(case_id, at, actor, action, from_status, to_status, details)
	VALUES (2, '2017-06-01T01:00:00Z', 'tester', 'note', 'registered', 'registered', '{}')"
found forged 7 "a forged event appended"

tamper forged-hash "INSERT INTO events(case_id, at, actor, action, from_status, to_status, hash)
	SELECT 2, at, actor, 'note', 'registered', 'registered', hash FROM events WHERE id = 6"
found forged-hash 7 "a forged event with a copied hash"

tamper reorder "DROP TRIGGER events_no_update;
	UPDATE events SET id = 100 WHERE id = 5; UPDATE events SET id = 5 WHERE id = 6;
	UPDATE events SET id = 6 WHERE id = 100; $UPDATE_GUARD"
found reorder 5 "two events swapped"

tamper replace "DROP TRIGGER events_no_replace;
	INSERT OR REPLACE INTO events(id, case_id, at, actor, action, from_status, to_status,
	  details, hash)
	SELECT id, case_id, at, 'someone else', action, from_status, to_status, details, hash
	FROM events WHERE id = 3"
run pverify </dev/null
is_rc 3 "the replace trigger dropped and an event replaced: exit 3"
like "$ERR" 'trigger events_no_replace is missing' "... naming the missing trigger"
like "$ERR" 'petition-verify: event 3 \(case ' "... and the replaced event"
PETITION_DB="$T_DIR/petition.db"

tamper status "UPDATE cases SET status = 'closed' WHERE id = 2"
run pverify </dev/null
is_rc 3 "a case's status changed without an event: exit 3"
like "$ERR" '^petition-verify: case [^ ]+: its status is "closed" but its events give "registered" \(event 5\)' \
	"... naming the case and its last event"
PETITION_DB="$T_DIR/petition.db"

tamper due "UPDATE cases SET reply_due = '2099-01-01' WHERE id = 1"
run pverify </dev/null
is_rc 3 "a reply due date changed without an event: exit 3"
like "$ERR" 'its reply_due is "2099-01-01" but its events give "[0-9-]+" \(event 4\)' \
	"... naming the event that set it"
PETITION_DB="$T_DIR/petition.db"

tamper unit "UPDATE cases SET unit = '510802' WHERE id = 3"
run pverify </dev/null
is_rc 3 "a case moved to another unit without an event: exit 3"
like "$ERR" 'its unit is "510802" but its events give "510800" \(event 6\)' "... naming the event"
PETITION_DB="$T_DIR/petition.db"

tamper trigger "DROP TRIGGER events_no_delete"
run pverify </dev/null
is_rc 3 "a guard trigger dropped: exit 3"
like "$ERR" 'trigger events_no_delete is missing' "... naming it"
PETITION_DB="$T_DIR/petition.db"

tamper tail "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 6; $DELETE_GUARD"
run pverify --head "$head" </dev/null
is_rc 3 "the newest event removed: exit 3 against the head recorded earlier"
like "$ERR" "the head $head recorded earlier is not in the chain" "... saying so"
PETITION_DB="$T_DIR/petition.db"

# --- a store made before the chain migrates, its chain computed ----------------
# (schema version 5 added the chain: a store of version 4 has none)

tamper old "DROP TABLE dispute_cases; DROP TABLE dispute_events; DROP TABLE disputes;
	DROP TABLE roster_events; DROP TABLE rosters;
	DROP TABLE risk_cases; DROP TABLE risk_events; DROP TABLE risks;
	DROP TRIGGER events_no_replace; DROP TRIGGER events_no_update;
	DROP INDEX events_event_id; DROP INDEX events_lamport; DROP TABLE settings;
	DROP TABLE visit_cases; DROP TABLE visits; DROP TABLE reception_schedule;
	DROP TABLE order_cases; DROP TABLE orders;
	ALTER TABLE cases DROP COLUMN origin_case_no;
	ALTER TABLE events DROP COLUMN event_id; ALTER TABLE events DROP COLUMN origin;
	ALTER TABLE events DROP COLUMN lamport; ALTER TABLE events DROP COLUMN changes;
	ALTER TABLE events DROP COLUMN arrived_at;
	ALTER TABLE events DROP COLUMN hash; $UPDATE_GUARD PRAGMA user_version = 4"
ok "a store of schema version 4 opens" p_handle -q --note '迁移后' 1 </dev/null
run pverify </dev/null
is_rc 0 "its chain was computed by the migration: intact"
like "$OUT" "^intact: 7 events" "... with the event added after it"
RC=0; sqlite3 -batch "$PETITION_DB" "INSERT OR REPLACE INTO events(id, case_id, at, actor, action)
	VALUES (1, 1, 'x', 'x', 'x')" >"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
isnt "$RC" 0 "... and refuses INSERT OR REPLACE"
PETITION_DB="$T_DIR/petition.db"

done_testing
