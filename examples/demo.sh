#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo, run inside the guest by 'make demo': starts Debian's auditd,
# then for each example policy attaches the loader, tries what it forbids,
# and prints what was tried, the verdict, the record as auditd wrote it and
# the record as the patched ausearch -i reads it (audit userspace with
# userspace/audit/series, which make audit-userspace builds into the cache;
# vm/init keeps the cache visible in the guest).
#
# With --tap it also checks that every expected record is in audit.log and
# prints one TAP line per example (scripts/check runs it that way), then
# one per check of the tools.  With --pristine, for a kernel without the
# series, it checks instead that each example still enforces its policy,
# makes no record and says once that the kernel lacks the kfuncs: one TAP
# line per example.  Either checks that the verdict is the one the record
# (or, pristine, the policy) states: a denial is a failure with the
# examples' EPERM, anything else a failure that the policy did not make.
#
# Sourced, it only defines its functions and patterns: tests/host/harness.sh
# runs demo() with a planted loader, trigger and record.
set -u
B=build/examples
interpreted=0
LOG=/var/log/audit/audit.log
# Each example's loader output, record and record as ausearch -i reads it.
DEMO_TMP=/tmp/demo
# What a trigger that the examples' -EPERM denied prints (strerror).
DENIED_MSG="Operation not permitted"
tap=0
pristine=0
n=0
failed=0
# The records the runs below expect, one each.
EXPECTED=9

# Waits until the loader has printed its "attached" line.
wait_attached()
{
	for _ in $(seq 100); do
		grep -q ': attached:' "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "   loader did not attach:"; sed 's/^/   | /' "$1"
	return 1
}

# demo NAME DESCRIPTION PATTERN IPATTERN TRY-DESCRIPTION LOADER-ARGS --
#      TRIGGER...
# PATTERN is an extended regex the record's fields must match, IPATTERN
# one that the fields as the patched ausearch -i prints them must match.
demo()
{
	local name=$1 what=$2 pattern=$3 ipattern=$4 tried=$5 args out got why rc lines
	shift 5
	args=()
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	n=$((n + 1))
	echo
	echo "== $name: $what"
	lines=$(wc -l <"$LOG")
	"$B/$name" "${args[@]}" >"$DEMO_TMP/$name.out" 2>&1 &
	local loader=$!
	if ! wait_attached "$DEMO_TMP/$name.out"; then
		kill $loader 2>/dev/null
		failed=$((failed + 1))
		[ $tap = 1 ] && echo "not ok $n - demo: $name attaches"
		return
	fi
	out=$("$@" 2>&1)
	rc=$?
	got=$(verdict "$rc" "$out")
	kill -INT $loader; wait $loader
	sleep 0.5
	echo "   tried:   $tried"
	if [ $rc -eq 0 ]; then
		echo "   verdict: $got"
	else
		echo "   verdict: $got ($out)"
	fi
	# The record as the kernel made it: auditd's ENRICHED format appends
	# what it interpreted after a 0x1d byte (an IPv4 or IPv6 saddr= as a
	# SADDR= that the stock tools misread, docs/reading.md).
	tail -n +"$((lines + 1))" "$LOG" | grep '^type=UNKNOWN\[1427\]' |
		sed 's/\x1d.*//' >"$DEMO_TMP/$name.rec"
	sed 's/^/   audit:   /' "$DEMO_TMP/$name.rec"
	# The same record through the patched ausearch -i (it prints a
	# "----" line before each event and ends each record with a space).
	if [ -x "$PATCHED/ausearch" ]; then
		"$PATCHED/ausearch" -i -if "$DEMO_TMP/$name.rec" 2>&1 |
			sed -n 's/ *$//; /^type=/p' >"$DEMO_TMP/$name.int"
		sed 's/^/   ausearch -i: /' "$DEMO_TMP/$name.int"
		grep -Eq "$ipattern" "$DEMO_TMP/$name.int" &&
			interpreted=$((interpreted + 1))
	else
		echo "   ausearch -i: (no patched ausearch at $PATCHED: make audit-userspace)"
	fi
	if [ $pristine = 1 ]; then
		pristine_check "$name" "$pattern" "$got"
	elif [ $tap = 1 ]; then
		why=$(record_check "$pattern" "$got" "$DEMO_TMP/$name.rec")
		if [ -z "$why" ]; then
			echo "ok $n - demo: $name: $tried"
		else
			echo "not ok $n - demo: $name: $tried: $why"
			failed=$((failed + 1))
		fi
	fi
}

