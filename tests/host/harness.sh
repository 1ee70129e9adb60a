#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The test machinery cannot report a pass that is not one.  Plants test
# programs built on tests/lib/test.h that pass two checks and then crash,
# exit early (with status 0) or hang, and one whose ASSERT (test_progs.h's)
# fails, plus scripts without a plan or with a bad exit status; runs them
# through tests/lib/run-programs (what scripts/check runs the host tests
# with) and through tests/guest/run (what runs the guest's programs),
# without a VM; and asserts that each is reported failed, naming the
# program, the reason and its last output (and the failed ASSERT's message
# with its test), while a good program passes; and that the count
# scripts/check ends with counts each test once, and each program that
# crashed, exited early or hung as one failure.  Then plants a leak report
# for tests/guest/kmemleak.sh, and, for the checks of the example
# policies' runs (tests/guest/examples.sh), loaders whose record's
# decision= is not the verdict their trigger met, that make no record, or
# that, on a kernel without the kfuncs, make one or do not warn.
# Then builds the selftests' runner (tests/selftests) with the Makefile's
# own rules from planted trees (tests/host/runner-plants) and asserts its
# TAP: a failed ASSERT, a crash and an early exit fail, passing subtests
# pass, one result each, -t runs only what it names, and RUN_TESTS() fails
# a program not refused or loaded as tagged.  Removes all it planted.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

# The planted programs fail at their third test: keep their order, even
# in a shuffled run (BLA_SHUFFLE=1 scripts/check).
unset BLA_TEST_SHUFFLE

# The hang's timeout: short, the run must still wait for it.
HANG_TIMEOUT=3
# Planted programs plan this many tests and pass the first two.
PLANNED=5

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plant=$tmp/programs
mkdir -p "$plant"

. "$TOP/tests/lib/ktap.sh"
ktap_label "host: harness"
ktap_set_plan 54

cat >"$tmp/planted.c" <<EOF
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include "test.h"

static void test_one(void) { ASSERT_EQ(1 + 1, 2, "sum"); }
static void test_two(void) { ASSERT_STREQ("two", "two", "name"); }
static void test_three(void)
{
	printf("# planted: %s\n", PLANT);
	if (!strcmp(PLANT, "crash"))
		*(volatile int *)NULL = 0;
	if (!strcmp(PLANT, "exit"))
		exit(0);
	while (!strcmp(PLANT, "hang"))
		pause();
	if (!strcmp(PLANT, "fail"))
		ASSERT_EQ(2 + 2, 5, "planted failure");
}
static void test_four(void) { }
static void test_five(void) { }

static const struct test tests[] = {
	TEST(test_one), TEST(test_two), TEST(test_three), TEST(test_four),
	TEST(test_five),
};

int main(int argc, char **argv)
{
	_Static_assert(ARRAY_SIZE(tests) == $PLANNED, "the plan of harness.sh");
	return run_tests("planted", tests, ARRAY_SIZE(tests), argc, argv);
}
EOF
built=1
for kind in pass crash exit hang fail; do
	if ! out=$(gcc-12 -g -O2 -Wall -Wextra -Werror -I"$TOP/tests/lib" \
			-I"$TOP/tests/selftests" -I"$TOOLS/include" \
			-DPLANT="\"$kind\"" "$tmp/planted.c" "$TOP/tests/lib/test.c" \
			-o "$plant/test_$kind" 2>&1); then
		built=0
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
done
if [ $built = 1 ]; then
	ok "planted programs build with tests/lib/test.h"
else
	not_ok "planted programs build with tests/lib/test.h"
fi
# Scripts: results without a plan, and a bad exit status after a full plan.
printf 'echo "ok 1 - noplan: one"\necho "ok 2 - noplan: two"\n' >"$plant/test_noplan.sh"
printf 'echo 1..2\necho "ok 1 - status: one"\necho "ok 2 - status: two"\nexit 3\n' \
	>"$plant/test_status.sh"
# A script that skips one of its two tests: it passes, the skip named apart.
printf 'echo 1..2\necho "ok 1 - skip: one"\necho "ok 2 - skip: two # SKIP planted"\n' \
	>"$plant/test_skip.sh"

# 1. The host path: run-programs on the directory, as scripts/check does.
start=$SECONDS
"$TOP/tests/lib/run-programs" --timeout "$HANG_TIMEOUT" --results "$tmp/results" \
	"$plant" >"$tmp/out" 2>&1
