// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioctl_deny: load ioctl_deny.bpf.c, which denies one ioctl command
 * (TIOCSTI unless told otherwise) on every file, until SIGINT, SIGTERM
 * or -t SECONDS.
 */
#include <errno.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "ioctl_deny.skel.h"

#define TIOCSTI	0x5412

static const char usage[] = "[-t SECONDS] [CMD]";
static const char help[] =
	"Deny the ioctl command CMD (decimal, or hex with 0x; default 0x5412,\n"
	"TIOCSTI) on every file, from 64-bit and 32-bit callers, and log each\n"
	"denial as an audit record of type 1427 with cause=\"ioctl-deny\" and\n"
	"the file's path=, dev=, ino= and ioctlcmd= (the low 16 bits of CMD).\n";

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ NULL, 0, NULL, 0 }
	};
	unsigned long cmd = TIOCSTI;
	struct ioctl_deny *skel;
	int opt, err, timeout = -1, ret = 1;

	ex_init("ioctl_deny", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS, options,
				  NULL)) != -1)
		ex_common_opt(opt, optarg, &timeout);
	if (optind + 1 < argc)
		ex_usage_error("unexpected argument '%s'", argv[optind + 1]);
	/* ioctl() takes the command as an unsigned int. */
	if (optind < argc &&
	    ex_parse_ulong(argv[optind], 0xffffffffUL, &cmd))
		ex_usage_error("invalid ioctl command '%s': expected a number from 0 to 0xffffffff",
			       argv[optind]);

	if (ex_setup_signals() || ex_check_bpf_lsm())
		return 1;
	ex_check_audit_kfuncs();

	skel = ioctl_deny__open();
	if (!skel) {
		ex_load_error("open", errno);
		return 1;
	}
	skel->rodata->deny_cmd = cmd;
	/* The compat hook is new in 6.8; without it, there is nothing to do. */
	if (ex_kernel_has_func("bpf_lsm_file_ioctl_compat") == 0)
		bpf_program__set_autoload(skel->progs.ioctl_deny_compat, false);
	err = ioctl_deny__load(skel);
	if (err) {
		ex_load_error("load", err);
		goto out;
	}
	err = ioctl_deny__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	ex_print_attached(skel->obj, "denying ioctl 0x%lx", cmd);

	if (!ex_wait(timeout, -1))
		ret = 0;
out:
	ioctl_deny__destroy(skel);
	return ret;
}
