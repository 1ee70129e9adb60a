#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# One of the two guests of scripts/fleet, which boots both: auditd's own
# remote logging (Debian's auditd and audispd-plugins) between a producer
# that runs the example policies and a collector that receives their
# records.  The guests share an Ethernet segment (vm/run --net): the
# collector is 192.168.76.1, the producer 192.168.76.2.  audisp-remote
# sends to auditd's listener on port 60, and the producer steers the
# collector over a second connection, to port 6001, one line each way:
#
#   stop, start   stop or start the collector's auditd; the answer is
#                 "stopped" or "started" once it is done
#   count         how many of the producer's records the collector logged
#   finish        the collector keeps its logs, answers "finished" and
#                 ends (so does the end of the connection: a producer
#                 that fails closes it)
#
# At the end each guest leaves its logs in SHARED, a directory both see
# (under the repository, which both mount writable), for scripts/fleet:
#
#   marks                     the producer's log length at each step
#   queued                    audisp-remote's queue at each outage's end
#                             and at the end
#   throughput                the steady run's records and times
#   producer.*, collector.*   each guest's logs and reports
#
# Usage (in the guest, from the repository):
#   tests/guest/fleet-node.sh collector SHARED
#   tests/guest/fleet-node.sh producer SHARED QUEUE-DEPTH STEADY OUTAGE...
# QUEUE-DEPTH is audisp-remote's queue (records); STEADY is how many
# records the producer makes with the collector up, in chunks, the next
# as soon as all but the last have arrived;
# each OUTAGE is how many records the producer makes while the collector
# is stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

role=$1
shared=$(cd "$2" && pwd)
shift 2
PATCHED=$CACHE/audit-userspace/sbin
COLLECTOR=192.168.76.1
PRODUCER=192.168.76.2
# auditd's own port for remote logging, and the producer's control line.
PORT=60
CONTROL=6001
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
	local line

	cp /tmp/syslog "$shared/$role.syslog" 2>/dev/null || true
	cp /tmp/auditd.out "$shared/$role.auditd-out" 2>/dev/null || true
	[ -f "$shared/$role.log" ] || cp "$LOG" "$shared/$role.log.partial" 2>/dev/null || true
	# A producer that fails has the collector finish and keep its logs,
	# rather than wait to be stopped by scripts/fleet.
	if [ "$role" = producer ] && [ "${finished:-0}" = 0 ] &&
	   { echo finish >&3; } 2>/dev/null; then
		while read -r -t 60 line <&3 && [ "$line" != finished ]; do :; done
	fi
	return 0
}
trap keep EXIT
# A write to a peer that went fails with EPIPE, which is checked, rather
# than kill the shell without a word.
trap '' PIPE

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

# Whether a TCP socket listens on PORT (auditd's listener): asked of
# the kernel, since a connection would be one more for auditd to log.
port_listening() { [ -n "$(ss -Htln "sport = :$PORT")" ]; }

# The network: the card vm/run --net gives, and this guest's address.
ip link set eth0 up || fail "no network card: was the guest started with vm/run --net?"
if [ "$role" = collector ]; then
	ip addr add "$COLLECTOR/24" dev eth0
else
	ip addr add "$PRODUCER/24" dev eth0
fi

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
busybox syslogd -n -O /tmp/syslog &
wait_for 10 "syslogd" test -S /dev/log

# Not scripts/auditd.sh's auditd_start: the collector's auditd, which
# takes no local events, never registers as the audit daemon, and a
# restarted one must append to its log, not start a new one.
start_auditd()
{
	auditd -n >>/tmp/auditd.out 2>&1 &
	auditd_pid=$!
}

# Stops auditd, if it runs (a producer that fails may end the collector
# while it is stopped).
stop_auditd()
{
	[ -n "${auditd_pid:-}" ] || return 0
	kill -TERM "$auditd_pid"
	wait "$auditd_pid" || true
	auditd_pid=
}

collector()
{
	local cmd count in out i

	# answer TEXT: the reply to the producer's command.
	answer() { echo "$1" >&"$out" || fail "the producer's control line is gone"; }

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
	start_auditd
	wait_for 60 "auditd to listen on port $PORT" port_listening
	say "auditd listens on port $PORT"

	# The producer's commands, in order, until it says finish or goes.
	coproc CTL { busybox nc -l -p "$CONTROL"; }
	# Its own descriptors and pid: bash drops CTL's when nc ends.
	local nc_pid=$CTL_PID
	exec {in}<&"${CTL[0]}" {out}>&"${CTL[1]}"
	while read -r -u "$in" cmd; do
		case $cmd in
		stop)
			stop_auditd
			wait_for 30 "the listener to close" eval '! port_listening'
			say "auditd stopped"
			answer stopped ;;
		start)
			start_auditd
			wait_for 60 "auditd to listen on port $PORT" port_listening
			say "auditd started"
			answer started ;;
		count)
			count=$(grep -c "^node=$NODE " "$LOG" 2>/dev/null || true)
			answer "${count:-0}" ;;
		finish)
			break ;;
		*) fail "unknown command '$cmd'" ;;
		esac
	done
	[ "${cmd:-}" = finish ] || say "the producer went without saying finish"

	# The collector's view, with the patched tools: ausearch finds the
	# producer's BPF_LSM_ACCESS records by type and node.
	[ -z "${auditd_pid:-}" ] || kill -CONT "$auditd_pid"
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
	say "done"
	# A producer that went is not answered: nc has gone with it.
	[ "${cmd:-}" = finish ] || return 1
	answer finished
	# nc passes it on before this guest powers off: it ends when the
	# producer closes the connection.
	exec {out}>&-
	for ((i = 0; i < 150; i++)); do
		kill -0 "$nc_pid" 2>/dev/null || return 0
		sleep 0.2
	done
	say "the producer did not close the control line"
}

