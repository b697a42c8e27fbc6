#!/bin/sh
# petition-report --format html: the director's page over the seventeen
# known cases (report-cases.sh) as of 2017-07-10: one self-contained file
# (no script, no request: a Content-Security-Policy of none, charts as
# inline SVG), each chart followed by its numbers as a table, and each
# table's numbers those of the same report as JSON Lines (the overdue ages
# in working days worked out by hand); the same store and --now give the
# same bytes; a province's year stays under 200 KB; text from petitioners
# is escaped; what is refused. Then headless Chromium: the page renders
# without a console message, its DOM holds every table number, and its
# screenshot matches tests/t/data/report-page.png (T_UPDATE_REF=1 writes it).
# With PETITION_BIG_TESTS (not in the valgrind pass), a long list: memory
# stays near that of the CSV of the same list.
T_TOOLS="petition-report petition-list petition-unit"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report-cases.sh"

HPY=
for t_py in "$PYTHON" /usr/bin/python3 python3; do
	if "$t_py" -c 'import html.parser' 2>/dev/null; then HPY=$t_py; break; fi
done
CHECK="$T_ROOT/tests/t/htmlcheck.py"
REF="$T_ROOT/tests/t/data/report-page.png"
Q=${PETITION_PROBE_BIN:-$PETITION_BIN}
# py PAGE <<EOF: python with the checker's functions, the page read (P), its
# path (PAGE) and ARGS; output in $T_DIR/probe
py() {
	t_page=$1; shift
	{ printf 'import sys, json\nsys.path.insert(0, "%s")\nfrom htmlcheck import *\n' "$T_ROOT/tests/t"
	  printf 'PAGE = sys.argv[1]\nARGS = sys.argv[2:]\nP = read(PAGE)\n'
	  printf 'def jl(path):\n    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]\n'
	  cat; } >"$T_DIR/probe.py"
	"$HPY" "$T_DIR/probe.py" "$t_page" "$@" >"$T_DIR/probe" 2>&1
}
# ref FILE ARGS...: petition-report as JSON Lines by the native tool
ref() { t_f=$1; shift; "$Q/petition-report" --now "$NOW" --format jsonl "$@" </dev/null >"$T_DIR/$t_f"; }

setup_cases
check_setup
PAGE=$T_DIR/page.html
run prep --now "$NOW" --format html --header zh </dev/null
cp "$T_DIR/out" "$PAGE"
is_rc 0 "petition-report --format html: exit 0"
is "$(head -n 1 "$PAGE")" "<!DOCTYPE html>" "a page: the HTML5 doctype first"
py "$PAGE" <<'EOF'
print(P["scripts"], len(P["links"]), json.dumps(P["csp"], ensure_ascii=False))
print(" | ".join("%s:%d" % (s["title"], s["svgs"]) for s in P["sections"]))
EOF
is "$(cat "$T_DIR/probe")" "0 0 [\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"]
每月收件（按渠道）:1 | 各单位收件（区县计入所在市）:1 | 各单位及时受理率与按期办结率:1 | 超期案件（按超期工作日）:1 | 每月重复信访与集体访:1 | 各单位参评率与满意率:1 | 积案及包案领导:0" \
	"no script, no src or href at all, one CSP that allows no request; seven sections, a chart over each but the backlog list"
lacks "$(tr 'A-Z' 'a-z' <"$PAGE")" "<script" "no <script in any case"
contains "$(cat "$PAGE")" '<h1>环境信访工作报告 2017-01-01 至 2017-07-10</h1>' "the title names the period: from the first of the year to today"

# --- each table's numbers: those of the same report as JSON Lines ---------
ref month.jsonl --from 2017-01-01 --to 2017-07-10 --by month,channel --measures received
py "$PAGE" "$T_DIR/month.jsonl" <<'EOF'
t = table(P, "每月收件（按渠道）")
codes = ["letter", "visit", "hotline", "web", "wechat", "weibo", "mailbox", "transfer", "media", "other"]
want = {}
for r in jl(ARGS[0]):
    want.setdefault(r["month"], {})[r["channel"]] = r["received"]
