#!/bin/sh
# petition-supervise: supervision orders (督查督办) issued by hand, their
# results on time and late, one listing with the morning run's supervision
# records, each order in its cases' histories; the morning run reminds of
# an order and raises one past due once each, kept by --replay; the notice
# (督办通知) without personal data; petition-report --orders with a row for
# every unit and kind; petition-copy copies the orders. Exit codes,
# --dry-run, malformed input, and the store read back through the tools.
T_TOOLS="petition-supervise"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

psup() { "$PETITION_BIN/petition-supervise" "$@"; }
# lst FIELDS [ARGS]: the listing, one line a record, FIELDS joined by "|"
lst() {
	t_f=$1; shift
	"${PETITION_PROBE_BIN:-$PETITION_BIN}/petition-supervise" --list --format jsonl "$@" </dev/null |
		"$PYTHON" -c '
import json, sys
fields = sys.argv[1].split(",")
for l in sys.stdin:
    r = json.loads(l)
    print("|".join("-" if r[f] is None else str(r[f]) for f in fields))
' "$t_f"
}
# hist CASE: the actions of a case's history, blank-separated
hist() { qshow --format jsonl "$1" </dev/null | t_case history action | paste -sd ' ' -; }

use_store main
mk 2017-05-20 510802 --petitioner-name 张三 --petitioner-phone 13812345678   # 1: accept_due 06-04
mk 2017-05-21 510811                                                         # 2: accept_due 06-05
mk 2017-05-02 510802                                                         # 3: declined
p_assign -q --now 2017-05-03 --decline --category litigation --reason 复议 3 </dev/null

# === 1. issuing ===============================================================

sum=$(dbsum)
run psup --dry-run --kind individual --unit 510802 --due 2017-06-10 --case GY-2017-000001 </dev/null
is "$RC/$(j .order_no)/$(j .state)" "0/SV-1/open" "--dry-run: exit 0, the order printed"
is "$(dbsum)" "$sum" "--dry-run: nothing written"

run psup --kind individual --unit 利州区 --due 2017-06-10 --case GY-2017-000001 --issuer 李强 \
	--text '请核查并报告' </dev/null
is_rc 0 "an individual supervision: exit 0"
is "$(j .order_no)|$(j .source)|$(j .kind)|$(j .action)|$(j .issuer_unit)|$(j .target_unit)|$(j .case_nos)|$(j .due)|$(j .state)" \
	"SV-1|office|individual|order|510800|510802|GY-2017-000001|2017-06-10|open" \
	"... its record: the office's, issued by the target's parent, the case, the due date"
is "$(j .issued_at)" "2017-06-01T09:00:00+08:00" "... issued at the clock"
is "$(hist 1)" "register order" "... an order event in the case's history"
is "$(qshow --format jsonl 1 </dev/null | t_case history details.order_no details.kind details.source details.target_unit details.report_due | tail -1)" \
	"SV-1|individual|office|510802|2017-06-10" "... naming the order, its kind, source, target and due date"

printf 'GY-2017-000001\n2\n' | run psup --kind key --source 省级环保督察 --unit 510800 --due 2017-06-03 \
	--joint 住建局 -f csv; reload
is_rc 0 "the cases on stdin, a source by its label: exit 0"
like "$OUT" '^"order_no","source","kind","action",' "--format csv: a header"
like "$OUT" '"SV-2","provincial","key","order",.*"GY-2017-000001,GY-2017-000002"' "... the two cases, the source's code"
is "$(hist 2)" "register order" "case 2 has its order event"

run psup --kind special --source central --unit 510800 --theme 中央环保督察交办件 \
	--period 2017-05-01..2017-05-31 --due 2017-06-15 --by-unit 510000 -f table </dev/null
is_rc 0 "a special supervision with a theme and a period, no case: exit 0"
like "$OUT" '^order_no +source +kind' "--format table: a header"
like "$OUT" 'SV-3 +central +special' "... the row"
is "$(lst order_no,issuer_unit,theme,period,case_nos | sed -n 3p)" \
	"SV-3|510000|中央环保督察交办件|2017-05-01..2017-05-31|-" "... stored with its theme and period"

# === 2. refused and malformed =================================================

