// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs for the robustness tests (tests/test_robust.c) and the audit=0
 * boot (tests/audit_off.c): load, detach under load, softirq context and
 * feedback through the audit daemon.  Counters are exact: every start is
 * either a record (opened) or a refusal (nulls).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "bpf_lsm_audit.h"

/* Constants of the uapi and kernel headers, which vmlinux.h lacks. */
#define EPERM 1
#define AF_INET 2
#define AF_NETLINK 16
#define NETLINK_AUDIT 9
#define SOFTIRQ_OFFSET 0x100	/* the softirq count while serving a softirq */

char LICENSE[] SEC("license") = "GPL";

/*
 * The preempt count, which says whether a softirq is being served: the
 * per-CPU __preempt_count since Linux 6.15, pcpu_hot.preempt_count from
 * 6.1 to 6.14.  One object runs on both kernels of the matrix (7.3 and
 * 6.12), so both are weak and the one that exists is read, as the BPF
 * selftests' get_preempt_count() does.
 */
extern const int __preempt_count __ksym __weak;

struct pcpu_hot___local {
	int preempt_count;
} __attribute__((preserve_access_index));

extern struct pcpu_hot___local pcpu_hot __ksym __weak;

static int preempt_count(void)
{
	if (bpf_ksym_exists(&__preempt_count))
		return *(int *)bpf_this_cpu_ptr(&__preempt_count);
	if (bpf_core_field_exists(pcpu_hot.preempt_count))
		return ((struct pcpu_hot___local *)
			bpf_this_cpu_ptr(&pcpu_hot))->preempt_count;
	return 0;
}

/*
 * Whether a softirq is being served, as the kernel's in_serving_softirq()
 * says: PREEMPT_RT keeps the softirq count in the task
 * (softirq_disable_cnt, a field that only RT kernels have), the others in
 * the preempt count.
 */
struct task_struct___rt {
	int softirq_disable_cnt;
} __attribute__((preserve_access_index));

static bool serving_softirq(void)
{
	struct task_struct___rt *t;

	if (bpf_core_field_exists(struct task_struct___rt, softirq_disable_cnt)) {
		t = (void *)bpf_get_current_task_btf();
		return BPF_CORE_READ(t, softirq_disable_cnt) & SOFTIRQ_OFFSET;
	}
	return preempt_count() & SOFTIRQ_OFFSET;
}

int target_tgid;
int daemon_tgid;
int watch_port;
long attempts;
long opened;
long nulls;
long in_softirq;
long daemon_attempts;
long daemon_opened;
long kauditd_attempts;
long kauditd_opened;

static bool is_target(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

/* One record: counted as opened or as refused, never neither. */
static struct bpf_audit_context *open_counted(long *attempted, long *ok)
{
	struct bpf_audit_context *ac;

	__sync_fetch_and_add(attempted, 1);
	ac = bpf_audit_log_start();
	if (ac)
		__sync_fetch_and_add(ok, 1);
	else
		__sync_fetch_and_add(&nulls, 1);
	return ac;
}

/* Every getpgid() of the test is denied and logged. */
SEC("lsm/task_getpgid")
int BPF_PROG(stress, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_counted(&attempts, &opened);
	if (ac) {
		bpf_audit_log_cause(ac, "stress");
		bpf_audit_log_task(ac, p);
		bpf_audit_log_decision(ac, -EPERM);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

/* UDP receive on loopback: runs in softirq (NET_RX). */
SEC("lsm/socket_sock_rcv_skb")
int BPF_PROG(softirq_rcv, struct sock *sk, struct sk_buff *skb)
{
	struct bpf_audit_context *ac;

	if (sk->__sk_common.skc_family != AF_INET ||
	    sk->__sk_common.skc_num != watch_port)
		return 0;
	if (serving_softirq())
		__sync_fetch_and_add(&in_softirq, 1);
	ac = open_counted(&attempts, &opened);
	if (ac) {
		bpf_audit_log_cause(ac, "softirq-rcv");
		bpf_audit_log_decision(ac, 0);
		bpf_audit_log_end(ac);
	}
	return 0;
}

/*
 * Feedback: kauditd handing a record to the daemon's socket would make a
 * new record per delivery, without end: the kfuncs refuse it.  The audit
 * daemon's own reads are recorded, as other LSMs record them; the test
 * breaks that loop with an exclude rule on the daemon.
 */
static bool is_audit_socket(struct sock *sk)
{
	return sk && sk->__sk_common.skc_family == AF_NETLINK &&
	       sk->sk_protocol == NETLINK_AUDIT;
}

SEC("lsm/socket_recvmsg")
int BPF_PROG(feedback_recvmsg, struct socket *sock, struct msghdr *msg,
	     int size, int flags)
{
	struct bpf_audit_context *ac;

	if ((bpf_get_current_pid_tgid() >> 32) != daemon_tgid ||
	    !is_audit_socket(sock->sk))
		return 0;
	ac = open_counted(&daemon_attempts, &daemon_opened);
	if (ac) {
		bpf_audit_log_cause(ac, "daemon-recv");
		bpf_audit_log_end(ac);
	}
	return 0;
}

SEC("lsm/socket_sock_rcv_skb")
int BPF_PROG(feedback_rcv_skb, struct sock *sk, struct sk_buff *skb)
{
	struct bpf_audit_context *ac;

	if (!is_audit_socket(sk))
		return 0;
	ac = open_counted(&kauditd_attempts, &kauditd_opened);
	if (ac) {
		bpf_audit_log_cause(ac, "kauditd-send");
		bpf_audit_log_end(ac);
	}
	return 0;
}
