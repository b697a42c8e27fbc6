#!/bin/sh
# Backlog files (积案: 一个领导、一个班子、一套方案、一抓到底): petition-handle
# --team, --plan-step, --step-done, --backlog-resolution on backlog cases
# only, each an event of the history; refusals (exit 4), bad values (exit
# 2), unreadable input, --dry-run, -k, batches over stdin; petition-report
# --backlog shows each file, --backlog-files counts them by unit and leader
# with a row of zeros for every other unit, the measure
# backlog_resolution_rate; the history verifies, petition-copy copies the
# files; no personal data in the reports.
T_TOOLS="petition-handle petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

prep() { "$PETITION_BIN/petition-report" "$@"; }
pverify() { "$PETITION_BIN/petition-verify" "$@"; }
pcopy() { "$PETITION_BIN/petition-copy" "$@"; }
# rows_of: the last CSV output, unquoted, one row a line
rows_of() { printf '%s\n' "$OUT" | tr -d '\r"'; }
# hist CASE KEY...: action|KEY... of each event of CASE after the registration
hist() {
	t_c=$1; shift
	qshow --format jsonl "$t_c" </dev/null | t_case history action "$@" | sed 1d
}

mk 2017-01-05 510802 --petitioner-name 张三 --petitioner-phone 13812345678
mk 2017-02-10 510821
mk 2017-05-20 510811
run pesc --now 2017-06-01 </dev/null
is "$(qlist --backlog --format jsonl </dev/null | jget .case_no)" "GY-2017-000001
GY-2017-000002" "set-up: cases 1 and 2 are backlog cases, 3 is not"

# --- the team ----------------------------------------------------------------

t_sum=$(dbsum)
run p_handle --now 2017-06-02 --team 王五 3 </dev/null
is "$RC:$ERR" "4:petition-handle: GY-2017-000003: it is not a backlog case (积案): it has no file" \
	"--team on a case that is not a backlog case: exit 4, named"
is "$(dbsum)" "$t_sum" "... nothing written"

run p_handle --now 2017-06-02 --team '王五,赵六' --leader 孙建国 -f jsonl 1 </dev/null
is_rc 0 "--team with --leader: exit 0"
is "$(j .leader)" "孙建国" "the changed case is printed, its leader set"
is "$(hist 1 details.team details.leader | tail -1)" "backlog_team|王五,赵六|孙建国" \
	"one event backlog_team with the team and the leader"
run p_handle --now 2017-06-02 --team '王五,赵六,钱七' -q 1 </dev/null
is "$RC:$OUT" "0:" "a later --team replaces it (-q: nothing printed)"

# --- the plan ------------------------------------------------------------------

t_sum=$(dbsum)
bad() {    # bad RC MESSAGE-REGEX DESCRIPTION ARGS...
	t_rc=$1 t_re=$2 t_d=$3; shift 3
	run p_handle --now 2017-06-02 "$@" </dev/null
	is "$RC:$OUT" "$t_rc:" "$t_d: exit $t_rc, nothing printed"
	like "$ERR" "^petition-handle: $t_re" "$t_d: the message"
}
bad 2 '--plan-step: "2017-02-30:核查" is not DATE:TEXT' "a date that is none" --plan-step 2017-02-30:核查 1
bad 2 '--plan-step: "核查" is not DATE:TEXT' "no date" --plan-step 核查 1
bad 2 '--plan-step: "17-6-1:核查" is not DATE:TEXT' "a short date" --plan-step 17-6-1:核查 1
bad 2 "--plan-step: the step's text is empty" "no text" --plan-step 2017-06-15: 1
bad 3 '--plan-step: ' "a control character in the text" --plan-step "$(printf '2017-06-15:a\001b')" 1
bad 2 '--plan-step: longer than 1000 bytes' "a text too long" \
	--plan-step "2017-06-15:$(head -c 1001 /dev/zero | tr '\0' x)" 1
bad 2 '--team: longer than 400 bytes' "a team too long" --team "$(head -c 401 /dev/zero | tr '\0' x)" 1
bad 2 'one action at a time' "two actions" --team 王五 --plan-step 2017-06-15:核查 1
bad 2 '--step-done: "0"' "step 0" --step-done 0 1
bad 2 '--step-done: "two"' "a step that is not a number" --step-done two 1
is "$(dbsum)" "$t_sum" "none of them wrote anything"

