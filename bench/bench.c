// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: what an audited decision costs, side by side with what users
 * would use instead.  Runs as root inside the guest ('make bench' boots it
 * under qemu -icount, where guest nanoseconds are instruction counts);
 * the method and the figures are in docs/performance.md.
 *
 * Every variant times the same operation, kill(TARGET, 0) from a loop
 * process, which runs the task_kill LSM hook:
 *
 *	(a)  no program
 *	(b)  a program returning 0
 *	(b') the policy's checks in a program without kfuncs, allowing
 *	(c)  the kfunc program, logging off: allows without a record
 *	(c') the kfunc program's checks, then its allowed path, no record
 *	(d)  the kfunc program denies and logs one 1427 record
 *	(e)  the same facts as a ring buffer event, with a reader
 *	(f)  Landlock's signal scope denies, with its 1423 record
 *	(g)  a syscall audit rule on kill()
 *
 * each inside a syscall audit context ("ctx", as any process on a system
 * with auditing on) and, but (g), in a process without one ("noctx",
 * created under an "-a task,never" rule), so that a record's companion
 * SYSCALL, PROCTITLE and EOE records can be told from the record.  Audit
 * records go to a minimal netlink reader registered as the audit daemon;
 * ring buffer events to a reader process; the time of an operation runs
 * until its records (or event) have been received.
 *
 * Then: where the time of (d) and (e) goes (timestamps between the kfunc
 * calls, CPU time of each process, a flat profile of the record's path),
 * allocations per operation (the slab allocator's tracepoints, by call
 * site), and throughput and loss into the minimal reader and into
 * Debian's auditd.
 *
 * Usage: bench [--smoke] [--out DIR] [--label NAME] [--iterations N]
 *              [--no-throughput] [--variants ID,ID...]
 *   --smoke          one short iteration of everything, no timing; TAP
 *                    output; the exit status says whether anything failed
 *   --out DIR        writes bench-NAME.csv, bench-NAME.json and
 *                    throughput-NAME.csv there (default build/bench/results)
 *   --label NAME     the kernel's name in the results (default: uname -r)
 *   --iterations N   timed iterations per variant (default 7)
 *   --no-throughput  skips the throughput and loss runs
 *   --variants LIST  times these variants (ids as in the CSV: a, b-checks,
 *                    d-noctx, ...), in this order, repeats allowed
 * Exits 0, or 1 if a variant failed (a load, an attach, an unexpected
 * return value, a record that did not come), 2 on a usage error.  A missed
 * target is a finding, not an error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bench.h"
#include "bench.skel.h"
#include "prof.skel.h"

/* The status of a variant that did not run, before the reason. */
#define SKIPPED "skipped: "

#ifndef AUDIT_BPF_LSM_ACCESS
#define AUDIT_BPF_LSM_ACCESS 1427
#endif
#ifndef AUDIT_LANDLOCK_ACCESS
#define AUDIT_LANDLOCK_ACCESS 1423
#endif
#ifndef AUDIT_LANDLOCK_DOMAIN
#define AUDIT_LANDLOCK_DOMAIN 1424
#endif

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

#define NTYPES 2048
#define MAX_ITERS 32
#define NSAMPLES 6
#define SAMPLE_LEN 600
#define NS_PER_S 1000000000ULL

/* What marks the end of one operation's output. */
enum wait_kind { WAIT_NONE, WAIT_RECORD, WAIT_EVENT };

/* Memory shared by the bench, its readers and its loop processes. */
struct shared {
	/* Written by the netlink reader. */
	unsigned long long count[NTYPES];
	unsigned long long total;
	int sample_type[NSAMPLES];
	char sample[NSAMPLES][SAMPLE_LEN];
	/* Written by the ring buffer reader. */
	unsigned long long events;
	struct bench_event last_event;
	/* The loop's wait for its output; reset by the reader that ends it. */
	unsigned int wait_kind;
	unsigned int wait_type;
	unsigned long long wait_target;
	/* Reader state: 1 ready, or -errno. */
	int nl_state;
	int rb_state;
	/* The loop's results. */
	int w_err;
	char w_msg[256];
	unsigned long long w_ops_per_iter;
	unsigned long long w_ops;	/* every operation, warm-up included */
	unsigned long long w_bad;	/* kill() results other than expected */
	int w_iters;
	double w_ns[MAX_ITERS];
	unsigned long long w_timed_ops;
	unsigned long long w_elapsed;
	unsigned long long w_cpu_self, w_cpu_kauditd, w_cpu_nl, w_cpu_rb;
	/* Throughput runs. */
	unsigned long long t_ops;
	unsigned long long t_ns;
	int t_backlog_end;
};

static struct shared *sh;
static int notify_rd = -1, notify_wr = -1;
static bool smoke;
static pid_t target_pid, nl_pid, rb_pid, kauditd_pid;
static volatile sig_atomic_t stopping;

/* --- small helpers ------------------------------------------------------- */

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

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void set_comm(const char *name)
{
	prctl(PR_SET_NAME, name, 0, 0, 0);
}

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static unsigned long long load64(const unsigned long long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* --- the audit netlink interface ------------------------------------------ */

static int nl_socket(void)
{
	struct timeval tv = { .tv_sec = 5 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);

	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		close(fd);
		return -errno;
	}
	return fd;
}

/*
 * Sends a request with NLM_F_ACK and waits for its acknowledgement and, if
 * reply_type is set, its reply.  Records arriving on the socket (the
 * reader's) are skipped.  0 or -errno.
 */
static int nl_request(int fd, int type, const void *data, size_t len,
		      int reply_type, void *reply, size_t reply_len)
{
	static __u32 seq;
	char buf[NLMSG_SPACE(9000)];
	struct {
		struct nlmsghdr h;
		char data[sizeof(struct audit_rule_data) + 64];
	} req;
	bool acked = false, replied = !reply_type;

	if (len > sizeof(req.data))
		return -E2BIG;
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(len);
	req.h.nlmsg_type = type;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.h.nlmsg_seq = ++seq;
	memcpy(req.data, data, len);
	if (send(fd, &req, req.h.nlmsg_len, 0) < 0)
		return -errno;
	while (!acked || !replied) {
		struct nlmsghdr *nh = (struct nlmsghdr *)buf;
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n < 0 && (errno == EINTR || errno == ENOBUFS))
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		if (n < (ssize_t)NLMSG_HDRLEN || nh->nlmsg_seq != seq)
			continue;
		if (nh->nlmsg_type == NLMSG_ERROR) {
			int err = ((struct nlmsgerr *)NLMSG_DATA(nh))->error;

			if (err)
				return err;
			acked = true;
		} else if (nh->nlmsg_type == reply_type && !replied) {
			size_t got = n - NLMSG_HDRLEN;

			memset(reply, 0, reply_len);
			memcpy(reply, NLMSG_DATA(nh),
			       got < reply_len ? got : reply_len);
			replied = true;
		}
	}
	return 0;
}

static int audit_get(int fd, struct audit_status *s)
{
	return nl_request(fd, AUDIT_GET, NULL, 0, AUDIT_GET, s, sizeof(*s));
}

static int audit_set(int fd, __u32 mask, struct audit_status s)
{
	s.mask = mask;
	return nl_request(fd, AUDIT_SET, &s, sizeof(s), 0, NULL, 0);
}

/* "-a task,never": processes forked while it exists have no context. */
static void rule_task_never(struct audit_rule_data *r)
{
	memset(r, 0, sizeof(*r));
	r->flags = AUDIT_FILTER_TASK;
	r->action = AUDIT_NEVER;
}

/*
 * "-a always,exit -F arch=b64 -S kill -F a0=TARGET": only the loop's
 * kill(TARGET, 0), not a kill() that another process of the guest (a test
 * runner's timeout, say) makes meanwhile.
 */
static void rule_exit_kill(struct audit_rule_data *r)
{
	memset(r, 0, sizeof(*r));
	r->flags = AUDIT_FILTER_EXIT;
	r->action = AUDIT_ALWAYS;
	r->mask[__NR_kill / 32] |= 1U << (__NR_kill % 32);
	r->field_count = 2;
	r->fields[0] = AUDIT_ARCH;
	r->values[0] = AUDIT_ARCH_X86_64;
	r->fieldflags[0] = AUDIT_EQUAL;
	r->fields[1] = AUDIT_ARG0;
	r->values[1] = (__u32)target_pid;
	r->fieldflags[1] = AUDIT_EQUAL;
}

static int audit_rule(int fd, bool add, const struct audit_rule_data *r)
{
	return nl_request(fd, add ? AUDIT_ADD_RULE : AUDIT_DEL_RULE, r,
			  sizeof(*r), 0, NULL, 0);
}

/* --- readers ---------------------------------------------------------------- */

/* Ends the loop's wait if its target is reached. */
static void check_wait(unsigned int kind)
{
	unsigned int k = __atomic_load_n(&sh->wait_kind, __ATOMIC_ACQUIRE);
	unsigned long long have;

	if (k != kind)
		return;
	have = kind == WAIT_EVENT ? load64(&sh->events) :
	       load64(&sh->count[sh->wait_type % NTYPES]);
	if (have < sh->wait_target)
		return;
	if (__atomic_compare_exchange_n(&sh->wait_kind, &k, WAIT_NONE, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		if (write(notify_wr, "x", 1) != 1)
			sh->w_err = errno;
	}
}

/* The record types whose latest body is kept, for the report. */
static const int sample_types[NSAMPLES] = {
	AUDIT_BPF_LSM_ACCESS, AUDIT_LANDLOCK_ACCESS, AUDIT_SYSCALL,
	AUDIT_OBJ_PID, AUDIT_PROCTITLE, AUDIT_LANDLOCK_DOMAIN,
};

/*
 * The minimal netlink reader: registers itself as the audit daemon and
 * counts what it receives, by type.  One record per datagram; its
 * nlmsg_len is the payload's length (audit's historical quirk), so the
 * datagram's size is used instead.
 */
static void nl_reader(void)
{
	static char buf[NLMSG_SPACE(9000)];
	struct audit_status s = { .pid = getpid(), .enabled = 1 };
	struct sigaction sa = { .sa_handler = on_term };
	int fd, err, i;

	set_comm("bench-nlreader");
	sigaction(SIGTERM, &sa, NULL);
	fd = nl_socket();
	if (fd < 0) {
		sh->nl_state = fd;
		_exit(1);
	}
	err = audit_set(fd, AUDIT_STATUS_PID | AUDIT_STATUS_ENABLED, s);
	if (err) {
		sh->nl_state = err;
		_exit(1);
	}
	/* Records only from now on: no timeout. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO,
		   &(struct timeval){ 0 }, sizeof(struct timeval));
	__atomic_store_n(&sh->nl_state, 1, __ATOMIC_RELEASE);
	while (!stopping) {
		struct nlmsghdr *nh = (struct nlmsghdr *)buf;
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		size_t len;

		if (n < (ssize_t)NLMSG_HDRLEN)
			continue;
		if (nh->nlmsg_type < AUDIT_FIRST_USER_MSG ||
		    nh->nlmsg_type >= NTYPES)
			continue;
		__atomic_add_fetch(&sh->count[nh->nlmsg_type], 1,
				   __ATOMIC_RELEASE);
		__atomic_add_fetch(&sh->total, 1, __ATOMIC_RELEASE);
		for (i = 0; i < NSAMPLES; i++) {
			if (sample_types[i] != nh->nlmsg_type)
				continue;
			len = n - NLMSG_HDRLEN;
			if (len >= SAMPLE_LEN)
				len = SAMPLE_LEN - 1;
			memcpy(sh->sample[i], NLMSG_DATA(nh), len);
			sh->sample[i][len] = 0;
			sh->sample_type[i] = nh->nlmsg_type;
		}
		check_wait(WAIT_RECORD);
	}
	s.pid = 0;
	audit_set(fd, AUDIT_STATUS_PID, s);
	_exit(0);
}

static int on_event(void *ctx, void *data, size_t len)
{
	(void)ctx;
	if (len >= sizeof(struct bench_event))
		memcpy(&sh->last_event, data, sizeof(struct bench_event));
	__atomic_add_fetch(&sh->events, 1, __ATOMIC_RELEASE);
	check_wait(WAIT_EVENT);
	return 0;
}

/* The ring buffer reader: a process of its own, as a daemon would be. */
static void rb_reader(int map_fd)
{
	struct sigaction sa = { .sa_handler = on_term };
	struct ring_buffer *rb;

	set_comm("bench-rbreader");
	sigaction(SIGTERM, &sa, NULL);
	rb = ring_buffer__new(map_fd, on_event, NULL, NULL);
	if (!rb) {
		sh->rb_state = -errno;
		_exit(1);
	}
	__atomic_store_n(&sh->rb_state, 1, __ATOMIC_RELEASE);
	while (!stopping)
		ring_buffer__poll(rb, 1000);
	ring_buffer__free(rb);
	_exit(0);
}

static pid_t start_reader(void (*fn)(int), int arg, int *state)
{
	pid_t pid = fork();
	int i;

	if (pid < 0)
		return -errno;
	if (!pid)
		fn(arg);
	for (i = 0; i < 500; i++) {
		int st = __atomic_load_n(state, __ATOMIC_ACQUIRE);

		if (st)
			return st > 0 ? pid : st;
		sleep_ms(10);
	}
	return -ETIMEDOUT;
}

static void nl_reader_fn(int arg)
{
	(void)arg;
	nl_reader();
}

static void stop_process(pid_t *pid)
{
	int i;

	if (*pid <= 0)
		return;
	kill(*pid, SIGTERM);
	for (i = 0; i < 300; i++) {
		if (waitpid(*pid, NULL, WNOHANG) == *pid)
			break;
		sleep_ms(10);
	}
	if (i == 300) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = 0;
}

/* Waits until nothing has arrived for idle_ms (at most 10 s). */
static void quiesce(unsigned int idle_ms)
{
	unsigned long long t = load64(&sh->total), e = load64(&sh->events);
	int i;

	for (i = 0; i < 10000 / (int)idle_ms; i++) {
		sleep_ms(idle_ms);
		if (load64(&sh->total) == t && load64(&sh->events) == e)
			return;
		t = load64(&sh->total);
		e = load64(&sh->events);
	}
}

static pid_t find_kauditd(void)
{
	char path[96], comm[32];
	pid_t pid;
	FILE *f;

	for (pid = 2; pid < 1000; pid++) {
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f) &&
		    !strncmp(comm, "kauditd", 7)) {
			fclose(f);
			return pid;
		}
		fclose(f);
	}
	return 0;
}

/* --- Landlock -------------------------------------------------------------- */

static int landlock_abi(void)
{
	long v = syscall(__NR_landlock_create_ruleset, NULL, 0,
			 BENCH_LANDLOCK_CREATE_RULESET_VERSION);

	return v < 0 ? -errno : (int)v;
}

/* Why (f) cannot run here, or NULL. */
static const char *landlock_skip_reason(void)
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

/* --- variants -------------------------------------------------------------- */

enum prog_kind {
	P_NONE, P_RET0, P_CHECKS, P_AUDIT, P_RB, P_AUDIT_STEPS, P_RB_STEPS,
};

struct variant {
	const char *id;		/* "d", "d-noctx" */
	const char *letter;	/* the letter */
	const char *what;
	enum prog_kind prog;
	int enforce;
	bool other_sender;	/* the policy does not match the loop */
	bool ctx;		/* inside a syscall audit context */
	bool landlock;
	bool rule;		/* the syscall rule on kill() */
	int want_errno;
	enum wait_kind wait;	/* what ends one operation's output */
	int wait_type;
	int main_type;		/* the output counted per op; -1 events */
};

#define EV (-1)

static const struct variant variants[] = {
	{ "a", "a", "no program", P_NONE, 0, false, true, false, false, 0,
	  WAIT_NONE, 0, 0 },
	{ "b", "b", "program returns 0", P_RET0, 0, false, true, false, false,
	  0, WAIT_NONE, 0, 0 },
	{ "b-checks", "b'", "policy checks without kfuncs; allows", P_CHECKS,
	  1, true, true, false, false, 0, WAIT_NONE, 0, 0 },
	{ "c", "c", "kfunc program; logging off; allows", P_AUDIT, 0, false,
	  true, false, false, 0, WAIT_NONE, 0, 0 },
	{ "c-checks", "c'", "kfunc program; checks then allows; no log",
	  P_AUDIT, 1, true, true, false, false, 0, WAIT_NONE, 0, 0 },
	{ "d", "d", "deny + 1427 record to a netlink reader", P_AUDIT, 1,
	  false, true, false, false, EPERM, WAIT_RECORD, AUDIT_EOE,
	  AUDIT_BPF_LSM_ACCESS },
	{ "e", "e", "deny + ring buffer event to a reader", P_RB, 1, false,
	  true, false, false, EPERM, WAIT_EVENT, 0, EV },
	{ "f", "f", "Landlock deny + 1423 record to the reader", P_NONE, 0,
	  false, true, true, false, EPERM, WAIT_RECORD, AUDIT_EOE,
	  AUDIT_LANDLOCK_ACCESS },
	{ "g", "g", "syscall rule on kill() to the reader", P_NONE, 0, false,
	  true, false, true, 0, WAIT_RECORD, AUDIT_EOE, AUDIT_SYSCALL },
	{ "a-noctx", "a", "no program", P_NONE, 0, false, false, false, false,
	  0, WAIT_NONE, 0, 0 },
	{ "b-noctx", "b", "program returns 0", P_RET0, 0, false, false, false,
	  false, 0, WAIT_NONE, 0, 0 },
	{ "c-noctx", "c", "kfunc program; logging off; allows", P_AUDIT, 0,
	  false, false, false, false, 0, WAIT_NONE, 0, 0 },
	{ "d-noctx", "d", "deny + 1427 record to a netlink reader", P_AUDIT, 1,
	  false, false, false, false, EPERM, WAIT_RECORD, AUDIT_BPF_LSM_ACCESS,
	  AUDIT_BPF_LSM_ACCESS },
	{ "e-noctx", "e", "deny + ring buffer event to a reader", P_RB, 1,
	  false, false, false, false, EPERM, WAIT_EVENT, 0, EV },
	{ "f-noctx", "f", "Landlock deny + 1423 record to the reader", P_NONE,
	  0, false, false, true, false, EPERM, WAIT_RECORD,
	  AUDIT_LANDLOCK_ACCESS, AUDIT_LANDLOCK_ACCESS },
};
#define NVARIANTS (sizeof(variants) / sizeof(variants[0]))
/* Variants one run may time (--variants may repeat them). */
#define MAX_RUNS 32

/* The breakdown runs: (d) and (e) with timestamps, outside a context. */
static const struct variant steps_audit = {
	"d-steps", "d", "(d) with timestamps", P_AUDIT_STEPS, 1, false, false,
	false, false, EPERM, WAIT_RECORD, AUDIT_BPF_LSM_ACCESS,
	AUDIT_BPF_LSM_ACCESS,
};
static const struct variant steps_rb = {
	"e-steps", "e", "(e) with timestamps", P_RB_STEPS, 1, false, false,
	false, false, EPERM, WAIT_EVENT, 0, EV,
};

/* What one run measured. */
struct result {
	const struct variant *v;
	const char *status;	/* NULL: ran; else why not, or the error */
	char status_buf[300];
	unsigned long long ops_per_iter, ops, bad;
	int iters;
	double ns[MAX_ITERS];
	double median, min, max;
	unsigned long long timed_ops, elapsed;
	unsigned long long cpu_self, cpu_kauditd, cpu_nl, cpu_rb;
	unsigned long long types[NTYPES];	/* records received, by type */
	unsigned long long records, events, lost;
	unsigned long long denied, start_null, rb_full;
	double ratio_a, ratio_b;
	/* The last record of each sample type received during the run. */
	char sample[NSAMPLES][SAMPLE_LEN];
};

/* --- the loop process -------------------------------------------------------- */

enum loop_mode { LOOP_TIMED, LOOP_PLAIN, LOOP_RATE };

struct loop {
	const struct variant *v;
	enum loop_mode mode;
	int iterations;
	unsigned long long plain_ops;	/* LOOP_PLAIN */
	unsigned long long rate;	/* LOOP_RATE: ops/s, 0 flat out */
	unsigned long long duration;	/* LOOP_RATE: ns */
	__u32 *flag;			/* LOOP_PLAIN: set around the ops */
	struct bench *skel;
};

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
	struct audit_status s;
	int fd = nl_socket();

	if (fd < 0)
		loop_fail("netlink: %s", strerror(-fd));
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
	sh->t_backlog_end = audit_get(fd, &s) ? -1 : (int)s.backlog;
	close(fd);
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

static int ctl = -1;	/* the bench's own audit request socket */

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

static const char *ll_skip;	/* why Landlock variants cannot run, or NULL */

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
static int run_variant(struct bench *skel, const struct loop *l,
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
		err = audit_rule(ctl, true, &exitrule);
		if (err) {
			fail_result(r, "error: adding the kill() rule: %s",
				    strerror(-err));
			goto out;
		}
		rule_added = true;
	}
	if (!v->ctx) {
		rule_task_never(&never);
		err = audit_rule(ctl, true, &never);
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
		audit_rule(ctl, false, &never);
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
	if (audit_get(ctl, &s0))
		memset(&s0, 0, sizeof(s0));

	if (write(go[1], "g", 1) != 1) {
		fail_result(r, "error: starting the loop: %s", strerror(errno));
		goto out;
	}
	waitpid(pid, &status, 0);
	pid = -1;
	quiesce(l->mode == LOOP_RATE ? 500 : 50);

	if (audit_get(ctl, &s1))
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
		audit_rule(ctl, false, &never);
	if (rule_added)
		audit_rule(ctl, false, &exitrule);
	bpf_link__destroy(link);
	for (i = 0; i < 2; i++) {
		if (ready[i] >= 0)
			close(ready[i]);
		if (go[i] >= 0)
			close(go[i]);
	}
	return r->status && strncmp(r->status, SKIPPED, strlen(SKIPPED)) ? -1 : 0;
}

/* --- reporting ----------------------------------------------------------- */

static double per_op(unsigned long long n, const struct result *r)
{
	return r->ops ? (double)n / r->ops : 0;
}

static double main_per_op(const struct result *r)
{
	if (r->v->main_type == EV)
		return per_op(r->events, r);
	if (!r->v->main_type)
		return per_op(r->records + r->events, r);
	return per_op(r->types[r->v->main_type], r);
}

static const char *main_name(const struct variant *v)
{
	switch (v->main_type) {
	case EV: return "events";
	case AUDIT_BPF_LSM_ACCESS: return "1427";
	case AUDIT_LANDLOCK_ACCESS: return "1423";
	case AUDIT_SYSCALL: return "SYSCALL";
	}
	return "-";
}

static struct result *find(struct result *res, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (res[i].v && !strcmp(res[i].v->id, id) && !res[i].status &&
		    res[i].iters)
			return &res[i];
	return NULL;
}

static double ratio(struct result *res, size_t n, const char *x,
		    const char *y)
{
	struct result *a = find(res, n, x), *b = find(res, n, y);

	return a && b && b->median > 0 ? a->median / b->median : NAN;
}

static void fill_ratios(struct result *res, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *mode = res[i].v->ctx ? "" : "-noctx";
		char a[16], b[16];

		snprintf(a, sizeof(a), "a%s", mode);
		snprintf(b, sizeof(b), "b%s", mode);
		res[i].ratio_a = ratio(res, n, res[i].v->id, a);
		res[i].ratio_b = ratio(res, n, res[i].v->id, b);
	}
}

static void print_table(FILE *f, struct result *res, size_t n)
{
	size_t i;

	fprintf(f, "%-8s %-5s %-44s %9s %8s %7s %7s %-7s %6s %6s %5s\n",
		"variant", "ctx", "what", "ns/op", "spread", "x(a)", "x(b)",
		"output", "out/op", "rec/op", "lost");
	for (i = 0; i < n; i++) {
		struct result *r = &res[i];
		char letter[8];

		snprintf(letter, sizeof(letter), "(%s)", r->v->letter);
		if (r->status) {
			fprintf(f, "%-8s %-5s %-44s %s\n", letter,
				r->v->ctx ? "yes" : "no", r->v->what, r->status);
			continue;
		}
		fprintf(f, "%-8s %-5s %-44s %9.0f %7.2f%% %7.3f %7.3f %-7s %6.2f %6.2f %5llu\n",
			letter, r->v->ctx ? "yes" : "no", r->v->what, r->median,
			r->median > 0 ? 100 * (r->max - r->min) / r->median : 0,
			r->ratio_a, r->ratio_b, main_name(r->v), main_per_op(r),
			per_op(r->records, r), r->lost);
	}
}

static void fprint_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static void fprint_num(FILE *f, double x)
{
	if (isnan(x))
		fputs("null", f);
	else
		fprintf(f, "%.4f", x);
}

/* --- allocations ---------------------------------------------------------------- */

struct ksym {
	unsigned long long addr;
	char name[64];
};

static struct ksym *ksyms;
static size_t nksyms;

static int cmp_ksym(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void load_ksyms(void)
{
	char line[256], name[128], type;
	unsigned long long addr;
	size_t cap = 0;
	FILE *f;

	f = fopen("/proc/kallsyms", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %127s", &addr, &type, name) != 3)
			continue;
		if (type != 't' && type != 'T')
			continue;
		if (nksyms == cap) {
			cap = cap ? 2 * cap : 65536;
			ksyms = realloc(ksyms, cap * sizeof(*ksyms));
			if (!ksyms) {
				nksyms = 0;
				break;
			}
		}
		ksyms[nksyms].addr = addr;
		name[sizeof(ksyms[nksyms].name) - 1] = 0;
		memcpy(ksyms[nksyms].name, name, strlen(name) + 1);
		nksyms++;
	}
	fclose(f);
	qsort(ksyms, nksyms, sizeof(*ksyms), cmp_ksym);
}

static const char *ksym_name(unsigned long long addr)
{
	size_t lo = 0, hi = nksyms;

	if (!nksyms || addr < ksyms[0].addr)
		return "?";
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (ksyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return ksyms[lo].name;
}

#define MAX_SITES 64

struct alloc_site {
	char site[64];
	char what[48];
	unsigned long long count;
};

struct alloc_result {
	const char *id;
	char status[160];	/* empty: ran */
	unsigned long long ops;
	size_t nsites;
	struct alloc_site sites[MAX_SITES];
	unsigned long long total;
};

static int cmp_site(const void *a, const void *b)
{
	const struct alloc_site *x = a, *y = b;

	return x->count < y->count ? 1 : x->count > y->count ? -1 :
	       strcmp(x->site, y->site);
}

/* Reads and empties the allocation map into ar. */
static void collect_allocs(struct bench *skel, struct alloc_result *ar)
{
	int fd = bpf_map__fd(skel->maps.allocs);
	struct alloc_key key, next, *prev = NULL;
	struct alloc_val val;
	size_t i;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &val))
			continue;
		{
			char site[64], what[48];

			snprintf(site, sizeof(site), "%s", ksym_name(key.site));
			if (key.kind)
				snprintf(what, sizeof(what), "%s", val.cache);
			else
				snprintf(what, sizeof(what), "kmalloc-%u",
					 key.size);
			for (i = 0; i < ar->nsites; i++)
				if (!strcmp(ar->sites[i].site, site) &&
				    !strcmp(ar->sites[i].what, what))
					break;
			if (i == ar->nsites) {
				if (ar->nsites == MAX_SITES)
					continue;
				snprintf(ar->sites[i].site, sizeof(ar->sites[i].site),
					 "%s", site);
				snprintf(ar->sites[i].what, sizeof(ar->sites[i].what),
					 "%s", what);
				ar->nsites++;
			}
			ar->sites[i].count += val.count;
			ar->total += val.count;
		}
	}
	/* Empty it for the next variant. */
	while (!bpf_map_get_next_key(fd, NULL, &next))
		bpf_map_delete_elem(fd, &next);
	qsort(ar->sites, ar->nsites, sizeof(ar->sites[0]), cmp_site);
}