got = {row[0]: row[1:] for row in t[1:]}
bad = [m for m in want if got.get(m) != [str(want[m][c]) for c in codes] + [str(sum(want[m].values()))]]
print(len(t) - 1, sorted(got) == sorted(want), bad, t[0][-1])
EOF
is "$(cat "$T_DIR/probe")" "7 True [] 合计" "cases per month by channel: a row for every month (zeros included), each channel's count and the total as the report's"
ref city.jsonl --level city --from 2017-01-01 --to 2017-07-10 --measures received,repeat,collective
py "$PAGE" "$T_DIR/city.jsonl" <<'EOF'
t = table(P, "各单位收件（区县计入所在市）")
print(t[1:] == [[r["unit"], r["unit_name"], str(r["received"]), str(r["repeat"]), str(r["collective"])] for r in jl(ARGS[0])], t[1:])
EOF
is "$(cat "$T_DIR/probe")" "True [['510800', '广元市生态环境局', '17', '2', '1']]" "cases by unit: the city counting its counties (--level city)"
ref rates.jsonl --from 2017-01-01 --to 2017-07-10 --measures on_time_rate,on_time_acceptance_rate,rated_rate,satisfied_rate
py "$PAGE" "$T_DIR/rates.jsonl" <<'EOF'
pc = lambda v: "" if v is None else "%.1f%%" % (float(v) * 100)
rows = jl(ARGS[0])
a = table(P, "各单位及时受理率与按期办结率")[1:] == [[r["unit"], r["unit_name"], pc(r["on_time_rate"]), pc(r["on_time_acceptance_rate"])] for r in rows]
b = table(P, "各单位参评率与满意率")[1:] == [[r["unit"], r["unit_name"], pc(r["satisfied_rate"]), pc(r["rated_rate"])] for r in rows]
print(a, b, len(rows), " ".join("%s:%s/%s" % (r["unit"], pc(r["on_time_acceptance_rate"]), pc(r["on_time_rate"])) for r in rows[2:6]))
EOF
is "$(cat "$T_DIR/probe")" "True True 10 510800:100.0%/60.0% 510802:100.0%/100.0% 510811:100.0%/0.0% 510812:100.0%/" \
	"on-time and rating rates: every unit a row (a rate over nothing empty), as the report's"
contains "$(cat "$PAGE")" '目标 90.0%' "the on-time chart draws the policy's target (on_time_target = 90)"
py "$PAGE" <<'EOF'
print(table(P, "超期案件（按超期工作日）"))
EOF
# by hand, working days after the due date up to Monday 07-10 (2017: the
# Dragon Boat holiday 05-29 and 05-30, Saturday 05-27 worked): case 12's
# reply (due 07-05) 3; 4's review (07-01) 6; 11's reply (06-20) 14; 6's
# reply (05-25) 31; 8, 9, 10's accept (04-15, 04-16, 04-25) more than 30
is "$(cat "$T_DIR/probe")" "[['超期工作日', '超期数'], ['1-5个工作日', '1'], ['6-15个工作日', '2'], ['16-30个工作日', '0'], ['30个工作日以上', '4']]" \
	"overdue clocks by working days late, the empty bucket a zero"
ref month2.jsonl --from 2017-01-01 --to 2017-07-10 --by month --measures repeat,collective
py "$PAGE" "$T_DIR/month2.jsonl" <<'EOF'
print(table(P, "每月重复信访与集体访")[1:] == [[r["month"], str(r["repeat"]), str(r["collective"])] for r in jl(ARGS[0])])
EOF
is "$(cat "$T_DIR/probe")" "True" "repeat and collective petitions per month, as the report's"
"$Q/petition-report" --now "$NOW" --backlog --format jsonl </dev/null >"$T_DIR/backlog.jsonl"
py "$PAGE" "$T_DIR/backlog.jsonl" <<'EOF'
t = table(P, "积案及包案领导")
print(t[0][:3], [(r[0], r[2]) for r in t[1:]] == [(r["case_no"], r["leader"] or "") for r in jl(ARGS[0])], len(t) - 1)
EOF
is "$(cat "$T_DIR/probe")" "['信访件编号', '单位', '包案领导'] True 4" "the backlog cases (4, 6, 8, 9) with their lead leaders"

# --- the same bytes; a county's page ----------------------------------------
run prep --now "$NOW" --format html --header zh </dev/null
ok "the same store and --now: the same bytes" cmp -s "$T_DIR/out" "$PAGE"
run prep --now "$NOW" --format html --unit 510802 --from 2017-03-01 </dev/null
is_rc 0 "a county's page: exit 0"
py "$T_DIR/out" <<'EOF'
print(table(P, "cases by unit"), P["sections"][0]["title"], len(table(P, "cases per month by channel")) - 1)
EOF
is "$(cat "$T_DIR/probe")" "[['unit', 'unit_name', 'received', 'repeat', 'collective'], ['510802', '利州区', '2', '1', '0']] cases per month by channel 5" \
	"a county's own page: the county itself (no city above it), English headers, March to July"

# --- a province's year: under 200 KB ----------------------------------------
PROV=$T_DIR/prov.db
printf 'code,name,level,parent\n100000,生态环境部,national,\n' >"$T_DIR/national.csv"
{ "$Q/petition-unit" --db "$PROV" --load "$T_DIR/national.csv" &&
  "$Q/petition-unit" --db "$PROV" --load "$PETITION_SHARE/units-sichuan.csv"; } </dev/null >/dev/null ||
	diag "set-up failed: the province's units"
