#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The verdicts of the guest harness cannot be passes that are not: boots
# real guests of one kernel with planted failures and asserts what
# vm/run and scripts/check say of them.
#   - vm/run: a guest that hangs fails once its timeout expires, a guest
#     whose init dies fails as a panic, and a command's exit status is
#     passed on.
#   - scripts/check (one kernel, no host tests, a planted suite): a
#     failed test is counted and shown with its diagnostic, a splat in
#     the kernel log fails the kernel's "kernel log is clean", and a
#     guest that hangs fails "the guest suite ran to the end" with
#     vm/run's reason; the final count is exact.
# scripts/check runs it on the first kernel of its matrix, after that
# kernel's guest tests.
#
# Usage: tests/harness/vm.sh KVER FLAVOR   (e.g. 7.3 base; a built kernel)
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"
cd "$TOP"

[ $# = 2 ] || { echo "usage: tests/harness/vm.sh KVER FLAVOR" >&2; exit 2; }
kver=$1
flavor=$2
label="$kver $flavor"
plants=tests/harness/plants
# A hung guest's time limit: short, but long enough to boot.
HANG_TIMEOUT=40
# The debug kernels' boot arguments (as scripts/check gives them).
append=
[ "$flavor" = debug ] && append="acpi=off no5lvl"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. tests/lib/ktap.sh
ktap_label "$label: harness"
ktap_set_plan 15

# status_check DESCRIPTION WANT GOT FILE: the exit status is WANT.
status_check()
{
	if [ "$3" = "$2" ]; then
		ok "$1"
	else
		not_ok "$1 (exit $3, want $2)"
		sed 's/^/#   | /' "$4" | tail -n 40
	fi
}

vm()
{
	vm/run --kernel "$kver" --flavor "$flavor" --append "$append" "$@"
}

# 1. vm/run
start=$SECONDS
vm --timeout "$HANG_TIMEOUT" -- sleep 100000 >"$tmp/hang" 2>&1
rc=$?
took=$((SECONDS - start))
status_check "vm/run fails a guest that hangs" 1 "$rc" "$tmp/hang"
check "vm/run names the hang" "$tmp/hang" \
	"error: vm: guest hung: no exit after $HANG_TIMEOUT s"
if [ "$took" -lt $((HANG_TIMEOUT + 30)) ]; then
	ok "vm/run stops a hung guest at its timeout"
else
	not_ok "vm/run stops a hung guest at its timeout (took $took s)"
fi

# init= given last wins: the guest's init exits at once, the kernel panics.
vm --append "$append init=/bin/false" -- true >"$tmp/panic" 2>&1
rc=$?
status_check "vm/run fails a guest that panics" 1 "$rc" "$tmp/panic"
check "vm/run names the panic" "$tmp/panic" \
	"error: vm: guest panic: Kernel panic - not syncing: Attempted to kill init!"

vm -- sh -c 'exit 7' >"$tmp/status" 2>&1
status_check "vm/run exits with the guest command's status" 7 $? "$tmp/status"

# 2. scripts/check, on this kernel alone, with a planted suite.
checked()
{
	BLA_CHECK_HOST=0 BLA_KERNELS="$kver:$flavor" BLA_KERNEL_BUILD=0 \
		BLA_SHUFFLE=0 BLA_CHECK_KEEP= env "$@" scripts/check
}
checked BLA_CHECK_SUITE="$plants/fail-splat.sh" >"$tmp/check" 2>&1
status_check "scripts/check fails a run with a failed test" 1 $? "$tmp/check"
check "scripts/check counts the failed test" "$tmp/check" \
	"not ok 2 - $label: planted: two"
check "scripts/check shows what the guest's failed program printed" "$tmp/check" \
	"#   | # planted: the diagnostic of two"
check "scripts/check fails a kernel log with a splat" "$tmp/check" \
	"not ok - $label: kernel log is clean"
check "scripts/check's count is exact: 1 test and the finished suite passed; the test and the log failed" \
	"$tmp/check" "2 passed, 2 failed"

checked BLA_CHECK_SUITE="$plants/hang.sh" BLA_GUEST_TIMEOUT=$HANG_TIMEOUT \
	>"$tmp/check-hang" 2>&1
status_check "scripts/check fails a run whose guest hangs" 1 $? "$tmp/check-hang"
check "scripts/check fails the hung guest's suite, with vm/run's reason" \
	"$tmp/check-hang" "#   error: vm: guest hung: no exit after $HANG_TIMEOUT s"
check "scripts/check fails the hung guest's \"ran to the end\"" "$tmp/check-hang" \
	"not ok - $label: the guest suite ran to the end"
check "scripts/check's count is exact: the clean log passed, the hung suite failed" \
	"$tmp/check-hang" "1 passed, 1 failed"
ktap_finished