# verdict RC OUTPUT: what the trigger met, from its exit status and output:
# "allowed", "denied" (it failed with the examples' EPERM), or "error"
# (any other failure: a refused connection, a missing file; not a policy's).
verdict()
{
	if [ "$1" -eq 0 ]; then
		echo allowed
	elif grep -qF -- "$DENIED_MSG" <<<"$2"; then
		echo denied
	else
		echo error
	fi
}

# record_check PATTERN VERDICT FILE: what is wrong with the example's
# records in FILE, if anything: one must match PATTERN, and their
# decision= must be the VERDICT the trigger met.
record_check()
{
	local decided why=()
	grep -Eq -- "$1" "$3" || why+=("no record matches: $1")
	decided=$(sed -n 's/.* decision=\([^ ]*\)$/\1/p' "$3" | sort -u | tr '\n' ' ')
	decided=${decided% }
	if [ -z "$decided" ]; then
		why+=("verdict $2 but no record has a decision=")
	elif [ "$decided" != "$2" ]; then
		why+=("verdict $2 but the record says decision=$decided")
	fi
	[ ${#why[@]} -eq 0 ] || printf '%s; ' "${why[@]}" | sed 's/; $//'
}

# pristine_check NAME PATTERN VERDICT: on a kernel without the kfuncs, the
# example decides as its record says it would (the decision= of PATTERN;
# VERDICT is what the trigger met), makes no record, and its loader warns
# exactly once.
pristine_check()
{
	local name=$1 want=allowed got=$3 warned records
	case $2 in *decision=denied*) want=denied ;; esac
	warned=$(grep -c 'warning: kernel has no bpf_audit_log_\* kfuncs: enforcing without audit records' \
		"$DEMO_TMP/$name.out")
	records=$(grep -c . "$DEMO_TMP/$name.rec")
	if [ "$got" = "$want" ] && [ "$records" -eq 0 ] && [ "$warned" -eq 1 ]; then
		echo "ok $n - pristine: $name: $tried: still $got as its policy says, no record, one warning about the missing kfuncs"
	else
		echo "not ok $n - pristine: $name: $tried: $got (want $want), $records record(s) (want 0), $warned warning(s) (want 1)"
		sed 's/^/#   loader: /' "$DEMO_TMP/$name.out"
		failed=$((failed + 1))
	fi
}

ID='prog-id=[0-9]+ pid=[0-9]+'

# py_socket FAMILY CALL ADDRESS: a python3 program that makes a TCP socket
# of FAMILY, calls CALL (bind or connect) with ADDRESS, and exits with the
# error's text if the call fails.
py_socket()
{
	printf 'import os, socket\ns = socket.socket(socket.%s, socket.SOCK_STREAM)\ntry:\n    s.%s(%s)\nexcept OSError as e:\n    raise SystemExit(os.strerror(e.errno))\n' \
		"$1" "$2" "$3"
}
# The record as the patched ausearch -i prints it: named, with the time
# decoded.
IID='^type=BPF_LSM_ACCESS msg=audit\([0-9/]+ [0-9:.]+:[0-9]+\) : prog-id=[0-9]+ pid=[0-9]+'

# Sourced (tests/host/harness.sh): the functions only, nothing run.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

cd "$(dirname "$0")/.." || exit
. scripts/lib.sh
PATCHED=$CACHE/audit-userspace/sbin
case ${1:-} in
--tap) tap=1 ;;
--pristine) tap=1 pristine=1 ;;
esac

