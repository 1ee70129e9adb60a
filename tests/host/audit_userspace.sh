#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Audit userspace reads BPF_LSM_ACCESS (1427) records right once patched
# with userspace/audit/series, and Debian's stock tools (audit 3.0.9) still
# misread them as docs/reading.md says.
#
# Sample records, one per kind of record (each kfunc's fields, interrupt
# context, escaped strings, a record with no object), are written to a
# temporary log as auditd writes them; the patched ausearch -i, ausearch
# -m and aureport (built, or found cached, by scripts/audit-userspace) and
# the stock ones read it, and their output is compared whole with what is
# expected here.  ausearch -i ends each record with a space, which is
# stripped before comparing.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

export TZ=UTC LC_ALL=C
PATCHED=$CACHE/audit-userspace/sbin
STOCK=/sbin

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$TOP/tests/lib/ktap.sh"
ktap_label "host: audit userspace"
ktap_set_plan 15

# same DESCRIPTION EXPECTED ACTUAL: the two files are equal, or the diff.
same()
{
	if diff -u "$2" "$3" >"$tmp/diff"; then
		ok "$1"
	else
		not_ok "$1"
		sed 's/^/#   /' "$tmp/diff"
	fi
}

# run OUT COMMAND...: COMMAND's output, its trailing spaces stripped, to OUT.
run()
{
	local out=$1

	shift
	"$@" 2>&1 | sed 's/ *$//' >"$out"
}

# The records as the patched auditd writes them; the stock auditd writes
# type=UNKNOWN[1427] instead.
cat >"$tmp/records.log" <<'EOF'
type=BPF_LSM_ACCESS msg=audit(1700000000.123:42): prog-id=12 pid=311 comm="bash" cause="connect-deny" daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.130:43): prog-id=13 pid=312 comm="nc" cause="bind-privileged" saddr=127.0.0.1 src=80 netif=lo lsm-hook=socket_bind decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.140:44): prog-id=14 pid=313 comm="nc" cause="bind6" saddr=::1 src=8443 lsm-hook=socket_bind decision=allowed
type=BPF_LSM_ACCESS msg=audit(1700000000.150:45): prog-id=15 pid=314 comm="curl" cause="sendmsg" laddr=10.0.2.15 lport=40000 faddr=10.0.2.2 fport=443 netif=eth0 lsm-hook=socket_sendmsg decision=allowed
type=BPF_LSM_ACCESS msg=audit(1700000000.160:46): prog-id=16 pid=315 comm="socat" cause="unix-connect" path="/run/app.sock" lsm-hook=unix_stream_connect decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.180:48): prog-id=17 pid=316 comm="chroot" cause="cap-use" capability=18 lsm-hook=capable decision=allowed
type=BPF_LSM_ACCESS msg=audit(1700000000.200:50): prog-id=19 pid=318 comm="cat" cause="file-deny" path="/tmp/secret/key" dev="tmpfs" ino=2051 lsm-hook=file_open decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.230:53): prog-id=21 pid=319 comm="python3" cause="ioctl-deny" path="/dev/null" dev="devtmpfs" ino=4 ioctlcmd=0x5412 lsm-hook=file_ioctl decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.240:54): prog-id=22 pid=320 comm="rm" cause="unlink-deny" name="key" dev="tmpfs" ino=2051 lsm-hook=inode_unlink decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.260:56): prog-id=24 pid=321 comm="kill" cause="signal-deny" opid=330 ocomm="sleep" lsm-hook=task_kill decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.280:58): prog-id=26 pid=-1 comm=? cause="rcv-deny" laddr=127.0.0.1 lport=8080 faddr=127.0.0.1 fport=41000 netif=lo lsm-hook=socket_sock_rcv_skb decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000000.290:59): prog-id=27 pid=323 comm=6D7920636F6D6D cause=74776F20776F726473 path=2F746D702F612062 dev="tmpfs" ino=7 lsm-hook=file_open decision=unknown
type=BPF_LSM_ACCESS msg=audit(1700000000.300:60): prog-id=28 pid=324 comm="true" lsm-hook=bprm_check_security decision=unknown
EOF
sed 's/^type=BPF_LSM_ACCESS /type=UNKNOWN[1427] /' "$tmp/records.log" >"$tmp/stock.log"

