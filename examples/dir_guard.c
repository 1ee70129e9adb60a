// SPDX-License-Identifier: GPL-2.0-only
/*
 * dir_guard: load dir_guard.bpf.c, which denies removing or renaming
 * anything below the directories DIR..., until SIGINT, SIGTERM or -t.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "dir_guard.skel.h"

/* As many directories as the map holds. */
#define MAX_DIRS	64

static const char usage[] = "[-t SECONDS] DIR...";
static const char help[] =
	"Deny unlink(), rmdir() and rename() of anything below each DIR (up\n"
	"to 64 levels down, on the same file system), a rename onto an\n"
	"existing name there too, and log each denial as an audit record of\n"
	"type 1427 with cause=\"dir-guard\", rule-id=N (the position of the\n"
	"DIR that matched, from 1) and the full path= of the name, with its\n"
	"dev= and ino=.\n"
	"\n"
	"Each DIR is resolved once, here, to a device and inode: renaming it\n"
	"later does not lift the policy.  Files can still be created and\n"
	"written below it.  File systems mounted below a DIR are not\n"
	"covered.  '/' and a DIR given twice are refused.\n";

/* The kernel's encoding of a device number, MAJOR << 20 | MINOR. */
static __u32 kernel_dev(dev_t dev)
{
	return major(dev) << 20 | minor(dev);
}

/* The key dir_guard.bpf.c looks up. */
struct dir_key {
	__u32 dev;
	__u32 pad;
	__u64 ino;
};

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ NULL, 0, NULL, 0 }
	};
	struct dir_guard *skel;
	struct stat st, root;
	int opt, err, i, timeout = -1, ret = 1;

	ex_init("dir_guard", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS, options,
				  NULL)) != -1)
		ex_common_opt(opt, optarg, &timeout);
	if (optind >= argc)
		ex_usage_error("missing DIR");
	if (argc - optind > MAX_DIRS)
		ex_usage_error("at most %d directories", MAX_DIRS);
	for (i = optind; i < argc; i++) {
		if (stat(argv[i], &st))
			ex_usage_error("cannot stat '%s': %s", argv[i],
				       strerror(errno));
		if (!S_ISDIR(st.st_mode))
			ex_usage_error("'%s' is not a directory", argv[i]);
		/* Nearly nothing could be removed or renamed any more. */
		if (!stat("/", &root) && st.st_dev == root.st_dev &&
		    st.st_ino == root.st_ino)
			ex_usage_error("refusing to guard '%s': it is the root directory",
				       argv[i]);
	}

	if (ex_setup_signals() || ex_check_bpf_lsm())
		return 1;
	ex_check_audit_kfuncs();

	skel = dir_guard__open_and_load();
	if (!skel) {
		ex_load_error("load", errno);
		return 1;
	}
	for (i = optind; i < argc; i++) {
		struct dir_key key = {};
		__u32 rule = i - optind + 1;

		/* Checked above; it may have gone since. */
		if (stat(argv[i], &st)) {
			ex_err("cannot stat '%s': %s", argv[i], strerror(errno));
			goto out;
		}
		key.dev = kernel_dev(st.st_dev);
		key.ino = st.st_ino;
		err = bpf_map__update_elem(skel->maps.guarded, &key, sizeof(key),
					   &rule, sizeof(rule), BPF_NOEXIST);
		if (err == -EEXIST)
			ex_usage_error("'%s' is given twice (rule %u)", argv[i],
				       rule);
		if (err) {
			ex_err("cannot guard '%s': %s", argv[i], strerror(-err));
			goto out;
		}
	}
	err = dir_guard__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	ex_print_attached(skel->obj, "guarding %d director%s (rule 1: %s)",
			  argc - optind, argc - optind == 1 ? "y" : "ies",
			  argv[optind]);

	if (!ex_wait(timeout, -1))
		ret = 0;
out:
	dir_guard__destroy(skel);
	return ret;
}
