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
# last_event ID: action|from|to|actor of the case's latest event
last_event() {
	sql "SELECT action, coalesce(from_status, '-'), to_status, actor FROM events
	     WHERE case_id = $1 ORDER BY id DESC LIMIT 1"
}
# detail ID KEY: a key of the details of the case's latest event
detail() {
	sql "SELECT json_extract(details, '\$.$2') FROM events WHERE case_id = $1 ORDER BY id DESC LIMIT 1"
}
# clock ID CLOCK: start|due|rule|stopped_at of a deadline
clock() {
	sql "SELECT start, due, rule, coalesce(stopped_at, '-') FROM deadlines
	     WHERE case_id = $1 AND clock = '$2'"
}
nevents() { sql "SELECT count(*) FROM events"; }
# shown ID WHAT: as petition-show prints the case: "detail KEY" of its latest
# event, or "clock NAME" (due|stopped_at, "-" when running) of a deadline
shown() {
	pshow --format jsonl "$1" </dev/null | "$PYTHON" -c '
import json, sys
c, what, key = json.loads(sys.stdin.readline()), sys.argv[1], sys.argv[2]
if what == "detail":
    v = (c["history"][-1]["details"] or {}).get(key)
    print("null" if v is None else v)
else:
    for k in c["deadlines"]:
        if k["clock"] == key:
            print("%s|%s" % (k["due"], k["stopped_at"] or "-"))
' "$2" "$3"
}

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
