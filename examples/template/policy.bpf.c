// SPDX-License-Identifier: GPL-2.0-only
/*
 * The template's policy: connect() of an IPv4 socket to one port, which
 * the loader sets, is denied with EPERM and logged as
 *
 *	cause="template-deny" daddr=ADDR dest=PORT lsm-hook=socket_connect decision=denied
 *
 * Replace the hook, the test and the cause with your own.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>
#include "bpf_lsm_audit.h"

#define EPERM	1
#define AF_INET	2

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader before the program is loaded. */
const volatile __u16 port;

/*
 * BPF_PROG() takes the hook's arguments (include/linux/lsm_hook_defs.h),
 * then int ret: the return value of the BPF LSM program that ran before
 * this one on the hook, 0 for the first (other LSMs' verdicts are not
 * passed).
 */
SEC("lsm/socket_connect")
int BPF_PROG(deny_port, struct socket *sock, struct sockaddr *address,
	     int addrlen, int ret)
{
	struct bpf_audit_context *ac;

	/* An earlier BPF program denied: keep its verdict. */
	if (ret)
		return ret;
	if (addrlen < (int)sizeof(struct sockaddr_in) ||
	    address->sa_family != AF_INET ||
	    bpf_ntohs(((struct sockaddr_in *)address)->sin_port) != port)
		return 0;

	/* The record is best effort; the verdict below stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "template-deny");
			bpf_audit_log_net_hook_addr(ac, 0, ctx);
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}
