#!/bin/sh
# petition-review: review and re-review requests and decisions, their
# windows, the final case and what follows from it.
T_TOOLS="petition-review"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

# mk RECEIVED UNIT [FIELD OPTIONS]: registers one case on the day it is
# received, prints nothing

PHONE=13812345678
ACCUSED=广元某化工有限公司
mk 2017-03-21 510802 --petitioner-phone $PHONE --accused "$ACCUSED"        # 1: goes to final
mk 2017-03-21 510802 --petitioner-phone 13900000002 --accused 甲厂          # 2: asks too late
mk 2017-03-21 510802 --petitioner-phone 13900000003 --accused 乙厂          # 3: reviewed, then closed
mk 2017-03-21 510800 --petitioner-phone 13900000004 --accused 丙厂          # 4: at the city
# accepted 2017-04-05, replied 2017-05-02, delivered 2017-05-03: review_due 2017-06-02
p_assign -q --accept --category petition --now 2017-04-05 1 2 3 4 </dev/null &&
	p_handle -q --reply '经调查，投诉不实。' --outcome reject --now 2017-05-02 1 2 3 4 </dev/null &&
	p_handle -q --deliver --now 2017-05-03T10:00:00+08:00 1 2 3 4 </dev/null ||
	diag "setting up failed"
is "$(rows status review_due)" \
	"1|delivered|2017-06-02 2|delivered|2017-06-02 3|delivered|2017-06-02 4|delivered|2017-06-02" \
	"set up: four delivered cases, review window until 2017-06-02"

# --- requests out of order or too late ------------------------------------

sum=$(dbsum)
run p_review --request rereview --now 2017-05-10 1 </dev/null
is_rc 4 "a re-review before a review is refused"
is "$ERR" "petition-review: GY-2017-000001: a re-review comes after a review" "the exact message"
run p_review --request review --now 2017-06-03T00:00:00+08:00 2 </dev/null
is_rc 4 "a review asked for after the 30-day window is refused"
is "$ERR" "petition-review: GY-2017-000002: the window to request a review closed on 2017-06-02" \
	"the exact message, naming the last day"
is "$OUT" "" "nothing printed"
run p_review --decide --result upheld --text x 1 </dev/null
is_rc 4 "deciding a review that was not asked for is refused"
like "$ERR" 'GY-2017-000001: only a case under review or re-review can be decided \(it is delivered\)' "message"
run p_review --request appeal 1 </dev/null
is_rc 2 "--request appeal: usage"
like "$ERR" '^petition-review: --request: "appeal" is not review or rereview' "message"
run p_review --request review --now 2017-05-03T09:00:00+08:00 1 </dev/null
is_rc 4 "a review request dated before the delivery is refused"
is "$ERR" "petition-review: GY-2017-000001: the review request is dated 2017-05-03T09:00:00+08:00, before the delivery of 2017-05-03T10:00:00+08:00" \
	"the message names both times"
is "$(dbsum)" "$sum" "nothing written"

# --- review --------------------------------------------------------------

run p_review --request review --now 2017-06-02T21:00:00+08:00 1 </dev/null
is_rc 0 "a review asked for on the last day of the window"
is "$(j .status)/$(j .unit)/$(j .unit_name)" "reviewing/510800/广元市生态环境局" \
	"printed: reviewing, at the next level up"
is "$(row 1 status unit)" "reviewing|510800" "stored: the case moved to the parent unit"
is "$(clock 1 review_request)" "2017-05-03|2017-06-02|delivered 2017-05-03 + 30 calendar days|2017-06-02T21:00:00+08:00" \
	"the petitioner's window is closed by the request"
is "$(clock 1 review)" "2017-06-02|2017-07-02|review requested 2017-06-02 + 30 calendar days|-" \
	"the review opinion is due in 30 days"
is "$(last_event 1)" "review_request|delivered|reviewing|tester" "event review_request"
is "$(detail 1 from_unit)|$(detail 1 to)|$(detail 1 unit)" "510802|510800|510802" "event details: from the county to the city"

