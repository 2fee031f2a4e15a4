# SPDX-License-Identifier: Apache-2.0
#
# seccompdbg: plain GNU make. Everything is written under $(BUILD)/.
#
#   make            build $(BUILD)/seccompdbg
#   make check      build and run every test (unit, system, live, screen,
#                   tutorial); make check-unit: the unit tests alone;
#                   make check-no-ia32: every test as on a kernel
#                   without IA32 emulation (docs/testing.md)
#   make check SANITIZE=1   the same under ASan + UBSan, in build/sanitize
#   make fuzz       each libFuzzer harness for FUZZ_TIME seconds (60)
#   make demo       build and run the bundled example
#   make bench      speed benchmarks (ratio tables, not assertions)
#   make install    PREFIX=/usr/local DESTDIR=
#   make format-check / make format
#
# Missing Debian packages are installed with apt-get when run as root;
# otherwise the one command to run is printed.

.DEFAULT_GOAL := all

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
# SANITIZE=1: AddressSanitizer and UndefinedBehaviorSanitizer, every
# report fatal, in a build directory of its own (docs/testing.md).
ifneq ($(SANITIZE),)
BUILD ?= build/sanitize
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
CFLAGS ?= -O1 -g
endif
# FUZZ=1 (make fuzz's inner make): the library built again with clang for
# libFuzzer, ASan and UBSan, in build/fuzz beside the harnesses.
FUZZ_CC ?= clang-14
ifneq ($(FUZZ),)
BUILD ?= build/fuzz
CC := $(FUZZ_CC)
SAN_FLAGS := -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS ?= -O1 -g
# clang's -Wformat=2 and -Wextra see more than gcc's: vsnprintf wrappers,
# designated initialisers that leave fields zero
EXTRA_WARNINGS := -Wno-format-nonliteral -Wno-missing-field-initializers
endif
BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
V ?= 0

# Each third-party library belongs to one module (docs/architecture.md):
# only that module's objects get its compiler flags (PKGS_<module>).
PKGS_compile := libseccomp
PKGS_sysent := libseccomp
PKGS_tui := ncursesw
PKGS_unwind := libdw
# json-c writes the JSON we produce, libyaml reads and writes YAML
PKGS_doc := json-c yaml-0.1
PKGS := libseccomp ncursesw libdw json-c yaml-0.1
# json-c is also the unit tests' independent JSON reader, held against
# ours (docs/profile-semantics.md, "A strict scanner, not json-c").
TEST_PKGS := json-c
DEBS_BUILD := gcc make pkg-config libc6-dev libseccomp-dev libjson-c-dev \
	libncurses-dev libdw-dev libyaml-dev
# What the tests run: 32-bit test programs, the screen tests' terminal,
# the live tests' driver, real programs from Debian to trace, and what
# docs/tutorial.md runs besides (jq; PyYAML parses its Kubernetes pod);
# gdb stops seccompdbg between its fork and its seize (test_signals.py).
DEBS_TEST := gcc-multilib tmux python3 strace git tar coreutils procps gdb \
	util-linux jq python3-yaml
# The container runtimes the container tests start (docs/containers.md),
# and the busybox their root file system is made of; the export tests'
# consumers besides (bubblewrap loads raw BPF, systemd-analyze reads a
# drop-in: docs/export.md).
DEBS_CONTAINERS := runc crun podman docker.io busybox-static bubblewrap \
	systemd
# The browser the browser tests run with its sandbox (docs/browser.md);
# about 120 MB and 25 packages, 18 s to install on the development machine.
DEBS_BROWSER := chromium
DEBS_BENCH := linux-perf strace time
# gcc's sanitizer run-time libraries (SANITIZE=1).
DEBS_SANITIZE := libasan8 libubsan1

WARNINGS := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wwrite-strings -Wundef \
	$(EXTRA_WARNINGS)
ifneq ($(WERROR),)
WARNINGS += -Werror
endif

ifeq ($(V),0)
Q := @
say = @printf '  %-7s %s\n' $(1) $(2);
else
Q :=
say :=
endif

# --- dependencies ----------------------------------------------------------
# $(call ensure-debs,PACKAGES): install what dpkg does not have, or say how.
define ensure-debs
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
		for p in $(1); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
				grep -q 'ok installed' || missing="$$missing $$p"; \
		done; \
	fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages:$$missing"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq >/dev/null 2>&1 || true; \
			apt-get install -y -qq --no-install-recommends $$missing \
				>$(BUILD)/apt.log 2>&1 || \
				{ cat $(BUILD)/apt.log; exit 1; }; \
		else \
			echo "seccompdbg needs these Debian packages:$$missing"; \
			echo "Run: sudo apt-get install$$missing"; \
			exit 1; \
		fi; \
	fi
