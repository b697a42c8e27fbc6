#!/bin/sh
# petition-handle: extend, reply, deliver, rate, note, close; a pipeline.
T_TOOLS="petition-handle"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

# mk RECEIVED UNIT [FIELD OPTIONS]: registers one case on the day it is
# received, prints nothing

export PETITION_NOW=2017-04-05T10:00:00+08:00

for i in 1 2 3 4 5 6; do mk 2017-03-21 510802; done
mk 2017-03-21 510800                                   # 7, at the city
p_assign -q --accept --category petition 1 2 3 4 5 7 </dev/null || diag "accept failed"
p_assign -q --decline --reason 不属于信访事项 6 </dev/null || diag "decline failed"
# every accepted case: reply_due = 2017-04-05 + 60 days = 2017-06-04

# --- extend -------------------------------------------------------------

run p_handle --extend 20 --reason '需要现场监测' --now 2017-05-20T10:00:00+08:00 1 </dev/null
is_rc 0 "extend by 20 days"
is "$(j .reply_due)/$(j .extended)" "2017-06-24/true" "printed: reply_due moved 20 days, extended true"
is "$(row 1 reply_due extended status)" "2017-06-24|true|accepted" \
	"stored: 2017-06-04 + 20 = 2017-06-24, extended, still accepted"
is "$(clock 1 reply)" "2017-04-05|2017-06-24|accepted 2017-04-05 + 60 calendar days, extended by 20 days|-" \
	"the reply clock keeps its start; its rule mentions the extension"
is "$(last_event 1)" "extend|accepted|accepted|tester" "event extend"
is "$(detail 1 days)|$(detail 1 reason)|$(detail 1 reply_due)" "20|需要现场监测|2017-06-24" \
	"event details: days, reason, new reply_due"
run pshow -f table 1 </dev/null
like "$OUT" '^reply_due +2017-06-24  \(accepted 2017-04-05 \+ 60 calendar days, extended by 20 days\)$' \
	"petition-show explains the extended date"

sum=$(dbsum)
run p_handle --extend 5 --reason '再次延期' --now 2017-06-01 1 </dev/null
is_rc 4 "a second extension is refused"
is "$ERR" "petition-handle: GY-2017-000001: it was extended once already; the law allows one extension" \
	"the refusal says why"
run p_handle --extend 31 --reason '案情复杂' 2 </dev/null
is_rc 4 "an extension of 31 days is refused"
is "$ERR" "petition-handle: GY-2017-000002: an extension is of 1 to 30 days, not 31" "message"
run p_handle --extend 10 2 </dev/null
is_rc 2 "extend without --reason: usage"
is "$ERR" "petition-handle: --reason: needed with --extend" "message names --reason"
run p_handle --extend 0 --reason x 2 </dev/null
is_rc 2 "extend 0: usage"
run p_handle --extend ten --reason x 2 </dev/null
is_rc 2 "extend ten: usage"
like "$ERR" '^petition-handle: --extend: "ten" is not a whole number' "message"
run p_handle --extend 10 --reason x 6 </dev/null
is_rc 4 "extending a declined case is refused"
like "$ERR" 'GY-2017-000006: only an accepted case can be extended \(it is declined\)' "message"
is "$(dbsum)" "$sum" "nothing written by refusals"

run p_handle -q --extend 30 --reason '需要鉴定' 2 </dev/null
is_rc 0 "an extension of exactly 30 days"
is "$(row 2 reply_due extended)" "2017-07-04|true" "2017-06-04 + 30 = 2017-07-04"

# --- reply --------------------------------------------------------------

run p_handle --reply '经现场监测，该厂夜间超标排放，已责令整改。' --outcome support \
	--now 2017-06-10T15:00:00+08:00 1 </dev/null
is_rc 0 "reply with an outcome"
is "$(j .status)/$(j .outcome)/$(j .replied_at)" "replied/support/2017-06-10T15:00:00+08:00" \
	"printed: replied, outcome, replied_at in local time"
is "$(row 1 status outcome replied_at)" \
	"replied|support|2017-06-10T15:00:00+08:00" "stored: replied_at"
like "$(clock 1 reply)" '\|2017-06-10T15:00:00\+08:00$' \
	"the reply clock is stopped"
is "$(last_event 1)" "reply|accepted|replied|tester" "event reply"
is "$(detail 1 on_time)" true "details.on_time true (2017-06-10 <= the extended 2017-06-24)"
is "$(detail 1 outcome)|$(detail 1 text)" "support|经现场监测，该厂夜间超标排放，已责令整改。" "details: outcome and text"

