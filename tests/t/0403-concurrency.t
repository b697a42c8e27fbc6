#!/bin/sh
# Concurrent writers (issue 6, item 4): 8 processes register, accept and
# annotate their own cases at once (2,000 operations in all), while
# petition-escalate (a writer too: the cases are overdue and old) and
# petition-report run in a loop until they finish.  Every operation must
# succeed (a busy error after the timeout would be allowed by the spec, but
# none should happen at this load), and the final counts must match exactly
# what the workers did.
#
# PETITION_CONCURRENCY_OPS (default 2000) is the number of operations in
# all, shared by PETITION_CONCURRENCY_WORKERS (default 8) workers: smaller
# for slow builds (valgrind), the default passes under ASan.
#
# Under valgrind every run is valgrind's (T_MEMCHECK=all): the lock waits
# are measured at its speed.
T_MEMCHECK=all
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

OPS=${PETITION_CONCURRENCY_OPS:-2000}
W=${PETITION_CONCURRENCY_WORKERS:-8}
PER=$((OPS / W))
REPORT=$PETITION_BIN/petition-report
skip() { T_N=$((T_N + 1)); echo "ok $T_N # skip $1"; }
# snap: every case as petition-show prints it, kept in $T_DIR/store.jsonl
snap() { qshow --format jsonl $(qlist --format jsonl </dev/null | jget .id) </dev/null >"$T_DIR/store.jsonl"; }
# cq EXPR: EXPR, a Python expression over C (the cases of the last snap), E
# (their events, each naming its case_no) and S (their supervision records,
# each with the case's "case_no")
cq() {
	"$PYTHON" -c '
import json, sys
C = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
E = [e for c in C for e in c["history"]]
S = [dict(s, case_no=c["case_no"]) for c in C for s in c["supervisions"]]
print(eval(sys.argv[1]))
' "$1" "$T_DIR/store.jsonl"
}

# the database exists before the crowd arrives (one case, by the tester)
mk 2017-01-05 510802
is "$(ncases)" 1 "set up: a database with one case"

# worker N: PER operations, in turns: add a case (received 2017-01-10 at one
# of the counties: overdue to be accepted, and open for more than 90 days),
# accept it, note it.  Each operation's name and exit code go to
# $T_DIR/wN.rc, stderr to $T_DIR/wN.err.
worker() {
	w_n=$1 w_j=0 w_k=0 w_case=''
	export PETITION_ACTOR="worker-$w_n"
	set -- 510802 510811 510812 510821 510822 510823 510824
	while [ "$w_j" -lt "$PER" ]; do
		case $((w_j % 3)) in
		0)
			w_k=$((w_k + 1)) w_case=W$w_n-2017-$w_k w_op=add
			w_u=$1; shift; set -- "$@" "$w_u"     # the counties in turn
			padd -q --case-no "$w_case" --received-at 2017-01-10 --channel hotline \
				--unit "$w_u" --subject "工作者$w_n 的第$w_k件：夜间噪声" </dev/null
			;;
		1)
			w_op=accept
			p_assign -q --accept --category petition "$w_case" </dev/null
			;;
		2)
			w_op=note
			p_handle -q --note "第$w_j次核查" "$w_case" </dev/null
			;;
		esac
		echo "$w_op $? $w_case"
		w_j=$((w_j + 1))
	done >"$T_DIR/w$w_n.rc" 2>"$T_DIR/w$w_n.err"
}

# the cron and the analyst: petition-escalate and petition-report in turns
# until $T_DIR/done appears
loop() {
	while [ ! -e "$T_DIR/done" ]; do
		pesc --actor cron >/dev/null
		echo "escalate $?"
		"$REPORT" --by unit >/dev/null
		echo "report $?"
	done >"$T_DIR/loop.rc" 2>"$T_DIR/loop.err"
}

t0=$(date +%s)
loop &
lpid=$!
pids=''
n=0
while [ "$n" -lt "$W" ]; do
	n=$((n + 1))
	worker "$n" &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done
touch "$T_DIR/done"
wait "$lpid"
t1=$(date +%s)
note "$W workers x $PER operations, with the escalate/report loop: $((t1 - t0)) s"

# --- every operation succeeded ----------------------------------------------