# The producer's log: how many records it has.
log_lines() { wc -l <"$LOG"; }

# mark NAME: the producer's log length now, for scripts/fleet.
mark() { echo "$1 $(log_lines)" >>"$shared/marks"; }

# The control line to the collector (fd 3), once it listens.
connect_collector()
{
	local deadline=$((SECONDS + WAIT))

	while [ $SECONDS -lt $deadline ]; do
		if exec 3<>"/dev/tcp/$COLLECTOR/$CONTROL"; then
			return 0
		fi 2>/dev/null
		sleep 1
	done
	fail "timed out waiting for the collector at $COLLECTOR:$CONTROL"
}

# ask WHAT: has the collector do WHAT; its answer is in REPLY.  Not to
# be called in a command substitution, where fail would not end the
# producer.
ask()
{
	{ echo "$1" >&3; } 2>/dev/null || fail "the collector's control line is gone"
	read -r -t "$WAIT" REPLY <&3 || fail "no answer from the collector to '$1'"
}

# tell WHAT ANSWER: has the collector do WHAT, which must answer ANSWER.
tell()
{
	ask "$1"
	[ "$REPLY" = "$2" ] || fail "the collector answered '$REPLY' to '$1'"
}

# collector_count: how many of the producer's records the collector has
# logged, in COUNT.
collector_count()
{
	ask count
	[[ $REPLY =~ ^[0-9]+$ ]] || fail "the collector answered '$REPLY' to 'count'"
	COUNT=$REPLY
}

# collector_has N: whether the collector has logged N records.
collector_has() { collector_count; [ "$COUNT" -ge "$1" ]; }

# collector_has_all: whether it has every record the producer logged.
collector_has_all() { collector_has "$(log_lines)"; }

# Whether audisp-remote has dropped a record (its syslog message for each).
dropped_some() { grep -q 'queue is full - dropping event' /tmp/syslog; }

# steady_wait N: until the collector has N records, asked every 0.2 s;
# fails at the first record audisp-remote drops, or when the collector's
# count has not moved for WAIT seconds.
steady_wait()
{
	local last=-1 since=$SECONDS

	while ! collector_has "$1"; do
		! dropped_some || fail "audisp-remote dropped records in the steady run"
		if [ "$COUNT" != "$last" ]; then
			last=$COUNT
			since=$SECONDS
		fi
		[ $((SECONDS - since)) -lt "$WAIT" ] ||
			fail "the collector's count stayed at $COUNT for $WAIT s in the steady run"
		sleep 0.2
	done
}

# wait_lines N: until the producer's log has N records.
wait_lines() { wait_for "$WAIT" "$1 records in the producer's log" eval "[ \$(log_lines) -ge $1 ]"; }

# The producer's load: denied connect()s to net_deny's port, three
# records each (SYSCALL, the program's, PROCTITLE).  "python3 -c
# "$LOAD_PY" N" makes N of them; with "serve", N for each line N it
# reads, answering "done" after each; with "steady", one a second until
# /tmp/load.stop exists.
LOAD_PY='
import os, socket, sys, time

def deny(n):
    for _ in range(n):
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", 8080))
        except OSError:
            pass
        s.close()

if sys.argv[1] == "serve":
    for line in sys.stdin:
        deny(int(line))
        print("done", flush=True)
elif sys.argv[1] == "steady":
    while not os.path.exists("/tmp/load.stop"):
        deny(1)
        time.sleep(1)
else:
    deny(int(sys.argv[1]))
'

# connects N: N denied connect()s.
connects() { python3 -c "$LOAD_PY" "$1"; }

# remote_state NAME: audisp-remote's queue, as it reports it to syslog
# on SIGUSR1, once two reports in a row, each new, give the same queued
# items and the count of its drops the same (auditd may still be handing
# it records), noted in SHARED/queued as "NAME QUEUED-ITEMS".
remote_state()
{
	local prev= now= reports i j

	for ((i = 0; i < 20; i++)); do
		reports=$(grep -c 'queued_items=' /tmp/syslog || true)
		kill -USR1 "$(cat /run/audisp-remote.pid)" ||
			fail "audisp-remote is not running"
		for ((j = 0; j < 50; j++)); do
			sleep 0.1
			[ "$(grep -c 'queued_items=' /tmp/syslog || true)" -gt "$reports" ] && break
		done
		[ "$j" -lt 50 ] || fail "audisp-remote did not report its queue within 5 s"
		now="$(grep -o 'queued_items=[0-9]*' /tmp/syslog | tail -n 1) $(grep -c 'queue is full - dropping event' /tmp/syslog || true)"
		[ "$now" = "$prev" ] && break
		prev=$now
	done
	[ "$now" = "$prev" ] || fail "audisp-remote's queue did not settle: $now"
	now=${now%% *}
	echo "$1 ${now#queued_items=}" >>"$shared/queued"
}

