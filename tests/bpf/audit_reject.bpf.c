// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs the verifier must refuse.  None is loaded by default ("?"
 * sections); test_verifier loads each one alone and checks the message.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} stash SEC(".maps");

SEC("?lsm/file_open")
int BPF_PROG(start_without_end, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_cause(ac, "leak");
	return 0;
}

SEC("?lsm/file_open")
int BPF_PROG(end_twice, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_end(ac);
	bpf_audit_log_end(ac);
	return 0;
}

SEC("?lsm/file_open")
int BPF_PROG(use_after_end, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_end(ac);
	bpf_audit_log_file(ac, file);
	return 0;
}

SEC("?lsm/file_open")
int BPF_PROG(no_null_check, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	bpf_audit_log_file(ac, file);
	bpf_audit_log_end(ac);
	return 0;
}

/*
 * A privileged program may store the context's address in a map as a
 * number, but a number never becomes a context again.
 */
SEC("?lsm/file_open")
int BPF_PROG(reuse_stashed_address, struct file *file)
{
	struct bpf_audit_context *ac;
	__u32 key = 0;
	__u64 *slot;

	slot = bpf_map_lookup_elem(&stash, &key);
	if (!slot)
		return 0;
	ac = (struct bpf_audit_context *)*slot;
	bpf_audit_log_end(ac);
	return 0;
}

SEC("?lsm/file_mprotect")
int BPF_PROG(untrusted_file, struct vm_area_struct *vma, unsigned long reqprot,
	     unsigned long prot)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	/* vm_file is reached by walking pointers: not trusted. */
	bpf_audit_log_file(ac, vma->vm_file);
	bpf_audit_log_end(ac);
	return 0;
}

SEC("?lsm/file_open")
int BPF_PROG(cause_not_constant, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();
	char cause[8] = "dynamic";

	if (!ac)
		return 0;
	bpf_audit_log_cause(ac, cause);
	bpf_audit_log_end(ac);
	return 0;
}

/* NULL where a kfunc wants an object. */
SEC("?lsm/file_open")
int BPF_PROG(null_file, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_file(ac, NULL);
	bpf_audit_log_end(ac);
	return 0;
}

/* Not an LSM program. */
SEC("?fentry/security_file_open")
int BPF_PROG(not_lsm, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return 0;
}

/*
 * audit_log_start() calls this hook through its exclude filter: a record
 * opened here would open another one, without end.
 */
SEC("?lsm/current_getsecid_subj")
int BPF_PROG(reentrant_hook, u32 *secid)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return 0;
}

/* The same hook without the kfuncs loads: the refusal is targeted. */
SEC("?lsm/current_getsecid_subj")
int BPF_PROG(reentrant_hook_no_audit, u32 *secid)
{
	return 0;
}
