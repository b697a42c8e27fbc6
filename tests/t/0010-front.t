#!/bin/sh
# petition, the front command: `petition NAME ARGS` runs petition-NAME (next
# to itself, else on PATH) with its exit status; `petition help NAME` its
# man page; `petition` alone lists the tools.
. "$(dirname "$0")/lib.sh"

P="$PETITION_BIN/petition"
BINS=$(cd "$PETITION_BIN" && ls petition-*)

run "$P" --version </dev/null
is "$RC:$ERR" "0:" "petition --version: exit 0"
like "$OUT" '^petition \(petition\) [0-9]+\.[0-9]+(\.[0-9]+)?$' "petition --version: NAME (petition) VERSION"

# --- the list of tools ---------------------------------------------------------

run "$P" </dev/null
is "$RC:$ERR" "0:" "petition alone: exit 0, nothing on stderr"
like "$(printf '%s\n' "$OUT" | head -1)" '^usage: petition ' "petition alone: a usage line"
list=$OUT
for b in $BINS; do
	about=$(cd "$T_DIR" && "$PETITION_BIN/$b" --help </dev/null | sed -n 2p)
	isnt "$about" "" "$b --help: a second line that says what it does"
	is "$(printf '%s\n' "$list" | grep -E "^  ${b#petition-} +" | sed -E 's/^  [a-z-]+ +//')" "$about" \
		"petition lists ${b#petition-} with that line"
done
run "$P" --help </dev/null
is "$RC:$OUT" "0:$list" "petition --help: the same"
run "$P" help </dev/null
is "$RC:$OUT" "0:$list" "petition help: the same"

# each tool's line is its man page's NAME line
for b in $BINS; do
	man=$(sed -n '/^\.SH NAME/,/^\.SH/p' "$T_ROOT/share/man/man1/$b.1" | sed '1d;$d' |
		tr '\n' ' ' | sed 's/\\-/-/g; s/ *$//; s/^[^ ]* - //')
	is "$(cd "$T_DIR" && "$PETITION_BIN/$b" --help </dev/null | sed -n 2p)" "$man" \
		"$b --help says what $b.1 says it does"
done

# --- running a tool ----------------------------------------------------------------

run "$P" add -q --received-at 2017-03-21 --channel letter --unit 510802 --subject front </dev/null
is "$RC:$ERR" "0:" "petition add: adds the case"
run "$P" show 1 </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .subject)" "0:front" "petition show 1: shows it"
run "$P" add --no-such-option </dev/null
is "$RC:$OUT:$ERR" "2::petition-add: --no-such-option: unknown option (see --help)" \
	"a usage error of the tool: its exit status and its message"
run "$P" show 99 </dev/null
rc=$RC err=$ERR
run "$PETITION_BIN/petition-show" 99 </dev/null
is "$rc:$err" "$RC:$ERR" "petition show 99: the exit status and message of petition-show 99"
isnt "$RC" 0 "(which is not 0)"

run "$P" no-such-tool </dev/null
is "$RC:$OUT:$ERR" "2::petition: no-such-tool: not a petition command (see petition --help)" \
	"an unknown tool: exit 2"
for bad in ../bin/sh /bin/sh 'a b' ''; do
	run "$P" "$bad" </dev/null
	is "$RC:$OUT" "2:" "a name that is not a tool name ('$bad'): exit 2"
done
run "$P" --no-such-option </dev/null
is "$RC:$OUT:$ERR" "2::petition: --no-such-option: unknown option (see --help)" "an unknown option: exit 2"

# --- on PATH, and next to itself first --------------------------------------------

mkdir -p "$T_DIR/path"
printf '#!/bin/sh\nprintf "%%s|" "$@"; echo\nexit 7\n' >"$T_DIR/path/petition-hello"
printf '#!/bin/sh\necho fake\n' >"$T_DIR/path/petition-show"
printf '#!/bin/sh\necho "man $*"\n' >"$T_DIR/path/man"
chmod +x "$T_DIR/path/"*
run env PATH="$T_DIR/path:$PATH" "$P" hello 'a b' --x </dev/null
is "$RC:$OUT" "7:a b|--x|" "a tool on PATH: its arguments as given, its exit status"
run env PATH="$T_DIR/path:$PATH" "$P" </dev/null
like "$OUT" '^  hello$' "and petition lists it (a tool without a usage line, without one)"
run env PATH="$T_DIR/path:$PATH" "$P" show 1 </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .subject)" "0:front" "the tool next to petition comes before one on PATH"
run env PATH="$T_DIR/path:$PATH" "$P" help add </dev/null
is "$RC:$OUT" "0:man petition-add" "petition help add: man petition-add"
run env PATH="$T_DIR/path:$PATH" "$P" help ../x </dev/null
is "$RC:$OUT" "2:" "petition help with a bad name: exit 2"

# a copy of petition elsewhere finds the tools on PATH
mkdir -p "$T_DIR/elsewhere"
cp "$P" "$T_DIR/elsewhere/petition"
run env PATH="$PETITION_BIN:$PATH" "$T_DIR/elsewhere/petition" show 1 </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .subject)" "0:front" "petition in another directory: the tools on PATH"

done_testing
