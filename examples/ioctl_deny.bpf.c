// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioctl_deny: refuse one ioctl command on every file.
 *
 * The default, TIOCSTI, pushes bytes into a terminal's input queue: a
 * program that shares a terminal with a shell can make it run commands.
 * The command is denied with EPERM from native and from 32-bit (compat)
 * callers alike, and logged as
 *
 *	cause="ioctl-deny" path="/PATH" dev="DEV" ino=INO ioctlcmd=0xNNNN
 *
 * (ioctlcmd= carries the low 16 bits of the command, as in AVC records).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

#define EPERM	1
#define TIOCSTI	0x5412

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader. */
const volatile unsigned int deny_cmd = TIOCSTI;

static __always_inline int ioctl_verdict(struct file *file, unsigned int cmd,
					 int ret)
{
	struct bpf_audit_context *ac;

	/* A program attached before this one has denied: keep its verdict. */
	if (ret)
		return ret;
	if (cmd != deny_cmd)
		return 0;

	/* Logging is best effort: the verdict below stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "ioctl-deny");
			bpf_audit_log_ioctl_op(ac, file, cmd);
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}

SEC("lsm/file_ioctl")
int BPF_PROG(ioctl_deny, struct file *file, unsigned int cmd,
	     unsigned long arg, int ret)
{
	return ioctl_verdict(file, cmd, ret);
}

/* 32-bit callers on a 64-bit kernel come through here instead (6.8+). */
SEC("lsm/file_ioctl_compat")
int BPF_PROG(ioctl_deny_compat, struct file *file, unsigned int cmd,
	     unsigned long arg, int ret)
{
	return ioctl_verdict(file, cmd, ret);
}
