#!/bin/sh
# petition-report zero reports (零报告): --daily, --weekly (Monday..Sunday)
# and --monthly. Every unit is a row, zeros included, also in a database
# without any case; then (table and jsonl, not csv) the new collective, risk
# and backlog cases of the period. Periods are local dates: February 2016
# has 29 days, a case at 00:10 local on the 1st of a month is in that month.
. "$(dirname "$0")/lib.sh"

# --- the known cases -------------------------------------------------------
#
# Seventeen cases in 广元市 (510800) and five of its seven counties (none in
# 青川县 510822), as they stand on 2017-07-10 (the reports' --now):
#
#  #  unit    received (local)  channel   pollution    category     status       notes
#  1  510802  01-31 10:00       letter    air          enforcement  delivered    replied 03-01 (due 04-02): on time; rated satisfied
#  2  510800  01-31 11:00       mailbox   ecology      petition     replied      replied 02-20 (due 04-02): on time
#  3  510802  01-31 23:30       hotline   water        litigation   declined
#  4  510800  02-28 23:30       web       noise        enforcement  reviewing    at 510811 until the review sent it up to the city;
#                                                                                replied 05-10, due 04-30: late; rated unsatisfied;
#                                                                                review due 07-01: overdue; backlog (06-20)
#  5  510802  03-01 09:00       hotline   noise        enforcement  replied      repeat of 1 (same phone); extended to 05-31,
#                                                                                replied 05-31 23:30: on time; basically_satisfied
#  6  510812  03-25 09:00       media     other        petition     accepted     reply due 05-25: overdue; backlog (07-03)
#  7  510823  03-30 10:00       letter    water        -            transferred  to 广元市水利局
#  8  510821  03-31 23:30       wechat    solid_waste  -            registered   accept due 04-15: overdue; backlog (07-03)
#  9  510821  04-01 00:10       visit     air          -            registered   = 2017-03-31T16:10Z; headcount 6: collective;
#                                                                                accept due 04-16: overdue; backlog (07-03)
# 10  510824  04-10 10:00       letter    -            -            registered   accept due 04-25: overdue
# 11  510802  04-20 10:00       transfer  air          petition     accepted     risk; reply due 06-20: overdue
# 12  510811  05-05 10:00       other     soil         enforcement  accepted     reply due 07-05: overdue
# 13  510811  05-10 10:00       letter    water        enforcement  replied      due 07-09, replied 07-10 00:30 local
#                                                                                (07-09T16:30Z): late
# 14  510812  06-25 10:00       web       noise        -            registered   accept due 07-10 (today: not overdue)
# 15  510824  06-27 10:00       hotline   water        -            registered   accept due 07-12
# 16  510800  06-28 10:00       letter    air          -            registered   accept due 07-13
# 17  510823  06-29 10:00       letter    noise        -            registered   accept due 07-14; repeat of 12 (same accused)
#
# petition-escalate runs on 2017-06-20 07:00 local (2017-06-19T23:00Z) and
# on 2017-07-03 07:30 local: supervisions (督办) on 06-20 of 6 (reply), 8, 9,
# 10 (accept); backlog (积案) of 4 (open since 02-28, and under review) on
# 06-20; on 07-03 supervision of 11 (reply) and 4 (review), backlog of 6, 8,
# 9 (more than 90 days open). Case 10 (04-10) is only 84 days old on 07-03.

p_assign() { "$PETITION_BIN/petition-assign" "$@"; }
p_handle() { "$PETITION_BIN/petition-handle" "$@"; }
p_review() { "$PETITION_BIN/petition-review" "$@"; }
pesc()     { "$PETITION_BIN/petition-escalate" "$@"; }
prep()     { "$PETITION_BIN/petition-report" "$@"; }

