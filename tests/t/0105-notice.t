#!/bin/sh
# petition-notice: the written notices of each decision, masking, custom
# templates and their errors.
T_TOOLS="petition-notice"   # the tools this test is about (see lib.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lifecycle.sh"

# mk SUBJECT [FIELD OPTIONS]: registers one case received 2017-03-21 09:30 at 利州区
mk() {
	t_s=$1; shift
	padd -q --now 2017-03-21T10:00:00+08:00 --received-at 2017-03-21T09:30 --unit 510802 \
		--channel letter --subject "$t_s" --petitioner-name 张三 --petitioner-phone 13812345678 \
		"$@" </dev/null || diag "mk $t_s: petition-add failed"
}
# common KIND CASE_NO: what every notice has
common() {
	contains "$OUT" "编号：$2" "$1: the case number"
	contains "$OUT" "张*：" "$1: the petitioner's name, masked"
	lacks "$OUT" "张三" "$1: not the full name"
	lacks "$OUT" "{{" "$1: no placeholder left"
}

mk '某化工厂夜间排放刺鼻气体'                            # 1 accept, extend, reply, review, rereview
mk '工地噪声扰民' --accused 某建筑公司                    # 2 decline (litigation)
mk '河道采砂'                                             # 3 transfer to another agency
mk '养殖场污水'                                           # 4 transfer to 昭化区
mk '邻里纠纷'                                             # 5 decline (out_of_scope)
mk '其他事项'                                             # 6 decline without a category

p_assign -q --accept --category enforcement --now 2017-04-05T10:00:00+08:00 1 </dev/null
p_assign -q --decline --reason '该事项已进入行政复议程序' --category litigation --now 2017-03-28 2 </dev/null
p_assign -q --transfer --to 广元市水利局 --reason '河道采砂属水利部门职责，请与其联系。' --now 2017-03-24 3 </dev/null
p_assign -q --transfer --to 510811 --now 2017-03-24 4 </dev/null
p_assign -q --decline --reason '属于民事纠纷' --category out_of_scope --to 利州区司法局 --now 2017-03-28 5 </dev/null
p_assign -q --decline --reason '不属于信访事项' --now 2017-03-28 6 </dev/null
p_handle -q --extend 15 --reason '需要委托监测' --now 2017-05-20 1 </dev/null
p_handle -q --reply '经现场监测，该厂废气超标排放，已责令停产整改。' --outcome support --now 2017-06-10 1 </dev/null
p_handle -q --deliver --now 2017-06-11 1 </dev/null
p_review -q --request review --now 2017-06-20 1 </dev/null
p_review -q --decide --result upheld --text '原处理意见正确，予以维持。' --now 2017-07-10 1 </dev/null
p_review -q --request rereview --now 2017-07-15 1 </dev/null
p_review -q --decide --result changed --text '变更为：责令该厂限期搬迁。' --now 2017-08-01 1 </dev/null
is "$(rows status)" \
	"1|final 2|declined 3|transferred 4|registered 5|declined 6|declined" "set up: the cases went through their decisions"
sum=$(dbsum)

# --- --list ---------------------------------------------------------------------

run p_notice --list </dev/null
is_rc 0 "--list"
is "$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ')" "accept decline transfer extend reply review rereview " \
	"the seven kinds, in order"
contains "$OUT" "受理告知书" "with their titles"

# --- each kind ------------------------------------------------------------------

run p_notice --kind accept GY-2017-000001 </dev/null
is_rc 0 "accept notice"
is "$ERR" "" "nothing on stderr"
common accept GY-2017-000001
contains "$OUT" "信访事项受理告知书" "accept: its title"
contains "$OUT" "您于2017-03-21通过来信反映的“某化工厂夜间排放刺鼻气体”一事" "accept: received date, channel and subject"
contains "$OUT" "本机关已于2017-04-05依法受理（业务类）" "accept: the date of acceptance and the category"
contains "$OUT" "利州区
2017-04-05" "accept: signed by the accepting unit, dated the decision"
# the acceptance promised a reply by 2017-06-04 (accepted 2017-04-05 + 60);
# a copy printed later must say what was decided then, not the date after
# the extension granted on 2017-05-20
contains "$OUT" "并将于2017-06-04前作出处理意见" "accept: the reply date told at acceptance (2017-06-04)"

