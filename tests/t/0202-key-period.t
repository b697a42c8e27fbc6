#!/bin/sh
# petition-escalate in a key period (重要节点, policy key_periods): the
# reminder horizon widens from 3 to 7 days (key_remind_days), and an overdue
# collective visit (5 or more people) or risk case is escalated at once;
# outside the period neither happens. Also the policy's supervision_kind.
T_TOOLS="petition-escalate"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

cn() { printf 'GY-2017-%06d' "$1"; }
mk() {
	t_r=$1 t_u=$2; shift 2
	padd -q --now "${t_r}T18:00:00+08:00" --received-at "$t_r" --unit "$t_u" --subject "事由" "$@" </dev/null ||
		diag "mk $t_r $t_u $*: petition-add failed"
}

# policy FILE KEY=VALUE...: the shipped policy with some keys changed
policy() {
	t_f=$1; shift
	cp "$PETITION_SHARE/policy.conf" "$t_f"
	for t_kv in "$@"; do
		sed "s|^${t_kv%%=*} *=.*|${t_kv%%=*} = ${t_kv#*=}|" "$t_f" >"$t_f.new" && mv "$t_f.new" "$t_f"
	done
}
# shown FILTER: FILTER of each case as petition-show prints it, one a line
shown() { qshow --format jsonl $(qlist --format jsonl </dev/null | jget .id) </dev/null | jget "$1"; }
# nsup KEY VALUE: how many supervision records of all cases have KEY = VALUE
nsup() { shown .supervisions | grep -o "\"$1\":\"$2\"" | grep -c .; }
# kinds: the distinct kinds of the supervision records of all cases
kinds() { shown .supervisions | grep -o '"kind":"[^"]*"' | sort -u | sed 's/"kind":"\(.*\)"/\1/'; }

KEY=$T_DIR/key.conf
policy "$KEY" "key_periods=2017-03-01..2017-03-10, 2017-10-10..2017-10-30"
KIND=$T_DIR/kind.conf
policy "$KIND" supervision_kind=onsite
ok "the test policies differ from the shipped one as meant" \
	test "$(grep -c '^key_periods = 2017-03-01..2017-03-10, 2017-10-10..2017-10-30$' "$KEY")$(grep -c '^supervision_kind = onsite$' "$KIND")" = 11

# === the reminder horizon =====================================================

use_store remind
mk 2017-10-01 510802 --channel letter                  # 1: accept_due 10-16
mk 2017-09-30 510802 --channel letter                  # 2: 10-15
mk 2017-10-02 510802 --channel letter                  # 3: 10-17
mk 2017-10-03 510802 --channel letter                  # 4: 10-18
mk 2017-10-22 510802 --channel letter                  # 5: 11-06
is "$(qlist --format jsonl </dev/null | jget .accept_due | paste -s -d ' ' -)" \
	"2017-10-16 2017-10-15 2017-10-17 2017-10-18 2017-11-06" "set up: the accept dates"

sum=$(dbsum)
run pesc --now 2017-10-10T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "10-10, the shipped policy (no key period): horizon 10-13, nothing due"
run pesc --policy "$KEY" --now 2017-10-09T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "10-09, the day before the key period: horizon 10-12, case 2 (due in 6 days) not reminded"
run pesc --policy "$KEY" --now 2017-10-10T09:00:00+08:00 </dev/null
is_rc 0 "10-10, first day of the key period"
is "$(acts)" "remind $(cn 1) accept 2017-10-16 -6
remind $(cn 2) accept 2017-10-15 -5
remind $(cn 3) accept 2017-10-17 -7" "horizon 10-10 + 7 = 10-17: due in 5, 6 and 7 days reminded, 8 days (case 4) not"
run env PETITION_POLICY="$KEY" "$PETITION_BIN/petition-escalate" --now 2017-10-10T09:00:00+08:00 </dev/null
is "$(acts)" "remind $(cn 1) accept 2017-10-16 -6
remind $(cn 2) accept 2017-10-15 -5
remind $(cn 3) accept 2017-10-17 -7" "the same through \$PETITION_POLICY"
# 2017-10-09T16:30Z is 10-10 00:30 in Shanghai: in the period
run pesc --policy "$KEY" --now 2017-10-09T16:30:00Z </dev/null
is "$(acts | wc -l | tr -d ' ')" 3 "the key period is by local date (10-09T16:30Z is 10-10 in Shanghai)"
is "$(dbsum)" "$sum" "reminders record nothing"
# the last day of the period, and the day after
run pesc -n --policy "$KEY" --now 2017-10-30T09:00:00+08:00 </dev/null
is "$(acts remind)" "remind $(cn 5) accept 2017-11-06 -7" "10-30, the last day of the period: due in 7 days reminded"
run pesc -n --policy "$KEY" --now 2017-10-31T09:00:00+08:00 </dev/null
is "$(acts remind)" "" "10-31, after the period: the horizon is 3 days again (11-03)"

