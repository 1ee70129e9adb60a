// SPDX-License-Identifier: GPL-2.0-only
/*
 * The program of tests/test_sctp.c.  On the test's own calls of
 * sctp_bind_connect(), sctp_audit logs the hook's address with
 * bpf_audit_log_net_hook_addr(), which reads the address and its length
 * from the hook's arguments and chooses the side itself, stores what the
 * kfunc returned, and denies.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

/* Constants of the uapi headers, which vmlinux.h lacks. */
#define EPERM 1

char LICENSE[] SEC("license") = "GPL";

int target_tgid;

/* What the program saw, read by the test. */
int runs;
int start_null;
int rc;
int optname_seen;
int addrlen_seen;

SEC("lsm/sctp_bind_connect")
int BPF_PROG(sctp_audit, struct sock *sk, int optname,
	     struct sockaddr *address, int addrlen)
{
	struct bpf_audit_context *ac;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	runs++;
	optname_seen = optname;
	addrlen_seen = addrlen;
	ac = bpf_audit_log_start();
	if (!ac) {
		start_null++;
		return -EPERM;
	}
	rc = bpf_audit_log_net_hook_addr(ac, 0, ctx);
	bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
	return -EPERM;
}
