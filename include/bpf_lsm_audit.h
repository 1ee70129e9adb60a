/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpf_lsm_audit.h - audit kfuncs for BPF LSM programs
 *
 * Include after vmlinux.h and <bpf/bpf_helpers.h>.  A BPF_PROG_TYPE_LSM
 * program (SEC("lsm/..."), SEC("lsm.s/...") or SEC("lsm_cgroup/...")) emits
 * one AUDIT_BPF_LSM_ACCESS (1427) record per decision:
 *
 *	struct bpf_audit_context *ac = bpf_audit_log_start();
 *
 *	if (ac) {
 *		bpf_audit_log_cause(ac, "deny-bind");
 *		bpf_audit_log_net_hook_addr(ac, 0, ctx);
 *		bpf_audit_log_decision(ac, -EPERM);
 *		bpf_audit_log_end(ac);
 *	}
 *	return -EPERM;
 *
 * The record ends with lsm-hook= (the LSM hook) and decision= (allowed, denied,
 * or unknown when the program did not call bpf_audit_log_decision()).
 *
 * bpf_audit_log_start() returns NULL when nothing can be logged (audit off,
 * record type excluded, kauditd, memory or backlog exhausted); the verifier
 * insists on the check and on bpf_audit_log_end() on every path.  The data kfuncs
 * return 0 or a negative errno and leave the record unchanged on error.
 * See docs/api.md for each kfunc's fields and errors.
 *
 * On socket_bind, socket_connect and sctp_bind_connect, log the hook's
 * address with bpf_audit_log_net_hook_addr(ac, netif, ctx): it takes the
 * program's context (ctx inside BPF_PROG()) and the kernel reads the
 * address and its length from the hook's own arguments.
 * bpf_audit_log_net_sockaddr() logs addresses in the program's own
 * writable memory (a stack buffer, a map value): each must be a whole
 * struct sockaddr_in6, which covers all the kernel reads, even for an
 * AF_INET address, and the verifier refuses less.  It does not take a hook's address, whose length
 * only the hook knows (the RFC's version trusted the program's length).
 *
 * The objects are taken const, as some hooks pass them (capget()'s task,
 * bprm_creds_from_file()'s file): no cast.  bpf_audit_log_rule() says which
 * of the program's rules decided (rule-id=N, a number of its choosing);
 * bpf_audit_log_dentry_path(ac, dir, dentry) logs the full path of the
 * name that path_unlink, path_rmdir, path_mknod or path_rename pass;
 * bpf_audit_log_cred_change(ac, ctx), on task_fix_setuid, task_fix_setgid
 * and bprm_committing_creds, the ids that the call or the exec changes
 * (old-uid=N new-uid=M ...), read from the hook's own arguments as
 * net_hook_addr reads its address.
 *
 * The declarations are weak, so a program can ask at load time whether the
 * running kernel has the kfuncs and still enforce its policy without them:
 *
 *	if (bpf_audit_log_supported()) { ... log ... }
 *	return -EPERM;
 *
 * bpf_audit_log_supported() asks for bpf_audit_log_start() only.  A program
 * that must load on a kernel with an earlier revision of the series, which
 * lacks the later kfuncs (rule, dentry_path, cred_change), asks for each
 * with bpf_ksym_exists() before calling it.
 *
 * The API is the upstream one: bpf_audit_log_start() takes no argument.
 * The kernel passes the calling program itself (KF_IMPLICIT_ARGS, native
 * on Linux 7.x and backported by the 6.12 series), so one compiled object
 * runs on both kernels, and so does a program that declares the kfuncs
 * itself.
 */
#ifndef __BPF_LSM_AUDIT_H
#define __BPF_LSM_AUDIT_H

#ifndef bpf_ksym_exists
#error "include <bpf/bpf_helpers.h> before bpf_lsm_audit.h"
#endif

/* The kernel's record type, for programs that want to name it. */
#define AUDIT_BPF_LSM_ACCESS 1427

struct bpf_audit_context;
struct path;
struct file;
struct dentry;
struct inode;
struct task_struct;
struct socket;
struct sockaddr_in6;

extern struct bpf_audit_context *bpf_audit_log_start(void) __ksym __weak;
extern void bpf_audit_log_end(struct bpf_audit_context *ac) __ksym __weak;

extern int bpf_audit_log_decision(struct bpf_audit_context *ac,
				  int ret) __ksym __weak;

extern int bpf_audit_log_cause(struct bpf_audit_context *ac,
			       const char *cause__str) __ksym __weak;
extern int bpf_audit_log_cap(struct bpf_audit_context *ac, int cap) __ksym __weak;
extern int bpf_audit_log_rule(struct bpf_audit_context *ac,
			      __u32 rule_id) __ksym __weak;
extern int bpf_audit_log_path(struct bpf_audit_context *ac,
			      const struct path *path) __ksym __weak;
extern int bpf_audit_log_file(struct bpf_audit_context *ac,
			      const struct file *file) __ksym __weak;
extern int bpf_audit_log_ioctl_op(struct bpf_audit_context *ac,
				  const struct file *file, __u16 cmd) __ksym __weak;
extern int bpf_audit_log_dentry(struct bpf_audit_context *ac,
				const struct dentry *dentry) __ksym __weak;
extern int bpf_audit_log_dentry_path(struct bpf_audit_context *ac,
				     const struct path *dir,
				     const struct dentry *dentry) __ksym __weak;
extern int bpf_audit_log_inode(struct bpf_audit_context *ac,
			       const struct inode *inode) __ksym __weak;
extern int bpf_audit_log_task(struct bpf_audit_context *ac,
			      const struct task_struct *task) __ksym __weak;
extern int bpf_audit_log_cred_change(struct bpf_audit_context *ac,
				     void *ctx) __ksym __weak;
extern int bpf_audit_log_net_sock(struct bpf_audit_context *ac, int netif,
				  const struct socket *sock) __ksym __weak;
extern int bpf_audit_log_net_sockaddr(struct bpf_audit_context *ac, int netif,
				      const struct sockaddr_in6 *saddr__nullable,
				      const struct sockaddr_in6 *daddr__nullable,
				      int addrlen) __ksym __weak;
extern int bpf_audit_log_net_hook_addr(struct bpf_audit_context *ac,
				       int netif, void *ctx) __ksym __weak;

/* True when the running kernel has the audit kfuncs (decided at load). */
#define bpf_audit_log_supported() bpf_ksym_exists(bpf_audit_log_start)

#endif /* __BPF_LSM_AUDIT_H */
