// SPDX-License-Identifier: GPL-2.0-only
/*
 * The programs of tests/test_reentry.c.
 *
 * trigger opens a record on the test's getpgid() calls, with "armed" set
 * around its bpf_audit_log_start().  reenter_* run on the hook that
 * audit_log_start()'s exclude filter calls for a rule with an LSM field
 * (current_getlsmprop_subj; current_getsecid_subj on 6.12) and, while
 * armed, try to open a record of their own: from inside the first
 * bpf_audit_log_start().  The series refuses them at load time; a test
 * build without the refusal runs them, and the run-time guard must then
 * refuse the nested start.  Without it, each nested start would run the
 * filter, which would run the program again, until the stack overflowed.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

char LICENSE[] SEC("license") = "GPL";

int target_tgid;

/* Set by trigger while its bpf_audit_log_start() runs. */
int armed;

/* What trigger and the nested program saw, read by the test. */
int trigger_runs;
int trigger_nulls;
int nested_runs;
int nested_nulls;
int nested_opened;

static bool is_target(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

SEC("?lsm/task_getpgid")
int BPF_PROG(trigger, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	trigger_runs++;
	armed = 1;
	ac = bpf_audit_log_start();
	armed = 0;
	if (!ac) {
		trigger_nulls++;
		return 0;
	}
	bpf_audit_log_cause(ac, "trigger");
	bpf_audit_log_end(ac);
	return 0;
}

static int reenter(void)
{
	struct bpf_audit_context *ac;

	if (!armed || !is_target())
		return 0;
	nested_runs++;
	ac = bpf_audit_log_start();
	if (!ac) {
		nested_nulls++;
		return 0;
	}
	nested_opened++;
	bpf_audit_log_cause(ac, "nested");
	bpf_audit_log_end(ac);
	return 0;
}

SEC("?lsm/current_getlsmprop_subj")
int BPF_PROG(reenter_lsmprop, struct lsm_prop *prop)
{
	return reenter();
}

SEC("?lsm/current_getsecid_subj")
int BPF_PROG(reenter_secid, u32 *secid)
{
	return reenter();
}