sum=$(dbsum)
bad() {   # bad RC REGEX DESCRIPTION ARGS...
	t_rc=$1 t_re=$2 t_d=$3; shift 3
	run psup "$@" </dev/null
	is "$RC/$OUT" "$t_rc/" "$t_d: exit $t_rc, nothing printed"
	like "$ERR" "^petition-supervise: $t_re" "$t_d: the message"
}
bad 2 '--kind: needed' "no kind" --unit 510802 --due 2017-06-10 --case 1
bad 2 '--kind: "weekly" is not one of special, individual, onsite, key' "an unknown kind" \
	--kind weekly --unit 510802 --due 2017-06-10 --case 1
bad 2 '--source: "morning_run" is not one of office, central, provincial, joint' \
	"the morning run is no source to issue from" --kind key --source morning_run --unit 510802 --due 2017-06-10 --case 1
bad 2 '--unit: needed' "no unit" --kind key --due 2017-06-10 --case 1
bad 2 '--unit: .*510899' "an unknown unit" --kind key --unit 510899 --due 2017-06-10 --case 1
bad 2 '--due: needed' "no due date" --kind key --unit 510802 --case 1
bad 2 '--due: "2017-02-30" is not a date' "a bad due date" --kind key --unit 510802 --due 2017-02-30 --case 1
bad 2 '--due: 2017-05-31 is before' "a due date before the order" --kind key --unit 510802 --due 2017-05-31 --case 1
bad 2 '--kind key: at least one case' "no case" --kind key --unit 510802 --due 2017-06-10
bad 2 '--theme and --period: for --kind special only' "a theme for an individual one" \
	--kind individual --unit 510802 --due 2017-06-10 --case 1 --theme x
bad 2 '--kind special: a --theme and a --period, or cases' "a special one with neither" \
	--kind special --unit 510802 --due 2017-06-10 --theme x
bad 2 '--period: FROM..TO' "a period without its dots" --kind special --unit 510802 --due 2017-06-10 --theme x --period 2017-05-01
bad 2 '--period: 2017-05-31 is after 2017-05-01' "a period backwards" \
	--kind special --unit 510802 --due 2017-06-10 --theme x --period 2017-05-31..2017-05-01
bad 3 'GY-2017-000099: no such case' "an unknown case" --kind key --unit 510802 --due 2017-06-10 --case 1 --case GY-2017-000099
bad 4 'GY-2017-000003: the case is declined' "a declined case" --kind key --unit 510802 --due 2017-06-10 --case 3
bad 3 '--text: ' "text with a control character" --kind key --unit 510802 --due 2017-06-10 --case 1 --text "$(printf 'a\001b')"
bad 2 '--from, --to and --overdue: only with --list' "a filter without --list" --kind key --unit 510802 --due 2017-06-10 --case 1 --overdue
bad 2 'GY-2017-000001: unexpected operand' "an operand" --kind key --unit 510802 --due 2017-06-10 GY-2017-000001
bad 2 '--result: "SV-x" is not an order' "a bad order number" --result SV-x --text x
bad 3 'SV-9: no such order' "an unknown order" --result SV-9 --text x
bad 2 '--text: needed with --result' "a result without its text" --result SV-1
bad 2 '--kind, --source, --unit and --case: not with --result' "--result with an order's options" --result SV-1 --text x --kind key
bad 2 'one action at a time' "two modes" --list --result SV-1
printf '{"case_no":\n' | run psup --kind key --unit 510802 --due 2017-06-10; reload
is "$RC/$OUT" "3/" "a malformed record on stdin: exit 3, nothing printed"
is "$(dbsum)" "$sum" "nothing refused or malformed wrote anything"

# === 3. results: on time and late =============================================

sum=$(dbsum)
run psup --dry-run --result SV-1 --text '已现场核查' --now 2017-06-02 </dev/null
is "$RC/$(j .state)/$(dbsum)" "0/on_time/$sum" "--result --dry-run: the result printed, nothing written"
run psup --result SV-1 --text '已现场核查' --now 2017-05-31 </dev/null
is "$RC" 4 "a result dated before its order: exit 4"
run psup --result 1 --text '已现场核查，责令整改' --now 2017-06-10T20:00:00+08:00 </dev/null
is "$RC/$(j .state)/$(j .days_overdue)/$(j .result)" "0/on_time/0/已现场核查，责令整改" "a result on its due day: on time"
is "$(hist 1 | tr ' ' '\n' | tail -1)" order_result "... an order_result event in the case's history"
is "$(qshow --format jsonl 1 </dev/null | t_case history details.on_time | tail -1)" true "... on_time"
run psup --result SV-1 --text again </dev/null
like "$RC/$ERR" '^4/.*SV-1: its result was recorded already' "a second result: exit 4"

# === 4. the morning run ========================================================

