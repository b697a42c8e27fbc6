#!/bin/sh
# Exchange between offices (四级互联互通): a city assigns cases to two counties,
# they reply and send the results back, the city's report-back clocks stop, a
# review moves a case up, the province gets the roll-up. Merging is a union by
# event id and each case is replayed in a fixed order: the same bundle twice,
# or three bundles in any of the 6 orders, give the same store. A bundle cut
# short, changed on the way, from an unknown office or for another one is
# refused whole; a clock off by a year changes nothing of the order.
T_TOOLS="petition-export petition-import"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

pexport() { "$PETITION_BIN/petition-export" "$@"; }
pimport() { "$PETITION_BIN/petition-import" "$@"; }
preport() { "$PETITION_BIN/petition-report" "$@"; }
pverify() { "$PETITION_BIN/petition-verify" "$@"; }

# at STORE CMD...: CMD with PETITION_DB the office's store
at() { (PETITION_DB=$(new_store "$1") || exit 1; export PETITION_DB; shift; "$@"); }
B=$T_DIR/bundles
mkdir -p "$B"

# Every case and event of a store, without what is the office's own (ids,
# case numbers, the order events arrived in): the same at every office
# that holds the same events.
state() {
	at "$1" qlist --format jsonl </dev/null | jget .uuid | sort | while read -r u; do
		at "$1" qshow --format jsonl "$u" </dev/null
	done | "$PYTHON" -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    for k in ("id", "case_no"):
        c.pop(k)
    for h in c["history"]:
        h.pop("case_no")
    c["history"].sort(key=lambda h: (h["event_id"] or ""))
    print(json.dumps(c, sort_keys=True, ensure_ascii=False))'
}
verified() { at "$1" pverify </dev/null >/dev/null; }
statesum() { state "$1" | sha256sum | cut -c1-64; }

offices() {
	at city punit --office 510800 && at c1 punit --office 510802 &&
	at c2 punit --office 510811 && at prov punit --office 510000
}
ok "offices: the city 510800, counties 510802 and 510811, the province 510000" offices
run at city punit --show-office </dev/null
is "$RC:$OUT" "0:510800" "petition-unit --show-office"
run at city punit --office 510802 </dev/null
is_rc 4 "an office, once set, is not changed: exit 4"
run at city punit --office 510800 </dev/null
is_rc 0 "the same office again: exit 0"

# --- the city registers three cases, assigns two ---
city_day1() {
	for n in 1 2 3; do
		printf '{"received_at":"2017-03-01","channel":"hotline","subject":"噪声扰民%s","unit":"510800","petitioner_name":"张三","petitioner_phone":"13800138000","accused":"某厂"}\n' "$n"
	done | at city padd -q --now 2017-03-01T09:00:00+08:00 &&
	at city p_assign -q --accept --category petition --now 2017-03-01T10:00:00+08:00 1 2 3 </dev/null &&
	at city p_assign -q --assign --to 510802 --now 2017-03-01T11:00:00+08:00 1 </dev/null &&
	at city p_assign -q --assign --to 510811 --report-by 2017-03-20 --now 2017-03-01T11:00:00+08:00 2 </dev/null
}
ok "the city registers three cases, accepts them, assigns one to each county" city_day1
run at city pexport --to 510802 --now 2017-03-01T18:00:00+08:00 </dev/null
is_rc 0 "petition-export --to 510802: exit 0"
printf '%s\n' "$OUT" >"$B/city-c1"
head -1 "$B/city-c1" >"$T_DIR/header"
is "$(jget '.format,.version,.from,.to,.lines,.cases' <"$T_DIR/header" | paste -sd ' ' -)" \
	"petition-bundle 1 510800 510802 3 1" "the header: format, version, from, to, lines, cases"
is "$(tail -n +2 "$B/city-c1" | sha256sum | cut -c1-64)" "$(jget .sha256 <"$T_DIR/header")" \
	"... and the SHA-256 of the lines after it"
is "$(tail -n +2 "$B/city-c1" | jget .action | paste -sd ' ' -)" "register accept assign" \
	"the case assigned to 510802, its events in order"
