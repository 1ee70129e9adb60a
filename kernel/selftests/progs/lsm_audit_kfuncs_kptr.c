// SPDX-License-Identifier: GPL-2.0
/*
 * A map that would hold a record's context as a kptr.  The context has no
 * destructor kfunc, so the kernel refuses such a map, and a record cannot
 * outlive the program run that opened it.
 */

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "lsm_audit_kfuncs_common.h"

char _license[] SEC("license") = "GPL";

struct slot {
	struct bpf_audit_context __kptr * ac;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct slot);
} kptr_stash SEC(".maps");

SEC("lsm/file_open")
int BPF_PROG(stash_kptr, struct file *file)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();
	struct slot *slot;
	__u32 key = 0;

	if (!ac)
		return 0;
	slot = bpf_map_lookup_elem(&kptr_stash, &key);
	if (slot) {
		ac = bpf_kptr_xchg(&slot->ac, ac);
		if (!ac)
			return 0;
	}
	bpf_audit_log_end(ac);
	return 0;
}