cat "$T_DIR"/w*.rc >"$T_DIR/all.rc"
total=$(grep -c . "$T_DIR/all.rc")
is "$total" "$((W * PER))" "$((W * PER)) operations were run"
bad=$(awk '$2 != 0' "$T_DIR/all.rc")
is "$bad" "" "every operation exited 0"
[ -z "$bad" ] || diag "$(cat "$T_DIR"/w*.err | sort | uniq -c | sort -rn | head -20)"
is "$(cat "$T_DIR"/w*.err)" "" "the workers wrote nothing on stderr"
lacks "$(cat "$T_DIR"/w*.err "$T_DIR/loop.err")" busy "no busy error anywhere"

snap
esc=$(grep -c '^escalate' "$T_DIR/loop.rc")
rep=$(grep -c '^report' "$T_DIR/loop.rc")
note "the loop ran petition-escalate $esc times and petition-report $rep times;" \
	"they recorded $(cq 'len(S)') supervisions meanwhile"
ok "petition-escalate ran during the work" test "$esc" -ge 1
is "$(awk '$2 != 0' "$T_DIR/loop.rc")" "" "every petition-escalate and petition-report exited 0"
is "$(cat "$T_DIR/loop.err")" "" "... with nothing on stderr"

# --- the counts match exactly -------------------------------------------------

adds=$(grep -c '^add ' "$T_DIR/all.rc")
accepts=$(grep -c '^accept ' "$T_DIR/all.rc")
notes=$(grep -c '^note ' "$T_DIR/all.rc")
note "$adds adds, $accepts accepts, $notes notes"
ev() { cq "sum(1 for e in E if e['action'] == '$1' and e['actor'].startswith('worker-'))"; }
is "$(ncases)" "$((adds + 1))" "cases: the $adds added and the first one"
is "$(ev register)" "$adds" "register events: $adds"
is "$(ev accept)" "$accepts" "accept events: $accepts"
is "$(ev note)" "$notes" "note events: $notes"
is "$(cq "sum(1 for c in C if c['case_no'].startswith('W') and c['status'] == 'accepted')")" "$accepts" \
	"accepted cases: $accepts"
is "$(cq "sum(1 for e in E if e['actor'] not in ('cron', 'tester') and not e['actor'].startswith('worker-'))")" 0 \
	"no event by anyone else"

# each worker's own work, under its own name, on its own cases
got='' want=''
n=0
while [ "$n" -lt "$W" ]; do
	n=$((n + 1))
	a=$(grep -c '^add ' "$T_DIR/w$n.rc") c=$(grep -c '^accept ' "$T_DIR/w$n.rc") o=$(grep -c '^note ' "$T_DIR/w$n.rc")
	want="$want$n:$a/$c/$o "
done
got=$(cq "' '.join('%d:' % n + '/'.join(str(sum(1 for e in E if e['actor'] == 'worker-%d' % n and
	e['action'] == a and e['case_no'].startswith('W%d-' % n))) for a in ('register', 'accept', 'note'))
	for n in range(1, $W + 1)) + ' '")
is "$got" "$want" "each worker's register/accept/note events are on its own cases, under its name"

# every case has one register event and, if accepted, one accept event
is "$(cq "sum(1 for c in C if [e['action'] for e in c['history']].count('register') != 1 or
	[e['action'] for e in c['history']].count('accept') != (c['status'] == 'accepted'))")" 0 \
	"every case has one register event, and one accept event if it was accepted"
# the morning runs did not record anything twice beside the workers
is "$(cq "len(S) - len(set((s['case_no'], s['clock'], s['action']) for s in S))")" 0 \
	"no supervision recorded twice for a case and clock"
is "$(cq 'len(S)')" "$(cq "sum(1 for e in E if e['actor'] == 'cron')")" \
	"one cron event per supervision record"
is "$(cq "sum(1 for c in C if c['case_no'].startswith('W'))") / $(cq "len(set(c['case_no'] for c in C if c['case_no'].startswith('W')))")" \
	"$adds / $adds" "case numbers are distinct"
if [ "$T_ENGINE" = sqlite ]; then
	is "$(sql 'PRAGMA integrity_check')" ok "integrity ok"
else
	skip "PRAGMA integrity_check is about the SQLite file"
fi

