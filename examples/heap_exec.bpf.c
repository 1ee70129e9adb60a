// SPDX-License-Identifier: GPL-2.0-only
/*
 * heap_exec: refuse to make heap memory executable.
 *
 * Code injected into a heap buffer has to be made executable before it
 * can run; legitimate programs (JITs included) map executable memory
 * with mmap() instead.  So mprotect() that adds PROT_EXEC to any part of
 * the brk heap is denied with EPERM, in every process, and logged:
 *
 *	cause="heap-exec" opid=PID ocomm="COMM"
 *
 * where opid/ocomm name the calling process, as it is the one whose
 * heap it is.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

#define EPERM		1
#define PROT_EXEC	0x4

char LICENSE[] SEC("license") = "GPL";

SEC("lsm/file_mprotect")
int BPF_PROG(heap_exec, struct vm_area_struct *vma, unsigned long reqprot,
	     unsigned long prot, int ret)
{
	struct bpf_audit_context *ac;
	struct mm_struct *mm;

	/* A program attached before this one has denied: keep its verdict. */
	if (ret)
		return ret;
	/* prot, not reqprot: it has READ_IMPLIES_EXEC applied. */
	if (!(prot & PROT_EXEC))
		return 0;
	mm = vma->vm_mm;
	if (!mm)
		return 0;
	/*
	 * Any overlap with [start_brk, brk) counts: the hook sees the whole
	 * VMA before mprotect() splits it, and the brk VMA ends at brk
	 * rounded up to a page.  An empty heap has start_brk == brk.
	 */
	if (vma->vm_start >= mm->brk || vma->vm_end <= mm->start_brk)
		return 0;

	/* Logging is best effort: the verdict below stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "heap-exec");
			bpf_audit_log_task(ac, bpf_get_current_task_btf());
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}
