#!/bin/sh
# The history: one case walked through its whole lifecycle leaves one event
# per action, in order; refused and dry-run actions leave none; the events
# table is append-only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"


# step ACTOR NOW TOOL ARGS...: one action, which must succeed
step() {
	t_actor=$1 t_now=$2; shift 2
	run "$@" -q --actor "$t_actor" --now "$t_now" </dev/null
	[ "$RC" = 0 ] || diag "$* (as $t_actor at $t_now): exit $RC: $ERR"
	[ "$RC" = 0 ]
}
# units ID: details.unit of each of its events ("-" without details)
units() { history "$1" details.unit | tr '\n' ' '; }

# --- case 1: registered at the city, to a final re-review ----------------------

ok "register" step 登记员 2017-03-21T09:30:00+08:00 \
	padd --received-at 2017-03-21T09:00 --channel visit --unit 510800 --subject '化工厂废气' \
	--petitioner-name 张三 --petitioner-phone 13812345678 --accused 某化工厂
ok "set the handler and leader" step 科长 2017-03-22T09:00:00+08:00 p_assign -H 李四 -L 王局长 1
ok "accept" step 科长 2017-03-25T09:00:00+08:00 p_assign --accept --category enforcement 1
ok "assign to 旺苍县" step 科长 2017-03-26T09:00:00+08:00 p_assign --assign --to 510821 --report-by 2017-05-10 1
ok "note" step 县局李四 2017-04-10T09:00:00+08:00 p_handle --note '已现场检查' 1
ok "extend" step 县局李四 2017-05-01T09:00:00+08:00 p_handle --extend 10 --reason '需要监测' 1

# refused and dry-run actions leave no trace
n=$(nevents)
run p_handle --extend 5 --reason again 1 </dev/null
is_rc 4 "a second extension is refused"
run p_handle -n --reply '试答复' 1 </dev/null
is_rc 0 "a dry-run reply"
run p_assign --decline --reason x 1 </dev/null
is_rc 4 "declining an accepted case is refused"
is "$(nevents)" "$n" "refused and dry-run actions add no events"

ok "reply" step 县局李四 2017-05-05T09:00:00+08:00 p_handle --reply '已责令整改' --outcome support 1
ok "deliver" step 县局李四 2017-05-06T09:00:00+08:00 p_handle --deliver 1
ok "rate" step 回访员 2017-05-08T09:00:00+08:00 p_handle --rate unsatisfied 1
ok "request review" step 信访人代理 2017-05-20T09:00:00+08:00 p_review --request review 1
ok "decide review" step 市局复查组 2017-06-10T09:00:00+08:00 p_review --decide --result upheld --text 维持 1
ok "request re-review" step 信访人代理 2017-06-20T09:00:00+08:00 p_review --request rereview 1
ok "decide re-review" step 省厅复核组 2017-07-10T09:00:00+08:00 p_review --decide --result upheld --text 终结 1

is "$(history 1)" "register|-|registered|登记员
set|registered|registered|科长
accept|registered|accepted|科长
assign|accepted|accepted|科长
note|accepted|accepted|县局李四
extend|accepted|accepted|县局李四
reply|accepted|replied|县局李四
deliver|replied|delivered|县局李四
rate|delivered|delivered|回访员
review_request|delivered|reviewing|信访人代理
review_decision|reviewing|reviewed|市局复查组
rereview_request|reviewed|rereviewing|信访人代理
rereview_decision|rereviewing|final|省厅复核组" \
	"the events: action, from, to and actor of each step, in order"
is "$(history 1 at | paste -sd ' ' -)" \
	"2017-03-21T09:30:00+08:00 2017-03-22T09:00:00+08:00 2017-03-25T09:00:00+08:00 2017-03-26T09:00:00+08:00 2017-04-10T09:00:00+08:00 2017-05-01T09:00:00+08:00 2017-05-05T09:00:00+08:00 2017-05-06T09:00:00+08:00 2017-05-08T09:00:00+08:00 2017-05-20T09:00:00+08:00 2017-06-10T09:00:00+08:00 2017-06-20T09:00:00+08:00 2017-07-10T09:00:00+08:00" \
	"each at its --now"
