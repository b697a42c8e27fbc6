#!/bin/sh
# petition-assign: accept, decline, transfer, assign, object; refusals,
# pipelines, all-or-nothing, --keep-going and --dry-run.
T_TOOLS="petition-assign"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

# mk RECEIVED UNIT [FIELD OPTIONS]: registers one case on the day it is
# received, prints nothing

export PETITION_NOW=2017-04-05T10:00:00+08:00

# --- accept ----------------------------------------------------------------

mk 2017-03-21 510802                                   # 1
mk 2017-03-21 510802                                   # 2
run p_assign --accept --category 信访类 1 </dev/null
is_rc 0 "accept a registered case (--category by its label 信访类)"
is "$ERR" "" "nothing on stderr"
is "$(lines "$OUT")" 1 "the changed case is printed (one JSON line)"
is "$(j .case_no)/$(j .status)/$(j .category)" GY-2017-000001/accepted/petition "printed: accepted, category petition"
is "$(j .reply_due)" 2017-06-04 "printed reply_due: accepted 2017-04-05 + 60 days = 2017-06-04"
is "$(row 1 status category reply_due accept_due)" \
	"accepted|petition|2017-06-04|2017-04-05" "stored: status, category, reply_due; accept_due kept"
is "$(clock 1 accept)" "2017-03-21|2017-04-05|received 2017-03-21 + 15 calendar days|2017-04-05T10:00:00+08:00" \
	"the accept clock is stopped at the time of acceptance"
is "$(clock 1 reply)" "2017-04-05|2017-06-04|accepted 2017-04-05 + 60 calendar days|-" \
	"the reply clock runs from the acceptance"
is "$(last_event 1)" "accept|registered|accepted|tester" "event accept, registered -> accepted, by \$PETITION_ACTOR"
is "$(detail 1 category)" petition "event details.category"
is "$(detail 1 unit)" 510802 "event details.unit: the acting unit"
is "$(last_event 1 at)" 2017-04-05T10:00:00+08:00 \
	"the event is at --now"

run p_assign -q --actor 王科长 --accept --category enforcement --now 2017-04-05T20:00:00Z GY-2017-000002 </dev/null
is_rc 0 "accept by case number, --actor, -q"
is "$OUT" "" "-q prints nothing"
is "$(row 2 reply_due)" 2017-06-05 \
	"accepted 2017-04-05T20:00Z = 2017-04-06 local: reply_due 2017-06-05"
is "$(last_event 2)" "accept|registered|accepted|王科长" "--actor goes into the history"

# --- decline ---------------------------------------------------------------

mk 2017-03-22 510802                                   # 3
run p_assign --decline --reason '属于行政复议事项' --category litigation 3 </dev/null
is_rc 0 "decline with a reason and a category"
is "$(j .status)/$(j .category)" declined/litigation "printed: declined, litigation"
is "$(row 3 status category reply_due)" \
	"declined|litigation|-" "stored: declined, category litigation, no reply clock"
like "$(clock 3 accept)" '\|2017-04-05T10:00:00\+08:00$' \
	"declining stops the accept clock"
is "$(clocks 3)" "accept=2017-04-05T10:00:00+08:00" "no reply clock opened: the accept clock alone"
is "$(last_event 3)" "decline|registered|declined|tester" "event decline"
is "$(detail 3 reason)|$(detail 3 category)" "属于行政复议事项|litigation" "event details: reason and category"

mk 2017-03-22 510802                                   # 4
sum=$(dbsum)
run p_assign --decline 4 </dev/null
is_rc 2 "decline without --reason: usage"
is "$ERR" "petition-assign: --reason: needed with --decline" "message names --reason"
run p_assign --decline --reason x --category enforcement 4 </dev/null
is_rc 2 "decline --category enforcement: usage"
like "$ERR" '^petition-assign: --category: "enforcement" is not one of litigation, out_of_scope$' \
	"message lists the categories a decline can have"
is "$(dbsum)" "$sum" "nothing written by usage errors"

# --- refusals and usage errors --------------------------------------------

