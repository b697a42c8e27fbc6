# fish completion for the petition toolkit:
# petition-add, petition-list, petition-show, petition-unit,
# petition-assign, petition-handle, petition-review, petition-notice,
# petition-escalate, petition-report, petition-verify
#
# fish loads completions by command name: install this file as
# ~/.config/fish/completions/petition-add.fish with links named
# petition-list.fish, petition-show.fish, petition-unit.fish,
# petition-assign.fish, petition-handle.fish, petition-review.fish,
# petition-notice.fish, petition-escalate.fish, petition-report.fish and
# petition-verify.fish to it, or source it from ~/.config/fish/conf.d/

# Print the values of an enumeration, one per line, with a description.
function __petition_values -a kind
    switch $kind
        case format
            printf '%s\t%s\n' jsonl 'JSON Lines' csv 'RFC 4180 CSV' table 'aligned table'
        case header
            printf '%s\t%s\n' en 'English field names' zh 'Chinese names'
        case input-format
            printf '%s\t%s\n' jsonl 'JSON Lines' csv 'CSV with a header row'
        case channel
            printf '%s\t%s\n' letter '来信 letter' visit '来访 visit' \
                hotline '12369 电话 hotline' web '网上投诉 web complaint' \
                wechat '微信 WeChat' weibo '微博 Weibo' mailbox '领导信箱 mailbox' \
                transfer '上级转办/交办 transfer from above' media '媒体 media' \
                other '其他 other'
        case pollution-type
            printf '%s\t%s\n' air '大气 air' water '水 water' noise '噪声 noise' \
                solid_waste '固废 solid waste' radiation '辐射 radiation' \
                soil '土壤 soil' ecology '生态 ecology' other '其他 other'
        case purpose
            printf '%s\t%s\n' suggestion '建议意见类 suggestion' \
                accusation '检举控告类 accusation' appeal '申诉求决类 appeal'
        case status
            printf '%s\t%s\n' registered '登记 registered' accepted '受理 accepted' \
                declined '不予受理 declined' transferred '转送 transferred' \
                replied '答复 replied' delivered '送达 delivered' \
                reviewing '复查中 under review' reviewed '已复查 reviewed' \
                rereviewing '复核中 under re-review' final '终结 final' \
                closed '办结 closed' voided '作废 voided'
        case category
            printf '%s\t%s\n' enforcement '业务类 enforcement' \
                litigation '复议诉讼类 reconsideration or lawsuit' \
                petition '信访类 petition' out_of_scope '非环保部门职责类 out of scope'
        case decline-category
            printf '%s\t%s\n' litigation '复议诉讼类 reconsideration or lawsuit' \
                out_of_scope '非环保部门职责类 out of scope'
        case outcome
            printf '%s\t%s\n' support '支持 request upheld' explain '解释说明 explained' \
                reject '不予支持 rejected'
        case rating
            printf '%s\t%s\n' satisfied '满意' basically_satisfied '基本满意' \
                unsatisfied '不满意'
        case result
            printf '%s\t%s\n' upheld '维持原处理意见 upheld' \
                changed '撤销或者变更原处理意见 changed'
        case request
            printf '%s\t%s\n' review '复查 review' rereview '复核 re-review'
        case kind
            # the kinds of petition-notice --list
            printf '%s\t%s\n' accept '受理告知书 acceptance' \
                decline '不予受理告知书 declining' transfer '转送告知书 transfer' \
                extend '延期办理告知书 extension' reply '信访处理意见书 reply' \
                review '复查意见书 review opinion' rereview '复核意见书 re-review opinion'
        case dimension
            # petition-report --by
            printf '%s\t%s\n' unit '单位 unit and the units under it' \
                channel '渠道 channel' pollution_type '污染类型 pollution type' \
                category '分类 category' status '状态 status' \
                month '月份 month (YYYY-MM)' week '周 week (its Monday)' \
                day '日期 day' year '年份 year'
        case measure
            # petition-report --measures
            printf '%s\t%s\n' received '收件数 received' \
                accepted '受理数 ever accepted' declined '不予受理数 declined' \
                transferred '转送数 transferred' concluded '办结数 replied to' \
                concluded_on_time '按期办结数 replied on time' \
                on_time_rate '按期办结率 on-time rate' open '在办数 open' \
                overdue_now '超期数 overdue today' extended '延期数 extended' \
                reviewed '复查数 review requested' \
                satisfied_rate '满意率 satisfaction rate' \
                repeat '重复信访数 repeat petitions' \
                collective '集体访数 collective visits' backlog '积案数 backlog cases'
        case sort
            for f in id case_no uuid received_at channel petitioner_name \
                    petitioner_phone petitioner_id_number petitioner_address \
                    anonymous headcount collective purpose subject content \
                    accused location unit unit_name pollution_type status \
                    category handler leader accept_due reply_due extended \
                    replied_at outcome delivered_at review_due closed_at \
                    satisfaction backlog risk repeat_of transferred_from
                printf '%s\t%s\n' $f ascending -$f descending
            end
    end
