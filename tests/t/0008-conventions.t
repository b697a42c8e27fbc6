#!/bin/sh
# Conventions every binary keeps: --help, --version, usage errors, the
# database, clock and actor options and variables, documentation of every
# option, and a quiet exit when the reader of the output goes away.
. "$(dirname "$0")/lib.sh"

# every binary there is, so that a new one cannot skip its man page or completions
BINS=$(cd "$PETITION_BIN" && ls petition-*)

# fresh_store: an empty store again (a new SQLite file or PostgreSQL database)
# --- --help, --version, unknown options -----------------------------------

sum=$(dbsum)
for b in $BINS; do
	run "$PETITION_BIN/$b" --help </dev/null
	is "$RC:$ERR" "0:" "$b --help: exit 0, nothing on stderr"
	like "$(printf '%s\n' "$OUT" | head -1)" "^usage: $b " "$b --help: prints usage:"
	run "$PETITION_BIN/$b" -h </dev/null
	like "$RC:$OUT" "^0:usage: $b " "$b -h: the same"
	run "$PETITION_BIN/$b" --version </dev/null
	is "$RC:$ERR" "0:" "$b --version: exit 0, nothing on stderr"
	like "$OUT" "^$b \\(petition\\) [0-9]+\\.[0-9]+(\\.[0-9]+)?\$" "$b --version: NAME (petition) VERSION"
	run "$PETITION_BIN/$b" --no-such-option </dev/null
	is_rc 2 "$b --no-such-option: exit 2"
	is "$OUT" "" "$b --no-such-option: nothing on stdout"
	is "$ERR" "$b: --no-such-option: unknown option (see --help)" "$b --no-such-option: a message on stderr"
	run "$PETITION_BIN/$b" -Z </dev/null
	is "$RC:$OUT:$ERR" "2::$b: -Z: unknown option (see --help)" "$b -Z: exit 2 and a message"
	# options without a short form that take a value
	for o in --now --policy; do
		run "$PETITION_BIN/$b" $o </dev/null
		is "$RC:$OUT:$ERR" "2::$b: $o: needs a value" "$b $o without its value: exit 2, 'needs a value'"
	done
	run "$PETITION_BIN/$b" --db </dev/null
	is "$RC:$OUT:$ERR" "2::$b: --db: needs a value" "$b --db without its value: exit 2, 'needs a value'"
done
is "$(dbsum)" "$sum" "no usage error created a database"

# --- every long option is documented and completed --------------------------

for b in $BINS; do
	run "$PETITION_BIN/$b" --list-options </dev/null
	is "$RC" 0 "$b --list-options"
	opts=$OUT
	man="$T_ROOT/share/man/man1/$b.1"
	ok "$b.1 exists" test -f "$man"
	missing=
	for o in $opts; do
		n=${o#--}
		# roff writes a minus as \- : --with-personal-data is \-\-with\-personal\-data
		roff=$(printf '%s\n' "$o" | sed 's/-/\\-/g')
		grep -Fq -- "$roff" "$man" || grep -Eq -- "$o([^a-z-]|\$)" "$man" || missing="$missing $o"
	done
	is "$missing" "" "$b: every long option is in $b.1"
	# the completions ask the binary: --completion-helper names the same options
	run "$PETITION_BIN/$b" --completion-helper </dev/null
	is "$RC:$(printf '%s\n' "$OUT" | cut -f1)" "0:$opts" "$b --completion-helper: the options of --list-options"
	is "$(printf '%s\n' "$OUT" | awk -F'\t' 'NF != 4 || ($2 != "" && $2 != "=")')" "" \
		"$b --completion-helper: four fields a line, the second = or empty"
	missing=
	for c in petition.bash _petition; do   # fish asks petition for the names
		grep -q -- "$b" "$T_ROOT/completions/$c" || missing="$missing $c"
	done
	is "$missing" "" "$b: the bash and zsh completions register it"
	like "$(grep -c 'EXIT STATUS' "$man")" '^[1-9]' "$b.1 documents the exit status"
done

# --- the values the completions offer are the schema's codes -----------------

# values BIN OPTION: the codes --completion-helper gives for OPTION
values() {
	"$PETITION_BIN/$1" --completion-helper </dev/null |
		awk -F'\t' -v o="$2" '$1 == o { n = split($3, v, " ");
			for (i = 1; i <= n; i++) { sub(/:.*/, "", v[i]); printf "%s%s", (i > 1 ? ", " : ""), v[i] } }'
}
for o in status channel pollution-type category; do
	run plist --$o bogus </dev/null
	is "$ERR" "petition-list: --$o: \"bogus\" is not one of $(values petition-list --$o)" \
		"petition-list --completion-helper: the values of --$o are the schema's codes"
