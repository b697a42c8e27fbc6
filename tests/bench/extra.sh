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
# the same counts written by hand in the sqlite3 shell: each act where and
# when it was done (a registration at the unit whose event registered it,
# the acts of the history at the unit that did them), as the report counts
# them; the roll-up of counties into the city, the zero rows and the
# printing are petition-report's own work. Target (the closing table): at
# most 1.2x the shell's time.
REPORT=bin/petition-report
SQL="SELECT x.unit, strftime('%Y-%m', x.t, '+28800 seconds'), sum(x.m0), sum(x.m1), sum(x.m2),
 sum(x.m3), sum(x.m4), sum(x.m5), sum(x.m6), sum(x.m7), sum(x.m8), sum(x.m9), sum(x.m10),
 sum(x.m11), sum(x.m12), sum(x.m13), sum(x.m14), sum(x.m15), sum(x.m16), sum(x.m17) FROM (
 SELECT coalesce(r.unit, c.unit) AS unit, c.received_at AS t, 1 AS m0, 0 AS m1, 0 AS m2,
  0 AS m3, 0 AS m4, 0 AS m5, 0 AS m6, 0 AS m7, 0 AS m8, 0 AS m9, 0 AS m10, 0 AS m11,
  c.repeat_of IS NOT NULL AS m12, c.collective AS m13, 0 AS m14, 0 AS m15, 0 AS m16,
  0 AS m17
  FROM cases c LEFT JOIN events r ON r.case_id = c.id AND r.action = 'register'
  WHERE c.received_at >= '2015-12-31T16:00:00Z' AND c.received_at < '2017-12-31T16:00:00Z'
  AND c.status <> 'voided'
 UNION ALL
 SELECT c.unit, c.received_at, 0, 0, 0, 0, 0, 0,
  c.status IN ('registered','accepted','reviewing','rereviewing'),
  coalesce(c.next_due < '2018-01-01', 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM cases c
  WHERE c.received_at >= '2015-12-31T16:00:00Z' AND c.received_at < '2017-12-31T16:00:00Z'
  AND (c.status IN ('registered','accepted','reviewing','rereviewing')
   OR c.next_due < '2018-01-01') AND c.status <> 'voided'
 UNION ALL
 SELECT CASE e.action WHEN 'review_request' THEN
  coalesce(json_extract(e.details, '$.to'), e.unit) ELSE e.unit END, e.at, 0, e.action = 'accept', e.action = 'decline', e.action = 'transfer',
  e.action = 'reply', e.action = 'reply' AND json_extract(e.details, '$.on_time') IS 1,
  0, 0, e.action = 'extend', e.action = 'review_request',
  e.action = 'rate' AND json_extract(e.details, '$.satisfaction')
   IN ('satisfied','basically_satisfied'),
  e.action = 'rate', 0, 0, e.action = 'backlog', 0, 0, 0
  FROM events e JOIN cases c ON c.id = e.case_id
  WHERE e.action IN ('accept','decline','transfer','reply','extend','review_request',
   'rate','backlog') AND e.at >= '2015-12-31T16:00:00Z' AND e.at < '2017-12-31T16:00:00Z'
  AND c.status <> 'voided'
 UNION ALL
 SELECT c.unit, c.received_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  EXISTS (SELECT 1 FROM visit_cases vc JOIN visits v ON v.id = vc.visit_id
   WHERE vc.case_id = c.id AND v.date >= '2016-01-01' AND v.date < '2018-01-01'),
  f.resolution IS NOT NULL
  FROM cases c LEFT JOIN backlog_files f ON f.case_id = c.id
  WHERE c.backlog = 1 AND c.received_at >= '2015-12-31T16:00:00Z'
  AND c.received_at < '2017-12-31T16:00:00Z' AND c.status <> 'voided'
) x GROUP BY 1, 2;"

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

# the annual report of 2017 against 2016 (both years' acts, and the accused
# grouped by their key), beside the report by unit and month of the same two
# years. Target: at most 2x its time, the memory flat.
echo
echo "petition-report --annual 2017 beside --by unit,month over 2016 and 2017"
printf '%9s  %8s  %8s  %10s  %6s\n' cases seconds "peak MB" "by month s" ratio
for n in $SIZES; do
	db=$WORK/cases-$n.db
	measure "$REPORT" --db "$db" --by unit,month --from 2016-01-01 --to 2017-12-31 \
		--now 2018-01-01T08:00:00+08:00 --format csv > /dev/null
	base=$SECS
	measure "$REPORT" --db "$db" --annual 2017 --now 2018-01-01T08:00:00+08:00 \
		--format csv > "$WORK/annual.csv"
	awk -v n="$n" -v s="$SECS" -v kb="$KB" -v b="$base" 'BEGIN {
		r = b > 0 ? s / b : 0
		printf "%9s  %8.2f  %8.1f  %10.2f  %6.2f\n", n, s, kb / 1024, b, r
	}'
	result "petition-report --annual, $n cases" "$SECS" "$KB" "$base" \
		"the report by unit and month" "2x/64MB"
done
