#!/bin/sh
# Builds a sample database from share/petition/demo.csv and runs a pipeline.
# usage: demo.sh [DB]    (default demo/petition.db; run from the source tree)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
[ -x "$top/bin/petition-add" ] && PATH="$top/bin:$PATH"
db=${1:-demo/petition.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
export PETITION_DB="$db" PETITION_NOW=2017-06-01T09:00:00+08:00 PETITION_ACTOR=demo
export COLUMNS=${COLUMNS:-110}

step() { printf '\n$ %s\n' "$*"; }

step "petition-add --quiet < demo.csv"
petition-add --quiet < "$here/demo.csv"
echo "registered $(petition-list --format csv | tail -n +2 | grep -c '^"') cases into $db"

step "petition-list --unit 510800 --from 2017-05-01 --format table"
petition-list --unit 510800 --from 2017-05-01 --format table

step "petition-list --repeat --format table --header zh"
petition-list --repeat --format table --header zh

step "petition-list --overdue --now 2017-04-01 --unit 利州区 | petition-show --format table"
petition-list --overdue --now 2017-04-01 --unit 利州区 --limit 1 | petition-show --format table

step "petition-list --collective --format csv --bom --header zh > ${db%/*}/collective.csv"
petition-list --collective --format csv --bom --header zh > "${db%/*}/collective.csv"
echo "wrote ${db%/*}/collective.csv ($(wc -l < "${db%/*}/collective.csv") lines, Excel-ready)"

step "petition-list --status registered --unit 利州区 | petition-assign --now 2017-06-01 --accept --category petition --handler 李强"
petition-list --status registered --unit 利州区 |
	petition-assign --now 2017-06-01 --accept --category petition --handler 李强 --format table

step "petition-escalate --now 2017-06-05 --unit 510802 --format table     # the morning cron run"
petition-escalate --now 2017-06-05 --unit 510802 --format table

step "petition-report --unit 510800 --by unit --from 2017-03-01 --to 2017-05-31 --measures received,accepted,open,overdue_now,repeat,collective,backlog --format table"
petition-report --unit 510800 --by unit --from 2017-03-01 --to 2017-05-31 \
	--measures received,accepted,open,overdue_now,repeat,collective,backlog --format table

step "petition-report --now 2017-06-05 --unit 510800 --format html --header zh > ${db%/*}/report.html     # the director's page"
petition-report --now 2017-06-05 --unit 510800 --format html --header zh > "${db%/*}/report.html"
echo "wrote ${db%/*}/report.html ($(wc -c < "${db%/*}/report.html") bytes: open it in a browser, offline)"

county=${db%/*}/lizhou.db
rm -f "$county" "$county-wal" "$county-shm"
step "petition-unit --office 510800; petition-export --to 510802 > ${db%/*}/city-510802.jsonl     # to the county"
petition-unit --office 510800
petition-export --to 510802 > "${db%/*}/city-510802.jsonl"
echo "wrote ${db%/*}/city-510802.jsonl: $(head -1 "${db%/*}/city-510802.jsonl" | cut -c1-120)..."

step "petition-unit --db $county --office 510802; petition-import --db $county ${db%/*}/city-510802.jsonl"
petition-unit --db "$county" --office 510802
petition-import --db "$county" --format table "${db%/*}/city-510802.jsonl"
petition-list --db "$county" --status accepted --format table --limit 3