# 06-02: SV-2 (due 06-03) is within the horizon (3 days); SV-3 (06-15) not
sum=$(dbsum)
run pesc --dry-run --now 2017-06-02T09:00:00+08:00 </dev/null
dry=$OUT
is "$RC/$(dbsum)" "0/$sum" "the morning run --dry-run: exit 0, nothing written"
run pesc --now 2017-06-02T09:00:00+08:00 </dev/null
is_rc 0 "the morning run: exit 0"
is "$OUT" "$dry" "... it prints what the dry run printed"
is "$(printf '%s\n' "$OUT" | grep '"clock":"order"' | jget '[.action,.case_no,.unit,.parent_unit,.due,.days_overdue]')" \
	'["remind","SV-2","510800","510000","2017-06-03",-1]' "an order due within the horizon is reminded of"
run pesc --now 2017-06-02T10:00:00+08:00 </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"clock":"order"')" 0 "... once: a second run does not remind again"
run pesc --now 2017-06-05T09:00:00+08:00 </dev/null
is "$(printf '%s\n' "$OUT" | grep '"clock":"order"' | jget '[.action,.case_no,.parent_unit,.days_overdue]')" \
	'["escalate","SV-2","510000",2]' "past due without a result: raised to the target's parent"
like "$(printf '%s\n' "$OUT" | grep '"clock":"order"' | jget .rule)" 'SV-2.*2 days overdue without a result' "... the rule says why"
is "$(hist 2)" "register order order_escalate" "... an order_escalate event in the history of its cases"
is "$(qshow --format jsonl 2 </dev/null | t_case history details.order_no details.raised_to | tail -1)" "SV-2|510000" \
	"... naming the order and the unit it was raised to"
first=$OUT
sum=$(dbsum)
run pesc --now 2017-06-05T10:00:00+08:00 </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"clock":"order"')/$RC" "0/0" "a second run the same day: no order raised again"
run pesc --replay 2017-06-05 </dev/null
is "$RC/$(printf '%s\n' "$OUT" | grep '"clock":"order"')" "0/$(printf '%s\n' "$first" | grep '"clock":"order"')" \
	"--replay prints the escalation as the run did"
run pesc --replay 2017-06-02 </dev/null
is "$(printf '%s\n' "$OUT" | grep '"clock":"order"' | jget .action)" remind "--replay of 06-02: the reminder"
clone=$(clone_store unit)
run pesc --db "$clone" --unit 510811 --now 2017-06-20 </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"clock":"order"')" 0 "the morning run --unit: only the orders to that unit and those under it"
run pesc --db "$clone" --unit 510800 --now 2017-06-20 </dev/null
is "$(printf '%s\n' "$OUT" | grep '"clock":"order"' | jget .case_no | paste -sd ' ' -)" "SV-3" \
	"... of the city: SV-3, past due on 06-20 and never reminded, raised at once"
run pesc --replay 2017-06-05 --unit 510802 </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"clock":"order"')" 0 "--replay --unit: only the orders to that unit"

# === 5. one listing ============================================================

is "$(lst order_no,source,action,target_unit,state --now 2017-06-05)" "SV-1|office|order|510802|on_time
SV-2|provincial|order|510800|overdue
SV-3|central|order|510800|open
-|morning_run|supervise|510802|overdue" \
	"--list: the orders and the morning run's supervision record, in one schema"
is "$(lst order_no --source morning_run --now 2017-06-05)" "-" "--source morning_run: the computed records alone"
is "$(lst order_no --source central)" "SV-3" "--source central"
is "$(lst order_no --kind 个案督查 | paste -sd ' ' -)" "SV-1 -" "--kind by its label: the order and the record of that kind"
is "$(lst order_no --unit 510802 | paste -sd ' ' -)" "SV-1 -" "--unit: the target unit (and those under it)"
is "$(lst order_no --unit 510800 | paste -sd ' ' -)" "SV-1 SV-2 SV-3 -" "--unit of the city: its counties' too"
is "$(lst order_no,days_overdue --overdue --now 2017-06-05 | paste -sd ' ' -)" "SV-2|2 -|1" "--overdue: open past the due date"
is "$(lst order_no --case 2)" "SV-2" "--case: the orders of a case"
is "$(lst order_no --from 2017-06-02 --to 2017-06-30)" "-" "--from/--to: by the time issued or recorded"
run psup --list --kind weekly </dev/null
is "$RC/$OUT" "2/" "--list --kind weekly: exit 2"
run psup --list --from 2017-13-01 </dev/null
is "$RC" 2 "--list --from a bad date: exit 2"
run psup --list -f table --header zh </dev/null
like "$OUT" '^督办编号 +督办来源 +督办方式' "--header zh: the Chinese names"
printf '%s\n' "$OUT" >"$T_DIR/tab"
is "$(aligned <"$T_DIR/tab")" "" "the table is aligned"

