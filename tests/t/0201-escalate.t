#!/bin/sh
# petition-escalate, the morning cron run: reminders, supervision (督办) once
# per case and clock, escalation to the parent unit after 15 days or at once
# for an extended reply, backlog (积案) by age, by review and by the third
# petition of the same matter, the lead-leader report, --unit, --dry-run,
# formats, and petition-show's supervision records. Every date is worked out
# by hand in the comments.
T_TOOLS="petition-escalate"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

lines() { printf '%s' "$1" | grep -c .; }
cn() { printf 'GY-2017-%06d' "$1"; }

# mk RECEIVED UNIT [FIELD OPTIONS]: registers one case when it is received
# (a date alone: at 18:00 local that day), prints nothing
# step TOOL ARGS...: a set-up step that must succeed (quietly)
step() {
	t_tool=$1; shift
	"$t_tool" -q "$@" </dev/null || diag "set-up failed: $t_tool $*"
}
# recs WHAT FIELDS [CASE...]: as petition-show prints the cases (every case
# when none is named), one line a record of WHAT (supervisions, history,
# deadlines, or "." for the case itself) in the order recorded: the FIELDS
# (a comma list; "id" the case's id, "details.KEY" a key of an event's
# details) joined by "|", "-" for null, booleans as true/false
recs() {
	t_what=$1 t_fields=$2; shift 2
	[ $# -gt 0 ] || set -- $(qlist --format jsonl </dev/null | jget .id)
	[ $# -gt 0 ] || return 0
	qshow --format jsonl "$@" </dev/null | "$PYTHON" -c '
import json, sys
what, fields = sys.argv[1], sys.argv[2].split(",")
def val(case, r, f):
    v = case["id"] if f == "id" else (
        (r.get("details") or {}).get(f[8:]) if f.startswith("details.") else r.get(f))
    return "-" if v is None else v if isinstance(v, str) else json.dumps(v)
for l in sys.stdin:
    case = json.loads(l)
    for r in [case] if what == "." else case[what]:
        print("|".join(val(case, r, f) for f in fields))
' "$t_what" "$t_fields"
}
# words: the lines on stdin joined by blanks
words() { paste -s -d ' ' -; }
# nsup [ACTION], nev [ACTION]: how many supervision records, events (of ACTION)
nsup() { recs supervisions action | grep -c -x "${1:-.*}"; }
nev()  { recs history action | grep -c -x "${1:-.*}"; }
# edetail ID ACTION KEY: a key of the details of the case's latest ACTION event
edetail() { recs history "action,details.$3" "$1" | sed -n "s/^$2|//p" | tail -n 1; }
# dry_then_real ARGS...: petition-escalate --dry-run ARGS must write nothing,
# then the real run must print exactly what the dry run printed
dry_then_real() {
	t_sum=$(dbsum)
	run pesc --dry-run "$@" </dev/null
	t_dry=$OUT t_dry_rc=$RC
	is "$t_dry_rc/$(dbsum)" "0/$t_sum" "--dry-run $*: exit 0, nothing written"
	run pesc "$@" </dev/null
	is_rc 0 "petition-escalate $*"
	is "$OUT" "$t_dry" "... prints exactly what --dry-run printed"
}

# === 1. reminders, supervision, escalation after 15 days ===================

use_store main
mk 2017-03-21 510802                                    # 1: accept_due 2017-04-05
mk 2017-03-23 510802                                    # 2: accept_due 2017-04-07
mk 2017-03-24 510802                                    # 3: accept_due 2017-04-08
mk 2017-03-25 510802                                    # 4: accept_due 2017-04-09
mk 2017-03-01 510802                                    # 5: replied and delivered
step p_assign --now 2017-03-02T10:00:00+08:00 --accept --category petition 5
step p_handle --now 2017-03-10T10:00:00+08:00 --reply 答复 --outcome explain 5
step p_handle --now 2017-03-10T11:00:00+08:00 --deliver 5   # the petitioner's window: 03-10 + 30 = 04-09
mk 2017-02-03 510802                                    # 6: accepted 02-06: reply_due 02-06 + 60 = 04-07
step p_assign --now 2017-02-06T10:00:00+08:00 --accept --category enforcement 6
mk 2017-03-20 510800                                    # 7: at the city, accepted, assigned down
step p_assign --now 2017-03-21T10:00:00+08:00 --accept --category enforcement 7
step p_assign --now 2017-03-22T10:00:00+08:00 --assign --to 510802 --report-by 2017-04-06 7
mk 2017-03-22 510802                                    # 8: accept_due 2017-04-06
is "$(recs . id,status,unit,accept_due,reply_due,review_due | tr '|' : | words)" \
	"1:registered:510802:2017-04-05:-:- 2:registered:510802:2017-04-07:-:- 3:registered:510802:2017-04-08:-:- 4:registered:510802:2017-04-09:-:- 5:delivered:510802:2017-03-16:2017-05-01:2017-04-09 6:accepted:510802:2017-02-18:2017-04-07:- 7:accepted:510802:2017-04-04:2017-05-20:- 8:registered:510802:2017-04-06:-:-" \
	"set up: eight cases with the due dates computed by hand"
is "$(recs deadlines clock,due 7 | sed -n 's/^report|//p')" 2017-04-06 "set up: case 7 reports back by 2017-04-06"

# nothing due: 2017-03-30, the horizon is 04-02 and the first date is 04-05
sum=$(dbsum)
run pesc --now 2017-03-30T09:00:00+08:00 </dev/null
is_rc 0 "nothing due: exit 0"
is "$OUT" "" "nothing due: no output at all (cron mails nothing)"
is "$ERR" "" "nothing due: nothing on stderr"
run pesc --now 2017-03-30T09:00:00+08:00 -f table </dev/null
is "$RC/$OUT" "0/" "nothing due, --format table: no output, not even a header"
run pesc --now 2017-03-30T09:00:00+08:00 -f csv --header zh </dev/null
is "$RC/$OUT" "0/" "nothing due, --format csv: no output, not even a header"
is "$(dbsum)" "$sum" "nothing due: nothing written"
run pesc --db "$T_DIR/fresh.db" --now 2017-03-30 </dev/null
is "$RC/$OUT" "0/" "a new, empty database: exit 0, no output"

# 2017-04-04T20:00Z is 2017-04-05 04:00 in Shanghai: today is 04-05 and the
# horizon 04-05 + 3 = 04-08. Case 4 (04-09) is beyond it, case 5's only open
# clock is the petitioner's window (not a duty), case 7's reply clock is
# due 05-20.
run pesc --now 2017-04-04T20:00:00Z </dev/null
is_rc 0 "reminders: exit 0"
is "$ERR" "" "nothing on stderr"
is "$(acts)" "remind $(cn 1) accept 2017-04-05 0
remind $(cn 2) accept 2017-04-07 -2
remind $(cn 3) accept 2017-04-08 -3
remind $(cn 6) reply 2017-04-07 -2
remind $(cn 7) report 2017-04-06 -1
remind $(cn 8) accept 2017-04-06 -1" \
	"today (local date 04-05) .. +3 days: accept, reply and report clocks; days_overdue 0 or negative"
is "$(rec remind "$(cn 1)" unit)/$(rec remind "$(cn 1)" parent_unit)/$(rec remind "$(cn 1)" handler)/$(rec remind "$(cn 1)" leader)" \
	"510802/510800/null/null" "a reminder names the unit, its parent, handler and leader"
like "$(rec remind "$(cn 1)" rule)" 'accept.*2017-04-05' "the rule names the clock and the due date"
is "$(dbsum)" "$sum" "reminders are printed only, never recorded"
t_first=$OUT
run pesc --now 2017-04-04T20:00:00Z </dev/null
is "$OUT" "$t_first" "... so a second run prints them again"

# 2017-04-07T00:30+08:00 (still 04-06 in UTC): today 04-07, horizon 04-10.
# Case 5's petitioner window (04-09) is within it but is not a duty clock.
dry_then_real --now 2017-04-07T00:30:00+08:00
is "$(acts)" "remind $(cn 2) accept 2017-04-07 0
remind $(cn 3) accept 2017-04-08 -1
remind $(cn 4) accept 2017-04-09 -2
remind $(cn 6) reply 2017-04-07 0
supervise $(cn 1) accept 2017-04-05 2
supervise $(cn 7) report 2017-04-06 1
supervise $(cn 8) accept 2017-04-06 1" \
	"04-07: overdue clocks supervised (days_overdue 2, 1, 1), the others reminded"
lacks "$OUT" "$(cn 5)" "the petitioner's review window is neither reminded nor supervised"
is "$(nsup)" 3 "three supervision records"
is "$(recs supervisions clock,action,kind,unit,handler,leader,at,due,days_overdue 1)" \
	"accept|supervise|individual|510802|-|-|2017-04-07T00:30:00+08:00|2017-04-05|2" \
	"stored: accept, supervise, kind individual, the case's unit, at --now (shown local), due, days_overdue"
is "$(recs supervisions rule 1)" "$(rec supervise "$(cn 1)" rule)" \
	"the stored rule is the printed one"
is "$(recs history action,from_status,to_status,actor 1 | tail -n 1)" \
	"supervise|registered|registered|tester" "event supervise, status unchanged (registered), by the actor"
is "$(edetail 1 supervise clock)|$(edetail 1 supervise due)|$(edetail 1 supervise days_overdue)|$(edetail 1 supervise kind)|$(edetail 1 supervise unit)" \
	"accept|2017-04-05|2|individual|510802" "event details: clock, due, days_overdue, kind, unit"
is "$(edetail 1 supervise rule)" "$(recs supervisions rule 1)" "event details: the rule"
is "$(recs history action,from_status,to_status,details.clock 7 | sed -n 's/^supervise|//p')" \
	"accepted|accepted|report" "case 7: the report-back clock, status accepted kept"
is "$(nev supervise)" 3 "three supervise events"

# the same day again: only the reminders
nsup0=$(nsup); nev0=$(nev)
run pesc --now 2017-04-07T17:00:00+08:00 </dev/null
is_rc 0 "a second run the same day"
is "$(acts)" "remind $(cn 2) accept 2017-04-07 0
remind $(cn 3) accept 2017-04-08 -1
remind $(cn 4) accept 2017-04-09 -2
remind $(cn 6) reply 2017-04-07 0" "... prints the reminders only, no supervision again"
is "$(nsup)/$(nev)" "$nsup0/$nev0" "... adds no supervisions and no events"

# 04-08: case 3 is accepted first thing, so its accept clock stops in time;
# case 2 has a handler
step p_assign --now 2017-04-08T08:00:00+08:00 --accept --category petition 3
step p_assign --now 2017-04-08T08:00:00+08:00 --handler 孙科员 2
run pesc --now 2017-04-08T09:00:00+08:00 </dev/null
is "$(acts)" "remind $(cn 4) accept 2017-04-09 -1
supervise $(cn 2) accept 2017-04-07 1
supervise $(cn 6) reply 2017-04-07 1" \
	"04-08: 2 and 6 supervised; 1, 7, 8 not again; 3's stopped clock ignored"
is "$(rec supervise "$(cn 2)" handler)|$(recs supervisions handler 2)" "孙科员|孙科员" \
	"the handler printed and stored with the supervision"
is "$(nsup)" 5 "five supervision records"

# case 7 gets a lead leader, case 8 is accepted (its supervised clock stops)
step p_assign --now 2017-04-10T10:00:00+08:00 --leader 王局长 7
step p_assign --now 2017-04-10T10:00:00+08:00 --accept --category petition 8

# Case 1 was supervised on 04-07 (local; 04-06 in UTC): escalated on
# 04-07 + 15 = 04-22, not on 04-21.
run pesc --now 2017-04-21T09:00:00+08:00 </dev/null
is "$(acts)" "supervise $(cn 4) accept 2017-04-09 12" \
	"04-21: no escalation yet (14 days after the supervision of 04-07); case 4 supervised"
run pesc --now 2017-04-22T09:00:00+08:00 </dev/null
is_rc 0 "04-22"
is "$(acts)" "escalate $(cn 1) accept 2017-04-05 17
escalate $(cn 7) report 2017-04-06 16" \
	"04-22: 15 days after the supervision, still overdue: escalated; case 8 (accepted since) not"
is "$(rec escalate "$(cn 1)" unit)/$(rec escalate "$(cn 1)" parent_unit)" 510802/510800 \
	"printed: the case's unit and the parent unit"
like "$(rec escalate "$(cn 1)" rule)" '; a lead leader \(包案领导\) is required' \
	"case 1 has no leader: the rule says one is required"
is "$(rec escalate "$(cn 7)" leader)|$(recs supervisions action,leader 7 | sed -n 's/^escalate|//p')" \
	"王局长|王局长" "case 7: its leader printed and stored with the escalation"
unlike "$(rec escalate "$(cn 7)" rule)" '包案领导' "case 7 has a leader: the rule does not ask for one"
is "$(recs supervisions action,unit,due,days_overdue,kind 1 | sed -n 's/^escalate|//p')" \
	"510800|2017-04-05|17|individual" "stored: an escalate record for the parent unit (510800)"
is "$(recs history action,from_status,to_status,details.unit,details.clock 1 | sed -n 's/^escalate|//p')" \
	"registered|registered|510800|accept" "event escalate, details.unit = the parent unit"
is "$(recs supervisions action 8 | grep -c -x escalate)" 0 \
	"no escalation of a clock stopped after its supervision"
nsup0=$(nsup); nev0=$(nev)
run pesc --now 2017-04-22T15:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "04-22 again: nothing new, no output"
is "$(nsup)/$(nev)" "$nsup0/$nev0" "... nothing recorded"
run pesc --now 2017-04-23T09:00:00+08:00 </dev/null
is "$(acts)" "escalate $(cn 2) accept 2017-04-07 16
escalate $(cn 6) reply 2017-04-07 16" "04-23: cases 2 and 6 (supervised 04-08) escalated"
run pesc --now 2017-04-24T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "04-24: each escalated once only"
is "$(recs supervisions at,id,clock,action | sort -s -t '|' -k 1,1 | cut -d '|' -f 2- | tr -d '|' | words)" \
	"1acceptsupervise 7reportsupervise 8acceptsupervise 2acceptsupervise 6replysupervise 4acceptsupervise 1acceptescalate 7reportescalate 2acceptescalate 6replyescalate" \
	"all the supervision records, once per case, clock and action"

# --- petition-show lists the supervision records ---------------------------

run pshow 1 </dev/null
is_rc 0 "petition-show of a supervised and escalated case"
is "$(j '.supervisions|length')" 2 "jsonl: two supervision records"
is "$(j '.supervisions[0].action')/$(j '.supervisions[0].clock')/$(j '.supervisions[0].unit')/$(j '.supervisions[0].kind')/$(j '.supervisions[0].due')/$(j '.supervisions[0].days_overdue')" \
	"supervise/accept/510802/individual/2017-04-05/2" "jsonl: the supervision"
is "$(j '.supervisions[1].action')/$(j '.supervisions[1].unit')/$(j '.supervisions[1].days_overdue')" \
	"escalate/510800/17" "jsonl: the escalation, to the parent unit"
like "$(j '.supervisions[1].rule')" '包案领导' "jsonl: the rule"
run pshow -f table 1 </dev/null
is_rc 0 "petition-show --format table"
like "$OUT" '^supervision$' "table: a supervision section"
like "$OUT" 'supervise +individual +accept +510802 +2017-04-05' "table: the supervision row"
like "$OUT" 'escalate +individual +accept +510800 +2017-04-05' "table: the escalation row"
run pshow 3 </dev/null
is "$(j '.supervisions|length')" 0 "a case never supervised: no supervision records"

# === 2. an overdue reply of an extended case: escalated at once ===========

use_store extended
mk 2017-03-01 510802                                    # 1: reply_due 03-02 + 60 = 05-01
mk 2017-03-10 510802                                    # 2: reply_due 03-12 + 60 = 05-11
step p_assign --now 2017-03-02T10:00:00+08:00 --accept --category petition 1
step p_assign --now 2017-03-12T10:00:00+08:00 --accept --category petition 2
step p_handle --now 2017-04-20T10:00:00+08:00 --extend 10 --reason 需要监测 1   # 05-01 + 10 = 05-11
is "$(recs . reply_due,extended | tr '|' : | words)" \
	"2017-05-11:true 2017-05-11:false" "set up: both replies due 05-11, case 1 by extension"
run pesc --now 2017-05-11T09:00:00+08:00 </dev/null
is "$(acts)" "remind $(cn 1) reply 2017-05-11 0
remind $(cn 2) reply 2017-05-11 0" "05-11: both reminded (due today)"
dry_then_real --now 2017-05-12T09:00:00+08:00
is "$(acts)" "escalate $(cn 1) reply 2017-05-11 1
supervise $(cn 1) reply 2017-05-11 1
supervise $(cn 2) reply 2017-05-11 1" \
	"05-12: both supervised; the extended case also escalated the same day"
is "$(rec escalate "$(cn 1)" parent_unit)" 510800 "escalated to the parent unit"
like "$(rec escalate "$(cn 1)" rule)" 'exten' "the rule names the extension"
like "$(rec escalate "$(cn 1)" rule)" '; a lead leader \(包案领导\) is required' "... and the missing leader"
is "$(recs supervisions action,unit 1 | tr '|' : | words)" \
	"supervise:510802 escalate:510800" "stored: the supervision (the unit) and the escalation (the parent unit)"
is "$(nev escalate)" 1 "one escalate event"
run pesc --now 2017-05-13T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "05-13: nothing again"
run pesc --now 2017-05-27T09:00:00+08:00 </dev/null
is "$(acts)" "escalate $(cn 2) reply 2017-05-11 16" \
	"05-27: the plain case is escalated 15 days after its supervision; the extended one not twice"

# supervised, then an extension asked for too late: refused, and the overdue
# reply is escalated 15 days after its supervision like any other
use_store extended-late
mk 2017-03-01 510802                                    # 1: reply_due 05-01
step p_assign --now 2017-03-02T10:00:00+08:00 --accept --category petition 1
run pesc --now 2017-05-03T09:00:00+08:00 </dev/null
is "$(acts)" "supervise $(cn 1) reply 2017-05-01 2" "05-03: the reply (due 05-01) supervised"
run p_handle -q --now 2017-05-04T10:00:00+08:00 --extend 10 --reason 需要监测 1 </dev/null
is_rc 4 "05-04: an extension of the reply that was due 05-01 is refused"
run pesc --now 2017-05-17T09:00:00+08:00 </dev/null
is "$(acts escalate)" "" "05-17: not escalated yet"
run pesc --now 2017-05-18T09:00:00+08:00 </dev/null
is "$(acts escalate)" "escalate $(cn 1) reply 2017-05-01 17" \
	"05-18: escalated 15 days after the supervision, still due 05-01"
is "$(recs supervisions action,unit | grep -c -x 'escalate|510800')" 1 \
	"stored: one escalation, to the parent unit"

# supervised, then the clock starts again at another unit (a transfer): the
# same lapse, not supervised a second time; escalated once it is overdue
# escalate_after_days after the first supervision (petition-escalate(1))
use_store reopened
mk 2017-03-01 510802                                    # 1: accept_due 03-16
run pesc --now 2017-03-18T09:00:00+08:00 </dev/null
is "$(acts)" "supervise $(cn 1) accept 2017-03-16 2" "03-18: the decision (due 03-16) supervised"
step p_assign --now 2017-03-19T10:00:00+08:00 --transfer --to 510811 --reason 属地管辖 1
run pesc --now 2017-04-05T09:00:00+08:00 </dev/null
is "$(acts supervise)" "" "04-05: the accept clock started again at 510811 is not supervised again"
is "$(acts escalate)" "escalate $(cn 1) accept 2017-04-03 2" \
	"... but, overdue 15 days after its supervision, escalated"

# === 3. backlog: open more than 90 days ======================================

use_store old
mk 2017-03-01T07:00:00+08:00 510802                    # 1: 2017-02-28T23:00Z, local 03-01
mk 2017-03-01T23:30:00+08:00 510802                    # 2
mk 2017-03-02T00:30:00+08:00 510802                    # 3: 2017-03-01T16:30Z, local 03-02
mk 2017-03-01 510802                                    # 4: accepted (open)
mk 2017-03-01 510802                                    # 5: replied (not open)
mk 2017-03-01 510802                                    # 6: declined
step p_assign --now 2017-03-02T10:00:00+08:00 --accept --category petition 4 5
step p_handle --now 2017-03-20T10:00:00+08:00 --reply 已处理 --outcome support 5
step p_assign --now 2017-03-02T10:00:00+08:00 --decline --reason 重复 6
# received 03-01: 90 days before 05-30, 91 before 05-31
run pesc --now 2017-05-30T09:00:00+08:00 </dev/null
is_rc 0 "05-30"
is "$(acts backlog)" "" "05-30: exactly 90 days: no backlog yet"
is "$(recs . backlog | grep -c -x true)" 0 "none marked"
dry_then_real --now 2017-05-31T09:00:00+08:00
is "$(acts backlog)" "backlog $(cn 1) backlog - -
backlog $(cn 2) backlog - -
backlog $(cn 4) backlog - -" \
	"05-31: cases received 03-01 (local) and still registered or accepted are backlog"
is "$(recs . id,backlog | sed -n 's/|true$//p' | words)" "1 2 4" \
	"cases.backlog set on 1, 2, 4 (not on 3, received 03-02 local; not the replied or declined case)"
like "$(rec backlog "$(cn 1)" rule)" 'open since 2017-03-01' \
	"the rule gives the local date of receipt (received 2017-03-01T07:00+08:00)"
like "$(rec backlog "$(cn 1)" rule)" '; a lead leader \(包案领导\) is required' "the rule asks for a lead leader"
is "$(recs supervisions id,clock,action,unit,due,days_overdue | grep '^[0-9]*|[^|]*|backlog|' | tr '|' : | words)" \
	"1:backlog:backlog:510802:-:- 2:backlog:backlog:510802:-:- 4:backlog:backlog:510802:-:-" \
	"stored: supervision records, clock backlog, action backlog"
is "$(recs history action,id,from_status,to_status | sed -n 's/^backlog|//p' | words)" \
	"1|registered|registered 2|registered|registered 4|accepted|accepted" "events backlog, status unchanged"
is "$(edetail 4 backlog clock)|$(edetail 4 backlog kind)|$(edetail 4 backlog unit)" "backlog|individual|510802" \
	"event details: clock, kind, unit"

# the next day: case 3 becomes backlog; 1, 2, 4 are reported for their leader
NAME_ONE='backlog (积案) without a lead leader (包案领导): name one'
nsup0=$(nsup backlog)
dry_then_real --now 2017-06-01T09:00:00+08:00
is "$(acts backlog)" "backlog $(cn 1) backlog - -
backlog $(cn 2) backlog - -
backlog $(cn 3) backlog - -
backlog $(cn 4) backlog - -" "06-01: case 3 filed (91 days), 1, 2, 4 printed again"
is "$(rec backlog "$(cn 2)" rule)" "$NAME_ONE" "the no-leader report"
is "$(nsup backlog)/$(nev backlog)" "$((nsup0 + 1))/$((nsup0 + 1))" \
	"only case 3 recorded: the report is not recorded"
step p_assign --now 2017-06-01T10:00:00+08:00 --leader 张局长 1
run pesc --now 2017-06-02T09:00:00+08:00 </dev/null
is "$(acts backlog)" "backlog $(cn 2) backlog - -
backlog $(cn 3) backlog - -
backlog $(cn 4) backlog - -" "06-02: case 1 has a leader now: no longer reported"
is "$(rec backlog "$(cn 3)" rule)|$(rec backlog "$(cn 3)" leader)" "$NAME_ONE|null" "case 3 reported, no leader"
run pesc --now 2017-06-03T09:00:00+08:00 </dev/null
is "$(acts backlog)" "backlog $(cn 2) backlog - -
backlog $(cn 3) backlog - -
backlog $(cn 4) backlog - -" "06-03: reported on every run"
is "$(nsup backlog)" 4 "... never recorded again"
step p_assign --now 2017-06-03T10:00:00+08:00 --leader 李局长 2 3
step p_handle --now 2017-06-03T10:00:00+08:00 --reply 已查处 --outcome support 4
step p_handle --now 2017-06-03T11:00:00+08:00 --deliver 4
run pesc --now 2017-06-04T09:00:00+08:00 </dev/null
is "$(acts backlog)" "backlog $(cn 4) backlog - -" \
	"06-04: 2 and 3 have leaders; 4 (replied and delivered, no leader) still reported"
step p_handle --now 2017-06-04T10:00:00+08:00 --rate satisfied 4
step p_handle --now 2017-06-04T10:05:00+08:00 --close 4
run pesc --now 2017-06-05T09:00:00+08:00 </dev/null
is "$(acts backlog)" "" "06-05: case 4 closed: no backlog lines any more"
is "$(recs . backlog | grep -c -x true)" 4 "the cases stay backlog"

# === 4. backlog: a review requested =========================================

use_store review
mk 2017-05-01 510802                                    # 1: review requested
mk 2017-05-01 510802                                    # 2: delivered only
step p_assign --now 2017-05-02T10:00:00+08:00 --accept --category petition 1 2
step p_handle --now 2017-05-10T10:00:00+08:00 --reply 答复 --outcome reject 1 2
step p_handle --now 2017-05-10T11:00:00+08:00 --deliver 1 2      # review window to 06-09
step p_review --now 2017-05-20T10:00:00+08:00 --request review 1  # review due 05-20 + 30 = 06-19
is "$(recs . status,unit 1 | tr '|' :)|$(recs deadlines clock,due 1 | sed -n 's/^review|//p')" \
	"reviewing:510800|2017-06-19" "set up: case 1 under review at the city, due 06-19"
run pesc --now 2017-05-21T09:00:00+08:00 </dev/null
is_rc 0 "05-21"
is "$(acts)" "backlog $(cn 1) backlog - -" "a review requested: backlog at once (case 2 not)"
is "$(rec backlog "$(cn 1)" unit)/$(rec backlog "$(cn 1)" parent_unit)" 510800/510000 \
	"printed at the unit now holding the case (the city), parent the province"
like "$(rec backlog "$(cn 1)" rule)" '; a lead leader \(包案领导\) is required' "the rule asks for a leader"
is "$(recs . backlog 1)|$(recs supervisions action,unit 1 | sed -n 's/^backlog|//p')" \
	"true|510800" "stored: backlog, a record for the city"
# 06-17: the review clock (06-19) is reminded; case 2's window (06-09, the
# petitioner's) has passed but is not a duty: nothing for case 2
run pesc --now 2017-06-17T09:00:00+08:00 </dev/null
is "$(acts)" "backlog $(cn 1) backlog - -
remind $(cn 1) review 2017-06-19 -2" "06-17: the review clock reminded, the backlog reported for its leader"
lacks "$OUT" "$(cn 2)" "the passed review-request window of case 2 is not supervised"

# === 5. backlog: the third petition of the same matter ======================

use_store repeat
mk 2017-04-20 510802 --petitioner-phone 13800001111    # 1
mk 2017-04-25 510802 --petitioner-phone 13800001111    # 2: a repeat of 1
mk 2017-05-01 510802 --petitioner-phone 13800001111    # 3: a repeat of 2: the third
mk 2016-10-01 510802 --petitioner-phone 13900002222    # 4: 209 days before 5
step p_assign --now 2016-10-02T10:00:00+08:00 --decline --reason 不属实 4
mk 2017-04-28 510802 --petitioner-phone 13900002222    # 5
mk 2017-05-01 510802 --petitioner-phone 13900002222    # 6: a repeat of 5 only
mk 2017-05-01 510802 --petitioner-phone 13700003333    # 7
is "$(recs . id,repeat_of 2 3 5 6 | tr '|' : | words)" \
	"2:$(cn 1) 3:$(cn 2) 5:- 6:$(recs . case_no 5)" \
	"set up: 2 repeats 1, 3 repeats 2; 5 repeats nothing (209 days), 6 repeats 5"
run pesc --now 2017-05-02T09:00:00+08:00 </dev/null
is_rc 0 "05-02"
is "$(acts backlog)" "backlog $(cn 3) backlog - -" "the third petition from the same phone within 180 days is backlog"
is "$(recs . id,backlog | sed -n 's/|true$//p' | words)" 3 "only case 3 marked"
is "$(nsup backlog)/$(nev backlog)" 1/1 "one record, one event"
run pesc --now 2017-05-02T15:00:00+08:00 </dev/null
is "$(acts backlog)" "backlog $(cn 3) backlog - -" "again: reported for its leader"
is "$(rec backlog "$(cn 3)" rule)" "$NAME_ONE" "... as the no-leader report"
is "$(nsup backlog)" 1 "... not recorded twice"
run pesc --unit 510811 --now 2017-05-02T15:00:00+08:00 </dev/null
is "$RC/$(acts backlog)" "0/" "--unit 510811: the report is about 510802's case, so not printed"
step p_assign --now 2017-05-02T16:00:00+08:00 --leader 赵局长 "$(cn 3)"
run pesc --now 2017-05-03T09:00:00+08:00 </dev/null
is "$(acts backlog)" "" "petition-assign CASE --leader NAME: the report stops"

# === 6. --unit: a subtree; formats =========================================

use_store unit
mk 2017-03-21 510802 --petitioner-name 张三            # 1 利州区
mk 2017-03-21 510811                                    # 2 昭化区
mk 2017-03-21 510800                                    # 3 the city
run pesc -n --unit 510802 --now 2017-04-07T09:00:00+08:00 </dev/null
is "$RC|$(acts)" "0|supervise $(cn 1) accept 2017-04-05 2" "--unit 510802: only its own case"
run pesc -n --unit 510800 --now 2017-04-07T09:00:00+08:00 </dev/null
is "$RC|$(acts)" "0|supervise $(cn 1) accept 2017-04-05 2
supervise $(cn 2) accept 2017-04-05 2
supervise $(cn 3) accept 2017-04-05 2" "--unit 510800: the city and the counties under it"
run pesc -n --unit 510811 --now 2017-04-07T09:00:00+08:00 </dev/null
is "$RC|$(acts)" "0|supervise $(cn 2) accept 2017-04-05 2" "--unit 510811: only the sibling's case"
run pesc -n --unit 510821 --now 2017-04-07T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "--unit of a county with nothing due: no output, exit 0"
sum=$(dbsum)
run pesc --unit 999999 --now 2017-04-07T09:00:00+08:00 </dev/null
is_rc 2 "an unknown --unit: usage error (2)"
like "$ERR" '^petition-escalate: .*--unit.*999999' "the message names --unit and the value"
is "$OUT" "" "nothing printed"
is "$(dbsum)" "$sum" "nothing written"
run pesc --now 2017-04-07T09:00:00+08:00 extra </dev/null
is_rc 2 "an operand: usage error"
run pesc --unit 510802 --now 2017-04-07T09:00:00+08:00 </dev/null
is "$RC|$(acts)" "0|supervise $(cn 1) accept 2017-04-05 2" "a real run with --unit 510802"
is "$(recs supervisions id | words)" 1 "only case 1 supervised"

# formats (a dry run, so the same records can be printed three ways)
run pesc -n -f csv --now 2017-04-07T10:00:00+08:00 </dev/null
is_rc 0 "--format csv"
is "$(printf '%s\n' "$OUT" | head -n 1 | tr -d '"\r')" \
	"action,case_no,unit,parent_unit,handler,leader,clock,due,days_overdue,rule" "csv: the header, the documented fields"
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
print(len(rows) - 1)
for r in rows[1:]:
    print("|".join(r[:9]))
')" "2
supervise|$(cn 2)|510811|510800|||accept|2017-04-05|2
supervise|$(cn 3)|510800|510000|||accept|2017-04-05|2" "csv: two records (case 1 already supervised), empty cells for null"
run pesc -n -f table --now 2017-04-07T10:00:00+08:00 </dev/null
is_rc 0 "--format table"
is "$(lines "$OUT")" 3 "table: a header and two rows"
like "$(printf '%s\n' "$OUT" | head -n 1)" '^action +case_no +unit +parent_unit +handler +leader +clock +due +days_overdue +rule' \
	"table: the header"
is "$(printf '%s\n' "$OUT" | aligned)" "" "table: columns aligned (Chinese counts two columns)"
run pesc -n --now 2017-04-07T10:00:00+08:00 </dev/null
lacks "$OUT" "张三" "no personal data in the output"

# an --actor goes into the history; a database that is not one: exit 5
run pesc --actor cron --now 2017-04-07T11:00:00+08:00 </dev/null
is "$(recs history action,actor 2 3 | sed -n 's/^supervise|//p' | words)" \
	"cron cron" "--actor goes into the supervise events"
head -c 4096 /dev/urandom >"$T_DIR/junk.db"
run pesc --db "$T_DIR/junk.db" --now 2017-04-07 </dev/null
is_rc 5 "not a database: exit 5"
is "$OUT" "" "... nothing printed"

# === --replay: what a morning recorded, printed again ========================

use_store replay
mk 2017-01-05 510802                     # accept_due 2017-01-20
mk 2017-01-06 510811                     # accept_due 2017-01-21
run pesc --now 2017-02-01T07:00:00+08:00 -f csv </dev/null   # 23:00 UTC the day before
r1=$OUT
is "$RC/$(printf '%s\n' "$r1" | cut -d, -f1 | sed 1d | sort | uniq -c | tr -s ' ' | tr '\n' ' ')" \
	"0/ 2 \"supervise\" " "set up: the morning of 02-01 supervises both"
run pesc --now 2017-02-20T07:00:00+08:00 -f csv </dev/null     # 15 days after: escalate
r2=$OUT
is "$RC/$(printf '%s\n' "$r2" | cut -d, -f1 | sed 1d | sort | uniq -c | tr -s ' ' | tr '\n' ' ')" \
	"0/ 2 \"escalate\" " "set up: the morning of 02-20 escalates both"
t_sum=$(dbsum)
run pesc --replay 2017-02-01 -f csv </dev/null
is "$RC/$OUT" "0/$r1" "--replay 2017-02-01 (a local date) prints what that run printed"
run pesc --replay 2017-02-20 -f csv </dev/null
is "$RC/$OUT" "0/$r2" "--replay 2017-02-20: the escalations, with unit and parent as printed"
run pesc --replay 2017-02-20 -f jsonl </dev/null
is "$(printf '%s\n' "$OUT" | jget .case_no | tr '\n' ' ')" "$(cn 1) $(cn 2) " "... in the order of the run"
run pesc --replay 2017-02-20 --unit 510811 -f jsonl </dev/null
is "$(printf '%s\n' "$OUT" | jget .case_no)" "$(cn 2)" "--replay --unit: that unit's only"
run pesc --replay 2017-01-31 </dev/null
is "$RC/$OUT" "0/" "--replay of a day with no run: nothing, exit 0"
is "$(dbsum)" "$t_sum" "--replay writes nothing"
run pesc --replay 2017-02-30 </dev/null
is "$RC/$ERR" '2/petition-escalate: --replay: "2017-02-30" is not a date (YYYY-MM-DD)' "--replay: a bad date is a usage error"
run pesc --replay 2017-02-01 --dry-run </dev/null
is_rc 2 "--replay with --dry-run: usage"

done_testing
