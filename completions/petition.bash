# bash completion for the petition toolkit: petition and its tools
# petition-add, petition-list, ... (petition --completion-helper lists them).
#
# Each tool tells its options: `TOOL --completion-helper` prints one line per
# option, long (--name) then short (-n), tab-separated: the option, "=" when
# it takes a value, its fixed values as code:label words, its help. Asked
# once per tool and shell.
#
# Source this file, or install it as
# /usr/share/bash-completion/completions/petition with links named
# petition-add, petition-list, ... to it (bash-completion loads completions
# by command name).

declare -gA _petition_cache

# _petition_helper CMD: the output of CMD --completion-helper, cached
_petition_helper() {
    [[ -v "_petition_cache[$1]" ]] ||
        _petition_cache[$1]=$("$1" --completion-helper 2>/dev/null)
    printf '%s\n' "${_petition_cache[$1]}"
}

# _petition_option CMD OPTION: set eq and vals from the line of OPTION
# (its fields split by hand: read would merge the empty ones)
_petition_option() {
    local line rest
    while IFS= read -r line; do
        [[ ${line%%$'\t'*} == "$2" ]] || continue
        rest=${line#*$'\t'}
        eq=${rest%%$'\t'*}
        rest=${rest#*$'\t'}
        vals=${rest%%$'\t'*}
        return 0
    done < <(_petition_helper "$1")
    return 1
}

# _petition_value VALUES: complete one of VALUES (code:label words; the item
# after the last comma of a list, a leading - kept, as in --sort -id), or a
# file when there are none
_petition_value() {
    local head= item=$cur v
    if [[ $cur == *,* ]]; then
        head=${cur%,*},
        item=${cur##*,}
    fi
    if [[ $item == -* ]]; then
        head=$head-
        item=${item#-}
    fi
    COMPREPLY=()
    [[ -n $1 ]] || compopt -o default 2>/dev/null
    for v in $1; do
        [[ ${v%%:*} == "$item"* ]] && COMPREPLY+=("$head${v%%:*}")
    done
}

_petition() {
    local cmd=${COMP_WORDS[0]##*/} first=1 cur=${COMP_WORDS[COMP_CWORD]} prev= eq vals
    if [[ $cmd == petition ]]; then
        if ((COMP_CWORD == 1)); then
            COMPREPLY=($(compgen -W "$(_petition_helper petition)" -- "$cur"))
            return
        fi
        cmd=petition-${COMP_WORDS[1]}
        first=2
    fi
    ((COMP_CWORD > first)) && prev=${COMP_WORDS[COMP_CWORD-1]}
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    elif [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > first + 1)); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
    if [[ $prev == -* ]] && _petition_option "$cmd" "$prev" && [[ $eq == = ]]; then
        _petition_value "$vals"
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_petition_helper "$cmd" | cut -f1)" -- "$cur"))
        return
    fi
    compopt -o default 2>/dev/null
    COMPREPLY=()
}

complete -F _petition petition petition-add petition-list petition-show \
    petition-unit petition-assign petition-handle petition-review \
    petition-notice petition-escalate petition-report petition-verify \
    petition-copy petition-export petition-import petition-visit petition-supervise \
    petition-risk petition-mediate
