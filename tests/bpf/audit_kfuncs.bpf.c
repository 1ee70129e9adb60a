// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs for the kfunc tests.  Each acts only for the test's own thread
 * group (target_tgid), logs one record per call and decides as the test
 * configured it, so the test can check the record and the verdict.
 * Return codes of the kfuncs go to rc[] for the test to assert.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>
#include "bpf_lsm_audit.h"
#include "audit_kfuncs.h"

#define EPERM 1
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10

char LICENSE[] SEC("license") = "GPL";

/* Set by the test. */
int target_tgid;
int mode;
int deny_port;
int watch_optname;
unsigned long watch_ino;
unsigned int watch_cmd;
int watch_cap;
int watch_sig;
/* Read by the test. */
int rc[16];
int records;
int start_null;

static bool is_target(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

/* Opens a record, counting the times none could be had. */
static struct bpf_audit_context *open_record(void)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		__sync_fetch_and_add(&start_null, 1);
	else
		__sync_fetch_and_add(&records, 1);
	return ac;
}

SEC("lsm/socket_bind")
int BPF_PROG(bind_audit, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;
	int port;

	if (!is_target())
		return 0;
	port = bpf_ntohs(((struct sockaddr_in *)address)->sin_port);
	ac = open_record();
	if (ac) {
		if (address->sa_family == AF_INET6)
			rc[0] = bpf_audit_log_cause(ac, "bind6");
		else
			rc[0] = bpf_audit_log_cause(ac, "bind4");
		rc[1] = bpf_audit_log_net_sockaddr(ac, 1, address, NULL,
						   addrlen);
		bpf_audit_log_end(ac);
	}
	/* Logging does not change the verdict. */
	return port == deny_port ? -EPERM : 0;
}

SEC("lsm/socket_connect")
int BPF_PROG(connect_audit, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;
	int port;

	if (!is_target())
		return 0;
	port = bpf_ntohs(((struct sockaddr_in *)address)->sin_port);
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_cause(ac, "connect");
		rc[1] = bpf_audit_log_net_sockaddr(ac, 0, NULL, address,
						   addrlen);
		bpf_audit_log_end(ac);
	}
	return port == deny_port ? -EPERM : 0;
}

