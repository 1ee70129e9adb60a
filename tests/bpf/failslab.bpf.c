// SPDX-License-Identifier: GPL-2.0-only
/*
 * The program of the fault injection tests (tests/test_failslab.c): on
 * every getpgid() of the test, it opens a record, logs its cause and the
 * target task, states its verdict and returns it, whether or not it had a
 * record.  Every start is counted, as a record opened or a refusal.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

#define EPERM 1

char LICENSE[] SEC("license") = "GPL";

/* Set by the test: whose calls, and whether the program denies them. */
int target_tgid;
int deny;

/* Read by the test. */
long attempts;
long opened;
long nulls;

SEC("lsm/task_getpgid")
int BPF_PROG(failslab_getpgid, struct task_struct *p)
{
	struct bpf_audit_context *ac;
	int verdict = deny ? -EPERM : 0;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	__sync_fetch_and_add(&attempts, 1);
	ac = bpf_audit_log_start();
	if (!ac) {
		__sync_fetch_and_add(&nulls, 1);
		return verdict;
	}
	__sync_fetch_and_add(&opened, 1);
	bpf_audit_log_cause(ac, "failslab");
	bpf_audit_log_task(ac, p);
	bpf_audit_log_decision(ac, verdict);
	bpf_audit_log_end(ac);
	return verdict;
}
