#!/bin/sh
# tests/memcheck, the valgrind pass's wrapper: each shape of command line
# under valgrind once a test, natively after that.
. "$(dirname "$0")/lib.sh"

M=$T_ROOT/tests/memcheck
# a stand-in for valgrind that says it ran, and a tool that says what it got
printf '#!/bin/sh\necho valgrind\nexec "$@"\n' >"$T_DIR/vg"
printf '#!/bin/sh\necho "tool $*"\n' >"$T_DIR/tool"
chmod +x "$T_DIR/vg" "$T_DIR/tool"
SEEN=$T_DIR/seen
# mc ARGS...: the tool through the wrapper, with a seen-set
mc() { run env PETITION_VALGRIND="$T_DIR/vg" PETITION_MEMCHECK_SEEN="$SEEN" "$M" "$T_DIR/tool" "$@" </dev/null; }
# how the last run ran
how() { case $OUT in valgrind*) echo valgrind ;; *) echo native ;; esac; }

mc --format csv 1
is "$(how)|$RC" "valgrind|0" "a first shape runs under valgrind"
is "$(printf '%s\n' "$OUT" | tail -n 1)" "tool --format csv 1" "... the tool gets its arguments"
mc --format csv 2
is "$(how)|$OUT" "native|tool --format csv 2" "the same options with another id: natively"
mc --format jsonl 2
is "$(how)" valgrind "another format (a word): a shape of its own"
mc --received-at=2017-01-01 --subject 夜间施工噪声
is "$(how)" valgrind "an option with a date"
mc --received-at=2017-02-02 --subject 'another text'
is "$(how)" native "... another date and text: the same shape"
mc --received-at=2017-02-02 --subject 'another text' -q
is "$(how)" valgrind "one more option: a shape of its own"
mc --mode very_long_word_that_is_data
is "$(how)" valgrind "a long word"
mc --mode very_long_word_that_is_too
is "$(how)" native "... is data, not a mode"

# the tool's exit code comes through either way
printf '#!/bin/sh\nexit 3\n' >"$T_DIR/tool"
mc --format csv 3
is "$RC" 3 "natively: the tool's exit code"
mc --format table
is "$RC" 3 "under valgrind: the tool's exit code"

# without a seen-set (MEMCHECK=all) every run is valgrind's
printf '#!/bin/sh\necho tool\n' >"$T_DIR/tool"
run env -u PETITION_MEMCHECK_SEEN PETITION_VALGRIND="$T_DIR/vg" "$M" "$T_DIR/tool" --format csv 1 </dev/null
is "$(how)" valgrind "no seen-set: under valgrind"
run env -u PETITION_MEMCHECK_SEEN PETITION_VALGRIND="$T_DIR/vg" "$M" "$T_DIR/tool" --format csv 1 </dev/null
is "$(how)" valgrind "... every time"

done_testing
