#!/bin/sh
# petition-report zero reports (零报告): --daily, --weekly (Monday..Sunday)
# and --monthly. Every unit is a row, zeros included, also in a database
# without any case; then (table and jsonl, not csv) the new collective, risk
# and backlog cases of the period. Periods are local dates: February 2016
# has 29 days, a case at 00:10 local on the 1st of a month is in that month.
T_TOOLS="petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/report-cases.sh"
# rows: the CSV the last run printed, parsed (RFC 4180), one line a row
rows() {
	"$PYTHON" -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r in csv.reader(f):
        print(",".join(r))
' "$T_DIR/out"
}
# listed: "list case_no unit received_at" of each list record of the last
# jsonl run, and the keys of the first list record
listed() {
	printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
for l in sys.stdin:
    if l.strip():
        r = json.loads(l)
        if "list" in r:
            print(r["list"], r["case_no"], r["unit"], r["received_at"])
'
}
nunitrows() { printf '%s\n' "$OUT" | grep -c '^{"unit"'; }

M="received,accepted,declined,transferred,concluded,concluded_on_time,on_time_rate,open,overdue_now,extended,reviewed,satisfied_rate,repeat,collective,backlog"
Z="0,0,0,0,0,0,,0,0,0,0,,0,0,0"

# === 1. no case at all: every unit a row of zeros ==============================

use_store empty
run prep --now "$NOW" -f csv --daily 2017-07-10 </dev/null
is_rc 5 "a report never creates a database: a missing one is an error"
like "$ERR" 'no such database|not a petition database \(no schema\)' "... that says so"
"$PETITION_BIN/petition-unit" >/dev/null </dev/null    # a new database: the sample units
run prep --now "$NOW" -f csv --daily 2017-07-10 </dev/null
is_rc 0 "--daily with no case at all: exit 0"
is "$ERR" "" "nothing on stderr"
is "$(rows)" "unit,unit_name,$M
100000,生态环境部,$Z
510000,四川省生态环境厅,$Z
510800,广元市生态环境局,$Z
510802,利州区,$Z
510811,昭化区,$Z
510812,朝天区,$Z
510821,旺苍县,$Z
510822,青川县,$Z
510823,剑阁县,$Z
510824,苍溪县,$Z" "--daily, csv: every unit a row of zeros (rates empty)"
run prep --now "$NOW" -f jsonl --daily 2017-07-10 --unit 510800 </dev/null
is_rc 0 "--daily --unit 510800 jsonl: exit 0"
is "$(nunitrows)" 8 "jsonl: the city and its seven counties"
is "$(printf '%s\n' "$OUT" | sed -n 8p)" \
'{"unit":"510824","unit_name":"苍溪县","received":0,"accepted":0,"declined":0,"transferred":0,"concluded":0,"concluded_on_time":0,"on_time_rate":null,"open":0,"overdue_now":0,"extended":0,"reviewed":0,"satisfied_rate":null,"repeat":0,"collective":0,"backlog":0}' \
	"jsonl: zeros as numbers, rates null"
is "$(listed)" "" "jsonl: no list records"
is "$(printf '%s\n' "$OUT" | grep -c .)" 8 "jsonl: nothing but the eight rows"
run prep --now "$NOW" -f table --daily 2017-07-10 --unit 510811 </dev/null
is_rc 0 "--daily table: exit 0"
is "$(printf '%s\n' "$OUT" | tr -s ' ')" "unit unit_name received accepted declined transferred concluded concluded_on_time on_time_rate open overdue_now extended reviewed satisfied_rate repeat collective backlog
510811 昭化区 0 0 0 0 0 0 0 0 0 0 0 0 0
total 0 0 0 0 0 0 0 0 0 0 0 0 0

new collective, risk and backlog cases" "table: the row of zeros, the total, and an empty list section"
for p in "--weekly 2017-07-10" "--monthly 2017-07" "--monthly 2016-02"; do
	run prep --now "$NOW" -f csv $p --unit 510800 </dev/null
	is "$RC/$(rows | sed 1d | cut -d, -f3- | sort -u)" "0/$Z" "$p with no case: exit 0, rows of zeros"
	is "$(rows | sed 1d | cut -d, -f1 | tr '\n' ' ')" "510800 510802 510811 510812 510821 510822 510823 510824 " \
		"$p: one row per unit"
done

# === 2. the known cases ======================================================

use_store known
setup_cases
check_setup

