#!/bin/sh
# --format xlsx: Excel workbooks from petition-list, petition-show,
# petition-report (a report, a zero report with its three lists each on a
# sheet, a list), petition-unit and petition-add, read back with an
# independent reader (openpyxl) and every cell checked against the same
# tool's JSON Lines: local times and dates as Excel dates in the office's
# zone (a case at 23:30 local is on that local day), numbers as numbers,
# rates as percentages, every text a string (a petitioner's "=1+1" is
# never a formula), the header frozen, in English or Chinese, columns as
# wide as their Chinese text. Then what is refused: a workbook to a
# terminal, xlsx of a tool that prints text, xlsx as input; and an output
# that cannot be written (exit 5, or 6 after a commit). With
# PETITION_BIG_TESTS (not in the valgrind pass), a long list: memory stays
# near that of the CSV of the same list.
T_TOOLS="petition-list petition-show petition-report petition-unit petition-add"
. "$(dirname "$0")/lib.sh"

XPY=
for t_py in "$PYTHON" /usr/bin/python3 python3; do
	if "$t_py" -c 'import openpyxl' 2>/dev/null; then XPY=$t_py; break; fi
done
if [ -z "$XPY" ]; then echo "1..0 # skip python3-openpyxl is not installed"; exit 0; fi
CHECK="$T_ROOT/tests/t/xlsxcheck.py"
BIG=${PETITION_BIG_TESTS:-1}
# the workbooks' temporary files: here, to see that none is left behind
TMPDIR=$T_DIR/tmp; export TMPDIR; mkdir "$TMPDIR"
xl() { "$XPY" "$CHECK" "$@"; }
# probe BOOK [ARGS...] <<EOF: python with the checker's functions, the
# workbook read (WB, BOOK), ARGS, and show(problems); output in $T_DIR/probe
probe() {
	t_book=$1; shift
	{ printf 'import sys, json\nsys.path.insert(0, "%s")\nfrom xlsxcheck import *\n' "$T_ROOT/tests/t"
	  printf 'BOOK = sys.argv[1]\nARGS = sys.argv[2:]\nWB = book(BOOK)\n'
	  printf 'def show(bad):\n    bad and print("\\n".join(bad))\n'
	  cat; } >"$T_DIR/probe.py"
	"$XPY" "$T_DIR/probe.py" "$t_book" "$@" >"$T_DIR/probe" 2>&1
}
Q=${PETITION_PROBE_BIN:-$PETITION_BIN}
# ref FILE TOOL ARGS...: the same output as JSON Lines, by the native tool
ref() { t_f=$1 t_t=$2; shift 2; "$Q/$t_t" --format jsonl "$@" </dev/null >"$T_DIR/$t_f"; }
# xlsx NAME TOOL ARGS...: the tool's workbook into $T_DIR/NAME.xlsx
xlsx() {
	t_f=$1 t_t=$2; shift 2
	run "$PETITION_BIN/$t_t" --format xlsx "$@" </dev/null
	mv "$T_DIR/out" "$T_DIR/$t_f.xlsx"
}

# --- two cases, one of them hostile, one collective and a risk ------------
cat >"$T_DIR/cases.jsonl" <<'EOF'
{"received_at":"2017-05-02T10:00:00+08:00","channel":"letter","unit":"510802","petitioner_name":"张三","petitioner_phone":"13812345678","subject":"=HYPERLINK(\"http://x\",\"点击\")","content":"=1+1","accused":"@SUM(A1)","location":"-2+3","pollution_type":"air"}
{"received_at":"2017-05-31T23:30:00+08:00","channel":"visit","unit":"510821","petitioner_name":"李四","headcount":6,"risk":true,"subject":"+cmd|' /C calc'!A0","content":"某化工厂夜间排放刺鼻气体，严重影响周边居民的生活和休息","accused":"旺苍县某某化工有限责任公司","pollution_type":"water"}
EOF
padd -q <"$T_DIR/cases.jsonl" || diag "set-up failed: petition-add"
"$PETITION_BIN/petition-assign" -q --now 2017-05-03T10:00:00+08:00 --accept --category enforcement 1 </dev/null ||
	diag "set-up failed: accept"
