// SPDX-License-Identifier: GPL-2.0-only
/*
 * signal_protect: no process may signal the protected one.
 *
 * Every signal sent by another process to the protected process, or to
 * any of its threads, is denied with EPERM, whoever sends it (root
 * included) and whatever the signal (SIGKILL included), and logged as
 *
 *	cause="signal-deny" opid=PID ocomm="COMM"
 *
 * where opid/ocomm name the protected process (pid=/comm= the sender).
 * Signal 0 only checks that the process exists and is let through, as
 * are the signals the process sends itself (abort(), pthread_kill()).
 * Signals the kernel generates (SIGSEGV, SIGPIPE, the OOM killer's
 * SIGKILL, terminal signals) do not pass through this hook.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

#define EPERM	1

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader: the process id (thread group id) to protect. */
const volatile pid_t protected_tgid;

SEC("lsm/task_kill")
int BPF_PROG(signal_protect, struct task_struct *p,
	     struct kernel_siginfo *info, int sig, const struct cred *cred,
	     int ret)
{
	struct bpf_audit_context *ac;

	/* A program attached before this one has denied: keep its verdict. */
	if (ret)
		return ret;
	/* tgid, not pid: tgkill() aims at one thread of the process. */
	if (!sig || p->tgid != protected_tgid)
		return 0;
	if ((bpf_get_current_pid_tgid() >> 32) == protected_tgid)
		return 0;

	/* Logging is best effort: the verdict below stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "signal-deny");
			bpf_audit_log_task(ac, p);
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}
