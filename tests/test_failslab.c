// SPDX-License-Identifier: GPL-2.0-only
/*
 * bpf_audit_log_start() under fault injection (failslab): the audit core's
 * allocations for a record (the audit_buffer from its kmem_cache, the
 * netlink skb's head and data) fail on purpose, for this test's own task
 * only.  Each failed start must
 *   - return NULL to the program, whose verdict still decides the syscall
 *     (-EPERM when it denies, success when it allows),
 *   - be counted, exactly once, in the audit "lost" counter,
 *   - leave nothing allocated: tests/guest/run ends with a kmemleak scan on
 *     the debug kernel, after every test program.
 *
 * Three ways in:
 *   test_every_start_fails: /sys/kernel/debug/failslab with task-filter,
 *     probability 100, and /proc/thread-self/make-it-fail set around the
 *     syscalls, so every non-blocking slab allocation of this task fails;
 *   test_each_allocation_point: /proc/thread-self/fail-nth, which fails the
 *     Nth allocation of the task, for N = 1, 2, ... until the syscall makes
 *     fewer allocations than N: each allocation on the path of a record
 *     fails once, in turn.
 *   test_excluded_not_lost: a record that a rule excludes, made while the
 *     CPU's spare context is taken (a sleepable program holds a record
 *     while its thread waits in a userfaultfd page fault), by a process
 *     whose allocations all fail: it must cost nothing, not a lost record.
 * failslab ignores allocations that may block (ignore-gfp-wait, kept on), so
 * only the GFP_NOWAIT allocations of the record are hit, not the test's own.
 * Whether the record's context comes from a slab (6.12's kmalloc()), from
 * kmalloc_nolock(), which failslab does not reach, or from a spare, does not
 * matter: every failed start is one lost record.
 *
 * A kernel without CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB or
 * CONFIG_FAULT_INJECTION_DEBUG_FS skips the tests, saying which is missing.
 * The failslab settings, make-it-fail and the debugfs mount are put back
 * as they were found.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/userfaultfd.h>
#include <bpf/libbpf.h>

#include "audit.h"
#include "failslab.skel.h"
#include "test.h"

#ifndef DEBUGFS_MAGIC
#define DEBUGFS_MAGIC 0x64626720
#endif
#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

#define DEBUGFS "/sys/kernel/debug"
#define FAILSLAB DEBUGFS "/failslab"
#define PROC "/proc"
/* This thread's fault injection files. */
#define MAKE_IT_FAIL PROC "/thread-self/make-it-fail"
#define FAIL_NTH PROC "/thread-self/fail-nth"

/* Denied calls of the first test, then allowed ones. */
#define FAILING_CALLS 25
/* fail-nth tries at most this many allocation points. */
#define MAX_ALLOCATION_POINTS 16
/*
 * At least the audit_buffer and the skb's head are allocated for every
 * record, whatever the context comes from.
 */
#define MIN_ALLOCATION_POINTS 2

/* How long a record that must come may take; how long to wait for none. */
#define RECORD_TIMEOUT_MS 3000
#define QUIET_MS 500
/* Records of earlier tests are read until none came for this long. */
#define FLUSH_IDLE_MS 300

#define RECORD_TEXT_MAX 512
#define SETTING_MAX 32
#define PATH_LEN 128

static struct failslab *skel;
static struct bla_audit_record rec;

/* --- files ---------------------------------------------------------------- */

static int write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) != (ssize_t)strlen(val))
		err = -errno;
	close(fd);
	return err;
}