NUNITS=$("$Q/petition-unit" --db "$PROV" --format jsonl </dev/null | wc -l | tr -d ' ')
run "$PETITION_BIN/petition-report" --db "$PROV" --now 2017-12-31T18:00:00+08:00 --format html --header zh --unit 510000 </dev/null
is_rc 0 "the province's page: exit 0"
SIZE=$(wc -c <"$T_DIR/out" | tr -d ' ')
ok "a province's year ($NUNITS units, every one a row): $SIZE bytes, under 200 KB" \
	test "$SIZE" -lt 204800 -a "$NUNITS" -gt 150
py "$T_DIR/out" <<'EOF'
t = table(P, "各单位及时受理率与按期办结率")
s = [x for x in P["sections"] if x["title"] == "各单位及时受理率与按期办结率"][0]
print(len(t) - 1, t[1][1], s["svgs"], s["bars"] > 0)
EOF
is "$(cat "$T_DIR/probe")" "21 成都市 1 True" "a province's rates: its 21 cities, each counting its counties (more units than a chart shows)"

# --- other tools and modes: a section per table --------------------------
run prep --now "$NOW" --overdue --format html </dev/null
py "$T_DIR/out" <<'EOF'
print(len(P["sections"]), P["sections"][0]["title"], len(P["sections"][0]["tables"][0]) - 1, P["sections"][0]["svgs"])
EOF
is "$RC:$(cat "$T_DIR/probe")" "0:1 overdue 7 0" "--overdue --format html: one section, a row for each of the 7 overdue clocks, no chart"
run prep --now "$NOW" --daily 2017-07-03 --format html --header zh </dev/null
py "$T_DIR/out" <<'EOF'
print(" ".join("%s:%d" % (s["title"], len(s["tables"][0]) - 1) for s in P["sections"]))
EOF
is "$RC:$(cat "$T_DIR/probe")" "0:零报告:10 新增集体访:0 新增风险:0 新增积案:3" "a zero report as a page: its table and its three lists, an empty one with its header"
contains "$OUT" '<p class="empty">无</p>' "an empty list says so"

# --- what is refused (a missing TMPDIR by the native tool: valgrind needs one) ---
run prep --now "$NOW" --format html --by unit </dev/null
is "$RC:$ERR" "2:petition-report: --format html: the page has its own tables: not with --by, --measures or --level" "the page with --by: exit 2"
run prep --now "$NOW" --overdue --level city </dev/null
is "$RC:$ERR" "2:petition-report: --level does not go with a list" "--level with a list: exit 2"
run prep --now "$NOW" --level town </dev/null
is "$RC:$ERR" '2:petition-report: --level: "town" is not one of national, province, city, county' "an unknown level: exit 2"
run plist --count --format html </dev/null
is "$RC:$ERR" "2:petition-list: --count prints text, not a table: not with --format html" "a count is text: not a page"
RC=0; prep --now "$NOW" --format html </dev/null >/dev/full 2>"$T_DIR/err" || RC=$?
is "$RC:$(cat "$T_DIR/err")" "5:petition-report: stdout: No space left on device" "a page that cannot be written: exit 5, the error named"
RC=0; TMPDIR=$T_DIR/no-such-dir "$Q/petition-report" --now "$NOW" --format html </dev/null >"$T_DIR/out" 2>"$T_DIR/err" || RC=$?
is "$RC:$(wc -c <"$T_DIR/out" | tr -d ' ')" "5:0" "no temporary directory: exit 5, nothing written"
like "$(cat "$T_DIR/err")" "html: temporary file in .*/no-such-dir: No such file or directory" "the message names the directory"

# --- a petitioner's text is text ------------------------------------------------
printf '%s\n' '{"received_at":"2017-07-10T08:00:00+08:00","channel":"web","unit":"510802","petitioner_name":"张三","petitioner_phone":"13812345678","subject":"</td></table><script>alert(1)</script> & <img src=x onerror=alert(2)>","content":"<b>重</b>","accused":"\"><svg onload=alert(3)>","pollution_type":"air"}' |
	padd -q --now "$NOW" || diag "set-up failed: the hostile case"
run plist --format html --status registered </dev/null
py "$T_DIR/out" <<'EOF'
t = P["sections"][0]["tables"][0]
col = t[0].index("subject")
row = [r for r in t[1:] if "alert(1)" in r[col]][0]
print(P["scripts"], len(P["links"]), row[col], row[t[0].index("accused")], row[t[0].index("petitioner_phone")])
EOF
is "$RC:$(cat "$T_DIR/probe")" '0:0 0 </td></table><script>alert(1)</script> & <img src=x onerror=alert(2)> "><svg onload=alert(3)> 138****5678' \
	"markup from a petitioner is shown as text (escaped, no element made of it); the phone masked"
