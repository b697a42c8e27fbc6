#!/bin/sh
# petition-report output for Excel, clerks and privacy: RFC 4180 CSV with
# CRLF, --bom, --header zh, no NaN or inf anywhere, tables aligned with
# Chinese unit names, no personal data in any report or list whatever the
# options; the lists --overdue, --due-within and --backlog with days_overdue
# and age_days worked out by hand.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/report-cases.sh"
# every output of petition-report in this test is kept here, for the checks
# of section 5 (personal data, NaN and inf)
ALL="$T_DIR/all-output"
: >"$ALL"
# rep ARGS...: petition-report as of $NOW; the output is also kept in $ALL
rep() {
	run prep --now "$NOW" "$@" </dev/null
	cat "$T_DIR/out" >>"$ALL"
}
# csv_problems: what is wrong with the last output as RFC 4180 CSV with
# CRLF line ends (nothing if right): a line end that is not CRLF, a row
# with another number of fields than the header, a quote inside an
# unquoted field, no final CRLF
csv_problems() {
	"$PYTHON" -c '
import csv, io, re, sys
data = open(sys.argv[1], "rb").read()
if data.startswith(b"\xef\xbb\xbf"):
    data = data[3:]
if not data.endswith(b"\r\n"):
    print("no CRLF at the end")
body = data.replace(b"\r\n", b"")
if b"\n" in re.sub(rb"\"(?:[^\"]|\"\")*\"", b"", body) or b"\r" in re.sub(rb"\"(?:[^\"]|\"\")*\"", b"", body):
    print("a bare LF or CR outside quotes")
text = data.decode("utf-8")
# each field: empty, plain (no quote, comma, CR, LF) or quoted with doubled quotes
field = r"(?:\"(?:[^\"]|\"\")*\"|[^\",\r\n]*)"
rec = re.compile(field + r"(?:," + field + r")*\r\n")
pos = 0
while pos < len(text):
    m = rec.match(text, pos)
    if not m:
        print("not RFC 4180 at offset %d: %r" % (pos, text[pos:pos + 40]))
        break
    pos = m.end()
rows = list(csv.reader(io.StringIO(text, newline="")))
for n, r in enumerate(rows[1:], 2):
    if len(r) != len(rows[0]):
        print("row %d: %d fields, the header has %d" % (n, len(r), len(rows[0])))
' "$T_DIR/out"
}
# rows: the CSV the last run printed, parsed, one line a row, fields joined by |
rows() {
	"$PYTHON" -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for r in csv.reader(f):
        print("|".join(r))
' "$T_DIR/out"
}
# items: the list records of the last jsonl run, one line each, the fields
# in the order of the columns joined by |, null as -
items() {
	printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
keys = "case_no unit unit_name handler leader clock due days_overdue age_days last_supervision status".split()
for l in sys.stdin:
    if l.strip():
        r = json.loads(l)
        print("|".join("-" if r.get(k) is None else str(r.get(k)) for k in keys))
' | sort
}
# items_of KEYS...: the same, only these keys
items_of() {
	printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
for l in sys.stdin:
    if l.strip():
        r = json.loads(l)
        print("|".join("-" if r.get(k) is None else str(r.get(k)) for k in sys.argv[1:]))
' "$@" | sort
}
# table_ok DESCRIPTION: the last table output is aligned (each section of a
# zero report on its own: the rows, then the list after its title line)
table_ok() {
	t_bad=$(printf '%s\n' "$OUT" | sed '/^$/,$d' | aligned)
	t_list=$(printf '%s\n' "$OUT" | sed '1,/^$/d' | sed 1d)
	[ -z "$t_list" ] || [ "$(printf '%s\n' "$t_list" | grep -c .)" -lt 2 ] ||
		t_bad="$t_bad$(printf '%s\n' "$t_list" | aligned)"
	is "$t_bad" "" "$1"
}

setup_cases
check_setup

# === 1. CSV for Excel ==========================================================

M="received,accepted,declined,transferred,concluded,concluded_on_time,on_time_rate,open,overdue_now,extended,reviewed,satisfied_rate,repeat,collective,backlog"
for args in "" "--by channel" "--by unit,month --unit 510800" "--by status,category" "--by week --from 2017-06-01" \
	"--daily 2017-04-01" "--weekly 2017-07-03" "--monthly 2017-04" "--overdue" "--due-within 3" "--backlog" \
	"--header zh" "--header zh --by pollution_type,year" "--bom" "--bom --header zh --overdue"; do
	rep -f csv $args
	is "$RC|$(csv_problems)" "0|" "csv $args: RFC 4180, CRLF line ends, as many fields in every row as in the header"