run p_handle --now 2017-06-02 --plan-step '2017-06-15:约谈信访人' -q 1 </dev/null
is_rc 0 "a first step"
run p_handle --now 2017-06-02 --plan-step '2017-06-30:现场监测并公开结果' -q 1 </dev/null
is_rc 0 "a second step"
# a batch over stdin: case numbers, one a line
printf 'GY-2017-000001\nGY-2017-000002\n' > "$T_DIR/keys"
run p_handle --now 2017-06-03 --plan-step '2017-06-20:召开听证会' -q <"$T_DIR/keys"
is_rc 0 "a step for the cases named on stdin"
is "$(hist 1 details.step details.due details.text | grep '^plan_step')" "plan_step|1|2017-06-15|约谈信访人
plan_step|2|2017-06-30|现场监测并公开结果
plan_step|3|2017-06-20|召开听证会" "case 1: three plan_step events, numbered in order"
is "$(hist 2 details.step details.due | grep '^plan_step')" "plan_step|1|2017-06-20" "case 2: its own step 1"

# -k: one case of the batch is not a backlog case
t_sum=$(dbsum)
run p_handle --now 2017-06-03 --plan-step '2017-06-25:回访' -q 3 2 </dev/null
is "$RC" 4 "a batch with a case that is not a backlog case: exit 4"
is "$(dbsum)" "$t_sum" "... all or nothing: nothing written"
run p_handle --now 2017-06-03 --plan-step '2017-06-25:回访' -q -k 3 2 </dev/null
is "$RC" 1 "-k: exit 1, the backlog case done"
like "$ERR" 'GY-2017-000003: it is not a backlog case' "... the refusal reported"
is "$(hist 2 details.step | grep -c '^plan_step')" 2 "... case 2 has its second step"

# unreadable input on stdin: refused, nothing written
t_sum=$(dbsum)
printf '{"case_no": "GY-2017-000002"\n' > "$T_DIR/bad"
run p_handle --now 2017-06-03 --plan-step '2017-06-26:核查' -q <"$T_DIR/bad"
is "$RC:$(dbsum)" "3:$t_sum" "a malformed JSON line on stdin: exit 3, nothing written"
printf 'GY-2017-000002\nno-such-case\n' > "$T_DIR/bad"
run p_handle --now 2017-06-03 --plan-step '2017-06-26:核查' -q <"$T_DIR/bad"
is "$RC:$(dbsum)" "3:$t_sum" "an unknown case among the keys: exit 3, nothing written"

# --- steps done ------------------------------------------------------------------

t_sum=$(dbsum)
run p_handle --now 2017-06-10 --step-done 1 --dry-run -f jsonl 1 </dev/null
is "$RC:$(j .case_no)" "0:GY-2017-000001" "--dry-run: exit 0, the case printed"
is "$(dbsum)" "$t_sum" "... nothing written"
run p_handle --now 2017-06-10 --step-done 1 -q 1 </dev/null
is_rc 0 "--step-done 1"
is "$(hist 1 details.step details.due details.on_time | tail -1)" "step_done|1|2017-06-15|true" \
	"event step_done: the step, its due date, on time"
run p_handle --now 2017-06-10 --step-done 1 -q 1 </dev/null
is "$RC:$ERR" "4:petition-handle: GY-2017-000001: step 1 of its plan is done already" "done twice: exit 4"
run p_handle --now 2017-06-10 --step-done 9 -q 1 </dev/null
is "$RC:$ERR" "4:petition-handle: GY-2017-000001: its plan has no step 9 (it has 3)" "a step the plan lacks: exit 4"
run p_handle --now 2017-06-02 --step-done 3 -q 1 </dev/null
is "$RC:$ERR" "4:petition-handle: GY-2017-000001: a step is done after it was planned" \
	"dated before the step was added: exit 4"
run p_handle --now 2017-07-05 --step-done 3 -q 1 </dev/null
is "$(hist 1 details.step details.on_time | tail -1)" "step_done|3|false" "a step done after its date: not on time"

# --- the file in petition-report --backlog -----------------------------------------

