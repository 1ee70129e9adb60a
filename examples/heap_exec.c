// SPDX-License-Identifier: GPL-2.0-only
/*
 * heap_exec: load heap_exec.bpf.c, which denies making heap memory
 * executable in every process, until SIGINT, SIGTERM or -t SECONDS.
 */
#include <errno.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "heap_exec.skel.h"

static const char usage[] = "[-t SECONDS]";
static const char help[] =
	"Deny mprotect() with PROT_EXEC on heap (brk) memory in every process\n"
	"and log each denial as an audit record of type 1427 with\n"
	"cause=\"heap-exec\" and the process as opid=/ocomm=.\n";

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ NULL, 0, NULL, 0 }
	};
	struct heap_exec *skel;
	int opt, err, timeout = -1, ret = 1;

	ex_init("heap_exec", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS, options,
				  NULL)) != -1)
		ex_common_opt(opt, optarg, &timeout);
	if (optind < argc)
		ex_usage_error("unexpected argument '%s'", argv[optind]);

	if (ex_setup_signals() || ex_check_bpf_lsm())
		return 1;
	ex_check_audit_kfuncs();

	skel = heap_exec__open();
	if (!skel) {
		ex_load_error("open", errno);
		return 1;
	}
	err = heap_exec__load(skel);
	if (err) {
		ex_load_error("load", err);
		goto out;
	}
	err = heap_exec__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	ex_print_attached(skel->obj, "denying PROT_EXEC on heap memory");

	if (!ex_wait(timeout, -1))
		ret = 0;
out:
	heap_exec__destroy(skel);
	return ret;
}