# 1: the patched tools, built once and cached.
if scripts_out=$("$TOP/scripts/audit-userspace" 2>&1) && [ -x "$PATCHED/ausearch" ]; then
	ok "the patched tools are built ($(cat "$CACHE/audit-userspace/.version"))"
else
	not_ok "the patched tools are built"
	printf '%s\n' "$scripts_out" | tail -n 20 | sed 's/^/#   /'
fi

# 2: every field of every kind of record, interpreted.
cat >"$tmp/expected" <<'EOF'
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.123:42) : prog-id=12 pid=311 comm=bash cause=connect-deny daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.130:43) : prog-id=13 pid=312 comm=nc cause=bind-privileged saddr=127.0.0.1 src=80 netif=lo lsm-hook=socket_bind decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.140:44) : prog-id=14 pid=313 comm=nc cause=bind6 saddr=::1 src=8443 lsm-hook=socket_bind decision=allowed
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.150:45) : prog-id=15 pid=314 comm=curl cause=sendmsg laddr=10.0.2.15 lport=40000 faddr=10.0.2.2 fport=443 netif=eth0 lsm-hook=socket_sendmsg decision=allowed
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.160:46) : prog-id=16 pid=315 comm=socat cause=unix-connect path=/run/app.sock lsm-hook=unix_stream_connect decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.180:48) : prog-id=17 pid=316 comm=chroot cause=cap-use capability=sys_chroot lsm-hook=capable decision=allowed
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.200:50) : prog-id=19 pid=318 comm=cat cause=file-deny path=/tmp/secret/key dev=tmpfs ino=2051 lsm-hook=file_open decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.230:53) : prog-id=21 pid=319 comm=python3 cause=ioctl-deny path=/dev/null dev=devtmpfs ino=4 ioctlcmd=TIOCSTI lsm-hook=file_ioctl decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.240:54) : prog-id=22 pid=320 comm=rm cause=unlink-deny name=key dev=tmpfs ino=2051 lsm-hook=inode_unlink decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.260:56) : prog-id=24 pid=321 comm=kill cause=signal-deny opid=330 ocomm=sleep lsm-hook=task_kill decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.280:58) : prog-id=26 pid=-1 comm=? cause=rcv-deny laddr=127.0.0.1 lport=8080 faddr=127.0.0.1 fport=41000 netif=lo lsm-hook=socket_sock_rcv_skb decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.290:59) : prog-id=27 pid=323 comm=my comm cause=two words path=/tmp/a b dev=tmpfs ino=7 lsm-hook=file_open decision=unknown
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.300:60) : prog-id=28 pid=324 comm=true lsm-hook=bprm_check_security decision=unknown
EOF
run "$tmp/got" "$PATCHED/ausearch" -i -if "$tmp/records.log"
same "patched ausearch -i interprets every field of each kind of record" \
	"$tmp/expected" "$tmp/got"

# 3: a log that the stock auditd wrote reads the same.
run "$tmp/got" "$PATCHED/ausearch" -i -if "$tmp/stock.log"
same "patched ausearch -i reads type=UNKNOWN[1427] as BPF_LSM_ACCESS" \
	"$tmp/expected" "$tmp/got"

