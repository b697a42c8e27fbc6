#!/bin/sh
# petition-report --annual YEAR: the annual report (年度报告, art. 41) over
# a small known data set of two years, every table's numbers worked out by
# hand: cases by pollution type, channel and purpose, the top units and
# accused with their repeats, transfers, assignments, supervisions and
# orders with their results, on-time acceptance (及时受理率) and conclusion
# (按期办结率), reviews, backlog files; each figure this year, last year,
# the change and its rate; each act at the unit that did it; years on local
# dates; units with nothing as rows of zeros; --unit; every format; bad
# years and modes that do not go together.
T_TOOLS="petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

NOW=2017-12-20T09:00:00+08:00

# --- the known cases --------------------------------------------------------
#
#  #  unit    received (local)  channel  pollution  purpose     accused  what happens
#  1  510802  2016-03-01        letter   air        accusation  甲厂     accepted 03-05 (due 03-16: on time),
#                                                                        replied 03-20 (support, on time)
#  2  510802  2016-04-01        hotline  water      accusation  甲厂     repeat of 1 (same accused); never decided
#  3  510811  2016-05-01        web      noise      suggestion  乙厂     declined 05-30 (due 05-16: late)
#  4  510800  2016-06-01        visit    other      -           -        an order (督办) on it from 510000, never answered
#  5  510811  2016-12-31 23:30  letter   air        appeal      丙厂     (= 2016-12-31T15:30Z: of 2016)
#  6  510802  2017-01-01 00:30  letter   air        accusation  甲厂     (= 2016-12-31T16:30Z: of 2017; 甲厂's last case
#                                                                        is 275 days before: no repeat); accepted 01-05
#                                                                        (on time), replied 02-10 (support, on time),
#                                                                        delivered; review (复查) at 510800, upheld
#                                                                        03-10; re-review (复核) requested at 510000
#  7  510802  2017-02-01        web      air        accusation  甲厂     repeat of 6; accepted 02-25 (due 02-16: late),
#                                                                        replied 06-01 (reject; due 04-26: late)
#  8  510802  2017-03-01        hotline  water      accusation  甲厂     repeat of 7
#  9  510811  2017-03-05        wechat   noise      suggestion  乙厂     declined 03-10 (on time)
# 10  510811  2017-04-01        letter   soil       accusation  丁厂     transferred to 510812 04-05, which objects
#                                                                        04-07; an order on it from 510800 04-10,
#                                                                        due 04-30, answered 04-25 (on time)
# 11  510812  2017-05-01        web      water      appeal      戊厂     transferred out to 广元市水利局 05-03
# 12  510800  2017-06-01        letter   ecology    -           -        accepted 06-02 (on time), assigned (交办)
#                                                                        to 510811 06-03, report by 06-20; replied
#                                                                        there 06-15 (explain, on time)
# 13  510802  2017-07-01        hotline  air        accusation  乙厂     repeat of 9 (118 days)
#
# petition-escalate on 2017-07-20: supervisions (督办) of 2, 8, 13 (510802),
# 4 (510800), 5, 10 (510811) (accept overdue) and 6 (510000, re-review
# overdue); backlog (积案) of 2, 4, 5, 8, 10 (open for over 90 days) and 6;
# case 8's file resolved (案结事了) 08-01.

