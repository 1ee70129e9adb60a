#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every patch of every series (kernel/patches/VERSION/series, and the
# test-only kernel/patches/VERSION-FLAVOR/series) passes
# checkpatch.pl --strict of its own kernel tree with no error, warning or
# check, as a kernel maintainer would run it, but for one check: the
# trees are Debian's source tarballs, without mainline's history, so
# checkpatch cannot look up the mainline commits that the 6.12 backport
# names (UNKNOWN_COMMIT_ID); a maintainer's tree has them.  A patch that
# adds files gets checkpatch's question "does MAINTAINERS need updating?"
# (FILE_PATH_CHANGES); the answer is no, and the warning is taken as
# answered, only when get_maintainer.pl gives every added file a section
# of MAINTAINERS other than THE REST.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

# unmaintained PATCH: the files PATCH adds that no section of the
# patched tree's MAINTAINERS covers, if any.
unmaintained()
{
	local f section

	sed -n '/^diff --git a\//{s/^diff --git a\/\([^ ]*\) .*/\1/;h;}; /^new file mode/{g;p;}' "$1" |
	while read -r f; do
		section=$(cd "$KSRC" && perl scripts/get_maintainer.pl --no-git \
			--no-keywords --sections -f "$f" 2>/dev/null | head -1)
		case $section in
		''|'THE REST'*) echo "$f" ;;
		esac
	done
}

# patches SERIES: the patch files it lists, in order.
patches()
{
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1"
}

. "$TOP/tests/lib/ktap.sh"
ktap_label host

series=("$TOP"/kernel/patches/*/series)
total=0
for s in "${series[@]}"; do
	[ -f "$s" ] && total=$((total + $(patches "$s" | wc -l)))
done
if [ "$total" = 0 ]; then
	ktap_set_plan 1
	not_ok "checkpatch: kernel/patches/*/series lists patches"
	ktap_finished
fi
ktap_set_plan "$total"
for s in "${series[@]}"; do
	dir=$(dirname "$s")
	# kernel/patches/7.3-reentry (test-only) is checked with 7.3's tree.
	kdir=$(basename "$dir")
	set_kernel "${kdir%%-*}" base
	while read -r p; do
		what="checkpatch --strict ${dir#"$TOP"/kernel/patches/}/$p"
		if [ ! -f "$KSRC/scripts/checkpatch.pl" ]; then
			not_ok "$what (no kernel tree $KSRC: run scripts/kernel --kernel $KVER)"
			continue
		fi
		out=$(cd "$KSRC" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl \
			--strict --terse --no-summary --show-types \
			--ignore UNKNOWN_COMMIT_ID "$dir/$p" 2>&1)
		if [ -n "$out" ] && ! grep -qv ':FILE_PATH_CHANGES:' <<<"$out"; then
			left=$(unmaintained "$dir/$p")
			if [ -z "$left" ]; then
				out=
			else
				out+=$'\n'"no MAINTAINERS section covers: $left"
			fi
		fi
		if [ -z "$out" ]; then
			ok "$what"
		else
			not_ok "$what"
			printf '%s\n' "$out" | sed "s|$TOP/||; s/^/#   /"
		fi
	done < <(patches "$s")
done
ktap_finished