# === collective and risk cases: escalated at once ===============================

# all received 09-20: accept_due 10-05
use_store collective
mk 2017-09-20 510802 --channel visit --headcount 5     # 1 collective
mk 2017-09-20 510802 --channel letter --risk           # 2 risk
mk 2017-09-20 510802 --channel letter                  # 3 plain
mk 2017-09-20 510802 --channel visit --headcount 4     # 4 four people: not collective
mk 2017-09-20 510802 --channel visit --headcount 8 --risk  # 5 both, with a leader
p_assign -q --now 2017-09-21T10:00:00+08:00 --leader 周局长 5 </dev/null
is "$(shown .collective | paste -s -d ' ' -)|$(shown .risk | paste -s -d ' ' -)|$(shown .accept_due | sort -u)" \
	"true false false false true|false true false false true|2017-10-05" \
	"set up: collective and risk flags, all due 10-05"
for t_db in outside before after kind; do clone_store "$t_db" >/dev/null; done

# in the period, first run on 10-12 (7 days overdue)
run pesc --policy "$KEY" --now 2017-10-12T09:00:00+08:00 </dev/null
is_rc 0 "10-12, in the key period"
is "$(acts)" "escalate $(cn 1) accept 2017-10-05 7
escalate $(cn 2) accept 2017-10-05 7
escalate $(cn 5) accept 2017-10-05 7
supervise $(cn 1) accept 2017-10-05 7
supervise $(cn 2) accept 2017-10-05 7
supervise $(cn 3) accept 2017-10-05 7
supervise $(cn 4) accept 2017-10-05 7
supervise $(cn 5) accept 2017-10-05 7" \
	"all supervised; the collective visit and the risk cases escalated at once"
is "$(rec escalate "$(cn 1)" parent_unit)" 510800 "escalated to the parent unit"
like "$(rec escalate "$(cn 1)" rule)" 'collective' "the rule says collective"
like "$(rec escalate "$(cn 2)" rule)" 'risk' "the rule says risk"
like "$(rec escalate "$(cn 1)" rule)" '重要节点|key period' "the rule names the key period"
like "$(rec escalate "$(cn 1)" rule)" '; a lead leader \(包案领导\) is required' "no leader: one is required"
unlike "$(rec escalate "$(cn 5)" rule)" '包案领导' "case 5 has a leader: not asked for"
is "$(shown .supervisions | grep -n -o '"action":"escalate","kind":"[a-z]*","clock":"accept","unit":"[0-9]*"' |
	sed 's/:.*"unit":"/:/; s/"$//' | paste -s -d ' ' -)" \
	"1:510800 2:510800 5:510800" "stored: escalate records for the parent unit"
