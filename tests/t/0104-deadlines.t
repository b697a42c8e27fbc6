#!/bin/sh
# Time limits: policy files, working days, rolling off holidays, month ends
# and leap years, unknown calendar years, bad policies, policy changes, and
# petition-show explaining each date.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"


export PETITION_NOW=2017-12-01T10:00:00+08:00
SHIPPED=$PETITION_SHARE/policy.conf

# policy FILE KEY=VALUE...: the shipped policy with some keys changed
policy() {
	t_f=$1; shift
	cp "$SHIPPED" "$t_f"
	for t_kv in "$@"; do
		sed "s|^${t_kv%%=*} *=.*|${t_kv%%=*} = ${t_kv#*=}|" "$t_f" >"$t_f.new" && mv "$t_f.new" "$t_f"
	done
}
WORK=$T_DIR/working.conf
ROLL=$T_DIR/roll.conf
policy "$WORK" day_count=working
policy "$ROLL" roll_to_working_day=yes
ok "the test policies differ from the shipped one as meant" \
	test "$(grep -c '^day_count = working' "$WORK")$(grep -c '^roll_to_working_day = yes' "$ROLL")" = 11

# due RECEIVED [OPTIONS]: accept_due of a new case
due() {
	t_r=$1; shift
	run padd --received-at "$t_r" --channel letter --unit 510802 --subject due "$@" </dev/null
	[ "$RC" = 0 ] || diag "petition-add --received-at $t_r $*: exit $RC: $ERR"
	j .accept_due
}
# rule [CLOCK]: the rule of a deadline (accept) of the newest case
rule() {
	clock "$(qlist --format jsonl --sort -id --limit 1 </dev/null | jget .id)" "${1:-accept}" | cut -d '|' -f 3
}

# --- working days ------------------------------------------------------------

# Mon 2017-09-25 + 15 working days: 26-30 Sep (5, Sat 30 is a make-up working
# day), 1-8 Oct off, 9-13 Oct (10), 16-20 Oct (15).
is "$(due 2017-09-25 --policy "$WORK")" 2017-10-20 "--policy, day_count = working: 2017-09-25 + 15 working days = 2017-10-20"
is "$(rule)" "received 2017-09-25 + 15 working days (holidays.conf)" "the rule says working days and which calendar"
is "$(PETITION_POLICY=$WORK due 2017-09-25)" 2017-10-20 "PETITION_POLICY: the same"
is "$(PETITION_POLICY=$T_DIR/nonexistent.conf due 2017-09-25 --policy "$WORK")" 2017-10-20 "--policy wins over PETITION_POLICY"
# Fri 2017-03-03: three plain weeks
is "$(due 2017-03-03 --policy "$WORK")" 2017-03-24 "2017-03-03 + 15 working days = 2017-03-24 (weekends only)"
# Fri 2017-01-20: Sun 22 Jan worked (1), 23-26 (5), 27 Jan-2 Feb off, Fri 3 (6),
# Sat 4 Feb worked (7), 6-10 (12), 13-15 (15)
is "$(due 2017-01-20 --policy "$WORK")" 2017-02-15 "across the Spring Festival with two make-up days: 2017-02-15"
# Mon 2026-09-21: 22-24 (3), 25-27 off, 28-30 (6), 1-7 Oct off, 8-9 (8),
# Sat 10 Oct worked (9), 12-16 (14), 19 (15)
is "$(due 2026-09-21 --policy "$WORK" --now 2026-10-01)" 2026-10-19 "2026 ships too: 2026-09-21 + 15 working days = 2026-10-19"

# --- rolling a calendar due date off a day off --------------------------------

is "$(due 2017-09-16 --policy "$ROLL")" 2017-10-09 "roll_to_working_day: 2017-09-16 + 15 = 2017-10-01, a holiday -> 2017-10-09"
is "$(rule)" "received 2017-09-16 + 15 calendar days = 2017-10-01, a day off: next working day (holidays.conf)" \
	"the rule tells the plain date and the roll"
