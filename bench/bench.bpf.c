// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark's BPF programs (bench/bench.c loads them; see
 * docs/performance.md).  Every variant is a program on lsm/task_kill, so
 * that the loop in user space, kill(TARGET, 0), runs the same hook in
 * every variant; Landlock's signal scoping denies the same call.
 *
 *	allow_ret0	(b) returns 0
 *	allow_checks	(b') the policy's checks, without a kfunc: allows
 *	audit_deny	(c) with enforce == 0: allows without logging
 *			(c') with a sender that does not match: the policy's
 *			    checks, then the allowed path, without logging
 *			(d) denies and logs one 1427 record
 *	rb_deny		(e) denies and sends the same facts as a ring
 *			    buffer event
 *	audit_steps	(d) with a timestamp between the kfunc calls, for the
 *			    breakdown of where the time goes
 *	rb_steps	(e) with the same timestamps
 *	on_kmalloc,	the slab allocator's tracepoints, to count the
 *	on_cache_alloc	allocations per operation by call site
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "bpf_lsm_audit.h"
#include "bench.h"

#define EPERM	1

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader before each variant. */
__u32 target_tgid;	/* the process signalled */
__u32 sender_tgid;	/* the process of the loop */
__u32 enforce;		/* 0: (c) allow without logging; 1: deny and log */
__u32 rb_prog_id;	/* rb_deny's own id, for its events */

/* What the programs did, read by the loader. */
__u64 nr_denied;	/* decisions to deny */
__u64 nr_start_null;	/* bpf_audit_log_start() returned NULL */
__u64 nr_rb_full;	/* bpf_ringbuf_reserve() failed */

/*
 * Timestamp sums of audit_steps and rb_steps, in ns (under qemu -icount,
 * instructions): slot i is the time from timestamp i to timestamp i + 1.
 */
__u64 step_ns[BENCH_NR_STEPS];
__u64 step_runs;

/* Set by the loop around the operations whose allocations are counted. */
__u32 count_allocs;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} events SEC(".maps");

/* The policy: the loop's process signalling the target. */
static __always_inline bool matches(struct task_struct *p)
{
	return p->tgid == target_tgid &&
	       (bpf_get_current_pid_tgid() >> 32) == sender_tgid;
}

SEC("lsm/task_kill")
int BPF_PROG(allow_ret0, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred, int ret)
{
	return 0;
}

/* The checks of audit_deny, in a program without kfuncs. */
SEC("lsm/task_kill")
int BPF_PROG(allow_checks, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred, int ret)
{
	if (ret)
		return ret;
	if (!enforce)
		return 0;
	if (!matches(p))
		return 0;
	__sync_fetch_and_add(&nr_denied, 1);
	return 0;
}

SEC("lsm/task_kill")
int BPF_PROG(audit_deny, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred, int ret)
{
	struct bpf_audit_context *ac;

	if (ret)
		return ret;
	if (!enforce)
		return 0;
	if (!matches(p))
		return 0;
	__sync_fetch_and_add(&nr_denied, 1);
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (!ac) {
			__sync_fetch_and_add(&nr_start_null, 1);
			return -EPERM;
		}
		bpf_audit_log_cause(ac, "signal-deny");
		bpf_audit_log_task(ac, p);
		bpf_audit_log_decision(ac, -EPERM);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

static __always_inline void fill_event(struct bench_event *e,
				       struct task_struct *p)
{
	e->prog_id = rb_prog_id;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	__builtin_memcpy(e->cause, "signal-deny", sizeof("signal-deny"));
	e->opid = p->tgid;
	bpf_probe_read_kernel_str(e->ocomm, sizeof(e->ocomm), p->comm);
	__builtin_memcpy(e->hook, "task_kill", sizeof("task_kill"));
	e->decision = -EPERM;
}

SEC("lsm/task_kill")
int BPF_PROG(rb_deny, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred, int ret)
{
	struct bench_event *e;

	if (ret)
		return ret;
	if (!matches(p))
		return 0;
	__sync_fetch_and_add(&nr_denied, 1);
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&nr_rb_full, 1);
		return -EPERM;
	}
	fill_event(e, p);
	bpf_ringbuf_submit(e, 0);
	return -EPERM;
}