done
is "$(values petition-list --format)" "table, jsonl, csv, xlsx, html" "--format: table, jsonl, csv, xlsx, html"
is "$(values petition-review --result)" "upheld, changed" "petition-review --result: upheld, changed"
is "$(values petition-handle --rate)" "satisfied, basically_satisfied, unsatisfied" "petition-handle --rate: the satisfactions"
like "$(values petition-add --channel)" '^letter, visit, ' "petition-add --channel: from the schema's column"
run "$PETITION_BIN/petition" --completion-helper </dev/null
is "$RC:$OUT" "0:$(printf '%s\n' $BINS | sed 's/^petition-//')" "petition --completion-helper: the command names"

# the bash completion: COMP_WORDS and COMP_CWORD set by hand
# comp WORD...: what _petition puts in COMPREPLY for the last WORD
comp() {
	PATH="$PETITION_BIN:$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_petition; printf "%s\n" "${COMPREPLY[*]}"' - "$T_ROOT/completions/petition.bash" "$@" 2>&1
}
is "$(comp petition-list --st)" "--status" "bash: petition-list --st<TAB>"
is "$(comp petition-list --status '')" "$(values petition-list --status | sed 's/, / /g')" \
	"bash: petition-list --status <TAB>: every status"
is "$(comp petition-list --status accepted,vo)" "accepted,voided" "bash: an item of a comma list"
is "$(comp petition-list --format=c)" "csv" "bash: --format=c<TAB>"
is "$(comp petition li)" "list" "bash: petition li<TAB>"
is "$(comp petition review --res)" "--result" "bash: petition review --res<TAB>: the tool's options"
is "$(comp petition review --result '')" "upheld changed" "bash: petition review --result <TAB>"
is "$(comp petition-list --unit '')" "" "bash: no fixed values for --unit"
# short options, and the values of lists the library names (report dimensions
# and measures, case fields), from --completion-helper
is "$(comp petition-list -)" "$("$PETITION_BIN/petition-list" --list-options | paste -sd ' ' -)" "bash: petition-list -<TAB>: long and short options"
like "$(comp petition-list -)" ' -s .* -u .* -l .* -d .* -f .* -h( |$)' "bash: -s, -u, -l, -d, -f and -h among them"
is "$(comp petition-assign -)" "$("$PETITION_BIN/petition-assign" --list-options | paste -sd ' ' -)" "bash: petition-assign -<TAB>: -H, -L, -k, -n, -q too"
is "$(comp petition-list -f c)" "csv" "bash: petition-list -f c<TAB>: the values of -f"
is "$(comp petition-report --by '')" "unit channel pollution_type category status month week day year" \
	"bash: petition-report --by <TAB>: the report's dimensions"
is "$(comp petition-report --by unit,mo)" "unit,month" "bash: --by unit,mo<TAB>"
like "$(comp petition-report --measures '')" '^received accepted declined .* on_time_rate .* backlog( [a-z_]+)*$' \
	"bash: petition-report --measures <TAB>: the measures"
is "$(comp petition-report --measures on_time_r)" "on_time_rate" "bash: --measures on_time_r<TAB>"
is "$(comp petition-report --level '')" "national province city county" "bash: petition-report --level <TAB>: the unit levels"
is "$(comp petition-report --format h)" "html" "bash: --format h<TAB>"
like "$(comp petition-list --sort '')" '^id case_no uuid received_at ' "bash: petition-list --sort <TAB>: the case fields"
is "$(comp petition-list --sort unit,-received_)" "unit,-received_at" "bash: --sort unit,-received_<TAB>: descending kept"
run "$PETITION_BIN/petition-report" --by weekday </dev/null
like "$ERR" "is not one of $(values petition-report --by)\$" "petition-report --by: the values completed are those it takes"
if command -v zsh >/dev/null 2>&1; then
	ok "zsh: completions/_petition parses" zsh -n "$T_ROOT/completions/_petition"