run p_review -q --request review --now 2017-05-20 3 4 </dev/null
is_rc 0 "two more reviews requested"
is "$(row 4 unit)" 510000 "a city case is reviewed by the province"

run p_review --request rereview --now 2017-06-05 1 </dev/null
is_rc 4 "a re-review while the review runs is refused"
like "$ERR" 'GY-2017-000001: a re-review can be requested only of a reviewed case \(it is reviewing\)' "message"
run p_review --request review --now 2017-06-05 1 </dev/null
is_rc 4 "a second review request is refused"
run p_review --decide --result upheld 1 </dev/null
is_rc 2 "--decide without --text: usage"
is "$ERR" "petition-review: --text: needed with --decide" "message"
run p_review --decide --text x 1 </dev/null
is_rc 2 "--decide without --result: usage"
run p_review --decide --result kept --text x 1 </dev/null
is_rc 2 "--result kept: usage"
like "$ERR" '--result: "kept" is not one of upheld, changed' "message"

sum=$(dbsum)
run p_review --decide --result upheld --text '维持' --now 2017-06-01 1 </dev/null
is_rc 4 "a review decision dated before its request is refused"
is "$ERR" "petition-review: GY-2017-000001: the review decision is dated 2017-06-01, before the review request of 2017-06-02T21:00:00+08:00" \
	"message"
is "$(dbsum)" "$sum" "nothing written"
run p_review --decide --result upheld --text '维持原处理意见' --actor 市局复查组 --now 2017-06-20T10:00:00+08:00 1 </dev/null
is_rc 0 "decide the review"
is "$(j .status)/$(j .review_due)" "reviewed/2017-07-20" "printed: reviewed, review_due = 2017-06-20 + 30 days"
is "$(row 1 status unit review_due)" "reviewed|510800|2017-07-20" "stored"
like "$(clock 1 review)" '\|2017-06-20T10:00:00\+08:00$' \
	"the review clock is stopped"
is "$(clock 1 rereview_request)" "2017-06-20|2017-07-20|review decided 2017-06-20 + 30 calendar days|-" \
	"the re-review window opens"
is "$(last_event 1)" "review_decision|reviewing|reviewed|市局复查组" "event review_decision"
is "$(detail 1 result)|$(detail 1 text)|$(detail 1 unit)" "upheld|维持原处理意见|510800" \
	"event details: result, text, and the deciding (city) unit"

run p_review -q --decide --result 撤销或者变更原处理意见 --text '变更' --now 2017-06-10 3 </dev/null
is_rc 0 "case 3: review decided on 2017-06-10 (--result by its label, as petition-review(1) writes it)"
is "$(detail 3 result)" changed "the label 撤销或者变更原处理意见 is stored as changed"
is "$(row 3 status review_due)" "reviewed|2017-07-10" "re-review window until 2017-07-10"

# --- closing a reviewed case: only after the re-review window ---------------

sum=$(dbsum)
run p_handle --close --now 2017-07-10T23:00:00+08:00 3 </dev/null
is_rc 4 "closing a reviewed case inside its re-review window is refused"
like "$ERR" 'GY-2017-000003: the petitioner may ask for a re-review until 2017-07-10: close after that, or once the reply is rated satisfied or basically_satisfied' \
	"message"
is "$(dbsum)" "$sum" "nothing written"
run p_handle --close --now 2017-07-11T09:00:00+08:00 3 </dev/null
is_rc 0 "closing it the day after the window"
is "$(row 3 status closed_at)" "closed|2017-07-11T09:00:00+08:00" "closed"
like "$(clock 3 rereview_request)" '\|2017-07-11T09:00:00\+08:00$' \
	"the re-review window is stopped"
is "$(last_event 3)" "close|reviewed|closed|tester" "event close, reviewed -> closed"
run p_review --request rereview --now 2017-07-11 3 </dev/null
is_rc 4 "no re-review of a closed case"

# --- re-review -------------------------------------------------------------