run p_handle -q --reply '已解释' --outcome 解释说明 --now 2017-06-04T23:00:00+08:00 3 </dev/null
is_rc 0 "reply on the due date"
is "$(detail 3 on_time)" true "on the due date: on time"
is "$(detail 3 outcome)" explain "--outcome 解释说明 (a label) is stored as explain"
run p_handle -q --reply '已答复' --outcome reject --now 2017-06-05T08:00:00+08:00 4 </dev/null
is_rc 0 "reply a day late"
is "$(detail 4 on_time)" false "a day after reply_due: details.on_time false"
is "$(row 4 status outcome)" "replied|reject" "stored"

sum=$(dbsum)
run p_handle --reply '答复' --outcome support 6 </dev/null
is_rc 4 "replying to a declined case is refused"
is "$ERR" "petition-handle: GY-2017-000006: only an accepted case can be replied to (it is declined)" "message"
run p_handle --reply '再答复' 1 </dev/null
is_rc 4 "replying twice is refused"
run p_handle --reply '答复' --outcome maybe 5 </dev/null
is_rc 2 "a bad outcome: usage"
like "$ERR" '--outcome: "maybe" is not one of support, explain, reject' "message lists the outcomes"
run p_handle --reply-file "$T_DIR/no-such-file" 5 </dev/null
is_rc 2 "--reply-file of a missing file: usage"
like "$ERR" "^petition-handle: --reply-file: $T_DIR/no-such-file: No such file or directory" "message names the file"
is "$(dbsum)" "$sum" "nothing written"

# the reply clock and a report-back clock stop together
run p_assign -q --assign --to 510821 --report-by 2017-05-15 7 </dev/null
printf '经查：\n一、该企业已停产整顿；\n二、处理意见见附件。\n' >"$T_DIR/reply.txt"
run p_handle --reply-file "$T_DIR/reply.txt" --outcome explain --now 2017-05-10T09:00:00+08:00 7 </dev/null
is_rc 0 "--reply-file"
is "$(detail 7 text)" "$(cat "$T_DIR/reply.txt")" "the reply text is the file's content (lines kept)"
is "$(jdetail 7 text)" \
	"$("$PYTHON" -c 'import json, sys; print(json.dumps(open(sys.argv[1], encoding="utf-8").read(), ensure_ascii=False))' "$T_DIR/reply.txt")" \
	"... including its final newline"
is "$(row 7 status outcome)" "replied|explain" "stored"
is "$(clocks 7)" \
	"accept=2017-04-05T10:00:00+08:00 reply=2017-05-10T09:00:00+08:00 report=2017-05-10T09:00:00+08:00" "the reply and report-back clocks are stopped"
is "$(detail 7 unit)" 510821 "the reply is made by the assigned unit"

# --- deliver ------------------------------------------------------------

run p_handle --deliver --now 2017-06-12T10:00:00+08:00 1 </dev/null
is_rc 0 "deliver a replied case"
is "$(j .status)/$(j .review_due)" "delivered/2017-07-12" "printed: review_due = 2017-06-12 + 30 days"
is "$(row 1 status delivered_at review_due)" \
	"delivered|2017-06-12T10:00:00+08:00|2017-07-12" "stored: delivered_at, review_due"
is "$(clock 1 review_request)" "2017-06-12|2017-07-12|delivered 2017-06-12 + 30 calendar days|-" \
	"the petitioner's review window is recorded"
is "$(row 1 next_clock next_due)" "-|-" \
	"... as the petitioner's window, not a duty of the office (not its next deadline)"
is "$(last_event 1)" "deliver|replied|delivered|tester" "event deliver"
is "$(detail 1 review_due)" 2017-07-12 "details.review_due"

sum=$(dbsum)
run p_handle --deliver 1 </dev/null
is_rc 4 "delivering twice is refused"
like "$ERR" 'GY-2017-000001: only a replied case can be delivered \(it is delivered\)' "message"
run p_handle --deliver 5 </dev/null
is_rc 4 "delivering an unreplied case is refused"
is "$(dbsum)" "$sum" "nothing written"

# --- rate ---------------------------------------------------------------

run p_handle --rate basically_satisfied --now 2017-06-13 1 </dev/null
is_rc 0 "rate a delivered case"
is "$(j .satisfaction)" basically_satisfied "printed"
is "$(row 1 satisfaction status)" "basically_satisfied|delivered" "stored, status unchanged"
is "$(last_event 1)" "rate|delivered|delivered|tester" "event rate"
is "$(detail 1 satisfaction)" basically_satisfied "details.satisfaction"
run p_handle -q --rate 不满意 --now 2017-06-05 3 </dev/null
is_rc 0 "rate a replied case (--rate by its label 不满意)"
is "$(qlist -f jsonl 3 </dev/null | jget .satisfaction)" unsatisfied "不满意 is stored as unsatisfied"
sum=$(dbsum)
run p_handle --rate satisfied 5 </dev/null
is_rc 4 "rating before the reply is refused"
like "$ERR" 'GY-2017-000005: a case is rated after its reply \(it is accepted\)' "message"
run p_handle --rate happy 1 </dev/null
is_rc 2 "a bad rating: usage"
like "$ERR" '--rate: "happy" is not one of satisfied, basically_satisfied, unsatisfied' "message"
is "$(dbsum)" "$sum" "nothing written"

