// SPDX-License-Identifier: GPL-2.0-only
/*
 * One record of every kind, for tests/test_auparse.c: each program logs
 * one kfunc's fields on the test's own call of its hook, with a cause and
 * the decision the test asks for, and denies the call.  What the kfunc
 * returned goes to rc.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

#define EPERM 1
#define ENOENT 2

char LICENSE[] SEC("license") = "GPL";

/* What the file_open program logs of the file. */
enum kinds_fs {
	KINDS_FILE,
	KINDS_PATH,
	KINDS_INODE,
};

/* Set by the test. */
int target_tgid;
int active;		/* the programs act only while this is set */
int decision;		/* for bpf_audit_log_decision(), unless no_decision */
int no_decision;
int fs_kind;
int watch_cap;
int watch_sig;
int watch_optname;
unsigned int watch_cmd;
unsigned long watch_ino;
int netif;

/* Read by the test. */
int rc;
int start_null;

static bool is_target(void)
{
	return active && (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

static __always_inline struct bpf_audit_context *open_record(void)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_cause(ac, "auparse");
	else
		start_null++;
	return ac;
}

static __always_inline int end_record(struct bpf_audit_context *ac)
{
	if (!no_decision)
		bpf_audit_log_decision(ac, decision);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/* The cause alone, and each decision. */
SEC("lsm/task_getpgid")
int BPF_PROG(kinds_cause, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = 0;
	return end_record(ac);
}

SEC("lsm/capable")
int BPF_PROG(kinds_cap, const struct cred *cred, struct user_namespace *ns,
	     int cap, unsigned int opts)
{
	struct bpf_audit_context *ac;

	if (!is_target() || cap != watch_cap)
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = bpf_audit_log_cap(ac, cap);
	return end_record(ac);
}

SEC("lsm/file_open")
int BPF_PROG(kinds_file_open, struct file *file)
{
	struct bpf_audit_context *ac;

	if (!is_target() || file->f_inode->i_ino != watch_ino)
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	switch (fs_kind) {
	case KINDS_FILE:
		rc = bpf_audit_log_file(ac, file);
		break;
	case KINDS_PATH:
		rc = bpf_audit_log_path(ac, &file->f_path);
		break;
	case KINDS_INODE:
		rc = bpf_audit_log_inode(ac, file->f_inode);
		break;
	default:
		rc = -ENOENT;
	}
	return end_record(ac);
}

SEC("lsm/file_ioctl")
int BPF_PROG(kinds_ioctl, struct file *file, unsigned int cmd,
	     unsigned long arg)
{
	struct bpf_audit_context *ac;

	if (!is_target() || cmd != watch_cmd)
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = bpf_audit_log_ioctl_op(ac, file, cmd);
	return end_record(ac);
}

SEC("lsm/inode_readlink")
int BPF_PROG(kinds_readlink, struct dentry *dentry)
{
	struct bpf_audit_context *ac;
	struct inode *inode = dentry->d_inode;

	if (!is_target() || !inode || inode->i_ino != watch_ino)
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = bpf_audit_log_dentry(ac, dentry);
	return end_record(ac);
}

SEC("lsm/task_kill")
int BPF_PROG(kinds_kill, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred)
{
	struct bpf_audit_context *ac;

	if (!is_target() || sig != watch_sig)
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = bpf_audit_log_task(ac, p);
	return end_record(ac);
}

SEC("lsm/socket_getsockopt")
int BPF_PROG(kinds_getsockopt, struct socket *sock, int level, int optname)
{
	struct bpf_audit_context *ac;

	if (!is_target() || optname != watch_optname)
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = bpf_audit_log_net_sock(ac, netif, sock);
	return end_record(ac);
}

SEC("lsm/socket_connect")
int BPF_PROG(kinds_connect, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = bpf_audit_log_net_hook_addr(ac, netif, ctx);
	return end_record(ac);
}

SEC("lsm/socket_bind")
int BPF_PROG(kinds_bind, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc = bpf_audit_log_net_hook_addr(ac, netif, ctx);
	return end_record(ac);
}