sum=$(dbsum)
run p_review --request rereview --now 2017-06-19 1 </dev/null
is_rc 4 "a re-review request dated before the review decision is refused"
is "$ERR" "petition-review: GY-2017-000001: the re-review request is dated 2017-06-19, before the review decision of 2017-06-20T10:00:00+08:00" \
	"message"
run p_review --request rereview --now 2017-07-21 1 </dev/null
is_rc 4 "a re-review asked for after its window is refused"
is "$ERR" "petition-review: GY-2017-000001: the window to request a re-review closed on 2017-07-20" "message"
is "$(dbsum)" "$sum" "nothing written"

run p_review --request rereview --now 2017-07-20T16:00:00+08:00 1 </dev/null
is_rc 0 "a re-review asked for on the last day"
is "$(row 1 status unit)" "rereviewing|510000" "rereviewing, at the province"
is "$(clock 1 rereview)" "2017-07-20|2017-08-19|re-review requested 2017-07-20 + 30 calendar days|-" \
	"the re-review opinion is due in 30 days"
is "$(last_event 1)" "rereview_request|reviewed|rereviewing|tester" "event rereview_request"
is "$(detail 1 from_unit)|$(detail 1 to)" "510800|510000" "event details: from the city to the province"

run p_handle --close --now 2017-08-30 1 </dev/null
is_rc 4 "a case under re-review cannot be closed"

run p_review --decide --result changed --text x --now 2017-07-20T15:00:00+08:00 1 </dev/null
is_rc 4 "a re-review decision dated before its request is refused"
like "$ERR" 'before the re-review request of 2017-07-20T16:00:00\+08:00$' "message"
run p_review --decide --result changed --text '撤销原处理意见，责令重新办理' --now 2017-08-01T10:00:00+08:00 1 </dev/null
is_rc 0 "decide the re-review"
is "$(j .status)" final "printed: final"
is "$(row 1 status unit)" "final|510000" "stored: final"
like "$(clocks 1)" "$T_STOPPED" "no clock left open"
is "$(last_event 1)" "rereview_decision|rereviewing|final|tester" "event rereview_decision"
is "$(detail 1 result)|$(detail 1 unit)" "changed|510000" "event details: result, the deciding (province) unit"

sum=$(dbsum)
run p_review --request review --now 2017-08-02 1 </dev/null
is_rc 4 "no review of a final case"
run p_review --request rereview --now 2017-08-02 1 </dev/null
is_rc 4 "no second re-review"
run p_review --decide --result upheld --text x --now 2017-08-02 1 </dev/null
is_rc 4 "no decision on a final case"
run p_handle --close --now 2017-09-30 1 </dev/null
is_rc 4 "a final case is not closed"
is "$(dbsum)" "$sum" "nothing written"

# --- the same matter again, more than a year later: a repeat of the final case

export PETITION_NOW=2018-09-01T10:00:00+08:00
run padd --received-at 2018-08-01 --channel letter --unit 510802 --subject '又来反映' \
	--petitioner-phone $PHONE --accused 另一家公司 </dev/null
is_rc 0 "a later case with the same phone, another accused"
is "$(j .repeat_of)" null "not a repeat (the earlier cases are outside the 180-day window)"
run padd --received-at 2018-08-01 --channel letter --unit 510802 --subject '又来反映' \
	--petitioner-phone 13700000000 --accused "$ACCUSED" </dev/null
is_rc 0 "a later case with the same accused, another phone"
is "$(j .repeat_of)" null "not a repeat either"
run padd --received-at 2018-08-02 --channel letter --unit 510802 --subject '同一事实再次反映' \
	--petitioner-phone $PHONE --accused "$ACCUSED" </dev/null
is_rc 0 "the same phone and the same accused as the final case, 16 months later"
is "$(j .repeat_of)" GY-2017-000001 "repeat_of = the final case, whatever its age (and ahead of the newer matches)"
is "$(qlist --format jsonl --text '同一事实再次反映' </dev/null | t_case fields repeat_of)" GY-2017-000001 "stored"

done_testing