# a last morning run after the crowd: it completes what is due, once
run pesc --actor cron </dev/null
is_rc 0 "a last morning run"
run pesc --actor cron -n </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"action":"supervise"')" 0 "... after which no supervision is due"

# --with-personal-data writes (the access events): with another process
# holding the write lock for a second, each of 20 lists waits for it like
# any writer, instead of failing at once (sqlite-only: the sqlite3 shell
# holds the file's lock)
if [ "$T_ENGINE" = sqlite ]; then
	(echo 'BEGIN IMMEDIATE;'; sleep 1; echo 'COMMIT;') | sqlite3 "$PETITION_DB" &
	sleep 0.2
	pids=
	for k in $(seq 20); do
		plist --with-personal-data -f jsonl --limit 2 >"$T_DIR/pl$k.out" 2>"$T_DIR/pl$k.err" </dev/null &
		pids="$pids $!"
	done
	fails=0
	for p in $pids; do
		wait "$p" || fails=$((fails + 1))
	done
	wait
	is "$fails" 0 "20 lists with personal data during a write: all wait and succeed"
	cat "$T_DIR"/pl*.err | head -3 | while read -r l; do diag "$l"; done
	is "$(cat "$T_DIR"/pl*.out | grep -c .)" 40 "... and each printed its 2 cases"
else
	skip "the sqlite3 shell holding the SQLite file's write lock"
	skip "the sqlite3 shell holding the SQLite file's write lock"
fi

# --- first use, in parallel (issue 10, item 1) ------------------------------------
# Eight petition-add started at once on a path that does not exist yet: every
# one succeeds, and the new database has its units (share/petition/units.csv).
# Before, most exited 5 ("table units already exists"), and now and then the
# file was left without units, after which every add was refused.
ROUNDS=${PETITION_FIRST_USE_ROUNDS:-20}
NUNITS=$(($(grep -c . "$PETITION_SHARE/units.csv") - 1))
first_use() {   # first_use DB: 8 adds at once; prints "round-summary"
	f_pids='' f_i=0
	while [ "$f_i" -lt 8 ]; do
		f_i=$((f_i + 1))
		padd -q --db "$1" --received-at 2017-01-10 --channel hotline --unit 510802 \
			--subject "首次$f_i" </dev/null >"$1.out$f_i" 2>"$1.err$f_i" &
		f_pids="$f_pids $!"
	done
	f_i=0 f_bad=''
	for p in $f_pids; do
		f_i=$((f_i + 1))
		wait "$p" || f_bad="$f_bad exit$?:$(head -c 200 "$1.err$f_i")"
	done
	echo "${f_bad:-ok} units=$(punit --db "$1" -f csv </dev/null | tail -n +2 | grep -c .) cases=$(plist --db "$1" -f csv </dev/null | tail -n +2 | grep -c .)"
}
r=0 got='' want=''
while [ "$r" -lt "$ROUNDS" ]; do
	r=$((r + 1))
	mkdir "$T_DIR/first$r"
	got="$got$r: $(first_use "$T_DIR/first$r/new.db")
"
	want="$want$r: ok units=$NUNITS cases=8
"
	rm -rf "$T_DIR/first$r"
done
is "$got" "$want" "$ROUNDS rounds of 8 petition-add at once on a new path: all exit 0, $NUNITS units, 8 cases"

# a file that exists but is empty (0 bytes) is a new database, seeded too
: >"$T_DIR/empty.db"
run punit --db "$T_DIR/empty.db" -f csv </dev/null
is "$RC/$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)" "0/$NUNITS" "a 0-byte file is given the schema and the units"

