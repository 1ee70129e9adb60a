// SPDX-License-Identifier: GPL-2.0-only
/*
 * dir_guard: nothing below the guarded directories may be removed or
 * renamed away.
 *
 * The loader puts each guarded directory in a map, by device and inode
 * number, with its rule number: its position on the command line.  An
 * unlink(), rmdir() or rename() of a name whose directory is a guarded
 * one, or below one (up to MAX_DEPTH levels), is denied with EPERM and
 * logged with the rule that matched and the full path of the name:
 *
 *	cause="dir-guard" rule-id=N path="/PATH/NAME" dev="DEV" ino=INO
 *
 * The path hooks pass the directory and the name in it: the full path
 * comes from bpf_audit_log_dentry_path(), which the inode hooks could not
 * give (they have no mount).  Any rename of a name in a guarded tree is
 * denied (its old end is checked), even within one directory, and so is
 * one that would replace a name there; the record names that name.  With nested guarded
 * directories, the rule is that of the innermost one above the name.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

#define EPERM		1
/* How far below a guarded directory a name may be. */
#define MAX_DEPTH	64

char LICENSE[] SEC("license") = "GPL";

/* A directory, as the kernel names it: s_dev is MAJOR << 20 | MINOR. */
struct dir_key {
	__u32 dev;
	__u32 pad;
	__u64 ino;
};

/* Filled by the loader: the guarded directories and their rule numbers. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct dir_key);
	__type(value, __u32);
} guarded SEC(".maps");

/*
 * The rule of the guarded directory that @dentry is, or is below; 0 if
 * none.  d_parent is read without rename_lock: a concurrent rename may
 * make the walk see a directory's old place or its new one, each a place
 * it had at the time of the call.
 */
static __u32 guarding_rule(struct dentry *dentry)
{
	struct dir_key key = {};
	int i;

	key.dev = dentry->d_sb->s_dev;
	for (i = 0; i < MAX_DEPTH; i++) {
		struct dentry *parent;
		__u32 *rule;

		key.ino = dentry->d_inode ? dentry->d_inode->i_ino : 0;
		rule = bpf_map_lookup_elem(&guarded, &key);
		if (rule)
			return *rule;
		parent = dentry->d_parent;
		/* The root of the file system is its own parent. */
		if (!parent || parent == dentry)
			return 0;
		dentry = parent;
	}
	return 0;
}

/* Denies, and logs, the removal of @dentry from @dir under @rule. */
static __always_inline int deny(const struct path *dir, struct dentry *dentry, __u32 rule)
{
	struct bpf_audit_context *ac;

	/* Logging is best effort: the verdict stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "dir-guard");
			bpf_audit_log_rule(ac, rule);
			bpf_audit_log_dentry_path(ac, dir, dentry);
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}

static __always_inline int check(const struct path *dir, struct dentry *dentry)
{
	__u32 rule = guarding_rule(dir->dentry);

	return rule ? deny(dir, dentry, rule) : 0;
}

SEC("lsm/path_unlink")
int BPF_PROG(guard_unlink, const struct path *dir, struct dentry *dentry,
	     int ret)
{
	/* A program attached before this one has denied: keep its verdict. */
	if (ret)
		return ret;
	return check(dir, dentry);
}

SEC("lsm/path_rmdir")
int BPF_PROG(guard_rmdir, const struct path *dir, struct dentry *dentry,
	     int ret)
{
	if (ret)
		return ret;
	return check(dir, dentry);
}

/*
 * A rename takes a name out of its directory, and one that lands on an
 * existing name removes that file (or, with RENAME_EXCHANGE, moves it).
 */
SEC("lsm/path_rename")
int BPF_PROG(guard_rename, const struct path *old_dir,
	     struct dentry *old_dentry, const struct path *new_dir,
	     struct dentry *new_dentry, unsigned int flags, int ret)
{
	if (ret)
		return ret;
	ret = check(old_dir, old_dentry);
	if (ret || !new_dentry->d_inode)
		return ret;
	return check(new_dir, new_dentry);
}
