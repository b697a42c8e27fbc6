#!/bin/sh
# petition-visit: leaders' receptions and visits recorded once and in the
# history of every case they concerned, cases registered at a reception
# (petition-add --visit), the listing and its filters, the reception
# schedule, its notice, the report of visits per unit, leader and kind
# (zero rows included), the copy of all of it, and malformed input.
T_TOOLS="petition-visit"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

pvisit() { "$PETITION_BIN/petition-visit" "$@"; }
preport() { "$PETITION_BIN/petition-report" "$@"; }
pverify() { "$PETITION_BIN/petition-verify" "$@"; }
pcopy() { "$PETITION_BIN/petition-copy" "$@"; }
# visits [OPTIONS]: the listing as id|kind|date|leader|unit|cases, one a line
visits() {
	qvisit=${PETITION_PROBE_BIN:-$PETITION_BIN}/petition-visit
	"$qvisit" --list --format jsonl "$@" </dev/null |
		"$PYTHON" -c 'import json, sys
for l in sys.stdin:
    v = json.loads(l)
    print("|".join(str(v[k]) for k in ("id", "visit_kind", "visit_date", "visit_leader", "unit", "case_nos")))'
}

mk 2017-05-02 510802 --petitioner-name 张三        # 1
mk 2017-05-03 510811                              # 2
mk 2017-05-04 510800                              # 3

# --- recording a visit --------------------------------------------------------

sum=$(dbsum)
run pvisit --kind reception --leader 孙建国 --post 局长 --unit 510800 --place 局信访接待室 \
	--case 1 --case GY-2017-000002 --people '张三、李四' --decision '责令企业限期整改' \
	--date 2017-05-20 --format jsonl </dev/null
is_rc 0 "a reception recorded"
is "$(j .id):$(j .visit_kind):$(j .visit_date):$(j .visit_leader):$(j .post):$(j .unit):$(j .unit_name)" \
	"1:reception:2017-05-20:孙建国:局长:510800:广元市生态环境局" "... printed with its number, kind, day, leader, post and unit"
is "$(j .case_nos)" "GY-2017-000001,GY-2017-000002" "... and the cases it concerned"
is "$(j .people)" "张****" "the people met are masked"
lacks "$OUT" "李四" "... not shown"
isnt "$(dbsum)" "$sum" "it was written"
is "$(qshow --format jsonl 1 </dev/null | t_case history)" "register|-|registered|tester
visit|registered|registered|tester" "case 1's history has the visit, its status unchanged"
is "$(qshow --format jsonl 2 </dev/null | t_case history details.visit details.visit_kind details.visit_leader details.visit_unit)" \
	"-|-|-|-
1|reception|孙建国|510800" "... and case 2's, naming the visit, its kind, leader and unit"
lacks "$(qshow --format jsonl --with-personal-data 1 </dev/null)" "李四" "no history carries the people met"
is "$(qshow --format jsonl 3 </dev/null | t_case events visit)" 0 "a case not named has no visit event"
run pverify </dev/null
is_rc 0 "the history verifies with the visit events"

run pvisit --list --with-personal-data --format jsonl </dev/null
is "$(j .people)" "张三、李四" "--with-personal-data shows the people met"

# cases on stdin, a case named twice, Chinese kind names, the office's unit
punit --office 510802 </dev/null >/dev/null
printf '3\nGY-2017-000003\n' | run pvisit --kind 带案下访 -L 李明 --format jsonl; reload
is_rc 0 "a field visit with its cases on stdin, in Chinese"
is "$(j .id):$(j .visit_kind):$(j .unit):$(j .visit_date):$(j .case_nos)" "2:field:510802:2017-06-01:GY-2017-000003" \
	"... the office's unit, today, a case named twice linked once"
is "$(qshow --format jsonl 3 </dev/null | t_case events visit)" 1 "... one visit event"
plist --format jsonl --unit 510811 </dev/null | run pvisit --kind follow_up -L 王五 --unit 510811; reload
is "$RC:$(j .case_nos)" "0:GY-2017-000002" "petition-list's records piped in"

# --- a reception day registers new cases on the spot ----------------------------

run padd --visit 1 --received-at 2017-05-20T10:00 --channel visit --unit 510800 \
	--subject '现场登记' --format jsonl </dev/null
is_rc 0 "petition-add --visit registers a case at the reception"
is "$(qshow --format jsonl 4 </dev/null | t_case history)" "register|-|registered|tester
visit|registered|registered|tester" "... with the visit in its history"
printf 'received_at,channel,unit,subject\n2017-05-20,visit,510800,a\n2017-05-20,visit,510800,b\n' |
	run padd --visit 1 -q; reload
