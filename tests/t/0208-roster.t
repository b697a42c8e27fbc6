#!/bin/sh
# petition-risk --roster: the duty roster of a key period (重要节点, policy
# key_periods): each day who is on duty and the leader on shift (带班领导),
# set and listed, a day without them flagged; refusals (a day outside the
# period, an unknown period, bad names) change nothing; the period's daily
# zero report (零报告), a row for every day and unit, of the risks and the
# new collective and risk cases; and the
# morning run's duty lines and warnings, inside a period and not outside.
T_TOOLS="petition-risk petition-escalate"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

prisk() { "$PETITION_BIN/petition-risk" "$@"; }
# col FILTER: FILTER of each record the last run printed, on one line
col() { printf '%s\n' "$OUT" | jget "$1" | paste -sd ' ' -; }

PETITION_POLICY=$T_DIR/key.conf
sed 's/^key_periods *=.*/key_periods = 2017-10-10..2017-10-13, 2018-03-01..2018-03-03/' \
	"$PETITION_SHARE/policy.conf" >"$PETITION_POLICY"
export PETITION_POLICY
ok "the test policy has two key periods" grep -q '^key_periods = 2017-10-10..2017-10-13, 2018' "$PETITION_POLICY"

# a risk found in the period, moved to reported the next day
ok "set up: a risk found on 10-11, reported on 10-12" sh -c '
	"$1" -q --add --matter 垃圾焚烧厂选址 --kind nimby --source media --unit 510802 \
		--found-at 2017-10-11T10:00 --now 2017-10-11T12:00:00+08:00 </dev/null &&
	"$1" -q --move verified --now 2017-10-12T09:00:00+08:00 1 </dev/null &&
	"$1" -q --move reported --now 2017-10-12T10:00:00+08:00 1 </dev/null' - "$PETITION_BIN/petition-risk"
# and two new cases of the key kinds on 10-12 at 510811: a collective visit, a risk case
mk 2017-10-12 510811 --channel visit --headcount 6
mk 2017-10-12 510811 --channel letter --risk

# === setting and listing ========================================================

run prisk --roster 2017-10-10 --format jsonl </dev/null
is "$RC:$(col .day)" "0:2017-10-10 2017-10-11 2017-10-12 2017-10-13" "an empty roster lists every day of the period"
is "$(col .gap)" "no_roster no_roster no_roster no_roster" "... each day flagged: no roster"
is "$(col .key_period | tr ' ' '\n' | sort -u)" "2017-10-10..2017-10-13" "... named FROM..TO"

run prisk --roster 2017-10-10 --date 2017-10-10 --on-duty ' 张三 , 李四' --leader 王五 \
	--format jsonl --now 2017-10-01T09:00:00+08:00 </dev/null
is_rc 0 "a day set: exit 0"
is "$(j .day)|$(j .on_duty)|$(j .leader_on_shift)|$(j .gap)" "2017-10-10|张三,李四|王五|null" \
	"... printed as listed: the names trimmed, no gap"
run prisk -q --roster 2017-10-10 --date 2017-10-11 --on-duty 孙七 </dev/null
is "$RC:$OUT" "0:" "staff on duty alone, quietly"
run prisk --roster 2017-10-10..2017-10-13 --date 2017-10-11 --leader 赵六 --format jsonl </dev/null
is "$RC:$(j .on_duty)|$(j .leader_on_shift)|$(j .gap)" "0:孙七|赵六|null" \
	"the period by FROM..TO; a leader added, the staff kept"
run prisk -q --roster 2017-10-10 --date 2017-10-12 --leader 周八 </dev/null
is_rc 0 "a leader alone"

run prisk --roster 2017-10-10 --format jsonl </dev/null
listing=$OUT
is "$(col .gap)" "null null no_on_duty no_roster" "the listing flags each gap: nobody on duty, no roster"
is "$(col .leader_on_shift)" "王五 赵六 周八 null" "... and names each day's leader"
run prisk --roster 2017-10-10 --date 2017-10-12 --format csv --header zh </dev/null
is "$(printf '%s\n' "$OUT" | tr -d '\r')" '"重要节点","日期","值班人员","带班领导","缺口"
"2017-10-10..2017-10-13","2017-10-12",,"周八","no_on_duty"' "--date lists one day; CSV, Chinese headers"

# === refusals: nothing written ==================================================

sum=$(dbsum)
run prisk --roster 2017-10-10 --date 2017-10-14 --leader 王五 </dev/null
is "$RC:$ERR" "3:petition-risk: --date: 2017-10-14 is outside the key period 2017-10-10..2017-10-13" \
	"a day outside the period: exit 3, said so"
run prisk --roster 2017-10-10 --date 2017-10-09 </dev/null
is_rc 3 "... nor listed"
run prisk --roster 2017-10-11 --date 2017-10-11 --leader 王五 </dev/null
is "$RC:$ERR" "2:petition-risk: --roster: no such key period in the policy (key_periods)" \
	"a period the policy has not: exit 2"
run prisk --roster 2017-10-10..2017-10-12 --date 2017-10-11 --leader 王五 </dev/null
is_rc 2 "... nor one whose end differs"
run prisk --roster yesterday --leader 王五 --date 2017-10-11 </dev/null
is "$RC:$ERR" "2:petition-risk: --roster: not a key period (DATE or DATE..DATE)" "not a period: exit 2"
run prisk --roster 2017-10-10 --date 2017-10-32 --leader 王五 </dev/null
is_rc 2 "not a date: exit 2"
run prisk --roster 2017-10-10 --date 2017-10-11 --on-duty "$(printf '张三\033[2J')" </dev/null
is "$RC:$ERR" "3:petition-risk: --on-duty: not a comma list of names" \
	"a control character in a name: exit 3, the name not echoed"