# 4: ausearch -m by name selects these records and no other.
{
	cat "$tmp/records.log"
	echo 'type=AVC msg=audit(1700000001.000:61): avc:  denied  { read } for  pid=400 comm="cat" name="shadow" dev="sda1" ino=1234 scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:shadow_t:s0 tclass=file permissive=0'
	echo 'type=USER_LOGIN msg=audit(1700000001.100:62): pid=401 uid=0 auid=1000 ses=2 msg='"'"'op=login id=1000 exe="/usr/sbin/sshd" hostname=? addr=? terminal=sshd res=success'"'"
} >"$tmp/mixed.log"
run "$tmp/got" "$PATCHED/ausearch" -m BPF_LSM_ACCESS --raw -if "$tmp/mixed.log"
same "patched ausearch -m BPF_LSM_ACCESS selects the records and only them" \
	"$tmp/records.log" "$tmp/got"

# 5: a whole event, the record with its syscall's records.
cat >"$tmp/event.log" <<'EOF'
type=BPF_LSM_ACCESS msg=audit(1700000000.123:42): prog-id=12 pid=311 comm="bash" cause="connect-deny" daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied
type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=42 success=no exit=-1 a0=3 a1=7ffd5c9e1a30 a2=10 a3=0 items=0 ppid=298 pid=311 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=4294967295 comm="bash" exe="/usr/bin/bash" key=(null)
type=PROCTITLE msg=audit(1700000000.123:42): proctitle=62617368002D63006578656320333C3E2F6465762F7463702F3132372E302E302E312F38303830
EOF
cat >"$tmp/expected" <<'EOF'
----
type=PROCTITLE msg=audit(11/14/23 22:13:20.123:42) : proctitle=bash -c exec 3<>/dev/tcp/127.0.0.1/8080
type=SYSCALL msg=audit(11/14/23 22:13:20.123:42) : arch=x86_64 syscall=connect success=no exit=EPERM(Operation not permitted) a0=0x3 a1=0x7ffd5c9e1a30 a2=0x10 a3=0x0 items=0 ppid=298 pid=311 auid=unset uid=root gid=root euid=root suid=root fsuid=root egid=root sgid=root fsgid=root tty=pts0 ses=unset comm=bash exe=/usr/bin/bash key=(null)
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:20.123:42) : prog-id=12 pid=311 comm=bash cause=connect-deny daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied
EOF
run "$tmp/got" "$PATCHED/ausearch" -m BPF_LSM_ACCESS -i -if "$tmp/event.log"
same "patched ausearch -m BPF_LSM_ACCESS -i prints the record's whole event" \
	"$tmp/expected" "$tmp/got"

# 6: the searches by pid, comm, file and success find the records (the
# serials of what each finds).
cat >"$tmp/expected" <<'EOF'
-p 311: 42
-c nc: 43 44
-c my comm: 59
-f /tmp/secret/key: 50
-f /tmp/a b: 59
-f /run/app.sock: 46
--success no: 42 43 46 50 53 54 56 58
--success yes: 44 45 48
EOF
search()
{
	printf '%s:' "$*"
	"$PATCHED/ausearch" "$@" -if "$tmp/records.log" 2>&1 |
		sed -n 's/^type=[^ ]* msg=audit([0-9.]*:\([0-9]*\)).*/ \1/p' | tr -d '\n'
	echo
}
{
	search -p 311
	search -c nc
	search -c "my comm"
	search -f /tmp/secret/key
	search -f "/tmp/a b"
	search -f /run/app.sock
	search --success no
	search --success yes
} >"$tmp/got"
same "patched ausearch -p, -c, -f and --success find the records" \
	"$tmp/expected" "$tmp/got"

# 7-8: aureport names and counts the records; success is the decision
# when no syscall record says.
cat >"$tmp/expected" <<'EOF'

