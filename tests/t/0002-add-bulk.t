#!/bin/sh
# petition-add: many records from stdin, as JSON Lines or CSV.
. "$(dirname "$0")/lib.sh"

# hexof STRING: the bytes of STRING in upper-case hex, as sqlite3's hex()
hexof() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F; }
# stored COLUMN SUBJECT: the hex of a column of the case with that subject
stored() { sql "SELECT hex($1) FROM cases WHERE subject = '$2'"; }

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
is "$(sql "SELECT received_at, channel, unit, anonymous, headcount, risk FROM cases WHERE subject = 'j2'")" \
	"2017-05-02T02:00:00Z|wechat|510812|1|3|1" "booleans, numbers, a Chinese label and a unit name from JSON"
is "$(sql "SELECT id, status, accept_due, collective, coalesce(repeat_of, '-'), headcount FROM cases WHERE subject = 'j3'")" \
	"3|registered|2017-05-18|1|-|7" "computed fields in the input (id, status, accept_due, collective, repeat_of) are ignored"
is "$(ncases)" 3 "three cases"

sed 's/"j\([123]\)/"p\1/' "$T_DIR/in.jsonl" | run padd -q; reload
is_rc 0 "JSON Lines from a pipe: detected and added"
is "$(sql "SELECT count(*) FROM cases WHERE subject LIKE 'p_%'")" 3 "three more cases"

run padd -q --input-format jsonl <"$T_DIR/in.jsonl"
is_rc 0 "--input-format jsonl"
is "$(ncases)" 9 "three more cases"

# BOM, CRLF line ends, blank and white lines
printf '\357\273\277{"received_at":"2017-05-04","channel":"letter","unit":"510802","subject":"crlf 1"}\r\n\r\n   \n\t\r\n{"received_at":"2017-05-04","channel":"letter","unit":"510802","subject":"crlf 2"}\r\n\n' >"$T_DIR/bom.jsonl"
run padd -q <"$T_DIR/bom.jsonl"
is_rc 0 "JSON Lines with a BOM, CRLF line ends and blank lines"
is "$(sql "SELECT group_concat(hex(subject), ' ') FROM cases WHERE subject LIKE 'crlf%'")" \
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
is "$(sql "SELECT hex(petitioner_name), coalesce(content, 'NULL') FROM cases WHERE subject = 'c2'")" \
	"$(hexof 钱七)|NULL" "an empty field is absent (NULL), the last one has no CR"
is "$(printf '%s\n' "$OUT" | head -1 | cut -c1-24)" '"id","case_no","uuid","r' "records printed as CSV with -f csv"

run padd -q --input-format csv <"$T_DIR/in.csv"
is_rc 0 "--input-format csv"
is "$(sql "SELECT count(*) FROM cases WHERE subject = 'c2'")" 2 "added again"

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
is "$(sql "SELECT received_at, channel, unit, petitioner_name, headcount, collective, anonymous FROM cases WHERE subject LIKE 'z1%'")" \
	"2017-05-07T01:30:00Z|visit|510802|孙八|6|1|0" "Chinese headers map to the fields"
is "$(stored subject 'z1 逗号, "引号"')" "$(hexof 'z1 逗号, "引号"')" "quoted comma and quotes survive"
is "$(stored content 'z1 逗号, "引号"')" "$(hexof "$(printf '多行\r\n第二行')")" "a CRLF inside a quoted field is kept as it was"
is "$(sql "SELECT channel, unit, anonymous FROM cases WHERE subject = 'z2'")" "letter|510822|1" "second row"

# --- the demo data --------------------------------------------------------

demo="$PETITION_SHARE/demo.csv"
rm -f "$PETITION_DB"
run padd -q <"$demo"
is_rc 0 "share/petition/demo.csv loads"
is "$ERR" "" "without a message"
is "$(ncases)" 31 "31 cases"
is "$(sql "SELECT count(DISTINCT uuid) || ' ' || min(case_no) || ' ' || max(case_no) FROM cases")" \
	"31 GY-2017-000001 GY-2017-000031" "numbered GY-2017-000001 to GY-2017-000031, each with its uuid"
plist --with-personal-data -f jsonl </dev/null >"$T_DIR/demo.jsonl"
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

rm -f "$PETITION_DB"
awk 'BEGIN { for (i = 1; i <= 500; i++)
	printf "{\"received_at\":\"2017-0%d-%02d\",\"channel\":\"hotline\",\"unit\":\"510802\",\"subject\":\"bulk %d\",\"petitioner_phone\":\"138%08d\"}\n", 1 + i % 5, 1 + i % 28, i, i }' \
	>"$T_DIR/many.jsonl"
run padd -q <"$T_DIR/many.jsonl"
is_rc 0 "500 records in one invocation"
is "$(sql "SELECT count(*), count(DISTINCT case_no), max(case_no) FROM cases")" "500|500|GY-2017-000500" "500 cases, numbered without gaps"
is "$(sql "SELECT count(*) FROM events")" 500 "500 register events"

done_testing
