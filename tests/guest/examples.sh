#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The example policies' runs (examples/runs.sh, which the demo shows),
# checked, beside Debian's auditd.  A TAP program for tests/guest/run: its
# plan comes first, so that a run that stops early is a short count.
#
# One result per run: its record is in auditd's log, matching the run's
# pattern, the verdict the trigger met (a denial is a failure with the
# examples' EPERM, anything else a failure that the policy did not make)
# is the record's decision=, and the loader exits 0 when stopped.  Then four of the audit tools: ausearch -m
# 1427 finds every record, each shares its serial with the SYSCALL record
# of its syscall, auparse reads every field (tests/auparse_check), and the
# patched ausearch reads each run's record as the run expects (-i) and
# finds every record by its name (-m BPF_LSM_ACCESS).
#
# With --pristine, on a kernel without the series (tests/guest/pristine.sh
# runs it so): one result per run, that the example still decides as its
# record would say, makes no record and says once that the kernel lacks
# the kfuncs; no checks of the tools.
#
# Sourced, it only defines its functions: tests/host/harness.sh runs
# check_run with a planted loader, trigger and record.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
. "$TOP/tests/lib/ktap.sh"
. "$TOP/scripts/auditd.sh"
. "$TOP/examples/runs.sh"
ktap_label examples
TOOL_CHECKS=4
pristine=0
# The runs whose record the patched ausearch -i read as expected, and the
# others.
interpreted=0
uninterpreted=()

# check_run NAME DESCRIPTION PATTERN IPATTERN TRIED LOADER-ARG... --
#           TRIGGER...: one run, as example_runs gives it, and its result.
check_run()
{
	local name=$1 pattern=$3 ipattern=$4 tried=$5 why
	shift 5
	if ! example_run "$name" "$@"; then
		not_ok "$name attaches: $tried"
		sed 's/^/#   loader: /' "$RUN_TMP/$name.out"
		return
	fi
	if [ -f "$RUN_TMP/$name.int" ] && grep -Eq -- "$ipattern" "$RUN_TMP/$name.int"; then
		interpreted=$((interpreted + 1))
	else
		uninterpreted+=("$name: $tried")
	fi
	if [ $pristine = 1 ]; then
		pristine_check "$name" "$pattern" "$tried"
		return
	fi
	why=$(record_check "$pattern" "$run_verdict" "$RUN_TMP/$name.rec")
	[ "$run_loader_rc" = 0 ] ||
		why="${why:+$why; }the loader exited with status $run_loader_rc after SIGINT"
	if [ -z "$why" ]; then
		ok "$name: $tried"
	else
		not_ok "$name: $tried: $why"
		echo "#   trigger: exit $run_rc"
		[ -z "$run_out" ] || printf '%s\n' "$run_out" | sed 's/^/#   | /'
		sed 's/^/#   record: /' "$RUN_TMP/$name.rec"
	fi
}