is "$(tail -n +2 "$B/city-c1" | jget .lamport | paste -sd ' ' -)" "1 4 7" \
	"... each with the city's Lamport clock"
lacks "$(cat "$B/city-c1")" "张三" "no personal data without --with-personal-data"
lacks "$(cat "$B/city-c1")" "13800138000" "... no phone"
at city pexport --to 510811 </dev/null >"$B/city-c2"
at city pexport --to 510811 </dev/null >/dev/full 2>/dev/null
is "$?" 5 "a bundle that cannot be written: exit 5 (nothing was committed)"

# --- the counties import, work and send the results back ---
run at c1 pimport "$B/city-c1" </dev/null
is "$RC:$OUT" '0:{"from":"510800","events":3,"known":0,"cases":1,"new_cases":1,"conflicts":0}' \
	"county 510802 imports: one new case"
is "$(at c1 cf 1 '.case_no,.origin_case_no,.unit,.status,.reply_due,.next_clock' | paste -sd ' ' -)" \
	"GY-2017-000001 GY-2017-000001 510802 accepted 2017-04-30 reply" \
	"its own case number, the city's as origin_case_no, at the county, accepted, the reply clock"
is "$(at city cf 1 .uuid)" "$(at c1 cf 1 .uuid)" "... the same uuid"
before=$(at c1 dbsum)
run at c1 pimport "$B/city-c1" </dev/null
is "$RC:$OUT" '0:{"from":"510800","events":3,"known":3,"cases":0,"new_cases":0,"conflicts":0}' \
	"the same bundle again: every event known"
is "$(at c1 dbsum)" "$before" "... the store unchanged"
ok "county 510811 imports its case" at c2 pimport -q "$B/city-c2" </dev/null

ok "county 510802 replies" at c1 p_handle -q --reply '已责令整改。' --outcome support \
	--now 2017-03-10T10:00:00+08:00 1 </dev/null
c2_work() {
	at c2 p_handle -q --reply '已查处。' --outcome support --now 2017-03-12T10:00:00+08:00 1 &&
	at c2 p_handle -q --deliver --now 2017-03-13T10:00:00+08:00 1
}
ok "county 510811 replies and delivers" c2_work </dev/null
at c1 pexport --to 510800 </dev/null >"$B/c1-city"
at c2 pexport --to 510800 </dev/null >"$B/c2-city"
is "$(head -1 "$B/c1-city" | jget .cases)" 1 "a county sends its case up"

run at city pimport "$B/c1-city" "$B/c2-city" </dev/null
is "$RC" 0 "the city imports both counties' bundles in one transaction"
is "$(printf '%s\n' "$OUT" | jget .from | paste -sd ' ' -)" "510802 510811" "... a summary row each"
is "$(at city cf 1 '.status,.outcome,.unit' | paste -sd ' ' -)" "replied support 510802" \
	"case 1 at the city: replied by 510802"
is "$(at city qshow --format jsonl 1 </dev/null | jget '.deadlines[]|select(.clock=="report")|.stopped_at')" \
	"2017-03-10T10:00:00+08:00" "... its report-back clock stopped when the county replied"
is "$(at city cf 2 '.status,.review_due' | paste -sd ' ' -)" "delivered 2017-04-12" "case 2: delivered"
is "$(at city cf 3 .status)" accepted "case 3, kept at the city, untouched"
ok "the city's history verifies" verified city

# --- a review moves case 2 up to the city ---
ok "the petitioner asks 510811 for a review: it goes to the next level up" \
	at c2 p_review -q --request review --now 2017-03-20T10:00:00+08:00 1 </dev/null
at c2 pexport --to 510800 --since "$B/c2-city" </dev/null >"$B/c2-city-2"
is "$(head -1 "$B/c2-city-2" | jget .cases)" 1 "--since the last bundle: the case with a new event"
ok "the city imports it" at city pimport -q "$B/c2-city-2" </dev/null
is "$(at city cf 2 '.status,.unit' | paste -sd ' ' -)" "reviewing 510800" \
	"at the city: under review, at the city"
