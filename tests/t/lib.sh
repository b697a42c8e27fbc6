# lib.sh - sourced by every tests/t/*.t: a tiny TAP producer and a sandbox.
#
#   . "$(dirname "$0")/lib.sh"
#   run padd --received-at 2017-03-21 ... </dev/null   # sets RC, OUT, ERR
#   is_rc 0 "adds the case"
#   is "$OUT" "..." "prints ..."
#   like "$ERR" 'regex' "..."
#   done_testing
#
# Every test gets a fresh temporary directory ($T_DIR, removed on exit) with
# PETITION_DB inside it, a fixed clock and actor, and no access to the
# user's own database, policy or terminal.

T_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${PETITION_BIN:=$T_ROOT/bin}"
: "${PETITION_SHARE:=$T_ROOT/share/petition}"
export PETITION_BIN PETITION_SHARE

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/petition-t.XXXXXX") || exit 1
trap 'rm -rf "$T_DIR"' EXIT
trap 'exit 129' HUP INT TERM

# Under valgrind (make check-valgrind: PETITION_BIN holds the wrappers that
# run each tool under valgrind, PETITION_PROBE_BIN the native tools), a test
# that names the tools it is about in T_TOOLS runs those under valgrind and
# the others, its set-up, natively: each tool is checked by the tests of its
# own code (and every tool by the tests that leave T_TOOLS unset).
if [ -n "${T_TOOLS:-}" ] && [ -n "${PETITION_PROBE_BIN:-}" ] &&
   [ "$PETITION_PROBE_BIN" != "$PETITION_BIN" ]; then
	mkdir "$T_DIR/bin"
	for t_tool in "$PETITION_PROBE_BIN"/petition*; do
		t_name=${t_tool##*/}
		case " $T_TOOLS " in
		*" $t_name "*) ln -s "$PETITION_BIN/$t_name" "$T_DIR/bin/$t_name" ;;
		*) ln -s "$t_tool" "$T_DIR/bin/$t_name" ;;
		esac
	done
	PETITION_BIN=$T_DIR/bin
	export PETITION_BIN
fi

# Under valgrind each shape of command line runs under valgrind once in a
# test (see tests/memcheck), unless PETITION_MEMCHECK=all, or T_MEMCHECK=all
# in a test whose timing is valgrind's (the kills of the crash test).
if [ -n "${PETITION_PROBE_BIN:-}" ] && [ "${PETITION_MEMCHECK:-all}" != all ] &&
   [ "${T_MEMCHECK:-}" != all ]; then
	PETITION_MEMCHECK_SEEN=$T_DIR/memcheck
	export PETITION_MEMCHECK_SEEN
fi

# The store: a SQLite file in $T_DIR, or with PETITION_TEST_DB=pg a fresh
# database on the private PostgreSQL server that tests/pg-server started
# (PGHOST and PGPORT point at it), dropped on exit. Tests observe the store
# through the tools; a test about the SQLite file itself says so with
# sqlite_only.
T_ENGINE=${PETITION_TEST_DB:-sqlite}
if [ "$T_ENGINE" = pg ]; then
	T_PGDB=t_$(basename "$0" .t | tr -c 'a-z0-9\n' _)_$$
	createdb "$T_PGDB" || { echo "Bail out! createdb $T_PGDB failed"; exit 1; }
	trap 'rm -rf "$T_DIR"; t_dropall' EXIT
	export PETITION_DB="postgresql:///$T_PGDB"
else
	export PETITION_DB="$T_DIR/petition.db"
fi
export PETITION_NOW=2017-06-01T09:00:00+08:00
export PETITION_ACTOR=tester
export HOME="$T_DIR/home" XDG_DATA_HOME="$T_DIR/xdg"
export TZ=UTC LC_ALL=C.UTF-8     # the tools must not depend on TZ (see 0008)
unset PETITION_POLICY COLUMNS
mkdir -p "$HOME"

# python3 (for JSON without jq, CSV parsing and display widths): the
# interpreter itself, not a wrapper script such as a pyenv shim, which
# would cost much more per call
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -n "$PYTHON" ] || PYTHON=python3

