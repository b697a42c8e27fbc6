#!/bin/sh
# petition-report statistics: every measure of every row checked against
# numbers worked out by hand from the known cases below (zeros included),
# each act counted at the unit that did it, in the period it was done:
# --by unit (the city row = its counties + its own cases, a county without
# cases is a row of zeros), channel, pollution_type, status, category, month
# and day on local dates, week (Monday keys), unit,month and month,unit
# nesting, --from/--to inclusive, rates to 4 decimals and empty/null without
# a denominator, overdue_now as of --now, --measures, the table's total row,
# usage errors.
T_TOOLS="petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/report-cases.sh"
# rep ARGS...: petition-report -f csv as of $NOW (ARGS may override --now)
rep() { run prep --now "$NOW" -f csv "$@" </dev/null; }
# rows: the CSV the last run printed, parsed (RFC 4180), one line a row,
# fields joined by commas
rows() {
	"$PYTHON" -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r in csv.reader(f):
        print(",".join(r))
' "$T_DIR/out"
}
# row KEY: the row of the last CSV output whose first field is KEY
row() { rows | grep -E "^$1," ; }
# words: the last run's stdout with runs of blanks squeezed to one
words() { printf '%s\n' "$OUT" | tr -s ' '; }

setup_cases
check_setup

# The measures, in the order of the columns:
M="received,accepted,declined,transferred,concluded,concluded_on_time,on_time_rate,open,overdue_now,extended,reviewed,satisfied_rate,repeat,collective,backlog"

# --- by unit ----------------------------------------------------------------

# All 17 cases are under 广元市: the national, provincial and city rows are
# the same. Concluded: 1, 2, 5 on time, 4, 13 late: 3/5 = 0.6000. Rated: 1
# satisfied, 5 basically satisfied, 4 unsatisfied: 2/3 = 0.6667. Open: 4 6 8 9
# 10 11 12 14 15 16 17; overdue on 07-10: 4 (review 07-01), 6 (reply 05-25),
# 8 9 10 (accept), 11 (reply 06-20), 12 (reply 07-05); 14 is due today.
# Each act counts at the unit that did it: case 4 was received, accepted,
# replied (late) and rated (unsatisfied) by 昭化区 510811; its review went up
# to the city, which then filed it as backlog; open and overdue_now count it
# where it is now, at the city.
L_ALL="17,8,1,1,5,3,0.6000,11,7,1,1,0.6667,2,1,4"
L_802="4,3,1,0,2,2,1.0000,1,1,1,0,1.0000,1,0,0"     # 1 3 5 11
L_811="3,3,0,0,2,0,0.0000,1,1,0,0,0.0000,0,0,0"     # 4 12 13 (open: 12)
L_812="2,1,0,0,0,0,,2,1,0,0,,0,0,1"                 # 6 14
L_821="2,0,0,0,0,0,,2,2,0,0,,0,1,2"                 # 8 9
L_ZERO="0,0,0,0,0,0,,0,0,0,0,,0,0,0"                 # 青川县: no case
L_823="2,0,0,1,0,0,,1,0,0,0,,1,0,0"                 # 7 17
L_824="2,0,0,0,0,0,,2,1,0,0,,0,0,0"                 # 10 15

rep
is_rc 0 "by unit (the default): exit 0"
is "$ERR" "" "nothing on stderr"
is "$(rows)" "unit,unit_name,$M
100000,生态环境部,$L_ALL
510000,四川省生态环境厅,$L_ALL
510800,广元市生态环境局,$L_ALL
510802,利州区,$L_802
510811,昭化区,$L_811
510812,朝天区,$L_812
510821,旺苍县,$L_821
510822,青川县,$L_ZERO
510823,剑阁县,$L_823
510824,苍溪县,$L_824" "by unit: every unit in tree order, each row counting its own cases and those under it"

