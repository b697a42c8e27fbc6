#!/bin/sh
# Exchange between an office on PostgreSQL and one on SQLite, both ways: a
# city office registers, accepts and assigns a case to its district, the
# district imports the bundle and replies, the city imports the reply: the
# case is replied there and the report clock stopped; the same bundle again
# is all known and changes nothing. Runs with PETITION_TEST_DB=pg.
T_TOOLS="petition-export petition-import"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

if [ "$T_ENGINE" != pg ]; then
	echo "1..0 # skip a PostgreSQL store beside a SQLite one (PETITION_TEST_DB=pg)"
	exit 0
fi
pexport() { "$PETITION_BIN/petition-export" "$@"; }
pimport() { "$PETITION_BIN/petition-import" "$@"; }

# round CITY DISTRICT NAME: the case's way there and back
round() {
	c=$1 d=$2 n=$3
	punit --db "$c" --office 510800 </dev/null >/dev/null &&
		punit --db "$d" --office 510802 </dev/null >/dev/null ||
		diag "$n: petition-unit --office failed"
	padd --db "$c" -q --now 2017-03-01T10:00:00+08:00 --received-at 2017-03-01 --unit 510800 \
		--channel letter --subject 事由 </dev/null &&
	p_assign --db "$c" -q --now 2017-03-02 --accept --category petition 1 </dev/null &&
	p_assign --db "$c" -q --now 2017-03-03 --assign --to 510802 1 </dev/null ||
		diag "$n: registering and assigning failed"
	pexport --db "$c" --now 2017-03-03T12:00:00+08:00 --to 510802 >"$T_DIR/$n-down.jsonl"
	run pimport --db "$d" --now 2017-03-04 "$T_DIR/$n-down.jsonl"
	like "$RC:$OUT" '^0:.*"events":3,"known":0,"cases":1,"new_cases":1' "$n: the district imports the case"
	p_handle --db "$d" -q --now 2017-03-10 --reply 已处理 --outcome support 1 </dev/null ||
		diag "$n: the reply failed"
	pexport --db "$d" --now 2017-03-10T12:00:00+08:00 --to 510800 >"$T_DIR/$n-up.jsonl"
	run pimport --db "$c" --now 2017-03-11 "$T_DIR/$n-up.jsonl"
	like "$RC:$OUT" '^0:.*"events":4,"known":3,"cases":1' "$n: the city imports the reply"
	shown=$(qshow --db "$c" --format jsonl 1 </dev/null)
	is "$(printf '%s\n' "$shown" | jget .status)" replied "$n: the case is replied at the city"
	like "$shown" '"clock":"report","start":"2017-03-03","due":"[0-9-]+","rule":"[^"]*","stopped_at":"2017-03-10' \
		"$n: ... its report clock stopped at the reply"
	run pimport --db "$c" --now 2017-03-12 "$T_DIR/$n-up.jsonl"
	like "$RC:$OUT" '^0:.*"events":4,"known":4,"cases":0' "$n: the same bundle again is all known"
	is "$(qshow --db "$c" --format jsonl 1 </dev/null)" "$shown" "$n: ... and changes nothing"
	run "$PETITION_BIN/petition-verify" --db "$c" </dev/null
	is "$RC" 0 "$n: the city's history verifies"
}

round "$PETITION_DB" "$T_DIR/district.db" "postgresql city, sqlite district"
round "$T_DIR/city.db" "$(new_store district)" "sqlite city, postgresql district"

done_testing