# a day: 2017-04-01 has case 9 only (00:10 local, 03-31T16:10Z): open,
# overdue on 07-10 (accept due 04-16), collective; its backlog is of 07-03
C9="1,0,0,0,0,0,,1,1,0,0,,0,1,0"
run prep --now "$NOW" -f csv --daily 2017-04-01 --unit 510800 </dev/null
is_rc 0 "--daily 2017-04-01: exit 0"
is "$(rows)" "unit,unit_name,$M
510800,广元市生态环境局,$C9
510802,利州区,$Z
510811,昭化区,$Z
510812,朝天区,$Z
510821,旺苍县,$C9
510822,青川县,$Z
510823,剑阁县,$Z
510824,苍溪县,$Z" "--daily 2017-04-01, csv: case 9 in 旺苍县 and the city, zeros elsewhere"
lacks "$OUT" "GY-2017" "csv: only the rows, no list"
run prep --now "$NOW" -f jsonl --daily 2017-04-01 --unit 510800 </dev/null
is "$(nunitrows)" 8 "jsonl: eight unit rows"
is "$(printf '%s\n' "$OUT" | tail -1)" \
'{"list":"collective","case_no":"GY-2017-000009","unit":"510821","unit_name":"旺苍县","received_at":"2017-04-01T00:10:00+08:00","subject":"事由"}' \
	"jsonl: then the new collective visit, as a list record"
run prep --now "$NOW" -f table --daily 2017-04-01 --unit 510800 </dev/null
is "$(printf '%s\n' "$OUT" | sed -n '/^total/,$p' | tr -s ' ')" "total 1 0 0 0 0 0 1 1 0 0 0 1 0

new collective, risk and backlog cases
list case_no unit unit_name received_at subject
collective GY-2017-000009 510821 旺苍县 2017-04-01 00:10 事由" \
	"table: the total, then the section of new cases"

# 2017-03-31: case 8 only (23:30 local); case 9 is not a case of that day
C8="1,0,0,0,0,0,,1,1,0,0,,0,0,0"
run prep --now "$NOW" -f csv --daily 2017-03-31 --unit 510821 </dev/null
is "$(rows)" "unit,unit_name,$M
510821,旺苍县,$C8" "--daily 2017-03-31: case 8 (23:30 local), not case 9"
run prep --now "$NOW" -f jsonl --daily 2017-03-31 </dev/null
is "$(listed)" "" "--daily 2017-03-31: no new collective visit (it came after midnight)"

# the backlog list: cases marked by petition-escalate during the period
run prep --now "$NOW" -f jsonl --daily 2017-07-03 --unit 510800 </dev/null
is "$(printf '%s\n' "$OUT" | grep '^{"unit"' | grep -c '"received":0,')" 8 "--daily 2017-07-03: nothing received"
is "$(printf '%s\n' "$OUT" | grep '^{"unit"' | "$PYTHON" -c '
import json, sys
print(" ".join("%s:%d" % (r["unit"], r["backlog"]) for r in map(json.loads, sys.stdin)))')" \
	"510800:3 510802:0 510811:0 510812:1 510821:2 510822:0 510823:0 510824:0" \
	"--daily 2017-07-03: the backlog filed that morning, at the units of 6, 8 and 9"
is "$(listed)" "backlog GY-2017-000006 510812 2017-03-25T09:00:00+08:00
backlog GY-2017-000008 510821 2017-03-31T23:30:00+08:00
backlog GY-2017-000009 510821 2017-04-01T00:10:00+08:00" "... and the three cases marked backlog that morning"
run prep --now "$NOW" -f jsonl --daily 2017-07-03 --unit 510821 </dev/null
is "$(listed)" "backlog GY-2017-000008 510821 2017-03-31T23:30:00+08:00
backlog GY-2017-000009 510821 2017-04-01T00:10:00+08:00" "--unit 510821: only 旺苍县's backlog cases"
is "$(nunitrows)" 1 "... and its one row"
# case 4 was marked at 07:00 local on 06-20, 2017-06-19T23:00Z
run prep --now "$NOW" -f jsonl --daily 2017-06-20 </dev/null
is "$(listed)" "backlog GY-2017-000004 510800 2017-02-28T23:30:00+08:00" "--daily 2017-06-20: case 4 marked backlog that (local) day"
run prep --now "$NOW" -f jsonl --daily 2017-06-19 </dev/null
is "$(listed)" "" "--daily 2017-06-19: nothing (06-19T23:00Z is 06-20 in 广元)"
run prep --now "$NOW" -f csv --daily 2017-06-20 </dev/null
lacks "$OUT" "GY-2017-000004" "csv: no list"