is "$(due 2017-09-15 --policy "$ROLL")" 2017-09-30 "2017-09-30 is a Saturday but a make-up working day: kept"
is "$(rule)" "received 2017-09-15 + 15 calendar days" "... and the rule is plain"
is "$(due 2017-03-19 --policy "$ROLL")" 2017-04-05 "2017-03-19 + 15 = 2017-04-03 (清明节) -> 2017-04-05"
is "$(due 2017-03-26 --policy "$ROLL")" 2017-04-10 "2017-04-10, a Monday: kept"
is "$(due 2017-01-06 --policy "$ROLL")" 2017-01-22 "2017-01-21 (Saturday) -> 2017-01-22, a make-up working Sunday"
is "$(due 2017-09-16)" 2017-10-01 "the shipped policy does not roll: 2017-10-01"

# --- month ends and leap years (calendar days) ------------------------------

is "$(due 2016-02-15 --now 2016-03-01)" 2016-03-01 "2016-02-15 + 15 = 2016-03-01 (29 days in February 2016)"
is "$(due 2017-02-15 --now 2017-03-01)" 2017-03-02 "2017-02-15 + 15 = 2017-03-02"
is "$(due 2016-02-14 --now 2016-03-01)" 2016-02-29 "2016-02-14 + 15 = 2016-02-29"
is "$(due 2017-01-31 --now 2017-03-01)" 2017-02-15 "2017-01-31 + 15 = 2017-02-15"
is "$(due 2015-12-20 --now 2016-01-10)" 2016-01-04 "2015-12-20 + 15 = 2016-01-04 (a year end)"
is "$(due 2017-04-30)" 2017-05-15 "2017-04-30 + 15 = 2017-05-15"
# the 60-day reply clock from acceptance
run padd --received-at 2015-12-20 --now 2015-12-31 --channel letter --unit 510802 --subject r </dev/null
id=$(j .id)
run p_assign --accept --category petition --now 2015-12-31T10:00:00+08:00 "$id" </dev/null
is "$(j .reply_due)" 2016-02-29 "accepted 2015-12-31 + 60 = 2016-02-29"
run padd --received-at 2016-12-20 --now 2016-12-31 --channel letter --unit 510802 --subject r </dev/null
id=$(j .id)
run p_assign --accept --category petition --now 2016-12-31T10:00:00+08:00 "$id" </dev/null
is "$(j .reply_due)" 2017-03-01 "accepted 2016-12-31 + 60 = 2017-03-01"

# --- a year the calendar does not know --------------------------------------

# the shipped calendar lists 2004 to 2026
sum=$(dbsum); n=$(ncases)
run padd --policy "$WORK" --received-at 2027-03-01 --now 2027-03-02 --channel letter --unit 510802 --subject y </dev/null
is_rc 3 "working days in 2027 (not in the calendar): bad input"
is "$ERR" "petition-add: policy: the calendar holidays.conf has no entries for 2027: add that year's holidays to count working days" \
	"the message names the year and the calendar"
