// SPDX-License-Identifier: GPL-2.0
/*
 * Programs that the verifier, or the audit kfuncs' filter, must refuse at
 * load time, each with the message it gives; and what must still load.
 */

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_misc.h"
#include "lsm_audit_kfuncs_common.h"

#define EOPNOTSUPP	95

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} stash SEC(".maps");

SEC("lsm/file_open")
__failure __msg("Unreleased reference id=")
int BPF_PROG(start_without_end, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_cause(ac, "leak");
	return 0;
}

SEC("lsm/file_open")
__failure __msg("release kfunc bpf_audit_log_end expects referenced PTR_TO_BTF_ID passed to R1")
int BPF_PROG(end_twice, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_end(ac);
	bpf_audit_log_end(ac);
	return 0;
}

SEC("lsm/file_open")
__failure __msg("R1 is scalar expected STRUCT bpf_audit_context")
int BPF_PROG(use_after_end, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_end(ac);
	bpf_audit_log_file(ac, file);
	return 0;
}

SEC("lsm/file_open")
__failure __msg("Possibly NULL pointer passed to trusted R1")
int BPF_PROG(no_null_check, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	bpf_audit_log_file(ac, file);
	bpf_audit_log_end(ac);
	return 0;
}

/*
 * A program may store the context's address in a map as a number, but a
 * number never becomes a context again.
 */
SEC("lsm/file_open")
__failure __msg("release kfunc bpf_audit_log_end expects referenced PTR_TO_BTF_ID passed to R1")
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

/* A pointer reached by walking an untrusted field. */
SEC("lsm/file_open")
__failure __msg("R2 must be referenced or trusted")
int BPF_PROG(untrusted_dentry, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_dentry(ac, file->f_path.dentry->d_parent);
	bpf_audit_log_end(ac);
	return 0;
}

/* A field the verifier knows may be NULL must be checked first. */
SEC("lsm/file_mprotect")
__failure __msg("Possibly NULL pointer passed to trusted R2")
int BPF_PROG(vm_file_unchecked, struct vm_area_struct *vma,
	     unsigned long reqprot, unsigned long prot)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_file(ac, vma->vm_file);
	bpf_audit_log_end(ac);
	return 0;
}

/* The dentry of a file being created is negative: d_inode is NULL. */
SEC("lsm/inode_create")
__failure __msg("Possibly NULL pointer passed to trusted R2")
int BPF_PROG(d_inode_unchecked, struct inode *dir, struct dentry *dentry,
	     umode_t mode)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_inode(ac, dentry->d_inode);
	bpf_audit_log_end(ac);
	return 0;
}

SEC("lsm/file_open")
__failure __msg("R2 doesn't point to a const string")
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

SEC("lsm/file_open")
__failure __msg("Possibly NULL pointer passed to trusted R2")
int BPF_PROG(null_file, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		return 0;
	bpf_audit_log_file(ac, NULL);
	bpf_audit_log_end(ac);
	return 0;
}

/* Only BPF LSM programs may call the kfuncs. */
SEC("fentry/security_file_open")
__failure __msg("calling kernel function bpf_audit_log_start is not allowed")
int BPF_PROG(not_lsm, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return 0;
}

/*
 * audit_log_start() calls these hooks, through its exclude filter and for
 * the task context of a syscall's records: a record opened in one of them
 * would open another one, without end.
 */
SEC("lsm/current_getlsmprop_subj")
__failure __msg("calling kernel function bpf_audit_log_start is not allowed")
int BPF_PROG(reentrant_getlsmprop_subj, struct lsm_prop *prop)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return 0;
}

SEC("lsm/lsmprop_to_secctx")
__failure __msg("calling kernel function bpf_audit_log_start is not allowed")
int BPF_PROG(reentrant_lsmprop_to_secctx, struct lsm_prop *prop,
	     struct lsm_context *cp)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return -EOPNOTSUPP;
}

SEC("lsm/release_secctx")
__failure __msg("calling kernel function bpf_audit_log_start is not allowed")
int BPF_PROG(reentrant_release_secctx, struct lsm_context *cp)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return 0;
}

/* The same hook without the kfuncs loads: the refusal is targeted. */
SEC("lsm/current_getlsmprop_subj")
__success
int BPF_PROG(getlsmprop_subj_without_kfuncs, struct lsm_prop *prop)
{
	return 0;
}
