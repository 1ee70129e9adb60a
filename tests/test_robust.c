// SPDX-License-Identifier: GPL-2.0-only
/*
 * Robustness: the kfuncs under load, with a slow reader, with programs
 * detached mid-record, in softirq context, without an audit daemon and
 * against feedback through the daemon.  The accounting is exact: every
 * bpf_audit_log_start() of the programs is either a record that arrives
 * or a refusal that the kernel counts as lost.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "audit_robust.skel.h"
#include "test.h"

#define THREADS_PER_CPU 2
#define MAX_THREADS 64

static struct audit_robust *skel;
static int audit_fd = -1;
static struct audit_record rec;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void reset_counters(void)
{
	skel->bss->attempts = 0;
	skel->bss->opened = 0;
	skel->bss->nulls = 0;
	skel->bss->in_softirq = 0;
	skel->bss->feedback_attempts = 0;
	skel->bss->feedback_opened = 0;
}

/*
 * Makes sure our daemon is the registered one: the audit core drops a
 * daemon that leaves kauditd waiting, and a failed test may have.
 */
static int ensure_daemon(void)
{
	struct audit_status s;

	if (audit_fd >= 0 && !audit_get_status(&s) &&
	    s.pid == (__u32)audit_daemon_pid())
		return 0;
	if (audit_fd >= 0)
		audit_close(audit_fd);
	audit_fd = audit_open();
	return audit_fd < 0 ? fail("audit_open: %s", strerror(-audit_fd)) : 0;
}

static long lost(void)
{
	struct audit_status s;

	if (audit_get_status(&s))
		return -1;
	return s.lost;
}

/*
 * kauditd keeps records it could not hand over in a retry queue, which it
 * only works through when a new record wakes it up.  Make one, and read
 * until nothing more comes, so that no test sees another test's records.
 */
static void flush_kauditd(void)
{
	struct bpf_link *link = bpf_program__attach(skel->progs.stress);

	getpgid(getpid());
	bpf_link__destroy(link);
	while (audit_recv(audit_fd, &rec, 500) == 0)
		;
}

/* The record the stress program makes for each call of the test. */
static void stress_record(char *buf, size_t size)
{
	snprintf(buf, size,
		 "prog-id=%u pid=%d comm=\"test_robust\" cause=\"stress\" opid=%d ocomm=\"test_robust\"",
		 bpf_prog_id(skel->progs.stress), getpid(), getpid());
}

/* --- load ------------------------------------------------------------------ */

struct hammer {
	pthread_t thread;
	double until;
	long calls;
	long wrong_verdicts;
};

/* Calls the audited hook until the deadline; every call must be denied. */
static void *hammer_fn(void *arg)
{
	struct hammer *h = arg;

	while (now() < h->until) {
		if (getpgid(getpid()) != -1 || errno != EPERM)
			h->wrong_verdicts++;
		h->calls++;
	}
	return NULL;
}

/*
 * Counts the stress records that arrive until none has come for idle_ms;
 * a record with any other body is counted in *bad.
 */
static long count_records(const char *want, int idle_ms, long *bad)
{
	long n = 0;

	while (audit_next(audit_fd, AUDIT_BPF_LSM_ACCESS, &rec, idle_ms) == 0) {
		if (strcmp(rec.body, want)) {
			if (!*bad)
				fprintf(stderr, "#   unexpected record: %s\n", rec.body);
			(*bad)++;
		} else {
			n++;
		}
	}
	return n;
}

/*
 * Runs THREADS_PER_CPU hammering threads per CPU for the given seconds.
 * With read_during, records are counted while the threads run; otherwise
 * the reader takes one every 5 ms, so the backlog overflows.
 * Optionally detaches and re-attaches the program in a loop meanwhile.
 */
