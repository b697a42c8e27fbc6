# Sourced (after lib.sh) by the tests of the lifecycle and escalation tools.

p_assign() { "$PETITION_BIN/petition-assign" "$@"; }
p_handle() { "$PETITION_BIN/petition-handle" "$@"; }
p_review() { "$PETITION_BIN/petition-review" "$@"; }
p_notice() { "$PETITION_BIN/petition-notice" "$@"; }
pesc()     { "$PETITION_BIN/petition-escalate" "$@"; }
# j KEY: a key of the JSON record the last run printed
j() { printf '%s\n' "$OUT" | jget "$1"; }
lines() { printf '%s\n' "$1" | grep -c .; }

# mk RECEIVED UNIT [FIELD OPTIONS]: registers a letter, as of that evening
mk() {
	t_r=$1 t_u=$2; shift 2
	case $t_r in *T*) t_now=$t_r ;; *) t_now=${t_r}T18:00:00+08:00 ;; esac
	padd -q --now "$t_now" --received-at "$t_r" --unit "$t_u" --channel letter --subject "事由" "$@" </dev/null ||
		diag "mk $t_r $t_u: petition-add failed"
}
# t_case MODE [ARG...]: facts of the cases on stdin, as petition-show or
# petition-list prints them (jsonl); null is "-", booleans true/false
#   fields F...      F|F|... of each case, one a line
#   history [KEY...] action|from|to|actor (or KEY|...) of each event of each
#                    case, one a line, in order; details.KEY: of its details
#   events [ACTION]  the number of events (of ACTION) of all the cases
#   sh               the facts of one case as shell assignments (see t_load)
t_case() {
	"$PYTHON" -S -E -c '
import json, re, sys
mode, args = sys.argv[1], sys.argv[2:]
def s(v):
    if v is None: return "-"
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, str): return v
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
def sh(name, v):
    if re.match(r"[A-Za-z_][A-Za-z0-9_]*$", name):
        print("%s=\x27%s\x27" % (name, v.replace("\x27", "\x27\\\x27\x27")))
cases = [json.loads(l) for l in sys.stdin if l.strip()]
if mode == "events":
    print(sum(1 for c in cases for h in c["history"] if not args or h["action"] == args[0]))
for c in cases if mode != "events" else []:
    if mode == "fields":
        print("|".join(s(c[f]) for f in args))
    elif mode == "history":
        for h in c["history"]:
            print("|".join(s((h["details"] or {}).get(k[8:]) if k.startswith("details.") else h[k])
                           for k in args or ("action", "from_status", "to_status", "actor")))
    elif mode == "sh":
        last = c["history"][-1]
        for k, v in c.items():
            if not isinstance(v, (list, dict)): sh("f_" + k, s(v))
        for k, v in last.items():
            if k != "details": sh("e_" + k, s(v))
        for k, v in (last["details"] or {}).items():
            sh("d_" + k, s(v)); sh("j_" + k, json.dumps(v, ensure_ascii=False))
        for d in c["deadlines"]:
            sh("c_" + d["clock"], "|".join(s(d[k]) for k in ("start", "due", "rule", "stopped_at")))
        sh("x_clocks", " ".join("%s=%s" % (d["clock"], d["stopped_at"] or "open") for d in c["deadlines"]))
