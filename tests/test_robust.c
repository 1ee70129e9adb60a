// SPDX-License-Identifier: GPL-2.0-only
/*
 * Robustness: the kfuncs under load, with a slow reader, with programs
 * detached mid-record, in softirq context, without an audit daemon and
 * against feedback through kauditd and the daemon.  The accounting is
 * exact: every bpf_audit_log_start() of the programs is either a record
 * that arrives or a refusal that the kernel counts as lost (a slow reader
 * also has kauditd drop records, counted as lost, and hold others until a
 * new record wakes it: the test makes such records until none is held).
 * Fault injection on the start is tests/test_failslab.c.
 *
 * Each test starts its own audit client (lib/audit.h) and closes it
 * at its cleanup, which puts back every audit setting it changed; programs
 * are detached and worker threads joined before a test returns.  The tests
 * pass in any order (run them with --shuffle).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
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

/* How long the load tests hammer the hook. */
#define STRESS_SECONDS 10
#define SHORT_LOAD_SECONDS 3

/* The slow reader takes one record per interval from this small backlog. */
#define SLOW_READER_INTERVAL_US 5000
#define SLOW_BACKLOG_LIMIT 64

/* A reader that keeps up waits this long for the next record... */
#define READ_POLL_MS 100
/* ...and the records still on their way after the load have this long. */
#define LATE_RECORDS_IDLE_MS 2000
/* Calls after the load that wake kauditd to send what it still holds. */
#define WAKE_CALLS_MAX 10
/* Records of an earlier test are read until none came for this long. */
#define FLUSH_IDLE_MS 500
/* A record that must arrive arrives within this time. */
#define RECORD_TIMEOUT_MS 3000
/* The feedback test waits this long for records that must not come... */
#define FEEDBACK_QUIET_MS 2000
/* ...and shows this many of those that came, and stops after this many. */
#define SHOWN_RECORDS 3
#define FEEDBACK_MAX_RECORDS 100

/* The softirq test's loopback UDP port and packets. */
#define SOFTIRQ_PORT 5301
#define SOFTIRQ_PACKETS 3

/*
 * printk_ratelimit() allows a burst every 5 s (DEFAULT_RATELIMIT_INTERVAL):
 * the no-daemon test waits that long for records printed before it.
 */
#define PRINTK_RATELIMIT_S 5
/* How long the audit queue may take to empty, and the log to show a record. */
#define QUEUE_EMPTY_TRIES 50
#define KMSG_TRIES 30
#define RETRY_INTERVAL_US 100000

/* Room for a record's body as the tests build it. */
#define RECORD_TEXT_MAX 512
/* One /dev/kmsg record. */
#define KMSG_LINE_MAX 4096

static struct audit_robust *skel;
static struct bla_audit_record rec;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The programs' inputs and counters, as a test finds and leaves them. */
static void reset_program_state(void)
{
	skel->bss->daemon_tgid = 0;
	skel->bss->watch_port = 0;
	skel->bss->attempts = 0;
	skel->bss->opened = 0;
	skel->bss->nulls = 0;
	skel->bss->in_softirq = 0;
	skel->bss->daemon_attempts = 0;
	skel->bss->daemon_opened = 0;
	skel->bss->kauditd_attempts = 0;
	skel->bss->kauditd_opened = 0;
}

/*
 * The audit client a test starts with: a daemon of our own, and a rule
 * that keeps only our record type (SYSCALL records would share the
 * backlog and make the lost count ambiguous).
 */
static bool audit_setup(struct bla_audit *audit)
{
	return ASSERT_OK(bla_audit_listen(audit, AUDIT_BPF_LSM_ACCESS),
			 "audit: only our records, to a daemon of our own");
}

/* Stops the daemon, deletes the rule and restores every audit setting. */
static void audit_teardown(struct bla_audit *audit)
{
	ASSERT_OK(bla_audit_close(audit), "audit: close and restore the settings");
}

