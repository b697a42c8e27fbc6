#!/bin/sh
# petition-show: a case with its deadlines and history, by id, number or uuid.
T_TOOLS="petition-show"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

run padd -q --received-at 2017-03-21T09:30 --channel hotline --unit 510802 \
	--subject '夜间施工噪声扰民' --petitioner-name 张三 --petitioner-phone 13812345678 </dev/null
is_rc 0 "case 1 registered"
run padd -q --received-at 2017-04-18T09:30 --channel visit --headcount 12 --unit 利州区 \
	--subject '反对建设垃圾焚烧发电厂' --actor clerk2 </dev/null
is_rc 0 "case 2 (a collective visit) registered by another actor"
uuid=$(plist -f jsonl 1 </dev/null | jget .uuid)
sum=$(dbsum)

# --- by id, case number and uuid ------------------------------------------

run pshow 1 </dev/null
is_rc 0 "show by id"
is "$ERR" "" "nothing on stderr"
by_id=$OUT
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 1 "one JSON line"
run pshow GY-2017-000001 </dev/null
is "$RC:$OUT" "0:$by_id" "show by case number: the same"
run pshow "$uuid" </dev/null
is "$RC:$OUT" "0:$by_id" "show by uuid: the same"

j() { printf '%s\n' "$by_id" | jget "$1"; }
is "$(j .case_no)/$(j .status)/$(j .accept_due)" GY-2017-000001/registered/2017-04-05 "the record fields"
is "$(j .petitioner_name)/$(j .petitioner_phone)" "张*/138****5678" "personal data masked by default"
is "$(j '.deadlines|length')" 1 "a deadlines array with one deadline"
is "$(j .deadlines[0].clock)|$(j .deadlines[0].start)|$(j .deadlines[0].due)|$(j .deadlines[0].rule)|$(j .deadlines[0].stopped_at)" \
	"accept|2017-03-21|2017-04-05|received 2017-03-21 + 15 calendar days|null" \
	"the deadline with the rule that produced it"
is "$(j '.history|length')" 1 "a history array with one event"
is "$(j .history[0].at)|$(j .history[0].actor)|$(j .history[0].action)|$(j .history[0].from_status)|$(j .history[0].to_status)" \
	"2017-06-01T09:00:00+08:00|tester|register|null|registered" "the register event"
run plist 1 </dev/null
is "$("$PYTHON" -c '
import json, sys
shown, listed = json.loads(sys.argv[1]), json.loads(sys.argv[2])
record = [k for k in shown if k in listed]
extra = [k for k in shown if k not in listed]
print("same" if record == list(listed) and all(shown[k] == listed[k] for k in record) else "differ",
      "deadlines" in extra and "history" in extra and all(isinstance(shown[k], list) for k in extra))' \
	"$by_id" "$OUT")" "same True" \
	"the record keys are those petition-list prints, in order, plus arrays (deadlines, history)"

run pshow --with-personal-data 1 </dev/null
is "$(printf '%s\n' "$OUT" | jget .petitioner_name)/$(printf '%s\n' "$OUT" | jget .petitioner_phone)" \
	"张三/13812345678" "--with-personal-data"

run pshow 2 </dev/null
is "$(printf '%s\n' "$OUT" | jget .history[0].actor)|$(printf '%s\n' "$OUT" | jget .history[0].details)" \
	'clerk2|{"collective":true}' "case 2: its actor and the event details"

run pshow 2 1 </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .id | paste -sd ' ' -)" "0:2 1" "several cases, in the order given"

plist --collective </dev/null | run pshow; reload
is "$RC:$(printf '%s\n' "$OUT" | jget .id)" "0:2" "cases named on stdin (the output of petition-list)"

# --- table ----------------------------------------------------------------

run pshow -f table 1 </dev/null
is_rc 0 "table"
contains "$OUT" "received 2017-03-21 + 15 calendar days" "the table shows the rule of the deadline"
contains "$OUT" "2017-04-05" "and the due date"
like "$OUT" 'GY-2017-000001 +2017-06-01 09:00 +tester +register' "and the history event"
like "$OUT" 'subject +夜间施工噪声扰民' "fields one per line"
lacks "$OUT" 13812345678 "the table masks the phone"

# --- CSV: the history as rows ---------------------------------------------

run pshow -f csv 2 1 </dev/null
is_rc 0 "csv"
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import csv, sys
for r in csv.reader(sys.stdin):
    if r[3] != "access":    # who saw personal data above: not what this checks
        print("|".join(r[:7] + [r[8]]))')" \
	"case_no|at|actor|action|from_status|to_status|details|lamport
GY-2017-000002|2017-06-01T09:00:00+08:00|clerk2|register||registered|{\"collective\":true}|2
GY-2017-000001|2017-06-01T09:00:00+08:00|tester|register||registered||1" \
	"csv: a header, then one row per event"
n=$(($(pshow -f jsonl 1 2 </dev/null | jget '.history|length' | paste -sd + -) + 1))
is "$(tr -cd '\r' <"$T_DIR/out" | wc -c | tr -d ' ')/$(tr -cd '\n' <"$T_DIR/out" | wc -c | tr -d ' ')" "$n/$n" \
	"csv: a line for the header and each event, each ending with CRLF"

# --- unknown cases and usage ----------------------------------------------

run pshow NOPE </dev/null
is_rc 3 "an unknown case: exit 3"
is "$ERR" "petition-show: NOPE: no such case" "the message names it"
is "$OUT" "" "nothing on stdout"
run pshow 1 NOPE 99 </dev/null
is_rc 3 "unknown cases among known ones: exit 3"
is "$ERR" "petition-show: NOPE: no such case
petition-show: 99: no such case" "each unknown one is named"
is "$(printf '%s\n' "$OUT" | jget .id)" 1 "the known one is shown"
run pshow </dev/null
is_rc 2 "no case given: exit 2"
is "$ERR" "petition-show: no case given (see --help)" "with a message"
run pshow -f xml 1 </dev/null
is_rc 2 "a bad --format: exit 2"

is "$(dbsum_noaccess)" "$sum" "showing changes nothing in the database but the access events"
ok "showing personal data was recorded as access events" \
	test "$(pshow -f csv 1 </dev/null | cut -d, -f4 | grep -c '^"access"$')" -gt 0

done_testing
