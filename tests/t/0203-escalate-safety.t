#!/bin/sh
# petition-escalate is safe to run from cron: (a) beside a clerk's
# petition-handle on the same database, both succeed and both effects stay;
# (b) a run killed half-way (kill -9) leaves all of its work or none, the
# database intact, and the next run does the work.
T_TOOLS="petition-escalate"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

ESC=$PETITION_BIN/petition-escalate
HANDLE=$PETITION_BIN/petition-handle
NOW=2017-05-01T07:30:00+08:00

# cases N RECEIVED: a CSV of N letters received on RECEIVED at 利州区
cases() {
	echo received_at,channel,unit,subject
	i=0
	while [ "$i" -lt "$1" ]; do
		i=$((i + 1))
		echo "$2,letter,510802,事由$i"
	done
}
# tally DB: as petition-show prints every case of DB, "S/E/N/B/C/K": S
# supervision records, E supervise and backlog events by cron, N notes by
# 李科员, B backlog cases, C cases with a note, K of them backlog
tally() {
	qshow --db "$1" --format jsonl $(qlist --db "$1" --format jsonl </dev/null | jget .id) </dev/null |
		"$PYTHON" -c '
import json, sys
s = e = n = b = c = k = 0
for l in sys.stdin:
    case = json.loads(l)
    h = case["history"]
    s += len(case["supervisions"])
    e += sum(1 for x in h if x["action"] in ("supervise", "backlog") and x["actor"] == "cron")
    notes = sum(1 for x in h if x["action"] == "note" and x["actor"] == "李科员")
    n += notes
    b += case["backlog"]
    c += notes > 0
    k += notes > 0 and case["backlog"]
print("%d/%d/%d/%d/%d/%d" % (s, e, n, b, c, k))
'
}
skip() { T_N=$((T_N + 1)); echo "ok $T_N # skip $1"; }
# Received 2017-01-20: on 05-01 the accept clock (due 02-04) is overdue and
# the case is open for more than 90 days, so each case gets two records,
# supervise and backlog, and two events.

# === (a) the cron run and a clerk at the same moment ============================

BASE=$T_DIR/base-a.db
cases 300 2017-01-20 | padd -q --db "$BASE" --now 2017-01-20T18:00:00+08:00 ||
	diag "set-up: petition-add failed"
is "$(ncases "$BASE")" 300 "set up: 300 cases"

IDS=$(seq 1 40 | tr '\n' ' ')
got='' want='' chk=''
for round in 1 2 3 4; do
	db=$T_DIR/a$round.db
	cp "$BASE" "$db"
	if [ "$round" -le 2 ]; then
		# the clerk names 40 cases on the command line
		"$ESC" --db "$db" --now "$NOW" --actor cron >"$T_DIR/esc.out" 2>"$T_DIR/esc.err" </dev/null &
		pe=$!
		# shellcheck disable=SC2086
		"$HANDLE" --db "$db" --now "$NOW" --actor 李科员 --note 现场核查 -q $IDS >"$T_DIR/h.out" 2>"$T_DIR/h.err" </dev/null &
		ph=$!
	else
		# the clerk's cases come down a slow pipe: petition-handle holds
		# its transaction while it waits for the next line
		"$ESC" --db "$db" --now "$NOW" --actor cron >"$T_DIR/esc.out" 2>"$T_DIR/esc.err" </dev/null &
		pe=$!
		{ seq 1 20; sleep 0.2; seq 21 40; } |
			"$HANDLE" --db "$db" --now "$NOW" --actor 李科员 --note 现场核查 -q >"$T_DIR/h.out" 2>"$T_DIR/h.err" &
		ph=$!
	fi
	rce=0; wait "$pe" || rce=$?
	rch=0; wait "$ph" || rch=$?
	[ "$rce$rch" = 00 ] || diag "round $round: petition-escalate exit $rce: $(cat "$T_DIR/esc.err")" \
		"petition-handle exit $rch: $(cat "$T_DIR/h.err")"
	t=$(tally "$db")
	got="$got$round:$rce/$rch/$(grep -c . "$T_DIR/esc.out")/${t%/*/*} "
	want="$want$round:0/0/600/600/600/40/300 "
	[ "$T_ENGINE" = sqlite ] && chk="$chk$(sql 'PRAGMA integrity_check' "$db") "   # sqlite-only: the file
done
is "$got" "$want" \
	"4 rounds: both exit 0; escalate printed 600 actions, recorded 600 supervisions and events; 40 notes; 300 backlog flags kept"
if [ "$T_ENGINE" = sqlite ]; then
	is "$chk" "ok ok ok ok " "... the database files pass PRAGMA integrity_check"
