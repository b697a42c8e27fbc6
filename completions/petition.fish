# fish completion for the petition toolkit: petition and its tools.
# Each tool tells its options (TOOL --completion-helper: --name or -n, "=" when it
# takes a value, its fixed values as code:label words, its help;
# tab-separated); they are declared once per shell, when this file loads.
#
# fish loads completions by command name: install this file as
# ~/.config/fish/completions/petition.fish with links petition-add.fish,
# petition-list.fish, ... to it, or source it from ~/.config/fish/conf.d/

# __petition_declare TOOL [CONDITION...]: declares TOOL's options for the
# command petition-TOOL, or for `petition TOOL` when a condition is given
function __petition_declare -a tool
    set -l cmd petition-$tool
    set -l how -c $cmd
    if set -q argv[2]
        set how -c petition -n "__fish_seen_subcommand_from $tool"
    end
    for line in ($cmd --completion-helper 2>/dev/null)
        set -l f (string split \t -- $line)
        # --name is a long option, -n a short one
        set -l opt -l (string replace -r '^--' '' -- $f[1])
        string match -q -- '--*' $f[1]; or set opt -s (string replace -r '^-' '' -- $f[1])
        if test -z "$f[2]"
            complete $how $opt -d $f[4]
        else if test -n "$f[3]"
            complete $how $opt -d $f[4] -x -a "(string split ' ' -- '$f[3]' | string replace : \t)"
        else
            complete $how $opt -d $f[4] -r
        end
    end
end

# the tools, asked of petition when it is on PATH, else these
set -l __petition_tools add assign copy escalate export handle import list mediate notice report review risk show supervise unit verify visit
if command -q petition
    set -l tools (petition --completion-helper 2>/dev/null)
    test -n "$tools"; or set tools $__petition_tools
    complete -c petition -f -n "not __fish_seen_subcommand_from $tools" -a "$tools"
    for tool in $tools
        __petition_declare $tool
        __petition_declare $tool sub
    end
else
    # each tool on PATH on its own: petition-add, petition-assign, petition-copy,
    # petition-escalate, petition-export, petition-handle, petition-import, petition-list, petition-mediate, petition-notice, petition-report,
    # petition-review, petition-risk, petition-show, petition-supervise, petition-unit,
    # petition-verify, petition-visit
    for tool in $__petition_tools
        command -q petition-$tool; and __petition_declare $tool
    end
end