static int read_str(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* --- the fault injection settings, saved and restored ---------------------- */

/*
 * What the tests set in /sys/kernel/debug/failslab: every allocation of a
 * task with make-it-fail fails (probability 100, every time, no budget
 * first), silently (no stack dump in the kernel log), and only if it may
 * not block.
 */
static const struct {
	const char *name;
	const char *value;
} failslab_settings[] = {
	{ "probability", "100" },
	{ "interval", "1" },
	{ "times", "-1" },
	{ "space", "0" },
	{ "verbose", "0" },
	{ "task-filter", "Y" },
	{ "ignore-gfp-wait", "Y" },
	{ "cache-filter", "N" },
};

struct fault_state {
	bool mounted;		/* we mounted debugfs */
	bool saved[ARRAY_SIZE(failslab_settings)];
	char old[ARRAY_SIZE(failslab_settings)][SETTING_MAX];
	char make_it_fail[SETTING_MAX];	/* as found, or empty */
	int make_it_fail_fd;
};

#define FAULT_STATE_INIT { .make_it_fail_fd = -1 }

static bool is_fs(const char *path, long magic)
{
	struct statfs sfs;

	return !statfs(path, &sfs) && sfs.f_type == magic;
}

/*
 * Sets failslab up for this task, or skips the test if the kernel cannot
 * (false, nothing to fail).  false with the test failed if the setup broke.
 */
static bool fault_setup(struct fault_state *st)
{
	char path[PATH_LEN];
	size_t i;

	if (!ASSERT_TRUE(is_fs(PROC, PROC_SUPER_MAGIC), PROC " is a procfs"))
		return false;
	if (access(MAKE_IT_FAIL, F_OK)) {
		test_skip("no " MAKE_IT_FAIL ": kernel without CONFIG_FAULT_INJECTION");
		return false;
	}
	if (!is_fs(DEBUGFS, DEBUGFS_MAGIC)) {
		if (mount("debugfs", DEBUGFS, "debugfs", 0, NULL)) {
			test_skip("cannot mount debugfs at " DEBUGFS ": %s",
				  strerror(errno));
			return false;
		}
		st->mounted = true;
	}
	if (access(FAILSLAB, F_OK)) {
		test_skip("no " FAILSLAB ": kernel without CONFIG_FAILSLAB or CONFIG_FAULT_INJECTION_DEBUG_FS");
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(failslab_settings); i++) {
		snprintf(path, sizeof(path), FAILSLAB "/%s", failslab_settings[i].name);
		if (!ASSERT_OK(read_str(path, st->old[i], SETTING_MAX), path))
			return false;
		st->saved[i] = true;
		if (!ASSERT_OK(write_str(path, failslab_settings[i].value), path))
			return false;
	}
	if (!ASSERT_OK(read_str(MAKE_IT_FAIL, st->make_it_fail, SETTING_MAX),
		       "read " MAKE_IT_FAIL))
		return false;
	st->make_it_fail_fd = open(MAKE_IT_FAIL, O_WRONLY | O_CLOEXEC);
	return ASSERT_GE(st->make_it_fail_fd, 0, "open " MAKE_IT_FAIL);
}

/* Makes this task's allocations fail (1), or not (0). */
static bool make_it_fail(struct fault_state *st, int on)
{
	return ASSERT_EQ(write(st->make_it_fail_fd, on ? "1" : "0", 1), 1,
			 "write " MAKE_IT_FAIL);
}

static void fault_restore(struct fault_state *st)
{
	char path[PATH_LEN];
	size_t i;

	if (st->make_it_fail_fd >= 0) {
		ASSERT_EQ(write(st->make_it_fail_fd, st->make_it_fail,
				strlen(st->make_it_fail)),
			  (ssize_t)strlen(st->make_it_fail), "restore make-it-fail");
		close(st->make_it_fail_fd);
		st->make_it_fail_fd = -1;
	}
	for (i = 0; i < ARRAY_SIZE(failslab_settings); i++) {
		if (!st->saved[i])
			continue;
		snprintf(path, sizeof(path), FAILSLAB "/%s", failslab_settings[i].name);
		ASSERT_OK(write_str(path, st->old[i]), path);
		st->saved[i] = false;
	}
	if (st->mounted) {
		ASSERT_OK(umount(DEBUGFS), "unmount debugfs");
		st->mounted = false;
	}
}

/* --- audit ------------------------------------------------------------------ */

/*
 * A daemon of our own, and a rule that keeps only our record type: the
 * syscall's own records (SYSCALL, PROCTITLE at exit) are excluded before
 * the audit core allocates anything for them, so that every lost record
 * is one of ours.
 */
static bool audit_setup(struct bla_audit *audit)
{
	return ASSERT_OK(bla_audit_listen(audit, AUDIT_BPF_LSM_ACCESS),
			 "audit: only our records, to a daemon of our own");
}

static void reset_program_state(int verdict)
{
	skel->bss->deny = verdict != 0;
	skel->bss->attempts = 0;
	skel->bss->opened = 0;
	skel->bss->nulls = 0;
}

static void expected_record(char *buf, size_t size, int verdict)
{
	snprintf(buf, size,
		 "prog-id=%u pid=%d comm=\"test_failslab\" cause=\"failslab\" opid=%d ocomm=\"test_failslab\" lsm-hook=task_getpgid decision=%s",
		 bpf_prog_id(skel->progs.failslab_getpgid), getpid(), getpid(),
		 verdict ? "denied" : "allowed");
}

/* getpgid() under the program, with the verdict it must give. */
static bool verdict_stands(int verdict)
{
	pid_t pgid = getpgid(getpid());

	if (verdict)
		return pgid == -1 && errno == -verdict;
	return pgid == getpgid(0);
}

/*
 * With allocations working again, the program makes its record and no
 * record is lost: fault injection left nothing behind.
 */
static void check_recovered(struct bla_audit *audit, int verdict)
{
	char want[RECORD_TEXT_MAX];
	long lost0 = bla_audit_lost(audit), lost1;

	if (!ASSERT_GE(lost0, 0, "audit: lost count before"))
		return;
	reset_program_state(verdict);
	expected_record(want, sizeof(want), verdict);
	if (!ASSERT_TRUE(verdict_stands(verdict), "verdict without faults") ||
	    !ASSERT_OK(bla_audit_next(audit, AUDIT_BPF_LSM_ACCESS, &rec,
				      RECORD_TIMEOUT_MS), "the record without faults") ||
	    !ASSERT_STREQ(rec.body, want, "record without faults"))
		return;
	ASSERT_EQ(skel->bss->opened, 1, "records opened without faults");
	lost1 = bla_audit_lost(audit);
	if (ASSERT_GE(lost1, 0, "audit: lost count after"))
		ASSERT_EQ(lost1 - lost0, 0, "records lost without faults");
}

/* No record may come: a failed start leaves nothing to send. */
static void check_no_record(struct bla_audit *audit, const char *what)
{
	int err = bla_audit_next(audit, AUDIT_BPF_LSM_ACCESS, &rec, QUIET_MS);

	if (!err)
		printf("#   unexpected record: %s\n", rec.body);
	ASSERT_EQ(err, -ETIMEDOUT, what);
}

/* --- tests ----------------------------------------------------------------- */

/*
 * Every start fails while make-it-fail is set: FAILING_CALLS calls, as many
 * NULL starts and lost records, the verdict each time.
 */
static void every_start_fails(int verdict)
{
	struct fault_state st = FAULT_STATE_INIT;
	struct bla_audit audit = BLA_AUDIT_INIT;
	struct bpf_link *link = NULL;
	long lost0, lost1;
	int i, wrong = 0;

	if (!fault_setup(&st) || !audit_setup(&audit))
		goto cleanup;
	reset_program_state(verdict);
	link = bpf_program__attach(skel->progs.failslab_getpgid);
	if (!ASSERT_OK_PTR(link, "attach"))
		goto cleanup;
	bla_audit_drain(&audit, FLUSH_IDLE_MS);
	lost0 = bla_audit_lost(&audit);
	if (!ASSERT_GE(lost0, 0, "audit: lost count before") || !make_it_fail(&st, 1))
		goto cleanup;
	for (i = 0; i < FAILING_CALLS; i++)
		wrong += !verdict_stands(verdict);
	if (!make_it_fail(&st, 0))
		goto cleanup;
	lost1 = bla_audit_lost(&audit);
	ASSERT_GE(lost1, 0, "audit: lost count after");
	printf("# make-it-fail, %s: %d calls, %ld starts, %ld NULL, %ld opened, lost +%ld\n",
	       verdict ? "denied" : "allowed", FAILING_CALLS, skel->bss->attempts, skel->bss->nulls,
	       skel->bss->opened, lost1 - lost0);
	ASSERT_EQ(wrong, 0, "calls with another verdict than the program's");
	ASSERT_EQ(skel->bss->attempts, FAILING_CALLS, "starts");
	ASSERT_EQ(skel->bss->nulls, FAILING_CALLS, "starts that returned NULL");
	ASSERT_EQ(skel->bss->opened, 0, "records opened");
	ASSERT_EQ(lost1 - lost0, FAILING_CALLS, "lost records");
	check_no_record(&audit, "no record of a failed start");
	check_recovered(&audit, verdict);
cleanup:
	if (st.make_it_fail_fd >= 0)
		make_it_fail(&st, 0);
	bpf_link__destroy(link);
	fault_restore(&st);
	ASSERT_OK(bla_audit_close(&audit), "audit: close and restore the settings");
	reset_program_state(0);
}

static void test_every_start_fails_denied(void)
{
	every_start_fails(-EPERM);
}

static void test_every_start_fails_allowed(void)
{
	every_start_fails(0);
}

/*
 * Fails the Nth non-blocking allocation of the getpgid() call, for
 * N = 1, 2, ...: each allocation on the path of a record fails once.
 * Stops at the first N that the call no longer reaches, whose record must
 * then come whole.  An allocation of the kernel's own checkers (kmemleak's
 * metadata, which falls back to its pool) may fail without failing the
 * record: then the record must come whole and nothing is lost.  Either
 * way the lost count grows by the starts that returned NULL, exactly.
 */
static void test_each_allocation_point(void)
{
	struct fault_state st = FAULT_STATE_INIT;
	struct bla_audit audit = BLA_AUDIT_INIT;
	struct bpf_link *link = NULL;
	char left[SETTING_MAX], want[RECORD_TEXT_MAX], nth[SETTING_MAX];
	int fd = -1, n, failed_starts = 0, absorbed = 0;
	bool verdict_ok, reached_end = false;
	long lost0, lost1, delta;

	if (!fault_setup(&st) || !audit_setup(&audit))
		goto cleanup;
	if (access(FAIL_NTH, F_OK)) {
		test_skip("no " FAIL_NTH);
		goto cleanup;
	}
	fd = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
	if (!ASSERT_GE(fd, 0, "open " FAIL_NTH))
		goto cleanup;
	link = bpf_program__attach(skel->progs.failslab_getpgid);
	if (!ASSERT_OK_PTR(link, "attach"))
		goto cleanup;
	bla_audit_drain(&audit, FLUSH_IDLE_MS);
	expected_record(want, sizeof(want), -EPERM);

	for (n = 1; n <= MAX_ALLOCATION_POINTS && !reached_end; n++) {
		ssize_t len;

		reset_program_state(-EPERM);
		lost0 = bla_audit_lost(&audit);
		if (!ASSERT_GE(lost0, 0, "audit: lost count before"))
			goto cleanup;
		snprintf(nth, sizeof(nth), "%d", n);
		if (!ASSERT_EQ(pwrite(fd, nth, strlen(nth), 0), (ssize_t)strlen(nth),
			       "write " FAIL_NTH))
			goto cleanup;
		verdict_ok = verdict_stands(-EPERM);
		/* What is left of the count: 0 once the fault was injected. */
		len = pread(fd, left, sizeof(left) - 1, 0);
		if (!ASSERT_EQ(pwrite(fd, "0", 1, 0), 1, "clear " FAIL_NTH) ||
		    !ASSERT_GT(len, 0, "read " FAIL_NTH))
			goto cleanup;
		left[len] = '\0';
		/* Not injected: the call made fewer allocations than n. */
		reached_end = atoi(left) != 0;
		lost1 = bla_audit_lost(&audit);
		if (!ASSERT_GE(lost1, 0, "audit: lost count after"))
			goto cleanup;
		delta = lost1 - lost0;
		if (!reached_end)
			printf("# fail-nth %d: start %s, lost +%ld\n", n,
			       skel->bss->nulls ? "returned NULL" : "opened a record",
			       delta);
		if (!ASSERT_TRUE(verdict_ok, "the program's verdict") ||
		    !ASSERT_EQ(skel->bss->attempts, 1, "starts") ||
		    !ASSERT_EQ(skel->bss->nulls + skel->bss->opened, 1,
			       "start opened a record or returned NULL") ||
		    !ASSERT_EQ(delta, skel->bss->nulls, "lost records"))
			goto cleanup;
		if (skel->bss->nulls) {
			failed_starts++;
			check_no_record(&audit, "no record of a failed start");
			continue;
		}
		if (!reached_end)
			absorbed++;
		if (!ASSERT_OK(bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec,
					      RECORD_TIMEOUT_MS), "the record") ||
		    !ASSERT_STREQ(rec.body, want, "record"))
			goto cleanup;
	}
	printf("# fail-nth: %d allocations reached; %d failed the start, each lost once; %d failed without failing it\n",
	       n - 2, failed_starts, absorbed);
	if (!ASSERT_TRUE(reached_end, "the call made fewer than MAX_ALLOCATION_POINTS allocations"))
		goto cleanup;
	ASSERT_GE(failed_starts, MIN_ALLOCATION_POINTS, "allocations that fail a start");
	check_recovered(&audit, -EPERM);
cleanup:
	if (fd >= 0) {
		if (!ASSERT_EQ(pwrite(fd, "0", 1, 0), 1, "clear " FAIL_NTH))
			printf("#   errno %d (%s)\n", errno, strerror(errno));
		close(fd);
	}
	bpf_link__destroy(link);
	fault_restore(&st);
	ASSERT_OK(bla_audit_close(&audit), "audit: close and restore the settings");
	reset_program_state(0);
}