is_rc 0 "two more from a CSV"
is "$(visits --leader 孙建国 | cut -d'|' -f6)" "GY-2017-000001,GY-2017-000002,GY-2017-000004,GY-2017-000005,GY-2017-000006" \
	"... all linked to the visit"
sum=$(dbsum)
printf 'received_at,channel,unit,subject\n2017-05-20,visit,510800,a\n' | run padd --visit 99 -k -q; reload
is_rc 2 "--visit 99: no such visit, exit 2"
is "$ERR" "petition-add: --visit: 99: no such visit (see petition-visit --list)" "... saying so"
is "$(dbsum)" "$sum" "... and nothing added, even with -k"
run padd --visit x --received-at 2017-05-20 --channel visit --unit 510800 --subject s </dev/null
is_rc 2 "--visit x: exit 2"

# --- malformed input ------------------------------------------------------------

sum=$(dbsum)
run pvisit --kind bogus -L x --unit 510800 </dev/null
is "$RC:$ERR" "2:petition-visit: --kind: \"bogus\" is not one of reception, field, appointment, home, follow_up" "an unknown kind: exit 2"
run pvisit --leader x --unit 510800 </dev/null
is "$RC:$ERR" "2:petition-visit: --kind: required to record a visit (see --help)" "no kind: exit 2"
run pvisit --kind home --unit 510800 </dev/null
is "$RC:$ERR" "2:petition-visit: --leader: required to record a visit (see --help)" "no leader: exit 2"
run pvisit --kind home -L x --date 2017-02-30 </dev/null
is "$RC:$ERR" "2:petition-visit: --date: \"2017-02-30\" is not a date" "a bad date: exit 2"
run pvisit --kind home -L x --date 2017-06-02 </dev/null
like "$RC:$ERR" "^2:petition-visit: --date: 2017-06-02 is after today" "a day after today: exit 2"
run pvisit --kind home -L x --unit 999999 </dev/null
is "$RC:$ERR" "2:petition-visit: --unit: \"999999\" is not a known unit" "an unknown unit: exit 2"
run pvisit --kind home -L "$(printf 'a\033b')" </dev/null
is_rc 3 "a control character in the leader's name: exit 3"
run pvisit --kind home -L x --case 1 --case 99 </dev/null
is "$RC:$ERR" "3:petition-visit: --case: 99: no such case" "no such case: exit 3"
printf '1\nGY-2099-000001\n' | run pvisit --kind home -L x; reload
is "$RC:$ERR" "3:petition-visit: line 2: GY-2099-000001: no such case" "... on stdin, with its line"
run pvisit --kind home -L x --case 1 extra </dev/null
is_rc 2 "an operand: exit 2"
run pvisit --list --schedule </dev/null
is_rc 2 "two modes: exit 2"
run pvisit --list --from 2017-13-01 </dev/null
is "$RC:$ERR" "2:petition-visit: --from: \"2017-13-01\" is not a date" "--list --from: a bad date, exit 2"
run pvisit --list --kind field,nope </dev/null
is_rc 2 "--list --kind: an unknown kind, exit 2"
p_handle -q --void --reason '重复登记' 6 </dev/null
sum=$(dbsum)
run pvisit --kind home -L x --case 1 --case 6 </dev/null
like "$RC:$ERR" "^4:petition-visit: --case: GY-2017-000006: it is voided" "a voided case: exit 4"
is "$(dbsum)" "$sum" "nothing of a refused or bad visit was written"
run pvisit --kind home -L x --case 1 --dry-run --format jsonl </dev/null
is "$RC:$(j .visit_kind):$(j .case_nos)" "0:home:GY-2017-000001" "--dry-run prints the visit"
is "$(dbsum)" "$sum" "... and writes nothing"

# --- the listing ------------------------------------------------------------------