p_add()    { "$PETITION_BIN/petition-add" "$@"; }
p_assign() { "$PETITION_BIN/petition-assign" "$@"; }
p_handle() { "$PETITION_BIN/petition-handle" "$@"; }
p_review() { "$PETITION_BIN/petition-review" "$@"; }
p_sup()    { "$PETITION_BIN/petition-supervise" "$@"; }
pesc()     { "$PETITION_BIN/petition-escalate" "$@"; }
prep()     { "$PETITION_BIN/petition-report" "$@"; }
step() {
	t_tool=$1 t_at=$2; shift 2
	"$t_tool" -q --now "$t_at" "$@" </dev/null || diag "set-up failed: $t_tool --now $t_at $*"
}
# case RECEIVED UNIT CHANNEL POLLUTION PURPOSE ACCUSED PHONE: one JSON line
case_line() {
	printf '{"received_at":"%s","unit":"%s","channel":"%s","subject":"事由","petitioner_phone":"%s"' \
		"$1" "$2" "$3" "$7"
	[ "$4" = - ] || printf ',"pollution_type":"%s"' "$4"
	[ "$5" = - ] || printf ',"purpose":"%s"' "$5"
	[ "$6" = - ] || printf ',"accused":"%s"' "$6"
	printf '}\n'
}
annual_setup() {
	{
	case_line 2016-03-01T10:00:00+08:00 510802 letter air accusation 甲厂 13900000001
	case_line 2016-04-01T10:00:00+08:00 510802 hotline water accusation 甲厂 13900000002
	case_line 2016-05-01T10:00:00+08:00 510811 web noise suggestion 乙厂 13900000003
	case_line 2016-06-01T10:00:00+08:00 510800 visit other - - 13900000005
	case_line 2016-12-31T23:30:00+08:00 510811 letter air appeal 丙厂 13900000004
	} | p_add -q --now 2016-12-31T23:40:00+08:00 || diag "set-up failed: the cases of 2016"
	step p_assign 2016-03-05T10:00:00+08:00 --accept --category enforcement 1
	step p_handle 2016-03-20T10:00:00+08:00 --reply 答复 --outcome support 1
	step p_assign 2016-05-30T10:00:00+08:00 --decline --reason 不属于受理范围 3
	step p_sup 2016-06-02T10:00:00+08:00 --kind individual --unit 510800 --by-unit 510000 \
		--due 2016-06-30 --case 4
	{
	case_line 2017-01-01T00:30:00+08:00 510802 letter air accusation 甲厂 13900000006
	case_line 2017-02-01T10:00:00+08:00 510802 web air accusation 甲厂 13900000007
	case_line 2017-03-01T10:00:00+08:00 510802 hotline water accusation 甲厂 13900000008
	case_line 2017-03-05T10:00:00+08:00 510811 wechat noise suggestion 乙厂 13900000009
	case_line 2017-04-01T10:00:00+08:00 510811 letter soil accusation 丁厂 13900000010
	case_line 2017-05-01T10:00:00+08:00 510812 web water appeal 戊厂 13900000011
	case_line 2017-06-01T10:00:00+08:00 510800 letter ecology - - 13900000012
	case_line 2017-07-01T10:00:00+08:00 510802 hotline air accusation 乙厂 13900000013
	} | p_add -q --now 2017-07-01T12:00:00+08:00 || diag "set-up failed: the cases of 2017"
	step p_assign 2017-01-05T10:00:00+08:00 --accept --category enforcement 6
	step p_handle 2017-02-10T10:00:00+08:00 --reply 答复 --outcome support 6
	step p_handle 2017-02-11T10:00:00+08:00 --deliver 6
	step p_review 2017-02-20T10:00:00+08:00 --request review 6
	step p_review 2017-03-10T10:00:00+08:00 --decide --result upheld --text 维持 6
	step p_review 2017-03-15T10:00:00+08:00 --request rereview 6
	step p_assign 2017-02-25T10:00:00+08:00 --accept --category petition 7
	step p_handle 2017-06-01T10:00:00+08:00 --reply 答复 --outcome reject 7
	step p_assign 2017-03-10T10:00:00+08:00 --decline --reason 不属于受理范围 9
	step p_assign 2017-04-05T10:00:00+08:00 --transfer --to 510812 10
	step p_assign 2017-04-07T10:00:00+08:00 --object --reason 不属本单位职责 10
	step p_assign 2017-05-03T10:00:00+08:00 --transfer --to 广元市水利局 11
	step p_assign 2017-06-02T10:00:00+08:00 --accept --category enforcement 12
	step p_assign 2017-06-03T10:00:00+08:00 --assign --to 510811 --report-by 2017-06-20 12
	step p_handle 2017-06-15T10:00:00+08:00 --reply 答复 --outcome explain 12
	step p_sup 2017-04-10T10:00:00+08:00 --kind individual --unit 510811 --by-unit 510800 \
		--due 2017-04-30 --case 10
	step p_sup 2017-04-25T10:00:00+08:00 --result SV-2 --text 已办理
	pesc --now 2017-07-20T07:00:00+08:00 </dev/null >/dev/null || diag "set-up failed: petition-escalate"
	step p_handle 2017-08-01T10:00:00+08:00 --backlog-resolution resolved --reason 已化解 8
}

