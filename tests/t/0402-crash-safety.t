#!/bin/sh
# Crash safety (issue 6, item 3): petition-add (a bulk import) and
# petition-escalate are killed with SIGKILL at 20 random moments each.
# After every kill PRAGMA integrity_check is ok and the database holds all
# or none of that invocation's work: the counts of cases, events and
# deadlines (petition-add), supervisions, events and backlog flags
# (petition-escalate) are exactly the counts before, or before + the whole
# run's.  A later run then completes the work. The kills work on copies of
# a SQLite file (sqlite-only); first, on any store, a lost output after the
# commit: exit 6, and the changes stand.
#
# PETITION_CRASH_CASES (default 5000) sets the size of the import and of the
# morning run's backlog; PETITION_CRASH_KILLS (default 20) the kills each.
#
# Under valgrind every run is valgrind's (T_MEMCHECK=all): the kills are
# timed to its speed.
T_MEMCHECK=all
. "$(dirname "$0")/lib.sh"

N=${PETITION_CRASH_CASES:-5000}
KILLS=${PETITION_CRASH_KILLS:-20}
ADD=$PETITION_BIN/petition-add
ESC=$PETITION_BIN/petition-escalate
SEED=$(( $(date +%s) % 100000 + $$ ))
note "seed $SEED (awk srand), $N cases, $KILLS kills each"

# gen N SEED: a CSV of N valid letters, visits, calls... received in 2017 at
# the seven counties of 广元 (510802..510824), with phones and accused that
# repeat (so repeat_of is computed too)
gen() {
	awk -v n="$1" -v s="$2" 'BEGIN {
		split("510802 510811 510812 510821 510822 510823 510824", u, " ")
		split("letter visit hotline web wechat mailbox", ch, " ")
		split("air water noise solid_waste soil other", pt, " ")
		split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
		print "received_at,channel,unit,subject,content,pollution_type,accused,petitioner_phone"
		srand(s)
		for (i = 1; i <= n; i++) {
			d = int(rand() * 365); m = 1
			while (d >= ml[m]) { d -= ml[m]; m++ }
			printf "2017-%02d-%02dT%02d:%02d,%s,%s,事由%d：夜间噪声扰民,%s,%s,某某化工有限公司%d,1380000%04d\n",
				m, d + 1, 8 + i % 10, i % 60, ch[i % 6 + 1], u[i % 7 + 1], i,
				"反映该企业夜间生产噪声和异味，影响居民休息，请求查处。", pt[i % 6 + 1], i % 97, i % 500
		}
	}'
}
count() { sql "$1" "$2"; }
# ms: a clock in milliseconds (date +%s%N where it works)
ms() { t_n=$(date +%s%N); case $t_n in *N*) echo $(( $(date +%s) * 1000 )) ;; *) echo $((t_n / 1000000)) ;; esac; }
# walsize DB: "(+N KB)": the bytes a killed run left in the write-ahead log
# (uncommitted pages spilled there, or a commit cut short), before sqlite3
# recovers it; empty when there is none
walsize() {
	[ -e "$1-wal" ] || return 0
	t_w=$(wc -c <"$1-wal")
	[ "${t_w:-0}" -gt 0 ] && echo "(+$((t_w / 1024)) KB)"
	return 0
}
# delay I DUR_MS [SALT]: the I-th kill point, spread over 1.3 times the duration of
# a full run (so most land inside it, a few after it), at least 0.01 s
delay() {
	awk -v s="$SEED" -v i="$1" -v d="$2" -v k="$KILLS" -v salt="${3:-0}" 'BEGIN {
		srand(s + i + salt); x = (d * 1.3 / 1000) * (i - 1 + rand()) / k
		if (x < 0.01) x = 0.01
		printf "%.3f", x
	}'
}

