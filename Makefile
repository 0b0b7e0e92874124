# pushback - one GNU Makefile, no recursion.
#   make            build build/libpushback.a and build/pushback
#   make run        simulate the default scenario and write its HTML brief
#   make test       unit tests (Criterion) and CLI tests
#   make bench      benchmarks against the numpy baseline (tests/bench)
#   make SANITIZE=address,undefined test   the same under sanitizers, in build/san/
# Missing Debian packages are installed by .ci/deps.sh (via sudo when not root).

SHELL   := /bin/bash
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS    := gsl libconfig jansson libedit yaml-0.1 libmd

WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla -fno-common
ifneq ($(DEVELOPER)$(CI),)
WARN += -Werror
endif

BUILD := build
ifneq ($(SANITIZE),)
BUILD := build/san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CRIT_LIBS  = $(shell pkg-config --libs criterion 2>/dev/null)

# The library's layers, lowest first (.ci/include-lint.sh checks that a file
# includes only its own layer, lower ones, or <pushback/...>). Each folder is
# on the include path, so a header is named without its folder.
LAYERS   := base model engine manager report
LAYER_INC := -Isrc $(LAYERS:%=-Isrc/%)

ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L \
             -Iinclude $(LAYER_INC) -pthread $(PKG_CFLAGS) \
             $(SANFLAGS) $(CFLAGS) -MMD -MP
LDLIBS_ALL = $(PKG_LIBS) -lcsv -lm -pthread

LIB_SRC  := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
CLI_SRC  := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c) tests/helpers.c
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/default_rulebook.o
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all deps test check run bench fuzz valgrind browser install uninstall format format-check clean
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory $(BUILD)/libpushback.a $(BUILD)/pushback

deps:
	@sh .ci/deps.sh build

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The command line sees the library only through include/pushback/ (no -Isrc);
# .ci/include-lint.sh checks the include lines themselves.
CLI_CFLAGS = $(filter-out $(LAYER_INC),$(ALL_CFLAGS))
$(BUILD)/src/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CLI_CFLAGS) -c $< -o $@

# The default rulebook is built into the binary, so an installed pushback
# needs no data folder and a new PREFIX needs no rebuild.
$(BUILD)/gen/default_rulebook.c: scenarios/rulebooks/manager.cfg
	@mkdir -p $(dir $@)
	@{ echo '/* generated from $< by the Makefile: do not edit */'; \
	   echo '#include <stddef.h>'; \
	   echo '#include "default_rulebook.h"'; \
	   echo 'const unsigned char pb_cli_default_rulebook[] = {'; \
	   od -An -v -tu1 $< | sed -e 's/  */ /g' -e 's/^ //' -e 's/ /, /g' -e 's/$$/,/'; \
	   echo '0};'; \
	   echo "const size_t pb_cli_default_rulebook_len = $$(wc -c <$<);"; } >$@

# The rehearsal's personas (rulebooks) are built in likewise: src/cli/personas.h.
PERSONAS := product finance techlead
CLI_OBJ  += $(BUILD)/gen/personas.o
$(BUILD)/gen/personas.c: $(PERSONAS:%=scenarios/rulebooks/%.cfg)
	@mkdir -p $(dir $@)
	@{ echo '/* generated from $^ by the Makefile: do not edit */'; \
	   echo '#include "personas.h"'; \
	   for p in $(PERSONAS); do \
	     echo "static const unsigned char persona_$$p[] = {"; \
	     od -An -v -tu1 scenarios/rulebooks/$$p.cfg | sed -e 's/  */ /g' -e 's/^ //' -e 's/ /, /g' -e 's/$$/,/'; \
	     echo '0};'; \
	   done; \
	   echo 'const cli_persona cli_personas[] = {'; \
	   for p in $(PERSONAS); do echo "    {\"$$p\", persona_$$p},"; done; \
	   echo '    {0, 0}};'; } >$@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -Isrc/cli -c $< -o $@

$(BUILD)/libpushback.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/pushback: $(CLI_OBJ) $(BUILD)/libpushback.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libpushback.a $(LDLIBS_ALL)

$(BUILD)/test_pushback: $(TEST_OBJ) $(BUILD)/libpushback.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libpushback.a $(CRIT_LIBS) $(LDLIBS_ALL)