' "$@"
}
# t_load ID: the facts of a case as petition-show prints it (without
# personal data, so that reading records nothing), loaded as shell
# variables: f_FIELD, e_KEY of its latest event, d_KEY of that event's
# details (j_KEY: as JSON), c_CLOCK (start|due|rule|stopped_at of a
# deadline) and x_clocks (CLOCK=stopped_at or CLOCK=open of each). They are
# worked out again only when the case printed differs from the last one
# loaded; the helpers that load them run in a subshell, so none is left over.
t_load() {
	qshow --format jsonl "$1" </dev/null >"$T_DIR/case.new"
	cmp -s "$T_DIR/case.new" "$T_DIR/case.json" ||
		{ t_case sh <"$T_DIR/case.new" >"$T_DIR/case.sh" && mv "$T_DIR/case.new" "$T_DIR/case.json"; }
	. "$T_DIR/case.sh"
}
# t_get PREFIX NAME...: the loaded values, joined by "|" (nothing for a
# value not there)
t_get() {
	t_p=$1 t_out= t_sep=; shift
	for t_k; do
		case $t_k in ''|*[!A-Za-z0-9_]*) t_v= ;; *) eval "t_v=\${${t_p}_$t_k-}" ;; esac
		t_out=$t_out$t_sep$t_v t_sep='|'
	done
	printf '%s\n' "$t_out"
}
# row ID FIELD...: FIELD|FIELD|... of a case
row() ( t_load "$1"; shift; t_get f "$@" )
# last_event ID [KEY...]: action|from|to|actor (or KEY|...) of its latest event
last_event() (
	t_load "$1"; shift
	[ $# -gt 0 ] || set -- action from_status to_status actor
	t_get e "$@"
)
# detail ID KEY...: keys of the details of its latest event; jdetail ID KEY:
# one as JSON (its exact text: quotes, escapes, newlines)
detail() ( t_load "$1"; shift; t_get d "$@" )
jdetail() ( t_load "$1"; t_get j "$2" )
# clock ID CLOCK: start|due|rule|stopped_at of a deadline ("-": running)
clock() ( t_load "$1"; t_get c "$2" )
# clocks ID: CLOCK=stopped_at (CLOCK=open when running) of each deadline
clocks() ( t_load "$1"; t_get x clocks )
# T_STOPPED: what clocks prints when there is a clock and every one is stopped
T_STOPPED='^[a-z_]+=[0-9][^ ]*( [a-z_]+=[0-9][^ ]*)*$'
# history ID [KEY...]: as t_case history, of one case
history() { t_id=$1; shift; qshow --format jsonl "$t_id" </dev/null | t_case history "$@"; }
# rows FIELD...: "ID|FIELD|..." of every case, in id order, joined by blanks
rows() { qlist --format jsonl </dev/null | t_case fields id "$@" | paste -sd ' ' -; }
# nevents [ACTION]: the number of events (of ACTION) in the store
nevents() { qlist --format jsonl </dev/null | qshow --format jsonl | t_case events "$@"; }

# --- petition-escalate output --------------------------------------------------
# tsv: the records the last run printed, one a line, tab-separated:
# action case_no clock due days_overdue unit parent_unit handler leader rule
# ("null" for null); jq if there is one, else python3; kept for the next call
# about the same output
tsv() {
	if [ -f "$T_DIR/tsv.of" ] && [ "$OUT" = "$(cat "$T_DIR/tsv.of")" ]; then
		cat "$T_DIR/tsv"
		return
	fi
	rm -f "$T_DIR/tsv.of"
	t_tsv >"$T_DIR/tsv" && printf '%s' "$OUT" >"$T_DIR/tsv.of"
	cat "$T_DIR/tsv"
}
t_tsv() {
	if command -v jq >/dev/null 2>&1; then
		printf '%s\n' "$OUT" | jq -r '[.action, .case_no, .clock, .due, .days_overdue, .unit,
			.parent_unit, .handler, .leader, .rule] | map(if . == null then "null" else tostring end) | @tsv'
	else
		printf '%s\n' "$OUT" | "$PYTHON" -c '
import json, sys
for l in sys.stdin:
    if l.strip():
        r = json.loads(l)
        print("\t".join("null" if r.get(k) is None else str(r.get(k)) for k in
              ("action", "case_no", "clock", "due", "days_overdue", "unit", "parent_unit",
               "handler", "leader", "rule")))
'
	fi
}
# acts [ACTION]: "action case_no clock due days_overdue" of each record the
# last run printed (only ACTION's, if given), sorted; "-" for null
acts() {
	tsv | awk -F '\t' -v a="${1:-}" 'a == "" || $1 == a {
		for (i = 1; i <= 5; i++) if ($i == "null") $i = "-"
		print $1 " " $2 " " $3 " " $4 " " $5 }' | sort
}
# rec ACTION CASE_NO KEY: a key of the record the last run printed for them
rec() {
	tsv | awk -F '\t' -v a="$1" -v c="$2" -v k="$3" 'BEGIN {
		n = split("action case_no clock due days_overdue unit parent_unit handler leader rule", f, " ")
		for (i = 1; i <= n; i++) if (f[i] == k) col = i }
		$1 == a && $2 == c { print $col }'
}