mkdir -p /var/log/audit "$DEMO_TMP"
# auditd in the foreground (-n), writing /var/log/audit/audit.log.
auditd -n >"$DEMO_TMP/auditd.out" 2>&1 &
auditd_pid=$!
for _ in $(seq 50); do
	auditctl -s 2>/dev/null | grep -q "^pid $auditd_pid" && break
	sleep 0.1
done
auditctl -e 1 >/dev/null

demo net_deny "deny connect() to port 8080" \
	"$ID comm=\"bash\" cause=\"connect-deny\" daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
	"$IID comm=bash cause=connect-deny daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
	"connect to 127.0.0.1:8080" \
	8080 -- bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080'

demo net_deny "deny connect() to port 8080, over IPv6" \
	"$ID comm=\"python3\" cause=\"connect-deny\" daddr=::1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
	"$IID comm=python3 cause=connect-deny daddr=::1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
	"connect to [::1]:8080" \
	8080 -- python3 -c "$(py_socket AF_INET6 connect '("::1", 8080)')"

demo net_deny "deny bind() to a privileged port" \
	"$ID comm=\"python3\" cause=\"bind-privileged\" saddr=127.0.0.1 src=80 lsm-hook=socket_bind decision=denied\$" \
	"$IID comm=python3 cause=bind-privileged saddr=127.0.0.1 src=80 lsm-hook=socket_bind decision=denied\$" \
	"bind to 127.0.0.1:80" \
	8080 -- python3 -c "$(py_socket AF_INET bind '("127.0.0.1", 80)')"

demo net_deny "deny bind() to a privileged port, over IPv6" \
	"$ID comm=\"python3\" cause=\"bind-privileged\" saddr=::1 src=80 lsm-hook=socket_bind decision=denied\$" \
	"$IID comm=python3 cause=bind-privileged saddr=::1 src=80 lsm-hook=socket_bind decision=denied\$" \
	"bind to [::1]:80" \
	8080 -- python3 -c "$(py_socket AF_INET6 bind '("::1", 80)')"

mkdir -p /tmp/secret && echo key >/tmp/secret/key
ino=$(stat -c %i /tmp/secret/key)
demo file_deny "deny opening anything under /tmp/secret" \
	"$ID comm=\"cat\" cause=\"file-deny\" path=\"/tmp/secret/key\" dev=\"tmpfs\" ino=$ino lsm-hook=file_open decision=denied\$" \
	"$IID comm=cat cause=file-deny path=/tmp/secret/key dev=tmpfs ino=$ino lsm-hook=file_open decision=denied\$" \
	"cat /tmp/secret/key" \
	/tmp/secret -- cat /tmp/secret/key

demo heap_exec "deny making heap memory executable" \
	"$ID comm=\"python3\" cause=\"heap-exec\" opid=[0-9]+ ocomm=\"python3\" lsm-hook=file_mprotect decision=denied\$" \
	"$IID comm=python3 cause=heap-exec opid=[0-9]+ ocomm=python3 lsm-hook=file_mprotect decision=denied\$" \
	"mprotect(heap page, PROT_EXEC) from python3" \
	-- python3 -c '
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.sbrk.restype = ctypes.c_void_p
base = libc.sbrk(3 * 4096)
page = (base + 4095) & ~4095
if libc.mprotect(ctypes.c_void_p(page), 4096, 5):
    raise SystemExit(os.strerror(ctypes.get_errno()))'

demo ioctl_deny "deny the TIOCSTI ioctl (0x5412)" \
	"$ID comm=\"python3\" cause=\"ioctl-deny\" path=\"/dev/null\" dev=\"devtmpfs\" ino=[0-9]+ ioctlcmd=0x5412 lsm-hook=file_ioctl decision=denied\$" \
	"$IID comm=python3 cause=ioctl-deny path=/dev/null dev=devtmpfs ino=[0-9]+ ioctlcmd=TIOCSTI lsm-hook=file_ioctl decision=denied\$" \
	"ioctl(/dev/null, TIOCSTI)" \
	0x5412 -- python3 -c '
