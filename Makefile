# SPDX-License-Identifier: GPL-2.0-only
#
# bpf-lsm-audit: audit kfuncs for BPF LSM programs, for Linux 7.3 (mainline)
# and its 6.12 LTS backport.
# The targets are the README's commands; see README.md.

CACHE ?= $(or $(BLA_CACHE),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/bpf-lsm-audit)
export BLA_CACHE := $(CACHE)
TOOLS := $(CACHE)/tools
BUILD := build

# The toolchain, named once: every rule below uses these.
CLANG ?= clang-19
CC := gcc-12
BPFTOOL := $(TOOLS)/bin/bpftool
LIBBPF := $(TOOLS)/libbpf/libbpf.a
VMLINUX_H := $(TOOLS)/include/vmlinux.h

# Flags of every program, BPF or userspace, and of every userspace one.
OPT_CFLAGS := -g -O2
USER_CFLAGS := $(OPT_CFLAGS) -Wall -Wextra -Werror
# vmlinux.h from pahole 1.24 declares some anonymous members as bare
# "struct x;" lines, which clang warns about: that warning is the
# toolchain's, not ours.
BPF_CFLAGS := $(OPT_CFLAGS) -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
	-Wno-missing-declarations -I$(TOOLS)/include -Iinclude -Itests/bpf
CFLAGS := $(USER_CFLAGS) -I$(BUILD)/skel -I$(TOOLS)/include -Ilib -Itests/lib \
	-Itests/selftests -Itests/bpf
LDLIBS := $(LIBBPF) -lelf -lz -lpthread