sum=$(dbsum); nev=$(nevents)
run p_assign --accept --category petition 3 </dev/null
is_rc 4 "accepting a declined case is refused"
is "$ERR" "petition-assign: GY-2017-000003: only a registered case can be accepted (it is declined)" \
	"the refusal names the case and why"
is "$OUT" "" "nothing printed on stdout"
run p_assign --decline --reason x 1 </dev/null
is_rc 4 "declining an accepted case is refused"
is "$ERR" "petition-assign: GY-2017-000001: only a registered case can be declined (it is accepted)" \
	"the refusal says the case is accepted"
run p_assign --accept 4 </dev/null
is_rc 2 "accept without --category: usage"
is "$ERR" "petition-assign: --category: needed with --accept" "message names --category"
run p_assign --accept --category nonsense 4 </dev/null
is_rc 2 "accept --category nonsense: usage"
like "$ERR" '--category: "nonsense" is not one of enforcement, litigation, petition, out_of_scope' \
	"message lists the categories"
run p_assign --accept --decline --category petition --reason x 4 </dev/null
is_rc 2 "two actions at once: usage"
like "$ERR" 'one action at a time' "message: one action at a time"
run p_assign 4 </dev/null
is_rc 2 "no action: usage"
run p_assign --accept --category petition </dev/null
is_rc 2 "no case and no stdin input: usage"
like "$ERR" 'no case given' "message: no case given"
run p_assign --accept --category petition GY-2017-000099 </dev/null
is_rc 3 "an unknown case: bad input"
is "$ERR" "petition-assign: GY-2017-000099: no such case" "message names the unknown case"
is "$(dbsum)" "$sum" "refusals and usage errors change nothing"
is "$(nevents)" "$nev" "... and add no events"

# --- transfer to a known unit -----------------------------------------------

# Case 5 reaches 利州区 on 2017-09-25 and is transferred to 昭化区 on
# Wednesday 2017-09-27. The objection window is 5 working days, counted from
# the day after: Thu 28 Sep (1), Fri 29 Sep (2), Sat 30 Sep (3, a make-up
# working day), 1-8 Oct holidays (国庆节、中秋节), Mon 9 Oct (4), Tue 10 Oct (5).
# So the window ends on 2017-10-10 (the same way as the spec's example:
# 2017-09-25 + 15 working days = 2017-10-20).
mk 2017-09-25 510802                                   # 5
run p_assign --transfer --to 昭化区 --reason '属地管辖' --now 2017-09-27T10:00:00+08:00 5 </dev/null
is_rc 0 "transfer to a known unit (by name)"
is "$(j .status)/$(j .unit)/$(j .unit_name)/$(j .transferred_from)" "registered/510811/昭化区/510802" \
	"printed: still registered, now at 昭化区, transferred_from 利州区"
is "$(row 5 status unit transferred_from accept_due)" \
	"registered|510811|510802|2017-10-12" "stored: unit, transferred_from, a new accept_due (transfer + 15 days)"
is "$(clock 5 accept)" "2017-09-27|2017-10-12|received by transfer 2017-09-27 + 15 calendar days|-" \
	"a new accept clock runs from the transfer"
is "$(clock 5 object)" "2017-09-27|2017-10-10|received by transfer 2017-09-27 + 5 working days (holidays.conf)|-" \
	"objection window: 5 working days = 2017-10-10 (Sep 30 worked, Oct 1-8 off)"
is "$(last_event 5)" "transfer|registered|registered|tester" "event transfer"
is "$(detail 5 from_unit)|$(detail 5 to)|$(detail 5 reason)|$(detail 5 unit)" "510802|510811|属地管辖|510802" \
	"event details: from_unit, to, reason, acting unit"

