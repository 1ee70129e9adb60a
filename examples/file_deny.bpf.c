// SPDX-License-Identifier: GPL-2.0-only
/*
 * file_deny: refuse to open one file, or everything below one directory.
 *
 * The object is named by device and inode number, which the loader gets
 * from stat(), rather than by path: a path prefix could be dodged with
 * another mount, a bind mount or a symlink, and the path of a file is
 * not available to this hook anyway (bpf_d_path() is only allowed in a
 * few others).  An open is denied with EPERM when the file is that inode
 * or when one of its ancestor directories, up to MAX_DEPTH levels above,
 * is; it is logged as:
 *
 *	cause="file-deny" path="/PATH" dev="DEV" ino=INO
 *
 * where path, dev (the file system's s_id) and ino are those of the file
 * being opened.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpf_lsm_audit.h"

#define EPERM		1
/* How far above an opened file the protected directory may be. */
#define MAX_DEPTH	256

char LICENSE[] SEC("license") = "GPL";

/*
 * Set by the loader.  Fixed-size types: user space's dev_t is 64 bits,
 * the kernel's 32, encoded as MAJOR << 20 | MINOR.
 */
const volatile __u32 target_dev;
const volatile __u64 target_ino;

/*
 * Is the dentry the target or below it?  Parents never leave the super
 * block, so once the device matches, comparing inode numbers suffices.
 * d_parent is read without rename_lock: a concurrent rename may make one
 * open see the old or the new place of a directory, which either way is
 * a place it had at the time of the open.
 */
static bool below_target(struct dentry *dentry)
{
	int i;

	for (i = 0; i < MAX_DEPTH; i++) {
		struct dentry *parent;

		if (dentry->d_inode->i_ino == target_ino)
			return true;
		parent = dentry->d_parent;
		/* The root of the file system is its own parent. */
		if (!parent || parent == dentry)
			return false;
		dentry = parent;
	}
	return false;
}

SEC("lsm/file_open")
int BPF_PROG(file_deny, struct file *file, int ret)
{
	struct bpf_audit_context *ac;

	/* A program attached before this one has denied: keep its verdict. */
	if (ret)
		return ret;
	/* Cheap test first: most opens are on another file system. */
	if (file->f_inode->i_sb->s_dev != target_dev)
		return 0;
	if (!below_target(file->f_path.dentry))
		return 0;

	/* Logging is best effort: the verdict below stands either way. */
	if (bpf_audit_log_supported()) {
		ac = bpf_audit_log_start();
		if (ac) {
			bpf_audit_log_cause(ac, "file-deny");
			bpf_audit_log_file(ac, file);
			bpf_audit_log_decision(ac, -EPERM);
			bpf_audit_log_end(ac);
		}
	}
	return -EPERM;
}
