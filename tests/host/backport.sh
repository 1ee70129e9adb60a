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

. "$TOP/tests/lib/ktap.sh"
ktap_label "host: backport"
ktap_set_plan 1
what="the 7.3 and 6.12 series' shared files differ only as kernel/backport/6.12.diff declares"
if out=$("$TOP/scripts/backport-delta" --check 2>&1); then
	ok "$what"
else
	not_ok "$what"
	printf '%s\n' "$out" | head -60 | sed 's/^/#   /'
fi
ktap_finished