else
	pass "# SKIP zsh is not installed"
fi
if command -v fish >/dev/null 2>&1; then
	run env PATH="$PETITION_BIN:$PATH" fish -c "source $T_ROOT/completions/petition.fish; complete -C 'petition-list --stat'"
	like "$OUT" '--status	' "fish: petition-list --stat<TAB> with its help"
else
	pass "# SKIP fish is not installed"
fi

# --- --help and the man page name the same options (as git's t0450) -----------
# help_opts BIN: the long options of BIN --help
help_opts() {
	"$PETITION_BIN/$1" --help </dev/null |
		sed -nE 's/^  (-[a-zA-Z], |    )--([a-z][a-z-]*).*/--\2/p' | sort -u
}
# man_opts WHAT BIN: the long options of BIN.1 in its SYNOPSIS (but for a
# paragraph of a companion script's form), in its OPTIONS (each .TP item),
# or in its "Field options" subsection (FIELD OPTIONS in the SYNOPSIS)
man_opts() {
	perl -ne 'BEGIN { ($what, $bin) = (shift, shift); $bin =~ s/-/\\-/g }
		if (/^\.SH\s+(.*?)\s*$/) { $sh = $1; $ss = ""; $other = 0; next }
		if (/^\.SS\s+(.*?)\s*$/) { $ss = $1; next }
		if ($what eq "SYNOPSIS") {
			next unless $sh eq "SYNOPSIS";
			$next = 1, next if /^\.PP/;
			$other = /^\.B / && !/^\.B \Q$bin\E\s*$/ if $next;
			$next = 0;
			next if $other;
		} else {
			next unless $sh eq "OPTIONS" && ($what ne "FIELDS" || $ss eq "Field options");
			$tp = 1, next if /^\.TP/;
			next unless $tp;
			$tp = 0;
		}
		s/\\-/-/g;
		print "$1\n" while /(?<![a-z-])(--[a-z][a-z-]*)/g' "$1" "$2" \
		"$T_ROOT/share/man/man1/$2.1" | sort -u
}
for b in $BINS; do
	h=$(help_opts "$b")
	is "$(man_opts OPTIONS "$b")" "$h" "$b.1: its OPTIONS are the options of $b --help"
	is "$(printf '%s\n' "$(man_opts SYNOPSIS "$b")" "$(man_opts FIELDS "$b")" | grep . | sort -u)" "$h" \
		"$b.1: its SYNOPSIS names the options of $b --help"
done

# every man page is clean roff: mandoc's lint finds no warning
for man in "$T_ROOT"/share/man/man*/*; do
	run mandoc -Tlint -Wwarning "$man" </dev/null
	is "$OUT$ERR" "" "mandoc -Tlint: no warning in ${man#"$T_ROOT"/share/man/}"
done

# --- the library never prints or exits ---------------------------------------
# lib/ writes only to the FILE * it was given (a writer's or a notice's out);
# printing to stdout or stderr, exiting and the command-line layer (cmd/common/) are
# the binaries'. Comments and string literals are left out of the search.

lib_offences() {
	find "$T_ROOT/lib" -name '*.[ch]' | sort | while read -r f; do
		perl -0777 -ne '
			my $src = $_;
			while ($src =~ /^\s*#\s*include\s*[<"]([^>"]*)[>"]/mg) {
				my $h = $1;
				print "$ARGV: includes $h\n" if $h =~ m{(^|/)(cli|apply)\.h$};
			}
			$src =~ s{/\*.*?\*/}{ }gs;
			$src =~ s{//[^\n]*}{}g;
			$src =~ s{"(\\.|[^"\\\n])*"}{""}g;
			$src =~ s{'"'"'(\\.|[^'"'"'\\\n])*'"'"'}{0}g;
			while ($src =~ /\b(?:(printf|vprintf|puts|putchar|perror|exit|_exit|_Exit|quick_exit|abort)\s*\(|(stdout|stderr)\b)/g) {
				print "$ARGV: ", $1 // $2, "\n";
			}' "$f"
	done | sed "s|$T_ROOT/||"
}
is "$(lib_offences)" "" "nothing under lib/ prints to stdout or stderr, exits or includes cli.h"
# the search itself finds what it forbids
mkdir -p "$T_DIR/probe/lib"
printf '#include "cli.h"\n/* printf( */ static void f(void) { fprintf(stderr, "exit(1)"); exit(1); }\n' \
	>"$T_DIR/probe/lib/bad.c"
