# Sourced by run.sh: the same work on a PostgreSQL store, on a private
# server started here (tests/pg-server), for the sizes up to
# $BENCH_PG_MAX (default 100000): petition-add beside the server's own COPY
# of the same CSV into a bare table, petition-escalate with DUE deadlines
# due, petition-report beside the same aggregate SQL in psql.
if ! bin/petition-list --version | grep -q '^stores:.* postgresql'; then
	echo
	echo "PostgreSQL: not in this build (make PG=1 with libpq-dev)"
	return 0
fi
PG_MAX=${BENCH_PG_MAX:-100000}
DUE=${DUE:-${BENCH_DUE:-1000}}
PG_DIR=$WORK/pg
chmod 755 "$WORK"
sh tests/pg-server start "$PG_DIR" || die "cannot start a PostgreSQL server"
trap 'sh tests/pg-server stop "$PG_DIR"; rm -rf "$WORK"' EXIT
# shellcheck disable=SC2046
export $(sh tests/pg-server env "$PG_DIR")
PSQL="psql -X -q -v ON_ERROR_STOP=1"

echo
echo "PostgreSQL $($PSQL -Atc 'SHOW server_version' | cut -d' ' -f1), a private server (fsync off), sizes up to $PG_MAX"
printf '%9s  %-14s  %8s  %10s  %8s  %10s  %6s\n' records work seconds records/s "peak MB" "baseline s" ratio
echo "(baseline: COPY of the same CSV into a bare table; psql running the same aggregate SQL)"
pg_row() {   # pg_row N WORK SECS KB BASE
	awk -v n="$1" -v w="$2" -v s="$3" -v kb="$4" -v b="$5" 'BEGIN {
		rate = "-"; base = "-"; ratio = "-"
		if (s > 0) rate = sprintf("%.0f", n / s)
		if (b > 0) { base = sprintf("%.2f", b); ratio = sprintf("%.2f", s / b) }
		printf "%9s  %-14s  %8.2f  %10s  %8.1f  %10s  %6s\n", n, w, s, rate, kb / 1024, base, ratio
	}'
}
PG_SQL="SELECT c.unit, to_char(c.received_at::timestamp + interval '8 hours', 'YYYY-MM'), count(*),
 sum((c.reply_due IS NOT NULL)::int), sum((c.status = 'declined')::int),
 sum((c.status = 'transferred')::int), sum((c.replied_at IS NOT NULL)::int),
 sum((c.status IN ('registered','accepted','reviewing','rereviewing'))::int),
 sum((c.next_due < '2018-01-01')::int), sum(c.extended),
 sum((c.satisfaction IN ('satisfied','basically_satisfied'))::int),
 sum((c.satisfaction IS NOT NULL)::int), sum((c.repeat_of IS NOT NULL)::int),
 sum(c.collective), sum(c.backlog)
 FROM cases c WHERE c.received_at >= '2015-12-31T16:00:00Z'
 AND c.received_at < '2017-12-31T16:00:00Z' GROUP BY 1, 2"

for n in $SIZES; do
	[ "$n" -le "$PG_MAX" ] || continue
	db=bench_$n
	createdb "$db" && createdb "${db}_copy"
	$PSQL -d "${db}_copy" -c "CREATE TABLE raw ($(head -1 "$WORK/$n.csv" | sed 's/,/ text, /g') text)"
	measure $PSQL -d "${db}_copy" -c "\\copy raw FROM '$WORK/$n.csv' WITH (FORMAT csv, HEADER true)"
	base=$SECS
	dropdb "${db}_copy"

	url=postgresql:///$db
	bin/petition-unit --db "$url" >/dev/null
	measure "$ADD" --db "$url" --quiet --input-format csv --now "$NOW" <"$WORK/$n.csv"
	got=$($PSQL -d "$db" -Atc 'SELECT count(*) FROM cases')
	[ "$got" = "$n" ] || die "$url: expected $n cases, found $got"
	pg_row "$n" "add csv" "$SECS" "$KB" "$base"
	result "PostgreSQL: petition-add $n cases (CSV)" "$SECS" "$KB" "$base" \
		"COPY into a bare table" "2x"

	measure $PSQL -d "$db" -Atc "$PG_SQL" >/dev/null
	base=$SECS
	measure bin/petition-report --db "$url" --by unit,month --from 2016-01-01 --to 2017-12-31 \
		--now 2018-01-01T08:00:00+08:00 --format csv >/dev/null
	pg_row "$n" "report" "$SECS" "$KB" "$base"

	$PSQL -d "$db" -c "
		UPDATE deadlines SET stopped_at = '2017-12-31T00:00:00Z';
		UPDATE cases SET status = 'closed', backlog = 1, leader = 'bench', next_due = NULL, next_clock = NULL;
		UPDATE cases SET status = 'accepted', backlog = 0, leader = NULL WHERE id <= $DUE;
		UPDATE deadlines SET stopped_at = NULL, due = '2017-12-20' WHERE case_id <= $DUE;
		"
	$PSQL -d "$db" -c "VACUUM ANALYZE"
	measure bin/petition-escalate --db "$url" --now 2018-01-01T08:00:00+08:00 --format jsonl \
		>"$WORK/esc.out"
	pg_row "$n" "escalate $(wc -l <"$WORK/esc.out")" "$SECS" "$KB" 0
	dropdb "$db"
done
