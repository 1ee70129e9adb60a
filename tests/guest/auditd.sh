#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The BPF LSM audit selftests beside a running audit daemon, as on a
# developer's machine: Debian's auditd is started first.  The selftests
# must then read the records from AUDIT_NLGRP_READLOG, skip (and name) the
# subtests that would change the daemon's configuration, and pass the
# others; auditd must still be the registered daemon afterwards, with its
# settings and rules as before, and its log must hold the records too.
# A TAP program for tests/guest/run: the selftests' results, then three
# of its own.
#
# Usage: tests/guest/auditd.sh [SELFTEST-PROGRAM]
#   (default: build/selftests/KVER/lsm_audit_kfuncs for the booted kernel)
set -u
cd "$(dirname "$0")/../.."
. tests/guest/auditd-lib.sh
prog=${1:-build/selftests/$(uname -r | cut -d. -f1,2)/lsm_audit_kfuncs}
tmp=$(mktemp -d)

# auditctl -s without the counters that move.
settings()
{
	auditctl -s | grep -Ev '^(lost|backlog|backlog_wait_time_actual) '
	auditctl -l
}

auditd_start
settings >"$tmp/before"

"$prog" -t lsm_audit_kfuncs/ >"$tmp/out" 2>&1
rc=$?
planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tmp/out" | head -1)
# The selftests' lines, with a plan that counts ours.
sed "s/^1\.\.$planned\$/1..$((planned + 3))/" "$tmp/out"
n=${planned:-0}

n=$((n + 1))
if auditctl -s | grep -q "^pid $auditd_pid\$"; then
	echo "ok $n - auditd: still the registered audit daemon after the selftests"
else
	echo "not ok $n - auditd: still the registered audit daemon after the selftests"
	auditctl -s | sed 's/^/#   /'
	rc=1
fi
n=$((n + 1))
settings >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then
	echo "ok $n - auditd: audit settings and rules unchanged by the selftests"
else
	echo "not ok $n - auditd: audit settings and rules unchanged by the selftests"
	diff "$tmp/before" "$tmp/after" | sed 's/^/#   /'
	rc=1
fi
n=$((n + 1))
records=$(grep -c '^type=UNKNOWN\[1427\]' "$AUDITD_LOG")
if [ "$records" -gt 0 ]; then
	echo "ok $n - auditd: its log has the selftests' records too ($records)"
else
	echo "not ok $n - auditd: its log has the selftests' records too"
	rc=1
fi
auditd_stop
rm -rf "$tmp"
exit $rc
