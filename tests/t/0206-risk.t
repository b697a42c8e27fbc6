#!/bin/sh
# petition-risk: the register of risks (风险), not cases: registered, moved
# along found, verified, reported, handled, closed one step at a time (each
# an event), cases linked, the urgent major matter report made once, the
# morning run's list of urgent risks not reported, a case's risk flag set and
# cleared with a reason; and the zero reports of risks (petition-report
# --risk-daily, --risk-weekly, --risk-monthly). Bad input changes nothing.
T_TOOLS="petition-risk petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

prisk() { "$PETITION_BIN/petition-risk" "$@"; }
preport() { "$PETITION_BIN/petition-report" "$@"; }
# hist RISK: action|from_step|to_step|text of each event of the risk
hist() {
	"$PETITION_BIN/petition-risk" --show "$1" --format csv </dev/null |
		"$PYTHON" -c '
import csv, sys
for r in list(csv.reader(sys.stdin))[1:]:
    print("|".join([r[3], r[4], r[5], r[6]]))
'
}
pverify() { "$PETITION_BIN/petition-verify" "$@"; }
rjson() { prisk --show "$1" --format jsonl </dev/null | jget "$2"; }

mk 2017-05-20 510802 --subject 反对建垃圾焚烧厂 --headcount 8
mk 2017-05-21 510811 --subject 化工厂异味
mk 2017-05-22 510802 --subject 噪声

# --- registering ---
run prisk --add --matter 垃圾焚烧发电厂选址 --kind nimby --source letters_visits \
	--unit 利州区 --level major --case GY-2017-000001 --text 村民聚集反对 \
	--found-at 2017-05-31T20:00 </dev/null
is_rc 0 "a risk registered: exit 0"
is "$(j .id):$(j .step):$(j .unit):$(j .risk_level):$(j .case_nos)" "1:found:510802:major:GY-2017-000001" \
	"... numbered 1, at step found, its unit's code, its level, its case"
is "$(j .found_at)" "2017-05-31T20:00:00+08:00" "... found when it was said to be"
run prisk --add --matter 网上热议化工厂异味 --kind 网络舆情 --source online_opinion --unit 510811 \
	--now 2017-06-01T10:00:00+08:00 </dev/null
is "$RC:$(j .risk_kind):$(j .risk_level)" "0:online_opinion:general" "a kind by its Chinese name; the level general by default"

sum=$(dbsum)
for bad in "--kind nimby --source media --unit 510802:--matter: needed to register a risk" \
	"--matter x --source media --unit 510802:--kind: needed to register a risk" \
	"--matter x --kind bogus --source media --unit 510802:--kind: \"bogus\" is not one of nimby, pollution_incident, collective, online_opinion, other" \
	"--matter x --kind nimby --source tv --unit 510802:--source: \"tv\" is not one of letters_visits, hotline, online_opinion, enforcement, media" \
	"--matter x --kind nimby --source media --unit 510802 --level huge:--level: \"huge\" is not one of general, serious, major" \
	"--matter x --kind nimby --source media --unit 999999:--unit: \"999999\" is not a known unit" \
	"--matter x --kind nimby --source media --unit 510802 --found-at 2017-13-01:--found-at: \"2017-13-01\" is not a date or time" \
	"--matter x --kind nimby --source media --unit 510802 --found-at 2017-07-01:--found-at: 2017-07-01 is in the future"; do
	run prisk --add ${bad%%:*} </dev/null
	is "$RC:$ERR" "2:petition-risk: ${bad#*:}" "refused, exit 2: ${bad#*:}"
done
run prisk --add --matter x --kind nimby --source media --unit 510802 --case GY-2017-000009 </dev/null
is "$RC" 3 "an unknown case to link: exit 3"
run prisk --add --matter "$(printf 'a\001b')" --kind nimby --source media --unit 510802 </dev/null
is "$RC" 3 "a matter with a control character: exit 3"
run prisk --step found --add --matter x </dev/null
is "$RC" 2 "a list's option with --add: exit 2"
run prisk --move verified </dev/null
is "$RC:$ERR" "2:petition-risk: one risk, please (see --help)" "--move without a risk: exit 2"
run prisk --move verified 7 </dev/null
is "$RC:$ERR" "3:petition-risk: risk 7: no such risk" "--move of no such risk: exit 3"
run prisk --move verified x1 </dev/null
is "$RC" 3 "... nor of a risk named by anything but its number"
is "$(dbsum)" "$sum" "no refusal wrote anything"

