// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BPF LSM reference example: refuse to make heap memory executable.
 * Limited to one thread group so the test cannot disturb anything else.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* Constants of the uapi headers, which vmlinux.h lacks. */
#define EPERM 1
#define PROT_EXEC 0x4

char LICENSE[] SEC("license") = "GPL";

int target_tgid;
int denied;

SEC("lsm/file_mprotect")
int BPF_PROG(deny_heap_exec, struct vm_area_struct *vma,
	     unsigned long reqprot, unsigned long prot, int ret)
{
	struct mm_struct *mm = vma->vm_mm;

	/* Keep an earlier program's verdict. */
	if (ret)
		return ret;
	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	if (!(prot & PROT_EXEC) || !mm)
		return 0;
	if (vma->vm_start >= mm->start_brk && vma->vm_end <= mm->brk) {
		denied++;
		return -EPERM;
	}
	return 0;
}