sum=$(dbsum)
run p_assign --transfer --to 510811 --now 2017-09-28 5 </dev/null
is_rc 4 "transferring a case to the unit it is at is refused"
is "$ERR" "petition-assign: GY-2017-000005: it is already at 昭化区" "message: already there"
run p_assign --transfer 5 </dev/null
is_rc 2 "transfer without --to: usage"
is "$ERR" "petition-assign: --to: needed with --transfer" "message names --to"
run p_assign --transfer --to 510899 --now 2017-09-28 5 </dev/null
is_rc 4 "transferring to an unknown unit code is refused (not taken for another agency)"
is "$ERR" "petition-assign: GY-2017-000005: \"510899\" is not a known unit" "message"
# a unit's code or name with blanks around it, or blanks alone, is not the
# name of another department: the case would leave the office by a typo
for to in "510802 " " 510811" " 昭化区" "利州区 "; do
	run p_assign --transfer --to "$to" --now 2017-09-28 5 </dev/null
	is "$RC/$ERR" "4/petition-assign: GY-2017-000005: \"$to\" is not a known unit" \
		"--to \"$to\": refused, not an outside agency"
done
# blank, or a tab (a control character in a one-line field): not text at all
for to in " " "	"; do
	run p_assign --transfer --to "$to" --now 2017-09-28 5 </dev/null
	like "$RC/$ERR" '^3/petition-assign: --to: (is empty or blank|contains control characters)$' \
		"--to \"$to\": refused as bad input, not an outside agency"
done
run p_assign --transfer --to 510811 1 </dev/null
is_rc 4 "transferring an accepted case is refused"
like "$ERR" 'GY-2017-000001: only a registered case can be transferred \(it is accepted\)' "message"
is "$(dbsum)" "$sum" "nothing written"

# --- object: within and after the window ----------------------------------

sum=$(dbsum)
run p_assign --object --reason '不属本单位职责' --now 2017-10-11T08:00:00+08:00 5 </dev/null
is_rc 4 "objecting after the window is refused"
is "$ERR" "petition-assign: GY-2017-000005: the time to object ended on 2017-10-10" \
	"the refusal names the last day"
is "$(dbsum)" "$sum" "nothing written"
run p_assign --object --now 2017-10-10 5 </dev/null
is_rc 2 "object without --reason: usage"
is "$ERR" "petition-assign: --reason: needed with --object" "message names --reason"

run p_assign --object --reason '不属本单位职责' --now 2017-10-10T17:00:00+08:00 5 </dev/null
is_rc 0 "objecting on the last day of the window"
is "$(row 5 status unit transferred_from accept_due)" \
	"registered|510802|510811|2017-10-25" \
	"back at 利州区, transferred_from 昭化区, accept_due = 2017-10-10 + 15 days"
is "$(clock 5 object)" "2017-09-27|2017-10-10|received by transfer 2017-09-27 + 5 working days (holidays.conf)|2017-10-10T17:00:00+08:00" \
	"the objection window is closed"
is "$(clock 5 accept)" "2017-10-10|2017-10-25|returned by objection 2017-10-10 + 15 calendar days|-" \
	"a new accept clock from the objection"
is "$(last_event 5)" "object|registered|registered|tester" "event object"
is "$(detail 5 reason)|$(detail 5 returned_to)|$(detail 5 unit)" "不属本单位职责|510802|510811" \
	"event details: reason, returned_to, and the objecting unit"

run p_assign --object --reason again --now 2017-10-10T18:00:00+08:00 5 </dev/null
is_rc 4 "a second objection is refused"
like "$ERR" 'GY-2017-000005: only a case received by transfer and not yet decided can be objected to' "message"
run p_assign --object --reason x 4 </dev/null
is_rc 4 "objecting to a case that was not transferred is refused"

# accepting a transferred case ends its objection window
mk 2017-09-25 510802                                   # 6
run p_assign -q --transfer --to 510811 --now 2017-09-27 6 </dev/null
run p_assign -q --accept --category enforcement --now 2017-09-29 6 </dev/null
is_rc 0 "the receiving unit accepts the transferred case"
like "$(clock 6 object)" '\|2017-09-29T00:00:00\+08:00$' \
	"accepting stops the objection window"
run p_assign --object --reason x --now 2017-09-30 6 </dev/null
is_rc 4 "objecting after accepting is refused"

