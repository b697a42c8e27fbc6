#!/bin/sh
# The output of petition-list is the input of petition-add: copying every
# case to another database through CSV or JSON Lines loses nothing.
T_TOOLS="petition-list petition-add"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

# Awkward text: commas, quotes, newlines (LF and CRLF), tabs, Chinese, an
# emoji, backslashes, SQL, leading and trailing blanks.
cat >"$T_DIR/fixture.jsonl" <<'EOF'
{"received_at":"2017-05-01T08:15:00+08:00","channel":"letter","unit":"510802","subject":"逗号, \"引号\" ‘单引号’","content":"第一行\n第二行, 逗号 \"引号\"\t制表\r\nCRLF 行 😀 \\ %_ '); DROP TABLE cases;--","petitioner_name":"欧阳 小明","petitioner_phone":"13812345678","petitioner_id_number":"51080219900100006x","petitioner_address":"四川省广元市利州区, 3栋 \"2单元\"","accused":"某公司, \"分公司\"","location":"  前后有空格  ","pollution_type":"water","purpose":"appeal","transferred_from":"四川省生态环境厅"}
{"received_at":"2017-05-02T23:59:59+08:00","channel":"visit","headcount":5,"risk":true,"unit":"510811","subject":"集体访","content":"\"\"","accused":"某公司, \"分公司\""}
{"received_at":"2017-05-03","channel":"web","anonymous":true,"unit":"510824","subject":"匿名 web","petitioner_phone":"138 1234 5678"}
EOF
run padd -q <"$T_DIR/fixture.jsonl"
is_rc 0 "three awkward cases"
run padd -q <"$PETITION_SHARE/demo.csv"
is_rc 0 "and the 31 demo cases"
SRC=$PETITION_DB
COLS="case_no uuid received_at channel petitioner_name petitioner_phone
	petitioner_id_number petitioner_address anonymous headcount collective
	purpose subject content accused location unit pollution_type risk
	repeat_of transferred_from status accept_due"
# fields DB [UNIT]: the fields a copy must keep, as petition-list reads them
# (personal data included), one line per case (of UNIT), by case number;
# text as JSON with \u escapes, so that every byte shows
fields() { plist --db "$1" -f jsonl --with-personal-data </dev/null | "$PYTHON" -c '
import json, sys
cols, unit = sys.argv[1].split(), sys.argv[2:]
for r in sorted(map(json.loads, sys.stdin), key=lambda r: r["case_no"]):
    if not unit or r["unit"] == unit[0]:
        print(json.dumps([r[c] for c in cols]))' "$COLS" ${2:+"$2"}; }
# field DB ID FIELD: one field of a case, as petition-list prints it
field() { plist --db "$1" -f jsonl "$2" </dev/null | jget ".$3"; }
# listing DB: what petition-list prints for DB, personal data included
listing() { plist --db "$1" -f jsonl --with-personal-data </dev/null; }

is "$(ncases)" 34 "34 cases to copy"
is "$(pshow -f jsonl --with-personal-data 1 </dev/null | jget .petitioner_id_number)" 51080219900100006X \
	"an ID number's check character x is stored as X"
sum=$(dbsum_noaccess)

# --- CSV ------------------------------------------------------------------

# copy NAME ARGS...: petition-list ARGS | petition-add --db NAME.db
copy() {
	t_name=$1
	shift
	plist --with-personal-data "$@" </dev/null >"$T_DIR/$t_name.export"
	run padd --db "$T_DIR/$t_name.db" -q <"$T_DIR/$t_name.export"
}

plist -f csv --with-personal-data </dev/null | run padd --db "$T_DIR/csv.db" -q; reload
is_rc 0 "petition-list --format csv --with-personal-data | petition-add --db other.db"
is "$ERR" "" "without a message"
is "$(ncases "$T_DIR/csv.db")" 34 "34 cases copied"
is "$(fields "$T_DIR/csv.db")" "$(fields "$SRC")" \
	"CSV copy: subject, content, received_at, channel, uuid, unit, petitioner fields... are equal"
is "$(listing "$T_DIR/csv.db")" "$(listing "$SRC")" "CSV copy: both databases list the same records"
is "$(field "$T_DIR/csv.db" 1 content | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F | sed 's/0A$//')" \
	"$(printf '第一行\n第二行, 逗号 "引号"\t制表\r\nCRLF 行 😀 \\ %%_ '"'"'); DROP TABLE cases;--' | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F)" \
	"CSV copy: the awkward content is byte-exact"
is "$(field "$T_DIR/csv.db" 1 location)" "  前后有空格  " \
	"CSV copy: leading and trailing blanks are kept"
is "$(field "$T_DIR/csv.db" 2 content)" '""' \
	"CSV copy: a field of two quotes is kept"

# --- JSON Lines -----------------------------------------------------------

plist -f jsonl --with-personal-data </dev/null | run padd --db "$T_DIR/jsonl.db" -q; reload
is_rc 0 "petition-list --format jsonl --with-personal-data | petition-add --db other.db"
is "$(fields "$T_DIR/jsonl.db")" "$(fields "$SRC")" "JSON Lines copy: the fields are equal"
is "$(listing "$T_DIR/jsonl.db")" "$(listing "$SRC")" "JSON Lines copy: both databases list the same records"

# --- CSV for Excel: Chinese headers and a BOM -------------------------------

copy zh -f csv --header zh --bom
is_rc 0 "a CSV with --header zh --bom is read back"
is "$(fields "$T_DIR/zh.db")" "$(fields "$SRC")" "Chinese-header copy: the fields are equal"