Event Report
===================================
# date time event type auid success
===================================
1. 11/14/23 22:13:20 42 BPF_LSM_ACCESS unknown(-2) no
2. 11/14/23 22:13:20 43 BPF_LSM_ACCESS unknown(-2) no
3. 11/14/23 22:13:20 44 BPF_LSM_ACCESS unknown(-2) yes
4. 11/14/23 22:13:20 45 BPF_LSM_ACCESS unknown(-2) yes
5. 11/14/23 22:13:20 46 BPF_LSM_ACCESS unknown(-2) no
6. 11/14/23 22:13:20 48 BPF_LSM_ACCESS unknown(-2) yes
7. 11/14/23 22:13:20 50 BPF_LSM_ACCESS unknown(-2) no
8. 11/14/23 22:13:20 53 BPF_LSM_ACCESS unknown(-2) no
9. 11/14/23 22:13:20 54 BPF_LSM_ACCESS unknown(-2) no
10. 11/14/23 22:13:20 56 BPF_LSM_ACCESS unknown(-2) no
11. 11/14/23 22:13:20 58 BPF_LSM_ACCESS unknown(-2) no
12. 11/14/23 22:13:20 59 BPF_LSM_ACCESS unknown(-2) unset
13. 11/14/23 22:13:20 60 BPF_LSM_ACCESS unknown(-2) unset
EOF
run "$tmp/got" "$PATCHED/aureport" -e -i --input "$tmp/records.log"
same "patched aureport -e lists each record by type, decision as success" \
	"$tmp/expected" "$tmp/got"

cat >"$tmp/expected" <<'EOF'

Event Summary Report
======================
total  type
======================
13  BPF_LSM_ACCESS
EOF
run "$tmp/got" "$PATCHED/aureport" -e --summary -i --input "$tmp/records.log"
same "patched aureport -e --summary counts the records by type" \
	"$tmp/expected" "$tmp/got"

# 9: aureport's file report lists the files the records name.
cat >"$tmp/expected" <<'EOF'

File Report
===============================================
# date time file syscall success exe auid event
===============================================
1. 11/14/23 22:13:20 /run/app.sock ? no ? unknown(-2) 46
2. 11/14/23 22:13:20 /tmp/secret/key ? no ? unknown(-2) 50
3. 11/14/23 22:13:20 /dev/null ? no ? unknown(-2) 53
4. 11/14/23 22:13:20 key ? no ? unknown(-2) 54
5. 11/14/23 22:13:20 /tmp/a b ? unset ? unknown(-2) 59
EOF
run "$tmp/got" "$PATCHED/aureport" -f -i --input "$tmp/records.log"
same "patched aureport -f lists the files of the records" \
	"$tmp/expected" "$tmp/got"

# 10-13: Debian's stock tools, as docs/reading.md describes them.
echo "# stock: $("$STOCK/ausearch" -v 2>&1)"
cat >"$tmp/expected" <<'EOF'
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.123:42) : prog-id=12 pid=311 comm=bash cause="connect-deny" daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.130:43) : prog-id=13 pid=312 comm=nc cause="bind-privileged" saddr=unknown-family(28690) src=80 netif=lo lsm-hook=socket_bind decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.140:44) : prog-id=14 pid=313 comm=nc cause="bind6" saddr=malformed-host(::1) src=8443 lsm-hook=socket_bind decision=allowed
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.150:45) : prog-id=15 pid=314 comm=curl cause="sendmsg" laddr=10.0.2.15 lport=40000 faddr=10.0.2.2 fport=443 netif=eth0 lsm-hook=socket_sendmsg decision=allowed
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.160:46) : prog-id=16 pid=315 comm=socat cause="unix-connect" path=/run/app.sock lsm-hook=unix_stream_connect decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.180:48) : prog-id=17 pid=316 comm=chroot cause="cap-use" capability=sys_chroot lsm-hook=capable decision=allowed
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.200:50) : prog-id=19 pid=318 comm=cat cause="file-deny" path=/tmp/secret/key dev="tmpfs" ino=2051 lsm-hook=file_open decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.230:53) : prog-id=21 pid=319 comm=python3 cause="ioctl-deny" path=/dev/null dev="devtmpfs" ino=4 ioctlcmd=0x5412 lsm-hook=file_ioctl decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.240:54) : prog-id=22 pid=320 comm=rm cause="unlink-deny" name=key dev="tmpfs" ino=2051 lsm-hook=inode_unlink decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.260:56) : prog-id=24 pid=321 comm=kill cause="signal-deny" opid=330 ocomm=sleep lsm-hook=task_kill decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.280:58) : prog-id=26 pid=-1 comm=? cause="rcv-deny" laddr=127.0.0.1 lport=8080 faddr=127.0.0.1 fport=41000 netif=lo lsm-hook=socket_sock_rcv_skb decision=denied
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.290:59) : prog-id=27 pid=323 comm=my comm cause=74776F20776F726473 path=/tmp/a b dev="tmpfs" ino=7 lsm-hook=file_open decision=unknown
----
type=UNKNOWN[1427] msg=audit(11/14/23 22:13:20.300:60) : prog-id=28 pid=324 comm=true lsm-hook=bprm_check_security decision=unknown
EOF
run "$tmp/got" "$STOCK/ausearch" -i -if "$tmp/stock.log"
same "stock ausearch -i: UNKNOWN[1427], saddr= as a sockaddr, cause= and dev= undecoded" \
	"$tmp/expected" "$tmp/got"

