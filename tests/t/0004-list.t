#!/bin/sh
# petition-list: filters, selection by key, masking and the output formats.
T_TOOLS="petition-list"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

# Seven cases (accept_due in the comment).  Case 4 repeats case 2 (same
# accused), case 6 repeats case 1 (same phone); case 3 is a collective visit.
cat >"$T_DIR/fixture.jsonl" <<'EOF'
{"received_at":"2017-03-01T10:00","channel":"letter","unit":"510802","pollution_type":"noise","subject":"夜间施工噪声","content":"排放 100% 超标","petitioner_name":"张三","petitioner_phone":"13812345678","petitioner_id_number":"510802199001011236","petitioner_address":"四川省广元市利州区东坝街道滨河北路88号"}
{"received_at":"2017-03-15T23:30:00+08:00","channel":"hotline","unit":"510811","pollution_type":"air","subject":"化工厂废气","content":"每天排放 100 吨","accused":"某化工厂"}
{"received_at":"2017-04-01T00:00","channel":"visit","headcount":6,"unit":"510800","pollution_type":"water","subject":"河水发黑，村民集体上访"}
{"received_at":"2017-04-10","channel":"web","unit":"510824","pollution_type":"solid_waste","subject":"a_b 固废堆放","accused":"某化工厂"}
{"received_at":"2017-05-20","channel":"hotline","unit":"510000","pollution_type":"air","subject":"省厅转来","content":"达标率 50%"}
{"received_at":"2017-05-31T23:59:59+08:00","channel":"wechat","unit":"510802","pollution_type":"noise","subject":"aXb 广场舞噪声","petitioner_name":"李四","petitioner_phone":"13812345678"}
{"received_at":"2017-06-01T00:30:00+08:00","channel":"letter","unit":"利州区","pollution_type":"water","subject":"排污口"}
EOF
# accept_due: 1 03-16, 2 03-30, 3 04-16, 4 04-25, 5 06-04, 6 06-15, 7 06-16
run padd -q <"$T_DIR/fixture.jsonl"
is_rc 0 "fixture loaded"
is "$(ncases)" 7 "seven cases"
uuid4=$(cf 4 .uuid)
uuid5=$(cf 5 .uuid)