# --- cells a spreadsheet would run as formulas ------------------------------

XL="$T_DIR/excel.db"
padd --db "$XL" -q --received-at 2017-05-01T08:15 --channel letter --unit 510802 \
	--subject '=HYPERLINK("http://x","y")' --petitioner-phone '+86 138 1234 5678' \
	--content "$(printf '@SUM(1)\n-2+3')" --accused '+ABC' --location '-x' </dev/null
padd --db "$XL" -q --received-at 2017-05-01T08:20 --channel letter --unit 510802 \
	--subject 制表符 --content "$(printf '\tx')" </dev/null
plist --db "$XL" -f csv --with-personal-data </dev/null >"$T_DIR/plain.csv"
padd --db "$T_DIR/excel-copy.db" -q <"$T_DIR/plain.csv"
plist --db "$T_DIR/excel-copy.db" -f csv --with-personal-data </dev/null >"$T_DIR/plain2.csv"
ok "plain CSV with =, +, @ and tab cells round-trips byte for byte" cmp -s "$T_DIR/plain.csv" "$T_DIR/plain2.csv"
contains "$(cat "$T_DIR/plain.csv")" '"=HYPERLINK(""http://x"",""y"")"' "plain CSV: a subject starting with = is written as it is"
contains "$(cat "$T_DIR/plain.csv")" '"2017-05-01T08:15:00+08:00"' "plain CSV: times in ISO 8601 with the offset"
plist --db "$XL" -f csv --bom --with-personal-data </dev/null >"$T_DIR/excel.csv"
t_x=$(cat "$T_DIR/excel.csv")
contains "$t_x" '"'"'"'=HYPERLINK(""http://x"",""y"")"' "--bom: a subject starting with = gets a leading '"
contains "$t_x" '"'"'"'+8613812345678"' "--bom: a phone starting with + gets a leading '"
contains "$t_x" '"'"'"'+ABC"' "--bom: an accused starting with + gets a leading '"
contains "$t_x" "\"'@SUM(1)" "--bom: a content starting with @ gets a leading '"
t_tab=$(printf '"\047\tx"')
contains "$t_x" "$t_tab" "--bom: a cell starting with a tab gets a leading '"
contains "$t_x" '"'"'"'-x"' "--bom: a location starting with - gets a leading '"
contains "$t_x" '"2017-05-01 08:15:00"' "--bom: times as local YYYY-MM-DD HH:MM:SS (Excel reads them as dates)"
lacks "$t_x" '+08:00' "--bom: no time keeps its offset"
padd --db "$T_DIR/excel-back.db" -q <"$T_DIR/excel.csv"
plist --db "$T_DIR/excel-back.db" -f csv --with-personal-data </dev/null >"$T_DIR/plain3.csv"
ok "the --bom form read back by petition-add: the ' and the local times undone" \
	cmp -s "$T_DIR/plain.csv" "$T_DIR/plain3.csv"
contains "$(plist --db "$XL" -f csv --bom </dev/null)" '"'"'"'+86' "--bom, masked: the masked phone is guarded too"

# --- a selection of a selection -------------------------------------------

plist --unit 510802 -f jsonl </dev/null | plist - --with-personal-data -f csv | run padd --db "$T_DIR/sel.db" -q; reload
is_rc 0 "list | list --with-personal-data | add"
is "$(fields "$T_DIR/sel.db")" "$(fields "$SRC" 510802)" \
	"the copy holds exactly the selected cases"

# --- next_due and next_clock are output only ---------------------------------

# a CSV whose next_due / next_clock were edited: the copy's are computed anew
# from its own deadlines (registered: the accept clock, due on accept_due)
plist -f csv --with-personal-data </dev/null | "$PYTHON" -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
i, j = rows[0].index("next_due"), rows[0].index("next_clock")
w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerow(rows[0])
for r in rows[1:]:
    r[i], r[j] = "2099-12-31", "bogus"
    w.writerow(r)' >"$T_DIR/next.csv"
run padd --db "$T_DIR/next.db" -q <"$T_DIR/next.csv"
is_rc 0 "a CSV with edited next_due and next_clock is read"
is "$(plist --db "$T_DIR/next.db" -f jsonl </dev/null | "$PYTHON" -c '
import json, sys
rs = [json.loads(l) for l in sys.stdin]
print(len(rs), all(r["next_due"] == r["accept_due"] and r["next_clock"] == "accept" for r in rs))')" \
	"34 True" "next_due and next_clock are not taken from the input: each copy's accept clock"

# --- a second copy is refused: uuids and case numbers must be new -----------

copysum=$(dbsum "$T_DIR/csv.db")
plist -f csv --with-personal-data </dev/null | run padd --db "$T_DIR/csv.db" -q; reload
is_rc 3 "copying the same cases again: exit 3"
like "$ERR" '^petition-add: line 2: uuid: "[0-9a-f-]{36}" is already registered' "the first duplicate is named"
is "$(printf '%s\n' "$ERR" | grep -c 'is already registered')" 34 "every duplicate is reported"
is "$(dbsum "$T_DIR/csv.db")" "$copysum" "the copy is unchanged"
is "$(dbsum_noaccess)" "$sum" "the source was never changed but for the access events"
ok "every export with personal data was recorded as access events" \
	test "$(plist </dev/null | pshow -f csv | cut -d, -f4 | grep -c '^"access"$')" -gt 0

done_testing
