// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark's profile probe: fentry and fexit on one kernel function
 * (the loader sets the target before loading, and loads one object per
 * function, so that no probe ever runs inside another), summing the time
 * from entry to exit and counting the calls.  Under qemu -icount the time
 * is an instruction count; the probe's own cost inside the window is
 * measured on a function that does almost nothing and reported beside.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

__u32 enabled;		/* set by the loop around the operations */
__u64 t_entry;		/* the entry time of the call in progress */
__u64 total_ns;
__u64 calls;

SEC("fentry")
int BPF_PROG(prof_entry)
{
	if (enabled)
		t_entry = bpf_ktime_get_ns();
	return 0;
}

SEC("fexit")
int BPF_PROG(prof_exit)
{
	__u64 t = bpf_ktime_get_ns();

	if (!enabled || !t_entry)
		return 0;
	__sync_fetch_and_add(&total_ns, t - t_entry);
	__sync_fetch_and_add(&calls, 1);
	t_entry = 0;
	return 0;
}