# The stock tools know the type by number only.
"$STOCK/ausearch" -m BPF_LSM_ACCESS -if "$tmp/stock.log" >"$tmp/by-name" 2>&1
rc_name=$?
by_number=$("$STOCK/ausearch" -m 1427 -if "$tmp/stock.log" 2>&1 | grep -c '^type=UNKNOWN\[1427\]')
if [ "$rc_name" -ne 0 ] && ! grep -q '^type=' "$tmp/by-name" &&
		grep -q '^Valid message types are' "$tmp/by-name" &&
		[ "$by_number" -eq 13 ]; then
	ok "stock ausearch refuses -m BPF_LSM_ACCESS, -m 1427 finds the 13 records"
else
	not_ok "stock ausearch refuses -m BPF_LSM_ACCESS, -m 1427 finds the 13 records"
	echo "#   -m BPF_LSM_ACCESS exited $rc_name; -m 1427 found $by_number records"
	head -c 300 "$tmp/by-name" | sed 's/^/#   /'
fi

cat >"$tmp/expected" <<'EOF'

Event Summary Report
======================
total  type
======================
13  (null)
EOF
run "$tmp/got" "$STOCK/aureport" -e --summary -i --input "$tmp/stock.log"
same "stock aureport -e --summary cannot name the type" "$tmp/expected" "$tmp/got"

# hook= is a netfilter hook to both, which is why the record says
# lsm-hook=: each tool prints lsm-hook= as it is.
echo 'type=UNKNOWN[1427] msg=audit(1700000000.130:43): prog-id=13 pid=312 comm="nc" saddr=127.0.0.1 src=80 hook=socket_bind lsm-hook=socket_bind decision=denied' \
	>"$tmp/hook.log"
for tool in "$STOCK" "$PATCHED"; do
	"$tool/ausearch" -i -if "$tmp/hook.log" 2>&1 | sed -n 's/.* \(hook=[^ ]*\) \(lsm-hook=[^ ]*\) .*/\1 \2/p'
done >"$tmp/got"
cat >"$tmp/expected" <<'EOF'
hook=PREROUTING lsm-hook=socket_bind
hook=PREROUTING lsm-hook=socket_bind
EOF
same "stock and patched ausearch -i read hook= as a netfilter hook, lsm-hook= as is" \
	"$tmp/expected" "$tmp/got"