# kill_runs WHAT BASE DB SALT COUNTS V0 V1 IN CMD...: KILLS runs of CMD, each
# on a fresh copy of BASE at DB with stdin IN, killed at its delay (from
# DUR); COUNTS DB must then say V0 (none of the work, and nothing printed)
# or V1 (all of it). Sets got and want (one "i:integrity:ok" a run) and
# killed; keeps the first copy left with none at DB.none.
kill_runs() {
	k_what=$1 k_base=$2 k_db=$3 k_salt=$4 k_counts=$5 k_0=$6 k_1=$7 k_in=$8
	shift 8
	got='' want='' killed=0 k_delays='' k_verdicts='' i=0
	rm -f "$k_db.none" "$k_db.none-wal"
	while [ "$i" -lt "$KILLS" ]; do
		i=$((i + 1))
		cp "$k_base" "$k_db"
		rm -f "$k_db-wal" "$k_db-shm"
		d=$(delay "$i" "$DUR" "$k_salt")
		k_delays="$k_delays $d"
		"$@" <"$k_in" >"$T_DIR/k.out" 2>"$T_DIR/k.err" &
		pid=$!
		sleep "$d"
		kill -9 "$pid" 2>/dev/null
		rc=0; { wait "$pid"; } 2>/dev/null || rc=$?
		[ "$rc" = 137 ] && killed=$((killed + 1))
		wal=$(walsize "$k_db")
		chk=$(count 'PRAGMA integrity_check' "$k_db")
		c=$("$k_counts" "$k_db")
		printed=$(grep -c . "$T_DIR/k.out")
		# all or none, and what was printed was done (output comes after the commit)
		case $c/$printed in
		"$k_0/0") v=none ;;
		"$k_1"/*) v=all ;;
		*) v=bad; diag "kill $i after $d s (exit $rc): $c, $printed lines printed; expected $k_0 and nothing printed, or $k_1" ;;
		esac
		[ "$rc" = 137 ] || [ "$rc" = 0 ] || diag "kill $i: exit $rc: $(cat "$T_DIR/k.err")"
		[ "$v" = none ] && [ ! -e "$k_db.none" ] && cp "$k_db" "$k_db.none" &&
			cp "$k_db-wal" "$k_db.none-wal" 2>/dev/null
		k_verdicts="$k_verdicts $v$wal"
		got="$got$i:$chk:$([ "$v" = bad ] && echo bad || echo ok) "
		want="$want$i:ok:ok "
	done
	note "$k_what killed after$k_delays s" "$killed of $KILLS killed before they ended; work left (and its log):$k_verdicts"
}

# === a lost output after the commit: exit 6, the changes stand ===============
#
# Every writing tool with stdout on /dev/full: the changes are committed, so
# the status is 6 ("done, output lost"), never 5 ("nothing written"), and
# the store, read back through the tools, holds them.
P=$PETITION_BIN
full() {   # full DESCRIPTION TOOL ARGS...: exit 6 and a message naming stdout
	f_d=$1; shift
	"$@" >/dev/full 2>"$T_DIR/full.err" </dev/null
	f_rc=$?
	is "$f_rc/$(grep -c 'stdout: .*committed' "$T_DIR/full.err")" 6/1 "$f_d >/dev/full: exit 6, stdout named"
}
st() { "$P/petition-show" -f jsonl "$1" </dev/null | head -1 | jget .status; }
full petition-add "$P/petition-add" --received-at 2017-05-01 --channel letter --unit 510802 \
	--subject 噪声 --petitioner-name 张三 --petitioner-phone 13812345678
is "$("$P/petition-list" -f jsonl </dev/null | grep -c .)" 1 "... the case was registered"
full petition-assign "$P/petition-assign" --accept --category petition 1
is "$(st 1)" accepted "... the case was accepted"
full petition-handle "$P/petition-handle" --reply 答复 --outcome explain 1
full "petition-handle --deliver" "$P/petition-handle" --deliver 1
is "$(st 1)" delivered "... the reply was recorded and delivered"
full petition-review "$P/petition-review" --request review 1
is "$(st 1)" reviewing "... the review was requested"
full petition-notice "$P/petition-notice" --kind reply --with-personal-data 1
is "$("$P/petition-show" -f jsonl 1 </dev/null | grep -c '"action":"access"')" 1 "... the access was recorded"
full petition-escalate "$P/petition-escalate" --now 2017-09-01T08:00:00+08:00
isnt "$("$P/petition-escalate" --replay 2017-09-01 </dev/null)" "" "... the run's records are there (--replay)"
printf 'code,name,level,parent\n510899,测试县,county,510800\n' >"$T_DIR/units.csv"
full "petition-unit --load" "$P/petition-unit" --load "$T_DIR/units.csv" 510899
is "$("$P/petition-unit" -f jsonl 510899 </dev/null | jget .name)" 测试县 "... the unit was loaded"
"$P/petition-list" >/dev/full 2>/dev/null </dev/null
is "$?" 5 "a reading tool that could not print: 5, nothing was written"

# === the kills ===============================================================

sqlite_only "runs killed on copies of a SQLite file: its integrity and its journal's all or none"

# === petition-add: a bulk import =============================================

NOW=2018-01-01T09:00:00+08:00
gen 300 "$SEED" >"$T_DIR/before.csv"
gen "$N" "$((SEED + 1))" >"$T_DIR/import.csv"
BASE=$T_DIR/base-add.db
run "$ADD" -q --db "$BASE" --now "$NOW" <"$T_DIR/before.csv"
is_rc 0 "set up: 300 committed cases"
# cases/events/deadlines
counts() { count "SELECT (SELECT count(*) FROM cases) || '/' || (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM deadlines)" "$1"; }
B0=$(counts "$BASE")

cp "$BASE" "$T_DIR/ref.db"
t0=$(ms)
run "$ADD" -q --db "$T_DIR/ref.db" --now "$NOW" <"$T_DIR/import.csv"
t1=$(ms)
is_rc 0 "an uninterrupted import of $N cases"
DUR=$((t1 - t0))
B1=$(counts "$T_DIR/ref.db")
is "$(count 'SELECT count(*) FROM cases' "$T_DIR/ref.db")" "$((300 + N))" "... adds $N cases"
note "before: $B0 (cases/events/deadlines); after a full import: $B1; it took $DUR ms"

kill_runs petition-add "$BASE" "$T_DIR/k.db" 0 counts "$B0" "$B1" "$T_DIR/import.csv" \
	"$ADD" -q --db "$T_DIR/k.db" --now "$NOW"
is "$got" "$want" "$KILLS imports killed at random moments: integrity ok, and none or all of the $N cases, their events and deadlines"
ok "at least a quarter of the kills landed before the import ended ($killed of $KILLS)" \
	test "$killed" -ge $((KILLS / 4))

# the import after a killed one completes, numbering on from the committed cases
if [ -e "$T_DIR/k.db.none" ]; then
	db=$T_DIR/k.db.none
	run "$ADD" -q --db "$db" --now "$NOW" <"$T_DIR/import.csv"
	is_rc 0 "the import again after a killed one"
	is "$(counts "$db")" "$B1" "... adds all $N cases, events and deadlines"
	is "$(count "SELECT count(*) - count(DISTINCT case_no) FROM cases" "$db")" 0 \
		"... no case number is used twice"
	is "$(count 'PRAGMA integrity_check' "$db")" ok "... integrity ok"
else
	note "no kill left the database without the import: nothing to redo"
fi

# === petition-escalate: the morning run ======================================

ENOW=2017-05-01T07:30:00+08:00
# N cases received in January: on 05-01 each is overdue to be accepted and open
# for more than 90 days: a supervise and a backlog action each
awk -v n="$N" 'BEGIN {
	split("510802 510811 510812 510821 510822 510823 510824", u, " ")
	print "received_at,channel,unit,subject"
	for (i = 1; i <= n; i++) printf "2017-01-%02d,letter,%s,逾期事由%d\n", i % 28 + 1, u[i % 7 + 1], i
}' >"$T_DIR/esc.csv"
BASE=$T_DIR/base-esc.db
run "$ADD" -q --db "$BASE" --now 2017-01-31T18:00:00+08:00 <"$T_DIR/esc.csv"
is_rc 0 "set up: $N cases received in January"
# supervisions/events/backlog flags
ecounts() { count "SELECT (SELECT count(*) FROM supervisions) || '/' || (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM cases WHERE backlog = 1)" "$1"; }
E0=$(ecounts "$BASE")

cp "$BASE" "$T_DIR/ref.db"
rm -f "$T_DIR/ref.db-wal" "$T_DIR/ref.db-shm"
t0=$(ms)
run "$ESC" --db "$T_DIR/ref.db" --now "$ENOW" </dev/null
t1=$(ms)
is_rc 0 "an uninterrupted morning run"
DUR=$((t1 - t0))
E1=$(ecounts "$T_DIR/ref.db")
is "$E1" "$((2 * N))/$((3 * N))/$N" "... records $((2 * N)) supervisions and events, and $N backlog flags"
FULL=$(printf '%s\n' "$OUT" | grep -c .)
note "before: $E0 (supervisions/events/backlog); after a full run: $E1, $FULL lines printed; it took $DUR ms"

kill_runs petition-escalate "$BASE" "$T_DIR/e.db" 1000 ecounts "$E0" "$E1" /dev/null \
	"$ESC" --db "$T_DIR/e.db" --now "$ENOW"
db=$T_DIR/e.db
is "$got" "$want" "$KILLS morning runs killed at random moments: integrity ok, none or all of the supervisions, events and flags, printed only if done"
ok "at least a quarter of the kills landed before the run ended ($killed of $KILLS)" \
	test "$killed" -ge $((KILLS / 4))

run "$ESC" --db "$db" --now "$ENOW" </dev/null
is_rc 0 "a morning run after the killed ones"
is "$(ecounts "$db")" "$E1" "... leaves the database as one complete run does"
is "$(count 'PRAGMA integrity_check' "$db")" ok "... integrity ok"

# === petition-import: a bundle from another office ============================

IMP=$PETITION_BIN/petition-import
city=$T_DIR/city.db
cp "$db" "$city"      # the store of the morning runs: cases, supervisions, flags
"$PETITION_BIN/petition-unit" --db "$city" --office 510800 </dev/null
"$PETITION_BIN/petition-export" --db "$city" --to 510000 </dev/null >"$T_DIR/bundle.jsonl"
BASE=$T_DIR/base-import.db
"$PETITION_BIN/petition-unit" --db "$BASE" --office 510000 </dev/null
I0=$(counts "$BASE")
cp "$BASE" "$T_DIR/iref.db"
t0=$(ms)
run "$IMP" -q --db "$T_DIR/iref.db" --now "$NOW" "$T_DIR/bundle.jsonl" </dev/null
t1=$(ms)
is_rc 0 "an uninterrupted import of a bundle of every case of the morning runs' store"
DUR=$((t1 - t0))
I1=$(counts "$T_DIR/iref.db")
is "$I1" "$(counts "$city")" "... the same cases, events and deadlines as the office that sent it"

kill_runs petition-import "$BASE" "$T_DIR/k.db" 7 counts "$I0" "$I1" /dev/null \
	"$IMP" -q --db "$T_DIR/k.db" --now "$NOW" "$T_DIR/bundle.jsonl"
db=$T_DIR/k.db
is "$got" "$want" "$KILLS imports of a bundle killed at random moments: integrity ok, none or all of it"
ok "at least a quarter of the kills landed before the import ended ($killed of $KILLS)" \
	test "$killed" -ge $((KILLS / 4))
run "$IMP" -q --db "$db" --now "$NOW" "$T_DIR/bundle.jsonl" </dev/null
is "$RC:$(counts "$db")" "0:$I1" "the import after the killed ones merges the whole bundle"

done_testing
