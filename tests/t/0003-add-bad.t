#!/bin/sh
# petition-add: bad input is refused with exit 3, an exact message naming
# the line and the field, and no change to the database.
T_TOOLS="petition-add"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

IN="$T_DIR/in"
G='{"received_at":"2017-01-10","channel":"letter","unit":"510802","subject":"ok"}'
# rec FIELDS: a JSON record with the required fields and then FIELDS
rec() { printf '{"received_at":"2017-01-10","channel":"letter","unit":"510802"%s}\n' "${1:+,$1}"; }

# bad DESCRIPTION EXPECTED-STDERR [ARGS...] <input: exit 3, exactly that on
# stderr, nothing on stdout, the database unchanged.
bad() {
	t_d=$1 t_e=$2
	shift 2
	t_sum=$(dbsum)
	run padd "$@"
	is_rc 3 "$t_d: exit 3"
	is "$ERR" "$t_e" "$t_d: message"
	is "$OUT" "" "$t_d: nothing on stdout"
	is "$(dbsum)" "$t_sum" "$t_d: database unchanged"
}

run padd -q --received-at 2017-01-05 --channel letter --unit 510802 --subject first </dev/null
is_rc 0 "a database with one case to start with"

# --- JSON Lines -----------------------------------------------------------

printf '%s\n%s\n' "$G" '{"received_at":' >"$IN"
bad "malformed JSON" 'petition-add: line 2: malformed JSON near byte 16' <"$IN"

printf '%s\n%s\n' "$G" '[1,2]' >"$IN"
bad "a JSON line that is not an object" 'petition-add: line 2: not a JSON object' <"$IN"

printf '%s\n%s\n' "$G" '"just a string"' >"$IN"
bad "a JSON string line" 'petition-add: line 2: not a JSON object' <"$IN"

printf '%s {}\n' "$G" >"$IN"
bad "text after the JSON value" 'petition-add: line 1: text after the JSON value' <"$IN"

rec '"subject":42' >"$IN"
bad "a number where a string belongs" 'petition-add: line 1: subject: expected a string' <"$IN"

rec '"subject":["a"]' >"$IN"
bad "an array where a string belongs" 'petition-add: line 1: subject: expected a string, got an array' <"$IN"

rec '"subject":"a","subject":"b"' >"$IN"
bad "a field given twice" 'petition-add: line 1: subject: given twice' <"$IN"

rec '"subject":"x","anonymous":"maybe"' >"$IN"
bad "a bad boolean" 'petition-add: line 1: anonymous: "maybe" is not true or false' <"$IN"

# --- CSV ------------------------------------------------------------------

printf 'received_at,channel,unit,subject\n2017-01-10,letter,510802,a,b\n2017-01-10,letter,510802,ok\n2017-01-10,letter\n' >"$IN"
bad "CSV rows with the wrong number of fields (both reported)" \
	"petition-add: line 2: expected 4 fields, got 5
petition-add: line 4: expected 4 fields, got 2" <"$IN"

printf 'received_at,channel,unit,subject\n2017-01-10,letter,510802,"abc\n2017-01-10,letter,510802,x\n' >"$IN"
bad "an unbalanced quote (the record starts on line 2)" \
	'petition-add: line 2: malformed CSV: a quoted field is not closed' <"$IN"

printf 'received_at,channel,unit,subject\n2017-01-10,letter,510802,a"b"c\n' >"$IN"
run padd <"$IN"
is_rc 3 "a quote inside an unquoted CSV field: exit 3"
like "$ERR" '^petition-add: line 2: malformed CSV' "a quote inside an unquoted CSV field: message names line 2"

printf 'received_at,channel,unit,colour\n2017-01-10,letter,510802,red\n' >"$IN"
bad "an unknown CSV header" 'petition-add: line 1: "colour" is not a field' <"$IN"

# --- encoding and bytes ---------------------------------------------------

printf 'received_at,channel,unit,subject\n2017-01-10,letter,510802,ab\377\376cd\n' >"$IN"
bad "invalid UTF-8 in CSV" 'petition-add: line 2: subject: is not valid UTF-8' <"$IN"

rec "$(printf '"subject":"\303\050"')" >"$IN"
bad "invalid UTF-8 in JSON" 'petition-add: line 1: subject: is not valid UTF-8' <"$IN"

rec '"subject":"bell \u0007"' >"$IN"
bad "a control character" 'petition-add: line 1: subject: contains control characters' <"$IN"