rc=$?
took=$((SECONDS - start))
if [ $rc = 1 ]; then
	ok "run-programs exits 1 when programs fail"
else
	not_ok "run-programs exits 1 when programs fail (exit $rc)"
fi
check "a program that passes all its tests passes" "$tmp/results" \
	"# ok - $plant/test_pass: $PLANNED/$PLANNED tests passed"
check "a crash after two passes fails, with the signal and the count" "$tmp/results" \
	"not ok - $plant/test_crash: killed by SIGSEGV; ran 2 of $PLANNED planned tests"
check "a crash shows what the program printed last" "$tmp/results" \
	"#   | # planted: crash"
check "an early exit with status 0 fails as a short count" "$tmp/results" \
	"not ok - $plant/test_exit: ran 2 of $PLANNED planned tests"
check "a hang fails once its timeout kills it" "$tmp/results" \
	"not ok - $plant/test_hang: hung: killed after the $HANG_TIMEOUT s timeout; ran 2 of $PLANNED planned tests"
check "a failed check fails the program" "$tmp/results" \
	"# not ok - $plant/test_fail: exited with status 1; 1 of $PLANNED tests failed"
check "a failed check's ASSERT message (test_progs.h's) is shown with its test" \
	"$tmp/results" \
	"#   | # test_three:FAIL:planted failure unexpected planted failure: actual 4 != expected 5"
check "results without a plan fail" "$tmp/results" \
	"not ok - $plant/test_noplan.sh: printed no plan; ran 2 tests"
check "a non-zero exit status after a full plan fails" "$tmp/results" \
	"not ok - $plant/test_status.sh: exited with status 3"
check "a skipped test is not counted as passed" "$tmp/results" \
	"# ok - $plant/test_skip.sh: 1/2 tests passed, 1 skipped"
# The hang is waited for, not left behind.
if [ $took -lt $((HANG_TIMEOUT + 60)) ] && ! pgrep -f "$plant/" >/dev/null; then
	ok "the hung program is killed and nothing planted is left running"
else
	not_ok "the hung program is killed and nothing planted is left running (took $took s)"
	pgrep -af "$plant/" | sed 's/^/#   /'
	# Only processes of this run's own temporary directory.
	pgrep -f "$plant/" | xargs -r kill -KILL
fi

# A failed test's diagnostics are shown even when many results follow
# it: before its result line (tests/lib/test.c's order) or after it (the
# selftests' runner's).
mkdir -p "$tmp/late"
{
	echo 'echo 1..42'
	echo 'echo "# late_one:FAIL:planted unexpected planted: actual 1 != expected 2"'
	echo 'echo "not ok 1 - late: one"'
	echo 'echo "not ok 2 - late: two"'
	echo 'echo "# the diagnostic after"'
	echo 'for i in $(seq 3 42); do echo "ok $i - late: $i"; done'
	echo 'exit 1'
} >"$tmp/late/test_late.sh"
"$TOP/tests/lib/run-programs" --results "$tmp/late/results" "$tmp/late/test_late.sh" \
	>/dev/null 2>&1
check "a failed test's diagnostic printed before it is shown, 40 results later" \
	"$tmp/late/results" "#   | # late_one:FAIL:planted unexpected planted: actual 1 != expected 2"
check "a failed test's diagnostic printed after it is shown, 40 results later" \
	"$tmp/late/results" "#   | # the diagnostic after"

# 2. The guest path, without a VM: tests/guest/run on the same programs.
mkdir -p "$tmp/run"
BLA_RUN=$tmp/run BLA_TEST_TIMEOUT=$HANG_TIMEOUT "$TOP/tests/guest/run" \
	"$plant/test_pass" "$plant/test_crash" >"$tmp/guest-out" 2>&1
rc=$?
if [ $rc != 0 ] && grep -qF "not ok - $plant/test_crash: killed by SIGSEGV" "$tmp/run/results" &&
   grep -qF "# ok - $plant/test_pass: $PLANNED/$PLANNED" "$tmp/run/results"; then
	ok "tests/guest/run reports the crash failed, exits $rc"
else
	not_ok "tests/guest/run reports the crash failed (exit $rc)"
	sed 's/^/#   | /' "$tmp/guest-out"
