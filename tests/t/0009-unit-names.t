#!/bin/sh
# Real unit lists: the units of Sichuan, names unique only under one parent
# (南京 and 福州 each have a 鼓楼区), a name of several units refused with the
# candidates' codes, Chinese headers, 省直管县, and an old database migrated.
T_TOOLS="petition-unit petition-report"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

p_report() { "$PETITION_BIN/petition-report" "$@"; }
# levels: "LEVEL COUNT" lines of the units the last run printed
levels() { printf '%s\n' "$OUT" | jget .level | sort | uniq -c | awk '{print $2, $1}' | paste -sd ' ' -; }

# --- share/petition/units-sichuan.csv --------------------------------------
# 四川省 and its units as of 2023 (the 2023 division codes): 21 prefecture-level
# units (18 cities, 3 autonomous prefectures) and 183 county-level units

run punit --load "$PETITION_SHARE/units-sichuan.csv" </dev/null
is_rc 0 "units-sichuan.csv loads"
is "$ERR" "" "nothing on stderr"
run punit --under 510000 </dev/null
is "$(levels)" "city 21 county 183 province 1" "四川省: 21 prefectures and 183 counties"
run punit 510802 510800 510000 </dev/null
is "$OUT" '{"code":"510802","name":"利州区","level":"county","parent":"510800"}
{"code":"510800","name":"广元市","level":"city","parent":"510000"}
{"code":"510000","name":"四川省","level":"province","parent":"100000"}' \
	"510802 利州区 under 510800 广元市 under 510000 四川省"
run punit 凉山彝族自治州 </dev/null
is "$(j .code):$(j .level)" "513400:city" "an autonomous prefecture is a prefecture-level unit"
run punit --under 513400 </dev/null
is "$(levels)" "city 1 county 17" "凉山: 17 counties"
run punit --load "$PETITION_SHARE/units-sichuan.csv" </dev/null
is_rc 0 "loading it again only updates"
run punit --under 510000 </dev/null
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 205 "still 205 units"

# --- one name under two parents --------------------------------------------

cat >"$T_DIR/gulou.csv" <<'EOF'
code,name,level,parent
320000,江苏省,province,100000
320100,南京市,city,320000
320106,鼓楼区,county,320100
350000,福建省,province,100000
350100,福州市,city,350000
350102,鼓楼区,county,350100
EOF
run punit --load "$T_DIR/gulou.csv" </dev/null
is_rc 0 "two 鼓楼区 under different parents both load"
is "$ERR" "" "nothing on stderr"
run punit 320106 350102 </dev/null
is "$(printf '%s\n' "$OUT" | jget .parent | paste -sd ' ' -)" "320100 350100" "each under its city"

amb='"鼓楼区" names several units: 320106 (南京市), 350102 (福州市); give the code'
t_sum=$(dbsum)
run padd --received-at 2017-05-01 --channel letter --unit 鼓楼区 --subject '噪声' </dev/null
is_rc 3 "petition-add --unit 鼓楼区: exit 3"
is "$ERR" "petition-add: unit: $amb" "with the candidates' codes"
printf 'received_at,channel,subject,unit\n2017-05-01,letter,噪声,鼓楼区\n' | run padd; reload
is "$RC:$ERR" "3:petition-add: line 2: unit: $amb" "the unit field of CSV input: the same, with the line"
is "$(dbsum)" "$t_sum" "nothing written"
run plist --unit 鼓楼区 </dev/null
is "$RC:$ERR" "2:petition-list: --unit: $amb" "petition-list --unit: exit 2"
run p_report --unit 鼓楼区 --monthly 2017-05 </dev/null
is "$RC:$ERR" "2:petition-report: --unit: $amb" "petition-report --unit: exit 2"
run pesc --unit 鼓楼区 </dev/null
is "$RC:$ERR" "2:petition-escalate: --unit: $amb" "petition-escalate --unit: exit 2"
run punit --under 鼓楼区 </dev/null
is "$RC:$ERR" "2:petition-unit: --under: $amb" "petition-unit --under: exit 2"
run punit 鼓楼区 </dev/null
is "$RC:$ERR" "3:petition-unit: unit: $amb" "petition-unit NAME: exit 3"

mk 2017-05-02 510800
run p_assign --transfer --to 鼓楼区 1 </dev/null
is "$RC:$ERR" "2:petition-assign: --to: $amb" "petition-assign --transfer --to: exit 2"
run pshow 1 </dev/null
is "$(j .status):$(j .unit)" "registered:510800" "the case did not move"
run p_assign --transfer --to 350102 1 </dev/null
is "$RC:$(j .unit)" "0:350102" "the code picks one"
run padd -q --received-at 2017-05-01 --channel letter --unit 利州区 --subject '噪声' </dev/null
is_rc 0 "a name only one unit bears still names it"

printf 'code,name,level,parent\n350103,鼓楼区,county,350100\n' >"$T_DIR/bad.csv"
t_sum=$(dbsum)
run punit --load "$T_DIR/bad.csv" </dev/null
is "$RC:$ERR" '3:petition-unit: line 2: name: "鼓楼区" is taken by another unit under the same parent' \
	"the same name twice under one parent: refused"
is "$(dbsum)" "$t_sum" "nothing written"
printf 'code,name,level,parent\n350104,台江区,county,鼓楼区\n' >"$T_DIR/bad.csv"
run punit --load "$T_DIR/bad.csv" </dev/null
is "$RC:$ERR" "3:petition-unit: line 2: parent: $amb" "a parent named by a name of several units: refused"

# --- Chinese headers, parents by name, 省直管县 --------------------------------

printf '代码,名称,级别,上级\n420000,湖北省,省,100000\n420100,武汉市,市,湖北省\n420102,江岸区,县,武汉市\n429004,仙桃市,县,420000\n' |
	run punit --load -; reload
is "$RC:$ERR" "0:" "Chinese headers and levels (代码,名称,级别,上级; 省, 市, 县)"
run punit 420102 429004 </dev/null
is "$(printf '%s\n' "$OUT" | jget .parent | paste -sd ' ' -)" "420100 420000" \
	"a parent given by name is stored as its code"
is "$(printf '%s\n' "$OUT" | head -1 | jget .level)" county "级别 县 is county"
run punit --under 420000 </dev/null
is "$(levels)" "city 1 county 2 province 1" "a county directly under its province (省直管县) loads"

# --- an old database ------------------------------------------------------

sqlite_only "migrating an old SQLite file"
sqlite3 -batch "$T_DIR/v1.db" <"$(dirname "$0")/data/v1.sql"
run plist --db "$T_DIR/v1.db" </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .case_no | paste -sd ' ' -)" "0:GY-2017-000001 GY-2017-000002" \
	"a database of schema version 1 migrates with its cases"
run pshow --db "$T_DIR/v1.db" 1 </dev/null
is "$(j .status):$(j .unit):$(j .unit_name)" "accepted:510802:利州区" "and their state"
run punit --db "$T_DIR/v1.db" --load "$T_DIR/gulou.csv" </dev/null
is_rc 0 "the migrated database takes two 鼓楼区"
run punit --db "$T_DIR/v1.db" --under 100000 </dev/null
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 16 "its 10 units kept, 6 added"
run padd --db "$T_DIR/v1.db" -q --received-at 2017-05-04 --channel letter --unit 320106 --subject x </dev/null
is_rc 0 "a case at a new unit: foreign keys hold"
run padd --db "$T_DIR/v1.db" -q --received-at 2017-05-04 --channel letter --unit 999999 --subject x </dev/null
is_rc 3 "an unknown unit is still refused"

done_testing