/* --- throughput ------------------------------------------------------------------ */

struct tp_result {
	const char *reader;
	double offered;		/* ops/s asked, real-time; 0 flat out, fair */
	double achieved;	/* ops/s issued */
	unsigned long long ops, denied, received, lost, start_null;
	int backlog_end;
	double duration;	/* s */
	double recv_rate;	/* received during the window, per s */
	bool accounted;		/* received + lost == records attempted */
	bool kept_up;		/* no loss, at most 2 ms of records queued */
	char status[160];	/* empty: ran */
};

#define MAX_TP 40

static char auditd_dir[] = "/tmp/bench-auditd";
static char auditd_log[] = "/tmp/bench-auditd/audit.log";
static off_t auditd_off;
static char auditd_partial[1024];
static unsigned long long auditd_count;
static unsigned int audit_prog_id;

/* Counts the 1427 records of audit_deny that auditd has written since. */
static unsigned long long auditd_read(void)
{
	char buf[65536 + sizeof(auditd_partial)], needle[48];
	int fd = open(auditd_log, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return auditd_count;
	snprintf(needle, sizeof(needle), "prog-id=%u ", audit_prog_id);
	lseek(fd, auditd_off, SEEK_SET);
	for (;;) {
		size_t keep = strlen(auditd_partial);
		char *line, *nl;

		memcpy(buf, auditd_partial, keep);
		n = read(fd, buf + keep, sizeof(buf) - keep - 1 -
			 sizeof(auditd_partial));
		if (n <= 0)
			break;
		auditd_off += n;
		buf[keep + n] = 0;
		line = buf;
		while ((nl = strchr(line, '\n'))) {
			*nl = 0;
			if ((strstr(line, "type=UNKNOWN[1427]") ||
			     strstr(line, "type=BPF_LSM_ACCESS")) &&
			    strstr(line, needle))
				auditd_count++;
			line = nl + 1;
		}
		/* A partial line longer than a record is none of ours. */
		keep = strlen(line);
		if (keep >= sizeof(auditd_partial))
			keep = 0;
		memcpy(auditd_partial, line, keep);
		auditd_partial[keep] = 0;
	}
	close(fd);
	return auditd_count;
}

/* Debian's auditd.conf, with its log in /tmp and no rotation. */
static int auditd_config(void)
{
	FILE *in = fopen("/etc/audit/auditd.conf", "r"), *out;
	char line[512], path[128];

	if (!in)
		return -errno;
	mkdir(auditd_dir, 0750);
	snprintf(path, sizeof(path), "%s/auditd.conf", auditd_dir);
	out = fopen(path, "w");
	if (!out) {
		fclose(in);
		return -errno;
	}
	fchmod(fileno(out), 0640);
	while (fgets(line, sizeof(line), in)) {
		if (!strncmp(line, "log_file", 8))
			fprintf(out, "log_file = %s\n", auditd_log);
		else if (!strncmp(line, "max_log_file_action", 19))
			fprintf(out, "max_log_file_action = IGNORE\n");
		else
			fputs(line, out);
	}
	fclose(in);
	fclose(out);
	unlink(auditd_log);
	auditd_off = 0;
	auditd_partial[0] = 0;
	auditd_count = 0;
	return 0;
}

static pid_t start_auditd(void)
{
	struct audit_status s;
	pid_t pid;
	int i, err = auditd_config();

	if (err)
		return err;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 1);
		dup2(null, 2);
		execlp("auditd", "auditd", "-n", "-c", auditd_dir, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 500; i++) {
		if (!audit_get(ctl, &s) && s.pid == (__u32)pid)
			return pid;
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return -ECHILD;
		sleep_ms(20);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -ETIMEDOUT;
}

static void run_rate(struct bench *skel, const char *reader, double rate,
		     double seconds, struct tp_result *t)
{
	struct loop l = {
		.mode = LOOP_RATE,
		.rate = (unsigned long long)rate,
		.duration = (unsigned long long)(seconds * NS_PER_S),
		.skel = skel,
	};
	bool is_auditd = !strcmp(reader, "auditd");
	unsigned long long before = 0, got, last;
	struct result *r = calloc(1, sizeof(*r));
	int i;

	memset(t, 0, sizeof(*t));
	t->reader = reader;
	t->offered = rate;
	/* (d) without a context: one record per operation. */
	for (i = 0; i < (int)NVARIANTS; i++)
		if (!strcmp(variants[i].id, "d-noctx"))
			l.v = &variants[i];
	if (!r) {
		snprintf(t->status, sizeof(t->status), "error: out of memory");
		return;
	}
	if (is_auditd)
		before = auditd_read();
	run_variant(skel, &l, r);
	t->ops = sh->t_ops;
	t->duration = sh->t_ns / 1e9;
	t->achieved = t->duration > 0 ? t->ops / t->duration : 0;
	t->backlog_end = sh->t_backlog_end;
	t->denied = r->denied;
	t->start_null = r->start_null;
	if (is_auditd) {
		/* auditd writes asynchronously: until its count settles. */
		last = auditd_read();
		for (i = 0; i < 100; i++) {
			sleep_ms(200);
			got = auditd_read();
			if (got == last && got - before + r->lost >= t->ops)
				break;
			if (got == last && i > 10)
				break;
			last = got;
		}
		t->received = auditd_read() - before;
	} else {
		t->received = r->types[AUDIT_BPF_LSM_ACCESS];
	}
	/*
	 * The lost count is global: the loop, without a context, makes no
	 * other record, so every loss in the window is one of its records.
	 */
	t->lost = r->lost;
	t->accounted = t->received + t->lost == t->ops &&
		       t->start_null == t->lost;
	t->kept_up = !t->lost && t->backlog_end >= 0 &&
		     t->backlog_end <= 16 + 2 * t->achieved / 1000;
	if (t->duration > 0) {
		long long in_window = (long long)t->ops - (long long)t->lost -
				      (t->backlog_end > 0 ? t->backlog_end : 0);

		t->recv_rate = in_window > 0 ? in_window / t->duration : 0;
	}
	if (r->status)
		snprintf(t->status, sizeof(t->status), "%s", r->status);
	free(r);
}

/* --- main ------------------------------------------------------------------- */

/* What the throughput runs into one reader found. */
struct tp_summary {
	const char *reader;
	double flat;		/* received per s, flat out, fair scheduler */
	double sustained;	/* highest offered rate the readers kept up with */
	double no_loss;		/* highest offered rate without loss */
	double loss;		/* lowest offered rate with loss */
};

/* Everything one run measured, for the report. */
static struct {
	char uname_r[128];
	char clocksource[64];
	char label[128];
	int iterations;
	struct result res[MAX_RUNS];	/* in run order */
	size_t nres;
	const struct variant *order[MAX_RUNS];
	struct result steps[2];			/* steps_audit, steps_rb */
	double step_avg[2][BENCH_NR_STEPS];	/* per run, ns */
	unsigned long long step_runs[2];
	struct alloc_result ares[8];
	int nares;
	struct tp_result tps[MAX_TP];
	int ntp;
	struct tp_summary tpsum[2];
} run;

static int tap_n, tap_failed;

/* A TAP result line, in --smoke mode only. */
static void tap(bool ok, const char *fmt, ...)
{
	va_list ap;

	if (!smoke)
		return;
	printf("%sok %d - ", ok ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		tap_failed++;
}

static bool skipped(const char *status)
{
	return status && !strncmp(status, SKIPPED, strlen(SKIPPED));
}

static const struct variant *variant_by_id(const char *id)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++)
		if (!strcmp(variants[i].id, id))
			return &variants[i];
	return NULL;
}