# The example policies, attached together, each triggered once (the
# triggers of examples/runs.sh).
loaders=()
attach()
{
	local name=$1 i

	shift
	"$B/$name" "$@" >"/tmp/$name.out" 2>&1 3>&- &
	loaders+=($!)
	for ((i = 0; i < 600; i++)); do
		grep -q ': attached:' "/tmp/$name.out" && return 0
		sleep 0.1
	done
	fail "$name did not attach: $(cat "/tmp/$name.out")"
}

producer()
{
	local depth=$1 steady=$2 outage k x t0 t1 t2

	shift 2
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
remote_server = $COLLECTOR
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

	auditctl -b 8192 >/dev/null
	start_auditd
	wait_for 30 "auditd to register" eval "auditctl -s | grep -q '^pid $auditd_pid'"
	auditctl -e 1 >/dev/null
	# Loading the examples makes some 80 BPF records, each with its
	# syscall's records: not the programs' records, and more than the
	# short check's queue holds while the first connection starts.
	auditctl -a never,exclude -F msgtype=BPF >/dev/null
	connect_collector
	say "auditd runs with audisp-remote; the collector is ready"

	# Phase 1: each example's record, with its syscall's records.
	mkdir -p /tmp/secret && echo key >/tmp/secret/key
	sleep 300 3>&- &
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
	wait_for 60 "the collector to receive phase 1" collector_has_all
	mark received
	say "phase 1: $(log_lines) records made, $COUNT at the collector"

	# Phase 2: STEADY records, made in chunks, the next one as soon as
	# everything but the last has arrived: no more than two chunks are
	# ever queued, which audisp-remote's queue holds, so what is measured
	# is the rate that the producer's auditd, audisp-remote, the network
	# and the collector's auditd sustain with nothing dropped.
	local chunk=$(((depth / 2 - 6) / 3 * 3)) made=0 gen_pid
	[ "$chunk" -ge 3 ] || fail "queue depth $depth: too small for the steady run"
	# One python for the whole run.
	coproc GEN { python3 -c "$LOAD_PY" serve 3>&-; }
	gen_pid=$GEN_PID
	x=$(log_lines)
	mark steady-start
	t0=$(date +%s.%N)
	while [ "$made" -lt "$steady" ]; do
		{ echo $((chunk / 3)) >&"${GEN[1]}" && read -r _ <&"${GEN[0]}"; } 2>/dev/null ||
			fail "the steady run's generator stopped"
		made=$((made + chunk))
		wait_lines $((x + made))
		steady_wait $((x + made - chunk))
	done
	exec {GEN[1]}>&-
	wait "$gen_pid" || true
	t1=$(date +%s.%N)
	mark steady-made
	steady_wait "$(log_lines)"
	t2=$(date +%s.%N)
	mark steady-end
	echo "records $(($(log_lines) - x)) made $t0 $t1 arrived $t2 chunk $chunk" >"$shared/throughput"
	say "phase 2: $(($(log_lines) - x)) records, at the collector $t0 to $t2"

	# Phase 3: a load of one denied connect() a second, and the
	# collector stopped for each OUTAGE records.
	python3 -c "$LOAD_PY" steady 3>&- &
	local load=$!
	wait_lines $(($(log_lines) + 30))
	k=0
	for outage in "$@"; do
		k=$((k + 1))
		tell stop stopped
		mark "outage$k-start"
		# The outage's records come as a burst of denied connect()s
		# over the steady load.
		x=$(log_lines)
		connects $(((outage + 2) / 3))
		wait_lines $((x + outage))
		remote_state "outage$k"
		mark "outage$k-restart"
		tell start started
		mark "outage$k-end"
		wait_lines $(($(log_lines) + 30))
	done
	touch /tmp/load.stop
	wait "$load" || true
	sleep 1
	mark end
	# Drained: the collector's count stops growing.
	x=-1
	collector_count
	while [ "$COUNT" != "$x" ]; do
		x=$COUNT
		sleep 3
		collector_count
	done
	remote_state end
	say "phase 3: $(log_lines) records made, $COUNT at the collector"

	for pid in "${loaders[@]}"; do
		kill -INT "$pid" 2>/dev/null || true
	done
	kill -KILL "$victim" 2>/dev/null || true
	auditctl -s >"$shared/producer.status"
	kill -CONT "$auditd_pid"
	sleep 0.5
	cp /var/run/auditd.state "$shared/producer.state" 2>/dev/null || true
	cp "$LOG" "$shared/producer.log"
	finished=1
	tell finish finished
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