fi
# 3. The count that scripts/check ends with: each test once, a verdict
# only for what the program's own results do not show.
"$TOP/tests/lib/run-programs" --count "$tmp/results" >"$tmp/count" 2>&1
rc=$?
# pass: 5; crash, exit, hang, noplan, status: 2 and one failure each;
# fail: 4 and its failed test; skip: 1 and a skip.
want="20 passed, 6 failed"
if [ $rc = 1 ] && [ "$(tail -n 1 "$tmp/count")" = "$want" ]; then
	ok "the host path counts each test once: $want"
else
	not_ok "the host path counts each test once: $want (exit $rc)"
	sed 's/^/#   | /' "$tmp/count"
fi

# count_check DESCRIPTION WANT PROGRAM...: the PROGRAMs, run by
# tests/guest/run as in the guest, and their results counted as
# scripts/check counts them: the count's last line is WANT.
count_check()
{
	local what=$1 want=$2 dir
	shift 2
	dir=$(mktemp -d "$tmp/count.XXXXXX")
	BLA_RUN=$dir BLA_TEST_TIMEOUT=$HANG_TIMEOUT "$TOP/tests/guest/run" "$@" \
		>"$dir/out" 2>&1
	"$TOP/tests/lib/run-programs" --count "$dir/results" >"$dir/count" 2>&1
	if [ "$(tail -n 1 "$dir/count")" = "$want" ]; then
		ok "$what: $want"
	else
		not_ok "$what: $want"
		sed 's/^/#   results: /' "$dir/results"
		sed 's/^/#   count: /' "$dir/count"
	fi
}
printf 'echo 1..2\necho "ok 1 - two: one"\necho "ok 2 - two: two"\n' >"$plant/test_two.sh"
count_check "a program with 2 passing tests counts 2" "2 passed, 0 failed" \
	"$plant/test_two.sh"
count_check "a crash after 2 passes counts them and one failure" "2 passed, 1 failed" \
	"$plant/test_crash"
count_check "an early exit after 2 passes counts them and one failure" "2 passed, 1 failed" \
	"$plant/test_exit"
count_check "a failed test counts once, not again as its program" "4 passed, 1 failed" \
	"$plant/test_fail"
count_check "a skipped test counts apart, not as passed" "1 passed, 0 failed" \
	"$plant/test_skip.sh"

# 4. tests/guest/kmemleak.sh on planted kmemleak files, without its wait.
cat >"$tmp/leak" <<'EOF'
unreferenced object 0xffff888004a1c200 (size 64):
  comm "test_robust", pid 312, jiffies 4294940123
  hex dump (first 32 bytes):
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
  backtrace (crc 1a2b3c4d):
    kmemleak_alloc+0x4e/0x90
    __kmalloc_cache_noprof+0x2f1/0x3c0
    bpf_audit_log_start+0x61/0x140
EOF
# kmemleak FILE: kmemleak.sh on FILE, its output in $tmp/kmemleak.out.
kmemleak()
{
	BLA_KMEMLEAK=$1 BLA_KMEMLEAK_AGE=0 timeout 60 bash "$TOP/tests/guest/kmemleak.sh" \
		>"$tmp/kmemleak.out" 2>&1
}
# Like debugfs's, a file of size 0 that reads the report: a pipe held by a
# process, as its /proc/PID/fd/0 (what is written joins the report).
# shellcheck disable=SC2217 # sleep does not read it: it holds it open
sleep 60 < <(cat "$tmp/leak") &
holder=$!
for _ in $(seq 50); do
	[ -p "/proc/$holder/fd/0" ] && break
	sleep 0.1
done
kmemleak "/proc/$holder/fd/0"
rc=$?
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
if [ $rc != 0 ] && grep -qF "not ok 1 - guest: kmemleak finds no leak: 1 unreferenced object" \
		"$tmp/kmemleak.out"; then
	ok "kmemleak.sh fails on a leak in a file of size 0, as debugfs's are"
else
	not_ok "kmemleak.sh fails on a leak in a file of size 0, as debugfs's are (exit $rc)"
	sed 's/^/#   | /' "$tmp/kmemleak.out"
fi
check "kmemleak.sh names the leaked object" "$tmp/kmemleak.out" \
	"#   unreferenced object 0xffff888004a1c200 (size 64):"
