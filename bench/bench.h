/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What bench.bpf.c and the user-space files share: the ring buffer event
 * and the keys of the allocation count.  Included after vmlinux.h in BPF,
 * after <linux/types.h> in user space (through bench_user.h, which holds
 * what only user space shares).
 */
#ifndef BENCH_H
#define BENCH_H

/* Timestamps slots of audit_steps and rb_steps. */
#define BENCH_NR_STEPS 6

/* The facts of one 1427 record, as a ring buffer event. */
struct bench_event {
	__u32 prog_id;
	__u32 pid;
	__u32 opid;
	__s32 decision;
	char comm[16];
	char ocomm[16];
	char cause[16];
	char hook[16];
};

struct alloc_key {
	__u64 site;	/* the caller of the allocator */
	__u32 kind;	/* 0 kmalloc, 1 kmem_cache_alloc */
	__u32 size;	/* bytes allocated */
};

struct alloc_val {
	__u64 count;
	char cache[32];
};

#endif
