// SPDX-License-Identifier: GPL-2.0-only
/*
 * Re-entry into the audit core.  audit_log_start() runs the exclude
 * filter, which for a rule on an LSM field asks the LSMs for the current
 * task's properties: security_current_getlsmprop_subj() (6.12:
 * security_current_getsecid_subj()), a hook that BPF LSM programs can
 * attach to, without recursion protection.  A program there that opens a
 * record would open another from within its own bpf_audit_log_start(),
 * and so on until the stack overflowed.  Two defences stand in the way,
 * and each is tested where it is the one that acts:
 *
 *   - The series refuses the kfuncs at load time on that hook: on every
 *     kernel of the series (no AppArmor active), loading the program
 *     fails with the verifier's message.
 *
 *   - A run-time guard in bpf_audit_log_start(), per CPU and interrupt
 *     level, refuses a start made from within the audit core, whatever
 *     hook a later kernel adds to that path.  The 7.3 "reentry" test
 *     build (kernel/patches/7.3-reentry) drops the load-time refusal and
 *     adds AppArmor, an LSM that accepts audit rules on LSM fields.  With
 *     an exclude rule on subj_role, each record that the trigger program
 *     opens on getpgid() runs the filter, which runs the nested program;
 *     its start must return NULL and count one lost record, and the
 *     trigger's record must arrive whole.  Without the guard the first
 *     call overflows the kernel stack (docs/design.md gives the run).
 *
 * scripts/check boots the reentry build with "bla.reentry" on the kernel
 * command line (a word no kernel parameter uses): that, and nothing the
 * test could get wrong by itself, says which of the two it is.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/audit.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "load.h"
#include "reentry.skel.h"
#include "test.h"

#define CALLS 5
#define RECORD_TIMEOUT_MS 3000
#define QUIET_MS 500
#define RECORD_TEXT_MAX 1024
#define LOG_BUF_SIZE (1 << 20)

#define REFUSED_MSG \
	"calling kernel function bpf_audit_log_start is not allowed\n"

static char log_buf[LOG_BUF_SIZE];

/* Whether the kernel command line has the word @word. */
static bool cmdline_has(const char *word)
{
	char buf[4096], *tok, *save;
	size_t n;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!ASSERT_OK_PTR(f, "open /proc/cmdline"))
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (tok = strtok_r(buf, " \n", &save); tok;
	     tok = strtok_r(NULL, " \n", &save))
		if (!strcmp(tok, word))
			return true;
	return false;
}

/* Whether AppArmor is enabled, as the reentry test build must have it. */
static bool apparmor_enabled(void)
{
	char c = 0;
	FILE *f = fopen("/sys/module/apparmor/parameters/enabled", "r");

	if (!f)
		return false;
	if (fread(&c, 1, 1, f) != 1)
		c = 0;
	fclose(f);
	return c == 'Y';
}

/* The program on the hook that this kernel's exclude filter calls. */
static struct bpf_program *nested_prog(struct reentry *skel)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	bool lsmprop;

	if (!ASSERT_OK_PTR(vmlinux, "vmlinux BTF"))
		return NULL;
	lsmprop = btf__find_by_name_kind(vmlinux,
					 "bpf_lsm_current_getlsmprop_subj",
					 BTF_KIND_FUNC) > 0;
	btf__free(vmlinux);
	return lsmprop ? skel->progs.reenter_lsmprop : skel->progs.reenter_secid;
}