# === 6. the notice: no personal data ===========================================

run psup --notice SV-2 </dev/null
is_rc 0 "--notice: exit 0"
like "$OUT" '^督办通知' "the title"
contains "$OUT" "督办编号：SV-2" "the order's number"
contains "$OUT" "按照省级环保督察的安排" "the source"
contains "$OUT" "GY-2017-000001  事由" "each case by its number and subject"
contains "$OUT" "联合督查部门：住建局" "the joint departments"
lacks "$OUT" "张" "no petitioner's name"
lacks "$OUT" "5678" "no petitioner's phone"
run psup --notice SV-3 </dev/null
contains "$OUT" "专项主题：中央环保督察交办件（督查期间：2017-05-01至2017-05-31）" "a special one: its theme and period"
run psup --notice SV-7 </dev/null
is "$RC" 3 "--notice of an unknown order: exit 3"
mkdir "$T_DIR/tpl" && printf '{{order_no}} {{petitioner_name}}\n' >"$T_DIR/tpl/order.txt"
run psup --notice 1 --templates "$T_DIR/tpl" </dev/null
like "$RC/$ERR" '^3/.*\{\{petitioner_name\}\} is not a field' "a template cannot ask for a petitioner"

# === 7. the report =============================================================

run "$PETITION_BIN/petition-report" --orders --unit 510800 --now 2017-06-05 --format csv </dev/null
is_rc 0 "petition-report --orders: exit 0"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 33 "a header and a row for every unit and kind (8 units, 4 kinds)"
is "$(printf '%s\n' "$OUT" | tr -d '\r' | grep '^"510800","[^"]*","key"')" '"510800","广元市生态环境局","key","1","0","0","1","0"' \
	"the city's key supervision: issued, overdue"
is "$(printf '%s\n' "$OUT" | tr -d '\r' | grep '^"510800","[^"]*","individual"')" '"510800","广元市生态环境局","individual","1","1","0","0","0"' \
	"the city's row counts the county's order, answered on time"
is "$(printf '%s\n' "$OUT" | tr -d '\r' | grep '^"510811","[^"]*","key"')" '"510811","昭化区","key","0","0","0","0","0"' "a zero row"
run psup --result SV-2 --text 晚了 --now 2017-06-06 </dev/null
run "$PETITION_BIN/petition-report" --orders --unit 510800 --now 2017-06-06 --format csv </dev/null
is "$(printf '%s\n' "$OUT" | tr -d '\r' | grep '^"510800","[^"]*","key"')" '"510800","广元市生态环境局","key","1","0","1","0","0"' \
	"a result after the due date: answered late"
run "$PETITION_BIN/petition-report" --orders --from 2017-07-01 --to 2017-07-31 --format csv </dev/null
is "$(printf '%s\n' "$OUT" | tr -d '\r' | cut -d, -f4 | sort -u | paste -sd ' ' -)" '"0" "orders_issued"' "another period: zeros"
run "$PETITION_BIN/petition-report" --orders --by unit </dev/null
is "$RC" 2 "--orders --by: exit 2"
run "$PETITION_BIN/petition-report" --orders --daily 2017-06-01 </dev/null
like "$RC/$ERR" '^2/.*one of .*--orders.* at a time' "--orders --daily: exit 2"
run "$PETITION_BIN/petition-report" --orders --from 2017-07-01 --to 2017-06-01 </dev/null
is "$RC/$OUT" "2/" "--orders --from after --to: exit 2"

# === 8. the history verifies; a copy keeps the orders ==========================

run "$PETITION_BIN/petition-verify" </dev/null
is_rc 0 "petition-verify: the histories with order events verify"
copy=$(new_store copy)
run "$PETITION_BIN/petition-copy" --from "$PETITION_DB" --to "$copy" </dev/null
is_rc 0 "petition-copy: exit 0"
like "$OUT" '"copied":"orders","rows":3' "... the orders"
like "$OUT" '"copied":"order_cases","rows":3' "... and their cases"
is "$(lst order_no,state,case_nos --db "$copy" --now 2017-06-06)" "$(lst order_no,state,case_nos --now 2017-06-06)" \
	"the copy lists the same orders"

done_testing