endef

# The flags come from pkg-config once the packages are there, cached in
# $(BUILD)/config.mk (make re-reads it after building it).
NOCONFIG_GOALS := clean help format format-check
ifneq ($(filter-out $(NOCONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
-include $(BUILD)/config.mk
endif

$(BUILD)/config.mk: Makefile
	@mkdir -p $(BUILD)
	$(call ensure-debs,$(DEBS_BUILD) $(if $(SAN_FLAGS),$(DEBS_SANITIZE)))
	@pkg-config --exists --print-errors $(PKGS) $(TEST_PKGS)
	@{ for p in $(sort $(PKGS) $(TEST_PKGS)); do \
		echo "PKG_CFLAGS_$$p := $$(pkg-config --cflags $$p)"; done; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "TEST_PKG_LIBS := $$(pkg-config --libs $(TEST_PKGS))"; } > $@

# --- sources ---------------------------------------------------------------
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARNINGS) -Iinclude $(CFLAGS) \
	$(SAN_FLAGS) -MMD -MP
# $(call pkg_cflags,PACKAGES): their compiler flags.
pkg_cflags = $(foreach p,$(1),$(PKG_CFLAGS_$(p)))
# The flags of the libraries the module of source file $(1) owns.
module_cflags = $(call pkg_cflags,$(PKGS_$(word 2,$(subst /, ,$(1)))))
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)

LIB_SRCS := $(filter-out src/cli/main.c src/shim/main.c,\
	$(sort $(wildcard src/*/*.c)))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/src/cli/main.o
LIB := $(BUILD)/libseccompdbg.a
BIN := $(BUILD)/seccompdbg
# The runtime dockerd runs to reach our agent (docs/containers.md).
SHIM_OBJ := $(BUILD)/obj/src/shim/main.o
SHIM := $(BUILD)/seccompdbg-runc

# The C test suites share one runner. Unit tests need the library and
# tests/data only; system tests start programs (built ones, strace,
# seccompdbg), trace them, load filters into the kernel, and also use the
# unit tests' helper files that hold no test.
RUNNER_OBJ := $(BUILD)/obj/tests/runner/main.o
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o) $(RUNNER_OBJ)
UNIT_BIN := $(BUILD)/tests/unit-tests
SYSTEM_SRCS := $(sort $(wildcard tests/system/*.c)) tests/runner/programs.c
SYSTEM_OBJS := $(SYSTEM_SRCS:%.c=$(BUILD)/obj/%.o) $(RUNNER_OBJ) \
	$(BUILD)/obj/tests/unit/test_eval_rules.o \
	$(BUILD)/obj/tests/unit/test_stracelog_util.o
SYSTEM_BIN := $(BUILD)/tests/system-tests

# Live-test programs: tests/progs/NAME.c -> build/tests/progs/NAME, and a
# 32-bit build NAME-32 of those whose first line asks for it ("// m32").
PROG_SRCS := $(sort $(wildcard tests/progs/*.c))
PROGS := $(PROG_SRCS:tests/progs/%.c=$(BUILD)/tests/progs/%)
PROGS32 := $(patsubst tests/progs/%.c,$(BUILD)/tests/progs/%-32,\
	$(shell grep -l '^// m32' $(PROG_SRCS) /dev/null 2>/dev/null))

EXAMPLE_SRCS := $(sort $(wildcard examples/*.c))
EXAMPLES := $(EXAMPLE_SRCS:examples/%.c=$(BUILD)/examples/%)

.PHONY: all check check-unit check-system check-no-ia32 test-deps demo bench \
	fuzz fuzz-build fuzz-bins \
	install clean help format format-check progs

all: $(BIN) $(SHIM)

$(BUILD)/obj/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) $(call module_cflags,$<) -c -o $@ $<

# Tests reach into any module's internals: every library's flags.
TEST_CFLAGS = -Itests/runner -Itests/unit -DTEST_SRCDIR='"$(CURDIR)"' \
	$(call pkg_cflags,$(sort $(PKGS) $(TEST_PKGS)))
# Only system tests get the programs (test.h's TEST_SYSTEM part).
SYSTEM_CFLAGS = -Itests/system -DTEST_SYSTEM \
	-DTEST_BUILDDIR='"$(abspath $(BUILD))"'

$(BUILD)/obj/tests/unit/%.o: tests/unit/%.c $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

$(RUNNER_OBJ): tests/runner/main.c $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

$(SYSTEM_SRCS:%.c=$(BUILD)/obj/%.o): $(BUILD)/obj/tests/%.o: tests/%.c \
		$(BUILD)/config.mk
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) $(SYSTEM_CFLAGS) \
		-c -o $@ $<

$(LIB): $(LIB_OBJS)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(SHIM): $(SHIM_OBJ) $(LIB)
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(UNIT_BIN): $(UNIT_OBJS) $(LIB)
	@mkdir -p $(@D)
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(SYSTEM_BIN): $(SYSTEM_OBJS) $(LIB)
	@mkdir -p $(@D)
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Test programs are plain C, built the way a user would build theirs: with
# debug info and frame pointers so backtraces can name their functions.
PROG_CFLAGS := -std=gnu11 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer \
	-Wall -Wno-unused-result -pthread

$(BUILD)/tests/progs/%: tests/progs/%.c | $(BUILD)/.test-deps
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(PROG_CFLAGS) -o $@ $<

$(BUILD)/tests/progs/%-32: tests/progs/%.c | $(BUILD)/.test-deps
	@mkdir -p $(@D)
	$(call say,CC32,$<)$(CC) -m32 $(PROG_CFLAGS) -o $@ $<

$(BUILD)/examples/%: examples/%.c
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(PROG_CFLAGS) -o $@ $<

$(BUILD)/.test-deps: Makefile
	@mkdir -p $(BUILD)
	$(call ensure-debs,$(DEBS_TEST) $(DEBS_CONTAINERS) $(DEBS_BROWSER))
	@touch $@

test-deps: $(BUILD)/.test-deps

progs: $(PROGS) $(PROGS32) $(EXAMPLES)

check: $(BIN) $(SHIM) $(UNIT_BIN) $(SYSTEM_BIN) progs fuzz-build
	$(Q)BUILD=$(abspath $(BUILD)) SANITIZE=$(if $(SAN_FLAGS),1) \
		FUZZ_DIR=$(abspath $(FUZZ_DIR)) tests/run-all

# tests/progs/no_ia32 kills every i386 call below it (docs/testing.md).
check-no-ia32: $(BIN) $(SHIM) $(UNIT_BIN) $(SYSTEM_BIN) progs
	$(Q)BUILD=$(abspath $(BUILD)) $(BUILD)/tests/progs/no_ia32 tests/run-all

check-unit: $(UNIT_BIN)
	$(Q)$(UNIT_BIN)

check-system: $(BIN) $(SYSTEM_BIN) progs
	$(Q)$(SYSTEM_BIN)

# --- fuzzing (docs/testing.md) ----------------------------------------------
# tests/fuzz/fuzz_NAME.c -> build/fuzz/fuzz_NAME, with its corpus kept in
# tests/fuzz/corpus/NAME. make check replays every corpus and makes a
# short seeded run of each; make fuzz runs each for FUZZ_TIME seconds.
FUZZ_DIR := build/fuzz
FUZZ_TIME ?= 60
DEBS_FUZZ := clang-14 libclang-rt-14-dev
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,\
	$(sort $(wildcard tests/fuzz/fuzz_*.c)))

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Itests/fuzz \
		-o $@ $< $(LIB) $(PKG_LIBS)

fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/fuzz_%)

fuzz-build:
	@mkdir -p $(FUZZ_DIR)
	$(call ensure-debs,$(DEBS_FUZZ))
	$(Q)$(MAKE) --no-print-directory FUZZ=1 BUILD=$(FUZZ_DIR) fuzz-bins

fuzz: fuzz-build
	$(Q)FUZZ_DIR=$(abspath $(FUZZ_DIR)) tests/fuzz/run --time $(FUZZ_TIME)

demo: $(BIN) $(EXAMPLES)
	$(Q)BUILD=$(abspath $(BUILD)) examples/demo.sh

bench: $(BIN) progs
	$(call ensure-debs,$(DEBS_BENCH))
	$(Q)BUILD=$(abspath $(BUILD)) bench/run

install: $(BIN) $(SHIM)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/seccompdbg
	install -m 0755 $(SHIM) $(DESTDIR)$(BINDIR)/seccompdbg-runc
	install -m 0644 docs/seccompdbg.1 $(DESTDIR)$(MANDIR)/man1/seccompdbg.1

FORMAT_FILES = $(sort $(wildcard src/*/*.c src/*/*.h include/seccompdbg/*.h \
	tests/unit/*.[ch] tests/system/*.[ch] tests/runner/*.[ch] \
	tests/fuzz/*.[ch]))

format-check:
	$(Q)clang-format --dry-run --Werror $(FORMAT_FILES)

format:
	$(Q)clang-format -i $(FORMAT_FILES)

clean:
	rm -rf $(BUILD)

help:
	@sed -n '3,18p' Makefile | sed 's/^# \{0,1\}//'

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(SHIM_OBJ:.o=.d) \
	$(UNIT_OBJS:.o=.d) $(SYSTEM_OBJS:.o=.d) $(FUZZ_NAMES:%=$(BUILD)/fuzz_%.d)