rep --unit 510800
is "$(rows)" "unit,unit_name,$M
510800,广元市生态环境局,$L_ALL
510802,利州区,$L_802
510811,昭化区,$L_811
510812,朝天区,$L_812
510821,旺苍县,$L_821
510822,青川县,$L_ZERO
510823,剑阁县,$L_823
510824,苍溪县,$L_824" "--unit 510800: the city and its seven counties; 青川县 a row of zeros"
# the city's own acts: it received 2 and 16, accepted and replied to 2 (on
# time); 4 and 16 are open there now, 4 overdue; it took up 4's review and
# filed 4 as backlog
t_own=$(rows | "$PYTHON" -c '
import sys
rows = [l.rstrip("\n").split(",") for l in sys.stdin][1:]
num = lambda v: int(v) if v.isdigit() else None
city = rows[0][2:]
out = []
for i, v in enumerate(city):
    if num(v) is None:
        continue
    out.append(str(num(v) - sum(num(r[2 + i]) for r in rows[1:])))
print(",".join(out))')
is "$t_own" "2,1,0,0,1,1,2,1,0,1,0,0,1" \
	"the city row minus its counties = the city's own acts (counts without the rates)"

rep --unit 510802
is "$(rows)" "unit,unit_name,$M
510802,利州区,$L_802" "--unit 510802 (no unit under it): one row"
rep --unit 利州区
is "$(rows)" "unit,unit_name,$M
510802,利州区,$L_802" "--unit by name"
rep --unit 510822
is "$(rows)" "unit,unit_name,$M
510822,青川县,$L_ZERO" "--unit 510822: a county without cases, one row of zeros"
rep --unit 510000 --measures received,overdue_now
is "$(rows)" "unit,unit_name,received,overdue_now
510000,四川省生态环境厅,17,7
510800,广元市生态环境局,17,7
510802,利州区,4,1
510811,昭化区,3,1
510812,朝天区,2,1
510821,旺苍县,2,2
510822,青川县,0,0
510823,剑阁县,2,0
510824,苍溪县,2,1" "--unit 510000: the province, then the city, then its counties (parents first)"

# jsonl: numbers as JSON numbers, empty rates null
run prep --now "$NOW" -f jsonl --unit 510800 </dev/null
is_rc 0 "jsonl: exit 0"
is "$(printf '%s\n' "$OUT" | sed -n 1p)" \
'{"unit":"510800","unit_name":"广元市生态环境局","received":17,"accepted":8,"declined":1,"transferred":1,"concluded":5,"concluded_on_time":3,"on_time_rate":0.6,"open":11,"overdue_now":7,"extended":1,"reviewed":1,"satisfied_rate":0.6667,"repeat":2,"collective":1,"backlog":4}' \
	"jsonl: the city row, counts and rates as JSON numbers"
is "$(printf '%s\n' "$OUT" | sed -n 6p)" \
'{"unit":"510822","unit_name":"青川县","received":0,"accepted":0,"declined":0,"transferred":0,"concluded":0,"concluded_on_time":0,"on_time_rate":null,"open":0,"overdue_now":0,"extended":0,"reviewed":0,"satisfied_rate":null,"repeat":0,"collective":0,"backlog":0}' \
	"jsonl: the row of zeros has null rates"
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
out = []
for l in sys.stdin:
    r = json.loads(l)
    out.append("%s %s %s %s" % (r["unit"], r["on_time_rate"], r["satisfied_rate"],
        all(type(r[k]) is int for k in r if k not in ("unit", "unit_name", "on_time_rate", "satisfied_rate"))))
print("\n".join(out))')" "510800 0.6 0.6667 True
510802 1 1 True
510811 0 0 True
510812 None None True
510821 None None True
510822 None None True
510823 None None True
510824 None None True" "jsonl: each unit's rates (null when nothing was concluded / rated), every count an integer"

# --- by channel ---------------------------------------------------------------

rep --by channel
is "$(rows)" "channel,$M
letter,6,2,0,1,2,1,0.5000,3,1,0,0,1.0000,1,0,0
visit,1,0,0,0,0,0,,1,1,0,0,,0,1,1
hotline,3,1,1,0,1,1,1.0000,1,0,1,0,1.0000,1,0,0
web,2,1,0,0,1,0,0.0000,2,1,0,1,0.0000,0,0,1
wechat,1,0,0,0,0,0,,1,1,0,0,,0,0,1
weibo,$L_ZERO
mailbox,1,1,0,0,1,1,1.0000,0,0,0,0,,0,0,0
transfer,1,1,0,0,0,0,,1,1,0,0,,0,0,0
media,1,1,0,0,0,0,,1,1,0,0,,0,0,1
other,1,1,0,0,0,0,,1,1,0,0,,0,0,0" \
	"by channel: every channel in schema order, weibo (no case) a row of zeros"
rep --by channel --unit 510821 --measures received,open,collective
is "$(rows)" "channel,received,open,collective
letter,0,0,0
visit,1,1,1
hotline,0,0,0
web,0,0,0
wechat,1,1,0
weibo,0,0,0
mailbox,0,0,0
transfer,0,0,0
media,0,0,0
other,0,0,0" "by channel --unit 510821: only 旺苍县's cases (8, 9), every channel listed"

# --- by pollution type, status, category --------------------------------------

rep --by pollution_type
is "$(rows)" "pollution_type,$M
air,4,2,0,0,1,1,1.0000,3,2,0,0,1.0000,0,1,1
water,4,1,1,1,1,0,0.0000,1,0,0,0,,0,0,0
noise,4,2,0,0,2,1,0.5000,3,1,1,1,0.5000,2,0,1
solid_waste,1,0,0,0,0,0,,1,1,0,0,,0,0,1
radiation,$L_ZERO
soil,1,1,0,0,0,0,,1,1,0,0,,0,0,0
ecology,1,1,0,0,1,1,1.0000,0,0,0,0,,0,0,0
other,1,1,0,0,0,0,,1,1,0,0,,0,0,1
,1,0,0,0,0,0,,1,1,0,0,,0,0,0" \
	"by pollution_type: every type (radiation a row of zeros), then \"\" for case 10 without one"

rep --by status
is "$(rows)" "status,$M
registered,7,0,0,0,0,0,,7,3,0,0,,1,1,2
accepted,3,3,0,0,0,0,,3,3,0,0,,0,0,1
declined,1,0,1,0,0,0,,0,0,0,0,,0,0,0
transferred,1,0,0,1,0,0,,0,0,0,0,,0,0,0
replied,3,3,0,0,3,2,0.6667,0,0,1,0,1.0000,1,0,0
delivered,1,1,0,0,1,1,1.0000,0,0,0,0,1.0000,0,0,0
reviewing,1,1,0,0,1,0,0.0000,1,1,0,1,0.0000,0,0,1
reviewed,$L_ZERO
rereviewing,$L_ZERO
final,$L_ZERO
closed,$L_ZERO" "by status: every status in lifecycle order, zeros included"

rep --by category
is "$(rows)" "category,$M
enforcement,5,5,0,0,4,2,0.5000,2,2,1,1,0.6667,1,0,1
litigation,1,0,1,0,0,0,,0,0,0,0,,0,0,0
petition,3,3,0,0,1,1,1.0000,2,2,0,0,,0,0,1
out_of_scope,$L_ZERO
,8,0,0,1,0,0,,7,3,0,0,,1,1,2" \
	"by category: the four categories (out_of_scope zeros), then \"\" for the 8 cases never categorised"

# --- by month, day, year: local dates -------------------------------------------

# --from defaults to the first case (2017-01-31), --to to today (2017-07-10).
# Received (and repeat, collective, open, overdue_now) by the month received:
# case 4 (02-28 23:30 local) is February, case 8 (03-31 23:30) March, case 9
# (04-01 00:10 local, 03-31T16:10Z) April. Every other act by the month it
# was done: accepted 1 2 in February, 4 5 6 in March, 11 in April, 12 13 in
# May; declined 3 on 02-05; transferred 7 on 03-31; replied 2 (02-20) on
# time, 1 (03-01) on time, 4 (05-10) late and 5 (05-31 23:30) on time, 13
# (07-10 00:30 local) late; extended 5 on 04-20; reviewed 4 on 06-01; rated
# 1 (satisfied) on 03-03, 4 (unsatisfied) on 05-26, 5 (basically) on 06-01;
# backlog 4 on 06-20, 6 8 9 on 07-03.
rep --by month
is "$(rows)" "month,$M
2017-01,3,0,0,0,0,0,,0,0,0,0,,0,0,0
2017-02,1,2,1,0,1,1,1.0000,1,1,0,0,,0,0,0
2017-03,4,3,0,1,1,1,1.0000,2,2,0,0,1.0000,1,0,0
2017-04,3,1,0,0,0,0,,3,3,1,0,,0,1,0
2017-05,2,2,0,0,2,1,0.5000,1,1,0,0,0.0000,0,0,0
2017-06,4,0,0,0,0,0,,4,0,0,1,1.0000,1,0,1
2017-07,0,0,0,0,1,0,0.0000,0,0,0,0,,0,0,3" \
	"by month: January to July (today), each act in the local month it was done"

rep --by day --from 2017-03-30 --to 2017-04-02 --measures received,collective,backlog
is "$(rows)" "day,received,collective,backlog
2017-03-30,1,0,0
2017-03-31,1,0,0
2017-04-01,1,1,0
2017-04-02,0,0,0" "by day: 03-31 23:30 is 03-31, 03-31T16:10Z is 04-01 (the collective visit); 04-02 a zero row; 8 and 9 were filed as backlog in July, not here"

rep --by year --measures received,open
is "$(rows)" "year,received,open
2017,17,11" "by year"
rep --by year --from 2016-12-01 --measures received,open
is "$(rows)" "year,received,open
2016,0,0
2017,17,11" "by year from 2016-12-01: 2016 a row of zeros"

# --- by week: Monday keys -------------------------------------------------------

# 2017-06-19 is a Monday. From Wednesday 06-21: the week of 06-19 (case 14 on
# Sunday 06-25), of 06-26 (15, 16, 17), 07-03 and 07-10 (today).
rep --by week --from 2017-06-21 --measures received,open
is "$(rows)" "week,received,open
2017-06-19,1,1
2017-06-26,3,3
2017-07-03,0,0
2017-07-10,0,0" "by week: keyed by the Monday, a Sunday case in the week before it, empty weeks zeros"
# 2017-01-01 is a Sunday: its week began on Monday 2016-12-26
rep --by week --from 2017-01-01 --to 2017-02-06 --measures received,declined
is "$(rows)" "week,received,declined
2016-12-26,0,0
2017-01-02,0,0
2017-01-09,0,0
2017-01-16,0,0
2017-01-23,0,0
2017-01-30,3,1
2017-02-06,0,0" "by week across the new year: Sunday 2017-01-01 is in the week of 2016-12-26"

# --- nesting ------------------------------------------------------------------------

rep --by unit,month --unit 510800 --from 2017-03-01 --to 2017-04-30
is "$(rows)" "unit,unit_name,month,$M
510800,广元市生态环境局,2017-03,4,3,0,1,1,1,1.0000,2,2,0,0,1.0000,1,0,0
510800,广元市生态环境局,2017-04,3,1,0,0,0,0,,3,3,1,0,,0,1,0
510802,利州区,2017-03,1,1,0,0,1,1,1.0000,0,0,0,0,1.0000,1,0,0
510802,利州区,2017-04,1,1,0,0,0,0,,1,1,1,0,,0,0,0
510811,昭化区,2017-03,0,1,0,0,0,0,,0,0,0,0,,0,0,0
510811,昭化区,2017-04,$L_ZERO
510812,朝天区,2017-03,1,1,0,0,0,0,,1,1,0,0,,0,0,0
510812,朝天区,2017-04,$L_ZERO
510821,旺苍县,2017-03,1,0,0,0,0,0,,1,1,0,0,,0,0,0
510821,旺苍县,2017-04,1,0,0,0,0,0,,1,1,0,0,,0,1,0
510822,青川县,2017-03,$L_ZERO
510822,青川县,2017-04,$L_ZERO
510823,剑阁县,2017-03,1,0,0,1,0,0,,0,0,0,0,,0,0,0
510823,剑阁县,2017-04,$L_ZERO
510824,苍溪县,2017-03,$L_ZERO
510824,苍溪县,2017-04,1,0,0,0,0,0,,1,1,0,0,,0,0,0" \
	"by unit,month: unit outside, month inside, every combination, zeros included; 昭化区 accepted 4 in March, 利州区 replied to 1 in March and extended 5 in April"

rep --by month,unit --unit 510821 --from 2017-03-01 --to 2017-05-31 --measures received,collective
is "$(rows)" "month,unit,unit_name,received,collective
2017-03,510821,旺苍县,1,0
2017-04,510821,旺苍县,1,1
2017-05,510821,旺苍县,0,0" "by month,unit: the order of --by is the order of nesting"

rep --by channel,category --from 2017-05-01 --to 2017-05-31 --measures received,concluded_on_time,on_time_rate
is "$(rows | grep -v ',0,0,$')" "channel,category,received,concluded_on_time,on_time_rate
letter,enforcement,1,0,
hotline,enforcement,0,1,1.0000
web,enforcement,0,0,0.0000
other,enforcement,1,0," "by channel,category in May: received 13 (letter) and 12 (other); replied 5 (hotline, on time) and 4 (web, late); 13's late reply was in July"
is "$(rows | wc -l | tr -d ' ')" 41 "... and 40 rows: 10 channels x 4 categories (no \"\" category in May)"

# --- --from / --to: local dates, inclusive -------------------------------------------

rep --from 2017-01-31 --to 2017-01-31 --unit 510802 --measures received,declined
is "$(row 510802)" "510802,利州区,2,0" "--from = --to = 01-31: cases 1 and 3 (23:30 local) of 利州区; 3 was declined on 02-05"
rep --to 2017-03-31 --measures received
is "$(row 100000)" "100000,生态环境部,8" "--to 2017-03-31 takes case 8 (23:30 local), not case 9 (00:10 on 04-01)"
rep --from 2017-04-01 --measures received
is "$(row 100000)" "100000,生态环境部,9" "--from 2017-04-01 takes case 9 (04-01 00:10 local = 03-31T16:10Z)"
rep --from 2017-02-28 --to 2017-03-01 --measures received,reviewed,repeat
is "$(row 100000)" "100000,生态环境部,2,0,1" "--from 02-28 --to 03-01: cases 4 and 5, both ends inclusive (4's review was on 06-01)"
rep --from 2017-07-01 --unit 510800 --measures received,open,overdue_now
is "$(row 510800)" "510800,广元市生态环境局,0,0,0" "nothing received after 07-01: a row of zeros"

# --- overdue_now as of --now ---------------------------------------------------------

# the accept clocks of 14, 15, 16, 17 fall due on 07-10, 12, 13, 14: overdue
# from the day after, in local time
for t in "2017-07-10T23:59:00+08:00 7" "2017-07-10T16:30:00Z 8" "2017-07-11 8" "2017-07-13 9" \
	"2017-07-14T08:00:00+08:00 10" "2017-07-15 11"; do
	set -- $t
	rep --now "$1" --unit 510800 --measures overdue_now
	is "$(row 510800)" "510800,广元市生态环境局,$2" "overdue_now as of --now $1: $2"
done
rep --now 2017-07-15 --unit 510800 --measures open,overdue_now
is "$(rows)" "unit,unit_name,open,overdue_now
510800,广元市生态环境局,11,11
510802,利州区,1,1
510811,昭化区,1,1
510812,朝天区,2,2
510821,旺苍县,2,2
510822,青川县,0,0
510823,剑阁县,1,1
510824,苍溪县,2,2" "on 07-15 every open case is overdue, unit by unit"
rep --now 2017-05-01 --to 2017-03-31 --unit 510802 --measures received,overdue_now
is "$(row 510802)" "510802,利州区,3,0" "as of 05-01, 利州区's cases of January to March (1, 3, 5): none overdue yet"

# --- --measures --------------------------------------------------------------------

rep --unit 510811 --measures received,on_time_rate,satisfied_rate,backlog
is "$(rows)" "unit,unit_name,received,on_time_rate,satisfied_rate,backlog
510811,昭化区,3,0.0000,0.0000,0" "--measures picks the columns"
rep --unit 510811 --measures backlog,received
is "$(rows)" "unit,unit_name,received,backlog
510811,昭化区,3,0" "--measures: the columns keep the documented order"
run prep --now "$NOW" -f jsonl --unit 510822 --measures on_time_rate,open </dev/null
is "$OUT" '{"unit":"510822","unit_name":"青川县","on_time_rate":null,"open":0}' "--measures in jsonl"

# --- the table's total row -------------------------------------------------------------

run prep --now "$NOW" -f table </dev/null
is_rc 0 "table: exit 0"
is "$(printf '%s\n' "$OUT" | tail -1 | tr -s ' ')" "total 17 8 1 1 5 3 0.6000 11 7 1 1 0.6667 2 1 4" \
	"table by unit: the total row counts each case once (17, not the 17+17+17+... of the rows)"
is "$(printf '%s\n' "$OUT" | grep -c .)" 12 "table: header, 10 units, total"
is "$(printf '%s\n' "$OUT" | grep 青川县 | tr -s ' ')" "510822 青川县 0 0 0 0 0 0 0 0 0 0 0 0 0" \
	"table: 青川县's zeros, its rates blank"
run prep --now "$NOW" -f table --by unit,month --unit 510800 --from 2017-03-01 --to 2017-04-30 </dev/null
is "$(printf '%s\n' "$OUT" | tail -1 | tr -s ' ')" "total 7 4 0 1 1 1 1.0000 5 5 1 0 1.0000 1 1 0" \
	"table by unit,month: the total row is the acts of March and April, once each"
run prep --now "$NOW" -f table --by channel --measures received,satisfied_rate </dev/null
is "$(printf '%s\n' "$OUT" | tail -1 | tr -s ' ')" "total 17 0.6667" "table by channel: total"
run prep --now "$NOW" -f table --unit 510822 </dev/null
is "$(printf '%s\n' "$OUT" | tail -1 | tr -s ' ')" "total 0 0 0 0 0 0 0 0 0 0 0 0 0" "table of 青川县: a total of zeros"
run prep --now "$NOW" -f csv --unit 510802 </dev/null
lacks "$OUT" "total" "csv has no total row"
run prep --now "$NOW" -f jsonl --unit 510802 </dev/null
lacks "$OUT" "total" "jsonl has no total row"

# --- usage errors: exit 2, a message naming the option, nothing on stdout ---------

sum=$(dbsum)
usage() {
	t_re=$1; shift
	run prep --now "$NOW" -f csv "$@" </dev/null
	is "$RC|$OUT" "2|" "$*: exit 2, nothing on stdout"
	like "$ERR" "^petition-report: .*$t_re" "$*: the message names $t_re"
}
usage '--by: "county"' --by county
usage '--by: "months"' --by unit,months
usage '--by' --by unit,unit
usage '--from: "2017-02-30" is not a date' --from 2017-02-30
usage '--to: "2017-13-01" is not a date' --to 2017-13-01
usage '--from: "20170301" is not a date' --from 20170301
usage '--from 2017-05-01 is after --to 2017-04-01' --from 2017-05-01 --to 2017-04-01
usage '--from 2017-08-01 is after --to 2017-07-10' --from 2017-08-01
usage '--unit: "510899" is not a known unit' --unit 510899
usage '--unit: "成都市" is not a known unit' --unit 成都市
usage '--measures: "speed" is not a measure' --measures received,speed
usage 'one of --daily, --weekly, --monthly, --risk-daily, --risk-weekly, --risk-monthly, --overdue, --backlog, --backlog-files, --due-within, --visits, --orders, --annual at a time' --daily 2017-07-01 --overdue
usage '--daily.*--weekly|--weekly.*--daily' --daily 2017-07-01 --weekly 2017-07-01
usage '--backlog.*--due-within|--due-within.*--backlog' --backlog --due-within 3
usage 'unexpected operand' GY-2017-000001
usage '--format' --format xml
is "$(dbsum)" "$sum" "the report reads only: the database is unchanged"

# --- a reported period does not move after the fact --------------------------------

# January to June as reported on 07-10; then 5 (利州区) is delivered, its
# review goes up to the city and its re-review to the province, and 4's
# re-review goes from the city to the province. Every measure of the period
# stays where and when it was counted; open and overdue_now count where the
# cases are now.
P="--by unit,month --from 2017-01-01 --to 2017-06-30"
KEPT=received,accepted,declined,transferred,concluded,concluded_on_time,on_time_rate,extended,reviewed,satisfied_rate,repeat,collective,backlog
rep $P --measures $KEPT
before=$(rows)
rep --unit 510800 --measures received,open,overdue_now
before_open=$(rows)
step p_handle 2017-07-11T10:00:00+08:00 --deliver 5
step p_review 2017-07-11T11:00:00+08:00 --request review 5
step p_review 2017-07-12T10:00:00+08:00 --decide --result upheld --text 维持 4
step p_review 2017-07-13T10:00:00+08:00 --request rereview 4
step p_review 2017-07-14T10:00:00+08:00 --decide --result upheld --text 维持 5
step p_review 2017-07-15T10:00:00+08:00 --request rereview 5
run pshow --format jsonl 4 5 </dev/null
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
print(" ".join(r["unit"] + ":" + r["status"] for r in map(json.loads, sys.stdin) if "status" in r))')" \
	"510000:rereviewing 510000:rereviewing" "set-up: 4 and 5 are re-reviewed at the province"
rep $P --measures $KEPT
is "$(rows)" "$before" "January to June again after the reviews and re-reviews: the same rows"
rep --unit 510802 --measures received,concluded,satisfied_rate,open
is "$(rows)" "unit,unit_name,received,concluded,open,satisfied_rate
510802,利州区,4,2,1,1.0000" "利州区 keeps case 5: received, replied to and rated there"
rep --now 2017-07-16 --from 2017-07-11 --unit 510000 --measures open,reviewed
is "$(rows)" "unit,unit_name,open,reviewed
510000,四川省生态环境厅,0,1
510800,广元市生态环境局,0,1
510802,利州区,0,0
510811,昭化区,0,0
510812,朝天区,0,0
510821,旺苍县,0,0
510822,青川县,0,0
510823,剑阁县,0,0
510824,苍溪县,0,0" "5's review of 07-11 counts at the city that took it up, not at 利州区 (re-reviews are not reviews)"
rep --unit 510800 --measures received,open,overdue_now
is "$(rows)" "$(printf '%s\n' "$before_open" | "$PYTHON" -c '
import sys
for l in sys.stdin:
    r = l.rstrip("\n").split(",")
    if r[0] == "510800":
        r[3] = str(int(r[3]) - 1); r[4] = str(int(r[4]) - 1)   # 4 left for the province
    print(",".join(r))')" "open and overdue_now count where the case is now: 4 left the city's"

done_testing
