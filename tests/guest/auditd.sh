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
# A TAP program for tests/guest/run, through tests/lib/ktap.sh: one plan
# that counts both, the selftests' results, then four of its own; the
# selftests' exit status, if not 0, is its own.
#
# Usage: tests/guest/auditd.sh [SELFTEST-PROGRAM]
#   (default: build/selftests/KVER/lsm_audit_kfuncs for the booted kernel)
set -u
. "$(dirname "$0")/../../scripts/lib.sh"
cd "$TOP" || exit 1
. tests/lib/ktap.sh
. scripts/auditd.sh
ktap_label auditd
# The results of its own, after the selftests'.
OWN_CHECKS=4
prog=${1:-build/selftests/$(uname -r | cut -d. -f1,2)/lsm_audit_kfuncs}
tmp=$(mktemp -d)

# auditctl -s without the counters that move.
settings()
{
	auditctl -s | grep -Ev '^(lost|backlog|backlog_wait_time_actual) '
	auditctl -l
}

auditd_start || ktap_exit_fail_msg "$AUDITD_ERROR"
# A rule of the daemon's, which the selftests must leave in place.
auditctl -a never,exclude -F msgtype=1113 >/dev/null
settings >"$tmp/before"

"$prog" -t lsm_audit_kfuncs/ >"$tmp/out" 2>&1
rc=$?
planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tmp/out" | head -1)
if [ -z "$planned" ]; then
	sed 's/^/# /' "$tmp/out"
	auditd_stop
	rm -rf "$tmp"
	ktap_exit_fail_msg "$prog printed no plan (exit $rc)"
fi
# One plan, which counts ours, then the selftests' lines, their results
# counted as ours are, and ours numbered after theirs.
ktap_set_plan $((planned + OWN_CHECKS))
sed "/^1\.\.$planned\$/d" "$tmp/out"
# shellcheck disable=SC2034 # ktap_helpers.sh's
{
	KTAP_CNT_FAIL=$(grep -Ec '^not ok [0-9]+' "$tmp/out")
	KTAP_CNT_SKIP=$(grep -E '^ok [0-9]+' "$tmp/out" | grep -c '# SKIP')
	KTAP_CNT_PASS=$(($(grep -Ec '^ok [0-9]+' "$tmp/out") - KTAP_CNT_SKIP))
	KTAP_TESTNO=$((planned + 1))
}

# Beside the daemon, these and only these are skipped, each with its
# reason, which names the daemon.
want_skips="audit_daemon_access audit_disabled excluded_not_lost"
skips=$(sed -n 's/^ok [0-9]* - lsm_audit_kfuncs\/\([a-z_]*\) # SKIP$/\1/p' "$tmp/out" | tr '\n' ' ')
reasons=$(grep -c "^# test_[a-z_]*:SKIP:an audit daemon runs (pid $auditd_pid): " "$tmp/out")
if [ "${skips% }" = "$want_skips" ] && [ "$reasons" = 3 ] &&
   [ "$(grep -c '# SKIP' "$tmp/out")" = 3 ]; then
	ok "the selftests skip exactly $want_skips, beside auditd"
else
	not_ok "the selftests skip exactly $want_skips, beside auditd"
	echo "#   skipped: ${skips:-none}; $reasons reason(s) naming auditd (pid $auditd_pid)"
fi
if auditctl -s | grep -q "^pid $auditd_pid\$"; then
	ok "still the registered audit daemon after the selftests"
else
	not_ok "still the registered audit daemon after the selftests"
	auditctl -s | sed 's/^/#   /'
fi
settings >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then
	ok "audit settings and rules unchanged by the selftests"
else
	not_ok "audit settings and rules unchanged by the selftests"
	diff "$tmp/before" "$tmp/after" | sed 's/^/#   /'
fi
records=$(grep -c '^type=UNKNOWN\[1427\]' "$AUDITD_LOG")
if [ "$records" -gt 0 ]; then
	ok "its log has the selftests' records too ($records)"
else
	not_ok "its log has the selftests' records too"
fi
auditd_stop
rm -rf "$tmp"
# The selftests' own exit status fails the run too (a crash after their
# last result, a failure they did not print as a result).
if [ "$rc" != 0 ]; then
	ktap_print_totals
	exit "$rc"
fi
ktap_finished