export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

# The unit binary, then the CLI tests. Criterion passes leaking tests, so the
# log is searched for LeakSanitizer reports.
test check:
	@sh .ci/deps.sh test
	@sh .ci/include-lint.sh
	@$(MAKE) --no-print-directory $(BUILD)/libpushback.a $(BUILD)/pushback $(BUILD)/test_pushback
	@set -o pipefail; $(BUILD)/test_pushback -j2 2>&1 | tee $(BUILD)/test.log; \
	    st=$$?; if grep -q 'ERROR: LeakSanitizer' $(BUILD)/test.log; then \
	    echo "pushback: LeakSanitizer reported leaks (see $(BUILD)/test.log)"; exit 1; fi; exit $$st
	@sh tests/cli/run.sh $(BUILD)/pushback

run: all
	$(BUILD)/pushback simulate scenarios/fcw.cfg
	@$(BUILD)/pushback brief scenarios/fcw.cfg --format html -o $(BUILD)/brief.html
	@echo "pushback: the HTML brief of scenarios/fcw.cfg is $(CURDIR)/$(BUILD)/brief.html"

bench:
	@sh .ci/deps.sh bench
	@$(MAKE) --no-print-directory $(BUILD)/pushback
	@sh tests/bench/run.sh $(BUILD)/pushback
	@$(MAKE) --no-print-directory $(BUILD)/bench_rehearse
	@$(BUILD)/bench_rehearse

# The rehearsal's time per turn (tests/bench/rehearse.c), for 'make bench'.
$(BUILD)/bench_rehearse: tests/bench/rehearse.c $(BUILD)/libpushback.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpushback.a $(LDLIBS_ALL)

# Fuzzing with libFuzzer, ASan and UBSan (clang 14): each target for FUZZ_SECONDS,
# seeded from the scenarios, the test fixtures and tests/fuzz/corpus. A crash,
# a leak or a hang fails the target and leaves its input in build/fuzz/artifacts/.
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := scenario rulebook expr template brief edit import answer
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS   = -std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L \
                -Iinclude $(LAYER_INC) -pthread $(PKG_CFLAGS) $(FUZZ_SAN)
FUZZ_OBJ     := $(LIB_SRC:%.c=build/fuzz/%.o)
.SECONDARY: $(FUZZ_OBJ)

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) -lcsv -lm -pthread

fuzz:
	@sh .ci/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# the HTML brief opened in headless Chromium: charts, numbers, console (CI runs it)
browser: all
	@sh .ci/deps.sh browser
	@sh tests/browser/check.sh
	@sh tests/browser/page.sh

# memcheck over every command (slow; CI runs it)
valgrind: all
	@sh tests/valgrind.sh $(BUILD)/pushback

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/pushback
	install -m 755 $(BUILD)/pushback $(DESTDIR)$(PREFIX)/bin/pushback
	install -m 644 $(BUILD)/libpushback.a $(DESTDIR)$(PREFIX)/lib/libpushback.a
	install -m 644 include/pushback/*.h $(DESTDIR)$(PREFIX)/include/pushback/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 src/cli/pushback.1 $(DESTDIR)$(PREFIX)/share/man/man1/pushback.1
	install -d $(DESTDIR)$(PREFIX)/share/pushback/rulebooks $(DESTDIR)$(PREFIX)/share/pushback/examples
	install -m 644 scenarios/rulebooks/*.cfg $(DESTDIR)$(PREFIX)/share/pushback/rulebooks/
	install -m 644 scenarios/*.cfg $(DESTDIR)$(PREFIX)/share/pushback/examples/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pushback $(DESTDIR)$(PREFIX)/lib/libpushback.a
	rm -rf $(DESTDIR)$(PREFIX)/include/pushback $(DESTDIR)$(PREFIX)/share/pushback
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/pushback.1

FMT_FILES = $(wildcard $(LAYERS:%=src/%/*.[ch]) src/cli/*.[ch] include/pushback/*.h tests/*.[ch] tests/fuzz/*.c tests/bench/*.c)
format:
	clang-format -i $(FMT_FILES)

format-check:
	clang-format --dry-run --Werror $(FMT_FILES)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
