#!/bin/sh
# The lifecycle tools over a batch of cases from one pipe: every case gets
# its clocks, its next due and its event as one at a time would; one bad
# case refuses the batch, or under -k only itself; the morning run twice.
T_TOOLS="petition-assign petition-handle petition-escalate"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

N=${PETITION_BATCH_CASES:-120}     # fewer under valgrind (make check-valgrind)
export PETITION_NOW=2017-04-05T10:00:00+08:00

# N letters received on 2017-03-21, one JSON line each
batch() {
	i=0
	while [ $i -lt $N ]; do
		i=$((i + 1))
		printf '{"received_at":"2017-03-21T09:00:00+08:00","unit":"510802","channel":"letter","subject":"事由 %d"}\n' $i
	done
}
# facts FIELD...: the distinct FIELD|... of the cases, with how many have them
facts() { qlist --format jsonl </dev/null | t_case fields "$@" | LC_ALL=C sort | uniq -c | sed 's/^ *//' | paste -sd ' ' -; }

batch | run padd -q --input-format jsonl --now 2017-03-21T18:00:00+08:00; reload
is_rc 0 "$N cases registered"
BAD=$((N / 2))                      # the one declined, mid-batch
p_assign -q --decline --reason 重复 $BAD </dev/null
sum=$(dbsum)

# --- one bad case among many -------------------------------------------------

qlist | run p_assign --accept --category petition; reload
is_rc 4 "a declined case among $N: the batch refused"
is "$ERR" "petition-assign: line $BAD: GY-2017-$(printf %06d $BAD): only a registered case can be accepted (it is declined)" \
	"the refusal names its line"
is "$(dbsum)" "$sum" "nothing written"

qlist | run p_assign -n -k --accept --category petition; reload
is_rc 1 "-n -k: partly done"
is "$(lines "$OUT")" $((N - 1)) "the cases that would be accepted are printed"
is "$(dbsum)" "$sum" "-n writes nothing"

qlist | run p_assign -k -q --accept --category petition; reload
is_rc 1 "-k: the others accepted, exit 1"
is "$(lines "$ERR")" 1 "one refusal reported"
is "$(facts status category reply_due next_due next_clock)" \
	"$((N - 1)) accepted|petition|2017-06-04|2017-06-04|reply 1 declined|-|-|-|-" \
	"each accepted case: its reply due, and that as its next due"
is "$(nevents accept)" $((N - 1)) "an accept event each"
is "$(clocks 1)|$(clocks $N)" \
	"accept=2017-04-05T10:00:00+08:00 reply=open|accept=2017-04-05T10:00:00+08:00 reply=open" \
	"the first and the last: accept clock stopped, reply clock running"
is "$(history $((BAD - 1)) action details.reply_due details.unit | tail -n 1)" "accept|2017-06-04|510802" \
	"the event's details"

# --- the rest of the lifecycle over the batch -----------------------------------

qlist --status accepted | run p_handle -q --reply 已办理 --outcome explain \
	--now 2017-04-20T10:00:00+08:00; reload
is_rc 0 "reply to every accepted case"
is "$(facts status outcome next_due next_clock)" \
	"1 declined|-|-|- $((N - 1)) replied|explain|-|-" "replied: no duty clock left, no next due"
qlist --status replied | run p_handle -q --deliver --now 2017-04-21T10:00:00+08:00; reload
is_rc 0 "deliver every reply"
is "$(clocks 2)" \
	"accept=2017-04-05T10:00:00+08:00 reply=2017-04-20T10:00:00+08:00 review_request=open" \
	"the review window opened"
qlist --status delivered | run p_handle -q --close --now 2017-06-30T10:00:00+08:00; reload
is_rc 0 "close them after the review window"
is "$(facts status)" "$((N - 1)) closed 1 declined" "every delivered case closed"
is "$(nevents)" $((N + 1 + (N - 1) * 4)) "register and decline or accept, reply, deliver, close: an event each"

# --- the morning run, twice ------------------------------------------------------

use_store morning
batch | run padd -q --input-format jsonl --now 2017-03-21T18:00:00+08:00; reload
qlist | run p_assign -q --accept --category petition; reload
is_rc 0 "$N cases accepted"
run pesc --now 2017-06-10T08:00:00+08:00 --format jsonl </dev/null
is_rc 0 "the morning run: every reply overdue"
is "$(j .action | sort | uniq -c | sed 's/^ *//' | paste -sd ' ' -)" "$N supervise" \
	"a supervision each"
is "$(nevents supervise)" $N "and its event"
sum=$(dbsum)
run pesc --now 2017-06-10T09:00:00+08:00 --format jsonl </dev/null
is_rc 0 "the same morning again"
is "$(j .action | sort | uniq -c | sed 's/^ *//' | paste -sd ' ' -)" "" "nothing new to do"
is "$(dbsum)" "$sum" "nothing recorded"

done_testing