printf 'received_at,channel,unit,subject\n2017-01-10,letter,510802,a\000b\n' >"$IN"
bad "a NUL byte in CSV" 'petition-add: line 2: subject: contains a NUL byte' <"$IN"

printf '{"received_at":"2017-01-10","channel":"letter","unit":"510802","subject":"a\000b"}\n' >"$IN"
bad "a NUL byte in JSON" 'petition-add: line 1: contains a NUL byte' <"$IN"

rec '"subject":"a\u0000b"' >"$IN"
bad "an escaped NUL (\\u0000) in JSON" 'petition-add: line 1: contains a NUL byte' <"$IN"

# --- sizes ----------------------------------------------------------------

big=$(head -c 1048576 /dev/zero | tr '\0' a)
rec "\"subject\":\"big\",\"content\":\"$big\"" >"$IN"
bad "a 1 MB content field (JSON)" 'petition-add: line 1: content: is longer than 65536 bytes' <"$IN"
printf 'received_at,channel,unit,subject,content\n2017-01-10,letter,510802,big,%s\n' "$big" >"$IN"
bad "a 1 MB content field (CSV)" 'petition-add: line 2: content: is longer than 65536 bytes' <"$IN"
unset big
c65537=$(head -c 65537 /dev/zero | tr '\0' b)
bad "content of 65537 bytes (option)" 'petition-add: content: is longer than 65536 bytes' \
	--received-at 2017-01-10 --channel letter --unit 510802 --subject x --content "$c65537" </dev/null
unset c65537
s201=$(awk 'BEGIN { while (i++ < 201) printf "字" }')
bad "a subject of 201 characters" 'petition-add: subject: is longer than 200 characters' \
	--received-at 2017-01-10 --channel letter --unit 510802 --subject "$s201" </dev/null

# --- field values ---------------------------------------------------------

rec '"subject":"x","received_at":"2017-02-30"' | sed 's/"received_at":"2017-01-10",//' >"$IN"
bad "an impossible date" 'petition-add: line 1: received_at: "2017-02-30" is not a date' <"$IN"
bad "an impossible date (option)" 'petition-add: received_at: "2017-02-29" is not a date' \
	--received-at 2017-02-29 --channel letter --unit 510802 --subject x </dev/null
bad "a time of 25 o'clock" 'petition-add: received_at: "2017-03-21T25:00" is not a date' \
	--received-at 2017-03-21T25:00 --channel letter --unit 510802 --subject x </dev/null
bad "a future date" 'petition-add: received_at: "2017-06-02" is in the future' \
	--received-at 2017-06-02 --channel letter --unit 510802 --subject x </dev/null
bad "an unknown channel" 'petition-add: channel: "fax" is not one of letter, visit, hotline, web, wechat, weibo, mailbox, transfer, media, other' \
	--received-at 2017-01-10 --channel fax --unit 510802 --subject x </dev/null
bad "an unknown unit" 'petition-add: unit: "999999" is not a known unit' \
	--received-at 2017-01-10 --channel letter --unit 999999 --subject x </dev/null
bad "a missing required field" 'petition-add: subject: is required' \
	--received-at 2017-01-10 --channel letter --unit 510802 </dev/null
printf '{}\n' >"$IN"
bad "an empty object: every required field reported" \
	"petition-add: line 1: received_at: is required
petition-add: line 1: channel: is required
petition-add: line 1: subject: is required
petition-add: line 1: unit: is required" <"$IN"
bad "headcount 0" 'petition-add: headcount: "0" is not a whole number from 1 to 100000' \
	--received-at 2017-01-10 --channel visit --unit 510802 --subject x --headcount 0 </dev/null
bad "headcount 100001" 'petition-add: headcount: "100001" is not a whole number from 1 to 100000' \
	--received-at 2017-01-10 --channel visit --unit 510802 --subject x --headcount 100001 </dev/null

rec '"subject":"x","petitioner_phone":"1381234abcd"' >"$IN"
bad "a bad phone" 'petition-add: line 1: petitioner_phone: is not a phone number' <"$IN"
lacks "$ERR" 1381234abcd "the phone number is not in the message"
rec '"subject":"x","petitioner_id_number":"510802199001011234"' >"$IN"
bad "an ID number with a wrong check digit" 'petition-add: line 1: petitioner_id_number: is not a valid ID number' <"$IN"
lacks "$ERR" 199001011234 "the ID number is not in the message"
bad "an ID number of 16 characters" 'petition-add: petitioner_id_number: is not a valid ID number' \
	--received-at 2017-01-10 --channel letter --unit 510802 --subject x \
	--petitioner-id-number 5108021990010112 </dev/null
