# Sourced by the 03NN report tests: the seventeen known cases they all count.
# Needs lib.sh sourced first.

# --- the known cases -------------------------------------------------------
#
# Seventeen cases in 广元市 (510800) and five of its seven counties (none in
# 青川县 510822), as they stand on 2017-07-10 (the reports' --now):
#
#  #  unit    received (local)  channel   pollution    category     status       notes
#  1  510802  01-31 10:00       letter    air          enforcement  delivered    replied 03-01 (due 04-02): on time; rated satisfied
#  2  510800  01-31 11:00       mailbox   ecology      petition     replied      replied 02-20 (due 04-02): on time
#  3  510802  01-31 23:30       hotline   water        litigation   declined
#  4  510800  02-28 23:30       web       noise        enforcement  reviewing    at 510811 until the review sent it up to the city;
#                                                                                replied 05-10, due 04-30: late; rated unsatisfied;
#                                                                                review due 07-01: overdue; backlog (06-20)
#  5  510802  03-01 09:00       hotline   noise        enforcement  replied      repeat of 1 (same phone); extended to 05-31,
#                                                                                replied 05-31 23:30: on time; basically_satisfied
#  6  510812  03-25 09:00       media     other        petition     accepted     reply due 05-25: overdue; backlog (07-03)
#  7  510823  03-30 10:00       letter    water        -            transferred  to 广元市水利局
#  8  510821  03-31 23:30       wechat    solid_waste  -            registered   accept due 04-15: overdue; backlog (07-03)
#  9  510821  04-01 00:10       visit     air          -            registered   = 2017-03-31T16:10Z; headcount 6: collective;
#                                                                                accept due 04-16: overdue; backlog (07-03)
# 10  510824  04-10 10:00       letter    -            -            registered   accept due 04-25: overdue
# 11  510802  04-20 10:00       transfer  air          petition     accepted     risk; reply due 06-20: overdue
# 12  510811  05-05 10:00       other     soil         enforcement  accepted     reply due 07-05: overdue
# 13  510811  05-10 10:00       letter    water        enforcement  replied      due 07-09, replied 07-10 00:30 local
#                                                                                (07-09T16:30Z): late
# 14  510812  06-25 10:00       web       noise        -            registered   accept due 07-10 (today: not overdue)
# 15  510824  06-27 10:00       hotline   water        -            registered   accept due 07-12
# 16  510800  06-28 10:00       letter    air          -            registered   accept due 07-13
# 17  510823  06-29 10:00       letter    noise        -            registered   accept due 07-14; repeat of 12 (same accused)
#
# petition-escalate runs on 2017-06-20 07:00 local (2017-06-19T23:00Z) and
# on 2017-07-03 07:30 local: supervisions (督办) on 06-20 of 6 (reply), 8, 9,
# 10 (accept); backlog (积案) of 4 (open since 02-28, and under review) on
# 06-20; on 07-03 supervision of 11 (reply) and 4 (review), backlog of 6, 8,
# 9 (more than 90 days open). Case 10 (04-10) is only 84 days old on 07-03.

p_assign() { "$PETITION_BIN/petition-assign" "$@"; }
p_handle() { "$PETITION_BIN/petition-handle" "$@"; }
p_review() { "$PETITION_BIN/petition-review" "$@"; }
pesc()     { "$PETITION_BIN/petition-escalate" "$@"; }
prep()     { "$PETITION_BIN/petition-report" "$@"; }

