#!/usr/bin/env bash
# Ingest benchmark: wall time and peak RSS of bin/petition-add loading N
# synthetic cases (CSV and JSONL), compared with a bare `sqlite3 .import` of
# the same CSV into an untyped table -- the floor for "put N rows in SQLite".
# Targets: in the closing table (result / results below).
#
# Usage (from the repo top): tests/bench/run.sh [N...]
#   sizes: arguments, else $BENCH_SIZES, else "100000 1000000"
#   hook:  $BENCH_EXTRA (default tests/bench/extra.sh) is sourced at the end
#          if it exists; it sees WORK, SIZES, $WORK/N.csv, $WORK/N.jsonl and
#          the measure / row helpers below; $BENCH_ACTIONS (default
#          tests/bench/actions.sh) likewise, after it.
set -eu
cd "$(dirname "$0")/../.."

ADD=bin/petition-add
GEN=build/bench-gen
NOW=2018-01-01T00:00:00+08:00
SEED=42

die() { echo "bench: $*" >&2; exit 1; }
for f in "$ADD" "$GEN" /usr/bin/time; do
	[ -x "$f" ] || die "missing $f (run make first)"
done
command -v sqlite3 >/dev/null || die "sqlite3 not found"

if [ $# -gt 0 ]; then SIZES="$*"; else SIZES=${BENCH_SIZES:-100000 1000000}; fi
for n in $SIZES; do
	case $n in '' | *[!0-9]*) die "bad size '$n'" ;; esac
done

WORK=${TMPDIR:-/tmp}/petition-bench.$$
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# measure CMD...: run CMD (stdin/stdout as given); set SECS and KB.
measure() {
	if ! /usr/bin/time -f '%e %M' -o "$WORK/time" "$@"; then
		cat "$WORK/time" >&2
		die "failed: $*"
	fi
	read -r SECS KB < <(tail -n 1 "$WORK/time")
}

# check_count DB N: the cases table must hold exactly N rows.
check_count() {
	local got
	got=$(sqlite3 "$1" 'select count(*) from cases')
	[ "$got" = "$2" ] || die "$1: expected $2 rows in cases, found '$got'"
}

FMT='%9s  %-6s  %8s  %10s  %8s  %10s  %6s  %10s  %6s\n'
# row N INPUT SECS KB BASE_SECS SCHEMA_SECS: print one aligned table line.
row() {
	awk -v n="$1" -v inp="$2" -v s="$3" -v kb="$4" -v b="$5" -v sb="$6" -v fmt="$FMT" 'BEGIN {
		rate = s > 0 ? sprintf("%.0f", n / s) : "-"
		ratio = b > 0 ? sprintf("%.2f", s / b) : "-"
		sratio = sb > 0 ? sprintf("%.2f", s / sb) : "-"
		printf fmt, n, inp, sprintf("%.2f", s), rate,
		    sprintf("%.1f", kb / 1024), sprintf("%.2f", b), ratio, sprintf("%.2f", sb), sratio
	}'
}

# result WORK SECS KB BASE_SECS BASELINE TARGET: one row of the closing table.
# TARGET is "Rx" (at most R times the baseline's time) or "Ss" (under S
# seconds, BASE_SECS then only for the record), then "/MMB" if the peak
# memory must also stay under M MB.
RESULTS=$WORK/results
: > "$RESULTS"
result() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}

# results: the table of every target, PASS or MISS.
results() {
	[ -s "$RESULTS" ] || return 0
	echo
	echo "every target of this run (ratio = our time / the baseline's, measured in this run)"
	awk -F '\t' 'BEGIN {
		f = "%-50s  %8s  %-38s  %8s  %7s  %-14s  %7s  %s\n"
		printf f, "work", "ours s", "baseline", "base s", "ratio", "target", "peak MB", ""
	} {
		ratio = $4 > 0 ? $2 / $4 : 0
		split($6, part, "/"); t = part[1]; lim = t + 0
		if (t ~ /x$/) { ok = $4 > 0 && ratio <= lim; tt = "<= " t }
		else { ok = $2 < lim; tt = "< " t }
		if (part[2] != "") { ok = ok && $3 / 1024 < part[2] + 0; tt = tt ", " part[2] }
		b = ($4 > 0) ? sprintf("%.2f", $4) : "-"
		r = ($4 > 0) ? sprintf("%.2fx", ratio) : "-"
		printf f, $1, sprintf("%.2f", $2), $5, b, r, tt, sprintf("%.1f", $3 / 1024),
		    (ok ? "PASS" : "MISS")
	}' "$RESULTS"
}