static unsigned int prog_id(struct bpf_program *p)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(bpf_program__fd(p), &info, &len))
		return 0;
	return info.id;
}

static int mkdir_p(const char *dir)
{
	char tmp[512], *p;

	snprintf(tmp, sizeof(tmp), "%s", dir);
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(tmp, 0755);
		*p = '/';
	}
	return mkdir(tmp, 0755) && errno != EEXIST ? -errno : 0;
}

static const char *const audit_step_names[] = {
	"bpf_audit_log_start", "bpf_audit_log_cause", "bpf_audit_log_task",
	"bpf_audit_log_decision", "bpf_audit_log_end",
};
static const char *const rb_step_names[] = {
	"bpf_ringbuf_reserve", "fill the event", "bpf_ringbuf_submit",
};
/* The slot of the timestamp's own cost, in each breakdown. */
static const int step_ts_slot[2] = { 5, 3 };
static const int step_count[2] = { 5, 3 };

static bool have_steps(int i)
{
	return !run.steps[i].status && run.step_runs[i];
}

static double step_ns(int i, int j)
{
	return run.step_avg[i][j] - run.step_avg[i][step_ts_slot[i]];
}

/* --- the phases ---------------------------------------------------------- */

static int run_variants(struct bench *skel)
{
	int status = 0;
	size_t i;

	for (i = 0; i < run.nres; i++) {
		struct loop l = {
			.v = run.order[i], .mode = LOOP_TIMED,
			.iterations = run.iterations, .skel = skel,
		};
		struct result *r = &run.res[i];
		bool ok;
		double m;

		if (!smoke)
			printf("bench: (%s) %s, %s ...\n", l.v->letter,
			       l.v->what, l.v->ctx ?
			       "in a syscall audit context" : "no syscall audit context");
		if (run_variant(skel, &l, r))
			status = 1;
		m = main_per_op(r);
		if (skipped(r->status)) {
			/* A TAP directive, so that it is not counted as passed. */
			tap(true, "(%s) %s, %s # SKIP %s", r->v->id, r->v->what,
			    r->v->ctx ? "ctx" : "noctx",
			    r->status + strlen(SKIPPED));
			continue;
		}
		ok = !r->status &&
		     (!r->v->main_type || (m == 1.0 && !r->lost));
		tap(ok, "(%s) %s, %s: %s%s%.2f %s/op", r->v->id, r->v->what,
		    r->v->ctx ? "ctx" : "noctx", r->status ? r->status : "ran",
		    r->status ? " " : ", ", m, main_name(r->v));
	}
	fill_ratios(run.res, run.nres);
	return status;
}