# --- its course ---
run prisk --move reported 1 </dev/null
is "$RC:$ERR" "4:petition-risk: risk 1: it is found: it is verified first" "a step skipped: exit 4"
run prisk --move verified --text 现场核实 --now 2017-06-01T11:00:00+08:00 1 </dev/null
is "$RC:$(j .step)" "0:verified" "found -> verified"
run prisk --move found 1 </dev/null
is "$RC:$ERR" "4:petition-risk: risk 1: it is verified: a risk does not go back to found" "back: exit 4"
run prisk --move verified 1 </dev/null
is "$RC:$ERR" "4:petition-risk: risk 1: it is verified already" "the same step again: exit 4"
run prisk --move bogus 1 </dev/null
is "$RC" 2 "no such step: exit 2"
run prisk --link GY-2017-000003,1 --text 同一地块 1 </dev/null
is "$RC:$(j .case_nos)" "0:GY-2017-000001,GY-2017-000003" "a case linked later; one linked already skipped"
is "$(hist 1)" "found||found|村民聚集反对
link|found|found|GY-2017-000001
step|found|verified|现场核实
link|verified|verified|GY-2017-000003: 同一地块" "each step and link is an event of the risk, with its text"
is "$(rjson 1 '.history[2].actor'):$(rjson 1 '.history[2].at')" "tester:2017-06-01T11:00:00+08:00" \
	"... with the actor and the time"

# --- the morning run lists the urgent risk not reported ---
run pesc --format jsonl </dev/null
is "$RC" 0 "the morning run: exit 0"
urgent=$(printf '%s\n' "$OUT" | grep '"action":"urgent"')
is "$(printf '%s\n' "$urgent" | jget .case_no):$(printf '%s\n' "$urgent" | jget .unit):$(printf '%s\n' "$urgent" | jget .parent_unit):$(printf '%s\n' "$urgent" | jget .due):$(printf '%s\n' "$urgent" | jget .days_overdue)" \
	"GY-2017-000001,GY-2017-000003:510802:510800:2017-05-31:1" \
	"... lists the urgent major risk not reported, in its schema"
like "$(printf '%s\n' "$urgent" | jget .rule)" "petition-risk --urgent 1" "... saying what to run"
run pesc --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"action":"urgent"')" 1 "... and again the same on a second run"
run pesc --unit 510811 --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"action":"urgent"')" 0 "... not for another unit"

# --- the urgent report ---
mkdir "$T_DIR/tpl"
printf '{{nope}}\n' >"$T_DIR/tpl/urgent.txt"
sum=$(dbsum)
run prisk --urgent --templates "$T_DIR/tpl" 1 </dev/null
is "$RC:$ERR" "3:petition-risk: urgent: {{nope}} is not a field" "a template with an unknown field: exit 3"
is "$(dbsum)" "$sum" "... and nothing recorded"
run prisk --urgent 1 </dev/null
is "$RC" 0 "the urgent major matter report: exit 0"
contains "$OUT" "重大紧急事项报告" "... titled"
contains "$OUT" "利州区所在地人民政府、广元市生态环境局" "... to the government and the level above"
contains "$OUT" "“垃圾焚烧发电厂选址”（邻避，风险等级：重大）" "... the matter, kind and level by name"
contains "$OUT" "2017-05-31 20:00" "... when it was found"
lacks "$OUT" "{{" "... no placeholder left"
is "$(hist 1 | tail -1)" "urgent_report|verified|verified|重大紧急事项报告：报本级人民政府和广元市生态环境局" \
	"... recorded as an event of the risk"
is "$(rjson 1 .urgent_at)" "2017-06-01T09:00:00+08:00" "... and its time"
run prisk --urgent 1 </dev/null
is "$RC:$ERR" "4:petition-risk: risk 1: its urgent report was made already (see its history)" \
	"a second report: exit 4"
run pesc --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"action":"urgent"')" 0 "the morning run lists it no more"

