#!/bin/sh
# A province's store on PostgreSQL, written at once by many: concurrent
# writers get gapless, unique case numbers and lose no case; two morning
# runs at once (two hosts) supervise each overdue case once; a bulk import
# killed with SIGKILL leaves all of it or nothing. Runs with
# PETITION_TEST_DB=pg (make check-pg); PETITION_PG_WRITERS (default 16) and
# PETITION_PG_REGS (default 500) size the crowd.
. "$(dirname "$0")/lib.sh"

if [ "$T_ENGINE" != pg ]; then
	echo "1..0 # skip the PostgreSQL store only (PETITION_TEST_DB=pg)"
	exit 0
fi
W=${PETITION_PG_WRITERS:-16}
R=${PETITION_PG_REGS:-500}
BATCH=50

# records NAME N: N registrations, subjects NAME-1 .. NAME-N
records() {
	awk -v n="$2" -v w="$1" 'BEGIN { for (i = 1; i <= n; i++)
		printf "{\"received_at\":\"2017-05-%02d\",\"channel\":\"web\",\"unit\":\"510802\",\"subject\":\"%s-%d\"}\n", 1 + i % 28, w, i }'
}

# --- concurrent writers ----------------------------------------------------

padd -q --received-at 2017-05-01 --channel web --unit 510802 --subject seed </dev/null
for w in $(seq 1 "$W"); do
	(
		records "w$w" "$R" | split -l "$BATCH" - "$T_DIR/w$w."
		rc=0
		for f in "$T_DIR/w$w".*; do
			padd -q <"$f" 2>>"$T_DIR/w$w.err" || rc=$?
		done
		echo "$rc" >"$T_DIR/w$w.rc"
	) &
done
wait
rcs=$(cat "$T_DIR"/w*.rc | sort -u | paste -sd ' ' -)
is "$rcs" 0 "$W writers x $R registrations, $BATCH a transaction: every invocation exits 0"
is "$(cat "$T_DIR"/w*.err)" "" "... nothing on stderr (no conflict left unretried)"
qlist -f csv </dev/null | tail -n +2 | cut -d, -f2,14 | tr -d '"' >"$T_DIR/all.csv"
total=$((W * R + 1))
is "$(wc -l <"$T_DIR/all.csv" | tr -d ' ')" "$total" "$total cases stored: none lost"
is "$(cut -d, -f1 "$T_DIR/all.csv" | sort -u | wc -l | tr -d ' ')" "$total" "every case number unique"
is "$(cut -d, -f1 "$T_DIR/all.csv" | sort | sed -n '1p;$p' | paste -sd ' ' -)" \
	"GY-2017-000001 $(printf 'GY-2017-%06d' "$total")" "numbered 1 to $total: no gap"
missing=0
for w in $(seq 1 "$W"); do
	n=$(grep -c ",w$w-[0-9]*\$" "$T_DIR/all.csv")
	[ "$n" -eq "$R" ] || missing=$((missing + R - n))
done
is "$missing" 0 "every writer's $R subjects are there"

# --- a writer that waits too long ----------------------------------------------

# another session holds the store's write lock (the advisory lock every
# writer takes) for 12 s: a writer gives up after 10 s, nothing written
printf 'BEGIN; SELECT pg_advisory_xact_lock(7041, 1); SELECT pg_sleep(12); COMMIT;\n' |
	psql -q -X "$T_PGDB" >/dev/null 2>&1 &
holder=$!
sleep 1
sum=$(dbsum)
run padd -q --received-at 2017-05-02 --channel web --unit 510802 --subject late </dev/null
is "$RC:$ERR" "5:petition-add: $PETITION_DB: begin: database is busy (waited 10 s)" \
	"a writer waiting more than 10 s for the lock: exit 5, busy"
is "$(dbsum)" "$sum" "... nothing written"
wait "$holder"

# --- two morning runs at once ------------------------------------------------

fresh_store
records esc 200 | padd -q
for h in a b; do
	"$PETITION_BIN/petition-escalate" --now 2017-07-01T07:00:00+08:00 -f csv \
		>"$T_DIR/esc.$h" 2>"$T_DIR/esc.$h.err" </dev/null &
done
wait
is "$(cat "$T_DIR/esc.a.err" "$T_DIR/esc.b.err")" "" "two escalate runs at once: no error"
printed=$(cat "$T_DIR/esc.a" "$T_DIR/esc.b" | grep -c '^"supervise"')
is "$printed" 200 "the two runs print 200 supervisions between them"
sups=$(qshow -f jsonl $(seq 1 200) </dev/null | jget '.supervisions|length' | sort | uniq -c |
	tr -s ' ' | paste -sd ' ' -)
is "$sups" " 200 1" "each of the 200 overdue cases is supervised exactly once"

# --- SIGKILL during a bulk import ---------------------------------------------

fresh_store
records bulk 5000 >"$T_DIR/bulk.jsonl"
verdicts=''
for delay in 0.2 0.5 1.0; do
	before=$(ncases)
	"$PETITION_BIN/petition-add" -q <"$T_DIR/bulk.jsonl" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	after=$(ncases)
	case $((after - before)) in
	0|5000) verdicts="$verdicts ok" ;;
	*) verdicts="$verdicts $((after - before))" ;;
	esac
done
is "$verdicts" " ok ok ok" "a bulk import killed at 0.2, 0.5 and 1 s: all 5000 or none"
run padd -q <"$T_DIR/bulk.jsonl"
is "$RC:$ERR" "0:" "the import run again completes"
run "$PETITION_BIN/petition-verify" </dev/null
is "$RC" 0 "and the history verifies"

done_testing