run at c2 pexport --to 510800 --since "$B/c2-city-2" </dev/null
is "$(printf '%s\n' "$OUT" | jget .cases)" 0 "--since the newest bundle: nothing new"
run at c2 pexport --to 510800 --since "$B/city-c1" </dev/null
is_rc 2 "--since a bundle another office sent: exit 2"

# --- the province gets the roll-up ---
at city pexport --to 510000 </dev/null >"$B/city-prov"
is "$(head -1 "$B/city-prov" | jget .cases)" 3 "the city sends the province all its cases"
ok "the province imports them" at prov pimport -q "$B/city-prov" </dev/null
is "$(at prov preport --by unit --unit 510800 --format csv </dev/null | sed -n 2p | cut -d, -f1-4)" \
	"$(at city preport --by unit --unit 510800 --format csv </dev/null | sed -n 2p | cut -d, -f1-4)" \
	"the province's report of the city: the city's numbers"
is "$(at prov cf 1 '.status,.unit,.origin_case_no' | paste -sd ' ' -)" "replied 510802 GY-2017-000001" \
	"... case by case, with the city's number"

# --- idempotence and order: three bundles in every order give one store ---
at c1 pexport --to 510000 </dev/null >"$B/c1-prov"
at c2 pexport --to 510000 </dev/null >"$B/c2-prov"
ref=
# (under valgrind the last three orders run natively: the first three check the tool)
qimport() { "${PETITION_PROBE_BIN:-$PETITION_BIN}/petition-import" "$@"; }
n=0
for order in "city c1 c2" "city c2 c1" "c1 city c2" "c1 c2 city" "c2 city c1" "c2 c1 city"; do
	name=o_$(echo "$order" | tr ' ' _)
	n=$((n + 1)); imp=pimport; [ "$n" -le 3 ] || imp=qimport
	at "$name" punit --office 510000 </dev/null
	for o in $order; do at "$name" $imp -q "$B/$o-prov" </dev/null || echo "import $o failed" >&2; done
	sum=$(statesum "$name")
	[ -n "$ref" ] || { ref=$sum; first=$name; }
	is "$sum" "$ref" "three bundles in the order $order: the same cases and events"
done
at "$first" pimport -q "$B/city-prov" "$B/c1-prov" "$B/c2-prov" </dev/null
is "$(statesum "$first")" "$ref" "all three again: nothing changes"
is "$(state "$first" | wc -l | tr -d ' ')" 3 "... three cases"
ok "... and the history verifies" verified "$first"

# --- refused whole, exit 3, nothing written ---
refused() {   # refused DESCRIPTION FILES
	t_before=$(at c1 dbsum)
	run at c1 pimport $2 </dev/null
	is "$RC" 3 "$1: exit 3"
	is "$(at c1 dbsum)" "$t_before" "... nothing written"
}
at city p_handle -q --note 再次督促 --now 2017-03-21 1 </dev/null
at city pexport --to 510802 </dev/null >"$B/city-c1-2"
head -n 2 "$B/city-c1-2" >"$B/cut"
refused "a bundle cut short (lines missing)" "$B/cut"
head -c -1 "$B/city-c1-2" >"$B/cut2"
refused "a bundle cut inside its last line" "$B/cut2"
head -c 60 "$B/city-c1-2" >"$B/cut3"
refused "a bundle cut inside its header" "$B/cut3"
: >"$B/empty"
refused "an empty bundle" "$B/empty"
sed -E '2s/(.*)"case_no":"GY-2017-000001"/\1"case_no":"GY-2017-000099"/' "$B/city-c1-2" >"$B/tampered"
refused "a line changed on the way (the header's SHA-256)" "$B/tampered"
like "$ERR" "sha256: the lines are not those the header hashed" "... saying so"
"$PYTHON" - "$B/city-c1-2" >"$B/tampered2" <<'EOF'
import hashlib, json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
h = json.loads(lines[0])
e = json.loads(lines[2])
e["sets"]["status"] = "closed"
lines[2] = json.dumps(e, ensure_ascii=False, separators=(",", ":"))
body = "".join(l + "\n" for l in lines[1:])
h["sha256"] = hashlib.sha256(body.encode()).hexdigest()
print(json.dumps(h, separators=(",", ":")))
sys.stdout.write(body)
EOF
refused "an event changed and the header hashed again (its event_id)" "$B/tampered2"
like "$ERR" "event_id: not the hash of the event" "... saying so"
sed '1s/"from":"510800"/"from":"999999"/' "$B/city-c1-2" >"$B/stranger"
refused "a bundle from an office not in the unit list" "$B/stranger"
refused "a bundle for another office" "$B/city-c2"
like "$ERR" "to: the bundle is for another office" "... saying so"
printf '{"format":"petition-bundle","version":2,"from":"510800","to":"510802","lines":0,"sha256":"%s"}\n' \
	"$(printf '' | sha256sum | cut -c1-64)" >"$B/v2"
