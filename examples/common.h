/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Code shared by the example loaders: argument parsing, the checks made
 * before loading, and the wait for SIGINT, SIGTERM or the -t timeout.
 *
 * Every loader follows the same protocol, so that scripts can drive any
 * of them the same way:
 *
 *	exit 2	bad arguments (message and usage line on stderr)
 *	exit 1	the policy could not be loaded or attached
 *	exit 0	stopped by SIGINT, SIGTERM or -t, policy detached
 *
 * and prints exactly one line on stdout once the policy is enforced:
 *
 *	NAME: attached: HOOK prog-id=ID[, HOOK prog-id=ID]; DESCRIPTION
 */
#ifndef EXAMPLES_COMMON_H
#define EXAMPLES_COMMON_H

#include <getopt.h>
#include <stdbool.h>
#include <sys/types.h>

struct bpf_object;

/* Longest -t: poll() takes an int of milliseconds. */
#define EX_TIMEOUT_MAX	2147483

/*
 * The options every loader takes, for its getopt_long() string and
 * struct option array; a loader appends its own options to both.
 */
#define EX_SHORT_OPTS	"ht:"
#define EX_OPT_HELP	{ "help", no_argument, NULL, 'h' }
#define EX_OPT_TIMEOUT	{ "timeout", required_argument, NULL, 't' }

/*
 * Set up a loader: its name for messages, its usage line ("[-t SECONDS]
 * PATH") and its help text (printed after the usage line by --help).
 * Also makes stdout line-buffered, so that a script reading the
 * "attached" line through a pipe sees it at once, and keeps libbpf's
 * debug output quiet.
 */
void ex_init(const char *name, const char *usage, const char *help);

/* Print "NAME: MESSAGE", the usage line and a --help hint; exit 2. */
void ex_usage_error(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/* Print "NAME: MESSAGE" on stderr (no exit). */
void ex_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Handle -h/--help (print help, exit 0), -t/--timeout (store it in
 * *timeout) and getopt's '?' (exit 2).  Returns false for any other
 * option, which the loader handles itself.
 */
bool ex_common_opt(int opt, const char *arg, int *timeout);

/*
 * Parsers: 0 on success, -1 if @s is not entirely a number in range.
 * ex_parse_ulong() takes decimal, 0x hex or 0 octal, like strtoul(,,0).
 */
int ex_parse_ulong(const char *s, unsigned long max, unsigned long *val);
int ex_parse_port(const char *s, unsigned short *port);	/* 1-65535 */
int ex_parse_pid(const char *s, pid_t *pid);		/* 1-PID_MAX */

/*
 * Block SIGINT and SIGTERM and take them through a signalfd.  Called
 * before loading, so that a signal arriving while the programs load is
 * kept for ex_wait() instead of killing the loader before cleanup.
 */
int ex_setup_signals(void);

/*
 * Checks made before loading.  ex_check_bpf_lsm() fails when securityfs
 * says the BPF LSM is not active: the programs would attach and never
 * run, enforcing nothing.  ex_check_audit_kfuncs() only warns: the
 * programs still enforce without the kfuncs, just without records.
 */
int ex_check_bpf_lsm(void);
void ex_check_audit_kfuncs(void);

/*
 * 1 if the kernel BTF has the function (a kfunc, or an LSM hook as
 * "bpf_lsm_HOOK"), 0 if not, a negative errno if the BTF is unreadable.
 */
int ex_kernel_has_func(const char *name);

/* ex_kernel_has_func() for the bpf_audit_log_*() kfuncs. */
int ex_kernel_has_audit_kfuncs(void);

/* Explain a failed open/load/attach of the skeleton on stderr. */
void ex_load_error(const char *what, int err);

/* Print the "NAME: attached: ..." line for every program of @obj. */
void ex_print_attached(struct bpf_object *obj, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Wait for SIGINT, SIGTERM or @timeout seconds (-1: none).  If @fd is not
 * negative, also return when it becomes readable.  Returns 0 when
 * stopped by a signal or the timeout, 1 when @fd is readable, -1 on
 * error (reported).
 */
int ex_wait(int timeout, int fd);

#endif /* EXAMPLES_COMMON_H */