"$PETITION_BIN/petition-handle" -q --now 2017-05-10T10:00:00+08:00 --reply 答复 --outcome support 1 </dev/null ||
	diag "set-up failed: reply"

# --- petition-list --------------------------------------------------------
xlsx list petition-list
is_rc 0 "petition-list --format xlsx: exit 0"
is "$(head -c 2 "$T_DIR/list.xlsx")" "PK" "the workbook is a zip"
ref list.jsonl petition-list
probe "$T_DIR/list.xlsx" "$T_DIR/list.jsonl" <<'EOF'
show(check(BOOK, "cases", "cases", ARGS[0], "-"))
ws = WB["cases"]
col = {c.value: c.column_letter for c in ws[1]}
for k in ("subject", "content", "accused", "location"):
    c = ws[col[k] + "2"]
    print(k, c.data_type, c.value)
c = ws[col["received_at"] + "3"]
print("received_at", c.value.isoformat(), c.number_format)
print("phone", ws[col["petitioner_phone"] + "2"].value)
EOF
is "$(cat "$T_DIR/probe")" 'subject s =HYPERLINK("http://x","点击")
content s =1+1
accused s @SUM(A1)
location s -2+3
received_at 2017-05-31T23:30:00 yyyy-mm-dd hh:mm:ss
phone 138****5678' "one sheet, cases: its header frozen at A2, no formula, widths that fit; every cell as in JSON Lines (local Excel dates, numbers, booleans, strings); formula-like text stays strings; 23:30 local is 23:30 on 05-31; the phone masked"

xlsx listzh petition-list --header zh
is_rc 0 "petition-list --format xlsx --header zh: exit 0"
probe "$T_DIR/listzh.xlsx" <<'EOF'
ws = WB["信访件"]
print("|".join(WB.sheetnames), "|".join(c.value for c in ws[1][:6]))
col = {c.value: c.column_letter for c in ws[1]}
print(ws[col["渠道"] + "2"].value, ws[col["污染类型"] + "3"].value, ws[col["风险"] + "3"].value)
print(ws.column_dimensions[col["被投诉对象"]].width >= 2 * 13 + 2)
show(layout(BOOK, WB))
EOF
is "$(cat "$T_DIR/probe")" "信访件 编号|信访件编号|唯一标识|登记时间|渠道|信访人
来信 水 True
True" "a sheet 信访件, its header Chinese; Chinese labels of the codes, booleans as booleans, a column wide enough for 13 CJK characters; frozen, no formula, widths that fit"

# --- petition-show: the cases, then their history --------------------------
xlsx show petition-show 1 2
is_rc 0 "petition-show --format xlsx: exit 0"
ref show.jsonl petition-show 1 2
is "$(xl check "$T_DIR/show.xlsx" "cases|history" cases "$T_DIR/show.jsonl" - \
	history "$T_DIR/show.jsonl" nested:history)" "" \
	"two sheets, cases and history: every cell of the cases, of their history (details as their JSON)"

# --- petition-report --------------------------------------------------------
xlsx rep petition-report --from 2017-05-01 --to 2017-05-31 --by unit
is_rc 0 "petition-report --format xlsx: exit 0"
ref rep.jsonl petition-report --from 2017-05-01 --to 2017-05-31 --by unit
probe "$T_DIR/rep.xlsx" "$T_DIR/rep.jsonl" <<'EOF'
show(check(BOOK, "statistics", "statistics", ARGS[0], "-"))
ws = WB["statistics"]
col = {c.value: c.column_letter for c in ws[1]}
for r in ws.iter_rows(min_row=2):
    if r[0].value == "510802":
        c = ws[col["on_time_rate"] + str(r[0].row)]
        print(c.value, c.number_format, ws[col["received"] + str(r[0].row)].value)
EOF
is "$(cat "$T_DIR/probe")" "1 0.0% 1" \
	"one sheet, statistics: every cell, counts numbers, rates percentages; 510802's on-time rate 1 as 100.0%"