run prep --now 2017-06-21 -f jsonl --backlog </dev/null
is_rc 0 "--backlog: exit 0"
is "$(printf '%s\n' "$OUT" | t_case fields case_no leader team steps steps_done next_step next_step_due resolution)" \
"GY-2017-000001|孙建国|王五,赵六,钱七|3|2|现场监测并公开结果|2017-06-30|open
GY-2017-000002|-|-|2|0|召开听证会|2017-06-20|open" \
	"--backlog: leader, team, steps done of all, the next step not done and its date, open"
run prep --now 2017-06-21 -f csv --header zh --backlog --unit 510821 </dev/null
is "$(rows_of | head -1 | cut -d, -f12-)" "班子成员,方案步骤数,已完成步骤数,下一步骤,下一步骤期限,化解情况" \
	"--header zh: the file's columns in Chinese"
run prep --now 2017-06-21 -f table --backlog </dev/null
contains "$OUT" "召开听证会" "table: the next step"

# --- the resolution --------------------------------------------------------------------

t_sum=$(dbsum)
bad 2 '--reason: needed with --backlog-resolution' "a resolution without a reason" --backlog-resolution resolved 1
bad 2 '--backlog-resolution: "closed" is not one of resolved, withdrawn' "an unknown resolution" \
	--backlog-resolution closed --reason x 1
bad 2 '--backlog-resolution: "open"' "open is a state, not a resolution" --backlog-resolution open --reason x 1
is "$(dbsum)" "$t_sum" "nothing written"
run p_handle --now 2017-07-10 --backlog-resolution 案结事了 --reason '企业已整改，信访人认可' -q 1 </dev/null
is_rc 0 "--backlog-resolution by its Chinese label"
is "$(hist 1 details.resolution details.reason details.steps details.steps_done | tail -1)" \
	"backlog_resolution|resolved|企业已整改，信访人认可|3|2" "event backlog_resolution: the code, the reason, the steps"
t_sum=$(dbsum)
run p_handle --now 2017-07-11 --backlog-resolution withdrawn --reason 再次 -q 1 </dev/null
is "$RC:$ERR" "4:petition-handle: GY-2017-000001: its file is closed: the resolution is recorded" \
	"a second resolution: exit 4"
run p_handle --now 2017-07-11 --plan-step '2017-07-20:回访' -q 1 </dev/null
is "$RC" 4 "no step after the resolution"
run p_handle --now 2017-07-11 --team 王五 -q 1 </dev/null
is "$RC" 4 "no team after the resolution"
is "$(dbsum)" "$t_sum" "... none written"
run p_handle --now 2017-07-11 --backlog-resolution withdrawn --reason '信访人书面承诺息诉' -q 2 </dev/null
is_rc 0 "case 2 withdrawn (息诉息访)"

# the status never moved
is "$(qshow --format jsonl 1 2 </dev/null | t_case fields status)" "registered
registered" "the status does not change"
run pverify </dev/null
is_rc 0 "the history verifies"

# --- by unit and leader ---------------------------------------------------------------------

mk 2017-02-20 510821
pesc --now 2017-06-01 </dev/null >/dev/null
p_handle -q --now 2017-06-02 --leader 孙建国 --plan-step '2017-06-05:核查' 4 </dev/null
run prep --now 2017-07-12 -f csv --backlog-files --unit 510800 </dev/null
is_rc 0 "--backlog-files: exit 0"
is "$(rows_of)" "unit,unit_name,leader,files,open,resolved,withdrawn,steps,steps_done,steps_overdue
510800,广元市生态环境局,,1,0,0,1,2,0,0
510800,广元市生态环境局,孙建国,2,1,1,0,4,2,1
510802,利州区,孙建国,1,0,1,0,3,2,0
510811,昭化区,,0,0,0,0,0,0,0
510812,朝天区,,0,0,0,0,0,0,0
510821,旺苍县,,1,0,0,1,2,0,0
510821,旺苍县,孙建国,1,1,0,0,1,0,1
510822,青川县,,0,0,0,0,0,0,0
510823,剑阁县,,0,0,0,0,0,0,0
510824,苍溪县,,0,0,0,0,0,0,0" \
	"a row per unit and leader, each unit counting those under it; a unit without backlog a row of zeros; overdue steps of open files only"
