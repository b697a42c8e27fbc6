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

export PETITION_DB="$T_DIR/petition.db"
export PETITION_NOW=2017-06-01T09:00:00+08:00
export PETITION_ACTOR=tester
export HOME="$T_DIR/home" XDG_DATA_HOME="$T_DIR/xdg"
export TZ=UTC LC_ALL=C.UTF-8
unset PETITION_POLICY COLUMNS
mkdir -p "$HOME"

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

# run COMMAND [ARGS...]: runs it, keeps the exit code in RC, stdout in OUT
# and stderr in ERR (also in the files $T_DIR/out and $T_DIR/err, which
# keep trailing newlines and bytes the shell would drop).  Redirect stdin
# at the call: run padd ... </dev/null.
run() {
	RC=0
	"$@" >"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
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

# sql QUERY [DB]: runs QUERY with the sqlite3 shell.
sql() { sqlite3 -batch "${2:-$PETITION_DB}" "$1"; }

# dbsum [DB]: a checksum of the whole content of the database.
dbsum() {
	t_db=${1:-$PETITION_DB}
	if [ -e "$t_db" ]; then
		sqlite3 -batch "$t_db" .dump | cksum
	else
		echo absent
	fi
}

# count [DB]: the number of cases.
ncases() { sql 'SELECT count(*) FROM cases' "${1:-$PETITION_DB}"; }

# --- JSON ----------------------------------------------------------------

# jget FILTER: jq -r FILTER on stdin; without jq, a python3 stand-in that
# knows simple paths (.a.b, .a[0].b) and prints what jq -r would.
jget() {
	if command -v jq >/dev/null 2>&1; then
		jq -r "$1"
	else
		python3 -c '
import json, re, sys
path = re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", sys.argv[1])
for line in sys.stdin:
    if not line.strip():
        continue
    v = json.loads(line)
    for k, i in path:
        v = None if v is None else (v.get(k) if k else v[int(i)])
    if v is None: print("null")
    elif v is True: print("true")
    elif v is False: print("false")
    elif isinstance(v, str): print(v)
    else: print(json.dumps(v, ensure_ascii=False, separators=(",", ":")))
' "$1"
	fi
}

# A valid 18-character resident ID number for a 17-digit prefix.
id_number() {
	python3 -c '
import sys
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
s = sys.argv[1]
print(s + "10X98765432"[sum(int(a) * b for a, b in zip(s, w)) % 11])' "$1"
}
