#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The series' selftests build under each kernel's own test_progs, not
# only under the project's minimal runner: every ASSERT_*() that the
# prog_tests/ files of a series use is one that the kernel's own
# tools/testing/selftests/bpf/test_progs.h defines.  The runner's
# stand-in (tests/selftests/test_progs.h) has mainline's whole set, so a
# macro that 6.12 lacks builds there and breaks 6.12's test_progs, as
# ASSERT_ERR_FD once did.
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
	# The prog_tests/ files that the series adds or changes.
	mapfile -t files < <(sed -n 's|^+++ b/\(tools/testing/selftests/bpf/prog_tests/.*\)|\1|p' \
		"$TOP/kernel/patches/$kver"/[0-9][0-9][0-9][0-9]-*.patch | sort -u)
	if [ ! -f "$header" ] || [ ${#files[@]} -eq 0 ]; then
		not_ok "$what"
		echo "#   no $header, or no prog_tests/ file in the series: run make kernel"
		continue
	fi
	missing=$(cd "$tree" && grep -ho '\bASSERT_[A-Z_]*(' "${files[@]}" | tr -d '(' | sort -u |
		while read -r macro; do
			grep -Eq "^#define $macro\(" "$header" || echo "$macro"
		done)
	if [ -z "$missing" ]; then
		ok "$what"
	else
		not_ok "$what"
		for macro in $missing; do
			echo "#   $macro: used by $(cd "$tree" && grep -l "\b$macro(" "${files[@]}" |
				tr '\n' ' ')but not defined in $header"
		done
	fi
done
ktap_finished
