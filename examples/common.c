// SPDX-License-Identifier: GPL-2.0-only
/*
 * Code shared by the example loaders; see common.h for the protocol they
 * all follow.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "common.h"

/* include/linux/threads.h: no pid is ever above this. */
#define PID_MAX_LIMIT	(4 * 1024 * 1024)

static const char *ex_name = "example";
static const char *ex_usage = "";
static const char *ex_help = "";
static int signal_fd = -1;

/* libbpf's debug output is noise for a policy loader; keep the rest. */
static int libbpf_print(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

void ex_init(const char *name, const char *usage, const char *help)
{
	ex_name = name;
	ex_usage = usage;
	ex_help = help;
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print);
}

static void ex_verr(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", ex_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void ex_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ex_verr(fmt, ap);
	va_end(ap);
}

static void __attribute__((noreturn)) usage_exit(void)
{
	fprintf(stderr, "Usage: %s %s\n", ex_name, ex_usage);
	fprintf(stderr, "Try '%s --help' for more information.\n", ex_name);
	exit(2);
}

void ex_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ex_verr(fmt, ap);
	va_end(ap);
	usage_exit();
}

bool ex_common_opt(int opt, const char *arg, int *timeout)
{
	unsigned long val;

	switch (opt) {
	case 'h':
		printf("Usage: %s %s\n\n%s", ex_name, ex_usage, ex_help);
		printf("\nCommon options:\n");
		printf("  -t, --timeout SECONDS  detach and exit after SECONDS (0-%d)\n",
		       EX_TIMEOUT_MAX);
		printf("  -h, --help             show this help\n\n");
		printf("Runs until SIGINT or SIGTERM, then detaches and exits 0.\n");
		printf("Needs root and a kernel with the BPF LSM active.\n");
		exit(0);
	case 't':
		if (ex_parse_ulong(arg, EX_TIMEOUT_MAX, &val))
			ex_usage_error("invalid timeout '%s': expected 0-%d seconds",
				       arg, EX_TIMEOUT_MAX);
		*timeout = val;
		return true;
	case '?':
		/* getopt has already said what was wrong. */
		usage_exit();
	}
	return false;
}

int ex_parse_ulong(const char *s, unsigned long max, unsigned long *val)
{
	unsigned long v;
	char *end;

	/* strtoul() would accept leading blanks and a sign: we do not. */
	if (!s || !*s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*val = v;
	return 0;
}

int ex_parse_port(const char *s, unsigned short *port)
{
	unsigned long v;

	if (ex_parse_ulong(s, 65535, &v) || !v)
		return -1;
	*port = v;
	return 0;
}

int ex_parse_pid(const char *s, pid_t *pid)
{
	unsigned long v;

	if (ex_parse_ulong(s, PID_MAX_LIMIT, &v) || !v)
		return -1;
	*pid = v;
	return 0;
}

int ex_setup_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL)) {
		ex_err("sigprocmask: %s", strerror(errno));
		return -1;
	}
	signal_fd = signalfd(-1, &set, SFD_CLOEXEC);
	if (signal_fd < 0) {
		ex_err("signalfd: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int ex_check_bpf_lsm(void)
{
	char lsms[256], *tok, *save;
	FILE *f;
	int found = 0;

	/* Without securityfs there is no way to tell: let loading decide. */
	f = fopen("/sys/kernel/security/lsm", "r");
	if (!f)
		return 0;
	if (!fgets(lsms, sizeof(lsms), f)) {
		fclose(f);
		return 0;
	}
	fclose(f);
	lsms[strcspn(lsms, "\n")] = '\0';
	for (tok = strtok_r(lsms, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, "bpf"))
			found = 1;
	if (!found) {
		ex_err("the BPF LSM is not active (active LSMs: %s): boot with \"bpf\" in lsm=",
		       lsms);
		return -1;
	}
	return 0;
}

int ex_kernel_has_func(const char *name)
{
	struct btf *btf;
	int id;

	btf = btf__load_vmlinux_btf();
	if (!btf)
		return -errno;
	id = btf__find_by_name_kind(btf, name, BTF_KIND_FUNC);
	btf__free(btf);
	return id > 0;
}

int ex_kernel_has_audit_kfuncs(void)
{
	/* The kfuncs come together: one stands for all. */
	return ex_kernel_has_func("bpf_audit_log_start");
}

void ex_check_audit_kfuncs(void)
{
	int ret = ex_kernel_has_audit_kfuncs();

	if (ret < 0)
		ex_err("warning: cannot read the kernel BTF (%s): loading will likely fail",
		       strerror(-ret));
	else if (!ret)
		fputs("warning: kernel has no bpf_audit_log_* kfuncs: enforcing without audit records\n",
		      stderr);
}

void ex_load_error(const char *what, int err)
{
	if (err < 0)
		err = -err;
	ex_err("failed to %s the BPF programs: %s%s", what, strerror(err),
	       err == EPERM || err == EACCES ?
	       " (run as root; see libbpf's messages above)" : "");
}

static __u32 prog_id(const struct bpf_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
		return 0;
	return info.id;
}

void ex_print_attached(struct bpf_object *obj, const char *fmt, ...)
{
	struct bpf_program *prog;
	const char *sep = "";
	va_list ap;

	printf("%s: attached: ", ex_name);
	bpf_object__for_each_program(prog, obj) {
		const char *hook = bpf_program__section_name(prog);
		const char *slash = strchr(hook, '/');

		if (bpf_program__fd(prog) < 0)
			continue;
		/* "lsm/file_open" -> "file_open": the hook is what matters. */
		printf("%s%s prog-id=%u", sep, slash ? slash + 1 : hook,
		       prog_id(prog));
		sep = ", ";
	}
	printf("; ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int ex_wait(int timeout, int fd)
{
	long long deadline = timeout < 0 ? -1 : now_ms() + timeout * 1000LL;
	struct pollfd pfd[2] = {
		{ .fd = signal_fd, .events = POLLIN },
		{ .fd = fd, .events = POLLIN },
	};
	struct signalfd_siginfo si;

	for (;;) {
		int left = -1, ret;

		if (deadline >= 0) {
			long long ms = deadline - now_ms();

			if (ms <= 0)
				return 0;
			left = ms > INT_MAX ? INT_MAX : ms;
		}
		/* A negative fd in pfd[1] is ignored by poll(). */
		ret = poll(pfd, 2, left);
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			ex_err("poll: %s", strerror(errno));
			return -1;
		}
		if (pfd[0].revents & POLLIN) {
			if (read(signal_fd, &si, sizeof(si)) < 0)
				ex_err("read signalfd: %s", strerror(errno));
			return 0;
		}
		if (pfd[1].revents)
			return 1;
	}
}