run prisk --roster 2017-10-10 --date 2017-10-11 --on-duty 张三,,李四 </dev/null
is_rc 3 "an empty name in the list: exit 3"
run prisk --roster 2017-10-10 --on-duty 张三 </dev/null
is "$RC:$ERR" "2:petition-risk: --on-duty and --leader need --date" "--on-duty without --date: exit 2"
run prisk --date 2017-10-11 --leader 王五 </dev/null
is_rc 2 "--date without --roster: exit 2"
run prisk --roster 2017-10-10 --daily-report --leader 王五 </dev/null
is_rc 2 "--daily-report with --leader: exit 2"
is "$(dbsum)" "$sum" "the store is unchanged by every refusal"
run prisk --roster 2017-10-10 --format jsonl </dev/null
is "$OUT" "$listing" "... and the roster lists as before"

run "$PETITION_BIN/petition-copy" --from "$PETITION_DB" --to "$T_DIR/copy.db" </dev/null
like "$OUT" '"copied":"rosters","rows":3,' "the store holds the three days set"
like "$OUT" '"copied":"roster_events","rows":4,' "... and an event for each of the four changes, none for a refusal"

# === the daily zero report of the period ========================================

run prisk --roster 2017-10-10 --daily-report --format jsonl --now 2017-10-20T09:00:00+08:00 </dev/null
is_rc 0 "the period's daily zero report"
report=$OUT
nunits=$(printf '%s\n' "$report" | jget .unit | sort -u | wc -l)
is "$(printf '%s\n' "$report" | jget .day | uniq -c | awk '{print $1 " " $2}' | paste -sd ' ' -)" \
	"$nunits 2017-10-10 $nunits 2017-10-11 $nunits 2017-10-12 $nunits 2017-10-13" \
	"... a row for every unit ($nunits) on every day of the period"
is "$(col '.found' | tr ' ' '\n' | sort | uniq -c | awk '{print $2 "x" $1}' | paste -sd ' ' -)" \
	"0x$((4 * nunits - 4)) 1x4" "... zeros but the day the risk was found: at its unit and the three above it"
day12=$(printf '%s\n' "$report" | grep '"day":"2017-10-12"')
run "$PETITION_BIN/petition-report" --risk-daily 2017-10-12 --format jsonl </dev/null
is "$(printf '%s\n' "$day12" | jget .reported | paste -sd ' ' -)" "$(col .reported)" \
	"... 10-12 as petition-report --risk-daily counts it (reported on 10-12)"
is "$(printf '%s\n' "$day12" | grep -e '"unit":"510811"' -e '"unit":"510800"' -e '"unit":"510802"' |
	jget '.collective_cases' | paste -sd ' ' -)/$(printf '%s\n' "$report" | jget .risk_cases | grep -c 1)" \
	"1 0 1/4" "... the new collective and risk cases of 10-12 at their unit and those above it"
run prisk --roster 2017-10-10 --daily-report --unit 510802 --format csv --now 2017-10-11T18:00:00+08:00 </dev/null
is "$(printf '%s\n' "$OUT" | tr -d '\r')" '"day","unit","unit_name","found","reported","handled","collective_cases","risk_cases"
"2017-10-10","510802","利州区","0","0","0","0","0"
"2017-10-11","510802","利州区","1","0","0","0","0"' "--unit: that unit; the days up to today only; a zero row on a day of nothing"

# === the morning run ============================================================

run pesc --now 2017-10-10T08:00:00+08:00 </dev/null
is "$RC:$(acts)" "0:duty - roster 2017-10-10 -" "10-10: today's duty line, no warning (10-11 is set)"
is "$(rec duty null handler)|$(rec duty null leader)" "张三,李四|王五" "... naming the staff on duty and the leader on shift"
like "$(rec duty null rule)" "on duty \\(值班\\) 张三,李四; leader on shift \\(带班领导\\) 王五" "... in its rule"
run pesc --now 2017-10-11T08:00:00+08:00 </dev/null
is "$(acts)" "duty - roster 2017-10-11 -
roster - roster 2017-10-12 -" "10-11: the duty, and a warning for tomorrow"
like "$(rec roster null rule)" "nobody on duty .* for 2017-10-12 \\(tomorrow\\): petition-risk --roster 2017-10-10 --date 2017-10-12 --on-duty NAMES" \
	"... naming what is missing and the command that sets it"
run pesc --now 2017-10-13T08:00:00+08:00 </dev/null
is "$(acts)" "roster - roster 2017-10-13 -" "10-13, the last day: today without a roster, and no tomorrow"
like "$OUT" "no duty roster for 2017-10-13 \\(today\\)" "... said so"
run pesc --now 2017-10-09T08:00:00+08:00 </dev/null
is "$RC:$OUT" "0:" "10-09, before the period: quiet"
run pesc --now 2017-10-14T08:00:00+08:00 </dev/null
is "$RC:$OUT" "0:" "10-14, after it: quiet"
# (at 510802: the cases of 510811 are overdue by then)
run pesc --now 2018-03-01T08:00:00+08:00 --unit 510802 </dev/null
is "$RC:$OUT" "0:" "a key period with no day set here: left to the office, quiet"
is "$(dbsum)" "$sum" "the morning runs recorded nothing"

run env PATH="$PETITION_BIN:$PATH" sh "$PETITION_SHARE/escalate-digest.sh" --print \
	--now 2017-10-12T08:00:00+08:00 </dev/null
like "$OUT" "Subject: petition-escalate: 2 actions for the office on duty" \
	"the digest mails the duty lines to the office on duty"
like "$OUT" "no duty roster for 2017-10-13 \\(tomorrow\\)" "... with tomorrow's warning"

done_testing