is "$OUT" "" "nothing printed"
run padd --policy "$WORK" --received-at 2003-06-02 --now 2003-06-03 --channel letter --unit 510802 --subject y </dev/null
is_rc 3 "working days in 2003 (before the calendar): bad input"
like "$ERR" 'has no entries for 2003' "the message names 2003"
run padd --policy "$WORK" --received-at 2026-12-20 --now 2026-12-21 --channel letter --unit 510802 --subject y </dev/null
is_rc 3 "working days running from 2026 into 2027: bad input"
like "$ERR" 'has no entries for 2027' "the message names 2027"
run padd --policy "$ROLL" --received-at 2026-12-20 --now 2026-12-21 --channel letter --unit 510802 --subject y </dev/null
is_rc 3 "rolling a due date of 2027-01-04 needs 2027: bad input"
like "$ERR" 'has no entries for 2027' "the message names 2027"
is "$(ncases)" "$n" "no case written"
# the same in the lifecycle tools: every clock takes the same path
run padd --received-at 2026-12-20 --now 2026-12-21 --channel letter --unit 510802 --subject y </dev/null
id=$(j .id)
sum=$(dbsum)
run p_assign --policy "$WORK" --accept --category petition --now 2026-12-27 "$id" </dev/null
is_rc 3 "accepting on 2026-12-27 with 60 working days to count into 2027: bad input"
like "$ERR" '^petition-assign: policy: the calendar holidays.conf has no entries for 2027' "message"
run p_assign --transfer --to 510811 --now 2026-12-28 "$id" </dev/null
is_rc 3 "a transfer on 2026-12-28: its 5-working-day objection window runs into 2027, a year not listed: bad input"
is "$ERR" "petition-assign: policy: the calendar holidays.conf has no entries for 2027: add that year's holidays to count working days" \
	"the objection window is refused like every other working-day clock"
is "$(dbsum)" "$sum" "nothing written"
run p_assign --transfer --to 510811 --now 2026-12-21 "$id" </dev/null
is_rc 0 "a transfer on 2026-12-21: its objection window ends within 2026"
run pshow --format jsonl "$id" </dev/null
is "$(j .deadlines[1].clock)|$(j .deadlines[1].due)|$(j .deadlines[1].rule)" \
	"object|2026-12-28|received by transfer 2026-12-21 + 5 working days (holidays.conf)" \
	"the objection window counts the calendar's working days"

# a policy with its own calendar (an absolute path) that knows 2027
printf '# test calendar\n2027-01-01  holiday  元旦\n2027-03-04..2027-03-05  holiday  test\n2027-03-13  workday  test\n' \
	>"$T_DIR/cal2027.conf"
policy "$T_DIR/own-cal.conf" day_count=working "calendar=$T_DIR/cal2027.conf"
# Mon 2027-03-01: 2-3 (2), 4-5 off, 8-12 (7), Sat 13 worked (8), 15-19 (13), 22-23 (15)
is "$(due 2027-03-01 --now 2027-03-02 --policy "$T_DIR/own-cal.conf")" 2027-03-23 "a calendar of one's own: 2027-03-01 + 15 working days = 2027-03-23"
is "$(rule)" "received 2027-03-01 + 15 working days (cal2027.conf)" "the rule names that calendar"

# next year from an iCalendar feed, named beside the shipped calendar: DTEND is
# exclusive, a SUMMARY with 班 is a make-up working day
mkdir -p "$T_DIR/office"
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 'PRODID:-//test//CN' \
	BEGIN:VEVENT UID:1 DTSTAMP:20261104T000000Z 'DTSTART;VALUE=DATE:20270101' \
	'DTEND;VALUE=DATE:20270104' 'SUMMARY:元旦(休)' END:VEVENT \
	BEGIN:VEVENT UID:2 DTSTAMP:20261104T000000Z 'DTSTART;VALUE=DATE:20270109' \
	'SUMMARY:元旦(班)' END:VEVENT END:VCALENDAR >"$T_DIR/office/cn2027.ics"
policy "$T_DIR/office/policy.conf" day_count=working "calendar=holidays.conf, cn2027.ics"
# Mon 2026-12-28: 29-31 (3), 1-3 Jan off, 4-8 (8), Sat 9 worked (9), 11-15 (14), 18 (15)
is "$(due 2026-12-28 --now 2026-12-29 --policy "$T_DIR/office/policy.conf")" 2027-01-18 \
	"holidays.conf, cn2027.ics: 2026-12-28 + 15 working days = 2027-01-18"
