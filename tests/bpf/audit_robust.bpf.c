// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs for the robustness tests: load, detach under load, softirq
 * context and feedback through the audit daemon.  Counters are exact:
 * every start is either a record (opened) or a refusal (nulls).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>
#include "bpf_lsm_audit.h"

#define EPERM 1
#define AF_INET 2
#define AF_NETLINK 16
#define NETLINK_AUDIT 9
#define SOFTIRQ_OFFSET 0x100

char LICENSE[] SEC("license") = "GPL";

extern const struct pcpu_hot pcpu_hot __ksym;

int target_tgid;
int daemon_tgid;
int watch_port;
long attempts;
long opened;
long nulls;
long in_softirq;
long feedback_attempts;
long feedback_opened;

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
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

/* UDP receive on loopback: runs in softirq (NET_RX). */
SEC("lsm/socket_sock_rcv_skb")
int BPF_PROG(softirq_rcv, struct sock *sk, struct sk_buff *skb)
{
	const struct pcpu_hot *hot;
	struct bpf_audit_context *ac;

	if (sk->__sk_common.skc_family != AF_INET ||
	    sk->__sk_common.skc_num != watch_port)
		return 0;
	hot = bpf_this_cpu_ptr(&pcpu_hot);
	if (hot->preempt_count & SOFTIRQ_OFFSET)
		__sync_fetch_and_add(&in_softirq, 1);
	ac = open_counted(&attempts, &opened);
	if (ac) {
		bpf_audit_log_cause(ac, "softirq-rcv");
		bpf_audit_log_end(ac);
	}
	return 0;
}

/*
 * Feedback: the audit daemon reading a record, and kauditd handing one to
 * the daemon's socket, would each make a new record if these were logged.
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
	ac = open_counted(&feedback_attempts, &feedback_opened);
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
	ac = open_counted(&feedback_attempts, &feedback_opened);
	if (ac) {
		bpf_audit_log_cause(ac, "kauditd-send");
		bpf_audit_log_end(ac);
	}
	return 0;
}
