#!/bin/sh
# petition-unit: the sample units of a new database, --under, --load.
T_TOOLS="petition-unit"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

# codes: the codes of the JSON Lines printed by the last run, on one line
codes() { printf '%s\n' "$OUT" | jget .code | paste -sd ' ' -; }
# canon: CSV on stdin as plain code,name,level,parent lines (no quotes, LF)
canon() { "$PYTHON" -c '
import csv, sys
for r in csv.reader(sys.stdin):
    print(",".join(r))'; }

# --- the sample units -----------------------------------------------------

run punit </dev/null
is_rc 0 "a new database lists its units"
is "$ERR" "" "nothing on stderr"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 10 "10 units"
run punit -f csv </dev/null
is "$(printf '%s\n' "$OUT" | tr -d '\r' | canon | sort)" "$(canon <"$PETITION_SHARE/units.csv" | sort)" \
	"exactly the units of share/petition/units.csv"
is "$(punit </dev/null | jget .code | sort -u | wc -l | tr -d ' ')" 10 "10 units stored, each once"

run punit --under 510800 </dev/null
is "$RC:$(codes)" "0:510800 510802 510811 510812 510821 510822 510823 510824" \
	"--under 510800: the city and its 7 counties (8)"
run punit --under 广元市生态环境局 </dev/null
is "$RC:$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "0:8" "--under by name: 8"
run punit --under 510802 </dev/null
is "$RC:$(codes)" "0:510802" "--under a county: itself"
run punit --under 100000 </dev/null
is "$RC:$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "0:10" "--under the ministry: all 10"
run punit 利州区 510811 </dev/null
is "$RC:$(codes)" "0:510802 510811" "units named by name and by code"
is "$(printf '%s\n' "$OUT" | head -1)" '{"code":"510802","name":"利州区","level":"county","parent":"510800"}' \
	"a unit as JSON: code, name, level, parent"
run punit 100000 </dev/null
is "$(printf '%s\n' "$OUT" | jget .parent)" null "the ministry has no parent"

run punit NOPE </dev/null
is_rc 3 "an unknown unit named: exit 3"
is "$ERR" "petition-unit: NOPE: not a known unit" "with a message"
run punit --under NOPE </dev/null
is_rc 2 "--under an unknown unit: a usage error, as petition-list --unit"
is "$ERR" 'petition-unit: --under: "NOPE" is not a known unit' "the message names the option"

run punit -f table </dev/null
is "$RC" 0 "table"
is "$(printf '%s\n' "$OUT" | aligned)" "" "table: columns aligned (Chinese names are 2 columns per character)"
run punit -f table --header zh </dev/null
is "$(printf '%s\n' "$OUT" | head -1 | tr -s ' ')" "代码 名称 级别 上级" "table --header zh: Chinese column names"
is "$(printf '%s\n' "$OUT" | aligned)" "" "table --header zh: columns aligned"

# --- a different share directory ------------------------------------------

mkdir "$T_DIR/share"
cp "$PETITION_SHARE/policy.conf" "$T_DIR/share/"
printf 'code,name,level,parent\n100000,生态环境部,national,\n510000,四川省生态环境厅,province,100000\n' \
	>"$T_DIR/share/units.csv"
run env PETITION_SHARE="$T_DIR/share" "$PETITION_BIN/petition-unit" --db "$T_DIR/share.db" </dev/null
is "$RC:$(codes)" "0:100000 510000" "a new database takes the units of \$PETITION_SHARE/units.csv"

# --- --load ---------------------------------------------------------------

printf 'code,name,level,parent\r\n510700,绵阳市生态环境局,city,510000\r\n510703,涪城区,county,510700\r\n' >"$T_DIR/mianyang.csv"
run punit --load "$T_DIR/mianyang.csv" </dev/null
is_rc 0 "--load FILE adds units"
is "$ERR" "" "nothing on stderr"
run punit --under 510700 </dev/null
is "$RC:$(codes)" "0:510700 510703" "the new city and its county"
run punit --under 510000 </dev/null
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 11 "the province now has 11 units under it (itself included)"

printf 'code,name,level,parent\n510704,游仙区,county,510700\n510703,涪城区（新）,county,510700\n' |
	run punit --load -; reload
is_rc 0 "--load - reads stdin; an existing code is updated"
run punit 510703 510704 </dev/null
is "$(printf '%s\n' "$OUT" | jget .name | paste -sd ' ' -)" "涪城区（新） 游仙区" "updated and added"

run padd -q --received-at 2017-05-01 --channel letter --unit 游仙区 --subject 'in Mianyang' </dev/null
is_rc 0 "a case at a loaded unit"
run plist --unit 510700 </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .subject)" "0:in Mianyang" "petition-list --unit finds it under the loaded city"
run plist --unit 510800 </dev/null
is "$RC:$OUT" "0:" "and not under another city"