is "$(T_ROOT=$T_DIR/probe lib_offences | paste -sd ' ' -)" \
	"lib/bad.c: includes cli.h lib/bad.c: stderr lib/bad.c: exit" "and the search finds them"

# --- -Werror: on for make, make check and developers; WERROR=0 for packagers --

if command -v make >/dev/null 2>&1 && [ -f "$T_ROOT/Makefile" ]; then
	# cc_lines GOAL [VAR=VALUE...]: the compiler lines make would run
	cc_lines() {
		g=$1; shift
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -n -C "$T_ROOT" BUILD="$T_DIR/mk" BIN="$T_DIR/mk/bin" "$@" "$g" 2>/dev/null |
			grep -E -- '-std=c11' | grep -E -- ' -c '
	}
	like "$(cc_lines all | head -1)" '-Wall -Wextra' "plain make: warnings on"
	is "$(cc_lines all | grep -vc -- '-Werror')" 0 "plain make: -Werror on every compile"
	is "$(cc_lines check-plain | grep -vc -- '-Werror')" 0 "make check-plain: -Werror on every compile"
	is "$(cc_lines all WERROR=0 | grep -c -- '-Werror')" 0 "make WERROR=0 (a packager's newer compiler): warnings only"
	is "$(cc_lines check-plain WERROR=0 | grep -c -- '-Werror')" 0 "make check-plain WERROR=0: off when asked"
	ok "make -n wrote nothing" test ! -e "$T_DIR/mk"
fi

# --- PETITION_DB and --db --------------------------------------------------

A="$T_DIR/a.db" B="$T_DIR/b.db"
F="--received-at 2017-03-21 --channel letter --unit 510802"
run env PETITION_DB="$A" "$PETITION_BIN/petition-add" -q $F --subject in-a </dev/null
is "$RC:$(plist -f jsonl --db "$A" </dev/null | jget .subject)" "0:in-a" "PETITION_DB is honoured"
suma=$(dbsum "$A")
run env PETITION_DB="$A" "$PETITION_BIN/petition-add" -q --db "$B" $F --subject in-b </dev/null
is "$RC:$(plist -f jsonl --db "$B" </dev/null | jget .subject)" "0:in-b" "--db overrides PETITION_DB"
is "$(dbsum "$A")" "$suma" "and the database of PETITION_DB is untouched"
run env PETITION_DB="$A" "$PETITION_BIN/petition-list" </dev/null
is "$(printf '%s\n' "$OUT" | jget .subject)" in-a "petition-list reads PETITION_DB"
run env PETITION_DB="$A" "$PETITION_BIN/petition-list" -d "$B" </dev/null
is "$(printf '%s\n' "$OUT" | jget .subject)" in-b "petition-list -d overrides it"
run env PETITION_DB="$A" "$PETITION_BIN/petition-show" --db "$B" 1 </dev/null
is "$(printf '%s\n' "$OUT" | jget .subject)" in-b "petition-show --db overrides it"
run env -u PETITION_DB "$PETITION_BIN/petition-add" -q $F --subject default </dev/null
is "$RC:$(plist -f jsonl --db "$XDG_DATA_HOME/petition/petition.db" </dev/null | jget .subject)" "0:default" \
	"without either: \$XDG_DATA_HOME/petition/petition.db"
