# Sourced by run.sh: petition-import of a bundle of every event of the
# first size's store (its N registrations, the office set after them:
# petition-export --to the province), into a new store,
# beside the sqlite3 shell reading the same lines into an events table
# (one row an event, its fields out of the JSON, unique by event_id).
# Target: the import of 100,000 events under 5 s; the largest size's
# bundle within 1.1 times the proportion of the first's time (11x for 10x).
N=${SIZES%% *}
IMPORT=bin/petition-import
EXPORT=bin/petition-export

echo
echo "petition-export / petition-import of a bundle, beside the sqlite3 shell"
printf '%9s  %-6s  %8s  %8s  %10s  %6s\n' events tool seconds "peak MB" "sqlite3 s" ratio
city=$WORK/xcity.db
cp "$WORK/cases-$N.db" "$city"
bin/petition-unit --db "$city" --office 510800
measure "$EXPORT" --db "$city" --to 510000 --now "$NOW" > "$WORK/bundle.jsonl"
xsecs=$SECS xkb=$KB
events=$(head -1 "$WORK/bundle.jsonl" | sed 's/.*"lines":\([0-9]*\).*/\1/')
tail -n +2 "$WORK/bundle.jsonl" > "$WORK/lines.txt"
rm -f "$WORK/xbase.db"
measure sqlite3 "$WORK/xbase.db" "CREATE TABLE lines(l TEXT);" ".mode ascii" \
	".separator \"\\037\" \"\\n\"" ".import $WORK/lines.txt lines" \
	"CREATE TABLE events(event_id TEXT UNIQUE, uuid TEXT, origin TEXT, lamport INTEGER,
	   at TEXT, actor TEXT, unit TEXT, action TEXT, from_status TEXT, to_status TEXT,
	   details TEXT, changes TEXT);
	 CREATE INDEX events_uuid ON events(uuid);
	 INSERT INTO events SELECT json_extract(l, '\$.event_id'), json_extract(l, '\$.uuid'),
	   json_extract(l, '\$.origin'), json_extract(l, '\$.lamport'), json_extract(l, '\$.at'),
	   json_extract(l, '\$.actor'), json_extract(l, '\$.unit'), json_extract(l, '\$.action'),
	   json_extract(l, '\$.from_status'), json_extract(l, '\$.to_status'),
	   json_extract(l, '\$.details'), json_extract(l, '\$.sets') FROM lines;"
xbase=$SECS
row_x() {
	awk -v n="$1" -v t="$2" -v s="$3" -v kb="$4" -v b="$5" 'BEGIN {
		printf "%9s  %-6s  %8.2f  %8.1f  %10.2f  %6.2f\n", n, t, s, kb / 1024, b, (b > 0 ? s / b : 0) }'
}
row_x "$events" export "$xsecs" "$xkb" "$xbase"
prov=$WORK/xprov.db
bin/petition-unit --db "$prov" --office 510000
measure "$IMPORT" --db "$prov" -q --now "$NOW" < "$WORK/bundle.jsonl"
import_secs=$SECS
row_x "$events" import "$SECS" "$KB" "$xbase"
result "petition-import, a bundle of $events events" "$SECS" "$KB" "$xbase" \
	"sqlite3 reading the lines" "5s"
measure "$IMPORT" --db "$prov" -q --now "$NOW" < "$WORK/bundle.jsonl"
row_x "$events" again "$SECS" "$KB" "$xbase"
rm -f "$city"* "$prov"* "$WORK/xbase.db" "$WORK/lines.txt"

# the growth: the largest size's bundle, beside the first's import
LAST=${SIZES##* }
if [ "$LAST" != "$N" ]; then
	first=$import_secs
	cp "$WORK/cases-$LAST.db" "$city"
	bin/petition-unit --db "$city" --office 510800
	"$EXPORT" --db "$city" --to 510000 --now "$NOW" > "$WORK/bundle.jsonl"
	big=$(head -1 "$WORK/bundle.jsonl" | sed 's/.*"lines":\([0-9]*\).*/\1/')
	bin/petition-unit --db "$prov" --office 510000
	measure "$IMPORT" --db "$prov" -q --now "$NOW" < "$WORK/bundle.jsonl"
	row_x "$big" import "$SECS" "$KB" 0
	result "petition-import $big events / $events" "$SECS" "$KB" "$first" \
		"petition-import of $events" "$(awk -v a="$big" -v b="$events" 'BEGIN { printf "%.1fx", 1.1 * a / b }')"
	rm -f "$city"* "$prov"*
fi
rm -f "$WORK/bundle.jsonl"