/* --- an excluded record while the CPU's spare context is taken ------------ */

/* The child: N getpgid() with its allocations failing, then the wrong verdicts. */
static void excluded_child(int go, int done)
{
	int fd, i, wrong = 0;
	char byte;

	if (read(go, &byte, 1) != 1)
		_exit(2);
	fd = open(MAKE_IT_FAIL, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "1", 1) != 1)
		_exit(3);
	for (i = 0; i < FAILING_CALLS; i++)
		wrong += !verdict_stands(-EPERM);
	if (write(fd, "0", 1) != 1)
		_exit(4);
	_exit(write(done, &wrong, sizeof(wrong)) == sizeof(wrong) ? 0 : 5);
}

/* The holder thread: its open() runs failslab_hold, which waits. */
static void *holder_fn(void *arg)
{
	cpu_set_t *cpu = arg;
	int fd;

	skel->bss->holder_tid = gettid();
	if (sched_setaffinity(0, sizeof(*cpu), cpu))
		return (void *)(long)-errno;
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return (void *)(long)-errno;
	close(fd);
	return NULL;
}

/* Waits for the holder's page fault: then its record is open. */
static bool holder_waits(int uffd)
{
	struct pollfd p = { .fd = uffd, .events = POLLIN };
	struct uffd_msg msg;

	if (!ASSERT_EQ(poll(&p, 1, RECORD_TIMEOUT_MS), 1, "the holder's page fault") ||
	    !ASSERT_EQ(read(uffd, &msg, sizeof(msg)), (ssize_t)sizeof(msg),
		       "read the page fault"))
		return false;
	return ASSERT_EQ(msg.event, UFFD_EVENT_PAGEFAULT, "page fault event");
}

