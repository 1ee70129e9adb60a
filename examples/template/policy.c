// SPDX-License-Identifier: GPL-2.0-only
/*
 * The template's loader: loads policy.bpf.c with the port to deny, attaches
 * it and keeps it attached until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "policy.skel.h"

int main(int argc, char **argv)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	struct policy *skel;
	sigset_t signals;
	int err, sig;
	char *end;
	long port;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	port = strtol(argv[1], &end, 10);
	if (*end || port < 1 || port > 65535) {
		fprintf(stderr, "%s: invalid port '%s': expected 1-65535\n",
			argv[0], argv[1]);
		return 2;
	}

	/* Taken by sigwait() below, whenever they come. */
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	sigprocmask(SIG_BLOCK, &signals, NULL);

	skel = policy__open();
	if (!skel) {
		fprintf(stderr, "%s: open: %s\n", argv[0], strerror(errno));
		return 1;
	}
	skel->rodata->port = port;
	err = policy__load(skel);
	if (!err)
		err = policy__attach(skel);
	if (err) {
		/* libbpf has printed the verifier's log above. */
		fprintf(stderr, "%s: load or attach: %s\n", argv[0],
			strerror(-err));
		policy__destroy(skel);
		return 1;
	}
	err = bpf_prog_get_info_by_fd(bpf_program__fd(skel->progs.deny_port),
				      &info, &len);
	if (err) {
		fprintf(stderr, "%s: program info: %s\n", argv[0], strerror(-err));
		policy__destroy(skel);
		return 1;
	}
	printf("policy: attached: socket_connect prog-id=%u; denying connect() to port %ld\n",
	       info.id, port);
	fflush(stdout);

	sigwait(&signals, &sig);
	policy__destroy(skel);
	return 0;
}
