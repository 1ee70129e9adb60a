// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run in a guest booted with audit=0 (scripts/check does): the audit
 * subsystem is off for good, bpf_audit_log_start() must return NULL and
 * the program's verdict must stand.  Not a test_* program, so the normal
 * guest suite, booted with audit=1, does not run it.
 */
#include <unistd.h>

#include "audit_robust.skel.h"
#include "test.h"

static int test_boot_audit_off(void)
{
	struct audit_robust *skel;
	struct bpf_link *link;
	int err = -1;

	skel = audit_robust__open_and_load();
	if (!skel)
		return fail("load: %s", strerror(errno));
	skel->bss->target_tgid = getpid();
	link = bpf_program__attach(skel->progs.stress);
	if (!link) {
		err = fail("attach: %s", strerror(errno));
		goto out;
	}
	if (getpgid(getpid()) != -1 || errno != EPERM) {
		err = fail("getpgid was not denied with audit=0");
		goto out_link;
	}
	if (skel->bss->nulls != 1 || skel->bss->opened != 0) {
		err = fail("start: %ld records, %ld NULL; expected 0 and 1",
			   skel->bss->opened, skel->bss->nulls);
		goto out_link;
	}
	err = 0;
out_link:
	bpf_link__destroy(link);
out:
	audit_robust__destroy(skel);
	return err;
}

static const struct test tests[] = {
	TEST(test_boot_audit_off),
};

int main(int argc, char **argv)
{
	return run_tests("audit=0", tests, 1, argc, argv);
}
