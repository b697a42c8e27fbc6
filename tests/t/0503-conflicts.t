#!/bin/sh
# Conflicts between offices: the city assigns a case to the county, then both
# set its handler without seeing the other's change. After the exchange both
# record one conflict, keep the holder's (the county's) value, and
# petition-list --conflicts lists the case until petition-handle --resolve
# settles it; the resolve travels to the city and settles it there too.
# Importing the same bundles again records nothing new. --resolve refuses a
# case without an open conflict on the field, and a field that is not one.
T_TOOLS="petition-list petition-handle petition-import"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

pexport() { "$PETITION_BIN/petition-export" "$@"; }
pimport() { "$PETITION_BIN/petition-import" "$@"; }

city=$(new_store city) && county=$(new_store county) || exit 1
punit --db "$city" --office 510800 </dev/null >/dev/null &&
	punit --db "$county" --office 510802 </dev/null >/dev/null || diag "petition-unit --office failed"

# at DB: the ids petition-list --conflicts prints, one a line
conflicted() { qlist --db "$1" --conflicts --format jsonl </dev/null | jget .id; }
# nconflicts DB CASE: the conflict events in the case's history
nconflicts() { qshow --db "$1" --format jsonl "$2" </dev/null | t_case events conflict; }
# conflict DB CASE: field, kept office and value, other office and value
conflict() {
	qshow --db "$1" --format jsonl "$2" </dev/null |
		t_case history details.field details.kept details.other | grep '^handler|'
}
# assigned SUBJECT: a case registered at the city, accepted and assigned to
# the county, then sent there
assigned() {
	printf '{"received_at":"2017-06-01T08:00:00+08:00","channel":"letter","subject":"%s","unit":"510800"}\n' "$1" |
		padd -q --db "$city" &&
	n=$(qlist --db "$city" --format jsonl </dev/null | wc -l | tr -d ' ') &&
	p_assign -q --db "$city" --accept --category petition "$n" </dev/null &&
	p_assign -q --db "$city" --assign --to 510802 "$n" </dev/null &&
	pexport --db "$city" --to 510802 >"$T_DIR/b1" </dev/null &&
	pimport --db "$county" "$T_DIR/b1" </dev/null >/dev/null
}
ok "a case registered at the city, assigned to the county and sent there" assigned 噪声扰民
is "$(conflicted "$city")$(conflicted "$county")" "" "no conflict yet at either office"

# --- both set the handler, then exchange ---
p_handle -q --db "$county" -H 王 1 </dev/null || diag "county -H failed"
p_handle -q --db "$city" -H 李 1 </dev/null || diag "city -H failed"
pexport --db "$county" --to 510800 >"$T_DIR/b2" </dev/null
pexport --db "$city" --to 510802 >"$T_DIR/b3" </dev/null
run pimport --db "$city" "$T_DIR/b2" </dev/null
is_rc 0 "the city imports the county's change"
is "$(printf '%s\n' "$OUT" | jget .conflicts)" 1 "... finding one conflict"
run pimport --db "$county" "$T_DIR/b3" </dev/null
is_rc 0 "the county imports the city's change"
is "$(printf '%s\n' "$OUT" | jget .conflicts)" 1 "... finding one conflict"
for at in city county; do
	eval db=\$$at
	is "$(nconflicts "$db" 1)" 1 "$at: one conflict event"
	like "$(conflict "$db" 1)" '^handler\|\{"office":"510802","value":"王",[^|]*\|\{"office":"510800","value":"李",' \
		"$at: on handler, the county's 王 kept, the city's 李 the other"
	is "$(qshow --db "$db" --format jsonl 1 </dev/null | jget .handler)" 王 "$at: the holder's value applied"
	is "$(conflicted "$db")" 1 "$at: petition-list --conflicts lists the case"
done
is "$(qlist --db "$county" --conflicts --status accepted --format jsonl 1 </dev/null | jget .id)" 1 \
	"--conflicts goes with other filters and with a case named"

