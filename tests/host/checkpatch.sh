#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every patch of the series passes checkpatch.pl --strict with no error,
# warning or check, as a kernel maintainer would run it.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

n=0
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	n=$((n + 1))
	out=$(cd "$KSRC" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict --terse --no-summary \
		--show-types "$TOP/kernel/patches/$p" 2>&1)
	if [ -z "$out" ]; then
		echo "ok $n - host: checkpatch --strict $p"
	else
		echo "not ok $n - host: checkpatch --strict $p"
		printf '%s\n' "$out" | sed "s|$TOP/||; s/^/#   /"
	fi
done <"$TOP/kernel/patches/series"
