#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The two series stay in step: the files both add or own differ between
# the patched 7.3 and 6.12 trees exactly as kernel/backport/6.12.diff
# declares (scripts/backport-delta), and in no other way.  A change made
# to one series only, or a delta not rewritten after an intended one,
# fails here with the difference.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

echo "1..1"
what="host: backport: the 7.3 and 6.12 series' shared files differ only as kernel/backport/6.12.diff declares"
if out=$("$TOP/scripts/backport-delta" --check 2>&1); then
	echo "ok 1 - $what"
else
	echo "not ok 1 - $what"
	printf '%s\n' "$out" | head -60 | sed 's/^/#   /'
	exit 1
fi
