#!/bin/sh
# petition-copy: a whole store, history included, into a new one (an office
# moving from its file to the province's server): every case shows, lists
# and reports the same on both sides, the history verifies, numbering goes
# on; a destination that is not empty, the source itself or a missing
# source are refused, and a copy that fails leaves the destination as it was.
# The source is $PETITION_DB (whichever engine); the copies are files.
T_TOOLS="petition-copy"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

pcopy() { "$PETITION_BIN/petition-copy" "$@"; }
preport() { "$PETITION_BIN/petition-report" "$@"; }
pverify() { "$PETITION_BIN/petition-verify" "$@"; }
prisk() { "$PETITION_BIN/petition-risk" "$@"; }
pmed() { "$PETITION_BIN/petition-mediate" "$@"; }
# a policy with a key period, for its duty roster
KEYPOL=$T_DIR/key.conf
sed 's/^key_periods *=.*/key_periods = 2017-10-10..2017-10-12/' "$PETITION_SHARE/policy.conf" >"$KEYPOL"

# --- a store with cases through the whole lifecycle ---
lifecycle() {
	printf 'code,name,level,parent\n510899,新区分局,county,510800\n' | punit --load - >/dev/null &&
	p_assign -q --accept --category petition --now 2017-03-07 1 2 3 4 5 </dev/null &&
	p_assign -q --assign --to 510899 --now 2017-03-08 2 </dev/null &&
	p_handle -q --reply '经调查，投诉不实。' --outcome reject --now 2017-04-05 1 3 4 </dev/null &&
	p_handle -q --deliver --now 2017-04-06T10:00:00+08:00 1 3 4 </dev/null &&
	p_review -q --request review --now 2017-04-20 3 </dev/null &&
	p_review -q --decide --result upheld --text 维持 --now 2017-05-10 3 </dev/null &&
	p_handle -q --close --now 2017-05-20 4 </dev/null &&
	p_assign -q --decline --reason 不属于受理范围 --now 2017-03-08 6 </dev/null &&
	pesc --now 2017-07-01T08:00:00+08:00 </dev/null >/dev/null &&
	p_handle -q --team 王五,赵六 --now 2017-07-02 2 </dev/null &&
	p_handle -q --plan-step 2017-07-10:约谈信访人 --now 2017-07-02 2 5 </dev/null &&
	p_handle -q --step-done 1 --now 2017-07-03 2 </dev/null &&
	p_handle -q --backlog-resolution resolved --reason 已化解 --now 2017-07-04 5 </dev/null &&
	prisk -q --add --matter 化工厂扩建 --kind nimby --source media --unit 510800 \
		--case 1,2 --now 2017-03-09 </dev/null &&
	prisk -q --move verified --text 已核实 --now 2017-03-10 1 </dev/null &&
	pmed -q --add --injured 李四 --injured-phone 13800138001 --accused 某化工厂 --damage 鱼塘死鱼 \
		--unit 510800 --case 1 --now 2017-03-09 </dev/null &&
	pmed -q --consent --now 2017-03-10 1 </dev/null &&
	prisk -q --policy "$KEYPOL" --roster 2017-10-10 --date 2017-10-11 --on-duty 张三,李四 \
		--leader 王五 --now 2017-07-05 </dev/null
}
for d in 03-01 03-02 03-03 03-04 03-05 03-06; do
	mk 2017-$d 510800 --petitioner-name 张三 --petitioner-phone 13800138000 \
		--accused 某化工厂 --pollution-type water
done
ok "six cases: accepted, assigned to a new unit, replied, delivered, reviewed, closed, declined, supervised, backlog files" lifecycle

# shows DB: every case as petition-show prints it; the list; the report
shows() {
	for i in 1 2 3 4 5 6; do qshow --db "$1" --format jsonl "$i" </dev/null; done
	qlist --db "$1" --format jsonl </dev/null
	preport --db "$1" --format jsonl --by unit,status </dev/null
	pesc --db "$1" --replay 2017-07-01 --format jsonl </dev/null
	preport --db "$1" --now 2017-07-05 --format jsonl --backlog </dev/null
	prisk --db "$1" --show 1 --format jsonl </dev/null
	pmed --db "$1" --show 1 --format jsonl --with-personal-data </dev/null
	prisk --db "$1" --policy "$KEYPOL" --roster 2017-10-10 --format jsonl </dev/null
}
src=$(shows "$PETITION_DB")

run pcopy --from "$PETITION_DB" --to "$T_DIR/a.db" </dev/null
is_rc 0 "copied into a new file"
like "$OUT" '"copied":"cases","rows":6,"sha256":"[0-9a-f]{64}"' "... saying how many cases, and their checksum"
like "$OUT" '"copied":"events","rows":[0-9]+' "... and events"
like "$OUT" '"copied":"supervisions","rows":[1-9]' "... and supervisions"
like "$OUT" '"copied":"backlog_files","rows":2,' "... and backlog files"
like "$OUT" '"copied":"backlog_steps","rows":2,' "... and the steps of their plans"
like "$OUT" '"copied":"risks","rows":1,' "... and risks"
like "$OUT" '"copied":"risk_events","rows":4,' "... and their events (found, two links, a step)"
like "$OUT" '"copied":"risk_cases","rows":2,' "... and the cases linked to them"
like "$OUT" '"copied":"disputes","rows":1,' "... and disputes"
like "$OUT" '"copied":"dispute_events","rows":3,' "... and their events (filed, a link, the consent)"
like "$OUT" '"copied":"dispute_cases","rows":1,' "... and the cases they came from"
like "$OUT" '"copied":"rosters","rows":1,' "... and the key periods' duty rosters"
like "$OUT" '"copied":"roster_events","rows":1,' "... and their changes"
sums=$OUT
run pcopy --from "$T_DIR/a.db" --to "$T_DIR/b.db" </dev/null
is_rc 0 "copied again, from the file into another"
is "$OUT" "$sums" "... with the same counts and checksums"
is "$(shows "$T_DIR/a.db")" "$src" "every case, the list, the report and the supervisions are the same on the copy"
is "$(shows "$T_DIR/b.db")" "$src" "... and on the copy of the copy"
run pverify --db "$T_DIR/b.db" </dev/null
is_rc 0 "the copy's history verifies"
like "$(punit --db "$T_DIR/b.db" --format jsonl 510899 </dev/null)" '"name":"新区分局"' "the source's own unit is on the copy"
mk 2017-06-01 510800 --db "$T_DIR/b.db"
is "$(ncases)" 6 "(the source got no case)"
is "$(qshow --db "$T_DIR/b.db" --format jsonl 7 </dev/null | jget .case_no)" "GY-2017-000007" \
	"the next case on the copy gets the next number"