# --- transfer to another agency ------------------------------------------

mk 2017-03-25 510802                                   # 7
run p_assign --transfer --to 广元市水利局 --reason '请向水利部门反映' 7 </dev/null
is_rc 0 "transfer to an agency that is not a unit"
is "$(j .status)/$(j .unit)" transferred/510802 "printed: status transferred"
is "$(row 7 status unit transferred_from)" \
	"transferred|510802|-" "stored: the case leaves (status transferred), unit unchanged"
like "$(clocks 7)" "$T_STOPPED" \
	"no clock runs on a case that left"
is "$(clocks 7)" "accept=2017-04-05T10:00:00+08:00" "no objection window: the accept clock alone"
is "$(last_event 7)" "transfer|registered|transferred|tester" "event transfer, registered -> transferred"
is "$(detail 7 to)" 广元市水利局 "event details.to: the agency"
run p_assign --accept --category petition 7 </dev/null
is_rc 4 "a transferred case cannot be accepted"

# --- assign (交办) ----------------------------------------------------------

mk 2017-03-21 510800                                   # 8  at the city
mk 2017-03-21 510800                                   # 9
mk 2017-03-21 510800                                   # 10
run p_assign -q --accept --category enforcement 8 9 10 </dev/null
is_rc 0 "three city cases accepted"
run p_assign --assign --to 510821 8 </dev/null
is_rc 0 "assign to a county under the city"
is "$(j .unit)/$(j .unit_name)/$(j .status)" "510821/旺苍县/accepted" "printed: now at 旺苍县, still accepted"
is "$(row 8 unit status reply_due)" "510821|accepted|2017-06-04" "stored"
is "$(clock 8 report)" "2017-04-05|2017-06-04|assigned 2017-04-05, report back by 2017-06-04 (the reply due date)|-" \
	"a report-back clock, by default to the reply due date"
is "$(last_event 8)" "assign|accepted|accepted|tester" "event assign"
is "$(detail 8 from_unit)|$(detail 8 to)|$(detail 8 report_by)|$(detail 8 unit)" "510800|510821|2017-06-04|510800" \
	"event details: from_unit, to, report_by, acting unit (the city)"

run p_assign --assign --to 旺苍县 --report-by 2017-05-01 9 </dev/null
is_rc 0 "assign with --report-by"
is "$(clock 9 report)" "2017-04-05|2017-05-01|assigned 2017-04-05, report back by 2017-05-01 (set by the assigner)|-" \
	"the report-back clock runs to --report-by"
is "$(detail 9 report_by)" 2017-05-01 "event details.report_by"

sum=$(dbsum)
run p_assign --assign --to 510000 10 </dev/null
is_rc 4 "assigning to the province (not under the city) is refused"
is "$ERR" "petition-assign: GY-2017-000010: 四川省生态环境厅 is not under 广元市生态环境局" "message"
run p_assign --assign --to 510811 8 </dev/null
is_rc 4 "assigning to a sibling county is refused"
is "$ERR" "petition-assign: GY-2017-000008: 昭化区 is not under 旺苍县" "message"
run p_assign --assign --to 市水务局 10 </dev/null
is_rc 4 "assigning to an unknown unit is refused"
like "$ERR" 'GY-2017-000010: "市水务局" is not a known unit' "message"
run p_assign --assign --to 510821 4 </dev/null
is_rc 4 "assigning a registered case is refused"
like "$ERR" 'GY-2017-000004: only an accepted case can be assigned \(it is registered\)' "message"
run p_assign --assign --to 510821 --report-by 2017-06-05 10 </dev/null
is_rc 4 "a report-back date after the reply due date is refused"
is "$ERR" "petition-assign: GY-2017-000010: the report-back date 2017-06-05 is after the reply due date 2017-06-04" "message"
run p_assign --assign --to 510821 --report-by 2017-04-01 10 </dev/null
is_rc 4 "a report-back date in the past is refused"
like "$ERR" 'the report-back date 2017-04-01 has passed' "message"
run p_assign --assign --to 510821 --report-by 2017-02-30 10 </dev/null
is_rc 2 "--report-by not a date: usage"
like "$ERR" '--report-by: "2017-02-30" is not a date' "message"
is "$(dbsum)" "$sum" "nothing written"

