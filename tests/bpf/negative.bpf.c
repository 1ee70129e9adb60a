// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs of tests/test_negative.c: one pair per hook that hands a
 * program the dentry of a name that does not exist yet, a negative dentry
 * without an inode.  Each program acts on the test's child in the test's
 * directory only: it opens a record, logs the dentry's inode and then the
 * dentry itself, states its decision and ends the record.
 *
 * The first of a pair passes dentry->d_inode on unchecked, as a new user
 * would: 7.3's verifier knows that d_inode may be NULL and refuses the
 * program; 6.12's trusts it, and bpf_audit_log_inode() must refuse the
 * NULL inode at run time.  The second checks it first, as 7.3 requires.
 * Every program is loaded on its own.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"
#include "negative.h"

/* Constants of the uapi headers, which vmlinux.h lacks. */
#define EPERM 1
#define ENOENT 2

char LICENSE[] SEC("license") = "GPL";

/* Set by the test: its child, and the directory the child works in. */
int target_tgid;
unsigned long watch_ino;

struct negative_result result;

static __always_inline bool acts_on(const struct inode *dir)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid &&
	       dir->i_ino == watch_ino;
}

#define INODE_UNCHECKED(ac, dentry) bpf_audit_log_inode(ac, (dentry)->d_inode)
#define INODE_CHECKED(ac, dentry) ({					\
	struct inode *__inode = (dentry)->d_inode;			\
									\
	__inode ? bpf_audit_log_inode(ac, __inode) : -ENOENT;		\
})

/*
 * A program named @name on @hook, whose arguments follow: it acts when the
 * directory @dir is the test's, logs @dentry, and returns @ret.
 */
#define NEGATIVE_PROG(name, hook, dir, dentry, ret, log_inode, args...)	\
SEC("?lsm/" #hook)							\
int BPF_PROG(name, args)						\
{									\
	struct bpf_audit_context *ac;					\
									\
	if (!acts_on(dir))						\
		return 0;						\
	result.runs++;							\
	ac = bpf_audit_log_start();					\
	if (!ac) {							\
		result.start_null++;					\
		return ret;						\
	}								\
	result.rc_inode = log_inode(ac, dentry);			\
	result.rc_dentry = bpf_audit_log_dentry(ac, dentry);		\
	bpf_audit_log_decision(ac, ret);				\
	bpf_audit_log_end(ac);						\
	return ret;							\
}

#define NEGATIVE_PAIR(name, hook, dir, dentry, ret, args...)		\
	NEGATIVE_PROG(name##_unchecked, hook, dir, dentry, ret,		\
		      INODE_UNCHECKED, args)				\
	NEGATIVE_PROG(name##_checked, hook, dir, dentry, ret,		\
		      INODE_CHECKED, args)

NEGATIVE_PAIR(create, inode_create, dir, dentry, -EPERM,
	      struct inode *dir, struct dentry *dentry, umode_t mode)
NEGATIVE_PAIR(mkdir, inode_mkdir, dir, dentry, -EPERM,
	      struct inode *dir, struct dentry *dentry, umode_t mode)
NEGATIVE_PAIR(mknod, inode_mknod, dir, dentry, -EPERM,
	      struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
NEGATIVE_PAIR(symlink, inode_symlink, dir, dentry, -EPERM,
	      struct inode *dir, struct dentry *dentry, const char *old_name)
NEGATIVE_PAIR(link, inode_link, dir, new_dentry, -EPERM,
	      struct dentry *old_dentry, struct inode *dir,
	      struct dentry *new_dentry)
NEGATIVE_PAIR(rename, inode_rename, new_dir, new_dentry, -EPERM,
	      struct inode *old_dir, struct dentry *old_dentry,
	      struct inode *new_dir, struct dentry *new_dentry)
/* A void hook: the program cannot deny, it reports that it allowed. */
NEGATIVE_PAIR(instantiate, d_instantiate, dentry->d_parent->d_inode, dentry, 0,
	      struct dentry *dentry, struct inode *inode)
/* The same names, as the path_* hooks (CONFIG_SECURITY_PATH) see them. */
NEGATIVE_PAIR(path_mknod, path_mknod, dir->dentry->d_inode, dentry, -EPERM,
	      const struct path *dir, struct dentry *dentry, umode_t mode,
	      unsigned int dev)
NEGATIVE_PAIR(path_mkdir, path_mkdir, dir->dentry->d_inode, dentry, -EPERM,
	      const struct path *dir, struct dentry *dentry, umode_t mode)
NEGATIVE_PAIR(path_symlink, path_symlink, dir->dentry->d_inode, dentry, -EPERM,
	      const struct path *dir, struct dentry *dentry,
	      const char *old_name)
NEGATIVE_PAIR(path_link, path_link, new_dir->dentry->d_inode, new_dentry,
	      -EPERM, struct dentry *old_dentry, const struct path *new_dir,
	      struct dentry *new_dentry)
NEGATIVE_PAIR(path_rename, path_rename, new_dir->dentry->d_inode, new_dentry,
	      -EPERM, const struct path *old_dir, struct dentry *old_dentry,
	      const struct path *new_dir, struct dentry *new_dentry,
	      unsigned int flags)