is "$(rule)" "received 2026-12-28 + 15 working days (holidays.conf, cn2027.ics)" "the rule names both calendars"
run padd --received-at 2026-12-27 --now 2026-12-28 --channel letter --unit 510802 --subject y </dev/null
id=$(j .id)
run p_assign --transfer --to 510811 --now 2026-12-28 "$id" --policy "$T_DIR/office/policy.conf" </dev/null
is_rc 0 "a transfer on 2026-12-28 goes through once 2027 is listed"
run pshow --format jsonl "$id" </dev/null
# Mon 2026-12-28: 29-31 (3), 1-3 Jan off, 4-5 (5)
is "$(j .deadlines[1].clock)|$(j .deadlines[1].due)" "object|2027-01-05" \
	"the objection window: 2026-12-28 + 5 working days = 2027-01-05"
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 BEGIN:VEVENT 'DTSTART:20270101T090000' END:VEVENT \
	END:VCALENDAR >"$T_DIR/office/bad.ics"
policy "$T_DIR/office/bad-ics.conf" day_count=working "calendar=bad.ics"
n=$(ncases)
run padd --policy "$T_DIR/office/bad-ics.conf" --received-at 2026-12-28 --now 2026-12-29 --channel letter --unit 510802 --subject b </dev/null
is_rc 3 "a timed event in the .ics: bad input"
is "$ERR" "petition-add: $T_DIR/office/bad.ics: line 3: event 1: expected DTSTART;VALUE=DATE:YYYYMMDD" \
	"the message names the file, the line and the event"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2027\r\n' >"$T_DIR/office/bad.ics"
run padd --policy "$T_DIR/office/bad-ics.conf" --received-at 2026-12-28 --now 2026-12-29 --channel letter --unit 510802 --subject b </dev/null
is_rc 3 "a truncated .ics: bad input"
like "$ERR" "^petition-add: $T_DIR/office/bad.ics: " "the message names the file"
is "$(ncases)" "$n" "no case written"
# a policy with its own calendar (an absolute path) that knows 2018
printf '# test calendar\n2018-01-01  holiday  元旦\n2018-03-05..2018-03-06  holiday  test\n2018-03-10  workday  test\n' \
	>"$T_DIR/cal2018.conf"
policy "$T_DIR/own-cal.conf" day_count=working "calendar=$T_DIR/cal2018.conf"
# Thu 2018-03-01: 2 (1), 5-6 off, 7-9 (4), Sat 10 worked (5), 12-16 (10), 19-23 (15)
is "$(due 2018-03-01 --now 2018-03-02 --policy "$T_DIR/own-cal.conf")" 2018-03-23 "a calendar of one's own: 2018-03-01 + 15 working days = 2018-03-23"
is "$(rule)" "received 2018-03-01 + 15 working days (cal2018.conf)" "the rule names that calendar"
# a relative name is looked up beside the policy file first (petition(7))
mkdir -p "$T_DIR/beside"
cp "$T_DIR/cal2018.conf" "$T_DIR/beside/holidays.conf"
policy "$T_DIR/beside/policy.conf" day_count=working calendar=holidays.conf
is "$(due 2018-03-01 --now 2018-03-02 --policy "$T_DIR/beside/policy.conf")" 2018-03-23 \
	"calendar = holidays.conf: the one beside the policy file, which knows 2018"

# --- no due date past 2199, the last year the date parser reads -------------

use_store 2199
run padd -q --now 2199-10-20T10:00:00+08:00 --received-at 2199-10-20 --channel letter \
	--unit 510802 --subject 远期 </dev/null
run p_assign -q --now 2199-10-21T10:00:00+08:00 --accept --category petition 1 </dev/null
is_rc 0 "accepted 2199-10-21: reply due 2199-12-20"
sum=$(dbsum)
run p_handle -q --now 2199-12-01T10:00:00+08:00 --extend 30 --reason 需要监测 1 </dev/null
is_rc 3 "an extension to 2200-01-19: bad input"
like "$ERR" 'the due date would fall after 2199-12-31' "... saying why"
is "$(dbsum)" "$sum" "... and nothing written"
run padd -q --now 2199-12-30T10:00:00+08:00 --received-at 2199-12-30 --channel letter \
	--unit 510802 --subject 远期 </dev/null