T_MAIN_DB=$PETITION_DB

# t_dropall: drops the test's databases (its own and those made by new_store)
t_dropall() {
	psql -X -Atc "SELECT datname FROM pg_database WHERE datname LIKE '${T_PGDB}%'" postgres \
		2>/dev/null | while read -r t_name; do dropdb --if-exists "$t_name" 2>/dev/null; done
}

# new_store NAME: prints the name of the test's store NAME, of the test's
# engine (a file in $T_DIR, or a database on the test's server), made empty
# if there is none yet; use_store NAME makes it PETITION_DB; clone_store
# NAME: a new store NAME holding what PETITION_DB holds now
new_store() {
	if [ "$T_ENGINE" = pg ]; then
		[ -n "$(psql -X -Atc "SELECT 1 FROM pg_database WHERE datname = '${T_PGDB}_$1'" postgres)" ] ||
			createdb "${T_PGDB}_$1" >&2 || return 1
		echo "postgresql:///${T_PGDB}_$1"
	else
		echo "$T_DIR/$1.db"
	fi
}
use_store() { PETITION_DB=$(new_store "$1") || exit 1; export PETITION_DB; }
clone_store() {
	if [ "$T_ENGINE" = pg ]; then
		createdb -T "${PETITION_DB#postgresql:///}" "${T_PGDB}_$1" >&2 || return 1
		echo "postgresql:///${T_PGDB}_$1"
	else
		cp "$PETITION_DB" "$T_DIR/$1.db" && echo "$T_DIR/$1.db"
	fi
}

# --- TAP -----------------------------------------------------------------

T_N=0
T_FAILED=0
T_PLANNED=

plan() { T_PLANNED=$1; echo "1..$1"; }

diag() { printf '%s\n' "$@" | sed 's/^/# /' >&2; }
note() { printf '%s\n' "$@" | sed 's/^/# /'; }

pass() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
fail() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
}

# ok DESCRIPTION COMMAND [ARGS...]: passes when COMMAND succeeds.
ok() {
	t_desc=$1; shift
	if "$@"; then pass "$t_desc"; else fail "$t_desc"; diag "failed: $*"; fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got:" "$1" "expected:" "$2"
	fi
}

# isnt GOT UNEXPECTED DESCRIPTION
isnt() {
	if [ "$1" != "$2" ]; then pass "$3"; else fail "$3"; diag "got (unwanted): $1"; fi
}

# like GOT EXTENDED-REGEX DESCRIPTION (a match anywhere in GOT)
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3"
		diag "got:" "$1" "expected to match: $2"
	fi
}

# unlike GOT EXTENDED-REGEX DESCRIPTION
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		fail "$3"
		diag "got:" "$1" "expected not to match: $2"
	else
		pass "$3"
	fi
}

# contains GOT FIXED-STRING DESCRIPTION
contains() {
	case $1 in
	*"$2"*) pass "$3" ;;
	*) fail "$3"; diag "got:" "$1" "expected to contain: $2" ;;
	esac
}

# lacks GOT FIXED-STRING DESCRIPTION
lacks() {
	case $1 in
	*"$2"*) fail "$3"; diag "got:" "$1" "expected not to contain: $2" ;;
	*) pass "$3" ;;
	esac
}

done_testing() {
	[ -n "$T_PLANNED" ] || echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ] || diag "failed $T_FAILED of $T_N"
	[ "$T_FAILED" -eq 0 ]
	exit $?
}

# --- running the tools ---------------------------------------------------

padd()  { "$PETITION_BIN/petition-add" "$@"; }
plist() { "$PETITION_BIN/petition-list" "$@"; }
pshow() { "$PETITION_BIN/petition-show" "$@"; }
punit() { "$PETITION_BIN/petition-unit" "$@"; }
# the same tools for the probes that read the store back: the native
# binaries in the valgrind run (PETITION_PROBE_BIN), whose subject is the
# tool each test runs, not the reading back
qshow() { "${PETITION_PROBE_BIN:-$PETITION_BIN}/petition-show" "$@"; }
qlist() { "${PETITION_PROBE_BIN:-$PETITION_BIN}/petition-list" "$@"; }

