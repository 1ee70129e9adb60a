# SPDX-License-Identifier: GPL-2.0-only
#
# The example policies' runs, written once: the demo (examples/demo.sh)
# shows them, their test (tests/guest/examples.sh) checks them.  Sourced,
# in the guest, from the top of the repository, after scripts/lib.sh and
# scripts/auditd.sh (auditd writes $AUDITD_LOG).
#
# example_runs FUNC: calls, for each run,
#
#   FUNC NAME DESCRIPTION PATTERN IPATTERN TRIED LOADER-ARG... -- TRIGGER...
#
# NAME is the example (its loader is $B/NAME), DESCRIPTION what its policy
# does, PATTERN an extended regex that the fields of the record the run
# makes must match, as auditd writes them, IPATTERN one that they must
# match as the patched ausearch -i prints them, TRIED what TRIGGER tries.
# PATTERN's decision= is the verdict the policy must give.  The caller
# runs it with example_run.
#
# example_run NAME LOADER-ARG... -- TRIGGER...: attaches the loader, runs
# TRIGGER, stops the loader and collects the 1427 records auditd wrote
# meanwhile.  Returns 1 if the loader did not attach.  Leaves in $RUN_TMP
# NAME.out (the loader's output), NAME.rec (the records, without the part
# that auditd's ENRICHED format appends after a 0x1d byte: an IPv4 or IPv6
# saddr= as a SADDR= that the stock tools misread, docs/reading.md) and
# NAME.int (the records as the patched ausearch -i prints them, one line
# each; absent without the patched ausearch), and in run_rc, run_out and
# run_verdict the trigger's exit status, its output and its verdict, in
# run_loader_rc the loader's exit status after the SIGINT that stops it.
B=build/examples
# The patched audit userspace (userspace/audit/series), which make
# audit-userspace builds into the cache; vm/init keeps the cache visible
# in the guest.
PATCHED=$CACHE/audit-userspace/sbin
# Each run's loader output, records and records as ausearch -i reads them.
RUN_TMP=/tmp/examples
# What a trigger that the examples' -EPERM denied prints (strerror).
DENIED_MSG="Operation not permitted"
# The runs below, one record each.
# shellcheck disable=SC2034 # the test's plan
EXAMPLE_RUNS=12

# The start of a record's fields as auditd writes them, and of the record
# as the patched ausearch -i prints it: named, with the time decoded.
ID='prog-id=[0-9]+ pid=[0-9]+'
IID='^type=BPF_LSM_ACCESS msg=audit\([0-9/]+ [0-9:.]+:[0-9]+\) : prog-id=[0-9]+ pid=[0-9]+'