is "$(visits | cut -d'|' -f1-5)" "1|reception|2017-05-20|孙建国|510800
2|field|2017-06-01|李明|510802
3|follow_up|2017-06-01|王五|510811" "--list: every visit, by date"
is "$(visits --leader 李明 | cut -d'|' -f1)" 2 "--leader"
is "$(visits --kind reception,follow_up | cut -d'|' -f1 | paste -sd, -)" "1,3" "--kind, a comma list"
is "$(visits --unit 510800 | cut -d'|' -f1 | paste -sd, -)" "1,2,3" "--unit: the city and the units under it"
is "$(visits --unit 利州区 | cut -d'|' -f1)" 2 "--unit by name: that county alone"
is "$(visits --from 2017-05-21 --to 2017-06-01 | cut -d'|' -f1 | paste -sd, -)" "2,3" "--from, --to"
is "$(visits --to 2017-05-19)" "" "... none before"
run pvisit --list --format csv --header zh </dev/null
like "$(printf '%s\n' "$OUT" | head -1)" '^"编号","接访方式","接访日期","接访领导","职务","单位代码","单位","接访地点","涉及信访件"' "CSV, Chinese headers"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 4 "... a row a visit"
run pvisit --list --format table </dev/null
like "$OUT" 'reception +2017-05-20 +孙建国' "a table"

# --- the reception schedule -----------------------------------------------------

cat >"$T_DIR/s.csv" <<'CSV'
visit_leader,post,unit,place,days,hours
孙建国,局长,510800,局信访接待室,"mon,周三,2017-06-05",09:00-12:00
李明,副局长,利州区,区政务中心,weekdays,"09:00-12:00,14:30-17:30"
CSV
run pvisit --schedule "$T_DIR/s.csv" --format csv </dev/null
is_rc 0 "a schedule loaded"
is "$(printf '%s\n' "$OUT" | tr -d '\r')" '"visit_leader","post","unit","place","days","hours"
"孙建国","局长","510800","局信访接待室","mon,wed,2017-06-05","09:00-12:00"
"李明","副局长","510802","区政务中心","weekdays","09:00-12:00,14:30-17:30"' "... printed, its units as codes and days as codes"
run pvisit --schedule --format jsonl </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .visit_leader | paste -sd, -)" "0:孙建国,李明" "--schedule alone prints it"
run pvisit --notice </dev/null
is_rc 0 "--notice"
contains "$OUT" "孙建国（局长）：周一、周三、2017-06-05 09:00-12:00，局信访接待室（广元市生态环境局）" "... a line a row, its days in words"
contains "$OUT" "李明（副局长）：工作日 09:00-12:00 14:30-17:30，区政务中心（利州区）" "... hours and unit names"
like "$(printf '%s\n' "$OUT" | head -1)" '^利州区领导干部接访安排公告$' "... headed by the office's name"
lacks "$OUT" "{{" "... no placeholder left"
mkdir "$T_DIR/tpl"
printf '{{unit_name}}\n{{rows}}{{date}}\n' >"$T_DIR/tpl/schedule.txt"
printf '{{visit_leader}} {{days}}\n' >"$T_DIR/tpl/schedule_row.txt"
run pvisit --notice --templates "$T_DIR/tpl" </dev/null
is "$RC:$OUT" "0:利州区
孙建国 周一、周三、2017-06-05
李明 工作日
2017-06-01" "--templates: the office's own templates"
printf '{{nope}}\n' >"$T_DIR/tpl/schedule_row.txt"
run pvisit --notice --templates "$T_DIR/tpl" </dev/null
is "$RC:$OUT:$ERR" "3::petition-visit: schedule_row: {{nope}} is not a field" "an unknown placeholder: exit 3, nothing printed"

sum=$(dbsum)
cat >"$T_DIR/bad.csv" <<'CSV'
visit_leader,post,unit,place,days,hours
,局长,510800,局信访接待室,mon,09:00-12:00
孙建国,局长,999,局信访接待室,mon,09:00-12:00
孙建国,局长,510800,x,someday,09:00-12:00
孙建国,局长,510800,x,mon,12:00-09:00
CSV
run pvisit --schedule "$T_DIR/bad.csv" </dev/null
is_rc 3 "a bad schedule: exit 3"
is "$ERR" 'petition-visit: line 2: visit_leader: required
petition-visit: line 3: unit: "999" is not a known unit
petition-visit: line 4: days: not a weekday (mon..sun, weekdays, daily) or a date ("someday")
petition-visit: line 5: hours: not a list of HH:MM-HH:MM ("12:00-09:00")' "... every bad row named by its line"
is "$(dbsum)" "$sum" "... and the schedule there was is kept"
printf '{"visit_leader":"王","unit":"510800","place":"p","days":"daily","hours":"08:00"}\n' | run pvisit --schedule -; reload
is "$RC:$ERR" '3:petition-visit: line 1: hours: not a list of HH:MM-HH:MM ("08:00")' "JSON Lines, a bad row"
printf '{"visit_leader":"王",\n' | run pvisit --schedule -; reload
is_rc 3 "malformed JSON: exit 3"
: | run pvisit --schedule -; reload
is "$RC:$ERR" "3:petition-visit: no rows: a schedule has one row or more" "no rows: exit 3"
run pvisit --schedule "$T_DIR/none.csv" </dev/null
is_rc 3 "a missing file: exit 3"
is "$(dbsum)" "$sum" "nothing of a bad schedule was written"
printf '{"visit_leader":"王","unit":"510800","place":"p","days":"daily","hours":"08:00-09:00"}\n' |
	run pvisit --schedule - --dry-run --format jsonl; reload