# ids: the ids of the JSON Lines printed by the last run, on one line (the
# records start with the id: {"id":7,...)
ids() { printf '%s\n' "$OUT" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' | paste -sd ' ' -; }
# sel DESCRIPTION "EXPECTED IDS" [ARGS...]: petition-list ARGS, stdin /dev/null
sel() {
	t_d=$1 t_x=$2
	shift 2
	run plist -f jsonl "$@" </dev/null
	is "$RC:$ERR" "0:" "$t_d: exit 0, no message"
	is "$(ids)" "$t_x" "$t_d"
	[ -n "${SEL_KEYS:-}" ] && return     # cases named: --count counts filters only
	# natively under valgrind: the count's own section below runs it there
	run "${PETITION_PROBE_BIN:-$PETITION_BIN}/petition-list" --count "$@" </dev/null
	is "$RC:$OUT" "0:$(printf '%s' "$t_x" | wc -w | tr -d ' ')" "$t_d: --count"
}

# usage OPTION "EXPECTED MESSAGE" ARGS...: exit 2, the message, no output
usage() {
	t_o=$1 t_e=$2
	shift 2
	run plist "$@" </dev/null
	is_rc 2 "$t_o $*: exit 2"
	is "$OUT" "" "$t_o $*: nothing on stdout"
	is "$ERR" "$t_e" "$t_o $*: the message names the option"
}

# --- filters --------------------------------------------------------------

sel "no filter: every case, by id" "1 2 3 4 5 6 7"
sel "--status registered" "1 2 3 4 5 6 7" --status registered
sel "--status accepted: none" "" --status accepted
sel "-s accepted,registered (a comma list)" "1 2 3 4 5 6 7" -s accepted,registered
sel "--unit 510800: the city and its counties" "1 2 3 4 6 7" --unit 510800
sel "--unit 510802: only that county" "1 6 7" --unit 510802
sel "-u 利州区: a unit by name" "1 6 7" -u 利州区
sel "--unit 广元市生态环境局: the city by name" "1 2 3 4 6 7" --unit 广元市生态环境局
sel "--unit 510000: the province and all below" "1 2 3 4 5 6 7" --unit 510000
sel "--channel hotline" "2 5" --channel hotline
sel "--channel hotline,letter" "1 2 5 7" --channel hotline,letter
sel "--channel '12369 电话,来信' (labels as SPEC writes them)" "1 2 5 7" --channel '12369 电话,来信'
sel "--status 已登记 --pollution-type 噪声 (labels)" "1 6" --status 已登记 --pollution-type 噪声
sel "--pollution-type noise" "1 6" --pollution-type noise
sel "--pollution-type air,water" "2 3 5 7" --pollution-type air,water
sel "--from 2017-04-01: inclusive, from local midnight" "3 4 5 6 7" --from 2017-04-01
sel "--to 2017-03-15: inclusive, to local midnight (23:30 +08:00 is in)" "1 2" --to 2017-03-15
sel "--from = --to: one local day (00:30 +08:00 on 06-01 is 05-31 in UTC, but out)" "6" \
	--from 2017-05-31 --to 2017-05-31
sel "--from 2017-06-01" "7" --from 2017-06-01
sel "--due-before 2017-03-30: strictly before" "1" --due-before 2017-03-30
sel "--due-before 2017-03-31" "1 2" --due-before 2017-03-31
sel "--overdue as of \$PETITION_NOW (2017-06-01)" "1 2 3 4" --overdue
sel "--overdue --now 2017-03-30: the due day itself is not overdue" "1" --overdue --now 2017-03-30
sel "--overdue --now 2017-03-31" "1 2" --overdue --now 2017-03-31
sel "--overdue --now 2017-03-30T23:00:00Z (already 03-31 local)" "1 2" --overdue --now 2017-03-30T23:00:00Z
run env PETITION_NOW=2017-04-20 "$PETITION_BIN/petition-list" --overdue </dev/null
is "$RC:$(ids)" "0:1 2 3" "--overdue as of PETITION_NOW=2017-04-20"
sel "--repeat" "4 6" --repeat
sel "--collective" "3" --collective
sel "--text 噪声" "1 6" --text 噪声
sel "--text 100%: % is literal" "1" --text 100%
sel "--text %: only cases with a % sign" "1 5" --text %
sel "--text a_b: _ is literal" "4" --text a_b
sel "--text _" "4" --text _
sel "filters combine with AND" "6" --unit 510802 --pollution-type noise --from 2017-05-01

# category, handler, leader, backlog and risk: set by the lifecycle tools (in a
# database of their own, so that the cases above stay registered)
t_main=$PETITION_DB
use_store people
padd -q <"$T_DIR/fixture.jsonl"
padd -q --received-at 2017-05-02 --channel letter --unit 510802 --subject 邻避 --risk </dev/null  # 8
"$PETITION_BIN/petition-assign" -q --accept --category petition -H 王五 1 2 </dev/null
"$PETITION_BIN/petition-assign" -q --accept --category enforcement -H 赵六 -L 钱局长 4 </dev/null
"$PETITION_BIN/petition-escalate" --now 2017-06-20 </dev/null >/dev/null  # 1, 2: backlog (90 days)
sel "--category petition" "1 2" --category petition
sel "--category petition,enforcement (a comma list)" "1 2 4" --category petition,enforcement
sel "--category 业务类 (a label)" "4" --category 业务类
sel "--handler 王五: an exact name" "1 2" --handler 王五
sel "--handler 王: not a substring" "" --handler 王
sel "--leader 钱局长" "4" --leader 钱局长
sel "--backlog" "1 2" --backlog
sel "--risk" "8" --risk
sel "--handler with --category: AND" "4" --handler 赵六 --category enforcement
usage --category 'petition-list: --category: "misc" is not one of enforcement, litigation, petition, out_of_scope' --category misc
usage --handler 'petition-list: --handler: not a name' --handler ''
export PETITION_DB="$t_main"

# --- sorting and limits ---------------------------------------------------

sel "--sort -received_at" "7 6 5 4 3 2 1" --sort -received_at
sel "--sort unit,-id" "5 3 7 6 1 2 4" --sort unit,-id
sel "--sort pollution_type,id" "2 5 1 6 4 3 7" --sort pollution_type,id
sel "--limit 2" "1 2" --limit 2
sel "--sort -id -l 3" "7 6 5" --sort -id -l 3
sel "--limit larger than the result" "1 6 7" --limit 100 --unit 510802

# next_due / next_clock: the office's earliest open deadline, kept through
# the lifecycle (the seven cases again, in a database of their own).
# 1 declined: nothing due; 2 transferred to 朝天区 on 03-20: accept due
# 04-04 (its 5-working-day objection window is not the office's duty);
# 7 accepted on 06-02: reply due 08-01.
padd --db "$T_DIR/next.db" -q <"$T_DIR/fixture.jsonl"
ND="--db $T_DIR/next.db"
"$PETITION_BIN/petition-assign" $ND -q --now 2017-03-05T10:00:00+08:00 --decline --reason 重复 1 </dev/null
"$PETITION_BIN/petition-assign" $ND -q --now 2017-03-20T10:00:00+08:00 --transfer --to 510812 2 </dev/null
"$PETITION_BIN/petition-assign" $ND -q --now 2017-06-02T10:00:00+08:00 --accept --category petition 7 </dev/null
run plist $ND -f jsonl </dev/null
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
print(" ".join("%d:%s:%s" % (r["id"], r["next_due"], r["next_clock"]) for r in map(json.loads, sys.stdin)))')" \
	"1:None:None 2:2017-04-04:accept 3:2017-04-16:accept 4:2017-04-25:accept 5:2017-06-04:accept 6:2017-06-15:accept 7:2017-08-01:reply" \
	"next_due and next_clock follow decline, transfer and accept"
sel "--sort next_due: the earliest first, nothing due last" "2 3 4 5 6 7 1" $ND --sort next_due
sel "--sort -next_due: the latest first, nothing due last" "7 6 5 4 3 2 1" $ND --sort -next_due
sel "--sort next_due --limit 2" "2 3" $ND --sort next_due --limit 2
run plist $ND -f csv --sort next_due --limit 1 </dev/null
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c '
import csv, sys
r = list(csv.DictReader(sys.stdin))
print(r[0]["case_no"], r[0]["next_due"], r[0]["next_clock"])')" "GY-2017-000002 2017-04-04 accept" "csv: next_due and next_clock columns"
run plist $ND -f table --sort next_due --limit 1 </dev/null
like "$(printf '%s\n' "$OUT" | tr -s ' ')" "next_due next_clock
.* 2017-04-04 accept\$" "table: next_due and next_clock columns"

# --- cases named by arguments and by stdin ---------------------------------

run plist 3 GY-2017-000001 "$uuid5" </dev/null
is "$RC:$ERR" "0:" "id, case_no and uuid as arguments: exit 0"
is "$(ids | tr ' ' '\n' | sort -n | paste -sd ' ' -)" "1 3 5" "id, case_no and uuid select those cases"
SEL_KEYS=1 sel "arguments and a filter" "1" --unit 510802 1 2 3
run plist 1 NOPE 2 </dev/null
is_rc 3 "an unknown case among the arguments: exit 3"
is "$ERR" "petition-list: NOPE: no such case" "with a message naming it"
is "$(ids)" "1 2" "the known ones are still listed"

plist --unit 510800 </dev/null | run plist - --pollution-type noise; reload
is "$RC:$ERR" "0:" "petition-list | petition-list -: exit 0"
is "$(ids)" "1 6" "petition-list | petition-list - --pollution-type noise narrows the selection"
plist --unit 510802 -f csv </dev/null | run plist - --channel letter; reload
is "$RC:$(ids)" "0:1 7" "CSV records on stdin select their cases"
printf '7\n\nGY-2017-000002\n  %s  \n' "$uuid4" | run plist -; reload
is "$RC:$(ids | tr ' ' '\n' | sort -n | paste -sd ' ' -)" "0:2 4 7" \
	"plain lines on stdin: an id, a case number, a uuid (blank lines and spaces ignored)"
printf '' | run plist --overdue; reload
is "$RC:$(ids)" "0:1 2 3 4" "an empty pipe on stdin (cron) does not narrow a selection: stdin is read only for -"
printf '5\n' | run plist --unit 510000; reload
is "$RC:$(ids)" "0:1 2 3 4 5 6 7" "keys on stdin without - are not read"
printf '5\n' | run plist 3 -; reload
is "$RC:$(ids)" "0:3 5" "- among the arguments reads stdin there"
printf 'GY-2017-000005\r\nGY-2017-000003\r\n' >"$T_DIR/numbers.txt"
run plist --sort id - <"$T_DIR/numbers.txt"
is "$RC:$(ids | tr ' ' '\n' | sort -n | paste -sd ' ' -)" "0:3 5" "a file of case numbers with CRLF on stdin"

# --- bad filter values ----------------------------------------------------

usage --status 'petition-list: --status: "open" is not one of registered, accepted, declined, transferred, replied, delivered, reviewing, reviewed, rereviewing, final, closed, voided' --status open
usage --status 'petition-list: --status: "open" is not one of registered, accepted, declined, transferred, replied, delivered, reviewing, reviewed, rereviewing, final, closed, voided' --status registered,open
usage --unit 'petition-list: --unit: "999" is not a known unit' --unit 999
usage --channel 'petition-list: --channel: "fax" is not one of letter, visit, hotline, web, wechat, weibo, mailbox, transfer, media, other' --channel fax
usage --pollution-type 'petition-list: --pollution-type: "smell" is not one of air, water, noise, solid_waste, radiation, soil, ecology, other' --pollution-type smell
usage --from 'petition-list: --from: "2017-13-01" is not a date (YYYY-MM-DD)' --from 2017-13-01
usage --to 'petition-list: --to: "x" is not a date (YYYY-MM-DD)' --to x
usage --from 'petition-list: --from 2017-05-01 is after --to 2017-04-01' --from 2017-05-01 --to 2017-04-01
usage --due-before 'petition-list: --due-before: "2017-02-30" is not a date (YYYY-MM-DD)' --due-before 2017-02-30
usage --sort 'petition-list: --sort: "nosuch" is not a field' --sort nosuch
usage --limit 'petition-list: --limit: "0" is not a whole number from 1 to 1000000000' --limit 0
usage --limit 'petition-list: --limit: "x" is not a whole number from 1 to 1000000000' -l x
usage --header 'petition-list: --header: "fr" is not en or zh' --header fr

# --- personal data --------------------------------------------------------

run plist 1 6 </dev/null
is "$(printf '%s\n' "$OUT" | jget .petitioner_name | paste -sd ' ' -)" "张* 李*" "names masked by default"
is "$(printf '%s\n' "$OUT" | head -1 | jget .petitioner_phone)" "138****5678" "phone masked"
is "$(printf '%s\n' "$OUT" | head -1 | jget .petitioner_id_number)" "510802********1236" "ID number masked (6 + **** + 4)"
is "$(printf '%s\n' "$OUT" | head -1 | jget .petitioner_address)" "四川省广元市****" "address masked"
for f in jsonl csv table; do
	run plist -f $f </dev/null
	lacks "$OUT" 13812345678 "$f: the phone number appears nowhere by default"
	lacks "$OUT" 199001011236 "$f: the ID number appears nowhere by default"
	lacks "$OUT" 张三 "$f: the name appears nowhere by default"
done
run plist --with-personal-data 1 </dev/null
is "$(printf '%s\n' "$OUT" | jget .petitioner_name)/$(printf '%s\n' "$OUT" | jget .petitioner_phone)" \
	"张三/13812345678" "--with-personal-data: name and phone in full"
is "$(printf '%s\n' "$OUT" | jget .petitioner_id_number)/$(printf '%s\n' "$OUT" | jget .petitioner_address)" \
	"510802199001011236/四川省广元市利州区东坝街道滨河北路88号" "--with-personal-data: ID number and address in full"

# --- CSV ------------------------------------------------------------------

run padd -q --received-at 2017-05-02 --channel letter --unit 510802 \
	--subject 'q "quoted", comma' --content "$(printf 'line 1\nline 2 中文')" </dev/null
is_rc 0 "an eighth case with quotes, a comma and a newline"
HEADER_EN='id,case_no,uuid,received_at,channel,petitioner_name,petitioner_phone,petitioner_id_number,petitioner_address,anonymous,headcount,collective,purpose,subject,content,accused,location,unit,unit_name,pollution_type,status,category,handler,leader,accept_due,reply_due,extended,replied_at,outcome,delivered_at,review_due,closed_at,satisfaction,backlog,risk,repeat_of,transferred_from,next_due,next_clock,origin_case_no'
HEADER_ZH='编号,信访件编号,唯一标识,登记时间,渠道,信访人,联系电话,身份证号码,住址,匿名,人数,集体访,信访目的,事由,内容,被投诉对象,地点,单位代码,单位,污染类型,状态,分类,承办人,包案领导,受理期限,答复期限,已延期,答复时间,处理意见,送达时间,申请复查复核期限,办结时间,满意度,积案,风险,重复信访,转来单位,下一办理期限,下一时限,原信访件编号'

# csvcheck FILE: parses FILE as RFC 4180 and prints: BOM or not, the header,
# the number of rows, whether every record ends with CRLF, and the fields
# subject|content|received_at|headcount|anonymous|repeat_of of id 8 and 6
csvcheck() {
	"$PYTHON" - "$1" <<'EOF'
import csv, io, sys
data = open(sys.argv[1], "rb").read()
print("bom" if data.startswith(b"\xef\xbb\xbf") else "no bom")
text = data.decode("utf-8-sig")
rows = list(csv.reader(io.StringIO(text, newline="")))
print(",".join(rows[0]))
print(len(rows) - 1, "rows")
# outside quotes, every line break is CRLF
inq, ok, prev = False, True, ""
for ch in text:
    if ch == '"':
        inq = not inq
    elif ch == "\n" and not inq and prev != "\r":
        ok = False
    prev = ch
print("CRLF" if ok and text.endswith("\r\n") else "not CRLF")
head = rows[0]
for r in rows[1:]:
    d = dict(zip(head, r))
    if d.get("id", d.get("编号")) in ("8", "6"):
        print("|".join(d.get(k, "?") for k in ("subject", "content", "received_at", "headcount", "anonymous", "repeat_of")))
EOF
}
plist -f csv --sort -id </dev/null >"$T_DIR/out.csv"
is "$(csvcheck "$T_DIR/out.csv")" "no bom
$HEADER_EN
8 rows
CRLF
q \"quoted\", comma|line 1
line 2 中文|2017-05-02T00:00:00+08:00|1|false|
aXb 广场舞噪声||2017-05-31T23:59:59+08:00|1|false|GY-2017-000001" \
	"CSV: header of field names, CRLF records, quotes, commas and newlines per RFC 4180"
ok "CSV: a quote in a field is doubled inside a quoted field" grep -q '"q ""quoted"", comma"' "$T_DIR/out.csv"
plist -f csv --bom --header zh --sort -id </dev/null >"$T_DIR/out.csv"
is "$(csvcheck "$T_DIR/out.csv" | sed -n 1,4p)" "bom
$HEADER_ZH
8 rows
CRLF" "--bom --header zh: a byte-order mark and Chinese header names"
is "$(head -c 3 "$T_DIR/out.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom: the file starts with EF BB BF"
plist -f csv -s accepted </dev/null >"$T_DIR/out.csv"
is "$(csvcheck "$T_DIR/out.csv" | sed -n 3p)" "0 rows" "CSV of an empty selection: the header alone"

# --- --count --------------------------------------------------------------

run plist --count --limit 2 </dev/null
is "$RC:$OUT" "0:2" "--count --limit 2: at most the limit"
run plist --count --limit 50 </dev/null
is "$RC:$OUT" "0:8" "--count --limit 50: the number there is"
run plist -c -f csv --header zh --bom --status registered </dev/null
is "$RC:$OUT" "0:8" "-c in CSV: the number alone, no header, no byte-order mark"
run plist --count 1 </dev/null
is_rc 2 "--count with a case named: exit 2"
is "$OUT" "" "--count with a case named: nothing printed"
contains "$ERR" "--count" "--count with a case named: the message says why"
run plist --count --status nosuch </dev/null
is_rc 2 "--count with a bad filter: exit 2, as the listing"

# --- a record longer than the line buffer's first size --------------------

long=$("$PYTHON" -c 'print("长" * 12000 + "\\" + "\"" + "末")')
run padd -q --received-at 2017-05-03 --channel letter --unit 510802 --subject long \
	--content "$long" </dev/null
is_rc 0 "a ninth case whose content is 36,000 bytes"
run plist -f jsonl --text long </dev/null
is "$(printf '%s\n' "$OUT" | jget .content)" "$long" "JSON Lines: a 36,000-byte content comes back whole, escapes and all"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 1 "JSON Lines: the long record is one line"
plist -f jsonl --sort id </dev/null | "$PYTHON" -c '
import json, sys
ids = [json.loads(l)["id"] for l in sys.stdin]
print(ids == sorted(ids) and len(ids), type(ids[0]).__name__)' >"$T_DIR/ids"
is "$(cat "$T_DIR/ids")" "9 int" "JSON Lines: every record parses after the long one, ids as integers"
run plist -f table </dev/null
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 10 "table: a header and 9 lines"

# --- tables ---------------------------------------------------------------

run plist -f table </dev/null
is "$RC" 0 "table: exit 0"
contains "$OUT" "利州区" "table: has Chinese text"
is "$(printf '%s\n' "$OUT" | aligned)" "" "table: columns aligned (Chinese characters are 2 columns wide)"
run plist -f table --header zh </dev/null
contains "$(printf '%s\n' "$OUT" | head -1)" "信访件编号" "table --header zh: Chinese column names"
is "$(printf '%s\n' "$OUT" | aligned)" "" "table --header zh: columns aligned"
run plist -f table --with-personal-data --sort -id </dev/null
is "$(printf '%s\n' "$OUT" | aligned)" "" "table --with-personal-data: columns aligned"

done_testing