# run COMMAND [ARGS...]: runs it, keeps the exit code in RC, stdout in OUT
# and stderr in ERR (also in the files $T_DIR/out and $T_DIR/err, which
# keep trailing newlines and bytes the shell would drop).  Redirect stdin
# at the call: run padd ... </dev/null.
run() {
	RC=0
	"$@" >"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
	echo "$RC" >"$T_DIR/rc"
	reload
}

# reload: RC, OUT and ERR of a run that was part of a pipeline (a subshell):
#   producer | run plist; reload
reload() {
	RC=$(cat "$T_DIR/rc")
	OUT=$(cat "$T_DIR/out")
	ERR=$(cat "$T_DIR/err")
}

# is_rc EXPECTED DESCRIPTION: the exit code of the last run.
is_rc() {
	if [ "$RC" = "$1" ]; then
		pass "$2"
	else
		fail "$2"
		diag "exit code: got $RC, expected $1" "stderr:" "$ERR"
	fi
}

# --- the database --------------------------------------------------------

# sqlite_only REASON: the rest of this test is about the SQLite file itself
# (its bytes, locks, modes or a shell that rewrites it); on another engine
# the test ends here, its plan met by skips.
sqlite_only() {
	[ "$T_ENGINE" = sqlite ] && return 0
	if [ -n "$T_PLANNED" ]; then
		while [ "$T_N" -lt "$T_PLANNED" ]; do
			T_N=$((T_N + 1)); echo "ok $T_N # skip $1"
		done
	elif [ "$T_N" -eq 0 ]; then
		echo "1..0 # skip $1"; exit 0
	fi
	done_testing
}

# fresh_store: the test's store made new and empty (a file removed, a
# database dropped and created again)
fresh_store() {
	if [ "$T_ENGINE" = pg ]; then
		dropdb "$T_PGDB" && createdb "$T_PGDB"
	else
		rm -f "$PETITION_DB" "$PETITION_DB-wal" "$PETITION_DB-shm"
	fi
}

# cf CASE FILTER: one value of a case as petition-show prints it (jsonl,
# without personal data, so that reading records nothing)
cf() { qshow --format jsonl "$1" </dev/null | jget "$2"; }

# sql QUERY [DB]: runs QUERY with the sqlite3 shell (sqlite_only tests).
sql() { sqlite3 -batch "${2:-$PETITION_DB}" "$1"; }

# dbdump [DB]: the whole content of the store, as its engine's own dump
# prints it (PostgreSQL: data only, without the identity counters, which a
# rolled-back insert moves on)
dbdump() {
	t_db=${1:-$PETITION_DB}
	case $t_db in
	postgresql://*) pg_dump --data-only --no-owner "${t_db#postgresql:///}" 2>/dev/null |
		grep -v -e '^--' -e '^SELECT pg_catalog.setval' -e '^\\restrict' -e '^\\unrestrict' ;;
	*) [ -e "$t_db" ] && sqlite3 -batch "$t_db" .dump ;;
	esac
}

# dbsum [DB]: a checksum of the whole content of the store.
dbsum() {
	t_dump=$(dbdump "$@") || { echo absent; return; }
	printf '%s\n' "$t_dump" | cksum
}

# ncases [DB]: the number of cases.
ncases() { qlist --format jsonl --db "${1:-$PETITION_DB}" </dev/null | wc -l | tr -d ' '; }

# --- JSON ----------------------------------------------------------------

