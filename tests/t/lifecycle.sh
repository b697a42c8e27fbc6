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
