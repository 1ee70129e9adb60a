// SPDX-License-Identifier: GPL-2.0-only
/*
 * file_deny: load file_deny.bpf.c, which denies opening PATH and, if it
 * is a directory, everything below it, until SIGINT, SIGTERM or -t.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "file_deny.skel.h"

static const char usage[] = "[-t SECONDS] PATH";
static const char help[] =
	"Deny opening PATH and, if it is a directory, any file or directory\n"
	"below it (up to 256 levels down, on the same file system), and log\n"
	"each denial as an audit record of type 1427 with cause=\"file-deny\"\n"
	"and the path=, dev= and ino= of the file being opened.\n"
	"\n"
	"PATH is resolved once, here, to a device and inode: renaming it\n"
	"later does not lift the policy, and a new file created at PATH\n"
	"after it was removed is not covered.\n";

/*
 * stat() reports the device in the user space encoding; super_block's
 * s_dev is the kernel's internal one, MAJOR << 20 | MINOR.
 */
static __u32 kernel_dev(dev_t dev)
{
	return major(dev) << 20 | minor(dev);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ NULL, 0, NULL, 0 }
	};
	struct file_deny *skel;
	struct stat st, root;
	const char *path;
	int opt, err, timeout = -1, ret = 1;

	ex_init("file_deny", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS, options,
				  NULL)) != -1)
		ex_common_opt(opt, optarg, &timeout);
	if (optind >= argc)
		ex_usage_error("missing PATH");
	if (optind + 1 < argc)
		ex_usage_error("unexpected argument '%s'", argv[optind + 1]);
	path = argv[optind];
	if (stat(path, &st))
		ex_usage_error("cannot stat '%s': %s", path, strerror(errno));
	/* Nothing could be started any more, not even a shell to undo it. */
	if (!stat("/", &root) && st.st_dev == root.st_dev &&
	    st.st_ino == root.st_ino)
		ex_usage_error("refusing to deny '%s': it is the root directory",
			       path);

	if (ex_setup_signals() || ex_check_bpf_lsm())
		return 1;
	ex_check_audit_kfuncs();

	skel = file_deny__open();
	if (!skel) {
		ex_load_error("open", errno);
		return 1;
	}
	skel->rodata->target_dev = kernel_dev(st.st_dev);
	skel->rodata->target_ino = st.st_ino;
	err = file_deny__load(skel);
	if (err) {
		ex_load_error("load", err);
		goto out;
	}
	err = file_deny__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	ex_print_attached(skel->obj, "denying open of %s%s (dev %u:%u ino %lu)",
			  path, S_ISDIR(st.st_mode) ? " and below" : "",
			  major(st.st_dev), minor(st.st_dev),
			  (unsigned long)st.st_ino);

	if (!ex_wait(timeout, -1))
		ret = 0;
out:
	file_deny__destroy(skel);
	return ret;
}
