#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# In the guest (scripts/selftests-ci boots it): runs upstream's test_progs
# and test_verifier from BINDIR as BPF CI runs them, each RUN's output to
# RESULTS/RUN.log (its stderr to RESULTS/RUN.err: with -j, the workers'
# stderr would break into the lines of results) and its exit status to
# RESULTS/RUN.rc.  The runs:
#   series      the series' own selftests, one at a time
#   neighbours  every lsm, verifier and kfunc test, in parallel (-j), so
#               that the serial_ audit tests run beside the others' loads
#   verifier    test_verifier
# Usage: selftests-ci.sh BINDIR RESULTS RUN...
set -u

[ $# -ge 3 ] || { echo "usage: selftests-ci.sh BINDIR RESULTS RUN..." >&2; exit 2; }
bindir=$1
results=$2
shift 2

mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing
ulimit -l unlimited
mkdir -p "$results"
cd "$bindir" || exit 1

status=0
for run in "$@"; do
	# shellcheck disable=SC2054 # -t takes a comma-separated list
	case $run in
	series) cmd=(./test_progs -t lsm_audit_kfuncs,kfunc_param_ctx,verifier_lsm,test_lsm) ;;
	neighbours) cmd=(./test_progs -j -t lsm,verifier,kfunc) ;;
	verifier) cmd=(./test_verifier) ;;
	*) echo "selftests-ci.sh: unknown run '$run'" >&2; exit 2 ;;
	esac
	echo "# $run: ${cmd[*]}"
	start=$SECONDS
	"${cmd[@]}" >"$results/$run.log" 2>"$results/$run.err"
	rc=$?
	echo "$rc" >"$results/$run.rc"
	echo "# $run: exit $rc after $((SECONDS - start)) s"
	grep -E '^Summary:' "$results/$run.log"
	[ "$rc" = 0 ] || status=1
done
exit $status