/*
 * A record that an audit rule excludes costs no allocation: the context
 * is taken only once audit_log_start() has passed the exclude filter, so
 * a failing allocation is never counted as lost for it (which, under
 * "auditctl -f 2", would panic the machine for a record nobody wanted).
 * The allocation happens only when the CPU's spare context is taken:
 * a sleepable program holds a record open on the CPU while its thread
 * sleeps in a page fault that userfaultfd keeps pending, and meanwhile a
 * child on the same CPU, whose records a rule excludes and whose
 * allocations all fail, calls getpgid() under the program that logs it.
 * None of its starts may count a lost record.  With the context taken
 * first, each counted one on 6.12, whose kmalloc() failslab reaches;
 * 7.3's kmalloc_nolock() is out of failslab's reach.
 */
static void test_excluded_not_lost(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct uffdio_zeropage zero = {};
	struct fault_state st = FAULT_STATE_INIT;
	struct bla_audit audit = BLA_AUDIT_INIT;
	struct bpf_link *link = NULL, *hold_link = NULL;
	int uffd = -1, go[2] = { -1, -1 }, done[2] = { -1, -1 }, wrong = -1;
	int status, i;
	long page_size = sysconf(_SC_PAGESIZE), lost0, lost1;
	char want[RECORD_TEXT_MAX], *page = MAP_FAILED;
	bool holding = false;
	pid_t child = -1;
	pthread_t holder;
	void *holder_ret;
	cpu_set_t cpu;

	if (!fault_setup(&st) || !audit_setup(&audit))
		goto cleanup;
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0 && errno == ENOSYS) {
		test_skip("no userfaultfd: kernel without CONFIG_USERFAULTFD");
		goto cleanup;
	}
	if (!ASSERT_GE(uffd, 0, "userfaultfd") ||
	    !ASSERT_OK(ioctl(uffd, UFFDIO_API, &api), "UFFDIO_API"))
		goto cleanup;
	page = mmap(NULL, page_size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!ASSERT_TRUE(page != MAP_FAILED, "mmap"))
		goto cleanup;
	reg.range.start = (unsigned long)page;
	reg.range.len = page_size;
	zero.range = reg.range;
	if (!ASSERT_OK(ioctl(uffd, UFFDIO_REGISTER, &reg), "UFFDIO_REGISTER"))
		goto cleanup;

	/* The holder and the child share one CPU, and so its spare. */
	CPU_ZERO(&cpu);
	if (!ASSERT_OK(sched_getaffinity(0, sizeof(cpu), &cpu), "sched_getaffinity"))
		goto cleanup;
	for (i = 0; i < CPU_SETSIZE; i++) {
		if (CPU_ISSET(i, &cpu)) {
			CPU_ZERO(&cpu);
			CPU_SET(i, &cpu);
			break;
		}
	}
	if (!ASSERT_OK(pipe2(go, O_CLOEXEC), "pipe") ||
	    !ASSERT_OK(pipe2(done, O_CLOEXEC), "pipe"))
		goto cleanup;
	child = fork();
	if (!ASSERT_GE(child, 0, "fork"))
		goto cleanup;
	if (!child) {
		close(go[1]);
		close(done[0]);
		close(uffd);
		if (sched_setaffinity(0, sizeof(cpu), &cpu))
			_exit(1);
		excluded_child(go[0], done[1]);
	}
	/* A child that dies early closes the only write end: read() sees EOF. */
	close(go[0]);
	close(done[1]);
	go[0] = done[1] = -1;
	if (!ASSERT_OK(bla_audit_exclude_pid(&audit, child),
		       "audit: rule excluding the child's records"))
		goto cleanup;
	skel->bss->target_tgid = child;
	skel->bss->hold_addr = (unsigned long)page;
	skel->bss->held = 0;
	reset_program_state(-EPERM);
	link = bpf_program__attach(skel->progs.failslab_getpgid);
	if (!ASSERT_OK_PTR(link, "attach failslab_getpgid"))
		goto cleanup;
	hold_link = bpf_program__attach(skel->progs.failslab_hold);
	if (!ASSERT_OK_PTR(hold_link, "attach failslab_hold"))
		goto cleanup;
	bla_audit_drain(&audit, FLUSH_IDLE_MS);

	if (!ASSERT_OK(-pthread_create(&holder, NULL, holder_fn, &cpu),
		       "pthread_create holder"))
		goto cleanup;
	holding = true;
	if (!holder_waits(uffd) ||
	    !ASSERT_EQ(skel->bss->held, 1, "the holder's record is open"))
		goto cleanup;
	lost0 = bla_audit_lost(&audit);
	if (!ASSERT_GE(lost0, 0, "audit: lost count before") ||
	    !ASSERT_EQ(write(go[1], "g", 1), 1, "start the child") ||
	    !ASSERT_EQ(read(done[0], &wrong, sizeof(wrong)), (ssize_t)sizeof(wrong),
		       "the child's result"))
		goto cleanup;
	lost1 = bla_audit_lost(&audit);
	ASSERT_GE(lost1, 0, "audit: lost count after");
	printf("# excluded, spare taken, make-it-fail: %d calls, %ld starts, %ld NULL, lost +%ld\n",
	       FAILING_CALLS, skel->bss->attempts, skel->bss->nulls, lost1 - lost0);
	ASSERT_EQ(wrong, 0, "calls with another verdict than the program's");
	ASSERT_EQ(skel->bss->attempts, FAILING_CALLS, "starts");
	ASSERT_EQ(skel->bss->nulls, FAILING_CALLS, "starts that returned NULL");
	ASSERT_EQ(lost1 - lost0, 0, "lost records");

	/* Released, the holder ends its record, which comes whole. */
	if (!ASSERT_OK(ioctl(uffd, UFFDIO_ZEROPAGE, &zero), "UFFDIO_ZEROPAGE"))
		goto cleanup;
	holding = false;
	if (!ASSERT_OK(pthread_join(holder, &holder_ret), "join the holder") ||
	    !ASSERT_OK((long)holder_ret, "the holder's open()"))
		goto cleanup;
	snprintf(want, sizeof(want),
		 "prog-id=%u pid=%d comm=\"test_failslab\" cause=\"held\" lsm-hook=file_open decision=unknown",
		 bpf_prog_id(skel->progs.failslab_hold), getpid());
	if (ASSERT_OK(bla_audit_next(&audit, AUDIT_BPF_LSM_ACCESS, &rec,
				     RECORD_TIMEOUT_MS), "the holder's record"))
		ASSERT_STREQ(rec.body, want, "the holder's record");
	check_no_record(&audit, "no record of the excluded child");