# wait_attached FILE: waits until the loader has printed its "attached"
# line to FILE.
wait_attached()
{
	for _ in $(seq 100); do
		grep -q ': attached:' "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
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

# shellcheck disable=SC2034 # run_*: the caller's
example_run()
{
	local name=$1 args=() lines loader
	shift
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	mkdir -p "$RUN_TMP"
	rm -f "$RUN_TMP/$name".*
	run_rc='' run_out='' run_verdict='' run_loader_rc=''
	lines=$(wc -l <"$AUDITD_LOG")
	"$B/$name" "${args[@]}" >"$RUN_TMP/$name.out" 2>&1 &
	loader=$!
	if ! wait_attached "$RUN_TMP/$name.out"; then
		kill "$loader" 2>/dev/null
		wait "$loader" 2>/dev/null
		return 1
	fi
	run_out=$("$@" 2>&1)
	run_rc=$?
	run_verdict=$(verdict "$run_rc" "$run_out")
	kill -INT "$loader"
	wait "$loader"
	run_loader_rc=$?
	sleep 0.5
	tail -n +"$((lines + 1))" "$AUDITD_LOG" | grep '^type=UNKNOWN\[1427\]' |
		sed 's/\x1d.*//' >"$RUN_TMP/$name.rec"
	# ausearch prints a "----" line before each event and ends each
	# record with a space.
	if [ -x "$PATCHED/ausearch" ]; then
		"$PATCHED/ausearch" -i -if "$RUN_TMP/$name.rec" 2>&1 |
			sed -n 's/ *$//; /^type=/p' >"$RUN_TMP/$name.int"
	fi
	return 0
}

# py_socket FAMILY CALL ADDRESS: a python3 program that makes a TCP socket
# of FAMILY, calls CALL (bind or connect) with ADDRESS, and exits with the
# error's text if the call fails.
py_socket()
{
	printf 'import os, socket\ns = socket.socket(socket.%s, socket.SOCK_STREAM)\ntry:\n    s.%s(%s)\nexcept OSError as e:\n    raise SystemExit(os.strerror(e.errno))\n' \
		"$1" "$2" "$3"
}

# The runs.  tests/host/docs.sh reads the record patterns ("$ID
# comm=\"...\"..."): a record quoted in docs/ must be one of them (or a
# test's).
example_runs()
{
	local run=$1 ino victim

	$run net_deny "deny connect() to port 8080" \
		"$ID comm=\"bash\" cause=\"connect-deny\" daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
		"$IID comm=bash cause=connect-deny daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
		"connect to 127.0.0.1:8080" \
		8080 -- bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080'

	$run net_deny "deny connect() to port 8080, over IPv6" \
		"$ID comm=\"python3\" cause=\"connect-deny\" daddr=::1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
		"$IID comm=python3 cause=connect-deny daddr=::1 dest=8080 lsm-hook=socket_connect decision=denied\$" \
		"connect to [::1]:8080" \
		8080 -- python3 -c "$(py_socket AF_INET6 connect '("::1", 8080)')"

	$run net_deny "deny bind() to a privileged port" \
		"$ID comm=\"python3\" cause=\"bind-privileged\" saddr=127.0.0.1 src=80 lsm-hook=socket_bind decision=denied\$" \
		"$IID comm=python3 cause=bind-privileged saddr=127.0.0.1 src=80 lsm-hook=socket_bind decision=denied\$" \
		"bind to 127.0.0.1:80" \
		8080 -- python3 -c "$(py_socket AF_INET bind '("127.0.0.1", 80)')"

	$run net_deny "deny bind() to a privileged port, over IPv6" \
		"$ID comm=\"python3\" cause=\"bind-privileged\" saddr=::1 src=80 lsm-hook=socket_bind decision=denied\$" \
		"$IID comm=python3 cause=bind-privileged saddr=::1 src=80 lsm-hook=socket_bind decision=denied\$" \
		"bind to [::1]:80" \
		8080 -- python3 -c "$(py_socket AF_INET6 bind '("::1", 80)')"

	mkdir -p /tmp/secret && echo key >/tmp/secret/key
	ino=$(stat -c %i /tmp/secret/key)
	$run file_deny "deny opening anything under /tmp/secret" \
		"$ID comm=\"cat\" cause=\"file-deny\" path=\"/tmp/secret/key\" dev=\"tmpfs\" ino=$ino lsm-hook=file_open decision=denied\$" \
		"$IID comm=cat cause=file-deny path=/tmp/secret/key dev=tmpfs ino=$ino lsm-hook=file_open decision=denied\$" \
		"cat /tmp/secret/key" \
		/tmp/secret -- cat /tmp/secret/key

	mkdir -p /tmp/guard/sub && echo data >/tmp/guard/sub/victim
	ino=$(stat -c %i /tmp/guard/sub/victim)
	$run dir_guard "deny removing anything under /tmp/guard (rule 1)" \
		"$ID comm=\"rm\" cause=\"dir-guard\" rule-id=1 path=\"/tmp/guard/sub/victim\" dev=\"tmpfs\" ino=$ino lsm-hook=path_unlink decision=denied\$" \
		"$IID comm=rm cause=dir-guard rule-id=1 path=/tmp/guard/sub/victim dev=tmpfs ino=$ino lsm-hook=path_unlink decision=denied\$" \
		"rm /tmp/guard/sub/victim" \
		/tmp/guard -- rm /tmp/guard/sub/victim

	$run heap_exec "deny making heap memory executable" \
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

	$run ioctl_deny "deny the TIOCSTI ioctl (0x5412)" \
		"$ID comm=\"python3\" cause=\"ioctl-deny\" path=\"/dev/null\" dev=\"devtmpfs\" ino=[0-9]+ ioctlcmd=0x5412 lsm-hook=file_ioctl decision=denied\$" \
		"$IID comm=python3 cause=ioctl-deny path=/dev/null dev=devtmpfs ino=[0-9]+ ioctlcmd=TIOCSTI lsm-hook=file_ioctl decision=denied\$" \
		"ioctl(/dev/null, TIOCSTI)" \
		0x5412 -- python3 -c '
import fcntl, os
try:
    fcntl.ioctl(open("/dev/null"), 0x5412, b"x")
except OSError as e:
    raise SystemExit(os.strerror(e.errno))'

	$run cap_audit "allow, but log, uses of CAP_SYS_CHROOT" \
		"$ID comm=\"chroot\" cause=\"cap-use\" capability=18 lsm-hook=capable decision=allowed\$" \
		"$IID comm=chroot cause=cap-use capability=sys_chroot lsm-hook=capable decision=allowed\$" \
		"chroot / true" \
		CAP_SYS_CHROOT -- chroot / true

	$run setuid_audit "allow, but log, a process that becomes root again" \
		"$ID comm=\"python3\" cause=\"setuid-audit\" old-euid=65534 new-euid=0 old-fsuid=65534 new-fsuid=0 lsm-hook=task_fix_setuid decision=allowed\$" \
		"$IID comm=python3 cause=setuid-audit old-euid=nobody new-euid=root old-fsuid=nobody new-fsuid=root lsm-hook=task_fix_setuid decision=allowed\$" \
		"seteuid(65534), then seteuid(0), from python3" \
		-- python3 -c 'import os; os.seteuid(65534); os.seteuid(0)'

	cp /bin/true /tmp/suid-true && chmod 4755 /tmp/suid-true
	$run setuid_audit "allow, but log, nobody running a setuid-root program" \
		"$ID comm=\"suid-true\" cause=\"setuid-audit\" old-euid=65534 new-euid=0 old-suid=65534 new-suid=0 old-fsuid=65534 new-fsuid=0 lsm-hook=bprm_committing_creds decision=allowed\$" \
		"$IID comm=suid-true cause=setuid-audit old-euid=nobody new-euid=root old-suid=nobody new-suid=root old-fsuid=nobody new-fsuid=root lsm-hook=bprm_committing_creds decision=allowed\$" \
		"setpriv --reuid=65534 --regid=65534 --clear-groups /tmp/suid-true" \
		-- setpriv --reuid=65534 --regid=65534 --clear-groups /tmp/suid-true
	rm -f /tmp/suid-true

	sleep 300 &
	victim=$!
	$run signal_protect "deny signals to a protected process (pid $victim)" \
		"$ID comm=\"kill\" cause=\"signal-deny\" opid=$victim ocomm=\"sleep\" lsm-hook=task_kill decision=denied\$" \
		"$IID comm=kill cause=signal-deny opid=$victim ocomm=sleep lsm-hook=task_kill decision=denied\$" \
		"kill -TERM $victim" \
		"$victim" -- /bin/kill -TERM "$victim"
	kill -KILL "$victim" 2>/dev/null
	wait "$victim" 2>/dev/null
}