is_rc 3 "a case received 2199-12-30, its accept clock past 2199: bad input"
export PETITION_DB="$T_MAIN_DB"

# --- bad policy files ----------------------------------------------------------

n=$(ncases); sum=$(dbsum)
bad() {  # bad NAME CONTENT: runs petition-add with that policy
	printf '%s' "$2" >"$T_DIR/$1"
	run padd --policy "$T_DIR/$1" --received-at 2017-09-25 --channel letter --unit 510802 --subject b </dev/null
}
bad unknown.conf 'accept_days = 15
reply_dayz = 60
'
is_rc 3 "an unknown key: bad input"
is "$ERR" "petition-add: $T_DIR/unknown.conf: line 2: unknown key \"reply_dayz\"" "message: file, line, key"
bad value.conf 'accept_days = fifteen
'
is_rc 3 "a bad number: bad input"
is "$ERR" "petition-add: $T_DIR/value.conf: line 1: accept_days: bad value \"fifteen\"" "message: file, line, key, value"
bad count.conf 'day_count = weekdays
'
is_rc 3 "day_count = weekdays: bad input"
is "$ERR" "petition-add: $T_DIR/count.conf: line 1: day_count: bad value \"weekdays\"" "message"
bad roll.conf '# comment

roll_to_working_day = maybe
'
is_rc 3 "roll_to_working_day = maybe: bad input"
is "$ERR" "petition-add: $T_DIR/roll.conf: line 3: roll_to_working_day: bad value \"maybe\"" "message counts comment lines"
bad negative.conf 'reply_days = -5
'
is_rc 3 "a negative number of days: bad input"
bad zone.conf '# the office
timezone = Asia/Shanghaii
'
is_rc 3 "an unknown time zone: bad input, not UTC"
is "$ERR" "petition-add: $T_DIR/zone.conf: line 2: timezone: bad value \"Asia/Shanghaii\"" "message: file, line, value"
bad zone.conf 'timezone = ../../etc/passwd
'
is_rc 3 "a zone that climbs out of the zone folder: bad input"
like "$ERR" "zone.conf: line 1: timezone: bad value" "message"
bad zone.conf 'timezone =
'
is_rc 3 "an empty time zone: bad input"
bad zone.conf 'timezone = Asia/Urumqi
'
is_rc 0 "another zone of the tz database: accepted"
n=$(ncases); sum=$(dbsum)
bad calendars.conf 'calendar = holidays.conf,
'
is_rc 3 "a calendar list with an empty name: bad input"
like "$ERR" "calendars.conf: line 1: calendar: bad value" "message"
bad noeq.conf 'accept_days 15
'
is_rc 3 "a line without =: bad input"
like "$ERR" "noeq.conf: line 1: expected \"key = value\"" "message"
run padd --policy "$T_DIR/missing.conf" --received-at 2017-09-25 --channel letter --unit 510802 --subject b </dev/null
is_rc 3 "a missing policy file: bad input"
is "$ERR" "petition-add: $T_DIR/missing.conf: No such file or directory" "message"
export PETITION_POLICY=$T_DIR/unknown.conf
run plist </dev/null
is_rc 3 "a bad PETITION_POLICY is reported by petition-list too"
like "$ERR" '^petition-list: .*unknown.conf: line 2: unknown key "reply_dayz"' "message"
run p_handle --note x 1 </dev/null
is_rc 3 "... and by petition-handle"
unset PETITION_POLICY
printf '2017-02-30  holiday  x\n' >"$T_DIR/badcal.conf"
policy "$T_DIR/badcal-policy.conf" day_count=working "calendar=$T_DIR/badcal.conf"
run padd --policy "$T_DIR/badcal-policy.conf" --received-at 2017-09-25 --channel letter --unit 510802 --subject b </dev/null
is_rc 3 "a bad calendar line: bad input"
like "$ERR" "badcal.conf: line 1: " "message names the calendar file and line"
printf '# x\n2017-10-01..2017-10-08  holiday  国庆节\n2017-10-04  holiday  中秋节\n' >"$T_DIR/badcal.conf"
run padd --policy "$T_DIR/badcal-policy.conf" --received-at 2017-09-25 --channel letter --unit 510802 --subject b </dev/null
is_rc 3 "a date listed twice in the calendar: bad input"
is "$ERR" "petition-add: $T_DIR/badcal.conf: line 3: 2017-10-04 is already listed on line 2" "message names both lines"
is "$(ncases)" "$n" "no case written under a bad policy"
is "$(dbsum)" "$sum" "nothing written at all"

