#!/bin/sh
# petition-mediate: pollution-damage disputes (污染损害纠纷) and their
# mediation (调解, art. 33), not cases: registered with the injured party
# (masked), the accused, the damage and the cases it came from; both parties'
# consent (the time limit starts), sessions, support, links, each an event;
# the outcome, an agreement or a failure naming the next remedy, each with
# its document from a template; the morning run's reminders of mediations
# due; lists. Refusals and bad input change nothing.
T_TOOLS="petition-mediate petition-escalate"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

pmed() { "$PETITION_BIN/petition-mediate" "$@"; }
# hist DISPUTE: action|from_step|to_step|session_day|session_place|text of each event
hist() {
	"$PETITION_BIN/petition-mediate" --show "$1" --format csv </dev/null |
		"$PYTHON" -c '
import csv, sys
for r in list(csv.reader(sys.stdin))[1:]:
    print("|".join([r[3], r[4], r[5], r[6], r[7], r[8]]))
'
}
ids() { printf '%s\n' "$OUT" | jget .id | paste -sd ' ' -; }

mk 2017-05-20 510802 --subject 化工厂废水致鱼塘死鱼
mk 2017-05-21 510802 --subject 鱼塘再次死鱼

# --- registering ---
run pmed --add --injured 李四 --injured-phone '138-0013-8000' --accused 某化工厂 \
	--damage '鱼塘死鱼，请求赔偿5万元' --unit 利州区 --case GY-2017-000001 \
	--text 双方均到场 --filed-at 2017-05-31T20:00 </dev/null
is_rc 0 "a dispute registered: exit 0"
is "$(j .id):$(j .step):$(j .unit):$(j .case_nos):$(j .sessions)" "1:filed:510802:GY-2017-000001:0" \
	"... numbered 1, at step filed, its unit's code, its case, no session"
is "$(j .injured_name):$(j .injured_phone)" "李*:138****8000" "... the injured party masked"
is "$(j .filed_at)" "2017-05-31T20:00:00+08:00" "... filed when it was said to be"
run pmed --add --injured 王五 --accused 某砖厂 --damage '粉尘污染庄稼' --unit 510811 </dev/null
is "$RC:$(j .id):$(j .injured_phone)" "0:2:null" "a second one, without a phone"