# bad_load DESCRIPTION EXPECTED-STDERR: --load bad.csv exits 3 with that
# message and changes nothing; bad_load_like: a message matching a regex
bad_load() {
	t_sum=$(dbsum)
	run punit --load "$T_DIR/bad.csv" </dev/null
	is_rc 3 "$1: exit 3"
	is "$ERR" "$2" "$1: message"
	is "$(dbsum)" "$t_sum" "$1: nothing changed"
}
bad_load_like() {
	t_sum=$(dbsum)
	run punit --load "$T_DIR/bad.csv" </dev/null
	is_rc 3 "$1: exit 3"
	like "$ERR" "$2" "$1: message"
	is "$(dbsum)" "$t_sum" "$1: nothing changed"
}
printf 'code,name,level,parent\n510705,安州区,county,519999\n' >"$T_DIR/bad.csv"
bad_load "an unknown parent" 'petition-unit: line 2: parent: "519999" is not a known unit'
printf 'code,name,level,parent\n510705,安州区,township,510700\n' >"$T_DIR/bad.csv"
bad_load "a bad level" 'petition-unit: line 2: level: is not national, province, city or county'
printf 'code,name,level,parent\n510705,安州区,county,510700\n510706,平武县,county,519999\n510781,江油市,town,510700\n' >"$T_DIR/bad.csv"
bad_load "a good row among bad ones: every bad row reported, nothing loaded" \
	'petition-unit: line 3: parent: "519999" is not a known unit
petition-unit: line 4: level: is not national, province, city or county'
printf 'code,name,level,parent\n510705,游仙区,county,510700\n' >"$T_DIR/bad.csv"
bad_load "a name already used under the same parent" \
	'petition-unit: line 2: name: "游仙区" is taken by another unit under the same parent'
printf 'code,name,level,colour\n510705,安州区,county,red\n' >"$T_DIR/bad.csv"
bad_load "an unknown column" 'petition-unit: line 1: "colour" is not a field'

# the man page: "parent is the code of the unit one level up, empty for the
# national unit"
printf 'code,name,level,parent\n510705,安州区,county,510703\n' >"$T_DIR/bad.csv"
bad_load_like "a county whose parent is a county" '^petition-unit: line 2: parent: '
run punit --under 510703 </dev/null
is "$(codes)" 510703 "no county under a county"
printf 'code,name,level,parent\n510000,四川省生态环境厅,province,510802\n' >"$T_DIR/bad.csv"
bad_load_like "a cycle: the province under one of its counties" '^petition-unit: line 2: parent: '
run punit --under 510800 </dev/null
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 8 "the city still has 8 units, not the province"
printf 'code,name,level,parent\n510705,安州区,county,\n' >"$T_DIR/bad.csv"
bad_load_like "a county without a parent" '^petition-unit: line 2: parent: '

# a key names one unit: a name may not be another unit's code (利州区's cases
# would be listed under the new unit), nor a code another unit's name
printf 'code,name,level,parent\n510706,510802,county,510700\n' >"$T_DIR/bad.csv"
bad_load "a name that is another unit's code" 'petition-unit: line 2: name: "510802" is the code of 利州区'
run plist --unit 510802 -f jsonl </dev/null
is "$(printf '%s\n' "$OUT" | grep -c .)" 0 "(set up: no case at 利州区 yet)"
padd -q --received-at 2017-05-01 --channel letter --unit 510802 --subject 'at 利州区' </dev/null
run plist --unit 510802 -f jsonl </dev/null
is "$(printf '%s\n' "$OUT" | jget .subject)" "at 利州区" "利州区's case is listed under its code"
run punit 510802 -f jsonl </dev/null
is "$(printf '%s\n' "$OUT" | jget .name)" 利州区 "the code still names 利州区"
printf 'code,name,level,parent\n510707,510799,county,510700\n' >"$T_DIR/ok.csv"
run punit --load "$T_DIR/ok.csv" </dev/null
is_rc 0 "(set up: a unit named 510799, a code nobody has)"
printf 'code,name,level,parent\n510799,北川县,county,510700\n' >"$T_DIR/bad.csv"
bad_load "a code that is another unit's name" 'petition-unit: line 2: code: "510799" is another unit'"'"'s name'
# a city with counties under it stays above them
printf 'code,name,level,parent\n510800,广元市生态环境局,county,510000\n' >"$T_DIR/bad.csv"
bad_load "a city with counties reloaded as a county" \
	'petition-unit: line 2: level: a county cannot have 利州区 (county) under it'
run punit --under 510800 </dev/null
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 8 "the city keeps its 8 units"
printf 'code,name,level,parent\n510800,广元市环保局,city,510000\n' >"$T_DIR/ok.csv"
run punit --load "$T_DIR/ok.csv" </dev/null
is "$RC/$(punit -f jsonl 510800 </dev/null | jget .name)" "0/广元市环保局" "a city reloaded as a city, renamed: fine"

run punit --load "$T_DIR/nonexistent.csv" </dev/null
like "$RC" '^[35]$' "--load of a missing file: exit 3 or 5"
is "$ERR" "petition-unit: $T_DIR/nonexistent.csv: No such file or directory" "with a message naming it"

# --- the SQLite file ------------------------------------------------------

sqlite_only "the mode of the SQLite file"
is "$(ls -ln "$PETITION_DB" | cut -c1-10)" "-rw-------" "the new database is mode 0600"

done_testing