xlsx zero petition-report --monthly 2017-05 --header zh
is_rc 0 "the zero report as a workbook: exit 0"
ref zero.jsonl petition-report --monthly 2017-05
probe "$T_DIR/zero.xlsx" "$T_DIR/zero.jsonl" <<'EOF'
print("|".join(WB.sheetnames))
print("|".join(c.value for c in WB["新增风险"][1]))
recs = [json.loads(l) for l in open(ARGS[0], encoding="utf-8") if l.strip()]
units = [r for r in recs if "list" not in r]
rows = list(WB["零报告"].iter_rows(min_row=2, values_only=True))
print(len(rows) == len(units) and all(list(r) == [u[k] for k in u] for r, u in zip(rows, units)))
for name, kind in (("新增集体访", "collective"), ("新增风险", "risk"), ("新增积案", "backlog")):
    got = [list(r) for r in WB[name].iter_rows(min_row=2, values_only=True)]
    want = [[l["list"], l["case_no"], l["unit"], l["unit_name"], l["received_at"][:19].replace("T", " "), l["subject"]]
            for l in recs if l.get("list") == kind]
    print(name, len(got), [[str(v) for v in g] for g in got] == want)
show(layout(BOOK, WB))
EOF
is "$(cat "$T_DIR/probe")" "零报告|新增集体访|新增风险|新增积案
类别|信访件编号|单位代码|单位|登记时间|事由
True
新增集体访 1 True
新增风险 1 True
新增积案 0 True" "the zero report and its three lists each on a sheet, Chinese headers; every unit a row, zeros included; every list row as in JSON Lines; every sheet frozen, without formulas"

xlsx over petition-report --overdue
is_rc 0 "petition-report --overdue --format xlsx: exit 0"
ref over.jsonl petition-report --overdue
is "$(xl check "$T_DIR/over.xlsx" overdue overdue "$T_DIR/over.jsonl" -)" "" \
	"the overdue list: a sheet, every cell"

# --- petition-unit, and a tool that commits --------------------------------
xlsx units petition-unit
ref units.jsonl petition-unit
is "$RC:$(xl check "$T_DIR/units.xlsx" units units "$T_DIR/units.jsonl" -)" "0:" \
	"petition-unit: the units, every cell"
xlsx added petition-add --received-at 2017-06-01T08:00:00+08:00 --channel web --unit 510800 --subject '=2*3'
is_rc 0 "petition-add --format xlsx: exit 0"
probe "$T_DIR/added.xlsx" <<'EOF'
ws = WB["cases"]
col = {c.value: c.column_letter for c in ws[1]}
print(WB.sheetnames, ws.max_row, ws[col["id"] + "2"].value, ws[col["subject"] + "2"].data_type, ws[col["subject"] + "2"].value)
EOF
is "$(cat "$T_DIR/probe")" "['cases'] 2 3 s =2*3" "the case it added: its id a number, its subject a string"

# --- what is refused ---------------------------------------------------------
# on_tty TOOL ARGS...: runs the tool with stdout a terminal (a pty); prints
# how many bytes reached the terminal, sets RC and ERR
on_tty() {
	RC=0
	"$XPY" -c '
import os, pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=s, stderr=open(sys.argv[1], "wb"))
os.close(s)
n = 0
try:
    while True:
        d = os.read(m, 65536)
        if not d:
            break
        n += len(d)
except OSError:
    pass
print(n)
sys.exit(p.returncode)
' "$T_DIR/err" "$@" >"$T_DIR/out" || RC=$?
	OUT=$(cat "$T_DIR/out")
	ERR=$(cat "$T_DIR/err")
}
on_tty "$PETITION_BIN/petition-list" --format xlsx
is "$RC:$OUT" "2:0" "a workbook to a terminal: refused (exit 2), nothing written to it"
is "$ERR" "petition-list: --format xlsx: a workbook is binary, not for a terminal: redirect stdout to a file (> FILE.xlsx)" \
	"the message says to redirect stdout"

run plist --format xlsx --count
is "$RC:$(wc -c <"$T_DIR/out" | tr -d ' ')" "2:0" "petition-list --count --format xlsx: refused, nothing printed"
is "$ERR" "petition-list: --count prints text, not a table: not with --format xlsx" "the message names --count"
run padd --input-format xlsx </dev/null
is "$RC:$ERR" '2:petition-add: --input-format: "xlsx" is not jsonl or csv' "xlsx is no input format"
run plist --format xls </dev/null
is "$RC:$ERR" '2:petition-list: --format: "xls" is not jsonl, csv, table, xlsx or html' "a bad --format names xlsx"