# --- --handler / --leader alone --------------------------------------------

run p_assign --handler 李四 --leader 王局长 10 </dev/null
is_rc 0 "--handler and --leader without an action"
is "$(j .handler)/$(j .leader)/$(j .status)" "李四/王局长/accepted" "printed"
is "$(row 10 handler leader status)" "李四|王局长|accepted" "stored"
is "$(last_event 10)" "set|accepted|accepted|tester" "event set, status unchanged"
is "$(detail 10 handler)|$(detail 10 leader)" "李四|王局长" "event details"
run p_assign -H 赵五 10 </dev/null
is_rc 0 "-H alone"
is "$(row 10 handler leader)" "赵五|王局长" "the handler changes, the leader stays"
run p_assign -L 钱局长 4 </dev/null
is_rc 0 "-L alone on a registered case"
is "$(row 4 handler leader status)" "-|钱局长|registered" "stored"
mk 2017-03-30 510802                                   # 11
run p_assign --accept --category petition --handler 孙六 11 </dev/null
is_rc 0 "accept with --handler"
is "$(row 11 status handler)" "accepted|孙六" "both applied"
is "$(detail 11 handler)|$(detail 11 category)" "孙六|petition" "one event carries both"
run p_assign --handler 李四 3 </dev/null
is_rc 4 "no handler for a declined case"
like "$ERR" 'GY-2017-000003: it is declined: no handler or leader to set' "message"

# --- pipelines: the documented one, all-or-nothing, --keep-going, --dry-run --

use_store pipe
mk 2017-03-21 510802                                   # 1
mk 2017-03-21 510802                                   # 2
mk 2017-03-21 510802                                   # 3
mk 2017-03-21 510811                                   # 4 elsewhere
mk 2017-03-21 510802                                   # 5
p_assign -q --decline --reason 重复 2 </dev/null
qlist --status registered --unit 510802 | run p_assign --accept --category petition; reload
is_rc 0 "petition-list --status registered --unit 510802 | petition-assign --accept --category petition"
is "$ERR" "" "nothing on stderr"
is "$(j .case_no | tr '\n' ' ')" "GY-2017-000001 GY-2017-000003 GY-2017-000005 " "the three accepted cases printed"
is "$(rows status)" \
	"1|accepted 2|declined 3|accepted 4|registered 5|accepted" "only the listed cases were accepted"

use_store all-or-nothing
for i in 1 2 3 4 5; do mk 2017-03-21 510802; done
p_assign -q --decline --reason 重复 2 4 </dev/null
sum=$(dbsum)
qlist --unit 510802 | run p_assign --accept --category petition; reload
is_rc 4 "two refusals among five piped cases: refused"
is "$ERR" "petition-assign: line 2: GY-2017-000002: only a registered case can be accepted (it is declined)
petition-assign: line 4: GY-2017-000004: only a registered case can be accepted (it is declined)" \
	"each refusal is reported, with the line of stdin it came from"
is "$OUT" "" "nothing printed"
is "$(dbsum)" "$sum" "nothing written: not even the three good cases"

qlist -f csv --unit 510802 | run p_assign --accept --category petition --dry-run; reload
is_rc 4 "--dry-run reports the same refusals"

qlist --status registered | run p_assign -n --accept --category petition; reload
is_rc 0 "--dry-run of good cases"
is "$(j .status | sort -u)" accepted "--dry-run prints the cases as they would be"
is "$(lines "$OUT")" 3 "three cases printed"
is "$(dbsum)" "$sum" "--dry-run writes nothing"

qlist --unit 510802 | run p_assign -n -k --accept --category petition; reload
is_rc 1 "--dry-run --keep-going with refusals: partly done"
is "$(lines "$OUT")" 3 "the three cases that would be accepted are printed"
is "$(lines "$ERR")" 2 "the two refusals are reported"
is "$(dbsum)" "$sum" "and nothing is written"

