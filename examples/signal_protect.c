// SPDX-License-Identifier: GPL-2.0-only
/*
 * signal_protect: load signal_protect.bpf.c, which denies every signal
 * sent to process PID by another process, until SIGINT, SIGTERM, -t
 * SECONDS, or the exit of PID.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "signal_protect.skel.h"

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

static const char usage[] = "[-t SECONDS] PID";
static const char help[] =
	"Deny every signal (but signal 0) that another process sends to the\n"
	"process PID or one of its threads, root and SIGKILL included, and\n"
	"log each denial as an audit record of type 1427 with\n"
	"cause=\"signal-deny\" and the protected process as opid=/ocomm=.\n"
	"Exits 0 as well when PID exits, so that the policy does not pass\n"
	"on to a new process that gets the same pid.\n";

/*
 * A pidfd both checks that PID is a process (not a thread: the program
 * matches thread group ids) and tells when it exits.  Returns the pidfd,
 * or -1 if the kernel has none (then only existence is checked).
 * Exits 2 if PID is no process.
 */
static int open_process(pid_t pid)
{
	int fd = syscall(__NR_pidfd_open, pid, 0);

	if (fd >= 0)
		return fd;
	if (errno == ESRCH)
		ex_usage_error("no process with pid %d", pid);
	if (errno == EINVAL)
		ex_usage_error("%d is a thread, not a process: give its process id (Tgid: in /proc/%d/status)",
			       pid, pid);
	if (kill(pid, 0) && errno == ESRCH)
		ex_usage_error("no process with pid %d", pid);
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		EX_OPT_HELP,
		EX_OPT_TIMEOUT,
		{ NULL, 0, NULL, 0 }
	};
	struct signal_protect *skel;
	int opt, err, pidfd, timeout = -1, ret = 1;
	pid_t pid;

	ex_init("signal_protect", usage, help);
	while ((opt = getopt_long(argc, argv, EX_SHORT_OPTS, options,
				  NULL)) != -1)
		ex_common_opt(opt, optarg, &timeout);
	if (optind >= argc)
		ex_usage_error("missing PID");
	if (optind + 1 < argc)
		ex_usage_error("unexpected argument '%s'", argv[optind + 1]);
	if (ex_parse_pid(argv[optind], &pid))
		ex_usage_error("invalid pid '%s': expected 1-4194304",
			       argv[optind]);
	pidfd = open_process(pid);

	if (ex_setup_signals() || ex_check_bpf_lsm())
		goto out_pidfd;
	ex_check_audit_kfuncs();

	skel = signal_protect__open();
	if (!skel) {
		ex_load_error("open", errno);
		goto out_pidfd;
	}
	skel->rodata->protected_tgid = pid;
	err = signal_protect__load(skel);
	if (err) {
		ex_load_error("load", err);
		goto out;
	}
	err = signal_protect__attach(skel);
	if (err) {
		ex_load_error("attach", err);
		goto out;
	}
	ex_print_attached(skel->obj, "denying signals to pid %d", pid);

	err = ex_wait(timeout, pidfd);
	if (err == 1)
		ex_err("process %d has exited, detaching", pid);
	if (err >= 0)
		ret = 0;
out:
	signal_protect__destroy(skel);
out_pidfd:
	if (pidfd >= 0)
		close(pidfd);
	return ret;
}