/* (d) and (e) with timestamps between their steps, outside a context. */
static int run_breakdown(struct bench *skel)
{
	int status = 0, i, j;

	for (i = 0; i < 2; i++) {
		struct loop l = {
			.v = i ? &steps_rb : &steps_audit, .mode = LOOP_TIMED,
			.iterations = smoke ? 1 : 3, .skel = skel,
		};

		if (!smoke)
			printf("bench: breakdown of (%s) ...\n", l.v->letter);
		memset(skel->bss->step_ns, 0, sizeof(skel->bss->step_ns));
		skel->bss->step_runs = 0;
		if (run_variant(skel, &l, &run.steps[i]))
			status = 1;
		/* Averages over every run, warm-up included. */
		run.step_runs[i] = skel->bss->step_runs;
		for (j = 0; j < BENCH_NR_STEPS; j++)
			run.step_avg[i][j] = run.step_runs[i] ?
				(double)skel->bss->step_ns[j] / run.step_runs[i] : 0;
		tap(!run.steps[i].status && run.step_runs[i],
		    "breakdown %s: %llu timestamped runs", l.v->id,
		    run.step_runs[i]);
	}
	return status;
}

/* Allocations per operation, by call site, for the variants that log. */
static int run_allocs(struct bench *skel)
{
	static const char *const ids[] = {
		"b-noctx", "d-noctx", "d", "e-noctx", "f-noctx", "f", "g",
	};
	struct result *r = calloc(1, sizeof(*r));
	int status = 0;
	size_t i;

	if (!r)
		return 1;
	if (!smoke)
		printf("bench: allocations ...\n");
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct alloc_result *ar = &run.ares[run.nares++];
		struct loop l = {
			.v = variant_by_id(ids[i]), .mode = LOOP_PLAIN,
			.plain_ops = smoke ? 10 : 200,
			.flag = &skel->bss->count_allocs,
			.skel = skel,
		};
		struct bpf_link *t1, *t2;

		ar->id = l.v->id;
		ar->ops = l.plain_ops;
		t1 = bpf_program__attach(skel->progs.on_kmalloc);
		t2 = bpf_program__attach(skel->progs.on_cache_alloc);
		if (!t1 || !t2) {
			snprintf(ar->status, sizeof(ar->status),
				 "error: attaching the allocation tracepoints: %s",
				 strerror(errno));
			status = 1;
		} else {
			if (run_variant(skel, &l, r))
				status = 1;
			if (r->status)
				snprintf(ar->status, sizeof(ar->status), "%s",
					 r->status);
		}
		bpf_link__destroy(t1);
		bpf_link__destroy(t2);
		collect_allocs(skel, ar);
	}
	free(r);
	tap(!status, "allocation counts for %d variants", run.nares);
	return status;
}