: >"$tmp/clean"
kmemleak "$tmp/clean"
rc=$?
if [ $rc = 0 ] && grep -qx "ok 1 - guest: kmemleak finds no leak" "$tmp/kmemleak.out" &&
   [ "$(grep -cx scan "$tmp/clean")" = 2 ]; then
	ok "kmemleak.sh passes a clean kmemleak, after two scans"
else
	not_ok "kmemleak.sh passes a clean kmemleak, after two scans (exit $rc)"
	sed 's/^/#   | /' "$tmp/kmemleak.out"
	sed 's/^/#   file: /' "$tmp/clean"
fi
kmemleak "$tmp/no-such-dir/kmemleak"
rc=$?
if [ $rc != 0 ] && grep -qF "not ok 1 - guest: kmemleak finds no leak: the scan failed" \
		"$tmp/kmemleak.out"; then
	ok "kmemleak.sh fails when the scan fails"
else
	not_ok "kmemleak.sh fails when the scan fails (exit $rc)"
	sed 's/^/#   | /' "$tmp/kmemleak.out"
fi

# 5. tests/guest/examples.sh: its check_run(), sourced, on a run of
# net_deny with a planted loader that logs a record of a given decision=
# to a planted audit.log (or none) and warns a given number of times that
# the kernel lacks the kfuncs, and a planted trigger; with the checks of a
# kernel with the series, and with those of --pristine.  The loader is
# perl: a script run in the background ignores the SIGINT that
# example_run stops it with.
cat >"$tmp/loader" <<'EOF'
#!/usr/bin/perl
$SIG{INT} = sub { exit($ENV{PLANTED_EXIT} // 0) };
if ($ENV{PLANTED_RECORD} ne '') {
	open(my $log, '>>', $ENV{PLANTED_LOG}) or die "$ENV{PLANTED_LOG}: $!";
	print $log "$ENV{PLANTED_RECORD}\n";
	close($log);
}
$| = 1;
print "net_deny: warning: kernel has no bpf_audit_log_* kfuncs: enforcing without audit records\n"
	for 1 .. $ENV{PLANTED_WARNINGS};
print "planted: attached: net_deny\n";
sleep 1 for 1 .. 30;
EOF
chmod +x "$tmp/loader"
# run_check DESCRIPTION WANT PRISTINE DECISION WARNINGS TRIGGER...:
# check_run's TAP line starts with WANT when PRISTINE (1: --pristine's
# checks, 0: the series') and the planted loader logs a record that says
# DECISION (none if DECISION is empty), warns WARNINGS times, and TRIGGER
# is tried.
run_check()
{
	local what=$1 want=$2 mode=$3 decision=$4 warnings=$5 dir
	shift 5
	dir=$(mktemp -d "$tmp/examples.XXXXXX")
	mkdir "$dir/bin"
	cp "$tmp/loader" "$dir/bin/net_deny"
	: >"$dir/audit.log"
	(
		. "$TOP/tests/guest/examples.sh"
		# shellcheck disable=SC2034 # check_run()'s globals
		B=$dir/bin AUDITD_LOG=$dir/audit.log RUN_TMP=$dir PATCHED=$dir/none
		pristine=$mode
		fields="comm=\"bash\" cause=\"connect-deny\" daddr=127.0.0.1 dest=8080 lsm-hook=socket_connect decision=${decision:-denied}"
		export PLANTED_LOG=$AUDITD_LOG PLANTED_WARNINGS=$warnings PLANTED_RECORD=
		[ -z "$decision" ] ||
			PLANTED_RECORD="type=UNKNOWN[1427] msg=audit(1700000000.123:42): prog-id=57 pid=301 $fields"
		check_run net_deny "planted" "$ID $fields\$" "$IID" "planted" 8080 -- "$@"
	) >"$dir/out" 2>&1
	check "$what" "$dir/out" "$want"
}
denied='echo "bash: connect: Operation not permitted" >&2; exit 1'
run_check "examples: an access allowed under a decision=denied record fails" \
	"not ok 1 - examples: net_deny: planted: verdict allowed but the record says decision=denied" \
	0 denied 0 true
run_check "examples: a failure with another errno than EPERM is no denial" \
	"not ok 1 - examples: net_deny: planted: verdict error but the record says decision=denied" \
	0 denied 0 bash -c 'echo "bash: connect: Connection refused" >&2; exit 1'
run_check "examples: an access denied with EPERM under a decision=denied record passes" \
	"ok 1 - examples: net_deny: planted" 0 denied 0 bash -c "$denied"
run_check "examples: an access denied under a decision=allowed record fails" \
	"not ok 1 - examples: net_deny: planted: verdict denied but the record says decision=allowed" \
	0 allowed 0 bash -c "$denied"
run_check "examples: a run that makes no record fails" \
	"not ok 1 - examples: net_deny: planted: no record matches: " 0 "" 0 bash -c "$denied"
PLANTED_EXIT=3 run_check "examples: a loader that fails when stopped fails the run" \
	"not ok 1 - examples: net_deny: planted: the loader exited with status 3 after SIGINT" \
	0 denied 0 bash -c "$denied"
run_check "examples --pristine: denied as the policy says, no record, one warning passes" \
	"ok 1 - examples: net_deny: planted: still denied as its policy says" 1 "" 1 bash -c "$denied"
run_check "examples --pristine: a record on a kernel without the kfuncs fails" \
	"not ok 1 - examples: net_deny: planted: denied (want denied), 1 record(s) (want 0), 1 warning(s)" \
	1 denied 1 bash -c "$denied"
run_check "examples --pristine: a loader that does not warn about the missing kfuncs fails" \
	"not ok 1 - examples: net_deny: planted: denied (want denied), 0 record(s) (want 0), 0 warning(s) (want 1)" \
	1 "" 0 bash -c "$denied"
run_check "examples --pristine: an access that the policy denies, allowed, fails" \
	"not ok 1 - examples: net_deny: planted: allowed (want denied)" 1 "" 1 true

# 6. The selftests' runner (tests/selftests: runner.c, test_loader.c,
# test_progs.h), which runs the kernels' BPF selftests in the guest, built
# by the Makefile's own selftests rules (its flags, its tests.h, its
# skeletons) for planted trees in place of a kernel's: the prog_tests and
# progs of tests/host/runner-plants as prog_tests/lsm_audit_kfuncs.c and
# progs/lsm_audit_kfuncs_fail.c.  Its TAP and exit status are checked
# whole, and its programs go through run-programs as the guest's do.  No
# root and no BPF but for RUN_TESTS(), whose planted programs the host's
# kernel loads (skipped if it cannot).  BLA_SELFTESTS_RUNNER=DIR builds
# the runner of DIR instead, to show these checks fail on a broken copy.
runner_src=${BLA_SELFTESTS_RUNNER:-tests/selftests}
rp=$tmp/runner
rplant=$TOP/tests/host/runner-plants
mkdir -p "$rp/progs"
# runner_tree NAME PROG_TESTS FAIL_PROGS KVER: a tree for the Makefile's
# rules of "kernel" NAME; bpf_misc.h and cap_helpers are KVER's own.
runner_tree()
{
	local d=$rp/tree/$1 k=$CACHE/linux-$4/tools/testing/selftests/bpf
	mkdir -p "$d/prog_tests" "$d/progs"
	ln -s "$rplant/prog_tests/$2" "$d/prog_tests/lsm_audit_kfuncs.c"
	ln -s "$rplant/progs/$3" "$d/progs/lsm_audit_kfuncs_fail.c"
	ln -s "$rplant/progs/runner_plant_empty.c" "$d/progs/test_lsm_audit_kfuncs.c"
	ln -s "$rplant/progs/runner_plant_empty.c" "$d/progs/lsm_audit_kfuncs_kptr.c"
	: >"$d/progs/lsm_audit_kfuncs_common.h"
	ln -s "$k/progs/bpf_misc.h" "$d/progs/bpf_misc.h"
	ln -s "$k/cap_helpers.c" "$d/cap_helpers.c"
	ln -s "$k/cap_helpers.h" "$d/cap_helpers.h"
}
runner_tree plain runner_plant.c runner_plant_empty.c 7.3
runner_tree loader-7.3 runner_plant_loader.c runner_plant_loader.c 7.3
runner_tree loader-6.12 runner_plant_loader.c runner_plant_loader.c 6.12
# The planted trees have the series' own files only: none of upstream's
# tests that the Makefile also runs from a kernel's tree.
margs=(SELFTESTS_KVERS="plain loader-7.3 loader-6.12" SELFTESTS_RUNNER="$runner_src"
	SELFTESTS_PROGS="test_lsm_audit_kfuncs lsm_audit_kfuncs_fail lsm_audit_kfuncs_kptr"
	SELFTESTS_TESTS=lsm_audit_kfuncs SELFTESTS_EXTRA=)
rbins=()
for v in plain loader-7.3 loader-6.12; do
	margs+=("SELFTESTS_SRC_$v=$rp/tree/$v" "SELFTESTS_OUT_$v=$rp/out/$v"
		"SELFTESTS_BIN_$v=$rp/out/$v/lsm_audit_kfuncs")
	rbins+=("$rp/out/$v/lsm_audit_kfuncs")
done
rbin=$rp/out/plain/lsm_audit_kfuncs
# Not a sub-make of make check's: none of its flags or variables.
rmake=(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$TOP" --no-print-directory)
# Nothing but the planted trees' rules may run: never scripts/kernel (a
# kernel build), whatever the Makefile becomes.
"${rmake[@]}" -n "${margs[@]}" "${rbins[@]}" >"$rp/make-n" 2>&1
rc=$?
if [ $rc != 0 ] || grep -q 'scripts/kernel' "$rp/make-n"; then
	not_ok "the selftests' runner builds with the Makefile's rules for planted trees (make -n: exit $rc, or runs scripts/kernel)"
	sed 's/^/#   | /' "$rp/make-n"
elif "${rmake[@]}" -s -j4 "${margs[@]}" "${rbins[@]}" >"$rp/make" 2>&1; then
	ok "the selftests' runner builds with the Makefile's rules for planted trees"
else
	not_ok "the selftests' runner builds with the Makefile's rules for planted trees"
	sed 's/^/#   | /' "$rp/make"
fi

# runner_run OUT [VAR=VALUE...] -- ARG...: the plain runner's output, with
# VARs set, in OUT; its exit status in $rc.
runner_run()
{
	local out=$1
	shift
	local envs=()
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env "${envs[@]}" timeout 60 "$rbin" "$@" >"$out" 2>&1 </dev/null
	rc=$?
}
# tap_check DESCRIPTION FILE WANT_STATUS WANT: the plan and results in
# FILE are WANT, whole and in order, and the run's exit status ($rc) is
# WANT_STATUS.
tap_check()
{
	local got
	got=$(grep -E '^(1\.\.[0-9]|(not )?ok( |$))' "$2")
	if [ "$rc" = "$3" ] && [ "$got" = "$4" ]; then
		ok "$1"
	else
		not_ok "$1 (exit $rc)"
		diff <(printf '%s\n' "$4") <(printf '%s\n' "$got") | sed 's/^/#   want<got> /'
		sed 's/^/#   | /' "$2"
	fi
}
runner_run "$rp/pass" --
tap_check "runner: all subtests pass: an ok line for each of the 4 subtests and 2 tests, exit 0" \
	"$rp/pass" 0 "1..6
ok 1 - runner_plant/one
ok 2 - runner_plant/two
ok 3 - runner_plant/three
ok 4 - runner_plant
ok 5 - runner_plant_serial/only
ok 6 - runner_plant_serial"
runner_run "$rp/fail" RUNNER_PLANT=fail --
tap_check "runner: a failed ASSERT fails its subtest and its test, the others run, exit 1" \
	"$rp/fail" 1 "1..6
ok 1 - runner_plant/one
not ok 2 - runner_plant/two
ok 3 - runner_plant/three
not ok 4 - runner_plant
ok 5 - runner_plant_serial/only
ok 6 - runner_plant_serial"
if grep -A2 -x 'not ok 2 - runner_plant/two' "$rp/fail" | grep -qx \
		'# test_runner_plant:FAIL:planted failure unexpected planted failure: actual 4 != expected 5'; then
	ok "runner: a failed subtest is followed by its log and the failed ASSERT"
else
	not_ok "runner: a failed subtest is followed by its log and the failed ASSERT"
	sed 's/^/#   | /' "$rp/fail"
fi
# -t TEST/SUBTEST: the crash planted in runner_plant/two must not run.
# Names are matched as substrings, as by test_progs -t: runner_plant_serial
# is selected, without its subtest.
runner_run "$rp/select" RUNNER_PLANT=crash -- -t runner_plant/three
tap_check "runner: -t runner_plant/three runs that subtest alone" "$rp/select" 0 "1..3
ok 1 - runner_plant/three
ok 2 - runner_plant
ok 3 - runner_plant_serial"
runner_run "$rp/select-test" RUNNER_PLANT=crash -- -t runner_plant_serial
tap_check "runner: -t runner_plant_serial runs that test alone" "$rp/select-test" 0 "1..2
ok 1 - runner_plant_serial/only
ok 2 - runner_plant_serial"
# A selection that runs nothing is a failure, as with test_progs: a
# subtest renamed or not yet in the tree must not pass unseen.
runner_run "$rp/select-none" -- -t runner_plant/no_such_subtest
if [ "$rc" = 2 ] && grep -qx '# -t runner_plant/no_such_subtest selected no subtest' "$rp/select-none"; then
	ok "runner: a -t that selects no subtest fails"
else
	not_ok "runner: a -t that selects no subtest fails (exit $rc)"
	sed 's/^/#   | /' "$rp/select-none"
fi
runner_run "$rp/select-no-test" -- -t no_such_test
if [ "$rc" = 2 ] && grep -qx '# -t no_such_test selected no test' "$rp/select-no-test"; then
	ok "runner: a -t that selects no test fails"
else
	not_ok "runner: a -t that selects no test fails (exit $rc)"
	sed 's/^/#   | /' "$rp/select-no-test"
fi

# The same runs as the guest runs its programs: through run-programs.
for kind in pass fail crash exit exit_setup; do
	printf 'RUNNER_PLANT=%s exec %q\n' "$kind" "$rbin" >"$rp/progs/runner_$kind.sh"
done
"$TOP/tests/lib/run-programs" --timeout 60 --results "$rp/results" "$rp/progs" \
	>"$rp/run-programs" 2>&1
check "runner: run-programs passes a run whose subtests all pass" "$rp/results" \
	"# ok - $rp/progs/runner_pass.sh: 6/6 tests passed"
check "runner: run-programs fails a run with a failed ASSERT" "$rp/results" \
	"# not ok - $rp/progs/runner_fail.sh: exited with status 1; 2 of 6 tests failed"
check "runner: a crashed subtest is not ok and fails the program as a short count" \
	"$rp/results" "not ok - $rp/progs/runner_crash.sh: exited with status 1; ran 2 of 6 planned tests; 1 of 2 tests failed"
check "runner: the crashed subtest's own line names the signal" "$rp/results" \
	"#   | not ok 2 - runner_plant/two # crashed with signal 11"
check "runner: a subtest's exit with status 0 fails the program as a short count" \
	"$rp/results" "not ok - $rp/progs/runner_exit.sh: ran 1 of 6 planned tests"
check "runner: a test's exit with status 0 before its plan fails the program" \
	"$rp/results" "not ok - $rp/progs/runner_exit_setup.sh: printed no plan; ran 4 tests"

# RUN_TESTS(): the host's kernel loads or refuses the planted socket
# filters; a message that is not in the verifier's log, a refused program
# tagged __success and a loaded one tagged __failure each fail.
# (Read whole: grep -q would end the probe early, and pipefail fail it.)
"$TOOLS/bin/bpftool" feature probe kernel >"$rp/probe" 2>&1
if grep -q 'program_type socket_filter is available' "$rp/probe"; then
	for v in 7.3 6.12; do
		timeout 60 "$rp/out/loader-$v/lsm_audit_kfuncs" >"$rp/loader-$v" 2>&1 </dev/null
		rc=$?
		tap_check "runner: RUN_TESTS() with $v's bpf_misc.h fails each program not refused or loaded as tagged" \
			"$rp/loader-$v" 1 "1..6
ok 1 - runner_plant_loader/accepted
ok 2 - runner_plant_loader/refused
not ok 3 - runner_plant_loader/refused_other_msg
not ok 4 - runner_plant_loader/refused_tagged_success
not ok 5 - runner_plant_loader/accepted_tagged_failure
not ok 6 - runner_plant_loader"
	done
	check "runner: RUN_TESTS() names the __msg() not found" "$rp/loader-7.3" \
		"# EXPECTED 'some message that will not appear'"
else
	for v in 7.3 6.12; do
		ok "runner: RUN_TESTS() with $v's bpf_misc.h # SKIP the host cannot load BPF programs"
	done
	ok "runner: RUN_TESTS() names the __msg() not found # SKIP the host cannot load BPF programs"
fi

rm -rf "$plant"
if [ ! -e "$plant" ]; then
	ok "the planted programs are removed"
else
	not_ok "the planted programs are removed"
fi
ktap_finished