qlist --unit 510802 | run p_assign -k --accept --category petition; reload
is_rc 1 "--keep-going: partly done"
is "$(lines "$ERR")" 2 "each refusal reported"
is "$(j .case_no | tr '\n' ' ')" "GY-2017-000001 GY-2017-000003 GY-2017-000005 " "the applied cases printed"
is "$(rows status)" \
	"1|accepted 2|declined 3|accepted 4|declined 5|accepted" "the good ones applied"
is "$(nevents accept)" 3 "three accept events"

# keys on stdin as plain lines, and as CSV records
use_store keys
for i in 1 2 3; do mk 2017-03-21 510802; done
printf 'GY-2017-000001\n2\n' | run p_assign -q --accept --category litigation; reload
is_rc 0 "case numbers and ids as lines on stdin"
is "$(rows status)" \
	"1|accepted 2|accepted 3|registered" "both accepted"
qlist -f csv --status registered | run p_assign -q --decline --reason x; reload
is_rc 0 "CSV records on stdin"
is "$(row 3 status)" declined "the CSV-selected case declined"

# --- dates in order -------------------------------------------------------------

use_store order
for i in 1 2 3 4; do mk 2017-03-01T09:00:00+08:00 510802; done
sum=$(dbsum)
run p_assign --accept --category petition --now 2017-02-20 1 </dev/null
is_rc 4 "an acceptance dated before the receipt is refused"
is "$ERR" "petition-assign: GY-2017-000001: the acceptance is dated 2017-02-20, before the receipt of 2017-03-01T09:00:00+08:00" \
	"the message names both dates, in local form"
run p_assign --decline --reason x --now 2017-03-01T08:59:00+08:00 1 </dev/null
is_rc 4 "declining a minute before the receipt is refused (times are compared)"
run p_assign --transfer --to 510811 --now 2017-02-28T23:00:00+08:00 1 </dev/null
is_rc 4 "a transfer dated before the receipt is refused"
is "$(dbsum)" "$sum" "nothing written"
run p_assign -q --accept --category petition --now 2017-03-01 1 </dev/null
is_rc 0 "accepted on the day of receipt, the clock given as a day"
run p_assign --assign --to 510821 --now 2017-02-28 1 </dev/null
is_rc 4 "an assignment dated before the acceptance is refused"
is "$ERR" "petition-assign: GY-2017-000001: the assignment is dated 2017-02-28, before the acceptance of 2017-03-01T00:00:00+08:00" \
	"message"
p_assign -q --transfer --to 510811 --now 2017-03-02T10:00:00+08:00 2 </dev/null
run p_assign --object --reason '不属本区' --now 2017-03-02T09:00:00+08:00 2 </dev/null
is_rc 4 "an objection dated before the transfer is refused"
is "$ERR" "petition-assign: GY-2017-000002: the objection is dated 2017-03-02T09:00:00+08:00, before the transfer of 2017-03-02T10:00:00+08:00" \
	"message"

# a case transferred on to an outside agency leaves with none of its clocks running
run p_assign -q --transfer --to 广元市水利局 --now 2017-03-03T10:00:00+08:00 2 </dev/null
is_rc 0 "the receiving unit transfers it on to an outside agency"
is "$(clock 2 object)" "2017-03-02|2017-03-09|received by transfer 2017-03-02 + 5 working days (holidays.conf)|2017-03-03T10:00:00+08:00" \
	"its objection window is stopped"
is "$(clock 2 accept)" "2017-03-02|2017-03-17|received by transfer 2017-03-02 + 15 calendar days|2017-03-03T10:00:00+08:00" \
	"so is its accept clock"

# --- not again after final (art. 36) ----------------------------------------------

