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
