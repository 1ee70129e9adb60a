/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bpf_audit_log_*() kfuncs, declared as the RFC's programs declare
 * them: plain (strong) __ksym function declarations, no wrapper.
 */
#ifndef __LSM_AUDIT_KFUNCS_COMMON_H
#define __LSM_AUDIT_KFUNCS_COMMON_H

struct bpf_audit_context *bpf_audit_log_start(void)
	__ksym;
void bpf_audit_log_end(struct bpf_audit_context *ac) __ksym;
int bpf_audit_log_decision(struct bpf_audit_context *ac, int ret) __ksym;
int bpf_audit_log_cause(struct bpf_audit_context *ac,
			const char *cause__str) __ksym;
int bpf_audit_log_cap(struct bpf_audit_context *ac, int cap) __ksym;
int bpf_audit_log_path(struct bpf_audit_context *ac,
		       const struct path *path) __ksym;
int bpf_audit_log_file(struct bpf_audit_context *ac,
		       struct file *file) __ksym;
int bpf_audit_log_ioctl_op(struct bpf_audit_context *ac,
			   struct file *file, u16 cmd) __ksym;
int bpf_audit_log_dentry(struct bpf_audit_context *ac,
			 struct dentry *dentry) __ksym;
int bpf_audit_log_inode(struct bpf_audit_context *ac,
			struct inode *inode) __ksym;
int bpf_audit_log_task(struct bpf_audit_context *ac,
		       struct task_struct *task) __ksym;
int bpf_audit_log_net_sock(struct bpf_audit_context *ac, int netif,
			   const struct socket *sock) __ksym;
int bpf_audit_log_net_sockaddr(struct bpf_audit_context *ac, int netif,
			       const struct sockaddr *saddr__nullable,
			       const struct sockaddr *daddr__nullable,
			       int addrlen) __ksym;

#endif /* __LSM_AUDIT_KFUNCS_COMMON_H */
