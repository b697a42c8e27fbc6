#!/bin/sh
# Open311 GeoReport v2: the cases as service requests and the pollution
# types as services, in JSON and XML, without personal data; service
# requests from outside systems (FixMyStreet's forms among them) registered
# as new cases, idempotently; export -> import into a new store -> export
# gives the same bytes; malformed documents are refused with nothing written.
T_TOOLS="petition-export petition-import"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

pexport() { "$PETITION_BIN/petition-export" "$@"; }
pimport() { "$PETITION_BIN/petition-import" "$@"; }
# keys: the sorted keys of each request of a JSON export, one request a line
keys() { "$PYTHON" -c 'import json,sys
for r in json.load(sys.stdin): print(",".join(sorted(r)))'; }
# types: the JSON types of the ids, codes and times of every request
types() { "$PYTHON" -c 'import json,sys
for r in json.load(sys.stdin):
    print(" ".join(type(r[k]).__name__ for k in ("service_request_id","service_code","status","status_notes","requested_datetime","expected_datetime")))' | sort -u; }
# field N KEY: KEY of the N-th request of a JSON export
field() { "$PYTHON" -c 'import json,sys; v=json.load(sys.stdin)[int(sys.argv[1])][sys.argv[2]]; print("null" if v is None else v)' "$1" "$2"; }

# --- four cases, one replied, one declined ---
mk 2017-03-01 510800 --petitioner-name 张三 --petitioner-phone 13800138000 \
	--petitioner-id-number 11010519491231002X --petitioner-address 利州区东坝街道某小区 \
	--pollution-type water --location 利州区河西路 --subject 河边化工厂排污 --content '张三说：化工厂夜里排污'
mk 2017-03-02 510800 --pollution-type noise --subject 夜间施工噪声 --petitioner-name 李四
mk 2017-03-03 510800 --subject 烧垃圾 --petitioner-phone 13900139000
mk 2017-03-04 510800 --pollution-type air --subject 锅炉黑烟
p_assign -q --accept --category petition --now 2017-03-07 1 </dev/null
p_handle -q --reply '经调查，已责令整改。' --outcome support --now 2017-04-05 1 </dev/null
p_assign -q --decline --reason 不属于受理范围 --now 2017-03-08 4 </dev/null
sum=$(dbsum)

run pexport --open311 requests </dev/null
is_rc 0 "petition-export --open311 requests: exit 0"
json=$OUT
is "$(printf '%s\n' "$json" | keys | sort -u)" \
	"address,address_id,agency_responsible,description,expected_datetime,lat,long,media_url,requested_datetime,service_code,service_name,service_notice,service_request_id,status,status_notes,updated_datetime,zipcode" \
	"every request has the spec's 17 fields"
is "$(printf '%s\n' "$json" | keys | wc -l | tr -d ' ')" 4 "... one request per case"
is "$(printf '%s\n' "$json" | types)" "str str str str str str" "ids, codes, statuses and times are strings"
is "$(printf '%s\n' "$json" | field 0 service_request_id)" GY-2017-000001 "service_request_id: the case number"
is "$(printf '%s\n' "$json" | field 0 status):$(printf '%s\n' "$json" | field 0 status_notes)" closed:replied \
	"a replied case is closed, status_notes replied"
is "$(printf '%s\n' "$json" | field 1 status):$(printf '%s\n' "$json" | field 1 status_notes)" open:registered \
	"a registered case is open, status_notes registered"
is "$(printf '%s\n' "$json" | field 3 status):$(printf '%s\n' "$json" | field 3 status_notes)" closed:declined \
	"a declined case is closed, status_notes declined"
is "$(printf '%s\n' "$json" | field 0 expected_datetime)" "$(cf 1 .reply_due)T23:59:59+08:00" \
	"expected_datetime: the end of the reply due date"
is "$(printf '%s\n' "$json" | field 1 expected_datetime)" "$(cf 2 .accept_due)T23:59:59+08:00" \
	"... else the end of the acceptance due date"
is "$(printf '%s\n' "$json" | field 0 updated_datetime)" 2017-04-05T00:00:00+08:00 "updated_datetime: the reply's time"
is "$(printf '%s\n' "$json" | field 1 service_code):$(printf '%s\n' "$json" | field 1 service_name)" "noise:噪声" \
	"service_code and service_name: the pollution type"
is "$(printf '%s\n' "$json" | field 2 service_code)" other "... other when the case has none"
is "$(printf '%s\n' "$json" | field 0 agency_responsible):$(printf '%s\n' "$json" | field 0 address)" \
	"广元市生态环境局:利州区河西路" "agency_responsible: the unit's name; address: the location"
is "$(printf '%s\n' "$json" | field 0 description)" 河边化工厂排污 "description: the subject"
run pexport --open311 requests --format xml </dev/null
is_rc 0 "--format xml: exit 0"
xml=$OUT
like "$xml" '^<\?xml version="1.0" encoding="UTF-8"\?>' "an XML declaration with UTF-8"
is "$(printf '%s\n' "$xml" | grep -c '<request>')" 4 "<service_requests> of 4 <request>s"
is "$(printf '%s\n' "$xml" | sed -n 's/^ *<\([a-z_]*\)>.*/\1/p; s/^ *<\([a-z_]*\)\/>/\1/p' | grep -vx -e request -e service_requests | sort -u | wc -l | tr -d ' ')" 17 \
	"... each of the 17 fields"
contains "$xml" "<status>closed</status>
    <status_notes>replied</status_notes>" "... a replied case closed there too"
for pii in 张三 李四 13800138000 13900139000 11010519491231002X 东坝街道 化工厂夜里; do
	lacks "$json$xml" "$pii" "no personal data in either format: $pii"
done
run pexport --open311 requests --with-personal-data --format xml </dev/null
lacks "$OUT" 张三 "... not even with --with-personal-data"
run pexport --open311 requests --status registered </dev/null
is "$(printf '%s\n' "$OUT" | field 0 service_request_id)" GY-2017-000002 "--status narrows the requests"
is "$(dbsum)" "$sum" "exporting writes nothing to the store"

run pexport --open311 services </dev/null
is "$(printf '%s\n' "$OUT" | "$PYTHON" -c 'import json,sys; print(" ".join(s["service_code"] for s in json.load(sys.stdin)))')" \
	"air water noise solid_waste radiation soil ecology other" "services: every pollution type"
is "$(printf '%s\n' "$OUT" | field 0 service_name):$(printf '%s\n' "$OUT" | field 0 type):$(printf '%s\n' "$OUT" | field 0 metadata)" \
	"大气:realtime:False" "... with its label, type realtime, metadata false"
like "$(printf '%s\n' "$OUT" | head -2 | tail -1)" '"keywords":"air,大气","group":"环境信访"' "... keywords and group"
run pexport --open311 services --format xml </dev/null
is "$(printf '%s\n' "$OUT" | grep -c '<service>'):$(printf '%s\n' "$OUT" | grep -c '<metadata>false</metadata>')" 8:8 \
	"services in XML: 8 <service>s"
run pexport </dev/null
is "$RC:$ERR" "2:petition-export: give --to UNIT (a bundle) or --open311 (see --help)" \
	"neither --to nor --open311: exit 2"
run pexport --open311 requests --since 2017-01-01 </dev/null
is_rc 2 "--open311 with --since (a bundle's): exit 2"

# --- import: FixMyStreet's JSON and XML ---
use_store fms
cat >"$T_DIR/fms.json" <<'JSON'
{"service_requests": [
 {"service_request_id": 638344, "status": "open", "status_notes": null, "service_name": "Dumping",
  "service_code": "fly_tipping", "description": "Rubbish dumped\nby the river bank",
  "agency_responsible": {"recipient": "广元市生态环境局"}, "service_notice": "",
  "requested_datetime": "2017-05-20T10:11:12+01:00", "updated_datetime": "2017-05-21T10:00:00+01:00",
  "expected_datetime": "", "address": "Riverside Walk", "address_id": "", "zipcode": "",
  "lat": 51.5, "long": -0.12, "media_url": "https://example.org/p.jpg"},
 {"service_request_id": "638345", "service_code": "noise", "description": "Loud music",
  "agency_responsible": [{"recipient": "510800"}], "requested_datetime": "2017-05-22T22:00:00Z"}
]}
JSON
run pimport --open311 <"$T_DIR/fms.json"
is "$RC:$OUT" '0:{"added":2,"present":0}' "FixMyStreet JSON (numeric id, object agency_responsible): 2 added"
one=$(qlist --format jsonl --limit 1 </dev/null)
is "$(printf '%s\n' "$one" | jget .origin_case_no):$(printf '%s\n' "$one" | jget .channel):$(printf '%s\n' "$one" | jget .unit)" \
	"638344:web:510800" "origin_case_no the id as a string, channel web, the unit agency_responsible names"
is "$(printf '%s\n' "$one" | jget .subject):$(printf '%s\n' "$one" | jget .location):$(printf '%s\n' "$one" | jget .pollution_type)" \
	"Rubbish dumped by the river bank:Riverside Walk:other" "subject on one line, location the address, an unknown service other"
is "$(printf '%s\n' "$one" | jget .received_at)" 2017-05-20T17:11:12+08:00 "received_at: requested_datetime"
is "$(qlist --format jsonl </dev/null | sed -n 2p | jget .pollution_type)" noise "a known service_code is the pollution type"
sum=$(dbsum)
run pimport --open311 <"$T_DIR/fms.json"
is "$RC:$OUT" '0:{"added":0,"present":2}' "imported again: nothing added, both already there"
is "$(dbsum)" "$sum" "... the store unchanged"
cat >"$T_DIR/fms.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>900</service_request_id>
    <status>open</status>
    <service_code>air</service_code>
    <description>Smoke &amp; smell</description>
    <agency_responsible><recipient>Some council</recipient></agency_responsible>
    <requested_datetime>2017-05-23T08:00:00+08:00</requested_datetime>
    <address/>
  </request>
</service_requests>
XML
run pimport --open311 <"$T_DIR/fms.xml"
is "$RC:$ERR" "2:petition-import: request 1: agency_responsible: names no known unit: give --unit" \
	"an agency that is no unit, without --unit: exit 2"
is "$(dbsum)" "$sum" "... nothing written"
run pimport --open311 --unit 510802 <"$T_DIR/fms.xml"
is "$RC:$OUT" '0:{"added":1,"present":0}' "XML with <recipient>, --unit: added"
is "$(qlist --format jsonl </dev/null | sed -n 3p | jget .subject):$(qlist --format jsonl </dev/null | sed -n 3p | jget .unit)" \
	"Smoke & smell:510802" "... its subject unescaped, its unit --unit"
run pimport --open311 --unit 510802 <"$T_DIR/fms.xml"
is "$RC:$OUT" '0:{"added":0,"present":1}' "... and once only"

# --- export, import into a new store, export: the same bytes ---
use_store a
mk 2017-03-01 510800 --pollution-type water --location 利州区河西路 --subject 河边化工厂排污 --petitioner-name 张三
mk 2017-03-02T10:30:00+08:00 510802 --pollution-type noise --subject 夜间施工噪声
mk 2017-03-03 510800 --subject 烧垃圾
for fmt in json xml; do
	pexport --db "$(new_store a)" --open311 requests --format $fmt >"$T_DIR/a.$fmt" </dev/null
	run pimport --db "$(new_store "b$fmt")" --open311 <"$T_DIR/a.$fmt"
	is "$RC:$OUT" '0:{"added":3,"present":0}' "round trip ($fmt): imported into a new store"
	pexport --db "$(new_store "b$fmt")" --open311 requests --format $fmt >"$T_DIR/b.$fmt" </dev/null
	ok "round trip ($fmt): export, import, export gives the same bytes" cmp -s "$T_DIR/a.$fmt" "$T_DIR/b.$fmt"
done

# --- malformed input: exit 3, nothing written ---
use_store fms
bad() {
	printf '%s' "$1" >"$T_DIR/bad"
	run pimport --open311 --unit 510800 <"$T_DIR/bad"
	is "$RC" 3 "$2: exit 3"
	like "$ERR" "$3" "... $4"
	is "$(dbsum)" "$sum2" "... nothing written"
}
sum2=$(dbsum)
bad '[{"service_request_id": "1", "description": "x"' "truncated JSON" '^petition-import: input: not well-formed JSON$' "not well-formed"
bad '[{"service_request_id": "1"}] junk' "JSON with trailing bytes" 'not well-formed JSON' "not well-formed"
bad '[{"service_request_id": true, "description": "x"}]' "a boolean id" 'request 1: service_request_id: expected a string' "names the field"
bad '[{"service_request_id": "7", "description": "x", "requested_datetime": "2017-02-30T00:00:00Z"}]' "a bad date" \
	'request 1: received_at: "2017-02-30T00:00:00Z" is not a date' "names the request and the field"
bad '[{"description": "x", "requested_datetime": "2017-05-01"}]' "no id" 'request 1: service_request_id: is required' "an id is required"
bad '[1, 2]' "a list of numbers" 'request 1: not an object' "not an object"
bad '<service_requests><request><service_request_id>1</service' "broken XML" '^petition-import: input: line 1: not well-formed XML$' "not well-formed"
bad '<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<service_requests><request><service_request_id>&x;</service_request_id></request></service_requests>' \
	"XML with an external entity" 'a DOCTYPE is not taken|line 3: not well-formed XML' "refused, the entity never loaded"
bad '<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<service_requests><request><description>&c;</description></request></service_requests>' \
	"XML with nested entities" 'a DOCTYPE is not taken|line 3: not well-formed XML' "refused unexpanded"
bad '<requests><request/></requests>' "XML of another root" 'root element is not <service_requests>' "names the root"
bad 'service_request_id=1' "neither JSON nor XML" 'neither JSON nor XML' "says so"
run pimport --open311 </dev/null
is "$RC:$OUT" '0:{"added":0,"present":0}' "no input at all: nothing added, exit 0"
printf '[{"service_request_id":"k1","description":"好","requested_datetime":"2017-05-01"},{"service_request_id":"k2"}]' >"$T_DIR/half"
run pimport --open311 --unit 510800 <"$T_DIR/half"
is "$RC" 3 "one good and one bad request: exit 3"
is "$(dbsum)" "$sum2" "... nothing written"
run pimport --open311 --unit 510800 -k <"$T_DIR/half"
is "$RC:$OUT" '1:{"added":1,"present":0}' "--keep-going: the good one added, exit 1"
run pimport --open311 </dev/null --input-format csv
is_rc 2 "--input-format csv: usage error"
echo '[{"service_request_id":"1"}]' >"$T_DIR/req.json"
run pimport <"$T_DIR/req.json"
is "$RC:$ERR" "2:petition-import: -: this store has no office: set it once with petition-unit --office CODE" \
	"Open311 requests without --open311: read as a bundle, which a store with no office refuses"
run pimport --unit 510802 <"$T_DIR/req.json"
is_rc 2 "--unit without --open311: exit 2"

done_testing