run p_notice --kind decline 2 </dev/null
is_rc 0 "decline notice (litigation)"
common decline GY-2017-000002
contains "$OUT" "信访事项不予受理告知书" "decline: its title"
contains "$OUT" "理由：该事项已进入行政复议程序" "decline: the reason"
contains "$OUT" "您可以依法申请行政复议或者提起行政诉讼。" "decline: the avenue for litigation"
contains "$OUT" "2017-03-28" "decline: the date of the decision"

run p_notice --kind decline 5 </dev/null
is_rc 0 "decline notice (out_of_scope)"
contains "$OUT" "理由：属于民事纠纷" "decline: the reason"
contains "$OUT" "您可以向利州区司法局提出。" "decline: the avenue names the competent department"

run p_notice --kind decline 6 </dev/null
is_rc 0 "decline notice without a category"
contains "$OUT" "理由：不属于信访事项" "decline: the reason"
lacks "$OUT" "您可以。" "decline without a category: no empty avenue sentence (您可以。)"
contains "$OUT" "理由：不属于信访事项

特此告知。" "decline without a category: the reason names the avenue, no empty paragraph"

run p_notice --kind transfer 3 </dev/null
is_rc 0 "transfer notice (another agency)"
common transfer GY-2017-000003
contains "$OUT" "本机关已于2017-03-24将其转送广元市水利局办理" "transfer: date and agency"
contains "$OUT" "河道采砂属水利部门职责，请与其联系。" "transfer: the reason"

run p_notice --kind transfer 4 </dev/null
is_rc 0 "transfer notice (a known unit)"
contains "$OUT" "将其转送昭化区办理" "transfer: the unit's name, not its code"
contains "$OUT" "利州区
2017-03-24" "transfer: signed by the unit that transferred it"

run p_notice --kind extend 1 </dev/null
is_rc 0 "extend notice"
common extend GY-2017-000001
contains "$OUT" "因需要委托监测" "extend: the reason"
contains "$OUT" "办理期限延长15日" "extend: the days"
contains "$OUT" "延期后将于2017-06-19前书面答复您" "extend: the new reply date (2017-06-04 + 15)"

run p_notice --kind reply 1 </dev/null
is_rc 0 "reply notice"
common reply GY-2017-000001
contains "$OUT" "经现场监测，该厂废气超标排放，已责令停产整改。" "reply: the reply text"
contains "$OUT" "处理意见：支持" "reply: the outcome's name"
contains "$OUT" "利州区
2017-06-10" "reply: signed and dated"

run p_notice --kind review 1 </dev/null
is_rc 0 "review notice"
common review GY-2017-000001
contains "$OUT" "决定维持原处理意见" "review: the result"
contains "$OUT" "原处理意见正确，予以维持。" "review: the text"
contains "$OUT" "广元市生态环境局
2017-07-10" "review: signed by the reviewing (city) unit"

run p_notice --kind rereview 1 </dev/null
is_rc 0 "rereview notice"
common rereview GY-2017-000001
contains "$OUT" "决定撤销或者变更原处理意见" "rereview: the result"
contains "$OUT" "变更为：责令该厂限期搬迁。" "rereview: the text"
contains "$OUT" "本复核意见为终结意见" "rereview: says it is final"
contains "$OUT" "四川省生态环境厅
2017-08-01" "rereview: signed by the province"

# --- personal data ---------------------------------------------------------------

run p_notice --with-personal-data --kind accept 1 </dev/null
is_rc 0 "--with-personal-data"
contains "$OUT" "张三：" "the full name"
lacks "$OUT" "张*" "nothing masked"

# --- several cases -------------------------------------------------------------

run p_notice --kind decline 2 5 </dev/null
is_rc 0 "two notices"
is "$(grep -c "$(printf '^\f$')" "$T_DIR/out")" 1 "separated by one form-feed line"
is "$(grep -c '信访事项不予受理告知书' "$T_DIR/out")" 2 "two notices printed"

# --- a notice the case has not had ------------------------------------------------

