# Sourced by run.sh: the lifecycle tools over every case of $WORK/cases-N.db
# (the first size), the cases read from a pipe of petition-list, and the
# morning run with every case open and overdue.
# Targets: accept, reply, deliver and close at 20,000 cases a second (the
# sqlite3 shell doing the same UPDATE of the cases and INSERT of their events
# in one transaction, for the record); petition-escalate within 5x the shell
# inserting the same supervisions and their events, and its second run of the
# same morning under a second.
set -- $SIZES
ACT_N=$1
ACT_DB=$WORK/act.db
ACT_SECS=$(awk -v n="$ACT_N" 'BEGIN { printf "%gs", n / 20000 }')
cp "$WORK/cases-$ACT_N.db" "$ACT_DB"

# act_base SQL: the shell's time for SQL on a copy of the store as it is.
act_base() {
	cp "$ACT_DB" "$WORK/act-base.db"
	rm -f "$WORK/act-base.db-wal" "$WORK/act-base.db-shm"
	measure sqlite3 "$WORK/act-base.db" "BEGIN; $1 COMMIT;"
	ACT_BASE=$SECS
	rm -f "$WORK/act-base.db" "$WORK/act-base.db-wal" "$WORK/act-base.db-shm"
}

# act_events FROM TO ACTION AT: the events of the cases now in status TO.
act_events() {
	echo "INSERT INTO events(case_id, at, actor, action, from_status, to_status,
	 details, unit, changes, arrived_at) SELECT id, '$4', 'bench', '$3', '$1', '$2',
	 json_object('unit', unit), unit, json_object('sets', json_object('status', '$2')),
	 '$4' FROM cases WHERE status = '$2';"
}

# act NAME NOW SET FROM TO TOOL ARGS...: one action over every case in FROM.
act() {
	local name=$1 now=$2 set=$3 from=$4 to=$5 at
	shift 5
	at=$(date -u -d "$now" '+%Y-%m-%dT%H:%M:%SZ')
	bin/petition-list --db "$ACT_DB" --status "$from" --format jsonl --now "$now" \
		> "$WORK/act.jsonl"
	act_base "UPDATE cases SET status = '$to', $set, updated_at = '$at'
	 WHERE status = '$from'; $(act_events "$from" "$to" "$name" "$at")"
	measure "$@" --db "$ACT_DB" -q --now "$now" < "$WORK/act.jsonl"
	local left
	left=$(sqlite3 "$ACT_DB" "SELECT count(*) FROM cases WHERE status = '$from'")
	[ "$left" = 0 ] || die "$name: $left cases still $from"
	printf '%-8s %9s cases  %8.2f s  %8.0f cases/s  %8.1f MB  sqlite3 %6.2f s\n' "$name" \
		"$ACT_N" "$SECS" "$(awk -v n="$ACT_N" -v s="$SECS" 'BEGIN { print (s > 0 ? n / s : 0) }')" \
		"$(awk -v k="$KB" 'BEGIN { print k / 1024 }')" "$ACT_BASE"
	result "$name $ACT_N cases from a pipe" "$SECS" "$KB" "$ACT_BASE" \
		"sqlite3: UPDATE cases, INSERT events" "$ACT_SECS"
}

echo
echo "the lifecycle tools over $ACT_N cases read from petition-list --format jsonl"
act accept 2018-01-01T09:00:00+08:00 \
	"category = 'petition', reply_due = '2018-03-02'" registered accepted \
	bin/petition-assign --accept --category petition
act reply 2018-01-02T09:00:00+08:00 \
	"replied_at = '2018-01-02T01:00:00Z', outcome = 'explain'" accepted replied \
	bin/petition-handle --reply "已办理" --outcome explain
act deliver 2018-01-03T09:00:00+08:00 \
	"delivered_at = '2018-01-03T01:00:00Z', review_due = '2018-03-05'" replied delivered \
	bin/petition-handle --deliver
act close 2018-03-10T09:00:00+08:00 \
	"closed_at = '2018-03-10T01:00:00Z'" delivered closed \
	bin/petition-handle --close
rm -f "$ACT_DB" "$ACT_DB-wal" "$ACT_DB-shm" "$WORK/act.jsonl"