run pcopy --from "$T_DIR/b.db" --to "$T_DIR/c.db" </dev/null
is_rc 0 "a store copied after it grew"
grown=$OUT

# --- back into a new store of the test's engine (PostgreSQL: a new database) ---
if [ "$T_ENGINE" = pg ]; then
	createdb "${T_PGDB}_back"
	trap 'rm -rf "$T_DIR"; dropdb --if-exists "$T_PGDB" 2>/dev/null; dropdb --if-exists "${T_PGDB}_back" 2>/dev/null' EXIT
	back=postgresql:///${T_PGDB}_back
else
	back=$T_DIR/back.db
fi
run pcopy --from "$T_DIR/b.db" --to "$back" </dev/null
is "$RC:$OUT" "0:$grown" "copied back into a new $T_ENGINE store: the same counts and checksums"
is "$(shows "$back")" "$(shows "$T_DIR/b.db")" "... every case, the list, the report and the supervisions"
run pverify --db "$back" </dev/null
is_rc 0 "... and its history verifies"

# --- refusals ---
before=$(dbsum "$T_DIR/a.db")
run pcopy --from "$T_DIR/b.db" --to "$T_DIR/a.db" </dev/null
is_rc 4 "a destination with cases: refused, exit 4"
like "$ERR" '^petition-copy: --to: .*a\.db: the store is not empty \(it has cases\)$' "... saying so"
is "$(dbsum "$T_DIR/a.db")" "$before" "... nothing written"
run pcopy --from "$T_DIR/a.db" --to "$T_DIR/./a.db" </dev/null
is_rc 2 "the source itself under another name: exit 2"
like "$ERR" '^petition-copy: --to: it is the source store$' "... saying so"
run pcopy --from "$T_DIR/none.db" --to "$T_DIR/d.db" </dev/null
is_rc 5 "a missing source: exit 5"
ok "... no destination made" test ! -e "$T_DIR/d.db"
run pcopy --from "$T_DIR/a.db" </dev/null
is_rc 2 "no --to: usage error"
run pcopy --db "$T_DIR/a.db" --from "$T_DIR/a.db" --to "$T_DIR/d.db" </dev/null
is_rc 2 "--db: usage error"

# --- a copy that fails leaves the destination as it was ---
ok "an empty store to copy into" qlist --db "$T_DIR/e.db" </dev/null
empty=$(dbsum "$T_DIR/e.db")
# the source's history rewritten behind the tools' back (the sqlite3 shell)
cp "$T_DIR/a.db" "$T_DIR/forged.db"
sql "DROP TRIGGER events_no_update; UPDATE events SET actor = 'x' WHERE id = 2;" "$T_DIR/forged.db"
run pcopy --from "$T_DIR/forged.db" --to "$T_DIR/e.db" </dev/null
is_rc 3 "a source whose history does not verify: exit 3"
like "$ERR" "the source's history does not verify .*nothing was copied" "... saying so"
is "$(dbsum "$T_DIR/e.db")" "$empty" "... the destination as it was"
# a repeat key that does not follow from the phone: the rows read back differ
cp "$T_DIR/a.db" "$T_DIR/keys.db"
sql "UPDATE cases SET phone_key = '0' WHERE id = 3;" "$T_DIR/keys.db"
run pcopy --from "$T_DIR/keys.db" --to "$T_DIR/e.db" </dev/null
is_rc 5 "rows read back unlike the source's: exit 5"
like "$ERR" 'cases: the rows read back differ from the source.s \(checksum [0-9a-f]{12}, not [0-9a-f]{12}\): nothing was copied' "... naming the kind"
is "$(dbsum "$T_DIR/e.db")" "$empty" "... the destination as it was"
# no room for the copy: a file size limit above the -shm file of the
# source (32 KiB) but below what the copy writes (SIGXFSZ ignored)
run sh -c 'trap "" XFSZ; ulimit -f 72; exec "$1" --from "$2" --to "$3"' - \
	"$PETITION_BIN/petition-copy" "$T_DIR/a.db" "$T_DIR/e.db" </dev/null
is_rc 5 "no room for the copy: exit 5"
like "$ERR" '^petition-copy: .*e\.db: ' "... naming the destination"
is "$(dbsum "$T_DIR/e.db")" "$empty" "... the destination as it was"
run pcopy --from "$T_DIR/a.db" --to "$T_DIR/e.db" </dev/null
is_rc 0 "... and the same copy goes through with room"

done_testing