# an 18-character ID number with its check digit, for the personal data
ID1=$("$PYTHON" -c '
b = "51080219900101123"
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print(b + "10X98765432"[sum(int(c) * x for c, x in zip(b, w)) % 11])')

# mk RECEIVED UNIT CHANNEL NAME PHONE [FIELD OPTIONS]: registers one case at
# the moment it is received, quietly
mk() {
	t_r=$1 t_u=$2 t_c=$3 t_n=$4 t_p=$5; shift 5
	"$PETITION_BIN/petition-add" -q --now "$t_r" --received-at "$t_r" --unit "$t_u" --channel "$t_c" \
		--subject "事由" --petitioner-name "$t_n" --petitioner-phone "$t_p" "$@" </dev/null ||
		diag "set-up failed: petition-add $t_r $t_u"
}
# step TOOL TIME ARGS...: a set-up step at TIME that must succeed (quietly)
step() {
	t_tool=$1 t_at=$2; shift 2
	"$t_tool" -q --now "$t_at" "$@" </dev/null || diag "set-up failed: $t_tool --now $t_at $*"
}
setup_cases() {
	mk 2017-01-31T10:00:00+08:00 510802 letter 张三 13800000001 --pollution-type air --accused 甲化工厂 \
		--petitioner-address 四川省广元市利州区东坝街道1号 --petitioner-id-number "$ID1"
	mk 2017-01-31T11:00:00+08:00 510800 mailbox 李小四 13800000002 --pollution-type ecology --accused 乙公司
	mk 2017-01-31T23:30:00+08:00 510802 hotline 王五 13800000003 --pollution-type water --accused 丙厂
	mk 2017-02-28T23:30:00+08:00 510811 web 赵六 13800000004 --pollution-type noise --accused 丁厂
	mk 2017-03-01T09:00:00+08:00 510802 hotline 张三 13800000001 --pollution-type noise --accused 戊厂
	mk 2017-03-25T09:00:00+08:00 510812 media 孙七 13800000006 --pollution-type other --accused 己矿
	mk 2017-03-30T10:00:00+08:00 510823 letter 郑十 13800000009 --pollution-type water --accused 壬厂
	mk 2017-03-31T23:30:00+08:00 510821 wechat 周八 13800000007 --pollution-type solid_waste --accused 庚厂
	mk 2017-03-31T16:10:00Z 510821 visit 吴九 13800000008 --pollution-type air --accused 辛厂 --headcount 6
	mk 2017-04-10T10:00:00+08:00 510824 letter 钱十一 13800000010
	mk 2017-04-20T10:00:00+08:00 510802 transfer 陈十二 13800000011 --pollution-type air --accused 癸厂 --risk
	mk 2017-05-05T10:00:00+08:00 510811 other 林十三 13800000012 --pollution-type soil --accused 子厂
	mk 2017-05-10T10:00:00+08:00 510811 letter 徐十八 13800000017 --pollution-type water
	mk 2017-06-25T10:00:00+08:00 510812 web 何十四 13800000013 --pollution-type noise
	mk 2017-06-27T10:00:00+08:00 510824 hotline 罗十五 13800000014 --pollution-type water
	mk 2017-06-28T10:00:00+08:00 510800 letter 高十六 13800000015 --pollution-type air
	mk 2017-06-29T10:00:00+08:00 510823 letter 梁十七 13800000016 --pollution-type noise --accused 子厂

	step p_assign 2017-02-01T10:00:00+08:00 --accept --category enforcement 1   # reply due 04-02
	step p_assign 2017-02-01T10:00:00+08:00 --accept --category petition 2      # reply due 04-02
	step p_handle 2017-02-20T10:00:00+08:00 --reply 答复 --outcome explain 2
	step p_handle 2017-03-01T10:00:00+08:00 --reply 答复 --outcome support 1
	step p_handle 2017-03-02T10:00:00+08:00 --deliver 1
	step p_handle 2017-03-03T10:00:00+08:00 --rate satisfied 1
	step p_assign 2017-02-05T10:00:00+08:00 --decline --reason 属于行政复议事项 --category litigation 3
	step p_assign 2017-03-01T10:00:00+08:00 --accept --category enforcement 4   # reply due 04-30
	step p_handle 2017-05-10T10:00:00+08:00 --reply 答复 --outcome reject 4
	step p_handle 2017-05-25T10:00:00+08:00 --deliver 4
	step p_handle 2017-05-26T10:00:00+08:00 --rate unsatisfied 4
	step p_review 2017-06-01T10:00:00+08:00 --request review 4                  # review due 07-01
	step p_assign 2017-03-02T10:00:00+08:00 --accept --category enforcement 5   # reply due 05-01
	step p_handle 2017-04-20T10:00:00+08:00 --extend 30 --reason 案情复杂 5       # reply due 05-31
	step p_handle 2017-05-31T23:30:00+08:00 --reply 答复 --outcome support 5
	step p_handle 2017-06-01T10:00:00+08:00 --rate basically_satisfied 5
	step p_assign 2017-03-26T10:00:00+08:00 --accept --category petition --leader '黄"局长"' 6  # reply due 05-25
	step p_assign 2017-03-31T10:00:00+08:00 --transfer --to 广元市水利局 --reason 请向水利部门反映 7
	step p_assign 2017-04-05T10:00:00+08:00 --leader 黄局长 8
	step p_assign 2017-04-21T10:00:00+08:00 --accept --category petition --handler '刘,科员' 11  # reply due 06-20
	step p_assign 2017-05-06T10:00:00+08:00 --accept --category enforcement 12  # reply due 07-05
	step p_assign 2017-05-10T15:00:00+08:00 --accept --category enforcement 13  # reply due 07-09
	pesc --now 2017-06-20T07:00:00+08:00 </dev/null >/dev/null || diag "set-up failed: petition-escalate 06-20"
	pesc --now 2017-07-03T07:30:00+08:00 </dev/null >/dev/null || diag "set-up failed: petition-escalate 07-03"
	step p_handle 2017-07-10T00:30:00+08:00 --reply 答复 --outcome explain 13
}
# caselist FORMAT: every case as petition-list prints it, FORMAT (a Python
# format string of its fields, "{id}:{status}") filled in, the cases joined
# by blanks; "-" for null, 1 and 0 for true and false
caselist() {
	qlist --format jsonl </dev/null | "$PYTHON" -c '
import json, sys
show = lambda v: "-" if v is None else int(v) if isinstance(v, bool) else v
print(" ".join(sys.argv[1].format_map({k: show(v) for k, v in json.loads(l).items()})
               for l in sys.stdin if l.strip()))
' "$1"
}
# check_setup: one assertion that the cases stand as the table above says
check_setup() {
	is "$(caselist '{id}:{unit}:{status}:{reply_due}:{extended}{backlog}{collective}{risk}:{repeat_of}')" \
"1:510802:delivered:2017-04-02:0000:- 2:510800:replied:2017-04-02:0000:- 3:510802:declined:-:0000:- \
4:510800:reviewing:2017-04-30:0100:- 5:510802:replied:2017-05-31:1000:GY-2017-000001 \
6:510812:accepted:2017-05-25:0100:- 7:510823:transferred:-:0000:- 8:510821:registered:-:0100:- \
9:510821:registered:-:0110:- 10:510824:registered:-:0000:- 11:510802:accepted:2017-06-20:0001:- \
12:510811:accepted:2017-07-05:0000:- 13:510811:replied:2017-07-09:0000:- 14:510812:registered:-:0000:- \
15:510824:registered:-:0000:- 16:510800:registered:-:0000:- 17:510823:registered:-:0000:GY-2017-000012" \
		"set-up: the seventeen cases stand as planned"
}

NOW=2017-07-10T09:00:00+08:00