/*
 * kauditd keeps records it could not hand over in a retry queue, which it
 * only works through when a new record wakes it up.  Make one, and read
 * until nothing more comes, so that no test sees another test's records.
 */
static void flush_kauditd(struct bla_audit *audit)
{
	struct bpf_link *link = bpf_program__attach(skel->progs.stress);

	getpgid(getpid());
	bpf_link__destroy(link);
	bla_audit_drain(audit, FLUSH_IDLE_MS);
}

/* The record the stress program makes for each call of the test. */
static void stress_record(char *buf, size_t size)
{
	snprintf(buf, size,
		 "prog-id=%u pid=%d comm=\"test_robust\" cause=\"stress\" opid=%d ocomm=\"test_robust\" lsm-hook=task_getpgid decision=denied",
		 bpf_prog_id(skel->progs.stress), getpid(), getpid());
}

/* --- load ------------------------------------------------------------------ */

enum reader {
	READ_DURING,	/* a reader that keeps up */
	READ_SLOWLY,	/* one record per SLOW_READER_INTERVAL_US */
	READ_FLAPPING,	/* a reader thread keeps up; detaches and re-attaches */
};

struct hammer {
	pthread_t thread;
	double until;
	atomic_bool *stop;
	long calls;
	long wrong_verdicts;
};

