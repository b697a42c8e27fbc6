# Sourced by run.sh: petition-escalate on $WORK/cases-N.db for each size N,
# with the same number of open deadlines (DUE) however large the database.
# Target: the times at 100,000 and 1,000,000 within 1.5x of each other.
DUE=${BENCH_DUE:-1000}
ESC=bin/petition-escalate

echo
echo "petition-escalate: $DUE open deadlines due, the rest of the cases closed"
printf '%9s  %8s  %8s  %8s\n' cases seconds "peak MB" actions
esc_times=""
for n in $SIZES; do
	db=$WORK/esc-$n.db
	cp "$WORK/cases-$n.db" "$db"
	sqlite3 "$db" "
		UPDATE deadlines SET stopped_at = '2017-12-31T00:00:00Z';
		UPDATE cases SET status = 'closed', backlog = 1, leader = 'bench';
		UPDATE cases SET status = 'accepted', backlog = 0, leader = NULL WHERE id <= $DUE;
		UPDATE deadlines SET stopped_at = NULL, due = '2017-12-20' WHERE case_id <= $DUE;"
	measure "$ESC" --db "$db" --now 2018-01-01T08:00:00+08:00 --format jsonl \
		> "$WORK/esc.out"
	actions=$(wc -l < "$WORK/esc.out")
	printf '%9s  %8.2f  %8.1f  %8s\n' "$n" "$SECS" "$(awk -v k="$KB" 'BEGIN { print k / 1024 }')" "$actions"
	esc_times="$esc_times $SECS"
	rm -f "$db" "$db-wal" "$db-shm"
done
set -- $esc_times
if [ $# -ge 2 ]; then
	awk -v a="$1" -v b="${!#}" 'BEGIN {
		r = a > 0 ? b / a : 0
		printf "largest / smallest: %.2fx %s\n", r, r <= 1.5 ? "ok (target <= 1.5x)" : "MISSED (target <= 1.5x)"
	}'
fi

# petition-report over every case: by unit and month, all measures, beside
# the same aggregate written by hand in the sqlite3 shell (the roll-up of
# counties into the city and the zero rows are petition-report's own work).
# Target (the closing table): at most 1.2x the shell's time.
REPORT=bin/petition-report
SQL="SELECT c.unit, strftime('%Y-%m', c.received_at, '+28800 seconds'), count(*),
 sum(c.reply_due IS NOT NULL), sum(c.status = 'declined'), sum(c.status = 'transferred'),
 sum(c.replied_at IS NOT NULL),
 sum(c.replied_at IS NOT NULL AND date(c.replied_at, '+28800 seconds') <= c.reply_due),
 sum(c.status IN ('registered','accepted','reviewing','rereviewing')),
 sum(c.id IN (SELECT case_id FROM deadlines WHERE stopped_at IS NULL AND duty = 1
   AND due < '2018-01-01')),
 sum(c.extended), sum(c.id IN (SELECT case_id FROM deadlines WHERE clock = 'review')),
 sum(c.satisfaction IN ('satisfied','basically_satisfied')), sum(c.satisfaction IS NOT NULL),
 sum(c.repeat_of IS NOT NULL), sum(c.collective), sum(c.backlog)
 FROM cases c WHERE c.received_at >= '2015-12-31T16:00:00Z'
 AND c.received_at < '2017-12-31T16:00:00Z' GROUP BY 1, 2;"

echo
echo "petition-report --by unit,month over every case, beside the same SQL in sqlite3"
printf '%9s  %8s  %8s  %10s  %6s\n' cases seconds "peak MB" "sqlite3 s" ratio
for n in $SIZES; do
	db=$WORK/cases-$n.db
	measure sqlite3 "$db" "$SQL" > /dev/null
	base=$SECS
	measure "$REPORT" --db "$db" --by unit,month --from 2016-01-01 --to 2017-12-31 \
		--now 2018-01-01T08:00:00+08:00 --format csv > "$WORK/report.csv"
	awk -v n="$n" -v s="$SECS" -v kb="$KB" -v b="$base" 'BEGIN {
		r = b > 0 ? s / b : 0
		printf "%9s  %8.2f  %8.1f  %10.2f  %6.2f\n", n, s, kb / 1024, b, r
	}'
	result "petition-report $n cases, by unit and month" "$SECS" "$KB" "$base" \
		"the same SQL in sqlite3" "1.2x"
done
