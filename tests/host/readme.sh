#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The BPF program the README shows compiles as shown, with the project's
# header and the Makefile's BPF_CFLAGS: the README cannot drift from the
# header.  And every program on an LSM hook that the README or
# docs/api.md shows takes the hook's return value, the trailing "int ret"
# of BPF_PROG (their hooks all return int), as a policy must to pass on
# an earlier program's denial.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$TOP/tests/lib/ktap.sh"
ktap_label host
ktap_set_plan 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n '/^```c$/,/^```$/p' "$TOP/README.md" | sed '1d;$d' >"$tmp/readme.bpf.c"
# Each step needs the one before: a failed one ends the run (ktap_finished
# exits non-zero, a planned result having failed).
if [ ! -s "$tmp/readme.bpf.c" ]; then
	not_ok "README has a BPF example"
	ktap_finished
fi
# The Makefile's own BPF_CFLAGS, as make evaluates them (-q builds nothing).
read -ra bpf_cflags <<<"$(cd "$TOP" && make -qp -f Makefile 2>/dev/null |
	sed -n 's/^BPF_CFLAGS := //p' | head -1)"
if [ ${#bpf_cflags[@]} = 0 ]; then
	not_ok "the Makefile defines BPF_CFLAGS"
	ktap_finished
fi
# Each BPF_PROG( after a SEC("lsm..."), to its closing parenthesis, on
# one line; those whose last argument is not "int ret".
# Every SEC("lsm...") line must be followed by one, or it is not read.
no_ret=$(cd "$TOP" && perl -0777 -ne 'while (/SEC\("lsm[^"]*"\)\s*\nint BPF_PROG\(([^)]*)\)/g) {
		my $a = $1; $a =~ s/\s+/ /g; print "read\n";
		print "$ARGV: BPF_PROG($a)\n" unless $a =~ /, int ret$/ }' \
	README.md docs/api.md)
read=$(grep -c '^read$' <<<"$no_ret")
no_ret=$(grep -v '^read$' <<<"$no_ret")
found=$(grep -c '^SEC("lsm[^"]*")$' "$TOP/README.md" "$TOP/docs/api.md" | awk -F: '{ n += $2 } END { print n }')
if [ -z "$no_ret" ] && [ "$found" -ge 2 ] && [ "$read" = "$found" ]; then
	ok "the $found LSM programs of README.md and docs/api.md end with int ret"
else
	not_ok "the LSM programs of README.md and docs/api.md end with int ret ($found found, $read read)"
	printf '%s\n' "$no_ret" | sed 's/^/#   /'
fi
if out=$(cd "$TOP" && "$CLANG" "${bpf_cflags[@]}" -c "$tmp/readme.bpf.c" \
		-o "$tmp/readme.bpf.o" 2>&1); then
	ok "the README's BPF example compiles with include/bpf_lsm_audit.h"
else
	not_ok "the README's BPF example compiles with include/bpf_lsm_audit.h"
	printf '%s\n' "$out" | sed 's/^/#   /'
fi
ktap_finished