sum=$(dbsum)
for bad in "2:--accused x --damage y --unit 510802:--injured: needed to register a dispute" \
	"2:--injured a --injured-phone 12ab --accused x --damage y --unit 510802:--injured-phone: not a phone number" \
	"2:--injured a --accused x --damage y --unit 999999:--unit: \"999999\" is not a known unit" \
	"3:--injured a --accused x --damage y --unit 510802 --case GY-2017-000009:GY-2017-000009: no such case"; do
	want=${bad#*:}
	run pmed --add ${want%%:*} </dev/null
	is "$RC:$ERR" "${bad%%:*}:petition-mediate: ${want#*:}" "refused: ${want#*:}"
done
run pmed --add --injured a --accused x --damage "$(printf 'a\033[2Jb')" --unit 510802 </dev/null
is "$RC:$ERR" "3:petition-mediate: --damage: contains control characters" "a control character in the damage: exit 3"
run pmed --consent 9 </dev/null
is "$RC:$ERR" "3:petition-mediate: dispute 9: no such dispute" "no such dispute: exit 3"
run pmed --consent "$(printf 'x\001')" </dev/null
is "$RC:$ERR" '3:petition-mediate: "?": not a dispute'"'"'s number' "... nor a number with a control character, not echoed"
run pmed --session 2017-06-01 --place 村委会 1 </dev/null
is "$RC:$ERR" "4:petition-mediate: dispute 1: it is filed: both parties consent to mediate first (--consent)" \
	"a session before the consent: exit 4"
run pmed --fail --remedy court --text x 1 </dev/null
is "$RC:$ERR" '2:petition-mediate: --remedy: "court" is not one of civil_suit, arbitration, reconsideration' \
	"a bad remedy: exit 2"
run pmed --place 村委会 --consent 1 </dev/null
is "$RC:$ERR" "2:petition-mediate: --place goes with --session" "--place without --session: exit 2"
is "$(dbsum)" "$sum" "no refusal wrote anything"

# --- its course ---
export PETITION_NOW=2017-06-02T10:00:00+08:00
run pmed --consent --text 双方同意调解 1 </dev/null
is "$RC:$(j .step):$(j .consent_at):$(j .mediation_due)" "0:consented:2017-06-02T10:00:00+08:00:2017-07-02" \
	"consented: the 30 days of the policy start"
run pmed --consent 1 </dev/null
is "$RC:$ERR" "4:petition-mediate: dispute 1: it is consented: the parties consented already" "consent twice: exit 4"
run pmed --agree --text x 1 </dev/null
is "$RC:$ERR" "4:petition-mediate: dispute 1: it is consented: a session is held first (--session)" \
	"an agreement before a session: exit 4"
run pmed --session 2017-06-03 --place 村委会 1 </dev/null
is "$RC:$ERR" "2:petition-mediate: --session: 2017-06-03 is in the future" "a session in the future: exit 2"
export PETITION_NOW=2017-06-05T16:00:00+08:00
run pmed --session 2017-06-05 --place 石龙村村委会 --text 初次调解，分歧在赔偿数额 1 </dev/null
is "$RC:$(j .step):$(j .sessions)" "0:mediating:1" "a session: mediating, one session"
run pmed -q --support technical --text 提供水质监测报告 1 </dev/null
is "$RC:$OUT" "0:" "technical support given (-q: nothing printed)"
run pmed --support money --text x 1 </dev/null
is "$RC" 2 "... not a kind of support: exit 2"
run pmed --link GY-2017-000002,1 --text 同一鱼塘 1 </dev/null
is "$RC:$(j .case_nos)" "0:GY-2017-000001,GY-2017-000002" "a case linked later; one linked already skipped"

# --- the morning run reminds of the mediation due ---
run pesc --now 2017-06-28T08:00:00+08:00 --format jsonl </dev/null
is "$RC:$(printf '%s\n' "$OUT" | grep -c '"clock":"mediation"')" "0:0" "not yet within the horizon (remind_days 3)"
run pesc --now 2017-06-29T08:00:00+08:00 --format jsonl </dev/null
m=$(printf '%s\n' "$OUT" | grep '"clock":"mediation"')
is "$(printf '%s\n' "$m" | jget .action):$(printf '%s\n' "$m" | jget .case_no):$(printf '%s\n' "$m" | jget .unit):$(printf '%s\n' "$m" | jget .parent_unit):$(printf '%s\n' "$m" | jget .due):$(printf '%s\n' "$m" | jget .days_overdue)" \
	"remind:GY-2017-000001,GY-2017-000002:510802:510800:2017-07-02:-3" \
	"three days before: reminded, with the dispute's cases, unit, due date"
is "$(printf '%s\n' "$m" | jget .rule)" "mediation (调解) of dispute 1 with 某化工厂 due 2017-07-02, 3 days left: record the agreement (petition-mediate --agree 1) or end it naming the next remedy (petition-mediate --fail 1)" \
	"... saying what to run"
lacks "$OUT" "李" "... never naming the injured party"
run pesc --now 2017-07-04T08:00:00+08:00 --unit 510811 --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"clock":"mediation"')" 0 "... not for another unit"

# --- the agreement ---
mkdir "$T_DIR/tpl"
printf '{{nope}}\n' >"$T_DIR/tpl/mediation_agreement.txt"
sum=$(dbsum)
run pmed --agree --text 赔偿3万元 --templates "$T_DIR/tpl" 1 </dev/null
is "$RC:$ERR" "3:petition-mediate: mediation_agreement: {{nope}} is not a field" "a template with an unknown field: exit 3"
is "$(dbsum)" "$sum" "... and nothing recorded"
export PETITION_NOW=2017-06-10T10:00:00+08:00
run pmed --agree --text '被申请人于6月30日前赔偿3万元' 1 </dev/null
is "$RC" 0 "the agreement: exit 0"
contains "$OUT" "环境污染损害纠纷调解协议书" "... titled 调解协议书"
contains "$OUT" "申请人（受害方）：李*" "... the injured party masked"
contains "$OUT" "被申请人：某化工厂" "... the accused"
contains "$OUT" "2017-06-05，石龙村村委会：初次调解，分歧在赔偿数额" "... each session"
contains "$OUT" "技术支持：提供水质监测报告" "... the support given"
contains "$OUT" "被申请人于6月30日前赔偿3万元" "... the terms"
contains "$OUT" "GY-2017-000001,GY-2017-000002" "... the cases"
lacks "$OUT" "{{" "... no placeholder left"
is "$(hist 1)" "filed||filed|||双方均到场
link|filed|filed|||GY-2017-000001
consent|filed|consented|||双方同意调解
session|consented|mediating|2017-06-05|石龙村村委会|初次调解，分歧在赔偿数额
support|mediating|mediating|||technical: 提供水质监测报告
link|mediating|mediating|||GY-2017-000002: 同一鱼塘
agreement|mediating|agreed|||被申请人于6月30日前赔偿3万元" "each step is an event of the dispute, with its text"
run pmed --fail --remedy civil_suit --text x 1 </dev/null
is "$RC:$ERR" "4:petition-mediate: dispute 1: it is agreed: its mediation is over" "nothing after the outcome: exit 4"

# --- a failure, with the next remedy ---
run pmed -q --consent 2 </dev/null
run pmed --fail --remedy 仲裁 --text 双方分歧较大 --with-personal-data 2 </dev/null
is "$RC" 0 "a failure, the remedy by its Chinese name: exit 0"
contains "$OUT" "环境污染损害纠纷调解终止告知书" "... the notice"
contains "$OUT" "王五：" "... to the injured party, named with --with-personal-data"
contains "$OUT" "调解不成的原因：双方分歧较大" "... the reason"
contains "$OUT" "可依据双方的仲裁协议向仲裁机构申请仲裁（仲裁）" "... naming the next remedy"
run pesc --now 2017-07-20T08:00:00+08:00 --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '"clock":"mediation"')" 0 "the morning run reminds of an ended mediation no more"