run prep --now 2017-07-12 -f csv --header zh --backlog-files --unit 510822 </dev/null
is "$(rows_of)" "单位代码,单位,包案领导,积案档案数,未化解,案结事了,息诉息访,方案步骤数,已完成步骤数,逾期步骤数
510822,青川县,,0,0,0,0,0,0,0" "--header zh, a county without backlog: its row of zeros"
run prep --now 2017-07-12 -f table --backlog-files </dev/null
is "$(printf '%s\n' "$OUT" | tail -1 | tr -s ' ')" "total 3 1 1 1 6 2 1" "table: a total row, each case once"
run prep --now 2017-07-12 -f jsonl --backlog-files --unit 510802 </dev/null
is "$OUT" '{"unit":"510802","unit_name":"利州区","leader":"孙建国","files":1,"open":0,"resolved":1,"withdrawn":0,"steps":3,"steps_done":2,"steps_overdue":0}' \
	"jsonl: counts as numbers"
run prep --now 2017-07-12 -f csv --backlog-files --unit 510899 </dev/null
is "$RC:$OUT" "2:" "--backlog-files --unit unknown: exit 2"
run prep --now 2017-07-12 -f csv --backlog-files --by unit </dev/null
is "$RC" 2 "--backlog-files with --by: exit 2"
run prep --now 2017-07-12 -f csv --backlog-files --backlog </dev/null
like "$RC:$ERR" "^2:.*one of .*--backlog-files" "--backlog-files with --backlog: exit 2"

# --- the measure -----------------------------------------------------------------------------

run prep --now 2017-07-12 -f csv --unit 510800 --measures backlog,backlog_resolution_rate </dev/null
is "$(rows_of)" "unit,unit_name,backlog,backlog_resolution_rate
510800,广元市生态环境局,3,0.6667
510802,利州区,1,1.0000
510811,昭化区,0,
510812,朝天区,0,
510821,旺苍县,2,0.5000
510822,青川县,0,
510823,剑阁县,0,
510824,苍溪县,0," "backlog_resolution_rate: resolved or withdrawn over the backlog cases received"
run prep --now 2017-07-12 -f csv --unit 510800 --from 2017-02-01 --measures backlog_resolution_rate </dev/null
is "$(rows_of | sed -n 2p)" "510800,广元市生态环境局,0.5000" "... of the cases received in the period (02-01 on: cases 2 and 4)"

# --- privacy ---------------------------------------------------------------------------------

out=$(for f in jsonl csv table; do prep --now 2017-07-12 -f "$f" --backlog; prep --now 2017-07-12 -f "$f" --backlog-files; done </dev/null)
lacks "$out" "13812345678" "no phone in --backlog or --backlog-files"
lacks "$out" "张三" "no petitioner name"

# --- the morning run reminds of steps past their date ----------------------------------------

steps_of() { printf '%s\n' "$OUT" | tr -d '\r"' | grep ',plan_step,'; }
run pesc --now 2017-07-12 -f csv </dev/null
is_rc 0 "petition-escalate: exit 0"
is "$(steps_of)" "remind,GY-2017-000004,510821,510800,,孙建国,plan_step,2017-06-05,37,plan step 1 of the backlog file (积案) due 2017-06-05, 37 days overdue: mark it done or plan anew" \
	"a reminder of the open file's step past its date; none for the resolved and withdrawn files"
t_first=$(steps_of)
t_sum=$(dbsum)
run pesc --now 2017-07-12 -f csv </dev/null
is "$(steps_of)" "$t_first" "the next run reminds again"
is "$(dbsum)" "$t_sum" "... and records nothing"
run pesc --now 2017-07-12 -f csv --unit 510802 </dev/null
is "$(steps_of)" "" "--unit: only the steps of its cases"
p_handle -q --now 2017-07-12 --step-done 1 4 </dev/null
run pesc --now 2017-07-12 -f csv </dev/null
is "$(steps_of)" "" "a step done is reminded no more"

# --- copied ------------------------------------------------------------------------------------

run pcopy --from "$PETITION_DB" --to "$T_DIR/copy.db" </dev/null
is_rc 0 "petition-copy: exit 0"
like "$OUT" '"copied":"backlog_files","rows":3,' "... the three files"
like "$OUT" '"copied":"backlog_steps","rows":6,' "... and their six steps"
is "$(prep --db "$T_DIR/copy.db" --now 2017-07-12 -f csv --backlog </dev/null)" \
	"$(prep --now 2017-07-12 -f csv --backlog </dev/null)" "the copy shows the same files"

done_testing