# --- refusals ---
before=$(dbsum "$county")
run p_handle --db "$county" --resolve leader 1 </dev/null
is_rc 4 "--resolve leader: refused, the case has no conflict on leader"
like "$ERR" '^petition-handle: GY-2017-000001: no open conflict on leader$' "... saying so"
run p_handle --db "$county" --resolve nosuch 1 </dev/null
is_rc 2 "--resolve nosuch: not a case field, a usage error"
is "$ERR" 'petition-handle: --resolve: "nosuch" is not a case field' "... naming the option"
run p_handle --db "$county" --resolve handler -H 赵 1 </dev/null
is_rc 2 "--resolve with --handler: a usage error (the value is settled with -H alone)"
is "$(dbsum "$county")" "$before" "the refusals wrote nothing"

# --- resolving at the county ---
run p_handle --db "$county" --format jsonl --resolve 承办人 --reason 属地承办 1 </dev/null
is_rc 0 "--resolve 承办人 (the field's Chinese name) at the county"
is "$(j .handler)" 王 "... keeping the value the import applied"
is "$(qshow --db "$county" --format jsonl 1 </dev/null | t_case history details.field details.reason details.unit | tail -n 1)" \
	"handler|属地承办|510802" "... with a resolve event: the field, the reason, the unit"
is "$(qshow --db "$county" --format jsonl 1 </dev/null | t_case history | tail -n 1)" \
	"resolve|accepted|accepted|tester" "... which changes no status"
is "$(conflicted "$county")" "" "the county lists no conflict"
is "$(conflicted "$city")" 1 "the city still does"
run p_handle --db "$county" --resolve handler 1 </dev/null
is_rc 4 "a second --resolve handler: refused, nothing is open"

pexport --db "$county" --to 510800 >"$T_DIR/b4" </dev/null
run pimport --db "$city" "$T_DIR/b4" </dev/null
is_rc 0 "the city imports the resolve"
is "$(conflicted "$city")" "" "the city lists no conflict either"
is "$(qshow --db "$city" --format jsonl 1 </dev/null | jget .handler)" 王 "the city keeps 王"

# --- the same bundles again ---
for b in b2 b4; do pimport --db "$city" "$T_DIR/$b" </dev/null >/dev/null || diag "$b again failed"; done
pimport --db "$county" "$T_DIR/b3" </dev/null >/dev/null || diag "b3 again failed"
is "$(nconflicts "$city" 1):$(nconflicts "$county" 1)" 1:1 "importing the bundles again records no second conflict"
is "$(conflicted "$city")$(conflicted "$county")" "" "... and none is open"

# --- the change and its resolve in one bundle ---
ok "a second case assigned to the county" assigned 废气
p_handle -q --db "$county" -H 甲 2 </dev/null && p_handle -q --db "$city" -H 乙 2 </dev/null &&
	pexport --db "$city" --to 510802 >"$T_DIR/b5" </dev/null &&
	pimport --db "$county" "$T_DIR/b5" </dev/null >/dev/null || diag "second case exchange failed"
is "$(conflicted "$county")" 2 "the county finds the conflict on the second case"
p_handle -q --db "$county" --resolve handler 2 </dev/null || diag "resolve 2 failed"
pexport --db "$county" --to 510800 >"$T_DIR/b6" </dev/null
run pimport --db "$city" "$T_DIR/b6" </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .conflicts)" 0:0 \
	"the city gets the county's change and its resolve at once: no conflict recorded"
is "$(conflicted "$city")" "" "... and none listed"
is "$(qshow --db "$city" --format jsonl 2 </dev/null | jget .handler)" 甲 "... the holder's 甲 applied"

# --- a case with another office's events is what their replay gives ---
for s in city county; do
	eval "db=\$$s"
	run "$PETITION_BIN/petition-verify" --db "$db" </dev/null
	is "$RC" 0 "petition-verify at the $s: its cases are what the replay of their events gives"
done
if [ "$T_ENGINE" = sqlite ]; then
	sql "UPDATE cases SET handler = '丙' WHERE id = 1" "$city"
	run "$PETITION_BIN/petition-verify" --db "$city" </dev/null
	is "$RC" 3 "a merged case changed behind the tools' back: exit 3"
	like "$ERR" "case GY-2017-000001: its handler is not what the replay of its events gives" \
		"... naming the case and the field, not the value"
fi

done_testing