refused "a bundle of a newer version" "$B/v2"
printf 'case_no,subject\n' >"$B/csv"
refused "not a bundle" "$B/csv"
lacks "$ERR$OUT" "张三" "no message echoes personal data"
refused "a good bundle and a bad one: neither is merged" "$B/city-c1-2 $B/cut"
"$PYTHON" - "$B/city-c1-2" >"$B/twice" <<'EOF'
import hashlib, json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
h = json.loads(lines[0])
lines.insert(3, lines[2])
body = "".join(l + "\n" for l in lines[1:])
h["lines"] += 1
h["sha256"] = hashlib.sha256(body.encode()).hexdigest()
print(json.dumps(h, separators=(",", ":")))
sys.stdout.write(body)
EOF
run at c1 pimport -n "$B/twice" </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .events,.known | paste -sd ' ' -)" "0:6 5" \
	"an event twice in a bundle: merged once"
t_before=$(at c1 dbsum)
run at c1 pimport -n "$B/city-c1-2" </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .events)" "0:5" "-n: merged and summed up"
is "$(at c1 dbsum)" "$t_before" "... nothing written"
run at c1 pimport "$B/city-c1-2" </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .events,.known | paste -sd ' ' -)" "0:5 4" \
	"the whole bundle: merged (the city's note the one new event)"

# --- personal data only on request, never to the accused's office ---
printf '{"received_at":"2017-03-02","channel":"letter","subject":"举报","unit":"510800","petitioner_name":"李四","accused":"利州区生态环境分局"}\n' |
	at city padd -q --now 2017-03-02T09:00:00+08:00
at city p_assign -q --accept --category petition --now 2017-03-02T10:00:00+08:00 4 </dev/null
at city p_assign -q --assign --to 510802 --now 2017-03-02T11:00:00+08:00 4 </dev/null
run at city pexport --to 510802 --with-personal-data </dev/null
is "$RC" 0 "--with-personal-data: exit 0"
printf '%s\n' "$OUT" >"$B/personal"
is "$(tail -n +2 "$B/personal" | jget 'select(.personal)|.personal.petitioner_name')" "张三" \
	"the petitioner's identity travels, once a case"
lacks "$OUT" "李四" "... never for a case whose accused is the receiving office"
is "$(at city qshow --format jsonl 1 </dev/null | jget '.history[-1]|.action,.details.tool' | paste -sd ' ' -)" \
	"access petition-export" "... and its leaving is an access event"
ok "the county imports it" at c1 pimport -q "$B/personal" </dev/null
is "$(at c1 qshow --with-personal-data --format jsonl 1 </dev/null | jget .petitioner_name)" "张三" \
	"... and has the petitioner's name"

# --- a clock off by a year at one office changes nothing of the order ---
world() {   # world NAME YEAR: the county's clock says YEAR when it works the case
	at "$1_city" punit --office 510800 && at "$1_c" punit --office 510802 &&
	printf '{"received_at":"2017-03-01","channel":"web","subject":"异味","unit":"510800"}\n' |
		at "$1_city" padd -q --now 2017-03-01T09:00:00+08:00 &&
	at "$1_city" p_assign -q --accept --category petition --now 2017-03-01T10:00:00+08:00 1 &&
	at "$1_city" p_assign -q --assign --to 510802 --now 2017-03-01T11:00:00+08:00 1 &&
	at "$1_city" pexport --to 510802 >"$B/$1_down" &&
	at "$1_c" pimport -q "$B/$1_down" &&
	at "$1_c" p_handle -q -H 王五 --now "$2-03-05T10:00:00+08:00" 1 &&
	at "$1_c" p_handle -q --reply 已整改 --outcome support --now "$2-03-06T10:00:00+08:00" 1 &&
	at "$1_c" pexport --to 510800 >"$B/$1_up" &&
	at "$1_city" pimport -q "$B/$1_up" &&
	at "$1_city" p_handle -q -L 赵局长 --now 2017-03-07T10:00:00+08:00 1
}
ok "a county whose clock is right" world right 2017 </dev/null
ok "a county whose clock is a year ahead" world ahead 2018 </dev/null
by_clock() { at "$1" qshow --format jsonl 1 </dev/null | jget '.history|sort_by(.lamport)[]|.action' | paste -sd ' ' -; }
is "$(by_clock ahead_city)" "$(by_clock right_city)" "the same events in the same order of replay"
is "$(by_clock ahead_city)" "register accept assign set reply set" "... the order they were made in"
is "$(at ahead_city cf 1 '.status,.handler,.outcome,.leader' | paste -sd ' ' -)" \
	"$(at right_city cf 1 '.status,.handler,.outcome,.leader' | paste -sd ' ' -)" "... and the same case"
is "$(at ahead_city cf 1 '.status,.handler,.leader' | paste -sd ' ' -)" "replied 王五 赵局长" \
	"... replied by the county's handler, the city's leader"

# --- the lifecycle holds across offices: never backwards but by a review ---
review_world() {
	at rv_city punit --office 510800 && at rv_c punit --office 510802 &&
	printf '{"received_at":"2017-03-01","channel":"web","subject":"粉尘","unit":"510800"}\n' |
		at rv_city padd -q --now 2017-03-01T09:00:00+08:00 &&
	at rv_city p_assign -q --accept --category petition --now 2017-03-01T10:00:00+08:00 1 &&
	at rv_city p_assign -q --assign --to 510802 --now 2017-03-01T11:00:00+08:00 1 &&
	at rv_city pexport --to 510802 >"$B/rv1" && at rv_c pimport -q "$B/rv1" &&
	at rv_c p_handle -q --reply 已处理 --outcome explain --now 2017-03-05T10:00:00+08:00 1 &&
	at rv_c p_handle -q --deliver --now 2017-03-06T10:00:00+08:00 1 &&
	at rv_c pexport --to 510800 >"$B/rv2" && at rv_city pimport -q "$B/rv2" &&
	# at once: the petitioner asks the county for a review, the city closes
	at rv_c p_review -q --request review --now 2017-03-08T10:00:00+08:00 1 &&
	at rv_city p_handle -q --rate satisfied --now 2017-03-08T10:00:00+08:00 1 &&
	at rv_city p_handle -q --close --now 2017-03-08T11:00:00+08:00 1 &&
	at rv_c pexport --to 510800 >"$B/rv3" && at rv_city pexport --to 510802 >"$B/rv4"
}
ok "a review asked at the county while the city closes the case" review_world </dev/null
run at rv_city pimport "$B/rv3" </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .conflicts)" "0:1" "the city imports the review: one conflict, on the status"
run at rv_c pimport "$B/rv4" </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .conflicts)" "0:1" "the county imports the close: the same conflict"
is "$(at rv_city cf 1 '.status,.unit' | paste -sd ' ' -)" "reviewing 510800" \
	"at the city: under review (a close does not take a case back from a review)"
is "$(at rv_c cf 1 '.status,.unit' | paste -sd ' ' -)" "reviewing 510800" "... and at the county"
is "$(at rv_city qshow --format jsonl 1 </dev/null | jget '.history[]|select(.action=="conflict")|.details.field')" \
	status "... the conflict recorded, for someone to resolve"
is "$(at rv_city qlist --conflicts --format jsonl </dev/null | jget .uuid)" "$(at rv_c cf 1 .uuid)" \
	"... and listed"

done_testing
