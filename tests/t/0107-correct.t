#!/bin/sh
# petition-handle --set FIELD=VALUE --reason: corrections of the facts of the
# complaint, validated as petition-add validates, old and new kept in one
# event (personal values only masked); --void --reason: a registration made
# twice, kept in the history, its clocks stopped, left out of escalation and
# of every statistic.
T_TOOLS="petition-handle petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

prep() { "$PETITION_BIN/petition-report" "$@"; }
# rows_of: the last CSV output, unquoted, one row a line
rows_of() { printf '%s\n' "$OUT" | tr -d '\r"'; }

mk 2017-05-20 510802 --channel visit --headcount 3 --petitioner-phone 13812345678 \
	--petitioner-name 张三 --accused '某化工厂'
mk 2017-05-20 510802 --accused '某化工厂'          # registered twice by mistake
mk 2017-05-21 510811

# --- --set -----------------------------------------------------------------

run p_handle --set subject=河道排污 --set headcount=6 --set 污染类型=水 \
	--set petitioner_phone=13912345678 --reason '登记笔误' 1 </dev/null
is_rc 0 "several fields in one action"
run pshow --with-personal-data 1 </dev/null
is "$(j .subject):$(j .headcount):$(j .pollution_type):$(j .petitioner_phone)" \
	"河道排污:6:water:13912345678" "the case holds the new values (Chinese field name and value too)"
is "$(j .collective)" true "a visit of 6 people is now collective"
is "$(j .status):$(j .accept_due)" "registered:2017-06-04" "status and dates untouched"
run pshow --format jsonl --with-personal-data 1 </dev/null
ev=$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
h = json.load(sys.stdin)["history"]
c = [e for e in h if e["action"] == "correct"]
print(len(c))
e = c[0]
print(e["from_status"], e["to_status"], e["details"]["reason"])
for x in e["details"]["changes"]:
    print(x["field"], x["old"], x["new"])')
is "$ev" "1
registered registered 登记笔误
subject 事由 河道排污
headcount 3 6
pollution_type None water
petitioner_phone 138****5678 139****5678
collective 0 1" "one event with each old and new value; the phone's only masked"
h=$(printf '%s\n' "$OUT" | "$PYTHON" -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["history"]))')
lacks "$h" 13812345678 "the old phone is nowhere in the history, even --with-personal-data"
lacks "$h" 13912345678 "nor the new one"

t_sum=$(dbsum)
bad_set() {    # bad_set RC MESSAGE DESCRIPTION ARGS...
	t_rc=$1 t_msg=$2 t_d=$3; shift 3
	run p_handle "$@" </dev/null
	is "$RC:$ERR" "$t_rc:petition-handle: $t_msg" "$t_d"
}
bad_set 2 '--set: "received_at" is not a fact of the complaint (see petition-handle(1))' \
	"received_at: the lifecycle's clocks run from it, refused" --set received_at=2017-05-01 --reason x 1
bad_set 2 '--set: "status" is not a fact of the complaint (see petition-handle(1))' \
	"status is the lifecycle's" --set status=closed --reason x 1
bad_set 2 '--set: "unit" is not a fact of the complaint (see petition-handle(1))' \
	"unit moves by transfer only" --set unit=510811 --reason x 1
bad_set 2 '--set: "petitioner_nam" is not a fact of the complaint (see petition-handle(1))' \
	"a misspelt field: its value is not echoed" --set petitioner_nam=李四 --reason x 1
bad_set 2 '--set: "subject" is not FIELD=VALUE' "no =" --set subject --reason x 1
bad_set 2 '--set: subject: given twice' "a field twice" --set subject=a --set subject=b --reason x 1
bad_set 2 '--reason: needed with --set' "--reason is needed" --set subject=a 1
bad_set 3 '--set: headcount: "0" is not a whole number from 1 to 100000' \
	"values validated as petition-add validates them" --set headcount=0 --reason x 1
bad_set 3 '--set: pollution_type: "smoke" is not one of air, water, noise, solid_waste, radiation, soil, ecology, other' "an unknown pollution type" \
	--set pollution_type=smoke --reason x 1
