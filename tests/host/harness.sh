#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The test machinery cannot report a pass that is not one.  Plants test
# programs built on tests/lib/test.h that pass two checks and then crash,
# exit early (with status 0) or hang, and a failing one, plus scripts
# without a plan or with a bad exit status; runs them through
# tests/lib/run-programs (what scripts/check runs the host tests with) and
# through tests/guest/run (what runs the guest's programs), without a VM;
# and asserts that each is reported failed, naming the program, the reason
# and its last output, while a good program passes.  Removes all it planted.
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

n=0
plan=14
echo "1..$plan"
ok()     { n=$((n + 1)); echo "ok $n - host: harness: $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - host: harness: $1"; }

# check DESCRIPTION FILE PATTERN: FILE has a line matching the fixed PATTERN.
check()
{
	if grep -qF -- "$3" "$2"; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   no line: $3"
		sed 's/^/#   | /' "$2"
	fi
}

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
	"ok - $plant/test_pass: $PLANNED/$PLANNED tests passed"
check "a crash after two passes fails, with the signal and the count" "$tmp/results" \
	"not ok - $plant/test_crash: killed by SIGSEGV; ran 2 of $PLANNED planned tests"
check "a crash shows what the program printed last" "$tmp/results" \
	"#   | # planted: crash"
check "an early exit with status 0 fails as a short count" "$tmp/results" \
	"not ok - $plant/test_exit: ran 2 of $PLANNED planned tests"
check "a hang fails once its timeout kills it" "$tmp/results" \
	"not ok - $plant/test_hang: hung: killed after the $HANG_TIMEOUT s timeout; ran 2 of $PLANNED planned tests"
check "a failed check fails the program" "$tmp/results" \
	"not ok - $plant/test_fail: exited with status 1; 1 of $PLANNED tests failed"
check "results without a plan fail" "$tmp/results" \
	"not ok - $plant/test_noplan.sh: printed no plan; ran 2 tests"
check "a non-zero exit status after a full plan fails" "$tmp/results" \
	"not ok - $plant/test_status.sh: exited with status 3"
check "a skipped test is not counted as passed" "$tmp/results" \
	"ok - $plant/test_skip.sh: 1/2 tests passed, 1 skipped"
# The hang is waited for, not left behind.
if [ $took -lt $((HANG_TIMEOUT + 60)) ] && ! pgrep -f "$plant/" >/dev/null; then
	ok "the hung program is killed and nothing planted is left running"
else
	not_ok "the hung program is killed and nothing planted is left running (took $took s)"
	pgrep -af "$plant/" | sed 's/^/#   /'
	# Only processes of this run's own temporary directory.
	pgrep -f "$plant/" | xargs -r kill -KILL
fi

# 2. The guest path, without a VM: tests/guest/run on the same programs.
mkdir -p "$tmp/run"
BLA_RUN=$tmp/run BLA_TEST_TIMEOUT=$HANG_TIMEOUT "$TOP/tests/guest/run" \
	"$plant/test_pass" "$plant/test_crash" >"$tmp/guest-out" 2>&1
rc=$?
if [ $rc != 0 ] && grep -qF "not ok - $plant/test_crash: killed by SIGSEGV" "$tmp/run/results" &&
   grep -qF "ok - $plant/test_pass: $PLANNED/$PLANNED" "$tmp/run/results"; then
	ok "tests/guest/run reports the crash failed, exits $rc"
else
	not_ok "tests/guest/run reports the crash failed (exit $rc)"
	sed 's/^/#   | /' "$tmp/guest-out"
fi
rm -rf "$plant"
if [ ! -e "$plant" ]; then
	ok "the planted programs are removed"
else
	not_ok "the planted programs are removed"
fi
[ $n = $plan ] || echo "# harness.sh: ran $n of $plan"