run p_notice --kind accept 2 </dev/null
is_rc 4 "an accept notice for a declined case: refused"
is "$ERR" "petition-notice: GY-2017-000002: no accept to give notice of" "the message"
run p_notice --kind decline 1 </dev/null
is_rc 4 "a decline notice for an accepted case: refused"
is "$ERR" "petition-notice: GY-2017-000001: no decline to give notice of" "the message"
run p_notice --kind extend 2 </dev/null
is_rc 4 "an extend notice for a case never extended"
run p_notice --kind review 4 </dev/null
is_rc 4 "a review notice for a case never reviewed"
like "$ERR" '^petition-notice: GY-2017-000004: no review[a-z_]* to give notice of$' "the message"
run p_notice --kind decline 2 1 </dev/null
is_rc 4 "one good and one refused case: exit 4"
contains "$OUT" "编号：GY-2017-000002" "the good notice is printed"
is "$ERR" "petition-notice: GY-2017-000001: no decline to give notice of" "the other refused"

# --- usage -----------------------------------------------------------------------

run p_notice --kind bogus 1 </dev/null
is_rc 2 "an unknown kind: usage"
is "$ERR" 'petition-notice: --kind: "bogus" is not a kind of notice (see --list)' "the message"
run p_notice 1 </dev/null
is_rc 2 "no --kind: usage"
run p_notice --kind accept </dev/null
is_rc 2 "no case: usage"
run p_notice --kind accept 99 </dev/null
is_rc 3 "an unknown case: bad input"
like "$ERR" '99: no such case' "the message"

# --- templates ---------------------------------------------------------------------

mkdir "$T_DIR/tpl"
printf '延期通知 {{case_no}}\n致 {{petitioner_name}}（{{petitioner_phone}}）\n因{{reason}}延长{{days}}日至{{reply_due}}。\n{{unit_name}} {{date}}\n' \
	>"$T_DIR/tpl/extend.txt"
run p_notice --templates "$T_DIR/tpl" --kind extend 1 </dev/null
is_rc 0 "--templates DIR"
is "$OUT" "延期通知 GY-2017-000001
致 张*（138****5678）
因需要委托监测延长15日至2017-06-19。
利州区 2017-05-20" "the custom template, filled and masked"
run p_notice --templates "$T_DIR/tpl" --kind reply 1 </dev/null
is_rc 3 "a kind missing from DIR: bad input"
like "$ERR" "tpl/reply.txt: No such file or directory" "the message names the file"

printf '{{case_no}}\n{{petitioner_name}}：{{no_such_field}}\n' >"$T_DIR/tpl/accept.txt"
run p_notice --templates "$T_DIR/tpl" --kind accept 1 </dev/null
is_rc 3 "a template with an unknown placeholder: bad input"
is "$ERR" "petition-notice: accept: {{no_such_field}} is not a field" "the message names the placeholder"
is "$OUT" "" "no half-filled notice on stdout"
printf '{{case_no}} {{subject\n' >"$T_DIR/tpl/decline.txt"
run p_notice --templates "$T_DIR/tpl" --kind decline 2 </dev/null
is_rc 3 "an unclosed {{: bad input"
like "$ERR" 'decline: an unclosed or overlong \{\{' "the message"

is "$(dbsum_noaccess)" "$sum" "notices write nothing to the database but access events"

# --- a petitioner without a name; the policy's review windows ----------------------

use_store windows
printf 'review_request_days = 20\nrereview_request_days = 25\n' >"$T_DIR/windows.conf"
export PETITION_POLICY="$T_DIR/windows.conf"
padd -q --now 2017-03-21T10:00:00+08:00 --received-at 2017-03-21T09:30 --unit 510802 \
	--channel letter --subject '无名来信' </dev/null
p_assign -q --accept --category petition --now 2017-03-22 1 </dev/null
p_handle -q --reply '已处理' --outcome explain --now 2017-04-01 1 </dev/null
p_handle -q --deliver --now 2017-04-02 1 </dev/null
p_review -q --request review --now 2017-04-10 1 </dev/null
p_review -q --decide --result upheld --text '维持' --now 2017-04-20 1 </dev/null
run p_notice --kind accept 1 </dev/null
is_rc 0 "a notice to a petitioner who gave no name"
contains "$OUT" "
信访人：
" "it greets 信访人"
run p_notice --kind reply 1 </dev/null
contains "$OUT" "自收到本意见书之日起20日内向上一级行政机关请求复查" "the reply tells the policy's review window"
run p_notice --kind review 1 </dev/null
contains "$OUT" "自收到本意见书之日起25日内向复查机关的上一级行政机关请求复核" \
	"the review opinion tells the policy's re-review window"
unset PETITION_POLICY

done_testing