TEST_BPF := $(patsubst tests/bpf/%.bpf.c,%,$(wildcard tests/bpf/*.bpf.c))
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
# With the audit client, lib/audit.c, which the bench links too.
TEST_LIB := $(wildcard tests/lib/*.c) lib/audit.c

.PHONY: all build-tests kernel demo check audit-userspace vm-shell refresh clean help selftests-ci
.SECONDARY:

all: build-tests

help:
	@echo "make demo      boot the patched kernel and run the examples"
	@echo "make check     build everything and run every test"
	@echo "make kernel    build the patched kernel, libbpf, bpftool, vmlinux.h"
	@echo "make vm-shell  interactive shell in the guest (serial console)"
	@echo "make selftests-ci  upstream's test_progs on a BPF CI kernel, and"
	@echo "               on the same kernel without the series"
	@echo "               (KVER=6.12 for the backport)"
	@echo "make refresh   export the 7.3 tree's commits to kernel/patches/7.3"
	@echo "               (KVER=6.12 for the backport)"

# The kernel script decides itself whether anything needs rebuilding.
# make kernel builds the 7.3 kernel and the tools from its tree; make check
# builds every kernel it boots.
kernel:
	@scripts/kernel --kernel 7.3

$(VMLINUX_H) $(BPFTOOL) $(LIBBPF):
	@scripts/kernel

$(BUILD)/bpf/%.bpf.o: tests/bpf/%.bpf.c $(wildcard tests/bpf/*.h) include/bpf_lsm_audit.h $(VMLINUX_H) | $(BUILD)/bpf
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/skel/%.skel.h: $(BUILD)/bpf/%.bpf.o $(BPFTOOL) | $(BUILD)/skel
	$(BPFTOOL) gen skeleton $< name $(subst -,_,$*) >$@.tmp && mv $@.tmp $@

$(BUILD)/tests/%: tests/%.c $(TEST_LIB) tests/lib/*.h lib/audit.h \
		tests/selftests/test_progs.h $(wildcard tests/bpf/*.h) $(LIBBPF) \
		$(patsubst %,$(BUILD)/skel/%.skel.h,$(TEST_BPF)) | $(BUILD)/tests
	$(CC) $(CFLAGS) $< $(TEST_LIB) $(LDLIBS) -o $@

# Reads records back with libauparse, as operators' tools do.
$(BUILD)/tests/test_auparse: LDLIBS += -lauparse

# Reads auditd's log with libauparse (a check of tests/guest/examples.sh):
# libauparse alone, none of the tests' libraries.
$(BUILD)/tests/auparse_check: tests/auparse_check.c | $(BUILD)/tests
	$(CC) $(USER_CFLAGS) $< -lauparse -o $@

$(BUILD)/bpf $(BUILD)/skel $(BUILD)/tests:
	mkdir -p $@

# The selftests are built from each kernel's tree, which scripts/kernel
# creates: make caches what a directory holds when it first looks, so
# every tree is in place before the make that builds from it starts.
build-tests: kernel
	@for v in $(SELFTESTS_KVERS); do scripts/kernel --kernel $$v --tree-only || exit 1; done
	@$(MAKE) --no-print-directory $(TEST_BIN) $(BUILD)/tests/audit_off \
		$(BUILD)/tests/auparse_check examples template selftests-runner

# The kernels make check builds and boots, VERSION:FLAVOR, in this order
# (BLA_KERNELS= or BLA_FLAVORS= choose others; see README.md):
#   7.3:base, 6.12:base      the series, two CPUs
#   7.3:debug, 6.12:debug    KASAN, kmemleak, lockdep, PROVE_RCU,
#                            DEBUG_ATOMIC_SLEEP; again under multi-threaded
#                            TCG for the tests that race two tasks
#   6.12:pristine            6.12 without the series: the examples still
#                            enforce, without records
#   7.3:reentry              + a test-only patch that drops the load-time
#                            refusal of re-entrant hooks, with AppArmor: the
#                            run-time guard alone stops the recursion
#   7.3:nolock               + a test-only patch whose kmalloc_nolock()
#                            fails as without cmpxchg16b: no record lost
#   7.3:rt                   PREEMPT_RT with lockdep and DEBUG_ATOMIC_SLEEP
CHECK_KERNELS := 7.3:base 7.3:debug 6.12:base 6.12:debug 6.12:pristine \
	7.3:reentry 7.3:nolock 7.3:rt

check: build-tests audit-userspace
	@BLA_CHECK_KERNELS="$(CHECK_KERNELS)" scripts/check

demo: kernel audit-userspace
	@$(MAKE) --no-print-directory examples
	@vm/run -- examples/demo.sh

vm-shell: kernel
	@vm/run --shell

# Debian's audit userspace with userspace/audit/series, built under the
# cache (never over the system's tools).
audit-userspace:
	@scripts/audit-userspace

refresh:
	@scripts/refresh --kernel $(or $(KVER),7.3)

clean:
	rm -rf $(BUILD)

# ---------------------------------------------------------------------------
# examples: example policies, examples/NAME.bpf.c + examples/NAME.c, built
# into build/examples/NAME (see examples/README.md).  They need only the
# cached tools (vmlinux.h, libbpf, bpftool), never the kernel build.
# Their objects and skeletons live in examples/ subdirectories of build/bpf
# and build/skel, apart from the tests' (static pattern rules, which take
# precedence over the tests' pattern rules).

EXAMPLES := $(patsubst examples/%.bpf.c,%,$(wildcard examples/*.bpf.c))
EXAMPLE_OBJ := $(patsubst %,$(BUILD)/bpf/examples/%.bpf.o,$(EXAMPLES))
EXAMPLE_SKEL := $(patsubst %,$(BUILD)/skel/examples/%.skel.h,$(EXAMPLES))
EXAMPLE_BIN := $(patsubst %,$(BUILD)/examples/%,$(EXAMPLES))
EXAMPLE_CFLAGS := $(USER_CFLAGS) -I$(BUILD)/skel/examples -I$(TOOLS)/include \
	-Iexamples

.PHONY: examples

examples: $(EXAMPLE_BIN)

$(EXAMPLE_OBJ): $(BUILD)/bpf/examples/%.bpf.o: examples/%.bpf.c \
		include/bpf_lsm_audit.h $(VMLINUX_H) | $(BUILD)/bpf/examples
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(EXAMPLE_SKEL): $(BUILD)/skel/examples/%.skel.h: $(BUILD)/bpf/examples/%.bpf.o \
		$(BPFTOOL) | $(BUILD)/skel/examples
	$(BPFTOOL) gen skeleton $< name $(subst -,_,$*) >$@.tmp && mv $@.tmp $@

$(EXAMPLE_BIN): $(BUILD)/examples/%: examples/%.c examples/common.c \
		examples/common.h $(BUILD)/skel/examples/%.skel.h $(LIBBPF) \
		| $(BUILD)/examples
	$(CC) $(EXAMPLE_CFLAGS) $< examples/common.c $(LDLIBS) -o $@

$(BUILD)/bpf/examples $(BUILD)/skel/examples $(BUILD)/examples:
	mkdir -p $@

# The policy template (examples/template), built by its own Makefile, as
# a copy of it is; make check loads it in the guest (tests/guest/template.sh).
TEMPLATE_SRC := $(wildcard examples/template/*)

.PHONY: template

template: $(BUILD)/template/policy

$(BUILD)/template/policy: $(TEMPLATE_SRC) include/bpf_lsm_audit.h $(VMLINUX_H) \
		$(BPFTOOL) $(LIBBPF)
	@mkdir -p $(BUILD)/template
	$(MAKE) --no-print-directory -C examples/template OUT=$(abspath $(BUILD)/template) \
		TOOLS=$(TOOLS) BLA_INCLUDE=$(abspath include) CLANG=$(CLANG) CC=$(CC)

# ---------------------------------------------------------------------------
# selftests: the BPF selftests that each series adds to its kernel's
# tools/testing/selftests/bpf (prog_tests/lsm_audit_kfuncs.c and its helper
# header, progs/test_lsm_audit_kfuncs.c, lsm_audit_kfuncs_fail.c,
# lsm_audit_kfuncs_kptr.c and lsm_audit_kfuncs_common.h), built from the
# patched tree of each kernel into build/selftests/VERSION/lsm_audit_kfuncs
# with a minimal runner (tests/selftests: test_progs.h, RUN_TESTS, TAP
# output) instead of test_progs, which would compile every program of the
# selftests.  The guest runs the one of the kernel it booted: the 6.12
# backport words some verifier messages differently.  bpf_misc.h and
# cap_helpers.c are each tree's own, used read-only.

SELFTESTS_KVERS := 7.3 6.12
SELFTESTS_RUNNER := tests/selftests
SELFTESTS_PROGS := test_lsm_audit_kfuncs lsm_audit_kfuncs_fail lsm_audit_kfuncs_kptr \
	verifier_lsm lsm lsm_tailcall
# prog_tests/ files run from each tree: the series' own, and upstream's
# test_lsm.c (LSM programs, and tail calls between them), which the series'
# fixes change.
SELFTESTS_TESTS := lsm_audit_kfuncs test_lsm
# verifier_lsm, which prog_tests/verifier.c runs among a hundred others, is
# run by a file of the runner's own.
SELFTESTS_EXTRA := $(SELFTESTS_RUNNER)/verifier.c

# As the selftests' Makefile compiles progs/*.c (CLANG_BPF_BUILD_RULE).
SELFTESTS_SYS_INCLUDES = $(shell $(CLANG) -v -E - </dev/null 2>&1 \
	| sed -n '/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }')

# selftests_rules VERSION: the rules for one kernel's selftests.
define selftests_rules
SELFTESTS_SRC_$(1) := $(CACHE)/linux-$(1)/tools/testing/selftests/bpf
SELFTESTS_OUT_$(1) := $(BUILD)/selftests/$(1)
SELFTESTS_BIN_$(1) := $(BUILD)/selftests/$(1)/lsm_audit_kfuncs

# The series' own files, there once scripts/kernel has applied it.
$$(SELFTESTS_SRC_$(1))/prog_tests/lsm_audit_kfuncs.c:
	@scripts/kernel --kernel $(1) --tree-only

$$(SELFTESTS_OUT_$(1))/%.bpf.o: $$(SELFTESTS_SRC_$(1))/prog_tests/lsm_audit_kfuncs.c \
		$$(SELFTESTS_SRC_$(1))/progs/%.c \
		$$(SELFTESTS_SRC_$(1))/progs/lsm_audit_kfuncs_common.h \
		$(VMLINUX_H) | $$(SELFTESTS_OUT_$(1))
	$(CLANG) $(OPT_CFLAGS) -Wall -Werror --target=bpfel -mcpu=v3 \
		-D__TARGET_ARCH_x86 -mlittle-endian -std=gnu11 \
		-fno-strict-aliasing -Wno-compare-distinct-pointer-types \
		-Wno-microsoft-anon-tag -fms-extensions -I$(TOOLS)/include \
		-idirafter $$(SELFTESTS_SRC_$(1))/progs $$(SELFTESTS_SYS_INCLUDES) \
		-c $$(SELFTESTS_SRC_$(1))/progs/$$*.c -o $$@

# Linked once, as the selftests link every object before the skeleton.
$$(SELFTESTS_OUT_$(1))/%.skel.h: $$(SELFTESTS_OUT_$(1))/%.bpf.o $(BPFTOOL)
	$(BPFTOOL) gen object $$(@:.skel.h=.linked.o) $$<
	$(BPFTOOL) gen skeleton $$(@:.skel.h=.linked.o) name $$* >$$@.tmp && mv $$@.tmp $$@

# The test list, generated as the selftests' Makefile generates tests.h.
SELFTESTS_TEST_SRC_$(1) := $$(patsubst %,$$(SELFTESTS_SRC_$(1))/prog_tests/%.c,$(SELFTESTS_TESTS)) \
	$(SELFTESTS_EXTRA)
$$(SELFTESTS_OUT_$(1))/tests.h: $$(SELFTESTS_TEST_SRC_$(1)) Makefile | $$(SELFTESTS_OUT_$(1))
	sed -n -E 's/^void (serial_)?test_([a-zA-Z0-9_]+)\((void)?\).*/DEFINE_TEST(\2)/p' \
		$$(SELFTESTS_TEST_SRC_$(1)) | sort >$$@.tmp && mv $$@.tmp $$@

$$(SELFTESTS_BIN_$(1)): $(SELFTESTS_RUNNER)/runner.c $(SELFTESTS_RUNNER)/test_loader.c \
		$(SELFTESTS_RUNNER)/test_progs.h $$(SELFTESTS_TEST_SRC_$(1)) \
		$$(SELFTESTS_OUT_$(1))/tests.h \
		$$(patsubst %,$$(SELFTESTS_OUT_$(1))/%.skel.h,$(SELFTESTS_PROGS)) $(LIBBPF)
	$(CC) $(USER_CFLAGS) -I$(SELFTESTS_RUNNER) \
		-I$$(SELFTESTS_OUT_$(1)) -I$(TOOLS)/include \
		-I$(CACHE)/linux-7.3/tools/include/uapi \
		-idirafter $$(SELFTESTS_SRC_$(1)) $(SELFTESTS_RUNNER)/runner.c \
		$(SELFTESTS_RUNNER)/test_loader.c $$(SELFTESTS_TEST_SRC_$(1)) \
		$$(SELFTESTS_SRC_$(1))/cap_helpers.c $(LDLIBS) -o $$@

$$(SELFTESTS_OUT_$(1)):
	mkdir -p $$@

selftests-runner: $$(SELFTESTS_BIN_$(1))
endef

.PHONY: selftests-runner
$(foreach v,$(SELFTESTS_KVERS),$(eval $(call selftests_rules,$(v))))

# make build-tests (and so make check) builds them with the other guest
# tests.

# ---------------------------------------------------------------------------
# selftests-ci: upstream's own proof of the 7.3 series (KVER=6.12: of the
# backport), run before an issue is closed rather than in make check
# (scripts/selftests-ci says why): the real test_progs and test_verifier
# on a kernel configured as BPF CI's, and on the same configuration
# without the series.
selftests-ci:
	@scripts/selftests-ci $(if $(KVER),--kernel $(KVER))

# bench: what an audited decision costs, side by side with a ring buffer
# event, Landlock and a syscall rule (bench/, docs/performance.md).
# make bench boots the KVER kernel (7.3 by default) under qemu -icount,
# runs build/bench/bench in the guest and plots its results; everything
# goes to build/bench/results.  make bench-smoke runs one short iteration
# of everything (TAP, no timing) in a plain guest.

BENCH_KVER := $(or $(KVER),7.3)
BENCH_OUT := $(BUILD)/bench
BENCH_RESULTS := $(BENCH_OUT)/results
BENCH_BIN := $(BENCH_OUT)/bench
# The user-space files, one a concern (bench/bench_user.h says which holds
# what), and the audit client the tests use too (lib/audit.c), compiled and
# linked in one command: they are small.
BENCH_SRC := $(addprefix bench/,bench.c loop.c readers.c analysis.c \
	throughput.c report.c) lib/audit.c
BENCH_HDR := bench/bench.h bench/bench_user.h lib/audit.h
BENCH_PROGS := bench prof
BENCH_OBJ := $(patsubst %,$(BENCH_OUT)/%.bpf.o,$(BENCH_PROGS))
BENCH_SKEL := $(patsubst %,$(BENCH_OUT)/%.skel.h,$(BENCH_PROGS))
BENCH_BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
	-Wno-missing-declarations -I$(TOOLS)/include -Iinclude
BENCH_CFLAGS := -g -O2 -Wall -Wextra -Werror -I$(BENCH_OUT) -I$(TOOLS)/include \
	-Ilib

.PHONY: bench bench-smoke bench-build

bench-build: $(BENCH_BIN)

# The guest suite runs the smoke run (tests/guest/run).
build-tests: bench-build

$(BENCH_OBJ): $(BENCH_OUT)/%.bpf.o: bench/%.bpf.c bench/bench.h \
		include/bpf_lsm_audit.h $(VMLINUX_H) | $(BENCH_OUT)
	$(CLANG) $(BENCH_BPF_CFLAGS) -c $< -o $@

$(BENCH_SKEL): $(BENCH_OUT)/%.skel.h: $(BENCH_OUT)/%.bpf.o $(BPFTOOL)
	$(BPFTOOL) gen skeleton $< name $* >$@.tmp && mv $@.tmp $@

$(BENCH_BIN): $(BENCH_SRC) $(BENCH_HDR) $(BENCH_SKEL) $(LIBBPF)
	$(CC) $(BENCH_CFLAGS) $(BENCH_SRC) $(LDLIBS) -lm -o $@

$(BENCH_OUT):
	mkdir -p $@

bench:
	@scripts/deps
	@scripts/kernel --kernel $(BENCH_KVER)
	@$(MAKE) --no-print-directory bench-build
	@mkdir -p $(BENCH_RESULTS)
	@vm/run --kernel $(BENCH_KVER) --icount --timeout 900 -- \
		$(BENCH_BIN) --out $(BENCH_RESULTS) --label $(BENCH_KVER)
	@gnuplot -e "csv='$(BENCH_RESULTS)/bench-$(BENCH_KVER).csv'; png='$(BENCH_RESULTS)/bench-$(BENCH_KVER).png'; kver='$(BENCH_KVER)'" \
		bench/plot.gp
	@echo "[bench] results: $(BENCH_RESULTS)/bench-$(BENCH_KVER).{csv,json,png}, throughput-$(BENCH_KVER).csv"

bench-smoke:
	@scripts/kernel --kernel $(BENCH_KVER)
	@$(MAKE) --no-print-directory bench-build
	@vm/run --kernel $(BENCH_KVER) -- bench/smoke.sh

# ---------------------------------------------------------------------------
# demo-fleet: records that leave the machine.  Two guests on the 7.3 base
# kernel on one virtio-net segment, auditd's own remote logging
# (audisp-remote on a producer that runs the example policies, auditd's
# listener on a collector), a steady run for the rate the path sustains,
# the collector stopped twice under load; scripts/fleet prints what
# arrived, how fast, what audisp-remote queued and what it dropped.
# tests/host/fleet.sh is the short version that make check runs.

.PHONY: demo-fleet

demo-fleet: kernel audit-userspace
	@$(MAKE) --no-print-directory examples
	@scripts/fleet