annual_setup
run qlist -f csv </dev/null
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import csv, sys
print(" ".join("%s:%s:%s:%s" % (r["id"], r["unit"], r["status"], (r["repeat_of"] or "-")[-2:])
               for r in csv.DictReader(sys.stdin)))')" \
"1:510802:replied:- 2:510802:registered:01 3:510811:declined:- 4:510800:registered:- \
5:510811:registered:- 6:510000:rereviewing:- 7:510802:replied:01 8:510802:registered:02 \
9:510811:declined:- 10:510811:registered:- 11:510812:transferred:- 12:510811:replied:- \
13:510802:registered:04" "set-up: the thirteen cases stand as planned"

# rep ARGS...: petition-report as of $NOW
rep() { run prep --now "$NOW" "$@" </dev/null; }
# fig TABLE: the rows of TABLE in the last CSV output, one a line:
# [rank ]item measure this,last,change,change_rate
fig() {
	"$PYTHON" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if r["table"] == sys.argv[2]:
        print(" ".join(x for x in (r["rank"], r["item"] or "-", r["measure"]) if x),
              ",".join(r[k] for k in ("this_year", "last_year", "change", "change_rate")))
' "$T_DIR/out" "$1"
}

# --- the year 2017 against 2016 ------------------------------------------------

rep --annual 2017 -f csv
is "$RC|$ERR" "0|" "--annual 2017: exit 0, nothing on stderr"
is "$(head -n 1 "$T_DIR/out" | tr -d '\r')" \
	'"table","rank","item","item_name","measure","measure_name","this_year","last_year","change","change_rate"' \
	"CSV: one header for all the tables"
is "$(tail -n +2 "$T_DIR/out" | cut -d, -f1 | uniq | tr -d '"' | tr '\n' ' ')" \
	"pollution_type channel purpose top_units top_accused handling on_time reviews backlog units " \
	"CSV: the tables in order, each row naming its own"

# 8 cases in 2017 (6 from 00:30 on New Year's day), 5 in 2016 (5 at 23:30
# on New Year's Eve): years of local dates
is "$(fig pollution_type)" "air received 3,2,1,0.5000
water received 2,1,1,1.0000
noise received 1,1,0,0.0000
solid_waste received 0,0,0,
radiation received 0,0,0,
soil received 1,0,1,
ecology received 1,0,1,
other received 0,1,-1,-1.0000
total received 8,5,3,0.6000" "by pollution type: every type, zeros included, the change and its rate"
is "$(fig channel)" "letter received 3,2,1,0.5000
visit received 0,1,-1,-1.0000
hotline received 2,1,1,1.0000
web received 2,1,1,1.0000
wechat received 1,0,1,
weibo received 0,0,0,
mailbox received 0,0,0,
transfer received 0,0,0,
media received 0,0,0,
other received 0,0,0,
total received 8,5,3,0.6000" "by channel"
is "$(fig purpose)" "suggestion received 1,1,0,0.0000
accusation received 5,2,3,1.5000
appeal received 1,1,0,0.0000
- received 1,1,0,0.0000
total received 8,5,3,0.6000" "by purpose, the cases that give none on a row of their own"

