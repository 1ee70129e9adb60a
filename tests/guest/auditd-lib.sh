# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the guest's shell tests that read records as an operator
# does, from Debian's auditd and its log.
#
# auditd_start: starts auditd, with a new log, in the foreground of a
# background job, waits until it is the registered audit daemon, enables
# auditing, and sets auditd_pid; fails with a "Bail out!" line if auditd
# did not register.  auditd_stop: stops it and removes its log, so that
# the next program that reads one (the demo) finds only its own records.

AUDITD_LOG=/var/log/audit/audit.log

auditd_start()
{
	mkdir -p /var/log/audit
	rm -f "$AUDITD_LOG"*
	auditd -n >/tmp/auditd.out 2>&1 &
	auditd_pid=$!
	for _ in $(seq 100); do
		if auditctl -s 2>/dev/null | grep -q "^pid $auditd_pid\$"; then
			auditctl -e 1 >/dev/null
			return 0
		fi
		sleep 0.1
	done
	echo "Bail out! auditd did not register as the audit daemon within 10 s"
	sed 's/^/# auditd: /' /tmp/auditd.out
	return 1
}

auditd_stop()
{
	kill "$auditd_pid" 2>/dev/null
	wait "$auditd_pid" 2>/dev/null
	rm -f "$AUDITD_LOG"* /tmp/auditd.out
}
