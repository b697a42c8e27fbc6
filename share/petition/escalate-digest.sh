#!/bin/sh
# Runs petition-escalate once and mails each unit a digest of what it is to
# act on: reminders, supervision (督办) and backlog (积案) of its own cases,
# and escalations of the cases of the units under it (an escalation goes to
# the record's parent_unit).
#
# usage: escalate-digest.sh [--print] [petition-escalate options...]
#   --print   write the digests to stdout instead of mailing them
# Recipients: $PETITION_RECIPIENTS, a file of "UNIT_CODE address" lines
# (default: recipients next to this script); a unit without a line goes to
# $PETITION_MAIL_DEFAULT (default: root). Mail goes through $SENDMAIL
# (default: /usr/sbin/sendmail -t). Nothing due: no mail at all.
# In a key period (重要节点) the lines of the office's duty (today's staff on
# duty and leader on shift, a day without them) are the unit "duty"'s: a
# "duty address" line of the recipients names who gets them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
recipients=${PETITION_RECIPIENTS:-$here/recipients}
default=${PETITION_MAIL_DEFAULT:-root}
sendmail=${SENDMAIL:-/usr/sbin/sendmail -t}
print=false
if [ "${1:-}" = --print ]; then print=true; shift; fi
command -v jq >/dev/null || { echo "escalate-digest: jq is needed" >&2; exit 2; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
petition-escalate --format jsonl "$@" > "$out"
[ -s "$out" ] || exit 0

recipient() {
	to=
	[ -r "$recipients" ] && to=$(awk -v u="$1" '$1 == u { print $2; exit }' "$recipients")
	echo "${to:-$default}"
}

# an escalation is the parent unit's to act on; everything else the case's
# unit's; the office's duty lines, of no unit, are "duty"'s
owner='if .action == "escalate" and .parent_unit then .parent_unit else (.unit // "duty") end'
jq -r "$owner" "$out" | sort -u | while read -r unit; do
	to=$(recipient "$unit")
	n=$(jq -r --arg u "$unit" "select(($owner) == \$u) | 1" "$out" | wc -l)
	{
		echo "To: $to"
		what="unit $unit"
		[ "$unit" = duty ] && what="the office on duty (值班)"
		echo "Subject: petition-escalate: $n action$( [ "$n" -eq 1 ] || echo s) for $what"
		echo "Content-Type: text/plain; charset=UTF-8"
		echo
		jq -r --arg u "$unit" "select(($owner) == \$u)"' |
			[.action, .case_no, .clock, (.due // "-"), (.days_overdue // "-" | tostring),
			 (.leader // "-"), .rule] | @tsv' "$out"
	} | if $print; then cat; echo; else $sendmail; fi
done