# each unit's own cases, most first, then in the units' order; those with
# none too (ten units, fewer than twenty)
is "$(fig top_units)" "1 510802 received 4,2,2,1.0000
1 510802 repeat 3,1,2,2.0000
2 510811 received 2,2,0,0.0000
2 510811 repeat 0,0,0,
3 510800 received 1,1,0,0.0000
3 510800 repeat 0,0,0,
4 510812 received 1,0,1,
4 510812 repeat 0,0,0,
5 100000 received 0,0,0,
5 100000 repeat 0,0,0,
6 510000 received 0,0,0,
6 510000 repeat 0,0,0,
7 510821 received 0,0,0,
7 510821 repeat 0,0,0,
8 510822 received 0,0,0,
8 510822 repeat 0,0,0,
9 510823 received 0,0,0,
9 510823 repeat 0,0,0,
10 510824 received 0,0,0,
10 510824 repeat 0,0,0," "the units complained about most, with their repeats; units with none as zeros"
# 丙厂 had cases in 2016 only; 丁 (U+4E01) before 戊 (U+620A) at equal counts
is "$(fig top_accused)" "1 甲厂 received 3,2,1,0.5000
1 甲厂 repeat 2,1,1,1.0000
2 乙厂 received 2,1,1,1.0000
2 乙厂 repeat 1,0,1,
3 丁厂 received 1,0,1,
3 丁厂 repeat 0,0,0,
4 戊厂 received 1,0,1,
4 戊厂 repeat 0,0,0," "the accused complained about most, with their repeats"
is "$(fig handling)" "total transferred 2,0,2,
total transferred_within 1,0,1,
total transferred_out 1,0,1,
total objected 1,0,1,
total assigned 1,0,1,
total assigned_reported 1,0,1,
total assigned_reported_on_time 1,0,1,
total supervised 7,0,7,
total escalated 0,0,0,
total orders 1,1,0,0.0000
total orders_answered 1,0,1,
total orders_answered_on_time 1,0,1," "transfers, assignments, supervisions and orders, with their results"
is "$(fig on_time)" "total decided 4,2,2,1.0000
total decided_on_time 3,1,2,2.0000
total on_time_acceptance_rate 0.7500,0.5000,0.2500,
total concluded 3,1,2,2.0000
total concluded_on_time 2,1,1,1.0000
total on_time_conclusion_rate 0.6667,1.0000,-0.3333,
total outcome_support 1,1,0,0.0000
total outcome_explain 1,0,1,
total outcome_reject 1,0,1," "on-time acceptance and conclusion, rates to 4 decimals, the outcomes"
is "$(fig reviews)" "total review_requested 1,0,1,
total review_upheld 1,0,1,
total review_changed 0,0,0,
total rereview_requested 1,0,1,
total rereview_upheld 0,0,0,
total rereview_changed 0,0,0," "reviews and re-reviews and their results"
is "$(fig backlog)" "total backlog_filed 6,0,6,
total backlog_resolved 1,0,1,
total backlog_withdrawn 0,0,0," "backlog files and their resolutions"
# a unit's row counts its own acts and those of the units under it; case
# 12's reply counts at 510811, which replied as assigned
is "$(fig units | grep -E '^(510800|510811|510812|510822) ')" "510800 received 8,5,3,0.6000
510800 repeat 3,1,2,2.0000
510800 transferred 2,0,2,
510800 assigned 1,0,1,
510800 on_time_acceptance_rate 0.7500,0.5000,0.2500,
510800 concluded 3,1,2,2.0000
510800 on_time_conclusion_rate 0.6667,1.0000,-0.3333,
510811 received 2,2,0,0.0000
510811 repeat 0,0,0,
510811 transferred 1,0,1,
510811 assigned 0,0,0,
510811 on_time_acceptance_rate 1.0000,0.0000,1.0000,
510811 concluded 1,0,1,
510811 on_time_conclusion_rate 1.0000,,,
510812 received 1,0,1,
510812 repeat 0,0,0,
510812 transferred 1,0,1,
510812 assigned 0,0,0,
510812 on_time_acceptance_rate ,,,
510812 concluded 0,0,0,
510812 on_time_conclusion_rate ,,,
510822 received 0,0,0,
510822 repeat 0,0,0,
510822 transferred 0,0,0,
510822 assigned 0,0,0,
510822 on_time_acceptance_rate ,,,
510822 concluded 0,0,0,
510822 on_time_conclusion_rate ,,," "every unit, rolled up; a unit with nothing is zeros, its rates empty"
is "$(fig units | cut -d' ' -f1 | uniq | tr '\n' ' ')" \
	"100000 510000 510800 510802 510811 510812 510821 510822 510823 510824 " "every unit, in tree order"
cp "$T_DIR/out" "$T_DIR/2017.csv"

# --- --unit ------------------------------------------------------------------

