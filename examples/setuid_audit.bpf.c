// SPDX-License-Identifier: GPL-2.0-only
/*
 * setuid_audit: log every process that becomes root (or another user)
 * through the setuid family, and allow it.
 *
 * task_fix_setuid passes the credentials being prepared next to the
 * current ones.  A change that makes watch_uid the effective user id,
 * from another one, is logged with the ids that change, old and new:
 *
 *	cause="setuid-audit" old-euid=1000 new-euid=0 ...
 *
 * The kfunc reads both credentials from the hook's own arguments.  The
 * SYSCALL record of the same event prints the ids the task has at the
 * syscall's exit, the new ones.  Setuid executables (su, sudo) change ids
 * at exec, not here, and so are not seen.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader: the user id, in the initial namespace, to watch. */
const volatile __u32 watch_uid;

SEC("lsm/task_fix_setuid")
int BPF_PROG(setuid_audit, struct cred *new, const struct cred *old,
	     int flags, int ret)
{
	struct bpf_audit_context *ac;

	/* A change an earlier program refused does not happen. */
	if (ret)
		return ret;
	if (new->euid.val != watch_uid || old->euid.val == watch_uid)
		return 0;

	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "setuid-audit");
			bpf_audit_log_cred_change(ac, ctx);
			bpf_audit_log_decision(ac, 0);
			bpf_audit_log_end(ac);
		}
	}
	/* Audit only: never change the verdict. */
	return 0;
}