# --- note ---------------------------------------------------------------

run p_handle --note '电话回访，信访人表示理解' 6 </dev/null
is_rc 0 "a note on a declined case"
is "$(row 6 status)" declined "the status does not change"
is "$(last_event 6)" "note|declined|declined|tester" "event note"
is "$(detail 6 text)" "电话回访，信访人表示理解" "details.text"
run p_handle --note '' 6 </dev/null
is_rc 3 "an empty note: bad input (exit 3)"

# --- close --------------------------------------------------------------

sum=$(dbsum)
run p_handle --close 3 </dev/null
is_rc 4 "closing before delivery is refused"
is "$ERR" "petition-handle: GY-2017-000003: a case is closed after delivery (it is replied)" \
	"message"
run p_handle --close 5 </dev/null
is_rc 4 "closing an accepted case is refused"
is "$(dbsum)" "$sum" "nothing written"

# a delivered case that was not rated closes only after the review window
run p_handle -q --deliver --now 2017-06-06T10:00:00+08:00 4 </dev/null
is "$(row 4 status review_due satisfaction)" "delivered|2017-07-06|-" \
	"case 4 delivered, unrated, review window until 2017-07-06"
sum=$(dbsum)
run p_handle --close --now 2017-07-06T20:00:00+08:00 4 </dev/null
is_rc 4 "closing an unrated case on the last day of the review window is refused"
is "$ERR" "petition-handle: GY-2017-000004: the petitioner may ask for a review until 2017-07-06: close after that, or once the reply is rated satisfied or basically_satisfied" \
	"message"
is "$(dbsum)" "$sum" "nothing written"
run p_handle --close --now 2017-07-07T08:00:00+08:00 4 </dev/null
is_rc 0 "closing it the day after the window"
is "$(row 4 status)" closed "closed"

run p_handle --close --now 2017-07-13T09:00:00+08:00 1 </dev/null
is_rc 0 "close after delivery"
is "$(j .status)/$(j .closed_at)" "closed/2017-07-13T09:00:00+08:00" "printed"
is "$(row 1 status closed_at)" "closed|2017-07-13T09:00:00+08:00" "stored: closed_at"
like "$(clocks 1)" "$T_STOPPED" "no clock left open"
is "$(last_event 1)" "close|delivered|closed|tester" "event close"
run p_handle --close 1 </dev/null
is_rc 4 "closing twice is refused"
run p_handle --reply x 1 </dev/null
is_rc 4 "replying to a closed case is refused"
run p_handle -q --rate satisfied --now 2017-07-14 1 </dev/null
is_rc 0 "a closed case can still be rated"

# --- usage --------------------------------------------------------------

run p_handle --note x --close 1 </dev/null
is_rc 2 "two actions: usage"
like "$ERR" 'one action at a time' "message"
run p_handle --deliver </dev/null
is_rc 2 "no case: usage"

# --- the pipeline petition-list | petition-assign | petition-handle ----------

use_store pipe
for i in 1 2 3; do mk 2017-03-21 510802; done
mk 2017-03-21 510811                                   # 4, elsewhere
# Every stage but the first writes: each must wait for its input before it
# takes the database's write lock, or the chain stalls. The middle stage
# starts a second late, so that the last stage is certainly running (and
# waiting for its input) by then.
qlist --status registered --unit 510802 </dev/null |
	{ sleep 1; p_assign --accept --category enforcement 2>"$T_DIR/assign.err"; } |
	run p_handle --extend 10 --reason '需要监测' -H 李四; reload
is_rc 0 "petition-list | petition-assign --accept | petition-handle --extend"
is "$ERR" "" "nothing on petition-handle's stderr"
is "$(cat "$T_DIR/assign.err")" "" "nothing on petition-assign's stderr (it is not locked out)"
is "$(j .case_no | tr '\n' ' ')" "GY-2017-000001 GY-2017-000002 GY-2017-000003 " "the three cases come out"
is "$(rows status reply_due handler)" \
	"1|accepted|2017-06-14|李四 2|accepted|2017-06-14|李四 3|accepted|2017-06-14|李四 4|registered|-|-" \
	"accepted, extended (2017-06-04 + 10) and given a handler; the other unit's case untouched"
is "$(history 2 action | paste -sd ' ' -)" \
	"register accept extend" "one event per step"