static int run_load(double seconds, int read_during, int flap_link,
		    const char *label)
{
	int threads = THREADS_PER_CPU * sysconf(_SC_NPROCESSORS_ONLN), i;
	struct hammer h[MAX_THREADS] = {};
	long calls = 0, wrong = 0, received = 0, bad = 0, lost0, lost1, flaps = 0;
	struct bpf_link *link;
	char want[256];
	double start;

	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (ensure_daemon())
		return -1;
	stress_record(want, sizeof(want));
	flush_kauditd();
	reset_counters();
	lost0 = lost();
	link = bpf_program__attach(skel->progs.stress);
	if (!link)
		return fail("attach: %s", strerror(errno));

	start = now();
	for (i = 0; i < threads; i++) {
		h[i].until = start + seconds;
		pthread_create(&h[i].thread, NULL, hammer_fn, &h[i]);
	}
	if (flap_link) {
		/* Detach and attach while other CPUs are inside the program. */
		while (now() < start + seconds) {
			bpf_link__destroy(link);
			link = bpf_program__attach(skel->progs.stress);
			if (!link)
				return fail("re-attach: %s", strerror(errno));
			flaps++;
			received += count_records(want, 1, &bad);
		}
	} else if (read_during) {
		while (now() < start + seconds)
			received += count_records(want, 100, &bad);
	} else {
		/*
		 * A slow reader: one record every 5 ms.  (One that stops
		 * reading for good is disconnected by the audit core once
		 * kauditd has waited 100 ms for room in its socket.)
		 */
		while (now() < start + seconds) {
			if (audit_next(audit_fd, AUDIT_BPF_LSM_ACCESS, &rec, 100) == 0) {
				if (strcmp(rec.body, want))
					bad++;
				else
					received++;
			}
			usleep(5000);
		}
	}
	for (i = 0; i < threads; i++) {
		pthread_join(h[i].thread, NULL);
		calls += h[i].calls;
		wrong += h[i].wrong_verdicts;
	}
	bpf_link__destroy(link);
	received += count_records(want, 2000, &bad);
	lost1 = lost();

	printf("# %s: %d threads, %.1f s, %ld calls, %ld starts: %ld records emitted, %ld received, %ld refused, lost +%ld%s\n",
	       label, threads, now() - start, calls, skel->bss->attempts,
	       skel->bss->opened, received, skel->bss->nulls, lost1 - lost0,
	       flap_link ? "" : "");
	if (flap_link)
		printf("# %s: %ld detach/attach cycles\n", label, flaps);
	expect_eq(bad, 0);
	if (!flap_link) {
		expect_eq(wrong, 0);
		expect_eq(skel->bss->attempts, calls);
	}
	expect_eq(skel->bss->attempts, skel->bss->opened + skel->bss->nulls);
	if (read_during || flap_link) {
		/* A reader that keeps up: every record arrives. */
		expect_eq(received, skel->bss->opened);
		expect_eq(lost1 - lost0, skel->bss->nulls);
	} else {
		/*
		 * A slow reader also makes kauditd give up on records it
		 * already had (after 100 ms without room in the daemon's
		 * socket); the audit core counts those as lost too.  Up to a
		 * retry queue's worth (the backlog limit) may still wait in
		 * kauditd: those are neither received nor lost yet.
		 */
		long dropped_late = lost1 - lost0 - skel->bss->nulls;
		long in_kauditd = skel->bss->opened - received - dropped_late;

		printf("# %s: %ld dropped by kauditd, %ld still queued in kauditd\n",
		       label, dropped_late, in_kauditd);
		if (dropped_late < 0 || in_kauditd < 0 || in_kauditd > 64)
			return fail("records unaccounted for: %ld", in_kauditd);
	}
	return 0;
}

static int test_stress_exact_accounting(void)
{
	return run_load(10, 1, 0, "stress");
}

static int test_slow_reader_drops_and_counts(void)
{
	int err;

	if (audit_set_backlog_limit(64))
		return fail("set backlog limit");
	err = run_load(3, 0, 0, "slow reader, backlog 64");
	if (!err && skel->bss->nulls == 0)
		err = fail("the backlog never overflowed: nothing was tested");
	return err;
}