P="--petitioner-phone 13812345678 --accused 某化工厂"
mk 2017-03-01T09:00:00+08:00 510802 $P                 # 5
p_assign -q --accept --category petition --now 2017-03-01T10:00:00+08:00 5 </dev/null
p_handle -q --reply '已处理' --outcome reject --now 2017-03-10 5 </dev/null
p_handle -q --deliver --now 2017-03-11 5 </dev/null
p_review -q --request review --now 2017-03-15 5 </dev/null
p_review -q --decide --result upheld --text '维持' --now 2017-03-20 5 </dev/null
p_review -q --request rereview --now 2017-03-25 5 </dev/null
p_review -q --decide --result upheld --text '维持' --now 2017-04-01 5 </dev/null
mk 2017-04-10 510802 $P                                # 6
mk 2017-04-10 510802 $P                                # 7
run pshow --format jsonl 5 6 </dev/null
is "$(j .status | tr '\n' ' ')" "final registered " "set up: case 5 is final, case 6 is new"
is "$(j .repeat_of | tail -1)" GY-2017-000005 "case 6 repeats it"
sum=$(dbsum)
run p_assign --accept --category petition --now 2017-04-11 6 </dev/null
is_rc 4 "accepting a repeat of a final case is refused"
is "$ERR" "petition-assign: GY-2017-000006: it repeats GY-2017-000005, which is final: the same facts are not accepted again (decline it, or accept it with --new-facts)" \
	"the message names the final case"
run p_assign --decline --reason x --new-facts y --now 2017-04-11 6 </dev/null
is_rc 2 "--new-facts with --decline: usage"
is "$ERR" "petition-assign: --new-facts: only with --accept" "message"
run p_assign --accept --category petition --new-facts '' --now 2017-04-11 6 </dev/null
is_rc 2 "an empty --new-facts: usage"
is "$(dbsum)" "$sum" "nothing written"
run p_assign -q --accept --category petition --new-facts '新的监测数据显示仍在超标排放' --now 2017-04-11 6 </dev/null
is_rc 0 "accepting it with --new-facts"
is "$(detail 6 new_facts)|$(detail 6 repeat_of)" "新的监测数据显示仍在超标排放|GY-2017-000005" \
	"the new facts and the final case go into the history"
run p_assign -q --decline --reason '同一事实和理由' --now 2017-04-11 7 </dev/null
is_rc 0 "declining the other repeat"
is "$(detail 7 avenue)" "该信访事项已经复核终结（GY-2017-000005）。您以同一事实和理由再次提出的，本机关依法不再受理。" \
	"the event says it is not accepted again"
run p_notice --kind decline 7 </dev/null
contains "$OUT" "复核终结（GY-2017-000005）。您以同一事实和理由再次提出的，本机关依法不再受理。" \
	"so does the decline notice (不再受理)"

# --- declining names the avenue ---------------------------------------------------

run p_assign --decline --reason '非环保职责' --category out_of_scope --now 2017-03-05 3 </dev/null
is_rc 2 "declining out_of_scope without the competent department: usage"
is "$ERR" "petition-assign: --to: needed with --decline --category out_of_scope" "message"
run p_assign --decline --reason '已起诉' --category litigation --to 某法院 --now 2017-03-05 3 </dev/null
is_rc 2 "--to with a litigation decline: usage"
run p_assign -q --decline --reason '属于民事纠纷' --category out_of_scope --to 利州区司法局 --now 2017-03-05 3 </dev/null
is_rc 0 "declining out_of_scope --to the competent department"
is "$(detail 3 avenue)|$(detail 3 to)" "您可以向利州区司法局提出。|利州区司法局" "the event names the department"
run p_assign -q --decline --reason '已进入诉讼程序' --category litigation --now 2017-03-05 4 </dev/null
is "$(detail 4 avenue)" "您可以依法申请行政复议或者提起行政诉讼。" "litigation: reconsideration or a lawsuit"
mk 2017-03-01 510802                                   # 8
p_assign -q --decline --reason '请通过仲裁解决' --now 2017-03-05 8 </dev/null
is "$(detail 8 avenue)" "请通过仲裁解决" "otherwise: the reason"

done_testing