is "$RC:$(j .days)" "0:daily" "--dry-run prints the schedule it would load"
is "$(dbsum)" "$sum" "... and writes nothing"
printf '{"visit_leader":"王","unit":"510800","place":"p","days":"daily","hours":"08:00-09:00"}\n' |
	run pvisit --schedule - --format jsonl; reload
is "$RC:$(printf '%s\n' "$OUT" | jget .visit_leader)" "0:王" "a new schedule replaces the old"
run pvisit --notice </dev/null
contains "$OUT" "
王：每天 08:00-09:00，p（广元市生态环境局）
" "... and its notice: a leader without a post"

# --- the report -------------------------------------------------------------------

run preport --visits --format csv </dev/null
is_rc 0 "petition-report --visits"
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
is "$(printf '%s\n' "$OUT" | head -1)" '"unit","unit_name","visit_leader","reception","field","appointment","home","follow_up","visits"' "... its columns"
contains "$OUT" '"510800","广元市生态环境局","孙建国","1","0","0","0","0","1"' "... a row per unit and leader"
contains "$OUT" '"510802","利州区","李明","0","1","0","0","0","1"' "... at the leader's unit"
contains "$OUT" '"510812","朝天区",,"0","0","0","0","0","0"' "... and a zero row for a unit with none"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 11 "... every unit a row (10 units)"
run preport --visits --unit 510800 --from 2017-06-01 --to 2017-06-30 --format csv </dev/null
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
is "$(printf '%s\n' "$OUT" | grep -c '"1"$')" 2 "--unit, --from, --to: June's two visits"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 9 "... the city and its seven counties"
run preport --visits --by unit </dev/null
is_rc 2 "--visits --by: exit 2"
run preport --visits --overdue </dev/null
is_rc 2 "--visits with a list: exit 2"
run preport --visits --from 2017-02-30 </dev/null
is_rc 2 "--visits --from: a bad date, exit 2"

# --- a copy keeps every visit, link and schedule row ------------------------------

before=$(visits; pvisit --schedule --format jsonl </dev/null)
run pcopy --from "$PETITION_DB" --to "$T_DIR/copy.db" </dev/null
is_rc 0 "petition-copy"
like "$OUT" '"copied":"visits","rows":3,' "... the visits"
like "$OUT" '"copied":"visit_cases","rows":7,' "... their cases"
like "$OUT" '"copied":"reception_schedule","rows":1,' "... the schedule"
is "$(PETITION_DB=$T_DIR/copy.db; export PETITION_DB; visits; pvisit --schedule --format jsonl </dev/null)" "$before" \
	"the copy lists the same visits and schedule"
run pvisit --db "$T_DIR/copy.db" --kind home -L 新 --unit 510800 --format jsonl </dev/null
is "$RC:$(j .id)" "0:4" "the copy numbers visits on"

# --- the report's measure: backlog cases a leader's visit concerned ----------------

mk 2017-01-05 510802                              # 7
mk 2017-01-06 510802                              # 8
pesc </dev/null >/dev/null                        # both open more than 90 days: backlog
pvisit --kind home -L 李明 --unit 510802 --case 7 </dev/null >/dev/null
rate() {
	preport --format csv --unit 510802 --measures backlog_visited_rate "$@" </dev/null |
		tail -n +2 | tr -d '\r"'
}
is "$(rate --from 2017-01-01 --to 2017-06-30)" "510802,利州区,0.5000" \
	"backlog_visited_rate: one of the two backlog cases had a leader's visit in the period"
is "$(rate --from 2017-01-01 --to 2017-05-31)" "510802,利州区,0.0000" "... none when the visit is after the period"
is "$(rate --from 2017-02-01 --to 2017-06-30)" "510802,利州区," "... empty with no backlog case received in the period"
run preport --format csv --from 2017-01-01 --to 2017-06-30 </dev/null
unlike "$(printf '%s\n' "$OUT" | head -1)" "backlog_visited_rate" "... not a column unless --measures names it"

done_testing