end

# The values of an enumeration as the next item of a comma-separated list.
function __petition_list_values -a kind
    set -l tok (string replace -r -- '^--?[^=]*=' '' (commandline -ct))
    set -l head (string match -r -- '^.*,' $tok)
    for line in (__petition_values $kind)
        printf '%s%s\n' "$head" $line
    end
end

# The categories --category may take: only two with --decline.
function __petition_categories
    if contains -- --decline (commandline -opc)
        __petition_values decline-category
    else
        __petition_values category
    end
end

set -l __petition_cmds petition-add petition-list petition-show petition-unit \
    petition-assign petition-handle petition-review petition-notice \
    petition-escalate petition-report petition-verify

for cmd in $__petition_cmds
    complete -c $cmd -s d -l db -r -F -d 'Database file'
    complete -c $cmd -s f -l format -x -a '(__petition_values format)' -d 'Output format'
    complete -c $cmd -l header -x -a '(__petition_values header)' -d 'Column names of csv and table output'
    complete -c $cmd -l bom -d 'Write a UTF-8 byte-order mark before CSV output'
    complete -c $cmd -l with-personal-data -d 'Show petitioner personal data unmasked'
    complete -c $cmd -l actor -x -d 'Who acts, recorded in the history'
    complete -c $cmd -l now -x -d 'Fix the clock (date or ISO 8601 time)'
    complete -c $cmd -l policy -r -F -d 'Policy file'
    complete -c $cmd -s h -l help -d 'Print usage and exit'
    complete -c $cmd -l version -d 'Print the version and exit'
end

# petition-add
complete -c petition-add -f
complete -c petition-add -l input-format -x -a '(__petition_values input-format)' -d 'Format of standard input'
complete -c petition-add -s k -l keep-going -d 'Add the good records, report the bad ones'
complete -c petition-add -s n -l dry-run -d 'Validate and report, write nothing'
complete -c petition-add -s q -l quiet -d 'Print nothing on success'
complete -c petition-add -l received-at -x -d 'When the case was received (required)'
complete -c petition-add -l channel -x -a '(__petition_values channel)' -d 'How the case arrived (required)'
complete -c petition-add -l unit -x -d 'Unit code or exact name (required)'
complete -c petition-add -l subject -x -d 'Subject, at most 200 characters (required)'
complete -c petition-add -l content -x -d 'Content, at most 65536 bytes'
complete -c petition-add -l petitioner-name -x -d 'Petitioner name'
complete -c petition-add -l petitioner-phone -x -d 'Petitioner phone number'
complete -c petition-add -l petitioner-id-number -x -d 'Petitioner ID number (15 or 18 characters)'
complete -c petition-add -l petitioner-address -x -d 'Petitioner address'
complete -c petition-add -l anonymous -d 'The petitioner is anonymous'
complete -c petition-add -l headcount -x -d 'Number of people (1 to 100000)'
complete -c petition-add -l purpose -x -a '(__petition_values purpose)' -d 'Purpose of the petition'
complete -c petition-add -l accused -x -d 'Company or site complained about'
complete -c petition-add -l location -x -d 'Where the problem is'
complete -c petition-add -l pollution-type -x -a '(__petition_values pollution-type)' -d 'Type of pollution'
complete -c petition-add -l risk -d 'The case carries a social-stability risk'
complete -c petition-add -l transferred-from -x -d 'Office the case was transferred from'
complete -c petition-add -l uuid -x -d 'Keep this UUID (must be new)'
complete -c petition-add -l case-no -x -d 'Keep this case number (must be new)'