# --- a policy change does not move an existing case's dates -----------------

use_store change
run padd -q --received-at 2017-03-21 --now 2017-03-21T10:00:00+08:00 --channel letter --unit 510802 --subject c </dev/null
is "$(rows accept_due)" "1|2017-04-05" "registered under the shipped policy: 2017-04-05"
run plist --policy "$WORK" </dev/null
is_rc 0 "listed under a working-day policy"
is "$(j .accept_due)" 2017-04-05 "accept_due is still 2017-04-05 (not 15 working days)"
run pshow --policy "$WORK" -f table 1 </dev/null
like "$OUT" '^accept_due +2017-04-05  \(received 2017-03-21 \+ 15 calendar days\)$' \
	"petition-show under the new policy still gives the old rule"
run p_assign --policy "$WORK" --accept --category enforcement --now 2017-04-05T10:00:00+08:00 1 </dev/null
is_rc 0 "accepted under the working-day policy"
# 60 working days from Wed 2017-04-05, with 清明, 劳动节, 端午 and the
# make-up days of 2017-05-27: 2017-06-30
is "$(j .accept_due)/$(j .reply_due)" 2017-04-05/2017-06-30 "accept_due kept; the new reply clock counts working days"
is "$(rule reply)" "accepted 2017-04-05 + 60 working days (holidays.conf)" "the reply rule says so"
run plist </dev/null
is "$(j .reply_due)" 2017-06-30 "back under the shipped policy, the reply due date stays"

# --- petition-show explains each date ----------------------------------------

use_store show
run padd -q --received-at 2017-03-21T09:30 --now 2017-03-21T10:00:00+08:00 --channel letter --unit 510802 --subject s </dev/null
run pshow -f table 1 </dev/null
is_rc 0 "petition-show -f table"
like "$OUT" '^accept_due +2017-04-05  \(received 2017-03-21 \+ 15 calendar days\)$' \
	"accept_due  2017-04-05  (received 2017-03-21 + 15 calendar days)"
p_assign -q --accept --category petition --now 2017-03-25 1 </dev/null
p_handle -q --reply x --now 2017-04-20 1 </dev/null
p_handle -q --deliver --now 2017-04-21 1 </dev/null
run pshow -f table 1 </dev/null
like "$OUT" '^reply_due +2017-05-24  \(accepted 2017-03-25 \+ 60 calendar days\)$' "reply_due with its rule"
like "$OUT" '^review_due +2017-05-21  \(delivered 2017-04-21 \+ 30 calendar days\)$' "review_due with its rule"
like "$OUT" '^accept +2017-03-21 +2017-04-05 +received 2017-03-21 \+ 15 calendar days +2017-03-25 00:00$' \
	"the deadlines table: the accept clock stopped at acceptance"
run pshow 1 </dev/null
is "$(j '.deadlines|length')" 3 "jsonl: three deadlines"
is "$(j '.deadlines[1].rule')" "accepted 2017-03-25 + 60 calendar days" "jsonl: each with its rule"

done_testing