# a week: Monday..Sunday containing the date
C14="1,0,0,0,0,0,,1,0,0,0,,0,0,0"
run prep --now "$NOW" -f csv --weekly 2017-06-25 --unit 510800 </dev/null
is_rc 0 "--weekly 2017-06-25 (a Sunday): exit 0"
is "$(rows)" "unit,unit_name,$M
510800,广元市生态环境局,1,0,0,0,0,0,,1,0,0,0,,0,0,1
510802,利州区,$Z
510811,昭化区,$Z
510812,朝天区,$C14
510821,旺苍县,$Z
510822,青川县,$Z
510823,剑阁县,$Z
510824,苍溪县,$Z" "--weekly 2017-06-25: the week 06-19..06-25, case 14 (Sunday) in 朝天区; 4 filed as backlog at the city on 06-20"
run prep --now "$NOW" -f jsonl --weekly 2017-06-19 </dev/null
is "$(listed)" "backlog GY-2017-000004 510800 2017-02-28T23:30:00+08:00" "--weekly 2017-06-19 (the Monday): the backlog of 06-20"
run prep --now "$NOW" -f csv --weekly 2017-06-28 --unit 510800 </dev/null
is "$(rows)" "unit,unit_name,$M
510800,广元市生态环境局,3,0,0,0,0,0,,3,0,0,0,,1,0,0
510802,利州区,$Z
510811,昭化区,$Z
510812,朝天区,$Z
510821,旺苍县,$Z
510822,青川县,$Z
510823,剑阁县,1,0,0,0,0,0,,1,0,0,0,,1,0,0
510824,苍溪县,1,0,0,0,0,0,,1,0,0,0,,0,0,0" \
	"--weekly 2017-06-28: 06-26..07-02, cases 15, 16 (the city's own), 17 (a repeat)"
run prep --now "$NOW" -f jsonl --weekly 2017-06-28 </dev/null
is "$(listed)" "" "... no new collective, risk or backlog case that week"
run prep --now "$NOW" -f jsonl --weekly 2017-07-09 --unit 510812 </dev/null
is "$(listed)" "backlog GY-2017-000006 510812 2017-03-25T09:00:00+08:00" "--weekly 2017-07-09 (Sunday): 07-03..07-09, the backlog of 07-03"

# a month
run prep --now "$NOW" -f csv --monthly 2017-04 --unit 510800 </dev/null
is_rc 0 "--monthly 2017-04: exit 0"
is "$(rows)" "unit,unit_name,$M
510800,广元市生态环境局,3,1,0,0,0,0,,3,3,1,0,,0,1,0
510802,利州区,1,1,0,0,0,0,,1,1,1,0,,0,0,0
510811,昭化区,$Z
510812,朝天区,$Z
510821,旺苍县,$C9
510822,青川县,$Z
510823,剑阁县,$Z
510824,苍溪县,1,0,0,0,0,0,,1,1,0,0,,0,0,0" "--monthly 2017-04: cases 9 (from 00:10 on the 1st), 10, 11; 11 accepted and 5 extended by 利州区"
run prep --now "$NOW" -f jsonl --monthly 2017-04 --unit 510800 </dev/null
is "$(listed)" "collective GY-2017-000009 510821 2017-04-01T00:10:00+08:00
risk GY-2017-000011 510802 2017-04-20T10:00:00+08:00" "--monthly 2017-04: the collective visit and the risk case"
run prep --now "$NOW" -f table --monthly 2017-04 --unit 510802 </dev/null
is "$(printf '%s\n' "$OUT" | sed -n '/^new collective/,$p' | tr -s ' ')" "new collective, risk and backlog cases
list case_no unit unit_name received_at subject
risk GY-2017-000011 510802 利州区 2017-04-20 10:00 事由" "table --unit 510802: the risk case of 利州区 only"
run prep --now "$NOW" -f csv --monthly 2017-03 --unit 510800 </dev/null
is "$(rows | sed -n 2p)" "510800,广元市生态环境局,4,3,0,1,1,1,1.0000,2,2,0,0,1.0000,1,0,0" \
	"--monthly 2017-03: cases 5, 6, 7, 8 (23:30 on the 31st) received; 4, 5, 6 accepted, 7 transferred, 1 replied (on time) and rated"
run prep --now "$NOW" -f jsonl --monthly 2017-03 </dev/null
is "$(listed)" "" "--monthly 2017-03: no new collective, risk or backlog case"
run prep --now "$NOW" -f jsonl --monthly 2017-07 </dev/null
is "$(listed)" "backlog GY-2017-000006 510812 2017-03-25T09:00:00+08:00
backlog GY-2017-000008 510821 2017-03-31T23:30:00+08:00
backlog GY-2017-000009 510821 2017-04-01T00:10:00+08:00" "--monthly 2017-07: the backlog of 07-03"
is "$(printf '%s\n' "$OUT" | grep '^{"unit"' | grep -c '"received":0,')" 10 "... and no case received in July"

# zh headers for the list section of the table
run prep --now "$NOW" -f table --header zh --daily 2017-04-01 --unit 510821 </dev/null
like "$OUT" '合计' "table --header zh: the total row is 合计"
like "$OUT" '新增集体访、风险和积案' "table --header zh: the list section in Chinese"

# === 3. February 2016 has 29 days =============================================

use_store leap
mk 2016-01-31T23:59:00+08:00 510802 visit 甲一 13900000001 --headcount 5      # 1: January, collective
mk 2016-01-31T16:05:00Z      510802 letter 甲二 13900000002                    # 2: 2016-02-01 00:05 local
mk 2016-02-29T23:59:00+08:00 510811 visit 甲三 13900000003 --headcount 8      # 3: collective, 29 Feb
mk 2016-03-01T00:00:00+08:00 510811 hotline 甲四 13900000004 --risk           # 4: March (2016-02-29T16:00Z)
is "$(caselist '{received_at}|{collective}{risk}')" \
	"2016-01-31T23:59:00+08:00|10 2016-02-01T00:05:00+08:00|00 2016-02-29T23:59:00+08:00|10 2016-03-01T00:00:00+08:00|01" \
	"set-up: four cases around February 2016"
NOW=2016-03-10T09:00:00+08:00
run prep --now "$NOW" -f csv --monthly 2016-02 --unit 510800 --measures received,collective </dev/null
is_rc 0 "--monthly 2016-02: exit 0"
is "$(rows)" "unit,unit_name,received,collective
510800,广元市生态环境局,2,1
510802,利州区,1,0
510811,昭化区,1,1
510812,朝天区,0,0
510821,旺苍县,0,0
510822,青川县,0,0
510823,剑阁县,0,0
510824,苍溪县,0,0" "--monthly 2016-02: 02-01 00:05 and 02-29 23:59 count, 01-31 23:59 and 03-01 00:00 do not"
run prep --now "$NOW" -f jsonl --monthly 2016-02 </dev/null
is "$(listed)" "collective GY-2016-000003 510811 2016-02-29T23:59:00+08:00" "--monthly 2016-02: the collective visit of 29 February only"
run prep --now "$NOW" -f jsonl --monthly 2016-03 </dev/null
is "$(listed)" "risk GY-2016-000004 510811 2016-03-01T00:00:00+08:00" "--monthly 2016-03: the risk case of 03-01 00:00"
run prep --now "$NOW" -f jsonl --monthly 2016-01 --unit 510802 </dev/null
is "$(listed)" "collective GY-2016-000001 510802 2016-01-31T23:59:00+08:00" "--monthly 2016-01: the collective visit of 01-31 23:59"
run prep --now "$NOW" -f csv --daily 2016-02-29 --unit 510811 --measures received </dev/null
is "$(rows)" "unit,unit_name,received
510811,昭化区,1" "--daily 2016-02-29: one case"
# Monday 2016-02-29 .. Sunday 2016-03-06
run prep --now "$NOW" -f csv --weekly 2016-03-01 --unit 510811 --measures received,collective </dev/null
is "$(rows)" "unit,unit_name,received,collective
510811,昭化区,2,1" "--weekly 2016-03-01: the week from Monday 02-29 takes cases 3 and 4"
run prep --now "$NOW" -f csv --weekly 2016-02-28 --unit 510800 --measures received </dev/null
is "$(rows | sed -n 2p)" "510800,广元市生态环境局,0" "--weekly 2016-02-28 (Sunday): 02-22..02-28, no case (29 Feb begins the next week)"

# === 4. usage errors ============================================================

usage() {
	t_re=$1; shift
	run prep --now "$NOW" -f csv "$@" </dev/null
	is "$RC|$OUT" "2|" "$*: exit 2, nothing on stdout"
	like "$ERR" "^petition-report: .*$t_re" "$*: the message names $t_re"
}
usage '--daily: "2017-02-29" is not a date' --daily 2017-02-29
usage '--daily: "yesterday" is not a date' --daily yesterday
usage '--weekly: "2016-02-30" is not a date' --weekly 2016-02-30
usage '--monthly: "2017-13" is not a month' --monthly 2017-13
usage '--monthly: "2017-00" is not a month' --monthly 2017-00
usage '--monthly: "17-02" is not a month' --monthly 17-02
usage '--monthly' --monthly
usage 'one of --daily, --weekly, --monthly, --risk-daily, --risk-weekly, --risk-monthly, --overdue, --backlog, --backlog-files, --due-within, --visits, --orders, --annual at a time' --daily 2016-02-29 --monthly 2016-02
usage 'one of --daily, --weekly, --monthly, --risk-daily, --risk-weekly, --risk-monthly, --overdue, --backlog, --backlog-files, --due-within, --visits, --orders, --annual at a time' --weekly 2016-02-29 --backlog
usage '--unit: "510899" is not a known unit' --daily 2016-02-29 --unit 510899

done_testing
