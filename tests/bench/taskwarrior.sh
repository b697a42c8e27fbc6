# Sourced by run.sh: an outside anchor, when Debian's taskwarrior is
# installed. The first size's records (N) imported by petition-add and by
# `task import` (one task a case: its subject, received time, accept
# deadline, unit as project), then the overdue ones counted and exported
# by each, as of now (taskwarrior has no clock to fix).
# Targets: import 10x faster (0.1x the time), the overdue count 50x (0.02x).
if ! command -v task > /dev/null; then
	echo
	echo "taskwarrior: not installed (apt-get install taskwarrior), no anchor"
	return 0
fi
N=${SIZES%% *}
TW=$WORK/tw
mkdir -p "$TW"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\njson.array=on\nhooks=off\ngc=off\n' \
	"$TW" > "$TW/rc"
export TASKRC=$TW/rc
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
tdb=$WORK/tw.db

echo
echo "taskwarrior $(task --version) beside petition, $N records, overdue as of now"
printf '%-30s  %8s  %8s  %10s  %8s  %6s\n' work seconds "peak MB" "task s" "task MB" ratio
tw_row() {   # tw_row WORK SECS KB BASE BASE_KB
	awk -v w="$1" -v s="$2" -v kb="$3" -v b="$4" -v bk="$5" 'BEGIN {
		printf "%-30s  %8.2f  %8.1f  %10.2f  %8.1f  %6.2f\n", w, s, kb / 1024, b,
		    bk / 1024, (b > 0 ? s / b : 0) }'
}

rm -f "$tdb"*
measure "$ADD" --db "$tdb" --quiet --input-format jsonl --now "$NOW" < "$WORK/$N.jsonl"
ours=$SECS ours_kb=$KB
bin/petition-list --db "$tdb" --format jsonl --now "$now" | jq -c '{
	description: .subject, status: "pending", project: .unit, uuid: .uuid,
	entry: (.received_at | .[0:19] | strptime("%Y-%m-%dT%H:%M:%S") | mktime - 28800
	        | strftime("%Y%m%dT%H%M%SZ")),
	due: (.accept_due | gsub("-"; "") + "T000000Z")}' > "$TW/tasks.json"
measure task import "$TW/tasks.json" > /dev/null
tw_row "import" "$ours" "$ours_kb" "$SECS" "$KB"
result "import $N records, beside taskwarrior" "$ours" "$ours_kb" "$SECS" \
	"task import, same records" "0.1x"

measure task +OVERDUE count > "$WORK/tw.count"
tsecs=$SECS tkb=$KB
measure bin/petition-list --db "$tdb" --overdue --count --now "$now" > "$WORK/our.count"
[ "$(cat "$WORK/tw.count")" = "$(cat "$WORK/our.count")" ] ||
	echo "(the counts differ: task $(cat "$WORK/tw.count"), petition $(cat "$WORK/our.count"))"
tw_row "overdue count ($(cat "$WORK/our.count"))" "$SECS" "$KB" "$tsecs" "$tkb"
result "overdue count, beside taskwarrior" "$SECS" "$KB" "$tsecs" \
	"task +OVERDUE count" "0.02x"

measure task +OVERDUE export > /dev/null
tsecs=$SECS tkb=$KB
measure bin/petition-list --db "$tdb" --overdue --format jsonl --now "$now" > /dev/null
tw_row "overdue export" "$SECS" "$KB" "$tsecs" "$tkb"
rm -rf "$TW" "$tdb"* "$WORK/tw.count" "$WORK/our.count"
unset TASKRC