else
	skip "PRAGMA integrity_check is about the SQLite file"
fi
is "${t#*/*/*/*/}" 40/40 \
	"the notes are on 40 different cases, each keeping the backlog flag set beside it (no lost update)"
run "$ESC" --db "$T_DIR/a4.db" --now "$NOW" </dev/null
is "$(tally "$T_DIR/a4.db")" 600/600/40/300/40/40 "a later run adds nothing"

# === (b) a run killed half-way =============================================

sqlite_only "a run killed half-way: the SQLite file's journal keeps all of its work or none"
count() { sql "$1" "$2"; }

N=3000
FULL=$((2 * N))
BASE=$T_DIR/base-b.db
cases "$N" 2017-01-20 | padd -q --db "$BASE" --now 2017-01-20T18:00:00+08:00 ||
	diag "set-up: petition-add failed"
is "$(count 'SELECT count(*) FROM cases' "$BASE")" "$N" "set up: $N cases"
EV0=$(count 'SELECT count(*) FROM events' "$BASE")

# a complete run, timed, to know what "all" is and how long it takes
cp "$BASE" "$T_DIR/ref.db"
t0=$(date +%s%N)
run "$ESC" --db "$T_DIR/ref.db" --now "$NOW" </dev/null
t1=$(date +%s%N)
is_rc 0 "an uninterrupted run"
is "$(printf '%s\n' "$OUT" | grep -c .)" "$FULL" "it prints $FULL actions ($N supervise, $N backlog)"
is "$(count 'SELECT count(*) FROM supervisions' "$T_DIR/ref.db")" "$FULL" "... and records $FULL supervisions"
case $t0$t1 in *N*|'') dur=0.2 ;; *) dur=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') ;; esac
note "an uninterrupted run took $dur s"

# kill -9 after delays spread over the run's duration (at least 0.01 s)
got='' want='' killed=0 delays='' verdicts=''
seed=$(( $(date +%s) % 100000 + $$ ))
for i in 1 2 3 4 5 6; do
	db=$T_DIR/k$i.db
	cp "$BASE" "$db"
	delay=$(awk -v s="$seed" -v d="$dur" -v i="$i" \
		'BEGIN { srand(s + i); x = 0.01 + d * (i - 1 + rand()) / 6; if (x > 0.3 + d) x = 0.3 + d; printf "%.3f", x }')
	delays="$delays $delay"
	"$ESC" --db "$db" --now "$NOW" >"$T_DIR/k.out" 2>"$T_DIR/k.err" </dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	rc=0; { wait "$pid"; } 2>/dev/null || rc=$?   # no "Killed" from the shell
	[ "$rc" = 137 ] && killed=$((killed + 1))
	sup=$(count 'SELECT count(*) FROM supervisions' "$db")
	ev=$(( $(count 'SELECT count(*) FROM events' "$db") - EV0 ))
	printed=$(grep -c . "$T_DIR/k.out")
	chk=$(count 'PRAGMA integrity_check' "$db")
	# all or none; events match; what was printed was done
	verdict=bad
	case $sup/$ev/$printed in
	0/0/0) verdict=none ;;
	$FULL/$FULL/*) verdict=all ;;   # killed while printing: a part of it
	esac
	[ "$verdict" = bad ] && diag "delay $delay s, exit $rc: $sup supervisions, $ev events, $printed lines printed"
	verdicts="$verdicts $verdict"
	got="$got$i:$chk:$([ "$verdict" = bad ] && echo bad || echo ok) "
	want="$want$i:ok:ok "
done
note "kill -9 after$delays s: $killed of 6 runs killed before they ended; work left:$verdicts"
is "$got" "$want" "6 runs killed after random delays: integrity ok, supervisions 0 or $FULL, events to match, printed only if done"

# the next normal run does the work
db=$T_DIR/k1.db
run "$ESC" --db "$db" --now "$NOW" </dev/null
is_rc 0 "a normal run after a killed one"
is "$(count 'SELECT count(*) FROM supervisions' "$db")/$(( $(count 'SELECT count(*) FROM events' "$db") - EV0 ))/$(count 'SELECT count(*) FROM cases WHERE backlog = 1' "$db")" \
	"$FULL/$FULL/$N" "... completes the work: $FULL supervisions and events, $N backlog flags"
is "$(count 'PRAGMA integrity_check' "$db")" ok "... integrity ok"
run "$ESC" --db "$db" --now "$NOW" </dev/null
is "$(count 'SELECT count(*) FROM supervisions' "$db")" "$FULL" "a further run adds nothing"

done_testing