# --- lists ---
run pmed --format jsonl </dev/null
is "$RC:$(ids)" "0:1 2" "every dispute, oldest first"
run pmed --list --step failed --remedy arbitration --unit 510800 --format jsonl </dev/null
is "$(ids):$(j .remedy):$(j .outcome_at)" "2:arbitration:2017-06-10T10:00:00+08:00" "by step, remedy and unit (and the units under it)"
run pmed --to 2017-05-31 --format csv </dev/null
is "$(printf '%s\n' "$OUT" | tr -d '"\r')" "id,filed_at,injured_name,injured_phone,accused,damage,unit,unit_name,step,case_nos,consent_at,mediation_due,sessions,remedy,outcome_at
1,2017-05-31T20:00:00+08:00,李*,138****8000,某化工厂,鱼塘死鱼，请求赔偿5万元,510802,利州区,agreed,GY-2017-000001,GY-2017-000002,2017-06-02T10:00:00+08:00,2017-07-02,1,,2017-06-10T10:00:00+08:00" \
	"csv: the header, and the one filed by 31 May, masked"
run pmed --format table --header zh --with-personal-data </dev/null
contains "$OUT" "受害方" "a table with Chinese headers"
contains "$OUT" "同意调解时间" "... a time column's heading whole"
contains "$OUT" "13800138000" "... the phone with --with-personal-data"
contains "$OUT" "调解不成" "... the steps by name"
run pmed --list --show 1 </dev/null
is "$RC:$ERR" "2:petition-mediate: one of --list, --add, --consent, --session, --agree, --fail, --support, --link, --show, --report at a time" \
	"--list and another mode: exit 2"
run pmed --from 2017-02-30 </dev/null
is "$RC:$ERR" "2:petition-mediate: --from: \"2017-02-30\" is not a date (YYYY-MM-DD)" "a bad date: exit 2"
run pmed --show 1 --format jsonl </dev/null
is "$(j .injured_name):$(j '.history|length'):$(j '.history[3].actor')" "李*:7:tester" "--show: the dispute, masked, and its history"

