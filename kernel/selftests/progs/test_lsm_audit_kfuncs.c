// SPDX-License-Identifier: GPL-2.0
/*
 * BPF LSM programs that report their decisions with the bpf_audit_log_*()
 * kfuncs, for prog_tests/lsm_audit_kfuncs.c.
 *
 * Each program acts only for the test's own thread group (target_tgid),
 * opens one record per call, and returns -ENOMEM when no record can be
 * opened, so that the test sees a missing record as a failed syscall.
 * The kfuncs' return codes go to rc[] for the test to check.
 */

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>
#include "lsm_audit_kfuncs_common.h"

#define EPERM		1
#define ENOENT		2
#define ENOMEM		12
#define ENOPROTOOPT	92
#define AF_INET6	10
#define MAP_ANONYMOUS	0x20
#define CAP_SYS_ADMIN_NR 21

char _license[] SEC("license") = "GPL";

/* Set by the test. */
int target_tgid;
int deny_port;
int watch_port;
int watch_optname;
int watch_prot;
int watch_sig;
int watch_cap;
int cause_idx;
unsigned int watch_cmd;
unsigned long watch_ino;
/* An interface index that names no interface. */
int bad_netif = 0x7fffffff;

/* Read by the test. */
int rc[8];
int start_null;

static bool is_target(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

/* Opens a record, counting the times none could be had. */
static __always_inline struct bpf_audit_context *open_record(void)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (!ac)
		__sync_fetch_and_add(&start_null, 1);
	return ac;
}

/*
 * Written as the RFC's own selftests write their programs: plain extern
 * declarations of the kfuncs, no helper around them, -ENOMEM when no
 * record can be opened.
 */
SEC("lsm/socket_bind")
int BPF_PROG(rfc_bind, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = bpf_audit_log_start();
	if (!ac)
		return -ENOMEM;
	bpf_audit_log_cause(ac, "bind4");
	bpf_audit_log_net_sockaddr(ac, 1, address, NULL, addrlen);
	bpf_audit_log_end(ac);
	return 0;
}

SEC("lsm/socket_bind")
int BPF_PROG(bind_audit, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;
	int port, verdict;

	if (!is_target())
		return 0;
	port = bpf_ntohs(((struct sockaddr_in *)address)->sin_port);
	verdict = port == deny_port ? -EPERM : 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	if (address->sa_family == AF_INET6)
		rc[0] = bpf_audit_log_cause(ac, "bind6");
	else
		rc[0] = bpf_audit_log_cause(ac, "bind4");
	rc[1] = bpf_audit_log_net_sockaddr(ac, 1, address, NULL, addrlen);
	rc[2] = bpf_audit_log_decision(ac, verdict);
	bpf_audit_log_end(ac);
	return verdict;
}

/* The cgroup flavour of BPF LSM: 1 allows, 0 denies with -EPERM. */
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
	if (!ac)
		return 0;
	rc[0] = bpf_audit_log_cause(ac, "bind-cgroup");
	rc[1] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, addrlen);
	rc[2] = bpf_audit_log_decision(ac, port == deny_port ? -EPERM : 0);
	bpf_audit_log_end(ac);
	return port == deny_port ? 0 : 1;
}

SEC("lsm/socket_connect")
int BPF_PROG(connect_audit, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;
	int port, verdict;

	if (!is_target())
		return 0;
	port = bpf_ntohs(((struct sockaddr_in *)address)->sin_port);
	verdict = port == deny_port ? -EPERM : 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "connect");
	rc[1] = bpf_audit_log_net_sockaddr(ac, 0, NULL, address, addrlen);
	rc[2] = bpf_audit_log_decision(ac, verdict);
	bpf_audit_log_end(ac);
	return verdict;
}

/*
 * Address errors.  The test varies the address and the length it passes
 * to connect(); each call leaves the record unchanged or logs the address
 * once.  Denies every connect().
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
		return -ENOMEM;
	rc[0] = bpf_audit_log_net_sockaddr(ac, 0, NULL, NULL, addrlen);
	rc[1] = bpf_audit_log_net_sockaddr(ac, -1, address, NULL, addrlen);
	rc[2] = bpf_audit_log_net_sockaddr(ac, bad_netif, address, NULL,
					   addrlen);
	rc[3] = bpf_audit_log_net_sockaddr(ac, 1, address, address, addrlen);
	rc[4] = bpf_audit_log_net_sockaddr(ac, 0, NULL, address, addrlen);
	rc[5] = bpf_audit_log_net_sock(ac, 1, sock);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/* Lengths that cover no address, or more than any address. */
SEC("lsm/socket_connect")
int BPF_PROG(connect_addrlen, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, 0);
	rc[1] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, 1);
	rc[2] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, 2);
	rc[3] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, 129);
	rc[4] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, 0x7fffffff);
	rc[5] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, -1);
	/* The whole of a struct sockaddr_storage: as much as is read. */
	rc[6] = bpf_audit_log_net_sockaddr(ac, 0, address, NULL, 128);
	rc[7] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
	return -EPERM;
}