contains "$OUT" "<td>&lt;b&gt;重&lt;/b&gt;</td>" "escaped as the page's text"

# --- headless Chromium ---------------------------------------------------------
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROME" ] && [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import PIL' 2>/dev/null; then
	# chrome ARGS... FILE: headless, with its own profile; its log in chrome.err
	chrome() {
		HOME=$T_DIR "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars \
			--no-first-run --user-data-dir="$T_DIR/chrome" --enable-logging=stderr --v=0 \
			--lang=zh-CN "$@" 2>"$T_DIR/chrome.err"
	}
	console() { grep -c ':CONSOLE' "$T_DIR/chrome.err"; }
	printf '%s\n' "$(sed 's|<h1>|<img src="http://127.0.0.1:9/x.png"><h1>|' "$PAGE")" >"$T_DIR/control.html"
	chrome --dump-dom "file://$T_DIR/control.html" >/dev/null
	t_control=$(console)
	chrome --dump-dom "file://$PAGE" >"$T_DIR/dom.html"
	is "$(console):$t_control" "0:1" "Chromium renders the page without a console message (a page that makes a request logs one)"
	/usr/bin/python3 - "$T_DIR/dom.html" "$PAGE" >"$T_DIR/probe" 2>&1 <<EOF
import sys, re
sys.path.insert(0, "$T_ROOT/tests/t")
from htmlcheck import read
dom, page = read(sys.argv[1]), read(sys.argv[2])
nums = lambda p: [c for s in p["sections"] for t in s["tables"] for r in t for c in r if re.fullmatch(r"[0-9.]+%?", c)]
print(len(nums(page)) > 100, nums(dom) == nums(page), [s["tables"] for s in dom["sections"]] == [s["tables"] for s in page["sections"]])
EOF
	is "$(cat "$T_DIR/probe")" "True True True" "Chromium's DOM holds every table and every number of the page"
	chrome --window-size=800,3500 --screenshot="$T_DIR/shot.png" "file://$PAGE" >/dev/null
	if [ "${T_UPDATE_REF:-0}" = 1 ]; then cp "$T_DIR/shot.png" "$REF"; fi
	run /usr/bin/python3 "$CHECK" compare "$REF" "$T_DIR/shot.png" 0.005
	is "$RC:$OUT" "0:" "the screenshot matches tests/t/data/report-page.png (at most 0.5% of its pixels off)"
	/usr/bin/python3 -c 'from PIL import Image, ImageDraw; import sys
im = Image.open(sys.argv[1]); ImageDraw.Draw(im).rectangle((100, 200, 500, 400), fill="black"); im.save(sys.argv[2])' \
		"$T_DIR/shot.png" "$T_DIR/spoilt.png"
	run /usr/bin/python3 "$CHECK" compare "$REF" "$T_DIR/spoilt.png" 0.005
	is "$RC" 1 "a screenshot with a block painted over does not match"
	chrome --print-to-pdf="$T_DIR/page.pdf" --no-pdf-header-footer "file://$PAGE" >/dev/null
	like "$(grep -a -o '/MediaBox \[[^]]*\]' "$T_DIR/page.pdf" | sort -u)" '^/MediaBox \[0 0 59[45]\.[0-9]* 84[12]\.[0-9]*\]$' \
		"printed, every page is A4 (595 x 842 points)"
else
	for t_i in 1 2 3 4 5; do T_N=$((T_N + 1)); echo "ok $T_N # skip chromium or python3-pil is not installed"; done
fi
# --- a long list: memory flat (not in the valgrind pass) -----------------------
if [ "${PETITION_BIG_TESTS:-1}" = 1 ]; then
	long_list
	CSV_KB=$(list_peak csv) HTML_KB=$(list_peak html)
	note "5000 cases: peak $CSV_KB kB as CSV, $HTML_KB kB as html, $(wc -c <"$T_DIR/big.html") bytes"
	ok "html of 5000 cases: peak memory within 8 MB of the CSV's ($HTML_KB kB, $CSV_KB kB)" \
		test "$HTML_KB" -le $((CSV_KB + 8192))
	py "$T_DIR/big.html" <<'EOF'
print(len(P["sections"]), len(P["sections"][0]["tables"][0]) - 1)
EOF
	is "$(cat "$T_DIR/probe")" "1 5000" "every case a row of one section"
else
	for t_i in 1 2; do T_N=$((T_N + 1)); echo "ok $T_N # skip PETITION_BIG_TESTS=0: the long list"; done
fi
done_testing
