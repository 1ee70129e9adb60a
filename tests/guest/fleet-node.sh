#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# One of the two guests of scripts/fleet, which boots both: auditd's own
# remote logging (Debian's auditd and audispd-plugins) between a producer
# that runs the example policies and a collector that receives their
# records.  The guests talk over their second serial ports (vm/run
# --link, vm/fleet-link); they take turns through files in SHARED, a
# directory both see (under the repository, which both mount writable):
#
#   collector.ready           the collector's auditd listens
#   collector.count           how many of the producer's records the
#                             collector has logged, kept current
#   cmd.N, ack.N              the producer's Nth command to the collector
#                             (stop, start or finish) and its completion
#   marks                     the producer's log length at each step
#   producer.*, collector.*   each guest's logs and reports, at the end
#
# Usage (in the guest, from the repository):
#   tests/guest/fleet-node.sh collector SHARED
#   tests/guest/fleet-node.sh producer SHARED QUEUE-DEPTH OUTAGE...
# QUEUE-DEPTH is audisp-remote's queue (records); each OUTAGE is how many
# records the producer makes while the collector is stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

role=$1
shared=$(cd "$2" && pwd)
shift 2
PATCHED=$CACHE/audit-userspace/sbin
# Not auditd's usual 60: the producer's net_deny denies binding a
# privileged port, which its relay does.
PORT=6060
NODE=fleet-producer
LOG=/var/log/audit/audit.log
B=build/examples
# Seconds to wait for the other guest or a daemon before giving up.
WAIT=240

# Progress goes to the console and to SHARED ($role.progress): the
# console reaches the host only when the guest ends.
say() { printf '[fleet %s] %s %s\n' "$role" "$(date +%T)" "$*" | tee -a "$shared/$role.progress"; }
fail() { say "error: $*"; exit 1; }
# Whatever happens, the daemons' own words are kept for the host.
keep()
{
	cp /tmp/syslog "$shared/$role.syslog" 2>/dev/null
	cp /tmp/auditd.out "$shared/$role.auditd-out" 2>/dev/null
	cp /tmp/link.out "$shared/$role.link-out" 2>/dev/null
	[ -f "$shared/$role.log" ] || cp "$LOG" "$shared/$role.log.partial" 2>/dev/null
	# A producer that fails tells the collector to finish, so that it
	# keeps its logs too, rather than wait to be killed.
	if [ "$role" = producer ] && [ "${asked_finish:-0}" = 0 ] &&
			[ -f "$shared/collector.ready" ]; then
		put "cmd.$((${ncmd:-0} + 1))" finish
	fi
	return 0
}
trap keep EXIT

# wait_for SECONDS DESCRIPTION COMMAND...: until COMMAND succeeds.
wait_for()
{
	local secs=$1 what=$2 i

	shift 2
	for ((i = 0; i < secs * 5; i++)); do
		"$@" && return 0
		sleep 0.2
	done
	fail "timed out waiting for $what"
}

# Whether a TCP socket listens on PORT (auditd's listener).
port_listening() { vm/fleet-link probe "$PORT"; }

# put FILE TEXT: FILE in SHARED, whole or not at all for the other guest.
put()
{
	printf '%s\n' "$2" >"$shared/$1.tmp"
	mv "$shared/$1.tmp" "$shared/$1"
}

# A writable /etc/audit: the root file system is the host's, read-only.
etc=/tmp/etc-audit
mkdir -p "$etc/plugins.d" "$etc/rules.d" /var/log/audit
mount --bind "$etc" /etc/audit

# auditd.conf for both: the log in the guest's tmpfs, no space or size
# actions (a short run on a tmpfs), a deep queue to the plugins so that
# auditd itself never drops what audisp-remote has not read yet.
auditd_conf()
{
	cat <<EOF
local_events = $1
write_logs = yes
log_file = $LOG
log_group = root
log_format = ENRICHED
flush = INCREMENTAL_ASYNC
freq = 20
max_log_file = 0
max_log_file_action = IGNORE
num_logs = 1
space_left = 2
space_left_action = IGNORE
admin_space_left = 1
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = SYSLOG
priority_boost = 0
plugin_dir = /etc/audit/plugins.d
q_depth = 20000
overflow_action = SYSLOG
max_restarts = 10
end_of_event_timeout = 2
use_libwrap = no
EOF
}

# A syslog for the daemons: audisp-remote reports its queue and what it
# drops there, auditd its listener's connections.
vm/fleet-link syslog /dev/log "/tmp/syslog" &

start_auditd()
{
	auditd -n >>/tmp/auditd.out 2>&1 &
	auditd_pid=$!
}

stop_auditd()
{
	kill -TERM "$auditd_pid"
	wait "$auditd_pid" || true
}

