// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run in a guest booted with audit=0 (scripts/check does): the audit
 * subsystem is off for good, bpf_audit_log_start() must return NULL and
 * the program's verdict must stand.  Not a test_* program, so the normal
 * guest suite, booted with audit=1, does not run it.
 */
#include <unistd.h>

#include "audit.h"
#include "audit_robust.skel.h"
#include "test.h"

/*
 * The guest really booted with audit=0: the audit core did not even set
 * up its netlink protocol (audit_init() returns early), so there is no
 * audit socket to open; were there one, auditing would read as off.
 */
static void test_audit_is_off(void)
{
	struct bla_audit audit = BLA_AUDIT_INIT;
	int err = bla_audit_open(&audit);

	if (err != -EPROTONOSUPPORT && ASSERT_OK(err, "audit: open"))
		ASSERT_EQ(audit.saved.enabled, 0U, "audit enabled");
	ASSERT_OK(bla_audit_close(&audit), "audit: close");
}

static void test_boot_audit_off(void)
{
	struct audit_robust *skel;
	struct bpf_link *link = NULL;

	skel = audit_robust__open_and_load();
	if (!ASSERT_OK_PTR(skel, "load audit_robust"))
		return;
	skel->bss->target_tgid = getpid();
	link = bpf_program__attach(skel->progs.stress);
	if (!ASSERT_OK_PTR(link, "attach stress"))
		goto cleanup;
	/* The verdict stands without a record. */
	if (!ASSERT_ERRNO(getpgid(getpid()), EPERM, "getpgid with audit=0"))
		goto cleanup;
	ASSERT_EQ(skel->bss->nulls, 1, "starts refused");
	ASSERT_EQ(skel->bss->opened, 0, "records opened");
cleanup:
	bpf_link__destroy(link);
	audit_robust__destroy(skel);
}

static const struct test tests[] = {
	TEST(test_audit_is_off),
	TEST(test_boot_audit_off),
};

int main(int argc, char **argv)
{
	return run_tests("audit=0", tests, ARRAY_SIZE(tests), argc, argv);
}