run env -u PETITION_DB -u XDG_DATA_HOME "$PETITION_BIN/petition-unit" 510802 </dev/null
is "$RC" 0 "without XDG_DATA_HOME either"
ok "the database is ~/.local/share/petition/petition.db" test -f "$HOME/.local/share/petition/petition.db"
is "$(ls -ln "$HOME/.local/share/petition/petition.db" | cut -c1-10)" "-rw-------" "made with mode 0600"

run plist --db "$T_DIR/no/such/dir/x.db" </dev/null
is "$RC:$OUT" "5:" "a database that cannot be created: exit 5"
is "$ERR" "petition-list: $T_DIR/no/such/dir/x.db: No such file or directory" "with a message"
echo 'not a database' >"$T_DIR/junk.db"
run plist --db "$T_DIR/junk.db" </dev/null
is "$RC:$OUT" "5:" "a file that is not a database: exit 5"
is "$ERR" "petition-list: $T_DIR/junk.db: open: file is not a database" "with a message"

# --- PETITION_NOW and --now, PETITION_ACTOR and --actor ------------------------

fresh_store
# last_event: time and actor of the latest event (of the latest case), as
# petition-show prints them (the actors here have no comma)
last_event() {
	plist -f jsonl --sort -id --limit 1 </dev/null | pshow -f csv | tail -1 |
		cut -d, -f2,3 | tr -d '"' | tr , ' '
}
run padd -q $F --subject env </dev/null
is "$(last_event)" "2017-06-01T09:00:00+08:00 tester" "the history has PETITION_NOW and PETITION_ACTOR"
run padd -q $F --subject opts --now 2017-07-01T10:00:00+08:00 --actor 'Clerk 王' </dev/null
is "$(last_event)" "2017-07-01T10:00:00+08:00 Clerk 王" "--now and --actor override them"
run padd -q $F --subject date --now 2017-07-01 </dev/null
is "$(last_event)" "2017-07-01T00:00:00+08:00 tester" "--now DATE: local midnight"
run padd -q --received-at 2017-06-20 --channel letter --unit 510802 --subject future </dev/null
is_rc 3 "received after PETITION_NOW: in the future"
run padd -q --received-at 2017-06-20 --channel letter --unit 510802 --subject future --now 2017-06-20T09:00 </dev/null
is_rc 0 "--now moves the clock: no longer in the future"
run env PETITION_NOW=2017-06-25 "$PETITION_BIN/petition-add" -q --received-at 2017-06-21 \
	--channel letter --unit 510802 --subject env-now </dev/null
is "$RC:$(last_event)" "0:2017-06-25T00:00:00+08:00 tester" "PETITION_NOW as a date"
run env PETITION_NOW=garbage "$PETITION_BIN/petition-list" </dev/null
is_rc 2 "a bad PETITION_NOW: exit 2"
like "$ERR" '^petition-list: PETITION_NOW: "garbage" is not a date or time' "the message names PETITION_NOW, not --now"
run env -u PETITION_ACTOR LOGNAME="$(id -un)" USER="$(id -un)" "$PETITION_BIN/petition-add" -q $F --subject login </dev/null
is "$RC:$(last_event)" "0:2017-06-01T09:00:00+08:00 $(id -un)" "without --actor or PETITION_ACTOR: the login name"
run padd -q $F --subject noactor --actor '' </dev/null
is "$(plist </dev/null | pshow -f csv | tail -n +2 | cut -d, -f3 | tr -d '"' | grep -c '^$')" 0 \
	"--actor '': no event without an actor"

# --- PETITION_POLICY and --policy ----------------------------------------------

fresh_store
printf 'case_prefix = CS   # another office\naccept_days = 10\n' >"$T_DIR/ten.conf"
printf 'case_prefix = TW\naccept_days = 20\n' >"$T_DIR/twenty.conf"
run padd --policy "$T_DIR/ten.conf" $F --subject ten </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .case_no) $(printf '%s\n' "$OUT" | jget .accept_due)" \
	"0:CS-2017-000001 2017-03-31" "--policy: its case prefix and time limit"
