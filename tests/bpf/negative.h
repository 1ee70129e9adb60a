/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What tests/test_negative.c and its programs (tests/bpf/negative.bpf.c)
 * share.  Included by the BPF program and by the test.
 */
#ifndef BLA_NEGATIVE_H
#define BLA_NEGATIVE_H

/* What a program saw on its hook, read by the test. */
struct negative_result {
	int runs;		/* times the program acted */
	int start_null;		/* bpf_audit_log_start() returned NULL */
	int rc_inode;		/* bpf_audit_log_inode() of dentry->d_inode */
	int rc_dentry;		/* bpf_audit_log_dentry() of the dentry */
};

#endif /* BLA_NEGATIVE_H */
