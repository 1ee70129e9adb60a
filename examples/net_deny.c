// SPDX-License-Identifier: GPL-2.0-only
/*
 * net_deny: load net_deny.bpf.c, which denies connect() to PORT and bind()
 * to privileged ports not allowed with -a, until SIGINT, SIGTERM or -t.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "net_deny.skel.h"

#define PRIVILEGED_PORTS	1024

static const char usage[] = "[-t SECONDS] [-a PORT]... PORT";
static const char help[] =
	"Deny connect() of TCP and UDP sockets (IPv4 and IPv6) to PORT, and\n"
	"bind() of such sockets to ports 1-1023, root included, except those\n"
	"allowed with -a.  Each denial is logged as an audit record of type\n"
	"1427: cause=\"connect-deny\" with daddr=/dest=, or\n"
	"cause=\"bind-privileged\" with saddr=/src=.\n"
	"\n"
	"Options:\n"
	"  -a, --allow-bind PORT  allow bind() to privileged PORT (1-1023);\n"
	"                         may be repeated\n";

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ "allow-bind", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	/* " except " and up to 1023 ports of up to 4 digits and a comma */
	static char allowed_list[9 + 5 * PRIVILEGED_PORTS];
	static bool allowed[PRIVILEGED_PORTS];
	struct net_deny *skel;
	unsigned short port, connect_port;
	int opt, err, timeout = -1, ret = 1;
	size_t len = 0;

	ex_init("net_deny", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS "a:", options,
				  NULL)) != -1) {
		if (ex_common_opt(opt, optarg, &timeout))
			continue;
		/* 'a', the only option left */
		if (ex_parse_port(optarg, &port) || port >= PRIVILEGED_PORTS)
			ex_usage_error("invalid port to allow '%s': expected 1-%d",
				       optarg, PRIVILEGED_PORTS - 1);
		allowed[port] = true;
	}
	if (optind >= argc)
		ex_usage_error("missing PORT");
	if (optind + 1 < argc)
		ex_usage_error("unexpected argument '%s'", argv[optind + 1]);
	if (ex_parse_port(argv[optind], &connect_port))
		ex_usage_error("invalid port '%s': expected 1-65535",
			       argv[optind]);

	if (ex_setup_signals() || ex_check_bpf_lsm())
		return 1;
	ex_check_audit_kfuncs();

	skel = net_deny__open();
	if (!skel) {
		ex_load_error("open", errno);
		return 1;
	}
	skel->rodata->connect_port = connect_port;
	for (port = 1; port < PRIVILEGED_PORTS; port++) {
		if (!allowed[port])
			continue;
		skel->rodata->bind_allowed[port] = 1;
		len += snprintf(allowed_list + len, sizeof(allowed_list) - len,
				"%s%u", len ? "," : " except ", port);
	}
	err = net_deny__load(skel);
	if (err) {
		ex_load_error("load", err);
		goto out;
	}
	err = net_deny__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	ex_print_attached(skel->obj,
			  "denying connect() to port %u and bind() to ports 1-%d%s",
			  connect_port, PRIVILEGED_PORTS - 1, allowed_list);

	if (!ex_wait(timeout, -1))
		ret = 0;
out:
	net_deny__destroy(skel);
	return ret;
}
