#!/bin/sh
# petition-add: many records from stdin, as JSON Lines or CSV.
T_TOOLS="petition-add"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

# hexof STRING: the bytes of STRING in upper-case hex
hexof() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F; }
# fields TEXT FIELD...: per case whose subject contains TEXT, the fields as
# petition-list prints them (personal data included), joined by |; hex:FIELD
# is the field's UTF-8 bytes in upper-case hex (a null field: nothing)
fields() { qlist -f jsonl --with-personal-data </dev/null | "$PYTHON" -c '
import json, sys
def show(r, f):
    v = r[f[4:]] if f.startswith("hex:") else r[f]
    if f.startswith("hex:"):
        return "" if v is None else v.encode().hex().upper()
    return "null" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
for r in map(json.loads, sys.stdin):
    if sys.argv[1] in r["subject"]:
        print("|".join(show(r, f) for f in sys.argv[2:]))' "$@"; }
# stored FIELD SUBJECT: the hex of a field of the case with that subject
stored() { fields "$2" "hex:$1"; }
# fresh_store: an empty store again (a new SQLite file or PostgreSQL database)
SUBJ='逗号, "引号" 和 ‘单引号’'
CONTENT=$(printf 'line 1\nline 2, with a comma\n"quoted"\t制表 😀 \\ back\\slash %%d')
ADDR='四川省广元市利州区东坝街道滨河北路88号3栋2单元501'

# --- JSON Lines -----------------------------------------------------------

cat >"$T_DIR/in.jsonl" <<'EOF'
{"received_at":"2017-05-01T10:20:30+08:00","channel":"web","unit":"510824","subject":"j1 逗号, \"引号\" 和 ‘单引号’","content":"line 1\nline 2, with a comma\n\"quoted\"\t制表 😀 \\ back\\slash %d","petitioner_name":"王五","petitioner_address":"四川省广元市利州区东坝街道滨河北路88号3栋2单元501"}
{"received_at":"2017-05-02T02:00:00Z","channel":"微信","unit":"朝天区","subject":"j2","anonymous":true,"headcount":3,"risk":true,"purpose":null}
{"received_at":"2017-05-03","channel":"visit","unit":"510802","subject":"j3","headcount":"7","id":999,"status":"closed","accept_due":"2099-01-01","collective":false,"repeat_of":"GY-2000-000001","unit_name":"ignored"}
EOF

run padd --with-personal-data <"$T_DIR/in.jsonl"
is_rc 0 "JSON Lines from a file on stdin: detected and added"
is "$ERR" "" "nothing on stderr"
is "$(printf '%s\n' "$OUT" | jget .subject | head -1)" "j1 $SUBJ" "printed subject survives"
is "$(printf '%s\n' "$OUT" | jget .content | head -3)" "$CONTENT" "printed content survives (newlines, tab, quotes, backslash)"
is "$(stored subject "j1 $SUBJ")" "$(hexof "j1 $SUBJ")" "stored subject is byte-exact"
is "$(stored content "j1 $SUBJ")" "$(hexof "$CONTENT")" "stored content is byte-exact"
is "$(stored petitioner_address "j1 $SUBJ")" "$(hexof "$ADDR")" "stored address is byte-exact"
is "$(fields j2 received_at channel unit anonymous headcount risk)" \
	"2017-05-02T10:00:00+08:00|wechat|510812|true|3|true" "booleans, numbers, a Chinese label and a unit name from JSON"
is "$(fields j3 id status accept_due collective repeat_of headcount)" \
	"3|registered|2017-05-18|true|null|7" "computed fields in the input (id, status, accept_due, collective, repeat_of) are ignored"
is "$(ncases)" 3 "three cases"

sed 's/"j\([123]\)/"p\1/' "$T_DIR/in.jsonl" | run padd -q; reload
is_rc 0 "JSON Lines from a pipe: detected and added"
is "$(qlist -f jsonl </dev/null | jget .subject | cut -c1-2 | paste -sd ' ' -)" "j1 j2 j3 p1 p2 p3" "three more cases"

run padd -q --input-format jsonl <"$T_DIR/in.jsonl"
is_rc 0 "--input-format jsonl"
is "$(ncases)" 9 "three more cases"

# BOM, CRLF line ends, blank and white lines
printf '\357\273\277{"received_at":"2017-05-04","channel":"letter","unit":"510802","subject":"crlf 1"}\r\n\r\n   \n\t\r\n{"received_at":"2017-05-04","channel":"letter","unit":"510802","subject":"crlf 2"}\r\n\n' >"$T_DIR/bom.jsonl"
run padd -q <"$T_DIR/bom.jsonl"
is_rc 0 "JSON Lines with a BOM, CRLF line ends and blank lines"
is "$(fields crlf hex:subject | paste -sd ' ' -)" \
	"$(hexof 'crlf 1') $(hexof 'crlf 2')" "no BOM or CR in the values"

# --- CSV ------------------------------------------------------------------

# English header, detected; fields with commas, quotes, newlines; CRLF
{
	printf 'received_at,channel,unit,subject,content,petitioner_name\r\n'
	printf '2017-05-05T08:00,hotline,510811,"c1 逗号, ""引号"" 和 ‘单引号’","line 1\nline 2, with a comma\n""quoted""\t制表 😀 \\ back\\slash %%d",赵六\r\n'
	printf '\r\n'
	printf '2017-05-06,letter,510802,c2,,钱七\r\n'
} >"$T_DIR/in.csv"
run padd --with-personal-data -f csv <"$T_DIR/in.csv"
is_rc 0 "CSV with CRLF, quoted commas, quotes and newlines, blank line: detected and added"
is "$ERR" "" "nothing on stderr"
is "$(stored subject "c1 $SUBJ")" "$(hexof "c1 $SUBJ")" "CSV subject is byte-exact"
is "$(stored content "c1 $SUBJ")" "$(hexof "$CONTENT")" "CSV content is byte-exact"
is "$(stored petitioner_name "c1 $SUBJ")" "$(hexof 赵六)" "an unquoted last field keeps no CR"
is "$(fields c2 hex:petitioner_name content)" \
	"$(hexof 钱七)|null" "an empty field is absent (NULL), the last one has no CR"
is "$(printf '%s\n' "$OUT" | head -1 | cut -c1-24)" '"id","case_no","uuid","r' "records printed as CSV with -f csv"

run padd -q --input-format csv <"$T_DIR/in.csv"
is_rc 0 "--input-format csv"
is "$(fields c2 subject | paste -sd ' ' -)" "c2 c2" "added again"

# Chinese header names, a BOM, CRLF, blank lines, labels in Chinese
{
	printf '\357\273\277登记时间,渠道,所在单位,事由,内容,信访人,人数,匿名\r\n'
	printf '\r\n'
	printf '2017-05-07T09:30:00+08:00,来访,利州区,"z1 逗号, ""引号""","多行\r\n第二行",孙八,6,false\r\n'
	printf '2017-05-08,来信,510822,z2,,,1,true\r\n'
	printf '\r\n\r\n'
} >"$T_DIR/zh.csv"
run padd -q <"$T_DIR/zh.csv"
is_rc 0 "CSV with Chinese header names and a BOM"
is "$ERR" "" "nothing on stderr"
is "$(fields z1 received_at channel unit petitioner_name headcount collective anonymous)" \
	"2017-05-07T09:30:00+08:00|visit|510802|孙八|6|true|false" "Chinese headers map to the fields"
is "$(stored subject 'z1 逗号, "引号"')" "$(hexof 'z1 逗号, "引号"')" "quoted comma and quotes survive"
is "$(stored content 'z1 逗号, "引号"')" "$(hexof "$(printf '多行\r\n第二行')")" "a CRLF inside a quoted field is kept as it was"
is "$(fields z2 channel unit anonymous)" "letter|510822|true" "second row"

# --- the demo data --------------------------------------------------------

demo="$PETITION_SHARE/demo.csv"
fresh_store
run padd -q <"$demo"
is_rc 0 "share/petition/demo.csv loads"
is "$ERR" "" "without a message"
is "$(ncases)" 31 "31 cases"
qlist -f jsonl </dev/null >"$T_DIR/list.jsonl"
is "$(jget .uuid <"$T_DIR/list.jsonl" | sort -u | wc -l | tr -d ' ') $(jget .case_no <"$T_DIR/list.jsonl" | sort | sed -n '1p;$p' | paste -sd ' ' -)" \
	"31 GY-2017-000001 GY-2017-000031" "numbered GY-2017-000001 to GY-2017-000031, each with its uuid"
qlist --with-personal-data -f jsonl </dev/null >"$T_DIR/demo.jsonl"
run "$PYTHON" - "$demo" "$T_DIR/demo.jsonl" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
recs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
bad = []
if len(rows) != len(recs):
    bad.append("%d rows, %d records" % (len(rows), len(recs)))
for i, (row, rec) in enumerate(zip(rows, recs), 2):
    for k, v in row.items():
        got = rec.get(k)
        got = "" if got is None else str(got).lower() if isinstance(got, bool) else str(got)
        if got != v:
            bad.append("row %d %s: %r != %r" % (i, k, got, v))
print("\n".join(bad))
EOF
is "$OUT" "" "every field of every demo.csv row is listed back unchanged"

# --- many records ---------------------------------------------------------

fresh_store
awk 'BEGIN { for (i = 1; i <= 500; i++)
	printf "{\"received_at\":\"2017-0%d-%02d\",\"channel\":\"hotline\",\"unit\":\"510802\",\"subject\":\"bulk %d\",\"petitioner_phone\":\"138%08d\"}\n", 1 + i % 5, 1 + i % 28, i, i }' \
	>"$T_DIR/many.jsonl"