import fcntl, os
try:
    fcntl.ioctl(open("/dev/null"), 0x5412, b"x")
except OSError as e:
    raise SystemExit(os.strerror(e.errno))'

demo cap_audit "allow, but log, uses of CAP_SYS_CHROOT" \
	"$ID comm=\"chroot\" cause=\"cap-use\" capability=18 lsm-hook=capable decision=allowed\$" \
	"$IID comm=chroot cause=cap-use capability=sys_chroot lsm-hook=capable decision=allowed\$" \
	"chroot / true" \
	CAP_SYS_CHROOT -- chroot / true

sleep 300 &
victim=$!
demo signal_protect "deny signals to a protected process (pid $victim)" \
	"$ID comm=\"kill\" cause=\"signal-deny\" opid=$victim ocomm=\"sleep\" lsm-hook=task_kill decision=denied\$" \
	"$IID comm=kill cause=signal-deny opid=$victim ocomm=sleep lsm-hook=task_kill decision=denied\$" \
	"kill -TERM $victim" \
	$victim -- /bin/kill -TERM $victim
kill -KILL $victim 2>/dev/null

# What an operator's tools make of them: ausearch finds every record by
# type, each record shares its serial with the SYSCALL record of the
# syscall it was made in, and auparse reads every field.
if [ $tap = 1 ] && [ $pristine = 0 ]; then
	n=$((n + 1))
	found=$(ausearch -m 1427 --raw 2>/dev/null | grep -c '^type=UNKNOWN\[1427\]')
	want=$(grep -c '^type=UNKNOWN\[1427\]' "$LOG")
	if [ "$found" -ge $EXPECTED ] && [ "$found" -eq "$want" ]; then
		echo "ok $n - demo: ausearch -m 1427 finds all $found records"
	else
		echo "not ok $n - demo: ausearch -m 1427 found $found of $want records"
	fi
	n=$((n + 1))
	joined=0 alone=0
	for serial in $(grep '^type=UNKNOWN\[1427\]' "$LOG" |
			sed 's/.*msg=audit([0-9.]*:\([0-9]*\)).*/\1/'); do
		if grep -q "^type=SYSCALL msg=audit([0-9.]*:$serial)" "$LOG"; then
			joined=$((joined + 1))
		else
			alone=$((alone + 1))
		fi
	done
	if [ $alone -eq 0 ] && [ $joined -ge $EXPECTED ]; then
		echo "ok $n - demo: all $joined records share the serial of their SYSCALL record"
	else
		echo "not ok $n - demo: $alone of $((joined + alone)) records have no SYSCALL record with their serial"
	fi
	n=$((n + 1))
	if build/examples/auparse_check "$LOG"; then
		echo "ok $n - demo: auparse reads every field of every record"
	else
		echo "not ok $n - demo: auparse reads every field of every record"
	fi
	# The patched tools in the guest: ausearch -i read each example's
	# record as expected (above), and ausearch -m finds every record by
	# its name in the log the stock auditd wrote.
	n=$((n + 1))
	named=$("$PATCHED/ausearch" -m BPF_LSM_ACCESS --raw 2>/dev/null |
		grep -c '^type=UNKNOWN\[1427\]')
	if [ "$interpreted" -eq $EXPECTED ] && [ "$named" -eq "$want" ]; then
		echo "ok $n - demo: patched ausearch -i reads the $EXPECTED examples' records, -m BPF_LSM_ACCESS finds all $named"
	else
		echo "not ok $n - demo: patched ausearch -i read $interpreted of the $EXPECTED examples' records as expected, -m BPF_LSM_ACCESS found $named of $want"
	fi
fi

echo
echo "== ausearch -m 1427 --format text (what an operator reads)"
ausearch -m 1427 --format text 2>/dev/null | sed 's/^/   /' | head -20
kill $auditd_pid 2>/dev/null
wait $auditd_pid 2>/dev/null
[ $failed -eq 0 ]