is "$(units 1)" "- 510800 510800 510800 510821 510821 510821 510821 510821 510821 510800 510800 510000 " \
	"details.unit: the acting unit (city, then the county it was assigned to, then the levels above)"
is "$(row 1 status unit handler leader satisfaction)" \
	"final|510000|李四|王局长|unsatisfied" "the case at the end"
run pshow 1 </dev/null
is "$(j '.history|length')" 13 "petition-show gives the same 13 events"
is "$(j '.history[12].action')" rereview_decision "... in the same order"

# --- case 2: transfer, objection, acceptance, close ------------------------------

export PETITION_ACTOR=值班员
ok "register 2" step 值班员 2017-09-25T10:00:00+08:00 \
	padd --received-at 2017-09-25T09:00 --channel hotline --unit 510802 --subject '养殖场异味'
ok "transfer" step 区局 2017-09-27T10:00:00+08:00 p_assign --transfer --to 510811 2
ok "object" step 昭化区局 2017-09-29T10:00:00+08:00 p_assign --object --reason 不属本区 2
ok "accept 2" step 区局 2017-10-09T10:00:00+08:00 p_assign --accept --category petition 2
ok "reply 2" step 区局 2017-10-20T10:00:00+08:00 p_handle --reply 已协调 --outcome explain 2
ok "deliver 2" step 区局 2017-10-21T10:00:00+08:00 p_handle --deliver 2
ok "close 2" step 区局 2017-11-21T10:00:00+08:00 p_handle --close 2
is "$(history 2)" "register|-|registered|值班员
transfer|registered|registered|区局
object|registered|registered|昭化区局
accept|registered|accepted|区局
reply|accepted|replied|区局
deliver|replied|delivered|区局
close|delivered|closed|区局" "case 2: its own events, in order"
is "$(units 2)" "- 510802 510811 510802 510802 510802 510802 " "details.unit of each step after registration (which has no details)"
ok "PETITION_ACTOR is used when --actor is absent" sh -c \
	'"$PETITION_BIN/petition-handle" -q --note 回访 --now 2017-11-22 2 </dev/null'
is "$(last_event 2 action actor)" "note|值班员" "the note's actor is \$PETITION_ACTOR"

run "$PETITION_BIN/petition-verify" </dev/null
is_rc 0 "petition-verify finds the whole lifecycle's history intact"
like "$OUT" '^intact: [0-9]+ events in one chain, 2 cases agree' "... and says so"

# --- the history is append-only -------------------------------------------------

sqlite_only "the sqlite3 shell rewriting the events table"
sum=$(dbsum)
RC=0; sqlite3 -batch "$PETITION_DB" "UPDATE events SET actor = 'someone else' WHERE case_id = 1" \
	>"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
ERR=$(cat "$T_DIR/err")
isnt "$RC" 0 "UPDATE on events fails"
like "$ERR" 'append-only' "... saying the history is append-only"
RC=0; sqlite3 -batch "$PETITION_DB" "DELETE FROM events WHERE case_id = 2" >"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
ERR=$(cat "$T_DIR/err")
isnt "$RC" 0 "DELETE on events fails"
like "$ERR" 'append-only' "... saying the history is append-only"
RC=0; sqlite3 -batch "$PETITION_DB" "DELETE FROM events" >"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
isnt "$RC" 0 "DELETE of the whole history fails"
RC=0; sqlite3 -batch "$PETITION_DB" "INSERT OR REPLACE INTO events(id, case_id, at, actor, action)
	SELECT id, case_id, at, 'someone else', action FROM events WHERE id = 3" \
	>"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
ERR=$(cat "$T_DIR/err")
isnt "$RC" 0 "INSERT OR REPLACE of an event fails (REPLACE fires no delete trigger)"
like "$ERR" 'append-only' "... saying the history is append-only"
is "$(dbsum)" "$sum" "the history is unchanged"
run "$PETITION_BIN/petition-verify" </dev/null
is_rc 0 "petition-verify finds it intact still"

done_testing
