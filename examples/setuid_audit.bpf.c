// SPDX-License-Identifier: GPL-2.0-only
/*
 * setuid_audit: log every process that becomes root (or another user),
 * through the setuid family or the exec of a setuid executable, and
 * allow it.
 *
 * task_fix_setuid passes the credentials being prepared next to the
 * current ones; bprm_committing_creds, the binprm of an exec whose
 * credentials are about to replace current's.  A change that makes
 * watch_uid the effective user id, from another one, is logged with the
 * ids that change, old and new:
 *
 *	cause="setuid-audit" old-euid=1000 new-euid=0 ...
 *
 * The kfunc reads the credentials from the hook's own arguments.  The
 * SYSCALL record of the same event prints the ids the task has at the
 * syscall's exit, the new ones.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader: the user id, in the initial namespace, to watch. */
const volatile __u32 watch_uid;

/* Logs the change of ids that the hook of @ctx makes. */
static __always_inline void log_change(void *ctx)
{
	struct bpf_audit_context *ac;

	if (!bpf_audit_log_supported())
		return;
	ac = bpf_audit_log_start();
	if (ac) {
		bpf_audit_log_cause(ac, "setuid-audit");
		bpf_audit_log_cred_change(ac, ctx);
		bpf_audit_log_decision(ac, 0);
		bpf_audit_log_end(ac);
	}
}

SEC("lsm/task_fix_setuid")
int BPF_PROG(setuid_audit, struct cred *new, const struct cred *old,
	     int flags, int ret)
{
	/* A change an earlier program refused does not happen. */
	if (ret)
		return ret;
	if (new->euid.val == watch_uid && old->euid.val != watch_uid)
		log_change(ctx);
	/* Audit only: never change the verdict. */
	return 0;
}

/* No verdict here: the exec is past the point of refusal. */
SEC("lsm/bprm_committing_creds")
int BPF_PROG(exec_audit, const struct linux_binprm *bprm)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (bprm->cred->euid.val == watch_uid &&
	    task->cred->euid.val != watch_uid)
		log_change(ctx);
	return 0;
}
