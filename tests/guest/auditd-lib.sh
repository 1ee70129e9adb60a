# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the guest's shell tests that read records as an operator
# does, from Debian's auditd and its log.
#
# auditd_start: starts auditd, with a new log, in the foreground of a
# background job, waits until it is the registered audit daemon, enables
# auditing, and sets auditd_pid.  auditd_stop: stops it and removes its
# log, so that the next program that reads one (the demo) finds only its
# own records.

AUDITD_LOG=/var/log/audit/audit.log

auditd_start()
{
	mkdir -p /var/log/audit
	rm -f "$AUDITD_LOG"*
	auditd -n >/tmp/auditd.out 2>&1 &
	auditd_pid=$!
	for _ in $(seq 100); do
		auditctl -s 2>/dev/null | grep -q "^pid $auditd_pid\$" && break
		sleep 0.1
	done
	auditctl -e 1 >/dev/null
}

auditd_stop()
{
	kill "$auditd_pid" 2>/dev/null
	wait "$auditd_pid" 2>/dev/null
	rm -f "$AUDITD_LOG"*
}