/*
 * Throughput and loss, into the minimal reader and then into auditd: flat
 * out first, then offered rates around what was received flat out.
 */
/*
 * A flat profile of (d) and (f) without a context: for each function, a
 * probe of its own (prof.bpf.c) sums the time from its entry to its exit
 * during 200 operations.  The functions are those of the record's path;
 * where the kernels differ, the first name the kernel has is taken.  No
 * free function is probed: on 7.3, detaching a probe from
 * kmem_cache_free() while an RCU callback ran it oopsed the guest once
 * (radix_tree_node_rcu_free() writing to kernel text).
 */
static const char *const prof_funcs[][3] = {
	{ "bpf_audit_log_start", "bpf_audit_log_start_impl", NULL },
	{ "bpf_audit_log_cause", NULL, NULL },
	{ "bpf_audit_log_task", NULL, NULL },
	{ "bpf_audit_log_decision", NULL, NULL },
	{ "bpf_audit_log_end", NULL, NULL },
	{ "_kmalloc_nolock_noprof", "__kmalloc_cache_noprof", NULL },
	{ "kfree_nolock", NULL, NULL },
	{ "landlock_log_denial", NULL, NULL },
	{ "audit_log_start", NULL, NULL },
	{ "audit_log_vformat", "vsnprintf", NULL },
	{ "audit_log_n_untrustedstring", NULL, NULL },
	{ "audit_log_lsm_data", "dump_common_audit_data", NULL },
	{ "audit_log_end", NULL, NULL },
	{ "kmem_cache_alloc_noprof", NULL, NULL },
	{ "__alloc_skb", NULL, NULL },
	{ "netlink_unicast", NULL, NULL },
	{ "skb_clone", NULL, NULL },
	{ "pskb_expand_head", NULL, NULL },
};
#define NPROF (sizeof(prof_funcs) / sizeof(prof_funcs[0]))
/* The rows the report reads by name. */
enum {
	PROF_DECISION = 3, PROF_CTX_ALLOC = 5, PROF_VFORMAT = 9, PROF_ESCAPE = 10,
};
static const char *const prof_variants[] = { "d-noctx", "f-noctx" };
#define NPROFV 2

struct prof_row {
	const char *func;		/* NULL: the kernel has none */
	char status[96];		/* empty: measured */
	double calls[NPROFV];		/* per operation */
	double ns[NPROFV];		/* per operation, probe included */
};

static struct prof_row prof_rows[NPROF];

/* The probe's own cost in a window: the do-nothing kfunc's, less its own. */
static double prof_overhead = NAN;

/* The probe on fn, loaded and attached; NULL with the reason in why. */
static struct prof *prof_attach(const char *fn, char *why, size_t len)
{
	struct prof *p = prof__open();
	int err = p ? 0 : -errno;

	if (!err)
		err = bpf_program__set_attach_target(p->progs.prof_entry, 0, fn);
	if (!err)
		err = bpf_program__set_attach_target(p->progs.prof_exit, 0, fn);
	if (!err)
		err = prof__load(p);
	if (!err)
		err = prof__attach(p);
	if (!err)
		return p;
	snprintf(why, len, "cannot be traced (%s)", strerror(-err));
	prof__destroy(p);
	return NULL;
}

/* Measures row's function, probe p attached, in each profiled variant. */
static int prof_measure(struct bench *skel, struct prof *p,
			struct prof_row *row, struct result *r)
{
	int status = 0, k;

	for (k = 0; k < NPROFV; k++) {
		struct loop l = {
			.v = variant_by_id(prof_variants[k]),
			.mode = LOOP_PLAIN, .plain_ops = smoke ? 10 : 200,
			.flag = &p->bss->enabled, .skel = skel,
		};

		p->bss->total_ns = p->bss->calls = 0;
		p->bss->t_entry = 0;
		if (run_variant(skel, &l, r))
			status = 1;
		if (skipped(r->status)) {
			row->calls[k] = row->ns[k] = NAN;
			continue;
		}
		if (r->status) {
			snprintf(row->status, sizeof(row->status), "%s", r->status);
			continue;
		}
		row->calls[k] = (double)p->bss->calls / l.plain_ops;
		row->ns[k] = (double)p->bss->total_ns / l.plain_ops;
	}
	return status;
}

static bool prof_called(const struct prof_row *row)
{
	int k;

	for (k = 0; k < NPROFV; k++)
		if (row->calls[k] > 0)
			return true;
	return false;
}

static int run_profile(struct bench *skel)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	struct result *r = calloc(1, sizeof(*r));
	int status = 0;
	size_t i, j, m;

	if (!vmlinux || !r) {
		free(r);
		btf__free(vmlinux);
		tap(false, "profile: vmlinux BTF");
		return 1;
	}
	if (!smoke)
		printf("bench: profile ...\n");
	for (i = 0; i < NPROF; i++) {
		struct prof_row *row = &prof_rows[i];

		/*
		 * The first name the kernel has, can trace and calls (a
		 * kfunc with implicit arguments has two names in BTF, of
		 * which one is called, depending on the kernel).
		 */
		for (j = 0; j < 3 && prof_funcs[i][j]; j++) {
			const char *fn = prof_funcs[i][j];
			struct prof *p;
			bool dup = false;

			if (btf__find_by_name_kind(vmlinux, fn, BTF_KIND_FUNC) <= 0)
				continue;
			for (m = 0; m < i; m++)
				if (prof_rows[m].func && !strcmp(prof_rows[m].func, fn))
					dup = true;
			if (dup)
				continue;
			row->func = fn;
			p = prof_attach(fn, row->status, sizeof(row->status));
			if (!p)
				continue;
			row->status[0] = 0;
			status |= prof_measure(skel, p, row, r);
			prof__destroy(p);
			if (prof_called(row))
				break;
		}
		if (!row->func) {
			row->func = prof_funcs[i][0];
			snprintf(row->status, sizeof(row->status),
				 "not in this kernel");
		}
	}
	btf__free(vmlinux);
	free(r);
	/* bpf_audit_log_decision: only a check and a store. */
	if (!prof_rows[PROF_DECISION].status[0] && prof_rows[PROF_DECISION].calls[0] > 0 &&
	    have_steps(0))
		prof_overhead = prof_rows[PROF_DECISION].ns[0] / prof_rows[PROF_DECISION].calls[0] -
				step_ns(0, 3);
	tap(!status, "profile of %zu functions", NPROF);
	return status;
}

/* The lowest rate that lost records, and the highest below it that did not. */
static void loss_bounds(int first, double *ok, double *lossy)
{
	int m;

	*ok = 0;
	*lossy = 0;
	for (m = first; m < run.ntp; m++) {
		struct tp_result *t = &run.tps[m];

		if (t->status[0] || !t->offered)
			continue;
		if (t->lost && (!*lossy || t->offered < *lossy))
			*lossy = t->offered;
	}
	for (m = first; m < run.ntp; m++) {
		struct tp_result *t = &run.tps[m];

		if (t->status[0] || !t->offered || t->lost)
			continue;
		if ((!*lossy || t->offered < *lossy) && t->offered > *ok)
			*ok = t->offered;
	}
}

/*
 * Throughput and loss, into the minimal reader and then into auditd:
 * flat out under the fair scheduler first (what the readers sustain when
 * the producer shares the CPU with them), then a real-time producer at
 * offered rates around that, then three halvings of the interval in which
 * loss begins.
 */
static int run_throughput(struct bench *skel, const struct audit_status *saved)
{
	static const double fractions[] = {
		0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0,
	};
	static const char *const readers[] = { "netlink", "auditd" };
	double window = smoke ? 0.05 : 0.5;
	struct audit_status quiet = *saved;
	int status = 0, k, m, first;
	pid_t auditd = 0;
	size_t j;

	/* Lost records are counted either way; no console message each. */
	quiet.failure = AUDIT_FAIL_SILENT;
	audit_set(ctl, AUDIT_STATUS_FAILURE, quiet);
	for (k = 0; k < 2; k++) {
		struct tp_summary *sum = &run.tpsum[k];
		bool ok = true;
		double flat;

		first = run.ntp;
		sum->reader = readers[k];
		if (k == 1) {
			stop_process(&nl_pid);
			auditd = start_auditd();
			if (auditd < 0) {
				struct tp_result *t = &run.tps[run.ntp++];

				t->reader = readers[k];
				snprintf(t->status, sizeof(t->status),
					 "error: auditd did not start: %s",
					 strerror(-auditd));
				tap(false, "throughput into auditd: %s", t->status);
				auditd = 0;
				status = 1;
				break;
			}
		}
		if (!smoke)
			printf("bench: throughput into %s ...\n", readers[k]);
		run_rate(skel, readers[k], 0, window, &run.tps[run.ntp]);
		flat = run.tps[run.ntp++].recv_rate;
		sum->flat = flat;
		for (j = 0; !smoke && flat > 0 &&
		     j < sizeof(fractions) / sizeof(fractions[0]); j++)
			run_rate(skel, readers[k], fractions[j] * flat, window,
				 &run.tps[run.ntp++]);
		if (smoke)
			run_rate(skel, readers[k], flat, window,
				 &run.tps[run.ntp++]);
		for (j = 0; !smoke && j < 3 && run.ntp < MAX_TP; j++) {
			double lo, hi;

			loss_bounds(first, &lo, &hi);
			if (!lo || !hi)
				break;
			run_rate(skel, readers[k], (lo + hi) / 2, window,
				 &run.tps[run.ntp++]);
		}
		loss_bounds(first, &sum->no_loss, &sum->loss);
		for (m = first; m < run.ntp; m++)
			if (run.tps[m].offered && run.tps[m].kept_up &&
			    run.tps[m].offered > sum->sustained)
				sum->sustained = run.tps[m].offered;
		for (m = first; m < run.ntp; m++)
			ok = ok && !run.tps[m].status[0] && run.tps[m].accounted;
		if (!ok)
			status = 1;
		tap(ok, "throughput into %s: every record received or counted lost (%d runs)",
		    readers[k], run.ntp - first);
	}
	if (auditd > 0)
		stop_process(&auditd);
	audit_set(ctl, AUDIT_STATUS_FAILURE, *saved);
	return status;
}