done

rep -f csv --unit 510802
is "$(head -c 19 "$T_DIR/out")" '"unit","unit_name",' "csv without --bom: the header comes first"
is "$(head -1 "$T_DIR/out" | od -An -tx1 | tr -d ' \n' | tail -c 4)" "0d0a" "the header line ends with CR LF"
is "$(sed -n 2p "$T_DIR/out" | od -An -tx1 | tr -d ' \n' | tail -c 4)" "0d0a" "the row ends with CR LF"
rep -f csv --bom --unit 510802
is "$(head -c 3 "$T_DIR/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom: EF BB BF first"
is "$(rows)" "unit|unit_name|$(printf %s "$M" | tr , "|")
510802|利州区|4|3|1|0|2|2|1.0000|1|1|1|0|1.0000|1|0|0" "--bom: then the same CSV"
rep -f csv --bom --overdue --unit 510821
is "$(head -c 3 "$T_DIR/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom on a list: EF BB BF first"
rep -f csv --bom --daily 2017-04-01
is "$(head -c 3 "$T_DIR/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom on a zero report: EF BB BF first"
is "$(grep -c "$(printf '\357\273\277')" "$T_DIR/out")" 1 "... and only once"

# quoting: a comma and quotes in handler and leader names
rep -f csv --overdue --unit 510802
like "$(cat "$T_DIR/out")" '"刘,科员"' "a field with a comma is quoted"
rep -f csv --overdue --unit 510812
like "$(cat "$T_DIR/out")" '"黄""局长"""' "a quote in a field is doubled inside quotes"
is "$(rows | sed -n 2p | cut -d'|' -f1,5)" 'GY-2017-000006|黄"局长"' "... and reads back as it was"

# --header zh: the Chinese headers of petition-report(1)
ZH="收件数,受理数,不予受理数,转送数,办结数,按期办结数,按期办结率,在办数,超期数,延期数,复查数,满意率,重复信访数,集体访数,积案数"
rep -f csv --header zh --unit 510822
is "$(rows)" "单位代码|单位|$(printf %s "$ZH" | tr , "|")
510822|青川县|0|0|0|0|0|0||0|0|0|0||0|0|0" "--header zh: 单位代码 单位 and the measures in Chinese"
rep -f csv --header zh --by unit,month,week,day,year --unit 510822 --from 2017-07-10 --to 2017-07-10 --measures received
is "$(rows | sed -n 1p)" "单位代码|单位|月份|周(周一)|日期|年份|收件数" "--header zh: 月份 周(周一) 日期 年份"
is "$(rows | sed -n 2p)" "510822|青川县|2017-07|2017-07-10|2017-07-10|2017|0" "... over the values (Monday 2017-07-10)"
rep -f csv --header zh --by channel,pollution_type,category,status --unit 510822 --from 2017-07-10 --measures received
is "$(rows | sed -n 1p)" "渠道|污染类型|分类|状态|收件数" "--header zh: 渠道 污染类型 分类 状态"
is "$(rows | sed 1d | wc -l | tr -d ' ')" 3520 "... 10 channels x 8 pollution types x 4 categories x 11 statuses, all zeros"
rep -f csv --header zh --by year --measures received,on_time_rate,satisfied_rate
is "$(rows)" "年份|收件数|按期办结率|满意率
2017|17|0.6000|0.6667" "--header zh --by year"
rep -f table --header zh --unit 510800 --measures received,on_time_rate
is "$(printf '%s\n' "$OUT" | sed -n '1p;$p' | tr -s ' ')" "单位代码 单位 收件数 按期办结率
合计 17 0.6000" "table --header zh: Chinese header, total row 合计"
rep -f table --unit 510800 --measures received,on_time_rate
is "$(printf '%s\n' "$OUT" | sed -n '$p' | tr -s ' ')" "total 17 0.6000" "table --header en: total row total"

# === 2. tables: aligned with Chinese names ======================================

rep -f table
table_ok "table by unit: aligned"
rep -f table --header zh --unit 510800
table_ok "table by unit --header zh: aligned"
rep -f table --by unit,week --unit 510800 --from 2017-06-19
table_ok "table by unit,week: aligned"
rep -f table --by channel,status --measures received,on_time_rate,satisfied_rate --header zh
table_ok "table by channel,status --header zh: aligned"
rep -f table --overdue
table_ok "table --overdue (Chinese names of units, handlers and leaders): aligned"
rep -f table --header zh --overdue
table_ok "table --overdue --header zh: aligned"
rep -f table --backlog
table_ok "table --backlog: aligned"
rep -f table --due-within 3
table_ok "table --due-within 3: aligned"
rep -f table --daily 2017-07-03 --unit 510800
table_ok "table --daily (rows, then the list of backlog cases): both parts aligned"
rep -f table --header zh --monthly 2017-04
table_ok "table --monthly --header zh (rows, then the list): both parts aligned"
is "$(printf '%s\n' "$OUT" | grep -c '^合计')" 1 "... one total row"