# jget FILTER: jq -cr FILTER on stdin; without jq, a python3 stand-in that
# knows simple paths (.a.b, .a[0].b, .a|length) and prints what jq -r would.
jget() {
	if command -v jq >/dev/null 2>&1; then
		jq -cr "$1"
	else
		"$PYTHON" -c '
import json, re, sys
expr = sys.argv[1]
length = expr.endswith("|length")
path = re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", expr[:-7] if length else expr)
for line in sys.stdin:
    if not line.strip():
        continue
    v = json.loads(line)
    for k, i in path:
        v = None if v is None else (v.get(k) if k else v[int(i)])
    if length:
        v = 0 if v is None else len(v)
    if v is None: print("null")
    elif v is True: print("true")
    elif v is False: print("false")
    elif isinstance(v, str): print(v)
    else: print(json.dumps(v, ensure_ascii=False, separators=(",", ":")))
' "$1"
	fi
}

# --- tables --------------------------------------------------------------

# aligned: prints what is wrong with the table on stdin (nothing if aligned).
# Display width per unicodedata.east_asian_width (W and F are 2 columns).
# Column starts are taken from the header line; in every line the two
# cells before each start are blanks (a separator), no wide character
# straddles a start, a blank cell stays blank up to the next column, and
# the line reaches the start of the last column (the last column itself
# need not be padded).
aligned() {
	"$PYTHON" -c '
import sys, unicodedata
def cells(s):
    out = []
    for ch in s:
        out.append(ch)
        if unicodedata.east_asian_width(ch) in "WF":
            out.append(None)
    return out
lines = sys.stdin.read().split("\n")
if lines[-1] == "":
    lines.pop()
if len(lines) < 2:
    print("fewer than 2 lines")
head = cells(lines[0])
starts = [i for i in range(2, len(head))
          if head[i] not in (" ", None) and head[i - 1] == " " and head[i - 2] == " "]
for n, l in enumerate(lines[1:], 2):
    c = cells(l)
    if starts and len(c) < starts[-1]:
        print("line %d: %d columns wide, the last column starts at %d" % (n, len(c), starts[-1]))
    ends = starts[1:] + [len(c) + 2]
    for s, e in zip(starts, ends):
        # a separator before the start, no wide character across it, and a
        # cell that starts blank is blank to the next column (no overhang)
        c2 = c + [" ", " ", " "]
        if len(c) > s - 2 and (c2[s - 1] != " " or c2[s - 2] != " " or c2[s] is None or
                               (c2[s] == " " and any(x != " " for x in c[s:e - 2]))):
            print("line %d: not aligned at column %d: %r" % (n, s, l))
            break
'
}

# dbsum_noaccess [DB]: dbsum, leaving out the "access" events that showing
# personal data records (who saw a petitioner's identity, and when)
dbsum_noaccess() {
	t_dump=$(dbdump "$@" | grep -v -e "^INSERT INTO events VALUES([0-9]*,[0-9]*,'[^']*','[^']*','access'," \
		-e "$(printf '^[0-9]*\t[0-9]*\t[^\t]*\t[^\t]*\taccess\t')")
	printf '%s\n' "$t_dump" | cksum
}

# --- a long list (the document formats' memory tests) ----------------------

# long_list: a new store of 5,000 cases of one county, for a list as long as
# a year of them
long_list() {
	use_store big
	"$PYTHON" -c '
import json
for i in range(5000):
    print(json.dumps({"received_at": "2017-05-%02dT10:%02d:00+08:00" % (1 + i % 28, i % 60),
                      "channel": "letter", "unit": "510802", "petitioner_name": "张三",
                      "subject": "夜间噪声扰民 %d" % i, "content": "化工厂夜间排放刺鼻气体。" * 8,
                      "accused": "某化工厂", "pollution_type": "air"}, ensure_ascii=False))' |
		padd -q || diag "set-up failed: 5000 cases"
}

# list_peak FORMAT: the peak RSS (kB) of the native petition-list --format
# FORMAT, its output in $T_DIR/big.FORMAT (under AddressSanitizer without
# its quarantine of freed memory, which a document's many small allocations
# would fill)
list_peak() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
	"$PYTHON" -c '
import resource, subprocess, sys
subprocess.run(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=open(sys.argv[1], "wb"), check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$T_DIR/big.$1" x \
		"${PETITION_PROBE_BIN:-$PETITION_BIN}/petition-list" --format "$1"
}
