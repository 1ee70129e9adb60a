// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier selftests that the series extends but whose runner,
 * prog_tests/verifier.c, it does not touch: run here as that file runs
 * them.
 */
#include "test_progs.h"
#include "verifier_lsm.skel.h"

void test_verifier_lsm(void)
{
	RUN_TESTS(verifier_lsm);
}