static int test_detach_under_load(void)
{
	return run_load(3, 0, 1, "detach under load");
}

/* --- softirq ------------------------------------------------------------- */

static int test_softirq_hook(void)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(5301),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct bpf_link *link;
	int rx, tx, err = -1, i;
	char buf[8] = "x", want[128];

	if (ensure_daemon())
		return -1;
	rx = socket(AF_INET, SOCK_DGRAM, 0);
	tx = socket(AF_INET, SOCK_DGRAM, 0);
	if (bind(rx, (struct sockaddr *)&addr, sizeof(addr)))
		return fail("bind: %s", strerror(errno));
	flush_kauditd();
	link = bpf_program__attach(skel->progs.softirq_rcv);
	if (!link) {
		err = fail("attach: %s", strerror(errno));
		goto out;
	}
	reset_counters();
	skel->bss->watch_port = 5301;
	for (i = 0; i < 3; i++) {
		sendto(tx, buf, 1, 0, (struct sockaddr *)&addr, sizeof(addr));
		recv(rx, buf, sizeof(buf), 0);
	}
	bpf_link__destroy(link);

	/* Loopback delivery runs NET_RX in the sender's context. */
	snprintf(want, sizeof(want),
		 "prog-id=%u pid=%d comm=\"test_robust\" cause=\"softirq-rcv\"",
		 bpf_prog_id(skel->progs.softirq_rcv), getpid());
	for (i = 0; i < 3; i++) {
		if (audit_next(audit_fd, AUDIT_BPF_LSM_ACCESS, &rec, 3000)) {
			err = fail("record %d of 3 did not arrive", i + 1);
			goto out;
		}
		if (strcmp(rec.body, want)) {
			err = fail("record %d\n#     got:  %s\n#     want: %s", i + 1,
				   rec.body, want);
			goto out;
		}
	}
	if (skel->bss->in_softirq != 3) {
		err = fail("%ld of 3 calls ran in softirq", skel->bss->in_softirq);
		goto out;
	}
	expect_eq(skel->bss->opened, 3);
	err = 0;
out:
	close(rx);
	close(tx);
	return err;
}

/* --- feedback -------------------------------------------------------------- */

/*
 * Programs that log the audit daemon's own reads, and kauditd's deliveries
 * to it, must not make records: each would cause the next, forever.  The
 * kfuncs refuse to open a record for the daemon and for kauditd, as the
 * audit core does not audit the daemon's syscalls.
 */
static int test_feedback_refused(void)
{
	struct bpf_link *recv_link, *skb_link = NULL, *stress_link = NULL;
	char want[256];
	int err = -1, n = 0;

	if (ensure_daemon())
		return -1;
	skel->bss->daemon_tgid = audit_daemon_pid();
	recv_link = bpf_program__attach(skel->progs.feedback_recvmsg);
	if (!recv_link)
		return fail("attach: %s", strerror(errno));
	skb_link = bpf_program__attach(skel->progs.feedback_rcv_skb);
	stress_link = bpf_program__attach(skel->progs.stress);
	if (!skb_link || !stress_link) {
		err = fail("attach: %s", strerror(errno));
		goto out;
	}
	flush_kauditd();
	reset_counters();

	/* One record to deliver; it must be the only one. */
	getpgid(getpid());
	stress_record(want, sizeof(want));
	while (audit_next(audit_fd, AUDIT_BPF_LSM_ACCESS, &rec, 2000) == 0) {
		if (n++ < 3)
			fprintf(stderr, "#   record: %s\n", rec.body);
	}
	if (n != 1) {
		err = fail("%d records arrived, expected exactly 1", n);
		goto out;
	}
	/* The hooks did fire for the daemon and kauditd, and were refused. */
	if (skel->bss->feedback_attempts < 2) {
		err = fail("the feedback hooks ran %ld times, expected >= 2",
			   skel->bss->feedback_attempts);
		goto out;
	}
	expect_eq(skel->bss->feedback_opened, 0);
	printf("# feedback: %ld daemon/kauditd hook calls refused\n",
	       skel->bss->feedback_attempts);
	err = 0;
out:
	bpf_link__destroy(stress_link);
	bpf_link__destroy(skb_link);
	bpf_link__destroy(recv_link);
	return err;
}