cleanup:
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
	}
	/* With the child gone, closing the userfaultfd wakes the holder. */
	if (uffd >= 0)
		close(uffd);
	if (holding)
		pthread_join(holder, NULL);
	for (i = 0; i < 2; i++) {
		if (go[i] >= 0)
			close(go[i]);
		if (done[i] >= 0)
			close(done[i]);
	}
	if (page != MAP_FAILED)
		munmap(page, page_size);
	bpf_link__destroy(hold_link);
	bpf_link__destroy(link);
	fault_restore(&st);
	ASSERT_OK(bla_audit_close(&audit), "audit: close and restore the settings");
	skel->bss->target_tgid = getpid();
	skel->bss->holder_tid = 0;
	skel->bss->hold_addr = 0;
	skel->bss->held = 0;
	reset_program_state(0);
}

static const struct test tests[] = {
	TEST(test_every_start_fails_denied),
	TEST(test_every_start_fails_allowed),
	TEST(test_each_allocation_point),
	TEST(test_excluded_not_lost),
};

int main(int argc, char **argv)
{
	int ret;

	skel = failslab__open_and_load();
	if (!skel)
		test_bail("load failslab: %s", strerror(errno));
	skel->bss->target_tgid = getpid();
	ret = run_tests("failslab", tests, ARRAY_SIZE(tests), argc, argv);
	failslab__destroy(skel);
	return ret;
}