/* Calls the audited hook until the deadline; every call must be denied. */
static void *hammer_fn(void *arg)
{
	struct hammer *h = arg;

	while (now() < h->until && !atomic_load(h->stop)) {
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
static long count_records(struct bla_audit *audit, const char *want,
			  int idle_ms, long *bad)
{
	struct bla_audit_record r;
	long n = 0;

	while (bla_audit_next(audit, AUDIT_BPF_LSM_ACCESS, &r, idle_ms) == 0) {
		if (strcmp(r.body, want)) {
			if (!*bad)
				printf("#   unexpected record: %s\n", r.body);
			(*bad)++;
		} else {
			n++;
		}
	}
	return n;
}

/* A reader that keeps up, in a thread of its own while the test flaps. */
struct record_reader {
	pthread_t thread;
	struct bla_audit *audit;
	const char *want;
	atomic_bool stop;
	long received;
	long bad;
};

static void *reader_fn(void *arg)
{
	struct record_reader *r = arg;

	while (!atomic_load(&r->stop))
		r->received += count_records(r->audit, r->want, READ_POLL_MS,
					     &r->bad);
	return NULL;
}

/*
 * Whether the kernel was booted with audit=1, as vm/run boots it.  Without
 * it, kauditd drops a record that failed again from its retry queue
 * without counting it lost (kauditd_hold_skb()), and no accounting of the
 * records can be exact.
 */
static bool booted_with_audit(void)
{
	char cmdline[4096] = "";
	FILE *f = fopen("/proc/cmdline", "r");

	if (f) {
		if (!fgets(cmdline, sizeof(cmdline), f))
			cmdline[0] = '\0';
		fclose(f);
	}
	return strstr(cmdline, "audit=1") != NULL;
}

/*
 * Runs THREADS_PER_CPU hammering threads per CPU for the given seconds
 * while the reader reads, and checks that every start is accounted for.
 */
static void run_load(struct bla_audit *audit, double seconds,
		     enum reader reader, const char *label)
{
	int threads = THREADS_PER_CPU * sysconf(_SC_NPROCESSORS_ONLN);
	long calls = 0, wrong = 0, received = 0, bad = 0, flaps = 0;
	long lost0, lost1, dropped_late = 0, in_kauditd = 0;
	struct audit_status status;
	struct hammer h[MAX_THREADS] = {};
	struct bpf_link *link = NULL;
	atomic_bool stop = false;
	char want[RECORD_TEXT_MAX];
	struct record_reader r = { .audit = audit, .want = want };
	bool reading = false;
	int started = 0, wakes = 0, i, err;
	double start;

	if (!ASSERT_TRUE(booted_with_audit(), "booted with audit=1 (exact accounting needs it)"))
		return;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	stress_record(want, sizeof(want));
	flush_kauditd(audit);
	reset_program_state();
	lost0 = bla_audit_lost(audit);
	if (!ASSERT_GE(lost0, 0, "audit: lost count"))
		return;
	link = bpf_program__attach(skel->progs.stress);
	if (!ASSERT_OK_PTR(link, "attach stress"))
		return;

	if (reader == READ_FLAPPING) {
		err = pthread_create(&r.thread, NULL, reader_fn, &r);
		if (!ASSERT_OK(-err, "pthread_create reader"))
			goto cleanup;
		reading = true;
	}
	start = now();
	for (i = 0; i < threads; i++) {
		h[i].until = start + seconds;
		h[i].stop = &stop;
		err = pthread_create(&h[i].thread, NULL, hammer_fn, &h[i]);
		if (!ASSERT_OK(-err, "pthread_create"))
			goto cleanup;
		started++;
	}
	while (now() < start + seconds) {
		switch (reader) {
		case READ_FLAPPING:
			/* Detach and attach while other CPUs are inside the program. */
			bpf_link__destroy(link);
			link = bpf_program__attach(skel->progs.stress);
			if (!ASSERT_OK_PTR(link, "re-attach stress"))
				goto cleanup;
			flaps++;
			break;
		case READ_DURING:
			received += count_records(audit, want, READ_POLL_MS, &bad);
			break;
		case READ_SLOWLY:
			/*
			 * One record per interval.  (A reader that stops for
			 * good is disconnected by the audit core once kauditd
			 * has waited 100 ms for room in its socket.)
			 */
			if (!bla_audit_next(audit, AUDIT_BPF_LSM_ACCESS, &rec,
					    READ_POLL_MS)) {
				if (strcmp(rec.body, want))
					bad++;
				else
					received++;
			}
			usleep(SLOW_READER_INTERVAL_US);
			break;
		}
	}
cleanup:
	atomic_store(&stop, true);
	for (i = 0; i < started; i++) {
		pthread_join(h[i].thread, NULL);
		calls += h[i].calls;
		wrong += h[i].wrong_verdicts;
	}
	bpf_link__destroy(link);
	/* The reader reads until the records stop coming, then stops. */
	if (reading) {
		atomic_store(&r.stop, true);
		pthread_join(r.thread, NULL);
		received += r.received;
		bad += r.bad;
	}
	if (started < threads || !link || (reader == READ_FLAPPING && !reading))
		return;

	received += count_records(audit, want, LATE_RECORDS_IDLE_MS, &bad);
	/*
	 * Every record opened is received, counted as lost, or still held by
	 * kauditd.  When the daemon's socket has had no room for 100 ms,
	 * kauditd moves the record to its retry queue and, with that queue
	 * full, drops it and counts it as lost (kernel/audit.c); one that
	 * fails again from there goes back to the retry queue, or is dropped
	 * and counted, with audit=1 at boot (checked above).  It sends
	 * its retry and hold queues again only when a new record wakes it:
	 * one more denied call at a time, now that the reader has drained
	 * its socket, until it holds none.  Each such call is counted like
	 * the others, so the accounting below is exact for every reader.
	 */
	for (;;) {
		if (!ASSERT_OK(bla_audit_get_status(audit, &status), "audit: status"))
			return;
		lost1 = status.lost;
		dropped_late = lost1 - lost0 - skel->bss->nulls;
		in_kauditd = skel->bss->opened - received - dropped_late;
		if (in_kauditd <= 0 || wakes == WAKE_CALLS_MAX)
			break;
		link = bpf_program__attach(skel->progs.stress);
		if (!ASSERT_OK_PTR(link, "attach stress for a call that wakes kauditd"))
			return;
		if (getpgid(getpid()) != -1 || errno != EPERM)
			wrong++;
		calls++;
		wakes++;
		bpf_link__destroy(link);
		received += count_records(audit, want, LATE_RECORDS_IDLE_MS, &bad);
	}
	printf("# %s: %d threads, %.1f s, %ld calls, %ld starts: %ld records emitted, %ld received, %ld refused, lost +%ld\n",
	       label, threads, now() - start, calls, skel->bss->attempts,
	       skel->bss->opened, received, skel->bss->nulls, lost1 - lost0);
	if (reader == READ_FLAPPING)
		printf("# %s: %ld detach/attach cycles\n", label, flaps);
	printf("# %s: %ld dropped by kauditd, %ld still held by kauditd after %d calls that woke it (backlog limit %u)\n",
	       label, dropped_late, in_kauditd, wakes, status.backlog_limit);
	ASSERT_EQ(bad, 0, "records with another body");
	if (reader != READ_FLAPPING) {
		/* Detached, calls are allowed and not counted. */
		ASSERT_EQ(wrong, 0, "calls not denied");
		ASSERT_EQ(skel->bss->attempts, calls, "starts per call");
	}
	ASSERT_EQ(skel->bss->attempts, skel->bss->opened + skel->bss->nulls,
		  "every start opened or refused");
	ASSERT_GE(dropped_late, 0, "records dropped by kauditd");
	ASSERT_EQ(in_kauditd, 0, "records neither received nor lost");
}

static void test_stress_exact_accounting(void)
{
	struct bla_audit audit = BLA_AUDIT_INIT;

	if (audit_setup(&audit))
		run_load(&audit, STRESS_SECONDS, READ_DURING, "stress");
	audit_teardown(&audit);
	reset_program_state();
}

static void test_slow_reader_drops_and_counts(void)
{
	struct bla_audit audit = BLA_AUDIT_INIT;

	if (!audit_setup(&audit))
		goto cleanup;
	/* Restored by audit_teardown(), like every setting. */
	if (!ASSERT_OK(bla_audit_set_backlog_limit(&audit, SLOW_BACKLOG_LIMIT),
		       "set the backlog limit"))
		goto cleanup;
	run_load(&audit, SHORT_LOAD_SECONDS, READ_SLOWLY, "slow reader, small backlog");
	ASSERT_GT(skel->bss->nulls, 0, "starts refused: the backlog overflowed");
cleanup:
	audit_teardown(&audit);
	reset_program_state();
}

static void test_detach_under_load(void)
{
	struct bla_audit audit = BLA_AUDIT_INIT;

	if (audit_setup(&audit))
		run_load(&audit, SHORT_LOAD_SECONDS, READ_FLAPPING, "detach under load");
	audit_teardown(&audit);
	reset_program_state();
}

/* --- softirq ------------------------------------------------------------- */

static void test_softirq_hook(void)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(SOFTIRQ_PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct bla_audit audit = BLA_AUDIT_INIT;
	struct bpf_link *link = NULL;
	char buf[8] = "x", want[RECORD_TEXT_MAX];
	int rx = -1, tx = -1, i;

	if (!audit_setup(&audit))
		goto cleanup;
	rx = socket(AF_INET, SOCK_DGRAM, 0);
	tx = socket(AF_INET, SOCK_DGRAM, 0);
	if (!ASSERT_GE(rx, 0, "socket") || !ASSERT_GE(tx, 0, "socket") ||
	    !ASSERT_OK(bind(rx, (struct sockaddr *)&addr, sizeof(addr)), "bind"))
		goto cleanup;
	flush_kauditd(&audit);
	reset_program_state();
	skel->bss->watch_port = SOFTIRQ_PORT;
	link = bpf_program__attach(skel->progs.softirq_rcv);
	if (!ASSERT_OK_PTR(link, "attach softirq_rcv"))
		goto cleanup;
	for (i = 0; i < SOFTIRQ_PACKETS; i++) {
		if (!ASSERT_EQ(sendto(tx, buf, 1, 0, (struct sockaddr *)&addr,
				      sizeof(addr)), 1, "sendto") ||
		    !ASSERT_EQ(recv(rx, buf, sizeof(buf), 0), 1, "recv"))
			goto cleanup;
	}
	bpf_link__destroy(link);
	link = NULL;

	/*
	 * Loopback delivery runs NET_RX on the sender's stack, but not in
	 * task context: the record names no task.
	 */
	snprintf(want, sizeof(want),
		 "prog-id=%u pid=-1 comm=? cause=\"softirq-rcv\" lsm-hook=socket_sock_rcv_skb decision=allowed",
		 bpf_prog_id(skel->progs.softirq_rcv));
	for (i = 0; i < SOFTIRQ_PACKETS; i++) {
		if (!ASSERT_OK(bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec,
					      RECORD_TIMEOUT_MS), "a record per packet") ||
		    !ASSERT_STREQ(rec.body, want, "record"))
			goto cleanup;
	}
	ASSERT_EQ(skel->bss->in_softirq, SOFTIRQ_PACKETS, "calls in softirq");
	ASSERT_EQ(skel->bss->opened, SOFTIRQ_PACKETS, "records opened");
cleanup:
	bpf_link__destroy(link);
	if (rx >= 0)
		close(rx);
	if (tx >= 0)
		close(tx);
	audit_teardown(&audit);
	reset_program_state();
}

/* --- feedback -------------------------------------------------------------- */

/*
 * kauditd delivering a record to the daemon's socket passes through
 * socket_sock_rcv_skb: a program that logged it would make a record per
 * record, without end.  The kfuncs refuse to open a record in kauditd.
 * The daemon's own reads are recorded, as other LSMs record them, so a
 * program that logs them loops through the daemon unless an exclude rule
 * on the daemon breaks the loop: with the rule, each of those starts is
 * refused.
 */
static void test_feedback_refused(void)
{
	struct bpf_link *recv_link = NULL, *skb_link = NULL, *stress_link = NULL;
	struct bla_audit audit = BLA_AUDIT_INIT;
	char want[RECORD_TEXT_MAX];
	int n = 0;

	if (!audit_setup(&audit) ||
	    !ASSERT_OK(bla_audit_exclude_pid(&audit, audit.daemon),
		       "audit: rule excluding the daemon"))
		goto cleanup;
	flush_kauditd(&audit);
	reset_program_state();
	skel->bss->daemon_tgid = audit.daemon;
	recv_link = bpf_program__attach(skel->progs.feedback_recvmsg);
	if (!ASSERT_OK_PTR(recv_link, "attach feedback_recvmsg"))
		goto cleanup;
	skb_link = bpf_program__attach(skel->progs.feedback_rcv_skb);
	if (!ASSERT_OK_PTR(skb_link, "attach feedback_rcv_skb"))
		goto cleanup;
	stress_link = bpf_program__attach(skel->progs.stress);
	if (!ASSERT_OK_PTR(stress_link, "attach stress"))
		goto cleanup;

	/* One record to deliver; it must be the only one. */
	getpgid(getpid());
	stress_record(want, sizeof(want));
	while (n <= FEEDBACK_MAX_RECORDS &&
	       !bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec, FEEDBACK_QUIET_MS)) {
		if (n++ < SHOWN_RECORDS)
			printf("#   record: %s\n", rec.body);
	}
	ASSERT_EQ(n, 1, "records that arrived");
	/* The hooks did fire for kauditd and the daemon, and were refused. */
	ASSERT_GE(skel->bss->kauditd_attempts, 1, "kauditd deliveries seen");
	ASSERT_EQ(skel->bss->kauditd_opened, 0, "records opened in kauditd");
	ASSERT_GE(skel->bss->daemon_attempts, 1, "daemon reads seen");
	ASSERT_EQ(skel->bss->daemon_opened, 0, "records of the excluded daemon");
	printf("# feedback: %ld kauditd deliveries and %ld daemon reads refused\n",
	       skel->bss->kauditd_attempts, skel->bss->daemon_attempts);
cleanup:
	bpf_link__destroy(stress_link);
	bpf_link__destroy(skb_link);
	bpf_link__destroy(recv_link);
	audit_teardown(&audit);
	reset_program_state();
}