SEC("lsm/socket_getsockopt")
int BPF_PROG(getsockopt_audit, struct socket *sock, int level, int optname)
{
	struct bpf_audit_context *ac;

	if (!is_target() || optname != watch_optname)
		return 0;
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_cause(ac, "getsockopt");
		rc[1] = bpf_audit_log_net_sock(ac, 1, sock);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

static int log_open(struct bpf_audit_context *ac, struct file *file)
{
	switch (mode) {
	case MODE_FILE:
		rc[0] = bpf_audit_log_cause(ac, "open");
		rc[1] = bpf_audit_log_file(ac, file);
		break;
	case MODE_PATH:
		rc[0] = bpf_audit_log_path(ac, &file->f_path);
		rc[1] = bpf_audit_log_cause(ac, "open-path");
		break;
	case MODE_INODE:
		rc[0] = bpf_audit_log_inode(ac, file->f_inode);
		break;
	case MODE_FS_GROUP:
		/* One file system object per record: the rest are refused. */
		rc[0] = bpf_audit_log_path(ac, &file->f_path);
		rc[1] = bpf_audit_log_file(ac, file);
		rc[2] = bpf_audit_log_inode(ac, file->f_inode);
		rc[3] = bpf_audit_log_ioctl_op(ac, file, 0x5401);
		rc[4] = bpf_audit_log_path(ac, &file->f_path);
		break;
	}
	return -EPERM;
}

SEC("lsm/file_open")
int BPF_PROG(open_audit, struct file *file)
{
	struct bpf_audit_context *ac;
	int verdict = -EPERM;

	if (!is_target() || file->f_inode->i_ino != watch_ino)
		return 0;
	ac = open_record();
	if (ac) {
		verdict = log_open(ac, file);
		bpf_audit_log_end(ac);
	}
	return verdict;
}

SEC("lsm.s/file_open")
int BPF_PROG(open_audit_sleepable, struct file *file)
{
	struct bpf_audit_context *ac;

	if (!is_target() || file->f_inode->i_ino != watch_ino)
		return 0;
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_cause(ac, "open-sleepable");
		rc[1] = bpf_audit_log_file(ac, file);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

SEC("lsm/file_ioctl")
int BPF_PROG(ioctl_audit, struct file *file, unsigned int cmd,
	     unsigned long arg)
{
	struct bpf_audit_context *ac;

	if (!is_target() || cmd != watch_cmd)
		return 0;
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_ioctl_op(ac, file, cmd);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

SEC("lsm/inode_readlink")
int BPF_PROG(readlink_audit, struct dentry *dentry)
{
	struct bpf_audit_context *ac;

	if (!is_target() || dentry->d_inode->i_ino != watch_ino)
		return 0;
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_cause(ac, "readlink");
		rc[1] = bpf_audit_log_dentry(ac, dentry);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

SEC("lsm/capable")
int BPF_PROG(capable_audit, const struct cred *cred, struct user_namespace *ns,
	     int cap, unsigned int opts)
{
	struct bpf_audit_context *ac;

	if (!is_target() || cap != watch_cap)
		return 0;
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_cause(ac, "capable");
		rc[1] = bpf_audit_log_cap(ac, cap);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

SEC("lsm/task_kill")
int BPF_PROG(kill_audit, struct task_struct *p, struct kernel_siginfo *info,
	     int sig, const struct cred *cred)
{
	struct bpf_audit_context *ac;

	if (!is_target() || sig != watch_sig)
		return 0;
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_cause(ac, "kill");
		rc[1] = bpf_audit_log_task(ac, p);
		bpf_audit_log_end(ac);
	}
	return -EPERM;
}

/* Causes that must be escaped, or refused, by bpf_audit_log_cause(). */
const char cause_long_ok[257] = {
	[0 ... 255] = 'a',
};
const char cause_too_long[258] = {
	[0 ... 256] = 'b',
};

static int log_cause(struct bpf_audit_context *ac, int which)
{
	switch (which) {
	case 0: return bpf_audit_log_cause(ac, "plain-cause_1.0");
	case 1: return bpf_audit_log_cause(ac, "two words");
	case 2: return bpf_audit_log_cause(ac, "x\" forged=\"1");
	case 3: return bpf_audit_log_cause(ac, "a=b");
	case 4: return bpf_audit_log_cause(ac, "caf\xc3\xa9");
	case 5: return bpf_audit_log_cause(ac, "line\nbreak");
	case 6: return bpf_audit_log_cause(ac, "");
	case 7: return bpf_audit_log_cause(ac, cause_long_ok);
	case 8: return bpf_audit_log_cause(ac, cause_too_long);
	case 9: return bpf_audit_log_cause(ac, "tab\there");
	}
	return 1;
}

/* Scenarios of kfunc errors; each leaves exactly the valid fields. */
SEC("lsm/task_getpgid")
int BPF_PROG(getpgid_audit, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return 0;

	switch (mode) {
	case MODE_CAP_ERRORS:
		rc[0] = bpf_audit_log_cap(ac, -1);
		rc[1] = bpf_audit_log_cap(ac, 41);
		rc[2] = bpf_audit_log_cap(ac, 0x7fffffff);
		rc[3] = bpf_audit_log_cap(ac, 21);
		rc[4] = bpf_audit_log_cap(ac, 21);
		rc[5] = bpf_audit_log_cap(ac, 0);
		break;
	case MODE_TWICE:
		rc[0] = bpf_audit_log_cause(ac, "first");
		rc[1] = bpf_audit_log_cause(ac, "second");
		rc[2] = bpf_audit_log_task(ac, p);
		rc[3] = bpf_audit_log_task(ac, p);
		break;
	default:
		if (mode >= MODE_CAUSE)
			rc[0] = log_cause(ac, mode - MODE_CAUSE);
		break;
	}
	bpf_audit_log_end(ac);
	return 0;
}

/*
 * Address errors.  The verifier only lets trusted struct sockaddr
 * pointers through, which come from the socket hooks, so the test varies
 * the address and length it passes to connect().
 */
SEC("lsm/socket_connect")
int BPF_PROG(connect_errors, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -EPERM;
	rc[0] = bpf_audit_log_net_sockaddr(ac, 0, NULL, NULL, addrlen);
	rc[1] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, -1);
	rc[2] = bpf_audit_log_net_sockaddr(ac, 1, address, address, addrlen);
	rc[3] = bpf_audit_log_net_sockaddr(ac, 0, NULL, address, addrlen);
	rc[5] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, 0);
	rc[4] = bpf_audit_log_net_sock(ac, 0, sock);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/* The cgroup flavour of BPF LSM: 1 allows, 0 denies with EPERM. */
SEC("lsm_cgroup/socket_bind")
int BPF_PROG(bind_audit_cgroup, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;
	int port;

	if (!is_target())
		return 1;
	port = bpf_ntohs(((struct sockaddr_in *)address)->sin_port);
	ac = open_record();
	if (ac) {
		rc[0] = bpf_audit_log_cause(ac, "bind-cgroup");
		rc[1] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL,
						   addrlen);
		bpf_audit_log_end(ac);
	}
	return port == deny_port ? 0 : 1;
}