# an 18-character ID number with its check digit, for the personal data
ID1=$("$PYTHON" -c '
b = "51080219900101123"
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print(b + "10X98765432"[sum(int(c) * x for c, x in zip(b, w)) % 11])')

# mk RECEIVED UNIT CHANNEL NAME PHONE [FIELD OPTIONS]: registers one case at
# the moment it is received, quietly
mk() {
	t_r=$1 t_u=$2 t_c=$3 t_n=$4 t_p=$5; shift 5
	"$PETITION_BIN/petition-add" -q --now "$t_r" --received-at "$t_r" --unit "$t_u" --channel "$t_c" \
		--subject "事由" --petitioner-name "$t_n" --petitioner-phone "$t_p" "$@" </dev/null ||
		diag "set-up failed: petition-add $t_r $t_u"
}
# step TOOL TIME ARGS...: a set-up step at TIME that must succeed (quietly)
step() {
	t_tool=$1 t_at=$2; shift 2
	"$t_tool" -q --now "$t_at" "$@" </dev/null || diag "set-up failed: $t_tool --now $t_at $*"
}
setup_cases() {
	mk 2017-01-31T10:00:00+08:00 510802 letter 张三 13800000001 --pollution-type air --accused 甲化工厂 \
		--petitioner-address 四川省广元市利州区东坝街道1号 --petitioner-id-number "$ID1"
	mk 2017-01-31T11:00:00+08:00 510800 mailbox 李小四 13800000002 --pollution-type ecology --accused 乙公司
	mk 2017-01-31T23:30:00+08:00 510802 hotline 王五 13800000003 --pollution-type water --accused 丙厂
	mk 2017-02-28T23:30:00+08:00 510811 web 赵六 13800000004 --pollution-type noise --accused 丁厂
	mk 2017-03-01T09:00:00+08:00 510802 hotline 张三 13800000001 --pollution-type noise --accused 戊厂
	mk 2017-03-25T09:00:00+08:00 510812 media 孙七 13800000006 --pollution-type other --accused 己矿
	mk 2017-03-30T10:00:00+08:00 510823 letter 郑十 13800000009 --pollution-type water --accused 壬厂
	mk 2017-03-31T23:30:00+08:00 510821 wechat 周八 13800000007 --pollution-type solid_waste --accused 庚厂
	mk 2017-03-31T16:10:00Z 510821 visit 吴九 13800000008 --pollution-type air --accused 辛厂 --headcount 6
	mk 2017-04-10T10:00:00+08:00 510824 letter 钱十一 13800000010
	mk 2017-04-20T10:00:00+08:00 510802 transfer 陈十二 13800000011 --pollution-type air --accused 癸厂 --risk
	mk 2017-05-05T10:00:00+08:00 510811 other 林十三 13800000012 --pollution-type soil --accused 子厂
	mk 2017-05-10T10:00:00+08:00 510811 letter 徐十八 13800000017 --pollution-type water
	mk 2017-06-25T10:00:00+08:00 510812 web 何十四 13800000013 --pollution-type noise
	mk 2017-06-27T10:00:00+08:00 510824 hotline 罗十五 13800000014 --pollution-type water
	mk 2017-06-28T10:00:00+08:00 510800 letter 高十六 13800000015 --pollution-type air
	mk 2017-06-29T10:00:00+08:00 510823 letter 梁十七 13800000016 --pollution-type noise --accused 子厂

	step p_assign 2017-02-01T10:00:00+08:00 --accept --category enforcement 1   # reply due 04-02
	step p_assign 2017-02-01T10:00:00+08:00 --accept --category petition 2      # reply due 04-02
	step p_handle 2017-02-20T10:00:00+08:00 --reply 答复 --outcome explain 2
	step p_handle 2017-03-01T10:00:00+08:00 --reply 答复 --outcome support 1
	step p_handle 2017-03-02T10:00:00+08:00 --deliver 1
	step p_handle 2017-03-03T10:00:00+08:00 --rate satisfied 1
	step p_assign 2017-02-05T10:00:00+08:00 --decline --reason 属于行政复议事项 --category litigation 3
	step p_assign 2017-03-01T10:00:00+08:00 --accept --category enforcement 4   # reply due 04-30
	step p_handle 2017-05-10T10:00:00+08:00 --reply 答复 --outcome reject 4
	step p_handle 2017-05-25T10:00:00+08:00 --deliver 4
	step p_handle 2017-05-26T10:00:00+08:00 --rate unsatisfied 4
	step p_review 2017-06-01T10:00:00+08:00 --request review 4                  # review due 07-01
	step p_assign 2017-03-02T10:00:00+08:00 --accept --category enforcement 5   # reply due 05-01
	step p_handle 2017-04-20T10:00:00+08:00 --extend 30 --reason 案情复杂 5       # reply due 05-31
	step p_handle 2017-05-31T23:30:00+08:00 --reply 答复 --outcome support 5
	step p_handle 2017-06-01T10:00:00+08:00 --rate basically_satisfied 5
	step p_assign 2017-03-26T10:00:00+08:00 --accept --category petition --leader '黄"局长"' 6  # reply due 05-25
	step p_assign 2017-03-31T10:00:00+08:00 --transfer --to 广元市水利局 --reason 请向水利部门反映 7
	step p_assign 2017-04-05T10:00:00+08:00 --leader 黄局长 8
	step p_assign 2017-04-21T10:00:00+08:00 --accept --category petition --handler '刘,科员' 11  # reply due 06-20
	step p_assign 2017-05-06T10:00:00+08:00 --accept --category enforcement 12  # reply due 07-05
	step p_assign 2017-05-10T15:00:00+08:00 --accept --category enforcement 13  # reply due 07-09
	pesc --now 2017-06-20T07:00:00+08:00 </dev/null >/dev/null || diag "set-up failed: petition-escalate 06-20"
	pesc --now 2017-07-03T07:30:00+08:00 </dev/null >/dev/null || diag "set-up failed: petition-escalate 07-03"
	step p_handle 2017-07-10T00:30:00+08:00 --reply 答复 --outcome explain 13
}
# check_setup: one assertion that the cases stand as the table above says
check_setup() {
	is "$(sql "SELECT group_concat(id || ':' || unit || ':' || status || ':' || coalesce(reply_due, '-') || ':' ||
	             extended || backlog || collective || risk || ':' || coalesce(repeat_of, '-'), ' ')
	           FROM (SELECT * FROM cases ORDER BY id)")" \
"1:510802:delivered:2017-04-02:0000:- 2:510800:replied:2017-04-02:0000:- 3:510802:declined:-:0000:- \
4:510800:reviewing:2017-04-30:0100:- 5:510802:replied:2017-05-31:1000:GY-2017-000001 \
6:510812:accepted:2017-05-25:0100:- 7:510823:transferred:-:0000:- 8:510821:registered:-:0100:- \
9:510821:registered:-:0110:- 10:510824:registered:-:0000:- 11:510802:accepted:2017-06-20:0001:- \
12:510811:accepted:2017-07-05:0000:- 13:510811:replied:2017-07-09:0000:- 14:510812:registered:-:0000:- \
15:510824:registered:-:0000:- 16:510800:registered:-:0000:- 17:510823:registered:-:0000:GY-2017-000012" \
		"set-up: the seventeen cases stand as planned"
}

NOW=2017-07-10T09:00:00+08:00
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

export PETITION_DB="$T_DIR/empty.db"
run prep --now "$NOW" -f csv --daily 2017-07-10 </dev/null
is_rc 5 "a report never creates a database: a missing one is an error"
like "$ERR" 'no such database' "... that says so"
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

export PETITION_DB="$T_DIR/known.db"
setup_cases
check_setup

# a day: 2017-04-01 has case 9 only (00:10 local, 03-31T16:10Z): open,
# overdue on 07-10 (accept due 04-16), collective, backlog
C9="1,0,0,0,0,0,,1,1,0,0,,0,1,1"
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
is "$(printf '%s\n' "$OUT" | sed -n '/^total/,$p' | tr -s ' ')" "total 1 0 0 0 0 0 1 1 0 0 0 1 1

new collective, risk and backlog cases
list case_no unit unit_name received_at subject
collective GY-2017-000009 510821 旺苍县 2017-04-01 00:10 事由" \
	"table: the total, then the section of new cases"

# 2017-03-31: case 8 only (23:30 local); case 9 is not a case of that day
C8="1,0,0,0,0,0,,1,1,0,0,,0,0,1"
run prep --now "$NOW" -f csv --daily 2017-03-31 --unit 510821 </dev/null
is "$(rows)" "unit,unit_name,$M
510821,旺苍县,$C8" "--daily 2017-03-31: case 8 (23:30 local), not case 9"
run prep --now "$NOW" -f jsonl --daily 2017-03-31 </dev/null
is "$(listed)" "" "--daily 2017-03-31: no new collective visit (it came after midnight)"

# the backlog list: cases marked by petition-escalate during the period
run prep --now "$NOW" -f jsonl --daily 2017-07-03 --unit 510800 </dev/null
is "$(printf '%s\n' "$OUT" | grep '^{"unit"' | grep -c '"received":0,')" 8 "--daily 2017-07-03: nothing received, eight rows of zeros"
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
510800,广元市生态环境局,$C14
510802,利州区,$Z
510811,昭化区,$Z
510812,朝天区,$C14
510821,旺苍县,$Z
510822,青川县,$Z
510823,剑阁县,$Z
510824,苍溪县,$Z" "--weekly 2017-06-25: the week 06-19..06-25, case 14 (Sunday) in 朝天区"
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
510800,广元市生态环境局,3,1,0,0,0,0,,3,3,0,0,,0,1,1
510802,利州区,1,1,0,0,0,0,,1,1,0,0,,0,0,0
510811,昭化区,$Z
510812,朝天区,$Z
510821,旺苍县,$C9
510822,青川县,$Z
510823,剑阁县,$Z
510824,苍溪县,1,0,0,0,0,0,,1,1,0,0,,0,0,0" "--monthly 2017-04: cases 9 (from 00:10 on the 1st), 10, 11"
run prep --now "$NOW" -f jsonl --monthly 2017-04 --unit 510800 </dev/null
is "$(listed)" "collective GY-2017-000009 510821 2017-04-01T00:10:00+08:00
risk GY-2017-000011 510802 2017-04-20T10:00:00+08:00" "--monthly 2017-04: the collective visit and the risk case"
run prep --now "$NOW" -f table --monthly 2017-04 --unit 510802 </dev/null
is "$(printf '%s\n' "$OUT" | sed -n '/^new collective/,$p' | tr -s ' ')" "new collective, risk and backlog cases
list case_no unit unit_name received_at subject
risk GY-2017-000011 510802 利州区 2017-04-20 10:00 事由" "table --unit 510802: the risk case of 利州区 only"
run prep --now "$NOW" -f csv --monthly 2017-03 --unit 510800 </dev/null
is "$(rows | sed -n 2p)" "510800,广元市生态环境局,4,2,0,1,1,1,1.0000,2,2,1,0,1.0000,1,0,2" \
	"--monthly 2017-03: cases 5, 6, 7, 8 (23:30 on the 31st)"
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

export PETITION_DB="$T_DIR/leap.db"
mk 2016-01-31T23:59:00+08:00 510802 visit 甲一 13900000001 --headcount 5      # 1: January, collective
mk 2016-01-31T16:05:00Z      510802 letter 甲二 13900000002                    # 2: 2016-02-01 00:05 local
mk 2016-02-29T23:59:00+08:00 510811 visit 甲三 13900000003 --headcount 8      # 3: collective, 29 Feb
mk 2016-03-01T00:00:00+08:00 510811 hotline 甲四 13900000004 --risk           # 4: March (2016-02-29T16:00Z)
is "$(sql "SELECT group_concat(received_at || ':' || collective || risk, ' ') FROM cases")" \
	"2016-01-31T15:59:00Z:10 2016-01-31T16:05:00Z:00 2016-02-29T15:59:00Z:10 2016-02-29T16:00:00Z:01" \
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
usage 'one of --daily, --weekly, --monthly, --overdue, --backlog, --due-within at a time' --daily 2016-02-29 --monthly 2016-02
usage 'one of --daily, --weekly, --monthly, --overdue, --backlog, --due-within at a time' --weekly 2016-02-29 --backlog
usage '--unit: "510899" is not a known unit' --daily 2016-02-29 --unit 510899

done_testing
