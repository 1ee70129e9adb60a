// SPDX-License-Identifier: GPL-2.0-only
/*
 * The programs of the fault injection tests (tests/test_failslab.c).
 * failslab_getpgid, on every getpgid() of the target process, opens a
 * record, logs its cause and the target task, states its verdict and
 * returns it, whether or not it had a record.  Every start is counted, as
 * a record opened or a refusal.
 * failslab_hold, sleepable, holds a record open while its thread sleeps
 * in a page fault, so that the CPU's spare context stays taken.
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

/* Counts a start: 1 if it opened a record, 0 if it returned NULL. */
static __always_inline int counted(struct bpf_audit_context *ac)
{
	__sync_fetch_and_add(&attempts, 1);
	if (!ac) {
		__sync_fetch_and_add(&nulls, 1);
		return 0;
	}
	__sync_fetch_and_add(&opened, 1);
	return 1;
}

SEC("lsm/task_getpgid")
int BPF_PROG(failslab_getpgid, struct task_struct *p)
{
	struct bpf_audit_context *ac;
	int verdict = deny ? -EPERM : 0;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	ac = bpf_audit_log_start();
	if (!counted(ac))
		return verdict;
	bpf_audit_log_cause(ac, "failslab");
	bpf_audit_log_task(ac, p);
	bpf_audit_log_decision(ac, verdict);
	bpf_audit_log_end(ac);
	return verdict;
}

/*
 * Set by the test: the thread whose open() holds a record, and the user
 * address, registered with userfaultfd, that it reads while it does.
 */
int holder_tid;
__u64 hold_addr;
/* Read by the test: the holder opened its record. */
long held;

SEC("lsm.s/file_open")
int BPF_PROG(failslab_hold, struct file *file)
{
	struct bpf_audit_context *ac;
	char byte;

	if ((__u32)bpf_get_current_pid_tgid() != holder_tid)
		return 0;
	ac = bpf_audit_log_start();
	if (!ac)
		return 0;
	held = 1;
	/* Sleeps in the page fault until the test provides the page. */
	bpf_copy_from_user(&byte, sizeof(byte), (const void *)hold_addr);
	bpf_audit_log_cause(ac, "held");
	bpf_audit_log_end(ac);
	return 0;
}
