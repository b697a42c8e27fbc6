#!/bin/sh
# share/petition/escalate-digest.sh: one petition-escalate run, one digest
# per unit (To: from $PETITION_RECIPIENTS, else $PETITION_MAIL_DEFAULT, else
# root), printed with --print or handed to $SENDMAIL; nothing due, no mail.
T_TOOLS="petition-escalate"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
	echo "1..0 # SKIP jq is not installed (escalate-digest.sh needs it)"
	exit 0
fi

DIGEST=$PETITION_SHARE/escalate-digest.sh
PATH=$PETITION_BIN:$PATH
export PATH
cn() { printf 'GY-2017-%06d' "$1"; }
mk() {
	t_r=$1 t_u=$2; shift 2
	padd -q --now "${t_r}T18:00:00+08:00" --received-at "$t_r" --unit "$t_u" --channel letter --subject "事由" "$@" </dev/null ||
		diag "mk $t_r $t_u: petition-add failed"
}
# digests: "To|count|unit|body lines" of each digest in $OUT, in order; the
# count and the unit are read from "Subject: petition-escalate: N action(s)
# for unit U"
digests() {
	printf '%s\n' "$OUT" | awk '
		function flush() { if (to != "") print to "|" cnt "|" unit "|" n }
		/^To: / { flush(); to = substr($0, 5); cnt = unit = "?"; n = 0; inbody = 0; next }
		to == "" { next }
		!inbody && /^Subject: petition-escalate: [0-9]+ actions? for unit / { cnt = $3; unit = $NF; next }
		!inbody && $0 == "" { inbody = 1; next }
		inbody && $0 != "" { n++ }
		END { flush() }'
}
# body UNIT: the body lines of the digest for UNIT (tab-separated)
body() {
	printf '%s\n' "$OUT" | awk -v s="Subject: petition-escalate: " -v u="$1" '
		/^To: / { mine = 0; inbody = 0; next }
		index($0, s) == 1 && $NF == u { mine = 1; next }
		mine && !inbody && $0 == "" { inbody = 1; next }
		mine && inbody && $0 != "" { print }'
}

# nsup: how many supervision records the cases have, as petition-show prints them
nsup() {
	qshow --format jsonl $(qlist --format jsonl </dev/null | jget .id) </dev/null |
		jget '.supervisions|length' | awk '{ n += $1 } END { print n + 0 }'
}

ok "escalate-digest.sh is executable" test -x "$DIGEST"

use_store digest
mk 2017-03-21 510802 --petitioner-name 王五 --petitioner-phone 13812345678   # 1: due 04-05
mk 2017-03-23 510802                                    # 2: due 04-07
mk 2017-03-21 510811                                    # 3: due 04-05
mk 2017-03-24 510800                                    # 4: due 04-08
mail_db=$(clone_store mail)
default_db=$(clone_store default)
cat >"$T_DIR/recipients" <<'EOF'
# UNIT_CODE  address
510802  lizhou@example.test
510800  city@example.test
EOF
export PETITION_RECIPIENTS="$T_DIR/recipients"
export PETITION_MAIL_DEFAULT=duty@example.test
export SENDMAIL="$T_DIR/no-sendmail-with-print"

# nothing due
sum=$(dbsum)
run "$DIGEST" --print --now 2017-03-30T07:30:00+08:00 </dev/null
is_rc 0 "nothing due: exit 0"
is "$OUT" "" "nothing due: nothing printed"
is "$ERR" "" "nothing due: nothing on stderr"
is "$(dbsum)" "$sum" "nothing written"

# 04-07: 1 and 3 supervised (2 days overdue), 2 (today) and 4 (tomorrow) reminded
run "$DIGEST" --print --now 2017-04-07T07:30:00+08:00 </dev/null
is_rc 0 "a digest run"
is "$ERR" "" "nothing on stderr"
is "$(digests | sort)" "city@example.test|1|510800|1
duty@example.test|1|510811|1
lizhou@example.test|2|510802|2" \
	"one digest per unit: To: from the recipients file, else \$PETITION_MAIL_DEFAULT; the counts"
is "$(printf '%s\n' "$OUT" | grep -c '^To: ')" 3 "three digests, no more"
like "$OUT" 'Content-Type: text/plain; charset=UTF-8' "declared UTF-8"
is "$(body 510802 | cut -f 1-5 | sort)" "remind	$(cn 2)	accept	2017-04-07	0
supervise	$(cn 1)	accept	2017-04-05	2" "510802's digest: the reminder and the supervision, with due date and days overdue"
like "$(body 510802 | grep supervise)" '督办' "... and the rule"
is "$(body 510811 | cut -f 1-5)" "supervise	$(cn 3)	accept	2017-04-05	2" "510811's digest: its case only"
is "$(body 510800 | cut -f 1-5)" "remind	$(cn 4)	accept	2017-04-08	-1" "510800's digest: its reminder"
lacks "$OUT" 王五 "no petitioner's name in a digest"
lacks "$OUT" 13812345678 "no petitioner's phone in a digest"
is "$(nsup)" 2 "the run recorded the two supervisions"

