#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every patch of every series (kernel/patches/VERSION/series, and the
# test-only kernel/patches/VERSION-FLAVOR/series) passes
# checkpatch.pl --strict of its own kernel tree with no error, warning or
# check, as a kernel maintainer would run it, but for one check: the
# trees are Debian's source tarballs, without mainline's history, so
# checkpatch cannot look up the mainline commits that the 6.12 backport
# names (UNKNOWN_COMMIT_ID); a maintainer's tree has them.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

# patches SERIES: the patch files it lists, in order.
patches()
{
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1"
}

series=("$TOP"/kernel/patches/*/series)
total=0
for s in "${series[@]}"; do
	[ -f "$s" ] && total=$((total + $(patches "$s" | wc -l)))
done
if [ "$total" = 0 ]; then
	echo "1..1"
	echo "not ok 1 - host: checkpatch: kernel/patches/*/series lists patches"
	exit 1
fi
echo "1..$total"
n=0
for s in "${series[@]}"; do
	dir=$(dirname "$s")
	# kernel/patches/7.3-reentry (test-only) is checked with 7.3's tree.
	kdir=$(basename "$dir")
	set_kernel "${kdir%%-*}" base
	while read -r p; do
		n=$((n + 1))
		what="host: checkpatch --strict ${dir#"$TOP"/kernel/patches/}/$p"
		if [ ! -f "$KSRC/scripts/checkpatch.pl" ]; then
			echo "not ok $n - $what (no kernel tree $KSRC: run scripts/kernel --kernel $KVER)"
			continue
		fi
		out=$(cd "$KSRC" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl \
			--strict --terse --no-summary --show-types \
			--ignore UNKNOWN_COMMIT_ID "$dir/$p" 2>&1)
		if [ -z "$out" ]; then
			echo "ok $n - $what"
		else
			echo "not ok $n - $what"
			printf '%s\n' "$out" | sed "s|$TOP/||; s/^/#   /"
		fi
	done < <(patches "$s")
done