is "$(cf CS-2017-000001 '.deadlines|length') $(cf CS-2017-000001 .deadlines[0].rule)" \
	"1 received 2017-03-21 + 10 calendar days" "and the rule says so"
run env PETITION_POLICY="$T_DIR/twenty.conf" "$PETITION_BIN/petition-add" $F --subject twenty </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .case_no) $(printf '%s\n' "$OUT" | jget .accept_due)" \
	"0:TW-2017-000001 2017-04-10" "PETITION_POLICY"
run env PETITION_POLICY="$T_DIR/twenty.conf" "$PETITION_BIN/petition-add" --policy "$T_DIR/ten.conf" \
	$F --subject both </dev/null
is "$RC:$(printf '%s\n' "$OUT" | jget .case_no)" "0:CS-2017-000002" "--policy overrides PETITION_POLICY"
run plist --sort id </dev/null
is "$(printf '%s\n' "$OUT" | jget .accept_due | paste -sd ' ' -)" "2017-03-31 2017-04-10 2017-03-31" \
	"a case keeps the due date of the policy it was registered under"
printf 'accept_days = x\n' >"$T_DIR/bad.conf"
sum=$(dbsum)
run padd --policy "$T_DIR/bad.conf" $F --subject bad </dev/null
isnt "$RC" 0 "a bad policy file: refused"
is "$OUT:$ERR" ":petition-add: $T_DIR/bad.conf: line 1: accept_days: bad value \"x\"" \
	"the message names the file, the line and the key"
is "$(dbsum)" "$sum" "nothing written"

# --- the time zone of the machine does not matter ----------------------------

for tz in UTC America/Los_Angeles Asia/Tokyo; do
	run env TZ=$tz "$PETITION_BIN/petition-add" -n --received-at 2017-03-21T23:30 \
		--channel letter --unit 510802 --subject tz </dev/null
	is "$(printf '%s\n' "$OUT" | jget .received_at) $(printf '%s\n' "$OUT" | jget .accept_due)" \
		"2017-03-21T23:30:00+08:00 2017-04-05" "TZ=$tz: the same local time and due date"
done

# --- output when stdout is not a terminal -------------------------------------

run plist </dev/null
like "$OUT" '^\{"id":1,' "petition-list writes JSON Lines when stdout is not a terminal"

# --- a reader that goes away ----------------------------------------------------

fresh_store
c60k=$(head -c 60000 /dev/zero | tr '\0' x)
for i in 1 2 3 4 5; do
	printf '{"received_at":"2017-01-1%d","channel":"letter","unit":"510802","subject":"big %d","content":"%s"}\n' \
		"$i" "$i" "$c60k"
done >"$T_DIR/big.jsonl"
unset c60k
# closed CMD...: runs CMD... | head -c1; prints its exit code and stderr
closed() {
	{ "$@"; echo $? >"$T_DIR/closed.rc"; } 2>"$T_DIR/closed.err" | head -c1 >/dev/null
	echo "$(cat "$T_DIR/closed.rc"):$(cat "$T_DIR/closed.err")"
}
is "$(closed padd <"$T_DIR/big.jsonl")" "0:" "petition-add | head -c1: exit 0, no message"
is "$(ncases)" 5 "and the cases are added"
for f in jsonl csv table; do
	is "$(closed plist -f $f </dev/null)" "0:" "petition-list -f $f | head -c1: exit 0, no message"
	is "$(closed pshow -f $f 1 2 3 4 5 </dev/null)" "0:" "petition-show -f $f | head -c1: exit 0, no message"
done
is "$(closed punit -f csv </dev/null)" "0:" "petition-unit | head -c1: exit 0, no message"
for f in jsonl csv table; do
	is "$(closed "$PETITION_BIN/petition-report" -f $f --by day,unit --from 2016-01-01 </dev/null)" "0:" \
		"petition-report -f $f | head -c1: exit 0, no message"
done
is "$(closed "$PETITION_BIN/petition-escalate" -n </dev/null)" "0:" "petition-escalate -n | head -c1: exit 0, no message"

# --- one storage interface: the engines alone see their libraries -------------