collector()
{
	local n=0 cmd count

	{
		auditd_conf no
		cat <<EOF
name_format = NONE
tcp_listen_port = $PORT
tcp_listen_queue = 5
tcp_max_per_addr = 1
tcp_client_max_idle = 0
transport = TCP
distribute_network = no
EOF
	} >"$etc/auditd.conf"
	chmod 0640 "$etc/auditd.conf"
	vm/fleet-link connect /dev/ttyS1 "$PORT" >/tmp/link.out 2>&1 &
	start_auditd
	wait_for 60 "auditd to listen on port $PORT" port_listening
	put collector.ready "$(date +%s)"
	say "auditd listens on port $PORT"

	# Commands from the producer, in order; the count meanwhile.
	while :; do
		count=$(grep -c "^node=$NODE " "$LOG" 2>/dev/null || true)
		put collector.count "${count:-0}"
		if [ ! -f "$shared/cmd.$((n + 1))" ]; then
			sleep 0.3
			continue
		fi
		n=$((n + 1))
		cmd=$(cat "$shared/cmd.$n")
		case $cmd in
		stop)
			stop_auditd
			wait_for 30 "the listener to close" eval '! port_listening'
			say "auditd stopped" ;;
		start)
			start_auditd
			wait_for 60 "auditd to listen on port $PORT" port_listening
			say "auditd started" ;;
		finish)
			break ;;
		*) fail "unknown command '$cmd'" ;;
		esac
		put "ack.$n" "$cmd"
	done

	# The collector's view, with the patched tools: ausearch finds the
	# producer's BPF_LSM_ACCESS records by type and node.
	kill -CONT "$auditd_pid"
	sleep 0.5
	cp /var/run/auditd.state "$shared/collector.state" 2>/dev/null || true
	stop_auditd
	cp "$LOG" "$shared/collector.log"
	cp /tmp/syslog "$shared/collector.syslog"
	cp /tmp/auditd.out "$shared/collector.auditd-out"
	if [ -x "$PATCHED/ausearch" ]; then
		"$PATCHED/ausearch" -m BPF_LSM_ACCESS -n "$NODE" --raw -if "$LOG" \
			>"$shared/collector.ausearch" 2>&1 || true
		TZ=UTC LC_ALL=C "$PATCHED/ausearch" -m BPF_LSM_ACCESS -n "$NODE" -i \
			-if "$LOG" >"$shared/collector.ausearch-i" 2>&1 || true
	else
		echo "no patched ausearch at $PATCHED" >"$shared/collector.ausearch"
	fi
	put "ack.$n" finish
	say "done"
}

# The producer's log: how many records it has.
log_lines() { wc -l <"$LOG"; }

# mark NAME: the producer's log length now, for scripts/fleet.
mark() { echo "$1 $(log_lines)" >>"$shared/marks"; }

# ask WHAT: has the collector do WHAT, and waits until it has.
ncmd=0
ask()
{
	ncmd=$((ncmd + 1))
	put "cmd.$ncmd" "$1"
	wait_for "$WAIT" "the collector to $1" test -f "$shared/ack.$ncmd"
}

collector_count() { cat "$shared/collector.count" 2>/dev/null || echo 0; }

# wait_lines N: until the producer's log has N records.
wait_lines() { wait_for "$WAIT" "$1 records in the producer's log" eval "[ \$(log_lines) -ge $1 ]"; }

# dump_remote: audisp-remote writes its queue's state to syslog.
dump_remote()
{
	kill -USR1 "$(cat /run/audisp-remote.pid)" || true
	sleep 0.5
}

# The example policies, attached together, each triggered once (the
# triggers of examples/runs.sh).
loaders=()
attach()
{
	local name=$1 i

	shift
	"$B/$name" "$@" >"/tmp/$name.out" 2>&1 &
	loaders+=($!)
	for ((i = 0; i < 600; i++)); do
		grep -q ': attached:' "/tmp/$name.out" && return 0
		sleep 0.1
	done
	fail "$name did not attach: $(cat "/tmp/$name.out")"
}

