#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The series' selftests build under each kernel's own test_progs, not
# only under the project's minimal runner: every ASSERT_*() that the
# series adds to the prog_tests/ files of a kernel (the lines its patches
# add) is one that this kernel's own tools/testing/selftests/bpf/
# test_progs.h defines.  The runner's stand-in (tests/selftests/
# test_progs.h) is written after 7.3's, so a macro that 6.12 lacks
# builds there and breaks 6.12's test_progs, as ASSERT_ERR_FD once did.
#
# TEST_PROGS_H=FILE checks against FILE instead of each kernel's header
# (a planted one, to see the check fail).
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$TOP/tests/lib/ktap.sh"
ktap_label "host: selftests-api"
ktap_set_plan 2
for kver in 7.3 6.12; do
	tree=$CACHE/linux-$kver
	header=${TEST_PROGS_H:-$tree/tools/testing/selftests/bpf/test_progs.h}
	what="$kver: the series' prog_tests use only the ASSERT_*() of $kver's test_progs.h"
	# The macros that the lines the series adds to prog_tests/ call, each
	# with the files that call it.
	used=$(awk '
		/^\+\+\+ / { file = $2; next }
		/^\+/ && file ~ /\/prog_tests\// {
			line = $0
			while (match(line, /ASSERT_[A-Z_]+\(/)) {
				print substr(line, RSTART, RLENGTH - 1), substr(file, 3)
				line = substr(line, RSTART + RLENGTH)
			}
		}' "$TOP/kernel/patches/$kver"/[0-9][0-9][0-9][0-9]-*.patch | sort -u)
	if [ ! -f "$header" ] || [ -z "$used" ]; then
		not_ok "$what"
		echo "#   no $header, or no ASSERT_*() added to prog_tests/ by kernel/patches/$kver"
		continue
	fi
	missing=$(for macro in $(cut -d' ' -f1 <<<"$used" | sort -u); do
		grep -Eq "^#define $macro\(" "$header" || echo "$macro"
	done)
	if [ -z "$missing" ]; then
		ok "$what"
	else
		not_ok "$what"
		for macro in $missing; do
			echo "#   $macro: used by $(awk -v m="$macro" '$1 == m { printf "%s ", $2 }' <<<"$used")but not defined in $header"
		done
	fi
done
ktap_finished
