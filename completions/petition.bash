# bash completion for the petition toolkit:
# petition-add, petition-list, petition-show, petition-unit,
# petition-assign, petition-handle, petition-review, petition-notice,
# petition-escalate, petition-report, petition-verify
#
# Source this file, or install it as
# /usr/share/bash-completion/completions/petition-add with links named
# petition-list, petition-show, petition-unit, petition-assign,
# petition-handle, petition-review, petition-notice, petition-escalate,
# petition-report and petition-verify to it (bash-completion loads
# completions by command name).

_petition_common_opts='-d --db -f --format --header --bom --with-personal-data
    --actor --now --policy -h --help --version'

_petition_formats='jsonl csv table'
_petition_headers='en zh'
_petition_input_formats='jsonl csv'
_petition_channels='letter visit hotline web wechat weibo mailbox transfer media other'
_petition_pollution_types='air water noise solid_waste radiation soil ecology other'
_petition_purposes='suggestion accusation appeal'
_petition_statuses='registered accepted declined transferred replied delivered
    reviewing reviewed rereviewing final closed voided'
_petition_categories='enforcement litigation petition out_of_scope'
_petition_decline_categories='litigation out_of_scope'
_petition_outcomes='support explain reject'
_petition_ratings='satisfied basically_satisfied unsatisfied'
_petition_results='upheld changed'
_petition_requests='review rereview'
# the kinds of petition-notice --list
_petition_notice_kinds='accept decline transfer extend reply review rereview'
# the options of petition-assign, -handle and -review besides their actions
_petition_lifecycle_opts='-H --handler -L --leader -k --keep-going -n --dry-run
    -q --quiet'
# the dimensions and measures of petition-report --by and --measures
_petition_dimensions='unit channel pollution_type category status month week
    day year'
_petition_measures='received accepted declined transferred concluded
    concluded_on_time on_time_rate open overdue_now extended reviewed
    satisfied_rate repeat collective backlog'
_petition_fields='id case_no uuid received_at channel petitioner_name
    petitioner_phone petitioner_id_number petitioner_address anonymous
    headcount collective purpose subject content accused location unit
    unit_name pollution_type status category handler leader accept_due
    reply_due extended replied_at outcome delivered_at review_due closed_at
    satisfaction backlog risk repeat_of transferred_from'

# _petition_words WORDS: complete the current word from WORDS
_petition_words() {
    local IFS=$' \t\n'
    COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# _petition_list WORDS [PREFIXES]: complete one item of a comma-separated list;
# PREFIXES (such as "-") may precede each item
_petition_list() {
    local IFS=$' \t\n' head= item=$cur w p
    if [[ $cur == *,* ]]; then
        head=${cur%,*},
        item=${cur##*,}
    fi
    COMPREPLY=()
    for w in $1; do
        for p in '' $2; do
            [[ $p$w == "$item"* ]] && COMPREPLY+=("$head$p$w")
        done
    done
    compopt -o nospace 2>/dev/null
}

_petition_files() {
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
}

_petition_dirs() {
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$cur"))
}

# _petition_has WORD: WORD occurs on the command line before the current word
_petition_has() {
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == "$1" ]] && return 0
    done
    return 1
}

# _petition_complete OPTIONS ARGOPTIONS: set cur and prev (handling
# --opt=value); complete the values of the common options, or the option names
# (common ones and OPTIONS); return 1 when the caller must complete: the value
# of one of its ARGOPTIONS (the options of OPTIONS that take a value), or an
# operand
_petition_complete() {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    fi
    case $prev in
        -d|--db|--policy)
            _petition_files; return 0 ;;
        -f|--format)
            _petition_words "$_petition_formats"; return 0 ;;
        --header)
            _petition_words "$_petition_headers"; return 0 ;;
        --actor|--now)
            COMPREPLY=(); return 0 ;;
    esac
    local o
    for o in $2; do
        [[ $prev == "$o" ]] && return 1
    done
    if [[ $cur == -* ]]; then
        _petition_words "$_petition_common_opts $1"
        return 0
    fi
    return 1
}