cpu=$(grep -m1 -E '^(model name|Hardware|cpu model)' /proc/cpuinfo 2>/dev/null |
	cut -d: -f2- | sed 's/^ *//') || true
echo "petition-add ingest benchmark  $(date '+%Y-%m-%d %H:%M')"
echo "machine: $(nproc) CPU(s), ${cpu:-unknown CPU}; $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/sqlite /')"
echo "targets: the closing table"
echo "sizes:   $SIZES (seed $SEED, work dir $WORK)"
echo
# shellcheck disable=SC2059
printf "$FMT" records input seconds records/s "peak MB" "bare s" ratio "schema s" ratio
echo "(bare: sqlite3 .import into a bare table; schema: sqlite3 inserting the same rows into"
echo " petition's schema with its indexes, history and deadlines, in one transaction)"

for n in $SIZES; do
	"$GEN" -s "$SEED" -f csv "$n" > "$WORK/$n.csv"
	"$GEN" -s "$SEED" -f jsonl "$n" > "$WORK/$n.jsonl"

	rm -f "$WORK/base.db"
	measure sqlite3 "$WORK/base.db" ".import --csv \"$WORK/$n.csv\" cases"
	base=$SECS
	check_count "$WORK/base.db" "$n"
	rm -f "$WORK/base.db"

	# the same raw work into petition's own schema: its indexes, a history
	# event and a deadline per case, in one transaction (no validation,
	# numbering or repeat detection)
	rm -f "$WORK/schema.db"*
	bin/petition-unit --db "$WORK/schema.db" > /dev/null   # the schema and units
	sed "s|@CSV@|$WORK/$n.csv|" tests/bench/schema.sql > "$WORK/schema.sql"
	measure sqlite3 "$WORK/schema.db" ".read $WORK/schema.sql"
	schema_base=$SECS
	check_count "$WORK/schema.db" "$n"
	rm -f "$WORK/schema.db"*

	for fmt in csv jsonl; do
		db=$WORK/add-$fmt.db
		rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
		measure "$ADD" --db "$db" --quiet --input-format "$fmt" --now "$NOW" \
			< "$WORK/$n.$fmt"
		check_count "$db" "$n"
		if [ "$fmt" = csv ]; then      # kept for the benchmarks of extra.sh
			mv "$db" "$WORK/cases-$n.db"
		fi
		rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
		row "$n" "$fmt" "$SECS" "$KB" "$base" "$schema_base"
		[ "$fmt" = jsonl ] ||
			result "petition-add $n cases (CSV)" "$SECS" "$KB" "$base" \
				"sqlite3 .import, bare table" "2.5x/64MB"
	done
done


EXTRA=${BENCH_EXTRA:-tests/bench/extra.sh}
if [ -f "$EXTRA" ]; then
	# shellcheck source=/dev/null
	. "$EXTRA"
fi

ABENCH=${BENCH_ACTIONS:-tests/bench/actions.sh}
if [ -f "$ABENCH" ]; then
	# shellcheck source=/dev/null
	. "$ABENCH"
fi

XBENCH=${BENCH_EXCHANGE:-tests/bench/exchange.sh}
if [ -f "$XBENCH" ]; then
	# shellcheck source=/dev/null
	. "$XBENCH"
fi

for extra in ${BENCH_MORE:-tests/bench/reading.sh tests/bench/taskwarrior.sh}; do
	if [ -f "$extra" ]; then
		# shellcheck source=/dev/null
		. "$extra"
	fi
done

PGBENCH=${BENCH_PG:-tests/bench/postgres.sh}
if [ -f "$PGBENCH" ]; then
	# shellcheck source=/dev/null
	. "$PGBENCH"
fi

results