SEC("lsm/socket_getsockopt")
int BPF_PROG(getsockopt_audit, struct socket *sock, int level, int optname)
{
	struct bpf_audit_context *ac;

	if (!is_target() || optname != watch_optname)
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "getsockopt");
	rc[1] = bpf_audit_log_net_sock(ac, 1, sock);
	rc[2] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/* Interface and address errors of net_sock. */
SEC("lsm/socket_getsockopt")
int BPF_PROG(getsockopt_errors, struct socket *sock, int level, int optname)
{
	struct bpf_audit_context *ac;

	if (!is_target() || optname != watch_optname)
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_net_sock(ac, 0, sock);
	rc[1] = bpf_audit_log_net_sock(ac, -1, sock);
	rc[2] = bpf_audit_log_net_sock(ac, bad_netif, sock);
	rc[3] = bpf_audit_log_net_sock(ac, 1, sock);
	rc[4] = bpf_audit_log_net_sock(ac, 1, sock);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/* The new socket of accept() has no sock yet. */
SEC("lsm/socket_accept")
int BPF_PROG(accept_audit, struct socket *sock, struct socket *newsock)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "accept");
	rc[1] = bpf_audit_log_net_sock(ac, 0, newsock);
	rc[2] = bpf_audit_log_net_sock(ac, 0, sock);
	rc[3] = bpf_audit_log_decision(ac, 0);
	bpf_audit_log_end(ac);
	return 0;
}

/* IP_PASSSEC asks for a datagram's peer security without a socket. */
SEC("lsm/socket_getpeersec_dgram")
int BPF_PROG(getpeersec_audit, struct socket *sock, struct sk_buff *skb,
	     u32 *secid)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return -ENOPROTOOPT;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "getpeersec");
	rc[1] = bpf_audit_log_net_sock(ac, 0, sock);
	bpf_audit_log_end(ac);
	return -ENOPROTOOPT;
}

/*
 * Datagrams to watch_port are received in softirq context, where the
 * interrupted task has nothing to do with the access.
 */
SEC("lsm/socket_sock_rcv_skb")
int BPF_PROG(rcv_audit, struct sock *sk, struct sk_buff *skb)
{
	struct bpf_audit_context *ac;

	if (!watch_port || sk->__sk_common.skc_num != watch_port)
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "rcv");
	rc[1] = bpf_audit_log_decision(ac, 0);
	bpf_audit_log_end(ac);
	return 0;
}

static bool watched_file(struct file *file)
{
	return is_target() && file->f_inode->i_ino == watch_ino;
}

SEC("lsm/file_open")
int BPF_PROG(open_file, struct file *file)
{
	struct bpf_audit_context *ac;

	if (!watched_file(file))
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "open");
	rc[1] = bpf_audit_log_file(ac, file);
	rc[2] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
	return -EPERM;
}

SEC("lsm/file_open")
int BPF_PROG(open_path, struct file *file)
{
	struct bpf_audit_context *ac;

	if (!watched_file(file))
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_path(ac, &file->f_path);
	rc[1] = bpf_audit_log_cause(ac, "open-path");
	bpf_audit_log_end(ac);
	return -EPERM;
}

SEC("lsm/file_open")
int BPF_PROG(open_inode, struct file *file)
{
	struct bpf_audit_context *ac;

	if (!watched_file(file))
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_inode(ac, file->f_inode);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/* One file system object per record: the others are refused. */
SEC("lsm/file_open")
int BPF_PROG(open_fs_once, struct file *file)
{
	struct bpf_audit_context *ac;

	if (!watched_file(file))
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_path(ac, &file->f_path);
	rc[1] = bpf_audit_log_file(ac, file);
	rc[2] = bpf_audit_log_inode(ac, file->f_inode);
	rc[3] = bpf_audit_log_ioctl_op(ac, file, 0x5401);
	rc[4] = bpf_audit_log_path(ac, &file->f_path);
	bpf_audit_log_end(ac);
	return -EPERM;
}

SEC("lsm.s/file_open")
int BPF_PROG(open_sleepable, struct file *file)
{
	struct bpf_audit_context *ac;

	if (!watched_file(file))
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "open-sleepable");
	rc[1] = bpf_audit_log_file(ac, file);
	rc[2] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
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
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_ioctl_op(ac, file, cmd);
	bpf_audit_log_end(ac);
	return -EPERM;
}

SEC("lsm/inode_readlink")
int BPF_PROG(readlink_audit, struct dentry *dentry)
{
	struct bpf_audit_context *ac;
	struct inode *inode = dentry->d_inode;

	if (!is_target() || !inode || inode->i_ino != watch_ino)
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "readlink");
	rc[1] = bpf_audit_log_dentry(ac, dentry);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/* The dentry of a file being created is negative: it has no inode. */