use_store pipe2
for i in 1 2 3; do mk 2017-03-21 510802; done
p_assign -q --accept --category enforcement 1 2 3 </dev/null
run p_handle -q --reply '已处理' --outcome support --now 2017-05-01 1 2 3 </dev/null
qlist --status replied </dev/null | run p_handle -f csv --deliver --now 2017-05-02; reload
is_rc 0 "petition-list | petition-handle --deliver -f csv"
is "$(printf '%s\n' "$OUT" | head -1 | cut -d, -f1-2)" '"id","case_no"' "CSV output with a header"
is "$(lines "$OUT")" 4 "a header and three records"
is "$(rows status review_due)" \
	"1|delivered|2017-06-01 2|delivered|2017-06-01 3|delivered|2017-06-01" "all three delivered (review_due 2017-05-02 + 30)"

# --- dates in order -------------------------------------------------------------

use_store order
for i in 1 2 3; do mk 2017-03-01T09:00:00+08:00 510802; done
p_assign -q --accept --category petition --now 2017-03-01T10:00:00+08:00 1 2 3 </dev/null
sum=$(dbsum)
run p_handle --reply '答复' --now 2017-01-01 1 </dev/null
is_rc 4 "a reply dated before the acceptance is refused"
is "$ERR" "petition-handle: GY-2017-000001: the reply is dated 2017-01-01, before the acceptance of 2017-03-01T10:00:00+08:00" \
	"the message names both dates, in local form"
run p_handle --reply '答复' --now 2017-03-01T09:59:00+08:00 1 </dev/null
is_rc 4 "a minute before the acceptance: refused (times are compared)"
run p_handle --extend 10 --reason '需要监测' --now 2017-02-28 1 </dev/null
is_rc 4 "an extension dated before the acceptance is refused"
is "$(dbsum)" "$sum" "nothing written"
run p_handle -q --reply '答复' --now 2017-03-01 2 </dev/null
is_rc 0 "a reply dated (as a day) the day of the acceptance: compared by the day"
run p_handle -q --reply '答复' --outcome support --now 2017-03-10T15:00:00+08:00 1 </dev/null
is_rc 0 "a late entry in order is allowed"
sum=$(dbsum)
run p_handle --deliver --now 2017-03-10T14:00:00+08:00 1 </dev/null
is_rc 4 "a delivery dated before the reply is refused"
is "$ERR" "petition-handle: GY-2017-000001: the delivery is dated 2017-03-10T14:00:00+08:00, before the reply of 2017-03-10T15:00:00+08:00" \
	"the message names both times"
run p_handle --rate satisfied --now 2017-03-09 1 </dev/null
is_rc 4 "a rating dated before the reply is refused"
is "$(dbsum)" "$sum" "nothing written"
p_handle -q --deliver --now 2017-03-12T10:00:00+08:00 1 </dev/null
p_handle -q --rate satisfied --now 2017-03-12T11:00:00+08:00 1 </dev/null
run p_handle --close --now 2017-03-11 1 </dev/null
is_rc 4 "closing before the delivery is refused"
is "$ERR" "petition-handle: GY-2017-000001: the closing is dated 2017-03-11, before the delivery of 2017-03-12T10:00:00+08:00" \
	"message"

# --- the petitioner keeps the right to a review -----------------------------------

p_handle -q --rate unsatisfied --now 2017-03-13 1 </dev/null
sum=$(dbsum)
run p_handle --close --now 2017-03-14 1 </dev/null
is_rc 4 "closing within the review window after an unsatisfied rating is refused"
is "$ERR" "petition-handle: GY-2017-000001: the petitioner may ask for a review until 2017-04-11: close after that, or once the reply is rated satisfied or basically_satisfied" \
	"message: the window's end and what would allow it"
is "$(dbsum)" "$sum" "nothing written"
run p_handle -q --close --now 2017-04-12 1 </dev/null
is_rc 0 "closing after the window"
run pshow --format jsonl 1 </dev/null
is "$(j .status)" closed "closed"
p_handle -q --deliver --now 2017-03-12 2 </dev/null
p_handle -q --rate satisfied --now 2017-03-13 2 </dev/null
run p_handle -q --close --now 2017-03-13 2 </dev/null
is_rc 0 "a satisfied petitioner's case closes within the window"

# --- an extension extends a running clock -----------------------------------------

sum=$(dbsum)
run p_handle --extend 10 --reason '需要监测' --now 2017-05-01 3 </dev/null
is_rc 4 "an extension after the reply was due is refused"
is "$ERR" "petition-handle: GY-2017-000003: the reply was due on 2017-04-30: only a running clock can be extended" \
	"the message names the due date"
is "$(dbsum)" "$sum" "nothing written"
run p_handle --extend 10 --reason '需要监测' --now 2017-04-30T20:00:00+08:00 3 </dev/null
is_rc 0 "an extension on the due date"
is "$(j .reply_due)" 2017-05-10 "reply_due moved"

done_testing