# record_check PATTERN VERDICT FILE: what is wrong with the run's records
# in FILE, if anything: one must match PATTERN, and their decision= must
# be the VERDICT the trigger met.
record_check()
{
	local decided why=()
	grep -Eq -- "$1" "$3" || why+=("no record matches: $1")
	decided=$(sed -n 's/.* decision=\([^ ]*\)$/\1/p' "$3" | sort -u | tr '\n' ' ')
	decided=${decided% }
	if [ -z "$decided" ]; then
		why+=("verdict $2 but no record has a decision=")
	elif [ "$decided" != "$2" ]; then
		why+=("verdict $2 but the record says decision=$decided")
	fi
	[ ${#why[@]} -eq 0 ] || printf '%s; ' "${why[@]}" | sed 's/; $//'
}

# pristine_check NAME PATTERN TRIED: on a kernel without the kfuncs, the
# example decides as its record says it would (the decision= of PATTERN;
# $run_verdict is what the trigger met), makes no record, and its loader
# warns exactly once.
pristine_check()
{
	local name=$1 tried=$3 want=allowed got=$run_verdict warned records
	case $2 in *decision=denied*) want=denied ;; esac
	warned=$(grep -c 'warning: kernel has no bpf_audit_log_\* kfuncs: enforcing without audit records' \
		"$RUN_TMP/$name.out")
	records=$(grep -c . "$RUN_TMP/$name.rec")
	if [ "$got" = "$want" ] && [ "$records" -eq 0 ] && [ "$warned" -eq 1 ] &&
	   [ "$run_loader_rc" = 0 ]; then
		ok "$name: $tried: still $got as its policy says, no record, one warning about the missing kfuncs"
	else
		not_ok "$name: $tried: $got (want $want), $records record(s) (want 0), $warned warning(s) (want 1), loader's exit status $run_loader_rc after SIGINT (want 0)"
		sed 's/^/#   loader: /' "$RUN_TMP/$name.out"
		sed 's/^/#   record: /' "$RUN_TMP/$name.rec"
	fi
}

# tool_checks: what an operator's tools make of the records in auditd's
# log: ausearch finds every record by type, each record shares its serial
# with the SYSCALL record of the syscall it was made in, auparse reads
# every field, and the patched tools read them (ausearch -i each run's
# record as expected, above; ausearch -m finds every record by its name
# in the log the stock auditd wrote).
tool_checks()
{
	local found want joined=0 alone=0 serial named

	found=$(ausearch -m 1427 --raw 2>/dev/null | grep -c '^type=UNKNOWN\[1427\]')
	want=$(grep -c '^type=UNKNOWN\[1427\]' "$AUDITD_LOG")
	if [ "$found" -ge "$EXAMPLE_RUNS" ] && [ "$found" -eq "$want" ]; then
		ok "ausearch -m 1427 finds all $found records"
	else
		not_ok "ausearch -m 1427 found $found of $want records (want at least $EXAMPLE_RUNS)"
	fi
	for serial in $(grep '^type=UNKNOWN\[1427\]' "$AUDITD_LOG" |
			sed 's/.*msg=audit([0-9.]*:\([0-9]*\)).*/\1/'); do
		if grep -q "^type=SYSCALL msg=audit([0-9.]*:$serial)" "$AUDITD_LOG"; then
			joined=$((joined + 1))
		else
			alone=$((alone + 1))
		fi
	done
	if [ $alone -eq 0 ] && [ $joined -ge "$EXAMPLE_RUNS" ]; then
		ok "all $joined records share the serial of their SYSCALL record"
	else
		not_ok "$alone of $((joined + alone)) records have no SYSCALL record with their serial (want none, and at least $EXAMPLE_RUNS records)"
	fi
	if build/tests/auparse_check "$AUDITD_LOG"; then
		ok "auparse reads every field of every record"
	else
		not_ok "auparse reads every field of every record"
	fi
	named=$("$PATCHED/ausearch" -m BPF_LSM_ACCESS --raw 2>/dev/null |
		grep -c '^type=UNKNOWN\[1427\]')
	if [ "$interpreted" -eq "$EXAMPLE_RUNS" ] && [ "$named" -eq "$want" ]; then
		ok "patched ausearch -i reads the $EXAMPLE_RUNS runs' records, -m BPF_LSM_ACCESS finds all $named"
	else
		not_ok "patched ausearch -i read $interpreted of the $EXAMPLE_RUNS runs' records as expected, -m BPF_LSM_ACCESS found $named of $want"
		[ -x "$PATCHED/ausearch" ] ||
			echo "#   no patched ausearch at $PATCHED: make audit-userspace"
		[ ${#uninterpreted[@]} = 0 ] ||
			printf '#   not as expected: %s\n' "${uninterpreted[@]}"
	fi
}

# Sourced (tests/host/harness.sh): the functions only, nothing run.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

cd "$TOP" || exit 1
case ${1:-} in
'') ktap_set_plan $((EXAMPLE_RUNS + TOOL_CHECKS)) ;;
--pristine) pristine=1; ktap_set_plan "$EXAMPLE_RUNS" ;;
*) echo "usage: $0 [--pristine]" >&2; exit 2 ;;
esac
auditd_start || ktap_exit_fail_msg "$AUDITD_ERROR"
example_runs check_run
[ $pristine = 1 ] || tool_checks
auditd_stop
ktap_finished
