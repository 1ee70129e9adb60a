// SPDX-License-Identifier: GPL-2.0-only
/*
 * The loop process, which times a variant: kill(TARGET, 0) in batches, each
 * until its output has reached the readers, or at a paced rate for the
 * throughput runs; and run_variant(), which attaches a variant's program,
 * adds its rules and runs the loop in a process of its own.  The batch and
 * its clock are together here, so that the compiler sees the timed code
 * whole, as it did in one file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/types.h>
#include <bpf/libbpf.h>

#include "bench_user.h"
#include "bench.skel.h"

/* Landlock's ABI, as in Linux 7.3's uapi (bookworm's headers are older). */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif
#define BENCH_LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#define BENCH_LANDLOCK_SCOPE_SIGNAL (1ULL << 1)
/* Signal scoping came with ABI 6, audit records with ABI 7. */
#define LANDLOCK_ABI_SCOPE 6
#define LANDLOCK_ABI_AUDIT 7

struct bench_landlock_attr {
	__u64 handled_access_fs;
	__u64 handled_access_net;
	__u64 scoped;
};

/* --- clocks ---------------------------------------------------------------- */

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static unsigned long long cpu_ns(pid_t pid)
{
	struct timespec ts;
	clockid_t clk;

	if (pid <= 0 || clock_getcpuclockid(pid, &clk) ||
	    clock_gettime(clk, &ts))
		return 0;
	return ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

/* --- Landlock -------------------------------------------------------------- */

static int landlock_abi(void)
{
	long v = syscall(__NR_landlock_create_ruleset, NULL, 0,
			 BENCH_LANDLOCK_CREATE_RULESET_VERSION);

	return v < 0 ? -errno : (int)v;
}

/* Why (f) cannot run here, or NULL. */
const char *landlock_skip_reason(void)
{
	static char why[96];
	int abi = landlock_abi();

	if (abi == -ENOSYS)
		return SKIPPED "no Landlock (not built into this kernel)";
	if (abi == -EOPNOTSUPP)
		return SKIPPED "no Landlock (built but not in lsm=)";
	if (abi < 0) {
		snprintf(why, sizeof(why), SKIPPED "no Landlock (%s)",
			 strerror(-abi));
		return why;
	}
	if (abi < LANDLOCK_ABI_AUDIT) {
		snprintf(why, sizeof(why),
			 SKIPPED "Landlock ABI %d has no audit records (needs %d)",
			 abi, LANDLOCK_ABI_AUDIT);
		return why;
	}
	return NULL;
}

/* A domain that scopes signals: kill() of a process outside it fails. */
static int landlock_scope_signals(void)
{
	struct bench_landlock_attr attr = {
		.scoped = BENCH_LANDLOCK_SCOPE_SIGNAL,
	};
	int fd, err = 0;

	fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(__NR_landlock_restrict_self, fd, 0))
		err = -errno;
	close(fd);
	return err;
}

/* --- the loop process -------------------------------------------------------- */

static void loop_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh->w_msg, sizeof(sh->w_msg), fmt, ap);
	va_end(ap);
	sh->w_err = 1;
	_exit(1);
}

static void run_ops(unsigned long long n, int want)
{
	unsigned long long i;

	for (i = 0; i < n; i++) {
		int e = kill(target_pid, 0) ? errno : 0;

		if (e != want)
			sh->w_bad++;
	}
	sh->w_ops += n;
}

static void arm(const struct variant *v, unsigned long long n)
{
	char c;

	if (v->wait == WAIT_NONE)
		return;
	while (read(notify_rd, &c, 1) == 1)
		;
	sh->wait_type = v->wait_type;
	sh->wait_target = (v->wait == WAIT_EVENT ? load64(&sh->events) :
			   load64(&sh->count[v->wait_type])) + n;
	__atomic_store_n(&sh->wait_kind, v->wait, __ATOMIC_RELEASE);
}