is "$(qshow --format csv 1 2 3 4 5 </dev/null | grep -c '^"[^"]*","[^"]*","[^"]*","escalate",')" 3 "three escalate events"
run pesc --policy "$KEY" --now 2017-10-13T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "10-13: nothing again"

# the same cases outside any key period (the shipped policy)
use_store outside
run pesc --now 2017-10-12T09:00:00+08:00 </dev/null
is "$(acts escalate)" "" "the shipped policy (no key period): no escalation at once"
is "$(acts supervise | wc -l | tr -d ' ')" 5 "... the five are supervised"
is "$(nsup action escalate)/$(nsup action supervise)" 0/5 "... nothing escalated"

# supervised before the period, escalated on its first day
use_store before
run pesc --policy "$KEY" --now 2017-10-08T09:00:00+08:00 </dev/null
is "$(acts)" "supervise $(cn 1) accept 2017-10-05 3
supervise $(cn 2) accept 2017-10-05 3
supervise $(cn 3) accept 2017-10-05 3
supervise $(cn 4) accept 2017-10-05 3
supervise $(cn 5) accept 2017-10-05 3" "10-08, before the period (key policy): supervised only"
run pesc --policy "$KEY" --now 2017-10-09T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "10-09, still before: nothing"
run pesc --policy "$KEY" --now 2017-10-10T09:00:00+08:00 </dev/null
is "$(acts)" "escalate $(cn 1) accept 2017-10-05 5
escalate $(cn 2) accept 2017-10-05 5
escalate $(cn 5) accept 2017-10-05 5" "10-10, the period begins: the collective and risk cases escalated"
run pesc --policy "$KEY" --now 2017-10-11T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "10-11: once only"

# first overdue run after the period
use_store after
run pesc --policy "$KEY" --now 2017-10-31T09:00:00+08:00 </dev/null
is "$(acts escalate)" "" "10-31, after the period: no escalation at once"
is "$(acts supervise | wc -l | tr -d ' ')" 5 "... supervised only"

# the policy's supervision_kind
use_store kind
run pesc --policy "$KIND" --now 2017-10-12T09:00:00+08:00 </dev/null
is_rc 0 "supervision_kind = onsite"
is "$(kinds)" onsite "stored kind: onsite"
is "$(qshow --format csv 1 2 3 4 5 </dev/null | grep '^"[^"]*","[^"]*","[^"]*","supervise",' |
	grep -o '""kind"":""[^"]*""' | sort -u | tr -d '"')" kind:onsite \
	"event details.kind: onsite"
like "$(rec supervise "$(cn 3)" rule)" 'onsite' "the rule names the kind"

# === the other escalation keys of a policy =====================================

POL=$T_DIR/pol.conf
policy "$POL" remind_days=1 escalate_after_days=10 backlog_after_days=30
use_store policy
mk 2017-09-20 510802 --channel letter                  # 1: due 10-05
mk 2017-09-24 510802 --channel letter                  # 2: due 10-09
run pesc --policy "$POL" --now 2017-10-06T09:00:00+08:00 </dev/null
is "$(acts)" "supervise $(cn 1) accept 2017-10-05 1" "remind_days = 1: case 2, due in 3 days, not reminded"
run pesc --policy "$POL" --now 2017-10-08T09:00:00+08:00 </dev/null
is "$(acts)" "remind $(cn 2) accept 2017-10-09 -1" "... due tomorrow: reminded"
run pesc --policy "$POL" --now 2017-10-15T09:00:00+08:00 </dev/null
is "$(acts)" "supervise $(cn 2) accept 2017-10-09 6" "escalate_after_days = 10: case 1 (supervised 10-06) not on 10-15"
run pesc --policy "$POL" --now 2017-10-16T09:00:00+08:00 </dev/null
is "$(acts)" "escalate $(cn 1) accept 2017-10-05 11" "... but on 10-16"
run pesc --policy "$POL" --now 2017-10-20T09:00:00+08:00 </dev/null
is "$RC/$OUT" "0/" "backlog_after_days = 30: case 1 (received 09-20) not on 10-20"
run pesc --policy "$POL" --now 2017-10-21T09:00:00+08:00 </dev/null
is "$(acts)" "backlog $(cn 1) backlog - -" "... but on 10-21, 31 days after"

done_testing
