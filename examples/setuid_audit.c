// SPDX-License-Identifier: GPL-2.0-only
/*
 * setuid_audit: load setuid_audit.bpf.c, which logs every process that
 * makes UID (root by default) its effective user id, until SIGINT,
 * SIGTERM or -t.
 */
#include <errno.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "setuid_audit.skel.h"

static const char usage[] = "[-t SECONDS] [-u UID]";
static const char help[] =
	"Allow, but log as an audit record of type 1427 with\n"
	"cause=\"setuid-audit\", every setuid(), seteuid(), setreuid() or\n"
	"setresuid() call, and every exec of a setuid executable (su, sudo),\n"
	"that makes UID (-u, 0 by default) the effective user id of a\n"
	"process whose effective user id was another.  The record has the\n"
	"ids that change, each as old-ID=N new-ID=M.  UID is a number, as\n"
	"the initial user namespace sees it.\n";

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ "uid", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct setuid_audit *skel;
	unsigned long uid = 0;
	int opt, err, timeout = -1, ret = 1;

	ex_init("setuid_audit", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS "u:", options,
				  NULL)) != -1) {
		if (ex_common_opt(opt, optarg, &timeout))
			continue;
		/* 'u': 4294967295 is (uid_t)-1, which names no user. */
		if (ex_parse_ulong(optarg, 4294967294UL, &uid))
			ex_usage_error("invalid UID '%s': expected 0-4294967294",
				       optarg);
	}
	if (optind < argc)
		ex_usage_error("unexpected argument '%s'", argv[optind]);

	if (ex_setup_signals() || ex_check_bpf_lsm())
		return 1;
	ex_check_audit_kfuncs();

	skel = setuid_audit__open();
	if (!skel) {
		ex_load_error("open", errno);
		return 1;
	}
	skel->rodata->watch_uid = uid;
	err = setuid_audit__load(skel);
	if (err) {
		ex_load_error("load", err);
		goto out;
	}
	err = setuid_audit__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	ex_print_attached(skel->obj, "logging changes of the effective uid to %lu",
			  uid);

	if (!ex_wait(timeout, -1))
		ret = 0;
out:
	setuid_audit__destroy(skel);
	return ret;
}
