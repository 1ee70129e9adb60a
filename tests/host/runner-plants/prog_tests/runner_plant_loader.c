// SPDX-License-Identifier: GPL-2.0-only
/*
 * RUN_TESTS() of the selftests' runner on planted programs, built by
 * tests/host/harness.sh as the Makefile builds a kernel's
 * prog_tests/lsm_audit_kfuncs.c, with progs/runner_plant_loader.c as the
 * tree's progs/lsm_audit_kfuncs_fail.c: once with the 7.3 tree's
 * bpf_misc.h, once with the 6.12 tree's.
 */
#include <test_progs.h>

#include "lsm_audit_kfuncs_fail.skel.h"

void test_runner_plant_loader(void)
{
	RUN_TESTS(lsm_audit_kfuncs_fail);
}
