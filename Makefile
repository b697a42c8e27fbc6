# petition: a toolkit for environmental complaint and petition casework.
# make            build bin/
# make deps       install missing Debian packages (as root), or print the command
# make demo       set up, build, create a sample database and run a pipeline
# make check      set up, build, run every test (also under ASan and UBSan)
# make bench      throughput and peak memory beside the sqlite3 shell
# make install    PREFIX=/usr/local DESTDIR=

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
SHAREDIR  = $(PREFIX)/share/petition
MANDIR    = $(PREFIX)/share/man

CC       ?= cc
OPT      ?= -O2 -g
CFLAGS   ?= $(OPT)
# warnings are errors, for developers and make check; a packager whose newer
# compiler brings new warnings builds with make WERROR=0
WERROR   ?= 1
CFLAGS   += -std=c11 -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) -D_DEFAULT_SOURCE -D_GNU_SOURCE
CPPFLAGS += -Ilib -Icmd/common -DPT_VERSION='"$(VERSION)"' -DPT_SHAREDIR='"$(SHAREDIR)"'
# the PostgreSQL engine, when libpq is there (make PG=0 builds without it)
PG       ?= $(shell pkg-config --exists libpq 2>/dev/null && echo 1 || echo 0)
LDLIBS   += -lsqlite3 -lcjson -lcsv -lical -lnettle -lunistring -lxlsxwriter -lm
# libxml2: Open311's XML, read and written
CPPFLAGS += $(shell pkg-config --cflags libxml-2.0)
LDLIBS   += $(shell pkg-config --libs libxml-2.0)
ifeq ($(PG),1)
CPPFLAGS += -DPT_HAVE_POSTGRES $(shell pkg-config --cflags libpq)
LDLIBS   += $(shell pkg-config --libs libpq)
endif
SAN       = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

BUILD    ?= build
BIN      ?= bin