/* --- the report ------------------------------------------------------------ */


static const char *verdict(double ratio, double target)
{
	return isnan(ratio) ? "not measured" : ratio <= target ? "met" : "MISSED";
}

static void print_targets(void)
{
	struct result *res = run.res;
	double cb = ratio(res, run.nres, "c", "b");
	double cbn = ratio(res, run.nres, "c-noctx", "b-noctx");
	double cbk = ratio(res, run.nres, "c-checks", "b-checks");
	double df = ratio(res, run.nres, "d", "f");
	double dfn = ratio(res, run.nres, "d-noctx", "f-noctx");
	struct result *d = find(res, run.nres, "d");
	struct result *dn = find(res, run.nres, "d-noctx");
	struct result *b = find(res, run.nres, "b");
	struct result *bn = find(res, run.nres, "b-noctx");
	struct result *a = find(res, run.nres, "a");
	struct result *g = find(res, run.nres, "g");

	printf("\ntargets (ratios of medians, this run):\n");
	printf("  (c)/(b) <= 1.02: %.4f in a context (%s), %.4f without (%s); (c')/(b') %.4f (%s)\n",
	       cb, verdict(cb, 1.02), cbn, verdict(cbn, 1.02), cbk,
	       verdict(cbk, 1.02));
	printf("      the policy's checks themselves: (b')/(b) %.4f, (c')/(b) %.4f\n",
	       ratio(res, run.nres, "b-checks", "b"),
	       ratio(res, run.nres, "c-checks", "b"));
	if (isnan(df) || isnan(dfn))
		printf("  (d)/(f) <= 1.10: not measured (%s)\n",
		       ll_skip ? ll_skip : "a variant failed");
	else
		printf("  (d)/(f) <= 1.10: %.4f in a context (%s), %.4f without (%s)\n",
		       df, verdict(df, 1.10), dfn, verdict(dfn, 1.10));
	printf("  (d)/(e): %.3f in a context, %.3f without (reported, no target)\n",
	       ratio(res, run.nres, "d", "e"),
	       ratio(res, run.nres, "d-noctx", "e-noctx"));
	if (d && dn && b && bn) {
		double rec = dn->median - bn->median;
		double all = d->median - b->median;

		printf("  (d) costs %.0f ns over (b) in a context and %.0f over (b) without one:\n"
		       "      the record %.0f (%.0f%%), the companion records %.0f (%.0f%%)\n",
		       all, rec, rec, 100 * rec / all, all - rec,
		       100 * (all - rec) / all);
		if (g && a)
			printf("  (g) costs %.0f ns over (a) for %.2f records/op; (d) in a context %.0f over (b) for %.2f\n",
			       g->median - a->median, per_op(g->records, g), all,
			       per_op(d->records, d));
	}
}

static void print_breakdown(void)
{
	int i, j;
	size_t k;

	printf("\nwhere the time goes, without a syscall context (guest ns per operation):\n");
	for (i = 0; i < 2; i++) {
		double sum = 0;

		if (!have_steps(i))
			continue;
		for (j = 0; j < step_count[i]; j++) {
			printf("  %-24s %8.0f\n", i ? rb_step_names[j] :
			       audit_step_names[j], step_ns(i, j));
			sum += step_ns(i, j);
		}
		printf("  %-24s %8.0f  (one timestamp, %.0f, subtracted from each)\n",
		       i ? "ring buffer steps" : "kfunc calls", sum,
		       run.step_avg[i][step_ts_slot[i]]);
	}
	printf("  CPU time per operation, by process (other: the rest of the elapsed time):\n");
	printf("  %-8s %9s %9s %9s %9s %9s %9s\n", "variant", "elapsed",
	       "loop", "kauditd", "nlreader", "rbreader", "other");
	for (k = 0; k < run.nres; k++) {
		struct result *r = &run.res[k];
		double n = r->timed_ops, other;

		if (r->status || !n)
			continue;
		other = (double)r->elapsed - r->cpu_self - r->cpu_kauditd -
			r->cpu_nl - r->cpu_rb;
		printf("  %-8s %9.0f %9.0f %9.0f %9.0f %9.0f %9.0f\n", r->v->id,
		       r->elapsed / n, r->cpu_self / n, r->cpu_kauditd / n,
		       r->cpu_nl / n, r->cpu_rb / n, other / n);
	}
}

static void print_profile(void)
{
	size_t i;
	int k;

	printf("\nflat profile, without a syscall context: a probe on one function at a time; calls and\n"
	       "guest ns per operation from the function's entry to its exit, callees included");
	if (!isnan(prof_overhead))
		printf(";\neach call's figure includes the probe's own %.0f ns (measured on bpf_audit_log_decision)",
		       prof_overhead);
	printf("\n  %-30s", "function");
	for (k = 0; k < NPROFV; k++)
		printf(" %9s %-11s", prof_variants[k], "calls ns/op");
	printf("\n");
	for (i = 0; i < NPROF; i++) {
		struct prof_row *row = &prof_rows[i];

		if (!row->func)
			continue;
		printf("  %-30s", row->func);
		if (row->status[0]) {
			printf(" %s\n", row->status);
			continue;
		}
		for (k = 0; k < NPROFV; k++) {
			if (isnan(row->ns[k]))
				printf(" %9s %-11s", "-", "-");
			else
				printf(" %9.2f %-11.0f", row->calls[k], row->ns[k]);
		}
		printf("\n");
	}
}

/* A profile row's time per operation in variant k, its probes' cost removed. */
static double prof_net(const char *func, int k)
{
	size_t i;

	for (i = 0; i < NPROF; i++) {
		const struct prof_row *row = &prof_rows[i];

		if (row->func && !strcmp(row->func, func) && !row->status[0] &&
		    !isnan(row->ns[k]))
			return row->ns[k] - row->calls[k] * prof_overhead;
	}
	return NAN;
}

/* A function the profile has no figure for took no time. */
static double nan_zero(double ns)
{
	return isnan(ns) ? 0 : ns;
}

/* What (d) does that (f) does not, without a context, from the profile. */
static void print_gap(void)
{
	struct result *d = find(run.res, run.nres, "d-noctx");
	struct result *f = find(run.res, run.nres, "f-noctx");
	struct result *a = find(run.res, run.nres, "a-noctx");
	struct result *b = find(run.res, run.nres, "b-noctx");
	double ctx_mem, fmt, esc, lsm, prog, rest, gap;

	if (!d || !f || !a || !b || isnan(prof_overhead))
		return;
	gap = d->median - f->median;
	prog = b->median - a->median;
	/*
	 * The context's allocation, whichever allocator the kernel's row
	 * probed; none at all when every record took the per-CPU spare.
	 */
	ctx_mem = prof_rows[PROF_CTX_ALLOC].func ?
		  nan_zero(prof_net(prof_rows[PROF_CTX_ALLOC].func, 0)) : 0;
	ctx_mem += nan_zero(prof_net("kfree_nolock", 0));
	fmt = prof_net("audit_log_vformat", 0) - prof_net("audit_log_vformat", 1);
	esc = prof_net("audit_log_n_untrustedstring", 0) -
	      prof_net("audit_log_n_untrustedstring", 1);
	lsm = (double)(d->cpu_kauditd + d->cpu_nl) / d->timed_ops -
	      (double)(f->cpu_kauditd + f->cpu_nl) / f->timed_ops;
	rest = gap - prog - ctx_mem - fmt - esc - lsm;
	printf("\n(d) - (f) without a context: %.0f ns per operation, of which (profile, probes subtracted):\n",
	       gap);
	printf("  %7.0f  the BPF trampoline and program, (b) - (a)\n", prog);
	printf("  %7.0f  the context: %.2f allocations per operation\n", ctx_mem,
	       prof_rows[PROF_CTX_ALLOC].func ? prof_rows[PROF_CTX_ALLOC].calls[0] : 0.0);
	printf("  %7.0f  audit_log_format(): %.0f calls instead of %.0f, %.0f ns per call in (d)\n",
	       fmt, prof_rows[PROF_VFORMAT].calls[0], prof_rows[PROF_VFORMAT].calls[1],
	       prof_net("audit_log_vformat", 0) / prof_rows[PROF_VFORMAT].calls[0]);
	printf("  %7.0f  escaped strings: %.0f instead of %.0f (comm, cause, ocomm against ocomm)\n",
	       esc, prof_rows[PROF_ESCAPE].calls[0], prof_rows[PROF_ESCAPE].calls[1]);
	printf("  %7.0f  kauditd and the reader, for the longer record\n", lsm);
	printf("  %7.0f  the rest: re-entry guard, field claims, kfunc calls, against Landlock's own logic\n",
	       rest);
}

static void print_allocs(void)
{
	int i;
	size_t j;

	printf("\nallocations per operation (slab tracepoints, by caller, >= 0.05/op):\n");
	if (prof_rows[PROF_CTX_ALLOC].func && !strcmp(prof_rows[PROF_CTX_ALLOC].func, "_kmalloc_nolock_noprof") &&
	    !prof_rows[PROF_CTX_ALLOC].status[0])
		printf("  (kmalloc_nolock() has no tracepoint: the profile counts %.2f calls per (d) and %.2f per (f))\n",
		       prof_rows[PROF_CTX_ALLOC].calls[0], prof_rows[PROF_CTX_ALLOC].calls[1]);
	for (i = 0; i < run.nares; i++) {
		struct alloc_result *ar = &run.ares[i];

		if (ar->status[0]) {
			printf("  %-8s %s\n", ar->id, ar->status);
			continue;
		}
		printf("  %-8s %.2f per op\n", ar->id, (double)ar->total / ar->ops);
		for (j = 0; j < ar->nsites; j++)
			if ((double)ar->sites[j].count / ar->ops >= 0.05)
				printf("  %8s %6.2f  %-36s %s\n", "",
				       (double)ar->sites[j].count / ar->ops,
				       ar->sites[j].site, ar->sites[j].what);
	}
}