# only lib/store/sqlite/ (and lib/store/postgres/) may include sqlite3.h or libpq-fe.h
leaks=$(cd "$T_ROOT" && grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](sqlite3|libpq-fe)\.h[>"]' \
	lib cmd | grep -vE '^lib/store/(sqlite|postgres)/' | sort | tr '\n' ' ')
is "$leaks" "" "no file of lib/ or cmd/ outside the engines includes sqlite3.h or libpq-fe.h"
# status sets are the C arrays of lib/schema.c, never lists spelt in SQL
ST='registered|accepted|declined|transferred|replied|delivered|reviewing|reviewed|rereviewing|final|closed|voided'
lists=$(cd "$T_ROOT" && grep -rnE "IN *\\( *'($ST)'|'($ST)' *, *'" lib cmd | cut -d: -f1,2 | tr '\n' ' ')
is "$lists" "" "no SQL text spells a list of statuses"
# the unit subtree is one named fragment
n=$(cd "$T_ROOT" && for e in lib/store/*/; do cat lib/*.[ch] lib/store/*.[ch] "$e"*.[ch] |
	grep -c 'RECURSIVE sub'; done | sort -u)
is "$n" 1 "the unit subtree query is written once in each engine"
# the --db value chooses the engine: a PostgreSQL URL goes to the server
# (none listens on port 1), or is refused by a build without the engine
(cd "$T_DIR" && "$PETITION_BIN/petition-list" --db 'postgresql://clerk:s3cret@127.0.0.1:1/petition' \
	</dev/null >pg.out 2>pg.err; echo $? >pg.rc)
if "$PETITION_BIN/petition-list" --version | grep -q '^stores:.* postgresql'; then
	like "$(cat "$T_DIR/pg.rc"):$(cat "$T_DIR/pg.out"):$(cat "$T_DIR/pg.err")" \
		'^5::petition-list: postgresql://clerk@127\.0\.0\.1:1/petition: connect: ' \
		"--db postgresql://...: exit 5, the server named in the message, not the password"
else
	is "$(cat "$T_DIR/pg.rc"):$(cat "$T_DIR/pg.out"):$(cat "$T_DIR/pg.err")" \
		"5::petition-list: postgresql: this build has no PostgreSQL engine" \
		"--db postgresql://...: exit 5, no PostgreSQL engine in this build"
fi
lacks "$(cat "$T_DIR/pg.err")" s3cret "... the password is never shown"
ok "... and no file was made of the URL" test ! -e "$T_DIR/postgresql:"

# --- a schema newer than the tools know (issue 10, item 9) ----------------------
# every tool refuses it, petition-report included: exit 5, naming both versions
# (a SQLite file whose user_version the sqlite3 shell sets)

sqlite_only "a SQLite file of a newer schema version"

cp "$PETITION_DB" "$T_DIR/newer.db"
sql 'PRAGMA user_version = 999' "$T_DIR/newer.db"
newer_sum=$(dbsum "$T_DIR/newer.db")
for b in $BINS; do
	dbopt=--db
	case $b in
	petition-add) set -- --received-at 2017-01-10 --channel letter --unit 510802 --subject x ;;
	petition-copy) dbopt=--from; set -- --to "$T_DIR/copy-of-newer.db" ;;
	petition-assign) set -- --accept --category petition 1 ;;
	petition-handle) set -- --note x 1 ;;
	petition-review) set -- --request review 1 ;;
	petition-show) set -- 1 ;;
	petition-notice) set -- --kind accept 1 ;;
	petition-report) set -- --by unit ;;
	petition-export) set -- --open311 requests ;;
	petition-import) set -- --open311 ;;
	*) set -- ;;
	esac
	run "$PETITION_BIN/$b" $dbopt "$T_DIR/newer.db" "$@" </dev/null
	is "$RC" 5 "$b: a database of schema version 999: exit 5"
	like "$ERR" "^$b: .*schema version 999 is newer than this program knows \\([0-9]+\\)$" \
		"$b: ... with a message naming both versions"
done
is "$(dbsum "$T_DIR/newer.db")" "$newer_sum" "the newer database is left as it was"

done_testing