static __always_inline void add_steps(__u64 *t, int n)
{
	int i;

	for (i = 0; i < n - 1 && i < BENCH_NR_STEPS; i++)
		__sync_fetch_and_add(&step_ns[i], t[i + 1] - t[i]);
	__sync_fetch_and_add(&step_runs, 1);
}

/*
 * (d) with timestamps: 0 start 1 cause 2 task 3 decision 4 end 5, then
 * slot 5 is two timestamps back to back (the cost of one timestamp,
 * subtracted by the loader).
 */
SEC("lsm/task_kill")
int BPF_PROG(audit_steps, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred, int ret)
{
	struct bpf_audit_context *ac;
	__u64 t[BENCH_NR_STEPS + 1];

	if (ret)
		return ret;
	if (!matches(p))
		return 0;
	__sync_fetch_and_add(&nr_denied, 1);
	if (!bpf_audit_log_supported())
		return -EPERM;
	t[0] = bpf_ktime_get_ns();
	ac = bpf_audit_log_start();
	t[1] = bpf_ktime_get_ns();
	if (!ac) {
		__sync_fetch_and_add(&nr_start_null, 1);
		return -EPERM;
	}
	bpf_audit_log_cause(ac, "signal-deny");
	t[2] = bpf_ktime_get_ns();
	bpf_audit_log_task(ac, p);
	t[3] = bpf_ktime_get_ns();
	bpf_audit_log_decision(ac, -EPERM);
	t[4] = bpf_ktime_get_ns();
	bpf_audit_log_end(ac);
	t[5] = bpf_ktime_get_ns();
	t[6] = bpf_ktime_get_ns();
	add_steps(t, BENCH_NR_STEPS + 1);
	return -EPERM;
}

/* (e) with timestamps: 0 reserve 1 fill 2 submit 3, slot 3 the timestamp. */
SEC("lsm/task_kill")
int BPF_PROG(rb_steps, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred, int ret)
{
	struct bench_event *e;
	__u64 t[5];

	if (ret)
		return ret;
	if (!matches(p))
		return 0;
	__sync_fetch_and_add(&nr_denied, 1);
	t[0] = bpf_ktime_get_ns();
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	t[1] = bpf_ktime_get_ns();
	if (!e) {
		__sync_fetch_and_add(&nr_rb_full, 1);
		return -EPERM;
	}
	fill_event(e, p);
	t[2] = bpf_ktime_get_ns();
	bpf_ringbuf_submit(e, 0);
	t[3] = bpf_ktime_get_ns();
	t[4] = bpf_ktime_get_ns();
	add_steps(t, 5);
	return -EPERM;
}

/*
 * Allocation counting: every slab allocation while count_allocs is set
 * (by the loop, around its operations), by call site and size, with the
 * cache's name for kmem_cache_alloc().  kmalloc_nolock() and the skb
 * allocations go through the same two tracepoints.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct alloc_key);
	__type(value, struct alloc_val);
} allocs SEC(".maps");

static __always_inline void count_alloc(struct alloc_key *key,
					const char *cache)
{
	struct alloc_val zero = {}, *v;

	v = bpf_map_lookup_elem(&allocs, key);
	if (!v) {
		if (cache)
			bpf_probe_read_kernel_str(zero.cache, sizeof(zero.cache),
						  cache);
		bpf_map_update_elem(&allocs, key, &zero, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&allocs, key);
		if (!v)
			return;
	}
	__sync_fetch_and_add(&v->count, 1);
}

SEC("tp_btf/kmalloc")
int BPF_PROG(on_kmalloc, unsigned long call_site, const void *ptr,
	     size_t bytes_req, size_t bytes_alloc, gfp_t gfp_flags, int node)
{
	struct alloc_key key = {
		.site = call_site,
		.kind = 0,
		.size = bytes_alloc,
	};

	if (count_allocs)
		count_alloc(&key, NULL);
	return 0;
}

SEC("tp_btf/kmem_cache_alloc")
int BPF_PROG(on_cache_alloc, unsigned long call_site, const void *ptr,
	     struct kmem_cache *s, gfp_t gfp_flags, int node)
{
	struct alloc_key key = {
		.site = call_site,
		.kind = 1,
	};

	if (!count_allocs)
		return 0;
	key.size = BPF_CORE_READ(s, size);
	count_alloc(&key, BPF_CORE_READ(s, name));
	return 0;
}
