#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmark's smoke run, a TAP program for the guest's test suite: one
# short iteration of every variant, the breakdown, the allocation count
# and a throughput run into each reader, with no timing assertion.  Exits
# non-zero if anything failed.  Needs build/bench/bench (make bench-build).
cd "$(dirname "$0")/.." || exit 1
exec build/bench/bench --smoke --out "${TMPDIR:-/tmp}/bench-smoke" "$@"