/* Waits for the output armed by arm(): 0, or -ETIMEDOUT. */
static int await(const struct variant *v, int timeout_ms)
{
	struct pollfd p = { .fd = notify_rd, .events = POLLIN };
	unsigned int k;
	char c;

	if (v->wait == WAIT_NONE)
		return 0;
	for (;;) {
		int n = poll(&p, 1, timeout_ms);

		if (n > 0 && read(notify_rd, &c, 1) == 1)
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		break;
	}
	k = v->wait;
	if (!__atomic_compare_exchange_n(&sh->wait_kind, &k, WAIT_NONE, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;	/* reached meanwhile */
	return -ETIMEDOUT;
}

/* n operations and their output: the time, in ns. */
static unsigned long long timed_batch(const struct variant *v,
				      unsigned long long n)
{
	unsigned long long t0, t1;

	arm(v, n);
	t0 = now_ns();
	run_ops(n, v->want_errno);
	if (await(v, 20000))
		loop_fail("the output of %llu operations did not all come: %llu missing",
			  n, sh->wait_target -
			  (v->wait == WAIT_EVENT ? load64(&sh->events) :
			   load64(&sh->count[v->wait_type])));
	t1 = now_ns();
	return t1 - t0;
}

static void loop_timed(const struct loop *l)
{
	/* Each timed iteration takes about this long (guest ns). */
	unsigned long long budget = smoke ? 0 : 15000000ULL;
	unsigned long long warm = smoke ? 3 : 50, n, t;
	unsigned long long c0[4], c1[4], e0, e1;
	int i;

	/*
	 * Ring buffer events are read in batches of varying size (one wakeup
	 * per batch): longer iterations average them out.
	 */
	if (l->v->wait == WAIT_EVENT)
		budget *= 4;
	t = timed_batch(l->v, warm);
	n = smoke ? 10 : budget / (t / warm ? t / warm : 1);
	if (!smoke && n < 50)
		n = 50;
	if (n > 20000)
		n = 20000;
	sh->w_ops_per_iter = n;
	c0[0] = cpu_ns(getpid());
	c0[1] = cpu_ns(kauditd_pid);
	c0[2] = cpu_ns(nl_pid);
	c0[3] = cpu_ns(rb_pid);
	e0 = now_ns();
	for (i = 0; i < l->iterations; i++)
		sh->w_ns[i] = (double)timed_batch(l->v, n) / n;
	e1 = now_ns();
	c1[0] = cpu_ns(getpid());
	c1[1] = cpu_ns(kauditd_pid);
	c1[2] = cpu_ns(nl_pid);
	c1[3] = cpu_ns(rb_pid);
	sh->w_iters = l->iterations;
	sh->w_timed_ops = n * l->iterations;
	sh->w_elapsed = e1 - e0;
	sh->w_cpu_self = c1[0] - c0[0];
	sh->w_cpu_kauditd = c1[1] - c0[1];
	sh->w_cpu_nl = c1[2] - c0[2];
	sh->w_cpu_rb = c1[3] - c0[3];
}

static void loop_plain(const struct loop *l)
{
	timed_batch(l->v, 3);
	if (l->flag)
		*l->flag = 1;
	timed_batch(l->v, l->plain_ops);
	if (l->flag)
		*l->flag = 0;
}

/*
 * Offers operations at l->rate per second for l->duration, in 1 ms ticks
 * (sleeping in between, so that the readers get the CPU), or flat out.
 */
static void loop_rate(const struct loop *l)
{
	const unsigned long long tick = 1000000;
	unsigned long long t0, k, due, done = 0, end;
	struct bla_audit a;
	struct audit_status s;
	int err = bla_audit_open(&a);

	if (err)
		loop_fail("netlink: %s", strerror(-err));
	/*
	 * Paced, the loop is a real-time task: on one CPU a fair scheduler
	 * makes a producer wait for the readers it wakes, so that it could
	 * never outrun them; a real-time producer behaves like producers
	 * on other CPUs, taking the CPU whenever it has work (the readers
	 * keep what the kernel's real-time throttling leaves, at least 5%).
	 */
	if (l->rate) {
		struct sched_param sp = { .sched_priority = 10 };

		if (sched_setscheduler(0, SCHED_FIFO, &sp))
			loop_fail("SCHED_FIFO: %s", strerror(errno));
	}
	t0 = now_ns();
	end = t0 + l->duration;
	for (k = 1;; k++) {
		unsigned long long now = now_ns();
		struct timespec ts;

		if (now >= end)
			break;
		if (!l->rate) {
			run_ops(64, l->v->want_errno);
			done += 64;
			continue;
		}
		due = l->rate * (k * tick > l->duration ? l->duration : k * tick) /
		      NS_PER_S;
		if (due > done) {
			run_ops(due - done, l->v->want_errno);
			done = due;
		}
		now = t0 + k * tick;
		ts.tv_sec = now / NS_PER_S;
		ts.tv_nsec = now % NS_PER_S;
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	}
	sh->t_ns = now_ns() - t0;
	sh->t_ops = done;
	sh->t_backlog_end = bla_audit_get_status(&a, &s) ? -1 : (int)s.backlog;
	bla_audit_close(&a);
}

static void loop_main(const struct loop *l, int ready_fd, int go_fd)
{
	char c = 0;
	int err;

	set_comm("bench-loop");
	close(notify_wr);
	if (l->v->landlock) {
		err = landlock_scope_signals();
		if (err)
			loop_fail("Landlock: %s", strerror(-err));
	}
	if (write(ready_fd, "r", 1) != 1 || read(go_fd, &c, 1) != 1 || c != 'g')
		_exit(1);
	switch (l->mode) {
	case LOOP_TIMED:
		loop_timed(l);
		break;
	case LOOP_PLAIN:
		loop_plain(l);
		break;
	case LOOP_RATE:
		loop_rate(l);
		break;
	}
	_exit(0);
}

/* --- running a variant -------------------------------------------------------- */

static struct bpf_program *prog_of(struct bench *skel, enum prog_kind p)
{
	switch (p) {
	case P_RET0: return skel->progs.allow_ret0;
	case P_CHECKS: return skel->progs.allow_checks;
	case P_AUDIT: return skel->progs.audit_deny;
	case P_RB: return skel->progs.rb_deny;
	case P_AUDIT_STEPS: return skel->progs.audit_steps;
	case P_RB_STEPS: return skel->progs.rb_steps;
	case P_NONE: break;
	}
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

const char *ll_skip;	/* why Landlock variants cannot run, or NULL */

static void fail_result(struct result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->status_buf, sizeof(r->status_buf), fmt, ap);
	va_end(ap);
	r->status = r->status_buf;
}

/*
 * Runs one variant in a loop process of its own: attaches its program,
 * adds its rules, and measures between two quiet points, so that
 * everything the operations caused is counted.
 */
int run_variant(struct bench *skel, const struct loop *l,
		struct result *r)
{
	const struct variant *v = l->v;
	struct bpf_program *prog = prog_of(skel, v->prog);
	struct audit_rule_data never, exitrule;
	struct audit_status s0, s1;
	struct bpf_link *link = NULL;
	unsigned long long c0[NTYPES], t0, ev0, den0, null0, full0;
	int ready[2] = { -1, -1 }, go[2] = { -1, -1 }, status, err, i;
	bool never_added = false, rule_added = false;
	pid_t pid = -1;
	char c;

	memset(r, 0, sizeof(*r));
	r->v = v;
	if (v->landlock && ll_skip) {
		r->status = ll_skip;
		return 0;
	}
	sh->w_err = 0;
	sh->w_msg[0] = 0;
	sh->w_ops = sh->w_bad = 0;
	sh->w_iters = 0;
	skel->bss->enforce = v->enforce;
	skel->bss->target_tgid = target_pid;
	skel->bss->sender_tgid = 0;
	if (prog) {
		link = bpf_program__attach_lsm(prog);
		if (!link) {
			fail_result(r, "error: attach %s: %s",
				    bpf_program__name(prog), strerror(errno));
			return -1;
		}
	}
	if (v->rule) {
		rule_exit_kill(&exitrule);
		err = bla_audit_add_rule(&ctl, &exitrule);
		if (err) {
			fail_result(r, "error: adding the kill() rule: %s",
				    strerror(-err));
			goto out;
		}
		rule_added = true;
	}
	if (!v->ctx) {
		rule_task_never(&never);
		err = bla_audit_add_rule(&ctl, &never);
		if (err) {
			fail_result(r, "error: adding the task,never rule: %s",
				    strerror(-err));
			goto out;
		}
		never_added = true;
	}
	if (pipe2(ready, O_CLOEXEC) || pipe2(go, O_CLOEXEC)) {
		fail_result(r, "error: pipe: %s", strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		fail_result(r, "error: fork: %s", strerror(errno));
		goto out;
	}
	if (!pid) {
		close(ready[0]);
		close(go[1]);
		loop_main(l, ready[1], go[0]);
	}
	close(ready[1]);
	close(go[0]);
	ready[1] = go[0] = -1;
	if (never_added) {
		bla_audit_del_rule(&ctl, &never);
		never_added = false;
	}
	if (read(ready[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
		fail_result(r, "error: %s", sh->w_msg[0] ? sh->w_msg :
			    "the loop process failed to start");
		goto out;
	}
	/* The policy's checks run in full, and do not match, if other_sender. */
	skel->bss->sender_tgid = v->other_sender ? 0 : pid;

	quiesce(50);
	memcpy(c0, (const void *)sh->count, sizeof(c0));
	t0 = load64(&sh->total);
	ev0 = load64(&sh->events);
	den0 = skel->bss->nr_denied;
	null0 = skel->bss->nr_start_null;
	full0 = skel->bss->nr_rb_full;
	if (bla_audit_get_status(&ctl, &s0))
		memset(&s0, 0, sizeof(s0));

	if (write(go[1], "g", 1) != 1) {
		fail_result(r, "error: starting the loop: %s", strerror(errno));
		goto out;
	}
	waitpid(pid, &status, 0);
	pid = -1;
	quiesce(l->mode == LOOP_RATE ? 500 : 50);

	if (bla_audit_get_status(&ctl, &s1))
		memset(&s1, 0, sizeof(s1));
	for (i = 0; i < NTYPES; i++)
		r->types[i] = load64(&sh->count[i]) - c0[i];
	for (i = 0; i < NSAMPLES; i++)
		if (r->types[sample_types[i]])
			memcpy(r->sample[i], sh->sample[i], SAMPLE_LEN);
	r->records = load64(&sh->total) - t0;
	r->events = load64(&sh->events) - ev0;
	r->lost = s1.lost - s0.lost;
	r->denied = skel->bss->nr_denied - den0;
	r->start_null = skel->bss->nr_start_null - null0;
	r->rb_full = skel->bss->nr_rb_full - full0;
	r->ops = sh->w_ops;
	r->bad = sh->w_bad;
	r->ops_per_iter = sh->w_ops_per_iter;
	r->iters = sh->w_iters;
	memcpy(r->ns, sh->w_ns, sizeof(r->ns));
	r->timed_ops = sh->w_timed_ops;
	r->elapsed = sh->w_elapsed;
	r->cpu_self = sh->w_cpu_self;
	r->cpu_kauditd = sh->w_cpu_kauditd;
	r->cpu_nl = sh->w_cpu_nl;
	r->cpu_rb = sh->w_cpu_rb;
	if (!WIFEXITED(status) || WEXITSTATUS(status) || sh->w_err) {
		fail_result(r, "error: %s", sh->w_msg[0] ? sh->w_msg :
			    "the loop process failed");
	} else if (r->bad) {
		fail_result(r, "error: %llu of %llu kill() calls did not return %s",
			    r->bad, r->ops, v->want_errno ? "EPERM" : "0");
	}
	if (r->iters > 0) {
		double sorted[MAX_ITERS];

		memcpy(sorted, r->ns, sizeof(sorted));
		qsort(sorted, r->iters, sizeof(double), cmp_double);
		r->min = sorted[0];
		r->max = sorted[r->iters - 1];
		r->median = r->iters % 2 ? sorted[r->iters / 2] :
			    (sorted[r->iters / 2 - 1] + sorted[r->iters / 2]) / 2;
	}
out:
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	if (never_added)
		bla_audit_del_rule(&ctl, &never);
	if (rule_added)
		bla_audit_del_rule(&ctl, &exitrule);
	bpf_link__destroy(link);
	for (i = 0; i < 2; i++) {
		if (ready[i] >= 0)
			close(ready[i]);
		if (go[i] >= 0)
			close(go[i]);
	}
	return r->status && strncmp(r->status, SKIPPED, strlen(SKIPPED)) ? -1 : 0;
}