# === 3. the lists ===============================================================

# --overdue on 2017-07-10: every open duty clock due before today. Not case 1
# (its open clock is the petitioner's window to ask for review, due 04-01),
# nor 13 (replied), 14 (due today). days_overdue = 07-10 - due, age_days =
# 07-10 - the local date of receipt. last_supervision: the last record of
# petition-escalate (06-20 or 07-03).
rep -f jsonl --overdue
is_rc 0 "--overdue: exit 0"
is "$(items_of case_no unit unit_name handler leader clock due days_overdue age_days status)" \
"GY-2017-000004|510800|广元市生态环境局|-|-|review|2017-07-01|9|132|reviewing
GY-2017-000006|510812|朝天区|-|黄\"局长\"|reply|2017-05-25|46|107|accepted
GY-2017-000008|510821|旺苍县|-|黄局长|accept|2017-04-15|86|101|registered
GY-2017-000009|510821|旺苍县|-|-|accept|2017-04-16|85|100|registered
GY-2017-000010|510824|苍溪县|-|-|accept|2017-04-25|76|91|registered
GY-2017-000011|510802|利州区|刘,科员|-|reply|2017-06-20|20|81|accepted
GY-2017-000012|510811|昭化区|-|-|reply|2017-07-05|5|66|accepted" \
	"--overdue: the seven overdue clocks, days overdue and age by hand (case 9: 04-01 local, 100 days)"
is "$(items_of case_no last_supervision)" "GY-2017-000004|2017-07-03 supervise
GY-2017-000006|2017-07-03 backlog
GY-2017-000008|2017-07-03 backlog
GY-2017-000009|2017-07-03 backlog
GY-2017-000010|2017-06-20 supervise
GY-2017-000011|2017-07-03 supervise
GY-2017-000012|-" "--overdue: last_supervision, the date (local) and action of the last supervision record"
rep -f csv --overdue --unit 510821
is "$(rows)" "case_no|unit|unit_name|handler|leader|clock|due|days_overdue|age_days|last_supervision|status
GY-2017-000008|510821|旺苍县||黄局长|accept|2017-04-15|86|101|2017-07-03 backlog|registered
GY-2017-000009|510821|旺苍县|||accept|2017-04-16|85|100|2017-07-03 backlog|registered" \
	"--overdue --unit 510821, csv: the columns in order"
# 2017-07-10T16:30Z is already 07-11 in 广元: case 14 (due 07-10) is overdue
run prep --now 2017-07-10T16:30:00Z -f jsonl --overdue --unit 510812 </dev/null
is "$(items_of case_no due days_overdue age_days)" "GY-2017-000006|2017-05-25|47|108
GY-2017-000014|2017-07-10|1|16" "--overdue as of 07-11 00:30 local: case 14 one day overdue"
run prep --now 2017-07-10T23:59:00+08:00 -f jsonl --overdue --unit 510812 </dev/null
is "$(items_of case_no days_overdue)" "GY-2017-000006|46" "--overdue as of 07-10 23:59 local: case 14 not yet"

# --due-within 3: due today .. today + 3 = 07-10 .. 07-13
rep -f jsonl --due-within 3
is_rc 0 "--due-within 3: exit 0"
is "$(items)" "GY-2017-000014|510812|朝天区|-|-|accept|2017-07-10|0|15|-|registered
GY-2017-000015|510824|苍溪县|-|-|accept|2017-07-12|-2|13|-|registered
GY-2017-000016|510800|广元市生态环境局|-|-|accept|2017-07-13|-3|12|-|registered" \
	"--due-within 3: cases 14, 15, 16 (17 is due 07-14); days_overdue 0 and negative; never supervised"
rep -f jsonl --due-within 0
is "$(items_of case_no days_overdue)" "GY-2017-000014|0" "--due-within 0: due today only"
rep -f jsonl --due-within 4 --unit 510823
is "$(items_of case_no due days_overdue age_days)" "GY-2017-000017|2017-07-14|-4|11" "--due-within 4 --unit 510823: case 17"
run prep --now 2017-07-02 -f jsonl --due-within 3 </dev/null
is "$(items_of case_no clock due days_overdue age_days)" "GY-2017-000012|reply|2017-07-05|-3|58" \
	"--due-within 3 as of 07-02: 07-02..07-05, case 12's reply (case 4's review, due 07-01, has passed)"