# an output that cannot be written: exit 5, and 6 once the changes are committed
RC=0; plist --format xlsx </dev/null >/dev/full 2>"$T_DIR/err" || RC=$?
is "$RC:$(cat "$T_DIR/err")" "5:petition-list: stdout: No space left on device" \
	"petition-list --format xlsx >/dev/full: exit 5, the error named"
RC=0; padd --format xlsx --received-at 2017-06-01T08:30:00+08:00 --channel web --unit 510800 \
	--subject 噪声 </dev/null >/dev/full 2>"$T_DIR/err" || RC=$?
is "$RC:$(cat "$T_DIR/err")" "6:petition-add: stdout: No space left on device (the changes were committed)" \
	"petition-add --format xlsx >/dev/full: exit 6, the case committed"
is "$("$Q/petition-list" --count </dev/null)" "4" "the fourth case is there"
# (natively: valgrind itself needs a temporary directory)
RC=0; TMPDIR=$T_DIR/no-such-dir "$Q/petition-list" --format xlsx </dev/null >"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
like "$RC:$(cat "$T_DIR/err")" "^5:petition-list: xlsx: temporary file in $T_DIR/no-such-dir: No such file or directory$" \
	"no temporary directory: exit 5 before anything is read"

# --- a long list: memory stays flat ------------------------------------------
if [ "$BIG" = 1 ]; then
	long_list
	CSV_KB=$(list_peak csv) XLSX_KB=$(list_peak xlsx)
	note "5000 cases: peak $CSV_KB kB as CSV, $XLSX_KB kB as xlsx, $(wc -c <"$T_DIR/big.xlsx") bytes"
	# (without constant_memory mode the 200,000 cells take 16 MB more: 32 MB)
	ok "xlsx of 5000 cases: peak memory within 8 MB of the CSV's ($XLSX_KB kB, $CSV_KB kB)" \
		test "$XLSX_KB" -le $((CSV_KB + 8192))
	is "$(xl rows "$T_DIR/big.xlsx" cases)" "5000" "every case a row"
else
	for t_i in 1 2; do T_N=$((T_N + 1)); echo "ok $T_N # skip PETITION_BIG_TESTS=0: the long list"; done
fi
is "$(ls -A "$TMPDIR")" "" "no temporary file left behind"

# the same store and --now: the same bytes (the workbook's date is --now)
xlsx same1 petition-report --now 2017-06-01T09:00:00+08:00
sleep 1
xlsx same2 petition-report --now 2017-06-01T09:00:00+08:00
ok "the same store and --now: the same workbook, byte for byte" cmp -s "$T_DIR/same1.xlsx" "$T_DIR/same2.xlsx"
probe "$T_DIR/same1.xlsx" <<'EOF'
print(WB.properties.created.isoformat())
EOF
is "$(cat "$T_DIR/probe")" "2017-06-01T01:00:00" "the workbook's created date: --now, in UTC"

# each of petition-report's modes names its sheet
t_names=
for t_m in --visits --orders --backlog-files; do
	xlsx mode petition-report "$t_m"
	t_names="$t_names$(xl sheets "$T_DIR/mode.xlsx");"
done
is "$t_names" "visits;orders;backlog files;" "petition-report --visits, --orders, --backlog-files: a sheet named by the mode"

# --- the annual report: a sheet per table, named short ------------------------

ref annual.jsonl petition-report --annual 2017
xlsx annual petition-report --annual 2017
is "$RC" 0 "annual report: exit 0"
is "$(xl sheets "$T_DIR/annual.xlsx")" \
	"cases by pollution type|cases by channel|cases by purpose|the units most complained about|the accused most complained abo|transfers, assignments and supe|on-time acceptance and conclusi|reviews and re-reviews|backlog files|every unit" \
	"annual report: ten sheets, their names the tables' short titles"
t_bad=
for t_s in 'cases by channel:channel' 'on-time acceptance and conclusi:on_time' 'every unit:units'; do
	t_bad=$t_bad$(xl cells "$T_DIR/annual.xlsx" "${t_s%%:*}" "$T_DIR/annual.jsonl" "table=${t_s#*:}")
done
is "$t_bad" "" "annual report: the cells of three sheets are the JSON Lines' rows of their tables"

done_testing