# petition-list
complete -c petition-list -f
complete -c petition-list -s s -l status -x -a '(__petition_list_values status)' -d 'Status (comma list allowed)'
complete -c petition-list -s u -l unit -x -d 'The unit and every unit under it'
complete -c petition-list -l channel -x -a '(__petition_list_values channel)' -d 'Channel (comma list allowed)'
complete -c petition-list -l pollution-type -x -a '(__petition_list_values pollution-type)' -d 'Pollution type (comma list allowed)'
complete -c petition-list -l from -x -d 'Received on or after this local date'
complete -c petition-list -l to -x -d 'Received on or before this local date'
complete -c petition-list -l due-before -x -d 'An open deadline falls before this date'
complete -c petition-list -l overdue -d 'An open deadline has passed'
complete -c petition-list -l repeat -d 'Only repeat petitions'
complete -c petition-list -l collective -d 'Only collective visits'
complete -c petition-list -l category -x -a '(__petition_list_values category)' -d 'Category (comma list allowed)'
complete -c petition-list -l handler -x -d 'Cases of this handler (承办人)'
complete -c petition-list -l leader -x -d 'Cases of this lead leader (包案领导)'
complete -c petition-list -l backlog -d 'Only backlog cases (积案)'
complete -c petition-list -l risk -d 'Only risk cases (风险)'
complete -c petition-list -l text -x -d 'Literal text in subject or content'
complete -c petition-list -l sort -x -a '(__petition_list_values sort)' -d 'Sort keys (comma list, - prefix for descending)'
complete -c petition-list -s l -l limit -x -d 'At most N cases'
complete -c petition-list -l for-unit -x -d "An export for this unit: the petitioner's identity left out"

# petition-show
complete -c petition-show -f
complete -c petition-show -l for-unit -x -d "An export for this unit: the petitioner's identity left out"

# petition-verify
complete -c petition-verify -f
complete -c petition-verify -l head -x -d 'A head printed by an earlier run: the chain must still hold it'

# petition-unit
complete -c petition-unit -f
complete -c petition-unit -l load -r -F -a '-' -d 'Add or update units from a CSV file (- for stdin)'
complete -c petition-unit -l under -x -d 'The unit and every unit under it'

# petition-assign, petition-handle, petition-review: the options besides the actions
for cmd in petition-assign petition-handle petition-review
    complete -c $cmd -f
    complete -c $cmd -s H -l handler -x -d 'Set the handler (承办人)'
    complete -c $cmd -s L -l leader -x -d 'Set the lead leader (包案领导)'
    complete -c $cmd -s k -l keep-going -d 'Apply what can be applied, report each refusal'
    complete -c $cmd -s n -l dry-run -d 'Check and print the changed cases, write nothing'
    complete -c $cmd -s q -l quiet -d 'Print nothing on success'
end