/* --- no daemon ------------------------------------------------------------- */

/*
 * Without a daemon, the audit core prints records to the kernel log; ours
 * must come out there whole, like any other record.
 */
static int test_no_daemon_kernel_log(void)
{
	struct bpf_link *link;
	char line[4096], want[512];
	struct audit_status s;
	int kmsg, i, err = -1;
	ssize_t n;

	audit_close(audit_fd);
	audit_fd = -1;
	link = bpf_program__attach(skel->progs.stress);
	if (!link)
		return fail("attach: %s", strerror(errno));
	/*
	 * The kernel notices the daemon is gone when it next sends a record:
	 * make one, and wait until the daemon is unregistered.
	 */
	for (i = 0; i < 50; i++) {
		if (!audit_get_status(&s) && !s.pid)
			break;
		getpgid(getpid());
		usleep(100000);
	}
	if (s.pid) {
		bpf_link__destroy(link);
		return fail("the dead daemon (pid %u) is still registered", s.pid);
	}
	/* Let the kernel log's rate limit recover from those records. */
	sleep(6);
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg < 0) {
		err = fail("/dev/kmsg: %s", strerror(errno));
		goto out_link;
	}
	lseek(kmsg, 0, SEEK_END);
	reset_counters();
	if (getpgid(getpid()) != -1 || errno != EPERM) {
		err = fail("getpgid was not denied without a daemon");
		goto out_link;
	}
	stress_record(want, sizeof(want));
	for (i = 0; i < 30; i++) {
		char *p;

		n = read(kmsg, line, sizeof(line) - 1);
		if (n < 0) {
			usleep(100000);
			continue;
		}
		line[n] = '\0';
		p = strstr(line, "audit: type=1427 audit(");
		if (!p || !(p = strstr(p, "): ")))
			continue;
		p += 3;
		p[strcspn(p, "\n")] = '\0';
		if (!strcmp(p, want)) {
			err = 0;
			break;
		}
		fprintf(stderr, "#   kernel log: %s\n", p);
	}
	if (err)
		err = fail("no record in the kernel log; expected: %s", want);
	close(kmsg);
out_link:
	bpf_link__destroy(link);
	audit_fd = audit_open();
	return err;
}

static const struct test tests[] = {
	/* Before the load tests, whose records exhaust printk's rate limit. */
	TEST(test_no_daemon_kernel_log),
	TEST(test_softirq_hook),
	TEST(test_feedback_refused),
	TEST(test_stress_exact_accounting),
	TEST(test_slow_reader_drops_and_counts),
	TEST(test_detach_under_load),
};

int main(int argc, char **argv)
{
	int ret;

	audit_fd = audit_open();
	if (audit_fd < 0) {
		fprintf(stderr, "audit_open: %s\n", strerror(-audit_fd));
		return 1;
	}
	/* Only our record type: SYSCALL records would share the backlog. */
	if (audit_exclude_other_types(AUDIT_BPF_LSM_ACCESS, 1)) {
		fprintf(stderr, "audit exclude rule failed\n");
		return 1;
	}
	skel = audit_robust__open_and_load();
	if (!skel) {
		fprintf(stderr, "load audit_robust: %s\n", strerror(errno));
		return 1;
	}
	skel->bss->target_tgid = getpid();
	ret = run_tests("robust", tests, sizeof(tests) / sizeof(tests[0]),
			argc, argv);
	audit_robust__destroy(skel);
	audit_exclude_other_types(AUDIT_BPF_LSM_ACCESS, 0);
	if (audit_fd >= 0)
		audit_close(audit_fd);
	return ret;
}