SEC("lsm/inode_create")
int BPF_PROG(create_audit, struct inode *dir, struct dentry *dentry,
	     umode_t mode)
{
	struct bpf_audit_context *ac;
	struct inode *inode;

	if (!is_target() || dir->i_ino != watch_ino)
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	inode = dentry->d_inode;
	rc[0] = inode ? bpf_audit_log_inode(ac, inode) : -ENOENT;
	rc[1] = bpf_audit_log_cause(ac, "create");
	rc[2] = bpf_audit_log_dentry(ac, dentry);
	rc[3] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
	return -EPERM;
}

/*
 * An anonymous mapping has no file.  Loaded on its own by the test: the
 * verifier refuses it where the hook's file argument is known to be
 * nullable.
 */
SEC("?lsm/mmap_file")
int BPF_PROG(mmap_anon, struct file *file, unsigned long reqprot,
	     unsigned long prot, unsigned long flags)
{
	struct bpf_audit_context *ac;

	if (!is_target() || !(flags & MAP_ANONYMOUS) || reqprot != watch_prot)
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_file(ac, file);
	rc[1] = bpf_audit_log_path(ac, &file->f_path);
	rc[2] = bpf_audit_log_ioctl_op(ac, file, 0x5401);
	rc[3] = bpf_audit_log_cause(ac, "mmap");
	rc[4] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
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
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "capable");
	rc[1] = bpf_audit_log_cap(ac, cap);
	rc[2] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
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
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "kill");
	rc[1] = bpf_audit_log_task(ac, p);
	rc[2] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
	return -EPERM;
}

SEC("lsm/task_getpgid")
int BPF_PROG(pgid_cap_errors, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cap(ac, -1);
	rc[1] = bpf_audit_log_cap(ac, 41);
	rc[2] = bpf_audit_log_cap(ac, 0x7fffffff);
	rc[3] = bpf_audit_log_cap(ac, CAP_SYS_ADMIN_NR);
	rc[4] = bpf_audit_log_cap(ac, CAP_SYS_ADMIN_NR);
	rc[5] = bpf_audit_log_cap(ac, 0);
	bpf_audit_log_end(ac);
	return 0;
}

SEC("lsm/task_getpgid")
int BPF_PROG(pgid_twice, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_cause(ac, "first");
	rc[1] = bpf_audit_log_cause(ac, "second");
	rc[2] = bpf_audit_log_task(ac, p);
	rc[3] = bpf_audit_log_task(ac, p);
	bpf_audit_log_end(ac);
	return 0;
}

/* Causes that must be escaped, or refused, by bpf_audit_log_cause(). */
const char cause_long_ok[257] = {
	[0 ... 255] = 'a',
};

const char cause_too_long[258] = {
	[0 ... 256] = 'b',
};

static __always_inline int log_cause(struct bpf_audit_context *ac, int which)
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

SEC("lsm/task_getpgid")
int BPF_PROG(pgid_cause, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = log_cause(ac, cause_idx);
	bpf_audit_log_end(ac);
	return 0;
}

/* A decision is 0 or a negative errno, and there is one per record. */
SEC("lsm/task_getpgid")
int BPF_PROG(pgid_decision_errors, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_decision(ac, 1);
	rc[1] = bpf_audit_log_decision(ac, -4096);
	rc[2] = bpf_audit_log_decision(ac, 0x7fffffff);
	rc[3] = bpf_audit_log_decision(ac, -0x7fffffff - 1);
	rc[4] = bpf_audit_log_decision(ac, -4095);
	rc[5] = bpf_audit_log_decision(ac, 0);
	bpf_audit_log_end(ac);
	return 0;
}

SEC("lsm/task_getpgid")
int BPF_PROG(pgid_allowed, struct task_struct *p)
{
	struct bpf_audit_context *ac;

	if (!is_target())
		return 0;
	ac = open_record();
	if (!ac)
		return -ENOMEM;
	rc[0] = bpf_audit_log_decision(ac, 0);
	rc[1] = bpf_audit_log_decision(ac, -EPERM);
	bpf_audit_log_end(ac);
	return 0;
}

/*
 * An LSM program with a global function, for extension programs: they run
 * in the LSM program's place but are not LSM programs, so the kfuncs are
 * refused to them.
 */
int decisions;

__noinline int decide(int mask)
{
	decisions += mask;
	return 0;
}

SEC("lsm/file_permission")
int BPF_PROG(ext_target, struct file *file, int mask)
{
	return decide(mask);
}

SEC("?freplace/decide")
int decide_audited(int mask)
{
	struct bpf_audit_context *ac = bpf_audit_log_start();

	if (ac)
		bpf_audit_log_end(ac);
	return 0;
}

SEC("?freplace/decide")
int decide_plain(int mask)
{
	return 0;
}