# The morning run with every case open and its deadline passed (as extra.sh
# makes DUE of them), beside the shell inserting the same records in one
# transaction: the supervision of each due clock and its event, and each
# case it files as backlog (its supervision row, its event, its flag).
ESC_DB=$WORK/esc-all.db
cp "$WORK/cases-$ACT_N.db" "$ESC_DB"
sqlite3 "$ESC_DB" "
	UPDATE deadlines SET stopped_at = '2017-12-31T00:00:00Z';
	UPDATE cases SET status = 'accepted', backlog = 0, leader = NULL;
	UPDATE deadlines SET stopped_at = NULL, due = '2017-12-20';"
ACT_DB=$ESC_DB
DUE_SQL="FROM deadlines d JOIN cases c ON c.id = d.case_id
 WHERE d.stopped_at IS NULL AND d.duty = 1 AND d.due < '2018-01-01'"
# the cases the run files as backlog: open more than 90 days, or a third petition
BACKLOG_SQL="FROM cases WHERE backlog = 0
 AND (received_at < '2017-10-02T16:00:00Z' OR repeats >= 2)"
act_base "INSERT INTO supervisions(case_id, clock, action, kind, unit, handler, leader,
 at, due, days_overdue, rule) SELECT d.case_id, d.clock, 'supervise', 'individual',
 c.unit, c.handler, c.leader, '2018-01-01T00:00:00Z', d.due,
 julianday('2018-01-01') - julianday(d.due),
 d.clock || ' due ' || d.due || ': individual supervision (督办)' $DUE_SQL;
 INSERT INTO events(case_id, at, actor, action, from_status, to_status, details, unit,
 changes, arrived_at) SELECT d.case_id, '2018-01-01T00:00:00Z', 'bench', 'supervise',
 c.status, c.status, json_object('clock', d.clock, 'due', d.due, 'kind', 'individual',
 'unit', c.unit), c.unit, '{}', '2018-01-01T00:00:00Z' $DUE_SQL;
 INSERT INTO supervisions(case_id, clock, action, kind, unit, at, rule)
 SELECT id, 'backlog', 'backlog', 'individual', unit, '2018-01-01T00:00:00Z',
 'backlog (积案): open since 2016-01-01, more than 90 days' $BACKLOG_SQL;
 INSERT INTO events(case_id, at, actor, action, from_status, to_status, details, unit,
 changes, arrived_at) SELECT id, '2018-01-01T00:00:00Z', 'bench', 'backlog', status,
 status, json_object('clock', 'backlog', 'kind', 'individual', 'unit', unit), unit,
 json_object('sets', json_object('backlog', '1')), '2018-01-01T00:00:00Z' $BACKLOG_SQL;
 UPDATE cases SET backlog = 1, updated_at = '2018-01-01T00:00:00Z' WHERE backlog = 0
 AND (received_at < '2017-10-02T16:00:00Z' OR repeats >= 2);"
BACKLOG_N=$(sqlite3 "$ESC_DB" "SELECT count(*) $BACKLOG_SQL")
echo
echo "petition-escalate: all $ACT_N cases open and overdue"
for run in first again; do
	measure bin/petition-escalate --db "$ESC_DB" --now 2018-01-01T08:00:00+08:00 \
		--format jsonl > "$WORK/esc.out"
	printf '%-6s %8.2f s  %8.1f MB  %8s actions  sqlite3 %6.2f s\n' "$run" "$SECS" \
		"$(awk -v k="$KB" 'BEGIN { print k / 1024 }')" "$(wc -l < "$WORK/esc.out")" "$ACT_BASE"
	if [ "$run" = first ]; then
		filed=$(sqlite3 "$ESC_DB" "SELECT count(*) FROM cases WHERE backlog = 1")
		[ "$filed" = "$BACKLOG_N" ] || die "escalate filed $filed backlog cases, the baseline $BACKLOG_N"
		result "petition-escalate, $ACT_N due" "$SECS" "$KB" "$ACT_BASE" \
			"sqlite3: the same records" "5x"
	else
		result "petition-escalate again, same morning" "$SECS" "$KB" 0 "-" "1s"
	fi
done
rm -f "$ESC_DB" "$ESC_DB-wal" "$ESC_DB-shm" "$WORK/esc.out"