# 14: two programs log in one event with no SYSCALL record, the first
# allowing with a path d_path() could not give, the second denying: the
# event is a failure whichever logged first, and ausearch -f finds the
# second's file past the first's <no_memory>.
cat >"$tmp/two.log" <<'EOF'
type=BPF_LSM_ACCESS msg=audit(1700000002.000:70): prog-id=30 pid=330 comm="cat" cause="audit" path=<no_memory> lsm-hook=file_open decision=allowed
type=BPF_LSM_ACCESS msg=audit(1700000002.000:70): prog-id=31 pid=330 comm="cat" cause="file-deny" path="/tmp/two/key" dev="tmpfs" ino=77 lsm-hook=file_open decision=denied
EOF
for args in "--success no" "--success yes" "-f /tmp/two/key"; do
	# shellcheck disable=SC2086 # the options are words
	printf '%s:%s\n' "$args" "$("$PATCHED/ausearch" $args -if "$tmp/two.log" 2>&1 |
		sed -n 's/^type=[^ ]* msg=audit([0-9.]*:\([0-9]*\)).*/ \1/p' | tr -d '\n')"
done >"$tmp/got"
cat >"$tmp/expected" <<'EOF'
--success no: 70 70
--success yes:
-f /tmp/two/key: 70 70
EOF
same "patched ausearch: one denial makes the event a failure; <no_memory> names no file" \
	"$tmp/expected" "$tmp/got"

# 15: a program's rule number and the full path of a name that
# path_unlink passes (bpf_audit_log_rule(), bpf_audit_log_dentry_path()):
# rule-id= reads as it is, and ausearch -f finds the file by its path;
# the ids of a credential change (bpf_audit_log_cred_change()) read as
# user and group names (Debian's base-passwd names 65534 nobody, and
# nogroup).
cat >"$tmp/rule.log" <<'EOF'
type=BPF_LSM_ACCESS msg=audit(1700000003.000:80): prog-id=32 pid=340 comm="rm" cause="unlink-deny" rule-id=7 path="/srv/data/key" dev="tmpfs" ino=2052 lsm-hook=path_unlink decision=denied
type=BPF_LSM_ACCESS msg=audit(1700000003.100:81): prog-id=33 pid=341 comm="su" cause="setuid-root" old-uid=65534 new-uid=0 old-euid=65534 new-euid=0 old-fsuid=65534 new-fsuid=0 lsm-hook=task_fix_setuid decision=allowed
type=BPF_LSM_ACCESS msg=audit(1700000003.200:82): prog-id=33 pid=341 comm="su" cause="setgid" old-gid=0 new-gid=65534 old-sgid=0 new-sgid=65534 lsm-hook=task_fix_setgid decision=allowed
EOF
{
	"$PATCHED/ausearch" -i -if "$tmp/rule.log" 2>&1 | sed 's/ *$//'
	printf -- '-f /srv/data/key:%s\n' "$("$PATCHED/ausearch" -f /srv/data/key -if "$tmp/rule.log" 2>&1 |
		sed -n 's/^type=[^ ]* msg=audit([0-9.]*:\([0-9]*\)).*/ \1/p' | tr -d '\n')"
} >"$tmp/got"
cat >"$tmp/expected" <<'EOF'
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:23.000:80) : prog-id=32 pid=340 comm=rm cause=unlink-deny rule-id=7 path=/srv/data/key dev=tmpfs ino=2052 lsm-hook=path_unlink decision=denied
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:23.100:81) : prog-id=33 pid=341 comm=su cause=setuid-root old-uid=nobody new-uid=root old-euid=nobody new-euid=root old-fsuid=nobody new-fsuid=root lsm-hook=task_fix_setuid decision=allowed
----
type=BPF_LSM_ACCESS msg=audit(11/14/23 22:13:23.200:82) : prog-id=33 pid=341 comm=su cause=setgid old-gid=root new-gid=nogroup old-sgid=root new-sgid=nogroup lsm-hook=task_fix_setgid decision=allowed
-f /srv/data/key: 80
EOF
same "patched ausearch -i: rule-id= as it is, old-/new- ids as names; -f finds a full path" \
	"$tmp/expected" "$tmp/got"

ktap_finished
