// SPDX-License-Identifier: GPL-2.0-only
/*
 * Planted tests for the selftests' runner (tests/selftests), built by
 * tests/host/harness.sh as the Makefile builds a kernel's
 * prog_tests/lsm_audit_kfuncs.c: no BPF, no root.  $RUNNER_PLANT says what
 * the subtest runner_plant/two does after printing a line: nothing ("pass"
 * or unset), fail an ASSERT ("fail"), crash ("crash"), exit with status 0
 * ("exit"); "exit_setup" makes the serial test exit with status 0 before
 * its subtest, where the runner's counting pass runs it too.
 *
 * Results: runner_plant/one, runner_plant/two, runner_plant/three,
 * runner_plant, runner_plant_serial/only, runner_plant_serial: 6.
 */
#include <signal.h>
#include <test_progs.h>

static bool planted(const char *kind)
{
	const char *plant = getenv("RUNNER_PLANT");

	return plant && !strcmp(plant, kind);
}

void test_runner_plant(void)
{
	if (test__start_subtest("one"))
		ASSERT_EQ(1 + 1, 2, "sum");
	if (test__start_subtest("two")) {
		printf("planted: two ran\n");
		if (planted("fail"))
			ASSERT_EQ(2 + 2, 5, "planted failure");
		if (planted("crash"))
			raise(SIGSEGV);
		if (planted("exit"))
			exit(0);
	}
	if (test__start_subtest("three"))
		ASSERT_STREQ("three", "three", "name");
}

void serial_test_runner_plant_serial(void)
{
	if (planted("exit_setup"))
		exit(0);
	if (test__start_subtest("only"))
		ASSERT_TRUE(true, "true");
}