run padd -q <"$T_DIR/many.jsonl"
is_rc 0 "500 records in one invocation"
qlist -f jsonl </dev/null >"$T_DIR/list.jsonl"
is "$(wc -l <"$T_DIR/list.jsonl" | tr -d ' ')|$(jget .case_no <"$T_DIR/list.jsonl" | sort -u | wc -l | tr -d ' ')|$(jget .case_no <"$T_DIR/list.jsonl" | sort | tail -1)" \
	"500|500|GY-2017-000500" "500 cases, numbered without gaps"
is "$(qshow -f csv <"$T_DIR/list.jsonl" | tail -n +2 | cut -d, -f4 | sort | uniq -c | tr -s ' ')" " 500 \"register\"" \
	"500 register events"

# --- one pipe, each case sent behind the last ------------------------------
# A case numbered and given its uuid here is not waited for (on PostgreSQL);
# the next record's repeat look, a refused duplicate and the ids after it
# must see it all the same.
fresh_store
cat >"$T_DIR/pipe.jsonl" <<'EOF'
{"received_at":"2017-05-01","channel":"hotline","unit":"510802","subject":"p1","petitioner_phone":"13811112222","accused":"某化工厂"}
{"received_at":"2017-05-02","channel":"hotline","unit":"510802","subject":"p2","petitioner_phone":"13811112222"}
{"received_at":"2017-05-03","channel":"web","unit":"510802","subject":"p3","uuid":"0190a000-0000-7000-8000-0000000000aa","accused":"某化工厂"}
{"received_at":"2017-05-04","channel":"web","unit":"510802","subject":"p4","uuid":"0190a000-0000-7000-8000-0000000000aa"}
{"received_at":"2017-05-05","channel":"letter","unit":"510802","subject":"p5"}
{"received_at":"2017-05-06","channel":"letter","unit":"510802","subject":"p6","case_no":"GY-2017-000002"}
{"received_at":"2017-05-07","channel":"letter","unit":"510802","subject":"p7","accused":"某化工厂"}
EOF
run padd -k -q <"$T_DIR/pipe.jsonl"
is_rc 1 "a pipe with two duplicates under -k: exit 1"
is "$ERR" 'petition-add: line 4: uuid: "0190a000-0000-7000-8000-0000000000aa" is already registered
petition-add: line 6: case_no: "GY-2017-000002" is already registered' "both duplicates named"
is "$(fields p id case_no repeat_of | tr '\n' ' ')" \
	"1|GY-2017-000001|null 2|GY-2017-000002|GY-2017-000001 3|GY-2017-000003|GY-2017-000001 4|GY-2017-000004|null 5|GY-2017-000005|GY-2017-000003 " \
	"ids and numbers without gaps; each repeat found behind the case before it"
is "$(qlist -f jsonl </dev/null | qshow -f csv | cut -d, -f4 | grep -c '"register"')" 5 \
	"five register events, none for a refused record"

done_testing