# petition-assign
complete -c petition-assign -l accept -d 'Accept the case (受理); needs --category'
complete -c petition-assign -l decline -d 'Decline the case (不予受理); needs --reason'
complete -c petition-assign -l transfer -d 'Transfer it (转送) --to a unit or another agency'
complete -c petition-assign -l assign -d 'Assign it (交办) --to a unit under this one'
complete -c petition-assign -l object -d 'Object to a transfer outside this unit\'s remit'
complete -c petition-assign -l category -x -a '(__petition_categories)' -d 'Category of the case'
complete -c petition-assign -l to -x -d 'Where to transfer or assign (unit code, name or agency); the department when declining out_of_scope'
complete -c petition-assign -l new-facts -x -d 'Accepting a repeat of a final case: the new facts or reasons'
complete -c petition-assign -l report-by -x -d 'The assigned unit reports back by this date'
complete -c petition-assign -l reason -x -d 'Why (told to the petitioner)'

# petition-handle
complete -c petition-handle -l extend -x -d 'Extend the reply deadline once, by DAYS; needs --reason'
complete -c petition-handle -l reason -x -d 'Why the time limit is extended'
complete -c petition-handle -l reply -x -d 'Record the reply (信访处理意见书)'
complete -c petition-handle -l reply-file -r -F -d 'The reply\'s text from a file'
complete -c petition-handle -l outcome -x -a '(__petition_values outcome)' -d 'What the reply decides'
complete -c petition-handle -l deliver -d 'The reply was delivered: the review window opens'
complete -c petition-handle -l rate -x -a '(__petition_values rating)' -d 'The petitioner\'s satisfaction'
complete -c petition-handle -l note -x -d 'Add a progress note to the history'
complete -c petition-handle -l close -d 'Close the case (after delivery)'
complete -c petition-handle -l set -x -d 'Correct a fact of the complaint, FIELD=VALUE (repeats); needs --reason'
complete -c petition-handle -l void -d 'Void a registration made twice by mistake; needs --reason'

# petition-review
complete -c petition-review -l request -x -a '(__petition_values request)' -d 'The petitioner asks for a review or re-review'
complete -c petition-review -l decide -d 'Decide the review or re-review; needs --result and --text'
complete -c petition-review -l result -x -a '(__petition_values result)' -d 'Result of the review or re-review'
complete -c petition-review -l text -x -d 'The opinion'

# petition-notice
complete -c petition-notice -f
complete -c petition-notice -l kind -x -a '(__petition_values kind)' -d 'The kind of notice'
complete -c petition-notice -l list -d 'List the kinds of notice'
complete -c petition-notice -l templates -x -a '(__fish_complete_directories (commandline -ct))' -d 'Read the templates from this directory'

# petition-escalate
complete -c petition-escalate -f
complete -c petition-escalate -s u -l unit -x -d 'Only this unit and the units under it'
complete -c petition-escalate -s n -l dry-run -d 'Print what would be done, record nothing'
complete -c petition-escalate -l replay -x -d 'Print again what the runs of a date recorded'

# petition-report: statistics, zero reports (one of --daily, --weekly,
# --monthly) or lists (one of --overdue, --due-within, --backlog)
complete -c petition-report -f
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within' -l by -x -a '(__petition_list_values dimension)' -d 'Group by these dimensions (comma list)'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within' -l from -x -d 'Cases received on or after this local date'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within' -l to -x -d 'Cases received on or before this local date'
complete -c petition-report -s u -l unit -x -d 'This unit and every unit under it'
complete -c petition-report -n '! __fish_seen_argument -l overdue -l backlog -l due-within' -l measures -x -a '(__petition_list_values measure)' -d 'Only these measures (comma list)'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within -l by -l from -l to' -l daily -x -d 'The zero report of a day (YYYY-MM-DD)'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within -l by -l from -l to' -l weekly -x -d 'The zero report of the week (Monday to Sunday) of a date'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within -l by -l from -l to' -l monthly -x -d 'The zero report of a month (YYYY-MM)'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within -l by -l from -l to -l measures' -l overdue -d 'List every overdue deadline'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within -l by -l from -l to -l measures' -l backlog -d 'List the backlog cases with their lead leaders'
complete -c petition-report -n '! __fish_seen_argument -l daily -l weekly -l monthly -l overdue -l backlog -l due-within -l by -l from -l to -l measures' -l due-within -x -d 'List the deadlines due within DAYS'