/* The run-time guard, on the reentry test build. */
static void run_guard(struct reentry *skel, struct bpf_program *nested)
{
	struct bla_audit audit = BLA_AUDIT_INIT;
	struct bpf_link *trigger = NULL, *link = NULL;
	struct bla_audit_record rec;
	char want[RECORD_TEXT_MAX];
	long lost0, lost1;
	int i, ret;

	if (!ASSERT_OK(bla_audit_listen(&audit, AUDIT_BPF_LSM_ACCESS),
		       "audit: only our records, to a daemon of our own") ||
	    !ASSERT_OK(bla_audit_exclude_str(&audit, AUDIT_SUBJ_ROLE,
					     AUDIT_NOT_EQUAL, "unconfined"),
		       "audit: a rule on an LSM field (AppArmor's subj_role)"))
		goto cleanup;
	trigger = bpf_program__attach(skel->progs.trigger);
	if (!ASSERT_OK_PTR(trigger, "attach trigger"))
		goto cleanup;
	link = bpf_program__attach(nested);
	if (!ASSERT_OK_PTR(link, "attach the nested program"))
		goto cleanup;

	lost0 = bla_audit_lost(&audit);
	if (!ASSERT_GE(lost0, 0, "audit: lost count"))
		goto cleanup;
	skel->bss->target_tgid = getpid();
	for (i = 0; i < CALLS; i++)
		getpgid(getpid());
	skel->bss->target_tgid = 0;
	lost1 = bla_audit_lost(&audit);
	ASSERT_GE(lost1, 0, "audit: lost count");
	printf("# %d calls: trigger %d runs, %d NULL; nested %d runs, %d NULL, %d opened; lost +%ld\n",
	       CALLS, skel->bss->trigger_runs, skel->bss->trigger_nulls,
	       skel->bss->nested_runs, skel->bss->nested_nulls,
	       skel->bss->nested_opened, lost1 - lost0);
	if (!ASSERT_EQ(skel->bss->trigger_runs, CALLS, "trigger runs") ||
	    !ASSERT_EQ(skel->bss->trigger_nulls, 0, "trigger starts that returned NULL") ||
	    !ASSERT_EQ(skel->bss->nested_runs, CALLS, "nested runs, one per record") ||
	    !ASSERT_EQ(skel->bss->nested_nulls, CALLS, "nested starts refused") ||
	    !ASSERT_EQ(skel->bss->nested_opened, 0, "nested records opened") ||
	    !ASSERT_EQ(lost1 - lost0, CALLS, "lost records, one per refusal"))
		goto cleanup;

	snprintf(want, sizeof(want),
		 "prog-id=%u pid=%d comm=\"test_reentry\" cause=\"trigger\" lsm-hook=task_getpgid decision=unknown",
		 bpf_prog_id(skel->progs.trigger), getpid());
	for (i = 0; i < CALLS; i++) {
		ret = bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec,
				     RECORD_TIMEOUT_MS);
		if (!ASSERT_OK(ret, "the trigger's record") ||
		    !ASSERT_STREQ(rec.body, want, "record"))
			goto cleanup;
	}
	ASSERT_EQ(bla_audit_drain(&audit, QUIET_MS), 0, "records beyond one per call");
cleanup:
	bpf_link__destroy(link);
	bpf_link__destroy(trigger);
	ASSERT_OK(bla_audit_close(&audit), "audit: close and restore the settings");
}

static void test_reentrant_hook(void)
{
	struct reentry *skel = reentry__open();
	struct bpf_program *nested;
	bool guard_build = cmdline_has("bla.reentry");
	int err;

	if (!ASSERT_OK_PTR(skel, "open"))
		return;
	if (guard_build &&
	    !ASSERT_TRUE(apparmor_enabled(), "AppArmor enabled on the reentry build"))
		goto out;
	nested = nested_prog(skel);
	if (!nested)
		goto out;
	printf("# %s on %s\n", bpf_program__name(nested),
	       guard_build ? "the reentry test build" :
			     "a kernel of the series");
	bpf_program__set_autoload(skel->progs.trigger, true);
	bpf_program__set_autoload(nested, true);
	bpf_program__set_log_buf(nested, log_buf, sizeof(log_buf));
	bla_libbpf_quiet = !guard_build;
	err = reentry__load(skel);
	bla_libbpf_quiet = false;
	if (!guard_build) {
		if (ASSERT_EQ(err, -EACCES, "the load's error") &&
		    ASSERT_TRUE(strstr(log_buf, REFUSED_MSG), "verifier log"))
			printf("# refused at load: %s", REFUSED_MSG);
		else
			printf("#   verifier log:\n%s\n", log_buf);
		goto out;
	}
	if (!ASSERT_OK(err, "load without the refusal")) {
		printf("#   verifier log:\n%s\n", log_buf);
		goto out;
	}
	run_guard(skel, nested);
out:
	reentry__destroy(skel);
}

static const struct test tests[] = {
	TEST(test_reentrant_hook),
};

int main(int argc, char **argv)
{
	libbpf_set_print(bla_print_libbpf);
	return run_tests("reentry", tests, ARRAY_SIZE(tests), argc, argv);
}
