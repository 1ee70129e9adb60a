#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The policy template (examples/template), as its Makefile built it
# (make template): it loads, denies connect() to the port it is given and
# logs the record its source promises, which Debian's auditd writes; and
# the record's prog-id= leads an operator to the program, as
# docs/reading.md says: the kernel's BPF record of its load, whose event
# names the loading executable, and bpftool, which names the program
# while it is loaded.  A TAP program for tests/guest/run.
set -u
cd "$(dirname "$0")/../.."
. scripts/lib.sh
. tests/lib/ktap.sh
. scripts/auditd.sh
ktap_label template
PORT=8091
policy=build/template/policy
tmp=$(mktemp -d)

ktap_set_plan 4
auditd_start || ktap_exit_fail_msg "$AUDITD_ERROR"
lines=$(wc -l <"$AUDITD_LOG")
"$policy" "$PORT" >"$tmp/out" 2>&1 &
loader=$!
for _ in $(seq 100); do
	grep -q '^policy: attached:' "$tmp/out" && break
	sleep 0.1
done
if grep -q '^policy: attached: socket_connect prog-id=[0-9]' "$tmp/out"; then
	ok "the policy loads and attaches"
else
	not_ok "the policy loads and attaches"
	sed 's/^/#   /' "$tmp/out"
fi
out=$(bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>&1)
if [ $? != 0 ] && [[ $out == *"Operation not permitted"* ]]; then
	ok "connect() to port $PORT is denied with EPERM"
else
	not_ok "connect() to port $PORT is denied with EPERM"
	echo "#   $out"
fi
id=$(sed -n 's/^policy: attached: socket_connect prog-id=\([0-9]*\);.*/\1/p' "$tmp/out")
"$TOOLS/bin/bpftool" prog show id "${id:-0}" >"$tmp/bpftool" 2>&1
kill -TERM "$loader"
wait "$loader"
sleep 0.5
want="prog-id=[0-9]+ pid=[0-9]+ comm=\"bash\" cause=\"template-deny\" daddr=127.0.0.1 dest=$PORT lsm-hook=socket_connect decision=denied\$"
tail -n +"$((lines + 1))" "$AUDITD_LOG" | grep '^type=UNKNOWN\[1427\]' |
	sed 's/\x1d.*//' >"$tmp/records"
if [ "$(grep -c . "$tmp/records")" = 1 ] && grep -Eq "$want" "$tmp/records"; then
	ok "one record, as its source says"
else
	not_ok "one record, as its source says"
	echo "#   want: $want"
	sed 's/^/#   got: /' "$tmp/records"
fi
# The events of the program's load and unload, whole, by its id: the
# load's SYSCALL record is bpf(2) (321) by the loader.
exe=$(readlink -f "$policy")
ausearch -m BPF --raw -if "$AUDITD_LOG" 2>/dev/null | sed 's/\x1d.*//' >"$tmp/bpf"
serial=$(sed -n "s/^type=BPF msg=audit([0-9.]*:\([0-9]*\)): prog-id=$id op=LOAD\$/\1/p" "$tmp/bpf")
grep "msg=audit([0-9.]*:${serial:-none}):" "$tmp/bpf" >"$tmp/load"
if [ -n "$id" ] && grep -Eq "^[0-9]+: lsm  name deny_port  tag [0-9a-f]{16}" "$tmp/bpftool" &&
   grep -q "^type=SYSCALL .* syscall=321 success=yes exit=[0-9]* .* exe=\"$exe\"" "$tmp/load" &&
   grep -q "^type=BPF msg=audit([0-9.]*:[0-9]*): prog-id=$id op=UNLOAD\$" "$tmp/bpf"; then
	ok "prog-id=$id leads to the program: its load's event names $exe, bpftool names deny_port"
	sed 's/^/#   /' "$tmp/load" "$tmp/bpftool"
else
	not_ok "prog-id=${id:-?} leads to the program"
	echo "#   the load's event (serial ${serial:-none}):"
	sed 's/^/#   /' "$tmp/load"
	echo "#   bpftool prog show id ${id:-?}:"
	sed 's/^/#   /' "$tmp/bpftool"
fi
auditd_stop
rm -rf "$tmp"
ktap_finished