# --- to the end ---
for s in reported handled closed; do
	prisk -q --move $s --now 2017-06-0${n:=2}T10:00:00+08:00 1 </dev/null || fail "--move $s"
	n=$((n + 1))
done
is "$(rjson 1 .step)" "closed" "reported, handled, closed in turn"
run prisk --move handled 1 </dev/null
is "$RC" 4 "nothing after closed"

# --- lists ---
run prisk --format jsonl </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .id | paste -sd ' ' -)" "0:1 2" "every risk, oldest first"
run prisk --unit 510800 --step closed --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | jget .id | paste -sd ' ' -)" "1" "by unit (with the units under it) and step"
run prisk --kind online_opinion --level general --from 2017-06-01 --to 2017-06-01 --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | jget .id | paste -sd ' ' -)" "2" "by kind, level and the day found"
run prisk --to 2017-05-31 --format csv </dev/null
is "$(printf '%s\n' "$OUT" | head -1 | tr -d '"\r')" "id,found_at,matter,risk_kind,risk_source,risk_level,step,unit,unit_name,case_nos,urgent_at" "csv: the header"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 2 "... and one risk found by 31 May"
run prisk --format table --header zh </dev/null
contains "$OUT" "项目或事项" "a table with Chinese headers"
contains "$OUT" "邻避" "... and the kinds by name"
run prisk --from 2017-02-30 </dev/null
is "$RC:$ERR" "2:petition-risk: --from: \"2017-02-30\" is not a date (YYYY-MM-DD)" "a bad date: exit 2"
run prisk --show 1 --format table </dev/null
contains "$OUT" "history" "--show in a table: the risk and its history"

# --- a case's risk flag ---
run prisk --flag GY-2017-000002 </dev/null
is "$RC:$ERR" "2:petition-risk: --reason: needed with --flag" "--flag without a reason: exit 2"
run prisk --flag --reason 涉及群体性风险 GY-2017-000002 </dev/null
is "$RC:$(cf 2 .risk)" "0:true" "the flag set"
is "$(history 2 action details.reason | tail -1)" "correct|涉及群体性风险" "... an event of the case, with the reason"
run prisk --flag --reason again GY-2017-000002 </dev/null
is "$RC:$ERR" "4:petition-risk: GY-2017-000002: its risk flag is set already" "set twice: exit 4"
run prisk --unflag --reason 经核实无风险 GY-2017-000002 </dev/null
is "$RC:$(cf 2 .risk)" "0:false" "the flag cleared, with a reason"
run pverify </dev/null
is "$RC" 0 "the history still verifies"

# --- the zero reports of risks ---
run preport --risk-daily 2017-06-01 --unit 510800 --format csv </dev/null
is "$RC:$(printf '%s\n' "$OUT" | tr -d '\r')" '0:"unit","unit_name","found","reported","handled"
"510800","广元市生态环境局","1","0","0"
"510802","利州区","0","0","0"
"510811","昭化区","1","0","0"
"510812","朝天区","0","0","0"
"510821","旺苍县","0","0","0"
"510822","青川县","0","0","0"
"510823","剑阁县","0","0","0"
"510824","苍溪县","0","0","0"' "--risk-daily: every unit a row, zeros included; a unit counts those under it"
run preport --risk-weekly 2017-06-01 --unit 510802 --format jsonl </dev/null
is "$OUT" '{"unit":"510802","unit_name":"利州区","found":1,"reported":1,"handled":1}' \
	"--risk-weekly: found, reported and handled in the week (Monday to Sunday)"
run preport --risk-monthly 2017-05 --unit 510802 --format jsonl </dev/null
is "$OUT" '{"unit":"510802","unit_name":"利州区","found":1,"reported":0,"handled":0}' "--risk-monthly"
run preport --risk-monthly 2017-04 --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"found":0,"reported":0,"handled":0')" 10 "a month without risks: every unit a row of zeros"
run preport --risk-daily 2017-06-31 </dev/null
is "$RC:$ERR" '2:petition-report: --risk-daily: "2017-06-31" is not a date' "a bad date: exit 2"
run preport --risk-daily 2017-06-01 --measures found </dev/null
is "$RC" 2 "--measures does not go with it"
run preport --risk-daily 2017-06-01 --daily 2017-06-01 </dev/null
is "$RC" 2 "nor another report"

done_testing
