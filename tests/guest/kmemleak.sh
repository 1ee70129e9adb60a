#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A kmemleak scan, as a TAP program for tests/guest/run, which runs it last
# on a kernel with kmemleak (the debug flavor).  A leak is only reported
# once it is old enough (kmemleak's minimum age, 5 s) and unreferenced in a
# scan: wait, then scan twice.  The leaks are in the file's contents, one
# "unreferenced object 0x... (size N):" report each: a debugfs file's size
# is always 0, so only reading it tells.
#
# BLA_KMEMLEAK=FILE reads and scans FILE instead, BLA_KMEMLEAK_AGE=SEC
# waits SEC seconds instead of 6: tests/host/harness.sh plants reports.
set -u
# The guest sees the project, and its cache with the kernel tree whose
# ktap helpers write the TAP, at the host's paths (vm/run, vm/init).
. "$(dirname "$0")/../../scripts/lib.sh"
. "$TOP/tests/lib/ktap.sh"
ktap_label guest
KMEMLEAK=${BLA_KMEMLEAK:-/sys/kernel/debug/kmemleak}
MIN_AGE_S=${BLA_KMEMLEAK_AGE:-6}
# Of each report, the lines shown (the object, its allocator, the hex dump,
# the top of the backtrace), and how many reports are shown.
REPORT_LINES=14
SHOWN_REPORTS=5
WHAT="kmemleak finds no leak"

ktap_set_plan 1
sleep "$MIN_AGE_S"
# A scan that fails (kmemleak disabled, no such file) finds nothing: a
# failure, not a pass.  ">>": the kernel takes the command alike, and a
# planted report keeps its contents.
for _ in 1 2; do
	if ! echo scan >>"$KMEMLEAK"; then
		not_ok "$WHAT: the scan failed: echo scan >>$KMEMLEAK"
		ktap_finished
	fi
done
if ! report=$(cat "$KMEMLEAK"); then
	not_ok "$WHAT: cannot read $KMEMLEAK"
	ktap_finished
fi
leaks=$(grep -c '^unreferenced object ' <<<"$report")
if [ "$leaks" -gt 0 ]; then
	not_ok "$WHAT: $leaks unreferenced object(s)"
	awk -v lines="$REPORT_LINES" -v shown="$SHOWN_REPORTS" '
		/^unreferenced object / { reports++; left = reports <= shown ? lines : 0 }
		!/^unreferenced object / && !/^ / { left = 0 }
		left > 0 { print "#   " $0; left-- }
		END { if (reports > shown) print "#   ... and " reports - shown " more" }' \
		<<<"$report"
	ktap_finished
fi
ok "$WHAT"
ktap_finished