# --- the report: a row for every unit (零报告), each counting the units under it ---
# by 30 June: dispute 1 (510802) filed 31 May, consented 2 June, supported 5
# June, agreed 10 June; 2 (510811) filed 1 June, consented and failed 10 June;
# 3 (510811) filed and consented 20 June (due 20 July), still open
run pmed -q --add --injured 赵六 --accused 某电镀厂 --damage 废水污染农田 --unit 510811 \
	--filed-at 2017-06-20T09:00 --now 2017-06-20T15:00:00+08:00 </dev/null
run pmed -q --consent --now 2017-06-20T15:00:00+08:00 3 </dev/null
is "$RC:$(pmed --list --step consented --format jsonl </dev/null | jget .mediation_due)" "0:2017-07-20" \
	"a third dispute, consented on 20 June"
sum=$(dbsum)
run pmed --report --from 2017-06-01 --to 2017-06-30 --unit 510800 --format csv </dev/null
is "$RC:$(printf '%s\n' "$OUT" | tr -d '"\r')" "0:unit,unit_name,disputes_filed,consented,agreed,failed,open_at_end,overdue_at_end,support_given
510800,广元市生态环境局,2,3,1,1,1,0,1
510802,利州区,0,1,1,0,0,0,1
510811,昭化区,2,2,0,1,1,0,0
510812,朝天区,0,0,0,0,0,0,0
510821,旺苍县,0,0,0,0,0,0,0
510822,青川县,0,0,0,0,0,0,0
510823,剑阁县,0,0,0,0,0,0,0
510824,苍溪县,0,0,0,0,0,0,0" \
	"--report: June by unit, in the tree's order, the quiet units rows of zeros; the city counts its counties"
run pmed --report --to 2017-07-21 --unit 昭化区 --format jsonl </dev/null
is "$OUT" '{"unit":"510811","unit_name":"昭化区","disputes_filed":2,"consented":2,"agreed":0,"failed":1,"open_at_end":1,"overdue_at_end":1,"support_given":0}' \
	"--unit alone, from the first: overdue at the end once its due date has passed"
run pmed --report --to 2017-07-20 --unit 510811 --format jsonl </dev/null
is "$(j .open_at_end):$(j .overdue_at_end)" "1:0" "... not on the due date itself"
run pmed --report --from 2017-05-31 --to 2017-05-31 --unit 510800 --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | head -2 | jget .disputes_filed | paste -sd ' ' -):$(printf '%s\n' "$OUT" | head -1 | jget .open_at_end)" \
	"1 1:1" "a day's period: 31 May 20:00 (12:00 UTC) is 31 May, open at its end"
run pmed --report --from 2017-06-01 --to 2017-06-01 --unit 510800 --format jsonl </dev/null
is "$(printf '%s\n' "$OUT" | head -3 | jget .disputes_filed | paste -sd ' ' -):$(printf '%s\n' "$OUT" | head -1 | jget .open_at_end)" \
	"1 0 1:2" "... and 1 June has the one filed that day, both open at its end"
run pmed --report --unit 510802 --header zh --format csv </dev/null
is "$(printf '%s\n' "$OUT" | tr -d '"\r' | sed 's/^\xef\xbb\xbf//')" "单位代码,单位,登记纠纷数,同意调解数,达成协议数,调解不成数,期末未结数,期末超期数,提供支持数
510802,利州区,1,1,1,0,0,0,1" "--header zh; by default up to today (10 June)"
run pmed --report --unit 510811 --format xlsx </dev/null
is "$RC:$("$PYTHON" -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/")).decode()
print(all(h in xml for h in ("open_at_end", "overdue_at_end", "support_given")))' "$T_DIR/out")" "0:True" \
	"--format xlsx: a workbook of the report"
run pmed --report --to 2017-06-31 </dev/null
is "$RC:$ERR" "2:petition-mediate: --to: \"2017-06-31\" is not a date (YYYY-MM-DD)" "--report: a bad date: exit 2"
run pmed --report --from 2017-06-02 --to 2017-06-01 </dev/null
is "$RC:$ERR" "2:petition-mediate: --from 2017-06-02 is after --to 2017-06-01" "... a period backwards: exit 2"
run pmed --report --step agreed </dev/null
is "$RC:$ERR" "2:petition-mediate: --step and --due-by go with a list" "... --step is a list's: exit 2"
is "$(dbsum)" "$sum" "the report wrote nothing"

done_testing