/* --- no daemon ------------------------------------------------------------- */

/*
 * Without a daemon, the audit core prints records to the kernel log; ours
 * must come out there whole, like any other record.
 */
static void test_no_daemon_kernel_log(void)
{
	struct bla_audit audit = BLA_AUDIT_INIT;
	char line[KMSG_LINE_MAX], want[RECORD_TEXT_MAX], prefix[32];
	struct bpf_link *link = NULL;
	bool found = false;
	struct audit_status s;
	int kmsg = -1, i;
	ssize_t n;

	if (!ASSERT_OK(bla_audit_open(&audit), "audit: open"))
		goto cleanup;
	/*
	 * The tests' daemons unregister when they stop; one that died
	 * instead (with a test program that crashed) stays registered until
	 * the kernel fails to send it a record.  Make records (enabling
	 * auditing logs a CONFIG_CHANGE) until it is gone.
	 */
	for (i = 0; i < QUEUE_EMPTY_TRIES; i++) {
		if (!ASSERT_OK(bla_audit_set_enabled(&audit, 1), "enable auditing") ||
		    !ASSERT_OK(bla_audit_get_status(&audit, &s), "audit: status"))
			goto cleanup;
		if (!s.pid || !kill(s.pid, 0))
			break;
		usleep(RETRY_INTERVAL_US);
	}
	if (!ASSERT_EQ(s.pid, 0U, "registered audit daemon") ||
	    !ASSERT_OK(bla_audit_keep_only(&audit, AUDIT_BPF_LSM_ACCESS),
		       "audit: rule keeping only our records"))
		goto cleanup;
	/*
	 * Records made before (held for a daemon, printed as they were
	 * queued) must be out of the way: wait for an empty queue, then
	 * for printk's rate limit to allow a burst again.
	 */
	for (i = 0; i < QUEUE_EMPTY_TRIES; i++) {
		if (bla_audit_get_status(&audit, &s) || !s.backlog)
			break;
		usleep(RETRY_INTERVAL_US);
	}
	sleep(PRINTK_RATELIMIT_S + 1);

	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (!ASSERT_GE(kmsg, 0, "open /dev/kmsg"))
		goto cleanup;
	lseek(kmsg, 0, SEEK_END);
	reset_program_state();
	link = bpf_program__attach(skel->progs.stress);
	if (!ASSERT_OK_PTR(link, "attach stress") ||
	    !ASSERT_ERRNO(getpgid(getpid()), EPERM, "getpgid without a daemon"))
		goto cleanup;
	stress_record(want, sizeof(want));
	/* The kernel logs "audit: type=1427 audit(STAMP): BODY". */
	snprintf(prefix, sizeof(prefix), "audit: type=%d audit(", AUDIT_BPF_LSM_ACCESS);
	for (i = 0; i < KMSG_TRIES && !found; i++) {
		char *p;

		n = read(kmsg, line, sizeof(line) - 1);
		if (n < 0) {
			usleep(RETRY_INTERVAL_US);
			continue;
		}
		line[n] = '\0';
		p = strstr(line, prefix);
		if (!p || !(p = strstr(p, "): ")))
			continue;
		p += 3;
		p[strcspn(p, "\n")] = '\0';
		found = !strcmp(p, want);
		if (!found)
			printf("#   kernel log: %s\n", p);
	}
	ASSERT_TRUE(found, "the record in the kernel log");
	if (!found)
		printf("#   expected: %s\n", want);
cleanup:
	bpf_link__destroy(link);
	if (kmsg >= 0)
		close(kmsg);
	audit_teardown(&audit);
	reset_program_state();
}

static const struct test tests[] = {
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

	skel = audit_robust__open_and_load();
	if (!skel)
		test_bail("load audit_robust: %s", strerror(errno));
	skel->bss->target_tgid = getpid();
	ret = run_tests("robust", tests, ARRAY_SIZE(tests), argc, argv);
	audit_robust__destroy(skel);
	return ret;
}
