// SPDX-License-Identifier: GPL-2.0-only
/*
 * An LSM program with a global function, and an extension program that
 * replaces it.  The extension runs in the LSM program's place but is not
 * an LSM program: the audit kfuncs must be refused to it, while the same
 * extension without them loads.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

char LICENSE[] SEC("license") = "GPL";

int decisions;

/* A side effect, so that the call is kept and extensions can replace it. */
__noinline int decide(int mask)
{
	decisions += mask;
	return 0;
}

SEC("lsm/file_permission")
int BPF_PROG(ext_target, struct file *file, int mask)
{
	return decide(mask);
}

SEC("?freplace/decide")
int decide_audited(int mask)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return 0;
}

SEC("?freplace/decide")
int decide_plain(int mask)
{
	return 0;
}