rep --annual 2017 -f csv --unit 510811
is "$(fig pollution_type | grep -v ' 0,0,0,$')" "air received 0,1,-1,-1.0000
noise received 1,1,0,0.0000
soil received 1,0,1,
total received 2,2,0,0.0000" "--unit: the cases registered there"
is "$(fig top_units; fig top_accused)" "1 510811 received 2,2,0,0.0000
1 510811 repeat 0,0,0,
1 丁厂 received 1,0,1,
1 丁厂 repeat 0,0,0,
2 乙厂 received 1,1,0,0.0000
2 乙厂 repeat 0,0,0," "--unit: its own top lists (乙厂's case at 510802 is not among them)"
is "$(fig handling | grep -v ' 0,0,0,$'; fig on_time | grep rate)" "total transferred 1,0,1,
total transferred_within 1,0,1,
total supervised 2,0,2,
total on_time_acceptance_rate 1.0000,0.0000,1.0000,
total on_time_conclusion_rate 1.0000,,," "--unit: the acts done there"

# --- 2016 against 2015, and a year with nothing -------------------------------

rep --annual 2016 -f csv
is "$(fig pollution_type | tail -n 1; fig on_time | head -n 3; fig handling | grep orders)" \
"total received 5,0,5,
total decided 2,0,2,
total decided_on_time 1,0,1,
total on_time_acceptance_rate 0.5000,,,
total orders 1,0,1,
total orders_answered 0,0,0,
total orders_answered_on_time 0,0,0," "2016 against 2015: nothing then, no change rate over nothing"
rep --annual 2010 -f csv
is "$RC|$(tail -n +2 "$T_DIR/out" | wc -l | tr -d ' ')|$(fig top_accused)" "0|144|" \
	"a year with nothing: the tables of zeros, no accused"
is "$("$PYTHON" -c '
import csv, sys
bad = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
       if any(r[k] not in ("", "0") for k in ("this_year", "last_year", "change", "change_rate"))]
print(len(bad))' "$T_DIR/out")" "0" "a year with nothing: every figure zero or empty"

# --- the formats -----------------------------------------------------------------

rep --annual 2017 -f jsonl
is "$RC" 0 "jsonl: exit 0"
is "$("$PYTHON" -c '
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
recs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
def same(c, j):
    if isinstance(j, str):
        return j == c
    return j is None if c == "" else float(c) == j
bad = [i for i, (r, j) in enumerate(zip(rows, recs))
       if list(r) != list(j) or not all(same(r[k], j[k]) for k in r)]
print(len(rows), len(recs), bad[:3])' "$T_DIR/2017.csv" "$T_DIR/out")" "153 153 []" \
	"jsonl: the same records as the CSV, numbers as numbers, empty as null"

rep --annual 2017 -f table
is "$(printf '%s\n' "$OUT" | grep -c '^2017: ')" 10 "table: ten tables, each under its title"
contains "$OUT" "2017: cases by pollution type (against 2016)" "table: the title names both years"
like "$OUT" "$(printf 'ecology +生态 +收件数 +1 +0 +1')" "table: a row aligned"
rep --annual 2017 -f table --header zh
contains "$OUT" "2017年按污染类型（与2016年比较）" "table --header zh: the Chinese title"
like "$OUT" "名次 +项目 +项目名称 +指标名称 +本年 +上年 +增减 +增减率" "table --header zh: Chinese headers"
like "$OUT" "total +合计 +收件数 +8 +5 +3 +0.6000" "table --header zh: the total row in Chinese"
rep --annual 2017 -f csv --header zh --bom
is "$(head -c 3 "$T_DIR/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "csv --bom: the BOM"
contains "$(head -n 1 "$T_DIR/out")" '"表","名次","项目"' "csv --header zh: Chinese headers"

# --- bad years and modes that do not go with it -------------------------------------

usage() {
	t_re=$1; shift
	rep -f csv "$@"
	is "$RC|$OUT" "2|" "$*: exit 2, nothing on stdout"
	like "$ERR" "^petition-report: .*$t_re" "$*: the message names $t_re"
}
usage '--annual: "17" is not a year \(YYYY' --annual 17
usage '--annual: "abc" is not a year' --annual abc
usage '--annual: 2018 has not begun \(today is 2017-12-20\)' --annual 2018
usage 'one of .*--orders, --annual at a time' --annual 2017 --daily 2017-07-01
usage '--by does not go with --annual' --annual 2017 --by unit
usage '--from and --to do not go with --annual' --annual 2017 --from 2017-01-01
usage '--measures does not go with --annual' --annual 2017 --measures received
usage '--unit' --annual 2017 --unit 999999

done_testing