static void print_throughput(void)
{
	int i;

	if (!run.ntp)
		return;
	printf("\nthroughput and loss: (d) without a context, one record per kill(), backlog_limit 8192,\n"
	       "%.2f s windows of guest time; flat out: the loop under the fair scheduler; else a real-time\n"
	       "loop paced in 1 ms ticks; recv/s: received during the window; backlog: queued at its end\n",
	       run.tps[0].duration);
	printf("  %-8s %10s %10s %9s %9s %7s %8s %10s %-9s %s\n", "reader",
	       "offered/s", "issued/s", "records", "received", "lost",
	       "backlog", "recv/s", "accounted", "kept up");
	for (i = 0; i < run.ntp; i++) {
		struct tp_result *t = &run.tps[i];
		char off[16];

		if (t->status[0]) {
			printf("  %-8s %s\n", t->reader, t->status);
			continue;
		}
		if (t->offered)
			snprintf(off, sizeof(off), "%.0f", t->offered);
		else
			snprintf(off, sizeof(off), "flat out");
		printf("  %-8s %10s %10.0f %9llu %9llu %7llu %8d %10.0f %-9s %s\n",
		       t->reader, off, t->achieved, t->ops, t->received, t->lost,
		       t->backlog_end, t->recv_rate, t->accounted ? "yes" : "NO",
		       t->kept_up ? "yes" : "no");
	}
	for (i = 0; i < 2; i++) {
		struct tp_summary *m = &run.tpsum[i];

		if (!m->reader)
			continue;
		printf("  %s: %.0f records/s flat out with lost = 0; a real-time producer: kept up to %.0f/s,\n"
		       "      no loss up to %.0f/s, loss from %.0f/s %s\n",
		       m->reader, m->flat, m->sustained, m->no_loss, m->loss,
		       m->loss ? "(every record beyond counted in lost: see accounted)" :
		       "(none seen)");
	}
}

static void print_samples(void)
{
	const struct bench_event *e = &sh->last_event;
	size_t i;
	int k;

	printf("\nsample records (the last of each type received during the variant):\n");
	for (i = 0; i < run.nres; i++) {
		struct result *r = &run.res[i];

		for (k = 0; k < NSAMPLES; k++)
			if (r->sample[k][0])
				printf("  (%s)%s type=%d %s\n", r->v->letter,
				       r->v->ctx ? "" : " noctx", sample_types[k],
				       r->sample[k]);
	}
	if (e->pid)
		printf("  (e) ring buffer event: prog_id=%u pid=%u comm=%.16s cause=%.16s opid=%u ocomm=%.16s hook=%.16s decision=%d\n",
		       e->prog_id, e->pid, e->comm, e->cause, e->opid, e->ocomm,
		       e->hook, e->decision);
}

static int write_csv(const char *out)
{
	char path[600];
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/bench-%s.csv", out, run.label);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "variant,letter,ctx,what,ops_per_iter,iterations,ns_op_median,ns_op_min,ns_op_max,ratio_a,ratio_b,output,output_per_op,records_per_op,lost,status\n");
	for (i = 0; i < run.nres; i++) {
		struct result *r = &run.res[i];

		char ra[16] = "", rb[16] = "";

		if (!isnan(r->ratio_a))
			snprintf(ra, sizeof(ra), "%.4f", r->ratio_a);
		if (!isnan(r->ratio_b))
			snprintf(rb, sizeof(rb), "%.4f", r->ratio_b);
		fprintf(f, "%s,%s,%s,\"%s\",%llu,%d,%.1f,%.1f,%.1f,%s,%s,%s,%.4f,%.4f,%llu,\"%s\"\n",
			r->v->id, r->v->letter, r->v->ctx ? "yes" : "no",
			r->v->what, r->ops_per_iter, r->iters, r->median, r->min,
			r->max, ra, rb, main_name(r->v), main_per_op(r),
			per_op(r->records, r), r->lost, r->status ? r->status : "ok");
	}
	fclose(f);
	if (!run.ntp)
		return 0;
	snprintf(path, sizeof(path), "%s/throughput-%s.csv", out, run.label);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "reader,offered_per_s,issued_per_s,seconds,records,received,lost,start_null,backlog_end,received_in_window_per_s,accounted,kept_up,status\n");
	for (i = 0; i < (size_t)run.ntp; i++) {
		struct tp_result *t = &run.tps[i];

		fprintf(f, "%s,%.0f,%.0f,%.4f,%llu,%llu,%llu,%llu,%d,%.0f,%s,%s,\"%s\"\n",
			t->reader, t->offered, t->achieved, t->duration, t->ops,
			t->received, t->lost, t->start_null, t->backlog_end,
			t->recv_rate, t->accounted ? "yes" : "no",
			t->kept_up ? "yes" : "no", t->status[0] ? t->status : "ok");
	}
	fclose(f);
	return 0;
}

static void json_variant(FILE *f, const struct result *r)
{
	bool first = true;
	double n = r->timed_ops ? r->timed_ops : 1;
	int k;

	fprintf(f, "    {\"id\": \"%s\", \"letter\": \"%s\", \"ctx\": %s, \"what\": ",
		r->v->id, r->v->letter, r->v->ctx ? "true" : "false");
	fprint_json_string(f, r->v->what);
	fprintf(f, ", \"status\": ");
	fprint_json_string(f, r->status ? r->status : "ok");
	fprintf(f, ", \"ops_per_iter\": %llu, \"ops\": %llu, \"ns_op\": [",
		r->ops_per_iter, r->ops);
	for (k = 0; k < r->iters; k++)
		fprintf(f, "%s%.1f", k ? ", " : "", r->ns[k]);
	fprintf(f, "], \"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"ratio_a\": ",
		r->median, r->min, r->max);
	fprint_num(f, r->ratio_a);
	fprintf(f, ", \"ratio_b\": ");
	fprint_num(f, r->ratio_b);
	fprintf(f, ", \"output\": \"%s\", \"output_per_op\": %.4f, \"records_per_op\": %.4f, \"events\": %llu, \"lost\": %llu, \"denied\": %llu, \"start_null\": %llu, \"rb_full\": %llu, \"records_by_type\": {",
		main_name(r->v), main_per_op(r), per_op(r->records, r),
		r->events, r->lost, r->denied, r->start_null, r->rb_full);
	for (k = 0; k < NTYPES; k++) {
		if (!r->types[k])
			continue;
		fprintf(f, "%s\"%d\": %llu", first ? "" : ", ", k, r->types[k]);
		first = false;
	}
	fprintf(f, "}, \"cpu_ns_per_op\": {\"elapsed\": %.1f, \"loop\": %.1f, \"kauditd\": %.1f, \"nlreader\": %.1f, \"rbreader\": %.1f}, \"samples\": {",
		r->elapsed / n, r->cpu_self / n, r->cpu_kauditd / n,
		r->cpu_nl / n, r->cpu_rb / n);
	first = true;
	for (k = 0; k < NSAMPLES; k++) {
		if (!r->sample[k][0])
			continue;
		fprintf(f, "%s\"%d\": ", first ? "" : ", ", sample_types[k]);
		fprint_json_string(f, r->sample[k]);
		first = false;
	}
	fprintf(f, "}}");
}

