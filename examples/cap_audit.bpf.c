// SPDX-License-Identifier: GPL-2.0-only
/*
 * cap_audit: log every use of one capability, and allow it.
 *
 * The BPF LSM runs after the capability module, which stops the check
 * when the task lacks the capability: this program sees only checks that
 * succeed, that is, uses.  Each is logged as
 *
 *	cause="cap-use" capability=N
 *
 * (lsm_audit.c prints "capability=%d " with a trailing space).  Checks
 * made with CAP_OPT_NOAUDIT are skipped: the kernel passes it for probes
 * that are not uses (ns_capable_noaudit(), has_capability_noaudit()),
 * and the audit trail of the other LSMs leaves them out as well.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

/* include/linux/security.h */
#define CAP_OPT_NOAUDIT	(1U << 1)

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader; -1 matches nothing. */
const volatile int watch_cap = -1;

SEC("lsm/capable")
int BPF_PROG(cap_audit, const struct cred *cred, struct user_namespace *ns,
	     int cap, unsigned int opts, int ret)
{
	struct bpf_audit_context *ac;

	/*
	 * This hook runs very often: leave as early as possible.
	 * A capability an earlier program refused has not been used.
	 */
	if (cap != watch_cap || (opts & CAP_OPT_NOAUDIT) || ret)
		return ret;

	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "cap-use");
			bpf_audit_log_cap(ac, cap);
			bpf_audit_log_decision(ac, ret);
			bpf_audit_log_end(ac);
		}
	}
	/* Audit only: never change the verdict. */
	return ret;
}
