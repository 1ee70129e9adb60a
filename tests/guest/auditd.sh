#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The BPF LSM audit selftests beside a running audit daemon, as on a
# developer's machine: Debian's auditd is started first, with a rule of
# its own.  The selftests must then read the records from
# AUDIT_NLGRP_READLOG and skip exactly the three subtests that need to be
# the daemon or to change its configuration, naming why, and pass the
# others; auditd must still be the registered daemon afterwards, with its
# settings and rules as before, and its log must hold the records too.
# A TAP program for tests/guest/run: the selftests' results, then four
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

auditd_start || exit 1
# A rule of the daemon's, which the selftests must leave in place.
auditctl -a never,exclude -F msgtype=1113 >/dev/null
settings >"$tmp/before"

"$prog" -t lsm_audit_kfuncs/ >"$tmp/out" 2>&1
rc=$?
planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tmp/out" | head -1)
# The selftests' lines, with a plan that counts ours.
sed "s/^1\.\.$planned\$/1..$((planned + 4))/" "$tmp/out"
n=${planned:-0}

n=$((n + 1))
# Beside the daemon, these and only these are skipped, each with its
# reason, which names the daemon.
want_skips="audit_daemon_access audit_disabled excluded_not_lost"
skips=$(sed -n 's/^ok [0-9]* - lsm_audit_kfuncs\/\([a-z_]*\) # SKIP$/\1/p' "$tmp/out" | tr '\n' ' ')
reasons=$(grep -c "^# test_[a-z_]*:SKIP:an audit daemon runs (pid $auditd_pid): " "$tmp/out")
if [ "${skips% }" = "$want_skips" ] && [ "$reasons" = 3 ] &&
   [ "$(grep -c '# SKIP' "$tmp/out")" = 3 ]; then
	echo "ok $n - auditd: the selftests skip exactly $want_skips, beside auditd"
else
	echo "not ok $n - auditd: the selftests skip exactly $want_skips, beside auditd"
	echo "#   skipped: ${skips:-none}; $reasons reason(s) naming auditd (pid $auditd_pid)"
	rc=1
fi
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
