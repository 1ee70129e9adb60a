#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The policy template (examples/template), as its Makefile built it
# (make template): it loads, denies connect() to the port it is given and
# logs the record its source promises, which Debian's auditd writes.  A
# TAP program for tests/guest/run.
set -u
cd "$(dirname "$0")/../.."
. scripts/lib.sh
. tests/lib/ktap.sh
. scripts/auditd.sh
ktap_label template
PORT=8091
policy=build/template/policy
tmp=$(mktemp -d)

ktap_set_plan 3
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
auditd_stop
rm -rf "$tmp"
ktap_finished
