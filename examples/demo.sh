#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo, run inside the guest by 'make demo': starts Debian's auditd,
# then for each run of an example policy (examples/runs.sh) attaches the
# loader, tries what it forbids, and prints what was tried, the verdict,
# the record as auditd wrote it and the record as the patched ausearch -i
# reads it (audit userspace with userspace/audit/series, which make
# audit-userspace builds into the cache).  It shows, and checks nothing:
# tests/guest/examples.sh checks the same runs.  Exits non-zero only if
# it could not show them: auditd did not start, or a loader did not
# attach.
set -u
cd "$(dirname "$0")/.." || exit 1
. scripts/lib.sh
. scripts/auditd.sh
. examples/runs.sh
setup_failed=0

# show NAME DESCRIPTION PATTERN IPATTERN TRIED LOADER-ARG... -- TRIGGER...:
# one run, as example_runs gives it; the patterns are the test's.
show()
{
	local name=$1 what=$2 tried=$5
	shift 5
	echo
	echo "== $name: $what"
	if ! example_run "$name" "$@"; then
		echo "   loader did not attach:"
		sed 's/^/   | /' "$RUN_TMP/$name.out"
		setup_failed=1
		return
	fi
	echo "   tried:   $tried"
	if [ "$run_rc" -eq 0 ]; then
		echo "   verdict: $run_verdict"
	else
		echo "   verdict: $run_verdict ($run_out)"
	fi
	sed 's/^/   audit:   /' "$RUN_TMP/$name.rec"
	if [ -f "$RUN_TMP/$name.int" ]; then
		sed 's/^/   ausearch -i: /' "$RUN_TMP/$name.int"
	else
		echo "   ausearch -i: (no patched ausearch at $PATCHED: make audit-userspace)"
	fi
}

if ! auditd_start; then
	echo "error: $AUDITD_ERROR" >&2
	exit 1
fi
example_runs show

echo
echo "== ausearch -m 1427 --format text (what an operator reads)"
ausearch -m 1427 --format text 2>/dev/null | sed 's/^/   /' | head -20
auditd_stop
[ $setup_failed = 0 ]