# the same morning again: the supervisions are not repeated
run "$DIGEST" --print --now 2017-04-07T08:00:00+08:00 </dev/null
is_rc 0 "a second run"
is "$(digests | sort)" "city@example.test|1|510800|1
lizhou@example.test|1|510802|1" \
	"only the reminders again: no digest for 510811"
is "$(body 510802 | cut -f 1-2)" "remind	$(cn 2)" "510802: the reminder only"
is "$(nsup)" 2 "nothing more recorded"

# petition-escalate options pass through
run "$DIGEST" --print --unit 510802 --now 2017-04-07T08:00:00+08:00 </dev/null
is "$RC|$(digests)" "0|lizhou@example.test|1|510802|1" "--unit 510802 passed on"
run "$DIGEST" --print --unit 999999 --now 2017-04-07T08:00:00+08:00 </dev/null
isnt "$RC" 0 "an unknown --unit: the script fails"
is "$OUT" "" "... prints no digest"
like "$ERR" 'petition-escalate: .*999999' "... and passes on petition-escalate's message"

# the defaults: the recipients file next to the script, and root
export PETITION_DB="$default_db"
unset PETITION_RECIPIENTS PETITION_MAIL_DEFAULT
run "$DIGEST" --print --now 2017-04-07T07:30:00+08:00 </dev/null
is_rc 0 "without \$PETITION_RECIPIENTS and \$PETITION_MAIL_DEFAULT"
t_default=$(awk '$1 == "510802" { print $2; exit }' "$PETITION_SHARE/recipients")
is "$(digests | cut -d '|' -f 1-3 | sort)" "$(printf '%s\n' \
	"$(awk '$1 == "510800" { print $2; exit }' "$PETITION_SHARE/recipients" | grep . || echo root)|1|510800" \
	"${t_default:-root}|2|510802" \
	"root|1|510811" | sort)" \
	"share/petition/recipients next to the script; root for the others"

# an escalation is raised to the parent unit: the parent's digest tells it
use_store escalate
export PETITION_RECIPIENTS="$T_DIR/recipients"
mk 2017-03-21 510802                                    # 1: due 04-05
run "$DIGEST" --print --now 2017-04-07T07:30:00+08:00 </dev/null
is "$RC|$(digests)" "0|lizhou@example.test|1|510802|1" "04-07: the supervision goes to the county"
run "$DIGEST" --print --now 2017-04-22T07:30:00+08:00 </dev/null
is_rc 0 "04-22: the escalation (15 days after the supervision)"
is "$(body 510800 | cut -f 1-5)" "escalate	$(cn 1)	accept	2017-04-05	17" \
	"the escalation is in the parent unit's (510800's) digest"
like "$(digests)" '^city@example.test\|1\|510800\|1$' "... mailed to the city's recipient"

# mailing through $SENDMAIL (a stand-in that keeps each message)
export PETITION_DB="$mail_db" PETITION_RECIPIENTS="$T_DIR/recipients"
mkdir "$T_DIR/mails"
nmails() { find "$T_DIR/mails" -type f | wc -l | tr -d ' '; }
cat >"$T_DIR/sendmail" <<EOF
#!/bin/sh
n=\$(ls "$T_DIR/mails" | wc -l)
{ echo "ARGS: \$*"; cat; } >"$T_DIR/mails/\$((n + 1))"
EOF
chmod +x "$T_DIR/sendmail"
export SENDMAIL="$T_DIR/sendmail -t"
run "$DIGEST" --now 2017-04-07T07:30:00+08:00 </dev/null
is_rc 0 "mailing: exit 0"
is "$OUT" "" "mailing: nothing on stdout"
is "$(nmails)" 3 "three messages handed to \$SENDMAIL"
is "$(cat "$T_DIR/mails"/* | grep '^To: ' | sort | tr '\n' ' ')" \
	"To: city@example.test To: lizhou@example.test To: root " "one to each unit's recipient (root for 510811)"
is "$(grep -l '^ARGS: -t$' "$T_DIR/mails"/* | wc -l | tr -d ' ')" 3 "\$SENDMAIL's arguments (-t) kept"
run "$DIGEST" --now 2017-04-07T08:00:00+08:00 </dev/null
is "$(nmails)" 5 "the second run mails the two units with reminders"
run "$DIGEST" --now 2017-03-30T07:30:00+08:00 </dev/null
is "$RC|$(nmails)" "0|5" "nothing due: no mail"

done_testing