# --backlog: cases 4 (marked 06-20), 6, 8, 9 (07-03), with their lead leaders;
# each one's open duty clock (the one due first) and how long it is overdue
rep -f jsonl --backlog
is_rc 0 "--backlog: exit 0"
is "$(items_of case_no unit unit_name handler leader age_days last_supervision status)" \
"GY-2017-000004|510800|广元市生态环境局|-|-|132|2017-07-03 supervise|reviewing
GY-2017-000006|510812|朝天区|-|黄\"局长\"|107|2017-07-03 backlog|accepted
GY-2017-000008|510821|旺苍县|-|黄局长|101|2017-07-03 backlog|registered
GY-2017-000009|510821|旺苍县|-|-|100|2017-07-03 backlog|registered" \
	"--backlog: the four backlog cases, age_days by hand, leader, last supervision, status"
is "$(items_of case_no clock due days_overdue)" "GY-2017-000004|review|2017-07-01|9
GY-2017-000006|reply|2017-05-25|46
GY-2017-000008|accept|2017-04-15|86
GY-2017-000009|accept|2017-04-16|85" \
	"--backlog: clock, due and days_overdue (today - due) of each case's open duty clock"
rep -f jsonl --backlog --unit 510821
is "$(items_of case_no age_days)" "GY-2017-000008|101
GY-2017-000009|100" "--backlog --unit 510821"
rep -f csv --backlog --unit 510822
is "$RC|$(rows)" "0|case_no|unit|unit_name|handler|leader|clock|due|days_overdue|age_days|last_supervision|status|team|steps|steps_done|next_step|next_step_due|resolution" \
	"--backlog of a county without backlog: exit 0, the header only"
rep -f jsonl --overdue --unit 510822
is "$RC|$OUT" "0|" "--overdue of a county without cases, jsonl: exit 0, nothing"
usage() {
	t_re=$1; shift
	run prep --now "$NOW" -f csv "$@" </dev/null
	is "$RC|$OUT" "2|" "$*: exit 2, nothing on stdout"
	like "$ERR" "^petition-report: .*$t_re" "$*: the message names $t_re"
}
usage '--due-within: "-1"' --due-within -1
usage '--due-within: "three"' --due-within three
usage '--due-within' --due-within
usage '--unit: "510899" is not a known unit' --overdue --unit 510899
usage '--unit: "510899" is not a known unit' --backlog --unit 510899
usage 'one of --daily, --weekly, --monthly, --risk-daily, --risk-weekly, --risk-monthly, --overdue, --backlog, --backlog-files, --due-within, --visits, --orders, --annual at a time' --overdue --due-within 3

# === 4. no personal data, no NaN, no inf =========================================

# more outputs: every format of every mode, with and without
# --with-personal-data, and a database without cases (all rates 0/0)
for f in jsonl csv table; do
	for args in "" "--by channel,month" "--by status --unit 510821" "--daily 2017-04-01" "--weekly 2017-07-03" \
		"--monthly 2017-04" "--monthly 2017-07" "--overdue" "--due-within 3" "--backlog"; do
		rep -f $f $args
		rep -f $f --with-personal-data $args
		rep -f $f --with-personal-data --header zh $args
	done
done
use_store empty
for f in jsonl csv table; do
	for args in "" "--by week --from 2017-01-01" "--daily 2017-04-01" "--overdue" "--backlog"; do
		rep -f $f $args
	done
done
export PETITION_DB="$T_MAIN_DB"
ok "petition-report printed something to check" test "$(wc -l <"$ALL")" -gt 1000
t_found=
for s in 张三 李小四 王五 赵六 孙七 郑十 周八 吴九 钱十一 陈十二 林十三 徐十八 何十四 罗十五 高十六 梁十七 \
	东坝街道 "$ID1" 1990 138 '张\*' '\*\*\*\*' petitioner 信访人 联系电话 身份证 住址; do
	grep -q -- "$s" "$ALL" && t_found="$t_found $s"
done
is "$t_found" "" "no petitioner's name, phone (even masked), ID number or address in any output"
is "$(grep -ciE '(^|[^a-z])-?(nan|inf|infinity)([^a-z]|$)' "$ALL")" 0 "no NaN or inf anywhere"
is "$(grep -c -- '-0\.0000\|-0,\|1\.#' "$ALL")" 0 "no negative zero or other odd numbers"

done_testing
