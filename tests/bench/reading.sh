# Sourced by run.sh: reading the first size's store (N cases) --
# petition-list of every case as JSON Lines beside `sqlite3 -json` of the
# same columns (the unit's name joined), and the overdue count beside the
# shell's count over the same index.
# Targets: the listing at most 1.5x the shell's time.
N=${SIZES%% *}
LIST=bin/petition-list
db=$WORK/cases-$N.db
LATE=2030-01-01T00:00:00+08:00
COLS="c.id, c.case_no, c.uuid, c.received_at, c.channel, c.petitioner_name,
 c.petitioner_phone, c.petitioner_id_number, c.petitioner_address, c.anonymous,
 c.headcount, c.collective, c.purpose, c.subject, c.content, c.accused, c.location,
 c.unit, u.name AS unit_name, c.pollution_type, c.status, c.category, c.handler,
 c.leader, c.accept_due, c.reply_due, c.extended, c.replied_at, c.outcome,
 c.delivered_at, c.review_due, c.closed_at, c.satisfaction, c.backlog, c.risk,
 c.repeat_of, c.transferred_from, c.next_due, c.next_clock, c.origin_case_no"

echo
echo "petition-list of $N cases, beside the sqlite3 shell"
printf '%-34s  %8s  %8s  %10s  %6s\n' work seconds "peak MB" "sqlite3 s" ratio
read_row() {   # read_row WORK SECS KB BASE
	awk -v w="$1" -v s="$2" -v kb="$3" -v b="$4" 'BEGIN {
		printf "%-34s  %8.2f  %8.1f  %10.2f  %6.2f\n", w, s, kb / 1024, b, (b > 0 ? s / b : 0) }'
}

measure sqlite3 -json "$db" "SELECT $COLS FROM cases c LEFT JOIN units u ON u.code = c.unit
	ORDER BY c.id" > /dev/null
base=$SECS
measure "$LIST" --db "$db" --format jsonl --now "$NOW" > "$WORK/list.jsonl"
[ "$(wc -l < "$WORK/list.jsonl")" = "$N" ] || die "petition-list: expected $N lines"
read_row "list, JSON Lines" "$SECS" "$KB" "$base"
result "petition-list $N cases, JSON Lines" "$SECS" "$KB" "$base" "sqlite3 -json, same columns" "1.5x"

measure sqlite3 "$db" "SELECT count(*) FROM cases WHERE next_due < '2030-01-01'" > /dev/null
base=$SECS
measure "$LIST" --db "$db" --overdue --count --now "$LATE" > "$WORK/count"
read_row "list --overdue --count ($(cat "$WORK/count"))" "$SECS" "$KB" "$base"
rm -f "$WORK/list.jsonl" "$WORK/count"
