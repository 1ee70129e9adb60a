#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The BPF program the README shows compiles as shown, with the project's
# header and the BPF flags the Makefile uses: the README cannot drift
# from the header.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

echo 1..1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n '/^```c$/,/^```$/p' "$TOP/README.md" | sed '1d;$d' >"$tmp/readme.bpf.c"
if [ ! -s "$tmp/readme.bpf.c" ]; then
	echo "not ok 1 - host: README has a BPF example"
	exit 1
fi
if out=$("$CLANG" -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
		-I"$TOOLS/include" -I"$TOP/include" -c "$tmp/readme.bpf.c" \
		-o "$tmp/readme.bpf.o" 2>&1); then
	echo "ok 1 - host: the README's BPF example compiles with include/bpf_lsm_audit.h"
else
	echo "not ok 1 - host: the README's BPF example compiles with include/bpf_lsm_audit.h"
	printf '%s\n' "$out" | sed 's/^/#   /'
fi
