// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BPF programs that the Makefile's selftests rules build for a tree
 * and that a planted runner does not use (tests/host/harness.sh): none.
 */
char _license[] __attribute__((section("license"), used)) = "GPL";