CMDS     = $(patsubst cmd/%.c,%,$(wildcard cmd/petition-*.c))
# the front command: petition NAME runs petition-NAME
FRONT    = petition
ENGINES  = sqlite $(if $(filter 1,$(PG)),postgres)
LIBSRC   = $(wildcard lib/*.c lib/store/*.c $(ENGINES:%=lib/store/%/*.c))
LIBHDR   = $(wildcard lib/*.h lib/store/*.h $(ENGINES:%=lib/store/%/*.h))
LIBOBJ   = $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIBSRC))
LIBA     = $(BUILD)/libpetition.a
# the layer that parses options, prints and exits: linked by the binaries only
CLISRC   = $(wildcard cmd/common/*.c)
CLIOBJ   = $(patsubst cmd/common/%.c,$(BUILD)/common/%.o,$(CLISRC))
CLIA     = $(BUILD)/libpetition-cli.a
UNITSRC  = $(wildcard tests/unit/test_*.c)
UNITBIN  = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNITSRC))
DEMO_DB  = demo/petition.db

DEB_PKGS = build-essential libsqlite3-dev libcjson-dev libcsv-dev libical-dev nettle-dev libunistring-dev libxml2-dev \
           libcmocka-dev sqlite3 perl tzdata time jq valgrind python3 mandoc \
           libpq-dev pkg-config postgresql \
           libxlsxwriter-dev python3-openpyxl chromium fonts-noto-cjk python3-pil

FUZZERS  = jsonl csv dates policy record template flags keys units open311 bundle
FUZZ_SECONDS ?= 60

.PHONY: FORCE all deps deps-bench demo check check-plain check-pg check-nopg check-san check-valgrind unit e2e bench install clean \
	fuzz fuzz-replay deps-fuzz
.DELETE_ON_ERROR:
.SECONDARY:
MAKEFLAGS += --no-print-directory

all: $(addprefix $(BIN)/,$(FRONT) $(CMDS))

Q = $(if $(V),,@)

# the compiler line of the last build: objects built otherwise (without
# -Werror, under the sanitizers) are built again
$(BUILD)/cflags: FORCE | $(BUILD)
	@echo '$(CC) $(CPPFLAGS) $(CFLAGS)' | cmp -s - $@ || echo '$(CC) $(CPPFLAGS) $(CFLAGS)' >$@
FORCE:

$(BUILD)/lib/%.o: lib/%.c $(LIBHDR) $(BUILD)/cflags | $(BUILD)/lib
	@echo "  CC  $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	$(Q)$(AR) rcs $@ $^

$(BUILD)/common/%.o: cmd/common/%.c cmd/common/*.h $(LIBHDR) $(BUILD)/cflags | $(BUILD)/common
	@echo "  CC  $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(CLIA): $(CLIOBJ)
	$(Q)$(AR) rcs $@ $^

$(BUILD)/cmd/%.o: cmd/%.c cmd/common/*.h $(LIBHDR) $(BUILD)/cflags | $(BUILD)/cmd
	@echo "  CC  $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BIN)/%: $(BUILD)/cmd/%.o $(CLIA) $(LIBA) | $(BIN)
	@echo "  LD  $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# test_cli tests the option table of the command-line layer
$(BUILD)/tests/%: tests/unit/%.c $(CLIA) $(LIBA) | $(BUILD)/tests
	@echo "  LD  $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lcmocka $(LDLIBS)

$(BUILD)/bench-gen: tests/bench/gen.c | $(BUILD)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -o $@ $< -lcjson -lcsv

$(BUILD) $(BUILD)/lib $(BUILD)/common $(BUILD)/cmd $(BUILD)/tests $(BIN):
	mkdir -p $@

deps:
	@sh tests/deps.sh $(DEB_PKGS)

demo: deps
	$(MAKE) all
	sh share/petition/demo.sh $(DEMO_DB)

check: deps
	$(MAKE) check-plain
	$(if $(filter 1,$(PG)),$(MAKE) check-pg check-nopg)
	$(MAKE) check-san
	$(MAKE) check-valgrind

# a build without libpq builds, refuses a postgresql:// URL, and works
check-nopg:
	$(MAKE) PG=0 BUILD=build/nopg BIN=build/nopg/bin all
	env PETITION_BIN=$(abspath build/nopg/bin) PETITION_SHARE=$(abspath share/petition) \
		prove -f --timer -j$(JOBS) tests/t/0001-add.t tests/t/0008-conventions.t

# the end-to-end suite once more against PostgreSQL: a private server,
# started here in a temporary directory and stopped at the end
check-pg: all
	@d=$$(mktemp -d "$${TMPDIR:-/tmp}/petition-pg.XXXXXX") || exit 1; \
	trap 'sh tests/pg-server stop "$$d/pg"; rm -rf "$$d"' EXIT INT TERM; \
	chmod 755 "$$d" && sh tests/pg-server start "$$d/pg" && \
	env $$(sh tests/pg-server env "$$d/pg") PETITION_TEST_DB=pg $(MAKE) e2e

check-plain: all $(UNITBIN)
	$(MAKE) unit fuzz-replay e2e

check-san:
	$(MAKE) BUILD=build/san BIN=build/san/bin OPT='-O1 -g $(SAN)' LDFLAGS='$(SAN)' \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 check-plain

# the end-to-end suite once more, every binary under valgrind: any memory
# error or definite leak fails the test that ran it. Valgrind costs a second
# or two a run whatever the run does, so each test runs each shape of
# command line under valgrind once, natively after that (tests/memcheck
# says what a shape is; MEMCHECK=all runs every one under valgrind); the
# stress tests run smaller there, every run under valgrind; the tests of
# text alone (help, man pages, the front command's listing) and of the
# report's output formats (whose writers and report run under valgrind in
# the list, report and workbook tests) are left to the runs above. The fuzz
# corpus, every hostile input found, is replayed under valgrind too, in one
# process a reader.
MEMCHECK ?= shape
VALGRIND = valgrind -q --error-exitcode=97 --leak-check=full --read-inline-info=no \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
check-valgrind: all
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	@for c in $(FRONT) $(CMDS); do \
		printf '#!/bin/sh\nexec %s %s "$$@"\n' $(abspath tests/memcheck) $(abspath $(BIN))/$$c \
			> $(BUILD)/valgrind/$$c && chmod +x $(BUILD)/valgrind/$$c; \
	done
	$(MAKE) fuzz-replay FUZZ_RUN='$(VALGRIND)'
	$(call prove-e2e,PETITION_BIN=$(abspath $(BUILD)/valgrind) PETITION_VALGRIND='$(VALGRIND)' \
		PETITION_MEMCHECK=$(MEMCHECK) PETITION_REPLAY=$(abspath $(BUILD)/fuzz) \
		PETITION_PROBE_BIN=$(abspath $(BIN)) PETITION_SHARE=$(abspath share/petition) \
		PETITION_BIG_TESTS=0 PETITION_CRASH_CASES=300 PETITION_CRASH_KILLS=5 \
		PETITION_CONCURRENCY_OPS=100 PETITION_CONCURRENCY_WORKERS=4 PETITION_BATCH_CASES=30 \
		PETITION_FIRST_USE_ROUNDS=4,$(E2E_MEMORY))

# the end-to-end tests run JOBS at a time, then the stress tests alone (they
# measure crashes and lock waits, and must not share the machine)
JOBS    ?= $(shell nproc 2>/dev/null || echo 1)
STRESS   = tests/t/0402-crash-safety.t tests/t/0403-concurrency.t tests/t/0408-postgres.t
E2E      = $(filter-out $(STRESS),$(sort $(wildcard tests/t/*.t)))
NOT_MEMORY = tests/t/0008-conventions.t tests/t/0010-front.t tests/t/0011-memcheck.t \
             tests/t/0303-report-formats.t
# the longest under valgrind first, so that the others share the cores with them
SLOW_MEMORY = tests/t/0401-hostile-input.t tests/t/0004-list.t tests/t/0203-escalate-safety.t \
              tests/t/0101-assign.t tests/t/0201-escalate.t tests/t/0001-add.t tests/t/0502-exchange.t
E2E_MEMORY = $(SLOW_MEMORY) $(filter-out $(NOT_MEMORY) $(SLOW_MEMORY),$(E2E))
# prove-e2e ENV[,TESTS]: TESTS (default all but the stress tests) JOBS at a time, then the stress tests
prove-e2e = env $(1) prove -f --timer -j$(JOBS) $(or $(2),$(E2E)) && env $(1) prove -f --timer $(STRESS)

unit: $(UNITBIN)
	@for t in $(UNITBIN); do echo "== $$t"; $$t || exit 1; done

e2e: all
	$(call prove-e2e,PETITION_BIN=$(abspath $(BIN)) PETITION_SHARE=$(abspath share/petition))

# make check replays the committed fuzz corpus and every crash ever found
$(BUILD)/fuzz/replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/*.h $(LIBA)
	@mkdir -p $(@D)
	@echo "  LD  $@"
	$(Q)$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) $(LDFLAGS) -o $@ \
		tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(LIBA) $(LDLIBS)

fuzz-replay: $(addprefix $(BUILD)/fuzz/replay-,$(FUZZERS))
	@for f in $(FUZZERS); do \
		PETITION_SHARE=$(abspath share/petition) $(FUZZ_RUN) $(BUILD)/fuzz/replay-$$f \
			tests/fuzz/corpus/$$f/* $$(ls tests/fuzz/crashes/$$f-* 2>/dev/null) || exit 1; \
	done

# make fuzz: libFuzzer (clang) on every input path, FUZZ_SECONDS each; new
# crashes land in tests/fuzz/crashes/ to be fixed and committed
deps-fuzz:
	@sh tests/deps.sh clang libclang-rt-14-dev
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
fuzz: deps-fuzz
	$(MAKE) BUILD=build/fuzz/obj CC=clang OPT='-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)' \
		build/fuzz/obj/libpetition.a
	@mkdir -p build/fuzz/run tests/fuzz/crashes
	@for f in $(FUZZERS); do \
		clang $(CPPFLAGS) -Itests/fuzz -std=c11 -D_GNU_SOURCE -O1 -g \
			-fsanitize=fuzzer $(FUZZ_SAN) -o build/fuzz/fuzz-$$f tests/fuzz/fuzz_$$f.c \
			build/fuzz/obj/libpetition.a $(LDLIBS) || exit 1; \
		mkdir -p build/fuzz/run/$$f && cp tests/fuzz/corpus/$$f/* build/fuzz/run/$$f/; \
		echo "== fuzz $$f ($(FUZZ_SECONDS) s)"; \
		PETITION_SHARE=$(abspath share/petition) build/fuzz/fuzz-$$f \
			-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
			-artifact_prefix=tests/fuzz/crashes/$$f- build/fuzz/run/$$f \
			2>&1 | grep -E '^#[0-9]+ +DONE|^Done|ERROR|SUMMARY' ; \
	done

# taskwarrior: an outside anchor of make bench; its rows are left out without it
deps-bench:
	@sh tests/deps.sh taskwarrior || echo "bench: taskwarrior missing: its rows are left out"
bench: deps deps-bench
	$(MAKE) all $(BUILD)/bench-gen
	tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(addprefix $(BIN)/,$(FRONT) $(CMDS)) $(DESTDIR)$(BINDIR)/
	install -d $(DESTDIR)$(SHAREDIR)/templates
	install -m 644 share/petition/*.conf share/petition/*.csv share/petition/*.txt share/petition/recipients share/petition/crontab.example $(DESTDIR)$(SHAREDIR)/
	install -m 755 share/petition/*.sh $(DESTDIR)$(SHAREDIR)/
	install -m 644 share/petition/templates/*.txt $(DESTDIR)$(SHAREDIR)/templates/
	install -m 644 share/man/man1/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 share/man/man7/*.7 $(DESTDIR)$(MANDIR)/man7/
	for c in $(FRONT) $(CMDS); do install -m 644 completions/petition.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$c; done
	install -m 644 completions/_petition $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_petition
	for c in $(FRONT) $(CMDS); do install -m 644 completions/petition.fish \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$c.fish; done

clean:
	rm -rf build bin demo
