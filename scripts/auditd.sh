# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's auditd in the guest, started one way for everything that reads
# records as an operator does: the demo (examples/demo.sh) and the guest's
# tests (tests/guest/examples.sh, auditd.sh, template.sh), which bail out
# with $AUDITD_ERROR if it fails.  Sourced, not run.
#
# auditd_start: starts auditd, with a new log, in the foreground (-n) of a
# background job (its own output in $AUDITD_OUT), waits until it is the
# registered audit daemon, enables auditing, and sets auditd_pid.  If it
# did not register, or auditing could not be enabled, stops it, prints
# its output and returns 1, with the reason in $AUDITD_ERROR.  auditd_stop: stops it and removes its log, so
# that the next program that reads one finds only its own records.

AUDITD_LOG=/var/log/audit/audit.log
AUDITD_OUT=/tmp/auditd.out
# How long auditd may take to register, in tenths of a second.
AUDITD_WAIT=100
AUDITD_ERROR=

auditd_start()
{
	mkdir -p "$(dirname "$AUDITD_LOG")"
	rm -f "$AUDITD_LOG"*
	AUDITD_ERROR=
	auditd -n >"$AUDITD_OUT" 2>&1 &
	auditd_pid=$!
	for _ in $(seq "$AUDITD_WAIT"); do
		if auditctl -s 2>/dev/null | grep -q "^pid $auditd_pid\$"; then
			auditctl -e 1 >/dev/null && return 0
			# shellcheck disable=SC2034 # the caller's
			AUDITD_ERROR="auditctl -e 1 failed (its message above)"
			break
		fi
		sleep 0.1
	done
	# shellcheck disable=SC2034 # the caller's
	: "${AUDITD_ERROR:=auditd did not register as the audit daemon within $((AUDITD_WAIT / 10)) s}"
	sed 's/^/# auditd: /' "$AUDITD_OUT"
	# Not left behind, holding what its caller's output goes to.
	kill "$auditd_pid" 2>/dev/null
	wait "$auditd_pid" 2>/dev/null
	return 1
}

auditd_stop()
{
	kill "$auditd_pid" 2>/dev/null
	wait "$auditd_pid" 2>/dev/null
	rm -f "$AUDITD_LOG"* "$AUDITD_OUT"
}