bad_set 3 '--set: petitioner_phone: is not a phone number' "a bad phone, not echoed" \
	--set petitioner_phone=12ab --reason x 1
bad_set 3 '--set: subject: is required' "a required field cannot be emptied" --set subject= --reason x 1
bad_set 4 'GY-2017-000001: --set changes nothing' "a correction that changes nothing" \
	--set subject=河道排污 --reason x 1
is "$(dbsum)" "$t_sum" "nothing written by any of them"
run p_handle --set risk=true --reason '后查明涉邻避' 3 </dev/null
is "$RC:$(j .risk)" "0:true" "risk marked later"

# --- --void ----------------------------------------------------------------

run p_handle --void 2 </dev/null
is "$RC:$ERR" "2:petition-handle: --reason: needed with --void" "--void needs --reason"
run p_handle --void --reason '重复登记，同 GY-2017-000001' 2 </dev/null
is "$RC:$(j .status)" "0:voided" "a registration made twice is voided"
run pshow --format jsonl 2 </dev/null
is "$(printf '%s\n' "$OUT" | jget '.deadlines[0].stopped_at')" "2017-06-01T09:00:00+08:00" "its clock is stopped"
is "$(last_event 2)" "void|registered|voided|tester" "kept in the history"
run plist --status voided </dev/null
is "$(j .case_no)" GY-2017-000002 "petition-list --status voided finds it"
run plist --status 作废 </dev/null
is "$(j .case_no)" GY-2017-000002 "or --status 作废"
run p_handle --set subject=x --reason x 2 </dev/null
is "$RC:$ERR" "4:petition-handle: GY-2017-000002: it is voided" "a voided case is not corrected"
run p_handle --void --reason x 2 </dev/null
is_rc 4 "nor voided twice"
run p_assign --accept --category petition 2 </dev/null
is_rc 4 "nor accepted"
p_assign -q --accept --category petition 3 </dev/null
p_handle -q --reply '已处理' --outcome explain 3 </dev/null
run p_handle --void --reason x 3 </dev/null
is "$RC:$ERR" "4:petition-handle: GY-2017-000003: only a registered or accepted case can be voided (it is replied)" \
	"a replied case cannot be voided"

# escalation never touches it: far past every due date, the voided case is absent
run pesc --now 2018-06-01 </dev/null
is_rc 0 "petition-escalate runs a year later"
lacks "$OUT" GY-2017-000002 "and never names the voided case"

# statistics leave it out: 2 cases counted in May, not 3
run prep --now 2017-06-01 --from 2017-05-01 --to 2017-05-31 --unit 510802 --by unit --measures received -f csv </dev/null
is "$(rows_of | grep '^510802,')" "510802,利州区,1" "the voided case is not received"
run prep --now 2017-06-01 --from 2017-05-01 --to 2017-05-31 --by status --measures received -f csv </dev/null
lacks "$OUT" voided "no voided row in --by status"
run prep --now 2017-06-01 --daily 2017-05-20 --unit 510802 -f csv </dev/null
is_rc 0 "the daily report runs"
lacks "$OUT" GY-2017-000002 "and does not list the voided case"

# a corrected accused name or phone is matched as petition-add matches them
run p_handle --set 'accused=  ＸＹＺ   印染厂 ' --set 'petitioner_phone=+86 137-0000-0001' \
	--reason '被投诉对象笔误' 3 </dev/null
is_rc 0 "correct the accused and the phone"
mk 2017-05-25 510811 --accused 'XYZ 印染厂'
run plist -f jsonl 4 </dev/null
is "$(printf '%s\n' "$OUT" | jget .repeat_of)" GY-2017-000003 "a later case against the corrected accused is its repeat"
mk 2017-05-26 510811 --petitioner-phone 13700000001
run plist -f jsonl 5 </dev/null
is "$(printf '%s\n' "$OUT" | jget .repeat_of)" GY-2017-000003 "and the corrected phone is matched too"

done_testing