_petition_add() {
    local cur prev
    _petition_complete '--input-format -k --keep-going -n --dry-run -q --quiet
        --received-at --channel --unit --subject --content --petitioner-name
        --petitioner-phone --petitioner-id-number --petitioner-address
        --anonymous --headcount --purpose --accused --location
        --pollution-type --risk --transferred-from --uuid --case-no' \
        '--input-format --received-at --channel --unit --subject --content
        --petitioner-name --petitioner-phone --petitioner-id-number
        --petitioner-address --headcount --purpose --accused --location
        --pollution-type --transferred-from --uuid --case-no' && return
    case $prev in
        --input-format) _petition_words "$_petition_input_formats" ;;
        --channel) _petition_words "$_petition_channels" ;;
        --pollution-type) _petition_words "$_petition_pollution_types" ;;
        --purpose) _petition_words "$_petition_purposes" ;;
        *) COMPREPLY=() ;;
    esac
}

_petition_list_cases() {
    local cur prev
    _petition_complete '-s --status -u --unit --channel --pollution-type
        --from --to --due-before --overdue --repeat --collective --category
        --handler --leader --backlog --risk --text --sort -l --limit --for-unit' \
        '-s --status -u --unit --channel --pollution-type --from --to
        --due-before --category --handler --leader --text --sort -l --limit
        --for-unit' && return
    case $prev in
        -s|--status) _petition_list "$_petition_statuses" ;;
        --category) _petition_list "$_petition_categories" ;;
        --channel) _petition_list "$_petition_channels" ;;
        --pollution-type) _petition_list "$_petition_pollution_types" ;;
        --sort) _petition_list "$_petition_fields" - ;;
        *) COMPREPLY=() ;;
    esac
}

_petition_show() {
    local cur prev
    _petition_complete '--for-unit' '--for-unit' && return
    COMPREPLY=()
}

_petition_verify() {
    local cur prev
    _petition_complete '--head' '--head' && return
    COMPREPLY=()
}

_petition_unit() {
    local cur prev
    _petition_complete '--load --under' '--load --under' && return
    case $prev in
        --load) _petition_files; [[ - == "$cur"* ]] && COMPREPLY+=(-) ;;
        *) COMPREPLY=() ;;
    esac
}

_petition_assign() {
    local cur prev
    _petition_complete "--accept --decline --transfer --assign --object
        --category --to --report-by --reason --new-facts $_petition_lifecycle_opts" \
        '--category --to --report-by --reason --new-facts -H --handler -L --leader' && return
    case $prev in
        --category)
            if _petition_has --decline; then
                _petition_words "$_petition_decline_categories"
            else
                _petition_words "$_petition_categories"
            fi ;;
        *) COMPREPLY=() ;;
    esac
}

_petition_handle() {
    local cur prev
    _petition_complete "--extend --reason --reply --reply-file --outcome
        --deliver --rate --note --close --set --void $_petition_lifecycle_opts" \
        '--extend --reason --reply --reply-file --outcome --rate --note --set
        -H --handler -L --leader' && return
    case $prev in
        --reply-file) _petition_files ;;
        --outcome) _petition_words "$_petition_outcomes" ;;
        --rate) _petition_words "$_petition_ratings" ;;
        *) COMPREPLY=() ;;
    esac
}

_petition_review() {
    local cur prev
    _petition_complete "--request --decide --result --text
        $_petition_lifecycle_opts" \
        '--request --result --text -H --handler -L --leader' && return
    case $prev in
        --request) _petition_words "$_petition_requests" ;;
        --result) _petition_words "$_petition_results" ;;
        *) COMPREPLY=() ;;
    esac
}

_petition_notice() {
    local cur prev
    _petition_complete '--kind --list --templates' '--kind --templates' && return
    case $prev in
        --kind) _petition_words "$_petition_notice_kinds" ;;
        --templates) _petition_dirs ;;
        *) COMPREPLY=() ;;
    esac
}

_petition_escalate() {
    local cur prev
    _petition_complete '-u --unit -n --dry-run --replay' '-u --unit --replay' && return
    COMPREPLY=()
}

_petition_report() {
    local cur prev
    _petition_complete '--by --from --to -u --unit --measures --daily --weekly
        --monthly --overdue --backlog --due-within' \
        '--by --from --to -u --unit --measures --daily --weekly --monthly
        --due-within' && return
    case $prev in
        --by) _petition_list "$_petition_dimensions" ;;
        --measures) _petition_list "$_petition_measures" ;;
        *) COMPREPLY=() ;;
    esac
}

complete -F _petition_add petition-add
complete -F _petition_list_cases petition-list
complete -F _petition_show petition-show
complete -F _petition_unit petition-unit
complete -F _petition_assign petition-assign
complete -F _petition_handle petition-handle
complete -F _petition_review petition-review
complete -F _petition_notice petition-notice
complete -F _petition_escalate petition-escalate
complete -F _petition_report petition-report
complete -F _petition_verify petition-verify