# --- read-only work needs no write lock (issue 10, item 9) -------------------------
# A database on a read-only mount (made in a private mount namespace: tests
# run as root, whom file modes do not stop), else an immutable file
# (chattr +i), else skipped.  Every dry run, petition-escalate --dry-run
# and the readers work on it and print what they print on a writable copy,
# and the file is not changed; a real write is refused with exit 5.
sqlite_only "a read-only SQLite file (a mount or chattr +i), its write-ahead log folded in"
RO=$T_DIR/ro RW=$T_DIR/rw
mkdir "$RO" "$RW" "$T_DIR/ro.res" "$T_DIR/rw.res"
(
	export PETITION_DB="$RO/p.db"
	mk 2017-01-05 510802; mk 2017-01-06 510811; mk 2017-05-20 510802
	p_assign -q --now 2017-01-10T10:00:00+08:00 --accept --category petition 2 </dev/null
	p_handle -q --now 2017-01-20T10:00:00+08:00 --reply 已答复 --outcome explain 2 </dev/null
	p_handle -q --now 2017-01-21T10:00:00+08:00 --deliver 2 </dev/null
	sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
)
rm -f "$RO/p.db-wal" "$RO/p.db-shm"
cp "$RO/p.db" "$RW/p.db"
RO_SUM=$(dbsum "$RO/p.db")
# the work: NAME TOOL ARGS..., one a line
cat >"$T_DIR/ro.work" <<'WORK'
add petition-add -n --received-at 2017-05-30 --channel hotline --unit 510802 --subject 只读
assign petition-assign -n --accept --category petition 1 3
handle petition-handle -n --note 现场核查 1
review petition-review -n --request review --now 2017-02-01T10:00:00+08:00 2
escalate petition-escalate -n
list petition-list -f jsonl
show petition-show -f jsonl 1 2
report petition-report --by unit,status -f csv
units petition-unit -f csv
notice petition-notice --kind reply 2
write petition-add -q --received-at 2017-05-30 --channel hotline --unit 510802 --subject 写
WORK
# ro.sh DB RESULTS: runs the work on DB; NAME.rc, NAME.out, NAME.err in RESULTS
cat >"$T_DIR/ro.sh" <<'SCRIPT'
while read -r name tool args; do
	# shellcheck disable=SC2086
	PETITION_DB=$1 "$PETITION_BIN/$tool" $args </dev/null >"$2/$name.out" 2>"$2/$name.err"
	echo $? >"$2/$name.rc"
done <"$3"
SCRIPT
sh "$T_DIR/ro.sh" "$RW/p.db" "$T_DIR/rw.res" "$T_DIR/ro.work"
RO_HOW=''
# shellcheck disable=SC2016 # expanded by the inner shell
ro_mount='mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && sh "$@"'
for u in "unshare -m" "unshare -r -m"; do
	# shellcheck disable=SC2086
	if $u sh -c "$ro_mount" sh "$RO" "$T_DIR/ro.sh" "$RO/p.db" "$T_DIR/ro.res" "$T_DIR/ro.work" \
		2>/dev/null && [ -s "$T_DIR/ro.res/write.rc" ]; then
		RO_HOW="a read-only bind mount ($u)"
		break
	fi
done
if [ -z "$RO_HOW" ] && chattr +i "$RO/p.db" 2>/dev/null; then
	if ! : >>"$RO/p.db" 2>/dev/null; then
		RO_HOW="an immutable file (chattr +i)"
		sh "$T_DIR/ro.sh" "$RO/p.db" "$T_DIR/ro.res" "$T_DIR/ro.work"
	fi
	chattr -i "$RO/p.db"
fi
if [ -z "$RO_HOW" ]; then
	T_N=$((T_N + 1))
	echo "ok $T_N # SKIP neither a read-only mount namespace nor chattr +i here"
else
	note "the read-only database: $RO_HOW"
	for name in add assign handle review escalate list show report units notice; do
		is "$(cat "$T_DIR/ro.res/$name.rc"):$(cat "$T_DIR/ro.res/$name.err")" "0:" \
			"read-only database: $name ($(grep "^$name " "$T_DIR/ro.work" | cut -d' ' -f2-3)) exits 0, no message"
		# (a new case's uuid is random)
		is "$(sed 's/"uuid":"[^"]*"//' "$T_DIR/ro.res/$name.out")" \
			"$(sed 's/"uuid":"[^"]*"//' "$T_DIR/rw.res/$name.out")" \
			"read-only database: $name prints what it prints on a writable copy"
	done
	ok "read-only database: the dry run of petition-escalate printed records" \
		test -s "$T_DIR/ro.res/escalate.out"
	is "$(cat "$T_DIR/ro.res/write.rc")" 5 "read-only database: a real write is refused (exit 5)"
	is "$(dbsum "$RO/p.db")" "$RO_SUM" "read-only database: unchanged"
fi

done_testing