lacks "$ERR" 5108021990010112 "the ID number is not in the message"

# --- every bad record is reported, with its line --------------------------

{
	echo "$G"
	rec '"subject":"x","channel":"fax"' | sed 's/"channel":"letter",//'
	echo
	rec '"subject":"x","petitioner_phone":"12"'
	echo "$G"
	rec '"subject":"x","headcount":-1,"unit":"510802"' | sed 's/"unit":"510802",//'
} >"$IN"
bad "three bad records among five (a blank line counts)" \
	'petition-add: line 2: channel: "fax" is not one of letter, visit, hotline, web, wechat, weibo, mailbox, transfer, media, other
petition-add: line 4: petitioner_phone: is not a phone number
petition-add: line 6: headcount: "-1" is not a whole number from 1 to 100000' <"$IN"

# --- empty input ----------------------------------------------------------

sum=$(dbsum)
: >"$IN"
run padd <"$IN"
is_rc 0 "an empty file: exit 0"
is "$OUT$ERR" "" "an empty file: no output"
printf '\n\n  \n' >"$IN"
run padd <"$IN"
is_rc 0 "blank lines only: exit 0"
is "$OUT$ERR" "" "blank lines only: no output"
printf 'received_at,channel,unit,subject\r\n' >"$IN"
run padd <"$IN"
is_rc 0 "a CSV header and no rows: exit 0"
is "$OUT$ERR" "" "a CSV header and no rows: no output"
is "$(dbsum)" "$sum" "empty inputs write nothing"
run padd </dev/null
is_rc 0 "stdin /dev/null (an empty daily file in cron): exit 0"
is "$OUT$ERR" "" "stdin /dev/null: no output"
is "$(dbsum)" "$sum" "stdin /dev/null writes nothing"
# script(1) (bsdutils, essential) gives petition-add a terminal for stdin
script -qec "$PETITION_BIN/petition-add --db $PETITION_DB" /dev/null </dev/null >"$T_DIR/tty.out" 2>&1
like "$(cat "$T_DIR/tty.out")" 'petition-add: no record: give field options or records on stdin' \
	"stdin a terminal and no field option: the usage message"

# --- SQL metacharacters are data ------------------------------------------

evil="'); DROP TABLE cases;--"
run padd -q --received-at 2017-01-11 --channel letter --unit 510802 --subject "$evil" \
	--content "a\" OR 1=1; -- %_ \\" --accused "x'||'y" </dev/null
is_rc 0 "SQL metacharacters in text are accepted"
t_rec=$(qlist -f jsonl 2 </dev/null)
is "$(printf '%s\n' "$t_rec" | jget .subject)" "$evil" "and stored verbatim (subject)"
is "$(printf '%s\n' "$t_rec" | jget .content)|$(printf '%s\n' "$t_rec" | jget .accused)" "a\" OR 1=1; -- %_ \\|x'||'y" \
	"and stored verbatim (content, accused)"
is "$(ncases)" 2 "the cases table is still there"

# --- usage errors ---------------------------------------------------------

usage() {
	t_d=$1 t_e=$2
	shift 2
	t_sum=$(dbsum)
	run padd "$@"
	is_rc 2 "$t_d: exit 2"
	is "$ERR" "$t_e" "$t_d: message"
	is "$OUT" "" "$t_d: nothing on stdout"
	is "$(dbsum)" "$t_sum" "$t_d: database unchanged"
}
F="--received-at 2017-01-10 --channel letter --unit 510802 --subject x"
usage "an unknown option" 'petition-add: --bogus: unknown option (see --help)' $F --bogus </dev/null
usage "a bad --format" 'petition-add: --format: "xml" is not jsonl, csv, table, xlsx or html' $F --format xml </dev/null
usage "a bad --now" 'petition-add: --now: "yesterday" is not a date or time' $F --now yesterday </dev/null
usage "an impossible --now" 'petition-add: --now: "2017-02-30" is not a date or time' $F --now 2017-02-30 </dev/null
usage "a bad --input-format" 'petition-add: --input-format: "xml" is not jsonl or csv' --input-format xml <"$IN"
usage "an operand" 'petition-add: extra: unexpected operand (see --help)' $F extra </dev/null
run padd --bogus --db "$T_DIR/new.db" </dev/null
ok "a usage error creates no database" test ! -e "$T_DIR/new.db"

done_testing