static int write_json(const char *out)
{
	static const char *const pairs[][3] = {
		{ "c/b", "c", "b" }, { "c/b noctx", "c-noctx", "b-noctx" },
		{ "d/f", "d", "f" }, { "d/f noctx", "d-noctx", "f-noctx" },
		{ "d/e", "d", "e" }, { "d/e noctx", "d-noctx", "e-noctx" },
		{ "d/b", "d", "b" }, { "d/b noctx", "d-noctx", "b-noctx" },
		{ "f/b", "f", "b" }, { "g/a", "g", "a" },
	};
	char path[600];
	size_t i, j;
	int k;
	FILE *f;

	snprintf(path, sizeof(path), "%s/bench-%s.json", out, run.label);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "{\n  \"kernel\": ");
	fprint_json_string(f, run.uname_r);
	fprintf(f, ",\n  \"label\": ");
	fprint_json_string(f, run.label);
	fprintf(f, ",\n  \"clocksource\": ");
	fprint_json_string(f, run.clocksource);
	fprintf(f, ",\n  \"method\": \"kill(TARGET, 0) in a loop; ns are guest ns under qemu -icount shift=0,sleep=off (instruction counts)\",\n");
	fprintf(f, "  \"smoke\": %s,\n  \"iterations\": %d,\n  \"landlock\": ",
		smoke ? "true" : "false", run.iterations);
	fprint_json_string(f, ll_skip ? ll_skip : "ok");
	fprintf(f, ",\n  \"variants\": [\n");
	for (i = 0; i < run.nres; i++) {
		json_variant(f, &run.res[i]);
		fprintf(f, "%s\n", i + 1 < run.nres ? "," : "");
	}
	fprintf(f, "  ],\n  \"ratios\": {");
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "", pairs[i][0]);
		fprint_num(f, ratio(run.res, run.nres, pairs[i][1], pairs[i][2]));
	}
	fprintf(f, "},\n  \"steps_ns\": {");
	for (k = 0, j = 0; k < 2; k++) {
		int m;

		if (!have_steps(k))
			continue;
		fprintf(f, "%s\"%s timestamp\": %.1f", j++ ? ", " : "",
			k ? "ringbuf" : "audit", run.step_avg[k][step_ts_slot[k]]);
		for (m = 0; m < step_count[k]; m++)
			fprintf(f, ", \"%s\": %.1f", k ? rb_step_names[m] :
				audit_step_names[m], step_ns(k, m));
	}
	fprintf(f, "},\n  \"profile_probe_ns\": ");
	fprint_num(f, prof_overhead);
	fprintf(f, ",\n  \"profile\": [\n");
	for (i = 0, j = 0; i < NPROF; i++) {
		struct prof_row *row = &prof_rows[i];

		if (!row->func)
			continue;
		fprintf(f, "%s    {\"function\": \"%s\", \"status\": ", j++ ? ",\n" : "",
			row->func);
		fprint_json_string(f, row->status[0] ? row->status : "ok");
		for (k = 0; k < NPROFV; k++) {
			fprintf(f, ", \"%s\": {\"calls_per_op\": ", prof_variants[k]);
			fprint_num(f, row->calls[k]);
			fprintf(f, ", \"ns_per_op\": ");
			fprint_num(f, row->ns[k]);
			fprintf(f, "}");
		}
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n  \"allocations\": [\n");
	for (k = 0; k < run.nares; k++) {
		struct alloc_result *ar = &run.ares[k];

		fprintf(f, "    {\"variant\": \"%s\", \"status\": ", ar->id);
		fprint_json_string(f, ar->status[0] ? ar->status : "ok");
		fprintf(f, ", \"ops\": %llu, \"per_op\": %.4f, \"sites\": [",
			ar->ops, ar->ops ? (double)ar->total / ar->ops : 0);
		for (j = 0; j < ar->nsites; j++)
			fprintf(f, "%s{\"caller\": \"%s\", \"what\": \"%s\", \"per_op\": %.4f}",
				j ? ", " : "", ar->sites[j].site, ar->sites[j].what,
				ar->ops ? (double)ar->sites[j].count / ar->ops : 0);
		fprintf(f, "]}%s\n", k + 1 < run.nares ? "," : "");
	}
	fprintf(f, "  ],\n  \"throughput\": [\n");
	for (k = 0; k < run.ntp; k++) {
		struct tp_result *t = &run.tps[k];

		fprintf(f, "    {\"reader\": \"%s\", \"status\": ", t->reader);
		fprint_json_string(f, t->status[0] ? t->status : "ok");
		fprintf(f, ", \"offered_per_s\": %.0f, \"issued_per_s\": %.0f, \"seconds\": %.4f, \"records\": %llu, \"received\": %llu, \"lost\": %llu, \"start_null\": %llu, \"backlog_end\": %d, \"received_in_window_per_s\": %.0f, \"accounted\": %s, \"kept_up\": %s}%s\n",
			t->offered, t->achieved, t->duration, t->ops, t->received,
			t->lost, t->start_null, t->backlog_end, t->recv_rate,
			t->accounted ? "true" : "false",
			t->kept_up ? "true" : "false", k + 1 < run.ntp ? "," : "");
	}
	fprintf(f, "  ],\n  \"throughput_summary\": [");
	for (k = 0, j = 0; k < 2; k++) {
		struct tp_summary *m = &run.tpsum[k];

		if (!m->reader)
			continue;
		fprintf(f, "%s\n    {\"reader\": \"%s\", \"flat_out_per_s\": %.0f, \"kept_up_to_per_s\": %.0f, \"no_loss_up_to_per_s\": %.0f, \"loss_from_per_s\": %.0f}",
			j++ ? "," : "", m->reader, m->flat, m->sustained,
			m->no_loss, m->loss);
	}
	fprintf(f, "\n  ]\n}\n");
	return fclose(f) ? -errno : 0;
}

/* --- main ------------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f, "usage: bench [--smoke] [--out DIR] [--label NAME] [--iterations N] [--no-throughput]\n"
		   "             [--variants ID,ID...]\n");
}

/* --variants a,b,c-checks: these, in this order (repeats allowed). */
static int parse_variants(const char *list)
{
	char buf[512], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	run.nres = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const struct variant *v = variant_by_id(tok);

		if (!v || run.nres == MAX_RUNS) {
			fprintf(stderr, "bench: --variants: %s '%s'\n",
				v ? "too many at" : "no variant", tok);
			return -1;
		}
		run.order[run.nres++] = v;
	}
	return 0;
}

/* The clock that CLOCK_MONOTONIC reads, for the report. */
static void read_clocksource(char *buf, size_t len)
{
	FILE *f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource",
			"r");

	snprintf(buf, len, "?");
	if (f) {
		if (fgets(buf, len, f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
}

/* Shared memory, the notification pipe, the audit request socket. */
static int setup(struct audit_status *saved)
{
	int pipefd[2];

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("bench: mmap");
		return -1;
	}
	if (pipe2(pipefd, O_CLOEXEC)) {
		perror("bench: pipe");
		return -1;
	}
	notify_rd = pipefd[0];
	notify_wr = pipefd[1];
	fcntl(notify_rd, F_SETFL, O_NONBLOCK);
	signal(SIGPIPE, SIG_IGN);
	ctl = nl_socket();
	if (ctl < 0 || audit_get(ctl, saved)) {
		fprintf(stderr, "bench: cannot talk to the audit subsystem (%s)\n",
			strerror(ctl < 0 ? -ctl : EIO));
		return -1;
	}
	if (saved->pid) {
		fprintf(stderr, "bench: an audit daemon (pid %u) is running: stop it first\n",
			saved->pid);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "label", required_argument, NULL, 'l' },
		{ "iterations", required_argument, NULL, 'i' },
		{ "no-throughput", no_argument, NULL, 'T' },
		{ "variants", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = "build/bench/results";
	bool throughput = true;
	struct audit_status saved, s;
	struct bench *skel = NULL;
	int opt, err, status = 0;
	struct utsname u;

	run.iterations = 7;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 's': smoke = true; break;
		case 'o': out = optarg; break;
		case 'l': snprintf(run.label, sizeof(run.label), "%s", optarg); break;
		case 'i':
			run.iterations = atoi(optarg);
			if (run.iterations < 1 || run.iterations > MAX_ITERS) {
				fprintf(stderr, "bench: --iterations: 1 to %d\n",
					MAX_ITERS);
				return 2;
			}
			break;
		case 'T': throughput = false; break;
		case 'v':
			if (parse_variants(optarg))
				return 2;
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (smoke)
		run.iterations = 1;
	if (!run.nres) {
		for (run.nres = 0; run.nres < NVARIANTS; run.nres++)
			run.order[run.nres] = &variants[run.nres];
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	uname(&u);
	snprintf(run.uname_r, sizeof(run.uname_r), "%s", u.release);
	if (!run.label[0])
		snprintf(run.label, sizeof(run.label), "%s", run.uname_r);
	read_clocksource(run.clocksource, sizeof(run.clocksource));
	if (smoke)
		printf("1..%zu\n", run.nres + 6 + (throughput ? 2 : 0));
	if (setup(&saved))
		return 1;
	kauditd_pid = find_kauditd();
	ll_skip = landlock_skip_reason();
	load_ksyms();

	libbpf_set_print(NULL);
	skel = bench__open();
	if (!skel) {
		fprintf(stderr, "bench: open: %s\n", strerror(errno));
		return 1;
	}
	err = bench__load(skel);
	if (err) {
		fprintf(stderr, "bench: load: %s (the kernel needs the audit kfuncs, root needs CAP_AUDIT_WRITE)\n",
			strerror(-err));
		tap(false, "the benchmark's programs load");
		bench__destroy(skel);
		return 1;
	}
	audit_prog_id = prog_id(skel->progs.audit_deny);
	skel->bss->rb_prog_id = prog_id(skel->progs.rb_deny);

	/* The target: a process outside every Landlock domain. */
	target_pid = fork();
	if (!target_pid) {
		set_comm("bench-target");
		for (;;)
			pause();
	}

	s = saved;
	s.backlog_limit = 8192;
	s.enabled = 1;
	err = audit_set(ctl, AUDIT_STATUS_BACKLOG_LIMIT | AUDIT_STATUS_ENABLED, s);
	if (err) {
		fprintf(stderr, "bench: AUDIT_SET: %s\n", strerror(-err));
		status = 1;
		goto out;
	}
	nl_pid = start_reader(nl_reader_fn, 0, &sh->nl_state);
	rb_pid = start_reader(rb_reader, bpf_map__fd(skel->maps.events),
			      &sh->rb_state);
	if (nl_pid < 0 || rb_pid < 0) {
		fprintf(stderr, "bench: readers: %s / %s\n",
			nl_pid < 0 ? strerror(-nl_pid) : "ok",
			rb_pid < 0 ? strerror(-rb_pid) : "ok");
		status = 1;
		goto out;
	}
	quiesce(100);
	if (!smoke)
		printf("bench: Linux %s (%s), clocksource %s; Landlock: %s;\n"
		       "bench: kill(TARGET, 0) per operation, %d iterations per variant\n",
		       run.uname_r, run.label, run.clocksource,
		       ll_skip ? ll_skip : "ok", run.iterations);

	status |= run_variants(skel);
	status |= run_breakdown(skel);
	status |= run_profile(skel);
	status |= run_allocs(skel);
	if (throughput)
		status |= run_throughput(skel, &saved);

	if (!smoke) {
		printf("\nns/op: guest ns under qemu -icount (instructions); median of %d iterations; spread: (max-min)/median\n",
		       run.iterations);
		printf("out/op: the variant's own output per operation; rec/op: every audit record per operation\n\n");
		print_table(stdout, run.res, run.nres);
		print_targets();
		print_breakdown();
		print_profile();
		print_gap();
		print_allocs();
		print_throughput();
		print_samples();
	}
	err = mkdir_p(out);
	if (!err)
		err = write_csv(out);
	tap(!err, "CSV written to %s", out);
	if (!err)
		err = write_json(out);
	tap(!err, "JSON written to %s", out);
	if (err) {
		fprintf(stderr, "bench: writing the results to %s: %s\n", out,
			strerror(-err));
		status = 1;
	}
out:
	stop_process(&nl_pid);
	stop_process(&rb_pid);
	if (target_pid > 0) {
		kill(target_pid, SIGKILL);
		waitpid(target_pid, NULL, 0);
	}
	audit_set(ctl, AUDIT_STATUS_BACKLOG_LIMIT | AUDIT_STATUS_ENABLED, saved);
	bench__destroy(skel);
	if (smoke && tap_failed)
		status = 1;
	if (!smoke)
		printf("\nbench: %s\n", status ? "FAILED (see the errors above)" :
		       "done");
	return status;
}
