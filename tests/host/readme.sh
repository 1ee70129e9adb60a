#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The BPF program the README shows compiles as shown, with the project's
# header and the Makefile's BPF_CFLAGS: the README cannot drift from the
# header.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$TOP/tests/lib/ktap.sh"
ktap_label host
ktap_set_plan 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n '/^```c$/,/^```$/p' "$TOP/README.md" | sed '1d;$d' >"$tmp/readme.bpf.c"
# Each step needs the one before: a failed one ends the run (ktap_finished
# exits non-zero, the one planned result having failed).
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
if out=$(cd "$TOP" && "$CLANG" "${bpf_cflags[@]}" -c "$tmp/readme.bpf.c" \
		-o "$tmp/readme.bpf.o" 2>&1); then
	ok "the README's BPF example compiles with include/bpf_lsm_audit.h"
else
	not_ok "the README's BPF example compiles with include/bpf_lsm_audit.h"
	printf '%s\n' "$out" | sed 's/^/#   /'
fi
ktap_finished