producer()
{
	local depth=$1 outage k x

	shift
	{
		auditd_conf yes
		cat <<EOF
name_format = USER
name = $NODE
EOF
	} >"$etc/auditd.conf"
	chmod 0640 "$etc/auditd.conf"
	cat >"$etc/plugins.d/au-remote.conf" <<EOF
active = yes
direction = out
path = /sbin/audisp-remote
type = always
format = string
EOF
	# Started through a wrapper that notes its pid, for kill -USR1.
	printf '#!/bin/sh\necho $$ >/run/audisp-remote.pid\nexec /sbin/audisp-remote "$@"\n' \
		>/run/audisp-remote
	chmod 0750 /run/audisp-remote
	sed -i 's|^path = .*|path = /run/audisp-remote|' "$etc/plugins.d/au-remote.conf"
	# Debian's audisp-remote.conf, but for the server and its queue, and
	# with the failures that would stop it (network, queue) reported to
	# syslog instead: it keeps what it cannot send and retries.
	cat >"$etc/audisp-remote.conf" <<EOF
remote_server = 127.0.0.1
port = $PORT
transport = tcp
mode = immediate
queue_depth = $depth
format = managed
network_retry_time = 1
max_tries_per_record = 3
max_time_per_record = 5
heartbeat_timeout = 0
network_failure_action = syslog
disk_low_action = ignore
disk_full_action = syslog
disk_error_action = syslog
remote_ending_action = reconnect
generic_error_action = syslog
generic_warning_action = syslog
queue_error_action = syslog
overflow_action = syslog
startup_failure_action = warn_once_continue
EOF
	chmod 0640 "$etc/auditd.conf" "$etc/plugins.d/au-remote.conf" "$etc/audisp-remote.conf"

	vm/fleet-link listen /dev/ttyS1 "$PORT" >/tmp/link.out 2>&1 &
	auditctl -b 8192 >/dev/null
	start_auditd
	wait_for 30 "auditd to register" eval "auditctl -s | grep -q '^pid $auditd_pid'"
	auditctl -e 1 >/dev/null
	# Loading the examples makes some 80 BPF records, each with its
	# syscall's records: not the programs' records, and more than the
	# short check's queue holds while the first connection starts.
	auditctl -a never,exclude -F msgtype=BPF >/dev/null
	wait_for "$WAIT" "the collector" test -f "$shared/collector.ready"
	say "auditd runs with audisp-remote; the collector is ready"

	# Phase 1: each example's record, with its syscall's records.
	mkdir -p /tmp/secret && echo key >/tmp/secret/key
	sleep 300 &
	local victim=$!
	attach net_deny 8080
	attach file_deny /tmp/secret
	attach heap_exec
	attach ioctl_deny 0x5412
	attach cap_audit CAP_SYS_CHROOT
	attach signal_protect "$victim"
	say "the six example policies are attached"
	bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080' 2>/dev/null || true
	cat /tmp/secret/key 2>/dev/null || true
	python3 -c '
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.sbrk.restype = ctypes.c_void_p
base = libc.sbrk(3 * 4096)
libc.mprotect(ctypes.c_void_p((base + 4095) & ~4095), 4096, 5)'
	python3 -c '
import fcntl
try:
    fcntl.ioctl(open("/dev/null"), 0x5412, b"x")
except OSError:
    pass'
	chroot / true
	/bin/kill -TERM "$victim" 2>/dev/null || true
	# Every record so far has arrived when the collector has as many.
	wait_for 10 "the triggers' records" eval "[ \$(grep -c 'UNKNOWN\[1427\]' $LOG) -ge 6 ]"
	sleep 1
	mark sent
	wait_for 60 "the collector to receive phase 1" \
		eval "[ \$(collector_count) -ge \$(log_lines) ]"
	mark received
	say "phase 1: $(log_lines) records made, $(collector_count) at the collector"

	# Phase 2: load (denied connect()s, three records each), and the
	# collector stopped for each OUTAGE records.
	python3 -c '
import os, socket, time
while not os.path.exists("/tmp/load.stop"):
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", 8080))
    except OSError:
        pass
    s.close()
    time.sleep(1)' &
	local load=$!
	wait_lines $(($(log_lines) + 30))
	k=0
	for outage in "$@"; do
		k=$((k + 1))
		ask stop
		mark "outage$k-start"
		# The link carries some 7 records a second under TCG: the
		# outage's records come as a burst of denied connect()s,
		# three records each, over the steady load of one a second.
		x=$(log_lines)
		python3 -c '
import socket, sys
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", 8080))
    except OSError:
        pass
    s.close()' $(((outage + 2) / 3))
		wait_lines $((x + outage))
		dump_remote
		mark "outage$k-restart"
		ask start
		mark "outage$k-end"
		wait_lines $(($(log_lines) + 30))
	done
	touch /tmp/load.stop
	wait "$load" || true
	sleep 1
	mark end
	# Drained: the collector's count stops growing.
	x=-1
	while [ "$(collector_count)" != "$x" ]; do
		x=$(collector_count)
		sleep 3
	done
	dump_remote
	say "phase 2: $(log_lines) records made, $(collector_count) at the collector"

	for pid in "${loaders[@]}"; do
		kill -INT "$pid" 2>/dev/null || true
	done
	kill -KILL "$victim" 2>/dev/null || true
	auditctl -s >"$shared/producer.status"
	kill -CONT "$auditd_pid"
	sleep 0.5
	cp /var/run/auditd.state "$shared/producer.state" 2>/dev/null || true
	cp "$LOG" "$shared/producer.log"
	asked_finish=1
	ask finish
	stop_auditd
	cp /tmp/syslog "$shared/producer.syslog"
	cp /tmp/auditd.out "$shared/producer.auditd-out"
	say "done"
}

case $role in
collector) collector "$@" ;;
producer) producer "$@" ;;
*) fail "usage: fleet-node.sh collector|producer SHARED ..." ;;
esac
